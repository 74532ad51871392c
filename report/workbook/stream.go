package workbook

import (
	"archive/zip"
	"bufio"
	"cmp"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stream writes a workbook straight into its zip on w, row by row, for
// the lists that grow with a province (people, histories, eligibility).
//
// excelize's StreamWriter keeps up to 16 MiB of every open sheet in memory
// (StreamChunkSize, a constant) and File.Write assembles the whole zip in
// a buffer; a three-sheet history of 50,000 people took 260 MiB that way.
// A Stream holds one 64 KiB buffer per sheet: the sheet being written
// goes into the zip as it comes, and a sheet filled at the same time as
// another (one pass over the source filling several) goes to a temporary
// file, copied into the zip when the workbook is closed.
//
// It writes what thidua's lists use of SpreadsheetML: cell styles (font,
// border, fill, alignment, number format), column widths, frozen header
// rows, row heights, tables with their filter buttons, inline strings,
// numbers, dates and booleans. Text is NFC and stripped of what XML
// cannot hold.
type Stream struct {
	zw     *zip.Writer
	props  Props
	styles []Style
	sheets []*Sheet
	// busy is the sheet writing into the zip now; others spill.
	busy   *Sheet
	tables int
	closed bool
	err    error
}

// Style is a cell style of a Stream.
type Style struct {
	// Font is the font family; "" is Times New Roman.
	Font string
	// Size is in points; 0 is 12.
	Size         float64
	Bold, Italic bool
	// Border draws a thin grey border round the cell.
	Border bool
	// Fill is the background as RRGGBB; "" is none.
	Fill string
	// Horizontal and Vertical align the content: "left", "center",
	// "right"; "top", "center", "bottom". "" is the reader's default.
	Horizontal, Vertical string
	Wrap                 bool
	// NumFmt is a number format code ("dd/mm/yyyy", Integer); "" is General.
	NumFmt string
}

// Cell is a value and the style it is shown in: nil (an empty, styled
// cell), string, bool, int, int64, float64 or time.Time (a date and time,
// shown by the style's number format).
type Cell struct {
	Style int
	Value any
}

// SheetOptions lay out a sheet.
type SheetOptions struct {
	// Widths are the widths of the columns from A, in characters; 0 leaves
	// a column at the default width.
	Widths []float64
	// FreezeRows keeps that many rows at the top in view.
	FreezeRows int
}

// Sheet is a sheet of a Stream. Rows are written in order, each below the
// last.
type Sheet struct {
	s       *Stream
	name    string
	index   int
	state   int // 0 declared, 1 writing, 2 closed
	bw      *bufio.Writer
	tmp     *os.File // when the sheet spilled
	row     int      // the last row written
	cols    []string // column letters, grown on demand
	tables  []table
	scratch []byte
}

type table struct {
	id      int
	name    string
	ref     string
	columns []string
}

// NewStream starts a workbook on w with core properties p. Close ends it.
//
// Parts are deflated at level 2, not archive/zip's 5: the 38 MB sheet of
// 50,000 people deflates in 94 ms to 3.30 MB rather than in 234 ms to
// 2.80 MB (level 1 is no faster and gives 3.86 MB), and the workbook is
// made while the officer waits.
func NewStream(w io.Writer, p Props) *Stream {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, 2)
	})
	return &Stream{zw: zw, props: p, styles: []Style{{}}}
}

// AddStyle registers st and returns its id for Cell.Style. Id 0 is the
// reader's default style.
func (s *Stream) AddStyle(st Style) int {
	s.styles = append(s.styles, st)
	return len(s.styles) - 1
}

// AddSheet declares the next sheet, named name (a valid, unique sheet
// name: the caller's). The sheets show in the order they are declared,
// whatever order they are written in.
func (s *Stream) AddSheet(name string) *Sheet {
	sh := &Sheet{s: s, name: name, index: len(s.sheets) + 1}
	s.sheets = append(s.sheets, sh)
	return sh
}

