package web_test

import (
	"fmt"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
)

// TestMeetingPageBeyond500Proposals: the meeting page names its agenda's
// nominees and links its decision however many proposals were updated
// since (it once read the 500 newest proposals and looked for them there),
// and the proposal list pages them 50 at a time, counting by state.
func TestMeetingPageBeyond500Proposals(t *testing.T) {
	t.Parallel()
	e := newCommendationEnv(t, fakeDocs{})
	officer := e.login(thidua.RoleOfficer)
	var meeting *thidua.Meeting
	for _, c := range e.officeCouncils() {
		ms, err := e.DB.FindMeetings(sysCtx(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Title == demo.LadderMeetingTitle {
				meeting = m
			}
		}
	}
	if meeting == nil || len(meeting.Agenda) == 0 {
		t.Fatalf("no demo ladder meeting with an agenda: %+v", meeting)
	}
	ps, _, err := e.DB.FindProposals(sysCtx(), thidua.ProposalFilter{NomineeIDs: meeting.Agenda})
	if err != nil || len(ps) == 0 {
		t.Fatalf("the agenda's proposal: %d %v", len(ps), err)
	}
	var names []string
	for _, n := range ps[0].Nominees {
		names = append(names, n.Name)
	}
	ds, _, err := e.DB.FindDecisions(sysCtx(), thidua.DecisionFilter{MeetingID: meeting.ID})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		code, body := e.get(officer, fmt.Sprintf("/app/meetings/%d", meeting.ID))
		if code != 200 {
			t.Fatalf("%s: meeting page %d", when, code)
		}
		text := pageText(body)
		for _, name := range names {
			if !strings.Contains(text, name) {
				t.Errorf("%s: the meeting page does not name %s", when, name)
			}
		}
		for _, d := range ds {
			if link := fmt.Sprintf("/app/decisions/%d", d.ID); !strings.Contains(body, link) {
				t.Errorf("%s: no link to the meeting's decision %s", when, link)
			}
		}
	}
	check("before")

	_, before, err := e.DB.FindProposals(sysCtx(), thidua.ProposalFilter{CountNominees: true})
	if err != nil {
		t.Fatal(err)
	}
	unit := e.unitByName("Phòng Hành chính – Tổ chức")
	for i := range 501 {
		p := &thidua.Proposal{UnitID: unit.ID, Kind: thidua.AwardDotXuat, Year: 2025, Title: fmt.Sprintf("Tờ trình khen thưởng đột xuất số %d", i+1)}
		if err := e.DB.CreateProposal(sysCtx(), p); err != nil {
			t.Fatal(err)
		}
	}
	check("after 501 newer proposals")

	// The list: 50 a page, the total and the drafts counted over all.
	code, body := e.get(officer, "/app/proposals?state=DRAFT&page=2")
	if code != 200 {
		t.Fatalf("proposals page 2: %d", code)
	}
	if n := strings.Count(body, `<td><a href="/app/proposals/`); n != 50 {
		t.Errorf("page 2 lists %d proposals, want 50", n)
	}
	text := pageText(body)
	if want := fmt.Sprintf("Tất cả (%d)", before+501); !strings.Contains(text, want) {
		t.Errorf("the list does not say %q", want)
	}
	if !strings.Contains(text, "Trang 2/") || !strings.Contains(body, `href="/app/proposals?state=DRAFT&amp;page=3"`) {
		t.Errorf("no pager to page 3 of the drafts: %.3000s", text)
	}
}
