package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/rules"
	"thidua/sqldb"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is a Main serving in the background.
type server struct {
	*Main
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// openMain opens the service with c, failing the test on error. The log
// goes to a buffer that is printed when the test fails.
func openMain(t *testing.T, c *Config) (*Main, *syncBuffer) {
	t.Helper()
	log := &syncBuffer{}
	m, err := Open(context.Background(), c, log)
	if err != nil {
		t.Fatalf("Open(%s): %v", c.DatabaseURL, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log of %s:\n%s", m.URL(), log.String())
		}
	})
	return m, log
}

// closeMain releases a Main that was never served.
func closeMain(t *testing.T, m *Main) {
	t.Helper()
	m.Listener.Close()
	if err := m.DB.Close(); err != nil {
		t.Errorf("close database: %v", err)
	}
}

// serve runs m.Serve in a goroutine; stop (also called at cleanup) cancels
// it and waits for the graceful shutdown.
func serve(t *testing.T, m *Main, log *syncBuffer) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{Main: m, log: log, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- m.Serve(ctx) }()
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("shutdown of %s: %v", m.URL(), err)
		}
	})
	return s
}

// stop shuts the server down and returns Serve's result; it fails when the
// shutdown takes more than 20 seconds.
func (s *server) stop() error {
	s.once.Do(func() {
		s.cancel()
		select {
		case s.err = <-s.done:
		case <-time.After(20 * time.Second):
			s.err = errors.New("Serve did not return within 20s of cancel")
		}
	})
	return s.err
}

// startServer opens and serves c.
func startServer(t *testing.T, c *Config) *server {
	t.Helper()
	m, log := openMain(t, c)
	return serve(t, m, log)
}

// startDemo serves a test's own SQLite copy of the demo office (see
// demotest) with the demo accounts, after edit (if not nil) has changed the
// configuration.
func startDemo(t *testing.T, edit func(*Config)) *server {
	t.Helper()
	path, accounts := demotest.SQLiteFile(t)
	c := &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", Demo: true, LogLevel: "warn"}
	if edit != nil {
		edit(c)
	}
	s := startServer(t, c)
	if len(s.Accounts) != 0 {
		t.Fatalf("the demo office was loaded again into its copy")
	}
	s.Accounts = accounts
	return s
}

// noRedirect is an HTTP client that returns redirects instead of following them.
var noRedirect = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// runCmd runs the command line and returns stdout, stderr and the error.
func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err := run(ctx, args, &out, &errb)
	return out.String(), errb.String(), err
}

// mustRun runs the command line and fails the test when it fails.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("thidua %s: %v\nstderr: %s", strings.Join(args, " "), err, errs)
	}
	return out
}

// checkOneLine fails unless err is a single line of text containing every want.
func checkOneLine(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one mentioning %q", want)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error is not one line:\n%s", msg)
	}
	if strings.Contains(msg, "goroutine ") || strings.Contains(msg, ".go:") {
		t.Errorf("error looks like a stack trace: %s", msg)
	}
	for _, w := range want {
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
			t.Errorf("error %q does not mention %q", msg, w)
		}
	}
}

// openDBForTest opens the SQLite or PostgreSQL database at url and closes it at cleanup.
func openDBForTest(t *testing.T, url string) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkPassword reports whether username's stored hash matches password.
func checkPassword(t *testing.T, db *sqldb.DB, username, password string) bool {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatalf("find user %s: %v", username, err)
	}
	ok, err := passwd.Check(u.PasswordHash, password)
	if err != nil {
		t.Fatalf("check password of %s: %v", username, err)
	}
	return ok
}

