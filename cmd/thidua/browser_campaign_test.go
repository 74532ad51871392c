package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
)

// TestBrowserCampaign walks one participant of a new campaign from
// registration to ranking in chromium: the officer creates the campaign
// with its form, enters criteria, launches and starts it; the head of Phòng
// Hành chính – Tổ chức registers one of his people; the officer approves;
// the head reports evidence and self-scores; the officer assigns the
// council member and opens evaluation; the council member scores; the
// ranking shows the person first with the council's total.
func TestBrowserCampaign(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()

	s := startDemo(t, nil)
	base := s.URL()
	sys := thidua.NewSystemContext(ctx)
	officerAcc := demoAccount(t, s.Accounts, "thiduakt")
	headAcc := demoAccount(t, s.Accounts, "truongphonghc")
	councilAcc := demoAccount(t, s.Accounts, "hoidong")
	vpID := findUnit(t, s.Main, "Văn phòng UBND tỉnh")
	const personName = "Bùi Văn Đạt"
	found, _, err := s.DB.FindPeople(sys, thidua.PersonFilter{Query: personName})
	if err != nil || len(found) != 1 {
		t.Fatalf("FindPeople(%s): %d, %v", personName, len(found), err)
	}
	person := found[0]
	hoidong, err := s.DB.FindUserByUsername(sys, councilAcc.Username)
	if err != nil {
		t.Fatal(err)
	}

	bctx := newBrowser(t, ctx, exe)
	officer := signIn(t, bctx, base, officerAcc)

	// The officer creates the campaign with the form.
	const title = "Đợt thi đua “Đổi mới, sáng tạo trong cải cách hành chính” năm 2026"
	err = chromedp.Do(officer,
		chromedp.Navigate(base+"/app/campaigns/new"),
		chromedp.WaitVisible(chromedp.CSS("#f-title")),
		chromedp.SendKeys(chromedp.CSS("#f-title"), title),
		chromedp.SetValue(chromedp.CSS("#f-unit_id"), strconv.FormatInt(vpID, 10)),
		chromedp.SendKeys(chromedp.CSS("#f-plan"), "15/KH-VPUBND"),
		chromedp.SendKeys(chromedp.CSS("#f-plan_date"), "02/01/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-start_date"), "05/01/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-end_date"), "30/11/2026"),
	)
	if err != nil {
		t.Fatalf("fill the campaign form: %v", err)
	}
	if flash := submitForm(t, officer, `form[action="/app/campaigns"] button[type="submit"]`); !strings.Contains(flash, "Đã tạo đợt thi đua") {
		t.Errorf("flash after create: %q", flash)
	}
	loc, _ := chromedp.Run(officer, chromedp.Location())
	m := regexp.MustCompile(`/app/campaigns/(\d+)/criteria$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("after create at %s, want the criteria page", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	path := "/app/campaigns/" + m[1]
	c, err := s.DB.FindCampaignByID(sys, id)
	if err != nil || c.Title != title || c.Plan.String() != "15/KH-VPUBND" || c.State != thidua.CampaignDraft || c.UnitID != vpID {
		t.Fatalf("stored campaign %+v, %v", c, err)
	}

	// Criteria through the criteria page: 60 + 40 points.
	err = chromedp.Do(officer,
		chromedp.WaitVisible(chromedp.CSS("#c-code-0")),
		chromedp.SendKeys(chromedp.CSS("#c-code-0"), "TC1"),
		chromedp.SendKeys(chromedp.CSS("#c-title-0"), "Đề xuất, thực hiện giải pháp cải cách thủ tục hành chính"),
		chromedp.SendKeys(chromedp.CSS("#c-max-0"), "60"),
		chromedp.SendKeys(chromedp.CSS("#c-code-1"), "TC2"),
		chromedp.SendKeys(chromedp.CSS("#c-title-1"), "Ứng dụng công nghệ thông tin, chuyển đổi số trong công việc"),
		chromedp.SendKeys(chromedp.CSS("#c-max-1"), "40"),
	)
	if err != nil {
		t.Fatalf("fill the criteria: %v", err)
	}
	if flash := submitForm(t, officer, `form[action="`+path+`/criteria"] button[type="submit"]`); flash != "Đã lưu 2 nội dung, tiêu chí thi đua." {
		t.Errorf("flash after saving criteria: %q", flash)
	}
	criteria, err := s.DB.FindCriteria(sys, id)
	if err != nil || len(criteria) != 2 || criteria[0].MaxScore != 60 || criteria[1].MaxScore != 40 {
		t.Fatalf("stored criteria %v, %v", criteria, err)
	}

	// Launch and start from the overview (the buttons ask for confirmation).
	transition := func(action, state string) {
		t.Helper()
		if err := chromedp.Do(officer, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		flash := submitForm(t, officer, `form[action="`+path+`/transition"]:has(input[name="action"][value="`+action+`"]) button`)
		if want := "Đợt thi đua chuyển sang trạng thái “" + thidua.Label(thidua.CampaignStates, state) + "”."; flash != want {
			t.Errorf("%s: flash %q, want %q", action, flash, want)
		}
	}
	transition("launch", thidua.CampaignLaunched)
	transition("start", thidua.CampaignInProgress)

	// The unit head registers one of his people.
	head := signIn(t, bctx, base, headAcc)
	err = chromedp.Do(head,
		chromedp.Navigate(base+path+"/registrations"),
		chromedp.WaitVisible(chromedp.CSS("#register")),
		chromedp.Click(chromedp.CSS("#p-"+strconv.FormatInt(person.ID, 10))),
		chromedp.SendKeys(chromedp.CSS("#f-target_title"), "Giấy khen của Chánh Văn phòng UBND tỉnh"),
		chromedp.SendKeys(chromedp.CSS("#commit-TC1"), "Đề xuất ít nhất 02 giải pháp rút ngắn thời gian giải quyết thủ tục."),
	)
	if err != nil {
		t.Fatalf("fill the registration: %v", err)
	}
	if flash := submitForm(t, head, "#register"); !strings.HasPrefix(flash, "Đã đăng ký 1 tập thể, cá nhân.") {
		t.Errorf("flash after registering: %q", flash)
	}
	regs, err := s.DB.FindRegistrations(sys, id)
	if err != nil || len(regs) != 1 || regs[0].PersonID != person.ID || regs[0].State != thidua.RegSubmitted {
		t.Fatalf("registrations %v, %v", regs, err)
	}
	regPath := "/app/registrations/" + strconv.FormatInt(regs[0].ID, 10)

	// The officer approves it.
	if err := chromedp.Do(officer, chromedp.Navigate(base+path+"/registrations"), chromedp.WaitVisible(chromedp.CSS("table.list"))); err != nil {
		t.Fatal(err)
	}
	if flash := submitForm(t, officer, `form[action="`+regPath+`/review"]:has(input[name="decision"][value="approve"]) button`); flash != "Đã duyệt đăng ký của “"+personName+"”." {
		t.Errorf("flash after approving: %q", flash)
	}

	// The unit head reports evidence and self-scores each criterion.
	selfScores := []string{"55", "36"}
	for i, cr := range criteria {
		tc := "#tc-" + strconv.FormatInt(cr.ID, 10)
		cid := strconv.FormatInt(cr.ID, 10)
		err := chromedp.Do(head,
			chromedp.Navigate(base+regPath),
			chromedp.WaitVisible(chromedp.CSS(tc+" details.add-evidence summary")),
			chromedp.Click(chromedp.CSS(tc+" details.add-evidence summary")),
			chromedp.SendKeys(chromedp.CSS("#ev-text-"+cid), "Kết quả thực hiện "+cr.Code+": đã hoàn thành, có văn bản xác nhận của đơn vị."),
			chromedp.SendKeys(chromedp.CSS("#ev-date-"+cid), "15/06/2026"),
		)
		if err != nil {
			t.Fatalf("fill evidence for %s: %v", cr.Code, err)
		}
		if flash := submitForm(t, head, tc+` form[action="`+regPath+`/evidence"] button[type="submit"]`); flash != "Đã lưu minh chứng." {
			t.Errorf("flash after evidence for %s: %q", cr.Code, flash)
		}
		if err := chromedp.Do(head, chromedp.SendKeys(chromedp.CSS("#s-SELF-"+cid), selfScores[i])); err != nil {
			t.Fatalf("self score for %s: %v", cr.Code, err)
		}
		if flash := submitForm(t, head, tc+` form.score-form:has(input[name="kind"][value="SELF"]) button`); flash != "Đã lưu điểm Tự chấm." {
			t.Errorf("flash after the self score for %s: %q", cr.Code, flash)
		}
	}

	// The officer assigns the council member and opens evaluation.
	err = chromedp.Do(officer,
		chromedp.Navigate(base+path),
		chromedp.WaitVisible(chromedp.CSS("#rv-"+strconv.FormatInt(hoidong.ID, 10))),
		chromedp.Click(chromedp.CSS("#rv-"+strconv.FormatInt(hoidong.ID, 10))),
	)
	if err != nil {
		t.Fatalf("choose the reviewer: %v", err)
	}
	if flash := submitForm(t, officer, `form[action="`+path+`/reviewers"] button[type="submit"]`); flash != "Đã phân công thành viên Hội đồng chấm điểm." {
		t.Errorf("flash after assigning: %q", flash)
	}
	transition("evaluate", thidua.CampaignEvaluating)

	// The council member scores; 37,5 is typed with a decimal comma.
	council := signIn(t, bctx, base, councilAcc)
	councilScores := []string{"52", "37,5"}
	for i, cr := range criteria {
		tc := "#tc-" + strconv.FormatInt(cr.ID, 10)
		err := chromedp.Do(council,
			chromedp.Navigate(base+regPath),
			chromedp.WaitVisible(chromedp.CSS("#s-COUNCIL-"+strconv.FormatInt(cr.ID, 10))),
			chromedp.SendKeys(chromedp.CSS("#s-COUNCIL-"+strconv.FormatInt(cr.ID, 10)), councilScores[i]),
		)
		if err != nil {
			t.Fatalf("council score for %s: %v", cr.Code, err)
		}
		if flash := submitForm(t, council, tc+` form.score-form:has(input[name="kind"][value="COUNCIL"]) button`); flash != "Đã lưu điểm Thành viên Hội đồng." {
			t.Errorf("flash after the council score for %s: %q", cr.Code, flash)
		}
	}

	// The ranking: the council's scores replace the self-assessment (mean of
	// reviewers): 52 + 37,5 = 89,5 of 100.
	err = chromedp.Do(officer,
		chromedp.Navigate(base+path+"/ranking"),
		chromedp.WaitVisible(chromedp.CSS("table.ranking")),
	)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Rank, Name, Unit, Tags, Total, Percent string }
	rows, err := chromedp.Run(officer, chromedp.Evaluate[[]row](`Array.from(document.querySelectorAll('table.ranking')[1].querySelectorAll('tbody tr')).map(tr => {
		const c = tr.querySelectorAll('td');
		const a = c[1].querySelector('a');
		return {Rank: c[0].textContent.trim(), Name: a ? a.textContent : c[0].textContent.trim(), Unit: c[2] ? c[2].textContent : '',
			Tags: Array.from(c[1].querySelectorAll('.tag')).map(s => s.textContent).join(','),
			Total: (tr.querySelector('strong') || {textContent: ''}).textContent, Percent: c.length ? c[c.length - 1].textContent : ''};
	})`))
	if err != nil {
		t.Fatalf("read the ranking: %v", err)
	}
	want := row{Rank: "1", Name: personName, Unit: "Phòng Hành chính – Tổ chức", Total: "89,5", Percent: "89,5"}
	if len(rows) != 1 || rows[0] != want {
		t.Errorf("individual ranking %+v, want [%+v]", rows, want)
	}
	if empty, _ := chromedp.Run(officer, chromedp.Text(chromedp.CSS("table.ranking tbody"))); !strings.Contains(empty, "Chưa có kết quả.") {
		t.Errorf("collective ranking: %q, want no result", empty)
	}
	png, err := chromedp.Run(officer, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveScreenshot(t, "campaign-ranking.png", png)

	// What the browser did is what is stored.
	scores, err := s.DB.FindScores(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, sc := range scores {
		kinds[sc.Kind]++
	}
	if kinds[thidua.ScoreSelf] != 2 || kinds[thidua.ScoreCouncil] != 2 || len(scores) != 4 {
		t.Errorf("stored scores by kind %v", kinds)
	}
	if evs, err := s.DB.FindEvidence(sys, regs[0].ID); err != nil || len(evs) != 2 {
		t.Errorf("stored evidence: %d, %v", len(evs), err)
	}
	if c, _ := s.DB.FindCampaignByID(sys, id); c == nil || c.State != thidua.CampaignEvaluating {
		t.Errorf("campaign state %v", c)
	}
	if err := chromedp.Cancel(bctx); err != nil {
		t.Errorf("close the chromium tab: %v", err)
	}
	if ctx.Err() != nil {
		t.Errorf("the test ran out of time: %v", ctx.Err())
	}
}
