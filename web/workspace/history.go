package workspace

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// column describes one field of a history section's rows.
type column struct {
	Key     string
	Label   string
	Kind    string // year, date, text, select, bool
	Options []thidua.Option
	Size    int
}

// section is one list of a history, edited as a table of rows.
type section struct {
	Key     string
	Label   string
	Columns []column
	Rows    []map[string]string
}

var revokedOptions = []thidua.Option{{Code: "false", Label: "Còn hiệu lực"}, {Code: "true", Label: "Đã thu hồi"}}

// sectionDefs lists the editable lists of a history, by JSON key.
var sectionDefs = []section{
	{Key: "ratings", Label: "Xếp loại chất lượng hằng năm", Columns: []column{
		{"year", "Năm", "year", nil, 5}, {"rating", "Xếp loại", "select", thidua.RatingCodes, 0}, {"source", "Nguồn (văn bản)", "text", nil, 24}}},
	{Key: "titles", Label: "Danh hiệu thi đua đã nhận", Columns: []column{
		{"year", "Năm", "year", nil, 5}, {"code", "Danh hiệu", "select", thidua.Titles, 0}, {"path", "Căn cứ", "select", thidua.TitlePaths, 0},
		{"decision", "Quyết định", "text", nil, 14}, {"revoked", "Hiệu lực", "bool", revokedOptions, 0}, {"revoked_reason", "Lý do thu hồi", "text", nil, 16}}},
	{Key: "awards", Label: "Hình thức khen thưởng đã nhận", Columns: []column{
		{"code", "Hình thức", "select", thidua.Forms, 0}, {"date", "Ngày quyết định", "date", nil, 10}, {"type", "Loại hình", "select", thidua.AwardTypes, 0},
		{"decision", "Quyết định", "text", nil, 14}, {"revoked", "Hiệu lực", "bool", revokedOptions, 0}, {"revoked_reason", "Lý do thu hồi", "text", nil, 16}}},
	{Key: "initiatives", Label: "Sáng kiến, đề tài khoa học", Columns: []column{
		{"year", "Năm", "year", nil, 5}, {"level", "Cấp công nhận", "select", thidua.InitiativeLevels, 0}, {"kind", "Loại", "select", thidua.InitiativeKinds, 0},
		{"title", "Tên", "text", nil, 24}, {"consumed_by", "Đã dùng cho khen thưởng", "text", nil, 16}}},
	{Key: "disciplines", Label: "Kỷ luật", Columns: []column{
		{"from", "Từ ngày", "date", nil, 10}, {"to", "Đến ngày", "date", nil, 10}, {"level", "Hình thức", "select", thidua.DisciplineLevels, 0}, {"decision", "Quyết định", "text", nil, 14}}},
	{Key: "proceedings", Label: "Đang bị xem xét, điều tra, thanh tra (chưa kết luận)", Columns: []column{
		{"kind", "Loại", "select", thidua.ProceedingKinds, 0}, {"from", "Từ ngày", "date", nil, 10}, {"to", "Ngày kết luận", "date", nil, 10}, {"note", "Ghi chú", "text", nil, 24}}},
	{Key: "maternity_leave", Label: "Nghỉ thai sản theo chế độ", Columns: []column{
		{"from", "Từ ngày", "date", nil, 10}, {"to", "Đến ngày", "date", nil, 10}}},
	{Key: "leadership", Label: "Chức vụ lãnh đạo, quản lý", Columns: []column{
		{"post", "Cấp chức vụ", "select", thidua.LeadershipPosts, 0}, {"title", "Tên chức vụ", "text", nil, 24}, {"from", "Từ ngày", "date", nil, 10}, {"to", "Đến ngày", "date", nil, 10}}},
}

