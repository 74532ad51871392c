package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPortal: in chromium, the editor writes an article and sends it
// for approval, the emulation officer publishes it, and a reader finds it
// on the portal, follows "in trang" to the print view and prints it to PDF.
func TestBrowserPortal(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	s := startDemo(t, nil)
	base := s.URL()
	bctx := newBrowser(t, ctx, exe)
	const title = "Văn phòng UBND tỉnh trao Giấy khen cho 12 tập thể, cá nhân"

	editor := signIn(t, bctx, base, demoAccount(t, s.Accounts, "bientap"))
	err := chromedp.Do(editor,
		chromedp.Navigate(base+"/app"),
		chromedp.Click(chromedp.CSS(`nav a[href="/app/articles"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/app/articles/new"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/app/articles/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-title")),
		chromedp.SendKeys(chromedp.CSS("#f-title"), title),
		chromedp.SendKeys(chromedp.CSS("#f-summary"), "Sáng 25/6, Văn phòng UBND tỉnh tổ chức lễ trao Giấy khen."),
		chromedp.SendKeys(chromedp.CSS("#f-body"), "Đoạn thứ nhất của **bài viết**.\n\n## Danh sách\n\n- Phòng Tổng hợp\n- Phòng Kinh tế"),
	)
	if err != nil {
		t.Fatalf("write the article: %v", err)
	}
	if flash := submitForm(t, editor, `form[action="/app/articles"] button[type="submit"]`); !strings.Contains(flash, "bản nháp") {
		t.Errorf("after saving: %q", flash)
	}
	loc, _ := chromedp.Run(editor, chromedp.Location())
	if !strings.HasPrefix(loc, base+"/app/articles/") {
		t.Fatalf("after saving at %s", loc)
	}
	if flash := submitForm(t, editor, `input[name="action"][value="submit"] + button`); !strings.Contains(flash, "Chờ duyệt") {
		t.Errorf("after sending for approval: %q", flash)
	}
	if n, _ := chromedp.Run(editor, chromedp.Evaluate[int](`document.querySelectorAll('input[name="action"][value="publish"]').length`)); n != 0 {
		t.Error("the editor is offered to publish")
	}

	officer := signIn(t, bctx, base, demoAccount(t, s.Accounts, "thiduakt"))
	if err := chromedp.Do(officer, chromedp.Navigate(loc), chromedp.WaitVisible(chromedp.CSS(`form:has(input[value="publish"]) button`))); err != nil {
		t.Fatalf("officer opens the article: %v", err)
	}
	if flash := submitForm(t, officer, `form:has(input[value="publish"]) button[type="submit"]`); !strings.Contains(flash, "Đã đăng") {
		t.Errorf("after publishing: %q", flash)
	}

	reader, rcancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer rcancel()
	err = chromedp.Do(reader,
		chromedp.Navigate(base+"/tin-tuc"),
		chromedp.WaitVisible(chromedp.CSS(`.lead h2 a`)),
	)
	if err != nil {
		t.Fatalf("portal home: %v", err)
	}
	lead, _ := chromedp.Run(reader, chromedp.Text(chromedp.CSS(`.lead h2 a`)))
	if lead != title {
		t.Fatalf("the lead article is %q, want the new one", lead)
	}
	// The keyboard reaches the skip link first.
	if err := chromedp.Do(reader, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if focus, _ := chromedp.Run(reader, chromedp.Evaluate[string](`document.activeElement.className`)); focus != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", focus)
	}
	err = chromedp.Do(reader,
		chromedp.Click(chromedp.CSS(`.lead h2 a`)),
		chromedp.WaitVisible(chromedp.CSS(`a.print-link`)),
	)
	if err != nil {
		t.Fatalf("open the article: %v", err)
	}
	if h1, _ := chromedp.Run(reader, chromedp.Text(chromedp.CSS("h1"))); h1 != title {
		t.Errorf("article h1 = %q", h1)
	}
	articleURL, _ := chromedp.Run(reader, chromedp.Location())
	if png, err := chromedp.Run(reader, chromedp.FullScreenshot(100)); err == nil {
		saveScreenshot(t, "portal-article.png", png)
	}
	err = chromedp.Do(reader,
		chromedp.Click(chromedp.CSS(`a.print-link`)),
		chromedp.WaitVisible(chromedp.CSS(`.print-foot`)),
	)
	if err != nil {
		t.Fatalf("open the print view: %v", err)
	}
	if loc, _ := chromedp.Run(reader, chromedp.Location()); loc != articleURL+"/in" {
		t.Errorf("print view at %s, want %s/in", loc, articleURL)
	}
	foot, _ := chromedp.Run(reader, chromedp.Text(chromedp.CSS(".print-foot")))
	if !strings.Contains(foot, "Văn phòng UBND tỉnh") || !strings.Contains(foot, articleURL) {
		t.Errorf("print foot = %q, want the agency and %s", foot, articleURL)
	}
	if n, _ := chromedp.Run(reader, chromedp.Evaluate[int](`document.querySelectorAll('nav, .masthead, form[role="search"]').length`)); n != 0 {
		t.Errorf("the print view has %d navigation elements", n)
	}
	pdf, err := chromedp.Run(reader, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize()))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 5000 {
		t.Errorf("print to PDF: %d bytes, %v", len(pdf), err)
	}
	if png, err := chromedp.Run(reader, chromedp.FullScreenshot(100)); err == nil {
		saveScreenshot(t, "portal-print.png", png)
	}
}
