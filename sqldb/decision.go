package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
	"thidua/sqldb/levels"
)

var _ thidua.DecisionService = (*DB)(nil)

// decisionBody is the part of a decision kept as one JSON document.
type decisionBody struct {
	Authority  string             `json:"authority"`
	Bases      []string           `json:"bases"`
	Articles   []string           `json:"articles"`
	Recipients []thidua.Recipient `json:"recipients"`
	Signer     thidua.Signer      `json:"signer"`
	CC         []string           `json:"cc"`
}

const decisionSelect = `SELECT d.id, d.unit_id, d.issuer, d.year, COALESCE(d.number, 0), d.place, d.date, d.title, d.body_json,
	COALESCE(d.meeting_id, 0), d.state, d.public, d.version, d.created_at, d.issued_at, u.name, u.path
	FROM decisions d JOIN units u ON u.id = d.unit_id`

func scanDecision(s scanner, extra ...any) (*thidua.Decision, error) {
	var d thidua.Decision
	var date sql.NullString
	var body string
	var issued nullTime
	dest := append([]any{&d.ID, &d.UnitID, &d.Issuer, &d.Year, &d.Number, &d.Place, &date, &d.Title, &body, &d.MeetingID, &d.State,
		&d.Public, &d.Version, &d.CreatedAt, &issued, &d.UnitName, &d.UnitPath}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, fmt.Errorf("sqldb: scan decision: %w", err)
	}
	var b decisionBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return nil, err
	}
	d.Authority, d.Bases, d.Articles, d.Recipients, d.Signer, d.CC = b.Authority, b.Bases, b.Articles, b.Recipients, b.Signer, b.CC
	d.Date = scanDate(date)
	d.IssuedAt = issued.get()
	d.CreatedAt = d.CreatedAt.UTC()
	return &d, nil
}

func decisionFold(d *thidua.Decision) string {
	parts := []string{d.Title, d.Ref(), strconv.Itoa(d.Year)}
	for _, r := range d.Recipients {
		parts = append(parts, r.Name, r.UnitName)
	}
	return thidua.Fold(strings.Join(parts, " "))
}

func bodyJSON(d *thidua.Decision) string {
	b, _ := json.Marshal(decisionBody{d.Authority, d.Bases, d.Articles, d.Recipients, d.Signer, d.CC})
	return string(b)
}

// FindDecisions lists decisions in scope (levels.DecisionScope), or public issued ones.
func (db *DB) FindDecisions(ctx context.Context, f thidua.DecisionFilter) ([]*thidua.Decision, int, error) {
	w := newWhere("d.public = TRUE AND d.state = 'ISSUED'", nil)
	if !f.Public {
		scope, args, err := levels.DecisionScope(ctx, db.db, thidua.PermViewOrg)
		if err != nil {
			return nil, 0, err
		}
		w = newWhere(scope, args)
	}
	if f.ID != 0 {
		w.add("d.id = ?", f.ID)
	}
	if f.Year != 0 {
		w.add("d.year = ?", f.Year)
	}
	if f.State != "" {
		w.add("d.state = ?", f.State)
	}
	if f.MeetingID != 0 {
		w.add("d.meeting_id = ?", f.MeetingID)
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("d.title_fold LIKE ?", "%"+word+"%")
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 500)
	page, pageArgs := w.page(limit, offset)
	cut := strings.Index(decisionSelect, "FROM decisions")
	rows, err := db.db.QueryContext(ctx, decisionSelect[:cut]+`, 0 `+decisionSelect[cut:]+`
		WHERE `+w.sql()+` ORDER BY d.year DESC, COALESCE(d.number, 0) DESC, d.id DESC
		`+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find decisions: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Decision
	var zero int
	for rows.Next() {
		d, err := scanDecision(rows, &zero)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	// Counted apart: a window count reads every decision with its list.
	total := len(out)
	if offset > 0 || len(out) == limit {
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) `+decisionSelect[cut:]+` WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqldb: count decisions: %w", err)
		}
	}
	return out, total, nil
}

// FindDecisionByID returns a decision in scope.
func (db *DB) FindDecisionByID(ctx context.Context, id int64) (*thidua.Decision, error) {
	ds, _, err := db.FindDecisions(ctx, thidua.DecisionFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, notFound("quyết định")
	}
	return ds[0], nil
}

