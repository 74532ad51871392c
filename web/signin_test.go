package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/web/kit"
)

// signIn posts the sign-in form with client c (its cookie jar keeps the
// device cookie) from the test's address.
func (e *testEnv) signIn(c *http.Client, username, password string) reqResult {
	e.t.Helper()
	return e.formDo(c, "/login", url.Values{"username": {username}, "password": {password}}, nil)
}

// deviceCookieOf returns the device cookie set by res, or nil.
func deviceCookieOf(res reqResult) *http.Cookie {
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "thidua_device" {
			return c
		}
	}
	return nil
}

// waitAtMostAMinute is the refusal after the fifth failure, read some
// seconds after it.
var waitAtMostAMinute = regexp.MustCompile(`Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau (1 phút|[1-5]?[0-9] giây)\.`)

// Thirty parallel wrong passwords for one account: the check and the count
// are one step in the database, so no more than five are checked (401) and
// the rest refused (429), on both databases.
func TestSignInParallelGuesses(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		ed := e.Accounts[thidua.RoleEditor]
		statuses := make([]int, 30)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				resp, err := e.client().PostForm(e.HTTP.URL+"/login", url.Values{"username": {ed.Username}, "password": {fmt.Sprintf("sai-%d", i)}})
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				statuses[i] = resp.StatusCode
			}()
		}
		close(start)
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		t.Logf("30 parallel wrong passwords: %d answered 401 (checked), %d answered 429 (refused unchecked)", count[401], count[429])
		if count[http.StatusUnauthorized] != 5 || count[http.StatusTooManyRequests] != 25 {
			t.Errorf("30 parallel wrong passwords: %v, want 5 × 401 and 25 × 429", count)
		}
		// The wait counts from the last failure, so on a slow machine a few
		// seconds of the minute may have gone by.
		if res := e.signIn(e.client(), ed.Username, ed.Password); res.Status != http.StatusTooManyRequests ||
			!waitAtMostAMinute.MatchString(res.Body) {
			t.Errorf("right password from an unknown device afterwards: %d, want 429 “… thử lại sau 1 phút.” (or a few seconds less): %.300s", res.Status, pageText(res.Body))
		}
		res := e.signIn(e.client(), ed.Username, ed.Password)
		if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || n < 1 || n > 60 {
			t.Errorf("429 with Retry-After %q, want the seconds left of the minute", res.Header.Get("Retry-After"))
		}
		api, _ := http.NewRequest("GET", e.HTTP.URL+"/api/v1/me", nil)
		api.SetBasicAuth(ed.Username, ed.Password)
		if resp, err := http.DefaultClient.Do(api); err != nil {
			t.Error(err)
		} else if resp.Body.Close(); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Errorf("API with Basic auth while throttled: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	})
}

