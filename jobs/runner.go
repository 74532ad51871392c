// Package jobs runs background work kept in the jobs table: a small pool of
// goroutines claims queued jobs (any node of a deployment may), runs each
// with the rights of the user who queued it, records its progress and
// heartbeat every second, and puts back jobs whose worker died. Handlers
// are registered by kind; the pool knows nothing of what they do.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"thidua"
)

// Store is what the runner needs from the database.
type Store interface {
	thidua.JobService
	FindUserByID(ctx context.Context, id int64) (*thidua.User, error)
	// SingleWriter reports whether one write transaction excludes all
	// others (SQLite).
	SingleWriter() bool
}

// Runner is a pool of workers over the jobs table.
type Runner struct {
	store    Store
	log      *slog.Logger
	handlers map[string]thidua.JobHandler
	name     string
	wake     chan struct{}

	// Workers is the number of jobs run at once (default 2).
	Workers int
	// Poll is how often idle workers look for queued jobs (default 2s);
	// Notify wakes them at once.
	Poll time.Duration
	// Beat is how often progress and the heartbeat are written (default 1s).
	Beat time.Duration
	// StaleAfter is how long a running job may go without a heartbeat
	// before it is put back in the queue (default 3 minutes).
	StaleAfter time.Duration
	// MaxAttempts is how many times a job is claimed before it fails for
	// good (default 3).
	MaxAttempts int

	mu    sync.Mutex
	live  map[int64]*live
	tasks []task
}

// task is work run on a timer rather than from the queue.
type task struct {
	name string
	next func(now time.Time) time.Duration
	fn   func(ctx context.Context) error
}

// Every registers fn to run while Run runs, first after next(now) and then
// again after what next returns each time (a fixed period, or the wait
// until a time of day). Housekeeping and scheduled backups run so; a
// failure is logged and the task runs again at its next time.
func (r *Runner) Every(name string, next func(now time.Time) time.Duration, fn func(ctx context.Context) error) {
	r.tasks = append(r.tasks, task{name, next, fn})
}

func (r *Runner) runTask(ctx context.Context, t task) {
	for {
		timer := time.NewTimer(t.next(time.Now()))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
		if err := t.fn(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("periodic task failed", "task", t.name, "err", err)
		}
	}
}

var _ thidua.LiveJobs = (*Runner)(nil)

// New returns a runner; register handlers with Handle, then Run it.
func New(store Store, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.Default()
	}
	host, _ := os.Hostname()
	return &Runner{store: store, log: log, handlers: map[string]thidua.JobHandler{},
		name: host + ":" + strconv.Itoa(os.Getpid()), wake: make(chan struct{}, 1), live: map[int64]*live{},
		Workers: 2, Poll: 2 * time.Second, Beat: time.Second, StaleAfter: 3 * time.Minute, MaxAttempts: 3}
}

// Handle registers the handler of a job kind.
func (r *Runner) Handle(kind string, h thidua.JobHandler) { r.handlers[kind] = h }

// Notify wakes an idle worker.
func (r *Runner) Notify() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Live returns the in-memory state of a job running in this process.
func (r *Runner) Live(id int64) (thidua.Job, bool) {
	r.mu.Lock()
	l := r.live[id]
	r.mu.Unlock()
	if l == nil {
		return thidua.Job{}, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.job, true
}

// sys is the context the runner talks to the store in: the system, with
// no user.
func sys(ctx context.Context) context.Context {
	return thidua.NewContextWithUser(thidua.NewSystemContext(ctx), nil)
}

// Run works until ctx ends, then waits for running jobs to stop; a job cut
// short goes back to the queue.
func (r *Runner) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for range max(r.Workers, 1) {
		wg.Go(func() { r.worker(ctx) })
	}
	wg.Go(func() { r.janitor(ctx) })
	for _, t := range r.tasks {
		wg.Go(func() { r.runTask(ctx, t) })
	}
	wg.Wait()
}

func (r *Runner) worker(ctx context.Context) {
	tick := time.NewTicker(r.Poll)
	defer tick.Stop()
	for {
		if ctx.Err() != nil {
			return
		}
		j, err := r.store.ClaimJob(sys(ctx), r.name)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("claim job", "err", err)
		}
		if j != nil {
			r.run(ctx, j)
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-tick.C:
		}
	}
}

// janitor puts back the jobs of workers that stopped beating.
func (r *Runner) janitor(ctx context.Context) {
	tick := time.NewTicker(max(r.StaleAfter/3, time.Second))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if r.store.SingleWriter() && r.holdingWriter() {
			continue // the update would wait for our own transaction
		}
		n, err := r.store.RequeueStaleJobs(sys(ctx), time.Now().Add(-r.StaleAfter), r.MaxAttempts)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("requeue stale jobs", "err", err)
		}
		if n > 0 {
			r.log.Info("requeued stale jobs", "count", n)
			r.Notify()
		}
	}
}

