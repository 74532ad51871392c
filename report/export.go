package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"thidua"
	"thidua/report/workbook"
)

// Exporter writes lists and the statutory statistics; it implements
// thidua.Exporter.
type Exporter struct{}

var _ thidua.Exporter = Exporter{}

// The statutory statistics.

// statDec is a figure with decimals of the statistics (a percentage, a
// ratio), rounded to two: a number in the workbook, "48,04" in the PDF.
type statDec float64

func newStatDec(f float64) statDec { return statDec(math.Round(f*100) / 100) }
func (d statDec) String() string   { return FormatNumber(float64(d)) }
func (y statYear) String() string  { return strconv.Itoa(int(y)) }

// statYear is a year of the statistics: a number without separators.
type statYear int

// statRow is a row of the table by title and form.
type statRow struct {
	stt, label string
	level      int // 0: section (I, II), 1: level subtotal, 2: an award, 3: grand total
	v          thidua.AwardRow
}

// statRows groups the counts as the statutory forms do: titles, then
// forms; within each, state, provincial and base level, each with its
// subtotal; the grand total last.
func statRows(d *thidua.StatsData) []statRow {
	rows := d.ByAward()
	totals := thidua.LevelTotals(rows)
	var out []statRow
	var grand thidua.AwardRow
	roman := []string{"I", "II"}
	for ki, kind := range []struct{ code, label string }{{thidua.FactTitle, "DANH HIỆU THI ĐUA"}, {thidua.FactForm, "HÌNH THỨC KHEN THƯỞNG"}} {
		var sec thidua.AwardRow
		for _, lv := range thidua.AwardLevels {
			t := totals[kind.code+"/"+lv.Code]
			addRow(&sec, t)
		}
		addRow(&grand, sec)
		out = append(out, statRow{stt: roman[ki], label: kind.label, level: 0, v: sec})
		for li, lv := range thidua.AwardLevels {
			out = append(out, statRow{stt: strconv.Itoa(li + 1), label: lv.Label, level: 1, v: totals[kind.code+"/"+lv.Code]})
			for _, r := range rows {
				if r.Kind == kind.code && r.Level == lv.Code {
					out = append(out, statRow{stt: "-", label: r.Label, level: 2, v: r})
				}
			}
		}
	}
	out = append(out, statRow{label: "TỔNG CỘNG", level: 3, v: grand})
	return out
}

func addRow(t *thidua.AwardRow, r thidua.AwardRow) {
	t.Total += r.Total
	t.Collective += r.Collective
	t.Individual += r.Individual
	t.Leaders += r.Leaders
	t.Staff += r.Staff
	t.Women += r.Women
}

var statHeads = []string{"STT", "Danh hiệu thi đua, hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân",
	"Trong đó: lãnh đạo, quản lý", "Trong đó: không giữ chức vụ lãnh đạo", "Trong đó: nữ", "Tỷ lệ nữ trong cá nhân (%)"}

func (r statRow) cells() []any {
	v := r.v
	var pct any = ""
	if v.Individual > 0 {
		pct = newStatDec(float64(v.Women) * 100 / float64(v.Individual))
	}
	return []any{r.stt, r.label, v.Total, v.Collective, v.Individual, v.Leaders, v.Staff, v.Women, pct}
}

var unitHeads = []string{"Đơn vị", "Danh hiệu: tập thể", "Danh hiệu: cá nhân", "Hình thức: tập thể", "Hình thức: cá nhân",
	"Cấp Nhà nước", "Cấp Bộ, ngành, tỉnh", "Cấp cơ sở", "Tổng số", "Số người hiện có", "Khen cá nhân trên 100 người"}

func unitCells(r *thidua.UnitRow) []any {
	return []any{r.Label, r.TitlesCollective, r.TitlesIndividual, r.FormsCollective, r.FormsIndividual,
		r.ByLevel[0], r.ByLevel[1], r.ByLevel[2], r.Total, r.Headcount, newStatDec(r.PerHundred())}
}

