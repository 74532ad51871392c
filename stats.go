package thidua

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// This file holds the statistics of titles and forms received that the
// dashboards and the statutory report forms show: counts by level, by award,
// by unit and by year, and the fairness view — how awards fall to leaders
// and staff, women and men, unit by unit (R-GEN-03) — set against the
// current headcount.

// Award levels (cấp khen thưởng) for statistics.
const (
	AwardLevelState    = "NHA_NUOC" // Chủ tịch nước, Thủ tướng Chính phủ
	AwardLevelProvince = "TINH"     // Bộ, ban, ngành, tỉnh
	AwardLevelBase     = "CO_SO"    // cơ sở
)

// AwardLevels lists the levels, highest first.
var AwardLevels = []Option{
	{AwardLevelState, "Khen thưởng cấp Nhà nước"},
	{AwardLevelProvince, "Khen thưởng cấp Bộ, ban, ngành, tỉnh"},
	{AwardLevelBase, "Khen thưởng cấp cơ sở"},
}

// AwardLevel returns the level of a title or form code: Huân chương, Bằng
// khen of the Prime Minister, Chiến sĩ thi đua toàn quốc and the
// Government's Cờ thi đua are state level; the province's (or a
// ministry's) Bằng khen, Cờ thi đua, Chiến sĩ thi đua cấp tỉnh and Tập thể
// lao động xuất sắc are provincial; the rest are base level.
func AwardLevel(code string) string {
	switch code {
	case FormHCLD1, FormHCLD2, FormHCLD3, FormBKTTG, TitleCSTDTQ, TitleCTCP:
		return AwardLevelState
	case FormBKCT, FormBKBN, TitleCSTDT, TitleCTT, TitleTTLDXS:
		return AwardLevelProvince
	}
	return AwardLevelBase
}

// Kinds of award facts.
const (
	FactTitle = "TITLE" // danh hiệu thi đua
	FactForm  = "FORM"  // hình thức khen thưởng
)

// AwardFact is one title or form received (not revoked), flattened with
// what statistics group it by.
type AwardFact struct {
	Kind      string `json:"kind"` // TITLE or FORM
	Code      string `json:"code"`
	Level     string `json:"level"`
	Type      string `json:"type,omitempty"` // award type of a form
	Year      int    `json:"year"`
	Decision  string `json:"decision,omitempty"`
	Subject   string `json:"subject"` // PERSON or UNIT
	SubjectID int64  `json:"subject_id"`
	Name      string `json:"name"`
	UnitID    int64  `json:"unit_id"`
	UnitPath  string `json:"-"`
	Female    bool   `json:"female"`
	// Leader is true when the person held a leadership post in the award's
	// year (by the recorded posts; without any, by the person's current post).
	Leader bool `json:"leader"`
}

// Individual reports whether the fact is a person's.
func (f *AwardFact) Individual() bool { return f.Subject == SubjectPerson }

// StaffCount counts the active people of one unit by gender and post.
type StaffCount struct {
	UnitID   int64  `json:"unit_id"`
	UnitPath string `json:"-"`
	Female   bool   `json:"female"`
	Leader   bool   `json:"leader"`
	Count    int    `json:"count"`
}

// StatsFilter selects what statistics cover: a unit's subtree (0: all in
// scope) and a span of years (0: open).
type StatsFilter struct {
	UnitID   int64
	FromYear int
	ToYear   int
}

// StatsData is the raw material of statistics.
type StatsData struct {
	Filter StatsFilter
	// Root is the filter's unit; nil when the statistics cover all the
	// units in scope.
	Root  *Unit
	Units []*Unit // the units covered, in tree order
	Facts []AwardFact
	Staff []StaffCount
	// Cells, when set, are the facts counted by everything the figures
	// group by (stored aggregates); the figures then come from them and
	// Facts stays empty, the facts themselves streamed by EachFact.
	Cells []AwardCell
	// EachFact streams the facts in the order of SortFactsBySubject, when
	// Facts is not filled; it stops at the first error yield returns.
	EachFact func(yield func(*AwardFact) error) error
}

