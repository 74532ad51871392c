package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thidua"
)

// Limits of one import.
const (
	// DefaultMaxRows is the most data rows one sheet may hold.
	DefaultMaxRows = 200_000
	// DefaultMaxBytes is the most a workbook may hold once unzipped (each
	// part has its own bound besides: see maxSheetBytes).
	DefaultMaxBytes = 512 << 20
	// headerScan is how many rows at the top of a sheet may precede its
	// header row (titles, notes).
	headerScan = 20
)

// Options tune Read.
type Options struct {
	MaxRows  int   // data rows per sheet; DefaultMaxRows when 0
	MaxBytes int64 // unzipped size; DefaultMaxBytes when 0
	// Today is the date birth dates are checked against; today when zero.
	Today thidua.Date
	// Progress is called now and then with the rows read and the total.
	Progress func(done, total int)
	// Chunk, when set, receives the records as they are read, in batches
	// of about ChunkRows (the Sheets of each are those read so far); the
	// Result's batch then keeps none. Sheets are read units first, then
	// people, then history records, whatever their order in the workbook.
	Chunk     func(*thidua.ImportBatch)
	ChunkRows int
}

// Result is what Read found: the batch and the problems of the file and
// of its rows. A batch with problems must not be applied.
type Result struct {
	Batch *thidua.ImportBatch
	// Problems lists the first thidua.MaxImportProblems problems;
	// ProblemCount counts them all.
	Problems     []thidua.ImportProblem
	ProblemCount int
	// Skipped names the sheets that were not imported, with the reason.
	Skipped []string
}

// OK reports whether the file had no problems.
func (r *Result) OK() bool { return r.ProblemCount == 0 }

func (r *Result) add(ps ...thidua.ImportProblem) {
	for _, p := range ps {
		r.ProblemCount++
		if len(r.Problems) < thidua.MaxImportProblems {
			r.Problems = append(r.Problems, p)
		}
	}
}

// addFirst puts a problem that stopped the reading at the head of the list,
// where it is seen even when the list is full.
func (r *Result) addFirst(p thidua.ImportProblem) {
	r.ProblemCount++
	r.Problems = append([]thidua.ImportProblem{p}, r.Problems...)
	if len(r.Problems) > thidua.MaxImportProblems {
		r.Problems = r.Problems[:thidua.MaxImportProblems]
	}
}

func (r *Result) fileProblem(msg string) *Result {
	r.add(thidua.ImportProblem{Message: msg})
	return r
}

var timeNow = time.Now