func unitTotal(rows []thidua.UnitRow) thidua.UnitRow {
	t := thidua.UnitRow{Label: "Tổng cộng"}
	for _, r := range rows {
		t.TitlesCollective += r.TitlesCollective
		t.TitlesIndividual += r.TitlesIndividual
		t.FormsCollective += r.FormsCollective
		t.FormsIndividual += r.FormsIndividual
		for i := range t.ByLevel {
			t.ByLevel[i] += r.ByLevel[i]
		}
		t.Total += r.Total
		t.Headcount += r.Headcount
	}
	return t
}

var yearHeads = []string{"Năm", "Danh hiệu thi đua", "Hình thức khen thưởng", "Cấp Nhà nước", "Cấp Bộ, ngành, tỉnh", "Cấp cơ sở",
	"Tổng số", "Khen cá nhân", "Trong đó: lãnh đạo, quản lý", "Trong đó: nữ"}

func yearCells(r *thidua.YearRow) []any {
	return []any{statYear(r.Year), r.Titles, r.Forms, r.ByLevel[0], r.ByLevel[1], r.ByLevel[2], r.Total(), r.Individual, r.Leaders, r.Women}
}

var fairHeads = []string{"Nhóm", "Số người hiện có", "Tỷ lệ trong nhân sự (%)", "Lượt khen cá nhân", "Tỷ lệ trong khen thưởng (%)",
	"Khen cấp tỉnh trở lên", "Tỷ lệ trong khen cấp tỉnh trở lên (%)"}

func fairRows(f thidua.Fairness) [][]any {
	pct := func(a, b int) statDec { return newStatDec(thidua.Share(a, b) * 100) }
	row := func(label string, head, awards, high int) []any {
		return []any{label, head, pct(head, f.Headcount), awards, pct(awards, f.Awards), high, pct(high, f.HighAwards)}
	}
	return [][]any{
		row("Lãnh đạo, quản lý", f.HeadLeaders, f.LeaderAwards, f.HighLeaders),
		row("Không giữ chức vụ lãnh đạo, quản lý", f.HeadStaff, f.StaffAwards, f.HighStaff),
		row("Nữ", f.HeadWomen, f.WomenAwards, f.HighWomen),
		row("Nam", f.HeadMen, f.MenAwards, f.HighMen),
		{"Tổng số cá nhân", f.Headcount, statDec(100), f.Awards, statDec(100), f.HighAwards, statDec(100)},
	}
}

// statsNotes explains how the figures are counted.
var statsNotes = []string{
	"Số liệu gồm các danh hiệu thi đua và hình thức khen thưởng đã ghi trong lịch sử khen thưởng của tập thể, cá nhân thuộc phạm vi báo cáo; danh hiệu, hình thức đã bị hủy bỏ không được tính. Danh hiệu tính theo năm của danh hiệu; hình thức khen thưởng tính theo năm của ngày quyết định.",
	"Cấp khen thưởng: cấp Nhà nước gồm Huân chương, Bằng khen của Thủ tướng Chính phủ, Chiến sĩ thi đua toàn quốc, Cờ thi đua của Chính phủ; cấp Bộ, ngành, tỉnh gồm Bằng khen, Cờ thi đua, Chiến sĩ thi đua cấp tỉnh, Tập thể lao động xuất sắc; còn lại là cấp cơ sở.",
	"Lãnh đạo, quản lý: cá nhân giữ chức vụ lãnh đạo, quản lý trong năm được khen theo quá trình chức vụ đã ghi; nếu chưa ghi, theo chức vụ hiện tại. Số người hiện có là số cá nhân đang công tác tại ngày lập báo cáo.",
}

