// Package statforms holds the statutory statistics forms on emulation and
// commendation (Thông tư 02/2023/TT-BNV: Biểu số 0601.N, 0602.N and
// 0603.N/BNV-TĐKT) as dated data, and the rules that turn stored awards and
// campaigns into their cells. A form's rows and columns each carry a match
// over the attributes of a fact (an award received, or a campaign); a cell
// counts the facts both match. A row or column thidua cannot derive yet
// (households, enterprises, medals it has no code for …) carries the
// reason: its cells are 0 and marked, never a silent zero.
//
// A later circular is a new file in data/ with its effective_from; the
// forms of a report are those of the circular in force on its report date
// (15/12 of the reporting year).
package statforms

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"time"

	"thidua"
)

//go:embed data/*.json
var dataFS embed.FS

// Sources of a form's facts.
const (
	SourceAwards    = "awards"    // titles and forms received
	SourceCampaigns = "campaigns" // campaigns organized
)

// Attributes of a fact that matches read.
const (
	AttrCode     = "code"     // award code (BKCT, HCLD3 …)
	AttrSubject  = "subject"  // PERSON or UNIT
	AttrKind     = "kind"     // phương thức khen thưởng: THUONG_XUYEN, CHUYEN_DE, DOT_XUAT …
	AttrLead     = "lead"     // leadership class: VU_SO, KHAC, TRUC_TIEP
	AttrProposer = "proposer" // who sent the tờ trình to the Prime Minister: TINH
	AttrLauncher = "launcher" // level launching a campaign: BO_TINH, CO_QUAN
	AttrScope    = "scope"    // campaign scope: BO_TINH, CO_QUAN
	AttrSpan     = "span"     // campaign duration: LT1, EQ1, LT3, LT5, GE5
	AttrForm     = "form"     // campaign form: CHUYEN_DE, THUONG_XUYEN
)

var knownAttrs = []string{AttrCode, AttrSubject, AttrKind, AttrLead, AttrProposer, AttrLauncher, AttrScope, AttrSpan, AttrForm}

// Leadership classes of an individual in the award's year.
const (
	LeadDept   = "VU_SO"     // cấp vụ, sở, ngành và tương đương
	LeadOther  = "KHAC"      // other leaders, from deputy head of a section up
	LeadDirect = "TRUC_TIEP" // no leadership post: works directly
)

// Match holds, per attribute, the values a fact must have one of; an empty
// match takes every fact.
type Match map[string][]string

// Takes reports whether f matches m.
func (m Match) Takes(f *Fact) bool {
	for k, vals := range m {
		if !slices.Contains(vals, f.Get(k)) {
			return false
		}
	}
	return true
}

// Column is a numbered figure column of a form.
type Column struct {
	No    string `json:"no"`              // as the form numbers it: "1", "2.1" …
	Group string `json:"group,omitempty"` // the heading spanning it, if any
	Label string `json:"label"`
	Match Match  `json:"match,omitempty"`
	// Underived says why thidua cannot fill the column yet; its cells are
	// 0 and marked.
	Underived string `json:"underived,omitempty"`
}

// Row is a row of a form: a coded row of figures, or a section heading.
type Row struct {
	Code      string `json:"code,omitempty"` // mã số
	Label     string `json:"label"`
	Unit      string `json:"unit,omitempty"` // đơn vị tính, where the form has the column
	Heading   bool   `json:"heading,omitempty"`
	Bold      bool   `json:"bold,omitempty"`
	Indent    int    `json:"indent,omitempty"`
	Match     Match  `json:"match,omitempty"`
	Underived string `json:"underived,omitempty"`
}

