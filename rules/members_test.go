package rules_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

// memberFactsOf sums the summaries of people as storage computes them,
// one person at a time.
func memberFactsOf(people []rules.Subject, year int) rules.MemberFacts {
	var m rules.MemberFacts
	for i := range people {
		p := &people[i]
		g := thidua.GenderMale
		if p.Gender == rules.Female {
			g = thidua.GenderFemale
		}
		m.AddMember(g, p.Ratings, p.Titles, p.Disciplines, year)
	}
	return m
}

// A collective judged from the sum of its units' member summaries has the
// verdicts — explained and bulk — of the same collective judged with its
// members one by one, for every subtree of a small tree (with a root whose
// id is a prefix of another's: "1/" and "14/"), in several years, and the
// summaries read back from their stored form give the same.
func TestCollectiveFromMemberFacts(t *testing.T) {
	people := bench.People(1400, 41)
	own := bench.Units(people, 41) // the collectives' own histories
	tree := []rules.UnitPath{{1, "1/"}, {2, "1/2/"}, {3, "1/2/3/"}, {4, "1/4/"}, {14, "14/"}, {15, "14/15/"}}
	direct := map[int64][]rules.Subject{1: people[:100], 2: people[100:400], 3: people[400:650], 4: people[650:1000], 14: people[1000:1400]}
	// 15 has no direct members: it counts none of its own.
	subtree := func(root string) []rules.Subject {
		var out []rules.Subject
		for _, u := range tree {
			if len(u.Path) >= len(root) && u.Path[:len(root)] == root {
				out = append(out, direct[u.ID]...)
			}
		}
		return out
	}
	eng := rules.Default()
	checker, err := eng.NewChecker("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{bench.LastYear, bench.LastYear - 2, bench.LastYear - 6} {
		asOf := thidua.NewDate(year+1, 2, 1)
		facts := map[int64]rules.MemberFacts{}
		for id, ms := range direct {
			m := memberFactsOf(ms, year)
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			var back rules.MemberFacts
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unit %d: %v (%s)", id, err, b)
			}
			if b2, _ := json.Marshal(back); string(b2) != string(b) {
				t.Fatalf("unit %d: summary read back as %s, written %s", id, b2, b)
			}
			facts[id] = back
		}
		sums := rules.SubtreeFacts(tree, facts)
		if n := sums[1].Count(); n != 1000 {
			t.Fatalf("%d members under 1/, want 1000", n)
		}
		for i, u := range tree {
			one := own[i]
			one.ID = strconv.FormatInt(u.ID, 10)
			one.Members = subtree(u.Path)
			if got := sums[u.ID]; got.Count() != len(one.Members) {
				t.Fatalf("unit %s: summary counts %d members, want %d", u.Path, got.Count(), len(one.Members))
			}
			summed := one
			summed.Members = []rules.Subject{}
			m := sums[u.ID]
			summed.MemberFacts = &m
			want, err := eng.EvaluateAll(one, year, asOf, "default")
			if err != nil {
				t.Fatal(err)
			}
			got, err := eng.EvaluateAll(summed, year, asOf, "default")
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(got)
			if string(a) != string(b) {
				t.Fatalf("unit %s, %d: verdicts from the summary differ:\n%s\nwant\n%s", u.Path, year, b, a)
			}
			wc := checker.Check(&one, year, asOf, nil)
			gc := checker.Check(&summed, year, asOf, nil)
			if len(wc) != len(gc) {
				t.Fatalf("unit %s: %d codes, want %d", u.Path, len(gc), len(wc))
			}
			for k := range wc {
				if wc[k] != gc[k] {
					t.Fatalf("unit %s, %d: code %d is %v from the summary, %v one by one", u.Path, year, k, gc[k], wc[k])
				}
			}
		}
	}
}

// A stored summary that cannot be one is refused, so that storage
// recomputes it instead of judging from it.
func TestMemberFactsRefusesBadDocuments(t *testing.T) {
	for _, doc := range []string{
		`{"members": 3, "female": 4}`,
		`{"members": 3, "female": 1, "titles": {"XYZ": 1}}`,
		`{"members": 3, "female": 1, "rated": {"HTXSNV": 5}}`,
		`{"members": 3, "female": 1, "disciplined": {"KHIEN_TRACH": -1}}`,
		`[1, 2]`,
	} {
		var m rules.MemberFacts
		if err := json.Unmarshal([]byte(doc), &m); err == nil {
			t.Errorf("%s taken as a summary", doc)
		}
	}
}

// BenchmarkCollectiveFromMemberFacts is the unit-summary path: one
// person's summary, and a collective of 50,000 members judged (explained)
// from its summary beside the same judged with its members one by one.
func BenchmarkCollectiveFromMemberFacts(b *testing.B) {
	people := benchPeople
	year := bench.LastYear
	asOf := thidua.NewDate(year+1, 2, 1)
	eng := rules.Default()
	one := benchUnits[0]
	one.Members = people
	b.Run("summarize-person", func(b *testing.B) {
		for i := range b.N {
			var m rules.MemberFacts
			p := &people[i%len(people)]
			m.AddMember(p.Gender, p.Ratings, p.Titles, p.Disciplines, year)
		}
	})
	b.Run("summary-50000", func(b *testing.B) {
		m := memberFactsOf(people, year)
		summed := one
		summed.Members, summed.MemberFacts = []rules.Subject{}, &m
		for range b.N {
			if _, err := eng.EvaluateAll(summed, year, asOf, "default"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("members-50000", func(b *testing.B) {
		for range b.N {
			if _, err := eng.EvaluateAll(one, year, asOf, "default"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
