package kit

import (
	"strconv"
	"strings"
	"thidua"
)

// CodeList lists the codes of opts, comma-separated.
func CodeList(opts []thidua.Option) string {
	codes := make([]string, len(opts))
	for i, o := range opts {
		codes[i] = o.Code
	}
	return strings.Join(codes, ", ")
}

// ValidCode reports whether code is one of opts.
func ValidCode(opts []thidua.Option, code string) bool {
	for _, o := range opts {
		if o.Code == code {
			return true
		}
	}
	return false
}

func IdStr(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func At(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

func AtoiField(f *Form, field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Errors[field] = "Số lượng phải là số nguyên."
	}
	return n
}

// ParseDecimal reads a number written with a comma or a dot as decimal separator.
// Figures are read as officers write them (thidua.ParseNumber): "35,5",
// "1.234", "100%".
func ParseDecimal(f *Form, field, s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	v, _, err := thidua.ParseNumber(s)
	if err != nil {
		f.Errors[field] = thidua.ErrorMessage(err)
	}
	return v
}

func FieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
