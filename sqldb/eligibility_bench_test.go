package sqldb_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// BenchmarkEligibilityTable measures the stored eligibility table at
// province scale (THIDUA_BENCH_PEOPLE, default 50,000 generated people),
// on SQLite and PostgreSQL: the first computation of a whole table, the
// refresh after one history edit, and pages (first, deep by cursor, by
// unit, by award and verdict) with 4 concurrent clients, reported as p50
// and p95 in ms. With THIDUA_BENCH_OLD=1 it also times what the page did
// before (read every history and explain every verdict), the baseline.
//
//	go test ./sqldb -run '^$' -bench EligibilityTable -benchtime 1x
func BenchmarkEligibilityTable(b *testing.B) {
	n := 50_000
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
			t0 := time.Now()
			pop := sqldbtest.Populate(b, db, n, 2026)
			b.Logf("%s: generated %d people in %d units in %v", dialect, n, len(pop.Units), time.Since(t0).Round(time.Millisecond))
			svc := rules.NewService(nil, "default")
			ctx := thidua.NewSystemContext(context.Background())
			f := rules.TableFilter{Year: 2025, AsOf: thidua.NewDate(2026, 1, 15), Limit: 50}

			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			t0 = time.Now()
			if _, err := db.EligibilityTable(ctx, svc, f); err != nil {
				b.Fatal(err)
			}
			full := time.Since(t0)
			runtime.ReadMemStats(&m1)
			b.ReportMetric(full.Seconds(), "first-table-s")
			b.Logf("%s: first computation of the table (%d people × %d awards): %v, %.1f MiB allocated in all, heap in use after %.1f MiB",
				dialect, n, len(rules.IndividualAwards), full.Round(time.Millisecond), float64(m1.TotalAlloc-m0.TotalAlloc)/(1<<20), float64(m1.HeapInuse)/(1<<20))

			// One history edit: only that person is judged again.
			h, err := db.FindHistory(ctx, thidua.SubjectPerson, pop.People[0])
			if err != nil {
				b.Fatal(err)
			}
			h.History.Ratings = slices.DeleteFunc(h.History.Ratings, func(r thidua.Rating) bool { return r.Year == 2025 })
			if err := db.SaveHistory(ctx, h); err != nil {
				b.Fatal(err)
			}
			t0 = time.Now()
			if _, err := db.EligibilityTable(ctx, svc, f); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(time.Since(t0).Microseconds())/1000, "after-edit-ms")

			// A deep page's cursor: 80% through the table.
			deep := f
			deep.Limit = 500
			for walked := 0; walked < n*8/10; walked += 500 {
				p, err := db.EligibilityTable(ctx, svc, deep)
				if err != nil || p.Next == "" {
					b.Fatal(err)
				}
				deep.After = p.Next
			}
			deep.Limit = 50
			filters := []rules.TableFilter{f, deep,
				{Year: f.Year, AsOf: f.AsOf, UnitID: pop.Units[1], Limit: 50},
				{Year: f.Year, AsOf: f.AsOf, Award: thidua.TitleCSTDCS, Verdict: rules.Eligible, Limit: 50},
				{Year: f.Year, AsOf: f.AsOf, Gender: thidua.GenderFemale, Leaders: true, Limit: 50},
			}
			b.ResetTimer()
			for range b.N {
				const clients, each = 4, 50
				lat := make([]time.Duration, clients*each)
				var wg sync.WaitGroup
				for c := range clients {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := range each {
							t := time.Now()
							if _, err := db.EligibilityTable(ctx, svc, filters[(c+i)%len(filters)]); err != nil {
								b.Error(err)
								return
							}
							lat[c*each+i] = time.Since(t)
						}
					}()
				}
				wg.Wait()
				slices.Sort(lat)
				p50, p95 := lat[len(lat)/2], lat[len(lat)*95/100]
				b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
				b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
			}
			b.StopTimer()
			if os.Getenv("THIDUA_BENCH_OLD") == "1" {
				// The page before: every history read and every verdict explained.
				t0 = time.Now()
				hs, err := db.FindHistories(ctx, thidua.HistoryFilter{Subject: thidua.SubjectPerson})
				if err != nil {
					b.Fatal(err)
				}
				for _, h := range hs {
					if _, err := svc.EvaluateAll(rules.SubjectOf(h, f.AsOf), f.Year, f.AsOf); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(time.Since(t0).Seconds(), "old-page-s")
			}
		})
	}
}
