package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signintech/gopdf"
	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/report/workbook"
)

// Exporter writes lists and the statutory statistics; it implements
// thidua.Exporter.
type Exporter struct{}

var _ thidua.Exporter = Exporter{}

// ListXLSX writes the lists of l, one sheet each, then a "Thông tin xuất"
// sheet recording when, by whom and with which filters. Each list opens
// with its title, the filters and the time of export; its header row is
// bold and frozen and filters (an Excel table); columns are sized to their
// content; dates and numbers are real dates and numbers. Sheets are
// streamed, so long lists stay cheap.
func (Exporter) ListXLSX(w io.Writer, l *thidua.ExportList) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newListStyles(f)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	var adds []func([]any) error
	var finishes []func() error
	for i, sh := range l.Sheets {
		name := sheetName(sh.Name, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("report: list: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("report: list: %w", err)
		}
		if l.Each == nil {
			if err := writeList(f, st, name, i, l, &sh); err != nil {
				return fmt.Errorf("report: list %s: %w", name, err)
			}
			continue
		}
		add, finish, err := openList(f, st, name, i, l, &sh)
		if err != nil {
			return fmt.Errorf("report: list %s: %w", name, err)
		}
		adds, finishes = append(adds, add), append(finishes, finish)
	}
	if l.Each != nil {
		// One pass over the source fills every sheet at once.
		if err := l.Each(func(sheet int, row []any) error {
			if sheet < 0 || sheet >= len(adds) {
				return fmt.Errorf("no sheet %d", sheet)
			}
			return adds[sheet](row)
		}); err != nil {
			return fmt.Errorf("report: list: %w", err)
		}
		for i, finish := range finishes {
			if err := finish(); err != nil {
				return fmt.Errorf("report: list %s: %w", l.Sheets[i].Name, err)
			}
		}
	}
	if err := infoSheet(f, st, l, used); err != nil {
		return fmt.Errorf("report: list: %w", err)
	}
	f.SetActiveSheet(0)
	return workbook.Write(w, f, workbook.Props{Title: l.Title, Created: l.GeneratedAt})
}

type listStyles struct {
	title, note, head, text, wrap, num, date, bold int
	// Figures: integers (counts, money), decimals, years; plain and bold.
	integer, decimal, year, boldInteger, boldDecimal, boldYear int
}

func newListStyles(f *excelize.File) (*listStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	dateFmt := "dd/mm/yyyy"
	intFmt, decFmt, yearFmt := workbook.Integer, workbook.Decimal, workbook.Year
	figure := func(bold bool, numFmt *string) *excelize.Style {
		return &excelize.Style{Font: font(bold, false, 12), Border: border, CustomNumFmt: numFmt,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}
	}
	st := &listStyles{}
	for _, s := range []struct {
		id *int
		st *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: font(true, false, 14)}},
		{&st.note, &excelize.Style{Font: font(false, true, 11)}},
		{&st.head, &excelize.Style{Font: font(true, false, 12), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, &excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.wrap, &excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.num, &excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&st.date, &excelize.Style{Font: font(false, false, 12), Border: border, CustomNumFmt: &dateFmt,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}},
		{&st.bold, &excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.integer, figure(false, &intFmt)}, {&st.decimal, figure(false, &decFmt)}, {&st.year, figure(false, &yearFmt)},
		{&st.boldInteger, figure(true, &intFmt)}, {&st.boldDecimal, figure(true, &decFmt)}, {&st.boldYear, figure(true, &yearFmt)},
	} {
		id, err := f.NewStyle(s.st)
		if err != nil {
			return nil, fmt.Errorf("report: xlsx style: %w", err)
		}
		*s.id = id
	}
	return st, nil
}

// sheetName makes a valid, unique sheet name (31 characters, no []:*?/\).
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, nfc(strings.TrimSpace(s)))
	if s == "" {
		s = "Danh sách"
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	base := s
	for i := 2; used[s]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		s = string([]rune(base)[:min(utf8.RuneCountInString(base), 31-len(suffix))]) + suffix
	}
	used[s] = true
	return s
}

// FiltersLine writes the filters of a list on one line.
func FiltersLine(fs []thidua.ExportFilter) string {
	if len(fs) == 0 {
		return "Bộ lọc: không có (toàn bộ danh sách trong phạm vi được xem)."
	}
	var parts []string
	for _, f := range fs {
		parts = append(parts, f.Label+": "+f.Value)
	}
	return "Bộ lọc: " + strings.Join(parts, "; ") + "."
}

// listHeaderRow is the row of the column headers; the rows above hold the
// title, the filters and the time of export.
const listHeaderRow = 4

