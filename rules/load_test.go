package rules_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"thidua/rules"
)

// dataFS copies the rule files of data/ into a MapFS the test can edit.
func dataFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("data"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("data/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const ruleTemplate = `{"rules": [{"id": "R-TEST-01", "award": "LDTT", "subject": "individual",
  "effective_from": "2024-01-01", "effective_to": "", "basis": "year",
  "document": "Văn bản thử", "article": "Điều 1", "grade": "A", "title": "Thử", "text": "Quy tắc thử.",
  "conditions": [{"id": "a", "kind": "require", "expr": %s, "text": "Điều kiện thử"}]}]}`

func TestLoadDefault(t *testing.T) {
	if _, err := rules.Load(dataFS(t)); err != nil {
		t.Fatalf("the embedded rule files do not load: %v", err)
	}
}

// TestLoadRejects checks that a broken rule file fails loading with an
// error naming the file, the rule and the problem.
func TestLoadRejects(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                []string
	}{
		{"syntax error", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"rating >= "`, 1), []string{"rules/test.json", "R-TEST-01", "condition a"}},
		{"unknown fact", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"salary > 3"`, 1), []string{"R-TEST-01", "salary"}},
		{"type error", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"rating >= \"HTTNV\""`, 1), []string{"R-TEST-01"}},
		{"not a bool", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"rating + 1"`, 1), []string{"R-TEST-01", "bool"}},
		{"unknown title code", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"streak_title(\"CSTDX\") >= 2"`, 1), []string{"R-TEST-01", "CSTDX"}},
		{"title code not constant", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"streak_title(rating > 2 ? \"LDTT\" : \"CSTDCS\") >= 2"`, 1), []string{"R-TEST-01", "chuỗi"}},
		{"unknown parameter", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"members_share_title(\"LDTT\") >= params.nope"`, 1), []string{"R-TEST-01", "nope"}},
		{"macro", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"[1, 2].all(x, x > 0)"`, 1), []string{"R-TEST-01"}},
		{"integer division", "rules/test.json", strings.Replace(ruleTemplate, "%s", `"rating / 2 > 1"`, 1), []string{"R-TEST-01", "chia"}},
		{"unknown award", "rules/test.json", strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), `"award": "LDTT"`, `"award": "XX"`, 1), []string{"R-TEST-01", "XX"}},
		{"bad grade", "rules/test.json", strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), `"grade": "A"`, `"grade": "Z"`, 1), []string{"R-TEST-01", "grade"}},
		{"bad date", "rules/test.json", strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), `"2024-01-01"`, `"2024-02-30"`, 1), []string{"R-TEST-01", "effective_from"}},
		{"unknown field", "rules/test.json", strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), `"basis"`, `"bases"`, 1), []string{"rules/test.json", "bases"}},
		{"duplicate rule", "rules/test.json", strings.Replace(strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), "R-TEST-01", "R-LDTT-01", 1), `"2024-01-01"`, `"2024-01-01"`, 1), []string{"R-LDTT-01", "also in"}},
		{"bad province param", "provinces/bac-ninh.json", `{"id": "bac-ninh", "name": "x", "source": "", "params": {"ttldtt_share": {"value": true, "grade": "A", "citation": "", "text": ""}}, "rules": {}, "council": {}}`, []string{"bac-ninh", "ttldtt_share"}},
		{"override of an unknown rule", "provinces/bac-ninh.json", `{"id": "bac-ninh", "name": "x", "source": "", "params": {}, "rules": {"R-NOPE-01": {"grade": "A"}}, "council": {}}`, []string{"R-NOPE-01"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := dataFS(t)
			m[tc.file] = &fstest.MapFile{Data: []byte(tc.content)}
			_, err := rules.Load(m)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// TestLoadedRuleApplies checks that a rule added as data changes verdicts
// without code: a province-free extra rule for LĐTT.
func TestLoadedRuleApplies(t *testing.T) {
	m := dataFS(t)
	m["rules/extra.json"] = &fstest.MapFile{Data: []byte(strings.Replace(ruleTemplate, "%s", `"!female"`, 1))}
	e, err := rules.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Evaluate(person(hist{2025: HTTNV}, female()), "LDTT", 2025, day("2025-12-31"), "")
	if err != nil {
		t.Fatal(err)
	}
	if v.Verdict != rules.NotEligible || find(v, "R-TEST-01", "a") == nil {
		t.Errorf("extra rule not applied: %s", dump(v))
	}
}
