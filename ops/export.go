package ops

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"thidua"
	"thidua/filestore"
	"thidua/sqldb"
	"thidua/sqldb/articles"
)

// An export is a folder:
//
//	manifest.json        the manifest (Format FormatExport)
//	schema.json          every table: its columns, their kinds, its key
//	data/TABLE.jsonl     one JSON object per row, keys in column order
//	files/KEY            every attachment, wherever it was kept
//
// Values are written by kind: int and real as JSON numbers, bool as true
// or false, text as strings, time as RFC 3339 strings in UTC with
// microseconds, bytes as base64 strings; NULL as null. Rows come in key
// order, tables in the order they were created, so that a parent is always
// loaded before its children. Left out: the schema_migrations table (the
// manifest names the schema), file_blobs (its attachments are in files/),
// sessions and sign-in counters (transient), and the search index (rebuilt
// when loading).

// Column is a column of the export schema.
type Column struct {
	Name string `json:"name"`
	// Kind is int, real, bool, text, time or bytes.
	Kind    string `json:"kind"`
	NotNull bool   `json:"not_null,omitempty"`
}

// Table is a table of the export schema.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
	Key     []string `json:"key"`
}

// notExported are the tables an export leaves out.
// The eligibility tables' verdicts (people's and collectives') and the
// collectives' member summaries are computed again from the histories on
// first use, and so are the stored statistics of awards (sqldb/awardstats);
// the counts of changes are the migrations' own rows, and the units' marks
// and people counts are moved by the triggers as the people and histories
// load.
var notExported = map[string]bool{"schema_migrations": true, "file_blobs": true, "sessions": true, "login_throttle": true, "server_keys": true,
	"eligibility_verdicts": true, "eligibility_runs": true, "eligibility_changes": true,
	"eligibility_unit_verdicts": true, "eligibility_unit_runs": true, "unit_member_marks": true, "unit_member_facts": true,
	"award_stat_facts": true, "award_stat_cells": true, "award_stat_subjects": true, "award_stat_changes": true, "award_stat_runs": true,
	"award_stat_form_cells": true, "unit_people_counts": true}

var (
	schemaOnce sync.Once
	schemaVal  []Table
	schemaErr  error
)

// Schema returns the tables of an export, read from a scratch SQLite
// database migrated with the embedded migrations (both databases have the
// same tables and columns).
func Schema(ctx context.Context) ([]Table, error) {
	schemaOnce.Do(func() { schemaVal, schemaErr = readSchema(ctx) })
	return schemaVal, schemaErr
}

