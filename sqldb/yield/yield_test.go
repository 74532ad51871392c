package yield

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestBatch(t *testing.T) {
	const gap = 30 * time.Millisecond
	g := New(gap)
	var running, most atomic.Int32
	var mu sync.Mutex
	var spans [][2]time.Time
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := g.Batch(context.Background(), func() error {
				n := running.Add(1)
				defer running.Add(-1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				start := time.Now()
				time.Sleep(5 * time.Millisecond)
				mu.Lock()
				spans = append(spans, [2]time.Time{start, time.Now()})
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d batches ran at once, want 1", most.Load())
	}
	// Batches ran one after another: each started at least gap after the
	// end of the one before it.
	for i := 1; i < len(spans); i++ {
		if d := spans[i][0].Sub(spans[i-1][1]); d < gap {
			t.Errorf("batch %d started %v after the previous one ended, want at least %v", i, d, gap)
		}
	}
}

func TestBatchError(t *testing.T) {
	g := New(0)
	want := errors.New("boom")
	if err := g.Batch(context.Background(), func() error { return want }); err != want {
		t.Errorf("Batch returned %v, want fn's error", err)
	}
	// A failed batch frees the gate.
	if err := g.Batch(context.Background(), func() error { return nil }); err != nil {
		t.Error(err)
	}
	var nilGate *Gate
	ran := false
	if err := nilGate.Batch(context.Background(), func() error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("nil gate: ran %v, err %v", ran, err)
	}
}

func TestBatchCancelled(t *testing.T) {
	g := New(time.Hour)
	if err := g.Batch(context.Background(), func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	// The next batch waits out an hour's gap: a cancelled context ends the
	// wait without running it.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	ran := false
	if err := g.Batch(ctx, func() error { ran = true; return nil }); !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("cancelled wait: err %v, ran %v", err, ran)
	}
	// A batch holding the gate keeps another out until ctx ends.
	h := New(0)
	hold, started, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		h.Batch(context.Background(), func() error { close(started); <-hold; return nil })
		close(done)
	}()
	<-started
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if err := h.Batch(ctx2, func() error { return nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("busy gate: err %v, want deadline exceeded", err)
	}
	close(hold)
	<-done
}
