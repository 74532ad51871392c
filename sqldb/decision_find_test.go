package sqldb_test

import (
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestFindDecisions lists, searches (without accents) and publishes
// decisions: drafts and issued ones in scope, public issued ones for anyone.
func TestFindDecisions(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		ids := []int64{f.proposal.Nominees[0].ID, f.proposal.Nominees[1].ID, f.proposal.Nominees[2].ID}
		m := &thidua.Meeting{CouncilID: f.council.ID, Title: "Phiên họp", Date: thidua.NewDate(2025, 12, 20), Agenda: ids}
		if err := db.CreateMeeting(f.officerCtx, m); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAttendance(f.officerCtx, m.ID, []int64{f.members[0].ID, f.members[1].ID, f.members[2].ID, f.members[3].ID, f.members[4].ID}, m.Version); err != nil {
			t.Fatal(err)
		}
		for i := range f.members {
			if _, err := db.CastVote(f.ctxs[i], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: "AGREE", ids[1]: "AGREE", ids[2]: "AGREE"}}); err != nil {
				t.Fatal(err)
			}
		}
		closeByTrustees(t, db, f, m.ID)
		d := &thidua.Decision{Issuer: "VPUBND", Year: 2025, Place: "Hà Nội", Title: "Về việc khen thưởng năm 2025", Authority: "CHÁNH VĂN PHÒNG",
			Signer: thidua.Signer{Name: "Trần Quốc Bình", Post: "CHÁNH VĂN PHÒNG"}}
		if err := db.DraftDecision(f.officerCtx, m.ID, d); err != nil {
			t.Fatal(err)
		}
		count := func(filter thidua.DecisionFilter) int {
			t.Helper()
			ds, total, err := db.FindDecisions(f.officerCtx, filter)
			if err != nil {
				t.Fatalf("FindDecisions(%+v): %v", filter, err)
			}
			if len(ds) != total {
				t.Fatalf("FindDecisions(%+v): %d items, total %d", filter, len(ds), total)
			}
			return total
		}
		if got, err := db.FindDecisionByID(f.officerCtx, d.ID); err != nil || got.Title != d.Title || len(got.Recipients) != 3 {
			t.Fatalf("FindDecisionByID: %+v %v", got, err)
		}
		if n := count(thidua.DecisionFilter{}); n != 1 {
			t.Errorf("all: %d", n)
		}
		if n := count(thidua.DecisionFilter{MeetingID: m.ID}); n != 1 {
			t.Errorf("the meeting's: %d", n)
		}
		if n := count(thidua.DecisionFilter{MeetingID: m.ID + 1}); n != 0 {
			t.Errorf("another meeting's: %d", n)
		}
		if n := count(thidua.DecisionFilter{Query: "nguyen van an"}); n != 1 {
			t.Errorf("a recipient's name without accents: %d", n)
		}
		if n := count(thidua.DecisionFilter{Query: "khong co"}); n != 0 {
			t.Errorf("an unrelated query: %d", n)
		}
		if n := count(thidua.DecisionFilter{State: thidua.DecisionIssued}); n != 0 {
			t.Errorf("issued before issue: %d", n)
		}
		issued, err := db.IssueDecision(f.officerCtx, d.ID, d.Version, thidua.NewDate(2025, 12, 26))
		if err != nil {
			t.Fatal(err)
		}
		if n := count(thidua.DecisionFilter{Query: "01/QĐ-VPUBND", Year: 2025, State: thidua.DecisionIssued}); n != 1 {
			t.Errorf("by number: %d", n)
		}
		// The honour roll sees only public issued decisions, without signing in.
		anon := thidua.NewContextWithIP(t.Context(), "203.0.113.9")
		if ds, _, err := db.FindDecisions(anon, thidua.DecisionFilter{Public: true}); err != nil || len(ds) != 0 {
			t.Errorf("public before publishing: %d %v", len(ds), err)
		}
		issued.Public = true
		if err := db.UpdateDecision(f.officerCtx, issued); err != nil {
			t.Fatal(err)
		}
		if ds, _, err := db.FindDecisions(anon, thidua.DecisionFilter{Public: true}); err != nil || len(ds) != 1 || ds[0].Ref() != "01/QĐ-VPUBND" {
			t.Errorf("public after publishing: %d %v", len(ds), err)
		}
		// The unit head of the proposing unit does not see the office's decisions.
		if ds, _, err := db.FindDecisions(f.headCtx, thidua.DecisionFilter{}); err != nil || len(ds) != 0 {
			t.Errorf("unit head: %d %v", len(ds), err)
		}
	})
}