// Start begins writing sh: its layout, then rows.
func (sh *Sheet) Start(o SheetOptions) error {
	s := sh.s
	if s.err != nil {
		return s.err
	}
	if sh.state != 0 || s.closed {
		return fmt.Errorf("workbook: sheet %q started twice", sh.name)
	}
	sh.state = 1
	var w io.Writer
	if s.busy == nil {
		zf, err := s.zw.Create(sh.part())
		if err != nil {
			return s.fail(err)
		}
		s.busy, w = sh, zf
	} else {
		f, err := os.CreateTemp("", "thidua-sheet-*.xml")
		if err != nil {
			return s.fail(err)
		}
		// Unlinked at once: the open file holds the rows, and nothing is
		// left behind whatever ends the process.
		os.Remove(f.Name())
		sh.tmp, w = f, f
	}
	sh.bw = bufio.NewWriterSize(w, 64<<10)
	b := sh.bw
	b.WriteString(xml.Header)
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if sh.index == 1 {
		b.WriteString(` tabSelected="1"`)
	}
	if o.FreezeRows > 0 {
		first := "A" + strconv.Itoa(o.FreezeRows+1)
		fmt.Fprintf(b, `><pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/></sheetView>`,
			o.FreezeRows, first, first, first)
	} else {
		b.WriteString(`/>`)
	}
	b.WriteString(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(o.Widths) > 0 {
		b.WriteString(`<cols>`)
		for i, wd := range o.Widths {
			if wd > 0 {
				fmt.Fprintf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
			}
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	return nil
}

// Row writes row r (from 1, below every row written so far), height
// points high (0: the default), with cells from column A.
func (sh *Sheet) Row(r int, height float64, cells ...Cell) error {
	s := sh.s
	if s.err != nil {
		return s.err
	}
	if sh.state != 1 {
		return fmt.Errorf("workbook: row of sheet %q, not being written", sh.name)
	}
	if r <= sh.row {
		return fmt.Errorf("workbook: sheet %q: row %d after row %d", sh.name, r, sh.row)
	}
	sh.row = r
	for len(sh.cols) < len(cells) {
		sh.cols = append(sh.cols, ColumnName(len(sh.cols)+1))
	}
	rs := strconv.Itoa(r)
	b := sh.scratch[:0]
	b = append(b, `<row r="`...)
	b = append(b, rs...)
	if height > 0 {
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1`...)
	}
	b = append(b, `">`...)
	for i, c := range cells {
		if c.Style < 0 || c.Style >= len(s.styles) {
			return s.fail(fmt.Errorf("workbook: sheet %q: no style %d", sh.name, c.Style))
		}
		b = append(b, `<c r="`...)
		b = append(b, sh.cols[i]...)
		b = append(b, rs...)
		b = append(b, '"')
		if c.Style > 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.Style), 10)
			b = append(b, '"')
		}
		var err error
		if b, err = appendValue(b, c.Value); err != nil {
			return s.fail(fmt.Errorf("workbook: sheet %q, cell %s%s: %w", sh.name, sh.cols[i], rs, err))
		}
	}
	b = append(b, `</row>`...)
	sh.scratch = b
	if _, err := sh.bw.Write(b); err != nil {
		return s.fail(err)
	}
	return nil
}

// appendValue appends the rest of a <c> element holding v.
func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, `/>`...), nil
	case string:
		if x != strings.TrimSpace(x) || strings.ContainsAny(x, "\t\n\r") {
			b = append(b, ` t="inlineStr"><is><t xml:space="preserve">`...)
		} else {
			b = append(b, ` t="inlineStr"><is><t>`...)
		}
		b = appendText(b, x)
		return append(b, `</t></is></c>`...), nil
	case bool:
		b = append(b, ` t="b"><v>`...)
		if x {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
		return append(b, `</v></c>`...), nil
	case int:
		return appendNumber(b, float64(x), strconv.AppendInt(nil, int64(x), 10)), nil
	case int64:
		return appendNumber(b, float64(x), strconv.AppendInt(nil, x, 10)), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return append(b, `/>`...), nil
		}
		return appendNumber(b, x, nil), nil
	case time.Time:
		if x.IsZero() {
			return append(b, `/>`...), nil
		}
		return appendNumber(b, ExcelTime(x), nil), nil
	}
	return b, fmt.Errorf("a value of type %T", v)
}