// AwardCell counts the facts alike in all that statistics group them by:
// kind, code, level and year of the award, the subject's unit, whether it
// is a person's, and the person's post and gender.
type AwardCell struct {
	Kind       string `json:"kind"`
	Code       string `json:"code"`
	Level      string `json:"level"`
	Year       int    `json:"year"`
	Individual bool   `json:"individual"`
	UnitID     int64  `json:"unit_id"`
	UnitPath   string `json:"-"`
	Female     bool   `json:"female"`
	Leader     bool   `json:"leader"`
	N          int    `json:"n"`
}

// cells returns Cells, or one cell of each fact.
func (d *StatsData) cells() []AwardCell {
	if d.Cells != nil {
		return d.Cells
	}
	out := make([]AwardCell, len(d.Facts))
	for i := range d.Facts {
		f := &d.Facts[i]
		out[i] = AwardCell{Kind: f.Kind, Code: f.Code, Level: f.Level, Year: f.Year, Individual: f.Individual(),
			UnitID: f.UnitID, UnitPath: f.UnitPath, Female: f.Female, Leader: f.Leader, N: 1}
	}
	return out
}

// Count is the number of facts counted.
func (d *StatsData) Count() int {
	if d.Cells == nil {
		return len(d.Facts)
	}
	n := 0
	for i := range d.Cells {
		n += d.Cells[i].N
	}
	return n
}

// ForEachFact calls fn with every fact in order: from EachFact when it is
// set, from Facts otherwise.
func (d *StatsData) ForEachFact(fn func(*AwardFact) error) error {
	if d.EachFact != nil {
		return d.EachFact(fn)
	}
	for i := range d.Facts {
		if err := fn(&d.Facts[i]); err != nil {
			return err
		}
	}
	return nil
}

// StatsService gathers statistics within the user's scope (org.view).
type StatsService interface {
	// AwardStats returns the awards of the people and units of the
	// filter's subtree in its years, and their current headcount.
	AwardStats(ctx context.Context, f StatsFilter) (*StatsData, error)
}

// AwardRow counts one title or form: for collectives, for individuals and,
// among individuals, leaders, staff without a leadership post, and women.
type AwardRow struct {
	Kind       string `json:"kind"`
	Level      string `json:"level"`
	Code       string `json:"code"`
	Label      string `json:"label"`
	Total      int    `json:"total"`
	Collective int    `json:"collective"`
	Individual int    `json:"individual"`
	Leaders    int    `json:"leaders"`
	Staff      int    `json:"staff"`
	Women      int    `json:"women"`
}

func (r *AwardRow) add(c *AwardCell) {
	r.Total += c.N
	if !c.Individual {
		r.Collective += c.N
		return
	}
	r.Individual += c.N
	if c.Leader {
		r.Leaders += c.N
	} else {
		r.Staff += c.N
	}
	if c.Female {
		r.Women += c.N
	}
}

// ByAward counts every title and every form, grouped by kind and level in
// the order of the statutory forms; codes nobody received count zero.
func (d *StatsData) ByAward() []AwardRow {
	idx := map[string]int{}
	var rows []AwardRow
	for _, kind := range []struct {
		kind string
		opts []Option
	}{{FactTitle, Titles}, {FactForm, Forms}} {
		for _, lv := range AwardLevels {
			for _, o := range kind.opts {
				if AwardLevel(o.Code) != lv.Code {
					continue
				}
				idx[o.Code] = len(rows)
				rows = append(rows, AwardRow{Kind: kind.kind, Level: lv.Code, Code: o.Code, Label: o.Label})
			}
		}
	}
	cells := d.cells()
	for i := range cells {
		f := &cells[i]
		j, ok := idx[f.Code]
		if !ok {
			idx[f.Code] = len(rows)
			j = len(rows)
			rows = append(rows, AwardRow{Kind: f.Kind, Level: f.Level, Code: f.Code, Label: AwardName(f.Code)})
		}
		rows[j].add(f)
	}
	return rows
}

