package verdicts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/sqldb/clusterfacts"
)

// Computing a table in the background.
//
// A new year judged, evaluation date or rule set is a whole table to
// compute: 15–30 s for a province's 50,000 people. With a background set
// (Tables.Background, wired by the server to its job runner) a request
// that finds its table stale queues a job (thidua.JobEligibilityRefresh,
// one per year and date while one is queued or running), waits at most
// Store.Wait for it, and then reads what is stored so far, marked
// Refreshing. Without one (tests, commands) the refresh runs inside the
// request, as before.
//
// The collectives' table (migration 0020) is stored too: each unit's
// explained verdicts as JSON, recomputed when the count of changes
// (people, histories, units, clusters) has moved. A unit is judged with the
// people of its subtree, from the sum of its subtree's member summaries
// (migration 0019, members.go): a refresh reads again only the members of
// the units whose members changed, then judges the ~200 units.

// UnitJudge judges collectives with their members (rules.Service).
type UnitJudge = rules.UnitJudge

// Tables is the stored tables as the storage handle exposes them.
type Tables struct {
	Store *Store
	// Histories reads the units and their members (the storage handle).
	Histories thidua.HistoryReader
	// unitsMu makes one refresh of the collectives' table at a time in
	// this process, apart from the people's (Store.mu): a request may
	// refresh the collectives while a job computes the people's table.
	unitsMu sync.Mutex
	// InlineMembers is how many members' histories a request may read to
	// bring the member summaries up to date itself (default 1,500); past
	// that, with a background set, a job computes them (a unit's history
	// page at the top of a province after a first start or an import).
	InlineMembers int
	// unitCache is the decoded collectives' table last read (unitTable).
	unitCache struct {
		mu    sync.Mutex
		key   string
		table map[int64][]rules.Verdict
	}
	// queueMembers, set by Background, queues the member summaries of a
	// year to be computed by a job.
	queueMembers func(ctx context.Context, year int) error
}

// RefID is the job reference of the tables of year as of asOf.
func RefID(year int, asOf thidua.Date) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(asOf.ISO(), "-", ""), 10, 64)
	return int64(year)*100_000_000 + n
}

// ParseRefID is the year and date of a job reference.
func ParseRefID(ref int64) (int, thidua.Date, error) {
	year, day := ref/100_000_000, ref%100_000_000
	d, err := time.Parse("20060102", fmt.Sprintf("%08d", day))
	if err != nil || year < 1945 || year > 2200 {
		return 0, thidua.Date{}, fmt.Errorf("verdicts: bad job reference %d", ref)
	}
	return int(year), thidua.DateOf(d), nil
}

// Background makes stale tables computed by jobs: a request queues one
// and notify wakes the runner.
func (t *Tables) Background(notify func()) {
	s := t.Store
	t.queueMembers = func(ctx context.Context, year int) error {
		return queueJob(ctx, s, thidua.JobUnitMembersRefresh, int64(year), notify)
	}
	s.background = func(ctx context.Context, year int, asOf thidua.Date) error {
		return queueJob(ctx, s, thidua.JobEligibilityRefresh, RefID(year, asOf), notify)
	}
}

// queueJob queues a job of kind for ref unless one is waiting or running,
// and wakes the runner when it queued one.
func queueJob(ctx context.Context, s *Store, kind string, ref int64, notify func()) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	res, err := s.DB.ExecContext(ctx, `INSERT INTO jobs (kind, ref_id, state, actor_id, created_at)
		SELECT $1, $2, $3, 0, $4 WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND ref_id = $2 AND state IN ($3, $5))`,
		kind, ref, thidua.JobQueued, now().UTC().Truncate(time.Microsecond), thidua.JobRunning)
	if err != nil {
		return fmt.Errorf("verdicts: queue %s: %w", kind, err)
	}
	if n, _ := res.RowsAffected(); n > 0 && notify != nil {
		notify()
	}
	return nil
}

