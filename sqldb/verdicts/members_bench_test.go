package verdicts_test

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// BenchmarkUnitSummaries is the unit-summary path at scale
// (THIDUA_BENCH_PEOPLE generated people, default 10,000, over 189 units),
// on SQLite and PostgreSQL, each step beside its baseline in the same run:
//
//   - first-summaries: every unit's member summary of a year, from nothing
//     (one pass over the people);
//
//   - edit-summaries: the summaries brought up to date after one history
//     edit (one unit's members read again);
//
//   - edit-table: the whole collectives' table refreshed after one edit
//     (summaries, then every unit judged and stored);
//
//   - root-page: the root unit judged from the summaries (its history page);
//
//   - root-members: the baseline, the root unit judged with its members
//     read one by one (SubjectForYear), what a refresh did for every unit.
//
//     go test ./sqldb/verdicts -run '^$' -bench UnitSummaries -benchtime 3x
func BenchmarkUnitSummaries(b *testing.B) {
	n := 10_000
	if s := os.Getenv("THIDUA_BENCH_PEOPLE"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			var db *sqldb.DB
			if dialect == "sqlite" {
				db = sqldbtest.OpenSQLite(b)
			} else {
				db = sqldbtest.OpenPostgres(b)
			}
			pop := sqldbtest.Populate(b, db, n, 2026)
			svc := rules.NewService(nil, "default")
			year, asOf := 2025, thidua.NewDate(2026, 1, 15)
			root, err := db.FindHistory(sys, thidua.SubjectUnit, pop.Root)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := db.UnitEligibility(sys, svc, year, asOf, []int64{pop.Root}); err != nil {
				b.Fatal(err)
			}
			edit := func(i int) {
				h, err := db.FindHistory(sys, thidua.SubjectPerson, pop.People[i%len(pop.People)])
				if err != nil {
					b.Fatal(err)
				}
				h.History.Ratings = slices.DeleteFunc(h.History.Ratings, func(r thidua.Rating) bool { return r.Year == year })
				h.History.Ratings = append(h.History.Ratings, thidua.Rating{Year: year, Code: []string{thidua.RatingHTXSNV, thidua.RatingHTNV}[i%2]})
				if err := db.SaveHistory(sys, h); err != nil {
					b.Fatal(err)
				}
			}
			step := func(name string, prepare func(i int), fn func() error) {
				b.Run(name, func(b *testing.B) {
					var spent time.Duration
					for i := range b.N {
						prepare(i)
						t0 := time.Now()
						if err := fn(); err != nil {
							b.Fatal(err)
						}
						spent += time.Since(t0)
					}
					b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "ms/op")
				})
			}
			none := func(int) {}
			step("first-summaries", func(int) {
				if _, err := db.SQL().Exec(`DELETE FROM unit_member_facts`); err != nil {
					b.Fatal(err)
				}
			}, func() error {
				_, err := db.SubtreeMemberFacts(sys, year, "")
				return err
			})
			step("edit-summaries", edit, func() error {
				_, err := db.SubtreeMemberFacts(sys, year, "")
				return err
			})
			step("edit-table", edit, func() error {
				_, _, err := db.UnitEligibility(sys, svc, year, asOf, []int64{pop.Root})
				return err
			})
			step("root-page", edit, func() error {
				_, _, _, err := db.UnitVerdicts(sys, svc, root, year, asOf)
				return err
			})
			step("root-members", none, func() error {
				sub, err := svc.SubjectForYear(sys, db, root, year, asOf)
				if err == nil {
					_, err = svc.EvaluateAll(sub, year, asOf)
				}
				return err
			})
		})
	}
}
