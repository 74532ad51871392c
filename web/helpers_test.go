package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/report"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
	"thidua/web"
)

// testEnv is a running server on a database holding the demo office.
type testEnv struct {
	t        *testing.T
	DB       *sqldb.DB
	Server   *web.Server
	HTTP     *httptest.Server
	Accounts map[thidua.Role]demo.Account
}

// newEnv starts a test server on db after loading the demo office.
func newEnv(t *testing.T, db *sqldb.DB) *testEnv {
	t.Helper()
	accounts, err := demo.Load(thidua.NewSystemContext(context.Background()), db)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	srv, err := web.New(db, web.Config{Reports: report.Reporter{}, Exports: report.Exporter{}, Place: "Hà Nội"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	env := &testEnv{t: t, DB: db, Server: srv, HTTP: hs, Accounts: map[thidua.Role]demo.Account{}}
	for _, a := range accounts {
		env.Accounts[a.Role] = a
	}
	return env
}

// newSQLiteEnv is newEnv on a fresh SQLite database.
func newSQLiteEnv(t *testing.T) *testEnv {
	t.Helper()
	return newEnv(t, sqldbtest.OpenSQLite(t))
}

// client returns an HTTP client with a cookie jar that does not follow redirects.
func (e *testEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login signs in as the demo account of role and returns its client.
func (e *testEnv) login(role thidua.Role) *http.Client {
	e.t.Helper()
	a, ok := e.Accounts[role]
	if !ok {
		e.t.Fatalf("no demo account for %s", role)
	}
	c := e.client()
	resp, err := c.PostForm(e.HTTP.URL+"/login", url.Values{"username": {a.Username}, "password": {a.Password}})
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d", a.Username, resp.StatusCode)
	}
	return c
}

// get fetches path and returns status and body.
func (e *testEnv) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	resp, err := c.Get(e.HTTP.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// postForm posts a form and returns the response (body read into the string).
func (e *testEnv) postForm(c *http.Client, path string, v url.Values) (*http.Response, string) {
	e.t.Helper()
	resp, err := c.PostForm(e.HTTP.URL+path, v)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// apiDo sends a JSON API request with HTTP Basic auth as the demo account of
// role (no auth when role is ""), and returns status and body.
func (e *testEnv) apiDo(role thidua.Role, method, path, body string) (int, http.Header, string) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.HTTP.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if role != "" {
		a := e.Accounts[role]
		req.SetBasicAuth(a.Username, a.Password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}
