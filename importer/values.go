package importer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"thidua"
)

// Cell values come from excelize in raw form: text as written, numbers as
// their stored value ("45646", "2024"), booleans as "1" or "0", and dates
// as Excel serial numbers. These helpers turn them into domain values.

// extraAliases are other ways offices write some codes (compared folded).
var extraAliases = map[string]string{
	"nu":                  thidua.GenderFemale,
	"nam":                 thidua.GenderMale,
	"phong":               thidua.UnitDepartment,
	"ban":                 thidua.UnitDepartment,
	"trung tam":           thidua.UnitDepartment,
	"to":                  thidua.UnitTeam,
	"nhom":                thidua.UnitTeam,
	"co quan":             thidua.UnitAgency,
	"ubnd tinh":           thidua.UnitProvince,
	"dang cong tac":       thidua.PersonActive,
	"nghi huu":            thidua.PersonRetired,
	"da nghi huu":         thidua.PersonRetired,
	"nghi viec":           thidua.PersonRetired,
	"da nghi viec":        thidua.PersonRetired,
	"nld":                 thidua.CategoryNguoiLD,
	"ldtt":                thidua.TitleLDTT,
	"cstdcs":              thidua.TitleCSTDCS,
	"cstd co so":          thidua.TitleCSTDCS,
	"chien si thi dua":    thidua.TitleCSTDCS,
	"cstd tinh":           thidua.TitleCSTDT,
	"cstd cap tinh":       thidua.TitleCSTDT,
	"cstdtq":              thidua.TitleCSTDTQ,
	"cstd toan quoc":      thidua.TitleCSTDTQ,
	"tap the ldtt":        thidua.TitleTTLDTT,
	"tap the ldxs":        thidua.TitleTTLDXS,
	"co thi dua tinh":     thidua.TitleCTT,
	"co thi dua ubnd":     thidua.TitleCTT,
	"co thi dua cp":       thidua.TitleCTCP,
	"giay khen":           thidua.FormGK,
	"bang khen tinh":      thidua.FormBKCT,
	"bang khen ubnd tinh": thidua.FormBKCT,
	"bang khen ttcp":      thidua.FormBKTTG,
	"bang khen thu tuong": thidua.FormBKTTG,
	"hcld hang ba":        thidua.FormHCLD3,
	"hcld hang nhi":       thidua.FormHCLD2,
	"hcld hang nhat":      thidua.FormHCLD1,
	"cong trang":          thidua.AwardCongTrang,
	"dot xuat":            thidua.AwardDotXuat,
	"phong trao":          thidua.AwardPhongTrao,
	"chuyen de":           thidua.AwardPhongTrao,
	"theo chuyen de":      thidua.AwardPhongTrao,
	"cong hien":           thidua.AwardCongHien,
	"nien han":            thidua.AwardNienHan,
	"doi ngoai":           thidua.AwardDoiNgoai,
	"co so":               thidua.LevelCoSo,
	"cap co so":           thidua.LevelCoSo,
	"tinh":                thidua.LevelTinh,
	"cap tinh":            thidua.LevelTinh,
	"cap bo":              thidua.LevelTinh,
	"toan quoc":           thidua.LevelToanQuoc,
	"sang kien":           thidua.InitiativeSangKien,
	"de tai":              thidua.InitiativeDeTai,
	"de tai de an":        thidua.InitiativeDeTai,
}

// optionIndex maps the folded codes, labels and aliases of an option list
// to codes; built once per list.
var (
	optionMu      sync.Mutex
	optionIndexes = map[*thidua.Option]map[string]string{}
)

func optionIndex(opts []thidua.Option) map[string]string {
	optionMu.Lock()
	defer optionMu.Unlock()
	if len(opts) == 0 {
		return nil
	}
	if idx, ok := optionIndexes[&opts[0]]; ok {
		return idx
	}
	idx := map[string]string{}
	for alias, code := range extraAliases {
		for _, o := range opts {
			if o.Code == code {
				idx[alias] = code
			}
		}
	}
	for i := len(opts) - 1; i >= 0; i-- { // earlier options win
		idx[thidua.Fold(opts[i].Label)] = opts[i].Code
	}
	for i := len(opts) - 1; i >= 0; i-- {
		idx[thidua.Fold(opts[i].Code)] = opts[i].Code
	}
	optionIndexes[&opts[0]] = idx
	return idx
}

