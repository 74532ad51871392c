package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"thidua/sqldb/regevents"

	"thidua"
)

const registrationColumns = `r.id, r.campaign_id, r.kind, r.unit_id, COALESCE(r.person_id, 0), r.target_title, r.commitments_json,
	r.state, r.return_reason, r.version, r.created_at, r.updated_at,
	COALESCE(p.full_name, u.name), u.name, u.path, COALESCE(p.is_leader, FALSE), COALESCE(p.gender, '')`

const registrationFrom = ` FROM registrations r JOIN units u ON u.id = r.unit_id LEFT JOIN people p ON p.id = r.person_id`

func scanRegistration(s scanner) (*thidua.Registration, error) {
	var r thidua.Registration
	var commitments string
	if err := s.Scan(&r.ID, &r.CampaignID, &r.Kind, &r.UnitID, &r.PersonID, &r.TargetTitle, &commitments,
		&r.State, &r.ReturnReason, &r.Version, &r.CreatedAt, &r.UpdatedAt,
		&r.Name, &r.UnitName, &r.UnitPath, &r.IsLeader, &r.Gender); err != nil {
		return nil, fmt.Errorf("sqldb: scan registration: %w", err)
	}
	if err := json.Unmarshal([]byte(commitments), &r.Commitments); err != nil {
		return nil, fmt.Errorf("sqldb: registration commitments: %w", err)
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

// FindRegistrations lists the registrations of a visible campaign that the
// actor reads (thidua.User.ParticipationScope), by kind then name.
func (db *DB) FindRegistrations(ctx context.Context, campaignID int64) ([]*thidua.Registration, error) {
	c, err := db.FindCampaignByID(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	s, err := participationScope(ctx, db.db, c)
	if err != nil {
		return nil, err
	}
	cond, args := participationClause(s, "u.path", "r.person_id", []any{campaignID})
	return findRegistrations(ctx, db.db, `r.campaign_id = $1 AND `+cond, args...)
}

// CountRegistrations counts every registration of a visible campaign.
func (db *DB) CountRegistrations(ctx context.Context, campaignID int64) (int, error) {
	if _, err := db.FindCampaignByID(ctx, campaignID); err != nil {
		return 0, err
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM registrations WHERE campaign_id = $1`, campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: count registrations: %w", err)
	}
	return n, nil
}

// participationScope returns what the actor reads of the registrations of
// c (thidua.User.ParticipationScope); the system reads everything.
func participationScope(ctx context.Context, q queryer, c *thidua.Campaign) (thidua.ParticipationScope, error) {
	u, err := actor(ctx)
	if err != nil {
		return thidua.ParticipationScope{}, err
	}
	if u == nil {
		return thidua.ParticipationScope{All: true}, nil
	}
	reviewer := false
	if u.Can(thidua.PermReview) {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM campaign_reviewers WHERE campaign_id = $1 AND user_id = $2`, c.ID, u.ID).Scan(&n); err != nil {
			return thidua.ParticipationScope{}, fmt.Errorf("sqldb: campaign reviewer: %w", err)
		}
		reviewer = n > 0
	}
	return u.ParticipationScope(c, reviewer), nil
}

// participationClause is the SQL form of thidua.ParticipationScope.Includes
// for a registration whose unit path is the column pathCol and whose person
// is personCol, with its args numbered from len(args)+1.
func participationClause(s thidua.ParticipationScope, pathCol, personCol string, args []any) (string, []any) {
	if s.All {
		return "1 = 1", args
	}
	var ors []string
	if s.PersonID != 0 {
		args = append(args, s.PersonID)
		ors = append(ors, fmt.Sprintf("%s = $%d", personCol, len(args)))
	}
	for _, p := range s.Paths {
		args = append(args, p+"%")
		ors = append(ors, fmt.Sprintf("%s LIKE $%d", pathCol, len(args)))
	}
	if len(ors) == 0 {
		return "1 = 0", args
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// readableRegistration loads registration id with its campaign, if the
// actor sees the campaign and reads the registration; notFound otherwise,
// so that a registration outside the actor's scope looks like none.
func readableRegistration(ctx context.Context, q queryer, id int64, what string) (*thidua.Registration, *thidua.Campaign, error) {
	regs, err := findRegistrations(ctx, q, `r.id = $1`, id)
	if err != nil {
		return nil, nil, err
	}
	if len(regs) == 0 {
		return nil, nil, notFound(what)
	}
	c, err := findCampaignRaw(ctx, q, regs[0].CampaignID)
	if err != nil || !canSeeCampaign(ctx, c) {
		return nil, nil, notFound(what)
	}
	s, err := participationScope(ctx, q, c)
	if err != nil {
		return nil, nil, err
	}
	if !s.Includes(regs[0]) {
		return nil, nil, notFound(what)
	}
	return regs[0], c, nil
}

func findRegistrations(ctx context.Context, q queryer, where string, args ...any) ([]*thidua.Registration, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+registrationColumns+registrationFrom+` WHERE `+where+`
		ORDER BY r.kind, u.path, p.sort_key, r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find registrations: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindRegistrationByID returns a registration of a visible campaign that
// the actor reads (thidua.User.ParticipationScope).
func (db *DB) FindRegistrationByID(ctx context.Context, id int64) (*thidua.Registration, error) {
	r, _, err := readableRegistration(ctx, db.db, id, "đăng ký thi đua")
	return r, err
}

// CreateRegistrations registers participants, all or nothing: a unit head or
// officer registers units and people of their scope inside the campaign's scope.
func (db *DB) CreateRegistrations(ctx context.Context, campaignID int64, regs []*thidua.Registration) error {
	if len(regs) == 0 {
		return thidua.Errorf(thidua.EINVALID, "Chưa chọn đơn vị hoặc cá nhân nào để đăng ký.")
	}
	if len(regs) > 5000 {
		return thidua.Errorf(thidua.EINVALID, "Mỗi lần đăng ký tối đa 5000 tập thể, cá nhân.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findCampaignRaw(ctx, tx, campaignID)
	if err != nil || !canSeeCampaign(ctx, c) {
		return notFound("đợt thi đua")
	}
	if err := c.CheckRegistrationOpen(); err != nil {
		return err
	}
	for i, r := range regs {
		r.CampaignID, r.State, r.ReturnReason = campaignID, thidua.RegSubmitted, ""
		r.TargetTitle = thidua.NormalizeText(r.TargetTitle)
		name := ""
		if r.Kind == thidua.ForIndividuals && r.PersonID > 0 {
			p, _, err := findPersonRaw(ctx, tx, r.PersonID)
			if err != nil {
				return fieldErr("person_id", fmt.Sprintf("Dòng %d: cá nhân không tồn tại.", i+1))
			}
			r.UnitID, name = p.UnitID, p.FullName
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if !c.Admits(r.Kind) {
			return fieldErr("kind", fmt.Sprintf("Đợt thi đua này chỉ dành cho %s.", strings.ToLower(thidua.Label(thidua.ParticipantKinds, c.Participants))))
		}
		unit, err := findUnitRaw(ctx, tx, r.UnitID)
		if err != nil {
			return fieldErr("unit_id", fmt.Sprintf("Dòng %d: đơn vị không tồn tại.", i+1))
		}
		if !c.Includes(unit.Path) {
			return fieldErr("unit_id", fmt.Sprintf("“%s” không thuộc phạm vi tham gia của đợt thi đua.", unit.Name))
		}
		if err := requireCovers(ctx, thidua.PermRegister, unit.Path); err != nil {
			return err
		}
		key := "U:" + strconv.FormatInt(r.UnitID, 10)
		if r.Kind == thidua.ForIndividuals {
			key = "P:" + strconv.FormatInt(r.PersonID, 10)
		}
		if r.Commitments == nil {
			r.Commitments = map[string]string{}
		}
		for k, v := range r.Commitments {
			r.Commitments[k] = thidua.NormalizeText(v)
		}
		cj, _ := json.Marshal(r.Commitments)
		err = tx.QueryRowContext(ctx, `INSERT INTO registrations (campaign_id, kind, unit_id, person_id, subject_key, target_title,
			commitments_json, state, return_reason, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', 1, $9, $9) RETURNING id`,
			campaignID, r.Kind, r.UnitID, nullInt(r.PersonID), key, r.TargetTitle, string(cj), r.State, tx.now).Scan(&r.ID)
		if isUniqueViolation(err) {
			if name == "" {
				name = unit.Name
			}
			return thidua.Errorf(thidua.ECONFLICT, "“%s” đã đăng ký tham gia đợt thi đua này.", name)
		}
		if err != nil {
			return fmt.Errorf("sqldb: create registration: %w", db.dialect.mapError(err))
		}
		if err := tx.audit(thidua.ActionCreate, "registration", r.ID, nil, r); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ReviewRegistration approves or returns a registration (with a reason).
func (db *DB) ReviewRegistration(ctx context.Context, id int64, approve bool, reason string, version int) error {
	reason = thidua.NormalizeText(reason)
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	regs, err := findRegistrations(ctx, tx, `r.id = $1`, id)
	if err != nil {
		return err
	}
	if len(regs) == 0 {
		return notFound("đăng ký thi đua")
	}
	old := regs[0]
	c, err := campaignForManage(ctx, tx, old.CampaignID)
	if err != nil {
		return err
	}
	if c.State == thidua.CampaignClosed {
		return thidua.Errorf(thidua.EINVALID, "Đợt thi đua đã tổng kết.")
	}
	if old.Version != version {
		return thidua.ErrStale()
	}
	state, reason, err := thidua.ReviewOutcome(approve, reason)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE registrations SET state = $1, return_reason = $2, version = version + 1, updated_at = $3
		WHERE id = $4 AND version = $5`, state, reason, tx.now, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	if err := tx.audit(thidua.ActionUpdate, "registration", id,
		map[string]string{"state": old.State}, map[string]string{"state": state, "return_reason": reason}); err != nil {
		return err
	}
	if err := regevents.Add(ctx, tx, id, tx.now, tx.actorName(), state, reason); err != nil {
		return err
	}
	return tx.Commit()
}

// actorName names who acts in tx for histories: the user's display name,
// or "Hệ thống".
func (tx *Tx) actorName() string {
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		return u.DisplayName
	}
	return "Hệ thống"
}

// ResubmitRegistration sends a returned registration again with its
// target title and commitments as fixed (thidua.CheckResubmit): it waits
// for review again, the reason of the return kept in its history.
func (db *DB) ResubmitRegistration(ctx context.Context, id int64, version int, target string, commitments map[string]string) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, c, err := registrationForWrite(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := thidua.CheckResubmit(thidua.UserFromContext(ctx), c, r); err != nil {
		return err
	}
	if r.Version != version {
		return thidua.ErrStale()
	}
	fixed := *r
	fixed.TargetTitle, fixed.Commitments, fixed.State, fixed.ReturnReason = thidua.NormalizeText(target), map[string]string{}, thidua.RegSubmitted, ""
	for k, v := range commitments {
		if v = strings.TrimSpace(normalizeLines(v)); v != "" {
			fixed.Commitments[k] = v
		}
	}
	if err := fixed.Validate(); err != nil {
		return err
	}
	cj, _ := json.Marshal(fixed.Commitments)
	res, err := tx.ExecContext(ctx, `UPDATE registrations SET target_title = $1, commitments_json = $2, state = $3, return_reason = '',
		version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6`, fixed.TargetTitle, string(cj), fixed.State, tx.now, id, version)
	if err != nil {
		return fmt.Errorf("sqldb: resubmit registration: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	if err := tx.audit(thidua.ActionUpdate, "registration", id, r, &fixed); err != nil {
		return err
	}
	if err := regevents.Add(ctx, tx, id, tx.now, tx.actorName(), thidua.RegSubmitted, ""); err != nil {
		return err
	}
	return tx.Commit()
}

// normalizeLines normalizes each line of a multi-line text.
func normalizeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = thidua.NormalizeText(l)
	}
	return strings.Join(lines, "\n")
}

// FindRegistrationEvents returns the review history of a registration the
// actor reads: every return with its reason, every sending again, the
// approval.
func (db *DB) FindRegistrationEvents(ctx context.Context, id int64) ([]thidua.RegistrationEvent, error) {
	if _, _, err := readableRegistration(ctx, db.db, id, "đăng ký thi đua"); err != nil {
		return nil, err
	}
	return regevents.Find(ctx, db.db, id)
}

// ChangeAttachment replaces (with, when not nil: its file already stored)
// or removes an attachment of a registration's evidence, when the actor may
// change the evidence (thidua.CheckAddEvidence). It returns the storage key
// of the file no longer used, for the caller to delete after the commit.
func (db *DB) ChangeAttachment(ctx context.Context, id int64, with *thidua.Attachment) (string, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	old, r, c, err := findAttachment(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if err := thidua.CheckAddEvidence(thidua.UserFromContext(ctx), c, r); err != nil {
		return "", err
	}
	if with == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM attachments WHERE id = $1`, id)
	} else {
		with.ID, with.EvidenceID = id, old.EvidenceID
		_, err = tx.ExecContext(ctx, `UPDATE attachments SET name = $1, content_type = $2, size = $3, storage_key = $4 WHERE id = $5`,
			with.Name, with.ContentType, with.Size, with.Key, id)
	}
	if err != nil {
		return "", fmt.Errorf("sqldb: change attachment: %w", err)
	}
	action := thidua.ActionDelete
	if with != nil {
		action = thidua.ActionUpdate
	}
	if err := tx.audit(action, "attachment", id, old, with); err != nil {
		return "", err
	}
	return old.Key, tx.Commit()
}

func registrationForWrite(ctx context.Context, tx *Tx, id int64) (*thidua.Registration, *thidua.Campaign, error) {
	return readableRegistration(ctx, tx, id, "đăng ký thi đua")
}

// AddEvidence stores evidence and its (already stored) attachments' metadata.
func (db *DB) AddEvidence(ctx context.Context, e *thidua.Evidence) error {
	if err := e.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, c, err := registrationForWrite(ctx, tx, e.RegistrationID)
	if err != nil {
		return err
	}
	// registrationForWrite lets only a user or the system context through.
	if err := thidua.CheckAddEvidence(thidua.UserFromContext(ctx), c, r); err != nil {
		return err
	}
	var appliesTo string
	err = tx.QueryRowContext(ctx, `SELECT applies_to FROM criteria WHERE id = $1 AND campaign_id = $2`, e.CriterionID, c.ID).Scan(&appliesTo)
	if isNoRows(err) {
		return fieldErr("criterion_id", "Tiêu chí không thuộc đợt thi đua này.")
	}
	if err != nil {
		return err
	}
	if appliesTo != thidua.ForBoth && appliesTo != r.Kind {
		return fieldErr("criterion_id", "Tiêu chí này không áp dụng cho "+strings.ToLower(thidua.Label(thidua.ParticipantKinds, r.Kind))+".")
	}
	if u := thidua.UserFromContext(ctx); u != nil {
		e.CreatedBy = u.ID
	}
	e.CreatedAt = tx.now
	var figure any
	if e.Figure != nil {
		figure = *e.Figure
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO evidence (registration_id, criterion_id, text, figure, date, link, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		e.RegistrationID, e.CriterionID, e.Text, figure, nullDate(e.Date), e.Link, e.CreatedBy, tx.now).Scan(&e.ID); err != nil {
		return fmt.Errorf("sqldb: add evidence: %w", db.dialect.mapError(err))
	}
	for i := range e.Attachments {
		a := &e.Attachments[i]
		a.EvidenceID = e.ID
		if err := tx.QueryRowContext(ctx, `INSERT INTO attachments (evidence_id, name, content_type, size, storage_key, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, e.ID, a.Name, a.ContentType, a.Size, a.Key, tx.now).Scan(&a.ID); err != nil {
			return fmt.Errorf("sqldb: add attachment: %w", err)
		}
	}
	if err := tx.audit(thidua.ActionCreate, "evidence", e.ID, nil, e); err != nil {
		return err
	}
	return tx.Commit()
}

// FindEvidence lists a registration's evidence with attachments.
func (db *DB) FindEvidence(ctx context.Context, registrationID int64) ([]*thidua.Evidence, error) {
	if _, err := db.FindRegistrationByID(ctx, registrationID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, registration_id, criterion_id, text, figure, date, link, created_by, created_at
		FROM evidence WHERE registration_id = $1 ORDER BY criterion_id, id`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find evidence: %w", err)
	}
	var out []*thidua.Evidence
	byID := map[int64]*thidua.Evidence{}
	for rows.Next() {
		var e thidua.Evidence
		var fig sql.NullFloat64
		var date sql.NullString
		if err := rows.Scan(&e.ID, &e.RegistrationID, &e.CriterionID, &e.Text, &fig, &date, &e.Link, &e.CreatedBy, &e.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		if fig.Valid {
			e.Figure = &fig.Float64
		}
		e.Date = scanDate(date)
		e.CreatedAt = e.CreatedAt.UTC()
		e.Attachments = []thidua.Attachment{}
		out = append(out, &e)
		byID[e.ID] = &e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	arows, err := db.db.QueryContext(ctx, `SELECT a.id, a.evidence_id, a.name, a.content_type, a.size, a.storage_key
		FROM attachments a JOIN evidence e ON e.id = a.evidence_id WHERE e.registration_id = $1 ORDER BY a.id`, registrationID)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var a thidua.Attachment
		if err := arows.Scan(&a.ID, &a.EvidenceID, &a.Name, &a.ContentType, &a.Size, &a.Key); err != nil {
			return nil, err
		}
		if e := byID[a.EvidenceID]; e != nil {
			e.Attachments = append(e.Attachments, a)
		}
	}
	return out, arows.Err()
}

// FindAttachment returns an attachment and its registration if the actor
// reads the registration (thidua.User.ParticipationScope), the same rule as
// for the registration and its evidence; notFound otherwise.
func (db *DB) FindAttachment(ctx context.Context, id int64) (*thidua.Attachment, *thidua.Registration, error) {
	a, r, _, err := findAttachment(ctx, db.db, id)
	return a, r, err
}

// findAttachment loads an attachment with its registration and campaign,
// when the actor reads the registration; notFound otherwise.
func findAttachment(ctx context.Context, q queryer, id int64) (*thidua.Attachment, *thidua.Registration, *thidua.Campaign, error) {
	var a thidua.Attachment
	var regID int64
	err := q.QueryRowContext(ctx, `SELECT a.id, a.evidence_id, a.name, a.content_type, a.size, a.storage_key, e.registration_id
		FROM attachments a JOIN evidence e ON e.id = a.evidence_id WHERE a.id = $1`, id).
		Scan(&a.ID, &a.EvidenceID, &a.Name, &a.ContentType, &a.Size, &a.Key, &regID)
	if isNoRows(err) {
		return nil, nil, nil, notFound("tệp đính kèm")
	}
	if err != nil {
		return nil, nil, nil, err
	}
	r, c, err := readableRegistration(ctx, q, regID, "tệp đính kèm")
	return &a, r, c, err
}

// FindScores lists the scores of the registrations of a visible campaign
// that the actor reads (thidua.User.ParticipationScope), with the scorer's
// unit path for conflict-of-interest checks.
func (db *DB) FindScores(ctx context.Context, campaignID int64) ([]thidua.Score, error) {
	c, err := db.FindCampaignByID(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	s, err := participationScope(ctx, db.db, c)
	if err != nil {
		return nil, err
	}
	cond, args := participationClause(s, "ru.path", "r.person_id", []any{campaignID})
	return findScores(ctx, db.db, `r.campaign_id = $1 AND `+cond, args...)
}

// FindCampaignResults computes the ranking of a visible campaign over all
// its registrations (thidua.ComputeResults) and returns its criteria and
// the rows the actor sees (thidua.VisibleResults): the registrations the
// actor reads, and the names, totals and ranks of the others when the
// ranking is published.
func (db *DB) FindCampaignResults(ctx context.Context, campaignID int64) ([]*thidua.Criterion, []*thidua.Result, error) {
	c, err := db.FindCampaignByID(ctx, campaignID)
	if err != nil {
		return nil, nil, err
	}
	s, err := participationScope(ctx, db.db, c)
	if err != nil {
		return nil, nil, err
	}
	crit, err := findCriteria(ctx, db.db, c.ID)
	if err != nil {
		return nil, nil, err
	}
	regs, err := findRegistrations(ctx, db.db, `r.campaign_id = $1`, c.ID)
	if err != nil {
		return nil, nil, err
	}
	scores, err := findScores(ctx, db.db, `r.campaign_id = $1`, c.ID)
	if err != nil {
		return nil, nil, err
	}
	return crit, thidua.VisibleResults(c, s, thidua.ComputeResults(c, crit, regs, scores)), nil
}

func findScores(ctx context.Context, q queryer, where string, args ...any) ([]thidua.Score, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.registration_id, s.criterion_id, s.kind, s.scorer_id, us.display_name,
		COALESCE(pu.path, ''), COALESCE(us.person_id, 0), s.value, s.comment, s.version, s.updated_at
		FROM scores s JOIN registrations r ON r.id = s.registration_id JOIN units ru ON ru.id = r.unit_id
		JOIN users us ON us.id = s.scorer_id
		LEFT JOIN people pp ON pp.id = us.person_id LEFT JOIN units pu ON pu.id = pp.unit_id
		WHERE `+where+` ORDER BY s.registration_id, s.criterion_id, s.kind, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find scores: %w", err)
	}
	defer rows.Close()
	var out []thidua.Score
	for rows.Next() {
		var s thidua.Score
		if err := rows.Scan(&s.ID, &s.RegistrationID, &s.CriterionID, &s.Kind, &s.ScorerID, &s.ScorerName,
			&s.ScorerUnitPath, &s.ScorerPersonID, &s.Value, &s.Comment, &s.Version, &s.UpdatedAt); err != nil {
			return nil, err
		}
		s.UpdatedAt = s.UpdatedAt.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveScores saves the scores as SaveScore does, all or nothing: a
// reviewer's scores of every criterion of a registration in one form.
func (db *DB) SaveScores(ctx context.Context, ss []*thidua.Score) error {
	return db.InTx(ctx, func(s *DB) error {
		for _, sc := range ss {
			if err := s.SaveScore(ctx, sc); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveScore records the actor's score of kind SELF, HEAD or COUNCIL. Who may
// score which kind, and when, is thidua.CheckScore.
//
// Version 0 creates the score; otherwise it must match the stored version.
func (db *DB) SaveScore(ctx context.Context, s *thidua.Score) error {
	u := thidua.UserFromContext(ctx)
	if u == nil {
		return thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	s.Comment = thidua.NormalizeText(s.Comment)
	if len([]rune(s.Comment)) > 2000 {
		return fieldErr("comment", "Nhận xét không được dài quá 2000 ký tự.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, c, err := registrationForWrite(ctx, tx, s.RegistrationID)
	if err != nil {
		return err
	}
	// A returned registration's self-assessment is fixed with it (CheckScore).
	if err := r.CheckScorable(); err != nil && !(s.Kind == thidua.ScoreSelf && r.State == thidua.RegReturned) {
		return err
	}
	var cr *thidua.Criterion
	criteria, err := findCriteria(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	for _, x := range criteria {
		if x.ID == s.CriterionID {
			cr = x
		}
	}
	if cr == nil || !cr.Applies(r.Kind) {
		return fieldErr("criterion_id", "Tiêu chí không áp dụng cho đăng ký này.")
	}
	if err := thidua.ValidateScore(s.Value, cr.MaxScore); err != nil {
		return err
	}
	reviewer := false
	if s.Kind == thidua.ScoreCouncil {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaign_reviewers WHERE campaign_id = $1 AND user_id = $2`, c.ID, u.ID).Scan(&n); err != nil {
			return err
		}
		reviewer = n > 0
	}
	if err := thidua.CheckScore(u, c, r, s.Kind, reviewer); err != nil {
		return err
	}
	s.ScorerID = u.ID
	// There is one self-assessment per criterion, whoever enters it for the
	// participant; reviewer scores are one per reviewer.
	var old []thidua.Score
	if s.Kind == thidua.ScoreSelf {
		old, err = findScores(ctx, tx, `s.registration_id = $1 AND s.criterion_id = $2 AND s.kind = $3`,
			s.RegistrationID, s.CriterionID, s.Kind)
	} else {
		old, err = findScores(ctx, tx, `s.registration_id = $1 AND s.criterion_id = $2 AND s.kind = $3 AND s.scorer_id = $4`,
			s.RegistrationID, s.CriterionID, s.Kind, u.ID)
	}
	if err != nil {
		return err
	}
	if len(old) == 0 {
		if s.Version != 0 {
			return thidua.ErrStale()
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO scores (registration_id, criterion_id, kind, scorer_id, value, comment, version, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id`, s.RegistrationID, s.CriterionID, s.Kind, u.ID, s.Value, s.Comment, tx.now).Scan(&s.ID)
		if isUniqueViolation(err) {
			return thidua.ErrStale()
		}
		if err != nil {
			return fmt.Errorf("sqldb: save score: %w", err)
		}
		s.Version = 1
	} else {
		if old[0].Version != s.Version {
			return thidua.ErrStale()
		}
		res, err := tx.ExecContext(ctx, `UPDATE scores SET value = $1, comment = $2, scorer_id = $3, version = version + 1, updated_at = $4
			WHERE id = $5 AND version = $6`, s.Value, s.Comment, u.ID, tx.now, old[0].ID, s.Version)
		if err != nil {
			return fmt.Errorf("sqldb: save score: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return thidua.ErrStale()
		}
		s.ID, s.Version = old[0].ID, s.Version+1
	}
	s.UpdatedAt = tx.now
	var before any
	if len(old) > 0 {
		before = old[0]
	}
	if err := tx.audit(thidua.ActionUpdate, "score", s.ID, before, s); err != nil {
		return err
	}
	return tx.Commit()
}

// FindReviewers lists the council members assigned to a campaign.
func (db *DB) FindReviewers(ctx context.Context, campaignID int64) ([]*thidua.User, error) {
	if _, err := db.FindCampaignByID(ctx, campaignID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+userColumns+` FROM campaign_reviewers cr JOIN users u ON u.id = cr.user_id
		LEFT JOIN people pp ON pp.id = u.person_id WHERE cr.campaign_id = $1 ORDER BY u.username`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*thidua.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		u.PasswordHash = ""
		out = append(out, u)
	}
	return out, rows.Err()
}

// FindCouncilMembers lists council members who may review a campaign.
func (db *DB) FindCouncilMembers(ctx context.Context, campaignID int64) ([]*thidua.User, error) {
	c, err := db.FindCampaignByID(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT `+userColumns+` FROM users u
		JOIN grants g ON g.user_id = u.id AND g.role = 'COUNCIL' JOIN units gu ON gu.id = g.unit_id
		LEFT JOIN people pp ON pp.id = u.person_id
		WHERE u.disabled = FALSE AND (gu.path LIKE $1 OR $2 LIKE gu.path || '%' OR $3 LIKE gu.path || '%')
		ORDER BY u.username`, c.ScopePath+"%", c.ScopePath, c.UnitPath)
	if err != nil {
		return nil, fmt.Errorf("sqldb: council members: %w", err)
	}
	defer rows.Close()
	var out []*thidua.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		u.PasswordHash = ""
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetReviewers replaces the reviewers of a campaign; each must hold the
// council role.
func (db *DB) SetReviewers(ctx context.Context, campaignID int64, userIDs []int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := campaignForManage(ctx, tx, campaignID)
	if err != nil {
		return err
	}
	if c.State == thidua.CampaignClosed {
		return thidua.Errorf(thidua.EINVALID, "Đợt thi đua đã tổng kết.")
	}
	var before []int64
	rows, err := tx.QueryContext(ctx, `SELECT user_id FROM campaign_reviewers WHERE campaign_id = $1 ORDER BY user_id`, campaignID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		before = append(before, id)
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_reviewers WHERE campaign_id = $1`, campaignID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, id := range userIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		u, err := findUserRaw(ctx, tx, "u.id = $1", id)
		if err != nil {
			return fieldErr("reviewers", "Tài khoản được phân công không tồn tại.")
		}
		if !u.HasRole(thidua.RoleCouncil) {
			return fieldErr("reviewers", fmt.Sprintf("“%s” không phải thành viên Hội đồng thi đua – khen thưởng.", u.DisplayName))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_reviewers (campaign_id, user_id) VALUES ($1, $2)`, campaignID, id); err != nil {
			return err
		}
	}
	if err := tx.audit(thidua.ActionUpdate, "campaign_reviewers", campaignID, before, userIDs); err != nil {
		return err
	}
	return tx.Commit()
}

// Progress counts registrations, evidence and scores per participating
// unit, over the registrations the actor reads
// (thidua.User.ParticipationScope).
func (db *DB) Progress(ctx context.Context, campaignID int64) ([]thidua.CampaignProgress, error) {
	c, err := db.FindCampaignByID(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	s, err := participationScope(ctx, db.db, c)
	if err != nil {
		return nil, err
	}
	cond, args := participationClause(s, "u.path", "r.person_id", []any{campaignID})
	rows, err := db.db.QueryContext(ctx, `SELECT u.id, u.name, count(*),
		SUM(CASE WHEN r.state = 'APPROVED' THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id) THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind <> 'SELF') THEN 1 ELSE 0 END)
		FROM registrations r JOIN units u ON u.id = r.unit_id
		WHERE r.campaign_id = $1 AND `+cond+` GROUP BY u.id, u.name, u.path ORDER BY u.path`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: progress: %w", err)
	}
	defer rows.Close()
	var out []thidua.CampaignProgress
	for rows.Next() {
		var p thidua.CampaignProgress
		if err := rows.Scan(&p.UnitID, &p.UnitName, &p.Registered, &p.Approved, &p.WithEvidence, &p.Scored); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
