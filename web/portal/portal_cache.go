package portal

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The public portal faces the whole province, so its pages are rendered
// once and kept in memory, plain and gzipped, with a strong ETag. The cache
// is emptied when what readers see changes: at once on the node that made
// the change, on the others by the database's announcement
// (Server.InvalidatePortal, fed by sqldb.DB.WatchPortal), and by itself
// when a scheduled article's time comes or, as a safety net, after
// pageCacheMaxAge.

const (
	pageCacheMaxEntries = 4096
	pageCacheMaxAge     = 10 * time.Minute
	// portalCacheControl lets browsers and proxies keep a page one minute.
	portalCacheControl = "public, max-age=60"
)

// cachedPage is a rendered response.
type cachedPage struct {
	status  int
	ctype   string
	body    []byte
	gz      []byte // nil when compression does not pay
	etag    string
	lastMod time.Time
	control string
	expires time.Time // when the entry must be rebuilt
}

// newCachedPage computes the ETag and the gzipped body of a response.
func newCachedPage(status int, ctype string, body []byte, lastMod time.Time) *cachedPage {
	sum := sha256.Sum256(body)
	p := &cachedPage{status: status, ctype: ctype, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`,
		lastMod: lastMod.UTC().Truncate(time.Second), control: portalCacheControl}
	if len(body) > 512 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			p.gz = buf.Bytes()
		}
	}
	return p
}

// pageCache maps cache keys to rendered pages.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]*cachedPage
	gen     uint64
	// until is when the current generation ends on its own: the next
	// scheduled publication. Zero when none is known.
	until time.Time
	// scheduleKnown is false until the generation has asked the database
	// for the next scheduled publication.
	scheduleKnown bool
}

func newPageCache() *pageCache { return &pageCache{entries: map[string]*cachedPage{}} }

// get returns the live entry for key.
func (c *pageCache) get(key string, now time.Time) (*cachedPage, bool) {
	c.mu.RLock()
	p, ok := c.entries[key]
	until := c.until
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	if !until.IsZero() && !now.Before(until) {
		c.invalidate()
		return nil, false
	}
	if now.After(p.expires) {
		return nil, false
	}
	return p, true
}

// generation returns the current generation and whether the next scheduled
// publication still has to be looked up for it.
func (c *pageCache) generation() (uint64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen, !c.scheduleKnown
}

// setSchedule records the next scheduled publication of generation gen.
func (c *pageCache) setSchedule(gen uint64, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.until, c.scheduleKnown = until, true
	}
}

// put stores p under key unless the cache was invalidated since gen: a page
// rendered from data older than the last change must not be kept.
func (c *pageCache) put(key string, p *cachedPage, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if len(c.entries) >= pageCacheMaxEntries {
		clear(c.entries)
	}
	c.entries[key] = p
}

// invalidate empties the cache and starts a new generation.
func (c *pageCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.gen++
	c.until, c.scheduleKnown = time.Time{}, false
}

// len returns the number of cached pages.
func (c *pageCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}

// acceptsGzip reports whether the request accepts a gzip body.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// notModified reports whether the client's copy (If-None-Match, else
// If-Modified-Since) is current.
func notModified(r *http.Request, p *cachedPage) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == p.etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !p.lastMod.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !p.lastMod.After(t) {
			return true
		}
	}
	return false
}

// write sends p, a 304 when the client's copy is current, gzipped when the
// client accepts it.
func (p *cachedPage) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", p.control)
	h.Set("ETag", p.etag)
	h.Set("Vary", "Accept-Encoding")
	if !p.lastMod.IsZero() {
		h.Set("Last-Modified", p.lastMod.Format(http.TimeFormat))
	}
	if p.status == http.StatusOK && notModified(r, p) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", p.ctype)
	body := p.body
	if p.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = p.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(p.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
