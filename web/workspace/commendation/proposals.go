package commendation

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
	"thidua/signing"
	"thidua/web/kit"
)

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
	kit.Page
	Proposals []*thidua.Proposal
	State     string
	Counts    map[string]int
	All       int
	Pager     kit.Pager
	CanCreate bool
}

// proposalsPageSize is the number of proposals on a page of /app/proposals.
const proposalsPageSize = 50

func (s *Handler) HandleProposals(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	state := r.URL.Query().Get("state")
	if !kit.ValidCode(thidua.ProposalStates, state) {
		state = ""
	}
	counts, err := s.Store.CountProposalsByState(ctx, thidua.ProposalFilter{})
	if err != nil {
		return err
	}
	page, offset := kit.PageOf(r, proposalsPageSize)
	list, total, err := s.Store.FindProposals(ctx, thidua.ProposalFilter{State: state, CountNominees: true, Offset: offset, Limit: proposalsPageSize})
	if err != nil {
		return err
	}
	p := &proposalsPage{Page: kit.Page{Title: "Tờ trình đề nghị khen thưởng", Nav: "proposals"}, Proposals: list, State: state,
		Counts: thidua.CountsByState(counts), CanCreate: thidua.UserFromContext(ctx).Can(thidua.PermRegister)}
	for _, n := range p.Counts {
		p.All += n
	}
	base := "/app/proposals"
	if state != "" {
		base += "?state=" + kit.QueryEscape(state)
	}
	p.Pager = kit.NewPager(page, proposalsPageSize, total, base)
	s.Render(w, r, http.StatusOK, "proposals.html", p)
	return nil
}

// ---- create and edit

type proposalFormPage struct {
	kit.Page
	Proposal  *thidua.Proposal
	Form      *kit.Form
	Units     []*thidua.Unit
	Campaigns []*thidua.Campaign
	New       bool
}

func proposalForm(p *thidua.Proposal) *kit.Form {
	f := kit.NewForm()
	f.Values["kind"] = p.Kind
	f.Values["year"] = strconv.Itoa(p.Year)
	f.Values["unit_id"] = kit.IdStr(p.UnitID)
	f.Values["campaign_id"] = kit.IdStr(p.CampaignID)
	f.Values["title"] = p.Title
	f.Values["ref"] = p.Ref.String()
	f.Values["version"] = strconv.Itoa(p.Version)
	return f
}

// readProposal reads the form into the proposal input the API takes too.
func readProposal(f *kit.Form) thidua.ProposalInput {
	return thidua.ProposalInput{Kind: f.Values["kind"], Title: f.Values["title"],
		Year:       int(f.Int("year", "Năm thành tích phải là số, ví dụ 2025.")),
		UnitID:     f.Int("unit_id", "Đơn vị đề nghị không hợp lệ."),
		CampaignID: f.Int("campaign_id", "Đợt thi đua không hợp lệ."),
		RefText:    strings.TrimSpace(f.Values["ref"]),
		Version:    int(f.Int("version", "Phiên bản không hợp lệ."))}
}

