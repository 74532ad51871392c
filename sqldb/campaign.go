package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"thidua"
)

var _ thidua.CampaignService = (*DB)(nil)

const campaignColumns = `c.id, c.title, c.form, c.kind, c.unit_id, c.plan_number, c.plan_type, c.plan_issuer, c.plan_date,
	c.signer, c.signer_post, c.start_date, c.end_date, c.objectives, c.scope_unit_id, c.participants, c.awards_json,
	c.aggregation, c.exclude_conflicts, c.publish_ranking, c.state, c.version, c.created_at, c.updated_at,
	cu.name, cu.path, su.name, su.path`

const campaignFrom = ` FROM campaigns c JOIN units cu ON cu.id = c.unit_id JOIN units su ON su.id = c.scope_unit_id`

func scanCampaign(s scanner, extra ...any) (*thidua.Campaign, error) {
	var c thidua.Campaign
	var planDate sql.NullString
	var start, end, awards string
	dest := append([]any{&c.ID, &c.Title, &c.Form, &c.Kind, &c.UnitID, &c.Plan.Number, &c.Plan.Type, &c.Plan.Issuer, &planDate,
		&c.Signer, &c.SignerPost, &start, &end, &c.Objectives, &c.ScopeUnitID, &c.Participants, &awards,
		&c.Aggregation, &c.ExcludeConflicts, &c.PublishRanking, &c.State, &c.Version, &c.CreatedAt, &c.UpdatedAt,
		&c.UnitName, &c.UnitPath, &c.ScopeUnitName, &c.ScopePath}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, fmt.Errorf("sqldb: scan campaign: %w", err)
	}
	c.PlanDate = scanDate(planDate)
	c.StartDate = scanDate(sql.NullString{String: start, Valid: true})
	c.EndDate = scanDate(sql.NullString{String: end, Valid: true})
	if err := json.Unmarshal([]byte(awards), &c.Awards); err != nil {
		return nil, fmt.Errorf("sqldb: campaign awards: %w", err)
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// campaignScope limits campaigns to those the user can see: the SQL form of
// thidua.CampaignScope.Includes, one OR term per path of the user's scope
// with the three conditions of thidua.CampaignRelated, in their order.
func campaignScope(ctx context.Context, args []any) (string, []any, error) {
	u, err := actor(ctx)
	if err != nil {
		return "", nil, err
	}
	s := u.CampaignScope()
	if s.All {
		return "1 = 1", args, nil
	}
	if len(s.Paths) == 0 {
		return "1 = 0", args, nil
	}
	var ors []string
	for _, p := range s.Paths {
		args = append(args, p+"%", p)
		n := len(args)
		// cu.path starts with p, su.path starts with p, p starts with su.path.
		ors = append(ors, fmt.Sprintf("cu.path LIKE $%d OR su.path LIKE $%d OR $%d LIKE su.path || '%%'", n-1, n-1, n))
	}
	return "(" + strings.Join(ors, " OR ") + ")", args, nil
}

// FindCampaignByID returns a visible campaign.
func (db *DB) FindCampaignByID(ctx context.Context, id int64) (*thidua.Campaign, error) {
	cs, _, err := db.FindCampaigns(ctx, thidua.CampaignFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, notFound("đợt thi đua")
	}
	return cs[0], nil
}

// FindCampaigns lists visible campaigns, newest start first.
func (db *DB) FindCampaigns(ctx context.Context, f thidua.CampaignFilter) ([]*thidua.Campaign, int, error) {
	scope, args, err := campaignScope(ctx, nil)
	if err != nil {
		return nil, 0, err
	}
	w := newWhere(scope, args)
	if f.ID != 0 {
		w.add("c.id = ?", f.ID)
	}
	if f.State != "" {
		w.add("c.state = ?", f.State)
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("c.title_fold LIKE ?", "%"+word+"%")
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 500)
	page, pageArgs := w.page(limit, offset)
	rows, err := db.db.QueryContext(ctx, `SELECT `+campaignColumns+`, COUNT(*) OVER ()`+campaignFrom+`
		WHERE `+w.sql()+`
		ORDER BY c.start_date DESC, c.id DESC `+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find campaigns: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Campaign
	total := 0
	for rows.Next() {
		c, err := scanCampaign(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(out) == 0 && offset > 0 {
		if err := db.db.QueryRowContext(ctx, `SELECT count(*)`+campaignFrom+` WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

func findCampaignRaw(ctx context.Context, q queryer, id int64) (*thidua.Campaign, error) {
	c, err := scanCampaign(q.QueryRowContext(ctx, `SELECT `+campaignColumns+campaignFrom+` WHERE c.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("đợt thi đua")
	}
	return c, err
}

// campaignForManage loads a campaign in tx and checks that the actor may manage it.
func campaignForManage(ctx context.Context, tx *Tx, id int64) (*thidua.Campaign, error) {
	c, err := findCampaignRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !canSeeCampaign(ctx, c) {
		return nil, notFound("đợt thi đua")
	}
	if err := requireCovers(ctx, thidua.PermManageCampaigns, c.UnitPath); err != nil {
		return nil, err
	}
	return c, nil
}

// canSeeCampaign reports whether the actor sees c (thidua.Campaign.VisibleTo);
// without a user only the system context sees campaigns.
func canSeeCampaign(ctx context.Context, c *thidua.Campaign) bool {
	u := thidua.UserFromContext(ctx)
	if u == nil && !thidua.IsSystemContext(ctx) {
		return false
	}
	return c.VisibleTo(u)
}

// checkCampaignUnits checks the launching and scope units: they exist, the
// actor may manage campaigns of the launching unit, and the scope lies
// within the launching unit's subtree.
func checkCampaignUnits(ctx context.Context, tx *Tx, c *thidua.Campaign) error {
	unit, err := findUnitRaw(ctx, tx, c.UnitID)
	if err != nil {
		return fieldErr("unit_id", "Đơn vị phát động không tồn tại.")
	}
	if err := requireCovers(ctx, thidua.PermManageCampaigns, unit.Path); err != nil {
		return err
	}
	scope, err := findUnitRaw(ctx, tx, c.ScopeUnitID)
	if err != nil {
		return fieldErr("scope_unit_id", "Đơn vị tham gia không tồn tại.")
	}
	if !strings.HasPrefix(scope.Path, unit.Path) {
		return fieldErr("scope_unit_id", "Phạm vi tham gia phải là đơn vị phát động hoặc đơn vị trực thuộc của nó.")
	}
	return nil
}

func awardsJSON(c *thidua.Campaign) string {
	if c.Awards == nil {
		c.Awards = []thidua.PlannedAward{}
	}
	b, _ := json.Marshal(c.Awards)
	return string(b)
}

// CreateCampaign stores a new draft campaign.
func (db *DB) CreateCampaign(ctx context.Context, c *thidua.Campaign) error {
	c.State = thidua.CampaignDraft
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkCampaignUnits(ctx, tx, c); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO campaigns (title, title_fold, form, kind, unit_id, plan_number, plan_type, plan_issuer, plan_date,
			signer, signer_post, start_date, end_date, objectives, scope_unit_id, participants, awards_json,
			aggregation, exclude_conflicts, publish_ranking, state, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1, $22, $22)
		RETURNING id`,
		c.Title, thidua.Fold(c.Title+" "+c.Plan.String()), c.Form, c.Kind, c.UnitID, c.Plan.Number, c.Plan.Type, c.Plan.Issuer,
		nullDate(c.PlanDate), c.Signer, c.SignerPost, c.StartDate.ISO(), c.EndDate.ISO(), c.Objectives, c.ScopeUnitID,
		c.Participants, awardsJSON(c), c.Aggregation, c.ExcludeConflicts, c.PublishRanking, c.State, tx.now).Scan(&c.ID); err != nil {
		return fmt.Errorf("sqldb: create campaign: %w", db.dialect.mapError(err))
	}
	stored, err := findCampaignRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "campaign", c.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *stored
	return nil
}

// UpdateCampaign saves the campaign's fields (not its state). A closed
// campaign changes only whether its ranking is published.
func (db *DB) UpdateCampaign(ctx context.Context, c *thidua.Campaign) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := campaignForManage(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if old.State == thidua.CampaignClosed {
		if err := old.CheckClosedEdit(c); err != nil {
			return err
		}
	}
	c.State = old.State
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if old.Version != c.Version {
		return thidua.ErrStale()
	}
	if err := checkCampaignUnits(ctx, tx, c); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE campaigns SET title = $1, title_fold = $2, form = $3, kind = $4, unit_id = $5, plan_number = $6,
			plan_type = $7, plan_issuer = $8, plan_date = $9, signer = $10, signer_post = $11, start_date = $12,
			end_date = $13, objectives = $14, scope_unit_id = $15, participants = $16, awards_json = $17,
			aggregation = $18, exclude_conflicts = $19, publish_ranking = $20, version = version + 1, updated_at = $21
		WHERE id = $22 AND version = $23`,
		c.Title, thidua.Fold(c.Title+" "+c.Plan.String()), c.Form, c.Kind, c.UnitID, c.Plan.Number, c.Plan.Type, c.Plan.Issuer,
		nullDate(c.PlanDate), c.Signer, c.SignerPost, c.StartDate.ISO(), c.EndDate.ISO(), c.Objectives, c.ScopeUnitID,
		c.Participants, awardsJSON(c), c.Aggregation, c.ExcludeConflicts, c.PublishRanking, tx.now, c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update campaign: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, err := findCampaignRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "campaign", c.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *stored
	return nil
}

// TransitionCampaign applies a state-machine action.
func (db *DB) TransitionCampaign(ctx context.Context, id int64, action string, version int) (*thidua.Campaign, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := campaignForManage(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if old.Version != version {
		return nil, thidua.ErrStale()
	}
	var criteria int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM criteria WHERE campaign_id = $1`, id).Scan(&criteria); err != nil {
		return nil, err
	}
	next, err := thidua.NextCampaignState(old, action, criteria)
	if err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE campaigns SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`,
		next, tx.now, id, version)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, thidua.ErrStale()
	}
	stored, err := findCampaignRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.audit(thidua.ActionUpdate, "campaign", id, map[string]string{"state": old.State}, map[string]string{"state": next, "action": action}); err != nil {
		return nil, err
	}
	return stored, tx.Commit()
}

// CopyCampaign copies a campaign and its criteria into a new draft whose
// dates are shifted by one year, as a template for the next year.
func (db *DB) CopyCampaign(ctx context.Context, id int64) (*thidua.Campaign, error) {
	src, err := db.FindCampaignByID(ctx, id)
	if err != nil {
		return nil, err
	}
	criteria, err := db.FindCriteria(ctx, id)
	if err != nil {
		return nil, err
	}
	c := *src
	c.ID, c.Version = 0, 0
	c.Title = strings.TrimSpace(c.Title + " (bản sao)")
	if len([]rune(c.Title)) > 500 {
		c.Title = string([]rune(c.Title)[:500])
	}
	shift := func(d thidua.Date) thidua.Date {
		if d.IsZero() {
			return d
		}
		t := d.Time().AddDate(1, 0, 0)
		return thidua.NewDate(t.Year(), t.Month(), t.Day())
	}
	c.StartDate, c.EndDate, c.PlanDate = shift(c.StartDate), shift(c.EndDate), thidua.Date{}
	c.Plan = thidua.DocRef{}
	if err := db.CreateCampaign(ctx, &c); err != nil {
		return nil, err
	}
	for _, cr := range criteria {
		cr.ID, cr.CampaignID = 0, c.ID
	}
	if err := db.SaveCriteria(ctx, c.ID, c.Version, criteria); err != nil {
		// Leave no half-made copy behind.
		if derr := db.DeleteCampaign(ctx, c.ID); derr != nil {
			return nil, fmt.Errorf("sqldb: copy campaign: %w (and removing the draft: %v)", err, derr)
		}
		return nil, err
	}
	return db.FindCampaignByID(ctx, c.ID)
}

// DeleteCampaign removes a draft campaign.
func (db *DB) DeleteCampaign(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := campaignForManage(ctx, tx, id)
	if err != nil {
		return err
	}
	if old.State != thidua.CampaignDraft {
		return thidua.Errorf(thidua.ECONFLICT, "Chỉ xóa được đợt thi đua ở trạng thái dự thảo.")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM campaigns WHERE id = $1`, id); err != nil {
		return fmt.Errorf("sqldb: delete campaign: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionDelete, "campaign", id, old, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// FindCriteria lists a visible campaign's criteria in order.
func (db *DB) FindCriteria(ctx context.Context, campaignID int64) ([]*thidua.Criterion, error) {
	if _, err := db.FindCampaignByID(ctx, campaignID); err != nil {
		return nil, err
	}
	return findCriteria(ctx, db.db, campaignID)
}

func findCriteria(ctx context.Context, q queryer, campaignID int64) ([]*thidua.Criterion, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, campaign_id, position, code, title, description, applies_to, max_score, weight, evidence
		FROM criteria WHERE campaign_id = $1 ORDER BY position, id`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find criteria: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Criterion
	for rows.Next() {
		var c thidua.Criterion
		if err := rows.Scan(&c.ID, &c.CampaignID, &c.Position, &c.Code, &c.Title, &c.Description, &c.AppliesTo, &c.MaxScore, &c.Weight, &c.Evidence); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// SaveCriteria replaces a campaign's criteria, all or nothing. Criteria are
// frozen once a registration exists; existing IDs are kept so scores stay linked.
func (db *DB) SaveCriteria(ctx context.Context, campaignID int64, version int, cs []*thidua.Criterion) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := campaignForManage(ctx, tx, campaignID)
	if err != nil {
		return err
	}
	if c.Version != version {
		return thidua.ErrStale()
	}
	var regs int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM registrations WHERE campaign_id = $1`, campaignID).Scan(&regs); err != nil {
		return err
	}
	if !c.CanEditCriteria(regs) {
		return thidua.Errorf(thidua.EINVALID, "Không thể sửa tiêu chí: đợt thi đua đã có %d đăng ký hoặc đã tổng kết.", regs)
	}
	for i, cr := range cs {
		cr.Position = i + 1
	}
	if err := thidua.CheckCriteria(cs); err != nil {
		return err
	}
	old, err := findCriteria(ctx, tx, campaignID)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for _, cr := range cs {
		if cr.ID != 0 {
			keep[cr.ID] = true
		}
	}
	for _, o := range old {
		if !keep[o.ID] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM criteria WHERE id = $1`, o.ID); err != nil {
				return err
			}
		}
	}
	// Codes are unique per campaign: park kept rows on temporary codes first
	// so that swapping two codes does not collide.
	for _, cr := range cs {
		if cr.ID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE criteria SET code = $1 WHERE id = $2 AND campaign_id = $3`,
				"~"+strconv.FormatInt(cr.ID, 10), cr.ID, campaignID); err != nil {
				return err
			}
		}
	}
	for _, cr := range cs {
		cr.CampaignID = campaignID
		if cr.ID != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE criteria SET position = $1, code = $2, title = $3, description = $4,
				applies_to = $5, max_score = $6, weight = $7, evidence = $8 WHERE id = $9 AND campaign_id = $10`,
				cr.Position, cr.Code, cr.Title, cr.Description, cr.AppliesTo, cr.MaxScore, cr.Weight, cr.Evidence, cr.ID, campaignID)
			if err != nil {
				return fmt.Errorf("sqldb: save criteria: %w", db.dialect.mapError(err))
			}
			if n, _ := res.RowsAffected(); n == 1 {
				continue
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO criteria (campaign_id, position, code, title, description, applies_to, max_score, weight, evidence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			campaignID, cr.Position, cr.Code, cr.Title, cr.Description, cr.AppliesTo, cr.MaxScore, cr.Weight, cr.Evidence).Scan(&cr.ID); err != nil {
			return fmt.Errorf("sqldb: save criteria: %w", db.dialect.mapError(err))
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET version = version + 1, updated_at = $1 WHERE id = $2`, tx.now, campaignID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "campaign_criteria", campaignID, old, cs); err != nil {
		return err
	}
	return tx.Commit()
}
