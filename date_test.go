package thidua_test

import (
	"encoding/json"
	"testing"
	"time"

	"thidua"
)

func TestParseDateValid(t *testing.T) {
	tests := []struct {
		in   string
		y    int
		m    time.Month
		d    int
		want string // String()
	}{
		{"05/02/2026", 2026, time.February, 5, "05/02/2026"},
		{"5/2/2026", 2026, time.February, 5, "05/02/2026"},
		{"2026-02-05", 2026, time.February, 5, "05/02/2026"},
		{"05-02-2026", 2026, time.February, 5, "05/02/2026"},
		{"5.2.2026", 2026, time.February, 5, "05/02/2026"},
		{"  05/02/2026 ", 2026, time.February, 5, "05/02/2026"},
		{"29/02/2024", 2024, time.February, 29, "29/02/2024"},
		{"2024-02-29", 2024, time.February, 29, "29/02/2024"},
		{"29/02/2000", 2000, time.February, 29, "29/02/2000"},
		{"31/12/1999", 1999, time.December, 31, "31/12/1999"},
		{"01/01/1900", 1900, time.January, 1, "01/01/1900"},
		{"30/04/1975", 1975, time.April, 30, "30/04/1975"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := thidua.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q) error %v", tt.in, err)
			}
			if want := thidua.NewDate(tt.y, tt.m, tt.d); got != want {
				t.Fatalf("ParseDate(%q)=%v, want %v", tt.in, got, want)
			}
			if got, want := got.String(), tt.want; got != want {
				t.Fatalf("ParseDate(%q).String()=%q, want %q", tt.in, got, want)
			}
			if got, want := got.IsZero(), false; got != want {
				t.Fatalf("ParseDate(%q).IsZero()=%v, want %v", tt.in, got, want)
			}
			if got, want := got.Year(), tt.y; got != want {
				t.Fatalf("ParseDate(%q).Year()=%v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestParseDateInvalid(t *testing.T) {
	for _, in := range []string{
		"31/02/2024", // no 31 February
		"30/02/2024",
		"29/02/2023", // not a leap year
		"29/02/1900", // 1900 was not a leap year
		"31/04/2024", // April has 30 days
		"00/01/2020",
		"01/00/2020",
		"32/01/2020",
		"12/13/2020", // month 13 (US order)
		"abc",
		"1/1/20", // two-digit year
		"05/-2/2026", "05//02/2026", "+5/02/2026", "2026-+2-05", "05/02-2026", "123/1/2026",
		"1/1/020",
		"01/01/1899", // out of range
		"01/01/2201",
		"2024-02-30",
		"2024-13-01",
		"2024-00-10",
		"05/02",
		"05/02/2026/1",
		"aa/bb/cccc",
		"2026-aa-05",
	} {
		t.Run(in, func(t *testing.T) {
			d, err := thidua.ParseDate(in)
			if err == nil {
				t.Fatalf("ParseDate(%q)=%v, want an error", in, d)
			}
			if got, want := d.IsZero(), true; got != want {
				t.Fatalf("ParseDate(%q) on error IsZero()=%v, want %v", in, got, want)
			}
		})
	}
}

func TestParseDateEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\t"} {
		d, err := thidua.ParseDate(in)
		if err != nil {
			t.Fatalf("ParseDate(%q) error %v", in, err)
		}
		if got, want := d.IsZero(), true; got != want {
			t.Fatalf("ParseDate(%q).IsZero()=%v, want %v", in, got, want)
		}
		if got, want := d.String(), ""; got != want {
			t.Fatalf("ParseDate(%q).String()=%q, want %q", in, got, want)
		}
		if got, want := d.ISO(), ""; got != want {
			t.Fatalf("ParseDate(%q).ISO()=%q, want %q", in, got, want)
		}
	}
}

func TestDateStringAndISO(t *testing.T) {
	tests := []struct {
		d         thidua.Date
		str, iso  string
		timeValue time.Time
	}{
		{thidua.NewDate(2026, time.February, 5), "05/02/2026", "2026-02-05", time.Date(2026, 2, 5, 0, 0, 0, 0, time.UTC)},
		{thidua.NewDate(1975, time.April, 30), "30/04/1975", "1975-04-30", time.Date(1975, 4, 30, 0, 0, 0, 0, time.UTC)},
		{thidua.Date{}, "", "", time.Time{}},
	}
	for _, tt := range tests {
		if got, want := tt.d.String(), tt.str; got != want {
			t.Fatalf("String()=%q, want %q", got, want)
		}
		if got, want := tt.d.ISO(), tt.iso; got != want {
			t.Fatalf("ISO()=%q, want %q", got, want)
		}
		if got, want := tt.d.Time(), tt.timeValue; !got.Equal(want) {
			t.Fatalf("Time()=%v, want %v", got, want)
		}
	}
}

