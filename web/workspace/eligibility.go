package workspace

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// The eligibility table of people: a page of the stored bulk verdicts
// (rules.TableStore, kept fresh by storage), filtered, with one person's
// explained verdict for one award opened in place — by script as a
// fragment, or without script by the same page drawn with that row open.

// tablePageSize is the number of people a page shows.
const tablePageSize = 50

// awardColumn is one award column of the table.
type awardColumn struct {
	Index int    // in rules.IndividualAwards
	Code  string // award code
	Short string // abbreviation shown in the header
	Name  string // full name (legend, header title)
}

type tableQuery struct {
	Year    int
	AsOf    thidua.Date
	UnitID  int64
	Award   string
	Verdict string
	Gender  string
	Leaders bool
}

// values is the query string of the filters (no cursor, nothing open).
func (q tableQuery) values() url.Values {
	v := url.Values{}
	v.Set("year", strconv.Itoa(q.Year))
	v.Set("as_of", q.AsOf.String())
	if q.UnitID != 0 {
		v.Set("unit", strconv.FormatInt(q.UnitID, 10))
	}
	for k, s := range map[string]string{"award": q.Award, "verdict": q.Verdict, "gender": q.Gender} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Leaders {
		v.Set("leaders", "1")
	}
	return v
}

type eligibilityTablePage struct {
	kit.Page
	Q       tableQuery
	Query   template.URL // the filters as a query string, for links
	After   string       // the cursor this page started after
	Units   []*thidua.Unit
	Columns []awardColumn
	Table   *rules.TablePage
	// The explanation drawn in place without script (?open=&award=).
	Open *explainedCell
	// Err says why a filter was refused; the form keeps what was typed.
	Err string
	// Typed holds the raw filter values, given back as typed.
	Typed map[string]string
}

// explainedCell is one person's explained verdict for one award.
type explainedCell struct {
	PersonID int64
	Name     string
	Verdict  rules.Verdict
	// Query is the table's filters, for the link back and to the history;
	// After the cursor of the page it was opened on.
	Query template.URL
	After string
}

// readTableQuery reads the filters; a value that is not one of the
// choices is refused with a Vietnamese message.
func (s *Handler) readTableQuery(r *http.Request) (tableQuery, map[string]string, string) {
	q := r.URL.Query()
	typed := map[string]string{}
	for _, k := range []string{"year", "as_of", "unit", "award", "verdict", "gender", "leaders"} {
		typed[k] = q.Get(k)
	}
	var t tableQuery
	t.Year, t.AsOf = s.yearParams(r)
	var msg string
	bad := func(m string) {
		if msg == "" {
			msg = m
		}
	}
	if y := q.Get("year"); y != "" && strconv.Itoa(t.Year) != y {
		bad("Năm xét phải là số từ 1945 đến 2200, ví dụ " + strconv.Itoa(thidua.DateOf(s.Now()).Year()-1) + ".")
	}
	if d := q.Get("as_of"); d != "" {
		if _, err := thidua.ParseDate(d); err != nil {
			bad("Ngày xét không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 31/12/" + strconv.Itoa(t.Year) + ".")
		}
	}
	if u := q.Get("unit"); u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || id < 0 {
			bad("Đơn vị không hợp lệ: chọn trong danh sách.")
		}
		t.UnitID = id
	}
	if a := q.Get("award"); a != "" {
		if !slices.Contains(rules.IndividualAwards, a) {
			bad("Danh hiệu, hình thức không có trong danh sách: chọn trong danh sách.")
		} else {
			t.Award = a
		}
	}
	if v := q.Get("verdict"); v != "" {
		if rules.LetterOfVerdict(v) == 0 {
			bad("Kết luận không có trong danh sách: chọn trong danh sách.")
		} else {
			t.Verdict = v
		}
	}
	if g := q.Get("gender"); g != "" {
		if g != thidua.GenderMale && g != thidua.GenderFemale {
			bad("Giới tính chỉ là Nam hoặc Nữ.")
		} else {
			t.Gender = g
		}
	}
	t.Leaders = q.Get("leaders") == "1"
	return t, typed, msg
}

