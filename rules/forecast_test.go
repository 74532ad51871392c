package rules_test

import (
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

// nextFactsOf sums people as a forecast counts them for the year after
// year, one person at a time (MemberFacts.AddNextYear).
func nextFactsOf(people []rules.Subject, year int) rules.MemberFacts {
	var m rules.MemberFacts
	for i := range people {
		p := &people[i]
		g := thidua.GenderMale
		if p.Gender == rules.Female {
			g = thidua.GenderFemale
		}
		m.AddNextYear(g, p.Ratings, p.Titles, p.Disciplines, year)
	}
	return m
}

// A collective's forecast from its members' facts (this year's, and next
// year's with their results repeated) is its forecast with its members one
// by one, for collectives of several sizes and years; and a forecast line
// rebuilt from its compact code is the line Forecast gives.
func TestForecastFromMemberFacts(t *testing.T) {
	people := bench.People(1200, 7)
	own := bench.Units(people, 7)
	eng := rules.Default()
	lines := 0
	for _, year := range []int{bench.LastYear, bench.LastYear - 1, bench.LastYear - 4} {
		f, err := eng.NewForecaster("default", year)
		if err != nil {
			t.Fatal(err)
		}
		for i := range own {
			one := own[i]
			lo, hi := (i*97)%len(people), (i*97)%len(people)+5+i*40
			one.Members = people[lo:min(hi, len(people))]
			want := f.Codes(&one, nil, nil)
			now, next := memberFactsOf(one.Members, year), nextFactsOf(one.Members, year)
			summed := one
			summed.Members = []rules.Subject{}
			summed.MemberFacts = &now
			got := f.Codes(&summed, &next, nil)
			if len(got) != len(want) {
				t.Fatalf("unit %d, %d: %d lines from the facts, want %v", i, year, len(got), want)
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("unit %d, %d: line %d is %+v from the facts, %+v one by one", i, year, k, got[k], want[k])
				}
			}
			lines += len(want)
			items, err := eng.Forecast([]rules.Subject{one}, year, "default")
			if err != nil {
				t.Fatal(err)
			}
			for k, it := range items {
				if back := want[k].Item(one.ID, one.Name); back != it {
					t.Fatalf("unit %d: line %d rebuilt as %+v, want %+v", i, k, back, it)
				}
			}
		}
	}
	if lines == 0 {
		t.Fatal("no forecast line: nothing compared")
	}
}
