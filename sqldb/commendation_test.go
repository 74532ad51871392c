package sqldb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"thidua"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

type councilFixture struct {
	*campaignFixture
	members  []*thidua.User
	ctxs     []context.Context
	council  *thidua.Council
	proposal *thidua.Proposal
}

// newCouncilFixture builds a proposal from Phòng Hành chính with three
// nominees at the council stage, and a council of 5 voting members plus a secretary.
func newCouncilFixture(t *testing.T, db *sqldb.DB) *councilFixture {
	f := &councilFixture{campaignFixture: newCampaignFixture(t, db)}
	for i := 0; i < 5; i++ {
		u := mustUser(t, db, fmt.Sprintf("uyvien%d", i), thidua.Grant{Role: thidua.RoleCouncil, UnitID: f.office.ID})
		f.members = append(f.members, u)
		f.ctxs = append(f.ctxs, userCtx(t, db, u))
	}
	sec := mustUser(t, db, "thuky", thidua.Grant{Role: thidua.RoleCouncil, UnitID: f.office.ID})
	f.council = &thidua.Council{UnitID: f.office.ID, Name: "Hội đồng Thi đua – Khen thưởng Văn phòng UBND tỉnh", From: thidua.NewDate(2025, 1, 1),
		Members: []thidua.CouncilMember{{UserID: f.members[0].ID, Role: "CHAIR"}, {UserID: f.members[1].ID, Role: "VICE_CHAIR"},
			{UserID: f.members[2].ID, Role: "MEMBER"}, {UserID: f.members[3].ID, Role: "MEMBER"}, {UserID: f.members[4].ID, Role: "MEMBER"},
			{UserID: sec.ID, Role: "SECRETARY"}}}
	if err := db.CreateCouncil(f.officerCtx, f.council); err != nil {
		t.Fatalf("CreateCouncil: %v", err)
	}
	p := &thidua.Proposal{UnitID: f.hc.ID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Tờ trình đề nghị khen thưởng năm 2025"}
	if err := db.CreateProposal(f.headCtx, p); err != nil {
		t.Fatalf("CreateProposal: %v", err)
	}
	ns := []*thidua.Nominee{
		{Subject: thidua.SubjectPerson, SubjectID: f.an.ID, Award: thidua.TitleCSTDCS},
		{Subject: thidua.SubjectPerson, SubjectID: f.binh.ID, Award: thidua.FormGK},
		{Subject: thidua.SubjectUnit, SubjectID: f.hc.ID, Award: thidua.TitleTTLDXS},
	}
	if err := db.SetNominees(f.headCtx, p.ID, p.Version, ns); err != nil {
		t.Fatalf("SetNominees: %v", err)
	}
	p, _ = db.FindProposalByID(f.headCtx, p.ID)
	checks := map[int64]thidua.NomineeCheck{}
	for _, n := range p.Nominees {
		c := thidua.NomineeCheck{NomineeID: n.ID, Verdict: thidua.VerdictEligible, Detail: json.RawMessage(`{}`), Threshold: 0.5, MoneyVND: 710000}
		if n.Award == thidua.TitleCSTDCS {
			c.Threshold, c.MoneyVND = 0.8, 2340000
		}
		checks[n.ID] = c
	}
	if err := submitWith(db, f.headCtx, p, checks); err != nil {
		t.Fatalf("submit: %v", err)
	}
	for _, a := range []string{"receive", "appraise", "to_council"} {
		p, _ = db.FindProposalByID(f.officerCtx, p.ID)
		if err := db.TransitionProposal(f.officerCtx, p.ID, a, "", p.Version); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
	f.proposal, _ = db.FindProposalByID(f.officerCtx, p.ID)
	return f
}

func TestProposalWorkflow(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		p := &thidua.Proposal{UnitID: f.hc.ID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Tờ trình năm 2025"}
		if err := db.CreateProposal(f.headCtx, p); err != nil {
			t.Fatal(err)
		}
		// Nominees outside the proposing unit, duplicates and wrong titles are refused.
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, []*thidua.Nominee{{Subject: thidua.SubjectPerson, SubjectID: f.cuong.ID, Award: thidua.FormGK}}); code(err) != thidua.EINVALID {
			t.Fatalf("nominee outside unit: %v", err)
		}
		dup := []*thidua.Nominee{{Subject: thidua.SubjectPerson, SubjectID: f.an.ID, Award: thidua.FormGK}, {Subject: thidua.SubjectPerson, SubjectID: f.an.ID, Award: thidua.FormGK}}
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, dup); code(err) != thidua.EINVALID {
			t.Fatalf("duplicate nominee: %v", err)
		}
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, []*thidua.Nominee{{Subject: thidua.SubjectUnit, SubjectID: f.hc.ID, Award: thidua.TitleCSTDCS}}); code(err) != thidua.EINVALID {
			t.Fatalf("individual title for a unit: %v", err)
		}
		ns := []*thidua.Nominee{{Subject: thidua.SubjectPerson, SubjectID: f.an.ID, Award: thidua.TitleCSTDCS},
			{Subject: thidua.SubjectPerson, SubjectID: f.binh.ID, Award: thidua.FormGK}}
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, ns); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.headCtx, p.ID)
		an, binh := p.Nominees[0], p.Nominees[1]
		checks := map[int64]thidua.NomineeCheck{
			an.ID:   {Verdict: thidua.VerdictNotEligible, Detail: json.RawMessage(`{"verdict":"not_eligible"}`), Threshold: 0.8},
			binh.ID: {Verdict: thidua.VerdictOnHold, Detail: json.RawMessage(`{}`)},
		}
		err := submitWith(db, f.headCtx, p, checks)
		if code(err) != thidua.EINVALID || !strings.Contains(thidua.ErrorMessage(err), "R-GEN-06") || !strings.Contains(thidua.ErrorMessage(err), "lý do") {
			t.Fatalf("blocked submit: %v", err)
		}
		// An override lets the not-eligible nominee go; on hold never goes.
		ns[0].Override = "Có thành tích đặc biệt xuất sắc trong tổ chức bầu cử"
		ns = ns[:1]
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, ns); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.headCtx, p.ID)
		checks = map[int64]thidua.NomineeCheck{p.Nominees[0].ID: {Verdict: thidua.VerdictReview, Detail: json.RawMessage(`{}`), Threshold: 0.8}}
		if err := submitWith(db, f.headCtx, p, checks); err != nil {
			t.Fatalf("submit: %v", err)
		}
		p, _ = db.FindProposalByID(f.headCtx, p.ID)
		if p.State != thidua.ProposalSubmitted || p.Nominees[0].Verdict != thidua.VerdictReview || p.Editable() {
			t.Fatalf("after submit %+v", p)
		}
		// A submitted proposal cannot be edited or submitted twice.
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, ns); code(err) != thidua.EINVALID {
			t.Fatalf("edit after submit: %v", err)
		}
		if err := submitWith(db, f.headCtx, p, checks); code(err) != thidua.EINVALID {
			t.Fatalf("double submit: %v", err)
		}
		// The unit head cannot receive; the officer can.
		if err := db.TransitionProposal(f.headCtx, p.ID, "receive", "", p.Version); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("head receives: %v", err)
		}
		if err := db.TransitionProposal(f.officerCtx, p.ID, "receive", "", p.Version); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.officerCtx, p.ID)
		if err := db.TransitionProposal(f.officerCtx, p.ID, "appraise", "", p.Version); code(err) != thidua.EINVALID {
			t.Fatalf("appraise with open conditions: %v", err)
		}
		if err := db.ConfirmNominee(f.officerCtx, p.Nominees[0].ID, true, "Đã xác minh sáng kiến được công nhận"); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.officerCtx, p.ID)
		if err := db.TransitionProposal(f.officerCtx, p.ID, "return", "", p.Version); code(err) != thidua.EINVALID {
			t.Fatalf("return without reason: %v", err)
		}
		if err := db.TransitionProposal(f.officerCtx, p.ID, "return", "Thiếu biên bản họp Hội đồng cơ sở", p.Version); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.headCtx, p.ID)
		if p.State != thidua.ProposalReturned || p.Reason != "Thiếu biên bản họp Hội đồng cơ sở" || !p.Editable() {
			t.Fatalf("returned %+v", p)
		}
		events, _ := db.ProposalTimeline(f.headCtx, p.ID)
		var acts []string
		for _, e := range events {
			acts = append(acts, e.Action)
		}
		if strings.Join(acts, ",") != "create,submit,receive,return" || events[3].Note == "" || events[1].Actor != "Người dùng truongphong" {
			t.Fatalf("timeline %v %+v", acts, events)
		}
	})
}

