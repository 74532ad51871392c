package web_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/ballot"
	"thidua/demo"
	"thidua/ladder"
	"thidua/web"
	"thidua/web/api"
)

// This file carries a Bằng khen của Chủ tịch UBND tỉnh up the ladder
// through the JSON API on both databases: from a department of Văn phòng
// UBND tỉnh through the office's council, forwarded in one action to the
// province, received, returned with a reason and sent again, appraised,
// voted by the provincial council and decided by the provincial chairman
// in the province's register, ending in the person's award history. The
// Giấy khen of the same proposal is decided at the office and never
// leaves it, and the province sees what was submitted to it, not the
// office's drafts and votes.

// as calls the API as any demo account by username.
func (e *testEnv) as(username string) func(method, path, body string) (int, string) {
	e.t.Helper()
	for _, a := range slices.Concat(demo.CouncilAccounts, demo.ProvinceAccounts) {
		if a.Username == username {
			return func(method, path, body string) (int, string) {
				return e.apiAs(a.Username, a.Password, method, path, body)
			}
		}
	}
	for role, a := range e.Accounts {
		if a.Username == username {
			return func(method, path, body string) (int, string) {
				code, _, out := e.apiDo(role, method, path, body)
				return code, out
			}
		}
	}
	e.t.Fatalf("no demo account %s", username)
	return nil
}

// officeCouncils lists the office's council alone (the demo also has the
// provincial council).
func (e *testEnv) officeCouncils() []*thidua.Council {
	e.t.Helper()
	cs, err := e.DB.FindCouncils(sysCtx())
	if err != nil {
		e.t.Fatal(err)
	}
	return slices.DeleteFunc(cs, func(c *thidua.Council) bool { return c.Name != demo.CouncilName })
}

// vote runs a council meeting on agenda through the API: attendance by
// the secretary, every voter agrees, the secretary closes, two trustees
// decrypt. It returns the meeting's ID.
func (e *testEnv) vote(t *testing.T, officer, secretary string, councilID int64, agenda []int64, voters, trustees []string) int64 {
	t.Helper()
	today := thidua.DateOf(time.Now())
	ab, _ := json.Marshal(agenda)
	var m api.MeetingDetail
	code, out := e.as(officer)("POST", fmt.Sprintf("/api/v1/councils/%d/meetings", councilID),
		fmt.Sprintf(`{"title": "Phiên họp xét khen thưởng", "date": %q, "place": "Phòng họp", "agenda": %s}`, today.ISO(), ab))
	mustJSON(t, "meeting", code, out, 201, &m)
	mpath := fmt.Sprintf("/api/v1/meetings/%d", m.ID)
	var present []int64
	for _, v := range voters {
		present = append(present, e.userID(v))
	}
	pb, _ := json.Marshal(present)
	code, out = e.as(secretary)("PUT", mpath+"/attendance", fmt.Sprintf(`{"present": %s, "version": %d}`, pb, m.Version))
	mustJSON(t, "attendance", code, out, 200, &m)
	// Open: its tasks lead to pages that answer, and only at its level.
	tasks := e.everyTaskOpens(t, "meeting open")
	other := map[string]string{"thiduakt": "thiduatinh", "thiduatinh": "thiduakt"}[officer]
	if !slices.Contains(tasks[officer], fmt.Sprintf("/app/meetings/%d", m.ID)) {
		t.Errorf("%s has no task to close meeting %d: %v", officer, m.ID, tasks[officer])
	}
	if slices.ContainsFunc(tasks[other], func(u string) bool { return strings.HasPrefix(u, fmt.Sprintf("/app/meetings/%d", m.ID)) }) {
		t.Errorf("%s has a task for the other level's meeting %d: %v", other, m.ID, tasks[other])
	}
	choices := map[int64]string{}
	for _, id := range agenda {
		choices[id] = thidua.VoteAgree
	}
	cb, _ := json.Marshal(map[string]any{"choices": choices})
	for _, v := range voters {
		code, out = e.as(v)("POST", mpath+"/votes", string(cb))
		mustJSON(t, v+" votes", code, out, 200, nil)
	}
	code, out = e.as(secretary)("GET", mpath, "")
	mustJSON(t, "meeting", code, out, 200, &m)
	code, out = e.as(secretary)("POST", mpath+"/close", fmt.Sprintf(`{"version": %d}`, m.Version))
	mustJSON(t, "close", code, out, 200, &m)
	for _, u := range trustees {
		code, share := e.as(u)("POST", mpath+"/share", `{"confirm": true}`)
		mustJSON(t, u+" share", code, share, 200, nil)
		code, rec := e.as(u)("GET", mpath+"/record", "")
		mustJSON(t, "record", code, rec, 200, nil)
		partial, err := ballot.DecryptShare(strings.NewReader(rec), strings.NewReader(share))
		if err != nil {
			t.Fatal(err)
		}
		pb, _ := json.Marshal(partial)
		code, out = e.as(u)("POST", mpath+"/partials", string(pb))
		mustJSON(t, u+" partial", code, out, 200, &m)
	}
	if m.State != thidua.MeetingClosed {
		t.Fatalf("meeting state %s after the partials", m.State)
	}
	return m.ID
}

