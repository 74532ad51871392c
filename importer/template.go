package importer

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/report/workbook"
)

// Templates: a workbook per kind of data, or one with every sheet. Each has
// an instructions sheet ("Hướng dẫn") with every column explained and an
// example row, a lists sheet ("Danh mục") that the drop-down lists of the
// coded columns read, and the data sheets with a frozen header row. Date
// columns are formatted as text so that "05/02/1985" stays as typed
// whatever the computer's regional settings; Excel dates pasted in are
// read too.

// Template names a downloadable template.
type Template struct {
	Kind  string // a sheet kind, or "" for the full workbook
	Slug  string // file name without extension
	Title string
}

// Templates lists the downloadable templates.
var Templates = []Template{
	{thidua.ImportUnits, "mau-nhap-don-vi", "Cơ quan, đơn vị"},
	{thidua.ImportPeople, "mau-nhap-ca-nhan", "Cá nhân"},
	{thidua.ImportRatings, "mau-nhap-xep-loai", "Xếp loại chất lượng hằng năm"},
	{thidua.ImportAwards, "mau-nhap-khen-thuong", "Danh hiệu thi đua, hình thức khen thưởng đã nhận (số, ngày quyết định)"},
	{thidua.ImportInitiatives, "mau-nhap-sang-kien", "Sáng kiến, đề tài"},
	{"", "mau-nhap-day-du", "Sổ đầy đủ (tất cả các trang)"},
}

// TemplateBySlug finds a template by its file name.
func TemplateBySlug(slug string) (Template, bool) {
	for _, t := range Templates {
		if t.Slug == slug {
			return t, true
		}
	}
	return Template{}, false
}

// examples are the sample rows shown on the instructions sheet.
var examples = map[string][]string{
	thidua.ImportUnits: {"Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức / Tổ Văn thư – Lưu trữ", "VTLT", "Tổ, nhóm", "Có"},
	thidua.ImportPeople: {"Nguyễn Văn An", "05/02/1985", "Nam", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức",
		"Chuyên viên", "Không", "Công chức", "01/09/2010", "Đang công tác"},
	thidua.ImportRatings: {"Nguyễn Văn An", "05/02/1985", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức", "2025",
		"Hoàn thành xuất sắc nhiệm vụ", "04/TB-VPUBND"},
	thidua.ImportAwards: {"Nguyễn Văn An", "05/02/1985", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức", "2025",
		"Chiến sĩ thi đua cơ sở", "", "12/QĐ-VPUBND", "15/01/2026", "Hoàn thành xuất sắc nhiệm vụ", "", ""},
	thidua.ImportInitiatives: {"Nguyễn Văn An", "05/02/1985", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức", "2024",
		"Số hóa hồ sơ lưu trữ", "Sáng kiến", "Cấp tỉnh (Bộ, ban, ngành)", ""},
}

// WriteTemplate writes the template of kind ("" for every sheet).
func WriteTemplate(w io.Writer, kind string) error {
	var defs []*sheetDef
	for i := range sheets {
		if kind == "" || sheets[i].kind == kind {
			defs = append(defs, &sheets[i])
		}
	}
	if len(defs) == 0 {
		return fmt.Errorf("importer: unknown template %q", kind)
	}
	f := excelize.NewFile()
	defer f.Close()
	t := &tmpl{f: f}
	t.styles()
	if err := f.SetSheetName("Sheet1", "Hướng dẫn"); err != nil {
		return err
	}
	lists := t.lists(defs)
	for _, d := range defs {
		t.dataSheet(d, lists)
	}
	t.instructions(defs)
	if t.err != nil {
		return fmt.Errorf("importer: template: %w", t.err)
	}
	// Open on the first data sheet.
	if idx, err := f.GetSheetIndex(defs[0].name); err == nil {
		f.SetActiveSheet(idx)
	}
	return workbook.Write(w, f, workbook.Props{Title: "Mẫu nhập dữ liệu thi đua, khen thưởng"})
}

type tmpl struct {
	f                              *excelize.File
	head, headReq, text, bold, big int
	wrap                           int
	err                            error
}

func (t *tmpl) fail(err error) {
	if err != nil && t.err == nil {
		t.err = err
	}
}

func (t *tmpl) style(s *excelize.Style) int {
	id, err := t.f.NewStyle(s)
	t.fail(err)
	return id
}