func readSchema(ctx context.Context) ([]Table, error) {
	dir, err := os.MkdirTemp("", "thidua-schema-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := sqldb.Open(ctx, filepath.Join(dir, "schema.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	names, err := tables(ctx, db.SQL(), sqldb.SQLite)
	if err != nil {
		return nil, err
	}
	var out []Table
	for _, name := range names {
		if notExported[name] {
			continue
		}
		rows, err := db.SQL().QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info($1) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		t := Table{Name: name}
		keys := map[int]string{}
		for rows.Next() {
			var c Column
			var typ string
			var pk int
			if err := rows.Scan(&c.Name, &typ, &c.NotNull, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			if c.Kind = kindOf(typ); c.Kind == "" {
				rows.Close()
				return nil, fmt.Errorf("ops: column %s.%s has type %s, unknown to the export", name, c.Name, typ)
			}
			t.Columns = append(t.Columns, c)
			if pk > 0 {
				keys[pk] = c.Name
			}
		}
		rows.Close()
		for i := 1; i <= len(keys); i++ {
			t.Key = append(t.Key, keys[i])
		}
		if len(t.Key) == 0 {
			for _, c := range t.Columns {
				t.Key = append(t.Key, c.Name)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

func kindOf(sqlType string) string {
	switch strings.ToUpper(sqlType) {
	case "INTEGER", "BIGINT":
		return "int"
	case "REAL":
		return "real"
	case "BOOLEAN":
		return "bool"
	case "TEXT":
		return "text"
	case "TIMESTAMP":
		return "time"
	case "BLOB":
		return "bytes"
	}
	return ""
}

// ExportAll writes every entity of db as JSON Lines, every attachment (from
// folder filesDir, or the database when "") and the manifest into dir,
// which must be missing or empty. It reads one consistent state: a
// snapshot of SQLite, a repeatable-read transaction of PostgreSQL.
func ExportAll(ctx context.Context, db *sqldb.DB, filesDir, version, dir string) (*Manifest, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, thidua.Errorf(thidua.EINVALID, "Thư mục %s đã có tệp: hãy chỉ một thư mục trống hoặc chưa có.", dir)
	}
	for _, sub := range []string{"data", "files"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o750); err != nil {
			return nil, fmt.Errorf("ops: export: %w", err)
		}
	}
	schema, err := Schema(ctx)
	if err != nil {
		return nil, err
	}
	var q queryer
	if db.Dialect() == sqldb.Postgres {
		tx, err := db.SQL().BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("ops: export: %w", err)
		}
		defer tx.Rollback()
		q = tx
	} else {
		work, err := os.MkdirTemp(dir, ".snapshot-*")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
		snap := filepath.Join(work, "snapshot.db")
		if _, err := db.SQL().ExecContext(ctx, `VACUUM INTO $1`, snap); err != nil {
			return nil, fmt.Errorf("ops: snapshot: %w", err)
		}
		sdb, err := sql.Open("sqlite", "file:"+snap+"?mode=ro")
		if err != nil {
			return nil, err
		}
		defer sdb.Close()
		q = sdb
	}
	m := &Manifest{Format: FormatExport, Version: version, CreatedAt: time.Now().UTC().Truncate(time.Second),
		Files: map[string]string{}, Attachments: "folder"}
	names := make([]string, len(schema))
	for i, t := range schema {
		names[i] = t.Name
	}
	if err := describe(ctx, q, db.Dialect(), m, names); err != nil {
		return nil, err
	}
	for _, t := range schema {
		name := "data/" + t.Name + ".jsonl"
		if err := exportTable(ctx, q, db.Dialect(), t, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			return nil, err
		}
	}
	if filesDir == "" {
		if err := exportBlobs(ctx, q, filepath.Join(dir, "files")); err != nil {
			return nil, err
		}
	} else if err := copyFolder(filesDir, filepath.Join(dir, "files")); err != nil {
		return nil, err
	}
	body, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.json"), append(body, '\n'), 0o640); err != nil {
		return nil, err
	}
	if m.Files, err = hashTree(dir); err != nil {
		return nil, err
	}
	body, err = json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(dir, ManifestName), append(body, '\n'), 0o640)
}

func exportTable(ctx context.Context, q queryer, d sqldb.Dialect, t Table, path string) error {
	cols := make([]string, len(t.Columns))
	kinds := map[string]string{}
	for i, c := range t.Columns {
		cols[i] = c.Name
		kinds[c.Name] = c.Kind
	}
	order := make([]string, len(t.Key))
	for i, k := range t.Key {
		order[i] = k
		if d == sqldb.Postgres && kinds[k] == "text" {
			order[i] += ` COLLATE "C"`
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(quote(cols), ", ")+` FROM `+t.Name+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return fmt.Errorf("ops: export %s: %w", t.Name, err)
	}
	defer rows.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	dest := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		switch c.Kind {
		case "int":
			dest[i] = new(sql.NullInt64)
		case "real":
			dest[i] = new(sql.NullFloat64)
		case "bool":
			dest[i] = new(sql.NullBool)
		case "time":
			dest[i] = new(sql.NullTime)
		case "bytes":
			dest[i] = new([]byte)
		default:
			dest[i] = new(sql.NullString)
		}
	}
	var line bytes.Buffer
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("ops: export %s: %w", t.Name, err)
		}
		line.Reset()
		line.WriteByte('{')
		for i, c := range t.Columns {
			if i > 0 {
				line.WriteByte(',')
			}
			k, _ := json.Marshal(c.Name)
			line.Write(k)
			line.WriteByte(':')
			line.Write(jsonValue(dest[i]))
		}
		line.WriteString("}\n")
		if _, err := w.Write(line.Bytes()); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ops: export %s: %w", t.Name, err)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func quote(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = `"` + c + `"`
	}
	return out
}

