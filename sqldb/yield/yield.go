// Package yield spaces out the long writes of background work (the first
// computation of stored statistics and verdicts over a province), so that a
// request's short write is never starved of the database by them.
//
// On SQLite one connection writes at a time; the others wait in the busy
// handler, which sleeps and retries with a back-off that reaches 100 ms
// between tries. Background work that commits a batch and at once begins
// the next one takes the write lock again before a sleeping request wakes,
// batch after batch, until the request's busy timeout ends in "database is
// locked" — a sign-in refused with a 500 while a province is computed. A
// Gate lets one heavy batch run at a time in the process and leaves a gap
// longer than that back-off after each, in which a waiting writer gets its
// turn.
package yield

import (
	"context"
	"time"
)

// SQLiteGap is the pause after a heavy batch on SQLite: longer than the
// longest sleep of SQLite's busy handler (100 ms).
const SQLiteGap = 120 * time.Millisecond

// Gate runs heavy batches one at a time, with Gap between the end of one
// and the start of the next (no gap on PostgreSQL, where writers lock
// rows, not the database). Make one with New.
type Gate struct {
	Gap  time.Duration
	sem  chan struct{}
	last time.Time
}

// New returns a gate with the given gap.
func New(gap time.Duration) *Gate {
	return &Gate{Gap: gap, sem: make(chan struct{}, 1)}
}

// Batch waits for the gate (or ctx), waits out the gap after the previous
// batch, runs fn and returns its error. A nil Gate runs fn at once.
func (g *Gate) Batch(ctx context.Context, fn func() error) error {
	if g == nil {
		return fn()
	}
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() {
		g.last = time.Now()
		<-g.sem
	}()
	if wait := g.Gap - time.Since(g.last); wait > 0 && !g.last.IsZero() {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	return fn()
}
