package web

import (
	"net/http"
	"strconv"

	"thidua"
	"thidua/passwd"
)

type usersPage struct {
	Page
	Users []*thidua.User
	Query string
	Total int
}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	users, total, err := s.store.FindUsers(r.Context(), thidua.UserFilter{Query: q})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users.html", &usersPage{Page: Page{Title: "Tài khoản", Nav: "users"}, Users: users, Query: q, Total: total})
}

type userPage struct {
	Page
	Account   *thidua.User
	Form      *Form
	PwForm    *Form
	Units     []*thidua.Unit
	People    []*thidua.Person
	GrantRows []thidua.Grant
	New       bool
}

// grantRows gives the form the existing grants plus empty rows to add more.
func grantRows(gs []thidua.Grant) []thidua.Grant {
	rows := append([]thidua.Grant(nil), gs...)
	return append(rows, thidua.Grant{}, thidua.Grant{})
}

func (s *Server) userPage(r *http.Request, title string, u *thidua.User, f *Form, isNew bool) (*userPage, error) {
	units, _, err := s.store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	people, _, err := s.store.FindPeople(r.Context(), thidua.PersonFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	return &userPage{Page: Page{Title: title, Nav: "users"}, Account: u, Form: f, PwForm: newForm(), Units: units, People: people,
		GrantRows: grantRows(u.Grants), New: isNew}, nil
}

func userForm(u *thidua.User) *Form {
	f := newForm()
	f.Values["username"] = u.Username
	f.Values["display_name"] = u.DisplayName
	f.Values["email"] = u.Email
	if u.PersonID != 0 {
		f.Values["person_id"] = strconv.FormatInt(u.PersonID, 10)
	}
	if u.Disabled {
		f.Values["disabled"] = "on"
	}
	f.Values["version"] = strconv.Itoa(u.Version)
	return f
}

// readUser fills u from the form, grants from the parallel grant_role/grant_unit lists.
func readUser(r *http.Request, f *Form, u *thidua.User) {
	u.Username, u.DisplayName, u.Email = f.Values["username"], f.Values["display_name"], f.Values["email"]
	u.PersonID = f.int("person_id", "Cá nhân không hợp lệ.")
	u.Disabled = f.bool("disabled")
	u.Version = int(f.int("version", "Phiên bản không hợp lệ."))
	roles, units := r.PostForm["grant_role"], r.PostForm["grant_unit"]
	u.Grants = nil
	for i := range roles {
		if roles[i] == "" || i >= len(units) || units[i] == "" {
			continue
		}
		id, err := strconv.ParseInt(units[i], 10, 64)
		if err != nil {
			f.Errors["grants"] = "Đơn vị được phân quyền không hợp lệ."
			continue
		}
		u.Grants = append(u.Grants, thidua.Grant{Role: thidua.Role(roles[i]), UnitID: id})
	}
}

func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) {
	u := &thidua.User{}
	p, err := s.userPage(r, "Thêm tài khoản", u, userForm(u), true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user.html", p)
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &thidua.User{}
	readUser(r, f, u)
	pw := r.PostForm.Get("password")
	if err := thidua.ValidatePassword(pw); err != nil {
		f.setErr(err)
	}
	if pw != r.PostForm.Get("password_confirm") {
		f.Errors["password_confirm"] = "Mật khẩu nhập lại không khớp."
	}
	u.Normalize()
	err = f.mergeErr(u.Validate())
	if err == nil {
		u.PasswordHash, err = passwd.Hash(pw)
		if err == nil {
			err = s.store.CreateUser(r.Context(), u)
		}
	}
	if err != nil {
		s.formFailed(w, r, f, err, "user.html", func() (pager, error) {
			return s.userPage(r, "Thêm tài khoản", u, f, true)
		})
		return
	}
	s.flash(w, r, "Đã tạo tài khoản “"+u.Username+"”.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

func (s *Server) handleUser(w http.ResponseWriter, r *http.Request) {
	u, ok := loadByID(s, w, r, s.store.FindUserByID)
	if !ok {
		return
	}
	p, err := s.userPage(r, u.DisplayName, u, userForm(u), false)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user.html", p)
}

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cur, err := s.store.FindUserByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := &thidua.User{ID: id}
	readUser(r, f, u)
	u.Username = cur.Username
	err = f.fieldsErr()
	if err == nil {
		err = s.store.UpdateUser(r.Context(), u)
	}
	if err != nil {
		s.formFailed(w, r, f, err, "user.html", func() (pager, error) {
			f.Values["username"] = cur.Username
			p, err := s.userPage(r, cur.DisplayName, cur, f, false)
			if err != nil {
				return nil, err
			}
			p.GrantRows = grantRows(u.Grants)
			return p, nil
		})
		return
	}
	s.flash(w, r, "Đã lưu tài khoản “"+u.Username+"”.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) handleUserPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cur, err := s.store.FindUserByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	pw := r.PostForm.Get("password")
	err = thidua.ValidatePassword(pw)
	if err == nil && pw != r.PostForm.Get("password_confirm") {
		err = fieldErr("password_confirm", "Mật khẩu nhập lại không khớp.")
	}
	if err == nil {
		var hash string
		if hash, err = passwd.Hash(pw); err == nil {
			err = s.store.SetPassword(r.Context(), id, hash)
		}
	}
	if err != nil {
		s.formFailed(w, r, f, err, "user.html", func() (pager, error) {
			p, err := s.userPage(r, cur.DisplayName, cur, userForm(cur), false)
			if err != nil {
				return nil, err
			}
			p.PwForm = f
			return p, nil
		})
		return
	}
	s.flash(w, r, "Đã đặt lại mật khẩu cho “"+cur.Username+"”. Các phiên đăng nhập cũ đã bị kết thúc.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func fieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
