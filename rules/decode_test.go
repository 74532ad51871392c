package rules_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"thidua"
	"thidua/rules"
)

// issueExample is the request of POST /api/v1/eligibility/evaluate exactly
// as issue 4 prints it.
const issueExample = `{"award": "CSTDCS", "year": 2025, "as_of": "2025-12-05", "province": "default",
   "subject": {"kind": "individual", "gender": "female",
     "ratings": [{"year": 2024, "rating": "HTXSNV"}],
     "titles": [{"year": 2024, "code": "CSTDCS", "path": "HTXSNV"}],
     "awards": [{"code": "BKCT", "date": "2022-05-10", "type": "CONG_TRANG", "revoked": false}],
     "initiatives": [{"year": 2024, "level": "CO_SO", "consumed_by": null}],
     "disciplines": [{"from": "2021-03-01", "to": "2021-09-01", "level": "KHIEN_TRACH"}],
     "pending_proceedings": false, "maternity_leave": [{"from": "2022-01-01", "to": "2022-06-30"}],
     "members": []}}`

func TestIssueExample(t *testing.T) {
	req, err := rules.DecodeRequest(strings.NewReader(issueExample))
	if err != nil {
		t.Fatalf("decode: %v %v", err, thidua.ErrorFields(err))
	}
	if req.Award != "CSTDCS" || req.Year != 2025 || req.AsOf != day("2025-12-05") || req.Province != "default" {
		t.Fatalf("request %+v", req)
	}
	s := req.Subject
	if s.Kind != rules.Individual || s.Gender != rules.Female || len(s.Ratings) != 1 || len(s.Titles) != 1 || s.Titles[0].Path != "HTXSNV" ||
		len(s.Awards) != 1 || s.Awards[0].Date != day("2022-05-10") || len(s.Initiatives) != 1 || s.Initiatives[0].ConsumedBy != "" ||
		len(s.Disciplines) != 1 || s.Disciplines[0].To != day("2021-09-01") || len(s.MaternityLeave) != 1 || s.PendingProceedings || len(s.Members) != 0 {
		t.Fatalf("subject %+v", s)
	}

	v, err := rules.Default().EvaluateRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	// The example asks for 2025 but gives no 2025 rating: CSTĐCS needs
	// the LĐTT standard of that year, so the example is not eligible.
	if v.Verdict != rules.NotEligible {
		t.Errorf("verdict %s, want not_eligible (no 2025 rating)\n%s", v.Verdict, dump(v))
	}
	// The response has the contract's shape.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"award", "verdict", "rule_set", "conditions", "council_threshold", "money"} {
		if _, ok := m[k]; !ok {
			t.Errorf("response lacks %q: %s", k, b)
		}
	}
	if m["award"] != "CSTDCS" || m["council_threshold"] != 0.8 || m["rule_set"] != "TDKT-2025/default" {
		t.Errorf("award %v, council_threshold %v, rule_set %v", m["award"], m["council_threshold"], m["rule_set"])
	}
	money, _ := m["money"].(map[string]any)
	if money["multiplier"] != 1.0 || money["base_salary_vnd"] != 2340000.0 || money["amount_vnd"] != 2340000.0 {
		t.Errorf("money %v", money)
	}
	conds, _ := m["conditions"].([]any)
	if len(conds) == 0 {
		t.Fatalf("no conditions: %s", b)
	}
	for _, c := range conds {
		cm := c.(map[string]any)
		for _, k := range []string{"rule", "met", "citation", "explanation"} {
			if _, ok := cm[k]; !ok {
				t.Errorf("condition lacks %q: %v", k, cm)
			}
		}
	}
	first := conds[0].(map[string]any)
	if first["rule"] != "R-CSTDCS-01" || first["met"] != false || !strings.Contains(first["citation"].(string), "Điều 23") {
		t.Errorf("first condition %v", first)
	}

	// The same history for 2024, the year it has, is eligible.
	req.Year = 2024
	v, err = rules.Default().EvaluateRequest(req)
	if err != nil || v.Verdict != rules.Eligible {
		t.Errorf("2024: %v %s\n%s", err, v.Verdict, dump(v))
	}
}

