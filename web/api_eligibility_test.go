package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/web/api"
)

// This file tests the eligibility part of the JSON API: the self-contained
// evaluation contract of issue 4, the verdicts and forecast of stored
// records, and the stored histories (demo data: demo/histories.go).

// elIssueRequest is the request of the issue, word for word.
const elIssueRequest = `{"award": "CSTDCS", "year": 2025, "as_of": "2025-12-05", "province": "default",
 "subject": {"kind": "individual", "gender": "female",
   "ratings": [{"year": 2024, "rating": "HTXSNV"}],
   "titles": [{"year": 2024, "code": "CSTDCS", "path": "HTXSNV"}],
   "awards": [{"code": "BKCT", "date": "2022-05-10", "type": "CONG_TRANG", "revoked": false}],
   "initiatives": [{"year": 2024, "level": "CO_SO", "consumed_by": null}],
   "disciplines": [{"from": "2021-03-01", "to": "2021-09-01", "level": "KHIEN_TRACH"}],
   "pending_proceedings": false, "maternity_leave": [{"from": "2022-01-01", "to": "2022-06-30"}],
   "members": []}}`

// elEvaluate posts body to the evaluation endpoint as role.
func (e *testEnv) elEvaluate(role thidua.Role, body string) (int, http.Header, string) {
	e.t.Helper()
	return e.v1Call(e.v1As(role), "POST", "/api/v1/eligibility/evaluate", body)
}

func TestAPIEvaluateContract(t *testing.T) {
	e := newSQLiteEnv(t)

	// The issue's request: every role may call it; the answer has the
	// documented shape.
	code, _, body := e.elEvaluate(thidua.RoleStaff, elIssueRequest)
	v1OK(t, "POST evaluate (issue example)", code, body, http.StatusOK)
	var raw map[string]any
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"award", "verdict", "rule_set", "conditions", "council_threshold", "money"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("answer lacks %q: %s", k, body)
		}
	}
	v := v1Decode[rules.Verdict](t, body)
	if v.Award != thidua.TitleCSTDCS || v.Year != 2025 || v.AsOf != "2025-12-05" || v.Province != "default" {
		t.Errorf("verdict identifies %s %d %s %s", v.Award, v.Year, v.AsOf, v.Province)
	}
	if !slices.Contains([]string{rules.Eligible, rules.NotEligible, rules.NeedsReview, rules.OnHold}, v.Verdict) || !v1Vietnamese(v.Summary) {
		t.Errorf("verdict %q, summary %q", v.Verdict, v.Summary)
	}
	// The subject has no rating for 2025: CSTĐCS 2025 is not reached yet.
	if v.Verdict != rules.NotEligible {
		t.Errorf("CSTĐCS 2025 without a 2025 rating: %s, want not_eligible", v.Verdict)
	}
	if !strings.HasPrefix(v.RuleSet, "TDKT-") || len(v.Conditions) == 0 {
		t.Errorf("rule_set %q, %d conditions", v.RuleSet, len(v.Conditions))
	}
	sawCSTDCS := false
	for i, c := range v.Conditions {
		if !strings.HasPrefix(c.Rule, "R-") || c.Citation == "" || !v1Vietnamese(c.Explanation) || c.Status == "" || c.Grade == "" {
			t.Errorf("condition %d = %+v: want a rule id, a citation, a Vietnamese explanation, a status and a grade", i, c)
		}
		conds := raw["conditions"].([]any)[i].(map[string]any)
		if _, ok := conds["met"]; !ok {
			t.Errorf("condition %d has no \"met\" (true, false or null)", i)
		}
		if c.Rule == "R-CSTDCS-01" {
			sawCSTDCS = true
			if !strings.Contains(c.Citation, "Điều 23") {
				t.Errorf("R-CSTDCS-01 citation %q, want Luật Điều 23", c.Citation)
			}
		}
	}
	if !sawCSTDCS {
		t.Error("no R-CSTDCS-01 condition")
	}
	if v.CouncilThreshold != 0.8 {
		t.Errorf("council_threshold %v, want 0.8 (R-HD-03)", v.CouncilThreshold)
	}
	if v.Money == nil || v.Money.Multiplier != 1.0 || v.Money.BaseSalaryVND != 2340000 || v.Money.AmountVND != 2340000 {
		t.Errorf("money = %+v, want 1.0 × 2 340 000 = 2 340 000", v.Money)
	}

	// The same subject for 2024, when CSTĐCS was earned by HTXSNV alone
	// (Luật 2022): eligible.
	req2024 := strings.Replace(elIssueRequest, `"year": 2025`, `"year": 2024`, 1)
	code, _, body = e.elEvaluate(thidua.RoleCouncil, req2024)
	v1OK(t, "POST evaluate 2024", code, body, http.StatusOK)
	if v := v1Decode[rules.Verdict](t, body); v.Verdict != rules.Eligible {
		t.Errorf("CSTĐCS 2024 with HTXSNV 2024: %s (%s), want eligible", v.Verdict, v.Summary)
	}

	// Not signed in: 401.
	if code, _, _ := e.v1Call("", "POST", "/api/v1/eligibility/evaluate", elIssueRequest); code != http.StatusUnauthorized {
		t.Errorf("anonymous evaluate: %d, want 401", code)
	}
}

