package commendation

import (
	"bytes"
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/ladder"
	"thidua/signing"
	"thidua/web/kit"
)

// ---- list

type decisionsPage struct {
	kit.Page
	Decisions []*thidua.Decision
	Query     string
	State     string
	Year      int
	Total     int
	Pager     kit.Pager
}

func (s *Handler) HandleDecisions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, offset := kit.PageOf(r, 50)
	f := thidua.DecisionFilter{Query: q.Get("q"), State: q.Get("state"), Offset: offset, Limit: 50}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	if !kit.ValidCode(thidua.DecisionStates, f.State) {
		f.State = ""
	}
	ds, total, err := s.Store.FindDecisions(r.Context(), f)
	if err != nil {
		return err
	}
	base := "/app/decisions?" + (decisionQuery{"q": f.Query, "state": f.State, "year": kit.IdStr(int64(f.Year))}).encode()
	s.Render(w, r, http.StatusOK, "decisions.html", &decisionsPage{Page: kit.Page{Title: "Quyết định khen thưởng", Nav: "decisions"},
		Decisions: ds, Query: f.Query, State: f.State, Year: f.Year, Total: total, Pager: kit.NewPager(page, 50, total, strings.TrimSuffix(base, "?"))})
	return nil
}

// decisionQuery encodes the non-empty values of a query.
type decisionQuery map[string]string

func (v decisionQuery) encode() string {
	var parts []string
	for _, k := range []string{"q", "state", "year"} {
		if v[k] != "" {
			parts = append(parts, k+"="+kit.QueryEscape(v[k]))
		}
	}
	return strings.Join(parts, "&")
}

// ---- draft

type decisionFormPage struct {
	kit.Page
	Meeting  *thidua.Meeting
	Council  *thidua.Council
	Decision *thidua.Decision
	Form     *kit.Form
	New      bool
	Passed   []*thidua.Nominee
}

// decisionForm writes a decision into form values: lists one per line.
func decisionForm(d *thidua.Decision) *kit.Form {
	f := kit.NewForm()
	f.Values["issuer"] = d.Issuer
	f.Values["year"] = strconv.Itoa(d.Year)
	f.Values["place"] = d.Place
	f.Values["title"] = d.Title
	f.Values["authority"] = d.Authority
	f.Values["bases"] = strings.Join(d.Bases, "\n")
	f.Values["articles"] = strings.Join(d.Articles, "\n")
	f.Values["cc"] = strings.Join(d.CC, "\n")
	f.Values["signer_authority"] = d.Signer.Authority
	f.Values["signer_on_behalf"] = d.Signer.OnBehalf
	f.Values["signer_post"] = d.Signer.Post
	f.Values["signer_name"] = d.Signer.Name
	if d.Public {
		f.Values["public"] = "on"
	}
	f.Values["version"] = strconv.Itoa(d.Version)
	return f
}

