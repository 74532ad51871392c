package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"thidua"
)

// CertificateOptions tunes the certificates of a decision.
type CertificateOptions struct {
	// Size is "A4" (the default) or "A3"; both landscape.
	Size string
	// Blank prints only the variable fields (name, unit, achievement,
	// decision number, date line, signer) for pre-printed blanks (phôi),
	// which carry the frame, the national name, the authority, the title
	// and the labels; the fields stand where the full certificate has them,
	// moved by OffsetX (to the right) and OffsetY (down), in millimetres,
	// to match the printer and the blanks. The offsets apply only to Blank.
	Blank            bool
	OffsetX, OffsetY float64
	// Authority is the line above "TẶNG", e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN
	// TỈNH"; empty: the decision's Authority.
	Authority string
	// Title replaces the title drawn from the award ("BẰNG KHEN", "GIẤY
	// KHEN", "GIẤY CHỨNG NHẬN").
	Title string
	// Awards keeps only the recipients of these award codes; nil keeps all.
	Awards []string
}

// CertificateTitle is the title printed on the certificate of an award:
// "GIẤY KHEN" for a Giấy khen, "BẰNG KHEN" for a Bằng khen, "GIẤY CHỨNG
// NHẬN" for an emulation title.
func CertificateTitle(award string) string {
	return strings.ToUpper(thidua.CertificateKind(award))
}

// certPage is the geometry of a certificate page: A4 landscape
// coordinates (297 × 210 mm) scaled by k, plus the blank-mode offset.
type certPage struct {
	k      float64
	dx, dy float64
}

func (c certPage) x(v float64) float64 { return v*c.k + c.dx }
func (c certPage) y(v float64) float64 { return v*c.k + c.dy }