func TestDateStringParseRoundTrip(t *testing.T) {
	for _, d := range []thidua.Date{
		thidua.NewDate(2026, time.February, 5),
		thidua.NewDate(2024, time.February, 29),
		thidua.NewDate(1900, time.January, 1),
		thidua.NewDate(2200, time.December, 31),
	} {
		for _, s := range []string{d.String(), d.ISO()} {
			got, err := thidua.ParseDate(s)
			if err != nil {
				t.Fatalf("ParseDate(%q) error %v", s, err)
			}
			if want := d; got != want {
				t.Fatalf("ParseDate(%q)=%v, want %v", s, got, want)
			}
		}
	}
}

func TestDateBefore(t *testing.T) {
	a := thidua.NewDate(2026, time.February, 5)
	b := thidua.NewDate(2026, time.February, 6)
	tests := []struct {
		x, y thidua.Date
		want bool
	}{
		{a, b, true},
		{b, a, false},
		{a, a, false},
	}
	for _, tt := range tests {
		if got, want := tt.x.Before(tt.y), tt.want; got != want {
			t.Fatalf("%v.Before(%v)=%v, want %v", tt.x, tt.y, got, want)
		}
	}
}

func TestDateOf(t *testing.T) {
	tests := []struct {
		in   time.Time
		want thidua.Date
	}{
		{time.Date(2022, 10, 4, 18, 0, 0, 0, time.UTC), thidua.NewDate(2022, time.October, 5)},
		{time.Date(2022, 10, 4, 16, 59, 59, 0, time.UTC), thidua.NewDate(2022, time.October, 4)},
		{time.Date(2022, 10, 4, 17, 0, 0, 0, time.UTC), thidua.NewDate(2022, time.October, 5)},
		{time.Date(2022, 10, 5, 23, 59, 0, 0, thidua.VietnamZone), thidua.NewDate(2022, time.October, 5)},
		{time.Date(2022, 12, 31, 20, 0, 0, 0, time.UTC), thidua.NewDate(2023, time.January, 1)},
	}
	for _, tt := range tests {
		if got, want := thidua.DateOf(tt.in), tt.want; got != want {
			t.Fatalf("DateOf(%v)=%v, want %v", tt.in, got, want)
		}
	}
}

type dateHolder struct {
	D thidua.Date `json:"d"`
}

