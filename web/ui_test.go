package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"thidua/sqldb/articles"
	"time"

	"thidua"
	"thidua/web"
)

// This file tests the HTML workspace as a browser uses it: signing in and
// out, cookies, CSRF protection, security headers, forms and their
// Vietnamese errors, the main success paths, error pages and the text.

// loginAs posts the sign-in form on a fresh client and returns the client and result.
func (e *testEnv) loginAs(username, password string) (*http.Client, reqResult) {
	e.t.Helper()
	c := e.client()
	return c, e.formDo(c, "/login", url.Values{"username": {username}, "password": {password}}, nil)
}

// sessionCookie returns the session cookie set by res, or nil.
func uiSessionCookie(h http.Header) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == "thidua_session" {
			return c
		}
	}
	return nil
}

// fieldHTML returns the markup of the form control with id="f-<field>" up
// to the next label: the control itself and the error shown next to it.
func fieldHTML(t *testing.T, body, field string) (tag, rest string) {
	t.Helper()
	i := strings.Index(body, `id="f-`+field+`"`)
	if i < 0 {
		t.Fatalf("no control f-%s on the page", field)
	}
	start := strings.LastIndex(body[:i], "<")
	end := start + strings.Index(body[start:], ">") + 1
	rest = body[end:]
	if j := strings.Index(rest, "<label"); j >= 0 {
		rest = rest[:j]
	}
	return body[start:end], rest
}

// checkFieldError asserts that the control of field is marked invalid and
// followed by msg.
func checkFieldError(t *testing.T, body, field, msg string) {
	t.Helper()
	tag, rest := fieldHTML(t, body, field)
	if !strings.Contains(tag, `aria-invalid="true"`) || !strings.Contains(tag, `aria-describedby="e-`+field+`"`) {
		t.Errorf("field %s is not marked invalid: %s", field, tag)
	}
	want := `<p class="field-error" id="e-` + field + `">` + msg + `</p>`
	if !strings.Contains(rest, want) {
		t.Errorf("field %s: want %q next to it, got %q", field, want, rest)
	}
}

var hiddenVersionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

// formVersion returns the version hidden in the first form of a page.
func formVersion(t *testing.T, body string) string {
	t.Helper()
	m := hiddenVersionRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no version field on the page")
	}
	return m[1]
}

var (
	formInputRE  = regexp.MustCompile(`<input\b[^>]*>`)
	formSelectRE = regexp.MustCompile(`(?s)<select\b[^>]*>.*?</select>`)
	formOptionRE = regexp.MustCompile(`<option\b([^>]*)>`)
	formAttrRE   = regexp.MustCompile(`([a-z][a-z_-]*)(?:="([^"]*)")?`)
)

