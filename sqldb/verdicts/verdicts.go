// Package verdicts keeps the eligibility table's verdict codes in the
// database (migration 0014): one row per person, year judged, evaluation
// date and rule set, with one letter per individual award, computed by the
// engine's bulk path (rules.Coder) and kept fresh.
//
// Freshness: triggers move a count (eligibility_changes) on every write to
// people and histories — history edits, imports and issued decisions all
// write histories. Each table (year, date, rules key) records the count it
// was last brought up to date at (eligibility_runs); while the count has
// not moved, a page is one indexed query. When it has, Refresh recomputes
// only the people whose person or history version differs from the one
// their row was computed from (or who have none), in bounded batches. A
// change of the rules (another rule tree or province profile: another
// rules key), of the year judged or of the evaluation date is another
// table, computed in full on first use; the least recently used tables
// beyond the last few are dropped.
package verdicts

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/sqldb/yield"
)

// Source is the eligibility service the codes come from (rules.Service).
type Source = rules.TableSource

// Store reads and refreshes the stored verdicts over db.
type Store struct {
	DB *sql.DB
	// Postgres asks for fresh planner statistics after a large refresh
	// (autovacuum may not have seen the new rows yet).
	Postgres bool
	// Now stamps when a table was last used.
	Now func() time.Time
	// Gate spaces out the batches of a refresh, so that requests' writes
	// get their turn between them (nil: no spacing).
	Gate *yield.Gate
	// mu makes one refresh at a time in this process; other servers on
	// the same database refresh on their own, and the upserts make their
	// work agree.
	mu sync.Mutex
	// totals caches the row count of a filter (without its cursor) in a
	// scope at a count of changes: the pages after the first of a filter
	// do not count again. Bounded: cleared when full.
	totalsMu sync.Mutex
	totals   map[string]int

	// background, when set, queues a refresh instead of computing it
	// inside the request (Tables.Background); Wait bounds how long a
	// request waits for it (default 1,5 s).
	background func(ctx context.Context, year int, asOf thidua.Date) error
	Wait       time.Duration
}

const maxTotals = 2000

// keep is how many tables (year, date, rules) are kept.
const keep = 6

// batch is how many rows one refresh transaction writes.
const batch = 1000

