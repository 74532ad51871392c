package rules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"time"

	"thidua"
)

// The eligibility table: every person in scope with the verdict code of
// each individual award, drawn from the bulk path (Checker) and kept by
// storage so that a page of a province's table is one indexed query. One
// person's explained verdicts are computed on demand (EvaluateAll).

// CodeLetters are the verdict codes as stored, one letter per award in
// the order of IndividualAwards.
const (
	LetterEligible    = 'E'
	LetterNotEligible = 'N'
	LetterNeedsReview = 'R'
	LetterOnHold      = 'H'
)

// Letter is the stored letter of a verdict code.
func (c Code) Letter() byte {
	switch c {
	case CodeEligible:
		return LetterEligible
	case CodeNotEligible:
		return LetterNotEligible
	case CodeOnHold:
		return LetterOnHold
	}
	return LetterNeedsReview
}

// VerdictOfLetter is the verdict word (eligible, not_eligible, …) of a
// stored letter.
func VerdictOfLetter(b byte) string {
	switch b {
	case LetterEligible:
		return Eligible
	case LetterNotEligible:
		return NotEligible
	case LetterOnHold:
		return OnHold
	}
	return NeedsReview
}

// LetterOfVerdict is the stored letter of a verdict word; 0 for another word.
func LetterOfVerdict(v string) byte {
	switch v {
	case Eligible:
		return LetterEligible
	case NotEligible:
		return LetterNotEligible
	case OnHold:
		return LetterOnHold
	case NeedsReview:
		return LetterNeedsReview
	}
	return 0
}

// TableFilter selects the rows of the eligibility table.
type TableFilter struct {
	Year int
	AsOf thidua.Date
	// UnitID is the root of a subtree (0: everything in scope).
	UnitID int64
	// Award restricts Verdict to one award of IndividualAwards ("": any).
	Award string
	// Verdict keeps the people with this verdict (for Award, or for any
	// award); "" keeps everyone.
	Verdict string
	Gender  string // thidua.GenderMale, GenderFemale or ""
	Leaders bool   // only people who hold a leadership post
	// After is the cursor of the last row of the previous page ("": the
	// first page); Limit the page size.
	After string
	Limit int
}

// AwardIndex is the position of f.Award in IndividualAwards (-1: none).
func (f TableFilter) AwardIndex() int { return slices.Index(IndividualAwards, f.Award) }

// TableRow is one person of the table.
type TableRow struct {
	PersonID int64
	Name     string
	UnitID   int64
	UnitName string
	Gender   string
	Leader   bool
	// Letters holds one letter per award of IndividualAwards.
	Letters string
}

// Verdict is the verdict word of award i (IndividualAwards order).
func (r TableRow) Verdict(i int) string {
	if i < 0 || i >= len(r.Letters) {
		return ""
	}
	return VerdictOfLetter(r.Letters[i])
}

// TablePage is one page of the table.
type TablePage struct {
	Rows []TableRow
	// Next is the cursor of the following page ("": this is the last).
	Next string
	// Total is the number of rows the filter keeps.
	Total int
	// Refreshing says the stored table is being recomputed in the
	// background: the page shows what is stored so far.
	Refreshing bool
}

// Coder gives bulk verdict codes of stored histories. It reuses its
// buffers: one per goroutine.
type Coder struct {
	c   *Checker
	buf []Code
}

// NewCoder returns a Coder under the service's profile.
func (s *Service) NewCoder() (*Coder, error) {
	c, err := s.engine.NewChecker(s.province)
	if err != nil {
		return nil, err
	}
	return &Coder{c: c}, nil
}

// Letters appends to out the letter of each individual award for a
// person's stored history in year as of asOf: the codes Evaluate gives.
func (c *Coder) Letters(h *thidua.SubjectHistory, year int, asOf thidua.Date, out []byte) []byte {
	sub := SubjectOf(h, asOf)
	sub.Members = nil
	c.buf = c.c.Check(&sub, year, asOf, c.buf[:0])
	for _, code := range c.buf {
		out = append(out, code.Letter())
	}
	return out
}

// RulesKey identifies the rules the service judges by: the rule files the
// engine was loaded from and the province profile. Stored codes under
// another key are stale.
func (s *Service) RulesKey() string {
	s.keyOnce.Do(func() { s.key = s.engine.fingerprint() + "/" + s.province })
	return s.key
}

