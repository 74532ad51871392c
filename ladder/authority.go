// Package ladder holds the ladder of authorities (thẩm quyền, law.md §4.3):
// which level of the unit tree decides each award, as dated data with its
// citation (data/authorities.json, by province profile); the levels of the
// tree (the province and each agency, cơ quan, with its own council,
// decision register and signer); where a proposal is addressed and what a
// level may see and do with it; and the service that forwards a proposal
// up one level. It imports neither SQL nor HTTP.
package ladder

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"thidua"
)

// Levels of authority: the two of the unit tree and the centre above it.
const (
	LevelAgency   = thidua.UnitAgency   // head of a provincial agency (cơ quan chuyên môn)
	LevelProvince = thidua.UnitProvince // the provincial chairman (Chủ tịch UBND tỉnh)
	LevelCentral  = "CENTRAL"           // the Prime Minister, the President
)

// LevelNames labels the levels.
var LevelNames = []thidua.Option{
	{Code: LevelAgency, Label: "Cơ quan (thủ trưởng cơ quan quyết định)"},
	{Code: LevelProvince, Label: "Cấp tỉnh (Chủ tịch UBND tỉnh quyết định)"},
	{Code: LevelCentral, Label: "Trung ương (Thủ tướng Chính phủ, Chủ tịch nước)"},
}

// rank orders the levels from the lowest.
func rank(level string) int {
	switch level {
	case LevelAgency:
		return 1
	case LevelProvince:
		return 2
	case LevelCentral:
		return 3
	}
	return 0
}

// Authority is who decides a set of awards under a province profile for a
// period: the level and the post that signs, with the rule's citation.
type Authority struct {
	Province string   `json:"province"`
	Level    string   `json:"level"`
	Post     string   `json:"post"`
	PostNote string   `json:"post_note"`
	Awards   []string `json:"awards"`
	// From and To bound the period in force ("" is open).
	From     string `json:"effective_from"`
	To       string `json:"effective_to"`
	Rule     string `json:"rule"`
	Grade    string `json:"grade"`
	Citation string `json:"citation"`
}

// NeedsReview reports whether the rule is graded C or X in law.md: the
// answer is then to be checked, never firm.
func (a Authority) NeedsReview() bool { return a.Grade == "C" || a.Grade == "X" }

// inForce reports whether a is in force on date d (ISO text compares).
func (a Authority) inForce(d thidua.Date) bool {
	iso := d.ISO()
	return (a.From == "" || a.From <= iso) && (a.To == "" || iso <= a.To)
}

// ProvinceProfile holds the ladder's parameters of a province profile.
type ProvinceProfile struct {
	Province string `json:"province"`
	// AppraisalDays is the appraisal time limit at the province's Ban Thi
	// đua – Khen thưởng (Sở Nội vụ) in days after receipt; 0: none is set
	// (law.md has none for R-HS-07).
	AppraisalDays     int    `json:"appraisal_days"`
	AppraisalCitation string `json:"appraisal_citation"`
}

//go:embed data/authorities.json
var authoritiesJSON []byte

type dataFile struct {
	Authorities []Authority       `json:"authorities"`
	Provinces   []ProvinceProfile `json:"provinces"`
}

var data = func() dataFile {
	var d dataFile
	if err := json.Unmarshal(authoritiesJSON, &d); err != nil {
		panic("ladder: data/authorities.json: " + err.Error())
	}
	for _, a := range d.Authorities {
		if rank(a.Level) == 0 || a.Citation == "" || a.Rule == "" {
			panic(fmt.Sprintf("ladder: data/authorities.json: %s %s: a level, rule and citation are required", a.Province, a.Post))
		}
		for _, code := range a.Awards {
			if thidua.AwardName(code) == code {
				panic("ladder: data/authorities.json: unknown award " + code)
			}
		}
	}
	return d
}()

// Authorities lists the authority rules of a province profile in force
// on d: the profile's own rules, and the default ones for the awards it
// does not name.
func Authorities(province string, d thidua.Date) []Authority {
	if province == "" {
		province = "default"
	}
	var own, def []Authority
	named := map[string]bool{}
	for _, a := range data.Authorities {
		if !a.inForce(d) {
			continue
		}
		switch a.Province {
		case "default":
			def = append(def, a)
		case province:
			own = append(own, a)
			for _, c := range a.Awards {
				named[c] = true
			}
		}
	}
	for _, a := range def {
		rest := slices.DeleteFunc(slices.Clone(a.Awards), func(c string) bool { return named[c] })
		if len(rest) > 0 {
			a.Awards = rest
			own = append(own, a)
		}
	}
	return own
}

// Lookup returns who decides award under the province profile on date d;
// false when the rules name no authority for it.
func Lookup(award, province string, d thidua.Date) (Authority, bool) {
	for _, a := range Authorities(province, d) {
		if slices.Contains(a.Awards, award) {
			return a, true
		}
	}
	return Authority{}, false
}

// DecidedAt reports whether an award is decided at a level of the unit tree
// (a unit kind): the award's authority is that level. Awards without an
// authority in the rules are decided where they are proposed, as before
// the ladder existed.
func DecidedAt(level, award, province string, d thidua.Date) bool {
	a, ok := Lookup(award, province, d)
	return !ok || a.Level == level
}

// Above reports whether an award is decided above level.
func Above(level, award, province string, d thidua.Date) bool {
	a, ok := Lookup(award, province, d)
	return ok && rank(a.Level) > rank(level)
}

// Profile returns the ladder's parameters of a province profile (the
// default's when it has none).
func Profile(province string) ProvinceProfile {
	var def ProvinceProfile
	for _, p := range data.Provinces {
		if p.Province == province {
			return p
		}
		if p.Province == "default" {
			def = p
		}
	}
	def.Province = province
	return def
}

// AppraisalLimit words the appraisal time limit of the province profile:
// "15 ngày kể từ ngày tiếp nhận", or "không quy định".
func (p ProvinceProfile) AppraisalLimit() string {
	if p.AppraisalDays <= 0 {
		return "không quy định"
	}
	return strconv.Itoa(p.AppraisalDays) + " ngày kể từ ngày tiếp nhận"
}

// AppraisalDue is the last day of the appraisal of a proposal received on
// d; false when the profile sets no limit.
func (p ProvinceProfile) AppraisalDue(received thidua.Date) (thidua.Date, bool) {
	if p.AppraisalDays <= 0 || received.IsZero() {
		return thidua.Date{}, false
	}
	return thidua.DateOf(received.Time().AddDate(0, 0, p.AppraisalDays)), true
}
