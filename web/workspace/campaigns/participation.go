package campaigns

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
	"unicode/utf8"
)

type registrationPage struct {
	kit.Page
	Campaign     *thidua.Campaign
	Registration *thidua.Registration
	Criteria     []*thidua.Criterion
	Evidence     map[int64][]*thidua.Evidence
	Scores       map[int64][]thidua.Score
	Result       *thidua.Result
	Form         *kit.Form
	CanReport    bool
	CanSelf      bool
	CanHead      bool
	CanCouncil   bool
	CanManage    bool
	MyScores     map[string]thidua.Score // kind/criterion → my score
}

// MyScore returns the signed-in user's score of kind for a criterion.
func (p *registrationPage) MyScore(kind string, criterion int64) thidua.Score {
	return p.MyScores[kind+"/"+strconv.FormatInt(criterion, 10)]
}

// CriterionResult returns the aggregated result of a criterion.
func (p *registrationPage) CriterionResult(id int64) *thidua.CriterionResult {
	if p.Result == nil {
		return nil
	}
	for i := range p.Result.Criteria {
		if p.Result.Criteria[i].CriterionID == id {
			return &p.Result.Criteria[i]
		}
	}
	return nil
}

func (s *Handler) registrationPage(r *http.Request, id int64, f *kit.Form) (*registrationPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	reg, err := s.Store.FindRegistrationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := s.Store.FindCampaignByID(ctx, reg.CampaignID)
	if err != nil {
		return nil, err
	}
	p := &registrationPage{Page: kit.Page{Title: reg.Name + " – " + c.Title, Nav: "campaigns"}, Campaign: c, Registration: reg, Form: f,
		Evidence: map[int64][]*thidua.Evidence{}, Scores: map[int64][]thidua.Score{}, MyScores: map[string]thidua.Score{}}
	crit, err := s.Store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, cr := range crit {
		if cr.Applies(reg.Kind) {
			p.Criteria = append(p.Criteria, cr)
		}
	}
	evs, err := s.Store.FindEvidence(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		p.Evidence[e.CriterionID] = append(p.Evidence[e.CriterionID], e)
	}
	all, err := s.Store.FindScores(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var mine []thidua.Score
	for _, sc := range all {
		if sc.RegistrationID == id {
			p.Scores[sc.CriterionID] = append(p.Scores[sc.CriterionID], sc)
			mine = append(mine, sc)
			if sc.ScorerID == me.ID || sc.Kind == thidua.ScoreSelf {
				p.MyScores[sc.Kind+"/"+strconv.FormatInt(sc.CriterionID, 10)] = sc
			}
		}
	}
	if res := thidua.ComputeResults(c, crit, []*thidua.Registration{reg}, mine); len(res) == 1 {
		p.Result = res[0]
	}
	// The buttons follow the same domain predicates that storage refuses by.
	p.CanReport = thidua.CheckAddEvidence(me, c, reg) == nil
	p.CanSelf = thidua.CheckScore(me, c, reg, thidua.ScoreSelf, false) == nil
	p.CanHead = thidua.CheckScore(me, c, reg, thidua.ScoreHead, false) == nil
	if me.HasRole(thidua.RoleCouncil) && c.ScoringOpen(thidua.ScoreCouncil) {
		reviewers, err := s.Store.FindReviewers(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		assigned := slices.ContainsFunc(reviewers, func(u *thidua.User) bool { return u.ID == me.ID })
		p.CanCouncil = thidua.CheckScore(me, c, reg, thidua.ScoreCouncil, assigned) == nil
	}
	p.CanManage = me.Covers(thidua.PermManageCampaigns, c.UnitPath)
	return p, nil
}

func (s *Handler) HandleRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.registrationPage(r, id, kit.NewForm())
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "registration.html", p)
	return nil
}

// participationError re-renders the registration page with the form's errors.
func (s *Handler) participationError(w http.ResponseWriter, r *http.Request, id int64, f *kit.Form, err error) {
	s.FormFailed(w, r, f, err, "registration.html", func() (kit.View, error) {
		return s.registrationPage(r, id, f)
	})
}

