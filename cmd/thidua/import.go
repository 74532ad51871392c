package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"thidua"
	"thidua/importer"
	"thidua/jobs"
	"thidua/sqldb"
)

// newJobRunner returns the background job runner of a server, with the
// import jobs registered.
func newJobRunner(db *sqldb.DB, log *slog.Logger) *jobs.Runner {
	r := jobs.New(db, log)
	ij := &importer.Jobs{Store: db}
	r.Handle(thidua.JobImportCheck, ij.Check)
	r.Handle(thidua.JobImportApply, ij.Apply)
	return r
}

// runImport is `thidua import FILE.xlsx`: the same reading, checks and
// all-or-nothing transaction as an upload confirmed on the web, for
// administrators at the command line. With -check nothing is written.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("import", stderr)
	dbFlag(fs, c)
	user := fs.String("user", "", "act as this account (its scope, and the audit log's actor); default: the system")
	check := fs.Bool("check", false, "only check the file: list the problems and what would change, write nothing")
	quiet := fs.Bool("quiet", false, "no progress lines")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: thidua import [flags] FILE.xlsx")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("give one .xlsx file to import")
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %v", path, err)
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	actx := thidua.NewSystemContext(ctx)
	if *user != "" {
		u, err := db.FindUserByUsername(actx, strings.ToLower(strings.TrimSpace(*user)))
		if err != nil || u.Disabled {
			return fmt.Errorf("no active account %q", *user)
		}
		actx = thidua.NewContextWithUser(ctx, u)
	}
	start := time.Now()
	last := time.Time{}
	progress := func(step string, done, total int) {
		if *quiet || time.Since(last) < time.Second && done != total {
			return
		}
		last = time.Now()
		if total > 0 {
			fmt.Fprintf(stderr, "%s: %d/%d dòng\n", step, done, total)
		} else {
			fmt.Fprintln(stderr, step+"…")
		}
	}
	out, err := importer.Run(actx, db, data, filepath.Base(path), importer.Options{}, !*check, progress)
	if err != nil {
		return describe(err)
	}
	problems := importer.MergeProblems(out.Read.Problems, out.Problems, out.Read.Batch.Sheets)
	count := out.Read.ProblemCount + len(out.Problems)
	for _, s := range out.Read.Skipped {
		fmt.Fprintln(stdout, "Ghi chú: "+s+".")
	}
	if count > 0 {
		for _, p := range problems {
			fmt.Fprintln(stdout, p.String())
		}
		if count > len(problems) {
			fmt.Fprintf(stdout, "… và %d lỗi khác.\n", count-len(problems))
		}
		return fmt.Errorf("%d lỗi; không có dữ liệu nào được ghi", count)
	}
	sum := out.Summary
	verb := "Đã nhập"
	if *check {
		verb = "Tệp hợp lệ; nếu nhập sẽ"
	}
	fmt.Fprintf(stdout, "%s %d dòng trong %v:\n", verb, sum.Rows, time.Since(start).Round(time.Millisecond))
	for _, l := range []struct {
		label string
		c     thidua.ImportCounts
	}{{"Cơ quan, đơn vị", sum.Units}, {"Cá nhân", sum.People}, {"Lịch sử khen thưởng", sum.Histories}, {"Bản ghi xếp loại, danh hiệu, hình thức, sáng kiến", sum.Records}} {
		fmt.Fprintf(stdout, "  %-50s thêm mới %d, cập nhật %d, không đổi %d\n", l.label, l.c.New, l.c.Updated, l.c.Unchanged)
	}
	return nil
}
