package cluster_test

import (
	"testing"

	"thidua"
	"thidua/cluster"
)

func three() *cluster.Cluster {
	return &cluster.Cluster{Year: 2025, Kind: cluster.KindCluster, Name: "Cụm 1", UnitID: 1, LeaderUnitID: 2, DeputyUnitID: 3,
		Members: []cluster.Member{{UnitID: 2, Name: "A"}, {UnitID: 3, Name: "B"}, {UnitID: 4, Name: "C"}}}
}

func TestNextYearRotates(t *testing.T) {
	c := three()
	for _, want := range [][2]int64{{3, 4}, {4, 2}, {2, 3}} {
		n := cluster.NextYear(c)
		if n.LeaderUnitID != want[0] || n.DeputyUnitID != want[1] || n.Year != c.Year+1 {
			t.Fatalf("year %d: leader %d deputy %d, want %v", n.Year, n.LeaderUnitID, n.DeputyUnitID, want)
		}
		if err := cluster.CheckRotation(c, n); err != nil {
			t.Fatalf("rotated year refused: %v", err)
		}
		c = n
	}
	same := cluster.NextYear(c)
	same.LeaderUnitID = c.LeaderUnitID
	if err := cluster.CheckRotation(c, same); thidua.ErrorFields(err)["leader_unit_id"] == "" {
		t.Fatalf("kept leader: %v", err)
	}
}

func TestValidate(t *testing.T) {
	c := three()
	c.DeputyUnitID = c.LeaderUnitID
	c.Members = append(c.Members, cluster.Member{UnitID: 4})
	f := thidua.ErrorFields(c.Validate())
	if f["deputy_unit_id"] == "" || f["members[3].unit_id"] == "" {
		t.Fatalf("fields %v", f)
	}
}

func TestTallyNeedsMoreThanHalf(t *testing.T) {
	c := three()
	votes := []cluster.Vote{{VoterUnitID: 2, CandidateUnitID: 3}, {VoterUnitID: 3, CandidateUnitID: 2}}
	if tl := cluster.TallyVotes(c, votes); tl.WinnerID != 0 || tl.Cast != 2 {
		t.Fatalf("a tie wins: %+v", tl)
	}
	votes = append(votes, cluster.Vote{VoterUnitID: 4, CandidateUnitID: 3})
	if tl := cluster.TallyVotes(c, votes); tl.WinnerID != 3 {
		t.Fatalf("2 of 3: %+v", tl)
	}
	votes = append(votes, cluster.Vote{VoterUnitID: 9, CandidateUnitID: 2})
	if tl := cluster.TallyVotes(c, votes); tl.Cast != 3 {
		t.Fatalf("a non-member's vote counted: %+v", tl)
	}
}

func TestRankCountsPeersOnly(t *testing.T) {
	c := three()
	c.Members[0].ScorerID, c.Members[1].ScorerID, c.Members[2].ScorerID = 20, 30, 40
	camp := &thidua.Campaign{Aggregation: thidua.AggMeanReviewers}
	crit := []*thidua.Criterion{{ID: 1, AppliesTo: thidua.ForCollectives, MaxScore: 100, Weight: 1}}
	regs := []*thidua.Registration{{ID: 10, Kind: thidua.ForCollectives, UnitID: 2, State: thidua.RegApproved, Name: "A"},
		{ID: 11, Kind: thidua.ForCollectives, UnitID: 3, State: thidua.RegApproved, Name: "B"}}
	scores := []thidua.Score{
		{RegistrationID: 10, CriterionID: 1, Kind: thidua.ScoreSelf, Value: 100},
		{RegistrationID: 10, CriterionID: 1, Kind: thidua.ScoreCouncil, ScorerID: 20, Value: 100}, // its own scorer: out
		{RegistrationID: 10, CriterionID: 1, Kind: thidua.ScoreHead, ScorerID: 99, Value: 100},    // a head: out
		{RegistrationID: 10, CriterionID: 1, Kind: thidua.ScoreCouncil, ScorerID: 30, Value: 60},
		{RegistrationID: 10, CriterionID: 1, Kind: thidua.ScoreCouncil, ScorerID: 40, Value: 80},
		{RegistrationID: 11, CriterionID: 1, Kind: thidua.ScoreSelf, Value: 75},
	}
	rs := cluster.Rank(c, camp, crit, regs, scores)
	if len(rs) != 2 || rs[0].Registration.UnitID != 3 || rs[0].Total != 75 || rs[1].Total != 70 {
		for _, r := range rs {
			t.Logf("%s %v", r.Registration.Name, r.Total)
		}
		t.Fatal("ranking")
	}
}
