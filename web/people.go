package web

import (
	"net/http"
	"net/url"
	"strconv"

	"thidua"
)

const peoplePerPage = 50

type peoplePage struct {
	Page
	People  []*thidua.Person
	Units   []*thidua.Unit
	Query   string
	UnitID  int64
	Status  string
	Pager   Pager
	CanEdit bool
}

func (s *Server) handlePeople(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	page, offset := pageOf(r, peoplePerPage)
	f := thidua.PersonFilter{Query: q.Get("q"), UnitID: unitID, Subtree: true, Status: q.Get("status"), Offset: offset, Limit: peoplePerPage}
	people, total, err := s.store.FindPeople(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	units, _, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	base := url.Values{}
	for _, k := range []string{"q", "unit", "status"} {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	me := thidua.UserFromContext(r.Context())
	s.render(w, r, http.StatusOK, "people.html", &peoplePage{
		Page: Page{Title: "Cá nhân", Nav: "people"}, People: people, Units: units, Query: f.Query, UnitID: unitID, Status: f.Status,
		Pager: newPager(page, peoplePerPage, total, "/app/people?"+base.Encode()), CanEdit: me.Can(thidua.PermEditOrg),
	})
}

type personPage struct {
	Page
	Person  *thidua.Person
	Form    *Form
	Units   []*thidua.Unit
	CanEdit bool
	New     bool
}

func personForm(p *thidua.Person) *Form {
	f := newForm()
	f.Values["full_name"] = p.FullName
	f.Values["gender"] = p.Gender
	f.Values["birth_date"] = p.BirthDate.String()
	f.Values["position"] = p.Position
	f.Values["category"] = p.Category
	if p.IsLeader {
		f.Values["is_leader"] = "on"
	}
	if p.UnitID != 0 {
		f.Values["unit_id"] = strconv.FormatInt(p.UnitID, 10)
	}
	f.Values["start_date"] = p.StartDate.String()
	f.Values["status"] = p.Status
	f.Values["version"] = strconv.Itoa(p.Version)
	return f
}

func (f *Form) person(p *thidua.Person) {
	p.FullName, p.Gender, p.Position, p.Category, p.Status = f.Values["full_name"], f.Values["gender"], f.Values["position"], f.Values["category"], f.Values["status"]
	p.BirthDate = f.date("birth_date")
	p.StartDate = f.date("start_date")
	p.IsLeader = f.bool("is_leader")
	p.UnitID = f.int("unit_id", "Vui lòng chọn đơn vị.")
	p.Version = int(f.int("version", "Phiên bản không hợp lệ."))
}

func (s *Server) personPage(r *http.Request, title string, p *thidua.Person, f *Form, isNew bool) (*personPage, error) {
	units, err := s.editableUnits(r, nil)
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	canEdit := isNew
	if !isNew {
		for _, u := range units {
			if u.ID == p.UnitID {
				canEdit = me.Can(thidua.PermEditOrg)
			}
		}
	}
	return &personPage{Page: Page{Title: title, Nav: "people"}, Person: p, Form: f, Units: units, CanEdit: canEdit, New: isNew}, nil
}

func (s *Server) handlePersonNew(w http.ResponseWriter, r *http.Request) {
	p := &thidua.Person{Status: thidua.PersonActive, Category: thidua.CategoryCongChuc}
	p.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	pg, err := s.personPage(r, "Thêm cá nhân", p, personForm(p), true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person.html", pg)
}

func (s *Server) handlePersonCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &thidua.Person{}
	f.person(p)
	if len(f.Errors) == 0 {
		err = s.store.CreatePerson(r.Context(), p)
	} else {
		p.Normalize()
		err = f.mergeErr(p.Validate(thidua.DateOf(s.now())))
	}
	if err != nil {
		s.formFailed(w, r, f, err, "person.html", func() (pager, error) {
			return s.personPage(r, "Thêm cá nhân", p, f, true)
		})
		return
	}
	s.flash(w, r, "Đã thêm cá nhân “"+p.FullName+"”.")
	http.Redirect(w, r, "/app/people?q="+url.QueryEscape(p.FullName), http.StatusSeeOther)
}

func (s *Server) handlePerson(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.store.FindPersonByID)
	if !ok {
		return
	}
	pg, err := s.personPage(r, p.FullName, p, personForm(p), false)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person.html", pg)
}

func (s *Server) handlePersonUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cur, err := s.store.FindPersonByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &thidua.Person{ID: id}
	f.person(p)
	if len(f.Errors) == 0 {
		err = s.store.UpdatePerson(r.Context(), p)
	} else {
		p.Normalize()
		err = f.mergeErr(p.Validate(thidua.DateOf(s.now())))
	}
	if err != nil {
		s.formFailed(w, r, f, err, "person.html", func() (pager, error) {
			return s.personPage(r, cur.FullName, cur, f, false)
		})
		return
	}
	s.flash(w, r, "Đã lưu thông tin của “"+p.FullName+"”.")
	http.Redirect(w, r, "/app/people/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) handlePersonDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.DeletePerson(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.flash(w, r, "Đã xóa cá nhân.")
	http.Redirect(w, r, "/app/people", http.StatusSeeOther)
}
