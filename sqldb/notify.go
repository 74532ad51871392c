package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// The portal's pages are cached by every web node. A change that readers
// may see (an article published, unpublished or corrected, a category
// renamed) is announced through commitPortal; WatchPortal delivers the
// announcements. On PostgreSQL they travel by NOTIFY on portalChannel, so
// every node sharing the database hears every other node's changes
// (notify_postgres.go). SQLite has one process by nature: announcements go
// to the watchers of the same *DB, in process.

// portalChannel is the PostgreSQL notification channel. The payload is the
// writer's current_schema(), so deployments sharing a database in
// different schemas do not disturb each other.
const portalChannel = "thidua_portal"

// portalHub holds the in-process watchers of one *DB.
type portalHub struct {
	mu   sync.Mutex
	next int
	subs map[int]func()
}

func (db *DB) hub() *portalHub { return db.portal }

func (h *portalHub) add(fn func()) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]func(){}
	}
	h.next++
	h.subs[h.next] = fn
	return h.next
}

func (h *portalHub) remove(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, id)
}

func (h *portalHub) fire() {
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

// commitPortal commits tx, announcing that what readers see has changed.
// On PostgreSQL the NOTIFY is part of the transaction: it is delivered on
// commit and never for a rolled-back change.
func (db *DB) commitPortal(ctx context.Context, tx *Tx) error {
	if db.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, current_schema())`, portalChannel); err != nil {
			return fmt.Errorf("sqldb: notify portal change: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if db.dialect != Postgres {
		db.hub().fire()
	}
	return nil
}

// WatchPortal calls fn whenever what readers see may have changed, until
// ctx ends. It calls fn once as soon as it is listening (and again after
// every reconnection, when announcements may have been missed), so a
// caller can wait for that first call before relying on it. On PostgreSQL
// it holds one connection of its own, LISTENing; a lost connection is
// re-opened with back-off. It returns nil when ctx ends and an error when
// the database is closed.
func (db *DB) WatchPortal(ctx context.Context, fn func()) error {
	if db.dialect == Postgres {
		return db.listenPortal(ctx, fn)
	}
	h := db.hub()
	id := h.add(fn)
	defer h.remove(id)
	fn()
	tick := time.NewTicker(watchCheck)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if db.closed(ctx) {
				return errDBClosed
			}
		}
	}
}

// watchCheck is how often a watcher checks that its database is still open,
// so that it ends with a database closed before its context.
const watchCheck = 10 * time.Second

var errDBClosed = errors.New("sqldb: portal notifications: database is closed")

// closed reports whether db has been closed.
func (db *DB) closed(ctx context.Context) bool {
	cctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	c, err := db.pool.Conn(cctx)
	if err != nil {
		return strings.Contains(err.Error(), "database is closed")
	}
	c.Close()
	return false
}