func (r *Runner) holdingWriter() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range r.live {
		l.mu.Lock()
		ex := l.exclusive
		l.mu.Unlock()
		if ex {
			return true
		}
	}
	return false
}

// RunOne claims and runs one queued job, if any; for tests and commands.
func (r *Runner) RunOne(ctx context.Context) (bool, error) {
	j, err := r.store.ClaimJob(sys(ctx), r.name)
	if err != nil || j == nil {
		return false, err
	}
	r.run(ctx, j)
	return true, nil
}

func (r *Runner) run(ctx context.Context, j *thidua.Job) {
	l := &live{job: *j, single: r.store.SingleWriter()}
	r.mu.Lock()
	r.live[j.ID] = l
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.live, j.ID)
		r.mu.Unlock()
	}()
	log := r.log.With("job", j.ID, "kind", j.Kind)

	errMsg := ""
	h := r.handlers[j.Kind]
	jctx, err := r.actorContext(ctx, j)
	switch {
	case h == nil:
		errMsg = "Không có bộ xử lý cho loại tác vụ " + j.Kind + "."
	case err != nil:
		errMsg = thidua.ErrorMessage(err)
	default:
		stop := make(chan struct{})
		var beat sync.WaitGroup
		beat.Go(func() { r.heartbeat(ctx, l, stop) })
		err = safeRun(jctx, h, j, l)
		close(stop)
		beat.Wait()
		if ctx.Err() != nil {
			// Shutting down: leave the job to the next worker.
			if rerr := r.store.ReleaseJob(sys(context.WithoutCancel(ctx)), j.ID); rerr != nil {
				log.Warn("release job", "err", rerr)
			}
			return
		}
		r.flush(context.WithoutCancel(ctx), l)
		if err != nil {
			errMsg = thidua.ErrorMessage(err)
			if thidua.ErrorCode(err) == thidua.EINTERNAL {
				log.Error("job failed", "err", err)
			}
		}
	}
	if err := r.store.FinishJob(sys(context.WithoutCancel(ctx)), j.ID, errMsg); err != nil {
		log.Error("finish job", "err", err)
	}
}

// actorContext returns the context the handler runs in: the user who
// queued the job (refused when the account is gone or disabled), or the
// system.
func (r *Runner) actorContext(ctx context.Context, j *thidua.Job) (context.Context, error) {
	if j.ActorID == 0 {
		return sys(ctx), nil
	}
	u, err := r.store.FindUserByID(sys(ctx), j.ActorID)
	if err != nil || u.Disabled {
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Tài khoản đã tạo tác vụ không còn hiệu lực.")
	}
	return thidua.NewContextWithUser(ctx, u), nil
}

func safeRun(ctx context.Context, h thidua.JobHandler, j *thidua.Job, p thidua.JobProgress) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("jobs: panic: %v\n%s", v, debug.Stack())
		}
	}()
	return h(ctx, j, p)
}

// heartbeat writes progress every Beat until stop, except while the job
// holds SQLite's only writer.
func (r *Runner) heartbeat(ctx context.Context, l *live, stop <-chan struct{}) {
	tick := time.NewTicker(r.Beat)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			r.flush(ctx, l)
		}
	}
}

func (r *Runner) flush(ctx context.Context, l *live) {
	l.mu.Lock()
	if l.exclusive {
		l.mu.Unlock()
		return
	}
	j := l.job
	l.mu.Unlock()
	if err := r.store.UpdateJobProgress(sys(ctx), j.ID, j.Done, j.Total, j.Message); err != nil && ctx.Err() == nil {
		r.log.Warn("job progress", "job", j.ID, "err", err)
	}
}

// live is a running job's progress, shared by its handler and the heartbeat.
type live struct {
	mu        sync.Mutex
	job       thidua.Job
	single    bool
	exclusive bool
}

// Set records progress.
func (l *live) Set(done, total int64, message string) {
	l.mu.Lock()
	l.job.Done, l.job.Total, l.job.Message = done, total, message
	l.mu.Unlock()
}

// Exclusive runs fn with the database writes of progress held back when
// the database has a single writer.
func (l *live) Exclusive(fn func() error) error {
	if !l.single {
		return fn()
	}
	l.mu.Lock()
	l.exclusive = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.exclusive = false
		l.mu.Unlock()
	}()
	return fn()
}
