package rules_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/rules/bench"
)

// goldenSubjects are generated people and collectives, some of them
// varied so that every kind of fact is read: households, posthumous
// proposals, workers and farmers (R-LDTT-02), known registrations
// (R-CAMP-04), cluster leads (R-CAMP-06).
func goldenSubjects() []rules.Subject {
	people := bench.People(1200, 23)
	units := bench.Units(people, 23)
	out := make([]rules.Subject, 0, len(people)+len(units))
	for i, p := range people {
		switch i % 13 {
		case 3:
			p.Posthumous = true
		case 5:
			p.Occupation = rules.Occupations[i%len(rules.Occupations)].Code
		case 7:
			p.Registrations = []int{2022, 2023, 2025}
		case 9:
			p.Registrations = []int{}
		case 11:
			p.Kind = rules.Household
		}
		out = append(out, p)
	}
	for i, u := range units {
		if i%3 == 0 {
			u.ClusterLeads = []int{2024, 2025}
		}
		if i%4 == 1 {
			u.Registrations = []int{2025}
		}
		out = append(out, u)
	}
	return out
}

// goldenCases are the profiles and dates of the golden hashes: every rule
// set (TDKT-2018 … TDKT-2026), both profiles, titles judged by an earlier
// set than the evaluation date's.
var goldenCases = []struct {
	prov string
	year int
	asOf thidua.Date
}{
	{"default", 2023, thidua.NewDate(2023, 12, 31)},
	{"default", 2024, thidua.NewDate(2025, 3, 1)},
	{"default", 2025, thidua.NewDate(2025, 6, 30)},
	{"default", 2025, thidua.NewDate(2025, 12, 31)},
	{"default", 2026, thidua.NewDate(2026, 11, 2)},
	{"bac-ninh", 2024, thidua.NewDate(2024, 12, 31)},
	{"bac-ninh", 2025, thidua.NewDate(2025, 7, 1)},
	{"bac-ninh", 2025, thidua.NewDate(2026, 3, 15)},
}

// TestGoldenVerdicts pins, by a SHA-256 of their JSON, the explained
// verdicts (EvaluateAll: conditions, facts, explanations, reasons,
// citations, council thresholds, money) and the bulk codes (Checker) of
// the golden subjects. The hashes were taken from the engine before the
// speed work of issue 13 (commit "rules: golden hashes …"), so any change
// to what the engine says — a byte of an explanation, a fact's years, the
// order of reasons — fails here. A deliberate change of the rules or
// their texts updates the hashes in the same commit, saying why.
func TestGoldenVerdicts(t *testing.T) {
	eng := rules.Default()
	subjects := goldenSubjects()
	want := map[string][2]string{
		"default 2023 2023-12-31": {"07bf043f5c96c991e5df4ac6d5614b8a2868662a527742bd4146faba72e20e04",
			"63ed03a7e847e18be920b1ad83a297bf4fd82bb224670d7141b8fa3d2ea55615"},
		"default 2024 2025-03-01": {"7552d6f5fb46e42265a2b944edbcc55f8b85426bad2613da0ef1e3e9b31b7fad",
			"5af94b31085c29ff336251edb467166eee7c951565007855eb0814619ab99128"},
		"default 2025 2025-06-30": {"dec73830f7518c1aa2d4c5dca8c7916bb59a741166a7792779be4f81bd90cf82",
			"e5faea5ce1732c95cf36f69c003fa393808f181eeadbcc54619c0c4fd94b2af8"},
		"default 2025 2025-12-31": {"8f6f5d9020db5939e1316fad69ac269fcd12346e6a70dc199b30a110db99b5c7",
			"ff80af45e23f1a728d14fb28aac51c62c5495f20ed2d647f326e64fedd3295db"},
		"default 2026 2026-11-02": {"8989b02daf1cd0b26a3e716ce5d32bf7d03f5c1ecd5132cc7a8e2d18a32ab684",
			"8b849746aef9ba82775dcca3f343a3c7d764e1d65d654c88aab4ad0bc7f23ebf"},
		"bac-ninh 2024 2024-12-31": {"1ced72667a1786732c4ae4da1d9f22f72bec9d8b1d69687628f4c4a969a75b3f",
			"a9f3d9d42482bd87ce0bc0a5b8d24f69fac9da1892ab88e56c961c4355db017a"},
		"bac-ninh 2025 2025-07-01": {"88ad92caf991c1806d196a16f9b90993a87968e66d899d406ee8123787af2896",
			"8668252f45cd174acc3ecf2315a9caaa54517c1c2cdcd816621da304ee5a5aae"},
		"bac-ninh 2025 2026-03-15": {"f5256a15f54ba7aeaaf4b8db5a77dbe5e3688da796bf74048c416e0c241c5574",
			"5b3c5d3290c241a62f33f0794ce00c8ae21cff9dc81763165b99690b619851bd"},
	}
	for _, tc := range goldenCases {
		name := tc.prov + " " + strconv.Itoa(tc.year) + " " + tc.asOf.ISO()
		c, err := eng.NewChecker(tc.prov)
		if err != nil {
			t.Fatal(err)
		}
		full, codes := sha256.New(), sha256.New()
		enc := json.NewEncoder(full)
		var cs []rules.Code
		for i := range subjects {
			vs, err := eng.EvaluateAll(subjects[i], tc.year, tc.asOf, tc.prov)
			if err != nil {
				t.Fatal(err)
			}
			if err := enc.Encode(vs); err != nil {
				t.Fatal(err)
			}
			cs = c.Check(&subjects[i], tc.year, tc.asOf, cs[:0])
			for j, code := range cs {
				if code.String() != vs[j].Verdict {
					t.Fatalf("%s subject %d %s: Check %s, EvaluateAll %s", name, i, vs[j].Award, code, vs[j].Verdict)
				}
				codes.Write([]byte{byte(code)})
			}
		}
		got := [2]string{hex.EncodeToString(full.Sum(nil)), hex.EncodeToString(codes.Sum(nil))}
		if got != want[name] {
			t.Errorf("%s: hashes of EvaluateAll and Check are\n\t%q, %q\nwant\t%q, %q", name, got[0], got[1], want[name][0], want[name][1])
		}
	}
}
