package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"thidua/ballot"
	"thidua/news"
	"thidua/sqldb/articles"
	"time"

	"thidua"
)

// This file holds the regression tests of the dead ends of the officer's
// day: forms that lose what was typed, errors reported one at a time, a
// returned registration its unit cannot fix, figures refused as officers
// write them, and the wording of the decision pages.

// closedMeeting takes the demo campaign's shortlist (Giấy khen) through a
// proposal, its appraisal and a council meeting whose four present members
// all agree, closes the meeting and returns its path.
func (e *testEnv) closedMeeting(t *testing.T) string {
	t.Helper()
	head, officer := e.login(thidua.RoleUnitHead), e.login(thidua.RoleOfficer)
	camp := e.demoCampaign()
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	res := e.formDo(head, "/app/proposals", url.Values{"kind": {thidua.AwardPhongTrao}, "unit_id": {uiID(hctc.ID)},
		"campaign_id": {uiID(camp.ID)}, "year": {"2021"}, "title": {"Tờ trình đề nghị khen thưởng Đợt thi đua cao điểm bầu cử năm 2021"}}, nil)
	wantStatus(t, "create proposal", res, 303)
	pid := idFrom(t, res.Header.Get("Location"))
	p := e.proposal(pid)
	wantStatus(t, "shortlist", e.formDo(head, fmt.Sprintf("/app/proposals/%d/shortlist", pid), url.Values{"award": {"GK"}, "version": {strconv.Itoa(p.Version)}}, nil), 303)
	p = e.proposal(pid)
	wantStatus(t, "submit", e.formDo(head, fmt.Sprintf("/app/proposals/%d/submit", pid), url.Values{"version": {strconv.Itoa(p.Version)}}, nil), 303)
	wantStatus(t, "receive", e.formDo(officer, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {"receive"}, "version": {strconv.Itoa(e.proposal(pid).Version)}}, nil), 303)
	for _, n := range p.Nominees {
		wantStatus(t, "confirm", e.formDo(officer, fmt.Sprintf("/app/nominees/%d/confirm", n.ID), url.Values{"proposal_id": {uiID(pid)},
			"confirmed": {"true"}, "appraisal": {"Đã xác minh thành tích."}}, nil), 303)
	}
	for _, a := range []string{"appraise", "to_council"} {
		wantStatus(t, a, e.formDo(officer, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {a}, "version": {strconv.Itoa(e.proposal(pid).Version)}}, nil), 303)
	}
	p = e.proposal(pid)
	cs := e.officeCouncils()
	mf := url.Values{"title": {"Phiên họp xét khen thưởng"}, "date": {thidua.DateOf(time.Now()).String()}, "place": {"Phòng họp tầng 3"}}
	for _, n := range p.Nominees {
		mf.Add("agenda", uiID(n.ID))
	}
	res = e.formDo(officer, fmt.Sprintf("/app/councils/%d/meetings", cs[0].ID), mf, nil)
	wantStatus(t, "open the meeting", res, 303)
	mid := idFrom(t, res.Header.Get("Location"))
	mpath := fmt.Sprintf("/app/meetings/%d", mid)
	present := []string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1"}
	m, _ := e.DB.FindMeetingByID(sysCtx(), mid)
	att := url.Values{"version": {strconv.Itoa(m.Version)}}
	for _, u := range present {
		att.Add("present", uiID(e.userID(u)))
	}
	secretary := e.councilLogin("thukyhd")
	wantStatus(t, "attendance", e.formDo(secretary, mpath+"/attendance", att, nil), 303)
	for _, u := range present {
		v := url.Values{}
		for _, n := range p.Nominees {
			v.Set("c_"+uiID(n.ID), thidua.VoteAgree)
		}
		wantStatus(t, u+" votes", e.formDo(e.councilLogin(u), mpath+"/vote", v, nil), 200)
	}
	m, _ = e.DB.FindMeetingByID(sysCtx(), mid)
	wantStatus(t, "close", e.formDo(secretary, mpath+"/close", url.Values{"version": {strconv.Itoa(m.Version)}}, nil), 303)
	e.decryptMeeting(t, mpath, e.councilLogin("chutichhd"), secretary)
	return mpath
}

// decryptMeeting has each trustee client download their share and the
// meeting record, compute the partial decryption offline and upload it, as
// the meeting page asks once voting has ended.
func (e *testEnv) decryptMeeting(t *testing.T, mpath string, trustees ...*http.Client) {
	t.Helper()
	for i, c := range trustees {
		share := e.formDo(c, mpath+"/share", url.Values{}, nil)
		wantStatus(t, fmt.Sprintf("trustee %d share", i), share, 200)
		rec := e.rawDo(c, "GET", mpath+"/record.json", "", nil)
		wantStatus(t, fmt.Sprintf("trustee %d record", i), rec, 200)
		partial, err := ballot.DecryptShare(strings.NewReader(rec.Body), strings.NewReader(share.Body))
		if err != nil {
			t.Fatal(err)
		}
		pb, _ := json.Marshal(partial)
		wantStatus(t, fmt.Sprintf("trustee %d partial", i), e.uploadPartial(c, mpath+"/partial", pb), 303)
	}
}

