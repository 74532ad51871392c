package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"thidua"
	"thidua/inbox"
	"thidua/sqldb"
)

// Outbox states.
const (
	mailQueued  = "QUEUED"
	mailSending = "SENDING"
	mailSent    = "SENT"
	mailFailed  = "FAILED"
	mailSkipped = "SKIPPED" // the user turned e-mail off or has no address
)

// Lease is how long a claimed e-mail belongs to its worker; a worker that
// dies leaves it to be claimed again after that.
const Lease = 5 * time.Minute

// Mail is an e-mail claimed from the outbox.
type Mail struct {
	ID           int64
	Attempts     int
	To, ToName   string
	Notification inbox.Notification
}

// ClaimMail takes the next e-mail due for worker, or nil. One UPDATE that
// re-checks the row claims it, so two nodes never send the same one.
func (s *Store) ClaimMail(ctx context.Context, worker string) (*Mail, error) {
	if err := requireSystem(ctx); err != nil {
		return nil, err
	}
	now := s.now()
	for {
		var m Mail
		err := s.db.SQL().QueryRowContext(ctx, `UPDATE mail_outbox SET state = $1, worker = $2, attempts = attempts + 1, next_at = $3
			WHERE id = (SELECT q.id FROM mail_outbox q WHERE q.state IN ($4, $1) AND q.next_at <= $5 ORDER BY q.next_at, q.id LIMIT 1)
			AND state IN ($4, $1) AND next_at <= $5
			RETURNING id, attempts, notification_id`, mailSending, worker, now.Add(Lease), mailQueued, now).Scan(&m.ID, &m.Attempts, &m.Notification.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("sqldb/inbox: claim mail: %w", err)
		}
		var off bool
		n := &m.Notification
		err = s.db.SQL().QueryRowContext(ctx, `SELECT u.email, u.display_name, COALESCE(p.email_off, FALSE), n.kind, n.title, n.body, n.url, n.created_at
			FROM notifications n JOIN users u ON u.id = n.user_id LEFT JOIN inbox_prefs p ON p.user_id = u.id
			WHERE n.id = $1`, n.ID).Scan(&m.To, &m.ToName, &off, &n.Kind, &n.Title, &n.Body, &n.URL, &n.CreatedAt)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("sqldb/inbox: claim mail: %w", err)
		}
		if err == nil && !off && m.To != "" {
			return &m, nil
		}
		// Turned off (or the address removed) since it was queued.
		if _, err := s.db.SQL().ExecContext(ctx, `UPDATE mail_outbox SET state = $1, next_at = $2 WHERE id = $3`, mailSkipped, now, m.ID); err != nil {
			return nil, fmt.Errorf("sqldb/inbox: skip mail: %w", err)
		}
	}
}

// FinishMail records a delivery: sent (sendErr nil), or failed and retried
// after inbox.MailBackoff until inbox.MailAttempts, then given up.
func (s *Store) FinishMail(ctx context.Context, m *Mail, sendErr error) error {
	if err := requireSystem(ctx); err != nil {
		return err
	}
	now := s.now()
	var err error
	switch {
	case sendErr == nil:
		_, err = s.db.SQL().ExecContext(ctx, `UPDATE mail_outbox SET state = $1, sent_at = $2, last_error = '' WHERE id = $3`, mailSent, now, m.ID)
	case m.Attempts >= inbox.MailAttempts:
		_, err = s.db.SQL().ExecContext(ctx, `UPDATE mail_outbox SET state = $1, last_error = $2 WHERE id = $3`, mailFailed, trim(sendErr.Error()), m.ID)
	default:
		_, err = s.db.SQL().ExecContext(ctx, `UPDATE mail_outbox SET state = $1, next_at = $2, last_error = $3 WHERE id = $4`,
			mailQueued, now.Add(inbox.MailBackoff(m.Attempts)), trim(sendErr.Error()), m.ID)
	}
	if err != nil {
		return fmt.Errorf("sqldb/inbox: finish mail: %w", err)
	}
	return nil
}

