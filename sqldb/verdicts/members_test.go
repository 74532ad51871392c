package verdicts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/demo/province"
	"thidua/rules"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

func TestMain(m *testing.M) { demotest.Main(m) }

var sys = thidua.NewSystemContext(context.Background())

// sameUnitVerdicts checks, for every unit and year, that the explained
// verdicts from the member summaries — the unit's own (UnitVerdicts, the
// history page) and the collectives' table's (UnitEligibility) — are those
// of the unit judged with its members read one by one (SubjectForYear over
// the unit's history as FindHistory reads it); it returns how many
// members were compared.
func sameUnitVerdicts(t *testing.T, db *sqldb.DB, svc *rules.Service, years []int, what string) int {
	t.Helper()
	units, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectUnit})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.SubjectID
	}
	members := 0
	for _, year := range years {
		asOf := thidua.NewDate(year+1, 3, 1)
		table, refreshing, err := db.UnitEligibility(sys, svc, year, asOf, ids)
		if err != nil || refreshing {
			t.Fatalf("%s: table of %d: refreshing=%v, %v", what, year, refreshing, err)
		}
		for _, id := range ids {
			h, err := db.FindHistory(sys, thidua.SubjectUnit, id)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := svc.SubjectForYear(sys, db, h, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			members += len(sub.Members)
			want, err := svc.EvaluateAll(sub, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			own, _, _, err := db.UnitVerdicts(sys, svc, h, year, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if d := firstDiff(own, want); d != "" {
				t.Fatalf("%s: unit %d (%s), %d: verdicts from the summaries differ from the members one by one: %s", what, id, h.Name, year, d)
			}
			if d := firstDiff(table[id], want); d != "" {
				t.Fatalf("%s: unit %d (%s), %d: the stored table differs from the members one by one: %s", what, id, h.Name, year, d)
			}
		}
	}
	return members
}

// firstDiff describes the first verdict that differs, "" when none does.
func firstDiff(got, want []rules.Verdict) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d verdicts, want %d", len(got), len(want))
	}
	for i := range want {
		a, _ := json.Marshal(got[i])
		b, _ := json.Marshal(want[i])
		if string(a) != string(b) {
			return fmt.Sprintf("\n%s\nwant\n%s", a, b)
		}
	}
	return ""
}

