package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/importer"
	"thidua/report"
)

var exportTime = time.Date(2026, 2, 5, 3, 30, 0, 0, time.UTC) // 10:30 in Vietnam

func peopleList() *thidua.ExportList {
	cols := []thidua.ExportColumn{}
	for _, h := range importer.Headers(thidua.ImportPeople) {
		kind := thidua.ColText
		if strings.HasPrefix(h, "Ngày") {
			kind = thidua.ColDate
		}
		cols = append(cols, thidua.ExportColumn{Header: h, Kind: kind})
	}
	return &thidua.ExportList{
		Title:       "Danh sách cá nhân",
		Filters:     []thidua.ExportFilter{{Label: "Đơn vị", Value: "Phòng Hành chính (gồm đơn vị trực thuộc)"}, {Label: "Trạng thái", Value: "Đang công tác"}},
		GeneratedAt: exportTime,
		GeneratedBy: "Nguyễn Ngọc Ánh (thiduakt)",
		Sheets: []thidua.ExportSheet{{Name: "Cá nhân", Columns: cols, Rows: [][]any{
			{norm.NFD.String("Nguyễn Thị Ánh"), thidua.NewDate(1988, 12, 3), "Nữ", "Văn phòng UBND tỉnh / Phòng Hành chính", "Chuyên viên", "Không", "Công chức", thidua.NewDate(2011, 5, 16), "Đang công tác"},
			{"Võ Thanh Tùng", thidua.NewDate(1974, 5, 20), "Nam", "Văn phòng UBND tỉnh / Phòng Hành chính", "Trưởng phòng", "Có", "Công chức", thidua.Date{}, "Đang công tác"},
		}}},
	}
}

func TestListXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := (report.Exporter{}).ListXLSX(&buf, peopleList()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Cá nhân" || got[1] != "Thông tin xuất" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("Cá nhân")
	if len(rows) != 6 || rows[0][0] != "DANH SÁCH CÁ NHÂN" ||
		rows[1][0] != "Bộ lọc: Đơn vị: Phòng Hành chính (gồm đơn vị trực thuộc); Trạng thái: Đang công tác." ||
		!strings.Contains(rows[2][0], "Xuất lúc 05/02/2026 10:30 bởi Nguyễn Ngọc Ánh (thiduakt); 2 dòng.") || rows[3][0] != "Họ và tên" {
		t.Fatalf("rows %q", rows)
	}
	// NFC text, real dates shown dd/mm/yyyy, an empty date left empty.
	if rows[4][0] != "Nguyễn Thị Ánh" || !norm.NFC.IsNormalString(rows[4][0]) || rows[4][1] != "03/12/1988" || len(rows[5]) > 7 && rows[5][7] != "" {
		t.Fatalf("data rows %q", rows[4:])
	}
	raw, _ := f.GetCellValue("Cá nhân", "B5", excelize.Options{RawCellValue: true})
	if raw != "32480" {
		t.Fatalf("birth date stored as %q, want the Excel date 32480", raw)
	}
	panes, _ := f.GetPanes("Cá nhân")
	if !panes.Freeze || panes.YSplit != 4 {
		t.Fatalf("header not frozen: %+v", panes)
	}
	if w, _ := f.GetColWidth("Cá nhân", "D"); w < 30 {
		t.Fatalf("unit column width %v", w)
	}
	if tables, _ := f.GetTables("Cá nhân"); len(tables) != 1 || tables[0].Range != "A4:I6" {
		t.Fatalf("tables %+v", tables)
	}
	info, _ := f.GetRows("Thông tin xuất")
	if len(info) < 5 || info[3][0] != "Bộ lọc: Đơn vị" || info[4][1] != "Đang công tác" {
		t.Fatalf("info %q", info)
	}

	// An exported list imports back: the header row is found under the title.
	res, err := importer.Read(context.Background(), buf.Bytes(), "x.xlsx", importer.Options{Today: thidua.NewDate(2026, 3, 1)})
	if err != nil || !res.OK() || len(res.Batch.People) != 2 || res.Batch.People[0].Person.BirthDate != thidua.NewDate(1988, 12, 3) ||
		!res.Batch.People[1].Person.IsLeader {
		t.Fatalf("re-import: %v %v %+v", err, res.Problems, res.Batch.People)
	}
}

