package rules_test

import (
	"strings"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

// TestExplanationsFromParts rebuilds, for every condition of every
// explained verdict of generated subjects, the explanation from the
// condition's text in force, its status, its facts and its grade, and
// checks that the engine's explanation (shared by the plan when the
// condition shows no facts, cut from one text otherwise) is exactly that.
func TestExplanationsFromParts(t *testing.T) {
	eng := rules.Default()
	people := bench.People(1500, 11)
	units := bench.Units(people, 11)
	for _, prov := range []string{"default", "bac-ninh"} {
		for _, year := range []int{2024, 2025} {
			asOf := thidua.NewDate(year, 12, 31)
			f, err := eng.InForce(asOf, prov)
			if err != nil {
				t.Fatal(err)
			}
			type key struct{ award, kind, rule, cond string }
			conds := map[key]rules.ConditionInForce{}
			for _, a := range f.Awards {
				for _, r := range a.Rules {
					for _, c := range r.Conditions {
						conds[key{a.Award, a.Kind, r.ID, c.ID}] = c
					}
				}
			}
			checked := 0
			for _, ss := range [][]rules.Subject{people, units} {
				for i := range ss {
					vs, err := eng.EvaluateAll(ss[i], year, asOf, prov)
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range vs {
						for _, c := range v.Conditions {
							in, ok := conds[key{v.Award, ss[i].Kind, c.Rule, c.Point}]
							if !ok {
								t.Fatalf("%s %s: condition %s (%s) not in force", prov, v.Award, c.Rule, c.Point)
							}
							want := in.Text + " — " + rules.StatusWords[c.Status]
							for j, fact := range c.Facts {
								if j == 0 {
									want += ": "
								} else {
									want += "; "
								}
								want += fact.Text
							}
							want += "."
							if (c.Grade == "C" || c.Grade == "X") && (in.Kind == "require" || in.Kind == "judge" || in.Kind == "review_if") {
								want += " " + rules.LowGradeAdvice
							}
							if c.Explanation != want {
								t.Fatalf("%s %d, subject %d, %s %s (%s):\n got %q\nwant %q", prov, year, i, v.Award, c.Rule, c.Point, c.Explanation, want)
							}
							if !strings.HasPrefix(c.Explanation, in.Text) {
								t.Fatalf("explanation %q does not start with the condition's text", c.Explanation)
							}
							checked++
						}
					}
				}
			}
			if checked == 0 {
				t.Fatalf("%s %d: no condition checked", prov, year)
			}
		}
	}
}