// TestAPIEvaluateWorkedExample runs the Bộ Nội vụ worked example of
// R-BKT-01 through the API: 2023 HTXSNV with one base-level initiative (no
// CSTĐCS asked), 2024 HTXSNV with one initiative (CSTĐCS by HTXSNV):
// eligible for the Bằng khen of the provincial chairman by point d.
func TestAPIEvaluateWorkedExample(t *testing.T) {
	e := newSQLiteEnv(t)
	body := `{"award": "BKCT", "year": 2024, "as_of": "2025-12-05",
	  "subject": {"kind": "individual", "gender": "male",
	    "ratings": [{"year": 2023, "rating": "HTXSNV"}, {"year": 2024, "rating": "HTXSNV"}],
	    "titles": [{"year": 2023, "code": "LDTT"}, {"year": 2024, "code": "LDTT"}, {"year": 2024, "code": "CSTDCS", "path": "HTXSNV"}],
	    "awards": [],
	    "initiatives": [{"year": 2023, "level": "CO_SO", "title": "Sáng kiến thứ nhất"}, {"year": 2024, "level": "CO_SO", "title": "Sáng kiến thứ hai"}],
	    "disciplines": [], "pending_proceedings": false, "maternity_leave": [], "members": []}}`
	code, _, resp := e.elEvaluate(thidua.RoleOfficer, body)
	v1OK(t, "POST evaluate (R-BKT-01 worked example)", code, resp, http.StatusOK)
	v := v1Decode[rules.Verdict](t, resp)
	if v.Verdict != rules.Eligible {
		t.Fatalf("worked example: %s (%s), want eligible", v.Verdict, v.Summary)
	}
	met := false
	for _, c := range v.Conditions {
		if c.Rule == "R-BKT-01" && c.Point == "d2" && c.Status == "met" {
			met = true
			if !strings.Contains(c.Citation, "Điều 74") {
				t.Errorf("R-BKT-01 citation %q, want Điều 74", c.Citation)
			}
		}
	}
	if !met {
		t.Errorf("R-BKT-01 point d2 (2 years HTXSNV + 2 initiatives) is not the met condition: %+v", v.Conditions)
	}
	if v.Money == nil || v.Money.Multiplier != 1.5 {
		t.Errorf("money %+v, want 1.5 × base salary", v.Money)
	}
	// One initiative only: point d no longer carries it; the qualitative
	// points remain for a person to judge.
	one := strings.Replace(body, `, {"year": 2024, "level": "CO_SO", "title": "Sáng kiến thứ hai"}`, "", 1)
	code, _, resp = e.elEvaluate(thidua.RoleOfficer, one)
	v1OK(t, "POST evaluate (one initiative)", code, resp, http.StatusOK)
	if v := v1Decode[rules.Verdict](t, resp); v.Verdict != rules.NeedsReview {
		t.Errorf("with one initiative: %s, want needs_review", v.Verdict)
	}
}