// Refresh brings the table of (year, asOf) under src's rules up to date
// and returns the count of changes it is up to date with.
func (s *Store) Refresh(ctx context.Context, src Source, year int, asOf thidua.Date) (int64, error) {
	key, day := src.RulesKey(), asOf.ISO()
	fresh, changes, err := s.fresh(ctx, year, day, key)
	if err != nil || fresh {
		return changes, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if fresh, changes, err = s.fresh(ctx, year, day, key); err != nil || fresh {
		return changes, err
	}
	return changes, s.refresh(ctx, src, year, asOf, changes, nil)
}

// refresh recomputes the stale rows; progress, when not nil, is told the
// rows written so far after each batch.
func (s *Store) refresh(ctx context.Context, src Source, year int, asOf thidua.Date, changes int64, progress func(done int)) error {
	key, day := src.RulesKey(), asOf.ISO()
	coder, err := src.NewCoder()
	if err != nil {
		return err
	}
	// The stale rows are read a batch at a time by id and the cursor
	// closed before the batch is written: a reader held open across a
	// whole province's writes kept SQLite's log from being checkpointed
	// and starved the writers of other connections.
	pending := make([]row, 0, batch)
	written := 0
	var letters []byte
	var last int64
	for {
		pending = pending[:0]
		rows, err := s.DB.QueryContext(ctx, `SELECT p.id, p.full_name, p.gender, p.version, h.history_json, COALESCE(h.version, 0)
		FROM people p LEFT JOIN histories h ON h.person_id = p.id
		LEFT JOIN eligibility_verdicts v ON v.person_id = p.id AND v.year = $1 AND v.as_of = $2 AND v.rules_key = $3
		WHERE p.status = 'ACTIVE' AND p.id > $4 AND (v.person_id IS NULL OR v.person_version <> p.version OR v.history_version <> COALESCE(h.version, 0))
		ORDER BY p.id LIMIT `+strconv.Itoa(batch), year, day, key, last)
		if err != nil {
			return fmt.Errorf("verdicts: stale rows: %w", err)
		}
		for rows.Next() {
			var h thidua.SubjectHistory
			var doc sql.NullString
			var r row
			if err := rows.Scan(&h.SubjectID, &h.Name, &h.Gender, &r.personVersion, &doc, &r.historyVersion); err != nil {
				rows.Close()
				return fmt.Errorf("verdicts: stale rows: %w", err)
			}
			h.Subject = thidua.SubjectPerson
			if doc.Valid {
				if err := json.Unmarshal([]byte(doc.String), &h.History); err != nil {
					rows.Close()
					return fmt.Errorf("verdicts: history of person %d: %w", h.SubjectID, err)
				}
			}
			h.History.Normalize()
			letters = coder.Letters(&h, year, asOf, letters[:0])
			r.personID, r.letters = h.SubjectID, string(letters)
			pending = append(pending, r)
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("verdicts: stale rows: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("verdicts: stale rows: %w", err)
		}
		if err := s.Gate.Batch(ctx, func() error { return s.write(ctx, year, day, key, pending) }); err != nil {
			return err
		}
		written += len(pending)
		if progress != nil {
			progress(written)
		}
		if len(pending) < batch {
			break
		}
		last = pending[len(pending)-1].personID
	}
	// PostgreSQL plans a table's pages from what ANALYZE last saw: a
	// year it has not seen looks empty, and it read all of it and sorted
	// (197 ms a page of 2023 after a table finished by another process).
	// So after many rows, and after the rows that complete a new table.
	analyze := s.Postgres && written >= 10*batch
	if s.Postgres && !analyze && written > 0 {
		var runs int
		if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM eligibility_runs WHERE year = $1 AND as_of = $2 AND rules_key = $3`,
			year, day, key).Scan(&runs); err != nil {
			return fmt.Errorf("verdicts: runs: %w", err)
		}
		analyze = runs == 0
	}
	if analyze {
		if _, err := s.DB.ExecContext(ctx, `ANALYZE eligibility_verdicts, people, units`); err != nil {
			return fmt.Errorf("verdicts: analyze: %w", err)
		}
	}
	return s.record(ctx, year, day, key, changes)
}

type row struct {
	personID                      int64
	personVersion, historyVersion int64
	letters                       string
}

// fresh reports whether the table is up to date, and the count of changes
// now.
func (s *Store) fresh(ctx context.Context, year int, day, key string) (bool, int64, error) {
	var now int64
	var at sql.NullInt64
	err := s.DB.QueryRowContext(ctx, `SELECT c.n, (SELECT r.changes FROM eligibility_runs r WHERE r.year = $1 AND r.as_of = $2 AND r.rules_key = $3)
		FROM eligibility_changes c WHERE c.id = 1`, year, day, key).Scan(&now, &at)
	if err != nil {
		return false, 0, fmt.Errorf("verdicts: changes: %w", err)
	}
	return at.Valid && at.Int64 == now, now, nil
}

func (s *Store) write(ctx context.Context, year int, day, key string, rs []row) error {
	if len(rs) == 0 {
		return nil
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("verdicts: begin: %w", err)
	}
	defer tx.Rollback()
	// Several rows a statement: 7 parameters each, well under either
	// database's limit.
	const per = 100
	for len(rs) > 0 {
		n := min(per, len(rs))
		var b strings.Builder
		args := make([]any, 0, 7*n)
		b.WriteString(`INSERT INTO eligibility_verdicts (person_id, year, as_of, rules_key, person_version, history_version, letters) VALUES `)
		for i, r := range rs[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			k := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d, $%d, $%d)", k+1, k+2, k+3, k+4, k+5, k+6, k+7)
			args = append(args, r.personID, year, day, key, r.personVersion, r.historyVersion, r.letters)
		}
		b.WriteString(` ON CONFLICT (year, as_of, rules_key, person_id) DO UPDATE SET person_version = excluded.person_version,
			history_version = excluded.history_version, letters = excluded.letters`)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("verdicts: write: %w", err)
		}
		rs = rs[n:]
	}
	return tx.Commit()
}

// record notes the count of changes the table is now up to date with, and
// drops the least recently used tables beyond keep.
func (s *Store) record(ctx context.Context, year int, day, key string, changes int64) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("verdicts: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO eligibility_runs (year, as_of, rules_key, changes, used_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (year, as_of, rules_key) DO UPDATE SET changes = excluded.changes, used_at = excluded.used_at`,
		year, day, key, changes, now().UTC()); err != nil {
		return fmt.Errorf("verdicts: record: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT year, as_of, rules_key FROM eligibility_runs ORDER BY used_at DESC, year DESC, as_of DESC`)
	if err != nil {
		return fmt.Errorf("verdicts: runs: %w", err)
	}
	type run struct {
		year     int
		day, key string
	}
	var old []run
	for i := 0; rows.Next(); i++ {
		var r run
		if err := rows.Scan(&r.year, &r.day, &r.key); err != nil {
			rows.Close()
			return err
		}
		if i >= keep {
			old = append(old, r)
		}
	}
	rows.Close()
	for _, r := range old {
		for _, q := range []string{`DELETE FROM eligibility_verdicts WHERE year = $1 AND as_of = $2 AND rules_key = $3`,
			`DELETE FROM eligibility_runs WHERE year = $1 AND as_of = $2 AND rules_key = $3`} {
			if _, err := tx.ExecContext(ctx, q, r.year, r.day, r.key); err != nil {
				return fmt.Errorf("verdicts: drop old table: %w", err)
			}
		}
	}
	return tx.Commit()
}

// Scope is the part of the query storage adds for the viewer's scope: a
// predicate over u.path and its arguments, numbered from $1.
type Scope struct {
	Where string
	Args  []any
	// Changes is the count of changes the table is up to date with
	// (Refresh), which keys the cached totals.
	Changes int64
	// Refreshing says the table is being recomputed in the background
	// (Ensure): what is read is what is stored so far.
	Refreshing bool
}

// query builds the FROM and WHERE of a table query with its arguments.
// A unit filter takes the subtree's path (subtree), resolved beforehand
// so that PostgreSQL plans with it: behind a subquery it took the root's
// subtree for one unit and sorted every person. byUnit reads the people
// of the subtree off people_unit (a small subtree: they are few, and
// sorting them is cheaper than walking the whole of people_list for the
// ones that belong); otherwise the rows come in the order of people_list,
// the table's order.
func (s *Store) query(key string, f rules.TableFilter, sc Scope, subtree string, byUnit bool) (string, []any, error) {
	args := append([]any{}, sc.Args...)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	// On SQLite "|| ''" keeps the planner from reading the people by
	// people_headcount (status first): it did, then sorted all 50,000 of a
	// province for a page of 50 (164 ms, against 0.2 ms along
	// people_list). PostgreSQL needs the plain term: it estimates the
	// expression at 0.5 % of the rows and, with a gender filter, read and
	// sorted the table (153 ms, against 9.9 ms along people_list).
	status := "p.status || '' = 'ACTIVE'"
	if s.Postgres {
		status = "p.status = 'ACTIVE'"
	}
	where := []string{status, sc.Where}
	// People first, in the order of people_sort, so that a page reads its
	// rows off the index (SQLite keeps the order of a CROSS JOIN) instead
	// of sorting the table.
	from := `FROM people p CROSS JOIN eligibility_verdicts v CROSS JOIN units u`
	where = append(where, "u.id = p.unit_id", "v.person_id = p.id", "v.year = "+arg(f.Year), "v.as_of = "+arg(f.AsOf.ISO()), "v.rules_key = "+arg(key))
	switch {
	case f.UnitID != 0 && subtree == "":
		where = append(where, "1 = 0") // no such unit
	case f.UnitID != 0 && byUnit:
		where = append(where, "p.unit_id IN (SELECT s.id FROM units s WHERE s.path LIKE "+arg(subtree+"%")+")")
	case f.UnitID != 0:
		where = append(where, "u.path LIKE "+arg(subtree+"%"))
	}
	if f.Gender != "" {
		where = append(where, "p.gender = "+arg(f.Gender))
	}
	if f.Leaders {
		where = append(where, "p.is_leader = "+arg(true))
	}
	if f.Verdict != "" {
		letter := rules.LetterOfVerdict(f.Verdict)
		if letter == 0 {
			return "", nil, thidua.Errorf(thidua.EINVALID, "Kết luận “%s” không có trong danh sách.", f.Verdict)
		}
		if i := f.AwardIndex(); i >= 0 {
			where = append(where, "substr(v.letters, "+strconv.Itoa(i+1)+", 1) = "+arg(string(letter)))
		} else {
			where = append(where, "v.letters LIKE "+arg("%"+string(letter)+"%"))
		}
	}
	return from + " WHERE " + strings.Join(where, " AND "), args, nil
}

// cursor encodes the sort position of a row: the name's sort key and the id.
func cursor(sortKey []byte, id int64) string {
	return base64.RawURLEncoding.EncodeToString(append(strconv.AppendInt(nil, id, 10), append([]byte{'.'}, sortKey...)...))
}

func parseCursor(s string) ([]byte, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, 0, err
	}
	i := strings.IndexByte(string(b), '.')
	if i < 0 {
		return nil, 0, errors.New("no separator")
	}
	id, err := strconv.ParseInt(string(b[:i]), 10, 64)
	return b[i+1:], id, err
}

// Page returns one page of the table, in the order people are listed
// everywhere (the Vietnamese sort key of the name, given name first; then
// the id), from the row after f.After, with the number of rows the filter
// keeps.
func (s *Store) Page(ctx context.Context, key string, f rules.TableFilter, sc Scope) (*rules.TablePage, error) {
	subtree, err := s.subtree(ctx, f.UnitID)
	if err != nil {
		return nil, err
	}
	small := false
	if subtree != "" {
		var n int64
		if err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(SUM(c.n), 0) FROM unit_people_counts c JOIN units u ON u.id = c.unit_id
			WHERE c.status = 'ACTIVE' AND u.path LIKE $1`, subtree+"%").Scan(&n); err != nil {
			return nil, fmt.Errorf("verdicts: subtree: %w", err)
		}
		small = n < smallSubtree
	}
	from, args, err := s.query(key, f, sc, subtree, small)
	if err != nil {
		return nil, err
	}
	page := &rules.TablePage{Refreshing: sc.Refreshing}
	// The count reads by unit whatever the subtree's size: it has no order.
	cfrom, cargs, err := s.query(key, f, sc, subtree, true)
	if err != nil {
		return nil, err
	}
	if page.Total, err = s.count(ctx, key, f, sc, subtree, cfrom, cargs); err != nil {
		return nil, err
	}
	if f.After != "" {
		sk, id, err := parseCursor(f.After)
		if err != nil {
			return nil, thidua.Errorf(thidua.EINVALID, "Con trỏ trang không hợp lệ: mở lại trang đầu.")
		}
		n := len(args)
		args = append(args, sk, id)
		// A row value, so that both databases seek people_sort to it.
		from += fmt.Sprintf(" AND (p.sort_key, p.id) > ($%d, $%d)", n+1, n+2)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	var last []byte
	var lastID int64
	err = s.each(ctx, `SELECT p.id, p.full_name, p.unit_id, u.name, p.gender, p.is_leader, v.letters, p.sort_key `+from+
		` ORDER BY p.sort_key, p.id LIMIT `+strconv.Itoa(limit+1), args, func(r rules.TableRow, sk []byte) error {
		if len(page.Rows) == limit {
			page.Next = cursor(last, lastID)
			return errStop
		}
		page.Rows = append(page.Rows, r)
		last, lastID = sk, r.PersonID
		return nil
	})
	return page, err
}

var errStop = errors.New("stop")

// subtree returns the path of unit id ("" for none, or no such unit).
func (s *Store) subtree(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var path string
	err := s.DB.QueryRowContext(ctx, `SELECT path FROM units WHERE id = $1`, id).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("verdicts: unit: %w", err)
	}
	return path, nil
}

// smallSubtree is the most active people of a unit's subtree that a page
// reads by unit and sorts (a few milliseconds); a larger subtree has a
// page's worth of its people early along people_list.
const smallSubtree = 5000

// count returns the rows of the filter, cached by filter, scope and count
// of changes.
func (s *Store) count(ctx context.Context, key string, f rules.TableFilter, sc Scope, subtree, from string, args []any) (int, error) {
	f.After, f.Limit = "", 0
	ck := fmt.Sprintf("%s|%d|%+v|%s|%v", key, sc.Changes, f, sc.Where, sc.Args)
	s.totalsMu.Lock()
	n, ok := s.totals[ck]
	s.totalsMu.Unlock()
	if ok {
		return n, nil
	}
	if !sc.Refreshing && f.Gender == "" && !f.Leaders && f.Verdict == "" {
		// An up-to-date table has a row for every active person: without a
		// filter on the people or the verdicts, its rows in scope are the
		// active people of the scope's units, which the per-unit counters
		// (migration 0024) sum over some 200 units rather than 50,000
		// people (the first page of each viewer took 150-350 ms).
		args := append([]any{}, sc.Args...)
		where := "c.status = 'ACTIVE' AND " + sc.Where
		switch {
		case f.UnitID != 0 && subtree == "":
			where += " AND 1 = 0"
		case f.UnitID != 0:
			args = append(args, subtree+"%")
			where += " AND u.path LIKE $" + strconv.Itoa(len(args))
		}
		if err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(SUM(c.n), 0) FROM unit_people_counts c JOIN units u ON u.id = c.unit_id WHERE `+where,
			args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("verdicts: count: %w", err)
		}
	} else if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) `+from, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("verdicts: count: %w", err)
	}
	if sc.Refreshing {
		// The rows are being written: a count now is not worth keeping.
		return n, nil
	}
	s.totalsMu.Lock()
	if s.totals == nil || len(s.totals) >= maxTotals {
		s.totals = map[string]int{}
	}
	s.totals[ck] = n
	s.totalsMu.Unlock()
	return n, nil
}

// Each calls fn for every row the filter keeps, in table order, reading
// row by row (an export streams the table without holding it).
func (s *Store) Each(ctx context.Context, key string, f rules.TableFilter, sc Scope, fn func(rules.TableRow) error) error {
	subtree, err := s.subtree(ctx, f.UnitID)
	if err != nil {
		return err
	}
	from, args, err := s.query(key, f, sc, subtree, false)
	if err != nil {
		return err
	}
	return s.each(ctx, `SELECT p.id, p.full_name, p.unit_id, u.name, p.gender, p.is_leader, v.letters, p.sort_key `+from+` ORDER BY p.sort_key, p.id`,
		args, func(r rules.TableRow, _ []byte) error { return fn(r) })
}

func (s *Store) each(ctx context.Context, q string, args []any, fn func(rules.TableRow, []byte) error) error {
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("verdicts: table: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r rules.TableRow
		var sk []byte
		if err := rows.Scan(&r.PersonID, &r.Name, &r.UnitID, &r.UnitName, &r.Gender, &r.Leader, &r.Letters, &sk); err != nil {
			return fmt.Errorf("verdicts: table: %w", err)
		}
		if err := fn(r, sk); err != nil {
			if errors.Is(err, errStop) {
				return nil
			}
			return err
		}
	}
	return rows.Err()
}
