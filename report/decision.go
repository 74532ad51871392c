package report

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"thidua"
)

// DecisionOptions tunes the PDF of a decision.
type DecisionOptions struct {
	// Agency is the issuing agency of the header, "\n" between the parent
	// agency (regular) and the issuing one (bold): "ỦY BAN NHÂN DÂN TỈNH HÀ
	// TĨNH\nVĂN PHÒNG". Empty: the decision's UnitName.
	Agency string
	// IssuedBy names the author in running text, in the appendix's "Kèm
	// theo Quyết định số … của …": "Chánh Văn phòng Ủy ban nhân dân tỉnh".
	// Empty: the decision's Authority, out of capitals.
	IssuedBy string
	// Draft prints the "DỰ THẢO" mark and leaves the number and the day
	// blank. A decision without a number is always printed as a draft.
	Draft bool
	// Spot, when set, receives where the signature block leaves room for
	// the signature and seal (a digital signature's appearance goes there).
	Spot *thidua.SignSpot
}

// Decision body sizes, in points (Nghị định 30/2020: 13–14).
const decisionSize = 14.0

// DecisionPDF writes a commendation decision in the layout of Nghị định
// 30/2020/NĐ-CP on A4: the two-column header (agency and number; national
// name, motto, place and date), "QUYẾT ĐỊNH" with the summary, the
// authority, the legal bases, the articles (DefaultArticles when the
// decision has none), "Nơi nhận" beside the signature block, and on a new
// page the list of recipients grouped by award with the money and a total.
// Pages after the first are numbered at the top centre.
func DecisionPDF(w io.Writer, d *thidua.Decision, o DecisionOptions) error {
	if d == nil {
		return fmt.Errorf("report: no decision")
	}
	if len(d.Recipients) == 0 {
		return fmt.Errorf("report: decision without recipients")
	}
	p, err := newPDF()
	if err != nil {
		return err
	}
	draft := o.Draft || d.Number == 0
	p.gp.SetInfo(gopdf.PdfInfo{
		Title:        nfc("Quyết định " + strings.TrimSpace(d.Ref()) + " " + d.Title),
		Subject:      "Quyết định khen thưởng",
		Author:       agencyLine(decisionAgency(d, o)),
		Creator:      "thidua",
		CreationDate: decisionTime(d),
	})
	p.newPage()
	if draft {
		p.draftMark()
	}
	p.docHeaderRows(decisionAgency(d, o), "Số: "+decisionRef(d, draft), decisionDateLine(d, draft), true)
	p.spot = o.Spot
	p.decisionBody(d)
	p.spot = nil
	p.decisionAppendix(d, o, draft)
	p.topPageNumbers()
	if p.err != nil {
		return fmt.Errorf("report: decision pdf: %w", p.err)
	}
	if _, err := p.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write decision pdf: %w", err)
	}
	return nil
}

func decisionAgency(d *thidua.Decision, o DecisionOptions) string {
	if strings.TrimSpace(o.Agency) != "" {
		return o.Agency
	}
	return d.UnitName
}

func decisionTime(d *thidua.Decision) time.Time {
	if d.Date.IsZero() {
		return time.Time{}
	}
	return d.Date.Time()
}

// decisionRef is "05/QĐ-VPUBND", or "         /QĐ-VPUBND" with room to
// write the number by hand on a draft.
func decisionRef(d *thidua.Decision, draft bool) string {
	if draft || d.Number == 0 {
		return strings.Repeat(" ", 10) + "/QĐ-" + d.Issuer
	}
	return d.Ref()
}

// decisionDateLine is the place-and-date line; a draft leaves the day and
// month blank but keeps the year.
func decisionDateLine(d *thidua.Decision, draft bool) string {
	if !draft && !d.Date.IsZero() {
		return DateLine(d.Place, d.Date.Time())
	}
	year := d.Year
	if year == 0 && !d.Date.IsZero() {
		year = d.Date.Year()
	}
	if year == 0 {
		return DateLine(d.Place, time.Time{})
	}
	line := fmt.Sprintf("ngày      tháng      năm %d", year)
	if p := strings.TrimSpace(d.Place); p != "" {
		return nfc(p) + ", " + line
	}
	return "N" + line[1:]
}

// decisionCitation is "05/QĐ-VPUBND ngày 05/02/2026", or on a draft
// "……/QĐ-VPUBND ngày ……/……/2026" with dots to fill in by hand (running
// text does not keep runs of spaces).
func decisionCitation(d *thidua.Decision, draft bool) string {
	if draft || d.Number == 0 || d.Date.IsZero() {
		y := "20……"
		if d.Year != 0 {
			y = strconv.Itoa(d.Year)
		}
		return "……/QĐ-" + d.Issuer + " ngày ……/……/" + y
	}
	return d.Ref() + " ngày " + d.Date.String()
}

