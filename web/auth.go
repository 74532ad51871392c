package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"thidua"
	"thidua/passwd"
)

const sessionCookie = "thidua_session"

// Throttling limits for failed sign-ins, per account and per client address.
const (
	throttleWindow     = 15 * time.Minute
	maxFailuresAccount = 5
	maxFailuresIP      = 20
)

// newToken returns a random secret and its SHA-256 hash (what is stored).
func newToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// sessionUser returns the signed-in user of the request's session cookie, or nil.
func (s *Server) sessionUser(r *http.Request) *thidua.User {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 200 {
		return nil
	}
	u, err := s.store.FindSessionUser(r.Context(), hashToken(c.Value))
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINTERNAL {
			s.log.Error("find session", "err", err)
		}
		return nil
	}
	return u
}

// apiUser authenticates an API request by bearer token or HTTP Basic.
func (s *Server) apiUser(r *http.Request) (*thidua.User, error) {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return s.store.FindAPITokenUser(r.Context(), hashToken(strings.TrimSpace(h[7:])))
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
	since := s.now().Add(-throttleWindow)
	userKey, ipKey := "user:"+username, "ip:"+s.clientIP(r)
	nu, err := s.store.CountLoginFailures(ctx, userKey, since)
	if err != nil {
		return nil, err
	}
	ni, err := s.store.CountLoginFailures(ctx, ipKey, since)
	if err != nil {
		return nil, err
	}
	if nu >= maxFailuresAccount || ni >= maxFailuresIP {
		return nil, tooMany("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
	}
	fail := func() (*thidua.User, error) {
		s.store.RecordLoginFailure(ctx, userKey)
		s.store.RecordLoginFailure(ctx, ipKey)
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")
	}
	u, err := s.store.FindUserByUsername(ctx, username)
	if err != nil {
		if thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		passwd.DummyCheck(password)
		return fail()
	}
	ok, err := passwd.Check(u.PasswordHash, password)
	if err != nil || !ok {
		return fail()
	}
	if u.Disabled {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị hệ thống.")
	}
	s.store.ClearLoginFailures(ctx, userKey)
	return u, nil
}

type loginPage struct {
	Page
	Username string
	Next     string
	Error    string
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	if thidua.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, "/app", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", &loginPage{Page: Page{Title: "Đăng nhập"}, Next: safeNext(r.URL.Query().Get("next"))})
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

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	u, err := s.checkPassword(r, username, password)
	if err != nil {
		status := codeStatus[thidua.ErrorCode(err)]
		if thidua.ErrorCode(err) == "too_many" {
			status = http.StatusTooManyRequests
		}
		if status == 0 || status == http.StatusInternalServerError {
			s.Error(w, r, err)
			return
		}
		s.render(w, r, status, "login.html", &loginPage{Page: Page{Title: "Đăng nhập"}, Username: username, Next: next, Error: thidua.ErrorMessage(err)})
		return
	}
	token, hash := newToken("")
	sess := &thidua.Session{TokenHash: hash, UserID: u.ID, ExpiresAt: s.now().Add(s.cfg.SessionTTL)}
	if err := s.store.CreateSession(r.Context(), sess); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.RecordLogin(thidua.NewContextWithUser(r.Context(), u), u.ID); err != nil {
		s.log.Error("record login", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), Expires: sess.ExpiresAt})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.store.DeleteSession(r.Context(), hashToken(c.Value))
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func urlUnescape(s string) (string, error) { return url.QueryUnescape(s) }
