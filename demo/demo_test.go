package demo_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// What the demo creates; change these together with the data.
const (
	// The office's 11 units and 42 people, then the province's second level:
	// Sở Tư pháp and Sở Tài chính, the provincial chairman and their 6 people.
	wantUnits  = 13
	wantPeople = 49
	// Phòng Hành chính – Tổ chức (8, one retired) and its Tổ Văn thư – Lưu trữ (3).
	wantHCTCPeople = 11
)

const (
	hctcName = "Phòng Hành chính – Tổ chức"
	vtltName = "Tổ Văn thư – Lưu trữ"
)

// The tests of what the demo office holds (campaign, council, histories,
// articles) read a demotest copy of it: what Load writes, as demotest's
// TestCopyIsFreshLoad checks, loaded once per test binary. TestLoad and
// the tests of Load's refusals load it themselves.
func TestMain(m *testing.M) { demotest.Main(m) }

func TestLoad(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		sys := thidua.NewSystemContext(context.Background())

		if _, err := demo.Load(context.Background(), db); err == nil || errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("Load without a system context: err = %v, want a refusal", err)
		}
		if units, _, err := db.FindUnits(sys, thidua.UnitFilter{}); err != nil || len(units) != 0 {
			t.Fatalf("refused Load created %d units (err %v)", len(units), err)
		}

		accounts, err := demo.Load(sys, db)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}

		t.Run("accounts", func(t *testing.T) { checkAccounts(t, sys, db, accounts) })
		t.Run("units", func(t *testing.T) { checkUnits(t, sys, db) })
		t.Run("people", func(t *testing.T) { checkPeople(t, sys, db) })
		t.Run("unit head scope", func(t *testing.T) { checkUnitHead(t, sys, db, accounts) })
		t.Run("second load", func(t *testing.T) { checkSecondLoad(t, sys, db) })
	})
}

func checkAccounts(t *testing.T, sys context.Context, db *sqldb.DB, accounts []demo.Account) {
	if len(accounts) != len(thidua.Roles) {
		t.Fatalf("Load returned %d accounts, want %d (one per role)", len(accounts), len(thidua.Roles))
	}
	roles := map[thidua.Role]bool{}
	usernames := map[string]bool{}
	passwords := map[string]bool{}
	for _, a := range accounts {
		roles[a.Role] = true
		usernames[a.Username] = true
		passwords[a.Password] = true
	}
	for _, r := range thidua.Roles {
		if !roles[thidua.Role(r.Code)] {
			t.Errorf("no demo account has role %s (%s)", r.Code, r.Label)
		}
	}
	if len(usernames) != len(accounts) || len(passwords) != len(accounts) {
		t.Errorf("usernames or passwords repeat: %+v", accounts)
	}
	for _, a := range accounts {
		u, err := db.FindUserByUsername(sys, a.Username)
		if err != nil {
			t.Errorf("account %s: %v", a.Username, err)
			continue
		}
		if !strings.HasPrefix(a.Password, "Demo@2026") {
			t.Errorf("account %s: password %q does not start with Demo@2026", a.Username, a.Password)
		}
		if ok, err := passwd.Check(u.PasswordHash, a.Password); err != nil || !ok {
			t.Errorf("account %s: password %q does not verify (ok %v, err %v)", a.Username, a.Password, ok, err)
		}
		if ok, _ := passwd.Check(u.PasswordHash, a.Password+"x"); ok {
			t.Errorf("account %s: a wrong password verifies", a.Username)
		}
		if len(u.Grants) != 1 || u.Grants[0].Role != a.Role || u.Grants[0].UnitName != a.UnitName {
			t.Errorf("account %s: grants %+v, want %s on %q", a.Username, u.Grants, a.Role, a.UnitName)
		}
		if u.Disabled || !norm.NFC.IsNormalString(u.DisplayName) || u.DisplayName == "" {
			t.Errorf("account %s: disabled %v, display name %q", a.Username, u.Disabled, u.DisplayName)
		}
		if a.Role == thidua.RoleAdmin {
			if u.PersonID != 0 || u.DisplayName != "Quản trị hệ thống" {
				t.Errorf("admin: person %d, display name %q", u.PersonID, u.DisplayName)
			}
			continue
		}
		if u.PersonID == 0 || u.DisplayName != u.PersonName {
			t.Errorf("account %s: person %d %q, display name %q; want a linked person's name", a.Username, u.PersonID, u.PersonName, u.DisplayName)
		}
	}
	byName := map[string]demo.Account{}
	for _, a := range accounts {
		byName[a.Username] = a
	}
	want := map[string]struct {
		role thidua.Role
		unit string
	}{
		"admin":         {thidua.RoleAdmin, "Ủy ban nhân dân tỉnh"},
		"thiduakt":      {thidua.RoleOfficer, "Văn phòng UBND tỉnh"},
		"truongphonghc": {thidua.RoleUnitHead, hctcName},
		"hoidong":       {thidua.RoleCouncil, "Văn phòng UBND tỉnh"},
		"bientap":       {thidua.RoleEditor, "Trung tâm Thông tin – Công báo"},
		"canhan":        {thidua.RoleStaff, "Phòng Tổng hợp"},
	}
	for name, w := range want {
		if a, ok := byName[name]; !ok || a.Role != w.role || a.UnitName != w.unit {
			t.Errorf("account %s = %+v, want %s on %q", name, a, w.role, w.unit)
		}
	}
	// The linked people hold the posts the accounts stand for.
	posts := map[string]string{
		"thiduakt":      "Chuyên viên phụ trách công tác thi đua – khen thưởng",
		"truongphonghc": "Trưởng phòng",
		"hoidong":       "Phó Chánh Văn phòng",
		"canhan":        "Chuyên viên",
	}
	for name, post := range posts {
		u, err := db.FindUserByUsername(sys, name)
		if err != nil {
			t.Fatalf("account %s: %v", name, err)
		}
		p, err := db.FindPersonByID(sys, u.PersonID)
		if err != nil || p.Position != post {
			t.Errorf("account %s is linked to %+v (err %v), want a %q", name, p, err, post)
		}
	}
}

