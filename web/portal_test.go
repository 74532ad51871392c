package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"thidua/sqldb/articles"
	"time"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/news"
	"thidua/sqldb"
	"thidua/web"
)

// portalGet fetches a public page as an anonymous reader with extra headers.
func (e *testEnv) portalGet(path string, hdr http.Header) reqResult {
	e.t.Helper()
	return e.rawDo(e.client(), http.MethodGet, path, "", hdr)
}

// draftAs stores a draft written by the demo account of role.
func (e *testEnv) draftAs(role thidua.Role, title, body string, categorySlug string) *news.Article {
	e.t.Helper()
	c, err := articles.New(e.DB).FindCategoryBySlug(context.Background(), categorySlug)
	if err != nil {
		e.t.Fatal(err)
	}
	a := &news.Article{Title: title, Summary: "Tóm tắt " + title, Body: body, CategoryID: c.ID, Signature: "BBT"}
	if err := articles.New(e.DB).CreateArticle(thidua.NewContextWithUser(context.Background(), e.roleUser(role)), a); err != nil {
		e.t.Fatalf("CreateArticle: %v", err)
	}
	return a
}

var seedPath = "/tin-tuc/" + demo.SeedArticleSlug

func TestPortalPages(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		base := e.HTTP.URL

		home := e.portalGet("/tin-tuc", nil)
		if home.Status != 200 || !strings.Contains(home.Body, demo.SeedArticleTitle) || !strings.Contains(home.Body, `lang="vi"`) {
			t.Fatalf("GET /tin-tuc: %d %.300s", home.Status, home.Body)
		}
		for _, want := range []string{"Thi đua – Khen thưởng", "Tin hoạt động", "Văn phòng UBND tỉnh", `role="search"`, `href="#noi-dung"`} {
			if !strings.Contains(home.Body, want) {
				t.Errorf("home page lacks %q", want)
			}
		}

		art := e.portalGet(seedPath, nil)
		if art.Status != 200 {
			t.Fatalf("GET %s: %d", seedPath, art.Status)
		}
		for _, want := range []string{
			"Thứ tư 5/10/2022", ">in trang</a>", seedPath + "/in", "<h1>" + demo.SeedArticleTitle + "</h1>",
			`<p class="signature">BBT</p>`, "Kế hoạch số 248/KH-VPUBND", "Tin cùng chuyên mục",
			`<meta property="og:title" content="` + demo.SeedArticleTitle + `">`,
			`<meta property="og:type" content="article">`,
			`<meta property="og:url" content="` + base + seedPath + `">`,
			`<link rel="canonical" href="` + base + seedPath + `">`,
			`<meta name="twitter:card" content="summary">`,
			`<meta property="og:description" content="Nhằm hưởng ứng mạnh mẽ`,
			`<meta property="article:published_time" content="2022-10-05T01:00:00Z">`,
			`Tin về phong trào: ` + demo.CampaignTitle,
		} {
			if !strings.Contains(art.Body, want) {
				t.Errorf("article page lacks %q", want)
			}
		}
		if n := strings.Count(art.Body, "<h1"); n != 1 {
			t.Errorf("article page has %d h1, want 1", n)
		}

		print := e.portalGet(seedPath+"/in", nil)
		if print.Status != 200 {
			t.Fatalf("print view: %d", print.Status)
		}
		for _, want := range []string{"Văn phòng UBND tỉnh", "Địa chỉ bài viết: " + base + seedPath, "Thứ tư 5/10/2022", "BBT", "portal.css", `name="robots" content="noindex"`} {
			if !strings.Contains(print.Body, want) {
				t.Errorf("print view lacks %q", want)
			}
		}
		for _, nav := range []string{`class="sections"`, `class="masthead"`, `role="search"`, "Tin cùng chuyên mục"} {
			if strings.Contains(print.Body, nav) {
				t.Errorf("print view has navigation %q", nav)
			}
		}

		for _, path := range []string{"/tin-tuc/khong-co-bai-nay", "/chuyen-muc/khong-co", "/chuyen-muc/khong-co/rss.xml", "/tin-tuc/khong-co/in", "/anh/khong-co", "/tin-tuc?trang=99"} {
			res := e.portalGet(path, nil)
			if res.Status != 404 || !strings.Contains(res.Body, "Không tìm thấy") || !strings.Contains(res.Body, `lang="vi"`) {
				t.Errorf("GET %s: %d, want the Vietnamese 404 (%.200s)", path, res.Status, res.Body)
			}
		}

		cat := e.portalGet("/chuyen-muc/thi-dua-khen-thuong", nil)
		if cat.Status != 200 || !strings.Contains(cat.Body, "<h1>Thi đua – Khen thưởng</h1>") || !strings.Contains(cat.Body, demo.SeedArticleTitle) ||
			strings.Contains(cat.Body, "Trung tâm Thông tin – Công báo đăng tải") || !strings.Contains(cat.Body, `aria-current="page"`) {
			t.Errorf("category page: %d %.300s", cat.Status, cat.Body)
		}

		search := e.portalGet("/tim-kiem?q=bau+cu+quoc+hoi", nil)
		if search.Status != 200 || !strings.Contains(search.Body, "<mark>bầu cử</mark>") || !strings.Contains(search.Body, "Tìm thấy") ||
			!strings.Contains(search.Body, `content="noindex"`) {
			t.Errorf("search: %d %.500s", search.Status, search.Body)
		}
		if res := e.portalGet("/tim-kiem?q=%22%28c%2B%2B+NEAR%2F2", nil); res.Status != 200 || !strings.Contains(res.Body, "Không tìm thấy tin bài nào") {
			t.Errorf("search with syntax: %d", res.Status)
		}
		if res := e.portalGet("/tim-kiem?q=<script>alert(1)</script>", nil); strings.Contains(res.Body, "<script>alert") {
			t.Error("the search query is echoed unescaped")
		}
	})
}