// StatsXLSX writes the statistics workbook: the statutory table by title
// and form, then by unit, by year, the fairness table (R-GEN-03), the list
// of awards counted, and the notes.
func (Exporter) StatsXLSX(w io.Writer, r *thidua.StatsReport) error {
	if r == nil || r.Data == nil {
		return fmt.Errorf("report: statistics without data")
	}
	title := "THỐNG KÊ SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG " + strings.ToUpper(r.Years())
	s := workbook.NewStream(w, workbook.Props{Title: title, Subject: "Báo cáo thống kê thi đua, khen thưởng", Created: r.Date})
	defer s.Abort()
	st := streamListStyles(s)
	scope := "Phạm vi: " + r.Scope + ". Ngày lập: " + thidua.FormatDate(r.Date) + "."
	// Figures are numbers with a number format, so that they sum and sort.
	cells := func(vals []any, style func(col int) int) []workbook.Cell {
		out := make([]workbook.Cell, len(vals))
		for i, v := range vals {
			s := style(i)
			switch n := v.(type) {
			case statDec:
				v, s = float64(n), st.figure(false, n, s == st.bold)
			case statYear:
				v, s = int(n), st.figure(true, n, s == st.bold)
			case int:
				s = st.figure(false, n, s == st.bold)
			}
			out[i] = workbook.Cell{Style: s, Value: v}
		}
		return out
	}
	// head starts a sheet with the title, the scope and the header row.
	head := func(sh *workbook.Sheet, heads []string, widths []float64) error {
		if err := sh.Start(workbook.SheetOptions{Widths: widths, FreezeRows: 4}); err != nil {
			return err
		}
		if err := sh.Row(1, 0, workbook.Cell{Style: st.title, Value: title}); err != nil {
			return err
		}
		if err := sh.Row(2, 0, workbook.Cell{Style: st.note, Value: scope}); err != nil {
			return err
		}
		hs := make([]workbook.Cell, len(heads))
		for i, h := range heads {
			hs[i] = workbook.Cell{Style: st.head, Value: h}
		}
		return sh.Row(4, 48, hs...)
	}
	table := func(name string, heads []string, widths []float64, rows [][]any, bold func(i int) bool) error {
		sh := s.AddSheet(name)
		if err := head(sh, heads, widths); err != nil {
			return err
		}
		for i, row := range rows {
			b := bold != nil && bold(i)
			if err := sh.Row(5+i, 0, cells(row, func(col int) int {
				switch {
				case b:
					return st.bold
				case col == 0 || col == 1 && len(heads) > 8:
					return st.wrap
				}
				return st.num
			})...); err != nil {
				return err
			}
		}
		return sh.Close()
	}

	srows := statRows(r.Data)
	var rows [][]any
	for _, sr := range srows {
		rows = append(rows, sr.cells())
	}
	if err := table("Theo danh hiệu, hình thức", statHeads, []float64{6, 46, 10, 10, 10, 14, 16, 10, 12}, rows,
		func(i int) bool { return srows[i].level != 2 }); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	urows := r.Data.ByUnit()
	rows = nil
	for i := range urows {
		rows = append(rows, unitCells(&urows[i]))
	}
	t := unitTotal(urows)
	rows = append(rows, unitCells(&t))
	if err := table("Theo đơn vị", unitHeads, []float64{44, 11, 11, 11, 11, 11, 12, 11, 10, 11, 13}, rows,
		func(i int) bool { return i == len(urows) }); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	yrows := r.Data.ByYear()
	rows = nil
	for i := range yrows {
		rows = append(rows, yearCells(&yrows[i]))
	}
	if err := table("Theo năm", yearHeads, []float64{8, 12, 13, 11, 12, 11, 10, 12, 14, 10}, rows, nil); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	if err := table("Bình đẳng, ưu tiên", fairHeads, []float64{36, 12, 13, 12, 14, 13, 16}, fairRows(r.Data.Fairness()),
		func(i int) bool { return i == 4 }); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	if err := streamFactList(s.AddSheet("Danh sách khen thưởng"), st, head, r.Data); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	notes := s.AddSheet("Ghi chú")
	if err := notes.Start(workbook.SheetOptions{Widths: []float64{110}}); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	if err := notes.Row(1, 0, workbook.Cell{Style: st.title, Value: "GHI CHÚ"}); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	for i, n := range statsNotes {
		if err := notes.Row(3+i, 64, workbook.Cell{Style: st.wrap, Value: n}); err != nil {
			return fmt.Errorf("report: statistics xlsx: %w", err)
		}
	}
	if err := notes.Close(); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", err)
	}
	return nil
}

