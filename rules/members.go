package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"thidua"
)

// Collective facts from member summaries.
//
// A collective's conditions count its members for the year judged and
// nothing else of them: how many there are (member_count), how many are
// women (female_share), how many were rated at least r (members_rated),
// hold each title of the year, not revoked (members_share_title,
// members_with_title), or were disciplined at level l or worse during the
// year (members_disciplined). Those counts add up: a unit's members are the
// people of its subtree, so its counts are the sum over the units of the
// subtree of each unit's counts of its own direct members. MemberFacts is
// that summary; storage keeps one per unit and year (sqldb/verdicts), kept
// fresh unit by unit, and judges a collective from the sum of its
// subtree's instead of reading every member's history.

// MemberFacts counts what a collective's conditions read of its members for
// one year. The zero value is no members.
type MemberFacts struct {
	members int
	female  int
	ratedGE [5]int // ratedGE[r]: members rated r (1 KHTNV … 4 HTXSNV) or better
	title   [9]int // title[c]: members holding titleCodes[c], not revoked
	discGE  [8]int // discGE[l]: members disciplined at level l or worse, touching the year
}

// Count is the number of members counted.
func (m MemberFacts) Count() int { return m.members }

// Add adds o's members to m.
func (m *MemberFacts) Add(o *MemberFacts) {
	m.members += o.members
	m.female += o.female
	for i := range m.ratedGE {
		m.ratedGE[i] += o.ratedGE[i]
	}
	for i := range m.title {
		m.title[i] += o.title[i]
	}
	for i := range m.discGE {
		m.discGE[i] += o.discGE[i]
	}
}

// add counts one member in year y from its records: its first rating of
// the year, each title of the year once (revoked ones not), its worst
// discipline touching the year. It is the one place these facts are
// computed, for members given one by one (Subject.Members) and for the
// stored summaries alike.
func (m *MemberFacts) add(female bool, ratings []thidua.Rating, titles []thidua.TitleRecord, discs []thidua.Discipline, y int) {
	m.members++
	if female {
		m.female++
	}
	for j := range ratings {
		if ratings[j].Year == y {
			for g := 1; g <= thidua.RatingRank(ratings[j].Code); g++ {
				m.ratedGE[g]++
			}
			break
		}
	}
	var seen uint16
	for j := range titles {
		t := &titles[j]
		if t.Year == y && !t.Revoked {
			if c := titleIndex(t.Code); c >= 0 && seen&(1<<c) == 0 {
				seen |= 1 << c
				m.title[c]++
			}
		}
	}
	worst := 0
	for j := range discs {
		d := &discs[j]
		if d.From.Year() <= y && (d.To.IsZero() || d.To.Year() >= y) {
			worst = max(worst, thidua.DisciplineRank(d.Level))
		}
	}
	for l := 1; l <= worst; l++ {
		m.discGE[l]++
	}
}

// AddMember counts one person in year from the records of its stored
// history (ratings, titles and disciplines; the rest is not read). The
// records may be in any order of years: among the ratings of one year the
// first counts, as in a normalized history (sorted stably by year).
func (m *MemberFacts) AddMember(gender string, ratings []thidua.Rating, titles []thidua.TitleRecord, discs []thidua.Discipline, year int) {
	m.add(gender == thidua.GenderFemale, ratings, titles, discs, year)
}

// membersOf counts the members given one by one.
func membersOf(s *Subject, y int) MemberFacts {
	var m MemberFacts
	for i := range s.Members {
		x := &s.Members[i]
		m.add(x.Gender == Female, x.Ratings, x.Titles, x.Disciplines, y)
	}
	return m
}

// MemberFactsKey names the set of facts a summary holds and how it is
// written: a stored summary under another key is recomputed.
func MemberFactsKey() string {
	return "members-1:" + strings.Join(titleCodes, ",")
}

