// Package central is the storage of package thidua/central: public-comment
// windows on proposals, the citizens' comments, and the central decisions
// recorded on proposals with the awards they add to the histories. It works
// through sqldb.DB's own services inside one transaction (sqldb.DB.InTx),
// so the proposal's scope, the history's rules and the audit log are those
// of the rest of the storage.
package central

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"thidua"
	"thidua/central"
	"thidua/sqldb"
)

// Store implements central.Service over a sqldb.DB.
type Store struct {
	db *sqldb.DB
	// Province is the province profile whose public-comment rules apply
	// ("default" when empty).
	Province string
}

var _ central.Service = (*Store)(nil)

// New returns the store of db under a province profile.
func New(db *sqldb.DB, province string) *Store {
	if province == "" {
		province = "default"
	}
	return &Store{db: db, Province: province}
}

func (st *Store) today() thidua.Date { return thidua.DateOf(st.db.Now()) }

// proposal returns a proposal the caller sees (ENOTFOUND otherwise); with
// manage, the caller must also run campaigns on its unit (EFORBIDDEN).
func proposal(ctx context.Context, s *sqldb.DB, id int64, manage bool) (*thidua.Proposal, error) {
	p, err := s.FindProposalByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if u := thidua.UserFromContext(ctx); manage && u != nil && !u.Covers(thidua.PermManageCampaigns, p.UnitPath) {
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với đơn vị này.")
	}
	return p, nil
}

// published returns the nominees of p whose award needs public comment on day.
func (st *Store) published(p *thidua.Proposal, day thidua.Date) []central.Published {
	var out []central.Published
	for _, n := range p.Nominees {
		if _, ok := central.CommentRuleFor(n.Award, st.Province, day); ok {
			out = append(out, central.Published{NomineeID: n.ID, Name: n.Name, UnitName: n.UnitName, Award: n.Award,
				Summary: central.ShortSummary(n.Report)})
		}
	}
	return out
}

const windowColumns = `w.proposal_id, w.starts_on, w.ends_on, w.opened_by, w.version, w.updated_at,
	(SELECT count(*) FROM public_comments c WHERE c.proposal_id = w.proposal_id AND c.state = 'APPROVED'),
	(SELECT count(*) FROM public_comments c WHERE c.proposal_id = w.proposal_id AND c.state = 'PENDING'),
	(SELECT count(*) FROM public_comments c WHERE c.proposal_id = w.proposal_id AND c.state = 'REJECTED')`

type scanner interface{ Scan(dest ...any) error }

func scanWindow(r scanner, extra ...any) (*central.Window, error) {
	var w central.Window
	var starts, ends string
	if err := r.Scan(append([]any{&w.ProposalID, &starts, &ends, &w.OpenedBy, &w.Version, &w.UpdatedAt, &w.Approved, &w.Pending, &w.Rejected}, extra...)...); err != nil {
		return nil, err
	}
	var err error
	if w.Starts, err = thidua.ParseDate(starts); err != nil {
		return nil, err
	}
	if w.Ends, err = thidua.ParseDate(ends); err != nil {
		return nil, err
	}
	w.UpdatedAt = w.UpdatedAt.UTC()
	return &w, nil
}

func findWindow(ctx context.Context, h sqldb.Handle, proposalID int64) (*central.Window, error) {
	w, err := scanWindow(h.QueryRowContext(ctx, `SELECT `+windowColumns+` FROM comment_windows w WHERE w.proposal_id = $1`, proposalID))
	if err == sql.ErrNoRows {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Tờ trình chưa được công khai lấy ý kiến.")
	}
	if err != nil {
		return nil, fmt.Errorf("central: find window: %w", err)
	}
	return w, nil
}

// FindWindow returns a proposal's window with its nominees and counts.
func (st *Store) FindWindow(ctx context.Context, proposalID int64) (*central.Window, error) {
	p, err := proposal(ctx, st.db, proposalID, false)
	if err != nil {
		return nil, err
	}
	w, err := findWindow(ctx, st.db.Queries(), proposalID)
	if err != nil {
		return nil, err
	}
	w.Title, w.UnitName, w.Nominees = p.Title, p.UnitName, st.published(p, w.Starts)
	return w, nil
}