func TestAPIEvaluateInvalid(t *testing.T) {
	e := newSQLiteEnv(t)
	for _, c := range []struct {
		name, body string
		field      string
	}{
		{"unknown award", strings.Replace(elIssueRequest, `"award": "CSTDCS"`, `"award": "CSTDX"`, 1), "award"},
		{"bad rating", strings.Replace(elIssueRequest, `"rating": "HTXSNV"`, `"rating": "XUAT_SAC"`, 1), "subject.ratings[0].rating"},
		{"unknown title code", strings.Replace(elIssueRequest, `"code": "CSTDCS", "path"`, `"code": "CSTD", "path"`, 1), "subject.titles[0].code"},
		{"unknown award type", strings.Replace(elIssueRequest, `"CONG_TRANG"`, `"THUONG"`, 1), "subject.awards[0].type"},
		{"impossible date", strings.Replace(elIssueRequest, `"2022-05-10"`, `"2022-02-30"`, 1), "subject.awards[0].date"},
		{"unknown field", strings.Replace(elIssueRequest, `"pending_proceedings": false`, `"pending": false`, 1), "subject.pending"},
		{"collective title for a person", strings.Replace(elIssueRequest, `"award": "CSTDCS"`, `"award": "TTLDXS"`, 1), "award"},
		{"duplicate year", strings.Replace(elIssueRequest, `[{"year": 2024, "rating": "HTXSNV"}]`, `[{"year": 2024, "rating": "HTXSNV"}, {"year": 2024, "rating": "HTTNV"}]`, 1), "subject.ratings[1].year"},
		{"not JSON", `{"award": "CSTDCS",`, "body"},
		{"empty", `{}`, "award"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, hdr, body := e.elEvaluate(thidua.RoleStaff, c.body)
			p := v1Problem(t, code, hdr, body, http.StatusBadRequest)
			if p.Code != thidua.EINVALID || p.Title != "Yêu cầu không hợp lệ" {
				t.Errorf("code %q title %q, want invalid / Yêu cầu không hợp lệ", p.Code, p.Title)
			}
			if p.Errors[c.field] == "" {
				t.Errorf("errors = %v, want one for %s", p.Errors, c.field)
			}
		})
	}
}

// elHistory is the stored history as the API returns it.
type elHistory struct {
	Subject   string         `json:"subject"`
	SubjectID int64          `json:"subject_id"`
	Name      string         `json:"name"`
	Version   int            `json:"version"`
	History   thidua.History `json:"history"`
}

