package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"thidua"
	"thidua/demo/province"
	"thidua/sqldb"
	"thidua/sqldb/articles"
	"thidua/web"
)

// Goals of issue #13 with their floors (the bench fails on a floor).
const (
	goalP95   = 100 * time.Millisecond
	floorP95  = 300 * time.Millisecond
	goalRSS   = 100 << 20
	floorRSS  = 150 << 20
	goalXLSX  = 1.5
	floorXLSX = 2.0
)

// walker holds what a walk needs.
type walker struct {
	nodes   []*node
	users   []*client
	params  map[string]string // wildcard → value, per role (see fill)
	deep    map[string]int    // route prefix → a deep offset
	next    int
	mu      sync.Mutex
	timeout time.Duration
}

type node struct {
	cmd  *exec.Cmd
	base string
	peak func() (rss, hwm int64)
}

type client struct {
	name, role string
	http       *http.Client
	token      string
	unitID     int64
	unitPath   string
	personID   int64
}

// sample is one timed request.
type sample struct {
	route, variant, user string
	d                    time.Duration
	status               int
	bytes                int64
	err                  error
}

func runWalk(args []string) error {
	fs := flag.NewFlagSet("walk", flag.ExitOnError)
	dbURL := fs.String("database-url", "/tmp/thidua-province/thidua.db", "the generated database")
	nodes := fs.Int("nodes", 1, "thidua serve processes on the database (2 needs PostgreSQL); requests go round robin")
	repeat := fs.Int("repeat", 3, "requests per route, user and variant with one client")
	clients := fs.Int("clients", 4, "concurrent clients of the second pass")
	only := fs.String("only", "", "walk only routes whose pattern contains this")
	exports := fs.Bool("exports", true, "also request the exports and PDFs (once per user) and run the people.xlsx ratio")
	rounds := fs.Int("export-rounds", 3, "rounds of the people.xlsx ratio (median)")
	timeout := fs.Duration("timeout", 120*time.Second, "per request")
	binary := fs.String("binary", "", "a thidua binary to serve with (default: go build ./cmd/thidua of this tree), e.g. one built from another branch for a before/after table")
	skip := fs.String("skip", "", "leave out routes whose pattern contains one of these (comma-separated)")
	fs.Parse(args)
	if *nodes > 1 && !isPostgres(*dbURL) {
		return errors.New("-nodes 2 needs a postgres:// database: SQLite is one process's file")
	}
	ctx := context.Background()

	// The routes, from the route table itself.
	db, err := sqldb.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	srv, err := web.New(db, web.Config{Version: "bench", Articles: articles.New(db)}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	var routes []string
	for _, rt := range srv.Routes() {
		skipped := false
		for _, sk := range strings.Split(*skip, ",") {
			skipped = skipped || sk != "" && strings.Contains(rt.Pattern, sk)
		}
		if rt.Method == "GET" && strings.Contains(rt.Pattern, *only) && !skipped {
			routes = append(routes, rt.Pattern)
		}
	}

	dir, err := os.MkdirTemp("", "thidua-walk-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := *binary
	if bin == "" {
		bin = filepath.Join(dir, "thidua")
		build := exec.Command("go", "build", "-o", bin, "./cmd/thidua")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/thidua (run from the repository): %w", err)
		}
	}
	w := &walker{timeout: *timeout}
	for k := range *nodes {
		n, err := startNode(bin, *dbURL, dir, k)
		if err != nil {
			w.stop()
			return err
		}
		w.nodes = append(w.nodes, n)
	}
	defer w.stop()
	if err := w.signIn(); err != nil {
		return err
	}
	if err := w.discover(db); err != nil {
		return err
	}
	var people int
	db.SQL().QueryRow(`SELECT count(*) FROM people`).Scan(&people)
	fmt.Printf("Walk: %d GET routes × %d users, %d node(s), %s, %d people\n\n", len(routes), len(w.users), len(w.nodes), dialectName(*dbURL), people)

	// Eligibility routes go last so the peak RSS of the rest is seen apart.
	slices.SortStableFunc(routes, func(a, b string) int { return boolInt(isEligibility(a)) - boolInt(isEligibility(b)) })
	type pass struct {
		name    string
		samples []sample
		cpu     time.Duration
		wall    time.Duration
		raisers []string
	}
	failed := false
	line := func(p *pass, route string, ss []sample, judged bool) {
		var ds []time.Duration
		status := map[int]int{}
		var errs []string
		for _, s := range ss {
			ds = append(ds, s.d)
			status[s.status]++
			if s.err != nil {
				errs = append(errs, s.err.Error())
			}
		}
		p50, p95, mx := pct(ds, 50), pct(ds, 95), pct(ds, 100)
		mark := ""
		if status[500] > 0 || len(errs) > 0 {
			mark, failed = " FAIL(500/error)", true
		} else if judged && p95 > floorP95 {
			mark, failed = " FAIL(p95 > 300 ms)", true
		} else if judged && p95 > goalP95 {
			mark = " over goal (100 ms)"
		}
		fmt.Printf("%-52s %5d %9s %9s %9s  %s%s\n", route, len(ss), ms(p50), ms(p95), ms(mx), statusString(status), mark)
		if len(errs) > 0 {
			fmt.Printf("    %s\n", errs[0])
		}
	}
	// The eligibility pages come last, in passes of their own, so that the
	// peak RSS of everything else is seen apart from theirs: once with one
	// client (it includes the first computation of the stored verdicts the
	// pages read, not judged), then with the concurrent clients, judged as
	// every other workspace page and API list.
	load0 := loadAvg()
	for k, cl := range []int{1, *clients, 1, *clients} {
		elig := k >= 2
		p := &pass{name: fmt.Sprintf("%d client(s)", cl)}
		if elig {
			p.name = fmt.Sprintf("eligibility pages, %d client(s)", cl)
			if k == 2 {
				p.name += ", first computation of the stored verdicts included"
			}
		}
		fmt.Printf("== %s\n%-52s %5s %9s %9s %9s  %s\n", p.name, "route", "n", "p50", "p95", "max", "status")
		c0, t0 := cpuTime(), time.Now()
		var mu sync.Mutex
		var wg sync.WaitGroup
		var raised []int64
		for _, route := range routes {
			if isEligibility(route) != elig {
				continue
			}
			// Exports and PDFs (judged by their own goal) are asked once
			// per user and variant, one client.
			heavy := isDocument(route)
			if heavy && (cl > 1 || !*exports) {
				continue
			}
			var got []sample
			for range cl {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for _, u := range w.users {
						for _, v := range w.variants(route, u) {
							reps := *repeat
							if heavy || cl > 1 {
								reps = 1
							}
							for range reps {
								s := w.get(u, route, v)
								mu.Lock()
								got = append(got, s)
								mu.Unlock()
							}
						}
					}
				}()
			}
			wg.Wait()
			p.samples = append(p.samples, got...)
			line(p, route, got, !heavy && cl > 1)
			// Which routes raise the server's peak RSS.
			for k, n := range w.nodes {
				_, h := n.peak()
				if len(raised) <= k {
					raised = append(raised, 0)
				}
				if h > raised[k]+4<<20 {
					p.raisers = append(p.raisers, fmt.Sprintf("%s → %s", route, mib(h)))
				}
				raised[k] = max(raised[k], h)
			}
		}
		p.cpu, p.wall = cpuTime()-c0, time.Since(t0)
		fmt.Printf("-- %s: %d requests in %s, client CPU %s (%.0f%% of one core)\n", p.name, len(p.samples),
			p.wall.Round(time.Millisecond), p.cpu.Round(time.Millisecond), 100*p.cpu.Seconds()/p.wall.Seconds())
		if len(p.raisers) > 0 {
			fmt.Printf("routes that raised the peak RSS by more than 4 MiB: %s\n", strings.Join(p.raisers, "; "))
		}
		if k == 1 {
			for j, n := range w.nodes {
				_, h := n.peak()
				mark := ""
				if h > floorRSS {
					mark, failed = " FAIL (floor 150 MiB)", true
				} else if h > goalRSS {
					mark = " (over the 100 MiB goal)"
				}
				fmt.Printf("node %d: peak RSS through every page, API list and export (eligibility pages excepted): %s%s\n", j+1, mib(h), mark)
			}
		}
		fmt.Println()
	}
	for k, n := range w.nodes {
		_, h := n.peak()
		mark := ""
		if h > floorRSS {
			mark = " (over the 150 MiB floor)"
		} else if h > goalRSS {
			mark = " (over the 100 MiB goal)"
		}
		fmt.Printf("node %d: peak RSS through the whole walk, eligibility pages included: %s%s\n", k+1, mib(h), mark)
	}
	fmt.Printf("load average (1, 5, 15 min) at the start of the passes: %s; at the end: %s\n", load0, loadAvg())
	if *exports && *rounds > 0 {
		ok, err := w.exportRatio(*rounds)
		if err != nil {
			return err
		}
		failed = failed || !ok
	}
	if failed {
		return errors.New("a floor of issue #13 was missed (see FAIL above)")
	}
	return nil
}

