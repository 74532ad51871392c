package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/web"
	"thidua/web/api"
)

// This file checks the campaign part of the JSON API: a campaign walked
// from creation to closing by the demo roles (on both databases), the demo
// campaign's results, list pagination, and the OpenAPI document of the
// campaign operations. Every answer of the walk is checked against the
// schema the document gives for its operation and status.

// acClient calls the API as one account and checks each answer against
// the OpenAPI document.
type acClient struct {
	t     *testing.T
	e     *testEnv
	doc   *oaDoc
	authz string
}

func acAs(t *testing.T, e *testEnv, doc *oaDoc, role thidua.Role) *acClient {
	return &acClient{t: t, e: e, doc: doc, authz: e.v1As(role)}
}

// acIDRE finds the numeric path segment that stands for {id}.
var acIDRE = regexp.MustCompile(`/[0-9]+(/|$)`)

// do sends body (a string, or any other value as JSON; nil for none) and
// returns the answer after checking it conforms to the document.
func (c *acClient) do(method, path string, body any) (int, http.Header, string) {
	c.t.Helper()
	var s string
	switch b := body.(type) {
	case nil:
	case string:
		s = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		s = string(j)
	}
	code, hdr, resp := c.e.v1Call(c.authz, method, path, s)
	c.conform(method, path, code, resp)
	return code, hdr, resp
}

// conform checks an answer against the documented response of its
// operation and status: an undocumented status is an error too.
func (c *acClient) conform(method, path string, code int, body string) {
	c.t.Helper()
	p, _, _ := strings.Cut(strings.TrimPrefix(path, oaPrefix), "?")
	p = acIDRE.ReplaceAllString(p, "/{id}$1")
	op := oaObj(c.doc.root, "paths", p, strings.ToLower(method))
	if op == nil {
		c.t.Errorf("%s %s: no documented operation %s %s", method, path, method, p)
		return
	}
	r := c.doc.deref(c.t, oaObj(op, "responses")[strconv.Itoa(code)])
	if r == nil {
		c.t.Errorf("%s %s: status %d is not documented (%.300s)", method, path, code, body)
		return
	}
	if code == http.StatusNoContent {
		if body != "" {
			c.t.Errorf("%s %s: 204 with a body", method, path)
		}
		return
	}
	schema := oaObj(r, "content", "application/json", "schema")
	if schema == nil {
		schema = oaObj(r, "content", "application/problem+json", "schema")
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		c.t.Errorf("%s %s: %v", method, path, err)
		return
	}
	for _, msg := range oaConform(c.doc, "response", v, schema) {
		c.t.Errorf("%s %s: %s", method, path, msg)
	}
}

// acOK calls and decodes a successful answer with status want.
func acOK[T any](c *acClient, method, path string, body any, want int) T {
	c.t.Helper()
	code, _, resp := c.do(method, path, body)
	v1OK(c.t, method+" "+path, code, resp, want)
	return v1Decode[T](c.t, resp)
}

// acFail calls and checks that the answer is a Vietnamese problem
// document with status want; fields must each have a message.
func acFail(c *acClient, method, path string, body any, want int, fields ...string) web.Problem {
	c.t.Helper()
	code, hdr, resp := c.do(method, path, body)
	p := v1Problem(c.t, code, hdr, resp, want)
	for _, f := range fields {
		if p.Errors[f] == "" {
			c.t.Errorf("%s %s: errors = %v, want one for %s", method, path, p.Errors, f)
		}
	}
	return p
}

func acPath(format string, args ...any) string { return oaPrefix + fmt.Sprintf(format, args...) }

type acObj = map[string]any

// acRegByName finds the registration of the participant name.
func acRegByName(t *testing.T, regs []thidua.Registration, name string) thidua.Registration {
	t.Helper()
	for _, r := range regs {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no registration of %s", name)
	return thidua.Registration{}
}

func acNames(results []*thidua.Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.Registration.Name)
	}
	return out
}

