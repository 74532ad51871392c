package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"thidua"
	"thidua/sqldb"
	"thidua/web"
	"thidua/web/api"
)

// ---- helpers (prefixed v1 to keep clear of the other test files)

// v1Call sends a JSON API request with the Authorization header authz ("" for
// none) and returns the status, headers and body.
func (e *testEnv) v1Call(authz, method, path, body string) (int, http.Header, string) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.HTTP.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if authz != "" {
		req.Header.Set("Authorization", authz)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// v1Basic returns an HTTP Basic Authorization header value.
func v1Basic(username, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password))
}

// v1Decode decodes a JSON body into a T, failing the test on error.
func v1Decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	return v
}

// v1OK fails the test unless code is want.
func v1OK(t *testing.T, what string, code int, body string, want int) {
	t.Helper()
	if code != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, code, want, body)
	}
}

// v1Problem checks that the answer is an RFC 9457 problem document with
// status want and a Vietnamese detail, and returns it.
func v1Problem(t *testing.T, code int, hdr http.Header, body string, want int) web.Problem {
	t.Helper()
	if code != want {
		t.Errorf("status %d, want %d\n%s", code, want, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p web.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("problem: %v\n%s", err, body)
	}
	if p.Status != code || p.Type == "" || p.Title == "" {
		t.Errorf("problem = %+v, want status %d with a type and a title", p, code)
	}
	if !v1Vietnamese(p.Detail) || strings.Contains(p.Detail, "json:") || strings.Contains(p.Detail, "invalid character") {
		t.Errorf("detail %q is not a Vietnamese message", p.Detail)
	}
	for k, msg := range p.Errors {
		if !v1Vietnamese(msg) {
			t.Errorf("errors.%s = %q is not Vietnamese", k, msg)
		}
	}
	return p
}

// v1Vietnamese reports whether s is a sentence with Vietnamese letters.
func v1Vietnamese(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var v1Sys = thidua.NewSystemContext(context.Background())

// v1Counts returns the number of units, people, users and audit entries.
func v1Counts(t *testing.T, db *sqldb.DB) [4]int {
	t.Helper()
	_, units, err1 := db.FindUnits(v1Sys, thidua.UnitFilter{Limit: 1})
	_, people, err2 := db.FindPeople(v1Sys, thidua.PersonFilter{Limit: 1})
	_, users, err3 := db.FindUsers(v1Sys, thidua.UserFilter{Limit: 1})
	_, audit, err4 := db.FindAuditEntries(v1Sys, thidua.AuditFilter{Limit: 1})
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return [4]int{units, people, users, audit}
}

// v1Unit returns the demo unit named name.
func v1Unit(t *testing.T, db *sqldb.DB, name string) *thidua.Unit {
	t.Helper()
	units, _, err := db.FindUnits(v1Sys, thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no unit %q", name)
	return nil
}

// v1Person returns the demo person named name.
func v1Person(t *testing.T, db *sqldb.DB, name string) *thidua.Person {
	t.Helper()
	people, _, err := db.FindPeople(v1Sys, thidua.PersonFilter{Query: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if p.FullName == name {
			return p
		}
	}
	t.Fatalf("no person %q", name)
	return nil
}

// v1Admin is the Authorization header of the demo administrator.
func (e *testEnv) v1Admin() string {
	a := e.Accounts[thidua.RoleAdmin]
	return v1Basic(a.Username, a.Password)
}

// v1As is the Authorization header of the demo account of role.
func (e *testEnv) v1As(role thidua.Role) string {
	a, ok := e.Accounts[role]
	if !ok {
		e.t.Fatalf("no demo account for %s", role)
	}
	return v1Basic(a.Username, a.Password)
}

type v1Item struct {
	ID int64 `json:"id"`
}

func v1IDs(items []v1Item) []int64 {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}

// ---- lists

func TestAPIListPagination(t *testing.T) {
	e := newSQLiteEnv(t)
	n := v1Counts(t, e.DB)
	for _, c := range []struct {
		name  string
		path  string
		total int // -1: not known in advance
		max   int // the largest limit
	}{
		{"units", "/api/v1/units", n[0], 1000},
		{"people", "/api/v1/people", n[1], 1000},
		{"users", "/api/v1/users", n[2], 1000},
		{"audit", "/api/v1/audit", n[3], 500},
		{"people filtered", "/api/v1/people?q=thi", -1, 1000},
		{"audit filtered", "/api/v1/audit?entity=person&action=create", -1, 500},
	} {
		t.Run(c.name, func(t *testing.T) {
			sep := "?"
			if strings.Contains(c.path, "?") {
				sep = "&"
			}
			// The whole list at once, then the default page of 100.
			full := c.path + sep + "limit=" + strconv.Itoa(c.max)
			code, _, body := e.v1Call(e.v1Admin(), "GET", full, "")
			v1OK(t, "GET "+full, code, body, http.StatusOK)
			all := v1Decode[api.List[v1Item]](t, body)
			if c.total >= 0 && all.Total != c.total {
				t.Errorf("total = %d, want %d", all.Total, c.total)
			}
			if all.Total < 3 || all.Total > c.max || len(all.Items) != all.Total || all.Limit != c.max || all.Offset != 0 {
				t.Fatalf("GET %s: %d items, total %d, limit %d, offset %d", full, len(all.Items), all.Total, all.Limit, all.Offset)
			}
			want := v1IDs(all.Items)
			code, _, body = e.v1Call(e.v1Admin(), "GET", c.path, "")
			v1OK(t, "GET "+c.path, code, body, http.StatusOK)
			def := v1Decode[api.List[v1Item]](t, body)
			if def.Total != all.Total || def.Limit != 100 || def.Offset != 0 || len(def.Items) != min(100, all.Total) {
				t.Errorf("default page: %d items, total %d, limit %d, offset %d", len(def.Items), def.Total, def.Limit, def.Offset)
			}

			// Walk the pages (at most a dozen): every page has the same
			// total, and together they hold the whole list in order.
			size := max(4, (all.Total+11)/12)
			var got []int64
			for off := 0; off < all.Total; off += size {
				p := c.path + sep + "limit=" + strconv.Itoa(size) + "&offset=" + strconv.Itoa(off)
				code, _, body := e.v1Call(e.v1Admin(), "GET", p, "")
				v1OK(t, "GET "+p, code, body, http.StatusOK)
				page := v1Decode[api.List[v1Item]](t, body)
				if page.Total != all.Total || page.Limit != size || page.Offset != off {
					t.Errorf("%s: total %d limit %d offset %d, want %d %d %d", p, page.Total, page.Limit, page.Offset, all.Total, size, off)
				}
				if wantLen := min(size, all.Total-off); len(page.Items) != wantLen {
					t.Errorf("%s: %d items, want %d", p, len(page.Items), wantLen)
				}
				got = append(got, v1IDs(page.Items)...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages = %v, want %v", got, want)
			}

			// Past the end: no items (an empty array, not null), same total.
			p := c.path + sep + "offset=" + strconv.Itoa(all.Total+5)
			code, _, body = e.v1Call(e.v1Admin(), "GET", p, "")
			v1OK(t, "GET "+p, code, body, http.StatusOK)
			var raw map[string]json.RawMessage
			json.Unmarshal([]byte(body), &raw)
			if string(raw["items"]) != "[]" || string(raw["total"]) != strconv.Itoa(all.Total) {
				t.Errorf("%s: items %s total %s, want [] and %d", p, raw["items"], raw["total"], all.Total)
			}
		})
	}
}

func TestAPIPeopleSearch(t *testing.T) {
	e := newSQLiteEnv(t)
	code, _, body := e.v1Call(e.v1Admin(), "GET", "/api/v1/people?limit=1000", "")
	v1OK(t, "GET /api/v1/people", code, body, http.StatusOK)
	everyone := v1Decode[api.List[thidua.Person]](t, body).Items

	for _, c := range []struct {
		q       string
		mustHit string // a name the search must find ("" for none)
		none    bool
	}{
		{q: "nguyen", mustHit: "Nguyễn Ngọc Ánh"},
		{q: "NGUYỄN", mustHit: "Nguyễn Hữu Dũng"},
		{q: "nguyễn", mustHit: "Nguyễn Văn Phúc"},
		{q: "duc", mustHit: "Phạm Minh Đức"},
		{q: "Đức", mustHit: "Phạm Minh Đức"},
		{q: "thu ha", mustHit: "Đặng Thị Thu Hà"},
		{q: "  pham   minh  ", mustHit: "Phạm Minh Đức"},
		{q: "zzzz", none: true},
	} {
		t.Run(c.q, func(t *testing.T) {
			p := "/api/v1/people?" + url.Values{"q": {c.q}}.Encode()
			code, _, body := e.v1Call(e.v1Admin(), "GET", p, "")
			v1OK(t, "GET "+p, code, body, http.StatusOK)
			res := v1Decode[api.List[thidua.Person]](t, body)

			var want []string
			for _, p := range everyone {
				hit := true
				for _, w := range strings.Fields(thidua.Fold(c.q)) {
					hit = hit && strings.Contains(thidua.Fold(p.FullName), w)
				}
				if hit {
					want = append(want, p.FullName)
				}
			}
			var got []string
			for _, p := range res.Items {
				got = append(got, p.FullName)
			}
			if !slices.Equal(got, want) || res.Total != len(want) {
				t.Errorf("q=%q: %v (total %d), want %v", c.q, got, res.Total, want)
			}
			if c.none && len(got) != 0 {
				t.Errorf("q=%q found %v", c.q, got)
			}
			if c.mustHit != "" && !slices.Contains(got, c.mustHit) {
				t.Errorf("q=%q did not find %s: %v", c.q, c.mustHit, got)
			}
		})
	}
}

func TestAPIPeopleOrderAndFilters(t *testing.T) {
	e := newSQLiteEnv(t)
	code, _, body := e.v1Call(e.v1Admin(), "GET", "/api/v1/people?limit=1000", "")
	v1OK(t, "GET /api/v1/people", code, body, http.StatusOK)
	everyone := v1Decode[api.List[thidua.Person]](t, body).Items

	// Sorted by given name (Vietnamese collation), then family and middle names.
	index := map[string]int{}
	for i, p := range everyone {
		index[p.FullName] = i
		if i == 0 {
			continue
		}
		prev := everyone[i-1]
		g1, _ := thidua.GivenName(prev.FullName)
		g2, _ := thidua.GivenName(p.FullName)
		if c := thidua.CompareVietnamese(g1, g2); c > 0 || bytes.Compare(thidua.NameSortKey(prev.FullName), thidua.NameSortKey(p.FullName)) > 0 {
			t.Errorf("%q comes before %q", prev.FullName, p.FullName)
		}
	}
	for _, pair := range [][2]string{
		{"Phan Tuấn Anh", "Vũ Thị Lan Anh"},   // same given name: family name decides
		{"Vũ Thị Lan Anh", "Nguyễn Ngọc Ánh"}, // Anh < Ánh (tone after letter)
		{"Nguyễn Ngọc Ánh", "Huỳnh Thiên Ân"}, // Ánh < Ân (a < â)
		{"Nguyễn Hữu Dũng", "Trần Minh Duy"},  // Dũng < Duy
		{"Trần Minh Duy", "Bùi Văn Đạt"},      // d < đ
		{"Trần Minh Duy", "Lê Thị Yến"},
	} {
		if index[pair[0]] >= index[pair[1]] {
			t.Errorf("%s (at %d) should come before %s (at %d)", pair[0], index[pair[0]], pair[1], index[pair[1]])
		}
	}

	hctc := v1Unit(t, e.DB, "Phòng Hành chính – Tổ chức")
	vtlt := v1Unit(t, e.DB, "Tổ Văn thư – Lưu trữ")
	id := strconv.FormatInt(hctc.ID, 10)
	for _, c := range []struct {
		query string
		keep  func(p thidua.Person) bool
	}{
		{"status=RETIRED", func(p thidua.Person) bool { return p.Status == thidua.PersonRetired }},
		{"status=ACTIVE", func(p thidua.Person) bool { return p.Status == thidua.PersonActive }},
		{"category=VIEN_CHUC", func(p thidua.Person) bool { return p.Category == thidua.CategoryVienChuc }},
		{"unit_id=" + id, func(p thidua.Person) bool { return p.UnitID == hctc.ID }},
		{"unit_id=" + id + "&subtree=true", func(p thidua.Person) bool { return p.UnitID == hctc.ID || p.UnitID == vtlt.ID }},
		{"unit_id=" + id + "&subtree=false", func(p thidua.Person) bool { return p.UnitID == hctc.ID }},
		{"unit_id=" + id + "&subtree=true&category=NGUOI_LAO_DONG&status=ACTIVE", func(p thidua.Person) bool {
			return p.UnitID == hctc.ID && p.Category == thidua.CategoryNguoiLD && p.Status == thidua.PersonActive
		}},
	} {
		t.Run(c.query, func(t *testing.T) {
			code, _, body := e.v1Call(e.v1Admin(), "GET", "/api/v1/people?"+c.query, "")
			v1OK(t, c.query, code, body, http.StatusOK)
			res := v1Decode[api.List[thidua.Person]](t, body)
			var want, got []string
			for _, p := range everyone {
				if c.keep(p) {
					want = append(want, p.FullName)
				}
			}
			for _, p := range res.Items {
				got = append(got, p.FullName)
			}
			if len(want) == 0 || !slices.Equal(got, want) || res.Total != len(want) {
				t.Errorf("%s: %v (total %d), want %v", c.query, got, res.Total, want)
			}
		})
	}
}

// ---- the core flow, on both databases

func TestAPICoreCRUD(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		db := e.DB
		admin := e.v1Admin()
		vp := v1Unit(t, db, "Văn phòng UBND tỉnh")
		kt := v1Unit(t, db, "Phòng Kinh tế")

		t.Run("person", func(t *testing.T) {
			in := fmt.Sprintf(`{"full_name": "  Nguyễn   Thị Thử  ", "gender": "NU", "birth_date": "20/05/1990",
				"position": "Chuyên viên", "category": "CONG_CHUC", "unit_id": %d, "start_date": "2015-09-01"}`, kt.ID)
			code, hdr, body := e.v1Call(admin, "POST", "/api/v1/people", in)
			v1OK(t, "create", code, body, http.StatusCreated)
			p := v1Decode[thidua.Person](t, body)
			if loc := hdr.Get("Location"); loc != "/api/v1/people/"+strconv.FormatInt(p.ID, 10) {
				t.Errorf("Location = %q for person %d", loc, p.ID)
			}
			if p.ID == 0 || p.Version != 1 || p.FullName != "Nguyễn Thị Thử" || p.BirthDate.ISO() != "1990-05-20" ||
				p.StartDate.ISO() != "2015-09-01" || p.Status != thidua.PersonActive || p.UnitName != kt.Name {
				t.Errorf("created %+v", p)
			}
			if !strings.Contains(body, `"birth_date": "1990-05-20"`) {
				t.Errorf("birth_date not written as yyyy-mm-dd: %s", body)
			}

			code, _, body = e.v1Call(admin, "GET", hdr.Get("Location"), "")
			v1OK(t, "get", code, body, http.StatusOK)
			if got := v1Decode[thidua.Person](t, body); got.FullName != p.FullName || got.Version != 1 {
				t.Errorf("get = %+v", got)
			}
			code, _, body = e.v1Call(admin, "GET", "/api/v1/people?q=nguyen+thi+thu", "")
			v1OK(t, "search", code, body, http.StatusOK)
			if l := v1Decode[api.List[thidua.Person]](t, body); l.Total != 1 || l.Items[0].ID != p.ID {
				t.Errorf("search found %+v", l)
			}

			path := "/api/v1/people/" + strconv.FormatInt(p.ID, 10)
			upd := func(version int, position string) string {
				return fmt.Sprintf(`{"full_name": "Nguyễn Thị Thử", "gender": "NU", "birth_date": "1990-05-20", "position": %q,
					"category": "CONG_CHUC", "unit_id": %d, "version": %d}`, position, vp.ID, version)
			}
			code, _, body = e.v1Call(admin, "PUT", path, upd(1, "Phó Trưởng phòng"))
			v1OK(t, "update", code, body, http.StatusOK)
			if got := v1Decode[thidua.Person](t, body); got.Version != 2 || got.Position != "Phó Trưởng phòng" || got.UnitID != vp.ID || !got.StartDate.IsZero() {
				t.Errorf("updated = %+v", got)
			}

			// A second update naming the old version is refused and changes nothing.
			code, hdr, body = e.v1Call(admin, "PUT", path, upd(1, "Trưởng phòng"))
			prob := v1Problem(t, code, hdr, body, http.StatusConflict)
			if prob.Detail != thidua.ErrStale().Message || prob.Code != thidua.ECONFLICT {
				t.Errorf("conflict = %+v", prob)
			}
			if got, _ := db.FindPersonByID(v1Sys, p.ID); got.Version != 2 || got.Position != "Phó Trưởng phòng" {
				t.Errorf("after the conflict: %+v", got)
			}

			code, _, body = e.v1Call(admin, "DELETE", path, "")
			v1OK(t, "delete", code, body, http.StatusNoContent)
			if body != "" {
				t.Errorf("204 with a body: %q", body)
			}
			for _, m := range []string{"GET", "DELETE"} {
				code, hdr, body = e.v1Call(admin, m, path, "")
				v1Problem(t, code, hdr, body, http.StatusNotFound)
			}
			code, hdr, body = e.v1Call(admin, "PUT", path, upd(2, "x"))
			v1Problem(t, code, hdr, body, http.StatusNotFound)

			// The audit log holds the three changes, newest first, by the administrator.
			code, _, body = e.v1Call(admin, "GET", "/api/v1/audit?entity=person&entity_id="+strconv.FormatInt(p.ID, 10), "")
			v1OK(t, "audit", code, body, http.StatusOK)
			log := v1Decode[api.List[thidua.AuditEntry]](t, body)
			var actions []string
			for _, a := range log.Items {
				actions = append(actions, a.Action)
				if a.Entity != "person" || a.EntityID != p.ID || a.ActorName == "" || a.ActorID == 0 || a.Hash == "" {
					t.Errorf("audit entry %+v", a)
				}
			}
			if !slices.Equal(actions, []string{"delete", "update", "create"}) || log.Total != 3 {
				t.Errorf("audit actions = %v (total %d), want delete, update, create", actions, log.Total)
			}
		})

		t.Run("unit", func(t *testing.T) {
			in := fmt.Sprintf(`{"parent_id": %d, "name": "Tổ Thử nghiệm", "abbrev": "ttn", "kind": "TEAM"}`, kt.ID)
			code, hdr, body := e.v1Call(admin, "POST", "/api/v1/units", in)
			v1OK(t, "create", code, body, http.StatusCreated)
			u := v1Decode[thidua.Unit](t, body)
			if hdr.Get("Location") != "/api/v1/units/"+strconv.FormatInt(u.ID, 10) || u.Abbrev != "TTN" || !u.Active ||
				u.ParentID != kt.ID || u.Depth != kt.Depth+1 || u.Version != 1 {
				t.Errorf("created %+v at %s", u, hdr.Get("Location"))
			}
			path := hdr.Get("Location")
			move := fmt.Sprintf(`{"parent_id": %d, "name": "Tổ Thử nghiệm 2", "abbrev": "TTN", "kind": "TEAM", "active": false, "version": 1}`, vp.ID)
			code, _, body = e.v1Call(admin, "PUT", path, move)
			v1OK(t, "update", code, body, http.StatusOK)
			if got := v1Decode[thidua.Unit](t, body); got.Version != 2 || got.ParentID != vp.ID || got.Active || got.Name != "Tổ Thử nghiệm 2" {
				t.Errorf("updated %+v", got)
			}
			code, hdr, body = e.v1Call(admin, "PUT", path, move)
			v1Problem(t, code, hdr, body, http.StatusConflict)

			// A unit with sub-units cannot be deleted.
			code, hdr, body = e.v1Call(admin, "DELETE", "/api/v1/units/"+strconv.FormatInt(vp.ID, 10), "")
			v1Problem(t, code, hdr, body, http.StatusConflict)

			code, _, body = e.v1Call(admin, "DELETE", path, "")
			v1OK(t, "delete", code, body, http.StatusNoContent)
			code, hdr, body = e.v1Call(admin, "GET", path, "")
			v1Problem(t, code, hdr, body, http.StatusNotFound)
		})
	})
}

// ---- invalid input changes nothing

func TestAPIInvalidInput(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.v1Admin()
	kt := v1Unit(t, e.DB, "Phòng Kinh tế")
	victim := v1Person(t, e.DB, "Bùi Đức Huy")
	victimPath := "/api/v1/people/" + strconv.FormatInt(victim.ID, 10)
	person := func(fields string) string {
		return fmt.Sprintf(`{"full_name": "Lê Văn Mới", "gender": "NAM", "category": "CONG_CHUC", "unit_id": %d%s}`, kt.ID, fields)
	}
	update := func(fields string) string {
		return fmt.Sprintf(`{"full_name": "Bùi Đức Huy", "gender": "NAM", "category": "CONG_CHUC", "unit_id": %d, "version": %d%s}`,
			kt.ID, victim.Version, fields)
	}

	for _, c := range []struct {
		name, method, path, body string
		field                    string // the field errors must name ("" for none)
	}{
		{"empty full_name", "POST", "/api/v1/people", `{"full_name": "", "gender": "NAM", "category": "CONG_CHUC", "unit_id": 2}`, "full_name"},
		{"one-word full_name", "POST", "/api/v1/people", strings.Replace(person(""), "Lê Văn Mới", "Mới", 1), "full_name"},
		{"impossible date", "POST", "/api/v1/people", person(`, "birth_date": "31/02/2024"`), "birth_date"},
		{"impossible ISO date", "POST", "/api/v1/people", person(`, "start_date": "2023-02-29"`), "start_date"},
		{"date as a number", "POST", "/api/v1/people", person(`, "birth_date": 19900520`), "birth_date"},
		{"date in the future", "POST", "/api/v1/people", person(`, "birth_date": "01/01/2200"`), "birth_date"},
		{"unknown field", "POST", "/api/v1/people", person(`, "nickname": "Mới"`), "nickname"},
		{"wrong type", "POST", "/api/v1/people", `{"full_name": "Lê Văn Mới", "gender": "NAM", "category": "CONG_CHUC", "unit_id": "hai"}`, "unit_id"},
		{"unknown gender", "POST", "/api/v1/people", strings.Replace(person(""), `"NAM"`, `"X"`, 1), "gender"},
		{"unknown unit", "POST", "/api/v1/people", strings.Replace(person(""), strconv.FormatInt(kt.ID, 10), "999999", 1), "unit_id"},
		{"malformed JSON", "POST", "/api/v1/people", `{"full_name": "Lê Văn Mới", `, ""},
		{"syntax error", "POST", "/api/v1/people", `{full_name: 1}`, ""},
		{"not an object", "POST", "/api/v1/people", `["Lê Văn Mới"]`, ""},
		{"two objects", "POST", "/api/v1/people", person("") + person(""), ""},
		{"empty body", "POST", "/api/v1/people", "", ""},
		{"update: empty full_name", "PUT", victimPath, strings.Replace(update(""), "Bùi Đức Huy", " ", 1), "full_name"},
		{"update: impossible date", "PUT", victimPath, update(`, "birth_date": "30/02/1990"`), "birth_date"},
		{"update: unknown field", "PUT", victimPath, update(`, "id": 5`), "id"},
		{"unit: unknown kind", "POST", "/api/v1/units", fmt.Sprintf(`{"parent_id": %d, "name": "Tổ mới", "kind": "X"}`, kt.ID), "kind"},
		{"unit: bad abbrev", "POST", "/api/v1/units", fmt.Sprintf(`{"parent_id": %d, "name": "Tổ mới", "abbrev": "a b", "kind": "TEAM"}`, kt.ID), "abbrev"},
		{"unit: missing parent", "POST", "/api/v1/units", `{"parent_id": 999999, "name": "Tổ mới", "kind": "TEAM"}`, "parent_id"},
		{"user: short password", "POST", "/api/v1/users", `{"username": "moi", "display_name": "Người Mới", "grants": [{"role": "STAFF", "unit_id": 1}], "password": "ngan"}`, "password"},
		{"user: no grants", "POST", "/api/v1/users", `{"username": "moi", "display_name": "Người Mới", "grants": [], "password": "Mật-khẩu-đủ-dài"}`, "grants"},
		{"user: unknown role", "POST", "/api/v1/users", `{"username": "moi", "display_name": "Người Mới", "grants": [{"role": "KING", "unit_id": 1}], "password": "Mật-khẩu-đủ-dài"}`, "grants"},
		{"user: password on update", "PUT", "/api/v1/users/1", `{"username": "admin", "display_name": "Quản trị", "grants": [{"role": "ADMIN", "unit_id": 1}], "password": "Mật-khẩu-đủ-dài", "version": 1}`, "password"},
		{"password: too short", "PUT", "/api/v1/users/1/password", `{"password": "123"}`, "password"},
		{"password: unknown field", "PUT", "/api/v1/users/1/password", `{"password": "Mật-khẩu-đủ-dài", "old": "x"}`, "old"},
		{"limit=0", "GET", "/api/v1/people?limit=0", "", "limit"},
		{"limit=abc", "GET", "/api/v1/people?limit=abc", "", "limit"},
		{"limit too big", "GET", "/api/v1/units?limit=1001", "", "limit"},
		{"offset=-1", "GET", "/api/v1/users?offset=-1", "", "offset"},
		{"unit_id=abc", "GET", "/api/v1/people?unit_id=abc", "", "unit_id"},
		{"unknown status", "GET", "/api/v1/people?status=DEAD", "", "status"},
		{"unknown category", "GET", "/api/v1/people?category=VUA", "", "category"},
		{"subtree=maybe", "GET", "/api/v1/people?subtree=maybe", "", "subtree"},
		{"parent_id=x", "GET", "/api/v1/units?parent_id=x", "", "parent_id"},
		{"audit limit", "GET", "/api/v1/audit?limit=501", "", "limit"},
		{"audit entity", "GET", "/api/v1/audit?entity=dragon", "", "entity"},
		{"audit action", "GET", "/api/v1/audit?action=eat", "", "action"},
		{"audit from", "GET", "/api/v1/audit?from=31/02/2024", "", "from"},
		{"audit actor", "GET", "/api/v1/audit?actor=abc", "", "actor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := v1Counts(t, e.DB)
			code, hdr, body := e.v1Call(admin, c.method, c.path, c.body)
			p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity)
			if p.Code != thidua.EINVALID {
				t.Errorf("code = %q, want %q", p.Code, thidua.EINVALID)
			}
			if c.field != "" && p.Errors[c.field] == "" {
				t.Errorf("errors = %v, want one for %s", p.Errors, c.field)
			}
			if after := v1Counts(t, e.DB); after != before {
				t.Errorf("counts (units, people, users, audit) %v → %v", before, after)
			}
		})
	}
	if got, _ := e.DB.FindPersonByID(v1Sys, victim.ID); got.Version != victim.Version || got.FullName != victim.FullName {
		t.Errorf("the person was changed: %+v", got)
	}
}

// ---- not found, authentication, scope

func TestAPINotFound(t *testing.T) {
	e := newSQLiteEnv(t)
	valid := `{"full_name": "Lê Văn Mới", "gender": "NAM", "category": "CONG_CHUC", "unit_id": 2, "version": 1}`
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/v1/people/999999", ""},
		{"GET", "/api/v1/people/abc", ""},
		{"GET", "/api/v1/people/-1", ""},
		{"GET", "/api/v1/people/0", ""},
		{"GET", "/api/v1/people/1.5", ""},
		{"GET", "/api/v1/people/99999999999999999999", ""},
		{"PUT", "/api/v1/people/999999", valid},
		{"PUT", "/api/v1/people/abc", valid},
		{"DELETE", "/api/v1/people/999999", ""},
		{"DELETE", "/api/v1/people/-1", ""},
		{"GET", "/api/v1/units/999999", ""},
		{"GET", "/api/v1/units/abc", ""},
		{"PUT", "/api/v1/units/999999", `{"name": "Tổ", "kind": "TEAM", "parent_id": 1, "version": 1}`},
		{"DELETE", "/api/v1/units/abc", ""},
		{"GET", "/api/v1/users/999999", ""},
		{"GET", "/api/v1/users/abc", ""},
		{"PUT", "/api/v1/users/999999", `{"display_name": "Ai đó", "grants": [{"role": "STAFF", "unit_id": 1}], "version": 1}`},
		{"PUT", "/api/v1/users/999999/password", `{"password": "Mật-khẩu-đủ-dài"}`},
		{"PUT", "/api/v1/users/-1/password", `{"password": "Mật-khẩu-đủ-dài"}`},
		{"GET", "/api/v1/nothing-here", ""},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			code, hdr, body := e.v1Call(e.v1Admin(), c.method, c.path, c.body)
			if p := v1Problem(t, code, hdr, body, http.StatusNotFound); p.Code != thidua.ENOTFOUND {
				t.Errorf("code = %q", p.Code)
			}
		})
	}
}

