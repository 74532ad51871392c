// Command eligibility-bench measures the eligibility engine (package rules)
// against a hand-written Go function that evaluates the same rules directly
// (rules/bench.Direct), on the same generated data in the same run.
//
// It generates -n people with 10-year histories from a deterministic PRNG
// (and collectives of 20 of them), evaluates every award for all of them
// with the engine and with the baseline, checks that both give the same
// verdicts, and prints both times (median of -rounds), their ratio (goal:
// at most 1.3×, floor 2×) and the
// time for a province of -province people (goal: well under a second).
//
//	go run ./cmd/eligibility-bench            # 1,000,000 people
//	go run ./cmd/eligibility-bench -n 100000  # quicker
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

func main() {
	n := flag.Int("n", 1_000_000, "people to generate")
	province := flag.Int("province", 50_000, "people in the province-sized run")
	seed := flag.Uint64("seed", 2026, "PRNG seed")
	rounds := flag.Int("rounds", 5, "timed rounds; the median of each side is reported")
	full := flag.Int("full", 20_000, "people evaluated with full explanations (EvaluateAll), for reference")
	flag.Parse()
	if err := run(*n, *province, *seed, *rounds, *full); err != nil {
		fmt.Fprintln(os.Stderr, "eligibility-bench:", err)
		os.Exit(1)
	}
}

func run(n, provinceN int, seed uint64, rounds, fullN int) error {
	runtime.GOMAXPROCS(2)
	// The measured loops run on one OS thread that runs nothing else, so
	// that an instruction count under callgrind (whose --toggle-collect
	// follows threads, not goroutines) holds the measured work only, not
	// a collector's or another goroutine's that ran on the same thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const year = bench.LastYear
	asOf := thidua.NewDate(year, 12, 31)

	t0 := time.Now()
	people := bench.People(n, seed)
	units := bench.Units(people, seed)
	fmt.Printf("generated %d people with %d-year histories and %d collectives in %v\n",
		len(people), bench.LastYear-bench.FirstYear+1, len(units), time.Since(t0).Round(time.Millisecond))

	eng := rules.Default()
	checker, err := eng.NewChecker("default")
	if err != nil {
		return err
	}
	engineOut := make([]rules.Code, 0, len(rules.IndividualAwards)*len(people)+len(rules.CollectiveAwards)*len(units))
	directOut := make([]rules.Code, 0, cap(engineOut))

	runEngine := func(subjects ...[]rules.Subject) {
		engineOut = engineOut[:0]
		for _, ss := range subjects {
			for i := range ss {
				engineOut = checker.Check(&ss[i], year, asOf, engineOut)
			}
		}
	}
	runDirect := func(subjects ...[]rules.Subject) {
		directOut = directOut[:0]
		for _, ss := range subjects {
			for i := range ss {
				directOut = bench.Direct(&ss[i], year, asOf, directOut)
			}
		}
	}
	// Rounds alternate engine and baseline so that both see the same
	// machine load; the median round of each is reported, and the ratio
	// of the medians.
	pair := func(a, b func()) (ta, tb time.Duration) {
		var as, bs []time.Duration
		for r := 0; r < rounds; r++ {
			for i, f := range []func(){a, b} {
				runtime.GC()
				t := time.Now()
				f()
				d := time.Since(t)
				if i == 0 {
					as = append(as, d)
				} else {
					bs = append(bs, d)
				}
			}
		}
		slices.Sort(as)
		slices.Sort(bs)
		return as[len(as)/2], bs[len(bs)/2]
	}

	te, td := pair(func() { runEngine(people, units) }, func() { runDirect(people, units) })
	if len(engineOut) != len(directOut) {
		return fmt.Errorf("engine gave %d verdicts, baseline %d", len(engineOut), len(directOut))
	}
	for i := range engineOut {
		if engineOut[i] != directOut[i] {
			return fmt.Errorf("verdict %d differs: engine %s, baseline %s", i, engineOut[i], directOut[i])
		}
	}
	counts := map[rules.Code]int{}
	for _, c := range engineOut {
		counts[c]++
	}
	subjects := len(people) + len(units)
	fmt.Printf("verdicts: %d (eligible %d, needs_review %d, on_hold %d, not_eligible %d), engine and baseline agree on all\n",
		len(engineOut), counts[rules.CodeEligible], counts[rules.CodeNeedsReview], counts[rules.CodeOnHold], counts[rules.CodeNotEligible])
	fmt.Printf("engine (rule files, CEL compiled to closures): %v (%.0f ns/subject)\n", te.Round(time.Millisecond), float64(te.Nanoseconds())/float64(subjects))
	fmt.Printf("hand-written Go baseline:                     %v (%.0f ns/subject)\n", td.Round(time.Millisecond), float64(td.Nanoseconds())/float64(subjects))
	fmt.Printf("ratio engine/baseline: %.2f× (median of %d rounds each; goal ≤ 1.3×, floor ≤ 2×)\n", float64(te)/float64(td), rounds)

	pn := min(provinceN, len(people))
	pu := pn / bench.UnitSize
	tp, tpd := pair(func() { runEngine(people[:pn], units[:pu]) }, func() { runDirect(people[:pn], units[:pu]) })
	fmt.Printf("province of %d people and %d collectives: engine %v, baseline %v\n", pn, pu, tp.Round(time.Microsecond), tpd.Round(time.Microsecond))

	if fullN > 0 {
		// Wall time and the process's CPU time (user + system): on a
		// shared machine the CPU time is what the work itself costs.
		fn := min(fullN, len(people))
		var ds, cs []time.Duration
		for r := 0; r < rounds; r++ {
			runtime.GC()
			c0 := cpuTime()
			t := time.Now()
			for i := 0; i < fn; i++ {
				if _, err := eng.EvaluateAll(people[i], year, asOf, "default"); err != nil {
					return err
				}
			}
			ds, cs = append(ds, time.Since(t)), append(cs, cpuTime()-c0)
		}
		slices.Sort(ds)
		slices.Sort(cs)
		d, c := ds[len(ds)/2], cs[len(cs)/2]
		goal := 20.0 * float64(len(rules.IndividualAwards)) / 8
		fmt.Printf("full explained verdicts (EvaluateAll, conditions, citations, money) for %d people, %d awards each: %.1f µs/person wall, %.1f µs/person CPU (median of %d; goal ≤ %.0f µs for %d awards, scaled from 20 µs for 8)\n",
			fn, len(rules.IndividualAwards), float64(d.Nanoseconds())/1000/float64(fn), float64(c.Nanoseconds())/1000/float64(fn), rounds, goal, len(rules.IndividualAwards))
	}
	return nil
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
