package statforms

import (
	"fmt"
	"strings"
	"time"

	"thidua"
)

// ProposerProvince is who sends the tờ trình of every state-level award
// thidua records: the province (thidua keeps a province's or an
// agency's tree; ministries are not in it).
const ProposerProvince = "TINH"

// Campaign scopes and launching levels, by the kind of the unit.
const (
	LevelProvince = "BO_TINH" // bộ, ngành, tỉnh (a unit of kind PROVINCE)
	LevelAgency   = "CO_QUAN" // cơ quan, tổ chức, đơn vị (any other unit)
	// LevelCluster is the scope of a cluster's or bloc's year review (cụm,
	// khối thi đua, package cluster): its participants are the members.
	LevelCluster = "CUM_KHOI"
)

// Campaign durations.
const (
	SpanUnder1 = "LT1" // dưới 1 năm
	SpanOne    = "EQ1" // 1 năm
	SpanUnder3 = "LT3" // từ 1 năm đến dưới 3 năm
	SpanUnder5 = "LT5" // từ 3 năm đến dưới 5 năm
	SpanFive   = "GE5" // từ 5 năm trở lên
)

// leadClass is the leadership class of a person in year y: the highest
// class of the posts held during the year; without any post recorded,
// by the person's current post (isLeader).
func (c *Circular) leadClass(posts []thidua.LeadershipPost, isLeader bool, y int) string {
	if len(posts) == 0 {
		if isLeader {
			return LeadOther
		}
		return LeadDirect
	}
	best := LeadDirect
	for _, p := range posts {
		if !held(p, y) {
			continue
		}
		switch cl := c.Posts[p.Post]; {
		case cl == LeadDept:
			best = LeadDept
		case best == LeadDirect:
			best = LeadOther
		}
	}
	return best
}

// AwardFacts yields the titles and forms of one subject's history received
// in year (titles by their year, forms by the year of their decision;
// revoked ones left out). subject is PERSON or UNIT; path is the unit path
// of the subject's unit (a unit's own path); isLeader is a person's
// current post, read when their history records no posts.
func (c *Circular) AwardFacts(h *thidua.HistoryAwards, subject string, isLeader bool, year int, path string, yield func(*Fact)) {
	base := Fact{Source: SourceAwards, Path: path, Subject: subject, Proposer: ProposerProvince}
	if subject == thidua.SubjectPerson {
		base.Lead = c.leadClass(h.Leadership, isLeader, year)
	}
	for _, t := range h.Titles {
		if t.Revoked || t.Year != year {
			continue
		}
		f := base
		f.Code, f.Kind = t.Code, c.TitleKind
		yield(&f)
	}
	for _, a := range h.Awards {
		if a.Revoked || a.Date.IsZero() || a.Date.Year() != year {
			continue
		}
		f := base
		f.Code, f.Kind = a.Code, c.AwardKinds[a.Type]
		yield(&f)
	}
}

// CampaignInfo is what the forms read of a campaign.
type CampaignInfo struct {
	// Path is the launching unit's path; LauncherKind and ScopeKind the
	// kinds of the launching unit and of the root of its scope.
	Path         string
	LauncherKind string
	ScopeKind    string
	Form         string // THUONG_XUYEN or CHUYEN_DE
	State        string
	Start, End   thidua.Date
	// Cluster is set for the year review of a cluster or bloc: its scope
	// is the cluster (LevelCluster), whatever its launching unit.
	Cluster bool
}

// CampaignFact returns the fact of a campaign organized in year: launched
// (past draft) with a period that meets the year.
func CampaignFact(ci CampaignInfo, year int) (*Fact, bool) {
	if ci.State == thidua.CampaignDraft || ci.Start.IsZero() || ci.End.IsZero() ||
		ci.Start.Year() > year || ci.End.Year() < year {
		return nil, false
	}
	level := func(kind string) string {
		if kind == thidua.UnitProvince {
			return LevelProvince
		}
		return LevelAgency
	}
	scope := level(ci.ScopeKind)
	if ci.Cluster {
		scope = LevelCluster
	}
	return &Fact{Source: SourceCampaigns, Path: ci.Path, Launcher: level(ci.LauncherKind), Scope: scope,
		Span: Span(ci.Start, ci.End), Form: ci.Form}, true
}

