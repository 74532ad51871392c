package api

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
)

// The campaign part of the JSON API: campaigns and their criteria,
// registrations, evidence (without files), scores, results, progress and
// reviewers. The rules live in the storage layer; these handlers decode,
// check the shape of the input and call it, like the workspace's campaign
// pages.

// Items is the shape of the lists that belong to one campaign or
// registration: they are short and not paginated.
type Items[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func newItems[T any](items []T) Items[T] {
	if items == nil {
		items = []T{}
	}
	return Items[T]{Items: items, Total: len(items)}
}

// registrationKinds are the kinds of a registration and of a result: a
// participant is a collective or an individual, never both.
var registrationKinds = slices.DeleteFunc(slices.Clone(thidua.ParticipantKinds), func(o thidua.Option) bool {
	return o.Code == thidua.ForBoth
})

// transitionActions lists the actions of the campaign state machine, each once.
func transitionActions() []thidua.Option {
	var out []thidua.Option
	for _, t := range thidua.CampaignTransitions {
		if !slices.ContainsFunc(out, func(o thidua.Option) bool { return o.Code == t.Action }) {
			out = append(out, thidua.Option{Code: t.Action, Label: t.Label})
		}
	}
	return out
}

// withFieldRenamed returns err with the field error from renamed to, so
// that the error names the field of the request body.
func withFieldRenamed(err error, from, to string) error {
	var e *thidua.Error
	if !errors.As(err, &e) || e.Fields[from] == "" {
		return err
	}
	fields := map[string]string{}
	for k, v := range e.Fields {
		if k == from {
			k = to
		}
		fields[k] = v
	}
	return &thidua.Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// ---- campaigns

func (s *Handler) ListCampaigns(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := listParams(r, 100, 500)
	q := r.URL.Query()
	f := thidua.CampaignFilter{Query: q.Get("q"), State: q.Get("state"), Limit: limit, Offset: offset}
	if err == nil && f.State != "" && !kit.ValidCode(thidua.CampaignStates, f.State) {
		err = kit.FieldErr("state", "state phải là một trong: "+kit.CodeList(thidua.CampaignStates)+".")
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cs, total, err := s.Store.FindCampaigns(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, newList(cs, total, limit, offset))
}

func (s *Handler) GetCampaign(w http.ResponseWriter, r *http.Request) {
	if c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID); ok {
		kit.WriteJSON(w, http.StatusOK, c)
	}
}

// CampaignInput is the writable part of a campaign. The plan (kế hoạch)
// comes either as "plan_ref", the printed number and symbol
// ("248/KH-VPUBND"), or as the "plan" object; both are checked with
// thidua.ParseDocRef.
type CampaignInput struct {
	Title            string                `json:"title"`
	Form             string                `json:"form"`
	Kind             string                `json:"kind"`
	UnitID           int64                 `json:"unit_id"`
	ScopeUnitID      int64                 `json:"scope_unit_id"`
	Plan             *thidua.DocRef        `json:"plan"`
	PlanRef          string                `json:"plan_ref"`
	PlanDate         thidua.Date           `json:"plan_date"`
	Signer           string                `json:"signer"`
	SignerPost       string                `json:"signer_post"`
	StartDate        thidua.Date           `json:"start_date"`
	EndDate          thidua.Date           `json:"end_date"`
	Objectives       string                `json:"objectives"`
	Participants     string                `json:"participants"`
	Awards           []thidua.PlannedAward `json:"awards"`
	Aggregation      string                `json:"aggregation"`
	ExcludeConflicts bool                  `json:"exclude_conflicts"`
	Version          int                   `json:"version"`
}

// campaign builds the campaign and checks it, reporting a bad plan
// reference together with the campaign's own validation errors.
func (in *CampaignInput) campaign(id int64) (*thidua.Campaign, error) {
	c := &thidua.Campaign{ID: id, Title: in.Title, Form: in.Form, Kind: in.Kind, UnitID: in.UnitID, ScopeUnitID: in.ScopeUnitID,
		PlanDate: in.PlanDate, Signer: in.Signer, SignerPost: in.SignerPost, StartDate: in.StartDate, EndDate: in.EndDate,
		Objectives: in.Objectives, Participants: in.Participants, Awards: in.Awards, Aggregation: in.Aggregation,
		ExcludeConflicts: in.ExcludeConflicts, Version: in.Version}
	var v thidua.Validation
	if in.Plan != nil && (in.Plan.Number != "" || in.Plan.Type != "" || in.Plan.Issuer != "") {
		ref, err := thidua.ParseDocRef(in.Plan.String())
		if err != nil {
			v.Add("plan", "Số, ký hiệu kế hoạch không đúng dạng: cần number, type, issuer như 248, KH, VPUBND.")
		}
		c.Plan = ref
	}
	if strings.TrimSpace(in.PlanRef) != "" {
		ref, err := thidua.ParseDocRef(in.PlanRef)
		switch {
		case err != nil:
			v.Add("plan_ref", thidua.ErrorMessage(err))
		case !c.Plan.IsZero() && c.Plan != ref:
			v.Add("plan_ref", "plan_ref “"+ref.String()+"” khác với plan “"+c.Plan.String()+"”: chỉ gửi một trong hai.")
		default:
			c.Plan = ref
		}
	}
	c.Normalize()
	for k, msg := range thidua.ErrorFields(c.Validate()) {
		v.Add(k, msg)
	}
	return c, v.Err()
}

func (s *Handler) CreateCampaign(w http.ResponseWriter, r *http.Request) {
	var in CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := in.campaign(0)
	if err == nil {
		err = s.Store.CreateCampaign(r.Context(), c)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
}

func (s *Handler) UpdateCampaign(w http.ResponseWriter, r *http.Request) {
	cur, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	var in CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := in.campaign(cur.ID)
	if err == nil {
		err = s.Store.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, c)
}

func (s *Handler) DeleteCampaign(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeleteCampaign(r.Context(), id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// TransitionInput asks for a move of the campaign's state machine.
type TransitionInput struct {
	Action  string `json:"action"`
	Version int    `json:"version"`
}

func (s *Handler) TransitionCampaign(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in TransitionInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if actions := transitionActions(); !kit.ValidCode(actions, in.Action) {
		s.Error(w, r, kit.FieldErr("action", "action phải là một trong: "+kit.CodeList(actions)+"."))
		return
	}
	c, err := s.Store.TransitionCampaign(r.Context(), id, in.Action, in.Version)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, c)
}

// CopyInput is the body of a copy: an empty object, as the copy takes
// everything from the source campaign.
type CopyInput struct{}

func (s *Handler) CopyCampaign(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if r.ContentLength != 0 {
		var in CopyInput
		if err := decodeJSON(w, r, &in); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	c, err := s.Store.CopyCampaign(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
}

// ---- criteria

// CampaignCriteria is the ordered criteria of a campaign, with the
// campaign's version to send back when replacing them.
type CampaignCriteria struct {
	CampaignID int64 `json:"campaign_id"`
	Version    int   `json:"version"`
	// Editable is true while the criteria may change: no registration
	// yet and the campaign not closed (whoever the caller is).
	Editable bool                `json:"editable"`
	Criteria []*thidua.Criterion `json:"criteria"`
}

func (s *Handler) campaignCriteria(r *http.Request, id int64) (*CampaignCriteria, error) {
	ctx := r.Context()
	c, err := s.Store.FindCampaignByID(ctx, id)
	if err != nil {
		return nil, err
	}
	crit, err := s.Store.FindCriteria(ctx, id)
	if err != nil {
		return nil, err
	}
	regs, err := s.Store.FindRegistrations(ctx, id)
	if err != nil {
		return nil, err
	}
	if crit == nil {
		crit = []*thidua.Criterion{}
	}
	return &CampaignCriteria{CampaignID: id, Version: c.Version, Editable: c.CanEditCriteria(len(regs)), Criteria: crit}, nil
}

func (s *Handler) GetCriteria(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out, err := s.campaignCriteria(r, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// CriterionInput is the writable part of a criterion. Send the id of an
// existing criterion to keep it (and the scores linked to it).
type CriterionInput struct {
	ID          int64   `json:"id"`
	Code        string  `json:"code"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	AppliesTo   string  `json:"applies_to"`
	MaxScore    float64 `json:"max_score"`
	Weight      float64 `json:"weight"`
	Evidence    string  `json:"evidence"`
}

// CriteriaInput replaces the whole ordered list of a campaign's criteria.
type CriteriaInput struct {
	Version  int              `json:"version"`
	Criteria []CriterionInput `json:"criteria"`
}

func (s *Handler) SaveCriteria(w http.ResponseWriter, r *http.Request) {
	c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	var in CriteriaInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if in.Criteria == nil {
		s.Error(w, r, kit.FieldErr("criteria", "Vui lòng gửi danh sách criteria (mảng rỗng [] để xóa hết tiêu chí)."))
		return
	}
	rows := make([]*thidua.Criterion, len(in.Criteria))
	for i, x := range in.Criteria {
		rows[i] = &thidua.Criterion{ID: x.ID, Code: x.Code, Title: x.Title, Description: x.Description,
			AppliesTo: x.AppliesTo, MaxScore: x.MaxScore, Weight: x.Weight, Evidence: x.Evidence}
	}
	if err := s.Store.SaveCriteria(r.Context(), c.ID, in.Version, rows); err != nil {
		s.Error(w, r, err)
		return
	}
	out, err := s.campaignCriteria(r, c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// ---- registrations

func (s *Handler) ListRegistrations(w http.ResponseWriter, r *http.Request) {
	regs, ok := kit.LoadByID(s.Base, w, r, s.Store.FindRegistrations)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, newItems(regs))
}

// RegistrationInput registers one participant: a collective (unit_id) or
// an individual (person_id; the unit is the person's own).
type RegistrationInput struct {
	Kind        string            `json:"kind"`
	UnitID      int64             `json:"unit_id"`
	PersonID    int64             `json:"person_id"`
	TargetTitle string            `json:"target_title"`
	Commitments map[string]string `json:"commitments"`
}

// RegistrationsInput registers several participants at once, all or nothing.
type RegistrationsInput struct {
	Registrations []RegistrationInput `json:"registrations"`
}

func (s *Handler) CreateRegistrations(w http.ResponseWriter, r *http.Request) {
	c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	var in RegistrationsInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if len(in.Registrations) == 0 {
		s.Error(w, r, kit.FieldErr("registrations", "Vui lòng gửi ít nhất một tập thể hoặc cá nhân đăng ký trong registrations."))
		return
	}
	crit, err := s.Store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var v thidua.Validation
	regs := make([]*thidua.Registration, len(in.Registrations))
	for i, x := range in.Registrations {
		for code := range x.Commitments {
			if !slices.ContainsFunc(crit, func(cr *thidua.Criterion) bool { return cr.Code == code }) {
				v.Add(fmt.Sprintf("registrations[%d].commitments", i),
					fmt.Sprintf("Dòng %d: “%s” không phải mã tiêu chí của đợt thi đua này.", i+1, code))
			}
		}
		regs[i] = &thidua.Registration{Kind: x.Kind, UnitID: x.UnitID, PersonID: x.PersonID,
			TargetTitle: x.TargetTitle, Commitments: x.Commitments}
	}
	err = v.Err()
	if err == nil {
		err = s.Store.CreateRegistrations(r.Context(), c.ID, regs)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := make([]*thidua.Registration, len(regs))
	for i, reg := range regs {
		if out[i], err = s.Store.FindRegistrationByID(r.Context(), reg.ID); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID)+"/registrations")
	kit.WriteJSON(w, http.StatusCreated, newItems(out))
}

func (s *Handler) GetRegistration(w http.ResponseWriter, r *http.Request) {
	reg, ok := kit.LoadByID(s.Base, w, r, s.Store.FindRegistrationByID)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, reg)
}

// ReviewInput approves a registration, or returns it with a reason.
type ReviewInput struct {
	Approve *bool  `json:"approve"`
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

func (s *Handler) ReviewRegistration(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in ReviewInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if in.Approve == nil {
		s.Error(w, r, kit.FieldErr("approve", "Vui lòng cho biết duyệt (approve: true) hay trả lại (approve: false, kèm reason)."))
		return
	}
	if err := s.Store.ReviewRegistration(r.Context(), id, *in.Approve, in.Reason, in.Version); err != nil {
		s.Error(w, r, err)
		return
	}
	reg, err := s.Store.FindRegistrationByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, reg)
}

// ---- evidence

func (s *Handler) ListEvidence(w http.ResponseWriter, r *http.Request) {
	evs, ok := kit.LoadByID(s.Base, w, r, s.Store.FindEvidence)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, newItems(evs))
}

// EvidenceInput is evidence reported through the API: text, a figure, a
// date and a link, without files (files are uploaded on the registration
// page of the web interface).
type EvidenceInput struct {
	CriterionID int64       `json:"criterion_id"`
	Text        string      `json:"text"`
	Figure      *float64    `json:"figure"`
	Date        thidua.Date `json:"date"`
	Link        string      `json:"link"`
}

func (s *Handler) AddEvidence(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in EvidenceInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	e := &thidua.Evidence{RegistrationID: id, CriterionID: in.CriterionID, Text: in.Text, Figure: in.Figure, Date: in.Date, Link: in.Link}
	if err := s.Store.AddEvidence(r.Context(), e); err != nil {
		s.Error(w, r, err)
		return
	}
	if e.Attachments == nil {
		e.Attachments = []thidua.Attachment{}
	}
	w.Header().Set("Location", "/api/v1/registrations/"+kit.IdStr(id)+"/evidence")
	kit.WriteJSON(w, http.StatusCreated, e)
}

// ---- scores

func (s *Handler) ListScores(w http.ResponseWriter, r *http.Request) {
	scores, ok := kit.LoadByID(s.Base, w, r, s.Store.FindScores)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, newItems(scores))
}

// ScoreInput is the caller's score of one criterion of a registration.
type ScoreInput struct {
	CriterionID int64    `json:"criterion_id"`
	Kind        string   `json:"kind"`
	Value       *float64 `json:"value"`
	Comment     string   `json:"comment"`
	Version     int      `json:"version"`
}

func (s *Handler) SaveScore(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in ScoreInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	var v thidua.Validation
	if in.CriterionID <= 0 {
		v.Add("criterion_id", "Vui lòng chọn tiêu chí.")
	}
	if !kit.ValidCode(thidua.ScorerKinds, in.Kind) {
		v.Add("kind", "kind phải là một trong: "+kit.CodeList(thidua.ScorerKinds)+".")
	}
	if in.Value == nil {
		v.Add("value", "Vui lòng nhập điểm.")
	}
	if err := v.Err(); err != nil {
		s.Error(w, r, err)
		return
	}
	sc := &thidua.Score{RegistrationID: id, CriterionID: in.CriterionID, Kind: in.Kind, Value: *in.Value,
		Comment: in.Comment, Version: in.Version}
	if err := s.Store.SaveScore(r.Context(), sc); err != nil {
		s.Error(w, r, err)
		return
	}
	sc.ScorerName = thidua.UserFromContext(r.Context()).DisplayName
	kit.WriteJSON(w, http.StatusOK, sc)
}

// ---- results, progress

// CampaignResults is the ranking of a campaign's approved registrations.
type CampaignResults struct {
	CampaignID int64 `json:"campaign_id"`
	// State is the campaign's state: the results are final once it is CLOSED.
	State    string              `json:"state"`
	Criteria []*thidua.Criterion `json:"criteria"`
	Items    []*thidua.Result    `json:"items"`
	Total    int                 `json:"total"`
}

func (s *Handler) GetCampaignResults(w http.ResponseWriter, r *http.Request) {
	c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	q := r.URL.Query()
	var v thidua.Validation
	kinds := []string{thidua.ForCollectives, thidua.ForIndividuals}
	if k := q.Get("kind"); k != "" {
		if !kit.ValidCode(registrationKinds, k) {
			v.Add("kind", "kind phải là một trong: "+kit.CodeList(registrationKinds)+".")
		}
		kinds = []string{k}
	}
	top := 0
	if t := q.Get("top"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			v.Add("top", "top phải là số nguyên không âm (0: không giới hạn).")
		}
		top = n
	}
	var minPercent float64
	if m := q.Get("min_percent"); m != "" {
		f, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", "."), 64)
		if err != nil || math.IsNaN(f) || f < 0 || f > 100 {
			v.Add("min_percent", "min_percent phải là số từ 0 đến 100.")
		}
		minPercent = f
	}
	unitID := queryInt(r, "unit_id", &v)
	if err := v.Err(); err != nil {
		s.Error(w, r, err)
		return
	}
	var unitPath string
	if unitID > 0 {
		u, err := s.Store.FindUnitByID(r.Context(), unitID)
		if err != nil {
			s.Error(w, r, kit.FieldErr("unit_id", "Không tìm thấy đơn vị này trong phạm vi được phân quyền."))
			return
		}
		unitPath = u.Path
	}
	crit, results, err := s.CampaignResults(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	items := []*thidua.Result{}
	for _, k := range kinds {
		for _, res := range thidua.Shortlist(results, k, top, minPercent) {
			if unitPath != "" && !strings.HasPrefix(res.Registration.UnitPath, unitPath) {
				continue
			}
			if res.Criteria == nil {
				res.Criteria = []thidua.CriterionResult{}
			}
			items = append(items, res)
		}
	}
	if crit == nil {
		crit = []*thidua.Criterion{}
	}
	kit.WriteJSON(w, http.StatusOK, &CampaignResults{CampaignID: c.ID, State: c.State, Criteria: crit, Items: items, Total: len(items)})
}

// ProgressTotals adds up the progress of every unit.
type ProgressTotals struct {
	Registered   int `json:"registered"`
	Approved     int `json:"approved"`
	WithEvidence int `json:"with_evidence"`
	Scored       int `json:"scored"`
}

// CampaignProgressReport is what participants have done, unit by unit.
type CampaignProgressReport struct {
	CampaignID int64                     `json:"campaign_id"`
	Items      []thidua.CampaignProgress `json:"items"`
	Totals     ProgressTotals            `json:"totals"`
}

func (s *Handler) CampaignProgress(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ps, err := s.Store.Progress(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := &CampaignProgressReport{CampaignID: id, Items: ps}
	if out.Items == nil {
		out.Items = []thidua.CampaignProgress{}
	}
	for _, p := range ps {
		out.Totals.Registered += p.Registered
		out.Totals.Approved += p.Approved
		out.Totals.WithEvidence += p.WithEvidence
		out.Totals.Scored += p.Scored
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// ---- reviewers

// Reviewer is a council member's account as the campaign API shows it:
// enough to name and assign them, nothing of their other grants.
type Reviewer struct {
	ID          int64  `json:"id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	PersonID    int64  `json:"person_id,omitempty"`
	PersonName  string `json:"person_name,omitempty"`
}

func newReviewers(us []*thidua.User) []Reviewer {
	out := make([]Reviewer, len(us))
	for i, u := range us {
		out[i] = Reviewer{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, PersonID: u.PersonID, PersonName: u.PersonName}
	}
	return out
}

// CampaignReviewers is the council members assigned to score a campaign.
type CampaignReviewers struct {
	CampaignID int64      `json:"campaign_id"`
	UserIDs    []int64    `json:"user_ids"`
	Reviewers  []Reviewer `json:"reviewers"`
	// Candidates are the council members who may be assigned; shown to
	// those who manage the campaign only.
	Candidates []Reviewer `json:"candidates,omitempty"`
}

func (s *Handler) campaignReviewers(r *http.Request, c *thidua.Campaign) (*CampaignReviewers, error) {
	ctx := r.Context()
	reviewers, err := s.Store.FindReviewers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := &CampaignReviewers{CampaignID: c.ID, UserIDs: []int64{}, Reviewers: newReviewers(reviewers)}
	for _, u := range reviewers {
		out.UserIDs = append(out.UserIDs, u.ID)
	}
	if thidua.UserFromContext(ctx).Covers(thidua.PermManageCampaigns, c.UnitPath) {
		council, err := s.Store.FindCouncilMembers(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		out.Candidates = newReviewers(council)
	}
	return out, nil
}

func (s *Handler) GetReviewers(w http.ResponseWriter, r *http.Request) {
	c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	out, err := s.campaignReviewers(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, out)
}

// ReviewersInput replaces the reviewers of a campaign. Version, when not
// 0, must be the campaign's current version.
type ReviewersInput struct {
	UserIDs []int64 `json:"user_ids"`
	Version int     `json:"version"`
}

func (s *Handler) SetReviewers(w http.ResponseWriter, r *http.Request) {
	c, ok := kit.LoadByID(s.Base, w, r, s.Store.FindCampaignByID)
	if !ok {
		return
	}
	var in ReviewersInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if in.UserIDs == nil {
		s.Error(w, r, kit.FieldErr("user_ids", "Vui lòng gửi danh sách user_ids (mảng rỗng [] để bỏ phân công)."))
		return
	}
	if in.Version != 0 && in.Version != c.Version {
		s.Error(w, r, thidua.ErrStale())
		return
	}
	if err := s.Store.SetReviewers(r.Context(), c.ID, in.UserIDs); err != nil {
		s.Error(w, r, withFieldRenamed(err, "reviewers", "user_ids"))
		return
	}
	out, err := s.campaignReviewers(r, c)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, out)
}
