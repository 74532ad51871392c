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
func (p *Handler) HandleArticlePreview(w http.ResponseWriter, r *http.Request) {
	a, ok := kit.LoadByID(p.s, w, r, p.store.FindArticleByID)
	if !ok {
		return
	}
	data, err := p.articlePage(r, a)
	if err != nil {
		p.s.Error(w, r, err)
		return
	}
	data.Preview, data.NoIndex = !a.Visible(p.s.Now()), true
	body, err := p.render("article.html", data)
	if err != nil {
		p.s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(body)
}