// Read reads a workbook. Problems with the file or its rows are reported
// in the Result; the error is for a cancelled context or a system failure.
func Read(ctx context.Context, data []byte, fileName string, opt Options) (*Result, error) {
	if opt.MaxRows <= 0 {
		opt.MaxRows = DefaultMaxRows
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Today.IsZero() {
		opt.Today = thidua.DateOf(timeNow())
	}
	res := &Result{Batch: &thidua.ImportBatch{FileName: fileName}}
	if msg := sniff(data); msg != "" {
		return res.fileProblem(msg), nil
	}
	info, msg := readPackage(data, opt.MaxBytes)
	if msg != "" {
		return res.fileProblem(msg), nil
	}
	if info.shared != nil {
		msg, err := scanSharedStrings(info.shared)
		if err != nil {
			msg = "Tệp bị hỏng: không đọc được bảng chuỗi dùng chung (xl/sharedStrings.xml)."
		}
		if msg != "" {
			return res.fileProblem(msg), nil
		}
	}

	// Decide which sheets to read, and scan them.
	type plan struct {
		part sheetPart
		def  *sheetDef // nil: recognize by the header row
		scan sheetScan
	}
	var plans []plan
	total := 0
	for _, sp := range info.sheets {
		if ignoredSheet(sp.name) {
			continue
		}
		if sp.file == nil {
			res.add(thidua.ImportProblem{Sheet: sp.name, Message: "Tệp bị hỏng: thiếu nội dung của trang tính này."})
			continue
		}
		sc, err := scanSheet(sp.file)
		if err != nil {
			res.add(thidua.ImportProblem{Sheet: sp.name, Message: "Tệp bị hỏng: không đọc được trang tính này."})
			continue
		}
		if sc.tooLong != "" {
			res.add(thidua.ImportProblem{Sheet: sp.name, Message: sc.tooLong})
			continue
		}
		if sc.rows == 0 {
			continue // an empty sheet
		}
		if sc.rows > opt.MaxRows+headerScan {
			// Too many rows, or rows kept for their formatting only?
			n, err := countValueRows(sp.file)
			if err != nil {
				res.add(thidua.ImportProblem{Sheet: sp.name, Message: "Tệp bị hỏng: không đọc được trang tính này."})
				continue
			}
			if n > opt.MaxRows+1 {
				res.add(thidua.ImportProblem{Sheet: sp.name, Message: fmt.Sprintf(
					"Trang tính có %s dòng có nội dung, vượt quá giới hạn %s dòng dữ liệu của một lần nhập. Hãy chia thành nhiều tệp.",
					formatInt(n), formatInt(opt.MaxRows))})
				continue
			}
		}
		plans = append(plans, plan{part: sp, def: matchSheet(sp.name), scan: sc})
		total += sc.rows
	}
	if res.ProblemCount > 0 {
		return res, nil
	}

	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    opt.MaxBytes,
		UnzipXMLSizeLimit: min(opt.MaxBytes, info.memLimit),
	})
	if err != nil {
		return res.fileProblem(openMessage(err)), nil
	}
	defer f.Close()

	// Units first, then people, then records: what later rows name is
	// known by then. Sheets recognized only by their header come last.
	order := func(d *sheetDef) int {
		for i := range sheets {
			if &sheets[i] == d {
				return i
			}
		}
		return len(sheets)
	}
	sort.SliceStable(plans, func(i, j int) bool { return order(plans[i].def) < order(plans[j].def) })
	if opt.ChunkRows <= 0 {
		opt.ChunkRows = 2000
	}
	rd := &reader{ctx: ctx, f: f, res: res, opt: opt, date1904: info.date1904, total: total, seen: map[string]thidua.ImportRef{}}
	for _, p := range plans {
		if err := rd.sheet(p.part.name, p.def, p.scan); err != nil {
			return nil, err
		}
	}
	rd.flush()
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	if len(res.Batch.Sheets) == 0 && res.ProblemCount == 0 {
		var names []string
		for _, s := range sheets {
			names = append(names, "«"+s.name+"»")
		}
		msg := "Không tìm thấy trang tính nào để nhập. Tên trang tính phải là một trong " + strings.Join(names, ", ") +
			" (xem tệp mẫu), hoặc dòng tiêu đề phải có đủ các cột bắt buộc."
		if len(res.Skipped) > 0 {
			msg += " Các trang đã bỏ qua: " + strings.Join(res.Skipped, "; ") + "."
		}
		res.fileProblem(msg)
	}
	if len(res.Batch.Sheets) > 0 && res.ProblemCount == 0 {
		rows := 0
		for _, s := range res.Batch.Sheets {
			rows += s.Rows
		}
		if rows == 0 {
			res.fileProblem("Tệp chưa có dòng dữ liệu nào: chỉ có dòng tiêu đề. Hãy ghi dữ liệu từ dòng ngay dưới dòng tiêu đề.")
		}
	}
	return res, nil
}

// openMessage words an error of excelize.OpenReader.
func openMessage(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return "Tệp Excel được bảo vệ bằng mật khẩu hoặc không đúng định dạng .xlsx."
	case strings.Contains(err.Error(), "unzip size"):
		return "Tệp quá lớn khi giải nén. Hãy chia thành nhiều tệp nhỏ hơn."
	}
	return "Tệp bị hỏng, không đọc được nội dung bảng tính. Hãy mở tệp bằng Excel, lưu lại rồi tải lên."
}

