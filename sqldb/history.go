package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
	"thidua/sqldb/clusterfacts"
)

var _ thidua.HistoryService = (*DB)(nil)

func subjectKey(subject string, id int64) string {
	if subject == thidua.SubjectUnit {
		return "U:" + strconv.FormatInt(id, 10)
	}
	return "P:" + strconv.FormatInt(id, 10)
}

// historySubject loads the subject (name, unit, path) without scope checks.
func historySubject(ctx context.Context, q queryer, subject string, id int64) (*thidua.SubjectHistory, error) {
	h := &thidua.SubjectHistory{Subject: subject, SubjectID: id}
	switch subject {
	case thidua.SubjectPerson:
		p, path, err := findPersonRaw(ctx, q, id)
		if err != nil {
			return nil, err
		}
		h.Name, h.UnitID, h.Gender, h.UnitPath = p.FullName, p.UnitID, p.Gender, path
	case thidua.SubjectUnit:
		u, err := findUnitRaw(ctx, q, id)
		if err != nil {
			return nil, err
		}
		h.Name, h.UnitID, h.UnitPath = u.Name, u.ID, u.Path
		if h.ClusterLeads, err = clusterfacts.Leads(ctx, q, id); err != nil {
			return nil, err
		}
	default:
		return nil, thidua.Errorf(thidua.EINVALID, "Đối tượng phải là PERSON hoặc UNIT.")
	}
	return h, nil
}

func loadHistoryDoc(ctx context.Context, q queryer, h *thidua.SubjectHistory) error {
	var doc string
	var t nullTime
	err := q.QueryRowContext(ctx, `SELECT history_json, version, updated_at FROM histories WHERE subject_key = $1`,
		subjectKey(h.Subject, h.SubjectID)).Scan(&doc, &h.Version, &t)
	switch {
	case isNoRows(err):
		h.Version = 0
	case err != nil:
		return fmt.Errorf("sqldb: load history: %w", err)
	default:
		if err := json.Unmarshal([]byte(doc), &h.History); err != nil {
			return fmt.Errorf("sqldb: history document: %w", err)
		}
		h.UpdatedAt = t.get()
	}
	h.History.Normalize()
	return nil
}

// FindHistory returns a subject's history within the viewer's scope.
func (db *DB) FindHistory(ctx context.Context, subject string, id int64) (*thidua.SubjectHistory, error) {
	return findHistory(ctx, db.db, subject, id)
}

func findHistory(ctx context.Context, q queryer, subject string, id int64) (*thidua.SubjectHistory, error) {
	h, err := historySubject(ctx, q, subject, id)
	if err != nil {
		return nil, err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, h.UnitPath); err != nil {
		return nil, notFound("đối tượng")
	}
	return h, loadHistoryDoc(ctx, q, h)
}

