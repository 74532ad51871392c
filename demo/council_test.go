package demo_test

import (
	"context"
	"slices"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/sqldb"
)

// councilSteps counts the audit entries of loading the council (its
// accounts and the council itself) and the draft proposal (created, then
// its nominees set).
func councilSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	cs, err := db.FindCouncils(sys)
	if err != nil {
		t.Fatal(err)
	}
	return len(demo.CouncilAccounts) + len(cs) + 2*len(draftProposals(t, sys, db))
}

func TestDemoCouncil(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		sys := thidua.NewSystemContext(context.Background())
		cs, err := db.FindCouncils(sys)
		if err != nil || len(cs) != 2 {
			t.Fatalf("councils: %d %v", len(cs), err)
		}
		// The office's council and the provincial council (package ladder).
		byName := map[string]*thidua.Council{}
		for _, c := range cs {
			byName[c.Name] = c
		}
		if pc := byName[demo.ProvinceCouncilName]; pc == nil || pc.UnitName != "Ủy ban nhân dân tỉnh" || len(pc.Voters()) != 4 || len(pc.Members) != 5 {
			t.Errorf("provincial council %+v", pc)
		}
		c := byName[demo.CouncilName]
		if c == nil {
			t.Fatalf("no council %q", demo.CouncilName)
		}
		if c.Name != demo.CouncilName || c.UnitName != "Văn phòng UBND tỉnh" || len(c.Voters()) != 5 || len(c.Members) != 6 {
			t.Fatalf("council %+v", c)
		}
		roles := map[string]string{}
		for _, m := range c.Members {
			u, err := db.FindUserByID(sys, m.UserID)
			if err != nil {
				t.Fatal(err)
			}
			roles[u.Username] = m.Role
			if !u.HasRole(thidua.RoleCouncil) {
				t.Errorf("%s sits on the council without the council role", u.Username)
			}
		}
		if roles["hoidong"] != "STANDING" || roles["chutichhd"] != "CHAIR" || roles["thukyhd"] != "SECRETARY" {
			t.Errorf("roles %v", roles)
		}
		// The draft proposal of the shortlist: the unit and its five people.
		ps := draftProposals(t, sys, db)
		if len(ps) != 1 {
			t.Fatalf("draft proposals: %d", len(ps))
		}
		p := ps[0]
		if p.Title != demo.ProposalTitle || p.State != thidua.ProposalDraft || p.Kind != thidua.AwardPhongTrao || p.Year != 2021 ||
			len(p.Nominees) != 6 || p.Nominees[0].Subject != thidua.SubjectUnit || p.Nominees[0].RegistrationID == 0 {
			t.Fatalf("demo proposal %+v", p)
		}
		for _, n := range p.Nominees {
			if n.Award != thidua.FormGK || n.Report.Achievements == "" {
				t.Errorf("nominee %+v", n)
			}
		}
		// Every council account signs in with its printed password.
		for _, a := range append(slices.Clone(demo.CouncilAccounts), demo.ProvinceAccounts...) {
			u, err := db.FindUserByUsername(sys, a.Username)
			if err != nil || u.PersonID == 0 {
				t.Errorf("account %s: %v", a.Username, err)
				continue
			}
			if ok, err := passwd.Check(u.PasswordHash, a.Password); !ok || err != nil {
				t.Errorf("account %s: the printed password does not match (%v)", a.Username, err)
			}
		}
	})
}

// draftProposals lists the demo's drafts (the climbing proposal of
// ladder.go is the other one of the Office, its upper copy the province's).
func draftProposals(t *testing.T, sys context.Context, db *sqldb.DB) []*thidua.Proposal {
	t.Helper()
	ps, _, err := db.FindProposals(sys, thidua.ProposalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(ps, func(p *thidua.Proposal) bool { return p.State != thidua.ProposalDraft })
}
