package report

import (
	"crypto/sha256"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/signintech/gopdf"

	"thidua"
)

// Page geometry in millimetres: A4 portrait with the margins of Nghị định
// 30/2020/NĐ-CP (top and bottom 20–25, left 30–35, right 15–20).
const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 30.0
	marginR  = 15.0
	marginT  = 20.0
	marginB  = 20.0
	contentW = pageW - marginL - marginR
	bottomY  = pageH - marginB
	footerY  = pageH - 13.0

	bodySize  = 13.0 // body text, points
	tableSize = 10.5 // largest table text, points; shrinks to tableMin
	tableMin  = 7.0
	ptToMM    = 25.4 / 72
	lineGap   = 1.2 // line height as a multiple of the font size
	cellPadX  = 1.2
	cellPadY  = 0.9
)

// pdfFaces are the embedded faces by style ("", "B", "I", "BI"): gopdf
// names an embedded font by the family it was added under, so each face is
// added as a family of its own named as PDF 32000-1 §9.6.4 asks of a
// subset: a tag of six capital letters, "+", the face's PostScript name.
// The tag is fixed per face (the subset's glyphs are known only when
// gopdf writes), which keeps it distinct within a file as the standard
// requires.
var pdfFaces = map[string]struct {
	name string
	data []byte
}{
	"":   {subsetName("LiberationSerif"), liberationserifregular.TTF},
	"B":  {subsetName("LiberationSerif-Bold"), liberationserifbold.TTF},
	"I":  {subsetName("LiberationSerif-Italic"), liberationserifitalic.TTF},
	"BI": {subsetName("LiberationSerif-BoldItalic"), liberationserifbolditalic.TTF},
}

// subsetName prefixes a PostScript name with a subset tag derived from it.
func subsetName(ps string) string {
	sum := sha256.Sum256([]byte(ps))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag) + "+" + ps
}

// Text alignment within a box.
const (
	alignLeft = iota
	alignCenter
	alignRight
	alignJustify
)

// WritePDF writes the summary report as an A4 PDF in the style of a
// Vietnamese administrative document, with Liberation Serif (metric
// compatible with Times New Roman) embedded.
func WritePDF(w io.Writer, s *Summary) error {
	if err := check(s); err != nil {
		return err
	}
	d, err := newPDF()
	if err != nil {
		return err
	}
	d.gp.SetInfo(gopdf.PdfInfo{
		Title:        nfc("Báo cáo tổng kết " + s.Campaign.Title),
		Subject:      "Báo cáo tổng kết đợt thi đua",
		Author:       agencyLine(s.Agency),
		Creator:      "thidua",
		CreationDate: s.Date,
	})
	d.newPage()
	d.header(s)
	d.title(s)
	d.intro(s)
	d.participation(s)
	d.criteriaSection(s)
	d.rankings(s)
	d.signature(s)
	d.pageNumbers()
	if d.err != nil {
		return fmt.Errorf("report: pdf: %w", d.err)
	}
	if _, err := d.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write pdf: %w", err)
	}
	return nil
}

// pdfDoc wraps gopdf with a cursor (y), the current font and a sticky error.
type pdfDoc struct {
	gp    *gopdf.GoPdf
	y     float64
	style string
	size  float64
	err   error
	// spot, when set, receives the room of the next signature block.
	spot *thidua.SignSpot
}

func newPDF() (*pdfDoc, error) {
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitMM})
	for _, style := range []string{"", "B", "I", "BI"} {
		f := pdfFaces[style]
		if err := gp.AddTTFFontDataWithOption(f.name, f.data, gopdf.TtfOption{Style: gopdf.Regular}); err != nil {
			return nil, fmt.Errorf("report: load font: %w", err)
		}
	}
	d := &pdfDoc{gp: gp}
	d.font("", bodySize)
	return d, d.err
}

