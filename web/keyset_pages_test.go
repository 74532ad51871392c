package web_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"testing"
	"time"

	"thidua"
	"thidua/news"
	"thidua/sqldb/articles"
)

var (
	nextLinkRE = regexp.MustCompile(`<a href="([^"]+)" rel="next">Trang sau`)
	prevLinkRE = regexp.MustCompile(`<a href="([^"]+)" rel="prev">‹ Trang trước`)
	pageOfRE   = regexp.MustCompile(`Trang (\d+)/(\d+) \(`)
)

// walkPages follows a workspace list's "Trang sau" links from path to
// the last page, as a browser without script would, and then the "Trang
// trước" links back to the first; it returns the ids of rowRE on each
// page going forward and checks that going back shows the same pages.
func walkPages(t *testing.T, e *testEnv, role thidua.Role, path string, rowRE *regexp.Regexp) [][]int64 {
	t.Helper()
	c := e.login(role)
	read := func(p string) ([]int64, string, string, int) {
		t.Helper()
		res := e.rawDo(c, "GET", p, "", nil)
		if res.Status != 200 {
			t.Fatalf("GET %s: %d", p, res.Status)
		}
		var ids []int64
		for _, m := range rowRE.FindAllStringSubmatch(res.Body, -1) {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			ids = append(ids, id)
		}
		next, prev, page := "", "", 0
		if m := nextLinkRE.FindStringSubmatch(res.Body); m != nil {
			next = html.UnescapeString(m[1])
		}
		if m := prevLinkRE.FindStringSubmatch(res.Body); m != nil {
			prev = html.UnescapeString(m[1])
		}
		if m := pageOfRE.FindStringSubmatch(res.Body); m != nil {
			page, _ = strconv.Atoi(m[1])
		}
		return ids, next, prev, page
	}
	var pages [][]int64
	p := path
	var prev string
	for n := 1; p != ""; n++ {
		ids, next, pr, page := read(p)
		if page != n {
			t.Fatalf("%s shows page %d, want %d", p, page, n)
		}
		if n > 1 && !regexp.MustCompile(`[?&](after)=\d+`).MatchString(p) {
			t.Fatalf("link to page %d is not by keyset: %s", n, p)
		}
		pages = append(pages, ids)
		p, prev = next, pr
		if n > 100 {
			t.Fatal("no end to the pages")
		}
	}
	for i := len(pages) - 2; i >= 0; i-- {
		if prev == "" {
			t.Fatalf("no link back from page %d", i+2)
		}
		ids, _, pr, _ := read(prev)
		if fmt.Sprint(ids) != fmt.Sprint(pages[i]) {
			t.Fatalf("back at page %d (%s): %v, want %v", i+1, prev, ids, pages[i])
		}
		prev = pr
	}
	return pages
}

// everyOnce checks that pages hold want rows, each once, every page but
// the last full.
func everyOnce(t *testing.T, what string, pages [][]int64, want, size int) {
	t.Helper()
	seen := map[int64]bool{}
	for i, ids := range pages {
		if i < len(pages)-1 && len(ids) != size {
			t.Errorf("%s: page %d has %d rows, want %d", what, i+1, len(ids), size)
		}
		for _, id := range ids {
			if seen[id] {
				t.Errorf("%s: row %d on two pages", what, id)
			}
			seen[id] = true
		}
	}
	if len(seen) != want || len(pages) < 3 {
		t.Errorf("%s: %d rows on %d pages, want %d on 3 or more", what, len(seen), len(pages), want)
	}
}

// TestKeysetPages walks the people list, the audit log and the articles
// list page by page through their links, forward and back: every row
// once, in a stable order, deep pages by keyset; on both databases.
func TestKeysetPages(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := thidua.NewSystemContext(context.Background())
		units, _, err := e.DB.FindUnits(ctx, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		// Namesakes too: the order (by given name) needs the id to be total.
		for i := range 110 {
			name := "Nguyễn Văn Trang " + strconv.Itoa(i%40)
			p := &thidua.Person{FullName: name, Gender: thidua.GenderMale, Category: thidua.CategoryCongChuc, UnitID: units[i%len(units)].ID,
				BirthDate: thidua.NewDate(1980, 1, 1+i%28)}
			if err := e.DB.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		_, people, err := e.DB.FindPeople(ctx, thidua.PersonFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		everyOnce(t, "people", walkPages(t, e, thidua.RoleAdmin, "/app/people", regexp.MustCompile(`<td><a href="/app/people/(\d+)">`)), people, 50)

		// Counted after the walk: signing in is an entry of its own.
		auditPages := walkPages(t, e, thidua.RoleAdmin, "/app/audit", regexp.MustCompile(`<tr>\s*<td>(\d+)</td>`))
		_, audit, err := e.DB.FindAuditEntries(ctx, thidua.AuditFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		everyOnce(t, "audit", auditPages, audit, 50)

		store := articles.New(e.DB)
		cats, err := store.FindCategories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var list []*news.Article
		at := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
		for i := range 105 {
			list = append(list, &news.Article{Title: "Tin số " + strconv.Itoa(i), Body: "Nội dung.", CategoryID: cats[0].ID,
				PublishedAt: at.Add(time.Duration(i/3) * time.Hour)})
		}
		if err := store.ImportArticles(ctx, list); err != nil {
			t.Fatal(err)
		}
		_, arts, err := store.FindArticles(ctx, news.ArticleFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		everyOnce(t, "articles", walkPages(t, e, thidua.RoleOfficer, "/app/articles", regexp.MustCompile(`<td><a href="/app/articles/(\d+)">`)), arts, 50)

		// Readers' list in pages after a cursor, as the sitemap reads it.
		var walked []string
		f := news.PublicFilter{Limit: 7, NoTotal: true, LinksOnly: true}
		for {
			page, _, err := store.FindPublishedArticles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				walked = append(walked, fmt.Sprint(a.ID, a.Slug, a.PublishedAt, a.UpdatedAt))
			}
			if len(page) < f.Limit {
				break
			}
			f.AfterID = page[len(page)-1].ID
		}
		all, n, err := store.FindPublishedArticles(ctx, news.PublicFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, a := range all {
			want = append(want, fmt.Sprint(a.ID, a.Slug, a.PublishedAt, a.UpdatedAt))
		}
		if fmt.Sprint(walked) != fmt.Sprint(want) || n != len(want) {
			t.Errorf("published articles by cursor: %v\nwant %v (%d)", walked, want, n)
		}
	})
}
