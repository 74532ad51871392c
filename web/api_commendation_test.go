package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/ballot"
	"thidua/demo"
	"thidua/web"
	"thidua/web/api"
	"thidua/web/kit"
)

// This file runs the commendation workflow through the JSON API on both
// databases: a proposal from the campaign's shortlist submitted with the
// server's eligibility checks, appraisal, two council meetings with secret
// ballots, closes and tallies, and two decisions issued at the same moment
// that get consecutive numbers.

// apiAs sends a JSON request with HTTP Basic auth as any account.
func (e *testEnv) apiAs(username, password, method, path, body string) (int, string) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.HTTP.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.SetBasicAuth(username, password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// councilAPI calls the API as a demo council account.
func (e *testEnv) councilAPI(username, method, path, body string) (int, string) {
	e.t.Helper()
	if username == "hoidong" {
		code, _, out := e.apiDo(thidua.RoleCouncil, method, path, body)
		return code, out
	}
	for _, a := range demo.CouncilAccounts {
		if a.Username == username {
			return e.apiAs(a.Username, a.Password, method, path, body)
		}
	}
	e.t.Fatalf("no council account %s", username)
	return 0, ""
}

// mustJSON decodes out into v after checking the status.
func mustJSON(t *testing.T, what string, code int, out string, want int, v any) {
	t.Helper()
	if code != want {
		t.Fatalf("%s: %d, want %d: %s", what, code, want, out)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(out), v); err != nil {
			t.Fatalf("%s: %v: %s", what, err, out)
		}
	}
}

// conforms checks an answer against its documented schema.
func conforms(t *testing.T, d *oaDoc, what, out, schema string) {
	t.Helper()
	var v any
	json.Unmarshal([]byte(out), &v)
	for _, msg := range oaConform(d, what, v, oaObj(d.root, "components", "schemas", schema)) {
		t.Errorf("%s", msg)
	}
}

