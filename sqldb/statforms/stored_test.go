package statforms_test

import (
	"context"
	"reflect"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/sqldb"
	"thidua/sqldb/awardstats"
	sqlforms "thidua/sqldb/statforms"
	"thidua/statforms"
)

// sameForms fills the award forms of every year from 2023 (the circular in force) to 2027 for
// every unit as reporting unit, from the stored counts and from the
// histories one by one, and requires every cell of the totals and of
// every branch to agree; it returns the sum of the totals compared.
func sameForms(t *testing.T, ctx context.Context, store *sqlforms.Store, units []*thidua.Unit) int {
	t.Helper()
	sum := 0
	for _, u := range units {
		for year := 2023; year <= 2027; year++ {
			for _, form := range []string{"0602", "0603"} {
				req := statforms.Request{Form: form, Year: year, UnitID: u.ID}
				got, err := store.StatForm(ctx, req)
				if err != nil {
					t.Fatalf("%s %d for %s: %v", form, year, u.Name, err)
				}
				want, err := store.FromHistories(ctx, req)
				if err != nil {
					t.Fatalf("%s %d for %s from the histories: %v", form, year, u.Name, err)
				}
				if !reflect.DeepEqual(got.Cells, want.Cells) {
					t.Errorf("%s %d for %s: stored counts give %v, the histories %v", form, year, u.Name, got.Cells, want.Cells)
				}
				for i := range want.Branches {
					if !reflect.DeepEqual(got.Branches[i].Cells, want.Branches[i].Cells) {
						t.Errorf("%s %d for %s, branch %s: stored counts give %v, the histories %v", form, year, u.Name,
							want.Branches[i].Label, got.Branches[i].Cells, want.Branches[i].Cells)
					}
				}
				sum += want.Cells[0][0]
			}
		}
	}
	return sum
}

// fresh reports whether the stored form cells are up to date.
func fresh(t *testing.T, ctx context.Context, db *sqldb.DB, path string) bool {
	t.Helper()
	ok, err := awardstats.FormCells(ctx, db.SQL(), path, 2025, func(*statforms.StoredAwardFact) {})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestStoredFactsMatchHistories: the award forms read from the stored
// per-unit counts (award_stat_form_cells) are those counted from the
// histories one by one — on the demo as loaded, after awards of every
// kind are added, after people change posts and units, and after one is
// deleted — and while the stored figures are not up to date the forms
// still come out right, from the histories.
func TestStoredFactsMatchHistories(t *testing.T) {
	set := statforms.MustLoad()
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		ctx := as(t, o.DB, "admin")
		store := sqlforms.New(o.DB, set)
		units, _, err := o.DB.FindUnits(ctx, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var province *thidua.Unit
		for _, u := range units {
			if u.ParentID == 0 {
				province = u
			}
		}
		if n := sameForms(t, ctx, store, units); n == 0 {
			t.Fatal("the demo's award forms are all zero: the comparison proves nothing")
		}
		if !fresh(t, ctx, o.DB, province.Path) {
			t.Error("the stored figures are not up to date after a form was read")
		}
		enrich(t, ctx, o.DB, province)

		// Stale stored figures are never read: the forms come from the
		// histories until a refresh.
		if fresh(t, ctx, o.DB, province.Path) {
			t.Error("the stored figures are up to date right after histories changed")
		}
		stale := sqlforms.New(o.DB, set)
		sqlforms.NoRefresh(stale)
		before := sameForms(t, ctx, stale, []*thidua.Unit{province})
		if fresh(t, ctx, o.DB, province.Path) {
			t.Fatal("a read without refresh brought the stored figures up to date")
		}
		if after := sameForms(t, ctx, store, []*thidua.Unit{province}); after != before {
			t.Errorf("forms while stale sum to %d, after the refresh %d", before, after)
		}

		// A leader's posts change, a person moves to another unit, a unit
		// is renamed, one person is deleted.
		people, _, err := o.DB.FindPeople(ctx, thidua.PersonFilter{UnitID: province.ID, Subtree: true, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range people[:6] {
			sh, err := o.DB.FindHistory(ctx, thidua.SubjectPerson, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			post := []string{thidua.PostGiamDocSo, thidua.PostOther, thidua.PostPhoGiamDocSo}[i%3]
			sh.History.Leadership = append(sh.History.Leadership,
				thidua.LeadershipPost{Post: post, From: thidua.NewDate(2024, 1, 1), To: thidua.NewDate(2025, 6, 30)})
			sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormBKCT, Date: thidua.NewDate(2025, 5, 1), Type: thidua.AwardCongTrang})
			if err := o.DB.SaveHistory(ctx, sh); err != nil {
				t.Fatalf("save history of %s: %v", p.FullName, err)
			}
		}
		moved := people[len(people)-2]
		for _, u := range units {
			if u.ID != moved.UnitID && u.ParentID != 0 {
				moved.UnitID = u.ID
				break
			}
		}
		if err := o.DB.UpdatePerson(ctx, moved); err != nil {
			t.Fatalf("move %s: %v", moved.FullName, err)
		}
		if err := o.DB.DeletePerson(ctx, people[len(people)-1].ID); err != nil {
			t.Fatalf("delete %s: %v", people[len(people)-1].FullName, err)
		}
		if n := sameForms(t, ctx, store, units); n == 0 {
			t.Fatal("the award forms are all zero after the edits")
		}
	})
}
