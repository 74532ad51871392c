package ladder

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"

	"thidua"
)

// Office is an agency's (or the province's) decision-making settings: the
// issuer of its register (05/QĐ-VPUBND, 120/QĐ-UBND), the authority named
// on its decisions and the signature block.
type Office struct {
	UnitID    int64         `json:"unit_id"`
	UnitName  string        `json:"unit_name"`
	Kind      string        `json:"kind"`
	Issuer    string        `json:"issuer"`
	Authority string        `json:"authority"`
	Signer    thidua.Signer `json:"signer"`
	// Stored is false for settings not yet saved (defaults from the unit).
	Stored  bool `json:"stored"`
	Version int  `json:"version"`
}

// Normalize cleans the office's text.
func (o *Office) Normalize() {
	o.Issuer = thidua.NormalizeText(o.Issuer)
	o.Authority = thidua.NormalizeText(o.Authority)
	o.Signer.OnBehalf = thidua.NormalizeText(o.Signer.OnBehalf)
	o.Signer.Post = thidua.NormalizeText(o.Signer.Post)
	o.Signer.Name = thidua.NormalizeText(o.Signer.Name)
}

// Validate checks the office's settings.
func (o *Office) Validate() error {
	var v thidua.Validation
	if !issuerRE.MatchString(o.Issuer) {
		v.Add("issuer", "Ký hiệu cơ quan ban hành phải viết hoa, ví dụ VPUBND.")
	}
	if o.Authority == "" || len([]rune(o.Authority)) > 255 {
		v.Add("authority", "Vui lòng nhập thẩm quyền ban hành (tối đa 255 ký tự), ví dụ CHỦ TỊCH UBND TỈNH.")
	}
	if !slices.ContainsFunc(thidua.SignerAuthorities, func(op thidua.Option) bool { return op.Code == o.Signer.Authority }) {
		v.Add("signer.authority", "Thẩm quyền ký không hợp lệ.")
	}
	if o.Signer.Post == "" || len([]rune(o.Signer.Post)) > 255 {
		v.Add("signer.post", "Vui lòng nhập chức vụ người ký (tối đa 255 ký tự).")
	}
	if o.Signer.Name == "" || len([]rune(o.Signer.Name)) > 100 {
		v.Add("signer.name", "Vui lòng nhập họ và tên người ký (tối đa 100 ký tự).")
	}
	if len([]rune(o.Signer.OnBehalf)) > 255 {
		v.Add("signer.on_behalf", "Phần ký thay không được dài quá 255 ký tự.")
	}
	return v.Err()
}

var issuerRE = regexp.MustCompile(`^[A-ZĐ0-9][A-ZĐ0-9-]*$`)

// Carried is what a forwarded proposal carries from the lower level
// (R-HS-01/02): the lower proposal, its council's minutes and tally for
// the nominees carried up, and the list of its dossier's documents.
type Carried struct {
	FromProposalID int64                  `json:"from_proposal_id"`
	FromTitle      string                 `json:"from_title"`
	FromUnitName   string                 `json:"from_unit_name"`
	Verdicts       []CarriedVerdict       `json:"verdicts"`
	Meetings       []CarriedMeeting       `json:"meetings"`
	Files          []*thidua.ProposalFile `json:"files"`
}

// CarriedVerdict is the engine's verdict on a nominee stored at the lower
// level's submission, with the lower appraisal's conclusion.
type CarriedVerdict struct {
	Subject   string          `json:"subject"`
	SubjectID int64           `json:"subject_id"`
	Name      string          `json:"name"`
	Award     string          `json:"award"`
	Verdict   string          `json:"verdict"`
	Appraisal string          `json:"appraisal,omitempty"`
	Detail    json.RawMessage `json:"detail,omitempty"`
}

// CarriedMeeting is a lower council meeting's minutes in brief and its
// result for the nominees carried up.
type CarriedMeeting struct {
	CouncilName string            `json:"council_name"`
	Title       string            `json:"title"`
	Date        thidua.Date       `json:"date"`
	Members     int               `json:"members"`
	Present     int               `json:"present"`
	Ballots     int               `json:"ballots"`
	Tally       []thidua.TallyRow `json:"tally"`
	// Names names the tally's nominees by their ID.
	Names map[int64]string `json:"names"`
}

// Step is one level a proposal's nominees pass, for the climb shown on
// both levels' pages.
type Step struct {
	ProposalID int64  `json:"proposal_id"`
	UnitName   string `json:"unit_name"`
	ToUnitName string `json:"to_unit_name"`
	State      string `json:"state"`
}

// Place is a level of the unit tree as the pages show it.
type Place struct {
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Kind     string `json:"kind"`
}

// NomineeAuthority is who decides one nominee's award and whether it goes
// above the level the proposal is addressed to.
type NomineeAuthority struct {
	NomineeID   int64  `json:"nominee_id"`
	Name        string `json:"name"`
	Award       string `json:"award"`
	Level       string `json:"level"`
	Post        string `json:"post"`
	Rule        string `json:"rule"`
	Citation    string `json:"citation"`
	Grade       string `json:"grade"`
	NeedsReview bool   `json:"needs_review"`
	Above       bool   `json:"above"`
}

// View is a proposal's place on the ladder: the level it is addressed to
// and the one above, the chain of levels its nominees pass, who decides
// each award, the appraisal time limit, what it carries from below, and
// whether it can go up now.
type View struct {
	ProposalID     int64              `json:"proposal_id"`
	Province       string             `json:"province"`
	Receiver       Place              `json:"receiver"`
	Above          *Place             `json:"above,omitempty"`
	Steps          []Step             `json:"steps"`
	Nominees       []NomineeAuthority `json:"nominees"`
	AppraisalLimit string             `json:"appraisal_limit"`
	ReceivedOn     thidua.Date        `json:"received_on,omitzero"`
	AppraisalDue   thidua.Date        `json:"appraisal_due,omitzero"`
	Carried        *Carried           `json:"carried,omitempty"`
	// Forwardable: the council passed nominees decided above and the
	// proposal has not gone up yet; the caller may forward it.
	Forwardable bool `json:"forwardable"`
}

// Service climbs the ladder.
type Service interface {
	// ForwardProposal makes, in one action, the agency's proposal to the
	// next level for the nominees its council passed whose award is
	// decided above it: the tờ trình of the agency addressed to the level
	// above, with the nominees' reports, the engine's verdicts, the
	// council's minutes and tally and the dossier's documents carried,
	// submitted at once. The officer of the receiving level of p acts.
	ForwardProposal(ctx context.Context, id int64, version int, title string) (*thidua.Proposal, error)
	// Carried returns what a forwarded proposal carries (ENOTFOUND for
	// one not forwarded), to those who see it.
	Carried(ctx context.Context, proposalID int64) (*Carried, error)
	// View returns the proposal's place on the ladder.
	View(ctx context.Context, proposalID int64) (*View, error)
	// FindOffice returns a level's decision settings (defaults from the
	// unit when none are stored).
	FindOffice(ctx context.Context, unitID int64) (*Office, error)
	// SetOffice stores them (officers of the level, with the version read).
	SetOffice(ctx context.Context, o *Office) error
}
