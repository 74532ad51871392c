// Package demo loads a demonstration office into an empty database: the unit
// tree of a provincial People's Committee Office (Văn phòng UBND tỉnh) with
// the provincial emulation authority (Ban Thi đua – Khen thưởng, Sở Nội vụ),
// about forty people, one account for every role, and the office's 2021
// election campaign (Kế hoạch số 248/KH-VPUBND) registered, reported on and
// partly scored, waiting in the evaluating state.
//
// The data is fixed (no randomness) so that tests and screenshots are stable.
// Everything goes through the service methods, so it is validated and
// audited like data entered by hand. The passwords are printed at start and
// are meant for demonstrations only.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"thidua"
	"thidua/passwd"
)

// Store is what loading needs; *sqldb.DB satisfies it.
type Store interface {
	thidua.UnitService
	thidua.PersonService
	thidua.UserService
	thidua.CampaignService
	// FindUserByUsername returns an account with its grants (thidua.AuthStore).
	FindUserByUsername(ctx context.Context, username string) (*thidua.User, error)
}

// Account is a demo login printed at start.
type Account struct {
	Username string
	Password string
	Role     thidua.Role
	UnitName string
}

// ErrNotEmpty is returned by Load when the database already holds units.
var ErrNotEmpty = errors.New("demo: the database already holds units; demo data loads only into an empty database")

// errNotSystem is returned when Load is called without a system context.
var errNotSystem = errors.New("demo: Load needs a context made by thidua.NewSystemContext")

// unitSpec describes a demo unit; parent names the key of its parent unit
// ("" for the root).
type unitSpec struct {
	key, parent  string
	name, abbrev string
	kind         string
}

// Unit keys, used to attach people and grants.
const (
	kRoot = "ubnd"
	kVP   = "vp"
	kHCTC = "hctc"
	kVTLT = "vtlt"
	kTH   = "th"
	kKT   = "kt"
	kKGVX = "kgvx"
	kNC   = "nc"
	kTTCB = "ttcb"
	kSNV  = "snv"
	kTDKT = "tdkt"
	kSTP  = "stp"
	kSTC  = "stc"
)

// units are created in this order; a parent always comes before its children.
var units = []unitSpec{
	{kRoot, "", "Ủy ban nhân dân tỉnh", "UBND", thidua.UnitProvince},
	{kVP, kRoot, "Văn phòng UBND tỉnh", "VPUBND", thidua.UnitAgency},
	{kHCTC, kVP, "Phòng Hành chính – Tổ chức", "HCTC", thidua.UnitDepartment},
	{kVTLT, kHCTC, "Tổ Văn thư – Lưu trữ", "VTLT", thidua.UnitTeam},
	{kTH, kVP, "Phòng Tổng hợp", "TH", thidua.UnitDepartment},
	{kKT, kVP, "Phòng Kinh tế", "KT", thidua.UnitDepartment},
	{kKGVX, kVP, "Phòng Khoa giáo – Văn xã", "KGVX", thidua.UnitDepartment},
	{kNC, kVP, "Phòng Nội chính", "NC", thidua.UnitDepartment},
	{kTTCB, kVP, "Trung tâm Thông tin – Công báo", "TTCB", thidua.UnitDepartment},
	{kSNV, kRoot, "Sở Nội vụ", "SNV", thidua.UnitAgency},
	{kTDKT, kSNV, "Ban Thi đua – Khen thưởng", "BTĐKT", thidua.UnitDepartment},
	// The province's second level (issue 17): agencies directly under UBND
	// tỉnh besides the Văn phòng, added after the units above so their IDs stay.
	{kSTP, kRoot, "Sở Tư pháp", "STP", thidua.UnitAgency},
	{kSTC, kRoot, "Sở Tài chính", "STC", thidua.UnitAgency},
}

// personSpec describes a demo person. Dates are written yyyy-mm-dd.
type personSpec struct {
	key      string // non-empty for people linked to an account
	unit     string
	name     string
	gender   string
	birth    string
	start    string
	position string
	category string
	leader   bool
	retired  bool
}