func writeList(f *excelize.File, st *listStyles, name string, idx int, l *thidua.ExportList, sh *thidua.ExportSheet) error {
	add, finish, err := openList(f, st, name, idx, l, sh)
	if err != nil {
		return err
	}
	if sh.Each != nil {
		if err := sh.Each(add); err != nil {
			return err
		}
	}
	return finish()
}

// openList starts the sheet of sh and writes its Rows: add writes one more
// row, finish ends the sheet. Several may be open at once (ExportList.Each).
func openList(f *excelize.File, st *listStyles, name string, idx int, l *thidua.ExportList, sh *thidua.ExportSheet) (add func([]any) error, finish func() error, err error) {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, nil, err
	}
	// Columns are sized from the first rows, so those of a streamed list
	// are held until there are enough of them (or the list ends); the rest
	// is written as it comes.
	const sized = 2000
	ncol := len(sh.Columns)
	vals := make([]any, ncol)
	n := 0
	put := func(r []any) error {
		for j := range ncol {
			var v any
			if j < len(r) {
				v = r[j]
			}
			vals[j] = listCell(st, sh.Columns[j], v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, listHeaderRow+1+n)
		n++
		return sw.SetRow(cell, vals)
	}
	started := false
	streamed := sh.Each != nil || l.Each != nil
	var head [][]any
	start := func(more bool) error {
		started = true
		for i, c := range sh.Columns {
			if err := sw.SetColWidth(i+1, i+1, columnWidth(c, i, head)); err != nil {
				return err
			}
		}
		first, _ := excelize.CoordinatesToCellName(1, listHeaderRow+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: listHeaderRow, TopLeftCell: first, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}); err != nil {
			return err
		}
		title := sh.Title
		if title == "" {
			title = l.Title
		}
		by := ""
		if l.GeneratedBy != "" {
			by = " bởi " + l.GeneratedBy
		}
		count := len(head)
		switch {
		case !streamed:
			count, more = len(sh.Rows), false
		case more:
			count = sh.Count
		}
		note := fmt.Sprintf("Xuất lúc %s%s", thidua.FormatDateTime(l.GeneratedAt), by)
		if count > 0 || !more {
			note += fmt.Sprintf("; %s dòng", thidua.FormatThousands(int64(count)))
		}
		rows := [][]any{
			{excelize.Cell{StyleID: st.title, Value: nfc(strings.ToUpper(title))}},
			{excelize.Cell{StyleID: st.note, Value: nfc(FiltersLine(l.Filters))}},
			{excelize.Cell{StyleID: st.note, Value: nfc(note + ".")}},
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, r); err != nil {
				return err
			}
		}
		header := make([]any, ncol)
		for i, c := range sh.Columns {
			header[i] = excelize.Cell{StyleID: st.head, Value: nfc(c.Header)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, listHeaderRow)
		if err := sw.SetRow(cell, header, excelize.RowOpts{Height: 33}); err != nil {
			return err
		}
		for _, r := range head {
			if err := put(r); err != nil {
				return err
			}
		}
		head = nil
		return nil
	}
	add = func(r []any) error {
		if started {
			return put(r)
		}
		head = append(head, r)
		if len(head) > sized {
			return start(true)
		}
		return nil
	}
	for _, r := range sh.Rows {
		if err := add(r); err != nil {
			return nil, nil, err
		}
	}
	finish = func() error {
		if !started {
			if err := start(false); err != nil {
				return err
			}
		}
		if n > 0 && ncol > 0 {
			top, _ := excelize.CoordinatesToCellName(1, listHeaderRow)
			last, _ := excelize.CoordinatesToCellName(ncol, listHeaderRow+n)
			stripes := false
			if err := sw.AddTable(&excelize.Table{Range: top + ":" + last, Name: "DanhSach" + strconv.Itoa(idx+1),
				StyleName: "TableStyleLight1", ShowRowStripes: &stripes}); err != nil {
				return err
			}
		}
		return sw.Flush()
	}
	return add, finish, nil
}

// listCell converts a value to a styled cell.
func listCell(st *listStyles, c thidua.ExportColumn, v any) excelize.Cell {
	style := st.text
	switch c.Kind {
	case thidua.ColWrap:
		style = st.wrap
	case thidua.ColNumber:
		style = st.num
	case thidua.ColDate:
		style = st.date
	}
	switch x := v.(type) {
	case nil:
		return excelize.Cell{StyleID: style}
	case string:
		return excelize.Cell{StyleID: style, Value: nfc(x)}
	case thidua.Date:
		if x.IsZero() {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: st.date, Value: x.Time()}
	case time.Time:
		if x.IsZero() {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: st.date, Value: thidua.DateOf(x).Time()}
	case bool:
		if x {
			return excelize.Cell{StyleID: style, Value: "Có"}
		}
		return excelize.Cell{StyleID: style, Value: "Không"}
	case int, int64, float64:
		return excelize.Cell{StyleID: st.figure(c.Kind == thidua.ColYear, x, false), Value: x}
	}
	return excelize.Cell{StyleID: style, Value: nfc(fmt.Sprint(v))}
}