// TestRoundTrip encodes a request, decodes it strictly and gets it back.
func TestRoundTrip(t *testing.T) {
	member := person(hist{2025: HTTNV + " LDTT"}, female(), discipline("2025-01-01", "2025-06-30", "KHIEN_TRACH"))
	req := rules.Request{Award: "TTLDTT", Year: 2025, AsOf: day("2025-12-31"), Province: "bac-ninh",
		Subject: unit(hist{2024: HTXSNV + " TTLDXS", 2025: HTTNV}, []rules.Subject{member, person(hist{2025: HTNV})},
			award("BKCT", "2024-03-02", CT, false), pending())}
	req.Subject.ID, req.Subject.Name = "u7", "Phòng Hành chính – Tổ chức"
	in := person(hist{2024: HTXSNV + " CSTDCS"}, initiative(2024, "TINH", "CSTDCS 2024"), research(2023, "CO_SO"),
		maternity("2022-01-01", "2022-06-30"), leader("GIAM_DOC_SO", "2019-01-01", ""), award("BKTTG", "2023-01-01", DX, true))
	in.Awards[0].RevokedReason = "Kết luận thanh tra"
	reqs := []rules.Request{req, {Award: "HCLD3", Year: 2025, AsOf: day("2025-12-31"), Province: "default", Subject: in}}
	for _, want := range reqs {
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := rules.DecodeRequest(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("decode %s: %v %v", b, err, thidua.ErrorFields(err))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v\njson %s", got, want, b)
		}
	}
}

