package signatures

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"thidua"
	"thidua/signing"
	"thidua/sqldb"
)

func checkKind(kind string) error {
	if kind != signing.KindDecision && kind != signing.KindCertificates {
		return thidua.Errorf(thidua.EINVALID, "Loại văn bản không hợp lệ.")
	}
	return nil
}

func findDocument(ctx context.Context, h sqldb.Handle, decisionID int64, kind string) (*signing.Document, error) {
	var doc signing.Document
	var spot, sigs string
	var signedAt sql.NullTime
	err := h.QueryRowContext(ctx, `SELECT decision_id, kind, issued, spot, signed, method, signatures, signed_at FROM signed_documents
		WHERE decision_id = $1 AND kind = $2`, decisionID, kind).Scan(&doc.DecisionID, &doc.Kind, &doc.Issued, &spot, &doc.Signed, &doc.Method, &sigs, &signedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb/signatures: document: %w", err)
	}
	if spot != "" && spot != "null" {
		doc.Spot = new(thidua.SignSpot)
		if err := json.Unmarshal([]byte(spot), doc.Spot); err != nil {
			return nil, fmt.Errorf("sqldb/signatures: document spot: %w", err)
		}
	}
	if err := json.Unmarshal([]byte(sigs), &doc.Signatures); err != nil {
		return nil, fmt.Errorf("sqldb/signatures: document signatures: %w", err)
	}
	if signedAt.Valid {
		doc.SignedAt = signedAt.Time.UTC()
	}
	doc.IssuedSize, doc.SignedSize = int64(len(doc.Issued)), int64(len(doc.Signed))
	return &doc, nil
}

// checkRead is the start of the reads: a signed-in user (the decision was
// found through the decision service), a known kind, an issued decision.
func checkRead(ctx context.Context, d *thidua.Decision, kind string) error {
	if _, err := user(ctx); err != nil {
		return err
	}
	if err := checkKind(kind); err != nil {
		return err
	}
	if d.State != thidua.DecisionIssued {
		return errNotIssued
	}
	return nil
}

// DocumentState implements signing.Service: one row read, without the
// files' bytes.
func (s *Store) DocumentState(ctx context.Context, d *thidua.Decision, kind string) (*signing.Document, error) {
	if err := checkRead(ctx, d, kind); err != nil {
		return nil, err
	}
	doc := signing.Document{DecisionID: d.ID, Kind: kind}
	var sigs string
	var signedAt sql.NullTime
	err := s.db.Queries().QueryRowContext(ctx, `SELECT LENGTH(issued), COALESCE(LENGTH(signed), 0), method, signatures, signed_at FROM signed_documents
		WHERE decision_id = $1 AND kind = $2`, d.ID, kind).Scan(&doc.IssuedSize, &doc.SignedSize, &doc.Method, &sigs, &signedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return &doc, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb/signatures: document state: %w", err)
	}
	if err := json.Unmarshal([]byte(sigs), &doc.Signatures); err != nil {
		return nil, fmt.Errorf("sqldb/signatures: document signatures: %w", err)
	}
	if signedAt.Valid {
		doc.SignedAt = signedAt.Time.UTC()
	}
	return &doc, nil
}

// DocumentFile implements signing.Service: the signed file, or the
// issued one, read alone.
func (s *Store) DocumentFile(ctx context.Context, d *thidua.Decision, kind string) ([]byte, error) {
	if err := checkRead(ctx, d, kind); err != nil {
		return nil, err
	}
	var file []byte
	err := s.db.Queries().QueryRowContext(ctx, `SELECT CASE WHEN COALESCE(LENGTH(signed), 0) > 0 THEN signed ELSE issued END FROM signed_documents
		WHERE decision_id = $1 AND kind = $2`, d.ID, kind).Scan(&file)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb/signatures: document file: %w", err)
	}
	return file, nil
}

// Document implements signing.Service. d must be found through the
// decision service (which checks it is visible to the user).
func (s *Store) Document(ctx context.Context, d *thidua.Decision, kind string, make signing.Maker) (*signing.Document, error) {
	if err := checkRead(ctx, d, kind); err != nil {
		return nil, err
	}
	doc, err := findDocument(ctx, s.db.Queries(), d.ID, kind)
	if err != nil || doc != nil {
		return doc, err
	}
	data, spot, err := make()
	if err != nil {
		return nil, err
	}
	js, _ := json.Marshal(spot)
	now := s.db.Now().UTC().Truncate(time.Microsecond)
	// Two first downloads at once: the first insert wins, both read it.
	if _, err := s.db.Queries().ExecContext(ctx, `INSERT INTO signed_documents (decision_id, kind, issued, spot, method, signatures, created_at)
		VALUES ($1, $2, $3, $4, '', '[]', $5) ON CONFLICT (decision_id, kind) DO NOTHING`, d.ID, kind, data, string(js), now); err != nil {
		return nil, fmt.Errorf("sqldb/signatures: freeze document: %w", err)
	}
	doc, err = findDocument(ctx, s.db.Queries(), d.ID, kind)
	if err == nil && doc == nil {
		err = fmt.Errorf("sqldb/signatures: frozen document missing")
	}
	return doc, err
}

