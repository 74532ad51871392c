package province

import (
	"context"
	"fmt"

	"thidua"
)

// campaignCriteria are three contents every generated campaign scores.
func campaignCriteria() []*thidua.Criterion {
	return []*thidua.Criterion{
		{Code: "TC1", Title: "Hoàn thành xuất sắc nhiệm vụ chuyên môn được giao", AppliesTo: thidua.ForBoth, MaxScore: 40, Weight: 1,
			Evidence: "Báo cáo kết quả thực hiện nhiệm vụ."},
		{Code: "TC2", Title: "Cải cách hành chính, chuyển đổi số", AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1,
			Evidence: "Số thủ tục, hồ sơ giải quyết trực tuyến."},
		{Code: "TC3", Title: "Chấp hành kỷ luật, kỷ cương hành chính", AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1,
			Evidence: "Xác nhận của thủ trưởng đơn vị."},
	}
}

// campaignStates spreads the campaigns over every state: the state reached
// by the i-th of n campaigns.
func campaignState(i, n int) string {
	switch f := float64(i) / float64(n); {
	case f < 0.16:
		return thidua.CampaignDraft
	case f < 0.32:
		return thidua.CampaignLaunched
	case f < 0.52:
		return thidua.CampaignInProgress
	case f < 0.72:
		return thidua.CampaignEvaluating
	}
	return thidua.CampaignClosed
}