// reader reads the sheets of one workbook into a Result.
type reader struct {
	ctx      context.Context
	f        *excelize.File
	res      *Result
	opt      Options
	date1904 bool
	total    int
	done     int
	// seen maps duplicate keys to the row that came first.
	seen map[string]thidua.ImportRef
}

func (rd *reader) tick() error {
	rd.done++
	if rd.done%1000 == 0 {
		if err := rd.ctx.Err(); err != nil {
			return err
		}
		if rd.opt.Progress != nil {
			rd.opt.Progress(min(rd.done, rd.total), rd.total)
		}
	}
	return nil
}

// sheet reads one worksheet: finds the header row (recognizing the kind
// of sheet by its headers when the name did not tell), then parses every
// data row.
func (rd *reader) sheet(name string, def *sheetDef, scan sheetScan) error {
	rows, err := rd.f.Rows(name)
	if err != nil {
		rd.res.add(thidua.ImportProblem{Sheet: name, Message: "Không đọc được trang tính này."})
		return nil
	}
	defer rows.Close()
	var head [][]string // rows before the header is found
	var p *rowParser
	headerRow := 0
	dataRows := 0
	row := 0
	// data reads one row below the header; false stops the sheet.
	var skip map[int]bool // rows holding a cell too long
	data := func(row int, cells []string) bool {
		if blank(cells) || skip[row] {
			return true
		}
		dataRows++
		if dataRows > rd.opt.MaxRows {
			rd.res.addFirst(thidua.ImportProblem{Sheet: name, Row: row, Message: fmt.Sprintf(
				"Trang tính có hơn %s dòng dữ liệu (giới hạn của một lần nhập). Hãy chia thành nhiều tệp; mỗi tệp tối đa %s dòng.",
				formatInt(rd.opt.MaxRows), formatInt(rd.opt.MaxRows))})
			return false
		}
		rd.row(p, row, cells)
		return true
	}
	for rows.Next() {
		row++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rd.res.add(thidua.ImportProblem{Sheet: name, Row: row, Message: "Dòng bị hỏng, không đọc được."})
			return nil
		}
		if len(cells) > 0 {
			if err := rd.tick(); err != nil {
				return err
			}
		}
		long := false
		for i, c := range cells {
			if len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars {
				long = true
				rd.res.add(thidua.ImportProblem{Sheet: name, Row: row, Column: columnLetter(i), Message: fmt.Sprintf(
					"Ô dài %s ký tự, quá giới hạn %s ký tự của Excel cho một ô. Hãy rút ngắn nội dung ô này.",
					formatInt(utf8.RuneCountInString(c)), formatInt(MaxCellChars))})
				cells[i] = ""
			}
		}
		if long {
			// The row is not read: its other problems would only add noise.
			if skip == nil {
				skip = map[int]bool{}
			}
			skip[row] = true
		}
		if p == nil {
			head = append(head, cells)
			if row < headerScan {
				continue
			}
			if p, def, headerRow = rd.header(name, def, head); p == nil {
				return nil
			}
			// Rows after the header among those buffered are data.
			for i := headerRow; i < len(head); i++ {
				if !data(i+1, head[i]) {
					return nil
				}
			}
			head = nil
			continue
		}
		if !data(row, cells) {
			return nil
		}
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			rd.res.add(thidua.ImportProblem{Sheet: name, Message: "Trang tính vượt quá số dòng tối đa của Excel (1.048.576 dòng)."})
		} else {
			rd.res.add(thidua.ImportProblem{Sheet: name, Message: "Trang tính bị hỏng, không đọc hết được."})
		}
		return nil
	}
	if p == nil {
		// The whole sheet fitted in the header window.
		if blankRows(head) {
			return nil
		}
		if p, _, headerRow = rd.header(name, def, head); p == nil {
			return nil
		}
		for i := headerRow; i < len(head); i++ {
			if !data(i+1, head[i]) {
				return nil
			}
		}
	}
	rd.res.Batch.Sheets[len(rd.res.Batch.Sheets)-1].Rows = dataRows
	// Formulas and merged cells, found by the scan, from the header row
	// down (a merged title above the header is fine).
	var formulas, merges []string
	for _, c := range scan.formulas {
		if _, row, err := excelize.SplitCellName(c); err != nil || row >= headerRow {
			formulas = append(formulas, c)
		}
	}
	for _, m := range scan.merges {
		last := m[strings.LastIndex(m, ":")+1:]
		if _, row, err := excelize.SplitCellName(last); err != nil || row >= headerRow {
			merges = append(merges, m)
		}
	}
	const listed = 10
	for i, c := range formulas[:min(len(formulas), listed)] {
		msg := "Ô " + c + " chứa công thức. Hãy thay công thức bằng giá trị (sao chép rồi Dán đặc biệt → Giá trị) trước khi nhập, để dữ liệu nhập vào đúng như đang thấy."
		if i == listed-1 && len(formulas) > listed {
			msg += fmt.Sprintf(" (Còn %d ô công thức khác.)", len(formulas)-listed)
		}
		rd.res.add(p.named(cellProblem(name, c, msg)))
	}
	for i, m := range merges[:min(len(merges), listed)] {
		msg := "Các ô " + m + " đang được gộp. Hãy bỏ gộp ô (Hợp nhất và Căn giữa → Bỏ hợp nhất ô) và ghi đủ giá trị cho từng dòng."
		if i == listed-1 && len(merges) > listed {
			msg += fmt.Sprintf(" (Còn %d vùng gộp khác.)", len(merges)-listed)
		}
		rd.res.add(p.named(cellProblem(name, strings.SplitN(m, ":", 2)[0], msg)))
	}
	return nil
}

