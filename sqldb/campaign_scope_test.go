package sqldb_test

import (
	"sort"
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestCampaignScopeAgrees checks that the SQL filter of campaign lists
// selects exactly the campaigns thidua.Campaign.VisibleTo lets a user see,
// for campaigns and users spread over a unit tree.
func TestCampaignScopeAgrees(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		office := mustUnit(t, db, sys, root.ID, "Văn phòng UBND tỉnh", "VPUBND")
		hc := mustUnit(t, db, sys, office.ID, "Phòng Hành chính", "HC")
		kt := mustUnit(t, db, sys, office.ID, "Phòng Kinh tế", "KT")
		district := mustUnit(t, db, sys, root.ID, "UBND huyện", "UBNDH")
		commune := mustUnit(t, db, sys, district.ID, "UBND xã", "UBNDX")
		units := []*thidua.Unit{root, office, hc, kt, district, commune}

		// Every launching unit with every scope within its subtree.
		n := 0
		for _, u := range units {
			for _, s := range units {
				if len(s.Path) < len(u.Path) || s.Path[:len(u.Path)] != u.Path {
					continue
				}
				n++
				c := &thidua.Campaign{Title: "Đợt thi đua " + u.Abbrev + " – " + s.Abbrev, Form: thidua.FormThematic, Kind: "DOT",
					UnitID: u.ID, ScopeUnitID: s.ID, StartDate: thidua.NewDate(2021, 1, 1), EndDate: thidua.NewDate(2021, 12, 31),
					Participants: thidua.ForBoth}
				if err := db.CreateCampaign(sys, c); err != nil {
					t.Fatalf("CreateCampaign: %v", err)
				}
			}
		}
		all, _, err := db.FindCampaigns(sys, thidua.CampaignFilter{})
		if err != nil || len(all) != n {
			t.Fatalf("system sees %d campaigns of %d: %v", len(all), n, err)
		}
		users := []*thidua.User{
			mustUser(t, db, "admin", thidua.Grant{Role: thidua.RoleAdmin, UnitID: root.ID}),
			mustUser(t, db, "cbtinh", thidua.Grant{Role: thidua.RoleOfficer, UnitID: root.ID}),
			mustUser(t, db, "cbvp", thidua.Grant{Role: thidua.RoleOfficer, UnitID: office.ID}),
			mustUser(t, db, "nvhc", thidua.Grant{Role: thidua.RoleStaff, UnitID: hc.ID}),
			mustUser(t, db, "hdkt", thidua.Grant{Role: thidua.RoleCouncil, UnitID: kt.ID}),
			mustUser(t, db, "tpxa", thidua.Grant{Role: thidua.RoleUnitHead, UnitID: commune.ID}),
			mustUser(t, db, "hai", thidua.Grant{Role: thidua.RoleStaff, UnitID: hc.ID}, thidua.Grant{Role: thidua.RoleStaff, UnitID: district.ID}),
			mustUser(t, db, "btv", thidua.Grant{Role: thidua.RoleEditor, UnitID: kt.ID}),
		}
		for _, u := range users {
			ctx := userCtx(t, db, u)
			me := thidua.UserFromContext(ctx)
			var want []int64
			for _, c := range all {
				if c.VisibleTo(me) {
					want = append(want, c.ID)
				}
			}
			got, total, err := db.FindCampaigns(ctx, thidua.CampaignFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
			sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
			if total != len(want) || len(ids) != len(want) {
				t.Errorf("%s: SQL sees %v (total %d), domain %v", u.Username, ids, total, want)
				continue
			}
			for i := range ids {
				if ids[i] != want[i] {
					t.Errorf("%s: SQL sees %v, domain %v", u.Username, ids, want)
					break
				}
			}
			// One by one, the lookup agrees too.
			for _, c := range all {
				_, err := db.FindCampaignByID(ctx, c.ID)
				if visible := c.VisibleTo(me); visible != (err == nil) {
					t.Errorf("%s: FindCampaignByID(%q) = %v, visible %v", u.Username, c.Title, err, visible)
				}
			}
		}
	})
}
