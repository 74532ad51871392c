package demo_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/sqldb"
)

// What the demo campaign holds; change these together with the data.
const (
	wantCollectives = 6  // every department of the office
	wantIndividuals = 13 // one of them returned
	wantReturned    = 1
	wantEvidence    = 12
	returnReason    = "Thiếu bản đăng ký có chữ ký của thủ trưởng đơn vị"
)

// campaignEntities are the audit entities the campaign's steps write.
var campaignEntities = []string{"campaign", "campaign_criteria", "registration", "campaign_reviewers", "evidence", "score"}

// demoCampaign returns the demo campaign as the system sees it: of the
// demo's two campaigns, the one that is not the bloc's year review.
func demoCampaign(t *testing.T, sys context.Context, db *sqldb.DB) *thidua.Campaign {
	t.Helper()
	cs, n, err := db.FindCampaigns(sys, thidua.CampaignFilter{})
	if err != nil || n != 2 || len(cs) != 2 {
		t.Fatalf("FindCampaigns: %d campaigns (total %d, err %v), want the demo campaign and the bloc's review", len(cs), n, err)
	}
	review := reviewCampaign(t, sys, db)
	var out *thidua.Campaign
	for _, c := range cs {
		if c.ID != review.ID {
			out = c
		}
	}
	if out == nil || out.Title != demo.CampaignTitle {
		t.Fatalf("the demo campaign is missing among %d campaigns", len(cs))
	}
	return out
}

// campaignAudit counts the audit entries the demo campaign wrote.
func campaignAudit(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	total := 0
	for _, e := range campaignEntities {
		_, n, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: e, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}

// campaignSteps counts the steps of the demo campaign from what it holds:
// creation, criteria, three transitions (launch, start, evaluate), each
// registration made and reviewed, the reviewers, each evidence item and
// each score.
func campaignSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	c := demoCampaign(t, sys, db)
	regs, err := db.FindRegistrations(sys, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := db.FindScores(sys, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 1 + 1 + 3 + 2*len(regs) + 1 + len(scores)
	for _, r := range regs {
		evs, err := db.FindEvidence(sys, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		n += len(evs)
	}
	return n
}

func userContext(t *testing.T, sys context.Context, db *sqldb.DB, username string) (context.Context, *thidua.User) {
	t.Helper()
	u, err := db.FindUserByUsername(sys, username)
	if err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u), u
}

func TestCampaign(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		sys := thidua.NewSystemContext(context.Background())
		c := demoCampaign(t, sys, db)
		officer, _ := userContext(t, sys, db, "thiduakt")

		t.Run("campaign", func(t *testing.T) { checkCampaign(t, sys, db, c) })
		t.Run("criteria", func(t *testing.T) { checkCriteria(t, officer, db, c) })
		t.Run("registrations", func(t *testing.T) { checkRegistrations(t, sys, officer, db, c) })
		t.Run("evidence", func(t *testing.T) { checkEvidence(t, sys, officer, db, c) })
		t.Run("scores", func(t *testing.T) { checkScores(t, sys, officer, db, c) })
		t.Run("results", func(t *testing.T) { checkResults(t, officer, db, c) })
		t.Run("audit", func(t *testing.T) {
			// The bloc's review is a campaign too: its steps write the same entities.
			if got, want := campaignAudit(t, sys, db), campaignSteps(t, sys, db)+reviewSteps(t, sys, db); got != want {
				t.Errorf("the campaigns wrote %d audit entries, want %d (one per step)", got, want)
			}
			checkCampaignAudit(t, sys, db)
		})
		// Last: it changes the campaign.
		t.Run("work goes on", func(t *testing.T) { checkWorkGoesOn(t, sys, officer, db, c) })
	})
}