// LevelTotals sums award rows per kind and level: keys "TITLE/NHA_NUOC", …
func LevelTotals(rows []AwardRow) map[string]AwardRow {
	out := map[string]AwardRow{}
	for _, r := range rows {
		k := r.Kind + "/" + r.Level
		t := out[k]
		t.Kind, t.Level = r.Kind, r.Level
		t.Total += r.Total
		t.Collective += r.Collective
		t.Individual += r.Individual
		t.Leaders += r.Leaders
		t.Staff += r.Staff
		t.Women += r.Women
		out[k] = t
	}
	return out
}

// UnitRow counts the awards of one unit's subtree and its headcount.
type UnitRow struct {
	Unit *Unit `json:"-"`
	// Own is true for the row of the root's own people and collective
	// (not those of its sub-units).
	Own              bool   `json:"own"`
	Label            string `json:"label"`
	TitlesCollective int    `json:"titles_collective"`
	TitlesIndividual int    `json:"titles_individual"`
	FormsCollective  int    `json:"forms_collective"`
	FormsIndividual  int    `json:"forms_individual"`
	Total            int    `json:"total"`
	ByLevel          [3]int `json:"by_level"` // state, provincial, base
	// Individual awards by post and gender, and the headcount behind them.
	Leaders   int `json:"leaders"`
	Women     int `json:"women"`
	Headcount int `json:"headcount"`
	HeadWomen int `json:"head_women"`
	HeadLead  int `json:"head_leaders"`
}

// Individual is the number of individual awards of the row.
func (r *UnitRow) Individual() int { return r.TitlesIndividual + r.FormsIndividual }

// PerHundred is the number of individual awards per 100 people.
func (r *UnitRow) PerHundred() float64 {
	if r.Headcount == 0 {
		return 0
	}
	return float64(r.Individual()) * 100 / float64(r.Headcount)
}

func levelIndex(level string) int {
	switch level {
	case AwardLevelState:
		return 0
	case AwardLevelProvince:
		return 1
	}
	return 2
}

// ByUnit counts awards per branch: one row per direct sub-unit of the root
// (its whole subtree), led by a row for the root's own people and
// collective. Without a root, the top units in scope are the branches.
func (d *StatsData) ByUnit() []UnitRow {
	var rows []UnitRow
	var rootPath string
	if d.Root != nil {
		rootPath = d.Root.Path
		rows = append(rows, UnitRow{Unit: d.Root, Own: true, Label: d.Root.Name + " (cơ quan, trực tiếp)"})
	}
	// Branches: units whose parent is the root, or (no root) whose parent
	// is not among the units covered.
	inSet := map[int64]bool{}
	for _, u := range d.Units {
		inSet[u.ID] = true
	}
	for _, u := range d.Units {
		if d.Root != nil && u.ParentID == d.Root.ID || d.Root == nil && !inSet[u.ParentID] {
			rows = append(rows, UnitRow{Unit: u, Label: u.Name})
		}
	}
	find := func(path string) int {
		if d.Root != nil && path == rootPath {
			return 0
		}
		best, bestLen := -1, 0
		for i, r := range rows {
			if r.Own {
				continue
			}
			if strings.HasPrefix(path, r.Unit.Path) && len(r.Unit.Path) > bestLen {
				best, bestLen = i, len(r.Unit.Path)
			}
		}
		return best
	}
	cells := d.cells()
	for i := range cells {
		f := &cells[i]
		j := find(f.UnitPath)
		if j < 0 {
			continue
		}
		r := &rows[j]
		r.Total += f.N
		r.ByLevel[levelIndex(f.Level)] += f.N
		switch {
		case f.Kind == FactTitle && f.Individual:
			r.TitlesIndividual += f.N
		case f.Kind == FactTitle:
			r.TitlesCollective += f.N
		case f.Individual:
			r.FormsIndividual += f.N
		default:
			r.FormsCollective += f.N
		}
		if f.Individual {
			if f.Leader {
				r.Leaders += f.N
			}
			if f.Female {
				r.Women += f.N
			}
		}
	}
	for _, s := range d.Staff {
		j := find(s.UnitPath)
		if j < 0 {
			continue
		}
		r := &rows[j]
		r.Headcount += s.Count
		if s.Female {
			r.HeadWomen += s.Count
		}
		if s.Leader {
			r.HeadLead += s.Count
		}
	}
	// Drop the root's own row when it has nothing to show.
	if len(rows) > 0 && rows[0].Own && rows[0].Total == 0 && rows[0].Headcount == 0 {
		rows = rows[1:]
	}
	return rows
}

