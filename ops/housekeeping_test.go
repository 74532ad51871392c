package ops_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/filestore"
	"thidua/ops"
)

func TestHousekeeping(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		ctx := context.Background()
		now := time.Now().UTC()
		old, recent := now.Add(-40*24*time.Hour), now.Add(-time.Hour)
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := o.DB.SQL().Exec(q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		for _, j := range []struct {
			state string
			at    time.Time
		}{{thidua.JobDone, old}, {thidua.JobFailed, old}, {thidua.JobDone, recent}, {thidua.JobQueued, old}} {
			exec(`INSERT INTO jobs (kind, state, created_at, finished_at) VALUES ('test', $1, $2, $2)`, j.state, j.at)
		}
		exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('expired', 1, $1, $2), ('valid', 1, $1, $3)`, old, recent, now.Add(time.Hour))
		exec(`INSERT INTO login_throttle (key, failures, last_at) VALUES ('u:a', 3, $1), ('u:b', 3, $2)`, old, recent)
		exec(`INSERT INTO imports (file_name, file_size, file_sha256, content, state, created_at, updated_at) VALUES
			('cu.xlsx', 1, 'x', $1, $2, $3, $3), ('moi.xlsx', 1, 'x', $1, $2, $4, $4)`, []byte("x"), thidua.ImportReady, old, recent)
		// Attachments in the database: one named by an article, one orphan
		// from long ago, one orphan of an upload under way.
		exec(`UPDATE articles SET cover_key = 'referenced-0001' WHERE id = (SELECT min(id) FROM articles)`)
		for _, k := range []string{"referenced-0001", "orphan-old-0001", "orphan-new-0001"} {
			if err := o.DB.Files().Put(ctx, k, []byte(k)); err != nil {
				t.Fatal(err)
			}
		}
		exec(`UPDATE file_blobs SET created_at = $1 WHERE key <> 'orphan-new-0001'`, old)

		s, err := ops.Housekeep(ctx, o.DB, "", ops.Housekeeping{}, now)
		if err != nil {
			t.Fatalf("Housekeep: %v", err)
		}
		if want := (ops.Swept{Jobs: 2, Uploads: 1, Files: 1, Sessions: 1, SignIns: 1}); s != want {
			t.Errorf("swept %+v, want %+v", s, want)
		}
		list := func(q string) []string {
			rows, err := o.DB.SQL().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var v string
				rows.Scan(&v)
				out = append(out, v)
			}
			return out
		}
		for q, want := range map[string][]string{
			`SELECT state FROM jobs WHERE kind = 'test' ORDER BY state`:             {thidua.JobDone, thidua.JobQueued},
			`SELECT token_hash FROM sessions ORDER BY token_hash`:                   {"valid"},
			`SELECT key FROM login_throttle ORDER BY key`:                           {"u:b"},
			`SELECT file_name || ' ' || state FROM imports ORDER BY file_name`:      {"cu.xlsx " + thidua.ImportDiscarded, "moi.xlsx " + thidua.ImportReady},
			`SELECT key FROM file_blobs ORDER BY key`:                               {"demo-covenant-1", "orphan-new-0001", "referenced-0001"},
			`SELECT action FROM audit_log WHERE entity = 'import' ORDER BY id DESC`: nil,
		} {
			if got := list(q); want != nil && !slices.Equal(got, want) {
				t.Errorf("%s = %q, want %q", q, got, want)
			}
		}

		t.Run("folder", func(t *testing.T) {
			dir := t.TempDir()
			store, _ := filestore.NewDir(dir)
			for _, k := range []string{"referenced-0001", "orphan-old-0001", "orphan-new-0001"} {
				store.Put(ctx, k, []byte(k))
				if k != "orphan-new-0001" {
					os.Chtimes(filepath.Join(dir, k[:2], k), old, old)
				}
			}
			s, err := ops.Housekeep(ctx, o.DB, dir, ops.Housekeeping{}, now)
			if err != nil || s.Files != 1 {
				t.Fatalf("Housekeep: %+v, %v; want one file removed", s, err)
			}
			for k, want := range map[string]bool{"referenced-0001": true, "orphan-old-0001": false, "orphan-new-0001": true} {
				if _, err := store.Get(ctx, k); (err == nil) != want {
					t.Errorf("file %s kept = %v, want %v", k, err == nil, want)
				}
			}
		})
	})
}

// TestFileKeyColumns fails when a table gains a column naming attachment
// files that housekeeping does not know of: it would delete those files.
func TestFileKeyColumns(t *testing.T) {
	schema, err := ops.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range schema {
		for _, c := range tb.Columns {
			if strings.HasSuffix(c.Name, "storage_key") || strings.HasSuffix(c.Name, "cover_key") || strings.HasSuffix(c.Name, "file_key") {
				got = append(got, tb.Name+"."+c.Name)
			}
		}
	}
	slices.Sort(got)
	// ops.fileKeyColumns keep their files; ops.fileNoteColumns are removed with them.
	want := []string{"article_versions.cover_key", "articles.cover_key", "attachments.storage_key", "cluster_covenants.file_key",
		"file_signatures.storage_key", "proposal_files.storage_key"}
	if !slices.Equal(got, want) {
		t.Errorf("columns naming files: %q; housekeeping (ops.fileKeyColumns) knows %q", got, want)
	}
}
