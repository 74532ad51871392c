package sqldb_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// statsFilters are the filters the comparisons and the benchmark ask for:
// everything, a span of years, a department's subtree, one year of it.
func statsFilters(pop *sqldbtest.Population) []thidua.StatsFilter {
	dept := pop.Units[1]
	return []thidua.StatsFilter{
		{},
		{FromYear: 2018, ToYear: 2022},
		{UnitID: pop.Root},
		{UnitID: dept},
		{UnitID: dept, FromYear: 2024, ToYear: 2024},
	}
}

// TestAwardStatsMatchesReference sets AwardStats against the computation
// it replaced (every history document decoded whole) on a generated
// population with collective awards too: every fact, headcount and figure
// must be the same, on SQLite and PostgreSQL.
func TestAwardStatsMatchesReference(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		pop := sqldbtest.Populate(t, db, 600, 7)
		ctx := thidua.NewSystemContext(context.Background())
		// Collective titles and forms, one revoked, on two units.
		for i, id := range []int64{pop.Units[1], pop.Units[len(pop.Units)-1]} {
			sh, err := db.FindHistory(ctx, thidua.SubjectUnit, id)
			if err != nil {
				t.Fatal(err)
			}
			sh.History.Titles = append(sh.History.Titles, thidua.TitleRecord{Year: 2020 + i, Code: thidua.TitleTTLDXS, Decision: "1/QĐ-UBND"},
				thidua.TitleRecord{Year: 2023, Code: thidua.TitleTTLDXS, Revoked: true, RevokedReason: "Sai"})
			sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormBKCT, Date: thidua.NewDate(2022, 3, 1), Type: thidua.AwardCongTrang})
			if err := db.SaveHistory(ctx, sh); err != nil {
				if e, ok := err.(*thidua.Error); ok {
					t.Fatal(err, e.Fields)
				}
				t.Fatal(err)
			}
		}
		compareStats(t, db, statsFilters(pop))
		// Read again: the cells kept by the first reading (stats_cache.go).
		compareStats(t, db, statsFilters(pop))
		// Kept fresh: a new title, a revoked one, a person moved to another
		// unit and another removed change the stored figures as they do the
		// direct count.
		first, second := pop.People[0], pop.People[1]
		sh, err := db.FindHistory(ctx, thidua.SubjectPerson, first)
		if err != nil {
			t.Fatal(err)
		}
		sh.History.Titles = append(sh.History.Titles, thidua.TitleRecord{Year: 2021, Code: thidua.TitleCSTDCS, Decision: "9/QĐ-UBND"})
		if len(sh.History.Titles) > 1 {
			sh.History.Titles[0].Revoked, sh.History.Titles[0].RevokedReason = true, "Sai"
		}
		if err := db.SaveHistory(ctx, sh); err != nil {
			t.Fatal(err)
		}
		p, err := db.FindPersonByID(ctx, second)
		if err != nil {
			t.Fatal(err)
		}
		p.UnitID, p.Gender = pop.Units[len(pop.Units)-1], thidua.GenderFemale
		if err := db.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		compareStats(t, db, statsFilters(pop))
	})
}