// Span classes a campaign's duration, from its first to its last day.
func Span(start, end thidua.Date) string {
	s, e := start.Time(), end.Time().AddDate(0, 0, 1)
	months := (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month())
	exact := e.Day() == s.Day()
	if e.Day() < s.Day() {
		months--
	}
	switch {
	case months < 12:
		return SpanUnder1
	case months == 12 && exact:
		return SpanOne
	case months < 36:
		return SpanUnder3
	case months < 60:
		return SpanUnder5
	}
	return SpanFive
}

// Branch is one part of a consolidated report: the reporting unit's own
// people and collective, or one direct sub-unit with its subtree.
type Branch struct {
	Label string
	Path  string
	Own   bool
	Cells [][]int
}

// Report is one form filled for a year and a reporting unit.
type Report struct {
	Circular   *Circular
	Form       *Form
	Year       int
	ReportDate thidua.Date
	Unit       *thidua.Unit // the reporting unit
	// Agency is the reporting unit as the header names it.
	Agency string
	// Made is when the report was produced.
	Made time.Time
	// Cells holds the figures, one slice per row of Form.Rows (heading
	// rows all zero), one figure per column of Form.Columns.
	Cells [][]int
	// Branches break the figures down by the reporting unit's own and
	// its direct sub-units (a province by its agencies).
	Branches []Branch
}

func grid(f *Form) [][]int {
	g := make([][]int, len(f.Rows))
	for i := range g {
		g[i] = make([]int, len(f.Columns))
	}
	return g
}

// NewReport starts the report of form f for year with the reporting unit
// root and its direct sub-units as branches.
func (c *Circular) NewReport(f *Form, year int, root *thidua.Unit, children []*thidua.Unit) *Report {
	r := &Report{Circular: c, Form: f, Year: year, ReportDate: c.ReportDate(year), Unit: root, Agency: root.Name, Cells: grid(f)}
	r.Branches = append(r.Branches, Branch{Label: root.Name + " (cơ quan, trực tiếp)", Path: root.Path, Own: true, Cells: grid(f)})
	for _, u := range children {
		r.Branches = append(r.Branches, Branch{Label: u.Name, Path: u.Path, Cells: grid(f)})
	}
	return r
}

// Add counts a fact in every cell whose row and column match it, in the
// totals and in the fact's branch.
func (r *Report) Add(x *Fact) { r.AddN(x, 1) }

// AddN counts a fact n times at once (n facts alike: a stored count).
func (r *Report) AddN(x *Fact, n int) {
	if n == 0 || !r.Form.Takes(x) {
		return
	}
	var b [][]int
	best := -1
	for i := range r.Branches {
		br := &r.Branches[i]
		if br.Own && x.Path == br.Path || !br.Own && strings.HasPrefix(x.Path, br.Path) && (best < 0 || len(br.Path) > len(r.Branches[best].Path)) {
			best = i
		}
	}
	if best >= 0 {
		b = r.Branches[best].Cells
	}
	for i, row := range r.Form.Rows {
		if row.Heading || row.Underived != "" || !row.Match.Takes(x) {
			continue
		}
		for j, col := range r.Form.Columns {
			if col.Underived != "" || !col.Match.Takes(x) {
				continue
			}
			r.Cells[i][j] += n
			if b != nil {
				b[i][j] += n
			}
		}
	}
}

// Underived returns why cell (i, j) cannot be derived yet, or "".
func (r *Report) Underived(i, j int) string {
	if u := r.Form.Rows[i].Underived; u != "" {
		return u
	}
	return r.Form.Columns[j].Underived
}

// Notes lists the rows and columns thidua cannot fill yet, with why: their
// cells show 0 and are marked for the officer to fill.
func (r *Report) Notes() []string {
	var out []string
	for _, row := range r.Form.Rows {
		if row.Underived != "" {
			out = append(out, fmt.Sprintf("Mã số %s (%s): %s", row.Code, strings.TrimLeft(row.Label, "+ "), row.Underived))
		}
	}
	for _, col := range r.Form.Columns {
		if col.Underived != "" {
			out = append(out, fmt.Sprintf("Cột %s (%s): %s", col.No, col.Label, col.Underived))
		}
	}
	return out
}

// Basis is the header line naming the circular.
func (r *Report) Basis() string { return r.Circular.Basis }

// Due is the header line of the report date.
func (r *Report) Due() string {
	return fmt.Sprintf("Ngày nhận báo cáo: Ngày %02d tháng %02d năm %d", r.ReportDate.Time().Day(), int(r.ReportDate.Time().Month()), r.Year)
}

// FileName is the download's name without extension, e.g. "bieu-0602-2025".
func (r *Report) FileName() string {
	return fmt.Sprintf("bieu-%s-%d", r.Form.Number(), r.Year)
}