// query is values as a query string for links (url.Values.Encode escapes it).
func (q tableQuery) query() template.URL { return template.URL(q.values().Encode()) }

func (q tableQuery) filter(after string, limit int) rules.TableFilter {
	return rules.TableFilter{Year: q.Year, AsOf: q.AsOf, UnitID: q.UnitID, Award: q.Award, Verdict: q.Verdict,
		Gender: q.Gender, Leaders: q.Leaders, After: after, Limit: limit}
}

func tableColumns(award string) []awardColumn {
	var out []awardColumn
	for i, a := range rules.IndividualAwards {
		if award == "" || a == award {
			out = append(out, awardColumn{Index: i, Code: a, Short: rules.AwardShort(a), Name: rules.AwardLabel(a)})
		}
	}
	return out
}

// HandleEligibilityTable is /app/eligibility: the people's table (the
// collectives' with ?subject=UNIT).
func (s *Handler) HandleEligibilityTable(w http.ResponseWriter, r *http.Request) error {
	if r.URL.Query().Get("subject") == thidua.SubjectUnit {
		return s.handleUnitEligibility(w, r)
	}
	q, typed, msg := s.readTableQuery(r)
	p := &eligibilityTablePage{Page: kit.Page{Title: "Xét điều kiện danh hiệu, hình thức khen thưởng", Nav: "eligibility"},
		Q: q, Typed: typed, Err: msg, Columns: tableColumns(q.Award), Table: &rules.TablePage{}}
	p.Query = q.query()
	var err error
	if p.Units, _, err = s.Store.FindUnits(r.Context(), thidua.UnitFilter{}); err != nil {
		return err
	}
	status := http.StatusOK
	if msg == "" {
		p.After = r.URL.Query().Get("after")
		p.Table, err = s.Store.EligibilityTable(r.Context(), s.Eligibility, q.filter(p.After, tablePageSize))
		if thidua.ErrorCode(err) == thidua.EINVALID {
			p.Err, p.Table, err = thidua.ErrorMessage(err), &rules.TablePage{}, nil
		}
		if err != nil {
			return err
		}
	}
	if p.Err != "" {
		status = http.StatusBadRequest
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("open"), 10, 64); err == nil && p.Err == "" {
		if p.Open, err = s.explainCell(r, id, r.URL.Query().Get("award"), q); err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND && thidua.ErrorCode(err) != thidua.EINVALID {
			return err
		}
		if p.Open != nil {
			p.Open.After = p.After
		}
	}
	s.Render(w, r, status, "eligibility.html", p)
	return nil
}

// explainCell judges one person in scope for one award, with every
// condition explained.
func (s *Handler) explainCell(r *http.Request, id int64, award string, q tableQuery) (*explainedCell, error) {
	h, err := s.Store.FindHistory(r.Context(), thidua.SubjectPerson, id)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(rules.IndividualAwards, award) {
		return nil, thidua.Errorf(thidua.EINVALID, "Danh hiệu, hình thức không có trong danh sách: chọn một ô của bảng.")
	}
	vs, err := s.evaluate(r, h, q.Year, q.AsOf)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if v.Award == award {
			return &explainedCell{PersonID: id, Name: h.Name, Verdict: v, Query: q.query()}, nil
		}
	}
	return nil, thidua.Errorf(thidua.EINVALID, "Danh hiệu, hình thức không có trong danh sách.")
}