func (s *Store) mayPublish(ctx context.Context, d *thidua.Decision) error {
	u, err := user(ctx)
	if err != nil {
		return err
	}
	if !u.Covers(thidua.PermManageCampaigns, d.UnitPath) {
		return forbidden()
	}
	return nil
}

// SignInside implements signing.Service.
func (s *Store) SignInside(ctx context.Context, d *thidua.Decision, kind string, make signing.Maker) (*signing.Document, error) {
	if err := s.mayPublish(ctx, d); err != nil {
		return nil, err
	}
	doc, err := s.Document(ctx, d, kind, make)
	if err != nil {
		return nil, err
	}
	if doc.IsSigned() {
		return nil, thidua.Errorf(thidua.EINVALID, "Văn bản đã được ký số. Chữ ký tiếp theo (ví dụ của người có thẩm quyền) được ký bằng thiết bị ký số: tải bản đã ký về, ký thêm rồi tải lên.")
	}
	id, cert, err := s.identityFor(ctx, d.UnitPath)
	if err != nil {
		return nil, err
	}
	now := s.db.Now().UTC().Truncate(time.Second)
	if now.After(cert.NotAfter) {
		return nil, thidua.Errorf(thidua.EINVALID, "Chứng thư số của đơn vị đã hết hạn ngày %s.", thidua.FormatDate(cert.NotAfter))
	}
	req := signing.Request{Signer: d.Signer.Name, Agency: d.UnitName, Reason: "Ban hành " + d.Ref(), Location: d.Place, Time: now, Spot: doc.Spot}
	if cert.Name != "" && cert.Name != d.Signer.Name {
		req.Signer = cert.Name
	}
	signed, err := s.engine.Sign(doc.File(), id, req)
	if err != nil {
		return nil, fmt.Errorf("sqldb/signatures: sign: %w", err)
	}
	return s.store(ctx, d, doc, signed, signing.MethodInside)
}

// AcceptSigned implements signing.Service.
func (s *Store) AcceptSigned(ctx context.Context, d *thidua.Decision, kind string, make signing.Maker, upload []byte) (*signing.Document, error) {
	if err := s.mayPublish(ctx, d); err != nil {
		return nil, err
	}
	doc, err := s.Document(ctx, d, kind, make)
	if err != nil {
		return nil, err
	}
	if doc.IsSigned() && bytes.Equal(doc.Signed, upload) {
		return nil, thidua.Errorf(thidua.EINVALID, "Tệp tải lên trùng với bản đã ký, không có chữ ký mới.")
	}
	return s.store(ctx, d, doc, upload, signing.MethodOutside)
}

// store checks signed against the document's current file (the issued
// one, or the signed one when more signatures are added) and records it.
func (s *Store) store(ctx context.Context, d *thidua.Decision, doc *signing.Document, signed []byte, method string) (*signing.Document, error) {
	p, err := s.pool(ctx)
	if err != nil {
		return nil, err
	}
	v := s.engine.Verify(signed, p)
	if err := signing.CheckSignedRevision(doc.Issued, signed, v); err != nil {
		return nil, err
	}
	// Every earlier signature must still be there: the file only grew.
	if !bytes.HasPrefix(signed, doc.File()) || len(signed) == len(doc.File()) {
		return nil, thidua.Errorf(thidua.EINVALID, "Tệp tải lên phải là bản đã ký trước đó được ký thêm.")
	}
	before := map[string]any{"kind": doc.Kind, "method": doc.Method, "signers": signing.SignerNames(doc.Signatures)}
	js, err := json.Marshal(v.Signatures)
	if err != nil {
		return nil, err
	}
	now := s.db.Now().UTC().Truncate(time.Microsecond)
	after := map[string]any{"kind": doc.Kind, "method": method, "signers": signing.SignerNames(v.Signatures), "size": len(signed)}
	err = s.db.Change(ctx, thidua.ActionUpdate, "decision_signature", d.ID, before, after, func(h sqldb.Handle) error {
		// The length guard makes two signings at once: the second fails
		// instead of dropping the first one's signature.
		res, err := h.ExecContext(ctx, `UPDATE signed_documents SET signed = $1, method = $2, signatures = $3, signed_at = $4
			WHERE decision_id = $5 AND kind = $6 AND COALESCE(LENGTH(signed), 0) = $7`, signed, method, string(js), now, d.ID, doc.Kind, len(doc.Signed))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return thidua.Errorf(thidua.ECONFLICT, "Văn bản vừa được ký bởi người khác, vui lòng tải lại trang.")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	doc.Signed, doc.Method, doc.Signatures, doc.SignedAt = signed, method, v.Signatures, now
	doc.SignedSize = int64(len(signed))
	return doc, nil
}