func (s *Handler) HandleEvidenceAdd(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	limit := s.Cfg.MaxUpload
	r.Body = http.MaxBytesReader(w, r.Body, 5*limit+1<<20)
	f := kit.NewForm()
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.participationError(w, r, id, f, kit.FieldErr("files", "Tổng dung lượng tệp vượt quá giới hạn cho phép."))
			return nil
		}
		if err := r.ParseForm(); err != nil {
			return thidua.Errorf(thidua.EINVALID, "Không đọc được dữ liệu biểu mẫu.")
		}
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	for _, k := range []string{"criterion_id", "text", "figure", "date", "link"} {
		f.Values[k] = strings.TrimSpace(r.FormValue(k))
	}
	e := &thidua.Evidence{RegistrationID: id, Text: r.FormValue("text"), Link: f.Values["link"]}
	e.CriterionID = f.Int("criterion_id", "Vui lòng chọn tiêu chí.")
	e.Date = f.Date("date")
	if v := f.Values["figure"]; v != "" {
		n := kit.ParseDecimal(f, "figure", v)
		e.Figure = &n
	}
	var stored []string
	cleanup := func() {
		for _, k := range stored {
			s.Cfg.Files.Delete(r.Context(), k)
		}
	}
	if r.MultipartForm != nil {
		files := r.MultipartForm.File["files"]
		if len(files) > 5 {
			f.Errors["files"] = "Tối đa 5 tệp mỗi lần."
		}
		for _, fh := range files {
			if f.Errors["files"] != "" {
				break
			}
			if fh.Size > limit {
				f.Errors["files"] = "Tệp “" + thidua.NormalizeFileName(fh.Filename) + "” lớn hơn " + kit.SizeLabel(limit) + "."
				break
			}
			name := thidua.NormalizeFileName(fh.Filename)
			if !utf8.ValidString(name) || len(name) > 255 || name == "." {
				f.Errors["files"] = "Tên tệp không hợp lệ."
				break
			}
			fd, err := fh.Open()
			if err != nil {
				f.Errors["files"] = "Không đọc được tệp “" + name + "”."
				break
			}
			data, err := io.ReadAll(io.LimitReader(fd, limit+1))
			fd.Close()
			if err != nil || int64(len(data)) > limit {
				f.Errors["files"] = "Không đọc được tệp “" + name + "”."
				break
			}
			ct, err := kit.CheckUpload(name, data)
			if err != nil {
				f.Errors["files"] = thidua.ErrorMessage(err)
				break
			}
			key := kit.RandomKey()
			if err := s.Cfg.Files.Put(r.Context(), key, data); err != nil {
				cleanup()
				return err
			}
			stored = append(stored, key)
			e.Attachments = append(e.Attachments, thidua.Attachment{Name: thidua.NormalizeText(name), ContentType: ct, Size: int64(len(data)), Key: key})
		}
	}
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.AddEvidence(r.Context(), e)
	}
	if err != nil {
		cleanup()
		s.participationError(w, r, id, f, err)
		return nil
	}
	s.Flash(w, r, "Đã lưu minh chứng.")
	http.Redirect(w, r, "/app/registrations/"+kit.IdStr(id)+"#tc-"+kit.IdStr(e.CriterionID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleScoreSave(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	sc := &thidua.Score{RegistrationID: id, Kind: f.Values["kind"], Comment: f.Values["comment"]}
	sc.CriterionID = f.Int("criterion_id", "Tiêu chí không hợp lệ.")
	sc.Version = int(f.Int("version", "Phiên bản không hợp lệ."))
	if strings.TrimSpace(f.Values["value"]) == "" {
		f.Errors["value"] = "Vui lòng nhập điểm."
	}
	sc.Value = kit.ParseDecimal(f, "value", f.Values["value"])
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.SaveScore(r.Context(), sc)
	}
	if err != nil {
		f.Values["score_criterion"] = kit.IdStr(sc.CriterionID)
		f.Values["score_kind"] = sc.Kind
		s.participationError(w, r, id, f, err)
		return nil
	}
	s.Flash(w, r, "Đã lưu điểm "+thidua.Label(thidua.ScorerKinds, sc.Kind)+".")
	http.Redirect(w, r, "/app/registrations/"+kit.IdStr(id)+"#tc-"+kit.IdStr(sc.CriterionID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	a, _, err := s.Store.FindAttachment(r.Context(), id)
	if err != nil {
		return err
	}
	data, err := s.Cfg.Files.Get(r.Context(), a.Key)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}
