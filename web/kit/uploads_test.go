package kit_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"thidua/web/kit"
)

// zipOf writes an archive of the named parts.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCheckUploadOffice: a DOCX or XLSX must be a zip archive that opens,
// with the manifest and the main part of its kind; the names of the
// parts written somewhere in the bytes are not enough.
func TestCheckUploadOffice(t *testing.T) {
	docx := zipOf(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
	xlsx := zipOf(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
	for _, c := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"bao-cao.docx", docx, true},
		{"bang-diem.xlsx", xlsx, true},
		{"trang.docx", []byte("PK\x03\x04[Content_Types].xml word/document.xml<html><script>alert(1)</script></html>"), false},
		{"trang.xlsx", []byte("PK\x03\x04[Content_Types].xml xl/workbook.xml<html></html>"), false},
		{"bang-diem.docx", xlsx, false},
		{"bao-cao.xlsx", docx, false},
		{"thieu.docx", zipOf(t, "word/document.xml"), false},
		{"nen.docx", zipOf(t, "[Content_Types].xml", "index.html"), false},
	} {
		ct, err := kit.CheckUpload(c.name, c.data)
		if (err == nil) != c.ok {
			t.Errorf("%s: type %q, error %v; want accepted %v", c.name, ct, err, c.ok)
		}
	}
}
