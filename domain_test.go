package thidua_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"thidua"
)

// checkInvalid fails unless err is an EINVALID error whose fields are
// exactly want (only the keys are compared).
func checkInvalid(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("error=%v (fields %v), want nil", err, thidua.ErrorFields(err))
		}
		return
	}
	if got, want := thidua.ErrorCode(err), thidua.EINVALID; got != want {
		t.Fatalf("ErrorCode=%q, want %q (err %v)", got, want, err)
	}
	fields := thidua.ErrorFields(err)
	for _, f := range want {
		if got := fields[f]; got == "" {
			t.Fatalf("ErrorFields[%q]=%q, want a message (fields %v)", f, got, fields)
		}
	}
	if got, want := len(fields), len(want); got != want {
		t.Fatalf("len(ErrorFields)=%d, want %d (fields %v)", got, want, fields)
	}
}

// ---- errors ----

func TestErrorCodeAndMessage(t *testing.T) {
	domain := thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy đơn vị %d.", 7)
	tests := []struct {
		name     string
		err      error
		code     string
		message  string
		hasField bool
	}{
		{"nil", nil, "", "", false},
		{"domain", domain, thidua.ENOTFOUND, "Không tìm thấy đơn vị 7.", false},
		{"wrapped", fmt.Errorf("sqldb: find unit: %w", domain), thidua.ENOTFOUND, "Không tìm thấy đơn vị 7.", false},
		{"wrapped twice", fmt.Errorf("web: %w", fmt.Errorf("sqldb: %w", domain)), thidua.ENOTFOUND, "Không tìm thấy đơn vị 7.", false},
		{"joined", errors.Join(io.EOF, domain), thidua.ENOTFOUND, "Không tìm thấy đơn vị 7.", false},
		{"stale", thidua.ErrStale(), thidua.ECONFLICT, thidua.ErrStale().Message, false},
		{"plain", errors.New("pq: connection refused"), thidua.EINTERNAL, "Lỗi hệ thống, vui lòng thử lại sau.", false},
		{"wrapped plain", fmt.Errorf("load: %w", io.ErrUnexpectedEOF), thidua.EINTERNAL, "Lỗi hệ thống, vui lòng thử lại sau.", false},
		{"validation", (&thidua.Unit{}).Validate(), thidua.EINVALID, "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := thidua.ErrorCode(tt.err), tt.code; got != want {
				t.Fatalf("ErrorCode=%q, want %q", got, want)
			}
			if got, want := thidua.ErrorMessage(tt.err), tt.message; got != want {
				t.Fatalf("ErrorMessage=%q, want %q", got, want)
			}
			if got, want := thidua.ErrorFields(tt.err) != nil, tt.hasField; got != want {
				t.Fatalf("ErrorFields!=nil is %v, want %v", got, want)
			}
		})
	}
}

func TestPlainErrorMessageHidesDetails(t *testing.T) {
	err := fmt.Errorf("open /etc/secret.db: %w", errors.New("permission denied"))
	msg := thidua.ErrorMessage(err)
	if got, want := strings.Contains(msg, "secret"), false; got != want {
		t.Fatalf("ErrorMessage=%q contains the internal detail=%v, want %v", msg, got, want)
	}
}

func TestErrorString(t *testing.T) {
	err := thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền %s.", "sửa")
	if got, want := err.Error(), "thidua error: code=forbidden message=Bạn không có quyền sửa."; got != want {
		t.Fatalf("Error()=%q, want %q", got, want)
	}
	if got, want := err.Code, thidua.EFORBIDDEN; got != want {
		t.Fatalf("Code=%q, want %q", got, want)
	}
}

