package thidua

import (
	"context"
	"time"
)

// Job states.
const (
	JobQueued  = "QUEUED"
	JobRunning = "RUNNING"
	JobDone    = "DONE"
	JobFailed  = "FAILED"
)

// JobStates lists the job states with their labels.
var JobStates = []Option{
	{JobQueued, "Đang chờ"},
	{JobRunning, "Đang chạy"},
	{JobDone, "Hoàn thành"},
	{JobFailed, "Thất bại"},
}

// Job kinds.
const (
	JobImportCheck = "import.check" // RefID: the import to check
	JobImportApply = "import.apply" // RefID: the import to write
	// JobEligibilityRefresh recomputes the stored eligibility tables of a
	// year judged as of a date. RefID: year×10⁸ + yyyymmdd.
	JobEligibilityRefresh = "eligibility.refresh"
	// JobUnitMembersRefresh brings the member summaries of every unit up
	// to date for a year (what collectives are judged with). RefID: the
	// year.
	JobUnitMembersRefresh = "unit-members.refresh"
)

// Job is a unit of background work kept in the database, so that any node
// may run it and anyone may follow its progress.
type Job struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	RefID int64  `json:"ref_id"`
	State string `json:"state"`
	// ActorID is the user the job acts for (0: the system).
	ActorID int64 `json:"actor_id,omitempty"`
	// Done of Total work units (rows); Total 0 while unknown.
	Done    int64  `json:"done"`
	Total   int64  `json:"total"`
	Message string `json:"message,omitempty"` // the current step, in Vietnamese
	Error   string `json:"error,omitempty"`
	// Attempts counts the times a worker claimed the job and did not hand
	// it back in good order (at shutdown).
	Attempts    int       `json:"attempts"`
	Worker      string    `json:"worker,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	StartedAt   time.Time `json:"started_at,omitzero"`
	HeartbeatAt time.Time `json:"heartbeat_at,omitzero"`
	FinishedAt  time.Time `json:"finished_at,omitzero"`
}

// Finished reports whether the job is done or failed.
func (j *Job) Finished() bool { return j.State == JobDone || j.State == JobFailed }

// Percent is the share of the work done, 0–100.
func (j *Job) Percent() int {
	if j.Total <= 0 {
		return 0
	}
	p := int(j.Done * 100 / j.Total)
	return min(max(p, 0), 100)
}

// Remaining estimates the time left from the pace so far, given the
// current time; ok is false while there is too little to go on.
func (j *Job) Remaining(now time.Time) (time.Duration, bool) {
	if j.State != JobRunning || j.StartedAt.IsZero() || j.Done <= 0 || j.Total <= 0 || j.Done >= j.Total {
		return 0, false
	}
	elapsed := now.Sub(j.StartedAt)
	if elapsed < time.Second {
		return 0, false
	}
	left := time.Duration(float64(elapsed) / float64(j.Done) * float64(j.Total-j.Done))
	return left.Round(time.Second), true
}

// JobProgress is how a running job reports progress.
type JobProgress interface {
	// Set records done of total work units and the current step.
	Set(done, total int64, message string)
	// Exclusive runs fn while the job holds the database's only writer
	// (SQLite): progress is then kept in memory and written afterwards.
	Exclusive(fn func() error) error
}

// JobHandler does the work of one job. The context carries the job's actor.
type JobHandler func(ctx context.Context, j *Job, p JobProgress) error

// JobService keeps jobs. Jobs are claimed portably: an UPDATE of the oldest
// queued row that checks the row is still queued.
type JobService interface {
	// FindJobByID returns ENOTFOUND for an unknown job.
	FindJobByID(ctx context.Context, id int64) (*Job, error)
	// ClaimJob marks the oldest queued job running for worker; nil when none.
	ClaimJob(ctx context.Context, worker string) (*Job, error)
	// UpdateJobProgress records progress and the heartbeat of a running job.
	UpdateJobProgress(ctx context.Context, id int64, done, total int64, message string) error
	// FinishJob marks a job done, or failed with errMsg.
	FinishJob(ctx context.Context, id int64, errMsg string) error
	// ReleaseJob puts a running job back in the queue (its worker is
	// shutting down).
	ReleaseJob(ctx context.Context, id int64) error
	// RequeueStaleJobs puts back running jobs whose heartbeat is older than
	// before (a worker died); after maxAttempts they fail instead.
	RequeueStaleJobs(ctx context.Context, before time.Time, maxAttempts int) (int, error)
}

// LiveJobs gives the in-memory progress of jobs running in this process,
// fresher than the database while a job holds SQLite's writer.
type LiveJobs interface {
	Live(id int64) (Job, bool)
	// Notify wakes idle workers after a job was queued.
	Notify()
}
