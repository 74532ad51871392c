package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua"
	"thidua/inbox"
	sqlinbox "thidua/sqldb/inbox"
)

// TestInboxPerRole checks "Việc cần làm" page by page and through the API
// for each demo role: an article waiting for approval is the officer's, a
// registration assigned to score the council member's, a returned
// registration the unit head's (and no one else's), each linking to the
// page that resolves it, gone once resolved; the counts in the navigation;
// the notification of the return, read from the notifications page.
func TestInboxPerRole(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		doc := oaFetch(t, e)
		tasksOf := func(role thidua.Role) map[string][]string {
			t.Helper()
			c := acAs(t, e, doc, role)
			code, _, body := c.do("GET", "/api/v1/me/tasks?limit=200", nil)
			if code != http.StatusOK {
				t.Fatalf("%s: %d %s", role, code, body)
			}
			var l struct {
				Items []struct{ Kind, URL string } `json:"items"`
				Total int                          `json:"total"`
			}
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				t.Fatal(err)
			}
			if l.Total != len(l.Items) {
				t.Fatalf("%s: total %d, %d items", role, l.Total, len(l.Items))
			}
			out := map[string][]string{}
			for _, it := range l.Items {
				out[it.Kind] = append(out[it.Kind], it.URL)
			}
			return out
		}
		page := func(role thidua.Role, path string) string {
			t.Helper()
			r := e.rawDo(e.login(role), "GET", path, "", nil)
			if r.Status != http.StatusOK {
				t.Fatalf("%s GET %s: %d", role, path, r.Status)
			}
			return r.Body
		}
		want := map[thidua.Role][]string{
			// The administrator sees every level: the demo's Bằng khen
			// waits for the province's appraisal (thiduatinh's, not thiduakt's).
			thidua.RoleAdmin:   {inbox.KindArticleReview, inbox.KindProposalAppraise},
			thidua.RoleOfficer: {inbox.KindArticleReview},
			thidua.RoleCouncil: {inbox.KindScoreAssigned},
		}
		for _, role := range demoRoles {
			got := tasksOf(role)
			for _, k := range inbox.KindCodes() {
				has := len(got[k]) > 0
				if has != contains(want[role], k) {
					t.Errorf("%s: kind %s present %v, want %v (%v)", role, k, has, !has, got)
				}
			}
			body := page(role, "/app")
			if !strings.Contains(body, `id="viec-can-lam"`) {
				t.Errorf("%s: the dashboard has no Việc cần làm", role)
			}
			for _, urls := range got {
				for _, u := range urls {
					if !strings.Contains(body, `href="`+u+`"`) {
						t.Errorf("%s: the dashboard lacks the link %s", role, u)
					}
				}
			}
		}

		// The officer returns a registration of Phòng Hành chính – Tổ chức.
		officer := e.roleUser(thidua.RoleOfficer)
		head := e.roleUser(thidua.RoleUnitHead)
		octx := thidua.NewContextWithUser(sysCtx(), officer)
		cs, _, err := e.DB.FindCampaigns(octx, thidua.CampaignFilter{State: thidua.CampaignEvaluating})
		if err != nil || len(cs) == 0 {
			t.Fatal(err)
		}
		regs, _ := e.DB.FindRegistrations(octx, cs[0].ID)
		var reg *thidua.Registration
		for _, r := range regs {
			if r.State == thidua.RegApproved && head.HeadCovers(r.UnitPath) {
				reg = r
				break
			}
		}
		if reg == nil {
			t.Fatal("no registration under the unit head")
		}
		officerClient := e.login(thidua.RoleOfficer)
		res := e.formDo(officerClient, fmt.Sprintf("/app/registrations/%d/review", reg.ID),
			url.Values{"decision": {"return"}, "approve": {"0"}, "reason": {"Thiếu minh chứng tiêu chí 2"}, "version": {fmt.Sprint(reg.Version)}}, nil)
		if res.Status >= 400 {
			// The page's form names may differ: return through the store.
			if err := e.DB.ReviewRegistration(octx, reg.ID, false, "Thiếu minh chứng tiêu chí 2", reg.Version); err != nil {
				t.Fatal(err)
			}
		}
		regURL := fmt.Sprintf("/app/registrations/%d", reg.ID)
		for _, role := range demoRoles {
			got := tasksOf(role)[inbox.KindRegistrationReturned]
			if (role == thidua.RoleUnitHead) != contains(got, regURL) {
				t.Errorf("%s: registration_returned %v (returned: %s)", role, got, regURL)
			}
		}
		headBody := page(thidua.RoleUnitHead, "/app")
		if !strings.Contains(headBody, `href="`+regURL+`"`) || !strings.Contains(headBody, "Lý do: Thiếu minh chứng tiêu chí 2") {
			t.Error("the unit head's dashboard lacks the returned registration and its reason")
		}
		if !strings.Contains(headBody, `aria-label="1 việc"`) {
			t.Error("the navigation does not count the unit head's task")
		}
		// The page it links to is the unit head's to open.
		page(thidua.RoleUnitHead, regURL)

		// The event, recorded by the runner's task, is on the notifications page.
		if _, err := sqlinbox.New(e.DB).ProcessEvents(thidua.NewContextWithUser(sysCtx(), nil)); err != nil {
			t.Fatal(err)
		}
		nb := page(thidua.RoleUnitHead, "/app/notifications?chua-doc=1")
		if !strings.Contains(nb, "Đăng ký thi đua bị trả lại") || !strings.Contains(nb, "Lý do: Thiếu minh chứng tiêu chí 2") {
			t.Errorf("notifications page lacks the return:\n%.2000s", nb)
		}
		if strings.Contains(page(thidua.RoleOfficer, "/app/notifications"), "Đăng ký thi đua bị trả lại") {
			t.Error("the officer is told of their own return")
		}
		hc := e.login(thidua.RoleUnitHead)
		res = e.formDo(hc, "/app/notifications/read", url.Values{"id": {"all"}}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("mark all read: %d", res.Status)
		}
		if nb := page(thidua.RoleUnitHead, "/app/notifications?chua-doc=1"); !strings.Contains(nb, "Không có thông báo chưa đọc.") {
			t.Error("notifications still unread after marking all")
		}
		// E-mail off from the account page.
		res = e.formDo(hc, "/app/account/notifications", url.Values{}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("e-mail off: %d", res.Status)
		}
		if ab := page(thidua.RoleUnitHead, "/app/account"); strings.Contains(ab, `name="email" value="on" checked`) {
			t.Error("e-mail still on")
		}

		// Resolved: approved again, the task is gone.
		regs, _ = e.DB.FindRegistrations(octx, cs[0].ID)
		for _, r := range regs {
			if r.ID == reg.ID {
				reg = r
			}
		}
		if err := e.DB.ReviewRegistration(octx, reg.ID, true, "", reg.Version); err != nil {
			t.Fatal(err)
		}
		if got := tasksOf(thidua.RoleUnitHead)[inbox.KindRegistrationReturned]; len(got) != 0 {
			t.Errorf("resolved task still listed: %v", got)
		}
	})
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
