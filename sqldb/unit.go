package sqldb

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"thidua"
)

// unitColumns are a unit's columns; its number of people comes from the
// per-unit counters (migration 0024): counting people per unit on every
// read took a fifth of /app/stats on a province (two unit lists of 213
// units over 50,000 people).
const unitColumns = `u.id, COALESCE(u.parent_id, 0), u.name, u.abbrev, u.kind, u.active, u.place, u.path, u.depth,
	u.version, u.created_at, u.updated_at, COALESCE(p.name, ''),
	(SELECT COALESCE(SUM(c.n), 0) FROM unit_people_counts c WHERE c.unit_id = u.id)`

func scanUnit(s scanner) (*thidua.Unit, error) {
	var u thidua.Unit
	if err := s.Scan(&u.ID, &u.ParentID, &u.Name, &u.Abbrev, &u.Kind, &u.Active, &u.Place, &u.Path, &u.Depth,
		&u.Version, &u.CreatedAt, &u.UpdatedAt, &u.ParentName, &u.People); err != nil {
		return nil, fmt.Errorf("sqldb: scan unit: %w", err)
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, nil
}

// FindUnitByID returns one unit within the viewer's scope.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*thidua.Unit, error) {
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, notFound("đơn vị")
	}
	return units[0], nil
}

// FindUnits returns the units in scope matching f, in tree order: each unit
// followed by its sub-units, siblings sorted by name in Vietnamese order.
func (db *DB) FindUnits(ctx context.Context, f thidua.UnitFilter) ([]*thidua.Unit, int, error) {
	return findUnits(ctx, db.db, f)
}

func findUnits(ctx context.Context, q queryer, f thidua.UnitFilter) ([]*thidua.Unit, int, error) {
	scope, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return nil, 0, err
	}
	w := newWhere(scope, args)
	if f.ID != 0 {
		w.add("u.id = ?", f.ID)
	}
	if f.ParentID != 0 {
		w.add("u.parent_id = ?", f.ParentID)
	}
	if f.Subtree != 0 {
		w.add("u.path LIKE (SELECT s.path FROM units s WHERE s.id = ?) || '%'", f.Subtree)
	}
	if f.Active != nil {
		w.add("u.active = ?", *f.Active)
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("u.name_fold LIKE ?", "%"+word+"%")
	}
	rows, err := q.QueryContext(ctx, `SELECT `+unitColumns+`
		FROM units u LEFT JOIN units p ON p.id = u.parent_id
		WHERE `+w.sql(), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find units: %w", err)
	}
	defer rows.Close()
	var units []*thidua.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, 0, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqldb: find units: %w", err)
	}
	sortTree(units)
	total := len(units)
	limit, offset := limitOffset(f.Limit, f.Offset, 10000)
	if offset >= len(units) {
		return nil, total, nil
	}
	units = units[offset:]
	if len(units) > limit {
		units = units[:limit]
	}
	return units, total, nil
}

