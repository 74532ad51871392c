package sqldb_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestKeysetPages checks that walking people (after the last of a page)
// and the audit log (before the last of a page) gives exactly the list
// that offsets give, in the same stable order, with the same totals, for
// page sizes that do and do not divide the list; repeated names are
// ordered by id.
func TestKeysetPages(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		ctx := thidua.NewSystemContext(context.Background())
		root := mustUnit(t, db, ctx, 0, "Ủy ban nhân dân tỉnh", "UBND")
		names := []string{"Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn An", "Nguyễn Văn An", "Phạm Thị Ân", "Đỗ Văn Bình", "Nguyễn Văn An"}
		for i := range 23 {
			mustPerson(t, db, ctx, root.ID, names[i%len(names)])
		}
		byOffset, total, err := db.FindPeople(ctx, thidua.PersonFilter{Limit: 1000})
		if err != nil || total != 23 || len(byOffset) != 23 {
			t.Fatalf("all people: %d of %d, %v", len(byOffset), total, err)
		}
		audit, auditTotal, err := db.FindAuditEntries(ctx, thidua.AuditFilter{Limit: 500})
		if err != nil || auditTotal != len(audit) || auditTotal < 24 {
			t.Fatalf("audit: %d of %d, %v", len(audit), auditTotal, err)
		}
		for _, size := range []int{1, 5, 23, 50} {
			t.Run(fmt.Sprint(size), func(t *testing.T) {
				var got []int64
				f := thidua.PersonFilter{Limit: size}
				for {
					page, n, err := db.FindPeople(ctx, f)
					if err != nil || n != 23 {
						t.Fatalf("page after %d: total %d, %v", f.AfterID, n, err)
					}
					for _, p := range page {
						got = append(got, p.ID)
					}
					if len(page) < size {
						break
					}
					f.AfterID = page[len(page)-1].ID
				}
				var want []int64
				for _, p := range byOffset {
					want = append(want, p.ID)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("people by keyset %v, by offset %v", got, want)
				}
				got, want = nil, nil
				af := thidua.AuditFilter{Limit: size}
				for {
					page, n, err := db.FindAuditEntries(ctx, af)
					if err != nil || n != auditTotal {
						t.Fatalf("audit before %d: total %d of %d, %v", af.BeforeID, n, auditTotal, err)
					}
					for _, e := range page {
						got = append(got, e.ID)
					}
					if len(page) < size {
						break
					}
					af.BeforeID = page[len(page)-1].ID
				}
				for _, e := range audit {
					want = append(want, e.ID)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("audit by keyset %v, by offset %v", got, want)
				}
			})
		}
	})
}
