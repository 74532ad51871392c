package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua/demo/demotest"
)

// TestBackupWhileWriting runs writers against a server, takes a backup in
// the middle, restores it into a fresh database of the same kind and checks
// that the restore matched its manifest, that the audit chain holds, and
// that every write acknowledged before the backup began is there.
func TestBackupWhileWriting(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			var s *server
			var target string
			dir := t.TempDir()
			if kind == "sqlite" {
				s = startDemo(t, func(c *Config) { c.LogLevel = "error" })
				target = filepath.Join(dir, "restored", "thidua.db")
			} else {
				url, accounts := demotest.PostgresURL(t)
				s = startServer(t, &Config{DatabaseURL: url, ListenAddr: "127.0.0.1:0", Demo: true, LogLevel: "error"})
				s.Accounts = accounts
				target = demotest.EmptyPostgresURL(t)
			}
			admin := s.Accounts[0]
			var parent int64
			if err := s.DB.SQL().QueryRow(`SELECT id FROM units WHERE parent_id IS NULL`).Scan(&parent); err != nil {
				t.Fatal(err)
			}

			var (
				mu    sync.Mutex
				acked []string
				stop  = make(chan struct{})
				wg    sync.WaitGroup
			)
			for w := range 3 {
				wg.Go(func() {
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						name := fmt.Sprintf("Đơn vị ghi %d-%d", w, i)
						body, _ := json.Marshal(map[string]any{"parent_id": parent, "name": name, "kind": "DEPARTMENT"})
						req, _ := http.NewRequest("POST", s.URL()+"/api/v1/units", bytes.NewReader(body))
						req.Header.Set("Content-Type", "application/json")
						req.SetBasicAuth(admin.Username, admin.Password)
						resp, err := noRedirect.Do(req)
						if err != nil {
							t.Errorf("writer %d: %v", w, err)
							return
						}
						resp.Body.Close()
						if resp.StatusCode != http.StatusCreated {
							t.Errorf("writer %d: POST /api/v1/units = %d", w, resp.StatusCode)
							return
						}
						mu.Lock()
						acked = append(acked, name)
						mu.Unlock()
					}
				})
			}
			waitFor := func(n int) {
				for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
					mu.Lock()
					got := len(acked)
					mu.Unlock()
					if got >= n {
						return
					}
				}
				t.Fatalf("the writers did not reach %d writes", n)
			}
			waitFor(20)
			mu.Lock()
			before := append([]string(nil), acked...)
			mu.Unlock()
			archive := filepath.Join(dir, "backup.tar.gz")
			out := mustRun(t, "backup", "-database-url", s.Config.DatabaseURL, "-o", archive)
			mu.Lock()
			during := len(acked) - len(before)
			mu.Unlock()
			waitFor(len(before) + during + 10) // the writers go on after it
			close(stop)
			wg.Wait()
			t.Logf("backup: %d writes acknowledged before it, %d while it ran\n%s", len(before), during, out)
			if !strings.Contains(out, "Đã sao lưu vào "+archive) {
				t.Errorf("backup output:\n%s", out)
			}

			out = mustRun(t, "restore", archive, "-database-url", target, "-files-dir", filepath.Join(dir, "restored", "files"))
			if !strings.Contains(out, "bảng kê khớp") {
				t.Errorf("restore output:\n%s", out)
			}
			if out := mustRun(t, "audit", "verify", "-database-url", target); !strings.Contains(out, "chuỗi băm khớp") {
				t.Errorf("audit verify of the restored database: %s", out)
			}
			db := openDBForTest(t, target)
			have := map[string]bool{}
			rows, err := db.SQL().Query(`SELECT name FROM units`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var n string
				rows.Scan(&n)
				have[n] = true
			}
			rows.Close()
			for _, name := range before {
				if !have[name] {
					t.Errorf("unit %q, acknowledged before the backup began, is not in the restored database", name)
				}
			}
		})
	}
}

func TestBackupScheduleConfig(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"THIDUA_BACKUP_SCHEDULE": "25:00", "THIDUA_BACKUP_DIR": "b"}, "THIDUA_BACKUP_SCHEDULE: want a daily time such as 02:30"},
		{map[string]string{"THIDUA_BACKUP_SCHEDULE": "02:30"}, "THIDUA_BACKUP_SCHEDULE needs THIDUA_BACKUP_DIR"},
		{map[string]string{"THIDUA_BACKUP_SCHEDULE": "02:30", "THIDUA_BACKUP_DIR": "b", "THIDUA_BACKUP_KEEP": "7w"}, "THIDUA_BACKUP_KEEP"},
		{map[string]string{"THIDUA_KEEP_JOBS": "a week"}, "THIDUA_KEEP_JOBS"},
		{map[string]string{"THIDUA_BACKUP_SCHEDULE": "02:30", "THIDUA_BACKUP_DIR": "b"}, ""},
	} {
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		cfg, err := parseServe(nil, io.Discard)
		if c.want == "" {
			if err != nil || cfg.Ops.BackupSchedule != "02:30" || cfg.Ops.BackupKeep != "7d,12m" || cfg.Ops.KeepJobs != 720*time.Hour {
				t.Errorf("%v: %+v, %v", c.env, cfg, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.env, err, c.want)
		}
		for k := range c.env {
			os.Unsetenv(k)
		}
	}
}