func checkCampaign(t *testing.T, sys context.Context, db *sqldb.DB, c *thidua.Campaign) {
	if c.Title != demo.CampaignTitle || !norm.NFC.IsNormalString(c.Title) {
		t.Errorf("title %q", c.Title)
	}
	if c.Plan.String() != "248/KH-VPUBND" || c.Plan.String() != demo.CampaignPlan || c.PlanDate != thidua.NewDate(2021, 4, 20) {
		t.Errorf("plan %s dated %s, want 248/KH-VPUBND dated 20/04/2021", c.Plan, c.PlanDate)
	}
	if c.Form != thidua.FormThematic || c.Kind != "CAO_DIEM" || c.Participants != thidua.ForBoth {
		t.Errorf("form %s kind %s participants %s", c.Form, c.Kind, c.Participants)
	}
	if c.UnitName != "Văn phòng UBND tỉnh" || c.ScopeUnitName != "Văn phòng UBND tỉnh" {
		t.Errorf("launched by %q for %q", c.UnitName, c.ScopeUnitName)
	}
	if c.State != thidua.CampaignEvaluating {
		t.Errorf("state %s, want %s", c.State, thidua.CampaignEvaluating)
	}
	election := thidua.NewDate(2021, 5, 23)
	if c.StartDate != thidua.NewDate(2021, 4, 20) || !election.Before(c.EndDate) {
		t.Errorf("from %s to %s, want from 20/04/2021 to after the election day", c.StartDate, c.EndDate)
	}
	if c.Aggregation != thidua.AggMeanReviewers || !c.ExcludeConflicts {
		t.Errorf("aggregation %s, exclude conflicts %v", c.Aggregation, c.ExcludeConflicts)
	}
	// The signer is the office's Chánh Văn phòng.
	chief, _, err := db.FindPeople(sys, thidua.PersonFilter{Query: c.Signer})
	if err != nil || len(chief) != 1 || chief[0].Position != "Chánh Văn phòng" || c.SignerPost != "Chánh Văn phòng" {
		t.Errorf("signer %q (%q) is %+v (err %v), want the Chánh Văn phòng", c.Signer, c.SignerPost, chief, err)
	}
	for _, s := range []string{"Hưởng ứng mạnh mẽ đợt thi đua cao điểm", "nâng cao nhận thức về quyền và nghĩa vụ", "Kịp thời biểu dương, khen thưởng"} {
		if !strings.Contains(c.Objectives, s) {
			t.Errorf("objectives lack %q:\n%s", s, c.Objectives)
		}
	}
	want := []thidua.PlannedAward{
		{Code: "GK", Label: "Giấy khen của Chánh Văn phòng UBND tỉnh", MaxCollectives: 2, MaxIndividuals: 5},
		{Code: "BKCT", Label: "Bằng khen của Chủ tịch UBND tỉnh", MaxCollectives: 1, MaxIndividuals: 2},
	}
	if len(c.Awards) != len(want) {
		t.Fatalf("awards %+v, want %+v", c.Awards, want)
	}
	for i := range want {
		if c.Awards[i] != want[i] {
			t.Errorf("award %d = %+v, want %+v", i, c.Awards[i], want[i])
		}
	}
}

func checkCriteria(t *testing.T, ctx context.Context, db *sqldb.DB, c *thidua.Campaign) {
	criteria, err := db.FindCriteria(ctx, c.ID)
	if err != nil || len(criteria) != 4 {
		t.Fatalf("FindCriteria: %d criteria, err %v; want 4", len(criteria), err)
	}
	keywords := []string{"phân công nhiệm vụ", "Cổng thông tin điện tử tỉnh", "Covid-19", "điểm nóng"}
	var max float64
	for i, cr := range criteria {
		if want := "TC" + string(rune('1'+i)); cr.Code != want || cr.Position != i+1 {
			t.Errorf("criterion %d: code %s position %d, want %s", i, cr.Code, cr.Position, want)
		}
		if !strings.Contains(cr.Title+" "+cr.Description, keywords[i]) {
			t.Errorf("criterion %s lacks %q: %q", cr.Code, keywords[i], cr.Title)
		}
		if cr.AppliesTo != thidua.ForBoth || cr.Weight != 1 || cr.Evidence == "" || cr.Description == "" {
			t.Errorf("criterion %s: applies to %s, weight %v, evidence %q", cr.Code, cr.AppliesTo, cr.Weight, cr.Evidence)
		}
		if !norm.NFC.IsNormalString(cr.Title) || !norm.NFC.IsNormalString(cr.Description) {
			t.Errorf("criterion %s is not NFC", cr.Code)
		}
		max += cr.MaxScore
	}
	if max != 100 {
		t.Errorf("maximum scores add up to %v, want 100", max)
	}
}

