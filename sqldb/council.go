package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"thidua/sqldb/ballotbox"

	"thidua"
	"thidua/sqldb/levels"
)

var _ thidua.CouncilService = (*DB)(nil)

func scanCouncil(s scanner) (*thidua.Council, error) {
	var c thidua.Council
	var from string
	var to sql.NullString
	if err := s.Scan(&c.ID, &c.UnitID, &c.Name, &from, &to, &c.MinPresent, &c.MinPresentAward, &c.Version, &c.CreatedAt, &c.UnitName, &c.UnitPath); err != nil {
		return nil, fmt.Errorf("sqldb: scan council: %w", err)
	}
	c.From = scanDate(sql.NullString{String: from, Valid: true})
	c.To = scanDate(to)
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

const councilSelect = `SELECT c.id, c.unit_id, c.name, c.valid_from, c.valid_to, c.min_present, c.min_present_award, c.version,
	c.created_at, u.name, u.path FROM councils c JOIN units u ON u.id = c.unit_id`

func loadMembers(ctx context.Context, q queryer, c *thidua.Council) error {
	rows, err := q.QueryContext(ctx, `SELECT m.user_id, m.role, us.display_name FROM council_members m JOIN users us ON us.id = m.user_id
		WHERE m.council_id = $1 ORDER BY CASE m.role WHEN 'CHAIR' THEN 0 WHEN 'VICE_CHAIR' THEN 1 WHEN 'STANDING' THEN 2 WHEN 'MEMBER' THEN 3 ELSE 4 END, us.display_name`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.Members = nil
	for rows.Next() {
		var m thidua.CouncilMember
		if err := rows.Scan(&m.UserID, &m.Role, &m.Name); err != nil {
			return err
		}
		c.Members = append(c.Members, m)
	}
	return rows.Err()
}

// FindCouncils lists the councils of units in scope.
func (db *DB) FindCouncils(ctx context.Context) ([]*thidua.Council, error) {
	scope, args, err := levels.UnitScope(ctx, db.db, thidua.PermViewOrg, "u.path", nil)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, councilSelect+` WHERE `+scope+` ORDER BY c.valid_from DESC, c.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find councils: %w", err)
	}
	var out []*thidua.Council
	for rows.Next() {
		c, err := scanCouncil(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	for _, c := range out {
		if err := loadMembers(ctx, db.db, c); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

func findCouncilRaw(ctx context.Context, q queryer, id int64) (*thidua.Council, error) {
	c, err := scanCouncil(q.QueryRowContext(ctx, councilSelect+` WHERE c.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("Hội đồng")
	}
	if err != nil {
		return nil, err
	}
	return c, loadMembers(ctx, q, c)
}

// FindCouncilByID returns a council within scope, or a council the user sits on.
func (db *DB) FindCouncilByID(ctx context.Context, id int64) (*thidua.Council, error) {
	c, err := findCouncilRaw(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if !canSeeCouncil(ctx, db.db, c) {
		return nil, notFound("Hội đồng")
	}
	return c, nil
}

func canSeeCouncil(ctx context.Context, q levels.Queryer, c *thidua.Council) bool {
	u := thidua.UserFromContext(ctx)
	if u == nil {
		return thidua.IsSystemContext(ctx)
	}
	if levels.SeesUnit(ctx, q, thidua.PermViewOrg, c.UnitPath) {
		return true
	}
	for _, m := range c.Members {
		if m.UserID == u.ID {
			return true
		}
	}
	return false
}

func writeCouncil(ctx context.Context, tx *Tx, c *thidua.Council) error {
	unit, err := findUnitRaw(ctx, tx, c.UnitID)
	if err != nil {
		return fieldErr("unit_id", "Cơ quan không tồn tại.")
	}
	// A council is its agency's own: a grant of a higher level covers the
	// agency's subtree but neither sees nor sets its council (levels).
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, unit.Path); err != nil {
		return err
	}
	for _, m := range c.Members {
		if _, err := findUserRaw(ctx, tx, "u.id = $1", m.UserID); err != nil {
			return fieldErr("members", "Tài khoản thành viên không tồn tại.")
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM council_members WHERE council_id = $1`, c.ID); err != nil {
		return err
	}
	for _, m := range c.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO council_members (council_id, user_id, role) VALUES ($1, $2, $3)`, c.ID, m.UserID, m.Role); err != nil {
			return fmt.Errorf("sqldb: council members: %w", tx.db.dialect.mapError(err))
		}
	}
	return nil
}

func councilDefaults(c *thidua.Council) {
	if c.MinPresent == 0 {
		c.MinPresent = 2.0 / 3.0
	}
	if c.MinPresentAward == 0 {
		c.MinPresentAward = 0.8
	}
}

// CreateCouncil stores a council with its members.
func (db *DB) CreateCouncil(ctx context.Context, c *thidua.Council) error {
	councilDefaults(c)
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `INSERT INTO councils (unit_id, name, valid_from, valid_to, min_present, min_present_award, version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id`, c.UnitID, c.Name, c.From.ISO(), nullDate(c.To), c.MinPresent, c.MinPresentAward, tx.now).Scan(&c.ID); err != nil {
		return fmt.Errorf("sqldb: create council: %w", db.dialect.mapError(err))
	}
	if err := writeCouncil(ctx, tx, c); err != nil {
		return err
	}
	stored, err := findCouncilRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "council", c.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *stored
	return nil
}

