// Package rules is the eligibility engine: it decides whether a person or a
// unit is eligible for an emulation title or a commendation form, and says
// why, condition by condition, with the legal citation of each.
//
// The rules are data. Embedded JSON files (data/) hold every rule of the
// rulebook (../shared/docs/law.md) with its id (R-…), award code, effective
// dates, citation, confidence grade, Vietnamese text and its conditions,
// each an expression in the Common Expression Language (CEL) over facts
// precomputed from the subject's history: "consecutive CSTĐCS up to the
// year", "years rated HTTNV or better", "unused base-level initiatives in a
// window", "công trạng Bằng khen before a date" and so on. Province profiles
// (data/provinces/) override parameters, grades and citations without code;
// a base salary table, money multipliers and council thresholds are dated
// data too (data/procedure.json).
//
// CEL parses and type-checks every condition once, at load; a rule file with
// a bad expression fails to load. The checked expressions are then compiled
// to Go closures, so an evaluation costs a few nanoseconds per condition
// instead of the ~100 ns of CEL's interpreter (see README in this folder and
// cmd/eligibility-bench).
//
// The package imports only the root package, the standard library and
// cel-go; it knows neither SQL nor HTTP.
package rules

import (
	"thidua"
)

// Subject kinds. A household (hộ gia đình) may receive Giấy khen and
// Bằng khen, not emulation titles (R-GK-01, R-BKT-02; law.md §5.20).
const (
	Individual = "individual"
	Collective = "collective"
	Household  = "household"
)

// Occupations of an individual outside the public service: công nhân, nông
// dân, người lao động, judged by R-LDTT-02 (Luật Điều 24, Khoản 3) rather
// than by the quality rating of cán bộ, công chức, viên chức.
const (
	OccupationWorker   = "CONG_NHAN"
	OccupationFarmer   = "NONG_DAN"
	OccupationLabourer = "NGUOI_LAO_DONG"
)

// Occupations lists the occupations with their labels; the empty code is
// a cán bộ, công chức, viên chức or người lao động of an agency.
var Occupations = []thidua.Option{
	{Code: OccupationWorker, Label: "Công nhân"},
	{Code: OccupationFarmer, Label: "Nông dân"},
	{Code: OccupationLabourer, Label: "Người lao động (ngoài cơ quan, tổ chức, đơn vị nhà nước)"},
}

// Awards the law names that have no code in the root package's lists: the
// Anh hùng Lao động title (Luật Điều 66) and the Kỷ niệm chương (Luật Điều
// 71), whose criteria the rulebook does not give (graded C, or delegated to
// ministries and provinces).
const (
	AwardAHLD = "AHLD" // Anh hùng Lao động
	AwardKNC  = "KNC"  // Kỷ niệm chương
)

// extraAwards are the labels of the award codes defined here.
var extraAwards = []thidua.Option{
	{Code: AwardAHLD, Label: "Anh hùng Lao động"},
	{Code: AwardKNC, Label: "Kỷ niệm chương"},
}

// Genders as the API writes them.
const (
	Female = "female"
	Male   = "male"
)

// Verdicts.
const (
	Eligible    = "eligible"
	NotEligible = "not_eligible"
	NeedsReview = "needs_review"
	OnHold      = "on_hold"
)

// VerdictLabels gives the Vietnamese label of each verdict.
var VerdictLabels = []thidua.Option{
	{Code: Eligible, Label: "Đủ điều kiện"},
	{Code: NotEligible, Label: "Chưa đủ điều kiện"},
	{Code: NeedsReview, Label: "Cần xem xét thêm"},
	{Code: OnHold, Label: "Tạm hoãn xét"},
}

// Code is a verdict in compact form, for bulk evaluation.
type Code uint8

// Compact verdict codes. The zero Code means "not evaluated".
const (
	CodeNone Code = iota
	CodeEligible
	CodeNeedsReview
	CodeOnHold
	CodeNotEligible
)

// String returns the API name of c ("eligible", …).
func (c Code) String() string {
	switch c {
	case CodeEligible:
		return Eligible
	case CodeNeedsReview:
		return NeedsReview
	case CodeOnHold:
		return OnHold
	case CodeNotEligible:
		return NotEligible
	}
	return ""
}

// Award codes the engine evaluates, in a fixed order.
var (
	// IndividualAwards are evaluated for a subject of kind individual.
	IndividualAwards = []string{
		thidua.TitleLDTT, thidua.TitleCSTDCS, thidua.TitleCSTDT, thidua.TitleCSTDTQ,
		thidua.FormGK, thidua.FormBKCT, thidua.FormBKTTG, thidua.FormHCLD3,
		thidua.FormHCLD2, thidua.FormHCLD1, AwardAHLD, AwardKNC,
	}
	// CollectiveAwards are evaluated for a subject of kind collective.
	CollectiveAwards = []string{
		thidua.TitleTTLDTT, thidua.TitleTTLDXS, thidua.TitleCTT,
		thidua.FormGK, thidua.FormBKCT,
		thidua.TitleCTCP, thidua.FormBKTTG, thidua.FormHCLD3, thidua.FormHCLD2, thidua.FormHCLD1, AwardAHLD, AwardKNC,
	}
	// HouseholdAwards are evaluated for a subject of kind household.
	HouseholdAwards = []string{thidua.FormGK, thidua.FormBKCT, thidua.FormBKTTG}
)

// AwardLabel returns the Vietnamese name of a title or form code.
func AwardLabel(code string) string {
	for _, opts := range [][]thidua.Option{thidua.Titles, thidua.Forms, extraAwards} {
		for _, o := range opts {
			if o.Code == code {
				return o.Label
			}
		}
	}
	return code
}