func TestCommendationAPI(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		doc := oaFetch(t, e)
		head := func(method, path, body string) (int, string) {
			code, _, out := e.apiDo(thidua.RoleUnitHead, method, path, body)
			return code, out
		}
		officer := func(method, path, body string) (int, string) {
			code, _, out := e.apiDo(thidua.RoleOfficer, method, path, body)
			return code, out
		}
		camp := e.demoCampaign()
		hctc := e.unitByName("Phòng Hành chính – Tổ chức")
		luc := e.personByName("Hồ Văn Lực")
		today := thidua.DateOf(time.Now())

		// ---- proposal
		var p thidua.Proposal
		code, out := head("POST", "/api/v1/proposals", fmt.Sprintf(`{"unit_id": %d, "campaign_id": %d, "kind": "PHONG_TRAO", "year": 2021,
			"title": "Tờ trình đề nghị khen thưởng Đợt thi đua bầu cử", "ref": "12/TTr-HCTC"}`, hctc.ID, camp.ID))
		mustJSON(t, "create", code, out, 201, &p)
		conforms(t, doc, "created proposal", out, "Proposal")
		if p.State != thidua.ProposalDraft || p.Ref.String() != "12/TTr-HCTC" || p.Nominees == nil {
			t.Fatalf("created %+v", p)
		}
		code, out = head("POST", "/api/v1/proposals", `{"kind": "PHONG_TRAO", "year": 2021, "title": "x", "unit_id": 0}`)
		if code != 422 || !strings.Contains(out, "campaign_id") || !strings.Contains(out, "unit_id") {
			t.Errorf("invalid proposal: %d %s", code, out)
		}
		base := fmt.Sprintf("/api/v1/proposals/%d", p.ID)
		code, out = head("POST", base+"/shortlist", fmt.Sprintf(`{"award": "GK", "top": 3, "version": %d}`, p.Version))
		mustJSON(t, "shortlist", code, out, 200, &p)
		if len(p.Nominees) < 4 || p.Nominees[0].Subject != thidua.SubjectUnit {
			t.Fatalf("shortlist top 3: %d nominees", len(p.Nominees))
		}
		code, out = head("POST", base+"/shortlist", fmt.Sprintf(`{"award": "HCLD1", "version": %d}`, p.Version))
		if code != 422 || !strings.Contains(out, `"award"`) {
			t.Errorf("award not planned by the campaign: %d %s", code, out)
		}
		// Add Lực for CSTĐCS: not eligible, so the submit is blocked.
		var in api.NomineesInput
		in.Version = p.Version
		for _, n := range p.Nominees {
			in.Nominees = append(in.Nominees, api.NomineeInput{Subject: n.Subject, SubjectID: n.SubjectID, Award: n.Award, Report: n.Report, RegistrationID: n.RegistrationID})
		}
		in.Nominees = append(in.Nominees, api.NomineeInput{Subject: thidua.SubjectPerson, SubjectID: luc.ID, Award: thidua.TitleCSTDCS})
		b, _ := json.Marshal(in)
		code, out = head("PUT", base+"/nominees", string(b))
		mustJSON(t, "nominees", code, out, 200, &p)
		conforms(t, doc, "proposal with nominees", out, "Proposal")
		code, out = head("POST", base+"/submit", fmt.Sprintf(`{"version": %d}`, p.Version))
		var prob web.Problem
		mustJSON(t, "blocked submit", code, out, 422, &prob)
		if !strings.Contains(prob.Detail, "Hồ Văn Lực chưa đủ điều kiện Chiến sĩ thi đua cơ sở") || prob.Errors["nominees"] == "" {
			t.Errorf("blocked submit: %+v", prob)
		}
		in.Nominees[len(in.Nominees)-1].Override = "Có thành tích đặc biệt trong bảo đảm phương tiện phục vụ bầu cử."
		in.Version = p.Version
		b, _ = json.Marshal(in)
		code, out = head("PUT", base+"/nominees", string(b))
		mustJSON(t, "override", code, out, 200, &p)
		code, out = head("POST", base+"/submit", fmt.Sprintf(`{"version": %d}`, p.Version-1))
		mustJSON(t, "stale submit", code, out, 409, nil)
		code, out = head("POST", base+"/submit", fmt.Sprintf(`{"version": %d}`, p.Version))
		mustJSON(t, "submit", code, out, 200, &p)
		conforms(t, doc, "submitted proposal", out, "Proposal")
		if p.State != thidua.ProposalSubmitted {
			t.Fatalf("state %s", p.State)
		}
		for _, n := range p.Nominees {
			var v map[string]any
			if json.Unmarshal(n.VerdictJSON, &v) != nil || v["verdict"] != n.Verdict || v["award"] != n.Award {
				t.Errorf("%s: stored verdict %s", n.Name, n.VerdictJSON)
			}
		}
		code, _ = head("POST", base+"/submit", fmt.Sprintf(`{"version": %d}`, p.Version))
		if code != 409 && code != 422 {
			t.Errorf("double submit: %d", code)
		}
		code, _ = head("POST", base+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, p.Version))
		if code != 403 {
			t.Errorf("unit head receives: %d", code)
		}
		code, out = officer("POST", base+"/transitions", fmt.Sprintf(`{"action": "receive", "version": %d}`, p.Version))
		mustJSON(t, "receive", code, out, 200, &p)
		code, out = officer("POST", base+"/transitions", fmt.Sprintf(`{"action": "return", "version": %d}`, p.Version))
		if code != 422 || !strings.Contains(out, "lý do") {
			t.Errorf("return without a reason: %d %s", code, out)
		}
		for _, n := range p.Nominees {
			code, out = officer("POST", fmt.Sprintf("/api/v1/nominees/%d/confirm", n.ID), `{"confirmed": true, "appraisal": "Đạt: thành tích đã được Hội đồng cơ sở bình xét."}`)
			mustJSON(t, "confirm", code, out, 204, nil)
		}
		for _, a := range []string{"appraise", "to_council"} {
			code, out = officer("GET", base, "")
			mustJSON(t, "get", code, out, 200, &p)
			code, out = officer("POST", base+"/transitions", fmt.Sprintf(`{"action": %q, "version": %d}`, a, p.Version))
			mustJSON(t, a, code, out, 200, &p)
		}
		if p.State != thidua.ProposalCouncil {
			t.Fatalf("state %s", p.State)
		}
		var events api.Items[thidua.ProposalEvent]
		code, out = head("GET", base+"/timeline", "")
		mustJSON(t, "timeline", code, out, 200, &events)
		conforms(t, doc, "timeline", out, "ProposalEventList")
		if events.Total != 5 {
			t.Errorf("timeline %+v", events.Items)
		}
		// Editing a proposal at the council: refused.
		code, _ = head("PUT", base, fmt.Sprintf(`{"unit_id": %d, "campaign_id": %d, "kind": "PHONG_TRAO", "year": 2021, "title": "Sửa", "version": %d}`, hctc.ID, camp.ID, p.Version))
		if code != 422 {
			t.Errorf("edit at the council: %d", code)
		}

		// ---- council and two meetings
		var councils api.Items[*thidua.Council]
		code, out = officer("GET", "/api/v1/councils", "")
		mustJSON(t, "councils", code, out, 200, &councils)
		conforms(t, doc, "councils", out, "CouncilList")
		council := councils.Items[0]
		present := []int64{e.userID("chutichhd"), e.userID("phochutichhd"), e.userID("hoidong"), e.userID("uyvienhd1")}
		absent := e.userID("uyvienhd2")
		halves := [][]*thidua.Nominee{p.Nominees[:len(p.Nominees)/2], p.Nominees[len(p.Nominees)/2:]}
		var decisions []thidua.Decision
		for k, half := range halves {
			var agenda []int64
			for _, n := range half {
				agenda = append(agenda, n.ID)
			}
			ab, _ := json.Marshal(agenda)
			var m api.MeetingDetail
			code, out = officer("POST", fmt.Sprintf("/api/v1/councils/%d/meetings", council.ID),
				fmt.Sprintf(`{"title": "Phiên họp %d", "date": %q, "place": "Phòng họp", "agenda": %s}`, k+1, today.ISO(), ab))
			mustJSON(t, "meeting", code, out, 201, &m)
			conforms(t, doc, "meeting", out, "Meeting")
			mpath := fmt.Sprintf("/api/v1/meetings/%d", m.ID)
			pb, _ := json.Marshal(present)
			code, _ = e.councilAPI("chutichhd", "PUT", mpath+"/attendance", fmt.Sprintf(`{"present": %s, "version": %d}`, pb, m.Version))
			if code != 403 {
				t.Errorf("a member takes attendance: %d", code)
			}
			code, out = e.councilAPI("thukyhd", "PUT", mpath+"/attendance", fmt.Sprintf(`{"present": %s, "version": %d}`, pb, m.Version))
			mustJSON(t, "attendance", code, out, 200, &m)
			conforms(t, doc, "meeting detail", out, "MeetingDetail")
			// No ballot yet: the secretary may deal a new key; a member may not.
			if code, _ = e.councilAPI("hoidong", "POST", mpath+"/key", fmt.Sprintf(`{"version": %d}`, m.Version)); code != 403 {
				t.Errorf("a member deals a key: %d", code)
			}
			code, out = e.councilAPI("thukyhd", "POST", mpath+"/key", fmt.Sprintf(`{"version": %d}`, m.Version))
			mustJSON(t, "new key", code, out, 200, &m)
			conforms(t, doc, "new key", out, "MeetingDetail")
			choices := map[int64]string{}
			for _, id := range agenda {
				choices[id] = thidua.VoteAgree
			}
			cb, _ := json.Marshal(map[string]any{"choices": choices})
			var receipts []string
			for _, u := range []string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1"} {
				var r api.VoteReceipt
				code, out = e.councilAPI(u, "POST", mpath+"/votes", string(cb))
				mustJSON(t, u+" votes", code, out, 200, &r)
				conforms(t, doc, "receipt", out, "VoteReceipt")
				receipts = append(receipts, r.Receipt)
			}
			code, _ = e.councilAPI("hoidong", "POST", mpath+"/votes", string(cb))
			if code != 409 {
				t.Errorf("second vote: %d", code)
			}
			code, _ = e.councilAPI("uyvienhd2", "POST", mpath+"/votes", string(cb))
			if code != 422 {
				t.Errorf("an absent member votes in person: %d", code)
			}
			wb, _ := json.Marshal(map[string]any{"choices": choices, "written": true, "voter_id": absent})
			code, out = e.councilAPI("thukyhd", "POST", mpath+"/votes", string(wb))
			mustJSON(t, "written vote", code, out, 200, nil)
			var found api.VoteReceipt
			code, out = e.councilAPI("hoidong", "POST", mpath+"/receipt", fmt.Sprintf(`{"receipt": %q}`, receipts[2]))
			mustJSON(t, "receipt", code, out, 200, &found)
			conforms(t, doc, "receipt check", out, "VoteReceipt")
			if code, _ = e.councilAPI("hoidong", "POST", mpath+"/receipt", fmt.Sprintf(`{"receipt": %q}`, strings.Repeat("0", 64))); code != 404 {
				t.Errorf("unknown receipt: %d", code)
			}
			code, out = e.councilAPI("hoidong", "GET", mpath, "")
			mustJSON(t, "meeting", code, out, 200, &m)
			if len(m.Voted) != 5 || m.Ballots != 5 || len(m.Trustees) != 3 || m.Threshold != 2 {
				t.Errorf("voted %v ballots %d trustees %+v", m.Voted, m.Ballots, m.Trustees)
			}
			// While voting: no tally, no record (409, in Vietnamese).
			for _, path := range []string{"/tally", "/record"} {
				code, out = officer("GET", mpath+path, "")
				if code != 409 || !strings.Contains(out, "bỏ phiếu") {
					t.Errorf("%s while voting: %d %s", path, code, out)
				}
			}
			code, out = e.councilAPI("thukyhd", "POST", mpath+"/close", fmt.Sprintf(`{"version": %d}`, m.Version))
			mustJSON(t, "close", code, out, 200, &m)
			conforms(t, doc, "close", out, "MeetingDetail")
			if m.State != thidua.MeetingCounting {
				t.Fatalf("state after close %s", m.State)
			}
			if code, out = officer("GET", mpath+"/tally", ""); code != 409 {
				t.Errorf("tally before decryption: %d %s", code, out)
			}
			// Two of the three trustees decrypt; the officer, no trustee, gets no share.
			if code, _ = officer("POST", mpath+"/share", `{"confirm": true}`); code != 403 {
				t.Errorf("the officer downloads a share: %d", code)
			}
			for _, u := range []string{"chutichhd", "thukyhd"} {
				code, share := e.councilAPI(u, "POST", mpath+"/share", `{"confirm": true}`)
				mustJSON(t, u+" share", code, share, 200, nil)
				conforms(t, doc, "share", share, "Share")
				code, rec := e.councilAPI(u, "GET", mpath+"/record", "")
				mustJSON(t, "record", code, rec, 200, nil)
				conforms(t, doc, "record", rec, "Record")
				partial, err := ballot.DecryptShare(strings.NewReader(rec), strings.NewReader(share))
				if err != nil {
					t.Fatal(err)
				}
				pb, _ := json.Marshal(partial)
				code, out = e.councilAPI(u, "POST", mpath+"/partials", string(pb))
				mustJSON(t, u+" partial", code, out, 200, &m)
				conforms(t, doc, "partial", out, "MeetingDetail")
			}
			if m.State != thidua.MeetingClosed {
				t.Fatalf("state after two partials %s", m.State)
			}
			var tally api.Items[thidua.TallyRow]
			code, out = e.councilAPI("hoidong", "GET", mpath+"/tally", "")
			mustJSON(t, "tally", code, out, 200, &tally)
			conforms(t, doc, "tally", out, "TallyList")
			for _, r := range tally.Items {
				if r.Agree != 5 || r.Members != 5 || !r.Passed {
					t.Errorf("tally row %+v", r)
				}
			}
			code, out = e.councilAPI("hoidong", "GET", mpath+"/record", "")
			rec, err := ballot.ReadRecord(strings.NewReader(out))
			if code != 200 || err != nil || rec.Verify() != nil {
				t.Errorf("the closed record does not verify: %d %v", code, err)
			}
			// After the close: 422, and the tally recounts the same.
			code, out = e.councilAPI("hoidong", "POST", mpath+"/votes", string(cb))
			if code != 422 || !strings.Contains(out, "Phiên họp đã kết thúc") {
				t.Errorf("vote after close: %d %s", code, out)
			}
			var again api.Items[thidua.TallyRow]
			code, out = e.councilAPI("hoidong", "GET", mpath+"/tally", "")
			mustJSON(t, "tally", code, out, 200, &again)
			if !reflect.DeepEqual(again.Items, tally.Items) {
				t.Errorf("recount %+v != %+v", again.Items, tally.Items)
			}
			var d thidua.Decision
			code, out = officer("POST", mpath+"/decision", fmt.Sprintf(`{"issuer": "VPUBND", "year": %d, "place": "Hà Nội",
				"title": "Về việc khen thưởng (phiên %d)", "authority": "CHÁNH VĂN PHÒNG UBND TỈNH", "signer": {"authority": "", "on_behalf": "", "post": "CHÁNH VĂN PHÒNG", "name": "Trần Quốc Bình"}}`, today.Year(), k+1))
			mustJSON(t, "draft", code, out, 201, &d)
			conforms(t, doc, "draft", out, "Decision")
			if d.Number != 0 || len(d.Recipients) != len(agenda) || len(d.Bases) < 2 {
				t.Fatalf("draft %+v", d)
			}
			decisions = append(decisions, d)
		}
		// ---- two issues at the same moment: consecutive numbers
		var wg sync.WaitGroup
		refs := make([]string, len(decisions))
		for i, d := range decisions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, out := officer("POST", fmt.Sprintf("/api/v1/decisions/%d/issue", d.ID), fmt.Sprintf(`{"date": %q, "version": %d}`, today.String(), d.Version))
				var got thidua.Decision
				if code != 200 || json.Unmarshal([]byte(out), &got) != nil {
					t.Errorf("issue %d: %d %s", d.ID, code, out)
					return
				}
				refs[i] = got.Ref()
			}()
		}
		wg.Wait()
		slices.Sort(refs)
		if strings.Join(refs, " ") != "01/QĐ-VPUBND 02/QĐ-VPUBND" {
			t.Errorf("numbers %v: want 01 and 02", refs)
		}
		code, _ = officer("POST", fmt.Sprintf("/api/v1/decisions/%d/issue", decisions[0].ID), fmt.Sprintf(`{"date": %q, "version": %d}`, today.String(), decisions[0].Version+1))
		if code != 409 {
			t.Errorf("issue twice: %d", code)
		}
		var list api.List[*thidua.Decision]
		code, out = officer("GET", "/api/v1/decisions?q=ho+van+luc&state=ISSUED", "")
		mustJSON(t, "search", code, out, 200, &list)
		conforms(t, doc, "decisions", out, "DecisionList")
		if list.Total != 1 || list.Items[0].Number == 0 {
			t.Errorf("search without accents: %+v", list)
		}
		code, out = head("GET", "/api/v1/proposals?state=DECIDED", "")
		var ps api.List[*thidua.Proposal]
		mustJSON(t, "proposals", code, out, 200, &ps)
		if ps.Total != 1 {
			t.Errorf("decided proposals: %d", ps.Total)
		}
		// The issued decision changes only its public flag.
		d := list.Items[0]
		code, out = officer("PUT", fmt.Sprintf("/api/v1/decisions/%d", d.ID), fmt.Sprintf(`{"issuer": "XYZ", "year": 2000, "place": "Khác", "title": "Khác",
			"authority": "Khác", "signer": {"authority": "", "on_behalf": "", "post": "", "name": "Khác"}, "public": true, "version": %d}`, d.Version))
		var upd thidua.Decision
		mustJSON(t, "publish", code, out, 200, &upd)
		if !upd.Public || upd.Title != d.Title || upd.Issuer != "VPUBND" || upd.Number != d.Number {
			t.Errorf("publishing changed more: %+v", upd)
		}
	})
}