func TestValidation(t *testing.T) {
	var v thidua.Validation
	if err := v.Err(); err != nil {
		t.Fatalf("empty Validation Err()=%v, want nil", err)
	}
	v.Add("name", "first")
	v.Add("name", "second")
	v.Add("kind", "kind message")
	err := v.Err()
	if got, want := thidua.ErrorCode(err), thidua.EINVALID; got != want {
		t.Fatalf("ErrorCode=%q, want %q", got, want)
	}
	fields := thidua.ErrorFields(err)
	if got, want := fields["name"], "first"; got != want {
		t.Fatalf("fields[name]=%q, want %q", got, want)
	}
	if got, want := fields["kind"], "kind message"; got != want {
		t.Fatalf("fields[kind]=%q, want %q", got, want)
	}
	if got, want := len(fields), 2; got != want {
		t.Fatalf("len(fields)=%d, want %d", got, want)
	}
}

// ---- units ----

func validUnit() thidua.Unit {
	return thidua.Unit{ID: 4, ParentID: 1, Name: "Văn phòng UBND tỉnh", Abbrev: "VPUBND", Kind: thidua.UnitAgency, Active: true}
}

func TestUnitValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(u *thidua.Unit)
		fields []string
	}{
		{"valid", func(u *thidua.Unit) {}, nil},
		{"valid root", func(u *thidua.Unit) { u.ParentID = 0; u.Kind = thidua.UnitProvince }, nil},
		{"valid new unit", func(u *thidua.Unit) { u.ID = 0 }, nil},
		{"valid without abbrev", func(u *thidua.Unit) { u.Abbrev = "" }, nil},
		{"valid abbrev with Đ digits & -", func(u *thidua.Unit) { u.Abbrev = "SĐT-2&3" }, nil},
		{"valid name of 255 runes", func(u *thidua.Unit) { u.Name = strings.Repeat("ệ", 255) }, nil},
		{"valid abbrev of 32", func(u *thidua.Unit) { u.Abbrev = strings.Repeat("A", 32) }, nil},
		{"empty name", func(u *thidua.Unit) { u.Name = "" }, []string{"name"}},
		{"name over 255 runes", func(u *thidua.Unit) { u.Name = strings.Repeat("ệ", 256) }, []string{"name"}},
		{"bad abbrev with space", func(u *thidua.Unit) { u.Abbrev = "vp ubnd" }, []string{"abbrev"}},
		{"lower case abbrev", func(u *thidua.Unit) { u.Abbrev = "vpubnd" }, []string{"abbrev"}},
		{"accented abbrev", func(u *thidua.Unit) { u.Abbrev = "SỞ" }, []string{"abbrev"}},
		{"abbrev starting with dash", func(u *thidua.Unit) { u.Abbrev = "-VP" }, []string{"abbrev"}},
		{"abbrev over 32", func(u *thidua.Unit) { u.Abbrev = strings.Repeat("A", 33) }, []string{"abbrev"}},
		{"unknown kind", func(u *thidua.Unit) { u.Kind = "COMPANY" }, []string{"kind"}},
		{"empty kind", func(u *thidua.Unit) { u.Kind = "" }, []string{"kind"}},
		{"lower case kind", func(u *thidua.Unit) { u.Kind = "agency" }, []string{"kind"}},
		{"own parent", func(u *thidua.Unit) { u.ParentID = u.ID }, []string{"parent_id"}},
		{"several", func(u *thidua.Unit) { u.Name = ""; u.Kind = "X"; u.ParentID = u.ID }, []string{"name", "kind", "parent_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := validUnit()
			tt.modify(&u)
			checkInvalid(t, u.Validate(), tt.fields...)
		})
	}
}

func TestUnitNormalize(t *testing.T) {
	tests := []struct {
		name, abbrev         string
		wantName, wantAbbrev string
	}{
		{"  Văn   phòng UBND tỉnh ", " vpubnd ", "Văn phòng UBND tỉnh", "VPUBND"},
		{nfd("Sở Nội vụ"), "snv", "Sở Nội vụ", "SNV"},
		{"Sở Tư pháp", "stp-đ", "Sở Tư pháp", "STP-Đ"},
		{"Phòng 1", "", "Phòng 1", ""},
	}
	for _, tt := range tests {
		u := thidua.Unit{Name: tt.name, Abbrev: tt.abbrev, Kind: thidua.UnitDepartment}
		u.Normalize()
		if got, want := u.Name, tt.wantName; got != want {
			t.Fatalf("Normalize Name=%q, want %q", got, want)
		}
		if got, want := u.Abbrev, tt.wantAbbrev; got != want {
			t.Fatalf("Normalize Abbrev=%q, want %q", got, want)
		}
		checkInvalid(t, u.Validate())
	}
}

