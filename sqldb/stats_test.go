package sqldb_test

import (
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

func TestAwardStats(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		save := func(subject string, id int64, h thidua.History) {
			t.Helper()
			sh, err := db.FindHistory(sys, subject, id)
			if err != nil {
				t.Fatal(err)
			}
			sh.History = h
			if err := db.SaveHistory(sys, sh); err != nil {
				t.Fatal(err)
			}
		}
		// An (man, HC): CSTĐCS 2024 as a leader (post since 2023), GK 2022.
		save(thidua.SubjectPerson, f.an.ID, thidua.History{
			Titles:     []thidua.TitleRecord{{Year: 2024, Code: thidua.TitleCSTDCS}, {Year: 2023, Code: thidua.TitleLDTT, Revoked: true, RevokedReason: "Sai"}},
			Awards:     []thidua.Award{{Code: thidua.FormGK, Date: thidua.NewDate(2022, 5, 1), Type: thidua.AwardCongTrang}},
			Leadership: []thidua.LeadershipPost{{Post: thidua.PostOther, From: thidua.NewDate(2023, 1, 1)}},
		})
		// Bình (woman, HC): Bằng khen tỉnh 2024.
		save(thidua.SubjectPerson, f.binh.ID, thidua.History{
			Awards: []thidua.Award{{Code: thidua.FormBKCT, Date: thidua.NewDate(2024, 3, 1), Type: thidua.AwardCongTrang}}})
		// Cường (man, KT): LĐTT 2024.
		save(thidua.SubjectPerson, f.cuong.ID, thidua.History{Titles: []thidua.TitleRecord{{Year: 2024, Code: thidua.TitleLDTT}}})
		// Phòng Kinh tế: Tập thể lao động xuất sắc 2024.
		save(thidua.SubjectUnit, f.kt.ID, thidua.History{Titles: []thidua.TitleRecord{{Year: 2024, Code: thidua.TitleTTLDXS}}})

		d, err := db.AwardStats(f.officerCtx, thidua.StatsFilter{FromYear: 2023, ToYear: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if d.Count() != 4 { // the revoked LĐTT and the 2022 GK are out
			t.Fatalf("facts %+v", d.Cells)
		}
		rows := map[string]thidua.AwardRow{}
		for _, r := range d.ByAward() {
			rows[r.Code] = r
		}
		if r := rows[thidua.TitleCSTDCS]; r.Total != 1 || r.Individual != 1 || r.Leaders != 1 || r.Women != 0 || r.Level != thidua.AwardLevelBase {
			t.Fatalf("CSTDCS %+v", r)
		}
		if r := rows[thidua.FormBKCT]; r.Total != 1 || r.Women != 1 || r.Staff != 1 || r.Level != thidua.AwardLevelProvince {
			t.Fatalf("BKCT %+v", r)
		}
		if r := rows[thidua.TitleTTLDXS]; r.Collective != 1 || r.Individual != 0 {
			t.Fatalf("TTLDXS %+v", r)
		}
		if r := rows[thidua.FormHCLD1]; r.Total != 0 || r.Label == "" {
			t.Fatalf("unawarded forms are listed with zero: %+v", r)
		}
		fair := d.Fairness()
		if fair.Awards != 3 || fair.LeaderAwards != 1 || fair.WomenAwards != 1 || fair.Headcount != 3 || fair.HeadWomen != 1 ||
			fair.HighAwards != 1 || fair.HighWomen != 1 || fair.CollectiveAll != 1 {
			t.Fatalf("fairness %+v", fair)
		}
		years := d.ByYear()
		if len(years) != 2 || years[0].Year != 2023 || years[0].Total() != 0 || years[1].Total() != 4 || years[1].ByLevel != [3]int{0, 2, 2} {
			t.Fatalf("years %+v", years)
		}
		// By unit within the office: Hành chính and Kinh tế.
		d, _ = db.AwardStats(f.officerCtx, thidua.StatsFilter{UnitID: f.office.ID, FromYear: 2024, ToYear: 2024})
		units := d.ByUnit()
		if len(units) != 2 || units[0].Label != "Phòng Hành chính" || units[0].Total != 2 || units[0].Headcount != 2 ||
			units[1].Total != 2 || units[1].TitlesCollective != 1 || units[1].HeadLead != 0 {
			t.Fatalf("by unit %+v", units)
		}
		// A unit head sees only the unit's own subtree.
		d, _ = db.AwardStats(f.headCtx, thidua.StatsFilter{})
		seen := 0
		if err := d.ForEachFact(func(fact *thidua.AwardFact) error {
			seen++
			if fact.UnitID != f.hc.ID {
				t.Fatalf("unit head sees %+v", fact)
			}
			return nil
		}); err != nil || seen != 3 || d.Count() != 3 {
			t.Fatalf("unit head's facts: %d listed, %d counted, %v", seen, d.Count(), err)
		}
		for _, c := range d.Cells {
			if c.UnitID != f.hc.ID {
				t.Fatalf("unit head counts %+v", c)
			}
		}
		if _, err := db.AwardStats(f.headCtx, thidua.StatsFilter{UnitID: f.kt.ID}); code(err) != thidua.ENOTFOUND {
			t.Fatalf("unit head reads another unit: %v", err)
		}
	})
}
