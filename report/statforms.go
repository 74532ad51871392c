package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"
	"github.com/xuri/excelize/v2"

	"thidua/report/workbook"
	"thidua/statforms"
)

// Forms writes the statutory statistics forms (statforms.Report) as XLSX
// and as PDF in the forms' layout: "Biểu số", the circular and the report
// date top left, the reporting and receiving units top right, the title
// and year, then the grid — column A the row's label, B its mã số, C the
// đơn vị tính where the form has one, then the figure columns numbered as
// the form numbers them. Cells thidua cannot derive yet show 0 and are
// marked (grey; "0*" in the PDF), with the reasons in the notes.
type Forms struct{}

var _ statforms.Renderer = Forms{}

// formNote explains the marked cells.
const formNote = "Ô đánh dấu (nền xám, 0*): thidua chưa lưu dữ liệu để tính chỉ tiêu này; đơn vị tự điền số liệu trước khi gửi báo cáo."

// formLead is a form's lead columns (A, B and maybe C) with their headings.
func formLead(f *statforms.Form) (letters, heads []string) {
	letters, heads = []string{"A", "B"}, []string{"", "Mã số"}
	if f.HasUnitColumn() {
		letters, heads = append(letters, "C"), append(heads, "Đơn vị tính")
	}
	return letters, heads
}

func formRowLabel(r statforms.Row) string {
	return strings.Repeat("    ", r.Indent) + r.Label
}

