// Package report encodes the campaign summary report (báo cáo tổng kết đợt
// thi đua) as PDF and XLSX. The encoders write to an io.Writer, so the web
// layer can stream them and a job can write them to a file.
//
// Every piece of text is normalized to Unicode NFC before it is drawn or
// stored: the PDF writer does no shaping, so decomposed Vietnamese (NFD)
// would put the tone marks beside the letters.
package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"thidua"
)

// Summary is everything the report shows; the web layer fills it.
type Summary = thidua.CampaignSummary

// Reporter renders campaign reports; it implements thidua.CampaignReporter.
type Reporter struct{}

var _ thidua.CampaignReporter = Reporter{}

// CampaignPDF writes the summary report as PDF.
func (Reporter) CampaignPDF(w io.Writer, s *thidua.CampaignSummary) error { return WritePDF(w, s) }

// CampaignXLSX writes the summary report as XLSX.
func (Reporter) CampaignXLSX(w io.Writer, s *thidua.CampaignSummary) error { return WriteXLSX(w, s) }

func check(s *Summary) error {
	if s == nil || s.Campaign == nil {
		return fmt.Errorf("report: summary without a campaign")
	}
	return nil
}

// nfc returns s in Unicode NFC.
func nfc(s string) string { return norm.NFC.String(s) }

// DateLine returns the place-and-date line of an administrative document,
// "Hà Nội, ngày 05 tháng 02 năm 2026" (Nghị định 30/2020/NĐ-CP, R-VB-05):
// days below 10 and the months 1 and 2 take a leading zero, other months do
// not ("ngày 18 tháng 11 năm 2025", "ngày 09 tháng 3 năm 2026"). The date is
// taken in Vietnam time; without a place the line starts at "Ngày"; a zero
// date leaves blanks to fill in by hand.
func DateLine(place string, t time.Time) string {
	place = strings.TrimSpace(place)
	if t.IsZero() { // a draft: the date is written in by hand when signed
		line := "ngày      tháng      năm 20    "
		if place == "" {
			return "N" + line[1:]
		}
		return nfc(place) + ", " + line
	}
	t = t.In(thidua.VietnamZone)
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	line := fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	if place == "" {
		return "N" + line[1:]
	}
	return nfc(place) + ", " + line
}

// FormatNumber writes f the Vietnamese way, rounded to two decimals without
// trailing zeros: a comma before the decimals and a dot between thousands
// ("27,5", "1.234,25", "30").
func FormatNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// agencyLine puts the agency's header lines on one line:
// "UBND TỈNH HÀ TĨNH – VĂN PHÒNG".
func agencyLine(agency string) string {
	var parts []string
	for _, l := range strings.Split(nfc(agency), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " – ")
}

// kindTitle names a participant kind in a heading.
func kindTitle(kind string) string {
	if kind == thidua.ForCollectives {
		return "Tập thể"
	}
	return "Cá nhân"
}

