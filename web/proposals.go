package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"thidua"
	"thidua/rules"
)

// The commendation workflow's pages: proposals (tờ trình đề nghị khen
// thưởng) with their nominees and dossiers, appraisal by the emulation
// officer, the council and its secret ballot (councils.go), and numbered
// decisions with the public honour roll (decisions.go).

// ---- the engine at submission

// openCondition is a condition of a verdict that a person must judge.
type openCondition struct {
	Rule     string
	Text     string
	Citation string
}

// nomineeCheck is the engine's answer for one nominee, for display.
type nomineeCheck struct {
	Nominee *thidua.Nominee
	Verdict rules.Verdict
	Open    []openCondition
	Err     string // the engine could not evaluate this award
}

// verdictOf decodes a nominee's stored verdict.
func verdictOf(n *thidua.Nominee) (rules.Verdict, bool) {
	var v rules.Verdict
	if len(n.VerdictJSON) == 0 || json.Unmarshal(n.VerdictJSON, &v) != nil || v.Award == "" {
		return v, false
	}
	return v, true
}

// openConditions lists the conditions of v a person must judge.
func openConditions(v rules.Verdict) []openCondition {
	var out []openCondition
	for _, c := range v.Conditions {
		if c.Status == "review" || c.Status == "attest" {
			out = append(out, openCondition{Rule: c.Rule, Text: c.Explanation, Citation: c.Citation})
		}
	}
	return out
}

// engineSubject builds the engine's subject for a nominee from the stored
// history; a collective's members are the people of its subtree.
func (s *Server) engineSubject(r *http.Request, subject string, id int64, asOf thidua.Date) (rules.Subject, error) {
	h, err := s.store.FindHistory(r.Context(), subject, id)
	if err != nil {
		return rules.Subject{}, err
	}
	sub := subjectFor(h, asOf)
	if subject == thidua.SubjectUnit {
		members, err := s.store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: id})
		if err != nil {
			return rules.Subject{}, err
		}
		for _, m := range members {
			sub.Members = append(sub.Members, subjectFor(m, asOf))
		}
	}
	return sub, nil
}

// checkProposal runs the eligibility engine for every nominee as of today:
// the checks SubmitProposal stores, and the same for display. An award the
// rule set does not cover needs review by the appraiser.
func (s *Server) checkProposal(r *http.Request, p *thidua.Proposal) (map[int64]thidua.NomineeCheck, []nomineeCheck, error) {
	today := thidua.DateOf(s.now())
	checks := map[int64]thidua.NomineeCheck{}
	var shown []nomineeCheck
	for _, n := range p.Nominees {
		sub, err := s.engineSubject(r, n.Subject, n.SubjectID, today)
		if err != nil {
			return nil, nil, err
		}
		c := thidua.NomineeCheck{NomineeID: n.ID, Threshold: 0.5}
		nc := nomineeCheck{Nominee: n}
		v, err := rules.Default().Evaluate(sub, n.Award, p.Year, today, s.province())
		if err != nil {
			msg := thidua.ErrorMessage(err)
			for _, m := range thidua.ErrorFields(err) {
				msg = m
			}
			nc.Err = "Bộ quy tắc chưa xét được " + thidua.AwardName(n.Award) + ": " + msg + " Cần thẩm định thủ công."
			c.Verdict = thidua.VerdictReview
			c.Detail, _ = json.Marshal(map[string]string{"verdict": thidua.VerdictReview, "summary": nc.Err})
			c.Open = []string{nc.Err}
		} else {
			nc.Verdict, nc.Open = v, openConditions(v)
			c.Verdict = v.Verdict
			c.Detail, _ = json.Marshal(v)
			if v.CouncilThreshold > 0 {
				c.Threshold = v.CouncilThreshold
			}
			if v.Money != nil {
				c.MoneyVND = v.Money.AmountVND
			}
			for _, o := range nc.Open {
				c.Open = append(c.Open, o.Text+" ("+o.Citation+")")
			}
		}
		checks[n.ID] = c
		shown = append(shown, nc)
	}
	return checks, shown, nil
}

// ---- deadlines (R-HS-04…06)