// SetWindow opens a proposal's window, or moves its dates.
func (st *Store) SetWindow(ctx context.Context, w *central.Window) error {
	today := st.today()
	if err := w.Validate(today); err != nil {
		return err
	}
	return st.db.InTx(ctx, func(s *sqldb.DB) error {
		p, err := proposal(ctx, s, w.ProposalID, true)
		if err != nil {
			return err
		}
		if err := central.CheckWindowState(p.State); err != nil {
			return err
		}
		if len(st.published(p, w.Starts)) == 0 {
			return thidua.Errorf(thidua.EINVALID, "Tờ trình không có đề nghị nào thuộc diện công khai lấy ý kiến (Chiến sĩ thi đua toàn quốc, Huân chương, Anh hùng).")
		}
		old, err := findWindow(ctx, s.Queries(), w.ProposalID)
		if err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return err
		}
		if old == nil && w.Version != 0 || old != nil && old.Version != w.Version {
			return thidua.ErrStale()
		}
		actor := "Hệ thống"
		if u := thidua.UserFromContext(ctx); u != nil {
			actor = u.DisplayName
		}
		now := s.Now().UTC()
		var before any
		if old != nil {
			before = map[string]string{"starts": old.Starts.ISO(), "ends": old.Ends.ISO()}
		}
		after := map[string]string{"starts": w.Starts.ISO(), "ends": w.Ends.ISO()}
		return s.Change(ctx, thidua.ActionUpdate, "comment_window", w.ProposalID, before, after, func(h sqldb.Handle) error {
			if _, err := h.ExecContext(ctx, `INSERT INTO comment_windows (proposal_id, starts_on, ends_on, opened_by, version, updated_at)
				VALUES ($1, $2, $3, $4, 1, $5)
				ON CONFLICT (proposal_id) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on,
				opened_by = excluded.opened_by, version = comment_windows.version + 1, updated_at = excluded.updated_at`,
				w.ProposalID, w.Starts.ISO(), w.Ends.ISO(), actor, now); err != nil {
				return fmt.Errorf("central: set window: %w", err)
			}
			note := "Công khai lấy ý kiến từ " + w.Starts.String() + " đến " + w.Ends.String()
			if _, err := h.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, note)
				VALUES ($1, $2, $3, 'public_comment', $4, $4, $5)`, p.ID, now, actor, p.State, note); err != nil {
				return fmt.Errorf("central: window event: %w", err)
			}
			nw, err := findWindow(ctx, h, w.ProposalID)
			if err != nil {
				return err
			}
			*w = *nw
			w.Title, w.UnitName, w.Nominees = p.Title, p.UnitName, st.published(p, w.Starts)
			return nil
		})
	})
}

// FindOpenWindows lists the windows open today, the soonest to close first.
func (st *Store) FindOpenWindows(ctx context.Context, today thidua.Date, offset, limit int) ([]*central.Window, int, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	q := st.db.Queries()
	d := today.ISO()
	var total int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM comment_windows WHERE starts_on <= $1 AND ends_on >= $1`, d).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("central: count windows: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT `+windowColumns+`, p.title, u.name FROM comment_windows w
		JOIN proposals p ON p.id = w.proposal_id JOIN units u ON u.id = p.unit_id
		WHERE w.starts_on <= $1 AND w.ends_on >= $1 ORDER BY w.ends_on, w.proposal_id LIMIT $2 OFFSET $3`, d, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("central: find windows: %w", err)
	}
	defer rows.Close()
	var out []*central.Window
	for rows.Next() {
		var title, unit string
		w, err := scanWindow(rows, &title, &unit)
		if err != nil {
			return nil, 0, err
		}
		w.Title, w.UnitName = title, unit
		out = append(out, w)
	}
	return out, total, rows.Err()
}

// FindPublicWindow returns a window that has started, with its nominees
// while it is open.
func (st *Store) FindPublicWindow(ctx context.Context, proposalID int64, today thidua.Date) (*central.Window, error) {
	sys := thidua.NewSystemContext(ctx)
	w, err := findWindow(sys, st.db.Queries(), proposalID)
	if err != nil || today.Before(w.Starts) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy danh sách lấy ý kiến.")
	}
	p, err := proposal(sys, st.db, proposalID, false)
	if err != nil {
		return nil, err
	}
	w.Title, w.UnitName = p.Title, p.UnitName
	if w.OpenOn(today) {
		w.Nominees = st.published(p, w.Starts)
	}
	// The public sees no counts of moderation.
	w.Approved, w.Pending, w.Rejected = 0, 0, 0
	return w, nil
}

// AddComment stores a citizen's comment, pending moderation.
func (st *Store) AddComment(ctx context.Context, c *central.Comment, client string) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	sys := thidua.NewSystemContext(ctx)
	now := st.db.Now().UTC()
	today := thidua.DateOf(now)
	return st.db.InTx(sys, func(s *sqldb.DB) error {
		w, err := findWindow(sys, s.Queries(), c.ProposalID)
		if err != nil || !w.OpenOn(today) {
			return thidua.Errorf(thidua.EINVALID, "Thời gian lấy ý kiến về danh sách này đã kết thúc hoặc chưa bắt đầu.")
		}
		p, err := proposal(sys, s, c.ProposalID, false)
		if err != nil {
			return err
		}
		c.NomineeName = ""
		if c.NomineeID != 0 {
			for _, n := range st.published(p, w.Starts) {
				if n.NomineeID == c.NomineeID {
					c.NomineeName = n.Name
				}
			}
			if c.NomineeName == "" {
				return thidua.FieldError("nominee_id", "Vui lòng chọn một người (tập thể) trong danh sách.")
			}
		}
		var recent int
		if err := s.Queries().QueryRowContext(sys, `SELECT count(*) FROM public_comments WHERE client_key = $1 AND created_at > $2`,
			client, now.Add(-central.RateWindow)).Scan(&recent); err != nil {
			return fmt.Errorf("central: rate: %w", err)
		}
		if recent >= central.RateLimit {
			return central.ErrRateLimited()
		}
		c.State, c.CreatedAt = central.CommentPending, now
		if err := s.Queries().QueryRowContext(sys, `INSERT INTO public_comments (proposal_id, nominee_id, nominee_name, name, contact, body, state,
			client_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			c.ProposalID, nullID(c.NomineeID), c.NomineeName, c.Name, c.Contact, c.Text, c.State, client, now).Scan(&c.ID); err != nil {
			return fmt.Errorf("central: add comment: %w", err)
		}
		return s.Change(sys, thidua.ActionCreate, "public_comment", c.ID, nil,
			map[string]any{"proposal_id": c.ProposalID, "nominee_id": c.NomineeID, "name": c.Name}, func(sqldb.Handle) error { return nil })
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const commentColumns = `id, proposal_id, COALESCE(nominee_id, 0), nominee_name, name, contact, body, state, note, created_at, moderated_by, moderated_at`

func scanComment(r scanner) (*central.Comment, error) {
	var c central.Comment
	var mod sql.NullTime
	if err := r.Scan(&c.ID, &c.ProposalID, &c.NomineeID, &c.NomineeName, &c.Name, &c.Contact, &c.Text, &c.State, &c.Note,
		&c.CreatedAt, &c.ModeratedBy, &mod); err != nil {
		return nil, err
	}
	c.CreatedAt = c.CreatedAt.UTC()
	if mod.Valid {
		c.ModeratedAt = mod.Time.UTC()
	}
	return &c, nil
}

// FindComments lists a proposal's comments, newest first.
func (st *Store) FindComments(ctx context.Context, f central.CommentFilter) ([]*central.Comment, int, error) {
	if _, err := proposal(ctx, st.db, f.ProposalID, true); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	args := []any{f.ProposalID}
	where := "proposal_id = $1"
	if f.State != "" {
		args = append(args, f.State)
		where += " AND state = $" + strconv.Itoa(len(args))
	}
	q := st.db.Queries()
	var total int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM public_comments WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("central: count comments: %w", err)
	}
	args = append(args, f.Limit, f.Offset)
	rows, err := q.QueryContext(ctx, `SELECT `+commentColumns+` FROM public_comments WHERE `+where+
		` ORDER BY id DESC LIMIT $`+strconv.Itoa(len(args)-1)+` OFFSET $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("central: find comments: %w", err)
	}
	defer rows.Close()
	var out []*central.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// ModerateComment approves or rejects a comment.
func (st *Store) ModerateComment(ctx context.Context, id int64, state, note string) (*central.Comment, error) {
	note = thidua.NormalizeText(note)
	if err := central.CheckModeration(state, note); err != nil {
		return nil, err
	}
	var out *central.Comment
	err := st.db.InTx(ctx, func(s *sqldb.DB) error {
		c, err := scanComment(s.Queries().QueryRowContext(ctx, `SELECT `+commentColumns+` FROM public_comments WHERE id = $1`, id))
		if err == sql.ErrNoRows {
			return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy ý kiến.")
		}
		if err != nil {
			return fmt.Errorf("central: find comment: %w", err)
		}
		if _, err := proposal(ctx, s, c.ProposalID, true); err != nil {
			if thidua.ErrorCode(err) == thidua.ENOTFOUND {
				return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy ý kiến.")
			}
			return err
		}
		actor := "Hệ thống"
		if u := thidua.UserFromContext(ctx); u != nil {
			actor = u.DisplayName
		}
		now := s.Now().UTC()
		before := map[string]string{"state": c.State, "note": c.Note}
		c.State, c.Note, c.ModeratedBy, c.ModeratedAt = state, note, actor, now
		out = c
		return s.Change(ctx, thidua.ActionUpdate, "public_comment", id, before, map[string]string{"state": state, "note": note}, func(h sqldb.Handle) error {
			_, err := h.ExecContext(ctx, `UPDATE public_comments SET state = $1, note = $2, moderated_by = $3, moderated_at = $4 WHERE id = $5`,
				state, note, actor, now, id)
			return err
		})
	})
	return out, err
}

// FormKey is the server key of the comment forms.
func (st *Store) FormKey(ctx context.Context) ([]byte, error) {
	return st.db.ServerKey(ctx, "public-comment")
}

// RecordDecision records a central decision on a proposal's nominees and
// adds each award to the recipient's history, all or nothing.
func (st *Store) RecordDecision(ctx context.Context, d *central.Decision) error {
	d.Normalize()
	if err := d.Validate(st.today()); err != nil {
		return err
	}
	return st.db.InTx(ctx, func(s *sqldb.DB) error {
		p, err := proposal(ctx, s, d.ProposalID, true)
		if err != nil {
			return err
		}
		if err := central.CheckDecisionState(p.State); err != nil {
			return err
		}
		byID := map[int64]*thidua.Nominee{}
		for _, n := range p.Nominees {
			byID[n.ID] = n
		}
		q := s.Queries()
		var problems []string
		d.Recipients = d.Recipients[:0]
		for _, id := range d.NomineeIDs {
			n, ok := byID[id]
			if !ok {
				problems = append(problems, fmt.Sprintf("Đối tượng số %d không thuộc tờ trình này.", id))
				continue
			}
			var done int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM central_recipients WHERE nominee_id = $1`, id).Scan(&done); err != nil {
				return fmt.Errorf("central: awarded: %w", err)
			}
			if msg := central.CheckRecipient(d.Authority, n, done > 0); msg != "" {
				problems = append(problems, msg)
				continue
			}
			d.Recipients = append(d.Recipients, central.Recipient{NomineeID: n.ID, Subject: n.Subject, SubjectID: n.SubjectID,
				Name: n.Name, UnitName: n.UnitName, Award: n.Award})
		}
		if len(problems) > 0 {
			msg := strings.Join(problems, " ")
			return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{"nominee_ids": msg}}
		}
		actor := "Hệ thống"
		if u := thidua.UserFromContext(ctx); u != nil {
			actor = u.DisplayName
		}
		now := s.Now().UTC()
		d.CreatedBy, d.CreatedAt = actor, now
		if err := q.QueryRowContext(ctx, `INSERT INTO central_decisions (proposal_id, number, date, authority, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, d.ProposalID, d.Number, d.Date.ISO(), d.Authority, actor, now).Scan(&d.ID); err != nil {
			if thidua.ErrorCode(s.MapError(err)) == thidua.ECONFLICT {
				return thidua.FieldError("number", "Quyết định số "+d.Number+" ngày "+d.Date.String()+" đã được ghi nhận.")
			}
			return fmt.Errorf("central: record decision: %w", err)
		}
		for _, r := range d.Recipients {
			if _, err := q.ExecContext(ctx, `INSERT INTO central_recipients (decision_id, nominee_id, subject, subject_id, name, unit_name, award)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, d.ID, r.NomineeID, r.Subject, r.SubjectID, r.Name, r.UnitName, r.Award); err != nil {
				return fmt.Errorf("central: recipient: %w", err)
			}
			if err := addAward(ctx, s, p, r, d); err != nil {
				return err
			}
		}
		// The proposal is decided once every central nominee has its decision.
		to := p.State
		recorded := map[int64]bool{}
		rows, err := q.QueryContext(ctx, `SELECT r.nominee_id FROM central_recipients r JOIN central_decisions d ON d.id = r.decision_id
			WHERE d.proposal_id = $1 AND r.nominee_id IS NOT NULL`, p.ID)
		if err != nil {
			return fmt.Errorf("central: recorded: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			recorded[id] = true
		}
		rows.Close()
		open := 0
		for _, n := range p.Nominees {
			if central.IsCentral(n.Award) && !recorded[n.ID] && (n.Passed == nil || *n.Passed) {
				open++
			}
		}
		if open == 0 {
			to = thidua.ProposalDecided
		}
		note := "Quyết định số " + d.Number + " ngày " + d.Date.String() + " của " + d.AuthorityLabel()
		return s.Change(ctx, thidua.ActionCreate, "central_decision", d.ID, nil, d, func(h sqldb.Handle) error {
			if _, err := h.ExecContext(ctx, `UPDATE proposals SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3`, to, now, p.ID); err != nil {
				return err
			}
			_, err := h.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, note)
				VALUES ($1, $2, $3, 'central_decision', $4, $5, $6)`, p.ID, now, actor, p.State, to, note)
			return err
		})
	})
}

// addAward adds the award of r to its subject's history through the
// history service (its scope, validation and audit).
func addAward(ctx context.Context, s *sqldb.DB, p *thidua.Proposal, r central.Recipient, d *central.Decision) error {
	h, err := s.FindHistory(ctx, r.Subject, r.SubjectID)
	if err != nil {
		return err
	}
	if thidua.Label(thidua.Titles, r.Award) != r.Award {
		h.History.Titles = append(h.History.Titles, thidua.TitleRecord{Year: p.Year, Code: r.Award, Decision: d.Number})
	} else {
		kind := p.Kind
		if kind == "" {
			kind = thidua.AwardCongTrang
		}
		h.History.Awards = append(h.History.Awards, thidua.Award{Code: r.Award, Date: d.Date, Type: kind, Decision: d.Number})
	}
	if err := s.SaveHistory(ctx, h); err != nil {
		if e, ok := err.(*thidua.Error); ok && e.Code == thidua.EINVALID {
			return thidua.Errorf(thidua.EINVALID, "Không ghi được vào lịch sử khen thưởng của %s: %s", r.Name, e.Message)
		}
		return err
	}
	return nil
}

// FindDecisions lists a proposal's central decisions, oldest first.
func (st *Store) FindDecisions(ctx context.Context, proposalID int64) ([]*central.Decision, error) {
	if _, err := proposal(ctx, st.db, proposalID, false); err != nil {
		return nil, err
	}
	q := st.db.Queries()
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.number, d.date, d.authority, d.created_by, d.created_at,
		COALESCE(r.nominee_id, 0), r.subject, r.subject_id, r.name, r.unit_name, r.award
		FROM central_decisions d JOIN central_recipients r ON r.decision_id = d.id
		WHERE d.proposal_id = $1 ORDER BY d.id, r.name`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("central: find decisions: %w", err)
	}
	defer rows.Close()
	var out []*central.Decision
	for rows.Next() {
		var d central.Decision
		var r central.Recipient
		var date string
		var at time.Time
		if err := rows.Scan(&d.ID, &d.Number, &date, &d.Authority, &d.CreatedBy, &at, &r.NomineeID, &r.Subject, &r.SubjectID,
			&r.Name, &r.UnitName, &r.Award); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != d.ID {
			d.ProposalID, d.CreatedAt = proposalID, at.UTC()
			d.Date, _ = thidua.ParseDate(date)
			out = append(out, &d)
		}
		last := out[len(out)-1]
		last.Recipients = append(last.Recipients, r)
		last.NomineeIDs = append(last.NomineeIDs, r.NomineeID)
	}
	return out, rows.Err()
}

