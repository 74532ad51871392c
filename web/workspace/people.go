package workspace

import (
	"net/http"
	"net/url"
	"strconv"
	"thidua"
	"thidua/web/kit"
)

const peoplePerPage = 50

type peoplePage struct {
	kit.Page
	People  []*thidua.Person
	Units   []*thidua.Unit
	Query   string
	UnitID  int64
	Status  string
	Pager   kit.Pager
	CanEdit bool
}

func (s *Handler) HandlePeople(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	// Deep pages by keyset: the pager's links carry the row to continue
	// from (?after=, ?before=), so page 800 costs what page 1 does.
	page, offset, after, before := kit.KeysetOf(r, peoplePerPage)
	f := thidua.PersonFilter{Query: q.Get("q"), UnitID: unitID, Subtree: true, Status: q.Get("status"), Offset: offset, Limit: peoplePerPage,
		AfterID: after, BeforeID: before}
	people, total, err := s.Store.FindPeople(r.Context(), f)
	if err != nil {
		return err
	}
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return err
	}
	base := url.Values{}
	for _, k := range []string{"q", "unit", "status"} {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	me := thidua.UserFromContext(r.Context())
	s.Render(w, r, http.StatusOK, "people.html", &peoplePage{
		Page: kit.Page{Title: "Cá nhân", Nav: "people"}, People: people, Units: units, Query: f.Query, UnitID: unitID, Status: f.Status,
		Pager: kit.NewPager(page, peoplePerPage, total, "/app/people?"+base.Encode()).WithKeys(personKeys(people)), CanEdit: me.Can(thidua.PermEditOrg),
	})
	return nil
}

type personPage struct {
	kit.Page
	Person  *thidua.Person
	Form    *kit.Form
	Units   []*thidua.Unit
	CanEdit bool
	New     bool
}

func personForm(p *thidua.Person) *kit.Form {
	f := kit.NewForm()
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

// readPerson reads the form into the person input the API takes too.
func readPerson(f *kit.Form) thidua.PersonInput {
	return thidua.PersonInput{FullName: f.Values["full_name"], Gender: f.Values["gender"], Position: f.Values["position"],
		Category: f.Values["category"], Status: f.Values["status"],
		BirthDate: f.Date("birth_date"), StartDate: f.Date("start_date"), IsLeader: f.Bool("is_leader"),
		UnitID:  f.Int("unit_id", "Vui lòng chọn đơn vị."),
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
}

func (s *Handler) personPage(r *http.Request, title string, p *thidua.Person, f *kit.Form, isNew bool) (*personPage, error) {
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
	return &personPage{Page: kit.Page{Title: title, Nav: "people"}, Person: p, Form: f, Units: units, CanEdit: canEdit, New: isNew}, nil
}

func (s *Handler) HandlePersonNew(w http.ResponseWriter, r *http.Request) error {
	p := &thidua.Person{Status: thidua.PersonActive, Category: thidua.CategoryCongChuc}
	p.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	pg, err := s.personPage(r, "Thêm cá nhân", p, personForm(p), true)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "person.html", pg)
	return nil
}

func (s *Handler) HandlePersonCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readPerson(f)
	p := in.Person(0)
	if len(f.Errors) == 0 {
		err = s.Store.CreatePerson(r.Context(), p)
	} else {
		p.Normalize()
		err = f.MergeErr(p.Validate(thidua.DateOf(s.Now())))
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "person.html", func() (kit.View, error) {
			return s.personPage(r, "Thêm cá nhân", p, f, true)
		})
		return nil
	}
	s.Flash(w, r, "Đã thêm cá nhân “"+p.FullName+"”.")
	http.Redirect(w, r, "/app/people?q="+url.QueryEscape(p.FullName), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandlePerson(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindPersonByID)
	if err != nil {
		return err
	}
	pg, err := s.personPage(r, p.FullName, p, personForm(p), false)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "person.html", pg)
	return nil
}

func (s *Handler) HandlePersonUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	cur, err := s.Store.FindPersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readPerson(f)
	p := in.Person(id)
	if len(f.Errors) == 0 {
		err = s.Store.UpdatePerson(r.Context(), p)
	} else {
		p.Normalize()
		err = f.MergeErr(p.Validate(thidua.DateOf(s.Now())))
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "person.html", func() (kit.View, error) {
			return s.personPage(r, cur.FullName, cur, f, false)
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu thông tin của “"+p.FullName+"”.")
	http.Redirect(w, r, "/app/people/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandlePersonDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.DeletePerson(r.Context(), id); err != nil {
		return err
	}
	s.Flash(w, r, "Đã xóa cá nhân.")
	http.Redirect(w, r, "/app/people", http.StatusSeeOther)
	return nil
}

// personKeys returns the ids of a page's first and last person (0, 0 for
// an empty page), the keyset of its pager's links.
func personKeys(ps []*thidua.Person) (int64, int64) {
	if len(ps) == 0 {
		return 0, 0
	}
	return ps[0].ID, ps[len(ps)-1].ID
}
