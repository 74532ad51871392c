// Package portal serves the public news portal (design.md: /tin-tuc/{slug},
// /tin-tuc/{slug}/in, /chuyen-muc/{slug}, /tim-kiem?q=, /rss.xml,
// /sitemap.xml): no sign-in, cached, gzipped, with ETag and Last-Modified.
// The editorial side is in package web/workspace/articles.
package portal

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/markdown"
	"thidua/news"
	"thidua/web/kit"
	"time"
	"unicode/utf8"
)

// portal holds the portal's templates, page cache and article store.
type Handler struct {
	s     *kit.Base
	store news.ArticleService
	cache *pageCache
	// sitemaps keeps the built sitemaps (portal_sitemap.go).
	sitemaps *sitemapCache
	pages    map[string]*template.Template
}

// newPortal builds the portal of s, reading articles from store.
func New(s *kit.Base, store news.ArticleService) (*Handler, error) {
	pages, err := parsePortalTemplates(s.Tmpl.Static)
	if err != nil {
		return nil, err
	}
	return &Handler{s: s, store: store, cache: newPageCache(), sitemaps: newSitemapCache(), pages: pages}, nil
}

// portalPageSize is the number of articles on a page of a list.
const portalPageSize = 10

// site describes the portal for the request: its name, its agency and its
// address (Config.PublicURL, or the address the request came to).
func (p *Handler) site(r *http.Request) *siteInfo {
	cfg := p.s.Cfg
	si := &siteInfo{Agency: cfg.PortalAgency, Name: cfg.PortalName, Base: p.baseURL(r)}
	if si.Agency == "" {
		si.Agency = p.defaultAgency(r.Context())
	}
	if si.Name == "" {
		si.Name = "Trang thông tin điện tử " + si.Agency
	}
	return si
}

// defaultAgency names the agency (cơ quan) the portal belongs to when
// Config.PortalAgency is empty.
func (p *Handler) defaultAgency(ctx context.Context) string {
	units, _, err := p.s.Store.FindUnits(thidua.NewSystemContext(ctx), thidua.UnitFilter{})
	if err != nil || len(units) == 0 {
		return "Cơ quan"
	}
	// The first agency entered (the lowest ID): in the demo, Văn phòng UBND
	// tỉnh rather than Sở Nội vụ, which sorts before it.
	var first *thidua.Unit
	for _, u := range units {
		if u.Kind == thidua.UnitAgency && (first == nil || u.ID < first.ID) {
			first = u
		}
	}
	if first == nil {
		first = units[0]
	}
	return first.Name
}

// cacheKey names a page by the portal's address, its path and the
// parameters it reads (never the raw query: other parameters would let
// anyone fill the cache with copies). It reads no table: a cache hit
// touches no database.
func (p *Handler) cacheKey(r *http.Request, path string, params ...string) string {
	return p.baseURL(r) + path + "?" + strings.Join(params, "&")
}

// baseURL is the portal's address: Config.PublicURL, or the address the
// request came to.
func (p *Handler) baseURL(r *http.Request) string {
	if base := strings.TrimRight(p.s.Cfg.PublicURL, "/"); base != "" {
		return base
	}
	if p.s.HTTPS(r) {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// serve answers from the cache, or builds the page, caches and sends it.
func (p *Handler) serve(w http.ResponseWriter, r *http.Request, key string, build func() (*cachedPage, error)) {
	now := p.s.Now()
	if c, ok := p.cache.get(key, now); ok {
		c.write(w, r)
		return
	}
	gen, needSchedule := p.cache.generation()
	if needSchedule {
		if next, err := p.store.NextScheduledAt(r.Context()); err == nil {
			p.cache.setSchedule(gen, next)
		}
	}
	page, err := build()
	if err != nil {
		p.fail(w, r, err)
		return
	}
	page.expires = now.Add(pageCacheMaxAge)
	p.cache.put(key, page, gen)
	page.write(w, r)
}

// fail shows the portal's 404 page for ENOTFOUND, the error page otherwise.
func (p *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if thidua.ErrorCode(err) == thidua.ENOTFOUND {
		p.notFound(w, r, thidua.ErrorMessage(err))
		return
	}
	p.s.Error(w, r, err)
}

// notFound renders the portal's Vietnamese 404 page.
func (p *Handler) notFound(w http.ResponseWriter, r *http.Request, msg string) {
	data := p.base(r, "Không tìm thấy trang", r.URL.Path)
	data.Heading, data.Message, data.Status, data.NoIndex = "Không tìm thấy trang", msg, http.StatusNotFound, true
	body, err := p.render("notfound.html", data)
	if err != nil {
		p.s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	w.Write(body)
}

// base fills what every portal page shows.
func (p *Handler) base(r *http.Request, title, path string) *portalPage {
	cats, err := p.store.FindCategories(r.Context())
	if err != nil {
		p.s.Log.Error("portal categories", "err", err)
	}
	return &portalPage{Site: p.site(r), Title: title, Path: path, Categories: cats, Type: "website",
		Feed: "/rss.xml", Now: p.s.Now()}
}

func (p *Handler) html(data *portalPage, name string, lastMod time.Time) (*cachedPage, error) {
	body, err := p.render(name, data)
	if err != nil {
		return nil, err
	}
	return newCachedPage(http.StatusOK, "text/html; charset=utf-8", body, lastMod), nil
}

// pageParam reads ?trang= (page numbers start at 1).
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("trang"))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 100000)
}

