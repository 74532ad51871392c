package web

import (
	"bufio"
	"compress/gzip"
	"context"
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