// controlHTML returns the markup of the form control with id and what
// follows it up to the next label.
func controlHTML(t *testing.T, body, id string) (tag, rest string) {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no control %s on the page", id)
	}
	start := strings.LastIndex(body[:i], "<")
	end := start + strings.Index(body[start:], ">") + 1
	rest = body[end:]
	if j := strings.Index(rest, "<label"); j >= 0 {
		rest = rest[:j]
	}
	return body[start:end], rest
}

var formTextareaRE = regexp.MustCompile(`(?s)<textarea\b([^>]*)>(.*?)</textarea>`)

// formTextareas returns the text areas of the form posting to action, by
// name, as a browser submits them.
func formTextareas(body, action string) url.Values {
	i := strings.Index(body, `<form method="post" action="`+action+`"`)
	if i < 0 {
		return nil
	}
	form := body[i : i+strings.Index(body[i:], "</form>")]
	v := url.Values{}
	for _, m := range formTextareaRE.FindAllStringSubmatch(form, -1) {
		v.Add(tagAttrs(m[1])["name"], html.UnescapeString(m[2]))
	}
	return v
}

// refusedFormKeepsInput posts the form of page (posting to action, as
// client c) with several lines typed into every text area and a control
// character typed into one line field, which every form refuses; the
// refused page must give back every field as it was sent, text areas with
// their line breaks. It returns what was sent.
func refusedFormKeepsInput(t *testing.T, e *testEnv, c *http.Client, page, action string, set url.Values) {
	t.Helper()
	code, body := e.get(c, page)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", page, code)
	}
	sent := submittedForm(t, body, action)
	areas := formTextareas(body, action)
	for k, vs := range areas {
		for i := range vs {
			vs[i] = fmt.Sprintf("Dòng thứ nhất của %s %d;\nDòng thứ hai, có dấu: Ủy ban nhân dân tỉnh;\n\nDòng thứ tư./.", k, i)
		}
		sent[k] = vs
	}
	for k, vs := range set {
		sent[k] = vs
	}
	// The line field to break: the first visible text input.
	broken := ""
	i := strings.Index(body, `<form method="post" action="`+action+`"`)
	for _, tag := range formInputRE.FindAllString(body[i:i+strings.Index(body[i:], "</form>")], -1) {
		a := tagAttrs(strings.TrimPrefix(tag, "<input"))
		if a["name"] != "" && (a["type"] == "" || a["type"] == "text") && set[a["name"]] == nil {
			broken = a["name"]
			break
		}
	}
	if broken == "" && set == nil {
		t.Fatalf("%s: no line field to break", page)
	}
	if broken != "" {
		sent[broken][0] += "\a"
	}
	res := e.formDo(c, action, sent, nil)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("%s with a control character in %q: %d, want 422 (%.500s)", action, broken, res.Status, pageText(res.Body))
	}
	gotAreas := formTextareas(res.Body, action)
	// A list form may offer more empty rows than were sent.
	sameRows := func(got, sent []string) bool {
		if len(got) < len(sent) {
			return false
		}
		for _, extra := range got[len(sent):] {
			if extra != "" && extra != thidua.ForBoth {
				return false
			}
		}
		return slices.Equal(got[:len(sent)], sent)
	}
	for k := range areas {
		if !sameRows(gotAreas[k], sent[k]) {
			t.Errorf("%s: text area %q came back as %q, typed %q", page, k, gotAreas[k], sent[k])
		}
	}
	got := submittedForm(t, res.Body, action)
	for k, vs := range got {
		if k == broken || areas[k] != nil || strings.Contains(k, "password") {
			continue
		}
		if !sameRows(vs, sent[k]) {
			t.Errorf("%s: field %q came back as %q, sent %q", page, k, vs, sent[k])
		}
	}
}

