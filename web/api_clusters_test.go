package web_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/rules"
)

// TestAPIClusterYear: a cluster's year ends with its leading unit judged
// for Cờ thi đua của UBND tỉnh. The province forms a bloc of Văn phòng
// UBND tỉnh and Sở Nội vụ, the members sign the covenant, the review
// campaign runs on the campaign routes (self-scores, then peer scores by
// the other member's council member; a member's score of itself as a peer
// does not count), the members vote, and the leading unit's R-CTT-01
// condition "leads its cluster" is met while the other member's is not.
func TestAPIClusterYear(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		const year = 2026
		ctx := thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
		vp, snv := e.unitByName("Văn phòng UBND tỉnh"), e.unitByName("Sở Nội vụ")
		h, err := passwd.HashWith(demotest.TestHashParams, "Cum@2026-hoidongsnv")
		if err != nil {
			t.Fatal(err)
		}
		snvCouncil := &thidua.User{Username: "hoidongsnv", DisplayName: "Đinh Thị Hương", PasswordHash: h,
			Grants: []thidua.Grant{{Role: thidua.RoleCouncil, UnitID: snv.ID}}}
		if err := e.DB.CreateUser(ctx, snvCouncil); err != nil {
			t.Fatal(err)
		}
		vpCouncil := e.roleUser(thidua.RoleCouncil)
		admin := func(method, path, body string) (int, string) {
			code, _, out := e.apiDo(thidua.RoleAdmin, method, path, body)
			return code, out
		}
		asSNV := func(method, path, body string) (int, string) {
			return e.apiAs("hoidongsnv", "Cum@2026-hoidongsnv", method, path, body)
		}
		asVP := func(method, path, body string) (int, string) {
			code, _, out := e.apiDo(thidua.RoleCouncil, method, path, body)
			return code, out
		}

		// Bad input: a clear message, nothing created.
		code, out := admin("POST", "/api/v1/clusters", fmt.Sprintf(`{"year": %d, "kind": "KHOI", "name": "Khối các cơ quan tổng hợp thử", "unit_id": %d,
			"leader_unit_id": %d, "deputy_unit_id": %d, "members": [{"unit_id": %d}]}`, year, vp.ParentID, vp.ID, vp.ID, vp.ID))
		if code != http.StatusUnprocessableEntity || !strings.Contains(out, "ít nhất 2 thành viên") {
			t.Fatalf("one member: %d %s", code, out)
		}
		if code, out := admin("GET", fmt.Sprintf("/api/v1/clusters?year=%d", year), ""); code != 200 || !strings.Contains(out, `"total": 0`) {
			t.Fatalf("a refused cluster was stored: %s", out)
		}
		// An agency's officer does not manage the province's clusters.
		code, _, _ = e.apiDo(thidua.RoleOfficer, "POST", "/api/v1/clusters", fmt.Sprintf(`{"year": %d, "kind": "KHOI", "name": "Khối thử", "unit_id": %d,
			"leader_unit_id": %d, "deputy_unit_id": %d, "members": [{"unit_id": %d}, {"unit_id": %d}]}`, year, vp.ParentID, vp.ID, snv.ID, vp.ID, snv.ID))
		if code != http.StatusForbidden {
			t.Fatalf("officer of the Office creates a province bloc: %d", code)
		}

		var c struct {
			ID            int64 `json:"id"`
			Version       int   `json:"version"`
			CampaignID    int64 `json:"campaign_id"`
			LeadingUnitID int64 `json:"leading_unit_id"`
		}
		code, out = admin("POST", "/api/v1/clusters", fmt.Sprintf(`{"year": %d, "kind": "KHOI", "name": "Khối các cơ quan tổng hợp thử", "unit_id": %d,
			"leader_unit_id": %d, "deputy_unit_id": %d, "members": [{"unit_id": %d, "scorer_id": %d}, {"unit_id": %d, "scorer_id": %d}]}`,
			year, vp.ParentID, vp.ID, snv.ID, vp.ID, vpCouncil.ID, snv.ID, snvCouncil.ID))
		mustJSON(t, "create", code, out, http.StatusCreated, &c)
		base := fmt.Sprintf("/api/v1/clusters/%d", c.ID)

		// A member sees its cluster; the staff of a member's department too.
		if code, out := asSNV("GET", base, ""); code != 200 || !strings.Contains(out, "Sở Nội vụ") {
			t.Fatalf("member reads its cluster: %d %s", code, out)
		}
		if code, _, _ := e.apiDo(thidua.RoleStaff, "GET", base, ""); code != 200 {
			t.Fatalf("staff of a member's department: %d", code)
		}

		// The covenant, signed by each member's head, with its document.
		pdf := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n% giao uoc\n%%EOF\n"))
		covenant := func(sigs string) string {
			return fmt.Sprintf(`{"targets": "1. Hoàn thành 100%% nhiệm vụ được giao.\n2. Không có cán bộ, công chức vi phạm kỷ luật.", "signed_on": "15/01/%d",
				"signatures": [%s], "file": {"name": "giao-uoc-2026.pdf", "content_base64": %q}, "version": 0}`, year, sigs, pdf)
		}
		vpSig := fmt.Sprintf(`{"unit_id": %d, "signer": "Trần Quốc Bình", "signer_post": "Chánh Văn phòng"}`, vp.ID)
		snvSig := fmt.Sprintf(`{"unit_id": %d, "signer": "Nguyễn Văn An", "signer_post": "Giám đốc Sở Nội vụ"}`, snv.ID)
		if code, out := admin("PUT", base+"/covenant", covenant(vpSig)); code != 422 || !strings.Contains(out, "còn thiếu: Sở Nội vụ") {
			t.Fatalf("a member did not sign: %d %s", code, out)
		}
		if code, _ := admin("GET", base+"/covenant", ""); code != 404 {
			t.Fatalf("a refused covenant was stored: %d", code)
		}
		if code, out := admin("PUT", base+"/covenant", covenant(vpSig+", "+snvSig)); code != 200 {
			t.Fatalf("covenant: %d %s", code, out)
		}
		if code, out := asVP("GET", base+"/covenant", ""); code != 200 || !strings.Contains(out, `"signed_on": "2026-01-15"`) || !strings.Contains(out, "giao-uoc-2026.pdf") {
			t.Fatalf("member reads the covenant: %d %s", code, out)
		}

		// The year's review: a campaign whose participants are the members.
		code, out = admin("POST", base+"/review", fmt.Sprintf(`{"version": %d, "criteria": [
			{"code": "TC1", "title": "Hoàn thành nhiệm vụ được giao", "applies_to": "COLLECTIVE", "max_score": 60},
			{"code": "TC2", "title": "Kỷ luật, kỷ cương hành chính", "applies_to": "COLLECTIVE", "max_score": 40}]}`, c.Version))
		mustJSON(t, "review", code, out, 200, &c)
		camp := fmt.Sprintf("/api/v1/campaigns/%d", c.CampaignID)
		var regs struct {
			Items []struct {
				ID     int64 `json:"id"`
				UnitID int64 `json:"unit_id"`
				State  string
			} `json:"items"`
		}
		code, out = admin("GET", camp+"/registrations", "")
		mustJSON(t, "registrations", code, out, 200, &regs)
		reg := map[int64]int64{}
		for _, r := range regs.Items {
			reg[r.UnitID] = r.ID
		}
		if len(reg) != 2 || reg[vp.ID] == 0 || reg[snv.ID] == 0 {
			t.Fatalf("members registered: %s", out)
		}
		var crit struct {
			Version  int `json:"version"`
			Criteria []struct {
				ID int64 `json:"id"`
			} `json:"criteria"`
		}
		code, out = admin("GET", camp+"/criteria", "")
		mustJSON(t, "criteria", code, out, 200, &crit)
		score := func(call func(string, string, string) (int, string), unit int64, kind string, vals ...float64) {
			t.Helper()
			for i, v := range vals {
				code, out := call("PUT", fmt.Sprintf("/api/v1/registrations/%d/scores", reg[unit]),
					fmt.Sprintf(`{"criterion_id": %d, "kind": %q, "value": %v}`, crit.Criteria[i].ID, kind, v))
				if code != 200 {
					t.Fatalf("score %s of %d: %d %s", kind, unit, code, out)
				}
			}
		}
		officer := func(method, path, body string) (int, string) {
			code, _, out := e.apiDo(thidua.RoleOfficer, method, path, body)
			return code, out
		}
		score(officer, vp.ID, thidua.ScoreSelf, 60, 40) // the Office's officer for the Office
		score(admin, snv.ID, thidua.ScoreSelf, 60, 40)
		transition := func(action string) {
			t.Helper()
			var cur struct {
				Version int `json:"version"`
			}
			code, out := admin("GET", camp, "")
			mustJSON(t, "campaign", code, out, 200, &cur)
			if code, out := admin("POST", camp+"/transitions", fmt.Sprintf(`{"action": %q, "version": %d}`, action, cur.Version)); code != 200 {
				t.Fatalf("%s: %d %s", action, code, out)
			}
		}
		transition("evaluate")
		score(asVP, snv.ID, thidua.ScoreCouncil, 50, 30)
		score(asSNV, vp.ID, thidua.ScoreCouncil, 58, 38)
		score(asVP, vp.ID, thidua.ScoreCouncil, 10, 10) // a member of itself: left out of the ranking

		if code, out := asVP("POST", base+"/votes", fmt.Sprintf(`{"voter_unit_id": %d, "candidate_unit_id": %d}`, vp.ID, vp.ID)); code != 422 {
			t.Fatalf("vote before the review closed: %d %s", code, out)
		}
		transition("close")
		var rk struct {
			Results []struct {
				Rank         int     `json:"rank"`
				Total        float64 `json:"total"`
				Registration struct {
					UnitID int64 `json:"unit_id"`
				} `json:"registration"`
			} `json:"results"`
		}
		code, out = asSNV("GET", base+"/ranking", "")
		mustJSON(t, "ranking", code, out, 200, &rk)
		if len(rk.Results) != 2 || rk.Results[0].Registration.UnitID != vp.ID || rk.Results[0].Total != 96 || rk.Results[1].Total != 80 {
			t.Fatalf("ranking: %s", out)
		}

		// The members' recorded vote.
		if code, out := asSNV("POST", base+"/votes", fmt.Sprintf(`{"voter_unit_id": %d, "candidate_unit_id": %d}`, vp.ID, vp.ID)); code != 403 {
			t.Fatalf("a member votes for another member: %d %s", code, out)
		}
		if code, out := admin("POST", base+"/conclude", fmt.Sprintf(`{"decided_on": "20/12/%d", "version": %d}`, year, c.Version)); code != 422 || !strings.Contains(out, "quá nửa") {
			t.Fatalf("conclude without votes: %d %s", code, out)
		}
		for _, v := range []struct {
			call  func(string, string, string) (int, string)
			voter int64
		}{{asVP, vp.ID}, {asSNV, snv.ID}} {
			if code, out := v.call("POST", base+"/votes", fmt.Sprintf(`{"voter_unit_id": %d, "candidate_unit_id": %d}`, v.voter, vp.ID)); code != 200 {
				t.Fatalf("vote: %d %s", code, out)
			}
		}
		code, out = admin("POST", base+"/conclude", fmt.Sprintf(`{"decided_on": "20/12/%d", "version": %d}`, year, c.Version))
		mustJSON(t, "conclude", code, out, 200, &c)
		if c.LeadingUnitID != vp.ID {
			t.Fatalf("leading unit %d, want %d", c.LeadingUnitID, vp.ID)
		}

		// The engine reads the leading unit for Cờ thi đua của UBND tỉnh.
		ctt := func(unit int64) rules.Verdict {
			t.Helper()
			var el struct {
				Verdicts []rules.Verdict `json:"verdicts"`
			}
			code, out := admin("GET", fmt.Sprintf("/api/v1/units/%d/eligibility?year=%d&as_of=31/12/%d", unit, year, year), "")
			mustJSON(t, "eligibility", code, out, 200, &el)
			for _, v := range el.Verdicts {
				if v.Award == "CTT" {
					return v
				}
			}
			t.Fatalf("no CTT verdict: %s", out)
			return rules.Verdict{}
		}
		cond := func(v rules.Verdict) rules.Condition {
			for _, c := range v.Conditions {
				if c.Rule == "R-CTT-01" && c.Point == "a" {
					return c
				}
			}
			b, _ := json.Marshal(v)
			t.Fatalf("no R-CTT-01 (a): %s", b)
			return rules.Condition{}
		}
		lead, other := cond(ctt(vp.ID)), cond(ctt(snv.ID))
		if lead.Met == nil || !*lead.Met || len(lead.Facts) == 0 || lead.Facts[0].Name != "leads_cluster" {
			t.Fatalf("leading unit: %+v", lead)
		}
		if other.Met == nil || *other.Met {
			t.Fatalf("the other member: %+v", other)
		}
		if !strings.Contains(lead.Citation, "Điều 26") {
			t.Fatalf("citation %q", lead.Citation)
		}
	})
}
