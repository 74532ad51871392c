package web_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/rules"
	"thidua/sqldb"
)

// streamOnly is the real store with FindHistories refused: a collective
// judged through it must read its members one at a time.
type streamOnly struct {
	*sqldb.DB
	t *testing.T
}

func (s streamOnly) FindHistories(ctx context.Context, f thidua.HistoryFilter) ([]*thidua.SubjectHistory, error) {
	s.t.Errorf("FindHistories(%+v): the members were read whole", f)
	return s.DB.FindHistories(ctx, f)
}

// TestSubjectForYear: a collective judged from its members streamed and cut
// to the year judged gets the verdicts it gets from every member's whole
// history, for every unit of the demo office and several years, on SQLite
// and PostgreSQL; each member keeps only that year's records.
func TestSubjectForYear(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := sysCtx()
		svc := rules.NewService(nil, "")
		units, err := e.DB.FindHistories(ctx, thidua.HistoryFilter{Subject: thidua.SubjectUnit})
		if err != nil {
			t.Fatal(err)
		}
		if len(units) < 3 {
			t.Fatalf("%d units in the demo office", len(units))
		}
		members := 0
		for _, year := range []int{2022, 2023, 2024, 2025} {
			asOf := thidua.NewDate(year+1, 3, 1)
			for _, h := range units {
				whole, err := svc.Subject(ctx, e.DB, h, asOf)
				if err != nil {
					t.Fatal(err)
				}
				cut, err := svc.SubjectForYear(ctx, streamOnly{e.DB, t}, h, year, asOf)
				if err != nil {
					t.Fatal(err)
				}
				if len(cut.Members) != len(whole.Members) {
					t.Fatalf("%s %d: %d members, want %d", h.Name, year, len(cut.Members), len(whole.Members))
				}
				members += len(cut.Members)
				for _, m := range cut.Members {
					for _, r := range m.Ratings {
						if r.Year != year {
							t.Errorf("%s %d: member %s keeps the rating of %d", h.Name, year, m.ID, r.Year)
						}
					}
					for _, x := range m.Titles {
						if x.Year != year {
							t.Errorf("%s %d: member %s keeps the title of %d", h.Name, year, m.ID, x.Year)
						}
					}
					if len(m.Awards)+len(m.Initiatives)+len(m.Leadership)+len(m.MaternityLeave) > 0 {
						t.Errorf("%s %d: member %s keeps records no collective condition counts", h.Name, year, m.ID)
					}
				}
				want, err := svc.EvaluateAll(whole, year, asOf)
				if err != nil {
					t.Fatal(err)
				}
				got, err := svc.EvaluateAll(cut, year, asOf)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %d: the verdicts differ from the whole members'", h.Name, year)
				}
			}
		}
		if members == 0 {
			t.Fatal("no unit had members: nothing compared")
		}
	})
}

// TestUnitHistoryMembersLink: a unit's history page links its members'
// table, the paginated eligibility table of the unit for the same year and
// date, rather than judging every member on the page.
func TestUnitHistoryMembersLink(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleOfficer)
	vp := e.unitByName("Văn phòng UBND tỉnh")
	code, body := e.get(c, fmt.Sprintf("/app/units/%d/history?year=2024&as_of=01/03/2025", vp.ID))
	if code != http.StatusOK {
		t.Fatalf("unit history: %d", code)
	}
	link := fmt.Sprintf(`href="/app/eligibility?unit=%d&amp;year=2024&amp;as_of=01%%2f03%%2f2025"`, vp.ID)
	if !strings.Contains(body, link) {
		t.Errorf("the unit history page does not link its members' table (%s)", link)
	}
	code, body = e.get(c, fmt.Sprintf("/app/eligibility?unit=%d&year=2024&as_of=01/03/2025", vp.ID))
	if code != http.StatusOK || !strings.Contains(body, "Xét điều kiện") {
		t.Errorf("the members' table: %d", code)
	}
	// A person's page has no such link.
	p := e.personByName("Bùi Văn Đạt")
	_, body = e.get(c, fmt.Sprintf("/app/people/%d/history", p.ID))
	if strings.Contains(body, "Xét điều kiện từng cá nhân của đơn vị") {
		t.Error("a person's history page links a members' table")
	}
}

