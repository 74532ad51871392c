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
	"os"
	"path/filepath"
	"strings"

	"thidua"
	"thidua/filestore"
	"thidua/sqldb"
)

// Restore loads a backup made by Backup into the empty database at
// target, of the same kind, and the attachments kept in a folder into
// filesDir. Before touching the target it checks every file of the archive
// against the manifest; after, it checks the restored database: schema,
// row counts, attachments and the audit chain recomputed. A backup that
// does not match is refused with a Vietnamese message naming what differs,
// and the target is left as it was.
func Restore(ctx context.Context, r io.Reader, target, filesDir, tmp string) (*Manifest, error) {
	work, err := os.MkdirTemp(tmp, ".thidua-restore-*")
	if err != nil {
		return nil, fmt.Errorf("ops: restore: %w", err)
	}
	defer os.RemoveAll(work)
	m, got, err := extract(r, work)
	if err != nil {
		return nil, err
	}
	if diffs := compareHashes("tệp", m.Files, got); len(diffs) > 0 {
		return nil, mismatch("Tệp sao lưu", diffs)
	}
	if m.Attachments == "folder" && filesDir == "" {
		return nil, thidua.Errorf(thidua.EINVALID, "Bản sao lưu giữ tệp đính kèm trong thư mục: hãy chỉ thư mục nhận tệp (-files-dir).")
	}
	pg := strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
	if kind := map[bool]string{true: "postgres", false: "sqlite"}[pg]; kind != m.Database {
		return nil, thidua.Errorf(thidua.EINVALID, "Bản sao lưu lấy từ %s chỉ khôi phục được vào %s; để chuyển sang %s hãy dùng export-all rồi load-all.",
			dbLabel(m.Database), dbLabel(m.Database), dbLabel(kind))
	}
	if pg {
		err = restorePostgres(ctx, m, filepath.Join(work, postgresEntry), target)
	} else {
		err = restoreSQLite(ctx, m, filepath.Join(work, sqliteEntry), target)
	}
	if err != nil {
		return nil, err
	}
	if m.Attachments == "folder" {
		if err := placeFiles(ctx, filepath.Join(work, "files"), filesDir); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func dbLabel(kind string) string {
	if kind == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}

// extract unpacks the archive into dir, hashing every file as it goes, and
// returns the manifest and the hashes found.
func extract(r io.Reader, dir string) (*Manifest, map[string]string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp không phải bản sao lưu của thidua (không đọc được định dạng tar.gz).")
	}
	tr := tar.NewReader(zr)
	got := map[string]string{}
	var m *Manifest
	if err := os.MkdirAll(filepath.Join(dir, "files"), 0o700); err != nil {
		return nil, nil, err
	}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp sao lưu bị hỏng hoặc không trọn vẹn: %v.", err)
		}
		name := h.Name
		switch {
		case name == ManifestName:
			m = &Manifest{}
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(m); err != nil {
				return nil, nil, thidua.Errorf(thidua.EINVALID, "Bảng kê (manifest.json) của bản sao lưu không đọc được: %v.", err)
			}
			continue
		case name == sqliteEntry, name == postgresEntry:
		case strings.HasPrefix(name, filesPrefix) && keyRE.MatchString(strings.TrimPrefix(name, filesPrefix)):
		default:
			return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp sao lưu chứa mục lạ %q.", name)
		}
		if h.Typeflag != tar.TypeReg {
			return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp sao lưu chứa mục lạ %q.", name)
		}
		f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, nil, fmt.Errorf("ops: restore %s: %w", name, err)
		}
		sum := sha256.New()
		_, err = io.Copy(io.MultiWriter(f, sum), tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp sao lưu bị hỏng hoặc không trọn vẹn (%s): %v.", name, err)
		}
		got[name] = hex.EncodeToString(sum.Sum(nil))
	}
	if m == nil || m.Format != FormatBackup {
		return nil, nil, thidua.Errorf(thidua.EINVALID, "Tệp sao lưu không có bảng kê (manifest.json) của thidua.")
	}
	return m, got, nil
}

