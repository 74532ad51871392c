package main

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"thidua/demo/demotest"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua"
)

// writeBook saves a workbook of the given sheets (name, then rows).
func writeBook(t *testing.T, path string, sheets map[string][][]any, order ...string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		for j, r := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "thidua.db")
	mustRun(t, "demo", "-database-url", db)
	book := filepath.Join(dir, "don-vi-ca-nhan.xlsx")
	writeBook(t, book, map[string][][]any{
		"Đơn vị": {{"Đơn vị", "Tên viết tắt", "Loại đơn vị"},
			{"Văn phòng UBND tỉnh / Phòng Quản trị – Tài vụ", "QTTV", "Phòng, ban, trung tâm"}},
		"Cá nhân": {{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Đối tượng"},
			{"Tạ Thị Hồng Nhung", "09/09/1990", "Nữ", "Văn phòng UBND tỉnh / Phòng Quản trị – Tài vụ", "Công chức"},
			{"Mai Văn Tiến", "10/10/1985", "Nam", "Văn phòng UBND tỉnh / Phòng Quản trị – Tài vụ", "Người lao động"}},
	}, "Cá nhân", "Đơn vị")

	// -check writes nothing.
	out := mustRun(t, "import", "-quiet", "-database-url", db, "-check", book)
	if !strings.Contains(out, "Tệp hợp lệ; nếu nhập sẽ 3 dòng") || !strings.Contains(out, "thêm mới 2") {
		t.Fatalf("check output:\n%s", out)
	}
	out = mustRun(t, "import", "-quiet", "-database-url", db, "-user", "thiduakt", book)
	if !strings.Contains(out, "Đã nhập 3 dòng") || !strings.Contains(out, "Cơ quan, đơn vị") {
		t.Fatalf("import output:\n%s", out)
	}
	// Again: nothing changes.
	out = mustRun(t, "import", "-quiet", "-database-url", db, book)
	if !strings.Contains(out, "thêm mới 0, cập nhật 0, không đổi 2") {
		t.Fatalf("re-import output:\n%s", out)
	}
	// The audit chain holds.
	if out := mustRun(t, "audit", "verify", "-database-url", db); !strings.Contains(out, "toàn vẹn") {
		t.Fatalf("audit verify: %s", out)
	}

	// A file with problems: listed by sheet, row and column; nothing written.
	bad := filepath.Join(dir, "loi.xlsx")
	writeBook(t, bad, map[string][][]any{
		"Cá nhân": {{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Đối tượng"},
			{"Đào Văn Mới", "12/12/1999", "Nam", "Văn phòng UBND tỉnh / Phòng Quản trị – Tài vụ", "Công chức"},
			{"Đào Văn Hỏng", "31/13/1999", "Nam", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức", "Bộ đội"},
			{"Đào Văn Lạc", "01/01/1999", "Nam", "Văn phòng UBND tỉnh / Phòng Không Có", "Công chức"},
			// A bad field does not hide the unit path's problem (#16).
			{"Đào Văn Hai", "30/02/1999", "Nam", "Văn phòng UBND tỉnh / Phòng Cũng Không Có", "Công chức"}},
		"Xếp loại": {{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại"},
			{"Đào Văn Mới", "12/12/1999", "Văn phòng UBND tỉnh / Phòng Lạc", "20x5", "Hoàn thành tốt nhiệm vụ"}},
		"Đơn vị": {{"Đơn vị", "Tên viết tắt", "Loại đơn vị"},
			{"Văn phòng UBND tỉnh / Phòng Ma / Tổ 1", "T1", "Loại lạ"}},
	}, "Cá nhân", "Xếp loại", "Đơn vị")
	out, _, err := runCmd(t, "import", "-quiet", "-database-url", db, bad)
	if err == nil || !strings.Contains(err.Error(), "không có dữ liệu nào được ghi") {
		t.Fatalf("import of a bad file: %v", err)
	}
	for _, want := range []string{"Trang «Cá nhân», dòng 3, cột B (Ngày sinh)", "Trang «Cá nhân», dòng 3, cột E (Đối tượng)",
		"Trang «Cá nhân», dòng 4, cột D (Đơn vị): Không tìm thấy đơn vị «Phòng Không Có»",
		"Trang «Cá nhân», dòng 5, cột B (Ngày sinh)", "Trang «Cá nhân», dòng 5, cột D (Đơn vị): Không tìm thấy đơn vị «Phòng Cũng Không Có»",
		"Trang «Xếp loại», dòng 2, cột D (Năm)", "Trang «Xếp loại», dòng 2, cột C (Đơn vị): Không tìm thấy đơn vị «Phòng Lạc»",
		"Trang «Đơn vị», dòng 2, cột C (Loại đơn vị)", "Trang «Đơn vị», dòng 2, cột A (Đơn vị): Đơn vị cấp trên: Không tìm thấy đơn vị «Phòng Ma»"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCmd(t, "import", "-quiet", "-database-url", db, "-check", book)
	if strings.Contains(out, "Đào Văn Mới") {
		t.Fatal("the valid row of a bad file was written")
	}
	// Not a workbook at all.
	txt := filepath.Join(dir, "x.xlsx")
	os.WriteFile(txt, []byte("Họ và tên;Ngày sinh\n"), 0o644)
	out, _, err = runCmd(t, "import", "-quiet", "-database-url", db, txt)
	if err == nil || !strings.Contains(out, "văn bản thuần") {
		t.Fatalf("text file: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "import", "-database-url", db); err == nil {
		t.Fatal("import without a file")
	}
}

// uploadAs posts a workbook to /app/imports with a session cookie and
// returns the import's page address.
func uploadAs(t *testing.T, base string, cookie *http.Cookie, name string, data []byte) string {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", base+"/app/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(cookie)
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

// waitImport polls the progress of an import (on any node) until its job
// is over, and returns its state.
func waitImport(t *testing.T, base, page string, cookie *http.Cookie) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		code, body := get(t, base+page+"/progress", cookie)
		var p struct {
			State string `json:"state"`
			Busy  bool   `json:"busy"`
		}
		if code != 200 || json.Unmarshal([]byte(body), &p) != nil {
			t.Fatalf("progress: %d %s", code, body)
		}
		if !p.Busy {
			return p.State
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the import job did not finish within 60s")
	return ""
}

var versionInPage = regexp.MustCompile(`name="version" value="(\d+)"`)

// TestImportServed uploads, checks and confirms an import on a running
// server whose job runner works in the background. On PostgreSQL two nodes
// share the database: the upload goes to one, the progress is read from
// the other, whichever node runs the jobs.
func TestImportServed(t *testing.T) {
	book := filepath.Join(t.TempDir(), "ca-nhan.xlsx")
	writeBook(t, book, map[string][][]any{
		"Cá nhân": {{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Đối tượng"},
			{"Tạ Thị Hồng Nhung", "09/09/1990", "Nữ", "Văn phòng UBND tỉnh / Phòng Tổng hợp", "Công chức"}},
	}, "Cá nhân")
	data, _ := os.ReadFile(book)
	run := func(t *testing.T, a, b *server) {
		cookie := login(t, a.URL(), "thiduakt", "Demo@2026-thidua", http.StatusSeeOther)
		page := uploadAs(t, a.URL(), cookie, "ca-nhan.xlsx", data)
		if state := waitImport(t, b.URL(), page, cookie); state != "READY" {
			t.Fatalf("after the check: %s", state)
		}
		_, body := get(t, b.URL()+page, cookie)
		m := versionInPage.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no confirmation form:\n%s", body)
		}
		req, _ := http.NewRequest("POST", b.URL()+page+"/confirm", strings.NewReader(url.Values{"version": {m[1]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(cookie)
		resp, err := noRedirect.Do(req)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %v %v", err, resp)
		}
		resp.Body.Close()
		if state := waitImport(t, a.URL(), page, cookie); state != "DONE" {
			t.Fatalf("after confirming: %s", state)
		}
		people, _, _ := a.DB.FindPeople(thidua.NewSystemContext(t.Context()), thidua.PersonFilter{Query: "Ta Thi Hong Nhung"})
		if len(people) != 1 {
			t.Fatalf("imported people: %d", len(people))
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		s := startDemo(t, nil)
		run(t, s, s)
	})
	t.Run("postgres", func(t *testing.T) {
		dbURL, _ := demotest.PostgresURL(t)
		a := startServer(t, &Config{DatabaseURL: dbURL, ListenAddr: "127.0.0.1:0", Demo: true, LogLevel: "warn"})
		b := startServer(t, &Config{DatabaseURL: dbURL, ListenAddr: "127.0.0.1:0", Demo: true, LogLevel: "warn"})
		run(t, a, b)
	})
}
