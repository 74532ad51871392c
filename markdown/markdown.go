// Package markdown turns the Markdown of portal articles into HTML that is
// safe to show to readers. goldmark renders CommonMark with GitHub's
// tables, strikethrough and autolinks, dropping raw HTML; bluemonday then
// keeps only an allow-list of elements, attributes and URL schemes, so no
// script, event handler, style, frame, form or javascript: link ever
// reaches a page, whatever an author (or a stolen account) types.
package markdown

import (
	"bytes"
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingShift moves every heading one level down: the page's title is
// the only h1, so "# Tiêu đề" in a body becomes an h2 and the outline of
// the page stays right for screen readers.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+1, 6)
		}
		return ast.WalkContinue, nil
	})
}

var md = goldmark.New(
	goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.Linkify,
	),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingShift{}, 100))),
	// No html.WithUnsafe: raw HTML in the source is left out.
)

var alignRE = regexp.MustCompile(`^(left|right|center)$`)

var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true) // adds rel="noopener"
	p.AllowAttrs("align").Matching(alignRE).OnElements("th", "td")
	return p
})

// HTML renders src to sanitized HTML.
func HTML(src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on writer errors; show the text escaped.
		return policy().Sanitize("<p>" + bluemonday.StrictPolicy().Sanitize(src) + "</p>")
	}
	return Sanitize(buf.String())
}

// Sanitize keeps only the allowed elements, attributes and URLs of html.
func Sanitize(html string) string {
	return policy().Sanitize(html)
}
