// Package demotest gives tests a database holding the demo office without
// loading it again for every test. The first test of a binary that asks for
// one loads the demo office (demo.Load) into a template database; every test
// then gets a copy of it: SQLite by copying the template's file, PostgreSQL
// by CREATE DATABASE … TEMPLATE. The data is what demo.Load writes, which is
// fixed, so a copy holds what a fresh load would, except for times and the
// demo accounts' password hashes: they are made with cheap parameters
// (TestHashParams) so that signing in costs next to nothing.
//
// It is for tests only: no package outside tests may import it. A test
// binary that uses PostgreSQL should call Main (or Cleanup) from its
// TestMain, so that the template database is dropped when the binary ends;
// databases left behind by a killed binary are dropped by a later run once
// they are a day old.
package demotest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/demo"
	"thidua/passwd"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// Office is a test's own copy of the demo office.
type Office struct {
	// DB is open on the copy and closed when the test ends.
	DB *sqldb.DB
	// URL opens the copy again (a second server on the same database).
	URL string
	// Accounts are the demo accounts with their passwords, as demo.Load
	// returns them.
	Accounts []demo.Account
}

// ForEach runs fn as a subtest on a SQLite copy and on a PostgreSQL copy of
// the demo office.
func ForEach(t *testing.T, fn func(t *testing.T, o *Office)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns an open copy of the demo office in a SQLite file of the
// test's temporary folder.
func SQLite(tb testing.TB) *Office {
	tb.Helper()
	path, accounts := SQLiteFile(tb)
	return &Office{DB: Open(tb, path), URL: path, Accounts: accounts}
}

// SQLiteFile writes a copy of the demo office to a SQLite file in the test's
// temporary folder and returns its path, for code that opens the database
// itself.
func SQLiteFile(tb testing.TB) (string, []demo.Account) {
	tb.Helper()
	t, err := sqliteTemplate()
	if err != nil {
		tb.Fatalf("demotest: SQLite template: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "thidua.db")
	if err := os.WriteFile(path, t.file, 0o600); err != nil {
		tb.Fatalf("demotest: copy the SQLite template: %v", err)
	}
	return path, slices.Clone(t.accounts)
}

// Postgres returns an open copy of the demo office in a new PostgreSQL
// database (dropped when the test ends). Without THIDUA_TEST_POSTGRES_URL
// the test is skipped, or fails when CI=true, as with sqldbtest.
func Postgres(tb testing.TB) *Office {
	tb.Helper()
	u, accounts := PostgresURL(tb)
	return &Office{DB: Open(tb, u), URL: u, Accounts: accounts}
}

// PostgresURL creates a new PostgreSQL database from the demo template,
// drops it when the test ends, and returns its URL.
func PostgresURL(tb testing.TB) (string, []demo.Account) {
	tb.Helper()
	base := sqldbtest.PostgresBaseURL(tb)
	t, err := postgresTemplate(base)
	if err != nil {
		tb.Fatalf("demotest: PostgreSQL template: %v", err)
	}
	name := dbName(copyPrefix)
	if err := adminExec(base, `CREATE DATABASE `+name+` TEMPLATE `+t.name); err != nil {
		tb.Fatalf("demotest: copy the PostgreSQL template: %v", err)
	}
	tb.Cleanup(func() { adminExec(base, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) })
	u, err := databaseURL(base, name)
	if err != nil {
		tb.Fatal(err)
	}
	return u, slices.Clone(t.accounts)
}

// EmptyPostgresURL creates a new, empty PostgreSQL database (no tables;
// dropped when the test ends), for restores, and returns its URL.
func EmptyPostgresURL(tb testing.TB) string {
	tb.Helper()
	base := sqldbtest.PostgresBaseURL(tb)
	name := dbName(copyPrefix)
	if err := adminExec(base, `CREATE DATABASE `+name+` TEMPLATE template0`); err != nil {
		tb.Fatalf("demotest: create an empty database: %v", err)
	}
	tb.Cleanup(func() { adminExec(base, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) })
	u, err := databaseURL(base, name)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// Open opens the database at url (SQLite path or PostgreSQL URL) and closes
// it when the test ends; unlike sqldbtest.Open it does not migrate.
func Open(tb testing.TB, url string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		tb.Fatalf("demotest: open %s: %v", url, err)
	}
	tb.Cleanup(func() { db.Close() })
	db.SetJudge(rules.NewService(nil, "")) // the real engine judges submitted proposals
	return db
}

// Main runs the tests, then Cleanup, and exits with the tests' status.
// Call it from TestMain:
//
//	func TestMain(m *testing.M) { demotest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// Cleanup drops the PostgreSQL template, if one was made, for a TestMain
// that has more to do than Main.
func Cleanup() {
	pgOnce.mu.Lock()
	defer pgOnce.mu.Unlock()
	if pgOnce.t != nil {
		adminExec(pgOnce.base, `DROP DATABASE IF EXISTS `+pgOnce.t.name+` WITH (FORCE)`)
		pgOnce.t, pgOnce.err = nil, errors.New("demotest: Cleanup has dropped the template")
	}
}

// template is a loaded demo office to copy.
type template struct {
	file     []byte // SQLite: the database file
	name     string // PostgreSQL: the template database
	accounts []demo.Account
}

var sqliteOnce struct {
	sync.Mutex
	t   *template
	err error
}

// sqliteTemplate loads the demo office into a SQLite file once and keeps
// the file's bytes.
func sqliteTemplate() (*template, error) {
	sqliteOnce.Lock()
	defer sqliteOnce.Unlock()
	if sqliteOnce.t == nil && sqliteOnce.err == nil {
		sqliteOnce.t, sqliteOnce.err = buildSQLite()
	}
	return sqliteOnce.t, sqliteOnce.err
}

func buildSQLite() (*template, error) {
	dir, err := os.MkdirTemp("", "thidua-demotest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	accounts, err := load(path)
	if err != nil {
		return nil, err
	}
	// load closed the database, which checkpointed the WAL into the file;
	// a WAL left behind would mean the file alone is not the whole database.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("%s-wal is not empty after closing the database", path)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &template{file: file, accounts: accounts}, nil
}

var pgOnce struct {
	mu   sync.Mutex
	t    *template
	base string
	err  error
}

// postgresTemplate loads the demo office into a new PostgreSQL database
// once per test binary.
func postgresTemplate(base string) (*template, error) {
	pgOnce.mu.Lock()
	defer pgOnce.mu.Unlock()
	if pgOnce.t == nil && pgOnce.err == nil {
		pgOnce.base = base
		pgOnce.t, pgOnce.err = buildPostgres(base)
	}
	return pgOnce.t, pgOnce.err
}

func buildPostgres(base string) (*template, error) {
	dropStale(base)
	name := dbName(templatePrefix)
	if err := adminExec(base, `CREATE DATABASE `+name+` TEMPLATE template0 ENCODING 'UTF8'`); err != nil {
		return nil, err
	}
	u, err := databaseURL(base, name)
	if err != nil {
		return nil, err
	}
	accounts, err := load(u)
	if err != nil {
		adminExec(base, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		return nil, err
	}
	// Only a template no one is connected to can be copied: keep everyone out.
	if err := adminExec(base, `ALTER DATABASE `+name+` WITH ALLOW_CONNECTIONS false`); err != nil {
		adminExec(base, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		return nil, err
	}
	return &template{name: name, accounts: accounts}, nil
}

// load migrates the database at url, loads the demo office and closes it.
func load(url string) ([]demo.Account, error) {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	accounts, err := demo.Load(thidua.NewSystemContext(ctx), db)
	if err == nil {
		err = cheapenPasswords(ctx, db, append(append(accounts, demo.CouncilAccounts...), demo.ProvinceAccounts...))
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return accounts, db.Close()
}

// TestHashParams are the argon2id parameters of the demo accounts'
// password hashes in a copy: the smallest argon2 allows. passwd.Check reads
// the parameters from the stored hash, so signing in with a demo account
// runs the same code as in production but costs microseconds instead of
// tens of milliseconds and 19 MiB — the web tests sign in with HTTP Basic
// on nearly every API request, and hashing was three quarters of their
// time. Accounts made during a test get passwd.Default as always, and
// demo.Load itself (with the production parameters) is tested in package
// demo.
var TestHashParams = passwd.Params{Memory: 8, Time: 1, Threads: 1}

// cheapenPasswords rehashes the demo accounts' passwords with
// TestHashParams, straight in the users table: it is not a change the
// office made, so it leaves no audit entry and no new version.
func cheapenPasswords(ctx context.Context, db *sqldb.DB, accounts []demo.Account) error {
	for _, a := range accounts {
		h, err := passwd.HashWith(TestHashParams, a.Password)
		if err != nil {
			return err
		}
		res, err := db.SQL().ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE username = $2`, h, a.Username)
		if err != nil {
			return fmt.Errorf("rehash the password of %s: %w", a.Username, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("rehash the password of %s: %d accounts", a.Username, n)
		}
	}
	return nil
}

// Names of the databases made here: prefix, creation time, random part.
const (
	templatePrefix = "thidua_demotpl_"
	copyPrefix     = "thidua_democopy_"
)

func dbName(prefix string) string {
	b := make([]byte, 4)
	rand.Read(b)
	return prefix + strconv.FormatInt(time.Now().Unix(), 10) + "_" + hex.EncodeToString(b)
}

// dropStale drops the databases of binaries that ended without cleaning
// up (killed by a timeout, say): those made here over a day ago.
func dropStale(base string) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return
	}
	defer admin.Close()
	rows, err := admin.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'thidua\_demo%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		for _, p := range []string{templatePrefix, copyPrefix} {
			rest, ok := strings.CutPrefix(name, p)
			if !ok {
				continue
			}
			stamp, _, _ := strings.Cut(rest, "_")
			if sec, err := strconv.ParseInt(stamp, 10, 64); err == nil && time.Since(time.Unix(sec, 0)) > 24*time.Hour {
				stale = append(stale, name)
			}
		}
	}
	rows.Close()
	for _, name := range stale {
		admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	}
}

// adminExec runs one statement on the server's maintenance connection
// (CREATE and DROP DATABASE cannot run inside a transaction).
func adminExec(base, stmt string) error {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.Exec(stmt); err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return nil
}

// databaseURL is base pointing at database name, with the default
// search_path (the template's objects live in its public schema).
func databaseURL(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", errors.New("demotest: bad " + sqldbtest.PostgresEnv)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
