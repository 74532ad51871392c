package thidua_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"thidua"
)

func nfd(s string) string { return norm.NFD.String(s) }

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"full name", "Nguyễn Văn Đức", "nguyen van duc"},
		{"upper case with đ", "ĐẢNG", "dang"},
		{"lower đ", "đường", "duong"},
		{"horn and breve", "Phương Ương Ăn Ơn Ư", "phuong uong an on u"},
		{"nfd input", nfd("Nguyễn Văn Đức"), "nguyen van duc"},
		{"nfd upper", nfd("TRƯỜNG THỊ NGỌC ÁNH"), "truong thi ngoc anh"},
		{"punctuation collapses", "Nguyễn - Văn,, Đức!!", "nguyen van duc"},
		{"leading and trailing punctuation", "  --(Đức)--  ", "duc"},
		{"tabs and newlines", "Văn\tphòng\n\nUBND", "van phong ubnd"},
		{"digits kept", "Tổ 3/4, Phòng 12", "to 3 4 phong 12"},
		{"already folded", "nguyen van duc", "nguyen van duc"},
		{"only punctuation", " - , . ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := thidua.Fold(tt.in), tt.want; got != want {
				t.Fatalf("Fold(%q)=%q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestFoldNFDEqualsNFC(t *testing.T) {
	for _, s := range []string{
		"Nguyễn Văn Đức", "Trần Thị Ánh", "Lê Văn Bình", "Phạm Dũng",
		"Hoàng Ngọc Ẩn", "Ủy ban nhân dân tỉnh", "Trường Trung học phổ thông Lương Thế Vinh",
	} {
		c, d := norm.NFC.String(s), nfd(s)
		if c == d {
			t.Fatalf("test data %q has no decomposable characters", s)
		}
		if got, want := thidua.Fold(d), thidua.Fold(c); got != want {
			t.Fatalf("Fold(NFD %q)=%q, want %q", s, got, want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nfd to nfc", nfd("Nguyễn Văn Đức"), "Nguyễn Văn Đức"},
		{"trim", "  Nguyễn Văn Đức \t", "Nguyễn Văn Đức"},
		{"collapse", "Nguyễn   Văn\t\n Đức", "Nguyễn Văn Đức"},
		{"nfd trim collapse", "  " + nfd("Trần") + "   " + nfd("Thị Ánh") + " ", "Trần Thị Ánh"},
		{"keeps case and punctuation", "UBND  tỉnh, (Sở Nội vụ)", "UBND tỉnh, (Sở Nội vụ)"},
		{"only space", " \t\n ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := thidua.NormalizeText(tt.in)
			if got != tt.want {
				t.Fatalf("NormalizeText(%q)=%q, want %q", tt.in, got, tt.want)
			}
			if got, want := norm.NFC.IsNormalString(got), true; got != want {
				t.Fatalf("NormalizeText(%q) is NFC=%v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestGivenName(t *testing.T) {
	tests := []struct {
		in, given, rest string
	}{
		{"Nguyễn Văn Đức", "Đức", "Nguyễn Văn"},
		{"  Phạm   Dũng ", "Dũng", "Phạm"},
		{"Tôn Nữ Thị Ngọc Ánh", "Ánh", "Tôn Nữ Thị Ngọc"},
		{"An", "An", ""},
		{"", "", ""},
		{"   ", "", ""},
	}
	for _, tt := range tests {
		given, rest := thidua.GivenName(tt.in)
		if got, want := given, tt.given; got != want {
			t.Fatalf("GivenName(%q) given=%q, want %q", tt.in, got, want)
		}
		if got, want := rest, tt.rest; got != want {
			t.Fatalf("GivenName(%q) rest=%q, want %q", tt.in, got, want)
		}
	}
}

func TestPersonGivenName(t *testing.T) {
	p := &thidua.Person{FullName: "Lê Văn Bình"}
	if got, want := p.GivenName(), "Bình"; got != want {
		t.Fatalf("GivenName()=%q, want %q", got, want)
	}
}

// sortByKey sorts names by bytes.Compare of their NameSortKey.
func sortByKey(names []string) []string {
	out := slices.Clone(names)
	slices.SortStableFunc(out, func(a, b string) int {
		return bytes.Compare(thidua.NameSortKey(a), thidua.NameSortKey(b))
	})
	return out
}

func TestNameSortKeyOrder(t *testing.T) {
	tests := []struct {
		name string
		want []string // in the expected order
	}{
		{"given name first", []string{"Trần Thị Ánh", "Lê Văn Bình", "Phạm Dũng", "Nguyễn Văn Đức"}},
		{"d before đ", []string{"Trần Dũng", "Lê Đức", "Nguyễn Em"}},
		{"family names decide ties", []string{"Hoàng An", "Lê An", "Nguyễn An"}},
		{"middle names decide ties", []string{"Nguyễn Thị An", "Nguyễn Văn An", "Nguyễn Xuân An"}},
		{"a ă â and tones", []string{"Lê An", "Lê Anh", "Lê Ánh", "Lê Ăn", "Lê Ân"}},
		{"o ô ơ", []string{"Lê Oanh", "Lê Ôn", "Lê Ơn"}},
		{"u ư", []string{"Lê Uyên", "Lê Ưng"}},
		{"shorter given name first", []string{"Trần Văn Hà", "Lê Hải", "Nguyễn Hạnh"}},
		{"given name beats family name", []string{"Vũ An", "Đặng Bình", "An Chi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.want)
			slices.Reverse(in)
			got := sortByKey(in)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("sorted=%q, want %q", got, tt.want)
			}
			for i := 0; i+1 < len(tt.want); i++ {
				a, b := tt.want[i], tt.want[i+1]
				if got, want := bytes.Compare(thidua.NameSortKey(a), thidua.NameSortKey(b)), -1; got != want {
					t.Fatalf("compare keys (%q, %q)=%d, want %d", a, b, got, want)
				}
			}
		})
	}
}

func TestNameSortKeyGivenNames(t *testing.T) {
	// Single given names, as used for the "An < Anh < Ánh < Ăn < Ân" rule.
	want := []string{"An", "Anh", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đức"}
	in := slices.Clone(want)
	slices.Reverse(in)
	if got := sortByKey(in); !slices.Equal(got, want) {
		t.Fatalf("sorted=%q, want %q", got, want)
	}
}

func TestNameSortKeyEqualSpellings(t *testing.T) {
	tests := []struct {
		name, a, b string
	}{
		{"nfd and nfc", "Nguyễn Văn Đức", nfd("Nguyễn Văn Đức")},
		{"extra spaces", "Trần Thị Ánh", "  Trần   Thị\tÁnh "},
		{"nfd and spaces", "Lê Văn Bình", " " + nfd("Lê  Văn Bình")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := thidua.NameSortKey(tt.a), thidua.NameSortKey(tt.b)
			if got, want := bytes.Equal(ka, kb), true; got != want {
				t.Fatalf("NameSortKey(%q)==NameSortKey(%q) is %v, want %v", tt.a, tt.b, got, want)
			}
		})
	}
}

func TestNameSortKeyDistinct(t *testing.T) {
	// Different names must not share a key, or sorting could not tell them apart.
	names := []string{"Nguyễn Văn An", "Nguyễn Văn Ân", "Nguyễn Vân An", "Nguyễn An", "Văn Nguyễn An", "An"}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if got, want := bytes.Equal(thidua.NameSortKey(a), thidua.NameSortKey(b)), false; got != want {
				t.Fatalf("NameSortKey(%q)==NameSortKey(%q) is %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestNameSortKeyNotAliased(t *testing.T) {
	// The returned key must be the caller's own: a second call must not
	// overwrite the first key.
	k1 := thidua.NameSortKey("Trần Thị Ánh")
	saved := slices.Clone(k1)
	_ = thidua.NameSortKey("Nguyễn Văn Đức")
	if got, want := bytes.Equal(k1, saved), true; got != want {
		t.Fatalf("first key unchanged=%v, want %v", got, want)
	}
}

func TestCompareVietnamese(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "ă", -1},
		{"ă", "â", -1},
		{"d", "đ", -1},
		{"Đức", "Dũng", 1},
		{"o", "ô", -1},
		{"ô", "ơ", -1},
		{"u", "ư", -1},
		{"An", "Ánh", -1},
		{"Bình", "Bình", 0},
		{"Bình", nfd("Bình"), 0},
	}
	for _, tt := range tests {
		if got, want := thidua.CompareVietnamese(tt.a, tt.b), tt.want; got != want {
			t.Fatalf("CompareVietnamese(%q, %q)=%d, want %d", tt.a, tt.b, got, want)
		}
	}
}

func TestFoldLongInput(t *testing.T) {
	// Fold runs a transformer chain; make sure long input is folded whole.
	in := strings.Repeat("Nguyễn Văn Đức ", 2000)
	want := strings.TrimSpace(strings.Repeat("nguyen van duc ", 2000))
	if got := thidua.Fold(in); got != want {
		t.Fatalf("Fold(long) has len %d, want %d", len(got), len(want))
	}
}

func TestNormalizeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Báo cáo tổng kết.pdf":                "Báo cáo tổng kết.pdf",
		"Ba\u0301o ca\u0301o.docx":            "Báo cáo.docx", // NFD from macOS
		"hoa-don\u202Efdp.exe":                "hoa-donfdp.exe",
		"\u2067ảnh\u2069 \u200Bđẹp\uFEFF.png": "ảnh đẹp.png",
		`C:\Users\An\Tài liệu\Kế hoạch.xlsx`:  "Kế hoạch.xlsx",
		"../../etc/passwd":                    "passwd",
		"a\x00b\r\nc\td.pdf":                  "ab c d.pdf",
		`x"; filename="evil.html`:             "x filename=evil.html",
		"...":                                 "tep",
		"  Quyết   định\u00A0số 12.pdf  ":     "Quyết định số 12.pdf",
		"\xff\xfe.pdf":                        "pdf",
	} {
		if got := thidua.NormalizeFileName(in); got != want {
			t.Errorf("NormalizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseNumberAsOfficersWrite(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    float64
		percent bool
		bad     bool
	}{
		{"100%", 100, true, false}, {"35,5", 35.5, false, false}, {"1.234", 1234, false, false},
		{"1.234,5", 1234.5, false, false}, {"7.5", 7.5, false, false}, {" 12 ", 12, false, false},
		{"99,5 %", 99.5, true, false}, {"-5", -5, false, false}, {"1.234.567", 1234567, false, false},
		{"abc", 0, false, true}, {"1e9", 0, false, true}, {"NaN", 0, false, true}, {"%", 0, false, true}, {"0x10", 0, false, true},
	} {
		got, pct, err := thidua.ParseNumber(tc.in)
		if (err != nil) != tc.bad || got != tc.want || pct != tc.percent {
			t.Errorf("ParseNumber(%q) = %v, %v, %v", tc.in, got, pct, err)
		}
	}
	for n, want := range map[int64]string{6481763: "6,2 MB", 512: "512 byte", 12 << 10: "12 kB", 3 << 30: "3 GB"} {
		if got := thidua.FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
