package passwd

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestOneHashAtATime: sign-ins at once compute their argon2id keys one
// after another, so their memory is one block, not one per request.
func TestOneHashAtATime(t *testing.T) {
	h, err := Hash("mật khẩu")
	if err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	real := argon2IDKey
	argon2IDKey = func(password, salt []byte, tm, memory uint32, threads uint8, keyLen uint32) []byte {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		defer running.Add(-1)
		return real(password, salt, tm, memory, threads, keyLen)
	}
	defer func() { argon2IDKey = real }()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i%2 == 0 {
				DummyCheck("x")
			} else if ok, err := Check(h, "mật khẩu"); !ok || err != nil {
				t.Errorf("check: %v %v", ok, err)
			}
		})
	}
	wg.Wait()
	if got := most.Load(); got != 1 {
		t.Fatalf("%d argon2id computations ran at once, want 1", got)
	}
}
