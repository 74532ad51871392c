package workspace

import (
	"net/http"
	"strconv"
	"thidua"
	"thidua/web/kit"
)

type unitsPage struct {
	kit.Page
	Units []*thidua.Unit
	Query string
	Total int
}

func (s *Handler) HandleUnits(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	units, total, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{Query: q})
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "units.html", &unitsPage{Page: kit.Page{Title: "Cơ quan, đơn vị", Nav: "units"}, Units: units, Query: q, Total: total})
	return nil
}

type unitPage struct {
	kit.Page
	Unit    *thidua.Unit
	Form    *kit.Form
	Parents []*thidua.Unit // units the user may place this one under
	CanEdit bool
	New     bool
	People  []*thidua.Person
	Subs    []*thidua.Unit
}

// editableUnits lists the units in which the user may create or move things.
func (s *Handler) editableUnits(r *http.Request, exclude *thidua.Unit) ([]*thidua.Unit, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
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

func unitForm(u *thidua.Unit) *kit.Form {
	f := kit.NewForm()
	f.Values["name"] = u.Name
	f.Values["abbrev"] = u.Abbrev
	f.Values["place"] = u.Place
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

func (s *Handler) HandleUnitNew(w http.ResponseWriter, r *http.Request) error {
	parents, err := s.editableUnits(r, nil)
	if err != nil {
		return err
	}
	u := &thidua.Unit{Kind: thidua.UnitDepartment, Active: true}
	u.ParentID, _ = strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64)
	s.Render(w, r, http.StatusOK, "unit.html", &unitPage{Page: kit.Page{Title: "Thêm đơn vị", Nav: "units"}, Unit: u, Form: unitForm(u), Parents: parents, CanEdit: true, New: true})
	return nil
}

// readUnit reads the form into the unit input the API takes too.
func readUnit(f *kit.Form) thidua.UnitInput {
	active := f.Bool("active")
	return thidua.UnitInput{Name: f.Values["name"], Abbrev: f.Values["abbrev"], Kind: f.Values["kind"], Place: f.Values["place"],
		ParentID: f.Int("parent_id", "Đơn vị cấp trên không hợp lệ."), Active: &active,
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
}

func (s *Handler) HandleUnitCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readUnit(f)
	u := in.Unit(0)
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.CreateUnit(r.Context(), u)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "unit.html", func() (kit.View, error) {
			parents, _ := s.editableUnits(r, nil)
			return &unitPage{Page: kit.Page{Title: "Thêm đơn vị", Nav: "units"}, Unit: u, Form: f, Parents: parents, CanEdit: true, New: true}, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã thêm đơn vị “"+u.Name+"”.")
	http.Redirect(w, r, "/app/units/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) unitPage(r *http.Request, u *thidua.Unit, f *kit.Form) (*unitPage, error) {
	me := thidua.UserFromContext(r.Context())
	p := &unitPage{Page: kit.Page{Title: u.Name, Nav: "units"}, Unit: u, Form: f, CanEdit: me.Covers(thidua.PermEditOrg, u.Path)}
	var err error
	if p.CanEdit {
		if p.Parents, err = s.editableUnits(r, u); err != nil {
			return nil, err
		}
		p.Parents = withCurrentParent(p.Parents, u)
	}
	if p.People, _, err = s.Store.FindPeople(r.Context(), thidua.PersonFilter{UnitID: u.ID, Limit: 200}); err != nil {
		return nil, err
	}
	if p.Subs, _, err = s.Store.FindUnits(r.Context(), thidua.UnitFilter{ParentID: u.ID}); err != nil {
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
func (s *Handler) withChosenParent(r *http.Request, parents []*thidua.Unit, f *kit.Form) []*thidua.Unit {
	id, err := strconv.ParseInt(f.Values["parent_id"], 10, 64)
	if err != nil || id <= 0 {
		return parents
	}
	for _, x := range parents {
		if x.ID == id {
			return parents
		}
	}
	u, err := s.Store.FindUnitByID(r.Context(), id)
	if err != nil {
		return parents
	}
	return append(parents, u)
}

func (s *Handler) HandleUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := kit.FindByID(r, s.Store.FindUnitByID)
	if err != nil {
		return err
	}
	p, err := s.unitPage(r, u, unitForm(u))
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "unit.html", p)
	return nil
}

func (s *Handler) HandleUnitUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	cur, err := s.Store.FindUnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readUnit(f)
	u := in.Unit(id)
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.UpdateUnit(r.Context(), u)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "unit.html", func() (kit.View, error) {
			p, err := s.unitPage(r, cur, f)
			if err != nil {
				return nil, err
			}
			p.Parents = s.withChosenParent(r, p.Parents, f)
			return p, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu thay đổi của đơn vị “"+u.Name+"”.")
	http.Redirect(w, r, "/app/units/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleUnitDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteUnit(r.Context(), id); err != nil {
		if thidua.ErrorCode(err) == thidua.ECONFLICT {
			s.Flash(w, r, thidua.ErrorMessage(err))
			http.Redirect(w, r, "/app/units/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return nil
		}
		return err
	}
	s.Flash(w, r, "Đã xóa đơn vị.")
	http.Redirect(w, r, "/app/units", http.StatusSeeOther)
	return nil
}
