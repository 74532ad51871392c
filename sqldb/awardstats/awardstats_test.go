package awardstats_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/sqldb"
	"thidua/sqldb/awardstats"
)

func TestMain(m *testing.M) { demotest.Main(m) }

// direct counts the demo office's awards the way the statistics did before
// they were stored: every person's and unit's history read and flattened
// on the spot, for the whole province.
func direct(t *testing.T, db *sqldb.DB) *thidua.StatsData {
	t.Helper()
	ctx := thidua.NewSystemContext(context.Background())
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	path := map[int64]string{}
	for _, u := range units {
		path[u.ID] = u.Path
	}
	d := &thidua.StatsData{}
	all := func(int) bool { return true }
	flatten := func(sh *thidua.SubjectHistory, base thidua.AwardFact, leader func(*thidua.HistoryAwards) func(int) bool) {
		b, err := json.Marshal(sh.History)
		if err != nil {
			t.Fatal(err)
		}
		var h thidua.HistoryAwards
		if err := json.Unmarshal(b, &h); err != nil {
			t.Fatal(err)
		}
		d.Facts = h.AppendFacts(d.Facts, base, all, leader(&h))
	}
	for _, p := range people {
		sh, err := db.FindHistory(ctx, thidua.SubjectPerson, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		isLeader := p.IsLeader
		flatten(sh, thidua.AwardFact{Subject: thidua.SubjectPerson, SubjectID: p.ID, Name: p.FullName, UnitID: p.UnitID,
			UnitPath: path[p.UnitID], Female: p.Gender == thidua.GenderFemale}, func(h *thidua.HistoryAwards) func(int) bool {
			return func(y int) bool {
				if len(h.Leadership) == 0 {
					return isLeader
				}
				for _, l := range h.Leadership {
					if l.From.Year() <= y && (l.To.IsZero() || l.To.Year() >= y) {
						return true
					}
				}
				return false
			}
		})
	}
	for _, u := range units {
		sh, err := db.FindHistory(ctx, thidua.SubjectUnit, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		flatten(sh, thidua.AwardFact{Subject: thidua.SubjectUnit, SubjectID: u.ID, Name: u.Name, UnitID: u.ID, UnitPath: u.Path},
			func(*thidua.HistoryAwards) func(int) bool { return func(int) bool { return false } })
	}
	thidua.SortFactsBySubject(d.Facts)
	return d
}

// TestDemoMatchesDirectCount sets the stored statistics of the demo
// office against the direct count, before and after a decision's award
// and a history edit, on SQLite and PostgreSQL.
func TestDemoMatchesDirectCount(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		ctx := thidua.NewSystemContext(context.Background())
		check := func(when string) {
			t.Helper()
			want := direct(t, db)
			got, err := db.AwardStats(ctx, thidua.StatsFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Facts) == 0 {
				t.Fatalf("%s: the demo has no awards", when)
			}
			var listed []thidua.AwardFact
			if err := got.ForEachFact(func(f *thidua.AwardFact) error { listed = append(listed, *f); return nil }); err != nil {
				t.Fatal(err)
			}
			if got.Count() != len(want.Facts) || !reflect.DeepEqual(listed, want.Facts) {
				t.Fatalf("%s: %d counted, %d listed, want %d:\n%+v\nwant\n%+v", when, got.Count(), len(listed), len(want.Facts), listed, want.Facts)
			}
			want.Units, want.Staff = got.Units, got.Staff
			if !reflect.DeepEqual(got.ByAward(), want.ByAward()) || !reflect.DeepEqual(got.ByYear(), want.ByYear()) ||
				!reflect.DeepEqual(got.ByUnit(), want.ByUnit()) || got.Fairness() != want.Fairness() {
				t.Fatalf("%s: the stored figures differ from the direct count", when)
			}
		}
		check("as loaded")
		people, _, err := db.FindPeople(ctx, thidua.PersonFilter{Limit: 3})
		if err != nil || len(people) < 3 {
			t.Fatal(people, err)
		}
		sh, err := db.FindHistory(ctx, thidua.SubjectPerson, people[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		sh.History.Titles = append(sh.History.Titles, thidua.TitleRecord{Year: 2019, Code: thidua.TitleCSTDCS, Decision: "12/QĐ-VPUBND"})
		sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormGK, Date: thidua.NewDate(2019, 12, 20), Type: thidua.AwardCongTrang})
		if err := db.SaveHistory(ctx, sh); err != nil {
			t.Fatal(err)
		}
		check("after a history edit")
		p := people[0]
		p.IsLeader = !p.IsLeader
		if err := db.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		check("after a change of post")
	})
}

// TestRefreshMax: with more subjects stale than Options.Max a refresh
// recomputes none and says so (a request leaves them to the background);
// with room it recomputes them all.
func TestRefreshMax(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		ctx := thidua.NewSystemContext(context.Background())
		if _, err := db.AwardStats(ctx, thidua.StatsFilter{}); err != nil { // brings them up to date
			t.Fatal(err)
		}
		people, _, err := db.FindPeople(ctx, thidua.PersonFilter{Limit: 3})
		if err != nil || len(people) < 3 {
			t.Fatal(people, err)
		}
		for _, p := range people {
			p.IsLeader = !p.IsLeader
			if err := db.UpdatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		opts := awardstats.Options{Begin: func(ctx context.Context) (awardstats.WriteTx, error) { return db.SQL().BeginTx(ctx, nil) }}
		opts.Max = 2
		if n, err := awardstats.Refresh(ctx, db.SQL(), opts); !errors.Is(err, awardstats.ErrMany) || n != 0 {
			t.Fatalf("3 stale, at most 2: %d recomputed, %v", n, err)
		}
		opts.Max = 3
		if n, err := awardstats.Refresh(ctx, db.SQL(), opts); err != nil || n != 3 {
			t.Fatalf("3 stale, at most 3: %d recomputed, %v", n, err)
		}
		if n, err := awardstats.Refresh(ctx, db.SQL(), opts); err != nil || n != 0 {
			t.Fatalf("none stale: %d recomputed, %v", n, err)
		}
	})
}