func checkRegistrations(t *testing.T, sys, ctx context.Context, db *sqldb.DB, c *thidua.Campaign) {
	regs, err := db.FindRegistrations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	states := map[string]int{}
	collectives := map[string]bool{}
	for _, r := range regs {
		kinds[r.Kind]++
		states[r.State]++
		if r.Kind == thidua.ForCollectives {
			collectives[r.Name] = true
		}
		if r.State == thidua.RegReturned && r.ReturnReason != returnReason {
			t.Errorf("%s returned with %q, want %q", r.Name, r.ReturnReason, returnReason)
		}
		if len(r.Commitments) != 4 || r.TargetTitle == "" {
			t.Errorf("%s: %d commitments, target %q", r.Name, len(r.Commitments), r.TargetTitle)
		}
	}
	if kinds[thidua.ForCollectives] != wantCollectives || kinds[thidua.ForIndividuals] != wantIndividuals {
		t.Errorf("registrations by kind %v, want %d collectives and %d individuals", kinds, wantCollectives, wantIndividuals)
	}
	if states[thidua.RegReturned] != wantReturned || states[thidua.RegApproved] != len(regs)-wantReturned {
		t.Errorf("registrations by state %v, want %d returned and the rest approved", states, wantReturned)
	}
	// Every department of the office takes part as a collective.
	depts, _, err := db.FindUnits(sys, thidua.UnitFilter{ParentID: c.UnitID})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		if !collectives[d.Name] {
			t.Errorf("department %q is not registered", d.Name)
		}
	}
	// The unit head registered his department; the officer the others.
	all, _, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "registration", Action: thidua.ActionCreate})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]bool{}
	for _, r := range regs {
		ids[r.ID] = true
	}
	var entries []*thidua.AuditEntry
	for _, e := range all { // the bloc's review registers its members too
		if ids[e.EntityID] {
			entries = append(entries, e)
		}
	}
	if len(entries) != len(regs) {
		t.Fatalf("registration audit: %d entries, want %d", len(entries), len(regs))
	}
	by := map[string]int{}
	for _, e := range entries {
		by[e.ActorName[strings.LastIndex(e.ActorName, "(")+1:len(e.ActorName)-1]]++
	}
	if by["truongphonghc"] == 0 || by["thiduakt"] == 0 || by["truongphonghc"]+by["thiduakt"] != len(regs) {
		t.Errorf("registrations made by %v, want the unit head and the officer", by)
	}
}

func checkEvidence(t *testing.T, sys, ctx context.Context, db *sqldb.DB, c *thidua.Campaign) {
	regs, err := db.FindRegistrations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	staff, _ := db.FindUserByUsername(sys, "canhan")
	total, withEvidence, links, figures := 0, 0, 0, 0
	for _, r := range regs {
		evs, err := db.FindEvidence(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) > 0 {
			withEvidence++
			if r.State != thidua.RegApproved {
				t.Errorf("%s (%s) has evidence", r.Name, r.State)
			}
		}
		for _, e := range evs {
			total++
			if e.Link != "" {
				links++
				if !strings.HasPrefix(e.Link, "https://vpubnd.example.gov.vn/tin-tuc/") {
					t.Errorf("evidence link %q", e.Link)
				}
			}
			if e.Figure != nil {
				figures++
			}
			if e.Text == "" || e.Date.Before(c.StartDate) || c.EndDate.Before(e.Date) || e.CreatedBy == 0 {
				t.Errorf("evidence of %s: %q dated %s by %d", r.Name, e.Text, e.Date, e.CreatedBy)
			}
			if r.PersonID == staff.PersonID && e.CreatedBy != staff.ID {
				t.Errorf("evidence of %s entered by user %d, want the person's own account", r.Name, e.CreatedBy)
			}
		}
	}
	if total != wantEvidence || withEvidence < 5 || links < 5 || figures < 5 {
		t.Errorf("%d evidence items for %d registrations, %d links, %d figures; want %d items for 5 or more", total, withEvidence, links, figures, wantEvidence)
	}
	progress, err := db.Progress(ctx, c.ID)
	if err != nil || len(progress) == 0 {
		t.Fatalf("Progress: %v", err)
	}
}

