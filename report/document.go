package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"thidua"
)

// This file holds what the administrative documents (decision, minutes,
// vote count) share: mixed-style paragraphs, the signature block, the draft
// mark, page numbers at the top, and money written in figures and words.

// run is a piece of a paragraph in one font style ("", "B", "I", "BI").
type run struct {
	text  string
	style string
}

// styledWord is one word of a rich paragraph with its style and width.
type styledWord struct {
	s     string
	style string
	w     float64
}

// richLines breaks runs into lines: the first line is first mm wide, the
// others rest mm wide. A word longer than a line keeps a line of its own.
func (d *pdfDoc) richLines(runs []run, size, first, rest float64) [][]styledWord {
	var words []styledWord
	for _, r := range runs {
		d.font(r.style, size)
		for _, w := range strings.Fields(nfc(r.text)) {
			words = append(words, styledWord{w, r.style, d.width(w)})
		}
	}
	d.font("", size)
	space := d.width(" ")
	var lines [][]styledWord
	var cur []styledWord
	var curW float64
	limit := first
	for _, w := range words {
		if len(cur) > 0 && curW+space+w.w > limit+0.01 {
			lines = append(lines, cur)
			cur, curW, limit = nil, 0, rest
		}
		if len(cur) > 0 {
			curW += space
		}
		cur = append(cur, w)
		curW += w.w
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// richParagraph writes runs as one paragraph across [x, x+w] with a
// first-line indent, breaking pages between lines; after is the space left
// below it, in mm.
func (d *pdfDoc) richParagraph(runs []run, size, x, w, indent float64, align int, after float64) {
	lines := d.richLines(runs, size, w-indent, w)
	d.font("", size)
	lh := d.lineH()
	space := d.width(" ")
	for i, l := range lines {
		d.ensure(lh)
		lx, lw := x, w
		if i == 0 {
			lx, lw = x+indent, w-indent
		}
		var sum float64
		for _, word := range l {
			sum += word.w
		}
		gap := space
		natural := sum + space*float64(len(l)-1)
		switch {
		case align == alignJustify && i < len(lines)-1 && len(l) > 1:
			if g := (lw - sum) / float64(len(l)-1); g <= 3*space {
				gap = g
			}
		case align == alignCenter:
			lx += (lw - natural) / 2
		case align == alignRight:
			lx += lw - natural
		}
		for _, word := range l {
			d.font(word.style, size)
			d.text(lx, d.y, word.s)
			lx += word.w + gap
		}
		d.y += lh
	}
	d.font("", size)
	d.y += after
}

// centered writes s in style and size centred on the content width,
// wrapped at w mm, and returns the width of its widest line.
func (d *pdfDoc) centered(s, style string, size, w float64) float64 {
	d.font(style, size)
	var widest float64
	for _, l := range d.balancedWrap(s, w) {
		d.ensure(d.lineH())
		d.line(marginL, d.y, contentW, l, alignCenter)
		widest = max(widest, d.width(l))
		d.y += d.lineH()
	}
	return widest
}

// balancedWrap wraps s in as few lines as wrap does at w, but at the
// narrowest width that keeps that count, so that a title's last line is not
// a lone word.
func (d *pdfDoc) balancedWrap(s string, w float64) []string {
	lines := d.wrap(s, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := d.maxWord(s), w
	for range 24 {
		mid := (lo + hi) / 2
		if len(d.wrap(s, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return d.wrap(s, hi)
}

// hangingWrap wraps a "- " list item with its later lines indented under
// the text.
func (d *pdfDoc) hangingWrap(s string, w float64) []string {
	lines := d.wrap(s, w)
	if len(lines) < 2 || !strings.HasPrefix(s, "- ") {
		return lines
	}
	indent := d.width("- ")
	rest := strings.TrimSpace(strings.TrimPrefix(strings.Join(strings.Fields(s), " "), lines[0]))
	out := []string{lines[0]}
	for _, l := range d.wrap(rest, w-indent) {
		out = append(out, "\x00"+l)
	}
	return out
}

// centreRule draws a short rule centred on the content width, between a
// third and a half of the line above it (Nghị định 30/2020, Phụ lục I).
func (d *pdfDoc) centreRule(above float64) {
	w := min(max(above*0.4, 30), 60)
	d.rule(marginL+(contentW-w)/2, d.y+1, w)
}

// draftMark draws a boxed "DỰ THẢO" in the top margin, at the right.
func (d *pdfDoc) draftMark() {
	d.font("B", 12)
	const label = "DỰ THẢO"
	w := d.width(label) + 6
	x := pageW - marginR - w
	d.gp.SetLineWidth(0.4)
	d.gp.SetStrokeColor(0, 0, 0)
	d.gp.RectFromUpperLeftWithStyle(x, 8, w, 7, "D")
	d.line(x, 9.4, w, label, alignCenter)
}

// signerLines returns the lines of a signature block (R-VB-06) in capitals:
// the authority ("TM.", "KT.", …) before the first line of OnBehalf, every
// further OnBehalf line ("\n"-separated), then the post. "TM. ỦY BAN NHÂN
// DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" is Authority "TM.", OnBehalf "ỦY BAN
// NHÂN DÂN\nKT. CHỦ TỊCH" and Post "PHÓ CHỦ TỊCH".
func signerLines(s thidua.Signer) []string {
	var out []string
	for _, l := range strings.Split(nfc(s.OnBehalf), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, strings.ToUpper(l))
		}
	}
	post := strings.ToUpper(strings.Join(strings.Fields(nfc(s.Post)), " "))
	if auth := strings.ToUpper(strings.TrimSpace(s.Authority)); auth != "" {
		switch {
		case len(out) > 0 && !strings.HasPrefix(out[0], auth):
			out[0] = auth + " " + out[0]
		case len(out) == 0 && post != "" && !strings.HasPrefix(post, auth):
			post = auth + " " + post
		}
	}
	if post != "" {
		out = append(out, post)
	}
	return out
}

// signBlock draws "Nơi nhận:" with its list on the left and, at the same
// height on the right, the signer's post in bold capitals, room for the
// signature and seal, then the name in bold. It keeps the block on one page.
func (d *pdfDoc) signBlock(cc []string, post []string, name string) {
	const rx = marginL + 70.0
	rw := pageW - marginR + 4 - rx
	d.font("B", 13)
	var postLines []string
	for _, p := range post {
		postLines = append(postLines, d.wrap(p, rw)...)
	}
	need := float64(len(postLines))*d.lineH() + 32
	if len(cc) > 0 {
		need = max(need, 6+float64(len(cc))*5)
	}
	d.y += 3
	d.ensure(need)
	top := d.y
	ly := top
	if len(cc) > 0 {
		lx := marginL - 8
		d.font("BI", 12)
		d.text(lx, ly, "Nơi nhận:")
		ly += d.lineH()
		d.font("", 11)
		indent := d.width("- ")
		for _, c := range cc {
			for _, l := range d.hangingWrap(c, rx-lx-4) {
				if rest, ok := strings.CutPrefix(l, "\x00"); ok {
					d.text(lx+indent, ly, rest)
				} else {
					d.text(lx, ly, l)
				}
				ly += d.lineH()
			}
		}
	}
	ry := top
	d.font("B", 13)
	for _, l := range postLines {
		d.line(rx, ry, rw, l, alignCenter)
		ry += d.lineH()
	}
	if d.spot != nil {
		*d.spot = thidua.SignSpot{Page: d.gp.GetNumberOfPages(), X: rx, Y: ry, W: rw, H: 24}
	}
	ry += 24
	if name != "" {
		d.font("B", 13)
		d.line(rx, ry, rw, name, alignCenter)
		ry += d.lineH()
	}
	d.y = max(ly, ry)
}

// ccLines puts a dash before each recipient line that has none.
func ccLines(cc []string) []string {
	var out []string
	for _, c := range cc {
		c = strings.Join(strings.Fields(nfc(c)), " ")
		if c == "" {
			continue
		}
		if !strings.HasPrefix(c, "-") && !strings.HasPrefix(c, "–") {
			c = "- " + c
		}
		out = append(out, c)
	}
	return out
}

// topPageNumbers numbers every page but the first at the top centre, in
// Arabic figures (Nghị định 30/2020: the first page carries no number).
func (d *pdfDoc) topPageNumbers() {
	n := d.gp.GetNumberOfPages()
	for i := 2; i <= n; i++ {
		d.fail(d.gp.SetPage(i))
		d.gp.SetTextColor(0, 0, 0)
		d.font("", 13)
		d.line(marginL, 10, contentW, strconv.Itoa(i), alignCenter)
	}
}

// FormatVND writes an amount of đồng with dots between thousands:
// 1234000 → "1.234.000".
func FormatVND(n int64) string {
	neg := n < 0
	s := strconv.FormatInt(n, 10)
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var (
	vnDigits = []string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}
	vnGroups = []string{"", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ", " tỷ tỷ"}
)

// VNDWords writes an amount of đồng in Vietnamese words with a capital
// first letter, as under a figure in a financial line: 1234000 → "Một
// triệu hai trăm ba mươi bốn nghìn đồng", 15000000 → "Mười lăm triệu đồng".
func VNDWords(n int64) string {
	if n == 0 {
		return "Không đồng"
	}
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	var groups []int
	for u > 0 {
		groups = append(groups, int(u%1000))
		u /= 1000
	}
	var parts []string
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			continue
		}
		// A group after a higher one reads its hundreds ("không trăm").
		full := i < len(groups)-1
		parts = append(parts, readGroup(g, full)+vnGroups[i])
	}
	s := strings.Join(parts, " ") + " đồng"
	if neg {
		s = "âm " + s
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// readGroup reads 1…999; full reads the hundreds even when zero ("không
// trăm linh năm").
func readGroup(g int, full bool) string {
	h, t, o := g/100, g/10%10, g%10
	var w []string
	if h > 0 || full {
		w = append(w, vnDigits[h], "trăm")
	}
	switch {
	case t == 0 && o == 0:
	case t == 0:
		if len(w) > 0 {
			w = append(w, "linh")
		}
		w = append(w, vnDigits[o])
	case t == 1:
		w = append(w, "mười")
		switch o {
		case 0:
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, vnDigits[o])
		}
	default:
		w = append(w, vnDigits[t], "mươi")
		switch o {
		case 0:
		case 1:
			w = append(w, "mốt")
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, vnDigits[o])
		}
	}
	return strings.Join(w, " ")
}

// count2 writes a count with a leading zero below 10, as administrative
// documents do ("05 tập thể").
func count2(n int) string { return fmt.Sprintf("%02d", n) }

// sentenceCase turns an authority written in capitals into running text:
// "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" → "Chánh Văn phòng Ủy ban
// nhân dân tỉnh Hà Tĩnh". The words that start an agency's or a post's name
// take a capital, and so do the words of the place after "tỉnh", "thành
// phố", "huyện", "xã", …; text already in mixed case is left alone.
func sentenceCase(s string) string {
	s = strings.Join(strings.Fields(nfc(s)), " ")
	if s == "" || s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	heads := [][]string{
		{"ủy", "ban"}, {"văn", "phòng"}, {"hội", "đồng"}, {"chủ", "tịch"}, {"giám", "đốc"},
		{"chánh"}, {"sở"}, {"bộ"}, {"ban"}, {"phòng"}, {"trung", "tâm"}, {"thủ", "tướng"},
		{"chính", "phủ"}, {"trưởng"}, {"phó"}, {"tổng"}, {"cục"}, {"viện"}, {"trường"},
	}
	places := [][]string{{"tỉnh"}, {"thành", "phố"}, {"huyện"}, {"quận"}, {"thị", "xã"}, {"xã"}, {"phường"}, {"thị", "trấn"}}
	match := func(i int, p []string) bool {
		if i+len(p) > len(words) {
			return false
		}
		for k, w := range p {
			if words[i+k] != w {
				return false
			}
		}
		return true
	}
	named := map[string]bool{"sở": true, "bộ": true, "ban": true, "phòng": true, "cục": true, "viện": true, "trường": true, "trung tâm": true}
	startsHead := func(i int) bool {
		for _, h := range append(heads, places...) {
			if match(i, h) {
				return true
			}
		}
		return false
	}
	capital := func(w string) string {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		return string(rs)
	}
	inPlace := false
	for i := 0; i < len(words); i++ {
		placed := false
		for _, p := range places {
			if match(i, p) {
				i += len(p) - 1
				inPlace, placed = true, true
				break
			}
		}
		if placed {
			continue
		}
		var head []string
		for _, h := range heads {
			if match(i, h) {
				words[i] = capital(words[i])
				i += len(h) - 1
				inPlace, head = false, h
				break
			}
		}
		if head != nil {
			// The proper name after "Sở", "Bộ", "Ban" … starts with a capital.
			if named[strings.Join(head, " ")] && i+1 < len(words) && !startsHead(i+1) {
				words[i+1] = capital(words[i+1])
				i++
			}
			continue
		}
		if inPlace || i == 0 {
			words[i] = capital(words[i])
		}
	}
	words[0] = capital(words[0])
	for i, w := range words {
		switch up := strings.ToUpper(w); up {
		case "UBND", "HĐND", "MTTQ", "TĐKT", "HĐTĐKT", "TW":
			words[i] = up
		}
	}
	return strings.Join(words, " ")
}