// fingerprint hashes every rule file of the engine's tree.
func (e *Engine) fingerprint() string {
	h := sha256.New()
	if e.src != nil {
		fs.WalkDir(e.src, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(e.src, path)
			if err != nil {
				return nil
			}
			h.Write([]byte(path + "\x00" + strconv.Itoa(len(b)) + "\x00"))
			h.Write(b)
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// TableSource is what the stored table's codes come from (Service).
type TableSource interface {
	// RulesKey identifies the rules: stored codes under another key are stale.
	RulesKey() string
	NewCoder() (*Coder, error)
}

// TableStore keeps the eligibility table (sqldb): Refreshed from src before
// it is read, scoped to the viewer's organization (org.view).
type TableStore interface {
	// EligibilityTable returns one page of the table.
	EligibilityTable(ctx context.Context, src TableSource, f TableFilter) (*TablePage, error)
	// EachEligibility calls fn for every row the filter keeps, in order,
	// reading row by row.
	EachEligibility(ctx context.Context, src TableSource, f TableFilter, fn func(TableRow) error) error
	// UnitEligibility returns the stored explained verdicts of the units
	// ids (listed by the caller in its scope), the collectives' table;
	// refreshing says it is being recomputed in the background.
	UnitEligibility(ctx context.Context, j UnitJudge, year int, asOf thidua.Date, ids []int64) (verdicts map[int64][]Verdict, refreshing bool, err error)
	// UnitVerdicts judges one unit (its history as FindHistory gives it)
	// now, from the stored member summaries of its subtree brought up to
	// date: the verdicts the collectives' table holds once refreshed, and
	// the number of members they counted; or, when too many members'
	// histories are to be read again, refreshing and no verdicts while a
	// background job computes the summaries.
	UnitVerdicts(ctx context.Context, j UnitJudge, h *thidua.SubjectHistory, year int, asOf thidua.Date) (vs []Verdict, members int, refreshing bool, err error)
}

// UnitJudge judges collectives (Service): what the stored collectives'
// table is computed by, each unit with the sum of its subtree's member
// summaries (CollectiveSubject).
type UnitJudge interface {
	TableSource
	EvaluateAll(sub Subject, year int, asOf thidua.Date) ([]Verdict, error)
}

// Headline is the verdict's first sentence: Summary without the first
// reason, for a display that lists Reasons under it (so that no reason is
// shown twice).
func (v Verdict) Headline() string {
	code := CodeNeedsReview
	switch v.Verdict {
	case Eligible:
		code = CodeEligible
	case NotEligible:
		code = CodeNotEligible
	case OnHold:
		code = CodeOnHold
	}
	return summary(code, AwardLabel(v.Award), v.Year, nil)
}

// shortLabels are the abbreviations officers write for the awards, with
// their diacritics, for table headers (each with its full name beside it
// in a legend).
var shortLabels = map[string]string{
	thidua.TitleLDTT: "LĐTT", thidua.TitleCSTDCS: "CSTĐCS", thidua.TitleCSTDT: "CSTĐ tỉnh", thidua.TitleCSTDTQ: "CSTĐTQ",
	thidua.FormGK: "GK", thidua.FormBKCT: "BK tỉnh", thidua.FormBKTTG: "BK TTg", thidua.FormHCLD3: "HCLĐ III",
	thidua.FormHCLD2: "HCLĐ II", thidua.FormHCLD1: "HCLĐ I", AwardAHLD: "AHLĐ", AwardKNC: "KNC",
	thidua.TitleTTLDTT: "TTLĐTT", thidua.TitleTTLDXS: "TTLĐXS", thidua.TitleCTT: "Cờ tỉnh", thidua.TitleCTCP: "Cờ CP",
}

// AwardShort is the abbreviation of an award for a table header (the code
// itself when it has none).
func AwardShort(code string) string {
	if s, ok := shortLabels[code]; ok {
		return s
	}
	return code
}

// TableExport describes an exported eligibility table.
type TableExport struct {
	Title   string
	Filters []thidua.ExportFilter
	// Awards are the award columns (codes of IndividualAwards).
	Awards      []string
	GeneratedAt time.Time
	GeneratedBy string
}

// TableExporter writes the eligibility table as XLSX, reading the rows
// through each one at a time (report.Exporter).
type TableExporter interface {
	TableXLSX(w io.Writer, t *TableExport, each func(fn func(TableRow) error) error) error
}
