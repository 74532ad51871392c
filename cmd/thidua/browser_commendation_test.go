package main

import (
	"context"
	"encoding/base64"
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

// TestBrowserCommendation walks the demo campaign's shortlist from proposal
// to the decision's PDF in chromium: the head of Phòng Hành chính – Tổ chức
// proposes the shortlist and submits it; the emulation officer receives it,
// confirms every open condition, appraises it and sends it to the council,
// and opens a meeting; the council's secretary takes attendance; the five
// members vote (each sees a receipt code once); the secretary closes the
// meeting; the officer drafts and issues the decision, which gets number 01,
// and downloads its PDF (and the certificates and minutes).
func TestBrowserCommendation(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 180*time.Second)
	defer cancel()

	s := startDemo(t, func(c *Config) { c.Place = "Hà Nội" })
	base := s.URL()
	sys := thidua.NewSystemContext(ctx)
	officerAcc := demoAccount(t, s.Accounts, "thiduakt")
	headAcc := demoAccount(t, s.Accounts, "truongphonghc")
	councilAccs := map[string]demo.Account{"hoidong": demoAccount(t, s.Accounts, "hoidong")}
	for _, a := range demo.CouncilAccounts {
		councilAccs[a.Username] = a
	}
	// The seed's campaign, not the demo bloc's 2025 review.
	cs, _, err := s.DB.FindCampaigns(sys, thidua.CampaignFilter{Query: demo.CampaignPlan})
	if err != nil || len(cs) != 1 || cs[0].Title != demo.CampaignTitle {
		t.Fatalf("demo campaign: %d found, %v", len(cs), err)
	}
	camp := cs[0]

	bctx := newBrowser(t, ctx, exe)
	shot := func(uctx context.Context, name string) {
		t.Helper()
		png, err := chromedp.Run(uctx, chromedp.FullScreenshot(100))
		if err != nil {
			// A screenshot is a record for whoever reads a failure, not
			// a check: chromium under load sometimes has no layout yet.
			t.Logf("screenshot %s: %v", name, err)
			return
		}
		saveScreenshot(t, name, png)
	}
	goTo := func(uctx context.Context, path, sel string) {
		t.Helper()
		if err := chromedp.Do(uctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}

	// ---- the unit head proposes the shortlist
	head := signIn(t, bctx, base, headAcc)
	goTo(head, "/app/proposals/new?campaign="+strconv.FormatInt(camp.ID, 10), "#f-title")
	if flash := submitForm(t, head, `form[action="/app/proposals"] button[type="submit"]`); !strings.HasPrefix(flash, "Đã lập tờ trình") {
		t.Errorf("flash after create: %q", flash)
	}
	loc, _ := chromedp.Run(head, chromedp.Location())
	m := regexp.MustCompile(`/app/proposals/(\d+)/nominees$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("after create at %s, want the nominee editor", loc)
	}
	pid, _ := strconv.ParseInt(m[1], 10, 64)
	ppath := "/app/proposals/" + m[1]
	if flash := submitForm(t, head, "#pull-shortlist"); flash != "Đã thêm 6 tập thể, cá nhân từ danh sách rút gọn của đợt thi đua." {
		t.Errorf("flash after the shortlist: %q", flash)
	}
	shot(head, "commendation-nominees.png")
	goTo(head, ppath, "#submit-proposal")
	if flash := submitForm(t, head, "#submit-proposal"); !strings.HasPrefix(flash, "Đã gửi tờ trình") {
		t.Errorf("flash after submit: %q", flash)
	}
	p, err := s.DB.FindProposalByID(sys, pid)
	if err != nil || p.State != thidua.ProposalSubmitted || len(p.Nominees) != 6 {
		t.Fatalf("submitted proposal %+v %v", p, err)
	}

	// ---- the officer receives, appraises and sends it to the council
	officer := signIn(t, bctx, base, officerAcc)
	goTo(officer, ppath, "#action-receive")
	if flash := submitForm(t, officer, "#action-receive"); !strings.Contains(flash, "Đã tiếp nhận") {
		t.Errorf("flash after receive: %q", flash)
	}
	for _, n := range p.Nominees {
		id := strconv.FormatInt(n.ID, 10)
		goTo(officer, ppath, "#appraisal-"+id)
		if err := chromedp.Do(officer, chromedp.SendKeys(chromedp.CSS("#appraisal-"+id), "Đạt: đã xác minh thành tích trong đợt thi đua.")); err != nil {
			t.Fatal(err)
		}
		if flash := submitForm(t, officer, "#confirm-"+id+" button"); flash != "Đã ghi kết luận thẩm định: đạt." {
			t.Errorf("flash after confirming %s: %q", n.Name, flash)
		}
	}
	shot(officer, "commendation-proposal.png")
	for _, a := range []string{"appraise", "to_council"} {
		goTo(officer, ppath, "#action-"+a)
		submitForm(t, officer, "#action-"+a)
	}
	if p, _ = s.DB.FindProposalByID(sys, pid); p.State != thidua.ProposalCouncil {
		t.Fatalf("proposal state %s", p.State)
	}

	// ---- the meeting
	council := officeCouncil(t, s)
	goTo(officer, "/app/councils/"+strconv.FormatInt(council.ID, 10)+"/edit", "#role-thukyhd")
	shot(officer, "commendation-council-form.png")
	goTo(officer, "/app/councils/"+strconv.FormatInt(council.ID, 10)+"/meetings/new", "#save")
	if flash := submitForm(t, officer, "#save"); !strings.HasPrefix(flash, "Đã mở phiên họp") {
		t.Errorf("flash after opening the meeting: %q", flash)
	}
	loc, _ = chromedp.Run(officer, chromedp.Location())
	mm := regexp.MustCompile(`/app/meetings/(\d+)$`).FindStringSubmatch(loc)
	if mm == nil {
		t.Fatalf("after opening the meeting at %s", loc)
	}
	mpath := "/app/meetings/" + mm[1]

	secretary := signIn(t, bctx, base, councilAccs["thukyhd"])
	goTo(secretary, mpath, "#save-attendance")
	if err := chromedp.Do(secretary, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#attendance-form input[name="present"]').forEach(c => c.checked = true); 0`)); err != nil {
		t.Fatal(err)
	}
	if flash := submitForm(t, secretary, "#save-attendance"); flash != "Đã ghi danh sách dự họp: 5 thành viên có mặt." {
		t.Errorf("flash after attendance: %q", flash)
	}
	receipt := regexp.MustCompile(`^[0-9a-f]{64}$`)
	members := map[string]context.Context{}
	for _, u := range []string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1", "uyvienhd2"} {
		member := signIn(t, bctx, base, councilAccs[u])
		members[u] = member
		goTo(member, mpath, "#go-vote")
		err := chromedp.Do(member,
			chromedp.Click(chromedp.CSS("#go-vote")),
			chromedp.WaitVisible(chromedp.CSS("#cast-vote")),
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#ballot input[value="AGREE"]').forEach(r => r.checked = true); 0`),
			chromedp.Click(chromedp.CSS("#cast-vote")),
			chromedp.WaitVisible(chromedp.CSS("#receipt-code")),
		)
		if err != nil {
			t.Fatalf("%s votes: %v", u, err)
		}
		code, err := chromedp.Run(member, chromedp.Text(chromedp.CSS("#receipt-code")))
		if err != nil || !receipt.MatchString(code) {
			t.Errorf("%s: receipt %q %v", u, code, err)
		}
		if u == "hoidong" {
			shot(member, "commendation-receipt.png")
		}
	}
	goTo(secretary, mpath, "#close-meeting")
	if flash := submitForm(t, secretary, "#close-meeting"); !strings.HasPrefix(flash, "Đã kết thúc bỏ phiếu") {
		t.Errorf("flash after closing: %q", flash)
	}
	// Two of the three trustees (the chair and the secretary) each, in
	// their own session: take their share with the button's form, download
	// the record from its link, compute the partial decryption offline
	// with what `thidua ballot decrypt-share` runs, and upload the file.
	fetchForm := func(uctx context.Context, form string) string {
		t.Helper()
		body, err := chromedp.Run(uctx, chromedp.Evaluate[string](`(() => { const f = document.querySelector(`+strconv.Quote(form)+`);
			return fetch(f.action, {method: "POST", body: new URLSearchParams(new FormData(f))}).then(r => r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status))); })()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("submit %s: %v", form, err)
		}
		return body
	}
	for i, uctx := range []context.Context{members["chutichhd"], secretary} {
		goTo(uctx, mpath, "#download-share")
		share := fetchForm(uctx, "#share-form")
		goTo(uctx, mpath, "#download-record")
		rec, err := chromedp.Run(uctx, chromedp.Evaluate[string](`fetch(document.querySelector("#download-record").href).then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		partial, err := ballot.DecryptShare(strings.NewReader(rec), strings.NewReader(share))
		if err != nil {
			t.Fatalf("trustee %d: %v", i+1, err)
		}
		b, _ := json.Marshal(partial)
		file := filepath.Join(t.TempDir(), "phan-giai-ma.json")
		os.WriteFile(file, b, 0o600)
		goTo(uctx, mpath, "#upload-partial")
		if err := chromedp.Do(uctx, chromedp.SetUploadFiles(chromedp.CSS("#f-partial"), []string{file})); err != nil {
			t.Fatal(err)
		}
		flash := submitForm(t, uctx, "#upload-partial")
		if i == 1 && !strings.HasPrefix(flash, "Đã giải mã tổng phiếu và kết thúc kiểm phiếu: 6/6 đối tượng đạt") {
			t.Errorf("flash after the second partial: %q", flash)
		}
	}
	shot(secretary, "commendation-tally.png")

	// ---- the decision
	goTo(officer, mpath, "#draft-decision")
	err = chromedp.Do(officer,
		chromedp.Click(chromedp.CSS("#draft-decision")),
		chromedp.WaitVisible(chromedp.CSS("#f-signer_name")),
		chromedp.SendKeys(chromedp.CSS("#f-signer_name"), "Trần Quốc Bình"),
	)
	if err != nil {
		t.Fatalf("fill the draft: %v", err)
	}
	// The honour-roll box is ticked by default.
	if ticked, err := chromedp.Run(officer, chromedp.Evaluate[bool](`document.querySelector("#f-public").checked`)); err != nil || !ticked {
		t.Errorf("the honour-roll box of a new decision is not ticked: %v", err)
	}
	if flash := submitForm(t, officer, "#save-decision"); !strings.HasPrefix(flash, "Đã lập dự thảo quyết định") {
		t.Errorf("flash after the draft: %q", flash)
	}
	if flash := submitForm(t, officer, "#issue-decision"); !strings.HasPrefix(flash, "Đã ban hành Quyết định số 01/QĐ-VPUBND ngày") {
		t.Errorf("flash after issuing: %q", flash)
	}
	ref, err := chromedp.Run(officer, chromedp.Text(chromedp.CSS("#decision-ref")))
	if err != nil || ref != "01/QĐ-VPUBND" {
		t.Errorf("decision number on the page: %q %v", ref, err)
	}
	shot(officer, "commendation-decision.png")

	// The documents, fetched in the page with the officer's session.
	loc, _ = chromedp.Run(officer, chromedp.Location())
	dpath := strings.TrimPrefix(loc, base)
	for _, doc := range []struct{ path, name, magic string }{
		{dpath + "/decision.pdf", "commendation-decision.pdf", "%PDF"},
		{dpath + "/certificates.pdf", "commendation-certificates.pdf", "%PDF"},
		{dpath + "/certificates.pdf?blank=1&x=3&y=-2", "commendation-certificates-blank.pdf", "%PDF"},
		{dpath + "/decision.xlsx", "commendation-decision.xlsx", "PK"},
		{mpath + "/minutes.pdf", "commendation-minutes.pdf", "%PDF"},
		{mpath + "/vote-count.pdf", "commendation-vote-count.pdf", "%PDF"},
	} {
		b64, err := chromedp.Run(officer, chromedp.Evaluate[string](`fetch(`+strconv.Quote(doc.path)+`).then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error("HTTP " + r.status)))
			.then(b => { let s = ""; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); return btoa(s); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("download %s: %v", doc.path, err)
			continue
		}
		data, _ := base64.StdEncoding.DecodeString(b64)
		if !strings.HasPrefix(string(data), doc.magic) {
			t.Errorf("%s does not start with %s: %.20q", doc.path, doc.magic, data)
		}
		if d := os.Getenv("THIDUA_SCREENSHOT_DIR"); d != "" {
			os.WriteFile(filepath.Join(d, doc.name), data, 0o644)
		}
	}

	// The public honour roll, without signing in.
	anon, cancelAnon := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancelAnon()
	goTo(anon, "/vinh-danh", "h1")
	text, err := chromedp.Run(anon, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(text, "Quyết định số 01/QĐ-VPUBND") || !strings.Contains(text, "Nguyễn Ngọc Ánh") {
		t.Errorf("honour roll: %q %v", text, err)
	}
	shot(anon, "commendation-honour-roll.png")

	ds, _, err := s.DB.FindDecisions(sys, thidua.DecisionFilter{})
	if err != nil || len(ds) != 1 || ds[0].Ref() != "01/QĐ-VPUBND" || len(ds[0].Recipients) != 6 || !ds[0].Public {
		t.Errorf("stored decisions %+v %v", ds, err)
	}
	if err := chromedp.Cancel(bctx); err != nil {
		t.Errorf("close the chromium tab: %v", err)
	}
	if ctx.Err() != nil {
		t.Errorf("the test ran out of time: %v", ctx.Err())
	}
}