// TestRefusedFormsKeepLines walks the workspace's forms that hold text
// areas: refused, each gives back what was typed, lines and all (issue 14
// item 2).
func TestRefusedFormsKeepLines(t *testing.T) {
	t.Parallel()
	e := newCommendationEnv(t, fakeDocs{})
	officer, head := e.login(thidua.RoleOfficer), e.login(thidua.RoleUnitHead)
	camp := e.demoCampaign()
	mpath := e.closedMeeting(t) // before the copy, which lists first
	res := e.formDo(officer, "/app/campaigns/"+uiID(camp.ID)+"/copy", url.Values{"version": {strconv.Itoa(camp.Version)}}, nil)
	wantStatus(t, "copy the campaign", res, 303)
	copyID := idFrom(t, res.Header.Get("Location"))
	cpath := "/app/campaigns/" + uiID(copyID)

	t.Run("campaign form after a bad date", func(t *testing.T) {
		refusedFormKeepsInput(t, e, officer, "/app/campaigns/new", "/app/campaigns", url.Values{"start_date": {"31/02/2026"}})
		refusedFormKeepsInput(t, e, officer, cpath+"/edit", cpath, url.Values{"start_date": {"31/02/2026"}})
	})
	t.Run("criteria", func(t *testing.T) {
		refusedFormKeepsInput(t, e, officer, cpath+"/criteria", cpath+"/criteria", nil)
	})
	t.Run("proposal", func(t *testing.T) {
		refusedFormKeepsInput(t, e, head, "/app/proposals/new?campaign="+uiID(camp.ID), "/app/proposals", nil)
		ps, _, err := e.DB.FindProposals(sysCtx(), thidua.ProposalFilter{State: thidua.ProposalDraft})
		if err != nil || len(ps) == 0 {
			t.Fatalf("no draft proposal: %v", err)
		}
		ppath := "/app/proposals/" + uiID(ps[0].ID)
		refusedFormKeepsInput(t, e, head, ppath, ppath, nil)
	})
	t.Run("registration of units and people", func(t *testing.T) {
		rpath := "/app/campaigns/" + uiID(copyID) + "/registrations"
		c := e.cuiCampaign(copyID)
		if _, err := e.DB.TransitionCampaign(thidua.NewContextWithUser(t.Context(), e.roleUser(thidua.RoleOfficer)), c.ID, "launch", c.Version); err != nil {
			t.Fatal(err)
		}
		refusedFormKeepsInput(t, e, head, rpath, rpath, nil)
	})
	t.Run("decision without a signer", func(t *testing.T) {
		refusedFormKeepsInput(t, e, officer, mpath+"/decision/new", mpath+"/decision", url.Values{"signer_name": {""}})
		// Saved, the lines are kept one by one.
		_, body := e.get(officer, mpath+"/decision/new")
		form := submittedForm(t, body, mpath+"/decision")
		for k, v := range formTextareas(body, mpath+"/decision") {
			form[k] = v
		}
		form.Set("signer_name", "Trần Quốc Bình")
		form.Set("cc", "Như Điều 3;\nLưu: VT, HCTC.")
		res := e.formDo(officer, mpath+"/decision", form, nil)
		wantStatus(t, "draft", res, 303)
		d, _ := e.DB.FindDecisionByID(sysCtx(), idFrom(t, res.Header.Get("Location")))
		if !slices.Equal(d.CC, []string{"Như Điều 3;", "Lưu: VT, HCTC."}) || len(d.Bases) < 3 || len(d.Articles) != 3 {
			t.Errorf("stored decision: bases %q articles %q cc %q", d.Bases, d.Articles, d.CC)
		}
	})
}

// TestCriteriaFormAllErrors: a weight "abc" and a max score −5 are both
// reported at once, each next to its field, naming the criterion and the
// field, with what was typed kept (issue 14 item 3).
func TestCriteriaFormAllErrors(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	camp := e.demoCampaign()
	res := e.formDo(officer, "/app/campaigns/"+uiID(camp.ID)+"/copy", url.Values{"version": {strconv.Itoa(camp.Version)}}, nil)
	wantStatus(t, "copy the campaign", res, 303)
	id := idFrom(t, res.Header.Get("Location"))
	before := e.cuiCriteria(id)
	c := e.cuiCampaign(id)
	form := cuiCriteriaForm(c.Version,
		[6]string{uiID(before[0].ID), "TC1", before[0].Title, thidua.ForBoth, "30", "abc"},
		[6]string{uiID(before[1].ID), "TC2", before[1].Title, thidua.ForBoth, "-5", "1"},
		[6]string{"", "TC9", "", thidua.ForBoth, "1.234", "2"})
	res = e.formDo(officer, "/app/campaigns/"+uiID(id)+"/criteria", form, nil)
	wantStatus(t, "bad criteria", res, 422)
	for _, tc := range []struct{ id, value, msg string }{
		{"c-weight-0", "abc", "Tiêu chí 1 (TC1) – Trọng số: “abc” không phải là số"},
		{"c-max-1", "-5", "Tiêu chí 2 (TC2): Điểm tối đa phải lớn hơn 0 và không quá 1000."},
		{"c-max-2", "1.234", "Tiêu chí 3 (TC9): Điểm tối đa phải lớn hơn 0 và không quá 1000."},
		{"c-title-2", "", "Tiêu chí 3 (TC9): Tên tiêu chí không được để trống."},
	} {
		tag, rest := controlHTML(t, res.Body, tc.id)
		if a := tagAttrs(tag); a["value"] != tc.value || a["aria-invalid"] != "true" || a["aria-describedby"] != "e-"+tc.id {
			t.Errorf("%s: %s, want value %q marked invalid", tc.id, tag, tc.value)
		}
		if want := `<p class="field-error" id="e-` + tc.id + `">` + html.EscapeString(tc.msg); !strings.Contains(html.UnescapeString(rest), html.UnescapeString(want)) {
			t.Errorf("%s: want %q next to it, got %q", tc.id, tc.msg, pageText(rest))
		}
	}
	if tag, _ := controlHTML(t, res.Body, "c-max-0"); strings.Contains(tag, "aria-invalid") {
		t.Errorf("a valid field is marked: %s", tag)
	}
	after := e.cuiCriteria(id)
	if len(after) != len(before) || after[0].Weight != before[0].Weight || after[1].MaxScore != before[1].MaxScore || e.cuiCampaign(id).Version != c.Version {
		t.Error("refused criteria changed the campaign")
	}
}