func TestMain(m *testing.M) {
	code := m.Run()
	closeBrowser()
	demotest.Cleanup()
	os.Exit(code)
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version", "-version", "-v"} {
		if out := mustRun(t, arg); out != "thidua "+Version+"\n" {
			t.Errorf("%s printed %q", arg, out)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"-help"}, {"--help"}} {
		out := mustRun(t, args...)
		if !strings.Contains(out, "Commands:") || !strings.Contains(out, "audit verify") {
			t.Errorf("%v printed %q, want the usage", args, out)
		}
	}
	// A command's -h lists its flags on standard output (help asked for is
	// output, not an error) and returns flag.ErrHelp, which main turns into
	// exit status 0.
	for _, cmd := range []string{"serve", "import"} {
		out, errs, err := runCmd(t, cmd, "-h")
		if !errors.Is(err, flag.ErrHelp) || exitCode(err) == 2 {
			t.Errorf("%s -h: err = %v, want flag.ErrHelp", cmd, err)
		}
		if errs != "" {
			t.Errorf("%s -h wrote to stderr: %q", cmd, errs)
		}
		if !strings.Contains(out, "-database-url") || !strings.Contains(out, "THIDUA_DATABASE_URL") {
			t.Errorf("%s -h does not list its flags on stdout:\n%s", cmd, out)
		}
	}
	if out, _, _ := runCmd(t, "serve", "-h"); !strings.Contains(out, "-admin-password") || !strings.Contains(out, "THIDUA_SESSION_TTL") {
		t.Errorf("serve -h:\n%s", out)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, errs, err := runCmd(t, "frobnicate")
	checkOneLine(t, err, `unknown command "frobnicate"`)
	if exitCode(err) != 2 {
		t.Errorf("an unknown command exits %d, want 2 (a usage error)", exitCode(err))
	}
	for _, args := range [][]string{{"serve", "-no-such-flag"}, {"import", "-bogus"}, {"serve", "-session-ttl", "abc"}} {
		if _, _, err := runCmd(t, args...); err == nil || exitCode(err) != 2 {
			t.Errorf("%v: %v, exit %d, want a usage error (exit 2)", args, err, exitCode(err))
		}
	}
	if !strings.Contains(errs, "Commands:") {
		t.Errorf("usage not printed on stderr: %q", errs)
	}
	for _, args := range [][]string{{"user"}, {"user", "delete"}, {"audit"}, {"audit", "fix"}} {
		_, _, err := runCmd(t, args...)
		checkOneLine(t, err, "usage")
		if exitCode(err) != 2 {
			t.Errorf("%v exits %d, want 2", args, exitCode(err))
		}
	}
}

func TestMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "thidua.db")
	out := mustRun(t, "migrate", "-database-url", path)
	if !regexp.MustCompile(`(?m)^Đã áp dụng 0001_init\.sql$`).MatchString(out) {
		t.Errorf("first migrate printed %q", out)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not created: %v", err)
	}
	out = mustRun(t, "migrate", "-database-url", path)
	if !strings.Contains(out, "phiên bản mới nhất") {
		t.Errorf("second migrate printed %q, want that the database is up to date", out)
	}
	// The environment variable names the database too.
	t.Setenv("THIDUA_DATABASE_URL", filepath.Join(t.TempDir(), "env.db"))
	if out := mustRun(t, "migrate"); !strings.Contains(out, "0001_init.sql") {
		t.Errorf("migrate with THIDUA_DATABASE_URL printed %q", out)
	}
}

func TestDemoCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "thidua.db")
	out := mustRun(t, "demo", "-database-url", path)
	for _, want := range []string{"Đã nạp dữ liệu mẫu", "admin", "Demo@2026-quantri", "thiduakt", "canhan"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	_, _, err := runCmd(t, "demo", "-database-url", path)
	checkOneLine(t, err, "already holds units", "empty database")
}

func TestUserCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "thidua.db")

	// On an empty database, "user add" makes a root unit to grant the role on.
	out := mustRun(t, "user", "add", "-database-url", path, "-username", "root", "-password", "mật-khẩu-gốc")
	if !strings.Contains(out, "Đã tạo tài khoản root") {
		t.Errorf("user add printed %q", out)
	}

	demoDB := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "-database-url", demoDB)
	out = mustRun(t, "user", "add", "-database-url", demoDB, "-username", "hoa", "-password", "mật-khẩu-dài",
		"-role", "officer", "-unit", "2", "-name", "Nguyễn Thị Hoa")
	if !strings.Contains(out, "Đã tạo tài khoản hoa") {
		t.Errorf("user add printed %q", out)
	}

	_, _, err := runCmd(t, "user", "add", "-database-url", demoDB, "-username", "ngan", "-password", "ngắn")
	checkOneLine(t, err, "password", "8")
	_, _, err = runCmd(t, "user", "add", "-database-url", demoDB, "-password", "mật-khẩu-dài")
	checkOneLine(t, err, "-username")
	_, _, err = runCmd(t, "user", "add", "-database-url", demoDB, "-username", "hoa", "-password", "mật-khẩu-dài")
	if err == nil {
		t.Error("adding hoa twice succeeded")
	} else {
		checkOneLine(t, err)
	}
	_, _, err = runCmd(t, "user", "add", "-database-url", demoDB, "-username", "vai", "-password", "mật-khẩu-dài", "-role", "KING")
	if err == nil {
		t.Error("user add with role KING succeeded")
	} else {
		checkOneLine(t, err)
	}

	out = mustRun(t, "user", "passwd", "-database-url", demoDB, "-username", "ADMIN", "-password", "mật-khẩu-mới-2026")
	if !strings.Contains(out, "Đã đặt lại mật khẩu cho admin") {
		t.Errorf("user passwd printed %q", out)
	}
	_, _, err = runCmd(t, "user", "passwd", "-database-url", demoDB, "-username", "admin", "-password", "1234567")
	checkOneLine(t, err, "password")
	_, _, err = runCmd(t, "user", "passwd", "-database-url", demoDB, "-username", "khongco", "-password", "mật-khẩu-dài")
	checkOneLine(t, err, `no account "khongco"`)
	// THIDUA_USER_PASSWORD keeps the password off the command line.
	t.Setenv("THIDUA_USER_PASSWORD", "từ-biến-môi-trường")
	mustRun(t, "user", "passwd", "-database-url", demoDB, "-username", "hoa")

	db := openDBForTest(t, demoDB)
	if !checkPassword(t, db, "admin", "mật-khẩu-mới-2026") {
		t.Error("admin's new password does not work")
	}
	if checkPassword(t, db, "admin", "Demo@2026-quantri") {
		t.Error("admin's old password still works")
	}
	if checkPassword(t, db, "admin", "1234567") {
		t.Error("the rejected short password was set")
	}
	if !checkPassword(t, db, "hoa", "từ-biến-môi-trường") {
		t.Error("THIDUA_USER_PASSWORD was not used")
	}
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), "hoa")
	if err != nil {
		t.Fatal(err)
	}
	if u.DisplayName != "Nguyễn Thị Hoa" || !u.HasRole(thidua.RoleOfficer) || len(u.Grants) != 1 || u.Grants[0].UnitID != 2 {
		t.Errorf("hoa = %q %+v, want Nguyễn Thị Hoa, OFFICER on unit 2", u.DisplayName, u.Grants)
	}
}

// TestNotADatabase: a file that is not SQLite gives one clear line, whatever
// the command.
func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk.db")
	junk := bytes.Repeat([]byte("this is not a database\x00\xff\xfe"), 200)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"serve", "-database-url", path, "-listen-addr", "127.0.0.1:0"},
		{"migrate", "-database-url", path},
		{"demo", "-database-url", path},
		{"user", "passwd", "-database-url", path, "-username", "admin", "-password", "mật-khẩu-dài"},
		{"audit", "verify", "-database-url", path},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, _, err := runCmd(t, args...)
			checkOneLine(t, err, "database", path)
		})
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, junk) {
		t.Error("the junk file was changed")
	}
}

