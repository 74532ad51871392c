package thidua

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Campaign forms (hình thức tổ chức thi đua, Luật TĐKT 2022 Điều 16; R-CAMP-01).
const (
	FormRegular  = "THUONG_XUYEN"
	FormThematic = "CHUYEN_DE"
)

// CampaignForms lists the forms with their labels.
var CampaignForms = []Option{{FormRegular, "Thi đua thường xuyên"}, {FormThematic, "Thi đua theo chuyên đề, theo đợt"}}

// CampaignKinds lists the kinds of a campaign (practice terms, R-CAMP-01).
var CampaignKinds = []Option{
	{"NAM", "Hằng năm"},
	{"DOT", "Theo đợt"},
	{"CAO_DIEM", "Cao điểm"},
	{"GIAI_DOAN", "Theo giai đoạn"},
}

// Participant kinds: who takes part in a campaign or a criterion applies to.
const (
	ForCollectives = "COLLECTIVE"
	ForIndividuals = "INDIVIDUAL"
	ForBoth        = "BOTH"
)

// ParticipantKinds lists the participant kinds.
var ParticipantKinds = []Option{{ForCollectives, "Tập thể"}, {ForIndividuals, "Cá nhân"}, {ForBoth, "Tập thể và cá nhân"}}

// Campaign states (R-CAMP-02).
const (
	CampaignDraft      = "DRAFT"
	CampaignLaunched   = "LAUNCHED"
	CampaignInProgress = "IN_PROGRESS"
	CampaignEvaluating = "EVALUATING"
	CampaignClosed     = "CLOSED"
)

// CampaignStates lists the states in order with their labels.
var CampaignStates = []Option{
	{CampaignDraft, "Dự thảo"},
	{CampaignLaunched, "Đã phát động"},
	{CampaignInProgress, "Đang thực hiện"},
	{CampaignEvaluating, "Đang đánh giá, chấm điểm"},
	{CampaignClosed, "Đã tổng kết"},
}

// CampaignTransition is an action that moves a campaign between states.
type CampaignTransition struct {
	Action string
	From   string
	To     string
	Label  string
}

// CampaignTransitions is the whole state machine: the only moves allowed.
var CampaignTransitions = []CampaignTransition{
	{"launch", CampaignDraft, CampaignLaunched, "Phát động"},
	{"start", CampaignLaunched, CampaignInProgress, "Bắt đầu thực hiện"},
	{"evaluate", CampaignInProgress, CampaignEvaluating, "Chuyển sang đánh giá, chấm điểm"},
	{"close", CampaignEvaluating, CampaignClosed, "Tổng kết, khóa kết quả"},
	{"reopen", CampaignEvaluating, CampaignInProgress, "Mở lại để bổ sung minh chứng"},
}

// NextState returns the state that action leads to from state, or an
// EINVALID error naming what is allowed.
func NextState(state, action string) (string, error) {
	for _, t := range CampaignTransitions {
		if t.From == state && t.Action == action {
			return t.To, nil
		}
	}
	return "", Errorf(EINVALID, "Không thể thực hiện thao tác này khi đợt thi đua đang ở trạng thái “%s”.", Label(CampaignStates, state))
}

// Aggregations: how reviewer scores become the final score of a criterion.
const (
	AggMeanReviewers = "MEAN_REVIEWERS"     // mean of reviewer scores; self score when no reviewer scored
	AggReviewerFirst = "REVIEWER_OVERRIDES" // the unit head's score overrides self; council mean overrides both
)

// Aggregations lists the aggregation methods.
var Aggregations = []Option{
	{AggMeanReviewers, "Trung bình điểm của người thẩm định (nếu chưa có thì lấy điểm tự chấm)"},
	{AggReviewerFirst, "Điểm thẩm định thay thế điểm tự chấm (Hội đồng > thủ trưởng > tự chấm)"},
}

// PlannedAward is a commendation planned at the end of a campaign, with quotas.
type PlannedAward struct {
	Code           string `json:"code"`  // e.g. GK, BKCT
	Label          string `json:"label"` // e.g. "Giấy khen của Chánh Văn phòng UBND tỉnh"
	MaxCollectives int    `json:"max_collectives"`
	MaxIndividuals int    `json:"max_individuals"`
}