// TestDecisionWording: the draft decision's subject line names the
// campaign and is on the honour roll by default; the certificate button
// names the award; /vinh-danh wears the portal's layout and the portal
// links to it (issue 14 item 7).
func TestDecisionWording(t *testing.T) {
	t.Parallel()
	e := newCommendationEnv(t, fakeDocs{})
	officer := e.login(thidua.RoleOfficer)
	camp := e.demoCampaign()
	mpath := e.closedMeeting(t)
	_, body := e.get(officer, mpath+"/decision/new")
	form := submittedForm(t, body, mpath+"/decision")
	if form.Get("place") != "Hà Nội" {
		t.Errorf("place of an agency without one: %q, want the configured Hà Nội", form.Get("place"))
	}
	// The agency's place name, set on its unit's page, is the decision's.
	admin := e.login(thidua.RoleAdmin)
	upath := "/app/units/" + uiID(e.unitByName("Văn phòng UBND tỉnh").ID)
	_, ubody := e.get(admin, upath)
	uform := submittedForm(t, ubody, upath)
	uform.Set("place", "Bắc Ninh")
	wantStatus(t, "set the place name", e.formDo(admin, upath, uform, nil), 303)
	if u := e.unitByName("Văn phòng UBND tỉnh"); u.Place != "Bắc Ninh" {
		t.Errorf("stored place %q", u.Place)
	}
	_, body = e.get(officer, mpath+"/decision/new")
	form = submittedForm(t, body, mpath+"/decision")
	if form.Get("place") != "Bắc Ninh" {
		t.Errorf("place of the decision: %q, want the agency's Bắc Ninh", form.Get("place"))
	}
	if form.Get("public") != "on" {
		t.Error("the honour-roll box of a new decision is not ticked")
	}
	areas := formTextareas(body, mpath+"/decision")
	if got := areas.Get("title"); !strings.HasPrefix(got, "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong ") ||
		!strings.HasSuffix(strings.ToLower(got), " trong "+strings.ToLower(camp.Title)) {
		t.Errorf("subject line %q, want it to name the campaign %q", got, camp.Title)
	}
	for k, v := range areas {
		form[k] = v
	}
	form.Set("signer_name", "Trần Quốc Bình")
	res := e.formDo(officer, mpath+"/decision", form, nil)
	wantStatus(t, "draft", res, 303)
	dpath := res.Header.Get("Location")
	_, body = e.get(officer, dpath)
	if tag, _ := controlHTML(t, body, "certificates-button"); !strings.Contains(body, ">Tải giấy khen (PDF)</button>") {
		t.Errorf("certificate button for Giấy khen recipients: %s %s", tag, pageText(body[strings.Index(body, tag):][:200]))
	}
	d, _ := e.DB.FindDecisionByID(sysCtx(), idFrom(t, dpath))
	if !d.Public {
		t.Error("the decision is not on the honour roll")
	}
	wantStatus(t, "issue", e.formDo(officer, dpath+"/issue", url.Values{"version": {strconv.Itoa(d.Version)}, "date": {thidua.DateOf(time.Now()).String()}}, nil), 303)

	// The results article is drafted from the decision issued, not from the ranking.
	c := e.cuiCampaign(camp.ID)
	if _, err := e.DB.TransitionCampaign(thidua.NewContextWithUser(t.Context(), e.roleUser(thidua.RoleOfficer)), c.ID, "close", c.Version); err != nil {
		t.Fatal(err)
	}
	d, _ = e.DB.FindDecisionByID(sysCtx(), d.ID)
	// The editor works in one centre: until the office publishes the ranking
	// inside the agency they see a part of it, and a draft from that part
	// would miscount the campaign, so none is made.
	editor := e.login(thidua.RoleEditor)
	_, linked, _ := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{CampaignID: camp.ID, Limit: 1})
	res = e.formDo(editor, "/app/campaigns/"+uiID(camp.ID)+"/article", nil, nil)
	if wantStatus(t, "draft from a part of the ranking", res, 409); !strings.Contains(res.Body, "chỉ thấy một phần kết quả") {
		t.Errorf("refusal does not say why: %.300s", pageText(res.Body))
	}
	if _, n, _ := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{CampaignID: camp.ID, Limit: 1}); n != linked {
		t.Fatalf("a refused draft changed the campaign's articles from %d to %d", linked, n)
	}
	if _, list := e.get(editor, "/app/articles"); !strings.Contains(list, "Kết quả xếp hạng chưa công khai trong cơ quan") {
		t.Error("the articles page offers a results draft from a part of the ranking")
	}
	// The officer publishes the closed campaign's ranking from its page.
	if _, page := e.get(officer, "/app/campaigns/"+uiID(camp.ID)); !strings.Contains(page, "Công khai kết quả xếp hạng trong cơ quan</button>") {
		t.Fatal("the closed campaign's page offers no way to publish its ranking")
	}
	c = e.cuiCampaign(camp.ID)
	wantStatus(t, "publish the ranking", e.formDo(officer, "/app/campaigns/"+uiID(camp.ID)+"/publish-ranking",
		url.Values{"version": {strconv.Itoa(c.Version)}, "publish_ranking": {"on"}}, nil), 303)
	if c = e.cuiCampaign(camp.ID); !c.RankingPublished() {
		t.Fatal("the ranking is not published")
	}
	if _, list := e.get(editor, "/app/articles"); !strings.Contains(list, "Soạn tin tổng kết</button>") {
		t.Error("the articles page does not offer the results draft once the ranking is published")
	}
	res = e.formDo(editor, "/app/campaigns/"+uiID(camp.ID)+"/article", nil, nil)
	wantStatus(t, "draft the results article", res, 303)
	arts, _, _ := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{CampaignID: camp.ID, State: news.ArticleDraft})
	if len(arts) != 1 {
		t.Fatalf("%d drafts", len(arts))
	}
	a, _ := articles.New(e.DB).FindArticleByID(sysCtx(), arts[0].ID)
	want := fmt.Sprintf("Quyết định số 01/QĐ-VPUBND ngày %s của", d.Date.String())
	if !strings.Contains(a.Body, want) || !strings.Contains(a.Body, fmt.Sprintf("- Giấy khen (%d): ", len(d.Recipients))) ||
		strings.Contains(a.Body, "Bằng khen") || strings.Contains(a.Body, "bổ sung số, ngày quyết định") || !strings.Contains(a.Summary, "theo Quyết định số 01/QĐ-VPUBND") {
		t.Errorf("results article does not state the decision issued (%q):\n%s\n%s", want, a.Summary, a.Body)
	}
	for _, rc := range d.Recipients {
		if !strings.Contains(a.Body, rc.Name) {
			t.Errorf("results article lacks the recipient %s", rc.Name)
		}
	}
	// It counts the whole campaign, not the editor's centre.
	regs, err := e.DB.FindRegistrations(sysCtx(), camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, rg := range regs {
		if rg.State == thidua.RegApproved {
			counts[rg.Kind]++
		}
	}
	if want := fmt.Sprintf("Đợt thi đua có %d tập thể và %d cá nhân được duyệt đăng ký", counts[thidua.ForCollectives], counts[thidua.ForIndividuals]); !strings.Contains(a.Body, want) {
		t.Errorf("results article miscounts the campaign, want %q:\n%s", want, a.Body)
	}

	anon := e.client()
	code, body := e.get(anon, "/vinh-danh")
	if code != http.StatusOK || !strings.Contains(body, `<header class="masthead">`) || strings.Contains(body, `aria-label="Chức năng chính"`) ||
		!strings.Contains(pageText(body), "Quyết định số 01/QĐ-VPUBND") || !strings.Contains(body, `href="/vinh-danh" aria-current="page"`) {
		t.Errorf("/vinh-danh: %d, not the portal's layout or not the decision: %.800s", code, pageText(body))
	}
	if _, home := e.get(anon, "/tin-tuc"); !strings.Contains(home, `<a href="/vinh-danh"`) {
		t.Error("the portal does not link to /vinh-danh")
	}
	if code, body := e.get(anon, "/vinh-danh?q=khong+ai+ca"); code != http.StatusOK || strings.Contains(pageText(body), "01/QĐ-VPUBND") {
		t.Errorf("/vinh-danh search: %d", code)
	}
}

