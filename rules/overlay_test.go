package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thidua/rules"
)

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const haNoi = `{"id": "ha-noi", "name": "Thành phố Hà Nội (thử)", "source": "Quyết định thử",
  "params": {"ttldtt_share": {"value": 0.8, "grade": "A", "citation": "Quyết định thử, Điều 4", "text": "Từ 80% cá nhân đạt Lao động tiên tiến"},
             "ttldtt_share_strict": {"value": false, "grade": "A", "citation": "Quyết định thử, Điều 4", "text": "từ … trở lên"}},
  "rules": {"R-TTLDTT-01": {"grade": "A", "citation": "Quyết định thử, Điều 4"}},
  "council": {"CSTDCS": {"threshold": 0.75, "compare": ">=", "citation": "Quyết định thử, Điều 9", "grade": "A"}}}`

// TestOpenDir checks that rule files and province profiles in a folder are
// laid over the embedded ones without a rebuild.
func TestOpenDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "provinces/ha-noi.json", haNoi)
	e, err := rules.Open(rules.Embedded(), dir)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range e.Provinces() {
		found = found || p.Code == "ha-noi"
	}
	if !found {
		t.Fatalf("provinces %v", e.Provinces())
	}
	team := unit(hist{2025: HTTNV}, members(10, 2025, func(i int) string {
		if i < 7 {
			return HTTNV + " LDTT"
		}
		return HTTNV
	}))
	v, err := e.Evaluate(team, "TTLDTT", 2025, day("2025-12-31"), "ha-noi")
	if err != nil || v.Verdict != rules.NotEligible {
		t.Errorf("Hà Nội 70%% LĐTT: %v %s", err, v.Verdict)
	}
	if v, _ := e.Evaluate(team, "TTLDTT", 2025, day("2025-12-31"), "bac-ninh"); v.Verdict != rules.Eligible {
		t.Errorf("Bắc Ninh 70%% LĐTT from the embedded profile: %s", v.Verdict)
	}
	if v, _ := e.Evaluate(person(hist{2025: HTXSNV}), "CSTDCS", 2025, day("2025-12-31"), "ha-noi"); v.CouncilThreshold != 0.75 || v.CouncilCompare != ">=" {
		t.Errorf("Hà Nội council %v %s", v.CouncilThreshold, v.CouncilCompare)
	}
	// A folder file replaces the embedded file of the same path.
	writeFile(t, dir, "provinces/bac-ninh.json", strings.Replace(haNoi, `"id": "ha-noi"`, `"id": "bac-ninh"`, 1))
	e, err = rules.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := e.Evaluate(team, "TTLDTT", 2025, day("2025-12-31"), "bac-ninh"); v.Verdict != rules.NotEligible {
		t.Errorf("Bắc Ninh replaced by the folder's file: %s", v.Verdict)
	}
	// "" is the embedded files alone.
	if _, err := rules.Open(rules.Embedded(), ""); err != nil {
		t.Error(err)
	}
}

// TestOpenDirRejects checks that a bad file of the folder stops loading
// with the file, the rule and the condition named, with the same CEL type
// checks as the embedded files.
func TestOpenDirRejects(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                []string
	}{
		{"type error", "rules/extra.json", strings.Replace(ruleTemplate, "%s", `"rating >= \"HTTNV\""`, 1), []string{"rules/extra.json", "R-TEST-01", "condition a"}},
		{"unknown fact", "rules/extra.json", strings.Replace(ruleTemplate, "%s", `"salary > 3"`, 1), []string{"rules/extra.json", "R-TEST-01", "condition a", "salary"}},
		{"bad when", "rules/extra.json", strings.Replace(strings.Replace(ruleTemplate, "%s", `"true"`, 1), `"kind": "require"`, `"kind": "require", "when": "rating"`, 1), []string{"R-TEST-01", "condition a", "when"}},
		{"bad param", "provinces/ha-noi.json", strings.Replace(haNoi, `"value": 0.8`, `"value": true`, 1), []string{"provinces/ha-noi.json", "ttldtt_share"}},
		{"bad compare", "provinces/ha-noi.json", strings.Replace(haNoi, `"compare": ">="`, `"compare": "=>"`, 1), []string{"provinces/ha-noi.json", "CSTDCS", "compare"}},
		{"not JSON", "procedure.json", `{`, []string{"procedure.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, tc.file, tc.content)
			_, err := rules.Open(rules.Embedded(), dir)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range append(tc.want, dir) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	if _, err := rules.Open(rules.Embedded(), filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("a missing folder loaded")
	}
}

// TestAddedBaseSalary: an administrator adds a dated base salary row in the
// rules folder (base_salary/*.json); money for a decision from its date
// uses it, before its date the embedded row, and a bad row stops loading
// with the file named (R-TIEN-01).
func TestAddedBaseSalary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "base_salary/2026-07.json", `[{"effective_from": "2026-07-01", "effective_to": "", "amount_vnd": 2530000,
	  "citation": "Nghị định mới về mức lương cơ sở, Điều 3", "grade": "A", "note": ""}]`)
	e, err := rules.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sub := person(hist{2026: HTXSNV})
	for _, tc := range []struct {
		asOf string
		want int64
	}{{"2026-08-01", 2530000}, {"2026-03-01", 2340000}} {
		v, err := e.Evaluate(sub, "LDTT", 2026, day(tc.asOf), "default")
		if err != nil || v.Money == nil || v.Money.BaseSalaryVND != tc.want {
			t.Errorf("money as of %s: %+v %v, want base salary %d", tc.asOf, v.Money, err, tc.want)
		}
	}
	in, err := e.InForce(day("2026-08-01"), "default")
	if err != nil || in.BaseSalary == nil || in.BaseSalary.AmountVND != 2530000 {
		t.Errorf("in force 01/08/2026: %+v %v", in.BaseSalary, err)
	}
	writeFile(t, dir, "base_salary/hong.json", `[{"effective_from": "2026-09-01", "amount_vnd": 0, "citation": "x", "grade": "A"}]`)
	if _, err := rules.LoadDir(dir); err == nil || !strings.Contains(err.Error(), "hong.json") {
		t.Errorf("a zero amount: %v, want an error naming hong.json", err)
	}
}