func (p *pdfDoc) decisionBody(d *thidua.Decision) {
	p.y += 2
	p.centered("QUYẾT ĐỊNH", "B", decisionSize, contentW)
	widest := p.centered(d.Title, "B", decisionSize, contentW-20)
	p.centreRule(widest)
	p.y += 7
	if a := strings.TrimSpace(d.Authority); a != "" {
		p.centered(strings.ToUpper(nfc(a)), "B", decisionSize, contentW)
		p.y += 3
	}
	for _, b := range d.Bases {
		if strings.TrimSpace(b) != "" {
			p.richParagraph([]run{{b, "I"}}, decisionSize, marginL, contentW, 10, alignJustify, 1.5)
		}
	}
	p.y += 2
	p.ensure(20)
	p.centered("QUYẾT ĐỊNH:", "B", decisionSize, contentW)
	p.y += 3
	articles := d.Articles
	if len(articles) == 0 {
		articles = DefaultArticles(d)
	}
	for i, a := range articles {
		p.richParagraph(articleRuns(i+1, a), decisionSize, marginL, contentW, 10, alignJustify, 2)
	}
	cc := ccLines(d.CC)
	if len(cc) == 0 {
		cc = ccLines([]string{fmt.Sprintf("Như Điều %d;", len(articles)), "Lưu: VT."})
	}
	p.signBlock(cc, signerLines(d.Signer), nfc(d.Signer.Name))
}

var articleRE = regexp.MustCompile(`^\s*Điều\s+\d+\s*[.:]`)

// articleRuns splits "Điều 2. …" into its bold label and the text; an
// article without the label gets "Điều n.".
func articleRuns(n int, a string) []run {
	a = nfc(strings.TrimSpace(a))
	if m := articleRE.FindString(a); m != "" {
		return []run{{m, "B"}, {a[len(m):], ""}}
	}
	return []run{{"Điều " + strconv.Itoa(n) + ".", "B"}, {a, ""}}
}

// awardGroup is the recipients of one award, in the decision's order.
type awardGroup struct {
	award      string
	recipients []thidua.Recipient
	units      int
	persons    int
	money      int64
}

// groupByAward groups the recipients by award in the order the awards
// first appear; collectives come before individuals within a group.
func groupByAward(rs []thidua.Recipient) []*awardGroup {
	var groups []*awardGroup
	index := map[string]*awardGroup{}
	for _, r := range rs {
		g := index[r.Award]
		if g == nil {
			g = &awardGroup{award: r.Award}
			index[r.Award] = g
			groups = append(groups, g)
		}
		g.recipients = append(g.recipients, r)
		if r.Subject == thidua.SubjectUnit {
			g.units++
		} else {
			g.persons++
		}
		g.money += r.MoneyVND
	}
	for _, g := range groups {
		slices.SortStableFunc(g.recipients, func(a, b thidua.Recipient) int {
			return cmp.Compare(subjectOrder(a.Subject), subjectOrder(b.Subject))
		})
	}
	return groups
}

func subjectOrder(s string) int {
	if s == thidua.SubjectUnit {
		return 0
	}
	return 1
}

// countPhrase is "05 tập thể và 20 cá nhân".
func countPhrase(units, persons int) string {
	switch {
	case units > 0 && persons > 0:
		return count2(units) + " tập thể và " + count2(persons) + " cá nhân"
	case units > 0:
		return count2(units) + " tập thể"
	}
	return count2(persons) + " cá nhân"
}

// awardPhrase names what is given: "Giấy khen", "danh hiệu “Chiến sĩ thi
// đua cơ sở”".
func awardPhrase(code string) string {
	name := thidua.AwardName(code)
	if thidua.Label(thidua.Titles, code) != code {
		return "danh hiệu “" + name + "”"
	}
	return name
}

// achievementText turns a recipient's basis into the achievement clause:
// "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025".
func achievementText(basis string) string {
	b := strings.TrimRight(strings.Join(strings.Fields(nfc(basis)), " "), ".;, ")
	if b == "" {
		return ""
	}
	low := lowerFirst(b)
	if strings.HasPrefix(low, "đã ") || strings.HasPrefix(low, "có ") {
		return low
	}
	if strings.HasPrefix(low, "thành tích") {
		return "đã có " + low
	}
	return "đã có thành tích xuất sắc trong " + low
}

// commonBasis is the basis every recipient shares, or "".
func commonBasis(rs []thidua.Recipient) string {
	var b string
	for i, r := range rs {
		rb := strings.Join(strings.Fields(nfc(r.Basis)), " ")
		if i == 0 {
			b = rb
		} else if rb != b {
			return ""
		}
	}
	return b
}

