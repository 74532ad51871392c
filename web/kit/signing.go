package kit

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"thidua"
	"thidua/signing"
)

// CheckArrival checks the signatures of an uploaded PDF and records the
// verdict under its storage key. A failure to check is logged, never
// shown: the upload stands, and the file shows no verdict.
func (s *Base) CheckArrival(ctx context.Context, key, contentType string, data []byte) {
	if s.Cfg.Signing == nil || contentType != "application/pdf" {
		return
	}
	if _, err := s.Cfg.Signing.CheckFile(ctx, key, data); err != nil {
		s.Log.Error("check signatures of upload", "key", key, "err", err)
	}
}

// FileSignatures returns the recorded verdicts of files by storage key
// (empty without signing). The caller has checked the files are visible.
func (s *Base) FileSignatures(ctx context.Context, keys []string) map[string]signing.Verdict {
	if s.Cfg.Signing == nil || len(keys) == 0 {
		return nil
	}
	vs, err := s.Cfg.Signing.FileVerdicts(ctx, keys)
	if err != nil {
		s.Log.Error("file signatures", "err", err)
		return nil
	}
	return vs
}

// Signing returns the signing service, ENOTFOUND when none is set up.
func (s *Base) Signing() (signing.Service, error) {
	if s.Cfg.Signing == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chữ ký số chưa được cấu hình trên máy chủ này.")
	}
	return s.Cfg.Signing, nil
}

// SigningDecision returns the signing service and the decision of the
// request's path, the start of every signing route of both faces.
func (s *Base) SigningDecision(r *http.Request) (signing.Service, *thidua.Decision, error) {
	svc, err := s.Signing()
	if err != nil {
		return nil, nil, err
	}
	d, err := FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return nil, nil, err
	}
	return svc, d, nil
}

// ReadUpload reads the one file of a multipart field, at most limit bytes.
// The error is EINVALID in Vietnamese with the field.
func ReadUpload(r *http.Request, field string, limit int64) (*multipart.FileHeader, []byte, error) {
	files := r.MultipartForm.File[field]
	if len(files) != 1 {
		return nil, nil, FieldErr(field, "Vui lòng chọn một tệp.")
	}
	fh := files[0]
	if fh.Size > limit {
		return nil, nil, FieldErr(field, "Tệp lớn hơn "+SizeLabel(limit)+".")
	}
	fd, err := fh.Open()
	if err != nil {
		return nil, nil, FieldErr(field, "Không đọc được tệp.")
	}
	defer fd.Close()
	data, err := io.ReadAll(io.LimitReader(fd, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, nil, FieldErr(field, "Không đọc được tệp.")
	}
	return fh, data, nil
}

// FreezeDecision stores the documents of a decision just issued (the
// decision and its certificates), the bytes every later download and
// signature starts from, so that no GET has to write them. A failure is
// logged, never shown: the decision stands issued, and its first signing
// freezes what is missing.
func (s *Base) FreezeDecision(ctx context.Context, d *thidua.Decision) {
	if s.Cfg.Signing == nil || s.Cfg.Decisions == nil || d == nil || d.State != thidua.DecisionIssued {
		return
	}
	// As the pages find it, so that the bytes are those a download renders.
	id := d.ID
	d, err := s.Store.FindDecisionByID(ctx, id)
	if err != nil {
		s.Log.Error("freeze decision documents", "decision", id, "err", err)
		return
	}
	for _, kind := range []string{signing.KindDecision, signing.KindCertificates} {
		if _, err := s.Cfg.Signing.Document(ctx, d, kind, s.DecisionMaker(ctx, d, kind)); err != nil {
			s.Log.Error("freeze decision document", "decision", d.ID, "kind", kind, "err", err)
		}
	}
}

// DecisionMaker writes an issued decision's document of a kind for
// freezing: the decision with its signature block's room, or the
// certificates with the default options (not on pre-printed blanks, no
// offset), whose signature is invisible.
func (s *Base) DecisionMaker(ctx context.Context, d *thidua.Decision, kind string) signing.Maker {
	return func() ([]byte, *thidua.SignSpot, error) {
		if s.Cfg.Decisions == nil {
			return nil, nil, thidua.Errorf(thidua.ENOTFOUND, "Máy chủ này không tạo văn bản quyết định.")
		}
		var buf bytes.Buffer
		doc := &thidua.DecisionDocument{Decision: d, Agency: s.AgencyOf(ctx, d.UnitID)}
		if kind == signing.KindCertificates {
			err := s.Cfg.Decisions.CertificatesPDF(&buf, doc, thidua.CertificateOptions{})
			return buf.Bytes(), nil, err
		}
		doc.Spot = new(thidua.SignSpot)
		err := s.Cfg.Decisions.DecisionPDF(&buf, doc)
		if doc.Spot.Page == 0 {
			doc.Spot = nil
		}
		return buf.Bytes(), doc.Spot, err
	}
}

// AgencyOf writes the agency block of a document header: the superior
// body, then the unit, upper case.
func (s *Base) AgencyOf(ctx context.Context, unitID int64) string {
	u, err := s.Store.FindUnitByID(thidua.NewSystemContext(thidua.NewContextWithUser(ctx, nil)), unitID)
	if err != nil {
		return ""
	}
	agency := strings.ToUpper(u.Name)
	if u.ParentName != "" {
		agency = strings.ToUpper(u.ParentName) + "\n" + agency
	}
	return agency
}
