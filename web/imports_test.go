package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/importer"
	"thidua/jobs"
	"thidua/report"
)

// workbookOf writes a workbook with one sheet.
func workbookOf(t *testing.T, sheet string, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", sheet)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}

// upload posts a file to /app/imports and returns the response.
func (e *testEnv) upload(c *http.Client, name string, data []byte) (*http.Response, string) {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", e.HTTP.URL+"/app/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// runJobs works the queue until it is empty, as the server's runner does.
func (e *testEnv) runJobs() int {
	e.t.Helper()
	r := jobs.New(e.DB, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ij := &importer.Jobs{Store: e.DB}
	r.Handle(thidua.JobImportCheck, ij.Check)
	r.Handle(thidua.JobImportApply, ij.Apply)
	n := 0
	for {
		ran, err := r.RunOne(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		if !ran {
			return n
		}
		n++
	}
}

var versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

const hctcPath = "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức"

var webPeopleHead = []any{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Lãnh đạo, quản lý", "Đối tượng"}

func TestImportFlow(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	people := e.countPeople()

	// A template downloads and reads back.
	resp, err := officer.Get(e.HTTP.URL + "/app/import-templates/mau-nhap-ca-nhan.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tpl, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("template: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if f, err := excelize.OpenReader(bytes.NewReader(tpl)); err != nil || f.GetSheetList()[0] != "Hướng dẫn" {
		t.Fatalf("template workbook: %v", err)
	}

	// Upload: nothing is written before the confirmation.
	data := workbookOf(t, "Cá nhân", webPeopleHead,
		[]any{norm.NFD.String("Trịnh Thị Mỹ Linh"), "14/02/1993", "Nữ", hctcPath, "Chuyên viên", "Không", "Công chức"},
		[]any{"Lâm Văn Hậu", 34000, "Nam", hctcPath, "Văn thư", "", "Người lao động"})
	resp, _ = e.upload(officer, "ca-nhan.xlsx", data)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	page := resp.Header.Get("Location")
	code, body := e.get(officer, page)
	if code != 200 || !strings.Contains(body, "Đang kiểm tra") || !strings.Contains(body, `<meta http-equiv="refresh"`) ||
		!strings.Contains(body, `id="import-progress"`) {
		t.Fatalf("page while checking: %d\n%s", code, body)
	}
	code, body = e.get(officer, page+"/progress")
	var prog map[string]any
	if code != 200 || json.Unmarshal([]byte(body), &prog) != nil || prog["busy"] != true || prog["state"] != thidua.ImportChecking {
		t.Fatalf("progress: %d %s", code, body)
	}
	// The list finds it again.
	if _, list := e.get(officer, "/app/imports"); !strings.Contains(list, "ca-nhan.xlsx") {
		t.Fatal("the import is not listed")
	}
	// Another user does not see it.
	head := e.login(thidua.RoleUnitHead)
	if code, _ := e.get(head, page); code != 404 {
		t.Fatalf("unit head sees the officer's import: %d", code)
	}

	if n := e.runJobs(); n != 1 {
		t.Fatalf("ran %d jobs", n)
	}
	code, body = e.get(officer, page)
	if code != 200 || !strings.Contains(body, "Không có lỗi") || !strings.Contains(body, "Xác nhận và ghi dữ liệu") ||
		strings.Contains(body, `http-equiv="refresh"`) {
		t.Fatalf("page after the check:\n%s", body)
	}
	if e.countPeople() != people {
		t.Fatal("the check wrote")
	}
	// An empty confirmation changes nothing.
	if resp, _ := e.postForm(officer, page+"/confirm", url.Values{}); resp.StatusCode != 422 {
		t.Fatalf("empty confirm: %d", resp.StatusCode)
	}
	m := versionRE.FindStringSubmatch(body)
	if resp, _ := e.postForm(officer, page+"/confirm", url.Values{"version": {m[1]}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	_, body = e.get(officer, page)
	if !strings.Contains(body, "Đang ghi dữ liệu") {
		t.Fatalf("page while applying:\n%s", body)
	}
	e.runJobs()
	_, body = e.get(officer, page)
	if !strings.Contains(body, "Đã nhập xong") {
		t.Fatalf("page after applying:\n%s", body)
	}
	if e.countPeople() != people+2 {
		t.Fatalf("people %d, want %d", e.countPeople(), people+2)
	}
	linh := e.personByName("Trịnh Thị Mỹ Linh")
	if linh.BirthDate != thidua.NewDate(1993, 2, 14) || linh.Gender != thidua.GenderFemale {
		t.Fatalf("imported %+v", linh)
	}
	// 34000 is 02/02/1993 in Excel.
	if hau := e.personByName("Lâm Văn Hậu"); hau.BirthDate != thidua.NewDate(1993, 1, 31) {
		t.Fatalf("Excel date: %v", hau.BirthDate)
	}
	if es, _, _ := e.DB.FindAuditEntries(sysCtx(), thidua.AuditFilter{Entity: "person", EntityID: linh.ID}); len(es) != 1 {
		t.Fatalf("audit of the imported person: %d entries", len(es))
	}

	// The same file again: checked, nothing new.
	resp, _ = e.upload(officer, "ca-nhan.xlsx", data)
	e.runJobs()
	_, body = e.get(officer, resp.Header.Get("Location"))
	if !strings.Contains(body, "Không có lỗi") || !regexp.MustCompile(`Cá nhân</th><td class="num">0</td><td class="num">0</td><td class="num">2</td>`).MatchString(body) {
		t.Fatalf("re-import summary:\n%s", body)
	}
}

func TestImportProblemsPage(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	people := e.countPeople()
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"danh-sach.csv", []byte("Họ và tên,Ngày sinh\nA B,01/01/1990\n"), []string{"văn bản thuần"}},
		{"hong.xlsx", []byte("PK\x03\x04 not really a zip"), []string{"bị hỏng"}},
		{"loi.xlsx", workbookOf(t, "Cá nhân", webPeopleHead,
			[]any{"Trịnh Thị Mỹ Linh", "30/02/1993", "Nữ", hctcPath, "", "", "Công chức"},
			[]any{"Lâm Văn Hậu", "01/01/1990", "Nam", "Văn phòng UBND tỉnh / Phòng Không Có", "", "", "Công chức"}),
			[]string{"Trang «Cá nhân»", `<td class="num">2</td><td>B (Ngày sinh)</td>`, "30/02/1993",
				`<td class="num">3</td><td>D (Đơn vị)</td>`, "Không tìm thấy đơn vị «Phòng Không Có»", "chưa có dữ liệu nào được ghi"}},
	}
	for _, c := range cases {
		resp, _ := e.upload(officer, c.name, c.data)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: upload %d", c.name, resp.StatusCode)
		}
		e.runJobs()
		_, body := e.get(officer, resp.Header.Get("Location"))
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", c.name, w)
			}
		}
		if strings.Contains(body, "Xác nhận và ghi dữ liệu") {
			t.Errorf("%s: confirmation offered despite problems", c.name)
		}
	}
	if e.countPeople() != people {
		t.Fatal("a file with problems wrote")
	}
	// No file at all.
	resp, body := e.upload(officer, "", nil)
	if resp.StatusCode != 422 || !strings.Contains(body, "Vui lòng chọn tệp") {
		t.Fatalf("empty upload: %d", resp.StatusCode)
	}
	// A staff member may not import.
	staff := e.login(thidua.RoleStaff)
	if resp, _ := e.upload(staff, "x.xlsx", []byte("x")); resp.StatusCode != 403 {
		t.Fatalf("staff upload: %d", resp.StatusCode)
	}
}

func TestExportsRoundTrip(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	hc := e.unitByName("Phòng Hành chính – Tổ chức")
	resp, err := officer.Get(e.HTTP.URL + fmt.Sprintf("/app/exports/people.xlsx?unit=%d&status=ACTIVE", hc.ID))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "danh-sach-ca-nhan.xlsx") {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Cá nhân")
	f.Close()
	active, _, _ := e.DB.FindPeople(sysCtx(), thidua.PersonFilter{UnitID: hc.ID, Subtree: true, Status: thidua.PersonActive})
	if len(rows) != 4+len(active) || !strings.Contains(rows[1][0], "Đơn vị: Phòng Hành chính – Tổ chức (gồm các đơn vị trực thuộc)") ||
		!strings.Contains(rows[1][0], "Trạng thái: Đang công tác") || rows[3][0] != "Họ và tên" {
		t.Fatalf("export rows (%d people): %q", len(active), rows[:4])
	}
	// Imported back, it changes nothing.
	resp, _ = e.upload(officer, "xuat.xlsx", data)
	e.runJobs()
	_, body := e.get(officer, resp.Header.Get("Location"))
	want := fmt.Sprintf(`Cá nhân</th><td class="num">0</td><td class="num">0</td><td class="num">%d</td>`, len(active))
	if !strings.Contains(body, "Không có lỗi") || !strings.Contains(body, want) {
		t.Fatalf("re-import of the export:\n%s", body)
	}

	// The other lists download as workbooks too.
	for _, path := range []string{"/app/exports/units.xlsx", "/app/exports/history.xlsx?from=2020&to=2025", "/app/exports/campaigns.xlsx",
		"/app/exports/proposals.xlsx", "/app/exports/decisions.xlsx?year=2025", "/app/stats/report.xlsx?from=2021&to=2025"} {
		resp, err := officer.Get(e.HTTP.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(b)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	// The history export imports back, unchanged.
	resp, _ = officer.Get(e.HTTP.URL + fmt.Sprintf("/app/exports/history.xlsx?unit=%d", hc.ID))
	hist, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp, _ = e.upload(officer, "lich-su.xlsx", hist)
	e.runJobs()
	_, body = e.get(officer, resp.Header.Get("Location"))
	if !strings.Contains(body, "Không có lỗi") || !regexp.MustCompile(`Lịch sử khen thưởng \(tập thể, cá nhân\)</th><td class="num">0</td><td class="num">0</td><td class="num">[1-9]`).MatchString(body) {
		t.Fatalf("re-import of the history export:\n%s", body)
	}
}

func TestStatsDashboard(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	code, body := e.get(officer, "/app/stats?from=2021&to=2025")
	if code != 200 {
		t.Fatalf("stats: %d", code)
	}
	for _, want := range []string{`<svg class="chart-svg" role="img" aria-labelledby="ch-years-t ch-years-d"`, `<title id="ch-years-t">`,
		`<desc id="ch-years-d">`, `<figcaption>Khen thưởng theo năm và cấp khen thưởng</figcaption>`, `<details class="chart-data">`,
		"Lãnh đạo, quản lý và người không giữ chức vụ", "Nữ và nam", "R-GEN-03", "Phong trào, đợt thi đua đang diễn ra",
		"Tờ trình đề nghị khen thưởng theo trạng thái", "/app/stats/report.pdf?from=2021"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "style=") {
		t.Error("inline script or style on the dashboard (the CSP forbids them)")
	}
	resp, err := officer.Get(e.HTTP.URL + "/app/stats/report.pdf?from=2021&to=2025")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("report.pdf: %d", resp.StatusCode)
	}
	// A staff member sees the statistics of their own unit only.
	staff := e.login(thidua.RoleStaff)
	if code, body := e.get(staff, "/app/stats"); code != 200 || strings.Contains(body, "Sở Nội vụ") {
		t.Fatalf("staff stats: %d", code)
	}
}

// failingExporter writes part of a real list, then fails: after bytes,
// or before any.
type failingExporter struct {
	report.Exporter
	after int // bytes written before the failure; 0 fails at once
}

func (x failingExporter) ListXLSX(w io.Writer, l *thidua.ExportList) error {
	if x.after == 0 {
		return thidua.Errorf(thidua.EINTERNAL, "the source failed")
	}
	if _, err := w.Write(bytes.Repeat([]byte("P"), x.after)); err != nil {
		return err
	}
	return errors.New("the source failed mid-way")
}

// TestExportCutShort: a list whose source fails once the download has
// begun is broken off (the client sees a failed transfer, not a file that
// passes for whole); one that fails before the first byte gets a page.
func TestExportCutShort(t *testing.T) {
	for _, c := range []struct {
		name  string
		after int
	}{{"before", 0}, {"after", 100 << 10}} {
		t.Run(c.name, func(t *testing.T) {
			cfg := envConfig()
			cfg.Exports = failingExporter{after: c.after}
			e := newSQLiteEnv(t, cfg)
			officer := e.login(thidua.RoleOfficer)
			resp, err := officer.Get(e.HTTP.URL + "/app/exports/people.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if c.after == 0 {
				if err != nil || resp.StatusCode != http.StatusInternalServerError || !strings.Contains(string(body), "<html") ||
					strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
					t.Fatalf("a failure before the download: %d %q, %v", resp.StatusCode, resp.Header.Get("Content-Disposition"), err)
				}
				return
			}
			if resp.StatusCode != http.StatusOK || err == nil {
				t.Fatalf("a download cut short ended cleanly: %d, %d bytes, %v", resp.StatusCode, len(body), err)
			}
		})
	}
}
