package sqldb

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLockWithin(t *testing.T) {
	var mu sync.Mutex
	if !lockWithin(context.Background(), &mu, time.Millisecond, nil) {
		t.Fatal("a free lock was not taken")
	}
	// Held, then freed within the wait: taken.
	go func() { time.Sleep(30 * time.Millisecond); mu.Unlock() }()
	if !lockWithin(context.Background(), &mu, 5*time.Second, nil) {
		t.Fatal("a lock freed within the wait was not taken")
	}
	// Held past the wait: not taken.
	if lockWithin(context.Background(), &mu, 40*time.Millisecond, nil) {
		t.Fatal("a held lock was taken")
	}
	// Held, and the request ends first: not taken.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if lockWithin(ctx, &mu, time.Hour, nil) {
		t.Fatal("a held lock was taken after the context ended")
	}
	// Held, and the wait stops being worth it (a refresh with many
	// subjects left): not taken, long before the wait ends.
	var left atomic.Int64
	left.Store(-1)
	go func() { time.Sleep(20 * time.Millisecond); left.Store(50_000) }()
	start := time.Now()
	if lockWithin(context.Background(), &mu, time.Hour, func() bool { n := left.Load(); return n < 0 || n <= 1000 }) {
		t.Fatal("a held lock was taken")
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("waited %v for a refresh not worth waiting for", d)
	}
	mu.Unlock()
}
