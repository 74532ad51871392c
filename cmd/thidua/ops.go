package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"thidua"
	"thidua/ops"
	"thidua/rules"
)

// filesFlag registers the attachments folder flag of the operations
// commands, read as serve reads it.
func filesFlag(fs *flag.FlagSet) *string {
	return fs.String("files-dir", envOr("THIDUA_FILES_DIR", ""), "folder of the attachments, as for serve (\"db\": kept in the database) [THIDUA_FILES_DIR]")
}

// splitArg takes a leading positional argument off args, so that
// "restore FILE -database-url …" and "restore -database-url … FILE" both work.
func splitArg(fs *flag.FlagSet, args []string) (string, error) {
	var first string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		first, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return "", err
	}
	if first == "" {
		first = fs.Arg(0)
	}
	return first, nil
}

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("backup", stderr)
	dbFlag(fs, c)
	files := filesFlag(fs)
	out := fs.String("o", "", "archive to write (default: thidua-YYYYMMDD-HHMMSS.tar.gz in THIDUA_BACKUP_DIR, or here)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path := *out
	if path == "" {
		path = filepath.Join(envOr("THIDUA_BACKUP_DIR", "."), ops.BackupName(time.Now()))
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	m, size, err := ops.BackupFile(ctx, db, ops.FilesDir(c.DatabaseURL, *files), Version, path)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Đã sao lưu vào %s (%s).\n", path, formatSize(size))
	printManifest(stdout, m)
	return nil
}

func printManifest(w io.Writer, m *ops.Manifest) {
	var rows int64
	for _, n := range m.Tables {
		rows += n
	}
	files := len(m.Blobs)
	for name := range m.Files {
		if len(name) > 6 && name[:6] == "files/" {
			files++
		}
	}
	fmt.Fprintf(w, "  Cơ sở dữ liệu nguồn: %s, lược đồ %s (thidua %s)\n", m.Database, m.Schema, m.Version)
	fmt.Fprintf(w, "  %d bảng, %d dòng; %d tệp đính kèm\n", len(m.Tables), rows, files)
	hash := m.Audit.LastHash
	if len(hash) > 16 {
		hash = hash[:16] + "…"
	}
	fmt.Fprintf(w, "  Nhật ký thao tác: %d mục, mã băm cuối %s\n", m.Audit.Entries, hash)
}

func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("restore", stderr)
	dbFlag(fs, c)
	files := filesFlag(fs)
	path, err := splitArg(fs, args)
	if err != nil {
		return err
	}
	if path == "" {
		return usageError{errors.New("usage: thidua restore FILE [-database-url URL] [-files-dir DIR]")}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	tmp := filepath.Dir(path)
	m, err := ops.Restore(ctx, f, c.DatabaseURL, ops.FilesDir(c.DatabaseURL, *files), tmp)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Đã khôi phục %s vào %s; bảng kê khớp (số dòng từng bảng, mã SHA-256 từng tệp), chuỗi băm của nhật ký khớp.\n", path, redact(c.DatabaseURL))
	printManifest(stdout, m)
	return nil
}

// formatSize writes a size in bytes for people: 1,5 MB.
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return decimal(float64(n)/(1<<30)) + " GB"
	case n >= 1<<20:
		return decimal(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return decimal(float64(n)/(1<<10)) + " kB"
	}
	return fmt.Sprintf("%d byte", n)
}