func TestAPIHistoryRoundTrip(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.v1As(thidua.RoleOfficer)
	p := v1Person(t, e.DB, "Bùi Văn Đạt") // Phòng Hành chính – Tổ chức
	path := fmt.Sprintf("/api/v1/people/%d/history", p.ID)

	code, _, body := e.v1Call(officer, "GET", path, "")
	v1OK(t, "GET history", code, body, http.StatusOK)
	h := v1Decode[elHistory](t, body)
	if h.Subject != thidua.SubjectPerson || h.SubjectID != p.ID || h.Name != p.FullName || h.Version != 1 || len(h.History.Ratings) != 7 {
		t.Fatalf("GET history = %s %d %s v%d with %d ratings, want the demo's 7 ratings at version 1", h.Subject, h.SubjectID, h.Name, h.Version, len(h.History.Ratings))
	}

	// Save it back with a Giấy khen and an initiative added (in any order:
	// the stored lists are sorted by time).
	doc := map[string]any{"version": h.Version, "ratings": h.History.Ratings, "titles": h.History.Titles,
		"awards":      []map[string]any{{"code": "GK", "date": "20/01/2025", "type": "CONG_TRANG", "decision": "31/QĐ-VPUBND", "revoked": false}},
		"initiatives": []map[string]any{{"year": 2025, "level": "CO_SO", "title": "Quản lý phương tiện bằng phần mềm", "consumed_by": nil}}}
	b, _ := json.Marshal(doc)
	code, _, body = e.v1Call(officer, "PUT", path, string(b))
	v1OK(t, "PUT history", code, body, http.StatusOK)
	saved := v1Decode[elHistory](t, body)
	if saved.Version != 2 || len(saved.History.Awards) != 1 || saved.History.Awards[0].Date != thidua.NewDate(2025, 1, 20) ||
		len(saved.History.Initiatives) != 1 || saved.History.Disciplines == nil {
		t.Fatalf("PUT answered %+v", saved)
	}
	code, _, body = e.v1Call(officer, "GET", path, "")
	v1OK(t, "GET history after PUT", code, body, http.StatusOK)
	if got := v1Decode[elHistory](t, body); got.Version != 2 || len(got.History.Awards) != 1 || len(got.History.Ratings) != 7 {
		t.Errorf("stored after PUT: v%d, %d awards, %d ratings", got.Version, len(got.History.Awards), len(got.History.Ratings))
	}

	// A stale version: 409, nothing changed.
	code, hdr, body := e.v1Call(officer, "PUT", path, string(b)) // still version 1
	if p := v1Problem(t, code, hdr, body, http.StatusConflict); p.Code != thidua.ECONFLICT {
		t.Errorf("stale PUT: code %q", p.Code)
	}

	// Invalid records: 422 naming each by its path in the request, nothing changed.
	bad := `{"version": 2,
	  "ratings": [{"year": 2019, "rating": "HTTNV"}, {"year": "abc", "rating": "HTTNV"}, {"year": 2021, "rating": "GIOI"}],
	  "awards": [{"code": "GK", "date": "31/02/2024", "type": "CONG_TRANG", "revoked": false}, {"code": "LDTT", "date": "2024-01-01", "type": "CONG_TRANG", "color": "đỏ"}],
	  "titles": [{"year": 2020, "code": "CSTDCS", "revoked": false, "revoked_reason": "Không có"}],
	  "maternity_leave": [{"from": "2023-06-01", "to": "2023-01-01"}],
	  "proceedings": {"kind": "INSPECTION"}}`
	code, hdr, body = e.v1Call(officer, "PUT", path, bad)
	p422 := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity)
	for _, f := range []string{"ratings[1].year", "awards[0].date", "awards[1].color", "proceedings"} {
		if p422.Errors[f] == "" {
			t.Errorf("structural errors = %v, want one for %s", p422.Errors, f)
		}
	}
	// Once the shape is right, each record is validated.
	bad = `{"version": 2,
	  "ratings": [{"year": 2019, "rating": "HTTNV"}, {"year": 2020, "rating": "HTTNV"}, {"year": 2021, "rating": "GIOI"}],
	  "awards": [{"code": "LDTT", "date": "2024-01-01", "type": "CONG_TRANG"}],
	  "titles": [{"year": 2020, "code": "CSTDCS", "revoked_reason": "Không có"}],
	  "maternity_leave": [{"from": "2023-06-01", "to": "2023-01-01"}]}`
	code, hdr, body = e.v1Call(officer, "PUT", path, bad)
	p422 = v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity)
	for _, f := range []string{"ratings[2].rating", "awards[0].code", "titles[0].revoked_reason", "maternity_leave[0].to"} {
		if p422.Errors[f] == "" {
			t.Errorf("errors = %v, want one for %s", p422.Errors, f)
		}
	}
	// Without the version: 422.
	code, hdr, body = e.v1Call(officer, "PUT", path, `{"ratings": []}`)
	if p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity); p.Errors["version"] == "" {
		t.Errorf("no version: errors = %v", p.Errors)
	}
	if got, err := e.DB.FindHistory(v1Sys, thidua.SubjectPerson, p.ID); err != nil || got.Version != 2 || len(got.History.Ratings) != 7 || len(got.History.Awards) != 1 {
		t.Errorf("refused PUTs changed the history: %+v %v", got, err)
	}

	// A unit's history, through the same contract.
	hctc := v1Unit(t, e.DB, "Phòng Hành chính – Tổ chức")
	upath := fmt.Sprintf("/api/v1/units/%d/history", hctc.ID)
	code, _, body = e.v1Call(officer, "GET", upath, "")
	v1OK(t, "GET unit history", code, body, http.StatusOK)
	uh := v1Decode[elHistory](t, body)
	if uh.Subject != thidua.SubjectUnit || uh.Version != 1 || len(uh.History.Titles) != 7 {
		t.Fatalf("unit history: %s v%d, %d titles", uh.Subject, uh.Version, len(uh.History.Titles))
	}
	b, _ = json.Marshal(map[string]any{"version": 1, "ratings": uh.History.Ratings, "titles": uh.History.Titles,
		"awards": []map[string]any{{"code": "BKCT", "date": "2025-12-30", "type": "CONG_TRANG", "decision": "2950/QĐ-UBND"}}})
	code, _, body = e.v1Call(officer, "PUT", upath, string(b))
	v1OK(t, "PUT unit history", code, body, http.StatusOK)
	if got := v1Decode[elHistory](t, body); got.Version != 2 || len(got.History.Awards) != 1 {
		t.Errorf("unit history after PUT: v%d, %d awards", got.Version, len(got.History.Awards))
	}

	// The head of Phòng Hành chính – Tổ chức reads the histories of the
	// department but may not change them; outside it he sees nothing.
	head := e.v1As(thidua.RoleUnitHead)
	if code, _, body := e.v1Call(head, "GET", path, ""); code != http.StatusOK {
		t.Errorf("unit head GET history: %d %s", code, body)
	}
	b, _ = json.Marshal(map[string]any{"version": 2, "ratings": []any{}})
	code, hdr, body = e.v1Call(head, "PUT", path, string(b))
	v1Problem(t, code, hdr, body, http.StatusForbidden)
	code, hdr, body = e.v1Call(e.v1As(thidua.RoleStaff), "PUT", path, string(b))
	v1Problem(t, code, hdr, body, http.StatusForbidden)
	outside := v1Person(t, e.DB, "Phan Tuấn Anh") // Phòng Tổng hợp
	if code, _, _ := e.v1Call(head, "GET", fmt.Sprintf("/api/v1/people/%d/history", outside.ID), ""); code != http.StatusNotFound {
		t.Errorf("unit head GET a history outside: %d, want 404", code)
	}
	if got, _ := e.DB.FindHistory(v1Sys, thidua.SubjectPerson, p.ID); got.Version != 2 || len(got.History.Ratings) != 7 {
		t.Errorf("forbidden PUTs changed the history: v%d, %d ratings", got.Version, len(got.History.Ratings))
	}
	if code, _, _ := e.v1Call(officer, "GET", "/api/v1/people/999999/history", ""); code != http.StatusNotFound {
		t.Errorf("GET history of an unknown person: %d, want 404", code)
	}

	// Every save is in the audit log.
	entries, _, err := e.DB.FindAuditEntries(v1Sys, thidua.AuditFilter{Entity: "history", EntityID: p.ID, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, en := range entries { // entity_id is the person's or the unit's ID
		if strings.Contains(string(en.After), `"subject":"PERSON"`) {
			n++
		}
	}
	if n != 2 { // the demo's, then this test's
		t.Errorf("%d audit entries for the history, want 2", n)
	}
}

// elEligibility is the answer of GET …/eligibility.
type elEligibility struct {
	Subject  api.EligibilitySubject `json:"subject"`
	Year     int                    `json:"year"`
	AsOf     string                 `json:"as_of"`
	Verdicts []rules.Verdict        `json:"verdicts"`
}

func (el elEligibility) verdict(award string) string {
	for _, v := range el.Verdicts {
		if v.Award == award {
			return v.Verdict
		}
	}
	return ""
}

func TestAPIStoredEligibility(t *testing.T) {
	e := newSQLiteEnv(t)
	staff := e.v1As(thidua.RoleStaff)
	q := "?year=2025&as_of=31/12/2025"

	ngoc := v1Person(t, e.DB, "Hoàng Thị Bích Ngọc")
	code, _, body := e.v1Call(staff, "GET", fmt.Sprintf("/api/v1/people/%d/eligibility%s", ngoc.ID, q), "")
	v1OK(t, "GET person eligibility", code, body, http.StatusOK)
	el := v1Decode[elEligibility](t, body)
	if el.Subject.Kind != rules.Individual || el.Subject.ID != ngoc.ID || el.Subject.Name != ngoc.FullName || el.Subject.HistoryVersion != 1 ||
		el.Year != 2025 || el.AsOf != "2025-12-31" || len(el.Verdicts) != len(rules.IndividualAwards) {
		t.Fatalf("eligibility of %s: %+v, %d verdicts", ngoc.FullName, el.Subject, len(el.Verdicts))
	}
	for award, want := range map[string]string{thidua.TitleLDTT: rules.Eligible, thidua.TitleCSTDCS: rules.Eligible,
		thidua.TitleCSTDT: rules.Eligible, thidua.TitleCSTDTQ: rules.NotEligible} {
		if got := el.verdict(award); got != want {
			t.Errorf("%s %s: %s, want %s", ngoc.FullName, award, got, want)
		}
	}

	officer := e.v1As(thidua.RoleOfficer)
	thanh := v1Person(t, e.DB, "Lê Văn Thành") // under inspection since 15/9/2025
	code, _, body = e.v1Call(officer, "GET", fmt.Sprintf("/api/v1/people/%d/eligibility%s", thanh.ID, q), "")
	v1OK(t, "GET held person", code, body, http.StatusOK)
	if got := v1Decode[elEligibility](t, body).verdict(thidua.TitleLDTT); got != rules.OnHold {
		t.Errorf("%s LĐTT: %s, want on_hold", thanh.FullName, got)
	}
	// Before the inspection started, nothing was held.
	code, _, body = e.v1Call(officer, "GET", fmt.Sprintf("/api/v1/people/%d/eligibility?year=2024&as_of=2025-01-15", thanh.ID), "")
	v1OK(t, "GET held person, 2024", code, body, http.StatusOK)
	if got := v1Decode[elEligibility](t, body).verdict(thidua.TitleLDTT); got != rules.Eligible {
		t.Errorf("%s LĐTT 2024 as of 15/1/2025: %s, want eligible", thanh.FullName, got)
	}

	vp := v1Unit(t, e.DB, "Văn phòng UBND tỉnh")
	code, _, body = e.v1Call(officer, "GET", fmt.Sprintf("/api/v1/units/%d/eligibility%s", vp.ID, q), "")
	v1OK(t, "GET unit eligibility", code, body, http.StatusOK)
	uel := v1Decode[elEligibility](t, body)
	if uel.Subject.Kind != rules.Collective || uel.Subject.Members < 30 || len(uel.Verdicts) != len(rules.CollectiveAwards) {
		t.Errorf("unit eligibility subject %+v, %d verdicts", uel.Subject, len(uel.Verdicts))
	}
	if got := uel.verdict(thidua.TitleTTLDXS); got != rules.Eligible {
		t.Errorf("%s TTLĐXS 2025: %s, want eligible", vp.Name, got)
	}
	// The unit is judged from its member summaries (as its history page):
	// the same verdicts and member count as reading every member's history.
	{
		h, err := e.DB.FindHistory(v1Sys, thidua.SubjectUnit, vp.ID)
		if err != nil {
			t.Fatal(err)
		}
		asOf := thidua.NewDate(2025, 12, 31)
		svc := rules.NewService(nil, "")
		sub, err := svc.SubjectForYear(v1Sys, e.DB, h, 2025, asOf)
		if err != nil {
			t.Fatal(err)
		}
		want, err := svc.EvaluateAll(sub, 2025, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var wantBack []rules.Verdict
		b, _ := json.Marshal(want)
		json.Unmarshal(b, &wantBack)
		if !reflect.DeepEqual(uel.Verdicts, wantBack) || uel.Subject.Members != len(sub.Members) {
			t.Errorf("unit eligibility from summaries: %d members, verdicts %+v; from the members one by one: %d, %+v", uel.Subject.Members, uel.Verdicts, len(sub.Members), wantBack)
		}
	}

	// Defaults: last year, today.
	code, _, body = e.v1Call(staff, "GET", fmt.Sprintf("/api/v1/people/%d/eligibility", ngoc.ID), "")
	v1OK(t, "GET eligibility without parameters", code, body, http.StatusOK)
	if el := v1Decode[elEligibility](t, body); el.Year < 2025 || el.AsOf == "" {
		t.Errorf("defaults: year %d, as_of %q", el.Year, el.AsOf)
	}

	// Bad parameters: 422 naming them (the path-level parameters of the
	// OpenAPI document, which TestOpenAPIQueryParamsHonored leaves to us).
	for _, c := range []struct{ query, field string }{
		{"?year=abc", "year"}, {"?year=2201", "year"}, {"?as_of=31/02/2024", "as_of"}, {"?as_of=hôm-nay", "as_of"},
	} {
		for _, kind := range []string{"people", "units"} {
			id := ngoc.ID
			if kind == "units" {
				id = vp.ID
			}
			code, hdr, body := e.v1Call(officer, "GET", fmt.Sprintf("/api/v1/%s/%d/eligibility%s", kind, id, c.query), "")
			if p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity); p.Errors[c.field] == "" {
				t.Errorf("%s %s: errors %v, want one for %s", kind, c.query, p.Errors, c.field)
			}
		}
	}
	// Outside the caller's scope: 404.
	head := e.v1As(thidua.RoleUnitHead)
	if code, _, _ := e.v1Call(head, "GET", fmt.Sprintf("/api/v1/people/%d/eligibility", ngoc.ID), ""); code != http.StatusNotFound {
		t.Errorf("unit head GET eligibility of a person outside: %d, want 404", code)
	}
}

// elForecast is the answer of GET /eligibility/forecast.
type elForecast struct {
	UnitID  int64                `json:"unit_id"`
	Subject string               `json:"subject"`
	Year    int                  `json:"year"`
	Items   []rules.ForecastItem `json:"items"`
	Total   int                  `json:"total"`
	Limit   int                  `json:"limit"`
	Offset  int                  `json:"offset"`
}

func (f elForecast) has(name, kind, award string) bool {
	for _, it := range f.Items {
		if it.SubjectName == name && it.Kind == kind && it.Award == award {
			return true
		}
	}
	return false
}

func TestAPIForecast(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.v1As(thidua.RoleOfficer)

	code, _, body := e.v1Call(officer, "GET", "/api/v1/eligibility/forecast?year=2025&as_of=2025-12-31", "")
	v1OK(t, "GET forecast", code, body, http.StatusOK)
	f := v1Decode[elForecast](t, body)
	if f.Subject != thidua.SubjectPerson || f.Year != 2025 || f.Total != len(f.Items) || f.Total == 0 {
		t.Fatalf("forecast %s %d: %d items (total %d)", f.Subject, f.Year, len(f.Items), f.Total)
	}
	for _, want := range [][3]string{
		{"Huỳnh Thị Thu Trang", rules.ForecastEligible, thidua.TitleCSTDT},
		{"Phan Tuấn Anh", rules.ForecastEligible, thidua.FormBKCT},
		{"Đỗ Thị Phương", rules.ForecastBroken, thidua.TitleCSTDCS},
		{"Ngô Minh Tâm", rules.ForecastBroken, thidua.RatingHTTNV},
	} {
		if !f.has(want[0], want[1], want[2]) {
			t.Errorf("forecast lacks %v", want)
		}
	}
	for _, it := range f.Items {
		if !v1Vietnamese(it.Text) || it.AwardName == "" {
			t.Errorf("item %+v", it)
		}
	}
	// A page is the same lines of the whole, with the whole's total.
	code, _, body = e.v1Call(officer, "GET", "/api/v1/eligibility/forecast?year=2025&as_of=2025-12-31&limit=2&offset=1", "")
	v1OK(t, "GET forecast page", code, body, http.StatusOK)
	if p := v1Decode[elForecast](t, body); p.Total != f.Total || p.Limit != 2 || p.Offset != 1 || len(p.Items) != 2 || p.Items[0] != f.Items[1] || p.Items[1] != f.Items[2] {
		t.Errorf("page limit=2 offset=1: %+v, whole %+v", p, f.Items[:3])
	}

	// One department: only its people.
	nc := v1Unit(t, e.DB, "Phòng Nội chính")
	code, _, body = e.v1Call(officer, "GET", fmt.Sprintf("/api/v1/eligibility/forecast?year=2025&unit_id=%d", nc.ID), "")
	v1OK(t, "GET forecast of a unit", code, body, http.StatusOK)
	f = v1Decode[elForecast](t, body)
	if f.UnitID != nc.ID || !f.has("Huỳnh Thị Thu Trang", rules.ForecastEligible, thidua.TitleCSTDT) || f.has("Phan Tuấn Anh", rules.ForecastEligible, thidua.FormBKCT) {
		t.Errorf("forecast of %s: %+v", nc.Name, f.Items)
	}
	// Collectives.
	code, _, body = e.v1Call(officer, "GET", "/api/v1/eligibility/forecast?year=2025&subject=UNIT", "")
	v1OK(t, "GET forecast of units", code, body, http.StatusOK)
	if f := v1Decode[elForecast](t, body); f.Subject != thidua.SubjectUnit {
		t.Errorf("subject %q", f.Subject)
	}

	// Bad parameters: 422; a unit outside the caller's scope: 404.
	for _, c := range []struct{ query, field string }{
		{"subject=NHOM", "subject"}, {"unit_id=abc", "unit_id"}, {"year=20x5", "year"}, {"as_of=2025-13-01", "as_of"},
		{"limit=0", "limit"}, {"limit=501", "limit"}, {"offset=-1", "offset"}, {"offset=x", "offset"},
	} {
		code, hdr, body := e.v1Call(officer, "GET", "/api/v1/eligibility/forecast?"+c.query, "")
		if p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity); p.Errors[c.field] == "" {
			t.Errorf("?%s: errors %v, want one for %s", c.query, p.Errors, c.field)
		}
	}
	code, hdr, body := e.v1Call(e.v1As(thidua.RoleUnitHead), "GET", fmt.Sprintf("/api/v1/eligibility/forecast?unit_id=%d", nc.ID), "")
	v1Problem(t, code, hdr, body, http.StatusNotFound)
	code, hdr, body = e.v1Call(officer, "GET", "/api/v1/eligibility/forecast?unit_id=999999", "")
	v1Problem(t, code, hdr, body, http.StatusNotFound)
}

