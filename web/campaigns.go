package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"thidua"
)

type campaignsPage struct {
	Page
	Campaigns []*thidua.Campaign
	Query     string
	State     string
	Total     int
}

func (s *Server) handleCampaigns(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cs, total, err := s.store.FindCampaigns(r.Context(), thidua.CampaignFilter{Query: q.Get("q"), State: q.Get("state")})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "campaigns.html", &campaignsPage{Page: Page{Title: "Phong trào, đợt thi đua", Nav: "campaigns"},
		Campaigns: cs, Query: q.Get("q"), State: q.Get("state"), Total: total})
}

// campaignFormPage is the create/edit form of a campaign.
type campaignFormPage struct {
	Page
	Campaign *thidua.Campaign
	Form     *Form
	Units    []*thidua.Unit
	Awards   []thidua.PlannedAward
	New      bool
}

func campaignForm(c *thidua.Campaign) *Form {
	f := newForm()
	f.Values["title"] = c.Title
	f.Values["form"] = c.Form
	f.Values["kind"] = c.Kind
	f.Values["unit_id"] = idStr(c.UnitID)
	f.Values["scope_unit_id"] = idStr(c.ScopeUnitID)
	f.Values["plan"] = c.Plan.String()
	f.Values["plan_date"] = c.PlanDate.String()
	f.Values["signer"] = c.Signer
	f.Values["signer_post"] = c.SignerPost
	f.Values["start_date"] = c.StartDate.String()
	f.Values["end_date"] = c.EndDate.String()
	f.Values["objectives"] = c.Objectives
	f.Values["participants"] = c.Participants
	f.Values["aggregation"] = c.Aggregation
	if c.ExcludeConflicts {
		f.Values["exclude_conflicts"] = "on"
	}
	f.Values["version"] = strconv.Itoa(c.Version)
	return f
}