// newest returns the latest change among articles.
func newest(as ...*news.Article) time.Time {
	var t time.Time
	for _, a := range as {
		if a == nil {
			continue
		}
		for _, x := range []time.Time{a.PublishedAt, a.UpdatedAt} {
			if x.After(t) {
				t = x
			}
		}
	}
	return t
}

// describe returns a sentence about the article for search engines and
// shared links: its summary, or the beginning of its text.
func describe(a *news.Article) string {
	d := a.Summary
	if d == "" {
		// The body's first paragraph (lists carry only its start).
		text := a.Excerpt
		if a.Body != "" {
			text = news.MarkdownText(a.Body)
		}
		text = strings.TrimSpace(text)
		if i := strings.Index(text, "\n\n"); i > 0 {
			text = text[:i]
		}
		d = strings.Join(strings.Fields(text), " ")
	}
	if utf8.RuneCountInString(d) > 200 {
		r := []rune(d)[:200]
		d = strings.TrimSpace(string(r)) + "…"
	}
	return d
}

func (p *Handler) HandleHome(w http.ResponseWriter, r *http.Request) error {
	page := pageParam(r)
	p.serve(w, r, p.cacheKey(r, "/tin-tuc", strconv.Itoa(page)), func() (*cachedPage, error) {
		list, total, err := p.store.FindPublishedArticles(r.Context(), news.PublicFilter{Offset: (page - 1) * portalPageSize, Limit: portalPageSize})
		if err != nil {
			return nil, err
		}
		if len(list) == 0 && page > 1 {
			return nil, thidua.Errorf(thidua.ENOTFOUND, "Trang %d không có tin bài nào.", page)
		}
		data := p.base(r, "", "/tin-tuc")
		data.Heading = "Tin mới"
		data.Description = "Tin tức, hoạt động và phong trào thi đua của " + data.Site.Agency + "."
		data.Total = total
		data.Pager = newPortalPager(page, portalPageSize, total, "/tin-tuc?trang=")
		if page > 1 {
			data.Path = "/tin-tuc?trang=" + strconv.Itoa(page)
		}
		if page == 1 && len(list) > 0 {
			data.Lead, list = list[0], list[1:]
			if data.Lead.CoverKey != "" {
				data.Image, data.ImageAlt = data.Site.Abs("/anh/"+data.Lead.CoverKey), data.Lead.CoverAlt
			}
		}
		data.Articles = list
		return p.html(data, "home.html", newest(append(list, data.Lead)...))
	})
	return nil
}

