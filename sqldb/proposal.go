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

var _ thidua.ProposalService = (*DB)(nil)

const proposalColumns = `p.id, p.unit_id, COALESCE(p.campaign_id, 0), p.kind, p.year, p.title, p.ref_number, p.ref_type, p.ref_issuer,
	p.state, p.reason, p.version, p.created_by, p.created_at, p.updated_at, p.submitted_at, u.name, u.path, COALESCE(c.title, ''),
	COALESCE(pl.to_unit_id, 0), COALESCE(pl.from_proposal_id, 0), COALESCE(tu.name, ''), COALESCE(tu.path, '')`

const proposalFrom = ` FROM proposals p JOIN units u ON u.id = p.unit_id LEFT JOIN campaigns c ON c.id = p.campaign_id
	LEFT JOIN proposal_ladder pl ON pl.proposal_id = p.id LEFT JOIN units tu ON tu.id = pl.to_unit_id`

func scanProposal(s scanner) (*thidua.Proposal, error) {
	var p thidua.Proposal
	var sub nullTime
	if err := s.Scan(&p.ID, &p.UnitID, &p.CampaignID, &p.Kind, &p.Year, &p.Title, &p.Ref.Number, &p.Ref.Type, &p.Ref.Issuer,
		&p.State, &p.Reason, &p.Version, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt, &sub, &p.UnitName, &p.UnitPath, &p.CampaignName,
		&p.ToUnitID, &p.FromProposalID, &p.ToUnitName, &p.ToUnitPath); err != nil {
		return nil, fmt.Errorf("sqldb: scan proposal: %w", err)
	}
	p.SubmittedAt = sub.get()
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

const nomineeColumns = `n.id, n.proposal_id, n.subject, COALESCE(n.person_id, n.unit_id), n.award, n.report_json,
	COALESCE(n.registration_id, 0), n.verdict, n.verdict_json, n.checked_at, n.override, n.confirmed, n.appraisal,
	n.threshold, n.money_vnd, n.passed,
	COALESCE(pp.full_name, nu.name), COALESCE(pu.name, nu.name), COALESCE(pu.path, nu.path), COALESCE(pp.gender, ''), COALESCE(pp.is_leader, FALSE)`

const nomineeFrom = ` FROM nominees n LEFT JOIN people pp ON pp.id = n.person_id LEFT JOIN units pu ON pu.id = pp.unit_id
	LEFT JOIN units nu ON nu.id = n.unit_id`

func findNominees(ctx context.Context, q queryer, where string, args ...any) ([]*thidua.Nominee, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+nomineeColumns+nomineeFrom+` WHERE `+where+` ORDER BY n.proposal_id, n.position, n.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find nominees: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Nominee
	for rows.Next() {
		var n thidua.Nominee
		var report, verdict string
		var checked nullTime
		var passed sql.NullBool
		if err := rows.Scan(&n.ID, &n.ProposalID, &n.Subject, &n.SubjectID, &n.Award, &report, &n.RegistrationID, &n.Verdict,
			&verdict, &checked, &n.Override, &n.Confirmed, &n.Appraisal, &n.Threshold, &n.MoneyVND, &passed,
			&n.Name, &n.UnitName, &n.UnitPath, &n.Gender, &n.IsLeader); err != nil {
			return nil, fmt.Errorf("sqldb: scan nominee: %w", err)
		}
		if err := json.Unmarshal([]byte(report), &n.Report); err != nil {
			return nil, err
		}
		if verdict != "" {
			n.VerdictJSON = json.RawMessage(verdict)
		}
		n.CheckedAt = checked.get()
		if passed.Valid {
			b := passed.Bool
			n.Passed = &b
		}
		out = append(out, &n)
	}
	return out, rows.Err()
}

// proposalWhere is the scope and the filters of f but its state.
func (db *DB) proposalWhere(ctx context.Context, f thidua.ProposalFilter) (*whereClause, error) {
	scope, args, err := levels.ProposalScope(ctx, db.db, thidua.PermViewOrg, nil)
	if err != nil {
		return nil, err
	}
	w := newWhere(scope, args)
	if f.ID != 0 {
		w.add("p.id = ?", f.ID)
	}
	if f.CampaignID != 0 {
		w.add("p.campaign_id = ?", f.CampaignID)
	}
	if len(f.NomineeIDs) > 0 {
		w.addIn("p.id IN (SELECT proposal_id FROM nominees WHERE id IN (?))", f.NomineeIDs)
	}
	return w, nil
}

// FindProposals lists proposals of units in scope, newest first.
func (db *DB) FindProposals(ctx context.Context, f thidua.ProposalFilter) ([]*thidua.Proposal, int, error) {
	w, err := db.proposalWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if f.State != "" {
		w.add("p.state = ?", f.State)
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 500)
	page, pageArgs := w.page(limit, offset)
	rows, err := db.db.QueryContext(ctx, `SELECT `+proposalColumns+proposalFrom+`
		WHERE `+w.sql()+` ORDER BY p.updated_at DESC, p.id DESC
		`+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find proposals: %w", err)
	}
	var out []*thidua.Proposal
	for rows.Next() {
		p, err := scanProposal(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	// Counted apart: a window count reads every proposal for every page.
	total := len(out)
	if offset > 0 || len(out) == limit {
		if err := db.db.QueryRowContext(ctx, `SELECT count(*)`+proposalFrom+` WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqldb: count proposals: %w", err)
		}
	}
	if len(out) == 0 {
		return out, total, nil
	}
	// The page's nominees (or their numbers) in one query, not one per proposal.
	ids, byID := make([]any, len(out)), map[int64]*thidua.Proposal{}
	marks := make([]string, len(out))
	for i, p := range out {
		ids[i], byID[p.ID], marks[i] = p.ID, p, "$"+strconv.Itoa(i+1)
	}
	in := `n.proposal_id IN (` + strings.Join(marks, ", ") + `)`
	if f.CountNominees {
		rows, err := db.db.QueryContext(ctx, `SELECT n.proposal_id, count(*) FROM nominees n WHERE `+in+` GROUP BY n.proposal_id`, ids...)
		if err != nil {
			return nil, 0, fmt.Errorf("sqldb: count nominees: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return nil, 0, err
			}
			byID[id].NomineeCount = n
		}
		return out, total, rows.Err()
	}
	ns, err := findNominees(ctx, db.db, in, ids...)
	if err != nil {
		return nil, 0, err
	}
	for _, n := range ns {
		byID[n.ProposalID].Nominees = append(byID[n.ProposalID].Nominees, n)
	}
	for _, p := range out {
		p.NomineeCount = len(p.Nominees)
	}
	return out, total, nil
}

