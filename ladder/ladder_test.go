package ladder_test

import (
	"testing"

	"thidua"
	"thidua/ladder"
)

func TestLookup(t *testing.T) {
	d := thidua.NewDate(2025, 12, 1)
	for _, tc := range []struct {
		award, province, level, rule, grade string
	}{
		{thidua.FormGK, "default", ladder.LevelAgency, "R-AUTH-01", "A"},
		{thidua.TitleCSTDCS, "", ladder.LevelAgency, "R-AUTH-01", "A"},
		{thidua.FormBKCT, "default", ladder.LevelProvince, "R-AUTH-03", "C"},
		{thidua.FormBKCT, "bac-ninh", ladder.LevelProvince, "R-AUTH-03", "A"},
		{thidua.FormGK, "bac-ninh", ladder.LevelAgency, "R-AUTH-01", "A"},
		{thidua.FormBKTTG, "default", ladder.LevelCentral, "R-AUTH-05", "B"},
	} {
		a, ok := ladder.Lookup(tc.award, tc.province, d)
		if !ok || a.Level != tc.level || a.Rule != tc.rule || a.Grade != tc.grade || a.Citation == "" {
			t.Errorf("Lookup(%s, %q) = %+v, %v", tc.award, tc.province, a, ok)
		}
	}
	if _, ok := ladder.Lookup(thidua.FormGK, "default", thidua.NewDate(2020, 1, 1)); ok {
		t.Error("an authority in force before its effective date")
	}
	if !ladder.Above(ladder.LevelAgency, thidua.FormBKCT, "default", d) || ladder.Above(ladder.LevelAgency, thidua.FormGK, "default", d) ||
		ladder.Above(ladder.LevelProvince, thidua.FormBKCT, "default", d) {
		t.Error("Above")
	}
	if p := ladder.Profile("default"); p.AppraisalLimit() != "không quy định" {
		t.Errorf("appraisal limit %q", p.AppraisalLimit())
	}
	if _, ok := (ladder.ProvinceProfile{AppraisalDays: 15}).AppraisalDue(d); !ok {
		t.Error("a 15-day limit has no due date")
	}
}

// TestTerms pins "proposals addressed to this level": a grant on the
// province covers the office's subtree but reveals only what was submitted
// to the province.
func TestTerms(t *testing.T) {
	tree := ladder.Tree{{ID: 1, Path: "/1/", Kind: thidua.UnitProvince}, {ID: 2, Path: "/1/2/", Kind: thidua.UnitAgency}}
	province := &thidua.User{ID: 1, Grants: []thidua.Grant{{Role: thidua.RoleOfficer, UnitID: 1, UnitPath: "/1/"}}}
	office := &thidua.User{ID: 2, Grants: []thidua.Grant{{Role: thidua.RoleOfficer, UnitID: 2, UnitPath: "/1/2/"}}}
	internal := &thidua.Proposal{UnitPath: "/1/2/3/", State: thidua.ProposalSubmitted}
	up := &thidua.Proposal{UnitPath: "/1/2/", ToUnitID: 1, ToUnitPath: "/1/", State: thidua.ProposalSubmitted}
	draftUp := &thidua.Proposal{UnitPath: "/1/2/", ToUnitID: 1, ToUnitPath: "/1/", State: thidua.ProposalDraft}
	for _, tc := range []struct {
		u        *thidua.User
		p        *thidua.Proposal
		sees     bool
		receives bool
	}{
		{province, internal, false, false},
		{province, up, true, true},
		{province, draftUp, false, true},
		{office, internal, true, true},
		{office, up, true, false},
	} {
		if got := tree.Sees(tc.u, thidua.PermViewOrg, tc.p); got != tc.sees {
			t.Errorf("user %d sees %+v: %v", tc.u.ID, tc.p, got)
		}
		if got := tree.Acts(tc.u, thidua.PermManageCampaigns, tc.p); got != tc.receives {
			t.Errorf("user %d receives %+v: %v", tc.u.ID, tc.p, got)
		}
	}
	if !tree.Acts(office, thidua.PermRegister, up) || tree.Acts(province, thidua.PermRegister, up) {
		t.Error("the proposing side of a forwarded proposal is the office's")
	}
	if lv, ok := tree.Parent(tree.Of("/1/2/3/")); !ok || lv.ID != 1 {
		t.Errorf("parent of the office %+v", lv)
	}
}
