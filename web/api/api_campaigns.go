package api

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"reflect"
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
	Total int `json:"total" doc:"Số phần tử của items." minimum:"0"`
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

func (s *Handler) ListCampaigns(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 500)
	q := r.URL.Query()
	f := thidua.CampaignFilter{Query: q.Get("q"), State: q.Get("state"), Limit: limit, Offset: offset}
	if err == nil && f.State != "" && !kit.ValidCode(thidua.CampaignStates, f.State) {
		err = kit.FieldErr("state", "state phải là một trong: "+kit.CodeList(thidua.CampaignStates)+".")
	}
	if err != nil {
		return err
	}
	cs, total, err := s.Store.FindCampaigns(r.Context(), f)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newList(cs, total, limit, offset))
	return nil
}

func (s *Handler) GetCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

// CampaignInput is the writable part of a campaign (thidua.CampaignInput,
// shared with the workspace form).
type CampaignInput = thidua.CampaignInput

func (s *Handler) CreateCampaign(w http.ResponseWriter, r *http.Request) error {
	var in CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := in.Campaign(0)
	if err == nil {
		err = s.Store.CreateCampaign(r.Context(), c)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Handler) UpdateCampaign(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	var in CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := in.Campaign(cur.ID)
	if err == nil {
		err = s.Store.UpdateCampaign(r.Context(), c)
	}
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

func (s *Handler) DeleteCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeleteCampaign(r.Context(), id)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// TransitionInput asks for a move of the campaign's state machine.
type TransitionInput struct {
	_       struct{} `doc:"Thao tác chuyển trạng thái." input:"true"`
	Action  string   `json:"action" doc:"Thao tác." enum:"campaignActions" required:"true"`
	Version int      `json:"version" doc:"Phiên bản đợt thi đua đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) TransitionCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in TransitionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if actions := transitionActions(); !kit.ValidCode(actions, in.Action) {
		return kit.FieldErr("action", "action phải là một trong: "+kit.CodeList(actions)+".")
	}
	c, err := s.Store.TransitionCampaign(r.Context(), id, in.Action, in.Version)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, c)
	return nil
}

// CopyInput is the body of a copy: an empty object, as the copy takes
// everything from the source campaign.
type CopyInput struct {
	_ struct{} `doc:"Không có trường nào: gửi {}." input:"true"`
}

func (s *Handler) CopyCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	// The body is optional; when sent it must be the JSON object {}.
	var in CopyInput
	if _, err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.Store.CopyCampaign(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, c)
	return nil
}

// ---- criteria

// CampaignCriteria is the ordered criteria of a campaign, with the
// campaign's version to send back when replacing them.
type CampaignCriteria struct {
	CampaignID int64 `json:"campaign_id" doc:"Mã đợt thi đua."`
	Version    int   `json:"version" doc:"Phiên bản hiện tại của đợt thi đua: gửi lại khi lưu tiêu chí." minimum:"1"`
	// Editable is true while the criteria may change: no registration
	// yet and the campaign not closed (whoever the caller is).
	Editable bool                `json:"editable" doc:"Tiêu chí còn sửa được: chưa có đăng ký và chưa tổng kết (không xét quyền của người gọi)."`
	Criteria []*thidua.Criterion `json:"criteria" doc:"Các tiêu chí theo thứ tự."`
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
	regs, err := s.Store.CountRegistrations(ctx, id)
	if err != nil {
		return nil, err
	}
	if crit == nil {
		crit = []*thidua.Criterion{}
	}
	return &CampaignCriteria{CampaignID: id, Version: c.Version, Editable: c.CanEditCriteria(regs), Criteria: crit}, nil
}

func (s *Handler) GetCriteria(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	out, err := s.campaignCriteria(r, id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// CriterionInput is the writable part of a criterion. Send the id of an
// existing criterion to keep it (and the scores linked to it).
type CriterionInput struct {
	_           struct{} `doc:"Một nội dung, tiêu chí." input:"true"`
	ID          int64    `json:"id" doc:"Mã tiêu chí đã có, để giữ lại nó; bỏ trống khi thêm mới."`
	Code        string   `json:"code" doc:"Mã tiêu chí (ví dụ TC1), không trùng trong đợt thi đua; lưu chữ in hoa." maxLength:"20" required:"true"`
	Title       string   `json:"title" doc:"Nội dung, tiêu chí." maxLength:"1000" required:"true"`
	Description string   `json:"description" doc:"Mô tả (nhiều dòng)." maxLength:"10000"`
	AppliesTo   string   `json:"applies_to" doc:"Áp dụng cho." enum:"participantKinds" required:"true"`
	MaxScore    float64  `json:"max_score" doc:"Điểm tối đa, lớn hơn 0 và không quá 1000." maximum:"1000" exclusiveMinimum:"0" required:"true"`
	Weight      float64  `json:"weight" doc:"Trọng số, lớn hơn 0 và không quá 100 (0 hoặc bỏ trống: 1)." minimum:"0" maximum:"100" default:"1"`
	Evidence    string   `json:"evidence" doc:"Minh chứng yêu cầu." maxLength:"1000"`
}

// CriteriaInput replaces the whole ordered list of a campaign's criteria.
type CriteriaInput struct {
	_        struct{}         `doc:"Toàn bộ danh sách tiêu chí, theo thứ tự." input:"true"`
	Version  int              `json:"version" doc:"Phiên bản đợt thi đua đã đọc." minimum:"1" required:"true"`
	Criteria []CriterionInput `json:"criteria" doc:"Các tiêu chí theo thứ tự (tối đa 100; [] xóa hết)." maxItems:"100" required:"true"`
}

func (s *Handler) SaveCriteria(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	var in CriteriaInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Criteria == nil {
		return kit.FieldErr("criteria", "Vui lòng gửi danh sách criteria (mảng rỗng [] để xóa hết tiêu chí).")
	}
	rows := make([]*thidua.Criterion, len(in.Criteria))
	for i, x := range in.Criteria {
		rows[i] = &thidua.Criterion{ID: x.ID, Code: x.Code, Title: x.Title, Description: x.Description,
			AppliesTo: x.AppliesTo, MaxScore: x.MaxScore, Weight: x.Weight, Evidence: x.Evidence}
	}
	if err := s.Store.SaveCriteria(r.Context(), c.ID, in.Version, rows); err != nil {
		return err
	}
	out, err := s.campaignCriteria(r, c.ID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// ---- registrations

func (s *Handler) ListRegistrations(w http.ResponseWriter, r *http.Request) error {
	regs, err := kit.FindByID(r, s.Store.FindRegistrations)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newItems(regs))
	return nil
}

// RegistrationInput registers one participant: a collective (unit_id) or
// an individual (person_id; the unit is the person's own).
type RegistrationInput struct {
	_           struct{}          `doc:"Một tập thể hoặc cá nhân đăng ký." input:"true"`
	Kind        string            `json:"kind" doc:"Tập thể hay cá nhân." enum:"registrationKinds" required:"true"`
	UnitID      int64             `json:"unit_id" doc:"Với tập thể: mã đơn vị đăng ký (bắt buộc). Với cá nhân: bỏ qua, lấy đơn vị của cá nhân."`
	PersonID    int64             `json:"person_id" doc:"Với cá nhân: mã cá nhân (bắt buộc). Với tập thể: không gửi."`
	TargetTitle string            `json:"target_title" doc:"Danh hiệu, hình thức khen thưởng đăng ký." maxLength:"255"`
	Commitments map[string]string `json:"commitments" doc:"Nội dung cam kết theo mã tiêu chí (ví dụ {\"TC1\": \"…\"})."`
}

// RegistrationsInput registers several participants at once, all or nothing.
type RegistrationsInput struct {
	_             struct{}            `doc:"Các tập thể, cá nhân đăng ký, lưu tất cả hoặc không." input:"true"`
	Registrations []RegistrationInput `json:"registrations" doc:"Từ 1 đến 5000 dòng." minItems:"1" maxItems:"5000" required:"true"`
}

func (s *Handler) CreateRegistrations(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	var in RegistrationsInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if len(in.Registrations) == 0 {
		return kit.FieldErr("registrations", "Vui lòng gửi ít nhất một tập thể hoặc cá nhân đăng ký trong registrations.")
	}
	crit, err := s.Store.FindCriteria(r.Context(), c.ID)
	if err != nil {
		return err
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
		return err
	}
	out := make([]*thidua.Registration, len(regs))
	for i, reg := range regs {
		if out[i], err = s.Store.FindRegistrationByID(r.Context(), reg.ID); err != nil {
			return err
		}
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+kit.IdStr(c.ID)+"/registrations")
	kit.WriteJSON(w, http.StatusCreated, newItems(out))
	return nil
}

func (s *Handler) GetRegistration(w http.ResponseWriter, r *http.Request) error {
	reg, err := kit.FindByID(r, s.Store.FindRegistrationByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, reg)
	return nil
}

// ReviewInput approves a registration, or returns it with a reason.
type ReviewInput struct {
	_       struct{} `doc:"Quyết định về một đăng ký." input:"true"`
	Approve *bool    `json:"approve" doc:"true: duyệt; false: trả lại (cần reason)." required:"true"`
	Reason  string   `json:"reason" doc:"Lý do trả lại; bỏ qua khi duyệt." maxLength:"2000"`
	Version int      `json:"version" doc:"Phiên bản đăng ký đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) ReviewRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ReviewInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Approve == nil {
		return kit.FieldErr("approve", "Vui lòng cho biết duyệt (approve: true) hay trả lại (approve: false, kèm reason).")
	}
	if err := s.Store.ReviewRegistration(r.Context(), id, *in.Approve, in.Reason, in.Version); err != nil {
		return err
	}
	reg, err := s.Store.FindRegistrationByID(r.Context(), id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, reg)
	return nil
}

// ---- evidence

func (s *Handler) ListEvidence(w http.ResponseWriter, r *http.Request) error {
	evs, err := kit.FindByID(r, s.Store.FindEvidence)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newItems(evs))
	return nil
}

