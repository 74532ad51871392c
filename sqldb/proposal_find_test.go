package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestFindProposalsFilters selects proposals by the nominees they hold,
// counts nominees instead of reading them, and counts proposals by state
// and campaign in the reader's scope.
func TestFindProposalsFilters(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		p1 := f.proposal // Phòng Hành chính, at the council, 3 nominees
		p2 := &thidua.Proposal{UnitID: f.kt.ID, CampaignID: f.c.ID, Kind: thidua.AwardPhongTrao, Year: 2021, Title: "Tờ trình của Phòng Kinh tế"}
		if err := db.CreateProposal(f.officerCtx, p2); err != nil {
			t.Fatalf("CreateProposal: %v", err)
		}
		if err := db.SetNominees(f.officerCtx, p2.ID, p2.Version, []*thidua.Nominee{
			{Subject: thidua.SubjectPerson, SubjectID: f.cuong.ID, Award: thidua.FormGK},
			{Subject: thidua.SubjectUnit, SubjectID: f.kt.ID, Award: thidua.FormGK}}); err != nil {
			t.Fatalf("SetNominees: %v", err)
		}
		p2, _ = db.FindProposalByID(f.officerCtx, p2.ID)
		p3 := &thidua.Proposal{UnitID: f.hc.ID, Kind: thidua.AwardDotXuat, Year: 2025, Title: "Tờ trình chưa có đối tượng"}
		if err := db.CreateProposal(f.headCtx, p3); err != nil {
			t.Fatalf("CreateProposal: %v", err)
		}

		for _, tc := range []struct {
			name   string
			ctx    context.Context
			filter thidua.ProposalFilter
			want   []int64       // IDs, newest first
			counts map[int64]int // NomineeCount by ID
			loaded bool          // nominees read
		}{
			{"all", f.officerCtx, thidua.ProposalFilter{}, []int64{p3.ID, p2.ID, p1.ID}, map[int64]int{p1.ID: 3, p2.ID: 2, p3.ID: 0}, true},
			{"counted", f.officerCtx, thidua.ProposalFilter{CountNominees: true}, []int64{p3.ID, p2.ID, p1.ID}, map[int64]int{p1.ID: 3, p2.ID: 2, p3.ID: 0}, false},
			{"one nominee", f.officerCtx, thidua.ProposalFilter{NomineeIDs: []int64{p2.Nominees[1].ID}}, []int64{p2.ID}, map[int64]int{p2.ID: 2}, true},
			{"nominees of two", f.officerCtx, thidua.ProposalFilter{NomineeIDs: []int64{p1.Nominees[2].ID, p2.Nominees[0].ID, p1.Nominees[0].ID}},
				[]int64{p2.ID, p1.ID}, map[int64]int{p1.ID: 3, p2.ID: 2}, true},
			{"nominees and state", f.officerCtx, thidua.ProposalFilter{NomineeIDs: []int64{p1.Nominees[0].ID, p2.Nominees[0].ID}, State: thidua.ProposalDraft},
				[]int64{p2.ID}, map[int64]int{p2.ID: 2}, true},
			{"no such nominee", f.officerCtx, thidua.ProposalFilter{NomineeIDs: []int64{p2.Nominees[1].ID + 1000}}, nil, nil, true},
			{"second page", f.officerCtx, thidua.ProposalFilter{CountNominees: true, Offset: 1, Limit: 1}, []int64{p2.ID}, map[int64]int{p2.ID: 2}, false},
			{"unit head's scope", f.headCtx, thidua.ProposalFilter{NomineeIDs: []int64{p1.Nominees[0].ID, p2.Nominees[0].ID}}, []int64{p1.ID}, map[int64]int{p1.ID: 3}, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ps, total, err := db.FindProposals(tc.ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, p := range ps {
					ids = append(ids, p.ID)
					if p.NomineeCount != tc.counts[p.ID] {
						t.Errorf("proposal %d: NomineeCount %d, want %d", p.ID, p.NomineeCount, tc.counts[p.ID])
					}
					if loaded := len(p.Nominees) > 0; loaded != (tc.loaded && tc.counts[p.ID] > 0) {
						t.Errorf("proposal %d: %d nominees read, want read: %v", p.ID, len(p.Nominees), tc.loaded)
					}
				}
				if !slices.Equal(ids, tc.want) {
					t.Errorf("IDs %v, want %v", ids, tc.want)
				}
				if wantTotal := len(tc.want) + tc.filter.Offset; tc.filter.Limit == 0 && total != wantTotal {
					t.Errorf("total %d, want %d", total, wantTotal)
				}
			})
		}

		for _, tc := range []struct {
			name   string
			ctx    context.Context
			filter thidua.ProposalFilter
			want   []thidua.ProposalCount
		}{
			{"officer", f.officerCtx, thidua.ProposalFilter{}, []thidua.ProposalCount{
				{State: thidua.ProposalCouncil, Count: 1}, {State: thidua.ProposalDraft, Count: 1}, {State: thidua.ProposalDraft, CampaignID: f.c.ID, Count: 1}}},
			{"one campaign", f.officerCtx, thidua.ProposalFilter{CampaignID: f.c.ID}, []thidua.ProposalCount{{State: thidua.ProposalDraft, CampaignID: f.c.ID, Count: 1}}},
			{"state ignored", f.officerCtx, thidua.ProposalFilter{State: thidua.ProposalCouncil, CampaignID: f.c.ID},
				[]thidua.ProposalCount{{State: thidua.ProposalDraft, CampaignID: f.c.ID, Count: 1}}},
			{"unit head's scope", f.headCtx, thidua.ProposalFilter{}, []thidua.ProposalCount{{State: thidua.ProposalCouncil, Count: 1}, {State: thidua.ProposalDraft, Count: 1}}},
		} {
			t.Run("count/"+tc.name, func(t *testing.T) {
				got, err := db.CountProposalsByState(tc.ctx, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("counts %+v, want %+v", got, tc.want)
				}
			})
		}
	})
}