// TestPostgresDown: a PostgreSQL that does not answer gives one line, within
// the connect timeout, without the password.
func TestPostgresDown(t *testing.T) {
	url := "postgres://thidua:bi-mat-42@127.0.0.1:1/thidua?sslmode=disable&connect_timeout=2"
	for _, args := range [][]string{
		{"serve", "-database-url", url, "-listen-addr", "127.0.0.1:0"},
		{"migrate", "-database-url", url},
	} {
		t.Run(args[0], func(t *testing.T) {
			start := time.Now()
			_, _, err := runCmd(t, args...)
			checkOneLine(t, err, "database", "127.0.0.1:1")
			if err != nil && strings.Contains(err.Error(), "bi-mat-42") {
				t.Errorf("error shows the password: %v", err)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("took %v to give up", d)
			}
		})
	}
}

func TestParseServeEnv(t *testing.T) {
	t.Setenv("THIDUA_DATABASE_URL", "postgres://x@db/thidua")
	t.Setenv("THIDUA_LISTEN_ADDR", ":9090")
	t.Setenv("THIDUA_ADMIN_USERNAME", "quantri")
	t.Setenv("THIDUA_ADMIN_PASSWORD", "mật-khẩu-dài")
	t.Setenv("THIDUA_DEMO", "false")
	t.Setenv("THIDUA_SESSION_TTL", "30m")
	c, err := parseServe([]string{"-trust-proxy"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{DatabaseURL: "postgres://x@db/thidua", ListenAddr: ":9090", AdminUsername: "quantri", AdminPassword: "mật-khẩu-dài",
		Demo: false, TrustProxy: true, LogFormat: "text", LogLevel: "info", SessionTTL: 30 * time.Minute, Place: "Hà Nội", Province: "default",
		Ops:    opsConfig{KeepJobs: 720 * time.Hour, KeepUploads: 24 * time.Hour, BackupKeep: "7d,12m"},
		engine: rules.Default()} // no rules folder: the embedded rules
	if *c != want {
		t.Errorf("parseServe = %+v, want %+v", *c, want)
	}
	// A flag wins over the environment.
	if c, err := parseServe([]string{"-demo=true", "-session-ttl", "1h"}, io.Discard); err != nil || !c.Demo || c.SessionTTL != time.Hour {
		t.Errorf("flags: %+v, %v", c, err)
	}
	t.Setenv("THIDUA_ADMIN_PASSWORD", "")
	if _, err := parseServe(nil, io.Discard); err == nil {
		t.Error("admin user name without password accepted")
	} else {
		checkOneLine(t, err, "THIDUA_ADMIN_PASSWORD")
	}
	t.Setenv("THIDUA_SESSION_TTL", "mười giờ")
	if _, err := parseServe(nil, io.Discard); err == nil {
		t.Error("bad THIDUA_SESSION_TTL accepted")
	} else {
		checkOneLine(t, err, "THIDUA_SESSION_TTL")
	}
}

// TestAdminFromEnvironment: THIDUA_ADMIN_USERNAME/PASSWORD create the
// administrator on the first start and reset (and re-enable) it later.
func TestAdminFromEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "thidua.db")
	t.Setenv("THIDUA_ADMIN_USERNAME", "QuanTri")
	t.Setenv("THIDUA_ADMIN_PASSWORD", "mật-khẩu-đầu-tiên")
	c, err := parseServe([]string{"-database-url", path, "-listen-addr", "127.0.0.1:0", "-demo=false"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := openMain(t, c)
	if len(m.Accounts) != 0 {
		t.Errorf("demo accounts with -demo=false: %v", m.Accounts)
	}
	sys := thidua.NewSystemContext(context.Background())
	u, err := m.DB.FindUserByUsername(sys, "quantri")
	if err != nil {
		t.Fatalf("administrator not created: %v", err)
	}
	if !u.HasRole(thidua.RoleAdmin) {
		t.Errorf("grants %+v lack ADMIN", u.Grants)
	}
	if !checkPassword(t, m.DB, "quantri", "mật-khẩu-đầu-tiên") {
		t.Error("the administrator's password does not work")
	}
	// Someone disables the account and takes the role away.
	u.Disabled = true
	u.Grants = []thidua.Grant{{Role: thidua.RoleStaff, UnitID: u.Grants[0].UnitID}}
	if err := m.DB.UpdateUser(sys, u); err != nil {
		t.Fatalf("disable administrator: %v", err)
	}
	closeMain(t, m)

	m, _ = openMain(t, &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", AdminUsername: "quantri", AdminPassword: "mật-khẩu-thứ-hai"})
	u, err = m.DB.FindUserByUsername(sys, "quantri")
	if err != nil {
		t.Fatal(err)
	}
	if u.Disabled || !u.HasRole(thidua.RoleAdmin) {
		t.Errorf("after restart: disabled=%v grants=%+v, want enabled ADMIN", u.Disabled, u.Grants)
	}
	if !checkPassword(t, m.DB, "quantri", "mật-khẩu-thứ-hai") || checkPassword(t, m.DB, "quantri", "mật-khẩu-đầu-tiên") {
		t.Error("the password was not reset")
	}
	n, _, err := m.DB.FindUsers(sys, thidua.UserFilter{Username: "quantri"})
	if err != nil || len(n) != 1 {
		t.Errorf("FindUsers(quantri) = %d users, %v; want exactly one", len(n), err)
	}
	// A start with the same password keeps the administrator's API tokens
	// (a reset would revoke them); a start with another revokes them.
	if err := m.DB.CreateAPIToken(thidua.NewContextWithUser(context.Background(), u), &thidua.APIToken{Name: "Sao lưu", TokenHash: "admintok"}); err != nil {
		t.Fatal(err)
	}
	closeMain(t, m)
	m, _ = openMain(t, &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", AdminUsername: "quantri", AdminPassword: "mật-khẩu-thứ-hai"})
	if _, err := m.DB.FindAPITokenUser(sys, "admintok"); err != nil {
		t.Errorf("the administrator's token after a start with the same password: %v", err)
	}
	closeMain(t, m)
	m, _ = openMain(t, &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", AdminUsername: "quantri", AdminPassword: "mật-khẩu-thứ-ba"})
	defer closeMain(t, m)
	if _, err := m.DB.FindAPITokenUser(sys, "admintok"); thidua.ErrorCode(err) != thidua.EUNAUTHORIZED {
		t.Errorf("the administrator's token after a password reset at start: %v, want EUNAUTHORIZED", err)
	}

	// A short password is refused before anything changes.
	if _, err := Open(context.Background(), &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", AdminUsername: "quantri", AdminPassword: "ngắn"}, io.Discard); err == nil {
		t.Error("a short THIDUA_ADMIN_PASSWORD was accepted")
	} else {
		checkOneLine(t, err, "THIDUA_ADMIN_PASSWORD")
	}
}

func TestAuditVerify(t *testing.T) {
	path := filepath.Join(t.TempDir(), "thidua.db")
	mustRun(t, "demo", "-database-url", path)
	out := mustRun(t, "audit", "verify", "-database-url", path)
	if !strings.Contains(out, "toàn vẹn") {
		t.Fatalf("audit verify on untouched log printed %q", out)
	}

	db := openDBForTest(t, path)
	var n, last int64
	if err := db.SQL().QueryRow(`SELECT count(*), max(id) FROM audit_log`).Scan(&n, &last); err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("demo wrote only %d audit entries", n)
	}

	// Altering an entry in the middle is found at that entry.
	if _, err := db.SQL().Exec(`UPDATE audit_log SET actor_name = 'kẻ gian' WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, "audit", "verify", "-database-url", path)
	checkOneLine(t, err, "entry 7")
	if _, err := db.SQL().Exec(`UPDATE audit_log SET actor_name = (SELECT actor_name FROM audit_log WHERE id = 6) WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "audit", "verify", "-database-url", path); !strings.Contains(out, "toàn vẹn") {
		t.Fatalf("after undoing the change: %q", out)
	}

	// Removing the last entries is found through the head hash.
	if _, err := db.SQL().Exec(`DELETE FROM audit_log WHERE id = $1`, last); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "audit", "verify", "-database-url", path)
	checkOneLine(t, err, "last entries were removed")
}

// TestFirstStart is what "go run ./cmd/thidua" does on a fresh checkout: a
// nested data folder is created, the demo office is loaded, the banner names
// the address and the six demo accounts, and /healthz answers.
func TestFirstStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "thidua.db")
	s := startServer(t, &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", Demo: true})
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("database file: %v", err)
	}
	var banner bytes.Buffer
	printBanner(&banner, s.Main)
	b := banner.String()
	if !strings.Contains(b, s.URL()+"/login") || !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("banner does not show %s/login:\n%s", s.URL(), b)
	}
	if !strings.Contains(b, path) || !strings.Contains(b, "sqlite") {
		t.Errorf("banner does not name the database:\n%s", b)
	}
	if len(s.Accounts) != 6 {
		t.Errorf("%d demo accounts, want one per role (6)", len(s.Accounts))
	}
	for _, a := range s.Accounts {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(a.Username) + ` +mật khẩu ` + regexp.QuoteMeta(a.Password) + ` .*` + regexp.QuoteMeta(a.Role.Label())).MatchString(b) {
			t.Errorf("banner lacks the line for %s / %s (%s):\n%s", a.Username, a.Password, a.Role.Label(), b)
		}
	}
	checkHealth(t, s.URL())

	if err := s.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	// The second start finds the demo office and says so.
	m, _ := openMain(t, &Config{DatabaseURL: path, ListenAddr: "127.0.0.1:0", Demo: true})
	defer closeMain(t, m)
	banner.Reset()
	printBanner(&banner, m)
	if len(m.Accounts) != 0 || !strings.Contains(banner.String(), "Dữ liệu đã có sẵn") {
		t.Errorf("second start: %d accounts, banner:\n%s", len(m.Accounts), banner.String())
	}
}

