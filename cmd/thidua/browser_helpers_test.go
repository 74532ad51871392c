package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"thidua/demo"
)

// Helpers shared by the chromium tests.

// newBrowser starts headless chromium as TestBrowser does and returns
// the browser's context; each user gets a browser context of their own
// (separate cookies) from it.
func newBrowser(t *testing.T, ctx context.Context, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // required when running as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium (%s): %v", exe, err)
	}
	return bctx
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