// streamFactList writes the list of awards counted, one row per fact, as
// they come (StatsData.ForEachFact), so a province's list is never held
// whole; the header and layout are those of the other sheets (head), and
// the list is a table with filter buttons.
func streamFactList(sh *workbook.Sheet, st *listStyles, head func(*workbook.Sheet, []string, []float64) error, d *thidua.StatsData) error {
	heads := []string{"Năm", "Loại", "Mã", "Danh hiệu, hình thức", "Cấp", "Đối tượng", "Tập thể, cá nhân", "Số quyết định",
		"Lãnh đạo, quản lý", "Nữ"}
	if err := head(sh, heads, []float64{7, 20, 9, 40, 30, 10, 30, 18, 10, 7}); err != nil {
		return err
	}
	cells := make([]workbook.Cell, len(heads))
	i := 0
	err := d.ForEachFact(func(fa *thidua.AwardFact) error {
		kind := "Danh hiệu thi đua"
		if fa.Kind == thidua.FactForm {
			kind = "Hình thức khen thưởng"
		}
		subj := "Cá nhân"
		if !fa.Individual() {
			subj = "Tập thể"
		}
		cells[0] = workbook.Cell{Style: st.figure(true, statYear(fa.Year), false), Value: fa.Year}
		for j, v := range []string{kind, fa.Code, thidua.AwardName(fa.Code), thidua.Label(thidua.AwardLevels, fa.Level),
			subj, fa.Name, fa.Decision, yesNo(fa.Individual() && fa.Leader), yesNo(fa.Individual() && fa.Female)} {
			style := st.num
			if j == 0 {
				style = st.wrap
			}
			cells[j+1] = workbook.Cell{Style: style, Value: v}
		}
		i++
		return sh.Row(4+i, 0, cells...)
	})
	if err != nil {
		return err
	}
	if i > 0 {
		if err := sh.AddTable("KhenThuong", 4, 4+i, heads); err != nil {
			return err
		}
	}
	return sh.Close()
}

func yesNo(b bool) string {
	if b {
		return "x"
	}
	return ""
}