func TestCouncilBallot(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		ids := []int64{f.proposal.Nominees[0].ID, f.proposal.Nominees[1].ID, f.proposal.Nominees[2].ID}
		m := &thidua.Meeting{CouncilID: f.council.ID, Title: "Phiên họp xét khen thưởng năm 2025", Date: thidua.NewDate(2025, 12, 20), Agenda: ids}
		if err := db.CreateMeeting(f.officerCtx, m); err != nil {
			t.Fatalf("CreateMeeting: %v", err)
		}
		if err := db.CreateMeeting(f.officerCtx, &thidua.Meeting{CouncilID: f.council.ID, Title: "Trùng", Date: thidua.NewDate(2025, 12, 21), Agenda: ids[:1]}); code(err) != thidua.EINVALID {
			t.Fatalf("nominee in two open meetings: %v", err)
		}
		// Members 0–3 attend; member 4 sends a written vote.
		present := []int64{f.members[0].ID, f.members[1].ID, f.members[2].ID, f.members[3].ID}
		if _, err := db.CastVote(f.ctxs[0], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: "AGREE", ids[1]: "AGREE", ids[2]: "AGREE"}}); code(err) != thidua.EINVALID {
			t.Fatalf("vote before attendance: %v", err)
		}
		if err := db.SetAttendance(f.ctxs[0], m.ID, present, m.Version); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("a member records attendance: %v", err)
		}
		if err := db.SetAttendance(f.officerCtx, m.ID, present, m.Version); err != nil {
			t.Fatal(err)
		}
		vote := func(i int, a, b, c string) string {
			t.Helper()
			r, err := db.CastVote(f.ctxs[i], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: a, ids[1]: b, ids[2]: c}})
			if err != nil {
				t.Fatalf("vote %d: %v", i, err)
			}
			return r
		}
		// CSTĐCS needs 80% of ALL 5 members = 4; GK and TTLĐXS a majority (> 2.5).
		r0 := vote(0, "AGREE", "AGREE", "AGREE")
		vote(1, "AGREE", "AGREE", "DISAGREE")
		vote(2, "AGREE", "DISAGREE", "DISAGREE")
		vote(3, "DISAGREE", "AGREE", "AGREE")
		if _, err := db.CastVote(f.ctxs[1], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: "AGREE", ids[1]: "AGREE", ids[2]: "AGREE"}}); code(err) != thidua.ECONFLICT {
			t.Fatalf("second vote: %v", err)
		}
		if _, err := db.CastVote(f.ctxs[4], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: "AGREE", ids[1]: "AGREE", ids[2]: "AGREE"}}); code(err) != thidua.EINVALID {
			t.Fatalf("absent member votes in person: %v", err)
		}
		if _, err := db.CastVote(f.ctxs[0], &thidua.Vote{MeetingID: m.ID, VoterID: f.members[4].ID, Written: true, Choices: map[int64]string{ids[0]: "AGREE"}}); err == nil {
			t.Fatal("incomplete written vote accepted")
		}
		if _, err := db.CastVote(f.officerCtx, &thidua.Vote{MeetingID: m.ID, VoterID: f.members[4].ID, Written: true,
			Choices: map[int64]string{ids[0]: "DISAGREE", ids[1]: "DISAGREE", ids[2]: "AGREE"}}); err != nil {
			t.Fatalf("written vote: %v", err)
		}
		// The receipt is the ballot's hash, in the box.
		if err := db.CheckReceipt(f.ctxs[0], m.ID, strings.ToUpper(r0)); err != nil {
			t.Fatalf("receipt: %v", err)
		}
		if err := db.CheckReceipt(f.ctxs[0], m.ID, strings.Repeat("ab", 32)); code(err) != thidua.ENOTFOUND {
			t.Fatalf("wrong receipt: %v", err)
		}
		// No result while voting.
		if _, err := db.TallyMeeting(f.officerCtx, m.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("tally while open: %v", err)
		}
		if _, err := db.MeetingRecord(f.officerCtx, m.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("record while open: %v", err)
		}
		rows := closeByTrustees(t, db, f, m.ID)
		want := map[int64][2]int{ids[0]: {3, 0}, ids[1]: {3, 1}, ids[2]: {3, 1}} // agree, passed
		for _, r := range rows {
			w := want[r.NomineeID]
			if r.Agree != w[0] || r.Passed != (w[1] == 1) || r.Members != 5 || r.Agree+r.Disagree != 5 {
				t.Errorf("nominee %d: agree %d/%d passed %v members %d; want %v", r.NomineeID, r.Agree, r.Disagree, r.Passed, r.Members, w)
			}
		}
		// 3 of 5 for CSTĐCS is 60% < 80%: refused although 3 of 4 present (75%) agreed.
		if rows[0].Passed {
			t.Error("CSTĐCS passed on a share of those present")
		}
		again, _ := db.TallyMeeting(f.officerCtx, m.ID)
		if fmt.Sprint(again) != fmt.Sprint(rows) {
			t.Errorf("recount differs: %v vs %v", again, rows)
		}
		if _, err := db.CastVote(f.ctxs[4], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{}}); code(err) != thidua.EINVALID {
			t.Fatalf("vote after close: %v", err)
		}
		// Decision from the passed nominees; numbering on issue.
		d := &thidua.Decision{Issuer: "VPUBND", Year: 2025, Place: "Hà Nội", Title: "Về việc tặng danh hiệu, khen thưởng năm 2025",
			Authority: "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", Bases: thidua.DecisionBases(thidua.NewDate(2025, 12, 25)),
			Signer: thidua.Signer{Post: "CHÁNH VĂN PHÒNG", Name: "Trần Quốc Bình"}}
		if err := db.DraftDecision(f.officerCtx, m.ID, d); err != nil {
			t.Fatalf("draft: %v", err)
		}
		if len(d.Recipients) != 2 || d.Number != 0 || d.Ref() != "    /QĐ-VPUBND" {
			t.Fatalf("draft %+v", d)
		}
		if _, err := db.IssueDecision(f.officerCtx, d.ID, d.Version, thidua.NewDate(2026, 1, 2)); code(err) != thidua.EINVALID {
			t.Fatalf("date outside the register's year: %v", err)
		}
		issued, err := db.IssueDecision(f.officerCtx, d.ID, d.Version, thidua.NewDate(2025, 12, 25))
		if err != nil || issued.Ref() != "01/QĐ-VPUBND" {
			t.Fatalf("issue: %v %v", issued, err)
		}
		if _, err := db.IssueDecision(f.officerCtx, d.ID, issued.Version, thidua.NewDate(2025, 12, 25)); code(err) != thidua.ECONFLICT {
			t.Fatalf("issue twice: %v", err)
		}
		h, _ := db.FindHistory(f.officerCtx, thidua.SubjectPerson, f.binh.ID)
		if len(h.History.Awards) != 1 || h.History.Awards[0].Decision != "01/QĐ-VPUBND" || h.History.Awards[0].Type != thidua.AwardCongTrang {
			t.Fatalf("history of Bình: %+v", h.History)
		}
		uh, _ := db.FindHistory(f.officerCtx, thidua.SubjectUnit, f.hc.ID)
		if len(uh.History.Titles) != 1 || uh.History.Titles[0].Code != thidua.TitleTTLDXS || uh.History.Titles[0].Year != 2025 {
			t.Fatalf("unit history: %+v", uh.History)
		}
		p, _ := db.FindProposalByID(f.headCtx, f.proposal.ID)
		if p.State != thidua.ProposalDecided {
			t.Fatalf("proposal state %s", p.State)
		}
		if bad, err := db.VerifyAuditChain(sys); bad != 0 || err != nil {
			t.Fatalf("audit chain %d %v", bad, err)
		}
	})
}

