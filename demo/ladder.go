package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"thidua"
	"thidua/ballot"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/climb"
)

// The demo's climb of the ladder (package ladder, issue 17): the Office's
// year-end proposal of a Bằng khen của Chủ tịch UBND tỉnh for two of its
// people, which the Office's officer receives and appraises, its council
// passes by the real secret ballot (a meeting with its key dealt to three
// trustees, every member's encrypted ballot, two partial decryptions),
// the officer forwards in one action to UBND tỉnh, and the province's
// officer receives: it waits there for the province's appraisal. Every
// step goes through the services as the demo accounts, so it is checked,
// on both timelines and in the audit log like steps taken in the pages.

// LadderTitle is the title of the Office's proposal that climbs.
const LadderTitle = "Tờ trình đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho cá nhân có thành tích xuất sắc năm 2025"

// LadderYear is the year of its achievements.
const LadderYear = 2025

// LadderMeetingTitle is the Office's council meeting that passed it.
const LadderMeetingTitle = "Phiên họp xét đề nghị Bằng khen của Chủ tịch UBND tỉnh năm 2025"

// ladderNominee is a nominee of the climbing proposal; against lists the
// council members who vote against them (the others agree).
type ladderNominee struct {
	person  string
	report  thidua.AchievementReport
	against []string
}

// ladderNominees are the climbing proposal's nominees: both meet the
// Bằng khen's conditions for 2025 in their histories (HTXSNV and Chiến sĩ
// thi đua cơ sở in 2024 and 2025).
var ladderNominees = []ladderNominee{
	{person: "Hoàng Thị Bích Ngọc", report: thidua.AchievementReport{
		Summary:      "Phó Trưởng phòng Tổng hợp, Văn phòng UBND tỉnh; công tác tại Văn phòng từ năm 2005.",
		Achievements: "Năm năm liền hoàn thành xuất sắc nhiệm vụ và đạt danh hiệu Chiến sĩ thi đua cơ sở (2021–2025); chủ trì tham mưu tổng hợp báo cáo kinh tế – xã hội hằng tháng, quý của UBND tỉnh đúng hạn, không có báo cáo phải làm lại.",
		Initiatives:  "Hệ thống theo dõi thực hiện nhiệm vụ UBND tỉnh giao, được Chủ tịch UBND tỉnh công nhận sáng kiến cấp tỉnh năm 2024 và nhân rộng toàn tỉnh.",
		Awards:       "Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 456/QĐ-UBND ngày 20/3/2023)."}},
	{person: "Lý Thị Vân", against: []string{"uyvienhd2"}, report: thidua.AchievementReport{
		Summary:      "Chuyên viên Phòng Khoa giáo – Văn xã, Văn phòng UBND tỉnh; công tác tại Văn phòng từ năm 2014.",
		Achievements: "Hoàn thành xuất sắc nhiệm vụ và đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2024 và năm 2025; tham mưu các chương trình an sinh xã hội của tỉnh đúng tiến độ."}},
}

// ladderVoters are the Office's council members who vote, all present.
var ladderVoters = []string{"chutichhd", "phochutichhd", uCouncil, "uyvienhd1", "uyvienhd2"}

// ladderTrustees are the two of the three trustees who decrypt.
var ladderTrustees = []string{"chutichhd", "thukyhd"}

// loadLadder carries the Office's proposal up to the province. It runs
// after the councils exist, on the database only: the ballot and the
// forward are the database's.
func loadLadder(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit, personByName map[string]*thidua.Person) error {
	db, ok := s.(*sqldb.DB)
	if !ok {
		return nil
	}
	// The service judges the nominees on submission with the engine's
	// default rules: Load runs before the server sets its own judge. A
	// copy of the store (the same transaction) takes it, so the caller's
	// store keeps whatever judge it has.
	judged := *db
	judged.SetJudge(rules.NewService(nil, ""))
	db = &judged
	users := map[string]*thidua.User{}
	as := func(username string) (context.Context, error) {
		u, ok := users[username]
		if !ok {
			var err error
			if u, err = s.FindUserByUsername(ctx, username); err != nil {
				return nil, fmt.Errorf("demo: ladder: account %s: %w", username, err)
			}
			users[username] = u
		}
		return thidua.NewContextWithUser(detached{ctx}, u), nil
	}
	officer, err := as(uOfficer)
	if err != nil {
		return err
	}

	// The Office's proposal, submitted: the engine judges both eligible.
	p := &thidua.Proposal{UnitID: unitByKey[kVP].ID, Kind: thidua.AwardCongTrang, Year: LadderYear, Title: LadderTitle}
	if err := db.CreateProposal(officer, p); err != nil {
		return fmt.Errorf("demo: ladder proposal: %w", err)
	}
	var ns []*thidua.Nominee
	for _, n := range ladderNominees {
		person, ok := personByName[n.person]
		if !ok {
			return fmt.Errorf("demo: ladder: no person %q", n.person)
		}
		ns = append(ns, &thidua.Nominee{Subject: thidua.SubjectPerson, SubjectID: person.ID, Award: thidua.FormBKCT, Report: n.report})
	}
	if err := db.SetNominees(officer, p.ID, p.Version, ns); err != nil {
		return fmt.Errorf("demo: ladder nominees: %w", err)
	}
	step := func(what string, fn func(p *thidua.Proposal) error) error {
		cur, err := db.FindProposalByID(officer, p.ID)
		if err != nil {
			return err
		}
		if err := fn(cur); err != nil {
			return fmt.Errorf("demo: ladder: %s: %w", what, err)
		}
		return nil
	}
	if err := step("submit", func(p *thidua.Proposal) error { return db.SubmitProposal(officer, p.ID, p.Version) }); err != nil {
		return err
	}
	for _, action := range []string{"receive", "appraise", "to_council"} {
		if err := step(action, func(p *thidua.Proposal) error { return db.TransitionProposal(officer, p.ID, action, "", p.Version) }); err != nil {
			return err
		}
	}
	p, err = db.FindProposalByID(officer, p.ID)
	if err != nil {
		return err
	}
	for _, n := range p.Nominees {
		if !n.Confirmed {
			return fmt.Errorf("demo: ladder: %s is not confirmed (verdict %s)", n.Name, n.Verdict)
		}
	}

	// The Office's council votes by secret ballot.
	if err := ladderBallot(ctx, db, as, p); err != nil {
		return err
	}

	// Forwarded in one action, received at the province.
	p, err = db.FindProposalByID(officer, p.ID)
	if err != nil {
		return err
	}
	up, err := climb.New(db, "").ForwardProposal(officer, p.ID, p.Version, "")
	if err != nil {
		return fmt.Errorf("demo: ladder: forward: %w", err)
	}
	province, err := as(ProvinceOfficer.Username)
	if err != nil {
		return err
	}
	if err := db.TransitionProposal(province, up.ID, "receive", "", up.Version); err != nil {
		return fmt.Errorf("demo: ladder: the province receives: %w", err)
	}
	return nil
}

