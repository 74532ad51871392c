// Package signing holds what thidua knows about digitally signed PDFs,
// whatever library reads or writes them: the verdict on a file's
// signatures (none, valid, issuer unknown, invalid, changed after
// signing), who signed and when, the rule that a decision signed outside
// thidua must be the issued document plus signatures, and the sealing of
// the agency's certificate under the server's secret key.
//
// Legal frame: Luật Giao dịch điện tử 2023 (Luật số 20/2023/QH15) Điều 22–24
// on digital signatures and their validity; Nghị định 30/2020/NĐ-CP Điều 8
// and Phụ lục I, mục II on the digitally signed administrative document
// and the appearance of the signer's and the agency's signatures.
package signing

import (
	"strings"
	"time"

	"thidua"
)

// Status is the verdict on one signature or on a whole file.
type Status string

// The verdicts, from best to worst.
const (
	// None: the file carries no signature.
	None Status = "NONE"
	// Valid: the signature matches the bytes it covers and its certificate
	// chains to a trust anchor the administrator provided.
	Valid Status = "VALID"
	// UnknownIssuer: the signature matches, but its certificate chains to
	// none of the trust anchors.
	UnknownIssuer Status = "UNKNOWN_ISSUER"
	// Modified: the bytes a signature covers were changed, or bytes were
	// added after the last signature.
	Modified Status = "MODIFIED"
	// Invalid: the signature cannot be read or does not verify.
	Invalid Status = "INVALID"
)

// Statuses lists the verdicts with their labels.
var Statuses = []thidua.Option{
	{Code: string(None), Label: "Không có chữ ký số"},
	{Code: string(Valid), Label: "Chữ ký số hợp lệ"},
	{Code: string(UnknownIssuer), Label: "Chữ ký số đúng nhưng không xác định được tổ chức cấp chứng thư"},
	{Code: string(Modified), Label: "Tệp đã bị thay đổi sau khi ký"},
	{Code: string(Invalid), Label: "Chữ ký số không hợp lệ"},
}

// Label is the status in Vietnamese.
func (s Status) Label() string { return thidua.Label(Statuses, string(s)) }

// rank orders the statuses: a file is as good as its worst signature.
func (s Status) rank() int {
	switch s {
	case Valid:
		return 1
	case UnknownIssuer:
		return 2
	case Modified:
		return 3
	case Invalid:
		return 4
	}
	return 0
}

// Signature is what is known of one signature in a file.
type Signature struct {
	Status Status `json:"status"`
	// Subject is the signer's certificate subject, Name its common name.
	Subject string `json:"subject"`
	Name    string `json:"name"`
	// Organization is the certificate's O, the agency of a seal.
	Organization string `json:"organization,omitempty"`
	Issuer       string `json:"issuer"`
	Serial       string `json:"serial"`
	// SignedAt is the time of a trusted timestamp when the signature has
	// one (Timestamped), the time the signer's software claims otherwise.
	SignedAt    time.Time `json:"signed_at,omitzero"`
	Timestamped bool      `json:"timestamped"`
	// Revision is how many bytes of the file the signature covers: the
	// signed revision ends there.
	Revision int64 `json:"revision"`
	// Problem says in Vietnamese what is wrong when Status is not Valid.
	Problem string `json:"problem,omitempty"`
}

// Verdict is the result of checking a file's signatures.
type Verdict struct {
	Status     Status      `json:"status"`
	Signatures []Signature `json:"signatures"`
	// Problem is set when the file as a whole fails, e.g. it is not a PDF
	// that can be read, or bytes follow the last signed revision.
	Problem string `json:"problem,omitempty"`
}

// Summarize sets v.Status to the worst of its signatures' (None without
// any), Modified when size bytes run past the last signed revision.
func (v *Verdict) Summarize(size int64) {
	if len(v.Signatures) == 0 {
		if v.Status == "" {
			v.Status = None
		}
		return
	}
	worst, last := Valid, int64(0)
	for _, s := range v.Signatures {
		if s.Status.rank() > worst.rank() {
			worst = s.Status
		}
		last = max(last, s.Revision)
	}
	if last < size && Modified.rank() > worst.rank() {
		worst = Modified
		v.Problem = "Tệp có nội dung được thêm vào sau chữ ký cuối cùng."
	}
	v.Status = worst
}

// Text describes the verdict in one line: the status and, for signatures
// that verify, who signed and when (dd/mm/yyyy hh:mm).
func (v Verdict) Text() string {
	if v.Status == None || v.Status == "" {
		return None.Label()
	}
	var parts []string
	for _, s := range v.Signatures {
		parts = append(parts, s.Text())
	}
	out := v.Status.Label()
	if len(parts) > 0 {
		out += ": " + strings.Join(parts, "; ")
	}
	return out
}

// Text is "Nguyễn Văn A (Sở Nội vụ), 02/12/2026 08:15".
func (s Signature) Text() string {
	out := s.Name
	if out == "" {
		out = s.Subject
	}
	if s.Organization != "" && s.Organization != s.Name {
		out += " (" + s.Organization + ")"
	}
	if !s.SignedAt.IsZero() {
		out += ", " + thidua.FormatDateTime(s.SignedAt)
	}
	return out
}

// CheckSignedRevision applies the rule for a decision signed outside
// thidua: the upload must be exactly the issued document plus signatures
// added by incremental update — its first len(issued) bytes are the issued
// bytes, every signature verifies and chains to a trust anchor, the first
// signed revision reaches at least the end of the issued document and the
// last one is the whole upload. The error is EINVALID with the reason in
// Vietnamese.
func CheckSignedRevision(issued, upload []byte, v Verdict) error {
	if len(upload) <= len(issued) || string(upload[:len(issued)]) != string(issued) {
		return thidua.Errorf(thidua.EINVALID, "Tệp tải lên không phải văn bản đã ban hành được ký thêm: phần đầu tệp khác bản gốc (chỉ được ký số, không được sửa hay lưu lại tệp).")
	}
	if len(v.Signatures) == 0 {
		return thidua.Errorf(thidua.EINVALID, "Tệp tải lên không có chữ ký số.")
	}
	for i, s := range v.Signatures {
		if s.Status != Valid {
			msg := s.Problem
			if msg == "" {
				msg = s.Status.Label()
			}
			return thidua.Errorf(thidua.EINVALID, "Chữ ký số thứ %d (%s): %s", i+1, s.Text(), msg)
		}
		if s.Revision < int64(len(issued)) {
			return thidua.Errorf(thidua.EINVALID, "Chữ ký số thứ %d không bao trùm toàn bộ văn bản đã ban hành.", i+1)
		}
	}
	if v.Status != Valid {
		msg := v.Problem
		if msg == "" {
			msg = v.Status.Label()
		}
		return thidua.Errorf(thidua.EINVALID, "%s", msg)
	}
	return nil
}

// SignerNames joins the signatures' names for a one-line list.
func SignerNames(sigs []Signature) string {
	var names []string
	for _, s := range sigs {
		names = append(names, s.Text())
	}
	return strings.Join(names, "; ")
}