// memberFactsDoc is the stored form of MemberFacts: counts by code, so
// that a reordering of the codes in this package cannot misread a summary.
type memberFactsDoc struct {
	Members     int            `json:"members"`
	Female      int            `json:"female"`
	Rated       map[string]int `json:"rated,omitempty"`
	Titles      map[string]int `json:"titles,omitempty"`
	Disciplined map[string]int `json:"disciplined,omitempty"`
}

var ratingCodes = [...]string{1: thidua.RatingKHTNV, 2: thidua.RatingHTNV, 3: thidua.RatingHTTNV, 4: thidua.RatingHTXSNV}

// MarshalJSON writes the counts by code (members rated at least each
// rating, holding each title, disciplined at least at each level).
func (m MemberFacts) MarshalJSON() ([]byte, error) {
	d := memberFactsDoc{Members: m.members, Female: m.female}
	put := func(to *map[string]int, code string, n int) {
		if n == 0 {
			return
		}
		if *to == nil {
			*to = map[string]int{}
		}
		(*to)[code] = n
	}
	for r := 1; r < len(m.ratedGE); r++ {
		put(&d.Rated, ratingCodes[r], m.ratedGE[r])
	}
	for c, n := range m.title {
		put(&d.Titles, titleCodes[c], n)
	}
	for l := 1; l < len(m.discGE); l++ {
		put(&d.Disciplined, thidua.DisciplineLevels[l-1].Code, m.discGE[l])
	}
	return json.Marshal(d)
}

// UnmarshalJSON reads what MarshalJSON wrote; an unknown code or a count
// that cannot be is an error (the summary is then recomputed).
func (m *MemberFacts) UnmarshalJSON(b []byte) error {
	var d memberFactsDoc
	if err := json.Unmarshal(b, &d); err != nil {
		return err
	}
	x := MemberFacts{members: d.Members, female: d.Female}
	ok := func(n int) bool { return n >= 0 && n <= d.Members }
	if !ok(d.Female) {
		return fmt.Errorf("rules: member facts: %d women of %d members", d.Female, d.Members)
	}
	for code, n := range d.Rated {
		r := thidua.RatingRank(code)
		if r == 0 || !ok(n) {
			return fmt.Errorf("rules: member facts: rating %q: %d", code, n)
		}
		x.ratedGE[r] = n
	}
	for code, n := range d.Titles {
		c := titleIndex(code)
		if c < 0 || !ok(n) {
			return fmt.Errorf("rules: member facts: title %q: %d", code, n)
		}
		x.title[c] = n
	}
	for code, n := range d.Disciplined {
		l := thidua.DisciplineRank(code)
		if l == 0 || !ok(n) {
			return fmt.Errorf("rules: member facts: discipline %q: %d", code, n)
		}
		x.discGE[l] = n
	}
	*m = x
	return nil
}

// UnitPath is a unit of the tree by its materialized path (each ancestor's
// id and a slash, the unit's own last: "1/5/12/").
type UnitPath struct {
	ID   int64
	Path string
}

// SubtreeFacts sums each unit's direct members' facts over its subtree (the
// units whose path starts with its own, itself included): the members of a
// collective are the people of its subtree. A unit without facts in direct
// counts nothing of its own.
func SubtreeFacts(units []UnitPath, direct map[int64]MemberFacts) map[int64]MemberFacts {
	sorted := append([]UnitPath(nil), units...)
	// In the order of paths a subtree is the run of paths that start with
	// its root's.
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	out := make(map[int64]MemberFacts, len(sorted))
	for i, u := range sorted {
		var sum MemberFacts
		for j := i; j < len(sorted) && strings.HasPrefix(sorted[j].Path, u.Path); j++ {
			if d, ok := direct[sorted[j].ID]; ok {
				sum.Add(&d)
			}
		}
		out[u.ID] = sum
	}
	return out
}

// CollectiveSubject is the engine's subject of a unit's stored history with
// its members given by their facts (the sum over its subtree): judged, it
// gives the verdicts of the same unit judged with its members one by one.
func CollectiveSubject(h *thidua.SubjectHistory, members MemberFacts, asOf thidua.Date) Subject {
	sub := SubjectOf(h, asOf)
	sub.MemberFacts = &members
	return sub
}
