package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thidua"
	"thidua/cluster"
	"thidua/demo"
	sqlclusters "thidua/sqldb/clusters"
)

// axeViolation is one finding of axe-core on a page.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestBrowserAxe runs axe-core (WCAG 2.x A and AA rules and axe's best
// practices) in chromium on the pages an accessibility review flagged: the
// honour roll, the portal search page, an article's print view, and the
// audit log with every change's details open; and the demo bloc's page
// with the forms that run a cluster's year. Every finding fails the
// test, and so do search landmarks that a landmark list cannot tell apart.
func TestBrowserAxe(t *testing.T) {
	exe := chromium(t)
	axeJS := readerModule(t, "axe-core", "axe.min.js")
	src, err := os.ReadFile(axeJS)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	s := startDemo(t, nil)
	base := s.URL()
	bctx := newBrowser(t, ctx, exe)
	admin := signIn(t, bctx, base, demoAccount(t, s.Accounts, "admin"))

	pages := []struct{ name, path, prepare string }{
		{"honour roll", "/vinh-danh", ""},
		{"search", "/tim-kiem?q=bau+cu", ""},
		{"print view", "/tin-tuc/" + demo.SeedArticleSlug + "/in", ""},
		{"audit log", "/app/audit", `document.querySelectorAll("details").forEach(d => d.open = true)`},
	}
	// The demo bloc's page, its 2025 concluded (ranking, votes, result),
	// and the forms that run a year, on its 2026 formed from it (the 2025
	// review has started: its forms are closed).
	sys := thidua.NewContextWithUser(thidua.NewSystemContext(ctx), nil)
	blocs, _, err := sqlclusters.New(s.DB).FindClusters(sys, cluster.Filter{Year: demo.ClusterYear})
	if err != nil || len(blocs) != 1 || blocs[0].LeadingUnitID == 0 {
		t.Fatalf("the demo bloc, concluded: %d %v", len(blocs), err)
	}
	pages = append(pages, struct{ name, path, prepare string }{"cluster", "/app/clusters/" + strconv.FormatInt(blocs[0].ID, 10), ""})
	adminUser, err := s.DB.FindUserByUsername(sys, "admin")
	if err != nil {
		t.Fatal(err)
	}
	next, err := sqlclusters.New(s.DB).CreateNextYear(thidua.NewContextWithUser(ctx, adminUser), blocs[0].ID)
	if err != nil {
		t.Fatalf("the demo bloc's next year: %v", err)
	}
	bloc := "/app/clusters/" + strconv.FormatInt(next.ID, 10)
	for _, f := range []string{"", "/edit", "/covenant", "/review"} {
		pages = append(pages, struct{ name, path, prepare string }{"next year's cluster" + f, bloc + f, ""})
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			err := chromedp.Do(admin, chromedp.Navigate(base+p.path), chromedp.WaitReady(chromedp.CSS("body")))
			if err != nil {
				t.Fatal(err)
			}
			if p.prepare != "" {
				if _, err := chromedp.Run(admin, chromedp.Evaluate[any](p.prepare+"; 0")); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := chromedp.Run(admin, chromedp.Evaluate[any](string(src)+"; 0")); err != nil {
				t.Fatalf("load axe-core: %v", err)
			}
			vs, err := chromedp.Run(admin, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
				runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
			}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("axe.run: %v", err)
			}
			// axe's landmark-unique passes unnamed search landmarks; the review
			// flagged them: every search landmark is named, each distinctly, so
			// that a screen reader's landmark list tells them apart.
			names, err := chromedp.Run(admin, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[role="search"], search')).map(e =>
				e.getAttribute("aria-label") || (document.getElementById(e.getAttribute("aria-labelledby") || "") || {textContent: ""}).textContent.trim())`))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, n := range names {
				if n == "" || seen[n] {
					t.Errorf("%s: search landmarks labelled %q: each needs a distinct aria-label", p.path, names)
					break
				}
				seen[n] = true
			}
			for _, v := range vs {
				t.Errorf("%s: axe %s (%s): %s at %s", p.path, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "; "))
			}
			if len(vs) == 0 {
				t.Logf("%s: axe-core finds nothing", p.path)
			}
		})
	}
}
