package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/web"
)

// TestUploadNameNormalized: the name of an uploaded file is stored and
// shown without its control and format characters (a right-to-left
// override makes "xlsx.exe" read "exe.xlsx"), Vietnamese letters kept.
func TestUploadNameNormalized(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	data := workbookOf(t, "Cá nhân", webPeopleHead,
		[]any{"Lâm Văn Hậu", "14/02/1993", "Nam", hctcPath, "Văn thư", "", "Người lao động"})
	resp, _ := e.upload(officer, "Danh sa\u0301ch\u202E\u200B cá nhân\u200D.xlsx", data)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	_, list := e.get(officer, "/app/imports")
	if !strings.Contains(list, "Danh sách cá nhân.xlsx") || strings.ContainsAny(list, "\u202E\u200B") {
		t.Fatalf("the list shows the name as:\n%s", list)
	}
}

// TestControlCharacters: a NUL or another control character in a text
// field is refused with a message naming the field, on both databases
// alike (PostgreSQL answered 500, SQLite stored it), by the form (which
// gives back what was typed) and by the API; a single-line field also
// refuses a line break or a tab; nothing is created.
func TestControlCharacters(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		officer := e.login(thidua.RoleOfficer)
		vp := v1Unit(t, e.DB, "Văn phòng UBND tỉnh")
		kt := v1Unit(t, e.DB, "Phòng Kinh tế")
		_, page := e.get(officer, "/app/campaigns/new")
		form := submittedForm(t, page, "/app/campaigns")
		for k, v := range map[string]string{"title": "Đợt thi đua chào mừng Quốc khánh", "objectives": "Thi đua hoàn thành nhiệm vụ.",
			"unit_id": uiID(vp.ID), "plan": "248/KH-VPUBND", "plan_date": "02/01/2026", "signer": "Trần Quốc Bình",
			"signer_post": "Chánh Văn phòng", "start_date": "05/01/2026", "end_date": "30/11/2026"} {
			form.Set(k, v)
		}
		campaigns, people, units := e.cuiCampaignCount(), e.countPeople(), unitCount(t, e)

		bads := []struct{ value, says string }{
			{"Giá trị\x00 lạ", "U+0000"}, {"Giá trị\x1b[31m lạ", "U+001B"}, {"Giá trị\x7f lạ", "U+007F"}, {"Giá trị\u0085 lạ", "U+0085"},
		}
		for _, field := range []string{"title", "objectives", "plan", "signer", "signer_post"} {
			for _, b := range bads {
				bad := url.Values{}
				for k, v := range form {
					bad[k] = v
				}
				bad.Set(field, "Dòng một\r\n"+b.value)
				if !thidua.IsMultiLineField(field) {
					bad.Set(field, b.value)
				}
				res := e.formDo(officer, "/app/campaigns", bad, nil)
				if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, strings.ReplaceAll(b.says, "+", "&#43;")) {
					t.Fatalf("form %s = %q: %d, want 422 saying %s\n%s", field, bad.Get(field), res.Status, b.says, res.Body)
				}
				if tag, _ := fieldHTML(t, res.Body, field); !strings.Contains(tag, "aria-invalid") {
					t.Errorf("form %s: the field is not marked invalid", field)
				}
				typed := strings.ReplaceAll(bad.Get(field), "\r\n", "\n")
				if b.says != "U+0000" && !strings.Contains(res.Body, html.EscapeString(typed)) {
					t.Errorf("form %s: the typed %q is not given back", field, typed)
				}
			}
		}
		// A single-line field takes no line break nor tab; a text area does.
		for field, value := range map[string]string{"signer": "Trần\nQuốc Bình", "signer_post": "Chánh\tVăn phòng"} {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set(field, value)
			if res := e.formDo(officer, "/app/campaigns", bad, nil); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "chỉ nhận một dòng") {
				t.Fatalf("form %s = %q: %d, want 422", field, value, res.Status)
			}
		}

		admin := e.v1Admin()
		person := func(field, value string) string {
			in := map[string]any{"full_name": "Lê Văn Mới", "gender": "NAM", "category": "CONG_CHUC", "unit_id": kt.ID, "position": "Chuyên viên"}
			in[field] = value
			b, _ := json.Marshal(in)
			return string(b)
		}
		unit := func(field, value string) string {
			in := map[string]any{"parent_id": kt.ID, "name": "Tổ Thử nghiệm", "abbrev": "TTN", "kind": "TEAM"}
			in[field] = value
			b, _ := json.Marshal(in)
			return string(b)
		}
		for _, c := range []struct {
			path, field string
			body        func(field, value string) string
		}{
			{"/api/v1/people", "full_name", person}, {"/api/v1/people", "position", person},
			{"/api/v1/units", "name", unit}, {"/api/v1/units", "abbrev", unit},
		} {
			for _, b := range append(bads, struct{ value, says string }{"Hai\ndòng", "chỉ nhận một dòng"}) {
				code, _, out := e.v1Call(admin, "POST", c.path, c.body(c.field, b.value))
				var prob web.Problem
				json.Unmarshal([]byte(out), &prob)
				if code != http.StatusUnprocessableEntity || !strings.Contains(prob.Detail, "«"+c.field+"»") ||
					!strings.Contains(prob.Detail, b.says) || prob.Errors[c.field] == "" {
					t.Fatalf("API %s %s = %q: %d %s", c.path, c.field, b.value, code, out)
				}
			}
		}
		if e.cuiCampaignCount() != campaigns || e.countPeople() != people || unitCount(t, e) != units {
			t.Fatal("a refused request created something")
		}
		// The form still goes through once the character is gone.
		if res := e.formDo(officer, "/app/campaigns", form, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("the clean form: %d", res.Status)
		}
	})
}