// ensure brings a table up to date, or has it brought up to date in the
// background and waits for that a bounded time: refreshing reports that
// the table is still being computed. isFresh checks the table; inline
// computes it in the request when no background is set.
func (s *Store) ensure(ctx context.Context, year int, asOf thidua.Date, isFresh func() (bool, int64, error), inline func() (int64, error)) (int64, bool, error) {
	fresh, changes, err := isFresh()
	if err != nil || fresh {
		return changes, false, err
	}
	if s.background == nil {
		changes, err := inline()
		return changes, false, err
	}
	if err := s.background(ctx, year, asOf); err != nil && !s.queued(ctx, year, asOf) {
		// Queueing writes: under a long write (SQLite busy past its
		// timeout while a job stores a batch) it may fail; when a job for
		// the table is already there, the request waits for it as usual
		// instead of failing.
		return 0, false, err
	}
	var now int64
	done, err := s.await(ctx, func() (bool, error) {
		fresh, n, err := isFresh()
		now = n
		return fresh, err
	})
	switch {
	case err != nil:
		return 0, false, err
	case !done:
		return changes, true, nil
	}
	return now, false, nil
}

// await checks done every 100 ms until it reports true (or an error),
// ctx ends or Wait (default 1.5 s) has passed, and reports whether it did:
// how a request waits a bounded time for a background job.
func (s *Store) await(ctx context.Context, done func() (bool, error)) (bool, error) {
	wait := s.Wait
	if wait <= 0 {
		wait = 1500 * time.Millisecond
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-deadline.C:
			return false, nil
		case <-tick.C:
		}
		if ok, err := done(); err != nil || ok {
			return ok, err
		}
	}
}

// queued reports whether a job for the table of year as of asOf is
// waiting or running.
func (s *Store) queued(ctx context.Context, year int, asOf thidua.Date) bool {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM jobs WHERE kind = $1 AND ref_id = $2 AND state IN ($3, $4)`,
		thidua.JobEligibilityRefresh, RefID(year, asOf), thidua.JobQueued, thidua.JobRunning).Scan(&n)
	return err == nil && n > 0
}

// Ensure is Refresh bounded in time when a background is set: the count
// of changes the table is up to date with, or, when it is still being
// computed, refreshing.
func (s *Store) Ensure(ctx context.Context, src Source, year int, asOf thidua.Date) (int64, bool, error) {
	key, day := src.RulesKey(), asOf.ISO()
	return s.ensure(ctx, year, asOf, func() (bool, int64, error) { return s.fresh(ctx, year, day, key) },
		func() (int64, error) { return s.Refresh(ctx, src, year, asOf) })
}

// Queue asks for the tables of year as of asOf to be computed in the
// background when they are stale (the server's periodic check of the
// default table: a new day is a new date judged).
func (t *Tables) QueueEligibility(ctx context.Context, src Source, year int, asOf thidua.Date) error {
	s := t.Store
	if s.background == nil {
		return nil
	}
	key, day := src.RulesKey(), asOf.ISO()
	fresh, _, err := s.fresh(ctx, year, day, key)
	if err == nil && fresh {
		fresh, _, err = t.unitsFresh(ctx, year, day, key)
	}
	if err != nil || fresh {
		return err
	}
	return s.background(ctx, year, asOf)
}

// EligibilityJob is the handler of thidua.JobEligibilityRefresh: the
// people's table, then the collectives'.
func (t *Tables) EligibilityJob(j UnitJudge) thidua.JobHandler {
	return func(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
		year, asOf, err := ParseRefID(job.RefID)
		if err != nil {
			return err
		}
		s := t.Store
		var total int64
		if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE status = 'ACTIVE'`).Scan(&total); err != nil {
			return fmt.Errorf("verdicts: count people: %w", err)
		}
		msg := "Đang tính lại bảng xét điều kiện năm " + strconv.Itoa(year) + " (cá nhân)"
		p.Set(0, total, msg)
		key, day := j.RulesKey(), asOf.ISO()
		fresh, _, err := s.fresh(ctx, year, day, key)
		if err != nil {
			return err
		}
		if !fresh {
			// The work is incremental: a batch that could not be written
			// (SQLite's writer busy past its timeout on a loaded machine)
			// is taken up again from the rows already stored.
			err = retry(ctx, func() error {
				s.mu.Lock()
				defer s.mu.Unlock()
				fresh, changes, err := s.fresh(ctx, year, day, key)
				if err != nil || fresh {
					return err
				}
				return s.refresh(ctx, j, year, asOf, changes, func(done int) { p.Set(int64(done), total, msg) })
			})
			if err != nil {
				return err
			}
		}
		p.Set(total, total, "Đang tính lại bảng xét điều kiện năm "+strconv.Itoa(year)+" (tập thể)")
		return retry(ctx, func() error {
			_, err := t.refreshUnits(ctx, j, year, asOf)
			return err
		})
	}
}

// retry runs fn up to three times while it fails and ctx lasts.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for range 3 {
		if err = fn(); err == nil || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// unitsFresh reports whether the collectives' table is up to date, and the
