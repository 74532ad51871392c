package report

import (
	"fmt"
	"testing"

	"thidua"
)

func TestSentenceCase(t *testing.T) {
	for in, want := range map[string]string{
		"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH":  "Chánh Văn phòng Ủy ban nhân dân tỉnh",
		"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH": "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh",
		"GIÁM ĐỐC SỞ NỘI VỤ":                    "Giám đốc Sở Nội vụ",
		"CHÁNH VĂN PHÒNG UBND TỈNH":             "Chánh Văn phòng UBND tỉnh",
		"PHÓ CHÁNH VĂN PHÒNG":                   "Phó Chánh Văn phòng",
		"Chánh Văn phòng UBND tỉnh Hà Tĩnh":     "Chánh Văn phòng UBND tỉnh Hà Tĩnh",
		"": "",
	} {
		if got := sentenceCase(in); got != want {
			t.Errorf("sentenceCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSignerLines(t *testing.T) {
	for _, tc := range []struct {
		s    thidua.Signer
		want []string
	}{
		{thidua.Signer{Authority: "KT.", OnBehalf: "Chánh Văn phòng", Post: "Phó Chánh Văn phòng"}, []string{"KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"}},
		{thidua.Signer{Authority: "TM.", OnBehalf: "Ủy ban nhân dân\nKT. Chủ tịch", Post: "Phó Chủ tịch"}, []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}},
		{thidua.Signer{Authority: "TM.", OnBehalf: "TM. Hội đồng", Post: "Chủ tịch"}, []string{"TM. HỘI ĐỒNG", "CHỦ TỊCH"}},
		{thidua.Signer{Authority: "Q.", Post: "Chánh Văn phòng"}, []string{"Q. CHÁNH VĂN PHÒNG"}},
		{thidua.Signer{Post: "Chánh Văn phòng"}, []string{"CHÁNH VĂN PHÒNG"}},
	} {
		if got := signerLines(tc.s); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("signerLines(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
