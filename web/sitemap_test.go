package web_test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"thidua/demo/demotest"
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
