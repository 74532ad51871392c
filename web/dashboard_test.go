package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"thidua"
)

var dashboardTiles = regexp.MustCompile(`<span class="num">([\d.]+)</span> cơ quan, đơn vị</a></li>\s*<li><a href="/app/people"><span class="num">([\d.]+)</span> cá nhân`)

// TestDashboardCounts: the dashboard's tiles count the units and people of
// each user's own scope, as the lists of units and people do, and follow
// a person added.
func TestDashboardCounts(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		tiles := func(c *http.Client) (int, int) {
			t.Helper()
			code, body := e.get(c, "/app")
			m := dashboardTiles.FindStringSubmatch(body)
			if code != 200 || m == nil {
				t.Fatalf("/app %d without the tiles", code)
			}
			units, _ := strconv.Atoi(regexp.MustCompile(`\D`).ReplaceAllString(m[1], ""))
			people, _ := strconv.Atoi(regexp.MustCompile(`\D`).ReplaceAllString(m[2], ""))
			return units, people
		}
		want := func(role thidua.Role) (int, int) {
			t.Helper()
			ctx := thidua.NewContextWithUser(context.Background(), e.roleUser(role))
			_, units, err := e.DB.FindUnits(ctx, thidua.UnitFilter{})
			if err != nil {
				t.Fatal(err)
			}
			people, _, err := e.DB.FindPeople(ctx, thidua.PersonFilter{Limit: 1000, NoTotal: true})
			if err != nil {
				t.Fatal(err)
			}
			return units, len(people)
		}
		var officerUnit int64
		for _, role := range []thidua.Role{thidua.RoleAdmin, thidua.RoleOfficer, thidua.RoleUnitHead} {
			gotU, gotP := tiles(e.login(role))
			wantU, wantP := want(role)
			if gotU != wantU || gotP != wantP || gotP == 0 {
				t.Errorf("%s: tiles %d units, %d people; want %d, %d", role, gotU, gotP, wantU, wantP)
			}
			if role == thidua.RoleOfficer {
				officerUnit = e.roleUser(role).Grants[0].UnitID
			}
		}
		officer := e.login(thidua.RoleOfficer)
		_, before := tiles(officer)
		p := &thidua.Person{FullName: "Hoàng Thị Mới", Gender: thidua.GenderFemale, Category: thidua.CategoryCongChuc, UnitID: officerUnit,
			BirthDate: thidua.NewDate(1990, 1, 2)}
		if err := e.DB.CreatePerson(thidua.NewSystemContext(context.Background()), p); err != nil {
			t.Fatal(err)
		}
		if _, after := tiles(officer); after != before+1 {
			t.Errorf("after a person added: %d people, want %d", after, before+1)
		}
	})
}