// StatsPDF writes the statistics as an A4 report in the layout of an
// administrative document: the agency and national headings, the title,
// a table per view, the notes and the signature blocks.
func (Exporter) StatsPDF(w io.Writer, r *thidua.StatsReport) error {
	if r == nil || r.Data == nil {
		return fmt.Errorf("report: statistics without data")
	}
	d, err := newPDF()
	if err != nil {
		return err
	}
	title := "Thống kê số lượng danh hiệu thi đua, hình thức khen thưởng " + r.Years()
	d.gp.SetInfo(gopdf.PdfInfo{Title: nfc("Báo cáo " + title), Subject: "Báo cáo thống kê thi đua, khen thưởng",
		Author: agencyLine(r.Agency), Creator: "thidua", CreationDate: r.Date})
	d.newPage()
	d.docHeader(r.Agency, "Số:        /BC-TĐKT", DateLine(r.Place, r.Date))
	d.font("B", 14)
	d.line(marginL, d.y, contentW, "BÁO CÁO", alignCenter)
	d.y += d.lineH()
	d.font("B", 13)
	for _, l := range d.wrap(title, contentW-20) {
		d.line(marginL, d.y, contentW, l, alignCenter)
		d.y += d.lineH()
	}
	d.rule(pageW/2+(marginL-marginR)/2-20, d.y+0.8, 40)
	d.y += 6
	d.paragraph("Phạm vi báo cáo: "+r.Scope+". Số liệu tính đến ngày "+thidua.FormatDate(r.Date)+".", "", bodySize, alignJustify, 10)

	d.heading("I. SỐ LƯỢNG THEO DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG", 20)
	tb := &pdfTable{cols: []pdfCol{
		{head: "STT", align: alignCenter},
		{head: statHeads[1], align: alignLeft, flex: true},
		{head: "Tổng số", align: alignCenter},
		{head: "Tập thể", align: alignCenter},
		{head: "Cá nhân", align: alignCenter},
		{head: "Lãnh đạo,\nquản lý", align: alignCenter},
		{head: "Không giữ\nchức vụ", align: alignCenter},
		{head: "Nữ", align: alignCenter},
	}}
	for _, sr := range statRows(r.Data) {
		c := sr.cells()
		tb.rows = append(tb.rows, pdfRow{bold: sr.level != 2, cells: []string{fmt.Sprint(c[0]), fmt.Sprint(c[1]),
			fmt.Sprint(c[2]), fmt.Sprint(c[3]), fmt.Sprint(c[4]), fmt.Sprint(c[5]), fmt.Sprint(c[6]), fmt.Sprint(c[7])}})
	}
	d.table(tb)

	d.heading("II. SỐ LƯỢNG THEO ĐƠN VỊ", 20)
	urows := r.Data.ByUnit()
	tb = &pdfTable{cols: []pdfCol{
		{head: "Đơn vị", align: alignLeft, flex: true},
		{head: "Danh hiệu\ntập thể", align: alignCenter},
		{head: "Danh hiệu\ncá nhân", align: alignCenter},
		{head: "Hình thức\ntập thể", align: alignCenter},
		{head: "Hình thức\ncá nhân", align: alignCenter},
		{head: "Tổng\nsố", align: alignCenter},
		{head: "Số\nngười", align: alignCenter},
		{head: "Khen cá nhân\n/100 người", align: alignCenter},
	}}
	t := unitTotal(urows)
	for i, ur := range append(urows, t) {
		tb.rows = append(tb.rows, pdfRow{bold: i == len(urows), cells: []string{ur.Label, strconv.Itoa(ur.TitlesCollective),
			strconv.Itoa(ur.TitlesIndividual), strconv.Itoa(ur.FormsCollective), strconv.Itoa(ur.FormsIndividual),
			strconv.Itoa(ur.Total), strconv.Itoa(ur.Headcount), FormatNumber(ur.PerHundred())}})
	}
	if len(urows) == 0 {
		d.paragraph("Không có đơn vị nào trong phạm vi báo cáo.", "I", bodySize, alignLeft, 10)
	} else {
		d.table(tb)
	}

	yrows := r.Data.ByYear()
	if len(yrows) > 1 {
		d.heading("III. SỐ LƯỢNG THEO NĂM", 20)
		tb = &pdfTable{cols: []pdfCol{
			{head: "Năm", align: alignCenter},
			{head: "Danh hiệu\nthi đua", align: alignCenter},
			{head: "Hình thức\nkhen thưởng", align: alignCenter},
			{head: "Cấp\nNhà nước", align: alignCenter},
			{head: "Cấp Bộ,\nngành, tỉnh", align: alignCenter},
			{head: "Cấp\ncơ sở", align: alignCenter},
			{head: "Tổng\nsố", align: alignCenter},
			{head: "Nữ\n(cá nhân)", align: alignCenter},
		}}
		for _, yr := range yrows {
			tb.rows = append(tb.rows, pdfRow{cells: []string{strconv.Itoa(yr.Year), strconv.Itoa(yr.Titles), strconv.Itoa(yr.Forms),
				strconv.Itoa(yr.ByLevel[0]), strconv.Itoa(yr.ByLevel[1]), strconv.Itoa(yr.ByLevel[2]), strconv.Itoa(yr.Total()), strconv.Itoa(yr.Women)}})
		}
		d.table(tb)
	}

	num := "IV"
	if len(yrows) <= 1 {
		num = "III"
	}
	d.heading(num+". KHEN THƯỞNG CÁ NHÂN THEO CHỨC VỤ VÀ GIỚI TÍNH (BÌNH ĐẲNG GIỚI, ƯU TIÊN NGƯỜI LAO ĐỘNG TRỰC TIẾP)", 20)
	fair := r.Data.Fairness()
	d.paragraph(fairSentence(fair), "", bodySize, alignJustify, 10)
	tb = &pdfTable{cols: []pdfCol{
		{head: "Nhóm", align: alignLeft, flex: true},
		{head: "Số người\nhiện có", align: alignCenter},
		{head: "Tỷ lệ trong\nnhân sự (%)", align: alignCenter},
		{head: "Lượt khen\ncá nhân", align: alignCenter},
		{head: "Tỷ lệ trong\nkhen thưởng (%)", align: alignCenter},
		{head: "Khen cấp\ntỉnh trở lên", align: alignCenter},
		{head: "Tỷ lệ\n(%)", align: alignCenter},
	}}
	for i, fr := range fairRows(fair) {
		cells := make([]string, len(fr))
		for j, c := range fr {
			cells[j] = fmt.Sprint(c)
		}
		tb.rows = append(tb.rows, pdfRow{bold: i == 4, cells: cells})
	}
	d.table(tb)

	d.heading("Ghi chú", 10)
	for _, n := range statsNotes {
		d.paragraph("- "+n, "I", 11.5, alignJustify, 0)
	}
	d.statsSignature()
	d.pageNumbers()
	if d.err != nil {
		return fmt.Errorf("report: statistics pdf: %w", d.err)
	}
	if _, err := d.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write pdf: %w", err)
	}
	return nil
}