func appendNumber(b []byte, f float64, digits []byte) []byte {
	b = append(b, `><v>`...)
	if digits != nil {
		b = append(b, digits...)
	} else {
		b = strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return append(b, `</v></c>`...)
}

// appendText appends s, in NFC, escaped for XML text and attribute
// values; characters XML 1.0
// cannot hold (most C0 controls) are dropped.
func appendText(b []byte, s string) []byte {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '"':
				b = append(b, "&quot;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case c >= 0x20 || c == '\t' || c == '\n':
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			i++
			continue
		}
		b = append(b, s[i:i+n]...)
		i += n
	}
	return b
}

// excelEpoch is day 0 of the 1900 date system, as Excel counts it after
// February 1900 (it takes 1900 for a leap year).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ExcelTime is t's wall clock as an Excel serial date: days since
// 30/12/1899, the time of day as the fraction.
func ExcelTime(t time.Time) float64 {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	wall := time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC)
	days := float64(wall.Sub(excelEpoch)) / float64(24*time.Hour)
	if days < 61 { // before 01/03/1900: Excel's day 60 is a 29/02/1900 that never was
		days--
	}
	return days
}

// ColumnName is the letters of column n (from 1): A, B, …, Z, AA.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append(b, byte('A'+n%26))
		n /= 26
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// AddTable makes rows first to last of columns 1 to len(columns) a table
// named name (unique in the workbook; letters, digits and _), with filter
// buttons on its header row (row first, whose cells are columns) and no
// banding, as excelize's TableStyleLight1 tables.
func (sh *Sheet) AddTable(name string, first, last int, columns []string) error {
	if len(columns) == 0 || last <= first {
		return fmt.Errorf("workbook: table %s: no rows or no columns", name)
	}
	sh.s.tables++
	// A table's column names are unique and not empty, as Excel needs.
	seen := map[string]bool{}
	names := make([]string, len(columns))
	for i, c := range columns {
		c = strings.TrimSpace(strings.ReplaceAll(c, "\n", " "))
		if c == "" {
			c = "Cột " + strconv.Itoa(i+1)
		}
		base := c
		for k := 2; seen[strings.ToLower(c)]; k++ {
			c = base + " " + strconv.Itoa(k)
		}
		seen[strings.ToLower(c)] = true
		names[i] = c
	}
	ref := "A" + strconv.Itoa(first) + ":" + ColumnName(len(columns)) + strconv.Itoa(last)
	sh.tables = append(sh.tables, table{id: sh.s.tables, name: name, ref: ref, columns: names})
	return nil
}

// Close ends sh.
func (sh *Sheet) Close() error {
	s := sh.s
	if s.err != nil {
		return s.err
	}
	if sh.state != 1 {
		return fmt.Errorf("workbook: sheet %q closed without being started", sh.name)
	}
	sh.state = 2
	b := sh.bw
	b.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	if len(sh.tables) > 0 {
		fmt.Fprintf(b, `<tableParts count="%d">`, len(sh.tables))
		for i := range sh.tables {
			fmt.Fprintf(b, `<tablePart r:id="rId%d"/>`, i+1)
		}
		b.WriteString(`</tableParts>`)
	}
	b.WriteString(`</worksheet>`)
	if err := b.Flush(); err != nil {
		return s.fail(err)
	}
	if s.busy == sh {
		s.busy = nil
	}
	return nil
}

func (sh *Sheet) part() string { return "xl/worksheets/sheet" + strconv.Itoa(sh.index) + ".xml" }