func TestAPIAuthentication(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.Accounts[thidua.RoleAdmin]
	for _, c := range []struct {
		name, authz, path string
		want              int
	}{
		{"no credentials", "", "/api/v1/me", 401},
		{"no credentials, list", "", "/api/v1/people", 401},
		{"wrong password", v1Basic(admin.Username, admin.Password+"x"), "/api/v1/me", 401},
		{"unknown user", v1Basic("khong-co-ai", "Mật-khẩu-bất-kỳ"), "/api/v1/me", 401},
		{"empty password", v1Basic(admin.Username, ""), "/api/v1/people", 401},
		{"garbage basic", "Basic !!!", "/api/v1/me", 401},
		{"unknown bearer token", "Bearer thd_khongtontai", "/api/v1/me", 401},
		{"empty bearer token", "Bearer ", "/api/v1/me", 401},
		{"unknown scheme", "Digest username=admin", "/api/v1/me", 401},
		{"basic, right password", v1Basic(admin.Username, admin.Password), "/api/v1/me", 200},
		{"basic, username in capitals", v1Basic(strings.ToUpper(admin.Username), admin.Password), "/api/v1/me", 200},
		{"openapi needs nothing", "", "/api/v1/openapi.json", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, hdr, body := e.v1Call(c.authz, "GET", c.path, "")
			if c.want == http.StatusOK {
				v1OK(t, c.path, code, body, http.StatusOK)
				return
			}
			p := v1Problem(t, code, hdr, body, c.want)
			if p.Code != thidua.EUNAUTHORIZED {
				t.Errorf("code = %q", p.Code)
			}
			if w := hdr.Get("WWW-Authenticate"); !strings.Contains(w, "Bearer") || !strings.Contains(w, "Basic") {
				t.Errorf("WWW-Authenticate = %q, want Bearer and Basic", w)
			}
		})
	}
	code, _, body := e.v1Call(e.v1Admin(), "GET", "/api/v1/me", "")
	v1OK(t, "me", code, body, http.StatusOK)
	if me := v1Decode[thidua.User](t, body); me.Username != admin.Username || len(me.Grants) == 0 || me.Grants[0].Role != thidua.RoleAdmin {
		t.Errorf("me = %+v", me)
	}
	if strings.Contains(body, "argon2") || strings.Contains(body, "password") {
		t.Errorf("/me shows the password hash: %s", body)
	}
}