// compareStats sets AwardStats (stored figures) against the reference
// (every history decoded on the spot) for each filter: the facts listed,
// one by one in order, the headcount, the units and every figure.
func compareStats(t *testing.T, db *sqldb.DB, filters []thidua.StatsFilter) {
	t.Helper()
	ctx := thidua.NewSystemContext(context.Background())
	for _, f := range filters {
		want, err := db.AwardStatsReference(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.AwardStats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Facts) == 0 || len(want.Staff) == 0 {
			t.Fatalf("%+v: the population gives no facts (%d) or no headcount (%d)", f, len(want.Facts), len(want.Staff))
		}
		listed := &thidua.StatsData{Filter: got.Filter, Root: got.Root, Units: got.Units, Staff: got.Staff}
		if err := got.ForEachFact(func(fa *thidua.AwardFact) error {
			listed.Facts = append(listed.Facts, *fa)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if got.Count() != len(want.Facts) || !reflect.DeepEqual(listed, want) {
			t.Errorf("%+v: %d facts counted, %d listed, want %d", f, got.Count(), len(listed.Facts), len(want.Facts))
			for i := range min(len(listed.Facts), len(want.Facts)) {
				if listed.Facts[i] != want.Facts[i] {
					t.Fatalf("first difference at fact %d: %+v, want %+v", i, listed.Facts[i], want.Facts[i])
				}
			}
			continue
		}
		for i, same := range []bool{
			reflect.DeepEqual(got.ByAward(), want.ByAward()),
			reflect.DeepEqual(got.ByUnit(), want.ByUnit()),
			reflect.DeepEqual(got.ByYear(), want.ByYear()),
			got.Fairness() == want.Fairness(),
		} {
			if !same {
				t.Errorf("%+v: figures %d differ", f, i)
			}
		}
	}
}

// BenchmarkAwardStats times AwardStats, read from the stored figures, for
// the whole province (THIDUA_BENCH_PEOPLE generated people, default
// 10,000) beside the direct count that decodes every history, in the same
// run, with the stored figures' first computation and their refresh after
// one edit, on SQLite and PostgreSQL, and
// reports the ratio and the bytes allocated per call.
//
//	go test ./sqldb -run '^$' -bench AwardStats -benchtime 1x
func BenchmarkAwardStats(b *testing.B) {
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
			ctx := thidua.NewSystemContext(context.Background())
			f := thidua.StatsFilter{UnitID: pop.Root}
			measure := func(fn func(context.Context, thidua.StatsFilter) (*thidua.StatsData, error)) (time.Duration, float64) {
				const rounds = 3
				var best time.Duration
				var m0, m1 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				for i := range rounds {
					t0 := time.Now()
					if _, err := fn(ctx, f); err != nil {
						b.Fatal(err)
					}
					if d := time.Since(t0); i == 0 || d < best {
						best = d
					}
				}
				runtime.ReadMemStats(&m1)
				return best, float64(m1.TotalAlloc-m0.TotalAlloc) / rounds / (1 << 20)
			}
			// The stored figures: computed whole once (what a first read
			// after the migration does), then refreshed after one edit.
			t0 := time.Now()
			if err := db.RefreshAwardStats(ctx); err != nil {
				b.Fatal(err)
			}
			first := time.Since(t0)
			sh, err := db.FindHistory(ctx, thidua.SubjectPerson, pop.People[len(pop.People)/2])
			if err != nil {
				b.Fatal(err)
			}
			sh.History.Titles = append(sh.History.Titles, thidua.TitleRecord{Year: 2020, Code: thidua.TitleCSTDCS, Decision: "5/QĐ-UBND"})
			if err := db.SaveHistory(ctx, sh); err != nil {
				b.Fatal(err)
			}
			t0 = time.Now()
			if err := db.RefreshAwardStats(ctx); err != nil {
				b.Fatal(err)
			}
			edit := time.Since(t0)
			b.Logf("%s, %d people: stored figures computed in %v, refreshed after one history edit in %v",
				dialect, n, first.Round(time.Millisecond), edit.Round(time.Millisecond))
			for range b.N {
				old, oldMiB := measure(db.AwardStatsReference)
				cur, curMiB := measure(db.AwardStats)
				b.ReportMetric(float64(cur.Microseconds())/1000, "ms")
				b.ReportMetric(float64(old.Microseconds())/1000, "before-ms")
				b.ReportMetric(float64(cur)/float64(old), "ratio")
				b.Logf("%s, %d people: AwardStats %v (%.1f MiB allocated) vs before %v (%.1f MiB) = %.2f×",
					dialect, n, cur.Round(time.Millisecond), curMiB, old.Round(time.Millisecond), oldMiB, float64(cur)/float64(old))
			}
		})
	}
}

// TestRefreshInShortTransactions checks that the stored statistics are
// computed a batch of subjects per transaction (a province's first
// computation must not hold SQLite's write lock for minutes), that a
// refresh cut short between batches leaves figures a later refresh
// completes, and that two refreshes at once (two servers) agree, on
// SQLite and PostgreSQL.
func TestRefreshInShortTransactions(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		pop := sqldbtest.Populate(t, db, 450, 11)
		ctx := thidua.NewSystemContext(context.Background())
		// Cut short: the second transaction is refused.
		begun := 0
		stop := errors.New("stop")
		done, err := db.RefreshAwardStatsWith(ctx, func() error {
			if begun++; begun == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || done == 0 || done > 200 {
			t.Fatalf("refresh cut at its second transaction: %d subjects, %v; want one batch of at most 200 and the error", done, err)
		}
		// The rest, in more transactions: 450 people and the units.
		begun = 0
		rest, err := db.RefreshAwardStatsWith(ctx, func() error { begun++; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if want := 450 + len(pop.Units) + 1 - done; rest < want-1 || begun < (rest+199)/200 {
			t.Errorf("rest of the refresh: %d subjects in %d transactions, want about %d in at least %d", rest, begun, want, (rest+199)/200)
		}
		compareStats(t, db, statsFilters(pop))
		// Nothing left: a refresh with no change begins no transaction.
		begun = 0
		if n, err := db.RefreshAwardStatsWith(ctx, func() error { begun++; return nil }); err != nil || n != 0 || begun != 0 {
			t.Errorf("refresh with nothing changed: %d subjects, %d transactions, %v", n, begun, err)
		}
		// Two at once after 300 histories changed: both end
		// without error, and the figures are those of the histories.
		for _, id := range pop.People[:300] {
			sh, err := db.FindHistory(ctx, thidua.SubjectPerson, id)
			if err != nil {
				t.Fatal(err)
			}
			sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormBKCT, Date: thidua.NewDate(2019, 5, 1), Type: thidua.AwardCongTrang})
			if err := db.SaveHistory(ctx, sh); err != nil {
				if e, ok := err.(*thidua.Error); ok {
					t.Fatal(err, e.Fields)
				}
				t.Fatal(err)
			}
		}
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := db.RefreshAwardStatsWith(ctx, func() error { return nil })
				errs <- err
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		compareStats(t, db, statsFilters(pop))
	})
}
