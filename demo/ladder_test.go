package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/inbox"
	"thidua/sqldb"
	"thidua/sqldb/climb"
	sqlinbox "thidua/sqldb/inbox"
)

// ladderSteps counts the audit entries of the demo's climb: the Office's
// proposal (created, nominees, submitted, received, appraised, before the
// council), the council meeting (opened, attendance, one entry per
// ballot, voting ended, each trustee's share taken and partial sent, the
// result), the forward (the step, the province's proposal created, its
// nominees, submitted) and the province's receipt.
func ladderSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	m := ladderMeeting(t, sys, db)
	if m == nil {
		return 0
	}
	const trustees = 2
	return 6 + (1 + 1 + m.Ballots + 1 + 2*trustees + 1) + 4 + 1
}

func ladderMeeting(t *testing.T, sys context.Context, db *sqldb.DB) *thidua.Meeting {
	t.Helper()
	cs, err := db.FindCouncils(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		ms, err := db.FindMeetings(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Title == demo.LadderMeetingTitle {
				return m
			}
		}
	}
	return nil
}

func userCtx(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

// TestDemoLadder: the demo holds the Office's Bằng khen của Chủ tịch UBND
// tỉnh proposal passed by the Office's council in a real secret ballot,
// forwarded to UBND tỉnh and received there, waiting for the province's
// appraisal; the province's officer has it in "Việc cần làm" and on the
// proposals list, the Office's officer sees where it is on the ladder.
func TestDemoLadder(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		sys := thidua.NewSystemContext(context.Background())
		ps, _, err := db.FindProposals(sys, thidua.ProposalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var low, up *thidua.Proposal
		for _, p := range ps {
			switch {
			case p.Title == demo.LadderTitle:
				low = p
			case p.FromProposalID != 0:
				up = p
			}
		}
		if low == nil || up == nil {
			t.Fatalf("the climbing proposal and its upper copy: %v, %v (of %d proposals)", low, up, len(ps))
		}
		low, _ = db.FindProposalByID(sys, low.ID)
		up, _ = db.FindProposalByID(sys, up.ID)

		// The Office's proposal: passed by its council and sent up.
		if low.UnitName != "Văn phòng UBND tỉnh" || low.State != thidua.ProposalForwarded || low.Year != demo.LadderYear || low.Kind != thidua.AwardCongTrang || len(low.Nominees) != 2 {
			t.Fatalf("the Office's proposal: %s %s %d %s, %d nominees", low.UnitName, low.State, low.Year, low.Kind, len(low.Nominees))
		}
		names := map[int64]string{}
		for _, n := range low.Nominees {
			names[n.ID] = n.Name
			if n.Award != thidua.FormBKCT || n.Verdict != thidua.VerdictEligible || !n.Confirmed || n.Passed == nil || !*n.Passed || n.Report.Achievements == "" {
				t.Errorf("the Office's nominee %s: %s verdict %s confirmed %v passed %v", n.Name, n.Award, n.Verdict, n.Confirmed, n.Passed)
			}
		}

		// The real secret ballot: five ballots, the record verifies
		// offline, the tally is the sum of the choices.
		m := ladderMeeting(t, sys, db)
		if m == nil || m.State != thidua.MeetingClosed || m.Ballots != 5 || len(m.Present) != 5 {
			t.Fatalf("the Office's meeting: %+v", m)
		}
		rec, err := db.MeetingRecord(sys, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Verify(); err != nil {
			t.Errorf("the meeting's record does not verify: %v", err)
		}
		if len(rec.Ballots) != 5 || len(rec.Partials) != 2 {
			t.Errorf("record: %d ballots, %d partials", len(rec.Ballots), len(rec.Partials))
		}
		rows, err := db.TallyMeeting(sys, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		tally := map[string]string{}
		for _, r := range rows {
			tally[names[r.NomineeID]] = fmt.Sprintf("%d/%d %v", r.Agree, r.Disagree, r.Passed)
		}
		if tally["Hoàng Thị Bích Ngọc"] != "5/0 true" || tally["Lý Thị Vân"] != "4/1 true" {
			t.Errorf("tally %v", tally)
		}

		// At the province: received, not decided, with what came up.
		root := unitNamed(t, db, "Ủy ban nhân dân tỉnh")
		if up.State != thidua.ProposalReceived || up.ToUnitID != root.ID || up.FromProposalID != low.ID || up.UnitName != "Văn phòng UBND tỉnh" || len(up.Nominees) != 2 {
			t.Fatalf("at the province: %s to %d from %d, %d nominees", up.State, up.ToUnitID, up.FromProposalID, len(up.Nominees))
		}
		for _, n := range up.Nominees {
			if n.Award != thidua.FormBKCT || n.Verdict != thidua.VerdictEligible || n.Passed != nil {
				t.Errorf("the province's nominee %s: %s %s passed %v", n.Name, n.Award, n.Verdict, n.Passed)
			}
		}
		province := userCtx(t, db, demo.ProvinceOfficer.Username)
		office := userCtx(t, db, "thiduakt")
		lad := climb.New(db, "")
		view, err := lad.View(province, up.ID)
		if err != nil {
			t.Fatal(err)
		}
		if view.Carried == nil || len(view.Carried.Meetings) != 1 || len(view.Carried.Meetings[0].Tally) != 2 || view.Carried.Meetings[0].Ballots != 5 ||
			len(view.Carried.Verdicts) != 2 || view.ReceivedOn.IsZero() || view.Forwardable {
			t.Errorf("the province's ladder view: %+v, carried %+v", view, view.Carried)
		}

		// "Việc cần làm" and the proposals page of the province's officer.
		upURL := fmt.Sprintf("/app/proposals/%d", up.ID)
		if !hasTask(t, db, province, inbox.KindProposalAppraise, upURL) {
			t.Errorf("thiduatinh has no task to appraise %s", upURL)
		}
		if hasTask(t, db, office, "", upURL) {
			t.Errorf("the Office's officer has a task for the province's proposal")
		}
		list, total, err := db.FindProposals(province, thidua.ProposalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(list) != 1 || list[0].ID != up.ID {
			t.Errorf("the province lists %d proposals, want only the one sent to it", total)
		}
		if _, err := db.FindProposalByID(province, low.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("the province reads the Office's own proposal: %v", err)
		}

		// The Office's officer sees where it is: both levels, both timelines.
		view, err = lad.View(office, low.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(view.Steps) != 2 || view.Steps[0].ProposalID != low.ID || view.Steps[1].ProposalID != up.ID ||
			view.Steps[1].State != thidua.ProposalReceived || view.Steps[1].ToUnitName != "Ủy ban nhân dân tỉnh" || view.Forwardable {
			t.Errorf("the Office's ladder view: %+v", view.Steps)
		}
		events, err := db.ProposalTimeline(office, low.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); got != "create submit receive appraise to_council forward up_submit up_receive" {
			t.Errorf("the Office's timeline: %s", got)
		}
		if !slices.ContainsFunc(events, func(e thidua.ProposalEvent) bool { return e.Action == "up_receive" && e.Actor != "" }) {
			t.Errorf("the province's receipt is not on the Office's timeline: %+v", events)
		}
	})
}

func unitNamed(t *testing.T, db *sqldb.DB, name string) *thidua.Unit {
	t.Helper()
	units, _, err := db.FindUnits(thidua.NewSystemContext(context.Background()), thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no unit %q", name)
	return nil
}

// hasTask reports whether the user of ctx has a task of kind ("" any)
// linking to url.
func hasTask(t *testing.T, db *sqldb.DB, ctx context.Context, kind, url string) bool {
	t.Helper()
	tasks, _, err := sqlinbox.New(db).FindTasks(ctx, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(tasks, func(x *inbox.Task) bool { return x.URL == url && (kind == "" || x.Kind == kind) })
}
