package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserImport uploads a workbook in headless chromium and waits,
// without reloading by hand, for the page to show the check's result: the
// progress script polls under the service's Content-Security-Policy and
// reloads the page when the job is over. Then it confirms, waits for the
// import to finish and looks at the dashboard's charts.
func TestBrowserImport(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	s := startDemo(t, nil)
	base := s.URL()
	book := filepath.Join(t.TempDir(), "ca-nhan.xlsx")
	rows := [][]any{{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Đối tượng"}}
	for _, n := range []string{"Tạ Thị Hồng Nhung", "Mai Văn Tiến", "Đoàn Thị Thu"} {
		rows = append(rows, []any{n, "09/09/1990", "Nữ", "Văn phòng UBND tỉnh / Phòng Tổng hợp", "Công chức"})
	}
	writeBook(t, book, map[string][][]any{"Cá nhân": rows}, "Cá nhân")

	bctx := newBrowser(t, ctx, exe)
	err := chromedp.Do(bctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
		chromedp.SendKeys(chromedp.CSS("#f-username"), "thiduakt"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), "Demo@2026-thidua\n"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
		chromedp.Navigate(base+"/app/imports"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{book}),
		chromedp.Click(chromedp.CSS(`form[action="/app/imports"] button[type="submit"]`)),
		// The job runs in the background; the script reloads the page
		// when it is done.
		chromedp.WaitVisible(chromedp.CSS(".confirm-box")),
	)
	if err != nil {
		t.Fatalf("upload and check: %v", err)
	}
	text, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(text, "Không có lỗi") {
		t.Fatalf("page after the check:\n%s", text)
	}
	err = chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(`form[action$="/confirm"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#import-done")),
	)
	if err != nil {
		t.Fatalf("confirm and wait for the import to finish: %v", err)
	}
	png, _ := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	saveScreenshot(t, "import-done.png", png)

	// The dashboard draws its charts without any script of its own.
	err = chromedp.Do(bctx, chromedp.Navigate(base+"/app/stats"), chromedp.WaitVisible(chromedp.CSS("#ch-years svg")))
	if err != nil {
		t.Fatalf("dashboard: %v", err)
	}
	n, _ := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg[role=img] title").length`))
	if n < 6 {
		t.Fatalf("%d charts with a title", n)
	}
	png, _ = chromedp.Run(bctx, chromedp.FullScreenshot(100))
	saveScreenshot(t, "stats.png", png)
}
