package thidua

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Proposal kinds (loại hình khen thưởng of the proposal, R-GEN-01).
var ProposalKinds = []Option{
	{AwardPhongTrao, "Khen thưởng theo đợt, chuyên đề (phong trào thi đua)"},
	{AwardCongTrang, "Khen thưởng công trạng (tổng kết năm)"},
	{AwardDotXuat, "Khen thưởng thành tích đột xuất (thủ tục đơn giản)"},
}

// Proposal states: the workflow of a tờ trình đề nghị khen thưởng.
const (
	ProposalDraft     = "DRAFT"
	ProposalSubmitted = "SUBMITTED"
	ProposalReceived  = "RECEIVED"
	ProposalAppraised = "APPRAISED"
	ProposalCouncil   = "COUNCIL"
	ProposalDecided   = "DECIDED"
	ProposalReturned  = "RETURNED"
	// ProposalForwarded: its nominees decided above went up a level (package ladder).
	ProposalForwarded = "FORWARDED"
)

// ProposalStates lists the states in order with their labels.
var ProposalStates = []Option{
	{ProposalDraft, "Dự thảo"},
	{ProposalSubmitted, "Đã gửi"},
	{ProposalReceived, "Đã tiếp nhận"},
	{ProposalAppraised, "Đã thẩm định"},
	{ProposalCouncil, "Trình Hội đồng"},
	{ProposalDecided, "Đã quyết định"},
	{ProposalReturned, "Trả lại"},
	{ProposalForwarded, "Đã trình cấp trên"},
}

// ProposalTransition is a workflow action on a proposal.
type ProposalTransition struct {
	Action string
	From   []string
	To     string
	Label  string
	// ByUnit marks actions of the proposing unit; the others belong to the
	// receiving office (emulation officers).
	ByUnit bool
}

// ProposalTransitions is the whole proposal workflow. "return" goes back to
// the unit from any step before the decision, with a reason.
var ProposalTransitions = []ProposalTransition{
	{"submit", []string{ProposalDraft, ProposalReturned}, ProposalSubmitted, "Gửi tờ trình", true},
	{"receive", []string{ProposalSubmitted}, ProposalReceived, "Tiếp nhận hồ sơ", false},
	{"appraise", []string{ProposalReceived}, ProposalAppraised, "Hoàn thành thẩm định", false},
	{"to_council", []string{ProposalAppraised}, ProposalCouncil, "Trình Hội đồng", false},
	{"return", []string{ProposalSubmitted, ProposalReceived, ProposalAppraised, ProposalCouncil}, ProposalReturned, "Trả lại đơn vị", false},
}

// ProposalNext returns the state an action leads to, or EINVALID.
func ProposalNext(state, action string) (ProposalTransition, error) {
	for _, t := range ProposalTransitions {
		if t.Action != action {
			continue
		}
		for _, f := range t.From {
			if f == state {
				return t, nil
			}
		}
	}
	return ProposalTransition{}, Errorf(EINVALID, "Không thể thực hiện thao tác này khi tờ trình đang ở trạng thái “%s”.", Label(ProposalStates, state))
}

