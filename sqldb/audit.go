package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"thidua"
)

// audit appends an entry to the hash-chained audit log inside tx. before
// and after are marshalled to JSON (nil for none).
func (tx *Tx) audit(action, entity string, entityID int64, before, after any) error {
	e := &thidua.AuditEntry{
		At:       tx.now,
		Action:   action,
		Entity:   entity,
		EntityID: entityID,
		IP:       thidua.IPFromContext(tx.ctx),
	}
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		e.ActorID = u.ID
		e.ActorName = u.DisplayName + " (" + u.Username + ")"
	} else {
		e.ActorName = "Hệ thống"
	}
	var err error
	if e.Before, err = marshalNullable(before); err != nil {
		return err
	}
	if e.After, err = marshalNullable(after); err != nil {
		return err
	}
	// The UPDATE takes the row lock of the chain head, so concurrent
	// transactions append one after another and the chain never forks.
	if err := tx.QueryRowContext(tx.ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.ID, &e.PrevHash); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	e.Hash = e.ComputeHash(e.PrevHash)
	if _, err := tx.ExecContext(tx.ctx, `
		INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.ID, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity, e.EntityID,
		string(e.Before), string(e.After), e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("sqldb: audit insert: %w", err)
	}
	if _, err := tx.ExecContext(tx.ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	return nil
}

func marshalNullable(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sqldb: audit marshal: %w", err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	return b, nil
}

// FindAuditEntries returns audit entries, newest first.
func (db *DB) FindAuditEntries(ctx context.Context, f thidua.AuditFilter) ([]*thidua.AuditEntry, int, error) {
	if err := requirePerm(ctx, thidua.PermViewAudit); err != nil {
		return nil, 0, err
	}
	w := newWhere("", nil)
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		w.add("at >= ?", time.Date(f.From.Year(), f.From.Time().Month(), f.From.Time().Day(), 0, 0, 0, 0, thidua.VietnamZone).UTC())
	}
	if !f.To.IsZero() {
		w.add("at < ?", time.Date(f.To.Year(), f.To.Time().Month(), f.To.Time().Day()+1, 0, 0, 0, 0, thidua.VietnamZone).UTC())
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 500)
	// A window count would read (and buffer) every entry with its JSON for
	// every page; the page walks the primary key newest first and the
	// count runs apart, when the page does not tell it.
	countWhere, countArgs := w.sql(), w.args
	if f.BeforeID != 0 {
		w.add("id < ?", f.BeforeID)
	}
	order := "id DESC"
	if f.AfterID != 0 {
		w.add("id > ?", f.AfterID)
		order = "id"
	}
	page, pageArgs := w.page(limit, offset)
	rows, err := db.db.QueryContext(ctx, `
		SELECT id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash, 0
		FROM audit_log
		WHERE `+w.sql()+`
		ORDER BY `+order+`
		`+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find audit: %w", err)
	}
	defer rows.Close()
	var out []*thidua.AuditEntry
	for rows.Next() {
		e, _, err := scanAudit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	if f.AfterID != 0 {
		slices.Reverse(out)
	}
	total := len(out)
	if offset > 0 || f.BeforeID != 0 || f.AfterID != 0 || len(out) == limit {
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE `+countWhere, countArgs...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanAudit(s scanner) (*thidua.AuditEntry, int, error) {
	var e thidua.AuditEntry
	var before, after string
	var total int
	if err := s.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.IP, &e.Action, &e.Entity, &e.EntityID,
		&before, &after, &e.PrevHash, &e.Hash, &total); err != nil {
		return nil, 0, fmt.Errorf("sqldb: scan audit: %w", err)
	}
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	e.At = e.At.UTC()
	return &e, total, nil
}

// VerifyAuditChain recomputes every hash of the chain in order.
func (db *DB) VerifyAuditChain(ctx context.Context) (int64, error) {
	if err := requirePerm(ctx, thidua.PermViewAudit); err != nil {
		return 0, err
	}
	rows, err := db.db.QueryContext(ctx, `
		SELECT id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash, 0
		FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("sqldb: verify audit: %w", err)
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		e, _, err := scanAudit(rows)
		if err != nil {
			return 0, err
		}
		if e.PrevHash != prev || e.ComputeHash(prev) != e.Hash {
			return e.ID, nil
		}
		prev = e.Hash
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var head string
	if err := db.db.QueryRowContext(ctx, `SELECT hash FROM audit_head WHERE id = 1`).Scan(&head); err != nil {
		return 0, err
	}
	if head != prev {
		return -1, nil
	}
	return 0, nil
}
