package importer_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua/importer"
)

// rawBook writes a minimal workbook by hand, part by part, so that a test
// can put in it what no spreadsheet program writes: a people sheet whose
// second row holds one cell of n bytes ('A' repeated), inline or in the
// shared strings, deflated as it is written (0.95 GB compress to about
// 1 MB).
type rawBook struct {
	cellBytes int64
	shared    bool
	extra     map[string]int64 // more parts: name → bytes of zeros
}

func (b rawBook) write(w io.Writer) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	part := func(name, body string) error {
		pw, err := zw.Create(name)
		if err == nil {
			_, err = io.WriteString(pw, body)
		}
		return err
	}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	wb := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cá nhân" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	for _, p := range [][2]string{{"[Content_Types].xml", ct}, {"_rels/.rels", rels}, {"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", wbRels}} {
		if err := part(p[0], p[1]); err != nil {
			return err
		}
	}
	inline := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	var head strings.Builder
	for i, h := range peopleHead {
		head.WriteString(inline(string(rune('A'+i))+"1", h.(string)))
	}
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` + head.String() + `</row><row r="2">`
	big := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for n := b.cellBytes; n > 0; n -= int64(len(chunk)) {
			if _, err := bw.Write(chunk[:min(n, int64(len(chunk)))]); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	sw, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	io.WriteString(sw, sheet)
	if b.shared {
		io.WriteString(sw, `<c r="A2" t="s"><v>0</v></c>`)
	} else {
		io.WriteString(sw, `<c r="A2" t="inlineStr"><is><t>`)
		if err := big(sw); err != nil {
			return err
		}
		io.WriteString(sw, `</t></is></c>`)
	}
	io.WriteString(sw, inline("B2", "12/08/1992")+inline("C2", "Nữ")+inline("D2", hctc)+`</row></sheetData></worksheet>`)
	if b.shared {
		ss, err := zw.Create("xl/sharedStrings.xml")
		if err != nil {
			return err
		}
		io.WriteString(ss, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`)
		if err := big(ss); err != nil {
			return err
		}
		io.WriteString(ss, `</t></si></sst>`)
	}
	for name, n := range b.extra {
		pw, err := zw.Create(name)
		if err != nil {
			return err
		}
		zero := make([]byte, 1<<20)
		for ; n > 0; n -= int64(len(zero)) {
			pw.Write(zero[:min(n, int64(len(zero)))])
		}
	}
	return zw.Close()
}

func (b rawBook) bytes(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := b.write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// onlyProblem fails unless res has one problem that says want.
func onlyProblem(t *testing.T, res *importer.Result, want string) {
	t.Helper()
	if res.ProblemCount != 1 || !strings.Contains(res.Problems[0].Message, want) {
		t.Fatalf("problems (%d), want one saying %q:\n%s", res.ProblemCount, want, list(res.Problems))
	}
}

// TestReadCellBounds: a cell over Excel's 32,767 characters is refused,
// named by its cell; one far longer is refused before any XML parser
// holds it, inline or shared; so are too many parts and parts excelize
// would keep in memory.
func TestReadCellBounds(t *testing.T) {
	t.Run("OverExcelLimit", func(t *testing.T) {
		res := read(t, rawBook{cellBytes: 40_000}.bytes(t))
		onlyProblem(t, res, "Ô dài 40.000 ký tự, quá giới hạn 32.767 ký tự")
		if p := res.Problems[0]; p.Sheet != "Cá nhân" || p.Row != 2 || p.Column != "A" {
			t.Fatalf("located at %+v", p)
		}
	})
	t.Run("AtExcelLimit", func(t *testing.T) {
		res := read(t, rawBook{cellBytes: 32_767}.bytes(t))
		for _, p := range res.Problems {
			if strings.Contains(p.Message, "32.767") {
				t.Fatalf("a cell of 32,767 characters refused: %s", p)
			}
		}
	})
	t.Run("HugeInline", func(t *testing.T) {
		res := read(t, rawBook{cellBytes: 8 << 20}.bytes(t))
		onlyProblem(t, res, "Dòng 2 có một ô dài hơn 32.767 ký tự")
	})
	t.Run("HugeShared", func(t *testing.T) {
		res := read(t, rawBook{cellBytes: 8 << 20, shared: true}.bytes(t))
		onlyProblem(t, res, "Tệp có một ô dài hơn 32.767 ký tự")
	})
	t.Run("ManyParts", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range 10_001 {
			zw.Create("x/" + strconv.Itoa(i))
		}
		zw.Close()
		onlyProblem(t, read(t, buf.Bytes()), "Tệp nén có 10.001 phần, quá nhiều")
	})
	t.Run("BigPartInMemory", func(t *testing.T) {
		res := read(t, rawBook{cellBytes: 10, extra: map[string]int64{"xl/worksheets/other.xml": 90 << 20}}.bytes(t))
		onlyProblem(t, res, "Các phần phụ của tệp")
	})
}

// peakRSS returns the peak resident set size of the process since the
// last resetPeakRSS, in bytes (Linux; 0 elsewhere).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// TestReadBigCellMemory reads workbooks of about 1 MB holding one cell of
// hundreds of megabytes (inline or shared, over and under the bound of a
// worksheet) and prints the peak RSS of each read, which must stay under
// 300 MiB.
func TestReadBigCellMemory(t *testing.T) {
	heavy(t, "workbooks of one cell of up to 0.95 GB")
	if peakRSS() == 0 {
		t.Skip("no /proc/self/status: the peak RSS cannot be measured here")
	}
	const limit = 300 << 20
	for _, c := range []struct {
		name string
		book rawBook
		want string
	}{
		{"inline 0.95 GB", rawBook{cellBytes: 950 << 20}, "quá lớn khi giải nén"},
		{"inline 250 MB", rawBook{cellBytes: 250 << 20}, "Dòng 2 có một ô dài hơn 32.767 ký tự"},
		{"shared 0.95 GB", rawBook{cellBytes: 950 << 20, shared: true}, "quá lớn khi giải nén"},
		{"shared 60 MB", rawBook{cellBytes: 60 << 20, shared: true}, "Tệp có một ô dài hơn 32.767 ký tự"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := c.book.bytes(t)
			resetPeakRSS()
			before := peakRSS()
			start := time.Now()
			res, err := importer.Read(context.Background(), data, "x.xlsx", importer.Options{Today: today})
			peak := peakRSS()
			if err != nil {
				t.Fatal(err)
			}
			fmt.Printf("big cell, %s: %d KB file, peak RSS %d MiB (from %d MiB), %v: %s\n", c.name, len(data)>>10,
				peak>>20, before>>20, time.Since(start).Round(time.Millisecond), res.Problems[0].Message)
			onlyProblem(t, res, c.want)
			if peak > limit {
				t.Fatalf("peak RSS %d MiB, want under %d MiB", peak>>20, limit>>20)
			}
		})
	}
}
