package portal

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

// TestSitemapCacheBounds: however many portal addresses ask for the
// sitemap, at most sitemapCacheMax copies are kept; a copy replaced or
// evicted while a request reads it stays readable until that request
// releases it, and is closed then; a failed build keeps nothing.
func TestSitemapCacheBounds(t *testing.T) {
	c := newSitemapCache()
	build := func(key, version string) *sitemapFile {
		t.Helper()
		f, err := c.build(key, version, 0, time.Time{}, func(bw *bufio.Writer) error {
			_, err := bw.WriteString(key + " " + version)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	read := func(f *sitemapFile) (string, error) {
		b, err := io.ReadAll(io.NewSectionReader(f.plain, 0, f.size))
		return string(b), err
	}
	held := build("a", "1")
	if again := c.acquire("a", "1", 0); again != held {
		t.Fatal("the kept sitemap is not found")
	} else {
		c.release(again)
	}
	if f := c.acquire("a", "2", 0); f != nil {
		t.Fatal("version 2 found the copy of version 1")
	}
	if f := c.acquire("a", "1", 1); f != nil {
		t.Fatal("another generation found the copy of generation 0")
	}
	c.release(build("a", "2")) // replaces held's copy
	for i := range 3 * sitemapCacheMax {
		c.release(build(fmt.Sprint("host", i), "1"))
	}
	if n := len(c.entries); n > sitemapCacheMax {
		t.Fatalf("%d sitemaps kept, at most %d", n, sitemapCacheMax)
	}
	if s, err := read(held); err != nil || s != "a 1" {
		t.Fatalf("a replaced copy still read: %q, %v", s, err)
	}
	c.release(held)
	if _, err := read(held); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("a released replaced copy: %v, want closed", err)
	}
	n := len(c.entries)
	if _, err := c.build("b", "1", 0, time.Time{}, func(*bufio.Writer) error { return errors.New("database gone") }); err == nil {
		t.Fatal("a failed build returned no error")
	}
	if len(c.entries) != n || c.acquire("b", "1", 0) != nil {
		t.Fatal("a failed build was kept")
	}
}
