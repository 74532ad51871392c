package campaigns

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
)

type campaignsPage struct {
	kit.Page
	Campaigns []*thidua.Campaign
	Query     string
	State     string
	Total     int
}

func (s *Handler) HandleCampaigns(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	cs, total, err := s.Store.FindCampaigns(r.Context(), thidua.CampaignFilter{Query: q.Get("q"), State: q.Get("state")})
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "campaigns.html", &campaignsPage{Page: kit.Page{Title: "Phong trào, đợt thi đua", Nav: "campaigns"},
		Campaigns: cs, Query: q.Get("q"), State: q.Get("state"), Total: total})
	return nil
}

// campaignFormPage is the create/edit form of a campaign.
type campaignFormPage struct {
	kit.Page
	Campaign *thidua.Campaign
	Form     *kit.Form
	Units    []*thidua.Unit
	Awards   []thidua.PlannedAward
	New      bool
}

func campaignForm(c *thidua.Campaign) *kit.Form {
	f := kit.NewForm()
	f.Values["title"] = c.Title
	f.Values["form"] = c.Form
	f.Values["kind"] = c.Kind
	f.Values["unit_id"] = kit.IdStr(c.UnitID)
	f.Values["scope_unit_id"] = kit.IdStr(c.ScopeUnitID)
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
	if c.PublishRanking {
		f.Values["publish_ranking"] = "on"
	}
	f.Values["version"] = strconv.Itoa(c.Version)
	return f
}

// readCampaign reads the form into the campaign input the API takes too
// (thidua.CampaignInput); award rows come as parallel lists, the plan as
// its printed number and symbol.
func readCampaign(r *http.Request, f *kit.Form) thidua.CampaignInput {
	in := thidua.CampaignInput{Title: f.Values["title"], Form: f.Values["form"], Kind: f.Values["kind"],
		UnitID:      f.Int("unit_id", "Đơn vị phát động không hợp lệ."),
		ScopeUnitID: f.Int("scope_unit_id", "Đơn vị tham gia không hợp lệ."),
		PlanRef:     f.Values["plan"], PlanDate: f.Date("plan_date"),
		Signer: f.Values["signer"], SignerPost: f.Values["signer_post"],
		StartDate: f.Date("start_date"), EndDate: f.Date("end_date"),
		Objectives:   strings.TrimSpace(r.PostForm.Get("objectives")),
		Participants: f.Values["participants"], Aggregation: f.Values["aggregation"],
		ExcludeConflicts: f.Bool("exclude_conflicts"),
		PublishRanking:   f.Bool("publish_ranking"),
		Version:          int(f.Int("version", "Phiên bản không hợp lệ.")),
	}
	codes, labels := r.PostForm["award_code"], r.PostForm["award_label"]
	maxC, maxI := r.PostForm["award_max_collectives"], r.PostForm["award_max_individuals"]
	for i := range codes {
		if strings.TrimSpace(codes[i]) == "" && (i >= len(labels) || strings.TrimSpace(labels[i]) == "") {
			continue
		}
		a := thidua.PlannedAward{Code: codes[i]}
		if i < len(labels) {
			a.Label = labels[i]
		}
		a.MaxCollectives = kit.AtoiField(f, "awards", kit.At(maxC, i))
		a.MaxIndividuals = kit.AtoiField(f, "awards", kit.At(maxI, i))
		in.Awards = append(in.Awards, a)
	}
	return in
}

// campaignOf converts the form's input with the one conversion the API
// uses; the form's own parse errors come first, and the plan's error is
// shown at the form's "plan" field.
func campaignOf(r *http.Request, f *kit.Form, id int64) (*thidua.Campaign, error) {
	in := readCampaign(r, f)
	c, err := in.Campaign(id)
	return c, f.MergeErr(kit.RenameFields(err, map[string]string{"plan_ref": "plan"}))
}

