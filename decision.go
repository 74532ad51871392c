package thidua

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Decision states.
const (
	DecisionDraft  = "DRAFT"
	DecisionIssued = "ISSUED"
)

// DecisionStates lists the decision states.
var DecisionStates = []Option{{DecisionDraft, "Dự thảo"}, {DecisionIssued, "Đã ban hành"}}

// SignerAuthorities are the signing blocks of Nghị định 30/2020 (R-VB-06).
var SignerAuthorities = []Option{
	{"", "Ký trực tiếp"},
	{"TM.", "TM. (thay mặt tập thể)"},
	{"KT.", "KT. (ký thay người đứng đầu)"},
	{"TL.", "TL. (thừa lệnh)"},
	{"TUQ.", "TUQ. (thừa ủy quyền)"},
	{"Q.", "Q. (quyền)"},
}

// Signer is the signature block of a decision, e.g. "TM. ỦY BAN NHÂN DÂN /
// KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" with the signer's name.
type Signer struct {
	Authority string `json:"authority"` // TM., KT., TL., …
	OnBehalf  string `json:"on_behalf"` // e.g. "CHÁNH VĂN PHÒNG" after KT.
	Post      string `json:"post"`      // e.g. "PHÓ CHÁNH VĂN PHÒNG"
	Name      string `json:"name"`
}

// Recipient is one award a decision gives.
type Recipient struct {
	NomineeID int64  `json:"nominee_id,omitempty"`
	Subject   string `json:"subject"`
	SubjectID int64  `json:"subject_id"`
	Name      string `json:"name"`
	UnitName  string `json:"unit_name"`
	Position  string `json:"position,omitempty"`
	Award     string `json:"award"`
	AwardType string `json:"award_type"`
	MoneyVND  int64  `json:"money_vnd"`
	// Basis is the achievement rewarded (R-GEN-02: one achievement, one award).
	Basis string `json:"basis,omitempty"`
}

// Decision is a commendation decision (quyết định khen thưởng).
type Decision struct {
	ID     int64 `json:"id"`
	UnitID int64 `json:"unit_id"` // issuing unit
	// Issuer is the symbol's issuer part, e.g. VPUBND; Number is assigned
	// from the issuer's register for the year on issue (R-VB-02).
	Issuer     string      `json:"issuer"`
	Year       int         `json:"year"`
	Number     int         `json:"number,omitempty"`
	Place      string      `json:"place"`
	Date       Date        `json:"date"`
	Title      string      `json:"title"`     // trích yếu
	Authority  string      `json:"authority"` // the issuing authority's title, e.g. "CHÁNH VĂN PHÒNG UBND TỈNH"
	Bases      []string    `json:"bases"`     // căn cứ (R-VB-07)
	Articles   []string    `json:"articles"`  // Điều 1, 2, 3 …
	Recipients []Recipient `json:"recipients"`
	Signer     Signer      `json:"signer"`
	CC         []string    `json:"cc"` // nơi nhận
	MeetingID  int64       `json:"meeting_id,omitempty"`
	State      string      `json:"state"`
	Public     bool        `json:"public"` // shown on the public honour roll
	Version    int         `json:"version"`
	CreatedAt  time.Time   `json:"created_at"`
	IssuedAt   time.Time   `json:"issued_at,omitzero"`

	UnitName string `json:"unit_name,omitempty"`
	UnitPath string `json:"-"`
}

// NumberText writes the number with a leading zero below 10 (R-VB-02).
func (d *Decision) NumberText() string {
	if d.Number == 0 {
		return ""
	}
	return fmt.Sprintf("%02d", d.Number)
}

// Ref returns the decision's number and symbol, e.g. "15/QĐ-VPUBND";
// before issue it has no number: "    /QĐ-VPUBND".
func (d *Decision) Ref() string {
	n := d.NumberText()
	if n == "" {
		n = "    "
	}
	return n + "/QĐ-" + d.Issuer
}

// TotalMoney sums the recipients' award money.
func (d *Decision) TotalMoney() int64 {
	var t int64
	for _, r := range d.Recipients {
		t += r.MoneyVND
	}
	return t
}

