package importer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"thidua"
)

// FuzzParseRow feeds arbitrary cells to the row parser of every sheet kind.
// Run it with
//
//	go test ./importer -run '^$' -fuzz FuzzParseRow -fuzztime 60s
//
// The corpus lives in testdata/fuzz/FuzzParseRow.
func FuzzParseRow(f *testing.F) {
	f.Add(uint8(1), "Trần Văn Bình", "05/02/1985", "Nam", "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức", "Chuyên viên", "Không", "Công chức", "01/09/2010", "Đang công tác", "")
	f.Add(uint8(1), norm.NFD.String("Nguyễn Thị Ánh"), "31083", "NU", "A > B", "", "x", "cong chuc", "", "", "")
	f.Add(uint8(0), "Văn phòng UBND tỉnh / Phòng Mới", "PM", "Phòng, ban, trung tâm", "Có", "", "", "", "", "", "")
	f.Add(uint8(2), "", "", "Văn phòng UBND tỉnh", "2025", "HTXSNV", "04/TB-VPUBND", "", "", "", "")
	f.Add(uint8(3), "Trần Văn Bình", "05/02/1985", "VP", "", "GK", "Công trạng", "12/QĐ-VP", "45300.75", "", "")
	f.Add(uint8(3), "Trần Văn Bình", "05/02/1985", "VP", "2024", "CSTDCS", "", "", "", "HTXSNV", "Có")
	f.Add(uint8(4), "Trần Văn Bình", "05/02/1985", "VP", "Năm 2024", "Số hóa", "Đề tài", "toàn quốc", "BKCT 15/QĐ-UBND", "", "")
	f.Add(uint8(1), "A B", "1E+5", "nữ", " / ", "\x00", "1", "VIÊN CHỨC", "29/02/2023", "nghỉ hưu", "")
	f.Fuzz(func(t *testing.T, kind uint8, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 string) {
		def := &sheets[int(kind)%len(sheets)]
		cells := []string{c0, c1, c2, c3, c4, c5, c6, c7, c8, c9}
		idx := make([]int, len(def.columns))
		for i := range idx {
			idx[i] = i
			if i >= len(cells) {
				idx[i] = -1
			}
		}
		p := newRowParser(def, "Trang", idx, make([]string, len(def.columns)), kind&0x80 != 0, thidua.NewDate(2026, 3, 1))
		rec, problems := p.parse(7, cells)
		cols := map[string]bool{}
		for _, pr := range problems {
			if pr.Sheet != "Trang" || pr.Row != 7 || pr.Message == "" || pr.Column == "" || pr.Field == "" {
				t.Fatalf("problem not located: %+v", pr)
			}
			if cols[pr.Column] {
				t.Fatalf("two problems in column %s: %v", pr.Column, problems)
			}
			cols[pr.Column] = true
			if !utf8.ValidString(pr.Message) {
				t.Fatalf("message is not UTF-8: %q", pr.Message)
			}
		}
		n := 0
		for _, set := range []bool{rec.unit != nil, rec.person != nil, rec.rating != nil, rec.title != nil, rec.award != nil, rec.initiative != nil} {
			if set {
				n++
			}
		}
		if len(problems) > 0 {
			if n != 0 {
				t.Fatalf("a row with problems gave a record")
			}
			return
		}
		if n != 1 {
			t.Fatalf("a row without problems gave %d records", n)
		}
		clean := func(what, s string) {
			if s != thidua.NormalizeText(s) || !utf8.ValidString(s) {
				t.Fatalf("%s not normalized: %q", what, s)
			}
		}
		path := func(ps []string) {
			if len(ps) == 0 {
				t.Fatalf("empty unit path")
			}
			for _, s := range ps {
				if s == "" {
					t.Fatalf("empty path segment in %q", ps)
				}
				clean("path", s)
			}
		}
		subject := func(s thidua.ImportSubject) {
			clean("full name", s.FullName)
			path(s.UnitPath)
			if s.FullName != "" && s.BirthDate.IsZero() {
				t.Fatalf("person without birth date: %+v", s)
			}
		}
		switch {
		case rec.unit != nil:
			path(rec.unit.Path)
			u := thidua.Unit{Name: rec.unit.Path[len(rec.unit.Path)-1], Abbrev: rec.unit.Abbrev, Kind: rec.unit.Kind}
			if err := u.Validate(); err != nil {
				t.Fatalf("unit passes the parser but not Validate: %+v %v", u, thidua.ErrorFields(err))
			}
		case rec.person != nil:
			pp := rec.person.Person
			clean("full name", pp.FullName)
			clean("position", pp.Position)
			path(rec.person.UnitPath)
			pp.UnitID = 1
			if err := pp.Validate(thidua.NewDate(2026, 3, 1)); err != nil || pp.BirthDate.IsZero() {
				t.Fatalf("person passes the parser but not Validate: %+v %v", pp, thidua.ErrorFields(err))
			}
		case rec.rating != nil:
			subject(rec.rating.Subject)
			if err := rec.rating.Rating.Validate(); err != nil {
				t.Fatalf("rating: %v", thidua.ErrorFields(err))
			}
		case rec.title != nil:
			subject(rec.title.Subject)
			if err := rec.title.Title.Validate(); err != nil || thidua.CollectiveTitle(rec.title.Title.Code) != rec.title.Subject.IsUnit() {
				t.Fatalf("title: %+v %v", rec.title, thidua.ErrorFields(err))
			}
		case rec.award != nil:
			subject(rec.award.Subject)
			if err := rec.award.Award.Validate(); err != nil {
				t.Fatalf("award: %v", thidua.ErrorFields(err))
			}
		case rec.initiative != nil:
			subject(rec.initiative.Subject)
			if err := rec.initiative.Initiative.Validate(); err != nil {
				t.Fatalf("initiative: %v", thidua.ErrorFields(err))
			}
		}
	})
}

func TestSerialDate(t *testing.T) {
	cases := []struct {
		serial float64
		d1904  bool
		want   thidua.Date
	}{
		{1, false, thidua.NewDate(1900, 1, 1)},
		{59, false, thidua.NewDate(1900, 2, 28)},
		{61, false, thidua.NewDate(1900, 3, 1)},
		{31083, false, thidua.NewDate(1985, 2, 5)},
		{45646.99, false, thidua.NewDate(2024, 12, 20)},
		{0, true, thidua.NewDate(1904, 1, 1)},
		{29622, true, thidua.NewDate(1985, 2, 6)},
	}
	for _, c := range cases {
		if got := serialDate(c.serial, c.d1904); got != c.want {
			t.Errorf("serialDate(%v, %v) = %v, want %v", c.serial, c.d1904, got, c.want)
		}
	}
}

func TestSplitPath(t *testing.T) {
	cases := map[string]string{
		"Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức": "Văn phòng UBND tỉnh|Phòng Hành chính – Tổ chức",
		"A > B » C":               "A|B|C",
		"Văn phòng HĐND/UBND / X": "Văn phòng HĐND/UBND|X",
		"  A   /   B  ":           "A|B",
	}
	for in, want := range cases {
		got, err := splitPath(in)
		if err != nil || strings.Join(got, "|") != want {
			t.Errorf("splitPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"A / / B", "A > > B", "/ A"} {
		if _, err := splitPath(bad); err == nil {
			t.Errorf("splitPath(%q) accepted", bad)
		}
	}
}
