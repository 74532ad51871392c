package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"thidua"
)

// This file tests the award history pages as a browser uses them: the
// history of a person with its "Xét điều kiện" panel, saving a section,
// read-only access, the unit-wide eligibility table and the forecast, on
// the demo histories (demo/histories.go).

// huiQuery fixes the year and date of the designed demo table.
const huiQuery = "?year=2025&as_of=31/12/2025"

// huiRatingsForm returns the ratings section form of h with extra rows
// (year, rating) appended.
func huiRatingsForm(h *thidua.SubjectHistory, extra ...[2]string) url.Values {
	f := url.Values{"version": {strconv.Itoa(h.Version)}}
	for _, r := range h.History.Ratings {
		f.Add("year", strconv.Itoa(r.Year))
		f.Add("rating", r.Code)
		f.Add("source", r.Source)
	}
	for _, x := range extra {
		f.Add("year", x[0])
		f.Add("rating", x[1])
		f.Add("source", "")
	}
	return f
}

func (e *testEnv) huiHistory(subject string, id int64) *thidua.SubjectHistory {
	e.t.Helper()
	h, err := e.DB.FindHistory(sysCtx(), subject, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}

var huiRowRE = regexp.MustCompile(`<th scope="row"><a href="[^"]*">([^<]+)</a>`)

// huiTableNames returns the names of the rows of the eligibility table.
func huiTableNames(body string) []string {
	var names []string
	for _, m := range huiRowRE.FindAllStringSubmatch(body, -1) {
		names = append(names, m[1])
	}
	return names
}

func TestUIHistoryPanel(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	ngoc := e.personByName("Hoàng Thị Bích Ngọc")

	code, body := e.get(c, fmt.Sprintf("/app/people/%d/history%s", ngoc.ID, huiQuery))
	if code != http.StatusOK {
		t.Fatalf("GET history: %d", code)
	}
	for _, want := range []string{
		"<h2>Xét điều kiện</h2>",
		"Chiến sĩ thi đua cấp tỉnh",
		`<span class="verdict verdict-eligible">Đủ điều kiện</span>`,
		`<span class="verdict verdict-not_eligible">Chưa đủ điều kiện</span>`,
		"R-CSTDT-01",
		"<cite>", "Điều 22", // Luật Thi đua, khen thưởng, Điều 22: CSTĐ cấp tỉnh
		"Bộ quy tắc: TDKT-2025/default",
		// The history by section.
		"Xếp loại chất lượng hằng năm", "Hệ thống theo dõi thực hiện nhiệm vụ UBND tỉnh giao", "456/QĐ-UBND",
		"Lưu mục này",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("history page lacks %q", want)
		}
	}

	// The held person: every verdict the inspection touches is on hold,
	// and the reason says why.
	thanh := e.personByName("Lê Văn Thành")
	_, body = e.get(c, fmt.Sprintf("/app/people/%d/history%s", thanh.ID, huiQuery))
	if !strings.Contains(body, `<span class="verdict verdict-on_hold">Tạm dừng xét</span>`) || !strings.Contains(body, "R-GEN-06") {
		t.Errorf("the held person's page does not show on_hold with R-GEN-06")
	}

	// A council member sees the history and the verdicts, but no form.
	council := e.login(thidua.RoleCouncil)
	code, body = e.get(council, fmt.Sprintf("/app/people/%d/history%s", ngoc.ID, huiQuery))
	if code != http.StatusOK || !strings.Contains(body, "Xét điều kiện") || !strings.Contains(body, "456/QĐ-UBND") {
		t.Fatalf("council GET history: %d", code)
	}
	if strings.Contains(body, `action="/app/people/`+uiID(ngoc.ID)+`/history/`) || strings.Contains(body, "Lưu mục này") || strings.Contains(body, `name="rating"`) {
		t.Error("the council member is offered edit forms")
	}
	// And may not post one.
	h := e.huiHistory(thidua.SubjectPerson, ngoc.ID)
	res := e.formDo(council, fmt.Sprintf("/app/people/%d/history/ratings", ngoc.ID), huiRatingsForm(h), nil)
	if res.Status != http.StatusForbidden {
		t.Errorf("council POST ratings: %d, want 403", res.Status)
	}

	// A unit's history page evaluates the collective titles.
	vp := e.unitByName("Văn phòng UBND tỉnh")
	code, body = e.get(c, fmt.Sprintf("/app/units/%d/history%s", vp.ID, huiQuery))
	if code != http.StatusOK || !strings.Contains(body, "Tập thể lao động xuất sắc") || !strings.Contains(body, "R-TTLDXS-01") {
		t.Errorf("unit history page: %d, no TTLĐXS verdict", code)
	}
}

