package climb_test

import (
	"context"
	"strings"
	"testing"

	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestStorageKeyIndexed: a forwarded proposal's files share their storage
// keys with the lower proposal's, and deleting one asks whether another
// row still holds the key (sqldb/levels) — migration 0022 indexes that
// lookup on both databases, and SQLite's planner uses it.
func TestStorageKeyIndexed(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		if db.Dialect() == sqldb.Postgres {
			var def string
			if err := db.SQL().QueryRowContext(ctx, `SELECT indexdef FROM pg_indexes
				WHERE schemaname = current_schema() AND tablename = 'proposal_files' AND indexname = 'proposal_files_storage_key'`).Scan(&def); err != nil {
				t.Fatalf("no index proposal_files_storage_key: %v", err)
			}
			if !strings.Contains(def, "(storage_key)") {
				t.Errorf("index definition %q", def)
			}
			return
		}
		rows, err := db.SQL().QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT 1 FROM proposal_files WHERE storage_key = 'k' LIMIT 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(plan, "; "); !strings.Contains(got, "proposal_files_storage_key") {
			t.Errorf("the lookup by storage key does not use the index: %s", got)
		}
	})
}
