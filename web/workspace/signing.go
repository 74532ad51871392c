package workspace

import (
	"net/http"

	"thidua"
	"thidua/signing"
	"thidua/web/kit"
)

// signingPage is the administrator's page of digital signatures: the
// agencies' certificates and the trust anchors.
type signingPage struct {
	kit.Page
	Certificates []*signing.Certificate
	Anchors      []*signing.Anchor
	// Units are the agencies a certificate can be stored for.
	Units      []*thidua.Unit
	CertForm   *kit.Form
	AnchorForm *kit.Form
	// RootAdmin may manage the trust anchors (installation-wide).
	RootAdmin bool
	Error     string
}

func (s *Handler) signingPage(r *http.Request, svc signing.Service) (*signingPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	p := &signingPage{Page: kit.Page{Title: "Chữ ký số", Nav: "system"}, CertForm: kit.NewForm(), AnchorForm: kit.NewForm()}
	p.RootAdmin, _ = me.Scope(thidua.PermManageSystem)
	var err error
	if p.Certificates, err = svc.Certificates(ctx); err != nil {
		return nil, err
	}
	if p.RootAdmin {
		if p.Anchors, err = svc.Anchors(ctx); err != nil {
			return nil, err
		}
	}
	units, _, err := s.Store.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if me.Covers(thidua.PermManageSystem, u.Path) {
			p.Units = append(p.Units, u)
		}
	}
	return p, nil
}

// HandleSigning shows the certificates and trust anchors.
func (s *Handler) HandleSigning(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.Signing()
	if err != nil {
		return err
	}
	p, err := s.signingPage(r, svc)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "signing.html", p)
	return nil
}

// signingUpload parses a multipart form of the signing page; fail renders
// the page with the form's errors.
func (s *Handler) signingUpload(w http.ResponseWriter, r *http.Request, svc signing.Service, anchor bool, act func(f *kit.Form, data []byte) (string, error)) error {
	f := kit.NewForm()
	limit := int64(1 << 20) // a certificate file is a few kilobytes
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	fail := func(err error) {
		s.FormFailed(w, r, f, err, "signing.html", func() (kit.View, error) {
			p, perr := s.signingPage(r, svc)
			if perr != nil {
				return nil, perr
			}
			if anchor {
				p.AnchorForm = f
			} else {
				p.CertForm = f
			}
			p.Error = f.Error
			return p, nil
		})
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		fail(kit.FieldErr("file", "Không đọc được tệp gửi lên (tối đa "+kit.SizeLabel(limit)+")."))
		return nil
	}
	defer r.MultipartForm.RemoveAll()
	_, data, err := kit.ReadUpload(r, "file", limit)
	if err != nil {
		fail(err)
		return nil
	}
	msg, err := act(f, data)
	if err != nil {
		if te, ok := err.(*thidua.Error); ok && te.Code == thidua.EINVALID && len(te.Fields) == 0 {
			err = kit.FieldErr("file", te.Message)
		}
		fail(err)
		return nil
	}
	s.Flash(w, r, msg)
	http.Redirect(w, r, "/app/signing", http.StatusSeeOther)
	return nil
}

// HandleCertificateUpload stores an agency's PKCS#12 certificate.
func (s *Handler) HandleCertificateUpload(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.Signing()
	if err != nil {
		return err
	}
	return s.signingUpload(w, r, svc, false, func(f *kit.Form, data []byte) (string, error) {
		f.Values["unit_id"] = r.FormValue("unit_id")
		unitID := f.Int("unit_id", "Vui lòng chọn đơn vị.")
		if err := f.FieldsErr(); err != nil {
			return "", err
		}
		c, err := svc.AddCertificate(r.Context(), unitID, data, r.FormValue("password"))
		if err != nil {
			return "", err
		}
		return "Đã lưu chứng thư số của " + c.Name + " cho " + c.UnitName + ".", nil
	})
}

// HandleAnchorUpload stores a trust anchor.
func (s *Handler) HandleAnchorUpload(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.Signing()
	if err != nil {
		return err
	}
	return s.signingUpload(w, r, svc, true, func(f *kit.Form, data []byte) (string, error) {
		a, err := svc.AddAnchor(r.Context(), data)
		if err != nil {
			return "", err
		}
		return "Đã thêm chứng thư gốc " + a.Subject + ".", nil
	})
}

// HandleCertificateDelete removes a stored certificate.
func (s *Handler) HandleCertificateDelete(w http.ResponseWriter, r *http.Request) error {
	return s.signingDelete(w, r, func(svc signing.Service, id int64) error { return svc.DeleteCertificate(r.Context(), id) }, "Đã xóa chứng thư số.")
}

// HandleAnchorDelete removes a stored trust anchor.
func (s *Handler) HandleAnchorDelete(w http.ResponseWriter, r *http.Request) error {
	return s.signingDelete(w, r, func(svc signing.Service, id int64) error { return svc.DeleteAnchor(r.Context(), id) }, "Đã xóa chứng thư gốc.")
}

func (s *Handler) signingDelete(w http.ResponseWriter, r *http.Request, del func(signing.Service, int64) error, msg string) error {
	svc, err := s.Signing()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := del(svc, id); err != nil {
		return err
	}
	s.Flash(w, r, msg)
	http.Redirect(w, r, "/app/signing", http.StatusSeeOther)
	return nil
}