// Campaign is an emulation campaign (phong trào, đợt thi đua).
type Campaign struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	Form       string `json:"form"`
	Kind       string `json:"kind"`
	UnitID     int64  `json:"unit_id"` // launching unit
	Plan       DocRef `json:"plan"`
	PlanDate   Date   `json:"plan_date"`
	Signer     string `json:"signer"`
	SignerPost string `json:"signer_post"`
	StartDate  Date   `json:"start_date"`
	EndDate    Date   `json:"end_date"`
	Objectives string `json:"objectives"`
	// ScopeUnitID is the root of the units that take part (their subtree).
	ScopeUnitID  int64          `json:"scope_unit_id"`
	Participants string         `json:"participants"`
	Awards       []PlannedAward `json:"awards"`
	Aggregation  string         `json:"aggregation"`
	// ExcludeConflicts drops a reviewer's score for participants of the
	// reviewer's own unit (conflict of interest).
	ExcludeConflicts bool `json:"exclude_conflicts"`
	// PublishRanking publishes the ranking of the campaign, once closed,
	// inside the agency (công khai kết quả xếp hạng trong cơ quan): every
	// reader who sees the campaign then sees its ranking's names, totals
	// and ranks, though not evidence or scores (see VisibleResults).
	PublishRanking bool      `json:"publish_ranking"`
	State          string    `json:"state"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`

	// Filled on reads.
	UnitName      string `json:"unit_name,omitempty"`
	ScopeUnitName string `json:"scope_unit_name,omitempty"`
	UnitPath      string `json:"-"`
	ScopePath     string `json:"-"`
}

// Normalize puts the text fields into canonical form and fills defaults.
func (c *Campaign) Normalize() {
	c.Title = NormalizeText(c.Title)
	c.Signer = NormalizeText(c.Signer)
	c.SignerPost = NormalizeText(c.SignerPost)
	c.Objectives = strings.TrimSpace(normalizeMultiline(c.Objectives))
	if c.Aggregation == "" {
		c.Aggregation = AggMeanReviewers
	}
	if c.State == "" {
		c.State = CampaignDraft
	}
	if c.ScopeUnitID == 0 {
		c.ScopeUnitID = c.UnitID
	}
	for i := range c.Awards {
		c.Awards[i].Code = strings.ToUpper(NormalizeText(c.Awards[i].Code))
		c.Awards[i].Label = NormalizeText(c.Awards[i].Label)
	}
}

// Validate checks the campaign's fields.
func (c *Campaign) Validate() error {
	var v Validation
	checkLen(&v, "title", "Tên đợt thi đua", c.Title, true, 500)
	if !validOption(CampaignForms, c.Form) {
		v.Add("form", "Vui lòng chọn hình thức thi đua.")
	}
	if !validOption(CampaignKinds, c.Kind) {
		v.Add("kind", "Vui lòng chọn loại đợt thi đua.")
	}
	if c.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn đơn vị phát động.")
	}
	if !validOption(ParticipantKinds, c.Participants) {
		v.Add("participants", "Vui lòng chọn đối tượng tham gia.")
	}
	if !validOption(Aggregations, c.Aggregation) {
		v.Add("aggregation", "Cách tổng hợp điểm không hợp lệ.")
	}
	checkLen(&v, "signer", "Người ký", c.Signer, false, 100)
	checkLen(&v, "signer_post", "Chức vụ người ký", c.SignerPost, false, 100)
	checkLen(&v, "objectives", "Mục đích, yêu cầu", c.Objectives, false, 20000)
	if c.StartDate.IsZero() {
		v.Add("start_date", "Vui lòng nhập ngày bắt đầu.")
	}
	if c.EndDate.IsZero() {
		v.Add("end_date", "Vui lòng nhập ngày kết thúc.")
	} else if !c.StartDate.IsZero() && c.EndDate.Before(c.StartDate) {
		v.Add("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	if !c.PlanDate.IsZero() && !c.StartDate.IsZero() && c.StartDate.Before(c.PlanDate) {
		v.Add("start_date", "Ngày bắt đầu không được trước ngày ban hành kế hoạch.")
	}
	for _, a := range c.Awards {
		if a.Code == "" || a.Label == "" {
			v.Add("awards", "Mỗi hình thức khen thưởng cần mã và tên.")
		}
		if a.MaxCollectives < 0 || a.MaxIndividuals < 0 {
			v.Add("awards", "Số lượng khen thưởng tối đa không được âm.")
		}
	}
	if len(c.Awards) > 20 {
		v.Add("awards", "Tối đa 20 hình thức khen thưởng.")
	}
	return v.Err()
}

