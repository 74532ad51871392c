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
	"thidua/signing"
	"thidua/web/kit"
	"unicode/utf8"
)

type registrationPage struct {
	kit.Page
	Campaign     *thidua.Campaign
	Registration *thidua.Registration
	Criteria     []*thidua.Criterion
	Evidence     map[int64][]*thidua.Evidence
	// Signatures are the signature checks of the attachments by key.
	Signatures  map[string]signing.Verdict
	Scores      map[int64][]thidua.Score
	Result      *thidua.Result
	Form        *kit.Form
	CanReport   bool
	CanSelf     bool
	CanHead     bool
	CanCouncil  bool
	CanManage   bool
	CanResubmit bool                       // returned, and the user fixes and sends it again
	ScoringKind string                     // the reviewer's score the one-form scoring gives (HEAD, COUNCIL), "" for none
	Events      []thidua.RegistrationEvent // the review history
	MyScores    map[string]thidua.Score    // kind/criterion → my score
}

// Commitment returns the commitment for criterion code the resubmission
// form shows: as typed after a refusal, the stored one otherwise.
func (p *registrationPage) Commitment(code string) string {
	if v, ok := p.Form.Values["commit_"+code]; ok {
		return v
	}
	return p.Registration.Commitments[code]
}

// MyScore returns the signed-in user's score of kind for a criterion.
func (p *registrationPage) MyScore(kind string, criterion int64) thidua.Score {
	return p.MyScores[kind+"/"+strconv.FormatInt(criterion, 10)]
}

// AllValue returns what the one-form scoring shows for a criterion: the
// value typed when the form was refused, the user's stored score otherwise.
func (p *registrationPage) AllValue(criterion int64) string {
	key := "value_" + strconv.FormatInt(criterion, 10)
	if p.Form.Values["all_kind"] != "" {
		return p.Form.Values[key]
	}
	if sc := p.MyScore(p.ScoringKind, criterion); sc.Version != 0 {
		return thidua.FormatDecimal(sc.Value)
	}
	return ""
}

// AllComment is AllValue for the comment.
func (p *registrationPage) AllComment(criterion int64) string {
	if p.Form.Values["all_kind"] != "" {
		return p.Form.Values["comment_"+strconv.FormatInt(criterion, 10)]
	}
	return p.MyScore(p.ScoringKind, criterion).Comment
}

// ScoreLabel says whose score sc is (thidua.ScoreLabel).
func (p *registrationPage) ScoreLabel(sc thidua.Score) string {
	return thidua.ScoreLabel(sc, p.Registration)
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
	var keys []string
	for _, e := range evs {
		p.Evidence[e.CriterionID] = append(p.Evidence[e.CriterionID], e)
		for _, a := range e.Attachments {
			keys = append(keys, a.Key)
		}
	}
	p.Signatures = s.FileSignatures(ctx, keys)
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
	p.CanResubmit = thidua.CheckResubmit(me, c, reg) == nil
	switch {
	case p.CanCouncil:
		p.ScoringKind = thidua.ScoreCouncil
	case p.CanHead:
		p.ScoringKind = thidua.ScoreHead
	}
	if p.Events, err = s.Store.FindRegistrationEvents(ctx, id); err != nil {
		return nil, err
	}
	if _, ok := f.Values["target_title"]; !ok {
		f.Values["target_title"] = reg.TargetTitle
	}
	return p, nil
}

