package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"
	"thidua/web/kit"
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

// cachedPage is a rendered response, plain and gzipped, each form with
// its own entity tag (kit.Encoded).
type cachedPage struct {
	kit.Encoded
	status  int
	ctype   string
	lastMod time.Time
	control string
	expires time.Time // when the entry must be rebuilt
}

// newCachedPage computes the ETag and the gzipped body of a response.
func newCachedPage(status int, ctype string, body []byte, lastMod time.Time) *cachedPage {
	sum := sha256.Sum256(body)
	return &cachedPage{Encoded: kit.NewEncoded(body, `"`+hex.EncodeToString(sum[:12])+`"`), status: status, ctype: ctype,
		lastMod: lastMod.UTC().Truncate(time.Second), control: portalCacheControl}
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

// write sends p: a 304 when the client's copy of the form it accepts is
// current, gzipped when the client accepts it.
func (p *cachedPage) write(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", p.control)
	p.Encoded.Write(w, r, p.status, p.ctype, p.lastMod)
}
