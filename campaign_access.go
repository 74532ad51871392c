package thidua

import (
	"reflect"
	"strings"
	"time"
)

// This file holds who may see a campaign and who may act on it and on its
// registrations, and when: the campaign's action windows. Each rule is
// written once, here; storage calls these functions to refuse an action
// and the pages call the same functions to decide which buttons to draw.
//
// Where a function takes a user, nil stands for the system itself (the
// command line, the demo loader, start-up tasks), which storage lets act
// without scope limits. Pages always pass the signed-in user.

// CampaignScope is the set of campaigns a user sees. All is true when the
// user sees every campaign; otherwise the user sees a campaign related to
// one of Paths (see Includes).
type CampaignScope struct {
	All   bool
	Paths []string
}

// CampaignScope returns the campaigns u sees: those related to a unit
// where u holds PermViewOrg. A nil user is the system and sees all.
func (u *User) CampaignScope() CampaignScope {
	if u == nil {
		return CampaignScope{All: true}
	}
	all, paths := u.Scope(PermViewOrg)
	return CampaignScope{All: all, Paths: paths}
}

// Includes reports whether the scope holds c. A campaign is related to the
// unit path p when
//   - its launching unit lies within p (c.UnitPath starts with p),
//   - its participating units lie within p (c.ScopePath starts with p), or
//   - p lies within its participating units (p starts with c.ScopePath).
//
// The storage adapter filters lists with the same three conditions in SQL
// and its tests check that both agree.
func (s CampaignScope) Includes(c *Campaign) bool {
	if s.All {
		return true
	}
	for _, p := range s.Paths {
		if CampaignRelated(c.UnitPath, c.ScopePath, p) {
			return true
		}
	}
	return false
}

// CampaignRelated reports whether a campaign launched by the unit at
// unitPath for the units under scopePath is related to the unit path p:
// the three conditions of CampaignScope.Includes.
func CampaignRelated(unitPath, scopePath, p string) bool {
	return strings.HasPrefix(unitPath, p) || strings.HasPrefix(scopePath, p) || strings.HasPrefix(p, scopePath)
}

// VisibleTo reports whether u sees c; a nil user is the system.
func (c *Campaign) VisibleTo(u *User) bool { return u.CampaignScope().Includes(c) }

// Who reads a campaign's participation: its registrations with their
// evidence, attachments and scores, and the ranking and exports made of
// them. Seeing a campaign (VisibleTo) shows its plan and criteria; its
// participation follows the reader's scope as people do.

// ParticipationScope is the part of a campaign's registrations (with their
// evidence, attachments and scores) a user reads. All is true when the user
// reads every registration of the campaign; otherwise the user reads the
// registrations of the units within one of Paths, and their own
// (PersonID, 0 for none).
type ParticipationScope struct {
	All      bool
	Paths    []string
	PersonID int64
}

// ParticipationScope returns what u reads of the registrations of c, a
// campaign u sees. reviewer tells whether u is assigned to score c
// (campaign reviewers). The rule:
//   - the system (nil user) reads everything;
//   - the launching office, who manages the campaign
//     (Covers(PermManageCampaigns, c.UnitPath)), reads all of it;
//   - a council member assigned to score it (reviewer, holding
//     PermReview) reads all of it: they score every registration;
//   - anyone else reads the registrations of the units in the subtrees of
//     their grants (PermViewOrg, as for people), and their own.
//
// The storage adapter filters lists with the same conditions in SQL (the
// registration's unit path starts with one of Paths, or its person is
// PersonID) and its tests check that both agree.
func (u *User) ParticipationScope(c *Campaign, reviewer bool) ParticipationScope {
	if u == nil || u.Covers(PermManageCampaigns, c.UnitPath) || (reviewer && u.Can(PermReview)) {
		return ParticipationScope{All: true}
	}
	all, paths := u.Scope(PermViewOrg)
	if all {
		return ParticipationScope{All: true}
	}
	s := ParticipationScope{PersonID: u.PersonID}
	for _, p := range paths {
		if p != "" {
			s.Paths = append(s.Paths, p)
		}
	}
	return s
}

