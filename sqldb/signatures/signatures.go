// Package signatures stores what digital signatures need (migration
// 0018): the agencies' signing certificates, sealed under the server's
// secret key; the trust anchors; each issued decision's document frozen
// as issued, with its signed file and signers; and the signature check of
// every uploaded file. It implements signing.Service over a signing.Engine.
package signatures

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"thidua"
	"thidua/signing"
	"thidua/sqldb"
)

// Store implements signing.Service.
type Store struct {
	db     *sqldb.DB
	engine signing.Engine
	// Sealer is nil without THIDUA_SECRET_KEY: certificates are refused.
	Sealer *signing.Sealer
	// AnchorDir, when set, is a directory of trust anchors (PEM or DER
	// files) read on every check besides the stored ones.
	AnchorDir string
}

var _ signing.Service = (*Store)(nil)

// New returns the store of db signing and verifying with engine.
func New(db *sqldb.DB, engine signing.Engine, sealer *signing.Sealer, anchorDir string) *Store {
	return &Store{db: db, engine: engine, Sealer: sealer, AnchorDir: anchorDir}
}

func user(ctx context.Context) (*thidua.User, error) {
	u := thidua.UserFromContext(ctx)
	if u == nil {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	return u, nil
}

func forbidden() error {
	return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.")
}

// ---- certificates

type sealedP12 struct {
	P12      []byte `json:"p12"`
	Password string `json:"password"`
}

func sealLabel(unitID int64, serial string) string {
	return "signing_certificate:" + strconv.FormatInt(unitID, 10) + ":" + serial
}

// AddCertificate implements signing.Service.
func (s *Store) AddCertificate(ctx context.Context, unitID int64, p12 []byte, password string) (*signing.Certificate, error) {
	u, err := user(ctx)
	if err != nil {
		return nil, err
	}
	unit, err := s.db.FindUnitByID(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if !u.Covers(thidua.PermManageSystem, unit.Path) {
		return nil, forbidden()
	}
	if s.Sealer == nil {
		return nil, signing.ErrNoKey
	}
	id, err := s.engine.ParseIdentity(p12, password)
	if err != nil {
		return nil, err
	}
	now := s.db.Now().UTC().Truncate(time.Microsecond)
	if now.After(id.Cert.NotAfter) {
		return nil, thidua.Errorf(thidua.EINVALID, "Chứng thư số đã hết hạn ngày %s.", thidua.FormatDate(id.Cert.NotAfter))
	}
	c := &signing.Certificate{UnitID: unit.ID, UnitName: unit.Name, Subject: id.Cert.Subject.String(), Name: id.Cert.Subject.CommonName,
		Issuer: id.Cert.Issuer.String(), Serial: strings.ToUpper(id.Cert.SerialNumber.Text(16)), NotAfter: id.Cert.NotAfter.UTC(), CreatedAt: now}
	plain, err := json.Marshal(sealedP12{P12: p12, Password: password})
	if err != nil {
		return nil, err
	}
	sealed := s.Sealer.Seal(plain, sealLabel(c.UnitID, c.Serial))
	err = s.db.InTx(ctx, func(t *sqldb.DB) error {
		if err := t.Queries().QueryRowContext(ctx, `INSERT INTO signing_certificates (unit_id, subject, name, issuer, serial, not_after, sealed, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			c.UnitID, c.Subject, c.Name, c.Issuer, c.Serial, c.NotAfter, sealed, c.CreatedAt).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqldb/signatures: add certificate: %w", err)
		}
		// The audit entry has the certificate's description only.
		return t.Change(ctx, thidua.ActionCreate, "signing_certificate", c.ID, nil, c, func(sqldb.Handle) error { return nil })
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

const certColumns = `c.id, c.unit_id, u.name, u.path, c.subject, c.name, c.issuer, c.serial, c.not_after, c.created_at`

func (s *Store) findCertificates(ctx context.Context, where string, args ...any) ([]*signing.Certificate, []string, error) {
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT `+certColumns+` FROM signing_certificates c JOIN units u ON u.id = c.unit_id `+where+` ORDER BY c.id DESC LIMIT 500`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqldb/signatures: certificates: %w", err)
	}
	defer rows.Close()
	var out []*signing.Certificate
	var paths []string
	for rows.Next() {
		var c signing.Certificate
		var path string
		if err := rows.Scan(&c.ID, &c.UnitID, &c.UnitName, &path, &c.Subject, &c.Name, &c.Issuer, &c.Serial, &c.NotAfter, &c.CreatedAt); err != nil {
			return nil, nil, fmt.Errorf("sqldb/signatures: scan certificate: %w", err)
		}
		c.NotAfter, c.CreatedAt = c.NotAfter.UTC(), c.CreatedAt.UTC()
		out = append(out, &c)
		paths = append(paths, path)
	}
	return out, paths, rows.Err()
}

// Certificates implements signing.Service.
func (s *Store) Certificates(ctx context.Context) ([]*signing.Certificate, error) {
	u, err := user(ctx)
	if err != nil {
		return nil, err
	}
	all, paths, err := s.findCertificates(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []*signing.Certificate
	for i, c := range all {
		if u.Covers(thidua.PermManageSystem, paths[i]) {
			out = append(out, c)
		}
	}
	return out, nil
}

// DeleteCertificate implements signing.Service.
func (s *Store) DeleteCertificate(ctx context.Context, id int64) error {
	u, err := user(ctx)
	if err != nil {
		return err
	}
	cs, paths, err := s.findCertificates(ctx, "WHERE c.id = $1", id)
	if err != nil {
		return err
	}
	if len(cs) == 0 || !u.Covers(thidua.PermManageSystem, paths[0]) {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy chứng thư số.")
	}
	return s.db.Change(ctx, thidua.ActionDelete, "signing_certificate", id, cs[0], nil, func(h sqldb.Handle) error {
		_, err := h.ExecContext(ctx, `DELETE FROM signing_certificates WHERE id = $1`, id)
		return err
	})
}

// identityFor opens the newest certificate of the unit or, without one,
// of the nearest unit above it.
func (s *Store) identityFor(ctx context.Context, unitPath string) (*signing.Identity, *signing.Certificate, error) {
	if s.Sealer == nil {
		return nil, nil, signing.ErrNoKey
	}
	ids := strings.Split(strings.Trim(unitPath, "/"), "/")
	for i := len(ids) - 1; i >= 0; i-- {
		unitID, err := strconv.ParseInt(ids[i], 10, 64)
		if err != nil {
			continue
		}
		var c signing.Certificate
		var sealed []byte
		err = s.db.Queries().QueryRowContext(ctx, `SELECT id, unit_id, subject, name, issuer, serial, not_after, sealed FROM signing_certificates
			WHERE unit_id = $1 ORDER BY id DESC LIMIT 1`, unitID).Scan(&c.ID, &c.UnitID, &c.Subject, &c.Name, &c.Issuer, &c.Serial, &c.NotAfter, &sealed)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("sqldb/signatures: certificate: %w", err)
		}
		plain, err := s.Sealer.Open(sealed, sealLabel(c.UnitID, c.Serial))
		if err != nil {
			return nil, nil, thidua.Errorf(thidua.EINVALID, "Không mở được chứng thư số đã lưu: khóa bí mật THIDUA_SECRET_KEY khác khóa lúc lưu. Hãy tải lại chứng thư số.")
		}
		var p sealedP12
		if err := json.Unmarshal(plain, &p); err != nil {
			return nil, nil, fmt.Errorf("sqldb/signatures: sealed certificate: %w", err)
		}
		id, err := s.engine.ParseIdentity(p.P12, p.Password)
		if err != nil {
			return nil, nil, err
		}
		return id, &c, nil
	}
	return nil, nil, thidua.Errorf(thidua.EINVALID, "Đơn vị ban hành chưa có chứng thư số để ký trong thidua. Quản trị viên tải chứng thư số (tệp .p12) ở trang Chữ ký số, hoặc tải bản PDF về để ký bằng thiết bị ký số rồi tải lên lại.")
}

// ---- trust anchors

// parseCerts reads certificates from PEM (any number) or one DER.
func parseCerts(data []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	rest := data
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		c, err := x509.ParseCertificate(data)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func requireRootAdmin(ctx context.Context) error {
	u, err := user(ctx)
	if err != nil {
		return err
	}
	if all, _ := u.Scope(thidua.PermManageSystem); !all {
		return forbidden()
	}
	return nil
}

// AddAnchor implements signing.Service.
func (s *Store) AddAnchor(ctx context.Context, data []byte) (*signing.Anchor, error) {
	if err := requireRootAdmin(ctx); err != nil {
		return nil, err
	}
	certs, err := parseCerts(data)
	if err != nil || len(certs) != 1 {
		return nil, thidua.Errorf(thidua.EINVALID, "Tệp không phải một chứng thư gốc (PEM hoặc DER) đọc được.")
	}
	c := certs[0]
	if !c.IsCA {
		return nil, thidua.Errorf(thidua.EINVALID, "Chứng thư “%s” không phải chứng thư của tổ chức cấp chứng thư (CA).", c.Subject.CommonName)
	}
	sum := sha256.Sum256(c.Raw)
	a := &signing.Anchor{Subject: c.Subject.String(), Serial: strings.ToUpper(c.SerialNumber.Text(16)), NotAfter: c.NotAfter.UTC(),
		CreatedAt: s.db.Now().UTC().Truncate(time.Microsecond), DER: c.Raw}
	err = s.db.InTx(ctx, func(t *sqldb.DB) error {
		if err := t.Queries().QueryRowContext(ctx, `INSERT INTO trust_anchors (subject, serial, not_after, der, fingerprint, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.Subject, a.Serial, a.NotAfter, a.DER, hex.EncodeToString(sum[:]), a.CreatedAt).Scan(&a.ID); err != nil {
			if sqldb.IsUniqueViolation(err) {
				return thidua.Errorf(thidua.ECONFLICT, "Chứng thư gốc này đã có trong danh sách.")
			}
			return fmt.Errorf("sqldb/signatures: add anchor: %w", err)
		}
		return t.Change(ctx, thidua.ActionCreate, "trust_anchor", a.ID, nil, a, func(sqldb.Handle) error { return nil })
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Anchors implements signing.Service.
func (s *Store) Anchors(ctx context.Context) ([]*signing.Anchor, error) {
	if err := requireRootAdmin(ctx); err != nil {
		return nil, err
	}
	return s.anchors(ctx)
}

func (s *Store) anchors(ctx context.Context) ([]*signing.Anchor, error) {
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT id, subject, serial, not_after, der, created_at FROM trust_anchors ORDER BY id LIMIT 1000`)
	if err != nil {
		return nil, fmt.Errorf("sqldb/signatures: anchors: %w", err)
	}
	defer rows.Close()
	var out []*signing.Anchor
	for rows.Next() {
		var a signing.Anchor
		if err := rows.Scan(&a.ID, &a.Subject, &a.Serial, &a.NotAfter, &a.DER, &a.CreatedAt); err != nil {
			return nil, fmt.Errorf("sqldb/signatures: scan anchor: %w", err)
		}
		a.NotAfter, a.CreatedAt = a.NotAfter.UTC(), a.CreatedAt.UTC()
		out = append(out, &a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return append(out, s.dirAnchors()...), nil
}

// dirAnchors reads the anchors directory: at most 1,000 files of at most
// 1 MiB each; files that are not certificates are left out.
func (s *Store) dirAnchors() []*signing.Anchor {
	if s.AnchorDir == "" {
		return nil
	}
	entries, err := os.ReadDir(s.AnchorDir)
	if err != nil {
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []*signing.Anchor
	for i, e := range entries {
		if i >= 1000 || e.IsDir() {
			continue
		}
		f, err := os.Open(filepath.Join(s.AnchorDir, e.Name()))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, 1<<20))
		f.Close()
		if err != nil {
			continue
		}
		certs, err := parseCerts(data)
		if err != nil {
			continue
		}
		for _, c := range certs {
			out = append(out, &signing.Anchor{Subject: c.Subject.String(), Serial: strings.ToUpper(c.SerialNumber.Text(16)),
				NotAfter: c.NotAfter.UTC(), FromDir: true, DER: c.Raw})
		}
	}
	return out
}

// DeleteAnchor implements signing.Service.
func (s *Store) DeleteAnchor(ctx context.Context, id int64) error {
	if err := requireRootAdmin(ctx); err != nil {
		return err
	}
	var subject string
	err := s.db.Queries().QueryRowContext(ctx, `SELECT subject FROM trust_anchors WHERE id = $1`, id).Scan(&subject)
	if errors.Is(err, sql.ErrNoRows) {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy chứng thư gốc.")
	}
	if err != nil {
		return err
	}
	return s.db.Change(ctx, thidua.ActionDelete, "trust_anchor", id, map[string]string{"subject": subject}, nil, func(h sqldb.Handle) error {
		_, err := h.ExecContext(ctx, `DELETE FROM trust_anchors WHERE id = $1`, id)
		return err
	})
}

// pool is the trust anchors as a pool, nil when there are none.
func (s *Store) pool(ctx context.Context) (*x509.CertPool, error) {
	as, err := s.anchors(ctx)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, nil
	}
	p := x509.NewCertPool()
	for _, a := range as {
		if c, err := x509.ParseCertificate(a.DER); err == nil {
			p.AddCert(c)
		}
	}
	return p, nil
}

// ---- uploaded files

// CheckFile implements signing.Service.
func (s *Store) CheckFile(ctx context.Context, key string, data []byte) (signing.Verdict, error) {
	p, err := s.pool(ctx)
	if err != nil {
		return signing.Verdict{}, err
	}
	v := s.engine.Verify(data, p)
	js, err := json.Marshal(v)
	if err != nil {
		return v, err
	}
	now := s.db.Now().UTC().Truncate(time.Microsecond)
	err = s.db.Change(ctx, thidua.ActionCreate, "file_signature", 0, nil, map[string]any{"storage_key": key, "status": v.Status, "signers": signing.SignerNames(v.Signatures)},
		func(h sqldb.Handle) error {
			_, err := h.ExecContext(ctx, `INSERT INTO file_signatures (storage_key, status, verdict, checked_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (storage_key) DO UPDATE SET status = excluded.status, verdict = excluded.verdict, checked_at = excluded.checked_at`,
				key, string(v.Status), string(js), now)
			return err
		})
	if err != nil {
		return v, fmt.Errorf("sqldb/signatures: record file check: %w", err)
	}
	return v, nil
}

// FileVerdicts implements signing.Service.
func (s *Store) FileVerdicts(ctx context.Context, keys []string) (map[string]signing.Verdict, error) {
	out := map[string]signing.Verdict{}
	for start := 0; start < len(keys); start += 200 {
		chunk := keys[start:min(start+200, len(keys))]
		var ph []string
		args := make([]any, len(chunk))
		for i, k := range chunk {
			ph = append(ph, "$"+strconv.Itoa(i+1))
			args[i] = k
		}
		rows, err := s.db.Queries().QueryContext(ctx, `SELECT storage_key, verdict FROM file_signatures WHERE storage_key IN (`+strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqldb/signatures: file verdicts: %w", err)
		}
		for rows.Next() {
			var k, js string
			if err := rows.Scan(&k, &js); err != nil {
				rows.Close()
				return nil, err
			}
			var v signing.Verdict
			if json.Unmarshal([]byte(js), &v) == nil {
				out[k] = v
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

var errNotIssued = thidua.Errorf(thidua.EINVALID, "Chỉ ký số được quyết định đã ban hành.")
