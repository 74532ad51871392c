package thidua_test

import (
	"testing"

	"thidua"
)

func TestParseDocRef(t *testing.T) {
	for _, tc := range []struct {
		in, want, typ string
		ok            bool
	}{
		{"248/KH-VPUBND", "248/KH-VPUBND", "KH", true},
		{" 248 / KH-VPUBND ", "248/KH-VPUBND", "KH", true},
		{"0125/KH-UBND", "0125/KH-UBND", "KH", true},
		{"86/QĐ-UBND", "86/QĐ-UBND", "QĐ", true},
		{"12/ttr-VPUBND", "12/TTr-VPUBND", "TTr", true},
		{"5/QĐ-UBND-VX", "5/QĐ-UBND-VX", "QĐ", true},
		{"KH-VPUBND", "", "", false},
		{"248/KH", "", "", false},
		{"248/xyz-VPUBND", "", "", false},
		{"86/2025/QĐ-UBND", "86/2025/QĐ-UBND", "QĐ", true},
		{"15/UBND-VP", "15/UBND-VP", "", true},
		{"3722/VPCP-CN", "3722/VPCP-CN", "", true},
		{"248/KH-VPUBND/x", "", "", false},
		{"248/-VPUBND", "", "", false},
		{"abc/KH-VPUBND", "", "", false},
		{"248/KH-vpubnd", "", "", false},
		{"", "", "", false},
	} {
		d, err := thidua.ParseDocRef(tc.in)
		if tc.ok != (err == nil) {
			t.Errorf("ParseDocRef(%q) err=%v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if !tc.ok {
			if thidua.ErrorCode(err) != thidua.EINVALID {
				t.Errorf("ParseDocRef(%q) code=%s", tc.in, thidua.ErrorCode(err))
			}
			continue
		}
		if d.String() != tc.want || d.Type != tc.typ {
			t.Errorf("ParseDocRef(%q)=%q type %q, want %q %q", tc.in, d.String(), d.Type, tc.want, tc.typ)
		}
	}
	if got := (thidua.DocRef{Number: "248", Type: "KH", Issuer: "VPUBND"}).TypeLabel(); got != "Kế hoạch" {
		t.Errorf("TypeLabel=%q", got)
	}
}