// HandleEligibilityCell is /app/eligibility/people/{id}?award=…: the
// explanation of one cell as a fragment, which the table's script puts
// under the row; without script the cell's link opens the table with the
// same explanation drawn in place.
func (s *Handler) HandleEligibilityCell(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	q, _, msg := s.readTableQuery(r)
	if msg != "" {
		return thidua.Errorf(thidua.EINVALID, "%s", msg)
	}
	c, err := s.explainCell(r, id, r.URL.Query().Get("award"), q)
	if err != nil {
		return err
	}
	s.RenderPart(w, r, "eligibility.html", "explained", c)
	return nil
}

// HandleEligibilityExport is /app/eligibility.xlsx: the table with the
// filters applied, streamed row by row.
func (s *Handler) HandleEligibilityExport(w http.ResponseWriter, r *http.Request) error {
	q, _, msg := s.readTableQuery(r)
	if msg != "" {
		return thidua.Errorf(thidua.EINVALID, "%s", msg)
	}
	x, ok := s.Cfg.Exports.(rules.TableExporter)
	if !ok {
		s.NotFound(w, r)
		return nil
	}
	me := thidua.UserFromContext(r.Context())
	t := &rules.TableExport{Title: "DANH SÁCH XÉT ĐIỀU KIỆN DANH HIỆU, HÌNH THỨC KHEN THƯỞNG NĂM " + strconv.Itoa(q.Year),
		Awards: rules.IndividualAwards, GeneratedAt: s.Now()}
	if q.Award != "" {
		t.Awards = []string{q.Award}
	}
	if me != nil {
		t.GeneratedBy = me.DisplayName
	}
	t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Năm xét", Value: strconv.Itoa(q.Year)},
		thidua.ExportFilter{Label: "Tính đến ngày", Value: q.AsOf.String()})
	if q.UnitID != 0 {
		u, err := s.Store.FindUnitByID(r.Context(), q.UnitID)
		if err != nil {
			return err
		}
		t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Đơn vị (gồm đơn vị trực thuộc)", Value: u.Name})
	}
	if q.Award != "" {
		t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Danh hiệu, hình thức", Value: rules.AwardLabel(q.Award)})
	}
	if q.Verdict != "" {
		t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Kết luận", Value: thidua.Label(kit.VerdictLabels, q.Verdict)})
	}
	if q.Gender != "" {
		t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Giới tính", Value: thidua.Label(thidua.Genders, q.Gender)})
	}
	if q.Leaders {
		t.Filters = append(t.Filters, thidua.ExportFilter{Label: "Chỉ người giữ chức vụ lãnh đạo, quản lý", Value: "Có"})
	}
	f := q.filter("", 0)
	// The first page checks the filters and brings the table up to date
	// before anything is written, so a refusal is still a clean page.
	first, err := s.Store.EligibilityTable(r.Context(), s.Eligibility, rules.TableFilter{Year: f.Year, AsOf: f.AsOf, Verdict: f.Verdict, Award: f.Award, Limit: 1})
	if err != nil {
		return err
	}
	if first.Refreshing {
		return thidua.Errorf(thidua.ECONFLICT, "Bảng xét điều kiện năm %d đang được tính lại: tải lại sau ít phút.", q.Year)
	}
	cw := &countingWriter{w: w, name: "xet-dieu-kien-" + strconv.Itoa(q.Year) + ".xlsx"}
	err = x.TableXLSX(cw, t, func(fn func(rules.TableRow) error) error {
		return s.Store.EachEligibility(r.Context(), s.Eligibility, f, fn)
	})
	if err != nil && cw.n == 0 {
		// Nothing was sent yet: an error page.
		return err
	}
	if err != nil {
		// Headers are gone: the download is broken off, so that a
		// workbook cut short cannot pass for whole, and the log says why.
		s.Log.Error("eligibility export cut short", "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// countingWriter counts what went out, to tell whether an error can
// still be answered with a page.
type countingWriter struct {
	w    http.ResponseWriter
	name string // of the download
	n    int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.n == 0 {
		c.w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		c.w.Header().Set("Content-Disposition", `attachment; filename="`+c.name+`"`)
		c.w.Header().Set("Cache-Control", "no-store")
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
