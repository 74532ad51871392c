package portal

import (
	"net/http"

	"thidua"
	"thidua/central"
	"thidua/web/kit"
)

// The public comment on nominees before a proposal goes to the centre
// (/y-kien): the lists open today, each with its nominees and a form for
// citizens' comments. No account is needed. The pages are never cached: each
// form carries a token signed with the time it was served, which must be at
// least central.MinFormAge old when it comes back (a person types; a
// script posting at once does not), and a refused form is given back with
// what was typed. A hidden honeypot field must stay empty, and a client
// may send central.RateLimit comments an hour. The window's end date
// closes the page: the date decides, no job runs.

func (p *Handler) central() (central.Service, error) {
	if p.s.Cfg.Central == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang.")
	}
	return p.s.Cfg.Central, nil
}

func (p *Handler) writeUncached(w http.ResponseWriter, status int, name string, data *portalPage) error {
	body, err := p.render(name, data)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
	return nil
}

// HandleCommentWindows lists the lists open for comment today.
func (p *Handler) HandleCommentWindows(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.central()
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	const size = 20
	page := pageParam(r)
	ws, total, err := svc.FindOpenWindows(r.Context(), thidua.DateOf(p.s.Now()), (page-1)*size, size)
	if err != nil {
		return err
	}
	data := p.base(r, "Lấy ý kiến nhân dân về tập thể, cá nhân đề nghị khen thưởng", "/y-kien")
	data.Heading, data.Windows, data.Total = data.Title, ws, total
	data.Pager = newPortalPager(page, size, total, "/y-kien?trang=")
	return p.writeUncached(w, http.StatusOK, "comments.html", data)
}

// commentPage builds the page of one window with form f.
func (p *Handler) commentPage(r *http.Request, svc central.Service, id int64, f *kit.Form) (*portalPage, error) {
	now := p.s.Now()
	today := thidua.DateOf(now)
	win, err := svc.FindPublicWindow(r.Context(), id, today)
	if err != nil {
		return nil, err
	}
	key, err := svc.FormKey(r.Context())
	if err != nil {
		return nil, err
	}
	data := p.base(r, "Lấy ý kiến: "+win.Title, "/y-kien/"+kit.IdStr(id))
	data.Heading, data.Window, data.Form, data.NoIndex = win.Title, win, f, true
	data.Closed = !win.OpenOn(today)
	data.Token = central.FormToken(key, id, now)
	for _, n := range win.Nominees {
		if rule, ok := central.CommentRuleFor(n.Award, p.s.Cfg.Province, win.Starts); ok {
			data.CommentRule = rule.Citation
			break
		}
	}
	return data, nil
}

// HandleCommentPage shows a list open for comment, with the form; after its
// end date, that it has closed.
func (p *Handler) HandleCommentPage(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.central()
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	id, err := kit.PathID(r)
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	data, err := p.commentPage(r, svc, id, kit.NewForm())
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	data.Sent = r.URL.Query().Get("da-gui") == "1"
	return p.writeUncached(w, http.StatusOK, "comment.html", data)
}

// HandleCommentPost takes a citizen's comment.
func (p *Handler) HandleCommentPost(w http.ResponseWriter, r *http.Request) error {
	svc, err := p.central()
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	id, err := kit.PathID(r)
	if err != nil {
		p.fail(w, r, err)
		return nil
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	c := &central.Comment{ProposalID: id, NomineeID: f.Int("nominee_id", "Vui lòng chọn một người (tập thể) trong danh sách."),
		Name: f.Values["name"], Contact: f.Values["contact"], Text: f.Values["text"]}
	err = f.FieldsErr()
	if err == nil {
		err = p.takeComment(r, svc, c, f)
	}
	if err != nil {
		if thidua.ErrorCode(err) != thidua.EINVALID {
			p.fail(w, r, err)
			return nil
		}
		f.SetErr(err)
		data, perr := p.commentPage(r, svc, id, f)
		if perr != nil {
			p.fail(w, r, perr)
			return nil
		}
		return p.writeUncached(w, http.StatusUnprocessableEntity, "comment.html", data)
	}
	http.Redirect(w, r, "/y-kien/"+kit.IdStr(id)+"?da-gui=1", http.StatusSeeOther)
	return nil
}

// takeComment checks the honeypot and the form token, then stores c.
func (p *Handler) takeComment(r *http.Request, svc central.Service, c *central.Comment, f *kit.Form) error {
	key, err := svc.FormKey(r.Context())
	if err != nil {
		return err
	}
	if f.Values["website"] != "" {
		return central.ErrForm()
	}
	if err := central.CheckFormToken(key, f.Values["token"], c.ProposalID, p.s.Now()); err != nil {
		return err
	}
	return svc.AddComment(r.Context(), c, central.ClientKey(key, thidua.IPFromContext(r.Context())))
}