func TestUnitNormalizeKeepsBadAbbrevInvalid(t *testing.T) {
	u := validUnit()
	u.Abbrev = "vp ubnd"
	u.Normalize()
	if got, want := u.Abbrev, "VP UBND"; got != want {
		t.Fatalf("Abbrev=%q, want %q", got, want)
	}
	checkInvalid(t, u.Validate(), "abbrev")
}

func TestLabel(t *testing.T) {
	tests := []struct {
		opts       []thidua.Option
		code, want string
	}{
		{thidua.UnitKinds, thidua.UnitAgency, "Cơ quan"},
		{thidua.UnitKinds, "NOPE", "NOPE"},
		{thidua.Genders, thidua.GenderFemale, "Nữ"},
		{thidua.Categories, thidua.CategoryVienChuc, "Viên chức"},
	}
	for _, tt := range tests {
		if got, want := thidua.Label(tt.opts, tt.code), tt.want; got != want {
			t.Fatalf("Label(%q)=%q, want %q", tt.code, got, want)
		}
	}
	if got, want := thidua.RoleCouncil.Label(), "Thành viên Hội đồng thi đua – khen thưởng"; got != want {
		t.Fatalf("RoleCouncil.Label()=%q, want %q", got, want)
	}
}

// ---- people ----

var today = thidua.NewDate(2026, time.February, 5)

func validPerson() thidua.Person {
	return thidua.Person{
		FullName:  "Nguyễn Văn Đức",
		Gender:    thidua.GenderMale,
		BirthDate: thidua.NewDate(1985, time.March, 12),
		Position:  "Chuyên viên",
		Category:  thidua.CategoryCongChuc,
		UnitID:    4,
		StartDate: thidua.NewDate(2008, time.September, 1),
		Status:    thidua.PersonActive,
	}
}

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(p *thidua.Person)
		fields []string
	}{
		{"valid", func(p *thidua.Person) {}, nil},
		{"valid female retired", func(p *thidua.Person) {
			p.Gender = thidua.GenderFemale
			p.Status = thidua.PersonRetired
		}, nil},
		{"valid without dates", func(p *thidua.Person) { p.BirthDate = thidua.Date{}; p.StartDate = thidua.Date{} }, nil},
		{"valid start date without birth date", func(p *thidua.Person) { p.BirthDate = thidua.Date{} }, nil},
		{"valid born yesterday", func(p *thidua.Person) {
			p.BirthDate = thidua.NewDate(2026, time.February, 4)
			p.StartDate = thidua.Date{}
		}, nil},
		{"valid start on birth date", func(p *thidua.Person) { p.StartDate = p.BirthDate }, nil},
		{"valid no position", func(p *thidua.Person) { p.Position = "" }, nil},
		{"empty name", func(p *thidua.Person) { p.FullName = "" }, []string{"full_name"}},
		{"single word name", func(p *thidua.Person) { p.FullName = "Đức" }, []string{"full_name"}},
		{"name over 100 runes", func(p *thidua.Person) { p.FullName = "Nguyễn " + strings.Repeat("ễ", 100) }, []string{"full_name"}},
		{"position over 255 runes", func(p *thidua.Person) { p.Position = strings.Repeat("ệ", 256) }, []string{"position"}},
		{"missing unit", func(p *thidua.Person) { p.UnitID = 0 }, []string{"unit_id"}},
		{"negative unit", func(p *thidua.Person) { p.UnitID = -1 }, []string{"unit_id"}},
		{"missing gender", func(p *thidua.Person) { p.Gender = "" }, []string{"gender"}},
		{"bad gender", func(p *thidua.Person) { p.Gender = "MALE" }, []string{"gender"}},
		{"missing category", func(p *thidua.Person) { p.Category = "" }, []string{"category"}},
		{"bad category", func(p *thidua.Person) { p.Category = "CONG_NHAN" }, []string{"category"}},
		{"bad status", func(p *thidua.Person) { p.Status = "DEAD" }, []string{"status"}},
		{"status not normalized", func(p *thidua.Person) { p.Status = "" }, []string{"status"}},
		{"birth date in the future", func(p *thidua.Person) {
			p.BirthDate = thidua.NewDate(2030, time.January, 1)
			p.StartDate = thidua.Date{}
		}, []string{"birth_date"}},
		{"birth date today", func(p *thidua.Person) {
			p.BirthDate = today
			p.StartDate = thidua.Date{}
		}, []string{"birth_date"}},
		{"birth date over 100 years ago", func(p *thidua.Person) { p.BirthDate = thidua.NewDate(1900, time.January, 1) }, []string{"birth_date"}},
		{"start date before birth", func(p *thidua.Person) { p.StartDate = thidua.NewDate(1980, time.January, 1) }, []string{"start_date"}},
		{"several", func(p *thidua.Person) {
			p.FullName = "An"
			p.UnitID = 0
			p.Gender = "X"
		}, []string{"full_name", "unit_id", "gender"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPerson()
			tt.modify(&p)
			checkInvalid(t, p.Validate(today), tt.fields...)
		})
	}
}

