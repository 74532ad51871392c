package rules_test

import (
	"fmt"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

// TestDirectAgrees checks that the hand-written baseline and the engine
// give the same verdict for every award of every generated subject, and
// that the engine's explained evaluation agrees with its fast one.
func TestDirectAgrees(t *testing.T) {
	eng := rules.Default()
	people := bench.People(20000, 7)
	units := bench.Units(people, 7)
	c, err := eng.NewChecker("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		year int
		asOf thidua.Date
	}{
		{2025, thidua.NewDate(2025, 12, 31)},
		{2024, thidua.NewDate(2025, 8, 1)},
		{2025, thidua.NewDate(2026, 3, 15)},
	} {
		var got, want []rules.Code
		counts := map[string]int{}
		mismatches := 0
		check := func(s *rules.Subject) {
			got = c.Check(s, tc.year, tc.asOf, got[:0])
			want = bench.Direct(s, tc.year, tc.asOf, want[:0])
			awards := rules.IndividualAwards
			if s.Kind == rules.Collective {
				awards = rules.CollectiveAwards
			}
			for i := range want {
				counts[awards[i]+"/"+want[i].String()]++
				if got[i] != want[i] {
					mismatches++
					if mismatches <= 5 {
						t.Errorf("%d as of %s, subject %s, %s: engine %s, direct %s", tc.year, tc.asOf, s.ID, awards[i], got[i], want[i])
					}
				}
			}
		}
		for i := range people {
			check(&people[i])
		}
		for i := range units {
			check(&units[i])
		}
		if mismatches > 0 {
			t.Fatalf("%d mismatches", mismatches)
		}
		// Every award should see more than one verdict in the data, or
		// the comparison proves little.
		for _, a := range append(append([]string{}, rules.IndividualAwards...), rules.CollectiveAwards...) {
			kinds := 0
			for _, v := range []string{rules.Eligible, rules.NotEligible, rules.NeedsReview, rules.OnHold} {
				if counts[a+"/"+v] > 0 {
					kinds++
				}
			}
			if kinds < 2 {
				t.Errorf("%d: award %s has only one verdict in the generated data: %v", tc.year, a, counts)
			}
		}
		if testing.Verbose() {
			fmt.Println(tc.year, tc.asOf, counts)
		}
	}
}

// TestFullAgreesWithFast checks that Evaluate (explained) and Check (fast)
// give the same verdicts, over dates of every rule set.
func TestFullAgreesWithFast(t *testing.T) {
	eng := rules.Default()
	people := bench.People(3000, 11)
	units := bench.Units(people, 11)
	for _, prov := range []string{"default", "bac-ninh"} {
		c, err := eng.NewChecker(prov)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			year int
			asOf thidua.Date
		}{
			{2023, thidua.NewDate(2023, 12, 31)},
			{2024, thidua.NewDate(2025, 3, 1)},
			{2025, thidua.NewDate(2025, 12, 31)},
		} {
			for _, s := range append(people[:1000:1000], units...) {
				codes := c.Check(&s, tc.year, tc.asOf, nil)
				vs, err := eng.EvaluateAll(s, tc.year, tc.asOf, prov)
				if err != nil {
					t.Fatal(err)
				}
				for i, v := range vs {
					if v.Verdict != codes[i].String() {
						t.Fatalf("%s %d as of %s subject %s %s: Evaluate %s, Check %s", prov, tc.year, tc.asOf, s.ID, v.Award, v.Verdict, codes[i])
					}
				}
			}
		}
	}
}
