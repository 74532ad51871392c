package rules_test

import (
	"strings"
	"testing"

	"thidua"
	"thidua/rules"
)

// day parses yyyy-mm-dd or panics.
func day(s string) thidua.Date {
	d, err := thidua.ParseDate(s)
	if err != nil || d.IsZero() {
		panic("bad test date " + s)
	}
	return d
}

// hist describes a history by year: a rating code (or "-") followed by the
// titles of that year; a title ending in "!" is revoked.
type hist map[int]string

type opt func(*rules.Subject)

func build(kind string, h hist, opts ...opt) rules.Subject {
	s := rules.Subject{Kind: kind, Gender: rules.Male}
	for y := 1990; y <= 2030; y++ {
		spec, ok := h[y]
		if !ok {
			continue
		}
		f := strings.Fields(spec)
		if len(f) > 0 && f[0] != "-" {
			s.Ratings = append(s.Ratings, thidua.Rating{Year: y, Code: f[0]})
		}
		for _, code := range f[1:] {
			t := thidua.TitleRecord{Year: y, Code: strings.TrimSuffix(code, "!"), Decision: code + "/" + "QĐ"}
			if strings.HasSuffix(code, "!") {
				t.Revoked, t.RevokedReason = true, "Hủy bỏ"
			}
			s.Titles = append(s.Titles, t)
		}
	}
	for _, o := range opts {
		o(&s)
	}
	return s
}

func person(h hist, opts ...opt) rules.Subject { return build(rules.Individual, h, opts...) }

func unit(h hist, members []rules.Subject, opts ...opt) rules.Subject {
	s := build(rules.Collective, h, opts...)
	s.Gender = ""
	s.Members = members
	return s
}

// leading marks a collective as the leader of its cluster or bloc in years.
func leading(s rules.Subject, years ...int) rules.Subject {
	s.ClusterLeads = years
	return s
}

// members returns n individuals whose spec for year y is given by spec(i).
func members(n, y int, spec func(i int) string) []rules.Subject {
	out := make([]rules.Subject, n)
	for i := range out {
		out[i] = person(hist{y: spec(i)})
	}
	return out
}

func female() opt { return func(s *rules.Subject) { s.Gender = rules.Female } }
func pending() opt {
	return func(s *rules.Subject) { s.PendingProceedings = true }
}

func initiative(y int, level, consumedBy string) opt {
	return func(s *rules.Subject) {
		s.Initiatives = append(s.Initiatives, thidua.Initiative{Year: y, Level: level, ConsumedBy: consumedBy})
	}
}

func research(y int, level string) opt {
	return func(s *rules.Subject) {
		s.Initiatives = append(s.Initiatives, thidua.Initiative{Year: y, Level: level, Kind: thidua.InitiativeDeTai})
	}
}

func award(code, date, typ string, revoked bool) opt {
	return func(s *rules.Subject) {
		s.Awards = append(s.Awards, thidua.Award{Code: code, Date: day(date), Type: typ, Decision: "99/QĐ-UBND", Revoked: revoked})
	}
}

func discipline(from, to, level string) opt {
	return func(s *rules.Subject) {
		d := thidua.Discipline{From: day(from), Level: level}
		if to != "" {
			d.To = day(to)
		}
		s.Disciplines = append(s.Disciplines, d)
	}
}

func maternity(from, to string) opt {
	return func(s *rules.Subject) {
		s.MaternityLeave = append(s.MaternityLeave, thidua.Period{From: day(from), To: day(to)})
	}
}

func leader(post, from, to string) opt {
	return func(s *rules.Subject) {
		l := thidua.LeadershipPost{Post: post, From: day(from)}
		if to != "" {
			l.To = day(to)
		}
		s.Leadership = append(s.Leadership, l)
	}
}

// evaluate calls Evaluate and fails the test on error.
func evaluate(t *testing.T, s rules.Subject, award string, year int, asOf, province string) rules.Verdict {
	t.Helper()
	v, err := rules.Evaluate(s, award, year, day(asOf), province)
	if err != nil {
		t.Fatalf("Evaluate(%s, %d, %s, %s): %v", award, year, asOf, province, err)
	}
	return v
}

// find returns the condition rule/point of v, or nil.
func find(v rules.Verdict, rule, point string) *rules.Condition {
	for i := range v.Conditions {
		if v.Conditions[i].Rule == rule && (point == "" || v.Conditions[i].Point == point) {
			return &v.Conditions[i]
		}
	}
	return nil
}

func dump(v rules.Verdict) string {
	var b strings.Builder
	b.WriteString(v.Verdict + ": " + v.Summary + "\n")
	for _, c := range v.Conditions {
		b.WriteString("  " + c.Rule + "/" + c.Point + " [" + c.Status + "] " + c.Explanation + "\n")
	}
	return b.String()
}
