// Package sqldb stores the thidua domain in SQL through database/sql: SQLite
// (modernc.org/sqlite, pure Go) by default and PostgreSQL (pgx) for larger
// deployments. Queries are written once with $n placeholders; the few
// differences between the two live in dialect.go.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"thidua/sqldb/ballotbox"
	"thidua/sqldb/forecasts"
	"thidua/sqldb/jobqueue"
	"thidua/sqldb/notify"
	"thidua/sqldb/verdicts"
	"thidua/sqldb/yield"
	"time"

	"thidua"
)

//go:embed migrations
var migrationFS embed.FS

// DB is a handle to the database. It implements the domain services.
type DB struct {
	// Queue claims, follows and finishes background jobs.
	jobqueue.Queue
	// db runs queries: the pool, or the transaction of a scoped store (InTx).
	db   Handle
	pool *sql.DB
	// scope is the transaction of a store made by InTx, nil otherwise.
	scope   *txScope
	dialect Dialect
	// URL is the database URL the handle was opened with (secrets included).
	URL string
	// Now returns the current time; tests may replace it.
	Now func() time.Time
	// judge judges a proposal's nominees when it is submitted.
	judge thidua.NomineeJudge
	// portal holds the in-process watchers of portal changes (WatchPortal).
	portal *notify.Hub
	// custody holds the trustees' key shares until each downloads theirs.
	custody *ballotbox.Custody
	// statsBusy is held while this process refreshes the stored
	// statistics (stats.go).
	statsBusy *sync.Mutex
	// gate spaces out the batches of background writes (sqldb/yield).
	gate *yield.Gate
	// statsLeft is how many subjects the refresh of the stored statistics
	// running in this process has left (-1: not listed yet; 0: none
	// running), so a request knows whether to wait for it.
	statsLeft *atomic.Int64
	// statsCells keeps the last readings of the statistics' cells
	// (stats_cache.go).
	statsCells *cellsCache
	// elig keeps the eligibility table's verdicts (eligibility.go); Tables
	// the collectives' and the background refresh (sqldb/verdicts).
	elig *verdicts.Store
	*verdicts.Tables
	// forecasts keeps the computed forecasts (forecast.go).
	forecasts *forecasts.Cache
}

// SetJudge sets the eligibility service that judges a proposal's nominees
// inside the transaction that submits it (rules.Service).
func (db *DB) SetJudge(j thidua.NomineeJudge) { db.judge = j }

// Interface checks.
var (
	_ thidua.UnitService   = (*DB)(nil)
	_ thidua.PersonService = (*DB)(nil)
	_ thidua.UserService   = (*DB)(nil)
	_ thidua.AuditService  = (*DB)(nil)
	_ thidua.AuthStore     = (*DB)(nil)
)

// Open opens the database named by url: a postgres:// (or postgresql://) URL
// for PostgreSQL; a sqlite: URL or a plain file path for SQLite, whose file
// and folder are created when missing. It checks that the database answers.
func Open(ctx context.Context, url string) (*DB, error) {
	d, dsn, err := parseURL(url)
	if err != nil {
		return nil, err
	}
	if d == SQLite {
		if err := checkSQLiteFile(dsn); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open(d.driver(), d.dsn(dsn))
	if err != nil {
		return nil, fmt.Errorf("sqldb: open: %w", err)
	}
	if d == SQLite {
		// One writer at a time is what SQLite allows anyway; with
		// _txlock=immediate writers queue on busy_timeout instead of failing.
		db.SetMaxOpenConns(8)
	} else {
		db.SetMaxOpenConns(20)
	}
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqldb: %s does not answer: %w", d, err)
	}
	if d == SQLite {
		// A file that is not a database passes Ping; reading the schema catches it.
		var n int
		if err := db.QueryRowContext(pctx, `SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqldb: %s is not a usable SQLite database: %w", dsn, err)
		}
	}
	gap := yield.SQLiteGap
	if d == Postgres {
		gap = 0
	}
	gate := yield.New(gap)
	s := &DB{db: db, pool: db, dialect: d, URL: url, Now: time.Now, portal: &notify.Hub{}, custody: &ballotbox.Custody{}, statsBusy: &sync.Mutex{},
		gate: gate, statsLeft: &atomic.Int64{}, statsCells: &cellsCache{}, elig: &verdicts.Store{DB: db, Postgres: d == Postgres, Gate: gate}}
	s.Tables = &verdicts.Tables{Store: s.elig, Histories: s}
	s.forecasts = &forecasts.Cache{DB: db}
	s.Queue = jobqueue.Queue{Handle: db, Now: func() time.Time { return s.Now() }, MapError: d.mapError}
	return s, nil
}

func checkSQLiteFile(path string) error {
	if path == ":memory:" || strings.HasPrefix(path, "file::memory:") {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("sqldb: cannot create folder %s: %w", dir, err)
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error { return db.pool.Close() }

// Dialect returns which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// SQL returns the underlying *sql.DB, for health checks and tests.
func (db *DB) SQL() *sql.DB { return db.pool }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.pool.PingContext(ctx) }

// Migrate applies the embedded migrations that have not run yet, each in its
// own transaction, and returns the names it applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	dir := "migrations/" + db.dialect.String()
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("sqldb: migrations: %w", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)

	var applied []string
	for _, name := range names {
		ok, err := db.migrateFile(ctx, dir, name)
		if err != nil {
			return applied, err
		}
		if ok {
			applied = append(applied, name)
		}
	}
	if len(applied) > 0 && db.dialect == SQLite {
		// Old row versions (the plaintext ballot box before 0010) must
		// not survive in the WAL.
		if _, err := db.pool.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return applied, fmt.Errorf("sqldb: checkpoint: %w", err)
		}
	}
	return applied, nil
}

func (db *DB) migrateFile(ctx context.Context, dir, name string) (bool, error) {
	tx, err := db.pool.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sqldb: migrate %s: %w", name, err)
	}
	defer tx.Rollback()
	// Two servers starting on one PostgreSQL must not both migrate.
	if lock := db.dialect.migrationLock(); lock != "" {
		if _, err := tx.ExecContext(ctx, lock); err != nil {
			return false, fmt.Errorf("sqldb: migration lock: %w", err)
		}
	}
	// Created under the lock: two servers starting together on one
	// PostgreSQL would otherwise race on the catalog.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return false, fmt.Errorf("sqldb: migrations table: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = $1`, name).Scan(&n); err != nil {
		return false, fmt.Errorf("sqldb: migrate %s: %w", name, err)
	}
	if n > 0 {
		return false, nil
	}
	body, err := fs.ReadFile(migrationFS, dir+"/"+name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("sqldb: migrate %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)`,
		name, db.Now().UTC().Format(time.RFC3339)); err != nil {
		return false, fmt.Errorf("sqldb: migrate %s: %w", name, err)
	}
	return true, tx.Commit()
}

// Exclusive runs fn while holding a database-wide lock, so that of several
// servers starting together on one PostgreSQL only one runs start-up work
// such as loading the demo data at a time. On SQLite it just runs fn.
func (db *DB) Exclusive(ctx context.Context, fn func() error) error {
	if db.dialect != Postgres {
		return fn()
	}
	conn, err := db.pool.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqldb: lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7042002)`); err != nil {
		return fmt.Errorf("sqldb: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7042002)`)
	return fn()
}

