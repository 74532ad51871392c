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

// Check is the handler of thidua.JobImportCheck.
func (j *Jobs) Check(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
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
	if !res.OK() {
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, nil, res.Problems, res.ProblemCount, nil)
	}
	p.Set(rows, rows, stepCheck)
	sum, problems, err := j.Store.CheckImport(ctx, res.Batch)
	if err != nil {
		return j.finish(ctx, imp.ID, "", nil, nil, 0, err)
	}
	if len(problems) > 0 {
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, sum, problems, len(problems), nil)
	}
	return j.finish(ctx, imp.ID, thidua.ImportReady, sum, nil, 0, nil)
}

// Apply is the handler of thidua.JobImportApply.
func (j *Jobs) Apply(ctx context.Context, job *thidua.Job, p thidua.JobProgress) error {
	imp, content, err := j.load(ctx, job.RefID)
	if err != nil {
		return j.finish(ctx, job.RefID, "", nil, nil, 0, err)
	}
	var rows int64
	opt := j.Options
	opt.Progress = func(done, total int) {
		rows = int64(total)
		p.Set(int64(done), 2*int64(total), stepRead)
	}
	res, err := Read(ctx, content, imp.FileName, opt)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return j.finish(ctx, imp.ID, "", nil, nil, 0, err)
	}
	if !res.OK() {
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, nil, res.Problems, res.ProblemCount, nil)
	}
	rows = max(rows, 1)
	p.Set(rows, 2*rows, stepCheck)
	var sum *thidua.ImportSummary
	var problems []thidua.ImportProblem
	err = p.Exclusive(func() error {
		var err error
		sum, problems, err = j.Store.ApplyImport(ctx, res.Batch, func(done, total int) {
			if total > 0 {
				p.Set(rows+rows*int64(done)/int64(total), 2*rows, stepWrite)
			}
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
	case len(problems) > 0:
		// The database changed since the check: nothing was written.
		return j.finish(ctx, imp.ID, thidua.ImportInvalid, sum, problems, len(problems), nil)
	}
	return j.finish(ctx, imp.ID, thidua.ImportDone, sum, nil, 0, nil)
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
	opt.Progress = func(done, total int) { progress(stepRead, done, total) }
	res, err := Read(ctx, data, fileName, opt)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Read: res}
	if !res.OK() {
		return out, nil
	}
	if !apply {
		progress(stepCheck, 0, 0)
		out.Summary, out.Problems, err = svc.CheckImport(ctx, res.Batch)
		return out, err
	}
	progress(stepCheck, 0, 0)
	out.Summary, out.Problems, err = svc.ApplyImport(ctx, res.Batch, func(done, total int) { progress(stepWrite, done, total) })
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	out.Applied = len(out.Problems) == 0
	return out, nil
}
