package rules_test

import (
	"fmt"
	"testing"

	"thidua"
	"thidua/rules"
)

const (
	HTXSNV = thidua.RatingHTXSNV
	HTTNV  = thidua.RatingHTTNV
	HTNV   = thidua.RatingHTNV
	KHTNV  = thidua.RatingKHTNV
	CT     = thidua.AwardCongTrang
	DX     = thidua.AwardDotXuat
	PT     = thidua.AwardPhongTrao
)

// check is one expectation on a condition of the verdict: its status, or
// "absent" when it must not be listed.
type check struct {
	rule, point, status string
}

type ruleCase struct {
	name     string
	s        rules.Subject
	award    string
	year     int
	asOf     string
	province string
	want     string
	checks   []check
}

// TestRules holds a table of cases per rule id of the rulebook (law.md),
// including the edge cases of its section 5.
func TestRules(t *testing.T) {
	// Collective members: n of 10 are LĐTT, one is CSTĐCS.
	team := func(y, ldtt int, extra func(i int) string) []rules.Subject {
		return members(10, y, func(i int) string {
			if extra != nil {
				if s := extra(i); s != "" {
					return s
				}
			}
			switch {
			case i == 0:
				return HTXSNV + " LDTT CSTDCS"
			case i < ldtt:
				return HTTNV + " LDTT"
			}
			return HTNV
		})
	}
	// The BK Thủ tướng history: HTTNV or better 2021–2025, CSTĐCS 2021,
	// 2023, 2025.
	bkttgHist := hist{2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2023: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}
	// The Bộ Nội vụ worked example of R-BKT-01: 2023 HTXSNV with one
	// initiative, 2024 HTXSNV with one initiative and CSTĐCS by HTXSNV.
	worked := func(opts ...opt) rules.Subject {
		s := person(hist{2023: HTXSNV, 2024: HTXSNV + " CSTDCS"},
			append([]opt{initiative(2023, "CO_SO", ""), initiative(2024, "CO_SO", "")}, opts...)...)
		s.Titles[0].Path = thidua.PathHTXSNV
		return s
	}
	cases := map[string][]ruleCase{
		"R-LDTT-01": {
			{name: "HTTNV", s: person(hist{2024: HTTNV}), award: "LDTT", year: 2024, asOf: "2025-08-01", want: rules.Eligible,
				checks: []check{{"R-LDTT-01", "a", "met"}, {"R-LDTT-01", "b", "attest"}}},
			{name: "HTNV", s: person(hist{2024: HTNV}), award: "LDTT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible,
				checks: []check{{"R-LDTT-01", "a", "not_met"}}},
			{name: "no rating", s: person(hist{2023: HTTNV}), award: "LDTT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible},
			{name: "2023 old regime graded C", s: person(hist{2023: HTTNV}), award: "LDTT", year: 2023, asOf: "2024-01-20", want: rules.NeedsReview,
				checks: []check{{"R-LDTT-01", "a", "review"}}},
		},
		"R-CSTDCS-01": {
			{name: "2024 HTXSNV alone suffices", s: person(hist{2024: HTXSNV}), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.Eligible,
				checks: []check{{"R-CSTDCS-01", "2a", "met"}}},
			{name: "2023 HTXSNV without initiative (old regime)", s: person(hist{2023: HTXSNV}), award: "CSTDCS", year: 2023, asOf: "2024-01-20", want: rules.NotEligible,
				checks: []check{{"R-CSTDCS-01", "2a", "not_met"}}},
			{name: "2023 HTTNV with initiative", s: person(hist{2023: HTTNV}, initiative(2023, "CO_SO", "")), award: "CSTDCS", year: 2023, asOf: "2024-01-20", want: rules.Eligible},
			{name: "2024 HTTNV without initiative", s: person(hist{2024: HTTNV}), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.NotEligible},
			{name: "2024 HTTNV with research", s: person(hist{2024: HTTNV}, research(2024, "CO_SO")), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.Eligible,
				checks: []check{{"R-CSTDCS-01", "2c", "met"}}},
			{name: "initiative of another year", s: person(hist{2024: HTTNV}, initiative(2023, "CO_SO", "")), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.NotEligible},
			{name: "initiative already used (R-SK-03)", s: person(hist{2025: HTTNV}, initiative(2025, "CO_SO", "BKCT 15/QĐ-UBND")), award: "CSTDCS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible,
				checks: []check{{"R-SK-03", "used", "note"}}},
			{name: "KHTNV with initiative", s: person(hist{2024: KHTNV}, initiative(2024, "TINH", "")), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.NotEligible,
				checks: []check{{"R-CSTDCS-01", "1", "not_met"}, {"R-CSTDCS-01", "2b", "met"}}},
		},
		"R-CSTDT-01": {
			{name: "3 consecutive CSTDCS and a provincial initiative", s: person(hist{2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.Eligible, checks: []check{{"R-CSTDT-01", "a", "met"}, {"R-CSTDT-01", "b1", "met"}}},
			{name: "only 2 consecutive", s: person(hist{2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible, checks: []check{{"R-CSTDT-01", "a", "not_met"}}},
			{name: "gap year breaks the chain", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2023: HTTNV + " LDTT", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible},
			{name: "base-level initiative is not enough", s: person(hist{2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "CO_SO", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible, checks: []check{{"R-CSTDT-01", "b1", "not_met"}}},
			{name: "initiative used by a title: reuse unsettled (X)", s: person(hist{2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "CSTDCS 2023")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview, checks: []check{{"R-CSTDT-01", "b2", "review"}}},
			{name: "initiative used by a form is blocked", s: person(hist{2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "BKCT 15/QĐ-UBND")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible, checks: []check{{"R-SK-03", "used", "note"}}},
		},
		"R-CSTDTQ-01": {
			{name: "2 consecutive CSTDT and a national initiative", s: person(hist{2024: HTXSNV + " CSTDT", 2025: HTXSNV + " CSTDT"}, initiative(2025, "TOAN_QUOC", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "CSTDT three years apart: reading unverified (C)", s: person(hist{2022: HTXSNV + " CSTDT", 2025: HTXSNV + " CSTDT"}, initiative(2025, "TOAN_QUOC", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CSTDTQ-01", "a1", "not_met"}, {"R-CSTDTQ-01", "a2", "review"}}},
			{name: "one CSTDT", s: person(hist{2025: HTXSNV + " CSTDT"}, initiative(2025, "TOAN_QUOC", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "provincial initiative is not enough", s: person(hist{2024: HTXSNV + " CSTDT", 2025: HTXSNV + " CSTDT"}, initiative(2025, "TINH", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
		},
		"R-TTLDTT-01": {
			{name: "default profile: 50% share graded C", s: unit(hist{2025: HTTNV}, team(2025, 8, nil)), award: "TTLDTT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-TTLDTT-01", "a", "met"}, {"R-TTLDTT-01", "b", "review"}}},
			{name: "Bắc Ninh: 80% LĐTT", s: unit(hist{2025: HTTNV}, team(2025, 8, nil)), award: "TTLDTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.Eligible,
				checks: []check{{"R-TTLDTT-01", "b", "met"}}},
			{name: "Bắc Ninh: 60% LĐTT", s: unit(hist{2025: HTTNV}, team(2025, 6, nil)), award: "TTLDTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NotEligible,
				checks: []check{{"R-TTLDTT-01", "b", "not_met"}}},
			{name: "Bắc Ninh: member disciplined with cảnh cáo", s: unit(hist{2025: HTTNV}, withDiscipline(team(2025, 8, nil), 3, "CANH_CAO")), award: "TTLDTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NotEligible,
				checks: []check{{"R-TTLDTT-01", "c", "not_met"}}},
			{name: "Bắc Ninh: khiển trách does not block", s: unit(hist{2025: HTTNV}, withDiscipline(team(2025, 8, nil), 3, "KHIEN_TRACH")), award: "TTLDTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.Eligible},
			{name: "unit rated HTNV", s: unit(hist{2025: HTNV}, team(2025, 9, nil)), award: "TTLDTT", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
		},
		"R-TTLDXS-01": {
			{name: "all criteria, no prior TTLĐTT needed (R-GEN-04)", s: unit(hist{2025: HTXSNV}, team(2025, 8, nil)), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "a member KHTNV", s: unit(hist{2025: HTXSNV}, team(2025, 8, func(i int) string {
				if i == 9 {
					return KHTNV
				}
				return ""
			})), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible, checks: []check{{"R-TTLDXS-01", "c1", "not_met"}}},
			{name: "a member not rated", s: unit(hist{2025: HTXSNV}, team(2025, 8, func(i int) string {
				if i == 9 {
					return "-"
				}
				return ""
			})), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "no CSTĐCS member", s: unit(hist{2025: HTXSNV}, team(2025, 8, func(i int) string {
				if i == 0 {
					return HTXSNV + " LDTT"
				}
				return ""
			})), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible, checks: []check{{"R-TTLDXS-01", "d", "not_met"}}},
			{name: "60% LĐTT", s: unit(hist{2025: HTXSNV}, team(2025, 6, nil)), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible, checks: []check{{"R-TTLDXS-01", "c2", "not_met"}}},
			{name: "unit HTTNV", s: unit(hist{2025: HTTNV}, team(2025, 8, nil)), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "cảnh cáo does not block TTLĐXS by default", s: unit(hist{2025: HTXSNV}, withDiscipline(team(2025, 8, nil), 3, "CANH_CAO")), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
		},
		"R-CTT-01": {
			{name: "default: leading the cluster is judged", s: unit(hist{2025: HTXSNV}, team(2025, 8, nil)), award: "CTT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-CTT-01", "a", "review"}}},
			{name: "Bắc Ninh: unit HTTNV", s: unit(hist{2025: HTTNV}, team(2025, 8, nil)), award: "CTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NotEligible,
				checks: []check{{"R-CTT-01", "b", "not_met"}}},
			{name: "Bắc Ninh: unit HTXSNV not leading its cluster", s: unit(hist{2025: HTXSNV}, team(2025, 8, nil)), award: "CTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NotEligible,
				checks: []check{{"R-CTT-01", "a", "not_met"}, {"R-CTT-01", "b", "met"}}},
			{name: "Bắc Ninh: unit HTXSNV leading its cluster", s: leading(unit(hist{2025: HTXSNV}, team(2025, 8, nil)), 2025), award: "CTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.Eligible,
				checks: []check{{"R-CTT-01", "a", "met"}, {"R-CTT-01", "b", "met"}}},
			{name: "Bắc Ninh: led the cluster another year", s: leading(unit(hist{2025: HTXSNV}, team(2025, 8, nil)), 2024), award: "CTT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NotEligible,
				checks: []check{{"R-CTT-01", "a", "not_met"}}},
			{name: "default: leading the cluster, graded C, still reviewed", s: leading(unit(hist{2025: HTXSNV}, team(2025, 8, nil)), 2025), award: "CTT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-CTT-01", "a", "review"}}},
		},
		"R-GK-01": {
			{name: "individual HTTNV: achievement judged", s: person(hist{2025: HTTNV}), award: "GK", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-GK-01", "a", "met"}, {"R-GK-01", "g1", "review"}}},
			{name: "individual HTNV", s: person(hist{2025: HTNV}), award: "GK", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "collective HTTNV", s: unit(hist{2025: HTTNV}, team(2025, 8, nil)), award: "GK", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
		},
		"R-BKT-01": {
			{name: "Bộ Nội vụ worked example", s: worked(), award: "BKCT", year: 2024, asOf: "2025-03-01", want: rules.Eligible,
				checks: []check{{"R-BKT-01", "d2", "met"}, {"R-BKT-01", "d1", "not_met"}}},
			{name: "2 consecutive CSTĐCS", s: person(hist{2023: HTXSNV + " CSTDCS", 2024: HTTNV + " CSTDCS"}), award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.Eligible,
				checks: []check{{"R-BKT-01", "d1", "met"}}},
			{name: "one initiative only", s: person(hist{2023: HTXSNV, 2024: HTXSNV}, initiative(2024, "CO_SO", "")), award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview,
				checks: []check{{"R-BKT-01", "d2", "not_met"}, {"R-BKT-01", "a", "review"}}},
			{name: "initiative used by CSTĐCS is not counted (R-SK-03)", s: person(hist{2023: HTXSNV, 2024: HTXSNV}, initiative(2023, "CO_SO", ""), initiative(2024, "CO_SO", "CSTDCS 2024")),
				award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview, checks: []check{{"R-BKT-01", "d2", "not_met"}, {"R-SK-03", "used", "note"}}},
			{name: "two research works", s: person(hist{2023: HTXSNV, 2024: HTXSNV}, research(2023, "CO_SO"), research(2024, "TINH")), award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.Eligible,
				checks: []check{{"R-BKT-01", "d3", "met"}}},
			{name: "one initiative and one research do not add up", s: person(hist{2023: HTXSNV, 2024: HTXSNV}, initiative(2023, "CO_SO", ""), research(2024, "CO_SO")), award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview},
			{name: "HTXSNV run broken", s: person(hist{2022: HTXSNV, 2023: HTTNV, 2024: HTXSNV}, initiative(2022, "CO_SO", ""), initiative(2024, "CO_SO", "")), award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview},
		},
		"R-BKT-02": {
			{name: "default: collective criteria graded C", s: unit(hist{2024: HTXSNV, 2025: HTXSNV}, team(2025, 8, nil)), award: "BKCT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKT-02", "d1", "review"}}},
			{name: "Bắc Ninh: 2 years HTXSNV", s: unit(hist{2024: HTXSNV, 2025: HTXSNV}, team(2025, 8, nil)), award: "BKCT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.Eligible},
			{name: "Bắc Ninh: 2 years TTLĐXS", s: unit(hist{2024: HTTNV + " TTLDXS", 2025: HTTNV + " TTLDXS"}, team(2025, 8, nil)), award: "BKCT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.Eligible,
				checks: []check{{"R-BKT-02", "d2", "met"}}},
			{name: "Bắc Ninh: one year only", s: unit(hist{2024: HTTNV, 2025: HTXSNV}, team(2025, 8, nil)), award: "BKCT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NeedsReview},
		},
		"R-BKTTG-01": {
			{name: "BK tỉnh, 5 years HTTNV+, 3 CSTĐCS", s: person(bkttgHist, award("BKCT", "2020-05-10", CT, false)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-BKTTG-01", "b", "met"}}},
			{name: "Bằng khen of a ministry counts", s: person(bkttgHist, award("BKBN", "2019-05-10", CT, false)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "only 2 CSTĐCS", s: person(hist{2021: HTTNV, 2022: HTTNV, 2023: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}, award("BKCT", "2020-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-BKTTG-01", "b", "not_met"}}},
			{name: "HTNV in the window breaks the run", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTNV, 2023: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}, award("BKCT", "2020-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
			{name: "BK tỉnh inside the window: 'tiếp theo' reading unverified (X)", s: person(bkttgHist, award("BKCT", "2023-05-10", CT, false)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKTTG-01", "b", "not_met"}, {"R-BKTTG-01", "b2", "review"}}},
		},
		"R-HCLD-01": {
			{name: "criterion e", s: person(bkttgHist, award("BKTTG", "2020-06-01", CT, false)), award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-HCLD-01", "e", "met"}}},
			{name: "criterion e without an HTXSNV year (X)", s: person(hist{2021: HTTNV + " CSTDCS", 2022: HTTNV, 2023: HTTNV + " CSTDCS", 2024: HTTNV, 2025: HTTNV + " CSTDCS"}, award("BKTTG", "2020-06-01", CT, false)),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-HCLD-01", "e", "not_met"}, {"R-HCLD-01", "e2", "review"}}},
			{name: "BK Thủ tướng đột xuất does not count (R-GEN-05)", s: person(bkttgHist, award("BKTTG", "2020-06-01", DX, false)), award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-HCLD-01", "e", "not_met"}, {"R-GEN-05", "exclude", "note"}}},
		},
		"R-CH-01": {
			{name: "Giám đốc sở 7 years", s: person(hist{}, leader("GIAM_DOC_SO", "2018-01-01", "2025-01-01")), award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-CH-01", "g", "met"}}},
			{name: "5 years Giám đốc + 4 years Phó: man short", s: person(hist{}, leader("PHO_GIAM_DOC_SO", "2016-01-01", "2020-01-01"), leader("GIAM_DOC_SO", "2020-01-01", "2025-01-01")),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CH-01", "g", "not_met"}}},
			{name: "same tenure, woman: 2/3 of the time", s: person(hist{}, female(), leader("PHO_GIAM_DOC_SO", "2016-01-01", "2020-01-01"), leader("GIAM_DOC_SO", "2020-01-01", "2025-01-01")),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "higher post adds to the lower post's time", s: person(hist{}, leader("PHO_GIAM_DOC_SO", "2015-01-01", "2020-01-01"), leader("GIAM_DOC_SO", "2020-01-01", "2025-01-01")),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "disciplined during the tenure", s: person(hist{}, leader("GIAM_DOC_SO", "2018-01-01", "2025-01-01"), discipline("2019-03-01", "2019-09-01", "KHIEN_TRACH")),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CH-01", "g", "not_met"}}},
			{name: "before NĐ152: tenure table graded C", s: person(hist{}, leader("GIAM_DOC_SO", "2017-01-01", "2024-12-01")), award: "HCLD3", year: 2024, asOf: "2025-03-01", want: rules.NeedsReview,
				checks: []check{{"R-CH-01", "g", "review"}}},
		},
		"R-GEN-02": {
			{name: "BK tỉnh already decided for the period", s: worked(award("BKCT", "2025-02-01", CT, false)), award: "BKCT", year: 2024, asOf: "2025-03-01", want: rules.NeedsReview,
				checks: []check{{"R-GEN-02", "c", "review"}}},
			{name: "CSTĐ tỉnh two years ago", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS CSTDT", 2024: HTXSNV + " CSTDCS"}, initiative(2024, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview, checks: []check{{"R-GEN-02", "c", "review"}}},
		},
		"R-GEN-03": {
			{name: "female priority noted", s: person(hist{2025: HTTNV}, female()), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-GEN-03", "female", "note"}}},
			{name: "no note for a man", s: person(hist{2025: HTTNV}), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-GEN-03", "female", "absent"}}},
		},
		"R-GEN-05": {
			{name: "BK tỉnh for a thematic campaign does not open BK Thủ tướng", s: person(bkttgHist, award("BKCT", "2020-05-10", PT, false)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKTTG-01", "b", "not_met"}, {"R-GEN-05", "exclude", "note"}}},
			{name: "đột xuất BK tỉnh", s: person(bkttgHist, award("BKCT", "2020-05-10", DX, false)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKTTG-01", "b", "not_met"}}},
			{name: "before 01/7/2025 the exclusion is graded C", s: person(hist{2020: HTXSNV + " CSTDCS", 2021: HTTNV, 2022: HTXSNV + " CSTDCS", 2023: HTTNV, 2024: HTXSNV + " CSTDCS"}, award("BKCT", "2019-05-10", DX, false)),
				award: "BKTTG", year: 2024, asOf: "2025-03-01", want: rules.NeedsReview, checks: []check{{"R-GEN-05", "exclude", "review"}}},
		},
		"R-GEN-06": {
			{name: "pending proceedings: on hold", s: person(hist{2025: HTTNV}, pending()), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.OnHold,
				checks: []check{{"R-GEN-06", "hold", "hold"}}},
			{name: "pending but not eligible anyway", s: person(hist{2025: HTNV}, pending()), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "pending before 01/7/2025", s: person(hist{2024: HTTNV}, pending()), award: "LDTT", year: 2024, asOf: "2025-03-01", want: rules.OnHold},
			{name: "year under discipline", s: person(hist{2024: HTXSNV}, discipline("2024-03-01", "2024-09-01", "KHIEN_TRACH")), award: "CSTDCS", year: 2024, asOf: "2025-08-01", want: rules.NotEligible,
				checks: []check{{"R-GEN-06", "window", "not_met"}}},
			{name: "first full year after discipline counts", s: person(hist{2025: HTXSNV}, discipline("2024-03-01", "2024-09-01", "KHIEN_TRACH")), award: "CSTDCS", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "discipline resets the chain", s: person(hist{2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, initiative(2025, "TINH", ""), discipline("2024-03-01", "2024-09-01", "KHIEN_TRACH")),
				award: "CSTDT", year: 2025, asOf: "2025-12-31", want: rules.NotEligible, checks: []check{{"R-CSTDT-01", "a", "not_met"}}},
			{name: "discipline still in effect", s: person(hist{2025: HTTNV}, discipline("2025-03-01", "", "CANH_CAO")), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.NotEligible},
			{name: "discipline decided after the evaluation date is ignored", s: person(hist{2025: HTTNV}, discipline("2026-03-01", "2026-09-01", "CANH_CAO")), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "before 01/7/2025 the reset is graded C", s: person(hist{2024: HTXSNV}, discipline("2024-03-01", "2024-09-01", "KHIEN_TRACH")), award: "CSTDCS", year: 2024, asOf: "2025-03-01", want: rules.NeedsReview,
				checks: []check{{"R-GEN-06", "window", "review"}}},
		},
		"R-GEN-07": {
			{name: "maternity year keeps the CSTĐCS chain", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, female(), maternity("2023-02-01", "2023-07-31"), initiative(2024, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.Eligible, checks: []check{{"R-CSTDT-01", "a", "met"}, {"R-GEN-07", "bridge", "note"}}},
			{name: "without the leave the gap breaks it", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, female(), initiative(2024, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible},
			{name: "before 01/7/2025 the bridge is graded C", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, female(), maternity("2023-02-01", "2023-07-31"), initiative(2024, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-03-01", want: rules.NeedsReview, checks: []check{{"R-GEN-07", "bridge", "review"}}},
			{name: "maternity year in the 5-year run of BK Thủ tướng", s: person(hist{2020: HTXSNV + " CSTDCS", 2021: HTTNV, 2022: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}, female(), maternity("2023-01-01", "2023-06-30"), award("BKCT", "2019-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible},
			{name: "a rated maternity year is judged by its rating", s: person(hist{2020: HTXSNV + " CSTDCS", 2021: HTTNV, 2022: HTXSNV + " CSTDCS", 2023: HTNV, 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}, female(), maternity("2023-01-01", "2023-06-30"), award("BKCT", "2019-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
		},
		"R-GEN-08": {
			{name: "revoked CSTĐCS breaks the chain", s: person(hist{2022: HTXSNV + " CSTDCS!", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, initiative(2024, "TINH", "")),
				award: "CSTDT", year: 2024, asOf: "2025-08-01", want: rules.NotEligible, checks: []check{{"R-GEN-08", "revoked", "note"}}},
			{name: "revoked BK tỉnh does not count", s: person(bkttgHist, award("BKCT", "2020-05-10", CT, true)), award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKTTG-01", "b", "not_met"}, {"R-GEN-08", "revoked", "note"}}},
		},
		"R-SK-03": {
			{name: "one initiative, one use", s: person(hist{2023: HTXSNV, 2024: HTXSNV}, initiative(2023, "CO_SO", "BKCT 1/QĐ-UBND"), initiative(2024, "CO_SO", "")),
				award: "BKCT", year: 2024, asOf: "2025-08-01", want: rules.NeedsReview, checks: []check{{"R-BKT-01", "d2", "not_met"}, {"R-SK-03", "used", "note"}}},
		},
		"R-BKTTG-01 (NĐ 91/2017)": {
			{name: "BK + 5 following years HTXSNV + 5 initiatives", s: person(hist{2019: HTXSNV, 2020: HTXSNV, 2021: HTXSNV, 2022: HTXSNV, 2023: HTXSNV},
				award("BKCT", "2017-05-01", CT, false), initiative(2019, "CO_SO", ""), initiative(2020, "CO_SO", ""), initiative(2021, "CO_SO", ""), initiative(2022, "CO_SO", ""), initiative(2023, "CO_SO", "")),
				award: "BKTTG", year: 2023, asOf: "2023-12-15", want: rules.Eligible, checks: []check{{"R-BKTTG-01", "c", "met"}}},
			{name: "the 2022 criterion (3 CSTĐCS) does not apply in 2023", s: person(bkttgHist, award("BKCT", "2017-05-10", CT, false)), award: "BKTTG", year: 2023, asOf: "2023-12-15", want: rules.NeedsReview},
		},
	}
	for rule, list := range cases {
		for _, tc := range list {
			t.Run(rule+"/"+tc.name, func(t *testing.T) {
				v := evaluate(t, tc.s, tc.award, tc.year, tc.asOf, tc.province)
				if v.Verdict != tc.want {
					t.Errorf("verdict = %s, want %s\n%s", v.Verdict, tc.want, dump(v))
				}
				for _, c := range tc.checks {
					got := find(v, c.rule, c.point)
					switch {
					case c.status == "absent" && got != nil:
						t.Errorf("%s/%s is listed (%s), want absent\n%s", c.rule, c.point, got.Status, dump(v))
					case c.status != "absent" && got == nil:
						t.Errorf("%s/%s is missing\n%s", c.rule, c.point, dump(v))
					case got != nil && got.Status != c.status:
						t.Errorf("%s/%s status = %s, want %s\n%s", c.rule, c.point, got.Status, c.status, dump(v))
					}
				}
				for _, c := range v.Conditions {
					if c.Citation == "" || c.Explanation == "" || c.Grade == "" {
						t.Errorf("condition %s/%s lacks citation, explanation or grade", c.Rule, c.Point)
					}
				}
			})
		}
	}
}

func withDiscipline(ms []rules.Subject, i int, level string) []rules.Subject {
	ms[i].Disciplines = append(ms[i].Disciplines, thidua.Discipline{From: day("2025-02-01"), To: day("2025-08-01"), Level: level})
	return ms
}

// TestCouncilThreshold checks R-HD-03: the share of all council members
// each award needs, with its grade changing with the decree in force.
func TestCouncilThreshold(t *testing.T) {
	s := person(hist{2024: HTXSNV, 2025: HTXSNV})
	u := unit(hist{2025: HTXSNV}, nil)
	for _, tc := range []struct {
		s        rules.Subject
		award    string
		asOf     string
		province string
		want     float64
		note     string
	}{
		{s, "CSTDT", "2025-12-31", "", 0.9, "độ tin cậy C"},
		{s, "CSTDTQ", "2025-12-31", "", 0.9, "90%"},
		{s, "CSTDCS", "2025-12-31", "", 0.8, "80%"},
		{u, "CTT", "2025-12-31", "", 0.8, "80%"},
		{s, "LDTT", "2025-12-31", "", 0.5, "quá bán"},
		{s, "BKCT", "2025-12-31", "", 0.5, "quá bán"},
		{s, "CSTDCS", "2025-03-01", "", 0.8, "Nghị định 98/2023/NĐ-CP, Điều 30, Khoản 7; độ tin cậy B"},
	} {
		v := evaluate(t, tc.s, tc.award, 2025, tc.asOf, tc.province)
		if v.CouncilThreshold != tc.want {
			t.Errorf("%s as of %s: threshold %v, want %v", tc.award, tc.asOf, v.CouncilThreshold, tc.want)
		}
		if !contains(v.CouncilNote, tc.note) {
			t.Errorf("%s as of %s: note %q lacks %q", tc.award, tc.asOf, v.CouncilNote, tc.note)
		}
	}
}

func contains(s, sub string) bool { return len(sub) == 0 || indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestMoney checks R-TIEN-01/02: multiplier × base salary on the decision
// date, rounded up to 10,000 VND, and one payment per period.
func TestMoney(t *testing.T) {
	p := person(hist{2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, initiative(2025, "TINH", ""))
	u := unit(hist{2025: HTXSNV}, members(10, 2025, func(i int) string {
		if i == 0 {
			return HTXSNV + " LDTT CSTDCS"
		}
		return HTTNV + " LDTT"
	}))
	for _, tc := range []struct {
		s          rules.Subject
		award      string
		asOf       string
		multiplier float64
		base       int64
		amount     int64
	}{
		{person(hist{2025: HTTNV}), "LDTT", "2025-12-31", 0.3, 2340000, 710000}, // 702,000 rounded up
		{p, "CSTDCS", "2025-12-31", 1.0, 2340000, 2340000},
		{p, "CSTDT", "2025-12-31", 3.0, 2340000, 7020000},
		{p, "BKCT", "2025-12-31", 1.5, 2340000, 3510000},
		{p, "BKTTG", "2025-12-31", 3.5, 2340000, 8190000},
		{p, "HCLD3", "2025-12-31", 4.5, 2340000, 10530000},
		{u, "TTLDXS", "2025-12-31", 1.5, 2340000, 3510000},
		{u, "CTT", "2025-12-31", 8.0, 2340000, 18720000},
		{u, "BKCT", "2025-12-31", 3.0, 2340000, 7020000},
		{p, "CSTDCS", "2025-03-01", 0, 2340000, 0}, // before NĐ 152: no multiplier table
		{p, "CSTDCS", "2024-06-01", 0, 0, 0},       // before NĐ 73/2024: no base salary in the data
	} {
		v := evaluate(t, tc.s, tc.award, 2025, tc.asOf, "")
		m := v.Money
		if m == nil {
			t.Fatalf("%s: no money", tc.award)
		}
		if m.Multiplier != tc.multiplier || m.BaseSalaryVND != tc.base || m.AmountVND != tc.amount {
			t.Errorf("%s as of %s: money %+v, want ×%v of %d = %d", tc.award, tc.asOf, *m, tc.multiplier, tc.base, tc.amount)
		}
	}

	// Same period: LĐTT and CSTĐCS for 2025 pay only CSTĐCS.
	vs, err := rules.EvaluateAll(person(hist{2025: HTXSNV}), 2025, day("2025-12-31"), "")
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].Award != "LDTT" || vs[0].Verdict != rules.Eligible || vs[0].Money.AmountVND != 0 || !contains(vs[0].Money.Note, "R-TIEN-01") {
		t.Errorf("LDTT beside CSTDCS: %s %+v", vs[0].Verdict, *vs[0].Money)
	}
	if vs[1].Award != "CSTDCS" || vs[1].Money.AmountVND != 2340000 {
		t.Errorf("CSTDCS: %+v", *vs[1].Money)
	}
	// A CSTĐCS already recorded for the year also takes LĐTT's money.
	v := evaluate(t, person(hist{2025: HTXSNV + " CSTDCS"}), "LDTT", 2025, "2025-12-31", "")
	if v.Money.AmountVND != 0 {
		t.Errorf("LDTT with CSTDCS recorded: %+v", *v.Money)
	}
	// Without the higher title, LĐTT is paid.
	vs, err = rules.EvaluateAll(person(hist{2025: HTTNV}), 2025, day("2025-12-31"), "")
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].Money.AmountVND != 710000 {
		t.Errorf("LDTT alone: %+v", *vs[0].Money)
	}
}

func TestRoundUp(t *testing.T) {
	for _, tc := range []struct{ x, unit, want int64 }{
		{702000, 10000, 710000},
		{700000, 10000, 700000},
		{700001, 10000, 710000},
		{0, 10000, 0},
		{3510000, 10000, 3510000},
	} {
		if got := rules.RoundUp(tc.x, tc.unit); got != tc.want {
			t.Errorf("RoundUp(%d, %d) = %d, want %d", tc.x, tc.unit, got, tc.want)
		}
	}
}

// TestVersioning checks that the rules in force follow the dates: the
// criteria of a title by its year, principles, council and money by the
// evaluation date.
func TestVersioning(t *testing.T) {
	s := person(hist{2023: HTXSNV, 2024: HTXSNV})
	v23 := evaluate(t, s, "CSTDCS", 2023, "2024-01-20", "")
	v24 := evaluate(t, s, "CSTDCS", 2024, "2025-01-20", "")
	if v23.Verdict != rules.NotEligible || v24.Verdict != rules.Eligible {
		t.Errorf("CSTDCS 2023 = %s (want not_eligible), 2024 = %s (want eligible)", v23.Verdict, v24.Verdict)
	}
	if v23.RuleSet != "TDKT-2024/default" || v23.CriteriaSet != "TDKT-2018/default" {
		t.Errorf("2023: rule_set %q criteria_set %q", v23.RuleSet, v23.CriteriaSet)
	}
	if v24.CriteriaSet != "" {
		t.Errorf("2024: criteria_set %q, want empty (same as rule_set)", v24.CriteriaSet)
	}

	// NĐ98 (as of 2024-06-01… 2025-06-30) and NĐ152 (from 2025-07-01).
	m := person(hist{2021: HTXSNV + " CSTDCS", 2022: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, female(), maternity("2023-02-01", "2023-07-31"), initiative(2024, "TINH", ""))
	old := evaluate(t, m, "CSTDT", 2024, "2025-06-30", "")
	cur := evaluate(t, m, "CSTDT", 2024, "2025-07-01", "")
	if old.RuleSet != "TDKT-2024/default" || cur.RuleSet != "TDKT-2025/default" {
		t.Errorf("rule sets %q, %q", old.RuleSet, cur.RuleSet)
	}
	if old.Verdict != rules.NeedsReview || cur.Verdict != rules.Eligible {
		t.Errorf("maternity bridge: NĐ98 %s (want needs_review), NĐ152 %s (want eligible)", old.Verdict, cur.Verdict)
	}
	if c := find(old, "R-GEN-07", ""); c == nil || c.Grade != "C" {
		t.Errorf("NĐ98 R-GEN-07 condition: %+v", c)
	}
	if c := find(cur, "R-GEN-07", ""); c == nil || c.Grade != "B" || !contains(c.Citation, "152/2025") {
		t.Errorf("NĐ152 R-GEN-07 condition: %+v", c)
	}
	if old.Money.AmountVND != 0 || cur.Money.AmountVND != 7020000 {
		t.Errorf("money: NĐ98 %d, NĐ152 %d", old.Money.AmountVND, cur.Money.AmountVND)
	}
	if !contains(old.CouncilNote, "độ tin cậy B") || !contains(cur.CouncilNote, "độ tin cậy C") {
		t.Errorf("council notes %q / %q", old.CouncilNote, cur.CouncilNote)
	}
}

// TestProvinces checks the province profiles and errors.
func TestProvinces(t *testing.T) {
	ps := rules.Default().Provinces()
	if len(ps) < 2 || ps[0].Code != "default" {
		t.Fatalf("provinces %v", ps)
	}
	_, err := rules.Evaluate(person(hist{2025: HTTNV}), "LDTT", 2025, day("2025-12-31"), "atlantis")
	if thidua.ErrorCode(err) != thidua.EINVALID || thidua.ErrorFields(err)["province"] == "" {
		t.Errorf("unknown province: %v %v", err, thidua.ErrorFields(err))
	}
	_, err = rules.Evaluate(person(hist{2025: HTTNV}), "TTLDTT", 2025, day("2025-12-31"), "")
	if thidua.ErrorCode(err) != thidua.EINVALID || thidua.ErrorFields(err)["award"] == "" {
		t.Errorf("collective title for a person: %v", err)
	}
	_, err = rules.Evaluate(person(hist{2025: HTTNV}), "XYZ", 2025, day("2025-12-31"), "")
	if thidua.ErrorCode(err) != thidua.EINVALID {
		t.Errorf("unknown award: %v", err)
	}
}

// TestNoRuleInForce checks that a date before any rule of an award gives
// needs_review with the reason rather than a silent verdict.
func TestNoRuleInForce(t *testing.T) {
	v := evaluate(t, person(hist{2020: HTXSNV}), "CSTDT", 2020, "2021-01-15", "")
	if v.Verdict != rules.NeedsReview || len(v.Reasons) == 0 || !contains(v.Reasons[0], "Chưa có quy tắc") {
		t.Errorf("%s %v", v.Verdict, v.Reasons)
	}
}

func TestForecast(t *testing.T) {
	a := person(hist{2023: HTXSNV + " LDTT CSTDCS", 2024: HTXSNV + " LDTT CSTDCS"}, initiative(2024, "TINH", ""))
	a.ID, a.Name = "1", "Nguyễn Thị An"
	b := person(hist{2023: HTXSNV + " LDTT CSTDCS", 2024: HTTNV + " LDTT"})
	b.ID, b.Name = "2", "Trần Văn Bình"
	items, err := rules.Forecast([]rules.Subject{a, b}, 2024)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, it := range items {
		got[fmt.Sprintf("%s/%s/%s/%d", it.SubjectID, it.Kind, it.Award, it.Year)] = true
		if it.Text == "" {
			t.Errorf("item without text: %+v", it)
		}
	}
	for _, want := range []string{
		"1/eligible_next_year/CSTDT/2025",
		"2/streak_broken/CSTDCS/2024",
		"2/streak_broken/HTXSNV/2024",
	} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	for _, unwanted := range []string{"2/eligible_next_year/CSTDT/2025", "1/streak_broken/CSTDCS/2024", "1/eligible_next_year/BKCT/2025"} {
		if got[unwanted] {
			t.Errorf("unexpected %s", unwanted)
		}
	}
}