func TestUIHistorySave(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	dat := e.personByName("Bùi Văn Đạt")
	path := fmt.Sprintf("/app/people/%d/history", dat.ID)
	before := e.huiHistory(thidua.SubjectPerson, dat.ID)

	// A year that is not a number: 422, the error next to the row, what
	// was typed kept, nothing stored.
	res := e.formDo(c, path+"/ratings", huiRatingsForm(before, [2]string{"20x5", thidua.RatingHTTNV}), nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("POST a bad year: %d, want 422", res.Status)
	}
	i := strings.Index(res.Body, `value="20x5"`)
	if i < 0 {
		t.Fatal("the typed year 20x5 is not shown again")
	}
	start := strings.LastIndex(res.Body[:i], "<input")
	cell := res.Body[start:]
	cell = cell[:strings.Index(cell, "</td>")]
	if !strings.Contains(cell, `aria-invalid="true"`) || !strings.Contains(cell, `<p class="field-error">Năm phải là số, ví dụ 2025.</p>`) {
		t.Errorf("the bad year's cell has no error next to it: %s", cell)
	}
	if !strings.Contains(res.Body, `id="ratings" open`) {
		t.Error("the section with the error is not open")
	}
	if after := e.huiHistory(thidua.SubjectPerson, dat.ID); after.Version != before.Version || len(after.History.Ratings) != len(before.History.Ratings) {
		t.Errorf("the refused save changed the history: v%d, %d ratings", after.Version, len(after.History.Ratings))
	}

	// A rating the domain refuses: 422 too, named by its row.
	res = e.formDo(c, path+"/ratings", huiRatingsForm(before, [2]string{"2018", "GIOI"}), nil)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Xếp loại không hợp lệ") {
		t.Errorf("POST a bad rating: %d", res.Status)
	}

	// A valid save: 303 back to the section, the new row shown.
	awards := url.Values{"version": {strconv.Itoa(before.Version)},
		"code": {thidua.FormGK}, "date": {"20/01/2025"}, "type": {thidua.AwardCongTrang}, "decision": {"31/QĐ-VPUBND"},
		"revoked": {"false"}, "revoked_reason": {""}}
	res = e.formDo(c, path+"/awards", awards, nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path+"#awards" {
		t.Fatalf("POST awards: %d → %q, want 303 to %s#awards", res.Status, res.Header.Get("Location"), path)
	}
	code, body := e.get(c, path)
	if code != http.StatusOK || !strings.Contains(body, "31/QĐ-VPUBND") || !strings.Contains(body, "20/01/2025") || !strings.Contains(body, "Đã lưu mục") {
		t.Errorf("after the save the page lacks the new Giấy khen or the flash (%d)", code)
	}
	after := e.huiHistory(thidua.SubjectPerson, dat.ID)
	if after.Version != before.Version+1 || len(after.History.Awards) != 1 || len(after.History.Ratings) != len(before.History.Ratings) {
		t.Errorf("stored: v%d, %d awards, %d ratings", after.Version, len(after.History.Awards), len(after.History.Ratings))
	}
	// The old form again: its version is stale, nothing changes.
	res = e.formDo(c, path+"/awards", awards, nil)
	if res.Status != http.StatusConflict {
		t.Errorf("POST with a stale version: %d, want 409", res.Status)
	}
}

