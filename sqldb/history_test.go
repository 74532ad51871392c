package sqldb_test

import (
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

func TestHistories(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		h, err := db.FindHistory(f.officerCtx, thidua.SubjectPerson, f.an.ID)
		if err != nil || h.Version != 0 || h.Name != "Nguyễn Văn An" || len(h.History.Ratings) != 0 || h.History.Ratings == nil {
			t.Fatalf("empty history: %+v %v", h, err)
		}
		h.History.Ratings = []thidua.Rating{{Year: 2024, Code: thidua.RatingHTXSNV}, {Year: 2023, Code: thidua.RatingHTTNV}}
		h.History.Titles = []thidua.TitleRecord{{Year: 2024, Code: thidua.TitleCSTDCS, Path: "HTXSNV", Decision: "12/QĐ-VPUBND"}}
		h.History.Awards = []thidua.Award{{Code: thidua.FormGK, Date: thidua.NewDate(2022, 5, 10), Type: thidua.AwardCongTrang}}
		h.History.Proceedings = []thidua.PendingProceeding{{Kind: thidua.ProceedingInspection, From: thidua.NewDate(2025, 3, 1)}}
		if err := db.SaveHistory(f.officerCtx, h); err != nil {
			t.Fatalf("save: %v", err)
		}
		if h.Version != 1 {
			t.Fatalf("version %d", h.Version)
		}
		got, _ := db.FindHistory(f.headCtx, thidua.SubjectPerson, f.an.ID)
		if len(got.History.Ratings) != 2 || got.History.Ratings[0].Year != 2023 || got.History.Titles[0].Decision != "12/QĐ-VPUBND" {
			t.Fatalf("read back %+v", got.History)
		}
		if !got.History.PendingOn(thidua.NewDate(2025, 6, 1)) || got.History.PendingOn(thidua.NewDate(2024, 6, 1)) {
			t.Fatal("PendingOn")
		}
		// A unit head may read but not edit records.
		if err := db.SaveHistory(f.headCtx, got); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("head edits history: %v", err)
		}
		// Stale version.
		stale := *got
		stale.Version = 0
		if err := db.SaveHistory(f.officerCtx, &stale); code(err) != thidua.ECONFLICT {
			t.Fatalf("stale: %v", err)
		}
		// Invalid records change nothing and name the field.
		bad := *got
		bad.History.Ratings = append([]thidua.Rating{}, got.History.Ratings...)
		bad.History.Ratings = append(bad.History.Ratings, thidua.Rating{Year: 2024, Code: "XUATSAC"})
		err = db.SaveHistory(f.officerCtx, &bad)
		if code(err) != thidua.EINVALID || thidua.ErrorFields(err)["ratings[2].rating"] == "" || thidua.ErrorFields(err)["ratings[2].year"] == "" {
			t.Fatalf("invalid rating: %v %v", err, thidua.ErrorFields(err))
		}
		if again, _ := db.FindHistory(f.officerCtx, thidua.SubjectPerson, f.an.ID); again.Version != 1 || len(again.History.Ratings) != 2 {
			t.Fatalf("invalid save changed the history: %+v", again)
		}
		// Unit histories and the list of a subtree.
		uh, _ := db.FindHistory(f.officerCtx, thidua.SubjectUnit, f.hc.ID)
		uh.History.Titles = []thidua.TitleRecord{{Year: 2024, Code: thidua.TitleTTLDXS}}
		if err := db.SaveHistory(f.officerCtx, uh); err != nil {
			t.Fatal(err)
		}
		people, err := db.FindHistories(f.headCtx, thidua.HistoryFilter{Subject: thidua.SubjectPerson})
		if err != nil || len(people) != 2 {
			t.Fatalf("head sees %d people histories, err %v", len(people), err)
		}
		units, _ := db.FindHistories(f.officerCtx, thidua.HistoryFilter{Subject: thidua.SubjectUnit, UnitID: f.office.ID})
		if len(units) != 3 || units[1].Name != "Phòng Hành chính" || len(units[1].History.Titles) != 1 {
			t.Fatalf("unit histories %d", len(units))
		}
		if _, err := db.FindHistory(f.headCtx, thidua.SubjectPerson, f.cuong.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("out of scope history: %v", err)
		}
		if _, err := db.FindHistory(f.officerCtx, "X", 1); code(err) != thidua.EINVALID {
			t.Fatalf("bad subject: %v", err)
		}
	})
}
