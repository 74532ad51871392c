// Package articles serves the editorial side of the portal under
// /app/articles: writing, the four-eyes workflow, versions, categories and
// the results article drafted from a closed campaign.
package articles

import (
	"thidua/news"
	"thidua/web/kit"
)

// Handler serves the editor's routes; the route table in package web names
// its methods.
type Handler struct {
	s     *kit.Base
	store news.ArticleService
}

// New returns the editor's handlers over b.
func New(b *kit.Base) *Handler { return &Handler{s: b, store: b.Cfg.Articles} }