// fairSentence sums up the fairness figures in words.
func fairSentence(f thidua.Fairness) string {
	if f.Awards == 0 {
		return "Trong kỳ báo cáo chưa có cá nhân nào được khen thưởng."
	}
	pct := func(a, b int) string { return FormatNumber(thidua.Share(a, b)*100) + "%" }
	return fmt.Sprintf("Trong kỳ có %d lượt khen thưởng cá nhân: người giữ chức vụ lãnh đạo, quản lý chiếm %s số lượt khen (và %s số lượt khen cấp tỉnh trở lên) trong khi chiếm %s nhân sự; nữ chiếm %s số lượt khen (%s số lượt khen cấp tỉnh trở lên) và %s nhân sự. Luật Thi đua, khen thưởng yêu cầu bảo đảm bình đẳng giới và quan tâm khen thưởng người lao động trực tiếp.",
		f.Awards, pct(f.LeaderAwards, f.Awards), pct(f.HighLeaders, f.HighAwards), pct(f.HeadLeaders, f.Headcount),
		pct(f.WomenAwards, f.Awards), pct(f.HighWomen, f.HighAwards), pct(f.HeadWomen, f.Headcount))
}

// statsSignature draws the two signature blocks of a statistics form.
func (d *pdfDoc) statsSignature() {
	d.ensure(40)
	d.y += 6
	half := contentW / 2
	d.font("B", 13)
	d.line(marginL, d.y, half, "NGƯỜI LẬP BIỂU", alignCenter)
	d.line(marginL+half, d.y, half, "THỦ TRƯỞNG ĐƠN VỊ", alignCenter)
	d.y += d.lineH()
	d.font("I", 12)
	d.line(marginL, d.y, half, "(Ký, ghi rõ họ tên)", alignCenter)
	d.line(marginL+half, d.y, half, "(Ký, đóng dấu, ghi rõ họ tên)", alignCenter)
	d.y += d.lineH() + 24
}
