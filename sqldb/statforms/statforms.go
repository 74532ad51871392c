// Package statforms is the storage side of the statutory statistics forms
// (the domain is thidua/statforms): it streams the award histories and the
// campaigns of a reporting unit's subtree into a form, one document at a
// time, so memory stays bounded by the form's cells, not by the people.
package statforms

import (
	"context"
	"encoding/json"
	"fmt"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/awardstats"
	"thidua/statforms"
)

// Store implements statforms.Service over a sqldb.DB.
type Store struct {
	db  *sqldb.DB
	set statforms.Set
	// noRefresh reads the stored figures as they are (tests).
	noRefresh bool
}

var _ statforms.Service = (*Store)(nil)

// New returns the forms store of db with the circulars of set.
func New(db *sqldb.DB, set statforms.Set) *Store { return &Store{db: db, set: set} }

// StatForm fills one form for a year and a reporting unit: the unit must
// be within the user's scope (org.view); the figures cover its subtree.
func (s *Store) StatForm(ctx context.Context, req statforms.Request) (*statforms.Report, error) {
	return s.statForm(ctx, req, false)
}

func (s *Store) statForm(ctx context.Context, req statforms.Request, histories bool) (*statforms.Report, error) {
	c, f, err := req.Validate(s.set)
	if err != nil {
		return nil, err
	}
	// FindUnits is scoped: a unit outside the user's scope is not found.
	units, _, err := s.db.FindUnits(ctx, thidua.UnitFilter{Subtree: req.UnitID})
	if err != nil {
		return nil, err
	}
	var root *thidua.Unit
	var children []*thidua.Unit
	for _, u := range units {
		if u.ID == req.UnitID {
			root = u
		}
	}
	if root == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy đơn vị báo cáo hoặc đơn vị nằm ngoài phạm vi của bạn.")
	}
	for _, u := range units {
		if u.ParentID == root.ID {
			children = append(children, u)
		}
	}
	r := c.NewReport(f, req.Year, root, children)
	r.Made = s.db.Now()
	switch {
	case f.Source == statforms.SourceAwards && histories:
		err = s.awards(ctx, c, root, req.Year, r.Add)
	case f.Source == statforms.SourceAwards:
		err = s.storedAwards(ctx, c, root, req.Year, r)
	case f.Source == statforms.SourceCampaigns:
		err = s.campaigns(ctx, root, req.Year, r.Add)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// storedAwards counts the awards of year from the stored per-unit counts
// (sqldb/awardstats), brought up to date first; while they are being
// refreshed (by this process or another) it counts them from the
// histories instead, so a figure is never one of a half-done refresh.
func (s *Store) storedAwards(ctx context.Context, c *statforms.Circular, root *thidua.Unit, year int, r *statforms.Report) error {
	if !s.noRefresh {
		if err := s.db.TryRefreshAwardStats(ctx); err != nil {
			return err
		}
	}
	fresh, err := awardstats.FormCells(ctx, s.db.SQL(), root.Path, year, func(f *statforms.StoredAwardFact) {
		r.AddN(c.StoredFact(f), f.N)
	})
	if err != nil || fresh {
		return err
	}
	return s.awards(ctx, c, root, year, r.Add)
}

// awards streams the facts of year from the histories of the people and
// units of root's subtree.
func (s *Store) awards(ctx context.Context, c *statforms.Circular, root *thidua.Unit, year int, add func(*statforms.Fact)) error {
	q := s.db.SQL()
	rows, err := q.QueryContext(ctx, `SELECT p.is_leader, u.path, h.history_json
		FROM people p JOIN units u ON u.id = p.unit_id JOIN histories h ON h.person_id = p.id
		WHERE u.path LIKE $1`, root.Path+"%")
	if err != nil {
		return fmt.Errorf("statforms: people's histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var leader bool
		var path, doc string
		if err := rows.Scan(&leader, &path, &doc); err != nil {
			return fmt.Errorf("statforms: people's histories: %w", err)
		}
		var h thidua.HistoryAwards
		if err := json.Unmarshal([]byte(doc), &h); err != nil {
			return fmt.Errorf("statforms: history document: %w", err)
		}
		c.AwardFacts(&h, thidua.SubjectPerson, leader, year, path, add)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT u.path, h.history_json
		FROM units u JOIN histories h ON h.unit_id = u.id WHERE u.path LIKE $1`, root.Path+"%")
	if err != nil {
		return fmt.Errorf("statforms: units' histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var path, doc string
		if err := rows.Scan(&path, &doc); err != nil {
			return fmt.Errorf("statforms: units' histories: %w", err)
		}
		var h thidua.HistoryAwards
		if err := json.Unmarshal([]byte(doc), &h); err != nil {
			return fmt.Errorf("statforms: history document: %w", err)
		}
		c.AwardFacts(&h, thidua.SubjectUnit, false, year, path, add)
	}
	return rows.Err()
}

// FromHistories is StatForm counting the awards from the histories one by
// one, as it does while the stored figures are being refreshed: what the
// stored counts are checked against.
func (s *Store) FromHistories(ctx context.Context, req statforms.Request) (*statforms.Report, error) {
	return s.statForm(ctx, req, true)
}

// campaigns streams the campaigns launched by the units of root's subtree
// that ran in year; a cluster's year review (clusters.campaign_id) is of
// the scope "cụm, khối".
func (s *Store) campaigns(ctx context.Context, root *thidua.Unit, year int, add func(*statforms.Fact)) error {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT lu.path, lu.kind, su.kind, c.form, c.state, c.start_date, c.end_date,
		CASE WHEN EXISTS (SELECT 1 FROM clusters k WHERE k.campaign_id = c.id) THEN 1 ELSE 0 END
		FROM campaigns c JOIN units lu ON lu.id = c.unit_id JOIN units su ON su.id = c.scope_unit_id
		WHERE lu.path LIKE $1 AND c.state <> $2 AND c.start_date <= $3 AND c.end_date >= $4`,
		root.Path+"%", thidua.CampaignDraft, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return fmt.Errorf("statforms: campaigns: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ci statforms.CampaignInfo
		var start, end string
		var review int
		if err := rows.Scan(&ci.Path, &ci.LauncherKind, &ci.ScopeKind, &ci.Form, &ci.State, &start, &end, &review); err != nil {
			return fmt.Errorf("statforms: campaigns: %w", err)
		}
		if ci.Start, err = thidua.ParseDate(start); err != nil {
			return fmt.Errorf("statforms: campaign start %q: %w", start, err)
		}
		if ci.End, err = thidua.ParseDate(end); err != nil {
			return fmt.Errorf("statforms: campaign end %q: %w", end, err)
		}
		ci.Cluster = review == 1
		if f, ok := statforms.CampaignFact(ci, year); ok {
			add(f)
		}
	}
	return rows.Err()
}
