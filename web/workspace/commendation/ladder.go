package commendation

import (
	"net/http"

	"thidua"
	"thidua/ladder"
	"thidua/web/kit"
)

// The ladder of authorities in the pages: a proposal's place on the ladder
// ("Trình cấp trên"), forwarding it up a level in one action, and a
// level's decision register and signer.

type ladderPage struct {
	kit.Page
	Proposal *thidua.Proposal
	View     *ladder.View
	Form     *kit.Form
	Error    string
}

func (s *Handler) ladderService() (ladder.Service, error) {
	if s.Cfg.Ladder == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chức năng trình cấp trên chưa được bật.")
	}
	return s.Cfg.Ladder, nil
}

func (s *Handler) ladderPage(r *http.Request, id int64, f *kit.Form) (*ladderPage, error) {
	l, err := s.ladderService()
	if err != nil {
		return nil, err
	}
	p, err := s.Store.FindProposalByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v, err := l.View(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if f == nil {
		f = kit.NewForm()
	}
	return &ladderPage{Page: kit.Page{Title: "Thẩm quyền và trình cấp trên", Nav: "proposals"}, Proposal: p, View: v, Form: f}, nil
}

// HandleProposalLadder shows a proposal's place on the ladder.
func (s *Handler) HandleProposalLadder(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	pg, err := s.ladderPage(r, id, nil)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "proposal_ladder.html", pg)
	return nil
}

// HandleProposalForward forwards a proposal up a level and opens the new one.
func (s *Handler) HandleProposalForward(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
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
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	title := f.Values["title"]
	var up *thidua.Proposal
	if err = f.FieldsErr(); err == nil {
		up, err = l.ForwardProposal(r.Context(), id, version, title)
	}
	if err != nil {
		code := thidua.ErrorCode(err)
		if code != thidua.EINVALID && code != thidua.ECONFLICT {
			return err
		}
		pg, perr := s.ladderPage(r, id, f)
		if perr != nil {
			return perr
		}
		pg.Error = thidua.ErrorMessage(err)
		for k, m := range thidua.ErrorFields(err) {
			pg.Form.Errors[k] = m
		}
		s.Render(w, r, kit.FormStatus(err), "proposal_ladder.html", pg)
		return nil
	}
	s.Flash(w, r, "Đã trình "+up.ToUnitName+": tờ trình đã được gửi.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(up.ID), http.StatusSeeOther)
	return nil
}

type officePage struct {
	kit.Page
	Office *ladder.Office
	Form   *kit.Form
	Error  string
}

// HandleOffice shows a level's decision register and signer.
func (s *Handler) HandleOffice(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	o, err := kit.FindByID(r, l.FindOffice)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "office.html", &officePage{Page: kit.Page{Title: "Sổ quyết định và người ký: " + o.UnitName, Nav: "decisions"},
		Office: o, Form: officeForm(o)})
	return nil
}

func officeForm(o *ladder.Office) *kit.Form {
	f := kit.NewForm()
	f.Values["issuer"], f.Values["authority"] = o.Issuer, o.Authority
	f.Values["signer_authority"], f.Values["signer_on_behalf"] = o.Signer.Authority, o.Signer.OnBehalf
	f.Values["signer_post"], f.Values["signer_name"] = o.Signer.Post, o.Signer.Name
	return f
}

// HandleOfficeSave stores a level's decision register and signer.
func (s *Handler) HandleOfficeSave(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	old, err := kit.FindByID(r, l.FindOffice)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	o := &ladder.Office{UnitID: old.UnitID, Issuer: f.Values["issuer"], Authority: f.Values["authority"],
		Signer:  thidua.Signer{Authority: f.Values["signer_authority"], OnBehalf: f.Values["signer_on_behalf"], Post: f.Values["signer_post"], Name: f.Values["signer_name"]},
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
	if err = f.FieldsErr(); err == nil {
		err = l.SetOffice(r.Context(), o)
	}
	if err != nil {
		code := thidua.ErrorCode(err)
		if code != thidua.EINVALID && code != thidua.ECONFLICT {
			return err
		}
		for k, m := range thidua.ErrorFields(err) {
			f.Errors[k] = m
		}
		s.Render(w, r, kit.FormStatus(err), "office.html", &officePage{Page: kit.Page{Title: "Sổ quyết định và người ký: " + old.UnitName, Nav: "decisions"},
			Office: old, Form: f, Error: thidua.ErrorMessage(err)})
		return nil
	}
	s.Flash(w, r, "Đã lưu sổ quyết định và người ký.")
	http.Redirect(w, r, "/app/units/"+kit.IdStr(o.UnitID)+"/office", http.StatusSeeOther)
	return nil
}
