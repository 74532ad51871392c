package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"thidua/demo"
)

// Helpers shared by the chromium tests.

// browser is the chromium that the browser tests of this binary share: each
// test gets tabs in browser contexts of its own (separate cookies and
// storage), which is what starting a chromium per test gave, minus the
// start. TestMain closes it.
var browser struct {
	sync.Mutex
	ctx    context.Context // the first tab's context: its browser is the one shared
	cancel context.CancelFunc
	dir    string
	err    error
}

// sharedBrowser starts headless chromium at exe the first time and returns
// the context of its first tab.
func sharedBrowser(exe string) (context.Context, error) {
	browser.Lock()
	defer browser.Unlock()
	if browser.ctx != nil || browser.err != nil {
		return browser.ctx, browser.err
	}
	dir, err := os.MkdirTemp("", "thidua-chromium-")
	if err != nil {
		browser.err = err
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // required when running as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		os.RemoveAll(dir)
		browser.err = fmt.Errorf("start chromium (%s): %w", exe, err)
		return nil, browser.err
	}
	browser.ctx, browser.dir = bctx, dir
	browser.cancel = func() { bcancel(); acancel() }
	return bctx, nil
}

// closeBrowser stops the shared chromium, if it was started.
func closeBrowser() {
	browser.Lock()
	defer browser.Unlock()
	if browser.cancel != nil {
		browser.cancel()
		os.RemoveAll(browser.dir)
		browser.ctx, browser.cancel = nil, nil
		browser.err = errors.New("the shared chromium is closed")
	}
}

// newBrowser returns a new tab of the shared chromium in a browser context
// of its own; it is closed at cleanup or when ctx ends, whichever comes
// first. Each user gets a browser context of their own from it (signIn).
func newBrowser(t *testing.T, ctx context.Context, exe string) context.Context {
	t.Helper()
	shared, err := sharedBrowser(exe)
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := chromedp.NewContext(shared, chromedp.WithNewBrowserContext())
	stop := context.AfterFunc(ctx, cancel)
	t.Cleanup(func() { stop(); cancel() })
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("open a tab in chromium: %v", err)
	}
	return tctx
}

// signIn opens a fresh browser context (its own cookies) and signs
// in there with the sign-in form.
func signIn(t *testing.T, bctx context.Context, base string, a demo.Account) context.Context {
	t.Helper()
	uctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	err := chromedp.Do(uctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
		chromedp.SendKeys(chromedp.CSS("#f-username"), a.Username),
		chromedp.SendKeys(chromedp.CSS("#f-password"), a.Password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", a.Username, err)
	}
	return uctx
}

// parsed waits until the new page's whole HTML is parsed: its main element
// shows up while a long page is still arriving, and a script reading the
// page then would see only its first rows.
var parsed = chromedp.Poll[chromedp.Void](`document.readyState !== "loading"`)

// submitForm clicks the submit button sel (confirming any data-confirm
// question), waits for the page the form leads to and returns its flash
// message. A page without one (the form was refused) fails the test with the
// errors it shows.
func submitForm(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.body.setAttribute("data-submitted", ""); window.confirm = () => true; 0`),
		chromedp.Click(chromedp.CSS(sel)),
		chromedp.WaitReady(chromedp.CSS(`body:not([data-submitted]) main`)),
		parsed,
	)
	if err != nil {
		t.Fatalf("submit %s: %v", sel, err)
	}
	flash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("p.flash") || {textContent: ""}).textContent`))
	if err != nil || flash == "" {
		errs, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll('[role="alert"], .field-error, .error-text')).map(e => e.textContent.trim())`))
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("submit %s: no confirmation at %s (%v); the page shows %q", sel, loc, err, errs)
	}
	return flash
}

// demoAccount returns the demo account with the user name.
func demoAccount(t *testing.T, accounts []demo.Account, username string) demo.Account {
	t.Helper()
	for _, a := range accounts {
		if a.Username == username {
			return a
		}
	}
	t.Fatalf("no demo account %s", username)
	return demo.Account{}
}
