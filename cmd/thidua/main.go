// Command thidua runs the emulation-and-commendation service and its
// administration commands.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"thidua"
	"thidua/demo"
	"thidua/filestore"
	"thidua/jobs"
	"thidua/mailer"
	"thidua/ops"
	"thidua/pades"
	"thidua/passwd"
	"thidua/report"
	"thidua/rules"
	"thidua/signing"
	"thidua/sqldb"
	"thidua/sqldb/articles"
	sqlcentral "thidua/sqldb/central"
	"thidua/sqldb/climb"
	sqlclusters "thidua/sqldb/clusters"
	sqlinbox "thidua/sqldb/inbox"
	"thidua/sqldb/signatures"
	sqlforms "thidua/sqldb/statforms"
	"thidua/statforms"
	"thidua/web"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "thidua: "+err.Error())
		os.Exit(exitCode(err))
	}
}

const usage = `thidua – hệ thống quản lý thi đua, khen thưởng

Usage: thidua [command] [flags]

Commands:
  serve              run the web service (default)
  migrate            apply database migrations and exit
  demo               load the demo office into an empty database
  user add           create an account:  thidua user add -username U -password P -role ADMIN [-unit ID] [-name "Họ tên"]
  user passwd        reset a password:   thidua user passwd -username U -password P
  audit verify       recompute the audit log's hash chain
  import FILE.xlsx   check a workbook of units, people and award histories (the
                     templates of /app/imports) and import it in one transaction,
                     all or nothing; -check only lists the problems
  backup [-o FILE]   copy the database and the attachments, while the service
                     runs, into one archive with a manifest (row counts, SHA-256
                     of every file, the audit log's last hash)
  restore FILE       restore a backup into an empty database of the same kind
                     and check it against its manifest and the audit chain
  export-all DIR     write every entity as JSON Lines, every file and the manifest
  load-all DIR       load an export into an empty database (of either kind)
  eligibility evaluate   read a subject history (the JSON of POST /api/v1/eligibility/evaluate)
                     on standard input and print the verdict as JSON
  ballot decrypt-share RECORD SHARE   a trustee's partial decryption of a
                     meeting's sums, computed offline from the record and the
                     share downloaded on the meeting page
  ballot verify RECORD   check a meeting record offline: keys, every ballot's
                     proofs, the sums, the decryption proofs and the result
  version            print the version

Run "thidua COMMAND -h" for the flags of a command. Every flag can also be
set by an environment variable, shown in brackets.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runIO(ctx, args, os.Stdin, stdout, stderr)
}

// runIO is run with an explicit standard input, for tests.
func runIO(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" ||
		args[0] == "--version" || args[0] == "-version" || args[0] == "-v") {
		cmd, args = args[0], args[1:]
	}
	if helpAsked(args) {
		// Help asked for is output, not an error: the flags go to stdout.
		stderr = stdout
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, stdout, stderr)
	case "demo":
		return runDemo(ctx, args, stdout, stderr)
	case "user":
		return runUser(ctx, args, stdout, stderr)
	case "audit":
		return runAudit(ctx, args, stdout, stderr)
	case "eligibility":
		return runEligibility(args, stdin, stdout, stderr)
	case "ballot":
		return runBallot(args, stdout, stderr)
	case "import":
		return runImport(ctx, args, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, stdout, stderr)
	case "restore":
		return runRestore(ctx, args, stdout, stderr)
	case "export-all":
		return runExportAll(ctx, args, stdout, stderr)
	case "load-all":
		return runLoadAll(ctx, args, stdout, stderr)
	case "version", "--version", "-version", "-v":
		fmt.Fprintln(stdout, "thidua", Version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Errorf("unknown command %q", cmd)}
}

// Config is the service configuration, from flags and THIDUA_* variables.
type Config struct {
	DatabaseURL   string
	ListenAddr    string
	AdminUsername string
	AdminPassword string
	Demo          bool
	SecureCookies bool
	TrustProxy    bool
	LogFormat     string
	LogLevel      string
	SessionTTL    time.Duration
	FilesDir      string
	Place         string
	Province      string
	RulesDir      string
	PublicURL     string
	PortalAgency  string

	// SMTPURL, SMTPCA and MailFrom configure the notification e-mail
	// (mailer.Parse); without SMTPURL nothing is sent.
	SMTPURL, SMTPCA, MailFrom string

	// Ops configures housekeeping and scheduled backups.
	Ops opsConfig

	// Sealer seals the agencies' signing certificates, from
	// THIDUA_SECRET_KEY (nil without one: certificates are refused);
	// TSAURL is the RFC 3161 timestamp authority of B-T signatures;
	// TrustDir a folder of trust anchors besides the uploaded ones.
	Sealer   *signing.Sealer
	TSAURL   string
	TrustDir string

	// engine is the eligibility engine: the embedded rule set, with the
	// files of RulesDir laid over it.
	engine *rules.Engine
}

// rulesEngine loads the embedded rule set with the rule files and province
// profiles of dir laid over it ("" means none); a bad file stops the start
// with the file, rule and condition named.
func rulesEngine(dir string) (*rules.Engine, error) {
	if dir == "" {
		return rules.Default(), nil
	}
	e, err := rules.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("rules in %s (THIDUA_RULES_DIR): %v", dir, err)
	}
	return e, nil
}

// envOr returns the environment variable's value, or def.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "1", "true", "yes", "on":
		return true
	case "0", "false", "no", "off":
		return false
	}
	return def
}

// dbFlag registers the database flag shared by every command.
func dbFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DatabaseURL, "database-url", envOr("THIDUA_DATABASE_URL", "data/thidua.db"),
		"database: a SQLite file path, a sqlite: URL or a postgres:// URL [THIDUA_DATABASE_URL]")
}

// usageError is a command line the program cannot read: an unknown
// command or flag, a bad flag value. It exits 2, as Go's flag package does.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// exitCode is the exit status for err: 2 for a usage error, 1 otherwise.
func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// parseFlags parses a command's flags; a flag it cannot read is a usage
// error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return usageError{err}
	}
	return err
}

// helpAsked reports whether args ask for a command's flags.
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("thidua "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parseServe(args []string, stderr io.Writer) (*Config, error) {
	c := &Config{}
	fs := newFlagSet("serve", stderr)
	dbFlag(fs, c)
	fs.StringVar(&c.ListenAddr, "listen-addr", envOr("THIDUA_LISTEN_ADDR", "localhost:8080"), "address to listen on [THIDUA_LISTEN_ADDR]")
	fs.StringVar(&c.AdminUsername, "admin-username", envOr("THIDUA_ADMIN_USERNAME", ""), "create or reset this administrator at start [THIDUA_ADMIN_USERNAME]")
	fs.StringVar(&c.AdminPassword, "admin-password", envOr("THIDUA_ADMIN_PASSWORD", ""), "password of that administrator [THIDUA_ADMIN_PASSWORD]")
	fs.BoolVar(&c.Demo, "demo", envBool("THIDUA_DEMO", true), "load the demo office into an empty database at start [THIDUA_DEMO]")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", envBool("THIDUA_SECURE_COOKIES", false), "mark cookies Secure even without TLS here (behind an HTTPS proxy) [THIDUA_SECURE_COOKIES]")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool("THIDUA_TRUST_PROXY", false), "behind a proxy: take the client address from X-Forwarded-For and the scheme from X-Forwarded-Proto [THIDUA_TRUST_PROXY]")
	fs.StringVar(&c.LogFormat, "log-format", envOr("THIDUA_LOG_FORMAT", "text"), "log format: text or json [THIDUA_LOG_FORMAT]")
	fs.StringVar(&c.LogLevel, "log-level", envOr("THIDUA_LOG_LEVEL", "info"), "log level: debug, info, warn, error [THIDUA_LOG_LEVEL]")
	fs.StringVar(&c.FilesDir, "files-dir", envOr("THIDUA_FILES_DIR", ""), "folder for uploaded attachments; \"db\" keeps them in the database (default: a files folder beside a SQLite database, the database for PostgreSQL) [THIDUA_FILES_DIR]")
	fs.StringVar(&c.Place, "place", envOr("THIDUA_PLACE", "Hà Nội"), "place name in document date lines (\"Hà Nội, ngày … tháng … năm …\") [THIDUA_PLACE]")
	fs.StringVar(&c.Province, "province", envOr("THIDUA_PROVINCE", "default"), "province profile of the eligibility rules (default, bac-ninh, …) [THIDUA_PROVINCE]")
	fs.StringVar(&c.RulesDir, "rules-dir", envOr("THIDUA_RULES_DIR", ""), "folder of rule files (rules/*.json) and province profiles (provinces/*.json) laid over the embedded ones; checked at start [THIDUA_RULES_DIR]")
	fs.StringVar(&c.SMTPURL, "smtp-url", envOr("THIDUA_SMTP_URL", ""), "the SMTP server of notification e-mail: smtp://user:pass@host:587 (STARTTLS required), smtps://user:pass@host:465, or smtp://host:25?tls=none for a local relay; empty sends nothing [THIDUA_SMTP_URL]")
	fs.StringVar(&c.SMTPCA, "smtp-ca", envOr("THIDUA_SMTP_CA", ""), "a PEM file of CA certificates to trust for the SMTP server, beside the system's [THIDUA_SMTP_CA]")
	fs.StringVar(&c.MailFrom, "mail-from", envOr("THIDUA_MAIL_FROM", ""), "the sender of notification e-mail, e.g. \"Văn phòng UBND tỉnh <thidua@example.gov.vn>\" (required with --smtp-url) [THIDUA_MAIL_FROM]")
	fs.StringVar(&c.PublicURL, "public-url", envOr("THIDUA_PUBLIC_URL", ""), "the portal's public address for links in RSS, sitemap and shared pages, e.g. https://vpubnd.example.gov.vn (default: the address each request came to) [THIDUA_PUBLIC_URL]")
	fs.StringVar(&c.PortalAgency, "portal-agency", envOr("THIDUA_PORTAL_AGENCY", ""), "agency named on the public portal (default: the first agency of the unit tree) [THIDUA_PORTAL_AGENCY]")
	ttl, err := time.ParseDuration(envOr("THIDUA_SESSION_TTL", "12h"))
	if err != nil {
		return nil, fmt.Errorf("THIDUA_SESSION_TTL: %v", err)
	}
	fs.DurationVar(&c.SessionTTL, "session-ttl", ttl, "how long a sign-in lasts [THIDUA_SESSION_TTL]")
	if err := opsFlags(fs, &c.Ops); err != nil {
		return nil, err
	}
	secretKey := fs.String("secret-key", "", "32 random bytes in base64 (openssl rand -base64 32) sealing the agencies' signing certificates; prefer the environment [THIDUA_SECRET_KEY, or THIDUA_SECRET_KEY_FILE naming a file holding it]")
	fs.StringVar(&c.TSAURL, "tsa-url", envOr("THIDUA_TSA_URL", ""), "RFC 3161 timestamp authority for the signatures made in thidua (PAdES B-T); empty: B-B [THIDUA_TSA_URL]")
	fs.StringVar(&c.TrustDir, "trust-dir", envOr("THIDUA_TRUST_DIR", ""), "folder of trust anchors (root certificates, PEM or DER) for checking signatures, besides those uploaded [THIDUA_TRUST_DIR]")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	key := *secretKey
	if key == "" {
		key = os.Getenv(signing.KeyEnv)
	}
	if key == "" {
		if f := os.Getenv(signing.KeyEnv + "_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("%s_FILE: cannot read %s", signing.KeyEnv, f)
			}
			key = string(b)
		}
	}
	if key != "" {
		if c.Sealer, err = signing.ParseKey(key); err != nil {
			return nil, err
		}
	}
	if err := c.Ops.check(); err != nil {
		return nil, err
	}
	if c.engine, err = rulesEngine(c.RulesDir); err != nil {
		return nil, err
	}
	known := false
	for _, p := range c.engine.Provinces() {
		known = known || p.Code == c.Province
	}
	if !known {
		return nil, fmt.Errorf("unknown province profile %q (THIDUA_PROVINCE)", c.Province)
	}
	if (c.AdminUsername == "") != (c.AdminPassword == "") {
		return nil, errors.New("THIDUA_ADMIN_USERNAME and THIDUA_ADMIN_PASSWORD must be set together")
	}
	return c, nil
}

func newLogger(c *Config, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openDB opens and migrates the database, turning failures into one clear line.
func openDB(ctx context.Context, url string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("cannot open database %s: %v", redact(url), err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot migrate database %s: %v", redact(url), err)
	}
	return db, nil
}

// redact hides a password in a database URL.
func redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		if j := strings.LastIndex(url[i+3:], "@"); j >= 0 {
			cred := url[i+3 : i+3+j]
			if k := strings.Index(cred, ":"); k >= 0 {
				return url[:i+3] + cred[:k] + ":***" + url[i+3+j:]
			}
		}
	}
	return url
}

// Main is a running service, reusable by end-to-end tests.
type Main struct {
	Config   *Config
	DB       *sqldb.DB
	Server   *http.Server
	Listener net.Listener
	Accounts []demo.Account
	Log      *slog.Logger
	// Jobs runs background jobs (imports) while Serve runs.
	Jobs *jobs.Runner
}

// Open prepares the service: database, demo data, administrator, listener.
func Open(ctx context.Context, c *Config, logOut io.Writer) (*Main, error) {
	m := &Main{Config: c, Log: newLogger(c, logOut)}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return nil, err
	}
	m.DB = db
	sys := thidua.NewSystemContext(ctx)
	if c.Demo {
		err := db.Exclusive(ctx, func() error {
			accounts, err := demo.Load(sys, db)
			if err == nil {
				m.Accounts = accounts
			}
			return err
		})
		if err != nil && !errors.Is(err, demo.ErrNotEmpty) {
			db.Close()
			return nil, fmt.Errorf("load demo data: %v", err)
		}
	}
	if c.AdminUsername != "" {
		if err := ensureAdmin(sys, db, c.AdminUsername, c.AdminPassword); err != nil {
			db.Close()
			return nil, err
		}
	}
	files, err := fileStore(c, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	m.Jobs = newJobRunner(db, m.Log)
	m.scheduleOps()
	notifications := sqlinbox.New(db)
	var mail *mailer.Config
	if c.SMTPURL != "" {
		if mail, err = mailer.Parse(c.SMTPURL, c.SMTPCA, c.MailFrom); err != nil {
			db.Close()
			return nil, err
		}
	}
	base := c.PublicURL
	if base == "" {
		base = "http://" + c.ListenAddr
	}
	(&jobs.Inbox{Store: notifications, Mail: mail, BaseURL: base, Log: m.Log}).Register(m.Jobs)
	// One eligibility service judges for the pages, the API and the
	// proposals storage submits.
	elig := rules.NewService(c.engine, c.Province)
	db.SetJudge(elig)
	m.scheduleEligibility(elig)
	m.scheduleAwardStats()
	signer := signatures.New(db, pades.Engine{TSAURL: c.TSAURL}, c.Sealer, c.TrustDir)
	srv, err := web.New(db, web.Config{Signing: signer, Articles: articles.New(db), SecureCookies: c.SecureCookies, TrustProxy: c.TrustProxy, SessionTTL: c.SessionTTL, Version: Version, Files: files,
		Reports: report.Reporter{}, Decisions: decisionDocs{}, Place: c.Place, Province: c.Province, Eligibility: elig,
		PublicURL: c.PublicURL, PortalAgency: c.PortalAgency,
		Exports: report.Exporter{}, StatForms: sqlforms.New(db, statforms.MustLoad()), FormRenderer: report.Forms{}, Jobs: m.Jobs, Inbox: notifications, Central: sqlcentral.New(db, c.Province), CentralDocs: report.Central{}, Clusters: sqlclusters.New(db), Ladder: climb.New(db, c.Province), System: &ops.System{DB: db, FilesDir: ops.FilesDir(c.DatabaseURL, c.FilesDir),
			BackupDir: c.Ops.BackupDir, BackupSchedule: c.Ops.BackupSchedule, Version: Version, Wake: m.Jobs.Notify}}, m.Log)
	if err != nil {
		db.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", c.ListenAddr)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot listen on %s: %v", c.ListenAddr, err)
	}
	m.Listener = ln
	// Every node empties its cache of portal pages when any node changes
	// what readers see (LISTEN/NOTIFY on PostgreSQL).
	go func() {
		if err := db.WatchPortal(ctx, srv.InvalidatePortal); err != nil {
			m.Log.Warn("portal change notifications stopped", "err", err)
		}
	}()
	m.Server = &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
	return m, nil
}

// fileStore picks where attachments go: a folder (by default beside a
// SQLite database) or the database itself (the default on PostgreSQL, so
// that every node of a multi-server deployment sees the same files).
func fileStore(c *Config, db *sqldb.DB) (thidua.FileStore, error) {
	dir := c.FilesDir
	if dir == "" {
		if db.Dialect() == sqldb.Postgres {
			return db.Files(), nil
		}
		path := strings.TrimPrefix(strings.TrimPrefix(c.DatabaseURL, "sqlite://"), "sqlite:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		if path == ":memory:" || strings.HasPrefix(path, "file::memory:") {
			return db.Files(), nil
		}
		dir = filepath.Join(filepath.Dir(path), "files")
	}
	if dir == "db" {
		return db.Files(), nil
	}
	store, err := filestore.NewDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot use files folder %s: %v", dir, err)
	}
	return store, nil
}

// URL is the address the service answers on.
func (m *Main) URL() string {
	addr := m.Listener.Addr().String()
	if host, port, err := net.SplitHostPort(addr); err == nil && (host == "127.0.0.1" || host == "::1" || host == "::" || host == "0.0.0.0") {
		if strings.HasPrefix(m.Config.ListenAddr, "localhost") || host == "::" || host == "0.0.0.0" {
			host = "localhost"
		}
		addr = net.JoinHostPort(host, port)
	}
	return "http://" + addr
}

// Serve serves until ctx ends, then shuts down gracefully. Background
// jobs (imports) run meanwhile on every node, claimed from the database.
func (m *Main) Serve(ctx context.Context) error {
	jctx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	jobsDone := make(chan struct{})
	go func() {
		defer close(jobsDone)
		if m.Jobs != nil {
			m.Jobs.Run(jctx)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- m.Server.Serve(m.Listener) }()
	select {
	case err := <-errc:
		stopJobs()
		<-jobsDone
		m.DB.Close()
		return err
	case <-ctx.Done():
	}
	m.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := m.Server.Shutdown(sctx)
	<-jobsDone // a job cut short has gone back to the queue
	m.DB.Close()
	return err
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	// A soft memory limit makes the collector return the transient memory
	// of a sign-in (argon2id takes 19 MiB) or an export before the heap
	// doubles, so a node stays near 100 MiB; GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	m, err := Open(ctx, c, stderr)
	if err != nil {
		return err
	}
	printBanner(stdout, m)
	return m.Serve(ctx)
}

// serveMemoryLimit is the serving process's soft memory limit (Go heap and
// runtime; SQLite's page cache comes on top).
const serveMemoryLimit = 64 << 20

func printBanner(w io.Writer, m *Main) {
	fmt.Fprintf(w, "thidua %s đang chạy: %s/login\n", Version, m.URL())
	fmt.Fprintf(w, "Cổng thông tin công khai: %s/\n", m.URL())
	fmt.Fprintf(w, "Cơ sở dữ liệu: %s (%s)\n", redact(m.Config.DatabaseURL), m.DB.Dialect())
	if len(m.Accounts) > 0 {
		fmt.Fprintln(w, "Đã nạp dữ liệu mẫu: Văn phòng UBND tỉnh. Tài khoản mẫu (chỉ dùng để thử):")
		for _, a := range m.Accounts {
			fmt.Fprintf(w, "  %-15s mật khẩu %-24s %s – %s\n", a.Username, a.Password, a.Role.Label(), a.UnitName)
		}
		fmt.Fprintln(w, "Hội đồng Thi đua – Khen thưởng mẫu (cùng với hoidong):")
		for _, a := range demo.CouncilAccounts {
			fmt.Fprintf(w, "  %-15s mật khẩu %-24s %s – %s\n", a.Username, a.Password, a.Role.Label(), a.UnitName)
		}
		fmt.Fprintln(w, "Cấp tỉnh: cán bộ thi đua (Ban Thi đua – Khen thưởng, Sở Nội vụ) và Hội đồng Thi đua – Khen thưởng tỉnh:")
		for _, a := range demo.ProvinceAccounts {
			fmt.Fprintf(w, "  %-15s mật khẩu %-24s %s – %s\n", a.Username, a.Password, a.Role.Label(), a.UnitName)
		}
	} else if m.Config.Demo {
		fmt.Fprintln(w, "Dữ liệu đã có sẵn; tài khoản mẫu (nếu đã nạp): admin / Demo@2026-quantri")
	}
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("migrate", stderr)
	dbFlag(fs, c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, c.DatabaseURL)
	if err != nil {
		return fmt.Errorf("cannot open database %s: %v", redact(c.DatabaseURL), err)
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("cannot migrate database %s: %v", redact(c.DatabaseURL), err)
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "Cơ sở dữ liệu đã ở phiên bản mới nhất.")
	}
	for _, name := range applied {
		fmt.Fprintln(stdout, "Đã áp dụng", name)
	}
	return nil
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := &Config{}
	fs := newFlagSet("demo", stderr)
	dbFlag(fs, c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, err := demo.Load(thidua.NewSystemContext(ctx), db)
	if errors.Is(err, demo.ErrNotEmpty) {
		return errors.New("the database already holds units; demo data is loaded only into an empty database")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Đã nạp dữ liệu mẫu. Tài khoản:")
	for _, a := range accounts {
		fmt.Fprintf(stdout, "  %-15s %-24s %s – %s\n", a.Username, a.Password, a.Role.Label(), a.UnitName)
	}
	return nil
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "passwd") {
		return usageError{errors.New(`usage: thidua user add|passwd [flags]`)}
	}
	sub := args[0]
	c := &Config{}
	fs := newFlagSet("user "+sub, stderr)
	dbFlag(fs, c)
	username := fs.String("username", "", "user name")
	password := fs.String("password", os.Getenv("THIDUA_USER_PASSWORD"), "password (or THIDUA_USER_PASSWORD)")
	role := fs.String("role", "ADMIN", "role for 'add': ADMIN, OFFICER, UNIT_HEAD, COUNCIL, EDITOR, STAFF")
	unit := fs.Int64("unit", 0, "unit ID of the role for 'add' (default: the first root unit)")
	name := fs.String("name", "", "display name for 'add' (default: the user name)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *username == "" {
		return errors.New("-username is required")
	}
	if err := thidua.ValidatePassword(*password); err != nil {
		return fmt.Errorf("password: %s", thidua.ErrorFields(err)["password"])
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	sys := thidua.NewSystemContext(ctx)
	hash, err := passwd.Hash(*password)
	if err != nil {
		return err
	}
	if sub == "passwd" {
		u, err := db.FindUserByUsername(sys, strings.ToLower(*username))
		if err != nil {
			return fmt.Errorf("no account %q", *username)
		}
		if err := db.SetPassword(sys, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Đã đặt lại mật khẩu cho %s.\n", u.Username)
		return nil
	}
	unitID := *unit
	if unitID == 0 {
		if unitID, err = rootUnit(sys, db); err != nil {
			return err
		}
	}
	display := *name
	if display == "" {
		display = *username
	}
	u := &thidua.User{Username: *username, DisplayName: display, PasswordHash: hash,
		Grants: []thidua.Grant{{Role: thidua.Role(strings.ToUpper(*role)), UnitID: unitID}}}
	if err := db.CreateUser(sys, u); err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Đã tạo tài khoản %s (%s).\n", u.Username, thidua.Role(strings.ToUpper(*role)).Label())
	return nil
}

// describe turns a domain error into one readable line.
func describe(err error) error {
	msg := thidua.ErrorMessage(err)
	for k, v := range thidua.ErrorFields(err) {
		msg += " " + k + ": " + v
	}
	if thidua.ErrorCode(err) == thidua.EINTERNAL {
		return err
	}
	return errors.New(msg)
}

// rootUnit returns the first root unit, creating a placeholder when the
// database has none, so that an administrator can always be created.
func rootUnit(ctx context.Context, db *sqldb.DB) (int64, error) {
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return 0, err
	}
	for _, u := range units {
		if u.ParentID == 0 {
			return u.ID, nil
		}
	}
	root := &thidua.Unit{Name: "Cơ quan", Kind: thidua.UnitAgency, Active: true}
	if err := db.CreateUnit(ctx, root); err != nil {
		return 0, err
	}
	return root.ID, nil
}

// ensureAdmin creates the administrator, or re-enables it and resets its
// password when it differs, as Miniflux does with CREATE_ADMIN.
func ensureAdmin(ctx context.Context, db *sqldb.DB, username, password string) error {
	if err := thidua.ValidatePassword(password); err != nil {
		return fmt.Errorf("THIDUA_ADMIN_PASSWORD: %s", thidua.ErrorFields(err)["password"])
	}
	hash, err := passwd.Hash(password)
	if err != nil {
		return err
	}
	u, err := db.FindUserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if thidua.ErrorCode(err) == thidua.ENOTFOUND {
		root, err := rootUnit(ctx, db)
		if err != nil {
			return err
		}
		u = &thidua.User{Username: username, DisplayName: "Quản trị hệ thống", PasswordHash: hash,
			Grants: []thidua.Grant{{Role: thidua.RoleAdmin, UnitID: root}}}
		if err := db.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("THIDUA_ADMIN_USERNAME: %v", describe(err))
		}
		return nil
	}
	if err != nil {
		return err
	}
	if !u.HasRole(thidua.RoleAdmin) || u.Disabled {
		root, err := rootUnit(ctx, db)
		if err != nil {
			return err
		}
		if !u.HasRole(thidua.RoleAdmin) {
			u.Grants = append(u.Grants, thidua.Grant{Role: thidua.RoleAdmin, UnitID: root})
		}
		u.Disabled = false
		if err := db.UpdateUser(ctx, u); err != nil {
			return describe(err)
		}
	}
	// The same password at every start changes nothing: a reset would end
	// the administrator's sessions and revoke their API tokens each time.
	if ok, _ := passwd.Check(u.PasswordHash, password); ok {
		return nil
	}
	return db.SetPassword(ctx, u.ID, hash)
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError{errors.New("usage: thidua audit verify [-database-url URL]")}
	}
	c := &Config{}
	fs := newFlagSet("audit verify", stderr)
	dbFlag(fs, c)
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	bad, err := db.VerifyAuditChain(thidua.NewSystemContext(ctx))
	if err != nil {
		return err
	}
	switch {
	case bad == 0:
		fmt.Fprintln(stdout, "Nhật ký toàn vẹn: chuỗi băm khớp.")
		return nil
	case bad < 0:
		return errors.New("audit log: the last entries were removed (head hash does not match)")
	}
	return fmt.Errorf("audit log: entry %d was altered or removed", bad)
}

// runEligibility evaluates one request without any database: the same
// contract as POST /api/v1/eligibility/evaluate, for batch use.
func runEligibility(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "evaluate" {
		return usageError{errors.New("usage: thidua eligibility evaluate < subject.json")}
	}
	fs := newFlagSet("eligibility evaluate", stderr)
	dir := fs.String("rules-dir", envOr("THIDUA_RULES_DIR", ""), "folder of rule files and province profiles laid over the embedded ones [THIDUA_RULES_DIR]")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	eng, err := rulesEngine(*dir)
	if err != nil {
		return err
	}
	req, err := eng.DecodeRequest(stdin)
	if err != nil {
		return describe(err)
	}
	v, err := eng.EvaluateRequest(req)
	if err != nil {
		return describe(err)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
