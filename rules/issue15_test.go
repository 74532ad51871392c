package rules_test

import (
	"strings"
	"testing"

	"thidua"
	"thidua/rules"
)

// These tables hold the second legal reading of the rulebook: awards the
// law names that were refused, verdicts that were firm where the rulebook
// is silent or strict, and reasons that named the wrong rule. Each case
// names its rule id.

func worker(occ string) opt { return func(s *rules.Subject) { s.Occupation = occ } }
func posthumous() opt       { return func(s *rules.Subject) { s.Posthumous = true } }
func registered(years ...int) opt {
	return func(s *rules.Subject) { s.Registrations = append([]int{}, years...) }
}

func household() rules.Subject { return rules.Subject{Kind: rules.Household} }

func TestSecondReading(t *testing.T) {
	team := func(y, xs int) []rules.Subject {
		return members(10, y, func(i int) string {
			switch {
			case i == 0:
				return HTXSNV + " LDTT CSTDCS"
			case i < xs:
				return HTXSNV + " LDTT"
			}
			return HTTNV + " LDTT"
		})
	}
	u := unit(hist{2021: HTXSNV, 2022: HTXSNV, 2023: HTXSNV, 2024: HTXSNV, 2025: HTXSNV + " CTT"}, team(2025, 2))
	bk5 := hist{2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2023: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}
	cases := map[string][]ruleCase{
		// 1. HCLĐ hạng Nhì, hạng Nhất: criteria graded C, never an unknown code.
		"R-HCLD-02": {
			{name: "HCLĐ hạng Nhì, individual", s: person(bk5, award("HCLD3", "2019-05-01", CT, false)), award: "HCLD2", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-HCLD-02", "k", "review"}, {"R-HCLD-02", "prior", "review"}}},
			{name: "HCLĐ hạng Nhất, individual", s: person(bk5), award: "HCLD1", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-HCLD-02", "k", "review"}}},
			{name: "HCLĐ hạng Nhì, collective", s: u, award: "HCLD2", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
			{name: "pending proceedings still hold", s: person(bk5, pending()), award: "HCLD2", year: 2025, asOf: "2025-12-31", want: rules.NotEligible + "|" + rules.OnHold},
		},
		// 2. Cờ thi đua của Chính phủ (Luật Điều 25).
		"R-CTCP-01": {
			{name: "collective with Cờ tỉnh and HTXSNV", s: u, award: "CTCP", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-CTCP-01", "a", "review"}, {"R-CTCP-01", "r", "review"}}},
			{name: "collective rated HTNV: still only reviewable (C)", s: unit(hist{2025: HTNV}, team(2025, 1)), award: "CTCP", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-CTCP-01", "r", "review"}}},
		},
		// 3. BK Thủ tướng and HCLĐ hạng Ba for collectives (Luật Điều 73.2, 44.3).
		"R-BKTTG-01 collective": {
			{name: "BK Thủ tướng, collective", s: u, award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-BKTTG-01", "c", "not_met"}, {"R-BKTTG-01", "a", "review"}}},
		},
		"R-HCLD-01 collective": {
			{name: "HCLĐ hạng Ba, collective", s: u, award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-HCLD-01", "b", "not_met"}, {"R-HCLD-01", "a", "review"}}},
		},
		// 4. A statutory maternity year inside a run of years counts.
		"R-GEN-07": {
			{name: "5-year HTTNV run with an unrated maternity year: met", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, female(), maternity("2023-01-01", "2023-07-31"), award("BKCT", "2019-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-BKTTG-01", "b", "met"}, {"R-GEN-07", "bridge", "note"}}},
			{name: "same run before 01/7/2025: review (C)", s: person(hist{2020: HTXSNV + " CSTDCS", 2021: HTTNV, 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS"}, female(), maternity("2022-01-01", "2022-07-31"), award("BKCT", "2018-05-10", CT, false)),
				award: "BKTTG", year: 2024, asOf: "2025-06-30", want: rules.NeedsReview, checks: []check{{"R-BKTTG-01", "b", "met"}, {"R-GEN-07", "bridge", "review"}}},
			{name: "HCLĐ hạng Ba (e) through a maternity year", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, female(), maternity("2023-01-01", "2023-07-31"), award("BKTTG", "2020-05-10", CT, false)),
				award: "HCLD3", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-HCLD-01", "e", "met"}}},
			{name: "4 years without the leave stay short", s: person(hist{2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, female(), award("BKCT", "2019-05-10", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-BKTTG-01", "b", "not_met"}}},
		},
		// 5. Overlapping bases of two CSTĐ tỉnh.
		"R-GEN-02": {
			{name: "CSTĐ toàn quốc on CSTĐ tỉnh 2024 and 2025 sharing CSTĐCS years", s: person(hist{2022: HTXSNV + " CSTDCS", 2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS CSTDT", 2025: HTXSNV + " CSTDCS CSTDT"}, initiative(2025, "TOAN_QUOC", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CSTDTQ-01", "a1", "met"}, {"R-GEN-02", "c", "review"}}},
		},
		// 7. Firm answers where the rulebook is silent or strict.
		"R-CSTDT-01": {
			{name: "provincial initiative of 2015: window not stated (C)", s: person(hist{2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, initiative(2015, "TINH", "")),
				award: "CSTDT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CSTDT-01", "b1", "not_met"}, {"R-CSTDT-01", "b3", "review"}}},
			{name: "provincial initiative inside the 3 years", s: person(hist{2023: HTXSNV + " CSTDCS", 2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, initiative(2023, "TINH", "")),
				award: "CSTDT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-CSTDT-01", "b1", "met"}}},
		},
		"R-CSTDTQ-01": {
			{name: "national initiative of 2015: window not stated (C)", s: person(hist{2024: HTXSNV + " CSTDT", 2025: HTXSNV + " CSTDT"}, initiative(2015, "TOAN_QUOC", "")),
				award: "CSTDTQ", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-CSTDTQ-01", "b3", "review"}}},
		},
		"R-BKTTG-01": {
			{name: "BK tỉnh in the first year of the 5-year run: stricter reading (X)", s: person(bk5, award("BKCT", "2021-03-01", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-BKTTG-01", "b", "not_met"}, {"R-BKTTG-01", "b2", "review"}}},
			{name: "BK tỉnh the year before the run", s: person(bk5, award("BKCT", "2020-11-01", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-BKTTG-01", "b", "met"}}},
			{name: "BK tỉnh inside a longer run, 5 years before the proposal", s: person(hist{2017: HTTNV, 2018: HTTNV, 2019: HTTNV, 2020: HTTNV, 2021: HTXSNV + " CSTDCS", 2022: HTTNV, 2023: HTXSNV + " CSTDCS", 2024: HTTNV, 2025: HTXSNV + " CSTDCS"}, award("BKCT", "2019-06-01", CT, false)),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-BKTTG-01", "b", "met"}}},
			{name: "posthumous BK Thủ tướng: allowed by Điều 73", s: person(bk5, award("BKCT", "2020-11-01", CT, false), posthumous()),
				award: "BKTTG", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-BKTTG-01", "truy", "note"}}},
		},
		// What the law names and the engine did not know.
		"R-AHLD-01": {
			{name: "Anh hùng Lao động, individual", s: person(bk5), award: rules.AwardAHLD, year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-AHLD-01", "k", "review"}}},
			{name: "Anh hùng Lao động, collective", s: u, award: rules.AwardAHLD, year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
		},
		"R-KNC-01": {
			{name: "Kỷ niệm chương: criteria of the province", s: person(bk5), award: rules.AwardKNC, year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-KNC-01", "k", "review"}}},
			{name: "Kỷ niệm chương for a collective: no text, review", s: u, award: rules.AwardKNC, year: 2025, asOf: "2025-12-31", want: rules.NeedsReview},
		},
		"R-GK-01 household": {
			{name: "Giấy khen for a household", s: household(), award: "GK", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-GK-01", "g1", "review"}}},
		},
		"R-BKT-02 household": {
			{name: "Bằng khen tỉnh for a household", s: household(), award: "BKCT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-BKT-02", "d", "review"}}},
			{name: "Bắc Ninh: household criteria graded A, still judged", s: household(), award: "BKCT", year: 2025, asOf: "2025-12-31", province: "bac-ninh", want: rules.NeedsReview},
		},
		"R-LDTT-02": {
			{name: "farmer: judged by Điều 24.3, not by a rating", s: person(hist{}, worker(rules.OccupationFarmer)), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-LDTT-02", "a", "review"}, {"R-LDTT-01", "a", "absent"}}},
			{name: "civil servant: R-LDTT-02 not listed", s: person(hist{2025: HTTNV}), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible,
				checks: []check{{"R-LDTT-02", "a", "absent"}}},
			{name: "worker's CSTĐCS: LĐTT standard judged", s: person(hist{}, worker(rules.OccupationWorker), initiative(2025, "CO_SO", "")), award: "CSTDCS", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview,
				checks: []check{{"R-CSTDCS-01", "1w", "review"}, {"R-CSTDCS-01", "1", "absent"}}},
		},
		"posthumous titles": {
			{name: "LĐTT truy tặng: not stated (C)", s: person(hist{2025: HTTNV}, posthumous()), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.NeedsReview, checks: []check{{"R-LDTT-01", "truy", "review"}}},
			{name: "BK tỉnh truy tặng: Điều 74", s: person(hist{2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, posthumous()), award: "BKCT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-BKT-01", "truy", "note"}}},
		},
		"R-CAMP-04": {
			{name: "no registration: a warning, not a refusal", s: person(hist{2025: HTTNV}, registered(2024)), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-CAMP-04", "reg", "note"}}},
			{name: "registered", s: person(hist{2025: HTTNV}, registered(2025)), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-CAMP-04", "reg", "absent"}}},
			{name: "registrations unknown", s: person(hist{2025: HTTNV}), award: "LDTT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-CAMP-04", "reg", "absent"}}},
			{name: "forms are not titles", s: person(hist{2024: HTXSNV + " CSTDCS", 2025: HTXSNV + " CSTDCS"}, registered()), award: "BKCT", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-CAMP-04", "reg", "absent"}}},
		},
		"R-EVAL-01": {
			{name: "HTXSNV of 4 in 10 members: over 25%, a warning", s: unit(hist{2025: HTXSNV}, team(2025, 4)), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-EVAL-01", "max", "note"}}},
			{name: "HTXSNV of 3 in 12 rated: 25%, the outstanding-unit band", s: unit(hist{2025: HTXSNV}, append(team(2025, 3), person(hist{2025: HTTNV + " LDTT"}), person(hist{2025: HTTNV + " LDTT"}))), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-EVAL-01", "cap", "note"}, {"R-EVAL-01", "max", "absent"}}},
			{name: "HTXSNV of 2 in 10: within 20%", s: unit(hist{2025: HTXSNV}, team(2025, 2)), award: "TTLDXS", year: 2025, asOf: "2025-12-31", want: rules.Eligible, checks: []check{{"R-EVAL-01", "max", "absent"}, {"R-EVAL-01", "cap", "absent"}}},
		},
	}
	for rule, list := range cases {
		for _, tc := range list {
			t.Run(rule+"/"+tc.name, func(t *testing.T) {
				v := evaluate(t, tc.s, tc.award, tc.year, tc.asOf, tc.province)
				if !strings.Contains("|"+tc.want+"|", "|"+v.Verdict+"|") {
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

// TestNamedAwardsMoney checks that the awards judged for review still
// carry their threshold and money (R-HD-03, R-TIEN-02).
func TestNamedAwardsMoney(t *testing.T) {
	p := person(hist{2025: HTXSNV})
	u := unit(hist{2025: HTXSNV}, nil)
	for _, tc := range []struct {
		s         rules.Subject
		award     string
		threshold float64
		compare   string
		amount    int64
	}{
		{p, "HCLD2", 0.5, ">", 17550000}, // 7.5 × 2,340,000
		{p, "HCLD1", 0.5, ">", 21060000}, // 9.0 ×
		{u, "HCLD2", 0.5, ">", 35100000}, // collective ×2
		{u, "HCLD3", 0.5, ">", 21060000},
		{u, "BKTTG", 0.5, ">", 16380000}, // 7.0 × (NĐ 152 Điều 54.2)
		{u, "CTCP", 0.8, ">=", 28080000}, // 12.0 ×
		{p, rules.AwardAHLD, 0.9, ">=", 0},
	} {
		v := evaluate(t, tc.s, tc.award, 2025, "2025-12-31", "")
		if v.CouncilThreshold != tc.threshold || v.CouncilCompare != tc.compare {
			t.Errorf("%s %s: threshold %v %s, want %v %s", tc.s.Kind, tc.award, v.CouncilThreshold, v.CouncilCompare, tc.threshold, tc.compare)
		}
		if v.Money == nil || v.Money.AmountVND != tc.amount {
			t.Errorf("%s %s: money %+v, want %d", tc.s.Kind, tc.award, v.Money, tc.amount)
		}
	}
}

// TestKindErrors checks that a refusal for the subject's kind states the
// law: households get Giấy khen and Bằng khen only (law.md §5.20).
func TestKindErrors(t *testing.T) {
	_, err := rules.Evaluate(household(), "LDTT", 2025, day("2025-12-31"), "")
	if msg := thidua.ErrorFields(err)["award"]; !strings.Contains(msg, "Hộ gia đình") || !strings.Contains(msg, "Gia đình văn hóa") {
		t.Errorf("household LĐTT: %v %q", err, msg)
	}
	for _, a := range []string{"BKTTG", "HCLD3", "HCLD2", "HCLD1", "CTCP", rules.AwardKNC, rules.AwardAHLD} {
		if _, err := rules.Evaluate(unit(hist{2025: HTXSNV}, nil), a, 2025, day("2025-12-31"), ""); err != nil {
			t.Errorf("collective %s refused: %v", a, err)
		}
	}
}

// TestCouncilCompare checks R-HD-03: "quá bán" is more than half of all
// members; 90% and 80% are "từ … trở lên".
func TestCouncilCompare(t *testing.T) {
	eng := rules.Default()
	for _, tc := range []struct {
		award          string
		agree, members int
		want           bool
		wantText, asOf string
	}{
		{"LDTT", 5, 10, false, "quá bán (trên 50%)", "2025-12-31"},
		{"LDTT", 6, 10, true, "quá bán (trên 50%)", "2025-12-31"},
		{"LDTT", 4, 7, true, "quá bán (trên 50%)", "2025-12-31"},
		{"LDTT", 3, 7, false, "quá bán (trên 50%)", "2025-12-31"},
		{"CSTDT", 9, 10, true, "từ 90% trở lên", "2025-12-31"},
		{"CSTDT", 8, 10, false, "từ 90% trở lên", "2025-12-31"},
		{"CSTDCS", 8, 10, true, "từ 80% trở lên", "2025-03-01"},
		{"CTCP", 7, 10, false, "từ 80% trở lên", "2025-12-31"},
		{rules.AwardAHLD, 9, 10, true, "từ 90% trở lên", "2025-12-31"},
	} {
		th, err := eng.CouncilThreshold(tc.award, day(tc.asOf), "default")
		if err != nil {
			t.Fatal(err)
		}
		if got := th.Passed(tc.agree, tc.members); got != tc.want {
			t.Errorf("%s %d/%d: passed %v, want %v (%+v)", tc.award, tc.agree, tc.members, got, tc.want, th)
		}
		if th.Text() != tc.wantText {
			t.Errorf("%s: text %q, want %q", tc.award, th.Text(), tc.wantText)
		}
	}
	if d := eng.DefaultCouncilThreshold(day("2025-12-31")); d.Share != 0.5 || d.Compare != rules.CompareMoreThan {
		t.Errorf("default threshold %+v", d)
	}
	v := evaluate(t, person(hist{2025: HTTNV}), "LDTT", 2025, "2025-12-31", "")
	if v.CouncilCompare != ">" || !strings.Contains(v.CouncilNote, "quá bán (trên 50%)") {
		t.Errorf("LĐTT council %v %s %q", v.CouncilThreshold, v.CouncilCompare, v.CouncilNote)
	}
}

// TestDisciplineReason checks R-GEN-06: a year inside the discipline window
// is refused by the window (NĐ 152 Điều 4, Khoản 4), with the rating shown
// as entered, not blamed on the title's own criteria.
func TestDisciplineReason(t *testing.T) {
	for _, tc := range []struct {
		award, rating string
		own           string
	}{
		{"LDTT", HTTNV, "R-LDTT-01"},
		{"CSTDCS", HTXSNV, "R-CSTDCS-01"},
	} {
		s := person(hist{2025: tc.rating}, discipline("2025-03-01", "2025-09-01", "KHIEN_TRACH"))
		v := evaluate(t, s, tc.award, 2025, "2025-12-31", "")
		if v.Verdict != rules.NotEligible || len(v.Reasons) == 0 || !strings.HasPrefix(v.Reasons[0], "R-GEN-06") {
			t.Fatalf("%s: %s %v\n%s", tc.award, v.Verdict, v.Reasons, dump(v))
		}
		for _, r := range v.Reasons {
			if strings.HasPrefix(r, tc.own) {
				t.Errorf("%s: reason blames %s: %q", tc.award, tc.own, r)
			}
		}
		w := find(v, "R-GEN-06", "window")
		if w == nil || w.Status != "not_met" || !strings.Contains(w.Citation, "Điều 4, Khoản 4") {
			t.Errorf("%s: window condition %+v", tc.award, w)
		}
		if !strings.Contains(v.Summary, "R-GEN-06") {
			t.Errorf("%s: summary %q", tc.award, v.Summary)
		}
		shown := false
		for _, c := range v.Conditions {
			for _, f := range c.Facts {
				if f.Name == "rating" && f.Value == tc.rating {
					shown = true
				}
			}
		}
		if !shown {
			t.Errorf("%s: the rating %s is not shown as entered\n%s", tc.award, tc.rating, dump(v))
		}
	}
}

// TestCriteriaSet checks that criteria_set appears only when the title's
// criteria came from another rule set than the one in force.
func TestCriteriaSet(t *testing.T) {
	v := evaluate(t, person(hist{2025: HTTNV}), "LDTT", 2025, "2025-06-30", "")
	if v.RuleSet != "TDKT-2024/default" || v.CriteriaSet != "" {
		t.Errorf("2025 as of 2025-06-30: rule_set %q criteria_set %q", v.RuleSet, v.CriteriaSet)
	}
	v = evaluate(t, person(hist{2023: HTTNV}), "LDTT", 2023, "2024-01-20", "")
	if v.CriteriaSet != "TDKT-2018/default" {
		t.Errorf("2023 as of 2024-01-20: criteria_set %q", v.CriteriaSet)
	}
}

// TestDateMessage checks that the date error names both accepted forms.
func TestDateMessage(t *testing.T) {
	_, err := rules.DecodeRequest(strings.NewReader(`{"award": "LDTT", "year": 2025, "as_of": "2025-13-01", "subject": {"kind": "individual"}}`))
	if msg := thidua.ErrorFields(err)["as_of"]; !strings.Contains(msg, "yyyy-mm-dd") || !strings.Contains(msg, "dd/mm/yyyy") {
		t.Errorf("as_of message %q", msg)
	}
	req, err := rules.DecodeRequest(strings.NewReader(`{"award": "GK", "year": 2025, "as_of": "31/12/2025", "subject": {"kind": "household", "posthumous": false, "registrations": [2025]}}`))
	if err != nil || req.Subject.Kind != rules.Household || len(req.Subject.Registrations) != 1 {
		t.Errorf("household request: %v %+v", thidua.ErrorFields(err), req.Subject)
	}
	_, err = rules.DecodeRequest(strings.NewReader(`{"award": "LDTT", "year": 2025, "as_of": "31/12/2025", "subject": {"kind": "individual", "occupation": "THO_XAY"}}`))
	if thidua.ErrorFields(err)["subject.occupation"] == "" {
		t.Errorf("bad occupation accepted: %v", err)
	}
}

// TestFlaggedDates checks the dates the rulebook flags: the base salary
// after 2025 and the amendment reported in force on 01/10/2026 (grade X)
// add notes and change no verdict.
func TestFlaggedDates(t *testing.T) {
	s := person(hist{2025: HTTNV})
	v25 := evaluate(t, s, "LDTT", 2025, "2025-12-31", "")
	v26 := evaluate(t, s, "LDTT", 2025, "2026-03-01", "")
	if len(v25.Notes) != 0 {
		t.Errorf("2025 notes %v", v25.Notes)
	}
	if v26.Verdict != v25.Verdict || len(v26.Notes) == 0 || !strings.Contains(v26.Notes[0], "2026") || !strings.Contains(v26.Money.Note, "chưa được xác minh") {
		t.Errorf("2026: %s notes %v money %+v", v26.Verdict, v26.Notes, v26.Money)
	}
	before := evaluate(t, s, "LDTT", 2025, "2026-09-30", "")
	after := evaluate(t, s, "LDTT", 2025, "2026-10-01", "")
	if before.Verdict != after.Verdict || after.RuleSet != "TDKT-2026/default" || before.RuleSet != "TDKT-2025/default" {
		t.Errorf("amendment: %s %s / %s %s", before.Verdict, before.RuleSet, after.Verdict, after.RuleSet)
	}
	found := false
	for _, n := range after.Notes {
		found = found || strings.Contains(n, "độ tin cậy X")
	}
	if !found {
		t.Errorf("after 01/10/2026 notes %v", after.Notes)
	}
}
