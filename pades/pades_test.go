package pades_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/pades"
	"thidua/pades/padestest"
	"thidua/report"
	"thidua/signing"
)

func decisionPDF(t *testing.T) ([]byte, thidua.SignSpot) {
	t.Helper()
	d := &thidua.Decision{
		ID: 3, UnitID: 1, Issuer: "VPUBND", Year: 2026, Number: 5,
		Place: "Hà Tĩnh", Date: thidua.NewDate(2026, time.February, 5),
		Title:     "Về việc tặng Giấy khen năm 2025",
		Authority: "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
		Signer:    thidua.Signer{Authority: "KT.", OnBehalf: "Chánh Văn phòng", Post: "Phó Chánh Văn phòng", Name: "Nguyễn Văn An"},
		CC:        []string{"Như Điều 3;", "Lưu: VT, HCTC."},
		State:     thidua.DecisionIssued, UnitName: "Văn phòng UBND tỉnh",
		Recipients: []thidua.Recipient{{Subject: thidua.SubjectPerson, SubjectID: 1, Name: "Trần Thị Bình", UnitName: "Phòng Tổng hợp",
			Award: thidua.FormGK, AwardType: thidua.AwardCongTrang, MoneyVND: 300_000, Basis: "thực hiện nhiệm vụ năm 2025"}},
	}
	var spot thidua.SignSpot
	var buf bytes.Buffer
	if err := report.DecisionPDF(&buf, d, report.DecisionOptions{Spot: &spot}); err != nil {
		t.Fatal(err)
	}
	if spot.Page == 0 || spot.W <= 0 {
		t.Fatalf("spot=%+v, want the signature block's room", spot)
	}
	return buf.Bytes(), spot
}

func signDecision(t *testing.T, ca *padestest.CA, tsa string) (unsigned, signed []byte) {
	t.Helper()
	unsigned, spot := decisionPDF(t)
	at := time.Date(2026, 2, 5, 3, 4, 5, 0, time.UTC)
	img, err := pades.Appearance{Signer: "Nguyễn Văn An", Agency: "Văn phòng UBND tỉnh", Time: at}.PNG(spot.W*72/25.4, spot.H*72/25.4)
	if err != nil {
		t.Fatal(err)
	}
	signed, err = pades.Sign(unsigned, ca.Signer, pades.Options{
		Name: "Nguyễn Văn An", Reason: "Ban hành quyết định", Location: "Hà Tĩnh", Time: at,
		TSAURL: tsa, Spot: pades.SpotOnA4(spot), Image: img,
	})
	if err != nil {
		t.Fatal(err)
	}
	return unsigned, signed
}

// TestSignVerifiedByPdfsig signs a decision (B-B, then B-T against the
// in-process timestamp authority), checks it with thidua and with
// poppler's pdfsig trusting the test CA, then changes one byte and
// expects both to notice.
func TestSignVerifiedByPdfsig(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	reader := padestest.NewReader(t, ca)
	for _, tc := range []struct {
		name string
		tsa  string
	}{{"B-B", ""}, {"B-T", ca.TSAServer(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			unsigned, signed := signDecision(t, ca, tc.tsa)
			if !bytes.HasPrefix(signed, unsigned) {
				t.Fatal("signed file does not start with the unsigned bytes (no incremental update)")
			}
			v := pades.Verify(signed, ca.Pool())
			if v.Status != signing.Valid || len(v.Signatures) != 1 {
				t.Fatalf("verdict=%+v, want one valid signature", v)
			}
			s := v.Signatures[0]
			if s.Name != "Nguyễn Văn An" || s.Organization != "Văn phòng UBND tỉnh" || s.Serial == "" || !strings.Contains(s.Issuer, "Thidua Test Root CA") {
				t.Fatalf("signature=%+v", s)
			}
			if got, want := s.Timestamped, tc.tsa != ""; got != want {
				t.Fatalf("Timestamped=%v, want %v", got, want)
			}
			if err := signing.CheckSignedRevision(unsigned, signed, v); err != nil {
				t.Fatalf("CheckSignedRevision: %v", err)
			}
			rep := reader.RequireValid(t, signed)
			if tc.tsa != "" && !strings.Contains(rep, "Signature Type: adbe.pkcs7.detached") {
				t.Logf("pdfsig:\n%s", rep)
			}

			// One byte changed in the middle of the issued document.
			bad := padestest.Tamper(signed, len(unsigned)/2)
			if got := pades.Verify(bad, ca.Pool()).Status; got != signing.Modified {
				t.Fatalf("tampered: status=%s, want %s", got, signing.Modified)
			}
			if err := signing.CheckSignedRevision(unsigned, bad, pades.Verify(bad, ca.Pool())); thidua.ErrorCode(err) != thidua.EINVALID {
				t.Fatalf("tampered upload accepted: %v", err)
			}
			if rep := reader.Check(t, bad); !strings.Contains(rep, "Signature is Invalid") && !strings.Contains(rep, "Digest Mismatch") {
				t.Fatalf("pdfsig did not notice the changed byte:\n%s", rep)
			}
		})
	}
}

