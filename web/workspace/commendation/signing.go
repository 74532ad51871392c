package commendation

import (
	"fmt"
	"net/http"

	"thidua"
	"thidua/signing"
	"thidua/web/kit"
)

// signingPart is what the decision page shows of digital signatures.
type signingPart struct {
	// On: signing is set up and the decision is issued.
	On bool
	// Decision and Certificates are the two documents ("" kind: none yet).
	Decision     *signing.Document
	Certificates *signing.Document
	Form         *kit.Form
}

func (s *Handler) maker(r *http.Request, d *thidua.Decision, kind string) signing.Maker {
	return s.DecisionMaker(r.Context(), d, kind)
}

// signingOf fills the decision page's signatures part. It reads the
// documents' state only: a GET never freezes (the decision's documents
// are frozen when it is issued, kit.Base.FreezeDecision).
func (s *Handler) signingOf(r *http.Request, d *thidua.Decision) signingPart {
	part := signingPart{Form: kit.NewForm()}
	if s.Cfg.Signing == nil || s.Cfg.Decisions == nil || d.State != thidua.DecisionIssued {
		return part
	}
	part.On = true
	for _, kind := range []string{signing.KindDecision, signing.KindCertificates} {
		doc, err := s.Cfg.Signing.DocumentState(r.Context(), d, kind)
		if err != nil {
			s.Log.Error("decision document", "decision", d.ID, "kind", kind, "err", err)
			continue
		}
		if kind == signing.KindDecision {
			part.Decision = doc
		} else {
			part.Certificates = doc
		}
	}
	return part
}

// frozenDocument returns the bytes to download for an issued decision's
// document of a kind (the signed file once signed); nil, nil when signing
// is not set up, for a draft, or for a document not frozen (issued before
// freezing on issue: the caller renders it, the same bytes as freezing
// would store, and the first signing freezes it).
func (s *Handler) frozenDocument(r *http.Request, d *thidua.Decision, kind string) ([]byte, error) {
	if s.Cfg.Signing == nil || d.State != thidua.DecisionIssued {
		return nil, nil
	}
	return s.Cfg.Signing.DocumentFile(r.Context(), d, kind)
}

func signKind(r *http.Request) string {
	if r.FormValue("kind") == signing.KindCertificates {
		return signing.KindCertificates
	}
	return signing.KindDecision
}

func kindName(kind string) string {
	if kind == signing.KindCertificates {
		return "Bằng khen, giấy khen"
	}
	return "Quyết định"
}

// HandleDecisionSign signs an issued decision (or its certificates) with
// the unit's certificate stored in thidua.
func (s *Handler) HandleDecisionSign(w http.ResponseWriter, r *http.Request) error {
	svc, d, err := s.SigningDecision(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	kind := signKind(r)
	doc, err := svc.SignInside(r.Context(), d, kind, s.maker(r, d, kind))
	if err != nil {
		s.signFailed(w, r, d, f, err)
		return nil
	}
	s.Flash(w, r, fmt.Sprintf("%s đã được ký số: %s.", kindName(kind), signing.SignerNames(doc.Signatures)))
	http.Redirect(w, r, "/app/decisions/"+kit.IdStr(d.ID)+"#ky-so", http.StatusSeeOther)
	return nil
}

// HandleDecisionSigned takes back a decision (or its certificates) signed
// outside thidua.
func (s *Handler) HandleDecisionSigned(w http.ResponseWriter, r *http.Request) error {
	svc, d, err := s.SigningDecision(r)
	if err != nil {
		return err
	}
	limit := s.Cfg.MaxUpload
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	f := kit.NewForm()
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		s.signFailed(w, r, d, f, kit.FieldErr("file", "Không đọc được tệp gửi lên (tối đa "+kit.SizeLabel(limit)+")."))
		return nil
	}
	defer r.MultipartForm.RemoveAll()
	kind := signKind(r)
	f.Values["kind"] = kind
	_, data, err := kit.ReadUpload(r, "file", limit)
	if err == nil {
		var doc *signing.Document
		if doc, err = svc.AcceptSigned(r.Context(), d, kind, s.maker(r, d, kind), data); err == nil {
			s.Flash(w, r, fmt.Sprintf("Đã nhận %s đã ký số: %s.", kindName(kind), signing.SignerNames(doc.Signatures)))
			http.Redirect(w, r, "/app/decisions/"+kit.IdStr(d.ID)+"#ky-so", http.StatusSeeOther)
			return nil
		}
	}
	if thidua.ErrorCode(err) == thidua.EINVALID {
		if _, ok := err.(*thidua.Error); ok && len(err.(*thidua.Error).Fields) == 0 {
			err = kit.FieldErr("file", thidua.ErrorMessage(err))
		}
	}
	s.signFailed(w, r, d, f, err)
	return nil
}

func (s *Handler) signFailed(w http.ResponseWriter, r *http.Request, d *thidua.Decision, f *kit.Form, err error) {
	s.FormFailed(w, r, f, err, "decision.html", func() (kit.View, error) {
		p := s.decisionPage(r, d, nil)
		p.Signing.Form = f
		p.Error = f.Error
		return p, nil
	})
}