func dialectName(u string) string {
	if isPostgres(u) {
		return "PostgreSQL"
	}
	return "SQLite"
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadAvg is the machine's load average as /proc/loadavg gives it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return "unknown"
}

func isEligibility(route string) bool { return strings.Contains(route, "eligibility") }

// isDocument reports whether a route streams a file (export, PDF, template,
// archive): those are judged by the export goal, not by the page goal. The
// API's central dossier is the same streamed ZIP as the workspace's
// central-dossier.zip.
func isDocument(route string) bool {
	return strings.HasSuffix(route, ".pdf") || strings.HasSuffix(route, ".xlsx") || strings.HasSuffix(route, ".zip") ||
		strings.HasSuffix(route, "/central-dossier") ||
		strings.Contains(route, "import-templates") ||
		strings.Contains(route, "/attachments/") || strings.Contains(route, "/proposal-files/")
}

func startNode(bin, dbURL, dir string, k int) (*node, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--listen-addr", addr, "--demo=false", "--log-level", "warn")
	cmd.Env = append(os.Environ(), "THIDUA_DATABASE_URL="+dbURL, "THIDUA_BACKUP_DIR="+dir)
	logf, err := os.Create(filepath.Join(dir, fmt.Sprintf("node%d.log", k)))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	n := &node{cmd: cmd, base: "http://" + addr}
	n.peak = func() (int64, int64) { return procStatus(cmd.Process.Pid) }
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(n.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return n, nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	log, _ := os.ReadFile(logf.Name())
	return nil, fmt.Errorf("thidua serve did not answer /healthz: %s", log)
}

func (w *walker) stop() {
	for _, n := range w.nodes {
		n.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { n.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			n.cmd.Process.Kill()
			<-done
		}
	}
	w.nodes = nil
}

// procStatus reads VmRSS and VmHWM (peak) of a process, in bytes.
func procStatus(pid int) (rss, hwm int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		fs := strings.Fields(v)
		if len(fs) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(fs[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = n << 10
		case "VmHWM":
			hwm = n << 10
		}
	}
	return rss, hwm
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (w *walker) base() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next++
	return w.nodes[w.next%len(w.nodes)].base
}

var tokenRE = regexp.MustCompile(`thd_[A-Za-z0-9_\-]+`)

// signIn signs the officer, the department head and the staff member in
// (a session cookie each) and makes each an API token.
func (w *walker) signIn() error {
	want := map[thidua.Role]string{thidua.RoleOfficer: "officer", thidua.RoleUnitHead: "head", thidua.RoleStaff: "staff"}
	for _, a := range province.Accounts {
		role, ok := want[a.Role]
		if !ok {
			continue
		}
		jar, _ := cookiejar.New(nil)
		c := &client{name: a.Username, role: role, http: &http.Client{Jar: jar, Timeout: w.timeout,
			Transport:     &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
		for _, n := range w.nodes {
			resp, err := c.http.PostForm(n.base+"/login", url.Values{"username": {a.Username}, "password": {a.Password}})
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
				return fmt.Errorf("sign in as %s: %s (was the database made by `province generate`?)", a.Username, resp.Status)
			}
		}
		resp, err := c.http.PostForm(w.nodes[0].base+"/app/account/tokens", url.Values{"name": {"Đo tải " + time.Now().Format("150405")}})
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		c.token = tokenRE.FindString(string(body))
		if c.token == "" {
			return fmt.Errorf("no API token for %s (%s)", a.Username, resp.Status)
		}
		w.users = append(w.users, c)
	}
	return nil
}

// discover finds, for each user, objects of their scope to open.
func (w *walker) discover(db *sqldb.DB) error {
	q := db.SQL()
	w.params = map[string]string{}
	one := func(key, query string, args ...any) {
		var v string
		if err := q.QueryRow(query, args...).Scan(&v); err == nil {
			w.params[key] = v
		}
	}
	for _, c := range w.users {
		err := q.QueryRow(`SELECT g.unit_id, u.path, COALESCE(us.person_id, 0) FROM grants g JOIN units u ON u.id = g.unit_id JOIN users us ON us.id = g.user_id WHERE us.username = $1`,
			c.name).Scan(&c.unitID, &c.unitPath, &c.personID)
		if err != nil {
			return fmt.Errorf("account %s: %w", c.name, err)
		}
		one(c.role+".person", `SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 ORDER BY p.id DESC LIMIT 1`, c.unitPath+"%")
		one(c.role+".campaign", `SELECT c.id FROM campaigns c JOIN units u ON u.id = c.scope_unit_id JOIN registrations r ON r.campaign_id = c.id
			WHERE $1 LIKE u.path || '%' GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1`, c.unitPath)
		one(c.role+".registration", `SELECT r.id FROM registrations r JOIN units u ON u.id = r.unit_id WHERE r.campaign_id = $1 AND u.path LIKE $2 ORDER BY r.id LIMIT 1`,
			w.params[c.role+".campaign"], c.unitPath+"%")
		// A proposal the account sees under the ladder's scope rule: one
		// addressed to its level (the province's officer sees those), or
		// else one of its own units'.
		one(c.role+".proposal", `SELECT p.id FROM proposals p JOIN proposal_ladder pl ON pl.proposal_id = p.id
			WHERE pl.to_unit_id = $1 AND p.state <> 'DRAFT' ORDER BY p.id DESC LIMIT 1`, c.unitID)
		if w.params[c.role+".proposal"] == "" {
			one(c.role+".proposal", `SELECT p.id FROM proposals p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 ORDER BY p.id DESC LIMIT 1`, c.unitPath+"%")
		}
		one(c.role+".decision", `SELECT d.id FROM decisions d JOIN units u ON u.id = d.unit_id WHERE u.path LIKE $1 AND d.state = 'ISSUED' ORDER BY d.id DESC LIMIT 1`, c.unitPath+"%")
	}
	one("council", `SELECT id FROM councils ORDER BY id LIMIT 1`)
	one("meeting", `SELECT id FROM meetings WHERE council_id = $1 ORDER BY id DESC LIMIT 1`, w.params["council"]) // the province's council's
	one("user", `SELECT id FROM users ORDER BY id LIMIT 1`)
	one("article", `SELECT id FROM articles ORDER BY id DESC LIMIT 1`)
	one("slug", `SELECT slug FROM articles WHERE state = 'PUBLISHED' ORDER BY published_at DESC LIMIT 1`)
	one("category", `SELECT slug FROM article_categories ORDER BY id LIMIT 1`)
	one("cover", `SELECT cover_key FROM articles WHERE cover_key <> '' LIMIT 1`)
	one("attachment", `SELECT id FROM attachments ORDER BY id LIMIT 1`)
	one("proposal-file", `SELECT id FROM proposal_files ORDER BY id LIMIT 1`)
	one("import", `SELECT id FROM imports ORDER BY id LIMIT 1`)
	w.deep = map[string]int{}
	for _, t := range []struct{ prefix, table string }{{"people", "people"}, {"units", "units"}, {"audit", "audit_log"},
		{"campaigns", "campaigns"}, {"proposals", "proposals"}, {"decisions", "decisions"}, {"users", "users"}, {"tin-tuc", "articles"}} {
		var n int
		q.QueryRow(`SELECT count(*) FROM ` + t.table).Scan(&n)
		w.deep[t.prefix] = n * 8 / 10
	}
	// The static file's fingerprinted path, from the sign-in page.
	resp, err := http.Get(w.nodes[0].base + "/login")
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := regexp.MustCompile(`/static/([^/"]+)/([^"?]+)`).FindStringSubmatch(string(body)); m != nil {
		w.params["hash"], w.params["name"] = m[1], m[2]
	}
	return nil
}

// fill puts the user's objects into the route's wildcards; "" when the
// database has none to open.
func (w *walker) fill(route string, u *client) string {
	var miss bool
	route = strings.ReplaceAll(route, "{$}", "")
	out := regexp.MustCompile(`\{[^}]+\}`).ReplaceAllStringFunc(route, func(m string) string {
		key := strings.Trim(m, "{}$")
		var v string
		switch key {
		case "hash", "name":
			v = w.params[key]
		case "slug":
			switch {
			case strings.HasPrefix(route, "/chuyen-muc"):
				v = w.params["category"]
			case strings.HasPrefix(route, "/app/import-templates"):
				v = "mau-nhap-ca-nhan.xlsx"
			default:
				v = w.params["slug"]
			}
		case "key":
			v = w.params["cover"]
		case "section":
			v = "ratings"
		case "id":
			seg := strings.Split(strings.TrimPrefix(route, "/"), "/")
			kind := ""
			for i, s := range seg {
				if strings.Contains(s, "{id}") && i > 0 {
					kind = seg[i-1]
					break
				}
			}
			switch kind {
			case "people":
				v = w.params[u.role+".person"]
			case "units":
				v = strconv.FormatInt(u.unitID, 10)
			case "campaigns":
				v = w.params[u.role+".campaign"]
			case "registrations":
				v = w.params[u.role+".registration"]
			case "proposals":
				v = w.params[u.role+".proposal"]
			case "decisions":
				v = w.params[u.role+".decision"]
			case "councils":
				v = w.params["council"]
			case "meetings":
				v = w.params["meeting"]
			case "users":
				v = w.params["user"]
			case "articles":
				v = w.params["article"]
			case "attachments":
				v = w.params["attachment"]
			case "proposal-files":
				v = w.params["proposal-file"]
			case "imports":
				v = w.params["import"]
			}
		}
		if v == "" {
			miss = true
		}
		return v
	})
	if miss {
		return ""
	}
	return out
}

// variants are the query strings a route is asked with: the first page,
// and for lists a deep page, a search and a unit filter.
func (w *walker) variants(route string, u *client) []string {
	unit := strconv.FormatInt(u.unitID, 10)
	switch route {
	case "/app/eligibility/people/{id}":
		// The explanation of one cell of the table: the page's script
		// asks for it with the cell's award (without one it is a 422).
		return []string{"?award=" + thidua.TitleCSTDCS, "?award=" + thidua.TitleLDTT + "&year=2023"}
	case "/app/eligibility/forecast":
		// A deep page of the province's forecast (a few thousand lines),
		// a unit's subtree, the collectives.
		return []string{"", "?page=20", "?unit=" + unit, "?subject=UNIT"}
	case "/api/v1/eligibility/forecast":
		return []string{"?limit=100", "?limit=100&offset=1000", "?unit_id=" + unit, "?subject=UNIT"}
	}
	if strings.Contains(route, "{") || isDocument(route) || !isList(route) {
		return []string{""}
	}
	deep := 0
	for prefix, n := range w.deep {
		if strings.HasSuffix(route, "/"+prefix) {
			deep = n
		}
	}
	if strings.HasPrefix(route, "/api/") {
		limit := 100
		return []string{"?limit=100", fmt.Sprintf("?limit=%d&offset=%d", limit, deep), "?q=nguyen+van", "?unit_id=" + unit + "&subtree=true"}
	}
	page := max(2, deep/50)
	if strings.HasPrefix(route, "/tin-tuc") || strings.HasPrefix(route, "/chuyen-muc") {
		return []string{"", fmt.Sprintf("?trang=%d", max(2, deep/20))}
	}
	if route == "/tim-kiem" {
		return []string{"?q=thi+dua+khen+thuong", "?q=chuyen+doi+so"}
	}
	if route == "/app/eligibility" {
		// The collectives' table, and another year judged: a table of its
		// own, computed on first use.
		return []string{"", fmt.Sprintf("?page=%d", page), "?unit=" + unit, "?subject=UNIT", "?year=2023"}
	}
	return []string{"", fmt.Sprintf("?page=%d", page), "?q=nguyen+van", "?unit=" + unit}
}

func isList(route string) bool {
	switch route {
	case "/app/units", "/app/people", "/app/users", "/app/audit", "/app/campaigns", "/app/proposals", "/app/councils", "/app/decisions",
		"/app/articles", "/app/imports", "/app/eligibility", "/tin-tuc", "/tim-kiem", "/vinh-danh":
		return true
	}
	return strings.HasPrefix(route, "/api/v1/") && !strings.Contains(route, "{") && route != "/api/v1/me" && route != "/api/v1/openapi.json"
}

func (w *walker) get(u *client, route, variant string) sample {
	s := sample{route: route, variant: variant, user: u.name}
	path := w.fill(route, u)
	if path == "" {
		s.status = -1 // nothing of this kind in the database
		return s
	}
	req, _ := http.NewRequest("GET", w.base()+path+variant, nil)
	if strings.HasPrefix(route, "/api/") {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	t0 := time.Now()
	resp, err := u.http.Do(req)
	if err != nil {
		s.err, s.d = err, time.Since(t0)
		return s
	}
	s.bytes, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s.d, s.status = time.Since(t0), resp.StatusCode
	if err != nil {
		s.err = err
	}
	return s
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + "ms"
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func statusString(m map[int]int) string {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var parts []string
	for _, k := range ks {
		name := strconv.Itoa(k)
		if k == -1 {
			name = "no-data"
		}
		parts = append(parts, fmt.Sprintf("%s×%d", name, m[k]))
	}
	return strings.Join(parts, " ")
}
