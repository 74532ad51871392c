package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
	"thidua/ballot"
	"thidua/demo"
)

// walker drives the people of the walk through the pages by what they see:
// every step finds a link or button by its visible text and clicks it,
// counting the clicks. Only the sign-in (and the portal's front page for a
// visitor) is opened by its address.
type walker struct {
	t      *testing.T
	base   string
	clicks int
}

// mark finds, inside the first element matching scope, the visible link,
// button or summary whose text is want (or, failing that, contains it),
// and marks it data-walk. It returns "summary" for a <details> toggle,
// "nav" for anything that leads to a page, or "" when nothing matches.
func (w *walker) mark(ctx context.Context, scope, want string) string {
	w.t.Helper()
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	const scope = document.querySelector(`+strconv.Quote(scope)+`);
	if (!scope) return "";
	const norm = s => (s || "").replace(/\s+/g, " ").trim();
	const seen = e => e.tagName === "SUMMARY" ? e.offsetParent !== null || e.closest("details") : e.offsetParent !== null;
	const els = Array.from(scope.querySelectorAll('a[href], button, summary, input[type="submit"]')).filter(seen);
	const want = `+strconv.Quote(want)+`;
	const hit = els.find(e => norm(e.textContent || e.value) === want) || els.find(e => norm(e.textContent || e.value).includes(want));
	if (!hit) return "";
	document.querySelectorAll("[data-walk]").forEach(e => e.removeAttribute("data-walk"));
	hit.setAttribute("data-walk", "");
	window.confirm = () => true;
	if (hit.tagName === "SUMMARY") return "summary";
	document.body.setAttribute("data-submitted", "");
	return "nav";
})()`))
	if err != nil {
		w.t.Fatalf("look for %q in %s: %v", want, scope, err)
	}
	return kind
}

// click clicks the visible link or button with text want inside scope and
// waits for the page it leads to.
func (w *walker) click(ctx context.Context, scope, want string) {
	w.t.Helper()
	kind := w.mark(ctx, scope, want)
	if kind == "" {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("main") || {}).innerText || ""`))
		w.t.Fatalf("dead end at %s: no link or button %q in %s; the page shows: %.1500s", loc, want, scope, text)
	}
	w.clicks++
	acts := []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS("[data-walk]"))}
	if kind == "nav" {
		acts = append(acts, chromedp.WaitReady(chromedp.CSS(`body:not([data-submitted]) main`)), parsed)
	}
	// A page that never comes (a broken template) fails this step, not
	// the whole test's deadline.
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, acts...); err != nil {
		w.t.Fatalf("click %q: %v", want, err)
	}
}

// submit clicks the button want inside scope and returns the confirmation
// the next page shows; a page without one fails the test with its errors.
func (w *walker) submit(ctx context.Context, scope, want string) string {
	w.t.Helper()
	w.click(ctx, scope, want)
	flash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("p.flash") || {textContent: ""}).textContent`))
	if err != nil || flash == "" {
		errs, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll('[role="alert"], .field-error, .error-text')).map(e => e.textContent.trim())`))
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		w.t.Fatalf("%q: no confirmation at %s (%v); the page shows %q", want, loc, err, errs)
	}
	return strings.TrimSpace(flash)
}

// task follows the item of "Việc cần làm" whose title starts with prefix
// and contains name, from the home page reached by the navigation.
func (w *walker) task(ctx context.Context, prefix, name string) {
	w.t.Helper()
	w.click(ctx, "nav", "Việc cần làm")
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
	const a = Array.from(document.querySelectorAll("table.tasks a")).find(a => a.textContent.startsWith(`+strconv.Quote(prefix)+`) && a.textContent.includes(`+strconv.Quote(name)+`));
	if (!a) return false;
	document.querySelectorAll("[data-walk]").forEach(e => e.removeAttribute("data-walk"));
	a.setAttribute("data-walk", ""); document.body.setAttribute("data-submitted", ""); return true; })()`))
	if err != nil || !ok {
		items, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.tasks a")).map(a => a.textContent)`))
		w.t.Fatalf("no task %q about %q in Việc cần làm (%v): %q", prefix, name, err, items)
	}
	w.clicks++
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-walk]")), chromedp.WaitReady(chromedp.CSS(`body:not([data-submitted]) main`)), parsed); err != nil {
		w.t.Fatalf("follow task %q: %v", prefix, err)
	}
}

