package signing_test

import (
	"bytes"
	"strings"
	"testing"

	"thidua"
	"thidua/signing"
)

func TestSummarize(t *testing.T) {
	for name, tc := range map[string]struct {
		sigs []signing.Signature
		size int64
		want signing.Status
	}{
		"none":           {nil, 100, signing.None},
		"valid":          {[]signing.Signature{{Status: signing.Valid, Revision: 100}}, 100, signing.Valid},
		"bytes appended": {[]signing.Signature{{Status: signing.Valid, Revision: 90}}, 100, signing.Modified},
		"worst wins":     {[]signing.Signature{{Status: signing.Valid, Revision: 50}, {Status: signing.Invalid, Revision: 100}}, 100, signing.Invalid},
		"unknown issuer": {[]signing.Signature{{Status: signing.UnknownIssuer, Revision: 100}}, 100, signing.UnknownIssuer},
	} {
		v := signing.Verdict{Signatures: tc.sigs}
		v.Summarize(tc.size)
		if v.Status != tc.want {
			t.Errorf("%s: %s, want %s", name, v.Status, tc.want)
		}
	}
	v := signing.Verdict{Signatures: []signing.Signature{{Status: signing.UnknownIssuer, Revision: 1}}}
	v.Summarize(1)
	if !strings.Contains(v.Text(), "không xác định được tổ chức cấp chứng thư") {
		t.Errorf("Text=%q", v.Text())
	}
}

func TestCheckSignedRevision(t *testing.T) {
	issued := []byte("%PDF-1.7 issued")
	upload := append(bytes.Clone(issued), []byte(" signature")...)
	ok := signing.Verdict{Status: signing.Valid, Signatures: []signing.Signature{{Status: signing.Valid, Revision: int64(len(upload))}}}
	if err := signing.CheckSignedRevision(issued, upload, ok); err != nil {
		t.Fatal(err)
	}
	changed := bytes.Clone(upload)
	changed[3] = 'X'
	for name, tc := range map[string]struct {
		upload []byte
		v      signing.Verdict
	}{
		"changed prefix": {changed, ok},
		"nothing added":  {issued, ok},
		"no signature":   {upload, signing.Verdict{Status: signing.None}},
		"untrusted":      {upload, signing.Verdict{Status: signing.UnknownIssuer, Signatures: []signing.Signature{{Status: signing.UnknownIssuer, Revision: int64(len(upload))}}}},
		"short revision": {upload, signing.Verdict{Status: signing.Valid, Signatures: []signing.Signature{{Status: signing.Valid, Revision: 3}}}},
	} {
		if err := signing.CheckSignedRevision(issued, tc.upload, tc.v); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
}

func TestSealer(t *testing.T) {
	const key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" // 32 bytes
	s, err := signing.ParseKey(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed := s.Seal([]byte("bí mật"), "a")
	if got, err := s.Open(sealed, "a"); err != nil || string(got) != "bí mật" {
		t.Fatalf("Open: %q %v", got, err)
	}
	if _, err := s.Open(sealed, "b"); err == nil {
		t.Fatal("opened under another label")
	}
	other, _ := signing.ParseKey("ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=")
	if _, err := other.Open(sealed, "a"); err == nil {
		t.Fatal("opened with another key")
	}
	if _, err := signing.ParseKey("c2hvcnQ="); err == nil || strings.Contains(err.Error(), "c2hvcnQ") {
		t.Fatalf("short key: %v", err)
	}
}
