package rules

import (
	"math/rand/v2"
	"testing"

	"thidua"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
)

// TestCompilerAgreesWithCEL compiles expressions over facts, parameters
// and constants into closures and checks each against CEL's own
// interpreter on random values: the closures must mean what CEL means.
func TestCompilerAgreesWithCEL(t *testing.T) {
	params := map[string]paramDecl{"share": {slot: 0, kind: kDouble}, "flag": {slot: 1, kind: kBool}, "n": {slot: 2, kind: kInt}}
	comp, err := newCompiler(params)
	if err != nil {
		t.Fatal(err)
	}
	exprs := []string{
		"rating >= HTTNV",
		"rating == HTXSNV || (rating >= HTNV && !pending)",
		"window_start <= year && year - window_start >= 2",
		"!(female && member_count > 3) || rating * 2 - 1 > params.n",
		"params.flag ? rating > HTNV : rating < HTTNV",
		"double(member_count) * params.share >= 2.5",
		"female_share >= params.share != pending",
		"-rating < -2 && int(params.share * 10.0) >= 5",
		"(year > 2024) == (rating != 0)",
		"member_count + 0 > 0 ? female_share / double(member_count) < 0.5 : true",
		"female_share > 0.5 || double(rating) >= 3.5",
	}
	// The CEL reference: the same declarations, evaluated by CEL.
	opts := []cel.EnvOption{cel.CrossTypeNumericComparisons(true)}
	for name, v := range variables {
		opts = append(opts, cel.Variable(name, v.kind.celType()))
	}
	for name, c := range constants {
		opts = append(opts, cel.Constant(name, cel.IntType, types.Int(c)))
	}
	for name, p := range params {
		opts = append(opts, cel.Variable("params."+name, p.kind.celType()))
	}
	ref, err := cel.NewEnv(opts...)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, src := range exprs {
		n, err := comp.compileBool(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		a, iss := ref.Compile(src)
		if iss.Err() != nil {
			t.Fatalf("%s: %v", src, iss.Err())
		}
		prg, err := ref.Program(a)
		if err != nil {
			t.Fatal(err)
		}
		trues := 0
		for i := 0; i < 500; i++ {
			var f facts
			f.year = 2020 + rng.IntN(8)
			f.rating[0] = int8(rng.IntN(5))
			f.win = 1
			f.pending = rng.IntN(2) == 0
			f.female = rng.IntN(2) == 0
			f.mem.members = rng.IntN(6)
			f.mem.female = rng.IntN(f.mem.members + 1)
			f.windowStart = 2018 + rng.IntN(10)
			pv := []float64{rng.Float64(), float64(rng.IntN(2)), float64(rng.IntN(8))}
			e := &env{f: &f, params: pv}
			got := n.b(e)
			femaleShare := 0.0
			if f.mem.members > 0 {
				femaleShare = float64(f.mem.female) / float64(f.mem.members)
			}
			out, _, err := prg.Eval(map[string]any{
				"year": f.year, "rating": int(f.rating[0]), "pending": f.pending, "female": f.female,
				"member_count": f.mem.members, "female_share": femaleShare, "window_start": f.windowStart,
				"discipline_window": 0, "discipline_in_tenure": false,
				"maternity_bridged": false, "excluded_special": false, "skipped_revoked": false, "skipped_consumed": false,
				"params.share": pv[0], "params.flag": pv[1] != 0, "params.n": int(pv[2]),
			})
			if err != nil {
				t.Fatalf("%s: CEL: %v", src, err)
			}
			if want := out == types.True; got != want {
				t.Fatalf("%s with %+v params %v: closure %v, CEL %v", src, f, pv, got, want)
			}
			if got {
				trues++
			}
		}
		if trues == 0 || trues == 500 {
			t.Errorf("%s is constant over the samples (%d/500 true): the test proves little", src, trues)
		}
	}
}

func TestTitleIndex(t *testing.T) {
	for i, code := range titleCodes {
		if got := titleIndex(code); got != i {
			t.Errorf("titleIndex(%q) = %d, want %d", code, got, i)
		}
	}
	for _, code := range []string{"", "X", "CTX", "LDTX", "CSTDX", "CSTDCX", "TTLDTQ", "cstdcs", "CSTDCSS", "GK", "BKCT"} {
		if got := titleIndex(code); got != -1 {
			t.Errorf("titleIndex(%q) = %d, want -1", code, got)
		}
	}
	for i, code := range formCodes {
		if got := formIndex(code); got != i {
			t.Errorf("formIndex(%q) = %d, want %d", code, got, i)
		}
	}
}

func TestRangeMaskAndRun(t *testing.T) {
	if got := rangeMask(2025, 2023, 2025); got != 0b111 {
		t.Errorf("rangeMask(2025, 2023, 2025) = %b", got)
	}
	if got := rangeMask(2025, 2021, 2022); got != 0b11000 {
		t.Errorf("rangeMask(2025, 2021, 2022) = %b", got)
	}
	if got := rangeMask(2025, 2026, 2030); got != 0 {
		t.Errorf("rangeMask after y = %b", got)
	}
	if got := rangeMask(2025, 0, 2025); got != 0xFFFFFFFF {
		t.Errorf("rangeMask over the horizon = %b", got)
	}
	if got := run(0b1011); got != 0b11 {
		t.Errorf("run(1011) = %b", got)
	}
	if got := run(0xFFFFFFFF); got != 0xFFFFFFFF {
		t.Errorf("run(all) = %b", got)
	}
}

// TestConsumedByTitle checks the facts' reading of consumed_by against
// Initiative.ConsumedByCode, the reading the rest of the product uses.
func TestConsumedByTitle(t *testing.T) {
	for _, s := range []string{"CSTDCS 2024", "cstdcs 2024", " LDTT:2023", "CSTDT/2022", "TTLDXS#1", "CTT,2021", "CTCP;x",
		"CSTT(2020)", "BKCT 15/QĐ-UBND", "GK", "", "  ", "CSTDCSX 2024", "Cstdtq", "\u00a0LDTT 2024", "LĐTT 2024", "cstđcs"} {
		in := thidua.Initiative{ConsumedBy: s}
		if got, want := consumedByTitle(s), titleIndex(in.ConsumedByCode()) >= 0; got != want {
			t.Errorf("consumedByTitle(%q) = %v, want %v", s, got, want)
		}
	}
}
