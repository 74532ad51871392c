package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"thidua"
	"thidua/importer"
)

// Importing a batch: plan, then write. importer.Plan plans the batch (unit
// paths, people, history merges, rights) reading through importSource;
// CheckImport stops there. ApplyImport plans again inside one transaction,
// reading through the same transaction, and writes units, people and
// histories, with an audit entry per change (appended to the hash chain
// in batches), or writes nothing when any problem is found.

var _ thidua.ImportService = (*DB)(nil)

// CheckImport plans the batch without writing.
func (db *DB) CheckImport(ctx context.Context, b *thidua.ImportBatch) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	p, err := importer.NewPlan(ctx, importSource{db.db})
	if err != nil {
		return nil, nil, err
	}
	if err := p.Add(ctx, b); err != nil {
		return nil, nil, err
	}
	if err := p.Finish(ctx); err != nil {
		return nil, nil, err
	}
	return p.Summary(), p.Problems(), nil
}

// importSource reads what planning an import needs, through q: the
// database for a check, the import's transaction when applying.
type importSource struct{ q queryer }

var _ thidua.ImportSource = importSource{}

// ImportUnits returns the units the user sees and their hidden ancestors.
func (s importSource) ImportUnits(ctx context.Context) ([]*thidua.Unit, map[int64]bool, error) {
	if _, err := actor(ctx); err != nil {
		return nil, nil, err
	}
	units, _, err := findUnits(ctx, s.q, thidua.UnitFilter{})
	if err != nil {
		return nil, nil, err
	}
	return withAncestors(ctx, s.q, units)
}

