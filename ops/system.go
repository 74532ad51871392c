package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"thidua"
	"thidua/sqldb"
)

// System is the administrator's view of the installation
// (thidua.SystemService).
type System struct {
	DB *sqldb.DB
	// FilesDir is the attachments folder ("" when they are in the database).
	FilesDir string
	// BackupDir and BackupSchedule are the scheduled backups' settings.
	BackupDir, BackupSchedule string
	Version                   string
	// Wake, when set, wakes the job runner after a retry.
	Wake func()

	mu    sync.Mutex
	audit thidua.AuditCheck
}

var _ thidua.SystemService = (*System)(nil)

func requireSystemAdmin(ctx context.Context) error {
	if u := thidua.UserFromContext(ctx); u != nil {
		if u.Can(thidua.PermManageSystem) {
			return nil
		}
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ quản trị hệ thống xem được trang này.")
	}
	if thidua.IsSystemContext(ctx) {
		return nil
	}
	return thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
}

// SystemStatus gathers the page's figures; the audit chain is verified on
// the first call and then when asked (VerifyAudit).
func (s *System) SystemStatus(ctx context.Context) (*thidua.SystemStatus, error) {
	if err := requireSystemAdmin(ctx); err != nil {
		return nil, err
	}
	st := &thidua.SystemStatus{Version: s.Version, Database: s.DB.Dialect().String(), FilesDir: s.FilesDir,
		BackupDir: s.BackupDir, BackupSchedule: s.BackupSchedule, DiskFree: -1}
	q := s.DB.SQL()
	var where string
	if s.DB.Dialect() == sqldb.Postgres {
		if err := q.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&st.DatabaseSize); err != nil {
			return nil, fmt.Errorf("ops: database size: %w", err)
		}
		where = s.FilesDir
	} else {
		path := sqlitePath(s.DB.URL)
		for _, suffix := range []string{"", "-wal"} {
			if info, err := os.Stat(path + suffix); err == nil {
				st.DatabaseSize += info.Size()
			}
		}
		where = filepath.Dir(path)
	}
	if where != "" {
		st.DiskFree = diskFree(where)
	}
	if s.FilesDir == "" {
		if err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(length(data)), 0) FROM file_blobs`).Scan(&st.FilesCount, &st.FilesSize); err != nil {
			return nil, fmt.Errorf("ops: attachments size: %w", err)
		}
	} else {
		filepath.WalkDir(s.FilesDir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					st.FilesCount++
					st.FilesSize += info.Size()
				}
			}
			return nil
		})
	}
	if s.BackupDir != "" {
		if all, err := Backups(s.BackupDir); err == nil && len(all) > 0 {
			st.LastBackup = thidua.BackupSummary{Name: filepath.Base(all[0].Path), At: all[0].At, Size: all[0].Size}
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT state, count(*) FROM jobs WHERE state IN ($1, $2, $3) GROUP BY state`,
		thidua.JobQueued, thidua.JobRunning, thidua.JobFailed)
	if err != nil {
		return nil, fmt.Errorf("ops: job counts: %w", err)
	}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			rows.Close()
			return nil, err
		}
		switch state {
		case thidua.JobQueued:
			st.Queued = n
		case thidua.JobRunning:
			st.Running = n
		case thidua.JobFailed:
			st.Failed = n
		}
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, kind, error, attempts, created_at, finished_at FROM jobs WHERE state = $1 ORDER BY id DESC LIMIT 20`, thidua.JobFailed)
	if err != nil {
		return nil, fmt.Errorf("ops: failed jobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		j := &thidua.Job{State: thidua.JobFailed}
		var finished sql.NullTime
		if err := rows.Scan(&j.ID, &j.Kind, &j.Error, &j.Attempts, &j.CreatedAt, &finished); err != nil {
			return nil, err
		}
		if finished.Valid {
			j.FinishedAt = finished.Time.UTC()
		}
		st.FailedJobs = append(st.FailedJobs, j)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	st.Audit = s.audit
	s.mu.Unlock()
	if st.Audit.At.IsZero() {
		if st.Audit, err = s.VerifyAudit(ctx); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// VerifyAudit recomputes the audit chain and remembers the outcome.
func (s *System) VerifyAudit(ctx context.Context) (thidua.AuditCheck, error) {
	if err := requireSystemAdmin(ctx); err != nil {
		return thidua.AuditCheck{}, err
	}
	var c thidua.AuditCheck
	if err := s.DB.SQL().QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&c.Entries); err != nil {
		return c, err
	}
	bad, err := s.DB.VerifyAuditChain(thidua.NewSystemContext(ctx))
	if err != nil {
		return c, err
	}
	c.Bad, c.At = bad, time.Now().UTC()
	s.mu.Lock()
	s.audit = c
	s.mu.Unlock()
	return c, nil
}

// RetryJob puts a failed job back in the queue, and its import back in
// the state its job works on.
func (s *System) RetryJob(ctx context.Context, id int64) error {
	if err := requireSystemAdmin(ctx); err != nil {
		return err
	}
	errNotFailed := thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy công việc lỗi này (có thể đã được chạy lại).")
	err := s.DB.Change(ctx, thidua.ActionUpdate, "job", id, map[string]any{"state": thidua.JobFailed}, map[string]any{"state": thidua.JobQueued, "retried": true}, func(h sqldb.Handle) error {
		var kind string
		var ref int64
		err := h.QueryRowContext(ctx, `UPDATE jobs SET state = $1, error = '', attempts = 0, worker = '', finished_at = NULL, done = 0
			WHERE id = $2 AND state = $3 RETURNING kind, ref_id`, thidua.JobQueued, id, thidua.JobFailed).Scan(&kind, &ref)
		if err != nil {
			return errNotFailed
		}
		state := map[string]string{thidua.JobImportCheck: thidua.ImportChecking, thidua.JobImportApply: thidua.ImportApplying}[kind]
		if state != "" && ref != 0 {
			if _, err := h.ExecContext(ctx, `UPDATE imports SET state = $1, error = '' WHERE id = $2 AND state = $3`, state, ref, thidua.ImportFailed); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, errNotFailed) {
			return errNotFailed
		}
		return err
	}
	if s.Wake != nil {
		s.Wake()
	}
	return nil
}
