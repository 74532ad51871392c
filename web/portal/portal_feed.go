package portal

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"thidua"
	"thidua/news"
	"time"
)

// RSS 2.0 feeds (the whole portal and each category) and the sitemap.

const feedSize = 20

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	Generator   string    `xml:"generator"`
	LastBuild   string    `xml:"lastBuildDate,omitempty"`
	Self        rssSelf   `xml:"atom:link"`
	Items       []rssItem `xml:"item"`
}

type rssSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string     `xml:"title"`
	Link        string     `xml:"link"`
	GUID        rssGUID    `xml:"guid"`
	PubDate     string     `xml:"pubDate"`
	Description string     `xml:"description"`
	Category    string     `xml:"category,omitempty"`
	Enclosure   *rssEnclos `xml:"enclosure,omitempty"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclos struct {
	URL    string `xml:"url,attr"`
	Type   string `xml:"type,attr"`
	Length string `xml:"length,attr"`
}

// feed renders an RSS 2.0 document of articles.
func (p *Handler) feed(r *http.Request, title, link, desc, self string, list []*news.Article) (*cachedPage, error) {
	si := p.site(r)
	doc := rssDoc{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: title, Link: si.Abs(link), Description: desc, Language: "vi", Generator: "thidua",
		Self: rssSelf{Href: si.Abs(self), Rel: "self", Type: "application/rss+xml"},
	}}
	lastMod := newest(list...)
	if !lastMod.IsZero() {
		doc.Channel.LastBuild = lastMod.Format(time.RFC1123Z)
	}
	for _, a := range list {
		it := rssItem{Title: a.Title, Link: si.Abs(a.URL()), GUID: rssGUID{IsPermaLink: "true", Value: si.Abs(a.URL())},
			PubDate: a.PublishedAt.Format(time.RFC1123Z), Description: describe(a), Category: a.CategoryName}
		if a.CoverKey != "" {
			// RSS requires a length; 0 is the accepted "unknown".
			it.Enclosure = &rssEnclos{URL: si.Abs("/anh/" + a.CoverKey), Type: a.CoverType, Length: "0"}
		}
		doc.Channel.Items = append(doc.Channel.Items, it)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return newCachedPage(http.StatusOK, "application/rss+xml; charset=utf-8", buf.Bytes(), lastMod), nil
}

func (p *Handler) HandleFeed(w http.ResponseWriter, r *http.Request) error {
	p.serve(w, r, p.cacheKey(r, "/rss.xml"), func() (*cachedPage, error) {
		list, _, err := p.store.FindPublishedArticles(r.Context(), news.PublicFilter{Limit: feedSize})
		if err != nil {
			return nil, err
		}
		si := p.site(r)
		return p.feed(r, si.Name, "/tin-tuc", "Tin mới của "+si.Agency, "/rss.xml", list)
	})
	return nil
}

func (p *Handler) HandleCategoryFeed(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	p.serve(w, r, p.cacheKey(r, "/chuyen-muc/"+slug+"/rss.xml"), func() (*cachedPage, error) {
		c, err := p.store.FindCategoryBySlug(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		list, _, err := p.store.FindPublishedArticles(r.Context(), news.PublicFilter{CategoryID: c.ID, Limit: feedSize})
		if err != nil {
			return nil, err
		}
		si := p.site(r)
		return p.feed(r, c.Name+" – "+si.Name, c.URL(), "Tin bài chuyên mục "+c.Name+" của "+si.Agency, c.URL()+"/rss.xml", list)
	})
	return nil
}

// sitemapMax is the most addresses one sitemap may hold (sitemaps.org).
const sitemapMax = 50_000

// sitemapChunk is how many articles are read per query while streaming.
const sitemapChunk = 1000

// HandleSitemap lists the home page, the categories and every visible
// article, written as they are read (keyset pages of the articles), so no
// sitemap is held whole. Past sitemapMax addresses /sitemap.xml is a
// sitemap index of /sitemap.xml?trang=1, 2, …, each a sitemap of at most
// sitemapMax addresses (a sitemap at the site's root may list any of its
// pages). Last-Modified is the latest publication or change, so crawlers
// revalidate with If-Modified-Since.
func (p *Handler) HandleSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	si := p.site(r)
	total, lastMod, err := p.store.PublishedSummary(ctx)
	if err != nil {
		return err
	}
	cats, err := p.store.FindCategories(ctx)
	if err != nil {
		return err
	}
	var head []sitemapURL
	head = append(head, sitemapURL{Loc: si.Abs("/tin-tuc"), LastMod: sitemapDay(lastMod)})
	for _, c := range cats {
		if c.Published > 0 {
			head = append(head, sitemapURL{Loc: si.Abs(c.URL())})
		}
	}
	perPage := sitemapMax
	if n := p.s.Cfg.SitemapMax; n > 0 && n < sitemapMax {
		perPage = n
	}
	count := len(head) + total
	pages := max(1, (count+perPage-1)/perPage)
	page := 0
	if v := r.URL.Query().Get("trang"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > pages {
			return thidua.Errorf(thidua.ENOTFOUND, "Không có trang sơ đồ trang thông tin này.")
		}
	}
	if !lastMod.IsZero() {
		lm := lastMod.UTC().Truncate(time.Second)
		if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lm.After(ims) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
		w.Header().Set("Last-Modified", lm.Format(http.TimeFormat))
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	bw := bufio.NewWriterSize(w, 32<<10)
	defer bw.Flush()
	bw.WriteString(xml.Header)
	if page == 0 && pages > 1 {
		bw.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 1; i <= pages; i++ {
			writeSitemapEntry(bw, "sitemap", sitemapURL{Loc: si.Abs("/sitemap.xml?trang=" + strconv.Itoa(i)), LastMod: sitemapDay(lastMod)})
		}
		bw.WriteString("</sitemapindex>")
		return nil
	}
	page = max(page, 1)
	// The addresses of this page: [from, from+perPage) of the home
	// page, the categories and the articles, newest first.
	from := (page - 1) * perPage
	left := perPage
	bw.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := from; i < len(head) && left > 0; i++ {
		writeSitemapEntry(bw, "url", head[i])
		left--
	}
	f := news.PublicFilter{Offset: max(0, from-len(head)), NoTotal: true, LinksOnly: true}
	for left > 0 {
		f.Limit = min(sitemapChunk, left)
		list, _, err := p.store.FindPublishedArticles(ctx, f)
		if err != nil {
			// The start of the sitemap is sent: end the document where
			// the list stops, and log why.
			p.s.Log.Error("sitemap cut short", "err", err)
			break
		}
		for _, a := range list {
			writeSitemapEntry(bw, "url", sitemapURL{Loc: si.Abs(a.URL()), LastMod: sitemapDay(newest(a))})
		}
		left -= len(list)
		if len(list) < f.Limit {
			break
		}
		last := list[len(list)-1]
		f.Offset, f.AfterID = 0, last.ID
	}
	bw.WriteString("</urlset>")
	return nil
}

type sitemapURL struct {
	Loc     string
	LastMod string
}

func sitemapDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// writeSitemapEntry writes one <url> (or <sitemap>) element, indented as
// encoding/xml's Encoder with Indent("", "  ") wrote the whole sitemap.
func writeSitemapEntry(w *bufio.Writer, tag string, u sitemapURL) {
	w.WriteString("  <" + tag + ">\n    <loc>")
	xml.EscapeText(w, []byte(u.Loc))
	w.WriteString("</loc>\n")
	if u.LastMod != "" {
		w.WriteString("    <lastmod>" + u.LastMod + "</lastmod>\n")
	}
	w.WriteString("  </" + tag + ">\n")
}

// HandleRobots serves /robots.txt: the workspace and the API are not for
// crawlers; the sitemap lists what is.
func (p *Handler) HandleRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /app/\nDisallow: /api/\nDisallow: /login\n\nSitemap: %s/sitemap.xml\n", p.baseURL(r))
	return nil
}