// CanEditCriteria reports whether criteria may still change: only while
// no registration exists and the campaign is not closed.
func (c *Campaign) CanEditCriteria(registrations int) bool {
	return registrations == 0 && c.State != CampaignClosed
}

// Criterion is a content or criterion of a campaign (nội dung, tiêu chí thi đua).
type Criterion struct {
	ID          int64   `json:"id"`
	CampaignID  int64   `json:"campaign_id"`
	Position    int     `json:"position"`
	Code        string  `json:"code"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	AppliesTo   string  `json:"applies_to"`
	MaxScore    float64 `json:"max_score"`
	Weight      float64 `json:"weight"`
	Evidence    string  `json:"evidence"` // what evidence it asks for
}

// Normalize cleans the criterion's text.
func (c *Criterion) Normalize() {
	c.Code = strings.ToUpper(NormalizeText(c.Code))
	c.Title = NormalizeText(c.Title)
	c.Description = strings.TrimSpace(normalizeMultiline(c.Description))
	c.Evidence = NormalizeText(c.Evidence)
	if c.Weight == 0 {
		c.Weight = 1
	}
}

// Validate checks the criterion.
func (c *Criterion) Validate() error {
	var v Validation
	checkLen(&v, "code", "Mã tiêu chí", c.Code, true, 20)
	checkLen(&v, "title", "Tên tiêu chí", c.Title, true, 1000)
	checkLen(&v, "description", "Mô tả", c.Description, false, 10000)
	checkLen(&v, "evidence", "Minh chứng yêu cầu", c.Evidence, false, 1000)
	if !validOption(ParticipantKinds, c.AppliesTo) {
		v.Add("applies_to", "Vui lòng chọn tiêu chí áp dụng cho tập thể, cá nhân hay cả hai.")
	}
	if c.MaxScore <= 0 || c.MaxScore > 1000 || math.IsNaN(c.MaxScore) {
		v.Add("max_score", "Điểm tối đa phải lớn hơn 0 và không quá 1000.")
	}
	if c.Weight <= 0 || c.Weight > 100 || math.IsNaN(c.Weight) {
		v.Add("weight", "Trọng số phải lớn hơn 0 và không quá 100.")
	}
	return v.Err()
}

// CheckCriteria normalizes and checks a campaign's criteria as one list,
// every error at once: each keyed "criteria[i].field" and saying which
// criterion (number and code) and field; duplicate codes; at most 100.
func CheckCriteria(cs []*Criterion) error {
	var v Validation
	codes := map[string]bool{}
	for i, cr := range cs {
		cr.Normalize()
		if err := cr.Validate(); err != nil {
			for k, msg := range ErrorFields(err) {
				v.Add(fmt.Sprintf("criteria[%d].%s", i, k), CriterionLabel(i, cr.Code)+": "+msg)
			}
		}
		if codes[cr.Code] {
			v.Add(fmt.Sprintf("criteria[%d].code", i), fmt.Sprintf("Tiêu chí %d: mã %s bị trùng.", i+1, cr.Code))
		}
		codes[cr.Code] = true
	}
	if len(cs) > 100 {
		v.Add("criteria", "Tối đa 100 tiêu chí.")
	}
	return v.Err()
}

// CriterionLabel names the criterion at index i of a form: "Tiêu chí 2
// (TC2)", or "Tiêu chí 2" without a code.
func CriterionLabel(i int, code string) string {
	if code = strings.TrimSpace(code); code != "" {
		return fmt.Sprintf("Tiêu chí %d (%s)", i+1, strings.ToUpper(code))
	}
	return fmt.Sprintf("Tiêu chí %d", i+1)
}

// Applies reports whether the criterion applies to a participant of kind (COLLECTIVE/INDIVIDUAL).
func (c *Criterion) Applies(kind string) bool {
	return c.AppliesTo == ForBoth || c.AppliesTo == kind
}

func normalizeMultiline(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = NormalizeText(l)
	}
	return strings.Join(lines, "\n")
}

// Registration states.
const (
	RegSubmitted = "SUBMITTED"
	RegApproved  = "APPROVED"
	RegReturned  = "RETURNED"
)

// RegistrationStates lists the registration states.
var RegistrationStates = []Option{{RegSubmitted, "Chờ duyệt"}, {RegApproved, "Đã duyệt"}, {RegReturned, "Trả lại"}}

// Registration is a participant's registration in a campaign (đăng ký thi đua):
// a collective (unit) or an individual (person).
type Registration struct {
	ID         int64  `json:"id"`
	CampaignID int64  `json:"campaign_id"`
	Kind       string `json:"kind"` // COLLECTIVE or INDIVIDUAL
	UnitID     int64  `json:"unit_id"`
	PersonID   int64  `json:"person_id,omitempty"`
	// TargetTitle is the title or form aimed for (e.g. "Giấy khen").
	TargetTitle  string            `json:"target_title"`
	Commitments  map[string]string `json:"commitments"` // criterion code → commitment
	State        string            `json:"state"`
	ReturnReason string            `json:"return_reason,omitempty"`
	Version      int               `json:"version"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`

	// Filled on reads.
	Name     string `json:"name"` // unit or person name
	UnitName string `json:"unit_name"`
	UnitPath string `json:"-"`
	IsLeader bool   `json:"is_leader,omitempty"`
	Gender   string `json:"gender,omitempty"`
}

// Validate checks the registration.
func (r *Registration) Validate() error {
	var v Validation
	switch r.Kind {
	case ForCollectives:
		if r.PersonID != 0 {
			v.Add("person_id", "Đăng ký tập thể không gắn với cá nhân.")
		}
	case ForIndividuals:
		if r.PersonID <= 0 {
			v.Add("person_id", "Vui lòng chọn cá nhân đăng ký.")
		}
	default:
		v.Add("kind", "Vui lòng chọn đăng ký tập thể hay cá nhân.")
	}
	if r.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn đơn vị.")
	}
	checkLen(&v, "target_title", "Danh hiệu, hình thức đăng ký", r.TargetTitle, false, 255)
	for k, c := range r.Commitments {
		checkLen(&v, "commitments", "Nội dung cam kết "+k, c, false, 5000)
	}
	return v.Err()
}

// Evidence is a progress report or proof (minh chứng, báo cáo) for one
// criterion of a registration.
type Evidence struct {
	ID             int64        `json:"id"`
	RegistrationID int64        `json:"registration_id"`
	CriterionID    int64        `json:"criterion_id"`
	Text           string       `json:"text"`
	Figure         *float64     `json:"figure,omitempty"` // a number reported, e.g. articles published
	Date           Date         `json:"date"`
	Link           string       `json:"link,omitempty"`
	Attachments    []Attachment `json:"attachments"`
	CreatedBy      int64        `json:"created_by"`
	CreatedAt      time.Time    `json:"created_at"`
}

// Validate checks the evidence.
func (e *Evidence) Validate() error {
	var v Validation
	e.Text = strings.TrimSpace(normalizeMultiline(e.Text))
	e.Link = strings.TrimSpace(e.Link)
	checkLen(&v, "text", "Nội dung minh chứng", e.Text, false, 20000)
	if e.Text == "" && e.Link == "" && e.Figure == nil {
		v.Add("text", "Vui lòng nhập nội dung, số liệu hoặc đường dẫn minh chứng.")
	}
	if e.Link != "" {
		u, err := url.Parse(e.Link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(e.Link) > 2000 {
			v.Add("link", "Đường dẫn phải là địa chỉ http:// hoặc https:// hợp lệ.")
		}
	}
	if e.Figure != nil && (math.IsNaN(*e.Figure) || math.IsInf(*e.Figure, 0)) {
		v.Add("figure", "Số liệu không hợp lệ.")
	}
	if e.CriterionID <= 0 {
		v.Add("criterion_id", "Vui lòng chọn tiêu chí.")
	}
	return v.Err()
}

// Attachment is a file attached to evidence, kept in a FileStore.
type Attachment struct {
	ID          int64  `json:"id"`
	EvidenceID  int64  `json:"evidence_id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Key         string `json:"-"` // storage key
}