// TestVerifyVerdicts covers the verdicts other than valid.
func TestVerifyVerdicts(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	unsigned, signed := signDecision(t, ca, "")
	if got := pades.Verify(unsigned, ca.Pool()).Status; got != signing.None {
		t.Fatalf("unsigned: %s, want NONE", got)
	}
	if got := pades.Verify([]byte("not a pdf"), ca.Pool()).Status; got != signing.None {
		t.Fatalf("not a pdf: %s, want NONE", got)
	}
	other := padestest.NewCA(t, "Other Root")
	v := pades.Verify(signed, other.Pool())
	if v.Status != signing.UnknownIssuer || !strings.Contains(v.Text(), "không xác định được tổ chức cấp chứng thư") {
		t.Fatalf("foreign anchor: %+v (%s)", v, v.Text())
	}
	if got := pades.Verify(signed, nil).Status; got != signing.UnknownIssuer {
		t.Fatalf("no anchors: %s", got)
	}
	// Bytes appended after the signature: changed after signing.
	appended := append(bytes.Clone(signed), []byte("\n% added\n")...)
	if got := pades.Verify(appended, ca.Pool()).Status; got != signing.Modified {
		t.Fatalf("appended: %s, want MODIFIED", got)
	}
	// A signed copy of another document is not the issued one.
	other2, _ := decisionPDF(t)
	other2 = append(other2[:len(other2)-10:len(other2)-10], []byte("XXXXXXXXXX")...)
	if err := signing.CheckSignedRevision(other2, signed, pades.Verify(signed, ca.Pool())); thidua.ErrorCode(err) != thidua.EINVALID {
		t.Fatalf("other document accepted: %v", err)
	}
	// Truncated signature contents.
	cut := bytes.Clone(signed)
	if i := bytes.LastIndex(cut, []byte("/Contents<")); i > 0 {
		copy(cut[i+10:], bytes.Repeat([]byte("0"), 64))
	}
	if got := pades.Verify(cut, ca.Pool()).Status; got != signing.Invalid {
		t.Fatalf("broken CMS: %s, want INVALID", got)
	}
}

func TestParsePKCS12(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	p12 := ca.PKCS12(t, ca.Signer, "mật-khẩu")
	id, err := pades.ParsePKCS12(p12, "mật-khẩu")
	if err != nil {
		t.Fatal(err)
	}
	if id.Cert.Subject.CommonName != "Nguyễn Văn An" || len(id.Chain) != 1 {
		t.Fatalf("identity=%v chain=%d", id.Cert.Subject, len(id.Chain))
	}
	if _, err := pades.ParsePKCS12(p12, "sai"); thidua.ErrorMessage(err) != "Mật khẩu của tệp chứng thư số không đúng." {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := pades.ParsePKCS12([]byte("xx"), ""); thidua.ErrorCode(err) != thidua.EINVALID {
		t.Fatalf("garbage: %v", err)
	}
}
