// Package jobqueue is the storage of the background jobs: the jobs table,
// from which any node claims the oldest queued job with one UPDATE that
// re-checks the state, so two workers never claim the same job, on SQLite
// (one writer at a time) and on PostgreSQL (the row lock re-evaluates the
// WHERE clause) alike. sqldb queues jobs inside its transactions; the job
// runner claims, follows and finishes them through a Queue.
package jobqueue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"thidua"
)

// Handle runs queries: the pool, or the transaction of a scoped store.
type Handle interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queue implements the job part of thidua.JobService.
type Queue struct {
	Handle Handle
	// Now returns the current time.
	Now func() time.Time
	// MapError turns a driver error into a domain error.
	MapError func(error) error
}

// RequireSystem refuses anyone but the system (the job runner).
func RequireSystem(ctx context.Context) error {
	if thidua.IsSystemContext(ctx) && thidua.UserFromContext(ctx) == nil {
		return nil
	}
	return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ hệ thống mới thực hiện được thao tác này.")
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// Columns are the columns Scan reads, of the jobs table as j.
const Columns = `j.id, j.kind, j.ref_id, j.state, j.actor_id, j.done, j.total, j.message, j.error, j.attempts, j.worker,
	j.created_at, j.started_at, j.heartbeat_at, j.finished_at`

// Scan reads a job of Columns.
func Scan(s interface{ Scan(...any) error }) (*thidua.Job, error) {
	var j thidua.Job
	var started, beat, finished sql.NullTime
	if err := s.Scan(&j.ID, &j.Kind, &j.RefID, &j.State, &j.ActorID, &j.Done, &j.Total, &j.Message, &j.Error,
		&j.Attempts, &j.Worker, &j.CreatedAt, &started, &beat, &finished); err != nil {
		return nil, err
	}
	j.CreatedAt = j.CreatedAt.UTC()
	j.StartedAt, j.HeartbeatAt, j.FinishedAt = utc(started), utc(beat), utc(finished)
	return &j, nil
}

// FindJobByID returns a job to the system, its actor or an administrator.
func (q *Queue) FindJobByID(ctx context.Context, id int64) (*thidua.Job, error) {
	j, err := Scan(q.Handle.QueryRowContext(ctx, `SELECT `+Columns+` FROM jobs j WHERE j.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tác vụ.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find job: %w", err)
	}
	u := thidua.UserFromContext(ctx)
	if u == nil && !thidua.IsSystemContext(ctx) {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if u != nil && u.ID != j.ActorID && !u.HasRole(thidua.RoleAdmin) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tác vụ.")
	}
	return j, nil
}

// ClaimJob marks the oldest queued job running for worker; nil when none.
func (q *Queue) ClaimJob(ctx context.Context, worker string) (*thidua.Job, error) {
	if err := RequireSystem(ctx); err != nil {
		return nil, err
	}
	now := q.Now().UTC().Truncate(time.Microsecond)
	j, err := Scan(q.Handle.QueryRowContext(ctx, `
		UPDATE jobs SET state = $1, worker = $2, started_at = $3, heartbeat_at = $3, attempts = attempts + 1,
		       done = 0, total = 0, message = '', error = ''
		WHERE id = (SELECT q.id FROM jobs q WHERE q.state = $4 ORDER BY q.id LIMIT 1) AND state = $4
		RETURNING id, kind, ref_id, state, actor_id, done, total, message, error, attempts, worker,
		          created_at, started_at, heartbeat_at, finished_at`,
		thidua.JobRunning, worker, now, thidua.JobQueued))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: claim job: %w", q.MapError(err))
	}
	return j, nil
}

// UpdateJobProgress records the progress and heartbeat of a running job.
func (q *Queue) UpdateJobProgress(ctx context.Context, id int64, done, total int64, message string) error {
	if err := RequireSystem(ctx); err != nil {
		return err
	}
	_, err := q.Handle.ExecContext(ctx, `UPDATE jobs SET done = $1, total = $2, message = $3, heartbeat_at = $4
		WHERE id = $5 AND state = $6`, done, total, message, q.Now().UTC().Truncate(time.Microsecond), id, thidua.JobRunning)
	if err != nil {
		return fmt.Errorf("sqldb: job progress: %w", err)
	}
	return nil
}

// FinishJob marks a running job done, or failed with errMsg.
func (q *Queue) FinishJob(ctx context.Context, id int64, errMsg string) error {
	if err := RequireSystem(ctx); err != nil {
		return err
	}
	state := thidua.JobDone
	if errMsg != "" {
		state = thidua.JobFailed
	}
	_, err := q.Handle.ExecContext(ctx, `UPDATE jobs SET state = $1, error = $2, finished_at = $3, heartbeat_at = $3,
		done = CASE WHEN $1 = 'DONE' THEN total ELSE done END
		WHERE id = $4 AND state = $5`, state, errMsg, q.Now().UTC().Truncate(time.Microsecond), id, thidua.JobRunning)
	if err != nil {
		return fmt.Errorf("sqldb: finish job: %w", err)
	}
	return nil
}

// ReleaseJob puts a running job back in the queue, uncounted: the claim
// that is handed back in good order is not an attempt (Attempts counts the
// workers that claimed the job and died, or finished it).
func (q *Queue) ReleaseJob(ctx context.Context, id int64) error {
	if err := RequireSystem(ctx); err != nil {
		return err
	}
	if _, err := q.Handle.ExecContext(ctx, `UPDATE jobs SET state = $1, worker = '', attempts = attempts - 1 WHERE id = $2 AND state = $3`,
		thidua.JobQueued, id, thidua.JobRunning); err != nil {
		return fmt.Errorf("sqldb: release job: %w", err)
	}
	return nil
}

// RequeueStaleJobs puts back running jobs whose worker stopped beating;
// after maxAttempts claims they fail.
func (q *Queue) RequeueStaleJobs(ctx context.Context, before time.Time, maxAttempts int) (int, error) {
	if err := RequireSystem(ctx); err != nil {
		return 0, err
	}
	now := q.Now().UTC().Truncate(time.Microsecond)
	failed, err := q.Handle.ExecContext(ctx, `UPDATE jobs SET state = $1, worker = '', finished_at = $2,
		error = 'Tác vụ bị gián đoạn nhiều lần (máy chủ dừng giữa chừng).'
		WHERE state = $3 AND heartbeat_at < $4 AND attempts >= $5`,
		thidua.JobFailed, now, thidua.JobRunning, before.UTC(), maxAttempts)
	if err != nil {
		return 0, fmt.Errorf("sqldb: requeue jobs: %w", err)
	}
	res, err := q.Handle.ExecContext(ctx, `UPDATE jobs SET state = $1, worker = ''
		WHERE state = $2 AND heartbeat_at < $3`, thidua.JobQueued, thidua.JobRunning, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("sqldb: requeue jobs: %w", err)
	}
	nf, _ := failed.RowsAffected()
	n, _ := res.RowsAffected()
	return int(n + nf), nil
}
