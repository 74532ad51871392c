package sqldb_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

var sys = thidua.NewSystemContext(context.Background())

func mustUnit(t *testing.T, db *sqldb.DB, ctx context.Context, parent int64, name, abbrev string) *thidua.Unit {
	t.Helper()
	u := &thidua.Unit{ParentID: parent, Name: name, Abbrev: abbrev, Kind: thidua.UnitDepartment, Active: true}
	if parent == 0 {
		u.Kind = thidua.UnitProvince
	}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatalf("CreateUnit(%s): %v", name, err)
	}
	return u
}

func mustPerson(t *testing.T, db *sqldb.DB, ctx context.Context, unit int64, name string) *thidua.Person {
	t.Helper()
	p := &thidua.Person{FullName: name, Gender: thidua.GenderMale, Category: thidua.CategoryCongChuc, UnitID: unit,
		BirthDate: thidua.NewDate(1985, 3, 12)}
	if err := db.CreatePerson(ctx, p); err != nil {
		t.Fatalf("CreatePerson(%s): %v", name, err)
	}
	return p
}

func mustUser(t *testing.T, db *sqldb.DB, name string, grants ...thidua.Grant) *thidua.User {
	t.Helper()
	u := &thidua.User{Username: name, DisplayName: "Người dùng " + name, PasswordHash: "$argon2id$x", Grants: grants}
	if err := db.CreateUser(sys, u); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

func code(err error) string { return thidua.ErrorCode(err) }

func TestMigrateIdempotent(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		applied, err := db.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second Migrate applied %v, err %v; want nothing", applied, err)
		}
	})
}

func TestMigrationsSameNames(t *testing.T) {
	a, _ := filepath.Glob("migrations/sqlite/*.sql")
	b, _ := filepath.Glob("migrations/postgres/*.sql")
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(a), len(b))
	}
	for i := range a {
		if filepath.Base(a[i]) != filepath.Base(b[i]) {
			t.Errorf("migration %d: %s vs %s", i, filepath.Base(a[i]), filepath.Base(b[i]))
		}
	}
}

func TestOpenBadDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(path, []byte(strings.Repeat("this is not a database ", 100)), 0o600)
	if _, err := sqldb.Open(context.Background(), path); err == nil {
		t.Fatal("Open accepted a file that is not a database")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := sqldb.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Fatal("Open succeeded on a PostgreSQL that does not answer")
	}
	if _, err := sqldb.Open(ctx, "mysql://x"); err == nil {
		t.Fatal("Open accepted an unsupported URL")
	}
	db, err := sqldb.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "sub", "x.db"))
	if err != nil {
		t.Fatalf("Open sqlite: URL in a new folder: %v", err)
	}
	db.Close()
}