func (d *pdfDoc) fail(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

// font selects the style ("", "B", "I", "BI") and size in points.
func (d *pdfDoc) font(style string, size float64) {
	d.style, d.size = style, size
	d.fail(d.gp.SetFont(pdfFaces[style].name, "", size))
}

// lineH is the height of a line of the current font, in mm.
func (d *pdfDoc) lineH() float64 { return d.size * lineGap * ptToMM }

// width measures s in the current font, in mm.
func (d *pdfDoc) width(s string) float64 {
	if s == "" {
		return 0
	}
	w, err := d.gp.MeasureTextWidth(nfc(s))
	d.fail(err)
	return w
}

// text draws one line with its top-left corner at x, y.
func (d *pdfDoc) text(x, y float64, s string) {
	if s == "" {
		return
	}
	// Centre the glyphs in the line box: gopdf puts the baseline at the
	// font's ascender below y, so shift down by half the extra leading.
	d.gp.SetXY(x, y+(lineGap-1)/2*d.size*ptToMM)
	d.fail(d.gp.CellWithOption(&gopdf.Rect{W: d.width(s) + 1, H: d.size * ptToMM}, nfc(s), gopdf.CellOption{Align: gopdf.Left | gopdf.Top}))
}

// line draws one line of text aligned in the box [x, x+w]. A justified
// line spreads its words over the whole width.
func (d *pdfDoc) line(x, y, w float64, s string, align int) {
	switch align {
	case alignCenter:
		d.text(x+(w-d.width(s))/2, y, s)
	case alignRight:
		d.text(x+w-d.width(s), y, s)
	case alignJustify:
		words := strings.Fields(s)
		if len(words) < 2 {
			d.text(x, y, s)
			return
		}
		var sum float64
		for _, word := range words {
			sum += d.width(word)
		}
		gap := (w - sum) / float64(len(words)-1)
		if gap > 3*d.width(" ") {
			d.text(x, y, s) // a line too short to spread
			return
		}
		for _, word := range words {
			d.text(x, y, word)
			x += d.width(word) + gap
		}
	default:
		d.text(x, y, s)
	}
}

// wrap breaks s into lines no wider than w, at spaces and at "\n"; a word
// longer than a line is cut between letters.
func (d *pdfDoc) wrap(s string, w float64) []string {
	w += 0.01 // slack for rounding: a column is exactly as wide as its widest word
	var out []string
	for _, para := range strings.Split(nfc(s), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		cur := ""
		for _, word := range words {
			if d.width(word) > w && cur != "" {
				out = append(out, cur) // an over-long word starts its own line
				cur = ""
			}
			for utf8.RuneCountInString(word) > 1 && d.width(word) > w {
				// Cut it between letters, as many as fit (at least one).
				rs := []rune(word)
				n := len(rs) - 1
				for n > 1 && d.width(string(rs[:n])) > w {
					n--
				}
				out = append(out, string(rs[:n]))
				word = string(rs[n:])
			}
			if cur == "" {
				cur = word
			} else if d.width(cur+" "+word) <= w {
				cur += " " + word
			} else {
				out = append(out, cur)
				cur = word
			}
		}
		out = append(out, cur)
	}
	return out
}

// maxWord is the width of the widest word of s.
func (d *pdfDoc) maxWord(s string) float64 {
	var m float64
	for _, word := range strings.Fields(nfc(s)) {
		m = max(m, d.width(word))
	}
	return m
}

// maxLine is the width of the widest "\n"-separated line of s.
func (d *pdfDoc) maxLine(s string) float64 {
	var m float64
	for _, l := range strings.Split(nfc(s), "\n") {
		m = max(m, d.width(l))
	}
	return m
}

func (d *pdfDoc) newPage() {
	d.gp.AddPage()
	d.y = marginT
}

// ensure starts a new page unless h mm still fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if d.y+h > bottomY {
		d.newPage()
	}
}

// paragraph writes wrapped text across the content width, with a first-line
// indent, breaking pages between lines.
func (d *pdfDoc) paragraph(s string, style string, size float64, align int, indent float64) {
	d.font(style, size)
	lines := d.wrapIndented(s, contentW, indent)
	for i, l := range lines {
		d.ensure(d.lineH())
		x, w := marginL, contentW
		if i == 0 {
			x, w = x+indent, w-indent
		}
		a := align
		if a == alignJustify && i == len(lines)-1 {
			a = alignLeft
		}
		d.line(x, d.y, w, l, a)
		d.y += d.lineH()
	}
	d.y += 1.2
}