func TestDecisionNumbersConcurrent(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		ids := []int64{f.proposal.Nominees[0].ID, f.proposal.Nominees[1].ID, f.proposal.Nominees[2].ID}
		var decisions []*thidua.Decision
		for i, id := range ids {
			m := &thidua.Meeting{CouncilID: f.council.ID, Title: fmt.Sprintf("Phiên %d", i), Date: thidua.NewDate(2025, 12, 20), Agenda: []int64{id}}
			if err := db.CreateMeeting(f.officerCtx, m); err != nil {
				t.Fatal(err)
			}
			if err := db.SetAttendance(f.officerCtx, m.ID, []int64{f.members[0].ID, f.members[1].ID, f.members[2].ID, f.members[3].ID, f.members[4].ID}, m.Version); err != nil {
				t.Fatal(err)
			}
			for j := range f.members {
				if _, err := db.CastVote(f.ctxs[j], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{id: "AGREE"}}); err != nil {
					t.Fatal(err)
				}
			}
			closeByTrustees(t, db, f, m.ID)
			d := &thidua.Decision{Issuer: "VPUBND", Year: 2025, Place: "Hà Nội", Title: "Khen thưởng", Authority: "CHÁNH VĂN PHÒNG",
				Signer: thidua.Signer{Name: "Trần Quốc Bình", Post: "CHÁNH VĂN PHÒNG"}}
			if err := db.DraftDecision(f.officerCtx, m.ID, d); err != nil {
				t.Fatal(err)
			}
			decisions = append(decisions, d)
		}
		var wg sync.WaitGroup
		refs := make([]string, len(decisions))
		errs := make([]error, len(decisions))
		for i, d := range decisions {
			wg.Add(1)
			go func(i int, d *thidua.Decision) {
				defer wg.Done()
				issued, err := db.IssueDecision(f.officerCtx, d.ID, d.Version, thidua.NewDate(2025, 12, 26))
				errs[i] = err
				if err == nil {
					refs[i] = issued.Ref()
				}
			}(i, d)
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("concurrent issue: %v", err)
			}
		}
		slices.Sort(refs)
		if strings.Join(refs, " ") != "01/QĐ-VPUBND 02/QĐ-VPUBND 03/QĐ-VPUBND" {
			t.Fatalf("numbers %v: want 01..03 without gaps or duplicates", refs)
		}
	})
}