func statsReport() *thidua.StatsReport {
	fact := func(kind, code string, year int, person, female, leader bool, unit string) thidua.AwardFact {
		f := thidua.AwardFact{Kind: kind, Code: code, Level: thidua.AwardLevel(code), Year: year, Subject: thidua.SubjectUnit,
			Name: "Phòng", UnitPath: unit, Female: female, Leader: leader}
		if person {
			f.Subject, f.Name = thidua.SubjectPerson, "Người"
		}
		return f
	}
	root := &thidua.Unit{ID: 1, Name: "Văn phòng UBND tỉnh", Path: "/1/"}
	hc := &thidua.Unit{ID: 2, ParentID: 1, Name: "Phòng Hành chính", Path: "/1/2/"}
	kt := &thidua.Unit{ID: 3, ParentID: 1, Name: "Phòng Kinh tế", Path: "/1/3/"}
	return &thidua.StatsReport{Agency: "UBND TỈNH\nVĂN PHÒNG", Place: "Hà Nội", Date: exportTime, Scope: "Văn phòng UBND tỉnh",
		Data: &thidua.StatsData{Filter: thidua.StatsFilter{UnitID: 1, FromYear: 2024, ToYear: 2025}, Root: root,
			Units: []*thidua.Unit{root, hc, kt},
			Facts: []thidua.AwardFact{
				fact(thidua.FactTitle, thidua.TitleCSTDCS, 2024, true, true, false, "/1/2/"),
				fact(thidua.FactTitle, thidua.TitleLDTT, 2025, true, false, true, "/1/2/"),
				fact(thidua.FactForm, thidua.FormBKCT, 2025, true, true, false, "/1/3/"),
				fact(thidua.FactTitle, thidua.TitleTTLDXS, 2025, false, false, false, "/1/3/"),
				fact(thidua.FactForm, thidua.FormHCLD3, 2025, true, false, true, "/1/"),
			},
			Staff: []thidua.StaffCount{{UnitPath: "/1/2/", Female: true, Count: 3}, {UnitPath: "/1/2/", Leader: true, Count: 1},
				{UnitPath: "/1/3/", Count: 4}, {UnitPath: "/1/", Leader: true, Count: 2}},
		}}
}

func TestStatsXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := (report.Exporter{}).StatsXLSX(&buf, statsReport()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 6 || got[0] != "Theo danh hiệu, hình thức" {
		t.Fatalf("sheets %v", got)
	}
	// The list of awards counted (streamed): the title, the heads, one row
	// per fact with its cells, and the filter over them.
	list, _ := f.GetRows("Danh sách khen thưởng")
	if len(list) != 4+5 || list[0][0] == "" || list[3][0] != "Năm" || list[3][9] != "Nữ" {
		t.Fatalf("list sheet %q", list)
	}
	if got := strings.Join(list[4], "|"); got != "2024|Danh hiệu thi đua|CSTDCS|Chiến sĩ thi đua cơ sở|Khen thưởng cấp cơ sở|Cá nhân|Người|||x" {
		t.Errorf("list row %q", got)
	}
	if tables, err := f.GetTables("Danh sách khen thưởng"); err != nil || len(tables) != 1 || tables[0].Range != "A4:J9" {
		t.Errorf("the list's table (its filter buttons): %+v, %v", tables, err)
	}
	rows, _ := f.GetRows("Theo danh hiệu, hình thức", excelize.Options{RawCellValue: true})
	find := func(label string) []string {
		for _, r := range rows {
			if len(r) > 1 && r[1] == label {
				return r
			}
		}
		t.Fatalf("no row %q in %q", label, rows)
		return nil
	}
	if r := find("DANH HIỆU THI ĐUA"); r[2] != "3" || r[3] != "1" || r[4] != "2" {
		t.Fatalf("titles row %q", r)
	}
	if r := find("Chiến sĩ thi đua cơ sở"); r[2] != "1" || r[7] != "1" || r[8] != "100" {
		t.Fatalf("CSTDCS row %q", r)
	}
	if r := find("TỔNG CỘNG"); r[2] != "5" || r[5] != "2" || r[6] != "2" || r[7] != "2" {
		t.Fatalf("total row %q", r)
	}
	units, _ := f.GetRows("Theo đơn vị", excelize.Options{RawCellValue: true})
	if len(units) != 8 || units[4][0] != "Văn phòng UBND tỉnh (cơ quan, trực tiếp)" || units[7][0] != "Tổng cộng" || units[7][8] != "5" {
		t.Fatalf("units %q", units)
	}
	fair, _ := f.GetRows("Bình đẳng, ưu tiên", excelize.Options{RawCellValue: true})
	// Leaders: 3 of 10 people, 2 of 4 individual awards.
	if fair[4][0] != "Lãnh đạo, quản lý" || fair[4][1] != "3" || fair[4][2] != "30" || fair[4][3] != "2" || fair[4][4] != "50" {
		t.Fatalf("fairness %q", fair)
	}
	// Figures are numbers with a format: counts "#,##0", percentages
	// "#,##0.00" (48,04 in a Vietnamese locale), years "0".
	for _, c := range []struct{ sheet, cell, value, format string }{
		{"Theo danh hiệu, hình thức", "C5", "3", "#,##0"},
		{"Theo danh hiệu, hình thức", "C6", "", "#,##0"},
		{"Bình đẳng, ưu tiên", "C5", "30", "#,##0.00"},
		{"Bình đẳng, ưu tiên", "C9", "100", "#,##0.00"},
		{"Theo đơn vị", "K8", "", "#,##0.00"},
		{"Theo năm", "A5", "2024", "0"},
		{"Theo năm", "B5", "", "#,##0"},
		{"Danh sách khen thưởng", "A5", "", "0"},
	} {
		typ, err := f.GetCellType(c.sheet, c.cell)
		if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s is of type %v (%v), want a number", c.sheet, c.cell, typ, err)
		}
		if v, _ := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true}); c.value != "" && v != c.value {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.value)
		}
		id, _ := f.GetCellStyle(c.sheet, c.cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != c.format {
			t.Errorf("%s!%s has number format %v (%v), want %q", c.sheet, c.cell, st.CustomNumFmt, err, c.format)
		}
	}
}

func TestStatsPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := (report.Exporter{}).StatsPDF(&buf, statsReport()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	text := flat(pdfText(t, buf.Bytes(), 0, 0))
	for _, want := range []string{"VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 05 tháng 02 năm 2026",
		"Thống kê số lượng danh hiệu thi đua, hình thức khen thưởng từ năm 2024 đến năm 2025",
		"Chiến sĩ thi đua cơ sở", "Huân chương Lao động hạng Ba", "TỔNG CỘNG", "Phòng Kinh tế", "THỦ TRƯỞNG ĐƠN VỊ",
		"4 lượt khen thưởng cá nhân", "NGƯỜI LẬP BIỂU"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// TestListXLSXFigures: numbers of a list are numbers with a format: money
// and counts with thousands separators, years without, decimals with two.
func TestListXLSXFigures(t *testing.T) {
	l := &thidua.ExportList{Title: "Danh sách quyết định", GeneratedAt: exportTime, Sheets: []thidua.ExportSheet{{Name: "Quyết định",
		Columns: []thidua.ExportColumn{{Header: "Số"}, {Header: "Năm", Kind: thidua.ColYear}, {Header: "Tiền thưởng (đồng)", Kind: thidua.ColNumber},
			{Header: "Tỷ lệ (%)", Kind: thidua.ColNumber}},
		Rows: [][]any{{"12/QĐ-VPUBND", 2025, int64(3550000), 48.04}}}}}
	var buf bytes.Buffer
	if err := (report.Exporter{}).ListXLSX(&buf, l); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ sheet, cell, value, format string }{
		{"Quyết định", "B5", "2025", "0"}, {"Quyết định", "C5", "3550000", "#,##0"}, {"Quyết định", "D5", "48.04", "#,##0.00"},
		{"Thông tin xuất", "B5", "1", "#,##0"}, // the row count
	} {
		if typ, _ := f.GetCellType(c.sheet, c.cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", c.cell, typ)
		}
		if v, _ := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true}); v != c.value {
			t.Errorf("%s = %q, want %q", c.cell, v, c.value)
		}
		id, _ := f.GetCellStyle(c.sheet, c.cell)
		if st, err := f.GetStyle(id); err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != c.format {
			t.Errorf("%s: number format %v (%v), want %q", c.cell, st.CustomNumFmt, err, c.format)
		}
	}
}