// wrapIndented wraps s with a narrower first line.
func (d *pdfDoc) wrapIndented(s string, w, indent float64) []string {
	if indent == 0 {
		return d.wrap(s, w)
	}
	first := d.wrap(s, w-indent)
	if len(first) <= 1 {
		return first
	}
	// Re-wrap what follows the first line at the full width.
	rest := strings.TrimSpace(strings.TrimPrefix(strings.Join(strings.Fields(nfc(s)), " "), first[0]))
	return append([]string{first[0]}, d.wrap(rest, w)...)
}

// heading writes a section heading and keeps it with the next minAfter mm.
func (d *pdfDoc) heading(s string, minAfter float64) {
	d.font("B", bodySize)
	d.y += 1.5
	d.ensure(d.lineH()*2 + minAfter)
	for _, l := range d.wrap(s, contentW) {
		d.line(marginL, d.y, contentW, l, alignLeft)
		d.y += d.lineH()
	}
	d.y += 1
}

// header draws the two-column head of the summary report.
func (d *pdfDoc) header(s *Summary) {
	d.docHeader(s.Agency, reportSymbol(s.Campaign), DateLine(s.Place, s.Date))
}

// docHeader draws the two-column head of an administrative document
// (Nghị định 30/2020/NĐ-CP): on the left the agency ("\n" between the
// parent agency, regular, and the issuing one, bold, with a short rule
// under it) and the number and symbol; on the right the national name, the
// motto underlined across its width, and the place-and-date line.
func (d *pdfDoc) docHeader(agencyText, symbol, dateLine string) {
	d.docHeaderRows(agencyText, symbol, dateLine, false)
}

