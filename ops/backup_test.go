package ops_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/filestore"
	"thidua/ops"
	"thidua/sqldb"
)

func TestMain(m *testing.M) { demotest.Main(m) }

// restoreTarget returns an empty database of the office's kind.
func restoreTarget(t *testing.T, d sqldb.Dialect) string {
	if d == sqldb.Postgres {
		return demotest.EmptyPostgresURL(t)
	}
	return filepath.Join(t.TempDir(), "restored", "thidua.db")
}

func TestBackupRestore(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		ctx := context.Background()
		files := filepath.Join(t.TempDir(), "files")
		store, err := filestore.NewDir(files)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.Put(ctx, "attachment-0001", []byte("biên bản họp")); err != nil {
			t.Fatal(err)
		}
		if err := o.DB.Files().Put(ctx, "blob-000000001", []byte("tệp trong cơ sở dữ liệu")); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		m, err := ops.Backup(ctx, o.DB, files, "test", t.TempDir(), &buf)
		if err != nil {
			t.Fatalf("Backup: %v", err)
		}
		if m.Tables["units"] != 13 || m.Audit.Entries == 0 || m.Files["files/attachment-0001"] == "" || m.Blobs["blob-000000001"] == "" {
			t.Fatalf("manifest = %+v", m)
		}

		target := restoreTarget(t, o.DB.Dialect())
		restoredFiles := filepath.Join(t.TempDir(), "restored-files")
		got, err := ops.Restore(ctx, bytes.NewReader(buf.Bytes()), target, restoredFiles, t.TempDir())
		if err != nil {
			t.Fatalf("Restore: %v", err)
		}
		if got.Audit != m.Audit {
			t.Errorf("restored audit %+v, want %+v", got.Audit, m.Audit)
		}
		db := demotest.Open(t, target)
		sys := thidua.NewSystemContext(ctx)
		if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
			t.Errorf("restored audit chain broken at %d: %v", bad, err)
		}
		if b, err := db.Files().Get(ctx, "blob-000000001"); err != nil || string(b) != "tệp trong cơ sở dữ liệu" {
			t.Errorf("restored blob = %q, %v", b, err)
		}
		rs, _ := filestore.NewDir(restoredFiles)
		if b, err := rs.Get(ctx, "attachment-0001"); err != nil || string(b) != "biên bản họp" {
			t.Errorf("restored attachment = %q, %v", b, err)
		}

		t.Run("not empty", func(t *testing.T) {
			_, err := ops.Restore(ctx, bytes.NewReader(buf.Bytes()), target, restoredFiles, t.TempDir())
			if thidua.ErrorCode(err) != thidua.ECONFLICT {
				t.Fatalf("restore over data: err = %v, want a refusal", err)
			}
		})
		t.Run("manifest differs", func(t *testing.T) {
			bad := rewrite(t, buf.Bytes(), func(m *ops.Manifest) { m.Tables["people"]++ })
			target := restoreTarget(t, o.DB.Dialect())
			_, err := ops.Restore(ctx, bytes.NewReader(bad), target, t.TempDir(), t.TempDir())
			if err == nil || !strings.Contains(thidua.ErrorMessage(err), "bảng people: bảng kê ghi 50 dòng, cơ sở dữ liệu có 49") {
				t.Fatalf("restore with a wrong count: err = %v", err)
			}
			// Refused: the target is still empty and a good backup restores.
			if _, err := ops.Restore(ctx, bytes.NewReader(buf.Bytes()), target, t.TempDir(), t.TempDir()); err != nil {
				t.Fatalf("restore after a refusal: %v", err)
			}
		})
		t.Run("file altered", func(t *testing.T) {
			bad := rewrite(t, buf.Bytes(), func(m *ops.Manifest) { m.Files["files/attachment-0001"] = strings.Repeat("0", 64) })
			_, err := ops.Restore(ctx, bytes.NewReader(bad), restoreTarget(t, o.DB.Dialect()), t.TempDir(), t.TempDir())
			if err == nil || !strings.Contains(thidua.ErrorMessage(err), "tệp files/attachment-0001: mã SHA-256 khác bảng kê") {
				t.Fatalf("restore with an altered file: err = %v", err)
			}
		})
		t.Run("audit differs", func(t *testing.T) {
			bad := rewrite(t, buf.Bytes(), func(m *ops.Manifest) { m.Audit.LastHash = "x" })
			_, err := ops.Restore(ctx, bytes.NewReader(bad), restoreTarget(t, o.DB.Dialect()), t.TempDir(), t.TempDir())
			if err == nil || !strings.Contains(thidua.ErrorMessage(err), "nhật ký thao tác") {
				t.Fatalf("restore with another audit head: err = %v", err)
			}
		})
	})
}

// rewrite returns the archive with its manifest changed by fn.
func rewrite(t *testing.T, archive []byte, fn func(*ops.Manifest)) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		if h.Name == ops.ManifestName {
			var m ops.Manifest
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			fn(&m)
			body, _ = json.Marshal(&m)
			h.Size = int64(len(body))
		}
		tw.WriteHeader(h)
		tw.Write(body)
	}
	tw.Close()
	zw.Close()
	return out.Bytes()
}
