package thidua

import (
	"regexp"
	"strconv"
	"strings"
)

// DocTypes lists the administrative document types and their
// abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III; R-VB-04). A công văn
// has no type abbreviation: its symbol is the issuer and the drafting unit
// ("15/UBND-VP").
var DocTypes = []Option{
	{"NQ", "Nghị quyết"},
	{"QĐ", "Quyết định"},
	{"CT", "Chỉ thị"},
	{"QC", "Quy chế"},
	{"QyĐ", "Quy định"},
	{"TC", "Thông cáo"},
	{"TB", "Thông báo"},
	{"HD", "Hướng dẫn"},
	{"CTr", "Chương trình"},
	{"KH", "Kế hoạch"},
	{"PA", "Phương án"},
	{"ĐA", "Đề án"},
	{"DA", "Dự án"},
	{"BC", "Báo cáo"},
	{"BB", "Biên bản"},
	{"TTr", "Tờ trình"},
	{"HĐ", "Hợp đồng"},
	{"CĐ", "Công điện"},
	{"GN", "Bản ghi nhớ"},
	{"TTh", "Bản thỏa thuận"},
	{"GUQ", "Giấy ủy quyền"},
	{"GM", "Giấy mời"},
	{"GGT", "Giấy giới thiệu"},
	{"GNP", "Giấy nghỉ phép"},
	{"PG", "Phiếu gửi"},
	{"PC", "Phiếu chuyển"},
	{"PB", "Phiếu báo"},
}

// DocRef is a document's number and symbol (số, ký hiệu, R-VB-02/03), as
// printed in "Kế hoạch số 248/KH-VPUBND": number 248, type KH, issuer
// VPUBND. Legal normative documents carry the year ("86/2025/QĐ-UBND");
// a công văn has no type ("15/UBND-VP": issuer UBND-VP).
type DocRef struct {
	Number string `json:"number"`
	Year   int    `json:"year,omitempty"`
	Type   string `json:"type"`
	Issuer string `json:"issuer"`
}

var (
	docRefRE  = regexp.MustCompile(`^(\d{1,6})/(?:(\d{4})/)?([^/]+)$`)
	symbolRE  = regexp.MustCompile(`^[A-ZĐ0-9]+$`)
	docTypeRE = regexp.MustCompile(`^[A-Za-zĐđ]{1,5}$`)
)

// ParseDocRef reads "248/KH-VPUBND", "86/2025/QĐ-UBND" or "15/UBND-VP".
// Spaces are ignored; the issuer may itself contain hyphens.
func ParseDocRef(s string) (DocRef, error) {
	s = strings.ReplaceAll(NormalizeText(s), " ", "")
	m := docRefRE.FindStringSubmatch(s)
	bad := Errorf(EINVALID, "Số, ký hiệu văn bản “%s” không đúng dạng, ví dụ đúng: 248/KH-VPUBND.", s)
	if m == nil {
		return DocRef{}, bad
	}
	d := DocRef{Number: m[1]}
	if m[2] != "" {
		d.Year, _ = strconv.Atoi(m[2])
	}
	parts := strings.Split(m[3], "-")
	if len(parts) < 2 {
		return DocRef{}, bad
	}
	for _, t := range DocTypes {
		if strings.EqualFold(t.Code, parts[0]) {
			d.Type, parts = t.Code, parts[1:]
			break
		}
	}
	if d.Type == "" && docTypeRE.MatchString(parts[0]) && strings.ToUpper(parts[0]) != parts[0] {
		return DocRef{}, Errorf(EINVALID, "Loại văn bản “%s” không có trong danh mục (KH, QĐ, TTr, BC, …).", parts[0])
	}
	for _, p := range parts {
		if !symbolRE.MatchString(p) {
			if d.Type == "" && len(parts) >= 2 && p == parts[0] {
				return DocRef{}, Errorf(EINVALID, "Loại văn bản “%s” không có trong danh mục (KH, QĐ, TTr, BC, …).", p)
			}
			return DocRef{}, Errorf(EINVALID, "Ký hiệu “%s” phải viết hoa, không dấu cách, ví dụ 248/KH-VPUBND.", m[3])
		}
	}
	d.Issuer = strings.Join(parts, "-")
	return d, nil
}

// String prints the reference as "248/KH-VPUBND", or "" when empty.
func (d DocRef) String() string {
	if d.Number == "" {
		return ""
	}
	out := d.Number + "/"
	if d.Year != 0 {
		out += strconv.Itoa(d.Year) + "/"
	}
	if d.Type != "" {
		out += d.Type + "-"
	}
	return out + d.Issuer
}

// IsZero reports whether the reference is empty.
func (d DocRef) IsZero() bool { return d.Number == "" }

// TypeLabel returns the Vietnamese name of the document type.
func (d DocRef) TypeLabel() string {
	if d.Type == "" {
		return "Công văn"
	}
	return Label(DocTypes, d.Type)
}
