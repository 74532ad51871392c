package rules_test

import (
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

var benchPeople = bench.People(50000, 2026)
var benchUnits = bench.Units(benchPeople, 2026)

// BenchmarkEngine evaluates every award for a province of 50,000 people
// and 2,500 collectives with the engine; compare with BenchmarkDirect
// (ns/subject of both, in the same run: go test -run - -bench 'Engine$|Direct' ./rules).
// Wall clocks on a shared machine vary; the instruction counts of
// rules/README.md ("Speed") do not.
func BenchmarkEngine(b *testing.B) {
	c, err := rules.Default().NewChecker("default")
	if err != nil {
		b.Fatal(err)
	}
	asOf := thidua.NewDate(bench.LastYear, 12, 31)
	out := make([]rules.Code, 0, 16)
	b.ResetTimer()
	for range b.N {
		for i := range benchPeople {
			out = c.Check(&benchPeople[i], bench.LastYear, asOf, out[:0])
		}
		for i := range benchUnits {
			out = c.Check(&benchUnits[i], bench.LastYear, asOf, out[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(benchPeople)+len(benchUnits))), "ns/subject")
}

// BenchmarkDirect is the hand-written baseline on the same data.
func BenchmarkDirect(b *testing.B) {
	asOf := thidua.NewDate(bench.LastYear, 12, 31)
	out := make([]rules.Code, 0, 16)
	for range b.N {
		for i := range benchPeople {
			out = bench.Direct(&benchPeople[i], bench.LastYear, asOf, out[:0])
		}
		for i := range benchUnits {
			out = bench.Direct(&benchUnits[i], bench.LastYear, asOf, out[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(benchPeople)+len(benchUnits))), "ns/subject")
}

// BenchmarkEvaluateAll measures one person's full explained verdicts
// (every individual award: conditions, facts, citations, money), with
// its allocations.
func BenchmarkEvaluateAll(b *testing.B) {
	b.ReportAllocs()
	eng := rules.Default()
	asOf := thidua.NewDate(bench.LastYear, 12, 31)
	for i := range b.N {
		if _, err := eng.EvaluateAll(benchPeople[i%len(benchPeople)], bench.LastYear, asOf, "default"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateAllCollective is BenchmarkEvaluateAll for collectives
// of 20 members.
func BenchmarkEvaluateAllCollective(b *testing.B) {
	b.ReportAllocs()
	eng := rules.Default()
	asOf := thidua.NewDate(bench.LastYear, 12, 31)
	for i := range b.N {
		if _, err := eng.EvaluateAll(benchUnits[i%len(benchUnits)], bench.LastYear, asOf, "default"); err != nil {
			b.Fatal(err)
		}
	}
}