// TestAPIEligibilitySchemas checks that the schemas of the eligibility part
// have exactly the JSON fields of the Go types, and the domain's codes.
func TestAPIEligibilitySchemas(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	schemas := oaObj(d.root, "components", "schemas")
	for name, typ := range map[string]reflect.Type{
		"EvaluationRequest":  reflect.TypeFor[rules.Request](),
		"EvaluationSubject":  reflect.TypeFor[rules.Subject](),
		"Verdict":            reflect.TypeFor[rules.Verdict](),
		"Condition":          reflect.TypeFor[rules.Condition](),
		"Fact":               reflect.TypeFor[rules.Fact](),
		"Money":              reflect.TypeFor[rules.Money](),
		"ForecastItem":       reflect.TypeFor[rules.ForecastItem](),
		"Forecast":           reflect.TypeFor[api.Forecast](),
		"Eligibility":        reflect.TypeFor[api.Eligibility](),
		"EligibilitySubject": reflect.TypeFor[api.EligibilitySubject](),
		"History":            reflect.TypeFor[thidua.History](),
		"SubjectHistory":     reflect.TypeFor[thidua.SubjectHistory](),
		"HistoryInput":       reflect.TypeFor[api.HistoryInput](),
		"Rating":             reflect.TypeFor[thidua.Rating](),
		"TitleRecord":        reflect.TypeFor[thidua.TitleRecord](),
		"Award":              reflect.TypeFor[thidua.Award](),
		"Initiative":         reflect.TypeFor[thidua.Initiative](),
		"Discipline":         reflect.TypeFor[thidua.Discipline](),
		"PendingProceeding":  reflect.TypeFor[thidua.PendingProceeding](),
		"Period":             reflect.TypeFor[thidua.Period](),
		"LeadershipPost":     reflect.TypeFor[thidua.LeadershipPost](),
	} {
		s := oaObj(schemas, name)
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		var want, got []string
		for f := range typ.Fields() {
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && tag != "-" {
				want = append(want, tag)
			}
		}
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
		}
	}
	codes := func(opts []thidua.Option) []string {
		var out []string
		for _, o := range opts {
			out = append(out, o.Code)
		}
		return out
	}
	awards := slices.Clone(rules.IndividualAwards)
	for _, a := range rules.CollectiveAwards {
		if !slices.Contains(awards, a) {
			awards = append(awards, a)
		}
	}
	for _, c := range []struct {
		schema, prop string
		want         []string
	}{
		{"EvaluationRequest", "award", awards},
		{"Verdict", "award", awards},
		{"Verdict", "verdict", codes(rules.VerdictLabels)},
		{"Rating", "rating", codes(thidua.RatingCodes)},
		{"TitleRecord", "code", codes(thidua.Titles)},
		{"TitleRecord", "path", codes(thidua.TitlePaths)},
		{"Award", "code", codes(thidua.Forms)},
		{"Award", "type", codes(thidua.AwardTypes)},
		{"Initiative", "level", codes(thidua.InitiativeLevels)},
		{"Initiative", "kind", codes(thidua.InitiativeKinds)},
		{"Discipline", "level", codes(thidua.DisciplineLevels)},
		{"PendingProceeding", "kind", codes(thidua.ProceedingKinds)},
		{"LeadershipPost", "post", codes(thidua.LeadershipPosts)},
		{"SubjectHistory", "gender", codes(thidua.Genders)},
		{"SubjectHistory", "subject", []string{thidua.SubjectPerson, thidua.SubjectUnit}},
		{"ForecastItem", "kind", []string{rules.ForecastEligible, rules.ForecastBroken}},
		{"EvaluationRequest", "province", codes(rules.Default().Provinces())},
	} {
		var got []string
		for _, v := range oaSlice(oaObj(schemas, c.schema, "properties", c.prop)["enum"]) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s.%s enum = %v, want %v", c.schema, c.prop, got, c.want)
		}
	}

	// The evaluation's answers conform to the documented schema: the
	// verdict, and the 400 problem.
	code, _, body := e.elEvaluate(thidua.RoleAdmin, elIssueRequest)
	var v any
	json.Unmarshal([]byte(body), &v)
	if code != http.StatusOK {
		t.Fatalf("evaluate: %d", code)
	}
	for _, msg := range oaConform(d, "verdict", v, oaObj(schemas, "Verdict")) {
		t.Error(msg)
	}
	op := oaObj(d.root, "paths", "/eligibility/evaluate", "post")
	if oaObj(op, "responses", "400") == nil || oaObj(op, "responses", "200") == nil {
		t.Errorf("evaluate documents %v", oaObj(op, "responses"))
	}
	code, _, body = e.elEvaluate(thidua.RoleAdmin, `{"award": "X"}`)
	json.Unmarshal([]byte(body), &v)
	if code != http.StatusBadRequest {
		t.Errorf("bad evaluate: %d", code)
	}
	for _, msg := range oaConform(d, "problem", v, oaObj(schemas, "Problem")) {
		t.Error(msg)
	}
	// A history with every kind of record conforms too.
	p := v1Person(t, e.DB, "Nguyễn Đình Quân")
	code, _, body = e.apiDo(thidua.RoleAdmin, "GET", "/api/v1/people/"+url.PathEscape(fmt.Sprint(p.ID))+"/history", "")
	json.Unmarshal([]byte(body), &v)
	if code != http.StatusOK {
		t.Fatalf("GET history: %d", code)
	}
	for _, msg := range oaConform(d, "history", v, oaObj(schemas, "SubjectHistory")) {
		t.Error(msg)
	}
}
