package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"thidua"
	"thidua/sqldb/awardstats"
)

// AwardStatsReference exposes the reference computation to the tests of
// package sqldb_test.
func (db *DB) AwardStatsReference(ctx context.Context, f thidua.StatsFilter) (*thidua.StatsData, error) {
	return db.awardStatsReference(ctx, f)
}

// awardStatsReference is AwardStats as it was before the history documents
// were decoded to their award lists only: it decodes every document whole.
// The tests set the figures of AwardStats against it.
//
// It gathers the titles and forms received by the people and
// units of a subtree within the user's scope, and their current headcount.
// The history documents are read and flattened here; the counting is the
// domain's (thidua.StatsData).
func (db *DB) awardStatsReference(ctx context.Context, f thidua.StatsFilter) (*thidua.StatsData, error) {
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
	inYears := func(y int) bool {
		return (f.FromYear == 0 || y >= f.FromYear) && (f.ToYear == 0 || y <= f.ToYear)
	}

	// People's histories.
	rows, err := db.db.QueryContext(ctx, `SELECT p.id, p.full_name, p.gender, p.is_leader, p.unit_id, u.path, h.history_json
		FROM people p JOIN units u ON u.id = p.unit_id JOIN histories h ON h.person_id = p.id
		WHERE `+cond+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: award stats: %w", err)
	}
	for rows.Next() {
		var id, unitID int64
		var name, gender, path, doc string
		var leader bool
		if err := rows.Scan(&id, &name, &gender, &leader, &unitID, &path, &doc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqldb: award stats: %w", err)
		}
		var h thidua.History
		if err := json.Unmarshal([]byte(doc), &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqldb: history document: %w", err)
		}
		base := thidua.AwardFact{Subject: thidua.SubjectPerson, SubjectID: id, Name: name, UnitID: unitID, UnitPath: path,
			Female: gender == thidua.GenderFemale}
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
		d.Facts = appendFactsReference(d.Facts, base, &h, inYears, leaderIn)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	// Units' histories.
	rows, err = db.db.QueryContext(ctx, `SELECT u.id, u.name, u.path, h.history_json
		FROM units u JOIN histories h ON h.unit_id = u.id WHERE `+cond+` ORDER BY u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: award stats: %w", err)
	}
	for rows.Next() {
		var id int64
		var name, path, doc string
		if err := rows.Scan(&id, &name, &path, &doc); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqldb: award stats: %w", err)
		}
		var h thidua.History
		if err := json.Unmarshal([]byte(doc), &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqldb: history document: %w", err)
		}
		base := thidua.AwardFact{Subject: thidua.SubjectUnit, SubjectID: id, Name: name, UnitID: id, UnitPath: path}
		d.Facts = appendFactsReference(d.Facts, base, &h, inYears, func(int) bool { return false })
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	sortFactsReference(d.Facts)

	// The headcount now: active people by unit, gender and post.
	rows, err = db.db.QueryContext(ctx, `SELECT u.id, u.path, p.gender, p.is_leader, count(*)
		FROM people p JOIN units u ON u.id = p.unit_id
		WHERE p.status = 'ACTIVE' AND `+cond+`
		GROUP BY u.id, u.path, p.gender, p.is_leader ORDER BY u.id`, args...)
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

// appendFacts flattens the titles and forms of one history (revoked ones
// left out) within the years.
func appendFactsReference(out []thidua.AwardFact, base thidua.AwardFact, h *thidua.History, inYears func(int) bool, leader func(int) bool) []thidua.AwardFact {
	for _, t := range h.Titles {
		if t.Revoked || !inYears(t.Year) {
			continue
		}
		f := base
		f.Kind, f.Code, f.Level, f.Year, f.Decision, f.Leader = thidua.FactTitle, t.Code, thidua.AwardLevel(t.Code), t.Year, t.Decision, leader(t.Year)
		out = append(out, f)
	}
	for _, a := range h.Awards {
		y := a.Date.Year()
		if a.Revoked || a.Date.IsZero() || !inYears(y) {
			continue
		}
		f := base
		f.Kind, f.Code, f.Level, f.Type, f.Year, f.Decision, f.Leader = thidua.FactForm, a.Code, thidua.AwardLevel(a.Code), a.Type, y, a.Decision, leader(y)
		out = append(out, f)
	}
	return out
}

// sortFactsReference is thidua.SortFacts as it was: a stable sort of the
// facts themselves.
func sortFactsReference(facts []thidua.AwardFact) {
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := &facts[i], &facts[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Kind != b.Kind {
			return a.Kind > b.Kind // titles first
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Name < b.Name
	})
}

// RefreshAwardStatsWith runs the stored statistics' refresh as
// RefreshAwardStats does, with onBegin called before each transaction
// begins (to count them or cut the refresh short) and without this process's one-at-a-time lock.
func (db *DB) RefreshAwardStatsWith(ctx context.Context, onBegin func() error) (int, error) {
	begin := func(ctx context.Context) (awardstats.WriteTx, error) {
		if err := onBegin(); err != nil {
			return nil, err
		}
		return db.begin(ctx)
	}
	return awardstats.Refresh(ctx, db.db, awardstats.Options{Begin: begin, Gate: db.gate})
}
