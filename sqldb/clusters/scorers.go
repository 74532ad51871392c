package clusters

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"

	"thidua"
	"thidua/cluster"
)

// FindScorers lists the accounts that may score for each member of a
// cluster the user manages (cluster.Service): the enabled council members
// whose grant lies on the member's unit or above it (cluster.CheckScorer
// in SQL), for each member the ones of its own unit first, then by given
// name (Vietnamese collation).
func (s *Store) FindScorers(ctx context.Context, id int64) ([]cluster.Scorer, error) {
	q := s.db.Queries()
	c, err := managed(ctx, q, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT m.unit_id, us.id, us.display_name, us.username, g.unit_id = m.unit_id
		FROM cluster_members m JOIN units mu ON mu.id = m.unit_id
		JOIN grants g ON g.role = 'COUNCIL' JOIN units gu ON gu.id = g.unit_id
		JOIN users us ON us.id = g.user_id
		WHERE m.cluster_id = $1 AND us.disabled = FALSE AND mu.path LIKE gu.path || '%'`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("clusters: scorers: %w", err)
	}
	defer rows.Close()
	type row struct {
		cluster.Scorer
		own bool
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.UnitID, &r.UserID, &r.Name, &r.Username, &r.own); err != nil {
			return nil, err
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// One row per member and account: an account granted twice over a
	// member (on its unit and above) is its own unit's.
	slices.SortFunc(all, func(a, b row) int {
		switch {
		case a.UnitID != b.UnitID:
			return cmp.Compare(a.UnitID, b.UnitID)
		case a.UserID != b.UserID:
			return cmp.Compare(a.UserID, b.UserID)
		case a.own != b.own:
			if a.own {
				return -1
			}
			return 1
		}
		return 0
	})
	all = slices.CompactFunc(all, func(a, b row) bool { return a.UnitID == b.UnitID && a.UserID == b.UserID })
	slices.SortStableFunc(all, func(a, b row) int {
		switch {
		case a.UnitID != b.UnitID:
			return cmp.Compare(a.UnitID, b.UnitID)
		case a.own != b.own:
			if a.own {
				return -1
			}
			return 1
		}
		if n := bytes.Compare(thidua.NameSortKey(a.Name), thidua.NameSortKey(b.Name)); n != 0 {
			return n
		}
		return cmp.Compare(a.UserID, b.UserID)
	})
	out := make([]cluster.Scorer, len(all))
	for i, r := range all {
		out[i] = r.Scorer
	}
	return out, nil
}
