package statforms

import (
	"slices"
	"strings"

	"thidua"
)

// PostsHeld returns the posts of a leadership record held at some time in
// year y, sorted and each once: what the stored award statistics keep of
// a person's posts for an award of that year (sqldb/awardstats), so that
// the forms' leadership class can be read from the stored counts.
func PostsHeld(posts []thidua.LeadershipPost, y int) []string {
	var out []string
	for _, p := range posts {
		if held(p, y) && !slices.Contains(out, p.Post) {
			out = append(out, p.Post)
		}
	}
	slices.Sort(out)
	return out
}

func held(p thidua.LeadershipPost, y int) bool {
	return p.From.Year() <= y && (p.To.IsZero() || p.To.Year() >= y)
}

// LeadClass is the leadership class of a person for an award: leader
// tells whether they led in the award's year (by the recorded posts, or
// without any by their current post, as thidua.AwardFact.Leader); posts
// are the posts held during the year (PostsHeld). Of a leader, the highest
// class of those posts; a leader with no post of the year (no posts
// recorded, a leader now) is of the "other leaders" class.
func (c *Circular) LeadClass(posts []string, leader bool) string {
	if !leader {
		return LeadDirect
	}
	for _, p := range posts {
		if c.Posts[p] == LeadDept {
			return LeadDept
		}
	}
	return LeadOther
}

// StoredAwardFact is what the stored award statistics count per unit for
// the forms: awards of one code, kind (thidua.FactTitle or FactForm) and
// award type, received by the unit (Subject UNIT) or by people of the
// unit (PERSON) of one leadership state, N of them.
type StoredAwardFact struct {
	Path    string // the unit's path
	Subject string
	Kind    string
	Code    string
	Type    string // a form's award type (thidua.Award.Type)
	Leader  bool
	Posts   []string
	N       int
}

// JoinPosts and SplitPosts store a list of posts as one column.
func JoinPosts(posts []string) string { return strings.Join(posts, ",") }

// SplitPosts is the inverse of JoinPosts.
func SplitPosts(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// StoredFact is the fact the forms count for s, as AwardFacts yields it
// from a history.
func (c *Circular) StoredFact(s *StoredAwardFact) *Fact {
	f := &Fact{Source: SourceAwards, Path: s.Path, Subject: s.Subject, Proposer: ProposerProvince, Code: s.Code}
	if s.Subject == thidua.SubjectPerson {
		f.Lead = c.LeadClass(s.Posts, s.Leader)
	}
	if s.Kind == thidua.FactTitle {
		f.Kind = c.TitleKind
	} else {
		f.Kind = c.AwardKinds[s.Type]
	}
	return f
}