// Nobody can lock a user out: a browser that signed in to the account
// before (its device cookie) gets in with the right password while the
// account is locked for every other device, on any node (the cookie's key
// is in the database); a forged, altered or borrowed cookie counts for
// nothing; a known device that guesses wrong five times is unknown again.
func TestSignInKnownDevice(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		admin, staff := e.Accounts[thidua.RoleAdmin], e.Accounts[thidua.RoleStaff]
		mine := e.client()
		res := e.signIn(mine, admin.Username, admin.Password)
		dc := deviceCookieOf(res)
		if res.Status != http.StatusSeeOther || dc == nil {
			t.Fatalf("first sign-in: %d, device cookie %v", res.Status, dc)
		}
		if !dc.HttpOnly || dc.SameSite != http.SameSiteLaxMode || dc.Path != "/login" || dc.MaxAge < 30*24*3600 {
			t.Errorf("device cookie %+v: want HttpOnly, SameSite=Lax, Path=/login, months long", dc)
		}
		e.formDo(mine, "/logout", url.Values{}, nil)

		// Someone locks the admin account.
		for i := range 8 {
			if res := e.signIn(e.client(), admin.Username, fmt.Sprintf("doan-%d", i)); res.Status != http.StatusUnauthorized && res.Status != http.StatusTooManyRequests {
				t.Fatalf("guess %d: %d", i+1, res.Status)
			}
		}
		if res := e.signIn(e.client(), admin.Username, admin.Password); res.Status != http.StatusTooManyRequests {
			t.Fatalf("right password from an unknown device: %d, want 429", res.Status)
		}
		// The admin's own browser is not locked out …
		res = e.signIn(mine, admin.Username, admin.Password)
		if res.Status != http.StatusSeeOther || uiSessionCookie(res.Header) == nil {
			t.Fatalf("right password from the known device: %d, want 303 with a session", res.Status)
		}
		// … and still not after signing in again (the cookie is renewed).
		e.formDo(mine, "/logout", url.Values{}, nil)
		if res := e.signIn(mine, admin.Username, admin.Password); res.Status != http.StatusSeeOther {
			t.Fatalf("second sign-in from the known device: %d", res.Status)
		}
		renewed := deviceCookieOf(res)

		hdr := func(v string) http.Header { return http.Header{"Cookie": {"thidua_device=" + v}} }
		try := func(name, cookie string) {
			t.Helper()
			res := e.formDo(nil, "/login", url.Values{"username": {admin.Username}, "password": {admin.Password}}, hdr(cookie))
			if res.Status != http.StatusTooManyRequests {
				t.Errorf("%s: %d, want 429 like an unknown device", name, res.Status)
			}
		}
		parts := strings.Split(renewed.Value, ".")
		if len(parts) != 3 {
			t.Fatalf("device cookie %q: want nonce.name.mac", renewed.Value)
		}
		try("altered MAC", parts[0]+"."+parts[1]+"."+strings.Repeat("A", len(parts[2])))
		try("altered nonce", "x"+parts[0]+"."+parts[1]+"."+parts[2])
		try("garbage", "không-phải-cookie")
		// A staff member's own device cookie does not open the admin account.
		sres := e.signIn(e.client(), staff.Username, staff.Password)
		if sc := deviceCookieOf(sres); sc == nil {
			t.Fatal("no device cookie for the staff member")
		} else {
			try("another account's device cookie", sc.Value)
		}

		// Five wrong passwords from the known device make it unknown.
		for i := range 5 {
			if res := e.signIn(mine, admin.Username, fmt.Sprintf("nham-%d", i)); res.Status != http.StatusUnauthorized {
				t.Fatalf("wrong password %d from the known device: %d, want 401", i+1, res.Status)
			}
		}
		if res := e.signIn(mine, admin.Username, admin.Password); res.Status != http.StatusTooManyRequests {
			t.Errorf("known device after five failures of its own: %d, want 429", res.Status)
		}
	})
}

// Users behind one proxy share its address: twenty failures from it (any
// accounts) do not lock the accounts of the others. Known devices go on at
// once; an unknown device waits a second, not a quarter of an hour.
func TestSignInBusyAddress(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		admin, staff := e.Accounts[thidua.RoleAdmin], e.Accounts[thidua.RoleStaff]
		known := e.client()
		if res := e.signIn(known, staff.Username, staff.Password); res.Status != http.StatusSeeOther {
			t.Fatalf("staff sign-in: %d", res.Status)
		}
		for i := range 20 {
			if res := e.signIn(e.client(), fmt.Sprintf("ai-do-%d", i), "sai"); res.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, res.Status)
			}
		}
		if res := e.signIn(known, staff.Username, staff.Password); res.Status != http.StatusSeeOther {
			t.Errorf("known device behind the busy address: %d, want 303", res.Status)
		}
		res := e.signIn(e.client(), admin.Username, admin.Password)
		if res.Status == http.StatusTooManyRequests && !strings.Contains(res.Body, "thử lại sau 1 giây") {
			t.Errorf("unknown device right after 20 failures from the address: %d, want at most a 1 s wait: %s", res.Status, res.Body)
		}
		time.Sleep(1100 * time.Millisecond)
		if res := e.signIn(e.client(), admin.Username, admin.Password); res.Status != http.StatusSeeOther {
			t.Errorf("unknown device a second later: %d, want 303", res.Status)
		}
	})
}

func TestFormatWait(t *testing.T) {
	for d, want := range map[time.Duration]string{
		500 * time.Millisecond:            "1 giây",
		30 * time.Second:                  "30 giây",
		59*time.Second + time.Millisecond: "1 phút",
		time.Minute:                       "1 phút",
		61 * time.Second:                  "2 phút",
		time.Hour:                         "60 phút",
	} {
		if got := kit.FormatWait(d); got != want {
			t.Errorf("FormatWait(%v) = %q, want %q", d, got, want)
		}
	}
}