func TestUnitTree(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		office := mustUnit(t, db, sys, root.ID, "Văn phòng UBND tỉnh", "VPUBND")
		hc := mustUnit(t, db, sys, office.ID, "Phòng Hành chính – Tổ chức", "HCTC")
		team := mustUnit(t, db, sys, hc.ID, "Tổ Văn thư", "VT")
		kt := mustUnit(t, db, sys, office.ID, "Phòng Kinh tế", "KT")
		mustPerson(t, db, sys, team.ID, "Nguyễn Văn An")

		units, total, err := db.FindUnits(sys, thidua.UnitFilter{})
		if err != nil || total != 5 {
			t.Fatalf("FindUnits total=%d err=%v", total, err)
		}
		var names []string
		for _, u := range units {
			names = append(names, u.Name)
		}
		want := "UBND tỉnh|Văn phòng UBND tỉnh|Phòng Hành chính – Tổ chức|Tổ Văn thư|Phòng Kinh tế"
		if got := strings.Join(names, "|"); got != want {
			t.Fatalf("tree order:\n got %s\nwant %s", got, want)
		}
		if team.Depth != 3 || !strings.HasPrefix(team.Path, hc.Path) {
			t.Fatalf("team path %s depth %d", team.Path, team.Depth)
		}

		// Accent-free search on name and abbreviation.
		if got, n, _ := db.FindUnits(sys, thidua.UnitFilter{Query: "hanh chinh"}); n != 1 || got[0].ID != hc.ID {
			t.Fatalf("search 'hanh chinh' found %d", n)
		}
		if _, n, _ := db.FindUnits(sys, thidua.UnitFilter{Query: "vpubnd"}); n != 1 {
			t.Fatalf("search abbrev found %d", n)
		}

		// Move Phòng Hành chính under Phòng Kinh tế: the subtree follows, people stay.
		hc.ParentID = kt.ID
		if err := db.UpdateUnit(sys, hc); err != nil {
			t.Fatalf("move: %v", err)
		}
		moved, _ := db.FindUnitByID(sys, team.ID)
		if moved.Path != kt.Path+itoa(hc.ID)+"/"+itoa(team.ID)+"/" || moved.Depth != 4 {
			t.Fatalf("after move team path=%s depth=%d", moved.Path, moved.Depth)
		}
		if moved.People != 1 {
			t.Fatalf("team people=%d after move, want 1", moved.People)
		}

		// A unit cannot become its own ancestor.
		kt2, _ := db.FindUnitByID(sys, kt.ID)
		kt2.ParentID = team.ID
		if err := db.UpdateUnit(sys, kt2); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["parent_id"] == "" {
			t.Fatalf("cycle: err=%v", err)
		}
		kt2.ParentID = kt2.ID
		if err := db.UpdateUnit(sys, kt2); code(err) != thidua.EINVALID {
			t.Fatalf("self parent: err=%v", err)
		}
		// Stale version.
		stale := *office
		stale.Name = "Tên khác"
		stale.Version = 0
		if err := db.UpdateUnit(sys, &stale); code(err) != thidua.ECONFLICT {
			t.Fatalf("stale update: err=%v", err)
		}
		// Delete is refused while sub-units or people remain.
		if err := db.DeleteUnit(sys, hc.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("delete with children: %v", err)
		}
		if err := db.DeleteUnit(sys, team.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("delete with people: %v", err)
		}
		empty := mustUnit(t, db, sys, office.ID, "Tổ lâm thời", "")
		if err := db.DeleteUnit(sys, empty.ID); err != nil {
			t.Fatalf("delete empty: %v", err)
		}
		if _, err := db.FindUnitByID(sys, empty.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("deleted unit found: %v", err)
		}
		if _, err := db.FindUnitByID(sys, 987654); code(err) != thidua.ENOTFOUND {
			t.Fatalf("unknown id: %v", err)
		}
		// Invalid input changes nothing.
		before, _, _ := db.FindUnits(sys, thidua.UnitFilter{})
		if err := db.CreateUnit(sys, &thidua.Unit{ParentID: office.ID, Name: "  ", Kind: thidua.UnitTeam}); code(err) != thidua.EINVALID {
			t.Fatalf("empty name: %v", err)
		}
		if err := db.CreateUnit(sys, &thidua.Unit{ParentID: 99999, Name: "X", Kind: thidua.UnitTeam}); code(err) != thidua.EINVALID {
			t.Fatalf("unknown parent: %v", err)
		}
		after, _, _ := db.FindUnits(sys, thidua.UnitFilter{})
		if len(before) != len(after) {
			t.Fatalf("invalid create changed the tree: %d -> %d", len(before), len(after))
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPeopleSortAndSearch(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		for _, n := range []string{"Nguyễn Văn Đức", "Trần Thị Ánh", "Phạm Dũng", "Lê Văn Bình", "Hoàng Thị An", "Bùi An"} {
			mustPerson(t, db, sys, root.ID, n)
		}
		people, total, err := db.FindPeople(sys, thidua.PersonFilter{})
		if err != nil || total != 6 {
			t.Fatalf("FindPeople total=%d err=%v", total, err)
		}
		var got []string
		for _, p := range people {
			got = append(got, p.FullName)
		}
		want := "Bùi An|Hoàng Thị An|Trần Thị Ánh|Lê Văn Bình|Phạm Dũng|Nguyễn Văn Đức"
		if strings.Join(got, "|") != want {
			t.Fatalf("order:\n got %s\nwant %s", strings.Join(got, "|"), want)
		}
		for q, n := range map[string]int{"nguyen van duc": 1, "NGUYỄN": 1, "duc": 1, "an": 5, "thi": 2, "xyz": 0} {
			if _, c, err := db.FindPeople(sys, thidua.PersonFilter{Query: q}); err != nil || c != n {
				t.Errorf("search %q: %d results, want %d (err %v)", q, c, n, err)
			}
		}
		page, total, _ := db.FindPeople(sys, thidua.PersonFilter{Limit: 2, Offset: 2})
		if total != 6 || len(page) != 2 || page[0].FullName != "Trần Thị Ánh" {
			t.Fatalf("page 2: total=%d len=%d", total, len(page))
		}
		if _, total, _ := db.FindPeople(sys, thidua.PersonFilter{Limit: 2, Offset: 20}); total != 6 {
			t.Fatalf("past the end total=%d", total)
		}
	})
}