func (g *gen) campaigns() (string, error) {
	n := max(5, g.count(50))
	regsEach := max(2, g.count(5000)/max(1, n*84/100))
	officer := g.ctxs["thiduatinh"]
	council := g.ctxs["hoidong1"]
	for i := range n {
		err := g.inTx(officer, func() error { return g.campaign(officer, council, i, n, regsEach) })
		if err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d phong trào, %d đăng ký, %d minh chứng, %d điểm", g.n.Campaigns, g.n.Registrations, g.n.Evidence, g.n.Scores), nil
}

// campaign creates the i-th of n campaigns and walks it to its state.
func (g *gen) campaign(officer, council context.Context, i, n, regsEach int) error {
	{
		state := campaignState(i, n)
		year := g.last - (n-1-i)*10/n
		launcher := g.depts[i%len(g.depts)]
		scope := launcher
		if i%5 == 0 {
			launcher, scope = g.root, g.root // the province's own campaigns
		}
		plan, err := thidua.ParseDocRef(fmt.Sprintf("%d/KH-%s", 10+i, launcher.Abbrev))
		if err != nil {
			return err
		}
		c := &thidua.Campaign{
			Title: fmt.Sprintf("Phong trào thi đua %s năm %d (%d)", sentence(g.r, 5), year, i+1), Form: thidua.FormRegular, Kind: "NAM",
			UnitID: launcher.ID, Plan: plan, PlanDate: thidua.NewDate(year, 1, 15), Signer: "Nguyễn Văn An", SignerPost: "Giám đốc",
			StartDate: thidua.NewDate(year, 2, 1), EndDate: thidua.NewDate(year, 11, 30), Objectives: sentence(g.r, 30) + ".",
			ScopeUnitID: scope.ID, Participants: thidua.ForBoth, Aggregation: thidua.AggMeanReviewers, ExcludeConflicts: true,
			Awards: []thidua.PlannedAward{{Code: thidua.FormGK, Label: "Giấy khen của Giám đốc Sở", MaxCollectives: 3, MaxIndividuals: 10}},
		}
		if err := g.db.CreateCampaign(officer, c); err != nil {
			return fmt.Errorf("campaign %d: %w", i, err)
		}
		if err := g.db.SaveCriteria(officer, c.ID, c.Version, campaignCriteria()); err != nil {
			return err
		}
		g.n.Campaigns++
		if state == thidua.CampaignDraft {
			return nil
		}
		if c, err = g.db.FindCampaignByID(officer, c.ID); err != nil {
			return err
		}
		tr := func(action string) error {
			next, err := g.db.TransitionCampaign(officer, c.ID, action, c.Version)
			if err != nil {
				return fmt.Errorf("campaign %d %s: %w", i, action, err)
			}
			c = next
			return nil
		}
		if err := tr("launch"); err != nil {
			return err
		}
		if err := g.register(officer, c, scope, regsEach, state); err != nil {
			return fmt.Errorf("campaign %d: %w", i, err)
		}
		if state == thidua.CampaignLaunched {
			return nil
		}
		if err := tr("start"); err != nil {
			return err
		}
		crit, err := g.db.FindCriteria(officer, c.ID)
		if err != nil {
			return err
		}
		regs, err := g.db.FindRegistrations(officer, c.ID)
		if err != nil {
			return err
		}
		if err := g.evidenceAndSelfScores(officer, c, crit, regs, state != thidua.CampaignInProgress); err != nil {
			return err
		}
		if state == thidua.CampaignInProgress {
			return nil
		}
		if err := g.db.SetReviewers(officer, c.ID, []int64{g.users["hoidong1"].ID}); err != nil {
			return err
		}
		if err := tr("evaluate"); err != nil {
			return err
		}
		if err := g.councilScores(council, crit, regs); err != nil {
			return err
		}
		if state == thidua.CampaignClosed {
			if err := tr("close"); err != nil {
				return err
			}
		}
	}
	return nil
}

// register enters about want registrations of units and people of scope,
// approving most of them (one in twenty is returned; a launched campaign
// keeps a third waiting).
func (g *gen) register(officer context.Context, c *thidua.Campaign, scope *thidua.Unit, want int, state string) error {
	var regs []*thidua.Registration
	commit := map[string]string{"TC1": "Hoàn thành 100% nhiệm vụ được giao.", "TC2": "100% hồ sơ giải quyết đúng hạn.", "TC3": "Không vi phạm kỷ luật."}
	var units []*thidua.Unit
	for _, u := range g.leaves {
		if u.ID == scope.ID || u.ParentID == scope.ID || scope.ID == g.root.ID || g.byID[u.ParentID] != nil && g.byID[u.ParentID].ParentID == scope.ID {
			units = append(units, u)
		}
	}
	collectives := min(len(units), max(1, want/6))
	for _, u := range units[:collectives] {
		regs = append(regs, &thidua.Registration{Kind: thidua.ForCollectives, UnitID: u.ID, TargetTitle: thidua.TitleTTLDTT, Commitments: commit})
	}
	seen := map[int64]bool{}
	for k := 0; len(regs) < want && k < want*4; k++ {
		u := units[g.r.IntN(len(units))]
		l := g.byUnit[u.ID]
		if len(l) == 0 {
			continue
		}
		p := g.people[l[g.r.IntN(len(l))]]
		if seen[p.id] {
			continue
		}
		seen[p.id] = true
		regs = append(regs, &thidua.Registration{Kind: thidua.ForIndividuals, UnitID: p.unitID, PersonID: p.id, TargetTitle: thidua.TitleLDTT, Commitments: commit})
	}
	if err := g.db.CreateRegistrations(officer, c.ID, regs); err != nil {
		return err
	}
	g.n.Registrations += len(regs)
	stored, err := g.db.FindRegistrations(officer, c.ID)
	if err != nil {
		return err
	}
	for k, r := range stored {
		if state == thidua.CampaignLaunched && k%3 == 0 {
			continue
		}
		approve, reason := k%20 != 7, ""
		if !approve {
			reason = "Bản đăng ký chưa có chữ ký của thủ trưởng đơn vị."
		}
		if err := g.db.ReviewRegistration(officer, r.ID, approve, reason, r.Version); err != nil {
			return fmt.Errorf("review %s: %w", r.Name, err)
		}
	}
	return nil
}

func (g *gen) evidenceAndSelfScores(officer context.Context, c *thidua.Campaign, crit []*thidua.Criterion, regs []*thidua.Registration, score bool) error {
	for k, r := range regs {
		if r.State != thidua.RegApproved {
			continue
		}
		if k%2 == 0 {
			f := float64(10 + g.r.IntN(200))
			e := &thidua.Evidence{RegistrationID: r.ID, CriterionID: crit[1].ID, Text: "Giải quyết " + fmt.Sprint(int(f)) + " hồ sơ trực tuyến đúng hạn.",
				Figure: &f, Date: thidua.DateOf(c.StartDate.Time().AddDate(0, 3, 0))}
			if err := g.db.AddEvidence(officer, e); err != nil {
				return fmt.Errorf("evidence of %s: %w", r.Name, err)
			}
			g.n.Evidence++
		}
		if !score {
			continue
		}
		for _, cr := range crit {
			s := &thidua.Score{RegistrationID: r.ID, CriterionID: cr.ID, Kind: thidua.ScoreSelf, Value: cr.MaxScore - float64(g.r.IntN(8))}
			if err := g.db.SaveScore(officer, s); err != nil {
				return fmt.Errorf("self score of %s: %w", r.Name, err)
			}
			g.n.Scores++
		}
	}
	return nil
}

func (g *gen) councilScores(council context.Context, crit []*thidua.Criterion, regs []*thidua.Registration) error {
	for _, r := range regs {
		if r.State != thidua.RegApproved {
			continue
		}
		for _, cr := range crit {
			s := &thidua.Score{RegistrationID: r.ID, CriterionID: cr.ID, Kind: thidua.ScoreCouncil, Value: cr.MaxScore - float64(g.r.IntN(10))}
			if err := g.db.SaveScore(council, s); err != nil {
				return fmt.Errorf("council score of %s: %w", r.Name, err)
			}
			g.n.Scores++
		}
	}
	return nil
}
