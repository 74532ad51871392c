package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/importer"
	"thidua/report"
)

// exceljsCell is a cell as exceljs reads it (testdata/readers/xlsx-cells.js).
type exceljsCell struct {
	Type   string `json:"type"`
	Value  string `json:"value"`
	NumFmt string `json:"numFmt"`
}

type exceljsBook struct {
	File           string `json:"file"`
	Error          string `json:"error"`
	Creator        string `json:"creator"`
	LastModifiedBy string `json:"lastModifiedBy"`
	Title          string `json:"title"`
	Created        string `json:"created"`
	Sheets         []struct {
		Name string          `json:"name"`
		Rows [][]exceljsCell `json:"rows"`
	} `json:"sheets"`
}

// cell returns the cell at ref ("C5") of sheet, or fails.
func (b *exceljsBook) cell(t *testing.T, sheet, ref string) exceljsCell {
	t.Helper()
	col := int(ref[0]-'A') + 1
	row, _ := strconv.Atoi(ref[1:])
	for _, s := range b.Sheets {
		if s.Name == sheet {
			if row-1 < len(s.Rows) && col-1 < len(s.Rows[row-1]) {
				return s.Rows[row-1][col-1]
			}
			t.Errorf("%s: no cell %s!%s", b.File, sheet, ref)
			return exceljsCell{}
		}
	}
	t.Errorf("%s: no sheet %q", b.File, sheet)
	return exceljsCell{}
}

// TestXLSXExcelJS opens every workbook the product makes with exceljs, a
// reader independent of excelize, and checks what it sees: the core
// properties (creator, a real creation date) and the types and number
// formats of figures, dates and text.
// statForm0602 is the download of Biểu số 0602.N for 2025 (the top unit).
const statForm0602 = "/app/stats/forms/download?form=0602&year=2025&format=xlsx"