const (
	nam = thidua.GenderMale
	nu  = thidua.GenderFemale

	congChuc = thidua.CategoryCongChuc
	vienChuc = thidua.CategoryVienChuc
	nguoiLD  = thidua.CategoryNguoiLD
)

// Person keys, used to link accounts.
const (
	pOfficer  = "officer"
	pHeadHCTC = "head-hctc"
	pCouncil  = "council"
	pEditor   = "editor"
	pStaff    = "staff"
)

// people lists the demo people unit by unit. The given names include pairs
// that only Vietnamese collation orders correctly (Anh < Ánh < Ân, Dũng <
// Duy < Đạt < Đức < Đông) and repeated given names (two Anh, two Bình, two
// Đạt, two Hà) so that the family and middle names decide.
var people = []personSpec{
	// Lãnh đạo Văn phòng.
	{"", kVP, "Trần Quốc Bình", nam, "1968-03-12", "1992-09-01", "Chánh Văn phòng", congChuc, true, false},
	{pCouncil, kVP, "Lê Thị Hạnh", nu, "1972-07-25", "1996-08-15", "Phó Chánh Văn phòng", congChuc, true, false},
	{"", kVP, "Phạm Minh Đức", nam, "1975-11-02", "1998-10-01", "Phó Chánh Văn phòng", congChuc, true, false},
	{"", kVP, "Huỳnh Thiên Ân", nam, "1977-04-18", "2001-03-01", "Phó Chánh Văn phòng", congChuc, true, false},

	// Phòng Hành chính – Tổ chức.
	{pHeadHCTC, kHCTC, "Võ Thanh Tùng", nam, "1974-05-20", "1999-07-01", "Trưởng phòng", congChuc, true, false},
	{"", kHCTC, "Đặng Thị Thu Hà", nu, "1980-09-09", "2004-02-01", "Phó Trưởng phòng", congChuc, true, false},
	{pOfficer, kHCTC, "Nguyễn Ngọc Ánh", nu, "1988-12-03", "2011-05-16", "Chuyên viên phụ trách công tác thi đua – khen thưởng", congChuc, false, false},
	{"", kHCTC, "Bùi Văn Đạt", nam, "1990-06-14", "2014-03-01", "Chuyên viên, kế toán", congChuc, false, false},
	{"", kHCTC, "Hồ Văn Lực", nam, "1979-02-27", "2005-06-01", "Lái xe", nguoiLD, false, false},
	{"", kHCTC, "Ngô Minh Tâm", nam, "1983-10-10", "2008-01-02", "Bảo vệ", nguoiLD, false, false},
	{"", kHCTC, "Dương Thị Mai", nu, "1986-08-08", "2010-09-01", "Nhân viên phục vụ", nguoiLD, false, false},
	{"", kHCTC, "Phan Văn Thắng", nam, "1965-01-15", "1987-03-01", "Lái xe", nguoiLD, false, true},

	// Tổ Văn thư – Lưu trữ.
	{"", kVTLT, "Trần Thị Thư", nu, "1982-03-30", "2006-10-01", "Tổ trưởng Tổ Văn thư – Lưu trữ", congChuc, true, false},
	{"", kVTLT, "Lê Thị Yến", nu, "1992-01-21", "2016-04-01", "Văn thư viên", congChuc, false, false},
	{"", kVTLT, "Vũ Thị Lan Anh", nu, "1994-05-05", "2018-08-01", "Lưu trữ viên", congChuc, false, false},

	// Phòng Tổng hợp.
	{"", kTH, "Nguyễn Hữu Dũng", nam, "1976-02-14", "2000-09-01", "Trưởng phòng", congChuc, true, false},
	{"", kTH, "Hoàng Thị Bích Ngọc", nu, "1981-06-30", "2005-03-15", "Phó Trưởng phòng", congChuc, true, false},
	{pStaff, kTH, "Phan Tuấn Anh", nam, "1989-09-19", "2013-02-01", "Chuyên viên", congChuc, false, false},
	{"", kTH, "Đỗ Thị Phương", nu, "1991-12-12", "2015-07-01", "Chuyên viên", congChuc, false, false},
	{"", kTH, "Trần Minh Duy", nam, "1995-03-08", "2019-10-01", "Chuyên viên", congChuc, false, false},

	// Phòng Kinh tế.
	{"", kKT, "Lê Văn Thành", nam, "1973-08-17", "1997-12-01", "Trưởng phòng", congChuc, true, false},
	{"", kKT, "Nguyễn Thị Hồng Nhung", nu, "1979-04-04", "2003-06-01", "Phó Trưởng phòng", congChuc, true, false},
	{"", kKT, "Đặng Quốc Bảo", nam, "1985-11-25", "2009-09-01", "Chuyên viên chính", congChuc, false, false},
	{"", kKT, "Võ Thị Kim Oanh", nu, "1987-07-07", "2012-01-03", "Chuyên viên", congChuc, false, false},
	{"", kKT, "Bùi Đức Huy", nam, "1993-02-11", "2017-05-02", "Chuyên viên", congChuc, false, false},

	// Phòng Khoa giáo – Văn xã.
	{"", kKGVX, "Phạm Thị Uyên", nu, "1978-10-21", "2002-08-01", "Trưởng phòng", congChuc, true, false},
	{"", kKGVX, "Hồ Sỹ Nguyên", nam, "1982-05-16", "2007-04-01", "Phó Trưởng phòng", congChuc, true, false},
	{"", kKGVX, "Lý Thị Vân", nu, "1990-01-29", "2014-11-03", "Chuyên viên", congChuc, false, false},
	{"", kKGVX, "Ngô Thanh Sơn", nam, "1996-06-06", "2020-12-01", "Chuyên viên", congChuc, false, false},

	// Phòng Nội chính.
	{"", kNC, "Dương Văn Khánh", nam, "1971-09-03", "1995-10-01", "Trưởng phòng", congChuc, true, false},
	{"", kNC, "Trần Thị Ngọc Hân", nu, "1983-12-24", "2008-07-01", "Phó Trưởng phòng", congChuc, true, false},
	{"", kNC, "Nguyễn Đình Quân", nam, "1988-03-03", "2012-09-04", "Chuyên viên chính", congChuc, false, false},
	{"", kNC, "Huỳnh Thị Thu Trang", nu, "1992-08-18", "2016-10-03", "Chuyên viên", congChuc, false, false},

	// Trung tâm Thông tin – Công báo (đơn vị sự nghiệp: viên chức).
	{"", kTTCB, "Vũ Đình Long", nam, "1977-01-09", "2001-09-01", "Giám đốc Trung tâm", vienChuc, true, false},
	{"", kTTCB, "Lê Thị Ánh Tuyết", nu, "1984-04-14", "2008-03-01", "Phó Giám đốc Trung tâm", vienChuc, true, false},
	{pEditor, kTTCB, "Đỗ Hoàng Nam", nam, "1990-10-30", "2014-06-02", "Biên tập viên", vienChuc, false, false},
	{"", kTTCB, "Phan Thu Hà", nu, "1994-07-22", "2018-02-01", "Biên tập viên", vienChuc, false, false},
	{"", kTTCB, "Hoàng Văn Đông", nam, "1997-11-11", "2021-04-01", "Kỹ thuật viên quản trị mạng", vienChuc, false, false},

	// Sở Nội vụ – Ban Thi đua – Khen thưởng.
	{"", kTDKT, "Nguyễn Văn Phúc", nam, "1970-02-02", "1994-09-01", "Trưởng ban", congChuc, true, false},
	{"", kTDKT, "Trần Thị Thanh Bình", nu, "1980-03-15", "2004-09-01", "Phó Trưởng ban", congChuc, true, false},
	{"", kTDKT, "Võ Minh Đạt", nam, "1991-09-09", "2015-10-01", "Chuyên viên", congChuc, false, false},
	{"", kTDKT, "Đinh Thị Hương", nu, "1993-05-27", "2017-08-01", "Chuyên viên", congChuc, false, false},

	// The province's second level, after the people above so their IDs stay:
	// the provincial chairman, Sở Tư pháp and Sở Tài chính.
	{"", kRoot, "Hà Văn Nghĩa", nam, "1966-08-19", "1990-09-01", "Chủ tịch UBND tỉnh", congChuc, true, false},
	{"", kSTP, "Đoàn Văn Hiếu", nam, "1969-04-11", "1993-10-01", "Giám đốc Sở", congChuc, true, false},
	{"", kSTP, "Trịnh Thị Thu", nu, "1978-12-05", "2002-03-01", "Phó Giám đốc Sở", congChuc, true, false},
	{"", kSTP, "Mạc Văn Toàn", nam, "1990-02-20", "2014-08-01", "Chuyên viên", congChuc, false, false},
	{"", kSTC, "Lương Thị Kim Dung", nu, "1971-06-23", "1995-07-01", "Giám đốc Sở", congChuc, true, false},
	{"", kSTC, "Tạ Quang Vinh", nam, "1976-09-14", "2000-11-01", "Phó Giám đốc Sở", congChuc, true, false},
	{"", kSTC, "Kiều Thị Ngân", nu, "1992-03-03", "2016-05-03", "Chuyên viên", congChuc, false, false},
}