// named fills in the header of a problem's column.
func (p *rowParser) named(pr thidua.ImportProblem) thidua.ImportProblem {
	for i, l := range p.letters {
		if l != "" && l == pr.Column {
			pr.Field = p.headers[i]
		}
	}
	return pr
}

// cellProblem locates a problem at a cell reference ("C5").
func cellProblem(sheet, ref, msg string) thidua.ImportProblem {
	col, row, err := excelize.SplitCellName(ref)
	if err != nil {
		return thidua.ImportProblem{Sheet: sheet, Message: msg}
	}
	return thidua.ImportProblem{Sheet: sheet, Row: row, Column: col, Message: msg}
}

func blankRows(rows [][]string) bool {
	for _, r := range rows {
		if !blank(r) {
			return false
		}
	}
	return true
}

// header finds the header row among the first rows: the row matching the
// most columns of def (or, without def, of any sheet kind) that has every
// required column. It reports a problem and returns nil when there is none.
func (rd *reader) header(name string, def *sheetDef, head [][]string) (*rowParser, *sheetDef, int) {
	defs := []*sheetDef{def}
	if def == nil {
		defs = nil
		for i := range sheets {
			defs = append(defs, &sheets[i])
		}
	}
	type cand struct {
		def     *sheetDef
		row     int // 0-based index in head
		matched int
		missing []string
	}
	var best *cand
	for _, d := range defs {
		for i, cells := range head {
			seen := map[int]bool{}
			for _, c := range cells {
				if j := d.matchColumn(c); j >= 0 {
					seen[j] = true
				}
			}
			if len(seen) == 0 {
				continue
			}
			var missing []string
			for j, c := range d.columns {
				if c.required && !seen[j] {
					missing = append(missing, "«"+c.header+"»")
				}
			}
			c := &cand{def: d, row: i, matched: len(seen), missing: missing}
			if best == nil || len(c.missing) < len(best.missing) || len(c.missing) == len(best.missing) && c.matched > best.matched {
				best = c
			}
		}
	}
	if def == nil && (best == nil || len(best.missing) > 0) {
		rd.res.Skipped = append(rd.res.Skipped, "«"+name+"» (tên trang và dòng tiêu đề không khớp mẫu nào)")
		return nil, nil, 0
	}
	if best == nil {
		rd.res.add(thidua.ImportProblem{Sheet: name, Message: fmt.Sprintf(
			"Không tìm thấy dòng tiêu đề trong %d dòng đầu. Dòng tiêu đề cần có các cột: %s (xem tệp mẫu).",
			headerScan, strings.Join(headerList(def, true), ", "))})
		return nil, nil, 0
	}
	if len(best.missing) > 0 {
		rd.res.add(thidua.ImportProblem{Sheet: name, Row: best.row + 1, Message: "Dòng tiêu đề thiếu cột bắt buộc: " +
			strings.Join(best.missing, ", ") + ". Hãy thêm cột (đúng tên như tệp mẫu) rồi tải lên lại."})
		return nil, nil, 0
	}
	d := best.def
	idx := make([]int, len(d.columns))
	headers := make([]string, len(d.columns))
	for j := range idx {
		idx[j] = -1
	}
	bad := false
	for ci, c := range head[best.row] {
		j := d.matchColumn(c)
		if j < 0 {
			continue
		}
		if idx[j] >= 0 {
			rd.res.add(thidua.ImportProblem{Sheet: name, Row: best.row + 1, Column: columnLetter(ci), Field: thidua.NormalizeText(c),
				Message: "Cột «" + d.columns[j].header + "» xuất hiện hai lần (cột " + columnLetter(idx[j]) + " và cột " + columnLetter(ci) + "); hãy xóa một cột."})
			bad = true
			continue
		}
		idx[j], headers[j] = ci, thidua.NormalizeText(c)
	}
	if bad {
		return nil, nil, 0
	}
	p := newRowParser(d, name, idx, headers, rd.date1904, rd.opt.Today)
	rd.res.Batch.Sheets = append(rd.res.Batch.Sheets, thidua.ImportSheet{Kind: d.kind, Name: name, Columns: p.columns()})
	if def == nil {
		rd.res.Skipped = append(rd.res.Skipped, "«"+name+"» được đọc như trang «"+d.name+"» theo dòng tiêu đề")
	}
	return p, d, best.row + 1
}