// TestCommendationSchemasMatchGoTypes checks that the documented schemas
// list exactly the JSON fields of the Go types.
func TestCommendationSchemasMatchGoTypes(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	schemas := oaObj(d.root, "components", "schemas")
	fields := func(typ reflect.Type) []string {
		var out []string
		for f := range typ.Fields() {
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && tag == "" {
				t := f.Type
				if t.Kind() == reflect.Pointer {
					t = t.Elem()
				}
				for g := range t.Fields() {
					if gt, _, _ := strings.Cut(g.Tag.Get("json"), ","); g.IsExported() && gt != "-" {
						out = append(out, gt)
					}
				}
				continue
			}
			if f.IsExported() && tag != "-" {
				out = append(out, tag)
			}
		}
		return out
	}
	for name, typ := range map[string]reflect.Type{
		"Proposal":                reflect.TypeFor[thidua.Proposal](),
		"Nominee":                 reflect.TypeFor[thidua.Nominee](),
		"AchievementReport":       reflect.TypeFor[thidua.AchievementReport](),
		"ProposalEvent":           reflect.TypeFor[thidua.ProposalEvent](),
		"ProposalInput":           reflect.TypeFor[api.ProposalInput](),
		"NomineeInput":            reflect.TypeFor[api.NomineeInput](),
		"NomineesInput":           reflect.TypeFor[api.NomineesInput](),
		"ShortlistInput":          reflect.TypeFor[kit.ShortlistInput](),
		"VersionInput":            reflect.TypeFor[api.VersionInput](),
		"ProposalTransitionInput": reflect.TypeFor[api.ProposalTransitionInput](),
		"ConfirmInput":            reflect.TypeFor[api.ConfirmInput](),
		"Council":                 reflect.TypeFor[thidua.Council](),
		"CouncilMember":           reflect.TypeFor[thidua.CouncilMember](),
		"CouncilInput":            reflect.TypeFor[api.CouncilInput](),
		"Meeting":                 reflect.TypeFor[thidua.Meeting](),
		"MeetingDetail":           reflect.TypeFor[api.MeetingDetail](),
		"MeetingInput":            reflect.TypeFor[api.MeetingInput](),
		"AttendanceInput":         reflect.TypeFor[api.AttendanceInput](),
		"VoteInput":               reflect.TypeFor[api.VoteInput](),
		"VoteReceipt":             reflect.TypeFor[api.VoteReceipt](),
		"ReceiptInput":            reflect.TypeFor[api.ReceiptInput](),
		"Share":                   reflect.TypeFor[ballot.Share](),
		"Record":                  reflect.TypeFor[ballot.Record](),
		"Partial":                 reflect.TypeFor[ballot.Partial](),
		"Trustee":                 reflect.TypeFor[thidua.Trustee](),
		"TallyRow":                reflect.TypeFor[thidua.TallyRow](),
		"Decision":                reflect.TypeFor[thidua.Decision](),
		"Recipient":               reflect.TypeFor[thidua.Recipient](),
		"Signer":                  reflect.TypeFor[thidua.Signer](),
		"DecisionInput":           reflect.TypeFor[api.DecisionInput](),
		"IssueInput":              reflect.TypeFor[api.IssueInput](),
		"ProposalList":            reflect.TypeFor[api.List[*thidua.Proposal]](),
		"DecisionList":            reflect.TypeFor[api.List[*thidua.Decision]](),
		"CouncilList":             reflect.TypeFor[api.Items[*thidua.Council]](),
		"MeetingList":             reflect.TypeFor[api.Items[*thidua.Meeting]](),
		"TallyList":               reflect.TypeFor[api.Items[thidua.TallyRow]](),
		"ProposalEventList":       reflect.TypeFor[api.Items[thidua.ProposalEvent]](),
	} {
		s := oaObj(schemas, name)
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		want := fields(typ)
		var got []string
		for k := range oaObj(s, "properties") {
			got = append(got, k)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v, Go type %s has JSON fields %v", name, got, typ, want)
		}
		if strings.HasSuffix(name, "Input") && s["additionalProperties"] != false {
			t.Errorf("schema %s: additionalProperties must be false", name)
		}
	}
}