// UpdateCouncil saves a council and its members.
func (db *DB) UpdateCouncil(ctx context.Context, c *thidua.Council) error {
	councilDefaults(c)
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findCouncilRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, old.UnitPath); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE councils SET unit_id = $1, name = $2, valid_from = $3, valid_to = $4, min_present = $5,
		min_present_award = $6, version = version + 1 WHERE id = $7 AND version = $8`,
		c.UnitID, c.Name, c.From.ISO(), nullDate(c.To), c.MinPresent, c.MinPresentAward, c.ID, c.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	if err := writeCouncil(ctx, tx, c); err != nil {
		return err
	}
	stored, err := findCouncilRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "council", c.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *stored
	return nil
}

func scanMeeting(s scanner) (*thidua.Meeting, error) {
	var m thidua.Meeting
	var date, agenda, present string
	var closed nullTime
	if err := s.Scan(&m.ID, &m.CouncilID, &m.Title, &date, &m.Place, &m.State, &agenda, &present, &m.Version, &m.CreatedAt, &closed); err != nil {
		return nil, fmt.Errorf("sqldb: scan meeting: %w", err)
	}
	m.Date = scanDate(sql.NullString{String: date, Valid: true})
	json.Unmarshal([]byte(agenda), &m.Agenda)
	json.Unmarshal([]byte(present), &m.Present)
	m.ClosedAt = closed.get()
	m.CreatedAt = m.CreatedAt.UTC()
	return &m, nil
}

const meetingSelect = `SELECT id, council_id, title, date, place, state, agenda_json, present_json, version, created_at, closed_at FROM meetings`

func findMeetingRaw(ctx context.Context, q queryer, id int64) (*thidua.Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, meetingSelect+` WHERE id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("phiên họp")
	}
	return m, err
}