// Includes reports whether the scope holds r.
func (s ParticipationScope) Includes(r *Registration) bool {
	if s.All || (s.PersonID != 0 && r.PersonID == s.PersonID) {
		return true
	}
	for _, p := range s.Paths {
		if strings.HasPrefix(r.UnitPath, p) {
			return true
		}
	}
	return false
}

// RankingPublished reports whether the ranking of c is published inside
// the agency: c is closed and its setting PublishRanking is on.
func (c *Campaign) RankingPublished() bool {
	return c.PublishRanking && c.State == CampaignClosed
}

// CheckClosedEdit refuses next, an edit of the closed campaign c, when it
// changes more than PublishRanking: a closed campaign's record is final,
// but whether its ranking is published inside the agency may still change
// (an editor announcing the results needs it published).
func (c *Campaign) CheckClosedEdit(next *Campaign) error {
	a, b := *c, *next
	for _, x := range []*Campaign{&a, &b} {
		x.Normalize()
		if len(x.Awards) == 0 {
			x.Awards = nil
		}
		x.PublishRanking, x.State, x.Version, x.CreatedAt, x.UpdatedAt = false, "", 0, time.Time{}, time.Time{}
		x.UnitName, x.ScopeUnitName, x.UnitPath, x.ScopePath = "", "", "", ""
	}
	if !reflect.DeepEqual(a, b) {
		return Errorf(EINVALID, "Đợt thi đua đã tổng kết, không thể sửa; chỉ còn bật hoặc tắt công khai kết quả xếp hạng trong cơ quan.")
	}
	return nil
}

// SeesWholeRanking reports whether u sees every row of the ranking of c,
// as an article announcing its results needs: u's scope holds every
// registration of c, or the ranking is published (RankingPublished), when
// the rows outside it show in their public form.
func (u *User) SeesWholeRanking(c *Campaign) bool {
	return c.RankingPublished() || u.ParticipationScope(c, false).All
}

// VisibleResults returns the rows of results, the ranking of c over all
// its registrations (ComputeResults), that a reader with scope s sees: the
// rows of the registrations in s whole, with their true ranks; and, when
// the ranking of c is published (RankingPublished), the other rows as
// PublicResult makes them: names, totals and ranks only. Other rows are
// left out.
func VisibleResults(c *Campaign, s ParticipationScope, results []*Result) []*Result {
	if s.All {
		return results
	}
	published := c.RankingPublished()
	var out []*Result
	for _, r := range results {
		switch {
		case r == nil || r.Registration == nil:
		case s.Includes(r.Registration):
			out = append(out, r)
		case published:
			out = append(out, PublicResult(r))
		}
	}
	return out
}

// PublicResult is the published form of a ranking row: the participant's
// name (and unit), the total, the percentage and the rank. The
// registration's and the person's IDs, commitments and target, and the
// scores per criterion
// are left out (each criterion shows as not scored).
func PublicResult(r *Result) *Result {
	reg := r.Registration
	out := &Result{
		Registration: &Registration{CampaignID: reg.CampaignID, Kind: reg.Kind, UnitID: reg.UnitID,
			State: reg.State, Name: reg.Name, UnitName: reg.UnitName, UnitPath: reg.UnitPath, Commitments: map[string]string{}},
		Total: r.Total, Max: r.Max, Percent: r.Percent, Rank: r.Rank, Tied: r.Tied, Complete: r.Complete, Reviewed: r.Reviewed,
	}
	out.Criteria = make([]CriterionResult, len(r.Criteria))
	for i, cr := range r.Criteria {
		out.Criteria[i] = CriterionResult{CriterionID: cr.CriterionID}
	}
	return out
}

// Includes reports whether the unit at unitPath lies within the campaign's
// participating units.
func (c *Campaign) Includes(unitPath string) bool { return strings.HasPrefix(unitPath, c.ScopePath) }

// Admits reports whether participants of kind (ForCollectives or
// ForIndividuals) may take part in c.
func (c *Campaign) Admits(kind string) bool {
	return c.Participants == ForBoth || c.Participants == kind
}

// CheckLaunch returns why c cannot be launched with the given number of
// criteria, or nil: a campaign is launched with at least one criterion.
func (c *Campaign) CheckLaunch(criteria int) error {
	if criteria == 0 {
		return Errorf(EINVALID, "Cần có ít nhất một nội dung, tiêu chí thi đua trước khi phát động.")
	}
	return nil
}