func idStr(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// readCampaign fills c from the form; award rows come as parallel lists.
func readCampaign(r *http.Request, f *Form, c *thidua.Campaign) {
	c.Title, c.Form, c.Kind = f.Values["title"], f.Values["form"], f.Values["kind"]
	c.UnitID = f.int("unit_id", "Đơn vị phát động không hợp lệ.")
	c.ScopeUnitID = f.int("scope_unit_id", "Đơn vị tham gia không hợp lệ.")
	if plan := f.Values["plan"]; plan != "" {
		ref, err := thidua.ParseDocRef(plan)
		if err != nil {
			f.Errors["plan"] = thidua.ErrorMessage(err)
		}
		c.Plan = ref
	}
	c.PlanDate = f.date("plan_date")
	c.Signer, c.SignerPost = f.Values["signer"], f.Values["signer_post"]
	c.StartDate, c.EndDate = f.date("start_date"), f.date("end_date")
	c.Objectives = strings.TrimSpace(r.PostForm.Get("objectives"))
	c.Participants, c.Aggregation = f.Values["participants"], f.Values["aggregation"]
	c.ExcludeConflicts = f.bool("exclude_conflicts")
	c.Version = int(f.int("version", "Phiên bản không hợp lệ."))
	codes, labels := r.PostForm["award_code"], r.PostForm["award_label"]
	maxC, maxI := r.PostForm["award_max_collectives"], r.PostForm["award_max_individuals"]
	c.Awards = nil
	for i := range codes {
		if strings.TrimSpace(codes[i]) == "" && (i >= len(labels) || strings.TrimSpace(labels[i]) == "") {
			continue
		}
		a := thidua.PlannedAward{Code: codes[i]}
		if i < len(labels) {
			a.Label = labels[i]
		}
		a.MaxCollectives = atoiField(f, "awards", at(maxC, i))
		a.MaxIndividuals = atoiField(f, "awards", at(maxI, i))
		c.Awards = append(c.Awards, a)
	}
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

func atoiField(f *Form, field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Errors[field] = "Số lượng phải là số nguyên."
	}
	return n
}

// manageableUnits lists the units where the user may launch campaigns.
func (s *Server) manageableUnits(r *http.Request) ([]*thidua.Unit, error) {
	units, _, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	var out []*thidua.Unit
	for _, u := range units {
		if me.Covers(thidua.PermManageCampaigns, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

func (s *Server) campaignFormPage(r *http.Request, c *thidua.Campaign, f *Form, isNew bool) (*campaignFormPage, error) {
	units, err := s.manageableUnits(r)
	if err != nil {
		return nil, err
	}
	title := "Phát động đợt thi đua mới"
	if !isNew {
		title = "Sửa: " + c.Title
	}
	awards := append(append([]thidua.PlannedAward(nil), c.Awards...), thidua.PlannedAward{}, thidua.PlannedAward{})
	return &campaignFormPage{Page: Page{Title: title, Nav: "campaigns"}, Campaign: c, Form: f, Units: units, Awards: awards, New: isNew}, nil
}

func (s *Server) handleCampaignNew(w http.ResponseWriter, r *http.Request) {
	c := &thidua.Campaign{Form: thidua.FormThematic, Kind: "DOT", Participants: thidua.ForBoth, Aggregation: thidua.AggMeanReviewers, ExcludeConflicts: true}
	p, err := s.campaignFormPage(r, c, campaignForm(c), true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "campaign_form.html", p)
}

func (s *Server) handleCampaignCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c := &thidua.Campaign{}
	readCampaign(r, f, c)
	c.Normalize()
	err = f.mergeErr(c.Validate())
	if err == nil {
		err = s.store.CreateCampaign(r.Context(), c)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "campaign_form.html", func() (pager, error) {
			return s.campaignFormPage(r, c, f, true)
		})
		return
	}
	s.flash(w, r, "Đã tạo đợt thi đua (dự thảo). Hãy thêm nội dung, tiêu chí rồi phát động.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(c.ID)+"/criteria", http.StatusSeeOther)
}

func (s *Server) handleCampaignEdit(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	p, err := s.campaignFormPage(r, c, campaignForm(c), false)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "campaign_form.html", p)
}

func (s *Server) handleCampaignUpdate(w http.ResponseWriter, r *http.Request) {
	cur, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c := &thidua.Campaign{ID: cur.ID}
	readCampaign(r, f, c)
	err = f.fieldsErr()
	if err == nil {
		err = s.store.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "campaign_form.html", func() (pager, error) {
			return s.campaignFormPage(r, c, f, false)
		})
		return
	}
	s.flash(w, r, "Đã lưu đợt thi đua.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(c.ID), http.StatusSeeOther)
}

type campaignPage struct {
	Page
	Campaign    *thidua.Campaign
	Criteria    []*thidua.Criterion
	Progress    []thidua.CampaignProgress
	Totals      thidua.CampaignProgress
	Actions     []thidua.CampaignTransition
	Reviewers   []*thidua.User
	Council     []*thidua.User
	CanManage   bool
	CanRegister bool
	Error       string
	// Articles counts the published portal articles linked to the campaign
	// (its propaganda work, made visible); CanWrite offers the results article.
	Articles int
	CanWrite bool
}

func (s *Server) campaignPage(r *http.Request, c *thidua.Campaign) (*campaignPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	p := &campaignPage{Page: Page{Title: c.Title, Nav: "campaigns"}, Campaign: c,
		CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath), CanRegister: me.Can(thidua.PermRegister)}
	var err error
	if p.Criteria, err = s.store.FindCriteria(ctx, c.ID); err != nil {
		return nil, err
	}
	if p.Progress, err = s.store.Progress(ctx, c.ID); err != nil {
		return nil, err
	}
	for _, x := range p.Progress {
		p.Totals.Registered += x.Registered
		p.Totals.Approved += x.Approved
		p.Totals.WithEvidence += x.WithEvidence
		p.Totals.Scored += x.Scored
	}
	if p.Reviewers, err = s.store.FindReviewers(ctx, c.ID); err != nil {
		return nil, err
	}
	if as, ok := s.store.(thidua.ArticleService); ok {
		if p.Articles, err = as.CountPublishedArticles(ctx, c.ID); err != nil {
			return nil, err
		}
		p.CanWrite = me.Can(thidua.PermWriteArticles)
	}
	if p.CanManage {
		for _, t := range thidua.CampaignTransitions {
			if t.From == c.State {
				p.Actions = append(p.Actions, t)
			}
		}
		if p.Council, err = s.store.FindCouncilMembers(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (s *Server) handleCampaign(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	p, err := s.campaignPage(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "campaign.html", p)
}

// campaignActionError re-renders the campaign page with an error message
// for validation and state errors, or shows the error page.
func (s *Server) campaignActionError(w http.ResponseWriter, r *http.Request, id int64, err error) {
	code := thidua.ErrorCode(err)
	if code != thidua.EINVALID && code != thidua.ECONFLICT {
		s.Error(w, r, err)
		return
	}
	c, ferr := s.store.FindCampaignByID(r.Context(), id)
	if ferr != nil {
		s.Error(w, r, ferr)
		return
	}
	p, perr := s.campaignPage(r, c)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	p.Error = thidua.ErrorMessage(err)
	for _, m := range thidua.ErrorFields(err) {
		if !strings.Contains(p.Error, m) {
			p.Error += " " + m
		}
	}
	s.render(w, r, formStatus(err), "campaign.html", p)
}

func (s *Server) handleCampaignTransition(w http.ResponseWriter, r *http.Request) {
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
	c, err := s.store.TransitionCampaign(r.Context(), id, f.Values["action"], version)
	if err != nil {
		s.campaignActionError(w, r, id, err)
		return
	}
	s.flash(w, r, "Đợt thi đua chuyển sang trạng thái “"+thidua.Label(thidua.CampaignStates, c.State)+"”.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(id), http.StatusSeeOther)
}

func (s *Server) handleCampaignCopy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := s.store.CopyCampaign(r.Context(), id)
	if err != nil {
		s.campaignActionError(w, r, id, err)
		return
	}
	s.flash(w, r, "Đã sao chép thành đợt thi đua mới (dự thảo). Hãy kiểm tra tên, thời gian và số kế hoạch.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(c.ID)+"/edit", http.StatusSeeOther)
}

func (s *Server) handleCampaignDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.DeleteCampaign(r.Context(), id); err != nil {
		s.campaignActionError(w, r, id, err)
		return
	}
	s.flash(w, r, "Đã xóa đợt thi đua dự thảo.")
	http.Redirect(w, r, "/app/campaigns", http.StatusSeeOther)
}

func (s *Server) handleReviewersSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	var ids []int64
	for _, v := range r.PostForm["reviewer"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.campaignActionError(w, r, id, fieldErr("reviewers", "Thành viên được chọn không hợp lệ."))
			return
		}
		ids = append(ids, n)
	}
	if err := s.store.SetReviewers(r.Context(), id, ids); err != nil {
		s.campaignActionError(w, r, id, err)
		return
	}
	s.flash(w, r, "Đã phân công thành viên Hội đồng chấm điểm.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(id), http.StatusSeeOther)
}

// ---- criteria

type criteriaPage struct {
	Page
	Campaign *thidua.Campaign
	Rows     []*thidua.Criterion
	Form     *Form
	CanEdit  bool
	Frozen   string
}

func (s *Server) criteriaPage(r *http.Request, c *thidua.Campaign, rows []*thidua.Criterion, f *Form) (*criteriaPage, error) {
	regs, err := s.store.FindRegistrations(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	p := &criteriaPage{Page: Page{Title: "Nội dung, tiêu chí: " + c.Title, Nav: "campaigns"}, Campaign: c, Rows: rows, Form: f,
		CanEdit: me.Covers(thidua.PermManageCampaigns, c.UnitPath) && c.CanEditCriteria(len(regs))}
	if !c.CanEditCriteria(len(regs)) {
		p.Frozen = "Tiêu chí đã được khóa vì đợt thi đua đã có đăng ký hoặc đã tổng kết."
	}
	if p.CanEdit {
		for i := 0; i < 3; i++ {
			p.Rows = append(p.Rows, &thidua.Criterion{AppliesTo: thidua.ForBoth})
		}
	}
	return p, nil
}

func (s *Server) handleCriteria(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	rows, err := s.store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f := newForm()
	f.Values["version"] = strconv.Itoa(c.Version)
	p, err := s.criteriaPage(r, c, rows, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "criteria.html", p)
}

func (s *Server) handleCriteriaSave(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	var rows []*thidua.Criterion
	for i := range pf["code"] {
		cr := &thidua.Criterion{Code: at(pf["code"], i), Title: at(pf["title"], i), Description: at(pf["description"], i),
			AppliesTo: at(pf["applies_to"], i), Evidence: at(pf["evidence"], i)}
		if strings.TrimSpace(cr.Code) == "" && strings.TrimSpace(cr.Title) == "" {
			continue // an empty spare row
		}
		cr.ID, _ = strconv.ParseInt(at(pf["id"], i), 10, 64)
		cr.MaxScore = parseDecimal(f, "criteria", at(pf["max_score"], i))
		cr.Weight = parseDecimal(f, "criteria", at(pf["weight"], i))
		rows = append(rows, cr)
	}
	version := int(f.int("version", "Phiên bản không hợp lệ."))
	err = f.fieldsErr()
	if err == nil {
		err = s.store.SaveCriteria(r.Context(), c.ID, version, rows)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "criteria.html", func() (pager, error) {
			p, err := s.criteriaPage(r, c, rows, f)
			if err == nil && !p.CanEdit {
				// Frozen: the read-only table shows the stored criteria, not the refused rows.
				p.Rows, err = s.store.FindCriteria(r.Context(), c.ID)
			}
			return p, err
		})
		return
	}
	s.flash(w, r, "Đã lưu "+strconv.Itoa(len(rows))+" nội dung, tiêu chí thi đua.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(c.ID)+"/criteria", http.StatusSeeOther)
}

// parseDecimal reads a number written with a comma or a dot as decimal separator.
func parseDecimal(f *Form, field, s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		f.Errors[field] = "“" + s + "” không phải là số."
	}
	return v
}

// ---- registrations

type registrationsPage struct {
	Page
	Campaign      *thidua.Campaign
	Registrations []*thidua.Registration
	Units         []*thidua.Unit   // units the user may register
	People        []*thidua.Person // people the user may register
	Criteria      []*thidua.Criterion
	Form          *Form
	CanManage     bool
	CanRegister   bool
}

func (s *Server) registrationsPage(r *http.Request, c *thidua.Campaign, f *Form) (*registrationsPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	regs, err := s.store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	crit, err := s.store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	p := &registrationsPage{Page: Page{Title: "Đăng ký thi đua: " + c.Title, Nav: "campaigns"}, Campaign: c, Registrations: regs,
		Criteria: crit, Form: f, CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath),
		CanRegister: me.Can(thidua.PermRegister) && (c.State == thidua.CampaignLaunched || c.State == thidua.CampaignInProgress)}
	if p.CanRegister {
		units, _, err := s.store.FindUnits(ctx, thidua.UnitFilter{Subtree: c.ScopeUnitID})
		if err != nil {
			return nil, err
		}
		allowed := map[int64]bool{}
		for _, u := range units {
			if me.Covers(thidua.PermRegister, u.Path) {
				p.Units = append(p.Units, u)
				allowed[u.ID] = true
			}
		}
		people, _, err := s.store.FindPeople(ctx, thidua.PersonFilter{UnitID: c.ScopeUnitID, Subtree: true, Status: thidua.PersonActive, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, x := range people {
			if allowed[x.UnitID] {
				p.People = append(p.People, x)
			}
		}
	}
	return p, nil
}

func (s *Server) handleRegistrations(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	p, err := s.registrationsPage(r, c, newForm())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "registrations.html", p)
}

func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	crit, err := s.store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	commitments := map[string]string{}
	for _, cr := range crit {
		if v := strings.TrimSpace(r.PostForm.Get("commit_" + cr.Code)); v != "" {
			commitments[cr.Code] = v
		}
	}
	var regs []*thidua.Registration
	for _, v := range r.PostForm["unit"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Errors["unit"] = "Đơn vị được chọn không hợp lệ."
			continue
		}
		regs = append(regs, &thidua.Registration{Kind: thidua.ForCollectives, UnitID: id, TargetTitle: f.Values["target_title"], Commitments: commitments})
	}
	for _, v := range r.PostForm["person"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Errors["person"] = "Cá nhân được chọn không hợp lệ."
			continue
		}
		regs = append(regs, &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: id, TargetTitle: f.Values["target_title"], Commitments: commitments})
	}
	err = f.fieldsErr()
	if err == nil {
		err = s.store.CreateRegistrations(r.Context(), c.ID, regs)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "registrations.html", func() (pager, error) {
			return s.registrationsPage(r, c, f)
		})
		return
	}
	s.flash(w, r, "Đã đăng ký "+strconv.Itoa(len(regs))+" tập thể, cá nhân. Đăng ký đang chờ cơ quan phát động duyệt.")
	http.Redirect(w, r, "/app/campaigns/"+idStr(c.ID)+"/registrations", http.StatusSeeOther)
}

