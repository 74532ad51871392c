// Command units measures the collectives' eligibility table on a generated
// province (bench/province generate), before and after a change, in one
// run:
//
//	go run ./bench/units -database /tmp/thidua-province/thidua.db -before /tmp/thidua-main [-after bin] [-rounds 3]
//
// For each binary it serves a copy of the SQLite database, signs the
// province's officer in, waits for the first collectives' table of the
// default year, then, -rounds times: edits one person's history through the
// API (the rating of the year judged), opens the root unit's history page
// at once (its time, and whether it showed the "Đang tính lại" notice), and
// polls the collectives' table until it is fresh again (the refresh time
// after one edit); then times the root unit's history page with the table
// fresh. It prints each figure, the medians and the load average at each
// step (the machine is shared: the figures are only comparable within a
// run).
package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

const notice = "Đang tính lại bảng xét điều kiện"

func main() {
	dbPath := flag.String("database", "/tmp/thidua-province/thidua.db", "SQLite file made by `go run ./bench/province generate`")
	before := flag.String("before", "", "thidua binary of the baseline (e.g. built from main)")
	after := flag.String("after", "", "thidua binary of the change (default: go build ./cmd/thidua of this tree)")
	rounds := flag.Int("rounds", 3, "edits per binary")
	dir := flag.String("dir", "", "work folder (default: a temporary one)")
	flag.Parse()
	if err := run(*dbPath, *before, *after, *rounds, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "units:", err)
		os.Exit(1)
	}
}

func run(dbPath, before, after string, rounds int, dir string) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "thidua-units-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	if after == "" {
		after = filepath.Join(dir, "thidua-after")
		build := exec.Command("go", "build", "-o", after, "./cmd/thidua")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	root, person, err := pick(dbPath)
	if err != nil {
		return err
	}
	fmt.Printf("database %s: root unit %d, edited person %d\n", dbPath, root, person)
	type side struct {
		name string
		bin  string
	}
	sides := []side{{"after", after}}
	if before != "" {
		sides = append([]side{{"before", before}}, sides...)
	}
	results := map[string]*result{}
	for _, s := range sides {
		r, err := measure(s.bin, dbPath, dir, s.name, root, person, rounds)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		results[s.name] = r
	}
	fmt.Println("\nmedians (ms):   refresh after edit   root page after edit   root page fresh   table page fresh   first table")
	for _, s := range sides {
		r := results[s.name]
		fmt.Printf("  %-8s %20s %22s %17s %18s %13s   (notice on the root page after an edit: %d/%d)\n", s.name,
			ms(median(r.refresh)), ms(median(r.pageAfterEdit)), ms(median(r.pageFresh)), ms(median(r.tableFresh)), ms(r.first), r.notices, len(r.pageAfterEdit))
	}
	return nil
}

type result struct {
	first                             time.Duration
	refresh, pageAfterEdit, pageFresh []time.Duration
	tableFresh                        []time.Duration
	notices                           int
}