// HandleResubmit sends a returned registration again with its target and
// commitments as fixed on the page (thidua.CheckResubmit); its evidence and
// self-assessment are fixed in their own forms before.
func (s *Handler) HandleResubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := f.Version(r)
	commitments := map[string]string{}
	for k := range r.PostForm {
		if code, ok := strings.CutPrefix(k, "commit_"); ok {
			commitments[code] = r.PostForm.Get(k)
		}
	}
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.ResubmitRegistration(r.Context(), id, version, f.Values["target_title"], commitments)
	}
	if err != nil {
		s.participationError(w, r, id, f, err)
		return nil
	}
	s.Flash(w, r, "Đã gửi lại đăng ký. Đăng ký đang chờ cơ quan phát động duyệt lại.")
	http.Redirect(w, r, "/app/registrations/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// HandleAttachmentDelete removes a file from its evidence, and from the
// file store once the change is committed.
func (s *Handler) HandleAttachmentDelete(w http.ResponseWriter, r *http.Request) error {
	return s.changeAttachment(w, r, false)
}

// HandleAttachmentReplace replaces a file of an evidence with an uploaded
// one (checked as new files are), deleting the old file from the store.
func (s *Handler) HandleAttachmentReplace(w http.ResponseWriter, r *http.Request) error {
	return s.changeAttachment(w, r, true)
}

func (s *Handler) changeAttachment(w http.ResponseWriter, r *http.Request, replace bool) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	a, reg, err := s.Store.FindAttachment(r.Context(), id)
	if err != nil {
		return err
	}
	f := kit.NewForm()
	f.Values["criterion_id"] = "" // no evidence form opens
	var with *thidua.Attachment
	if replace {
		limit := s.Cfg.MaxUpload
		r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
		var data []byte
		name, field, msg := "", "replace_"+kit.IdStr(id), ""
		if perr := r.ParseMultipartForm(8 << 20); perr != nil {
			msg = "Không đọc được tệp tải lên (tệp thay thế tối đa " + kit.SizeLabel(limit) + ")."
		} else {
			defer r.MultipartForm.RemoveAll()
			if fhs := r.MultipartForm.File["file"]; len(fhs) == 1 {
				name = thidua.NormalizeFileName(fhs[0].Filename)
				if fhs[0].Size > limit {
					msg = "Tệp “" + name + "” lớn hơn " + kit.SizeLabel(limit) + "."
				} else if fd, oerr := fhs[0].Open(); oerr == nil {
					var rerr error
					if data, rerr = io.ReadAll(io.LimitReader(fd, limit+1)); rerr != nil || int64(len(data)) > limit {
						msg = "Không đọc được tệp “" + name + "”."
					}
					fd.Close()
				}
			}
		}
		var ct string
		switch {
		case msg != "":
			err = kit.FieldErr(field, msg)
		case name == "" || len(data) == 0:
			err = kit.FieldErr(field, "Vui lòng chọn tệp thay thế.")
		default:
			ct, err = kit.CheckUpload(name, data)
			if err != nil {
				err = kit.FieldErr(field, thidua.ErrorMessage(err))
			}
		}
		if err != nil {
			s.participationError(w, r, reg.ID, f, err)
			return nil
		}
		with = &thidua.Attachment{Name: name, ContentType: ct, Size: int64(len(data)), Key: kit.RandomKey()}
		if err := s.Cfg.Files.Put(r.Context(), with.Key, data); err != nil {
			return err
		}
		s.CheckArrival(r.Context(), with.Key, ct, data)
	}
	oldKey, err := s.Store.ChangeAttachment(r.Context(), id, with)
	if err != nil {
		if with != nil {
			s.Cfg.Files.Delete(r.Context(), with.Key)
		}
		s.participationError(w, r, reg.ID, f, err)
		return nil
	}
	if err := s.Cfg.Files.Delete(r.Context(), oldKey); err != nil {
		s.Log.Warn("attachment file left in the store", "key", oldKey, "err", err)
	}
	if replace {
		s.Flash(w, r, "Đã thay tệp “"+a.Name+"” bằng “"+with.Name+"”.")
	} else {
		s.Flash(w, r, "Đã xóa tệp “"+a.Name+"”.")
	}
	http.Redirect(w, r, "/app/registrations/"+kit.IdStr(reg.ID), http.StatusSeeOther)
	return nil
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
			s.CheckArrival(r.Context(), key, ct, data)
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