// NextCampaignState returns the state c moves to by action, or why it
// cannot: the state machine (NextState), and launching needs a criterion.
// criteria is the number of criteria c has.
func NextCampaignState(c *Campaign, action string, criteria int) (string, error) {
	next, err := NextState(c.State, action)
	if err != nil {
		return "", err
	}
	if action == "launch" {
		if err := c.CheckLaunch(criteria); err != nil {
			return "", err
		}
	}
	return next, nil
}

// Action windows: what a campaign's state allows.

// RegistrationOpen reports whether participants may register: the campaign
// is launched or in progress.
func (c *Campaign) RegistrationOpen() bool {
	return c.State == CampaignLaunched || c.State == CampaignInProgress
}

// ReportingOpen reports whether participants may hand in evidence: the
// campaign is launched or in progress.
func (c *Campaign) ReportingOpen() bool {
	return c.State == CampaignLaunched || c.State == CampaignInProgress
}

// ScoringOpen reports whether scores of kind may be entered: the
// participant's own (ScoreSelf) while the campaign is in progress or being
// evaluated; the unit head's and the council's only while it is evaluated.
func (c *Campaign) ScoringOpen(kind string) bool {
	switch kind {
	case ScoreSelf:
		return c.State == CampaignInProgress || c.State == CampaignEvaluating
	case ScoreHead, ScoreCouncil:
		return c.State == CampaignEvaluating
	}
	return false
}

// CheckRegistrationOpen returns why nobody may register in c now, or nil.
func (c *Campaign) CheckRegistrationOpen() error {
	if !c.RegistrationOpen() {
		return Errorf(EINVALID, "Chỉ đăng ký được khi đợt thi đua đã phát động hoặc đang thực hiện (hiện: %s).", Label(CampaignStates, c.State))
	}
	return nil
}

// Who acts on a registration.

// ActsFor reports whether u acts for the participant of r: u is the person
// registered, or holds registering rights (PermRegister) on r's unit. The
// participant side reports evidence and enters the self-assessment. A nil
// user is the system, which acts for everyone.
func (u *User) ActsFor(r *Registration) bool {
	if u == nil {
		return true
	}
	if r.PersonID != 0 && u.PersonID == r.PersonID {
		return true
	}
	return u.Covers(PermRegister, r.UnitPath)
}

// HeadCovers reports whether u holds the unit-head role on a unit whose
// subtree holds the unit at unitPath. A grant without a unit path covers
// nothing.
func (u *User) HeadCovers(unitPath string) bool {
	if u == nil {
		return false
	}
	for _, g := range u.Grants {
		if g.Role == RoleUnitHead && g.UnitPath != "" && strings.HasPrefix(unitPath, g.UnitPath) {
			return true
		}
	}
	return false
}

// CheckAddEvidence returns why u may not hand in, replace or remove
// evidence for r, a registration of c, now; nil when u may. A nil user is
// the system. The participant side reports while the campaign is launched
// or in progress; a registration returned to be fixed (CheckResubmit) is
// fixed, evidence included, until the campaign is closed. Approved
// evidence is not withdrawn once scoring started: evaluating, only a
// returned registration changes.
func CheckAddEvidence(u *User, c *Campaign, r *Registration) error {
	if !u.ActsFor(r) {
		return Errorf(EFORBIDDEN, "Bạn không có quyền báo cáo minh chứng cho đăng ký này.")
	}
	if r.State == RegReturned && c.State == CampaignEvaluating {
		return nil
	}
	if !c.ReportingOpen() {
		return Errorf(EINVALID, "Chỉ nộp minh chứng khi đợt thi đua đang thực hiện (hiện: %s).", Label(CampaignStates, c.State))
	}
	return nil
}

// CheckResubmit returns why u may not send r, a registration of c returned
// with a reason, again (after changing its commitments, evidence and
// self-assessment), or nil: the participant side (ActsFor) sends a returned
// registration again while the campaign is launched, in progress or
// evaluating; it waits for the launching office's review again. The
// reasons of earlier returns are kept (RegistrationEvent).
func CheckResubmit(u *User, c *Campaign, r *Registration) error {
	if !u.ActsFor(r) {
		return Errorf(EFORBIDDEN, "Bạn không có quyền sửa và gửi lại đăng ký này.")
	}
	if r.State != RegReturned {
		return Errorf(EINVALID, "Chỉ gửi lại được đăng ký đã bị trả lại (hiện: %s).", Label(RegistrationStates, r.State))
	}
	if !c.RegistrationOpen() && c.State != CampaignEvaluating {
		return campaignStateErr(c, "gửi lại đăng ký")
	}
	return nil
}

