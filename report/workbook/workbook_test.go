package workbook_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/report/workbook"
)

// corePart returns docProps/core.xml of an xlsx file.
func corePart(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "docProps/core.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no docProps/core.xml")
	return ""
}

func TestWrite(t *testing.T) {
	at := time.Date(2026, 2, 5, 10, 30, 15, 500, time.FixedZone("ICT", 7*3600))
	for _, c := range []struct {
		name        string
		props       workbook.Props
		wantCreated string // "" for about now
	}{
		{"dated", workbook.Props{Title: norm.NFD.String("Danh sách quyết định <&> khen thưởng"), Subject: "Thống kê", Created: at},
			"2026-02-05T03:30:15Z"},
		{"now", workbook.Props{Title: "Mẫu nhập"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			var buf bytes.Buffer
			if err := workbook.Write(&buf, f, c.props); err != nil {
				t.Fatal(err)
			}
			core := corePart(t, buf.Bytes())
			// The form Excel writes: every element under its usual prefix.
			for _, want := range []string{`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
				`<dc:creator>thidua</dc:creator>`, `<cp:lastModifiedBy>thidua</cp:lastModifiedBy>`,
				`<dcterms:created xsi:type="dcterms:W3CDTF">`, `<dcterms:modified xsi:type="dcterms:W3CDTF">`} {
				if !strings.Contains(core, want) {
					t.Errorf("core.xml lacks %s:\n%s", want, core)
				}
			}
			if strings.Contains(core, "<coreProperties") || strings.Contains(core, "2006-09-16") {
				t.Errorf("core.xml keeps excelize's default namespace or template date:\n%s", core)
			}
			// excelize reads it back.
			g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			p, err := g.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != norm.NFC.String(c.props.Title) || p.Subject != c.props.Subject || p.Creator != "thidua" || p.LastModifiedBy != "thidua" {
				t.Errorf("props read back %+v", p)
			}
			if c.wantCreated != "" {
				if p.Created != c.wantCreated || p.Modified != c.wantCreated {
					t.Errorf("created %q, modified %q, want %q", p.Created, p.Modified, c.wantCreated)
				}
				return
			}
			got, err := time.Parse(time.RFC3339, p.Created)
			if err != nil || time.Since(got) > time.Hour || time.Since(got) < -time.Minute {
				t.Errorf("created %q (%v), want about now", p.Created, err)
			}
		})
	}
}