// TestDecodeErrors checks that bad requests name the JSON field at fault.
func TestDecodeErrors(t *testing.T) {
	base := func(edit func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(issueExample), &m); err != nil {
			panic(err)
		}
		edit(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	sub := func(m map[string]any) map[string]any { return m["subject"].(map[string]any) }
	first := func(m map[string]any, key string) map[string]any {
		return sub(m)[key].([]any)[0].(map[string]any)
	}
	for _, tc := range []struct {
		name, body, field string
	}{
		{"not JSON", `{"award": "CSTDCS",`, "body"},
		{"trailing data", issueExample + ` {}`, "body"},
		{"array body", `[]`, "body"},
		{"unknown award", base(func(m map[string]any) { m["award"] = "HCLD9" }), "award"},
		{"collective title for a person", base(func(m map[string]any) { m["award"] = "TTLDTT" }), "award"},
		{"year as string", base(func(m map[string]any) { m["year"] = "2025" }), "year"},
		{"year out of range", base(func(m map[string]any) { m["year"] = 1800 }), "year"},
		{"missing as_of", base(func(m map[string]any) { delete(m, "as_of") }), "as_of"},
		{"bad as_of", base(func(m map[string]any) { m["as_of"] = "2025-02-30" }), "as_of"},
		{"unknown province", base(func(m map[string]any) { m["province"] = "atlantis" }), "province"},
		{"unknown top field", base(func(m map[string]any) { m["debug"] = true }), "debug"},
		{"missing subject", base(func(m map[string]any) { delete(m, "subject") }), "subject"},
		{"unknown subject field", base(func(m map[string]any) { sub(m)["age"] = 40 }), "subject.age"},
		{"bad kind", base(func(m map[string]any) { sub(m)["kind"] = "team" }), "subject.kind"},
		{"bad gender", base(func(m map[string]any) { sub(m)["gender"] = "x" }), "subject.gender"},
		{"unknown rating", base(func(m map[string]any) { first(m, "ratings")["rating"] = "XUAT_SAC" }), "subject.ratings[0].rating"},
		{"duplicate rating year", base(func(m map[string]any) {
			sub(m)["ratings"] = []any{map[string]any{"year": 2024, "rating": "HTTNV"}, map[string]any{"year": 2024, "rating": "HTNV"}}
		}), "subject.ratings[1].year"},
		{"unknown title", base(func(m map[string]any) { first(m, "titles")["code"] = "ANH_HUNG" }), "subject.titles[0].code"},
		{"form recorded as a title", base(func(m map[string]any) { first(m, "titles")["code"] = "BKCT" }), "subject.titles[0].code"},
		{"collective title on a person", base(func(m map[string]any) { first(m, "titles")["code"] = "TTLDXS" }), "subject.titles[0].code"},
		{"unknown path", base(func(m map[string]any) { first(m, "titles")["path"] = "LUCK" }), "subject.titles[0].path"},
		{"unknown award type", base(func(m map[string]any) { first(m, "awards")["type"] = "BONUS" }), "subject.awards[0].type"},
		{"title recorded as a form", base(func(m map[string]any) { first(m, "awards")["code"] = "LDTT" }), "subject.awards[0].code"},
		{"award without date", base(func(m map[string]any) { delete(first(m, "awards"), "date") }), "subject.awards[0].date"},
		{"revoked not a bool", base(func(m map[string]any) { first(m, "awards")["revoked"] = "no" }), "subject.awards[0].revoked"},
		{"unknown initiative level", base(func(m map[string]any) { first(m, "initiatives")["level"] = "HUYEN" }), "subject.initiatives[0].level"},
		{"consumed_by without a code", base(func(m map[string]any) { first(m, "initiatives")["consumed_by"] = "năm ngoái" }), "subject.initiatives[0].consumed_by"},
		{"unknown discipline level", base(func(m map[string]any) { first(m, "disciplines")["level"] = "PHAT_TIEN" }), "subject.disciplines[0].level"},
		{"discipline ends before it starts", base(func(m map[string]any) { first(m, "disciplines")["to"] = "2020-01-01" }), "subject.disciplines[0].to"},
		{"impossible date", base(func(m map[string]any) { first(m, "disciplines")["from"] = "2021-13-01" }), "subject.disciplines[0].from"},
		{"maternity without end", base(func(m map[string]any) { delete(first(m, "maternity_leave"), "to") }), "subject.maternity_leave[0].to"},
		{"pending not a bool", base(func(m map[string]any) { sub(m)["pending_proceedings"] = 1 }), "subject.pending_proceedings"},
		{"ratings not an array", base(func(m map[string]any) { sub(m)["ratings"] = map[string]any{} }), "subject.ratings"},
		{"members of a person", base(func(m map[string]any) { sub(m)["members"] = []any{map[string]any{"kind": "individual"}} }), "subject.members"},
		{"collective member", base(func(m map[string]any) {
			m["award"] = "TTLDTT"
			sub(m)["kind"] = "collective"
			delete(sub(m), "titles")
			delete(sub(m), "maternity_leave")
			sub(m)["members"] = []any{map[string]any{"kind": "collective"}}
		}), "subject.members[0].kind"},
		{"bad member rating", base(func(m map[string]any) {
			m["award"] = "TTLDTT"
			sub(m)["kind"] = "collective"
			delete(sub(m), "titles")
			delete(sub(m), "maternity_leave")
			sub(m)["members"] = []any{map[string]any{"ratings": []any{map[string]any{"year": 2025, "rating": "TOT"}}}}
		}), "subject.members[0].ratings[0].rating"},
		{"unknown leadership post", base(func(m map[string]any) {
			sub(m)["leadership"] = []any{map[string]any{"post": "VUA", "from": "2019-01-01"}}
		}), "subject.leadership[0].post"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rules.DecodeRequest(strings.NewReader(tc.body))
			if err == nil {
				t.Fatalf("no error for %s", tc.body)
			}
			if thidua.ErrorCode(err) != thidua.EINVALID {
				t.Fatalf("code %s, want EINVALID: %v", thidua.ErrorCode(err), err)
			}
			fields := thidua.ErrorFields(err)
			if fields[tc.field] == "" {
				t.Fatalf("no message for %q in %v", tc.field, fields)
			}
			if thidua.ErrorMessage(err) == "" {
				t.Error("empty message")
			}
		})
	}
}
