// Package clusterfacts reads, for the eligibility engine, the years a unit
// led its emulation cluster or bloc (tables of sqldb/clusters, migration
// 0017): sqldb fills thidua.SubjectHistory.ClusterLeads with it on every
// read of a unit's history, inside the caller's transaction.
package clusterfacts

import (
	"context"
	"database/sql"
	"fmt"

	"thidua"
)

// Q is a transaction or a pool.
type Q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Leads lists the clusters the unit led, by year.
func Leads(ctx context.Context, q Q, unitID int64) ([]thidua.ClusterLead, error) {
	rows, err := q.QueryContext(ctx, `SELECT year, id, name FROM clusters WHERE leading_unit_id = $1 ORDER BY year, id`, unitID)
	if err != nil {
		return nil, fmt.Errorf("clusterfacts: leads: %w", err)
	}
	defer rows.Close()
	var out []thidua.ClusterLead
	for rows.Next() {
		var l thidua.ClusterLead
		if err := rows.Scan(&l.Year, &l.ClusterID, &l.Cluster); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// AllLeads is Leads for every unit that led a cluster, by unit: the
// collectives' table judges every unit at once.
func AllLeads(ctx context.Context, q Q) (map[int64][]thidua.ClusterLead, error) {
	rows, err := q.QueryContext(ctx, `SELECT leading_unit_id, year, id, name FROM clusters WHERE leading_unit_id IS NOT NULL ORDER BY year, id`)
	if err != nil {
		return nil, fmt.Errorf("clusterfacts: leads: %w", err)
	}
	defer rows.Close()
	out := map[int64][]thidua.ClusterLead{}
	for rows.Next() {
		var unit int64
		var l thidua.ClusterLead
		if err := rows.Scan(&unit, &l.Year, &l.ClusterID, &l.Cluster); err != nil {
			return nil, err
		}
		out[unit] = append(out[unit], l)
	}
	return out, rows.Err()
}
