package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"thidua"
)

// Behind an HTTPS proxy (--trust-proxy), X-Forwarded-Proto: https gets HSTS
// and Secure cookies; without --trust-proxy the header is not believed.
// Every answer carries a Permissions-Policy.
func TestProxyHTTPSHeaders(t *testing.T) {
	t.Parallel()
	trusted := envConfig()
	trusted.TrustProxy = true
	for _, tc := range []struct {
		name       string
		trust      bool
		proto      []string
		wantSecure bool
	}{
		{"trusted proxy says https", true, []string{"https"}, true},
		{"trusted proxy says HTTPS after a hop", true, []string{"http, HTTPS"}, true},
		{"trusted proxy says http", true, []string{"http"}, false},
		{"no proto header", true, nil, false},
		{"untrusted header", false, []string{"https"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := envConfig()
			if tc.trust {
				cfg = trusted
			}
			e := newSQLiteEnv(t, cfg)
			staff := e.Accounts[thidua.RoleStaff]
			hdr := http.Header{}
			for _, p := range tc.proto {
				hdr.Add("X-Forwarded-Proto", p)
			}
			for _, path := range []string{"/", "/login", "/healthz", "/khong-co"} {
				res := e.rawDo(nil, http.MethodGet, path, "", hdr)
				if got := res.Header.Get("Strict-Transport-Security"); (got != "") != tc.wantSecure {
					t.Errorf("GET %s: Strict-Transport-Security %q, want it %v", path, got, tc.wantSecure)
				}
				if pp := res.Header.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
					t.Errorf("GET %s: Permissions-Policy %q", path, pp)
				}
			}
			res := e.formDo(e.client(), "/login", url.Values{"username": {staff.Username}, "password": {staff.Password}}, hdr)
			ck := uiSessionCookie(res.Header)
			if res.Status != http.StatusSeeOther || ck == nil {
				t.Fatalf("sign-in: %d, cookie %v", res.Status, ck)
			}
			if ck.Secure != tc.wantSecure {
				t.Errorf("session cookie Secure=%v, want %v", ck.Secure, tc.wantSecure)
			}
			for _, c := range (&http.Response{Header: res.Header}).Cookies() {
				if c.Secure != tc.wantSecure {
					t.Errorf("cookie %s Secure=%v, want %v", c.Name, c.Secure, tc.wantSecure)
				}
			}
		})
	}
}

// With --trust-proxy the client address is the last X-Forwarded-For entry,
// the one the proxy wrote: the entries before it are the client's own
// words and must not let it pass for another address.
func TestProxyClientAddress(t *testing.T) {
	t.Parallel()
	cfg := envConfig()
	cfg.TrustProxy = true
	e := newSQLiteEnv(t, cfg)
	staff := e.Accounts[thidua.RoleStaff]
	hdr := http.Header{"X-Forwarded-For": {"6.6.6.6, 203.0.113.7"}}
	if res := e.formDo(e.client(), "/login", url.Values{"username": {staff.Username}, "password": {staff.Password}}, hdr); res.Status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.Status)
	}
	entries, _, err := e.DB.FindAuditEntries(sysCtx(), thidua.AuditFilter{Action: thidua.ActionLogin, Limit: 1})
	if err != nil || len(entries) != 1 {
		t.Fatalf("login entries: %v %v", entries, err)
	}
	if got, want := entries[0].IP, "203.0.113.7"; got != want {
		t.Errorf("address of the sign-in = %q, want %q (the proxy's entry)", got, want)
	}
}