// Scorer kinds.
const (
	ScoreSelf    = "SELF"
	ScoreHead    = "HEAD"
	ScoreCouncil = "COUNCIL"
)

// ScorerKinds lists the scorer kinds.
var ScorerKinds = []Option{{ScoreSelf, "Tự chấm"}, {ScoreHead, "Thủ trưởng đơn vị"}, {ScoreCouncil, "Thành viên Hội đồng"}}

// Score is one scorer's score of one criterion of one registration.
type Score struct {
	ID             int64     `json:"id"`
	RegistrationID int64     `json:"registration_id"`
	CriterionID    int64     `json:"criterion_id"`
	Kind           string    `json:"kind"`
	ScorerID       int64     `json:"scorer_id"` // user
	ScorerName     string    `json:"scorer_name,omitempty"`
	ScorerUnitPath string    `json:"-"` // unit path of the scorer's linked person, for conflicts
	ScorerPersonID int64     `json:"-"` // the scorer's linked person, 0 for none
	Value          float64   `json:"value"`
	Comment        string    `json:"comment,omitempty"`
	Version        int       `json:"version"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// ScoreLabel says whose score s of registration r is: a self-assessment
// entered for an individual by someone else (the unit head, who acts for
// the unit) is labelled as entered by them, not as the person's own.
func ScoreLabel(s Score, r *Registration) string {
	if s.Kind == ScoreSelf && r.Kind == ForIndividuals && s.ScorerPersonID != r.PersonID {
		return "Tự chấm, do " + s.ScorerName + " nhập thay"
	}
	return Label(ScorerKinds, s.Kind)
}

// ValidateScore checks a score against its criterion's maximum.
func ValidateScore(value, max float64) error {
	if math.IsNaN(value) || value < 0 || value > max {
		var v Validation
		v.Add("value", "Điểm phải từ 0 đến "+formatScore(max)+".")
		return v.Err()
	}
	return nil
}

func formatScore(f float64) string {
	s := strings.TrimRight(strings.TrimRight(strconvFormat(f), "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}

// CriterionResult is the final score of one criterion for one registration.
type CriterionResult struct {
	CriterionID int64   `json:"criterion_id"`
	Self        float64 `json:"self"`
	HasSelf     bool    `json:"has_self"`
	Reviewers   int     `json:"reviewers"` // reviewer scores counted
	Excluded    int     `json:"excluded"`  // reviewer scores dropped as conflicts
	// ExcludedNames names the council members whose scores were dropped.
	ExcludedNames []string `json:"excluded_names,omitempty"`
	Final         float64  `json:"final"`
	Scored        bool     `json:"scored"`
}

// Aggregate computes the final score of one criterion from its scores.
// participantPath is the unit path of the participant; with exclude set, a
// council member who belongs to that unit (or a sub-unit) has a conflict of
// interest and is left out.
func Aggregate(method string, scores []Score, participantPath string, exclude bool) CriterionResult {
	var r CriterionResult
	var head, council []float64
	for _, s := range scores {
		switch s.Kind {
		case ScoreSelf:
			r.Self, r.HasSelf = s.Value, true
		case ScoreHead, ScoreCouncil:
			if exclude && s.Kind == ScoreCouncil && conflict(s.ScorerUnitPath, participantPath) {
				r.Excluded++
				r.ExcludedNames = append(r.ExcludedNames, s.ScorerName)
				continue
			}
			r.Reviewers++
			if s.Kind == ScoreHead {
				head = append(head, s.Value)
			} else {
				council = append(council, s.Value)
			}
		}
	}
	switch method {
	case AggReviewerFirst:
		switch {
		case len(council) > 0:
			r.Final, r.Scored = mean(council), true
		case len(head) > 0:
			r.Final, r.Scored = mean(head), true
		case r.HasSelf:
			r.Final, r.Scored = r.Self, true
		}
	default:
		all := append(head, council...)
		switch {
		case len(all) > 0:
			r.Final, r.Scored = mean(all), true
		case r.HasSelf:
			r.Final, r.Scored = r.Self, true
		}
	}
	r.Final = math.Round(r.Final*100) / 100
	return r
}

// conflict reports whether a reviewer whose unit has path rp belongs to the
// participant's unit (path pp) or one of its sub-units.
func conflict(rp, pp string) bool {
	return rp != "" && pp != "" && strings.HasPrefix(rp, pp)
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Result is a registration's outcome in a campaign.
type Result struct {
	Registration *Registration     `json:"registration"`
	Criteria     []CriterionResult `json:"criteria"`
	Total        float64           `json:"total"`   // Σ final × weight
	Max          float64           `json:"max"`     // Σ max × weight
	Percent      float64           `json:"percent"` // Total / Max × 100
	Rank         int               `json:"rank"`    // 1-based, ties share a rank
	Tied         bool              `json:"tied"`
	Complete     bool              `json:"complete"` // every applicable criterion scored
	// Reviewed is true when at least one reviewer (unit head or council)
	// scored; otherwise the total rests on self-assessment only.
	Reviewed bool `json:"reviewed"`
}

// ComputeResults aggregates the scores of every registration and ranks them
// within each kind (collectives and individuals separately). Ties (equal
// totals to two decimals) share a rank; their order follows R-GEN-03 for
// display (women first, then non-leaders) and then the name.
func ComputeResults(c *Campaign, criteria []*Criterion, regs []*Registration, scores []Score) []*Result {
	byReg := map[int64]map[int64][]Score{}
	for _, s := range scores {
		if byReg[s.RegistrationID] == nil {
			byReg[s.RegistrationID] = map[int64][]Score{}
		}
		byReg[s.RegistrationID][s.CriterionID] = append(byReg[s.RegistrationID][s.CriterionID], s)
	}
	var out []*Result
	for _, reg := range regs {
		if reg.State != RegApproved {
			continue
		}
		res := &Result{Registration: reg, Complete: true}
		for _, cr := range criteria {
			if !cr.Applies(reg.Kind) {
				continue
			}
			agg := Aggregate(c.Aggregation, byReg[reg.ID][cr.ID], reg.UnitPath, c.ExcludeConflicts)
			agg.CriterionID = cr.ID
			res.Criteria = append(res.Criteria, agg)
			res.Max += cr.MaxScore * cr.Weight
			if agg.Reviewers > 0 {
				res.Reviewed = true
			}
			if agg.Scored {
				res.Total += agg.Final * cr.Weight
			} else {
				res.Complete = false
			}
		}
		res.Total = math.Round(res.Total*100) / 100
		if res.Max > 0 {
			res.Percent = math.Round(res.Total/res.Max*10000) / 100
		}
		out = append(out, res)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Registration.Kind != b.Registration.Kind {
			return a.Registration.Kind < b.Registration.Kind
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		if fa, fb := a.Registration.Gender == GenderFemale, b.Registration.Gender == GenderFemale; fa != fb {
			return fa
		}
		if a.Registration.IsLeader != b.Registration.IsLeader {
			return !a.Registration.IsLeader
		}
		return CompareVietnamese(a.Registration.Name, b.Registration.Name) < 0
	})
	for i, r := range out {
		switch {
		case i > 0 && out[i-1].Registration.Kind == r.Registration.Kind && out[i-1].Total == r.Total:
			r.Rank, r.Tied, out[i-1].Tied = out[i-1].Rank, true, true
		case i > 0 && out[i-1].Registration.Kind == r.Registration.Kind:
			r.Rank = i + 1 - firstOfKind(out, r.Registration.Kind)
		default:
			r.Rank = 1
		}
	}
	return out
}

func firstOfKind(rs []*Result, kind string) int {
	for i, r := range rs {
		if r.Registration.Kind == kind {
			return i
		}
	}
	return 0
}

// Shortlist keeps the results of one kind that rank within top (when top > 0)
// or reach minPercent (when minPercent > 0); ties at the cut are all kept.
func Shortlist(results []*Result, kind string, top int, minPercent float64) []*Result {
	var out []*Result
	for _, r := range results {
		if r.Registration.Kind != kind {
			continue
		}
		if top > 0 && r.Rank > top {
			continue
		}
		if minPercent > 0 && r.Percent < minPercent {
			continue
		}
		out = append(out, r)
	}
	return out
}

// CampaignFilter selects campaigns.
type CampaignFilter struct {
	ID     int64
	State  string
	Query  string
	Offset int
	Limit  int
}

// CampaignProgress counts, per unit, what participants have done.
type CampaignProgress struct {
	UnitID       int64  `json:"unit_id"`
	UnitName     string `json:"unit_name"`
	Registered   int    `json:"registered"`
	Approved     int    `json:"approved"`
	WithEvidence int    `json:"with_evidence"`
	Scored       int    `json:"scored"`
}

// CampaignService manages campaigns. Reads are limited to campaigns whose
// launching unit or scope the user can see; changes need org.edit on the
// launching unit (officers), registrations need it on the participant's unit.
type CampaignService interface {
	FindCampaignByID(ctx context.Context, id int64) (*Campaign, error)
	FindCampaigns(ctx context.Context, f CampaignFilter) ([]*Campaign, int, error)
	CreateCampaign(ctx context.Context, c *Campaign) error
	UpdateCampaign(ctx context.Context, c *Campaign) error
	// TransitionCampaign applies a state-machine action (launch, start, …).
	TransitionCampaign(ctx context.Context, id int64, action string, version int) (*Campaign, error)
	// CopyCampaign copies a campaign and its criteria into a new draft, one year later.
	CopyCampaign(ctx context.Context, id int64) (*Campaign, error)
	DeleteCampaign(ctx context.Context, id int64) error

	FindCriteria(ctx context.Context, campaignID int64) ([]*Criterion, error)
	// SaveCriteria replaces the whole ordered list (EINVALID once registrations exist).
	SaveCriteria(ctx context.Context, campaignID int64, version int, cs []*Criterion) error

	FindRegistrations(ctx context.Context, campaignID int64) ([]*Registration, error)
	FindRegistrationByID(ctx context.Context, id int64) (*Registration, error)
	// CountRegistrations counts every registration of a visible campaign,
	// whoever reads: a number only, which decides whether its criteria
	// may still change (Campaign.CanEditCriteria).
	CountRegistrations(ctx context.Context, campaignID int64) (int, error)
	// CreateRegistrations registers several participants at once, all or nothing.
	CreateRegistrations(ctx context.Context, campaignID int64, regs []*Registration) error
	// ReviewRegistration approves (reason empty) or returns (with a reason) a registration.
	ReviewRegistration(ctx context.Context, id int64, approve bool, reason string, version int) error
	// SaveScores saves several scores of one scorer, all or nothing (SaveScore each).
	SaveScores(ctx context.Context, ss []*Score) error
	// ResubmitRegistration sends a returned registration again, fixed (CheckResubmit).
	ResubmitRegistration(ctx context.Context, id int64, version int, target string, commitments map[string]string) error
	// FindRegistrationEvents returns a registration's review history.
	FindRegistrationEvents(ctx context.Context, id int64) ([]RegistrationEvent, error)
	// ChangeAttachment replaces (with not nil) or removes an attachment and
	// returns the storage key no longer used.
	ChangeAttachment(ctx context.Context, id int64, with *Attachment) (string, error)

	AddEvidence(ctx context.Context, e *Evidence) error
	FindEvidence(ctx context.Context, registrationID int64) ([]*Evidence, error)
	FindAttachment(ctx context.Context, id int64) (*Attachment, *Registration, error)

	FindScores(ctx context.Context, campaignID int64) ([]Score, error)
	// FindCampaignResults computes the ranking of a campaign over all its
	// registrations and returns its criteria and the rows the user sees
	// (VisibleResults).
	FindCampaignResults(ctx context.Context, campaignID int64) ([]*Criterion, []*Result, error)
	// SaveScore records the calling user's score as kind; version 0 creates.
	SaveScore(ctx context.Context, s *Score) error

	// Reviewers are the council members assigned to score a campaign.
	FindReviewers(ctx context.Context, campaignID int64) ([]*User, error)
	// FindCouncilMembers lists the enabled accounts holding the council role
	// on a unit that overlaps the campaign's units: who may be assigned.
	FindCouncilMembers(ctx context.Context, campaignID int64) ([]*User, error)
	SetReviewers(ctx context.Context, campaignID int64, userIDs []int64) error

	Progress(ctx context.Context, campaignID int64) ([]CampaignProgress, error)
}

// CampaignSummary is what the summary report of a campaign (báo cáo tổng
// kết đợt thi đua) shows.
type CampaignSummary struct {
	Campaign *Campaign
	Criteria []*Criterion
	Results  []*Result // from ComputeResults, ranked
	Progress []CampaignProgress
	// Agency is the issuing agency's name for the header, upper case; a
	// "\n" separates a parent agency line ("UBND TỈNH\nVĂN PHÒNG").
	Agency string
	Place  string    // the date line's place name, e.g. "Hà Nội"
	Date   time.Time // report date
}

// CampaignReporter renders the summary report of a campaign.
type CampaignReporter interface {
	CampaignPDF(w io.Writer, s *CampaignSummary) error
	CampaignXLSX(w io.Writer, s *CampaignSummary) error
}
