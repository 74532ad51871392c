package web

import (
	"net/http"
	"strconv"

	"thidua"
)

type unitsPage struct {
	Page
	Units []*thidua.Unit
	Query string
	Total int
}

func (s *Server) handleUnits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	units, total, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{Query: q})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "units.html", &unitsPage{Page: Page{Title: "Cơ quan, đơn vị", Nav: "units"}, Units: units, Query: q, Total: total})
}

type unitPage struct {
	Page
	Unit    *thidua.Unit
	Form    *Form
	Parents []*thidua.Unit // units the user may place this one under
	CanEdit bool
	New     bool
	People  []*thidua.Person
	Subs    []*thidua.Unit
}

// editableUnits lists the units in which the user may create or move things.
func (s *Server) editableUnits(r *http.Request, exclude *thidua.Unit) ([]*thidua.Unit, error) {
	units, _, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	u := thidua.UserFromContext(r.Context())
	var out []*thidua.Unit
	for _, x := range units {
		if exclude != nil && len(x.Path) >= len(exclude.Path) && x.Path[:len(exclude.Path)] == exclude.Path {
			continue // a unit cannot go under itself or its sub-units
		}
		if u.Covers(thidua.PermEditOrg, x.Path) {
			out = append(out, x)
		}
	}
	return out, nil
}

func unitForm(u *thidua.Unit) *Form {
	f := newForm()
	f.Values["name"] = u.Name
	f.Values["abbrev"] = u.Abbrev
	f.Values["kind"] = u.Kind
	if u.ParentID != 0 {
		f.Values["parent_id"] = strconv.FormatInt(u.ParentID, 10)
	}
	if u.Active {
		f.Values["active"] = "on"
	}
	f.Values["version"] = strconv.Itoa(u.Version)
	return f
}

func (s *Server) handleUnitNew(w http.ResponseWriter, r *http.Request) {
	parents, err := s.editableUnits(r, nil)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &thidua.Unit{Kind: thidua.UnitDepartment, Active: true}
	u.ParentID, _ = strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64)
	s.render(w, r, http.StatusOK, "unit.html", &unitPage{Page: Page{Title: "Thêm đơn vị", Nav: "units"}, Unit: u, Form: unitForm(u), Parents: parents, CanEdit: true, New: true})
}

func (f *Form) unit(u *thidua.Unit) {
	u.Name, u.Abbrev, u.Kind = f.Values["name"], f.Values["abbrev"], f.Values["kind"]
	u.ParentID = f.int("parent_id", "Đơn vị cấp trên không hợp lệ.")
	u.Active = f.bool("active")
	u.Version = int(f.int("version", "Phiên bản không hợp lệ."))
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &thidua.Unit{}
	f.unit(u)
	err = f.fieldsErr()
	if err == nil {
		err = s.store.CreateUnit(r.Context(), u)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "unit.html", func() (pager, error) {
			parents, _ := s.editableUnits(r, nil)
			return &unitPage{Page: Page{Title: "Thêm đơn vị", Nav: "units"}, Unit: u, Form: f, Parents: parents, CanEdit: true, New: true}, nil
		})
		return
	}
	s.flash(w, r, "Đã thêm đơn vị “"+u.Name+"”.")
	http.Redirect(w, r, "/app/units/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

func (s *Server) unitPage(r *http.Request, u *thidua.Unit, f *Form) (*unitPage, error) {
	me := thidua.UserFromContext(r.Context())
	p := &unitPage{Page: Page{Title: u.Name, Nav: "units"}, Unit: u, Form: f, CanEdit: me.Covers(thidua.PermEditOrg, u.Path)}
	var err error
	if p.CanEdit {
		if p.Parents, err = s.editableUnits(r, u); err != nil {
			return nil, err
		}
		p.Parents = withCurrentParent(p.Parents, u)
	}
	if p.People, _, err = s.store.FindPeople(r.Context(), thidua.PersonFilter{UnitID: u.ID, Limit: 200}); err != nil {
		return nil, err
	}
	if p.Subs, _, err = s.store.FindUnits(r.Context(), thidua.UnitFilter{ParentID: u.ID}); err != nil {
		return nil, err
	}
	return p, nil
}

// withCurrentParent keeps the unit's current parent among the choices even
// when the user may not edit in it (the head of a department edits the
// department but not the office above it), so that saving the form leaves
// the unit where it is instead of asking to move it to the root.
func withCurrentParent(parents []*thidua.Unit, u *thidua.Unit) []*thidua.Unit {
	if u.ParentID == 0 {
		return parents
	}
	for _, x := range parents {
		if x.ID == u.ParentID {
			return parents
		}
	}
	return append([]*thidua.Unit{{ID: u.ParentID, Name: u.ParentName}}, parents...)
}

// withChosenParent keeps a refused parent (the unit itself or one of its
// sub-units) selected on the re-rendered form, next to its error, so that
// sending the form again cannot silently pick the first option, the root.
func (s *Server) withChosenParent(r *http.Request, parents []*thidua.Unit, f *Form) []*thidua.Unit {
	id, err := strconv.ParseInt(f.Values["parent_id"], 10, 64)
	if err != nil || id <= 0 {
		return parents
	}
	for _, x := range parents {
		if x.ID == id {
			return parents
		}
	}
	u, err := s.store.FindUnitByID(r.Context(), id)
	if err != nil {
		return parents
	}
	return append(parents, u)
}

func (s *Server) handleUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := loadByID(s, w, r, s.store.FindUnitByID)
	if !ok {
		return
	}
	p, err := s.unitPage(r, u, unitForm(u))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unit.html", p)
}

func (s *Server) handleUnitUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cur, err := s.store.FindUnitByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &thidua.Unit{ID: id}
	f.unit(u)
	err = f.fieldsErr()
	if err == nil {
		err = s.store.UpdateUnit(r.Context(), u)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "unit.html", func() (pager, error) {
			p, err := s.unitPage(r, cur, f)
			if err != nil {
				return nil, err
			}
			p.Parents = s.withChosenParent(r, p.Parents, f)
			return p, nil
		})
		return
	}
	s.flash(w, r, "Đã lưu thay đổi của đơn vị “"+u.Name+"”.")
	http.Redirect(w, r, "/app/units/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) handleUnitDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.DeleteUnit(r.Context(), id); err != nil {
		if thidua.ErrorCode(err) == thidua.ECONFLICT {
			s.flash(w, r, thidua.ErrorMessage(err))
			http.Redirect(w, r, "/app/units/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.flash(w, r, "Đã xóa đơn vị.")
	http.Redirect(w, r, "/app/units", http.StatusSeeOther)
}
