package sqldb_test

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// walk reads every page of the table for f, checking that pages do not
// overlap and that each page's Total is the same.
func walk(t *testing.T, db *sqldb.DB, ctx context.Context, svc *rules.Service, f rules.TableFilter) []rules.TableRow {
	t.Helper()
	var all []rules.TableRow
	total := -1
	for range 1000 {
		p, err := db.EligibilityTable(ctx, svc, f)
		if err != nil {
			t.Fatalf("page after %q: %v", f.After, err)
		}
		if total >= 0 && p.Total != total {
			t.Fatalf("total moved from %d to %d", total, p.Total)
		}
		total = p.Total
		all = append(all, p.Rows...)
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	if len(all) != total {
		t.Fatalf("walked %d rows, total says %d", len(all), total)
	}
	return all
}

func TestEligibilityTable(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		const n = 400
		pop := sqldbtest.Populate(t, db, n, 7)
		svc := rules.NewService(nil, "default")
		year, asOf := 2025, thidua.NewDate(2026, 1, 15)
		f := rules.TableFilter{Year: year, AsOf: asOf, Limit: 37}
		rows := walk(t, db, sys, svc, f)
		if len(rows) != n {
			t.Fatalf("%d rows, want %d", len(rows), n)
		}
		// Order: the name's sort key (given name first), then the id;
		// every person once.
		seen := map[int64]bool{}
		for i, r := range rows {
			if seen[r.PersonID] {
				t.Fatalf("person %d twice", r.PersonID)
			}
			seen[r.PersonID] = true
			if i > 0 {
				a, b := thidua.NameSortKey(rows[i-1].Name), thidua.NameSortKey(r.Name)
				if c := bytes.Compare(a, b); c > 0 || c == 0 && rows[i-1].PersonID > r.PersonID {
					t.Fatalf("row %d (%s) before row %d (%s)", i-1, rows[i-1].Name, i, r.Name)
				}
			}
		}
		// The stored letters are the engine's verdicts for the stored
		// history, award by award.
		byID := map[int64]rules.TableRow{}
		for _, r := range rows {
			byID[r.PersonID] = r
		}
		for _, id := range pop.People[:60] {
			h, err := db.FindHistory(sys, thidua.SubjectPerson, id)
			if err != nil {
				t.Fatal(err)
			}
			vs, err := svc.EvaluateAll(rules.SubjectOf(h, asOf), year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			r := byID[id]
			for i, v := range vs {
				if r.Verdict(i) != v.Verdict {
					t.Fatalf("person %d %s: table %s, engine %s", id, v.Award, r.Verdict(i), v.Verdict)
				}
			}
		}
		// Filters agree with the full table.
		count := func(keep func(rules.TableRow) bool) int {
			k := 0
			for _, r := range rows {
				if keep(r) {
					k++
				}
			}
			return k
		}
		ai := slices.Index(rules.IndividualAwards, thidua.TitleLDTT)
		sub := pop.Units[1] // the first department with its offices and teams
		for _, tc := range []struct {
			name string
			f    rules.TableFilter
			keep func(rules.TableRow) bool
		}{
			{"female", rules.TableFilter{Gender: thidua.GenderFemale}, func(r rules.TableRow) bool { return r.Gender == thidua.GenderFemale }},
			{"leaders", rules.TableFilter{Leaders: true}, func(r rules.TableRow) bool { return r.Leader }},
			{"LDTT eligible", rules.TableFilter{Award: thidua.TitleLDTT, Verdict: rules.Eligible}, func(r rules.TableRow) bool { return r.Verdict(ai) == rules.Eligible }},
			{"any on hold", rules.TableFilter{Verdict: rules.OnHold}, func(r rules.TableRow) bool {
				return bytes.IndexByte([]byte(r.Letters), rules.LetterOnHold) >= 0
			}},
			{"subtree", rules.TableFilter{UnitID: sub}, func(r rules.TableRow) bool { return slices.Contains(pop.Units[1:1+1+4+8], r.UnitID) }},
		} {
			tc.f.Year, tc.f.AsOf, tc.f.Limit = year, asOf, 50
			got := walk(t, db, sys, svc, tc.f)
			if want := count(tc.keep); len(got) != want || want == 0 && tc.name != "any on hold" {
				t.Errorf("%s: %d rows, want %d", tc.name, len(got), want)
			}
		}
		// A bad filter is refused in Vietnamese.
		if _, err := db.EligibilityTable(sys, svc, rules.TableFilter{Year: year, AsOf: asOf, Verdict: "maybe"}); code(err) != thidua.EINVALID {
			t.Fatalf("bad verdict filter: %v", err)
		}
		if _, err := db.EligibilityTable(sys, svc, rules.TableFilter{Year: year, AsOf: asOf, After: "%%%"}); code(err) != thidua.EINVALID {
			t.Fatalf("bad cursor: %v", err)
		}

		// A history edit is seen on the next read: a KHTNV rating for the
		// year judged refuses LĐTT.
		id := pop.People[0]
		h, _ := db.FindHistory(sys, thidua.SubjectPerson, id)
		h.History.Ratings = slices.DeleteFunc(h.History.Ratings, func(r thidua.Rating) bool { return r.Year == year })
		h.History.Ratings = append(h.History.Ratings, thidua.Rating{Year: year, Code: thidua.RatingKHTNV})
		if err := db.SaveHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		after := walk(t, db, sys, svc, f)
		for _, r := range after {
			if r.PersonID == id && r.Verdict(ai) != rules.NotEligible {
				t.Fatalf("after the edit LĐTT is %s", r.Verdict(ai))
			}
		}
		// A person moved to another gender and retired are seen too.
		p, _ := db.FindPersonByID(sys, pop.People[1])
		p.Status = thidua.PersonRetired
		if err := db.UpdatePerson(sys, p); err != nil {
			t.Fatal(err)
		}
		if got := walk(t, db, sys, svc, f); len(got) != n-1 {
			t.Fatalf("after retiring one: %d rows", len(got))
		}
		// Another year judged is another table.
		f24 := f
		f24.Year = 2024
		if got := walk(t, db, sys, svc, f24); len(got) != n-1 {
			t.Fatalf("2024: %d rows", len(got))
		}

		// A viewer sees the rows of their own subtree only.
		u := mustUser(t, db, "xem"+db.Dialect().String(), thidua.Grant{Role: thidua.RoleUnitHead, UnitID: sub})
		scoped := walk(t, db, userCtx(t, db, u), svc, f)
		for _, r := range scoped {
			if !slices.Contains(pop.Units[1:1+1+4+8], r.UnitID) {
				t.Fatalf("out of scope row %+v", r)
			}
		}
		if len(scoped) == 0 {
			t.Fatal("scoped viewer sees nothing")
		}
	})
}