// TestRankingThreshold: an impossible shortlist threshold is refused with
// a Vietnamese message next to its field, the typed value kept, and the
// whole ranking shown (issue 14 item 7).
func TestRankingThreshold(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	camp := e.demoCampaign()
	path := "/app/campaigns/" + uiID(camp.ID) + "/ranking"
	_, all := e.get(officer, path)
	for _, tc := range []struct{ query, field, value, msg string }{
		{"min=200", "min", "200", "Tỷ lệ điểm phải từ 0 đến 100% điểm tối đa; 200% thì không ai đạt được."},
		{"min=abc", "min", "abc", "“abc” không phải là số"},
		{"top=-3", "top", "-3", "Số vị trí đứng đầu không được âm."},
		{"top=mười", "top", "mười", "Số vị trí đứng đầu phải là số nguyên, ví dụ 10."},
	} {
		code, body := e.get(officer, path+"?"+tc.query)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tc.query, code)
		}
		tag, rest := fieldHTML(t, body, tc.field)
		if a := tagAttrs(tag); a["value"] != tc.value || a["aria-invalid"] != "true" {
			t.Errorf("%s: %s", tc.query, tag)
		}
		if !strings.Contains(pageText(rest), tc.msg) {
			t.Errorf("%s: want %q next to the field, got %q", tc.query, tc.msg, pageText(rest))
		}
		if strings.Count(body, `<a href="/app/registrations/`) != strings.Count(all, `<a href="/app/registrations/`) {
			t.Errorf("%s: the ranking is not shown whole", tc.query)
		}
	}
	if code, body := e.get(officer, path+"?min=50,5"); code != http.StatusOK || !strings.Contains(pageText(body), "đạt từ 50,5% điểm tối đa") {
		t.Errorf("a possible threshold: %d", code)
	}
}