func TestPersonValidationAndUpdate(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		other := mustUnit(t, db, sys, root.ID, "Sở Nội vụ", "SNV")
		p := mustPerson(t, db, sys, root.ID, "Nguyễn  Văn   An ")
		if p.FullName != "Nguyễn Văn An" || p.Version != 1 || p.UnitName != "UBND tỉnh" {
			t.Fatalf("stored %+v", p)
		}
		got, err := db.FindPersonByID(sys, p.ID)
		if err != nil || got.BirthDate != thidua.NewDate(1985, 3, 12) {
			t.Fatalf("FindPersonByID: %+v %v", got, err)
		}
		got.UnitID, got.Position, got.IsLeader = other.ID, "Phó Giám đốc", true
		if err := db.UpdatePerson(sys, got); err != nil {
			t.Fatalf("update: %v", err)
		}
		if got.Version != 2 || got.UnitName != "Sở Nội vụ" {
			t.Fatalf("after update %+v", got)
		}
		stale := *got
		stale.Version = 1
		if err := db.UpdatePerson(sys, &stale); code(err) != thidua.ECONFLICT {
			t.Fatalf("stale: %v", err)
		}
		bad := &thidua.Person{FullName: "", Gender: "X", Category: "Y", UnitID: root.ID, BirthDate: thidua.NewDate(2100, 1, 1)}
		err = db.CreatePerson(sys, bad)
		f := thidua.ErrorFields(err)
		if code(err) != thidua.EINVALID || f["full_name"] == "" || f["gender"] == "" || f["category"] == "" || f["birth_date"] == "" {
			t.Fatalf("invalid person: %v %v", err, f)
		}
		long := &thidua.Person{FullName: "Nguyễn " + strings.Repeat("A", 200), Gender: "NAM", Category: "CAN_BO", UnitID: root.ID}
		if err := db.CreatePerson(sys, long); code(err) != thidua.EINVALID {
			t.Fatalf("long name: %v", err)
		}
		if err := db.CreatePerson(sys, &thidua.Person{FullName: "Lê Văn B", Gender: "NAM", Category: "CAN_BO", UnitID: 4242}); code(err) != thidua.EINVALID {
			t.Fatalf("unknown unit: %v", err)
		}
		if _, n, _ := db.FindPeople(sys, thidua.PersonFilter{}); n != 1 {
			t.Fatalf("invalid creates stored people: %d", n)
		}
		if err := db.DeletePerson(sys, p.ID); err != nil {
			t.Fatalf("delete: %v", err)
		}
		if err := db.DeletePerson(sys, p.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("delete twice: %v", err)
		}
	})
}