func unitCount(t *testing.T, e *testEnv) int {
	t.Helper()
	units, _, err := e.DB.FindUnits(sysCtx(), thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(units)
}

// TestJSONContentType: a JSON body must say so (415 otherwise), and the
// campaign copy takes no body but {}.
func TestJSONContentType(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.v1Admin()
	kt := v1Unit(t, e.DB, "Phòng Kinh tế")
	body := fmt.Sprintf(`{"parent_id": %d, "name": "Tổ Thử nghiệm", "kind": "TEAM"}`, kt.ID)
	send := func(method, path, ctype, body string) (int, web.Problem) {
		req, _ := http.NewRequest(method, e.HTTP.URL+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req.Header.Set("Authorization", admin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p web.Problem
		json.NewDecoder(resp.Body).Decode(&p)
		if resp.StatusCode >= 400 && resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s %s: content type %q", method, path, resp.Header.Get("Content-Type"))
		}
		return resp.StatusCode, p
	}
	units := unitCount(t, e)
	for _, ct := range []string{"text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		if code, p := send("POST", "/api/v1/units", ct, body); code != http.StatusUnsupportedMediaType || !strings.Contains(p.Detail, "Content-Type: application/json") {
			t.Errorf("Content-Type %q: %d %+v, want 415", ct, code, p)
		}
	}
	if unitCount(t, e) != units {
		t.Fatal("a refused body created a unit")
	}
	if code, _ := send("POST", "/api/v1/units", "application/json; charset=utf-8", body); code != http.StatusCreated {
		t.Fatalf("application/json: %d", code)
	}

	copyPath := "/api/v1/campaigns/" + strconv.FormatInt(e.demoCampaign().ID, 10) + "/copy"
	n := e.cuiCampaignCount()
	for _, c := range []struct{ ctype, body string }{
		{"text/plain", "{}"}, {"application/json", "null"}, {"application/json", "[]"}, {"application/json", `{"title": "x"}`},
		{"application/json", "{} {}"}, {"application/x-www-form-urlencoded", "a=b"}, {"", "anything"},
	} {
		if code, _ := send("POST", copyPath, c.ctype, c.body); code != http.StatusUnsupportedMediaType && code != http.StatusUnprocessableEntity {
			t.Errorf("copy with %q %q: %d, want 415 or 422", c.ctype, c.body, code)
		}
	}
	if got := e.cuiCampaignCount(); got != n {
		t.Fatalf("refused copies made %d campaigns", got-n)
	}
	for _, c := range []struct{ ctype, body string }{{"application/json", "{}"}, {"", ""}} {
		if code, _ := send("POST", copyPath, c.ctype, c.body); code != http.StatusCreated {
			t.Errorf("copy with %q %q: %d, want 201", c.ctype, c.body, code)
		}
	}
}
