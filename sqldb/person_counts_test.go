package sqldb_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// checkPeopleCounters compares the per-unit counters (migration 0024) with
// a count of the people table, and the totals FindPeople returns from them
// with counts of what it lists.
func checkPeopleCounters(t *testing.T, db *sqldb.DB) {
	t.Helper()
	read := func(q string) map[string]int {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var unit int64
			var status string
			var n int
			if err := rows.Scan(&unit, &status, &n); err != nil {
				t.Fatal(err)
			}
			if n < 0 {
				t.Fatalf("counter of unit %d, %s below zero: %d", unit, status, n)
			}
			if n != 0 {
				m[fmt.Sprint(unit, status)] = n
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return m
	}
	got := read(`SELECT unit_id, status, n FROM unit_people_counts`)
	want := read(`SELECT unit_id, status, count(*) FROM people GROUP BY unit_id, status`)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counters %v, people %v", got, want)
	}
	units, _, err := db.FindUnits(sys, thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	checkCountOrganization(t, db, sys)
	for _, u := range units {
		for _, f := range []thidua.PersonFilter{
			{UnitID: u.ID, Subtree: true}, {UnitID: u.ID}, {UnitID: u.ID, Subtree: true, Status: thidua.PersonRetired},
		} {
			f.Limit = 1
			_, total, err := db.FindPeople(sys, f)
			f.Limit, f.NoTotal = 1000, true
			all, _, err2 := db.FindPeople(sys, f)
			if err != nil || err2 != nil || total != len(all) {
				t.Fatalf("%+v: total %d, listed %d (%v, %v)", f, total, len(all), err, err2)
			}
		}
	}
}

// checkCountOrganization compares the dashboard's counts with what
// FindUnits and FindPeople count in the scope of ctx.
func checkCountOrganization(t *testing.T, db *sqldb.DB, ctx context.Context) {
	t.Helper()
	_, wantUnits, err := db.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{Limit: 1000, NoTotal: true})
	if err != nil {
		t.Fatal(err)
	}
	units, n, err := db.CountOrganization(ctx)
	if err != nil || units != wantUnits || n != len(people) {
		t.Fatalf("CountOrganization: %d units, %d people (%v); want %d, %d", units, n, err, wantUnits, len(people))
	}
}

// TestPeopleCounters checks that the counters stay equal to count(*)
// through every way people are written: one by one, moved between units,
// made retired and back, both at once, deleted, imported, and in
// statements of many rows (the generator's inserts, bulk updates and
// deletes).
func TestPeopleCounters(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		checkPeopleCounters(t, db)
		update := func(p *thidua.Person, change func(p *thidua.Person)) {
			t.Helper()
			cur, err := db.FindPersonByID(sys, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			change(cur)
			if err := db.UpdatePerson(sys, cur); err != nil {
				t.Fatal(err)
			}
		}
		exec := func(q string) {
			t.Helper()
			if _, err := db.SQL().Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		steps := []struct {
			name string
			do   func()
		}{
			{"created", func() {
				for i := range 5 {
					mustPerson(t, db, sys, f.kt.ID, fmt.Sprint("Phạm Văn Dũng ", i))
				}
			}},
			{"moved", func() { update(f.an, func(p *thidua.Person) { p.UnitID = f.kt.ID }) }},
			{"retired", func() { update(f.cuong, func(p *thidua.Person) { p.Status = thidua.PersonRetired }) }},
			{"moved and active again", func() {
				update(f.cuong, func(p *thidua.Person) { p.Status, p.UnitID = thidua.PersonActive, f.hc.ID })
			}},
			{"renamed", func() { update(f.binh, func(p *thidua.Person) { p.FullName = "Trần Thị Bích" }) }},
			{"deleted", func() {
				if err := db.DeletePerson(sys, f.binh.ID); err != nil {
					t.Fatal(err)
				}
			}},
			{"imported", func() {
				if _, problems, err := db.ApplyImport(f.officerCtx, officeBatch(t), nil); err != nil || len(problems) > 0 {
					t.Fatalf("import: %v %v", err, problems)
				}
			}},
			{"generated", func() { sqldbtest.Populate(t, db, 300, 7) }},
			{"bulk status", func() { exec(`UPDATE people SET status = 'RETIRED' WHERE id % 3 = 0`) }},
			{"bulk move", func() {
				exec(`UPDATE people SET unit_id = (SELECT min(id) FROM units) WHERE id % 5 = 1`)
			}},
			{"bulk move and status", func() {
				exec(`UPDATE people SET unit_id = (SELECT max(id) FROM units), status = 'ACTIVE' WHERE id % 7 = 2`)
			}},
			{"bulk delete", func() {
				exec(`DELETE FROM histories WHERE person_id IN (SELECT id FROM people WHERE id % 4 = 3)`)
				exec(`DELETE FROM people WHERE id % 4 = 3 AND id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
					AND id NOT IN (SELECT person_id FROM nominees WHERE person_id IS NOT NULL)
					AND id NOT IN (SELECT person_id FROM registrations WHERE person_id IS NOT NULL)`)
			}},
		}
		for _, s := range steps {
			s.do()
			t.Run(s.name, func(t *testing.T) { checkPeopleCounters(t, db) })
		}
	})
}

