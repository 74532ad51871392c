package central

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"thidua"
)

// Decision is a central decision (of the Prime Minister, of the President)
// on a province's proposal, recorded when it comes back: its number, date,
// authority and which of the proposal's nominees it awards.
type Decision struct {
	ID         int64       `json:"id"`
	ProposalID int64       `json:"proposal_id"`
	Number     string      `json:"number"` // e.g. 1234/QĐ-TTg
	Date       thidua.Date `json:"date"`
	Authority  string      `json:"authority"` // TTG, CTN (Authorities)
	NomineeIDs []int64     `json:"nominee_ids"`
	Recipients []Recipient `json:"recipients"`
	CreatedBy  string      `json:"created_by"`
	CreatedAt  time.Time   `json:"created_at"`
}

// Recipient is one nominee a central decision awards.
type Recipient struct {
	NomineeID int64  `json:"nominee_id"`
	Subject   string `json:"subject"`
	SubjectID int64  `json:"subject_id"`
	Name      string `json:"name"`
	UnitName  string `json:"unit_name"`
	Award     string `json:"award"`
}

// AuthorityLabel names the decision's authority.
func (d *Decision) AuthorityLabel() string { return thidua.Label(Authorities(), d.Authority) }

// decisionNumberRE is the number of a central decision: digits, "/", a
// symbol such as QĐ-TTg or QĐ-CTN (lower-case letters allowed: TTg).
var decisionNumberRE = regexp.MustCompile(`^[0-9]{1,6}/[A-Za-zĐđ0-9]+(-[A-Za-zĐđ0-9]+)+$`)

// Normalize cleans the decision's fields.
func (d *Decision) Normalize() {
	d.Number = strings.ReplaceAll(thidua.NormalizeText(d.Number), " ", "")
	d.Authority = strings.TrimSpace(d.Authority)
	slices.Sort(d.NomineeIDs)
	d.NomineeIDs = slices.Compact(d.NomineeIDs)
}

// Validate checks the decision's own fields against today.
func (d *Decision) Validate(today thidua.Date) error {
	var v thidua.Validation
	switch {
	case d.Number == "":
		v.Add("number", "Vui lòng nhập số, ký hiệu quyết định.")
	case !decisionNumberRE.MatchString(d.Number):
		v.Add("number", fmt.Sprintf("Số, ký hiệu “%s” không đúng dạng, ví dụ đúng: 1234/QĐ-TTg.", d.Number))
	}
	switch {
	case d.Date.IsZero():
		v.Add("date", "Vui lòng nhập ngày ký quyết định.")
	case today.Before(d.Date):
		v.Add("date", "Ngày ký quyết định không được sau hôm nay ("+today.String()+").")
	}
	if thidua.Label(Authorities(), d.Authority) == d.Authority {
		v.Add("authority", "Vui lòng chọn cấp quyết định (Thủ tướng Chính phủ hoặc Chủ tịch nước).")
	}
	if len(d.NomineeIDs) == 0 {
		v.Add("nominee_ids", "Vui lòng chọn ít nhất một tập thể, cá nhân được khen thưởng.")
	}
	return v.Err()
}

// CheckRecipient says why a nominee cannot be in a decision of this
// authority ("" when it can): its award must be one the authority decides,
// the council must not have refused it, and it must not have been awarded
// by an earlier central decision.
func CheckRecipient(authority string, n *thidua.Nominee, awarded bool) string {
	a, ok := AuthorityOf(n.Award)
	switch {
	case !ok:
		return fmt.Sprintf("%s: %s không phải hình thức do Trung ương quyết định.", n.Name, thidua.AwardName(n.Award))
	case a.Code != authority:
		return fmt.Sprintf("%s: %s do %s quyết định.", n.Name, thidua.AwardName(n.Award), a.Label)
	case n.Passed != nil && !*n.Passed:
		return fmt.Sprintf("%s không được Hội đồng thống nhất đề nghị.", n.Name)
	case awarded:
		return fmt.Sprintf("%s đã có quyết định khen thưởng của Trung ương cho hình thức này.", n.Name)
	}
	return ""
}

// CheckDecisionState says whether a central decision can be recorded on a
// proposal in this state: once it has been sent (and not returned).
func CheckDecisionState(state string) error {
	switch state {
	case thidua.ProposalDraft, thidua.ProposalReturned:
		return thidua.Errorf(thidua.EINVALID, "Tờ trình chưa được gửi (trạng thái: %s): chưa thể ghi quyết định của Trung ương.", thidua.Label(thidua.ProposalStates, state))
	}
	return nil
}

// CheckWindowState says whether a proposal in this state may be published
// for comment: after it was sent to the province and before a decision.
func CheckWindowState(state string) error {
	switch state {
	case thidua.ProposalDraft, thidua.ProposalReturned, thidua.ProposalDecided:
		return thidua.Errorf(thidua.EINVALID, "Không thể công khai lấy ý kiến khi tờ trình đang ở trạng thái “%s”.", thidua.Label(thidua.ProposalStates, state))
	}
	return nil
}
