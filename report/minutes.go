package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"thidua"
)

// MinutesNominee is a nominee of a meeting's agenda as the minutes name it.
type MinutesNominee struct {
	Name     string
	UnitName string
	Subject  string // thidua.SubjectPerson or thidua.SubjectUnit
	Award    string // the title or form proposed, e.g. CSTDCS, GK
}

// MinutesData is what the minutes of a council meeting (biên bản họp Hội
// đồng thi đua, khen thưởng) and its vote count (biên bản kiểm phiếu) show.
type MinutesData struct {
	// Agency is the header's agency, "\n" between lines: "VĂN PHÒNG UBND
	// TỈNH\nHỘI ĐỒNG THI ĐUA, KHEN THƯỞNG". Empty: the council's unit and
	// name.
	Agency string
	// Symbol is the symbol of the minutes' number, which is left blank:
	// "BB-HĐTĐKT" (the default) prints "Số:      /BB-HĐTĐKT".
	Symbol  string
	Council *thidua.Council
	Meeting *thidua.Meeting
	// Nominees names the agenda's nominees by id.
	Nominees map[int64]MinutesNominee
	// Tally is the result per nominee, counted on all voting members.
	Tally []thidua.TallyRow
	// Voters is the number of voting members, the denominator of every
	// share; 0: the council's voters (every member but the secretary).
	Voters int
	// Written counts the written votes of absent members; WrittenBy lists
	// who sent one, when known (user ids).
	Written   int
	WrittenBy []int64
	// Place is the place of the date line (địa danh), e.g. "Hà Nội".
	Place string
	// Start and End are when the meeting opened and closed (time of day);
	// zero: not stated.
	Start, End time.Time
	// Chair and Secretary sign the minutes; empty: the council's chair and
	// secretary.
	Chair, Secretary string
	// Tellers are the vote-counting board (Ban kiểm phiếu), head first;
	// empty: the count was made by the system before the secretary.
	Tellers []string
	// Issued, Returned and Valid are the ballots handed out, handed back
	// and valid in the room; 0: the members present, the most ballots cast
	// on any nominee less the written ones, and all of them.
	Issued, Returned, Valid int
}

const minutesSize = 13.0

func (m *MinutesData) check() error {
	if m == nil || m.Council == nil || m.Meeting == nil {
		return fmt.Errorf("report: minutes without a council or a meeting")
	}
	return nil
}

// voters is the number of voting members.
func (m *MinutesData) voters() int {
	if m.Voters > 0 {
		return m.Voters
	}
	return len(m.Council.Voters())
}

// present counts the voting members present.
func (m *MinutesData) present() int {
	n := 0
	for _, v := range m.Council.Voters() {
		if slices.Contains(m.Meeting.Present, v.UserID) {
			n++
		}
	}
	return n
}

func (m *MinutesData) written() int {
	return max(m.Written, len(m.WrittenBy))
}

// awardShare is the attendance an award meeting needs (R-HD-02).
func (m *MinutesData) awardShare() float64 {
	switch {
	case m.Council.MinPresentAward > 0:
		return m.Council.MinPresentAward
	case m.Council.MinPresent > 0:
		return m.Council.MinPresent
	}
	return 0.8
}

// memberNamed returns the name of the council's first member with role.
func (m *MinutesData) memberNamed(role string) string {
	for _, cm := range m.Council.Members {
		if cm.Role == role {
			return nfc(cm.Name)
		}
	}
	return ""
}

func (m *MinutesData) chair() string {
	if s := strings.TrimSpace(m.Chair); s != "" {
		return nfc(s)
	}
	return m.memberNamed("CHAIR")
}

func (m *MinutesData) secretary() string {
	if s := strings.TrimSpace(m.Secretary); s != "" {
		return nfc(s)
	}
	return m.memberNamed("SECRETARY")
}

func (m *MinutesData) agency() string {
	if strings.TrimSpace(m.Agency) != "" {
		return m.Agency
	}
	name := m.Council.Name
	if name == "" {
		name = "Hội đồng Thi đua, Khen thưởng"
	}
	if m.Council.UnitName == "" {
		return name
	}
	return m.Council.UnitName + "\n" + name
}