// count of changes now.
func (t *Tables) unitsFresh(ctx context.Context, year int, day, key string) (bool, int64, error) {
	var now int64
	var at sql.NullInt64
	err := t.Store.DB.QueryRowContext(ctx, `SELECT c.n, (SELECT r.changes FROM eligibility_unit_runs r WHERE r.year = $1 AND r.as_of = $2 AND r.rules_key = $3)
		FROM eligibility_changes c WHERE c.id = 1`, year, day, key).Scan(&now, &at)
	if err != nil {
		return false, 0, fmt.Errorf("verdicts: changes: %w", err)
	}
	return at.Valid && at.Int64 == now, now, nil
}

// refreshUnits recomputes the collectives' table when it is stale.
func (t *Tables) refreshUnits(ctx context.Context, j UnitJudge, year int, asOf thidua.Date) (int64, error) {
	key, day := j.RulesKey(), asOf.ISO()
	fresh, changes, err := t.unitsFresh(ctx, year, day, key)
	if err != nil || fresh {
		return changes, err
	}
	t.unitsMu.Lock()
	defer t.unitsMu.Unlock()
	if fresh, changes, err = t.unitsFresh(ctx, year, day, key); err != nil || fresh {
		return changes, err
	}
	// Each unit from the sum of its subtree's member summaries (members.go),
	// with its own history and the clusters it led.
	sums, err := t.SubtreeMemberFacts(ctx, year, "")
	if err != nil {
		return 0, err
	}
	leads, err := clusterfacts.AllLeads(ctx, t.Store.DB)
	if err != nil {
		return 0, err
	}
	sys := thidua.NewContextWithUser(thidua.NewSystemContext(ctx), nil)
	units, err := t.Histories.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectUnit})
	if err != nil {
		return 0, err
	}
	type unitRow struct {
		id  int64
		doc string
	}
	rows := make([]unitRow, 0, len(units))
	for _, h := range units {
		h.ClusterLeads = leads[h.SubjectID]
		vs, err := j.EvaluateAll(rules.CollectiveSubject(h, sums[h.SubjectID], asOf), year, asOf)
		if err != nil {
			return 0, err
		}
		b, err := json.Marshal(vs)
		if err != nil {
			return 0, fmt.Errorf("verdicts: unit %d: %w", h.SubjectID, err)
		}
		rows = append(rows, unitRow{h.SubjectID, string(b)})
	}
	now := time.Now
	if t.Store.Now != nil {
		now = t.Store.Now
	}
	tx, err := t.Store.DB.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("verdicts: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM eligibility_unit_verdicts WHERE year = $1 AND as_of = $2 AND rules_key = $3`, year, day, key); err != nil {
		return 0, fmt.Errorf("verdicts: units: %w", err)
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT INTO eligibility_unit_verdicts (unit_id, year, as_of, rules_key, verdicts_json) VALUES ($1, $2, $3, $4, $5)`,
			r.id, year, day, key, r.doc); err != nil {
			return 0, fmt.Errorf("verdicts: units: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO eligibility_unit_runs (year, as_of, rules_key, changes, used_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (year, as_of, rules_key) DO UPDATE SET changes = excluded.changes, used_at = excluded.used_at`,
		year, day, key, changes, now().UTC()); err != nil {
		return 0, fmt.Errorf("verdicts: units: %w", err)
	}
	// Keep the most recently used tables, as for the people's.
	if _, err := tx.ExecContext(ctx, `DELETE FROM eligibility_unit_verdicts WHERE (year, as_of, rules_key) NOT IN
		(SELECT year, as_of, rules_key FROM eligibility_unit_runs ORDER BY used_at DESC, year DESC, as_of DESC LIMIT `+strconv.Itoa(keep)+`)`); err != nil {
		return 0, fmt.Errorf("verdicts: drop old units: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM eligibility_unit_runs WHERE (year, as_of, rules_key) NOT IN
		(SELECT year, as_of, rules_key FROM eligibility_unit_runs ORDER BY used_at DESC, year DESC, as_of DESC LIMIT `+strconv.Itoa(keep)+`)`); err != nil {
		return 0, fmt.Errorf("verdicts: drop old units: %w", err)
	}
	// Member summaries of years no kept table judges.
	if _, err := tx.ExecContext(ctx, `DELETE FROM unit_member_facts WHERE year NOT IN (SELECT year FROM eligibility_unit_runs)`); err != nil {
		return 0, fmt.Errorf("verdicts: drop old summaries: %w", err)
	}
	return changes, tx.Commit()
}

// UnitEligibility returns the stored explained verdicts of the units ids
// (the caller's scope: the units it listed), after bringing the
// collectives' table up to date or, with a background, having it brought
// up to date; refreshing says it is still being computed (a unit may then
// have no verdicts yet, or older ones). The verdicts of an up-to-date
// table are decoded once and shared between requests: callers read them
// and change nothing.
func (t *Tables) UnitEligibility(ctx context.Context, j UnitJudge, year int, asOf thidua.Date, ids []int64) (map[int64][]rules.Verdict, bool, error) {
	key, day := j.RulesKey(), asOf.ISO()
	isFresh := func() (bool, int64, error) { return t.unitsFresh(ctx, year, day, key) }
	refresh := func() (int64, error) { return t.refreshUnits(ctx, j, year, asOf) }
	fresh, now, err := isFresh()
	if err != nil {
		return nil, false, err
	}
	refreshing := false
	incremental := false
	if !fresh {
		if incremental, err = t.incremental(ctx, year); err != nil {
			return nil, false, err
		}
	}
	switch {
	case fresh:
	case incremental:
		// Few units' members changed since the summaries of the year were
		// computed: a refresh reads only theirs and judges the units from
		// the sums (a fraction of a second for a province), so it is done
		// in the request and the table is never shown stale after an edit.
		_, err = refresh()
	default:
		// A year's first table reads every person: in the background.
		_, refreshing, err = t.Store.ensure(ctx, year, asOf, isFresh, refresh)
	}
	if err != nil {
		return nil, false, err
	}
	if !fresh && !refreshing {
		// Refreshed in the request: read the count it is now up to date with.
		if fresh, now, err = isFresh(); err != nil {
			return nil, false, err
		}
	}
	if fresh {
		// Up to date: the decoded table of the count of changes it is up
		// to date with is kept (the explained verdicts' JSON took most of
		// the collectives' page to decode).
		all, err := t.unitTable(ctx, fmt.Sprintf("%d|%s|%s|%d", year, day, key, now), year, day, key)
		if err != nil {
			return nil, false, err
		}
		out := make(map[int64][]rules.Verdict, len(ids))
		for _, id := range ids {
			if vs, ok := all[id]; ok {
				out[id] = vs
			}
		}
		return out, false, nil
	}
	out, err := t.readUnits(ctx, year, day, key, ids)
	return out, refreshing, err
}

// unitTable returns every stored unit verdict of a table, decoded once per
// cache key (the table and the count of changes it is up to date with);
// one table is kept, the last asked for.
func (t *Tables) unitTable(ctx context.Context, ck string, year int, day, key string) (map[int64][]rules.Verdict, error) {
	t.unitCache.mu.Lock()
	defer t.unitCache.mu.Unlock()
	if t.unitCache.key == ck {
		return t.unitCache.table, nil
	}
	all, err := t.readUnits(ctx, year, day, key, nil)
	if err != nil {
		return nil, err
	}
	t.unitCache.key, t.unitCache.table = ck, all
	return all, nil
}

// readUnits decodes the stored verdicts of the units ids, or of every
// unit when ids is nil.
func (t *Tables) readUnits(ctx context.Context, year int, day, key string, ids []int64) (map[int64][]rules.Verdict, error) {
	out := make(map[int64][]rules.Verdict, len(ids))
	all := ids == nil
	for all || len(ids) > 0 {
		n := min(len(ids), 500)
		args := []any{year, day, key}
		marks := make([]string, n)
		for i, id := range ids[:n] {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(len(args))
		}
		q := `SELECT unit_id, verdicts_json FROM eligibility_unit_verdicts WHERE year = $1 AND as_of = $2 AND rules_key = $3`
		if !all {
			q += ` AND unit_id IN (` + strings.Join(marks, ", ") + `)`
		}
		all = false
		rows, err := t.Store.DB.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("verdicts: units: %w", err)
		}
		for rows.Next() {
			var id int64
			var doc string
			var vs []rules.Verdict
			if err := rows.Scan(&id, &doc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("verdicts: units: %w", err)
			}
			if err := json.Unmarshal([]byte(doc), &vs); err != nil {
				rows.Close()
				return nil, fmt.Errorf("verdicts: unit %d: %w", id, err)
			}
			out[id] = vs
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("verdicts: units: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}
