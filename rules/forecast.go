package rules

import (
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
	c, err := e.NewChecker(province)
	if err != nil {
		return nil, err
	}
	nowDate, nextDate := thidua.NewDate(year, 12, 31), thidua.NewDate(year+1, 12, 31)
	var out []ForecastItem
	var now, next []Code
	for i := range subjects {
		s := &subjects[i]
		kind := s.Kind
		if kind == "" {
			kind = Individual
		}
		now = c.Check(s, year, nowDate, now[:0])
		ext := extend(s, year)
		next = c.Check(&ext, year+1, nextDate, next[:0])
		for j, a := range awardsFor(kind) {
			if next[j] == now[j] || now[j] == CodeEligible {
				continue
			}
			if next[j] == CodeEligible || (next[j] == CodeNeedsReview && now[j] == CodeNotEligible) {
				out = append(out, ForecastItem{SubjectID: s.ID, SubjectName: s.Name, Kind: ForecastEligible, Award: a, AwardName: AwardLabel(a),
					Year: year + 1, Verdict: next[j].String(),
					Text: fmt.Sprintf("Nếu duy trì kết quả năm %d, năm %d %s với %s.", year, year+1, forecastVerb(next[j]), AwardLabel(a))})
			}
		}
		out = append(out, broken(s, year)...)
	}
	return out, nil
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

// broken reports the chains of s that held in year-1 and not in year,
// unless year touches maternity leave (R-GEN-07).
func broken(s *Subject, year int) []ForecastItem {
	var f facts
	f.build(s, year, thidua.NewDate(year, 12, 31), true)
	if f.mater&1 != 0 {
		return nil
	}
	var out []ForecastItem
	item := func(code, name, text string) {
		out = append(out, ForecastItem{SubjectID: s.ID, SubjectName: s.Name, Kind: ForecastBroken, Award: code, AwardName: name, Year: year, Text: text})
	}
	for _, code := range chainTitles {
		c := titleIndex(code)
		if f.title[c]&2 != 0 && f.title[c]&1 == 0 {
			n := 0
			for k := 1; k < horizon && f.title[c]&(1<<k) != 0; k++ {
				n++
			}
			item(code, AwardLabel(code), fmt.Sprintf("Chuỗi %d năm liên tục đạt %s đến năm %d bị gián đoạn năm %d.", n, AwardLabel(code), year-1, year))
		}
	}
	for _, r := range []int{4, 3} {
		if f.ratingGE[r]&2 != 0 && f.ratingGE[r]&1 == 0 && f.hasRating&1 != 0 {
			code := ratingCode(int8(r))
			item(code, ratingName(int64(r)), fmt.Sprintf("Chuỗi năm liên tục xếp loại từ %s trở lên bị gián đoạn năm %d (xếp loại %s).", ratingName(int64(r)), year, ratingName(int64(f.rating[0]))))
		}
	}
	return out
}
