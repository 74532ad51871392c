package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
)

// chromium returns the path of Debian's chromium, or skips the test (fails
// it when CI=true) when it is not installed.
func chromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	msg := "the browser test needs chromium: install Debian's chromium (apt-get install chromium)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI must not skip it")
	}
	t.Skip("skipping: " + msg)
	return ""
}

// saveScreenshot writes png under t.TempDir() and, when THIDUA_SCREENSHOT_DIR
// is set, there too, for people to look at.
func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 10_000 {
		t.Errorf("screenshot %s is not a plausible PNG (%d bytes)", name, len(png))
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("THIDUA_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Errorf("THIDUA_SCREENSHOT_DIR: %v", err)
		} else {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Errorf("write screenshot: %v", err)
			continue
		}
		t.Logf("screenshot: %s", p)
	}
}

// TestBrowser drives headless chromium against the real service: sign in
// with the mouse and with the keyboard alone, add a person whose name has
// Vietnamese diacritics, and find them at their collated place in the list.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	s := startDemo(t, nil)
	base := s.URL()
	admin := s.Accounts[0]
	if admin.Role != thidua.RoleAdmin {
		t.Fatalf("first demo account is %s, want the administrator", admin.Role)
	}

	bctx := newBrowser(t, ctx, exe)

	t.Run("keyboard login", func(t *testing.T) {
		// A fresh browser context: its own cookies.
		kctx, kcancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
		defer kcancel()
		err := chromedp.Do(kctx,
			chromedp.Navigate(base+"/app/people"), // redirected to the sign-in form
			chromedp.WaitVisible(chromedp.CSS("#f-username")),
			chromedp.SendKeys(chromedp.CSS("#f-username"), admin.Username+"\t"),
		)
		if err != nil {
			t.Fatal(err)
		}
		focus, err := chromedp.Run(kctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil || focus != "f-password" {
			t.Fatalf("after Tab the focus is on %q (%v), want f-password", focus, err)
		}
		// A wrong password, then Enter: the form says so, keeps the user
		// name and the page to return to.
		err = chromedp.Do(kctx,
			chromedp.KeyEvent("sai-mật-khẩu\r"),
			chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`)),
		)
		if err != nil {
			t.Fatalf("wrong password + Enter: %v", err)
		}
		msg, _ := chromedp.Run(kctx, chromedp.Text(chromedp.CSS(`[role="alert"]`)))
		if !strings.Contains(msg, "không đúng") {
			t.Errorf("error shown: %q", msg)
		}
		if v, _ := chromedp.Run(kctx, chromedp.Value(chromedp.CSS("#f-username"))); v != admin.Username {
			t.Errorf("user name after a failed sign-in = %q, want %q", v, admin.Username)
		}
		err = chromedp.Do(kctx,
			chromedp.SendKeys(chromedp.CSS("#f-password"), admin.Password+"\n"),
			chromedp.WaitVisible(chromedp.CSS("#people")),
		)
		if err != nil {
			t.Fatalf("password + Enter: %v", err)
		}
		if loc, _ := chromedp.Run(kctx, chromedp.Location()); loc != base+"/app/people" {
			t.Errorf("after sign-in at %s, want %s/app/people (the page asked for)", loc, base)
		}
	})

	// Sign in with the mouse.
	err := chromedp.Do(bctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
		chromedp.SendKeys(chromedp.CSS("#f-username"), admin.Username),
		chromedp.SendKeys(chromedp.CSS("#f-password"), admin.Password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	if loc, _ := chromedp.Run(bctx, chromedp.Location()); loc != base+"/app" {
		t.Errorf("after sign-in at %s, want %s/app", loc, base)
	}

	// Add a person.
	const (
		fullName = "Đặng Thị Ánh"
		unitName = "Trung tâm Thông tin – Công báo"
	)
	unitID := findUnit(t, s.Main, unitName)
	err = chromedp.Do(bctx,
		chromedp.Navigate(base+"/app/people/new"),
		chromedp.WaitVisible(chromedp.CSS("#f-full_name")),
		chromedp.SendKeys(chromedp.CSS("#f-full_name"), fullName),
		chromedp.Click(chromedp.CSS("#f-gender-NU")),
		chromedp.SendKeys(chromedp.CSS("#f-birth_date"), "12/03/1990"),
		chromedp.SendKeys(chromedp.CSS("#f-position"), "Biên tập viên"),
		chromedp.SetValue(chromedp.CSS("#f-category"), thidua.CategoryVienChuc),
		chromedp.SetValue(chromedp.CSS("#f-unit_id"), strconv.FormatInt(unitID, 10)),
	)
	if err != nil {
		t.Fatalf("fill the form: %v", err)
	}
	typed, _ := chromedp.Run(bctx, chromedp.Value(chromedp.CSS("#f-full_name")))
	if typed != fullName {
		t.Errorf("typed name reads %q, want %q", typed, fullName)
	}
	if png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100)); err != nil {
		t.Errorf("screenshot of the form: %v", err)
	} else {
		saveScreenshot(t, "person-new.png", png)
	}
	err = chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		errs, _ := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.field-error')).map(e => e.textContent)`))
		t.Fatalf("submit: %v (form errors: %q)", err, errs)
	}
	if flash, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("p.flash"))); !strings.Contains(flash, "“"+fullName+"”") {
		t.Errorf("flash = %q, want it to name %s", flash, fullName)
	}

	// The stored person is what was typed.
	sys := thidua.NewSystemContext(ctx)
	found, _, err := s.DB.FindPeople(sys, thidua.PersonFilter{Query: "dang thi anh"})
	if err != nil || len(found) != 1 {
		t.Fatalf("FindPeople(dang thi anh) = %d people, %v; want 1", len(found), err)
	}
	p := found[0]
	if p.FullName != fullName || p.Gender != thidua.GenderFemale || p.BirthDate.String() != "12/03/1990" ||
		p.Category != thidua.CategoryVienChuc || p.UnitID != unitID || p.Position != "Biên tập viên" {
		t.Errorf("stored %+v", p)
	}

	// The list puts the new person where Vietnamese collation says.
	err = chromedp.Do(bctx,
		chromedp.Navigate(base+"/app/people"),
		chromedp.WaitVisible(chromedp.CSS("#people")),
	)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Name, Gender, Birth, Position, Category, Unit string }
	rows, err := chromedp.Run(bctx, chromedp.Evaluate[[]row](`Array.from(document.querySelectorAll('#people tbody tr')).map(tr => {
		const c = tr.querySelectorAll('td');
		return {Name: c[0].querySelector('a').textContent, Gender: c[1].textContent, Birth: c[2].textContent,
			Position: c[3].textContent, Category: c[4].textContent, Unit: c[5].textContent};
	})`))
	if err != nil {
		t.Fatalf("read the list: %v", err)
	}
	if len(rows) != 50 {
		t.Errorf("%d people listed, want the 49 of the demo (the office's 42, the province's second level's 7) and the new one", len(rows))
	}
	var names []string
	at := -1
	for i, r := range rows {
		names = append(names, r.Name)
		if r.Name == fullName {
			if at >= 0 {
				t.Errorf("%s listed twice", fullName)
			}
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("%s is not in the list %q", fullName, names)
	}
	key := thidua.NameSortKey(fullName)
	want := 0
	for i, n := range names {
		if i != at && bytes.Compare(thidua.NameSortKey(n), key) < 0 {
			want++
		}
	}
	if at != want {
		t.Errorf("%s is at position %d, want %d:\n%q", fullName, at, want, names)
	}
	if !slices.IsSortedFunc(names, func(a, b string) int { return bytes.Compare(thidua.NameSortKey(a), thidua.NameSortKey(b)) }) {
		t.Errorf("the list is not in collation order:\n%q", names)
	}
	// The cases that byte order gets wrong: given names Anh < Ánh < Ân <
	// Bình; for the same given name the family name decides, and Đ sorts
	// after D but before N, so Đặng Thị Ánh precedes Nguyễn Ngọc Ánh.
	for _, c := range []struct {
		name   string
		before bool
	}{
		{"Vũ Thị Lan Anh", true}, {"Phan Tuấn Anh", true},
		{"Nguyễn Ngọc Ánh", false}, {"Huỳnh Thiên Ân", false}, {"Trần Quốc Bình", false},
	} {
		i := slices.Index(names, c.name)
		if i < 0 {
			t.Errorf("demo person %s not listed", c.name)
		} else if (i < at) != c.before {
			t.Errorf("%s at %d, %s at %d: wrong order", c.name, i, fullName, at)
		}
	}
	if r := rows[at]; r.Gender != "Nữ" || r.Birth != "12/03/1990" || r.Category != "Viên chức" || r.Unit != unitName || r.Position != "Biên tập viên" {
		t.Errorf("row %+v", r)
	}

	png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveScreenshot(t, "people.png", png)

	// Sign out with the button.
	err = chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
	)
	if err != nil {
		t.Fatalf("sign out: %v", err)
	}

	// Close the tab (and its browser context), then the service shuts down
	// gracefully and stops answering.
	if err := chromedp.Cancel(bctx); err != nil {
		t.Errorf("close the chromium tab: %v", err)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the service still answers after shutdown")
	}
	if ctx.Err() != nil {
		t.Errorf("the test ran out of time: %v", ctx.Err())
	}
}

// findUnit returns the ID of the unit named name.
func findUnit(t *testing.T, m *Main, name string) int64 {
	t.Helper()
	units, _, err := m.DB.FindUnits(thidua.NewSystemContext(context.Background()), thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == name {
			return u.ID
		}
	}
	t.Fatalf("no unit %q", name)
	return 0
}