func TestLadderAPI(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		doc := oaFetch(t, e)
		head, office, province := e.as("truongphonghc"), e.as("thiduakt"), e.as("thiduatinh")
		hctc := e.unitByName("Phòng Hành chính – Tổ chức")
		root := e.unitByName("Ủy ban nhân dân tỉnh")
		dat, ha := e.personByName("Bùi Văn Đạt"), e.personByName("Đặng Thị Thu Hà")
		today := thidua.DateOf(time.Now())

		// Authority as data: the office's head decides the Giấy khen, the
		// provincial chairman the Bằng khen, each with its citation.
		var auths api.Items[ladder.Authority]
		code, out := province("GET", "/api/v1/authorities", "")
		mustJSON(t, "authorities", code, out, 200, &auths)
		conforms(t, doc, "authorities", out, "AuthorityList")
		gk, _ := ladder.Lookup(thidua.FormGK, "default", today)
		bk, _ := ladder.Lookup(thidua.FormBKCT, "default", today)
		if gk.Level != ladder.LevelAgency || gk.Rule != "R-AUTH-01" || bk.Level != ladder.LevelProvince || bk.Post != "Chủ tịch UBND tỉnh" || !bk.NeedsReview() || len(auths.Items) < 3 {
			t.Fatalf("authorities: GK %+v, BKCT %+v, %d listed", gk, bk, len(auths.Items))
		}
		if code, _ = province("GET", "/api/v1/authorities?date=31/02/2025", ""); code != 422 {
			t.Errorf("impossible date: %d", code)
		}

		// ---- the department proposes to its agency
		var low thidua.Proposal
		code, out = head("POST", "/api/v1/proposals", fmt.Sprintf(`{"unit_id": %d, "kind": "CONG_TRANG", "year": 2025,
			"title": "Tờ trình đề nghị khen thưởng tổng kết năm 2025"}`, hctc.ID))
		mustJSON(t, "create", code, out, 201, &low)
		lowPath := fmt.Sprintf("/api/v1/proposals/%d", low.ID)
		reason := "Có thành tích xuất sắc trong năm 2025."
		code, out = head("PUT", lowPath+"/nominees", fmt.Sprintf(`{"version": %d, "nominees": [
			{"subject": "PERSON", "subject_id": %d, "award": "GK", "override": %q},
			{"subject": "PERSON", "subject_id": %d, "award": "BKCT", "override": %q, "report": {"achievements": "Tham mưu tổng kết công tác năm."}}]}`,
			low.Version, dat.ID, reason, ha.ID, reason))
		mustJSON(t, "nominees", code, out, 200, &low)
		// A dossier file the forward carries up under the same stored key.
		pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
		headWeb, officeWeb := e.login(thidua.RoleUnitHead), e.login(thidua.RoleOfficer)
		if resp, _ := postFile(t, e, headWeb, low.ID, "BIEN_BAN", "Báo cáo thành tích.pdf", pdf); resp.StatusCode != 303 {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		code, out = head("GET", lowPath, "")
		mustJSON(t, "get", code, out, 200, &low)
		code, out = head("POST", lowPath+"/submit", fmt.Sprintf(`{"version": %d}`, low.Version))
		mustJSON(t, "submit", code, out, 200, &low)

		// The inbox follows the same rule: the office receives it, the
		// province has no task for it, every task opens.
		tasks := e.everyTaskOpens(t, "submitted")
		if lowURL := fmt.Sprintf("/app/proposals/%d", low.ID); !slices.Contains(tasks["thiduakt"], lowURL) || slices.Contains(tasks["thiduatinh"], lowURL) {
			t.Errorf("tasks for the office's internal proposal: office %v, province %v", tasks["thiduakt"], tasks["thiduatinh"])
		}

		// The province's grant covers the office's subtree, but the
		// office's proposal is not addressed to it: not seen, not received.
		if code, _ = province("GET", lowPath, ""); code != 404 {
			t.Errorf("the province reads the office's internal proposal: %d", code)
		}
		if code, _ = province("POST", lowPath+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, low.Version)); code != 404 {
			t.Errorf("the province receives the office's internal proposal: %d", code)
		}
		// The province lists only what was sent to it: the demo's own
		// forwarded Bằng khen (demo/ladder.go), none of the office's drafts.
		var list api.List[*thidua.Proposal]
		code, out = province("GET", "/api/v1/proposals", "")
		mustJSON(t, "province's list", code, out, 200, &list)
		var before []int64
		for _, p := range list.Items {
			if p.FromProposalID == 0 || p.ToUnitID != root.ID || p.State == thidua.ProposalDraft {
				t.Errorf("the province lists a proposal not sent to it: %+v", p)
			}
			before = append(before, p.ID)
		}
		if list.Total != 1 || len(before) != 1 {
			t.Errorf("the province lists %d proposals, want the demo's one sent to it", list.Total)
		}

		// ---- the office receives, appraises, its council votes
		code, out = office("POST", lowPath+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, low.Version))
		mustJSON(t, "receive", code, out, 200, &low)
		for _, n := range low.Nominees {
			code, out = office("POST", fmt.Sprintf("/api/v1/nominees/%d/confirm", n.ID), `{"confirmed": true, "appraisal": "Đạt."}`)
			mustJSON(t, "confirm", code, out, 204, nil)
		}
		for _, a := range []string{"appraise", "to_council"} {
			code, out = office("GET", lowPath, "")
			mustJSON(t, "get", code, out, 200, &low)
			code, out = office("POST", lowPath+"/transitions", fmt.Sprintf(`{"action": %q, "version": %d}`, a, low.Version))
			mustJSON(t, a, code, out, 200, &low)
		}
		var councils api.Items[*thidua.Council]
		code, out = province("GET", "/api/v1/councils", "")
		mustJSON(t, "province's councils", code, out, 200, &councils)
		if len(councils.Items) != 1 || councils.Items[0].Name != demo.ProvinceCouncilName {
			t.Fatalf("the province sees councils %+v", councils.Items)
		}
		provinceCouncil := *councils.Items[0]
		code, out = office("GET", "/api/v1/councils", "")
		mustJSON(t, "office's councils", code, out, 200, &councils)
		if len(councils.Items) != 1 || councils.Items[0].Name != demo.CouncilName {
			t.Fatalf("the office sees councils %+v", councils.Items)
		}
		var agenda []int64
		for _, n := range low.Nominees {
			agenda = append(agenda, n.ID)
		}
		// The province cannot put the office's nominees before its council.
		ab, _ := json.Marshal(agenda)
		if code, out = province("POST", fmt.Sprintf("/api/v1/councils/%d/meetings", provinceCouncil.ID),
			fmt.Sprintf(`{"title": "x", "date": %q, "place": "x", "agenda": %s}`, today.ISO(), ab)); code != 422 {
			t.Errorf("the province's council takes the office's nominees: %d %s", code, out)
		}
		lowMeeting := e.vote(t, "thiduakt", "thukyhd", councils.Items[0].ID, agenda,
			[]string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1", "uyvienhd2"}, []string{"chutichhd", "thukyhd"})
		for _, path := range []string{"", "/tally", "/record"} {
			if code, _ = province("GET", fmt.Sprintf("/api/v1/meetings/%d%s", lowMeeting, path), ""); code != 404 {
				t.Errorf("the province reads the office's vote %q: %d", path, code)
			}
		}

		// Nor set up a council of the office: it is the office's own.
		officeCouncil := councils.Items[0]
		if code, out = province("POST", "/api/v1/councils", fmt.Sprintf(`{"unit_id": %d, "name": "Hội đồng khác", "from": %q, "to": %q, "members": [{"user_id": %d, "role": "CHAIR"}]}`,
			officeCouncil.UnitID, today.ISO(), thidua.NewDate(today.Year()+1, 12, 31).ISO(), officeCouncil.Members[0].UserID)); code != 403 {
			t.Errorf("the province makes a council for the office: %d %s", code, out)
		}
		if code, _ = province("PUT", fmt.Sprintf("/api/v1/councils/%d", officeCouncil.ID), `{"name": "x"}`); code != 404 {
			t.Errorf("the province changes the office's council: %d", code)
		}
		code, out = office("GET", "/api/v1/councils", "")
		mustJSON(t, "office's councils", code, out, 200, &councils)
		if len(councils.Items) != 1 {
			t.Errorf("the office has councils %+v", councils.Items)
		}

		// ---- the office decides the Giấy khen; the Bằng khen is not its to decide
		var d thidua.Decision
		code, out = office("POST", fmt.Sprintf("/api/v1/meetings/%d/decision", lowMeeting), fmt.Sprintf(`{"issuer": "VPUBND", "year": %d, "place": "Hà Nội",
			"title": "Về việc tặng Giấy khen", "authority": "CHÁNH VĂN PHÒNG UBND TỈNH", "signer": {"authority": "", "on_behalf": "", "post": "CHÁNH VĂN PHÒNG", "name": "Trần Quốc Bình"}}`, today.Year()))
		mustJSON(t, "office's draft", code, out, 201, &d)
		// The office's draft is internal: the province's grant covers the
		// office's subtree but does not reveal it; the issued act it sees.
		dPath := fmt.Sprintf("/api/v1/decisions/%d", d.ID)
		if code, _ = province("GET", dPath, ""); code != 404 {
			t.Errorf("the province reads the office's draft decision: %d", code)
		}
		var decisions api.List[*thidua.Decision]
		code, out = province("GET", "/api/v1/decisions", "")
		mustJSON(t, "province's decisions", code, out, 200, &decisions)
		if slices.ContainsFunc(decisions.Items, func(x *thidua.Decision) bool { return x.ID == d.ID }) {
			t.Errorf("the province lists the office's draft decision")
		}
		if code, _ = province("POST", dPath+"/issue", fmt.Sprintf(`{"date": %q, "version": %d}`, today.String(), d.Version)); code != 404 && code != 403 {
			t.Errorf("the province issues the office's draft decision: %d", code)
		}
		if len(d.Recipients) != 1 || d.Recipients[0].Award != thidua.FormGK || d.Recipients[0].SubjectID != dat.ID {
			t.Fatalf("the office's decision gives %+v, want only the Giấy khen", d.Recipients)
		}
		code, out = office("POST", fmt.Sprintf("/api/v1/decisions/%d/issue", d.ID), fmt.Sprintf(`{"date": %q, "version": %d}`, today.String(), d.Version))
		mustJSON(t, "office's issue", code, out, 200, &d)
		if !strings.HasSuffix(d.Ref(), "/QĐ-VPUBND") {
			t.Errorf("office's decision %s", d.Ref())
		}
		if code, _ = province("GET", dPath, ""); code != 200 {
			t.Errorf("the province reads the office's issued decision: %d", code)
		}

		// ---- one action: forwarded to the province
		var view ladder.View
		code, out = office("GET", lowPath+"/ladder", "")
		mustJSON(t, "ladder", code, out, 200, &view)
		conforms(t, doc, "ladder", out, "ProposalLadder")
		if view.Receiver.UnitName != "Văn phòng UBND tỉnh" || view.Above == nil || view.Above.UnitID != root.ID || !view.Forwardable || len(view.Nominees) != 2 {
			t.Fatalf("office's ladder view %+v", view)
		}
		code, out = office("GET", lowPath, "")
		mustJSON(t, "get", code, out, 200, &low)
		if code, _ = head("POST", lowPath+"/forward", fmt.Sprintf(`{"version": %d}`, low.Version)); code != 403 {
			t.Errorf("the department's head forwards: %d", code)
		}
		if code, _ = office("POST", lowPath+"/forward", fmt.Sprintf(`{"version": %d}`, low.Version-1)); code != 409 {
			t.Errorf("stale forward: %d", code)
		}
		var up thidua.Proposal
		code, out = office("POST", lowPath+"/forward", fmt.Sprintf(`{"version": %d}`, low.Version))
		mustJSON(t, "forward", code, out, 201, &up)
		conforms(t, doc, "forwarded", out, "Proposal")
		if up.State != thidua.ProposalSubmitted || up.ToUnitID != root.ID || up.FromProposalID != low.ID || up.UnitName != "Văn phòng UBND tỉnh" ||
			len(up.Nominees) != 1 || up.Nominees[0].Award != thidua.FormBKCT || up.Nominees[0].SubjectID != ha.ID || up.Nominees[0].Verdict == "" {
			t.Fatalf("forwarded %+v", up)
		}
		if code, _ = office("POST", lowPath+"/forward", fmt.Sprintf(`{"version": %d}`, low.Version+1)); code != 409 && code != 422 {
			t.Errorf("second forward: %d", code)
		}
		upPath := fmt.Sprintf("/api/v1/proposals/%d", up.ID)
		tasks = e.everyTaskOpens(t, "forwarded")
		if upURL := fmt.Sprintf("/app/proposals/%d", up.ID); !slices.Contains(tasks["thiduatinh"], upURL) || slices.Contains(tasks["thiduakt"], upURL) {
			t.Errorf("tasks for the forwarded proposal: province %v, office %v", tasks["thiduatinh"], tasks["thiduakt"])
		}

		// ---- the province sees what was submitted to it, and only that
		code, out = province("GET", "/api/v1/proposals", "")
		mustJSON(t, "province's list", code, out, 200, &list)
		var ids []int64
		for _, p := range list.Items {
			ids = append(ids, p.ID)
		}
		slices.Sort(ids)
		if want := slices.Sorted(slices.Values(append(slices.Clone(before), up.ID))); list.Total != len(want) || !slices.Equal(ids, want) {
			t.Fatalf("the province lists %v, want %v", ids, want)
		}
		if code, _ = province("GET", lowPath, ""); code != 404 {
			t.Errorf("the province reads the lower proposal: %d", code)
		}
		code, out = province("GET", upPath+"/ladder", "")
		mustJSON(t, "province's ladder", code, out, 200, &view)
		if view.Carried == nil || len(view.Carried.Meetings) != 1 || len(view.Carried.Meetings[0].Tally) != 1 || !view.Carried.Meetings[0].Tally[0].Passed ||
			view.Carried.Meetings[0].Members != 5 || len(view.Carried.Verdicts) != 1 || view.AppraisalLimit != "không quy định" || view.Receiver.UnitID != root.ID {
			t.Fatalf("province's ladder view %+v carried %+v", view, view.Carried)
		}
		if code, _ = office("POST", upPath+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, up.Version)); code != 403 {
			t.Errorf("the office receives its own proposal to the province: %d", code)
		}

		// ---- receive, return with a reason, sent again
		code, out = province("POST", upPath+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, up.Version))
		mustJSON(t, "province receives", code, out, 200, &up)
		code, out = province("POST", upPath+"/transitions", fmt.Sprintf(`{"action": "return", "note": "Bổ sung báo cáo thành tích có xác nhận.", "version": %d}`, up.Version))
		mustJSON(t, "province returns", code, out, 200, &up)
		if up.State != thidua.ProposalReturned || up.Reason == "" {
			t.Fatalf("returned %+v", up)
		}
		if code, _ = province("GET", upPath, ""); code != 200 {
			t.Errorf("the province reads what it returned: %d", code)
		}
		// Deleting the upper copy of a carried file keeps the lower one's bytes.
		lowFiles, _ := e.DB.FindProposalFiles(sysCtx(), low.ID)
		upFiles, _ := e.DB.FindProposalFiles(sysCtx(), up.ID)
		if len(lowFiles) != 1 || len(upFiles) != 1 || upFiles[0].Key != lowFiles[0].Key {
			t.Fatalf("carried files: lower %+v, upper %+v", lowFiles, upFiles)
		}
		if resp, _ := e.postForm(officeWeb, fmt.Sprintf("/app/proposal-files/%d/delete", upFiles[0].ID), nil); resp.StatusCode != 303 {
			t.Fatalf("delete the upper copy: %d", resp.StatusCode)
		}
		if upFiles, _ = e.DB.FindProposalFiles(sysCtx(), up.ID); len(upFiles) != 0 {
			t.Fatalf("upper files after delete: %+v", upFiles)
		}
		if code, got := e.get(officeWeb, fmt.Sprintf("/app/proposal-files/%d", lowFiles[0].ID)); code != 200 || got != string(pdf) {
			t.Fatalf("the lower proposal's file after the upper copy's delete: %d %q", code, got)
		}
		// Deleting the last reference removes the stored bytes.
		if resp, _ := postFile(t, e, officeWeb, up.ID, "BIEN_BAN", "Bổ sung.pdf", pdf); resp.StatusCode != 303 {
			t.Fatalf("upload to the returned proposal: %d", resp.StatusCode)
		}
		if upFiles, _ = e.DB.FindProposalFiles(sysCtx(), up.ID); len(upFiles) != 1 {
			t.Fatalf("upper files after upload: %+v", upFiles)
		}
		if resp, _ := e.postForm(officeWeb, fmt.Sprintf("/app/proposal-files/%d/delete", upFiles[0].ID), nil); resp.StatusCode != 303 {
			t.Fatalf("delete the upper file: %d", resp.StatusCode)
		}
		if _, err := e.DB.Files().Get(sysCtx(), upFiles[0].Key); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("the last reference's bytes after delete: %v", err)
		}
		if _, err := e.DB.Files().Get(sysCtx(), lowFiles[0].Key); err != nil {
			t.Errorf("the lower proposal's stored bytes: %v", err)
		}
		code, out = office("POST", upPath+"/submit", fmt.Sprintf(`{"version": %d}`, up.Version))
		mustJSON(t, "sent again", code, out, 200, &up)

		// ---- appraisal and the provincial council
		code, out = province("POST", upPath+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, up.Version))
		mustJSON(t, "province receives again", code, out, 200, &up)
		code, out = province("POST", fmt.Sprintf("/api/v1/nominees/%d/confirm", up.Nominees[0].ID), `{"confirmed": true, "appraisal": "Đủ điều kiện theo hồ sơ."}`)
		mustJSON(t, "province confirms", code, out, 204, nil)
		for _, a := range []string{"appraise", "to_council"} {
			code, out = province("GET", upPath, "")
			mustJSON(t, "get", code, out, 200, &up)
			code, out = province("POST", upPath+"/transitions", fmt.Sprintf(`{"action": %q, "version": %d}`, a, up.Version))
			mustJSON(t, a, code, out, 200, &up)
		}
		upMeeting := e.vote(t, "thiduatinh", "thukyhdtinh", provinceCouncil.ID, []int64{up.Nominees[0].ID},
			[]string{"chutichtinh", "truongbantdkt", "giamdocstp", "giamdocstc"}, []string{"chutichtinh", "thukyhdtinh"})

		// ---- the province's register and signer; the chairman's decision
		var o ladder.Office
		code, out = province("GET", fmt.Sprintf("/api/v1/units/%d/office", root.ID), "")
		mustJSON(t, "office", code, out, 200, &o)
		conforms(t, doc, "office", out, "LevelOffice")
		if o.Issuer != "UBND" || o.Stored || o.Authority != "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" {
			t.Fatalf("province's default office %+v", o)
		}
		if code, out = province("PUT", fmt.Sprintf("/api/v1/units/%d/office", root.ID), `{"issuer": "ubnd tỉnh", "authority": "", "signer": {"authority": "", "on_behalf": "", "post": "", "name": ""}, "version": 0}`); code != 422 ||
			!strings.Contains(out, "issuer") || !strings.Contains(out, "signer.name") {
			t.Errorf("bad office: %d %s", code, out)
		}
		if code, _ = office("PUT", fmt.Sprintf("/api/v1/units/%d/office", root.ID), `{"issuer": "UBND", "authority": "X", "signer": {"authority": "", "on_behalf": "", "post": "CHỦ TỊCH", "name": "X"}, "version": 0}`); code != 403 && code != 404 {
			t.Errorf("the office sets the province's register: %d", code)
		}
		code, out = province("PUT", fmt.Sprintf("/api/v1/units/%d/office", root.ID), `{"issuer": "UBND", "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
			"signer": {"authority": "", "on_behalf": "", "post": "CHỦ TỊCH", "name": "Hà Văn Nghĩa"}, "version": 0}`)
		mustJSON(t, "set office", code, out, 200, &o)
		sb, _ := json.Marshal(o.Signer)
		code, out = province("POST", fmt.Sprintf("/api/v1/meetings/%d/decision", upMeeting), fmt.Sprintf(`{"issuer": %q, "year": %d, "place": "Hà Nội",
			"title": "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh", "authority": %q, "signer": %s}`, o.Issuer, today.Year(), o.Authority, sb))
		mustJSON(t, "province's draft", code, out, 201, &d)
		if len(d.Recipients) != 1 || d.Recipients[0].Award != thidua.FormBKCT || d.UnitID != root.ID {
			t.Fatalf("province's draft %+v", d)
		}
		code, out = province("POST", fmt.Sprintf("/api/v1/decisions/%d/issue", d.ID), fmt.Sprintf(`{"date": %q, "version": %d}`, today.String(), d.Version))
		mustJSON(t, "province's issue", code, out, 200, &d)
		ref := d.Ref()
		if !strings.HasSuffix(ref, "/QĐ-UBND") {
			t.Errorf("the chairman's decision is numbered %s, want …/QĐ-UBND", ref)
		}

		// ---- the award in the person's history; both timelines
		var h thidua.SubjectHistory
		code, out = office("GET", fmt.Sprintf("/api/v1/people/%d/history", ha.ID), "")
		mustJSON(t, "history", code, out, 200, &h)
		if !slices.ContainsFunc(h.History.Awards, func(a thidua.Award) bool { return a.Code == thidua.FormBKCT && a.Decision == ref }) {
			t.Errorf("Đặng Thị Thu Hà's history has no %s: %+v", ref, h.History.Awards)
		}
		code, out = office("GET", fmt.Sprintf("/api/v1/people/%d/history", dat.ID), "")
		mustJSON(t, "history", code, out, 200, &h)
		if slices.ContainsFunc(h.History.Awards, func(a thidua.Award) bool { return strings.HasSuffix(a.Decision, "/QĐ-UBND") && a.Date == today }) ||
			!slices.ContainsFunc(h.History.Awards, func(a thidua.Award) bool {
				return a.Code == thidua.FormGK && strings.HasSuffix(a.Decision, "/QĐ-VPUBND")
			}) {
			t.Errorf("the Giấy khen left the office: %+v", h.History.Awards)
		}
		var events api.Items[thidua.ProposalEvent]
		code, out = head("GET", lowPath+"/timeline", "")
		mustJSON(t, "lower timeline", code, out, 200, &events)
		var actions []string
		for _, ev := range events.Items {
			actions = append(actions, ev.Action)
		}
		joined := strings.Join(actions, " ")
		if !strings.Contains(joined, "decide forward") || !strings.Contains(joined, "up_receive up_return up_submit up_receive up_appraise up_to_council up_decide") ||
			!strings.Contains(events.Items[len(events.Items)-1].Note, ref) {
			t.Errorf("the lower timeline: %s (last %+v)", joined, events.Items[len(events.Items)-1])
		}
		code, out = province("GET", upPath+"/timeline", "")
		mustJSON(t, "upper timeline", code, out, 200, &events)
		if len(events.Items) < 8 || events.Items[len(events.Items)-1].Action != "decide" {
			t.Errorf("the upper timeline: %+v", events.Items)
		}
		code, out = office("GET", upPath, "")
		mustJSON(t, "office reads the upper proposal", code, out, 200, &up)
		code, out = office("GET", lowPath+"/ladder", "")
		mustJSON(t, "office's ladder", code, out, 200, &view)
		if up.State != thidua.ProposalDecided || len(view.Steps) != 2 || view.Steps[1].State != thidua.ProposalDecided || view.Forwardable {
			t.Errorf("the office's view of the climb: %s %+v", up.State, view)
		}
	})
}

// ladderAuthz are the rows of authzRules for the ladder's routes.
var ladderAuthz = map[string]authzRule{
	"GET /app/proposals/{id}/ladder":      {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/proposals/{id}/forward":    {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /app/units/{id}/office":          {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /app/units/{id}/office":         {access: web.SignedIn, perm: permCampaigns, id: idMissing, ok: []int{404}},
	"GET /api/v1/proposals/{id}/ladder":   {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"POST /api/v1/proposals/{id}/forward": {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{404}},
	"GET /api/v1/authorities":             {access: web.SignedIn, perm: permView, ok: []int{200}},
	"GET /api/v1/units/{id}/office":       {access: web.SignedIn, perm: permView, id: idMissing, ok: []int{404}},
	"PUT /api/v1/units/{id}/office":       {access: web.SignedIn, perm: permCampaigns, id: idMissing, body: `{}`, ok: []int{422}},
}

func init() {
	for k, v := range ladderAuthz {
		authzRules[k] = v
	}
}
