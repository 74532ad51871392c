package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"thidua"
	"thidua/sqldb"
)

// Housekeeping says what the job runner clears of transient rows and
// files; a zero age takes the default.
type Housekeeping struct {
	// Jobs: finished job rows (done or failed) older than this are
	// removed (THIDUA_KEEP_JOBS, default 30 days).
	Jobs time.Duration
	// Uploads: workbooks uploaded but never confirmed, untouched this long,
	// are discarded (their content dropped, through DiscardImport, so the
	// audit log records it), and attachment files that no row refers to,
	// older than this, are deleted (THIDUA_KEEP_UPLOADS, default 24 hours).
	Uploads time.Duration
	// SignIns: failed sign-in counters older than this are removed
	// (default 24 hours, the longest window the throttle looks at).
	SignIns time.Duration
}

// Default ages of Housekeeping.
const (
	DefaultKeepJobs    = 30 * 24 * time.Hour
	DefaultKeepUploads = 24 * time.Hour
	DefaultKeepSignIns = 48 * time.Hour
)

// Swept counts what one housekeeping pass removed.
type Swept struct {
	Jobs, Uploads, Files, Sessions, SignIns int64
}

// fileKeyColumns are the columns naming an attachment file; a file no
// row names is an orphan (an upload whose form was never saved).
var fileKeyColumns = []string{"attachments.storage_key", "proposal_files.storage_key", "articles.cover_key", "article_versions.cover_key",
	"cluster_covenants.file_key"}

// fileNoteColumns name a file without keeping it: what was found about the
// file (the signature check made on arrival), removed with the file.
var fileNoteColumns = []string{"file_signatures.storage_key"}

// forget removes the notes about the swept file key.
func forget(ctx context.Context, q interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}, key string) error {
	for _, col := range fileNoteColumns {
		table, column, _ := strings.Cut(col, ".")
		if _, err := q.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+column+` = $1`, key); err != nil {
			return fmt.Errorf("ops: housekeeping: %w", err)
		}
	}
	return nil
}

// Housekeep runs one pass at time now: finished jobs, unconfirmed uploads,
// orphan attachment files (in folder filesDir, or the database when ""),
// expired sessions and stale sign-in counters.
func Housekeep(ctx context.Context, db *sqldb.DB, filesDir string, h Housekeeping, now time.Time) (Swept, error) {
	h.Jobs = cmp(h.Jobs, DefaultKeepJobs)
	h.Uploads = cmp(h.Uploads, DefaultKeepUploads)
	h.SignIns = cmp(h.SignIns, DefaultKeepSignIns)
	now = now.UTC()
	var s Swept
	q := db.SQL()
	exec := func(n *int64, query string, args ...any) error {
		res, err := q.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("ops: housekeeping: %w", err)
		}
		*n, _ = res.RowsAffected()
		return nil
	}
	if err := exec(&s.Jobs, `DELETE FROM jobs WHERE state IN ($1, $2) AND finished_at < $3`, thidua.JobDone, thidua.JobFailed, now.Add(-h.Jobs)); err != nil {
		return s, err
	}
	if err := exec(&s.Sessions, `DELETE FROM sessions WHERE expires_at < $1`, now); err != nil {
		return s, err
	}
	if err := exec(&s.SignIns, `DELETE FROM login_throttle WHERE last_at < $1`, now.Add(-h.SignIns)); err != nil {
		return s, err
	}
	// Imports waiting for a confirmation that never came.
	rows, err := q.QueryContext(ctx, `SELECT id, version FROM imports WHERE state IN ($1, $2, $3) AND updated_at < $4 ORDER BY id`,
		thidua.ImportReady, thidua.ImportInvalid, thidua.ImportFailed, now.Add(-h.Uploads))
	if err != nil {
		return s, fmt.Errorf("ops: housekeeping: %w", err)
	}
	type stale struct {
		id      int64
		version int
	}
	var imports []stale
	for rows.Next() {
		var st stale
		if err := rows.Scan(&st.id, &st.version); err != nil {
			rows.Close()
			return s, err
		}
		imports = append(imports, st)
	}
	rows.Close()
	sys := thidua.NewSystemContext(ctx)
	for _, st := range imports {
		if err := db.DiscardImport(sys, st.id, st.version); err != nil {
			if thidua.ErrorCode(err) == thidua.ECONFLICT {
				continue // touched meanwhile
			}
			return s, err
		}
		s.Uploads++
	}
	refs, err := referencedKeys(ctx, q)
	if err != nil {
		return s, err
	}
	cut := now.Add(-h.Uploads)
	if filesDir == "" {
		keys, err := orphanBlobs(ctx, q, refs, cut)
		if err != nil {
			return s, err
		}
		for _, k := range keys {
			if err := exec(new(int64), `DELETE FROM file_blobs WHERE key = $1`, k); err != nil {
				return s, err
			}
			if err := forget(ctx, q, k); err != nil {
				return s, err
			}
			s.Files++
		}
		return s, nil
	}
	err = filepath.WalkDir(filesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || refs[d.Name()] {
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(cut) {
			return nil
		}
		// Names that are not keys are temporary files of a write that died.
		if err := os.Remove(path); err == nil {
			if err := forget(ctx, q, d.Name()); err != nil {
				return err
			}
			s.Files++
		}
		return nil
	})
	return s, err
}

func cmp(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func referencedKeys(ctx context.Context, q queryer) (map[string]bool, error) {
	refs := map[string]bool{}
	for _, col := range fileKeyColumns {
		table, column, _ := strings.Cut(col, ".")
		rows, err := q.QueryContext(ctx, `SELECT DISTINCT `+column+` FROM `+table+` WHERE `+column+` <> ''`)
		if err != nil {
			return nil, fmt.Errorf("ops: housekeeping: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			refs[k] = true
		}
		rows.Close()
	}
	return refs, nil
}

func orphanBlobs(ctx context.Context, q queryer, refs map[string]bool, before time.Time) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key FROM file_blobs WHERE created_at < $1`, before)
	if err != nil {
		return nil, fmt.Errorf("ops: housekeeping: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if !refs[k] {
			out = append(out, k)
		}
	}
	return out, rows.Err()
}