// EvidenceInput is evidence reported through the API: text, a figure, a
// date and a link, without files (files are uploaded on the registration
// page of the web interface).
type EvidenceInput struct {
	_           struct{}    `doc:"Minh chứng không kèm tệp; cần ít nhất một trong text, figure, link." input:"true"`
	CriterionID int64       `json:"criterion_id" doc:"Mã tiêu chí của đợt thi đua." minimum:"1" required:"true"`
	Text        string      `json:"text" doc:"Nội dung minh chứng, báo cáo (nhiều dòng)." maxLength:"20000"`
	Figure      *float64    `json:"figure" doc:"Số liệu báo cáo."`
	Date        thidua.Date `json:"date" doc:"Ngày của minh chứng."`
	Link        string      `json:"link" doc:"Đường dẫn http:// hoặc https://." maxLength:"2000" format:"uri"`
}

func (s *Handler) AddEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in EvidenceInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	e := &thidua.Evidence{RegistrationID: id, CriterionID: in.CriterionID, Text: in.Text, Figure: in.Figure, Date: in.Date, Link: in.Link}
	if err := s.Store.AddEvidence(r.Context(), e); err != nil {
		return err
	}
	if e.Attachments == nil {
		e.Attachments = []thidua.Attachment{}
	}
	w.Header().Set("Location", "/api/v1/registrations/"+kit.IdStr(id)+"/evidence")
	kit.WriteJSON(w, http.StatusCreated, e)
	return nil
}

