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
// counts of the (unit, year) pairs they touched, a few hundred subjects
// per short transaction. While nothing changes, a refresh is one one-row
// read.
package awardstats

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"thidua"
	"thidua/sqldb/yield"
	"thidua/statforms"
)

// Tx is what Refresh writes through (*sql.Tx, or sqldb's Tx).
type Tx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// batch is how many subjects one transaction recomputes: a first
// computation over a province is some 250 short transactions rather than
// one that holds SQLite's write lock for minutes.
const batch = 200

// Subject kinds as stored.
const (
	person = "P"
	unit   = "U"
)

// WriteTx is a transaction Refresh writes a batch through.
type WriteTx interface {
	Tx
	Commit() error
	Rollback() error
}

// Options are what Refresh writes through and whom it tells.
type Options struct {
	// Begin begins the transaction of a batch; Gate spaces the batches.
	Begin func(context.Context) (WriteTx, error)
	Gate  *yield.Gate
	// Analyze, when not nil, runs after a refresh of many subjects.
	Analyze func(context.Context) error
	// Left, when not nil, is told how many subjects of the kind being
	// recomputed are left: once they are listed, then after each batch
	// (a reader decides by it whether waiting for the refresh is worth it).
	Left func(n int)
	// Max, when above 0, is the most subjects a refresh recomputes: with
	// more stale (a province's first computation, a large import) it
	// recomputes none and returns ErrMany, for a request that would
	// otherwise wait minutes; the background refresh takes them.
	Max int
}

// ErrMany is Refresh's answer when more subjects are stale than
// Options.Max.
var ErrMany = errors.New("awardstats: too many subjects to recompute here")

// Refresh brings the stored figures up to date and reports how many
// subjects it recomputed. It reads the subjects to recompute through q,
// then recomputes them batch by batch, each batch in a transaction of its
// own begun by begin and run through gate, so that requests' writes get
// their turn between batches: the facts of the batch's subjects and the
// counts of the (unit, year) pairs they touch are replaced together, so
// the stored figures are consistent after every batch. The run is
// recorded last: a refresh cut short leaves the rest stale, for the next
// one. Each batch first locks the run row and keeps only the subjects
// still stale, so that two processes refreshing at once follow one
// another and the second skips what the first has done. analyze, when
// not nil, runs after a refresh of many subjects (PostgreSQL's statistics
// of the tables it filled).
func Refresh(ctx context.Context, q Tx, o Options) (int, error) {
	begin, gate, analyze := o.Begin, o.Gate, o.Analyze
	var now, done int64
	if err := q.QueryRowContext(ctx, `SELECT c.n, r.changes FROM award_stat_changes c, award_stat_runs r
		WHERE c.id = 1 AND r.id = 1`).Scan(&now, &done); err != nil {
		return 0, fmt.Errorf("awardstats: changes: %w", err)
	}
	if now == done {
		return 0, nil
	}
	n := 0
	for _, kind := range []string{person, unit} {
		stale, err := staleSubjects(ctx, q, kind, nil)
		if err != nil {
			return 0, err
		}
		if o.Max > 0 && n+len(stale) > o.Max {
			return n, ErrMany
		}
		for i := 0; i < len(stale); i += batch {
			if o.Left != nil {
				o.Left(len(stale) - i)
			}
			chunk := stale[i:min(i+batch, len(stale))]
			err := gate.Batch(ctx, func() error {
				tx, err := begin(ctx)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				if _, err := tx.ExecContext(ctx, `UPDATE award_stat_runs SET changes = changes WHERE id = 1`); err != nil {
					return fmt.Errorf("awardstats: lock: %w", err)
				}
				still, err := staleSubjects(ctx, tx, kind, chunk)
				if err != nil {
					return err
				}
				if len(still) == 0 {
					return nil
				}
				pairs := map[[2]int64]bool{}
				if err := recompute(ctx, tx, kind, still, pairs); err != nil {
					return err
				}
				if err := recount(ctx, tx, pairs); err != nil {
					return err
				}
				n += len(still)
				return tx.Commit()
			})
			if err != nil {
				return n, err
			}
		}
	}
	if analyze != nil && n >= analyzeAfter {
		if err := analyze(ctx); err != nil {
			return n, err
		}
	}
	// A later count already recorded (another process) is left as it is.
	if _, err := q.ExecContext(ctx, `UPDATE award_stat_runs SET changes = $1 WHERE id = 1 AND changes < $1`, now); err != nil {
		return n, fmt.Errorf("awardstats: run: %w", err)
	}
	return n, nil
}

