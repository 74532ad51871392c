package web

import (
	"net/http"

	"thidua"
	"thidua/passwd"
)

type dashboardPage struct {
	Page
	Units, People int
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	p := &dashboardPage{Page: Page{Title: "Tổng quan", Nav: "home"}}
	me := thidua.UserFromContext(r.Context())
	if me.Can(thidua.PermViewOrg) {
		var err error
		if _, p.Units, err = s.store.FindUnits(r.Context(), thidua.UnitFilter{}); err != nil {
			s.Error(w, r, err)
			return
		}
		if _, p.People, err = s.store.FindPeople(r.Context(), thidua.PersonFilter{Limit: 1}); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "dashboard.html", p)
}

type accountPage struct {
	Page
	PwForm    *Form
	TokenForm *Form
	Tokens    []*thidua.APIToken
	NewToken  string
}

func (s *Server) accountPage(r *http.Request) (*accountPage, error) {
	tokens, err := s.store.FindAPITokens(r.Context())
	if err != nil {
		return nil, err
	}
	return &accountPage{Page: Page{Title: "Tài khoản của tôi", Nav: "account"}, PwForm: newForm(), TokenForm: newForm(), Tokens: tokens}, nil
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	p, err := s.accountPage(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account.html", p)
}

func (s *Server) handleAccountPassword(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	me := thidua.UserFromContext(r.Context())
	cur, pw := r.PostForm.Get("current_password"), r.PostForm.Get("password")
	// Guessing the current password from a stolen session is throttled
	// like signing in.
	key := "user:" + me.Username
	n, err := s.store.CountLoginFailures(r.Context(), key, s.now().Add(-throttleWindow))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if n >= maxFailuresAccount {
		s.Error(w, r, tooMany("Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút."))
		return
	}
	if ok, _ := passwd.Check(me.PasswordHash, cur); !ok {
		s.store.RecordLoginFailure(r.Context(), key)
		err = fieldErr("current_password", "Mật khẩu hiện tại không đúng.")
	} else if err = thidua.ValidatePassword(pw); err == nil && pw != r.PostForm.Get("password_confirm") {
		err = fieldErr("password_confirm", "Mật khẩu nhập lại không khớp.")
	}
	if err == nil {
		var hash string
		if hash, err = passwd.Hash(pw); err == nil {
			err = s.store.SetPassword(r.Context(), me.ID, hash)
		}
	}
	if err != nil {
		s.formFailed(w, r, f, err, "account.html", func() (pager, error) {
			p, err := s.accountPage(r)
			if err != nil {
				return nil, err
			}
			p.PwForm = f
			return p, nil
		})
		return
	}
	s.flash(w, r, "Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	f, err := parseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	token, hash := newToken("thd_")
	t := &thidua.APIToken{Name: f.Values["name"], TokenHash: hash}
	err = s.store.CreateAPIToken(r.Context(), t)
	p, perr := s.accountPage(r)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	if err != nil {
		s.formFailed(w, r, f, err, "account.html", func() (pager, error) {
			p.TokenForm = f
			return p, nil
		})
		return
	}
	// The token is shown once and never stored in clear.
	p.NewToken = token
	p.Flash = "Đã tạo khóa API “" + t.Name + "”. Hãy sao chép khóa ngay: khóa chỉ hiển thị một lần."
	s.render(w, r, http.StatusOK, "account.html", p)
}

func (s *Server) handleTokenDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.DeleteAPIToken(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.flash(w, r, "Đã thu hồi khóa API.")
	http.Redirect(w, r, "/app/account", http.StatusSeeOther)
}
