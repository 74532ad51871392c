package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
	"thidua/ballot"
	"thidua/demo"
)

// officeCouncil returns the demo office's council (the demo also has the
// provincial council).
func officeCouncil(t *testing.T, s *server) *thidua.Council {
	t.Helper()
	return councilNamed(t, s, demo.CouncilName)
}

func councilNamed(t *testing.T, s *server, name string) *thidua.Council {
	t.Helper()
	cs, err := s.DB.FindCouncils(thidua.NewSystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no council %q", name)
	return nil
}

// meetInPages runs a council meeting in the pages: the officer opens it
// with every candidate on the agenda, the secretary takes attendance of
// everyone, each voter agrees, the secretary closes, and two trustees
// decrypt with their own sessions. It returns the meeting's path.
func meetInPages(t *testing.T, base string, officer context.Context, sign func(string) context.Context, council *thidua.Council, secretary string, voters, trustees []string) string {
	t.Helper()
	goTo := func(uctx context.Context, path, sel string) {
		t.Helper()
		if err := chromedp.Do(uctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}
	goTo(officer, "/app/councils/"+strconv.FormatInt(council.ID, 10)+"/meetings/new", "#save")
	if flash := submitForm(t, officer, "#save"); !strings.HasPrefix(flash, "Đã mở phiên họp") {
		t.Errorf("flash after opening the meeting: %q", flash)
	}
	loc, _ := chromedp.Run(officer, chromedp.Location())
	mm := regexp.MustCompile(`/app/meetings/(\d+)$`).FindStringSubmatch(loc)
	if mm == nil {
		t.Fatalf("after opening the meeting at %s", loc)
	}
	mpath := "/app/meetings/" + mm[1]
	sec := sign(secretary)
	goTo(sec, mpath, "#save-attendance")
	if err := chromedp.Do(sec, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#attendance-form input[name="present"]').forEach(c => c.checked = true); 0`)); err != nil {
		t.Fatal(err)
	}
	submitForm(t, sec, "#save-attendance")
	sessions := map[string]context.Context{secretary: sec}
	for _, u := range voters {
		member := sign(u)
		sessions[u] = member
		goTo(member, mpath, "#go-vote")
		if err := chromedp.Do(member,
			chromedp.Click(chromedp.CSS("#go-vote")),
			chromedp.WaitVisible(chromedp.CSS("#cast-vote")),
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#ballot input[value="AGREE"]').forEach(r => r.checked = true); 0`),
			chromedp.Click(chromedp.CSS("#cast-vote")),
			chromedp.WaitVisible(chromedp.CSS("#receipt-code")),
		); err != nil {
			t.Fatalf("%s votes: %v", u, err)
		}
	}
	goTo(sec, mpath, "#close-meeting")
	if flash := submitForm(t, sec, "#close-meeting"); !strings.HasPrefix(flash, "Đã kết thúc bỏ phiếu") {
		t.Errorf("flash after closing: %q", flash)
	}
	for _, u := range trustees {
		uctx := sessions[u]
		goTo(uctx, mpath, "#download-share")
		share, err := chromedp.Run(uctx, chromedp.Evaluate[string](`(() => { const f = document.querySelector("#share-form");
			return fetch(f.action, {method: "POST", body: new URLSearchParams(new FormData(f))}).then(r => r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status))); })()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s's share: %v", u, err)
		}
		goTo(uctx, mpath, "#download-record")
		rec, err := chromedp.Run(uctx, chromedp.Evaluate[string](`fetch(document.querySelector("#download-record").href).then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		partial, err := ballot.DecryptShare(strings.NewReader(rec), strings.NewReader(share))
		if err != nil {
			t.Fatalf("trustee %s: %v", u, err)
		}
		b, _ := json.Marshal(partial)
		file := filepath.Join(t.TempDir(), "phan-giai-ma.json")
		os.WriteFile(file, b, 0o600)
		goTo(uctx, mpath, "#upload-partial")
		if err := chromedp.Do(uctx, chromedp.SetUploadFiles(chromedp.CSS("#f-partial"), []string{file})); err != nil {
			t.Fatal(err)
		}
		submitForm(t, uctx, "#upload-partial")
	}
	return mpath
}

// TestBrowserLadder carries a Bằng khen của Chủ tịch UBND tỉnh up the ladder
// in chromium: the head of Phòng Hành chính – Tổ chức submits a proposal
// for a Giấy khen and a Bằng khen; the office's officer receives and
// appraises it, its council votes, the officer issues the office's decision
// (the Giấy khen only, 01/QĐ-VPUBND) and forwards the Bằng khen from the
// proposal's "Thẩm quyền và trình cấp trên" page in one click; the
// province's officer finds it among the proposals, receives and appraises
// it, the provincial council votes, and the chairman's decision is issued
// as 01/QĐ-UBND and shows in the person's award history; the office sees
// the province's steps on its own proposal's timeline.
func TestBrowserLadder(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 420*time.Second)
	defer cancel()
	s := startDemo(t, func(c *Config) { c.Place = "Hà Nội" })
	base := s.URL()
	sys := thidua.NewSystemContext(ctx)
	accounts := append(append(append([]demo.Account{}, s.Accounts...), demo.CouncilAccounts...), demo.ProvinceAccounts...)
	bctx := newBrowser(t, ctx, exe)
	sessions := map[string]context.Context{}
	sign := func(u string) context.Context {
		if c, ok := sessions[u]; ok {
			return c
		}
		sessions[u] = signIn(t, bctx, base, demoAccount(t, accounts, u))
		return sessions[u]
	}
	goTo := func(uctx context.Context, path, sel string) {
		t.Helper()
		if err := chromedp.Do(uctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}
	person := func(name string) *thidua.Person {
		ps, _, err := s.DB.FindPeople(sys, thidua.PersonFilter{Query: name})
		if err != nil || len(ps) != 1 {
			t.Fatalf("person %s: %d %v", name, len(ps), err)
		}
		return ps[0]
	}
	dat, ha := person("Bùi Văn Đạt"), person("Đặng Thị Thu Hà")
	units, _, _ := s.DB.FindUnits(sys, thidua.UnitFilter{Query: "Phòng Hành chính"})
	if len(units) != 1 {
		t.Fatalf("units %+v", units)
	}
	// The draft, as the head would type it (the nominee editor has its own tests).
	headUser, err := s.DB.FindUserByUsername(sys, "truongphonghc")
	if err != nil {
		t.Fatal(err)
	}
	hctx := thidua.NewContextWithUser(ctx, headUser)
	p := &thidua.Proposal{UnitID: units[0].ID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Tờ trình đề nghị khen thưởng tổng kết năm 2025"}
	if err := s.DB.CreateProposal(hctx, p); err != nil {
		t.Fatal(err)
	}
	why := "Có thành tích xuất sắc trong năm 2025."
	if err := s.DB.SetNominees(hctx, p.ID, p.Version, []*thidua.Nominee{
		{Subject: thidua.SubjectPerson, SubjectID: dat.ID, Award: thidua.FormGK, Override: why},
		{Subject: thidua.SubjectPerson, SubjectID: ha.ID, Award: thidua.FormBKCT, Override: why},
	}); err != nil {
		t.Fatal(err)
	}
	ppath := "/app/proposals/" + strconv.FormatInt(p.ID, 10)

	// ---- the department submits; the office appraises; its council votes
	head := sign("truongphonghc")
	goTo(head, ppath, "#submit-proposal")
	submitForm(t, head, "#submit-proposal")
	appraise := func(officer context.Context, path string) {
		t.Helper()
		goTo(officer, path, "#action-receive")
		submitForm(t, officer, "#action-receive")
		q, err := s.DB.FindProposalByID(sys, mustID(t, path))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range q.Nominees {
			id := strconv.FormatInt(n.ID, 10)
			goTo(officer, path, "#appraisal-"+id)
			if err := chromedp.Do(officer, chromedp.SendKeys(chromedp.CSS("#appraisal-"+id), "Đạt: đủ điều kiện theo hồ sơ.")); err != nil {
				t.Fatal(err)
			}
			submitForm(t, officer, "#confirm-"+id+" button")
		}
		for _, a := range []string{"appraise", "to_council"} {
			goTo(officer, path, "#action-"+a)
			submitForm(t, officer, "#action-"+a)
		}
	}
	office := sign("thiduakt")
	appraise(office, ppath)
	mpath := meetInPages(t, base, office, sign, officeCouncil(t, s), "thukyhd",
		[]string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1", "uyvienhd2"}, []string{"chutichhd", "thukyhd"})
	issue := func(officer context.Context, mpath, signer, want string) {
		t.Helper()
		goTo(officer, mpath, "#draft-decision")
		if err := chromedp.Do(officer,
			chromedp.Click(chromedp.CSS("#draft-decision")),
			chromedp.WaitVisible(chromedp.CSS("#f-signer_name")),
			chromedp.SetValue(chromedp.CSS("#f-signer_name"), signer),
		); err != nil {
			t.Fatalf("fill the draft: %v", err)
		}
		submitForm(t, officer, "#save-decision")
		if flash := submitForm(t, officer, "#issue-decision"); !strings.HasPrefix(flash, "Đã ban hành Quyết định số "+want) {
			t.Errorf("flash after issuing: %q, want %s", flash, want)
		}
	}
	issue(office, mpath, "Trần Quốc Bình", "01/QĐ-VPUBND")

	// ---- one click: up to the province
	goTo(office, ppath, "#ladder-link")
	if err := chromedp.Do(office, chromedp.Click(chromedp.CSS("#ladder-link")), chromedp.WaitVisible(chromedp.CSS("#authorities"))); err != nil {
		t.Fatal(err)
	}
	text, _ := chromedp.Run(office, chromedp.Text(chromedp.CSS("#authorities")))
	if !strings.Contains(text, "Chủ tịch UBND tỉnh") || !strings.Contains(text, "Trình cấp trên") || !strings.Contains(text, "Quyết định tại cấp này") {
		t.Errorf("authorities on the ladder page: %q", text)
	}
	if flash := submitForm(t, office, `form[action$="/forward"] button`); !strings.HasPrefix(flash, "Đã trình Ủy ban nhân dân tỉnh") {
		t.Errorf("flash after forwarding: %q", flash)
	}
	loc, _ := chromedp.Run(office, chromedp.Location())
	upPath := strings.TrimPrefix(loc, base)

	// ---- the province: from its list, appraisal, council, the chairman's decision
	province := sign("thiduatinh")
	goTo(province, "/app/proposals", "main")
	list, _ := chromedp.Run(province, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(list, "Chủ tịch UBND tỉnh") || strings.Contains(list, "tổng kết năm 2025\n") {
		t.Errorf("the province's proposals: %q", list)
	}
	appraise(province, upPath)
	mpath = meetInPages(t, base, province, sign, councilNamed(t, s, demo.ProvinceCouncilName), "thukyhdtinh",
		[]string{"chutichtinh", "truongbantdkt", "giamdocstp", "giamdocstc"}, []string{"chutichtinh", "thukyhdtinh"})
	issue(province, mpath, "Hà Văn Nghĩa", "01/QĐ-UBND")
	goTo(province, "/app/people/"+strconv.FormatInt(ha.ID, 10)+"/history", "main")
	shown, err := chromedp.Run(province, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll("main input")).some(i => i.value === "01/QĐ-UBND")`))
	if err != nil || !shown {
		t.Errorf("Đặng Thị Thu Hà's history page does not show 01/QĐ-UBND (%v)", err)
	}

	// ---- the office sees where its nominee is
	goTo(office, ppath, "ol.timeline")
	tl, _ := chromedp.Run(office, chromedp.Text(chromedp.CSS("ol.timeline")))
	if !strings.Contains(tl, "Trình cấp trên") || !strings.Contains(tl, "Cấp trên: có quyết định khen thưởng") || !strings.Contains(tl, "01/QĐ-UBND") {
		t.Errorf("the office's timeline: %q", tl)
	}
	ds, _, err := s.DB.FindDecisions(sys, thidua.DecisionFilter{})
	refs := map[string]string{}
	for _, d := range ds {
		for _, r := range d.Recipients {
			refs[d.Ref()] += r.Award + " "
		}
	}
	if err != nil || refs["01/QĐ-UBND"] != "BKCT " || refs["01/QĐ-VPUBND"] != "GK " {
		t.Errorf("decisions %v %v", refs, err)
	}
	if ctx.Err() != nil {
		t.Errorf("the test ran out of time: %v", ctx.Err())
	}
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("no ID in %s", path)
	}
	return id
}