// ---- scores

func (s *Handler) ListScores(w http.ResponseWriter, r *http.Request) error {
	scores, err := kit.FindByID(r, s.Store.FindScores)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newItems(scores))
	return nil
}

// ScoreInput is the caller's score of one criterion of a registration.
type ScoreInput struct {
	_           struct{} `doc:"Điểm của người gọi cho một tiêu chí." input:"true"`
	CriterionID int64    `json:"criterion_id" doc:"Mã tiêu chí áp dụng cho đăng ký." minimum:"1" required:"true"`
	Kind        string   `json:"kind" doc:"Chấm với tư cách." enum:"scorerKinds" required:"true"`
	Value       *float64 `json:"value" doc:"Điểm, từ 0 đến max_score của tiêu chí." minimum:"0" required:"true"`
	Comment     string   `json:"comment" doc:"Nhận xét." maxLength:"2000"`
	Version     int      `json:"version" doc:"0 khi chấm lần đầu; phiên bản điểm đã đọc khi sửa." minimum:"0"`
}

func (s *Handler) SaveScore(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ScoreInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
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
		return err
	}
	sc := &thidua.Score{RegistrationID: id, CriterionID: in.CriterionID, Kind: in.Kind, Value: *in.Value,
		Comment: in.Comment, Version: in.Version}
	if err := s.Store.SaveScore(r.Context(), sc); err != nil {
		return err
	}
	sc.ScorerName = thidua.UserFromContext(r.Context()).DisplayName
	kit.WriteJSON(w, http.StatusOK, sc)
	return nil
}

// ---- results, progress

// CampaignResults is the ranking of a campaign's approved registrations.
type CampaignResults struct {
	CampaignID int64 `json:"campaign_id" doc:"Mã đợt thi đua."`
	// State is the campaign's state: the results are final once it is CLOSED.
	State    string              `json:"state" doc:"Trạng thái đợt thi đua; kết quả chính thức khi CLOSED." enum:"campaignStates"`
	Criteria []*thidua.Criterion `json:"criteria" doc:"Các tiêu chí, để đọc criteria của từng kết quả."`
	Items    []*thidua.Result    `json:"items" doc:"Kết quả: tập thể trước, cá nhân sau; theo hạng."`
	Total    int                 `json:"total" doc:"Số kết quả trả về." minimum:"0"`
}

func (s *Handler) GetCampaignResults(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
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
		return err
	}
	var unitPath string
	if unitID > 0 {
		u, err := s.Store.FindUnitByID(r.Context(), unitID)
		if err != nil {
			return kit.FieldErr("unit_id", "Không tìm thấy đơn vị này trong phạm vi được phân quyền.")
		}
		unitPath = u.Path
	}
	crit, results, err := s.CampaignResults(r, c)
	if err != nil {
		return err
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
	return nil
}

// ProgressTotals adds up the progress of every unit.
type ProgressTotals struct {
	Registered   int `json:"registered" doc:"Tổng số đăng ký." minimum:"0"`
	Approved     int `json:"approved" doc:"Tổng số đăng ký đã duyệt." minimum:"0"`
	WithEvidence int `json:"with_evidence" doc:"Tổng số đăng ký đã có minh chứng." minimum:"0"`
	Scored       int `json:"scored" doc:"Tổng số đăng ký đã có điểm thẩm định." minimum:"0"`
}

// CampaignProgressReport is what participants have done, unit by unit.
type CampaignProgressReport struct {
	CampaignID int64                     `json:"campaign_id" doc:"Mã đợt thi đua."`
	Items      []thidua.CampaignProgress `json:"items" doc:"Theo đơn vị, thứ tự cây."`
	Totals     ProgressTotals            `json:"totals"`
}

func (s *Handler) CampaignProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	ps, err := s.Store.Progress(r.Context(), id)
	if err != nil {
		return err
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
	return nil
}

// ---- reviewers