// RegistrationEvent is one step of a registration's review: returned with
// a reason, sent again, approved. The reasons of every return are kept.
type RegistrationEvent struct {
	At        time.Time `json:"at"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"` // RegReturned, RegSubmitted (sent again) or RegApproved
	Note      string    `json:"note,omitempty"`
}

// CheckScorable returns why no score may be entered for r at all, or nil:
// only approved registrations are scored.
func (r *Registration) CheckScorable() error {
	if r.State != RegApproved {
		return Errorf(EINVALID, "Chỉ chấm điểm đăng ký đã được duyệt.")
	}
	return nil
}

// CheckScore returns why u may not enter a score of kind for r, a
// registration of c, now; nil when u may. reviewer tells whether u is
// assigned to score c (campaign reviewers, needed for ScoreCouncil). Who
// may score which kind, and when:
//   - ScoreSelf: the participant side (ActsFor), in progress or evaluating;
//   - ScoreHead: a unit head covering the participant's unit (HeadCovers), while evaluating;
//   - ScoreCouncil: a reviewer assigned to the campaign, while evaluating.
//
// Nobody scores themselves but in the self-assessment; the registration
// must be approved (CheckScorable); scoring needs a signed-in user.
func CheckScore(u *User, c *Campaign, r *Registration, kind string, reviewer bool) error {
	if u == nil {
		return Errorf(EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	// A returned registration's self-assessment is fixed with it.
	if err := r.CheckScorable(); err != nil && !(kind == ScoreSelf && r.State == RegReturned) {
		return err
	}
	switch kind {
	case ScoreSelf:
		if !u.ActsFor(r) {
			return Errorf(EFORBIDDEN, "Bạn không có quyền tự chấm cho đăng ký này.")
		}
		if !c.ScoringOpen(kind) {
			return campaignStateErr(c, "tự chấm điểm")
		}
	case ScoreHead:
		if !u.HeadCovers(r.UnitPath) {
			return Errorf(EFORBIDDEN, "Chỉ thủ trưởng đơn vị của người tham gia mới chấm điểm thẩm định cấp đơn vị.")
		}
		if !c.ScoringOpen(kind) {
			return campaignStateErr(c, "chấm điểm thẩm định")
		}
	case ScoreCouncil:
		if !reviewer {
			return Errorf(EFORBIDDEN, "Bạn chưa được phân công chấm điểm đợt thi đua này.")
		}
		if !c.ScoringOpen(kind) {
			return campaignStateErr(c, "chấm điểm thẩm định")
		}
	default:
		return fieldError("kind", "Loại điểm không hợp lệ.")
	}
	if kind != ScoreSelf && r.PersonID != 0 && r.PersonID == u.PersonID {
		return Errorf(EFORBIDDEN, "Không thể tự chấm điểm thẩm định cho chính mình.")
	}
	return nil
}

func campaignStateErr(c *Campaign, what string) error {
	return Errorf(EINVALID, "Không thể %s khi đợt thi đua đang ở trạng thái “%s”.", what, Label(CampaignStates, c.State))
}

// ReviewOutcome returns the state and the stored reason of a registration
// approved (approve) or returned with reason, already normalized: a
// returned registration needs a reason of at most 2000 characters; an
// approved one keeps none.
func ReviewOutcome(approve bool, reason string) (state, storedReason string, err error) {
	if approve {
		return RegApproved, "", nil
	}
	if reason == "" {
		return "", "", fieldError("reason", "Vui lòng nêu lý do trả lại.")
	}
	if len([]rune(reason)) > 2000 {
		return "", "", fieldError("reason", "Lý do không được dài quá 2000 ký tự.")
	}
	return RegReturned, reason, nil
}

// fieldError is an EINVALID error about one field whose message is the
// field's message.
func fieldError(field, msg string) error {
	return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