func checkUnits(t *testing.T, sys context.Context, db *sqldb.DB) {
	units, n, err := db.FindUnits(sys, thidua.UnitFilter{})
	if err != nil || n != wantUnits || len(units) != wantUnits {
		t.Fatalf("FindUnits: %d units (total %d, err %v), want %d", len(units), n, err, wantUnits)
	}
	byName := map[string]*thidua.Unit{}
	for _, u := range units {
		if !norm.NFC.IsNormalString(u.Name) {
			t.Errorf("unit name %q is not NFC", u.Name)
		}
		if !u.Active {
			t.Errorf("unit %q is inactive", u.Name)
		}
		byName[u.Name] = u
	}
	for _, w := range []struct{ name, abbrev, kind, parent string }{
		{"Ủy ban nhân dân tỉnh", "UBND", thidua.UnitProvince, ""},
		{"Văn phòng UBND tỉnh", "VPUBND", thidua.UnitAgency, "Ủy ban nhân dân tỉnh"},
		{hctcName, "HCTC", thidua.UnitDepartment, "Văn phòng UBND tỉnh"},
		{vtltName, "VTLT", thidua.UnitTeam, hctcName},
		{"Trung tâm Thông tin – Công báo", "TTCB", thidua.UnitDepartment, "Văn phòng UBND tỉnh"},
		{"Sở Nội vụ", "SNV", thidua.UnitAgency, "Ủy ban nhân dân tỉnh"},
		{"Ban Thi đua – Khen thưởng", "BTĐKT", thidua.UnitDepartment, "Sở Nội vụ"},
	} {
		u := byName[w.name]
		if u == nil {
			t.Errorf("no unit %q", w.name)
			continue
		}
		if u.Abbrev != w.abbrev || u.Kind != w.kind || u.ParentName != w.parent {
			t.Errorf("unit %q: abbrev %q kind %s parent %q, want %q %s %q", w.name, u.Abbrev, u.Kind, u.ParentName, w.abbrev, w.kind, w.parent)
		}
	}
	if units[0].Name != "Ủy ban nhân dân tỉnh" || units[0].ParentID != 0 {
		t.Errorf("first unit in tree order is %q, want the root", units[0].Name)
	}
	office := byName["Văn phòng UBND tỉnh"]
	if office == nil {
		t.FailNow()
	}
	depts, _, err := db.FindUnits(sys, thidua.UnitFilter{ParentID: office.ID})
	if err != nil || len(depts) < 5 {
		t.Errorf("the office has %d departments (err %v), want 5 or more", len(depts), err)
	}
}