// FormXLSX writes the form as a workbook: the form on its first sheet
// (figures as numbers) and, for a unit with sub-units, the totals of each
// (the province by its agencies) on a second.
func (Forms) FormXLSX(w io.Writer, r *statforms.Report) error {
	if r == nil || r.Form == nil {
		return fmt.Errorf("report: form without data")
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxDoc{f: f}
	const sh = "Biểu"
	x.fail(f.SetSheetName("Sheet1", sh))
	font := &excelize.Font{Family: "Times New Roman", Size: 11}
	bold := &excelize.Font{Family: "Times New Roman", Size: 11, Bold: true}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		x.fail(err)
		return id
	}
	intFmt := workbook.Integer
	var (
		sText   = style(&excelize.Style{Font: font})
		sBold   = style(&excelize.Style{Font: bold})
		sTitle  = style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 13, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
		sCenter = style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center"}})
		sHead   = style(&excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
		sLabel  = style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
		sLabelB = style(&excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
		sCode   = style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
		sNum    = style(&excelize.Style{Font: font, Border: border, CustomNumFmt: &intFmt})
		sNumB   = style(&excelize.Style{Font: bold, Border: border, CustomNumFmt: &intFmt})
		sMark   = style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11, Italic: true, Color: "555555"}, Border: border, CustomNumFmt: &intFmt,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}})
		sNote = style(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 10, Italic: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	)
	cell := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return c
	}
	set := func(col, row int, v any, s int) {
		if str, ok := v.(string); ok {
			v = nfc(str)
		}
		x.fail(f.SetCellValue(sh, cell(col, row), v))
		x.fail(f.SetCellStyle(sh, cell(col, row), cell(col, row), s))
	}
	merge := func(c1, r1, c2, r2 int) {
		if c1 != c2 || r1 != r2 {
			x.fail(f.MergeCell(sh, cell(c1, r1), cell(c2, r2)))
		}
	}
	letters, heads := formLead(r.Form)
	lead := len(letters)
	last := lead + len(r.Form.Columns)
	right := max(last-4, lead+1)

	set(1, 1, "Biểu số: "+r.Form.Code, sBold)
	set(1, 2, r.Basis(), sText)
	set(1, 3, r.Due(), sText)
	set(right, 1, "Đơn vị báo cáo: "+r.Agency, sText)
	set(right, 2, "Đơn vị nhận báo cáo: "+r.Circular.Receiver, sText)
	set(1, 5, r.Form.Title, sTitle)
	merge(1, 5, last, 5)
	x.fail(f.SetRowHeight(sh, 5, 34))
	set(1, 6, "Năm "+strconv.Itoa(r.Year), sCenter)
	merge(1, 6, last, 6)

	// Headings: a group spans its columns on row 8; a column without one
	// takes rows 8 and 9.
	const h1, h2, hn = 8, 9, 10
	for i, h := range heads {
		set(i+1, h1, h, sHead)
		set(i+1, h2, "", sHead)
		merge(i+1, h1, i+1, h2)
		set(i+1, hn, letters[i], sHead)
	}
	cols := r.Form.Columns
	for j := 0; j < len(cols); {
		c := lead + 1 + j
		if cols[j].Group == "" {
			set(c, h1, cols[j].Label, sHead)
			set(c, h2, "", sHead)
			merge(c, h1, c, h2)
			set(c, hn, cols[j].No, sHead)
			j++
			continue
		}
		k := j
		for k < len(cols) && cols[k].Group == cols[j].Group {
			set(lead+1+k, h1, cols[j].Group, sHead)
			set(lead+1+k, h2, cols[k].Label, sHead)
			set(lead+1+k, hn, cols[k].No, sHead)
			k++
		}
		merge(c, h1, lead+k, h1)
		j = k
	}
	x.fail(f.SetRowHeight(sh, h1, 42))
	x.fail(f.SetRowHeight(sh, h2, 90))

	row := hn + 1
	for i, fr := range r.Form.Rows {
		if fr.Heading {
			set(1, row, fr.Label, sLabelB)
			for c := 2; c <= last; c++ {
				set(c, row, "", sLabel)
			}
			row++
			continue
		}
		ls, ns := sLabel, sNum
		if fr.Bold {
			ls, ns = sLabelB, sNumB
		}
		set(1, row, formRowLabel(fr), ls)
		set(2, row, fr.Code, sCode)
		if lead == 3 {
			u := fr.Unit
			if u == "" {
				u = r.Form.Unit
			}
			set(3, row, u, sCode)
		}
		for j := range cols {
			s := ns
			if r.Underived(i, j) != "" {
				s = sMark
			}
			set(lead+1+j, row, r.Cells[i][j], s)
		}
		row++
	}
	row++
	set(1, row, "Ghi chú:", sBold)
	row++
	for _, n := range append([]string{formNote}, r.Notes()...) {
		set(1, row, n, sNote)
		merge(1, row, last, row)
		x.fail(f.SetRowHeight(sh, row, 28))
		row++
	}
	x.fail(f.SetColWidth(sh, "A", "A", 48))
	x.fail(f.SetColWidth(sh, "B", "B", 7))
	if lead == 3 {
		x.fail(f.SetColWidth(sh, "C", "C", 10))
	}
	first, _ := excelize.ColumnNumberToName(lead + 1)
	lastName, _ := excelize.ColumnNumberToName(last)
	x.fail(f.SetColWidth(sh, first, lastName, 11))

	if len(r.Branches) > 1 {
		const bs = "Chi tiết theo đơn vị"
		_, err := f.NewSheet(bs)
		x.fail(err)
		bset := func(col, rw int, v any, s int) {
			if str, ok := v.(string); ok {
				v = nfc(str)
			}
			x.fail(f.SetCellValue(bs, cell(col, rw), v))
			x.fail(f.SetCellStyle(bs, cell(col, rw), cell(col, rw), s))
		}
		bset(1, 1, "Biểu số "+r.Form.Code+" – mã số "+r.Form.Rows[0].Code+" ("+r.Form.Rows[0].Label+") chia theo đơn vị, năm "+strconv.Itoa(r.Year), sBold)
		bset(1, 3, "Đơn vị", sHead)
		for j, c := range cols {
			label := c.Label
			if c.Group != "" {
				label = c.Group + ": " + c.Label
			}
			bset(2+j, 3, c.No+". "+label, sHead)
		}
		rw := 4
		for _, b := range r.Branches {
			bset(1, rw, b.Label, sLabel)
			for j := range cols {
				bset(2+j, rw, b.Cells[0][j], sNum)
			}
			rw++
		}
		bset(1, rw, "Tổng số", sLabelB)
		for j := range cols {
			bset(2+j, rw, r.Cells[0][j], sNumB)
		}
		x.fail(f.SetColWidth(bs, "A", "A", 48))
		x.fail(f.SetRowHeight(bs, 3, 90))
		ln, _ := excelize.ColumnNumberToName(1 + len(cols))
		x.fail(f.SetColWidth(bs, "B", ln, 12))
	}
	if x.err != nil {
		return fmt.Errorf("report: form workbook: %w", x.err)
	}
	return workbook.Write(w, f, workbook.Props{Title: "Biểu số " + r.Form.Code + " năm " + strconv.Itoa(r.Year),
		Subject: r.Form.Title, Created: r.Made})
}

// Landscape A4 geometry of the forms' PDF, in millimetres.
const (
	formPageW   = 297.0
	formPageH   = 210.0
	formMargin  = 12.0
	formContent = formPageW - 2*formMargin
	formBottom  = formPageH - 14.0
	formSize    = 7.5 // table text, points
)

