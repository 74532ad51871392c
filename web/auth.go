package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"thidua"
	"thidua/passwd"
	"thidua/signin"
	"thidua/web/kit"
	"time"
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

// checkPassword verifies a username and password under the sign-in
// throttling (signin.Judge): the attempt is judged and charged as a
// failure in one step in the database, so that every node sees it and
// parallel guesses get no more than the rule allows, and the charge is
// taken back when the password is right and the account enabled. A refused
// attempt is not checked at all; an unknown name, a wrong password and a
// disabled account answer alike.
func (s *Server) checkPassword(r *http.Request, username, password string) (*thidua.User, error) {
	ctx := r.Context()
	username = strings.ToLower(strings.TrimSpace(username))
	keys := signin.NewKeys(username, s.clientIP(r), s.knownDevice(r, username))
	v, err := s.Store.BeginSignIn(ctx, keys)
	if err != nil {
		return nil, err
	}
	if v.Wait > 0 {
		return nil, kit.TooMany("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "+kit.FormatWait(v.Wait)+".", v.Wait)
	}
	fail := thidua.Errorf(thidua.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")
	u, err := s.Store.FindUserByUsername(ctx, username)
	if err != nil {
		if thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		passwd.DummyCheck(password)
		return nil, fail
	}
	// A disabled account answers like a wrong password, so that the answer
	// never tells whether a guessed password is right.
	ok, err := passwd.Check(u.PasswordHash, password)
	if err != nil || !ok || u.Disabled {
		return nil, fail
	}
	if err := s.Store.SignInSucceeded(ctx, v); err != nil {
		s.Log.Error("clear sign-in counters", "err", err)
	}
	return u, nil
}

// The device cookie (OWASP's "device cookie"): a browser that signed in to
// an account holds "nonce.name.mac", mac an HMAC-SHA256 of the name and
// the nonce under a key kept in the database, which every node shares.
// Its attempts at that account are judged by its own counter, not by the
// account's lockout.
const (
	deviceCookie = "thidua_device"
	deviceTTL    = 180 * 24 * time.Hour
)

// deviceKey returns the key that signs device cookies, read once.
func (s *Server) deviceKey(ctx context.Context) ([]byte, error) {
	s.deviceKeyMu.Lock()
	defer s.deviceKeyMu.Unlock()
	if s.deviceKeyVal == nil {
		k, err := s.Store.ServerKey(ctx, "device-cookie")
		if err != nil {
			return nil, err
		}
		s.deviceKeyVal = k
	}
	return s.deviceKeyVal, nil
}

func deviceMAC(key []byte, username, nonce string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("thidua device cookie\x00" + username + "\x00" + nonce))
	return m.Sum(nil)
}

// knownDevice returns the id of the request's device cookie when it is
// valid for username, else "".
func (s *Server) knownDevice(r *http.Request, username string) string {
	c, err := r.Cookie(deviceCookie)
	if err != nil || len(c.Value) > 400 {
		return ""
	}
	nonce, rest, ok := strings.Cut(c.Value, ".")
	if !ok {
		return ""
	}
	name64, mac64, ok := strings.Cut(rest, ".")
	if !ok {
		return ""
	}
	name, err1 := base64.RawURLEncoding.DecodeString(name64)
	mac, err2 := base64.RawURLEncoding.DecodeString(mac64)
	if err1 != nil || err2 != nil || nonce == "" || string(name) != username {
		return ""
	}
	key, err := s.deviceKey(r.Context())
	if err != nil {
		s.Log.Error("device cookie key", "err", err)
		return ""
	}
	if !hmac.Equal(mac, deviceMAC(key, username, nonce)) {
		return ""
	}
	return nonce
}

// setDeviceCookie gives the browser a new device cookie for username.
func (s *Server) setDeviceCookie(w http.ResponseWriter, r *http.Request, username string) {
	key, err := s.deviceKey(r.Context())
	if err != nil {
		s.Log.Error("device cookie key", "err", err)
		return
	}
	b := make([]byte, 16)
	rand.Read(b)
	nonce := base64.RawURLEncoding.EncodeToString(b)
	value := nonce + "." + base64.RawURLEncoding.EncodeToString([]byte(username)) + "." +
		base64.RawURLEncoding.EncodeToString(deviceMAC(key, username, nonce))
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: value, Path: "/login", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Secure(r), MaxAge: int(deviceTTL / time.Second)})
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
		kit.SetRetryAfter(w, err)
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
	s.setDeviceCookie(w, r, u.Username)
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