// SaveHistory replaces a subject's history with optimistic locking.
func (db *DB) SaveHistory(ctx context.Context, h *thidua.SubjectHistory) error {
	h.History.Normalize()
	if err := h.History.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, err := historySubject(ctx, tx, h.Subject, h.SubjectID)
	if err != nil {
		return err
	}
	if err := requireCovers(ctx, thidua.PermViewOrg, cur.UnitPath); err != nil {
		return notFound("đối tượng")
	}
	if err := requireCovers(ctx, thidua.PermEditRecords, cur.UnitPath); err != nil {
		return err
	}
	if err := loadHistoryDoc(ctx, tx, cur); err != nil {
		return err
	}
	if cur.Version != h.Version {
		return thidua.ErrStale()
	}
	doc, err := json.Marshal(h.History)
	if err != nil {
		return err
	}
	var personID, unitID any
	if h.Subject == thidua.SubjectPerson {
		personID = h.SubjectID
	} else {
		unitID = h.SubjectID
	}
	if cur.Version == 0 {
		_, err = tx.ExecContext(ctx, `INSERT INTO histories (subject_key, person_id, unit_id, history_json, version, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5)`, subjectKey(h.Subject, h.SubjectID), personID, unitID, string(doc), tx.now)
		if isUniqueViolation(err) {
			return thidua.ErrStale()
		}
	} else {
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE histories SET history_json = $1, version = version + 1, updated_at = $2
			WHERE subject_key = $3 AND version = $4`, string(doc), tx.now, subjectKey(h.Subject, h.SubjectID), h.Version)
		if err == nil {
			if n, _ := res.RowsAffected(); n != 1 {
				return thidua.ErrStale()
			}
		}
	}
	if err != nil {
		return fmt.Errorf("sqldb: save history: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionUpdate, "history", h.SubjectID, map[string]any{"subject": h.Subject, "history": cur.History},
		map[string]any{"subject": h.Subject, "history": h.History}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	h.Version, h.UpdatedAt = cur.Version+1, tx.now
	h.Name, h.UnitID, h.Gender, h.UnitPath = cur.Name, cur.UnitID, cur.Gender, cur.UnitPath
	return nil
}

// FindHistories lists the histories of the people (or units) in a subtree
// within scope, including those with nothing stored.
func (db *DB) FindHistories(ctx context.Context, f thidua.HistoryFilter) ([]*thidua.SubjectHistory, error) {
	return findHistories(ctx, db.db, f)
}

// EachHistory gives fn the histories FindHistories lists, one at a time, as
// they are read: a province's histories are never held whole.
func (db *DB) EachHistory(ctx context.Context, f thidua.HistoryFilter, fn func(*thidua.SubjectHistory) error) error {
	return eachHistory(ctx, db.db, f, fn)
}

func findHistories(ctx context.Context, q queryer, f thidua.HistoryFilter) ([]*thidua.SubjectHistory, error) {
	var out []*thidua.SubjectHistory
	err := eachHistory(ctx, q, f, func(h *thidua.SubjectHistory) error {
		out = append(out, h)
		return nil
	})
	return out, err
}

func eachHistory(ctx context.Context, q queryer, f thidua.HistoryFilter, fn func(*thidua.SubjectHistory) error) error {
	scope, args, err := scopeClause(ctx, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return err
	}
	where := []string{scope}
	if f.UnitID != 0 {
		args = append(args, f.UnitID)
		where = append(where, "u.path LIKE (SELECT s.path FROM units s WHERE s.id = $"+strconv.Itoa(len(args))+") || '%'")
	}
	var query string
	if f.Subject == thidua.SubjectUnit {
		query = `SELECT 'UNIT', u.id, u.name, u.id, '', u.path, h.history_json, COALESCE(h.version, 0), h.updated_at
			FROM units u LEFT JOIN histories h ON h.unit_id = u.id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY u.path`
	} else {
		query = `SELECT 'PERSON', p.id, p.full_name, p.unit_id, p.gender, u.path, h.history_json, COALESCE(h.version, 0), h.updated_at
			FROM people p JOIN units u ON u.id = p.unit_id LEFT JOIN histories h ON h.person_id = p.id
			WHERE p.status = 'ACTIVE' AND ` + strings.Join(where, " AND ") + ` ORDER BY p.sort_key, p.id`
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("sqldb: find histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h thidua.SubjectHistory
		var doc sql.NullString
		var t nullTime
		if err := rows.Scan(&h.Subject, &h.SubjectID, &h.Name, &h.UnitID, &h.Gender, &h.UnitPath, &doc, &h.Version, &t); err != nil {
			return err
		}
		if doc.Valid {
			if err := json.Unmarshal([]byte(doc.String), &h.History); err != nil {
				return fmt.Errorf("sqldb: history document: %w", err)
			}
		}
		h.UpdatedAt = t.get()
		h.History.Normalize()
		if err := fn(&h); err != nil {
			return err
		}
	}
	return rows.Err()
}

// txHistories reads histories inside a transaction (thidua.HistoryReader).
type txHistories struct{ tx *Tx }

func (h txHistories) FindHistory(ctx context.Context, subject string, id int64) (*thidua.SubjectHistory, error) {
	return findHistory(ctx, h.tx, subject, id)
}

func (h txHistories) FindHistories(ctx context.Context, f thidua.HistoryFilter) ([]*thidua.SubjectHistory, error) {
	return findHistories(ctx, h.tx, f)
}