// deadline is a statutory submission window, with its citation.
type deadline struct {
	What     string
	When     string
	Citation string
	Applies  bool
	Due      thidua.Date
	Status   string // "overdue", "soon", "ok" or "" (no date)
	Note     string
}

// proposalDeadlines returns the submission windows that concern p, marked
// as they stand today. The dates are the Bắc Ninh example (QĐ 86/2024 of the
// provincial People's Committee) and the central windows.
func proposalDeadlines(p *thidua.Proposal, today thidua.Date) []deadline {
	has := func(code string) bool {
		return slices.ContainsFunc(p.Nominees, func(n *thidua.Nominee) bool { return n.Award == code })
	}
	ds := []deadline{
		{What: "Khen thưởng tổng kết năm (công trạng), trình Chủ tịch UBND tỉnh", When: "trước ngày 10/12 hằng năm",
			Citation: "R-HS-06: QĐ 86 Điều 6 (ví dụ Bắc Ninh)", Applies: p.Kind == thidua.AwardCongTrang, Due: thidua.NewDate(p.Year, 12, 10)},
		{What: "Tổng kết chuyên đề, hội nghị có khen thưởng của Chủ tịch UBND tỉnh", When: "ít nhất 10 ngày trước ngày tổ chức",
			Citation: "R-HS-06: QĐ 86 Điều 6 (ví dụ Bắc Ninh)", Applies: p.Kind == thidua.AwardPhongTrao},
		{What: "Ngành giáo dục (năm học)", When: "trước ngày 10/7 hằng năm", Citation: "R-HS-06: QĐ 86 Điều 6 (ví dụ Bắc Ninh)"},
		{What: "Danh sách cán bộ bị kỷ luật, vi phạm trong năm", When: "trước ngày 10/12 hằng năm",
			Citation: "R-HS-06: QĐ 86 Điều 10.2 (ví dụ Bắc Ninh)", Applies: p.Kind == thidua.AwardCongTrang, Due: thidua.NewDate(p.Year, 12, 10)},
		{What: "Chiến sĩ thi đua toàn quốc", When: "trước ngày 31/12 năm sau năm đạt thành tích",
			Citation: "R-HS-05: NĐ 98/2023 Điều 32.1", Applies: has(thidua.TitleCSTDTQ), Due: thidua.NewDate(p.Year+1, 12, 31)},
		{What: "Cờ thi đua của Chính phủ", When: "trước ngày 30/6 năm sau",
			Citation: "R-HS-05: NĐ 98/2023 Điều 32.1", Applies: has(thidua.TitleCTCP), Due: thidua.NewDate(p.Year+1, 6, 30)},
		{What: "Khen thưởng thành tích đột xuất", When: "không có hạn cố định; thủ tục đơn giản",
			Citation: "R-DX-01: NĐ 98/2023 Điều 40", Applies: p.Kind == thidua.AwardDotXuat},
	}
	submitted := !p.Editable()
	for i := range ds {
		d := &ds[i]
		if !d.Applies || d.Due.IsZero() {
			continue
		}
		ref := today
		if submitted && !p.SubmittedAt.IsZero() {
			ref = thidua.DateOf(p.SubmittedAt)
		}
		days := int(d.Due.Time().Sub(ref.Time()).Hours() / 24)
		switch {
		case days < 0 && submitted:
			d.Status, d.Note = "overdue", fmt.Sprintf("Đã gửi sau hạn %d ngày.", -days)
		case days < 0:
			d.Status, d.Note = "overdue", fmt.Sprintf("Đã quá hạn %d ngày.", -days)
		case submitted:
			d.Status, d.Note = "ok", "Đã gửi trong hạn."
		case days <= 14:
			d.Status, d.Note = "soon", fmt.Sprintf("Còn %d ngày.", days)
		default:
			d.Status, d.Note = "ok", fmt.Sprintf("Còn %d ngày.", days)
		}
	}
	return ds
}

// deadlineWarnings are the messages of the windows that are past or near.
func deadlineWarnings(ds []deadline) []string {
	var out []string
	for _, d := range ds {
		if d.Applies && (d.Status == "overdue" || d.Status == "soon") {
			out = append(out, d.What+": hạn "+d.Due.String()+" ("+d.Citation+"). "+d.Note)
		}
	}
	return out
}