// multipartFile posts fields and one file under field, as a browser does.
func (e *testEnv) multipartFile(c *http.Client, path string, fields url.Values, field, name string, data []byte) reqResult {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		w, _ := mw.CreateFormFile(field, name)
		w.Write(data)
	}
	mw.Close()
	return e.rawDo(c, http.MethodPost, path, buf.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
}

// TestReturnedRegistrationFixed: the head of Phòng Hành chính – Tổ chức
// fixes the demo's returned registration (commitments, evidence with a
// figure written "100%", a file replaced and one removed, the
// self-assessment) and sends it again; the officer approves it; the
// reason of the return stays in its history (issue 14 items 1 and 6).
func TestReturnedRegistrationFixed(t *testing.T) {
	t.Parallel()
	e, root := newCampaignEnv(t)
	head, officer, staff := e.login(thidua.RoleUnitHead), e.login(thidua.RoleOfficer), e.login(thidua.RoleStaff)
	camp := e.demoCampaign()
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	var reg *thidua.Registration
	for _, r := range e.cuiRegistrations(camp.ID) {
		if r.Kind == thidua.ForIndividuals && r.UnitID == hctc.ID && (reg == nil || r.Name < reg.Name) {
			reg = r
		}
	}
	name := reg.Name
	path := "/app/registrations/" + uiID(reg.ID)
	// The launching office returns it, as it returned Bùi Đức Huy's.
	res := e.formDo(officer, path+"/review", url.Values{"decision": {"return"}, "reason": {"Thiếu bản đăng ký có chữ ký của thủ trưởng đơn vị"}, "version": {strconv.Itoa(reg.Version)}}, nil)
	wantStatus(t, "return", res, 303)
	reg = e.cuiRegistrations(camp.ID)[name]
	if reg.State != thidua.RegReturned {
		t.Fatalf("returned: %+v", reg)
	}
	_, body := e.get(head, path)
	text := pageText(body)
	if !strings.Contains(text, "Gửi lại đăng ký") || !strings.Contains(text, reg.ReturnReason) || !strings.Contains(body, `action="`+path+`/evidence"`) {
		t.Fatalf("the returned registration offers no way to fix it: %.1500s", text)
	}
	// Those who do not act for the participant see no button and are refused.
	council := e.login(thidua.RoleCouncil)
	if _, b := e.get(council, path); strings.Contains(b, `action="`+path+`/resubmit"`) || strings.Contains(b, "/delete\"") {
		t.Error("a council member is offered to resubmit the unit's registration")
	}
	wantStatus(t, "a council member resubmits", e.formDo(council, path+"/resubmit", url.Values{"version": {strconv.Itoa(reg.Version)}}, nil), 403)
	if res := e.formDo(staff, path+"/resubmit", url.Values{"version": {strconv.Itoa(reg.Version)}}, nil); res.Status != 403 && res.Status != 404 {
		t.Errorf("a staff member resubmits someone else's registration: %d", res.Status)
	}

	crit := e.cuiCriteria(camp.ID)
	tc := crit[0]
	// Evidence with a figure as officers write it, and a file.
	ev := url.Values{"criterion_id": {uiID(tc.ID)}, "text": {"Bản đăng ký có chữ ký của thủ trưởng đơn vị"}, "figure": {"100%"}}
	res = e.multipartFile(head, path+"/evidence", ev, "files", "dang-ky.pdf", cuiPDF("dang ky"))
	wantStatus(t, "evidence of a returned registration", res, 303)
	evs := e.cuiEvidence(reg.ID)
	last := evs[len(evs)-1]
	if last.Figure == nil || *last.Figure != 100 || len(last.Attachments) != 1 {
		t.Fatalf("stored evidence: %+v", last)
	}
	files := cuiStoredFiles(t, root)
	// A figure that is no number is marked next to its field, input kept.
	ev.Set("figure", "một trăm")
	res = e.multipartFile(head, path+"/evidence", ev, "files", "", nil)
	wantStatus(t, "a figure that is no number", res, 422)
	tag, rest := controlHTML(t, res.Body, "ev-fig-"+uiID(tc.ID))
	if a := tagAttrs(tag); a["value"] != "một trăm" || a["aria-invalid"] != "true" || !strings.Contains(pageText(rest), "“một trăm” không phải là số") {
		t.Errorf("figure field after refusal: %s %q", tag, pageText(rest))
	}
	// Sizes for people.
	if _, b := e.get(head, path); !strings.Contains(pageText(b), "("+thidua.FormatSize(last.Attachments[0].Size)+")") || strings.Contains(b, " byte)") && last.Attachments[0].Size >= 1024 {
		t.Errorf("attachment size not shown as %s", thidua.FormatSize(last.Attachments[0].Size))
	}
	// Replace the file: the old one leaves the store; a bad file is refused.
	aid := uiID(last.Attachments[0].ID)
	res = e.multipartFile(head, "/app/attachments/"+aid+"/replace", nil, "file", "virus.exe", []byte("MZ\x90\x00"))
	wantStatus(t, "replace with a program", res, 422)
	if !strings.Contains(res.Body, `id="e-replace_`+aid+`"`) || cuiStoredFiles(t, root) != files {
		t.Error("a refused replacement: no field error, or the store changed")
	}
	res = e.multipartFile(head, "/app/attachments/"+aid+"/replace", nil, "file", "dang-ky-ky-ten.png", cuiPNG(t))
	wantStatus(t, "replace", res, 303)
	if got := e.cuiEvidence(reg.ID); got[len(got)-1].Attachments[0].Name != "dang-ky-ky-ten.png" || cuiStoredFiles(t, root) != files {
		t.Errorf("after the replacement: %+v, %d files (want %d)", got[len(got)-1].Attachments, cuiStoredFiles(t, root), files)
	}
	wantStatus(t, "a council member removes the unit's file", e.formDo(council, "/app/attachments/"+aid+"/delete", nil, nil), 403)
	wantStatus(t, "remove", e.formDo(head, "/app/attachments/"+aid+"/delete", nil, nil), 303)
	if got := e.cuiEvidence(reg.ID); len(got[len(got)-1].Attachments) != 0 || cuiStoredFiles(t, root) != files-1 {
		t.Errorf("after the removal: %+v, %d files", got[len(got)-1].Attachments, cuiStoredFiles(t, root))
	}
	// The self-assessment.
	selfVersion := 0
	for _, sc := range e.cuiScores(camp.ID, reg.ID) {
		if sc.Kind == thidua.ScoreSelf && sc.CriterionID == tc.ID {
			selfVersion = sc.Version
		}
	}
	res = e.formDo(head, path+"/scores", url.Values{"criterion_id": {uiID(tc.ID)}, "kind": {thidua.ScoreSelf}, "value": {"27,5"}, "version": {strconv.Itoa(selfVersion)}}, nil)
	wantStatus(t, "self-score of a returned registration", res, 303)

	// Sent again with a refused field: the typed commitments come back.
	_, body = e.get(head, path)
	form := submittedForm(t, body, path+"/resubmit")
	for k, v := range formTextareas(body, path+"/resubmit") {
		form[k] = v
	}
	form.Set("commit_"+tc.Code, "Hoàn thành 100% nhiệm vụ được giao;\nKhông để xảy ra sai sót.")
	form.Set("target_title", strings.Repeat("ư", 300))
	res = e.formDo(head, path+"/resubmit", form, nil)
	wantStatus(t, "resubmit with a too long target", res, 422)
	if got := formTextareas(res.Body, path+"/resubmit").Get("commit_" + tc.Code); got != form.Get("commit_"+tc.Code) {
		t.Errorf("the commitment came back as %q", got)
	}
	form.Set("target_title", "Giấy khen")
	res = e.formDo(head, path+"/resubmit", form, nil)
	wantStatus(t, "resubmit", res, 303)
	got := e.cuiRegistrations(camp.ID)[name]
	if got.State != thidua.RegSubmitted || got.ReturnReason != "" || got.Commitments[tc.Code] != "Hoàn thành 100% nhiệm vụ được giao;\nKhông để xảy ra sai sót." {
		t.Fatalf("after resubmitting: %+v", got)
	}
	wantStatus(t, "resubmit twice", e.formDo(head, path+"/resubmit", url.Values{"version": {strconv.Itoa(got.Version)}}, nil), 422)
	// Registering anew is still refused: the registration exists.
	wantStatus(t, "approve", e.formDo(officer, path+"/review", url.Values{"decision": {"approve"}, "version": {strconv.Itoa(got.Version)}}, nil), 303)
	if got = e.cuiRegistrations(camp.ID)[name]; got.State != thidua.RegApproved {
		t.Fatalf("after approval: %s", got.State)
	}
	_, body = e.get(head, path)
	hist := pageText(body[strings.Index(body, `id="lich-su"`):])
	hist = hist[:strings.Index(hist, "</details>")]
	for _, want := range []string{"trả lại</strong> – lý do: " + reg.ReturnReason, "sửa và gửi lại", "duyệt"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q: %s", want, hist)
		}
	}
	if strings.Contains(body, `action="`+path+`/resubmit"`) {
		t.Error("an approved registration offers to resubmit")
	}
	if bad, err := e.DB.VerifyAuditChain(sysCtx()); bad != 0 || err != nil {
		t.Errorf("audit chain: %d %v", bad, err)
	}
}

