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
	if err := fs.Parse(args); err != nil {
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := *out
	if path == "" {
		path = filepath.Join(envOr("THIDUA_BACKUP_DIR", "."), backupName(time.Now()))
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

// backupName is the default name of a backup taken at t (Vietnam time).
func backupName(t time.Time) string {
	return "thidua-" + t.In(thidua.VietnamZone).Format("20060102-150405") + ".tar.gz"
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
	fmt.Fprintf(w, "  Cơ sở dữ liệu: %s, lược đồ %s (thidua %s)\n", m.Database, m.Schema, m.Version)
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
		return errors.New("usage: thidua restore FILE [-database-url URL] [-files-dir DIR]")
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
		return errors.New("usage: thidua export-all DIR [-database-url URL] [-files-dir DIR]")
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
		return errors.New("usage: thidua load-all DIR [-database-url URL] [-files-dir DIR]")
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