func checkScores(t *testing.T, sys, ctx context.Context, db *sqldb.DB, c *thidua.Campaign) {
	reviewers, err := db.FindReviewers(ctx, c.ID)
	if err != nil || len(reviewers) != 1 || reviewers[0].Username != "hoidong" {
		t.Fatalf("reviewers %+v (err %v), want hoidong", reviewers, err)
	}
	regs, err := db.FindRegistrations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*thidua.Registration{}
	for _, r := range regs {
		byID[r.ID] = r
	}
	head, _ := db.FindUserByUsername(sys, "truongphonghc")
	council, _ := db.FindUserByUsername(sys, "hoidong")
	scores, err := db.FindScores(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, s := range scores {
		kinds[s.Kind]++
		r := byID[s.RegistrationID]
		switch s.Kind {
		case thidua.ScoreHead:
			if s.ScorerID != head.ID || !strings.HasPrefix(r.UnitPath, head.Grants[0].UnitPath) || r.PersonID == head.PersonID {
				t.Errorf("head score of %s by %s", r.Name, s.ScorerName)
			}
		case thidua.ScoreCouncil:
			if s.ScorerID != council.ID {
				t.Errorf("council score of %s by %s", r.Name, s.ScorerName)
			}
		}
	}
	if kinds[thidua.ScoreSelf] == 0 || kinds[thidua.ScoreHead] == 0 || kinds[thidua.ScoreCouncil] == 0 {
		t.Errorf("scores by kind %v, want self, head and council scores", kinds)
	}
}

func checkResults(t *testing.T, ctx context.Context, db *sqldb.DB, c *thidua.Campaign) {
	criteria, err := db.FindCriteria(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := db.FindRegistrations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := db.FindScores(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	results := thidua.ComputeResults(c, criteria, regs, scores)
	byKind := map[string][]*thidua.Result{}
	for _, r := range results {
		byKind[r.Registration.Kind] = append(byKind[r.Registration.Kind], r)
	}
	for kind, n := range map[string]int{thidua.ForCollectives: wantCollectives, thidua.ForIndividuals: wantIndividuals - wantReturned} {
		rs := byKind[kind]
		if len(rs) != n {
			t.Errorf("%s ranking has %d entries, want %d", kind, len(rs), n)
			continue
		}
		tied := false
		for _, r := range rs {
			tied = tied || r.Tied
		}
		if !tied {
			t.Errorf("%s ranking has no tie", kind)
		}
		if rs[0].Rank != 1 || rs[0].Total <= 0 || rs[len(rs)-1].Rank <= 1 {
			t.Errorf("%s ranking from rank %d (%v) to rank %d", kind, rs[0].Rank, rs[0].Total, rs[len(rs)-1].Rank)
		}
	}
	// The expected outcome of the demo data.
	want := map[string]struct {
		total    float64
		rank     int
		tied     bool
		complete bool
	}{
		"Phòng Hành chính – Tổ chức": {89, 1, true, true},
		"Phòng Tổng hợp":             {89, 1, true, true},
		"Phòng Nội chính":            {88, 3, false, true},
		"Phòng Kinh tế":              {84, 6, false, true},
		"Hoàng Thị Bích Ngọc":        {91, 1, false, true},
		"Nguyễn Ngọc Ánh":            {90.5, 2, false, true},
		"Đặng Thị Thu Hà":            {85, 7, true, true},
		"Phan Tuấn Anh":              {85, 7, true, true},
		"Nguyễn Đình Quân":           {84, 9, false, true}, // self-assessment only, not yet reviewed
		"Huỳnh Thị Thu Trang":        {65, 12, false, false},
	}
	seen := 0
	for _, r := range results {
		w, ok := want[r.Registration.Name]
		if !ok {
			continue
		}
		seen++
		if r.Total != w.total || r.Rank != w.rank || r.Tied != w.tied || r.Complete != w.complete {
			t.Errorf("%s: total %v rank %d tied %v complete %v, want %+v", r.Registration.Name, r.Total, r.Rank, r.Tied, r.Complete, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d expected results", seen, len(want))
	}
	// Among the tied, women come first (R-GEN-03).
	for i, r := range byKind[thidua.ForIndividuals] {
		if r.Registration.Name == "Phan Tuấn Anh" && (i == 0 || byKind[thidua.ForIndividuals][i-1].Registration.Name != "Đặng Thị Thu Hà") {
			t.Errorf("Phan Tuấn Anh at %d does not follow Đặng Thị Thu Hà", i)
		}
	}
}

func checkCampaignAudit(t *testing.T, sys context.Context, db *sqldb.DB) {
	if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
		t.Fatalf("audit chain broken at %d: %v", bad, err)
	}
	// Every step was done by a demo account, none by the system.
	for _, entity := range campaignEntities {
		for offset := 0; ; offset += 500 {
			entries, n, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: entity, Offset: offset, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Errorf("no audit entries for %s", entity)
			}
			for _, e := range entries {
				if e.ActorID == 0 {
					t.Errorf("%s %s %d done by %q, want a demo account", e.Action, e.Entity, e.EntityID, e.ActorName)
				}
			}
			if offset+len(entries) >= n {
				break
			}
		}
	}
}

// checkWorkGoesOn: the campaign is left for people to carry on, under the
// usual rules.
func checkWorkGoesOn(t *testing.T, sys, officer context.Context, db *sqldb.DB, c *thidua.Campaign) {
	council, _ := userContext(t, sys, db, "hoidong")
	staff, _ := userContext(t, sys, db, "canhan")
	regs, err := db.FindRegistrations(officer, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	criteria, err := db.FindCriteria(officer, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var quan, tuanAnh *thidua.Registration
	for _, r := range regs {
		switch r.Name {
		case "Nguyễn Đình Quân":
			quan = r
		case "Phan Tuấn Anh":
			tuanAnh = r
		}
	}
	if quan == nil || tuanAnh == nil {
		t.Fatal("registrations missing")
	}
	// The council member has not scored Nguyễn Đình Quân yet and still can.
	if err := db.SaveScore(council, &thidua.Score{RegistrationID: quan.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreCouncil, Value: 25}); err != nil {
		t.Errorf("council scores while evaluating: %v", err)
	}
	// A staff member may not score as a reviewer, nor the officer as the council.
	if err := db.SaveScore(staff, &thidua.Score{RegistrationID: tuanAnh.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreHead, Value: 30}); thidua.ErrorCode(err) != thidua.EFORBIDDEN {
		t.Errorf("staff head score: %v, want EFORBIDDEN", err)
	}
	if err := db.SaveScore(officer, &thidua.Score{RegistrationID: tuanAnh.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreCouncil, Value: 30}); thidua.ErrorCode(err) != thidua.EFORBIDDEN {
		t.Errorf("officer council score: %v, want EFORBIDDEN", err)
	}
	// Evidence is closed while evaluating; the officer may reopen and then close.
	if err := db.AddEvidence(staff, &thidua.Evidence{RegistrationID: tuanAnh.ID, CriterionID: criteria[1].ID, Text: "Bổ sung"}); thidua.ErrorCode(err) != thidua.EINVALID {
		t.Errorf("evidence while evaluating: %v, want EINVALID", err)
	}
	c, err = db.TransitionCampaign(officer, c.ID, "reopen", c.Version)
	if err != nil || c.State != thidua.CampaignInProgress {
		t.Fatalf("reopen: %v", err)
	}
	if err := db.AddEvidence(staff, &thidua.Evidence{RegistrationID: tuanAnh.ID, CriterionID: criteria[1].ID, Text: "Chia sẻ 20 tin, bài về bầu cử trên trang cá nhân"}); err != nil {
		t.Errorf("evidence after reopening: %v", err)
	}
	if c, err = db.TransitionCampaign(officer, c.ID, "evaluate", c.Version); err != nil {
		t.Fatal(err)
	}
	if c, err = db.TransitionCampaign(officer, c.ID, "close", c.Version); err != nil || c.State != thidua.CampaignClosed {
		t.Fatalf("close: %v", err)
	}
	if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
		t.Errorf("audit chain broken at %d: %v", bad, err)
	}
}
