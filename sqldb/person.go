package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"thidua"
)

const personColumns = `p.id, p.full_name, p.gender, p.birth_date, p.position, p.category, p.is_leader,
	p.unit_id, p.start_date, p.status, p.version, p.created_at, p.updated_at, u.name, u.path`

func scanPerson(s scanner) (*thidua.Person, string, error) {
	var p thidua.Person
	var birth, start sql.NullString
	var path string
	if err := s.Scan(&p.ID, &p.FullName, &p.Gender, &birth, &p.Position, &p.Category, &p.IsLeader,
		&p.UnitID, &start, &p.Status, &p.Version, &p.CreatedAt, &p.UpdatedAt, &p.UnitName, &path); err != nil {
		return nil, "", fmt.Errorf("sqldb: scan person: %w", err)
	}
	p.BirthDate, p.StartDate = scanDate(birth), scanDate(start)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, path, nil
}

// FindPersonByID returns one person within the viewer's scope.
func (db *DB) FindPersonByID(ctx context.Context, id int64) (*thidua.Person, error) {
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(people) == 0 {
		return nil, notFound("cá nhân")
	}
	return people[0], nil
}

// FindPeople returns people in scope matching f, sorted by given name then
// family and middle names with Vietnamese collation (a stored sort key).
//
// The plan depends on how many people the scope holds, known from the
// per-unit counters (unit_people_counts, migration 0024). A wide scope
// walks the list's index (people_list) in order, reading from it alone
// the unit, status, category and folded name of each entry it skips, and
// then only the page's rows; a narrow one (a department among a province) reads its
// units' people and sorts them, instead of walking the whole index to
// find them. The total of a list filtered only by unit and status is the
// sum of the counters.
func (db *DB) FindPeople(ctx context.Context, f thidua.PersonFilter) ([]*thidua.Person, int, error) {
	scope, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 1000)
	// The units the list reads: those in scope, of the filter's unit.
	units := newWhere(scope, args)
	if f.UnitID != 0 {
		if f.Subtree {
			units.add("u.path LIKE (SELECT s.path FROM units s WHERE s.id = ?) || '%'", f.UnitID)
		} else {
			units.add("u.id = ?", f.UnitID)
		}
	}
	filtered := f.Query != "" || f.Category != ""
	wide, inScope := true, -1
	if f.ID == 0 {
		counters := newWhere(units.sql(), units.args)
		if f.Status != "" {
			counters.add("c.status = ?", f.Status)
		}
		var all int
		if inScope, all, err = db.countInScope(ctx, counters); err != nil {
			return nil, 0, err
		}
		wide = walkPays(inScope, all, offset+limit, filtered)
	}
	var w *whereClause
	switch {
	case !wide:
		w = newWhere(units.sql()+" AND u.id = p.unit_id", units.args)
	case units.sql() == "1 = 1":
		w = newWhere("", nil)
	default:
		// The unary plus keeps SQLite from seeking people by unit: the
		// walk reads the index in the list's order.
		w = newWhere("+p.unit_id IN (SELECT u.id FROM units u WHERE "+units.sql()+")", units.args)
	}
	if f.ID != 0 {
		w.add("p.id = ?", f.ID)
	}
	if f.Status != "" {
		w.add("p.status = ?", f.Status)
	}
	if f.Category != "" {
		w.add("p.category = ?", f.Category)
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("p.name_fold LIKE ?", "%"+word+"%")
	}
	// CROSS JOIN fixes SQLite's join order (PostgreSQL plans it from its
	// statistics).
	from := "people p"
	if !wide {
		from = "units u CROSS JOIN people p"
	}
	countWhere, countArgs := w.sql(), w.args
	if f.AfterID != 0 {
		w.add("(p.sort_key, p.id) > (SELECT a.sort_key, a.id FROM people a WHERE a.id = ?)", f.AfterID)
	}
	order := "p.sort_key, p.id"
	if f.BeforeID != 0 {
		w.add("(p.sort_key, p.id) < (SELECT a.sort_key, a.id FROM people a WHERE a.id = ?)", f.BeforeID)
		order = "p.sort_key DESC, p.id DESC"
	}
	page, pageArgs := w.page(limit, offset)
	query := `SELECT ` + personColumns + ` FROM ` + from + ` WHERE ` + w.sql() + ` ORDER BY ` + order + ` ` + page
	if wide {
		// The page's ids from the index alone, then their rows.
		query = `SELECT ` + personColumns + `
			FROM (SELECT p.id FROM people p WHERE ` + w.sql() + ` ORDER BY ` + order + ` ` + page + `) k
			CROSS JOIN people p CROSS JOIN units u
			WHERE p.id = k.id AND u.id = p.unit_id ORDER BY ` + order
	}
	rows, err := db.db.QueryContext(ctx, query, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find people: %w", err)
	}
	defer rows.Close()
	people := make([]*thidua.Person, 0, min(limit, 100))
	for rows.Next() {
		p, _, err := scanPerson(rows)
		if err != nil {
			return nil, 0, err
		}
		people = append(people, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqldb: find people: %w", err)
	}
	rows.Close()
	if f.BeforeID != 0 {
		slices.Reverse(people)
	}
	total := len(people)
	switch {
	case f.NoTotal:
	case !filtered && f.ID == 0:
		total = inScope
	case offset > 0 || f.AfterID != 0 || f.BeforeID != 0 || len(people) == limit:
		// The page does not tell the total: count the matches (a window
		// count would make every page read and sort every match).
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM `+from+` WHERE `+
			countWhere, countArgs...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqldb: count people: %w", err)
		}
	}
	return people, total, nil
}

// CountOrganization returns how many units and people the viewer's scope
// holds, as FindUnits and FindPeople would count them: the people from
// the per-unit counters, so a province's dashboard reads ~200 units and
// their counters instead of 50,000 people.
func (db *DB) CountOrganization(ctx context.Context) (units, people int, err error) {
	scope, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return 0, 0, err
	}
	err = db.db.QueryRowContext(ctx, `SELECT count(*), COALESCE(SUM((SELECT SUM(c.n) FROM unit_people_counts c WHERE c.unit_id = u.id)), 0)
		FROM units u WHERE `+scope, args...).Scan(&units, &people)
	if err != nil {
		return 0, 0, fmt.Errorf("sqldb: count organization: %w", err)
	}
	return units, people, nil
}

// countInScope sums the people counters of the units (and statuses) w
// selects, and of all units: how many people a list filtered by unit and
// status holds, and how many the whole table does.
func (db *DB) countInScope(ctx context.Context, w *whereClause) (inScope, all int, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN `+w.sql()+` THEN c.n ELSE 0 END), 0), COALESCE(SUM(c.n), 0)
		FROM unit_people_counts c JOIN units u ON u.id = c.unit_id`, w.args...).Scan(&inScope, &all)
	if err != nil {
		return 0, 0, fmt.Errorf("sqldb: count people: %w", err)
	}
	return inScope, all, nil
}

