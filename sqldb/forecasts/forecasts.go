// Package forecasts keeps a province's eligibility forecast ("Dự báo danh
// hiệu năm sau") in compact form, in process, and pages it per request.
//
// A forecast is computed once per (year, evaluation date, rules key, count
// of changes of people, histories, units and clusters: eligibility_changes,
// the counter the stored verdicts use), in the first request that asks for
// it: the people are read a batch at a time by their list order (sort key,
// id), each judged twice (this year, next year with the year's results
// repeated) and dropped; what is kept is one compact line per forecast item
// (rules.ForecastCode with the subject's id, name and unit path: tens of
// bytes). The same pass sums the members' facts of each unit for both
// years, from which the ~200 units are judged. Each request then filters
// the kept lines by scope and unit subtree and cuts its page.
//
// Why in process and not a table: a forecast is a few megabytes at most for
// a province, it is computed in a few seconds with bounded memory, and a
// table would need a migration and its own freshness bookkeeping for what
// the changes count already gives. A second server on the same database
// stays correct: each keys its forecast by the count it reads, so it
// computes again as soon as anything it depends on was written. At most
// keep forecasts are kept; one is computed at a time.
package forecasts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"thidua"
	"thidua/rules"
	"thidua/sqldb/clusterfacts"
)

// keep is how many forecasts are kept.
const keep = 3

// batch is how many people one query reads.
const batch = 1000

// Line is one forecast item of a subject.
type Line struct {
	SubjectID int64
	Name      string
	// Path is the unit path of the subject (of its unit for a person).
	Path string
	Code rules.ForecastCode
}

// Item is the forecast line as the domain writes it.
func (l *Line) Item() rules.ForecastItem {
	return l.Code.Item(strconv.FormatInt(l.SubjectID, 10), l.Name)
}

// Forecast is a province's whole forecast: people's lines in the order of
// the people list, units' in the order of the tree.
type Forecast struct {
	People, Units []Line
}

type key struct {
	year    int
	asOf    string
	rules   string
	changes int64
}

type entry struct {
	key  key
	done chan struct{}
	f    *Forecast
	err  error
	used uint64
}

// Cache computes and keeps forecasts over DB.
type Cache struct {
	DB *sql.DB
	// compute makes one forecast computed at a time.
	compute sync.Mutex
	mu      sync.Mutex
	entries []*entry
	clock   uint64
	// computed counts the forecasts computed (tests).
	computed int
}

// Computed is how many forecasts were computed so far, and how many are
// kept.
func (c *Cache) Computed() (computed, kept int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.computed, len(c.entries)
}

