package thidua

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NormalizeText returns s in Unicode NFC with surrounding white space removed
// and inner runs of white space collapsed to one space.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

var foldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold returns the search key of s: accents removed, đ/Đ mapped to d, lower
// case, every run of characters other than letters and digits turned into a
// single space. "Nguyễn Văn Đức" folds to "nguyen van duc".
func Fold(s string) string {
	t := foldPool.Get().(transform.Transformer)
	defer foldPool.Put(t)
	t.Reset()
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	var b strings.Builder
	space := true
	for _, r := range out {
		switch r {
		case 'đ', 'Đ', 'Ð':
			r = 'd'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// GivenName returns the given name (tên) of a Vietnamese full name: its last
// word. The rest is the family and middle names.
func GivenName(fullName string) (given, rest string) {
	f := strings.Fields(fullName)
	if len(f) == 0 {
		return "", ""
	}
	return f[len(f)-1], strings.Join(f[:len(f)-1], " ")
}

var collatorPool = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// NameSortKey returns a byte key that orders people by given name, then by
// family and middle names, with Vietnamese collation (a < ă < â, d < đ, tones
// after letters). Comparing keys bytewise gives the Vietnamese order, so the
// key can be stored and sorted on by any database.
func NameSortKey(fullName string) []byte {
	given, rest := GivenName(NormalizeText(fullName))
	c := collatorPool.Get().(*collate.Collator)
	defer collatorPool.Put(c)
	var buf collate.Buffer
	k := append([]byte(nil), c.KeyFromString(&buf, given)...)
	k = append(k, 0, 0, 0, 0)
	k = append(k, c.KeyFromString(&buf, rest)...)
	return k
}

// CompareVietnamese compares a and b with Vietnamese collation.
func CompareVietnamese(a, b string) int {
	c := collatorPool.Get().(*collate.Collator)
	defer collatorPool.Put(c)
	return c.CompareString(a, b)
}

// checkLen adds a message to v when s is empty (and required) or longer than max runes.
func checkLen(v *Validation, field, label, s string, required bool, max int) {
	switch {
	case required && s == "":
		v.Add(field, label+" không được để trống.")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, label+" không được dài quá "+strconv.Itoa(max)+" ký tự.")
	default:
		if r, ok := controlIn(s); ok {
			v.Add(field, fmt.Sprintf("%s có ký tự điều khiển không được phép (mã U+%04X). Hãy xóa ký tự đó rồi gửi lại.", label, r))
		}
	}
}

func strconvFormat(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// FormatDecimal writes a number the Vietnamese way: a comma as the decimal
// separator, at most two decimals, no trailing zeros ("27,5", "100").
func FormatDecimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}

// FormatThousands writes a whole number as officers write it, with dots
// between thousands ("1.234", "100.000").
func FormatThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatSize writes a file size for people, in powers of 1024 with one
// decimal: "6,2 MB", "12 kB", "512 byte".
func FormatSize(n int64) string {
	units := []string{"byte", "kB", "MB", "GB", "TB"}
	f, i := float64(n), 0
	for ; f >= 1024 && i < len(units)-1; i++ {
		f /= 1024
	}
	if i == 0 {
		return strconv.FormatInt(n, 10) + " byte"
	}
	return FormatDecimal(float64(int64(f*10+0.5))/10) + " " + units[i]
}

// ParseNumber reads a figure as officers write it: "35,5" (a decimal
// comma), "1.234" and "1.234,5" (dots between thousands), "7.5" (a decimal
// point when the dots do not group thousands), "100%" (percent reports the
// sign; the value is 100). Spaces around are ignored.
func ParseNumber(s string) (value float64, percent bool, err error) {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutSuffix(t, "%"); ok {
		t, percent = strings.TrimSpace(rest), true
	}
	if strings.Contains(t, ",") || thousandsRE.MatchString(t) {
		t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", ".")
	}
	value, perr := strconv.ParseFloat(t, 64)
	if perr != nil || t == "" || math.IsNaN(value) || math.IsInf(value, 0) || strings.ContainsAny(t, "eExXpP_") {
		return 0, false, Errorf(EINVALID, "“%s” không phải là số: viết như 35,5 hoặc 1.234 hoặc 100%%.", strings.TrimSpace(s))
	}
	return value, percent, nil
}

var thousandsRE = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)

// CheckLen adds field's message to v when s is empty but required, or
// longer than max characters; label names the field in the message.
func CheckLen(v *Validation, field, label, s string, required bool, max int) {
	checkLen(v, field, label, s, required, max)
}

// NormalizeFileName returns the name of an uploaded file as it may be
// stored and shown: the last element of the path the browser sent (either
// slash), in NFC, without control and format characters (right-to-left
// overrides and isolates, zero-width characters, the byte order mark) nor
// the quotes and separators that would break a download's header, inner
// runs of white space made one space, dots and spaces trimmed from both
// ends. Vietnamese letters are kept. An empty result is "tep".
func NormalizeFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range norm.NFC.String(name) {
		switch {
		case unicode.IsSpace(r):
			r = ' '
		case r == utf8.RuneError, unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r),
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r), r == '"', r == ';':
			continue
		}
		b.WriteRune(r)
	}
	name = strings.Join(strings.Fields(b.String()), " ")
	if name = strings.Trim(name, ". "); name == "" {
		return "tep"
	}
	return name
}

