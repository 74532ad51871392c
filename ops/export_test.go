package ops_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/ops"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// emptyDB returns a freshly migrated, empty database of the kind.
func emptyDB(t *testing.T, kind string) *sqldb.DB {
	if kind == "postgres" {
		return sqldbtest.Open(t, demotest.EmptyPostgresURL(t))
	}
	return sqldbtest.OpenSQLite(t)
}

// TestExportRoundTrip exports the demo office, loads the export into an
// empty database of each kind, exports that again and compares the two
// exports file by file.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ from, to string }{{"sqlite", "sqlite"}, {"postgres", "postgres"}, {"sqlite", "postgres"}, {"postgres", "sqlite"}} {
		t.Run(c.from+"→"+c.to, func(t *testing.T) {
			var o *demotest.Office
			if c.from == "postgres" {
				o = demotest.Postgres(t)
			} else {
				o = demotest.SQLite(t)
			}
			if err := o.DB.Files().Put(ctx, "blob-000000001", []byte("tệp đính kèm")); err != nil {
				t.Fatal(err)
			}
			first := filepath.Join(t.TempDir(), "export")
			m, err := ops.ExportAll(ctx, o.DB, "", "test", first)
			if err != nil {
				t.Fatalf("ExportAll: %v", err)
			}
			if m.Tables["people"] != 49 || m.Files["files/blob-000000001"] == "" || m.Files["data/units.jsonl"] == "" {
				t.Fatalf("export manifest: %+v", m)
			}
			db := emptyDB(t, c.to)
			if _, err := ops.LoadAll(ctx, db, first, ""); err != nil {
				t.Fatalf("LoadAll: %v", err)
			}
			if bad, err := db.VerifyAuditChain(thidua.NewSystemContext(ctx)); err != nil || bad != 0 {
				t.Errorf("loaded audit chain broken at %d: %v", bad, err)
			}
			second := filepath.Join(t.TempDir(), "export")
			m2, err := ops.ExportAll(ctx, db, "", "test", second)
			if err != nil {
				t.Fatalf("second ExportAll: %v", err)
			}
			for name, sum := range m.Files {
				if m2.Files[name] != sum {
					a, _ := os.ReadFile(filepath.Join(first, name))
					b, _ := os.ReadFile(filepath.Join(second, name))
					t.Errorf("%s differs after the round trip:\n%s", name, firstDiff(a, b))
				}
			}
			if len(m2.Files) != len(m.Files) || m2.Audit != m.Audit {
				t.Errorf("second export: %d files, audit %+v; first: %d files, audit %+v", len(m2.Files), m2.Audit, len(m.Files), m.Audit)
			}
			// The loaded instance works: a new row gets a fresh id.
			u := &thidua.Unit{Name: "Đơn vị mới", Kind: thidua.UnitDepartment, ParentID: 1, Active: true}
			if err := db.CreateUnit(thidua.NewSystemContext(ctx), u); err != nil || u.ID <= 11 {
				t.Errorf("create a unit after the load: id %d, %v", u.ID, err)
			}

			t.Run("refused", func(t *testing.T) {
				if _, err := ops.LoadAll(ctx, db, first, ""); thidua.ErrorCode(err) != thidua.ECONFLICT {
					t.Errorf("load into a database with data: %v", err)
				}
				bad := filepath.Join(t.TempDir(), "bad")
				if _, err := ops.ExportAll(ctx, o.DB, "", "test", bad); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(bad, "data", "people.jsonl")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, bytes.Replace(b, []byte("Nguyễn Ngọc Ánh"), []byte("Nguyễn Ngọc Anh"), 1), 0o600)
				fresh := emptyDB(t, c.to)
				_, err := ops.LoadAll(ctx, fresh, bad, "")
				if err == nil || !strings.Contains(thidua.ErrorMessage(err), "tệp data/people.jsonl: mã SHA-256 khác bảng kê") {
					t.Errorf("load of an altered export: %v", err)
				}
				var n int
				fresh.SQL().QueryRow(`SELECT count(*) FROM people`).Scan(&n)
				if n != 0 {
					t.Errorf("a refused load wrote %d people", n)
				}
			})
		})
	}
}

func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return "  first: " + string(la[i]) + "\n  again: " + string(lb[i])
		}
	}
	return "lengths differ"
}
