package sqldb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"thidua/sqldb/jobqueue"
	"time"

	"thidua"
)

// Jobs live in the jobs table so that any node may run them and anyone may
// follow them; the queue's own statements are in sqldb/jobqueue, whose
// Queue DB embeds. Jobs are queued here, inside the transaction that needs
// them.

var (
	_ thidua.JobService  = (*DB)(nil)
	_ thidua.ImportStore = (*DB)(nil)
)

// SingleWriter reports whether the database lets only one transaction
// write at a time (SQLite): a job holding it cannot record its progress.
func (db *DB) SingleWriter() bool { return db.dialect == SQLite }

// enqueueJob queues a job inside tx for the actor of the transaction.
func (tx *Tx) enqueueJob(kind string, refID int64) (int64, error) {
	var actorID int64
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		actorID = u.ID
	}
	var id int64
	err := tx.QueryRowContext(tx.ctx, `INSERT INTO jobs (kind, ref_id, state, actor_id, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, kind, refID, thidua.JobQueued, actorID, tx.now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqldb: enqueue job: %w", err)
	}
	return id, nil
}

// Imports.

const importColumns = `i.id, i.file_name, i.file_size, i.file_sha256, i.state, i.summary_json, i.problems_json,
	i.problem_count, i.error, i.job_id, i.created_by, i.created_at, i.updated_at, i.version, COALESCE(u.display_name, '')`

func scanImport(s scanner, withProblems bool) (*thidua.Import, error) {
	var imp thidua.Import
	var sum, problems string
	if err := s.Scan(&imp.ID, &imp.FileName, &imp.FileSize, &imp.FileSHA256, &imp.State, &sum, &problems,
		&imp.ProblemCount, &imp.Error, &imp.JobID, &imp.CreatedBy, &imp.CreatedAt, &imp.UpdatedAt, &imp.Version,
		&imp.CreatedByName); err != nil {
		return nil, err
	}
	imp.CreatedAt, imp.UpdatedAt = imp.CreatedAt.UTC(), imp.UpdatedAt.UTC()
	if sum != "" {
		imp.Summary = &thidua.ImportSummary{}
		if err := json.Unmarshal([]byte(sum), imp.Summary); err != nil {
			return nil, fmt.Errorf("sqldb: import summary: %w", err)
		}
	}
	if withProblems && problems != "" {
		if err := json.Unmarshal([]byte(problems), &imp.Problems); err != nil {
			return nil, fmt.Errorf("sqldb: import problems: %w", err)
		}
	}
	return &imp, nil
}

// importOwner checks that the user in ctx may see the import: its owner,
// an administrator, or the system.
func importOwner(ctx context.Context, createdBy int64) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u != nil && u.ID != createdBy && !u.HasRole(thidua.RoleAdmin) {
		return notFound("lần nhập dữ liệu")
	}
	return nil
}

// CreateImport stores an upload and queues its check.
func (db *DB) CreateImport(ctx context.Context, imp *thidua.Import, content []byte) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u != nil && !u.Can(thidua.PermEditOrg) && !u.Can(thidua.PermEditRecords) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền nhập dữ liệu.")
	}
	imp.FileName = thidua.NormalizeText(imp.FileName)
	if imp.FileName == "" {
		imp.FileName = "tep-tai-len.xlsx"
	}
	if len([]rune(imp.FileName)) > 255 {
		imp.FileName = string([]rune(imp.FileName)[:255])
	}
	sum := sha256.Sum256(content)
	imp.FileSize, imp.FileSHA256 = int64(len(content)), hex.EncodeToString(sum[:])
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if u != nil {
		imp.CreatedBy = u.ID
	}
	imp.State, imp.Version, imp.CreatedAt, imp.UpdatedAt = thidua.ImportChecking, 1, tx.now, tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO imports (file_name, file_size, file_sha256, content, state, created_by, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) RETURNING id`,
		imp.FileName, imp.FileSize, imp.FileSHA256, content, imp.State, imp.CreatedBy, tx.now).Scan(&imp.ID); err != nil {
		return fmt.Errorf("sqldb: create import: %w", db.dialect.mapError(err))
	}
	if imp.JobID, err = tx.enqueueJob(thidua.JobImportCheck, imp.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE imports SET job_id = $1 WHERE id = $2`, imp.JobID, imp.ID); err != nil {
		return fmt.Errorf("sqldb: create import: %w", err)
	}
	if err := tx.audit(thidua.ActionCreate, "import", imp.ID, nil, map[string]any{
		"file_name": imp.FileName, "file_size": imp.FileSize, "file_sha256": imp.FileSHA256, "state": imp.State}); err != nil {
		return err
	}
	return tx.Commit()
}

// FindImportByID returns an upload with its problems and current job.
func (db *DB) FindImportByID(ctx context.Context, id int64) (*thidua.Import, error) {
	imp, err := findImport(ctx, db.db, id, true)
	if err != nil {
		return nil, err
	}
	if err := importOwner(ctx, imp.CreatedBy); err != nil {
		return nil, err
	}
	if imp.JobID != 0 {
		j, err := jobqueue.Scan(db.db.QueryRowContext(ctx, `SELECT `+jobqueue.Columns+` FROM jobs j WHERE j.id = $1`, imp.JobID))
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("sqldb: import job: %w", err)
		}
		imp.Job = j
		// A job that failed for good (its worker died too often) leaves
		// the import failed.
		if j != nil && j.State == thidua.JobFailed && imp.Busy() {
			imp.State, imp.Error = thidua.ImportFailed, j.Error
		}
	}
	return imp, nil
}

func findImport(ctx context.Context, q queryer, id int64, withProblems bool) (*thidua.Import, error) {
	imp, err := scanImport(q.QueryRowContext(ctx, `SELECT `+importColumns+`
		FROM imports i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = $1`, id), withProblems)
	if isNoRows(err) {
		return nil, notFound("lần nhập dữ liệu")
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find import: %w", err)
	}
	return imp, nil
}

// FindImports lists the user's uploads (an administrator's: everyone's),
// newest first, without their problems.
func (db *DB) FindImports(ctx context.Context, limit int) ([]*thidua.Import, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	where, args := "1 = 1", []any{}
	if u != nil && !u.HasRole(thidua.RoleAdmin) {
		where, args = "i.created_by = $1", append(args, u.ID)
	}
	limit, _ = limitOffset(limit, 0, 200)
	args = append(args, limit)
	rows, err := db.db.QueryContext(ctx, `SELECT `+importColumns+`
		FROM imports i LEFT JOIN users u ON u.id = i.created_by WHERE `+where+`
		ORDER BY i.id DESC LIMIT $`+fmt.Sprint(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find imports: %w", err)
	}
	defer rows.Close()
	var out []*thidua.Import
	for rows.Next() {
		imp, err := scanImport(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, imp)
	}
	return out, rows.Err()
}

// ImportContent returns the uploaded file.
func (db *DB) ImportContent(ctx context.Context, id int64) ([]byte, error) {
	imp, err := findImport(ctx, db.db, id, false)
	if err != nil {
		return nil, err
	}
	if err := importOwner(ctx, imp.CreatedBy); err != nil {
		return nil, err
	}
	var content []byte
	if err := db.db.QueryRowContext(ctx, `SELECT content FROM imports WHERE id = $1`, id).Scan(&content); err != nil {
		return nil, fmt.Errorf("sqldb: import content: %w", err)
	}
	if content == nil {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Tệp của lần nhập này không còn được lưu.")
	}
	return content, nil
}

// moveImport changes the state of an import the user owns, checking the
// version and the states it may move from, and optionally queues a job.
func (db *DB) moveImport(ctx context.Context, id int64, version int, from []string, to, jobKind string, dropContent bool) (*thidua.Import, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	imp, err := findImport(ctx, tx, id, false)
	if err != nil {
		return nil, err
	}
	if err := importOwner(ctx, imp.CreatedBy); err != nil {
		return nil, err
	}
	if imp.Version != version {
		return nil, thidua.ErrStale()
	}
	ok := false
	for _, s := range from {
		ok = ok || imp.State == s
	}
	if !ok {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Không thể thực hiện khi lần nhập đang ở trạng thái «%s».", thidua.Label(thidua.ImportStates, imp.State))
	}
	before := map[string]any{"state": imp.State}
	jobID := imp.JobID
	if jobKind != "" {
		if jobID, err = tx.enqueueJob(jobKind, id); err != nil {
			return nil, err
		}
	}
	query := `UPDATE imports SET state = $1, job_id = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5`
	if dropContent {
		query = `UPDATE imports SET state = $1, job_id = $2, version = version + 1, updated_at = $3, content = NULL WHERE id = $4 AND version = $5`
	}
	res, err := tx.ExecContext(ctx, query, to, jobID, tx.now, id, version)
	if err != nil {
		return nil, fmt.Errorf("sqldb: import state: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, thidua.ErrStale()
	}
	if err := tx.audit(thidua.ActionUpdate, "import", id, before, map[string]any{"state": to}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	imp.State, imp.JobID, imp.Version, imp.UpdatedAt = to, jobID, version+1, tx.now
	return imp, nil
}

// ConfirmImport queues the writing of a checked upload.
func (db *DB) ConfirmImport(ctx context.Context, id int64, version int) (*thidua.Import, error) {
	return db.moveImport(ctx, id, version, []string{thidua.ImportReady}, thidua.ImportApplying, thidua.JobImportApply, false)
}

// RecheckImport queues a new check of an upload (the database may have
// changed since, or the previous check failed).
func (db *DB) RecheckImport(ctx context.Context, id int64, version int) (*thidua.Import, error) {
	return db.moveImport(ctx, id, version, []string{thidua.ImportReady, thidua.ImportInvalid, thidua.ImportFailed},
		thidua.ImportChecking, thidua.JobImportCheck, false)
}

// DiscardImport abandons an upload and forgets its file.
func (db *DB) DiscardImport(ctx context.Context, id int64, version int) error {
	_, err := db.moveImport(ctx, id, version, []string{thidua.ImportReady, thidua.ImportInvalid, thidua.ImportFailed},
		thidua.ImportDiscarded, "", true)
	return err
}

// FinishImport records the outcome of a check or apply job. The file is
// forgotten once the import is done.
func (db *DB) FinishImport(ctx context.Context, id int64, state string, sum *thidua.ImportSummary, problems []thidua.ImportProblem, problemCount int, errMsg string) error {
	if err := jobqueue.RequireSystem(ctx); err != nil {
		return err
	}
	var sumJSON, probJSON string
	if sum != nil {
		b, err := json.Marshal(sum)
		if err != nil {
			return err
		}
		sumJSON = string(b)
	}
	if len(problems) > thidua.MaxImportProblems {
		problems = problems[:thidua.MaxImportProblems]
	}
	if len(problems) > 0 {
		b, err := json.Marshal(problems)
		if err != nil {
			return err
		}
		probJSON = string(b)
	}
	query := `UPDATE imports SET state = $1, summary_json = $2, problems_json = $3, problem_count = $4, error = $5,
		version = version + 1, updated_at = $6 WHERE id = $7`
	if state == thidua.ImportDone {
		query = `UPDATE imports SET state = $1, summary_json = $2, problems_json = $3, problem_count = $4, error = $5,
			version = version + 1, updated_at = $6, content = NULL WHERE id = $7`
	}
	if _, err := db.db.ExecContext(ctx, query, state, sumJSON, probJSON, problemCount, errMsg,
		db.Now().UTC().Truncate(time.Microsecond), id); err != nil {
		return fmt.Errorf("sqldb: finish import: %w", err)
	}
	return nil
}