func TestPersonNormalize(t *testing.T) {
	p := validPerson()
	p.FullName = "  " + nfd("Nguyễn   Văn Đức") + " "
	p.Position = " Phó  Trưởng phòng "
	p.Status = ""
	p.Normalize()
	if got, want := p.FullName, "Nguyễn Văn Đức"; got != want {
		t.Fatalf("FullName=%q, want %q", got, want)
	}
	if got, want := p.Position, "Phó Trưởng phòng"; got != want {
		t.Fatalf("Position=%q, want %q", got, want)
	}
	if got, want := p.Status, thidua.PersonActive; got != want {
		t.Fatalf("Status=%q, want %q", got, want)
	}
	checkInvalid(t, p.Validate(today))

	p.Status = thidua.PersonRetired
	p.Normalize()
	if got, want := p.Status, thidua.PersonRetired; got != want {
		t.Fatalf("Normalize changed Status to %q, want %q", got, want)
	}
}

// ---- users ----

func grant(r thidua.Role, unitID int64, path string) thidua.Grant {
	return thidua.Grant{Role: r, UnitID: unitID, UnitPath: path}
}

func TestRoleAllows(t *testing.T) {
	perms := []thidua.Permission{thidua.PermViewOrg, thidua.PermEditOrg, thidua.PermManageUsers, thidua.PermViewAudit}
	tests := []struct {
		role thidua.Role
		want []bool // per perms
	}{
		{thidua.RoleAdmin, []bool{true, true, true, true}},
		{thidua.RoleOfficer, []bool{true, true, false, false}},
		{thidua.RoleUnitHead, []bool{true, true, false, false}},
		{thidua.RoleCouncil, []bool{true, false, false, false}},
		{thidua.RoleEditor, []bool{true, false, false, false}},
		{thidua.RoleStaff, []bool{true, false, false, false}},
		{thidua.Role("GHOST"), []bool{false, false, false, false}},
	}
	for _, tt := range tests {
		for i, p := range perms {
			if got, want := tt.role.Allows(p), tt.want[i]; got != want {
				t.Fatalf("%s.Allows(%s)=%v, want %v", tt.role, p, got, want)
			}
		}
	}
}

