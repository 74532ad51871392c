package workspace

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/importer"
	"thidua/web/kit"
)

// Exports: every list of the workspace as XLSX, with the filters applied
// written into the workbook. Lists that the importer reads (units, people,
// award history) use the import templates' columns, so an exported list
// can be corrected in Excel and imported back.

type exportsPage struct {
	kit.Page
	Units        []*thidua.Unit
	Campaigns    []*thidua.Campaign
	Years        []int
	Stats        statsQuery
	HasProposals bool
	HasDecisions bool
	// ProposalStates are the states to filter proposals by.
	ProposalStates []thidua.Option
}

func (s *Handler) HandleExports(w http.ResponseWriter, r *http.Request) error {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return err
	}
	cs, _, err := s.Store.FindCampaigns(r.Context(), thidua.CampaignFilter{Limit: 200})
	if err != nil {
		return err
	}
	p := &exportsPage{Page: kit.Page{Title: "Xuất danh sách, báo cáo", Nav: "stats"}, Units: units, Campaigns: cs, Stats: s.readStatsQuery(r),
		ProposalStates: thidua.ProposalStates}
	for y := thidua.DateOf(s.Now()).Year(); y >= thidua.DateOf(s.Now()).Year()-30; y-- {
		p.Years = append(p.Years, y)
	}
	_, p.HasProposals = s.Store.(thidua.ProposalService)
	_, p.HasDecisions = s.Store.(thidua.DecisionService)
	s.Render(w, r, http.StatusOK, "exports.html", p)
	return nil
}

// exportCtx gathers what every export needs: the unit tree (for paths and
// the unit filter's name) and the filters applied.
type exportCtx struct {
	s       *Handler
	r       *http.Request
	units   map[int64]*thidua.Unit
	filters []thidua.ExportFilter
}

func (s *Handler) newExport(r *http.Request) (*exportCtx, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	e := &exportCtx{s: s, r: r, units: map[int64]*thidua.Unit{}}
	for _, u := range units {
		e.units[u.ID] = u
	}
	return e, nil
}

func (e *exportCtx) filter(label, value string) {
	if value != "" {
		e.filters = append(e.filters, thidua.ExportFilter{Label: label, Value: value})
	}
}

// path writes a unit's path of names from the top of what the user sees,
// as the importer reads it.
func (e *exportCtx) path(id int64) string {
	var names []string
	for u := e.units[id]; u != nil; u = e.units[u.ParentID] {
		names = append([]string{u.Name}, names...)
		if u.ParentID == 0 || len(names) > 30 {
			break
		}
	}
	return importer.JoinPath(names)
}