// registrableUnits lists the units where the user may propose.
func (s *Handler) registrableUnits(r *http.Request) ([]*thidua.Unit, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
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

func (s *Handler) proposalFormPage(r *http.Request, p *thidua.Proposal, f *kit.Form, isNew bool) (*proposalFormPage, error) {
	units, err := s.registrableUnits(r)
	if err != nil {
		return nil, err
	}
	cs, _, err := s.Store.FindCampaigns(r.Context(), thidua.CampaignFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	title := "Lập tờ trình đề nghị khen thưởng"
	if !isNew {
		title = "Sửa tờ trình: " + p.Title
	}
	return &proposalFormPage{Page: kit.Page{Title: title, Nav: "proposals"}, Proposal: p, Form: f, Units: units, Campaigns: cs, New: isNew}, nil
}

func (s *Handler) HandleProposalNew(w http.ResponseWriter, r *http.Request) error {
	p := &thidua.Proposal{Kind: thidua.AwardCongTrang, Year: thidua.DateOf(s.Now()).Year()}
	q := r.URL.Query()
	if id, err := strconv.ParseInt(q.Get("campaign"), 10, 64); err == nil && id > 0 {
		if c, err := s.Store.FindCampaignByID(r.Context(), id); err == nil {
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
		return err
	}
	s.Render(w, r, http.StatusOK, "proposal_form.html", pg)
	return nil
}

func (s *Handler) HandleProposalCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readProposal(f)
	p, err := in.Proposal(0)
	err = f.MergeErr(err)
	if err == nil {
		err = s.Store.CreateProposal(r.Context(), p)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "proposal_form.html", func() (kit.View, error) {
			return s.proposalFormPage(r, p, f, true)
		})
		return nil
	}
	s.Flash(w, r, "Đã lập tờ trình (dự thảo). Hãy thêm tập thể, cá nhân được đề nghị.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(p.ID)+"/nominees", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleProposalUpdate(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readProposal(f)
	p, err := in.Proposal(cur.ID)
	err = f.MergeErr(err)
	if err == nil {
		err = s.Store.UpdateProposal(r.Context(), p)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "proposal_form.html", func() (kit.View, error) {
			return s.proposalFormPage(r, cur, f, false)
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu tờ trình.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(p.ID), http.StatusSeeOther)
	return nil
}

// ---- the proposal page

type proposalPage struct {
	kit.Page
	Proposal  *thidua.Proposal
	Campaign  *thidua.Campaign
	Warnings  []string
	Deadlines []deadline
	Timeline  []thidua.ProposalEvent
	// Checks is the engine's answer as of today (before submission, or
	// after a refused one); Stored the verdicts stored at submission.
	Checks    []rules.NomineeResult
	Stored    map[int64]rules.NomineeResult
	Actions   []thidua.ProposalTransition
	CanEdit   bool
	CanManage bool
	Error     string
	Form      *kit.Form
	// Files is the dossier (hồ sơ); FileForm carries upload errors.
	Files    []*thidua.ProposalFile
	FileForm *kit.Form
	// Signatures are the signature checks of the dossier's files by key.
	Signatures map[string]signing.Verdict
}

// SignedFiles lists the dossier's checked PDFs with their verdicts, for
// the appraisal: whose tờ trình is signed, by whom, and which carry no
// signature at all.
func (p *proposalPage) SignedFiles() []signedFile {
	var out []signedFile
	for _, f := range p.Files {
		if v, ok := p.Signatures[f.Key]; ok {
			out = append(out, signedFile{File: f, Verdict: v})
		}
	}
	return out
}

// AppraisalOpen reports whether the page is the appraiser's: a received
// proposal seen by whoever manages its unit.
func (p *proposalPage) AppraisalOpen() bool {
	return p.Proposal.State == thidua.ProposalReceived && p.CanManage
}

type signedFile struct {
	File    *thidua.ProposalFile
	Verdict signing.Verdict
}

// ConfirmOpen reports whether the appraiser still has to judge a nominee.
func (p *proposalPage) ConfirmOpen(n *thidua.Nominee) bool {
	return p.AppraisalOpen() && n.Verdict != thidua.VerdictEligible
}

func (s *Handler) proposalPage(r *http.Request, p *thidua.Proposal) (*proposalPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	pg := &proposalPage{Page: kit.Page{Title: p.Title, Nav: "proposals"}, Proposal: p, Stored: map[int64]rules.NomineeResult{}, Form: kit.NewForm(),
		CanEdit: p.Editable() && me.Covers(thidua.PermRegister, p.UnitPath), CanManage: me.Covers(thidua.PermManageCampaigns, p.UnitPath),
		FileForm: kit.NewForm()}
	files, ferr := s.Store.FindProposalFiles(ctx, p.ID)
	if ferr != nil {
		return nil, ferr
	}
	pg.Files = files
	var keys []string
	for _, f := range files {
		keys = append(keys, f.Key)
	}
	pg.Signatures = s.FileSignatures(ctx, keys)
	if p.CampaignID != 0 {
		c, err := s.Store.FindCampaignByID(ctx, p.CampaignID)
		if err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		pg.Campaign = c
	}
	pg.Warnings = thidua.QuotaWarnings(pg.Campaign, p.Nominees)
	pg.Deadlines = proposalDeadlines(p, thidua.DateOf(s.Now()))
	pg.Warnings = append(pg.Warnings, deadlineWarnings(pg.Deadlines)...)
	pg.Warnings = append(pg.Warnings, duplicateWarnings(p.Nominees)...)
	var err error
	if pg.Timeline, err = s.Store.ProposalTimeline(ctx, p.ID); err != nil {
		return nil, err
	}
	for _, n := range p.Nominees {
		if v, ok := rules.StoredVerdict(n); ok {
			pg.Stored[n.ID] = rules.NomineeResult{Nominee: n, Verdict: v, Open: rules.OpenConditions(v)}
		} else if n.Verdict != "" {
			var d struct{ Summary string }
			json.Unmarshal(n.VerdictJSON, &d)
			pg.Stored[n.ID] = rules.NomineeResult{Nominee: n, Err: d.Summary}
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

func (s *Handler) HandleProposal(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	pg, err := s.proposalPage(r, p)
	if err != nil {
		return err
	}
	if pg.CanEdit && r.URL.Query().Get("check") != "" && len(p.Nominees) > 0 {
		if _, pg.Checks, err = s.Eligibility.CheckNominees(r.Context(), s.Store, p, thidua.DateOf(s.Now())); err != nil {
			return err
		}
	}
	s.Render(w, r, http.StatusOK, "proposal.html", pg)
	return nil
}

// proposalActionError re-renders the proposal page with the error of an
// action (validation, state or stale version), or shows the error page.
func (s *Handler) proposalActionError(w http.ResponseWriter, r *http.Request, id int64, err error, checks []rules.NomineeResult) {
	code := thidua.ErrorCode(err)
	if code != thidua.EINVALID && code != thidua.ECONFLICT {
		s.Error(w, r, err)
		return
	}
	p, ferr := s.Store.FindProposalByID(r.Context(), id)
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
	s.Render(w, r, kit.FormStatus(err), "proposal.html", pg)
}

func (s *Handler) HandleProposalSubmit(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	if _, ok := r.PostForm["version"]; !ok {
		s.proposalActionError(w, r, p.ID, kit.FieldErr("version", "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."), nil)
		return nil
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	if version != p.Version {
		s.proposalActionError(w, r, p.ID, thidua.ErrStale(), nil)
		return nil
	}
	if _, err := thidua.ProposalNext(p.State, "submit"); err != nil {
		s.proposalActionError(w, r, p.ID, err, nil)
		return nil
	}
	if err := s.Store.SubmitProposal(r.Context(), p.ID, version); err != nil {
		// Show why: the engine's answers as they stand now.
		_, shown, cerr := s.Eligibility.CheckNominees(r.Context(), s.Store, p, thidua.DateOf(s.Now()))
		if cerr != nil {
			return cerr
		}
		s.proposalActionError(w, r, p.ID, err, shown)
		return nil
	}
	s.Flash(w, r, "Đã gửi tờ trình. Kết quả xét điều kiện của từng tập thể, cá nhân được lưu kèm hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(p.ID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleProposalTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	action := f.Values["action"]
	if err := s.Store.TransitionProposal(r.Context(), id, action, f.Values["note"], version); err != nil {
		s.proposalActionError(w, r, id, err, nil)
		return nil
	}
	p, err := s.Store.FindProposalByID(r.Context(), id)
	if err != nil {
		return err
	}
	s.Flash(w, r, "Tờ trình chuyển sang trạng thái “"+thidua.Label(thidua.ProposalStates, p.State)+"”.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleNomineeConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	pid := f.Int("proposal_id", "Tờ trình không hợp lệ.")
	confirmed := f.Values["confirmed"] == "true"
	if err := s.Store.ConfirmNominee(r.Context(), id, confirmed, f.Values["appraisal"]); err != nil {
		if pid == 0 || (thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ECONFLICT) {
			return err
		}
		s.proposalActionError(w, r, pid, err, nil)
		return nil
	}
	if confirmed {
		s.Flash(w, r, "Đã ghi kết luận thẩm định: đạt.")
	} else {
		s.Flash(w, r, "Đã ghi kết luận thẩm định: không đạt (không đưa ra Hội đồng).")
	}
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(pid)+"#nominee-"+kit.IdStr(id), http.StatusSeeOther)
	return nil
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
	kit.Page
	Proposal *thidua.Proposal
	Campaign *thidua.Campaign
	Rows     []nomineeRow
	People   []*thidua.Person
	Units    []*thidua.Unit
	Form     *kit.Form
	Warnings []string
}

func (s *Handler) nomineesPage(r *http.Request, p *thidua.Proposal, rows []nomineeRow, f *kit.Form) (*nomineesPage, error) {
	ctx := r.Context()
	pg := &nomineesPage{Page: kit.Page{Title: "Tập thể, cá nhân đề nghị: " + p.Title, Nav: "proposals"}, Proposal: p, Rows: rows, Form: f}
	var err error
	// The units and people are the editor's pickers: a proposal that can
	// no longer be edited shows its list without them.
	if p.Editable() {
		if pg.Units, _, err = s.Store.FindUnits(ctx, thidua.UnitFilter{Subtree: p.UnitID}); err != nil {
			return nil, err
		}
		if pg.People, _, err = s.Store.FindPeople(ctx, thidua.PersonFilter{UnitID: p.UnitID, Subtree: true, Status: thidua.PersonActive, Limit: 2000}); err != nil {
			return nil, err
		}
	}
	if p.CampaignID != 0 {
		if pg.Campaign, err = s.Store.FindCampaignByID(ctx, p.CampaignID); err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
	}
	pg.Warnings = thidua.QuotaWarnings(pg.Campaign, p.Nominees)
	for i := 0; p.Editable() && i < 3; i++ {
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

func (s *Handler) HandleNominees(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	f := kit.NewForm()
	f.Values["version"] = strconv.Itoa(p.Version)
	pg, err := s.nomineesPage(r, p, rowsOfNominees(p.Nominees), f)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "proposal_nominees.html", pg)
	return nil
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

func (s *Handler) HandleNomineesSave(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	pf := r.PostForm
	var rows []nomineeRow
	var ns []*thidua.Nominee
	for i := range pf["subject"] {
		row := nomineeRow{Key: kit.At(pf["subject"], i), Award: kit.At(pf["award"], i), Override: kit.At(pf["override"], i),
			Report: thidua.AchievementReport{Summary: kit.At(pf["summary"], i), Achievements: kit.At(pf["achievements"], i),
				Initiatives: kit.At(pf["initiatives"], i), Awards: kit.At(pf["awards"], i)}}
		row.RegistrationID, _ = strconv.ParseInt(kit.At(pf["registration_id"], i), 10, 64)
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
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.SetNominees(r.Context(), p.ID, version, ns)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "proposal_nominees.html", func() (kit.View, error) {
			return s.nomineesPage(r, p, rows, f)
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu "+strconv.Itoa(len(ns))+" tập thể, cá nhân được đề nghị.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(p.ID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleShortlistPull(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := kit.ShortlistInput{Award: f.Values["award"], Top: int(f.Int("top", "Số vị trí phải là số nguyên.")),
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
	in.MinPercent = kit.ParseDecimal(f, "min_percent", f.Values["min_percent"])
	err = f.FieldsErr()
	added := 0
	if err == nil {
		added, err = s.PullShortlist(r, p, in)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "proposal_nominees.html", func() (kit.View, error) {
			pg, err := s.nomineesPage(r, p, rowsOfNominees(p.Nominees), f)
			if err != nil {
				return nil, err
			}
			pg.Form.Values["version"] = strconv.Itoa(p.Version)
			return pg, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã thêm "+strconv.Itoa(added)+" tập thể, cá nhân từ danh sách rút gọn của đợt thi đua.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(p.ID)+"/nominees", http.StatusSeeOther)
	return nil
}
