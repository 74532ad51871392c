// Package sqldbtest opens throw-away databases for tests: a SQLite file in
// a temporary folder, and a fresh schema on the PostgreSQL named by
// THIDUA_TEST_POSTGRES_URL.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"thidua/rules"
	"thidua/sqldb"
)

// PostgresEnv names the environment variable holding the test server's URL.
const PostgresEnv = "THIDUA_TEST_POSTGRES_URL"

// ForEach runs fn as a subtest against SQLite and against PostgreSQL.
func ForEach(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, OpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

// OpenSQLite returns a migrated SQLite database in a temporary folder.
func OpenSQLite(tb testing.TB) *sqldb.DB {
	tb.Helper()
	return open(tb, filepath.Join(tb.TempDir(), "thidua.db"))
}

// PostgresURL returns a URL to a new, empty schema on the test PostgreSQL
// (dropped when the test ends). Without THIDUA_TEST_POSTGRES_URL the test is
// skipped with a message saying how to enable it, or fails when CI=true.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := PostgresBaseURL(tb)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("PostgreSQL at %s does not answer: %v", PostgresEnv, err)
	}
	tb.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			a.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("bad %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// PostgresBaseURL returns THIDUA_TEST_POSTGRES_URL. Without it the test is
// skipped with a message saying how to enable it, or fails when CI=true.
func PostgresBaseURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		msg := "PostgreSQL tests need " + PostgresEnv + " (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable); .ci/run sets it"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg + ": CI must not skip them")
		}
		tb.Skip("skipping: " + msg)
	}
	return base
}

// OpenPostgres returns a migrated database in a fresh PostgreSQL schema.
func OpenPostgres(tb testing.TB) *sqldb.DB {
	tb.Helper()
	return open(tb, PostgresURL(tb))
}

// Open opens and migrates the database at url, closing it when the test ends.
func Open(tb testing.TB, url string) *sqldb.DB {
	tb.Helper()
	return open(tb, url)
}

func open(tb testing.TB, url string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	db.SetJudge(rules.NewService(nil, "")) // the real engine judges submitted proposals
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// RandomSuffix returns a short random hex string.
func RandomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}
