package rules

import (
	"context"
	"fmt"

	"thidua"
)

// Forecast kinds.
const (
	ForecastEligible = "eligible_next_year" // becomes eligible next year if the streak continues
	ForecastBroken   = "streak_broken"      // a consecutive-year chain broke this year
)

// ForecastItem is one line of the "Dự báo" list.
type ForecastItem struct {
	SubjectID   string `json:"subject_id,omitempty"`
	SubjectName string `json:"subject_name,omitempty"`
	Kind        string `json:"kind"`
	// Award is the title or form that becomes reachable, or the title or
	// rating whose chain broke.
	Award     string `json:"award"`
	AwardName string `json:"award_name"`
	Year      int    `json:"year"`
	// Verdict is next year's verdict for ForecastEligible items.
	Verdict string `json:"verdict,omitempty"`
	Text    string `json:"text"`
}

// chains are the consecutive-year chains a forecast watches.
var chainTitles = []string{thidua.TitleCSTDCS, thidua.TitleTTLDXS}

// annualTitles are the titles assumed to repeat when a streak continues.
var annualTitles = map[string]bool{
	thidua.TitleLDTT: true, thidua.TitleCSTT: true, thidua.TitleCSTDCS: true,
	thidua.TitleTTLDTT: true, thidua.TitleTTLDXS: true, thidua.TitleCTT: true,
}

// Forecast lists, for the subjects of a unit, who becomes eligible next
// year (year+1) for which award if this year's rating and annual titles
// repeat, and whose consecutive-year chain broke this year. Each year is
// judged as of 31 December, when units hold their annual review. Awards
// already eligible this year are not listed again.
func (e *Engine) Forecast(subjects []Subject, year int, province string) ([]ForecastItem, error) {
	f, err := e.NewForecaster(province, year)
	if err != nil {
		return nil, err
	}
	var out []ForecastItem
	var codes []ForecastCode
	for i := range subjects {
		s := &subjects[i]
		codes = f.Codes(s, nil, codes[:0])
		for _, c := range codes {
			out = append(out, c.Item(s.ID, s.Name))
		}
	}
	return out, nil
}

// ForecastCode is a forecast item in compact form, without its subject:
// what storage keeps of a province's forecast. Item rebuilds the line.
type ForecastCode struct {
	Kind  string // ForecastEligible or ForecastBroken
	Award string // an award (eligible), or a title or rating code (broken)
	Year  int
	// Verdict is next year's verdict (ForecastEligible).
	Verdict Code
	// Streak is the length of a broken title chain; Rating the rank of the
	// year's rating when a rating chain broke.
	Streak int16
	Rating int8
}

// Item is the forecast line of c for the subject id named name.
func (c ForecastCode) Item(id, name string) ForecastItem {
	it := ForecastItem{SubjectID: id, SubjectName: name, Kind: c.Kind, Award: c.Award, Year: c.Year}
	switch {
	case c.Kind == ForecastEligible:
		it.AwardName, it.Verdict = AwardLabel(c.Award), c.Verdict.String()
		it.Text = fmt.Sprintf("Nếu duy trì kết quả năm %d, năm %d %s với %s.", c.Year-1, c.Year, forecastVerb(c.Verdict), it.AwardName)
	case titleIndex(c.Award) >= 0:
		it.AwardName = AwardLabel(c.Award)
		it.Text = fmt.Sprintf("Chuỗi %d năm liên tục đạt %s đến năm %d bị gián đoạn năm %d.", c.Streak, it.AwardName, c.Year-1, c.Year)
	default:
		r := int64(thidua.RatingRank(c.Award))
		it.AwardName = ratingName(r)
		it.Text = fmt.Sprintf("Chuỗi năm liên tục xếp loại từ %s trở lên bị gián đoạn năm %d (xếp loại %s).", ratingName(r), c.Year, ratingName(int64(c.Rating)))
	}
	return it
}

// Forecaster computes a forecast one subject at a time (a province's
// subjects streamed, never all held).
type Forecaster struct {
	c         *Checker
	year      int
	now, next []Code
}

// NewForecaster returns the forecaster of year under the province profile.
func (e *Engine) NewForecaster(province string, year int) (*Forecaster, error) {
	c, err := e.NewChecker(province)
	if err != nil {
		return nil, err
	}
	return &Forecaster{c: c, year: year}, nil
}

// Codes appends the forecast of s to out. A collective given by its
// members' facts (Subject.MemberFacts, for the year) needs next: the
// same members' facts for next year with their ratings and annual titles
// repeated (MemberFacts.AddNextYear); with members one by one, next is nil.
func (f *Forecaster) Codes(s *Subject, next *MemberFacts, out []ForecastCode) []ForecastCode {
	year := f.year
	kind := s.Kind
	if kind == "" {
		kind = Individual
	}
	f.now = f.c.Check(s, year, thidua.NewDate(year, 12, 31), f.now[:0])
	ext := extend(s, year)
	if s.MemberFacts != nil {
		if next == nil {
			next = &MemberFacts{}
		}
		ext.MemberFacts = next
	}
	f.next = f.c.Check(&ext, year+1, thidua.NewDate(year+1, 12, 31), f.next[:0])
	now, nxt := f.now, f.next
	for j, a := range awardsFor(kind) {
		if nxt[j] == now[j] || now[j] == CodeEligible {
			continue
		}
		if nxt[j] == CodeEligible || (nxt[j] == CodeNeedsReview && now[j] == CodeNotEligible) {
			out = append(out, ForecastCode{Kind: ForecastEligible, Award: a, Year: year + 1, Verdict: nxt[j]})
		}
	}
	return broken(s, year, out)
}

