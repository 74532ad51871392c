package commendation

import (
	"net/http"
	"strconv"
	"strings"

	"thidua"
	"thidua/central"
	"thidua/web/kit"
)

// centralPage is a proposal's page for what goes to the centre: the public
// comment window and its comments beside each nominee, and the central
// decisions recorded on it.
type centralPage struct {
	kit.Page
	Proposal     *thidua.Proposal
	Window       *central.Window
	Rules        []string // the public-comment rules that apply, with citations
	Comments     map[int64][]*central.Comment
	Total        int
	Decisions    []*central.Decision
	Central      []*thidua.Nominee // nominees for central awards
	Awarded      map[int64]string  // nominee → decision number
	CanManage    bool
	Authorities  []thidua.Option
	WindowForm   *kit.Form
	DecisionForm *kit.Form
}

// CommentsOf returns the comments on a nominee (0: on the whole list).
func (p *centralPage) CommentsOf(id int64) []*central.Comment { return p.Comments[id] }

func (s *Handler) centralService() (central.Service, error) {
	if s.Cfg.Central == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chức năng khen thưởng cấp Trung ương chưa được bật.")
	}
	return s.Cfg.Central, nil
}

func (s *Handler) centralPage(r *http.Request, id int64) (*centralPage, error) {
	svc, err := s.centralService()
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	p, err := s.Store.FindProposalByID(ctx, id)
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(ctx)
	pg := &centralPage{Page: kit.Page{Title: "Công khai, trình Trung ương: " + p.Title, Nav: "proposals"}, Proposal: p,
		Comments: map[int64][]*central.Comment{}, Awarded: map[int64]string{}, CanManage: me.Covers(thidua.PermManageCampaigns, p.UnitPath),
		Authorities: central.Authorities(), WindowForm: kit.NewForm(), DecisionForm: kit.NewForm()}
	today := thidua.DateOf(s.Now())
	seen := map[string]bool{}
	for _, n := range p.Nominees {
		if rule, ok := central.CommentRuleFor(n.Award, s.Cfg.Province, today); ok && !seen[rule.ID] {
			seen[rule.ID] = true
			pg.Rules = append(pg.Rules, rule.Notice())
		}
		if central.IsCentral(n.Award) {
			pg.Central = append(pg.Central, n)
		}
	}
	w, err := svc.FindWindow(ctx, id)
	switch {
	case err == nil:
		pg.Window = w
		pg.WindowForm.Values["starts"], pg.WindowForm.Values["ends"] = w.Starts.String(), w.Ends.String()
		pg.WindowForm.Values["version"] = strconv.Itoa(w.Version)
	case thidua.ErrorCode(err) != thidua.ENOTFOUND:
		return nil, err
	default:
		pg.WindowForm.Values["version"] = "0"
	}
	if pg.CanManage && pg.Window != nil {
		cs, total, err := svc.FindComments(ctx, central.CommentFilter{ProposalID: id, Limit: 500})
		if err != nil {
			return nil, err
		}
		pg.Total = total
		for _, c := range cs {
			pg.Comments[c.NomineeID] = append(pg.Comments[c.NomineeID], c)
		}
	}
	if pg.Decisions, err = svc.FindDecisions(ctx, id); err != nil {
		return nil, err
	}
	for _, d := range pg.Decisions {
		for _, r := range d.Recipients {
			pg.Awarded[r.NomineeID] = d.Number
		}
	}
	return pg, nil
}

// HandleCentral shows a proposal's public comment and central decisions.
func (s *Handler) HandleCentral(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	pg, err := s.centralPage(r, id)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "proposal_central.html", pg)
	return nil
}

func (s *Handler) centralFailed(w http.ResponseWriter, r *http.Request, id int64, f *kit.Form, err error, decision bool) {
	if !f.SetErr(err) {
		s.Error(w, r, err)
		return
	}
	pg, perr := s.centralPage(r, id)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	if decision {
		pg.DecisionForm = f
	} else {
		pg.WindowForm = f
	}
	s.Render(w, r, kit.FormStatus(err), "proposal_central.html", pg)
}

// HandleWindowSave opens or moves the public-comment window.
func (s *Handler) HandleWindowSave(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.centralService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	win := &central.Window{ProposalID: id, Starts: f.Date("starts"), Ends: f.Date("ends"), Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
	if err := f.FieldsErr(); err != nil {
		s.centralFailed(w, r, id, f, err, false)
		return nil
	}
	if err := svc.SetWindow(r.Context(), win); err != nil {
		s.centralFailed(w, r, id, f, err, false)
		return nil
	}
	s.Flash(w, r, "Đã công khai danh sách trên Cổng thông tin từ "+win.Starts.String()+" đến "+win.Ends.String()+".")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(id)+"/central", http.StatusSeeOther)
	return nil
}

// HandleCommentModerate approves or rejects a citizen's comment.
func (s *Handler) HandleCommentModerate(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.centralService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c, err := svc.ModerateComment(r.Context(), id, f.Values["state"], f.Values["note"])
	if err != nil {
		pid := f.Int("proposal_id", "Tờ trình không hợp lệ.")
		if pid == 0 {
			return err
		}
		s.centralFailed(w, r, pid, kit.NewForm(), err, false)
		return nil
	}
	s.Flash(w, r, "Ý kiến của "+c.Name+": "+strings.ToLower(thidua.Label(central.CommentStates, c.State))+".")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(c.ProposalID)+"/central#comment-"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

// HandleCentralDecision records a central decision on the proposal.
func (s *Handler) HandleCentralDecision(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.centralService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	d := &central.Decision{ProposalID: id, Number: f.Values["number"], Date: f.Date("date"), Authority: f.Values["authority"]}
	for _, v := range r.PostForm["nominee_ids"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Errors["nominee_ids"] = "Danh sách được khen thưởng không hợp lệ."
			continue
		}
		d.NomineeIDs = append(d.NomineeIDs, n)
		f.Values["nominee_"+v] = "on"
	}
	if err := f.FieldsErr(); err != nil {
		s.centralFailed(w, r, id, f, err, true)
		return nil
	}
	if err := svc.RecordDecision(r.Context(), d); err != nil {
		s.centralFailed(w, r, id, f, err, true)
		return nil
	}
	s.Flash(w, r, "Đã ghi nhận Quyết định số "+d.Number+" ngày "+d.Date.String()+" của "+d.AuthorityLabel()+" và cập nhật lịch sử khen thưởng.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(id)+"/central", http.StatusSeeOther)
	return nil
}
