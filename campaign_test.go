package thidua_test

import (
	"testing"

	"thidua"
)

func TestCampaignStateMachine(t *testing.T) {
	states := []string{thidua.CampaignDraft, thidua.CampaignLaunched, thidua.CampaignInProgress, thidua.CampaignEvaluating, thidua.CampaignClosed}
	actions := []string{"launch", "start", "evaluate", "close", "reopen", "bogus"}
	allowed := map[[2]string]string{
		{thidua.CampaignDraft, "launch"}:        thidua.CampaignLaunched,
		{thidua.CampaignLaunched, "start"}:      thidua.CampaignInProgress,
		{thidua.CampaignInProgress, "evaluate"}: thidua.CampaignEvaluating,
		{thidua.CampaignEvaluating, "close"}:    thidua.CampaignClosed,
		{thidua.CampaignEvaluating, "reopen"}:   thidua.CampaignInProgress,
	}
	// Every state × action pair: exactly the table above is allowed.
	for _, s := range states {
		for _, a := range actions {
			next, err := thidua.NextState(s, a)
			want, ok := allowed[[2]string{s, a}]
			if ok != (err == nil) || next != want {
				t.Errorf("NextState(%s, %s) = %q, %v; want %q (allowed=%v)", s, a, next, err, want, ok)
			}
			if err != nil && thidua.ErrorCode(err) != thidua.EINVALID {
				t.Errorf("NextState(%s, %s) code %s", s, a, thidua.ErrorCode(err))
			}
		}
	}
}

func TestAggregate(t *testing.T) {
	self := thidua.Score{Kind: thidua.ScoreSelf, Value: 9}
	head := thidua.Score{Kind: thidua.ScoreHead, Value: 7}
	c1 := thidua.Score{Kind: thidua.ScoreCouncil, Value: 6, ScorerUnitPath: "/1/2/"}
	c2 := thidua.Score{Kind: thidua.ScoreCouncil, Value: 8, ScorerUnitPath: "/1/3/7/"} // inside participant's unit /1/3/
	for _, tc := range []struct {
		name     string
		method   string
		scores   []thidua.Score
		exclude  bool
		final    float64
		scored   bool
		excluded int
	}{
		{"none", thidua.AggMeanReviewers, nil, true, 0, false, 0},
		{"self only", thidua.AggMeanReviewers, []thidua.Score{self}, true, 9, true, 0},
		{"mean of reviewers", thidua.AggMeanReviewers, []thidua.Score{self, head, c1, c2}, false, 7, true, 0},
		{"conflict excluded", thidua.AggMeanReviewers, []thidua.Score{self, head, c1, c2}, true, 6.5, true, 1},
		{"override: council wins", thidua.AggReviewerFirst, []thidua.Score{self, head, c1}, true, 6, true, 0},
		{"override: head over self", thidua.AggReviewerFirst, []thidua.Score{self, head}, true, 7, true, 0},
		{"override: only conflicted council → head", thidua.AggReviewerFirst, []thidua.Score{self, head, c2}, true, 7, true, 1},
		{"rounding", thidua.AggMeanReviewers, []thidua.Score{{Kind: thidua.ScoreCouncil, Value: 1}, {Kind: thidua.ScoreCouncil, Value: 1}, {Kind: thidua.ScoreCouncil, Value: 2}}, false, 1.33, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := thidua.Aggregate(tc.method, tc.scores, "/1/3/", tc.exclude)
			if r.Final != tc.final || r.Scored != tc.scored || r.Excluded != tc.excluded {
				t.Fatalf("Aggregate = final %v scored %v excluded %d; want %v %v %d", r.Final, r.Scored, r.Excluded, tc.final, tc.scored, tc.excluded)
			}
		})
	}
}

func TestComputeResultsRanking(t *testing.T) {
	c := &thidua.Campaign{Aggregation: thidua.AggMeanReviewers}
	crit := []*thidua.Criterion{
		{ID: 1, AppliesTo: thidua.ForBoth, MaxScore: 10, Weight: 1},
		{ID: 2, AppliesTo: thidua.ForIndividuals, MaxScore: 10, Weight: 2},
	}
	reg := func(id int64, kind, name, gender string, leader bool) *thidua.Registration {
		return &thidua.Registration{ID: id, Kind: kind, Name: name, Gender: gender, IsLeader: leader, State: thidua.RegApproved}
	}
	regs := []*thidua.Registration{
		reg(1, thidua.ForIndividuals, "Nguyễn Văn An", thidua.GenderMale, true),
		reg(2, thidua.ForIndividuals, "Trần Thị Bình", thidua.GenderFemale, false),
		reg(3, thidua.ForIndividuals, "Lê Văn Cường", thidua.GenderMale, false),
		reg(4, thidua.ForIndividuals, "Phạm Văn Dũng", thidua.GenderMale, false),
		reg(5, thidua.ForCollectives, "Phòng Kinh tế", "", false),
		{ID: 6, Kind: thidua.ForIndividuals, Name: "Chưa duyệt", State: thidua.RegSubmitted},
	}
	s := func(reg, crit int64, v float64) thidua.Score {
		return thidua.Score{RegistrationID: reg, CriterionID: crit, Kind: thidua.ScoreCouncil, Value: v}
	}
	scores := []thidua.Score{
		s(1, 1, 8), s(1, 2, 9), // 26
		s(2, 1, 8), s(2, 2, 9), // 26 (woman: shown first among ties)
		s(3, 1, 10), s(3, 2, 9), // 28
		s(4, 1, 5), // incomplete: 5
		s(5, 1, 7), // collective: 7 of 10
	}
	res := thidua.ComputeResults(c, crit, regs, scores)
	type row struct {
		name string
		rank int
		tied bool
	}
	want := []row{{"Phòng Kinh tế", 1, false}, {"Lê Văn Cường", 1, false}, {"Trần Thị Bình", 2, true}, {"Nguyễn Văn An", 2, true}, {"Phạm Văn Dũng", 4, false}}
	if len(res) != len(want) {
		t.Fatalf("results=%d, want %d (unapproved registrations left out)", len(res), len(want))
	}
	for i, w := range want {
		if r := res[i]; r.Registration.Name != w.name || r.Rank != w.rank || r.Tied != w.tied {
			t.Errorf("row %d = %s rank %d tied %v; want %+v", i, r.Registration.Name, r.Rank, r.Tied, w)
		}
	}
	if res[0].Percent != 70 || res[0].Max != 10 || !res[0].Complete {
		t.Errorf("collective percent %v max %v complete %v", res[0].Percent, res[0].Max, res[0].Complete)
	}
	if res[4].Complete {
		t.Error("Dũng has an unscored criterion but is complete")
	}
	// Shortlist: top 2 individuals keeps the tie at the cut.
	if sl := thidua.Shortlist(res, thidua.ForIndividuals, 2, 0); len(sl) != 3 {
		t.Errorf("top-2 shortlist=%d, want 3 (tie kept)", len(sl))
	}
	if sl := thidua.Shortlist(res, thidua.ForIndividuals, 0, 90); len(sl) != 1 || sl[0].Registration.Name != "Lê Văn Cường" {
		t.Errorf("≥90%% shortlist=%v", sl)
	}
}

