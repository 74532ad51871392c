package inbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"thidua"
	"thidua/inbox"
	"thidua/sqldb"
)

// Events are read from the audit log in order, from a cursor kept in the
// database (inbox_cursor): the batch runs in one transaction that first
// takes the cursor's row, so two nodes never read the same entries, and a
// notification's (user, event key) is unique, so nothing is told twice.

const eventBatch = 200

func requireSystem(ctx context.Context) error {
	if thidua.IsSystemContext(ctx) && thidua.UserFromContext(ctx) == nil {
		return nil
	}
	return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ hệ thống mới thực hiện được thao tác này.")
}

// ProcessEvents turns the audit entries written since the last call into
// notifications (and queued e-mail) for their recipients, a batch per
// transaction until it has caught up; it returns how many notifications it
// made.
func (s *Store) ProcessEvents(ctx context.Context) (int, error) {
	if err := requireSystem(ctx); err != nil {
		return 0, err
	}
	total := 0
	for ctx.Err() == nil {
		made, read, err := s.processBatch(ctx)
		total += made
		if err != nil || read < eventBatch {
			return total, err
		}
	}
	return total, ctx.Err()
}

func (s *Store) processBatch(ctx context.Context) (made, read int, err error) {
	// Nothing new: no write transaction (SQLite has one writer).
	var cursor, head int64
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT c.audit_id, h.seq FROM inbox_cursor c, audit_head h WHERE c.id = 1 AND h.id = 1`).Scan(&cursor, &head); err != nil {
		return 0, 0, fmt.Errorf("sqldb/inbox: events: %w", err)
	}
	if cursor >= head {
		return 0, 0, nil
	}
	err = s.db.InTx(ctx, func(t *sqldb.DB) error {
		h := t.Queries()
		if _, err := h.ExecContext(ctx, `UPDATE inbox_cursor SET audit_id = audit_id WHERE id = 1`); err != nil {
			return err
		}
		var cursor int64
		if err := h.QueryRowContext(ctx, `SELECT audit_id FROM inbox_cursor WHERE id = 1`).Scan(&cursor); err != nil {
			return err
		}
		rows, err := h.QueryContext(ctx, `SELECT id, action, entity, entity_id, actor_id, before_json, after_json
			FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`, cursor, eventBatch)
		if err != nil {
			return err
		}
		var entries []*thidua.AuditEntry
		for rows.Next() {
			var e thidua.AuditEntry
			var before, after string
			if err := rows.Scan(&e.ID, &e.Action, &e.Entity, &e.EntityID, &e.ActorID, &before, &after); err != nil {
				rows.Close()
				return err
			}
			e.Before, e.After = json.RawMessage(before), json.RawMessage(after)
			entries = append(entries, &e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		read = len(entries)
		if len(entries) == 0 {
			return nil
		}
		now := s.now()
		for _, e := range entries {
			ev := inbox.FromAudit(e)
			if ev == nil {
				continue
			}
			n, err := s.record(ctx, h, ev, now)
			if err != nil {
				return fmt.Errorf("audit entry %d: %w", e.ID, err)
			}
			made += n
		}
		last := entries[len(entries)-1].ID
		if _, err := h.ExecContext(ctx, `UPDATE inbox_cursor SET audit_id = $1 WHERE id = 1`, last); err != nil {
			return err
		}
		if made == 0 {
			return nil
		}
		return t.Change(ctx, thidua.ActionCreate, "notification", 0, nil,
			map[string]any{"notifications": made, "through_audit_entry": last}, func(sqldb.Handle) error { return nil })
	})
	if err != nil {
		return 0, 0, fmt.Errorf("sqldb/inbox: events: %w", err)
	}
	return made, read, nil
}

// subject is what an event is about and who hears of it.
type subject struct {
	name, context string
	users         []int64
}

// record stores the notifications of ev; it returns how many are new.
func (s *Store) record(ctx context.Context, h sqldb.Handle, ev *inbox.Event, now time.Time) (int, error) {
	sub, err := resolve(ctx, h, ev)
	if err != nil || sub == nil {
		return 0, err
	}
	title, body := inbox.EventText(ev.Kind, sub.name, sub.context, ev.Note)
	url := inbox.EventURL(ev.Kind, ev.Entity, ev.EntityID)
	made := 0
	seen := map[int64]bool{}
	for _, uid := range sub.users {
		if uid == 0 || uid == ev.ActorID || seen[uid] {
			continue
		}
		seen[uid] = true
		ok, err := notify(ctx, h, uid, ev.Kind, title, body, url, ev.Key, now)
		if err != nil {
			return made, err
		}
		if ok {
			made++
		}
	}
	return made, nil
}

// notify inserts one notification unless its (user, key) exists, and
// queues its e-mail for a user with an address who has not turned e-mail
// off.
func notify(ctx context.Context, h sqldb.Handle, uid int64, kind, title, body, url, key string, now time.Time) (bool, error) {
	var id int64
	err := h.QueryRowContext(ctx, `INSERT INTO notifications (user_id, kind, title, body, url, event_key, created_at)
		SELECT u.id, $2, $3, $4, $5, $6, $7 FROM users u WHERE u.id = $1 AND u.disabled = FALSE
		ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`, uid, kind, title, body, url, key, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	_, err = h.ExecContext(ctx, `INSERT INTO mail_outbox (notification_id, state, attempts, next_at, created_at)
		SELECT $1, $2, 0, $3, $3 FROM users u WHERE u.id = $4 AND u.email <> ''
		AND NOT EXISTS (SELECT 1 FROM inbox_prefs p WHERE p.user_id = u.id AND p.email_off = TRUE)`, id, mailQueued, now, uid)
	return true, err
}

// unitHeads are the enabled accounts holding the unit-head role over the
// unit (thidua.User.HeadCovers).
func unitHeads(ctx context.Context, h sqldb.Handle, unitID int64) ([]int64, error) {
	return ids(ctx, h, `SELECT DISTINCT g.user_id FROM grants g JOIN units gu ON gu.id = g.unit_id
		JOIN units x ON x.id = $1 JOIN users us ON us.id = g.user_id
		WHERE g.role = $2 AND us.disabled = FALSE AND gu.path <> '' AND x.path LIKE gu.path || '%'`, unitID, string(thidua.RoleUnitHead))
}

func personUsers(ctx context.Context, h sqldb.Handle, personID int64) ([]int64, error) {
	if personID == 0 {
		return nil, nil
	}
	return ids(ctx, h, `SELECT id FROM users WHERE person_id = $1 AND disabled = FALSE`, personID)
}

func ids(ctx context.Context, h sqldb.Handle, q string, args ...any) ([]int64, error) {
	rows, err := h.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// resolve finds what ev is about and its recipients; nil when the object
// is gone.
func resolve(ctx context.Context, h sqldb.Handle, ev *inbox.Event) (*subject, error) {
	sub := &subject{}
	var err error
	gone := func(err error) (*subject, error) {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, err
	}
	switch ev.Kind {
	case inbox.EventRegistrationReturned:
		var unitID, personID int64
		if err := h.QueryRowContext(ctx, `SELECT r.unit_id, COALESCE(r.person_id, 0), COALESCE(pe.full_name, ru.name), c.title
			FROM registrations r JOIN campaigns c ON c.id = r.campaign_id JOIN units ru ON ru.id = r.unit_id
			LEFT JOIN people pe ON pe.id = r.person_id WHERE r.id = $1`, ev.EntityID).Scan(&unitID, &personID, &sub.name, &sub.context); err != nil {
			return gone(err)
		}
		if sub.users, err = unitHeads(ctx, h, unitID); err != nil {
			return nil, err
		}
		more, err := personUsers(ctx, h, personID)
		if err != nil {
			return nil, err
		}
		sub.users = append(sub.users, more...)
	case inbox.EventProposalReturned:
		var unitID, createdBy int64
		if err := h.QueryRowContext(ctx, `SELECT p.unit_id, p.created_by, p.title, u.name FROM proposals p JOIN units u ON u.id = p.unit_id
			WHERE p.id = $1`, ev.EntityID).Scan(&unitID, &createdBy, &sub.name, &sub.context); err != nil {
			return gone(err)
		}
		if sub.users, err = unitHeads(ctx, h, unitID); err != nil {
			return nil, err
		}
		sub.users = append(sub.users, createdBy)
	case inbox.EventArticleReturned:
		var author, editor int64
		if err := h.QueryRowContext(ctx, `SELECT COALESCE(author_id, 0), COALESCE(editor_id, 0), title FROM articles WHERE id = $1`,
			ev.EntityID).Scan(&author, &editor, &sub.name); err != nil {
			return gone(err)
		}
		sub.users = []int64{author, editor}
	case inbox.EventScoreAssigned:
		if err := h.QueryRowContext(ctx, `SELECT title FROM campaigns WHERE id = $1`, ev.EntityID).Scan(&sub.name); err != nil {
			return gone(err)
		}
		sub.users = ev.Users
	case inbox.EventMeetingOpened:
		var councilID int64
		if err := h.QueryRowContext(ctx, `SELECT m.council_id, m.title, c.name FROM meetings m JOIN councils c ON c.id = m.council_id
			WHERE m.id = $1`, ev.EntityID).Scan(&councilID, &sub.name, &sub.context); err != nil {
			return gone(err)
		}
		if sub.users, err = ids(ctx, h, `SELECT user_id FROM council_members WHERE council_id = $1 AND role <> 'SECRETARY'`, councilID); err != nil {
			return nil, err
		}
	case inbox.EventDecisionIssued:
		var body string
		if err := h.QueryRowContext(ctx, `SELECT title, body_json FROM decisions WHERE id = $1`, ev.EntityID).Scan(&sub.name, &body); err != nil {
			return gone(err)
		}
		var b struct {
			Recipients []thidua.Recipient `json:"recipients"`
		}
		if err := json.Unmarshal([]byte(body), &b); err != nil {
			return nil, err
		}
		for _, r := range b.Recipients {
			var us []int64
			if r.Subject == thidua.SubjectPerson {
				us, err = personUsers(ctx, h, r.SubjectID)
			} else {
				us, err = unitHeads(ctx, h, r.SubjectID)
			}
			if err != nil {
				return nil, err
			}
			sub.users = append(sub.users, us...)
		}
	default:
		return nil, nil
	}
	slices.Sort(sub.users)
	sub.users = slices.Compact(sub.users)
	return sub, nil
}
