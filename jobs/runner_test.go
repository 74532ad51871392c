package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/importer"
	"thidua/jobs"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

var sys = thidua.NewSystemContext(context.Background())

// fixture makes a unit, an officer and n queued import checks (the only
// job kind the store queues), returning the officer's context.
func fixture(t *testing.T, db *sqldb.DB, n int) (*thidua.User, []int64) {
	t.Helper()
	u := &thidua.Unit{Name: "Văn phòng", Kind: thidua.UnitAgency, Active: true}
	if err := db.CreateUnit(sys, u); err != nil {
		t.Fatal(err)
	}
	user := &thidua.User{Username: "thiduakt", DisplayName: "Cán bộ thi đua", PasswordHash: "$argon2id$x",
		Grants: []thidua.Grant{{Role: thidua.RoleOfficer, UnitID: u.ID}}}
	if err := db.CreateUser(sys, user); err != nil {
		t.Fatal(err)
	}
	user, _ = db.FindUserByID(sys, user.ID)
	ctx := thidua.NewContextWithUser(context.Background(), user)
	var ids []int64
	for range n {
		imp := &thidua.Import{FileName: "x.xlsx"}
		if err := db.CreateImport(ctx, imp, []byte("x")); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, imp.JobID)
	}
	return user, ids
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestRunner(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		user, ids := fixture(t, db, 3)
		r := jobs.New(db, quiet())
		r.Beat = 20 * time.Millisecond
		step := make(chan struct{})
		r.Handle(thidua.JobImportCheck, func(ctx context.Context, j *thidua.Job, p thidua.JobProgress) error {
			if u := thidua.UserFromContext(ctx); u == nil || u.ID != user.ID {
				t.Errorf("job %d runs as %v, want the user who queued it", j.ID, u)
			}
			// What a job does goes by its ID, not by the order of the
			// calls: the two workers may start the jobs in either order.
			switch j.ID {
			case ids[0]:
				// Progress reaches the database and the live view.
				p.Set(5, 10, "Đang đọc")
				step <- struct{}{}
				<-step
				return nil
			case ids[1]:
				return thidua.Errorf(thidua.EINVALID, "Tệp không hợp lệ.")
			default:
				panic("boom")
			}
		})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan struct{})
		go func() { defer close(done); r.Run(ctx) }()
		r.Notify()
		<-step
		if live, ok := r.Live(ids[0]); !ok || live.Done != 5 || live.Total != 10 || live.Message != "Đang đọc" {
			t.Fatalf("live %+v %v", live, ok)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			j, _ := db.FindJobByID(sys, ids[0])
			if j.Done == 5 && j.Total == 10 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("progress not written: %+v", j)
			}
			time.Sleep(10 * time.Millisecond)
		}
		step <- struct{}{}
		for _, id := range ids {
			for {
				j, _ := db.FindJobByID(sys, id)
				if j.Finished() {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job %d not finished: %+v", id, j)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		cancel()
		<-done
		j0, _ := db.FindJobByID(sys, ids[0])
		j1, _ := db.FindJobByID(sys, ids[1])
		j2, _ := db.FindJobByID(sys, ids[2])
		if j0.State != thidua.JobDone || j0.Done != j0.Total {
			t.Fatalf("job 0: %+v", j0)
		}
		if j1.State != thidua.JobFailed || j1.Error != "Tệp không hợp lệ." {
			t.Fatalf("job 1: %+v", j1)
		}
		if j2.State != thidua.JobFailed || j2.Error == "" || j2.Error == "boom" {
			t.Fatalf("job 2 (panic): %+v", j2)
		}
		if _, ok := r.Live(ids[0]); ok {
			t.Fatal("a finished job is still live")
		}
	})
}

// TestRunnerShutdown: a job cut short by shutdown goes back to the queue
// and runs again on the next start.
func TestRunnerShutdown(t *testing.T) {
	db := sqldbtest.OpenSQLite(t)
	_, ids := fixture(t, db, 1)
	r := jobs.New(db, quiet())
	started := make(chan struct{})
	r.Handle(thidua.JobImportCheck, func(ctx context.Context, j *thidua.Job, p thidua.JobProgress) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.Run(ctx) }()
	r.Notify()
	<-started
	cancel()
	<-done
	if j, _ := db.FindJobByID(sys, ids[0]); j.State != thidua.JobQueued {
		t.Fatalf("after shutdown: %+v", j)
	}
	r2 := jobs.New(db, quiet())
	r2.Handle(thidua.JobImportCheck, func(ctx context.Context, j *thidua.Job, p thidua.JobProgress) error { return nil })
	if ran, err := r2.RunOne(context.Background()); !ran || err != nil {
		t.Fatalf("rerun: %v %v", ran, err)
	}
	// The claim handed back at shutdown is not counted.
	if j, _ := db.FindJobByID(sys, ids[0]); j.State != thidua.JobDone || j.Attempts != 1 {
		t.Fatalf("after the rerun: %+v", j)
	}
}

