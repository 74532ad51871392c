package province

import (
	"context"
	"fmt"
	"strings"

	"thidua"
	"thidua/ballot"
	"thidua/sqldb/climb"
)

// commendation makes the proposals of the departments' offices, each
// agency's council and its meetings, and the decisions drafted from them,
// each by the agency's own officer (agency.go), and the province's council: about seven proposals in ten go through the whole procedure
// (submitted and judged by the eligibility engine, received, appraised,
// voted on in one meeting per nominee, decided and issued), the others wait
// at an earlier step. Proposals are spread over ten years.
func (g *gen) commendation() (string, error) {
	officer := g.ctxs["thiduatinh"]
	members := []string{"hoidong1", "hoidong2", "hoidong3"}
	c := &thidua.Council{UnitID: g.root.ID, Name: "Hội đồng Thi đua – Khen thưởng tỉnh", From: thidua.NewDate(g.last-10, 1, 1),
		MinPresent: 2.0 / 3.0, MinPresentAward: 0.8}
	for k, m := range members {
		role := "MEMBER"
		if k == 0 {
			role = "CHAIR"
		}
		c.Members = append(c.Members, thidua.CouncilMember{UserID: g.users[m].ID, Role: role})
	}
	c.Members = append(c.Members, thidua.CouncilMember{UserID: g.users["thukyhd"].ID, Role: "SECRETARY"})
	if err := g.db.CreateCouncil(officer, c); err != nil {
		return "", err
	}
	g.n.Councils++
	g.province = c

	proposals, decisions := g.count(1000), g.count(2000)
	flowing := proposals * 7 / 10
	perProposal := max(1, (decisions+flowing-1)/max(1, flowing))
	// The proposing units: departments' offices with enough clean people.
	var units []*thidua.Unit
	for _, u := range g.leaves {
		clean := 0
		for _, k := range g.byUnit[u.ID] {
			if g.people[k].clean {
				clean++
			}
		}
		if clean >= 2 {
			units = append(units, u)
		}
	}
	if len(units) == 0 {
		return "", fmt.Errorf("no unit has two people to nominate")
	}
	used := map[int64]map[int]bool{} // person → years nominated
	for i := range proposals {
		u := units[i%len(units)]
		year := g.last - i%10
		var ns []*thidua.Nominee
		want := perProposal
		if i >= flowing {
			want = 2
		}
		for _, k := range g.byUnit[u.ID] {
			p := g.people[k]
			if !p.clean || used[p.id][year] || len(ns) == want {
				continue
			}
			if used[p.id] == nil {
				used[p.id] = map[int]bool{}
			}
			used[p.id][year] = true
			ns = append(ns, &thidua.Nominee{Subject: thidua.SubjectPerson, SubjectID: p.id, Award: thidua.FormGK,
				Report: thidua.AchievementReport{Achievements: "Hoàn thành xuất sắc nhiệm vụ năm " + fmt.Sprint(year) + "; " + sentence(g.r, 12) + "."}})
		}
		// One flowing proposal in ten also proposes a Bằng khen của Chủ
		// tịch UBND tỉnh, which the agency forwards up to the province.
		if i < flowing && i%10 == 0 && len(ns) >= 2 {
			ns[len(ns)-1].Award = thidua.FormBKCT
		}
		if len(ns) == 0 {
			continue
		}
		a, err := g.agencyOf(u)
		if err != nil {
			return "", err
		}
		err = g.inTx(a.officer, func() error {
			step := "draft"
			switch {
			case i < flowing:
				step = "council"
			case i%3 == 0:
				step = "submitted"
			case i%3 == 1:
				step = "received"
			}
			return g.proposal(a, u, year, i, ns, step, decisions)
		})
		if err != nil {
			return "", fmt.Errorf("proposal %d: %w", i, err)
		}
		if g.forward != 0 {
			id := g.forward
			g.forward = 0
			if err := g.climb(a, id, year, decisions); err != nil {
				return "", fmt.Errorf("proposal %d up to the province: %w", i, err)
			}
		}
	}
	return fmt.Sprintf("%d tờ trình (%d trình lên tỉnh), %d hội đồng, %d phiên họp, %d quyết định", g.n.Proposals, g.n.Forwarded, g.n.Councils, g.n.Meetings, g.n.Decisions), nil
}

