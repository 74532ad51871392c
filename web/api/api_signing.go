package api

import (
	"net/http"
	"time"

	"thidua/signing"
	"thidua/web/kit"
)

// SignedDocument is the signing state of one of an issued decision's
// documents (the decision, or its certificates).
type SignedDocument struct {
	Kind string `json:"kind"`
	// Signed: the document carries signatures, and the signed file is
	// what is downloaded.
	Signed     bool                `json:"signed"`
	Method     string              `json:"method,omitempty"`
	SignedAt   time.Time           `json:"signed_at,omitzero"`
	Signatures []signing.Signature `json:"signatures"`
}

// DecisionSignatures is the signing state of an issued decision.
type DecisionSignatures struct {
	DecisionID   int64          `json:"decision_id"`
	Decision     SignedDocument `json:"decision"`
	Certificates SignedDocument `json:"certificates"`
}

// SignInput names the document to sign: "decision" (default) or
// "certificates".
type SignInput struct {
	Kind string `json:"kind,omitempty"`
}

// SignedUpload is a document signed outside thidua: the PDF (base64).
type SignedUpload struct {
	Kind string `json:"kind,omitempty"`
	PDF  []byte `json:"pdf"`
}

func signedOut(doc *signing.Document) SignedDocument {
	out := SignedDocument{Kind: doc.Kind, Signed: doc.IsSigned(), Method: doc.Method, SignedAt: doc.SignedAt, Signatures: doc.Signatures}
	if out.Signatures == nil {
		out.Signatures = []signing.Signature{}
	}
	return out
}

func inputKind(k string) (string, error) {
	switch k {
	case "", signing.KindDecision:
		return signing.KindDecision, nil
	case signing.KindCertificates:
		return k, nil
	}
	return "", kit.FieldErr("kind", "Loại văn bản phải là decision hoặc certificates.")
}

// GetDecisionSignatures answers the signing state of an issued decision.
func (s *Handler) GetDecisionSignatures(w http.ResponseWriter, r *http.Request) error {
	svc, d, err := s.SigningDecision(r)
	if err != nil {
		return err
	}
	out := DecisionSignatures{DecisionID: d.ID}
	for _, kind := range []string{signing.KindDecision, signing.KindCertificates} {
		doc, err := svc.DocumentState(r.Context(), d, kind)
		if err != nil {
			return err
		}
		if kind == signing.KindDecision {
			out.Decision = signedOut(doc)
		} else {
			out.Certificates = signedOut(doc)
		}
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// SignDecision signs an issued decision's document with the unit's
// stored certificate.
func (s *Handler) SignDecision(w http.ResponseWriter, r *http.Request) error {
	svc, d, err := s.SigningDecision(r)
	if err != nil {
		return err
	}
	var in SignInput
	if _, err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	kind, err := inputKind(in.Kind)
	if err != nil {
		return err
	}
	doc, err := svc.SignInside(r.Context(), d, kind, s.DecisionMaker(r.Context(), d, kind))
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, signedOut(doc))
	return nil
}

// UploadSignedDecision takes back a document signed outside thidua.
func (s *Handler) UploadSignedDecision(w http.ResponseWriter, r *http.Request) error {
	svc, d, err := s.SigningDecision(r)
	if err != nil {
		return err
	}
	var in SignedUpload
	// base64 makes the body a third larger than the file.
	if _, err := decodeBodyLimit(w, r, &in, false, s.Cfg.MaxUpload/3*4+64<<10); err != nil {
		return err
	}
	kind, err := inputKind(in.Kind)
	if err != nil {
		return err
	}
	if len(in.PDF) == 0 {
		return kit.FieldErr("pdf", "Thiếu tệp PDF đã ký (base64).")
	}
	doc, err := svc.AcceptSigned(r.Context(), d, kind, s.DecisionMaker(r.Context(), d, kind), in.PDF)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, signedOut(doc))
	return nil
}

// signingOps documents the operations of this file (openapi.go).
var signingOps = map[string]apiOp{
	"GET /api/v1/decisions/{id}/signatures": {ID: "getDecisionSignatures", Tag: oaTagDecisions, Summary: "Chữ ký số của quyết định",
		Desc: "Quyết định đã ban hành và bằng khen, giấy khen kèm theo: đã ký số chưa, ai ký (chủ thể, tổ chức cấp, số sê-ri chứng thư), lúc nào. " +
			"Dự thảo: 422. Máy chủ không bật chữ ký số: 404." + oaScopeNote,
		Status: http.StatusOK, Result: DecisionSignatures{}, Errors: []int{404, 422}},
	"POST /api/v1/decisions/{id}/sign": {ID: "signDecision", Tag: oaTagDecisions, Summary: "Ký số quyết định bằng chứng thư của đơn vị",
		Desc: "Ký PAdES (B-B; B-T khi có máy chủ dấu thời gian) bằng chứng thư số của đơn vị ban hành lưu trong thidua, hình chữ ký hiện ở khối chữ ký. " +
			"Chưa có chứng thư, chưa đặt THIDUA_SECRET_KEY, đã ký hoặc chữ ký không kiểm tra được với chứng thư gốc tin cậy: 422.",
		Body: SignInput{}, Status: http.StatusOK, Result: SignedDocument{}, Errors: []int{404, 409, 422}},
	"PUT /api/v1/decisions/{id}/signed": {ID: "uploadSignedDecision", Tag: oaTagDecisions, Summary: "Gửi lại quyết định đã ký số ngoài thidua",
		Desc: "Tệp phải đúng từng byte là văn bản đã ban hành (bản tải về) cộng thêm chữ ký số (cập nhật tăng dần); mọi chữ ký phải hợp lệ và " +
			"thuộc chứng thư gốc tin cậy. Sai: 422, không thay đổi gì.",
		Body: SignedUpload{}, Status: http.StatusOK, Result: SignedDocument{}, Errors: []int{404, 409, 422}},
}
