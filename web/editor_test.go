package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"thidua/sqldb/articles"

	"thidua"
	"thidua/demo"
	"thidua/news"
)

// multipartDo posts an article form with an optional cover file, as a
// browser does.
func (e *testEnv) multipartDo(c *http.Client, path string, fields map[string]string, fileName string, file []byte) reqResult {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("cover", fileName)
		fw.Write(file)
	}
	mw.Close()
	return e.rawDo(c, http.MethodPost, path, buf.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
}

func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{R: 158, G: 11, B: 15, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hostileBody is Markdown and HTML that tries to run script in a reader's
// browser; the markdown package's test holds the full corpus.
const hostileBody = `Đoạn mở đầu bình thường.

<script>alert("xss")</script>
<img src=x onerror=alert(1)>
[bấm vào đây](javascript:alert(1))
<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">liên kết</a>
<svg onload=alert(1)><script>alert(1)</script></svg>
<iframe src="https://evil.example"></iframe>
![ảnh](javascript:alert(1))
<p style="background:url(javascript:alert(1))">kiểu</p>
<form action="https://evil.example"><button>Gửi</button></form>

Đoạn kết **in đậm**.`

var leaked = regexp.MustCompile(`(?i)<script|<svg|<iframe|<form|\son[a-z]+\s*=|javascript:|\sstyle=`)

func (e *testEnv) countArticles() int {
	e.t.Helper()
	_, n, err := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *testEnv) countBlobs() int {
	e.t.Helper()
	var n int
	if err := e.DB.SQL().QueryRow(`SELECT count(*) FROM file_blobs`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// articleBySlug returns the stored article at slug.
func (e *testEnv) articleBySlug(slug string) *news.Article {
	e.t.Helper()
	list, _, err := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{Limit: 200})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range list {
		if a.Slug == slug {
			full, err := articles.New(e.DB).FindArticleByID(sysCtx(), a.ID)
			if err != nil {
				e.t.Fatal(err)
			}
			return full
		}
	}
	e.t.Fatalf("no article at %s", slug)
	return nil
}

// between returns the part of s from the first from to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(to)]
}

var articleIDRE = regexp.MustCompile(`^/app/articles/(\d+)$`)

func TestEditorWorkflow(t *testing.T) {
	e := newSQLiteEnv(t)
	editor, officer, admin := e.login(thidua.RoleEditor), e.login(thidua.RoleOfficer), e.login(thidua.RoleAdmin)
	anon := e.client()
	cat, err := articles.New(e.DB).FindCategoryBySlug(context.Background(), "tin-hoat-dong")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{
		"title": "Hội nghị sơ kết phong trào thi đua quý I", "summary": "Sơ kết quý I.", "body": hostileBody,
		"category_id": uiID(cat.ID), "signature": "Phan Thu Hà", "cover_alt": "Toàn cảnh hội nghị sơ kết",
	}
	pic := testPNG(t)

	// Refused uploads change nothing.
	nArticles, blobs := e.countArticles(), e.countBlobs()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"anh.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>`), "không phải ảnh"},
		{"anh.png", []byte("%PDF-1.4 không phải ảnh PNG"), "không phải ảnh"},
		{"anh.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 100)...), "không phải ảnh hợp lệ"},
		{"lon.jpg", bytes.Repeat([]byte{0xFF}, 6<<20), "lớn"},
	} {
		res := e.multipartDo(editor, "/app/articles", fields, tc.name, tc.data)
		if res.Status != 422 || !strings.Contains(res.Body, tc.want) {
			t.Errorf("upload %s: %d, want 422 saying %q (%.300s)", tc.name, res.Status, tc.want, res.Body)
		}
	}
	noAlt := map[string]string{}
	for k, v := range fields {
		noAlt[k] = v
	}
	noAlt["cover_alt"] = ""
	if res := e.multipartDo(editor, "/app/articles", noAlt, "anh.png", pic); res.Status != 422 || !strings.Contains(res.Body, "mô tả ảnh") {
		t.Errorf("cover without alt text: %d (%.300s)", res.Status, res.Body)
	}
	if a, b := e.countArticles(), e.countBlobs(); a != nArticles || b != blobs {
		t.Fatalf("refused uploads left %d articles (was %d) and %d files (was %d)", a, nArticles, b, blobs)
	}

	// A draft with a cover.
	res := e.multipartDo(editor, "/app/articles", fields, "hoi-nghi.png", pic)
	m := articleIDRE.FindStringSubmatch(res.Header.Get("Location"))
	if res.Status != 303 || m == nil {
		t.Fatalf("create: %d %q %.300s", res.Status, res.Header.Get("Location"), res.Body)
	}
	path := m[0]
	a := e.articleBySlug("hoi-nghi-so-ket-phong-trao-thi-dua-quy-i")
	if a.CoverKey == "" || a.CoverType != "image/png" || a.State != news.ArticleDraft {
		t.Fatalf("stored: %+v", a)
	}
	if res := e.rawDo(anon, "GET", "/anh/"+a.CoverKey, "", nil); res.Status != 404 {
		t.Errorf("a draft's cover is public: %d", res.Status)
	}
	if res := e.rawDo(editor, "GET", "/anh/"+a.CoverKey, "", nil); res.Status != 200 || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("the editor cannot see the draft's cover: %d", res.Status)
	}
	if res := e.rawDo(editor, "GET", path+"/preview", "", nil); res.Status != 200 || !strings.Contains(res.Body, "Bản xem trước") ||
		res.Header.Get("Cache-Control") != "private, no-store" || leaked.MatchString(between(res.Body, "<article", "</article>")) {
		t.Errorf("preview: %d %q", res.Status, res.Header.Get("Cache-Control"))
	}

	// Two people save the same version: the second is told to reload and
	// keeps what they typed.
	form := func(c *http.Client, body string) map[string]string {
		page := e.rawDo(c, "GET", path+"/edit", "", nil)
		if page.Status != 200 {
			t.Fatalf("edit form: %d", page.Status)
		}
		f := map[string]string{}
		for k, v := range fields {
			f[k] = v
		}
		f["version"], f["body"] = formVersion(t, page.Body), body
		return f
	}
	mine, theirs := form(editor, hostileBody+"\n\nBản sửa của biên tập viên."), form(officer, hostileBody+"\n\nBản sửa của cán bộ thi đua.")
	if res := e.multipartDo(editor, path, mine, "", nil); res.Status != 303 {
		t.Fatalf("first save: %d %.300s", res.Status, res.Body)
	}
	res = e.multipartDo(officer, path, theirs, "", nil)
	if res.Status != 409 || !strings.Contains(res.Body, "Dữ liệu đã được người khác thay đổi, vui lòng tải lại.") ||
		!strings.Contains(res.Body, "Bản sửa của cán bộ thi đua.") {
		t.Errorf("second save: %d, want 409 asking to reload (%.300s)", res.Status, res.Body)
	}

	// Workflow through the pages.
	transition := func(c *http.Client, action string, extra url.Values) reqResult {
		cur, err := articles.New(e.DB).FindArticleByID(sysCtx(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"action": {action}, "version": {uiID(int64(cur.Version))}}
		for k, x := range extra {
			v[k] = x
		}
		return e.formDo(c, path+"/transition", v, nil)
	}
	if res := transition(editor, "submit", nil); res.Status != 303 {
		t.Fatalf("submit: %d", res.Status)
	}
	res = transition(editor, "publish", nil)
	if res.Status != 403 || !strings.Contains(res.Body, "Chỉ người có quyền duyệt") {
		t.Errorf("editor publishes: %d (%.300s)", res.Status, res.Body)
	}
	// The officer corrects the text: then someone else has to approve it.
	fix := form(officer, hostileBody+"\n\nĐã sửa lỗi chính tả.")
	if res := e.multipartDo(officer, path, fix, "", nil); res.Status != 303 {
		t.Fatalf("officer's correction: %d", res.Status)
	}
	if view := e.rawDo(officer, "GET", path, "", nil); !strings.Contains(view.Body, "không thể tự duyệt") {
		t.Error("the view page does not tell the officer they cannot approve their own edit")
	}
	if res := transition(officer, "publish", nil); res.Status != 403 || !strings.Contains(res.Body, "không thể duyệt tin bài do chính mình") {
		t.Errorf("officer approves their own edit: %d", res.Status)
	}
	if res := transition(admin, "publish", url.Values{"publish_at": {"01/01/2020 08:00"}}); res.Status != 422 || !strings.Contains(res.Body, "quá khứ") {
		t.Errorf("publish in the past: %d", res.Status)
	}
	if res := transition(admin, "publish", url.Values{"publish_at": {"ngày mai"}}); res.Status != 422 {
		t.Errorf("publish at a malformed time: %d", res.Status)
	}
	if res := transition(admin, "publish", nil); res.Status != 303 {
		t.Fatalf("admin publishes: %d %.300s", res.Status, res.Body)
	}

	// Readers see the article, its cover and nothing of the hostile input.
	pub := e.rawDo(anon, "GET", "/tin-tuc/hoi-nghi-so-ket-phong-trao-thi-dua-quy-i", "", nil)
	if pub.Status != 200 || !strings.Contains(pub.Body, "Đã sửa lỗi chính tả.") || !strings.Contains(pub.Body, "<strong>in đậm</strong>") ||
		!strings.Contains(pub.Body, `alt="Toàn cảnh hội nghị sơ kết"`) || !strings.Contains(pub.Body, "Phan Thu Hà") {
		t.Fatalf("public page: %d %.500s", pub.Status, pub.Body)
	}
	if m := leaked.FindString(between(pub.Body, "<article", "</article>")); m != "" {
		t.Errorf("the public page contains %q", m)
	}
	if !strings.Contains(pub.Body, `<meta property="og:image" content="`+e.HTTP.URL+"/anh/"+a.CoverKey+`">`) ||
		!strings.Contains(pub.Body, `content="summary_large_image"`) {
		t.Error("no Open Graph image for the cover")
	}
	if res := e.rawDo(anon, "GET", "/anh/"+a.CoverKey, "", nil); res.Status != 200 || res.Body != string(pic) ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("public cover: %d %q", res.Status, res.Header.Get("Cache-Control"))
	}
	search := e.rawDo(anon, "GET", "/tim-kiem?q=so+ket+quy", "", nil)
	hits := between(search.Body, `<ol class="hits">`, "</ol>")
	if !strings.Contains(hits, "Hội nghị <mark>sơ kết</mark>") || leaked.MatchString(hits) {
		t.Errorf("search: %s", hits)
	}

	// Versions and their difference.
	vs, _ := articles.New(e.DB).FindArticleVersions(sysCtx(), a.ID)
	diff := e.rawDo(editor, "GET", path+"/versions?from=2&to=4", "", nil)
	if diff.Status != 200 || !strings.Contains(diff.Body, "<td>+</td><td><ins class=\"line\">Đã sửa lỗi chính tả.</ins></td>") ||
		!strings.Contains(diff.Body, "<td>−</td><td><del class=\"line\">Bản sửa của biên tập viên.</del></td>") {
		t.Errorf("diff of %d versions: %d %.800s", len(vs), diff.Status, diff.Body)
	}
	if strings.Contains(diff.Body, "<script>alert") {
		t.Error("the diff page shows raw script")
	}

	// Unpublishing takes it off the portal and out of search.
	if res := transition(editor, "unpublish", nil); res.Status != 403 {
		t.Errorf("editor unpublishes: %d", res.Status)
	}
	if res := transition(officer, "unpublish", nil); res.Status != 303 {
		t.Fatalf("unpublish: %d", res.Status)
	}
	if res := e.rawDo(anon, "GET", "/tin-tuc/hoi-nghi-so-ket-phong-trao-thi-dua-quy-i", "", nil); res.Status != 404 {
		t.Errorf("unpublished article: %d", res.Status)
	}
	if res := e.rawDo(anon, "GET", "/anh/"+a.CoverKey, "", nil); res.Status != 404 {
		t.Errorf("unpublished article's cover: %d", res.Status)
	}
	entries, _, _ := e.DB.FindAuditEntries(sysCtx(), thidua.AuditFilter{Entity: "article", EntityID: a.ID})
	if len(entries) != len(vs)+1 {
		t.Errorf("%d audit entries for %d versions and an unpublication", len(entries), len(vs))
	}
}

