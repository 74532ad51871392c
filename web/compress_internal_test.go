package web

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestCompressStreams: a text export written in chunks and flushed reaches
// the client compressed chunk by chunk: the handler writes its second half
// only once the client has read the first, which a middleware that
// buffered the whole body would never let happen.
func TestCompressStreams(t *testing.T) {
	firstRead := make(chan struct{})
	line := strings.Repeat("Nguyễn Văn An;05/02/1985;Phòng Hành chính\n", 1000) // 44 KB of CSV
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Write([]byte("first\n" + line))
		http.NewResponseController(w).Flush()
		select {
		case <-firstRead:
		case <-r.Context().Done():
			return
		}
		w.Write([]byte(line + "last\n"))
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	// The guard only stops a broken middleware from hanging the run.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Length") != "" {
		t.Fatalf("coding %q, length %q: want a gzip stream", resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Length"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("the first chunk did not arrive: %v", err)
	}
	br := bufio.NewReader(zr)
	if l, err := br.ReadString('\n'); err != nil || l != "first\n" {
		t.Fatalf("first line %q, %v", l, err)
	}
	close(firstRead)
	var n int
	var last string
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			break
		}
		n++
		last = l
	}
	if n != 2000+1 || last != "last\n" {
		t.Errorf("read %d more lines, the last %q", n, last)
	}
}

// BenchmarkCompress serves a 300 KB JSON body (the size of openapi.json)
// plain and through compress, alternately in the same run, and reports
// each one's time per request and the gzip/plain ratio:
//
//	go test ./web -run '^$' -bench Compress -benchtime 100x
func BenchmarkCompress(b *testing.B) {
	var sb strings.Builder
	for i := range 3000 { // varied records, so the body does not compress like a repeated string
		fmt.Fprintf(&sb, `{"id":%d,"full_name":"Nguyễn Văn %x","unit_path":"/1/%d/%d/","birth_date":"19%02d-%02d-%02d","version":%d},`,
			i*7919%100003, i*2654435761%4294967296, i%97, i%13, 50+i%50, 1+i%12, 1+i%28, i%5)
	}
	body := []byte(sb.String())
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	zipped := compress(inner)
	plainReq := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
	gzReq := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
	gzReq.Header.Set("Accept-Encoding", "gzip")
	var plainT, gzT time.Duration
	var plainN, gzN int
	for b.Loop() {
		start := time.Now()
		rec := httptest.NewRecorder()
		inner.ServeHTTP(rec, plainReq)
		plainT += time.Since(start)
		plainN = rec.Body.Len()
		start = time.Now()
		rec = httptest.NewRecorder()
		zipped.ServeHTTP(rec, gzReq)
		gzT += time.Since(start)
		gzN = rec.Body.Len()
	}
	b.ReportMetric(float64(plainT.Nanoseconds())/float64(b.N), "plain-ns/req")
	b.ReportMetric(float64(gzT.Nanoseconds())/float64(b.N), "gzip-ns/req")
	b.ReportMetric(float64(gzT)/float64(plainT), "gzip/plain")
	b.ReportMetric(float64(gzN)/float64(plainN), "size-ratio")
}
