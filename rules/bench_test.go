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
// and 2,500 collectives with the engine; compare with BenchmarkDirect.
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
}

// BenchmarkEvaluateAll measures one person's full explained verdicts.
func BenchmarkEvaluateAll(b *testing.B) {
	eng := rules.Default()
	asOf := thidua.NewDate(bench.LastYear, 12, 31)
	for i := range b.N {
		if _, err := eng.EvaluateAll(benchPeople[i%len(benchPeople)], bench.LastYear, asOf, "default"); err != nil {
			b.Fatal(err)
		}
	}
}
