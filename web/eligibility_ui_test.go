package web_test

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/sqldb/sqldbtest"
)

var (
	cellRE      = regexp.MustCompile(`<a class="verdict verdict-([a-z_]+)" href="([^"]+)" data-cell="([^"]+)" aria-label="([^"]+)">`)
	explainedRE = regexp.MustCompile(`(?s)<tr class="explained">.*?</tr>`)
)

// TestUIEligibilityPlainWords: the eligibility page an officer reads —
// award names beside the abbreviations and in a legend, short verdict
// words explained in a legend, no internal wording (issue #14).
func TestUIEligibilityPlainWords(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	code, body := e.get(c, "/app/eligibility"+huiQuery)
	if code != http.StatusOK {
		t.Fatalf("GET /app/eligibility: %d", code)
	}
	for _, want := range []string{
		`<abbr title="Lao động tiên tiến">LĐTT</abbr>`,
		`<abbr title="Chiến sĩ thi đua cơ sở">CSTĐCS</abbr>`,
		`<abbr title="Bằng khen của Thủ tướng Chính phủ">BK TTg</abbr>`,
		`<dt>CSTĐ tỉnh</dt><dd>Chiến sĩ thi đua cấp tỉnh</dd>`,
		`<dt>HCLĐ III</dt><dd>Huân chương Lao động hạng Ba</dd>`,
		"Chưa đạt một tiêu chuẩn: bấm vào ô để xem tiêu chuẩn nào.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{">LDTT<", ">CSTDCS<", ">BKTTG<", "độ tin cậy", "chưa được đối chiếu", "ví dụ Bắc Ninh"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page shows %q", bad)
		}
	}
	if n := len(cellRE.FindAllString(body, -1)); n < 30*12 {
		t.Errorf("%d cells, want a link in each of 12 columns for the office's people", n)
	}
}

// TestUIEligibilityExplainedInPlace: a cell's link opens that person's
// explanation for that award under its row, without script; the fragment
// the script fetches is the same explanation; the first reason is not
// listed twice; another unit's person is not shown to a unit head.
func TestUIEligibilityExplainedInPlace(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	_, body := e.get(c, "/app/eligibility"+huiQuery)
	var href, frag, label string
	for _, m := range cellRE.FindAllStringSubmatch(body, -1) {
		if m[1] == "not_eligible" && strings.Contains(m[4], "Chiến sĩ thi đua cơ sở") {
			href, frag, label = html.UnescapeString(m[2]), html.UnescapeString(m[3]), html.UnescapeString(m[4])
			break
		}
	}
	if href == "" {
		t.Fatal("no refused CSTĐCS cell")
	}
	name := strings.SplitN(label, ",", 2)[0]
	code, page := e.get(c, strings.SplitN(href, "#", 2)[0])
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", href, code)
	}
	box := explainedRE.FindString(page)
	if box == "" {
		t.Fatalf("%s draws no explanation in place", href)
	}
	// In place: right under the person's row.
	row := page[:strings.Index(page, box)]
	if i := strings.LastIndex(row, `<tr id="p-`); i < 0 || !strings.Contains(row[i:], ">"+html.EscapeString(name)+"<") {
		t.Errorf("the explanation is not under %s's row", name)
	}
	for _, want := range []string{"Chiến sĩ thi đua cơ sở", "Chưa đủ điều kiện", "Vì sao:", "Từng tiêu chuẩn đã xét", "Đóng</a>"} {
		if !strings.Contains(box, want) {
			t.Errorf("the explanation lacks %q", want)
		}
	}
	reasons := regexp.MustCompile(`(?s)Vì sao:</p><ul><li>(.*?)</li>`).FindStringSubmatch(box)
	if reasons == nil {
		t.Fatal("no reasons listed")
	}
	if n := strings.Count(box, reasons[1]); n != 1 {
		t.Errorf("the first reason %q is shown %d times", reasons[1], n)
	}
	if strings.Contains(box, "độ tin cậy") {
		t.Error("the explanation names a grade")
	}

	// The fragment: the same explanation, without the layout.
	code, part := e.get(c, frag)
	if code != http.StatusOK || strings.Contains(part, "<html") || !strings.Contains(part, `class="explanation"`) || !strings.Contains(part, reasons[1]) {
		t.Errorf("fragment %s: %d %.200s", frag, code, part)
	}

	// A unit head asking for someone outside his department: not found.
	ngoc := e.personByName("Hoàng Thị Bích Ngọc")
	head := e.login(thidua.RoleUnitHead)
	if code, _ := e.get(head, fmt.Sprintf("/app/eligibility/people/%d%s&award=LDTT", ngoc.ID, huiQuery)); code != http.StatusNotFound {
		t.Errorf("the unit head reads another department's person: %d", code)
	}
}