func tagAttrs(tag string) map[string]string {
	m := map[string]string{}
	for _, a := range formAttrRE.FindAllStringSubmatch(tag, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// submittedForm returns what a browser submits, untouched, for the form of
// the page whose action is action: inputs, checked boxes and the selected
// option of each select (the first option when none is selected).
func submittedForm(t *testing.T, body, action string) url.Values {
	t.Helper()
	i := strings.Index(body, `<form method="post" action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	form := body[i : i+strings.Index(body[i:], "</form>")]
	v := url.Values{}
	for _, tag := range formInputRE.FindAllString(form, -1) {
		a := tagAttrs(strings.TrimPrefix(tag, "<input"))
		if a["name"] == "" {
			continue
		}
		if a["type"] == "checkbox" || a["type"] == "radio" {
			if _, ok := a["checked"]; ok {
				val := a["value"]
				if val == "" {
					val = "on"
				}
				v.Add(a["name"], val)
			}
			continue
		}
		v.Add(a["name"], a["value"])
	}
	for _, sel := range formSelectRE.FindAllString(form, -1) {
		name := tagAttrs(strings.TrimPrefix(sel[:strings.Index(sel, ">")], "<select"))["name"]
		chosen := ""
		for k, o := range formOptionRE.FindAllStringSubmatch(sel, -1) {
			a := tagAttrs(o[1])
			if k == 0 {
				chosen = a["value"]
			}
			if _, ok := a["selected"]; ok {
				chosen = a["value"]
				break
			}
		}
		v.Add(name, chosen)
	}
	return v
}

func uiID(id int64) string { return strconv.FormatInt(id, 10) }

func TestUILogin(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	staff := e.Accounts[thidua.RoleStaff]

	t.Run("wrong password", func(t *testing.T) {
		for _, name := range []string{staff.Username, "khongtontai"} {
			_, res := e.loginAs(name, "sai-mat-khau")
			if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
				t.Errorf("%s with a wrong password: %d, want 401 with the Vietnamese message", name, res.Status)
			}
			if !strings.Contains(res.Body, `value="`+name+`"`) {
				t.Errorf("the username %q is not kept in the form", name)
			}
			if uiSessionCookie(res.Header) != nil {
				t.Error("a failed sign-in set a session cookie")
			}
		}
	})

	t.Run("next", func(t *testing.T) {
		for next, want := range map[string]string{
			"/app/people?q=an":      "/app/people?q=an",
			"//evil.example/":       "/app",
			"https://evil.example/": "/app",
			`/\evil.example`:        "/app",
		} {
			res := e.formDo(e.client(), "/login", url.Values{"username": {staff.Username}, "password": {staff.Password}, "next": {next}}, nil)
			if res.Status != http.StatusSeeOther || res.Header.Get("Location") != want {
				t.Errorf("next=%q: %d to %q, want 303 to %q", next, res.Status, res.Header.Get("Location"), want)
			}
		}
	})

	t.Run("cookie and logout", func(t *testing.T) {
		c, res := e.loginAs(staff.Username, staff.Password)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app" {
			t.Fatalf("sign-in: %d to %q", res.Status, res.Header.Get("Location"))
		}
		ck := uiSessionCookie(res.Header)
		if ck == nil {
			t.Fatal("no session cookie")
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Value == "" {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", ck)
		}
		if ck.Secure {
			t.Error("session cookie is Secure over plain HTTP without SecureCookies")
		}
		if code, _ := e.get(c, "/app"); code != http.StatusOK {
			t.Fatalf("GET /app after sign-in: %d", code)
		}
		out := e.formDo(c, "/logout", url.Values{}, nil)
		if out.Status != http.StatusSeeOther || out.Header.Get("Location") != "/login" {
			t.Errorf("logout: %d to %q", out.Status, out.Header.Get("Location"))
		}
		if gone := uiSessionCookie(out.Header); gone == nil || gone.MaxAge >= 0 {
			t.Errorf("logout does not expire the cookie: %+v", gone)
		}
		// The old cookie, replayed by hand, no longer works.
		old := e.rawDo(e.client(), http.MethodGet, "/app", "", http.Header{"Cookie": {ck.Name + "=" + ck.Value}})
		if old.Status != http.StatusSeeOther || !strings.HasPrefix(old.Header.Get("Location"), "/login") {
			t.Errorf("GET /app with the cookie of an ended session: %d %q, want a redirect to /login", old.Status, old.Header.Get("Location"))
		}
	})

	t.Run("secure cookie over TLS", func(t *testing.T) {
		srv, err := web.New(e.DB, web.Config{Articles: articles.New(e.DB)}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewTLSServer(srv.Handler())
		defer ts.Close()
		c := ts.Client()
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := c.PostForm(ts.URL+"/login", url.Values{"username": {staff.Username}, "password": {staff.Password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ck := uiSessionCookie(resp.Header)
		if resp.StatusCode != http.StatusSeeOther || ck == nil {
			t.Fatalf("sign-in over TLS: %d, cookie %v", resp.StatusCode, ck)
		}
		if !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Errorf("session cookie over TLS %+v: want Secure, HttpOnly, SameSite=Lax, Path=/", ck)
		}
		if resp.Header.Get("Strict-Transport-Security") == "" {
			t.Error("no Strict-Transport-Security over TLS")
		}
	})

	t.Run("throttle per account", func(t *testing.T) {
		ed := e.Accounts[thidua.RoleEditor]
		for i := range 5 {
			if _, res := e.loginAs(ed.Username, fmt.Sprintf("sai-%d", i)); res.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, res.Status)
			}
		}
		_, res := e.loginAs(ed.Username, ed.Password)
		if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, "Đăng nhập sai quá nhiều lần") {
			t.Errorf("right password after 5 failures: %d, want 429 with the Vietnamese message", res.Status)
		}
		if uiSessionCookie(res.Header) != nil {
			t.Error("a throttled sign-in set a session cookie")
		}
		if code, _, _ := e.apiDo(thidua.RoleEditor, "GET", "/api/v1/me", ""); code != http.StatusTooManyRequests {
			t.Errorf("HTTP Basic after 5 failures: %d, want 429", code)
		}
		// Other accounts are not affected.
		if _, res := e.loginAs(staff.Username, staff.Password); res.Status != http.StatusSeeOther {
			t.Errorf("another account: %d, want 303", res.Status)
		}
	})
}

func TestUILoginThrottlePerAddress(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	var last time.Time
	for i := range 20 {
		last = time.Now() // no later than the server's record of the failure
		if _, res := e.loginAs(fmt.Sprintf("ai-do-%d", i), "sai"); res.Status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d, want 401", i+1, res.Status)
		}
	}
	// The address then waits a second after its last failure; a machine
	// slow enough to take longer than that sees the wait over.
	admin := e.Accounts[thidua.RoleAdmin]
	_, res := e.loginAs(admin.Username, admin.Password)
	if res.Status != http.StatusTooManyRequests && !(res.Status == http.StatusSeeOther && time.Since(last) > time.Second) {
		t.Errorf("after 20 failures from one address: %d %v later, want 429 within the second", res.Status, time.Since(last))
	}
}

// personForm returns a valid form for a new person in unit.
func uiPersonForm(name string, unitID int64) url.Values {
	return url.Values{
		"full_name": {name}, "gender": {thidua.GenderFemale}, "birth_date": {"05/02/1990"},
		"position": {"Chuyên viên"}, "category": {thidua.CategoryCongChuc}, "unit_id": {uiID(unitID)},
		"start_date": {"01/03/2015"}, "status": {thidua.PersonActive},
	}
}

func TestUICSRF(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	n := e.countPeople()
	for _, h := range []http.Header{
		{"Sec-Fetch-Site": {"cross-site"}},
		{"Origin": {"https://evil.example"}},
		{"Sec-Fetch-Site": {"same-site"}, "Origin": {"https://sub.evil.example"}},
	} {
		res := e.formDo(c, "/app/people", uiPersonForm("Nguyễn Thị Giả Mạo", hctc.ID), h)
		if res.Status != http.StatusForbidden || !strings.Contains(res.Body, "bảo vệ CSRF") {
			t.Errorf("POST /app/people with %v: %d, want 403 with the Vietnamese message", h, res.Status)
		}
	}
	for _, h := range []http.Header{{"Sec-Fetch-Site": {"cross-site"}}, {"Origin": {"https://evil.example"}}} {
		if res := e.formDo(c, "/logout", url.Values{}, h); res.Status != http.StatusForbidden {
			t.Errorf("POST /logout with %v: %d, want 403", h, res.Status)
		}
	}
	if got := e.countPeople(); got != n {
		t.Fatalf("cross-site posts created people: %d, want %d", got, n)
	}
	// The same form from the same origin goes through.
	res := e.formDo(c, "/app/people", uiPersonForm("Nguyễn Thị Thật", hctc.ID), http.Header{"Sec-Fetch-Site": {"same-origin"}})
	if res.Status != http.StatusSeeOther || e.countPeople() != n+1 {
		t.Errorf("same-origin POST: %d, people %d, want 303 and %d", res.Status, e.countPeople(), n+1)
	}
}

var scriptTagRE = regexp.MustCompile(`(?i)<script\b[^>]*>`)
var inlineHandlerRE = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)

func TestUISecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleAdmin)
	for _, tc := range []struct {
		c    *http.Client
		path string
		code int
	}{
		{e.client(), "/login", 200},
		{c, "/app", 200},
		{c, "/app/people", 200},
		{c, "/app/users/new", 200},
		{c, "/app/khong-co", 404},
		{e.client(), "/app/people", 303},
		{e.client(), "/api/v1/me", 401},
	} {
		res := e.rawDo(tc.c, http.MethodGet, tc.path, "", nil)
		if res.Status != tc.code {
			t.Errorf("GET %s: %d, want %d", tc.path, res.Status, tc.code)
		}
		csp := map[string]string{}
		for _, d := range strings.Split(res.Header.Get("Content-Security-Policy"), ";") {
			if f := strings.Fields(d); len(f) > 0 {
				csp[f[0]] = strings.Join(f[1:], " ")
			}
		}
		script, ok := csp["script-src"]
		if !ok {
			script = csp["default-src"]
		}
		if script == "" || strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") || strings.Contains(script, "*") {
			t.Errorf("GET %s: script-src %q", tc.path, script)
		}
		if csp["frame-ancestors"] != "'none'" {
			t.Errorf("GET %s: frame-ancestors %q, want 'none'", tc.path, csp["frame-ancestors"])
		}
		if csp["object-src"] != "'none'" {
			t.Errorf("GET %s: object-src %q, want 'none'", tc.path, csp["object-src"])
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", tc.path, got)
		}
		// The CSP forbids inline scripts, so the pages must not need any.
		for _, tag := range scriptTagRE.FindAllString(res.Body, -1) {
			if !strings.Contains(tag, "src=") {
				t.Errorf("GET %s: inline script %s", tc.path, tag)
			}
		}
		if m := inlineHandlerRE.FindString(res.Body); m != "" {
			t.Errorf("GET %s: inline event handler %q", tc.path, m)
		}
	}
}

func TestUIForms(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	admin := e.login(thidua.RoleAdmin)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	vtlt := e.unitByName("Tổ Văn thư – Lưu trữ")
	vp := e.unitByName("Văn phòng UBND tỉnh")

	t.Run("person errors next to fields", func(t *testing.T) {
		n := e.countPeople()
		form := uiPersonForm("", 0)
		form.Set("unit_id", "")
		form.Set("birth_date", "31/02/2024")
		form.Set("position", "Chuyên viên <giữ lại>")
		res := e.formDo(admin, "/app/people", form, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("POST /app/people: %d, want 422", res.Status)
		}
		if !strings.Contains(res.Body, `role="alert"`) || !strings.Contains(res.Body, "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.") {
			t.Error("no error summary")
		}
		checkFieldError(t, res.Body, "full_name", "Họ và tên không được để trống.")
		checkFieldError(t, res.Body, "birth_date", "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026.")
		checkFieldError(t, res.Body, "unit_id", "Vui lòng chọn đơn vị.")
		for _, f := range []string{"position", "start_date", "category"} {
			if tag, _ := fieldHTML(t, res.Body, f); strings.Contains(tag, "aria-invalid") {
				t.Errorf("valid field %s marked invalid", f)
			}
		}
		for _, kept := range []string{`value="31/02/2024"`, `value="Chuyên viên &lt;giữ lại&gt;"`, `value="01/03/2015"`,
			`value="NU" checked`, `value="CONG_CHUC" selected`} {
			if !strings.Contains(res.Body, kept) {
				t.Errorf("the submitted value %s is not kept", kept)
			}
		}
		if got := e.countPeople(); got != n {
			t.Errorf("people: %d, want %d", got, n)
		}
	})

	t.Run("unit under its own sub-unit", func(t *testing.T) {
		page := e.rawDo(admin, http.MethodGet, "/app/units/"+uiID(hctc.ID), "", nil)
		form := url.Values{"name": {hctc.Name}, "abbrev": {hctc.Abbrev}, "kind": {hctc.Kind}, "active": {"on"},
			"version": {formVersion(t, page.Body)}}
		for parent, msg := range map[int64]string{
			vtlt.ID: "Không thể chuyển đơn vị vào bên trong chính nó hoặc đơn vị trực thuộc của nó.",
			hctc.ID: "Đơn vị không thể là cấp trên của chính nó.",
		} {
			form.Set("parent_id", uiID(parent))
			res := e.formDo(admin, "/app/units/"+uiID(hctc.ID), form, nil)
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("parent %d: %d, want 422", parent, res.Status)
				continue
			}
			checkFieldError(t, res.Body, "parent_id", msg)
			// The refused choice stays selected: sending the page's form
			// again is refused again rather than moving the unit to the root.
			again := submittedForm(t, res.Body, "/app/units/"+uiID(hctc.ID))
			if again.Get("parent_id") != uiID(parent) {
				t.Errorf("parent %d: the re-rendered form selects parent %q", parent, again.Get("parent_id"))
			}
			if res := e.formDo(admin, "/app/units/"+uiID(hctc.ID), again, nil); res.Status != http.StatusUnprocessableEntity {
				t.Errorf("parent %d: sending the re-rendered form: %d, want 422", parent, res.Status)
			}
		}
		for _, u := range []*thidua.Unit{hctc, vtlt} {
			got, err := e.DB.FindUnitByID(sysCtx(), u.ID)
			if err != nil || got.ParentID != u.ParentID || got.Path != u.Path || got.Depth != u.Depth || got.Version != u.Version {
				t.Errorf("unit %s changed: %+v (was %+v), %v", u.Name, got, u, err)
			}
		}
		if hctc.ParentID != vp.ID {
			t.Errorf("Phòng Hành chính – Tổ chức is under %d, want %d", hctc.ParentID, vp.ID)
		}
	})

	t.Run("duplicate username", func(t *testing.T) {
		th := e.unitByName("Phòng Tổng hợp")
		for _, name := range []string{"canhan", "CanHan "} {
			res := e.formDo(admin, "/app/users", url.Values{
				"username": {name}, "display_name": {"Người Trùng Tên"}, "grant_role": {"STAFF"}, "grant_unit": {uiID(th.ID)},
				"password": {"MatKhau-2026-moi"}, "password_confirm": {"MatKhau-2026-moi"},
			}, nil)
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("username %q: %d, want 422", name, res.Status)
				continue
			}
			checkFieldError(t, res.Body, "username", "Tên đăng nhập đã được sử dụng.")
			if !strings.Contains(res.Body, `value="Người Trùng Tên"`) {
				t.Error("the display name is not kept")
			}
		}
		if u, err := e.DB.FindUserByUsername(sysCtx(), "canhan"); err != nil || u.DisplayName == "Người Trùng Tên" {
			t.Errorf("the existing account changed: %+v %v", u, err)
		}
	})

	t.Run("over-long fields", func(t *testing.T) {
		// 100 runes of Vietnamese (up to 3 bytes each) fit; 101 do not.
		name100 := "Đặng " + strings.Repeat("Ữ", 95)
		name101 := name100 + "Ữ"
		n := e.countPeople()
		res := e.formDo(admin, "/app/people", uiPersonForm(name101, hctc.ID), nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("name of 101 runes: %d, want 422", res.Status)
		} else {
			checkFieldError(t, res.Body, "full_name", "Họ và tên không được dài quá 100 ký tự.")
		}
		if e.countPeople() != n {
			t.Error("a person with a name of 101 runes was created")
		}
		if res := e.formDo(admin, "/app/people", uiPersonForm(name100, hctc.ID), nil); res.Status != http.StatusSeeOther {
			t.Errorf("name of exactly 100 runes: %d, want 303 (body %.300s)", res.Status, res.Body)
		}
		form := uiPersonForm("Lê Văn Dài", hctc.ID)
		form.Set("position", strings.Repeat("ơ", 256))
		if res := e.formDo(admin, "/app/people", form, nil); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("position of 256 runes: %d, want 422", res.Status)
		} else {
			checkFieldError(t, res.Body, "position", "Chức vụ không được dài quá 255 ký tự.")
		}
		res = e.formDo(admin, "/app/units", url.Values{"name": {strings.Repeat("Ư", 256)}, "kind": {thidua.UnitTeam},
			"parent_id": {uiID(hctc.ID)}, "active": {"on"}}, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("unit name of 256 runes: %d, want 422", res.Status)
		} else {
			checkFieldError(t, res.Body, "name", "Tên đơn vị không được dài quá 255 ký tự.")
		}
		res = e.formDo(admin, "/app/users", url.Values{"username": {"dai.qua"}, "display_name": {strings.Repeat("ă", 101)},
			"grant_role": {"STAFF"}, "grant_unit": {uiID(hctc.ID)}, "password": {"MatKhau-2026-moi"}, "password_confirm": {"MatKhau-2026-moi"}}, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("display name of 101 runes: %d, want 422", res.Status)
		} else {
			checkFieldError(t, res.Body, "display_name", "Họ và tên hiển thị không được dài quá 100 ký tự.")
		}
		res = e.formDo(admin, "/app/account/tokens", url.Values{"name": {strings.Repeat("k", 101)}}, nil)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Tên khóa không được dài quá 100 ký tự.") {
			t.Errorf("token name of 101 runes: %d, want 422 with the message", res.Status)
		}
	})

	t.Run("stale version", func(t *testing.T) {
		p := e.personByName("Bùi Văn Đạt")
		path := "/app/people/" + uiID(p.ID)
		page := e.rawDo(admin, http.MethodGet, path, "", nil)
		version := formVersion(t, page.Body)
		form := url.Values{
			"full_name": {p.FullName}, "gender": {p.Gender}, "birth_date": {p.BirthDate.String()}, "position": {"Kế toán trưởng"},
			"category": {p.Category}, "unit_id": {uiID(p.UnitID)}, "start_date": {p.StartDate.String()},
			"status": {p.Status}, "version": {version},
		}
		if res := e.formDo(admin, path, form, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("first save: %d, want 303", res.Status)
		}
		// A second tab still holds the old version.
		form.Set("position", "Chuyên viên tập sự")
		res := e.formDo(admin, path, form, nil)
		if res.Status != http.StatusConflict || !strings.Contains(res.Body, "Dữ liệu đã được người khác thay đổi, vui lòng tải lại.") {
			t.Errorf("save with a stale version: %d, want 409 with the Vietnamese message", res.Status)
		}
		if got, _ := e.DB.FindPersonByID(sysCtx(), p.ID); got.Position != "Kế toán trưởng" || got.Version != p.Version+1 {
			t.Errorf("after the stale save: position %q version %d", got.Position, got.Version)
		}
	})
}

// TestUIFormsRoundTrip submits edit forms back unchanged, as a user who
// only presses "Lưu thay đổi" does: the record must stay as it was.
func TestUIFormsRoundTrip(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	head, officer, admin := e.login(thidua.RoleUnitHead), e.login(thidua.RoleOfficer), e.login(thidua.RoleAdmin)
	// A unit head edits their own unit, whose parent is outside their
	// scope; an officer of the office edits the office itself.
	for _, tc := range []struct {
		c    *http.Client
		who  string
		unit string
	}{
		{head, "unit head", "Phòng Hành chính – Tổ chức"},
		{head, "unit head", "Tổ Văn thư – Lưu trữ"},
		{officer, "officer", "Văn phòng UBND tỉnh"},
		{admin, "admin", "Phòng Kinh tế"},
	} {
		u := e.unitByName(tc.unit)
		path := "/app/units/" + uiID(u.ID)
		_, body := e.get(tc.c, path)
		form := submittedForm(t, body, path)
		if form.Get("parent_id") != uiID(u.ParentID) {
			t.Errorf("%s, unit %s: the form offers parent %q, the unit is under %d", tc.who, tc.unit, form.Get("parent_id"), u.ParentID)
		}
		res := e.formDo(tc.c, path, form, nil)
		if res.Status != http.StatusSeeOther {
			t.Errorf("%s saves unit %s unchanged: %d, want 303 (form %v)", tc.who, tc.unit, res.Status, form)
			continue
		}
		got, _ := e.DB.FindUnitByID(sysCtx(), u.ID)
		if got.ParentID != u.ParentID || got.Path != u.Path || got.Name != u.Name || got.Abbrev != u.Abbrev || got.Kind != u.Kind || got.Active != u.Active {
			t.Errorf("%s saved unit %s unchanged and it changed: %+v", tc.who, tc.unit, got)
		}
	}

	p := e.personByName("Trần Thị Thư")
	path := "/app/people/" + uiID(p.ID)
	_, body := e.get(head, path)
	if res := e.formDo(head, path, submittedForm(t, body, path), nil); res.Status != http.StatusSeeOther {
		t.Errorf("unit head saves a person unchanged: %d, want 303", res.Status)
	}
	got, _ := e.DB.FindPersonByID(sysCtx(), p.ID)
	if got.FullName != p.FullName || got.BirthDate != p.BirthDate || got.StartDate != p.StartDate || got.Position != p.Position ||
		got.UnitID != p.UnitID || got.Gender != p.Gender || got.Category != p.Category || got.IsLeader != p.IsLeader || got.Status != p.Status {
		t.Errorf("the person changed: %+v, was %+v", got, p)
	}

	staff := e.roleUser(thidua.RoleStaff)
	path = "/app/users/" + uiID(staff.ID)
	_, body = e.get(admin, path)
	if res := e.formDo(admin, path, submittedForm(t, body, path), nil); res.Status != http.StatusSeeOther {
		t.Errorf("admin saves an account unchanged: %d, want 303", res.Status)
	}
	after := e.roleUser(thidua.RoleStaff)
	if after.DisplayName != staff.DisplayName || after.PersonID != staff.PersonID || after.Disabled || len(after.Grants) != 1 ||
		after.Grants[0].Role != staff.Grants[0].Role || after.Grants[0].UnitID != staff.Grants[0].UnitID {
		t.Errorf("the account changed: %+v, was %+v", after, staff)
	}
}

func TestUIPersonLifecycle(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	const name = "Nguyễn Thị Đào"

	res := e.formDo(officer, "/app/people", uiPersonForm(name, hctc.ID), nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create: %d (body %.300s)", res.Status, res.Body)
	}
	if loc := res.Header.Get("Location"); loc != "/app/people?q="+url.QueryEscape(name) {
		t.Errorf("create redirects to %q", loc)
	}
	code, body := e.get(officer, res.Header.Get("Location"))
	if code != http.StatusOK || !strings.Contains(body, "Đã thêm cá nhân “"+name+"”.") || !strings.Contains(body, name) {
		t.Errorf("after create: %d, no flash or no person", code)
	}
	p := e.personByName(name)

	// Sorted by given name with Vietnamese collation: Duy < Đào < Đạt
	// (d before đ, then a-o before a-t), which byte order gets wrong.
	code, body = e.get(officer, "/app/people")
	if code != http.StatusOK {
		t.Fatalf("GET /app/people: %d", code)
	}
	order := []string{"Nguyễn Hữu Dũng", "Trần Minh Duy", name, "Bùi Văn Đạt", "Phạm Minh Đức", "Hồ Văn Lực"}
	last := -1
	for _, n := range order {
		i := strings.Index(body, ">"+n+"<")
		if i < 0 {
			t.Errorf("%s not on the list", n)
			continue
		}
		if i < last {
			t.Errorf("%s is listed before the name that precedes it in %v", n, order)
		}
		last = i
	}
	if code, body := e.get(officer, "/app/people?q=nguyen+thi+dao"); code != http.StatusOK || !strings.Contains(body, name) {
		t.Errorf("search without accents: %d, does not find %s", code, name)
	}

	path := "/app/people/" + uiID(p.ID)
	form := uiPersonForm(name, hctc.ID)
	form.Set("position", "Phó Trưởng phòng")
	form.Set("is_leader", "on")
	form.Set("version", uiID(int64(p.Version)))
	res = e.formDo(officer, path, form, nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path {
		t.Fatalf("edit: %d to %q", res.Status, res.Header.Get("Location"))
	}
	if code, body := e.get(officer, path); code != http.StatusOK || !strings.Contains(body, `value="Phó Trưởng phòng"`) {
		t.Errorf("after edit: %d, the new position is not shown", code)
	}

	res = e.formDo(officer, path+"/delete", url.Values{}, nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/people" {
		t.Fatalf("delete: %d to %q", res.Status, res.Header.Get("Location"))
	}
	if code, _ := e.get(officer, path); code != http.StatusNotFound {
		t.Errorf("after delete: %d, want 404", code)
	}

	// The audit log lists the three changes with before and after.
	admin := e.login(thidua.RoleAdmin)
	code, body = e.get(admin, "/app/audit?entity=person")
	if code != http.StatusOK {
		t.Fatalf("GET /app/audit: %d", code)
	}
	var rows []string
	for _, row := range strings.Split(body, "<tr>") {
		if strings.Contains(row, "Cá nhân #"+uiID(p.ID)+"<") {
			rows = append(rows, row)
		}
	}
	if len(rows) != 3 {
		t.Fatalf("%d audit rows for the person, want 3", len(rows))
	}
	// Newest first.
	wants := []struct{ action, before, after string }{
		{"Xóa", "Phó Trưởng phòng", ""},
		{"Cập nhật", "Chuyên viên", "Phó Trưởng phòng"},
		{"Tạo mới", "", "Chuyên viên"},
	}
	for i, w := range wants {
		row := rows[i]
		if !strings.Contains(row, "<td>"+w.action+"</td>") {
			t.Errorf("row %d is not %q: %.400s", i, w.action, row)
		}
		if !strings.Contains(row, "Nguyễn Ngọc Ánh") {
			t.Errorf("row %d does not name the officer", i)
		}
		for _, part := range []struct{ head, pos string }{{"Trước", w.before}, {"Sau", w.after}} {
			j := strings.Index(row, `<h2 class="change">`+part.head+"</h2>")
			if part.pos == "" {
				if j >= 0 {
					t.Errorf("row %d (%s) has a %q part", i, w.action, part.head)
				}
				continue
			}
			if j < 0 {
				t.Errorf("row %d (%s) has no %q part", i, w.action, part.head)
				continue
			}
			pre := row[j:]
			if k := strings.Index(pre, "</pre>"); k >= 0 {
				pre = pre[:k]
			}
			if !strings.Contains(pre, "&#34;position&#34;: &#34;"+part.pos+"&#34;") {
				t.Errorf("row %d (%s) %q part lacks position %q: %s", i, w.action, part.head, part.pos, pre)
			}
		}
	}
}

func TestUIAdminUsers(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	admin := e.login(thidua.RoleAdmin)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	const oldPw, newPw = "MatKhau-cu-2026", "MatKhau-moi-2026"

	res := e.formDo(admin, "/app/users", url.Values{
		"username": {"hoa.nguyen"}, "display_name": {"Nguyễn Thị Hoa"}, "email": {"hoa@example.vn"},
		"grant_role": {"OFFICER", ""}, "grant_unit": {uiID(hctc.ID), ""},
		"password": {oldPw}, "password_confirm": {oldPw},
	}, nil)
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/app/users/") {
		t.Fatalf("create: %d to %q (body %.300s)", res.Status, res.Header.Get("Location"), res.Body)
	}
	path := res.Header.Get("Location")
	code, body := e.get(admin, path)
	if code != http.StatusOK || !strings.Contains(body, "Tài khoản hoa.nguyen") {
		t.Fatalf("GET %s: %d", path, code)
	}
	if !regexp.MustCompile(`<option value="OFFICER" selected>`).MatchString(body) ||
		!strings.Contains(body, `<option value="`+uiID(hctc.ID)+`" selected>`) {
		t.Error("the grant is not shown on the account page")
	}

	hoa, res := e.loginAs("hoa.nguyen", oldPw)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("sign-in of the new account: %d", res.Status)
	}
	if code, body := e.get(hoa, "/app/people"); code != http.StatusOK || !strings.Contains(body, "Võ Thanh Tùng") || strings.Contains(body, "Phan Tuấn Anh") {
		t.Errorf("the new officer of Phòng Hành chính sees the wrong people: %d", code)
	}
	if code, _ := e.get(hoa, "/app/users"); code != http.StatusForbidden {
		t.Errorf("the new officer GET /app/users: %d, want 403", code)
	}

	// Reset the password: the old one fails, the new one works, sessions end.
	if res := e.formDo(admin, path+"/password", url.Values{"password": {newPw}, "password_confirm": {newPw + "x"}}, nil); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Mật khẩu nhập lại không khớp.") {
		t.Errorf("reset with a wrong confirmation: %d", res.Status)
	}
	if res := e.formDo(admin, path+"/password", url.Values{"password": {newPw}, "password_confirm": {newPw}}, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.Status)
	}
	if code, _ := e.get(hoa, "/app"); code != http.StatusSeeOther {
		t.Errorf("the old session after a reset: %d, want a redirect to /login", code)
	}
	if _, res := e.loginAs("hoa.nguyen", oldPw); res.Status != http.StatusUnauthorized {
		t.Errorf("old password after reset: %d, want 401", res.Status)
	}
	hoa, res = e.loginAs("hoa.nguyen", newPw)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("new password after reset: %d, want 303", res.Status)
	}

	// Disable the account: sign-in is refused and the session ends.
	_, body = e.get(admin, path)
	res = e.formDo(admin, path, url.Values{
		"display_name": {"Nguyễn Thị Hoa"}, "email": {"hoa@example.vn"}, "grant_role": {"OFFICER"}, "grant_unit": {uiID(hctc.ID)},
		"disabled": {"on"}, "version": {formVersion(t, body)},
	}, nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("disable: %d (body %.300s)", res.Status, res.Body)
	}
	if code, _ := e.get(hoa, "/app"); code != http.StatusSeeOther {
		t.Errorf("the session of a disabled account: %d, want a redirect to /login", code)
	}
	// The right password of a disabled account answers exactly like a
	// wrong one: the answer must not tell a guesser that the password is right.
	_, right := e.loginAs("hoa.nguyen", newPw)
	_, wrong := e.loginAs("hoa.nguyen", newPw+"x")
	if right.Status != http.StatusUnauthorized || !strings.Contains(right.Body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
		t.Errorf("sign-in of a disabled account: %d, want 401 with the message of a wrong password", right.Status)
	}
	if right.Status != wrong.Status || right.Body != wrong.Body || uiSessionCookie(right.Header) != nil {
		t.Errorf("disabled account: the right password answers %d, a wrong one %d; the pages differ: %v", right.Status, wrong.Status, right.Body != wrong.Body)
	}
	basic := func(pw string) reqResult {
		req := &http.Request{Header: http.Header{}}
		req.SetBasicAuth("hoa.nguyen", pw)
		return e.rawDo(nil, http.MethodGet, "/api/v1/me", "", req.Header)
	}
	if r, w := basic(newPw), basic(newPw+"x"); r.Status != http.StatusUnauthorized || r.Body != w.Body {
		t.Errorf("HTTP Basic with the right password of a disabled account: %d %s, want 401 like a wrong one (%s)", r.Status, r.Body, w.Body)
	}
	if _, body := e.get(admin, "/app/users"); !strings.Contains(body, "Đã khóa") {
		t.Error("the account list does not show the account as disabled")
	}
}

func TestUINotFound(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	admin := e.login(thidua.RoleAdmin)
	for _, tc := range []struct {
		c    *http.Client
		path string
		msg  string
	}{
		{admin, "/app/people/999999", "Không tìm thấy cá nhân."},
		{admin, "/app/units/999999", "Không tìm thấy đơn vị."},
		{admin, "/khong-co", "Không tìm thấy trang bạn yêu cầu."},
		{e.client(), "/khong-co", "Không tìm thấy trang bạn yêu cầu."},
		{admin, "/app/units/abc", "Không tìm thấy dữ liệu bạn yêu cầu."},
		{admin, "/app/units/0", "Không tìm thấy dữ liệu bạn yêu cầu."},
		{admin, "/app/units/-1", "Không tìm thấy dữ liệu bạn yêu cầu."},
		{admin, "/app/people/1e3", "Không tìm thấy dữ liệu bạn yêu cầu."},
		{admin, "/app/users/99999999999999999999", "Không tìm thấy dữ liệu bạn yêu cầu."},
	} {
		res := e.rawDo(tc.c, http.MethodGet, tc.path, "", nil)
		if res.Status != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(res.Body, `lang="vi"`) || !strings.Contains(res.Body, "<h1>Không tìm thấy</h1>") ||
			!strings.Contains(res.Body, tc.msg) {
			t.Errorf("GET %s: %d %s, want the Vietnamese 404 page with %q (body %.300s)", tc.path, res.Status,
				res.Header.Get("Content-Type"), tc.msg, res.Body)
		}
	}
	code, hdr, body := e.apiDo(thidua.RoleAdmin, "GET", "/api/v1/people/999999", "")
	var p web.Problem
	if code != http.StatusNotFound || !strings.HasPrefix(hdr.Get("Content-Type"), "application/problem+json") ||
		json.Unmarshal([]byte(body), &p) != nil || p.Detail != "Không tìm thấy cá nhân." {
		t.Errorf("API GET /api/v1/people/999999: %d %s", code, body)
	}
}

var (
	datelineRE = regexp.MustCompile(`<p class="dateline">((?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật), (\d{2}/\d{2}/\d{4}))</p>`)
	birthRowRE = regexp.MustCompile(`>Võ Thanh Tùng</a>.*?</td>\s*<td>Nam</td><td>(\d{2}/\d{2}/\d{4})</td>`)
)

func TestUIText(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	before := time.Now()
	code, body := e.get(c, "/app/people")
	after := time.Now()
	if code != http.StatusOK {
		t.Fatalf("GET /app/people: %d", code)
	}
	if m := birthRowRE.FindStringSubmatch(body); m == nil || m[1] != "20/05/1974" {
		t.Errorf("the birth date of Võ Thanh Tùng is not shown as 20/05/1974: %v", m)
	}
	m := datelineRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no weekday line like “Thứ tư, 25/11/2026”")
	}
	if m[1] != thidua.FormatLongDate(before) && m[1] != thidua.FormatLongDate(after) {
		t.Errorf("weekday line %q, want %q", m[1], thidua.FormatLongDate(after))
	}

	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	const xss = `<script>alert(1)</script>`
	form := uiPersonForm(`Lê Văn "Tí" & Tèo`, hctc.ID)
	form.Set("position", xss)
	if res := e.formDo(c, "/app/people", form, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("create: %d (body %.300s)", res.Status, res.Body)
	}
	p := e.personByName(`Lê Văn "Tí" & Tèo`)
	for _, path := range []string{"/app/people", "/app/people/" + uiID(p.ID), "/app/units/" + uiID(hctc.ID)} {
		code, body := e.get(c, path)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d", path, code)
			continue
		}
		if strings.Contains(body, xss) || strings.Contains(body, `"Tí"`) {
			t.Errorf("GET %s: user text is not escaped", path)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(body, "Lê Văn &#34;Tí&#34; &amp; Tèo") {
			t.Errorf("GET %s: the escaped text is missing", path)
		}
	}
	admin := e.login(thidua.RoleAdmin)
	if _, body := e.get(admin, "/app/audit?entity=person&entity_id="+uiID(p.ID)); strings.Contains(body, xss) {
		t.Error("the audit page does not escape user text")
	}
}

func TestUIHealthAndMetrics(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	res := e.rawDo(nil, http.MethodGet, "/healthz", "", nil)
	var h map[string]string
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		json.Unmarshal([]byte(res.Body), &h) != nil || h["status"] != "ok" {
		t.Errorf("GET /healthz: %d %s %s", res.Status, res.Header.Get("Content-Type"), res.Body)
	}

	c := e.login(thidua.RoleStaff)
	e.get(c, "/app/people")
	p := e.personByName("Phan Tuấn Anh")
	e.get(c, "/app/people/"+uiID(p.ID))
	e.get(c, "/khong-co")
	res = e.rawDo(nil, http.MethodGet, "/metrics", "", nil)
	if res.Status != http.StatusOK {
		t.Fatalf("GET /metrics: %d", res.Status)
	}
	for _, want := range []string{
		"# TYPE thidua_http_requests_total counter",
		`thidua_http_requests_total{code="200",method="GET",route="GET /app/people"} 1`,
		`thidua_http_requests_total{code="200",method="GET",route="GET /app/people/{id}"} 1`,
		`thidua_http_requests_total{code="303",method="POST",route="POST /login"} 1`,
		`thidua_http_request_duration_seconds_bucket{method="GET",route="GET /app/people",le="+Inf"} 1`,
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(res.Body, `route="GET /app/people/`+uiID(p.ID)) || strings.Contains(res.Body, "/khong-co") {
		t.Error("/metrics labels a route with a raw path")
	}
}