// proposal makes one proposal and walks it to step: draft, submitted,
// received, or council (voted on and decided, one meeting and decision per
// nominee while the decisions wanted are not all made).
func (g *gen) proposal(a *agency, u *thidua.Unit, year, i int, ns []*thidua.Nominee, step string, decisions int) error {
	officer, c, members := a.officer, a.council, a.members
	p := &thidua.Proposal{UnitID: u.ID, Kind: thidua.AwardCongTrang, Year: year,
		Title: fmt.Sprintf("Tờ trình đề nghị tặng Giấy khen năm %d của %s (%d)", year, u.Name, i+1)}
	if err := g.db.CreateProposal(officer, p); err != nil {
		return err
	}
	g.n.Proposals++
	if err := g.db.SetNominees(officer, p.ID, p.Version, ns); err != nil {
		return err
	}
	if step == "draft" {
		return nil
	}
	p, err := g.db.FindProposalByID(officer, p.ID)
	if err != nil {
		return err
	}
	if err := g.db.SubmitProposal(officer, p.ID, p.Version); err != nil {
		if thidua.ErrorCode(err) != thidua.EINVALID {
			return err
		}
		// Not eligible by the engine: proposed anyway, with the reason.
		for _, n := range ns {
			n.Override = "Có thành tích xuất sắc đột xuất trong năm, được tập thể đơn vị suy tôn."
		}
		if err := g.db.SetNominees(officer, p.ID, p.Version, ns); err != nil {
			return err
		}
		if p, err = g.db.FindProposalByID(officer, p.ID); err != nil {
			return err
		}
		if err := g.db.SubmitProposal(officer, p.ID, p.Version); err != nil {
			return err
		}
	}
	if step == "submitted" {
		return nil
	}
	actions := []string{"receive"}
	if step == "council" {
		actions = append(actions, "appraise", "to_council")
	}
	if p, err = g.advance(officer, p.ID, actions); err != nil || step != "council" {
		return err
	}
	// Every meeting is called before any decides: an issued decision
	// closes the proposal to new meetings.
	forward := false
	// Each meeting is kept with its nominee: a Giấy khen skipped once the
	// decisions wanted are made shifts the meetings against p.Nominees.
	var meetings []*thidua.Meeting
	var awards []string
	for k, n := range p.Nominees {
		if n.Award == thidua.FormGK && g.decided+len(meetings) >= decisions {
			continue
		}
		m, err := g.call(officer, c, n.ID, fmt.Sprintf("Phiên họp xét khen thưởng năm %d, đợt %d", year, k+1), thidua.NewDate(year, 12, 10+k))
		if err != nil {
			return err
		}
		if n.Award != thidua.FormGK {
			forward = true // decided above: the agency's decision leaves it out
		}
		meetings, awards = append(meetings, m), append(awards, n.Award)
	}
	for k, m := range meetings {
		if m, err = g.hold(officer, m, members); err != nil {
			return err
		}
		if awards[k] != thidua.FormGK {
			continue
		}
		// The Giấy khen is decided by the agency's head (R-AUTH-01), in the
		// agency's register.
		d := &thidua.Decision{Issuer: strings.ToUpper(a.unit.Abbrev), Year: year, Place: "Bắc Giang", Title: fmt.Sprintf("Về việc tặng Giấy khen năm %d", year),
			Authority: a.authority, Signer: thidua.Signer{Post: a.post, Name: a.head}}
		if err := g.decide(officer, m, d, thidua.NewDate(year, 12, 20+g.r.IntN(8))); err != nil {
			return err
		}
	}
	if forward {
		g.forward = p.ID
	}
	return nil
}

