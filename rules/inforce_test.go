package rules_test

import (
	"strings"
	"testing"

	"thidua/rules"
	"thidua/rules/bench"
)

// TestInForce checks the description of the rule set in force: awards,
// conditions in Vietnamese with citations and grades, the council
// threshold, the money multiplier, the base salary and the parameters.
func TestInForce(t *testing.T) {
	f, err := rules.Default().InForce(day("2025-12-31"), "bac-ninh")
	if err != nil {
		t.Fatal(err)
	}
	if f.RuleSet != "TDKT-2025" || f.BaseSalary == nil || f.BaseSalary.AmountVND != 2340000 || f.Province.ID != "bac-ninh" {
		t.Fatalf("in force: %s %+v %s", f.RuleSet, f.BaseSalary, f.Province.ID)
	}
	var share *rules.ParamInfo
	for i, p := range f.Province.Params {
		if p.Name == "ttldtt_share" {
			share = &f.Province.Params[i]
		}
	}
	if share == nil || share.Value != 0.7 || !share.Overridden || share.Grade != "A" || !strings.Contains(share.Citation, "86/2025") {
		t.Errorf("ttldtt_share %+v", share)
	}
	kinds := map[string]bool{}
	for _, a := range f.Awards {
		kinds[a.Kind+"/"+a.Award] = true
		if len(a.Rules) == 0 {
			t.Errorf("%s %s has no rules", a.Kind, a.Award)
		}
		for _, r := range a.Rules {
			if r.Citation == "" || r.Grade == "" || r.Text == "" || len(r.Conditions) == 0 {
				t.Errorf("%s %s rule %+v", a.Kind, a.Award, r)
			}
			for _, c := range r.Conditions {
				if c.Text == "" || c.Citation == "" || c.Grade == "" {
					t.Errorf("%s %s %s/%s: %+v", a.Kind, a.Award, r.ID, c.ID, c)
				}
			}
		}
		switch a.Kind + "/" + a.Award {
		case "collective/TTLDTT":
			if a.Rules[0].ID != "R-TTLDTT-01" || a.Rules[0].Grade != "A" || !strings.Contains(a.Rules[0].Citation, "Bắc Ninh") {
				t.Errorf("TTLĐTT rule %+v", a.Rules[0])
			}
		case "individual/CSTDT":
			if a.Council.Share != 0.9 || a.Council.Compare != ">=" || a.Multiplier == nil || a.Multiplier.Multiplier != 3 {
				t.Errorf("CSTĐ tỉnh council %+v multiplier %+v", a.Council, a.Multiplier)
			}
		}
	}
	for _, want := range []string{"individual/HCLD2", "collective/CTCP", "household/GK", "individual/KNC", "collective/BKTTG"} {
		if !kinds[want] {
			t.Errorf("%s missing from the rules in force", want)
		}
	}
	later, err := rules.Default().InForce(day("2026-10-01"), "")
	if err != nil || later.RuleSet != "TDKT-2026" || later.Grade != "X" || later.Note == "" || later.BaseSalary.Grade != "C" {
		t.Errorf("01/10/2026: %v %s %s %q %+v", err, later.RuleSet, later.Grade, later.Note, later.BaseSalary)
	}
}

// TestDiffVerdicts checks the preview of a profile change: counts by award
// of the verdicts that change.
func TestDiffVerdicts(t *testing.T) {
	people := bench.People(2000, 11)
	subjects := append(people, bench.Units(people, 11)...)
	eng := rules.Default()
	asOf := day("2025-12-31")
	same, err := rules.DiffVerdicts(rules.Profile{Engine: eng, Province: "bac-ninh"}, rules.Profile{Engine: eng, Province: "bac-ninh"}, subjects, 2025, asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range same {
		if d.Changed != 0 {
			t.Errorf("same profile: %s", d)
		}
	}
	stricter, err := eng.WithFiles(map[string][]byte{"provinces/bac-ninh.json": []byte(strings.Replace(strings.Replace(haNoi, `"id": "ha-noi"`, `"id": "bac-ninh"`, 1), `"value": 0.8`, `"value": 0.95`, 1))})
	if err != nil {
		t.Fatal(err)
	}
	diff, err := rules.DiffVerdicts(rules.Profile{Engine: eng, Province: "bac-ninh"}, rules.Profile{Engine: stricter, Province: "bac-ninh"}, subjects, 2025, asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diff {
		switch d.Award {
		case "TTLDTT":
			if d.Subjects != 100 || d.Changed == 0 || d.Transitions[0].To != rules.NotEligible {
				t.Errorf("TTLĐTT: %s", d)
			}
		case "LDTT", "CSTDCS":
			if d.Changed != 0 || d.Subjects != 2000 {
				t.Errorf("%s: %s", d.Award, d)
			}
		}
	}
	if _, err := eng.WithFiles(map[string][]byte{"../x.json": []byte("{}")}); err == nil {
		t.Error("a path outside the rule tree was accepted")
	}
}
