package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"thidua"
	"thidua/report/workbook"
)

// ListXLSX writes the lists of l, one sheet each, then a "Thông tin xuất"
// sheet recording when, by whom and with which filters. Each list opens
// with its title, the filters and the time of export; its header row is
// bold and frozen and filters (an Excel table); columns are sized to their
// content; dates and numbers are real dates and numbers.
//
// The workbook goes into its zip on w as the rows come (workbook.Stream):
// memory stays a few buffers however long the lists, and a list filled in
// the same pass as another waits in a temporary file.
func (Exporter) ListXLSX(w io.Writer, l *thidua.ExportList) error {
	s := workbook.NewStream(w, workbook.Props{Title: l.Title, Created: l.GeneratedAt})
	defer s.Abort()
	st := streamListStyles(s)
	used := map[string]bool{}
	lists := make([]*openedList, len(l.Sheets))
	for i := range l.Sheets {
		lists[i] = openList(s.AddSheet(sheetName(l.Sheets[i].Name, used)), st, i, l, &l.Sheets[i])
	}
	info := s.AddSheet(sheetName("Thông tin xuất", used))
	for _, ol := range lists {
		if l.Each == nil {
			if err := ol.fill(); err != nil {
				return fmt.Errorf("report: list %s: %w", ol.sh.Name, err)
			}
		} else if err := ol.addRows(); err != nil {
			return fmt.Errorf("report: list %s: %w", ol.sh.Name, err)
		}
	}
	if l.Each != nil {
		// One pass over the source fills every sheet at once.
		if err := l.Each(func(sheet int, row []any) error {
			if sheet < 0 || sheet >= len(lists) {
				return fmt.Errorf("no sheet %d", sheet)
			}
			return lists[sheet].add(row)
		}); err != nil {
			return fmt.Errorf("report: list: %w", err)
		}
		for _, ol := range lists {
			if err := ol.finish(); err != nil {
				return fmt.Errorf("report: list %s: %w", ol.sh.Name, err)
			}
		}
	}
	if err := infoSheet(info, st, l, lists); err != nil {
		return fmt.Errorf("report: list: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("report: list: %w", err)
	}
	return nil
}

type listStyles struct {
	title, note, head, text, wrap, num, date, bold int
	// Figures: integers (counts, money), decimals, years; plain and bold.
	integer, decimal, year, boldInteger, boldDecimal, boldYear int
}

// fields are the style ids of st, in the order of listStyleSpecs.
func (st *listStyles) fields() []*int {
	return []*int{&st.title, &st.note, &st.head, &st.text, &st.wrap, &st.num, &st.date, &st.bold,
		&st.integer, &st.decimal, &st.year, &st.boldInteger, &st.boldDecimal, &st.boldYear}
}

// listStyleSpecs are the styles of every list and table thidua writes, in
// the order of listStyles.fields: Times New Roman, thin grey borders.
func listStyleSpecs() []workbook.Style {
	cell := func(bold bool, h string, wrap bool, numFmt string) workbook.Style {
		return workbook.Style{Bold: bold, Border: true, Horizontal: h, Vertical: "top", Wrap: wrap, NumFmt: numFmt}
	}
	return []workbook.Style{
		{Bold: true, Size: 14},
		{Italic: true, Size: 11},
		{Bold: true, Border: true, Fill: "DDEBF7", Horizontal: "center", Vertical: "center", Wrap: true},
		cell(false, "", false, ""),
		cell(false, "", true, ""),
		cell(false, "right", false, ""),
		cell(false, "center", false, "dd/mm/yyyy"),
		cell(true, "", true, ""),
		cell(false, "right", false, workbook.Integer), cell(false, "right", false, workbook.Decimal), cell(false, "right", false, workbook.Year),
		cell(true, "right", false, workbook.Integer), cell(true, "right", false, workbook.Decimal), cell(true, "right", false, workbook.Year),
	}
}

// streamListStyles registers the list styles in s.
func streamListStyles(s *workbook.Stream) *listStyles {
	st := &listStyles{}
	specs := listStyleSpecs()
	for i, id := range st.fields() {
		*id = s.AddStyle(specs[i])
	}
	return st
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
	for i := 2; used[strings.ToLower(s)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		s = string([]rune(base)[:min(utf8.RuneCountInString(base), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(s)] = true
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

// sizedRows is how many first rows size the columns: a list's rows are
// held until there are that many (or the list ends), the rest written as
// they come.
const sizedRows = 2000

// openedList is a list being written into its sheet. Several may be open
// at once (ExportList.Each).
type openedList struct {
	sheet   *workbook.Sheet
	st      *listStyles
	idx     int
	l       *thidua.ExportList
	sh      *thidua.ExportSheet
	cells   []workbook.Cell
	head    [][]any // the first rows, held to size the columns
	started bool
	n       int // data rows written
}

func openList(sheet *workbook.Sheet, st *listStyles, idx int, l *thidua.ExportList, sh *thidua.ExportSheet) *openedList {
	return &openedList{sheet: sheet, st: st, idx: idx, l: l, sh: sh, cells: make([]workbook.Cell, len(sh.Columns))}
}

// fill writes the whole list: its Rows, then its Each.
func (ol *openedList) fill() error {
	if err := ol.addRows(); err != nil {
		return err
	}
	if ol.sh.Each != nil {
		if err := ol.sh.Each(ol.add); err != nil {
			return err
		}
	}
	return ol.finish()
}

func (ol *openedList) addRows() error {
	for _, r := range ol.sh.Rows {
		if err := ol.add(r); err != nil {
			return err
		}
	}
	return nil
}

// add writes one more row.
func (ol *openedList) add(r []any) error {
	if ol.started {
		return ol.put(r)
	}
	ol.head = append(ol.head, r)
	if len(ol.head) > sizedRows {
		return ol.start(true)
	}
	return nil
}

func (ol *openedList) put(r []any) error {
	for j, c := range ol.sh.Columns {
		var v any
		if j < len(r) {
			v = r[j]
		}
		ol.cells[j] = listCell(ol.st, c, v)
	}
	ol.n++
	return ol.sheet.Row(listHeaderRow+ol.n, 0, ol.cells...)
}

// start writes the sheet's layout, its title rows and header, and the rows
// held; more tells whether rows are still to come.
func (ol *openedList) start(more bool) error {
	ol.started = true
	st, sh, l := ol.st, ol.sh, ol.l
	widths := make([]float64, len(sh.Columns))
	for i, c := range sh.Columns {
		widths[i] = columnWidth(c, i, ol.head)
	}
	if err := ol.sheet.Start(workbook.SheetOptions{Widths: widths, FreezeRows: listHeaderRow}); err != nil {
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
	count := len(ol.head)
	streamed := sh.Each != nil || l.Each != nil
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
	for i, c := range []workbook.Cell{
		{Style: st.title, Value: strings.ToUpper(nfc(title))},
		{Style: st.note, Value: FiltersLine(l.Filters)},
		{Style: st.note, Value: note + "."},
	} {
		if err := ol.sheet.Row(i+1, 0, c); err != nil {
			return err
		}
	}
	header := make([]workbook.Cell, len(sh.Columns))
	for i, c := range sh.Columns {
		header[i] = workbook.Cell{Style: st.head, Value: c.Header}
	}
	if err := ol.sheet.Row(listHeaderRow, 33, header...); err != nil {
		return err
	}
	for _, r := range ol.head {
		if err := ol.put(r); err != nil {
			return err
		}
	}
	ol.head = nil
	return nil
}

// finish ends the sheet: the table over the header and rows, if any.
func (ol *openedList) finish() error {
	if !ol.started {
		if err := ol.start(false); err != nil {
			return err
		}
	}
	if ol.n > 0 && len(ol.sh.Columns) > 0 {
		names := make([]string, len(ol.sh.Columns))
		for i, c := range ol.sh.Columns {
			names[i] = c.Header
		}
		if err := ol.sheet.AddTable("DanhSach"+strconv.Itoa(ol.idx+1), listHeaderRow, listHeaderRow+ol.n, names); err != nil {
			return err
		}
	}
	return ol.sheet.Close()
}

// listCell converts a value to a styled cell.
func listCell(st *listStyles, c thidua.ExportColumn, v any) workbook.Cell {
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
		return workbook.Cell{Style: style}
	case string:
		return workbook.Cell{Style: style, Value: x}
	case thidua.Date:
		if x.IsZero() {
			return workbook.Cell{Style: style}
		}
		return workbook.Cell{Style: st.date, Value: x.Time()}
	case time.Time:
		if x.IsZero() {
			return workbook.Cell{Style: style}
		}
		return workbook.Cell{Style: st.date, Value: thidua.DateOf(x).Time()}
	case bool:
		if x {
			return workbook.Cell{Style: style, Value: "Có"}
		}
		return workbook.Cell{Style: style, Value: "Không"}
	case int, int64, float64:
		return workbook.Cell{Style: st.figure(c.Kind == thidua.ColYear, x, false), Value: x}
	}
	return workbook.Cell{Style: style, Value: fmt.Sprint(v)}
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
		for _, r := range rows[:min(len(rows), sizedRows)] {
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

// infoSheet writes when, by whom and with which filters the lists were
// exported, and how many rows each has.
func infoSheet(sheet *workbook.Sheet, st *listStyles, l *thidua.ExportList, lists []*openedList) error {
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
	for _, ol := range lists {
		rows = append(rows, [2]any{"Số dòng: " + ol.sh.Name, ol.n}) // a number
	}
	if err := sheet.Start(workbook.SheetOptions{Widths: []float64{28, 70}}); err != nil {
		return err
	}
	for i, r := range rows {
		cells := make([]workbook.Cell, 2)
		for j, v := range r {
			style := st.wrap
			switch x := v.(type) {
			case string:
				if j == 0 {
					style = st.bold
				}
			case int:
				style = st.figure(false, x, false)
			}
			cells[j] = workbook.Cell{Style: style, Value: v}
		}
		if err := sheet.Row(i+1, 0, cells...); err != nil {
			return err
		}
	}
	return sheet.Close()
}
