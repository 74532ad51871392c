package passwd_test

import (
	"strings"
	"testing"

	"thidua/passwd"
)

func TestHashCheck(t *testing.T) {
	h, err := passwd.Hash("mật khẩu đúng")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash=%q, want argon2id PHC string", h)
	}
	h2, _ := passwd.Hash("mật khẩu đúng")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{{"mật khẩu đúng", true}, {"mật khẩu sai", false}, {"", false}} {
		ok, err := passwd.Check(h, tc.pw)
		if err != nil || ok != tc.want {
			t.Errorf("Check(%q)=%v,%v want %v", tc.pw, ok, err, tc.want)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", "$argon2id$v=19$m=1,t=1,p=1$!!$AA"} {
		if _, err := passwd.Check(bad, "x"); err == nil {
			t.Errorf("Check(%q) accepted a malformed hash", bad)
		}
	}
}