func TestScope(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		office := mustUnit(t, db, sys, root.ID, "Văn phòng UBND tỉnh", "VPUBND")
		hc := mustUnit(t, db, sys, office.ID, "Phòng Hành chính", "HC")
		vt := mustUnit(t, db, sys, hc.ID, "Tổ Văn thư", "VT")
		kt := mustUnit(t, db, sys, office.ID, "Phòng Kinh tế", "KT")
		inside := mustPerson(t, db, sys, vt.ID, "Trần Văn Trong")
		outside := mustPerson(t, db, sys, kt.ID, "Lê Thị Ngoài")

		head := mustUser(t, db, "truongphong", thidua.Grant{Role: thidua.RoleUnitHead, UnitID: hc.ID})
		head, _ = db.FindUserByUsername(sys, head.Username)
		ctx := thidua.NewContextWithUser(context.Background(), head)

		units, n, err := db.FindUnits(ctx, thidua.UnitFilter{})
		if err != nil || n != 2 || units[0].ID != hc.ID {
			t.Fatalf("unit head sees %d units (err %v), want Phòng Hành chính and its team", n, err)
		}
		if _, err := db.FindUnitByID(ctx, kt.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("out of scope unit: %v", err)
		}
		people, n, _ := db.FindPeople(ctx, thidua.PersonFilter{})
		if n != 1 || people[0].ID != inside.ID {
			t.Fatalf("unit head sees %d people", n)
		}
		if _, err := db.FindPersonByID(ctx, outside.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("out of scope person: %v", err)
		}
		// Writes outside the subtree are refused.
		if err := db.CreatePerson(ctx, &thidua.Person{FullName: "Đỗ Văn Mới", Gender: "NAM", Category: "CAN_BO", UnitID: kt.ID}); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("create outside: %v", err)
		}
		if err := db.CreatePerson(ctx, &thidua.Person{FullName: "Đỗ Văn Mới", Gender: "NAM", Category: "CAN_BO", UnitID: vt.ID}); err != nil {
			t.Fatalf("create inside: %v", err)
		}
		moving, _ := db.FindPersonByID(ctx, inside.ID)
		moving.UnitID = kt.ID
		if err := db.UpdatePerson(ctx, moving); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("move person outside: %v", err)
		}
		hcUnit, _ := db.FindUnitByID(ctx, hc.ID)
		hcUnit.ParentID = root.ID
		if err := db.UpdateUnit(ctx, hcUnit); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("move own unit outside scope: %v", err)
		}
		if err := db.CreateUnit(ctx, &thidua.Unit{Name: "Gốc mới", Kind: thidua.UnitProvince}); code(err) != thidua.EINVALID {
			t.Fatalf("create root: %v", err)
		}
		if err := db.DeletePerson(ctx, outside.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("delete outside: %v", err)
		}
		// A council member can read but not write.
		council := mustUser(t, db, "hoidong", thidua.Grant{Role: thidua.RoleCouncil, UnitID: office.ID})
		council, _ = db.FindUserByUsername(sys, council.Username)
		cctx := thidua.NewContextWithUser(context.Background(), council)
		if _, n, _ := db.FindPeople(cctx, thidua.PersonFilter{}); n != 3 {
			t.Fatalf("council sees %d people, want 3", n)
		}
		if err := db.CreatePerson(cctx, &thidua.Person{FullName: "Đỗ Văn Hai", Gender: "NAM", Category: "CAN_BO", UnitID: vt.ID}); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("council create: %v", err)
		}
		// Only administrators manage users and read the audit log.
		if _, _, err := db.FindUsers(ctx, thidua.UserFilter{}); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("unit head lists users: %v", err)
		}
		if _, _, err := db.FindAuditEntries(ctx, thidua.AuditFilter{}); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("unit head reads audit: %v", err)
		}
		// No user at all is refused.
		if _, _, err := db.FindPeople(context.Background(), thidua.PersonFilter{}); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("anonymous: %v", err)
		}
	})
}

