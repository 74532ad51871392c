package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserEligibilityTable: at 1366×768, the eligibility table of the
// demo office fits the screen without scrolling sideways; a click on a
// cell opens that person's explanation in place, under the row, without
// leaving the page; "Đóng" closes it (issue #14).
func TestBrowserEligibilityTable(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	s := startDemo(t, nil)
	base := s.URL()
	officer := signIn(t, newBrowser(t, ctx, exe), base, demoAccount(t, s.Accounts, "thiduakt"))

	page := base + "/app/eligibility?year=2025&as_of=31/12/2025"
	err := chromedp.Do(officer,
		chromedp.EmulateViewport(1366, 768),
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS("table.elig-table")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing wider than the viewport: neither the page nor the table's box.
	widths, err := chromedp.Run(officer, chromedp.Evaluate[[]float64](`[document.documentElement.clientWidth,
		document.documentElement.scrollWidth,
		document.querySelector(".elig-wrap").clientWidth,
		document.querySelector(".elig-wrap").scrollWidth,
		document.querySelector("table.elig-table").getBoundingClientRect().right]`))
	if err != nil {
		t.Fatal(err)
	}
	if widths[1] > widths[0] || widths[3] > widths[2] || widths[4] > widths[0] {
		t.Errorf("at 1366 px the table does not fit: page %v of %v, table box %v of %v, right edge %v",
			widths[1], widths[0], widths[3], widths[2], widths[4])
	}
	png, err := chromedp.Run(officer, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, "eligibility-1366.png", png)

	// A refused cell of the first row opens under that row, in place.
	err = chromedp.Do(officer,
		chromedp.Click(chromedp.CSS(`table.elig-table tbody tr:first-child td a.verdict-not_eligible, table.elig-table tbody tr:first-child td a.verdict`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.explained .explanation`)),
	)
	if err != nil {
		t.Fatalf("open a cell: %v", err)
	}
	got, err := chromedp.Run(officer, chromedp.Evaluate[[]string](`(() => {
		const box = document.querySelector("tr.explained");
		return [location.href, box.previousElementSibling.id, document.querySelector("table.elig-table tbody tr").id,
			box.textContent, document.activeElement.className];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != page || got[1] != got[2] || !strings.Contains(got[3], "Vì sao") && !strings.Contains(got[3], "Đủ điều kiện xét tặng") || got[4] != "explanation" {
		t.Errorf("explanation: at %s, under %q (row %q), focus on %q: %.200s", got[0], got[1], got[2], got[4], got[3])
	}
	if strings.Contains(got[3], "độ tin cậy") || strings.Contains(got[3], "chưa được đối chiếu") {
		t.Errorf("the explanation uses internal wording: %.300s", got[3])
	}
	png, _ = chromedp.Run(officer, chromedp.FullScreenshot(100))
	saveScreenshot(t, "eligibility-explained.png", png)
	err = chromedp.Do(officer,
		chromedp.Click(chromedp.CSS(`tr.explained a[data-close]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`tr.explained`)),
	)
	if err != nil {
		t.Fatalf("close: %v", err)
	}
}
