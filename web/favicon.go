package web

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"sync"
)

// favicon is the site's icon as an ICO file holding one 32×32 PNG: a gold
// star on the red of the national flag, drawn at first use (no binary asset
// in the tree).
var favicon = sync.OnceValue(func() []byte {
	const n = 32
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red, gold := color.NRGBA{0xDA, 0x25, 0x1D, 0xFF}, color.NRGBA{0xFF, 0xCD, 0x00, 0xFF}
	// A five-pointed star: a point is inside when it is inside the star
	// polygon (even-odd rule over its ten vertices).
	var vx, vy [10]float64
	for i := range 10 {
		r := 13.0
		if i%2 == 1 {
			r = 5.2
		}
		a := -1.5707963 + float64(i)*0.6283185
		vx[i], vy[i] = 16+r*math.Cos(a), 16.5+r*math.Sin(a)
	}
	for y := range n {
		for x := range n {
			px, py, in := float64(x)+0.5, float64(y)+0.5, false
			for i, j := 0, 9; i < 10; j, i = i, i+1 {
				if (vy[i] > py) != (vy[j] > py) && px < (vx[j]-vx[i])*(py-vy[i])/(vy[j]-vy[i])+vx[i] {
					in = !in
				}
			}
			c := red
			if in {
				c = gold
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var pngData bytes.Buffer
	png.Encode(&pngData, img)
	var ico bytes.Buffer
	binary.Write(&ico, binary.LittleEndian, struct{ Reserved, Type, Count uint16 }{0, 1, 1})
	binary.Write(&ico, binary.LittleEndian, struct {
		W, H, Colors, Reserved uint8
		Planes, Bits           uint16
		Size, Offset           uint32
	}{n, n, 0, 0, 1, 32, uint32(pngData.Len()), 22})
	ico.Write(pngData.Bytes())
	return ico.Bytes()
})

// handleFavicon serves /favicon.ico.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "image/x-icon")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(favicon())
	return nil
}
