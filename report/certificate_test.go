package report_test

import (
	"bytes"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/report"
)

func writeCertificates(t *testing.T, d *thidua.Decision, o report.CertificateOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.CertificatesPDF(&buf, d, o); err != nil {
		t.Fatalf("CertificatesPDF: %v", err)
	}
	return buf.Bytes()
}

// wordBox is a word and its box from pdftotext -bbox, in points.
type wordBox struct {
	page       int
	x, y, w, h float64
	text       string
}

var (
	bboxPageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// wordBoxes lists the words of every page with their boxes, and the page
// sizes in points.
func wordBoxes(t *testing.T, pdf []byte) ([]wordBox, [][2]float64) {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-bbox", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var words []wordBox
	var pages [][2]float64
	for _, line := range strings.Split(string(out), "\n") {
		if m := bboxPageRE.FindStringSubmatch(line); m != nil {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			pages = append(pages, [2]float64{w, h})
			continue
		}
		if m := bboxWordRE.FindStringSubmatch(line); m != nil {
			var f [4]float64
			for i := range f {
				f[i], _ = strconv.ParseFloat(m[i+1], 64)
			}
			words = append(words, wordBox{len(pages), f[0], f[1], f[2] - f[0], f[3] - f[1], html.UnescapeString(m[5])})
		}
	}
	return words, pages
}

// findWord returns the first box of word on page (1-based).
func findWord(words []wordBox, page int, word string) (wordBox, bool) {
	for _, w := range words {
		if w.page == page && w.text == word {
			return w, true
		}
	}
	return wordBox{}, false
}

func TestCertificatesPDF(t *testing.T) {
	d := buildDecision()
	pdf := writeCertificates(t, d, report.CertificateOptions{})
	keepPNG(t, pdf, "certificate")
	if n := pageCount(pdf); n != len(d.Recipients) {
		t.Fatalf("%d pages, want one per recipient (%d)", n, len(d.Recipients))
	}
	_, pages := wordBoxes(t, pdf)
	if len(pages) == 0 || math.Abs(pages[0][0]-842) > 1 || math.Abs(pages[0][1]-595) > 1 {
		t.Errorf("page size %v, want A4 landscape 842 × 595 pt", pages)
	}
	// Page 1: a collective with Giấy khen.
	p1 := layoutText(t, pdf, 1, 1)
	mustContain(t, p1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "TẶNG", "GIẤY KHEN", "Phòng Tổng hợp",
		"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
		"Số quyết định: 05/QĐ-VPUBND", "Hà Nội, ngày 05 tháng 02 năm 2026",
		"KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng")
	// The NFD-typed name, composed, with position and unit.
	i := -1
	for k, r := range d.Recipients {
		if r.Name == nfdName {
			i = k
		}
	}
	pn := layoutText(t, pdf, i+1, i+1)
	mustContain(t, flat(pn), "Trịnh Thị Ngọc Ánh", "Văn thư, Phòng Kiểm soát thủ tục hành chính và Theo dõi thi hành pháp luật")
	// A title's certificate names the title.
	last := flat(layoutText(t, pdf, len(d.Recipients), len(d.Recipients)))
	mustContain(t, last, "GIẤY CHỨNG NHẬN", "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” Đã có thành tích xuất sắc")

	// Only the Giấy khen, on A3.
	a3 := writeCertificates(t, d, report.CertificateOptions{Size: "A3", Awards: []string{thidua.FormGK}})
	if n := pageCount(a3); n != 20 {
		t.Errorf("A3 Giấy khen: %d pages, want 20", n)
	}
	if _, pages := wordBoxes(t, a3); len(pages) == 0 || math.Abs(pages[0][0]-1190) > 2 {
		t.Errorf("A3 page size %v, want 1190 × 842 pt", pages)
	}
	keepPNG(t, a3, "certificate-a3")
}

func TestCertificatesBlank(t *testing.T) {
	d := buildDecision()
	full := writeCertificates(t, d, report.CertificateOptions{})
	blank := writeCertificates(t, d, report.CertificateOptions{Blank: true})
	moved := writeCertificates(t, d, report.CertificateOptions{Blank: true, OffsetX: 5, OffsetY: -3})
	keepPNG(t, moved, "certificate-blank")
	text := layoutText(t, blank, 1, 1)
	for _, no := range []string{"GIẤY KHEN", "BẰNG KHEN", "CỘNG HÒA", "TẶNG", "Số quyết định"} {
		if strings.Contains(text, no) {
			t.Errorf("blank mode prints %q", no)
		}
	}
	mustContain(t, text, "Phòng Tổng hợp", "05/QĐ-VPUBND", "Hà Nội, ngày 05 tháng 02 năm 2026",
		"Đã có thành tích xuất sắc", "KT. CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng")
	if strings.Count(text, "\n") > 20 {
		t.Errorf("blank page has too much text:\n%s", text)
	}

	fw, _ := wordBoxes(t, full)
	bw, _ := wordBoxes(t, blank)
	mw, _ := wordBoxes(t, moved)
	const mm = 72 / 25.4
	for _, word := range []string{"Tổng", "Hùng", "05/QĐ-VPUBND", "Hà"} {
		f, ok1 := findWord(fw, 1, word)
		b, ok2 := findWord(bw, 1, word)
		m, ok3 := findWord(mw, 1, word)
		if !ok1 || !ok2 || !ok3 {
			t.Errorf("%q not found in every mode (%v %v %v)", word, ok1, ok2, ok3)
			continue
		}
		// Blank puts a field where the full certificate has it…
		if math.Abs(f.x-b.x) > 0.5 || math.Abs(f.y-b.y) > 0.5 {
			t.Errorf("%q at (%.1f, %.1f) on the blank, (%.1f, %.1f) on the full certificate", word, b.x, b.y, f.x, f.y)
		}
		// …and the offsets move it by so many millimetres.
		if dx, dy := (m.x-b.x)/mm, (m.y-b.y)/mm; math.Abs(dx-5) > 0.2 || math.Abs(dy+3) > 0.2 {
			t.Errorf("%q moved by (%.2f, %.2f) mm, want (5, -3)", word, dx, dy)
		}
	}
}

func TestCertificatesErrors(t *testing.T) {
	var buf bytes.Buffer
	d := buildDecision()
	if err := report.CertificatesPDF(&buf, d, report.CertificateOptions{Size: "Letter"}); err == nil {
		t.Error("unknown size: no error")
	}
	if err := report.CertificatesPDF(&buf, d, report.CertificateOptions{Awards: []string{thidua.FormBKTTG}}); err == nil {
		t.Error("no recipient left: no error")
	}
	if err := report.CertificatesPDF(&buf, nil, report.CertificateOptions{}); err == nil {
		t.Error("nil decision: no error")
	}
}
