package web_test

import (
	"bytes"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestWrongMethod: a path served with other methods answers 405 with Allow
// (problem+json under /api/, a page elsewhere); an unknown path stays 404.
func TestWrongMethod(t *testing.T) {
	e := newSQLiteEnv(t)
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
		ctype        string
	}{
		{"POST", "/healthz", 405, "GET, HEAD", "text/html"},
		{"DELETE", "/api/v1/units", 405, "GET, HEAD, POST", "application/problem+json"},
		{"PATCH", "/api/v1/people/18", 405, "GET, HEAD, PUT, DELETE", "application/problem+json"},
		{"POST", "/rss.xml", 405, "GET, HEAD", "text/html"},
		{"GET", "/khong-co-trang-nay", 404, "", "text/html"},
		{"DELETE", "/api/v1/khong-co", 404, "", "application/problem+json"},
	} {
		req, _ := http.NewRequest(tc.method, e.HTTP.URL+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status || resp.Header.Get("Allow") != tc.allow || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s %s: %d Allow=%q %s, want %d Allow=%q %s", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"),
				resp.Header.Get("Content-Type"), tc.status, tc.allow, tc.ctype)
		}
	}
}

// TestFaviconAndRobots: every page's browser asks for /favicon.ico, every
// crawler for /robots.txt; both answer, robots.txt pointing at the sitemap.
func TestFaviconAndRobots(t *testing.T) {
	e := newSQLiteEnv(t)
	resp, err := http.Get(e.HTTP.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/x-icon" || len(b) < 22+8 ||
		!bytes.Equal(b[:4], []byte{0, 0, 1, 0}) || !bytes.Equal(b[22:30], []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("favicon: %d %s %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
	}
	if _, err := png.Decode(bytes.NewReader(b[22:])); err != nil {
		t.Fatalf("favicon's image: %v", err)
	}
	code, body := e.get(e.client(), "/robots.txt")
	if code != 200 || !strings.Contains(body, "Sitemap: "+e.HTTP.URL+"/sitemap.xml") || !strings.Contains(body, "Disallow: /app/") {
		t.Fatalf("robots.txt: %d\n%s", code, body)
	}
}