func (s *Stream) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// Abort removes the temporary files of a Stream that will not be closed
// (its writing failed); it is safe after Close.
func (s *Stream) Abort() {
	for _, sh := range s.sheets {
		if sh.tmp != nil {
			sh.tmp.Close()
			os.Remove(sh.tmp.Name()) // where unlinking an open file failed
			sh.tmp = nil
		}
	}
}

// Close copies the sheets that spilled into the zip, then writes the
// workbook's other parts and ends the zip. Every sheet must have been
// closed; a sheet never started is written empty.
func (s *Stream) Close() error {
	defer s.Abort()
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return errors.New("workbook: closed twice")
	}
	if len(s.sheets) == 0 {
		return s.fail(errors.New("workbook: no sheet"))
	}
	for _, sh := range s.sheets {
		switch sh.state {
		case 0:
			if err := sh.Start(SheetOptions{}); err != nil {
				return err
			}
			if err := sh.Close(); err != nil {
				return err
			}
		case 1:
			return s.fail(fmt.Errorf("workbook: sheet %q not closed", sh.name))
		}
	}
	s.closed = true
	for _, sh := range s.sheets {
		if sh.tmp == nil {
			continue
		}
		zf, err := s.zw.Create(sh.part())
		if err != nil {
			return s.fail(err)
		}
		if _, err := sh.tmp.Seek(0, io.SeekStart); err != nil {
			return s.fail(err)
		}
		if _, err := io.Copy(zf, sh.tmp); err != nil {
			return s.fail(err)
		}
	}
	core, err := CoreXML(s.props)
	if err != nil {
		return s.fail(err)
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", s.contentTypes()},
		{"_rels/.rels", []byte(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`)},
		{"docProps/core.xml", core},
		{"docProps/app.xml", []byte(xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>` + Creator + `</Application></Properties>`)},
		{"xl/workbook.xml", s.workbookXML()},
		{"xl/_rels/workbook.xml.rels", s.workbookRels()},
		{"xl/styles.xml", s.stylesXML()},
	}
	for _, sh := range s.sheets {
		if len(sh.tables) == 0 {
			continue
		}
		var rels strings.Builder
		rels.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
		for i, t := range sh.tables {
			fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table%d.xml"/>`, i+1, t.id)
			parts = append(parts, struct {
				name string
				data []byte
			}{"xl/tables/table" + strconv.Itoa(t.id) + ".xml", t.xml()})
		}
		rels.WriteString(`</Relationships>`)
		parts = append(parts, struct {
			name string
			data []byte
		}{"xl/worksheets/_rels/sheet" + strconv.Itoa(sh.index) + ".xml.rels", []byte(rels.String())})
	}
	for _, p := range parts {
		zf, err := s.zw.Create(p.name)
		if err != nil {
			return s.fail(err)
		}
		if _, err := zf.Write(p.data); err != nil {
			return s.fail(err)
		}
	}
	return s.fail(s.zw.Close())
}