// TestUIEligibilityBadFilter: a filter that is not one of the choices is
// refused in Vietnamese, with what was typed given back.
func TestUIEligibilityBadFilter(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	code, body := e.get(c, "/app/eligibility?year=20x5&as_of=31/12/2025&verdict=eligible")
	if code != http.StatusBadRequest || !strings.Contains(body, "Năm xét phải là số") || !strings.Contains(body, `value="20x5"`) {
		t.Errorf("bad year: %d, message or typed value missing", code)
	}
	if !strings.Contains(body, `<option value="eligible" selected>`) {
		t.Error("the verdict chosen is lost")
	}
	code, body = e.get(c, "/app/eligibility"+huiQuery+"&verdict=maybe")
	if code != http.StatusBadRequest || !strings.Contains(body, "Kết luận không có trong danh sách") {
		t.Errorf("bad verdict: %d", code)
	}
	code, body = e.get(c, "/app/eligibility"+huiQuery+"&after=%25%25")
	if code != http.StatusBadRequest || !strings.Contains(body, "Con trỏ trang không hợp lệ") {
		t.Errorf("bad cursor: %d", code)
	}
}

// TestUIEligibilityPages: more people than a page: the pages follow one
// another by the "next" link, each person once, and filters stay on.
func TestUIEligibilityPages(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	sqldbtest.Populate(t, e.DB, 130, 3) // under a top unit of its own: the administrator's scope
	c := e.login(thidua.RoleAdmin)
	seen := map[string]int{}
	next := "/app/eligibility" + huiQuery + "&gender=NU"
	pages := 0
	total := ""
	for next != "" && pages < 20 {
		code, body := e.get(c, next)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d", next, code)
		}
		pages++
		if m := regexp.MustCompile(`<p>([0-9.]+) người phù hợp bộ lọc`).FindStringSubmatch(body); m != nil {
			total = m[1]
		}
		for _, m := range cellRE.FindAllStringSubmatch(body, -1) {
			if strings.HasSuffix(m[4], "Lao động tiên tiến: "+strings.SplitN(m[4], ": ", 2)[1]) {
				seen[strings.SplitN(m[4], ",", 2)[0]+"|"+m[3]]++
			}
		}
		next = ""
		if m := regexp.MustCompile(`<a href="([^"]+)" rel="next">`).FindStringSubmatch(body); m != nil {
			next = html.UnescapeString(m[1])
			if !strings.Contains(next, "gender=NU") {
				t.Fatalf("the next page drops the filter: %s", next)
			}
		}
	}
	if pages < 2 {
		t.Fatalf("%d page(s) for the office and 130 more people", pages)
	}
	n := 0
	for k, v := range seen {
		if v != 1 {
			t.Errorf("%s shown %d times", k, v)
		}
		n++
	}
	if fmt.Sprint(n) != strings.ReplaceAll(total, ".", "") {
		t.Errorf("walked %d women, the page says %s", n, total)
	}
}

// TestUIEligibilityExport: the XLSX has the rows the filters keep, with
// the verdicts in words and the filters written in.
func TestUIEligibilityExport(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	resp, err := c.Get(e.HTTP.URL + "/app/eligibility.xlsx" + huiQuery + "&verdict=on_hold")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "xet-dieu-kien-2025.xlsx") {
		t.Fatalf("export: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Xét điều kiện")
	if err != nil {
		t.Fatal(err)
	}
	head := 0
	for i, r := range rows {
		if len(r) > 1 && r[1] == "Họ và tên" {
			head = i
		}
	}
	var names []string
	for _, r := range rows[head+1:] {
		if len(r) > 5 && r[0] != "" {
			names = append(names, r[1])
			if !strings.Contains(strings.Join(r[5:], "|"), "Tạm hoãn xét") {
				t.Errorf("row %v has no verdict on hold", r)
			}
		}
	}
	if len(names) != 1 || names[0] != "Lê Văn Thành" {
		t.Errorf("exported %v, want only Lê Văn Thành", names)
	}
	if !strings.Contains(rows[1][0], "Kết luận: Tạm dừng xét") || rows[head][5] != "LĐTT" {
		t.Errorf("filters %q, header %v", rows[1][0], rows[head])
	}
	if !strings.Contains(strings.Join(rows[len(rows)-1], "|"), "Kỷ niệm chương") {
		t.Errorf("no legend at the end: %v", rows[len(rows)-1])
	}
	// A bad filter is a page, not a broken download.
	if code, body := e.get(c, "/app/eligibility.xlsx"+huiQuery+"&award=XYZ"); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity || !strings.Contains(body, "Danh hiệu") {
		t.Errorf("bad award: %d", code)
	}
}