// ---- list

type proposalsPage struct {
	Page
	Proposals []*thidua.Proposal
	State     string
	Counts    map[string]int
	All       int
	CanCreate bool
}

func (s *Server) handleProposals(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	all, total, err := s.store.FindProposals(ctx, thidua.ProposalFilter{Limit: 500})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	state := r.URL.Query().Get("state")
	p := &proposalsPage{Page: Page{Title: "Tờ trình đề nghị khen thưởng", Nav: "proposals"}, State: state, Counts: map[string]int{}, All: total,
		CanCreate: thidua.UserFromContext(ctx).Can(thidua.PermRegister)}
	for _, x := range all {
		p.Counts[x.State]++
		if state == "" || x.State == state {
			p.Proposals = append(p.Proposals, x)
		}
	}
	s.render(w, r, http.StatusOK, "proposals.html", p)
}

// ---- create and edit

type proposalFormPage struct {
	Page
	Proposal  *thidua.Proposal
	Form      *Form
	Units     []*thidua.Unit
	Campaigns []*thidua.Campaign
	New       bool
}

func proposalForm(p *thidua.Proposal) *Form {
	f := newForm()
	f.Values["kind"] = p.Kind
	f.Values["year"] = strconv.Itoa(p.Year)
	f.Values["unit_id"] = idStr(p.UnitID)
	f.Values["campaign_id"] = idStr(p.CampaignID)
	f.Values["title"] = p.Title
	f.Values["ref"] = p.Ref.String()
	f.Values["version"] = strconv.Itoa(p.Version)
	return f
}

func readProposal(f *Form, p *thidua.Proposal) {
	p.Kind, p.Title = f.Values["kind"], f.Values["title"]
	p.Year = int(f.int("year", "Năm thành tích phải là số, ví dụ 2025."))
	p.UnitID = f.int("unit_id", "Đơn vị đề nghị không hợp lệ.")
	p.CampaignID = f.int("campaign_id", "Đợt thi đua không hợp lệ.")
	p.Ref = thidua.DocRef{}
	if ref := strings.TrimSpace(f.Values["ref"]); ref != "" {
		d, err := thidua.ParseDocRef(ref)
		if err != nil {
			f.Errors["ref"] = thidua.ErrorMessage(err)
		}
		p.Ref = d
	}
	p.Version = int(f.int("version", "Phiên bản không hợp lệ."))
}

