package importer

import (
	"context"
	"fmt"

	"thidua"
)

// Store is what importing needs from the database.
type Store interface {
	thidua.ImportStore
	thidua.ImportService
}

// Jobs holds the handlers of the import jobs: checking an upload (read
// every row, then check the batch against the database, writing nothing)
// and applying a confirmed one (read and check again, then write it all in
// one transaction).
type Jobs struct {
	Store   Store
	Options Options
}

// sysContext is ctx acting for the system without a user, which the
// bookkeeping of imports needs.
func sysContext(ctx context.Context) context.Context {
	return thidua.NewContextWithUser(thidua.NewSystemContext(context.WithoutCancel(ctx)), nil)
}

// Messages shown beside the progress bar.
const (
	stepRead  = "Đang đọc và kiểm tra từng dòng"
	stepCheck = "Đang đối chiếu với dữ liệu đã có"
	stepWrite = "Đang ghi vào cơ sở dữ liệu"
	stepBoth  = "Đang đọc, kiểm tra và ghi từng dòng"
)

func (j *Jobs) load(ctx context.Context, id int64) (*thidua.Import, []byte, error) {
	imp, err := j.Store.FindImportByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	content, err := j.Store.ImportContent(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return imp, content, nil
}

// finish records the outcome, and a system failure as FAILED.
func (j *Jobs) finish(ctx context.Context, id int64, state string, sum *thidua.ImportSummary, problems []thidua.ImportProblem, count int, err error) error {
	msg := ""
	if err != nil {
		state, msg = thidua.ImportFailed, thidua.ErrorMessage(err)
	}
	if ferr := j.Store.FinishImport(sysContext(ctx), id, state, sum, problems, count, msg); ferr != nil {
		return ferr
	}
	return err
}

// errCheckDied is the outcome of a check whose previous run stopped the
// server (a job put back in good order at shutdown is not counted).
var errCheckDied = thidua.Errorf(thidua.EINVALID,
	"Lần kiểm tra trước của tệp này bị gián đoạn bất thường (máy chủ dừng giữa chừng). "+
		"Để tránh lặp lại sự cố nếu do tệp gây ra, hệ thống không tự đọc lại tệp. "+
		"Hãy mở tệp bằng Excel, kiểm tra lại (ô quá dài, trang tính quá lớn), lưu lại rồi tải lên lần nữa.")

// Check is the handler of thidua.JobImportCheck. A check is run once: one
// that was claimed before and did not finish killed its worker (a server
// stopping in good order hands the job back uncounted), perhaps because of
// the file, and fails instead of being tried again.
func (j *Jobs) Check(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
	if job.Attempts > 1 {
		return j.finish(ctx, job.RefID, "", nil, nil, 0, errCheckDied)
	}
	imp, content, err := j.load(ctx, job.RefID)
	if err != nil {
		return j.finish(ctx, job.RefID, "", nil, nil, 0, err)
	}
	opt := j.Options
	opt.Progress = func(done, total int) { p.Set(int64(done), int64(total), stepRead) }
	res, err := Read(ctx, content, imp.FileName, opt)
	if err != nil {
		if ctx.Err() != nil {
			return err // shutting down: the job is put back
		}
		return j.finish(ctx, imp.ID, "", nil, nil, 0, err)
	}
	rows := int64(res.Batch.Rows())
	p.Set(rows, rows, stepCheck)
	// The rows that read well are checked against the database even when
	// others did not, so that every problem is listed at once.
	sum, problems, err := j.Store.CheckImport(ctx, res.Batch)
	if err != nil {
		return j.finish(ctx, imp.ID, "", nil, nil, 0, err)
	}
	if count := res.ProblemCount + len(problems); count > 0 {
		if !res.OK() {
			sum = nil // a summary of part of the file would mislead
		}
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, sum, MergeProblems(res.Problems, problems, res.Batch.Sheets), count, nil)
	}
	return j.finish(ctx, imp.ID, thidua.ImportReady, sum, nil, 0, nil)
}