// sortTree orders units depth-first, siblings by Vietnamese name order.
// Units whose parent is not in the list are treated as roots.
func sortTree(units []*thidua.Unit) {
	byID := make(map[int64]*thidua.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	children := map[int64][]*thidua.Unit{}
	var roots []*thidua.Unit
	for _, u := range units {
		if _, ok := byID[u.ParentID]; ok && u.ParentID != 0 {
			children[u.ParentID] = append(children[u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	bySortName := func(s []*thidua.Unit) {
		sort.SliceStable(s, func(i, j int) bool {
			if c := thidua.CompareVietnamese(s[i].Name, s[j].Name); c != 0 {
				return c < 0
			}
			return s[i].ID < s[j].ID
		})
	}
	out := units[:0:0]
	var walk func(list []*thidua.Unit)
	walk = func(list []*thidua.Unit) {
		bySortName(list)
		for _, u := range list {
			out = append(out, u)
			walk(children[u.ID])
		}
	}
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].Depth < roots[j].Depth })
	walk(roots)
	copy(units, out)
}

// findUnitRaw reads a unit inside a transaction, with no scope filter.
func findUnitRaw(ctx context.Context, q queryer, id int64) (*thidua.Unit, error) {
	row := q.QueryRowContext(ctx, `SELECT `+unitColumns+`
		FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1`, id)
	u, err := scanUnit(row)
	if err != nil {
		if isNoRows(err) {
			return nil, notFound("đơn vị")
		}
		return nil, err
	}
	return u, nil
}

// CreateUnit stores a new unit under its parent.
func (db *DB) CreateUnit(ctx context.Context, u *thidua.Unit) error {
	u.Normalize()
	u.ID = 0
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	parentPath, depth := "/", 0
	if u.ParentID != 0 {
		parent, err := findUnitRaw(ctx, tx, u.ParentID)
		if err != nil {
			return fieldErr("parent_id", "Đơn vị cấp trên không tồn tại.")
		}
		if err := requireCovers(ctx, thidua.PermEditOrg, parent.Path); err != nil {
			return err
		}
		parentPath, depth = parent.Path, parent.Depth+1
	} else if err := requireRoot(ctx); err != nil {
		return err
	}
	u.Version, u.CreatedAt, u.UpdatedAt = 1, tx.now, tx.now
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO units (parent_id, name, name_fold, abbrev, kind, active, path, depth, version, created_at, updated_at, place)
		VALUES ($1, $2, $3, $4, $5, $6, '', $7, 1, $8, $8, $9) RETURNING id`,
		nullInt(u.ParentID), u.Name, unitFold(u), u.Abbrev, u.Kind, u.Active, depth, tx.now, u.Place).Scan(&u.ID); err != nil {
		return fmt.Errorf("sqldb: create unit: %w", db.dialect.mapError(err))
	}
	u.Path, u.Depth = parentPath+strconv.FormatInt(u.ID, 10)+"/", depth
	if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, u.Path, u.ID); err != nil {
		return fmt.Errorf("sqldb: create unit: %w", err)
	}
	if err := tx.audit(thidua.ActionCreate, "unit", u.ID, nil, u); err != nil {
		return err
	}
	return tx.Commit()
}

// requireRoot allows creating a root unit only to the system or a global administrator.
func requireRoot(ctx context.Context) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u == nil {
		return nil
	}
	if all, _ := u.Scope(thidua.PermEditOrg); all {
		return nil
	}
	return fieldErr("parent_id", "Vui lòng chọn đơn vị cấp trên trong phạm vi bạn quản lý.")
}

func fieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// UpdateUnit saves u; a new parent moves the whole subtree (people stay in
// their units).
func (db *DB) UpdateUnit(ctx context.Context, u *thidua.Unit) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findUnitRaw(ctx, tx, u.ID)
	if err != nil {
		return err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, old.Path); err != nil {
		return notFound("đơn vị")
	}
	if err := requireCovers(ctx, thidua.PermEditOrg, old.Path); err != nil {
		return err
	}
	if old.Version != u.Version {
		return thidua.ErrStale()
	}
	newPath, newDepth := old.Path, old.Depth
	if u.ParentID != old.ParentID {
		if u.ParentID == 0 {
			if err := requireRoot(ctx); err != nil {
				return err
			}
			newPath, newDepth = "/"+strconv.FormatInt(u.ID, 10)+"/", 0
		} else {
			parent, err := findUnitRaw(ctx, tx, u.ParentID)
			if err != nil {
				return fieldErr("parent_id", "Đơn vị cấp trên không tồn tại.")
			}
			if strings.HasPrefix(parent.Path, old.Path) {
				return fieldErr("parent_id", "Không thể chuyển đơn vị vào bên trong chính nó hoặc đơn vị trực thuộc của nó.")
			}
			if err := requireCovers(ctx, thidua.PermEditOrg, parent.Path); err != nil {
				return err
			}
			newPath, newDepth = parent.Path+strconv.FormatInt(u.ID, 10)+"/", parent.Depth+1
		}
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE units SET parent_id = $1, name = $2, name_fold = $3, abbrev = $4, kind = $5, active = $6,
		       path = $7, depth = $8, version = version + 1, updated_at = $9, place = $12
		WHERE id = $10 AND version = $11`,
		nullInt(u.ParentID), u.Name, unitFold(u), u.Abbrev, u.Kind, u.Active, newPath, newDepth, tx.now, u.ID, u.Version, u.Place)
	if err != nil {
		return fmt.Errorf("sqldb: update unit: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	if newPath != old.Path {
		// Move the descendants: replace the old path prefix with the new one.
		if _, err := tx.ExecContext(ctx, `
			UPDATE units SET path = $1 || substr(path, $2), depth = depth + $3
			WHERE path LIKE $4 AND id <> $5`,
			newPath, len(old.Path)+1, newDepth-old.Depth, old.Path+"%", u.ID); err != nil {
			return fmt.Errorf("sqldb: move unit subtree: %w", err)
		}
	}
	updated, err := findUnitRaw(ctx, tx, u.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "unit", u.ID, old, updated); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*u = *updated
	return nil
}

// DeleteUnit removes a unit that has no sub-units, people or role grants.
func (db *DB) DeleteUnit(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findUnitRaw(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, old.Path); err != nil {
		return notFound("đơn vị")
	}
	if err := requireCovers(ctx, thidua.PermEditOrg, old.Path); err != nil {
		return err
	}
	var children, grants int
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM units WHERE parent_id = $1),
		(SELECT count(*) FROM grants WHERE unit_id = $1)`, id).Scan(&children, &grants); err != nil {
		return fmt.Errorf("sqldb: delete unit: %w", err)
	}
	switch {
	case children > 0:
		return thidua.Errorf(thidua.ECONFLICT, "Không thể xóa: đơn vị còn %d đơn vị trực thuộc.", children)
	case old.People > 0:
		return thidua.Errorf(thidua.ECONFLICT, "Không thể xóa: đơn vị còn %d cá nhân. Hãy chuyển họ sang đơn vị khác trước.", old.People)
	case grants > 0:
		return thidua.Errorf(thidua.ECONFLICT, "Không thể xóa: còn %d tài khoản được phân quyền trên đơn vị này.", grants)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM units WHERE id = $1`, id); err != nil {
		return fmt.Errorf("sqldb: delete unit: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionDelete, "unit", id, old, nil); err != nil {
		return err
	}
	return tx.Commit()
}

func unitFold(u *thidua.Unit) string { return thidua.Fold(u.Name + " " + u.Abbrev) }