// resultsOf returns the results of one kind, in the given (ranked) order.
func resultsOf(s *Summary, kind string) []*thidua.Result {
	var out []*thidua.Result
	for _, r := range s.Results {
		if r != nil && r.Registration != nil && r.Registration.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// criteriaFor returns the criteria that apply to kind.
func criteriaFor(s *Summary, kind string) []*thidua.Criterion {
	var out []*thidua.Criterion
	for _, c := range s.Criteria {
		if c != nil && c.Applies(kind) {
			out = append(out, c)
		}
	}
	return out
}

// criterionResult finds the result of criterion id in r.
func criterionResult(r *thidua.Result, id int64) (thidua.CriterionResult, bool) {
	for _, cr := range r.Criteria {
		if cr.CriterionID == id {
			return cr, true
		}
	}
	return thidua.CriterionResult{}, false
}

// showUnit reports whether a ranking table needs a unit column: not for
// collectives whose name is their unit.
func showUnit(rs []*thidua.Result) bool {
	for _, r := range rs {
		if u := r.Registration.UnitName; u != "" && nfc(u) != nfc(r.Registration.Name) {
			return true
		}
	}
	return false
}

// criterionStat sums up one criterion over the approved participants.
type criterionStat struct {
	Criterion  *thidua.Criterion
	Applicable int     // approved participants the criterion applies to
	Scored     int     // of those, how many have a final score
	Average    float64 // mean final score of the scored ones
}

func criterionStats(s *Summary) []criterionStat {
	out := make([]criterionStat, 0, len(s.Criteria))
	for _, c := range s.Criteria {
		if c == nil {
			continue
		}
		st := criterionStat{Criterion: c}
		var sum float64
		for _, r := range s.Results {
			if r == nil || r.Registration == nil || !c.Applies(r.Registration.Kind) {
				continue
			}
			cr, ok := criterionResult(r, c.ID)
			if !ok {
				continue
			}
			st.Applicable++
			if cr.Scored {
				st.Scored++
				sum += cr.Final
			}
		}
		if st.Scored > 0 {
			st.Average = math.Round(sum/float64(st.Scored)*100) / 100
		}
		out = append(out, st)
	}
	return out
}

// progressTotal adds up the progress rows.
func progressTotal(ps []thidua.CampaignProgress) thidua.CampaignProgress {
	var t thidua.CampaignProgress
	for _, p := range ps {
		t.Registered += p.Registered
		t.Approved += p.Approved
		t.WithEvidence += p.WithEvidence
		t.Scored += p.Scored
	}
	return t
}

// planSentence is the opening paragraph: which plan the campaign carries
// out, by whom, and over which period.
func planSentence(c *thidua.Campaign) string {
	var b strings.Builder
	if !c.Plan.IsZero() {
		label := c.Plan.TypeLabel()
		if label == "" {
			label = "Văn bản"
		}
		b.WriteString("Thực hiện " + label + " số " + c.Plan.String())
		if !c.PlanDate.IsZero() {
			b.WriteString(" ngày " + c.PlanDate.String())
		}
		if c.UnitName != "" {
			b.WriteString(" của " + c.UnitName)
		}
		b.WriteString(" về việc tổ chức " + lowerFirst(c.Title))
	} else {
		b.WriteString("Thực hiện " + c.Title)
		if c.UnitName != "" {
			b.WriteString(" do " + c.UnitName + " phát động")
		}
	}
	switch {
	case !c.StartDate.IsZero() && !c.EndDate.IsZero():
		b.WriteString(", thời gian thực hiện từ ngày " + c.StartDate.String() + " đến ngày " + c.EndDate.String())
	case !c.StartDate.IsZero():
		b.WriteString(", thời gian thực hiện từ ngày " + c.StartDate.String())
	case !c.EndDate.IsZero():
		b.WriteString(", thời gian thực hiện đến ngày " + c.EndDate.String())
	}
	b.WriteString(", kết quả thực hiện đợt thi đua được tổng kết như sau:")
	return b.String()
}

// lowerFirst lowers the first letter of a title that runs on inside a
// sentence ("Phong trào thi đua …" → "phong trào thi đua …"), but leaves an
// acronym or an all-caps word alone ("UBND", "COVID-19").
func lowerFirst(s string) string {
	s = nfc(strings.TrimSpace(s))
	rs := []rune(s)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) || !unicode.IsLower(rs[1]) {
		return s
	}
	rs[0] = unicode.ToLower(rs[0])
	return string(rs)
}

// period is "dd/mm/yyyy – dd/mm/yyyy", or what is known of it.
func period(c *thidua.Campaign) string {
	switch {
	case !c.StartDate.IsZero() && !c.EndDate.IsZero():
		return c.StartDate.String() + " – " + c.EndDate.String()
	case !c.StartDate.IsZero():
		return "từ " + c.StartDate.String()
	case !c.EndDate.IsZero():
		return "đến " + c.EndDate.String()
	}
	return ""
}

// reportSymbol is the "Số: …/BC-ISSUER" line with the number left blank, as
// a draft is printed before signing (R-VB-02: the number is given after
// signing). It is empty when the issuer is unknown.
func reportSymbol(c *thidua.Campaign) string {
	if c.Plan.Issuer == "" {
		return ""
	}
	return "Số:        /BC-" + c.Plan.Issuer
}