func findDecisionRaw(ctx context.Context, q queryer, id int64) (*thidua.Decision, error) {
	d, err := scanDecision(q.QueryRowContext(ctx, decisionSelect+` WHERE d.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("quyết định")
	}
	return d, err
}

// DraftDecision fills d's recipients from a closed meeting's passed
// nominees and stores it as a draft.
func (db *DB) DraftDecision(ctx context.Context, meetingID int64, d *thidua.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeetingRaw(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	c, err := findCouncilRaw(ctx, tx, m.CouncilID)
	if err != nil {
		return err
	}
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, c.UnitPath); err != nil {
		return err
	}
	if m.State != thidua.MeetingClosed {
		return thidua.Errorf(thidua.EINVALID, "Phiên họp chưa kết thúc biểu quyết.")
	}
	var drafted int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM decisions WHERE meeting_id = $1`, meetingID).Scan(&drafted); err != nil {
		return err
	}
	if drafted > 0 {
		return thidua.Errorf(thidua.ECONFLICT, "Phiên họp này đã có dự thảo quyết định.")
	}
	d.Recipients = nil
	for _, id := range m.Agenda {
		ns, err := findNominees(ctx, tx, `n.id = $1`, id)
		if err != nil {
			return err
		}
		if len(ns) == 0 || ns[0].Passed == nil || !*ns[0].Passed || levels.Above(ctx, tx, db.judge, c.UnitPath, ns[0].Award, thidua.DateOf(tx.now)) {
			continue
		}
		n := ns[0]
		p, err := findProposalRaw(ctx, tx, n.ProposalID)
		if err != nil {
			return err
		}
		r := thidua.Recipient{NomineeID: n.ID, Subject: n.Subject, SubjectID: n.SubjectID, Name: n.Name, UnitName: n.UnitName,
			Award: n.Award, AwardType: p.Kind, MoneyVND: n.MoneyVND, Basis: achievementBasis(p)}
		if n.Subject == thidua.SubjectPerson {
			if person, _, err := findPersonRaw(ctx, tx, n.SubjectID); err == nil {
				r.Position = person.Position
			}
		}
		d.Recipients = append(d.Recipients, r)
	}
	if len(d.Recipients) == 0 {
		return thidua.Errorf(thidua.EINVALID, "Không có đối tượng nào đạt tỷ lệ biểu quyết để đưa vào quyết định.")
	}
	d.MeetingID, d.State, d.Number = meetingID, thidua.DecisionDraft, 0
	if d.UnitID == 0 {
		d.UnitID = c.UnitID
	}
	if err := d.Validate(); err != nil {
		return err
	}
	unit, err := findUnitRaw(ctx, tx, d.UnitID)
	if err != nil {
		return fieldErr("unit_id", "Cơ quan ban hành không tồn tại.")
	}
	if err := requireCovers(ctx, thidua.PermManageCampaigns, unit.Path); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO decisions (unit_id, issuer, year, place, title, title_fold, body_json, meeting_id, state, public, version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11) RETURNING id`,
		d.UnitID, d.Issuer, d.Year, d.Place, d.Title, decisionFold(d), bodyJSON(d), meetingID, d.State, d.Public, tx.now).Scan(&d.ID); err != nil {
		return fmt.Errorf("sqldb: draft decision: %w", db.dialect.mapError(err))
	}
	stored, err := findDecisionRaw(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "decision", d.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*d = *stored
	return nil
}

// achievementBasis words the achievement a proposal rewards, as it follows
// "Đã có thành tích xuất sắc trong …" on the decision and certificates.
func achievementBasis(p *thidua.Proposal) string {
	switch {
	case p.Kind == thidua.AwardPhongTrao && p.CampaignName != "":
		r := []rune(p.CampaignName)
		return strings.ToLower(string(r[:1])) + string(r[1:])
	case p.Kind == thidua.AwardCongTrang:
		return "thực hiện nhiệm vụ năm " + strconv.Itoa(p.Year)
	}
	return p.Title
}

// UpdateDecision edits a draft; an issued decision cannot change except its
// public flag.
func (db *DB) UpdateDecision(ctx context.Context, d *thidua.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findDecisionRaw(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	if !levels.SeesUnit(ctx, tx, thidua.PermViewOrg, old.UnitPath) {
		return notFound("quyết định")
	}
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, old.UnitPath); err != nil {
		return err
	}
	if old.Version != d.Version {
		return thidua.ErrStale()
	}
	if old.State == thidua.DecisionIssued {
		// Only publishing on the honour roll may change after issue.
		old.Public = d.Public
		d = old
	} else {
		d.State, d.Number, d.MeetingID, d.UnitID = old.State, 0, old.MeetingID, old.UnitID
		if err := d.Validate(); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE decisions SET issuer = $1, year = $2, place = $3, title = $4, title_fold = $5, body_json = $6,
		public = $7, version = version + 1 WHERE id = $8 AND version = $9`,
		d.Issuer, d.Year, d.Place, d.Title, decisionFold(d), bodyJSON(d), d.Public, d.ID, old.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, err := findDecisionRaw(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "decision", d.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*d = *stored
	return nil
}

// nextNumber takes the next number of an issuer's register for a year. The
// row lock of the upsert serializes concurrent issues, and a rolled-back
// issue rolls the number back: no gaps, no duplicates.
func nextNumber(ctx context.Context, tx *Tx, issuer string, year int) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO decision_registers (issuer, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (issuer, year) DO UPDATE SET last = decision_registers.last + 1 RETURNING last`, issuer, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqldb: number register: %w", err)
	}
	return n, nil
}

// IssueDecision numbers, dates and issues a draft decision, records the
// awards in the recipients' histories, and tells the proposing units.
func (db *DB) IssueDecision(ctx context.Context, id int64, version int, date thidua.Date) (*thidua.Decision, error) {
	if date.IsZero() {
		return nil, fieldErr("date", "Vui lòng nhập ngày ký quyết định.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := findDecisionRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !levels.SeesUnit(ctx, tx, thidua.PermViewOrg, d.UnitPath) {
		return nil, notFound("quyết định")
	}
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, d.UnitPath); err != nil {
		return nil, err
	}
	if d.State == thidua.DecisionIssued {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Quyết định đã được ban hành với số %s.", d.Ref())
	}
	if d.Version != version {
		return nil, thidua.ErrStale()
	}
	if date.Year() != d.Year {
		return nil, fieldErr("date", fmt.Sprintf("Ngày ký phải thuộc năm %d của sổ đăng ký số.", d.Year))
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	number, err := nextNumber(ctx, tx, d.Issuer, d.Year)
	if err != nil {
		return nil, err
	}
	d.Number, d.Date, d.State = number, date, thidua.DecisionIssued
	res, err := tx.ExecContext(ctx, `UPDATE decisions SET number = $1, date = $2, state = $3, issued_at = $4, title_fold = $5,
		version = version + 1 WHERE id = $6 AND version = $7`, number, date.ISO(), d.State, tx.now, decisionFold(d), id, version)
	if err != nil {
		return nil, fmt.Errorf("sqldb: issue decision: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, thidua.ErrStale()
	}
	ref := d.Ref()
	proposals := map[int64]bool{}
	for _, r := range d.Recipients {
		if err := recordAward(ctx, tx, d, r, ref, date); err != nil {
			return nil, err
		}
		if r.NomineeID != 0 {
			var pid int64
			if err := tx.QueryRowContext(ctx, `SELECT proposal_id FROM nominees WHERE id = $1`, r.NomineeID).Scan(&pid); err == nil {
				proposals[pid] = true
			}
		}
	}
	for pid := range proposals {
		p, err := findProposalRaw(ctx, tx, pid)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE proposals SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3`,
			thidua.ProposalDecided, tx.now, pid); err != nil {
			return nil, err
		}
		// The proposing unit sees it on the proposal's timeline.
		if err := tx.proposalEvent(p, "decide", p.State, thidua.ProposalDecided, "Quyết định số "+ref+" ngày "+date.String()); err != nil {
			return nil, err
		}
	}
	d.Version++
	d.IssuedAt = tx.now
	if err := tx.audit(thidua.ActionUpdate, "decision", id, map[string]string{"state": thidua.DecisionDraft},
		map[string]any{"state": d.State, "number": ref, "date": date.ISO()}); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// recordAward appends one award to a recipient's history document.
func recordAward(ctx context.Context, tx *Tx, d *thidua.Decision, r thidua.Recipient, ref string, date thidua.Date) error {
	h, err := historySubject(ctx, tx, r.Subject, r.SubjectID)
	if err != nil {
		return err
	}
	if err := loadHistoryDoc(ctx, tx, h); err != nil {
		return err
	}
	if thidua.Label(thidua.Titles, r.Award) != r.Award {
		year := d.Year
		if r.NomineeID != 0 {
			tx.QueryRowContext(ctx, `SELECT p.year FROM nominees n JOIN proposals p ON p.id = n.proposal_id WHERE n.id = $1`, r.NomineeID).Scan(&year)
		}
		h.History.Titles = append(h.History.Titles, thidua.TitleRecord{Year: year, Code: r.Award, Decision: ref})
	} else {
		h.History.Awards = append(h.History.Awards, thidua.Award{Code: r.Award, Date: date, Type: r.AwardType, Decision: ref})
	}
	h.History.Normalize()
	doc, err := json.Marshal(h.History)
	if err != nil {
		return err
	}
	key := subjectKey(h.Subject, h.SubjectID)
	if h.Version == 0 {
		var personID, unitID any
		if h.Subject == thidua.SubjectPerson {
			personID = h.SubjectID
		} else {
			unitID = h.SubjectID
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO histories (subject_key, person_id, unit_id, history_json, version, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5)`, key, personID, unitID, string(doc), tx.now)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE histories SET history_json = $1, version = version + 1, updated_at = $2 WHERE subject_key = $3`,
			string(doc), tx.now, key)
	}
	if err != nil {
		return fmt.Errorf("sqldb: record award: %w", err)
	}
	return tx.audit(thidua.ActionUpdate, "history", h.SubjectID, nil, map[string]any{"subject": h.Subject, "award": r.Award, "decision": ref})
}