// accountSpec describes a demo account: its role is granted on unit, and it
// is linked to the person with key person ("" for none).
type accountSpec struct {
	username, password string
	role               thidua.Role
	unit               string
	person             string
	displayName        string // used when person is ""
}

// accounts holds one account per role, in the order of thidua.Roles.
var accounts = []accountSpec{
	{"admin", "Demo@2026-quantri", thidua.RoleAdmin, kRoot, "", "Quản trị hệ thống"},
	{"thiduakt", "Demo@2026-thidua", thidua.RoleOfficer, kVP, pOfficer, ""},
	{"truongphonghc", "Demo@2026-truongphong", thidua.RoleUnitHead, kHCTC, pHeadHCTC, ""},
	{"hoidong", "Demo@2026-hoidong", thidua.RoleCouncil, kVP, pCouncil, ""},
	{"bientap", "Demo@2026-bientap", thidua.RoleEditor, kTTCB, pEditor, ""},
	{"canhan", "Demo@2026-canhan", thidua.RoleStaff, kTH, pStaff, ""},
}

// Atomic is a Store that can run a unit of work in one transaction: fn
// gets a store of the same kind (a Store) whose every method works inside
// it, committed only when fn returns nil. *sqldb.DB is one.
type Atomic interface {
	Atomically(ctx context.Context, fn func(s any) error) error
}

