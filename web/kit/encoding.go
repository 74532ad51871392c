package kit

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Content codings. The server compresses text responses (web.compress);
// handlers that keep a body ready, as the portal's page cache and the
// static files do, keep its gzip form beside it and send it themselves
// with Encoded. Each form is a representation of its own with its own
// entity tag, as RFC 9110 §8.8.3 asks: the gzip form's tag is the plain
// form's with GzipETagSuffix, the suffix web.compress adds to the tag of
// a response it compresses.

// GzipMinSize is the smallest body worth compressing.
const GzipMinSize = 512

// GzipETagSuffix marks the entity tag of a gzip representation.
const GzipETagSuffix = "-gzip"

// GzipETag returns the entity tag of the gzip form of the representation
// tagged etag ("abc" → "abc-gzip").
func GzipETag(etag string) string {
	if i := strings.LastIndex(etag, `"`); i > 0 {
		return etag[:i] + GzipETagSuffix + etag[i:]
	}
	return etag + GzipETagSuffix
}

// AcceptsGzip reports whether the request accepts a gzip body.
func AcceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// NoneMatch reports whether If-None-Match names etag or is "*", with the
// weak comparison of RFC 9110 §13.1.2.
func NoneMatch(r *http.Request, etag string) bool {
	for _, tag := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || tag != "" && strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// Encoded is a body kept ready in its plain and, when that pays, gzip
// forms.
type Encoded struct {
	Body []byte
	Gz   []byte // nil when compression does not pay
	ETag string // the plain form's strong entity tag
}

// NewEncoded returns body with its gzip form (for bodies of GzipMinSize
// bytes or more that shrink) and the entity tag etag.
func NewEncoded(body []byte, etag string) Encoded {
	e := Encoded{Body: body, ETag: etag}
	if len(body) >= GzipMinSize {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			e.Gz = buf.Bytes()
		}
	}
	return e
}

// Write sends the form the request accepts with its entity tag, or 304
// when the client's copy of that form is current (If-None-Match, else
// If-Modified-Since against lastMod, when not zero). The caller sets
// Cache-Control; status other than 200 is sent as it is, never 304.
func (e *Encoded) Write(w http.ResponseWriter, r *http.Request, status int, ctype string, lastMod time.Time) {
	h := w.Header()
	body, etag := e.Body, e.ETag
	gz := e.Gz != nil && AcceptsGzip(r)
	if gz {
		body, etag = e.Gz, GzipETag(e.ETag)
	}
	if e.Gz != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	h.Set("ETag", etag)
	if !lastMod.IsZero() {
		h.Set("Last-Modified", lastMod.UTC().Format(http.TimeFormat))
	}
	if status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		fresh := false
		if r.Header.Get("If-None-Match") != "" {
			fresh = NoneMatch(r, etag)
		} else if ims := r.Header.Get("If-Modified-Since"); ims != "" && !lastMod.IsZero() {
			if t, err := http.ParseTime(ims); err == nil && !lastMod.UTC().Truncate(time.Second).After(t) {
				fresh = true
			}
		}
		if fresh {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Type", ctype)
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
