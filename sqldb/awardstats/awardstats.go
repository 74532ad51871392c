// Package awardstats keeps the statistics of awards in the database
// (migration 0021), so that /app/stats and its reports read a few hundred
// stored counts instead of decoding every history on each request.
//
// What is stored: every title and form received (not revoked) of every
// person and unit, flattened as thidua.HistoryAwards.AppendFacts does,
// with the person's unit, gender and post in the award's year as they were
// when computed (award_stat_facts); and those facts counted per unit,
// year, kind, code, level, subject kind, gender and post
// (award_stat_cells), which is all the figures group by. The unit tree is
// joined when reading, so moving a unit moves its figures at once.
//
// Freshness, the way the eligibility verdicts are kept: triggers move a
// count (award_stat_changes) on every write to people, histories and
// units; Refresh compares it with the count the stored figures were
// brought up to (award_stat_runs) and, when it has moved, recomputes the
// subjects whose person (or unit) or history version differs from the one
// their facts were computed from, or that are new or gone, and then the
// counts of the (unit, year) pairs they touched. While nothing changes, a
// refresh is two one-row reads.
package awardstats

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
)

// Tx is what Refresh writes through (*sql.Tx, or sqldb's Tx).
type Tx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// batch is how many subjects are recomputed per round of queries.
const batch = 400

// Subject kinds as stored.
const (
	person = "P"
	unit   = "U"
)