// rowsOf turns a typed list of the history into display rows through JSON,
// so one generic form serves every record type.
func rowsOf(h *thidua.History, key string, cols []column) []map[string]string {
	b, _ := json.Marshal(h)
	var doc map[string][]map[string]any
	json.Unmarshal(b, &doc)
	var rows []map[string]string
	for _, item := range doc[key] {
		row := map[string]string{}
		for _, c := range cols {
			switch v := item[c.Key].(type) {
			case nil:
			case float64:
				row[c.Key] = strconv.FormatFloat(v, 'f', -1, 64)
			case bool:
				row[c.Key] = strconv.FormatBool(v)
			case string:
				if c.Kind == "date" {
					if d, err := thidua.ParseDate(v); err == nil {
						v = d.String()
					}
				}
				row[c.Key] = v
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// readSection parses the posted rows of a section into the history. Empty
// rows are skipped; a malformed year or date is reported by row.
func readSection(r *http.Request, h *thidua.History, def section) error {
	var items []map[string]any
	var v thidua.Validation
	n := 0
	for _, c := range def.Columns {
		n = max(n, len(r.PostForm[c.Key]))
	}
	for i := 0; i < n; i++ {
		item := map[string]any{}
		empty := true
		for _, c := range def.Columns {
			val := strings.TrimSpace(thidua.NormalizeText(kit.At(r.PostForm[c.Key], i)))
			if val != "" && !(c.Kind == "bool" && val == "false") {
				empty = false
			}
			field := fmt.Sprintf("%s[%d].%s", def.Key, len(items), c.Key)
			switch c.Kind {
			case "year":
				if val == "" {
					item[c.Key] = 0
					continue
				}
				y, err := strconv.Atoi(val)
				if err != nil {
					v.Add(field, "Năm phải là số, ví dụ 2025.")
				}
				item[c.Key] = y
			case "date":
				d, err := thidua.ParseDate(val)
				if err != nil {
					v.Add(field, "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm.")
				}
				if d.IsZero() {
					item[c.Key] = nil
				} else {
					item[c.Key] = d.ISO()
				}
			case "bool":
				item[c.Key] = val == "true"
			default:
				item[c.Key] = val
			}
		}
		if !empty {
			items = append(items, item)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, _ := json.Marshal(map[string]any{def.Key: items})
	if err := json.Unmarshal(b, h); err != nil {
		return thidua.Errorf(thidua.EINVALID, "Dữ liệu không hợp lệ: %s", err.Error())
	}
	return nil
}

type historyPage struct {
	kit.Page
	History   *thidua.SubjectHistory
	Sections  []section
	Form      *kit.Form
	Open      string // section with errors, shown open
	CanEdit   bool
	Base      string // /app/people/{id} or /app/units/{id}
	Year      int
	AsOf      thidua.Date
	Verdicts  []rules.Verdict
	EngineErr string
	// MembersRefreshing says a unit's member summaries are being computed
	// in the background: no verdicts yet.
	MembersRefreshing bool
}

func historySubjectOf(r *http.Request) (string, string) {
	if strings.HasPrefix(r.URL.Path, "/app/units/") {
		return thidua.SubjectUnit, "/app/units/"
	}
	return thidua.SubjectPerson, "/app/people/"
}

func (s *Handler) historyPage(r *http.Request, h *thidua.SubjectHistory, f *kit.Form, open string) *historyPage {
	_, base := historySubjectOf(r)
	me := thidua.UserFromContext(r.Context())
	p := &historyPage{Page: kit.Page{Title: "Lịch sử khen thưởng: " + h.Name, Nav: "people"}, History: h, Form: f, Open: open,
		CanEdit: me.Covers(thidua.PermEditRecords, h.UnitPath), Base: base + strconv.FormatInt(h.SubjectID, 10)}
	if h.Subject == thidua.SubjectUnit {
		p.Nav = "units"
	}
	for _, def := range sectionDefs {
		sec := def
		sec.Rows = rowsOf(&h.History, def.Key, def.Columns)
		if p.CanEdit {
			sec.Rows = append(sec.Rows, map[string]string{}, map[string]string{})
		}
		p.Sections = append(p.Sections, sec)
	}
	return p
}

// yearParams reads ?year= (default: last year) and ?as_of= (default: today).
func (s *Handler) yearParams(r *http.Request) (int, thidua.Date) {
	today := thidua.DateOf(s.Now())
	year := today.Year() - 1
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1945 && y <= 2200 {
		year = y
	}
	asOf := today
	if d, err := thidua.ParseDate(r.URL.Query().Get("as_of")); err == nil && !d.IsZero() {
		asOf = d
	}
	return year, asOf
}

// evaluate runs every award of a person's kind (a collective's go through
// its member summaries: Store.UnitVerdicts). The people of a unit have
// their verdicts in the eligibility table (/app/eligibility?unit=), stored
// and paginated, with one person's explanation loaded on demand.
func (s *Handler) evaluate(r *http.Request, h *thidua.SubjectHistory, year int, asOf thidua.Date) ([]rules.Verdict, error) {
	sub, err := s.Eligibility.SubjectForYear(r.Context(), s.Store, h, year, asOf)
	if err != nil {
		return nil, err
	}
	return s.Eligibility.EvaluateAll(sub, year, asOf)
}

func (s *Handler) HandleHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	subject, _ := historySubjectOf(r)
	h, err := s.Store.FindHistory(r.Context(), subject, id)
	if err != nil {
		return err
	}
	p := s.historyPage(r, h, kit.NewForm(), "")
	p.Year, p.AsOf = s.yearParams(r)
	if subject == thidua.SubjectUnit {
		// A collective is judged with every member of its subtree, from
		// the stored summaries of its units' members (only those whose
		// members changed are read again): never a wait for the whole
		// collectives' table.
		p.Verdicts, _, p.MembersRefreshing, err = s.Store.UnitVerdicts(r.Context(), s.Eligibility, h, p.Year, p.AsOf)
	} else {
		p.Verdicts, err = s.evaluate(r, h, p.Year, p.AsOf)
	}
	if err != nil {
		p.EngineErr = thidua.ErrorMessage(err)
		s.Log.Error("eligibility", "err", err)
	}
	s.Render(w, r, http.StatusOK, "history.html", p)
	return nil
}

func (s *Handler) HandleHistorySave(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var def *section
	for i := range sectionDefs {
		if sectionDefs[i].Key == r.PathValue("section") {
			def = &sectionDefs[i]
		}
	}
	if def == nil {
		s.NotFound(w, r)
		return nil
	}
	subject, base := historySubjectOf(r)
	h, err := s.Store.FindHistory(r.Context(), subject, id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := f.Version(r)
	edited := *h
	edited.Version = version
	// Only this section changes; the others keep their stored rows.
	err = f.FieldsErr()
	if err == nil {
		err = readSection(r, &edited.History, *def)
	}
	if err == nil {
		err = s.Store.SaveHistory(r.Context(), &edited)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "history.html", func() (kit.View, error) {
			p := s.historyPage(r, h, f, def.Key)
			// Show what was typed, so nothing is lost.
			for i := range p.Sections {
				if p.Sections[i].Key == def.Key {
					p.Sections[i].Rows = postedRows(r, *def)
				}
			}
			p.Year, p.AsOf = s.yearParams(r)
			return p, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu mục “"+def.Label+"”.")
	http.Redirect(w, r, base+strconv.FormatInt(id, 10)+"/history#"+def.Key, http.StatusSeeOther)
	return nil
}

// postedRows returns the submitted rows of a section as typed.
func postedRows(r *http.Request, def section) []map[string]string {
	n := 0
	for _, c := range def.Columns {
		n = max(n, len(r.PostForm[c.Key]))
	}
	rows := make([]map[string]string, n)
	for i := range rows {
		rows[i] = map[string]string{}
		for _, c := range def.Columns {
			rows[i][c.Key] = kit.At(r.PostForm[c.Key], i)
		}
	}
	return rows
}

// ---- unit-wide table and forecast

type eligibilityRow struct {
	History  *thidua.SubjectHistory
	Verdicts map[string]rules.Verdict
}

type eligibilityPage struct {
	kit.Page
	Units   []*thidua.Unit
	UnitID  int64
	Year    int
	AsOf    thidua.Date
	Filter  string
	Awards  []string
	Rows    []eligibilityRow
	Counts  map[string]int
	Subject string
	// Refreshing says the stored table is being recomputed.
	Refreshing bool
}

func (s *Handler) eligibilityScope(r *http.Request, p *eligibilityPage) ([]*thidua.SubjectHistory, error) {
	var err error
	if p.Units, _, err = s.Store.FindUnits(r.Context(), thidua.UnitFilter{}); err != nil {
		return nil, err
	}
	p.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	p.Subject = thidua.SubjectPerson
	if r.URL.Query().Get("subject") == thidua.SubjectUnit {
		p.Subject = thidua.SubjectUnit
	}
	p.Year, p.AsOf = s.yearParams(r)
	return s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: p.Subject, UnitID: p.UnitID})
}

// handleUnitEligibility is the table of collectives: each judged with the
// people of its subtree as members, read from the stored collectives'
// table (computed in the background when stale).
func (s *Handler) handleUnitEligibility(w http.ResponseWriter, r *http.Request) error {
	p := &eligibilityPage{Page: kit.Page{Title: "Xét điều kiện danh hiệu, hình thức khen thưởng", Nav: "eligibility"}, Counts: map[string]int{}}
	hs, err := s.eligibilityScope(r, p)
	if err != nil {
		return err
	}
	ids := make([]int64, len(hs))
	for i, h := range hs {
		ids[i] = h.SubjectID
	}
	stored, refreshing, err := s.Store.UnitEligibility(r.Context(), s.Eligibility, p.Year, p.AsOf, ids)
	if err != nil {
		return err
	}
	p.Refreshing = refreshing
	p.Filter = r.URL.Query().Get("verdict")
	seen := map[string]bool{}
	for _, h := range hs {
		row := eligibilityRow{History: h, Verdicts: map[string]rules.Verdict{}}
		keep := p.Filter == ""
		for _, v := range stored[h.SubjectID] {
			row.Verdicts[v.Award] = v
			p.Counts[v.Verdict]++
			if !seen[v.Award] {
				seen[v.Award] = true
				p.Awards = append(p.Awards, v.Award)
			}
			if v.Verdict == p.Filter {
				keep = true
			}
		}
		if keep {
			p.Rows = append(p.Rows, row)
		}
	}
	s.Render(w, r, http.StatusOK, "eligibility_units.html", p)
	return nil
}

// forecastPerPage is the lines of one page of the forecast.
const forecastPerPage = 50

// forecastPage is /app/eligibility/forecast: one page of the forecast kept
// by storage (computed once per state of the histories), in the order of
// the lists.
type forecastPage struct {
	kit.Page
	UnitID  int64
	Subject string
	Year    int
	Items   []rules.ForecastItem
	Pager   kit.Pager
}

// HandleForecast is one page of the forecast of the viewer's scope,
// filtered by unit subtree (?unit=).
func (s *Handler) HandleForecast(w http.ResponseWriter, r *http.Request) error {
	p := &forecastPage{Page: kit.Page{Title: "Dự báo danh hiệu năm sau", Nav: "eligibility"}, Subject: thidua.SubjectPerson}
	q := r.URL.Query()
	if str := q.Get("unit"); str != "" {
		id, err := strconv.ParseInt(str, 10, 64)
		if err != nil || id < 0 {
			return thidua.Errorf(thidua.EINVALID, "Mã đơn vị “%s” không hợp lệ.", str)
		}
		p.UnitID = id
	}
	if str := q.Get("year"); str != "" {
		if y, err := strconv.Atoi(str); err != nil || y < 1945 || y > 2200 {
			return thidua.Errorf(thidua.EINVALID, "Năm xét “%s” không hợp lệ: nhập năm từ 1945 đến 2200.", str)
		}
	}
	if str := q.Get("as_of"); str != "" {
		if d, err := thidua.ParseDate(str); err != nil || d.IsZero() {
			return thidua.Errorf(thidua.EINVALID, "Ngày xét “%s” không hợp lệ: nhập ngày dạng dd/mm/yyyy.", str)
		}
	}
	if q.Get("subject") == thidua.SubjectUnit {
		p.Subject = thidua.SubjectUnit
	}
	var asOf thidua.Date
	p.Year, asOf = s.yearParams(r)
	page, offset := kit.PageOf(r, forecastPerPage)
	res, err := s.Store.Forecast(r.Context(), s.Eligibility, rules.ForecastFilter{Year: p.Year, AsOf: asOf, Subject: p.Subject, UnitID: p.UnitID,
		Offset: offset, Limit: forecastPerPage})
	if err != nil {
		return err
	}
	p.Items = res.Items
	base := url.Values{"subject": {p.Subject}, "year": {strconv.Itoa(p.Year)}}
	if p.UnitID != 0 {
		base.Set("unit", strconv.FormatInt(p.UnitID, 10))
	}
	if str := q.Get("as_of"); str != "" {
		base.Set("as_of", asOf.ISO())
	}
	p.Pager = kit.NewPager(page, forecastPerPage, res.Total, "/app/eligibility/forecast?"+base.Encode())
	s.Render(w, r, http.StatusOK, "forecast.html", p)
	return nil
}
