package sqldb

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"thidua"
)

// Dialect names a supported database.
type Dialect int

// Supported dialects.
const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

func (d Dialect) driver() string {
	if d == Postgres {
		return "pgx"
	}
	return "sqlite"
}

// sqlitePragmas are applied to every pooled connection (stack.md §1);
// secure_delete zeroes freed content, so deleted rows (the old plaintext
// ballot box) do not linger in free pages.
const sqlitePragmas = "_pragma=secure_delete(1)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"

func (d Dialect) dsn(s string) string {
	if d == Postgres {
		return s
	}
	sep := "?"
	if strings.Contains(s, "?") {
		sep = "&"
	}
	return "file:" + s + sep + sqlitePragmas
}

// parseURL tells the dialect of a database URL and returns the DSN to open:
// postgres:// and postgresql:// URLs go to pgx as they are; sqlite:PATH,
// sqlite://PATH and plain paths name a SQLite file.
func parseURL(raw string) (Dialect, string, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return 0, "", errors.New("sqldb: empty database URL")
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			// The parser's message repeats the URL, password included.
			return 0, "", errors.New("sqldb: malformed PostgreSQL URL (check that special characters in the password are percent-encoded)")
		}
		return Postgres, raw, nil
	case strings.HasPrefix(raw, "sqlite://"):
		return SQLite, strings.TrimPrefix(raw, "sqlite://"), nil
	case strings.HasPrefix(raw, "sqlite:"):
		return SQLite, strings.TrimPrefix(raw, "sqlite:"), nil
	case strings.Contains(raw, "://"):
		return 0, "", fmt.Errorf("sqldb: unsupported database URL %q (want a file path, sqlite: or postgres://)", raw)
	}
	return SQLite, raw, nil
}

// migrationLock serializes migrations between processes (PostgreSQL only;
// SQLite's immediate transactions already do).
func (d Dialect) migrationLock() string {
	if d == Postgres {
		return `SELECT pg_advisory_xact_lock(7042001)`
	}
	return ""
}

// mapError turns constraint violations into domain errors.
func (d Dialect) mapError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return thidua.Errorf(thidua.ECONFLICT, "Dữ liệu bị trùng với một bản ghi đã có.")
		case "23503":
			return thidua.Errorf(thidua.ECONFLICT, "Dữ liệu đang được bản ghi khác tham chiếu hoặc tham chiếu tới bản ghi không tồn tại.")
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return thidua.Errorf(thidua.ECONFLICT, "Dữ liệu bị trùng với một bản ghi đã có.")
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return thidua.Errorf(thidua.ECONFLICT, "Dữ liệu đang được bản ghi khác tham chiếu hoặc tham chiếu tới bản ghi không tồn tại.")
		}
	}
	return err
}

// isUniqueViolation reports whether err violates a unique or primary key constraint.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		return sqErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || sqErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// IsUniqueViolation reports whether err is a UNIQUE constraint failure on
// either database (for the storage sub-packages).
func IsUniqueViolation(err error) bool { return isUniqueViolation(err) }