func (s *Stream) contentTypes() []byte {
	var b strings.Builder
	b.WriteString(xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for _, sh := range s.sheets {
		b.WriteString(`<Override PartName="/` + sh.part() + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		for _, t := range sh.tables {
			b.WriteString(`<Override PartName="/xl/tables/table` + strconv.Itoa(t.id) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`)
		}
	}
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

func (s *Stream) workbookXML() []byte {
	var b strings.Builder
	b.WriteString(xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for _, sh := range s.sheets {
		b.WriteString(`<sheet name="`)
		b.Write(appendText(nil, sh.name))
		fmt.Fprintf(&b, `" sheetId="%d" r:id="rId%d"/>`, sh.index, sh.index)
	}
	b.WriteString(`</sheets></workbook>`)
	return []byte(b.String())
}

func (s *Stream) workbookRels() []byte {
	var b strings.Builder
	b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, sh := range s.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, sh.index, sh.index)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(s.sheets)+1)
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

func (t *table) xml() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, xml.Header+`<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="%d" name="%s" displayName="%s" ref="%s"><autoFilter ref="%s"/><tableColumns count="%d">`,
		t.id, t.name, t.name, t.ref, t.ref, len(t.columns))
	for i, c := range t.columns {
		fmt.Fprintf(&b, `<tableColumn id="%d" name="%s"/>`, i+1, appendText(nil, c))
	}
	b.WriteString(`</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`)
	return []byte(b.String())
}

// stylesXML writes the styles: fonts, fills, borders and number formats
// shared among the cell styles, in the order SpreadsheetML wants them.
func (s *Stream) stylesXML() []byte {
	type xf struct{ numFmt, font, fill, border int }
	var (
		fonts   = []string{`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>`}
		fills   = []string{`<fill><patternFill patternType="none"/></fill>`, `<fill><patternFill patternType="gray125"/></fill>`}
		borders = []string{`<border><left/><right/><top/><bottom/><diagonal/></border>`}
		numFmts []string
		xfs     []string
	)
	index := func(list *[]string, item string) int {
		for i, x := range *list {
			if x == item {
				return i
			}
		}
		*list = append(*list, item)
		return len(*list) - 1
	}
	for i, st := range s.styles {
		if i == 0 {
			xfs = append(xfs, `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
			continue
		}
		font := cmp.Or(st.Font, "Times New Roman")
		size := st.Size
		if size == 0 {
			size = 12
		}
		var fb strings.Builder
		fb.WriteString(`<font>`)
		if st.Bold {
			fb.WriteString(`<b/>`)
		}
		if st.Italic {
			fb.WriteString(`<i/>`)
		}
		fmt.Fprintf(&fb, `<sz val="%s"/><name val="%s"/><family val="1"/></font>`, strconv.FormatFloat(size, 'f', -1, 64), appendText(nil, font))
		x := xf{font: index(&fonts, fb.String())}
		if st.Fill != "" {
			x.fill = index(&fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF`+strings.ToUpper(st.Fill)+`"/><bgColor indexed="64"/></patternFill></fill>`)
		}
		if st.Border {
			const side = `style="thin"><color rgb="FFA0A0A0"/>`
			x.border = index(&borders, `<border><left `+side+`</left><right `+side+`</right><top `+side+`</top><bottom `+side+`</bottom><diagonal/></border>`)
		}
		if st.NumFmt != "" {
			x.numFmt = 164 + index(&numFmts, st.NumFmt)
		}
		var xb strings.Builder
		fmt.Fprintf(&xb, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0" applyFont="1"`, x.numFmt, x.font, x.fill, x.border)
		if x.numFmt != 0 {
			xb.WriteString(` applyNumberFormat="1"`)
		}
		if x.fill != 0 {
			xb.WriteString(` applyFill="1"`)
		}
		if x.border != 0 {
			xb.WriteString(` applyBorder="1"`)
		}
		if st.Horizontal != "" || st.Vertical != "" || st.Wrap {
			xb.WriteString(` applyAlignment="1"><alignment`)
			if st.Horizontal != "" {
				xb.WriteString(` horizontal="` + st.Horizontal + `"`)
			}
			if st.Vertical != "" {
				xb.WriteString(` vertical="` + st.Vertical + `"`)
			}
			if st.Wrap {
				xb.WriteString(` wrapText="1"`)
			}
			xb.WriteString(`/></xf>`)
		} else {
			xb.WriteString(`/>`)
		}
		xfs = append(xfs, xb.String())
	}
	var b strings.Builder
	b.WriteString(xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(numFmts) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(numFmts))
		for i, f := range numFmts {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+i, appendText(nil, f))
		}
		b.WriteString(`</numFmts>`)
	}
	list := func(tag string, items []string) {
		fmt.Fprintf(&b, `<%s count="%d">%s</%s>`, tag, len(items), strings.Join(items, ""), tag)
	}
	list("fonts", fonts)
	list("fills", fills)
	list("borders", borders)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	list("cellXfs", xfs)
	b.WriteString(`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`)
	return []byte(b.String())
}
