package workspace

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"thidua/web/kit"
	"unicode/utf8"
)

// Charts are drawn on the server as SVG, without any JavaScript library.
// Each is a <figure> whose caption is its title; the SVG has role="img"
// with a <title> and a <desc> that says in words what it shows; every bar
// carries its value as text; and the numbers behind the chart are in a
// table under a <details> toggle, for screen readers, for copying, and for
// print (app.css and stats.css open it when printing). Series differ by
// colour and by pattern, so that the charts read in black and white too.

// chartSeries are the fills of a chart's series: solid dark, hatched,
// light, dotted.
var chartSeries = []struct{ fill, pattern string }{
	{"#1f4e79", ""},
	{"#c55a11", "hatch"},
	{"#a5a5a5", ""},
	{"#4e7f3c", "dots"},
}

// Chart is a chart ready to render.
type Chart struct {
	ID      string
	Title   string
	Desc    string   // a sentence saying what the chart shows
	Series  []string // names of the series (one for plain bars)
	Rows    []ChartRow
	Unit    string // after each value, e.g. "%"
	Percent bool   // rows are shares: each bar is 100% wide, split by series
	// Columns of the data table (default: the row label and the series).
	TableHead []string
}

// ChartRow is one bar (or one stack of bars, one per series).
type ChartRow struct {
	Label  string
	Values []float64
	// Cells override the data table's cells of this row.
	Cells []string
}

// num writes a number the Vietnamese way, without needless decimals.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return kit.FormatNumber(math.Round(f*10) / 10)
}

// wrapLabel breaks a label into at most two lines of about n characters.
func wrapLabel(s string, n int) []string {
	if utf8.RuneCountInString(s) <= n {
		return []string{s}
	}
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && utf8.RuneCountInString(cur+" "+w) > n {
			lines = append(lines, cur)
			cur = w
			if len(lines) == 2 {
				break
			}
			continue
		}
		if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	if len(lines) < 2 && cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) == 2 && strings.Join(lines, " ") != strings.Join(strings.Fields(s), " ") {
		r := []rune(lines[1])
		if len(r) > n-1 {
			r = r[:n-1]
		}
		lines[1] = string(r) + "…"
	}
	return lines
}

