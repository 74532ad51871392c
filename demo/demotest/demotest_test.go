package demotest_test

import (
	"context"
	"database/sql"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"thidua/sqldb/articles"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

func TestMain(m *testing.M) { demotest.Main(m) }

// TestCopyIsFreshLoad compares every table of a copy with a database the
// demo office was just loaded into.
func TestCopyIsFreshLoad(t *testing.T) {
	check := func(t *testing.T, copy *demotest.Office, fresh *sqldb.DB) {
		accounts, err := demo.Load(thidua.NewSystemContext(context.Background()), fresh)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(accounts, copy.Accounts) {
			t.Errorf("accounts of the copy %v, of a fresh load %v", copy.Accounts, accounts)
		}
		got, want := dump(t, copy.DB), dump(t, fresh)
		if len(got) != len(want) {
			t.Errorf("the copy has %d tables, a fresh load %d", len(got), len(want))
		}
		for table, rows := range want {
			if !slices.Equal(got[table], rows) {
				t.Errorf("table %s: the copy has %d rows, a fresh load %d; first difference:\n%s", table, len(got[table]), len(rows), firstDiff(got[table], rows))
			}
		}
		if len(want["units"]) == 0 || len(want["people"]) == 0 || len(want["campaigns"]) == 0 || len(want["articles"]) == 0 {
			t.Errorf("the demo office looks empty: %d units, %d people, %d campaigns, %d articles",
				len(want["units"]), len(want["people"]), len(want["campaigns"]), len(want["articles"]))
		}
	}
	t.Run("sqlite", func(t *testing.T) { check(t, demotest.SQLite(t), sqldbtest.OpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { check(t, demotest.Postgres(t), sqldbtest.OpenPostgres(t)) })
}

// TestCopyPasswords checks that every demo account of a copy signs in with
// its password, hashed with argon2id at TestHashParams.
func TestCopyPasswords(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		sys := thidua.NewSystemContext(context.Background())
		want := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$", demotest.TestHashParams.Memory, demotest.TestHashParams.Time, demotest.TestHashParams.Threads)
		for _, a := range append(o.Accounts, demo.CouncilAccounts...) {
			u, err := o.DB.FindUserByUsername(sys, a.Username)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(u.PasswordHash, want) {
				t.Errorf("%s: hash %q, want one starting %q", a.Username, u.PasswordHash, want)
			}
			if ok, err := passwd.Check(u.PasswordHash, a.Password); !ok || err != nil {
				t.Errorf("%s does not sign in with its password: %v, %v", a.Username, ok, err)
			}
			if ok, _ := passwd.Check(u.PasswordHash, a.Password+"x"); ok {
				t.Errorf("%s signs in with a wrong password", a.Username)
			}
		}
	})
}

// TestCopiesAreApart checks that a change in one copy does not show in another.
func TestCopiesAreApart(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, a *demotest.Office) {
		var b *demotest.Office
		if a.DB.Dialect() == sqldb.Postgres {
			b = demotest.Postgres(t)
		} else {
			b = demotest.SQLite(t)
		}
		if a.URL == b.URL {
			t.Fatalf("two copies share %s", a.URL)
		}
		sys := thidua.NewSystemContext(context.Background())
		u := &thidua.Unit{Name: "Đơn vị chỉ có ở bản sao A", Kind: thidua.UnitAgency, Active: true}
		if err := a.DB.CreateUnit(sys, u); err != nil {
			t.Fatal(err)
		}
		_, na, err := a.DB.FindUnits(sys, thidua.UnitFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, nb, err := b.DB.FindUnits(sys, thidua.UnitFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if na != nb+1 {
			t.Errorf("copy A has %d units, copy B %d: want one more in A", na, nb)
		}
	})
}

// TestCopySearch checks that the portal search works on a copy: on
// PostgreSQL it needs the unaccent extension and the text search
// configuration of the migrations to have come along.
func TestCopySearch(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		for _, q := range []string{"thi đua", "THI DUA"} {
			hits, n, err := articles.New(o.DB).SearchArticles(context.Background(), q, 0, 10)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			if n == 0 || len(hits) == 0 {
				t.Errorf("search %q finds nothing in the demo articles", q)
			}
		}
	})
}

// TestOnlyTestsImport checks that no package of the module imports
// demotest outside its tests.
func TestOnlyTestsImport(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not at %s: %v", root, err)
	}
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		n++
		for _, imp := range f.Imports {
			if imp.Path.Value == `"thidua/demo/demotest"` {
				t.Errorf("%s imports demotest, which is for tests only", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("looked at %d Go files only", n)
	}
}

// volatile matches the columns that differ between two loads: times, and
// password hashes (random salt) with what is derived from them.
var volatile = regexp.MustCompile(`(^|_)(at|hash|time)$|^(created|updated|published|scheduled)`)

// ballotRandom are the columns of the secret ballot that are random by
// design and so differ between two loads of the demo's council meeting:
// the meeting's key, each encrypted ballot with its proofs, the
// ciphertexts' fingerprints and the trustees' partial decryptions with
// theirs. What they decrypt to (the tally) is compared.
var ballotRandom = map[string]bool{
	"meeting_keys.key_json": true, "ballots.ballot_json": true,
	"ballot_fingerprints.fp": true, "meeting_partials.partial_json": true,
}

// stamp matches a time written into a JSON value (the audit log's copies of
// created_at and updated_at).
var stamp = regexp.MustCompile(`"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"`)

// dump returns each table's rows as sorted lines, volatile columns blanked.
func dump(t *testing.T, db *sqldb.DB) map[string][]string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`
	if db.Dialect() == sqldb.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	tables := queryStrings(t, db.SQL(), q)
	out := map[string][]string{}
	for _, table := range tables {
		if table == "schema_migrations" {
			continue
		}
		rows, err := db.SQL().Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, c := range cols {
				v := vals[i]
				if (volatile.MatchString(c) || ballotRandom[table+"."+c]) && v != nil {
					v = "…"
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				if s, ok := v.(string); ok {
					v = stamp.ReplaceAllString(s, `"…"`)
				}
				fmt.Fprintf(&b, "%s=%v ", c, v)
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(lines)
		out[table] = lines
	}
	return out
}

func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func firstDiff(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return "copy:  " + g + "\nfresh: " + w
		}
	}
	return ""
}