func (s *Server) handleRegistrationReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	reg, err := s.store.FindRegistrationByID(r.Context(), id)
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
	approve := f.Values["decision"] == "approve"
	if err := s.store.ReviewRegistration(r.Context(), id, approve, f.Values["reason"], version); err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID || thidua.ErrorCode(err) == thidua.ECONFLICT {
			msg := thidua.ErrorMessage(err)
			for _, m := range thidua.ErrorFields(err) {
				msg = m
			}
			s.flash(w, r, "Chưa xử lý được đăng ký của “"+reg.Name+"”: "+msg)
			http.Redirect(w, r, "/app/campaigns/"+idStr(reg.CampaignID)+"/registrations", http.StatusSeeOther)
			return
		}
		s.Error(w, r, err)
		return
	}
	if approve {
		s.flash(w, r, "Đã duyệt đăng ký của “"+reg.Name+"”.")
	} else {
		s.flash(w, r, "Đã trả lại đăng ký của “"+reg.Name+"”.")
	}
	http.Redirect(w, r, "/app/campaigns/"+idStr(reg.CampaignID)+"/registrations", http.StatusSeeOther)
}

// ---- ranking

type rankingPage struct {
	Page
	Campaign    *thidua.Campaign
	Criteria    []*thidua.Criterion
	Collectives []*thidua.Result
	Individuals []*thidua.Result
	Units       []*thidua.Unit
	UnitID      int64
	Top         int
	MinPercent  float64
	Shortlisted bool
}

