package sqldb_test

import (
	"context"
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

type campaignFixture struct {
	db                   *sqldb.DB
	root, office, hc, kt *thidua.Unit
	an, binh, cuong      *thidua.Person
	officer, head        *thidua.User
	council, council2    *thidua.User
	officerCtx, headCtx  context.Context
	councilCtx           context.Context
	council2Ctx          context.Context
	c                    *thidua.Campaign
}

func userCtx(t *testing.T, db *sqldb.DB, u *thidua.User) context.Context {
	t.Helper()
	full, err := db.FindUserByUsername(sys, u.Username)
	if err != nil {
		t.Fatal(err)
	}
	return thidua.NewContextWithUser(context.Background(), full)
}

func newCampaignFixture(t *testing.T, db *sqldb.DB) *campaignFixture {
	f := &campaignFixture{db: db}
	f.root = mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
	f.office = mustUnit(t, db, sys, f.root.ID, "Văn phòng UBND tỉnh", "VPUBND")
	f.hc = mustUnit(t, db, sys, f.office.ID, "Phòng Hành chính", "HC")
	f.kt = mustUnit(t, db, sys, f.office.ID, "Phòng Kinh tế", "KT")
	f.an = mustPerson(t, db, sys, f.hc.ID, "Nguyễn Văn An")
	f.binh = mustPerson(t, db, sys, f.hc.ID, "Trần Thị Bình")
	f.binh.Gender = thidua.GenderFemale
	if err := db.UpdatePerson(sys, f.binh); err != nil {
		t.Fatal(err)
	}
	f.cuong = mustPerson(t, db, sys, f.kt.ID, "Lê Văn Cường")
	f.officer = mustUser(t, db, "thiduakt", thidua.Grant{Role: thidua.RoleOfficer, UnitID: f.office.ID})
	f.head = mustUser(t, db, "truongphong", thidua.Grant{Role: thidua.RoleUnitHead, UnitID: f.hc.ID})
	f.council = mustUser(t, db, "hoidong", thidua.Grant{Role: thidua.RoleCouncil, UnitID: f.office.ID})
	f.council2 = mustUser(t, db, "hoidong2", thidua.Grant{Role: thidua.RoleCouncil, UnitID: f.office.ID})
	// council2 works in Phòng Hành chính: a conflict of interest there.
	c2, _ := db.FindUserByID(sys, f.council2.ID)
	c2.PersonID = f.binh.ID
	if err := db.UpdateUser(sys, c2); err != nil {
		t.Fatal(err)
	}
	f.officerCtx, f.headCtx = userCtx(t, db, f.officer), userCtx(t, db, f.head)
	f.councilCtx, f.council2Ctx = userCtx(t, db, f.council), userCtx(t, db, f.council2)
	plan, _ := thidua.ParseDocRef("248/KH-VPUBND")
	f.c = &thidua.Campaign{Title: "Đợt thi đua cao điểm bầu cử", Form: thidua.FormThematic, Kind: "CAO_DIEM",
		UnitID: f.office.ID, Plan: plan, PlanDate: thidua.NewDate(2021, 4, 20),
		StartDate: thidua.NewDate(2021, 4, 20), EndDate: thidua.NewDate(2021, 6, 30), Participants: thidua.ForBoth,
		ExcludeConflicts: true, Awards: []thidua.PlannedAward{{Code: "GK", Label: "Giấy khen", MaxCollectives: 2, MaxIndividuals: 5}}}
	if err := db.CreateCampaign(f.officerCtx, f.c); err != nil {
		t.Fatalf("CreateCampaign: %v", err)
	}
	return f
}

func TestCampaignLifecycle(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		c := f.c
		if c.State != thidua.CampaignDraft || c.Plan.String() != "248/KH-VPUBND" || c.UnitName != "Văn phòng UBND tỉnh" {
			t.Fatalf("created %+v", c)
		}
		// A unit head cannot create or manage campaigns.
		if err := db.CreateCampaign(f.headCtx, &thidua.Campaign{Title: "X", Form: thidua.FormRegular, Kind: "NAM", UnitID: f.hc.ID,
			StartDate: thidua.NewDate(2021, 1, 1), EndDate: thidua.NewDate(2021, 12, 31), Participants: thidua.ForBoth}); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("unit head creates campaign: %v", err)
		}
		// Validation: end before start.
		bad := *c
		bad.EndDate = thidua.NewDate(2020, 1, 1)
		if err := db.UpdateCampaign(f.officerCtx, &bad); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["end_date"] == "" {
			t.Fatalf("end before start: %v", err)
		}
		// Launch needs criteria.
		if _, err := db.TransitionCampaign(f.officerCtx, c.ID, "launch", c.Version); code(err) != thidua.EINVALID {
			t.Fatalf("launch without criteria: %v", err)
		}
		crit := []*thidua.Criterion{
			{Code: "TC1", Title: "Lãnh đạo, chỉ đạo, tham mưu", AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1},
			{Code: "TC2", Title: "Thông tin tuyên truyền", AppliesTo: thidua.ForBoth, MaxScore: 20, Weight: 2},
			{Code: "TC3", Title: "Tổ chức bộ máy", AppliesTo: thidua.ForCollectives, MaxScore: 10, Weight: 1},
		}
		if err := db.SaveCriteria(f.officerCtx, c.ID, c.Version, crit); err != nil {
			t.Fatalf("SaveCriteria: %v", err)
		}
		if err := db.SaveCriteria(f.officerCtx, c.ID, c.Version, crit); code(err) != thidua.ECONFLICT {
			t.Fatalf("stale criteria save: %v", err)
		}
		dup := []*thidua.Criterion{{Code: "A", Title: "a", AppliesTo: "BOTH", MaxScore: 1}, {Code: "a", Title: "b", AppliesTo: "BOTH", MaxScore: 200000}}
		c, _ = db.FindCampaignByID(f.officerCtx, c.ID)
		if err := db.SaveCriteria(f.officerCtx, c.ID, c.Version, dup); code(err) != thidua.EINVALID || len(thidua.ErrorFields(err)) != 2 {
			t.Fatalf("duplicate code and max score: %v %v", err, thidua.ErrorFields(err))
		}
		if got, _ := db.FindCriteria(f.officerCtx, c.ID); len(got) != 3 || got[1].Code != "TC2" {
			t.Fatalf("criteria after failed save: %d", len(got))
		}
		// Registration is not open in draft.
		if err := db.CreateRegistrations(f.headCtx, c.ID, []*thidua.Registration{{Kind: thidua.ForCollectives, UnitID: f.hc.ID}}); code(err) != thidua.EINVALID {
			t.Fatalf("register in draft: %v", err)
		}
		c, err := db.TransitionCampaign(f.officerCtx, c.ID, "launch", c.Version)
		if err != nil || c.State != thidua.CampaignLaunched {
			t.Fatalf("launch: %v", err)
		}
		if _, err := db.TransitionCampaign(f.officerCtx, c.ID, "close", c.Version); code(err) != thidua.EINVALID {
			t.Fatalf("close from launched: %v", err)
		}
		// Bulk registration is all or nothing: Cường is outside the head's unit.
		regs := []*thidua.Registration{{Kind: thidua.ForCollectives, UnitID: f.hc.ID, TargetTitle: "Giấy khen"},
			{Kind: thidua.ForIndividuals, PersonID: f.an.ID}, {Kind: thidua.ForIndividuals, PersonID: f.cuong.ID}}
		if err := db.CreateRegistrations(f.headCtx, c.ID, regs); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("register outside scope: %v", err)
		}
		if got, _ := db.FindRegistrations(f.officerCtx, c.ID); len(got) != 0 {
			t.Fatalf("partial registration stored: %d", len(got))
		}
		regs = regs[:2]
		regs = append(regs, &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: f.binh.ID})
		if err := db.CreateRegistrations(f.headCtx, c.ID, regs); err != nil {
			t.Fatalf("register: %v", err)
		}
		if err := db.CreateRegistrations(f.officerCtx, c.ID, []*thidua.Registration{{Kind: thidua.ForCollectives, UnitID: f.kt.ID},
			{Kind: thidua.ForIndividuals, PersonID: f.cuong.ID}, {Kind: thidua.ForIndividuals, PersonID: f.an.ID}}); code(err) != thidua.ECONFLICT {
			t.Fatalf("duplicate registration: %v", err)
		}
		if err := db.CreateRegistrations(f.officerCtx, c.ID, []*thidua.Registration{{Kind: thidua.ForCollectives, UnitID: f.kt.ID},
			{Kind: thidua.ForIndividuals, PersonID: f.cuong.ID}}); err != nil {
			t.Fatal(err)
		}
		// Criteria are frozen once registrations exist.
		c, _ = db.FindCampaignByID(f.officerCtx, c.ID)
		if err := db.SaveCriteria(f.officerCtx, c.ID, c.Version, crit); code(err) != thidua.EINVALID {
			t.Fatalf("criteria edit after registration: %v", err)
		}
		all, _ := db.FindRegistrations(f.officerCtx, c.ID)
		if len(all) != 5 {
			t.Fatalf("registrations=%d", len(all))
		}
		for _, r := range all {
			if r.Name == "Lê Văn Cường" {
				if err := db.ReviewRegistration(f.officerCtx, r.ID, false, "", r.Version); code(err) != thidua.EINVALID {
					t.Fatalf("return without reason: %v", err)
				}
				if err := db.ReviewRegistration(f.officerCtx, r.ID, false, "Thiếu bản cam kết", r.Version); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := db.ReviewRegistration(f.headCtx, r.ID, true, "", r.Version); code(err) != thidua.EFORBIDDEN && code(err) != thidua.ENOTFOUND {
				t.Fatalf("head approves: %v", err)
			}
			if err := db.ReviewRegistration(f.officerCtx, r.ID, true, "", r.Version); err != nil {
				t.Fatalf("approve: %v", err)
			}
		}
		c, _ = db.TransitionCampaign(f.officerCtx, c.ID, "start", c.Version)
		all, _ = db.FindRegistrations(f.officerCtx, c.ID)
		byName := map[string]*thidua.Registration{}
		for _, r := range all {
			byName[r.Name] = r
		}
		criteria, _ := db.FindCriteria(f.officerCtx, c.ID)
		// Evidence: link validation, wrong criterion, and success.
		ev := &thidua.Evidence{RegistrationID: byName["Nguyễn Văn An"].ID, CriterionID: criteria[1].ID, Text: "Đăng 12 tin bài", Link: "javascript:alert(1)"}
		if err := db.AddEvidence(f.headCtx, ev); code(err) != thidua.EINVALID {
			t.Fatalf("bad link: %v", err)
		}
		ev.Link = "https://vpubnd.example.gov.vn/tin-tuc/bau-cu"
		fig := 12.0
		ev.Figure = &fig
		ev.Attachments = []thidua.Attachment{{Name: "bao-cao.pdf", ContentType: "application/pdf", Size: 1234, Key: "k1"}}
		if err := db.AddEvidence(f.headCtx, ev); err != nil {
			t.Fatalf("evidence: %v", err)
		}
		if err := db.AddEvidence(f.headCtx, &thidua.Evidence{RegistrationID: ev.RegistrationID, CriterionID: criteria[2].ID, Text: "x"}); code(err) != thidua.EINVALID {
			t.Fatalf("evidence on a collective-only criterion for an individual: %v", err)
		}
		evs, _ := db.FindEvidence(f.officerCtx, ev.RegistrationID)
		if len(evs) != 1 || len(evs[0].Attachments) != 1 || *evs[0].Figure != 12 {
			t.Fatalf("evidence read back %+v", evs)
		}
		if _, _, err := db.FindAttachment(f.council2Ctx, evs[0].Attachments[0].ID); err != nil {
			// council2 covers the office: allowed to view.
			t.Fatalf("attachment for council: %v", err)
		}
		// A registration outside the head's scope is none to the head: not found.
		if err := db.AddEvidence(f.headCtx, &thidua.Evidence{RegistrationID: byName["Lê Văn Cường"].ID, CriterionID: criteria[0].ID, Text: "x"}); code(err) != thidua.ENOTFOUND {
			t.Fatalf("evidence outside scope: %v", err)
		}
		// Self scores while in progress; reviewer scores only while evaluating.
		an := byName["Nguyễn Văn An"]
		if err := db.SaveScore(f.headCtx, &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreSelf, Value: 31}); code(err) != thidua.EINVALID {
			t.Fatalf("score above max: %v", err)
		}
		if err := db.SaveScore(f.headCtx, &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[2].ID, Kind: thidua.ScoreSelf, Value: 5}); code(err) != thidua.EINVALID {
			t.Fatalf("collective-only criterion on individual: %v", err)
		}
		if err := db.SaveScore(f.headCtx, &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreHead, Value: 20}); code(err) != thidua.EINVALID {
			t.Fatalf("head score while in progress: %v", err)
		}
		self := &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreSelf, Value: 28}
		if err := db.SaveScore(f.headCtx, self); err != nil || self.Version != 1 {
			t.Fatalf("self score: %v", err)
		}
		stale := *self
		stale.Version = 0
		stale.Value = 29
		if err := db.SaveScore(f.headCtx, &stale); code(err) != thidua.ECONFLICT {
			t.Fatalf("second create of the same score: %v", err)
		}
		// One self-assessment per criterion, whoever enters it: the officer
		// corrects the head's entry instead of adding a second one.
		fix := &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreSelf, Value: 27, Version: self.Version}
		if err := db.SaveScore(f.officerCtx, fix); err != nil || fix.Version != 2 || fix.ID != self.ID {
			t.Fatalf("officer corrects self score: %+v %v", fix, err)
		}
		c, _ = db.FindCampaignByID(f.officerCtx, c.ID)
		if err := db.SetReviewers(f.officerCtx, c.ID, []int64{f.council.ID, f.head.ID}); code(err) != thidua.EINVALID {
			t.Fatalf("non-council reviewer: %v", err)
		}
		if err := db.SetReviewers(f.officerCtx, c.ID, []int64{f.council.ID, f.council2.ID}); err != nil {
			t.Fatal(err)
		}
		c, _ = db.TransitionCampaign(f.officerCtx, c.ID, "evaluate", c.Version)
		binh := byName["Trần Thị Bình"]
		score := func(ctx context.Context, reg *thidua.Registration, cr *thidua.Criterion, kind string, v float64) {
			t.Helper()
			if err := db.SaveScore(ctx, &thidua.Score{RegistrationID: reg.ID, CriterionID: cr.ID, Kind: kind, Value: v}); err != nil {
				t.Fatalf("score %s %s %s: %v", reg.Name, cr.Code, kind, err)
			}
		}
		score(f.councilCtx, an, criteria[0], thidua.ScoreCouncil, 24)
		score(f.council2Ctx, an, criteria[0], thidua.ScoreCouncil, 30) // conflict: excluded
		score(f.councilCtx, an, criteria[1], thidua.ScoreCouncil, 15)
		score(f.councilCtx, binh, criteria[0], thidua.ScoreCouncil, 24)
		score(f.councilCtx, binh, criteria[1], thidua.ScoreCouncil, 15)
		if err := db.SaveScore(f.headCtx, &thidua.Score{RegistrationID: byName["Phòng Kinh tế"].ID, CriterionID: criteria[0].ID, Kind: thidua.ScoreHead, Value: 5}); code(err) != thidua.ENOTFOUND {
			t.Fatalf("head scores another unit (outside the head's scope: not found): %v", err)
		}
		scores, _ := db.FindScores(f.officerCtx, c.ID)
		criteriaP := criteria
		results := thidua.ComputeResults(c, criteriaP, all, scores)
		var anRes, binhRes *thidua.Result
		for _, r := range results {
			switch r.Registration.Name {
			case "Nguyễn Văn An":
				anRes = r
			case "Trần Thị Bình":
				binhRes = r
			}
		}
		if anRes == nil || anRes.Total != 54 || anRes.Criteria[0].Excluded != 1 || anRes.Criteria[0].Final != 24 {
			t.Fatalf("An result %+v", anRes)
		}
		if binhRes.Total != 54 || binhRes.Rank != 1 || anRes.Rank != 1 || !anRes.Tied {
			t.Fatalf("tie: An rank %d, Bình rank %d tied=%v", anRes.Rank, binhRes.Rank, anRes.Tied)
		}
		// Women first among ties (R-GEN-03).
		for _, r := range results {
			if r.Registration.Kind == thidua.ForIndividuals {
				if r.Registration.Name != "Trần Thị Bình" {
					t.Fatalf("first individual %s, want Trần Thị Bình", r.Registration.Name)
				}
				break
			}
		}
		progress, _ := db.Progress(f.officerCtx, c.ID)
		if len(progress) != 2 || progress[0].Registered != 3 || progress[0].WithEvidence != 1 || progress[0].Scored != 2 {
			t.Fatalf("progress %+v", progress)
		}
		c, err = db.TransitionCampaign(f.officerCtx, c.ID, "close", c.Version)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SaveScore(f.councilCtx, &thidua.Score{RegistrationID: an.ID, CriterionID: criteria[1].ID, Kind: thidua.ScoreCouncil, Value: 1, Version: 1}); code(err) != thidua.EINVALID {
			t.Fatalf("score after close: %v", err)
		}
		// A closed campaign's record is final; only the publication of its
		// ranking may still change.
		edited := *c
		edited.Title += " (sửa)"
		edited.PublishRanking = true
		if err := db.UpdateCampaign(f.officerCtx, &edited); code(err) != thidua.EINVALID {
			t.Fatalf("edit closed campaign: %v", err)
		}
		if got, _ := db.FindCampaignByID(f.officerCtx, c.ID); got.Title != c.Title || got.PublishRanking || got.Version != c.Version {
			t.Fatalf("a refused edit changed the closed campaign: %+v", got)
		}
		publish := *c
		publish.PublishRanking = true
		if err := db.UpdateCampaign(f.officerCtx, &publish); err != nil {
			t.Fatalf("publish the closed campaign's ranking: %v", err)
		}
		if c, err = db.FindCampaignByID(f.officerCtx, c.ID); err != nil || !c.RankingPublished() {
			t.Fatalf("closed campaign after publishing its ranking: %+v %v", c, err)
		}
		// Copy as a template for next year.
		cp, err := db.CopyCampaign(f.officerCtx, c.ID)
		if err != nil || cp.State != thidua.CampaignDraft || cp.StartDate != thidua.NewDate(2022, 4, 20) {
			t.Fatalf("copy: %+v %v", cp, err)
		}
		if got, _ := db.FindCriteria(f.officerCtx, cp.ID); len(got) != 3 {
			t.Fatalf("copied criteria %d", len(got))
		}
		// Visibility: a unit head of Phòng Hành chính sees the office's campaign.
		if _, n, _ := db.FindCampaigns(f.headCtx, thidua.CampaignFilter{}); n != 2 {
			t.Fatalf("head sees %d campaigns", n)
		}
		if err := db.DeleteCampaign(f.officerCtx, c.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("delete closed: %v", err)
		}
		if err := db.DeleteCampaign(f.officerCtx, cp.ID); err != nil {
			t.Fatalf("delete draft: %v", err)
		}
		if bad, err := db.VerifyAuditChain(sys); bad != 0 || err != nil {
			t.Fatalf("audit chain: %d %v", bad, err)
		}
	})
}