// unitFilter reads the "unit" parameter: the unit's subtree.
func (e *exportCtx) unitFilter() (int64, error) {
	id, _ := strconv.ParseInt(e.r.URL.Query().Get("unit"), 10, 64)
	if id == 0 {
		return 0, nil
	}
	u, ok := e.units[id]
	if !ok {
		return 0, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	e.filter("Đơn vị", u.Name+" (gồm các đơn vị trực thuộc)")
	return id, nil
}

// send encodes the list and writes it as a download.
func (e *exportCtx) send(w http.ResponseWriter, name, title string, sheets ...thidua.ExportSheet) {
	e.sendList(w, name, &thidua.ExportList{Title: title, Sheets: sheets})
}

// sendList is send of a list that may fill its sheets in one pass
// (ExportList.Each).
func (e *exportCtx) sendList(w http.ResponseWriter, name string, l *thidua.ExportList) {
	s := e.s
	if s.Cfg.Exports == nil {
		s.NotFound(w, e.r)
		return
	}
	me := thidua.UserFromContext(e.r.Context())
	by := ""
	if me != nil {
		by = me.DisplayName + " (" + me.Username + ")"
	}
	// The workbook goes straight to the client: rows are read and written
	// one at a time (ExportSheet.Each) into the zip (workbook.Stream), so
	// memory stays bounded however long the list. A failure before the
	// first byte still gets an error page.
	out := &sentWriter{w: w}
	kit.XLSXHeaders(w, name)
	l.Filters, l.GeneratedAt, l.GeneratedBy = e.filters, s.Now(), by
	if err := s.Cfg.Exports.ListXLSX(out, l); err != nil {
		if out.n == 0 {
			for _, h := range []string{"Content-Type", "Content-Disposition"} {
				w.Header().Del(h)
			}
			s.Error(w, e.r, err)
			return
		}
		// The download has begun: break it, so that a workbook cut short
		// cannot pass for whole.
		s.Log.Error("export cut short", "name", name, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// sentWriter counts what reached the client.
type sentWriter struct {
	w http.ResponseWriter
	n int64
}

func (s *sentWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}

// importColumns are the columns of an import template, dates marked.
func importColumns(kind string, extra ...thidua.ExportColumn) []thidua.ExportColumn {
	var cols []thidua.ExportColumn
	for _, h := range importer.Headers(kind) {
		c := thidua.ExportColumn{Header: h}
		switch {
		case strings.HasPrefix(h, "Ngày"):
			c.Kind = thidua.ColDate
		case strings.HasPrefix(h, "Năm"):
			c.Kind = thidua.ColYear
		}
		cols = append(cols, c)
	}
	return append(cols, extra...)
}

func yesNoVI(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

// eachPerson pages through FindPeople by keyset (each page as cheap as the
// first), giving fn one person at a time.
func (s *Handler) eachPerson(r *http.Request, f thidua.PersonFilter, fn func(*thidua.Person) error) error {
	f.Limit, f.Offset, f.NoTotal = 1000, 0, true
	for {
		page, _, err := s.Store.FindPeople(r.Context(), f)
		if err != nil {
			return err
		}
		for _, p := range page {
			if err := fn(p); err != nil {
				return err
			}
		}
		if len(page) < f.Limit {
			return nil
		}
		f.AfterID = page[len(page)-1].ID
	}
}

// eachHistory streams histories when the store can (sqldb.DB.EachHistory),
// or lists them.
func (s *Handler) eachHistory(r *http.Request, f thidua.HistoryFilter, fn func(*thidua.SubjectHistory) error) error {
	type streamer interface {
		EachHistory(ctx context.Context, f thidua.HistoryFilter, fn func(*thidua.SubjectHistory) error) error
	}
	if st, ok := s.Store.(streamer); ok {
		return st.EachHistory(r.Context(), f, fn)
	}
	hs, err := s.Store.FindHistories(r.Context(), f)
	if err != nil {
		return err
	}
	for _, h := range hs {
		if err := fn(h); err != nil {
			return err
		}
	}
	return nil
}

func (s *Handler) HandleExportPeople(w http.ResponseWriter, r *http.Request) error {
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	unitID, err := e.unitFilter()
	if err != nil {
		return err
	}
	f := thidua.PersonFilter{UnitID: unitID, Subtree: true, Query: q.Get("q"), Status: q.Get("status"), Category: q.Get("category")}
	e.filter("Tìm theo tên", f.Query)
	if f.Status != "" {
		e.filter("Trạng thái", thidua.Label(thidua.PersonStatuses, f.Status))
	}
	if f.Category != "" {
		e.filter("Đối tượng", thidua.Label(thidua.Categories, f.Category))
	}
	sh := thidua.ExportSheet{Name: importer.SheetName(thidua.ImportPeople), Title: "Danh sách cá nhân",
		Columns: importColumns(thidua.ImportPeople)}
	first := f
	first.Limit = 1
	if _, sh.Count, err = s.Store.FindPeople(r.Context(), first); err != nil {
		return err
	}
	paths := map[int64]string{}
	sh.Each = func(yield func([]any) error) error {
		return s.eachPerson(r, f, func(p *thidua.Person) error {
			path, ok := paths[p.UnitID]
			if !ok {
				path = e.path(p.UnitID)
				paths[p.UnitID] = path
			}
			return yield([]any{p.FullName, p.BirthDate, thidua.Label(thidua.Genders, p.Gender), path, p.Position,
				yesNoVI(p.IsLeader), thidua.Label(thidua.Categories, p.Category), p.StartDate, thidua.Label(thidua.PersonStatuses, p.Status)})
		})
	}
	e.send(w, "danh-sach-ca-nhan.xlsx", "Danh sách cá nhân", sh)
	return nil
}

func (s *Handler) HandleExportUnits(w http.ResponseWriter, r *http.Request) error {
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	unitID, err := e.unitFilter()
	if err != nil {
		return err
	}
	q := r.URL.Query().Get("q")
	e.filter("Tìm theo tên", q)
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{Subtree: unitID, Query: q})
	if err != nil {
		return err
	}
	sh := thidua.ExportSheet{Name: importer.SheetName(thidua.ImportUnits), Title: "Danh sách cơ quan, đơn vị",
		Columns: importColumns(thidua.ImportUnits, thidua.ExportColumn{Header: "Số cá nhân", Kind: thidua.ColNumber})}
	for _, u := range units {
		sh.Rows = append(sh.Rows, []any{e.path(u.ID), u.Abbrev, thidua.Label(thidua.UnitKinds, u.Kind), yesNoVI(u.Active), u.People})
	}
	e.send(w, "danh-sach-don-vi.xlsx", "Danh sách cơ quan, đơn vị", sh)
	return nil
}

// HandleExportHistory writes the award histories of a subtree as the three
// history sheets of the import template (ratings; titles and forms;
// initiatives), for people and units alike.
func (s *Handler) HandleExportHistory(w http.ResponseWriter, r *http.Request) error {
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	unitID, err := e.unitFilter()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	from, _ := strconv.Atoi(q.Get("from"))
	to, _ := strconv.Atoi(q.Get("to"))
	if from != 0 || to != 0 {
		e.filter("Năm", yearSpan(from, to))
	}
	inYears := func(y int) bool { return (from == 0 || y >= from) && (to == 0 || y <= to) }
	subject := q.Get("subject")
	switch subject {
	case thidua.SubjectPerson:
		e.filter("Đối tượng", "Cá nhân")
	case thidua.SubjectUnit:
		e.filter("Đối tượng", "Tập thể")
	default:
		subject = ""
	}
	type named struct {
		name  string
		birth thidua.Date
	}
	byID := map[int64]named{}
	if err := s.eachPerson(r, thidua.PersonFilter{UnitID: unitID, Subtree: true}, func(p *thidua.Person) error {
		byID[p.ID] = named{p.FullName, p.BirthDate}
		return nil
	}); err != nil {
		return err
	}
	paths := map[int64]string{}
	const ratingsSheet, awardsSheet, initsSheet = 0, 1, 2
	// One pass over the histories (units, then people, each read one at a
	// time) fills the three sheets at once.
	each := func(yield func(sheet int, row []any) error) error {
		for _, kind := range []string{thidua.SubjectUnit, thidua.SubjectPerson} {
			if subject != "" && subject != kind {
				continue
			}
			err := s.eachHistory(r, thidua.HistoryFilter{Subject: kind, UnitID: unitID}, func(h *thidua.SubjectHistory) error {
				name, birth := "", thidua.Date{}
				if kind == thidua.SubjectPerson {
					p, ok := byID[h.SubjectID]
					if !ok {
						return nil
					}
					name, birth = p.name, p.birth
				}
				path, ok := paths[h.UnitID]
				if !ok {
					path = e.path(h.UnitID)
					paths[h.UnitID] = path
				}
				subj := []any{name, birth, path}
				put := func(sheet int, xs ...any) error {
					return yield(sheet, append(append(make([]any, 0, len(subj)+len(xs)), subj...), xs...))
				}
				for _, x := range h.History.Ratings {
					if inYears(x.Year) {
						if err := put(ratingsSheet, x.Year, thidua.Label(thidua.RatingCodes, x.Code), x.Source); err != nil {
							return err
						}
					}
				}
				for _, x := range h.History.Titles {
					if inYears(x.Year) {
						path := ""
						if x.Path != "" {
							path = thidua.Label(thidua.TitlePaths, x.Path)
						}
						if err := put(awardsSheet, x.Year, thidua.Label(thidua.Titles, x.Code), "", x.Decision, thidua.Date{},
							path, yesNoVI(x.Revoked), x.RevokedReason); err != nil {
							return err
						}
					}
				}
				for _, x := range h.History.Awards {
					if inYears(x.Date.Year()) {
						if err := put(awardsSheet, x.Date.Year(), thidua.Label(thidua.Forms, x.Code), thidua.Label(thidua.AwardTypes, x.Type),
							x.Decision, x.Date, "", yesNoVI(x.Revoked), x.RevokedReason); err != nil {
							return err
						}
					}
				}
				for _, x := range h.History.Initiatives {
					if inYears(x.Year) {
						if err := put(initsSheet, x.Year, x.Title, thidua.Label(thidua.InitiativeKinds, orDefaultStr(x.Kind, thidua.InitiativeSangKien)),
							thidua.Label(thidua.InitiativeLevels, x.Level), x.ConsumedBy); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	e.sendList(w, "lich-su-khen-thuong.xlsx", &thidua.ExportList{Title: "Lịch sử khen thưởng", Each: each, Sheets: []thidua.ExportSheet{
		{Name: importer.SheetName(thidua.ImportRatings), Title: "Xếp loại chất lượng", Columns: importColumns(thidua.ImportRatings)},
		{Name: importer.SheetName(thidua.ImportAwards), Title: "Danh hiệu thi đua, hình thức khen thưởng đã nhận", Columns: importColumns(thidua.ImportAwards)},
		{Name: importer.SheetName(thidua.ImportInitiatives), Title: "Sáng kiến, đề tài", Columns: importColumns(thidua.ImportInitiatives)},
	}})
	return nil
}

func orDefaultStr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func yearSpan(from, to int) string {
	switch {
	case from != 0 && to != 0 && from == to:
		return strconv.Itoa(from)
	case from != 0 && to != 0:
		return "từ " + strconv.Itoa(from) + " đến " + strconv.Itoa(to)
	case from != 0:
		return "từ " + strconv.Itoa(from)
	}
	return "đến " + strconv.Itoa(to)
}

func (s *Handler) HandleExportCampaigns(w http.ResponseWriter, r *http.Request) error {
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := thidua.CampaignFilter{Query: q.Get("q"), State: q.Get("state"), Limit: 1000}
	e.filter("Tìm theo tên", f.Query)
	if f.State != "" {
		e.filter("Trạng thái", thidua.Label(thidua.CampaignStates, f.State))
	}
	cs, _, err := s.Store.FindCampaigns(r.Context(), f)
	if err != nil {
		return err
	}
	sh := thidua.ExportSheet{Name: "Đợt thi đua", Title: "Danh sách phong trào, đợt thi đua", Columns: []thidua.ExportColumn{
		{Header: "Tên đợt thi đua", Kind: thidua.ColWrap, Width: 50}, {Header: "Số kế hoạch"}, {Header: "Ngày kế hoạch", Kind: thidua.ColDate},
		{Header: "Hình thức"}, {Header: "Loại"}, {Header: "Đơn vị phát động"}, {Header: "Từ ngày", Kind: thidua.ColDate},
		{Header: "Đến ngày", Kind: thidua.ColDate}, {Header: "Đối tượng"}, {Header: "Trạng thái"}}}
	for _, c := range cs {
		plan := ""
		if !c.Plan.IsZero() {
			plan = c.Plan.String()
		}
		sh.Rows = append(sh.Rows, []any{c.Title, plan, c.PlanDate, thidua.Label(thidua.CampaignForms, c.Form), thidua.Label(thidua.CampaignKinds, c.Kind),
			c.UnitName, c.StartDate, c.EndDate, thidua.Label(thidua.ParticipantKinds, c.Participants), thidua.Label(thidua.CampaignStates, c.State)})
	}
	e.send(w, "danh-sach-dot-thi-dua.xlsx", "Danh sách phong trào, đợt thi đua", sh)
	return nil
}

func (s *Handler) HandleExportResults(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	e.filter("Đợt thi đua", c.Title)
	kind := r.URL.Query().Get("kind")
	if kind != thidua.ForCollectives && kind != thidua.ForIndividuals {
		kind = ""
	} else {
		e.filter("Đối tượng", thidua.Label(thidua.ParticipantKinds, kind))
	}
	unitID, err := e.unitFilter()
	if err != nil {
		return err
	}
	_, results, err := s.CampaignResults(r, c)
	if err != nil {
		return err
	}
	var unitPath string
	if u := e.units[unitID]; u != nil {
		unitPath = u.Path
	}
	sh := thidua.ExportSheet{Name: "Kết quả", Title: "Kết quả, xếp hạng: " + c.Title, Columns: []thidua.ExportColumn{
		{Header: "Hạng", Kind: thidua.ColNumber}, {Header: "Đối tượng"}, {Header: "Tên tập thể, cá nhân", Width: 34}, {Header: "Đơn vị", Width: 34},
		{Header: "Danh hiệu, hình thức đăng ký"}, {Header: "Tổng điểm", Kind: thidua.ColNumber}, {Header: "Điểm tối đa", Kind: thidua.ColNumber},
		{Header: "Tỷ lệ (%)", Kind: thidua.ColNumber}, {Header: "Đồng hạng"}, {Header: "Đã chấm đủ tiêu chí"}, {Header: "Đã thẩm định"}}}
	for _, res := range results {
		reg := res.Registration
		if kind != "" && reg.Kind != kind || unitPath != "" && !strings.HasPrefix(reg.UnitPath, unitPath) {
			continue
		}
		sh.Rows = append(sh.Rows, []any{res.Rank, thidua.Label(thidua.ParticipantKinds, reg.Kind), reg.Name, reg.UnitName, reg.TargetTitle,
			res.Total, res.Max, res.Percent, yesNoVI(res.Tied), yesNoVI(res.Complete), yesNoVI(res.Reviewed)})
	}
	e.send(w, "ket-qua-dot-thi-dua-"+strconv.FormatInt(c.ID, 10)+".xlsx", "Kết quả đợt thi đua", sh)
	return nil
}

func (s *Handler) HandleExportProposals(w http.ResponseWriter, r *http.Request) error {
	ps, ok := s.Store.(thidua.ProposalService)
	if !ok {
		s.NotFound(w, r)
		return nil
	}
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := thidua.ProposalFilter{State: q.Get("state")}
	f.CampaignID, _ = strconv.ParseInt(q.Get("campaign"), 10, 64)
	if f.State != "" {
		e.filter("Trạng thái", thidua.Label(thidua.ProposalStates, f.State))
	}
	if f.CampaignID != 0 {
		c, err := s.Store.FindCampaignByID(r.Context(), f.CampaignID)
		if err != nil {
			return err
		}
		e.filter("Đợt thi đua", c.Title)
	}
	var list []*thidua.Proposal
	for {
		f.Limit, f.Offset = 500, len(list)
		page, total, err := ps.FindProposals(r.Context(), f)
		if err != nil {
			return err
		}
		list = append(list, page...)
		if len(page) == 0 || len(list) >= total {
			break
		}
	}
	props := thidua.ExportSheet{Name: "Tờ trình", Title: "Danh sách tờ trình đề nghị khen thưởng", Columns: []thidua.ExportColumn{
		{Header: "Số tờ trình"}, {Header: "Trích yếu", Kind: thidua.ColWrap, Width: 50}, {Header: "Đơn vị đề nghị"}, {Header: "Loại hình"},
		{Header: "Năm thành tích", Kind: thidua.ColYear}, {Header: "Đợt thi đua", Kind: thidua.ColWrap, Width: 36}, {Header: "Trạng thái"},
		{Header: "Số tập thể, cá nhân", Kind: thidua.ColNumber}, {Header: "Ngày gửi", Kind: thidua.ColDate}, {Header: "Lý do trả lại", Kind: thidua.ColWrap, Width: 36}}}
	noms := thidua.ExportSheet{Name: "Người được đề nghị", Title: "Tập thể, cá nhân được đề nghị khen thưởng", Columns: []thidua.ExportColumn{
		{Header: "Số tờ trình"}, {Header: "Đơn vị đề nghị"}, {Header: "Đối tượng"}, {Header: "Tên tập thể, cá nhân", Width: 30},
		{Header: "Đơn vị"}, {Header: "Danh hiệu, hình thức đề nghị", Width: 34}, {Header: "Kết quả kiểm tra điều kiện"},
		{Header: "Tiền thưởng (đồng)", Kind: thidua.ColNumber}, {Header: "Nữ"}, {Header: "Lãnh đạo, quản lý"}}}
	for _, p := range list {
		ref := ""
		if !p.Ref.IsZero() {
			ref = p.Ref.String()
		}
		props.Rows = append(props.Rows, []any{ref, p.Title, p.UnitName, thidua.Label(thidua.ProposalKinds, p.Kind), p.Year, p.CampaignName,
			thidua.Label(thidua.ProposalStates, p.State), len(p.Nominees), p.SubmittedAt, p.Reason})
		for _, n := range p.Nominees {
			subj := "Cá nhân"
			if n.Subject == thidua.SubjectUnit {
				subj = "Tập thể"
			}
			noms.Rows = append(noms.Rows, []any{ref, p.UnitName, subj, n.Name, n.UnitName, thidua.AwardName(n.Award),
				thidua.Label(kit.VerdictLabels, n.Verdict), n.MoneyVND, yesNoVI(n.Gender == thidua.GenderFemale), yesNoVI(n.IsLeader)})
		}
	}
	e.send(w, "danh-sach-to-trinh.xlsx", "Danh sách tờ trình đề nghị khen thưởng", props, noms)
	return nil
}

func (s *Handler) HandleExportDecisions(w http.ResponseWriter, r *http.Request) error {
	ds, ok := s.Store.(thidua.DecisionService)
	if !ok {
		s.NotFound(w, r)
		return nil
	}
	e, err := s.newExport(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := thidua.DecisionFilter{Query: q.Get("q"), State: q.Get("state")}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	e.filter("Tìm", f.Query)
	if f.Year != 0 {
		e.filter("Năm", strconv.Itoa(f.Year))
	}
	if f.State != "" {
		e.filter("Trạng thái", thidua.Label(thidua.DecisionStates, f.State))
	}
	var list []*thidua.Decision
	for {
		f.Limit, f.Offset = 500, len(list)
		page, total, err := ds.FindDecisions(r.Context(), f)
		if err != nil {
			return err
		}
		list = append(list, page...)
		if len(page) == 0 || len(list) >= total {
			break
		}
	}
	decs := thidua.ExportSheet{Name: "Quyết định", Title: "Danh sách quyết định khen thưởng", Columns: []thidua.ExportColumn{
		{Header: "Số, ký hiệu"}, {Header: "Ngày", Kind: thidua.ColDate}, {Header: "Trích yếu", Kind: thidua.ColWrap, Width: 50},
		{Header: "Đơn vị ban hành"}, {Header: "Thẩm quyền"}, {Header: "Người ký"}, {Header: "Trạng thái"},
		{Header: "Số tập thể, cá nhân", Kind: thidua.ColNumber}, {Header: "Tổng tiền thưởng (đồng)", Kind: thidua.ColNumber}}}
	recs := thidua.ExportSheet{Name: "Được khen thưởng", Title: "Tập thể, cá nhân được khen thưởng", Columns: []thidua.ExportColumn{
		{Header: "Số, ký hiệu"}, {Header: "Ngày", Kind: thidua.ColDate}, {Header: "Đối tượng"}, {Header: "Tên tập thể, cá nhân", Width: 30},
		{Header: "Đơn vị"}, {Header: "Chức vụ"}, {Header: "Danh hiệu, hình thức", Width: 34}, {Header: "Loại hình khen thưởng"},
		{Header: "Tiền thưởng (đồng)", Kind: thidua.ColNumber}}}
	for _, d := range list {
		decs.Rows = append(decs.Rows, []any{d.Ref(), d.Date, d.Title, d.UnitName, d.Authority, d.Signer.Name,
			thidua.Label(thidua.DecisionStates, d.State), len(d.Recipients), d.TotalMoney()})
		for _, rc := range d.Recipients {
			subj := "Cá nhân"
			if rc.Subject == thidua.SubjectUnit {
				subj = "Tập thể"
			}
			recs.Rows = append(recs.Rows, []any{d.Ref(), d.Date, subj, rc.Name, rc.UnitName, rc.Position, thidua.AwardName(rc.Award),
				thidua.Label(thidua.AwardTypes, rc.AwardType), rc.MoneyVND})
		}
	}
	e.send(w, "danh-sach-quyet-dinh.xlsx", "Danh sách quyết định khen thưởng", decs, recs)
	return nil
}
