package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"thidua"
	"thidua/web/kit"
)

// fetch makes one request with a transport that leaves the coding alone,
// with the session cookies of c (nil: none).
func (e *testEnv) fetch(c *http.Client, path string, hdr http.Header, basic bool) (*http.Response, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.HTTP.URL+path, nil)
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	if basic {
		a := e.Accounts[thidua.RoleAdmin]
		req.SetBasicAuth(a.Username, a.Password)
	}
	if c != nil && c.Jar != nil {
		for _, ck := range c.Jar.Cookies(req.URL) {
			req.AddCookie(ck)
		}
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

var staticLink = regexp.MustCompile(`/static/[0-9a-f]+/app\.(?:css|js)`)

// TestCompression: every text response is gzipped for a client that
// accepts it and unchanged for one that does not; where there is an ETag
// each form has its own, and a conditional request gets 304 for the form it
// holds; workbooks are not compressed again.
func TestCompression(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.login(thidua.RoleAdmin)
	_, page := e.get(admin, "/app")
	links := staticLink.FindAllString(page, 2)
	if len(links) != 2 || !strings.HasSuffix(links[0], "app.css") || !strings.HasSuffix(links[1], "app.js") {
		t.Fatalf("static links %q", links)
	}
	for _, c := range []struct {
		name, path string
		session    bool
		basic      bool
		etag       bool
	}{
		{"static CSS", links[0], false, false, true},
		{"static JS (an old address)", "/static/0/imports.js", false, false, true},
		{"OpenAPI", "/api/v1/openapi.json", false, false, false},
		{"API list", "/api/v1/people?limit=100", false, true, false},
		{"workspace page", "/app/people", true, false, false},
		{"honour roll", "/vinh-danh", false, false, false},
		{"portal page", seedPath, false, false, true},
		{"feed", "/rss.xml", false, false, true},
		{"sitemap", "/sitemap.xml", false, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cl *http.Client
			if c.session {
				cl = admin
			}
			plainResp, plain := e.fetch(cl, c.path, nil, c.basic)
			gzResp, zipped := e.fetch(cl, c.path, http.Header{"Accept-Encoding": {"gzip, deflate, br"}}, c.basic)
			if plainResp.Header.Get("Content-Encoding") != "" || len(plain) < kit.GzipMinSize {
				t.Fatalf("plain: %d, coding %q, %d bytes", plainResp.StatusCode, plainResp.Header.Get("Content-Encoding"), len(plain))
			}
			if gzResp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(gzResp.Header.Get("Vary"), "Accept-Encoding") {
				t.Fatalf("%s: coding %q, Vary %q, want gzip", gzResp.Status, gzResp.Header.Get("Content-Encoding"), gzResp.Header.Get("Vary"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(zipped))
			if err != nil {
				t.Fatal(err)
			}
			unzipped, _ := io.ReadAll(zr)
			if !bytes.Equal(unzipped, plain) || len(zipped) >= len(plain) {
				t.Errorf("the gzip form (%d bytes) does not unzip to the plain one (%d bytes)", len(zipped), len(plain))
			}
			pt, gt := plainResp.Header.Get("ETag"), gzResp.Header.Get("ETag")
			if !c.etag {
				if pt != "" && pt == gt {
					t.Errorf("both forms carry ETag %s", pt)
				}
				return
			}
			if pt == "" || gt == "" || pt == gt {
				t.Fatalf("ETags: plain %q, gzip %q; want one each", pt, gt)
			}
			for _, q := range []struct {
				gzip bool
				tag  string
				want int
			}{{true, gt, 304}, {true, pt, 200}, {false, pt, 304}, {false, gt, 200}} {
				h := http.Header{"If-None-Match": {q.tag}}
				want := pt
				if q.gzip {
					h.Set("Accept-Encoding", "gzip")
					want = gt
				}
				resp, _ := e.fetch(cl, c.path, h, c.basic)
				if resp.StatusCode != q.want || resp.Header.Get("ETag") != want {
					t.Errorf("gzip %v, If-None-Match %s: %d, ETag %s; want %d, %s", q.gzip, q.tag, resp.StatusCode, resp.Header.Get("ETag"), q.want, want)
				}
			}
		})
	}
	// Small bodies (a problem document) do not pay for the coding.
	for _, path := range []string{"/api/v1/people/999999"} {
		resp, body := e.fetch(nil, path, http.Header{"Accept-Encoding": {"gzip"}}, true)
		if resp.Header.Get("Content-Encoding") != "" || len(body) >= kit.GzipMinSize {
			t.Errorf("%s: %d bytes, coding %q", path, len(body), resp.Header.Get("Content-Encoding"))
		}
	}
	// A workbook is a zip already.
	resp, body := e.fetch(admin, "/app/exports/people.xlsx", http.Header{"Accept-Encoding": {"gzip"}}, false)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte("PK")) {
		t.Errorf("people.xlsx: %d, coding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}
