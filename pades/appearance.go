package pades

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"time"

	"github.com/go-fonts/liberation/liberationserifitalic"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Appearance describes the visible signature of Nghị định 30/2020/NĐ-CP
// Phụ lục I, mục II: the agency's seal in red over the left of the image,
// and the signer, the agency and the signing time (ISO 8601 with the
// Vietnam offset) in italic.
type Appearance struct {
	Signer string
	Agency string
	Time   time.Time
}

// sealRed is the seal's red.
var sealRed = color.NRGBA{R: 0xd0, G: 0x10, B: 0x10, A: 0xff}

var vietnam = time.FixedZone("ICT", 7*3600)

// PNG draws the appearance as a transparent PNG of w×h points at 4 pixels
// a point, for a Spot of that size.
func (a Appearance) PNG(w, h float64) ([]byte, error) {
	const scale = 4
	pw, ph := int(w*scale), int(h*scale)
	if pw < 40 || ph < 20 {
		return nil, fmt.Errorf("pades: appearance too small")
	}
	img := image.NewNRGBA(image.Rect(0, 0, pw, ph))
	draw.Draw(img, img.Bounds(), image.Transparent, image.Point{}, draw.Src)
	// The seal: two red rings, a third of the width at most.
	r := math.Min(float64(ph)/2-2, float64(pw)/6)
	cx, cy := r+2, float64(ph)/2
	ring(img, cx, cy, r, r*0.08)
	ring(img, cx, cy, r*0.72, r*0.04)
	star(img, cx, cy, r*0.3)

	ft, err := opentype.Parse(liberationserifitalic.TTF)
	if err != nil {
		return nil, fmt.Errorf("pades: font: %w", err)
	}
	lines := []string{
		"Ký bởi: " + a.Signer,
		"Cơ quan: " + a.Agency,
		"Thời gian ký: " + a.Time.In(vietnam).Format("02/01/2006 15:04:05 -07:00"),
	}
	left := int(cx + r*0.4)
	size := float64(ph) / float64(len(lines)+1)
	// Shrink the text until the longest line fits.
	for ; size > 6; size *= 0.9 {
		face, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, fmt.Errorf("pades: font face: %w", err)
		}
		fits := true
		for _, l := range lines {
			if font.MeasureString(face, norm.NFC.String(l)).Ceil() > pw-left-4 {
				fits = false
			}
		}
		if !fits {
			face.Close()
			continue
		}
		d := &font.Drawer{Dst: img, Src: image.NewUniform(sealRed), Face: face}
		lh := size * 1.25
		top := (float64(ph) - lh*float64(len(lines))) / 2
		for i, l := range lines {
			d.Dot = fixed.P(left, int(top+lh*float64(i)+size))
			d.DrawString(norm.NFC.String(l))
		}
		face.Close()
		break
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("pades: appearance png: %w", err)
	}
	return buf.Bytes(), nil
}

// ring paints a red circle of radius r and line width lw.
func ring(img *image.NRGBA, cx, cy, r, lw float64) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if math.Abs(d-r) <= lw/2 {
				img.SetNRGBA(x, y, sealRed)
			}
		}
	}
}

// star paints a filled five-pointed star of outer radius r at the centre.
func star(img *image.NRGBA, cx, cy, r float64) {
	var pts [10][2]float64
	for i := range pts {
		rad := r
		if i%2 == 1 {
			rad = r * 0.4
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = [2]float64{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
	}
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			if inside(pts[:], float64(x), float64(y)) {
				img.SetNRGBA(x, y, sealRed)
			}
		}
	}
}

func inside(poly [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		xi, yi, xj, yj := poly[i][0], poly[i][1], poly[j][0], poly[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