// FindMeetings lists a visible council's meetings.
func (db *DB) FindMeetings(ctx context.Context, councilID int64) ([]*thidua.Meeting, error) {
	if _, err := db.FindCouncilByID(ctx, councilID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, meetingSelect+` WHERE council_id = $1 ORDER BY date DESC, id DESC`, councilID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*thidua.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, m := range out {
		if err := box(db.db).Fill(ctx, m); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindMeetingByID returns a meeting of a visible council.
func (db *DB) FindMeetingByID(ctx context.Context, id int64) (*thidua.Meeting, error) {
	m, err := findMeetingRaw(ctx, db.db, id)
	if err != nil {
		return nil, err
	}
	if _, err := db.FindCouncilByID(ctx, m.CouncilID); err != nil {
		return nil, notFound("phiên họp")
	}
	return m, box(db.db).Fill(ctx, m)
}

// CreateMeeting opens a meeting; every agenda item must be a confirmed
// nominee of a proposal at the council stage, from the council's unit subtree.
func (db *DB) CreateMeeting(ctx context.Context, m *thidua.Meeting) error {
	m.Title = thidua.NormalizeText(m.Title)
	m.Place = thidua.NormalizeText(m.Place)
	var v thidua.Validation
	if m.Title == "" || len([]rune(m.Title)) > 255 {
		v.Add("title", "Vui lòng nhập tên phiên họp (tối đa 255 ký tự).")
	}
	if m.Date.IsZero() {
		v.Add("date", "Vui lòng nhập ngày họp.")
	}
	if len(m.Agenda) == 0 {
		v.Add("agenda", "Phiên họp cần ít nhất một đối tượng để biểu quyết.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findCouncilRaw(ctx, tx, m.CouncilID)
	if err != nil {
		return err
	}
	if err := levels.RequireUnit(ctx, tx, thidua.PermManageCampaigns, c.UnitPath); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, id := range m.Agenda {
		if seen[id] {
			return fieldErr("agenda", "Một đối tượng chỉ được đưa vào chương trình một lần.")
		}
		seen[id] = true
		ns, err := findNominees(ctx, tx, `n.id = $1`, id)
		if err != nil {
			return err
		}
		if len(ns) == 0 {
			return fieldErr("agenda", "Đối tượng đề nghị không tồn tại.")
		}
		p, err := findProposalRaw(ctx, tx, ns[0].ProposalID)
		if err != nil {
			return err
		}
		if p.State != thidua.ProposalCouncil || !levels.AddressedTo(ctx, tx, p, c.UnitID, c.UnitPath) {
			return fieldErr("agenda", fmt.Sprintf("%s: tờ trình chưa được trình Hội đồng này.", ns[0].Name))
		}
		if !ns[0].Confirmed {
			return fieldErr("agenda", fmt.Sprintf("%s: chưa được thẩm định đạt.", ns[0].Name))
		}
		if ballotbox.Busy(ctx, tx, id) {
			return fieldErr("agenda", fmt.Sprintf("%s đang ở trong một phiên họp khác chưa kết thúc.", ns[0].Name))
		}
	}
	agenda, _ := json.Marshal(m.Agenda)
	m.State = thidua.MeetingOpen
	if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (council_id, title, date, place, state, agenda_json, present_json, version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, '[]', 1, $7) RETURNING id`, m.CouncilID, m.Title, m.Date.ISO(), m.Place, m.State, string(agenda), tx.now).Scan(&m.ID); err != nil {
		return fmt.Errorf("sqldb: create meeting: %w", err)
	}
	shares, err := box(tx).Deal(ctx, m, c)
	if err != nil {
		return err
	}
	m.Version, m.CreatedAt = 1, tx.now
	if err := tx.audit(thidua.ActionCreate, "meeting", m.ID, nil, m); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.custody.Put(m.ID, shares)
	return nil
}

// meetingForWrite loads an open meeting and its council in tx.
func meetingForWrite(ctx context.Context, tx *Tx, id int64) (*thidua.Meeting, *thidua.Council, error) {
	m, err := findMeetingRaw(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCouncilRaw(ctx, tx, m.CouncilID)
	if err != nil {
		return nil, nil, err
	}
	if !canSeeCouncil(ctx, tx, c) {
		return nil, nil, notFound("phiên họp")
	}
	if m.State != thidua.MeetingOpen {
		return nil, nil, thidua.Errorf(thidua.EINVALID, "Phiên họp đã kết thúc, không thể thay đổi.")
	}
	return m, c, nil
}

// isSecretary reports whether the actor is the council's secretary or
// manages its unit's campaigns (who keeps the minutes).
func isSecretary(ctx context.Context, c *thidua.Council) bool {
	u := thidua.UserFromContext(ctx)
	if u == nil {
		return thidua.IsSystemContext(ctx)
	}
	for _, m := range c.Members {
		if m.UserID == u.ID && m.Role == "SECRETARY" {
			return true
		}
	}
	return u.Covers(thidua.PermManageCampaigns, c.UnitPath)
}

// SetAttendance records who attends.
func (db *DB) SetAttendance(ctx context.Context, meetingID int64, present []int64, version int) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, c, err := meetingForWrite(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if !isSecretary(ctx, c) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thư ký Hội đồng hoặc cán bộ thi đua ghi danh sách dự họp.")
	}
	if m.Version != version {
		return thidua.ErrStale()
	}
	members := map[int64]bool{}
	for _, v := range c.Voters() {
		members[v.UserID] = true
	}
	seen := map[int64]bool{}
	var clean []int64
	for _, id := range present {
		if !members[id] {
			return fieldErr("present", "Người dự họp phải là thành viên biểu quyết của Hội đồng.")
		}
		if !seen[id] {
			seen[id] = true
			clean = append(clean, id)
		}
	}
	sort.Slice(clean, func(i, j int) bool { return clean[i] < clean[j] })
	b, _ := json.Marshal(clean)
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET present_json = $1, version = version + 1 WHERE id = $2`, string(b), meetingID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting", meetingID, map[string]any{"present": m.Present}, map[string]any{"present": clean}); err != nil {
		return err
	}
	return tx.Commit()
}
