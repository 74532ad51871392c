// Package search is the full-text index of the portal's published
// articles: FTS5 over accent-folded text on SQLite (sqlite.go), a tsvector
// through an unaccent configuration on PostgreSQL (postgres.go). Storage
// writes the index in the transaction that publishes or unpublishes an
// article, and reads it for /tim-kiem.
package search

import (
	"context"
	"database/sql"
	"time"

	"thidua/news"
)

// Execer writes inside a transaction (*sql.Tx).
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Queryer reads (*sql.DB, *sql.Tx).
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Index is the full-text index of published articles.
type Index interface {
	// Put indexes (or re-indexes) an article.
	Put(ctx context.Context, tx Execer, a *news.Article) error
	// Remove drops an article from the index.
	Remove(ctx context.Context, tx Execer, id int64) error
	// Search returns the IDs of the visible articles matching every term,
	// best first, with their rank (higher is better) and the total.
	Search(ctx context.Context, q Queryer, terms []string, now time.Time, offset, limit int) ([]int64, []float64, int, error)
}

// SQLite is the FTS5 index.
func SQLite() Index { return sqliteSearch{} }

// Postgres is the tsvector index.
func Postgres() Index { return pgSearch{} }
