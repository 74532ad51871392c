package sqldb_test

import (
	"context"
	"testing"
	"time"

	"thidua"
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
