package central_test

import (
	"context"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	sqlcentral "thidua/sqldb/central"
)

// TestLowerMeetings: the records of the lower council meetings a
// forwarded proposal carries are the Office's real meeting — its council,
// attendance, ballots and tally — for those who see the upper proposal,
// though they cannot open that meeting; a proposal made at its own level
// carries none; who cannot see the proposal gets ENOTFOUND.
func TestLowerMeetings(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		st := sqlcentral.New(o.DB, "")
		sys := thidua.NewSystemContext(context.Background())
		ps, _, err := o.DB.FindProposals(sys, thidua.ProposalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var up *thidua.Proposal
		for _, p := range ps {
			if p.FromProposalID != 0 {
				up = p
			}
		}
		if up == nil {
			t.Fatal("the demo has no forwarded proposal")
		}
		province := userCtx(t, o.DB, demo.ProvinceOfficer.Username)
		recs, err := st.LowerMeetings(province, up.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 {
			t.Fatalf("%d lower meetings, want the Office's one", len(recs))
		}
		r := recs[0]
		if r.Council.Name != demo.CouncilName || r.Meeting.Title != demo.LadderMeetingTitle || r.Meeting.State != thidua.MeetingClosed ||
			len(r.Present) != 5 || len(r.Absent) != 0 || r.Voted != 5 || r.Written != 0 || len(r.Nominees) != 2 || len(r.Tally) != 2 {
			t.Errorf("the lower meeting's record: %+v", r)
		}
		for _, n := range r.Nominees {
			if n.ProposalID != up.FromProposalID || n.Passed == nil || !*n.Passed {
				t.Errorf("nominee %s of proposal %d passed %v", n.Name, n.ProposalID, n.Passed)
			}
		}
		if _, err := o.DB.FindMeetingByID(province, r.Meeting.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("the province opens the Office's meeting itself: %v", err)
		}
		if recs, err := st.LowerMeetings(userCtx(t, o.DB, "thiduakt"), up.FromProposalID); err != nil || len(recs) != 0 {
			t.Errorf("the Office's own proposal carries %d lower meetings (%v), want none", len(recs), err)
		}
		if _, err := st.LowerMeetings(userCtx(t, o.DB, "canhan"), up.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("a staff member reads the lower meetings: %v", err)
		}

		// The same meeting is the lower proposal's own, for who sees the
		// council only.
		low, err := o.DB.FindProposalByID(sys, up.FromProposalID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who  context.Context
			want []int64
		}{
			{userCtx(t, o.DB, "thiduakt"), []int64{r.Meeting.ID}},
			{sys, []int64{r.Meeting.ID}},
			{province, nil},
		} {
			got, err := st.ProposalMeetings(c.who, low)
			if err != nil || len(got) != len(c.want) || len(got) == 1 && got[0] != c.want[0] {
				t.Errorf("meetings of the Office's proposal: %v %v, want %v", got, err, c.want)
			}
		}
		if got, err := st.ProposalMeetings(sys, &thidua.Proposal{Nominees: []*thidua.Nominee{{ID: 1<<40 + 1}}}); err != nil || len(got) != 0 {
			t.Errorf("meetings of an unknown nominee: %v %v", got, err)
		}
	})
}
