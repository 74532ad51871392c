package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"thidua"
	"thidua/central"
	"thidua/news"
	"thidua/web/assets"
	"thidua/web/kit"
	"time"
)

// The portal's pages have their own layout (templates/portal/layout.html):
// no workspace navigation, the agency's masthead, the categories, a search
// box. They are parsed apart from the workspace pages.

// siteInfo names the portal and says where it lives, for absolute links
// (Open Graph, RSS, sitemap, the print view's foot).
type siteInfo struct {
	Name   string // "Trang thông tin điện tử Văn phòng UBND tỉnh"
	Agency string // "Văn phòng UBND tỉnh"
	Base   string // "https://vpubnd.example.gov.vn", no trailing slash
}

// Abs returns the absolute URL of a path on the portal.
func (s *siteInfo) Abs(p string) string { return s.Base + p }

// portalPager describes the links to other pages of a list.
type portalPager struct {
	Page, Pages, Total int
	Base               string // URL to which the page number is appended
}

func newPortalPager(page, size, total int, base string) *portalPager {
	pages := max((total+size-1)/size, 1)
	return &portalPager{Page: page, Pages: pages, Total: total, Base: base}
}

// Prev and Next return the URLs of the neighbouring pages ("" at the ends).
func (p *portalPager) Prev() string {
	switch {
	case p.Page <= 1:
		return ""
	case p.Page == 2:
		return trimPageParam(p.Base)
	}
	return p.Base + strconv.Itoa(p.Page-1)
}

func (p *portalPager) Next() string {
	if p.Page >= p.Pages {
		return ""
	}
	return p.Base + strconv.Itoa(p.Page+1)
}

// trimPageParam turns "/x?trang=" into "/x" and "/x?q=a&trang=" into "/x?q=a".
func trimPageParam(base string) string {
	for _, suffix := range []string{"?trang=", "&trang="} {
		if len(base) >= len(suffix) && base[len(base)-len(suffix):] == suffix {
			return base[:len(base)-len(suffix)]
		}
	}
	return base
}

// portalPage is the data of every portal page.
type portalPage struct {
	Site        *siteInfo
	Title       string // of the document, before the site's name
	Heading     string
	Description string
	Path        string // canonical path
	Image       string // absolute URL of the image shown when the page is shared
	ImageAlt    string
	Type        string // Open Graph type: website or article
	Categories  []*news.Category
	Current     string // slug of the current category
	Query       string
	Feed        string // path of the page's RSS feed
	NoIndex     bool
	Preview     bool // an editor's preview of an unpublished article
	Now         time.Time

	Article  *news.Article
	Body     template.HTML // sanitized
	Related  []*news.Article
	Lead     *news.Article
	Articles []*news.Article
	Category *news.Category
	Hits     []*news.SearchHit
	Total    int
	Pager    *portalPager
	Status   int
	Message  string

	Decisions []*thidua.Decision // the honour roll

	// Public comment (/y-kien): the open windows, or one window with its
	// form (given back as typed when refused) and signed form token.
	Windows     []*central.Window
	Window      *central.Window
	Form        *kit.Form
	Token       string
	Closed      bool
	Sent        bool
	CommentRule string
}

// parsePortalTemplates parses templates/portal/*.html, each page with the
// portal layout (the print view has its own).
func parsePortalTemplates(static map[string]string) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"static": func(name string) (string, error) {
			h, ok := static[name]
			if !ok {
				return "", fmt.Errorf("web: unknown static file %q", name)
			}
			return "/static/" + h + "/" + name, nil
		},
		"dateline":  thidua.FormatDateLine,
		"datetime":  thidua.FormatDateTime,
		"date":      thidua.FormatDate,
		"iso":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"isoDate":   func(t time.Time) string { return t.In(thidua.VietnamZone).Format("2006-01-02") },
		"add":       func(a, b int) int { return a + b },
		"cover":     func(a *news.Article) string { return "/anh/" + a.CoverKey },
		"awardName": thidua.AwardName,
	}
	out := map[string]*template.Template{}
	pages, err := fs.Glob(assets.FS, "templates/portal/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := path.Base(p)
		if name == "layout.html" {
			continue
		}
		files := []string{"templates/portal/layout.html", p}
		if name == "print.html" {
			files = []string{p}
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(assets.FS, files...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		out[name] = t
	}
	return out, nil
}

// render executes a portal page into bytes.
func (p *Handler) render(name string, data *portalPage) ([]byte, error) {
	t, ok := p.pages[name]
	if !ok {
		return nil, fmt.Errorf("web: unknown portal template %q", name)
	}
	root := "portal"
	if name == "print.html" {
		root = "print"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, data); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