// pick finds the root unit and an active person with a history in a unit
// of the deepest level.
func pick(dbPath string) (root, person int64, err error) {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1`).Scan(&root); err != nil {
		return 0, 0, fmt.Errorf("root unit: %w", err)
	}
	if err := db.QueryRow(`SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id JOIN histories h ON h.person_id = p.id
		WHERE p.status = 'ACTIVE' ORDER BY u.depth DESC, p.id LIMIT 1`).Scan(&person); err != nil {
		return 0, 0, fmt.Errorf("person: %w", err)
	}
	return root, person, nil
}

func load() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func measure(bin, dbPath, dir, name string, root, person int64, rounds int) (*result, error) {
	db := filepath.Join(dir, name+".db")
	if err := copyFile(dbPath, db); err != nil {
		return nil, err
	}
	srv, base, err := serve(bin, db, dir, name)
	if err != nil {
		return nil, err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			srv.Process.Kill()
			<-done
		}
	}()
	c, token, err := signIn(base)
	if err != nil {
		return nil, err
	}
	table := base + "/app/eligibility?subject=UNIT"
	rootPage := base + "/app/units/" + strconv.FormatInt(root, 10) + "/history"
	r := &result{}
	fmt.Printf("\n%s (%s), load %s\n", name, bin, load())
	t0 := time.Now()
	if err := untilFresh(c, table, 30*time.Minute); err != nil {
		return nil, err
	}
	r.first = time.Since(t0)
	fmt.Printf("  first collectives' table %s ms (load %s)\n", ms(r.first), load())
	for i := range rounds {
		if err := edit(base, token, person, i); err != nil {
			return nil, err
		}
		t0 := time.Now()
		body, err := get(c, rootPage)
		if err != nil {
			return nil, err
		}
		page := time.Since(t0)
		shown := strings.Contains(body, notice)
		if shown {
			r.notices++
		}
		if !strings.Contains(body, "verdict-") && !shown {
			return nil, errors.New("the root unit's history page shows no verdict")
		}
		if err := untilFresh(c, table, 30*time.Minute); err != nil {
			return nil, err
		}
		refresh := time.Since(t0)
		t2 := time.Now()
		if _, err := get(c, table); err != nil {
			return nil, err
		}
		tablePage := time.Since(t2)
		t1 := time.Now()
		if _, err := get(c, rootPage); err != nil {
			return nil, err
		}
		fresh := time.Since(t1)
		r.refresh, r.pageAfterEdit, r.pageFresh = append(r.refresh, refresh), append(r.pageAfterEdit, page), append(r.pageFresh, fresh)
		r.tableFresh = append(r.tableFresh, tablePage)
		fmt.Printf("  round %d: table fresh %s ms after the edit; root page right after the edit %s ms (notice: %v); table page fresh %s ms; root page fresh %s ms (load %s)\n",
			i+1, ms(refresh), ms(page), shown, ms(tablePage), ms(fresh), load())
	}
	if errors5xx > 0 {
		fmt.Printf("  %d answers 5xx while polling\n", errors5xx)
		errors5xx = 0
	}
	return r, nil
}

func serve(bin, db, dir, name string) (*exec.Cmd, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--listen-addr", addr, "--demo=false", "--log-level", "warn")
	cmd.Env = append(os.Environ(), "THIDUA_DATABASE_URL="+db, "THIDUA_BACKUP_DIR="+dir)
	logf, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, "", err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd, base, nil
			}
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	log, _ := os.ReadFile(logf.Name())
	return nil, "", fmt.Errorf("thidua serve did not answer /healthz: %s", log)
}

var tokenRE = regexp.MustCompile(`thd_[A-Za-z0-9_\-]+`)

// signIn signs the province's officer in: a session and an API token.
func signIn(base string) (*http.Client, string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"thiduatinh"}, "password": {"Tinh@2026-thidua"}})
	if err != nil {
		return nil, "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		return nil, "", fmt.Errorf("sign in: %s (was the database made by `province generate`?)", resp.Status)
	}
	resp, err = c.PostForm(base+"/app/account/tokens", url.Values{"name": {"Đo bảng tập thể"}})
	if err != nil {
		return nil, "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	token := tokenRE.FindString(string(body))
	if token == "" {
		return nil, "", fmt.Errorf("no API token (%s)", resp.Status)
	}
	return c, token, nil
}

func get(c *http.Client, u string) (string, error) {
	resp, err := c.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return string(b), nil
}

// errors5xx counts the answers 5xx while polling (SQLite busy under load).
var errors5xx int

// untilFresh asks for the page until it comes without the notice; an
// answer 5xx is counted and asked again.
func untilFresh(c *http.Client, u string, limit time.Duration) error {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		body, err := get(c, u)
		if err != nil && strings.Contains(err.Error(), ": 5") {
			errors5xx++
			fmt.Println("  (", err, ")")
			continue
		}
		if err != nil {
			return err
		}
		if !strings.Contains(body, notice) {
			if !strings.Contains(body, "verdict-") {
				return errors.New("the collectives' table shows no verdict")
			}
			return nil
		}
	}
	return fmt.Errorf("%s still being computed after %v", u, limit)
}

// edit sets the person's rating of last year through the API, alternating
// between two ratings so that each edit changes what the units count.
func edit(base, token string, person int64, round int) error {
	u := base + "/api/v1/people/" + strconv.FormatInt(person, 10) + "/history"
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	var h struct {
		Version int                        `json:"version"`
		History map[string]json.RawMessage `json:"history"`
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	var ratings []map[string]any
	if err := json.Unmarshal(h.History["ratings"], &ratings); err != nil {
		return fmt.Errorf("ratings: %w", err)
	}
	year := float64(time.Now().Year() - 1)
	code := []string{"HTXSNV", "HTNV"}[round%2]
	ratings = slices.DeleteFunc(ratings, func(r map[string]any) bool { return r["year"] == year })
	ratings = append(ratings, map[string]any{"year": year, "rating": code})
	body := map[string]any{"version": h.Version, "ratings": ratings}
	for k, v := range h.History {
		if k != "ratings" {
			body[k] = v
		}
	}
	b, _ := json.Marshal(body)
	req, _ = http.NewRequest(http.MethodPut, u, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("save history: %s %s", resp.Status, msg)
	}
	return nil
}

func copyFile(from, to string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(to + suffix)
		in, err := os.Open(from + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.Create(to + suffix)
		if err == nil {
			_, err = io.Copy(out, in)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}