// closedMeetingsHolding returns the closed meetings whose agenda holds
// one of nominees, oldest first, with no scope: one query per 50
// nominees, the agenda matched as text (",id," in the array with its
// brackets made commas) and checked exactly once parsed.
func closedMeetingsHolding(ctx context.Context, h sqldb.Handle, nominees []int64) ([]int64, error) {
	want := map[int64]bool{}
	for _, id := range nominees {
		want[id] = true
	}
	type hit struct {
		id   int64
		date string
	}
	seen := map[int64]bool{}
	var hits []hit
	for start := 0; start < len(nominees); start += 50 {
		chunk := nominees[start:min(start+50, len(nominees))]
		var or []string
		args := []any{thidua.MeetingClosed}
		for _, id := range chunk {
			args = append(args, "%,"+strconv.FormatInt(id, 10)+",%")
			or = append(or, fmt.Sprintf("REPLACE(REPLACE(REPLACE(agenda_json, ' ', ''), '[', ','), ']', ',') LIKE $%d", len(args)))
		}
		rows, err := h.QueryContext(ctx, `SELECT id, date, agenda_json FROM meetings WHERE state = $1 AND (`+strings.Join(or, " OR ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqldb/central: meetings of nominees: %w", err)
		}
		for rows.Next() {
			var m hit
			var agenda string
			if err := rows.Scan(&m.id, &m.date, &agenda); err != nil {
				rows.Close()
				return nil, err
			}
			var ids []int64
			if json.Unmarshal([]byte(agenda), &ids) != nil || seen[m.id] || !slices.ContainsFunc(ids, func(id int64) bool { return want[id] }) {
				continue
			}
			seen[m.id] = true
			hits = append(hits, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.id, b.id)) })
	out := make([]int64, len(hits))
	for i, m := range hits {
		out[i] = m.id
	}
	return out, nil
}

