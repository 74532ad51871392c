package search

import (
	"context"
	"fmt"
	"strings"
	"thidua/news"
	"time"

	"thidua"
)

// sqliteSearch indexes published articles in the FTS5 table article_fts
// (migrations/sqlite/0004_portal.sql). FTS5's unicode61 tokenizer removes
// diacritics but not the stroke of đ, which has no Unicode decomposition,
// so the index holds text folded by thidua.Fold (đ→d, no accents, lower
// case) and queries are folded the same way. The readable text stays in
// articles; snippets are cut from it in Go.
type sqliteSearch struct{}

func (sqliteSearch) Put(ctx context.Context, tx Execer, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_fts WHERE rowid = $1`, a.ID); err != nil {
		return fmt.Errorf("search: unindex article: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_fts (rowid, title, summary, body, published_at) VALUES ($1, $2, $3, $4, $5)`,
		a.ID, thidua.Fold(a.Title), thidua.Fold(a.Summary), thidua.Fold(news.MarkdownText(a.Body)), a.PublishedAt.Unix()); err != nil {
		return fmt.Errorf("search: index article: %w", err)
	}
	return nil
}

func (sqliteSearch) Remove(ctx context.Context, tx Execer, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_fts WHERE rowid = $1`, id); err != nil {
		return fmt.Errorf("search: unindex article: %w", err)
	}
	return nil
}

// ftsQuery quotes every term, so that no user input is read as FTS5
// syntax (column filters, NEAR, -, ^, unbalanced quotes): the terms hold
// only letters and digits already, and all must match.
func ftsQuery(terms []string) string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(q, " ")
}

func (sqliteSearch) Search(ctx context.Context, q Queryer, terms []string, now time.Time, offset, limit int) ([]int64, []float64, int, error) {
	match := ftsQuery(terms)
	// The index holds only published articles, with their publication
	// time, so the search needs no join. rank is bm25 (lower is better,
	// title words weigh most), and ORDER BY rank lets FTS5 sort inside
	// the table, as a bare full-text query does.
	rows, err := q.QueryContext(ctx, `
		SELECT rowid, rank FROM article_fts
		WHERE article_fts MATCH $1 AND rank MATCH 'bm25(8.0, 4.0, 1.0, 0.0)' AND published_at <= $2
		ORDER BY rank LIMIT $3 OFFSET $4`, match, now.Unix(), limit, offset)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("search: search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	var ranks []float64
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, nil, 0, err
		}
		ids, ranks = append(ids, id), append(ranks, -score)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, 0, err
	}
	// The total: every match, less the few scheduled ones (counting with
	// the published_at filter would read a stored value per match).
	var total int
	if err := q.QueryRowContext(ctx, `
		SELECT (SELECT count(*) FROM article_fts WHERE article_fts MATCH $1)
		     - (SELECT count(*) FROM article_fts WHERE article_fts MATCH $1
		        AND rowid IN (SELECT id FROM articles WHERE state = $2 AND published_at > $3))`,
		match, news.ArticlePublished, now).Scan(&total); err != nil {
		return nil, nil, 0, fmt.Errorf("search: search count: %w", err)
	}
	return ids, ranks, total, nil
}
