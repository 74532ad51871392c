package central_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/central"
)

// TestDossierWriter writes files of each sort and reads the archive back:
// compressed formats stored as they are, the others deflated, every
// entry's bytes and hash as the manifest (written last) says.
func TestDossierWriter(t *testing.T) {
	files := []struct {
		name, kind string
		data       string
		method     uint16
	}{
		{"to-trinh.pdf", central.FileSubmission, "%PDF-1.7 " + strings.Repeat("x", 500), zip.Store},
		{"danh-sach.XLSX", central.FileNominees, "PK" + strings.Repeat("y", 500), zip.Store},
		{"anh.jpg", central.FileEvidence, strings.Repeat("z", 300), zip.Store},
		{"bao-cao.txt", central.FileReport, strings.Repeat("Báo cáo thành tích. ", 50), zip.Deflate},
		{"bao-cao.txt", central.FileReport, "lần hai", zip.Deflate},
	}
	var buf bytes.Buffer
	p := &thidua.Proposal{ID: 7, Title: "Tờ trình", UnitName: "Sở Nội vụ", Year: 2026, State: thidua.ProposalReceived}
	d := central.NewDossierWriter(&buf, p, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC))
	for _, f := range files {
		if err := d.Add(f.name, f.kind, func(w io.Writer) error { _, err := io.WriteString(w, f.data); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files)+1 || zr.File[len(files)].Name != central.ManifestName {
		t.Fatalf("%d entries, manifest last: %v", len(zr.File), zr.File)
	}
	var m central.Manifest
	rc, _ := zr.File[len(files)].Open()
	if err := json.NewDecoder(rc).Decode(&m); err != nil || len(m.Files) != len(files) {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	for i, f := range files {
		e := zr.File[i]
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		sum := sha256.Sum256(b)
		if e.Method != f.method || string(b) != f.data || m.Files[i].Name != e.Name || m.Files[i].SHA256 != hex.EncodeToString(sum[:]) || m.Files[i].Size != int64(len(b)) {
			t.Errorf("%s: method %d (want %d), %d bytes, manifest %+v", e.Name, e.Method, f.method, len(b), m.Files[i])
		}
	}
	if zr.File[4].Name != "bao-cao-2.txt" {
		t.Errorf("second bao-cao.txt named %s", zr.File[4].Name)
	}
}