func TestUserCan(t *testing.T) {
	admin := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleAdmin, 1, "/1/")}}
	officer := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/")}}
	council := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 1, "/1/")}}
	disabled := &thidua.User{Disabled: true, Grants: []thidua.Grant{grant(thidua.RoleAdmin, 1, "/1/")}}
	none := &thidua.User{}
	mixed := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleStaff, 5, "/1/2/5/"), grant(thidua.RoleOfficer, 3, "/1/3/")}}
	var nilUser *thidua.User

	tests := []struct {
		name string
		u    *thidua.User
		p    thidua.Permission
		want bool
	}{
		{"admin view", admin, thidua.PermViewOrg, true},
		{"admin edit", admin, thidua.PermEditOrg, true},
		{"admin users", admin, thidua.PermManageUsers, true},
		{"admin audit", admin, thidua.PermViewAudit, true},
		{"officer view", officer, thidua.PermViewOrg, true},
		{"officer edit", officer, thidua.PermEditOrg, true},
		{"officer users", officer, thidua.PermManageUsers, false},
		{"officer audit", officer, thidua.PermViewAudit, false},
		{"council view", council, thidua.PermViewOrg, true},
		{"council edit", council, thidua.PermEditOrg, false},
		{"disabled view", disabled, thidua.PermViewOrg, false},
		{"disabled users", disabled, thidua.PermManageUsers, false},
		{"no grants", none, thidua.PermViewOrg, false},
		{"mixed edit", mixed, thidua.PermEditOrg, true},
		{"nil", nilUser, thidua.PermViewOrg, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.u.Can(tt.p), tt.want; got != want {
				t.Fatalf("Can(%s)=%v, want %v", tt.p, got, want)
			}
		})
	}
}

func TestUserScope(t *testing.T) {
	tests := []struct {
		name      string
		u         *thidua.User
		p         thidua.Permission
		wantAll   bool
		wantPaths []string
	}{
		{"admin", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleAdmin, 2, "/1/2/")}}, thidua.PermEditOrg, true, nil},
		{"admin after officer", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 3, "/1/3/"), grant(thidua.RoleAdmin, 2, "/1/2/")}}, thidua.PermViewOrg, true, nil},
		{"officer", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/")}}, thidua.PermEditOrg, false, []string{"/1/2/"}},
		{"two grants", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/"), grant(thidua.RoleUnitHead, 7, "/1/3/7/")}}, thidua.PermEditOrg, false, []string{"/1/2/", "/1/3/7/"}},
		{"only grants with the permission", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 1, "/1/"), grant(thidua.RoleOfficer, 2, "/1/2/")}}, thidua.PermEditOrg, false, []string{"/1/2/"}},
		{"council edit", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 1, "/1/")}}, thidua.PermEditOrg, false, nil},
		{"council view", &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 1, "/1/")}}, thidua.PermViewOrg, false, []string{"/1/"}},
		{"disabled admin", &thidua.User{Disabled: true, Grants: []thidua.Grant{grant(thidua.RoleAdmin, 1, "/1/")}}, thidua.PermViewOrg, false, nil},
		{"nil", nil, thidua.PermViewOrg, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, paths := tt.u.Scope(tt.p)
			if got, want := all, tt.wantAll; got != want {
				t.Fatalf("Scope all=%v, want %v", got, want)
			}
			if got, want := strings.Join(paths, ","), strings.Join(tt.wantPaths, ","); got != want {
				t.Fatalf("Scope paths=%q, want %q", got, want)
			}
		})
	}
}

