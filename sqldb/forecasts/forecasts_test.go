package forecasts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/forecasts"
)

func TestMain(m *testing.M) { demotest.Main(m) }

var sys = thidua.NewSystemContext(context.Background())

// whole is the forecast as it was computed before it was kept: every
// history of the scope read (units with their cluster leads and the people
// of their subtree), judged by rules.Service.Forecast.
func whole(t *testing.T, ctx context.Context, db *sqldb.DB, svc *rules.Service, subject string, unitID int64, year int, asOf thidua.Date) []rules.ForecastItem {
	t.Helper()
	hs, err := db.FindHistories(ctx, thidua.HistoryFilter{Subject: subject, UnitID: unitID})
	if err != nil {
		t.Fatal(err)
	}
	var subs []rules.Subject
	for _, h := range hs {
		if subject == thidua.SubjectUnit {
			if h, err = db.FindHistory(ctx, subject, h.SubjectID); err != nil {
				t.Fatal(err)
			}
		}
		sub, err := svc.Subject(ctx, db, h, asOf)
		if err != nil {
			t.Fatal(err)
		}
		subs = append(subs, sub)
	}
	items, err := svc.Forecast(subs, year)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// paged reads every page of the kept forecast, limit lines at a time.
func paged(t *testing.T, ctx context.Context, db *sqldb.DB, svc *rules.Service, f rules.ForecastFilter, limit int) []rules.ForecastItem {
	t.Helper()
	var out []rules.ForecastItem
	total := -1
	for f.Offset, f.Limit = 0, limit; ; f.Offset += limit {
		p, err := db.Forecast(ctx, svc, f)
		if err != nil {
			t.Fatal(err)
		}
		if total >= 0 && p.Total != total {
			t.Fatalf("total %d at offset %d, %d before", p.Total, f.Offset, total)
		}
		total = p.Total
		if len(p.Items) > limit {
			t.Fatalf("%d lines on a page of %d", len(p.Items), limit)
		}
		out = append(out, p.Items...)
		if len(p.Items) < limit {
			break
		}
	}
	if len(out) != total {
		t.Fatalf("%d lines over the pages, total %d", len(out), total)
	}
	return out
}

func same(t *testing.T, what string, got, want []rules.ForecastItem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d lines, want %d", what, len(got), len(want))
	}
	for i := range want {
		a, _ := json.Marshal(got[i])
		b, _ := json.Marshal(want[i])
		if string(a) != string(b) {
			t.Fatalf("%s: line %d:\n%s\nwant\n%s", what, i, a, b)
		}
	}
}