// withAncestors adds to the units the user sees their ancestors outside
// the user's scope, marked hidden: a path written from the root (as
// exports write it) then resolves for a unit head too.
func withAncestors(ctx context.Context, q queryer, units []*thidua.Unit) ([]*thidua.Unit, map[int64]bool, error) {
	seen := map[int64]bool{}
	for _, u := range units {
		seen[u.ID] = true
	}
	var missing []any
	for _, u := range units {
		for _, part := range strings.Split(strings.Trim(u.Path, "/"), "/") {
			id, err := strconv.ParseInt(part, 10, 64)
			if err == nil && !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
	}
	hidden := map[int64]bool{}
	for len(missing) > 0 {
		chunk := missing[:min(len(missing), 500)]
		missing = missing[len(chunk):]
		marks := make([]string, len(chunk))
		for i := range chunk {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), name, path, depth FROM units WHERE id IN (`+
			strings.Join(marks, ", ")+`)`, chunk...)
		if err != nil {
			return nil, nil, fmt.Errorf("sqldb: import: unit ancestors: %w", err)
		}
		for rows.Next() {
			u := &thidua.Unit{}
			if err := rows.Scan(&u.ID, &u.ParentID, &u.Name, &u.Path, &u.Depth); err != nil {
				rows.Close()
				return nil, nil, err
			}
			hidden[u.ID] = true
			units = append(units, u)
		}
		if err := rows.Close(); err != nil {
			return nil, nil, err
		}
	}
	return units, hidden, nil
}

// ImportPeople returns the people of the units, 500 units a query.
func (s importSource) ImportPeople(ctx context.Context, unitIDs []int64) ([]thidua.FoldedPerson, error) {
	var out []thidua.FoldedPerson
	for len(unitIDs) > 0 {
		chunk := unitIDs[:min(len(unitIDs), 500)]
		unitIDs = unitIDs[len(chunk):]
		marks := make([]string, len(chunk))
		args := make([]any, len(chunk))
		for i, id := range chunk {
			marks[i], args[i] = "$"+strconv.Itoa(i+1), id
		}
		rows, err := s.q.QueryContext(ctx, `SELECT `+personColumns+`, p.name_fold
			FROM people p JOIN units u ON u.id = p.unit_id WHERE p.unit_id IN (`+strings.Join(marks, ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqldb: import: load people: %w", err)
		}
		for rows.Next() {
			person := &thidua.Person{}
			var birth, start sql.NullString
			var path, fold string
			if err := rows.Scan(&person.ID, &person.FullName, &person.Gender, &birth, &person.Position, &person.Category, &person.IsLeader,
				&person.UnitID, &start, &person.Status, &person.Version, &person.CreatedAt, &person.UpdatedAt, &person.UnitName, &path, &fold); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqldb: import: load people: %w", err)
			}
			person.BirthDate, person.StartDate = scanDate(birth), scanDate(start)
			person.CreatedAt, person.UpdatedAt = person.CreatedAt.UTC(), person.UpdatedAt.UTC()
			out = append(out, thidua.FoldedPerson{Person: person, NameFold: fold})
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ImportHistories returns the stored histories of the subjects, 500 a query.
func (s importSource) ImportHistories(ctx context.Context, subjects []thidua.HistoryRef) (map[thidua.HistoryRef]thidua.StoredHistory, error) {
	byKey := make(map[string]thidua.HistoryRef, len(subjects))
	keys := make([]any, 0, len(subjects))
	for _, ref := range subjects {
		k := subjectKey(ref.Subject, ref.ID)
		byKey[k] = ref
		keys = append(keys, k)
	}
	out := map[thidua.HistoryRef]thidua.StoredHistory{}
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), 500)]
		keys = keys[len(chunk):]
		marks := make([]string, len(chunk))
		for i := range chunk {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		rows, err := s.q.QueryContext(ctx, `SELECT subject_key, history_json, version FROM histories WHERE subject_key IN (`+
			strings.Join(marks, ", ")+`)`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("sqldb: import: load histories: %w", err)
		}
		for rows.Next() {
			var k, doc string
			var h thidua.StoredHistory
			if err := rows.Scan(&k, &doc, &h.Version); err != nil {
				rows.Close()
				return nil, err
			}
			if err := json.Unmarshal([]byte(doc), &h.History); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqldb: history document: %w", err)
			}
			out[byKey[k]] = h
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ApplyImport plans the batch inside one transaction and writes it, or
// nothing when a problem is found.
func (db *DB) ApplyImport(ctx context.Context, b *thidua.ImportBatch, progress thidua.ImportProgress) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	ch := make(chan *thidua.ImportBatch, 1)
	ch <- b
	close(ch)
	return db.ApplyImportStream(ctx, ch, func() bool { return true }, progress)
}

// ApplyImportStream plans and writes chunks as they arrive, in one
// transaction. Units and people are written chunk by chunk while the file
// is still being read (the work overlaps the reading); histories, which
// gather records from several sheets, are merged and written at the end.
// After the first problem nothing more is written, the chunks are still
// checked (to list every problem), and the transaction is rolled back.
func (db *DB) ApplyImportStream(ctx context.Context, chunks <-chan *thidua.ImportBatch, readOK func() bool, progress thidua.ImportProgress) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	drain := func() {
		for range chunks {
		}
	}
	tx, release, err := db.beginImport(ctx)
	if err != nil {
		drain()
		return nil, nil, err
	}
	defer release()
	defer tx.Rollback()
	p, err := importer.NewPlan(ctx, importSource{tx})
	if err != nil {
		drain()
		return nil, nil, err
	}
	w := &importWriter{db: db, tx: tx, p: p, progress: progress}
	for b := range chunks {
		if err := p.Add(ctx, b); err != nil {
			drain()
			return nil, nil, err
		}
		if p.ProblemCount() > 0 {
			continue
		}
		if err := w.units(); err != nil {
			drain()
			return nil, nil, err
		}
		if err := w.people(); err != nil {
			drain()
			return nil, nil, err
		}
	}
	if !readOK() {
		// The reading found problems: nothing is written; the problems of
		// the rows that did read are returned with them.
		return nil, p.Problems(), nil
	}
	if err := p.Finish(ctx); err != nil {
		return nil, nil, err
	}
	if p.ProblemCount() > 0 {
		return p.Summary(), p.Problems(), nil
	}
	if err := w.histories(); err != nil {
		return nil, nil, err
	}
	if err := tx.audit(thidua.ActionCreate, "import", 0, nil, map[string]any{"file_name": p.FileName(), "summary": *p.Summary()}); err != nil {
		return nil, nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("sqldb: import commit: %w", db.dialect.mapError(err))
	}
	progress(w.done, w.done)
	return p.Summary(), nil, nil
}

// importCacheKiB is the SQLite page cache of an import's connection: a
// large transaction spills pages to disk mid-way when the cache is full
// (the default is 2 MB). The memory is taken only as pages are used:
// 100,000 people with their audit entries need about 100 MB.
const importCacheKiB = 256 << 10

// beginImport starts the import's transaction. On SQLite it runs on a
// connection of its own whose page cache is enlarged for the transaction
// and put back afterwards.
// The returned func gives the connection back; call it after the
// transaction ends.
func (db *DB) beginImport(ctx context.Context) (*Tx, func(), error) {
	if db.dialect != SQLite {
		tx, err := db.begin(ctx)
		return tx, func() {}, err
	}
	conn, err := db.pool.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sqldb: begin: %w", err)
	}
	release := func() {
		conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		release()
		return nil, nil, fmt.Errorf("sqldb: import cache: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("sqldb: begin: %w", db.dialect.mapError(err))
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond), ctx: ctx}, release, nil
}

// importWriter writes a plan inside a transaction.
type importWriter struct {
	db       *DB
	tx       *Tx
	p        *importer.Plan
	progress thidua.ImportProgress
	done     int
	total    int
	audits   []auditItem
}

func (w *importWriter) step(n int) {
	w.done += n
	w.progress(w.done, max(w.total, w.done))
}

func (w *importWriter) units() error {
	tx := w.tx
	ctx := tx.ctx
	for _, c := range w.p.PendingUnits() {
		if c.Before == nil {
			u, parentPath := c.New()
			u.Version, u.CreatedAt, u.UpdatedAt = 1, tx.now, tx.now
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO units (parent_id, name, name_fold, abbrev, kind, active, path, depth, version, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, '', $7, 1, $8, $8) RETURNING id`,
				nullInt(u.ParentID), u.Name, unitFold(u), u.Abbrev, u.Kind, u.Active, u.Depth, tx.now).Scan(&u.ID); err != nil {
				return fmt.Errorf("sqldb: import unit: %w", w.db.dialect.mapError(err))
			}
			u.Path = parentPath + strconv.FormatInt(u.ID, 10) + "/"
			if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, u.Path, u.ID); err != nil {
				return fmt.Errorf("sqldb: import unit: %w", err)
			}
			c.Written(u)
			if err := tx.audit(thidua.ActionCreate, "unit", u.ID, nil, u); err != nil {
				return err
			}
		} else {
			old, want := c.Before, c.Unit
			res, err := tx.ExecContext(ctx, `UPDATE units SET abbrev = $1, kind = $2, active = $3, name_fold = $4,
				version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7`,
				want.Abbrev, want.Kind, want.Active, thidua.Fold(old.Name+" "+want.Abbrev), tx.now, old.ID, old.Version)
			if err != nil {
				return fmt.Errorf("sqldb: import unit: %w", w.db.dialect.mapError(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return thidua.ErrStale()
			}
			updated, err := findUnitRaw(ctx, tx, old.ID)
			if err != nil {
				return err
			}
			if err := tx.audit(thidua.ActionUpdate, "unit", old.ID, old, updated); err != nil {
				return err
			}
		}
		w.step(1)
	}
	return nil
}

// peopleChunk is how many people one INSERT statement carries.
const peopleChunk = 400

func (w *importWriter) people() error {
	tx := w.tx
	ctx := tx.ctx
	var fresh, changed []*importer.PersonWrite
	for _, pp := range w.p.PendingPeople() {
		if pp.Before == nil {
			fresh = append(fresh, pp)
		} else {
			changed = append(changed, pp)
		}
	}
	for len(fresh) > 0 {
		chunk := fresh[:min(len(fresh), peopleChunk)]
		fresh = fresh[len(chunk):]
		if err := w.insertPeople(chunk); err != nil {
			return err
		}
		for _, pp := range chunk {
			x := pp.Person
			if x.ID == 0 {
				return fmt.Errorf("sqldb: import people: no id for %q", x.FullName)
			}
			x.Version, x.CreatedAt, x.UpdatedAt = 1, tx.now, tx.now
			w.audits = append(w.audits, auditItem{thidua.ActionCreate, "person", x.ID, nil, x})
		}
		if err := w.flushAudits(); err != nil {
			return err
		}
		w.step(len(chunk))
	}
	if len(changed) > 0 {
		stmt, err := tx.PrepareContext(ctx, `UPDATE people SET gender = $1, position = $2, category = $3, is_leader = $4,
			start_date = $5, status = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9`)
		if err != nil {
			return fmt.Errorf("sqldb: import people: %w", err)
		}
		defer stmt.Close()
		for i, pp := range changed {
			x := pp.Person
			res, err := stmt.ExecContext(ctx, x.Gender, x.Position, x.Category, x.IsLeader, nullDate(x.StartDate), x.Status,
				tx.now, x.ID, pp.Before.Version)
			if err != nil {
				return fmt.Errorf("sqldb: import people: %w", w.db.dialect.mapError(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return thidua.ErrStale()
			}
			x.Version, x.UpdatedAt = pp.Before.Version+1, tx.now
			w.audits = append(w.audits, auditItem{thidua.ActionUpdate, "person", x.ID, pp.Before, x})
			if (i+1)%peopleChunk == 0 {
				if err := w.flushAudits(); err != nil {
					return err
				}
				w.step(peopleChunk)
			}
		}
		if err := w.flushAudits(); err != nil {
			return err
		}
		w.step(len(changed) % peopleChunk)
	}
	return nil
}

// insertPeople writes new people with one statement and reads back their
// ids, matched by unit, folded name and birth date (unique in a batch).
func (w *importWriter) insertPeople(chunk []*importer.PersonWrite) error {
	tx := w.tx
	var sb strings.Builder
	sb.WriteString(`INSERT INTO people (full_name, name_fold, sort_key, gender, birth_date, position, category, is_leader,
		unit_id, start_date, status, created_at, updated_at) VALUES `)
	args := make([]any, 0, len(chunk)*13)
	byKey := make(map[string]*importer.PersonWrite, len(chunk))
	ph := w.db.dialect.placeholders()
	for i, pp := range chunk {
		x := pp.Person
		x.UnitID = pp.UnitID()
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(ph.row(len(args), 13))
		fold := pp.NameFold
		args = append(args, x.FullName, fold, thidua.NameSortKey(x.FullName), x.Gender, nullDate(x.BirthDate),
			x.Position, x.Category, x.IsLeader, x.UnitID, nullDate(x.StartDate), x.Status, tx.now, tx.now)
		byKey[strconv.FormatInt(x.UnitID, 10)+"|"+fold+"|"+x.BirthDate.ISO()] = pp
	}
	sb.WriteString(" RETURNING id, unit_id, name_fold, birth_date")
	rows, err := tx.QueryContext(tx.ctx, sb.String(), args...)
	if err != nil {
		return fmt.Errorf("sqldb: import people: %w", w.db.dialect.mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, unitID int64
		var fold string
		var birth sql.NullString
		if err := rows.Scan(&id, &unitID, &fold, &birth); err != nil {
			return err
		}
		pp := byKey[strconv.FormatInt(unitID, 10)+"|"+fold+"|"+scanDate(birth).ISO()]
		if pp == nil {
			return fmt.Errorf("sqldb: import people: inserted row %d not matched", id)
		}
		pp.Person.ID = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqldb: import people: %w", err)
	}
	return nil
}

func (w *importWriter) histories() error {
	tx := w.tx
	ctx := tx.ctx
	for i, sp := range w.p.Histories() {
		id := sp.ID()
		if id == 0 {
			return fmt.Errorf("sqldb: import history: subject without id")
		}
		doc, err := json.Marshal(sp.After)
		if err != nil {
			return err
		}
		var personID, unitID any
		if sp.Subject == thidua.SubjectPerson {
			personID = id
		} else {
			unitID = id
		}
		key := subjectKey(sp.Subject, id)
		if sp.Version == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO histories (subject_key, person_id, unit_id, history_json, version, updated_at)
				VALUES ($1, $2, $3, $4, 1, $5)`, key, personID, unitID, string(doc), tx.now)
			if isUniqueViolation(err) {
				return thidua.ErrStale()
			}
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE histories SET history_json = $1, version = version + 1, updated_at = $2
				WHERE subject_key = $3 AND version = $4`, string(doc), tx.now, key, sp.Version)
			if err == nil {
				if k, _ := res.RowsAffected(); k != 1 {
					return thidua.ErrStale()
				}
			}
		}
		if err != nil {
			return fmt.Errorf("sqldb: import history: %w", w.db.dialect.mapError(err))
		}
		w.audits = append(w.audits, auditItem{thidua.ActionUpdate, "history", id,
			map[string]any{"subject": sp.Subject, "history": sp.Before}, map[string]any{"subject": sp.Subject, "history": sp.After}})
		if (i+1)%200 == 0 {
			if err := w.flushAudits(); err != nil {
				return err
			}
			w.step(200)
		}
	}
	if err := w.flushAudits(); err != nil {
		return err
	}
	w.step(len(w.p.Histories()) % 200)
	return nil
}

func (w *importWriter) flushAudits() error {
	err := w.tx.auditMany(w.audits)
	w.audits = w.audits[:0]
	return err
}

// placeholderStyle writes the placeholders of multi-row INSERTs. Queries
// are written once with $n (dialect.go), but SQLite looks a named
// parameter up in a list as it parses and binds, so a statement of
// thousands of $n costs quadratic time; its anonymous ? parameters cost
// nothing. Only these generated bulk statements use them.
type placeholderStyle bool

func (d Dialect) placeholders() placeholderStyle { return placeholderStyle(d == SQLite) }

// row returns "(p1, …, pn)" for the n parameters after the first done.
func (q placeholderStyle) row(done, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		if q {
			b.WriteByte('?')
		} else {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(done + i + 1))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// auditItem is one change to append to the audit log.
type auditItem struct {
	action, entity string
	id             int64
	before, after  any
}

// auditRows is how many audit entries one INSERT statement carries.
const auditRows = 400

// auditMany appends entries to the hash-chained audit log, as tx.audit
// does one at a time: it reserves their sequence numbers under the chain
// head's row lock, hashes them in order and inserts them in batches.
func (tx *Tx) auditMany(items []auditItem) error {
	if len(items) == 0 {
		return nil
	}
	var last int64
	var prev string
	if err := tx.QueryRowContext(tx.ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`,
		len(items)).Scan(&last, &prev); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	var actorID int64
	actorName := "Hệ thống"
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		actorID, actorName = u.ID, u.DisplayName+" ("+u.Username+")"
	}
	ip := thidua.IPFromContext(tx.ctx)
	entries := make([]thidua.AuditEntry, len(items))
	for i, it := range items {
		e := &entries[i]
		e.ID, e.At, e.ActorID, e.ActorName, e.IP = last-int64(len(items))+1+int64(i), tx.now, actorID, actorName, ip
		e.Action, e.Entity, e.EntityID = it.action, it.entity, it.id
		var err error
		if e.Before, err = marshalNullable(it.before); err != nil {
			return err
		}
		if e.After, err = marshalNullable(it.after); err != nil {
			return err
		}
		e.PrevHash = prev
		e.Hash = e.ComputeHash(prev)
		prev = e.Hash
	}
	for start := 0; start < len(entries); start += auditRows {
		chunk := entries[start:min(len(entries), start+auditRows)]
		var sb strings.Builder
		sb.WriteString(`INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES `)
		args := make([]any, 0, len(chunk)*12)
		ph := tx.db.dialect.placeholders()
		for i, e := range chunk {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(ph.row(len(args), 12))
			args = append(args, e.ID, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity, e.EntityID,
				string(e.Before), string(e.After), e.PrevHash, e.Hash)
		}
		if _, err := tx.ExecContext(tx.ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("sqldb: audit insert: %w", err)
		}
	}
	if _, err := tx.ExecContext(tx.ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, prev); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	return nil
}