// docHeaderRows is docHeader; with level, the number and the date line
// share one baseline, as in the decree's model, and a long agency name
// wraps into lines of even length.
func (d *pdfDoc) docHeaderRows(agencyText, symbol, dateLine string, level bool) {
	const leftW, rightX = 72.0, marginL + 66.0
	leftX := marginL - 8
	rightW := pageW - marginR + 4 - rightX
	top := d.y

	// Left: parent agency lines regular, the issuing agency bold, a short rule.
	y := top
	agency := strings.Split(strings.TrimSpace(nfc(agencyText)), "\n")
	for i, a := range agency {
		style := ""
		if i == len(agency)-1 {
			style = "B"
		}
		d.font(style, 12.5)
		wrap := d.wrap
		if level {
			wrap = d.balancedWrap
		}
		for _, l := range wrap(strings.ToUpper(strings.TrimSpace(a)), leftW) {
			d.line(leftX, y, leftW, l, alignCenter)
			y += d.lineH()
		}
	}
	if strings.TrimSpace(agencyText) != "" {
		d.rule(leftX+leftW/2-12, y+0.6, 24)
		y += 2.5
	}
	// The number under the agency; with level, once the right column
	// shows where the date line goes.
	drawSymbol := func(ry *float64) {
		if symbol == "" {
			return
		}
		d.font("", 13)
		y += 1
		if level {
			y = max(y, *ry)
			*ry = y
		}
		d.line(leftX, y, leftW, symbol, alignCenter)
		y += d.lineH()
	}
	if !level {
		drawSymbol(nil)
	}

	// Right: Quốc hiệu, Tiêu ngữ underlined across its width, date line.
	ry := top
	d.font("B", 12.5)
	d.line(rightX, ry, rightW, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", alignCenter)
	ry += d.lineH()
	d.font("B", 13)
	motto := "Độc lập - Tự do - Hạnh phúc"
	d.line(rightX, ry, rightW, motto, alignCenter)
	ry += d.lineH()
	mw := d.width(motto)
	d.rule(rightX+(rightW-mw)/2, ry+0.2, mw)
	ry += 4
	if level {
		drawSymbol(&ry)
	}
	d.font("I", 13)
	d.line(rightX, ry, rightW, dateLine, alignCenter)
	ry += d.lineH()

	d.y = max(y, ry) + 6
}

// rule draws a thin horizontal line.
func (d *pdfDoc) rule(x, y, w float64) {
	d.gp.SetStrokeColor(0, 0, 0)
	d.gp.SetLineWidth(0.25)
	d.gp.Line(x, y, x+w, y)
}

func (d *pdfDoc) title(s *Summary) {
	d.font("B", 14)
	d.line(marginL, d.y, contentW, "BÁO CÁO TỔNG KẾT", alignCenter)
	d.y += d.lineH()
	d.font("B", 13)
	for _, l := range d.wrap(s.Campaign.Title, contentW-20) {
		d.line(marginL, d.y, contentW, l, alignCenter)
		d.y += d.lineH()
	}
	d.rule(pageW/2+(marginL-marginR)/2-20, d.y+0.8, 40)
	d.y += 6
}

func (d *pdfDoc) intro(s *Summary) {
	c := s.Campaign
	d.paragraph(planSentence(c), "", bodySize, alignJustify, 10)
	var facts []string
	if p := period(c); p != "" {
		facts = append(facts, "Thời gian thực hiện: "+p+".")
	}
	if c.Form != "" {
		facts = append(facts, "Hình thức: "+thidua.Label(thidua.CampaignForms, c.Form)+"; loại: "+strings.ToLower(thidua.Label(thidua.CampaignKinds, c.Kind))+".")
	}
	if c.Participants != "" {
		facts = append(facts, "Đối tượng tham gia: "+strings.ToLower(thidua.Label(thidua.ParticipantKinds, c.Participants))+
			"; cách tổng hợp điểm: "+lowerFirst(thidua.Label(thidua.Aggregations, c.Aggregation))+".")
	}
	for _, f := range facts {
		d.paragraph("- "+f, "", bodySize, alignJustify, 10)
	}
}

func (d *pdfDoc) participation(s *Summary) {
	d.heading("I. TÌNH HÌNH THAM GIA", 20)
	t := progressTotal(s.Progress)
	coll, ind := len(resultsOf(s, thidua.ForCollectives)), len(resultsOf(s, thidua.ForIndividuals))
	d.paragraph(fmt.Sprintf("Toàn đợt có %d lượt đăng ký thi đua của %d đơn vị; %d lượt được duyệt (%d tập thể, %d cá nhân), %d lượt đã nộp minh chứng, %d lượt đã được thẩm định, chấm điểm. Chi tiết theo đơn vị:",
		t.Registered, len(s.Progress), t.Approved, coll, ind, t.WithEvidence, t.Scored), "", bodySize, alignJustify, 10)
	tb := &pdfTable{cols: []pdfCol{
		{head: "TT", align: alignCenter},
		{head: "Đơn vị", align: alignLeft, flex: true},
		{head: "Đăng ký", align: alignCenter},
		{head: "Được duyệt", align: alignCenter},
		{head: "Có minh chứng", align: alignCenter},
		{head: "Đã chấm điểm", align: alignCenter},
	}}
	for i, p := range s.Progress {
		tb.rows = append(tb.rows, pdfRow{cells: []string{strconv.Itoa(i + 1), p.UnitName,
			strconv.Itoa(p.Registered), strconv.Itoa(p.Approved), strconv.Itoa(p.WithEvidence), strconv.Itoa(p.Scored)}})
	}
	tb.rows = append(tb.rows, pdfRow{bold: true, cells: []string{"", "Tổng cộng",
		strconv.Itoa(t.Registered), strconv.Itoa(t.Approved), strconv.Itoa(t.WithEvidence), strconv.Itoa(t.Scored)}})
	d.table(tb)
}

func (d *pdfDoc) criteriaSection(s *Summary) {
	d.heading("II. KẾT QUẢ THEO TIÊU CHÍ", 20)
	d.paragraph("Điểm bình quân là trung bình điểm cuối cùng của tiêu chí trên số tập thể, cá nhân đã được chấm tiêu chí đó; điểm tổng của mỗi tập thể, cá nhân bằng tổng điểm các tiêu chí nhân trọng số.", "", bodySize, alignJustify, 10)
	tb := &pdfTable{cols: []pdfCol{
		{head: "Mã", align: alignCenter},
		{head: "Nội dung, tiêu chí", align: alignLeft, flex: true},
		{head: "Áp dụng", align: alignCenter, wrap: true},
		{head: "Điểm tối đa", align: alignCenter},
		{head: "Trọng số", align: alignCenter},
		{head: "Điểm bình quân", align: alignCenter},
		{head: "Số được chấm", align: alignCenter},
	}}
	for _, st := range criterionStats(s) {
		c := st.Criterion
		avg := "–"
		if st.Scored > 0 {
			avg = FormatNumber(st.Average)
		}
		tb.rows = append(tb.rows, pdfRow{cells: []string{c.Code, c.Title, thidua.Label(thidua.ParticipantKinds, c.AppliesTo),
			FormatNumber(c.MaxScore), FormatNumber(c.Weight), avg, fmt.Sprintf("%d/%d", st.Scored, st.Applicable)}})
	}
	d.table(tb)
}

func (d *pdfDoc) rankings(s *Summary) {
	d.heading("III. KẾT QUẢ XẾP HẠNG", 30)
	n := 0
	incomplete := false
	for _, kind := range []string{thidua.ForCollectives, thidua.ForIndividuals} {
		rs := resultsOf(s, kind)
		if len(rs) == 0 {
			continue
		}
		n++
		d.heading(fmt.Sprintf("%d. %s (%d)", n, kindTitle(kind), len(rs)), 25)
		crit := criteriaFor(s, kind)
		unit := showUnit(rs)
		name := "Họ và tên"
		if kind == thidua.ForCollectives {
			name = "Tên tập thể"
		}
		cols := []pdfCol{{head: "Hạng", align: alignCenter}, {head: name, align: alignLeft, flex: true}}
		if unit {
			cols = append(cols, pdfCol{head: "Đơn vị", align: alignLeft, flex: true})
		}
		for _, c := range crit {
			cols = append(cols, pdfCol{head: c.Code + "\n(" + FormatNumber(c.MaxScore) + ")", align: alignCenter})
		}
		cols = append(cols, pdfCol{head: "Tổng điểm", align: alignCenter}, pdfCol{head: "Tỷ lệ (%)", align: alignCenter})
		tb := &pdfTable{cols: cols}
		for _, r := range rs {
			rank := strconv.Itoa(r.Rank)
			if r.Tied {
				rank += "\n(đồng hạng)"
			}
			cells := []string{rank, r.Registration.Name}
			if unit {
				cells = append(cells, r.Registration.UnitName)
			}
			for _, c := range crit {
				cr, ok := criterionResult(r, c.ID)
				if ok && cr.Scored {
					cells = append(cells, FormatNumber(cr.Final))
				} else {
					cells = append(cells, "–")
				}
			}
			total := FormatNumber(r.Total)
			if !r.Complete {
				total += "*"
				incomplete = true
			}
			cells = append(cells, total, FormatNumber(r.Percent))
			tb.rows = append(tb.rows, pdfRow{cells: cells})
		}
		d.table(tb)
	}
	if n == 0 {
		d.paragraph("Chưa có tập thể, cá nhân nào được duyệt đăng ký.", "I", bodySize, alignLeft, 10)
		return
	}
	var notes []string
	notes = append(notes, "Ghi chú: các cột tiêu chí ghi điểm cuối cùng của tiêu chí (trong ngoặc là điểm tối đa), chưa nhân trọng số; các tập thể, cá nhân bằng điểm được xếp đồng hạng.")
	if incomplete {
		notes = append(notes, "(*) Chưa được chấm đủ các tiêu chí; dấu “–” là tiêu chí chưa có điểm.")
	}
	for _, n := range notes {
		d.paragraph(n, "I", 11.5, alignJustify, 0)
	}
}

// signature draws "Nơi nhận" on the left and the signer of the campaign's
// plan on the right, when the campaign names one.
func (d *pdfDoc) signature(s *Summary) {
	c := s.Campaign
	if c.Signer == "" && c.SignerPost == "" {
		return
	}
	d.y += 4
	d.ensure(45)
	top := d.y
	d.font("BI", 12)
	d.text(marginL-8, top, "Nơi nhận:")
	d.font("", 11)
	y := top + 5.5
	for _, l := range []string{"- Các đơn vị tham gia;", "- Lưu: VT."} {
		d.text(marginL-8, y, l)
		y += d.lineH()
	}
	const rx, rw = marginL + 75.0, contentW - 75.0
	d.font("B", 13)
	ry := top
	for _, l := range d.wrap(strings.ToUpper(nfc(c.SignerPost)), rw) {
		d.line(rx, ry, rw, l, alignCenter)
		ry += d.lineH()
	}
	ry += 24
	d.line(rx, ry, rw, c.Signer, alignCenter)
	d.y = max(y, ry+d.lineH())
}

// pageNumbers writes "Trang x/y" at the foot of every page, once the page
// count is known.
func (d *pdfDoc) pageNumbers() {
	n := d.gp.GetNumberOfPages()
	for i := 1; i <= n; i++ {
		d.fail(d.gp.SetPage(i))
		d.gp.SetTextColor(0, 0, 0)
		d.font("I", 10)
		d.line(marginL, footerY, contentW, fmt.Sprintf("Trang %d/%d", i, n), alignCenter)
	}
}

// pdfCol is a table column. A flex column takes the width the others leave
// and wraps at spaces; a wrap column is as wide as its widest word; other
// columns are as wide as their widest line.
type pdfCol struct {
	head  string
	align int
	flex  bool
	wrap  bool
}

// pdfRow is a table row. A span row is a group heading: cells[0] in the
// first column and cells[1] across all the others; it is kept on the page
// of the row that follows it.
type pdfRow struct {
	cells []string
	bold  bool
	span  bool
}

// rowWidths returns the widths of r's cells given the column widths w.
func rowWidths(r pdfRow, w []float64) []float64 {
	if !r.span || len(w) < 2 {
		return w
	}
	var rest float64
	for _, x := range w[1:] {
		rest += x
	}
	return []float64{w[0], rest}
}

type pdfTable struct {
	cols    []pdfCol
	rows    []pdfRow
	maxSize float64   // largest font size to try; tableSize when zero
	size    float64   // font size chosen by layout
	w       []float64 // column widths chosen by layout
}

// layout picks the largest font size, from tableSize down to tableMin, at
// which the table fits the content width without cutting words, and the
// column widths. A table too wide even then (many criteria) keeps its
// number columns whole and cuts the words of the flex columns.
func (d *pdfDoc) layout(t *pdfTable) {
	start := tableSize
	if t.maxSize > 0 {
		start = t.maxSize
	}
	for size := start; size >= tableMin; size -= 0.5 {
		if d.layoutAt(t, size, layoutNormal) {
			return
		}
	}
	if !d.layoutAt(t, tableMin, layoutTight) {
		d.layoutAt(t, tableMin, layoutForce)
	}
}

// Layout modes, from roomy to cramped.
const (
	layoutNormal = iota // headers wrap past ~12 mm, number columns ≥ 8 mm
	layoutTight         // number columns as narrow as their widest word
	layoutForce         // flex columns cut words; everything scales if need be
)

func (d *pdfDoc) layoutAt(t *pdfTable, size float64, mode int) bool {
	n := len(t.cols)
	w := make([]float64, n)
	natural := make([]float64, n)   // flex columns: unwrapped width
	least := make([]float64, n)     // flex columns: narrowest without cutting words
	unwrapped := make([]float64, n) // other columns: width with the header on its lines
	var fixed, flexNat, flexLeast float64
	for i, c := range t.cols {
		d.font("B", size)
		headLine, headWord := d.maxLine(c.head), d.maxWord(c.head)
		var cellLine, cellWord float64
		for _, r := range t.rows {
			if i >= len(r.cells) || r.span && i > 0 {
				continue
			}
			if r.bold {
				d.font("B", size)
			} else {
				d.font("", size)
			}
			cellLine = max(cellLine, d.maxLine(r.cells[i]))
			cellWord = max(cellWord, d.maxWord(r.cells[i]))
		}
		switch {
		case c.flex:
			natural[i] = max(headLine, cellLine) + 2*cellPadX
			least[i] = max(headWord, cellWord, min(cellLine, 28)) + 2*cellPadX
			flexNat += natural[i]
			flexLeast += least[i]
			continue
		case c.wrap && mode != layoutNormal:
			w[i] = max(headWord, cellWord)
		case c.wrap:
			// As wide as the widest word, widened towards a short line.
			w[i] = max(headWord, cellWord, min(cellLine, 22*size/tableSize))
		case mode != layoutNormal:
			w[i] = max(cellLine, headWord)
		default:
			// Cells stay on one line; a header wraps when longer than ~12 mm.
			w[i] = max(cellLine, headWord, min(headLine, 12*size/tableSize), 8*size/tableSize)
		}
		w[i] += 2 * cellPadX
		unwrapped[i] = max(w[i], headLine+2*cellPadX)
		fixed += w[i]
	}
	avail := contentW - fixed
	switch {
	case flexNat == 0 && avail >= 0:
		// No flex column: spread the spare width evenly.
		for i := range w {
			w[i] += avail / float64(n)
		}
	case flexNat > 0 && flexNat <= avail:
		// Room to spare: first unwrap the headers of the other columns,
		// then widen the flex columns.
		spare := avail - flexNat
		for i, c := range t.cols {
			if !c.flex && unwrapped[i] > w[i] {
				add := min(spare, unwrapped[i]-w[i])
				w[i] += add
				spare -= add
			}
		}
		for i, c := range t.cols {
			if c.flex {
				w[i] = natural[i] + spare*natural[i]/flexNat
			}
		}
	case flexNat > 0 && flexLeast <= avail:
		// Not every flex text fits on one line. Share the width out as
		// spreadFlex does, once as is and once with every header on its own
		// lines (taking room from the flex columns), and keep the layout
		// with fewer lines; on a tie, the one with unwrapped headers.
		best := d.spreadFlex(t, size, w, natural, least, avail)
		var cost float64
		for i := range w {
			cost += unwrapped[i] - w[i] // zero for flex columns
		}
		if cost > 0 && avail-cost >= flexLeast {
			wide := slices.Clone(w)
			for i, c := range t.cols {
				if !c.flex {
					wide[i] = unwrapped[i]
				}
			}
			wide = d.spreadFlex(t, size, wide, natural, least, avail-cost)
			if d.tableLines(t, size, wide) <= d.tableLines(t, size, best) {
				best = wide
			}
		}
		w = best
	case mode != layoutForce:
		return false
	case flexNat > 0 && avail >= 12*float64(flexCount(t)):
		// The number columns stay whole; the flex columns share what is
		// left, and wrap cuts the words that no longer fit.
		for i, c := range t.cols {
			if c.flex {
				w[i] = avail * least[i] / flexLeast
			}
		}
	default:
		// Nothing fits even at the smallest size: scale every column down.
		total := fixed + flexLeast
		for i, c := range t.cols {
			if c.flex {
				w[i] = least[i]
			}
			w[i] *= contentW / total
		}
	}
	t.size, t.w = size, w
	return true
}

// spreadFlex returns w with the flex columns sharing avail mm: each starts
// at its least width, then the rest is handed out a little at a time to the
// column where it saves the most lines, so that wide texts get room before
// narrow ones.
func (d *pdfDoc) spreadFlex(t *pdfTable, size float64, w0, natural, least []float64, avail float64) []float64 {
	w := slices.Clone(w0)
	var sumLeast float64
	for i, c := range t.cols {
		if c.flex {
			w[i] = least[i]
			sumLeast += least[i]
		}
	}
	spare := avail - sumLeast
	const step = 2.0
	for spare > 0 {
		inc := min(step, spare)
		best, bestLines := -1, 0
		for i, c := range t.cols {
			if !c.flex || w[i] >= natural[i] {
				continue
			}
			w[i] += inc
			lines := d.tableLines(t, size, w)
			w[i] -= inc
			if best < 0 || lines < bestLines || lines == bestLines && natural[i]-w[i] > natural[best]-w[best] {
				best, bestLines = i, lines
			}
		}
		if best < 0 {
			break
		}
		w[best] += inc
		spare -= inc
	}
	if spare > 0 { // every flex column is at its natural width
		var sumNat float64
		for i, c := range t.cols {
			if c.flex {
				sumNat += natural[i]
			}
		}
		for i, c := range t.cols {
			if c.flex {
				w[i] += spare * natural[i] / sumNat
			}
		}
	}
	return w
}

func flexCount(t *pdfTable) int {
	n := 0
	for _, c := range t.cols {
		if c.flex {
			n++
		}
	}
	return n
}

// tableLines counts the text lines of the header and the rows of t at a
// font size and column widths. Long tables are sampled: at most 120 rows.
func (d *pdfDoc) tableLines(t *pdfTable, size float64, w []float64) int {
	header := pdfRow{bold: true}
	for _, c := range t.cols {
		header.cells = append(header.cells, c.head)
	}
	rows := t.rows
	if len(rows) > 120 {
		rows = make([]pdfRow, 0, 120)
		for i := range 120 {
			rows = append(rows, t.rows[i*len(t.rows)/120])
		}
	}
	total := 0
	for _, r := range append([]pdfRow{header}, rows...) {
		if r.bold {
			d.font("B", size)
		} else {
			d.font("", size)
		}
		lines := 1
		rw := rowWidths(r, w)
		for i, cell := range r.cells {
			if i < len(rw) {
				lines = max(lines, len(d.wrap(cell, rw[i]-2*cellPadX)))
			}
		}
		total += lines
	}
	return total
}

// table draws t, breaking pages between rows and repeating the header row
// on each new page.
func (d *pdfDoc) table(t *pdfTable) {
	d.layout(t)
	header := pdfRow{bold: true}
	for _, c := range t.cols {
		header.cells = append(header.cells, c.head)
	}
	hh := d.rowHeight(t, header)
	first := 0.0
	if len(t.rows) > 0 {
		first = d.rowHeight(t, t.rows[0])
	}
	d.ensure(hh + first)
	d.drawRow(t, header, hh, true)
	for k, r := range t.rows {
		h := d.rowHeight(t, r)
		need := h
		if r.span && k+1 < len(t.rows) {
			need += d.rowHeight(t, t.rows[k+1]) // keep a heading with its first row
		}
		if d.y+need > bottomY {
			d.newPage()
			d.drawRow(t, header, hh, true)
		}
		d.drawRow(t, r, h, false)
	}
	d.y += 3
}

func (d *pdfDoc) rowFont(t *pdfTable, r pdfRow) {
	if r.bold {
		d.font("B", t.size)
	} else {
		d.font("", t.size)
	}
}

func (d *pdfDoc) rowHeight(t *pdfTable, r pdfRow) float64 {
	d.rowFont(t, r)
	lines := 1
	w := rowWidths(r, t.w)
	for i, cell := range r.cells {
		if i < len(w) {
			lines = max(lines, len(d.wrap(cell, w[i]-2*cellPadX)))
		}
	}
	return float64(lines)*d.lineH() + 2*cellPadY
}

func (d *pdfDoc) drawRow(t *pdfTable, r pdfRow, h float64, head bool) {
	x := marginL
	w := rowWidths(r, t.w)
	d.gp.SetLineWidth(0.2)
	d.gp.SetStrokeColor(0, 0, 0)
	for i := range w {
		if head {
			d.gp.SetFillColor(225, 225, 225)
			d.gp.RectFromUpperLeftWithStyle(x, d.y, w[i], h, "FD")
		} else {
			d.gp.RectFromUpperLeftWithStyle(x, d.y, w[i], h, "D")
		}
		x += w[i]
	}
	d.gp.SetFillColor(0, 0, 0)
	d.rowFont(t, r)
	x = marginL
	for i, cell := range r.cells {
		if i >= len(w) {
			break
		}
		lines := d.wrap(cell, w[i]-2*cellPadX)
		align := t.cols[i].align
		if head {
			align = alignCenter
		} else if r.span && i > 0 {
			align = alignLeft
		}
		// Centre the text block vertically in the row.
		y := d.y + (h-float64(len(lines))*d.lineH())/2
		for _, l := range lines {
			d.line(x+cellPadX, y, w[i]-2*cellPadX, l, align)
			y += d.lineH()
		}
		x += w[i]
	}
	d.y += h
}