// analyzeAfter is the count of recomputed subjects past which a refresh
// has the tables analyzed.
const analyzeAfter = 4000

// subjectRef is a subject to recompute; known tells whether it has stored
// facts from an earlier computation (a new one has none to remove).
type subjectRef struct {
	id    int64
	known bool
}

// staleSubjects lists the people (or units) whose stored facts are not
// those of their present version and history: new, changed or gone;
// among only (by id) when only is not nil.
func staleSubjects(ctx context.Context, q Tx, kind string, only []subjectRef) ([]subjectRef, error) {
	table, alias, hcol := "people", "p", "person_id"
	if kind == unit {
		table, alias, hcol = "units", "u", "unit_id"
	}
	args := []any{kind}
	in, gone := "", ""
	if only != nil {
		ids := make([]int64, len(only))
		for i, r := range only {
			ids[i] = r.id
		}
		var list string
		list, args = listOf(ids, kind)
		in = " AND " + alias + ".id IN (" + list + ")"
		gone = " AND s.subject_id IN (" + list + ")"
	}
	// In unit order (a person's unit, a unit's own id), so that a batch
	// holds the people of a few units and recounts only those units'
	// cells: in id order the people of a province come unit after unit
	// in turn, and every batch recounted every unit.
	unitCol := alias + ".unit_id"
	if kind == unit {
		unitCol = alias + ".id"
	}
	query := `SELECT ` + alias + `.id, CASE WHEN s.subject_id IS NULL THEN 0 ELSE 1 END, ` + unitCol + ` FROM ` + table + ` ` + alias + `
		LEFT JOIN histories h ON h.` + hcol + ` = ` + alias + `.id
		LEFT JOIN award_stat_subjects s ON s.subject = $1 AND s.subject_id = ` + alias + `.id
		WHERE (s.subject_id IS NULL OR s.version <> ` + alias + `.version OR s.history_version <> COALESCE(h.version, 0))` + in + `
		UNION ALL
		SELECT s.subject_id, 1, 0 FROM award_stat_subjects s WHERE s.subject = $1` + gone + `
			AND NOT EXISTS (SELECT 1 FROM ` + table + ` x WHERE x.id = s.subject_id)
		ORDER BY 3, 1`
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("awardstats: stale subjects: %w", err)
	}
	defer rows.Close()
	var out []subjectRef
	for rows.Next() {
		var r subjectRef
		var known int
		var unitID int64
		if err := rows.Scan(&r.id, &known, &unitID); err != nil {
			return nil, err
		}
		r.known = known == 1
		out = append(out, r)
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
	// leadership is a person's recorded posts (award_stat_facts.posts).
	leadership []thidua.LeadershipPost
}