// AddNextYear counts one person for the year after year as a forecast
// sees it: its records of that year, with the year's rating and annual
// titles repeated when that year has none (as extend does for members).
func (m *MemberFacts) AddNextYear(gender string, ratings []thidua.Rating, titles []thidua.TitleRecord, discs []thidua.Discipline, year int) {
	x := extend(&Subject{Ratings: ratings, Titles: titles}, year)
	m.add(gender == thidua.GenderFemale, x.Ratings, x.Titles, discs, year+1)
}

// Forecast is Default().Forecast for the national rules.
func Forecast(subjects []Subject, year int) ([]ForecastItem, error) {
	return Default().Forecast(subjects, year, "default")
}

func forecastVerb(c Code) string {
	if c == CodeEligible {
		return "đủ điều kiện xét tặng"
	}
	return "có thể xét (cần xem xét thêm)"
}

// extend copies s with year's rating and annual titles repeated for
// year+1, for members too.
func extend(s *Subject, year int) Subject {
	x := *s
	x.Ratings = append([]thidua.Rating(nil), s.Ratings...)
	x.Titles = append([]thidua.TitleRecord(nil), s.Titles...)
	has := map[string]bool{}
	for _, r := range s.Ratings {
		if r.Year == year+1 {
			has["rating"] = true
		}
	}
	for _, t := range s.Titles {
		if t.Year == year+1 && !t.Revoked {
			has[t.Code] = true
		}
	}
	for _, r := range s.Ratings {
		if r.Year == year && !has["rating"] {
			x.Ratings = append(x.Ratings, thidua.Rating{Year: year + 1, Code: r.Code, Source: "dự báo"})
		}
	}
	for _, t := range s.Titles {
		if t.Year == year && !t.Revoked && annualTitles[t.Code] && !has[t.Code] {
			x.Titles = append(x.Titles, thidua.TitleRecord{Year: year + 1, Code: t.Code, Path: t.Path})
		}
	}
	if len(s.Members) > 0 {
		x.Members = make([]Subject, len(s.Members))
		for i := range s.Members {
			x.Members[i] = extend(&s.Members[i], year)
		}
	}
	return x
}

// broken appends the chains of s that held in year-1 and not in year,
// unless year touches maternity leave (R-GEN-07).
func broken(s *Subject, year int, out []ForecastCode) []ForecastCode {
	var f facts
	f.build(s, year, thidua.NewDate(year, 12, 31), true)
	if f.mater&1 != 0 {
		return out
	}
	for _, code := range chainTitles {
		c := titleIndex(code)
		if f.title[c]&2 != 0 && f.title[c]&1 == 0 {
			n := 0
			for k := 1; k < horizon && f.title[c]&(1<<k) != 0; k++ {
				n++
			}
			out = append(out, ForecastCode{Kind: ForecastBroken, Award: code, Year: year, Streak: int16(n)})
		}
	}
	for _, r := range []int{4, 3} {
		if f.ratingGE[r]&2 != 0 && f.ratingGE[r]&1 == 0 && f.hasRating&1 != 0 {
			out = append(out, ForecastCode{Kind: ForecastBroken, Award: ratingCode(int8(r)), Year: year, Rating: f.rating[0]})
		}
	}
	return out
}

// ForecastSource computes forecasts (Service): what storage keeps a
// province's forecast from.
type ForecastSource interface {
	// RulesKey identifies the rules: a forecast kept under another key is
	// computed again.
	RulesKey() string
	NewForecaster(year int) (*Forecaster, error)
}

// ForecastFilter selects one page of a forecast.
type ForecastFilter struct {
	Year int
	// AsOf dates the pending proceedings.
	AsOf thidua.Date
	// Subject is thidua.SubjectPerson or thidua.SubjectUnit.
	Subject string
	// UnitID keeps the subjects of that unit's subtree (0: every unit in
	// the viewer's scope).
	UnitID        int64
	Offset, Limit int
}

// ForecastPage is one page of a forecast, in the order of the whole
// forecast (subjects as the lists order them: people by name, units by
// the tree; each subject's lines as Forecast gives them), with the
// number of lines the filter keeps.
type ForecastPage struct {
	Items []ForecastItem
	Total int
}

// ForecastStore keeps forecasts (sqldb), scoped to the viewer's
// organization (org.view).
type ForecastStore interface {
	Forecast(ctx context.Context, src ForecastSource, f ForecastFilter) (*ForecastPage, error)
}
