package thidua

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// VietnamZone is Asia/Ho_Chi_Minh (UTC+7, no daylight saving time). It is a
// fixed zone so that the binary needs no tzdata on the host.
var VietnamZone = time.FixedZone("ICT", 7*60*60)

// Date is a calendar date without a time of day. The zero Date means "not set".
type Date struct {
	t time.Time
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t as seen in Vietnam.
func DateOf(t time.Time) Date {
	t = t.In(VietnamZone)
	return NewDate(t.Year(), t.Month(), t.Day())
}

// ParseDate reads a date written dd/mm/yyyy (d/m/yyyy and dd-mm-yyyy too) or
// ISO yyyy-mm-dd. An empty string gives the zero Date. Impossible dates such
// as 31/02/2024 are rejected.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var y, m, d int
	var err error
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, m, d, err = atoi3(s[0:4], s[5:7], s[8:10])
	} else {
		sep := "/"
		if !strings.Contains(s, "/") {
			sep = "-"
			if !strings.Contains(s, "-") {
				sep = "."
			}
		}
		parts := strings.Split(s, sep)
		if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
			return Date{}, fmt.Errorf("thidua: date %q: want dd/mm/yyyy", s)
		}
		d, m, y, err = atoi3(parts[0], parts[1], parts[2])
	}
	if err != nil {
		return Date{}, fmt.Errorf("thidua: date %q: %w", s, err)
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, fmt.Errorf("thidua: date %q out of range", s)
	}
	dt := NewDate(y, time.Month(m), d)
	if dt.t.Day() != d || int(dt.t.Month()) != m {
		return Date{}, fmt.Errorf("thidua: date %q does not exist", s)
	}
	return dt, nil
}

func atoi3(a, b, c string) (int, int, int, error) {
	for _, s := range []string{a, b, c} {
		if s == "" || strings.Trim(s, "0123456789") != "" {
			return 0, 0, 0, fmt.Errorf("not a number")
		}
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	z, err3 := strconv.Atoi(c)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, 0, fmt.Errorf("not a number")
	}
	return x, y, z, nil
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time { return d.t }

// Year returns the year of the date.
func (d Date) Year() int { return d.t.Year() }

// String returns the date as dd/mm/yyyy, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

// ISO returns the date as yyyy-mm-dd, or "" when unset.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// MarshalJSON writes the date as "yyyy-mm-dd" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.ISO())
}

// UnmarshalJSON reads "yyyy-mm-dd", "dd/mm/yyyy" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var weekdays = [...]string{"Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"}

// WeekdayName returns the Vietnamese name of a weekday ("Thứ tư").
func WeekdayName(w time.Weekday) string { return weekdays[w] }

// FormatDate returns t as dd/mm/yyyy in Vietnam time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(VietnamZone).Format("02/01/2006")
}

// FormatDateTime returns t as "dd/mm/yyyy HH:MM" in Vietnam time.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(VietnamZone).Format("02/01/2006 15:04")
}

// FormatDateLine returns the portal date line of t, "Thứ tư 5/10/2022".
func FormatDateLine(t time.Time) string {
	t = t.In(VietnamZone)
	return fmt.Sprintf("%s %d/%d/%d", WeekdayName(t.Weekday()), t.Day(), int(t.Month()), t.Year())
}

// FormatLongDate returns t as "Thứ tư, 25/11/2026".
func FormatLongDate(t time.Time) string {
	t = t.In(VietnamZone)
	return WeekdayName(t.Weekday()) + ", " + t.Format("02/01/2006")
}
