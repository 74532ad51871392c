package web

import (
	"net/http"
	"net/url"
	"strings"
	"thidua"
	"thidua/passwd"
	"thidua/web/kit"
)

const sessionCookie = "thidua_session"

// sessionUser returns the signed-in user of the request's session cookie, or nil.
func (s *Server) sessionUser(r *http.Request) *thidua.User {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 200 {
		return nil
	}
	u, err := s.Store.FindSessionUser(r.Context(), kit.HashToken(c.Value))
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINTERNAL {
			s.Log.Error("find session", "err", err)
		}
		return nil
	}
	return u
}

// apiUser authenticates an API request by bearer token or HTTP Basic.
func (s *Server) apiUser(r *http.Request) (*thidua.User, error) {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return s.Store.FindAPITokenUser(r.Context(), kit.HashToken(strings.TrimSpace(h[7:])))
	}
	if name, pw, ok := r.BasicAuth(); ok {
		return s.checkPassword(r, name, pw)
	}
	// A browser that is signed in may call the API too (same origin only:
	// CrossOriginProtection guards unsafe methods).
	if u := s.sessionUser(r); u != nil {
		return u, nil
	}
	return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Cần xác thực: dùng khóa API (Authorization: Bearer …) hoặc HTTP Basic.")
}

// checkPassword verifies a username and password with throttling per
// account and per client address. Failures are counted in the database so
// that every node sees them.
func (s *Server) checkPassword(r *http.Request, username, password string) (*thidua.User, error) {
	ctx := r.Context()
	username = strings.ToLower(strings.TrimSpace(username))
	since := s.Now().Add(-kit.ThrottleWindow)
	userKey, ipKey := "user:"+username, "ip:"+s.clientIP(r)
	nu, err := s.Store.CountLoginFailures(ctx, userKey, since)
	if err != nil {
		return nil, err
	}
	ni, err := s.Store.CountLoginFailures(ctx, ipKey, since)
	if err != nil {
		return nil, err
	}
	if nu >= kit.MaxFailuresAccount || ni >= kit.MaxFailuresIP {
		return nil, kit.TooMany("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
	}
	fail := func() (*thidua.User, error) {
		s.Store.RecordLoginFailure(ctx, userKey)
		s.Store.RecordLoginFailure(ctx, ipKey)
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")
	}
	u, err := s.Store.FindUserByUsername(ctx, username)
	if err != nil {
		if thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		passwd.DummyCheck(password)
		return fail()
	}
	// A disabled account answers like a wrong password, so that the answer
	// never tells whether a guessed password is right.
	ok, err := passwd.Check(u.PasswordHash, password)
	if err != nil || !ok || u.Disabled {
		return fail()
	}
	s.Store.ClearLoginFailures(ctx, userKey)
	return u, nil
}

type loginPage struct {
	kit.Page
	Username string
	Next     string
	Error    string
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	if thidua.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, "/app", http.StatusSeeOther)
		return nil
	}
	s.Render(w, r, http.StatusOK, "login.html", &loginPage{Page: kit.Page{Title: "Đăng nhập"}, Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

// safeNext keeps only local redirect targets.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/app"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/app"
	}
	return next
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	u, err := s.checkPassword(r, username, password)
	if err != nil {
		status := kit.CodeStatus[thidua.ErrorCode(err)]
		if thidua.ErrorCode(err) == "too_many" {
			status = http.StatusTooManyRequests
		}
		if status == 0 || status == http.StatusInternalServerError {
			return err
		}
		s.Render(w, r, status, "login.html", &loginPage{Page: kit.Page{Title: "Đăng nhập"}, Username: username, Next: next, Error: thidua.ErrorMessage(err)})
		return nil
	}
	token, hash := kit.NewToken("")
	sess := &thidua.Session{TokenHash: hash, UserID: u.ID, ExpiresAt: s.Now().Add(s.Cfg.SessionTTL)}
	if err := s.Store.CreateSession(r.Context(), sess); err != nil {
		return err
	}
	if err := s.Store.RecordLogin(thidua.NewContextWithUser(r.Context(), u), u.ID); err != nil {
		s.Log.Error("record login", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Secure(r), Expires: sess.ExpiresAt})
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.Store.DeleteSession(r.Context(), kit.HashToken(c.Value))
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure(r)})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