// row marks the table row of sel that contains text and returns a
// selector for it, to scope a click to that row.
func (w *walker) row(ctx context.Context, sel, text string) string {
	w.t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
	document.querySelectorAll("[data-walk-row]").forEach(e => e.removeAttribute("data-walk-row"));
	const r = Array.from(document.querySelectorAll(`+strconv.Quote(sel+" tr")+`)).find(r => r.textContent.includes(`+strconv.Quote(text)+`));
	if (!r) return false; r.setAttribute("data-walk-row", ""); return true; })()`))
	if err != nil || !ok {
		w.t.Fatalf("no row with %q in %s: %v", text, sel, err)
	}
	return "[data-walk-row]"
}

// js runs a script on the page (filling fields: typing, not clicking).
func (w *walker) js(ctx context.Context, script string) {
	w.t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](script+"; 0")); err != nil {
		w.t.Fatalf("%s: %v", script, err)
	}
}

// download fetches the href of the visible link want with the page's own
// session (one click: chromium's download handling is not needed to read
// the file).
func (w *walker) download(ctx context.Context, scope, want string) []byte {
	w.t.Helper()
	if w.mark(ctx, scope, want) == "" {
		w.t.Fatalf("no download link %q", want)
	}
	w.clicks++
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { document.body.removeAttribute("data-submitted");
	const e = document.querySelector("[data-walk]");
	const req = e.tagName === "A" ? fetch(e.href) : fetch(e.form.action + "?" + new URLSearchParams(new FormData(e.form)));
	return req.then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error("HTTP " + r.status)))
		.then(b => { let s = ""; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); return btoa(s); }); })()`, chromedp.EvalAwaitPromise))
	if err != nil {
		w.t.Fatalf("download %q: %v", want, err)
	}
	data, _ := base64.StdEncoding.DecodeString(b64)
	return data
}