// TestListXLSXOnePass: a list whose sheets are filled in one pass
// (ExportList.Each), rows of three sheets interleaved and one sheet past the
// rows its columns are sized from, comes out as if each sheet were written
// on its own: every row in its sheet in order, each sheet's table and count.
func TestListXLSXOnePass(t *testing.T) {
	cols := []thidua.ExportColumn{{Header: "Năm", Kind: thidua.ColNumber}, {Header: "Tên"}}
	counts := []int{2500, 3, 0}
	l := &thidua.ExportList{Title: "Lịch sử", GeneratedAt: exportTime, Sheets: []thidua.ExportSheet{
		{Name: "A", Columns: cols, Rows: [][]any{{1999, "đầu"}}}, {Name: "B", Columns: cols}, {Name: "C", Columns: cols}},
		Each: func(yield func(int, []any) error) error {
			for i := range counts[0] {
				if err := yield(0, []any{2000 + i, fmt.Sprintf("a%d", i)}); err != nil {
					return err
				}
				if i < counts[1] {
					if err := yield(1, []any{2000 + i, fmt.Sprintf("b%d", i)}); err != nil {
						return err
					}
				}
			}
			return nil
		}}
	var buf bytes.Buffer
	if err := (report.Exporter{}).ListXLSX(&buf, l); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for s, name := range []string{"A", "B", "C"} {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		want := counts[s]
		if s == 0 {
			want++ // the sheet's own row first
		}
		if len(rows) != 4+want {
			t.Fatalf("sheet %s: %d rows, want %d", name, len(rows)-4, want)
		}
		if !strings.Contains(rows[2][0], fmt.Sprintf("; %s dòng.", thidua.FormatThousands(int64(want)))) && !(s == 0) {
			t.Errorf("sheet %s: note %q does not count %d rows", name, rows[2][0], want)
		}
		for i, r := range rows[4:] {
			wantName := fmt.Sprintf("%c%d", 'a'+s, i)
			if s == 0 {
				wantName = fmt.Sprintf("a%d", i-1)
				if i == 0 {
					wantName = "đầu"
				}
			}
			if len(r) < 2 || r[1] != wantName {
				t.Fatalf("sheet %s row %d: %q, want %s", name, i, r, wantName)
			}
		}
		tables, _ := f.GetTables(name)
		if want > 0 && len(tables) != 1 || want == 0 && len(tables) != 0 {
			t.Errorf("sheet %s: tables %+v", name, tables)
		}
	}
	if err := (report.Exporter{}).ListXLSX(&bytes.Buffer{}, &thidua.ExportList{Sheets: l.Sheets[:1],
		Each: func(yield func(int, []any) error) error { return yield(1, []any{1}) }}); err == nil {
		t.Error("a row for a sheet that is not there was accepted")
	}
}