// CountProposalsByState counts the proposals in scope by state and campaign.
func (db *DB) CountProposalsByState(ctx context.Context, f thidua.ProposalFilter) ([]thidua.ProposalCount, error) {
	w, err := db.proposalWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT p.state, COALESCE(p.campaign_id, 0), count(*)`+proposalFrom+`
		WHERE `+w.sql()+` GROUP BY p.state, COALESCE(p.campaign_id, 0) ORDER BY p.state, COALESCE(p.campaign_id, 0)`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count proposals by state: %w", err)
	}
	defer rows.Close()
	var out []thidua.ProposalCount
	for rows.Next() {
		var c thidua.ProposalCount
		if err := rows.Scan(&c.State, &c.CampaignID, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindProposalByID returns a proposal with its nominees.
func (db *DB) FindProposalByID(ctx context.Context, id int64) (*thidua.Proposal, error) {
	ps, _, err := db.FindProposals(ctx, thidua.ProposalFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound("tờ trình")
	}
	return ps[0], nil
}

func findProposalRaw(ctx context.Context, q queryer, id int64) (*thidua.Proposal, error) {
	p, err := scanProposal(q.QueryRowContext(ctx, `SELECT `+proposalColumns+proposalFrom+` WHERE p.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("tờ trình")
	}
	if err != nil {
		return nil, err
	}
	p.Nominees, err = findNominees(ctx, q, `n.proposal_id = $1`, id)
	p.NomineeCount = len(p.Nominees)
	return p, err
}

// proposalFor loads a proposal in tx; the actor must see it and hold perm on its unit.
func proposalFor(ctx context.Context, tx *Tx, id int64, perm thidua.Permission) (*thidua.Proposal, error) {
	p, err := findProposalRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	// Seen and acted on by the level it is addressed to (package ladder).
	return p, levels.Check(ctx, tx, perm, p)
}