func TestUsersAndAuth(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		p := mustPerson(t, db, sys, root.ID, "Nguyễn Thị Hoa")
		u := &thidua.User{Username: " HoaNT ", DisplayName: "Nguyễn Thị Hoa", PersonID: p.ID, PasswordHash: "h1",
			Grants: []thidua.Grant{{Role: thidua.RoleOfficer, UnitID: root.ID}, {Role: thidua.RoleOfficer, UnitID: root.ID}}}
		if err := db.CreateUser(sys, u); err != nil {
			t.Fatalf("create: %v", err)
		}
		if u.Username != "hoant" || len(u.Grants) != 1 || u.PersonName != "Nguyễn Thị Hoa" {
			t.Fatalf("stored %+v", u)
		}
		dup := &thidua.User{Username: "hoant", DisplayName: "Khác", PasswordHash: "h", Grants: u.Grants}
		if err := db.CreateUser(sys, dup); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["username"] == "" {
			t.Fatalf("duplicate username: %v", err)
		}
		if _, n, _ := db.FindUsers(sys, thidua.UserFilter{}); n != 1 {
			t.Fatalf("users=%d after duplicate", n)
		}
		if err := db.CreateUser(sys, &thidua.User{Username: "x y", DisplayName: "", PasswordHash: "h"}); code(err) != thidua.EINVALID {
			t.Fatalf("invalid user: %v", err)
		}

		s := &thidua.Session{TokenHash: "abc", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateSession(sys, s); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindSessionUser(sys, "abc"); err != nil || got.ID != u.ID || len(got.Grants) != 1 {
			t.Fatalf("FindSessionUser: %v %v", got, err)
		}
		if _, err := db.FindSessionUser(sys, "nope"); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("unknown session: %v", err)
		}
		expired := &thidua.Session{TokenHash: "old", UserID: u.ID, ExpiresAt: time.Now().Add(-time.Minute)}
		db.CreateSession(sys, expired)
		if _, err := db.FindSessionUser(sys, "old"); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("expired session: %v", err)
		}
		// Disabling ends sessions.
		u.Disabled = true
		if err := db.UpdateUser(sys, u); err != nil {
			t.Fatalf("disable: %v", err)
		}
		if _, err := db.FindSessionUser(sys, "abc"); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("session of disabled user: %v", err)
		}
		u.Disabled = false
		if err := db.UpdateUser(sys, u); err != nil {
			t.Fatal(err)
		}
		// Tokens.
		uctx := thidua.NewContextWithUser(context.Background(), u)
		tok := &thidua.APIToken{Name: "Báo cáo", TokenHash: "tokhash"}
		if err := db.CreateAPIToken(uctx, tok); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindAPITokenUser(sys, "tokhash"); err != nil || got.ID != u.ID {
			t.Fatalf("token user: %v %v", got, err)
		}
		toks, _ := db.FindAPITokens(uctx)
		if len(toks) != 1 || toks[0].LastUsedAt.IsZero() {
			t.Fatalf("tokens %+v", toks)
		}
		// The last use is written at most once a minute: within it a
		// request only reads the token.
		first := toks[0].LastUsedAt
		now := db.Now
		lastUsed := func(after time.Duration) time.Time {
			t.Helper()
			db.Now = func() time.Time { return now().Add(after) }
			defer func() { db.Now = now }()
			if _, err := db.FindAPITokenUser(sys, "tokhash"); err != nil {
				t.Fatal(err)
			}
			toks, _ := db.FindAPITokens(uctx)
			return toks[0].LastUsedAt
		}
		if got := lastUsed(30 * time.Second); !got.Equal(first) {
			t.Errorf("last use 30 s later: %v, want %v kept", got, first)
		}
		if got := lastUsed(2 * time.Minute); !got.After(first) {
			t.Errorf("last use 2 min later: %v, want after %v", got, first)
		}
		if err := db.DeleteAPIToken(uctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindAPITokenUser(sys, "tokhash"); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("revoked token: %v", err)
		}
		// Throttle counters: see TestSignInThrottle.
		// Password change ends sessions.
		db.CreateSession(sys, &thidua.Session{TokenHash: "s2", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)})
		if err := db.SetPassword(uctx, u.ID, "h2"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindSessionUser(sys, "s2"); code(err) != thidua.EUNAUTHORIZED {
			t.Fatalf("session after password change: %v", err)
		}
		if err := db.SetPassword(uctx, 9999, "h3"); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("set other's password: %v", err)
		}
	})
}

func TestAuditChain(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		p := mustPerson(t, db, sys, root.ID, "Vũ Văn Kiểm")
		p.Position = "Chuyên viên"
		if err := db.UpdatePerson(sys, p); err != nil {
			t.Fatal(err)
		}
		entries, n, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "person", EntityID: p.ID})
		if err != nil || n != 2 {
			t.Fatalf("audit entries=%d err=%v", n, err)
		}
		upd := entries[0]
		if upd.Action != thidua.ActionUpdate || !strings.Contains(string(upd.Before), `"position":""`) ||
			!strings.Contains(string(upd.After), `"position":"Chuyên viên"`) || upd.ActorName != "Hệ thống" {
			t.Fatalf("update entry %+v before=%s after=%s", upd, upd.Before, upd.After)
		}
		if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
			t.Fatalf("verify: bad=%d err=%v", bad, err)
		}
		// Tampering with a stored entry breaks the chain.
		if _, err := db.SQL().Exec(`UPDATE audit_log SET after_json = '{}' WHERE id = $1`, upd.ID); err != nil {
			t.Fatal(err)
		}
		if bad, _ := db.VerifyAuditChain(sys); bad != upd.ID {
			t.Fatalf("tampered entry %d not found, got %d", upd.ID, bad)
		}
		today := thidua.DateOf(time.Now())
		if _, n, _ := db.FindAuditEntries(sys, thidua.AuditFilter{From: today, To: today, Action: thidua.ActionCreate}); n != 2 {
			t.Fatalf("date filter found %d", n)
		}
	})
}

func TestConcurrentWrites(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		root := mustUnit(t, db, sys, 0, "UBND tỉnh", "UBND")
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for j := 0; j < 5; j++ {
					p := &thidua.Person{FullName: "Nguyễn Văn Số" + strconv.Itoa(i*10+j), Gender: "NAM", Category: "CAN_BO", UnitID: root.ID}
					if err := db.CreatePerson(sys, p); err != nil {
						errs <- err
					}
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent create: %v", err)
		}
		if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
			t.Fatalf("audit chain after concurrent writes: bad=%d err=%v", bad, err)
		}
	})
}
