package workspace

import (
	"context"
	"net/http"
	"thidua"
	"thidua/inbox"
	"thidua/passwd"
	"thidua/signin"
	"thidua/web/kit"
)

type dashboardPage struct {
	kit.Page
	Units, People int
	HasInbox      bool
	Tasks         []*inbox.Task
	TaskPager     kit.Pager
	Today         thidua.Date
}

func (s *Handler) HandleDashboard(w http.ResponseWriter, r *http.Request) error {
	p := &dashboardPage{Page: kit.Page{Title: "Tổng quan", Nav: "home"}}
	me := thidua.UserFromContext(r.Context())
	if me.Can(thidua.PermViewOrg) {
		var err error
		if p.Units, p.People, err = s.countOrganization(r); err != nil {
			return err
		}
	}
	if err := s.dashboardTasks(r, p); err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "dashboard.html", p)
	return nil
}

// countOrganization counts the units and people in the user's scope, from
// the store's counters when it keeps them (sqldb.DB.CountOrganization).
func (s *Handler) countOrganization(r *http.Request) (units, people int, err error) {
	type counter interface {
		CountOrganization(ctx context.Context) (units, people int, err error)
	}
	if c, ok := s.Store.(counter); ok {
		return c.CountOrganization(r.Context())
	}
	if _, units, err = s.Store.FindUnits(r.Context(), thidua.UnitFilter{}); err != nil {
		return 0, 0, err
	}
	_, people, err = s.Store.FindPeople(r.Context(), thidua.PersonFilter{Limit: 1})
	return units, people, err
}

type accountPage struct {
	kit.Page
	PwForm    *kit.Form
	TokenForm *kit.Form
	Tokens    []*thidua.APIToken
	NewToken  string
	// HasInbox and EmailOff: the user's e-mail choice for notifications.
	HasInbox, EmailOff bool
}

func (s *Handler) accountPage(r *http.Request) (*accountPage, error) {
	tokens, err := s.Store.FindAPITokens(r.Context())
	if err != nil {
		return nil, err
	}
	p := &accountPage{Page: kit.Page{Title: "Tài khoản của tôi", Nav: "account"}, PwForm: kit.NewForm(), TokenForm: kit.NewForm(), Tokens: tokens}
	if s.Cfg.Inbox != nil {
		p.HasInbox = true
		if p.EmailOff, err = s.Cfg.Inbox.EmailOff(r.Context()); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (s *Handler) HandleAccount(w http.ResponseWriter, r *http.Request) error {
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "account.html", p)
	return nil
}

func (s *Handler) HandleAccountPassword(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	me := thidua.UserFromContext(r.Context())
	cur, pw := r.PostForm.Get("current_password"), r.PostForm.Get("password")
	// Guessing the current password from a stolen session is throttled
	// like signing in from an unknown device.
	v, err := s.Store.BeginSignIn(r.Context(), signin.NewKeys(me.Username, thidua.IPFromContext(r.Context()), ""))
	if err != nil {
		return err
	}
	if v.Wait > 0 {
		return kit.TooMany("Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau "+kit.FormatWait(v.Wait)+".", v.Wait)
	}
	if ok, _ := passwd.Check(me.PasswordHash, cur); !ok {
		err = kit.FieldErr("current_password", "Mật khẩu hiện tại không đúng.")
	} else if err = s.Store.SignInSucceeded(r.Context(), v); err != nil {
		return err
	} else if err = thidua.ValidatePassword(pw); err == nil && pw != r.PostForm.Get("password_confirm") {
		err = kit.FieldErr("password_confirm", "Mật khẩu nhập lại không khớp.")
	}
	if err == nil {
		var hash string
		if hash, err = passwd.Hash(pw); err == nil {
			err = s.Store.SetPassword(r.Context(), me.ID, hash)
		}
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "account.html", func() (kit.View, error) {
			p, err := s.accountPage(r)
			if err != nil {
				return nil, err
			}
			p.PwForm = f
			return p, nil
		})
		return nil
	}
	s.Flash(w, r, "Đã đổi mật khẩu; các phiên đăng nhập và khóa API cũ đã bị thu hồi. Vui lòng đăng nhập lại bằng mật khẩu mới.")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleTokenCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	token, hash := kit.NewToken("thd_")
	t := &thidua.APIToken{Name: f.Values["name"], TokenHash: hash}
	err = s.Store.CreateAPIToken(r.Context(), t)
	p, perr := s.accountPage(r)
	if perr != nil {
		return perr
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "account.html", func() (kit.View, error) {
			p.TokenForm = f
			return p, nil
		})
		return nil
	}
	// The token is shown once and never stored in clear.
	p.NewToken = token
	p.Flash = "Đã tạo khóa API “" + t.Name + "”. Hãy sao chép khóa ngay: khóa chỉ hiển thị một lần."
	s.Render(w, r, http.StatusOK, "account.html", p)
	return nil
}

func (s *Handler) HandleTokenDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteAPIToken(r.Context(), id); err != nil {
		return err
	}
	s.Flash(w, r, "Đã thu hồi khóa API.")
	http.Redirect(w, r, "/app/account", http.StatusSeeOther)
	return nil
}