func (tx *Tx) proposalEvent(p *thidua.Proposal, action, from, to, note string) error {
	actor := "Hệ thống"
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		actor = u.DisplayName
	}
	_, err := tx.ExecContext(tx.ctx, `INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.ID, tx.now, actor, action, from, to, note)
	if err != nil {
		return err
	}
	return levels.Mirror(tx.ctx, tx, p.ID, tx.now, actor, action, from, to, note)
}

// checkProposalRefs checks the unit and campaign of a proposal.
func checkProposalRefs(ctx context.Context, tx *Tx, p *thidua.Proposal) error {
	unit, err := findUnitRaw(ctx, tx, p.UnitID)
	if err != nil {
		return fieldErr("unit_id", "Đơn vị đề nghị không tồn tại.")
	}
	if err := requireCovers(ctx, thidua.PermRegister, unit.Path); err != nil {
		return err
	}
	if p.CampaignID != 0 {
		c, err := findCampaignRaw(ctx, tx, p.CampaignID)
		if err != nil || !canSeeCampaign(ctx, c) {
			return fieldErr("campaign_id", "Đợt thi đua không tồn tại.")
		}
		if !strings.HasPrefix(unit.Path, c.ScopePath) {
			return fieldErr("campaign_id", "Đơn vị đề nghị không thuộc phạm vi của đợt thi đua.")
		}
	}
	return nil
}

// CreateProposal stores a new draft proposal.
func (db *DB) CreateProposal(ctx context.Context, p *thidua.Proposal) error {
	p.State = thidua.ProposalDraft
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkProposalRefs(ctx, tx, p); err != nil {
		return err
	}
	if u := thidua.UserFromContext(ctx); u != nil {
		p.CreatedBy = u.ID
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO proposals (unit_id, campaign_id, kind, year, title, ref_number, ref_type, ref_issuer,
		state, version, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $11) RETURNING id`,
		p.UnitID, nullInt(p.CampaignID), p.Kind, p.Year, p.Title, p.Ref.Number, p.Ref.Type, p.Ref.Issuer, p.State, p.CreatedBy, tx.now).Scan(&p.ID); err != nil {
		return fmt.Errorf("sqldb: create proposal: %w", db.dialect.mapError(err))
	}
	if err := tx.proposalEvent(p, "create", "", p.State, ""); err != nil {
		return err
	}
	stored, err := findProposalRaw(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "proposal", p.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *stored
	return nil
}