// campaignResults computes the ranking of a campaign.
func (s *Server) campaignResults(r *http.Request, c *thidua.Campaign) ([]*thidua.Criterion, []*thidua.Result, error) {
	ctx := r.Context()
	crit, err := s.store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	regs, err := s.store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	scores, err := s.store.FindScores(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	return crit, thidua.ComputeResults(c, crit, regs, scores), nil
}

func (s *Server) handleRanking(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	crit, results, err := s.campaignResults(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	p := &rankingPage{Page: Page{Title: "Kết quả, xếp hạng: " + c.Title, Nav: "campaigns"}, Campaign: c, Criteria: crit}
	p.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	p.Top, _ = strconv.Atoi(q.Get("top"))
	p.MinPercent, _ = strconv.ParseFloat(strings.ReplaceAll(q.Get("min"), ",", "."), 64)
	if p.Top < 0 {
		p.Top = 0
	}
	p.Shortlisted = p.Top > 0 || p.MinPercent > 0
	if p.Units, _, err = s.store.FindUnits(r.Context(), thidua.UnitFilter{Subtree: c.ScopeUnitID}); err != nil {
		s.Error(w, r, err)
		return
	}
	var unitPath string
	for _, u := range p.Units {
		if u.ID == p.UnitID {
			unitPath = u.Path
		}
	}
	keep := func(kind string) []*thidua.Result {
		var out []*thidua.Result
		for _, res := range thidua.Shortlist(results, kind, p.Top, p.MinPercent) {
			if unitPath == "" || strings.HasPrefix(res.Registration.UnitPath, unitPath) {
				out = append(out, res)
			}
		}
		return out
	}
	p.Collectives, p.Individuals = keep(thidua.ForCollectives), keep(thidua.ForIndividuals)
	s.render(w, r, http.StatusOK, "ranking.html", p)
}

// campaignSummary gathers what the summary report shows.
func (s *Server) campaignSummary(r *http.Request, c *thidua.Campaign) (*thidua.CampaignSummary, error) {
	crit, results, err := s.campaignResults(r, c)
	if err != nil {
		return nil, err
	}
	progress, err := s.store.Progress(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	agency := strings.ToUpper(c.UnitName)
	if unit, err := s.store.FindUnitByID(r.Context(), c.UnitID); err == nil && unit.ParentName != "" {
		agency = strings.ToUpper(unit.ParentName) + "\n" + agency
	}
	return &thidua.CampaignSummary{Campaign: c, Criteria: crit, Results: results, Progress: progress,
		Agency: agency, Place: s.cfg.Place, Date: s.now()}, nil
}

// handleCampaignReport streams the summary report as PDF or XLSX.
func (s *Server) handleCampaignReport(w http.ResponseWriter, r *http.Request) {
	c, ok := loadByID(s, w, r, s.store.FindCampaignByID)
	if !ok {
		return
	}
	if s.cfg.Reports == nil {
		s.notFound(w, r)
		return
	}
	sum, err := s.campaignSummary(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	name := "bao-cao-tong-ket-" + idStr(c.ID)
	ctype := "application/pdf"
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		err = s.cfg.Reports.CampaignXLSX(&buf, sum)
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	} else {
		err = s.cfg.Reports.CampaignPDF(&buf, sum)
		name += ".pdf"
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
}