func (m *MinutesData) symbol() string {
	s := strings.TrimSpace(m.Symbol)
	if s == "" {
		s = "BB-HĐTĐKT"
	}
	return "Số:" + strings.Repeat(" ", 10) + "/" + s
}

func (m *MinutesData) dateLine() string {
	if m.Meeting.Date.IsZero() {
		return DateLine(m.Place, time.Time{})
	}
	return DateLine(m.Place, m.Meeting.Date.Time())
}

// when is "14 giờ 00 phút, ngày 28 tháng 01 năm 2026" or the day alone.
func (m *MinutesData) when(t time.Time) string {
	day := ""
	if !m.Meeting.Date.IsZero() {
		day = "n" + DateLine("", m.Meeting.Date.Time())[1:]
	}
	if t.IsZero() {
		return day
	}
	t = t.In(thidua.VietnamZone)
	h := fmt.Sprintf("%02d giờ %02d phút", t.Hour(), t.Minute())
	if day == "" {
		return h
	}
	return h + ", " + day
}

func (m *MinutesData) nominee(id int64) MinutesNominee {
	if n, ok := m.Nominees[id]; ok {
		return n
	}
	return MinutesNominee{Name: "Hồ sơ số " + strconv.FormatInt(id, 10)}
}

// thresholdText writes a required share: "> 50%" for a majority, "≥ 80%".
func thresholdText(share float64, compare string) string {
	t := thidua.Threshold{Share: share, Compare: compare}.Normalized()
	op := "≥ "
	if t.Compare == thidua.CompareMoreThan {
		op = "> "
	}
	return op + FormatNumber(t.Share*100) + "%"
}

// percent writes a share as "88,89%".
func percent(share float64) string { return FormatNumber(share*100) + "%" }

func resultText(passed bool) string {
	if passed {
		return "Đạt"
	}
	return "Không đạt"
}

// newMinutesPDF starts a minutes-like document with its header and title.
func newMinutesPDF(m *MinutesData, title, subject string) (*pdfDoc, error) {
	p, err := newPDF()
	if err != nil {
		return nil, err
	}
	p.gp.SetInfo(gopdf.PdfInfo{
		Title:        nfc(title + " " + m.Meeting.Title),
		Subject:      title,
		Author:       agencyLine(m.agency()),
		Creator:      "thidua",
		CreationDate: m.Meeting.Date.Time(),
	})
	p.newPage()
	p.docHeaderRows(m.agency(), m.symbol(), m.dateLine(), true)
	p.y += 2
	p.centered(strings.ToUpper(title), "B", 14, contentW)
	widest := p.centered(subject, "B", 14, contentW-20)
	p.centreRule(widest)
	p.y += 6
	return p, nil
}

func (p *pdfDoc) finish(w io.Writer, what string) error {
	p.topPageNumbers()
	if p.err != nil {
		return fmt.Errorf("report: %s pdf: %w", what, p.err)
	}
	if _, err := p.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write %s pdf: %w", what, err)
	}
	return nil
}

// para writes a body paragraph of the minutes, justified, indented.
func (p *pdfDoc) para(runs ...run) {
	p.richParagraph(runs, minutesSize, marginL, contentW, 10, alignJustify, 1.5)
}

// section writes a bold numbered heading of the minutes.
func (p *pdfDoc) section(s string) {
	p.y += 1
	p.ensure(20)
	p.richParagraph([]run{{s, "B"}}, minutesSize, marginL, contentW, 10, alignLeft, 1)
}