func headerList(d *sheetDef, requiredOnly bool) []string {
	var out []string
	for _, c := range d.columns {
		if c.required || !requiredOnly {
			out = append(out, "«"+c.header+"»")
		}
	}
	return out
}

// row parses one data row, checks it for duplicates within the file and
// adds it to the batch.
func (rd *reader) row(p *rowParser, row int, cells []string) {
	rec, problems := p.parse(row, cells)
	b := rd.res.Batch
	if len(problems) > 0 {
		rd.res.add(problems...)
		if rec.check != nil {
			b.PathChecks = append(b.PathChecks, *rec.check)
			if rd.opt.Chunk != nil && b.Rows()+len(b.PathChecks) >= rd.opt.ChunkRows {
				rd.flush()
			}
		}
		return
	}
	dup := func(key, field, msg string) bool {
		if first, ok := rd.seen[key]; ok {
			where := "dòng " + strconv.Itoa(first.Row)
			if first.Sheet != p.sheet {
				where += " của trang «" + first.Sheet + "»"
			}
			r := &rowState{p: p, row: row}
			r.add(field, fmt.Sprintf(msg, where))
			rd.res.add(r.problems...)
			return true
		}
		rd.seen[key] = thidua.ImportRef{Sheet: p.sheet, Row: row}
		return false
	}
	switch {
	case rec.unit != nil:
		if !dup("U|"+p.pathKey(rec.unit.Path), colPath, "Đơn vị này đã có ở %s.") {
			b.Units = append(b.Units, *rec.unit)
		}
	case rec.person != nil:
		pp := &rec.person.Person
		rec.person.NameFold = thidua.Fold(pp.FullName)
		if !dup("P|"+rec.person.NameFold+"|"+pp.BirthDate.ISO()+"|"+p.pathKey(rec.person.UnitPath), colFullName,
			"Trùng với %s: cùng họ và tên, ngày sinh và đơn vị (là cùng một người).") {
			b.People = append(b.People, *rec.person)
		}
	case rec.rating != nil:
		x := rec.rating
		if !dup("R|"+p.subjectKey(x.Subject)+"|"+strconv.Itoa(x.Rating.Year), colYear, "Năm này đã có xếp loại ở %s.") {
			b.Ratings = append(b.Ratings, *x)
		}
	case rec.title != nil:
		x := rec.title
		if !dup("T|"+p.subjectKey(x.Subject)+"|"+strconv.Itoa(x.Title.Year)+"|"+x.Title.Code, colCode, "Danh hiệu này của năm này đã có ở %s.") {
			b.Titles = append(b.Titles, *x)
		}
	case rec.award != nil:
		x := rec.award
		if !dup("A|"+p.subjectKey(x.Subject)+"|"+x.Award.Code+"|"+x.Award.Date.ISO(), colCode, "Hình thức khen thưởng này cùng ngày quyết định đã có ở %s.") {
			b.Awards = append(b.Awards, *x)
		}
	case rec.initiative != nil:
		x := rec.initiative
		key := "I|" + p.subjectKey(x.Subject) + "|" + strconv.Itoa(x.Initiative.Year) + "|" + InitiativeKey(x.Initiative)
		if !dup(key, colTitle, "Sáng kiến này đã có ở %s.") {
			b.Initiatives = append(b.Initiatives, *x)
		}
	}
	if rd.opt.Chunk != nil && b.Rows()+len(b.PathChecks) >= rd.opt.ChunkRows {
		rd.flush()
	}
}

