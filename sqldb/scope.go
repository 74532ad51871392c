package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"thidua"
	"time"
)

// Handle runs queries: *sql.DB, or *sql.Tx in a scoped store (InTx).
type Handle interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txScope is the one transaction of a store made by InTx.
type txScope struct {
	tx *sql.Tx
	n  int
}

// InTx runs fn with a store whose every service method works inside one
// transaction, committed when fn returns nil and rolled back otherwise: a
// method's own transaction becomes a savepoint, so a method that fails
// undoes only its part, as it would alone. The store must not be used after
// fn returns, nor from several goroutines.
func (db *DB) InTx(ctx context.Context, fn func(s *DB) error) error {
	if db.scope != nil {
		return fn(db)
	}
	tx, err := db.pool.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: begin: %w", db.dialect.mapError(err))
	}
	defer tx.Rollback()
	s := *db
	s.db, s.scope = tx, &txScope{tx: tx}
	s.Queue.Handle = tx
	if err := fn(&s); err != nil {
		return err
	}
	return tx.Commit()
}

func (sc *txScope) savepoint(ctx context.Context, db *DB) (*Tx, error) {
	sc.n++
	name := fmt.Sprintf("sp%d", sc.n)
	if _, err := sc.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return nil, fmt.Errorf("sqldb: savepoint: %w", err)
	}
	return &Tx{Tx: sc.tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond), ctx: ctx, savepoint: name}, nil
}

// Commit commits the transaction, or releases the savepoint of a method
// of a scoped store.
func (tx *Tx) Commit() error {
	if tx.savepoint == "" {
		return tx.Tx.Commit()
	}
	if tx.done {
		return sql.ErrTxDone
	}
	tx.done = true
	_, err := tx.Tx.ExecContext(tx.ctx, "RELEASE SAVEPOINT "+tx.savepoint)
	return err
}

// Rollback rolls back the transaction, or a scoped method's savepoint.
func (tx *Tx) Rollback() error {
	if tx.savepoint == "" {
		return tx.Tx.Rollback()
	}
	if tx.done {
		return sql.ErrTxDone
	}
	tx.done = true
	_, err := tx.Tx.ExecContext(context.WithoutCancel(tx.ctx), "ROLLBACK TO SAVEPOINT "+tx.savepoint)
	return err
}

// Atomically is InTx for callers that do not import sqldb (demo.Load).
func (db *DB) Atomically(ctx context.Context, fn func(s any) error) error {
	return db.InTx(ctx, func(s *DB) error { return fn(s) })
}

// Queries returns what runs the store's queries: the pool, or in a scoped
// store its transaction (ops: export and load).
func (db *DB) Queries() Handle { return db.db }

// Change runs fn in a transaction and records it in the audit log there,
// for changes made outside the services (ops: retrying a failed job).
func (db *DB) Change(ctx context.Context, action, entity string, id int64, before, after any, fn func(h Handle) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.audit(action, entity, id, before, after); err != nil {
		return err
	}
	return tx.Commit()
}

// Begin starts a transaction for a store of a sub-package (sqldb/articles):
// the time is fixed at its start, and in a scoped store (InTx) it is a
// savepoint of the scope's transaction. Roll it back (deferred) and commit
// it, or hand it to CommitPortal.
func (db *DB) Begin(ctx context.Context) (*Tx, error) { return db.begin(ctx) }

// Now is the time fixed at the transaction's start, for every row and audit
// entry it writes.
func (tx *Tx) Now() time.Time { return tx.now }

// Audit appends an entry to the audit log inside tx.
func (tx *Tx) Audit(action, entity string, id int64, before, after any) error {
	return tx.audit(action, entity, id, before, after)
}

// CommitPortal commits tx and announces that what the portal's readers see
// may have changed (see WatchPortal).
func (db *DB) CommitPortal(ctx context.Context, tx *Tx) error { return db.commitPortal(ctx, tx) }

// MapError turns the database's errors into the domain's (a value too long,
// a broken reference).
func (db *DB) MapError(err error) error { return db.dialect.mapError(err) }

// Actor returns the user in ctx (nil for the system), or EUNAUTHORIZED;
// RequirePerm returns EFORBIDDEN unless that user holds p somewhere;
// LimitOffset bounds a page. The stores of sub-packages call these rather
// than keep copies.
func Actor(ctx context.Context) (*thidua.User, error)            { return actor(ctx) }
func RequirePerm(ctx context.Context, p thidua.Permission) error { return requirePerm(ctx, p) }
func LimitOffset(limit, offset, max int) (int, int)              { return limitOffset(limit, offset, max) }
