package sqldb_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"thidua"
	"thidua/signin"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// A password change, a password reset and disabling an account end the
// sessions and revoke the API tokens for good: enabling the account again
// brings none of them back.
func TestSignInsEndWithPasswordAndDisable(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		u := mustUser(t, db, "hoant", thidua.Grant{Role: thidua.RoleOfficer, UnitID: root.ID})
		admin := mustUser(t, db, "quantri", thidua.Grant{Role: thidua.RoleAdmin, UnitID: root.ID})
		uctx := thidua.NewContextWithUser(context.Background(), u)
		actx := thidua.NewContextWithUser(context.Background(), admin)
		n := 0
		signIn := func() (session, token string) {
			t.Helper()
			n++
			session, token = "sess"+string(rune('a'+n)), "tok"+string(rune('a'+n))
			if err := db.CreateSession(sys, &thidua.Session{TokenHash: session, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAPIToken(uctx, &thidua.APIToken{Name: "Báo cáo " + token, TokenHash: token}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindAPITokenUser(sys, token); err != nil {
				t.Fatalf("fresh token: %v", err)
			}
			return session, token
		}
		dead := func(what, session, token string) {
			t.Helper()
			if _, err := db.FindSessionUser(sys, session); code(err) != thidua.EUNAUTHORIZED {
				t.Errorf("session after %s: %v, want EUNAUTHORIZED", what, err)
			}
			if _, err := db.FindAPITokenUser(sys, token); code(err) != thidua.EUNAUTHORIZED {
				t.Errorf("API token after %s: %v, want EUNAUTHORIZED", what, err)
			}
			if toks, _ := db.FindAPITokens(uctx); len(toks) != 0 {
				t.Errorf("token list after %s: %d tokens, want none", what, len(toks))
			}
		}

		s, tok := signIn()
		if err := db.SetPassword(uctx, u.ID, "$argon2id$new"); err != nil {
			t.Fatal(err)
		}
		dead("the user's own password change", s, tok)

		s, tok = signIn()
		if err := db.SetPassword(actx, u.ID, "$argon2id$reset"); err != nil {
			t.Fatal(err)
		}
		dead("an administrator's reset", s, tok)

		s, tok = signIn()
		cur, err := db.FindUserByID(sys, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Disabled = true
		if err := db.UpdateUser(actx, cur); err != nil {
			t.Fatal(err)
		}
		dead("disabling", s, tok)
		cur.Disabled = false
		if err := db.UpdateUser(actx, cur); err != nil {
			t.Fatal(err)
		}
		dead("disabling and enabling again", s, tok)

		// Another user's token is untouched.
		other := thidua.NewContextWithUser(context.Background(), admin)
		if err := db.CreateAPIToken(other, &thidua.APIToken{Name: "Quản trị", TokenHash: "admintok"}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPassword(actx, u.ID, "$argon2id$again"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindAPITokenUser(sys, "admintok"); err != nil {
			t.Errorf("another user's token after a reset: %v", err)
		}
	})
}

// parallelSignIns starts n attempts at once, keys(i) naming the counters
// of the i-th, and returns how many were let through.
func parallelSignIns(t *testing.T, db *sqldb.DB, n int, keys func(i int) signin.Keys) int {
	t.Helper()
	var wg sync.WaitGroup
	var through, failed atomic.Int32
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			v, err := db.BeginSignIn(sys, keys(i))
			if err != nil {
				t.Errorf("attempt %d: %v", i, err)
				failed.Add(1)
				return
			}
			if v.Wait == 0 {
				through.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	return int(through.Load())
}

// The check and the count are one: of 30 parallel wrong guesses at one
// account no more than the account's free failures go on; of 30 parallel
// guesses from one address at 30 accounts no more than the address's.
func TestSignInThrottle(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		var mu sync.Mutex
		now := time.Now().UTC().Truncate(time.Second)
		db.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

		one := signin.NewKeys("hoant", "198.51.100.1", "")
		got := parallelSignIns(t, db, 30, func(int) signin.Keys { return one })
		t.Logf("30 parallel guesses at one account: %d checked, %d refused", got, 30-got)
		if got != signin.AccountThrottle.Free {
			t.Errorf("30 parallel guesses at one account: %d went on, want %d", got, signin.AccountThrottle.Free)
		}
		got = parallelSignIns(t, db, 30, func(i int) signin.Keys {
			return signin.NewKeys(fmt.Sprintf("ai-do-%d", i), "198.51.100.2", "")
		})
		t.Logf("30 parallel guesses from one address at 30 accounts: %d checked, %d refused", got, 30-got)
		if got != signin.AddressThrottle.Free {
			t.Errorf("30 parallel guesses from one address: %d went on, want %d", got, signin.AddressThrottle.Free)
		}

		// The account is locked for unknown devices: a minute, then two.
		v, err := db.BeginSignIn(sys, signin.NewKeys("hoant", "192.0.2.9", ""))
		if err != nil || v.Wait != time.Minute {
			t.Fatalf("sixth attempt from another address: %+v %v, want a wait of 1 min", v, err)
		}
		advance(time.Minute)
		if v, _ := db.BeginSignIn(sys, one); v.Wait != 0 {
			t.Fatalf("a minute later: %+v, want it let through", v)
		}
		if v, _ := db.BeginSignIn(sys, one); v.Wait != 2*time.Minute {
			t.Fatalf("after the sixth failure: %+v, want a wait of 2 min", v)
		}
		// A known device gets in meanwhile, charged to its own counter only.
		dev := signin.NewKeys("hoant", "198.51.100.1", "nonce-1")
		v, err = db.BeginSignIn(sys, dev)
		if err != nil || v.Wait != 0 || !v.KnownDevice {
			t.Fatalf("known device, locked account: %+v %v", v, err)
		}
		// Its right password clears the device's counter and leaves the
		// account's lockout for unknown devices.
		if err := db.SignInSucceeded(sys, v); err != nil {
			t.Fatal(err)
		}
		if v, _ := db.BeginSignIn(sys, one); v.Wait == 0 {
			t.Error("unknown device after a known device's sign-in: let through, want still locked")
		}
		// Five failures of the device make it unknown.
		for i := range 5 {
			if v, _ := db.BeginSignIn(sys, dev); !v.KnownDevice {
				t.Fatalf("device failure %d: not known", i+1)
			}
		}
		if v, _ := db.BeginSignIn(sys, dev); v.KnownDevice || v.Wait == 0 {
			t.Errorf("device after five failures: %+v, want judged as unknown and refused", v)
		}

		// A right password from an unknown device clears the account and
		// takes its one attempt back from the address.
		fresh := signin.NewKeys("lanpt", "198.51.100.3", "")
		for range 4 {
			db.BeginSignIn(sys, fresh)
		}
		v, _ = db.BeginSignIn(sys, fresh)
		if v.Wait != 0 {
			t.Fatalf("fifth attempt: %+v", v)
		}
		if err := db.SignInSucceeded(sys, v); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			if v, _ := db.BeginSignIn(sys, fresh); v.Wait != 0 {
				t.Fatalf("attempt %d after a successful sign-in: %+v, want let through", i+1, v)
			}
		}
		// The address counted 4 + 5 failures: 11 more go on, the 21st waits.
		other := func(i int) signin.Keys { return signin.NewKeys(fmt.Sprintf("x%d", i), "198.51.100.3", "") }
		if got := parallelSignIns(t, db, 15, other); got != 11 {
			t.Errorf("address after 9 failures and one success: %d of 15 went on, want 11", got)
		}

		// Counters quiet for two days are dropped on the next success.
		advance(72 * time.Hour)
		v, _ = db.BeginSignIn(sys, signin.NewKeys("someone", "192.0.2.1", ""))
		if err := db.SignInSucceeded(sys, v); err != nil {
			t.Fatal(err)
		}
		var left int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM login_throttle`).Scan(&left); err != nil || left > 2 {
			t.Errorf("counters left after the purge: %d %v, want only the last attempt's", left, err)
		}
	})
}

func TestServerKey(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		keys := make([][]byte, 10)
		var wg sync.WaitGroup
		for i := range keys {
			wg.Add(1)
			go func() {
				defer wg.Done()
				k, err := db.ServerKey(sys, "device-cookie")
				if err != nil {
					t.Error(err)
				}
				keys[i] = k
			}()
		}
		wg.Wait()
		for _, k := range keys {
			if len(k) != 32 || !bytes.Equal(k, keys[0]) {
				t.Fatalf("keys differ between callers: %x vs %x", k, keys[0])
			}
		}
		if other, _ := db.ServerKey(sys, "other"); bytes.Equal(other, keys[0]) {
			t.Error("two names share a key")
		}
	})
}