// SVG renders the chart: horizontal bars, labels on the left, values at
// the end of each bar (inside the bar for shares).
func (c *Chart) SVG() template.HTML {
	const (
		width   = 680.0
		labelW  = 210.0
		valueW  = 60.0
		barH    = 16.0
		gap     = 10.0
		top     = 8.0
		legendH = 26.0
	)
	nSeries := max(len(c.Series), 1)
	perRow := barH * float64(nSeries)
	if c.Percent {
		perRow = barH + 4
	}
	rowH := perRow + gap
	plotW := width - labelW - valueW
	maxV := 0.0
	for _, r := range c.Rows {
		if c.Percent {
			continue
		}
		for _, v := range r.Values {
			maxV = max(maxV, v)
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	legend := len(c.Series) > 1
	height := top + float64(len(c.Rows))*rowH + 4
	if legend {
		height += legendH
	}
	if len(c.Rows) == 0 {
		height = 40
	}
	var b strings.Builder
	tid, did := c.ID+"-t", c.ID+"-d"
	fmt.Fprintf(&b, `<svg class="chart-svg" role="img" aria-labelledby="%s %s" viewBox="0 0 %.0f %.0f" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`,
		tid, did, width, height)
	fmt.Fprintf(&b, `<title id="%s">%s</title><desc id="%s">%s</desc>`, tid, kit.Esc(c.Title), did, kit.Esc(c.Desc))
	fmt.Fprintf(&b, `<defs><pattern id="%s-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>`,
		c.ID, chartSeries[1].fill)
	fmt.Fprintf(&b, `<pattern id="%s-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="%s"/><circle cx="2.5" cy="2.5" r="1.2" fill="#fff"/></pattern></defs>`,
		c.ID, chartSeries[3].fill)
	fill := func(i int) string {
		s := chartSeries[i%len(chartSeries)]
		if s.pattern != "" {
			return "url(#" + c.ID + "-" + s.pattern + ")"
		}
		return s.fill
	}
	if len(c.Rows) == 0 {
		b.WriteString(`<text x="8" y="24" font-size="14" fill="#555">Chưa có số liệu.</text></svg>`)
		return template.HTML(b.String())
	}
	y := top
	for _, r := range c.Rows {
		lines := wrapLabel(r.Label, 30)
		ly := y + perRow/2 - float64(len(lines)-1)*7 + 4
		for i, l := range lines {
			fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="13" text-anchor="end" fill="#1b1b1b">%s</text>`, labelW-8, ly+float64(i)*14, kit.Esc(l))
		}
		if c.Percent {
			total := 0.0
			for _, v := range r.Values {
				total += v
			}
			x := labelW
			for i, v := range r.Values {
				if total <= 0 {
					break
				}
				w := plotW * v / total
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff" stroke-width="1"><title>%s: %s%%</title></rect>`,
					x, y, w, perRow, fill(i), kit.Esc(seriesName(c, i)), num(v*100/total))
				if w > 34 {
					color := "#fff"
					if i == 2 {
						color = "#1b1b1b"
					}
					fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" font-weight="bold" text-anchor="middle" fill="%s" paint-order="stroke" stroke="%s" stroke-width="2">%s%%</text>`,
						x+w/2, y+perRow/2+4, color, chartSeries[i%len(chartSeries)].fill, num(v*100/total))
				}
				x += w
			}
			if total <= 0 {
				fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="12" fill="#555">không có</text>`, labelW, y+perRow/2+4)
			}
		} else {
			for i, v := range r.Values {
				by := y + float64(i)*barH
				w := plotW * v / maxV
				fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s%s</title></rect>`,
					labelW, by+1, w, barH-2, fill(i), kit.Esc(seriesName(c, i)), num(v), kit.Esc(c.Unit))
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" fill="#1b1b1b">%s%s</text>`, labelW+w+4, by+barH-4, num(v), kit.Esc(c.Unit))
			}
		}
		y += rowH
	}
	// The axis line.
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.1f" stroke="#555" stroke-width="1"/>`, labelW, top-2, labelW, y-gap+2)
	if legend {
		x := labelW
		ly := y + 6
		for i, s := range c.Series {
			fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="14" height="14" fill="%s" stroke="#555" stroke-width=".5"/>`, x, ly, fill(i))
			fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-size="12" fill="#1b1b1b">%s</text>`, x+18, ly+11, kit.Esc(s))
			x += 28 + float64(utf8.RuneCountInString(s))*6.6
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func seriesName(c *Chart, i int) string {
	if i < len(c.Series) {
		return c.Series[i]
	}
	return c.Title
}

// Table renders the data behind the chart.
func (c *Chart) Table() template.HTML {
	var b strings.Builder
	b.WriteString(`<table class="list compact"><thead><tr>`)
	head := c.TableHead
	if len(head) == 0 {
		head = append([]string{""}, c.Series...)
		if len(c.Series) == 0 {
			head = append(head, "Số lượng")
		}
	}
	for _, h := range head {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, kit.Esc(h))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for _, r := range c.Rows {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th>`, kit.Esc(r.Label))
		if r.Cells != nil {
			for _, cell := range r.Cells {
				fmt.Fprintf(&b, `<td class="num">%s</td>`, kit.Esc(cell))
			}
		} else {
			for _, v := range r.Values {
				fmt.Fprintf(&b, `<td class="num">%s%s</td>`, num(v), kit.Esc(c.Unit))
			}
		}
		b.WriteString(`</tr>`)
	}
	if len(c.Rows) == 0 {
		fmt.Fprintf(&b, `<tr><td colspan="%d">Chưa có số liệu.</td></tr>`, len(head))
	}
	b.WriteString(`</tbody></table>`)
	return template.HTML(b.String())
}