// text returns the text of the page's main element.
func (w *walker) text(ctx context.Context) string {
	w.t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
	if err != nil {
		w.t.Fatal(err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// walkPDFText extracts a PDF's text with pdftotext, or returns "" without
// it (the PDF checks of package report need it under CI).
func walkPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext not found: apt-get install poppler-utils")
		}
		t.Log("pdftotext not found: the PDFs' text is not checked (apt-get install poppler-utils)")
		return ""
	}
	in := filepath.Join(t.TempDir(), "walk.pdf")
	os.WriteFile(in, pdf, 0o600)
	out, err := exec.Command(tool, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestBrowserWalk walks the seed's story on the demo office end to end in
// chromium, as each role in turn, following only the links and buttons a
// person sees and the items of "Việc cần làm" (no address typed after
// signing in): the officer returns a registration with a reason; the head
// of Phòng Hành chính – Tổ chức finds it in the inbox, adds evidence, fixes
// the commitments and sends it again; the officer approves it from the
// inbox; the staff member finds their own registration; the council's
// reviewer scores it from "Chấm điểm của tôi"; the officer reads the
// ranking; the head proposes the shortlist; the officer receives and
// appraises the proposal, sends it to the council and opens a meeting; the
// secretary takes attendance; every member votes from the inbox item; the
// secretary closes the vote; two trustees decrypt the tally; the officer
// drafts and issues the decision, downloads its PDF and the certificates,
// finds the award in the person's history and closes the campaign; the
// editor drafts the results article from the campaign and sends it for
// approval; the officer (another person: four eyes) approves and publishes
// it; a visitor reads it on the portal. It logs the number of clicks.
func TestBrowserWalk(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 240*time.Second)
	defer cancel()

	s := startDemo(t, func(c *Config) { c.Place = "Hà Nội" })
	base := s.URL()
	sys := thidua.NewSystemContext(ctx)
	acc := func(u string) demo.Account { return demoAccount(t, s.Accounts, u) }
	council := map[string]demo.Account{"hoidong": acc("hoidong")}
	for _, a := range demo.CouncilAccounts {
		council[a.Username] = a
	}
	// The seed's campaign, not the demo bloc's 2025 review.
	cs, _, err := s.DB.FindCampaigns(sys, thidua.CampaignFilter{Query: demo.CampaignPlan})
	if err != nil || len(cs) != 1 || cs[0].Title != demo.CampaignTitle {
		t.Fatalf("demo campaign: %d found, %v", len(cs), err)
	}
	camp := cs[0]
	w := &walker{t: t, base: base}
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
	// The registration the story follows: a person of the head's unit.
	const person = "Trần Thị Thư"
	const reason = "Thiếu bản đăng ký có chữ ký của thủ trưởng đơn vị"

	// ---- the officer returns the registration with a reason
	officer := signIn(t, bctx, base, acc("thiduakt"))
	w.click(officer, "nav", "Thi đua")
	w.click(officer, "main", camp.Title)
	w.click(officer, "main", "Đăng ký, minh chứng, chấm điểm")
	row := w.row(officer, "main table", person)
	w.js(officer, `document.querySelector("[data-walk-row] input[name=reason]").value = `+strconv.Quote(reason))
	if flash := w.submit(officer, row, "Trả lại"); !strings.Contains(flash, "trả lại") && !strings.Contains(flash, "Trả lại") {
		t.Errorf("flash after returning: %q", flash)
	}

	// ---- the unit head finds it in the inbox, adds evidence, fixes and resubmits
	head := signIn(t, bctx, base, acc("truongphonghc"))
	w.task(head, "Đăng ký bị trả lại", person)
	if text := w.text(head); !strings.Contains(text, reason) {
		t.Errorf("the returned registration does not show its reason: %.800s", text)
	}
	w.click(head, "main", "Thêm minh chứng cho TC1")
	w.js(head, `(() => { const f = document.querySelector("details.add-evidence[open] form");
		f.querySelector("textarea[name=text]").value = "Bản đăng ký thi đua có chữ ký của Trưởng phòng Hành chính – Tổ chức.";
		f.querySelector("input[name=figure]").value = "100%";
		f.querySelector("input[name=date]").value = "20/05/2021"; })()`)
	if flash := w.submit(head, "details.add-evidence[open]", "Lưu minh chứng"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after the evidence: %q", flash)
	}
	w.js(head, `(() => { const t = document.querySelector("#gui-lai textarea"); t.value = t.value + "\nCó bản đăng ký ký tên của thủ trưởng đơn vị."; })()`)
	if flash := w.submit(head, "#gui-lai", "Gửi lại đăng ký"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after resubmitting: %q", flash)
	}
	shot(head, "walk-resubmitted.png")

	// ---- the officer approves it from the inbox
	w.task(officer, "Đăng ký chờ duyệt", person)
	if loc, _ := chromedp.Run(officer, chromedp.Location()); strings.Contains(loc, "/registrations/") && !strings.HasSuffix(loc, "/registrations") {
		// The item leads to the registration; its list has the buttons.
		w.click(officer, "main", "‹ Đăng ký thi đua")
	}
	if flash := w.submit(officer, w.row(officer, "main table", person), "Duyệt"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after approving: %q", flash)
	}

	// ---- the staff member finds their own registration
	staff := signIn(t, bctx, base, acc("canhan"))
	w.click(staff, "nav", "Thi đua")
	w.click(staff, "main", camp.Title)
	w.click(staff, "main", "Đăng ký, minh chứng, chấm điểm")
	w.click(staff, "main table", "Phan Tuấn Anh")
	if text := w.text(staff); !strings.Contains(text, "Phan Tuấn Anh") {
		t.Errorf("the staff member's registration: %.500s", text)
	}

	// ---- the reviewer scores it from "Chấm điểm của tôi"
	reviewer := signIn(t, bctx, base, council["hoidong"])
	w.click(reviewer, "nav", "Thi đua")
	w.click(reviewer, "main", camp.Title)
	w.click(reviewer, "main", "Chấm điểm của tôi")
	w.click(reviewer, "main table", person)
	w.js(reviewer, `document.querySelectorAll("form.score-all input[name^=value_]").forEach(i => { if (!i.value) i.value = "20"; })`)
	if flash := w.submit(reviewer, "form.score-all", "Lưu điểm"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after scoring: %q", flash)
	}

	// ---- the officer reads the ranking
	w.click(officer, "nav", "Thi đua")
	w.click(officer, "main", camp.Title)
	w.click(officer, "main", "Kết quả, xếp hạng")
	if text := w.text(officer); !strings.Contains(text, person) {
		t.Errorf("the ranking does not list %s: %.800s", person, text)
	}

	// ---- the head proposes the shortlist
	// From the ranking: the link fills in the campaign, its kind of award
	// and the year of achievement (the proposal form alone defaults to
	// this year's "công trạng", and every nominee would then fall short).
	w.click(head, "nav", "Thi đua")
	w.click(head, "main", camp.Title)
	w.click(head, "main", "Kết quả, xếp hạng")
	w.click(head, "main", "Lập tờ trình đề nghị khen thưởng theo đợt thi đua này")
	if got, err := chromedp.Run(head, chromedp.Evaluate[[]string](`["#f-campaign_id", "#f-kind", "#f-year", "#f-title"].map(s => document.querySelector(s).value)`)); err != nil ||
		got[0] != strconv.FormatInt(camp.ID, 10) || got[1] != thidua.AwardPhongTrao || got[2] != "2021" || got[3] == "" {
		t.Errorf("the proposal form from the ranking: %q %v", got, err)
	}
	w.js(head, `(() => { const s = document.querySelector("#f-unit_id"); if (!s.value) s.value = Array.from(s.options).find(o => o.textContent.includes("Hành chính")).value; })()`)
	if flash := w.submit(head, "main form", "Lập tờ trình"); !strings.HasPrefix(flash, "Đã lập tờ trình") {
		t.Errorf("flash after creating the proposal: %q", flash)
	}
	if flash := w.submit(head, "main", "danh sách rút gọn"); !strings.HasPrefix(flash, "Đã thêm") {
		t.Errorf("flash after the shortlist: %q", flash)
	}
	w.click(head, "main", "‹")
	if flash := w.submit(head, "main", "Gửi tờ trình"); !strings.HasPrefix(flash, "Đã gửi tờ trình") {
		t.Errorf("flash after submitting: %q", flash)
	}
	ps, _, err := s.DB.FindProposals(sys, thidua.ProposalFilter{})
	if err != nil || len(ps) == 0 {
		t.Fatalf("proposals: %v", err)
	}
	var prop *thidua.Proposal
	for _, p := range ps {
		if p.State == thidua.ProposalSubmitted {
			prop, _ = s.DB.FindProposalByID(sys, p.ID)
		}
	}
	if prop == nil || len(prop.Nominees) == 0 {
		t.Fatalf("no submitted proposal with nominees: %+v", ps)
	}

	// ---- the officer receives and appraises it from the inbox, sends it to the council
	w.task(officer, "Tờ trình chờ tiếp nhận", "")
	if flash := w.submit(officer, "main", "Tiếp nhận"); !strings.Contains(flash, "Đã tiếp nhận") {
		t.Errorf("flash after receiving: %q", flash)
	}
	w.task(officer, "Tờ trình chờ thẩm định", "")
	for _, n := range prop.Nominees {
		id := strconv.FormatInt(n.ID, 10)
		w.js(officer, `document.querySelector("#confirm-`+id+` textarea").value = "Đạt: đã xác minh thành tích trong đợt thi đua."`)
		if flash := w.submit(officer, "#confirm-"+id, "Ghi kết luận"); flash != "Đã ghi kết luận thẩm định: đạt." {
			t.Errorf("flash after confirming %s: %q", n.Name, flash)
		}
	}
	for _, a := range []string{"#action-appraise", "#action-to_council"} {
		label, err := chromedp.Run(officer, chromedp.Evaluate[string](`document.querySelector("`+a+`").innerText`))
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		w.submit(officer, "main", strings.TrimSpace(label))
	}
	w.click(officer, "nav", "Hội đồng")
	w.click(officer, "main table", "Hội đồng")
	w.click(officer, "main", "+ Phiên họp mới")
	if flash := w.submit(officer, "main form", "Mở phiên họp"); !strings.HasPrefix(flash, "Đã mở phiên họp") {
		t.Errorf("flash after opening the meeting: %q", flash)
	}

	// ---- the secretary takes attendance
	secretary := signIn(t, bctx, base, council["thukyhd"])
	w.click(secretary, "nav", "Hội đồng")
	w.click(secretary, "main table", "Hội đồng")
	w.click(secretary, w.row(secretary, "main", "Phiên họp xét khen thưởng ngày"), "Phiên họp xét khen thưởng")
	w.js(secretary, `document.querySelectorAll('#attendance-form input[name="present"]').forEach(c => c.checked = true)`)
	w.clicks += 5 // the five boxes ticked
	if flash := w.submit(secretary, "#attendance-form", "Lưu danh sách dự họp"); flash != "Đã ghi danh sách dự họp: 5 thành viên có mặt." {
		t.Errorf("flash after attendance: %q", flash)
	}

	// ---- every member votes from the inbox item
	members := map[string]context.Context{"thukyhd": secretary}
	for _, u := range []string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1", "uyvienhd2"} {
		m := reviewer
		if u != "hoidong" {
			m = signIn(t, bctx, base, council[u])
		}
		members[u] = m
		w.task(m, "Phiên họp chờ bỏ phiếu", "")
		if n, _ := chromedp.Run(m, chromedp.Evaluate[int](`document.querySelectorAll("#cast-vote").length`)); n == 0 {
			w.click(m, "main", "Bỏ phiếu")
		}
		n, err := chromedp.Run(m, chromedp.Evaluate[int](`(() => { const r = document.querySelectorAll('#ballot input[value="AGREE"]'); r.forEach(x => x.checked = true); return r.length; })()`))
		if err != nil || n == 0 {
			t.Fatalf("%s: no ballot (%v)", u, err)
		}
		w.clicks += n
		w.click(m, "main", "Gửi phiếu")
		if code, err := chromedp.Run(m, chromedp.Evaluate[string](`(document.querySelector("#receipt-code") || {}).innerText || ""`)); err != nil || len(code) != 64 {
			t.Errorf("%s: receipt %q %v", u, code, err)
		}
	}

	// ---- the secretary closes the vote from the inbox
	w.task(secretary, "Phiên họp chờ kết thúc", "")
	if flash := w.submit(secretary, "main", "Kết thúc bỏ phiếu"); !strings.HasPrefix(flash, "Đã kết thúc bỏ phiếu") {
		t.Errorf("flash after closing: %q", flash)
	}

	// ---- two trustees decrypt: each takes their share with the page's
	// button and the record with its link (both read by the test through
	// the page's own form and link with the trustee's session, rather than
	// chromium's download), computes the partial decryption offline as
	// `thidua ballot decrypt-share` does, and uploads the file.
	var flash string
	for i, u := range []string{"chutichhd", "thukyhd"} {
		m := members[u]
		w.click(m, "nav", "Hội đồng")
		w.click(m, "main table", "Hội đồng")
		w.click(m, w.row(m, "main", "Phiên họp xét khen thưởng ngày"), "Phiên họp xét khen thưởng")
		if w.mark(m, "#share-form", "Tải phần khóa của tôi") == "" {
			t.Fatalf("%s: no share button", u)
		}
		w.clicks++
		share, err := chromedp.Run(m, chromedp.Evaluate[string](`(() => { document.body.removeAttribute("data-submitted"); const f = document.querySelector("#share-form");
			return fetch(f.action, {method: "POST", body: new URLSearchParams(new FormData(f))}).then(r => r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status))); })()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: share: %v", u, err)
		}
		rec := w.download(m, "main", "Tải hòm phiếu điện tử (JSON)")
		partial, err := ballot.DecryptShare(strings.NewReader(string(rec)), strings.NewReader(share))
		if err != nil {
			t.Fatalf("trustee %d: %v", i+1, err)
		}
		b, _ := json.Marshal(partial)
		file := filepath.Join(t.TempDir(), "phan-giai-ma.json")
		os.WriteFile(file, b, 0o600)
		if err := chromedp.Do(m, chromedp.SetUploadFiles(chromedp.CSS("#f-partial"), []string{file})); err != nil {
			t.Fatal(err)
		}
		w.clicks++ // choosing the file
		flash = w.submit(m, "#partial-form", "Gửi phần giải mã")
	}
	if !strings.HasPrefix(flash, "Đã giải mã tổng phiếu và kết thúc kiểm phiếu") {
		t.Errorf("flash after the second partial: %q", flash)
	}

	// ---- the officer drafts and issues the decision
	w.click(officer, "nav", "Hội đồng")
	w.click(officer, "main table", "Hội đồng")
	w.click(officer, w.row(officer, "main", "Phiên họp xét khen thưởng ngày"), "Phiên họp xét khen thưởng")
	w.click(officer, "main", "Dự thảo quyết định khen thưởng")
	if err := chromedp.Do(officer, chromedp.SendKeys(chromedp.CSS("#f-signer_name"), "Trần Quốc Bình")); err != nil {
		t.Fatal(err)
	}
	if flash := w.submit(officer, "main form", "Lưu dự thảo"); !strings.HasPrefix(flash, "Đã lập dự thảo quyết định") {
		t.Errorf("flash after the draft: %q", flash)
	}
	w.task(officer, "Quyết định chờ ban hành", "")
	if flash := w.submit(officer, "#issue-form", "Ban hành và cấp số"); !strings.HasPrefix(flash, "Đã ban hành Quyết định số 01/QĐ-VPUBND ngày") {
		t.Errorf("flash after issuing: %q", flash)
	}
	shot(officer, "walk-decision.png")

	// ---- its PDF and the certificates
	pdf := w.download(officer, "main", "Quyết định (PDF)")
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("the decision is no PDF: %.20q", pdf)
	}
	if text := walkPDFText(t, pdf); text != "" && (!strings.Contains(text, "Số: 01/QĐ-VPUBND") || !strings.Contains(text, "QUYẾT ĐỊNH")) {
		t.Errorf("the decision PDF lacks its number or campaign: %.1200s", text)
	}
	certLabel, err := chromedp.Run(officer, chromedp.Evaluate[string](`(document.querySelector("#certificates-button") || {}).innerText || ""`))
	if err != nil {
		t.Fatal(err)
	}
	cert := w.download(officer, "#certificates-form", strings.TrimSpace(certLabel))
	if !strings.HasPrefix(string(cert), "%PDF") {
		t.Fatalf("the certificates are no PDF: %.20q", cert)
	}
	first, err := chromedp.Run(officer, chromedp.Evaluate[string](`(document.querySelector('main table a[href^="/app/people/"][href$="/history"]') || {}).innerText || ""`))
	if err != nil {
		t.Fatalf("no recipient linked to their history: %v", err)
	}
	first = strings.TrimSpace(first)
	if text := walkPDFText(t, cert); text != "" && !strings.Contains(text, first) {
		t.Errorf("the certificates do not name %s: %.800s", first, text)
	}

	// ---- the award in the person's history
	w.click(officer, "main table", first)
	// The officer may edit the history: its rows are fields, read by value.
	rows, err := chromedp.Run(officer, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("details.history-section tbody tr")).map(r =>
		Array.from(r.querySelectorAll("td")).map(td => { const f = td.querySelector("input, select"); return f ? (f.tagName === "SELECT" ? f.options[f.selectedIndex].text : f.value) : td.textContent.trim(); }).join(" | "))`))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if strings.Contains(r, "01/QĐ-VPUBND") {
			found = true
		}
	}
	if !found {
		t.Errorf("the history of %s lacks the decision 01/QĐ-VPUBND: %q", first, rows)
	}
	shot(officer, "walk-history.png")

	// ---- the campaign is closed and its ranking published inside the
	// agency; the editor, who works in the portal's centre, then sees the
	// whole ranking and drafts the results article from the articles page,
	// completes it and sends it for approval; the officer, who neither wrote
	// nor last edited it, publishes it (four eyes).
	w.click(officer, "nav", "Thi đua")
	w.click(officer, "main", camp.Title)
	w.submit(officer, "main", "Tổng kết, khóa kết quả")
	if flash := w.submit(officer, "main", "Công khai kết quả xếp hạng trong cơ quan"); !strings.HasPrefix(flash, "Đã công khai") {
		t.Errorf("flash after publishing the ranking: %q", flash)
	}
	editor := signIn(t, bctx, base, acc("bientap"))
	w.click(editor, "nav", "Tin bài")
	w.submit(editor, "main", "Soạn tin tổng kết")
	title, err := chromedp.Run(editor, chromedp.Value(chromedp.CSS("#f-title")))
	if err != nil {
		t.Fatal(err)
	}
	w.js(editor, `(() => { const b = document.querySelector("#f-body");
		b.value = b.value.replace(/\(Biên tập viên bổ sung:[^)]*\)/, "Đồng chí Chánh Văn phòng biểu dương các tập thể, cá nhân đã hoàn thành xuất sắc nhiệm vụ phục vụ cuộc bầu cử."); })()`)
	if flash := w.submit(editor, "main form", "Lưu"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after the editor's changes: %q", flash)
	}
	if text := w.text(editor); !strings.Contains(text, "Gửi duyệt") {
		w.click(editor, "main", "‹")
	}
	w.submit(editor, "main", "Gửi duyệt")
	w.click(officer, "nav", "Tin bài")
	w.click(officer, "main table", title)
	if flash := w.submit(officer, "main", "Duyệt và xuất bản"); !strings.HasPrefix(flash, "Đã") {
		t.Errorf("flash after publishing: %q", flash)
	}

	// ---- a visitor reads it on the portal
	anon, cancelAnon := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancelAnon()
	if err := chromedp.Do(anon, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	w.click(anon, "main", title)
	if text := w.text(anon); !strings.Contains(text, "Quyết định số 01/QĐ-VPUBND") || !strings.Contains(text, person) ||
		!strings.Contains(text, "biểu dương các tập thể") || strings.Contains(text, "Biên tập viên bổ sung") {
		t.Errorf("the results article on the portal: %.2500s", text)
	}
	shot(anon, "walk-article.png")

	t.Logf("walk: %d clicks", w.clicks)
	ds, _, err := s.DB.FindDecisions(sys, thidua.DecisionFilter{})
	if err != nil || len(ds) != 1 || ds[0].Ref() != "01/QĐ-VPUBND" {
		t.Errorf("stored decisions %+v %v", ds, err)
	}
	if ctx.Err() != nil {
		t.Errorf("the test ran out of time: %v", ctx.Err())
	}
}