// advance takes the proposal with this ID through actions (receive,
// appraise, to_council), confirming its nominees before the appraisal.
func (g *gen) advance(officer context.Context, id int64, actions []string) (*thidua.Proposal, error) {
	p, err := g.db.FindProposalByID(officer, id)
	if err != nil {
		return nil, err
	}
	for _, a := range actions {
		if a == "appraise" {
			for _, n := range p.Nominees {
				if !n.Confirmed {
					if err := g.db.ConfirmNominee(officer, n.ID, true, "Đã đối chiếu hồ sơ gốc."); err != nil {
						return nil, err
					}
				}
			}
			if p, err = g.db.FindProposalByID(officer, p.ID); err != nil {
				return nil, err
			}
		}
		if err := g.db.TransitionProposal(officer, p.ID, a, "", p.Version); err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if p, err = g.db.FindProposalByID(officer, p.ID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// call calls a meeting of council c on one nominee.
func (g *gen) call(officer context.Context, c *thidua.Council, nomineeID int64, title string, date thidua.Date) (*thidua.Meeting, error) {
	m := &thidua.Meeting{CouncilID: c.ID, Title: title, Date: date, Place: "Phòng họp số 1", Agenda: []int64{nomineeID}}
	if err := g.db.CreateMeeting(officer, m); err != nil {
		return nil, fmt.Errorf("meeting: %w", err)
	}
	g.n.Meetings++
	return m, nil
}

// hold holds meeting m: the members attend and agree, the voting closes
// and the trustees decrypt the tally.
func (g *gen) hold(officer context.Context, m *thidua.Meeting, members []string) (*thidua.Meeting, error) {
	var present []int64
	for _, name := range members {
		present = append(present, g.users[name].ID)
	}
	if err := g.db.SetAttendance(officer, m.ID, present, m.Version); err != nil {
		return nil, fmt.Errorf("attendance: %w", err)
	}
	for _, name := range members {
		if _, err := g.db.CastVote(g.ctxs[name], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{m.Agenda[0]: "AGREE"}}); err != nil {
			return nil, fmt.Errorf("vote: %w", err)
		}
	}
	cur, err := g.db.FindMeetingByID(officer, m.ID)
	if err != nil {
		return nil, err
	}
	if err := g.db.CloseMeeting(officer, m.ID, cur.Version); err != nil {
		return nil, fmt.Errorf("close: %w", err)
	}
	if err := g.decrypt(cur); err != nil {
		return nil, err
	}
	return cur, nil
}

// decide drafts d from meeting m and issues it on date, but one decision
// in ten, left as a draft.
func (g *gen) decide(officer context.Context, m *thidua.Meeting, d *thidua.Decision, date thidua.Date) error {
	d.Bases, d.Public = thidua.DecisionBases(date), true
	if err := g.db.DraftDecision(officer, m.ID, d); err != nil {
		return fmt.Errorf("draft decision: %w", err)
	}
	g.decided++
	g.n.Decisions++
	if g.n.Decisions%10 == 0 {
		return nil // left as a draft
	}
	if _, err := g.db.IssueDecision(officer, d.ID, d.Version, date); err != nil {
		return fmt.Errorf("issue: %w", err)
	}
	return nil
}

// climb forwards the agency's proposal id, whose council passed a nominee
// for an award decided above the agency, to the province in one action
// (package ladder: a tờ trình of the agency carrying the nominee, the
// verdicts and the council's tally), and walks it there as the province's
// officer: three in four are received, appraised, put before the
// province's council and decided by the chairman in the province's
// register while the decisions wanted are not all made; the others wait,
// submitted, at the province.
func (g *gen) climb(a *agency, id int64, year, decisions int) error {
	p, err := g.db.FindProposalByID(a.officer, id)
	if err != nil {
		return err
	}
	up, err := climb.New(g.db, "default").ForwardProposal(a.officer, id, p.Version, "")
	if err != nil {
		return fmt.Errorf("forward: %w", err)
	}
	g.n.Forwarded++
	if g.n.Forwarded%4 == 0 {
		return nil
	}
	officer := g.ctxs["thiduatinh"]
	return g.inTx(officer, func() error {
		actions := []string{"receive"}
		if g.decided < decisions {
			actions = append(actions, "appraise", "to_council")
		}
		up, err := g.advance(officer, up.ID, actions)
		if err != nil || len(actions) == 1 {
			return err
		}
		var meetings []*thidua.Meeting
		for k, n := range up.Nominees {
			m, err := g.call(officer, g.province, n.ID, fmt.Sprintf("Phiên họp Hội đồng tỉnh xét khen thưởng năm %d, đợt %d", year, k+1), thidua.NewDate(year+1, 1, 10+k))
			if err != nil {
				return err
			}
			meetings = append(meetings, m)
		}
		for _, m := range meetings {
			m, err := g.hold(officer, m, []string{"hoidong1", "hoidong2", "hoidong3"})
			if err != nil {
				return err
			}
			d := &thidua.Decision{Issuer: "UBND", Year: year + 1, Place: "Bắc Giang", Title: fmt.Sprintf("Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm %d", year),
				Authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", Signer: thidua.Signer{Post: "CHỦ TỊCH", Name: "Nguyễn Văn Gấm"}}
			if err := g.decide(officer, m, d, thidua.NewDate(year+1, 1, 20+g.r.IntN(8))); err != nil {
				return err
			}
		}
		return nil
	})
}

// decrypt has the first Threshold trustees of a meeting whose voting has
// ended do what a trustee does: download their share, compute the partial
// decryption from the meeting record and hand it in.
func (g *gen) decrypt(m *thidua.Meeting) error {
	byID := map[int64]context.Context{}
	for name, u := range g.users {
		byID[u.ID] = g.ctxs[name]
	}
	for _, tr := range m.Trustees[:m.Threshold] {
		ctx, ok := byID[tr.UserID]
		if !ok {
			return fmt.Errorf("trustee %d of meeting %d has no account here", tr.UserID, m.ID)
		}
		share, err := g.db.DownloadShare(ctx, m.ID)
		if err != nil {
			return fmt.Errorf("share: %w", err)
		}
		rec, err := g.db.MeetingRecord(ctx, m.ID)
		if err != nil {
			return fmt.Errorf("record: %w", err)
		}
		p, err := ballot.PartialDecrypt(&rec.Key, share, rec.Sums)
		if err != nil {
			return fmt.Errorf("partial decryption: %w", err)
		}
		if _, err := g.db.AddPartial(ctx, m.ID, p); err != nil {
			return fmt.Errorf("partial: %w", err)
		}
	}
	return nil
}
