package pades

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"

	"thidua/signing"
)

// oidTimeStampToken is id-aa-timeStampToken (RFC 3161 Appendix A), the
// unsigned attribute that carries a PAdES B-T signature's timestamp.
var oidTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}

// Verify checks every signature of a PDF held in memory (the caller bounds
// its size: uploads are limited by the web's upload limit). anchors are
// the trust anchors; nil or empty makes every verifying signature
// UnknownIssuer. It never fails: a file that cannot be read gets Invalid
// with the reason, a PDF without signatures gets None.
func Verify(data []byte, anchors *x509.CertPool) (v signing.Verdict) {
	defer func() {
		// The PDF reader panics on some malformed files.
		if r := recover(); r != nil {
			v = signing.Verdict{Status: signing.Invalid, Problem: "Không đọc được cấu trúc tệp PDF."}
		}
	}()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return signing.Verdict{Status: signing.None}
	}
	rdr, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A PDF the reader cannot open may still carry a signature.
		if bytes.Contains(data, []byte("/ByteRange")) {
			return signing.Verdict{Status: signing.Invalid, Problem: "Không đọc được cấu trúc tệp PDF có chữ ký."}
		}
		return signing.Verdict{Status: signing.None}
	}
	seen := map[string]bool{}
	var walk func(fields pdf.Value, depth int)
	walk = func(fields pdf.Value, depth int) {
		for i := 0; i < fields.Len() && depth < 8; i++ {
			f := fields.Index(i)
			if kids := f.Key("Kids"); kids.Kind() == pdf.Array {
				walk(kids, depth+1)
			}
			if f.Key("FT").Name() != "Sig" {
				continue
			}
			obj := f.Key("V")
			if obj.Kind() != pdf.Dict || obj.Key("ByteRange").IsNull() || obj.Key("Contents").IsNull() {
				continue
			}
			raw := obj.Key("Contents").RawString()
			if seen[raw] {
				continue
			}
			seen[raw] = true
			v.Signatures = append(v.Signatures, checkSignature(obj, data, anchors))
		}
	}
	walk(rdr.Trailer().Key("Root").Key("AcroForm").Key("Fields"), 0)
	if len(v.Signatures) == 0 && bytes.Contains(data, []byte("/ByteRange")) {
		return signing.Verdict{Status: signing.Invalid, Problem: "Tệp có dấu hiệu chữ ký số nhưng không đọc được chữ ký."}
	}
	v.Summarize(int64(len(data)))
	return v
}

func checkSignature(obj pdf.Value, data []byte, anchors *x509.CertPool) signing.Signature {
	s := signing.Signature{Status: signing.Invalid}
	br := obj.Key("ByteRange")
	if br.Len() != 4 {
		s.Problem = "Phạm vi ký (ByteRange) không hợp lệ."
		return s
	}
	var r [4]int64
	for i := range r {
		r[i] = br.Index(i).Int64()
	}
	size := int64(len(data))
	if r[0] != 0 || r[1] < 0 || r[2] < r[1] || r[3] < 0 || r[2]+r[3] > size {
		s.Problem = "Phạm vi ký (ByteRange) không hợp lệ."
		return s
	}
	s.Revision = r[2] + r[3]
	// The gap must be exactly the hex string of /Contents: nothing else
	// may hide outside the signed bytes.
	gap := data[r[1]:r[2]]
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' {
		s.Problem = "Phần không được ký của tệp không phải là chữ ký."
		return s
	}
	p7, err := pkcs7.Parse([]byte(obj.Key("Contents").RawString()))
	if err != nil {
		s.Problem = "Không đọc được chữ ký (CMS)."
		return s
	}
	cert := p7.GetOnlySigner()
	if cert != nil {
		s.Subject = cert.Subject.String()
		s.Name = cert.Subject.CommonName
		if len(cert.Subject.Organization) > 0 {
			s.Organization = cert.Subject.Organization[0]
		}
		s.Issuer = cert.Issuer.String()
		s.Serial = serialHex(cert.SerialNumber)
	}
	if m := obj.Key("M").Text(); m != "" {
		if t, ok := parsePDFDate(m); ok {
			s.SignedAt = t
		}
	}
	var st time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &st); err == nil {
		s.SignedAt = st.UTC()
	}
	content := make([]byte, 0, r[1]+r[3])
	content = append(content, data[r[0]:r[0]+r[1]]...)
	content = append(content, data[r[2]:r[2]+r[3]]...)
	p7.Content = content
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			s.Status = signing.Modified
			s.Problem = "Nội dung tệp đã bị thay đổi sau khi ký."
		} else if strings.Contains(err.Error(), "outside of certificate validity") {
			s.Problem = "Thời điểm ký nằm ngoài thời hạn của chứng thư số."
		} else {
			s.Problem = "Chữ ký không khớp với chứng thư số của người ký."
		}
		return s
	}
	if cert == nil {
		s.Problem = "Chữ ký không có đúng một người ký."
		return s
	}
	if len(p7.Signers) == 1 {
		for _, attr := range p7.Signers[0].UnauthenticatedAttributes {
			if !attr.Type.Equal(oidTimeStampToken) {
				continue
			}
			ts, err := timestamp.Parse(attr.Value.Bytes)
			if err != nil {
				s.Problem = "Không đọc được dấu thời gian của chữ ký."
				return s
			}
			h := ts.HashAlgorithm.New()
			h.Write(p7.Signers[0].EncryptedDigest)
			if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
				s.Problem = "Dấu thời gian không khớp với chữ ký."
				return s
			}
			s.SignedAt, s.Timestamped = ts.Time.UTC(), true
		}
	}
	if anchors == nil {
		s.Status = signing.UnknownIssuer
		s.Problem = "Không xác định được tổ chức cấp chứng thư."
		return s
	}
	inter := x509.NewCertPool()
	for _, c := range p7.Certificates {
		inter.AddCert(c)
	}
	at := s.SignedAt
	if at.IsZero() {
		at = time.Now()
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: anchors, Intermediates: inter, CurrentTime: at, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		var unknown x509.UnknownAuthorityError
		if errors.As(err, &unknown) {
			s.Status = signing.UnknownIssuer
			s.Problem = "Không xác định được tổ chức cấp chứng thư."
			return s
		}
		s.Problem = "Chứng thư số của người ký không hợp lệ: " + certProblem(err)
		return s
	}
	s.Status, s.Problem = signing.Valid, ""
	return s
}

func certProblem(err error) string {
	var inv x509.CertificateInvalidError
	if errors.As(err, &inv) && inv.Reason == x509.Expired {
		return "hết hạn hoặc chưa có hiệu lực vào thời điểm ký."
	}
	return "không dựng được chuỗi chứng thư."
}

// serialHex writes a certificate serial as upper-case hex, as readers show it.
func serialHex(n *big.Int) string {
	if n == nil {
		return ""
	}
	return strings.ToUpper(n.Text(16))
}

// parsePDFDate reads a PDF date "D:20261202081500+07'00'".
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z", "20060102150405", "20060102150405Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
