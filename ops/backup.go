package ops

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"thidua/sqldb"
)

// Names inside a backup archive.
const (
	sqliteEntry   = "database.sqlite"
	postgresEntry = "database.pgdump"
	filesPrefix   = "files/"
)

// keyRE is the form of an attachment key (filestore's).
var keyRE = regexp.MustCompile(`^[a-zA-Z0-9_-]{8,128}$`)

// FilesDir tells where the attachments of the database at url live, as
// the server decides it: flag is THIDUA_FILES_DIR; "db" or, by default on
// PostgreSQL and for an in-memory SQLite, the database itself (returned as
// ""); by default beside a SQLite file, its folder "files".
func FilesDir(url, flag string) string {
	if flag == "db" {
		return ""
	}
	if flag != "" {
		return flag
	}
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return ""
	}
	path := sqlitePath(url)
	if path == ":memory:" || strings.HasPrefix(path, "file::memory:") {
		return ""
	}
	return filepath.Join(filepath.Dir(path), "files")
}

func sqlitePath(url string) string {
	path := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(url), "sqlite://"), "sqlite:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return path
}

// Backup writes a consistent copy of db, taken while it serves, to w: a
// gzip-compressed tar holding the database (a VACUUM INTO snapshot of
// SQLite, or pg_dump's custom format of PostgreSQL taken in the same
// snapshot the manifest is counted in), the attachments of folder filesDir
// ("" when they are kept in the database, hence in its copy) and the
// manifest, last. tmp is a folder for the database copy while it is
// archived (the backup's own folder is best: same disk).
func Backup(ctx context.Context, db *sqldb.DB, filesDir, version, tmp string, w io.Writer) (*Manifest, error) {
	work, err := os.MkdirTemp(tmp, ".thidua-backup-*")
	if err != nil {
		return nil, fmt.Errorf("ops: backup: %w", err)
	}
	defer os.RemoveAll(work)
	m := &Manifest{Format: FormatBackup, Version: version, CreatedAt: time.Now().UTC().Truncate(time.Second),
		Files: map[string]string{}, Attachments: "database"}
	if filesDir != "" {
		m.Attachments = "folder"
	}
	var dbFile, entry string
	if db.Dialect() == sqldb.Postgres {
		dbFile, entry = filepath.Join(work, postgresEntry), postgresEntry
		err = dumpPostgres(ctx, db, dbFile, m)
	} else {
		dbFile, entry = filepath.Join(work, sqliteEntry), sqliteEntry
		err = snapshotSQLite(ctx, db, dbFile, m)
	}
	if err != nil {
		return nil, err
	}
	zw := gzip.NewWriter(w)
	tw := tar.NewWriter(zw)
	if m.Files[entry], err = addFile(tw, entry, dbFile); err != nil {
		return nil, err
	}
	if filesDir != "" {
		err := filepath.WalkDir(filesDir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !keyRE.MatchString(d.Name()) {
				return nil // temporary files of a write under way
			}
			name := filesPrefix + d.Name()
			sum, err := addFile(tw, name, path)
			if errors.Is(err, fs.ErrNotExist) {
				return nil // deleted meanwhile
			}
			m.Files[name] = sum
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("ops: backup attachments: %w", err)
		}
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: ManifestName, Mode: 0o600, Size: int64(len(body)), ModTime: m.CreatedAt}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(body); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return m, nil
}

// addFile copies a file into the archive and returns its SHA-256.
func addFile(tw *tar.Writer, name, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime()}); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(f, st.Size())); err != nil {
		return "", fmt.Errorf("ops: archive %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// snapshotSQLite copies the live database with VACUUM INTO (one read
// transaction: writers go on meanwhile) and describes the copy itself.
func snapshotSQLite(ctx context.Context, db *sqldb.DB, path string, m *Manifest) error {
	if _, err := db.SQL().ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("ops: snapshot: %w", err)
	}
	snap, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer snap.Close()
	return describeAll(ctx, snap, sqldb.SQLite, m)
}

func describeAll(ctx context.Context, q queryer, d sqldb.Dialect, m *Manifest) error {
	if err := describe(ctx, q, d, m, nil); err != nil {
		return err
	}
	var err error
	if m.Blobs, err = blobHashes(ctx, q); err != nil {
		return err
	}
	if len(m.Blobs) == 0 {
		m.Blobs = nil
	}
	return nil
}

// dumpPostgres runs pg_dump in a snapshot exported by a repeatable-read
// transaction, in which the manifest is counted too: both see the same
// committed writes, whatever is written meanwhile.
func dumpPostgres(ctx context.Context, db *sqldb.DB, path string, m *Manifest) error {
	bin, err := pgTool("pg_dump")
	if err != nil {
		return err
	}
	conn, schema, err := libpqURL(db.URL)
	if err != nil {
		return err
	}
	tx, err := db.SQL().BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("ops: backup: %w", err)
	}
	defer tx.Rollback()
	var snapshot string
	if err := tx.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snapshot); err != nil {
		return fmt.Errorf("ops: export snapshot: %w", err)
	}
	if err := describeAll(ctx, tx, sqldb.Postgres, m); err != nil {
		return err
	}
	args := []string{"--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot, "--file=" + path}
	if schema != "" {
		args = append(args, "--schema="+schema)
	}
	if err := runTool(ctx, bin, append(args, "--dbname="+conn)...); err != nil {
		return err
	}
	return tx.Commit()
}

// pgTool finds a PostgreSQL client program on PATH (or in THIDUA_PG_BIN).
func pgTool(name string) (string, error) {
	if dir := os.Getenv("THIDUA_PG_BIN"); dir != "" {
		return filepath.Join(dir, name), nil
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("ops: %s not found: install the PostgreSQL client tools (package postgresql-client) or set THIDUA_PG_BIN", name)
	}
	return p, nil
}

func runTool(ctx context.Context, bin string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("ops: %s: %v: %s", filepath.Base(bin), err, redactURLs(strings.TrimSpace(string(out))))
	}
	return nil
}

var urlPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)

func redactURLs(s string) string { return urlPassword.ReplaceAllString(s, "${1}***@") }

// libpqURL turns the pgx URL into one libpq accepts: search_path (a pgx
// run-time parameter) becomes the schema to dump.
func libpqURL(raw string) (conn, schema string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", errors.New("ops: malformed PostgreSQL URL")
	}
	q := u.Query()
	schema = q.Get("search_path")
	q.Del("search_path")
	if schema != "" {
		q.Set("options", "-csearch_path="+schema)
	}
	u.RawQuery = q.Encode()
	return u.String(), schema, nil
}

// BackupFile writes the backup to path (through a temporary file renamed
// at the end, so that a backup cut short never looks whole) and returns its
// manifest and size.
func BackupFile(ctx context.Context, db *sqldb.DB, filesDir, version, path string) (*Manifest, int64, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, 0, fmt.Errorf("ops: backup folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".thidua-backup-*.part")
	if err != nil {
		return nil, 0, fmt.Errorf("ops: backup: %w", err)
	}
	defer os.Remove(f.Name())
	m, err := Backup(ctx, db, filesDir, version, dir, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, 0, err
	}
	st, err := os.Stat(f.Name())
	if err != nil {
		return nil, 0, err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return nil, 0, err
	}
	return m, st.Size(), nil
}
