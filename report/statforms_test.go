package report_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/report"
	"thidua/statforms"
)

// formReport fills form code of the embedded circular with a few awards,
// for a province with two agencies.
func formReport(t *testing.T, code string) *statforms.Report {
	t.Helper()
	c, err := statforms.MustLoad().InForce(thidua.NewDate(2025, 12, 15))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := c.Form(code)
	if !ok {
		t.Fatalf("no form %s", code)
	}
	root := &thidua.Unit{ID: 1, Name: "Ủy ban nhân dân tỉnh", Path: "/1/", Kind: thidua.UnitProvince}
	kids := []*thidua.Unit{{ID: 2, ParentID: 1, Name: "Văn phòng UBND tỉnh", Path: "/1/2/"}, {ID: 3, ParentID: 1, Name: "Sở Nội vụ", Path: "/1/3/"}}
	r := c.NewReport(f, 2025, root, kids)
	r.Made = exportTime
	h := &thidua.HistoryAwards{
		Titles: []thidua.TitleRecord{{Year: 2025, Code: thidua.TitleCSTDT}, {Year: 2025, Code: thidua.TitleCSTDTQ}},
		Awards: []thidua.Award{{Code: thidua.FormBKCT, Date: thidua.NewDate(2025, 3, 1), Type: thidua.AwardDotXuat},
			{Code: thidua.FormHCLD3, Date: thidua.NewDate(2025, 5, 1), Type: thidua.AwardCongHien}},
	}
	for i := 0; i < 1234; i++ {
		c.AwardFacts(h, thidua.SubjectPerson, i%3 == 0, 2025, "/1/2/", r.Add)
	}
	c.AwardFacts(h, thidua.SubjectUnit, false, 2025, "/1/3/", r.Add)
	if f, ok := statforms.CampaignFact(statforms.CampaignInfo{Path: "/1/", LauncherKind: thidua.UnitProvince, ScopeKind: thidua.UnitProvince,
		Form: thidua.FormRegular, State: thidua.CampaignLaunched, Start: thidua.NewDate(2025, 1, 1), End: thidua.NewDate(2025, 12, 31)}, 2025); ok {
		r.Add(f)
	}
	return r
}

func TestFormXLSX(t *testing.T) {
	for _, code := range []string{"0601", "0602", "0603"} {
		r := formReport(t, code)
		var buf bytes.Buffer
		if err := (report.Forms{}).FormXLSX(&buf, r); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 2 {
			t.Errorf("%s: sheets %v, want the form and the breakdown by unit", code, sheets)
		}
		rows, err := f.GetRows(sheets[0])
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(func() []string {
			var out []string
			for _, r := range rows {
				out = append(out, strings.Join(r, "|"))
			}
			return out
		}(), "\n")
		for _, want := range []string{"Biểu số: " + r.Form.Code, "Ban hành theo Thông tư số 2/2023/TT-BNV ngày 23/3/2023",
			"Ngày nhận báo cáo: Ngày 15 tháng 12 năm 2025", "Đơn vị báo cáo: Ủy ban nhân dân tỉnh", "Đơn vị nhận báo cáo: Bộ Nội vụ", "Năm 2025", r.Form.Title} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: workbook lacks %q", code, want)
			}
		}
		// The total (row 01, column 1) is a number cell, not text.
		cell := "C11"
		if r.Form.HasUnitColumn() {
			cell = "D11"
		}
		typ, err := f.GetCellType(sheets[0], cell)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.GetCellValue(sheets[0], cell, excelize.Options{RawCellValue: true})
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || v != strconv.Itoa(r.Cells[0][0]) {
			t.Errorf("%s: total cell %s = %q (type %v), want the number %d", code, cell, v, typ, r.Cells[0][0])
		}
		if r.Cells[0][0] == 0 {
			t.Errorf("%s: the fixture fills nothing", code)
		}
		f.Close()
	}
}

func TestFormPDF(t *testing.T) {
	for _, code := range []string{"0601", "0602", "0603"} {
		r := formReport(t, code)
		var buf bytes.Buffer
		if err := (report.Forms{}).FormPDF(&buf, r); err != nil {
			t.Fatal(err)
		}
		text := flat(pdfText(t, buf.Bytes(), 0, 0))
		for _, want := range []string{"Biểu số: " + r.Form.Code, "Ngày nhận báo cáo: Ngày 15 tháng 12 năm 2025",
			"Đơn vị nhận báo cáo: Bộ Nội vụ", "Năm 2025", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "0*", "Ghi chú:"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: PDF lacks %q:\n%s", code, want, text)
			}
		}
		if dir := os.Getenv("THIDUA_FORM_PDF_DIR"); dir != "" {
			// Keep the files to look at: THIDUA_FORM_PDF_DIR=/tmp go test -run TestFormPDF ./report
			if err := os.WriteFile(dir+"/bieu-"+code+".pdf", buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if code == "0602" && !strings.Contains(text, "1.234") {
			t.Errorf("0602: the figures are not written as 1.234: %s", text)
		}
	}
}
