package portal

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"thidua/news"
	"time"
)

// RSS 2.0 feeds (the whole portal and each category); the sitemap is in
// portal_sitemap.go.

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

// HandleRobots serves /robots.txt: the workspace and the API are not for
// crawlers; the sitemap lists what is.
func (p *Handler) HandleRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /app/\nDisallow: /api/\nDisallow: /login\n\nSitemap: %s/sitemap.xml\n", p.baseURL(r))
	return nil
}