// YearRow counts the awards of one year.
type YearRow struct {
	Year    int    `json:"year"`
	Titles  int    `json:"titles"`
	Forms   int    `json:"forms"`
	ByLevel [3]int `json:"by_level"` // state, provincial, base
	// Individual awards by post and gender.
	Individual int `json:"individual"`
	Leaders    int `json:"leaders"`
	Women      int `json:"women"`
}

// Total is the number of awards of the year.
func (r *YearRow) Total() int { return r.Titles + r.Forms }

// ByYear counts awards per year, every year of the filter's span (or of
// the facts) included, oldest first.
func (d *StatsData) ByYear() []YearRow {
	minY, maxY := 0, 0
	cells := d.cells()
	for _, f := range cells {
		if minY == 0 || f.Year < minY {
			minY = f.Year
		}
		maxY = max(maxY, f.Year)
	}
	from, to := d.Filter.FromYear, d.Filter.ToYear
	if from == 0 {
		from = minY
	}
	if to == 0 {
		to = maxY
	}
	if from == 0 || to < from || to-from > 200 {
		return nil
	}
	rows := make([]YearRow, to-from+1)
	for i := range rows {
		rows[i].Year = from + i
	}
	for i := range cells {
		f := &cells[i]
		if f.Year < from || f.Year > to {
			continue
		}
		r := &rows[f.Year-from]
		if f.Kind == FactTitle {
			r.Titles += f.N
		} else {
			r.Forms += f.N
		}
		r.ByLevel[levelIndex(f.Level)] += f.N
		if f.Individual {
			r.Individual += f.N
			if f.Leader {
				r.Leaders += f.N
			}
			if f.Female {
				r.Women += f.N
			}
		}
	}
	return rows
}

// Fairness sets individual awards against the headcount: leaders and staff,
// women and men (R-GEN-03).
type Fairness struct {
	Awards        int `json:"awards"` // individual awards
	LeaderAwards  int `json:"leader_awards"`
	WomenAwards   int `json:"women_awards"`
	Headcount     int `json:"headcount"` // active people now
	HeadLeaders   int `json:"head_leaders"`
	HeadWomen     int `json:"head_women"`
	HighAwards    int `json:"high_awards"` // state and provincial level individual awards
	HighLeaders   int `json:"high_leaders"`
	HighWomen     int `json:"high_women"`
	StaffAwards   int `json:"staff_awards"`
	MenAwards     int `json:"men_awards"`
	HeadStaff     int `json:"head_staff"`
	HeadMen       int `json:"head_men"`
	HighStaff     int `json:"high_staff"`
	HighMen       int `json:"high_men"`
	CollectiveAll int `json:"collective"` // collective awards, for reference
}