func (t *tmpl) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold}
	}
	t.head = t.style(&excelize.Style{Font: font(true, 12), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	t.headReq = t.style(&excelize.Style{Font: font(true, 12), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	textFmt := "@"
	t.text = t.style(&excelize.Style{Font: font(false, 12), CustomNumFmt: &textFmt})
	t.bold = t.style(&excelize.Style{Font: font(true, 12), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	t.big = t.style(&excelize.Style{Font: font(true, 14)})
	t.wrap = t.style(&excelize.Style{Font: font(false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

// lists writes the "Danh mục" sheet and returns, per option list, the
// range its labels occupy.
func (t *tmpl) lists(defs []*sheetDef) map[string]string {
	const sh = "Danh mục"
	_, err := t.f.NewSheet(sh)
	t.fail(err)
	out := map[string]string{}
	col := 1
	for _, d := range defs {
		for _, c := range d.columns {
			if len(c.options) == 0 || out[c.key] != "" {
				continue
			}
			letter := columnLetter(col - 1)
			t.fail(t.f.SetCellValue(sh, letter+"1", c.header))
			t.fail(t.f.SetCellStyle(sh, letter+"1", letter+"1", t.head))
			for i, o := range c.options {
				t.fail(t.f.SetCellValue(sh, fmt.Sprintf("%s%d", letter, i+2), o.Label))
			}
			t.fail(t.f.SetColWidth(sh, letter, letter, max(c.width, 20)))
			out[c.key] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, letter, letter, len(c.options)+1)
			col++
		}
	}
	return out
}

func (t *tmpl) dataSheet(d *sheetDef, lists map[string]string) {
	sh := d.name
	_, err := t.f.NewSheet(sh)
	t.fail(err)
	for i, c := range d.columns {
		letter := columnLetter(i)
		ref := letter + "1"
		h := c.header
		style := t.head
		if c.required {
			h += " (*)"
			style = t.headReq
		}
		t.fail(t.f.SetCellValue(sh, ref, h))
		t.fail(t.f.SetCellStyle(sh, ref, ref, style))
		t.fail(t.f.SetColWidth(sh, letter, letter, c.width))
		if c.key == colBirth || c.key == colStart || c.key == colDate || c.key == colDecision || c.key == colSource {
			t.fail(t.f.SetColStyle(sh, letter, t.text))
		}
		if src := lists[c.key]; src != "" {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, excelize.TotalRows)
			dv.SetSqrefDropList(src)
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị ngoài danh mục", "Hãy chọn trong danh sách (hoặc ghi đúng mã).")
			t.fail(t.f.AddDataValidation(sh, dv))
		}
	}
	t.fail(t.f.SetRowHeight(sh, 1, 33))
	t.fail(t.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
}

func (t *tmpl) instructions(defs []*sheetDef) {
	const sh = "Hướng dẫn"
	set := func(ref string, v any, style int) {
		t.fail(t.f.SetCellValue(sh, ref, v))
		t.fail(t.f.SetCellStyle(sh, ref, ref, style))
	}
	t.fail(t.f.SetColWidth(sh, "A", "A", 30))
	t.fail(t.f.SetColWidth(sh, "B", "B", 12))
	t.fail(t.f.SetColWidth(sh, "C", "C", 90))
	t.fail(t.f.SetColWidth(sh, "D", "D", 40))
	set("A1", "MẪU NHẬP DỮ LIỆU THI ĐUA, KHEN THƯỞNG", t.big)
	general := []string{
		"Ghi dữ liệu từ dòng 2 của mỗi trang, mỗi dòng một bản ghi; không gộp ô, không dùng công thức (nếu có, hãy Dán đặc biệt → Giá trị).",
		"Cột có dấu (*) là bắt buộc. Có thể đổi thứ tự cột, thêm cột khác (sẽ được bỏ qua); tên cột phải giữ như mẫu.",
		"Ngày ghi dd/mm/yyyy, ví dụ 05/02/1985 (các cột ngày đã định dạng văn bản), hoặc dùng ô kiểu ngày của Excel.",
		"Đơn vị ghi bằng đường dẫn từ đơn vị đã có (hoặc đơn vị gốc), các cấp ngăn cách bằng « / » có dấu cách hai bên, ví dụ: Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức.",
		"Các cột mã (giới tính, đối tượng, xếp loại, danh hiệu, hình thức…) ghi mã hoặc tên như trang «Danh mục»; không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
		"Cá nhân được nhận ra bằng họ và tên, ngày sinh và đơn vị: nhập lại cùng tệp sẽ cập nhật, không tạo bản ghi trùng.",
		"Trước khi ghi, hệ thống kiểm tra từng dòng và liệt kê mọi lỗi theo trang, dòng, cột; chỉ khi không còn lỗi và bạn xác nhận thì mới ghi, và ghi tất cả trong một lần (hoặc không ghi gì).",
		"Có thể bỏ các trang không dùng. Mỗi trang tối đa " + formatInt(DefaultMaxRows) + " dòng.",
	}
	row := 3
	for _, g := range general {
		set(fmt.Sprintf("A%d", row), "•", t.bold)
		t.fail(t.f.MergeCell(sh, fmt.Sprintf("B%d", row), fmt.Sprintf("D%d", row)))
		set(fmt.Sprintf("B%d", row), g, t.wrap)
		t.fail(t.f.SetRowHeight(sh, row, 32))
		row++
	}
	for _, d := range defs {
		row++
		set(fmt.Sprintf("A%d", row), "Trang «"+d.name+"»: "+d.title, t.big)
		row++
		for i, h := range []string{"Cột", "Bắt buộc", "Cách ghi", "Ví dụ"} {
			ref := fmt.Sprintf("%s%d", columnLetter(i), row)
			set(ref, h, t.head)
		}
		row++
		ex := examples[d.kind]
		for i, c := range d.columns {
			req := ""
			if c.required {
				req = "Có"
			}
			set(fmt.Sprintf("A%d", row), c.header, t.wrap)
			set(fmt.Sprintf("B%d", row), req, t.wrap)
			set(fmt.Sprintf("C%d", row), c.note, t.wrap)
			e := ""
			if i < len(ex) {
				e = ex[i]
			}
			set(fmt.Sprintf("D%d", row), e, t.wrap)
			lines := max(1, (len([]rune(c.note))+85)/86, (len([]rune(e))+37)/38)
			t.fail(t.f.SetRowHeight(sh, row, float64(lines)*16+2))
			row++
		}
	}
}