func checkHealth(t *testing.T, base string) {
	t.Helper()
	resp, err := noRedirect.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz: %v", err)
	}
	defer resp.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("/healthz body: %v", err)
	}
	if resp.StatusCode != http.StatusOK || body["status"] != "ok" || body["database"] != "ok" {
		t.Errorf("/healthz = %d %v", resp.StatusCode, body)
	}
}

// TestServeCommand runs "thidua serve" as main does, reads the address
// from the banner, and stops it with the context as SIGINT would.
func TestServeCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "thidua.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errs := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-database-url", path, "-listen-addr", "127.0.0.1:0", "-log-format", "json"}, out, errs)
	}()
	re := regexp.MustCompile(`đang chạy: (http://\S+)/login`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == ""; {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned early: %v\nstderr: %s", err, errs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no banner after 30s; stdout: %q stderr: %q", out.String(), errs.String())
		}
	}
	if !strings.Contains(out.String(), "Demo@2026-quantri") {
		t.Errorf("banner lacks the demo admin's password:\n%s", out.String())
	}
	checkHealth(t, base)
	resp, err := noRedirect.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET / = %d %q, want the portal's home page", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20s of cancel")
	}
	// The log is JSON, one object a line.
	for _, line := range strings.Split(strings.TrimSpace(errs.String()), "\n") {
		if line != "" && !json.Valid([]byte(line)) {
			t.Errorf("log line is not JSON: %s", line)
		}
	}
	if !strings.Contains(errs.String(), `"shutting down"`) {
		t.Errorf("log does not record the shutdown:\n%s", errs.String())
	}
	if _, err := noRedirect.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}
