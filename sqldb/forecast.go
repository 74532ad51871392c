package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"thidua"
	"thidua/rules"
	"thidua/sqldb/forecasts"
)

var _ rules.ForecastStore = (*DB)(nil)

// Forecast returns a page of the forecast of f.Year within the viewer's
// scope, from the forecast kept at the current count of changes
// (sqldb/forecasts: computed in the first request that needs it).
func (db *DB) Forecast(ctx context.Context, src rules.ForecastSource, f rules.ForecastFilter) (*rules.ForecastPage, error) {
	if f.AsOf.IsZero() || f.Year == 0 {
		return nil, thidua.Errorf(thidua.EINVALID, "Thiếu năm xét hoặc ngày xét.")
	}
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	inScope := func(string) bool { return true }
	if u != nil {
		all, paths := u.Scope(thidua.PermViewOrg)
		if !all {
			inScope = forecasts.Under(paths)
		}
	}
	keep := inScope
	if f.UnitID != 0 {
		var root string
		err := db.db.QueryRowContext(ctx, `SELECT path FROM units WHERE id = $1`, f.UnitID).Scan(&root)
		if errors.Is(err, sql.ErrNoRows) {
			return &rules.ForecastPage{Items: []rules.ForecastItem{}}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqldb: forecast unit: %w", err)
		}
		under := forecasts.Under([]string{root})
		keep = func(path string) bool { return under(path) && inScope(path) }
	}
	fc, err := db.forecasts.Get(ctx, src, f.Year, f.AsOf)
	if err != nil {
		return nil, err
	}
	lines := fc.People
	if f.Subject == thidua.SubjectUnit {
		lines = fc.Units
	}
	limit, offset := f.Limit, max(f.Offset, 0)
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	page := &rules.ForecastPage{}
	page.Items, page.Total = forecasts.Page(lines, keep, offset, limit)
	return page, nil
}
