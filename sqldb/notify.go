package sqldb

import (
	"context"
	"fmt"
	"thidua/sqldb/notify"
)

// The portal's pages are cached by every web node. A change that readers
// may see (an article published, unpublished or corrected, a category
// renamed) is announced through commitPortal; WatchPortal delivers the
// announcements. On PostgreSQL they travel by NOTIFY on notify.Channel, so
// every node sharing the database hears every other node's changes
// (package notify). SQLite has one process by nature: announcements go
// to the watchers of the same *DB, in process.

// commitPortal commits tx, announcing that what readers see has changed.
// On PostgreSQL the NOTIFY is part of the transaction: it is delivered on
// commit and never for a rolled-back change.
func (db *DB) commitPortal(ctx context.Context, tx *Tx) error {
	if db.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, current_schema())`, notify.Channel); err != nil {
			return fmt.Errorf("sqldb: notify portal change: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if db.dialect != Postgres {
		db.portal.Fire()
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
		return notify.Listen(ctx, db.pool, fn)
	}
	return notify.WatchLocal(ctx, db.pool, db.portal, fn)
}