// Get returns the forecast of year as of asOf under src's rules at the
// current count of changes, computing it when it is not kept.
func (c *Cache) Get(ctx context.Context, src rules.ForecastSource, year int, asOf thidua.Date) (*Forecast, error) {
	var changes int64
	if err := c.DB.QueryRowContext(ctx, `SELECT n FROM eligibility_changes WHERE id = 1`).Scan(&changes); err != nil {
		return nil, fmt.Errorf("forecasts: changes: %w", err)
	}
	k := key{year: year, asOf: asOf.ISO(), rules: src.RulesKey(), changes: changes}
	c.mu.Lock()
	c.clock++
	for _, e := range c.entries {
		if e.key == k {
			e.used = c.clock
			c.mu.Unlock()
			select {
			case <-e.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if e.err != nil {
				return nil, e.err
			}
			return e.f, nil
		}
	}
	e := &entry{key: k, done: make(chan struct{}), used: c.clock}
	c.entries = append(c.entries, e)
	c.mu.Unlock()

	c.compute.Lock()
	e.f, e.err = c.build(context.WithoutCancel(ctx), src, year, asOf)
	c.compute.Unlock()
	close(e.done)

	c.mu.Lock()
	c.computed++
	if e.err != nil {
		c.drop(e)
	} else {
		// The same forecast at an older count of changes is never asked
		// for again.
		for _, x := range slices.Clone(c.entries) {
			if x != e && x.key.year == k.year && x.key.asOf == k.asOf && x.key.rules == k.rules && x.key.changes < k.changes {
				c.drop(x)
			}
		}
	}
	// Keep the most recently used.
	for len(c.entries) > keep {
		old := c.entries[0]
		for _, x := range c.entries {
			if x.used < old.used {
				old = x
			}
		}
		c.drop(old)
	}
	c.mu.Unlock()
	return e.f, e.err
}

func (c *Cache) drop(e *entry) {
	for i, x := range c.entries {
		if x == e {
			c.entries = append(c.entries[:i], c.entries[i+1:]...)
			return
		}
	}
}

// build computes the forecast, reading the people a batch at a time.
func (c *Cache) build(ctx context.Context, src rules.ForecastSource, year int, asOf thidua.Date) (*Forecast, error) {
	fc, err := src.NewForecaster(year)
	if err != nil {
		return nil, err
	}
	out := &Forecast{}
	now := map[int64]*rules.MemberFacts{}
	next := map[int64]*rules.MemberFacts{}
	paths := map[string]string{} // interned unit paths
	var codes []rules.ForecastCode
	var lastKey []byte
	var lastID int64
	for {
		q := `SELECT p.id, p.full_name, p.unit_id, p.gender, u.path, h.history_json, p.sort_key
			FROM people p JOIN units u ON u.id = p.unit_id LEFT JOIN histories h ON h.person_id = p.id
			WHERE p.status = 'ACTIVE'`
		var args []any
		if lastID != 0 {
			q += ` AND (p.sort_key, p.id) > ($1, $2)`
			args = append(args, lastKey, lastID)
		}
		rows, err := c.DB.QueryContext(ctx, q+` ORDER BY p.sort_key, p.id LIMIT `+strconv.Itoa(batch), args...)
		if err != nil {
			return nil, fmt.Errorf("forecasts: people: %w", err)
		}
		n := 0
		for rows.Next() {
			var h thidua.SubjectHistory
			var hist sql.NullString
			if err := rows.Scan(&h.SubjectID, &h.Name, &h.UnitID, &h.Gender, &h.UnitPath, &hist, &lastKey); err != nil {
				rows.Close()
				return nil, fmt.Errorf("forecasts: people: %w", err)
			}
			n++
			lastID = h.SubjectID
			h.Subject = thidua.SubjectPerson
			if hist.Valid {
				if err := json.Unmarshal([]byte(hist.String), &h.History); err != nil {
					rows.Close()
					return nil, fmt.Errorf("forecasts: history of person %d: %w", h.SubjectID, err)
				}
			}
			h.History.Normalize()
			sub := rules.SubjectOf(&h, asOf)
			codes = fc.Codes(&sub, nil, codes[:0])
			path, ok := paths[h.UnitPath]
			if !ok {
				path = h.UnitPath
				paths[path] = path
			}
			for _, code := range codes {
				out.People = append(out.People, Line{SubjectID: h.SubjectID, Name: h.Name, Path: path, Code: code})
			}
			m, x := now[h.UnitID], next[h.UnitID]
			if m == nil {
				m, x = &rules.MemberFacts{}, &rules.MemberFacts{}
				now[h.UnitID], next[h.UnitID] = m, x
			}
			hs := &h.History
			m.AddMember(h.Gender, hs.Ratings, hs.Titles, hs.Disciplines, year)
			x.AddNextYear(h.Gender, hs.Ratings, hs.Titles, hs.Disciplines, year)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("forecasts: people: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("forecasts: people: %w", err)
		}
		if n < batch {
			break
		}
	}
	if err := c.units(ctx, fc, asOf, now, next, out); err != nil {
		return nil, err
	}
	return out, nil
}

// units judges every unit with the people of its subtree, from the sums
// of its subtree's members' facts, in the order of the tree.
func (c *Cache) units(ctx context.Context, fc *rules.Forecaster, asOf thidua.Date, now, next map[int64]*rules.MemberFacts, out *Forecast) error {
	leads, err := clusterfacts.AllLeads(ctx, c.DB)
	if err != nil {
		return err
	}
	rows, err := c.DB.QueryContext(ctx, `SELECT u.id, u.name, u.path, h.history_json
		FROM units u LEFT JOIN histories h ON h.unit_id = u.id ORDER BY u.path`)
	if err != nil {
		return fmt.Errorf("forecasts: units: %w", err)
	}
	defer rows.Close()
	var units []*thidua.SubjectHistory
	for rows.Next() {
		h := &thidua.SubjectHistory{Subject: thidua.SubjectUnit}
		var hist sql.NullString
		if err := rows.Scan(&h.SubjectID, &h.Name, &h.UnitPath, &hist); err != nil {
			return fmt.Errorf("forecasts: units: %w", err)
		}
		h.UnitID = h.SubjectID
		if hist.Valid {
			if err := json.Unmarshal([]byte(hist.String), &h.History); err != nil {
				return fmt.Errorf("forecasts: history of unit %d: %w", h.SubjectID, err)
			}
		}
		h.History.Normalize()
		h.ClusterLeads = leads[h.SubjectID]
		units = append(units, h)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("forecasts: units: %w", err)
	}
	tree := make([]rules.UnitPath, len(units))
	for i, h := range units {
		tree[i] = rules.UnitPath{ID: h.SubjectID, Path: h.UnitPath}
	}
	direct := func(m map[int64]*rules.MemberFacts) map[int64]rules.MemberFacts {
		d := make(map[int64]rules.MemberFacts, len(m))
		for id, f := range m {
			d[id] = *f
		}
		return d
	}
	sumNow, sumNext := rules.SubtreeFacts(tree, direct(now)), rules.SubtreeFacts(tree, direct(next))
	var codes []rules.ForecastCode
	for _, h := range units {
		sub := rules.CollectiveSubject(h, sumNow[h.SubjectID], asOf)
		nx := sumNext[h.SubjectID]
		codes = fc.Codes(&sub, &nx, codes[:0])
		for _, code := range codes {
			out.Units = append(out.Units, Line{SubjectID: h.SubjectID, Name: h.Name, Path: h.UnitPath, Code: code})
		}
	}
	return nil
}

// Page returns the lines of lines whose path keep accepts, from offset,
// at most limit, with how many it accepts.
func Page(lines []Line, keep func(path string) bool, offset, limit int) ([]rules.ForecastItem, int) {
	items := []rules.ForecastItem{}
	total := 0
	for i := range lines {
		if !keep(lines[i].Path) {
			continue
		}
		if total >= offset && len(items) < limit {
			items = append(items, lines[i].Item())
		}
		total++
	}
	return items, total
}

// Under accepts the paths under any of roots.
func Under(roots []string) func(path string) bool {
	return func(path string) bool {
		for _, r := range roots {
			if strings.HasPrefix(path, r) {
				return true
			}
		}
		return false
	}
}
