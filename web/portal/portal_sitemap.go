package portal

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"thidua"
	"thidua/news"
	"thidua/web/kit"
	"time"
)

// sitemapMax is the most addresses one sitemap may hold (sitemaps.org).
const sitemapMax = 50_000

// sitemapChunk is how many articles are read per query while building.
const sitemapChunk = 1000

// sitemapCacheMax is the most sitemaps kept built: one per portal address
// (Config.PublicURL, or each address requests come to) and page.
const sitemapCacheMax = 8

// HandleSitemap lists the home page, the categories and every visible
// article. Past sitemapMax addresses /sitemap.xml is a sitemap index of
// /sitemap.xml?trang=1, 2, …, each a sitemap of at most sitemapMax
// addresses (a sitemap at the site's root may list any of its pages).
//
// A sitemap of a province's 20,000 articles is 3.5 MB, so it is built
// once per change of what it lists and kept, plain and gzipped, in
// temporary files rather than in memory (sitemapCache): a request asks
// the database only how many articles are visible and when the latest was
// published or changed, and the categories, which together with the page
// cache's generation (moved by every change to the portal) say whether the
// kept copy is current. Its strong ETag answers If-None-Match with 304, and
// Last-Modified (the latest publication or change) If-Modified-Since.
func (p *Handler) HandleSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	si := &siteInfo{Base: p.baseURL(r)}
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
	if page == 0 && pages == 1 {
		page = 1
	}
	// What the sitemap is made of: a kept copy of another version is stale.
	var v strings.Builder
	fmt.Fprintf(&v, "%d %d %d %d", total, lastMod.UnixNano(), perPage, pages)
	for _, u := range head {
		v.WriteString(" " + u.Loc)
	}
	version := v.String()
	gen, _ := p.cache.generation()
	key := si.Base + "?trang=" + strconv.Itoa(page)
	f := p.sitemaps.acquire(key, version, gen)
	if f == nil {
		write := func(bw *bufio.Writer) error {
			return p.writeSitemap(context.WithoutCancel(ctx), bw, si, head, page, pages, perPage, lastMod)
		}
		if f, err = p.sitemaps.build(key, version, gen, lastMod, write); err != nil {
			return err
		}
	}
	defer p.sitemaps.release(f)
	f.write(w, r)
	return nil
}

// writeSitemap writes sitemap page (0: the index of pages), reading the
// articles in keyset pages, newest first.
func (p *Handler) writeSitemap(ctx context.Context, bw *bufio.Writer, si *siteInfo, head []sitemapURL, page, pages, perPage int, lastMod time.Time) error {
	bw.WriteString(xml.Header)
	if page == 0 {
		bw.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 1; i <= pages; i++ {
			writeSitemapEntry(bw, "sitemap", sitemapURL{Loc: si.Abs("/sitemap.xml?trang=" + strconv.Itoa(i)), LastMod: sitemapDay(lastMod)})
		}
		bw.WriteString("</sitemapindex>")
		return nil
	}
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
			return err
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

// sitemapCache keeps at most sitemapCacheMax built sitemaps, each in two
// temporary files (plain and gzipped) removed from the directory as soon
// as they are made: only the open files hold them, closed when the copy is
// replaced or evicted and no request reads it any more, so nothing is left
// behind, whatever ends the server.
type sitemapCache struct {
	mu      sync.Mutex
	entries map[string]*sitemapFile
	// building is held while a sitemap is built: concurrent requests for a
	// stale sitemap wait for one build instead of each making its own.
	building sync.Mutex
}

// sitemapFile is a built sitemap.
type sitemapFile struct {
	version      string
	gen          uint64
	plain, gz    *os.File
	size, gzSize int64
	etag         string // the plain form's strong entity tag
	lastMod      time.Time
	refs         int  // requests reading it, and 1 while it is kept
	dropped      bool // no longer kept
}

func newSitemapCache() *sitemapCache { return &sitemapCache{entries: map[string]*sitemapFile{}} }

// acquire returns the kept sitemap of key if it was built from version in
// generation gen; the caller releases it.
func (c *sitemapCache) acquire(key, version string, gen uint64) *sitemapFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.entries[key]
	if f == nil || f.version != version || f.gen != gen {
		return nil
	}
	f.refs++
	return f
}

// release ends a request's use of f.
func (c *sitemapCache) release(f *sitemapFile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unref(f)
}

func (c *sitemapCache) unref(f *sitemapFile) {
	f.refs--
	if f.refs == 0 {
		f.plain.Close()
		f.gz.Close()
	}
}

// build writes the sitemap of key with write, keeps it and returns it
// acquired, unless a concurrent request has just built the same one.
func (c *sitemapCache) build(key, version string, gen uint64, lastMod time.Time, write func(*bufio.Writer) error) (*sitemapFile, error) {
	c.building.Lock()
	defer c.building.Unlock()
	if f := c.acquire(key, version, gen); f != nil {
		return f, nil
	}
	f := &sitemapFile{version: version, gen: gen, lastMod: lastMod.UTC().Truncate(time.Second), refs: 1}
	var err error
	if f.plain, err = tempFile(); err != nil {
		return nil, err
	}
	if f.gz, err = tempFile(); err != nil {
		f.plain.Close()
		return nil, err
	}
	sum := sha256.New()
	zw, _ := gzip.NewWriterLevel(f.gz, gzip.BestSpeed)
	bw := bufio.NewWriterSize(io.MultiWriter(f.plain, sum, zw), 32<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		f.size, err = f.plain.Seek(0, io.SeekCurrent)
	}
	if err == nil {
		f.gzSize, err = f.gz.Seek(0, io.SeekCurrent)
	}
	if err != nil {
		f.plain.Close()
		f.gz.Close()
		return nil, fmt.Errorf("portal: build sitemap: %w", err)
	}
	f.etag = `"` + hex.EncodeToString(sum.Sum(nil)[:12]) + `"`
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[key]; old != nil {
		delete(c.entries, key)
		old.dropped = true
		c.unref(old)
	}
	for k, old := range c.entries {
		if len(c.entries) < sitemapCacheMax {
			break
		}
		delete(c.entries, k)
		old.dropped = true
		c.unref(old)
	}
	c.entries[key] = f
	f.refs++ // the caller's
	return f, nil
}

// tempFile makes a temporary file that no directory lists.
func tempFile() (*os.File, error) {
	f, err := os.CreateTemp("", "thidua-sitemap-*.xml")
	if err != nil {
		return nil, fmt.Errorf("portal: sitemap file: %w", err)
	}
	os.Remove(f.Name())
	return f, nil
}

// write sends the form the request accepts with its entity tag, or 304
// when the client's copy of that form is current (If-None-Match, else
// If-Modified-Since), as kit.Encoded does for the pages kept in memory.
func (f *sitemapFile) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	file, size, etag := f.plain, f.size, f.etag
	gz := kit.AcceptsGzip(r)
	if gz {
		file, size, etag = f.gz, f.gzSize, kit.GzipETag(f.etag)
	}
	h.Add("Vary", "Accept-Encoding")
	h.Set("ETag", etag)
	h.Set("Cache-Control", portalCacheControl)
	if !f.lastMod.IsZero() {
		h.Set("Last-Modified", f.lastMod.Format(http.TimeFormat))
	}
	fresh := false
	if r.Header.Get("If-None-Match") != "" {
		fresh = kit.NoneMatch(r, etag)
	} else if t, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !f.lastMod.IsZero() {
		fresh = !f.lastMod.After(t)
	}
	if fresh {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/xml; charset=utf-8")
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.Copy(w, io.NewSectionReader(file, 0, size))
	}
}