// UpdateProposal saves an editable proposal's fields.
func (db *DB) UpdateProposal(ctx context.Context, p *thidua.Proposal) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := proposalFor(ctx, tx, p.ID, thidua.PermRegister)
	if err != nil {
		return err
	}
	if !old.Editable() {
		return thidua.Errorf(thidua.EINVALID, "Tờ trình đã gửi, không thể sửa (trạng thái: %s).", thidua.Label(thidua.ProposalStates, old.State))
	}
	if old.Version != p.Version {
		return thidua.ErrStale()
	}
	p.State = old.State
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkProposalRefs(ctx, tx, p); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE proposals SET unit_id = $1, campaign_id = $2, kind = $3, year = $4, title = $5,
		ref_number = $6, ref_type = $7, ref_issuer = $8, version = version + 1, updated_at = $9 WHERE id = $10 AND version = $11`,
		p.UnitID, nullInt(p.CampaignID), p.Kind, p.Year, p.Title, p.Ref.Number, p.Ref.Type, p.Ref.Issuer, tx.now, p.ID, p.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update proposal: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, err := findProposalRaw(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "proposal", p.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *stored
	return nil
}

// SetNominees replaces the nominees of an editable proposal, all or nothing.
func (db *DB) SetNominees(ctx context.Context, proposalID int64, version int, ns []*thidua.Nominee) error {
	var v thidua.Validation
	seen := map[string]bool{}
	for i, n := range ns {
		n.Report.Summary = strings.TrimSpace(n.Report.Summary)
		n.Override = thidua.NormalizeText(n.Override)
		for k, msg := range thidua.ErrorFields(n.Validate()) {
			v.Add(fmt.Sprintf("nominees[%d].%s", i, k), fmt.Sprintf("Dòng %d: %s", i+1, msg))
		}
		key := fmt.Sprintf("%s/%d/%s", n.Subject, n.SubjectID, n.Award)
		if seen[key] {
			v.Add(fmt.Sprintf("nominees[%d].award", i), fmt.Sprintf("Dòng %d: đối tượng này đã được đề nghị cùng hình thức (R-GEN-02).", i+1))
		}
		seen[key] = true
	}
	if len(ns) > 500 {
		v.Add("nominees", "Tối đa 500 đối tượng mỗi tờ trình.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := proposalFor(ctx, tx, proposalID, thidua.PermRegister)
	if err != nil {
		return err
	}
	if !p.Editable() {
		return thidua.Errorf(thidua.EINVALID, "Tờ trình đã gửi, không thể sửa danh sách (trạng thái: %s).", thidua.Label(thidua.ProposalStates, p.State))
	}
	if p.Version != version {
		return thidua.ErrStale()
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM nominees WHERE proposal_id = $1`, proposalID); err != nil {
		return err
	}
	for i, n := range ns {
		var path string
		var personID, unitID any
		if n.Subject == thidua.SubjectPerson {
			_, pp, err := findPersonRaw(ctx, tx, n.SubjectID)
			if err != nil {
				return fieldErr(fmt.Sprintf("nominees[%d].subject_id", i), fmt.Sprintf("Dòng %d: cá nhân không tồn tại.", i+1))
			}
			path, personID = pp, n.SubjectID
		} else {
			u, err := findUnitRaw(ctx, tx, n.SubjectID)
			if err != nil {
				return fieldErr(fmt.Sprintf("nominees[%d].subject_id", i), fmt.Sprintf("Dòng %d: tập thể không tồn tại.", i+1))
			}
			path, unitID = u.Path, n.SubjectID
		}
		if !strings.HasPrefix(path, p.UnitPath) {
			return fieldErr(fmt.Sprintf("nominees[%d].subject_id", i), fmt.Sprintf("Dòng %d: đối tượng không thuộc đơn vị đề nghị.", i+1))
		}
		if n.RegistrationID != 0 {
			var campaignID int64
			if err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM registrations WHERE id = $1`, n.RegistrationID).Scan(&campaignID); err != nil || campaignID != p.CampaignID {
				n.RegistrationID = 0
			}
		}
		report, _ := json.Marshal(n.Report)
		if _, err := tx.ExecContext(ctx, `INSERT INTO nominees (proposal_id, position, subject, person_id, unit_id, award, report_json,
			registration_id, override) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			proposalID, i+1, n.Subject, personID, unitID, n.Award, string(report), nullInt(n.RegistrationID), n.Override); err != nil {
			return fmt.Errorf("sqldb: set nominees: %w", db.dialect.mapError(err))
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET version = version + 1, updated_at = $1 WHERE id = $2`, tx.now, proposalID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "proposal_nominees", proposalID, p.Nominees, ns); err != nil {
		return err
	}
	return tx.Commit()
}

// SubmitProposal judges the nominees with the DB's NomineeJudge (SetJudge)
// from the histories as this transaction reads them, stores the checks and
// submits the proposal.
func (db *DB) SubmitProposal(ctx context.Context, id int64, version int) error {
	if db.judge == nil {
		return fmt.Errorf("sqldb: submit proposal: no nominee judge set (DB.SetJudge)")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := proposalFor(ctx, tx, id, thidua.PermRegister)
	if err != nil {
		return err
	}
	if p.Version != version {
		return thidua.ErrStale()
	}
	t, err := thidua.ProposalNext(p.State, "submit")
	if err != nil {
		return err
	}
	if len(p.Nominees) == 0 {
		return thidua.Errorf(thidua.EINVALID, "Tờ trình chưa có tập thể, cá nhân nào được đề nghị.")
	}
	checks, err := db.judge.JudgeNominees(ctx, txHistories{tx}, p, thidua.DateOf(tx.now))
	if err != nil {
		return err
	}
	if blockers := thidua.SubmitBlockers(p.Nominees, checks); len(blockers) > 0 {
		return &thidua.Error{Code: thidua.EINVALID, Message: strings.Join(blockers, " "), Fields: map[string]string{"nominees": strings.Join(blockers, " ")}}
	}
	for _, n := range p.Nominees {
		c := checks[n.ID]
		if _, err := tx.ExecContext(ctx, `UPDATE nominees SET verdict = $1, verdict_json = $2, checked_at = $3, threshold = $4,
			money_vnd = $5, confirmed = $6, appraisal = '' WHERE id = $7`,
			c.Verdict, string(c.Detail), tx.now, c.Threshold, c.MoneyVND, c.Verdict == thidua.VerdictEligible, n.ID); err != nil {
			return fmt.Errorf("sqldb: store verdict: %w", err)
		}
	}
	if err := transition(ctx, tx, p, t.To, ""); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET submitted_at = $1 WHERE id = $2`, tx.now, id); err != nil {
		return err
	}
	if err := tx.proposalEvent(p, "submit", p.State, t.To, ""); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "proposal", id, map[string]string{"state": p.State}, map[string]any{"state": t.To, "checks": checks}); err != nil {
		return err
	}
	return tx.Commit()
}