func TestXLSXExcelJS(t *testing.T) {
	node := nodeJS(t)
	readerModule(t, "exceljs", "package.json")
	s := startDemo(t, nil)
	base := s.URL()
	cookie := login(t, base, "admin", demoAccount(t, s.Accounts, "admin").Password, http.StatusSeeOther)
	start := time.Now().Add(-time.Minute)

	// The demo campaign's id, from the API.
	req, _ := http.NewRequest("GET", base+"/api/v1/campaigns", nil)
	req.SetBasicAuth("admin", demoAccount(t, s.Accounts, "admin").Password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var campaigns struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	json.NewDecoder(resp.Body).Decode(&campaigns)
	resp.Body.Close()
	if len(campaigns.Items) == 0 {
		t.Fatal("the demo has no campaign")
	}
	cid := strconv.FormatInt(campaigns.Items[0].ID, 10)

	dir := t.TempDir()
	paths := []string{"/app/exports/people.xlsx", "/app/exports/units.xlsx", "/app/exports/history.xlsx",
		"/app/exports/campaigns.xlsx", "/app/exports/campaigns/" + cid + "/results.xlsx", "/app/exports/proposals.xlsx",
		"/app/exports/decisions.xlsx", "/app/campaigns/" + cid + "/report.xlsx", "/app/stats/report.xlsx",
		statForm0602}
	for _, tm := range importer.Templates {
		paths = append(paths, "/app/import-templates/"+tm.Slug+".xlsx")
	}
	var files []string
	names := map[string]string{} // file → what it is
	for i, p := range paths {
		req, _ := http.NewRequest("GET", base+p, nil)
		req.AddCookie(cookie)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(data, []byte("PK")) {
			t.Fatalf("GET %s = %d, %d bytes, not a workbook", p, resp.StatusCode, len(data))
		}
		f := filepath.Join(dir, strconv.Itoa(i)+".xlsx")
		os.WriteFile(f, data, 0o644)
		files, names[f] = append(files, f), p
	}
	// A decision's recipients list: the demo has no decision yet, so it is
	// made from one with money, as the decision page does.
	var buf bytes.Buffer
	dec := &thidua.Decision{Number: 12, Issuer: "VPUBND", Year: 2026, Date: thidua.NewDate(2026, 1, 15), Title: "Về việc khen thưởng",
		Recipients: []thidua.Recipient{{Name: "Nguyễn Văn An", Subject: thidua.SubjectPerson, Award: thidua.FormGK, MoneyVND: 3550000}}}
	if err := report.DecisionXLSX(&buf, dec); err != nil {
		t.Fatal(err)
	}
	decFile := filepath.Join(dir, "decision.xlsx")
	os.WriteFile(decFile, buf.Bytes(), 0o644)
	files, names[decFile] = append(files, decFile), "decision.xlsx"

	cmd := exec.Command(node, "xlsx-cells.js")
	cmd.Args = append(cmd.Args, files...)
	cmd.Dir = readersDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("exceljs: %v\n%s", err, stderr.String())
	}
	var books []exceljsBook
	if err := json.Unmarshal(out, &books); err != nil {
		t.Fatalf("exceljs output: %v\n%s", err, out)
	}
	if len(books) != len(files) {
		t.Fatalf("exceljs read %d of %d workbooks", len(books), len(files))
	}
	byName := map[string]*exceljsBook{}
	for i := range books {
		b := &books[i]
		name := names[b.File]
		b.File = name
		byName[name] = b
		if b.Error != "" {
			t.Errorf("exceljs cannot open %s: %s", name, b.Error)
			continue
		}
		created, err := time.Parse(time.RFC3339, b.Created)
		if b.Creator != "thidua" || b.LastModifiedBy != "thidua" || b.Title == "" || err != nil || created.Before(start) {
			t.Errorf("%s: core properties creator %q, last modified by %q, title %q, created %q; want thidua and a creation date of now",
				name, b.Creator, b.LastModifiedBy, b.Title, b.Created)
		}
		if len(b.Sheets) == 0 {
			t.Errorf("%s: no sheets", name)
		}
	}
	if t.Failed() {
		return
	}

	// Figures are numbers with their format; dates are dates; text is text.
	checks := []struct {
		book, sheet, cell, typ, numFmt, value string
	}{
		{"/app/stats/report.xlsx", "Theo năm", "A5", "Number", "0", ""},
		{statForm0602, "Biểu", "D11", "Number", "#,##0", ""},
		{statForm0602, "Biểu", "B11", "String", "", "1"},
		{statForm0602, "Chi tiết theo đơn vị", "B4", "Number", "#,##0", ""},
		{"/app/stats/report.xlsx", "Theo năm", "G5", "Number", "#,##0", ""},
		{"/app/stats/report.xlsx", "Theo danh hiệu, hình thức", "C5", "Number", "#,##0", ""},
		{"/app/stats/report.xlsx", "Bình đẳng, ưu tiên", "C5", "Number", "#,##0.00", ""},
		{"/app/stats/report.xlsx", "Bình đẳng, ưu tiên", "C9", "Number", "#,##0.00", "100"},
		{"/app/stats/report.xlsx", "Theo đơn vị", "B5", "Number", "#,##0", ""},
		{"/app/stats/report.xlsx", "Danh sách khen thưởng", "A5", "Number", "0", ""},
		{"/app/stats/report.xlsx", "Danh sách khen thưởng", "D5", "String", "", ""},
		{"/app/exports/people.xlsx", "Cá nhân", "B5", "Date", "dd/mm/yyyy", ""},
		{"/app/exports/people.xlsx", "Cá nhân", "A5", "String", "", ""},
		{"/app/exports/history.xlsx", "Xếp loại", "D5", "Number", "0", ""},
		{"/app/exports/campaigns/" + cid + "/results.xlsx", "Kết quả", "A5", "Number", "#,##0", ""},
		{"/app/campaigns/" + cid + "/report.xlsx", "Tiến độ", "C2", "Number", "", ""},
		{"decision.xlsx", "Danh sách", "I5", "Number", "#,##0", "3550000"},
		{"decision.xlsx", "Danh sách", "A5", "Number", "", "1"},
	}
	for _, c := range checks {
		b := byName[c.book]
		if b == nil {
			t.Errorf("no workbook %s", c.book)
			continue
		}
		got := b.cell(t, c.sheet, c.cell)
		if got.Type != c.typ || c.numFmt != "" && got.NumFmt != c.numFmt || c.value != "" && got.Value != c.value {
			t.Errorf("%s %s!%s: exceljs reads %+v, want type %s, format %q, value %q", c.book, c.sheet, c.cell, got, c.typ, c.numFmt, c.value)
		}
	}
	// No figure of the statistics is stored as text.
	for _, s := range byName["/app/stats/report.xlsx"].Sheets {
		for r, row := range s.Rows {
			for c, cell := range row {
				if r >= 4 && c >= 2 && cell.Type == "String" && strings.Trim(cell.Value, "0123456789,.") == "" && cell.Value != "" {
					t.Errorf("statistics %s row %d column %d: %q stored as text", s.Name, r+1, c+1, cell.Value)
				}
			}
		}
	}
}
