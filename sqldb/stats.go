package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"thidua"
	"thidua/sqldb/awardstats"
)

var _ thidua.StatsService = (*DB)(nil)

// AwardStats gathers the titles and forms received by the people and
// units of a subtree within the user's scope, and their current headcount.
// The figures come from the stored statistics (sqldb/awardstats, brought
// up to date first when people, histories or units have changed since):
// Cells counts the facts by everything the figures group by, EachFact
// streams the facts themselves in order for the reports' list. The
// counting is the domain's (thidua.StatsData).
func (db *DB) AwardStats(ctx context.Context, f thidua.StatsFilter) (*thidua.StatsData, error) {
	d := &thidua.StatsData{Filter: f}
	uf := thidua.UnitFilter{Subtree: f.UnitID}
	units, _, err := findUnits(ctx, db.db, uf)
	if err != nil {
		return nil, err
	}
	if f.UnitID != 0 {
		if len(units) == 0 {
			return nil, notFound("đơn vị")
		}
		for _, u := range units {
			if u.ID == f.UnitID {
				d.Root = u
			}
		}
	}
	d.Units = units
	scope, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return nil, err
	}
	where := []string{scope}
	if d.Root != nil {
		args = append(args, d.Root.Path+"%")
		where = append(where, "u.path LIKE $"+strconv.Itoa(len(args)))
	}
	cond := strings.Join(where, " AND ")

	// A refresh already under way in this process (the first computation
	// after the migration, the timed one of thidua serve) is waited for a
	// moment while it has few subjects left — a small office's ends in it;
	// one with many (a province's first computation takes minutes) is not,
	// and the figures read are then those last stored.
	// A request that finds no refresh running does the refresh itself
	// only while it is small; with more subjects stale it reads what is
	// stored and leaves them to a refresh in the background.
	small := func() bool { n := db.statsLeft.Load(); return n < 0 || n <= smallRefresh }
	if lockWithin(ctx, db.statsBusy, statsWait, small) {
		if err := db.refreshSmallLocked(ctx); err != nil {
			return nil, err
		}
	}
	w := awardstats.Where{Cond: cond, Args: args, From: f.FromYear, To: f.ToYear}
	if d.Cells, err = db.awardCells(ctx, w); err != nil {
		return nil, err
	}
	q := db.db
	d.EachFact = func(yield func(*thidua.AwardFact) error) error { return awardstats.Facts(ctx, q, w, yield) }

	// The headcount now: active people by unit, gender and post, counted
	// in the order of their index (people_headcount), then joined.
	rows, err := db.db.QueryContext(ctx, `SELECT u.id, u.path, p.gender, p.is_leader, p.n
		FROM (SELECT unit_id, gender, is_leader, count(*) AS n FROM people WHERE status = 'ACTIVE'
			GROUP BY unit_id, gender, is_leader) p JOIN units u ON u.id = p.unit_id
		WHERE `+cond+` ORDER BY u.id, p.gender, p.is_leader`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: headcount: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s thidua.StaffCount
		var gender string
		if err := rows.Scan(&s.UnitID, &s.UnitPath, &gender, &s.Leader, &s.Count); err != nil {
			return nil, fmt.Errorf("sqldb: headcount: %w", err)
		}
		s.Female = gender == thidua.GenderFemale
		d.Staff = append(d.Staff, s)
	}
	return d, rows.Err()
}

// RefreshAwardStats brings the stored statistics up to date: nothing to
// do (a one-row read) while people, histories and units are as they
// were; otherwise the subjects that changed, in short transactions.
func (db *DB) RefreshAwardStats(ctx context.Context) error {
	db.statsBusy.Lock()
	defer db.statsBusy.Unlock()
	return db.refreshAwardStats(ctx, 0)
}

// refreshAwardStats refreshes with at most most subjects to recompute
// (0: any number); more is awardstats.ErrMany, with nothing done.
func (db *DB) refreshAwardStats(ctx context.Context, most int) error {
	begin := func(ctx context.Context) (awardstats.WriteTx, error) { return db.begin(ctx) }
	var analyze func(context.Context) error
	if db.dialect == Postgres {
		// After a first computation PostgreSQL knows nothing of the rows
		// it wrote and plans the next lookups as over empty tables.
		analyze = func(ctx context.Context) error {
			_, err := db.db.ExecContext(ctx, `ANALYZE award_stat_facts, award_stat_cells, award_stat_form_cells, award_stat_subjects`)
			return err
		}
	}
	// Unknown until the stale subjects are listed; none once done.
	db.statsLeft.Store(-1)
	defer db.statsLeft.Store(0)
	_, err := awardstats.Refresh(ctx, db.db, awardstats.Options{Begin: begin, Gate: db.gate, Analyze: analyze,
		Left: func(n int) { db.statsLeft.Store(int64(n)) }, Max: most})
	return err
}

// statsWait is how long a request waits for a refresh of the stored
// statistics running in this process, with at most smallRefresh subjects
// left, before it reads what is stored.
const (
	statsWait    = 2 * time.Second
	smallRefresh = 1000
)

// lockWithin locks mu if it can within d (or before ctx ends) and reports
// whether it did; it stops waiting as soon as worth (when not nil) says
// the wait is not worth it.
func lockWithin(ctx context.Context, mu *sync.Mutex, d time.Duration, worth func() bool) bool {
	if mu.TryLock() {
		return true
	}
	if worth != nil && !worth() {
		return false
	}
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-deadline.C:
			return mu.TryLock()
		case <-tick.C:
			if mu.TryLock() {
				return true
			}
			if worth != nil && !worth() {
				return false
			}
		}
	}
}