// TestRunnerExclusive: while a job holds SQLite's only writer, progress is
// kept in memory and not written.
func TestRunnerExclusive(t *testing.T) {
	db := sqldbtest.OpenSQLite(t)
	_, ids := fixture(t, db, 1)
	r := jobs.New(db, quiet())
	r.Beat = 10 * time.Millisecond
	r.Handle(thidua.JobImportCheck, func(ctx context.Context, j *thidua.Job, p thidua.JobProgress) error {
		return p.Exclusive(func() error {
			p.Set(7, 9, "Đang ghi")
			time.Sleep(100 * time.Millisecond)
			if got, _ := db.FindJobByID(sys, j.ID); got.Done == 7 {
				t.Error("progress written while holding the writer")
			}
			if live, _ := r.Live(j.ID); live.Done != 7 {
				t.Errorf("live progress %+v", live)
			}
			return nil
		})
	})
	if ran, err := r.RunOne(context.Background()); !ran || err != nil {
		t.Fatal(ran, err)
	}
	if j, _ := db.FindJobByID(sys, ids[0]); j.State != thidua.JobDone || j.Done != 9 {
		t.Fatalf("after the job: %+v", j)
	}
}

func TestRunnerEvery(t *testing.T) {
	db := sqldbtest.OpenSQLite(t)
	r := jobs.New(db, quiet())
	ran := make(chan time.Time, 10)
	failures := 0
	r.Every("test", func(time.Time) time.Duration { return 10 * time.Millisecond }, func(ctx context.Context) error {
		ran <- time.Now()
		if failures++; failures == 1 {
			return context.DeadlineExceeded // a failure does not stop the task
		}
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	for range 3 {
		select {
		case <-ran:
		case <-time.After(10 * time.Second):
			t.Fatal("the periodic task did not run three times")
		}
	}
	cancel()
	<-done
}

// TestImportCheckDied: an import check whose worker died (the server was
// killed, by the file perhaps) fails with a message instead of reading
// the file again; one handed back at shutdown runs again.
func TestImportCheckDied(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		user, ids := fixture(t, db, 2)
		ctx := thidua.NewContextWithUser(context.Background(), user)
		r := jobs.New(db, quiet())
		ij := &importer.Jobs{Store: db}
		r.Handle(thidua.JobImportCheck, ij.Check)
		// The first job's worker dies; the second's is stopped in good order.
		for _, id := range ids {
			j, err := db.ClaimJob(sys, "gone")
			if err != nil || j == nil || j.ID != id {
				t.Fatalf("claim: %+v %v", j, err)
			}
		}
		if err := db.ReleaseJob(sys, ids[1]); err != nil {
			t.Fatal(err)
		}
		if n, err := db.RequeueStaleJobs(sys, time.Now().Add(time.Minute), 3); err != nil || n != 1 {
			t.Fatalf("requeued %d %v", n, err)
		}
		for range ids {
			if ran, err := r.RunOne(context.Background()); !ran || err != nil {
				t.Fatalf("run: %v %v", ran, err)
			}
		}
		imps, err := db.FindImports(ctx, 10)
		if err != nil || len(imps) != 2 {
			t.Fatalf("imports %v %v", imps, err)
		}
		for _, imp := range imps {
			j, _ := db.FindJobByID(sys, imp.JobID)
			switch imp.JobID {
			case ids[0]:
				if imp.State != thidua.ImportFailed || !strings.Contains(imp.Error, "gián đoạn bất thường") ||
					j.State != thidua.JobFailed || !strings.Contains(j.Error, "không tự đọc lại") {
					t.Errorf("the check that died: %+v, job %+v", imp, j)
				}
			case ids[1]:
				// Read again: the content "x" is no workbook.
				if imp.State != thidua.ImportInvalid || j.State != thidua.JobDone || j.Attempts != 1 {
					t.Errorf("the check handed back: %+v, job %+v", imp, j)
				}
			}
		}
	})
}