// decimal writes x with one decimal and a Vietnamese decimal comma.
func decimal(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	for i := range s {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}

func runExportAll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("export-all", stderr)
	dbFlag(fs, c)
	files := filesFlag(fs)
	dir, err := splitArg(fs, args)
	if err != nil {
		return err
	}
	if dir == "" {
		return usageError{errors.New("usage: thidua export-all DIR [-database-url URL] [-files-dir DIR]")}
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := ops.ExportAll(ctx, db, ops.FilesDir(c.DatabaseURL, *files), Version, dir)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Đã xuất toàn bộ dữ liệu vào %s (JSON Lines trong data/, tệp đính kèm trong files/, lược đồ trong schema.json).\n", dir)
	printManifest(stdout, m)
	return nil
}

func runLoadAll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("load-all", stderr)
	dbFlag(fs, c)
	files := filesFlag(fs)
	dir, err := splitArg(fs, args)
	if err != nil {
		return err
	}
	if dir == "" {
		return usageError{errors.New("usage: thidua load-all DIR [-database-url URL] [-files-dir DIR]")}
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := ops.LoadAll(ctx, db, dir, ops.FilesDir(c.DatabaseURL, *files))
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Đã nạp bản xuất %s vào %s; bảng kê khớp, chuỗi băm của nhật ký khớp.\n", dir, redact(c.DatabaseURL))
	printManifest(stdout, m)
	return nil
}

// opsConfig is the configuration of the work the job runner does on a
// timer: housekeeping and scheduled backups.
type opsConfig struct {
	KeepJobs, KeepUploads time.Duration
	BackupDir             string
	BackupSchedule        string
	BackupKeep            string
}

func opsFlags(fs *flag.FlagSet, c *opsConfig) error {
	for _, d := range []struct {
		p        *time.Duration
		name     string
		env, def string
		usage    string
	}{
		{&c.KeepJobs, "keep-jobs", "THIDUA_KEEP_JOBS", "720h", "finished background jobs are removed after this long [THIDUA_KEEP_JOBS]"},
		{&c.KeepUploads, "keep-uploads", "THIDUA_KEEP_UPLOADS", "24h", "workbooks never confirmed and attachment files no record names are removed after this long [THIDUA_KEEP_UPLOADS]"},
	} {
		v, err := time.ParseDuration(envOr(d.env, d.def))
		if err != nil {
			return fmt.Errorf("%s: %v", d.env, err)
		}
		fs.DurationVar(d.p, d.name, v, d.usage)
	}
	fs.StringVar(&c.BackupDir, "backup-dir", envOr("THIDUA_BACKUP_DIR", ""), "folder of the scheduled backups [THIDUA_BACKUP_DIR]")
	fs.StringVar(&c.BackupSchedule, "backup-schedule", envOr("THIDUA_BACKUP_SCHEDULE", ""), "daily time of the scheduled backup in Vietnam time, e.g. 02:30; empty: none [THIDUA_BACKUP_SCHEDULE]")
	fs.StringVar(&c.BackupKeep, "backup-keep", envOr("THIDUA_BACKUP_KEEP", "7d,12m"), "scheduled backups kept: the newest of each of the last N days and M months [THIDUA_BACKUP_KEEP]")
	return nil
}

// check validates the schedule settings.
func (c *opsConfig) check() error {
	if c.BackupSchedule == "" {
		return nil
	}
	if _, _, err := ops.ParseSchedule(c.BackupSchedule); err != nil {
		return fmt.Errorf("THIDUA_BACKUP_SCHEDULE: %v", err)
	}
	if _, err := ops.ParseKeep(c.BackupKeep); err != nil {
		return fmt.Errorf("THIDUA_BACKUP_KEEP: %v", err)
	}
	if c.BackupDir == "" {
		return errors.New("THIDUA_BACKUP_SCHEDULE needs THIDUA_BACKUP_DIR")
	}
	return nil
}

// housekeepingEvery is how often the job runner sweeps transient rows.
const housekeepingEvery = time.Hour

// scheduleOps registers housekeeping and the scheduled backup with the
// job runner.
func (m *Main) scheduleOps() {
	c := m.Config
	filesDir := ops.FilesDir(c.DatabaseURL, c.FilesDir)
	h := ops.Housekeeping{Jobs: c.Ops.KeepJobs, Uploads: c.Ops.KeepUploads}
	first := true
	m.Jobs.Every("housekeeping", func(time.Time) time.Duration {
		if first {
			first = false
			return time.Minute
		}
		return housekeepingEvery
	}, func(ctx context.Context) error {
		s, err := ops.Housekeep(ctx, m.DB, filesDir, h, time.Now())
		if err == nil && s != (ops.Swept{}) {
			m.Log.Info("housekeeping", "jobs", s.Jobs, "uploads", s.Uploads, "files", s.Files, "sessions", s.Sessions, "signins", s.SignIns)
		}
		return err
	})
	if c.Ops.BackupSchedule == "" {
		return
	}
	hour, minute, _ := ops.ParseSchedule(c.Ops.BackupSchedule)
	keep, _ := ops.ParseKeep(c.Ops.BackupKeep)
	m.Jobs.Every("backup", func(now time.Time) time.Duration { return ops.UntilDaily(now, hour, minute) }, func(ctx context.Context) error {
		b, err := ops.ScheduledBackup(ctx, m.DB, filesDir, Version, c.Ops.BackupDir, keep)
		if err == nil {
			m.Log.Info("scheduled backup", "file", b.Path, "size", b.Size)
		}
		return err
	})
}

// eligibilityCheckEvery is how often the server checks that the default
// eligibility table (last year, as of today) is up to date.
const eligibilityCheckEvery = time.Minute

// scheduleEligibility has stale eligibility tables computed by the job
// runner rather than inside requests, and keeps the default table (the
// one /app/eligibility opens on) fresh: a new day is a new date judged,
// an import makes it stale.
// scheduleAwardStats keeps the stored statistics of awards fresh in the
// background: once soon after start (a first computation after the
// migration takes a while at a province's scale) and then every few
// minutes, so /app/stats rarely finds anything to recompute.
func (m *Main) scheduleAwardStats() {
	first := true
	m.Jobs.Every("award-stats", func(time.Time) time.Duration {
		if first {
			first = false
			return 2 * time.Second
		}
		return 5 * time.Minute
	}, func(ctx context.Context) error {
		return m.DB.RefreshAwardStats(thidua.NewSystemContext(ctx))
	})
}

func (m *Main) scheduleEligibility(elig *rules.Service) {
	m.DB.Background(m.Jobs.Notify)
	m.Jobs.Handle(thidua.JobEligibilityRefresh, m.DB.EligibilityJob(elig))
	m.Jobs.Handle(thidua.JobUnitMembersRefresh, m.DB.MembersJob())
	first := true
	m.Jobs.Every("eligibility", func(time.Time) time.Duration {
		if first {
			first = false
			return 5 * time.Second
		}
		return eligibilityCheckEvery
	}, func(ctx context.Context) error {
		today := thidua.DateOf(time.Now())
		return m.DB.QueueEligibility(thidua.NewSystemContext(ctx), elig, today.Year()-1, today)
	})
}