// fixedJudge answers every submission with the checks the test wrote: the
// storage tests decide the verdicts, the engine's own are tested in rules
// and through the web.
type fixedJudge map[int64]thidua.NomineeCheck

func (j fixedJudge) JudgeNominees(context.Context, thidua.HistoryReader, *thidua.Proposal, thidua.Date) (map[int64]thidua.NomineeCheck, error) {
	return j, nil
}

// submitWith submits p with checks as the judge's answer.
func submitWith(db *sqldb.DB, ctx context.Context, p *thidua.Proposal, checks map[int64]thidua.NomineeCheck) error {
	db.SetJudge(fixedJudge(checks))
	return db.SubmitProposal(ctx, p.ID, p.Version)
}

// TestSubmitProposalJudgesInside: without a judge's help from the caller,
// SubmitProposal stores the eligibility service's verdict of every nominee
// from the histories its own transaction reads.
func TestSubmitProposalJudgesInside(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		h, err := db.FindHistory(f.officerCtx, thidua.SubjectPerson, f.an.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The history is written here, then read by the engine inside the
		// submitting transaction: the stored verdict must be its answer.
		h.History.Ratings = []thidua.Rating{{Year: 2024, Code: thidua.RatingHTXSNV}, {Year: 2025, Code: thidua.RatingHTXSNV}}
		if err := db.SaveHistory(f.officerCtx, h); err != nil {
			t.Fatalf("SaveHistory: %v", err)
		}
		p := &thidua.Proposal{UnitID: f.hc.ID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Tờ trình năm 2025"}
		if err := db.CreateProposal(f.headCtx, p); err != nil {
			t.Fatal(err)
		}
		ns := []*thidua.Nominee{{Subject: thidua.SubjectPerson, SubjectID: f.an.ID, Award: thidua.FormGK}}
		if err := db.SetNominees(f.headCtx, p.ID, p.Version, ns); err != nil {
			t.Fatal(err)
		}
		p, _ = db.FindProposalByID(f.headCtx, p.ID)
		judge := rules.NewService(nil, "")
		db.SetJudge(judge)
		want, _, err := judge.CheckNominees(f.headCtx, db, p, thidua.DateOf(db.Now()))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SubmitProposal(f.headCtx, p.ID, p.Version); err != nil && code(err) != thidua.EINVALID {
			t.Fatalf("submit: %v", err)
		}
		got, _ := db.FindProposalByID(f.headCtx, p.ID)
		n := got.Nominees[0]
		w := want[n.ID]
		if w.Verdict == "" {
			t.Fatalf("the engine gave no verdict: %+v", want)
		}
		if got.State == thidua.ProposalSubmitted {
			v, ok := rules.StoredVerdict(n)
			if n.Verdict != w.Verdict || !ok || v.Award != thidua.FormGK || n.Threshold != w.Threshold {
				t.Fatalf("stored %s (%+v), the engine says %s", n.Verdict, v, w.Verdict)
			}
		} else if w.Verdict != thidua.VerdictOnHold && w.Verdict != thidua.VerdictNotEligible {
			t.Fatalf("submit refused although the engine says %s", w.Verdict)
		}
	})
}
