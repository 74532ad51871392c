// Package ops holds what an agency's IT officer runs around the service:
// backups taken while it serves and restores that check themselves
// (backup.go, restore.go), the full export of every entity as JSON Lines
// and its loader (export.go), and the housekeeping of transient rows
// (housekeeping.go). It works on the database through sqldb's handle,
// table by table, so that it needs no change when a table is added: the
// manifest counts whatever tables the schema has.
package ops

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"thidua"
	"thidua/sqldb"
)

// Manifest describes a backup or an export: what it holds and how to
// check a copy made from it.
type Manifest struct {
	// Format is FormatBackup or FormatExport.
	Format string `json:"format"`
	// Version is the thidua version that wrote it.
	Version   string    `json:"thidua_version"`
	CreatedAt time.Time `json:"created_at"`
	// Database is the kind of database it was taken from: sqlite or postgres.
	Database string `json:"database"`
	// Schema is the last migration applied; Migrations lists them all.
	Schema     string   `json:"schema_version"`
	Migrations []string `json:"migrations"`
	// Tables counts the rows of every table.
	Tables map[string]int64 `json:"tables"`
	// Files holds the SHA-256 (hex) of every file of the archive or folder
	// but the manifest, by its path in it.
	Files map[string]string `json:"files"`
	// Blobs holds the SHA-256 of every attachment kept in the database
	// (table file_blobs), by key.
	Blobs map[string]string `json:"blobs,omitempty"`
	// Attachments tells where the attachments were kept: "folder" (they
	// are in files/) or "database" (they are in the database copy).
	Attachments string `json:"attachments"`
	// Audit is the state of the audit log's hash chain.
	Audit AuditState `json:"audit"`
}

// AuditState is the head of the audit log's hash chain.
type AuditState struct {
	Entries  int64  `json:"entries"`
	LastHash string `json:"last_hash"`
}

// Formats of a manifest.
const (
	FormatBackup = "thidua-backup/1"
	FormatExport = "thidua-export/1"
)

// ManifestName is the manifest's name in an archive or export folder.
const ManifestName = "manifest.json"

// queryer is what *sql.DB, *sql.Conn and *sql.Tx share.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tables lists the base tables of the database in creation order, leaving
// out SQLite's own, the full-text index and its shadow tables.
func tables(ctx context.Context, q queryer, d sqldb.Dialect) ([]string, error) {
	var query string
	if d == sqldb.Postgres {
		query = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	} else {
		query = `SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite%'
			AND sql NOT LIKE 'CREATE VIRTUAL%'
			AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '\_%' ESCAPE '\')
			ORDER BY rowid`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("ops: list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// describe fills the database's part of a manifest (schema, row counts,
// attachments kept in the database, audit head) from q, which must see one
// consistent state: a snapshot or a transaction.
func describe(ctx context.Context, q queryer, d sqldb.Dialect, m *Manifest, only []string) error {
	names := only
	if names == nil {
		var err error
		if names, err = tables(ctx, q, d); err != nil {
			return err
		}
	}
	m.Database = d.String()
	m.Tables = map[string]int64{}
	for _, t := range names {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return fmt.Errorf("ops: count %s: %w", t, err)
		}
		m.Tables[t] = n
	}
	rows, err := q.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return fmt.Errorf("ops: migrations: %w", err)
	}
	m.Migrations = nil
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		m.Migrations = append(m.Migrations, name)
	}
	rows.Close()
	if len(m.Migrations) > 0 {
		m.Schema = m.Migrations[len(m.Migrations)-1]
	}
	if err := q.QueryRowContext(ctx, `SELECT hash FROM audit_head WHERE id = 1`).Scan(&m.Audit.LastHash); err != nil {
		return fmt.Errorf("ops: audit head: %w", err)
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&m.Audit.Entries); err != nil {
		return fmt.Errorf("ops: audit count: %w", err)
	}
	return nil
}