// FormPDF writes the form on landscape A4 pages in its layout.
func (Forms) FormPDF(w io.Writer, r *statforms.Report) error {
	if r == nil || r.Form == nil {
		return fmt.Errorf("report: form without data")
	}
	d, err := newPDF()
	if err != nil {
		return err
	}
	d.gp.SetInfo(gopdf.PdfInfo{Title: nfc("Biểu số " + r.Form.Code + " năm " + strconv.Itoa(r.Year)), Subject: nfc(r.Form.Title),
		Author: nfc(r.Agency), Creator: "thidua", CreationDate: r.Made})
	page := func() {
		d.gp.AddPageWithOption(gopdf.PageOption{PageSize: gopdf.PageSizeA4Landscape})
		d.y = formMargin
	}
	page()
	half := formContent / 2
	top := d.y
	d.font("B", 10)
	d.line(formMargin, d.y, half, "Biểu số: "+r.Form.Code, alignLeft)
	d.y += d.lineH()
	d.font("I", 9.5)
	for _, s := range []string{r.Basis(), r.Due()} {
		for _, l := range d.wrap(s, half-10) {
			d.line(formMargin, d.y, half, l, alignLeft)
			d.y += d.lineH()
		}
	}
	leftY := d.y
	d.y = top
	d.font("", 10)
	for _, s := range []string{"Đơn vị báo cáo: " + r.Agency, "Đơn vị nhận báo cáo: " + r.Circular.Receiver} {
		for _, l := range d.wrap(s, half-20) {
			d.line(formMargin+half+20, d.y, half-20, l, alignLeft)
			d.y += d.lineH()
		}
	}
	d.y = max(d.y, leftY) + 3
	d.font("B", 13)
	for _, l := range d.wrap(r.Form.Title, formContent-40) {
		d.line(formMargin, d.y, formContent, l, alignCenter)
		d.y += d.lineH()
	}
	d.font("", 11)
	d.line(formMargin, d.y, formContent, "Năm "+strconv.Itoa(r.Year), alignCenter)
	d.y += d.lineH() + 3

	// Column widths: the label takes what the fixed columns leave.
	letters, heads := formLead(r.Form)
	cols := r.Form.Columns
	widths := []float64{0, 9}
	if len(letters) == 3 {
		widths = append(widths, 13)
	}
	// The label keeps at least 60 mm; the figure columns share the rest,
	// up to 30 mm each.
	fixed := 0.0
	for _, wd := range widths[1:] {
		fixed += wd
	}
	fig := min((formContent-60-fixed)/float64(len(cols)), 30)
	widths[0] = formContent - fig*float64(len(cols))
	for _, wd := range widths[1:] {
		widths[0] -= wd
	}
	for range cols {
		widths = append(widths, fig)
	}
	lead := len(letters)
	d.font("", formSize)
	lh := d.lineH()
	box := func(x, y, wd, h float64, fill bool) {
		d.gp.SetLineWidth(0.2)
		d.gp.SetStrokeColor(0, 0, 0)
		if fill {
			d.gp.SetFillColor(217, 217, 217)
			d.gp.RectFromUpperLeftWithStyle(x, y, wd, h, "FD")
			d.gp.SetFillColor(0, 0, 0)
			return
		}
		d.gp.RectFromUpperLeftWithStyle(x, y, wd, h, "D")
	}
	text := func(x, y, wd, h float64, s string, align int) {
		lines := d.wrap(s, wd-2*cellPadX)
		ty := y + (h-float64(len(lines))*lh)/2
		for _, l := range lines {
			d.line(x+cellPadX, ty, wd-2*cellPadX, l, align)
			ty += lh
		}
	}
	linesOf := func(s string, wd float64) float64 { return float64(len(d.wrap(s, wd-2*cellPadX))) }
	header := func() {
		d.font("B", formSize)
		// Heights: the group row, the leaf row, the letters row.
		var gh, ch float64 = 1, 1
		for j, c := range cols {
			wd := widths[lead+j]
			if c.Group == "" {
				continue
			}
			span := 0.0
			for k := range cols {
				if cols[k].Group == c.Group {
					span += widths[lead+k]
				}
			}
			gh = max(gh, linesOf(c.Group, span))
			ch = max(ch, linesOf(c.Label, wd))
		}
		for j, c := range cols {
			if c.Group == "" {
				ch = max(ch, linesOf(c.Label, widths[lead+j])-gh)
			}
		}
		gH, cH := gh*lh+2*cellPadY, ch*lh+2*cellPadY
		x := formMargin
		for i, h := range heads {
			box(x, d.y, widths[i], gH+cH, false)
			text(x, d.y, widths[i], gH+cH, h, alignCenter)
			box(x, d.y+gH+cH, widths[i], lh+2*cellPadY, false)
			text(x, d.y+gH+cH, widths[i], lh+2*cellPadY, letters[i], alignCenter)
			x += widths[i]
		}
		for j := 0; j < len(cols); {
			c := cols[j]
			if c.Group == "" {
				box(x, d.y, widths[lead+j], gH+cH, false)
				text(x, d.y, widths[lead+j], gH+cH, c.Label, alignCenter)
				box(x, d.y+gH+cH, widths[lead+j], lh+2*cellPadY, false)
				text(x, d.y+gH+cH, widths[lead+j], lh+2*cellPadY, c.No, alignCenter)
				x += widths[lead+j]
				j++
				continue
			}
			gx, span := x, 0.0
			k := j
			for ; k < len(cols) && cols[k].Group == c.Group; k++ {
				wd := widths[lead+k]
				box(x, d.y+gH, wd, cH, false)
				text(x, d.y+gH, wd, cH, cols[k].Label, alignCenter)
				box(x, d.y+gH+cH, wd, lh+2*cellPadY, false)
				text(x, d.y+gH+cH, wd, lh+2*cellPadY, cols[k].No, alignCenter)
				x += wd
				span += wd
			}
			box(gx, d.y, span, gH, false)
			text(gx, d.y, span, gH, c.Group, alignCenter)
			j = k
		}
		d.y += gH + cH + lh + 2*cellPadY
	}
	header()
	for i, fr := range r.Form.Rows {
		style := ""
		if fr.Bold || fr.Heading {
			style = "B"
		}
		d.font(style, formSize)
		h := linesOf(formRowLabel(fr), widths[0])*lh + 2*cellPadY
		if d.y+h > formBottom {
			page()
			header()
			d.font(style, formSize)
		}
		x := formMargin
		box(x, d.y, widths[0], h, false)
		text(x, d.y, widths[0], h, formRowLabel(fr), alignLeft)
		x += widths[0]
		unit := fr.Unit
		if unit == "" && !fr.Heading {
			unit = r.Form.Unit
		}
		for k, s := range []string{fr.Code, unit}[:lead-1] {
			box(x, d.y, widths[1+k], h, false)
			text(x, d.y, widths[1+k], h, s, alignCenter)
			x += widths[1+k]
		}
		for j := range cols {
			wd := widths[lead+j]
			if fr.Heading {
				box(x, d.y, wd, h, false)
				x += wd
				continue
			}
			v := FormatNumber(float64(r.Cells[i][j]))
			mark := r.Underived(i, j) != ""
			if mark {
				v += "*"
			}
			box(x, d.y, wd, h, mark)
			text(x, d.y, wd, h, v, alignRight)
			x += wd
		}
		d.y += h
	}
	d.y += 3
	d.font("BI", 9)
	if d.y+3*d.lineH() > formBottom {
		page()
	}
	d.line(formMargin, d.y, formContent, "Ghi chú:", alignLeft)
	d.y += d.lineH()
	d.font("I", 9)
	for _, n := range append([]string{formNote}, r.Notes()...) {
		for _, l := range d.wrap("- "+n, formContent) {
			if d.y+d.lineH() > formBottom {
				page()
				d.font("I", 9)
			}
			d.line(formMargin, d.y, formContent, l, alignLeft)
			d.y += d.lineH()
		}
	}
	// The signature blocks of a statistics form.
	if d.y+30 > formBottom {
		page()
	}
	d.y += 4
	d.font("I", 10)
	d.line(formMargin+half, d.y, half, "……, ngày … tháng … năm …", alignCenter)
	d.y += d.lineH()
	d.font("B", 10)
	d.line(formMargin, d.y, half, "NGƯỜI LẬP BIỂU", alignCenter)
	d.line(formMargin+half, d.y, half, "THỦ TRƯỞNG ĐƠN VỊ", alignCenter)
	d.y += d.lineH()
	d.font("I", 9)
	d.line(formMargin, d.y, half, "(Ký, ghi rõ họ tên)", alignCenter)
	d.line(formMargin+half, d.y, half, "(Ký, đóng dấu, ghi rõ họ tên)", alignCenter)
	if d.err != nil {
		return fmt.Errorf("report: form pdf: %w", d.err)
	}
	if _, err := d.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write pdf: %w", err)
	}
	return nil
}