// ladderBallot runs the Office's council meeting on p's nominees: the
// officer opens it, the secretary takes attendance, every voter casts an
// encrypted ballot, the secretary ends voting, and two trustees take
// their shares, decrypt offline as `thidua ballot decrypt-share` does and
// send their partial decryptions, which closes the meeting with the tally.
func ladderBallot(ctx context.Context, db *sqldb.DB, as func(string) (context.Context, error), p *thidua.Proposal) error {
	officer, err := as(uOfficer)
	if err != nil {
		return err
	}
	cs, err := db.FindCouncils(officer)
	if err != nil {
		return err
	}
	var council *thidua.Council
	for _, c := range cs {
		if c.Name == CouncilName {
			council = c
		}
	}
	if council == nil {
		return fmt.Errorf("demo: ladder: no council %q", CouncilName)
	}
	m := &thidua.Meeting{CouncilID: council.ID, Title: LadderMeetingTitle, Date: thidua.DateOf(db.Now()), Place: "Phòng họp số 1, Văn phòng UBND tỉnh"}
	for _, n := range p.Nominees {
		m.Agenda = append(m.Agenda, n.ID)
	}
	if err := db.CreateMeeting(officer, m); err != nil {
		return fmt.Errorf("demo: ladder meeting: %w", err)
	}
	secretary, err := as("thukyhd")
	if err != nil {
		return err
	}
	var present []int64
	for _, v := range ladderVoters {
		vc, err := as(v)
		if err != nil {
			return err
		}
		present = append(present, thidua.UserFromContext(vc).ID)
	}
	if err := db.SetAttendance(secretary, m.ID, present, m.Version); err != nil {
		return fmt.Errorf("demo: ladder attendance: %w", err)
	}
	for i, v := range ladderVoters {
		vc, _ := as(v)
		vote := &thidua.Vote{MeetingID: m.ID, VoterID: present[i], Choices: map[int64]string{}}
		for _, n := range p.Nominees {
			vote.Choices[n.ID] = thidua.VoteAgree
			for _, ln := range ladderNominees {
				if ln.person == n.Name && slices.Contains(ln.against, v) {
					vote.Choices[n.ID] = thidua.VoteDisagree
				}
			}
		}
		if _, err := db.CastVote(vc, vote); err != nil {
			return fmt.Errorf("demo: ladder: %s votes: %w", v, err)
		}
	}
	cur, err := db.FindMeetingByID(secretary, m.ID)
	if err != nil {
		return err
	}
	if err := db.CloseMeeting(secretary, m.ID, cur.Version); err != nil {
		return fmt.Errorf("demo: ladder: close the vote: %w", err)
	}
	for _, t := range ladderTrustees {
		tc, err := as(t)
		if err != nil {
			return err
		}
		share, err := db.DownloadShare(tc, m.ID)
		if err != nil {
			return fmt.Errorf("demo: ladder: %s's share: %w", t, err)
		}
		rec, err := db.MeetingRecord(tc, m.ID)
		if err != nil {
			return err
		}
		recJSON, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		shareJSON, err := json.Marshal(share)
		if err != nil {
			return err
		}
		partial, err := ballot.DecryptShare(bytes.NewReader(recJSON), bytes.NewReader(shareJSON))
		if err != nil {
			return fmt.Errorf("demo: ladder: %s decrypts: %w", t, err)
		}
		if _, err := db.AddPartial(tc, m.ID, partial); err != nil {
			return fmt.Errorf("demo: ladder: %s's partial: %w", t, err)
		}
	}
	if cur, err = db.FindMeetingByID(secretary, m.ID); err != nil {
		return err
	}
	if cur.State != thidua.MeetingClosed {
		return fmt.Errorf("demo: ladder meeting is %s after the partials", cur.State)
	}
	return nil
}
