package verdicts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
	"thidua/rules"
)

// Member summaries (migration 0019).
//
// A collective is judged with the people of its subtree, but its conditions
// only count them (rules.MemberFacts). Each unit keeps, per year judged, the
// summary of its own direct members with the mark (unit_member_marks, moved
// by triggers on people and histories) it was computed at. Bringing them up
// to date recomputes only the units whose mark moved, reading those units'
// members; a unit's members' facts are then the sum over its subtree's
// summaries (rules.SubtreeFacts: the tree is ~200 rows). Judging every unit
// of a province reads ~200 summaries, not 50,000 histories.

// memberDoc is what a summary reads of a person's history document.
type memberDoc struct {
	Ratings     []thidua.Rating      `json:"ratings"`
	Titles      []thidua.TitleRecord `json:"titles"`
	Disciplines []thidua.Discipline  `json:"disciplines"`
}

// summaryRow is a unit with its stored summary for a year.
type summaryRow struct {
	unit  rules.UnitPath
	mark  int64
	facts rules.MemberFacts
	fresh bool
}

// SubtreeMemberFacts brings the member summaries of year up to date for
// the units of the subtree at root ("" for every unit) and returns the
// facts of each unit of it, summed over the unit's subtree.
func (t *Tables) SubtreeMemberFacts(ctx context.Context, year int, root string) (map[int64]rules.MemberFacts, error) {
	rows, err := t.summaries(ctx, year, root)
	if err != nil {
		return nil, err
	}
	var stale []int
	for i := range rows {
		if !rows[i].fresh {
			stale = append(stale, i)
		}
	}
	if len(stale) > 0 {
		if err := t.summarize(ctx, year, rows, stale); err != nil {
			return nil, err
		}
	}
	tree := make([]rules.UnitPath, len(rows))
	direct := make(map[int64]rules.MemberFacts, len(rows))
	for i, r := range rows {
		tree[i] = r.unit
		direct[r.unit.ID] = r.facts
	}
	return rules.SubtreeFacts(tree, direct), nil
}

// incremental reports whether bringing the summaries of year up to date
// reads the members of few units (a quarter of them at most): the year's
// summaries were computed before and few units' members changed since.
func (t *Tables) incremental(ctx context.Context, year int) (bool, error) {
	rows, err := t.summaries(ctx, year, "")
	if err != nil {
		return false, err
	}
	stale := 0
	for _, r := range rows {
		if !r.fresh {
			stale++
		}
	}
	return len(rows) > 0 && 4*stale < len(rows), nil
}

// summaries reads the units of the subtree at root with their mark and
// their stored summary of year, fresh when it was computed at the unit's
// mark under the same facts key and reads back.
func (t *Tables) summaries(ctx context.Context, year int, root string) ([]summaryRow, error) {
	q := `SELECT u.id, u.path, COALESCE(m.n, 0), f.mark, f.facts_key, f.facts_json
		FROM units u LEFT JOIN unit_member_marks m ON m.unit_id = u.id
		LEFT JOIN unit_member_facts f ON f.unit_id = u.id AND f.year = $1`
	args := []any{year}
	if root != "" {
		q += ` WHERE u.path LIKE $2`
		args = append(args, root+"%")
	}
	res, err := t.Store.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("verdicts: member summaries: %w", err)
	}
	defer res.Close()
	key := rules.MemberFactsKey()
	var out []summaryRow
	for res.Next() {
		var r summaryRow
		var mark sql.NullInt64
		var fkey, doc sql.NullString
		if err := res.Scan(&r.unit.ID, &r.unit.Path, &r.mark, &mark, &fkey, &doc); err != nil {
			return nil, fmt.Errorf("verdicts: member summaries: %w", err)
		}
		r.fresh = mark.Valid && mark.Int64 == r.mark && fkey.String == key &&
			json.Unmarshal([]byte(doc.String), &r.facts) == nil
		if !r.fresh {
			r.facts = rules.MemberFacts{}
		}
		out = append(out, r)
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("verdicts: member summaries: %w", err)
	}
	return out, nil
}

