package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua"
)

// TestClusterPages: the province's officer forms a bloc on the list page
// (a refused form comes back as typed), a member's staff see it and its
// page, and the next year is formed with the leader and deputy rotated.
func TestClusterPages(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		vp, snv := e.unitByName("Văn phòng UBND tỉnh"), e.unitByName("Sở Nội vụ")
		admin := e.login(thidua.RoleAdmin)
		if code, body := e.get(admin, "/app/clusters"); code != 200 || !strings.Contains(body, "Lập cụm, khối thi đua") {
			t.Fatalf("list: %d", code)
		}
		form := url.Values{"year": {"2027"}, "kind": {"KHOI"}, "name": {"Khối các cơ quan tổng hợp – thử"}, "unit_id": {fmt.Sprint(vp.ParentID)},
			"member": {fmt.Sprint(vp.ID)}, "leader_unit_id": {fmt.Sprint(vp.ID)}, "deputy_unit_id": {fmt.Sprint(snv.ID)}}
		resp, body := e.postForm(admin, "/app/clusters", form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "ít nhất 2 thành viên") || !strings.Contains(body, "Khối các cơ quan tổng hợp – thử") {
			t.Fatalf("refused form: %d", resp.StatusCode)
		}
		form["member"] = []string{fmt.Sprint(vp.ID), fmt.Sprint(snv.ID)}
		resp, _ = e.postForm(admin, "/app/clusters", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		page := resp.Header.Get("Location")
		staff := e.login(thidua.RoleStaff)
		if code, body := e.get(staff, "/app/clusters?nam=2027"); code != 200 || !strings.Contains(body, page) {
			t.Fatalf("a member's staff do not see the bloc: %d", code)
		}
		if code, body := e.get(staff, page); code != 200 || !strings.Contains(body, "Trưởng: <strong>Văn phòng UBND tỉnh</strong>") || strings.Contains(body, "next-year") {
			t.Fatalf("member's page: %d", code)
		}
		if code, _ := e.get(staff, page+"/covenant/file"); code != 404 {
			t.Fatalf("no covenant yet: %d", code)
		}
		resp, _ = e.postForm(admin, page+"/next-year", url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("next year: %d", resp.StatusCode)
		}
		if code, body := e.get(admin, resp.Header.Get("Location")); code != 200 || !strings.Contains(body, "Trưởng: <strong>Sở Nội vụ</strong>") || !strings.Contains(body, "năm 2028") {
			t.Fatalf("rotated: %d %s", code, body)
		}
	})
}