func (p *Handler) HandleCategory(w http.ResponseWriter, r *http.Request) error {
	slug, page := r.PathValue("slug"), pageParam(r)
	p.serve(w, r, p.cacheKey(r, "/chuyen-muc/"+slug, strconv.Itoa(page)), func() (*cachedPage, error) {
		c, err := p.store.FindCategoryBySlug(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		list, total, err := p.store.FindPublishedArticles(r.Context(), news.PublicFilter{CategoryID: c.ID, Offset: (page - 1) * portalPageSize, Limit: portalPageSize})
		if err != nil {
			return nil, err
		}
		if len(list) == 0 && page > 1 {
			return nil, thidua.Errorf(thidua.ENOTFOUND, "Trang %d của chuyên mục “%s” không có tin bài nào.", page, c.Name)
		}
		data := p.base(r, c.Name, c.URL())
		data.Heading, data.Category, data.Current, data.Articles, data.Total = c.Name, c, c.Slug, list, total
		data.Description = c.Description
		if data.Description == "" {
			data.Description = "Tin bài chuyên mục " + c.Name + " của " + data.Site.Agency + "."
		}
		data.Feed = c.URL() + "/rss.xml"
		data.Pager = newPortalPager(page, portalPageSize, total, c.URL()+"?trang=")
		if page > 1 {
			data.Path = c.URL() + "?trang=" + strconv.Itoa(page)
		}
		lastMod := newest(list...)
		if c.UpdatedAt.After(lastMod) {
			lastMod = c.UpdatedAt
		}
		return p.html(data, "category.html", lastMod)
	})
	return nil
}

// articlePage gathers what the article page and its print view show.
func (p *Handler) articlePage(r *http.Request, a *news.Article) (*portalPage, error) {
	data := p.base(r, a.Title, a.URL())
	data.Article, data.Heading, data.Type = a, a.Title, "article"
	data.Body = template.HTML(markdown.HTML(a.Body))
	data.Description = describe(a)
	data.Current = a.CategorySlug
	if a.CoverKey != "" {
		data.Image, data.ImageAlt = data.Site.Abs("/anh/"+a.CoverKey), a.CoverAlt
	}
	related, _, err := p.store.FindPublishedArticles(r.Context(), news.PublicFilter{CategoryID: a.CategoryID, ExcludeID: a.ID, Limit: 5})
	if err != nil {
		return nil, err
	}
	data.Related = related
	return data, nil
}

func (p *Handler) HandleArticle(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	p.serve(w, r, p.cacheKey(r, "/tin-tuc/"+slug), func() (*cachedPage, error) {
		a, err := p.store.FindPublishedArticle(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		data, err := p.articlePage(r, a)
		if err != nil {
			return nil, err
		}
		return p.html(data, "article.html", newest(a))
	})
	return nil
}

func (p *Handler) HandlePrint(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	p.serve(w, r, p.cacheKey(r, "/tin-tuc/"+slug+"/in"), func() (*cachedPage, error) {
		a, err := p.store.FindPublishedArticle(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		data := &portalPage{Site: p.site(r), Title: a.Title, Path: a.URL(), Article: a, Now: p.s.Now(),
			Body: template.HTML(markdown.HTML(a.Body)), NoIndex: true}
		return p.html(data, "print.html", newest(a))
	})
	return nil
}

// searchQuery returns the query as typed, tidied and bounded.
func searchQuery(r *http.Request) string {
	q := thidua.NormalizeText(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 200 {
		q = string([]rune(q)[:200])
	}
	return q
}

func (p *Handler) HandleSearch(w http.ResponseWriter, r *http.Request) error {
	q, page := searchQuery(r), pageParam(r)
	p.serve(w, r, p.cacheKey(r, "/tim-kiem", "q="+q, strconv.Itoa(page)), func() (*cachedPage, error) {
		data := p.base(r, "Tìm kiếm", "/tim-kiem")
		data.Heading, data.Query, data.NoIndex = "Tìm kiếm tin bài", q, true
		if q != "" {
			data.Title = "Tìm kiếm: " + q
			hits, total, err := p.store.SearchArticles(r.Context(), q, (page-1)*portalPageSize, portalPageSize)
			if err != nil {
				return nil, err
			}
			data.Hits, data.Total = hits, total
			data.Pager = newPortalPager(page, portalPageSize, total, "/tim-kiem?q="+kit.QueryEscape(q)+"&trang=")
		}
		return p.html(data, "search.html", time.Time{})
	})
	return nil
}

// HandleCover serves an article's cover image: to anyone once the article
// is visible, otherwise only to people who write articles (previews).
func (p *Handler) HandleCover(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	a, err := p.store.FindArticleByCover(r.Context(), key)
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	public := a.Visible(p.s.Now())
	if !public && !thidua.UserFromContext(r.Context()).Can(thidua.PermWriteArticles) {
		p.notFound(w, r, "Không tìm thấy ảnh.")
		return nil
	}
	etag := `"` + key + `"`
	if public {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	data, err := p.s.Cfg.Files.Get(r.Context(), key)
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	ctype := a.CoverType
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}

// InvalidateCache empties the cache of rendered pages.
func (p *Handler) InvalidateCache() { p.cache.invalidate() }

// CacheLen returns the number of cached pages.
func (p *Handler) CacheLen() int { return p.cache.len() }

// HandleHonourRoll serves the honour roll (/vinh-danh, bảng vinh danh):
// the issued decisions published on it, with their recipients, in the
// portal's layout; ?q= searches names and numbers without accents. It is
// not cached: publishing a decision is no portal change.
func (p *Handler) HandleHonourRoll(w http.ResponseWriter, r *http.Request) error {
	const size = 20
	page, q := pageParam(r), strings.TrimSpace(r.URL.Query().Get("q"))
	ctx := thidua.NewSystemContext(thidua.NewContextWithUser(r.Context(), nil))
	ds, total, err := p.s.Store.FindDecisions(ctx, thidua.DecisionFilter{Public: true, Query: q, Offset: (page - 1) * size, Limit: size})
	if err != nil {
		return err
	}
	data := p.base(r, "Vinh danh tập thể, cá nhân được khen thưởng", "/vinh-danh")
	data.Heading, data.Query, data.Decisions, data.Total = data.Title, q, ds, total
	data.Description = "Tập thể, cá nhân được " + data.Site.Agency + " khen thưởng theo các quyết định đã ban hành."
	base := "/vinh-danh?trang="
	if q != "" {
		base = "/vinh-danh?q=" + kit.QueryEscape(q) + "&trang="
		data.NoIndex = true
	}
	data.Pager = newPortalPager(page, size, total, base)
	body, err := p.render("honour_roll.html", data)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
	return nil
}