// textLines splits a textarea into its non-empty lines.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = thidua.NormalizeText(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readDecision reads the form into the decision input the API takes too;
// the legal bases, the articles and the recipients are one per line.
func readDecision(r *http.Request, f *kit.Form) thidua.DecisionInput {
	return thidua.DecisionInput{Issuer: f.Values["issuer"],
		Year:  int(f.Int("year", "Năm phải là số, ví dụ 2026.")),
		Place: f.Values["place"], Title: f.Values["title"], Authority: f.Values["authority"],
		Bases:    textLines(r.PostForm.Get("bases")),
		Articles: textLines(r.PostForm.Get("articles")),
		CC:       textLines(r.PostForm.Get("cc")),
		Signer: thidua.Signer{Authority: f.Values["signer_authority"], OnBehalf: f.Values["signer_on_behalf"],
			Post: f.Values["signer_post"], Name: f.Values["signer_name"]},
		Public:  f.Bool("public"),
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
}

// defaultDecision prefills a decision for a closed meeting: the issuer from
// the council's unit, the place from the configuration, the bases in force
// today with the campaign's plan and the council's minutes, and the articles.
func (s *Handler) defaultDecision(r *http.Request, mp *meetingPage) *thidua.Decision {
	ctx := r.Context()
	today := thidua.DateOf(s.Now())
	m, c := mp.Meeting, mp.Council
	d := &thidua.Decision{UnitID: c.UnitID, Year: today.Year(), Place: s.PlaceOf(r, c.UnitID), MeetingID: m.ID}
	unit, err := s.Store.FindUnitByID(ctx, c.UnitID)
	if err == nil {
		d.Issuer = unit.Abbrev
	}
	var passed []*thidua.Nominee
	for _, n := range mp.Nominees {
		// An award decided above the council's level goes up the ladder instead.
		if t, ok := mp.Tally[n.ID]; ok && t.Passed && (unit == nil || !ladder.Above(unit.Kind, n.Award, cmp.Or(s.Cfg.Province, "default"), today)) {
			passed = append(passed, n)
		}
	}
	// The campaign plan of the proposals, when they come from a campaign.
	var plan, awardText, campaignTitle string
	kinds := map[string]bool{}
	awards := map[string]bool{}
	for _, n := range passed {
		awards[thidua.AwardName(n.Award)] = true
		p, err := s.Store.FindProposalByID(ctx, n.ProposalID)
		if err != nil {
			continue
		}
		kinds[p.Kind] = true
		if p.CampaignID != 0 && plan == "" {
			camp, err := s.Store.FindCampaignByID(ctx, p.CampaignID)
			if err == nil {
				campaignTitle = camp.Title
			}
			if err == nil && !camp.Plan.IsZero() {
				plan = "Căn cứ " + camp.Plan.TypeLabel() + " số " + camp.Plan.String()
				if !camp.PlanDate.IsZero() {
					t := camp.PlanDate.Time()
					plan += fmt.Sprintf(" ngày %d tháng %d năm %d", t.Day(), int(t.Month()), t.Year())
				}
				plan += " của " + camp.UnitName + " về " + lowerInitial(camp.Title) + ";"
			}
		}
	}
	var names []string
	for a := range awards {
		names = append(names, a)
	}
	slices.Sort(names)
	awardText = strings.Join(names, ", ")
	md := m.Date.Time()
	minutes := fmt.Sprintf("Căn cứ Biên bản họp %s ngày %d tháng %d năm %d;", c.Name, md.Day(), int(md.Month()), md.Year())
	d.Bases = thidua.DecisionBases(today, plan, minutes)
	d.Bases = append(d.Bases, "Theo đề nghị của Trưởng phòng phụ trách công tác thi đua, khen thưởng.")
	d.Title = "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc"
	if campaignTitle != "" {
		d.Title += " trong " + lowerInitial(campaignTitle)
	} else if kinds[thidua.AwardPhongTrao] {
		d.Title += " trong phong trào thi đua"
	}
	d.Public = true // on the honour roll unless the officer unticks it
	d.Authority = "THỦ TRƯỞNG " + strings.ToUpper(c.UnitName)
	if unit != nil && strings.HasPrefix(strings.ToUpper(unit.Name), "VĂN PHÒNG") {
		d.Authority = "CHÁNH " + strings.ToUpper(unit.Name)
	}
	d.Articles = []string{
		fmt.Sprintf("Điều 1. Tặng %s cho %02d tập thể, cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc.", awardText, len(passed)),
		"Điều 2. Kèm theo hình thức khen thưởng là tiền thưởng theo quy định tại Nghị định của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng.",
		"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng các phòng, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
	}
	d.Signer = thidua.Signer{Post: "CHÁNH VĂN PHÒNG"}
	if s.Cfg.Ladder != nil { // the level's own register and signer (package ladder)
		if o, err := s.Cfg.Ladder.FindOffice(ctx, c.UnitID); err == nil && (o.Stored || o.Kind == thidua.UnitProvince) {
			d.Issuer, d.Authority, d.Signer = o.Issuer, o.Authority, o.Signer
		}
	}
	d.CC = []string{"Như Điều 3;", "Lưu: VT, HCTC."}
	return d
}

func lowerInitial(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func (s *Handler) decisionNewPage(r *http.Request, mp *meetingPage, d *thidua.Decision, f *kit.Form) *decisionFormPage {
	p := &decisionFormPage{Page: kit.Page{Title: "Dự thảo quyết định khen thưởng", Nav: "decisions"}, Meeting: mp.Meeting, Council: mp.Council,
		Decision: d, Form: f, New: true}
	for _, n := range mp.Nominees {
		if t, ok := mp.Tally[n.ID]; ok && t.Passed {
			p.Passed = append(p.Passed, n)
		}
	}
	return p
}

func (s *Handler) HandleDecisionNew(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	mp, err := s.meetingPage(r, id)
	if err != nil {
		return err
	}
	if mp.Meeting.State != thidua.MeetingClosed {
		s.meetingActionError(w, r, id, thidua.Errorf(thidua.EINVALID, "Phiên họp chưa kết thúc biểu quyết: chưa thể dự thảo quyết định."), nil)
		return nil
	}
	if mp.DecisionID != 0 {
		http.Redirect(w, r, "/app/decisions/"+kit.IdStr(mp.DecisionID), http.StatusSeeOther)
		return nil
	}
	d := s.defaultDecision(r, mp)
	s.Render(w, r, http.StatusOK, "decision_form.html", s.decisionNewPage(r, mp, d, decisionForm(d)))
	return nil
}

func (s *Handler) HandleDecisionDraft(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	mp, err := s.meetingPage(r, id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readDecision(r, f)
	d := in.Decision(0)
	d.UnitID = mp.Council.UnitID
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.DraftDecision(r.Context(), id, d)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "decision_form.html", func() (kit.View, error) {
			return s.decisionNewPage(r, mp, d, f), nil
		})
		return nil
	}
	s.Flash(w, r, "Đã lập dự thảo quyết định. Số quyết định được cấp khi ban hành.")
	http.Redirect(w, r, "/app/decisions/"+kit.IdStr(d.ID), http.StatusSeeOther)
	return nil
}

// ---- a decision

type decisionPage struct {
	kit.Page
	Decision  *thidua.Decision
	Form      *kit.Form
	IssueForm *kit.Form
	CanManage bool
	HasDocs   bool
	Error     string
	// Signing is the digital signatures part (package signing).
	Signing signingPart
}

func (s *Handler) decisionPage(r *http.Request, d *thidua.Decision, f *kit.Form) *decisionPage {
	me := thidua.UserFromContext(r.Context())
	title := "Dự thảo quyết định: " + d.Title
	if d.State == thidua.DecisionIssued {
		title = "Quyết định số " + d.Ref()
	}
	if f == nil {
		f = decisionForm(d)
	}
	issue := kit.NewForm()
	issue.Values["date"] = thidua.DateOf(s.Now()).String()
	return &decisionPage{Page: kit.Page{Title: title, Nav: "decisions"}, Decision: d, Form: f, IssueForm: issue,
		CanManage: me.Covers(thidua.PermManageCampaigns, d.UnitPath), HasDocs: s.Cfg.Decisions != nil, Signing: s.signingOf(r, d)}
}

func (s *Handler) HandleDecision(w http.ResponseWriter, r *http.Request) error {
	d, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "decision.html", s.decisionPage(r, d, nil))
	return nil
}