// BenchmarkUnitSubject judges the demo office's root unit from its members'
// whole histories (Subject) and from the members streamed and cut to the
// year (SubjectForYear), side by side in one run: compare ns/op and B/op.
func BenchmarkUnitSubject(b *testing.B) {
	o := demotest.SQLite(b)
	ctx := sysCtx()
	svc := rules.NewService(nil, "")
	units, err := o.DB.FindHistories(ctx, thidua.HistoryFilter{Subject: thidua.SubjectUnit})
	if err != nil {
		b.Fatal(err)
	}
	root := units[0]
	for _, u := range units {
		if len(u.UnitPath) < len(root.UnitPath) {
			root = u
		}
	}
	asOf := thidua.NewDate(2025, 3, 1)
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sub, err := svc.Subject(ctx, o.DB, root, asOf)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := svc.EvaluateAll(sub, 2024, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cut", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sub, err := svc.SubjectForYear(ctx, o.DB, root, 2024, asOf)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := svc.EvaluateAll(sub, 2024, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestUnitHistoryRefreshing: when a unit's member summaries are too many
// histories away from fresh (a province after a first start), its history
// page and GET /api/v1/units/{id}/eligibility do not read them in the
// request: the page says they are being computed, the API answers
// refreshing with Retry-After and no verdicts; once the job has run, both
// give the verdicts.
func TestUnitHistoryRefreshing(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	e.DB.Background(nil)
	e.DB.Tables.InlineMembers = 1
	e.DB.Tables.Store.Wait = 20 * time.Millisecond
	if _, err := e.DB.SQL().Exec(`DELETE FROM unit_member_facts`); err != nil {
		t.Fatal(err)
	}
	c := e.login(thidua.RoleOfficer)
	vp := e.unitByName("Văn phòng UBND tỉnh")
	page := fmt.Sprintf("/app/units/%d/history?year=2025&as_of=31/12/2025", vp.ID)
	code, body := e.get(c, page)
	if code != http.StatusOK || !strings.Contains(body, "Đang tính lại số liệu thành viên của đơn vị năm 2025") {
		t.Fatalf("unit history with stale summaries: %d, no notice", code)
	}
	officer := e.v1As(thidua.RoleOfficer)
	api := fmt.Sprintf("/api/v1/units/%d/eligibility?year=2025&as_of=31/12/2025", vp.ID)
	code, h, body := e.v1Call(officer, "GET", api, "")
	v1OK(t, "GET unit eligibility, refreshing", code, body, http.StatusOK)
	if el := v1Decode[elEligibility](t, body); !strings.Contains(body, `"refreshing": true`) || len(el.Verdicts) != 0 || h.Get("Retry-After") == "" {
		t.Fatalf("API while refreshing: %d verdicts, Retry-After %q: %s", len(el.Verdicts), h.Get("Retry-After"), body)
	}
	if err := e.DB.MembersJob()(sysCtx(), &thidua.Job{Kind: thidua.JobUnitMembersRefresh, RefID: 2025}, nopJobProgress{}); err != nil {
		t.Fatal(err)
	}
	if code, body = e.get(c, page); code != http.StatusOK || strings.Contains(body, "Đang tính lại số liệu thành viên") || !strings.Contains(body, `class="v-`) {
		t.Errorf("unit history after the job: %d, still refreshing or no verdicts", code)
	}
	code, _, body = e.v1Call(officer, "GET", api, "")
	v1OK(t, "GET unit eligibility", code, body, http.StatusOK)
	if el := v1Decode[elEligibility](t, body); strings.Contains(body, `"refreshing"`) || len(el.Verdicts) != len(rules.CollectiveAwards) {
		t.Errorf("API after the job: %d verdicts: %s", len(el.Verdicts), body)
	}
}

type nopJobProgress struct{}

func (nopJobProgress) Set(done, total int64, msg string) {}
func (nopJobProgress) Exclusive(fn func() error) error   { return fn() }