type testRSS struct {
	Version string `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		Link  string `xml:"link"`
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestPortalFeeds(t *testing.T) {
	e := newSQLiteEnv(t)
	base := e.HTTP.URL
	for _, tc := range []struct {
		path  string
		items int
	}{{"/rss.xml", 5}, {"/chuyen-muc/thi-dua-khen-thuong/rss.xml", 3}} {
		res := e.portalGet(tc.path, nil)
		if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/rss+xml") {
			t.Fatalf("GET %s: %d %s", tc.path, res.Status, res.Header.Get("Content-Type"))
		}
		var doc testRSS
		if err := xml.Unmarshal([]byte(res.Body), &doc); err != nil {
			t.Fatalf("%s is not XML: %v", tc.path, err)
		}
		if doc.Version != "2.0" || len(doc.Channel.Items) != tc.items || doc.Channel.Title == "" {
			t.Errorf("%s: version %q, %d items, title %q", tc.path, doc.Version, len(doc.Channel.Items), doc.Channel.Title)
			continue
		}
		first := doc.Channel.Items[0]
		if first.Title != demo.SeedArticleTitle || first.Link != base+seedPath || first.GUID != first.Link {
			t.Errorf("%s: first item %+v", tc.path, first)
		}
		if _, err := time.Parse(time.RFC1123Z, first.PubDate); err != nil {
			t.Errorf("%s: pubDate %q: %v", tc.path, first.PubDate, err)
		}
	}
	res := e.portalGet("/sitemap.xml", nil)
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(res.Body), &sm); err != nil || res.Status != 200 {
		t.Fatalf("sitemap: %d %v", res.Status, err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	all := strings.Join(locs, " ")
	for _, want := range []string{base + "/tin-tuc", base + seedPath, base + "/chuyen-muc/thi-dua-khen-thuong"} {
		if !strings.Contains(all, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if strings.Contains(all, "phong-tong-hop-diem-sang") {
		t.Error("sitemap lists the article still waiting for approval")
	}
	if len(locs) != 1+3+5 {
		t.Errorf("sitemap has %d addresses, want 9", len(locs))
	}
}

func TestPortalCaching(t *testing.T) {
	e := newSQLiteEnv(t)
	// The plain form: Go's client asks for gzip (and unzips) unless told.
	plainForm := http.Header{"Accept-Encoding": {"identity"}}
	first := e.portalGet(seedPath, plainForm)
	etag, lastMod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if first.Status != 200 || etag == "" || lastMod == "" || first.Header.Get("Cache-Control") != "public, max-age=60" {
		t.Fatalf("headers: %d ETag %q Last-Modified %q Cache-Control %q", first.Status, etag, lastMod, first.Header.Get("Cache-Control"))
	}
	if !strings.Contains(first.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary = %q", first.Header.Get("Vary"))
	}
	if res := e.portalGet(seedPath, http.Header{"If-None-Match": {etag}, "Accept-Encoding": {"identity"}}); res.Status != 304 || res.Body != "" {
		t.Errorf("If-None-Match: %d", res.Status)
	}
	if res := e.portalGet(seedPath, http.Header{"If-None-Match": {`"autre"`}, "Accept-Encoding": {"identity"}}); res.Status != 200 {
		t.Errorf("another ETag: %d", res.Status)
	}
	if res := e.portalGet(seedPath, http.Header{"If-Modified-Since": {lastMod}, "Accept-Encoding": {"identity"}}); res.Status != 304 {
		t.Errorf("If-Modified-Since: %d", res.Status)
	}

	// gzip, asked for explicitly (so Go's client does not undo it).
	req, _ := http.NewRequest("GET", e.HTTP.URL+seedPath, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	zipped, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || len(zipped) >= len(first.Body) {
		t.Fatalf("gzip: encoding %q, %d bytes for %d", resp.Header.Get("Content-Encoding"), len(zipped), len(first.Body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != first.Body {
		t.Error("the gzipped page differs from the plain one")
	}
	// Each form its own validator (RFC 9110 §8.8.3), and 304 for each.
	gzTag := resp.Header.Get("ETag")
	if gzTag == "" || gzTag == etag {
		t.Errorf("the gzip form's ETag is %q, the plain form's %q: want two", gzTag, etag)
	}
	for _, c := range []struct {
		gzip bool
		tag  string
		want int
	}{{true, gzTag, 304}, {true, etag, 200}, {false, gzTag, 200}, {false, etag, 304}} {
		req, _ := http.NewRequest("GET", e.HTTP.URL+seedPath, nil)
		if c.gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		req.Header.Set("If-None-Match", c.tag)
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := etag
		if c.gzip {
			want = gzTag
		}
		if resp.StatusCode != c.want || resp.Header.Get("ETag") != want {
			t.Errorf("gzip %v, If-None-Match %s: %d with ETag %s, want %d with %s", c.gzip, c.tag, resp.StatusCode, resp.Header.Get("ETag"), c.want, want)
		}
	}

	// Publishing empties the cache: the home page shows the new article.
	home := e.portalGet("/tin-tuc", nil)
	if e.Server.PortalCacheLen() == 0 {
		t.Fatal("nothing cached")
	}
	a := e.draftAs(thidua.RoleEditor, "Tin mới đăng sau khi trang được lưu đệm", "Nội dung mới.", "tin-hoat-dong")
	if again := e.portalGet("/tin-tuc", nil); again.Body != home.Body {
		t.Error("a new draft changed the home page")
	}
	c := e.login(thidua.RoleEditor)
	res := e.formDo(c, "/app/articles/"+uiID(a.ID)+"/transition", map[string][]string{"action": {"submit"}, "version": {"1"}}, nil)
	if res.Status != 303 {
		t.Fatalf("submit: %d %.300s", res.Status, res.Body)
	}
	officer := e.login(thidua.RoleOfficer)
	res = e.formDo(officer, "/app/articles/"+uiID(a.ID)+"/transition", map[string][]string{"action": {"publish"}, "version": {"2"}}, nil)
	if res.Status != 303 {
		t.Fatalf("publish: %d %.300s", res.Status, res.Body)
	}
	after := e.portalGet("/tin-tuc", nil)
	if !strings.Contains(after.Body, "Tin mới đăng sau khi trang được lưu đệm") || after.Header.Get("ETag") == home.Header.Get("ETag") {
		t.Error("the home page still shows the old list after a publication")
	}
	// Unknown query parameters do not make new cache entries.
	n := e.Server.PortalCacheLen()
	for i := range 5 {
		e.portalGet("/tin-tuc?utm_source="+uiID(int64(i)), nil)
	}
	if got := e.Server.PortalCacheLen(); got != n {
		t.Errorf("cache grew from %d to %d entries on ignored parameters", n, got)
	}
}

// TestPortalScheduled: an article scheduled for later appears when its time
// comes, though nobody publishes anything then.
func TestPortalScheduled(t *testing.T) {
	e := newSQLiteEnv(t)
	a := e.draftAs(thidua.RoleEditor, "Tin hẹn giờ đăng", "Nội dung hẹn giờ.", "tin-hoat-dong")
	editorCtx := thidua.NewContextWithUser(context.Background(), e.roleUser(thidua.RoleEditor))
	officerCtx := thidua.NewContextWithUser(context.Background(), e.roleUser(thidua.RoleOfficer))
	s, err := articles.New(e.DB).TransitionArticle(editorCtx, a.ID, "submit", a.Version, news.ArticleTransitionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(2 * time.Second).Truncate(time.Second).Add(time.Second)
	p, err := articles.New(e.DB).TransitionArticle(officerCtx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{PublishAt: at})
	if err != nil {
		t.Fatal(err)
	}
	e.Server.InvalidatePortal()
	if res := e.portalGet("/tin-tuc", nil); strings.Contains(res.Body, "Tin hẹn giờ đăng") {
		t.Fatal("a scheduled article shows before its time")
	}
	if res := e.portalGet(p.URL(), nil); res.Status != 404 {
		t.Errorf("scheduled article page before its time: %d", res.Status)
	}
	time.Sleep(time.Until(at) + 100*time.Millisecond)
	if res := e.portalGet("/tin-tuc", nil); !strings.Contains(res.Body, "Tin hẹn giờ đăng") {
		t.Error("the scheduled article does not show once its time has come")
	}
}

// TestPortalInvalidationAcrossNodes runs two servers on one PostgreSQL
// database, each with its own connection pool, as two machines would: a
// publication through one node empties the other's cache by NOTIFY.
func TestPortalInvalidationAcrossNodes(t *testing.T) {
	a := newEnv(t, demotest.Postgres(t))
	dbB := demotest.Open(t, a.URL)
	b := newNodeEnv(t, dbB, a)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	invalidated := make(chan struct{}, 16)
	var once sync.Once
	go dbB.WatchPortal(ctx, func() {
		b.Server.InvalidatePortal()
		first := false
		once.Do(func() { first = true; close(ready) })
		if !first {
			invalidated <- struct{}{}
		}
	})
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("node B is not listening after 10s")
	}
	// Let any notification from loading the demo data pass.
	time.Sleep(300 * time.Millisecond)
	for len(invalidated) > 0 {
		<-invalidated
	}

	before := b.portalGet("/tin-tuc", nil)
	if before.Status != 200 || b.Server.PortalCacheLen() == 0 {
		t.Fatalf("node B: %d, %d cached", before.Status, b.Server.PortalCacheLen())
	}
	art := a.draftAs(thidua.RoleEditor, "Tin đăng trên máy chủ A", "Nội dung.", "tin-hoat-dong")
	officer := a.login(thidua.RoleOfficer)
	editor := a.login(thidua.RoleEditor)
	if res := a.formDo(editor, "/app/articles/"+uiID(art.ID)+"/transition", map[string][]string{"action": {"submit"}, "version": {"1"}}, nil); res.Status != 303 {
		t.Fatalf("submit on A: %d", res.Status)
	}
	if res := a.formDo(officer, "/app/articles/"+uiID(art.ID)+"/transition", map[string][]string{"action": {"publish"}, "version": {"2"}}, nil); res.Status != 303 {
		t.Fatalf("publish on A: %d", res.Status)
	}
	select {
	case <-invalidated:
	case <-time.After(10 * time.Second):
		t.Fatal("node B heard nothing of the publication on A within 10s")
	}
	if n := b.Server.PortalCacheLen(); n != 0 {
		t.Errorf("node B still caches %d pages", n)
	}
	after := b.portalGet("/tin-tuc", nil)
	if !strings.Contains(after.Body, "Tin đăng trên máy chủ A") {
		t.Error("node B does not show the article published on A")
	}
}

// TestPortalAccessibility checks the basics a screen reader and a keyboard
// rely on, on every kind of portal page.
func TestPortalAccessibility(t *testing.T) {
	e := newSQLiteEnv(t)
	img := regexp.MustCompile(`<img\b[^>]*>`)
	for _, path := range []string{"/tin-tuc", seedPath, "/chuyen-muc/thi-dua-khen-thuong", "/tim-kiem?q=thi+dua", "/tin-tuc/khong-co"} {
		res := e.portalGet(path, nil)
		b := res.Body
		if !strings.Contains(b, `<html lang="vi">`) || !strings.Contains(b, `name="viewport"`) {
			t.Errorf("%s: no lang or viewport", path)
		}
		if strings.Count(b, "<h1") != 1 {
			t.Errorf("%s: %d h1", path, strings.Count(b, "<h1"))
		}
		if !strings.Contains(b, `<main id="noi-dung"`) || !strings.Contains(b, `class="skip" href="#noi-dung"`) {
			t.Errorf("%s: no skip link to main", path)
		}
		for _, tag := range img.FindAllString(b, -1) {
			if !strings.Contains(tag, `alt="`) {
				t.Errorf("%s: image without alt: %s", path, tag)
			}
		}
		if strings.Count(b, `<label for="q-top"`) != 1 {
			t.Errorf("%s: the search box has no label", path)
		}
	}
}

// newNodeEnv starts a second server, with the default configuration, on
// db: another handle on the database of a.
func newNodeEnv(t *testing.T, db *sqldb.DB, a *testEnv) *testEnv {
	t.Helper()
	accounts := make([]demo.Account, 0, len(a.Accounts))
	for _, acc := range a.Accounts {
		accounts = append(accounts, acc)
	}
	return newEnv(t, &demotest.Office{DB: db, URL: a.URL, Accounts: accounts}, web.Config{})
}