// TestAPICampaignFlow walks a campaign through the API from creation to
// closing, as the officer, the unit head, the council member and a staff
// member, on both databases.
func TestAPICampaignFlow(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		db := e.DB
		doc := oaFetch(t, e)
		officer := acAs(t, e, doc, thidua.RoleOfficer)
		head := acAs(t, e, doc, thidua.RoleUnitHead)
		council := acAs(t, e, doc, thidua.RoleCouncil)
		staff := acAs(t, e, doc, thidua.RoleStaff)

		vp := v1Unit(t, db, "Văn phòng UBND tỉnh")
		hctc := v1Unit(t, db, "Phòng Hành chính – Tổ chức")
		vtlt := v1Unit(t, db, "Tổ Văn thư – Lưu trữ")
		ha := v1Person(t, db, "Đặng Thị Thu Hà")    // Phòng Hành chính – Tổ chức, woman, leader
		dat := v1Person(t, db, "Bùi Văn Đạt")       // Phòng Hành chính – Tổ chức
		thu := v1Person(t, db, "Trần Thị Thư")      // Tổ Văn thư – Lưu trữ, under it
		luc := v1Person(t, db, "Hồ Văn Lực")        // Phòng Hành chính – Tổ chức; will be returned
		outside := v1Person(t, db, "Phan Tuấn Anh") // Phòng Tổng hợp: outside the unit head's scope
		hoidong := e.roleUser(thidua.RoleCouncil)   // the demo council member
		canhan := e.roleUser(thidua.RoleStaff)      // not a council member
		countCampaigns := func() int {
			_, n, err := db.FindCampaigns(v1Sys, thidua.CampaignFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		// ---- create, with the plan as a printed reference
		input := acObj{
			"title": "  Đợt thi đua   chào mừng   thử nghiệm API ", "form": thidua.FormThematic, "kind": "DOT",
			"unit_id": vp.ID, "plan_ref": " 31/kh-VPUBND ", "plan_date": "02/03/2026",
			"signer": "Trần Quốc Bình", "signer_post": "Chánh Văn phòng", "start_date": "2026-03-10", "end_date": "30/06/2026",
			"objectives": "Thi đua hoàn thành xuất sắc nhiệm vụ.", "participants": thidua.ForBoth,
			"awards":            []acObj{{"code": "gk", "label": "Giấy khen của Chánh Văn phòng UBND tỉnh", "max_collectives": 1, "max_individuals": 2}},
			"exclude_conflicts": true,
		}
		with := func(changes acObj) acObj {
			m := acObj{}
			for k, v := range input {
				m[k] = v
			}
			for k, v := range changes {
				if v == nil {
					delete(m, k)
				} else {
					m[k] = v
				}
			}
			return m
		}
		before := countCampaigns()
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"plan_ref": "248-KH"}), 422, "plan_ref")
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"plan_ref": "248/xyz-VPUBND"}), 422, "plan_ref")
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"plan": acObj{"number": "30", "type": "KH", "issuer": "VPUBND"}}), 422, "plan_ref")
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"start_date": "31/02/2026"}), 422, "start_date")
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"title": "", "kind": "KHONG_CO", "end_date": "2026-01-01"}), 422, "title", "kind", "end_date")
		acFail(officer, "POST", acPath("/campaigns"), with(acObj{"state": "CLOSED"}), 422, "state")
		acFail(officer, "POST", acPath("/campaigns"), `{"title": `, 422)
		acFail(head, "POST", acPath("/campaigns"), input, 403)
		if n := countCampaigns(); n != before {
			t.Fatalf("refused creations stored campaigns: %d → %d", before, n)
		}
		code, hdr, body := officer.do("POST", acPath("/campaigns"), input)
		v1OK(t, "create", code, body, http.StatusCreated)
		c := v1Decode[thidua.Campaign](t, body)
		path := acPath("/campaigns/%d", c.ID)
		if hdr.Get("Location") != path {
			t.Errorf("Location = %q, want %s", hdr.Get("Location"), path)
		}
		if c.Title != "Đợt thi đua chào mừng thử nghiệm API" || c.Plan != (thidua.DocRef{Number: "31", Type: "KH", Issuer: "VPUBND"}) ||
			c.PlanDate != thidua.NewDate(2026, 3, 2) || c.StartDate != thidua.NewDate(2026, 3, 10) || c.EndDate != thidua.NewDate(2026, 6, 30) ||
			c.State != thidua.CampaignDraft || c.Version != 1 || c.ScopeUnitID != vp.ID || c.Aggregation != thidua.AggMeanReviewers ||
			!c.ExcludeConflicts || len(c.Awards) != 1 || c.Awards[0].Code != "GK" || c.UnitName != vp.Name {
			t.Errorf("created %+v", c)
		}
		for _, want := range []string{`"start_date": "2026-03-10"`, `"plan_date": "2026-03-02"`, `"number": "31"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the campaign lacks %s: %s", want, body)
			}
		}
		got := acOK[thidua.Campaign](staff, "GET", path, nil, 200)
		if got.ID != c.ID || got.Title != c.Title {
			t.Errorf("GET = %+v", got)
		}
		list := acOK[api.List[thidua.Campaign]](staff, "GET", acPath("/campaigns?q=%s", url.QueryEscape("chao mung thu nghiem")), nil, 200)
		if list.Total != 1 || list.Items[0].ID != c.ID {
			t.Errorf("search = %+v", list)
		}
		list = acOK[api.List[thidua.Campaign]](staff, "GET", oaPrefix+"/campaigns?q=31%2FKH-VPUBND&state=DRAFT", nil, 200)
		if list.Total != 1 || list.Items[0].ID != c.ID {
			t.Errorf("search by plan = %+v", list)
		}

		// ---- update: the plan as an object this time; a stale version conflicts
		c = acOK[thidua.Campaign](officer, "PUT", path, with(acObj{"plan_ref": nil, "plan": acObj{"number": "32", "type": "kh", "issuer": "VPUBND"},
			"aggregation": thidua.AggMeanReviewers, "version": 1}), 200)
		if c.Version != 2 || c.Plan.String() != "32/KH-VPUBND" || c.ScopeUnitID != vp.ID || c.Title != "Đợt thi đua chào mừng thử nghiệm API" {
			t.Errorf("updated %+v", c)
		}
		snv := v1Unit(t, db, "Sở Nội vụ")
		acFail(officer, "PUT", path, with(acObj{"scope_unit_id": snv.ID, "version": 2}), 422, "scope_unit_id") // not under the launching unit
		acFail(officer, "PUT", path, with(acObj{"unit_id": snv.ID, "version": 2}), 403)                        // not the officer's unit
		acFail(officer, "PUT", path, with(acObj{"plan": acObj{"number": "32", "type": "KH"}, "plan_ref": nil, "version": 2}), 422, "plan")
		p := acFail(officer, "PUT", path, with(acObj{"title": "Tên khác", "version": 1}), 409)
		if p.Detail != thidua.ErrStale().Message {
			t.Errorf("stale update: %+v", p)
		}
		acFail(officer, "PUT", path, with(acObj{"scope_unit_id": 999999, "version": 2}), 422, "scope_unit_id")
		acFail(officer, "PUT", acPath("/campaigns/999999"), with(acObj{"version": 2}), 404)
		acFail(staff, "PUT", path, with(acObj{"version": 2}), 403)

		// ---- criteria
		crit := acOK[api.CampaignCriteria](staff, "GET", path+"/criteria", nil, 200)
		if !crit.Editable || len(crit.Criteria) != 0 || crit.Version != c.Version {
			t.Errorf("criteria of a new campaign: %+v", crit)
		}
		criteria := []acObj{
			{"code": "tc1", "title": "Hoàn thành nhiệm vụ chuyên môn", "applies_to": thidua.ForBoth, "max_score": 10},
			{"code": "TC2", "title": "Sáng kiến, cải tiến", "applies_to": thidua.ForBoth, "max_score": 20, "evidence": "Văn bản công nhận sáng kiến"},
			{"code": "TC3", "title": "Phong trào tập thể", "applies_to": thidua.ForCollectives, "max_score": 10, "weight": 1},
		}
		acFail(officer, "PUT", path+"/criteria", acObj{"version": c.Version}, 422, "criteria")
		acFail(officer, "PUT", path+"/criteria", acObj{"version": c.Version, "criteria": []acObj{criteria[0], {"code": "TC1", "title": "Trùng", "applies_to": thidua.ForBoth, "max_score": 5}}},
			422, "criteria[1].code")
		acFail(officer, "PUT", path+"/criteria", acObj{"version": c.Version, "criteria": []acObj{{"code": "TC1", "title": "Quá điểm", "applies_to": "ALL", "max_score": 5000}}},
			422, "criteria[0].max_score", "criteria[0].applies_to")
		acFail(officer, "PUT", path+"/criteria", acObj{"version": c.Version - 1, "criteria": criteria}, 409)
		acFail(staff, "PUT", path+"/criteria", acObj{"version": c.Version, "criteria": criteria}, 403)
		crit = acOK[api.CampaignCriteria](officer, "PUT", path+"/criteria", acObj{"version": c.Version, "criteria": criteria}, 200)
		if len(crit.Criteria) != 3 || crit.Version != c.Version+1 || !crit.Editable {
			t.Fatalf("saved criteria: %+v", crit)
		}
		var codes []string
		for i, cr := range crit.Criteria {
			codes = append(codes, cr.Code)
			if cr.Position != i+1 || cr.CampaignID != c.ID || cr.ID == 0 || cr.Weight != 1 {
				t.Errorf("criterion %d: %+v", i, cr)
			}
		}
		if !slices.Equal(codes, []string{"TC1", "TC2", "TC3"}) {
			t.Errorf("codes %v", codes)
		}
		tc1, tc2, tc3 := crit.Criteria[0].ID, crit.Criteria[1].ID, crit.Criteria[2].ID
		c.Version = crit.Version

		// ---- launch: wrong state, unknown action, stale version
		p = acFail(officer, "POST", path+"/transitions", acObj{"action": "start", "version": c.Version}, 422)
		if !strings.Contains(p.Detail, "“Dự thảo”") {
			t.Errorf("wrong-state detail %q does not name the state", p.Detail)
		}
		acFail(officer, "POST", path+"/transitions", acObj{"action": "fly", "version": c.Version}, 422, "action")
		acFail(officer, "POST", path+"/transitions", acObj{"action": "launch", "version": c.Version - 1}, 409)
		acFail(head, "POST", path+"/transitions", acObj{"action": "launch", "version": c.Version}, 403)
		c = acOK[thidua.Campaign](officer, "POST", path+"/transitions", acObj{"action": "launch", "version": c.Version}, 200)
		if c.State != thidua.CampaignLaunched {
			t.Fatalf("after launch: %s", c.State)
		}

		// ---- registrations: all or nothing
		regsPath := path + "/registrations"
		regs := []acObj{
			{"kind": thidua.ForCollectives, "unit_id": hctc.ID, "target_title": "Tập thể lao động xuất sắc",
				"commitments": acObj{"TC1": "Hoàn thành 100% nhiệm vụ.", "TC3": "Tham gia đầy đủ phong trào."}},
			{"kind": thidua.ForIndividuals, "person_id": ha.ID, "target_title": "Giấy khen"},
			{"kind": thidua.ForIndividuals, "person_id": dat.ID, "target_title": "Giấy khen"},
			{"kind": thidua.ForIndividuals, "person_id": thu.ID, "target_title": "Giấy khen"},
			{"kind": thidua.ForIndividuals, "person_id": luc.ID, "target_title": "Giấy khen"},
		}
		acFail(head, "POST", regsPath, acObj{"registrations": append(slices.Clone(regs), acObj{"kind": thidua.ForIndividuals, "person_id": outside.ID})}, 403)
		acFail(head, "POST", regsPath, acObj{"registrations": []acObj{{"kind": thidua.ForIndividuals, "person_id": ha.ID, "commitments": acObj{"TC9": "Không có"}}}},
			422, "registrations[0].commitments")
		acFail(head, "POST", regsPath, acObj{"registrations": []acObj{}}, 422, "registrations")
		acFail(head, "POST", regsPath, acObj{"registrations": []acObj{{"kind": "BOTH", "unit_id": hctc.ID}}}, 422, "kind")
		acFail(staff, "POST", regsPath, acObj{"registrations": regs}, 403)
		if l := acOK[api.Items[thidua.Registration]](staff, "GET", regsPath, nil, 200); l.Total != 0 || len(l.Items) != 0 {
			t.Fatalf("refused registrations were stored: %+v", l)
		}
		code, hdr, body = head.do("POST", regsPath, acObj{"registrations": regs})
		v1OK(t, "register", code, body, http.StatusCreated)
		created := v1Decode[api.Items[thidua.Registration]](t, body)
		if created.Total != 5 || len(created.Items) != 5 || hdr.Get("Location") != regsPath {
			t.Fatalf("created %+v at %q", created, hdr.Get("Location"))
		}
		for _, r := range created.Items {
			if r.ID == 0 || r.State != thidua.RegSubmitted || r.Version != 1 || r.Name == "" || r.UnitName == "" || r.CampaignID != c.ID {
				t.Errorf("created registration %+v", r)
			}
		}
		if r := created.Items[0]; r.Kind != thidua.ForCollectives || r.Name != hctc.Name || r.Commitments["TC3"] != "Tham gia đầy đủ phong trào." {
			t.Errorf("the collective: %+v", r)
		}
		if r := acRegByName(t, created.Items, thu.FullName); r.UnitID != vtlt.ID || r.PersonID != thu.ID {
			t.Errorf("an individual takes the person's unit: %+v", r)
		}
		p = acFail(head, "POST", regsPath, acObj{"registrations": regs[1:2]}, 409)
		if !strings.Contains(p.Detail, ha.FullName) {
			t.Errorf("duplicate detail %q does not name %s", p.Detail, ha.FullName)
		}
		all := acOK[api.Items[thidua.Registration]](officer, "GET", regsPath, nil, 200)
		if all.Total != 5 {
			t.Errorf("%d registrations, want 5", all.Total)
		}

		// Criteria are frozen once someone registered.
		p = acFail(officer, "PUT", path+"/criteria", acObj{"version": c.Version, "criteria": criteria}, 422)
		if !strings.Contains(p.Detail, "đăng ký") {
			t.Errorf("frozen criteria detail %q", p.Detail)
		}
		if crit := acOK[api.CampaignCriteria](staff, "GET", path+"/criteria", nil, 200); crit.Editable || len(crit.Criteria) != 3 {
			t.Errorf("criteria after registering: %+v", crit)
		}

		// ---- review
		regByName := map[string]thidua.Registration{}
		for _, r := range all.Items {
			regByName[r.Name] = r
		}
		regPath := func(name string) string { return acPath("/registrations/%d", regByName[name].ID) }
		acFail(officer, "POST", regPath(luc.FullName)+"/review", acObj{"approve": false, "version": 1}, 422, "reason")
		acFail(officer, "POST", regPath(luc.FullName)+"/review", acObj{"version": 1}, 422, "approve")
		acFail(head, "POST", regPath(luc.FullName)+"/review", acObj{"approve": true, "version": 1}, 403)
		returned := acOK[thidua.Registration](officer, "POST", regPath(luc.FullName)+"/review",
			acObj{"approve": false, "reason": "Thiếu bản đăng ký có chữ ký", "version": 1}, 200)
		if returned.State != thidua.RegReturned || returned.ReturnReason != "Thiếu bản đăng ký có chữ ký" || returned.Version != 2 {
			t.Errorf("returned %+v", returned)
		}
		acFail(officer, "POST", regPath(luc.FullName)+"/review", acObj{"approve": true, "version": 1}, 409)
		for _, name := range []string{hctc.Name, ha.FullName, dat.FullName, thu.FullName} {
			r := acOK[thidua.Registration](officer, "POST", regPath(name)+"/review", acObj{"approve": true, "version": 1}, 200)
			if r.State != thidua.RegApproved || r.Version != 2 || r.ReturnReason != "" {
				t.Errorf("approved %+v", r)
			}
		}
		// A staff member of another unit reads none of it (as for people).
		acFail(staff, "GET", regPath(ha.FullName), nil, 404)
		if r := acOK[thidua.Registration](officer, "GET", regPath(ha.FullName), nil, 200); r.State != thidua.RegApproved || r.Gender != thidua.GenderFemale || !r.IsLeader {
			t.Errorf("GET registration %+v", r)
		}

		c = acOK[thidua.Campaign](officer, "POST", path+"/transitions", acObj{"action": "start", "version": c.Version}, 200)

		// ---- evidence, without files
		evPath := regPath(ha.FullName) + "/evidence"
		code, hdr, body = head.do("POST", evPath, acObj{"criterion_id": tc1, "text": "Hoàn thành 12 nhiệm vụ được giao.", "figure": 12,
			"date": "15/04/2026", "link": "https://vpubnd.example.gov.vn/tin/12"})
		v1OK(t, "evidence", code, body, http.StatusCreated)
		ev := v1Decode[thidua.Evidence](t, body)
		if ev.ID == 0 || ev.Figure == nil || *ev.Figure != 12 || ev.Date != thidua.NewDate(2026, 4, 15) || ev.CriterionID != tc1 ||
			ev.Attachments == nil || ev.CreatedBy != e.roleUser(thidua.RoleUnitHead).ID || hdr.Get("Location") != evPath {
			t.Errorf("evidence %+v at %q", ev, hdr.Get("Location"))
		}
		if !strings.Contains(body, `"date": "2026-04-15"`) || !strings.Contains(body, `"attachments": []`) {
			t.Errorf("evidence body %s", body)
		}
		acFail(head, "POST", evPath, acObj{"criterion_id": tc1}, 422, "text")
		acFail(head, "POST", evPath, acObj{"criterion_id": tc1, "text": "x", "link": "ftp://example/x"}, 422, "link")
		acFail(head, "POST", evPath, acObj{"criterion_id": tc1, "text": "x", "files": []string{"a.pdf"}}, 422, "files")
		acFail(head, "POST", evPath, acObj{"criterion_id": tc1, "text": "x", "date": "30/02/2026"}, 422, "date")
		if ev := acOK[thidua.Evidence](head, "POST", evPath, acObj{"criterion_id": tc2, "figure": 2}, 201); ev.Figure == nil || *ev.Figure != 2 || !ev.Date.IsZero() || ev.Link != "" {
			t.Errorf("evidence with a figure only: %+v", ev)
		}
		acFail(head, "POST", evPath, acObj{"criterion_id": 999999, "text": "Tiêu chí không có"}, 422, "criterion_id")
		// A returned registration is fixed, evidence and self-assessment
		// included (thidua.CheckResubmit; web/deadends_test.go).
		acFail(staff, "POST", evPath, acObj{"criterion_id": tc1, "text": "Không phải của tôi"}, 404)
		acFail(staff, "GET", acPath("/registrations/999999/evidence"), nil, 404)
		acFail(staff, "GET", evPath, nil, 404)
		evs := acOK[api.Items[thidua.Evidence]](officer, "GET", evPath, nil, 200)
		if evs.Total != 2 || evs.Items[0].Text != "Hoàn thành 12 nhiệm vụ được giao." {
			t.Errorf("evidence list %+v", evs)
		}

		// ---- self-assessment while in progress
		scorePath := func(name string) string { return regPath(name) + "/scores" }
		self := acOK[thidua.Score](head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF", "value": 9, "comment": "Tự đánh giá"}, 200)
		if self.ID == 0 || self.Version != 1 || self.Value != 9 || self.Kind != thidua.ScoreSelf || self.ScorerName == "" {
			t.Errorf("self score %+v", self)
		}
		acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF", "value": 9.5, "version": 0}, 409)
		p = acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF", "value": 11, "version": 1}, 422, "value")
		if !strings.Contains(p.Errors["value"], "10") {
			t.Errorf("out of range: %q does not give the maximum", p.Errors["value"])
		}
		acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "BOSS", "value": 5}, 422, "kind")
		acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF"}, 422, "value")
		acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc3, "kind": "SELF", "value": 5}, 422, "criterion_id")
		acFail(head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "HEAD", "value": 8}, 422)
		acFail(staff, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF", "value": 8}, 404)
		self = acOK[thidua.Score](head, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "SELF", "value": 9.5, "version": 1}, 200)
		if self.Version != 2 || self.Value != 9.5 {
			t.Errorf("self score updated %+v", self)
		}

		// ---- reviewers
		revPath := path + "/reviewers"
		rv := acOK[api.CampaignReviewers](officer, "GET", revPath, nil, 200)
		if len(rv.Reviewers) != 0 || !slices.ContainsFunc(rv.Candidates, func(r api.Reviewer) bool { return r.ID == hoidong.ID }) {
			t.Errorf("reviewers before assigning: %+v", rv)
		}
		if rv := acOK[api.CampaignReviewers](staff, "GET", revPath, nil, 200); rv.Candidates != nil {
			t.Errorf("a staff member sees the candidates: %+v", rv)
		}
		acFail(officer, "PUT", revPath, acObj{"user_ids": []int64{canhan.ID}}, 422, "user_ids")
		acFail(officer, "PUT", revPath, acObj{}, 422, "user_ids")
		acFail(officer, "PUT", revPath, acObj{"user_ids": []int64{hoidong.ID}, "version": c.Version - 1}, 409)
		acFail(council, "PUT", revPath, acObj{"user_ids": []int64{hoidong.ID}}, 403)
		rv = acOK[api.CampaignReviewers](officer, "PUT", revPath, acObj{"user_ids": []int64{hoidong.ID, hoidong.ID}, "version": c.Version}, 200)
		if !slices.Equal(rv.UserIDs, []int64{hoidong.ID}) || len(rv.Reviewers) != 1 || rv.Reviewers[0].Username != "hoidong" {
			t.Errorf("reviewers %+v", rv)
		}
		acFail(council, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "COUNCIL", "value": 8}, 422) // not evaluating yet

		// ---- evaluate and score
		c = acOK[thidua.Campaign](officer, "POST", path+"/transitions", acObj{"action": "evaluate", "version": c.Version}, 200)
		if c.State != thidua.CampaignEvaluating {
			t.Fatalf("after evaluate: %s", c.State)
		}
		councilScores := map[string][]float64{
			hctc.Name:    {9, 18, 8}, // 35 of 40
			ha.FullName:  {8, 15},    // 23 of 30
			dat.FullName: {9, 14},    // 23 of 30: tied with Hà
			thu.FullName: {7, 12},
		}
		ids := []int64{tc1, tc2, tc3}
		for name, values := range councilScores {
			for i, v := range values {
				s := acOK[thidua.Score](council, "PUT", scorePath(name), acObj{"criterion_id": ids[i], "kind": "COUNCIL", "value": v}, 200)
				if s.Kind != thidua.ScoreCouncil || s.ScorerID != hoidong.ID || s.Version != 1 {
					t.Errorf("council score %+v", s)
				}
			}
		}
		for i, v := range []float64{8, 14} { // the unit head: Thư's finals become 7.5 and 13
			acOK[thidua.Score](head, "PUT", scorePath(thu.FullName), acObj{"criterion_id": ids[i], "kind": "HEAD", "value": v}, 200)
		}
		acFail(staff, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "COUNCIL", "value": 8}, 404)
		acFail(council, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc2, "kind": "COUNCIL", "value": 21}, 422, "value")
		if sc := acOK[api.Items[thidua.Score]](staff, "GET", path+"/scores", nil, 200); sc.Total != 0 {
			t.Errorf("a staff member of another unit reads %d scores", sc.Total)
		}
		scores := acOK[api.Items[thidua.Score]](officer, "GET", path+"/scores", nil, 200)
		if scores.Total != 12 { // 1 self, 9 council, 2 head
			t.Errorf("%d scores, want 12", scores.Total)
		}

		// ---- results
		resPath := path + "/results"
		if r := acOK[api.CampaignResults](staff, "GET", resPath, nil, 200); r.Total != 0 {
			t.Errorf("a staff member of another unit reads %d ranking rows", r.Total)
		}
		res := acOK[api.CampaignResults](officer, "GET", resPath, nil, 200)
		if got := acNames(res.Items); !slices.Equal(got, []string{hctc.Name, ha.FullName, dat.FullName, thu.FullName}) || res.Total != 4 {
			t.Fatalf("results %v (total %d)", got, res.Total)
		}
		if res.State != thidua.CampaignEvaluating || len(res.Criteria) != 3 || res.CampaignID != c.ID {
			t.Errorf("results header %+v", res)
		}
		type want struct {
			rank                int
			tied                bool
			total, max, percent float64
			complete, reviewed  bool
			finals              []float64
		}
		for i, w := range []want{
			{1, false, 35, 40, 87.5, true, true, []float64{9, 18, 8}},
			{1, true, 23, 30, 76.67, true, true, []float64{8, 15}},
			{1, true, 23, 30, 76.67, true, true, []float64{9, 14}},
			{3, false, 20.5, 30, 68.33, true, true, []float64{7.5, 13}},
		} {
			r := res.Items[i]
			var finals []float64
			for _, cr := range r.Criteria {
				finals = append(finals, cr.Final)
			}
			if r.Rank != w.rank || r.Tied != w.tied || r.Total != w.total || r.Max != w.max || r.Percent != w.percent ||
				r.Complete != w.complete || r.Reviewed != w.reviewed || !slices.Equal(finals, w.finals) {
				t.Errorf("result %d (%s): %+v finals %v, want %+v", i, r.Registration.Name, r, finals, w)
			}
		}
		if cr := res.Items[1].Criteria[0]; !cr.HasSelf || cr.Self != 9.5 || cr.Reviewers != 1 || cr.CriterionID != tc1 || !cr.Scored {
			t.Errorf("Hà, TC1: %+v", cr)
		}
		if cr := res.Items[3].Criteria[0]; cr.Reviewers != 2 || cr.HasSelf {
			t.Errorf("Thư, TC1: %+v", cr)
		}
		for _, c := range []struct {
			query string
			names []string
		}{
			{"kind=INDIVIDUAL&top=1", []string{ha.FullName, dat.FullName}}, // the tie at the cut is kept
			{"kind=INDIVIDUAL&top=2", []string{ha.FullName, dat.FullName}},
			{"kind=INDIVIDUAL&top=3", []string{ha.FullName, dat.FullName, thu.FullName}},
			{"top=1", []string{hctc.Name, ha.FullName, dat.FullName}},
			{"kind=COLLECTIVE", []string{hctc.Name}},
			{"kind=INDIVIDUAL&min_percent=70", []string{ha.FullName, dat.FullName}},
			{"min_percent=76,67", []string{hctc.Name, ha.FullName, dat.FullName}},
			{"top=0&min_percent=0", []string{hctc.Name, ha.FullName, dat.FullName, thu.FullName}},
			{"unit_id=" + strconv.FormatInt(vtlt.ID, 10), []string{thu.FullName}},
			{"unit_id=" + strconv.FormatInt(hctc.ID, 10) + "&kind=INDIVIDUAL", []string{ha.FullName, dat.FullName, thu.FullName}},
		} {
			r := acOK[api.CampaignResults](officer, "GET", resPath+"?"+c.query, nil, 200)
			if got := acNames(r.Items); !slices.Equal(got, c.names) || r.Total != len(c.names) {
				t.Errorf("results?%s = %v, want %v", c.query, got, c.names)
			}
		}
		if r := acOK[api.CampaignResults](officer, "GET", resPath+"?unit_id="+strconv.FormatInt(vtlt.ID, 10), nil, 200); r.Items[0].Rank != 3 {
			t.Errorf("filtering by unit changed the rank: %+v", r.Items[0])
		}
		for param, bad := range map[string]string{"kind": "BOTH", "top": "-1", "min_percent": "101", "unit_id": "abc"} {
			acFail(officer, "GET", resPath+"?"+param+"="+bad, nil, 422, param)
		}
		acFail(head, "GET", resPath+"?unit_id="+strconv.FormatInt(vp.ID, 10), nil, 422, "unit_id") // outside the head's scope

		// ---- progress
		prog := acOK[api.CampaignProgressReport](officer, "GET", path+"/progress", nil, 200)
		byUnit := map[int64]thidua.CampaignProgress{}
		for _, x := range prog.Items {
			byUnit[x.UnitID] = x
		}
		if x := byUnit[hctc.ID]; x.Registered != 4 || x.Approved != 3 || x.WithEvidence != 1 || x.Scored != 3 || x.UnitName != hctc.Name {
			t.Errorf("progress of %s: %+v", hctc.Name, x)
		}
		if x := byUnit[vtlt.ID]; x.Registered != 1 || x.Approved != 1 || x.WithEvidence != 0 || x.Scored != 1 {
			t.Errorf("progress of %s: %+v", vtlt.Name, x)
		}
		if prog.Totals != (api.ProgressTotals{Registered: 5, Approved: 4, WithEvidence: 1, Scored: 4}) || len(prog.Items) != 2 {
			t.Errorf("progress %+v", prog)
		}

		// ---- close: nothing changes any more
		c = acOK[thidua.Campaign](officer, "POST", path+"/transitions", acObj{"action": "close", "version": c.Version}, 200)
		if c.State != thidua.CampaignClosed {
			t.Fatalf("after close: %s", c.State)
		}
		p = acFail(council, "PUT", scorePath(ha.FullName), acObj{"criterion_id": tc1, "kind": "COUNCIL", "value": 10, "version": 1}, 422)
		if !strings.Contains(p.Detail, "“Đã tổng kết”") {
			t.Errorf("score after closing: detail %q does not name the state", p.Detail)
		}
		acFail(officer, "PUT", path, with(acObj{"version": c.Version}), 422)
		acFail(officer, "POST", path+"/transitions", acObj{"action": "reopen", "version": c.Version}, 422)
		acFail(officer, "PUT", revPath, acObj{"user_ids": []int64{}}, 422)
		acFail(officer, "DELETE", path, nil, 409)
		if r := acOK[api.CampaignResults](staff, "GET", resPath, nil, 200); r.State != thidua.CampaignClosed || r.Total != 0 {
			t.Errorf("results after closing, unpublished, for a staff member of another unit: %+v", r)
		}
		if r := acOK[api.CampaignResults](officer, "GET", resPath, nil, 200); r.State != thidua.CampaignClosed || r.Total != 4 {
			t.Errorf("results after closing: %+v", r)
		}

		// ---- copy as next year's draft, then delete the copy
		code, hdr, body = officer.do("POST", path+"/copy", nil)
		v1OK(t, "copy", code, body, http.StatusCreated)
		cp := v1Decode[thidua.Campaign](t, body)
		if cp.ID == c.ID || cp.State != thidua.CampaignDraft || cp.Title != c.Title+" (bản sao)" || !cp.Plan.IsZero() ||
			cp.StartDate != thidua.NewDate(2027, 3, 10) || hdr.Get("Location") != acPath("/campaigns/%d", cp.ID) {
			t.Errorf("copy %+v at %q", cp, hdr.Get("Location"))
		}
		if crit := acOK[api.CampaignCriteria](officer, "GET", acPath("/campaigns/%d/criteria", cp.ID), nil, 200); len(crit.Criteria) != 3 || !crit.Editable {
			t.Errorf("the copy's criteria: %+v", crit)
		}
		acFail(officer, "POST", path+"/copy", `{"title": "Tên mới"}`, 422, "title")
		acOK[thidua.Campaign](officer, "POST", acPath("/campaigns/%d/copy", cp.ID), `{}`, 201)
		code, _, body = officer.do("DELETE", acPath("/campaigns/%d", cp.ID), nil)
		v1OK(t, "delete", code, body, http.StatusNoContent)
		acFail(officer, "GET", acPath("/campaigns/%d", cp.ID), nil, 404)
		acFail(officer, "DELETE", acPath("/campaigns/%d", cp.ID), nil, 404)

		// The campaign's changes were audited: created, updated, four transitions.
		if _, n, err := db.FindAuditEntries(v1Sys, thidua.AuditFilter{Entity: "campaign", EntityID: c.ID, Limit: 1}); err != nil || n != 6 {
			t.Errorf("audit entries of the campaign: %d (%v), want 6", n, err)
		}
	})
}

// TestAPICampaignDemo reads the demo campaign (248/KH-VPUBND) through the
// API as the launching office's officer, who reads all its participation,
// and as a staff member, who may read but not change it.
func TestAPICampaignDemo(t *testing.T) {
	e := newSQLiteEnv(t)
	doc := oaFetch(t, e)
	staff := acAs(t, e, doc, thidua.RoleStaff)
	officer := acAs(t, e, doc, thidua.RoleOfficer)
	list := acOK[api.List[thidua.Campaign]](staff, "GET", oaPrefix+"/campaigns?q=248%2FKH-VPUBND&state=EVALUATING", nil, 200)
	if list.Total != 1 || list.Items[0].Title != demo.CampaignTitle || list.Items[0].Plan.String() != demo.CampaignPlan {
		t.Fatalf("demo campaign: %+v", list)
	}
	path := acPath("/campaigns/%d", list.Items[0].ID)

	res := acOK[api.CampaignResults](officer, "GET", path+"/results", nil, 200)
	if res.Total == 0 || len(res.Items) != res.Total || len(res.Criteria) != 4 {
		t.Fatalf("demo results: %d items, %d criteria", res.Total, len(res.Criteria))
	}
	rank := map[string]*thidua.Result{}
	for _, r := range res.Items {
		rank[r.Registration.Name] = r
		if r.Registration.State != thidua.RegApproved || len(r.Criteria) != 4 || r.Rank < 1 {
			t.Errorf("result %s: %+v", r.Registration.Name, r)
		}
	}
	for _, pair := range [][2]string{{"Phòng Hành chính – Tổ chức", "Phòng Tổng hợp"}, {"Đặng Thị Thu Hà", "Phan Tuấn Anh"}} {
		a, b := rank[pair[0]], rank[pair[1]]
		if a == nil || b == nil || !a.Tied || !b.Tied || a.Rank != b.Rank || a.Total != b.Total {
			t.Errorf("%s and %s should be tied: %+v %+v", pair[0], pair[1], a, b)
		}
	}
	if _, ok := rank["Bùi Đức Huy"]; ok {
		t.Error("a returned registration is ranked")
	}
	if r := rank["Huỳnh Thị Thu Trang"]; r == nil || r.Complete {
		t.Errorf("Huỳnh Thị Thu Trang has no score for TC4 and should be incomplete: %+v", r)
	}
	top := acOK[api.CampaignResults](officer, "GET", path+"/results?kind=COLLECTIVE&top=1", nil, 200)
	if got := acNames(top.Items); len(got) != 2 || !slices.Contains(got, "Phòng Hành chính – Tổ chức") || !slices.Contains(got, "Phòng Tổng hợp") {
		t.Errorf("top collective with its tie: %v", got)
	}

	regs := acOK[api.Items[thidua.Registration]](officer, "GET", path+"/registrations", nil, 200)
	prog := acOK[api.CampaignProgressReport](officer, "GET", path+"/progress", nil, 200)
	if regs.Total == 0 || prog.Totals.Registered != regs.Total || prog.Totals.Approved != regs.Total-1 {
		t.Errorf("progress %+v for %d registrations", prog.Totals, regs.Total)
	}
	rv := acOK[api.CampaignReviewers](officer, "GET", path+"/reviewers", nil, 200)
	if len(rv.Reviewers) != 1 || rv.Reviewers[0].Username != "hoidong" {
		t.Errorf("demo reviewers %+v", rv)
	}
	anh := acRegByName(t, regs.Items, "Nguyễn Ngọc Ánh")
	if evs := acOK[api.Items[thidua.Evidence]](officer, "GET", acPath("/registrations/%d/evidence", anh.ID), nil, 200); evs.Total != 2 {
		t.Errorf("evidence of Nguyễn Ngọc Ánh: %+v", evs)
	}
	if sc := acOK[api.Items[thidua.Score]](officer, "GET", path+"/scores", nil, 200); sc.Total == 0 {
		t.Error("the demo campaign has no scores")
	}
	// The staff member may read but not change it.
	acFail(staff, "PUT", path+"/reviewers", acObj{"user_ids": []int64{}}, 403)
	acFail(staff, "POST", path+"/transitions", acObj{"action": "close", "version": list.Items[0].Version}, 403)
	acFail(staff, "GET", acPath("/campaigns/999999/results"), nil, 404)
	code, hdr, body := e.v1Call(staff.authz, "GET", acPath("/campaigns/abc"), "")
	v1Problem(t, code, hdr, body, http.StatusNotFound)
}

// TestAPICampaignList pages through the campaigns and checks the filters.
func TestAPICampaignList(t *testing.T) {
	e := newSQLiteEnv(t)
	doc := oaFetch(t, e)
	officer := acAs(t, e, doc, thidua.RoleOfficer)
	// The demo holds its campaign and the bloc's 2025 review (the Office is
	// a member of Khối các cơ quan tổng hợp, whose review is of the whole
	// province's scope).
	demoList := acOK[api.List[thidua.Campaign]](officer, "GET", acPath("/campaigns"), nil, 200)
	if demoList.Total != 2 {
		t.Fatalf("%d campaigns before copying, want the demo one and the bloc's review", demoList.Total)
	}
	var src int64
	for _, c := range demoList.Items {
		if c.Title == demo.CampaignTitle {
			src = c.ID
		}
	}
	if src == 0 {
		t.Fatalf("the demo campaign is not listed: %+v", demoList.Items)
	}
	for range 6 {
		acOK[thidua.Campaign](officer, "POST", acPath("/campaigns/%d/copy", src), nil, 201)
	}
	all := acOK[api.List[thidua.Campaign]](officer, "GET", acPath("/campaigns?limit=500"), nil, 200)
	if all.Total != 8 || len(all.Items) != 8 || all.Limit != 500 || all.Offset != 0 {
		t.Fatalf("all campaigns: %d items, total %d, limit %d", len(all.Items), all.Total, all.Limit)
	}
	var want []int64
	for i, c := range all.Items {
		want = append(want, c.ID)
		if i > 0 && (all.Items[i-1].StartDate.Before(c.StartDate) ||
			all.Items[i-1].StartDate == c.StartDate && all.Items[i-1].ID < c.ID) {
			t.Errorf("campaign %d comes before %d: not newest first", all.Items[i-1].ID, c.ID)
		}
	}
	var got []int64
	for off := 0; off < all.Total; off += 3 {
		page := acOK[api.List[thidua.Campaign]](officer, "GET", acPath("/campaigns?limit=3&offset=%d", off), nil, 200)
		if page.Total != 8 || page.Limit != 3 || page.Offset != off || len(page.Items) != min(3, 8-off) {
			t.Errorf("page at %d: %d items, total %d, limit %d, offset %d", off, len(page.Items), page.Total, page.Limit, page.Offset)
		}
		for _, c := range page.Items {
			got = append(got, c.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	code, _, body := officer.do("GET", acPath("/campaigns?offset=20"), nil)
	v1OK(t, "past the end", code, body, http.StatusOK)
	var raw map[string]json.RawMessage
	json.Unmarshal([]byte(body), &raw)
	if string(raw["items"]) != "[]" || string(raw["total"]) != "8" {
		t.Errorf("past the end: items %s total %s", raw["items"], raw["total"])
	}
	if l := acOK[api.List[thidua.Campaign]](officer, "GET", acPath("/campaigns?state=DRAFT"), nil, 200); l.Total != 6 {
		t.Errorf("drafts: %d, want 6", l.Total)
	}
	if l := acOK[api.List[thidua.Campaign]](officer, "GET", acPath("/campaigns?q=ban+sao&state=EVALUATING"), nil, 200); l.Total != 0 {
		t.Errorf("evaluating copies: %d, want 0", l.Total)
	}
	for q, field := range map[string]string{"state=OPEN": "state", "limit=501": "limit", "limit=0": "limit", "offset=-1": "offset"} {
		acFail(officer, "GET", acPath("/campaigns?%s", q), nil, 422, field)
	}
	// A unit outside every campaign's units sees none.
	e2 := acAs(t, e, doc, thidua.RoleEditor)
	if l := acOK[api.List[thidua.Campaign]](e2, "GET", acPath("/campaigns"), nil, 200); l.Total != 8 {
		// The editor's unit (Trung tâm Thông tin – Công báo) lies in the
		// campaigns' scope (Văn phòng UBND tỉnh; the province for the
		// bloc's review), so it sees them all.
		t.Errorf("the editor sees %d campaigns, want 8", l.Total)
	}
}

// TestAPICampaignPathParams checks the query parameters declared on path
// items (those of paths with {id}, which TestOpenAPIQueryParamsHonored
// does not call): a valid value is accepted, an invalid one refused with
// a 422 naming the parameter.
func TestAPICampaignPathParams(t *testing.T) {
	e := newSQLiteEnv(t)
	doc := oaFetch(t, e)
	officer := acAs(t, e, doc, thidua.RoleOfficer)
	camp := e.demoCampaign()
	vp := v1Unit(t, e.DB, "Văn phòng UBND tỉnh")
	values := map[string][2]string{ // good, bad
		"kind":        {thidua.ForIndividuals, thidua.ForBoth},
		"top":         {"2", "-1"},
		"min_percent": {"50.5", "150"},
		"unit_id":     {strconv.FormatInt(vp.ID, 10), "abc"},
	}
	n := 0
	for p, item := range oaObj(doc.root, "paths") {
		if !strings.HasPrefix(p, "/campaigns/") {
			continue // the other parts check their own (api_eligibility_test.go)
		}
		for _, ref := range oaSlice(oaObj(item)["parameters"]) {
			param := doc.deref(t, ref)
			if param["in"] != "query" {
				continue
			}
			name := param["name"].(string)
			v, ok := values[name]
			if !ok {
				t.Errorf("%s: no test values for the query parameter %s", p, name)
				continue
			}
			path := oaPrefix + strings.ReplaceAll(p, "{id}", strconv.FormatInt(camp.ID, 10))
			code, _, body := officer.do("GET", path+"?"+url.Values{name: {v[0]}}.Encode(), nil)
			v1OK(t, path+"?"+name+"="+v[0], code, body, http.StatusOK)
			acFail(officer, "GET", path+"?"+url.Values{name: {v[1]}}.Encode(), nil, 422, name)
			n++
		}
	}
	if n != len(values) {
		t.Errorf("checked %d path-level query parameters, want %d", n, len(values))
	}
}

// TestAPICampaignSchemas checks that the campaign schemas have exactly the
// JSON fields of the Go types the API reads or writes, and that their
// enumerations are the domain's lists.
func TestAPICampaignSchemas(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	schemas := oaObj(d.root, "components", "schemas")
	for name, typ := range map[string]reflect.Type{
		"Campaign":               reflect.TypeFor[thidua.Campaign](),
		"CampaignInput":          reflect.TypeFor[api.CampaignInput](),
		"CampaignList":           reflect.TypeFor[api.List[*thidua.Campaign]](),
		"DocRef":                 reflect.TypeFor[thidua.DocRef](),
		"PlannedAward":           reflect.TypeFor[thidua.PlannedAward](),
		"TransitionInput":        reflect.TypeFor[api.TransitionInput](),
		"CopyInput":              reflect.TypeFor[api.CopyInput](),
		"Criterion":              reflect.TypeFor[thidua.Criterion](),
		"CriterionInput":         reflect.TypeFor[api.CriterionInput](),
		"CriteriaInput":          reflect.TypeFor[api.CriteriaInput](),
		"CampaignCriteria":       reflect.TypeFor[api.CampaignCriteria](),
		"Registration":           reflect.TypeFor[thidua.Registration](),
		"RegistrationInput":      reflect.TypeFor[api.RegistrationInput](),
		"RegistrationsInput":     reflect.TypeFor[api.RegistrationsInput](),
		"RegistrationList":       reflect.TypeFor[api.Items[*thidua.Registration]](),
		"ReviewInput":            reflect.TypeFor[api.ReviewInput](),
		"Evidence":               reflect.TypeFor[thidua.Evidence](),
		"EvidenceInput":          reflect.TypeFor[api.EvidenceInput](),
		"EvidenceList":           reflect.TypeFor[api.Items[*thidua.Evidence]](),
		"Attachment":             reflect.TypeFor[thidua.Attachment](),
		"Score":                  reflect.TypeFor[thidua.Score](),
		"ScoreInput":             reflect.TypeFor[api.ScoreInput](),
		"ScoreList":              reflect.TypeFor[api.Items[thidua.Score]](),
		"Result":                 reflect.TypeFor[thidua.Result](),
		"CriterionResult":        reflect.TypeFor[thidua.CriterionResult](),
		"CampaignResults":        reflect.TypeFor[api.CampaignResults](),
		"CampaignProgress":       reflect.TypeFor[thidua.CampaignProgress](),
		"ProgressTotals":         reflect.TypeFor[api.ProgressTotals](),
		"CampaignProgressReport": reflect.TypeFor[api.CampaignProgressReport](),
		"Reviewer":               reflect.TypeFor[api.Reviewer](),
		"CampaignReviewers":      reflect.TypeFor[api.CampaignReviewers](),
		"ReviewersInput":         reflect.TypeFor[api.ReviewersInput](),
	} {
		s := oaObj(schemas, name)
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		var want, omit []string
		for f := range typ.Fields() {
			tag, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && tag != "-" {
				want = append(want, tag)
				if strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
					omit = append(omit, tag)
				}
			}
		}
		var got []string
		for k := range oaObj(s, "properties") {
			got = append(got, k)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v, Go type %s has JSON fields %v", name, got, typ, want)
		}
		for _, r := range oaSlice(s["required"]) {
			if oaObj(s, "properties", r.(string)) == nil {
				t.Errorf("schema %s requires %v, which it does not define", name, r)
			}
			if !strings.HasSuffix(name, "Input") && slices.Contains(omit, r.(string)) {
				t.Errorf("schema %s requires %v, which Go leaves out when empty", name, r)
			}
		}
		if strings.HasSuffix(name, "Input") && s["additionalProperties"] != false {
			t.Errorf("schema %s: additionalProperties must be false (unknown fields are refused)", name)
		}
	}

	codes := func(opts []thidua.Option) []string {
		var out []string
		for _, o := range opts {
			out = append(out, o.Code)
		}
		return out
	}
	var actions []string
	for _, tr := range thidua.CampaignTransitions {
		if !slices.Contains(actions, tr.Action) {
			actions = append(actions, tr.Action)
		}
	}
	regKinds := []string{thidua.ForCollectives, thidua.ForIndividuals}
	for _, c := range []struct {
		schema, prop string
		want         []string
	}{
		{"Campaign", "state", codes(thidua.CampaignStates)},
		{"Campaign", "form", codes(thidua.CampaignForms)},
		{"Campaign", "kind", codes(thidua.CampaignKinds)},
		{"Campaign", "participants", codes(thidua.ParticipantKinds)},
		{"Campaign", "aggregation", codes(thidua.Aggregations)},
		{"CampaignInput", "form", codes(thidua.CampaignForms)},
		{"CampaignInput", "kind", codes(thidua.CampaignKinds)},
		{"CampaignInput", "participants", codes(thidua.ParticipantKinds)},
		{"CampaignInput", "aggregation", codes(thidua.Aggregations)},
		{"DocRef", "type", append(codes(thidua.DocTypes), "")},
		{"TransitionInput", "action", actions},
		{"Criterion", "applies_to", codes(thidua.ParticipantKinds)},
		{"CriterionInput", "applies_to", codes(thidua.ParticipantKinds)},
		{"Registration", "kind", regKinds},
		{"Registration", "state", codes(thidua.RegistrationStates)},
		{"Registration", "gender", codes(thidua.Genders)},
		{"RegistrationInput", "kind", regKinds},
		{"Score", "kind", codes(thidua.ScorerKinds)},
		{"ScoreInput", "kind", codes(thidua.ScorerKinds)},
		{"CampaignResults", "state", codes(thidua.CampaignStates)},
	} {
		var got []string
		for _, v := range oaSlice(oaObj(schemas, c.schema, "properties", c.prop)["enum"]) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s.%s enum = %v, want %v", c.schema, c.prop, got, c.want)
		}
	}
	params := oaObj(d.root, "components", "parameters")
	for name, want := range map[string][]string{"campaign_state": codes(thidua.CampaignStates), "result_kind": regKinds} {
		var got []string
		for _, v := range oaSlice(oaObj(params, name, "schema")["enum"]) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("parameter %s enum = %v, want %v", name, got, want)
		}
	}
	for _, f := range []string{"plan_date", "start_date", "end_date"} {
		for _, s := range []string{"Campaign", "CampaignInput"} {
			b, _ := json.Marshal(oaObj(schemas, s, "properties", f))
			if !strings.Contains(string(b), `"format":"date"`) {
				t.Errorf("%s.%s is not a format: date string: %s", s, f, b)
			}
		}
	}
	// The evidence operations say that files are uploaded in the interface only.
	for _, m := range []string{"get", "post"} {
		desc, _ := oaObj(d.root, "paths", "/registrations/{id}/evidence", m)["description"].(string)
		if !strings.Contains(desc, "giao diện") {
			t.Errorf("%s /registrations/{id}/evidence does not say files go through the interface: %q", m, desc)
		}
	}
}