func marks(t *testing.T, db *sqldb.DB) map[int64]int64 {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT unit_id, n FROM unit_member_marks`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		out[id] = n
	}
	return out
}

// moved lists the units whose mark differs between two readings.
func moved(before, after map[int64]int64) map[int64]bool {
	out := map[int64]bool{}
	for id, n := range after {
		if before[id] != n {
			out[id] = true
		}
	}
	for id := range before {
		if _, ok := after[id]; !ok {
			out[id] = true
		}
	}
	return out
}

// TestUnitVerdictsFromSummaries: on the demo office, on SQLite and
// PostgreSQL, every unit's explained verdicts from the member summaries are
// those from its members read one by one, for several years, as loaded and
// after each kind of change through the services (a history edited, a
// person moved to another unit, one retired, a unit's own history, a
// cluster's leader) — and each change moves the mark of exactly the units
// whose direct members it touches, so that only those summaries are read
// again: a summary deliberately falsified in another unit survives the
// refresh.
func TestUnitVerdictsFromSummaries(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		svc := rules.NewService(nil, "default")
		years := []int{2023, 2024, 2025}
		if n := sameUnitVerdicts(t, db, svc, years, "as loaded"); n == 0 {
			t.Fatal("no unit had members: nothing compared")
		}
		people, _, err := db.FindPeople(sys, thidua.PersonFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(people) < 3 {
			t.Fatalf("%d people in the demo", len(people))
		}
		var a, b *thidua.Person
		for _, p := range people {
			if p.Status != thidua.PersonActive {
				continue
			}
			if a == nil {
				a = p
			} else if p.UnitID != a.UnitID {
				b = p
				break
			}
		}
		if a == nil || b == nil {
			t.Fatal("no two active people in different units")
		}

		// Falsify the summary of a unit no change below touches: it is
		// fresh by its mark, so a refresh must not read it again.
		var other int64
		if err := db.SQL().QueryRow(`SELECT id FROM units WHERE id <> $1 AND id <> $2 AND id NOT IN (SELECT unit_id FROM people WHERE status = 'ACTIVE') ORDER BY id LIMIT 1`,
			a.UnitID, b.UnitID).Scan(&other); err != nil {
			t.Fatal(err)
		}
		const bogus = `{"members": 9999, "female": 0}`
		if _, err := db.SQL().Exec(`UPDATE unit_member_facts SET facts_json = $1 WHERE unit_id = $2 AND year = 2025`, bogus, other); err != nil {
			t.Fatal(err)
		}

		// A history edit marks the person's unit only.
		m0 := marks(t, db)
		h, err := db.FindHistory(sys, thidua.SubjectPerson, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		h.History.Ratings = append(h.History.Ratings[:0:0], filterYear(h.History.Ratings, 2025)...)
		h.History.Ratings = append(h.History.Ratings, thidua.Rating{Year: 2025, Code: thidua.RatingHTXSNV})
		h.History.Titles = slices.DeleteFunc(h.History.Titles, func(x thidua.TitleRecord) bool { return x.Year == 2025 })
		h.History.Titles = append(h.History.Titles, thidua.TitleRecord{Year: 2025, Code: thidua.TitleLDTT, Decision: "12/QĐ-UBND"})
		h.History.Disciplines = append(h.History.Disciplines, thidua.Discipline{From: thidua.NewDate(2025, 2, 1), To: thidua.NewDate(2025, 8, 1),
			Level: thidua.DisciplineKhienTrach, Decision: "3/QĐ-KL"})
		if err := db.SaveHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		m1 := marks(t, db)
		if got := moved(m0, m1); len(got) != 1 || !got[a.UnitID] {
			t.Fatalf("a history edit moved the marks of %v, want only unit %d", got, a.UnitID)
		}
		if _, _, err := db.UnitEligibility(sys, svc, 2025, thidua.NewDate(2026, 3, 1), []int64{other}); err != nil {
			t.Fatal(err)
		}
		var doc string
		if err := db.SQL().QueryRow(`SELECT facts_json FROM unit_member_facts WHERE unit_id = $1 AND year = 2025`, other).Scan(&doc); err != nil {
			t.Fatal(err)
		}
		var kept, want rules.MemberFacts
		json.Unmarshal([]byte(doc), &kept)
		json.Unmarshal([]byte(bogus), &want)
		if kept.Count() != want.Count() {
			t.Fatalf("the summary of unit %d, untouched, was read again (%s)", other, doc)
		}
		// Put it right (a summary under another key is recomputed).
		// The table judged from it is stale too (a test's own write: no
		// service moves a summary by hand).
		if _, err := db.SQL().Exec(`UPDATE unit_member_facts SET facts_key = 'old' WHERE unit_id = $1`, other); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(`UPDATE eligibility_changes SET n = n + 1`); err != nil {
			t.Fatal(err)
		}
		sameUnitVerdicts(t, db, svc, years, "after a history edit")

		// Moving a person marks both units.
		p, err := db.FindPersonByID(sys, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		from := p.UnitID
		p.UnitID = a.UnitID
		if err := db.UpdatePerson(sys, p); err != nil {
			t.Fatal(err)
		}
		if got := moved(m1, marks(t, db)); len(got) != 2 || !got[from] || !got[a.UnitID] {
			t.Fatalf("a move moved the marks of %v, want units %d and %d", got, from, a.UnitID)
		}
		sameUnitVerdicts(t, db, svc, years, "after a move")

		// Retiring a person takes them out of their unit's members.
		m2 := marks(t, db)
		if p, err = db.FindPersonByID(sys, a.ID); err != nil {
			t.Fatal(err)
		}
		p.Status = thidua.PersonRetired
		if err := db.UpdatePerson(sys, p); err != nil {
			t.Fatal(err)
		}
		if got := moved(m2, marks(t, db)); len(got) != 1 || !got[a.UnitID] {
			t.Fatalf("retiring moved the marks of %v, want unit %d", got, a.UnitID)
		}
		sameUnitVerdicts(t, db, svc, years, "after a retirement")

		// A unit's own history and the cluster it led are its own facts.
		m3 := marks(t, db)
		uh, err := db.FindHistory(sys, thidua.SubjectUnit, from)
		if err != nil {
			t.Fatal(err)
		}
		uh.History.Ratings = append(filterYear(uh.History.Ratings, 2025), thidua.Rating{Year: 2025, Code: thidua.RatingHTXSNV})
		if err := db.SaveHistory(sys, uh); err != nil {
			t.Fatal(err)
		}
		if got := moved(m3, marks(t, db)); len(got) != 0 {
			t.Fatalf("a unit's own history moved the marks of %v", got)
		}
		res, err := db.SQL().Exec(`UPDATE clusters SET leading_unit_id = $1 WHERE id = (SELECT min(id) FROM clusters)`, from)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			t.Log("the demo has no cluster: the leader's fact is not exercised")
		}
		sameUnitVerdicts(t, db, svc, years, "after a unit's own changes")
	})
}

func filterYear(rs []thidua.Rating, year int) []thidua.Rating {
	var out []thidua.Rating
	for _, r := range rs {
		if r.Year != year {
			out = append(out, r)
		}
	}
	return out
}

// TestUnitVerdictsFromSummariesProvince: on a province generated at 1/100
// (213 units over four levels, 500 people with ten-year histories, awards
// decided through the services), on SQLite and PostgreSQL, every unit's
// verdicts from the member summaries are those from its members one by
// one.
func TestUnitVerdictsFromSummariesProvince(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		ctx := thidua.NewSystemContext(context.Background())
		db.SetJudge(rules.NewService(rules.Default(), "default"))
		n, err := province.Generate(ctx, db, province.Options{Seed: 13, Scale: 0.01})
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		if n.Units < 200 {
			t.Fatalf("%d units generated", n.Units)
		}
		if m := sameUnitVerdicts(t, db, rules.NewService(nil, "default"), []int{2024, 2025}, "generated province"); m == 0 {
			t.Fatal("no unit had members: nothing compared")
		}
	})
}

// TestUnitVerdictsQueuedWhenManyMembers: when bringing a unit's member
// summaries up to date would read more than InlineMembers histories and a
// background is set, the unit's verdicts are not computed in the request:
// a job is queued (once), the request reports refreshing with no verdicts,
// and once the job has run the verdicts are those of the members read one
// by one; a change of a few members is then computed in the request again,
// on SQLite and PostgreSQL.
func TestUnitVerdictsQueuedWhenManyMembers(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		svc := rules.NewService(nil, "default")
		woken := 0
		db.Background(func() { woken++ })
		db.Tables.InlineMembers = 3
		db.Tables.Store.Wait = 50 * time.Millisecond
		if _, err := db.SQL().Exec(`DELETE FROM unit_member_facts`); err != nil {
			t.Fatal(err)
		}
		root := rootUnit(t, db)
		h, err := db.FindHistory(sys, thidua.SubjectUnit, root.ID)
		if err != nil {
			t.Fatal(err)
		}
		asOf := thidua.NewDate(2026, 1, 15)
		for range 2 {
			vs, _, refreshing, err := db.UnitVerdicts(sys, svc, h, 2025, asOf)
			if err != nil || !refreshing || vs != nil {
				t.Fatalf("first look with every summary stale: %d verdicts, refreshing %v, %v; want none, refreshing", len(vs), refreshing, err)
			}
		}
		jobs := queuedJobs(t, db, thidua.JobUnitMembersRefresh)
		if len(jobs) != 1 || jobs[0] != 2025 || woken != 1 {
			t.Fatalf("jobs queued %v (runner woken %d times), want one for 2025", jobs, woken)
		}
		if err := db.MembersJob()(sys, &thidua.Job{Kind: thidua.JobUnitMembersRefresh, RefID: 2025}, nopProgress{}); err != nil {
			t.Fatal(err)
		}
		vs, members, refreshing, err := db.UnitVerdicts(sys, svc, h, 2025, asOf)
		if err != nil || refreshing || len(vs) == 0 || members == 0 {
			t.Fatalf("after the job: %d verdicts of %d members, refreshing %v, %v", len(vs), members, refreshing, err)
		}
		sameUnitVerdicts(t, db, svc, []int{2025}, "after the job")
		// One member's history changed: only their unit's members are read
		// again, fewer than the subtree's, in the request.
		db.Tables.InlineMembers = members - 1
		people, _, err := db.FindPeople(sys, thidua.PersonFilter{Limit: 1})
		if err != nil || len(people) == 0 {
			t.Fatal(err)
		}
		ph, err := db.FindHistory(sys, thidua.SubjectPerson, people[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		ph.History.Awards = append(ph.History.Awards, thidua.Award{Code: thidua.FormBKCT, Date: thidua.NewDate(2025, 5, 1), Type: thidua.AwardCongTrang})
		if err := db.SaveHistory(sys, ph); err != nil {
			t.Fatal(err)
		}
		if _, _, refreshing, err := db.UnitVerdicts(sys, svc, h, 2025, asOf); err != nil || refreshing {
			t.Fatalf("after one member's change: refreshing %v, %v; want computed in the request", refreshing, err)
		}
	})
}

type nopProgress struct{}

func (nopProgress) Set(done, total int64, msg string) {}
func (nopProgress) Exclusive(fn func() error) error   { return fn() }

// rootUnit is the top unit of the database.
func rootUnit(t *testing.T, db *sqldb.DB) *thidua.Unit {
	t.Helper()
	units, _, err := db.FindUnits(sys, thidua.UnitFilter{})
	if err != nil || len(units) == 0 {
		t.Fatal(err)
	}
	top := units[0]
	for _, u := range units {
		if len(u.Path) < len(top.Path) {
			top = u
		}
	}
	return top
}

// queuedJobs lists the references of the waiting jobs of kind.
func queuedJobs(t *testing.T, db *sqldb.DB, kind string) []int64 {
	t.Helper()
	rows, err := db.SQL().QueryContext(sys, `SELECT ref_id FROM jobs WHERE kind = $1 AND state = $2 ORDER BY id`, kind, thidua.JobQueued)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}