// figure returns the style of a number: a year, a decimal (a float) or
// an integer; bold for total rows.
func (st *listStyles) figure(isYear bool, v any, bold bool) int {
	switch v.(type) {
	case float64, statDec:
		return pick(bold, st.boldDecimal, st.decimal)
	case statYear:
		isYear = true
	}
	if isYear {
		return pick(bold, st.boldYear, st.year)
	}
	return pick(bold, st.boldInteger, st.integer)
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

// columnWidth sizes a column from its header and the first rows' content.
func columnWidth(c thidua.ExportColumn, i int, rows [][]any) float64 {
	if c.Width > 0 {
		return c.Width
	}
	n := 0
	for _, w := range strings.Fields(nfc(c.Header)) {
		n = max(n, utf8.RuneCountInString(w))
	}
	n = max(n, (utf8.RuneCountInString(c.Header)+1)/2)
	switch c.Kind {
	case thidua.ColDate:
		n = max(n, 10)
	default:
		for _, r := range rows[:min(len(rows), 2000)] {
			if i < len(r) {
				switch v := r[i].(type) {
				case string:
					n = max(n, utf8.RuneCountInString(v))
				case thidua.Date, time.Time:
					n = max(n, 10)
				default:
					n = max(n, len(fmt.Sprint(v)))
				}
			}
		}
	}
	maxW := 60.0
	if c.Kind == thidua.ColWrap {
		maxW = 50
	}
	return min(max(float64(n)*1.15+2, 8), maxW)
}

func infoSheet(f *excelize.File, st *listStyles, l *thidua.ExportList, used map[string]bool) error {
	sh := sheetName("Thông tin xuất", used)
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	rows := [][2]any{
		{"Danh sách", l.Title},
		{"Thời điểm xuất", thidua.FormatDateTime(l.GeneratedAt)},
		{"Người xuất", l.GeneratedBy},
	}
	if len(l.Filters) == 0 {
		rows = append(rows, [2]any{"Bộ lọc", "Không có (toàn bộ danh sách trong phạm vi được xem)"})
	}
	for _, fl := range l.Filters {
		rows = append(rows, [2]any{"Bộ lọc: " + fl.Label, fl.Value})
	}
	for _, s := range l.Sheets {
		rows = append(rows, [2]any{"Số dòng: " + s.Name, len(s.Rows)}) // a number
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			style := st.wrap
			switch x := v.(type) {
			case string:
				v = nfc(x)
				if j == 0 {
					style = st.bold
				}
			case int:
				style = st.figure(false, x, false)
			}
			if err := f.SetCellValue(sh, cell, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(sh, "B", "B", 70)
}

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
	f := excelize.NewFile()
	defer f.Close()
	st, err := newListStyles(f)
	if err != nil {
		return err
	}
	x := &xlsxDoc{f: f}
	title := "THỐNG KÊ SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG " + strings.ToUpper(r.Years())
	// Figures are numbers with a number format, so that they sum and sort.
	put := func(sh string, row int, vals []any, style func(col int) int) {
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			s := style(i)
			switch n := v.(type) {
			case string:
				v = nfc(n)
			case statDec:
				v, s = float64(n), st.figure(false, n, s == st.bold)
			case statYear:
				v, s = int(n), st.figure(true, n, s == st.bold)
			case int:
				s = st.figure(false, n, s == st.bold)
			}
			x.fail(f.SetCellValue(sh, cell, v))
			x.fail(f.SetCellStyle(sh, cell, cell, s))
		}
	}
	table := func(sh string, heads []string, widths []float64, rows [][]any, bold func(i int) bool) {
		put(sh, 1, []any{title}, func(int) int { return st.title })
		put(sh, 2, []any{"Phạm vi: " + r.Scope + ". Ngày lập: " + thidua.FormatDate(r.Date) + "."}, func(int) int { return st.note })
		hs := make([]any, len(heads))
		for i, h := range heads {
			hs[i] = h
		}
		put(sh, 4, hs, func(int) int { return st.head })
		x.fail(f.SetRowHeight(sh, 4, 48))
		x.fail(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A5", ActiveCell: "A5", Pane: "bottomLeft"}}}))
		for i, row := range rows {
			b := bold != nil && bold(i)
			put(sh, 5+i, row, func(col int) int {
				switch {
				case b:
					return st.bold
				case col == 0 || col == 1 && len(heads) > 8:
					return st.wrap
				}
				return st.num
			})
		}
		for i, wd := range widths {
			name, _ := excelize.ColumnNumberToName(i + 1)
			x.fail(f.SetColWidth(sh, name, name, wd))
		}
	}

	const (
		shAward = "Theo danh hiệu, hình thức"
		shUnit  = "Theo đơn vị"
		shYear  = "Theo năm"
		shFair  = "Bình đẳng, ưu tiên"
		shList  = "Danh sách khen thưởng"
		shNotes = "Ghi chú"
	)
	x.fail(f.SetSheetName("Sheet1", shAward))
	for _, sh := range []string{shUnit, shYear, shFair, shList, shNotes} {
		_, err := f.NewSheet(sh)
		x.fail(err)
	}

	srows := statRows(r.Data)
	var rows [][]any
	for _, sr := range srows {
		rows = append(rows, sr.cells())
	}
	table(shAward, statHeads, []float64{6, 46, 10, 10, 10, 14, 16, 10, 12}, rows, func(i int) bool { return srows[i].level != 2 })

	urows := r.Data.ByUnit()
	rows = nil
	for i := range urows {
		rows = append(rows, unitCells(&urows[i]))
	}
	t := unitTotal(urows)
	rows = append(rows, unitCells(&t))
	table(shUnit, unitHeads, []float64{44, 11, 11, 11, 11, 11, 12, 11, 10, 11, 13}, rows, func(i int) bool { return i == len(urows) })

	yrows := r.Data.ByYear()
	rows = nil
	for i := range yrows {
		rows = append(rows, yearCells(&yrows[i]))
	}
	table(shYear, yearHeads, []float64{8, 12, 13, 11, 12, 11, 10, 12, 14, 10}, rows, nil)

	table(shFair, fairHeads, []float64{36, 12, 13, 12, 14, 13, 16}, fairRows(r.Data.Fairness()), func(i int) bool { return i == 4 })

	x.fail(streamFactList(f, st, shList, title, "Phạm vi: "+r.Scope+". Ngày lập: "+thidua.FormatDate(r.Date)+".", r.Data))

	put(shNotes, 1, []any{"GHI CHÚ"}, func(int) int { return st.title })
	for i, n := range statsNotes {
		put(shNotes, 3+i, []any{n}, func(int) int { return st.wrap })
		x.fail(f.SetRowHeight(shNotes, 3+i, 64))
	}
	x.fail(f.SetColWidth(shNotes, "A", "A", 110))
	if x.err != nil {
		return fmt.Errorf("report: statistics xlsx: %w", x.err)
	}
	f.SetActiveSheet(0)
	return workbook.Write(w, f, workbook.Props{Title: title, Subject: "Báo cáo thống kê thi đua, khen thưởng", Created: r.Date})
}

// streamFactList writes the list of awards counted, one row per fact,
// through a stream writer: set cell by cell, a province's list took most of
// the workbook's time and memory. The cells, styles and layout are those
// the other sheets' table gives. The facts come one at a time
// (StatsData.ForEachFact), so a province's list is never held whole.
func streamFactList(f *excelize.File, st *listStyles, sh, title, scope string, d *thidua.StatsData) error {
	heads := []string{"Năm", "Loại", "Mã", "Danh hiệu, hình thức", "Cấp", "Đối tượng", "Tập thể, cá nhân", "Số quyết định",
		"Lãnh đạo, quản lý", "Nữ"}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, wd := range []float64{7, 20, 9, 40, 30, 10, 30, 18, 10, 7} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A5", ActiveCell: "A5", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: nfc(title)}}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: st.note, Value: nfc(scope)}}); err != nil {
		return err
	}
	hs := make([]any, len(heads))
	for i, h := range heads {
		hs[i] = excelize.Cell{StyleID: st.head, Value: nfc(h)}
	}
	if err := sw.SetRow("A4", hs, excelize.RowOpts{Height: 48}); err != nil {
		return err
	}
	cells := make([]any, len(heads))
	i := 0
	err = d.ForEachFact(func(fa *thidua.AwardFact) error {
		kind := "Danh hiệu thi đua"
		if fa.Kind == thidua.FactForm {
			kind = "Hình thức khen thưởng"
		}
		subj := "Cá nhân"
		if !fa.Individual() {
			subj = "Tập thể"
		}
		cells[0] = excelize.Cell{StyleID: st.figure(true, statYear(fa.Year), false), Value: fa.Year}
		for j, v := range []string{kind, fa.Code, thidua.AwardName(fa.Code), thidua.Label(thidua.AwardLevels, fa.Level),
			subj, fa.Name, fa.Decision, yesNo(fa.Individual() && fa.Leader), yesNo(fa.Individual() && fa.Female)} {
			style := st.num
			if j == 0 {
				style = st.wrap
			}
			cells[j+1] = excelize.Cell{StyleID: style, Value: nfc(v)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, 5+i)
		i++
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if i > 0 {
		last, _ := excelize.CoordinatesToCellName(len(heads), 4+i)
		return f.AutoFilter(sh, "A4:"+last, nil)
	}
	return nil
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