// recompute replaces the stored facts of the subjects refs, adding the
// (unit, year) pairs they had and have to pairs. Only the subjects known
// before have old facts to look up and remove.
func recompute(ctx context.Context, tx Tx, kind string, refs []subjectRef, pairs map[[2]int64]bool) error {
	ids := make([]int64, 0, len(refs))
	var known []int64
	for _, r := range refs {
		ids = append(ids, r.id)
		if r.known {
			known = append(known, r.id)
		}
	}
	if len(known) > 0 {
		if err := removeOld(ctx, tx, kind, known, pairs); err != nil {
			return err
		}
	}
	_, args := listOf(ids, kind)
	in := strings.Join(marks(len(ids), 1), ", ")
	q := `SELECT p.id, p.unit_id, p.full_name, p.gender, p.is_leader, p.version, COALESCE(h.version, 0), h.history_json
		FROM people p LEFT JOIN histories h ON h.person_id = p.id WHERE p.id IN (` + in + `)`
	if kind == unit {
		q = `SELECT u.id, u.id, u.name, '', FALSE, u.version, COALESCE(h.version, 0), h.history_json
		FROM units u LEFT JOIN histories h ON h.unit_id = u.id WHERE u.id IN (` + in + `)`
	}
	rows, err := tx.QueryContext(ctx, q, args[1:]...)
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
		s.leadership = h.Leadership
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

// removeOld removes the stored facts and subject rows of ids, adding the
// (unit, year) pairs the facts counted in to pairs.
func removeOld(ctx context.Context, tx Tx, kind string, ids []int64, pairs map[[2]int64]bool) error {
	in, args := listOf(ids, kind)
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
	return nil
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
	const cols = 14
	const perStmt = 65 // 910 parameters, under SQLite's and PostgreSQL's limits
	pos := map[int64]int{}
	for start := 0; start < len(facts); start += perStmt {
		end := min(start+perStmt, len(facts))
		var q strings.Builder
		q.WriteString(`INSERT INTO award_stat_facts (subject, subject_id, pos, unit_id, year, kind, code, level, type, decision, name, female, leader, posts) VALUES `)
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
				boolInt(f.Female), boolInt(f.Leader), statforms.JoinPosts(statforms.PostsHeld(s.leadership, f.Year)))
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

// recount counts the cells of the (unit, year) pairs again: per unit, the
// years touched, in unit order (two processes lock the same rows in the
// same order). A batch's pairs are a few hundred at most.
func recount(ctx context.Context, tx Tx, pairs map[[2]int64]bool) error {
	const insert = `INSERT INTO award_stat_cells (unit_id, year, kind, code, level, individual, female, leader, n)`
	years := map[int64][]int64{}
	for p := range pairs {
		years[p[0]] = append(years[p[0]], p[1])
	}
	for _, u := range slices.Sorted(maps.Keys(years)) {
		ys := years[u]
		slices.Sort(ys)
		args := make([]any, 0, len(ys)+1)
		args = append(args, u)
		for _, y := range ys {
			args = append(args, y)
		}
		in := strings.Join(marks(len(ys), 2), ", ")
		if _, err := tx.ExecContext(ctx, `DELETE FROM award_stat_cells WHERE unit_id = $1 AND year IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insert+cellsFrom+` WHERE unit_id = $1 AND year IN (`+in+`)`+cellsGroup, args...); err != nil {
			return fmt.Errorf("awardstats: recount: %w", err)
		}
		if err := recountForms(ctx, tx, in, args); err != nil {
			return err
		}
	}
	return nil
}

// listOf returns "$2, $3, …" for ids and the arguments kind, ids….
func listOf(ids []int64, kind string) (string, []any) {
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
// titles and forms come first where their first fact came. The cross
// join keeps SQLite on the cells' covering index in that order
// (award_stat_cells_order), so nothing is sorted.
func Cells(ctx context.Context, q Tx, w Where) ([]thidua.AwardCell, error) {
	cond, args := w.sql("c")
	rows, err := q.QueryContext(ctx, `SELECT c.kind, c.code, c.level, c.year, c.individual, c.unit_id, u.path, c.female, c.leader, c.n
		FROM award_stat_cells c CROSS JOIN units u
		WHERE u.id = c.unit_id AND `+cond+` ORDER BY c.year, c.kind DESC, c.code, c.unit_id, c.individual DESC, c.female, c.leader`, args...)
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