// TestForecastPages: on the demo office, on SQLite and PostgreSQL, the
// kept forecast read page by page is the whole forecast computed from every
// history, in the same order — for people and units, for every unit's
// subtree, for the head of a unit (its subtree only) — and after a history
// changes it is the forecast of the new histories.
func TestForecastPages(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		svc := rules.NewService(nil, "default")
		year, asOf := 2025, thidua.NewDate(2026, 3, 1)
		units, _, err := db.FindUnits(sys, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for _, subject := range []string{thidua.SubjectPerson, thidua.SubjectUnit} {
			want := whole(t, sys, db, svc, subject, 0, year, asOf)
			if subject == thidua.SubjectPerson && len(want) < 5 {
				t.Fatalf("%d forecast lines for the demo's people: nothing to page", len(want))
			}
			lines += len(want)
			f := rules.ForecastFilter{Year: year, AsOf: asOf, Subject: subject}
			for _, limit := range []int{1, 3, 500} {
				same(t, fmt.Sprintf("%s, pages of %d", subject, limit), paged(t, sys, db, svc, f, limit), want)
			}
			for _, u := range units {
				f.UnitID = u.ID
				same(t, fmt.Sprintf("%s of unit %d", subject, u.ID), paged(t, sys, db, svc, f, 4), whole(t, sys, db, svc, subject, u.ID, year, asOf))
			}
		}
		if lines == 0 {
			t.Fatal("no forecast line at all")
		}

		// The head of the unit with the most lines among those that are
		// not the root sees its subtree only.
		var head *thidua.Unit
		best := 0
		for _, u := range units {
			if u.ParentID == 0 {
				continue
			}
			if n := len(whole(t, sys, db, svc, thidua.SubjectPerson, u.ID, year, asOf)); n > best {
				head, best = u, n
			}
		}
		if head == nil {
			t.Fatal("no unit below the root has forecast lines")
		}
		user := &thidua.User{ID: 1 << 40, Grants: []thidua.Grant{{Role: thidua.RoleUnitHead, UnitID: head.ID, UnitPath: head.Path}}}
		ctx := thidua.NewContextWithUser(context.Background(), user)
		for _, subject := range []string{thidua.SubjectPerson, thidua.SubjectUnit} {
			want := whole(t, ctx, db, svc, subject, 0, year, asOf)
			all := whole(t, sys, db, svc, subject, 0, year, asOf)
			if subject == thidua.SubjectPerson && (len(want) == 0 || len(want) == len(all)) {
				t.Fatalf("head of %s sees %d of %d lines", head.Name, len(want), len(all))
			}
			same(t, "head of "+head.Name+", "+subject, paged(t, ctx, db, svc, rules.ForecastFilter{Year: year, AsOf: asOf, Subject: subject}, 2), want)
		}

		// A history changes: the next page is the forecast of the new
		// histories (the kept one is keyed by the count of changes).
		before := whole(t, sys, db, svc, thidua.SubjectPerson, 0, year, asOf)
		id := before[0].SubjectID
		var pid int64
		fmt.Sscan(id, &pid)
		h, err := db.FindHistory(sys, thidua.SubjectPerson, pid)
		if err != nil {
			t.Fatal(err)
		}
		h.History = thidua.History{}
		if err := db.SaveHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		after := whole(t, sys, db, svc, thidua.SubjectPerson, 0, year, asOf)
		if len(after) >= len(before) {
			t.Fatalf("clearing the history of %s left %d lines of %d", h.Name, len(after), len(before))
		}
		same(t, "after a history changed", paged(t, sys, db, svc, rules.ForecastFilter{Year: year, AsOf: asOf, Subject: thidua.SubjectPerson}, 500), after)
	})
}

// TestCacheKeyedByChanges: on SQLite and PostgreSQL, a kept forecast is
// computed once while nothing changes, again after a write to a history,
// a person or a unit (the count of changes moved), the older one is then
// dropped, and another year is another forecast.
func TestCacheKeyedByChanges(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		c := &forecasts.Cache{DB: db.SQL()}
		svc := rules.NewService(nil, "default")
		asOf := thidua.NewDate(2026, 3, 1)
		get := func(year int) *forecasts.Forecast {
			t.Helper()
			f, err := c.Get(sys, svc, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		want := func(what string, computed, kept int) {
			t.Helper()
			if n, k := c.Computed(); n != computed || k != kept {
				t.Fatalf("%s: computed %d, kept %d; want %d, %d", what, n, k, computed, kept)
			}
		}
		first := get(2025)
		if len(first.People) == 0 {
			t.Fatal("no forecast line for the demo's people")
		}
		if get(2025) != first {
			t.Fatal("a second read computed the forecast again")
		}
		want("read twice", 1, 1)
		get(2024)
		want("another year", 2, 2)

		people, _, err := db.FindPeople(sys, thidua.PersonFilter{Limit: 1})
		if err != nil || len(people) == 0 {
			t.Fatalf("people: %v", err)
		}
		h, err := db.FindHistory(sys, thidua.SubjectPerson, people[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if rs := h.History.Ratings; len(rs) > 0 {
			rs[0].Code = map[bool]string{true: thidua.RatingHTNV, false: thidua.RatingHTXSNV}[rs[0].Code == thidua.RatingHTXSNV]
		} else {
			h.History.Ratings = []thidua.Rating{{Year: 2019, Code: thidua.RatingHTTNV}}
		}
		if err := db.SaveHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		if get(2025) == first {
			t.Fatal("the forecast kept from before the history changed was read")
		}
		want("after a history changed", 3, 2) // 2025 again, 2024 kept
	})
}