func TestEditorCategoriesAndLists(t *testing.T) {
	e := newSQLiteEnv(t)
	editor, officer := e.login(thidua.RoleEditor), e.login(thidua.RoleOfficer)
	if res := e.rawDo(editor, "GET", "/app/article-categories", "", nil); res.Status != 403 {
		t.Errorf("editor opens categories: %d", res.Status)
	}
	res := e.formDo(officer, "/app/article-categories", url.Values{"name": {"Gương người tốt, việc tốt"}, "position": {"4"}}, nil)
	if res.Status != 303 {
		t.Fatalf("create category: %d %.300s", res.Status, res.Body)
	}
	if res := e.formDo(officer, "/app/article-categories", url.Values{"name": {"Gương người tốt – việc tốt"}}, nil); res.Status != 422 ||
		!strings.Contains(res.Body, "guong-nguoi-tot-viec-tot") {
		t.Errorf("duplicate category: %d", res.Status)
	}
	if res := e.formDo(officer, "/app/article-categories", url.Values{"name": {"Tên"}, "position": {"một"}}, nil); res.Status != 422 {
		t.Errorf("bad position: %d", res.Status)
	}
	if res := e.rawDo(e.client(), "GET", "/tin-tuc", "", nil); !strings.Contains(res.Body, "Gương người tốt, việc tốt") {
		t.Error("the new category is not in the portal's navigation")
	}
	list := e.rawDo(editor, "GET", "/app/articles?state=SUBMITTED", "", nil)
	if list.Status != 200 || !strings.Contains(list.Body, "Phòng Tổng hợp: điểm sáng") || strings.Contains(list.Body, demo.SeedArticleTitle) {
		t.Errorf("articles waiting for approval: %d", list.Status)
	}
	if res := e.rawDo(editor, "GET", "/app", "", nil); !strings.Contains(res.Body, `href="/app/articles"`) {
		t.Error("no link to the articles in the workspace navigation")
	}
	if res := e.rawDo(e.login(thidua.RoleStaff), "GET", "/app/articles", "", nil); res.Status != 403 {
		t.Errorf("staff opens the articles: %d", res.Status)
	}
}

