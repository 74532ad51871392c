package sqldb

import (
	"context"

	"thidua"
	"thidua/rules"
	"thidua/sqldb/verdicts"
)

var _ rules.TableStore = (*DB)(nil)

// EligibilityTable returns a page of the eligibility table within the
// viewer's scope, after bringing the stored verdicts up to date
// (sqldb/verdicts).
func (db *DB) EligibilityTable(ctx context.Context, src rules.TableSource, f rules.TableFilter) (*rules.TablePage, error) {
	sc, err := db.eligibilityScope(ctx, src, f)
	if err != nil {
		return nil, err
	}
	return db.elig.Page(ctx, src.RulesKey(), f, sc)
}

// EachEligibility streams the rows of the eligibility table within scope.
func (db *DB) EachEligibility(ctx context.Context, src rules.TableSource, f rules.TableFilter, fn func(rules.TableRow) error) error {
	sc, err := db.eligibilityScope(ctx, src, f)
	if err != nil {
		return err
	}
	return db.elig.Each(ctx, src.RulesKey(), f, sc, fn)
}

func (db *DB) eligibilityScope(ctx context.Context, src rules.TableSource, f rules.TableFilter) (verdicts.Scope, error) {
	if f.AsOf.IsZero() || f.Year == 0 {
		return verdicts.Scope{}, thidua.Errorf(thidua.EINVALID, "Thiếu năm xét hoặc ngày xét.")
	}
	where, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return verdicts.Scope{}, err
	}
	changes, refreshing, err := db.elig.Ensure(ctx, src, f.Year, f.AsOf)
	if err != nil {
		return verdicts.Scope{}, err
	}
	return verdicts.Scope{Where: where, Args: args, Changes: changes, Refreshing: refreshing}, nil
}