// Refresh brings the stored figures up to date inside tx and reports how
// many subjects it recomputed. It first locks the run row, so concurrent
// refreshes follow one another and the second finds nothing to do.
func Refresh(ctx context.Context, tx Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE award_stat_runs SET changes = changes WHERE id = 1`); err != nil {
		return 0, fmt.Errorf("awardstats: lock: %w", err)
	}
	var now, done int64
	if err := tx.QueryRowContext(ctx, `SELECT n FROM award_stat_changes WHERE id = 1`).Scan(&now); err != nil {
		return 0, fmt.Errorf("awardstats: changes: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT changes FROM award_stat_runs WHERE id = 1`).Scan(&done); err != nil {
		return 0, fmt.Errorf("awardstats: run: %w", err)
	}
	if now == done {
		return 0, nil
	}
	pairs := map[[2]int64]bool{}
	n := 0
	for _, kind := range []string{person, unit} {
		stale, err := staleSubjects(ctx, tx, kind)
		if err != nil {
			return 0, err
		}
		for i := 0; i < len(stale); i += batch {
			if err := recompute(ctx, tx, kind, stale[i:min(i+batch, len(stale))], pairs); err != nil {
				return 0, err
			}
		}
		n += len(stale)
	}
	if err := recount(ctx, tx, pairs); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE award_stat_runs SET changes = $1 WHERE id = 1`, now); err != nil {
		return 0, fmt.Errorf("awardstats: run: %w", err)
	}
	return n, nil
}

// staleSubjects lists the people (or units) whose stored facts are not
// those of their present version and history: new, changed or gone.
func staleSubjects(ctx context.Context, tx Tx, kind string) ([]int64, error) {
	q := `SELECT p.id FROM people p LEFT JOIN histories h ON h.person_id = p.id
		LEFT JOIN award_stat_subjects s ON s.subject = $1 AND s.subject_id = p.id
		WHERE s.subject_id IS NULL OR s.version <> p.version OR s.history_version <> COALESCE(h.version, 0)
		UNION ALL
		SELECT s.subject_id FROM award_stat_subjects s WHERE s.subject = $1
			AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.subject_id)`
	if kind == unit {
		q = `SELECT u.id FROM units u LEFT JOIN histories h ON h.unit_id = u.id
		LEFT JOIN award_stat_subjects s ON s.subject = $1 AND s.subject_id = u.id
		WHERE s.subject_id IS NULL OR s.version <> u.version OR s.history_version <> COALESCE(h.version, 0)
		UNION ALL
		SELECT s.subject_id FROM award_stat_subjects s WHERE s.subject = $1
			AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = s.subject_id)`
	}
	rows, err := tx.QueryContext(ctx, q, kind)
	if err != nil {
		return nil, fmt.Errorf("awardstats: stale subjects: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// subjectState is one subject as it is now.
type subjectState struct {
	id, unitID   int64
	name, gender string
	leader       bool
	version, hv  int64
	doc          sql.NullString
}

// recompute replaces the stored facts of the subjects ids, adding the
// (unit, year) pairs they had and have to pairs.
func recompute(ctx context.Context, tx Tx, kind string, ids []int64, pairs map[[2]int64]bool) error {
	in, args := list(ids, kind)
	// The pairs the old facts counted in.
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT unit_id, year FROM award_stat_facts WHERE subject = $1 AND subject_id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("awardstats: old facts: %w", err)
	}
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return err
		}
		pairs[p] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, table := range []string{"award_stat_facts", "award_stat_subjects"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE subject = $1 AND subject_id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("awardstats: delete %s: %w", table, err)
		}
	}
	in = strings.Join(marks(len(ids), 1), ", ")
	q := `SELECT p.id, p.unit_id, p.full_name, p.gender, p.is_leader, p.version, COALESCE(h.version, 0), h.history_json
		FROM people p LEFT JOIN histories h ON h.person_id = p.id WHERE p.id IN (` + in + `)`
	if kind == unit {
		q = `SELECT u.id, u.id, u.name, '', FALSE, u.version, COALESCE(h.version, 0), h.history_json
		FROM units u LEFT JOIN histories h ON h.unit_id = u.id WHERE u.id IN (` + in + `)`
	}
	rows, err = tx.QueryContext(ctx, q, args[1:]...)
	if err != nil {
		return fmt.Errorf("awardstats: subjects: %w", err)
	}
	var subjects []subjectState
	for rows.Next() {
		var s subjectState
		if err := rows.Scan(&s.id, &s.unitID, &s.name, &s.gender, &s.leader, &s.version, &s.hv, &s.doc); err != nil {
			rows.Close()
			return fmt.Errorf("awardstats: subjects: %w", err)
		}
		subjects = append(subjects, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var facts []thidua.AwardFact
	var owner []int // index into subjects of each fact
	for i := range subjects {
		s := &subjects[i]
		if !s.doc.Valid {
			continue
		}
		var h thidua.HistoryAwards
		if err := json.Unmarshal([]byte(s.doc.String), &h); err != nil {
			return fmt.Errorf("awardstats: history document of %s %d: %w", kind, s.id, err)
		}
		before := len(facts)
		facts = appendFacts(facts, kind, s, &h)
		for range len(facts) - before {
			owner = append(owner, i)
		}
	}
	if err := insertFacts(ctx, tx, kind, subjects, facts, owner, pairs); err != nil {
		return err
	}
	return insertSubjects(ctx, tx, kind, subjects)
}

// appendFacts flattens a subject's history as sqldb's AwardStats did
// when it read every history per request: a person led in a year by the
// recorded posts, or without any by the present post; a unit never.
func appendFacts(out []thidua.AwardFact, kind string, s *subjectState, h *thidua.HistoryAwards) []thidua.AwardFact {
	all := func(int) bool { return true }
	if kind == unit {
		base := thidua.AwardFact{Subject: thidua.SubjectUnit, SubjectID: s.id, Name: s.name, UnitID: s.id}
		return h.AppendFacts(out, base, all, func(int) bool { return false })
	}
	base := thidua.AwardFact{Subject: thidua.SubjectPerson, SubjectID: s.id, Name: s.name, UnitID: s.unitID,
		Female: s.gender == thidua.GenderFemale}
	leader := s.leader
	leaderIn := func(y int) bool {
		if len(h.Leadership) == 0 {
			return leader
		}
		for _, l := range h.Leadership {
			if l.From.Year() <= y && (l.To.IsZero() || l.To.Year() >= y) {
				return true
			}
		}
		return false
	}
	return h.AppendFacts(out, base, all, leaderIn)
}

func insertFacts(ctx context.Context, tx Tx, kind string, subjects []subjectState, facts []thidua.AwardFact, owner []int, pairs map[[2]int64]bool) error {
	const cols = 13
	const perStmt = 70 // 910 parameters, under SQLite's and PostgreSQL's limits
	pos := map[int64]int{}
	for start := 0; start < len(facts); start += perStmt {
		end := min(start+perStmt, len(facts))
		var q strings.Builder
		q.WriteString(`INSERT INTO award_stat_facts (subject, subject_id, pos, unit_id, year, kind, code, level, type, decision, name, female, leader) VALUES `)
		args := make([]any, 0, (end-start)*cols)
		for i := start; i < end; i++ {
			f := &facts[i]
			s := &subjects[owner[i]]
			if i > start {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for c := range cols {
				if c > 0 {
					q.WriteString(", ")
				}
				q.WriteString("$" + strconv.Itoa(len(args)+c+1))
			}
			q.WriteString(")")
			p := pos[s.id]
			pos[s.id] = p + 1
			args = append(args, kind, s.id, p, f.UnitID, f.Year, f.Kind, f.Code, f.Level, f.Type, f.Decision, f.Name,
				boolInt(f.Female), boolInt(f.Leader))
			pairs[[2]int64{f.UnitID, int64(f.Year)}] = true
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("awardstats: insert facts: %w", err)
		}
	}
	return nil
}

func insertSubjects(ctx context.Context, tx Tx, kind string, subjects []subjectState) error {
	const perStmt = 200
	for start := 0; start < len(subjects); start += perStmt {
		end := min(start+perStmt, len(subjects))
		var q strings.Builder
		q.WriteString(`INSERT INTO award_stat_subjects (subject, subject_id, version, history_version) VALUES `)
		args := make([]any, 0, (end-start)*4)
		for i := start; i < end; i++ {
			if i > start {
				q.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&q, "($%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4)
			args = append(args, kind, subjects[i].id, subjects[i].version, subjects[i].hv)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("awardstats: insert subjects: %w", err)
		}
	}
	return nil
}

// cellsFrom is the counting of the stored facts into cells.
const cellsFrom = ` SELECT unit_id, year, kind, code, level, CASE WHEN subject = 'P' THEN 1 ELSE 0 END, female, leader, count(*)
	FROM award_stat_facts`

const cellsGroup = ` GROUP BY unit_id, year, kind, code, level, CASE WHEN subject = 'P' THEN 1 ELSE 0 END, female, leader`

// recount counts the cells of the (unit, year) pairs again; past a few
// hundred pairs (a first computation, an import) it counts all at once.
func recount(ctx context.Context, tx Tx, pairs map[[2]int64]bool) error {
	const insert = `INSERT INTO award_stat_cells (unit_id, year, kind, code, level, individual, female, leader, n)`
	if len(pairs) > 500 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM award_stat_cells`); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insert+cellsFrom+cellsGroup); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
		return nil
	}
	for p := range pairs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM award_stat_cells WHERE unit_id = $1 AND year = $2`, p[0], p[1]); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insert+cellsFrom+` WHERE unit_id = $1 AND year = $2`+cellsGroup, p[0], p[1]); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
	}
	return nil
}

// list returns "$2, $3, …" for ids and the arguments kind, ids….
func list(ids []int64, kind string) (string, []any) {
	args := make([]any, 0, len(ids)+1)
	args = append(args, kind)
	for _, id := range ids {
		args = append(args, id)
	}
	return strings.Join(marks(len(ids), 2), ", "), args
}

// marks returns n placeholders numbered from first.
func marks(n, first int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "$" + strconv.Itoa(first+i)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Where selects the stored figures to read: Cond is a condition on the
// unit path u.path (the user's scope, a subtree) with its placeholders
// numbered for Args; From and To bound the years (0: open).
type Where struct {
	Cond     string
	Args     []any
	From, To int
}

func (w Where) sql(alias string) (string, []any) {
	cond, args := w.Cond, append([]any(nil), w.Args...)
	if w.From != 0 {
		args = append(args, w.From)
		cond += " AND " + alias + ".year >= $" + strconv.Itoa(len(args))
	}
	if w.To != 0 {
		args = append(args, w.To)
		cond += " AND " + alias + ".year <= $" + strconv.Itoa(len(args))
	}
	return cond, args
}

// Cells reads the stored counts of w, in the order of the facts they
// count (year, titles first, code), so that codes outside the lists of
// titles and forms come first where their first fact came.
func Cells(ctx context.Context, q Tx, w Where) ([]thidua.AwardCell, error) {
	cond, args := w.sql("c")
	rows, err := q.QueryContext(ctx, `SELECT c.kind, c.code, c.level, c.year, c.individual, c.unit_id, u.path, c.female, c.leader, c.n
		FROM award_stat_cells c JOIN units u ON u.id = c.unit_id
		WHERE `+cond+` ORDER BY c.year, c.kind DESC, c.code, c.unit_id, c.individual DESC, c.female, c.leader`, args...)
	if err != nil {
		return nil, fmt.Errorf("awardstats: cells: %w", err)
	}
	defer rows.Close()
	out := []thidua.AwardCell{}
	for rows.Next() {
		var c thidua.AwardCell
		var individual, female, leader int
		if err := rows.Scan(&c.Kind, &c.Code, &c.Level, &c.Year, &individual, &c.UnitID, &c.UnitPath, &female, &leader, &c.N); err != nil {
			return nil, fmt.Errorf("awardstats: cells: %w", err)
		}
		c.Individual, c.Female, c.Leader = individual == 1, female == 1, leader == 1
		out = append(out, c)
	}
	return out, rows.Err()
}

// Facts streams the stored facts of w to yield in the order of
// thidua.SortFactsBySubject (year, titles first, code, name, people
// before units, by id, each subject's in its history's order), read
// row by row.
func Facts(ctx context.Context, q Tx, w Where, yield func(*thidua.AwardFact) error) error {
	cond, args := w.sql("f")
	rows, err := q.QueryContext(ctx, `SELECT f.subject, f.subject_id, f.unit_id, u.path, f.year, f.kind, f.code, f.level, f.type,
			f.decision, f.name, f.female, f.leader
		FROM award_stat_facts f JOIN units u ON u.id = f.unit_id
		WHERE `+cond+` ORDER BY f.year, f.kind DESC, f.code, f.name, f.subject, f.subject_id, f.pos`, args...)
	if err != nil {
		return fmt.Errorf("awardstats: facts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f thidua.AwardFact
		var subject string
		var female, leader int
		if err := rows.Scan(&subject, &f.SubjectID, &f.UnitID, &f.UnitPath, &f.Year, &f.Kind, &f.Code, &f.Level, &f.Type,
			&f.Decision, &f.Name, &female, &leader); err != nil {
			return fmt.Errorf("awardstats: facts: %w", err)
		}
		f.Subject = thidua.SubjectPerson
		if subject == unit {
			f.Subject = thidua.SubjectUnit
		}
		f.Female, f.Leader = female == 1, leader == 1
		if err := yield(&f); err != nil {
			return err
		}
	}
	return rows.Err()
}