// Tx is a transaction with the time fixed at its start and the actor of the
// change, so every row and audit entry it writes agree.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
	ctx context.Context
	// savepoint names the savepoint standing for this transaction in a
	// scoped store (InTx); done is set once it is released or rolled back.
	savepoint string
	done      bool
}

func (db *DB) begin(ctx context.Context) (*Tx, error) {
	if db.scope != nil {
		return db.scope.savepoint(ctx, db)
	}
	tx, err := db.pool.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqldb: begin: %w", db.dialect.mapError(err))
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond), ctx: ctx}, nil
}

// queryer is what *sql.DB and *Tx share, so that read helpers work in both.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// actor returns the user in ctx, or an error when ctx carries neither a
// user nor the system mark.
func actor(ctx context.Context) (*thidua.User, error) {
	if u := thidua.UserFromContext(ctx); u != nil {
		return u, nil
	}
	if thidua.IsSystemContext(ctx) {
		return nil, nil
	}
	return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
}

// scopeClause returns a SQL predicate limiting column pathCol (a unit path)
// to the units where the user in ctx holds permission p, with its args
// numbered from len(args)+1. The system context sees everything.
func scopeClause(ctx context.Context, p thidua.Permission, pathCol string, args []any) (string, []any, error) {
	u, err := actor(ctx)
	if err != nil {
		return "", nil, err
	}
	if u == nil {
		return "1 = 1", args, nil
	}
	all, paths := u.Scope(p)
	if all {
		return "1 = 1", args, nil
	}
	if len(paths) == 0 {
		return "1 = 0", args, nil
	}
	var ors []string
	for _, path := range paths {
		args = append(args, path+"%")
		ors = append(ors, fmt.Sprintf("%s LIKE $%d", pathCol, len(args)))
	}
	return "(" + strings.Join(ors, " OR ") + ")", args, nil
}

// requireCovers returns EFORBIDDEN unless the user in ctx holds p on the unit path.
func requireCovers(ctx context.Context, p thidua.Permission, path string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u == nil || u.Covers(p, path) {
		return nil
	}
	return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với đơn vị này.")
}

// requirePerm returns EFORBIDDEN unless the user in ctx holds p somewhere.
func requirePerm(ctx context.Context, p thidua.Permission) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u == nil || u.Can(p) {
		return nil
	}
	return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.")
}

func limitOffset(limit, offset, max int) (int, int) {
	if limit <= 0 || limit > max {
		limit = max
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

func nullDate(d thidua.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.ISO()
}

func scanDate(s sql.NullString) thidua.Date {
	if !s.Valid {
		return thidua.Date{}
	}
	d, _ := thidua.ParseDate(s.String)
	return d
}

func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func notFound(what string) error {
	return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy %s.", what)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// nullTime scans a nullable timestamp.
type nullTime struct{ sql.NullTime }

func (n nullTime) get() time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return n.Time.UTC()
}