// TestFasterScoring: a council member assigned to the campaign scores
// every criterion of a registration in one form, refused values marked
// next to their fields with what was typed kept, and goes on to the next
// registration from the list of what is assigned, with progress; a
// self-assessment the unit head enters for staff says so.
func TestFasterScoring(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	council, head := e.login(thidua.RoleCouncil), e.login(thidua.RoleUnitHead)
	camp := e.demoCampaign()
	list := "/app/campaigns/" + uiID(camp.ID) + "/scoring"
	if _, body := e.get(council, "/app/campaigns/"+uiID(camp.ID)); !strings.Contains(body, `href="`+list+`"`) {
		t.Error("the campaign page does not link to the reviewer's list")
	}
	code, body := e.get(council, list)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", list, code)
	}
	rowRE := regexp.MustCompile(`<a href="/app/registrations/(\d+)#cham-diem">[^<]+</a>.*?<td class="num">(?:<strong>)?(?:Đã chấm )?(\d+)/(\d+) tiêu chí`)
	var rows [][]string
	for _, tr := range strings.Split(body, "<tr>") {
		if m := rowRE.FindStringSubmatch(strings.ReplaceAll(tr, "\n", " ")); m != nil {
			rows = append(rows, m)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("the reviewer's list has %d rows: %.1500s", len(rows), pageText(body))
	}
	var first string
	for _, m := range rows {
		if m[2] != m[3] {
			first = m[1]
			break
		}
	}
	if first == "" {
		t.Fatal("everything is scored already")
	}
	path := "/app/registrations/" + first
	_, body = e.get(council, path)
	form := submittedForm(t, body, path+"/scores/all")
	if form.Get("kind") != thidua.ScoreCouncil {
		t.Fatalf("one-form scoring of kind %q", form.Get("kind"))
	}
	id, _ := strconv.ParseInt(first, 10, 64)
	reg, _ := e.DB.FindRegistrationByID(sysCtx(), id)
	var crit []*thidua.Criterion
	for _, c := range e.cuiCriteria(camp.ID) {
		if c.Applies(reg.Kind) {
			crit = append(crit, c)
		}
	}
	before := len(e.cuiScores(camp.ID, id))
	form.Set("value_"+uiID(crit[0].ID), "abc")
	form.Set("value_"+uiID(crit[1].ID), "9999")
	form.Set("comment_"+uiID(crit[1].ID), "Nhận xét giữ lại")
	res := e.formDo(council, path+"/scores/all", form, nil)
	wantStatus(t, "bad scores", res, 422)
	for i, typed := range []string{"abc", "9999"} {
		tag, rest := controlHTML(t, res.Body, "a-"+uiID(crit[i].ID))
		if a := tagAttrs(tag); a["value"] != typed || a["aria-invalid"] != "true" || !strings.Contains(pageText(rest), crit[i].Code+": ") {
			t.Errorf("criterion %s: %s %q", crit[i].Code, tag, pageText(rest))
		}
	}
	if !strings.Contains(res.Body, `value="Nhận xét giữ lại"`) {
		t.Error("the typed comment is not kept")
	}
	if len(e.cuiScores(camp.ID, id)) != before {
		t.Error("a refused form stored scores")
	}
	for _, c := range crit {
		form.Set("value_"+uiID(c.ID), thidua.FormatDecimal(c.MaxScore*0.9))
	}
	form.Set("next", "1")
	res = e.formDo(council, path+"/scores/all", form, nil)
	wantStatus(t, "scores and next", res, 303)
	loc := res.Header.Get("Location")
	if !strings.HasSuffix(loc, "#cham-diem") || strings.HasPrefix(loc, path+"#") {
		t.Errorf("“Tiếp theo” goes to %q", loc)
	}
	mine := 0
	for _, sc := range e.cuiScores(camp.ID, id) {
		if sc.Kind == thidua.ScoreCouncil && sc.ScorerID == e.roleUser(thidua.RoleCouncil).ID {
			mine++
		}
	}
	if mine != len(crit) {
		t.Errorf("%d council scores stored, want %d", mine, len(crit))
	}
	_, body = e.get(council, list)
	if !strings.Contains(body, `<a href="`+path+`#cham-diem">`) || !regexp.MustCompile(`(?s)`+regexp.QuoteMeta(path)+`#cham-diem">.*?Đã chấm `+strconv.Itoa(len(crit))+"/"+strconv.Itoa(len(crit))).MatchString(body) {
		t.Error("the list does not show the registration fully scored")
	}
	// The head enters a staff member's self-assessment: labelled as the head's
	// entry. (Not the head's own registration: that one is their own.)
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	var staffReg *thidua.Registration
	for _, r := range e.cuiRegistrations(camp.ID) {
		if r.Kind == thidua.ForIndividuals && r.UnitID == hctc.ID && r.State == thidua.RegApproved && r.PersonID != e.roleUser(thidua.RoleUnitHead).PersonID {
			staffReg = r
			break
		}
	}
	hpath := "/app/registrations/" + uiID(staffReg.ID)
	crit = e.cuiCriteria(camp.ID)
	version := 0
	for _, sc := range e.cuiScores(camp.ID, staffReg.ID) {
		if sc.Kind == thidua.ScoreSelf && sc.CriterionID == crit[0].ID {
			version = sc.Version
		}
	}
	wantStatus(t, "the head enters a self-assessment", e.formDo(head, hpath+"/scores", url.Values{"criterion_id": {uiID(crit[0].ID)},
		"kind": {thidua.ScoreSelf}, "value": {"1"}, "version": {strconv.Itoa(version)}}, nil), 303)
	headName := e.roleUser(thidua.RoleUnitHead).DisplayName
	if _, body = e.get(head, hpath); !strings.Contains(pageText(body), "Tự chấm, do "+headName+" nhập thay") {
		t.Errorf("the head's entry of a self-assessment is not labelled as the head's")
	}
}