func (s *Handler) campaignFormPage(r *http.Request, c *thidua.Campaign, f *kit.Form, isNew bool) (*campaignFormPage, error) {
	units, err := s.ManageableUnits(r)
	if err != nil {
		return nil, err
	}
	title := "Phát động đợt thi đua mới"
	if !isNew {
		title = "Sửa: " + c.Title
	}
	awards := append(append([]thidua.PlannedAward(nil), c.Awards...), thidua.PlannedAward{}, thidua.PlannedAward{})
	return &campaignFormPage{Page: kit.Page{Title: title, Nav: "campaigns"}, Campaign: c, Form: f, Units: units, Awards: awards, New: isNew}, nil
}

func (s *Handler) HandleCampaignNew(w http.ResponseWriter, r *http.Request) error {
	c := &thidua.Campaign{Form: thidua.FormThematic, Kind: "DOT", Participants: thidua.ForBoth, Aggregation: thidua.AggMeanReviewers, ExcludeConflicts: true}
	p, err := s.campaignFormPage(r, c, campaignForm(c), true)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "campaign_form.html", p)
	return nil
}

func (s *Handler) HandleCampaignCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c, err := campaignOf(r, f, 0)
	if err == nil {
		err = s.Store.CreateCampaign(r.Context(), c)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "campaign_form.html", func() (kit.View, error) {
			return s.campaignFormPage(r, c, f, true)
		})
		return nil
	}
	s.Flash(w, r, "Đã tạo đợt thi đua (dự thảo). Hãy thêm nội dung, tiêu chí rồi phát động.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID)+"/criteria", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleCampaignEdit(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	p, err := s.campaignFormPage(r, c, campaignForm(c), false)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "campaign_form.html", p)
	return nil
}