// summarize recomputes the summaries of rows[stale] from their units'
// active members and stores them with the marks read before the members
// were (a write in between moves the mark again: the summary is then
// recomputed next time, never kept stale).
func (t *Tables) summarize(ctx context.Context, year int, rows []summaryRow, stale []int) error {
	at := make(map[int64]int, len(stale))
	for _, i := range stale {
		at[rows[i].unit.ID] = i
	}
	read := func(where string, args []any) error {
		res, err := t.Store.DB.QueryContext(ctx, `SELECT p.unit_id, p.gender, h.history_json
			FROM people p LEFT JOIN histories h ON h.person_id = p.id WHERE p.status = 'ACTIVE'`+where, args...)
		if err != nil {
			return fmt.Errorf("verdicts: members: %w", err)
		}
		defer res.Close()
		for res.Next() {
			var unit int64
			var gender string
			var doc sql.NullString
			if err := res.Scan(&unit, &gender, &doc); err != nil {
				return fmt.Errorf("verdicts: members: %w", err)
			}
			i, ok := at[unit]
			if !ok {
				continue
			}
			var h memberDoc
			if doc.Valid {
				if err := json.Unmarshal([]byte(doc.String), &h); err != nil {
					return fmt.Errorf("verdicts: history of a member of unit %d: %w", unit, err)
				}
			}
			rows[i].facts.AddMember(gender, h.Ratings, h.Titles, h.Disciplines, year)
		}
		return res.Err()
	}
	if 4*len(stale) >= len(rows) { // not incremental
		// Most units (a first use of the year): one pass over the people.
		if err := read("", nil); err != nil {
			return err
		}
	} else {
		for k := 0; k < len(stale); k += 200 {
			part := stale[k:min(k+200, len(stale))]
			args := make([]any, len(part))
			marks := make([]string, len(part))
			for j, i := range part {
				args[j] = rows[i].unit.ID
				marks[j] = "$" + strconv.Itoa(j+1)
			}
			if err := read(" AND p.unit_id IN ("+strings.Join(marks, ", ")+")", args); err != nil {
				return err
			}
		}
	}
	tx, err := t.Store.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("verdicts: begin: %w", err)
	}
	defer tx.Rollback()
	key := rules.MemberFactsKey()
	for _, i := range stale {
		r := &rows[i]
		doc, err := json.Marshal(r.facts)
		if err != nil {
			return fmt.Errorf("verdicts: summary of unit %d: %w", r.unit.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO unit_member_facts (unit_id, year, facts_key, mark, facts_json) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (year, unit_id) DO UPDATE SET facts_key = excluded.facts_key, mark = excluded.mark, facts_json = excluded.facts_json`,
			r.unit.ID, year, key, r.mark, string(doc)); err != nil {
			return fmt.Errorf("verdicts: summary of unit %d: %w", r.unit.ID, err)
		}
		r.fresh = true
	}
	return tx.Commit()
}

// UnitVerdicts judges one unit now, from its subtree's member summaries
// brought up to date (only the units whose members changed are read): a
// unit's history page shows its verdicts without waiting for the whole
// collectives' table. h is the unit's history as FindHistory gives it
// (scope checked, with the clusters it led). When bringing the summaries
// up to date would read more than InlineMembers members' histories (the
// top of a province after a first start or an import) and a background is
// set, a job computes them: the request waits for it a bounded time
// (Store.Wait) and then reports refreshing, with no verdicts.
func (t *Tables) UnitVerdicts(ctx context.Context, j UnitJudge, h *thidua.SubjectHistory, year int, asOf thidua.Date) ([]rules.Verdict, int, bool, error) {
	if h.Subject != thidua.SubjectUnit {
		return nil, 0, false, fmt.Errorf("verdicts: %s %d is not a unit", h.Subject, h.SubjectID)
	}
	if t.queueMembers != nil {
		ready, err := t.awaitMembers(ctx, year, h.UnitPath)
		if err != nil || !ready {
			return nil, 0, true, err
		}
	}
	sums, err := t.SubtreeMemberFacts(ctx, year, h.UnitPath)
	if err != nil {
		return nil, 0, false, err
	}
	m := sums[h.SubjectID]
	vs, err := j.EvaluateAll(rules.CollectiveSubject(h, m, asOf), year, asOf)
	return vs, m.Count(), false, err
}

// awaitMembers reports whether the member summaries of the subtree at
// root can be brought up to date in the request: few members to read. If
// not, it queues the job that computes them and waits for it a bounded
// time.
func (t *Tables) awaitMembers(ctx context.Context, year int, root string) (bool, error) {
	limit := t.InlineMembers
	if limit <= 0 {
		limit = 1500
	}
	n, err := t.staleMembers(ctx, year, root)
	if err != nil || n <= limit {
		return err == nil, err
	}
	if err := t.queueMembers(ctx, year); err != nil {
		return false, err
	}
	return t.Store.await(ctx, func() (bool, error) {
		n, err := t.staleMembers(ctx, year, root)
		return err == nil && n <= limit, err
	})
}

// staleMembers counts the active people of the units of the subtree at
// root whose member summary of year is stale: the histories bringing them
// up to date reads.
func (t *Tables) staleMembers(ctx context.Context, year int, root string) (int, error) {
	rows, err := t.summaries(ctx, year, root)
	if err != nil {
		return 0, err
	}
	var ids []any
	for _, r := range rows {
		if !r.fresh {
			ids = append(ids, r.unit.ID)
		}
	}
	total := 0
	for k := 0; k < len(ids); k += 200 {
		part := ids[k:min(k+200, len(ids))]
		marks := make([]string, len(part))
		for i := range part {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		var n int
		if err := t.Store.DB.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE status = 'ACTIVE' AND unit_id IN (`+strings.Join(marks, ", ")+`)`,
			part...).Scan(&n); err != nil {
			return 0, fmt.Errorf("verdicts: stale members: %w", err)
		}
		total += n
	}
	return total, nil
}

// MembersJob is the handler of thidua.JobUnitMembersRefresh: the member
// summaries of every unit for the job's year.
func (t *Tables) MembersJob() thidua.JobHandler {
	return func(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
		year := int(job.RefID)
		if year < 1945 || year > 2200 {
			return fmt.Errorf("verdicts: bad job reference %d", job.RefID)
		}
		p.Set(0, 1, "Đang tổng hợp thành viên các đơn vị năm "+strconv.Itoa(year))
		if _, err := t.SubtreeMemberFacts(ctx, year, ""); err != nil {
			return err
		}
		p.Set(1, 1, "Đã tổng hợp thành viên các đơn vị năm "+strconv.Itoa(year))
		return nil
	}
}