// check compares the database at url with the manifest and recomputes its
// audit chain.
func check(ctx context.Context, m *Manifest, url string) error {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	got := &Manifest{}
	if err := describeAll(ctx, db.SQL(), db.Dialect(), got); err != nil {
		return err
	}
	if diffs := m.compare(got); len(diffs) > 0 {
		return mismatch("Bản sao lưu", diffs)
	}
	return verifyAudit(ctx, db)
}

// restoreSQLite checks the snapshot where it was unpacked, then moves it
// to path, which must be missing or hold no data.
func restoreSQLite(ctx context.Context, m *Manifest, snap, target string) error {
	path := sqlitePath(target)
	if err := requireEmptySQLite(ctx, path); err != nil {
		return err
	}
	if err := check(ctx, m, snap); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp := path + ".restoring"
	if err := copyFile(snap, tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	return os.Rename(tmp, path)
}

func requireEmptySQLite(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	return requireEmpty(ctx, db, sqldb.SQLite)
}

// requireEmpty refuses a database that holds any row of units, users or
// the audit log.
func requireEmpty(ctx context.Context, q queryer, d sqldb.Dialect) error {
	names, err := tables(ctx, q, d)
	if err != nil {
		return thidua.Errorf(thidua.EINVALID, "Không đọc được cơ sở dữ liệu đích: %v.", err)
	}
	for _, t := range names {
		if t != "units" && t != "users" && t != "audit_log" {
			continue
		}
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return thidua.Errorf(thidua.ECONFLICT, "Cơ sở dữ liệu đích đã có dữ liệu (bảng %s có %d dòng): chỉ khôi phục vào cơ sở dữ liệu trống.", t, n)
		}
	}
	return nil
}

// restorePostgres runs pg_restore into a database without tables, then
// checks it; a restore that does not match is dropped again.
func restorePostgres(ctx context.Context, m *Manifest, dump, target string) error {
	bin, err := pgTool("pg_restore")
	if err != nil {
		return err
	}
	conn, _, err := libpqURL(target)
	if err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, target)
	if err != nil {
		return err
	}
	names, err := tables(ctx, db.SQL(), sqldb.Postgres)
	db.Close()
	if err != nil {
		return err
	}
	if len(names) > 0 {
		return thidua.Errorf(thidua.ECONFLICT, "Cơ sở dữ liệu PostgreSQL đích phải trống (đang có %d bảng, chẳng hạn %s): hãy tạo một cơ sở dữ liệu mới.", len(names), names[0])
	}
	if err := runTool(ctx, bin, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname="+conn, dump); err != nil {
		return err
	}
	if err := check(ctx, m, target); err != nil {
		if derr := dropAll(context.WithoutCancel(ctx), target); derr != nil {
			return fmt.Errorf("%w (and the restored tables could not be dropped: %v)", err, derr)
		}
		return err
	}
	return nil
}

// dropAll drops every table, the text search configuration and the
// trigger functions (the migrations' own, whatever their number) of the
// current schema: what a refused restore created in a database that had
// no table before.
func dropAll(ctx context.Context, url string) error {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	names, err := tables(ctx, db.SQL(), sqldb.Postgres)
	if err != nil {
		return err
	}
	stmts := []string{}
	if len(names) > 0 {
		stmts = append(stmts, `DROP TABLE `+strings.Join(names, ", ")+` CASCADE`)
	}
	stmts = append(stmts, `DROP TEXT SEARCH CONFIGURATION IF EXISTS thidua_vn`)
	funcs, err := schemaFunctions(ctx, db.SQL())
	if err != nil {
		return err
	}
	for _, f := range funcs {
		stmts = append(stmts, `DROP FUNCTION IF EXISTS `+f+` CASCADE`)
	}
	for _, s := range stmts {
		if _, err := db.SQL().ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// placeFiles moves the unpacked attachments into the files folder.
func placeFiles(ctx context.Context, from, to string) error {
	dest, err := filestore.NewDir(to)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		// Files are read whole: attachments are bounded by the upload limit.
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := dest.Put(ctx, e.Name(), data); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// schemaFunctions lists the signatures of the functions of the current
// schema that no extension owns (the migrations' trigger functions).
func schemaFunctions(ctx context.Context, q *sql.DB) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = current_schema()
		AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("ops: functions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
