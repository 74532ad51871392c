package demo

import (
	"context"
	"fmt"
	"strings"

	"thidua"
	"thidua/passwd"
)

// The demo council: the emulation and commendation council of Văn phòng
// UBND tỉnh (R-HD-04), chaired by the Chánh Văn phòng, with five voting
// members (hoidong, the Phó Chánh Văn phòng Lê Thị Hạnh, is its standing
// member) and a secretary who keeps the minutes, takes attendance and
// enters the written votes of absent members. The officer (thiduakt)
// creates it, so it is validated and audited like one made by hand.

// CouncilName is the demo council's name.
const CouncilName = "Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh"

// councilMember is a demo account on the council, linked to a person.
type councilMember struct {
	username, password, person, role string
}

// councilMembers are the council's members; hoidong exists already.
var councilMembers = []councilMember{
	{"chutichhd", "Demo@2026-chutichhd", "Trần Quốc Bình", "CHAIR"},
	{"phochutichhd", "Demo@2026-phochutich", "Phạm Minh Đức", "VICE_CHAIR"},
	{uCouncil, "", "", "STANDING"},
	{"uyvienhd1", "Demo@2026-uyvien1", "Nguyễn Hữu Dũng", "MEMBER"},
	{"uyvienhd2", "Demo@2026-uyvien2", "Vũ Đình Long", "MEMBER"},
	{"thukyhd", "Demo@2026-thukyhd", "Đặng Thị Thu Hà", "SECRETARY"},
}

// CouncilAccounts are the demo council's accounts that Load creates besides
// the one account per role it returns (hoidong, the standing member, is
// that one of the council role), with their plain-text passwords.
var CouncilAccounts = func() []Account {
	var out []Account
	for _, m := range councilMembers {
		if m.password != "" {
			out = append(out, Account{Username: m.username, Password: m.password, Role: thidua.RoleCouncil, UnitName: "Văn phòng UBND tỉnh"})
		}
	}
	return out
}()

// councilStore is what loading the council needs; *sqldb.DB satisfies it.
type councilStore interface {
	thidua.CouncilService
}

// loadCouncil creates the council's accounts and the council.
func loadCouncil(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit, personByName map[string]*thidua.Person) error {
	cs, ok := s.(councilStore)
	if !ok {
		return nil
	}
	vp := unitByKey[kVP]
	c := &thidua.Council{UnitID: vp.ID, Name: CouncilName, From: thidua.NewDate(2021, 1, 1),
		MinPresent: 2.0 / 3.0, MinPresentAward: 0.8}
	for _, m := range councilMembers {
		var u *thidua.User
		if m.password == "" { // an account of the demo roles
			found, err := s.FindUserByUsername(ctx, m.username)
			if err != nil {
				return fmt.Errorf("demo: council account %s: %w", m.username, err)
			}
			u = found
		} else {
			p, ok := personByName[m.person]
			if !ok {
				return fmt.Errorf("demo: council account %s: no person %q", m.username, m.person)
			}
			hash, err := passwd.Hash(m.password)
			if err != nil {
				return fmt.Errorf("demo: hash password of %s: %w", m.username, err)
			}
			u = &thidua.User{Username: m.username, DisplayName: p.FullName, PersonID: p.ID, PasswordHash: hash,
				Grants: []thidua.Grant{{Role: thidua.RoleCouncil, UnitID: vp.ID}}}
			if err := s.CreateUser(ctx, u); err != nil {
				return fmt.Errorf("demo: create account %s: %w", m.username, err)
			}
		}
		c.Members = append(c.Members, thidua.CouncilMember{UserID: u.ID, Role: m.role})
	}
	officer, err := s.FindUserByUsername(ctx, uOfficer)
	if err != nil {
		return fmt.Errorf("demo: council: account %s: %w", uOfficer, err)
	}
	if err := cs.CreateCouncil(thidua.NewContextWithUser(detached{ctx}, officer), c); err != nil {
		return fmt.Errorf("demo: create council: %w", err)
	}
	return nil
}

// ProposalTitle is the title of the demo's draft proposal.
const ProposalTitle = "Tờ trình đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong Đợt thi đua cao điểm bầu cử năm 2021"

// proposalStore is what loading the demo proposal needs.
type proposalStore interface {
	thidua.ProposalService
}

// loadProposal drafts, as the head of Phòng Hành chính – Tổ chức, the
// unit's proposal of the demo campaign's shortlist for a Giấy khen: every
// approved registration of the unit and its Tổ Văn thư – Lưu trữ, in the
// order of their ranking. It is left as a draft for the demonstration to
// submit (the eligibility engine runs then).
func loadProposal(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit) error {
	ps, ok := s.(proposalStore)
	if !ok {
		return nil
	}
	head, err := s.FindUserByUsername(ctx, uHead)
	if err != nil {
		return fmt.Errorf("demo: proposal: account %s: %w", uHead, err)
	}
	as := thidua.NewContextWithUser(detached{ctx}, head)
	cs, _, err := s.FindCampaigns(as, thidua.CampaignFilter{Query: CampaignPlan})
	if err != nil || len(cs) != 1 {
		return fmt.Errorf("demo: proposal: the demo campaign: %d found, %v", len(cs), err)
	}
	c := cs[0]
	unit := unitByKey[kHCTC]
	crit, err := s.FindCriteria(as, c.ID)
	if err != nil {
		return err
	}
	regs, err := s.FindRegistrations(as, c.ID)
	if err != nil {
		return err
	}
	scores, err := s.FindScores(as, c.ID)
	if err != nil {
		return err
	}
	var mine []*thidua.Registration
	for _, r := range regs {
		if r.State == thidua.RegApproved && strings.HasPrefix(r.UnitPath, unit.Path) {
			mine = append(mine, r)
		}
	}
	results := thidua.ComputeResults(c, crit, mine, scores)
	var ns []*thidua.Nominee
	for _, kind := range []string{thidua.ForCollectives, thidua.ForIndividuals} {
		for _, res := range thidua.Shortlist(results, kind, 0, 0) {
			r := res.Registration
			n := &thidua.Nominee{Subject: thidua.SubjectUnit, SubjectID: r.UnitID, Award: thidua.FormGK, RegistrationID: r.ID,
				Report: thidua.AchievementReport{Achievements: fmt.Sprintf("Đạt %s điểm, xếp thứ %d của đơn vị trong đợt thi đua.",
					trimNumber(res.Total), res.Rank)}}
			if kind == thidua.ForIndividuals {
				n.Subject, n.SubjectID = thidua.SubjectPerson, r.PersonID
			}
			ns = append(ns, n)
		}
	}
	p := &thidua.Proposal{UnitID: unit.ID, CampaignID: c.ID, Kind: thidua.AwardPhongTrao, Year: c.EndDate.Year(), Title: ProposalTitle}
	if err := ps.CreateProposal(as, p); err != nil {
		return fmt.Errorf("demo: create proposal: %w", err)
	}
	if err := ps.SetNominees(as, p.ID, p.Version, ns); err != nil {
		return fmt.Errorf("demo: proposal nominees: %w", err)
	}
	return nil
}

// trimNumber writes a score the Vietnamese way, with at most two decimals.
func trimNumber(f float64) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}
