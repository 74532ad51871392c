// Package notify carries the announcements that what the portal's readers
// see has changed. On PostgreSQL they travel by NOTIFY on Channel, so every
// node sharing the database hears every other node's changes (Listen);
// SQLite has one process by nature, and a Hub delivers them in process
// (WatchLocal).
package notify

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"
)

// Channel is the PostgreSQL notification channel. The payload is the
// writer's current_schema(), so deployments sharing a database in
// different schemas do not disturb each other.
const Channel = "thidua_portal"

// Hub holds the in-process watchers of one database handle (SQLite: one
// process by nature).
type Hub struct {
	mu   sync.Mutex
	next int
	subs map[int]func()
}

// Add registers fn and returns its id for Remove.
func (h *Hub) Add(fn func()) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]func(){}
	}
	h.next++
	h.subs[h.next] = fn
	return h.next
}

// Remove drops the watcher id.
func (h *Hub) Remove(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, id)
}

// Fire calls every watcher.
func (h *Hub) Fire() {
	h.mu.Lock()
	fns := make([]func(), 0, len(h.subs))
	for _, fn := range h.subs {
		fns = append(fns, fn)
	}
	h.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// WatchLocal calls fn at once and on every h.Fire until ctx ends; it
// returns ErrClosed when db is closed first.
func WatchLocal(ctx context.Context, db *sql.DB, h *Hub, fn func()) error {
	id := h.Add(fn)
	defer h.Remove(id)
	fn()
	tick := time.NewTicker(watchCheck)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if Closed(ctx, db) {
				return ErrClosed
			}
		}
	}
}

// watchCheck is how often a watcher checks that its database is still open,
// so that it ends with a database closed before its context.
const watchCheck = 10 * time.Second

// ErrClosed is returned by a watch whose database has been closed.
var ErrClosed = errors.New("sqldb: portal notifications: database is closed")

// Closed reports whether db has been closed.
func Closed(ctx context.Context, db *sql.DB) bool {
	cctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	c, err := db.Conn(cctx)
	if err != nil {
		return strings.Contains(err.Error(), "database is closed")
	}
	c.Close()
	return false
}