// CertificatesPDF writes one landscape page per recipient of d (A4 by
// default, A3 on request): inside a decorative frame, the national name
// and motto, the authority, "TẶNG", the title in large red capitals, the
// recipient's name, their position and unit, the achievement, then at the
// bottom the decision's number on the left and the place and date, the
// signer's post and name on the right. With o.Blank only the variable
// fields are printed, for pre-printed blanks.
func CertificatesPDF(w io.Writer, d *thidua.Decision, o CertificateOptions) error {
	if d == nil {
		return fmt.Errorf("report: no decision")
	}
	var rs []thidua.Recipient
	for _, r := range d.Recipients {
		if o.Awards == nil || slices.Contains(o.Awards, r.Award) {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return fmt.Errorf("report: no recipient to print a certificate for")
	}
	size := gopdf.PageSizeA4Landscape
	k := 1.0
	switch strings.ToUpper(strings.TrimSpace(o.Size)) {
	case "", "A4":
	case "A3":
		size, k = gopdf.PageSizeA3Landscape, 420.0/297.0
	default:
		return fmt.Errorf("report: certificate size %q: want A4 or A3", o.Size)
	}
	p, err := newPDF()
	if err != nil {
		return err
	}
	p.gp.SetInfo(gopdf.PdfInfo{
		Title:        nfc("Bằng khen, giấy khen theo Quyết định " + strings.TrimSpace(d.Ref())),
		Subject:      "Bằng khen, giấy khen",
		Creator:      "thidua",
		CreationDate: decisionTime(d),
	})
	c := certPage{k: k}
	if o.Blank {
		c.dx, c.dy = o.OffsetX, o.OffsetY
	}
	for _, r := range rs {
		p.gp.AddPageWithOption(gopdf.PageOption{PageSize: size})
		p.certificate(c, d, r, o)
	}
	if p.err != nil {
		return fmt.Errorf("report: certificates pdf: %w", p.err)
	}
	if _, err := p.gp.WriteTo(w); err != nil {
		return fmt.Errorf("report: write certificates pdf: %w", err)
	}
	return nil
}

// Certificate colours.
var (
	certRed  = [3]uint8{175, 18, 18}
	certGold = [3]uint8{184, 134, 11}
)

func (p *pdfDoc) color(c [3]uint8) { p.gp.SetTextColor(c[0], c[1], c[2]) }

// certLine writes s centred on [x, x+w] (A4 coordinates) at y, shrinking
// the font until it fits on one line.
func (p *pdfDoc) certLine(c certPage, x, y, w float64, s, style string, size float64) {
	p.font(style, size*c.k)
	for p.width(s) > w*c.k && size > 8 {
		size -= 0.5
		p.font(style, size*c.k)
	}
	p.line(c.x(x), c.y(y), w*c.k, s, alignCenter)
}

// certLines writes s wrapped on [x, x+w] from y, centred, at most max
// lines (shrinking the font to fit), and returns the y below it.
func (p *pdfDoc) certLines(c certPage, x, y, w float64, s, style string, size float64, maxLines int) float64 {
	p.font(style, size*c.k)
	lines := p.balancedWrap(s, w*c.k)
	for len(lines) > maxLines && size > 8 {
		size -= 0.5
		p.font(style, size*c.k)
		lines = p.balancedWrap(s, w*c.k)
	}
	for _, l := range lines {
		p.line(c.x(x), c.y(y), w*c.k, l, alignCenter)
		y += p.lineH() / c.k
	}
	return y
}

func (p *pdfDoc) certificate(c certPage, d *thidua.Decision, r thidua.Recipient, o CertificateOptions) {
	const (
		W  = 297.0
		cx = 20.0  // left of the centred text block
		cw = 257.0 // its width
	)
	if !o.Blank {
		p.certFrame(c)
		p.color(certRed)
		p.certLine(c, cx, 19, cw, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 15)
		p.certLine(c, cx, 26, cw, "Độc lập - Tự do - Hạnh phúc", "B", 16)
		p.font("B", 16*c.k)
		mw := p.width("Độc lập - Tự do - Hạnh phúc")
		p.gp.SetStrokeColor(certRed[0], certRed[1], certRed[2])
		p.gp.SetLineWidth(0.3 * c.k)
		p.gp.Line(c.x(W/2)-mw/2, c.y(33.6), c.x(W/2)+mw/2, c.y(33.6))
		authority := o.Authority
		if strings.TrimSpace(authority) == "" {
			authority = d.Authority
		}
		p.gp.SetTextColor(0, 0, 0)
		p.certLines(c, 35, 40, W-70, strings.ToUpper(nfc(authority)), "B", 17, 2)
		p.certLine(c, cx, 54, cw, "TẶNG", "B", 16)
		title := o.Title
		if strings.TrimSpace(title) == "" {
			title = CertificateTitle(r.Award)
		}
		p.color(certRed)
		p.certLine(c, cx, 62, cw, strings.ToUpper(nfc(title)), "B", 46)
		p.gp.SetTextColor(0, 0, 0)
	}

	// The variable fields, at the same places in both modes.
	p.certLine(c, 30, 86, W-60, nfc(strings.TrimSpace(r.Name)), "B", 28)
	if u := recipientUnit(r); u != "" {
		p.certLines(c, 35, 99, W-70, u, "I", 17, 2)
	}
	ach := achievementText(r.Basis)
	if ach == "" {
		ach = "đã có thành tích xuất sắc"
	}
	ach = upperFirst(ach) + "."
	if thidua.Label(thidua.Titles, r.Award) != r.Award {
		// A title's certificate names it on a line of its own.
		p.certLine(c, 35, 112, W-70, "Đạt danh hiệu “"+thidua.AwardName(r.Award)+"”", "B", 18)
		p.certLines(c, 35, 121, W-70, ach, "", 17, 2)
	} else {
		p.certLines(c, 35, 115, W-70, ach, "", 17, 3)
	}

	// Bottom left: the decision's number.
	const lx = 28.0
	label := "Số quyết định: "
	ref := strings.TrimSpace(d.Ref())
	if d.Number == 0 {
		ref = "……/QĐ-" + d.Issuer
	}
	p.font("", 14*c.k)
	if o.Blank {
		p.text(c.x(lx)+p.width(label), c.y(176), ref)
	} else {
		p.text(c.x(lx), c.y(176), label+ref)
	}

	// Bottom right: place and date, the signer's post, room for the
	// signature and seal, the name.
	const rx, rw = 150.0, 125.0
	date := DateLine(d.Place, time.Time{})
	if !d.Date.IsZero() {
		date = DateLine(d.Place, d.Date.Time())
	}
	p.certLine(c, rx, 140, rw, date, "I", 15)
	y := 147.0
	for _, l := range signerLines(d.Signer) {
		p.certLine(c, rx, y, rw, l, "B", 15)
		y += 15 * lineGap * ptToMM
	}
	p.certLine(c, rx, 184, rw, nfc(d.Signer.Name), "B", 16)
}

// upperFirst capitalizes the first letter of s.
func upperFirst(s string) string {
	rs := []rune(s)
	if len(rs) > 0 {
		rs[0] = []rune(strings.ToUpper(string(rs[0])))[0]
	}
	return string(rs)
}

// certFrame draws the decorative frame: a heavy red border, a thin one
// inside it, a row of gold diamonds, and a gold inner border with corner
// ornaments.
func (p *pdfDoc) certFrame(c certPage) {
	const W, H = 297.0, 210.0
	rect := func(inset, width float64, col [3]uint8) {
		p.gp.SetStrokeColor(col[0], col[1], col[2])
		p.gp.SetLineWidth(width * c.k)
		p.gp.RectFromUpperLeftWithStyle(c.x(inset), c.y(inset), (W-2*inset)*c.k, (H-2*inset)*c.k, "D")
	}
	rect(7, 1.4, certRed)
	rect(9, 0.3, certRed)
	rect(13.2, 0.6, certGold)
	rect(14.2, 0.2, certGold)
	p.gp.SetFillColor(certGold[0], certGold[1], certGold[2])
	p.gp.SetStrokeColor(certGold[0], certGold[1], certGold[2])
	p.gp.SetLineWidth(0.1)
	diamond := func(x, y, r float64) {
		p.gp.Polygon([]gopdf.Point{
			{X: c.x(x), Y: c.y(y - r)}, {X: c.x(x + r), Y: c.y(y)},
			{X: c.x(x), Y: c.y(y + r)}, {X: c.x(x - r), Y: c.y(y)},
		}, "F")
	}
	const mid, step = 11.1, 5.0
	for x := 20.0; x <= W-20; x += step {
		diamond(x, mid, 0.9)
		diamond(x, H-mid, 0.9)
	}
	for y := 20.0; y <= H-20; y += step {
		diamond(mid, y, 0.9)
		diamond(W-mid, y, 0.9)
	}
	for _, pt := range [][2]float64{{mid, mid}, {W - mid, mid}, {mid, H - mid}, {W - mid, H - mid}} {
		diamond(pt[0], pt[1], 3)
		p.gp.SetFillColor(certRed[0], certRed[1], certRed[2])
		diamond(pt[0], pt[1], 1.3)
		p.gp.SetFillColor(certGold[0], certGold[1], certGold[2])
	}
	p.gp.SetFillColor(0, 0, 0)
	p.gp.SetStrokeColor(0, 0, 0)
}