// Form is one statistics form (biểu số).
type Form struct {
	Code   string `json:"code"` // "0602.N/BNV-TĐKT"
	Title  string `json:"title"`
	Source string `json:"source"`
	// Codes are the awards the form counts (awards forms).
	Codes []string `json:"codes,omitempty"`
	// Unit is the form's one đơn vị tính, when its rows have none.
	Unit    string   `json:"unit,omitempty"`
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Number is the form's short number, "0601" of "0601.N/BNV-TĐKT".
func (f *Form) Number() string {
	if len(f.Code) >= 4 {
		return f.Code[:4]
	}
	return f.Code
}

// HasUnitColumn reports whether the form has a column C (đơn vị tính).
func (f *Form) HasUnitColumn() bool {
	for _, r := range f.Rows {
		if r.Unit != "" {
			return true
		}
	}
	return false
}

// Takes reports whether the form counts f at all.
func (f *Form) Takes(x *Fact) bool {
	if x.Source != f.Source {
		return false
	}
	return f.Source != SourceAwards || slices.Contains(f.Codes, x.Code)
}

// Circular is a set of forms with the dates it is in force.
type Circular struct {
	Code          string      `json:"code"`
	Basis         string      `json:"basis"` // "Ban hành theo Thông tư số …"
	Issued        thidua.Date `json:"issued"`
	EffectiveFrom thidua.Date `json:"effective_from"`
	EffectiveTo   thidua.Date `json:"effective_to"`
	Grade         string      `json:"grade"`
	Note          string      `json:"note"`
	Receiver      string      `json:"receiver"`
	ReportDay     int         `json:"report_day"`
	ReportMonth   int         `json:"report_month"`
	// AwardKinds maps an award type (thidua.Award.Type) to the form's
	// phương thức khen thưởng; TitleKind is that of emulation titles.
	AwardKinds map[string]string `json:"award_kinds"`
	TitleKind  string            `json:"title_kind"`
	// Posts maps a leadership post to its leadership class.
	Posts map[string]string `json:"posts"`
	Forms []Form            `json:"forms"`
}

// InForce reports whether c applies on day d.
func (c *Circular) InForce(d thidua.Date) bool {
	return !d.Before(c.EffectiveFrom) && (c.EffectiveTo.IsZero() || !c.EffectiveTo.Before(d))
}

// ReportDate is the day the report of year is due (15/12 of the year).
func (c *Circular) ReportDate(year int) thidua.Date {
	return thidua.NewDate(year, time.Month(c.ReportMonth), c.ReportDay)
}

// Form returns the form whose short number or code is code.
func (c *Circular) Form(code string) (*Form, bool) {
	for i := range c.Forms {
		if c.Forms[i].Code == code || c.Forms[i].Number() == code {
			return &c.Forms[i], true
		}
	}
	return nil, false
}

// Set is every circular, oldest first.
type Set []*Circular

// Load reads the circulars of the embedded data.
func Load() (Set, error) { return LoadFS(dataFS, "data") }

// LoadFS reads every *.json of dir and checks it.
func LoadFS(fsys fs.FS, dir string) (Set, error) {
	names, err := fs.Glob(fsys, dir+"/*.json")
	if err != nil {
		return nil, err
	}
	var set Set
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var c Circular
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("statforms: %s: %w", n, err)
		}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("statforms: %s: %w", n, err)
		}
		set = append(set, &c)
	}
	sort.Slice(set, func(i, j int) bool { return set[i].EffectiveFrom.Before(set[j].EffectiveFrom) })
	return set, nil
}