func nomineeIDs(p *thidua.Proposal) []int64 {
	ids := make([]int64, len(p.Nominees))
	for i, n := range p.Nominees {
		ids[i] = n.ID
	}
	return ids
}

// ProposalMeetings implements central.Service: the candidates from one
// query, each kept when the user sees its council.
func (st *Store) ProposalMeetings(ctx context.Context, p *thidua.Proposal) ([]int64, error) {
	ids, err := closedMeetingsHolding(ctx, st.db.Queries(), nomineeIDs(p))
	if err != nil {
		return nil, err
	}
	out := ids[:0]
	for _, id := range ids {
		switch _, err := st.db.FindMeetingByID(ctx, id); {
		case err == nil:
			out = append(out, id)
		case thidua.ErrorCode(err) != thidua.ENOTFOUND:
			return nil, err
		}
	}
	return out, nil
}

// LowerMeetings implements central.Service: down the proposal's chain of
// forwards, every closed meeting of a council whose agenda holds one of
// the lower proposal's nominees, read as the system (the province does not
// see the agency's councils, but the dossier carries their minutes). The
// meetings come from one query per proposal of the chain; only those are
// read in full.
func (st *Store) LowerMeetings(ctx context.Context, proposalID int64) ([]*thidua.MeetingRecord, error) {
	p, err := st.db.FindProposalByID(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	sys := thidua.NewSystemContext(thidua.NewContextWithUser(ctx, nil))
	var chain []*thidua.Proposal
	for low := p; low.FromProposalID != 0 && len(chain) < 10; {
		q, err := st.db.FindProposalByID(sys, low.FromProposalID)
		if err != nil {
			return nil, fmt.Errorf("central: lower proposal %d: %w", low.FromProposalID, err)
		}
		chain = append([]*thidua.Proposal{q}, chain...)
		low = q
	}
	councils := map[int64]*thidua.Council{}
	var out []*thidua.MeetingRecord
	for _, q := range chain {
		byID := map[int64]*thidua.Nominee{}
		for _, n := range q.Nominees {
			byID[n.ID] = n
		}
		ids, err := closedMeetingsHolding(ctx, st.db.Queries(), nomineeIDs(q))
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			m, err := st.db.FindMeetingByID(sys, id)
			if err != nil {
				return nil, err
			}
			c := councils[m.CouncilID]
			if c == nil {
				if c, err = st.db.FindCouncilByID(sys, m.CouncilID); err != nil {
					return nil, err
				}
				councils[m.CouncilID] = c
			}
			rec := &thidua.MeetingRecord{Council: c, Meeting: m}
			for _, id := range m.Agenda {
				if n := byID[id]; n != nil {
					rec.Nominees = append(rec.Nominees, n)
				}
			}
			voted, err := st.db.Voted(sys, m.ID)
			if err != nil {
				return nil, err
			}
			for _, v := range c.Voters() {
				present := slices.Contains(m.Present, v.UserID)
				if present {
					rec.Present = append(rec.Present, v.Name)
				} else {
					rec.Absent = append(rec.Absent, v.Name)
				}
				if slices.Contains(voted, v.UserID) {
					rec.Voted++
					if !present {
						rec.Written++
					}
				}
			}
			if rec.Tally, err = st.db.TallyMeeting(sys, m.ID); err != nil {
				return nil, err
			}
			out = append(out, rec)
		}
	}
	return out, nil
}
