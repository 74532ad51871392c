package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"thidua/demo/demotest"
	"thidua/sqldb/sqldbtest"
)

// TestScaleOutStart starts two nodes at the same moment on one empty
// PostgreSQL schema, as a deployment behind a load balancer does: neither may
// fail on the migrations, and the demo office is loaded once.
func TestScaleOutStart(t *testing.T) {
	dbURL := sqldbtest.PostgresURL(t)
	var (
		wg    sync.WaitGroup
		mains [2]*Main
		logs  [2]*syncBuffer
		errs  [2]error
		start = make(chan struct{})
	)
	for i := range mains {
		wg.Go(func() {
			<-start
			logs[i] = &syncBuffer{}
			mains[i], errs[i] = Open(t.Context(), &Config{DatabaseURL: dbURL, ListenAddr: "127.0.0.1:0", Demo: true}, logs[i])
		})
	}
	close(start)
	wg.Wait()
	for i, m := range mains {
		if errs[i] != nil {
			t.Errorf("Open node %d: %v", i, errs[i])
		}
		if m != nil {
			defer closeMain(t, m)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	loaded := 0
	for _, m := range mains {
		if len(m.Accounts) > 0 {
			loaded++
		}
	}
	if loaded != 1 {
		t.Errorf("%d nodes loaded the demo office, want exactly 1", loaded)
	}
	var units, users int
	if err := mains[0].DB.SQL().QueryRow(`SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM users)`).Scan(&units, &users); err != nil {
		t.Fatal(err)
	}
	// The demo office loaded once into a database of its own gives the counts to expect.
	one := demotest.SQLite(t).DB
	var wantUnits, wantUsers int
	if err := one.SQL().QueryRow(`SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM users)`).Scan(&wantUnits, &wantUsers); err != nil {
		t.Fatal(err)
	}
	if units != wantUnits || users != wantUsers {
		t.Errorf("%d units and %d users, want the demo office once (%d and %d)", units, users, wantUnits, wantUsers)
	}
	for _, m := range mains {
		s := serve(t, m, &syncBuffer{})
		checkHealth(t, s.URL())
		if err := s.stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	}
}

// TestScaleOut runs two servers on one PostgreSQL database, as behind a load
// balancer: a session made on one node works on the other, signing out on
// one ends it on both, and failed sign-ins are counted across nodes.
func TestScaleOut(t *testing.T) {
	dbURL := sqldbtest.PostgresURL(t)
	a := startServer(t, &Config{DatabaseURL: dbURL, ListenAddr: "127.0.0.1:0", Demo: true})
	b := startServer(t, &Config{DatabaseURL: dbURL, ListenAddr: "127.0.0.1:0", Demo: true})
	if len(a.Accounts) != 6 || len(b.Accounts) != 0 {
		t.Fatalf("node A has %d demo accounts and B %d, want 6 and 0", len(a.Accounts), len(b.Accounts))
	}
	accounts := a.Accounts
	admin := accounts[0]
	if admin.Username != "admin" {
		t.Fatalf("first demo account is %s, want admin", admin.Username)
	}

	t.Run("session", func(t *testing.T) {
		cookie := login(t, a.URL(), admin.Username, admin.Password, http.StatusSeeOther)
		if cookie == nil {
			t.Fatal("no session cookie from node A")
		}
		for _, s := range []*server{b, a} {
			status, body := get(t, s.URL()+"/app/people", cookie)
			if status != http.StatusOK || !strings.Contains(body, "Quản trị hệ thống") || !strings.Contains(body, "Nguyễn Ngọc Ánh") {
				t.Fatalf("GET %s/app/people with A's cookie = %d, want 200 with the admin's name and the people", s.URL(), status)
			}
		}
		// Signing out on B ends the session on A too.
		req, _ := http.NewRequest("POST", b.URL()+"/logout", nil)
		req.AddCookie(cookie)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /logout on B = %d, want 303", resp.StatusCode)
		}
		for _, s := range []*server{a, b} {
			resp := getResp(t, s.URL()+"/app/people", cookie)
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
				t.Errorf("GET %s/app/people after logout = %d → %q, want 303 → /login", s.URL(), resp.StatusCode, resp.Header.Get("Location"))
			}
		}
	})

	t.Run("throttling", func(t *testing.T) {
		// Five failures on A lock the account on B as well, even with the
		// right password.
		user := accounts[1]
		// A browser that signed in on A before holds a device cookie.
		form := url.Values{"username": {user.Username}, "password": {user.Password}}
		resp, err := noRedirect.PostForm(a.URL()+"/login", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var device *http.Cookie
		for _, c := range resp.Cookies() {
			if c.Name == "thidua_device" {
				device = c
			}
		}
		if resp.StatusCode != http.StatusSeeOther || device == nil {
			t.Fatalf("sign-in on A: %d, device cookie %v", resp.StatusCode, device)
		}
		for i := range 5 {
			if c := login(t, a.URL(), user.Username, "sai-mật-khẩu", http.StatusUnauthorized); c != nil {
				t.Fatalf("attempt %d: wrong password signed in", i+1)
			}
		}
		if c := login(t, b.URL(), user.Username, user.Password, http.StatusTooManyRequests); c != nil {
			t.Fatal("the sixth attempt, on B, signed in")
		}
		if c := login(t, a.URL(), user.Username, user.Password, http.StatusTooManyRequests); c != nil {
			t.Fatal("the seventh attempt, on A, signed in")
		}
		// The known browser still gets in, on B too: the cookie's key is in
		// the database.
		req, _ := http.NewRequest(http.MethodPost, b.URL()+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(device)
		resp, err = noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the known browser on B while the account is locked: %d, want 303", resp.StatusCode)
		}
		// Another account is not locked.
		if c := login(t, b.URL(), admin.Username, admin.Password, http.StatusSeeOther); c == nil {
			t.Fatal("admin could not sign in on B")
		}
	})

	checkHealth(t, a.URL())
	checkHealth(t, b.URL())
	for _, s := range []*server{a, b} {
		if err := s.stop(); err != nil {
			t.Errorf("shutdown of %s: %v", s.URL(), err)
		}
	}
}

// login posts the sign-in form and checks the status; it returns the
// session cookie, or nil.
func login(t *testing.T, base, username, password string, wantStatus int) *http.Cookie {
	t.Helper()
	resp, err := noRedirect.PostForm(base+"/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != wantStatus {
		t.Fatalf("POST %s/login as %s = %d, want %d\n%s", base, username, resp.StatusCode, wantStatus, body)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "thidua_session" && c.Value != "" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie %v is not HttpOnly and SameSite=Lax", c)
			}
			return c
		}
	}
	return nil
}

func getResp(t *testing.T, u string, cookie *http.Cookie) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func get(t *testing.T, u string, cookie *http.Cookie) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}