// MustLoad is Load for data known to be good (the embedded files, checked
// by the package's tests).
func MustLoad() Set {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

func (c *Circular) check() error {
	if c.Code == "" || c.EffectiveFrom.IsZero() || c.ReportDay < 1 || c.ReportMonth < 1 || c.ReportMonth > 12 {
		return fmt.Errorf("circular %q lacks its code, effective date or report day", c.Code)
	}
	checkMatch := func(where string, m Match) error {
		for k := range m {
			if !slices.Contains(knownAttrs, k) {
				return fmt.Errorf("%s: unknown attribute %q", where, k)
			}
		}
		return nil
	}
	for _, f := range c.Forms {
		if f.Source != SourceAwards && f.Source != SourceCampaigns {
			return fmt.Errorf("form %s: unknown source %q", f.Code, f.Source)
		}
		if len(f.Columns) == 0 || len(f.Rows) == 0 {
			return fmt.Errorf("form %s: no rows or columns", f.Code)
		}
		nos, codes := map[string]bool{}, map[string]bool{}
		for _, col := range f.Columns {
			if col.No == "" || nos[col.No] {
				return fmt.Errorf("form %s: column number %q missing or repeated", f.Code, col.No)
			}
			nos[col.No] = true
			if err := checkMatch("form "+f.Code+" column "+col.No, col.Match); err != nil {
				return err
			}
		}
		for _, r := range f.Rows {
			if r.Heading {
				continue
			}
			if r.Code == "" || codes[r.Code] {
				return fmt.Errorf("form %s: row code %q missing or repeated", f.Code, r.Code)
			}
			codes[r.Code] = true
			if err := checkMatch("form "+f.Code+" row "+r.Code, r.Match); err != nil {
				return err
			}
		}
	}
	return nil
}

// InForce returns the circular in force on day d: the latest to take
// effect on or before it.
func (s Set) InForce(d thidua.Date) (*Circular, error) {
	var out *Circular
	for _, c := range s {
		if c.InForce(d) {
			out = c
		}
	}
	if out == nil {
		return nil, thidua.Errorf(thidua.EINVALID, "Không có biểu mẫu thống kê nào có hiệu lực ngày %s.", d)
	}
	return out, nil
}

// Fact is one thing a form counts: an award received (source awards) or
// a campaign organized (source campaigns), with the unit path it falls
// under (the subject's unit, or the launching unit).
type Fact struct {
	Source   string
	Path     string
	Code     string
	Subject  string
	Kind     string
	Lead     string
	Proposer string
	Launcher string
	Scope    string
	Span     string
	Form     string
}

// Get returns the value of attribute k.
func (f *Fact) Get(k string) string {
	switch k {
	case AttrCode:
		return f.Code
	case AttrSubject:
		return f.Subject
	case AttrKind:
		return f.Kind
	case AttrLead:
		return f.Lead
	case AttrProposer:
		return f.Proposer
	case AttrLauncher:
		return f.Launcher
	case AttrScope:
		return f.Scope
	case AttrSpan:
		return f.Span
	case AttrForm:
		return f.Form
	}
	return ""
}

// Request asks for one form of a year for a reporting unit (its subtree).
type Request struct {
	Form   string // short number ("0602") or code
	Year   int
	UnitID int64
}

// Validate checks the request's year and form against the circulars.
func (r *Request) Validate(s Set) (*Circular, *Form, error) {
	if r.Year < 1945 || r.Year > 2200 {
		return nil, nil, invalid("year", "Năm báo cáo không hợp lệ (từ 1945 đến 2200).")
	}
	day := thidua.NewDate(r.Year, time.December, 15)
	c, err := s.InForce(day)
	if err != nil {
		return nil, nil, invalid("year", thidua.ErrorMessage(err))
	}
	f, ok := c.Form(r.Form)
	if !ok {
		return nil, nil, invalid("form", "Biểu số không hợp lệ; chọn 0601, 0602 hoặc 0603.")
	}
	if r.UnitID <= 0 {
		return nil, nil, invalid("unit_id", "Vui lòng chọn đơn vị báo cáo.")
	}
	return c, f, nil
}

func invalid(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// Service produces the forms from the stored data, within the user's
// scope (org.view on the reporting unit).
type Service interface {
	// StatForm returns one form for a year and a reporting unit: EINVALID
	// for a bad year or form, ENOTFOUND for a unit that does not exist or
	// lies outside the user's scope.
	StatForm(ctx context.Context, r Request) (*Report, error)
}

// Renderer writes a report as a workbook or as a PDF in the form's layout.
type Renderer interface {
	FormXLSX(w io.Writer, r *Report) error
	FormPDF(w io.Writer, r *Report) error
}