// TestPeoplePlans checks that a narrow scope (a team's head: its people
// read by unit and sorted) and a wide one (the province: the index walked
// in order) list the same pages, in the same order, with the same totals,
// as the whole list filtered by hand, with offsets, keysets both ways, a
// status, a name and a category.
func TestPeoplePlans(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		pop := sqldbtest.Populate(t, db, 600, 3)
		if _, err := db.SQL().Exec(`UPDATE people SET status = 'RETIRED' WHERE id % 4 = 0`); err != nil {
			t.Fatal(err)
		}
		all, _, err := db.FindPeople(sys, thidua.PersonFilter{Limit: 1000})
		if err != nil || len(all) != 600 {
			t.Fatalf("all people: %d, %v", len(all), err)
		}
		units, _, err := db.FindUnits(sys, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		path := map[int64]string{}
		for _, u := range units {
			path[u.ID] = u.Path
		}
		// The department with most people, and one of its units.
		var dept, office int64
		for _, id := range pop.Units[1:] {
			u, _ := db.FindUnitByID(sys, id)
			if u.Depth == 1 && dept == 0 {
				dept = id
			}
			if dept != 0 && u.ParentID == dept && office == 0 {
				office = id
			}
		}
		scopes := []struct {
			name string
			ctx  context.Context
			unit int64
		}{
			{"province", userCtx(t, db, mustUser(t, db, "tinh", thidua.Grant{Role: thidua.RoleOfficer, UnitID: pop.Root})), pop.Root},
			{"department", userCtx(t, db, mustUser(t, db, "so", thidua.Grant{Role: thidua.RoleUnitHead, UnitID: dept})), dept},
			{"office", userCtx(t, db, mustUser(t, db, "phong", thidua.Grant{Role: thidua.RoleUnitHead, UnitID: office})), office},
		}
		for _, sc := range scopes {
			checkCountOrganization(t, db, sc.ctx)
			for _, fc := range []struct {
				name   string
				filter thidua.PersonFilter
			}{
				{"all", thidua.PersonFilter{}}, {"retired", thidua.PersonFilter{Status: thidua.PersonRetired}},
				{"name", thidua.PersonFilter{Query: "thị"}}, {"category", thidua.PersonFilter{Category: thidua.CategoryCongChuc}},
				{"office", thidua.PersonFilter{UnitID: office, Subtree: true}},
			} {
				filter := fc.filter
				var want []int64
				for _, p := range all {
					in := strings.HasPrefix(path[p.UnitID], path[sc.unit])
					if filter.UnitID != 0 {
						in = in && strings.HasPrefix(path[p.UnitID], path[office])
					}
					match := (filter.Status == "" || p.Status == filter.Status) && (filter.Category == "" || p.Category == filter.Category) &&
						(filter.Query == "" || strings.Contains(thidua.Fold(p.FullName), thidua.Fold(filter.Query)))
					if in && match {
						want = append(want, p.ID)
					}
				}
				t.Run(sc.name+" "+fc.name, func(t *testing.T) {
					for _, size := range []int{7, 1000} {
						var got []int64
						f := filter
						f.Limit = size
						for page := 0; ; page++ {
							list, total, err := db.FindPeople(sc.ctx, f)
							if err != nil || total != len(want) {
								t.Fatalf("size %d page %d: total %d, want %d (%v)", size, page, total, len(want), err)
							}
							// The same page by offset.
							byOffset, _, err := db.FindPeople(sc.ctx, thidua.PersonFilter{Status: f.Status, Query: f.Query, Category: f.Category,
								UnitID: f.UnitID, Subtree: f.Subtree, Limit: size, Offset: len(got)})
							if err != nil || !slices.Equal(ids(byOffset), ids(list)) {
								t.Fatalf("size %d page %d: by offset %v, by keyset %v (%v)", size, page, ids(byOffset), ids(list), err)
							}
							if len(got) > 0 && len(list) > 0 {
								// And back from its first row.
								g := f
								g.AfterID, g.BeforeID = 0, list[0].ID
								back, _, err := db.FindPeople(sc.ctx, g)
								if err != nil || !slices.Equal(ids(back), got[max(0, len(got)-size):]) {
									t.Fatalf("size %d page %d: before %v, want %v (%v)", size, page, ids(back), got[max(0, len(got)-size):], err)
								}
							}
							got = append(got, ids(list)...)
							if len(list) < size {
								break
							}
							f.AfterID = list[len(list)-1].ID
						}
						if !slices.Equal(got, want) {
							t.Fatalf("size %d: listed %d %v, want %d %v", size, len(got), got[:min(len(got), 10)], len(want), want[:min(len(want), 10)])
						}
					}
				})
			}
		}
	})
}

func ids(ps []*thidua.Person) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