// registrableUnits lists the units where the user may propose.
func (s *Server) registrableUnits(r *http.Request) ([]*thidua.Unit, error) {
	units, _, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	var out []*thidua.Unit
	for _, u := range units {
		if me.Covers(thidua.PermRegister, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

func (s *Server) proposalFormPage(r *http.Request, p *thidua.Proposal, f *Form, isNew bool) (*proposalFormPage, error) {
	units, err := s.registrableUnits(r)
	if err != nil {
		return nil, err
	}
	cs, _, err := s.store.FindCampaigns(r.Context(), thidua.CampaignFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	title := "Lập tờ trình đề nghị khen thưởng"
	if !isNew {
		title = "Sửa tờ trình: " + p.Title
	}
	return &proposalFormPage{Page: Page{Title: title, Nav: "proposals"}, Proposal: p, Form: f, Units: units, Campaigns: cs, New: isNew}, nil
}

func (s *Server) handleProposalNew(w http.ResponseWriter, r *http.Request) {
	p := &thidua.Proposal{Kind: thidua.AwardCongTrang, Year: thidua.DateOf(s.now()).Year()}
	q := r.URL.Query()
	if id, err := strconv.ParseInt(q.Get("campaign"), 10, 64); err == nil && id > 0 {
		if c, err := s.store.FindCampaignByID(r.Context(), id); err == nil {
			p.CampaignID, p.Kind, p.Year = c.ID, thidua.AwardPhongTrao, c.EndDate.Year()
			p.Title = "Tờ trình đề nghị khen thưởng " + c.Title
		}
	}
	if units, err := s.registrableUnits(r); err == nil && len(units) > 0 {
		me := thidua.UserFromContext(r.Context())
		// Default to the user's own unit: the deepest one granted.
		p.UnitID = units[0].ID
		for _, u := range units {
			for _, g := range me.Grants {
				if g.UnitID == u.ID {
					p.UnitID = u.ID
				}
			}
		}
	}
	pg, err := s.proposalFormPage(r, p, proposalForm(p), true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "proposal_form.html", pg)
}

func (s *Server) handleProposalCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &thidua.Proposal{}
	readProposal(f, p)
	p.Normalize()
	err = f.mergeErr(p.Validate())
	if err == nil {
		err = s.store.CreateProposal(r.Context(), p)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "proposal_form.html", func() (pager, error) {
			return s.proposalFormPage(r, p, f, true)
		})
		return
	}
	s.flash(w, r, "Đã lập tờ trình (dự thảo). Hãy thêm tập thể, cá nhân được đề nghị.")
	http.Redirect(w, r, "/app/proposals/"+idStr(p.ID)+"/nominees", http.StatusSeeOther)
}

func (s *Server) handleProposalUpdate(w http.ResponseWriter, r *http.Request) {
	cur, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &thidua.Proposal{ID: cur.ID}
	readProposal(f, p)
	err = f.fieldsErr()
	if err == nil {
		err = s.store.UpdateProposal(r.Context(), p)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "proposal_form.html", func() (pager, error) {
			return s.proposalFormPage(r, cur, f, false)
		})
		return
	}
	s.flash(w, r, "Đã lưu tờ trình.")
	http.Redirect(w, r, "/app/proposals/"+idStr(p.ID), http.StatusSeeOther)
}

// ---- the proposal page

type proposalPage struct {
	Page
	Proposal  *thidua.Proposal
	Campaign  *thidua.Campaign
	Warnings  []string
	Deadlines []deadline
	Timeline  []thidua.ProposalEvent
	// Checks is the engine's answer as of today (before submission, or
	// after a refused one); Stored the verdicts stored at submission.
	Checks    []nomineeCheck
	Stored    map[int64]nomineeCheck
	Actions   []thidua.ProposalTransition
	CanEdit   bool
	CanManage bool
	Error     string
	Form      *Form
	// Files is the dossier (hồ sơ); FileForm carries upload errors.
	Files    []*thidua.ProposalFile
	FileForm *Form
}

// ConfirmOpen reports whether the appraiser still has to judge a nominee.
func (p *proposalPage) ConfirmOpen(n *thidua.Nominee) bool {
	return p.Proposal.State == thidua.ProposalReceived && p.CanManage && n.Verdict != thidua.VerdictEligible
}

func (s *Server) proposalPage(r *http.Request, p *thidua.Proposal) (*proposalPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	pg := &proposalPage{Page: Page{Title: p.Title, Nav: "proposals"}, Proposal: p, Stored: map[int64]nomineeCheck{}, Form: newForm(),
		CanEdit: p.Editable() && me.Covers(thidua.PermRegister, p.UnitPath), CanManage: me.Covers(thidua.PermManageCampaigns, p.UnitPath),
		FileForm: newForm()}
	files, ferr := s.store.FindProposalFiles(ctx, p.ID)
	if ferr != nil {
		return nil, ferr
	}
	pg.Files = files
	if p.CampaignID != 0 {
		c, err := s.store.FindCampaignByID(ctx, p.CampaignID)
		if err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		pg.Campaign = c
	}
	pg.Warnings = thidua.QuotaWarnings(pg.Campaign, p.Nominees)
	pg.Deadlines = proposalDeadlines(p, thidua.DateOf(s.now()))
	pg.Warnings = append(pg.Warnings, deadlineWarnings(pg.Deadlines)...)
	pg.Warnings = append(pg.Warnings, duplicateWarnings(p.Nominees)...)
	var err error
	if pg.Timeline, err = s.store.ProposalTimeline(ctx, p.ID); err != nil {
		return nil, err
	}
	for _, n := range p.Nominees {
		if v, ok := verdictOf(n); ok {
			pg.Stored[n.ID] = nomineeCheck{Nominee: n, Verdict: v, Open: openConditions(v)}
		} else if n.Verdict != "" {
			var d struct{ Summary string }
			json.Unmarshal(n.VerdictJSON, &d)
			pg.Stored[n.ID] = nomineeCheck{Nominee: n, Err: d.Summary}
		}
	}
	if pg.CanManage {
		for _, t := range thidua.ProposalTransitions {
			if !t.ByUnit && slices.Contains(t.From, p.State) {
				pg.Actions = append(pg.Actions, t)
			}
		}
	}
	return pg, nil
}

// duplicateWarnings flags the same person or unit proposed twice in one
// proposal, for different forms (R-GEN-02: one achievement, one award).
func duplicateWarnings(ns []*thidua.Nominee) []string {
	seen := map[string]string{}
	var out []string
	for _, n := range ns {
		key := n.Subject + "/" + strconv.FormatInt(n.SubjectID, 10)
		if prev, ok := seen[key]; ok {
			out = append(out, fmt.Sprintf("%s được đề nghị hai hình thức (%s và %s) cho cùng thành tích: mỗi thành tích chỉ được khen một lần (R-GEN-02).",
				n.Name, prev, thidua.AwardName(n.Award)))
			continue
		}
		seen[key] = thidua.AwardName(n.Award)
	}
	return out
}

func (s *Server) handleProposal(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	pg, err := s.proposalPage(r, p)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if pg.CanEdit && r.URL.Query().Get("check") != "" && len(p.Nominees) > 0 {
		if _, pg.Checks, err = s.checkProposal(r, p); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "proposal.html", pg)
}

// proposalActionError re-renders the proposal page with the error of an
// action (validation, state or stale version), or shows the error page.
func (s *Server) proposalActionError(w http.ResponseWriter, r *http.Request, id int64, err error, checks []nomineeCheck) {
	code := thidua.ErrorCode(err)
	if code != thidua.EINVALID && code != thidua.ECONFLICT {
		s.Error(w, r, err)
		return
	}
	p, ferr := s.store.FindProposalByID(r.Context(), id)
	if ferr != nil {
		s.Error(w, r, ferr)
		return
	}
	pg, perr := s.proposalPage(r, p)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	pg.Checks = checks
	pg.Error = thidua.ErrorMessage(err)
	for k, m := range thidua.ErrorFields(err) {
		pg.Form.Errors[k] = m
		if !strings.Contains(pg.Error, m) {
			pg.Error += " " + m
		}
	}
	s.render(w, r, formStatus(err), "proposal.html", pg)
}

func (s *Server) handleProposalSubmit(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, ok := r.PostForm["version"]; !ok {
		s.proposalActionError(w, r, p.ID, fieldErr("version", "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."), nil)
		return
	}
	version := int(f.int("version", "Phiên bản không hợp lệ."))
	if version != p.Version {
		s.proposalActionError(w, r, p.ID, thidua.ErrStale(), nil)
		return
	}
	if _, err := thidua.ProposalNext(p.State, "submit"); err != nil {
		s.proposalActionError(w, r, p.ID, err, nil)
		return
	}
	checks, shown, err := s.checkProposal(r, p)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.SubmitProposal(r.Context(), p.ID, version, checks); err != nil {
		s.proposalActionError(w, r, p.ID, err, shown)
		return
	}
	s.flash(w, r, "Đã gửi tờ trình. Kết quả xét điều kiện của từng tập thể, cá nhân được lưu kèm hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+idStr(p.ID), http.StatusSeeOther)
}

func (s *Server) handleProposalTransition(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version := int(f.int("version", "Phiên bản không hợp lệ."))
	action := f.Values["action"]
	if err := s.store.TransitionProposal(r.Context(), id, action, f.Values["note"], version); err != nil {
		s.proposalActionError(w, r, id, err, nil)
		return
	}
	p, err := s.store.FindProposalByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.flash(w, r, "Tờ trình chuyển sang trạng thái “"+thidua.Label(thidua.ProposalStates, p.State)+"”.")
	http.Redirect(w, r, "/app/proposals/"+idStr(id), http.StatusSeeOther)
}

func (s *Server) handleNomineeConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	pid := f.int("proposal_id", "Tờ trình không hợp lệ.")
	confirmed := f.Values["confirmed"] == "true"
	if err := s.store.ConfirmNominee(r.Context(), id, confirmed, f.Values["appraisal"]); err != nil {
		if pid == 0 || (thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ECONFLICT) {
			s.Error(w, r, err)
			return
		}
		s.proposalActionError(w, r, pid, err, nil)
		return
	}
	if confirmed {
		s.flash(w, r, "Đã ghi kết luận thẩm định: đạt.")
	} else {
		s.flash(w, r, "Đã ghi kết luận thẩm định: không đạt (không đưa ra Hội đồng).")
	}
	http.Redirect(w, r, "/app/proposals/"+idStr(pid)+"#nominee-"+idStr(id), http.StatusSeeOther)
}

// ---- nominee editor

type nomineeRow struct {
	Key            string // PERSON:12 or UNIT:5
	Award          string
	Report         thidua.AchievementReport
	Override       string
	RegistrationID int64
	Name           string
}

type nomineesPage struct {
	Page
	Proposal *thidua.Proposal
	Campaign *thidua.Campaign
	Rows     []nomineeRow
	People   []*thidua.Person
	Units    []*thidua.Unit
	Form     *Form
	Warnings []string
}

func (s *Server) nomineesPage(r *http.Request, p *thidua.Proposal, rows []nomineeRow, f *Form) (*nomineesPage, error) {
	ctx := r.Context()
	pg := &nomineesPage{Page: Page{Title: "Tập thể, cá nhân đề nghị: " + p.Title, Nav: "proposals"}, Proposal: p, Rows: rows, Form: f}
	var err error
	if pg.Units, _, err = s.store.FindUnits(ctx, thidua.UnitFilter{Subtree: p.UnitID}); err != nil {
		return nil, err
	}
	if pg.People, _, err = s.store.FindPeople(ctx, thidua.PersonFilter{UnitID: p.UnitID, Subtree: true, Status: thidua.PersonActive, Limit: 2000}); err != nil {
		return nil, err
	}
	if p.CampaignID != 0 {
		if pg.Campaign, err = s.store.FindCampaignByID(ctx, p.CampaignID); err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
	}
	pg.Warnings = thidua.QuotaWarnings(pg.Campaign, p.Nominees)
	for i := 0; i < 3; i++ {
		pg.Rows = append(pg.Rows, nomineeRow{})
	}
	return pg, nil
}

func rowsOfNominees(ns []*thidua.Nominee) []nomineeRow {
	var rows []nomineeRow
	for _, n := range ns {
		rows = append(rows, nomineeRow{Key: n.Subject + ":" + strconv.FormatInt(n.SubjectID, 10), Award: n.Award, Report: n.Report,
			Override: n.Override, RegistrationID: n.RegistrationID, Name: n.Name})
	}
	return rows
}

func (s *Server) handleNominees(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	f := newForm()
	f.Values["version"] = strconv.Itoa(p.Version)
	pg, err := s.nomineesPage(r, p, rowsOfNominees(p.Nominees), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "proposal_nominees.html", pg)
}

// parseSubjectKey reads "PERSON:12" or "UNIT:5".
func parseSubjectKey(key string) (string, int64, bool) {
	kind, id, ok := strings.Cut(key, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 || (kind != thidua.SubjectPerson && kind != thidua.SubjectUnit) {
		return "", 0, false
	}
	return kind, n, true
}

func (s *Server) handleNomineesSave(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	var rows []nomineeRow
	var ns []*thidua.Nominee
	for i := range pf["subject"] {
		row := nomineeRow{Key: at(pf["subject"], i), Award: at(pf["award"], i), Override: at(pf["override"], i),
			Report: thidua.AchievementReport{Summary: at(pf["summary"], i), Achievements: at(pf["achievements"], i),
				Initiatives: at(pf["initiatives"], i), Awards: at(pf["awards"], i)}}
		row.RegistrationID, _ = strconv.ParseInt(at(pf["registration_id"], i), 10, 64)
		if strings.TrimSpace(row.Key) == "" {
			continue // an empty or removed row
		}
		rows = append(rows, row)
		kind, id, ok := parseSubjectKey(row.Key)
		if !ok {
			f.Errors["nominees"] = "Tập thể, cá nhân được chọn không hợp lệ."
			continue
		}
		for _, x := range []*string{&row.Report.Summary, &row.Report.Achievements, &row.Report.Initiatives, &row.Report.Awards} {
			*x = strings.TrimSpace(thidua.NormalizeText(strings.ReplaceAll(*x, "\r\n", "\n")))
		}
		ns = append(ns, &thidua.Nominee{Subject: kind, SubjectID: id, Award: row.Award, Report: row.Report,
			Override: row.Override, RegistrationID: row.RegistrationID})
	}
	if _, ok := pf["version"]; !ok {
		f.Errors["version"] = "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."
	}
	version := int(f.int("version", "Phiên bản không hợp lệ."))
	err = f.fieldsErr()
	if err == nil {
		err = s.store.SetNominees(r.Context(), p.ID, version, ns)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "proposal_nominees.html", func() (pager, error) {
			return s.nomineesPage(r, p, rows, f)
		})
		return
	}
	s.flash(w, r, "Đã lưu "+strconv.Itoa(len(ns))+" tập thể, cá nhân được đề nghị.")
	http.Redirect(w, r, "/app/proposals/"+idStr(p.ID), http.StatusSeeOther)
}

// ShortlistInput pulls nominees from the campaign's ranking: the approved
// registrations of the proposing unit's subtree, ranked among themselves,
// that reach top or min_percent, each proposed for award.
type ShortlistInput struct {
	Award      string  `json:"award"`
	Top        int     `json:"top"`
	MinPercent float64 `json:"min_percent"`
	Version    int     `json:"version"`
}

// pullShortlist adds the shortlist of the proposal's campaign to its
// nominees (skipping those already proposed for the award) and returns how
// many it added.
func (s *Server) pullShortlist(r *http.Request, p *thidua.Proposal, in ShortlistInput) (int, error) {
	ctx := r.Context()
	var v thidua.Validation
	if p.CampaignID == 0 {
		return 0, thidua.Errorf(thidua.EINVALID, "Tờ trình không gắn với đợt thi đua nào: chọn đợt thi đua trước khi lấy danh sách rút gọn.")
	}
	c, err := s.store.FindCampaignByID(ctx, p.CampaignID)
	if err != nil {
		return 0, err
	}
	planned := slices.ContainsFunc(c.Awards, func(a thidua.PlannedAward) bool { return a.Code == in.Award })
	if !planned || thidua.AwardName(in.Award) == in.Award {
		v.Add("award", "Vui lòng chọn một hình thức khen thưởng dự kiến của đợt thi đua.")
	}
	if in.Top < 0 {
		v.Add("top", "Số vị trí đứng đầu không được âm.")
	}
	if in.MinPercent < 0 || in.MinPercent > 100 {
		v.Add("min_percent", "Tỷ lệ điểm phải từ 0 đến 100.")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	crit, err := s.store.FindCriteria(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	regs, err := s.store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	scores, err := s.store.FindScores(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	var mine []*thidua.Registration
	for _, reg := range regs {
		if reg.State == thidua.RegApproved && strings.HasPrefix(reg.UnitPath, p.UnitPath) {
			mine = append(mine, reg)
		}
	}
	// Ranked among the unit's own registrations: the unit proposes its best.
	results := thidua.ComputeResults(c, crit, mine, scores)
	ns := slices.Clone(p.Nominees)
	have := map[string]bool{}
	for _, n := range ns {
		have[n.Subject+"/"+strconv.FormatInt(n.SubjectID, 10)+"/"+n.Award] = true
	}
	added := 0
	for _, kind := range []string{thidua.ForCollectives, thidua.ForIndividuals} {
		collective := kind == thidua.ForCollectives
		if validCode(thidua.Titles, in.Award) && thidua.CollectiveTitle(in.Award) != collective {
			continue // an individual title is not proposed for collectives, nor the reverse
		}
		for _, res := range thidua.Shortlist(results, kind, in.Top, in.MinPercent) {
			reg := res.Registration
			n := &thidua.Nominee{Subject: thidua.SubjectUnit, SubjectID: reg.UnitID, Award: in.Award, RegistrationID: reg.ID}
			if !collective {
				n.Subject, n.SubjectID = thidua.SubjectPerson, reg.PersonID
			}
			key := n.Subject + "/" + strconv.FormatInt(n.SubjectID, 10) + "/" + n.Award
			if have[key] {
				continue
			}
			have[key] = true
			n.Report.Achievements = fmt.Sprintf("Đạt %s/%s điểm (%s%%), xếp thứ %d trong đơn vị tại %s.",
				formatNumber(res.Total), formatNumber(res.Max), formatNumber(res.Percent), res.Rank, c.Title)
			if len([]rune(n.Report.Achievements)) > 50000 {
				n.Report.Achievements = ""
			}
			ns = append(ns, n)
			added++
		}
	}
	if added == 0 {
		return 0, thidua.Errorf(thidua.EINVALID, "Không có tập thể, cá nhân nào của đơn vị trong danh sách rút gọn (hoặc đều đã được đề nghị).")
	}
	if err := s.store.SetNominees(ctx, p.ID, in.Version, ns); err != nil {
		return 0, err
	}
	return added, nil
}

func (s *Server) handleShortlistPull(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindProposalByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in := ShortlistInput{Award: f.Values["award"], Top: int(f.int("top", "Số vị trí phải là số nguyên.")),
		Version: int(f.int("version", "Phiên bản không hợp lệ."))}
	in.MinPercent = parseDecimal(f, "min_percent", f.Values["min_percent"])
	err = f.fieldsErr()
	added := 0
	if err == nil {
		added, err = s.pullShortlist(r, p, in)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "proposal_nominees.html", func() (pager, error) {
			pg, err := s.nomineesPage(r, p, rowsOfNominees(p.Nominees), f)
			if err != nil {
				return nil, err
			}
			pg.Form.Values["version"] = strconv.Itoa(p.Version)
			return pg, nil
		})
		return
	}
	s.flash(w, r, "Đã thêm "+strconv.Itoa(added)+" tập thể, cá nhân từ danh sách rút gọn của đợt thi đua.")
	http.Redirect(w, r, "/app/proposals/"+idStr(p.ID)+"/nominees", http.StatusSeeOther)
}

// commendationFuncs are the template functions of the commendation pages.
func commendationFuncs() map[string]any {
	return map[string]any{
		"proposalStates":    func() []thidua.Option { return thidua.ProposalStates },
		"proposalKinds":     func() []thidua.Option { return thidua.ProposalKinds },
		"titles":            func() []thidua.Option { return thidua.Titles },
		"forms":             func() []thidua.Option { return thidua.Forms },
		"awardName":         thidua.AwardName,
		"councilRoles":      func() []thidua.Option { return thidua.CouncilRoles },
		"decisionStates":    func() []thidua.Option { return thidua.DecisionStates },
		"signerAuthorities": func() []thidua.Option { return thidua.SignerAuthorities },
		"awardTypes":        func() []thidua.Option { return thidua.AwardTypes },
		"timelineAction":    func(a string) string { return thidua.Label(timelineActions, a) },
		"lines":             func(xs []string) string { return strings.Join(xs, "\n") },
		"longDateLine":      docDateLine,
	}
}

// timelineActions label the steps of a proposal's timeline.
var timelineActions = []thidua.Option{
	{Code: "create", Label: "Lập tờ trình"},
	{Code: "submit", Label: "Gửi tờ trình"},
	{Code: "receive", Label: "Tiếp nhận hồ sơ"},
	{Code: "appraise", Label: "Hoàn thành thẩm định"},
	{Code: "to_council", Label: "Trình Hội đồng"},
	{Code: "return", Label: "Trả lại đơn vị"},
	{Code: "decide", Label: "Có quyết định khen thưởng"},
}

// docDateLine writes a document date as "ngày 05 tháng 02 năm 2026": a zero
// before days under 10 and before months 1 and 2 (R-VB-05).
func docDateLine(d thidua.Date) string {
	if d.IsZero() {
		return "ngày … tháng … năm …"
	}
	month := strconv.Itoa(int(d.Time().Month()))
	if d.Time().Month() <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Time().Day(), month, d.Year())
}