func TestUserCovers(t *testing.T) {
	admin := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleAdmin, 2, "/1/2/")}}
	officer := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/")}}
	council := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 2, "/1/2/")}}
	disabled := &thidua.User{Disabled: true, Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/")}}
	unfilled := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "")}}
	two := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleOfficer, 2, "/1/2/"), grant(thidua.RoleUnitHead, 9, "/8/9/")}}

	tests := []struct {
		name string
		u    *thidua.User
		p    thidua.Permission
		path string
		want bool
	}{
		{"admin anywhere", admin, thidua.PermEditOrg, "/7/", true},
		{"admin own subtree", admin, thidua.PermEditOrg, "/1/2/5/", true},
		{"admin audit", admin, thidua.PermViewAudit, "/1/3/", true},
		{"officer own unit", officer, thidua.PermEditOrg, "/1/2/", true},
		{"officer child", officer, thidua.PermEditOrg, "/1/2/5/", true},
		{"officer grandchild", officer, thidua.PermEditOrg, "/1/2/5/11/", true},
		{"officer sibling", officer, thidua.PermEditOrg, "/1/3/", false},
		{"officer parent", officer, thidua.PermEditOrg, "/1/", false},
		{"officer id prefix is not a subtree", officer, thidua.PermEditOrg, "/1/20/", false},
		{"officer other root", officer, thidua.PermEditOrg, "/2/", false},
		{"officer empty path", officer, thidua.PermEditOrg, "", false},
		{"officer view child", officer, thidua.PermViewOrg, "/1/2/5/", true},
		{"officer cannot manage users", officer, thidua.PermManageUsers, "/1/2/", false},
		{"council view", council, thidua.PermViewOrg, "/1/2/5/", true},
		{"council edit", council, thidua.PermEditOrg, "/1/2/5/", false},
		{"disabled", disabled, thidua.PermViewOrg, "/1/2/", false},
		{"grant without path covers nothing", unfilled, thidua.PermEditOrg, "/1/2/", false},
		{"second grant", two, thidua.PermEditOrg, "/8/9/10/", true},
		{"between grants", two, thidua.PermEditOrg, "/8/", false},
		{"nil", nil, thidua.PermViewOrg, "/1/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.u.Covers(tt.p, tt.path), tt.want; got != want {
				t.Fatalf("Covers(%s, %q)=%v, want %v", tt.p, tt.path, got, want)
			}
		})
	}
}

func TestUserHasRole(t *testing.T) {
	u := &thidua.User{Grants: []thidua.Grant{grant(thidua.RoleCouncil, 1, "/1/"), grant(thidua.RoleEditor, 2, "/1/2/")}}
	tests := []struct {
		r    thidua.Role
		want bool
	}{
		{thidua.RoleCouncil, true},
		{thidua.RoleEditor, true},
		{thidua.RoleAdmin, false},
		{thidua.RoleOfficer, false},
	}
	for _, tt := range tests {
		if got, want := u.HasRole(tt.r), tt.want; got != want {
			t.Fatalf("HasRole(%s)=%v, want %v", tt.r, got, want)
		}
	}
}

func validUser() thidua.User {
	return thidua.User{
		Username:    "nguyen.van-duc_1",
		DisplayName: "Nguyễn Văn Đức",
		Email:       "duc@example.vn",
		Grants:      []thidua.Grant{{Role: thidua.RoleOfficer, UnitID: 2}},
	}
}

func TestUserValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(u *thidua.User)
		fields []string
	}{
		{"valid", func(u *thidua.User) {}, nil},
		{"valid simple", func(u *thidua.User) { u.Username = "admin" }, nil},
		{"valid digit first", func(u *thidua.User) { u.Username = "1cb" }, nil},
		{"valid single char", func(u *thidua.User) { u.Username = "a" }, nil},
		{"valid 64 chars", func(u *thidua.User) { u.Username = strings.Repeat("a", 64) }, nil},
		{"valid no email", func(u *thidua.User) { u.Email = "" }, nil},
		{"valid several grants", func(u *thidua.User) {
			u.Grants = append(u.Grants, thidua.Grant{Role: thidua.RoleAdmin, UnitID: 1})
		}, nil},
		{"empty username", func(u *thidua.User) { u.Username = "" }, []string{"username"}},
		{"username over 64", func(u *thidua.User) { u.Username = strings.Repeat("a", 65) }, []string{"username"}},
		{"upper case username", func(u *thidua.User) { u.Username = "Admin" }, []string{"username"}},
		{"accented username", func(u *thidua.User) { u.Username = "đức" }, []string{"username"}},
		{"username with space", func(u *thidua.User) { u.Username = "van duc" }, []string{"username"}},
		{"username starting with dot", func(u *thidua.User) { u.Username = ".duc" }, []string{"username"}},
		{"username starting with dash", func(u *thidua.User) { u.Username = "-duc" }, []string{"username"}},
		{"username starting with underscore", func(u *thidua.User) { u.Username = "_duc" }, []string{"username"}},
		{"username with @", func(u *thidua.User) { u.Username = "duc@vp" }, []string{"username"}},
		{"empty display name", func(u *thidua.User) { u.DisplayName = "" }, []string{"display_name"}},
		{"display name over 100", func(u *thidua.User) { u.DisplayName = strings.Repeat("ễ", 101) }, []string{"display_name"}},
		{"bad email", func(u *thidua.User) { u.Email = "duc.example.vn" }, []string{"email"}},
		{"email over 255", func(u *thidua.User) { u.Email = strings.Repeat("a", 250) + "@x.vn" + "x" }, []string{"email"}},
		{"no grants", func(u *thidua.User) { u.Grants = nil }, []string{"grants"}},
		{"unknown role", func(u *thidua.User) { u.Grants = []thidua.Grant{{Role: "ROOT", UnitID: 1}} }, []string{"grants"}},
		{"grant without unit", func(u *thidua.User) { u.Grants = []thidua.Grant{{Role: thidua.RoleAdmin}} }, []string{"grants"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := validUser()
			tt.modify(&u)
			checkInvalid(t, u.Validate(), tt.fields...)
		})
	}
}