// Load creates the demo units, people, one account per role and the demo
// campaign (CampaignTitle, left in the evaluating state), and returns the
// accounts with their plain-text passwords. ctx must be made by
// thidua.NewSystemContext. Load returns ErrNotEmpty, changing nothing, if any
// unit already exists. When s is Atomic (the database is) everything is
// written in one transaction: if a step fails, or the process dies midway,
// the database stays empty.
func Load(ctx context.Context, s Store) ([]Account, error) {
	if !thidua.IsSystemContext(ctx) {
		return nil, errNotSystem
	}
	a, ok := s.(Atomic)
	if !ok {
		return load(ctx, s)
	}
	var out []Account
	err := a.Atomically(ctx, func(tx any) error {
		ts, ok := tx.(Store)
		if !ok {
			return fmt.Errorf("demo: the transaction's store %T is not a demo.Store", tx)
		}
		var err error
		out, err = load(ctx, ts)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func load(ctx context.Context, s Store) ([]Account, error) {
	existing, _, err := s.FindUnits(ctx, thidua.UnitFilter{Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("demo: check for units: %w", err)
	}
	if len(existing) > 0 {
		return nil, ErrNotEmpty
	}

	// Hash first: a failure here leaves the database untouched.
	hashes := make([]string, len(accounts))
	for i, a := range accounts {
		if err := thidua.ValidatePassword(a.password); err != nil {
			return nil, fmt.Errorf("demo: password of %s: %w", a.username, err)
		}
		if hashes[i], err = passwd.Hash(a.password); err != nil {
			return nil, fmt.Errorf("demo: hash password of %s: %w", a.username, err)
		}
	}

	unitByKey := make(map[string]*thidua.Unit, len(units))
	for _, spec := range units {
		u := &thidua.Unit{Name: spec.name, Abbrev: spec.abbrev, Kind: spec.kind, Active: true}
		if spec.parent != "" {
			parent, ok := unitByKey[spec.parent]
			if !ok {
				return nil, fmt.Errorf("demo: unit %q: parent %q not created yet", spec.name, spec.parent)
			}
			u.ParentID = parent.ID
		}
		if err := s.CreateUnit(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: create unit %q: %w", spec.name, err)
		}
		unitByKey[spec.key] = u
	}

	personByKey := map[string]*thidua.Person{}
	personByName := make(map[string]*thidua.Person, len(people))
	for _, spec := range people {
		p, err := spec.person(unitByKey)
		if err != nil {
			return nil, err
		}
		if err := s.CreatePerson(ctx, p); err != nil {
			return nil, fmt.Errorf("demo: create person %q: %w", spec.name, err)
		}
		personByName[spec.name] = p
		if spec.key != "" {
			personByKey[spec.key] = p
		}
	}

	out := make([]Account, 0, len(accounts))
	for i, a := range accounts {
		unit := unitByKey[a.unit]
		u := &thidua.User{
			Username:     a.username,
			DisplayName:  a.displayName,
			Grants:       []thidua.Grant{{Role: a.role, UnitID: unit.ID}},
			PasswordHash: hashes[i],
		}
		if a.person != "" {
			p, ok := personByKey[a.person]
			if !ok {
				return nil, fmt.Errorf("demo: account %s: no person %q", a.username, a.person)
			}
			u.PersonID, u.DisplayName = p.ID, p.FullName
		}
		if err := s.CreateUser(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: create account %s: %w", a.username, err)
		}
		out = append(out, Account{Username: a.username, Password: a.password, Role: a.role, UnitName: unit.Name})
	}

	if err := loadCampaign(ctx, s, unitByKey, personByName); err != nil {
		return nil, err
	}
	if err := loadArticles(ctx, s); err != nil {
		return nil, err
	}
	if err := loadHistories(ctx, s, unitByKey, personByName); err != nil {
		return nil, err
	}
	if err := loadCouncil(ctx, s, unitByKey, personByName); err != nil {
		return nil, err
	}
	if err := loadProposal(ctx, s, unitByKey); err != nil {
		return nil, err
	}
	if err := loadProvince(ctx, s, unitByKey, personByName); err != nil {
		return nil, err
	}
	// Last: the bloc takes every agency the steps above created.
	if err := loadCluster(ctx, s); err != nil {
		return nil, err
	}
	// After everything else, so that the IDs above stay: the Office's
	// Bằng khen climbs to the province.
	if err := loadLadder(ctx, s, unitByKey, personByName); err != nil {
		return nil, err
	}
	// Last, so that the IDs above stay: the bloc's year is reviewed and
	// concluded, the Office leading it.
	if err := loadClusterYear(ctx, s, personByName); err != nil {
		return nil, err
	}
	return out, nil
}

// person builds the thidua.Person described by spec.
func (spec personSpec) person(unitByKey map[string]*thidua.Unit) (*thidua.Person, error) {
	unit, ok := unitByKey[spec.unit]
	if !ok {
		return nil, fmt.Errorf("demo: person %q: no unit %q", spec.name, spec.unit)
	}
	birth, err := isoDate(spec.birth)
	if err != nil {
		return nil, fmt.Errorf("demo: person %q: %w", spec.name, err)
	}
	start, err := isoDate(spec.start)
	if err != nil {
		return nil, fmt.Errorf("demo: person %q: %w", spec.name, err)
	}
	status := thidua.PersonActive
	if spec.retired {
		status = thidua.PersonRetired
	}
	return &thidua.Person{
		FullName:  spec.name,
		Gender:    spec.gender,
		BirthDate: birth,
		Position:  spec.position,
		Category:  spec.category,
		IsLeader:  spec.leader,
		UnitID:    unit.ID,
		StartDate: start,
		Status:    status,
	}, nil
}

func isoDate(s string) (thidua.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return thidua.Date{}, err
	}
	return thidua.NewDate(t.Year(), t.Month(), t.Day()), nil
}
