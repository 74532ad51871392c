package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"thidua"
)

// uploadRuleFile posts a rule file or province profile to the preview.
func (e *testEnv) uploadRuleFile(c *http.Client, kind, name, year string, data []byte) reqResult {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("kind", kind)
	mw.WriteField("year", year)
	if name != "" {
		w, _ := mw.CreateFormFile("file", name)
		w.Write(data)
	}
	mw.Close()
	return e.rawDo(c, http.MethodPost, "/app/rules/preview", buf.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
}

func TestRulesPage(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.login(thidua.RoleAdmin)

	// The rule set in force today, with citations and the province's parameters.
	code, body := e.get(admin, "/app/rules")
	for _, want := range []string{"Quy định áp dụng", "Bộ quy tắc", "Chiến sĩ thi đua cơ sở", "R-CSTDCS-01", "Tham số của tỉnh", "quá bán (trên 50%)"} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("GET /app/rules: %d, want 200 with %q", code, want)
		}
	}
	// An earlier date shows the rules in force then.
	if code, body := e.get(admin, "/app/rules?date=01/06/2019"); code != http.StatusOK || !strings.Contains(body, "TDKT-2018") {
		t.Fatalf("rules of 2019: %d, TDKT-2018 %v", code, strings.Contains(body, "TDKT-2018"))
	}
	if code, body := e.get(admin, "/app/rules?date=31/02/2025"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Ngày không hợp lệ") {
		t.Fatalf("bad date: %d", code)
	}
	// Only administrators.
	if code, _ := e.get(e.login(thidua.RoleOfficer), "/app/rules"); code != http.StatusForbidden {
		t.Fatalf("officer: %d, want 403", code)
	}

	// A profile that grades LĐTT's rule C sends every eligible LĐTT of the
	// demo office to review: the preview counts them, nothing is stored.
	profile := []byte(`{"id": "thu-nghiem", "name": "Hồ sơ thử nghiệm", "source": "thử",
		"params": {}, "rules": {"R-LDTT-01": {"grade": "C", "citation": "Dự thảo"}}, "council": {}}`)
	before := e.countAudit()
	res := e.uploadRuleFile(admin, "provinces", "thu-nghiem.json", "2025", profile)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Kết quả xem trước: provinces/thu-nghiem.json") || !strings.Contains(res.Body, "thu-nghiem") {
		t.Fatalf("preview: %d %s", res.Status, firstLines(res.Body))
	}
	if !strings.Contains(res.Body, "Lao động tiên tiến") || !strings.Contains(res.Body, "Đủ điều kiện → Cần xem xét: ") {
		t.Fatalf("preview does not count the LĐTT verdicts sent to review:\n%s", res.Body[strings.Index(res.Body, "Kết quả xem trước"):])
	}
	if after := e.countAudit(); after != before {
		t.Fatalf("a preview changed the audit log: %d → %d entries", before, after)
	}

	// Refusals in Vietnamese, with what was chosen kept.
	for _, tc := range []struct {
		name, kind, file string
		data             []byte
		want             string
	}{
		{"no file", "provinces", "", nil, "Chọn tệp quy định"},
		{"not JSON", "provinces", "x.txt", []byte("{}"), "phải là tệp JSON"},
		{"no kind", "", "x.json", profile, "Chọn loại tệp"},
		{"bad expression", "rules", "moi.json", []byte(`[{"id": "R-X-01", "award": "LDTT", "subject": "individual", "grade": "A",
			"citation": {"document": "x"}, "text": "x", "conditions": [{"id": "a", "require": "no_such_fact > 1", "text": "x"}]}]`), "Tệp quy định không hợp lệ"},
	} {
		res := e.uploadRuleFile(admin, tc.kind, tc.file, "2025", tc.data)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%s: %d, want 422 with %q\n%s", tc.name, res.Status, tc.want, firstLines(res.Body))
		}
	}
}

// countAudit is the number of audit entries.
func (e *testEnv) countAudit() int {
	e.t.Helper()
	_, n, err := e.DB.FindAuditEntries(sysCtx(), thidua.AuditFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func firstLines(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 1500 {
		s = s[:1500]
	}
	return s
}