func TestUserNormalize(t *testing.T) {
	u := validUser()
	u.Username = "  Nguyen.Van.Duc "
	u.DisplayName = " " + nfd("Nguyễn  Văn Đức") + " "
	u.Email = " duc@example.vn  "
	u.Normalize()
	if got, want := u.Username, "nguyen.van.duc"; got != want {
		t.Fatalf("Username=%q, want %q", got, want)
	}
	if got, want := u.DisplayName, "Nguyễn Văn Đức"; got != want {
		t.Fatalf("DisplayName=%q, want %q", got, want)
	}
	if got, want := u.Email, "duc@example.vn"; got != want {
		t.Fatalf("Email=%q, want %q", got, want)
	}
	checkInvalid(t, u.Validate())
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"empty", "", false},
		{"7 chars", "1234567", false},
		{"8 chars", "12345678", true},
		{"8 runes, more bytes", "mậtkhẩu1", true},
		{"7 runes, 8+ bytes", "mậtkhẩu", false},
		{"128 chars", strings.Repeat("a", 128), true},
		{"128 runes", strings.Repeat("ệ", 128), true},
		{"129 chars", strings.Repeat("a", 129), false},
		{"129 runes", strings.Repeat("ệ", 129), false},
		{"spaces count", "        ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := thidua.ValidatePassword(tt.pw)
			if tt.ok {
				checkInvalid(t, err)
			} else {
				checkInvalid(t, err, "password")
			}
		})
	}
}

func TestAPITokenValidate(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
	}{
		{"Máy chủ báo cáo", nil},
		{"", []string{"name"}},
		{strings.Repeat("ệ", 100), nil},
		{strings.Repeat("ệ", 101), []string{"name"}},
	}
	for _, tt := range tests {
		tok := thidua.APIToken{Name: tt.name}
		checkInvalid(t, tok.Validate(), tt.fields...)
	}
}

// ---- audit ----

func baseEntry() thidua.AuditEntry {
	return thidua.AuditEntry{
		ID:        10,
		At:        time.Date(2026, 2, 5, 8, 30, 0, 123456789, time.UTC),
		ActorID:   3,
		ActorName: "Nguyễn Văn Đức",
		IP:        "10.0.0.7",
		Action:    thidua.ActionUpdate,
		Entity:    "unit",
		EntityID:  4,
		Before:    json.RawMessage(`{"name":"Văn phòng"}`),
		After:     json.RawMessage(`{"name":"Văn phòng UBND tỉnh"}`),
	}
}

