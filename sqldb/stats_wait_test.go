package sqldb

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestLockWithin(t *testing.T) {
	var mu sync.Mutex
	if !lockWithin(context.Background(), &mu, time.Millisecond) {
		t.Fatal("a free lock was not taken")
	}
	// Held, then freed within the wait: taken.
	go func() { time.Sleep(30 * time.Millisecond); mu.Unlock() }()
	if !lockWithin(context.Background(), &mu, 5*time.Second) {
		t.Fatal("a lock freed within the wait was not taken")
	}
	// Held past the wait: not taken.
	if lockWithin(context.Background(), &mu, 40*time.Millisecond) {
		t.Fatal("a held lock was taken")
	}
	// Held, and the request ends first: not taken.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if lockWithin(ctx, &mu, time.Hour) {
		t.Fatal("a held lock was taken after the context ended")
	}
	mu.Unlock()
}
