package awardstats

import (
	"context"
	"database/sql"
	"fmt"

	"thidua"
	"thidua/statforms"
)

// formCellsFrom counts the stored facts into the cells the statutory
// forms read (statforms.StoredAwardFact).
const formCellsFrom = ` SELECT unit_id, year, subject, kind, code, type, leader, posts, count(*) FROM award_stat_facts`

const formCellsGroup = ` GROUP BY unit_id, year, subject, kind, code, type, leader, posts`

// recountForms counts the form cells of one unit's years again, as
// recount does the statistics' cells: in is "$2, $3, …" for the years,
// args the unit and the years.
func recountForms(ctx context.Context, tx Tx, in string, args []any) error {
	const insert = `INSERT INTO award_stat_form_cells (unit_id, year, subject, kind, code, type, leader, posts, n)`
	if _, err := tx.ExecContext(ctx, `DELETE FROM award_stat_form_cells WHERE unit_id = $1 AND year IN (`+in+`)`, args...); err != nil {
		return fmt.Errorf("awardstats: recount forms: %w", err)
	}
	if _, err := tx.ExecContext(ctx, insert+formCellsFrom+` WHERE unit_id = $1 AND year IN (`+in+`)`+formCellsGroup, args...); err != nil {
		return fmt.Errorf("awardstats: recount forms: %w", err)
	}
	return nil
}

// FormCells reads the stored form cells of year for the units whose path
// starts with prefix, and reports false, reading nothing, when the stored
// figures are not up to date (a refresh under way or not yet run): the
// check and the read are one statement, so they see the same state.
func FormCells(ctx context.Context, q Tx, prefix string, year int, yield func(*statforms.StoredAwardFact)) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.fresh, x.path, x.subject, x.kind, x.code, x.type, x.leader, x.posts, x.n
		FROM (SELECT CASE WHEN ch.n = r.changes THEN 1 ELSE 0 END AS fresh
			FROM award_stat_changes ch, award_stat_runs r WHERE ch.id = 1 AND r.id = 1) f
		LEFT JOIN (SELECT u.path, c.subject, c.kind, c.code, c.type, c.leader, c.posts, c.n
			FROM award_stat_form_cells c JOIN units u ON u.id = c.unit_id
			WHERE c.year = $2 AND u.path LIKE $1) x ON f.fresh = 1`, prefix+"%", year)
	if err != nil {
		return false, fmt.Errorf("awardstats: form cells: %w", err)
	}
	defer rows.Close()
	fresh := false
	for rows.Next() {
		var isFresh int
		var path, subject, kind, code, typ, posts sql.NullString
		var leader, n sql.NullInt64
		if err := rows.Scan(&isFresh, &path, &subject, &kind, &code, &typ, &leader, &posts, &n); err != nil {
			return false, fmt.Errorf("awardstats: form cells: %w", err)
		}
		if isFresh != 1 {
			return false, rows.Close()
		}
		fresh = true
		if !path.Valid {
			continue
		}
		s := statforms.StoredAwardFact{Path: path.String, Subject: thidua.SubjectPerson, Kind: kind.String, Code: code.String,
			Type: typ.String, Leader: leader.Int64 == 1, Posts: statforms.SplitPosts(posts.String), N: int(n.Int64)}
		if subject.String == unit {
			s.Subject = thidua.SubjectUnit
		}
		yield(&s)
	}
	return fresh, rows.Err()
}
