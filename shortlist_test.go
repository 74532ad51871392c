package thidua_test

import (
	"testing"

	"thidua"
)

func TestShortlistNominees(t *testing.T) {
	c := &thidua.Campaign{Title: "Đợt thi đua bầu cử", Aggregation: thidua.AggMeanReviewers,
		Awards: []thidua.PlannedAward{{Code: thidua.FormGK}, {Code: thidua.TitleCSTDCS}, {Code: thidua.TitleTTLDXS}}}
	crit := []*thidua.Criterion{{ID: 1, AppliesTo: thidua.ForBoth, MaxScore: 10, Weight: 1}}
	reg := func(id int64, kind, path string, unit, person int64, state string) *thidua.Registration {
		return &thidua.Registration{ID: id, Kind: kind, UnitPath: path, UnitID: unit, PersonID: person, State: state, Name: "r"}
	}
	regs := []*thidua.Registration{
		reg(1, thidua.ForIndividuals, "/1/2/", 2, 11, thidua.RegApproved),   // 9: in the unit
		reg(2, thidua.ForIndividuals, "/1/2/5/", 5, 12, thidua.RegApproved), // 7: in its subtree
		reg(3, thidua.ForIndividuals, "/1/3/", 3, 13, thidua.RegApproved),   // 10: another unit, left out
		reg(4, thidua.ForIndividuals, "/1/2/", 2, 14, thidua.RegSubmitted),  // not approved
		reg(5, thidua.ForCollectives, "/1/2/", 2, 0, thidua.RegApproved),    // 8: the unit itself
	}
	score := func(r int64, v float64) thidua.Score {
		return thidua.Score{RegistrationID: r, CriterionID: 1, Kind: thidua.ScoreCouncil, Value: v}
	}
	scores := []thidua.Score{score(1, 9), score(2, 7), score(3, 10), score(4, 10), score(5, 8)}
	already := &thidua.Nominee{Subject: thidua.SubjectPerson, SubjectID: 11, Award: thidua.FormGK}
	p := &thidua.Proposal{UnitPath: "/1/2/", Nominees: []*thidua.Nominee{already}}

	tests := []struct {
		name  string
		in    thidua.ShortlistInput
		added []string // subject/id of the added nominees, in order
		field string   // the field of an EINVALID answer
	}{
		{"form for both kinds, top 1 each", thidua.ShortlistInput{Award: thidua.FormGK, Top: 1}, []string{"UNIT/2"}, ""},
		{"top 2 individuals: the one already proposed is skipped", thidua.ShortlistInput{Award: thidua.FormGK, Top: 2}, []string{"UNIT/2", "PERSON/12"}, ""},
		{"individual title: no collective", thidua.ShortlistInput{Award: thidua.TitleCSTDCS, Top: 2}, []string{"PERSON/11", "PERSON/12"}, ""},
		{"collective title: no individual", thidua.ShortlistInput{Award: thidua.TitleTTLDXS, MinPercent: 50}, []string{"UNIT/2"}, ""},
		{"threshold above everyone", thidua.ShortlistInput{Award: thidua.TitleCSTDCS, MinPercent: 95}, nil, "EINVALID"},
		{"award the campaign did not plan", thidua.ShortlistInput{Award: thidua.FormBKCT, Top: 1}, nil, "award"},
		{"negative top", thidua.ShortlistInput{Award: thidua.FormGK, Top: -1}, nil, "top"},
		{"percent over 100", thidua.ShortlistInput{Award: thidua.FormGK, MinPercent: 101}, nil, "min_percent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, added, err := thidua.ShortlistNominees(c, crit, regs, scores, p, tt.in)
			if tt.field != "" {
				if thidua.ErrorCode(err) != thidua.EINVALID {
					t.Fatalf("err=%v, want EINVALID", err)
				}
				if _, ok := thidua.ErrorFields(err)[tt.field]; tt.field != "EINVALID" && !ok {
					t.Fatalf("fields=%v, want %s", thidua.ErrorFields(err), tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, want := added, len(tt.added); got != want || len(ns) != 1+want {
				t.Fatalf("added=%d (%d nominees), want %d", got, len(ns), want)
			}
			if ns[0] != already {
				t.Fatalf("the existing nominee is not kept first")
			}
			for i, want := range tt.added {
				n := ns[1+i]
				if got := n.Subject + "/" + thidua.FormatDecimal(float64(n.SubjectID)); got != want || n.Award != tt.in.Award || n.Report.Achievements == "" {
					t.Errorf("nominee %d = %s %s %q, want %s", i, got, n.Award, n.Report.Achievements, want)
				}
			}
		})
	}
	if len(p.Nominees) != 1 {
		t.Fatalf("the proposal's own nominees changed: %d", len(p.Nominees))
	}
}