// blobHashes hashes the attachments kept in the database.
func blobHashes(ctx context.Context, q queryer) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, data FROM file_blobs ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("ops: read attachments: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var key string
		var data []byte
		if err := rows.Scan(&key, &data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		out[key] = hex.EncodeToString(sum[:])
	}
	return out, rows.Err()
}

// hashFile returns the SHA-256 of a file, read in pieces.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// compare lists, in Vietnamese, how got differs from what m promises.
func (m *Manifest) compare(got *Manifest) []string {
	var diffs []string
	if m.Schema != got.Schema {
		diffs = append(diffs, fmt.Sprintf("phiên bản lược đồ: bảng kê ghi %q, cơ sở dữ liệu là %q", m.Schema, got.Schema))
	}
	diffs = append(diffs, compareCounts(m.Tables, got.Tables)...)
	diffs = append(diffs, compareHashes("tệp đính kèm trong cơ sở dữ liệu", m.Blobs, got.Blobs)...)
	if m.Audit != got.Audit {
		diffs = append(diffs, fmt.Sprintf("nhật ký thao tác: bảng kê ghi %d mục, mã băm cuối %s; cơ sở dữ liệu có %d mục, mã băm cuối %s",
			m.Audit.Entries, short(m.Audit.LastHash), got.Audit.Entries, short(got.Audit.LastHash)))
	}
	return diffs
}

func compareCounts(want, got map[string]int64) []string {
	var diffs []string
	for _, t := range sortedKeys(want, got) {
		w, inWant := want[t]
		g, inGot := got[t]
		switch {
		case !inGot:
			diffs = append(diffs, fmt.Sprintf("bảng %s có trong bảng kê nhưng không có trong cơ sở dữ liệu", t))
		case !inWant:
			diffs = append(diffs, fmt.Sprintf("bảng %s không có trong bảng kê", t))
		case w != g:
			diffs = append(diffs, fmt.Sprintf("bảng %s: bảng kê ghi %d dòng, cơ sở dữ liệu có %d", t, w, g))
		}
	}
	return diffs
}

func compareHashes(what string, want, got map[string]string) []string {
	var diffs []string
	for _, k := range sortedKeys(want, got) {
		w, inWant := want[k]
		g, inGot := got[k]
		switch {
		case !inGot:
			diffs = append(diffs, fmt.Sprintf("%s %s: thiếu", what, k))
		case !inWant:
			diffs = append(diffs, fmt.Sprintf("%s %s: không có trong bảng kê", what, k))
		case w != g:
			diffs = append(diffs, fmt.Sprintf("%s %s: mã SHA-256 khác bảng kê", what, k))
		}
	}
	return diffs
}

func sortedKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	if h == "" {
		return "(trống)"
	}
	return h
}

// mismatch is the refusal naming what differs (at most ten things).
func mismatch(what string, diffs []string) error {
	more := ""
	if len(diffs) > 10 {
		more = fmt.Sprintf(" và %d khác biệt khác", len(diffs)-10)
		diffs = diffs[:10]
	}
	return thidua.Errorf(thidua.EINVALID, "%s không khớp với bảng kê (manifest.json): %s%s.", what, strings.Join(diffs, "; "), more)
}

// verifyAudit recomputes the restored audit chain.
func verifyAudit(ctx context.Context, db *sqldb.DB) error {
	bad, err := db.VerifyAuditChain(thidua.NewSystemContext(ctx))
	if err != nil {
		return err
	}
	switch {
	case bad < 0:
		return thidua.Errorf(thidua.EINVALID, "Nhật ký thao tác sau khi khôi phục không toàn vẹn: các mục cuối đã bị xóa (mã băm đầu chuỗi không khớp).")
	case bad > 0:
		return thidua.Errorf(thidua.EINVALID, "Nhật ký thao tác sau khi khôi phục không toàn vẹn: mục %d đã bị sửa hoặc xóa.", bad)
	}
	return nil
}