// flush hands the records read so far to the Chunk callback.
func (rd *reader) flush() {
	b := rd.res.Batch
	if rd.opt.Chunk == nil || b.Rows()+len(b.PathChecks) == 0 {
		return
	}
	chunk := *b
	chunk.Sheets = append([]thidua.ImportSheet(nil), b.Sheets...)
	rd.opt.Chunk(&chunk)
	b.Units, b.People, b.Ratings, b.Titles, b.Awards, b.Initiatives, b.PathChecks = nil, nil, nil, nil, nil, nil, nil
}

// MergeProblems lists the reader's problems and the database check's
// together, by sheet (in the order the sheets were read; problems of the
// whole file first) and row.
func MergeProblems(a, b []thidua.ImportProblem, sheets []thidua.ImportSheet) []thidua.ImportProblem {
	order := map[string]int{"": -1}
	for i, s := range sheets {
		if _, ok := order[s.Name]; !ok {
			order[s.Name] = i
		}
	}
	out := append(append([]thidua.ImportProblem{}, a...), b...)
	sort.SliceStable(out, func(i, j int) bool {
		oi, oki := order[out[i].Sheet]
		oj, okj := order[out[j].Sheet]
		if !oki {
			oi = len(sheets)
		}
		if !okj {
			oj = len(sheets)
		}
		if oi != oj {
			return oi < oj
		}
		return out[i].Row < out[j].Row
	})
	if len(out) > thidua.MaxImportProblems {
		out = out[:thidua.MaxImportProblems]
	}
	return out
}

// InitiativeKey identifies an initiative within a subject's year: its
// folded title, or its level and kind when untitled.
func InitiativeKey(in thidua.Initiative) string {
	if t := thidua.Fold(in.Title); t != "" {
		return t
	}
	return "#" + in.Level + "/" + in.Kind
}

func pathKey(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = thidua.Fold(p)
	}
	return strings.Join(parts, "/")
}

// pathKey returns the folded key of a path the parser has split (cached).
func (p *rowParser) pathKey(path []string) string {
	if len(path) > 0 {
		if k, ok := p.keys[&path[0]]; ok {
			return k
		}
	}
	return pathKey(path)
}

func (p *rowParser) subjectKey(s thidua.ImportSubject) string {
	return thidua.PersonKey(s.FullName, s.BirthDate) + "|" + p.pathKey(s.UnitPath)
}

// formatInt writes n with dots between thousands.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
