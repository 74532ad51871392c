package web_test

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestFeedDescriptions: every RSS item carries a description — the
// article's summary, or its body's first paragraph when it has none (the
// seed article has no summary).
func TestFeedDescriptions(t *testing.T) {
	e := newSQLiteEnv(t)
	code, body := e.get(e.client(), "/rss.xml")
	if code != 200 {
		t.Fatalf("rss: %d", code)
	}
	var feed struct {
		Items []struct {
			Title       string `xml:"title"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) == 0 {
		t.Fatal("the feed has no item")
	}
	for _, it := range feed.Items {
		if d := strings.TrimSpace(it.Description); d == "" || len([]rune(d)) > 201 {
			t.Errorf("item %q: description %q", it.Title, d)
		}
	}
}