// Subject is a self-contained history of a person or a collective: what the
// engine reads. Its JSON form is the "subject" of
// POST /api/v1/eligibility/evaluate.
type Subject struct {
	// ID and Name identify the subject in forecasts and tables; optional.
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// Kind is "individual", "collective" or "household".
	Kind string `json:"kind"`
	// Gender is "female" or "male" for individuals.
	Gender string `json:"gender,omitempty"`
	// Occupation is empty for cán bộ, công chức, viên chức and người lao
	// động of agencies, or one of Occupations (R-LDTT-02).
	Occupation string `json:"occupation,omitempty"`
	// Posthumous asks for a posthumous award (truy tặng, law.md §5.19).
	Posthumous bool `json:"posthumous,omitempty"`
	// Registrations lists the years the subject registered for emulation
	// (đăng ký thi đua, R-CAMP-04); nil when not known.
	Registrations []int `json:"registrations"`
	// ClusterLeads lists the years a collective led its emulation cluster
	// or bloc (cụm, khối thi đua, R-CAMP-06); absent, it led none.
	ClusterLeads       []int                   `json:"cluster_leads,omitempty"`
	Ratings            []thidua.Rating         `json:"ratings"`
	Titles             []thidua.TitleRecord    `json:"titles"`
	Awards             []thidua.Award          `json:"awards"`
	Initiatives        []thidua.Initiative     `json:"initiatives"`
	Disciplines        []thidua.Discipline     `json:"disciplines"`
	PendingProceedings bool                    `json:"pending_proceedings"`
	MaternityLeave     []thidua.Period         `json:"maternity_leave"`
	Leadership         []thidua.LeadershipPost `json:"leadership,omitempty"`
	// Members are the individuals of a collective in the assessment year.
	Members []Subject `json:"members"`
	// MemberFacts, when set, stands for Members: what the collective's
	// conditions count of them, summed from stored summaries
	// (CollectiveSubject).
	MemberFacts *MemberFacts `json:"-"`
}

// Request is the body of POST /api/v1/eligibility/evaluate.
type Request struct {
	Award    string      `json:"award"`
	Year     int         `json:"year"`
	AsOf     thidua.Date `json:"as_of"`
	Province string      `json:"province"`
	Subject  Subject     `json:"subject"`
}

// Verdict is the engine's answer for one subject, award and year.
type Verdict struct {
	Award     string `json:"award"`
	AwardName string `json:"award_name"`
	Year      int    `json:"year"`
	AsOf      string `json:"as_of"`
	Province  string `json:"province"`
	// Verdict is eligible, not_eligible, needs_review or on_hold.
	Verdict string `json:"verdict"`
	// Summary says in Vietnamese why, in one sentence.
	Summary string `json:"summary"`
	// Reasons lists, in Vietnamese, the conditions that decided a verdict
	// other than eligible.
	Reasons []string `json:"reasons,omitempty"`
	// RuleSet names the rules in force as of AsOf and the province profile,
	// e.g. "TDKT-2025/default"; CriteriaSet names the rules the award's
	// criteria were taken from when they differ (titles are judged by the
	// rules of their year).
	RuleSet     string      `json:"rule_set"`
	CriteriaSet string      `json:"criteria_set,omitempty"`
	Conditions  []Condition `json:"conditions"`
	// CouncilThreshold is the share of ALL council members whose "yes" the
	// title needs (R-HD-03): 0.9, 0.8, or 0.5 for a simple majority;
	// CouncilCompare says how the share of "yes" compares with it: ">="
	// ("từ … trở lên") or ">" ("quá bán": more than half).
	CouncilThreshold float64 `json:"council_threshold"`
	CouncilCompare   string  `json:"council_compare,omitempty"`
	CouncilNote      string  `json:"council_note,omitempty"`
	Money            *Money  `json:"money"`
	// Notes are caveats that do not change the verdict: a rule set whose
	// text has not been checked, an unverified base salary.
	Notes []string `json:"notes,omitempty"`
}

// Condition is one checked condition of a verdict.
type Condition struct {
	Rule string `json:"rule"`
	// Point is the condition's id inside the rule, e.g. "a" or "d2".
	Point string `json:"point,omitempty"`
	// Met is true or false for a checked condition and null for one a
	// person must judge.
	Met *bool `json:"met"`
	// Status is met, not_met, review (a person must judge, or the rule's
	// grade is C/X), hold, note or attest (judged at the council's review).
	Status      string `json:"status"`
	Grade       string `json:"grade"`
	Citation    string `json:"citation"`
	Explanation string `json:"explanation"`
	// Group names the "one of" list the condition belongs to, if any.
	Group string `json:"group,omitempty"`
	Facts []Fact `json:"facts,omitempty"`
}

// Fact is a piece of the subject's history a condition used.
type Fact struct {
	Name      string   `json:"name"`
	Value     any      `json:"value"`
	Text      string   `json:"text"`
	Years     []int    `json:"years,omitempty"`
	Decisions []string `json:"decisions,omitempty"`
}

// Money is the award money (R-TIEN-01/02): multiplier × the base salary in
// force on the decision date, rounded up to the next 10,000 VND.
type Money struct {
	Multiplier    float64 `json:"multiplier"`
	BaseSalaryVND int64   `json:"base_salary_vnd"`
	AmountVND     int64   `json:"amount_vnd"`
	Rule          string  `json:"rule,omitempty"`
	Citation      string  `json:"citation,omitempty"`
	Note          string  `json:"note,omitempty"`
}
