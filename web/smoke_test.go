package web_test

import (
	"net/http"
	"strings"
	"testing"

	"thidua"
)

func TestSmokeLoginAndPages(t *testing.T) {
	e := newSQLiteEnv(t)
	c := e.login(thidua.RoleAdmin)
	for _, p := range []string{"/app", "/app/units", "/app/people", "/app/users", "/app/audit", "/app/account"} {
		if code, body := e.get(c, p); code != http.StatusOK || !strings.Contains(body, `lang="vi"`) {
			t.Errorf("GET %s: %d", p, code)
		}
	}
}