func TestAPIUnitHeadScope(t *testing.T) {
	e := newSQLiteEnv(t)
	head := e.v1As(thidua.RoleUnitHead)
	hctc := v1Unit(t, e.DB, "Phòng Hành chính – Tổ chức")
	vtlt := v1Unit(t, e.DB, "Tổ Văn thư – Lưu trữ")
	th := v1Unit(t, e.DB, "Phòng Tổng hợp")
	inside := v1Person(t, e.DB, "Lê Thị Yến")       // Tổ Văn thư – Lưu trữ, under the head's unit
	outside := v1Person(t, e.DB, "Nguyễn Hữu Dũng") // Phòng Tổng hợp
	mine := map[int64]bool{hctc.ID: true, vtlt.ID: true}

	code, _, body := e.v1Call(head, "GET", "/api/v1/units", "")
	v1OK(t, "units", code, body, http.StatusOK)
	units := v1Decode[api.List[thidua.Unit]](t, body)
	if units.Total != 2 || len(units.Items) != 2 {
		t.Errorf("the unit head sees %d units, want 2", units.Total)
	}
	for _, u := range units.Items {
		if !mine[u.ID] {
			t.Errorf("the unit head sees unit %s", u.Name)
		}
	}

	code, _, body = e.v1Call(head, "GET", "/api/v1/people?limit=1000", "")
	v1OK(t, "people", code, body, http.StatusOK)
	people := v1Decode[api.List[thidua.Person]](t, body)
	_, want, _ := e.DB.FindPeople(v1Sys, thidua.PersonFilter{UnitID: hctc.ID, Subtree: true})
	if people.Total != want || len(people.Items) != want || want == 0 {
		t.Errorf("the unit head sees %d people, want %d", people.Total, want)
	}
	for _, p := range people.Items {
		if !mine[p.UnitID] {
			t.Errorf("the unit head sees %s of %s", p.FullName, p.UnitName)
		}
	}
	code, _, body = e.v1Call(head, "GET", "/api/v1/people?q=nguyen+huu+dung", "")
	v1OK(t, "search", code, body, http.StatusOK)
	if l := v1Decode[api.List[thidua.Person]](t, body); l.Total != 0 {
		t.Errorf("search outside the scope found %+v", l.Items)
	}

	id := func(p *thidua.Person) string { return "/api/v1/people/" + strconv.FormatInt(p.ID, 10) }
	body1 := func(p *thidua.Person, unit int64) string {
		return fmt.Sprintf(`{"full_name": %q, "gender": %q, "category": %q, "unit_id": %d, "version": %d}`,
			p.FullName, p.Gender, p.Category, unit, p.Version)
	}
	code, _, body = e.v1Call(head, "GET", id(inside), "")
	v1OK(t, "get inside", code, body, http.StatusOK)

	before := v1Counts(t, e.DB)
	for _, c := range []struct {
		name, method, path, body string
		want                     int
	}{
		{"get outside", "GET", id(outside), "", 404},
		{"update outside", "PUT", id(outside), body1(outside, th.ID), 404},
		{"delete outside", "DELETE", id(outside), "", 404},
		{"get unit outside", "GET", "/api/v1/units/" + strconv.FormatInt(th.ID, 10), "", 404},
		{"move a person out", "PUT", id(inside), body1(inside, th.ID), 403},
		{"create outside", "POST", "/api/v1/people", body1(&thidua.Person{FullName: "Lê Văn Ngoài", Gender: "NAM", Category: "CONG_CHUC"}, th.ID), 403},
		{"create a unit outside", "POST", "/api/v1/units", fmt.Sprintf(`{"parent_id": %d, "name": "Tổ ngoài", "kind": "TEAM"}`, th.ID), 403},
		{"users", "GET", "/api/v1/users", "", 403},
		{"a user", "GET", "/api/v1/users/1", "", 403},
		{"create a user", "POST", "/api/v1/users", `{"username": "x", "display_name": "X Y", "grants": [{"role": "ADMIN", "unit_id": 1}], "password": "Mật-khẩu-đủ-dài"}`, 403},
		{"set a password", "PUT", "/api/v1/users/1/password", `{"password": "Mật-khẩu-đủ-dài"}`, 403},
		{"audit", "GET", "/api/v1/audit", "", 403},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, hdr, body := e.v1Call(head, c.method, c.path, c.body)
			v1Problem(t, code, hdr, body, c.want)
		})
	}
	if after := v1Counts(t, e.DB); after != before {
		t.Errorf("counts (units, people, users, audit) %v → %v", before, after)
	}
	if got, _ := e.DB.FindPersonByID(v1Sys, inside.ID); got.UnitID != inside.UnitID || got.Version != inside.Version {
		t.Errorf("the person was moved: %+v", got)
	}
}