// Reviewer is a council member's account as the campaign API shows it:
// enough to name and assign them, nothing of their other grants.
type Reviewer struct {
	ID          int64  `json:"id" doc:"Mã tài khoản."`
	Username    string `json:"username" doc:"Tên đăng nhập."`
	DisplayName string `json:"display_name" doc:"Họ và tên hiển thị."`
	PersonID    int64  `json:"person_id,omitempty" doc:"Mã cá nhân được liên kết; không có nếu chưa liên kết."`
	PersonName  string `json:"person_name,omitempty" doc:"Họ tên cá nhân được liên kết."`
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
	CampaignID int64      `json:"campaign_id" doc:"Mã đợt thi đua."`
	UserIDs    []int64    `json:"user_ids" doc:"Mã tài khoản của các thành viên được phân công."`
	Reviewers  []Reviewer `json:"reviewers" doc:"Các thành viên được phân công, theo tên đăng nhập."`
	// Candidates are the council members who may be assigned; shown to
	// those who manage the campaign only.
	Candidates []Reviewer `json:"candidates,omitempty" doc:"Các thành viên Hội đồng có thể phân công (tài khoản đang hoạt động giữ vai trò COUNCIL trên đơn vị liên quan); chỉ người quản lý đợt thi đua thấy."`
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

func (s *Handler) GetReviewers(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	out, err := s.campaignReviewers(r, c)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// ReviewersInput replaces the reviewers of a campaign. Version, when not
// 0, must be the campaign's current version.
type ReviewersInput struct {
	_       struct{} `doc:"Danh sách thành viên Hội đồng được phân công (thay cả danh sách)." input:"true"`
	UserIDs []int64  `json:"user_ids" doc:"Mã tài khoản giữ vai trò COUNCIL; [] bỏ phân công." minimum:"1" required:"true"`
	Version int      `json:"version" doc:"Tùy chọn: phiên bản đợt thi đua đã đọc (0: không kiểm tra)." minimum:"0"`
}

func (s *Handler) SetReviewers(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	var in ReviewersInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.UserIDs == nil {
		return kit.FieldErr("user_ids", "Vui lòng gửi danh sách user_ids (mảng rỗng [] để bỏ phân công).")
	}
	if in.Version != 0 && in.Version != c.Version {
		return thidua.ErrStale()
	}
	if err := s.Store.SetReviewers(r.Context(), c.ID, in.UserIDs); err != nil {
		return withFieldRenamed(err, "reviewers", "user_ids")
	}
	out, err := s.campaignReviewers(r, c)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// ---- OpenAPI

var (
	oaCampaignParams = []string{"audit_limit", "offset", "q", "campaign_state"}
	oaResultParams   = []string{"result_kind", "top", "min_percent", "result_unit_id"}
)

// campaignOps documents the operations of this file (openapi.go).
var campaignOps = map[string]apiOp{
	"GET /api/v1/campaigns": {ID: "listCampaigns", Tag: oaTagCampaigns, Summary: "Danh sách đợt thi đua",
		Desc: "Mới nhất trước (theo ngày bắt đầu). Chỉ thấy các đợt thi đua do đơn vị trong phạm vi được phân quyền phát động, " +
			"hoặc có phạm vi tham gia giao với phạm vi đó. `q` tìm theo tên hoặc số, ký hiệu kế hoạch, không phân biệt dấu.",
		Params: oaCampaignParams, Status: http.StatusOK, Result: List[*thidua.Campaign]{}, Errors: []int{422}},
	"POST /api/v1/campaigns": {ID: "createCampaign", Tag: oaTagCampaigns, Summary: "Tạo đợt thi đua (dự thảo)",
		Desc: "Đợt thi đua mới ở trạng thái `DRAFT`. Kế hoạch phát động gửi bằng `plan_ref` (chuỗi như \"248/KH-VPUBND\") " +
			"hoặc bằng `plan` (đối tượng số, loại, cơ quan ban hành); khi đọc luôn trả về `plan`. " +
			"Cần quyền quản lý thi đua trên đơn vị phát động `unit_id`; phạm vi tham gia `scope_unit_id` (mặc định là đơn vị phát động) " +
			"phải là đơn vị đó hoặc đơn vị trực thuộc.",
		Body: CampaignInput{}, Status: http.StatusCreated, Result: thidua.Campaign{}, Errors: []int{422}},
	"GET /api/v1/campaigns/{id}": {ID: "getCampaign", Tag: oaTagCampaigns, Summary: "Xem một đợt thi đua", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: thidua.Campaign{}, Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}": {ID: "updateCampaign", Tag: oaTagCampaigns, Summary: "Sửa đợt thi đua",
		Desc: "Thay toàn bộ phần sửa được (trường không gửi bị xóa hoặc về mặc định); trạng thái chỉ đổi qua /campaigns/{id}/transitions. " +
			"Đợt thi đua đã tổng kết không sửa được (422)." + oaLockNote + oaWriteScopeNote,
		Body: CampaignInput{}, Status: http.StatusOK, Result: thidua.Campaign{}, Errors: []int{404, 409, 422}},
	"DELETE /api/v1/campaigns/{id}": {ID: "deleteCampaign", Tag: oaTagCampaigns, Summary: "Xóa đợt thi đua dự thảo",
		Desc:   "Chỉ xóa được đợt thi đua ở trạng thái `DRAFT`; ở trạng thái khác trả về 409.",
		Status: http.StatusNoContent, Errors: []int{404, 409}},
	"POST /api/v1/campaigns/{id}/transitions": {ID: "transitionCampaign", Tag: oaTagCampaigns, Summary: "Chuyển trạng thái đợt thi đua",
		Desc: "Các thao tác được phép: " + oaTransitionsText() + ". Phát động cần ít nhất một nội dung, tiêu chí. " +
			"Thao tác không áp dụng cho trạng thái hiện tại trả về 422, `detail` nêu trạng thái đó." + oaLockNote +
			" Trả về đợt thi đua sau khi chuyển (version tăng).",
		Body: TransitionInput{}, Status: http.StatusOK, Result: thidua.Campaign{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/campaigns/{id}/copy": {ID: "copyCampaign", Tag: oaTagCampaigns, Summary: "Sao chép thành đợt thi đua mới",
		Desc: "Sao chép đợt thi đua và các nội dung, tiêu chí thành một đợt mới ở trạng thái `DRAFT`: tên thêm \"(bản sao)\", " +
			"thời gian lùi một năm, bỏ số và ngày kế hoạch. Không sao chép đăng ký, minh chứng, điểm. Gửi `{}` (hoặc không gửi nội dung).",
		Body: CopyInput{}, Status: http.StatusCreated, Result: thidua.Campaign{}, Errors: []int{404, 422}},

	"GET /api/v1/campaigns/{id}/criteria": {ID: "getCampaignCriteria", Tag: oaTagCampaigns, Summary: "Nội dung, tiêu chí của đợt thi đua",
		Desc:   "Theo thứ tự; kèm `version` của đợt thi đua để gửi lại khi lưu, và `editable` cho biết tiêu chí còn sửa được không.",
		Status: http.StatusOK, Result: CampaignCriteria{}, Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}/criteria": {ID: "saveCampaignCriteria", Tag: oaTagCampaigns, Summary: "Lưu toàn bộ danh sách tiêu chí",
		Desc: "Thay cả danh sách theo thứ tự gửi lên (`position` đánh lại từ 1). Tiêu chí gửi kèm `id` được giữ lại (điểm đã chấm vẫn gắn với nó); " +
			"tiêu chí không có trong danh sách bị xóa; mã tiêu chí không được trùng (lỗi ghi theo `criteria[i].trường`). " +
			"Khi đợt thi đua đã có đăng ký hoặc đã tổng kết, tiêu chí bị khóa: 422. " +
			"Gửi `version` của đợt thi đua (từ GET); lưu xong version của đợt thi đua tăng, nếu đã bị người khác sửa thì trả về 409.",
		Body: CriteriaInput{}, Status: http.StatusOK, Result: CampaignCriteria{}, Errors: []int{404, 409, 422}},

	"GET /api/v1/campaigns/{id}/registrations": {ID: "listCampaignRegistrations", Tag: oaTagRegistrations, Summary: "Danh sách đăng ký thi đua",
		Desc:   "Mọi đăng ký của đợt thi đua (tập thể trước, cá nhân sau, theo đơn vị); không phân trang.",
		Status: http.StatusOK, Result: Items[*thidua.Registration]{}, Errors: []int{404}},
	"POST /api/v1/campaigns/{id}/registrations": {ID: "createRegistrations", Tag: oaTagRegistrations, Summary: "Đăng ký thi đua cho nhiều tập thể, cá nhân",
		Desc: "Tất cả hoặc không: một dòng lỗi thì không dòng nào được lưu. Chỉ đăng ký khi đợt thi đua đã phát động hoặc đang thực hiện (khác: 422). " +
			"Đơn vị, cá nhân phải thuộc phạm vi tham gia của đợt thi đua (422) và phạm vi được phân quyền của người gọi (403); " +
			"đã đăng ký rồi: 409. `commitments` ghi nội dung cam kết theo mã tiêu chí. " +
			"Trả về các đăng ký vừa tạo (trạng thái `SUBMITTED`, chờ duyệt); tiêu đề Location trỏ tới danh sách đăng ký của đợt thi đua.",
		Body: RegistrationsInput{}, Status: http.StatusCreated, Result: Items[*thidua.Registration]{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/registrations/{id}": {ID: "getRegistration", Tag: oaTagRegistrations, Summary: "Xem một đăng ký thi đua",
		Desc: "Đăng ký của một đợt thi đua trong phạm vi được thấy; ngoài phạm vi trả về 404.", Status: http.StatusOK, Result: thidua.Registration{}, Errors: []int{404}},
	"POST /api/v1/registrations/{id}/review": {ID: "reviewRegistration", Tag: oaTagRegistrations, Summary: "Duyệt hoặc trả lại đăng ký",
		Desc: "`approve: true` duyệt; `approve: false` trả lại, cần `reason`. Cần quyền quản lý đợt thi đua trên đơn vị phát động (403). " +
			"Đợt thi đua đã tổng kết: 422." + oaLockNote + " Trả về đăng ký sau khi xử lý.",
		Body: ReviewInput{}, Status: http.StatusOK, Result: thidua.Registration{}, Errors: []int{404, 409, 422}},

	"GET /api/v1/registrations/{id}/evidence": {ID: "listEvidence", Tag: oaTagRegistrations, Summary: "Minh chứng, báo cáo của một đăng ký",
		Desc: "Theo tiêu chí. `attachments` liệt kê tệp đính kèm (tên, loại, dung lượng); nội dung tệp tải về trên giao diện, " +
			"tại /app/attachments/{id} khi đã đăng nhập, không qua API.",
		Status: http.StatusOK, Result: Items[*thidua.Evidence]{}, Errors: []int{404}},
	"POST /api/v1/registrations/{id}/evidence": {ID: "addEvidence", Tag: oaTagRegistrations, Summary: "Nộp minh chứng (không kèm tệp)",
		Desc: "API nhận minh chứng dạng JSON: nội dung, số liệu, ngày, đường dẫn (cần ít nhất một trong `text`, `figure`, `link`). " +
			"**Tệp đính kèm chỉ tải lên qua giao diện**, ở trang đăng ký /app/registrations/{id}. " +
			"Người nộp: người có quyền đăng ký trên đơn vị của đăng ký, hoặc chính cá nhân đăng ký (khác: 403). " +
			"Chỉ nộp khi đợt thi đua đã phát động hoặc đang thực hiện; đăng ký bị trả lại được bổ sung đến khi tổng kết (khác: 422).",
		Body: EvidenceInput{}, Status: http.StatusCreated, Result: thidua.Evidence{}, Errors: []int{403, 404, 422}},

	"GET /api/v1/campaigns/{id}/scores": {ID: "listScores", Tag: oaTagScoring, Summary: "Điểm đã chấm của đợt thi đua",
		Desc:   "Mọi điểm (tự chấm, thủ trưởng đơn vị, thành viên Hội đồng) của mọi đăng ký, theo đăng ký rồi tiêu chí.",
		Status: http.StatusOK, Result: Items[thidua.Score]{}, Errors: []int{404}},
	"PUT /api/v1/registrations/{id}/scores": {ID: "saveScore", Tag: oaTagScoring, Summary: "Chấm điểm một tiêu chí của đăng ký",
		Desc: "Ghi điểm của người gọi theo `kind`: `SELF` tự chấm (người có quyền đăng ký trên đơn vị hoặc chính cá nhân; khi đang thực hiện " +
			"hoặc đang đánh giá), `HEAD` thủ trưởng đơn vị của người tham gia, `COUNCIL` thành viên Hội đồng được phân công (khi đang đánh giá). " +
			"Mỗi tiêu chí có một điểm tự chấm và một điểm của mỗi người thẩm định. Chỉ chấm đăng ký đã duyệt. " +
			"Chấm lần đầu gửi `version: 0`; sửa điểm gửi `version` đã đọc (409 nếu điểm đã bị sửa). " +
			"Điểm ngoài khoảng 0 đến `max_score` của tiêu chí: 422 với `errors.value`; sai trạng thái: 422; không có quyền: 403.",
		Body: ScoreInput{}, Status: http.StatusOK, Result: thidua.Score{}, Errors: []int{403, 404, 409, 422}},

	"GET /api/v1/campaigns/{id}/results": {ID: "getCampaignResults", Tag: oaTagScoring, Summary: "Kết quả, xếp hạng",
		Desc: "Chỉ các đăng ký đã duyệt. Điểm cuối mỗi tiêu chí tổng hợp theo `aggregation` của đợt thi đua; tổng điểm là Σ điểm cuối × trọng số. " +
			"Tập thể và cá nhân xếp hạng riêng (tập thể trước); bằng tổng điểm thì cùng hạng và `tied` là true " +
			"(thứ tự hiển thị: nữ trước, rồi người không giữ chức vụ lãnh đạo, rồi theo tên). `complete`: mọi tiêu chí áp dụng đã có điểm; " +
			"`reviewed`: có điểm thẩm định (không chỉ tự chấm). Lọc: `kind`, `top` (giữ cả các đăng ký đồng hạng ở ngưỡng cắt), " +
			"`min_percent`, `unit_id` (đơn vị và đơn vị trực thuộc; thứ hạng vẫn tính trên toàn đợt). Kết quả chính thức khi `state` là `CLOSED`.",
		PathParams: oaResultParams, Status: http.StatusOK, Result: CampaignResults{}, Errors: []int{404, 422}},
	"GET /api/v1/campaigns/{id}/progress": {ID: "getCampaignProgress", Tag: oaTagScoring, Summary: "Tiến độ thực hiện theo đơn vị",
		Desc:   "Theo từng đơn vị có đăng ký: số đăng ký, đã duyệt, đã có minh chứng, đã có điểm thẩm định; kèm tổng cộng.",
		Status: http.StatusOK, Result: CampaignProgressReport{}, Errors: []int{404}},
	"GET /api/v1/campaigns/{id}/reviewers": {ID: "getCampaignReviewers", Tag: oaTagScoring, Summary: "Thành viên Hội đồng chấm điểm",
		Desc:   "Các thành viên Hội đồng được phân công chấm điểm; người quản lý đợt thi đua thấy thêm `candidates`, những người có thể phân công.",
		Status: http.StatusOK, Result: CampaignReviewers{}, Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}/reviewers": {ID: "setCampaignReviewers", Tag: oaTagScoring, Summary: "Phân công thành viên Hội đồng chấm điểm",
		Desc: "Thay cả danh sách; mỗi tài khoản phải giữ vai trò COUNCIL (khác: 422 với `errors.user_ids`). Đợt thi đua đã tổng kết: 422. " +
			"`version` (tùy chọn): nếu khác 0 phải bằng version hiện tại của đợt thi đua, nếu không trả về 409; phân công không làm tăng version.",
		Body: ReviewersInput{}, Status: http.StatusOK, Result: CampaignReviewers{}, Errors: []int{404, 409, 422}},
}

// campaignParams are the query parameters of this file's operations, by name in
// components/parameters.
var campaignParams = map[string]apiParam{
	"campaign_state": {"state", "Chỉ các đợt thi đua ở trạng thái này.", "", `enum:"campaignStates"`},
	"result_kind":    {"kind", "Chỉ tập thể hoặc chỉ cá nhân (mặc định cả hai, tập thể trước).", "", `enum:"registrationKinds"`},
	"top":            {"top", "Chỉ các đăng ký có hạng từ 1 đến top trong loại của mình; các đăng ký đồng hạng ở ngưỡng cắt đều được giữ. 0 hoặc bỏ trống: không giới hạn.", 0, `minimum:"0"`},
	"min_percent":    {"min_percent", "Chỉ các đăng ký đạt ít nhất tỷ lệ này (phần trăm tổng điểm tối đa), từ 0 đến 100.", float64(0), `minimum:"0" maximum:"100"`},
	"result_unit_id": {"unit_id", "Chỉ các đăng ký của đơn vị này và đơn vị trực thuộc (đơn vị trong phạm vi được phân quyền).", int64(0), `minimum:"1"`},
}

// campaignTypeDocs describes the types of this part of the API that the package
// does not own, and the instances of List and Items (openapi_schema.go).
var campaignTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[thidua.CampaignInput](): {
		"":                  `doc:"Phần sửa được của đợt thi đua. Kế hoạch gửi bằng \x60plan_ref\x60 hoặc \x60plan\x60 (nếu gửi cả hai thì phải khớp nhau)." input:"true"`,
		"title":             `doc:"Tên phong trào, đợt thi đua." minLength:"1" maxLength:"500" required:"true"`,
		"form":              `doc:"Hình thức tổ chức thi đua." enum:"campaignForms" required:"true"`,
		"kind":              `doc:"Loại đợt thi đua." enum:"campaignKinds" required:"true"`,
		"unit_id":           `doc:"Mã đơn vị phát động (trong phạm vi quản lý thi đua của người gọi)." minimum:"1" required:"true"`,
		"scope_unit_id":     `doc:"Mã đơn vị tham gia: đơn vị phát động hoặc đơn vị trực thuộc (0 hoặc bỏ trống: đơn vị phát động)."`,
		"plan_ref":          `doc:"Số, ký hiệu kế hoạch như in trên văn bản: số/loại-cơ quan ban hành. Sai dạng hoặc loại văn bản không có trong danh mục: 422 với \x60errors.plan_ref\x60." examples:"248/KH-VPUBND"`,
		"plan_date":         `doc:"Ngày ban hành kế hoạch."`,
		"signer":            `doc:"Người ký kế hoạch." maxLength:"100"`,
		"signer_post":       `doc:"Chức vụ người ký." maxLength:"100"`,
		"start_date":        `doc:"Ngày bắt đầu, không trước ngày ban hành kế hoạch." required:"true"`,
		"end_date":          `doc:"Ngày kết thúc, không trước ngày bắt đầu." required:"true"`,
		"objectives":        `doc:"Mục đích, yêu cầu (nhiều dòng)." maxLength:"20000"`,
		"participants":      `doc:"Đối tượng tham gia." enum:"participantKinds" required:"true"`,
		"awards":            `doc:"Hình thức khen thưởng dự kiến (tối đa 20)." maxItems:"20"`,
		"aggregation":       `doc:"Cách tổng hợp điểm (mặc định MEAN_REVIEWERS)." enum:"aggregations"`,
		"exclude_conflicts": `doc:"Bỏ điểm Hội đồng khi có xung đột lợi ích." default:"false"`,
		"publish_ranking":   `doc:"Công khai kết quả xếp hạng trong cơ quan: khi đợt thi đua đã tổng kết, mọi người xem được đợt thi đua thấy tên, tổng điểm và thứ hạng (không thấy minh chứng, điểm từng tiêu chí)." default:"false"`,
	},
	reflect.TypeFor[thidua.DocRef](): {
		"number": `doc:"Số văn bản (ví dụ 248); chuỗi rỗng khi chưa có." pattern:"^[0-9]{0,6}$"`,
		"year":   `doc:"Năm trong số, ký hiệu của văn bản quy phạm pháp luật (86/2025/QĐ-UBND); bỏ trống với văn bản khác." minimum:"0"`,
		"type":   `doc:"Loại văn bản, viết tắt; chuỗi rỗng khi chưa có." enum:"docTypes"`,
		"issuer": `doc:"Cơ quan ban hành, viết tắt (ví dụ VPUBND); chuỗi rỗng khi chưa có."`,
	},
	reflect.TypeFor[thidua.PlannedAward](): {
		"code":            `doc:"Mã hình thức khen thưởng (ví dụ GK, BKCT), chữ in hoa."`,
		"label":           `doc:"Tên hình thức khen thưởng (ví dụ \"Giấy khen của Chánh Văn phòng UBND tỉnh\")."`,
		"max_collectives": `doc:"Số tập thể được khen tối đa (0: không giới hạn)." minimum:"0"`,
		"max_individuals": `doc:"Số cá nhân được khen tối đa (0: không giới hạn)." minimum:"0"`,
	},
	reflect.TypeFor[thidua.Campaign](): {
		"id":                `doc:"Mã đợt thi đua."`,
		"title":             `doc:"Tên phong trào, đợt thi đua."`,
		"form":              `doc:"Hình thức tổ chức thi đua." enum:"campaignForms"`,
		"kind":              `doc:"Loại đợt thi đua." enum:"campaignKinds"`,
		"unit_id":           `doc:"Mã đơn vị phát động."`,
		"plan_date":         `doc:"Ngày ban hành kế hoạch."`,
		"signer":            `doc:"Người ký kế hoạch."`,
		"signer_post":       `doc:"Chức vụ người ký."`,
		"start_date":        `doc:"Ngày bắt đầu."`,
		"end_date":          `doc:"Ngày kết thúc."`,
		"objectives":        `doc:"Mục đích, yêu cầu (nhiều dòng)."`,
		"scope_unit_id":     `doc:"Mã đơn vị tham gia: đơn vị này và mọi đơn vị trực thuộc."`,
		"participants":      `doc:"Đối tượng tham gia." enum:"participantKinds"`,
		"awards":            `doc:"Hình thức khen thưởng dự kiến khi tổng kết."`,
		"aggregation":       `doc:"Cách tổng hợp điểm thẩm định thành điểm cuối của tiêu chí." enum:"aggregations"`,
		"exclude_conflicts": `doc:"Bỏ điểm của thành viên Hội đồng chấm cho tập thể, cá nhân thuộc đơn vị của chính mình (xung đột lợi ích)."`,
		"publish_ranking":   `doc:"Công khai kết quả xếp hạng trong cơ quan khi đợt thi đua đã tổng kết (tên, tổng điểm, thứ hạng)."`,
		"state":             `doc:"Trạng thái." enum:"campaignStates"`,
		"unit_name":         `doc:"Tên đơn vị phát động."`,
		"scope_unit_name":   `doc:"Tên đơn vị tham gia."`,
	},
	reflect.TypeFor[List[*thidua.Campaign]](): {"": `schema:"CampaignList"`, "items": `doc:"Các đợt thi đua, mới nhất trước."`},
	reflect.TypeFor[thidua.Criterion](): {
		"id":          `doc:"Mã tiêu chí."`,
		"campaign_id": `doc:"Mã đợt thi đua."`,
		"position":    `doc:"Thứ tự, từ 1." minimum:"1"`,
		"code":        `doc:"Mã tiêu chí (ví dụ TC1), duy nhất trong đợt thi đua."`,
		"title":       `doc:"Nội dung, tiêu chí."`,
		"description": `doc:"Mô tả (nhiều dòng)."`,
		"applies_to":  `doc:"Áp dụng cho." enum:"participantKinds"`,
		"max_score":   `doc:"Điểm tối đa."`,
		"weight":      `doc:"Trọng số."`,
		"evidence":    `doc:"Minh chứng yêu cầu."`,
	},
	reflect.TypeFor[thidua.Registration](): {
		"id":            `doc:"Mã đăng ký."`,
		"campaign_id":   `doc:"Mã đợt thi đua."`,
		"kind":          `doc:"Tập thể hay cá nhân." enum:"registrationKinds"`,
		"unit_id":       `doc:"Mã đơn vị (tập thể đăng ký, hoặc đơn vị của cá nhân)."`,
		"person_id":     `doc:"Mã cá nhân; không có ở đăng ký tập thể."`,
		"target_title":  `doc:"Danh hiệu, hình thức khen thưởng đăng ký."`,
		"commitments":   `doc:"Nội dung cam kết theo mã tiêu chí (ví dụ {\"TC1\": \"…\"})."`,
		"state":         `doc:"Trạng thái." enum:"registrationStates"`,
		"return_reason": `doc:"Lý do trả lại (khi RETURNED)."`,
		"name":          `doc:"Tên tập thể hoặc họ tên cá nhân."`,
		"unit_name":     `doc:"Tên đơn vị."`,
		"is_leader":     `doc:"Cá nhân giữ chức vụ lãnh đạo, quản lý (chỉ có khi true)."`,
		"gender":        `doc:"Giới tính của cá nhân (không có ở tập thể)." enum:"genders"`,
	},
	reflect.TypeFor[Items[*thidua.Registration]](): {"": `schema:"RegistrationList"`, "items": `doc:"Các đăng ký."`},
	reflect.TypeFor[thidua.Attachment](): {
		"id":           `doc:"Mã tệp; tải về tại /app/attachments/{id} trên giao diện."`,
		"evidence_id":  `doc:"Mã minh chứng."`,
		"name":         `doc:"Tên tệp."`,
		"content_type": `doc:"Loại nội dung (MIME)."`,
		"size":         `doc:"Dung lượng (byte)." minimum:"0"`,
	},
	reflect.TypeFor[thidua.Evidence](): {
		"id":              `doc:"Mã minh chứng."`,
		"registration_id": `doc:"Mã đăng ký."`,
		"criterion_id":    `doc:"Mã tiêu chí."`,
		"text":            `doc:"Nội dung minh chứng, báo cáo."`,
		"figure":          `doc:"Số liệu báo cáo (ví dụ số tin, bài); không có khi không báo cáo số liệu."`,
		"date":            `doc:"Ngày của minh chứng."`,
		"link":            `doc:"Đường dẫn http(s); không có khi không gửi."`,
		"attachments":     `doc:"Tệp đính kèm (tải lên qua giao diện)."`,
		"created_by":      `doc:"Mã tài khoản đã nộp."`,
	},
	reflect.TypeFor[Items[*thidua.Evidence]](): {"": `schema:"EvidenceList"`, "items": `doc:"Các minh chứng, theo tiêu chí."`},
	reflect.TypeFor[thidua.Score](): {
		"id":              `doc:"Mã điểm."`,
		"registration_id": `doc:"Mã đăng ký."`,
		"criterion_id":    `doc:"Mã tiêu chí."`,
		"kind":            `doc:"Loại điểm." enum:"scorerKinds"`,
		"scorer_id":       `doc:"Mã tài khoản đã chấm (lần gần nhất)."`,
		"scorer_name":     `doc:"Tên người chấm."`,
		"value":           `doc:"Điểm, từ 0 đến điểm tối đa của tiêu chí." minimum:"0"`,
		"comment":         `doc:"Nhận xét; không có khi trống."`,
	},
	reflect.TypeFor[Items[thidua.Score]](): {"": `schema:"ScoreList"`, "items": `doc:"Các điểm, theo đăng ký rồi tiêu chí."`},
	reflect.TypeFor[thidua.CriterionResult](): {
		"criterion_id": `doc:"Mã tiêu chí."`,
		"self":         `doc:"Điểm tự chấm (0 khi chưa có)."`,
		"has_self":     `doc:"Đã tự chấm."`,
		"reviewers":    `doc:"Số điểm thẩm định được tính." minimum:"0"`,
		"excluded":     `doc:"Số điểm thẩm định bị loại vì xung đột lợi ích." minimum:"0"`,
		"final":        `doc:"Điểm cuối của tiêu chí, làm tròn 2 chữ số."`,
		"scored":       `doc:"Tiêu chí đã có điểm (thẩm định hoặc tự chấm)."`,
	},
	reflect.TypeFor[thidua.Result](): {
		"criteria": `doc:"Điểm cuối từng tiêu chí áp dụng, theo thứ tự tiêu chí."`,
		"total":    `doc:"Tổng điểm: Σ điểm cuối × trọng số."`,
		"max":      `doc:"Tổng điểm tối đa: Σ điểm tối đa × trọng số."`,
		"percent":  `doc:"Tổng điểm / tổng điểm tối đa × 100, làm tròn 2 chữ số."`,
		"rank":     `doc:"Thứ hạng trong loại (tập thể hoặc cá nhân), từ 1; đồng hạng khi bằng điểm." minimum:"1"`,
		"tied":     `doc:"Có đăng ký khác cùng hạng."`,
		"complete": `doc:"Mọi tiêu chí áp dụng đã có điểm."`,
		"reviewed": `doc:"Có ít nhất một điểm thẩm định (thủ trưởng hoặc Hội đồng); false: chỉ có điểm tự chấm."`,
	},
	reflect.TypeFor[thidua.CampaignProgress](): {
		"unit_id":       `doc:"Mã đơn vị."`,
		"unit_name":     `doc:"Tên đơn vị."`,
		"registered":    `doc:"Số đăng ký (tập thể và cá nhân của đơn vị)." minimum:"0"`,
		"approved":      `doc:"Số đăng ký đã duyệt." minimum:"0"`,
		"with_evidence": `doc:"Số đăng ký đã có minh chứng." minimum:"0"`,
		"scored":        `doc:"Số đăng ký đã có điểm thẩm định." minimum:"0"`,
	},
}