func TestUIEligibilityTable(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)

	code, body := e.get(c, "/app/eligibility"+huiQuery)
	if code != http.StatusOK {
		t.Fatalf("GET /app/eligibility: %d", code)
	}
	all := huiTableNames(body)
	if len(all) < 30 {
		t.Errorf("the table has %d people, want the office's", len(all))
	}

	// Filtered by verdict.
	_, body = e.get(c, "/app/eligibility"+huiQuery+"&verdict=on_hold")
	if got := huiTableNames(body); len(got) != 1 || got[0] != "Lê Văn Thành" {
		t.Errorf("?verdict=on_hold shows %v, want only Lê Văn Thành", got)
	}
	_, body = e.get(c, "/app/eligibility"+huiQuery+"&verdict=eligible")
	eligible := huiTableNames(body)
	for _, want := range []string{"Hoàng Thị Bích Ngọc", "Lê Thị Yến", "Trần Quốc Bình"} {
		if !strings.Contains(strings.Join(eligible, "|"), want) {
			t.Errorf("?verdict=eligible lacks %s", want)
		}
	}
	if strings.Contains(strings.Join(eligible, "|"), "Lê Văn Thành") {
		t.Error("?verdict=eligible shows the held person")
	}
	// One department.
	nc := e.unitByName("Phòng Nội chính")
	_, body = e.get(c, fmt.Sprintf("/app/eligibility%s&unit=%d", huiQuery, nc.ID))
	if got := huiTableNames(body); len(got) != 4 {
		t.Errorf("Phòng Nội chính: %v, want its 4 people", got)
	}
	// Collectives.
	_, body = e.get(c, "/app/eligibility"+huiQuery+"&subject=UNIT&verdict=eligible")
	if got := strings.Join(huiTableNames(body), "|"); !strings.Contains(got, "Phòng Hành chính – Tổ chức") || !strings.Contains(body, "TTLĐXS") {
		t.Errorf("units eligible: %s", got)
	}

	// The unit head sees his department only.
	head := e.login(thidua.RoleUnitHead)
	_, body = e.get(head, "/app/eligibility"+huiQuery)
	for _, name := range huiTableNames(body) {
		if name == "Hoàng Thị Bích Ngọc" || name == "Lê Văn Thành" {
			t.Errorf("the unit head's table shows %s, outside his department", name)
		}
	}
}

func TestUIForecast(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	code, body := e.get(c, "/app/eligibility/forecast"+huiQuery)
	if code != http.StatusOK {
		t.Fatalf("GET forecast: %d", code)
	}
	for _, want := range []string{
		"Dự báo danh hiệu, hình thức năm 2026",
		"Huỳnh Thị Thu Trang", "Nếu duy trì kết quả năm 2025, năm 2026 đủ điều kiện xét tặng với Chiến sĩ thi đua cấp tỉnh.",
		"Đỗ Thị Phương", "bị gián đoạn năm 2025",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("forecast page lacks %q", want)
		}
	}
	if n := strings.Count(body, "<tr><td>"); n < 8 {
		t.Errorf("forecast lists %d items, want the designed ones", n)
	}
	// Collectives, with their members.
	code, _ = e.get(c, "/app/eligibility/forecast"+huiQuery+"&subject=UNIT")
	if code != http.StatusOK {
		t.Errorf("GET forecast of units: %d", code)
	}
	// Pages of 50: the demo's lines fit on one, a page past the last is
	// empty.
	code, body = e.get(c, "/app/eligibility/forecast"+huiQuery+"&page=2")
	if code != http.StatusOK || !strings.Contains(body, "Không có dự báo nào") {
		t.Errorf("GET forecast page 2: %d", code)
	}
	// Bad parameters: a Vietnamese message, 422.
	for _, q := range []string{"?unit=abc", "?year=20x5", "?as_of=31/13/2025"} {
		code, body := e.get(c, "/app/eligibility/forecast"+q)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "không hợp lệ") {
			t.Errorf("GET forecast%s: %d", q, code)
		}
	}
}