// walkPays reports whether walking the whole list's index in order costs
// less than reading the scope's people and sorting them: the walk reads
// about all/inScope entries for each row it keeps, the reading inScope
// rows. A filter on name or category keeps fewer rows of those walked.
func walkPays(inScope, all, rows int, filtered bool) bool {
	if inScope <= 0 {
		return false
	}
	walked := rows * all / inScope
	if filtered {
		walked *= 4
	}
	return walked <= inScope
}

func findPersonRaw(ctx context.Context, q queryer, id int64) (*thidua.Person, string, error) {
	p, path, err := scanPerson(q.QueryRowContext(ctx, `SELECT `+personColumns+`
		FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = $1`, id))
	if isNoRows(err) {
		return nil, "", notFound("cá nhân")
	}
	return p, path, err
}

// unitPathForEdit checks that the unit exists and that the actor may edit in it.
func unitPathForEdit(ctx context.Context, q queryer, unitID int64) (string, error) {
	unit, err := findUnitRaw(ctx, q, unitID)
	if err != nil {
		return "", fieldErr("unit_id", "Đơn vị không tồn tại.")
	}
	if err := requireCovers(ctx, thidua.PermEditOrg, unit.Path); err != nil {
		return "", err
	}
	return unit.Path, nil
}

// CreatePerson stores a new person in a unit the actor may edit.
func (db *DB) CreatePerson(ctx context.Context, p *thidua.Person) error {
	p.Normalize()
	if err := p.Validate(thidua.DateOf(db.Now())); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := unitPathForEdit(ctx, tx, p.UnitID); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO people (full_name, name_fold, sort_key, gender, birth_date, position, category, is_leader,
		                    unit_id, start_date, status, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12) RETURNING id`,
		p.FullName, thidua.Fold(p.FullName), thidua.NameSortKey(p.FullName), p.Gender, nullDate(p.BirthDate),
		p.Position, p.Category, p.IsLeader, p.UnitID, nullDate(p.StartDate), p.Status, tx.now).Scan(&p.ID); err != nil {
		return fmt.Errorf("sqldb: create person: %w", db.dialect.mapError(err))
	}
	stored, _, err := findPersonRaw(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "person", p.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *stored
	return nil
}

// UpdatePerson saves p; moving a person to another unit needs edit rights on both.
func (db *DB) UpdatePerson(ctx context.Context, p *thidua.Person) error {
	p.Normalize()
	if err := p.Validate(thidua.DateOf(db.Now())); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, oldPath, err := findPersonRaw(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, oldPath); err != nil {
		return notFound("cá nhân")
	}
	if err := requireCovers(ctx, thidua.PermEditOrg, oldPath); err != nil {
		return err
	}
	if p.UnitID != old.UnitID {
		if _, err := unitPathForEdit(ctx, tx, p.UnitID); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE people SET full_name = $1, name_fold = $2, sort_key = $3, gender = $4, birth_date = $5,
		       position = $6, category = $7, is_leader = $8, unit_id = $9, start_date = $10, status = $11,
		       version = version + 1, updated_at = $12
		WHERE id = $13 AND version = $14`,
		p.FullName, thidua.Fold(p.FullName), thidua.NameSortKey(p.FullName), p.Gender, nullDate(p.BirthDate),
		p.Position, p.Category, p.IsLeader, p.UnitID, nullDate(p.StartDate), p.Status, tx.now, p.ID, p.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update person: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, _, err := findPersonRaw(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "person", p.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *stored
	return nil
}

// DeletePerson removes a person; accounts linked to them are unlinked.
func (db *DB) DeletePerson(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, path, err := findPersonRaw(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, path); err != nil {
		return notFound("cá nhân")
	}
	if err := requireCovers(ctx, thidua.PermEditOrg, path); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM people WHERE id = $1`, id); err != nil {
		return fmt.Errorf("sqldb: delete person: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionDelete, "person", id, old, nil); err != nil {
		return err
	}
	return tx.Commit()
}