// matchOption finds the code among opts that s names by its code or label
// (without regard to case, accents or punctuation), or by a known alias.
func matchOption(opts []thidua.Option, s string) (string, bool) {
	k := thidua.Fold(s)
	if k == "" {
		return "", false
	}
	code, ok := optionIndex(opts)[k]
	return code, ok
}

// parseBool reads yes/no cells: Có, x, 1, TRUE… and Không, 0, FALSE…;
// empty is false.
func parseBool(s string) (bool, bool) {
	switch thidua.Fold(s) {
	case "":
		return false, true
	case "co", "x", "1", "true", "dung", "yes", "y", "c":
		return true, true
	case "khong", "0", "false", "sai", "no", "n", "k":
		return false, true
	}
	return false, false
}

var numberRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(E\+?[0-9]+)?$`)

// parseDateCell reads a date written dd/mm/yyyy (or ISO) as text, or an
// Excel date (a serial number of days since 1900, or 1904 for workbooks in
// that date system).
func parseDateCell(s string, date1904 bool) (thidua.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return thidua.Date{}, nil
	}
	if numberRE.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 1 || f > 2958465 {
			return thidua.Date{}, fmt.Errorf("Ngày không hợp lệ: %q; ghi dd/mm/yyyy, ví dụ 05/02/1985.", s)
		}
		if f >= 1900 && f <= 2200 && f == math.Trunc(f) {
			return thidua.Date{}, fmt.Errorf("Chỉ có năm (%s); cần ghi đủ ngày, tháng, năm dạng dd/mm/yyyy.", s)
		}
		return serialDate(f, date1904), nil
	}
	d, err := thidua.ParseDate(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		return thidua.Date{}, fmt.Errorf("Ngày không hợp lệ: %q; ghi dd/mm/yyyy, ví dụ 05/02/1985.", s)
	}
	return d, nil
}

// serialDate converts an Excel serial day number (the time of day dropped).
// In the 1900 system serial 60 is the 29 February 1900 that Lotus 1-2-3
// invented; later serials count one day too many.
func serialDate(f float64, date1904 bool) thidua.Date {
	n := int(math.Floor(f))
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	case n >= 61:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	default:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	}
	return thidua.NewDate(t.Year(), t.Month(), t.Day())
}

// parseYear reads a year cell: "2024", "2024.0", "Năm 2024".
func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if f := thidua.Fold(s); strings.HasPrefix(f, "nam ") {
		s = strings.TrimSpace(f[len("nam "):])
	}
	if numberRE.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && f == math.Trunc(f) && f >= 1900 && f <= 2200 {
			return int(f), nil
		}
		if err == nil && f > 2200 && f < 2958465 {
			// An Excel date typed where a year was expected.
			return serialDate(f, false).Year(), nil
		}
	}
	return 0, fmt.Errorf("Năm không hợp lệ: %q; ghi bốn chữ số, ví dụ 2025.", s)
}

// pathSepRE splits unit paths: a slash with white space on both sides, or
// a greater-than sign or guillemet. A bare slash belongs to the name
// ("Văn phòng HĐND/UBND").
var pathSepRE = regexp.MustCompile(`\s+/\s+|\s*[>›»]\s*|\s*\\\s*`)

// splitPath splits a unit path into normalized names.
func splitPath(s string) ([]string, error) {
	s = thidua.NormalizeText(s)
	if s == "" {
		return nil, nil
	}
	parts := pathSepRE.Split(s, -1)
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = thidua.NormalizeText(p)
		if p == "" || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
			return nil, fmt.Errorf("Đường dẫn đơn vị %q có một cấp để trống.", s)
		}
		out = append(out, p)
	}
	if len(out) > 20 {
		return nil, fmt.Errorf("Đường dẫn đơn vị quá sâu (%d cấp).", len(out))
	}
	return out, nil
}

// JoinPath writes a unit path the way the templates do.
func JoinPath(names []string) string { return strings.Join(names, " / ") }
