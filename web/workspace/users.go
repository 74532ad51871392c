package workspace

import (
	"net/http"
	"strconv"
	"thidua"
	"thidua/passwd"
	"thidua/web/kit"
)

type usersPage struct {
	kit.Page
	Users []*thidua.User
	Query string
	Total int
}

func (s *Handler) HandleUsers(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	users, total, err := s.Store.FindUsers(r.Context(), thidua.UserFilter{Query: q})
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "users.html", &usersPage{Page: kit.Page{Title: "Tài khoản", Nav: "users"}, Users: users, Query: q, Total: total})
	return nil
}

type userPage struct {
	kit.Page
	Account   *thidua.User
	Form      *kit.Form
	PwForm    *kit.Form
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

func (s *Handler) userPage(r *http.Request, title string, u *thidua.User, f *kit.Form, isNew bool) (*userPage, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	people, _, err := s.Store.FindPeople(r.Context(), thidua.PersonFilter{Limit: 1000})
	if err != nil {
		return nil, err
	}
	return &userPage{Page: kit.Page{Title: title, Nav: "users"}, Account: u, Form: f, PwForm: kit.NewForm(), Units: units, People: people,
		GrantRows: grantRows(u.Grants), New: isNew}, nil
}

func userForm(u *thidua.User) *kit.Form {
	f := kit.NewForm()
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
// readUser reads the form into the account input the API takes too;
// grant rows come as parallel lists.
func readUser(r *http.Request, f *kit.Form) thidua.UserInput {
	in := thidua.UserInput{Username: f.Values["username"], DisplayName: f.Values["display_name"], Email: f.Values["email"],
		PersonID: f.Int("person_id", "Cá nhân không hợp lệ."), Disabled: f.Bool("disabled"),
		Version: int(f.Int("version", "Phiên bản không hợp lệ."))}
	roles, units := r.PostForm["grant_role"], r.PostForm["grant_unit"]
	for i := range roles {
		if roles[i] == "" || i >= len(units) || units[i] == "" {
			continue
		}
		id, err := strconv.ParseInt(units[i], 10, 64)
		if err != nil {
			f.Errors["grants"] = "Đơn vị được phân quyền không hợp lệ."
			continue
		}
		in.Grants = append(in.Grants, thidua.Grant{Role: thidua.Role(roles[i]), UnitID: id})
	}
	return in
}

func (s *Handler) HandleUserNew(w http.ResponseWriter, r *http.Request) error {
	u := &thidua.User{}
	p, err := s.userPage(r, "Thêm tài khoản", u, userForm(u), true)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "user.html", p)
	return nil
}

func (s *Handler) HandleUserCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readUser(r, f)
	u := in.User(0)
	pw := r.PostForm.Get("password")
	if err := thidua.ValidatePassword(pw); err != nil {
		f.SetErr(err)
	}
	if pw != r.PostForm.Get("password_confirm") {
		f.Errors["password_confirm"] = "Mật khẩu nhập lại không khớp."
	}
	u.Normalize()
	err = f.MergeErr(u.Validate())
	if err == nil {
		u.PasswordHash, err = passwd.Hash(pw)
		if err == nil {
			err = s.Store.CreateUser(r.Context(), u)
		}
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "user.html", func() (kit.View, error) {
			return s.userPage(r, "Thêm tài khoản", u, f, true)
		})
		return nil
	}
	s.Flash(w, r, "Đã tạo tài khoản “"+u.Username+"”.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleUser(w http.ResponseWriter, r *http.Request) error {
	u, err := kit.FindByID(r, s.Store.FindUserByID)
	if err != nil {
		return err
	}
	p, err := s.userPage(r, u.DisplayName, u, userForm(u), false)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "user.html", p)
	return nil
}

func (s *Handler) HandleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	cur, err := s.Store.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readUser(r, f)
	u := in.User(id)
	u.Username = cur.Username
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.UpdateUser(r.Context(), u)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "user.html", func() (kit.View, error) {
			f.Values["username"] = cur.Username
			p, err := s.userPage(r, cur.DisplayName, cur, f, false)
			if err != nil {
				return nil, err
			}
			p.GrantRows = grantRows(u.Grants)
			return p, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã lưu tài khoản “"+u.Username+"”.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleUserPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	cur, err := s.Store.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	pw := r.PostForm.Get("password")
	err = thidua.ValidatePassword(pw)
	if err == nil && pw != r.PostForm.Get("password_confirm") {
		err = kit.FieldErr("password_confirm", "Mật khẩu nhập lại không khớp.")
	}
	if err == nil {
		var hash string
		if hash, err = passwd.Hash(pw); err == nil {
			err = s.Store.SetPassword(r.Context(), id, hash)
		}
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "user.html", func() (kit.View, error) {
			p, err := s.userPage(r, cur.DisplayName, cur, userForm(cur), false)
			if err != nil {
				return nil, err
			}
			p.PwForm = f
			return p, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã đặt lại mật khẩu cho “"+cur.Username+"”. Các phiên đăng nhập và khóa API cũ đã bị thu hồi.")
	http.Redirect(w, r, "/app/users/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