func (s *Handler) HandleDecisionUpdate(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	if _, ok := r.PostForm["version"]; !ok {
		f.Errors["version"] = "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."
	}
	in := readDecision(r, f)
	d := in.Decision(cur.ID)
	d.Recipients = cur.Recipients
	if cur.State == thidua.DecisionIssued {
		// Only the public flag changes after issue.
		pub := d.Public
		*d = *cur
		d.Public, d.Version = pub, int(f.Int("version", "Phiên bản không hợp lệ."))
	}
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.UpdateDecision(r.Context(), d)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "decision.html", func() (kit.View, error) {
			p := s.decisionPage(r, cur, f)
			p.Error = f.Error
			return p, nil
		})
		return nil
	}
	if d.State == thidua.DecisionIssued {
		if d.Public {
			s.Flash(w, r, "Quyết định được công bố trên trang vinh danh.")
		} else {
			s.Flash(w, r, "Quyết định không còn hiện trên trang vinh danh.")
		}
	} else {
		s.Flash(w, r, "Đã lưu dự thảo quyết định.")
	}
	http.Redirect(w, r, "/app/decisions/"+kit.IdStr(d.ID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleDecisionIssue(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := f.Version(r)
	date := f.Date("date")
	if date.IsZero() && f.Errors["date"] == "" {
		f.Errors["date"] = "Vui lòng nhập ngày ký quyết định."
	}
	err = f.FieldsErr()
	var d *thidua.Decision
	if err == nil {
		d, err = s.Store.IssueDecision(r.Context(), cur.ID, version, date)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "decision.html", func() (kit.View, error) {
			if fresh, ferr := s.Store.FindDecisionByID(r.Context(), cur.ID); ferr == nil {
				cur = fresh
			}
			p := s.decisionPage(r, cur, nil)
			p.IssueForm, p.Error = f, f.Error
			return p, nil
		})
		return nil
	}
	s.FreezeDecision(r.Context(), d)
	s.Flash(w, r, "Đã ban hành Quyết định số "+d.Ref()+" ngày "+d.Date.String()+"; khen thưởng đã được ghi vào lịch sử của "+
		strconv.Itoa(len(d.Recipients))+" tập thể, cá nhân.")
	http.Redirect(w, r, "/app/decisions/"+kit.IdStr(d.ID), http.StatusSeeOther)
	return nil
}

// HandleDecisionDoc streams the decision (PDF or XLSX) or its certificates.
func (s *Handler) HandleDecisionDoc(w http.ResponseWriter, r *http.Request) error {
	d, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	if s.Cfg.Decisions == nil {
		s.NotFound(w, r)
		return nil
	}
	doc := &thidua.DecisionDocument{Decision: d, Agency: s.agencyOf(r, d.UnitID)}
	var buf bytes.Buffer
	base := "quyet-dinh-" + kit.IdStr(d.ID)
	if d.Number != 0 {
		base = fmt.Sprintf("quyet-dinh-%s-%d", d.NumberText(), d.Year)
	}
	switch {
	case strings.HasSuffix(r.URL.Path, "/decision.xlsx"):
		if err = s.Cfg.Decisions.DecisionXLSX(&buf, doc); err == nil {
			kit.SendDocument(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", base+".xlsx", buf.Bytes())
		}
	case strings.HasSuffix(r.URL.Path, "/certificates.pdf"):
		q := r.URL.Query()
		opt := thidua.CertificateOptions{Blank: q.Get("blank") == "1" || q.Get("blank") == "on"}
		if !opt.Blank && (q.Get("x") == "" || q.Get("x") == "0") && (q.Get("y") == "" || q.Get("y") == "0") {
			// The default certificates of an issued decision are the
			// frozen (and maybe signed) file.
			var frozen []byte
			if frozen, err = s.frozenDocument(r, d, signing.KindCertificates); frozen != nil {
				kit.SendDocument(w, "application/pdf", "bang-khen-"+base+".pdf", frozen)
				return nil
			} else if err != nil {
				break
			}
		}
		f := kit.NewForm()
		opt.OffsetXMM = kit.ParseDecimal(f, "x", q.Get("x"))
		opt.OffsetYMM = kit.ParseDecimal(f, "y", q.Get("y"))
		if opt.OffsetXMM < -50 || opt.OffsetXMM > 50 || opt.OffsetYMM < -50 || opt.OffsetYMM > 50 {
			f.Errors["x"] = "Độ lệch phải từ -50 đến 50 mm."
		}
		if err = f.FieldsErr(); err != nil {
			break
		}
		if err = s.Cfg.Decisions.CertificatesPDF(&buf, doc, opt); err == nil {
			kit.SendDocument(w, "application/pdf", "bang-khen-"+base+".pdf", buf.Bytes())
		}
	default:
		var frozen []byte
		if frozen, err = s.frozenDocument(r, d, signing.KindDecision); frozen != nil {
			kit.SendDocument(w, "application/pdf", base+".pdf", frozen)
			return nil
		} else if err != nil {
			break
		}
		if err = s.Cfg.Decisions.DecisionPDF(&buf, doc); err == nil {
			kit.SendDocument(w, "application/pdf", base+".pdf", buf.Bytes())
		}
	}
	if err != nil {
		s.Error(w, r, err)
	}
	return nil
}

// ---- the public honour roll
