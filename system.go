package thidua

import (
	"context"
	"time"
)

// SystemStatus is what the administrator's system page shows.
type SystemStatus struct {
	Version string
	// Database is "sqlite" or "postgres"; DatabaseSize is in bytes.
	Database     string
	DatabaseSize int64
	// FilesDir is the attachments folder, "" when they are kept in the
	// database; FilesSize and FilesCount are theirs.
	FilesDir   string
	FilesSize  int64
	FilesCount int64
	// DiskFree is the free space of the disk the database (SQLite) or the
	// attachments folder lives on, -1 when unknown (PostgreSQL's server).
	DiskFree int64
	// BackupDir and BackupSchedule are the scheduled backups' settings;
	// LastBackup is the newest backup there (zero At when none).
	BackupDir      string
	BackupSchedule string
	LastBackup     BackupSummary
	// Jobs counts the job queue by state; FailedJobs are the latest failures.
	Queued, Running, Failed int
	FailedJobs              []*Job
	// Audit is the last check of the audit log's hash chain.
	Audit AuditCheck
}

// BackupSummary describes one backup file.
type BackupSummary struct {
	Name string
	At   time.Time
	Size int64
}

// AuditCheck is the outcome of recomputing the audit chain.
type AuditCheck struct {
	At      time.Time
	Entries int64
	// Bad is 0 when the chain holds, the first altered entry, or -1 when
	// the last entries were removed.
	Bad int64
}

// SystemService reads the state of the installation and retries failed
// jobs; administrators only (PermManageSystem).
type SystemService interface {
	SystemStatus(ctx context.Context) (*SystemStatus, error)
	// VerifyAudit recomputes the audit chain now.
	VerifyAudit(ctx context.Context) (AuditCheck, error)
	// RetryJob puts a failed job back in the queue (ENOTFOUND unless it
	// failed); the change is audited.
	RetryJob(ctx context.Context, id int64) error
}