// Apply is the handler of thidua.JobImportApply: the workbook is read and
// written at once (see Stream), in one transaction.
func (j *Jobs) Apply(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
	imp, content, err := j.load(ctx, job.RefID)
	if err != nil {
		return j.finish(ctx, job.RefID, "", nil, nil, 0, err)
	}
	var (
		res      *Result
		sum      *thidua.ImportSummary
		problems []thidua.ImportProblem
	)
	err = p.Exclusive(func() error {
		var err error
		res, sum, problems, err = Stream(ctx, j.Store, content, imp.FileName, j.Options, func(step string, done, total int) {
			p.Set(int64(done), int64(total), step)
		})
		return err
	})
	switch {
	case err != nil && ctx.Err() != nil:
		return err
	case thidua.ErrorCode(err) == thidua.ECONFLICT:
		// Someone changed the same records meanwhile: nothing was written.
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, nil, []thidua.ImportProblem{{
			Message: "Dữ liệu trong hệ thống đã được người khác thay đổi trong lúc nhập nên chưa ghi gì. Hãy kiểm tra lại rồi nhập lại."}}, 1, nil)
	case err != nil:
		return j.finish(ctx, imp.ID, "", nil, nil, 0, err)
	case !res.OK():
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, nil, MergeProblems(res.Problems, problems, res.Batch.Sheets),
			res.ProblemCount+len(problems), nil)
	case len(problems) > 0:
		// The database changed since the check: nothing was written.
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, sum, problems, len(problems), nil)
	}
	return j.finish(ctx, imp.ID, thidua.ImportDone, sum, nil, 0, nil)
}

// Stream reads a workbook and writes it at the same time: the reader hands
// chunks of rows to the database's ApplyImportStream as it goes, so the
// reading (one core) and the checking and writing (another) overlap; the
// transaction commits only if neither found a problem. progress gets the
// step and the rows read of the total.
func Stream(ctx context.Context, svc thidua.ImportService, data []byte, fileName string, opt Options,
	progress func(step string, done, total int)) (*Result, *thidua.ImportSummary, []thidua.ImportProblem, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	chunks := make(chan *thidua.ImportBatch, 4)
	var res *Result
	var readErr error
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opt.Chunk = func(b *thidua.ImportBatch) {
		select {
		case chunks <- b:
		case <-rctx.Done():
		}
	}
	var rows int
	opt.Progress = func(done, total int) {
		rows = total
		progress(stepBoth, done, total)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(chunks)
		res, readErr = Read(rctx, data, fileName, opt)
	}()
	readOK := func() bool {
		<-done
		if readErr == nil && res.OK() {
			// Only the histories and the commit are left.
			progress(stepWrite, rows, rows)
			return true
		}
		return false
	}
	// Units and people are written while the reading goes on; the
	// progress shown is the reading's.
	sum, problems, err := svc.ApplyImportStream(ctx, chunks, readOK, nil)
	cancel()
	<-done
	if err != nil {
		return nil, nil, nil, err
	}
	if readErr != nil {
		return nil, nil, nil, readErr
	}
	return res, sum, problems, nil
}

// Outcome is what Run did.
type Outcome struct {
	Read     *Result
	Summary  *thidua.ImportSummary
	Problems []thidua.ImportProblem // of the check against the database
	Applied  bool
}

// OK reports whether there was no problem.
func (o *Outcome) OK() bool { return o.Read.OK() && len(o.Problems) == 0 }

// Run reads a workbook and checks it against the database, then, when
// apply is set and no problem was found, writes it in one transaction:
// what the command line does. progress gets the phase and the counts.
func Run(ctx context.Context, svc thidua.ImportService, data []byte, fileName string, opt Options, apply bool,
	progress func(step string, done, total int)) (*Outcome, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	out := &Outcome{}
	if !apply {
		opt.Progress = func(done, total int) { progress(stepRead, done, total) }
		res, err := Read(ctx, data, fileName, opt)
		if err != nil {
			return nil, err
		}
		out.Read = res
		progress(stepCheck, 0, 0)
		out.Summary, out.Problems, err = svc.CheckImport(ctx, res.Batch)
		return out, err
	}
	var res *Result
	var err error
	res, out.Summary, out.Problems, err = Stream(ctx, svc, data, fileName, opt, progress)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	out.Read = res
	out.Applied = res.OK() && len(out.Problems) == 0
	return out, nil
}