// MinutesPDF writes the minutes of a council meeting: when and where, who
// chaired, the members present and absent with their roles, the quorum
// statement (R-HD-02), the agenda, the secret ballot's results per nominee
// counted on ALL voting members against each title's threshold (R-HD-03),
// the conclusion, and the secretary's and the chair's signatures.
func MinutesPDF(w io.Writer, m MinutesData) error {
	if err := m.check(); err != nil {
		return err
	}
	subject := "Họp Hội đồng Thi đua, Khen thưởng"
	if t := strings.TrimSpace(m.Meeting.Title); t != "" {
		subject = t
	}
	p, err := newMinutesPDF(&m, "Biên bản", subject)
	if err != nil {
		return err
	}
	if s := m.when(m.Start); s != "" {
		p.para(run{"Thời gian:", "B"}, run{s + ".", ""})
	}
	if s := strings.TrimSpace(m.Meeting.Place); s != "" {
		p.para(run{"Địa điểm:", "B"}, run{nfc(s) + ".", ""})
	}
	chair, secretary := m.chair(), m.secretary()

	p.section("I. THÀNH PHẦN THAM DỰ")
	if chair != "" {
		p.para(run{"1. Chủ trì:", "B"}, run{chair + ", Chủ tịch Hội đồng.", ""})
	}
	voters, present, written := m.voters(), m.present(), m.written()
	p.para(run{"2. Thành viên Hội đồng:", "B"}, run{fmt.Sprintf("tổng số %s thành viên có quyền biểu quyết; có mặt %s, vắng mặt %s (trong đó %s thành viên gửi phiếu biểu quyết bằng văn bản).",
		count2(voters), count2(present), count2(max(voters-present, 0)), count2(written)), ""})
	tb := &pdfTable{maxSize: 12, cols: []pdfCol{
		{head: "STT", align: alignCenter},
		{head: "Họ và tên", align: alignLeft, flex: true},
		{head: "Chức danh trong Hội đồng", align: alignLeft, flex: true},
		{head: "Tham dự", align: alignLeft, flex: true},
	}}
	for i, cm := range m.Council.Members {
		att := "Có mặt"
		if cm.Role == "SECRETARY" {
			// The secretary keeps the minutes and does not vote; the
			// attendance list (R-HD-02) counts only voting members.
			att = "Có mặt (thư ký, không biểu quyết)"
		} else if !slices.Contains(m.Meeting.Present, cm.UserID) {
			att = "Vắng mặt"
			if slices.Contains(m.WrittenBy, cm.UserID) {
				att = "Vắng mặt, có phiếu bằng văn bản"
			}
		}
		tb.rows = append(tb.rows, pdfRow{cells: []string{strconv.Itoa(i + 1), cm.Name, thidua.Label(thidua.CouncilRoles, cm.Role), att}})
	}
	p.table(tb)
	if secretary != "" {
		p.para(run{"3. Thư ký:", "B"}, run{secretary + ".", ""})
	}

	p.section("II. NỘI DUNG")
	share := m.awardShare()
	ok := thidua.Quorum(present, voters, share)
	ratio := 0.0
	if voters > 0 {
		ratio = float64(present) / float64(voters)
	}
	verdict := "phiên họp đủ điều kiện tiến hành."
	if !ok {
		verdict = "phiên họp không đủ điều kiện để xét khen thưởng."
	}
	p.para(run{"1. Kiểm tra thành phần:", "B"}, run{fmt.Sprintf("có mặt %s/%s thành viên Hội đồng (%s). Phiên họp xét danh hiệu thi đua, hình thức khen thưởng phải có ít nhất %s tổng số thành viên Hội đồng tham dự; %s",
		count2(present), count2(voters), percent(ratio), FormatNumber(share*100)+"%", verdict), ""})
	counts := map[string]int{}
	var awards []string
	for _, r := range m.Tally {
		a := m.nominee(r.NomineeID).Award
		if counts[a] == 0 {
			awards = append(awards, a)
		}
		counts[a]++
	}
	var agenda []string
	for _, a := range awards {
		agenda = append(agenda, fmt.Sprintf("%s: %s", thidua.AwardName(a), count2(counts[a])))
	}
	p.para(run{"2. Nội dung xem xét:", "B"}, run{fmt.Sprintf("Hội đồng xem xét hồ sơ, thảo luận và biểu quyết bằng phiếu kín đối với %s tập thể, cá nhân được đề nghị khen thưởng (%s).",
		count2(len(m.Tally)), strings.Join(agenda, "; ")), ""})
	p.para(run{"3. Kết quả biểu quyết:", "B"}, run{fmt.Sprintf("tỷ lệ phiếu đồng ý tính trên tổng số %s thành viên Hội đồng có quyền biểu quyết, kể cả thành viên vắng mặt: danh hiệu Chiến sĩ thi đua cấp tỉnh, toàn quốc từ 90%% trở lên; Chiến sĩ thi đua cơ sở, Cờ thi đua từ 80%% trở lên; các trường hợp khác trên 50%%.", count2(voters)), ""})
	p.y += 1
	p.tallyTable(&m, true)
	if m.Meeting.State != thidua.MeetingClosed {
		p.para(run{"Kết quả tạm tính: phiên họp chưa kết thúc biểu quyết.", "I"})
	}

	passed := 0
	for _, r := range m.Tally {
		if r.Passed {
			passed++
		}
	}
	p.section("III. KẾT LUẬN")
	concl := fmt.Sprintf("Hội đồng thống nhất đề nghị cấp có thẩm quyền xét khen thưởng cho %s/%s tập thể, cá nhân đạt tỷ lệ phiếu đồng ý theo quy định (có tên tại mục II.3).", count2(passed), count2(len(m.Tally)))
	if failed := len(m.Tally) - passed; failed > 0 {
		concl += fmt.Sprintf(" %s trường hợp không đạt tỷ lệ không được đề nghị.", count2(failed))
	}
	p.para(run{concl, ""})
	end := "Phiên họp kết thúc"
	if !m.End.IsZero() {
		t := m.End.In(thidua.VietnamZone)
		end += fmt.Sprintf(" vào hồi %02d giờ %02d phút cùng ngày", t.Hour(), t.Minute())
	}
	p.para(run{end + ". Biên bản đã được đọc lại trước Hội đồng và các thành viên dự họp thống nhất thông qua.", ""})
	p.twoSign("THƯ KÝ", secretary, "CHỦ TỊCH HỘI ĐỒNG", chair)
	return p.finish(w, "minutes")
}