// Validate checks a decision before it is saved or issued.
func (d *Decision) Validate() error {
	var v Validation
	d.Title = NormalizeText(d.Title)
	d.Place = NormalizeText(d.Place)
	checkLen(&v, "title", "Trích yếu", d.Title, true, 500)
	checkLen(&v, "place", "Địa danh", d.Place, true, 100)
	checkLen(&v, "authority", "Thẩm quyền ban hành", d.Authority, true, 255)
	if !validIssuer(d.Issuer) {
		v.Add("issuer", "Ký hiệu cơ quan ban hành phải viết hoa, ví dụ VPUBND.")
	}
	if d.Year < 1945 || d.Year > 2200 {
		v.Add("year", "Năm không hợp lệ.")
	}
	if len(d.Recipients) == 0 {
		v.Add("recipients", "Quyết định cần ít nhất một tập thể, cá nhân được khen thưởng.")
	}
	for i, r := range d.Recipients {
		if AwardName(r.Award) == r.Award {
			v.Add("recipients", "Dòng "+strconv.Itoa(i+1)+": danh hiệu, hình thức không hợp lệ.")
		}
		if r.MoneyVND < 0 {
			v.Add("recipients", "Dòng "+strconv.Itoa(i+1)+": tiền thưởng không được âm.")
		}
	}
	if !validOption(SignerAuthorities, d.Signer.Authority) {
		v.Add("signer", "Thẩm quyền ký không hợp lệ.")
	}
	checkLen(&v, "signer", "Người ký", d.Signer.Name, true, 100)
	return v.Err()
}

func validIssuer(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r == 'Đ' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != ""
}

// DecisionFilter selects decisions.
type DecisionFilter struct {
	ID    int64
	Query string // matches number, title and recipients' names without accents
	Year  int
	State string
	// MeetingID selects the decisions drafted from this council meeting.
	MeetingID int64
	Public    bool // only public, issued ones (honour roll; no sign-in needed)
	Offset    int
	Limit     int
}

// DecisionService drafts and issues decisions.
type DecisionService interface {
	FindDecisions(ctx context.Context, f DecisionFilter) ([]*Decision, int, error)
	FindDecisionByID(ctx context.Context, id int64) (*Decision, error)
	// DraftDecision drafts a decision from a closed meeting's passed nominees.
	DraftDecision(ctx context.Context, meetingID int64, d *Decision) error
	UpdateDecision(ctx context.Context, d *Decision) error
	// IssueDecision takes the next number of the issuer's register for the
	// year (gap-free, unique under concurrency), dates the decision, records
	// every award in the recipients' histories and marks the proposals decided.
	IssueDecision(ctx context.Context, id int64, version int, date Date) (*Decision, error)
}

// DecisionBases returns the legal bases (căn cứ) of a commendation decision
// signed on date, by the rules then in force (R-VB-07): the Law on Emulation
// and Commendation 2022 from 01/01/2024 and its decree (Nghị định 98/2023
// until 30/06/2025, Nghị định 152/2025 from 01/07/2025). extra lines (the
// campaign plan, the council's minutes, the proposal) follow.
func DecisionBases(date Date, extra ...string) []string {
	var out []string
	switch {
	case date.Before(NewDate(2024, 1, 1)):
		out = append(out, "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
			"Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
	case date.Before(NewDate(2025, 7, 1)):
		out = append(out, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
			"Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
	default:
		out = append(out, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
			"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;")
	}
	for _, e := range extra {
		if e != "" {
			out = append(out, e)
		}
	}
	return out
}

// CertificateKind is what the certificate of an award is: "Giấy khen" for
// a Giấy khen, "Bằng khen" for a Bằng khen (BK…), "Giấy chứng nhận" for an
// emulation title, the award's name otherwise.
func CertificateKind(award string) string {
	switch {
	case award == FormGK:
		return "Giấy khen"
	case strings.HasPrefix(award, "BK"):
		return "Bằng khen"
	case Label(Titles, award) != award:
		return "Giấy chứng nhận"
	}
	return AwardName(award)
}

// CertificateLabel names the certificates of d's recipients, in lower
// case, in the order they first appear: "giấy khen", "bằng khen, giấy khen".
func (d *Decision) CertificateLabel() string {
	var kinds []string
	for _, r := range d.Recipients {
		if k := strings.ToLower(CertificateKind(r.Award)); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return "bằng khen, giấy khen"
	}
	return strings.Join(kinds, ", ")
}