func TestAuditComputeHash(t *testing.T) {
	const prev = "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"
	base := baseEntry()
	h0 := base.ComputeHash(prev)
	if got, want := len(h0), 64; got != want {
		t.Fatalf("len(hash)=%d, want %d", got, want)
	}
	if got, want := strings.Trim(h0, "0123456789abcdef"), ""; got != want {
		t.Fatalf("hash %q has non-hex characters %q, want %q", h0, got, want)
	}
	again := baseEntry()
	if got, want := again.ComputeHash(prev), h0; got != want {
		t.Fatalf("hash not deterministic: %s, want %s", got, want)
	}

	tests := []struct {
		name   string
		prev   string
		modify func(e *thidua.AuditEntry)
	}{
		{"prev hash", "0" + prev[1:], func(e *thidua.AuditEntry) {}},
		{"empty prev hash", "", func(e *thidua.AuditEntry) {}},
		{"id", prev, func(e *thidua.AuditEntry) { e.ID = 11 }},
		{"at", prev, func(e *thidua.AuditEntry) { e.At = e.At.Add(time.Nanosecond) }},
		{"actor id", prev, func(e *thidua.AuditEntry) { e.ActorID = 4 }},
		{"actor name", prev, func(e *thidua.AuditEntry) { e.ActorName = "Nguyễn Văn Đúc" }},
		{"ip", prev, func(e *thidua.AuditEntry) { e.IP = "10.0.0.8" }},
		{"action", prev, func(e *thidua.AuditEntry) { e.Action = thidua.ActionDelete }},
		{"entity", prev, func(e *thidua.AuditEntry) { e.Entity = "person" }},
		{"entity id", prev, func(e *thidua.AuditEntry) { e.EntityID = 5 }},
		{"before", prev, func(e *thidua.AuditEntry) { e.Before = json.RawMessage(`{"name":"Văn phòng 2"}`) }},
		{"before removed", prev, func(e *thidua.AuditEntry) { e.Before = nil }},
		{"after", prev, func(e *thidua.AuditEntry) { e.After = json.RawMessage(`{"name":"VP"}`) }},
		{"after removed", prev, func(e *thidua.AuditEntry) { e.After = nil }},
		// Field boundaries must matter: moving text between adjacent fields
		// must not give the same hash.
		{"shift actor name into ip", prev, func(e *thidua.AuditEntry) {
			e.ActorName = "Nguyễn Văn Đức1"
			e.IP = "0.0.0.7"
		}},
		{"shift action into entity", prev, func(e *thidua.AuditEntry) {
			e.Action = "updateu"
			e.Entity = "nit"
		}},
		{"swap before and after", prev, func(e *thidua.AuditEntry) { e.Before, e.After = e.After, e.Before }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := baseEntry()
			tt.modify(&e)
			if got := e.ComputeHash(tt.prev); got == h0 {
				t.Fatalf("ComputeHash=%s, want a hash other than %s", got, h0)
			}
		})
	}
}

func TestAuditComputeHashIgnoresZoneAndStoredHash(t *testing.T) {
	const prev = "abc"
	base := baseEntry()
	h0 := base.ComputeHash(prev)
	tests := []struct {
		name   string
		modify func(e *thidua.AuditEntry)
	}{
		{"same instant in Vietnam time", func(e *thidua.AuditEntry) { e.At = e.At.In(thidua.VietnamZone) }},
		{"stored hash fields", func(e *thidua.AuditEntry) { e.Hash = "x"; e.PrevHash = "y" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := baseEntry()
			tt.modify(&e)
			if got, want := e.ComputeHash(prev), h0; got != want {
				t.Fatalf("ComputeHash=%s, want %s", got, want)
			}
		})
	}
}

func TestAuditChain(t *testing.T) {
	// Build a chain of three entries and check that altering the middle one
	// breaks the link to the next.
	entries := []thidua.AuditEntry{baseEntry(), baseEntry(), baseEntry()}
	prev := ""
	for i := range entries {
		entries[i].ID = int64(i + 1)
		entries[i].PrevHash = prev
		entries[i].Hash = entries[i].ComputeHash(prev)
		prev = entries[i].Hash
	}
	for i, e := range entries {
		if got, want := e.ComputeHash(e.PrevHash), e.Hash; got != want {
			t.Fatalf("entry %d hash=%s, want %s", i, got, want)
		}
	}
	entries[1].ActorName = "Kẻ giả mạo"
	if got := entries[1].ComputeHash(entries[1].PrevHash); got == entries[1].Hash {
		t.Fatalf("tampered entry hash=%s, want a different hash", got)
	}
}
