package report

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	d, err := newPDF()
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	d.font("", 10)
	for _, tc := range []struct {
		s string
		w float64
	}{
		{"Phòng Kiểm soát thủ tục hành chính và Theo dõi thi hành pháp luật", 30},
		{"Công Tằng Tôn Nữ Thị Thanh Hương Giang", 12},
		{"https://example.invalid/rất-dài-không-có-dấu-cách", 20},
		{"1\n(đồng hạng)", 40},
		{"x", 0.5},
	} {
		lines := d.wrap(tc.s, tc.w)
		for _, l := range lines {
			if d.width(l) > tc.w+0.01 && len([]rune(l)) > 1 {
				t.Errorf("wrap(%q, %v): line %q is %.1f mm wide", tc.s, tc.w, l, d.width(l))
			}
		}
		got := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
		want := strings.ReplaceAll(strings.ReplaceAll(tc.s, "\n", ""), " ", "")
		if got != want {
			t.Errorf("wrap(%q, %v) = %q, loses text", tc.s, tc.w, lines)
		}
	}
	if got := d.wrap("1\n(đồng hạng)", 40); len(got) != 2 {
		t.Errorf("wrap keeps hard line breaks: got %q", got)
	}
}
