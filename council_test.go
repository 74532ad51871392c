package thidua_test

import (
	"strings"
	"testing"

	"thidua"
)

func TestTallyThresholds(t *testing.T) {
	for _, tc := range []struct {
		name            string
		agree, disagree int
		members         int
		threshold       float64
		compare         string
		passed          bool
	}{
		// R-HD-03: the share is of ALL members, not of those who voted.
		{"CSTĐ tỉnh 9/10 = 90%", 9, 0, 10, 0.9, "", true},
		{"CSTĐ tỉnh 8/10 < 90%", 8, 0, 10, 0.9, "", false},
		{"CSTĐ tỉnh 8/9 voters but 10 members", 8, 1, 10, 0.9, "", false},
		{"CSTĐCS 4/5 = 80%", 4, 1, 5, 0.8, "", true},
		{"CSTĐCS 3/4 present, 5 members", 3, 1, 5, 0.8, "", false},
		{"CSTĐCS 12/15 = 80% exactly", 12, 0, 15, 0.8, "", true},
		{"CSTĐCS 11/15", 11, 0, 15, 0.8, "", false},
		{"majority 3/5", 3, 2, 5, 0.5, "", true},
		{"majority 2/4 is not more than half", 2, 0, 4, 0.5, "", false},
		{"majority 3/6 absent members count", 3, 0, 6, 0.5, "", false},
		{"no threshold means majority", 3, 0, 5, 0, "", true},
		// The comparison is data (R-HD-03): "quá bán" is more than half,
		// "có ít nhất" / "từ … trở lên" at least the share.
		{"quá bán 2/4 stored as >", 2, 0, 4, 0.5, ">", false},
		{"at least half 2/4 stored as >=", 2, 0, 4, 0.5, ">=", true},
		{"Bắc Ninh TTLĐTT 7/10 at least 70%", 7, 0, 10, 0.7, ">=", true},
		{"more than 70% 7/10", 7, 0, 10, 0.7, ">", false},
		{"more than 70% 8/10", 8, 0, 10, 0.7, ">", true},
	} {
		rows := thidua.Tally(map[int64]int{1: tc.agree}, tc.agree+tc.disagree, []int64{1}, map[int64]thidua.Threshold{1: {Share: tc.threshold, Compare: tc.compare}}, tc.members)
		if rows[0].Passed != tc.passed || rows[0].Agree != tc.agree || rows[0].Disagree != tc.disagree || rows[0].Members != tc.members {
			t.Errorf("%s: %+v, want passed=%v", tc.name, rows[0], tc.passed)
		}
	}
	for _, tc := range []struct {
		present, members int
		share            float64
		ok               bool
	}{{8, 10, 0.8, true}, {7, 10, 0.8, false}, {2, 3, 2.0 / 3, true}, {6, 9, 2.0 / 3, true}, {5, 9, 2.0 / 3, false}, {4, 5, 0.8, true}} {
		if got := thidua.Quorum(tc.present, tc.members, tc.share); got != tc.ok {
			t.Errorf("Quorum(%d/%d, %v)=%v", tc.present, tc.members, tc.share, got)
		}
	}
}

func TestDecisionRefAndBases(t *testing.T) {
	d := &thidua.Decision{Issuer: "VPUBND", Number: 5}
	if d.Ref() != "05/QĐ-VPUBND" {
		t.Errorf("Ref=%q", d.Ref())
	}
	d.Number = 15
	if d.Ref() != "15/QĐ-VPUBND" {
		t.Errorf("Ref=%q", d.Ref())
	}
	if b := thidua.DecisionBases(thidua.NewDate(2025, 6, 30)); len(b) != 2 || !contains(b[1], "98/2023/NĐ-CP") {
		t.Errorf("bases before 01/7/2025: %v", b)
	}
	if b := thidua.DecisionBases(thidua.NewDate(2025, 7, 1), "Căn cứ Kế hoạch số 248/KH-VPUBND;"); len(b) != 3 || !contains(b[1], "152/2025/NĐ-CP") {
		t.Errorf("bases from 01/7/2025: %v", b)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