// TestEditorCampaignResults: from a closed campaign one click drafts the
// results article.
func TestEditorCampaignResults(t *testing.T) {
	e := newSQLiteEnv(t)
	editor := e.login(thidua.RoleEditor)
	c := e.demoCampaign()
	if res := e.formDo(editor, "/app/campaigns/"+uiID(c.ID)+"/article", nil, nil); res.Status != 409 || !strings.Contains(res.Body, "đã tổng kết") {
		t.Errorf("results of an open campaign: %d", res.Status)
	}
	// The editor, outside the campaign's units, writes the results from
	// the ranking the office publishes inside the agency.
	officerCtx := thidua.NewContextWithUser(context.Background(), e.roleUser(thidua.RoleOfficer))
	c.PublishRanking = true
	if err := e.DB.UpdateCampaign(officerCtx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.TransitionCampaign(officerCtx, c.ID, "close", c.Version); err != nil {
		t.Fatal(err)
	}
	before, _ := articles.New(e.DB).CountPublishedArticles(context.Background(), c.ID)
	res := e.formDo(editor, "/app/campaigns/"+uiID(c.ID)+"/article", nil, nil)
	if res.Status != 303 || !strings.HasSuffix(res.Header.Get("Location"), "/edit") {
		t.Fatalf("draft results: %d %q", res.Status, res.Header.Get("Location"))
	}
	id := strings.TrimSuffix(strings.TrimPrefix(res.Header.Get("Location"), "/app/articles/"), "/edit")
	list, _, err := articles.New(e.DB).FindArticles(sysCtx(), news.ArticleFilter{CampaignID: c.ID, State: news.ArticleDraft})
	if err != nil || len(list) != 1 || uiID(list[0].ID) != id {
		t.Fatalf("drafts linked to the campaign: %v %v", list, err)
	}
	a, _ := articles.New(e.DB).FindArticleByID(sysCtx(), list[0].ID)
	for _, want := range []string{"## Kết quả xếp hạng tập thể", "## Kết quả xếp hạng cá nhân", "| 1 | ", "Kế hoạch số 248/KH-VPUBND", "## Khen thưởng",
		"Chưa có quyết định khen thưởng nào được ban hành cho đợt thi đua này."} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("results article lacks %q:\n%s", want, a.Body)
		}
	}
	if !strings.HasPrefix(a.Title, "Tổng kết đợt thi đua cao điểm") || a.CategorySlug != "thi-dua-khen-thuong" || a.Signature != "BBT" || a.AuthorName != "Đỗ Hoàng Nam" {
		t.Errorf("results article: %q in %q by %q", a.Title, a.CategorySlug, a.AuthorName)
	}
	if after, _ := articles.New(e.DB).CountPublishedArticles(context.Background(), c.ID); after != before {
		t.Errorf("drafting changed the published count from %d to %d", before, after)
	}
	page := e.rawDo(editor, "GET", "/app/articles/"+id+"/preview", "", nil)
	if !strings.Contains(page.Body, "<table>") || !strings.Contains(page.Body, `<td align="right">1</td>`) {
		t.Errorf("the results table does not render: %.500s", page.Body)
	}
	lists := e.rawDo(editor, "GET", "/app/articles", "", nil)
	if !strings.Contains(lists.Body, "Soạn tin tổng kết") {
		t.Error("the articles page does not offer the closed campaign")
	}
}
