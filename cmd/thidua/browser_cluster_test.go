package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
	"thidua/demo"
	sqlclusters "thidua/sqldb/clusters"
)

// TestBrowserClusterYear runs a cluster's year in the pages, as the
// province's emulation officer and the members' people do it: the officer
// forms a bloc of Văn phòng UBND tỉnh and Sở Nội vụ for 2026 and renames
// it, records the signed covenant with its document, names each member's
// scorer and starts the review; each member scores itself, the officer
// moves the review to evaluating, each member's scorer scores the other
// member, the officer closes it; the cluster's page ranks the Office
// first, the members' scorers vote for it, the officer concludes, and the
// Office's history page shows R-CTT-01 (a) — leading its cluster, the
// condition of Cờ thi đua của UBND tỉnh — met, and Sở Nội vụ's not. Sở Nội vụ has no council
// account in the demo: the test makes one through the API.
func TestBrowserClusterYear(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Second)
	defer cancel()
	// Under Bắc Ninh's profile R-CTT-01 is graded A (QĐ 86/2025): a met
	// condition shows as met, not as one to review (the default's C).
	s := startDemo(t, func(c *Config) { c.Province = "bac-ninh" })
	base := s.URL()
	sys := thidua.NewSystemContext(ctx)
	unit := func(name string) *thidua.Unit {
		t.Helper()
		us, _, err := s.DB.FindUnits(sys, thidua.UnitFilter{Query: name})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range us {
			if u.Name == name {
				return u
			}
		}
		t.Fatalf("no unit %s", name)
		return nil
	}
	vp, snv := unit("Văn phòng UBND tỉnh"), unit("Sở Nội vụ")
	vpID, snvID := strconv.FormatInt(vp.ID, 10), strconv.FormatInt(snv.ID, 10)

	// Sở Nội vụ's council member, made by the administrator through the API.
	snvScorer := demo.Account{Username: "hoidongsnv", Password: "Cum@2026-hoidongsnv", Role: thidua.RoleCouncil, UnitName: snv.Name}
	req, _ := http.NewRequest("POST", base+"/api/v1/users", strings.NewReader(`{"username": "hoidongsnv", "display_name": "Đinh Thị Hương",
		"password": "Cum@2026-hoidongsnv", "grants": [{"role": "COUNCIL", "unit_id": `+snvID+`}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth("admin", demoAccount(t, s.Accounts, "admin").Password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create Sở Nội vụ's council member: %d", resp.StatusCode)
	}

	accounts := append(append(append([]demo.Account{}, s.Accounts...), demo.ProvinceAccounts...), snvScorer)
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
		wctx, stop := context.WithTimeout(uctx, 30*time.Second)
		defer stop()
		if err := chromedp.Do(wctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(sel)), parsed); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
	}
	do := func(uctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(uctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	mainText := func(uctx context.Context) string {
		t.Helper()
		text, err := chromedp.Run(uctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		if err != nil {
			t.Fatal(err)
		}
		return text
	}

	// ---- the province's officer forms the bloc, then renames it
	officer := sign(demo.ProvinceOfficer.Username)
	goTo(officer, "/app/clusters", `form[action="/app/clusters"] #f-name`)
	do(officer, "fill the new bloc",
		chromedp.SetValue(chromedp.CSS("#f-year"), "2026"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "KHOI"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Khối các cơ quan tham mưu"),
		chromedp.SetValue(chromedp.CSS("#f-unit_id"), strconv.FormatInt(vp.ParentID, 10)),
		chromedp.Click(chromedp.CSS(`input[name="member"][value="`+vpID+`"]`)),
		chromedp.Click(chromedp.CSS(`input[name="member"][value="`+snvID+`"]`)),
		chromedp.SetValue(chromedp.CSS("#f-leader_unit_id"), vpID),
		chromedp.SetValue(chromedp.CSS("#f-deputy_unit_id"), snvID))
	submitForm(t, officer, `form[method="post"][action="/app/clusters"] button[type="submit"]`)
	loc, err := chromedp.Run(officer, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	cpath := strings.TrimPrefix(loc, base)
	cid, err := strconv.ParseInt(strings.TrimPrefix(cpath, "/app/clusters/"), 10, 64)
	if err != nil {
		t.Fatalf("the bloc's page: %s", loc)
	}
	goTo(officer, cpath+"/edit", "#f-name")
	do(officer, "rename", chromedp.SetValue(chromedp.CSS("#f-name"), "Khối các cơ quan tham mưu tổng hợp"))
	if flash := submitForm(t, officer, `form[action="`+cpath+`"] button[type="submit"]`); !strings.Contains(flash, "Khối các cơ quan tham mưu tổng hợp") {
		t.Fatalf("renamed: %q", flash)
	}

	// ---- the signed covenant, with its document
	pdf := filepath.Join(t.TempDir(), "giao-uoc-2026.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n% Giao uoc thi dua 2026\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	goTo(officer, cpath+"/covenant", "#f-targets")
	do(officer, "fill the covenant",
		chromedp.SetValue(chromedp.CSS("#f-targets"), "1. Hoàn thành 100% nhiệm vụ được giao.\n2. Kỷ luật, kỷ cương hành chính."),
		chromedp.SendKeys(chromedp.CSS("#f-signed_on"), "15/01/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-signer_"+vpID), "Trần Quốc Bình"),
		chromedp.SendKeys(chromedp.CSS("#f-signer_post_"+vpID), "Chánh Văn phòng"),
		chromedp.SendKeys(chromedp.CSS("#f-signer_"+snvID), "Nguyễn Văn An"),
		chromedp.SendKeys(chromedp.CSS("#f-signer_post_"+snvID), "Giám đốc Sở Nội vụ"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{pdf}))
	submitForm(t, officer, `form[action="`+cpath+`/covenant"] button[type="submit"]`)
	if text := mainText(officer); !strings.Contains(text, "Ký ngày 15/01/2026") || !strings.Contains(text, "giao-uoc-2026.pdf") || !strings.Contains(text, "Giám đốc Sở Nội vụ") {
		t.Fatalf("the covenant on the page: %s", text)
	}

	// ---- the members' scorers, the criteria from the covenant, the start
	vpScorer, err := s.DB.FindUserByUsername(sys, "hoidong")
	if err != nil {
		t.Fatal(err)
	}
	snvUser, err := s.DB.FindUserByUsername(sys, "hoidongsnv")
	if err != nil {
		t.Fatal(err)
	}
	goTo(officer, cpath+"/review", "#f-scorer_"+snvID)
	do(officer, "fill the review's start",
		chromedp.SetValue(chromedp.CSS("#f-scorer_"+vpID), strconv.FormatInt(vpScorer.ID, 10)),
		chromedp.SetValue(chromedp.CSS("#f-scorer_"+snvID), strconv.FormatInt(snvUser.ID, 10)),
		chromedp.SendKeys(chromedp.CSS(`[id="f-criteria[0].max_score"]`), "60"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-criteria[1].max_score"]`), "40"))
	submitForm(t, officer, `form[action="`+cpath+`/review"] button[type="submit"]`)
	c, err := sqlclusters.New(s.DB).FindClusterByID(thidua.NewContextWithUser(sys, nil), cid)
	if err != nil || !c.Started() {
		t.Fatalf("the review did not start: %+v %v", c, err)
	}
	regs, err := s.DB.FindRegistrations(sys, c.CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	reg := map[int64]string{}
	for _, r := range regs {
		reg[r.UnitID] = "/app/registrations/" + strconv.FormatInt(r.ID, 10)
	}
	camp := "/app/campaigns/" + strconv.FormatInt(c.CampaignID, 10)
	goTo(officer, cpath, "#cham-diem")
	for _, link := range []string{reg[vp.ID], reg[snv.ID], camp + "/scoring"} {
		if n, _ := chromedp.Run(officer, chromedp.Evaluate[int](`document.querySelectorAll('main a[href="`+link+`"]').length`)); n == 0 {
			t.Fatalf("the cluster's page has no link to %s", link)
		}
	}

	// ---- scores: each member itself, then each scorer the other member
	crit, err := s.DB.FindCriteria(sys, c.CampaignID)
	if err != nil || len(crit) != 2 {
		t.Fatalf("criteria: %v %v", crit, err)
	}
	// A member scores itself criterion by criterion; a scorer scores a
	// member in one form.
	selfScore := func(uctx context.Context, path string, values ...string) {
		t.Helper()
		for i, v := range values {
			id := "s-SELF-" + strconv.FormatInt(crit[i].ID, 10)
			goTo(uctx, path, "#"+id)
			do(uctx, "self-score", chromedp.SendKeys(chromedp.CSS("#"+id), v))
			submitForm(t, uctx, `form.score-form:has(#`+id+`) button`)
		}
	}
	score := func(uctx context.Context, path, kind string, values ...string) {
		t.Helper()
		form := `form.score-all:has(input[name="kind"][value="` + kind + `"])`
		goTo(uctx, path, form)
		js := `(() => { const ins = document.querySelectorAll('` + form + ` input[name^="value_"]'); const v = ["` + strings.Join(values, `","`) + `"];
			v.forEach((x, i) => { ins[i].value = x; }); return ins.length; })()`
		if n, err := chromedp.Run(uctx, chromedp.Evaluate[int](js)); err != nil || n != len(values) {
			t.Fatalf("score %s %s: %d inputs, %v", kind, path, n, err)
		}
		submitForm(t, uctx, form+` .actions button:first-child`)
	}
	transition := func(action string) {
		t.Helper()
		sel := `form[action="` + camp + `/transition"]:has(input[name="action"][value="` + action + `"]) button`
		goTo(officer, camp, sel)
		submitForm(t, officer, sel)
	}
	selfScore(sign("thiduakt"), reg[vp.ID], "60", "40")
	selfScore(officer, reg[snv.ID], "60", "40")
	transition("evaluate")
	score(sign("hoidong"), reg[snv.ID], thidua.ScoreCouncil, "50", "30")
	score(sign("hoidongsnv"), reg[vp.ID], thidua.ScoreCouncil, "58", "38")
	transition("close")

	// ---- the ranking, the members' vote, the conclusion
	goTo(officer, cpath, "#cham-diem")
	rows, err := chromedp.Run(officer, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#cham-diem ~ table tbody tr")).map(r => Array.from(r.cells).slice(0, 3).map(c => c.innerText.trim()).join("|"))`))
	if err != nil || len(rows) != 2 || rows[0] != "1|Văn phòng UBND tỉnh|96" || rows[1] != "2|Sở Nội vụ|80" {
		t.Fatalf("ranking: %q %v", rows, err)
	}
	vote := func(user, voter string) {
		t.Helper()
		uctx := sign(user)
		form := `form[action="` + cpath + `/votes"]:has(input[name="voter_unit_id"][value="` + voter + `"])`
		goTo(uctx, cpath, form)
		do(uctx, "choose", chromedp.SetValue(chromedp.CSS("#f-candidate-"+voter), vpID))
		submitForm(t, uctx, form+" button")
	}
	// The Office's verdicts judged before the conclusion: not leading yet
	// (and the stored table is judged again once it leads).
	cond := func(uctx context.Context) string {
		t.Helper()
		got, err := chromedp.Run(uctx, chromedp.Evaluate[string](`(() => {
			const li = Array.from(document.querySelectorAll("table.verdicts ul.conditions li")).find(li => li.querySelector("strong").textContent.trim() === "R-CTT-01 (a)");
			return li ? li.className + " " + li.textContent : "none"; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	goTo(officer, "/app/units/"+vpID+"/history?year=2026", "table.verdicts")
	if got := cond(officer); !strings.HasPrefix(got, "c-not_met ") {
		t.Fatalf("the Office's R-CTT-01 (a) before the vote: %q", got)
	}
	vote("hoidong", vpID)
	vote("hoidongsnv", snvID)
	goTo(officer, cpath, `form[action="`+cpath+`/conclude"] button`)
	submitForm(t, officer, `form[action="`+cpath+`/conclude"] button`)
	lead, err := chromedp.Run(officer, chromedp.Text(chromedp.CSS("#leading")))
	if err != nil || !strings.Contains(lead, "Đơn vị dẫn đầu năm 2026: Văn phòng UBND tỉnh") {
		t.Fatalf("leading unit: %q %v", lead, err)
	}

	// ---- the Office's history page: R-CTT-01 (a) is met
	do(officer, "open the Office's history",
		chromedp.Click(chromedp.CSS(`#leading a[href^="/app/units/`+vpID+`/history"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.verdicts")), parsed)
	if got := cond(officer); !strings.HasPrefix(got, "c-met ") || !strings.Contains(got, "QĐ 86/2025") {
		t.Fatalf("the Office's R-CTT-01 (a): %q", got)
	}
	goTo(officer, "/app/units/"+snvID+"/history?year=2026", "table.verdicts")
	if got := cond(officer); !strings.HasPrefix(got, "c-not_met ") {
		t.Fatalf("Sở Nội vụ's R-CTT-01 (a): %q", got)
	}
}
