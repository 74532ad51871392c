package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
)

var _ thidua.StatsService = (*DB)(nil)

// AwardStats gathers the titles and forms received by the people and
// units of a subtree within the user's scope, and their current headcount.
// The history documents are read and flattened here; the counting is the
// domain's (thidua.StatsData). The documents are read in the database's
// own order (an ORDER BY sorted every document, and PostgreSQL spilled
// that sort to disk at province scale) and the facts put back in subject
// order here, so thidua.SortFacts breaks its ties as before.
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
	inYears := func(y int) bool {
		return (f.FromYear == 0 || y >= f.FromYear) && (f.ToYear == 0 || y <= f.ToYear)
	}

	// People's histories.
	rows, err := db.db.QueryContext(ctx, `SELECT p.id, p.full_name, p.gender, p.is_leader, p.unit_id, u.path, h.history_json
		FROM people p JOIN units u ON u.id = p.unit_id JOIN histories h ON h.person_id = p.id
		WHERE `+cond, args...)
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
		var h thidua.HistoryAwards
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
		d.Facts = h.AppendFacts(d.Facts, base, inYears, leaderIn)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}

	// Units' histories.
	rows, err = db.db.QueryContext(ctx, `SELECT u.id, u.name, u.path, h.history_json
		FROM units u JOIN histories h ON h.unit_id = u.id WHERE `+cond, args...)
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
		var h thidua.HistoryAwards
		if err := json.Unmarshal([]byte(doc), &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqldb: history document: %w", err)
		}
		base := thidua.AwardFact{Subject: thidua.SubjectUnit, SubjectID: id, Name: name, UnitID: id, UnitPath: path}
		d.Facts = h.AppendFacts(d.Facts, base, inYears, func(int) bool { return false })
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	thidua.SortFactsBySubject(d.Facts)

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