// timeFormat is how times are written: UTC, microseconds (what both
// databases keep).
const timeFormat = "2006-01-02T15:04:05.999999Z07:00"

func jsonValue(v any) []byte {
	var x any
	switch v := v.(type) {
	case *sql.NullInt64:
		if v.Valid {
			return strconv.AppendInt(nil, v.Int64, 10)
		}
	case *sql.NullFloat64:
		if v.Valid {
			x = v.Float64
		}
	case *sql.NullBool:
		if v.Valid {
			x = v.Bool
		}
	case *sql.NullTime:
		if v.Valid {
			x = v.Time.UTC().Truncate(time.Microsecond).Format(timeFormat)
		}
	case *[]byte:
		if *v != nil {
			x = base64.StdEncoding.EncodeToString(*v)
		}
	case *sql.NullString:
		if v.Valid {
			x = v.String
		}
	}
	if x == nil {
		return []byte("null")
	}
	b, _ := json.Marshal(x)
	return b
}

func exportBlobs(ctx context.Context, q queryer, dir string) error {
	rows, err := q.QueryContext(ctx, `SELECT key, data FROM file_blobs ORDER BY key`)
	if err != nil {
		return fmt.Errorf("ops: export attachments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var data []byte
		if err := rows.Scan(&key, &data); err != nil {
			return err
		}
		if !keyRE.MatchString(key) {
			return fmt.Errorf("ops: export: attachment key %q", key)
		}
		if err := os.WriteFile(filepath.Join(dir, key), data, 0o640); err != nil {
			return err
		}
	}
	return rows.Err()
}

// copyFolder copies the attachments of a filestore folder, flat.
func copyFolder(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || !keyRE.MatchString(d.Name()) {
			return nil
		}
		if err := copyFile(path, filepath.Join(to, d.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
}

// hashTree hashes every file under dir but the manifest, by slash path.
func hashTree(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == ManifestName {
			return nil
		}
		sum, err := hashFile(path)
		out[rel] = sum
		return err
	})
	return out, err
}

// LoadAll loads an export written by ExportAll into db, which must hold no
// data (a freshly migrated database of either kind, at the export's
// schema), and the attachments into folder filesDir (the database when
// ""). Everything is written in one transaction, and checked in it before
// it commits: the files against the manifest first, then the row counts
// and the audit chain recomputed. An export that does not match is refused
// with a Vietnamese message naming what differs, and nothing is written.
func LoadAll(ctx context.Context, db *sqldb.DB, dir, filesDir string) (*Manifest, error) {
	body, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, thidua.Errorf(thidua.EINVALID, "Thư mục %s không có bảng kê (manifest.json) của bản xuất thidua.", dir)
	}
	m := &Manifest{}
	if err := json.Unmarshal(body, m); err != nil || m.Format != FormatExport {
		return nil, thidua.Errorf(thidua.EINVALID, "Bảng kê (manifest.json) trong %s không phải của bản xuất thidua.", dir)
	}
	got, err := hashTree(dir)
	if err != nil {
		return nil, err
	}
	if diffs := compareHashes("tệp", m.Files, got); len(diffs) > 0 {
		return nil, mismatch("Bản xuất", diffs)
	}
	schema, err := Schema(ctx)
	if err != nil {
		return nil, err
	}
	here := &Manifest{}
	if err := describe(ctx, db.SQL(), db.Dialect(), here, []string{}); err != nil {
		return nil, err
	}
	if here.Schema != m.Schema {
		return nil, thidua.Errorf(thidua.EINVALID, "Bản xuất có lược đồ %s, cơ sở dữ liệu đích ở lược đồ %s: hãy dùng cùng phiên bản thidua.", m.Schema, here.Schema)
	}
	if err := requireEmpty(ctx, db.SQL(), db.Dialect()); err != nil {
		return nil, err
	}
	var folder *filestore.Dir
	if filesDir != "" {
		if folder, err = filestore.NewDir(filesDir); err != nil {
			return nil, err
		}
	}
	sys := thidua.NewSystemContext(ctx)
	err = db.InTx(ctx, func(s *sqldb.DB) error {
		h := s.Queries()
		for i := len(schema) - 1; i >= 0; i-- { // rows the migrations seeded
			if _, err := h.ExecContext(ctx, `DELETE FROM `+schema[i].Name); err != nil {
				return fmt.Errorf("ops: load: empty %s: %w", schema[i].Name, err)
			}
		}
		for _, t := range schema {
			if err := loadTable(ctx, h, t, filepath.Join(dir, "data", t.Name+".jsonl")); err != nil {
				return err
			}
		}
		if s.Dialect() == sqldb.Postgres {
			for _, t := range schema {
				if len(t.Key) == 1 && t.Key[0] == "id" {
					if _, err := h.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t.Name+`', 'id'), max(id)) FROM `+t.Name+` HAVING max(id) IS NOT NULL`); err != nil {
						return fmt.Errorf("ops: load: identity of %s: %w", t.Name, err)
					}
				}
			}
		}
		entries, err := os.ReadDir(filepath.Join(dir, "files"))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for _, e := range entries {
			if !keyRE.MatchString(e.Name()) {
				continue
			}
			// Read whole: attachments are bounded by the upload limit.
			data, err := os.ReadFile(filepath.Join(dir, "files", e.Name()))
			if err != nil {
				return err
			}
			if folder != nil {
				err = folder.Put(ctx, e.Name(), data)
			} else {
				err = s.Files().Put(ctx, e.Name(), data)
			}
			if err != nil {
				return err
			}
		}
		if _, err := articles.New(s).ReindexArticles(sys); err != nil {
			return err
		}
		loaded := &Manifest{}
		names := make([]string, len(schema))
		for i, t := range schema {
			names[i] = t.Name
		}
		if err := describe(ctx, h, s.Dialect(), loaded, names); err != nil {
			return err
		}
		loaded.Schema, loaded.Blobs = m.Schema, nil
		want := *m
		want.Blobs = nil
		if diffs := want.compare(loaded); len(diffs) > 0 {
			return mismatch("Bản xuất", diffs)
		}
		return verifyAudit(ctx, s)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func loadTable(ctx context.Context, h sqldb.Handle, t Table, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return thidua.Errorf(thidua.EINVALID, "Bản xuất thiếu tệp data/%s.jsonl.", t.Name)
	}
	defer f.Close()
	cols := make([]string, len(t.Columns))
	marks := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Name
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	stmt := `INSERT INTO ` + t.Name + ` (` + strings.Join(quote(cols), ", ") + `) VALUES (` + strings.Join(marks, ", ") + `)`
	r := bufio.NewReaderSize(f, 1<<20)
	args := make([]any, len(t.Columns))
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) == 0 {
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			continue
		}
		var row map[string]json.RawMessage
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		if derr := d.Decode(&row); derr != nil {
			return thidua.Errorf(thidua.EINVALID, "data/%s.jsonl dòng %d không phải JSON hợp lệ: %v.", t.Name, n, derr)
		}
		for i, c := range t.Columns {
			v, verr := decodeValue(c.Kind, row[c.Name])
			if verr != nil {
				return thidua.Errorf(thidua.EINVALID, "data/%s.jsonl dòng %d, cột %s: %v.", t.Name, n, c.Name, verr)
			}
			args[i] = v
		}
		if _, xerr := h.ExecContext(ctx, stmt, args...); xerr != nil {
			return fmt.Errorf("ops: load %s line %d: %w", t.Name, n, xerr)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func decodeValue(kind string, raw json.RawMessage) (any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	switch kind {
	case "int":
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, err
		}
		return n.Int64()
	case "real":
		var x float64
		err := json.Unmarshal(raw, &x)
		return x, err
	case "bool":
		var b bool
		err := json.Unmarshal(raw, &b)
		return b, err
	case "time":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return time.Parse(time.RFC3339Nano, s)
	case "bytes":
		var b []byte
		err := json.Unmarshal(raw, &b)
		return b, err
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}