func checkPeople(t *testing.T, sys context.Context, db *sqldb.DB) {
	people, n, err := db.FindPeople(sys, thidua.PersonFilter{})
	if err != nil || len(people) == 0 {
		t.Fatalf("FindPeople: %d people, err %v", len(people), err)
	}
	if n != wantPeople || len(people) != wantPeople {
		t.Fatalf("FindPeople: %d people (total %d), want %d", len(people), n, wantPeople)
	}
	names := map[string]bool{}
	retired := 0
	categories := map[string]int{}
	leadersByUnit := map[string]int{}
	for _, p := range people {
		if !norm.NFC.IsNormalString(p.FullName) || !norm.NFC.IsNormalString(p.Position) {
			t.Errorf("person %q (%q) is not NFC", p.FullName, p.Position)
		}
		if names[p.FullName] {
			t.Errorf("person %q appears twice", p.FullName)
		}
		names[p.FullName] = true
		if y := p.BirthDate.Year(); y < 1965 || y > 1998 {
			t.Errorf("person %q born %s, want 1965–1998", p.FullName, p.BirthDate)
		}
		b := p.BirthDate.Time()
		if age22 := thidua.NewDate(b.Year()+22, b.Month(), b.Day()); p.StartDate.Before(age22) {
			t.Errorf("person %q (born %s) started work on %s, before age 22", p.FullName, p.BirthDate, p.StartDate)
		}
		if strings.Contains(p.FullName, " Thị ") && p.Gender != thidua.GenderFemale {
			t.Errorf("person %q has gender %s", p.FullName, p.Gender)
		}
		if p.Status == thidua.PersonRetired {
			retired++
		}
		categories[p.Category]++
		if p.IsLeader {
			leadersByUnit[p.UnitName]++
		}
		if p.Position == "" {
			t.Errorf("person %q has no position", p.FullName)
		}
	}
	if retired != 1 {
		t.Errorf("%d retired people, want 1", retired)
	}
	for _, c := range []string{thidua.CategoryCongChuc, thidua.CategoryVienChuc, thidua.CategoryNguoiLD} {
		if categories[c] == 0 {
			t.Errorf("nobody in category %s", c)
		}
	}
	for _, unit := range []string{"Văn phòng UBND tỉnh", hctcName, "Phòng Tổng hợp", "Phòng Kinh tế",
		"Phòng Khoa giáo – Văn xã", "Phòng Nội chính", "Trung tâm Thông tin – Công báo", "Ban Thi đua – Khen thưởng"} {
		if leadersByUnit[unit] < 2 {
			t.Errorf("unit %q has %d leaders, want a head and a deputy", unit, leadersByUnit[unit])
		}
	}
	// The given names are chosen so that Vietnamese collation decides the
	// order: Anh (two of them, by family name) < Ánh < Ân.
	wantFirst := []string{"Phan Tuấn Anh", "Vũ Thị Lan Anh", "Nguyễn Ngọc Ánh", "Huỳnh Thiên Ân"}
	for i, name := range wantFirst {
		if people[i].FullName != name {
			var got []string
			for _, p := range people[:len(wantFirst)] {
				got = append(got, p.FullName)
			}
			t.Errorf("people begin with %q, want %q", got, wantFirst)
			break
		}
	}
}

func checkUnitHead(t *testing.T, sys context.Context, db *sqldb.DB, accounts []demo.Account) {
	var username string
	for _, a := range accounts {
		if a.Role == thidua.RoleUnitHead {
			username = a.Username
		}
	}
	head, err := db.FindUserByUsername(sys, username)
	if err != nil {
		t.Fatalf("unit head %q: %v", username, err)
	}
	ctx := thidua.NewContextWithUser(context.Background(), head)
	people, n, err := db.FindPeople(ctx, thidua.PersonFilter{})
	if err != nil {
		t.Fatalf("unit head FindPeople: %v", err)
	}
	if n != wantHCTCPeople || len(people) != wantHCTCPeople {
		t.Errorf("unit head sees %d people (total %d), want %d", len(people), n, wantHCTCPeople)
	}
	for _, p := range people {
		if p.UnitName != hctcName && p.UnitName != vtltName {
			t.Errorf("unit head sees %q of %q", p.FullName, p.UnitName)
		}
	}
	// Every person of the two units is visible, as the system sees them.
	all, _, err := db.FindPeople(sys, thidua.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, p := range people {
		seen[p.ID] = true
	}
	for _, p := range all {
		if (p.UnitName == hctcName || p.UnitName == vtltName) && !seen[p.ID] {
			t.Errorf("unit head does not see %q of %q", p.FullName, p.UnitName)
		}
	}
}

type counts struct{ units, people, users, campaigns, audit int }

func count(t *testing.T, sys context.Context, db *sqldb.DB) counts {
	t.Helper()
	var c counts
	var err error
	if _, c.units, err = db.FindUnits(sys, thidua.UnitFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, c.people, err = db.FindPeople(sys, thidua.PersonFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, c.users, err = db.FindUsers(sys, thidua.UserFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, c.campaigns, err = db.FindCampaigns(sys, thidua.CampaignFilter{}); err != nil {
		t.Fatal(err)
	}
	if _, c.audit, err = db.FindAuditEntries(sys, thidua.AuditFilter{}); err != nil {
		t.Fatal(err)
	}
	return c
}

func checkSecondLoad(t *testing.T, sys context.Context, db *sqldb.DB) {
	before := count(t, sys, db)
	// Every creation is audited, and so is every step of the campaign.
	users := len(thidua.Roles) + len(demo.CouncilAccounts) + len(demo.ProvinceAccounts)
	want := counts{wantUnits, wantPeople, users, 2, wantUnits + wantPeople + len(thidua.Roles) + len(demo.ProvinceAccounts) + campaignSteps(t, sys, db) + portalSteps(t, sys, db) + historySteps(t, sys, db) + councilSteps(t, sys, db) + clusterSteps(t, sys, db) + ladderSteps(t, sys, db)}
	if before != want {
		t.Errorf("after Load: %+v, want %+v (every creation audited)", before, want)
	}
	accounts, err := demo.Load(sys, db)
	if !errors.Is(err, demo.ErrNotEmpty) || accounts != nil {
		t.Fatalf("second Load: %v accounts, err %v; want ErrNotEmpty", len(accounts), err)
	}
	if after := count(t, sys, db); after != before {
		t.Errorf("second Load changed the database: %+v, was %+v", after, before)
	}
	if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
		t.Errorf("audit chain broken at %d: %v", bad, err)
	}
}
