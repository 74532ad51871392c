package report

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/report/workbook"
)

// Sheet names of the XLSX report.
const (
	SheetSummary     = "Tổng hợp"
	SheetCollectives = "Tập thể"
	SheetIndividuals = "Cá nhân"
	SheetProgress    = "Tiến độ"
)

// Notes written in the "Ghi chú" column of the ranking sheets.
const (
	NoteTied       = "Đồng hạng"
	NoteIncomplete = "Chưa chấm đủ tiêu chí"
)

// WriteXLSX writes the summary report as a workbook with the sheets "Tổng
// hợp" (campaign and per-criterion figures), "Tập thể" and "Cá nhân" (the
// rankings, one column per criterion) and "Tiến độ" (progress per unit).
// Every sheet has a bold, frozen header row; scores, counts and dates are
// stored as numbers.
func WriteXLSX(w io.Writer, s *Summary) error {
	if err := check(s); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	x, err := newXLSX(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	for _, name := range []string{SheetCollectives, SheetIndividuals, SheetProgress} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	x.summarySheet(s)
	x.rankingSheet(s, SheetCollectives, thidua.ForCollectives)
	x.rankingSheet(s, SheetIndividuals, thidua.ForIndividuals)
	x.progressSheet(s)
	if x.err != nil {
		return fmt.Errorf("report: xlsx: %w", x.err)
	}
	f.SetActiveSheet(0)
	return workbook.Write(w, f, workbook.Props{Title: "Báo cáo tổng kết " + s.Campaign.Title,
		Subject: "Báo cáo tổng kết đợt thi đua", Created: s.Date})
}

// xlsxDoc holds the workbook, its styles and a sticky error.
type xlsxDoc struct {
	f                             *excelize.File
	head, text, wrap, num, date   int
	bold, boldNum, title, tiedNum int
	err                           error
}

func newXLSX(f *excelize.File) (*xlsxDoc, error) {
	x := &xlsxDoc{f: f}
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	font := func(bold bool) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: 12, Bold: bold}
	}
	dateFmt := "dd/mm/yyyy"
	styles := []struct {
		id *int
		st *excelize.Style
	}{
		{&x.head, &excelize.Style{Font: font(true), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&x.text, &excelize.Style{Font: font(false), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&x.wrap, &excelize.Style{Font: font(false), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&x.num, &excelize.Style{Font: font(false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&x.date, &excelize.Style{Font: font(false), Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}}},
		{&x.bold, &excelize.Style{Font: font(true), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&x.boldNum, &excelize.Style{Font: font(true), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&x.title, &excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 13, Bold: true}}},
		{&x.tiedNum, &excelize.Style{Font: font(false), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(s.st)
		if err != nil {
			return nil, fmt.Errorf("report: xlsx style: %w", err)
		}
		*s.id = id
	}
	return x, nil
}

func (x *xlsxDoc) fail(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// set writes v into (col, row) with a style. Strings are normalized to NFC.
func (x *xlsxDoc) set(sheet string, col, row int, v any, style int) {
	if s, ok := v.(string); ok {
		v = nfc(s)
	}
	ref := cell(col, row)
	x.fail(x.f.SetCellValue(sheet, ref, v))
	x.fail(x.f.SetCellStyle(sheet, ref, ref, style))
}

// header writes a bold header row at row and freezes the rows above and at it.
func (x *xlsxDoc) header(sheet string, row int, heads []string) {
	for i, h := range heads {
		x.set(sheet, i+1, row, h, x.head)
	}
	x.fail(x.f.SetRowHeight(sheet, row, 33))
	x.fail(x.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: row, TopLeftCell: cell(1, row+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(1, row+1), ActiveCell: cell(1, row+1), Pane: "bottomLeft"}},
	}))
}

// widths sets each column's width from its longest line, within [min, max];
// cols[i][0] is the header.
func (x *xlsxDoc) widths(sheet string, cols [][]string, minW, maxW float64) {
	for i, texts := range cols {
		longest := 0
		for j, t := range texts {
			for _, l := range strings.Split(t, "\n") {
				n := utf8.RuneCountInString(nfc(l))
				if j == 0 { // the header wraps: half its length or its longest word
					n = (n + 1) / 2
					for _, word := range strings.Fields(l) {
						n = max(n, utf8.RuneCountInString(word))
					}
				}
				longest = max(longest, n)
			}
		}
		w := min(max(float64(longest)*1.15+2, minW), maxW)
		name, _ := excelize.ColumnNumberToName(i + 1)
		x.fail(x.f.SetColWidth(sheet, name, name, w))
	}
}

func (x *xlsxDoc) summarySheet(s *Summary) {
	const sh = SheetSummary
	c := s.Campaign
	x.header(sh, 1, []string{"Thông tin", "Nội dung"})
	plan := ""
	if !c.Plan.IsZero() {
		plan = strings.TrimSpace(c.Plan.TypeLabel() + " số " + c.Plan.String())
		if !c.PlanDate.IsZero() {
			plan += " ngày " + c.PlanDate.String()
		}
	}
	t := progressTotal(s.Progress)
	type kv struct {
		k string
		v any
	}
	info := []kv{
		{"Cơ quan báo cáo", agencyLine(s.Agency)},
		{"Tên đợt thi đua", c.Title},
		{"Đơn vị phát động", c.UnitName},
		{"Kế hoạch", plan},
		{"Hình thức", thidua.Label(thidua.CampaignForms, c.Form)},
		{"Loại", thidua.Label(thidua.CampaignKinds, c.Kind)},
		{"Đối tượng tham gia", thidua.Label(thidua.ParticipantKinds, c.Participants)},
		{"Từ ngày", dateValue(c.StartDate)},
		{"Đến ngày", dateValue(c.EndDate)},
		{"Trạng thái", thidua.Label(thidua.CampaignStates, c.State)},
		{"Cách tổng hợp điểm", thidua.Label(thidua.Aggregations, c.Aggregation)},
		{"Số đơn vị tham gia", len(s.Progress)},
		{"Số lượt đăng ký", t.Registered},
		{"Số lượt được duyệt", t.Approved},
		{"Số tập thể được xếp hạng", len(resultsOf(s, thidua.ForCollectives))},
		{"Số cá nhân được xếp hạng", len(resultsOf(s, thidua.ForIndividuals))},
		{"Ngày báo cáo", dateValue(thidua.DateOf(s.Date))},
		{"Dòng ngày tháng", DateLine(s.Place, s.Date)},
	}
	row := 2
	for _, p := range info {
		x.set(sh, 1, row, p.k, x.bold)
		switch v := p.v.(type) {
		case time.Time:
			x.set(sh, 2, row, v, x.date)
		case int:
			x.set(sh, 2, row, v, x.text)
		default:
			x.set(sh, 2, row, v, x.wrap)
		}
		row++
	}

	row++
	x.set(sh, 1, row, "KẾT QUẢ THEO TIÊU CHÍ", x.title)
	row++
	heads := []string{"Mã", "Nội dung, tiêu chí", "Áp dụng", "Điểm tối đa", "Trọng số", "Điểm bình quân", "Số được chấm", "Số áp dụng"}
	for i, h := range heads {
		x.set(sh, i+1, row, h, x.head)
	}
	x.fail(x.f.SetRowHeight(sh, row, 33))
	row++
	for _, st := range criterionStats(s) {
		cr := st.Criterion
		x.set(sh, 1, row, cr.Code, x.num)
		x.set(sh, 2, row, cr.Title, x.wrap)
		x.set(sh, 3, row, thidua.Label(thidua.ParticipantKinds, cr.AppliesTo), x.text)
		x.set(sh, 4, row, cr.MaxScore, x.num)
		x.set(sh, 5, row, cr.Weight, x.num)
		if st.Scored > 0 {
			x.set(sh, 6, row, st.Average, x.num)
		} else {
			x.set(sh, 6, row, "", x.num)
		}
		x.set(sh, 7, row, st.Scored, x.num)
		x.set(sh, 8, row, st.Applicable, x.num)
		row++
	}
	for i, w := range []float64{26, 60, 18, 12, 10, 12, 11, 11} {
		name, _ := excelize.ColumnNumberToName(i + 1)
		x.fail(x.f.SetColWidth(sh, name, name, w))
	}
}

// dateValue is a date as a time.Time for a date cell, or "" when unset.
func dateValue(d thidua.Date) any {
	if d.IsZero() {
		return ""
	}
	return d.Time()
}

func (x *xlsxDoc) rankingSheet(s *Summary, sh, kind string) {
	rs := resultsOf(s, kind)
	crit := criteriaFor(s, kind)
	unit := showUnit(rs) || len(rs) == 0 && kind == thidua.ForIndividuals
	name := "Họ và tên"
	if kind == thidua.ForCollectives {
		name = "Tên tập thể"
	}
	heads := []string{"Hạng", name}
	if unit {
		heads = append(heads, "Đơn vị")
	}
	for _, c := range crit {
		heads = append(heads, fmt.Sprintf("%s (tối đa %s)", c.Code, FormatNumber(c.MaxScore)))
	}
	heads = append(heads, "Tổng điểm", "Điểm tối đa", "Tỷ lệ (%)", "Ghi chú")
	x.header(sh, 1, heads)
	cols := make([][]string, len(heads))
	for i, h := range heads {
		cols[i] = []string{h}
	}
	for i, r := range rs {
		row := i + 2
		rankStyle := x.num
		if r.Tied {
			rankStyle = x.tiedNum
		}
		col := 1
		put := func(v any, style int) {
			x.set(sh, col, row, v, style)
			if str, ok := v.(string); ok {
				cols[col-1] = append(cols[col-1], str)
			}
			col++
		}
		put(r.Rank, rankStyle)
		put(r.Registration.Name, x.wrap)
		if unit {
			put(r.Registration.UnitName, x.wrap)
		}
		for _, c := range crit {
			if cr, ok := criterionResult(r, c.ID); ok && cr.Scored {
				put(cr.Final, x.num)
			} else {
				put("", x.num)
			}
		}
		put(r.Total, x.num)
		put(r.Max, x.num)
		put(r.Percent, x.num)
		var notes []string
		if r.Tied {
			notes = append(notes, fmt.Sprintf("%s %d", NoteTied, r.Rank))
		}
		if !r.Complete {
			notes = append(notes, NoteIncomplete)
		}
		put(strings.Join(notes, "; "), x.text)
	}
	x.widths(sh, cols, 8, 42)
	if len(rs) > 0 {
		x.fail(x.f.AutoFilter(sh, cell(1, 1)+":"+cell(len(heads), len(rs)+1), nil))
	}
}

func (x *xlsxDoc) progressSheet(s *Summary) {
	const sh = SheetProgress
	heads := []string{"TT", "Đơn vị", "Đăng ký", "Được duyệt", "Có minh chứng", "Đã chấm điểm"}
	x.header(sh, 1, heads)
	cols := [][]string{{"TT"}, {"Đơn vị"}, {"Đăng ký"}, {"Được duyệt"}, {"Có minh chứng"}, {"Đã chấm điểm"}}
	row := 2
	for i, p := range s.Progress {
		x.set(sh, 1, row, i+1, x.num)
		x.set(sh, 2, row, p.UnitName, x.wrap)
		cols[1] = append(cols[1], p.UnitName)
		for j, v := range []int{p.Registered, p.Approved, p.WithEvidence, p.Scored} {
			x.set(sh, 3+j, row, v, x.num)
		}
		row++
	}
	t := progressTotal(s.Progress)
	x.set(sh, 1, row, "", x.bold)
	x.set(sh, 2, row, "Tổng cộng", x.bold)
	for j, v := range []int{t.Registered, t.Approved, t.WithEvidence, t.Scored} {
		x.set(sh, 3+j, row, v, x.boldNum)
	}
	x.widths(sh, cols, 7, 60)
}
