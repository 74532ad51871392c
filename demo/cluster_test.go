package demo_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"thidua"
	"thidua/cluster"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
)

// clusterSteps counts the audit entries of the demo bloc and its year:
// for each cluster its creation and its covenant; for one reviewed, the
// scorers named, the review started, each member's vote and the
// conclusion; and the steps of its review campaign (reviewSteps).
func clusterSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	cs := clusters.New(db)
	list, n, err := cs.FindClusters(sys, cluster.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	steps := 2 * n
	for _, c := range list {
		if c.CampaignID == 0 {
			continue
		}
		votes, err := cs.FindVotes(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		steps += 1 + 1 + len(votes)
		if c.LeadingUnitID != 0 {
			steps++
		}
	}
	return steps + reviewSteps(t, sys, db)
}

// reviewCampaign returns the demo bloc's review campaign.
func reviewCampaign(t *testing.T, sys context.Context, db *sqldb.DB) *thidua.Campaign {
	t.Helper()
	list, _, err := clusters.New(db).FindClusters(sys, cluster.Filter{Year: demo.ClusterYear})
	if err != nil || len(list) != 1 || list[0].CampaignID == 0 {
		t.Fatalf("the demo bloc's review: %v %v", list, err)
	}
	c, err := db.FindCampaignByID(sys, list[0].CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// reviewSteps counts the campaign audit entries of the bloc's review, as
// campaignSteps does for the demo campaign: creation, criteria, four
// transitions (launch, start, evaluate, close), each registration made
// and approved, the reviewers and each score.
func reviewSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	c := reviewCampaign(t, sys, db)
	regs, err := db.FindRegistrations(sys, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := db.FindScores(sys, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return 1 + 1 + 4 + 2*len(regs) + 1 + len(scores)
}

// TestDemoCluster: the demo year's bloc holds every agency directly under
// UBND tỉnh, led by the first, with a covenant signed by each member's
// head and its document in the database.
func TestDemoCluster(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		sys := thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
		cs := clusters.New(o.DB)
		list, n, err := cs.FindClusters(sys, cluster.Filter{Year: demo.ClusterYear})
		if err != nil || n != 1 || list[0].Name != demo.ClusterName {
			t.Fatalf("demo clusters: %d %v", n, err)
		}
		c := list[0]
		units, _, err := o.DB.FindUnits(sys, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(units, func(a, b *thidua.Unit) int { return cmp.Compare(a.ID, b.ID) })
		var agencies []int64
		for _, u := range units {
			if u.Kind == thidua.UnitAgency && u.ParentID != 0 && u.ParentID == c.UnitID {
				agencies = append(agencies, u.ID)
			}
		}
		if len(c.Members) != len(agencies) || len(agencies) < 2 {
			t.Fatalf("members %d, agencies under the root %d", len(c.Members), len(agencies))
		}
		for i, id := range agencies {
			if c.Members[i].UnitID != id {
				t.Fatalf("member %d is unit %d, want %d", i, c.Members[i].UnitID, id)
			}
		}
		if c.LeaderName != "Văn phòng UBND tỉnh" || c.DeputyName != "Sở Nội vụ" {
			t.Fatalf("leader %q, deputy %q", c.LeaderName, c.DeputyName)
		}
		cv, err := cs.FindCovenant(sys, c.ID)
		if err != nil || len(cv.Signatures) != len(c.Members) || cv.Signatures[0].Signer != "Trần Quốc Bình" {
			t.Fatalf("covenant %+v %v", cv, err)
		}
		data, err := o.DB.Files().Get(sys, cv.File.Key)
		if err != nil || int64(len(data)) != cv.File.Size || string(data[:5]) != "%PDF-" {
			t.Fatalf("covenant document: %d bytes, %v", len(data), err)
		}
	})
}

// TestDemoClusterYear: the demo bloc's 2025 ran through the services —
// each member scored by a distinct account FindScorers offers, a council
// member of that member (own council first, else the province's who works
// there), self-scores and peer scores for every member, the review closed,
// every member's vote cast by its scorer — and concluded with the Office
// leading on the conference's date, which the Office's history shows and
// Sở Nội vụ's does not.
func TestDemoClusterYear(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		sys := thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
		cs := clusters.New(o.DB)
		list, _, err := cs.FindClusters(sys, cluster.Filter{Year: demo.ClusterYear})
		if err != nil || len(list) != 1 {
			t.Fatalf("demo clusters: %v %v", list, err)
		}
		c := list[0]
		if c.LeadingName != "Văn phòng UBND tỉnh" || c.DecidedOn != demo.ClusterDecidedOn {
			t.Fatalf("leading %q on %s, want the Office on %s", c.LeadingName, c.DecidedOn, demo.ClusterDecidedOn)
		}
		wantScorer := []string{"hoidong", "thukyhdtinh", "giamdocstp", "giamdocstc"}
		if len(c.Members) != len(wantScorer) {
			t.Fatalf("%d members", len(c.Members))
		}
		seen := map[int64]bool{}
		for i, m := range c.Members {
			u, err := o.DB.FindUserByUsername(sys, wantScorer[i])
			if err != nil {
				t.Fatal(err)
			}
			if m.ScorerID != u.ID || seen[m.ScorerID] {
				t.Errorf("%s scored by %d (%s), want %s, each member its own", m.Name, m.ScorerID, m.ScorerName, wantScorer[i])
			}
			seen[m.ScorerID] = true
			if err := cluster.CheckScorer(u, &m); err != nil {
				t.Errorf("%s: %v", m.Name, err)
			}
		}
		camp := reviewCampaign(t, sys, o.DB)
		if camp.State != thidua.CampaignClosed || camp.StartDate != thidua.NewDate(demo.ClusterYear, 1, 1) || camp.EndDate != thidua.NewDate(demo.ClusterYear, 12, 31) {
			t.Errorf("review campaign %s, %s–%s", camp.State, camp.StartDate, camp.EndDate)
		}
		crit, err := o.DB.FindCriteria(sys, camp.ID)
		if err != nil || len(crit) != 4 {
			t.Fatalf("criteria %d %v, want one per covenant target", len(crit), err)
		}
		scores, err := o.DB.FindScores(sys, camp.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := len(c.Members)
		if want := len(crit) * (n + n*(n-1)); len(scores) != want {
			t.Errorf("%d scores, want %d (self and peers, every criterion)", len(scores), want)
		}
		rk, err := cs.FindRanking(sys, c.ID)
		if err != nil || len(rk.Results) != n || rk.Results[0].Registration.UnitID != c.LeaderUnitID || rk.Results[0].Rank != 1 {
			t.Fatalf("ranking %+v %v, want the Office first", rk, err)
		}
		votes, err := cs.FindVotes(sys, c.ID)
		if err != nil || len(votes) != n {
			t.Fatalf("%d votes %v, want one a member", len(votes), err)
		}
		office := 0
		for _, v := range votes {
			if m := c.Member(v.VoterUnitID); m == nil || v.CastBy != m.ScorerID {
				t.Errorf("vote of %s cast by %d, want its scorer", v.VoterName, v.CastBy)
			}
			if v.CandidateUnitID == c.LeaderUnitID {
				office++
			}
		}
		if office*2 <= n {
			t.Errorf("%d of %d votes for the Office: not more than half", office, n)
		}
		for _, m := range c.Members[:2] {
			h, err := o.DB.FindHistory(sys, thidua.SubjectUnit, m.UnitID)
			if err != nil {
				t.Fatal(err)
			}
			led := slices.ContainsFunc(h.ClusterLeads, func(l thidua.ClusterLead) bool {
				return l.Year == demo.ClusterYear && l.ClusterID == c.ID
			})
			if led != (m.UnitID == c.LeadingUnitID) {
				t.Errorf("%s's history: led the bloc in %d = %v", m.Name, demo.ClusterYear, led)
			}
		}
	})
}
