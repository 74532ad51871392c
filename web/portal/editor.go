package portal

import (
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"thidua/web/kit"
)

// HandleArticlePreview shows an article as readers will see it, whatever
// its state; never cached, never indexed.
func (p *Handler) HandleArticlePreview(w http.ResponseWriter, r *http.Request) error {
	a, err := kit.FindByID(r, p.store.FindArticleByID)
	if err != nil {
		return err
	}
	data, err := p.articlePage(r, a)
	if err != nil {
		return err
	}
	data.Preview, data.NoIndex = !a.Visible(p.s.Now()), true
	body, err := p.render("article.html", data)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(body)
	return nil
}
