package web

import (
	"net/http"

	"github.com/klauspost/compress/gzhttp"

	"thidua/web/kit"
)

// compressTypes are the text types compressed on the way out: pages,
// static CSS and JavaScript, the API and its OpenAPI document, feeds and
// the sitemap. Workbooks, PDFs and images are compressed already.
var compressTypes = []string{
	"text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "text/csv",
	"application/json", "application/problem+json", "application/xml", "text/xml", "application/rss+xml",
	"image/svg+xml", "application/manifest+json",
}

// compress gzips every text response the client accepts gzip for, unless
// the handler encoded it already (kit.Encoded). gzhttp (klauspost/compress)
// streams: it holds back only the first bytes to decide, then compresses
// as the handler writes and flushes, so an export stays a stream. A
// compressed response's entity tag gets kit.GzipETagSuffix, so that the
// gzip form never carries the plain form's strong tag (RFC 9110 §8.8.3).
func compress(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.ContentTypes(compressTypes),
		gzhttp.EnableZstd(false), // one coding: the one the portal cache keeps ready
		gzhttp.SuffixETag(kit.GzipETagSuffix),
		gzhttp.MinSize(kit.GzipMinSize), // smaller bodies do not pay for the coding
	)
	if err != nil {
		panic(err) // the options are constants
	}
	return wrap(h)
}