// Share returns part/whole as a fraction, 0 when whole is 0.
func Share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Fairness computes the fairness figures.
func (d *StatsData) Fairness() Fairness {
	var f Fairness
	cells := d.cells()
	for i := range cells {
		a := &cells[i]
		if !a.Individual {
			f.CollectiveAll += a.N
			continue
		}
		f.Awards += a.N
		high := a.Level != AwardLevelBase
		if high {
			f.HighAwards += a.N
		}
		if a.Leader {
			f.LeaderAwards += a.N
			if high {
				f.HighLeaders += a.N
			}
		}
		if a.Female {
			f.WomenAwards += a.N
			if high {
				f.HighWomen += a.N
			}
		}
	}
	for _, s := range d.Staff {
		f.Headcount += s.Count
		if s.Leader {
			f.HeadLeaders += s.Count
		}
		if s.Female {
			f.HeadWomen += s.Count
		}
	}
	f.StaffAwards, f.MenAwards = f.Awards-f.LeaderAwards, f.Awards-f.WomenAwards
	f.HeadStaff, f.HeadMen = f.Headcount-f.HeadLeaders, f.Headcount-f.HeadWomen
	f.HighStaff, f.HighMen = f.HighAwards-f.HighLeaders, f.HighAwards-f.HighWomen
	return f
}

// CompareFacts orders facts by year, kind (titles first), code and name.
func CompareFacts(a, b *AwardFact) int {
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	if c := -cmp.Compare(a.Kind, b.Kind); c != 0 { // titles first
		return c
	}
	if c := cmp.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	return cmp.Compare(a.Name, b.Name)
}

// SortFacts orders facts by CompareFacts, ties in their given order, for
// stable output.
func SortFacts(facts []AwardFact) { SortFactsThen(facts, nil) }

// SortFactsThen orders facts by CompareFacts, then by then (nil: none),
// remaining ties in their given order. It sorts positions and moves each
// fact once: a stable sort of the facts themselves moved them many times
// (a third of the statistics' time at province scale).
func SortFactsThen(facts []AwardFact, then func(a, b *AwardFact) int) {
	pos := make([]int, len(facts))
	for i := range pos {
		pos[i] = i
	}
	slices.SortFunc(pos, func(i, j int) int {
		a, b := &facts[i], &facts[j]
		if c := CompareFacts(a, b); c != 0 {
			return c
		}
		if then != nil {
			if c := then(a, b); c != 0 {
				return c
			}
		}
		return cmp.Compare(i, j)
	})
	sorted := make([]AwardFact, len(facts))
	for k, i := range pos {
		sorted[k] = facts[i]
	}
	copy(facts, sorted)
}

// HistoryAwards is the part of a history document statistics read: the
// titles, the forms and the leadership posts. Decoding only these skips
// the ratings, initiatives and the rest, most of a document's bytes.
type HistoryAwards struct {
	Titles     []TitleRecord    `json:"titles"`
	Awards     []Award          `json:"awards"`
	Leadership []LeadershipPost `json:"leadership"`
}

// AppendFacts flattens the titles and forms of a history (revoked ones
// left out) within the years.
func (h *HistoryAwards) AppendFacts(out []AwardFact, base AwardFact, inYears, leader func(int) bool) []AwardFact {
	for _, t := range h.Titles {
		if t.Revoked || !inYears(t.Year) {
			continue
		}
		f := base
		f.Kind, f.Code, f.Level, f.Year, f.Decision, f.Leader = FactTitle, t.Code, AwardLevel(t.Code), t.Year, t.Decision, leader(t.Year)
		out = append(out, f)
	}
	for _, a := range h.Awards {
		y := a.Date.Year()
		if a.Revoked || a.Date.IsZero() || !inYears(y) {
			continue
		}
		f := base
		f.Kind, f.Code, f.Level, f.Type, f.Year, f.Decision, f.Leader = FactForm, a.Code, AwardLevel(a.Code), a.Type, y, a.Decision, leader(y)
		out = append(out, f)
	}
	return out
}

// SortFactsBySubject is SortFacts with ties by subject: people first, then
// units, each by id, a subject's facts in their given order — the order
// of facts read subject by subject in id order, whatever order the
// subjects came in.
func SortFactsBySubject(facts []AwardFact) {
	SortFactsThen(facts, func(a, b *AwardFact) int {
		if a.Subject != b.Subject {
			if a.Subject == SubjectPerson {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.SubjectID, b.SubjectID)
	})
}