func TestDateJSON(t *testing.T) {
	tests := []struct {
		name string
		d    thidua.Date
		json string
	}{
		{"date", thidua.NewDate(2026, time.February, 5), `{"d":"2026-02-05"}`},
		{"leap day", thidua.NewDate(2024, time.February, 29), `{"d":"2024-02-29"}`},
		{"zero", thidua.Date{}, `{"d":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(dateHolder{tt.d})
			if err != nil {
				t.Fatalf("Marshal error %v", err)
			}
			if got, want := string(b), tt.json; got != want {
				t.Fatalf("Marshal=%s, want %s", got, want)
			}
			var h dateHolder
			if err := json.Unmarshal(b, &h); err != nil {
				t.Fatalf("Unmarshal(%s) error %v", b, err)
			}
			if got, want := h.D, tt.d; got != want {
				t.Fatalf("round trip=%v, want %v", got, want)
			}
		})
	}
}

func TestDateUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    thidua.Date
		wantErr bool
	}{
		{`{"d":"2026-02-05"}`, thidua.NewDate(2026, time.February, 5), false},
		{`{"d":"05/02/2026"}`, thidua.NewDate(2026, time.February, 5), false},
		{`{"d":"5/2/2026"}`, thidua.NewDate(2026, time.February, 5), false},
		{`{"d":null}`, thidua.Date{}, false},
		{`{"d":""}`, thidua.Date{}, false},
		{`{}`, thidua.Date{}, false},
		{`{"d":"31/02/2024"}`, thidua.Date{}, true},
		{`{"d":"2024-02-30"}`, thidua.Date{}, true},
		{`{"d":"abc"}`, thidua.Date{}, true},
		{`{"d":20260205}`, thidua.Date{}, true},
		{`{"d":true}`, thidua.Date{}, true},
	}
	for _, tt := range tests {
		var h dateHolder
		err := json.Unmarshal([]byte(tt.in), &h)
		if got, want := err != nil, tt.wantErr; got != want {
			t.Fatalf("Unmarshal(%s) error=%v, want error %v", tt.in, err, want)
		}
		if err != nil {
			continue
		}
		if got, want := h.D, tt.want; got != want {
			t.Fatalf("Unmarshal(%s)=%v, want %v", tt.in, got, want)
		}
	}
}

func TestDateUnmarshalNullResets(t *testing.T) {
	h := dateHolder{D: thidua.NewDate(2026, time.February, 5)}
	if err := json.Unmarshal([]byte(`{"d":null}`), &h); err != nil {
		t.Fatalf("Unmarshal error %v", err)
	}
	if got, want := h.D.IsZero(), true; got != want {
		t.Fatalf("IsZero()=%v after null, want %v", got, want)
	}
}

func TestWeekdayName(t *testing.T) {
	tests := []struct {
		w    time.Weekday
		want string
	}{
		{time.Sunday, "Chủ nhật"},
		{time.Monday, "Thứ hai"},
		{time.Tuesday, "Thứ ba"},
		{time.Wednesday, "Thứ tư"},
		{time.Thursday, "Thứ năm"},
		{time.Friday, "Thứ sáu"},
		{time.Saturday, "Thứ bảy"},
	}
	for _, tt := range tests {
		if got, want := thidua.WeekdayName(tt.w), tt.want; got != want {
			t.Fatalf("WeekdayName(%v)=%q, want %q", tt.w, got, want)
		}
	}
}

func TestFormatDateLine(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"vn midnight", time.Date(2022, 10, 5, 0, 0, 0, 0, thidua.VietnamZone), "Thứ tư 5/10/2022"},
		{"vn noon", time.Date(2022, 10, 5, 12, 0, 0, 0, thidua.VietnamZone), "Thứ tư 5/10/2022"},
		{"vn last minute", time.Date(2022, 10, 5, 23, 59, 59, 0, thidua.VietnamZone), "Thứ tư 5/10/2022"},
		{"utc evening before", time.Date(2022, 10, 4, 18, 0, 0, 0, time.UTC), "Thứ tư 5/10/2022"},
		{"utc first vn second", time.Date(2022, 10, 4, 17, 0, 0, 0, time.UTC), "Thứ tư 5/10/2022"},
		{"utc last vn second", time.Date(2022, 10, 5, 16, 59, 59, 0, time.UTC), "Thứ tư 5/10/2022"},
		{"utc still 4/10 in vn", time.Date(2022, 10, 4, 16, 59, 59, 0, time.UTC), "Thứ ba 4/10/2022"},
		{"utc already 6/10 in vn", time.Date(2022, 10, 5, 17, 0, 0, 0, time.UTC), "Thứ năm 6/10/2022"},
		{"no zero padding", time.Date(2026, 1, 1, 9, 0, 0, 0, thidua.VietnamZone), "Thứ năm 1/1/2026"},
		{"sunday", time.Date(2026, 2, 8, 9, 0, 0, 0, thidua.VietnamZone), "Chủ nhật 8/2/2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := thidua.FormatDateLine(tt.in), tt.want; got != want {
				t.Fatalf("FormatDateLine(%v)=%q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	utc := time.Date(2022, 10, 4, 18, 5, 0, 0, time.UTC)
	if got, want := thidua.FormatDate(utc), "05/10/2022"; got != want {
		t.Fatalf("FormatDate=%q, want %q", got, want)
	}
	if got, want := thidua.FormatDateTime(utc), "05/10/2022 01:05"; got != want {
		t.Fatalf("FormatDateTime=%q, want %q", got, want)
	}
	if got, want := thidua.FormatLongDate(utc), "Thứ tư, 05/10/2022"; got != want {
		t.Fatalf("FormatLongDate=%q, want %q", got, want)
	}
	if got, want := thidua.FormatDate(time.Time{}), ""; got != want {
		t.Fatalf("FormatDate(zero)=%q, want %q", got, want)
	}
	if got, want := thidua.FormatDateTime(time.Time{}), ""; got != want {
		t.Fatalf("FormatDateTime(zero)=%q, want %q", got, want)
	}
}