// ---- tokens, users, audit

var (
	v1NewTokenRE    = regexp.MustCompile(`<code id="new-token">([^<]+)</code>`)
	v1DeleteTokenRE = regexp.MustCompile(`action="/app/account/tokens/(\d+)/delete"`)
)

func TestAPIBearerToken(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.Accounts[thidua.RoleOfficer]
	c := e.login(thidua.RoleOfficer)
	resp, page := e.postForm(c, "/app/account/tokens", url.Values{"name": {"Báo cáo tổng hợp"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	m := v1NewTokenRE.FindStringSubmatch(page)
	if m == nil || !strings.HasPrefix(m[1], "thd_") {
		t.Fatalf("no new token in the page:\n%s", page)
	}
	token := m[1]
	if _, again := e.get(c, "/app/account"); strings.Contains(again, token) {
		t.Error("the token is shown a second time")
	}

	code, _, body := e.v1Call("Bearer "+token, "GET", "/api/v1/me", "")
	v1OK(t, "me with the token", code, body, http.StatusOK)
	if me := v1Decode[thidua.User](t, body); me.Username != officer.Username {
		t.Errorf("me = %s, want %s", me.Username, officer.Username)
	}
	code, _, body = e.v1Call("Bearer "+token, "GET", "/api/v1/people?limit=1", "")
	v1OK(t, "people with the token", code, body, http.StatusOK)
	code, hdr, body := e.v1Call("Bearer "+token, "GET", "/api/v1/users", "")
	v1Problem(t, code, hdr, body, http.StatusForbidden)
	code, hdr, body = e.v1Call("Bearer "+token+"x", "GET", "/api/v1/me", "")
	v1Problem(t, code, hdr, body, http.StatusUnauthorized)

	// Revoke it on the account page: the API refuses it from then on.
	ids := v1DeleteTokenRE.FindAllStringSubmatch(page, -1)
	if len(ids) != 1 {
		t.Fatalf("want one token on the page, found %d", len(ids))
	}
	resp, _ = e.postForm(c, "/app/account/tokens/"+ids[0][1]+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	code, hdr, body = e.v1Call("Bearer "+token, "GET", "/api/v1/me", "")
	p := v1Problem(t, code, hdr, body, http.StatusUnauthorized)
	if hdr.Get("WWW-Authenticate") == "" || p.Code != thidua.EUNAUTHORIZED {
		t.Errorf("revoked token: %+v, WWW-Authenticate %q", p, hdr.Get("WWW-Authenticate"))
	}
}

func TestAPIUsers(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.v1Admin()
	th := v1Unit(t, e.DB, "Phòng Tổng hợp")
	const pw = "Mật-khẩu-mới-2026"
	in := fmt.Sprintf(`{"username": "  HoaNT ", "display_name": "Nguyễn Thị Hoa", "email": "hoa@example.vn",
		"grants": [{"role": "OFFICER", "unit_id": %d}], "password": %q}`, th.ID, pw)
	code, hdr, body := e.v1Call(admin, "POST", "/api/v1/users", in)
	v1OK(t, "create", code, body, http.StatusCreated)
	u := v1Decode[thidua.User](t, body)
	if u.ID == 0 || u.Username != "hoant" || u.Version != 1 || len(u.Grants) != 1 || u.Grants[0].Role != thidua.RoleOfficer ||
		u.Grants[0].UnitName != th.Name || hdr.Get("Location") != "/api/v1/users/"+strconv.FormatInt(u.ID, 10) {
		t.Errorf("created %+v at %s", u, hdr.Get("Location"))
	}
	for _, secret := range []string{pw, "argon2", `"password"`, "password_hash"} {
		if strings.Contains(body, secret) {
			t.Errorf("the response shows %q: %s", secret, body)
		}
	}
	stored, err := e.DB.FindUserByUsername(v1Sys, "hoant")
	if err != nil || !strings.HasPrefix(stored.PasswordHash, "$argon2id$") || strings.Contains(stored.PasswordHash, pw) {
		t.Errorf("stored hash %q, %v", stored.PasswordHash, err)
	}

	// The new account signs in with its password and sees its own scope.
	code, _, body = e.v1Call(v1Basic("hoant", pw), "GET", "/api/v1/me", "")
	v1OK(t, "me", code, body, http.StatusOK)
	code, _, body = e.v1Call(admin, "GET", "/api/v1/users?q=hoant", "")
	v1OK(t, "search", code, body, http.StatusOK)
	if l := v1Decode[api.List[thidua.User]](t, body); l.Total != 1 || l.Items[0].ID != u.ID {
		t.Errorf("search = %+v", l)
	}

	// Same username again (in other case): 422 on username, nothing created.
	before := v1Counts(t, e.DB)
	code, hdr, body = e.v1Call(admin, "POST", "/api/v1/users", strings.Replace(in, "HoaNT", "hoant", 1))
	p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity)
	if p.Errors["username"] == "" {
		t.Errorf("duplicate: errors = %v, want username", p.Errors)
	}
	if after := v1Counts(t, e.DB); after != before {
		t.Errorf("counts %v → %v", before, after)
	}

	// Update: version, grants; a stale version conflicts.
	path := "/api/v1/users/" + strconv.FormatInt(u.ID, 10)
	upd := fmt.Sprintf(`{"display_name": "Nguyễn Thị Hoa", "grants": [{"role": "STAFF", "unit_id": %d}], "version": 1}`, th.ID)
	code, _, body = e.v1Call(admin, "PUT", path, upd)
	v1OK(t, "update", code, body, http.StatusOK)
	if got := v1Decode[thidua.User](t, body); got.Version != 2 || got.Grants[0].Role != thidua.RoleStaff || got.Username != "hoant" {
		t.Errorf("updated %+v", got)
	}
	code, hdr, body = e.v1Call(admin, "PUT", path, upd)
	v1Problem(t, code, hdr, body, http.StatusConflict)

	// Set a new password: the old one stops working.
	code, _, body = e.v1Call(admin, "PUT", path+"/password", `{"password": "Mật-khẩu-khác-2026"}`)
	v1OK(t, "set password", code, body, http.StatusNoContent)
	code, hdr, body = e.v1Call(v1Basic("hoant", pw), "GET", "/api/v1/me", "")
	v1Problem(t, code, hdr, body, http.StatusUnauthorized)
	code, _, body = e.v1Call(v1Basic("hoant", "Mật-khẩu-khác-2026"), "GET", "/api/v1/me", "")
	v1OK(t, "me with the new password", code, body, http.StatusOK)

	// Every change is in the audit log; no entry holds the password or its hash.
	code, _, body = e.v1Call(admin, "GET", "/api/v1/audit?entity=user&entity_id="+strconv.FormatInt(u.ID, 10), "")
	v1OK(t, "audit", code, body, http.StatusOK)
	log := v1Decode[api.List[thidua.AuditEntry]](t, body)
	var actions []string
	for _, a := range log.Items {
		actions = append(actions, a.Action)
	}
	if !slices.Equal(actions, []string{"update", "update", "create"}) {
		t.Errorf("audit = %v, want update, update, create", actions)
	}
	if strings.Contains(body, "argon2") || strings.Contains(body, pw) {
		t.Errorf("the audit log shows a password or hash: %s", body)
	}
}

func TestAPIAuditFilters(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.v1Admin()
	kt := v1Unit(t, e.DB, "Phòng Kinh tế")
	code, _, body := e.v1Call(admin, "POST", "/api/v1/people",
		fmt.Sprintf(`{"full_name": "Trịnh Văn Nhật Ký", "gender": "NAM", "category": "CONG_CHUC", "unit_id": %d}`, kt.ID))
	v1OK(t, "create", code, body, http.StatusCreated)
	p := v1Decode[thidua.Person](t, body)
	code, _, body = e.v1Call(admin, "PUT", "/api/v1/people/"+strconv.FormatInt(p.ID, 10),
		fmt.Sprintf(`{"full_name": "Trịnh Văn Ký", "gender": "NAM", "category": "CONG_CHUC", "unit_id": %d, "version": 1}`, kt.ID))
	v1OK(t, "update", code, body, http.StatusOK)

	count := func(f thidua.AuditFilter) int {
		f.Limit = 1
		_, n, err := e.DB.FindAuditEntries(v1Sys, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	creates := count(thidua.AuditFilter{Entity: "person", Action: "create"})
	all := count(thidua.AuditFilter{Entity: "person"})
	if creates < 2 || all != count(thidua.AuditFilter{Entity: "person", From: thidua.NewDate(2000, 1, 1), To: thidua.NewDate(2199, 12, 31)}) {
		t.Fatalf("person entries: %d created, %d in all", creates, all)
	}
	me, err := e.DB.FindUserByUsername(v1Sys, e.Accounts[thidua.RoleAdmin].Username)
	if err != nil {
		t.Fatal(err)
	}
	pid, actor := strconv.FormatInt(p.ID, 10), strconv.FormatInt(me.ID, 10)
	for _, c := range []struct {
		query   string
		total   int
		entity  string // every entry's entity ("" for no check)
		actions []string
	}{
		{"entity=person&entity_id=" + pid, 2, "person", []string{"update", "create"}},
		{"entity=person&entity_id=" + pid + "&action=update", 1, "person", []string{"update"}},
		{"entity=person&action=create", creates, "person", nil},
		{"entity=person&actor=" + actor, 2, "person", []string{"update", "create"}},
		{"entity=unit&action=delete", 0, "", nil},
		{"entity=person&from=01/01/2000&to=31/12/2199", all, "person", nil},
		{"entity=person&from=2000-01-01", all, "person", nil},
		{"entity=person&to=01/01/2000", 0, "", nil},
	} {
		t.Run(c.query, func(t *testing.T) {
			code, _, body := e.v1Call(admin, "GET", "/api/v1/audit?limit=500&"+c.query, "")
			v1OK(t, c.query, code, body, http.StatusOK)
			l := v1Decode[api.List[thidua.AuditEntry]](t, body)
			if l.Total != c.total || len(l.Items) != c.total {
				t.Errorf("%d entries (total %d), want %d", len(l.Items), l.Total, c.total)
			}
			var actions []string
			for _, a := range l.Items {
				actions = append(actions, a.Action)
				if c.entity != "" && a.Entity != c.entity {
					t.Errorf("entry for %s", a.Entity)
				}
			}
			if c.actions != nil && !slices.Equal(actions, c.actions) {
				t.Errorf("actions = %v, want %v", actions, c.actions)
			}
		})
	}
}
