package filestore_test

import (
	"bytes"
	"context"
	"testing"

	"thidua"
	"thidua/filestore"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// testStore exercises any FileStore.
func testStore(t *testing.T, s thidua.FileStore) {
	ctx := context.Background()
	data := []byte("%PDF-1.4 báo cáo")
	if err := s.Put(ctx, "abcdefgh1234", data); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "abcdefgh1234")
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if _, err := s.Get(ctx, "missing-key-000"); thidua.ErrorCode(err) != thidua.ENOTFOUND {
		t.Fatalf("missing key: %v", err)
	}
	if err := s.Delete(ctx, "abcdefgh1234"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "abcdefgh1234"); thidua.ErrorCode(err) != thidua.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.Delete(ctx, "abcdefgh1234"); err != nil {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestDir(t *testing.T) {
	d, err := filestore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	testStore(t, d)
	if err := d.Put(context.Background(), "../../etc/passwd", []byte("x")); err == nil {
		t.Fatal("path traversal key accepted")
	}
}

func TestDatabaseStore(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) { testStore(t, db.Files()) })
}
