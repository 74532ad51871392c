package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"thidua/demo"
)

// This file checks the inbox against the ladder of authorities: every
// task in every demo account's inbox opens for that account, so a grant
// high in the tree is not sent to a lower agency's proposal or meeting
// its pages do not show (TestLadderAPI calls it at each step).

// everyAccount lists every demo account: one per role, the council's and
// the province's.
func (e *testEnv) everyAccount() []demo.Account {
	out := slices.Concat(demo.CouncilAccounts, demo.ProvinceAccounts)
	for _, a := range e.Accounts {
		if !slices.ContainsFunc(out, func(b demo.Account) bool { return b.Username == a.Username }) {
			out = append(out, a)
		}
	}
	return out
}

// tasksOf returns the URLs of the tasks in username's inbox.
func (e *testEnv) tasksOf(t *testing.T, a demo.Account) []string {
	t.Helper()
	code, body := e.apiAs(a.Username, a.Password, "GET", "/api/v1/me/tasks?limit=200", "")
	if code != http.StatusOK {
		t.Fatalf("%s's tasks: %d %s", a.Username, code, body)
	}
	var l struct {
		Items []struct{ Kind, URL string } `json:"items"`
		Total int                          `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range l.Items {
		out = append(out, it.URL)
	}
	return out
}

// everyTaskOpens walks every task of every demo account and opens its
// page as that account: each must answer 200. It returns the task URLs by
// username.
func (e *testEnv) everyTaskOpens(t *testing.T, step string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, a := range e.everyAccount() {
		urls := e.tasksOf(t, a)
		out[a.Username] = urls
		if len(urls) == 0 {
			continue
		}
		c, res := e.loginAs(a.Username, a.Password)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("login %s: %d", a.Username, res.Status)
		}
		for _, u := range urls {
			if code, _ := e.get(c, u); code != http.StatusOK {
				t.Errorf("%s: %s's task %s answers %d", step, a.Username, u, code)
			}
		}
	}
	return out
}