// tallyTable writes the results per nominee. The minutes' table shows the
// unit; the vote count's shows both counts with the share.
func (p *pdfDoc) tallyTable(m *MinutesData, minutes bool) {
	cols := []pdfCol{
		{head: "STT", align: alignCenter},
		{head: "Tập thể, cá nhân", align: alignLeft, flex: true},
	}
	if minutes {
		cols = append(cols, pdfCol{head: "Đơn vị", align: alignLeft, flex: true})
	}
	// Beside the unit column the award wraps in a narrower column, so that
	// the table keeps a readable size.
	cols = append(cols,
		pdfCol{head: "Danh hiệu, hình thức đề nghị", align: alignLeft, flex: !minutes, wrap: minutes},
		pdfCol{head: "Tỷ lệ yêu cầu", align: alignCenter},
		pdfCol{head: "Đồng ý", align: alignCenter},
		pdfCol{head: "Không đồng ý", align: alignCenter},
		pdfCol{head: "Tỷ lệ đồng ý", align: alignCenter},
		pdfCol{head: "Kết quả", align: alignCenter},
	)
	tb := &pdfTable{maxSize: 11, cols: cols}
	for i, r := range m.Tally {
		n := m.nominee(r.NomineeID)
		cells := []string{strconv.Itoa(i + 1), n.Name}
		if minutes {
			unit := n.UnitName
			if nfc(unit) == nfc(n.Name) {
				unit = ""
			}
			cells = append(cells, unit)
		}
		cells = append(cells, thidua.AwardName(n.Award), thresholdText(r.Threshold, r.Compare),
			strconv.Itoa(r.Agree), strconv.Itoa(r.Disagree), percent(r.Share), resultText(r.Passed))
		tb.rows = append(tb.rows, pdfRow{cells: cells})
	}
	p.table(tb)
}

// twoSign draws two signatures side by side: a title in bold capitals, room
// to sign, the name in bold.
func (p *pdfDoc) twoSign(leftTitle, leftName, rightTitle, rightName string) {
	p.y += 4
	p.ensure(40)
	top := p.y
	const half = contentW / 2
	p.font("B", minutesSize)
	lh := p.lineH()
	p.line(marginL, top, half, leftTitle, alignCenter)
	p.line(marginL+half, top, half, rightTitle, alignCenter)
	p.font("I", 12)
	p.line(marginL, top+lh, half, "(Ký, ghi rõ họ tên)", alignCenter)
	p.line(marginL+half, top+lh, half, "(Ký, ghi rõ họ tên)", alignCenter)
	y := top + 2*lh + 22
	p.font("B", minutesSize)
	ly, ry := y, y
	for _, l := range p.wrap(leftName, half-4) {
		p.line(marginL, ly, half, l, alignCenter)
		ly += lh
	}
	for _, l := range p.wrap(rightName, half-4) {
		p.line(marginL+half, ry, half, l, alignCenter)
		ry += lh
	}
	p.y = max(ly, ry)
}