func trim(s string) string {
	if r := []rune(s); len(r) > 500 {
		return string(r[:500])
	}
	return s
}

// OutboxCounts counts the outbox by state (the system page, tests).
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT state, COUNT(*) FROM mail_outbox GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// reminder is one reminder waiting to be recorded.
type reminder struct {
	ev  inbox.Event
	sub subject
}

// Remind records the reminders of deadlines within inbox.ReminderDays of
// today; each is keyed by its object and deadline (inbox.ReminderKey), so
// running it again, after a restart or on a second node, adds nothing. It
// returns how many notifications it made.
func (s *Store) Remind(ctx context.Context, today thidua.Date) (int, error) {
	if err := requireSystem(ctx); err != nil {
		return 0, err
	}
	made := 0
	err := s.db.InTx(ctx, func(t *sqldb.DB) error {
		h := t.Queries()
		var rs []reminder
		until := thidua.DateOf(today.Time().AddDate(0, 0, inbox.ReminderDays)).ISO()
		// Registrations still missing evidence or a self score before their
		// campaign ends.
		rows, err := h.QueryContext(ctx, `SELECT r.id, r.unit_id, COALESCE(r.person_id, 0), r.state, c.state, c.title, c.end_date,
			COALESCE(pe.full_name, ru.name),
			EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id),
			EXISTS (SELECT 1 FROM scores sc WHERE sc.registration_id = r.id AND sc.kind = $1)
			FROM registrations r JOIN campaigns c ON c.id = r.campaign_id JOIN units ru ON ru.id = r.unit_id
			LEFT JOIN people pe ON pe.id = r.person_id
			WHERE c.state IN ($2, $3) AND c.end_date >= $4 AND c.end_date <= $5 AND r.state IN ($6, $7)`,
			thidua.ScoreSelf, thidua.CampaignLaunched, thidua.CampaignInProgress, today.ISO(), until, thidua.RegSubmitted, thidua.RegApproved)
		if err != nil {
			return err
		}
		type regRow struct {
			id, unitID, personID int64
			rs                   reminder
		}
		var regs []regRow
		for rows.Next() {
			var r regRow
			var regState, campState, title, end, name string
			var hasEv, hasSelf bool
			if err := rows.Scan(&r.id, &r.unitID, &r.personID, &regState, &campState, &title, &end, &name, &hasEv, &hasSelf); err != nil {
				rows.Close()
				return err
			}
			due, _ := thidua.ParseDate(end)
			var missing []string
			for _, k := range inbox.ParticipantTasks(regState, campState, hasEv, hasSelf) {
				missing = append(missing, thidua.Label(inbox.Kinds, k))
			}
			if len(missing) == 0 || !inbox.DueSoon(due, today) {
				continue
			}
			note := "Hạn: " + due.String() + ". Còn thiếu: " + join(missing) + "."
			r.rs = reminder{ev: inbox.Event{Kind: inbox.EventRegistrationCloses, Entity: "registration", EntityID: r.id, Note: note,
				Key: inbox.ReminderKey(inbox.EventRegistrationCloses, r.id, due)}, sub: subject{name: name, context: title}}
			regs = append(regs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range regs {
			heads, err := unitHeads(ctx, h, r.unitID)
			if err != nil {
				return err
			}
			own, err := personUsers(ctx, h, r.personID)
			if err != nil {
				return err
			}
			r.rs.sub.users = append(heads, own...)
			rs = append(rs, r.rs)
		}
		// Reviewers with registrations left to score before the campaign ends.
		rows, err = h.QueryContext(ctx, `SELECT c.id, c.title, c.end_date, cr.user_id FROM campaigns c
			JOIN campaign_reviewers cr ON cr.campaign_id = c.id
			WHERE c.state IN ($1, $2) AND c.end_date >= $3 AND c.end_date <= $4
			AND EXISTS (SELECT 1 FROM registrations r WHERE r.campaign_id = c.id AND r.state = $5
				AND NOT EXISTS (SELECT 1 FROM scores sc WHERE sc.registration_id = r.id AND sc.kind = $6 AND sc.scorer_id = cr.user_id))`,
			thidua.CampaignInProgress, thidua.CampaignEvaluating, today.ISO(), until, thidua.RegApproved, thidua.ScoreCouncil)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, uid int64
			var title, end string
			if err := rows.Scan(&id, &title, &end, &uid); err != nil {
				rows.Close()
				return err
			}
			due, _ := thidua.ParseDate(end)
			rs = append(rs, reminder{ev: inbox.Event{Kind: inbox.EventScoringEnds, Entity: "campaign_reviewers", EntityID: id,
				Note: "Hạn: " + due.String() + ".", Key: inbox.ReminderKey(inbox.EventScoringEnds, id, due)},
				sub: subject{name: title, users: []int64{uid}}})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Proposals not yet sent before their submission window closes
		// (R-HS-05, R-HS-06).
		props, err := dueProposals(ctx, h, today)
		if err != nil {
			return err
		}
		rs = append(rs, props...)

		now := s.now()
		for _, r := range rs {
			title, body := inbox.EventText(r.ev.Kind, r.sub.name, r.sub.context, r.ev.Note)
			url := inbox.EventURL(r.ev.Kind, r.ev.Entity, r.ev.EntityID)
			seen := map[int64]bool{}
			for _, uid := range r.sub.users {
				if uid == 0 || seen[uid] {
					continue
				}
				seen[uid] = true
				ok, err := notify(ctx, h, uid, r.ev.Kind, title, body, url, r.ev.Key, now)
				if err != nil {
					return err
				}
				if ok {
					made++
				}
			}
		}
		if made == 0 {
			return nil
		}
		return t.Change(ctx, thidua.ActionCreate, "notification", 0, nil,
			map[string]any{"reminders": made, "date": today.ISO()}, func(sqldb.Handle) error { return nil })
	})
	if err != nil {
		return 0, fmt.Errorf("sqldb/inbox: reminders: %w", err)
	}
	return made, nil
}

func dueProposals(ctx context.Context, h sqldb.Handle, today thidua.Date) ([]reminder, error) {
	rows, err := h.QueryContext(ctx, `SELECT p.id, p.unit_id, p.created_by, p.kind, p.year, p.title, u.name
		FROM proposals p JOIN units u ON u.id = p.unit_id WHERE p.state IN ($1, $2)`, thidua.ProposalDraft, thidua.ProposalReturned)
	if err != nil {
		return nil, err
	}
	type prop struct {
		id, unitID, createdBy int64
		kind, title, unit     string
		year                  int
	}
	var ps []prop
	for rows.Next() {
		var p prop
		if err := rows.Scan(&p.id, &p.unitID, &p.createdBy, &p.kind, &p.year, &p.title, &p.unit); err != nil {
			rows.Close()
			return nil, err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []reminder
	for _, p := range ps {
		rows, err := h.QueryContext(ctx, `SELECT award FROM nominees WHERE proposal_id = $1`, p.id)
		if err != nil {
			return nil, err
		}
		var awards []string
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				rows.Close()
				return nil, err
			}
			awards = append(awards, a)
		}
		rows.Close()
		due := inbox.ProposalDue(p.kind, p.year, awards)
		if !inbox.DueSoon(due, today) {
			continue
		}
		heads, err := unitHeads(ctx, h, p.unitID)
		if err != nil {
			return nil, err
		}
		out = append(out, reminder{ev: inbox.Event{Kind: inbox.EventProposalDue, Entity: "proposal", EntityID: p.id,
			Note: "Hạn gửi: " + due.String() + ".", Key: inbox.ReminderKey(inbox.EventProposalDue, p.id, due)},
			sub: subject{name: p.title, context: p.unit, users: append(heads, p.createdBy)}})
	}
	return out, nil
}

func join(xs []string) string { return strings.Join(xs, "; ") }