// Proposal is a unit's proposal for commendation (tờ trình đề nghị khen thưởng).
type Proposal struct {
	ID         int64  `json:"id"`
	UnitID     int64  `json:"unit_id"` // proposing unit
	CampaignID int64  `json:"campaign_id,omitempty"`
	Kind       string `json:"kind"`
	Year       int    `json:"year"` // the year of the achievements
	Title      string `json:"title"`
	// Ref is the tờ trình's own number, e.g. 12/TTr-HCTC, if it has one.
	Ref      DocRef     `json:"ref"`
	State    string     `json:"state"`
	Reason   string     `json:"reason,omitempty"` // of the last return
	Nominees []*Nominee `json:"nominees"`
	// NomineeCount is the number of nominees when the proposal was read
	// with ProposalFilter.CountNominees instead of its nominees.
	NomineeCount int       `json:"-"`
	Version      int       `json:"version"`
	CreatedBy    int64     `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	// SubmittedAt is when the proposal was last submitted.
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	// ToUnitID is the level a forwarded proposal is addressed to (0: the
	// proposing unit's own level); FromProposalID the lower proposal it
	// carries up (package ladder).
	ToUnitID       int64  `json:"to_unit_id,omitempty"`
	FromProposalID int64  `json:"from_proposal_id,omitempty"`
	ToUnitName     string `json:"to_unit_name,omitempty"`
	ToUnitPath     string `json:"-"`

	UnitName     string `json:"unit_name,omitempty"`
	UnitPath     string `json:"-"`
	CampaignName string `json:"campaign_name,omitempty"`
}

// Editable reports whether the unit may still change the proposal.
func (p *Proposal) Editable() bool {
	return p.State == ProposalDraft || p.State == ProposalReturned
}

// Normalize cleans the proposal's text.
func (p *Proposal) Normalize() {
	p.Title = NormalizeText(p.Title)
	if p.State == "" {
		p.State = ProposalDraft
	}
}

// Validate checks the proposal's own fields.
func (p *Proposal) Validate() error {
	var v Validation
	checkLen(&v, "title", "Trích yếu tờ trình", p.Title, true, 500)
	if !validOption(ProposalKinds, p.Kind) {
		v.Add("kind", "Vui lòng chọn loại hình khen thưởng.")
	}
	if p.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn đơn vị đề nghị.")
	}
	if p.Year < 1945 || p.Year > 2200 {
		v.Add("year", "Năm thành tích không hợp lệ.")
	}
	if p.Kind == AwardPhongTrao && p.CampaignID == 0 {
		v.Add("campaign_id", "Khen thưởng theo đợt, chuyên đề cần chọn đợt thi đua.")
	}
	return v.Err()
}

// Verdict statuses stored with a nominee (the engine's verdicts).
const (
	VerdictEligible    = "eligible"
	VerdictNotEligible = "not_eligible"
	VerdictReview      = "needs_review"
	VerdictOnHold      = "on_hold"
)

// Nominee is one collective or individual proposed for one title or form.
type Nominee struct {
	ID         int64  `json:"id"`
	ProposalID int64  `json:"proposal_id"`
	Subject    string `json:"subject"` // PERSON or UNIT
	SubjectID  int64  `json:"subject_id"`
	Award      string `json:"award"` // title or form code, e.g. CSTDCS, GK, BKCT
	// Report is the achievement report (báo cáo thành tích) in the
	// prescribed sections (R-HS-01…03).
	Report         AchievementReport `json:"report"`
	RegistrationID int64             `json:"registration_id,omitempty"`
	// Verdict, VerdictJSON and CheckedAt are the engine's answer stored as
	// it was when the proposal was submitted.
	Verdict     string          `json:"verdict,omitempty"`
	VerdictJSON json.RawMessage `json:"verdict_detail,omitempty"`
	CheckedAt   time.Time       `json:"checked_at,omitzero"`
	// Override is the officer's reason for proposing a not_eligible nominee.
	Override string `json:"override,omitempty"`
	// Confirmed is set by the appraiser once every open condition of a
	// needs_review verdict has been judged; Appraisal is their note.
	Confirmed bool   `json:"confirmed"`
	Appraisal string `json:"appraisal,omitempty"`
	// Threshold is the council's required share of all members (R-HD-03).
	Threshold float64 `json:"threshold"`
	// MoneyVND is the award money computed by the engine, in VND.
	MoneyVND int64 `json:"money_vnd"`
	// Passed is the council's result once the meeting is closed.
	Passed *bool `json:"passed,omitempty"`

	Name     string `json:"name"`
	UnitName string `json:"unit_name"`
	UnitPath string `json:"-"`
	Gender   string `json:"gender,omitempty"`
	IsLeader bool   `json:"is_leader,omitempty"`
}

// AchievementReport follows the structure of the prescribed forms (báo
// cáo thành tích, NĐ 152/2025 Phụ lục, Mẫu số 05 and the others).
type AchievementReport struct {
	Summary      string `json:"summary"`      // sơ lược lý lịch / đặc điểm, tình hình
	Achievements string `json:"achievements"` // thành tích đạt được
	Initiatives  string `json:"initiatives"`  // sáng kiến, giải pháp, đề tài
	Awards       string `json:"awards"`       // các hình thức khen thưởng đã được ghi nhận
}

// Validate checks a nominee's input fields.
func (n *Nominee) Validate() error {
	var v Validation
	if n.Subject != SubjectPerson && n.Subject != SubjectUnit {
		v.Add("subject", "Đối tượng phải là cá nhân hoặc tập thể.")
	}
	if n.SubjectID <= 0 {
		v.Add("subject_id", "Vui lòng chọn cá nhân hoặc tập thể.")
	}
	if !validOption(Titles, n.Award) && !validOption(Forms, n.Award) {
		v.Add("award", "Danh hiệu, hình thức khen thưởng không hợp lệ.")
	} else if CollectiveTitle(n.Award) != (n.Subject == SubjectUnit) && validOption(Titles, n.Award) {
		v.Add("award", "Danh hiệu này không dành cho loại đối tượng đã chọn.")
	}
	checkLen(&v, "report.summary", "Tóm tắt", n.Report.Summary, false, 10000)
	checkLen(&v, "report.achievements", "Thành tích", n.Report.Achievements, false, 50000)
	checkLen(&v, "report.initiatives", "Sáng kiến", n.Report.Initiatives, false, 20000)
	checkLen(&v, "report.awards", "Khen thưởng đã nhận", n.Report.Awards, false, 10000)
	checkLen(&v, "override", "Lý do đề nghị", n.Override, false, 2000)
	return v.Err()
}

// NomineeCheck is the engine's verdict for one nominee at submission.
type NomineeCheck struct {
	NomineeID int64
	Verdict   string
	Detail    json.RawMessage
	Threshold float64
	MoneyVND  int64
	// Open lists the conditions that a person must judge (needs_review).
	Open []string
}

// CouncilThreshold is the vote the council must give the nominee: the
// share stored at submission, compared as the stored verdict says
// (council_compare, R-HD-03).
func (n *Nominee) CouncilThreshold() Threshold {
	return StoredThreshold(n.Threshold, n.VerdictJSON)
}

// StoredThreshold reads a nominee's threshold from its stored share and
// verdict document.
func StoredThreshold(share float64, verdictJSON []byte) Threshold {
	t := Threshold{Share: share}
	var v struct {
		Compare string `json:"council_compare"`
	}
	if len(verdictJSON) > 0 && json.Unmarshal(verdictJSON, &v) == nil && (v.Compare == CompareAtLeast || v.Compare == CompareMoreThan) {
		t.Compare = v.Compare
	}
	return t
}

// HistoryReader reads stored award histories (a part of HistoryService).
type HistoryReader interface {
	// FindHistory returns the history of a subject (empty, version 0, when none is stored).
	FindHistory(ctx context.Context, subject string, id int64) (*SubjectHistory, error)
	// FindHistories lists the histories of the subjects in a subtree.
	FindHistories(ctx context.Context, f HistoryFilter) ([]*SubjectHistory, error)
}

// NomineeJudge judges a proposal's nominees against the law as of today,
// reading their histories through h: the check of each nominee by ID. The
// eligibility service (rules.Service) implements it; storage calls it
// inside the transaction that submits the proposal, so that the stored
// verdicts are the ones the stored histories give.
type NomineeJudge interface {
	JudgeNominees(ctx context.Context, h HistoryReader, p *Proposal, today Date) (map[int64]NomineeCheck, error)
}

// SubmitBlockers returns why a proposal cannot be submitted with these
// checks: on_hold nominees never; not_eligible ones only with an override.
func SubmitBlockers(nominees []*Nominee, checks map[int64]NomineeCheck) []string {
	var out []string
	for _, n := range nominees {
		c, ok := checks[n.ID]
		if !ok {
			out = append(out, fmt.Sprintf("Chưa xét điều kiện cho %s.", n.Name))
			continue
		}
		switch c.Verdict {
		case VerdictOnHold:
			out = append(out, fmt.Sprintf("%s đang trong thời gian xem xét kỷ luật, điều tra, thanh tra: chưa thể đề nghị (R-GEN-06).", n.Name))
		case VerdictNotEligible:
			if strings.TrimSpace(n.Override) == "" {
				out = append(out, fmt.Sprintf("%s chưa đủ điều kiện %s: cần ghi lý do nếu vẫn đề nghị.", n.Name, AwardName(n.Award)))
			}
		}
	}
	return out
}

// AwardName returns the Vietnamese name of a title or form code.
func AwardName(code string) string {
	if l := Label(Titles, code); l != code {
		return l
	}
	return Label(Forms, code)
}

// QuotaWarnings compares a campaign proposal's nominees with the campaign's
// planned quotas per proposing unit, and flags priority rules (R-GEN-03).
func QuotaWarnings(c *Campaign, nominees []*Nominee) []string {
	var out []string
	if c != nil {
		for _, a := range c.Awards {
			var coll, ind int
			for _, n := range nominees {
				if n.Award != a.Code {
					continue
				}
				if n.Subject == SubjectUnit {
					coll++
				} else {
					ind++
				}
			}
			if a.MaxCollectives > 0 && coll > a.MaxCollectives {
				out = append(out, fmt.Sprintf("%s: đề nghị %d tập thể, vượt số lượng tối đa %d của kế hoạch.", a.Label, coll, a.MaxCollectives))
			}
			if a.MaxIndividuals > 0 && ind > a.MaxIndividuals {
				out = append(out, fmt.Sprintf("%s: đề nghị %d cá nhân, vượt số lượng tối đa %d của kế hoạch.", a.Label, ind, a.MaxIndividuals))
			}
		}
	}
	var ind, leaders int
	for _, n := range nominees {
		if n.Subject == SubjectPerson {
			ind++
			if n.IsLeader {
				leaders++
			}
		}
	}
	if ind > 0 && leaders*2 > ind {
		out = append(out, fmt.Sprintf("%d/%d cá nhân được đề nghị giữ chức vụ lãnh đạo, quản lý: cần ưu tiên người lao động trực tiếp (R-GEN-03).", leaders, ind))
	}
	return out
}

// ProposalEvent is one step of a proposal's timeline.
type ProposalEvent struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Note   string    `json:"note,omitempty"`
}

// ProposalFilter selects proposals.
type ProposalFilter struct {
	ID         int64
	CampaignID int64
	State      string
	// NomineeIDs selects the proposals holding any of these nominees.
	NomineeIDs []int64
	// CountNominees fills NomineeCount and leaves Nominees empty: a list
	// that shows how many are proposed need not read who.
	CountNominees bool
	Offset        int
	Limit         int
}

// ProposalCount is how many proposals in scope are in one state for one
// campaign (0: outside any campaign).
type ProposalCount struct {
	State      string
	CampaignID int64
	Count      int
}

// CountsByState sums counts per state.
func CountsByState(cs []ProposalCount) map[string]int {
	out := map[string]int{}
	for _, c := range cs {
		out[c.State] += c.Count
	}
	return out
}

// ProposalService manages proposals. Units (registering rights on the
// proposing unit) draft and submit; emulation officers of a unit above
// receive, appraise and send to the council.
type ProposalService interface {
	FindProposalByID(ctx context.Context, id int64) (*Proposal, error)
	FindProposals(ctx context.Context, f ProposalFilter) ([]*Proposal, int, error)
	// CountProposalsByState counts the proposals in scope that f selects
	// (its State, Limit and Offset aside) by state and campaign, in one
	// grouped query.
	CountProposalsByState(ctx context.Context, f ProposalFilter) ([]ProposalCount, error)
	CreateProposal(ctx context.Context, p *Proposal) error
	UpdateProposal(ctx context.Context, p *Proposal) error
	// SetNominees replaces the nominees of an editable proposal.
	SetNominees(ctx context.Context, proposalID int64, version int, ns []*Nominee) error
	// SubmitProposal judges every nominee (NomineeJudge, in the same
	// transaction), stores the checks with the nominees and submits;
	// EINVALID listing SubmitBlockers when any remain.
	SubmitProposal(ctx context.Context, id int64, version int) error
	// TransitionProposal applies receive, appraise, to_council or return (with a reason).
	TransitionProposal(ctx context.Context, id int64, action, note string, version int) error
	// ConfirmNominee records the appraiser's judgement of a needs_review nominee.
	ConfirmNominee(ctx context.Context, nomineeID int64, confirmed bool, note string) error
	ProposalTimeline(ctx context.Context, id int64) ([]ProposalEvent, error)
}

// DossierKinds lists the documents of a commendation dossier (R-HS-01, R-HS-02).
var DossierKinds = []Option{
	{"BAO_CAO", "Báo cáo thành tích"},
	{"BIEN_BAN", "Biên bản họp Hội đồng thi đua, khen thưởng cơ sở"},
	{"SANG_KIEN", "Giấy chứng nhận, quyết định công nhận sáng kiến, đề tài"},
	{"XEP_LOAI", "Văn bản xếp loại, đánh giá mức độ hoàn thành nhiệm vụ"},
	{"KHAC", "Tài liệu khác"},
}

// ProposalFile is a document of a proposal's dossier (hồ sơ), for the
// whole proposal or for one nominee (by subject, which survives edits of
// the nominee list).
type ProposalFile struct {
	ID          int64     `json:"id"`
	ProposalID  int64     `json:"proposal_id"`
	Subject     string    `json:"subject,omitempty"`
	SubjectID   int64     `json:"subject_id,omitempty"`
	Kind        string    `json:"kind"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	Key         string    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks the file's metadata.
func (f *ProposalFile) Validate() error {
	var v Validation
	if !validOption(DossierKinds, f.Kind) {
		v.Add("kind", "Vui lòng chọn loại tài liệu.")
	}
	checkLen(&v, "name", "Tên tệp", f.Name, true, 255)
	if f.Subject != "" && f.Subject != SubjectPerson && f.Subject != SubjectUnit {
		v.Add("subject", "Đối tượng không hợp lệ.")
	}
	return v.Err()
}

// DossierService keeps the documents of proposals. Adding and deleting need
// registering rights on the proposing unit while the proposal is editable;
// reading follows the proposal's visibility. DeleteProposalFile returns the
// file with an empty Key when another row still references its stored bytes.
type DossierService interface {
	AddProposalFile(ctx context.Context, f *ProposalFile) error
	FindProposalFiles(ctx context.Context, proposalID int64) ([]*ProposalFile, error)
	FindProposalFile(ctx context.Context, id int64) (*ProposalFile, error)
	DeleteProposalFile(ctx context.Context, id int64) (*ProposalFile, error)
}
