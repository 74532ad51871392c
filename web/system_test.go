package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua"
)

func TestSystemPage(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		var id int64
		if err := e.DB.SQL().QueryRow(`INSERT INTO jobs (kind, state, error, attempts, created_at, finished_at)
			VALUES ('import.check', $1, 'Tệp bị hỏng ở dòng 7', 3, $2, $2) RETURNING id`, thidua.JobFailed, time.Now().UTC()).Scan(&id); err != nil {
			t.Fatal(err)
		}
		admin := e.login(thidua.RoleAdmin)
		status, body := e.get(admin, "/app/system")
		if status != http.StatusOK {
			t.Fatalf("GET /app/system = %d", status)
		}
		for _, want := range []string{"thidua test", "Cơ sở dữ liệu", "Chuỗi băm khớp", "Tệp bị hỏng ở dòng 7", "Lỗi: 1", "Bản sao lưu gần nhất</dt><dd>chưa có",
			`/app/system/jobs/` + strconv.FormatInt(id, 10) + `/retry`} {
			if !strings.Contains(body, want) {
				t.Errorf("system page lacks %q", want)
			}
		}
		resp, _ := e.postForm(admin, "/app/system/jobs/"+strconv.FormatInt(id, 10)+"/retry", nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("retry = %d, want 303", resp.StatusCode)
		}
		var state string
		var attempts int
		e.DB.SQL().QueryRow(`SELECT state, attempts FROM jobs WHERE id = $1`, id).Scan(&state, &attempts)
		if state != thidua.JobQueued || attempts != 0 {
			t.Errorf("after retry the job is %s with %d attempts, want QUEUED with 0", state, attempts)
		}
		var n int
		e.DB.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE entity = 'job' AND entity_id = $1`, id).Scan(&n)
		if n != 1 {
			t.Errorf("retry audited %d times, want 1", n)
		}
		// A second retry finds no failed job.
		if resp, _ := e.postForm(admin, "/app/system/jobs/"+strconv.FormatInt(id, 10)+"/retry", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("second retry = %d, want 404", resp.StatusCode)
		}
		if status, _ := e.get(e.login(thidua.RoleOfficer), "/app/system"); status != http.StatusForbidden {
			t.Errorf("officer GET /app/system = %d, want 403", status)
		}
	})
}