// DefaultArticles drafts the articles of a commendation decision from its
// recipients: Điều 1 gives the awards to the collectives and individuals
// of the attached list, with their achievement and the total money in
// figures and words; then where the money comes from (when there is any);
// the last article puts the decision in force and names who carries it out.
func DefaultArticles(d *thidua.Decision) []string {
	var gives []string
	for i, g := range groupByAward(d.Recipients) {
		verb := "tặng "
		if i == 0 {
			verb = "Tặng "
		}
		gives = append(gives, verb+awardPhrase(g.award)+" cho "+countPhrase(g.units, g.persons))
	}
	first := "Điều 1. " + strings.Join(gives, "; ") + " (có danh sách kèm theo)"
	if a := achievementText(commonBasis(d.Recipients)); a != "" {
		first += " " + a
	} else {
		first += " đã có thành tích xuất sắc"
	}
	first += "."
	total := d.TotalMoney()
	if total > 0 {
		first += " Tổng số tiền thưởng: " + FormatVND(total) + " đồng (Bằng chữ: " + VNDWords(total) + ")."
	}
	out := []string{first}
	if total > 0 {
		out = append(out, "Điều 2. Tiền thưởng kèm theo được chi từ Quỹ thi đua, khen thưởng theo quy định hiện hành.")
	}
	out = append(out, fmt.Sprintf("Điều %d. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.", len(out)+1))
	return out
}

// listSubtitle is the heading under "DANH SÁCH": who receives what.
func listSubtitle(d *thidua.Decision) string {
	var units, persons int
	for _, r := range d.Recipients {
		if r.Subject == thidua.SubjectUnit {
			units++
		} else {
			persons++
		}
	}
	who := "TẬP THỂ, CÁ NHÂN"
	switch {
	case persons == 0:
		who = "TẬP THỂ"
	case units == 0:
		who = "CÁ NHÂN"
	}
	groups := groupByAward(d.Recipients)
	if len(groups) == 1 {
		return who + " ĐƯỢC TẶNG " + strings.ToUpper(awardPhrase(groups[0].award))
	}
	return who + " ĐƯỢC KHEN THƯỞNG"
}

// issuedBy names the decision's author in running text.
func issuedBy(d *thidua.Decision, o DecisionOptions) string {
	if s := strings.TrimSpace(o.IssuedBy); s != "" {
		return nfc(s)
	}
	return sentenceCase(d.Authority)
}

// recipientUnit is the "Chức vụ, đơn vị" of a recipient.
func recipientUnit(r thidua.Recipient) string {
	unit := strings.TrimSpace(nfc(r.UnitName))
	if r.Subject == thidua.SubjectUnit {
		if unit == strings.TrimSpace(nfc(r.Name)) {
			return ""
		}
		return unit
	}
	var parts []string
	for _, s := range []string{nfc(r.Position), unit} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

var romans = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

func roman(n int) string {
	if n >= 1 && n <= len(romans) {
		return romans[n-1]
	}
	return strconv.Itoa(n)
}

func (p *pdfDoc) decisionAppendix(d *thidua.Decision, o DecisionOptions, draft bool) {
	p.newPage()
	p.y = marginT + 2
	p.centered("DANH SÁCH", "B", decisionSize, contentW)
	p.centered(listSubtitle(d), "B", 13, contentW-10)
	ref := "(Kèm theo Quyết định số " + decisionCitation(d, draft)
	if by := issuedBy(d, o); by != "" {
		ref += " của " + by
	}
	ref += ")"
	widest := p.centered(ref, "I", 13, contentW-10)
	p.centreRule(widest * 0.8)
	p.y += 6

	groups := groupByAward(d.Recipients)
	var units, persons int
	for _, g := range groups {
		units += g.units
		persons += g.persons
	}
	name := "Tên tập thể, cá nhân"
	switch {
	case units == 0:
		name = "Họ và tên"
	case persons == 0:
		name = "Tên tập thể"
	}
	tb := &pdfTable{maxSize: 12, cols: []pdfCol{
		{head: "STT", align: alignCenter},
		{head: name, align: alignLeft, flex: true},
		{head: "Chức vụ, đơn vị", align: alignLeft, flex: true},
		{head: "Hình thức, danh hiệu", align: alignLeft, flex: true},
		{head: "Số tiền (đồng)", align: alignRight, wrap: true},
	}}
	for gi, g := range groups {
		if len(groups) > 1 {
			tb.rows = append(tb.rows, pdfRow{bold: true, span: true, cells: []string{roman(gi + 1),
				thidua.AwardName(g.award) + " (" + countPhrase(g.units, g.persons) + ")"}})
		}
		for i, r := range g.recipients {
			tb.rows = append(tb.rows, pdfRow{cells: []string{strconv.Itoa(i + 1), r.Name, recipientUnit(r),
				thidua.AwardName(r.Award), FormatVND(r.MoneyVND)}})
		}
	}
	tb.rows = append(tb.rows, pdfRow{bold: true, cells: []string{"", "Tổng cộng: " + countPhrase(units, persons), "", "", FormatVND(d.TotalMoney())}})
	p.table(tb)
	if total := d.TotalMoney(); total > 0 {
		p.richParagraph([]run{{"Tổng số tiền bằng chữ:", "I"}, {VNDWords(total) + ".", ""}}, 13, marginL, contentW, 0, alignLeft, 0)
	}
}