func (s *Handler) HandleCampaignUpdate(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c, err := campaignOf(r, f, cur.ID)
	if err == nil {
		err = s.Store.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "campaign_form.html", func() (kit.View, error) {
			return s.campaignFormPage(r, c, f, false)
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu đợt thi đua.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

type campaignPage struct {
	kit.Page
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
	// (its propaganda work, made visible); CanWrite offers the results article
	// to a writer who sees the whole ranking.
	Articles int
	CanWrite bool
}

func (s *Handler) campaignPage(r *http.Request, c *thidua.Campaign) (*campaignPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	p := &campaignPage{Page: kit.Page{Title: c.Title, Nav: "campaigns"}, Campaign: c,
		CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath), CanRegister: me.Can(thidua.PermRegister)}
	var err error
	if p.Criteria, err = s.Store.FindCriteria(ctx, c.ID); err != nil {
		return nil, err
	}
	if p.Progress, err = s.Store.Progress(ctx, c.ID); err != nil {
		return nil, err
	}
	for _, x := range p.Progress {
		p.Totals.Registered += x.Registered
		p.Totals.Approved += x.Approved
		p.Totals.WithEvidence += x.WithEvidence
		p.Totals.Scored += x.Scored
	}
	if p.Reviewers, err = s.Store.FindReviewers(ctx, c.ID); err != nil {
		return nil, err
	}
	if as := s.Cfg.Articles; as != nil {
		if p.Articles, err = as.CountPublishedArticles(ctx, c.ID); err != nil {
			return nil, err
		}
		p.CanWrite = me.Can(thidua.PermWriteArticles) && me.SeesWholeRanking(c)
	}
	if p.CanManage {
		for _, t := range thidua.CampaignTransitions {
			if t.From == c.State {
				p.Actions = append(p.Actions, t)
			}
		}
		if p.Council, err = s.Store.FindCouncilMembers(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (s *Handler) HandleCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	p, err := s.campaignPage(r, c)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "campaign.html", p)
	return nil
}

// campaignActionError re-renders the campaign page with an error message
// for validation and state errors, or shows the error page.
func (s *Handler) campaignActionError(w http.ResponseWriter, r *http.Request, id int64, err error) {
	code := thidua.ErrorCode(err)
	if code != thidua.EINVALID && code != thidua.ECONFLICT {
		s.Error(w, r, err)
		return
	}
	c, ferr := s.Store.FindCampaignByID(r.Context(), id)
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
	s.Render(w, r, kit.FormStatus(err), "campaign.html", p)
}

func (s *Handler) HandleCampaignTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	c, err := s.Store.TransitionCampaign(r.Context(), id, f.Values["action"], version)
	if err != nil {
		s.campaignActionError(w, r, id, err)
		return nil
	}
	s.Flash(w, r, "Đợt thi đua chuyển sang trạng thái “"+thidua.Label(thidua.CampaignStates, c.State)+"”.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// HandleCampaignPublishRanking turns the publication of a closed
// campaign's ranking inside the agency on or off (the one thing a closed
// campaign still changes: thidua.Campaign.CheckClosedEdit).
func (s *Handler) HandleCampaignPublishRanking(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c.Version = f.Version(r)
	c.PublishRanking = f.Values["publish_ranking"] == "on"
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		s.campaignActionError(w, r, c.ID, err)
		return nil
	}
	if c.PublishRanking {
		s.Flash(w, r, "Đã công khai kết quả xếp hạng trong cơ quan: mọi người xem được tên, tổng điểm và thứ hạng.")
	} else {
		s.Flash(w, r, "Đã thôi công khai kết quả xếp hạng trong cơ quan.")
	}
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleCampaignCopy(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.CopyCampaign(r.Context(), id)
	if err != nil {
		s.campaignActionError(w, r, id, err)
		return nil
	}
	s.Flash(w, r, "Đã sao chép thành đợt thi đua mới (dự thảo). Hãy kiểm tra tên, thời gian và số kế hoạch.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID)+"/edit", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleCampaignDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteCampaign(r.Context(), id); err != nil {
		s.campaignActionError(w, r, id, err)
		return nil
	}
	s.Flash(w, r, "Đã xóa đợt thi đua dự thảo.")
	http.Redirect(w, r, "/app/campaigns", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleReviewersSave(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := kit.ParseForm(w, r); err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["reviewer"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.campaignActionError(w, r, id, kit.FieldErr("reviewers", "Thành viên được chọn không hợp lệ."))
			return nil
		}
		ids = append(ids, n)
	}
	if err := s.Store.SetReviewers(r.Context(), id, ids); err != nil {
		s.campaignActionError(w, r, id, err)
		return nil
	}
	s.Flash(w, r, "Đã phân công thành viên Hội đồng chấm điểm.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// ---- criteria

type criteriaPage struct {
	kit.Page
	Campaign *thidua.Campaign
	Rows     []*criterionRow
	Form     *kit.Form
	CanEdit  bool
	Frozen   string
}

// criterionRow is one criterion of the editor: the numbers as typed (a
// refused "abc" comes back as it was) and the errors of its fields, each
// shown next to its field.
type criterionRow struct {
	*thidua.Criterion
	MaxText, WeightText string
	Errs                map[string]string // field → message
}

// criterionRows makes the editor's rows of cs; typed, when not nil, holds
// the numbers as submitted, row by row ({max_score, weight}).
func criterionRows(cs []*thidua.Criterion, typed [][2]string, f *kit.Form) []*criterionRow {
	rows := make([]*criterionRow, len(cs))
	for i, c := range cs {
		row := &criterionRow{Criterion: c, Errs: map[string]string{}}
		if i < len(typed) {
			row.MaxText, row.WeightText = typed[i][0], typed[i][1]
		} else {
			if c.MaxScore != 0 {
				row.MaxText = thidua.FormatDecimal(c.MaxScore)
			}
			if c.Weight != 0 {
				row.WeightText = thidua.FormatDecimal(c.Weight)
			}
		}
		prefix := fmt.Sprintf("criteria[%d].", i)
		for k, msg := range f.Errors {
			if name, ok := strings.CutPrefix(k, prefix); ok {
				row.Errs[name] = msg
			}
		}
		rows[i] = row
	}
	return rows
}

// Field returns the error of the row's field.
func (r *criterionRow) Err(field string) string { return r.Errs[field] }

// Others returns the row's errors of no field of the editor, sorted.
func (r *criterionRow) Others() []string {
	var out []string
	for k, msg := range r.Errs {
		switch k {
		case "code", "title", "description", "applies_to", "max_score", "weight", "evidence":
		default:
			out = append(out, msg)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Handler) criteriaPage(r *http.Request, c *thidua.Campaign, cs []*thidua.Criterion, typed [][2]string, f *kit.Form) (*criteriaPage, error) {
	regs, err := s.Store.CountRegistrations(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	p := &criteriaPage{Page: kit.Page{Title: "Nội dung, tiêu chí: " + c.Title, Nav: "campaigns"}, Campaign: c, Form: f,
		CanEdit: me.Covers(thidua.PermManageCampaigns, c.UnitPath) && c.CanEditCriteria(regs)}
	if !c.CanEditCriteria(regs) {
		p.Frozen = "Tiêu chí đã được khóa vì đợt thi đua đã có đăng ký hoặc đã tổng kết."
	}
	if p.CanEdit {
		for i := 0; i < 3; i++ {
			cs = append(cs, &thidua.Criterion{AppliesTo: thidua.ForBoth})
		}
	}
	p.Rows = criterionRows(cs, typed, f)
	return p, nil
}

func (s *Handler) HandleCriteria(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	rows, err := s.Store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		return err
	}
	f := kit.NewForm()
	f.Values["version"] = strconv.Itoa(c.Version)
	p, err := s.criteriaPage(r, c, rows, nil, f)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "criteria.html", p)
	return nil
}

// HandleCriteriaSave saves the editor's rows. A refused save reports every
// error at once, each next to its field and naming the criterion
// (thidua.CheckCriteria), and gives back every row as typed.
func (s *Handler) HandleCriteriaSave(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	pf := r.PostForm
	var rows []*thidua.Criterion
	var typed [][2]string
	for i := range pf["code"] {
		cr := &thidua.Criterion{Code: kit.At(pf["code"], i), Title: kit.At(pf["title"], i), Description: kit.At(pf["description"], i),
			AppliesTo: kit.At(pf["applies_to"], i), Evidence: kit.At(pf["evidence"], i)}
		if strings.TrimSpace(cr.Code+cr.Title+cr.Description+cr.Evidence+kit.At(pf["max_score"], i)+kit.At(pf["weight"], i)) == "" {
			continue // an empty spare row
		}
		n := len(rows)
		cr.ID, _ = strconv.ParseInt(kit.At(pf["id"], i), 10, 64)
		maxText, weightText := kit.At(pf["max_score"], i), kit.At(pf["weight"], i)
		label := thidua.CriterionLabel(n, cr.Code)
		for _, num := range []struct {
			field, name, text string
			dst               *float64
		}{{"max_score", "Điểm tối đa", maxText, &cr.MaxScore}, {"weight", "Trọng số", weightText, &cr.Weight}} {
			if strings.TrimSpace(num.text) == "" {
				continue
			}
			v, _, err := thidua.ParseNumber(num.text)
			if err != nil {
				f.Errors[fmt.Sprintf("criteria[%d].%s", n, num.field)] = label + " – " + num.name + ": " + thidua.ErrorMessage(err)
				continue
			}
			*num.dst = v
		}
		rows = append(rows, cr)
		typed = append(typed, [2]string{maxText, weightText})
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	if err = f.FieldsErr(); err != nil {
		// The other rules too, on copies: all errors at once.
		check := make([]*thidua.Criterion, len(rows))
		for i, cr := range rows {
			cp := *cr
			check[i] = &cp
		}
		err = f.MergeErr(thidua.CheckCriteria(check))
	} else {
		err = s.Store.SaveCriteria(r.Context(), c.ID, version, rows)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "criteria.html", func() (kit.View, error) {
			p, err := s.criteriaPage(r, c, rows, typed, f)
			if err == nil && !p.CanEdit {
				// Frozen: the read-only table shows the stored criteria, not the refused rows.
				stored, ferr := s.Store.FindCriteria(r.Context(), c.ID)
				p.Rows, err = criterionRows(stored, nil, f), ferr
			}
			return p, err
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu "+strconv.Itoa(len(rows))+" nội dung, tiêu chí thi đua.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID)+"/criteria", http.StatusSeeOther)
	return nil
}

// ---- registrations

// registrationPeople is how many people the registration form offers at
// once; a search finds the others.
const registrationPeople = 100

type registrationsPage struct {
	kit.Page
	Campaign      *thidua.Campaign
	Registrations []*thidua.Registration
	Units         []*thidua.Unit   // units the user may register
	People        []*thidua.Person // people the user may register: a page of the search
	// PeopleQuery is the name searched for (accents optional); PeopleNext
	// the id the next page of them starts after (0: none). PeopleTotal is
	// the people it matches in the campaign's scope when PeopleAll, the
	// first page holding them all: counting tens of thousands to say how
	// many more there are would cost the page more than the page itself.
	PeopleQuery string
	PeopleTotal int
	PeopleAll   bool
	PeopleNext  int64
	Criteria    []*thidua.Criterion
	Form        *kit.Form
	CanManage   bool
	CanRegister bool
}

func (s *Handler) registrationsPage(r *http.Request, c *thidua.Campaign, f *kit.Form) (*registrationsPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	regs, err := s.Store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	crit, err := s.Store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	p := &registrationsPage{Page: kit.Page{Title: "Đăng ký thi đua: " + c.Title, Nav: "campaigns"}, Campaign: c, Registrations: regs,
		Criteria: crit, Form: f, CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath),
		CanRegister: me.Can(thidua.PermRegister) && c.RegistrationOpen()}
	if p.CanRegister {
		units, _, err := s.Store.FindUnits(ctx, thidua.UnitFilter{Subtree: c.ScopeUnitID})
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
		// A bounded page of a server-side search (a province's scope holds
		// tens of thousands of people), by keyset.
		p.PeopleQuery = strings.TrimSpace(r.URL.Query().Get("q"))
		after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
		var people []*thidua.Person
		if c.Participants != thidua.ForCollectives {
			people, _, err = s.Store.FindPeople(ctx, thidua.PersonFilter{UnitID: c.ScopeUnitID, Subtree: true, Status: thidua.PersonActive,
				Query: p.PeopleQuery, Limit: registrationPeople + 1, AfterID: max(after, 0), NoTotal: true})
			if err != nil {
				return nil, err
			}
		}
		if len(people) > registrationPeople {
			people = people[:registrationPeople]
			p.PeopleNext = people[len(people)-1].ID
		} else if after <= 0 {
			p.PeopleAll, p.PeopleTotal = true, len(people)
		}
		for _, x := range people {
			if allowed[x.UnitID] {
				p.People = append(p.People, x)
			}
		}
	}
	return p, nil
}

func (s *Handler) HandleRegistrations(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	p, err := s.registrationsPage(r, c, kit.NewForm())
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "registrations.html", p)
	return nil
}

func (s *Handler) HandleRegister(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	crit, err := s.Store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		return err
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
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.CreateRegistrations(r.Context(), c.ID, regs)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "registrations.html", func() (kit.View, error) {
			return s.registrationsPage(r, c, f)
		})
		return nil
	}
	s.Flash(w, r, "Đã đăng ký "+strconv.Itoa(len(regs))+" tập thể, cá nhân. Đăng ký đang chờ cơ quan phát động duyệt.")
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID)+"/registrations", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleRegistrationReview(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	reg, err := s.Store.FindRegistrationByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	approve := f.Values["decision"] == "approve"
	if err := s.Store.ReviewRegistration(r.Context(), id, approve, f.Values["reason"], version); err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID || thidua.ErrorCode(err) == thidua.ECONFLICT {
			msg := thidua.ErrorMessage(err)
			for _, m := range thidua.ErrorFields(err) {
				msg = m
			}
			s.Flash(w, r, "Chưa xử lý được đăng ký của “"+reg.Name+"”: "+msg)
			http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(reg.CampaignID)+"/registrations", http.StatusSeeOther)
			return nil
		}
		return err
	}
	if approve {
		s.Flash(w, r, "Đã duyệt đăng ký của “"+reg.Name+"”.")
	} else {
		s.Flash(w, r, "Đã trả lại đăng ký của “"+reg.Name+"”.")
	}
	http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(reg.CampaignID)+"/registrations", http.StatusSeeOther)
	return nil
}

// ---- ranking

type rankingPage struct {
	kit.Page
	Campaign    *thidua.Campaign
	Criteria    []*thidua.Criterion
	Collectives []*thidua.Result
	Individuals []*thidua.Result
	Units       []*thidua.Unit
	UnitID      int64
	Top         int
	MinPercent  float64
	Shortlisted bool
	Form        *kit.Form
}

func (s *Handler) HandleRanking(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	crit, results, err := s.CampaignResults(r, c)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := &rankingPage{Page: kit.Page{Title: "Kết quả, xếp hạng: " + c.Title, Nav: "campaigns"}, Campaign: c, Criteria: crit}
	p.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	// The limits as typed; impossible ones are refused next to their field
	// and the whole ranking shown.
	f := kit.NewForm()
	f.Values["top"], f.Values["min"] = strings.TrimSpace(q.Get("top")), strings.TrimSpace(q.Get("min"))
	p.Form = f
	if v := f.Values["top"]; v != "" {
		if p.Top, err = strconv.Atoi(v); err != nil {
			f.Errors["top"] = "Số vị trí đứng đầu phải là số nguyên, ví dụ 10."
		}
	}
	if v := f.Values["min"]; v != "" {
		p.MinPercent = kit.ParseDecimal(f, "min", v)
	}
	if err := f.MergeErr(thidua.CheckShortlistLimits(p.Top, p.MinPercent)); err != nil {
		f.SetErr(err)
		p.Top, p.MinPercent = 0, 0
	}
	p.Shortlisted = p.Top > 0 || p.MinPercent > 0
	if p.Units, _, err = s.Store.FindUnits(r.Context(), thidua.UnitFilter{Subtree: c.ScopeUnitID}); err != nil {
		return err
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
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.Render(w, r, status, "ranking.html", p)
	return nil
}

// campaignSummary gathers what the summary report shows.
func (s *Handler) campaignSummary(r *http.Request, c *thidua.Campaign) (*thidua.CampaignSummary, error) {
	crit, results, err := s.CampaignResults(r, c)
	if err != nil {
		return nil, err
	}
	progress, err := s.Store.Progress(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	agency := strings.ToUpper(c.UnitName)
	if unit, err := s.Store.FindUnitByID(r.Context(), c.UnitID); err == nil && unit.ParentName != "" {
		agency = strings.ToUpper(unit.ParentName) + "\n" + agency
	}
	return &thidua.CampaignSummary{Campaign: c, Criteria: crit, Results: results, Progress: progress,
		Agency: agency, Place: s.PlaceOf(r, c.UnitID), Date: s.Now()}, nil
}

// HandleCampaignReport streams the summary report as PDF or XLSX.
func (s *Handler) HandleCampaignReport(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	if s.Cfg.Reports == nil {
		s.NotFound(w, r)
		return nil
	}
	sum, err := s.campaignSummary(r, c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := "bao-cao-tong-ket-" + kit.IdStr(c.ID)
	ctype := "application/pdf"
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		err = s.Cfg.Reports.CampaignXLSX(&buf, sum)
		name += ".xlsx"
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	} else {
		err = s.Cfg.Reports.CampaignPDF(&buf, sum)
		name += ".pdf"
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
	return nil
}