// multiLineFields names the fields that take several lines of text: the
// forms' text areas and their JSON counterparts. Any other field is one
// line.
var multiLineFields = map[string]bool{
	"title": true, "objectives": true, "description": true, "evidence": true, "commitments": true,
	"text": true, "summary": true, "body": true, "note": true, "reason": true, "comment": true,
	"appraisal": true, "achievements": true, "initiatives": true, "awards": true, "override": true,
	"bases": true, "articles": true, "cc": true, "targets": true,
}

// IsMultiLineField reports whether the field of this name takes several
// lines: of a nested field ("report.summary", "criteria[2].description")
// the last name counts; a registration's commitment fields are
// "commit_" and a criterion's code.
func IsMultiLineField(name string) bool {
	if i := strings.LastIndexAny(name, ".]"); i >= 0 {
		name = name[i+1:]
	}
	return multiLineFields[name] || strings.HasPrefix(name, "commit_")
}

// NormalizeField is a submitted value as a refused form gives it back: a
// multi-line field (IsMultiLineField) keeps its lines as typed, in NFC; any
// other field is NormalizeText'd. Storage normalizes what it keeps.
func NormalizeField(field, s string) string {
	if IsMultiLineField(field) {
		return norm.NFC.String(s)
	}
	return NormalizeText(s)
}

// CheckInput is the check every submitted text goes through at the edge
// (form fields and JSON strings alike, whatever the database): line ends
// become LF (browsers send a text area's lines as CRLF), then a control
// character is refused — any but LF and TAB in a multi-line field (see
// IsMultiLineField), any in a single-line one. It returns the text with
// its line ends normalized, and an EINVALID error naming the field.
func CheckInput(field, s string) (string, error) {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	multi := IsMultiLineField(field)
	for _, r := range s {
		if !unicode.IsControl(r) || multi && (r == '\n' || r == '\t') {
			continue
		}
		what := fmt.Sprintf("ký tự điều khiển không được phép (mã U+%04X)", r)
		switch r {
		case '\n':
			what = "ký tự xuống dòng, trường này chỉ nhận một dòng"
		case '\t':
			what = "ký tự tab, trường này chỉ nhận một dòng"
		}
		return s, &Error{Code: EINVALID, Message: "Trường «" + field + "» có " + what + ". Hãy xóa ký tự đó rồi gửi lại.",
			Fields: map[string]string{field: "Có " + what + ". Hãy xóa ký tự đó rồi gửi lại."}}
	}
	return s, nil
}

// controlIn returns the first control character of s other than LF and
// TAB, which no stored text may hold.
func controlIn(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return r, true
		}
	}
	return 0, false
}