// VoteCountPDF writes the vote count record (biên bản kiểm phiếu) of a
// council meeting: who counted, the ballots handed out, handed back, valid
// and invalid, the written votes of absent members, and per nominee the
// votes for and against with the share of all voting members, the
// required share and the result.
func VoteCountPDF(w io.Writer, m MinutesData) error {
	if err := m.check(); err != nil {
		return err
	}
	subject := "Biểu quyết đề nghị khen thưởng"
	if t := strings.TrimSpace(m.Meeting.Title); t != "" {
		subject += " – " + t
	}
	p, err := newMinutesPDF(&m, "Biên bản kiểm phiếu", subject)
	if err != nil {
		return err
	}
	if s := m.when(m.Start); s != "" {
		p.para(run{"Thời gian:", "B"}, run{s + ".", ""})
	}
	if s := strings.TrimSpace(m.Meeting.Place); s != "" {
		p.para(run{"Địa điểm:", "B"}, run{nfc(s) + ".", ""})
	}
	if len(m.Tellers) > 0 {
		p.para(run{"Ban Kiểm phiếu gồm:", "B"})
		for i, t := range m.Tellers {
			role := "Thành viên"
			if i == 0 {
				role = "Trưởng ban"
			}
			p.para(run{fmt.Sprintf("%d. %s – %s;", i+1, nfc(t), role), ""})
		}
	} else {
		p.para(run{"Việc kiểm phiếu được thực hiện trên hệ thống phần mềm, phiếu biểu quyết không ghi tên người bỏ phiếu, dưới sự chứng kiến của Thư ký Hội đồng" + nameSuffix(m.secretary()) + ".", ""})
	}

	voters, present, written := m.voters(), m.present(), m.written()
	issued := m.Issued
	if issued == 0 {
		issued = present
	}
	returned := m.Returned
	if returned == 0 {
		most := 0
		for _, r := range m.Tally {
			most = max(most, r.Agree+r.Disagree)
		}
		returned = max(most-written, 0)
	}
	valid := m.Valid
	if valid == 0 {
		valid = returned + written
	}
	p.section("I. SỐ PHIẾU")
	counts := []struct {
		label string
		n     int
	}{
		{"Tổng số thành viên Hội đồng có quyền biểu quyết:", voters},
		{"Số thành viên có mặt:", present},
		{"Số phiếu phát ra:", issued},
		{"Số phiếu thu vào:", returned},
		{"Số phiếu biểu quyết bằng văn bản của thành viên vắng mặt:", written},
		{"Số phiếu hợp lệ:", valid},
		{"Số phiếu không hợp lệ:", max(returned+written-valid, 0)},
	}
	for i, l := range counts {
		end := ";"
		if i == len(counts)-1 {
			end = "."
		}
		p.para(run{"- " + l.label, ""}, run{count2(l.n) + end, "B"})
	}

	p.section("II. KẾT QUẢ KIỂM PHIẾU")
	p.para(run{fmt.Sprintf("Tỷ lệ phiếu đồng ý tính trên tổng số %s thành viên Hội đồng có quyền biểu quyết, kể cả thành viên vắng mặt.", count2(voters)), ""})
	p.tallyTable(&m, false)
	if m.Meeting.State != thidua.MeetingClosed {
		p.para(run{"Kết quả tạm tính: phiên họp chưa kết thúc biểu quyết.", "I"})
	}
	p.para(run{"Biên bản kiểm phiếu được lập và công bố trước Hội đồng.", ""})
	if len(m.Tellers) > 0 {
		others := ""
		if len(m.Tellers) > 1 {
			others = strings.Join(m.Tellers[1:], "\n")
		}
		p.twoSign("THÀNH VIÊN BAN KIỂM PHIẾU", nfc(others), "TRƯỞNG BAN KIỂM PHIẾU", nfc(m.Tellers[0]))
	} else {
		p.twoSign("THƯ KÝ HỘI ĐỒNG", m.secretary(), "CHỦ TỊCH HỘI ĐỒNG", m.chair())
	}
	return p.finish(w, "vote count")
}

func nameSuffix(name string) string {
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}
