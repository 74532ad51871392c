package thidua

import (
	"regexp"
	"strings"
)

// DocTypes lists common administrative document types (Nghị định
// 30/2020/NĐ-CP, Phụ lục III) by their abbreviation.
var DocTypes = []Option{
	{"KH", "Kế hoạch"},
	{"QĐ", "Quyết định"},
	{"NQ", "Nghị quyết"},
	{"CT", "Chỉ thị"},
	{"TB", "Thông báo"},
	{"HD", "Hướng dẫn"},
	{"CTr", "Chương trình"},
	{"PA", "Phương án"},
	{"ĐA", "Đề án"},
	{"BC", "Báo cáo"},
	{"BB", "Biên bản"},
	{"TTr", "Tờ trình"},
	{"CV", "Công văn"},
}

// DocRef is a document's number and symbol (số, ký hiệu), as printed in
// "Kế hoạch số 248/KH-VPUBND": number 248, type KH, issuer VPUBND.
type DocRef struct {
	Number string `json:"number"`
	Type   string `json:"type"`
	Issuer string `json:"issuer"`
}

var docRefRE = regexp.MustCompile(`^(\d{1,6})/([A-Za-zĐđ]{1,5})-([A-ZĐ0-9][A-ZĐ0-9-]{0,31})$`)

// ParseDocRef reads "248/KH-VPUBND". Spaces around the parts are ignored;
// the issuer may itself contain hyphens ("QĐ-UBND-VX" is type QĐ, issuer UBND-VX).
func ParseDocRef(s string) (DocRef, error) {
	s = strings.ReplaceAll(NormalizeText(s), " ", "")
	m := docRefRE.FindStringSubmatch(s)
	if m == nil {
		return DocRef{}, Errorf(EINVALID, "Số, ký hiệu văn bản “%s” không đúng dạng, ví dụ đúng: 248/KH-VPUBND.", s)
	}
	typ := m[2]
	known := false
	for _, t := range DocTypes {
		if strings.EqualFold(t.Code, typ) {
			typ, known = t.Code, true
			break
		}
	}
	if !known {
		return DocRef{}, Errorf(EINVALID, "Loại văn bản “%s” không có trong danh mục (KH, QĐ, TTr, BC, …).", m[2])
	}
	return DocRef{Number: m[1], Type: typ, Issuer: m[3]}, nil
}

// String prints the reference as "248/KH-VPUBND", or "" when empty.
func (d DocRef) String() string {
	if d.Number == "" {
		return ""
	}
	return d.Number + "/" + d.Type + "-" + d.Issuer
}

// IsZero reports whether the reference is empty.
func (d DocRef) IsZero() bool { return d.Number == "" }

// TypeLabel returns the Vietnamese name of the document type.
func (d DocRef) TypeLabel() string { return Label(DocTypes, d.Type) }
