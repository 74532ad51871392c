package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/jobs"
	"thidua/rules"
)

// With the tables computed in the background, a year judged for the first
// time answers at once with a notice, the stored rows so far and no
// export; once the job has run, the tables are there without it.
func TestUIEligibilityRecomputing(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		e.DB.Background(nil)
		e.DB.Store.Wait = 20 * time.Millisecond
		runner := jobs.New(e.DB, nil)
		runner.Handle(thidua.JobEligibilityRefresh, e.DB.EligibilityJob(rules.NewService(nil, "default")))
		c := e.login(thidua.RoleOfficer)
		const notice = "Đang tính lại bảng xét điều kiện năm 2024…"
		for _, path := range []string{"/app/eligibility?year=2024&as_of=31/12/2024", "/app/eligibility?year=2024&as_of=31/12/2024&subject=UNIT"} {
			code, body := e.get(c, path)
			if code != http.StatusOK || !strings.Contains(body, notice) {
				t.Fatalf("GET %s: %d, notice shown: %v", path, code, strings.Contains(body, notice))
			}
		}
		unitPage := fmt.Sprintf("/app/units/%d/history?year=2024&as_of=31/12/2024", e.unitByName("Phòng Hành chính – Tổ chức").ID)
		// A unit's history page judges the unit from its subtree's member
		// summaries: it never waits for the collectives' table.
		if code, body := e.get(c, unitPage); code != http.StatusOK || strings.Contains(body, notice) || !strings.Contains(body, "verdict-") {
			t.Errorf("unit history while computing: %d, notice shown: %v", code, strings.Contains(body, notice))
		}
		if code, _ := e.get(c, "/app/eligibility.xlsx?year=2024&as_of=31/12/2024"); code != http.StatusConflict {
			t.Errorf("export of a table being computed: %d, want 409", code)
		}
		code, _, body := e.v1Call(e.v1As(thidua.RoleOfficer), "GET", "/api/v1/eligibility?year=2024&as_of=2024-12-31", "")
		if code != http.StatusOK || !strings.Contains(body, `"refreshing": true`) {
			t.Errorf("API table being computed: %d %s", code, body)
		}
		if ran, err := runner.RunOne(context.Background()); err != nil || !ran {
			t.Fatalf("RunOne = %v, %v", ran, err)
		}
		_, body = e.get(c, "/app/eligibility?year=2024&as_of=31/12/2024")
		if strings.Contains(body, notice) || len(huiTableNames(body)) < 30 {
			t.Errorf("after the job: notice %v, %d people", strings.Contains(body, notice), len(huiTableNames(body)))
		}
		_, body = e.get(c, "/app/eligibility?year=2024&as_of=31/12/2024&subject=UNIT")
		if strings.Contains(body, notice) || !strings.Contains(body, "Phòng Hành chính – Tổ chức") || !strings.Contains(body, "verdict-") {
			t.Errorf("units after the job: notice %v", strings.Contains(body, notice))
		}
		if _, body := e.get(c, unitPage); strings.Contains(body, notice) || !strings.Contains(body, "verdict-") {
			t.Errorf("unit history after the job: notice %v", strings.Contains(body, notice))
		}
		if code, _ := e.get(c, "/app/eligibility.xlsx?year=2024&as_of=31/12/2024"); code != http.StatusOK {
			t.Errorf("export after the job: %d", code)
		}
	})
}