func transition(ctx context.Context, tx *Tx, p *thidua.Proposal, to, reason string) error {
	res, err := tx.ExecContext(ctx, `UPDATE proposals SET state = $1, reason = $2, version = version + 1, updated_at = $3
		WHERE id = $4 AND version = $5`, to, reason, tx.now, p.ID, p.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	return nil
}

// TransitionProposal applies an officer's workflow action.
func (db *DB) TransitionProposal(ctx context.Context, id int64, action, note string, version int) error {
	note = thidua.NormalizeText(note)
	if len([]rune(note)) > 2000 {
		return fieldErr("note", "Ghi chú không được dài quá 2000 ký tự.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := proposalFor(ctx, tx, id, thidua.PermManageCampaigns)
	if err != nil {
		return err
	}
	if p.Version != version {
		return thidua.ErrStale()
	}
	t, err := thidua.ProposalNext(p.State, action)
	if err != nil {
		return err
	}
	if t.ByUnit {
		return thidua.Errorf(thidua.EINVALID, "Thao tác này do đơn vị đề nghị thực hiện.")
	}
	reason := ""
	switch action {
	case "return":
		if note == "" {
			return fieldErr("note", "Vui lòng nêu lý do trả lại.")
		}
		reason = note
	case "appraise":
		for _, n := range p.Nominees {
			if n.Verdict == thidua.VerdictReview && n.Appraisal == "" {
				return thidua.Errorf(thidua.EINVALID, "Cần kết luận thẩm định các điều kiện còn mở của %s trước khi hoàn thành thẩm định.", n.Name)
			}
		}
	}
	if err := transition(ctx, tx, p, t.To, reason); err != nil {
		return err
	}
	if err := tx.proposalEvent(p, action, p.State, t.To, note); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "proposal", id, map[string]string{"state": p.State}, map[string]string{"state": t.To, "note": note}); err != nil {
		return err
	}
	return tx.Commit()
}

// ConfirmNominee records the appraisal of a nominee's open conditions.
func (db *DB) ConfirmNominee(ctx context.Context, nomineeID int64, confirmed bool, note string) error {
	note = thidua.NormalizeText(note)
	if note == "" {
		return fieldErr("appraisal", "Vui lòng ghi kết luận thẩm định.")
	}
	if len([]rune(note)) > 2000 {
		return fieldErr("appraisal", "Kết luận không được dài quá 2000 ký tự.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ns, err := findNominees(ctx, tx, `n.id = $1`, nomineeID)
	if err != nil {
		return err
	}
	if len(ns) == 0 {
		return notFound("đối tượng đề nghị")
	}
	p, err := proposalFor(ctx, tx, ns[0].ProposalID, thidua.PermManageCampaigns)
	if err != nil {
		return err
	}
	if p.State != thidua.ProposalReceived {
		return thidua.Errorf(thidua.EINVALID, "Chỉ thẩm định khi tờ trình đã được tiếp nhận.")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE nominees SET confirmed = $1, appraisal = $2 WHERE id = $3`, confirmed, note, nomineeID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET version = version + 1, updated_at = $1 WHERE id = $2`, tx.now, p.ID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "nominee", nomineeID, map[string]any{"confirmed": ns[0].Confirmed, "appraisal": ns[0].Appraisal},
		map[string]any{"confirmed": confirmed, "appraisal": note}); err != nil {
		return err
	}
	return tx.Commit()
}

// ProposalTimeline lists a proposal's steps, oldest first.
func (db *DB) ProposalTimeline(ctx context.Context, id int64) ([]thidua.ProposalEvent, error) {
	if _, err := db.FindProposalByID(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT at, actor, action, from_state, to_state, note FROM proposal_events
		WHERE proposal_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []thidua.ProposalEvent
	for rows.Next() {
		var e thidua.ProposalEvent
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.From, &e.To, &e.Note); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
