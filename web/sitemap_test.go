package web_test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/news"
	"thidua/web"
)

type testURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type testSitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// TestSitemapIndex: past the most addresses a sitemap may hold (4 here,
// 50,000 in the protocol) /sitemap.xml becomes a sitemap index whose
// sitemaps list every address of the whole sitemap once, in the same
// order, none over the limit; a page past the last is not found. The
// sitemap is streamed, with Last-Modified for revalidation.
func TestSitemapIndex(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		whole := newEnv(t, o)
		res := whole.portalGet("/sitemap.xml", nil)
		var all testURLSet
		if err := xml.Unmarshal([]byte(res.Body), &all); err != nil || res.Status != 200 || len(all.URLs) != 9 {
			t.Fatalf("whole sitemap: %d, %d addresses, %v", res.Status, len(all.URLs), err)
		}
		if !strings.HasPrefix(res.Body, xml.Header+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n  <url>\n    <loc>") ||
			!strings.HasSuffix(res.Body, "</url>\n</urlset>") {
			t.Errorf("sitemap layout: %.200s … %s", res.Body, res.Body[max(0, len(res.Body)-40):])
		}
		lm := res.Header.Get("Last-Modified")
		if lm == "" {
			t.Fatal("no Last-Modified")
		}
		if again := whole.portalGet("/sitemap.xml", http.Header{"If-Modified-Since": {lm}}); again.Status != 304 {
			t.Errorf("revalidation: %d", again.Status)
		}

		e := newEnv(t, o, web.Config{SitemapMax: 4})
		res = e.portalGet("/sitemap.xml", nil)
		var idx testSitemapIndex
		if err := xml.Unmarshal([]byte(res.Body), &idx); err != nil || res.Status != 200 || len(idx.Sitemaps) != 3 {
			t.Fatalf("index: %d, %v: %s", res.Status, err, res.Body)
		}
		var walked []string
		for i, sm := range idx.Sitemaps {
			path := strings.TrimPrefix(sm.Loc, e.HTTP.URL)
			if want := "/sitemap.xml?trang=" + string(rune('1'+i)); path != want {
				t.Fatalf("sitemap %d at %s, want %s", i, path, want)
			}
			page := e.portalGet(path, nil)
			var set testURLSet
			if err := xml.Unmarshal([]byte(page.Body), &set); err != nil || page.Status != 200 || len(set.URLs) == 0 || len(set.URLs) > 4 {
				t.Fatalf("%s: %d, %d addresses, %v", path, page.Status, len(set.URLs), err)
			}
			for _, u := range set.URLs {
				walked = append(walked, u.Loc)
			}
		}
		var want []string
		for _, u := range all.URLs {
			want = append(want, strings.Replace(u.Loc, whole.HTTP.URL, e.HTTP.URL, 1))
		}
		if !slices.Equal(walked, want) {
			t.Errorf("the sitemaps list\n%v\nwant\n%v", walked, want)
		}
		for _, bad := range []string{"/sitemap.xml?trang=4", "/sitemap.xml?trang=0", "/sitemap.xml?trang=x"} {
			if res := e.portalGet(bad, nil); res.Status != 404 {
				t.Errorf("%s: %d, want 404", bad, res.Status)
			}
		}
	})
}

// TestSitemapRevalidation: the sitemap kept between requests carries a
// strong ETag (one per form) answered with 304, and is built again on
// every change of what it lists: an article published here, and an
// article renamed or unpublished by another node (straight in the
// database, which this server's cache hears nothing of).
func TestSitemapRevalidation(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		plain := http.Header{"Accept-Encoding": {"identity"}}
		get := func(hdr http.Header) reqResult {
			t.Helper()
			res := e.portalGet("/sitemap.xml", hdr)
			if res.Status != 200 && res.Status != 304 {
				t.Fatalf("sitemap: %d %.200s", res.Status, res.Body)
			}
			return res
		}
		first := get(plain)
		etag := first.Header.Get("ETag")
		if etag == "" || first.Header.Get("Last-Modified") == "" || !strings.Contains(first.Body, e.HTTP.URL+seedPath+"</loc>") {
			t.Fatalf("first sitemap: ETag %q, Last-Modified %q: %.300s", etag, first.Header.Get("Last-Modified"), first.Body)
		}
		if res := get(http.Header{"Accept-Encoding": {"identity"}, "If-None-Match": {etag}}); res.Status != 304 || res.Body != "" {
			t.Fatalf("If-None-Match of the current sitemap: %d", res.Status)
		}
		if res := get(http.Header{"Accept-Encoding": {"identity"}}); res.Body != first.Body || res.Header.Get("ETag") != etag {
			t.Fatal("the sitemap changed with nothing changed")
		}
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := e.DB.SQL().Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		now := time.Now().UTC()
		for _, c := range []struct {
			name     string
			change   func()
			has, not string
		}{
			{"published", func() {
				a := e.draftAs(thidua.RoleEditor, "Tin mới cho sơ đồ trang", "Nội dung mới.", "tin-hoat-dong")
				editor, officer := e.login(thidua.RoleEditor), e.login(thidua.RoleOfficer)
				for _, step := range []struct {
					c      *http.Client
					action string
					v      string
				}{{editor, "submit", "1"}, {officer, "publish", "2"}} {
					if res := e.formDo(step.c, "/app/articles/"+uiID(a.ID)+"/transition", map[string][]string{"action": {step.action}, "version": {step.v}}, nil); res.Status != 303 {
						t.Fatalf("%s: %d %.300s", step.action, res.Status, res.Body)
					}
				}
			}, "/tin-tuc/tin-moi-cho-so-do-trang</loc>", ""},
			{"renamed elsewhere", func() {
				exec(`UPDATE articles SET slug = $1, updated_at = $2 WHERE slug = $3`, "ten-moi-cua-tin", now.Add(time.Minute), demo.SeedArticleSlug)
			}, "/tin-tuc/ten-moi-cua-tin</loc>", seedPath + "</loc>"},
			{"unpublished elsewhere", func() {
				exec(`UPDATE articles SET state = $1, updated_at = $2 WHERE slug = $3`, news.ArticleUnpublished, now.Add(2*time.Minute), "ten-moi-cua-tin")
			}, "", "/tin-tuc/ten-moi-cua-tin</loc>"},
		} {
			c.change()
			res := get(http.Header{"Accept-Encoding": {"identity"}, "If-None-Match": {etag}})
			if res.Status != 200 || res.Header.Get("ETag") == etag {
				t.Fatalf("%s: %d with ETag %s, the old one", c.name, res.Status, res.Header.Get("ETag"))
			}
			if c.has != "" && !strings.Contains(res.Body, c.has) || c.not != "" && strings.Contains(res.Body, c.not) {
				t.Fatalf("%s: the sitemap should list %q and not %q: %s", c.name, c.has, c.not, res.Body)
			}
			etag = res.Header.Get("ETag")
		}
	})
}
