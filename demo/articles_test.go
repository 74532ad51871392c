package demo_test

import (
	"context"
	"strings"
	"testing"
	"thidua/sqldb/articles"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/news"
	"thidua/sqldb"
)

// portalSteps is the number of audit entries the demo portal writes: one
// per category and one per version of every article.
func portalSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	cats, err := articles.New(db).FindCategories(sys)
	if err != nil {
		t.Fatal(err)
	}
	as, _, err := articles.New(db).FindArticles(sys, news.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(cats)
	for _, a := range as {
		n += a.Version
	}
	return n
}

// TestDemoPortal checks the demo portal: the seed article is published as
// in the seed (Wednesday 5/10/2022, "Thi đua – Khen thưởng", signed BBT,
// linked to the seed campaign) with a few others, and one waits for approval.
func TestDemoPortal(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		sys := thidua.NewSystemContext(context.Background())
		pub := context.Background()
		a, err := articles.New(db).FindPublishedArticle(pub, demo.SeedArticleSlug)
		if err != nil {
			t.Fatalf("seed article at %s: %v", demo.SeedArticleSlug, err)
		}
		if a.Title != demo.SeedArticleTitle || a.CategoryName != "Thi đua – Khen thưởng" || a.Signature != "BBT" ||
			a.CampaignTitle != demo.CampaignTitle {
			t.Errorf("seed article = %q in %q signed %q, campaign %q", a.Title, a.CategoryName, a.Signature, a.CampaignTitle)
		}
		if got := thidua.FormatDateLine(a.PublishedAt); got != "Thứ tư 5/10/2022" {
			t.Errorf("date line %q, want Thứ tư 5/10/2022", got)
		}
		for _, s := range []string{"Kế hoạch số 248/KH-VPUBND", "không để xảy ra “điểm nóng” về khiếu kiện", "tiến độ theo chi đạo của tỉnh"} {
			if !strings.Contains(a.Body, s) {
				t.Errorf("seed body lacks %q", s)
			}
		}
		if n := strings.Count(a.Body, "\n\n"); n != 3 {
			t.Errorf("seed body has %d paragraph breaks, want 3 (four paragraphs)", n)
		}
		if a.AuthorName != "Đỗ Hoàng Nam" || a.ApproverName != "Nguyễn Ngọc Ánh" {
			t.Errorf("written by %q, approved by %q", a.AuthorName, a.ApproverName)
		}
		list, total, err := articles.New(db).FindPublishedArticles(pub, news.PublicFilter{})
		if err != nil || total != 5 || list[0].ID != a.ID {
			t.Errorf("%d published articles, newest %v (%v); want 5, the seed first", total, list, err)
		}
		waiting, n, err := articles.New(db).FindArticles(sys, news.ArticleFilter{State: news.ArticleSubmitted})
		if err != nil || n != 1 {
			t.Errorf("%d articles wait for approval (%v), want 1", n, err)
		} else if waiting[0].AuthorName != "Đỗ Hoàng Nam" {
			t.Errorf("waiting article by %q", waiting[0].AuthorName)
		}
		c := demoCampaign(t, sys, db)
		if got, _ := articles.New(db).CountPublishedArticles(pub, c.ID); got != 3 {
			t.Errorf("the seed campaign counts %d published articles, want 3", got)
		}
		hits, _, err := articles.New(db).SearchArticles(pub, "bau cu quoc hoi", 0, 10)
		if err != nil || len(hits) < 3 {
			t.Errorf("search “bau cu quoc hoi”: %d hits (%v)", len(hits), err)
		}
	})
}