func TestCampaignValidate(t *testing.T) {
	ok := thidua.Campaign{Title: "Đợt thi đua", Form: thidua.FormThematic, Kind: "DOT", UnitID: 1, Participants: thidua.ForBoth,
		StartDate: thidua.NewDate(2021, 4, 20), EndDate: thidua.NewDate(2021, 6, 30), PlanDate: thidua.NewDate(2021, 4, 20)}
	ok.Normalize()
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid campaign: %v", thidua.ErrorFields(err))
	}
	for field, mutate := range map[string]func(c *thidua.Campaign){
		"title":      func(c *thidua.Campaign) { c.Title = "" },
		"form":       func(c *thidua.Campaign) { c.Form = "X" },
		"kind":       func(c *thidua.Campaign) { c.Kind = "" },
		"end_date":   func(c *thidua.Campaign) { c.EndDate = thidua.NewDate(2021, 1, 1) },
		"start_date": func(c *thidua.Campaign) { c.PlanDate = thidua.NewDate(2021, 5, 1) },
		"awards": func(c *thidua.Campaign) {
			c.Awards = []thidua.PlannedAward{{Code: "GK", Label: "Giấy khen", MaxIndividuals: -1}}
		},
	} {
		c := ok
		mutate(&c)
		if f := thidua.ErrorFields(c.Validate()); f[field] == "" {
			t.Errorf("%s: errors %v", field, f)
		}
	}
	if err := thidua.ValidateScore(10.5, 10); thidua.ErrorFields(err)["value"] != "Điểm phải từ 0 đến 10." {
		t.Errorf("ValidateScore message: %v", thidua.ErrorFields(err))
	}
	if err := thidua.ValidateScore(-1, 7.5); thidua.ErrorFields(err)["value"] != "Điểm phải từ 0 đến 7,5." {
		t.Errorf("ValidateScore message: %v", thidua.ErrorFields(err))
	}
}

// TestConflictNamesAndScoreLabel: a score left out as a conflict of
// interest is named; a self-assessment entered for a person by someone
// else says who entered it.
func TestConflictNamesAndScoreLabel(t *testing.T) {
	in := thidua.Score{Kind: thidua.ScoreCouncil, Value: 8, ScorerName: "Lê Thị Hoa", ScorerUnitPath: "/1/3/7/"}
	out := thidua.Score{Kind: thidua.ScoreCouncil, Value: 6, ScorerName: "Phạm Văn Nam", ScorerUnitPath: "/1/2/"}
	r := thidua.Aggregate(thidua.AggMeanReviewers, []thidua.Score{in, out}, "/1/3/", true)
	if r.Excluded != 1 || len(r.ExcludedNames) != 1 || r.ExcludedNames[0] != "Lê Thị Hoa" || r.Final != 6 {
		t.Errorf("Aggregate = %+v", r)
	}
	if r := thidua.Aggregate(thidua.AggMeanReviewers, []thidua.Score{in, out}, "/1/3/", false); r.Excluded != 0 || r.ExcludedNames != nil {
		t.Errorf("without exclusion: %+v", r)
	}
	person := &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: 10}
	unit := &thidua.Registration{Kind: thidua.ForCollectives}
	for _, tc := range []struct {
		s    thidua.Score
		r    *thidua.Registration
		want string
	}{
		{thidua.Score{Kind: thidua.ScoreSelf, ScorerPersonID: 10, ScorerName: "Trần An"}, person, "Tự chấm"},
		{thidua.Score{Kind: thidua.ScoreSelf, ScorerPersonID: 3, ScorerName: "Võ Thanh Tùng"}, person, "Tự chấm, do Võ Thanh Tùng nhập thay"},
		{thidua.Score{Kind: thidua.ScoreSelf, ScorerPersonID: 3, ScorerName: "Võ Thanh Tùng"}, unit, "Tự chấm"},
		{thidua.Score{Kind: thidua.ScoreHead, ScorerPersonID: 3}, person, "Thủ trưởng đơn vị"},
	} {
		if got := thidua.ScoreLabel(tc.s, tc.r); got != tc.want {
			t.Errorf("ScoreLabel(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
