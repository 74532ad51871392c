package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"thidua"
	"thidua/jobs"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
	"thidua/sqldb/verdicts"
)

// queuedRefreshes counts the eligibility jobs waiting or running.
func queuedRefreshes(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM jobs WHERE kind = $1 AND state IN ($2, $3)`,
		thidua.JobEligibilityRefresh, thidua.JobQueued, thidua.JobRunning).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// With a background set, a stale table is computed by a job, not inside
// the request: the request queues one job (not one per request), comes
// back Refreshing with what is stored, and after the job has run the
// people's and the collectives' tables are the engine's verdicts.
func TestEligibilityBackgroundRefresh(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		const n = 120
		pop := sqldbtest.Populate(t, db, n, 11)
		svc := rules.NewService(nil, "default")
		year, asOf := 2025, thidua.NewDate(2026, 1, 15)
		woken := 0
		db.Background(func() { woken++ })
		db.Store.Wait = 50 * time.Millisecond
		runner := jobs.New(db, nil)
		runner.Handle(thidua.JobEligibilityRefresh, db.EligibilityJob(svc))
		f := rules.TableFilter{Year: year, AsOf: asOf, Limit: 50}

		// First use: nothing stored yet, one job queued, the runner woken.
		for range 2 {
			p, err := db.EligibilityTable(sys, svc, f)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Refreshing || len(p.Rows) != 0 {
				t.Fatalf("first page: refreshing=%v with %d rows, want refreshing with none", p.Refreshing, len(p.Rows))
			}
		}
		units, refreshing, err := db.UnitEligibility(sys, svc, year, asOf, pop.Units)
		if err != nil {
			t.Fatal(err)
		}
		if !refreshing || len(units) != 0 {
			t.Fatalf("units: refreshing=%v with %d rows, want refreshing with none", refreshing, len(units))
		}
		if got := queuedRefreshes(t, db); got != 1 {
			t.Fatalf("%d refresh jobs queued, want 1", got)
		}
		if woken != 1 {
			t.Fatalf("runner woken %d times, want 1", woken)
		}

		// The job computes both tables.
		if ran, err := runner.RunOne(context.Background()); err != nil || !ran {
			t.Fatalf("RunOne = %v, %v", ran, err)
		}
		var state, msg string
		if err := db.SQL().QueryRow(`SELECT state, error FROM jobs WHERE kind = $1`, thidua.JobEligibilityRefresh).Scan(&state, &msg); err != nil {
			t.Fatal(err)
		}
		if state != thidua.JobDone {
			t.Fatalf("job %s: %s", state, msg)
		}
		rows := walk(t, db, sys, svc, f)
		if len(rows) != n {
			t.Fatalf("%d rows after the job, want %d", len(rows), n)
		}
		p, err := db.EligibilityTable(sys, svc, f)
		if err != nil || p.Refreshing {
			t.Fatalf("after the job: refreshing=%v, %v", p.Refreshing, err)
		}
		for _, r := range rows[:20] {
			h, err := db.FindHistory(sys, thidua.SubjectPerson, r.PersonID)
			if err != nil {
				t.Fatal(err)
			}
			vs, err := svc.EvaluateAll(rules.SubjectOf(h, asOf), year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range rules.IndividualAwards {
				for _, v := range vs {
					if v.Award == a && v.Verdict != r.Verdict(i) {
						t.Fatalf("person %d %s: stored %s, engine %s", r.PersonID, a, r.Verdict(i), v.Verdict)
					}
				}
			}
		}
		units, refreshing, err = db.UnitEligibility(sys, svc, year, asOf, pop.Units)
		if err != nil || refreshing {
			t.Fatalf("units after the job: refreshing=%v, %v", refreshing, err)
		}
		if len(units) != len(pop.Units) {
			t.Fatalf("%d units stored, want %d", len(units), len(pop.Units))
		}
		for _, id := range []int64{pop.Root, pop.Units[1], pop.Units[len(pop.Units)-1]} {
			h, err := db.FindHistory(sys, thidua.SubjectUnit, id)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := svc.SubjectForYear(sys, db, h, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			want, err := svc.EvaluateAll(sub, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(units[id])
			if string(a) != string(b) {
				t.Fatalf("unit %d: stored verdicts differ from the engine's:\n%s\n%s", id, b, a)
			}
		}
		// Only the units asked for (the caller's scope) come back.
		some, _, err := db.UnitEligibility(sys, svc, year, asOf, pop.Units[:3])
		if err != nil || len(some) != 3 {
			t.Fatalf("3 units asked, %d given (%v)", len(some), err)
		}

		// A history edit makes both stale: the people's page shows what
		// is stored, marked, and a new job brings it up to date.
		h, err := db.FindHistory(sys, thidua.SubjectPerson, pop.People[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(h.History.Ratings) > 0 {
			h.History.Ratings[0].Source = "Thông báo 12/TB-UBND"
		} else {
			h.History.Ratings = append(h.History.Ratings, thidua.Rating{Year: 2010, Code: thidua.RatingHTTNV})
		}
		if err := db.SaveHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		p, err = db.EligibilityTable(sys, svc, f)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Refreshing || len(p.Rows) != 50 {
			t.Fatalf("stale page: refreshing=%v with %d rows, want refreshing with the 50 stored", p.Refreshing, len(p.Rows))
		}
		// The collectives' table is brought up to date in the request: its
		// summaries of the year are there, and only the edited person's
		// unit has its members read again.
		if _, refreshing, err := db.UnitEligibility(sys, svc, year, asOf, pop.Units); err != nil || refreshing {
			t.Fatalf("units after an edit: refreshing=%v, %v", refreshing, err)
		}
		if got := queuedRefreshes(t, db); got != 1 {
			t.Fatalf("%d refresh jobs queued, want 1", got)
		}
		if _, err := runner.RunOne(context.Background()); err != nil {
			t.Fatal(err)
		}
		if p, err = db.EligibilityTable(sys, svc, f); err != nil || p.Refreshing {
			t.Fatalf("after the second job: refreshing=%v, %v", p.Refreshing, err)
		}

		// The periodic check queues nothing while the tables are fresh.
		if err := db.QueueEligibility(sys, svc, year, asOf); err != nil {
			t.Fatal(err)
		}
		if got := queuedRefreshes(t, db); got != 0 {
			t.Fatalf("%d jobs queued for fresh tables, want 0", got)
		}
		if err := db.QueueEligibility(sys, svc, year-1, asOf); err != nil {
			t.Fatal(err)
		}
		if got := queuedRefreshes(t, db); got != 1 {
			t.Fatalf("%d jobs queued for a new year, want 1", got)
		}
	})
}

func TestEligibilityJobReference(t *testing.T) {
	for _, c := range []struct {
		year int
		asOf thidua.Date
	}{{2025, thidua.NewDate(2026, 1, 15)}, {1945, thidua.NewDate(1945, 9, 2)}, {2200, thidua.NewDate(2200, 12, 31)}} {
		y, d, err := verdicts.ParseRefID(verdicts.RefID(c.year, c.asOf))
		if err != nil || y != c.year || d.ISO() != c.asOf.ISO() {
			t.Fatalf("RefID(%d, %s) gives back %d, %s, %v", c.year, c.asOf, y, d, err)
		}
	}
	if _, _, err := verdicts.ParseRefID(42); err == nil {
		t.Fatal("a bad reference is taken")
	}
}
