package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"thidua/sqldb/articles"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/ops"
	"thidua/pades"
	"thidua/report"
	"thidua/sqldb"
	sqlcentral "thidua/sqldb/central"
	"thidua/sqldb/climb"
	sqlclusters "thidua/sqldb/clusters"
	sqlinbox "thidua/sqldb/inbox"
	"thidua/sqldb/signatures"
	sqlforms "thidua/sqldb/statforms"
	"thidua/statforms"
	"thidua/web"
)

// testEnv is a running server on a test's own copy of the demo office
// (see demotest): every test environment is made by newEnv.
type testEnv struct {
	t        *testing.T
	DB       *sqldb.DB
	URL      string // opens DB again
	Server   *web.Server
	HTTP     *httptest.Server
	Accounts map[thidua.Role]demo.Account
}

func TestMain(m *testing.M) { demotest.Main(m) }

// envConfig is the configuration of a test server unless a test gives its own.
func envConfig() web.Config {
	return web.Config{Reports: report.Reporter{}, Exports: report.Exporter{}, Place: "Hà Nội", CentralDocs: report.Central{}}
}

// newEnv starts a test server on office, a test's copy of the demo office,
// with envConfig or, when given, cfg.
func newEnv(t *testing.T, office *demotest.Office, cfg ...web.Config) *testEnv {
	t.Helper()
	c := envConfig()
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.System == nil {
		c.System = &ops.System{DB: office.DB, Version: "test"}
	}
	if c.Inbox == nil {
		c.Inbox = sqlinbox.New(office.DB)
	}
	if c.StatForms == nil {
		c.StatForms, c.FormRenderer = sqlforms.New(office.DB, statforms.MustLoad()), report.Forms{}
	}
	if c.Central == nil {
		c.Central = sqlcentral.New(office.DB, c.Province)
	}
	if c.Clusters == nil {
		c.Clusters = sqlclusters.New(office.DB)
	}
	if c.Signing == nil {
		// Without a secret key: certificates are refused, checks work.
		c.Signing = signatures.New(office.DB, pades.Engine{}, nil, "")
	}
	if c.Articles == nil {
		c.Articles = articles.New(office.DB)
	}
	if c.Ladder == nil {
		c.Ladder = climb.New(office.DB, c.Province)
	}
	srv, err := web.New(office.DB, c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	env := &testEnv{t: t, DB: office.DB, URL: office.URL, Server: srv, HTTP: hs, Accounts: map[thidua.Role]demo.Account{}}
	for _, a := range office.Accounts {
		env.Accounts[a.Role] = a
	}
	return env
}

// newSQLiteEnv is newEnv on a SQLite copy of the demo office.
func newSQLiteEnv(t *testing.T, cfg ...web.Config) *testEnv {
	t.Helper()
	return newEnv(t, demotest.SQLite(t), cfg...)
}

// forEachEnv runs fn as a subtest with a test server on a SQLite and on a
// PostgreSQL copy of the demo office.
func forEachEnv(t *testing.T, fn func(t *testing.T, e *testEnv)) {
	t.Helper()
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) { fn(t, newEnv(t, o)) })
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
