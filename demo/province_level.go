package demo

import (
	"context"
	"fmt"

	"thidua"
	"thidua/passwd"
)

// The province's level of the ladder (package ladder): the emulation
// officer of the province's Ban Thi đua – Khen thưởng (Sở Nội vụ), whose
// grant is on UBND tỉnh, so that proposals addressed to the province reach
// them, and the provincial council (Hội đồng Thi đua – Khen thưởng tỉnh),
// chaired by the provincial chairman, with the head of the Ban as its
// standing member, the heads of Sở Tư pháp and Sở Tài chính as members
// and a secretary of the Ban.

// ProvinceCouncilName is the provincial council's name.
const ProvinceCouncilName = "Hội đồng Thi đua – Khen thưởng tỉnh"

// ProvinceOfficer is the province's emulation officer's account.
var ProvinceOfficer = Account{Username: "thiduatinh", Password: "Demo@2026-thiduatinh", Role: thidua.RoleOfficer, UnitName: "Ủy ban nhân dân tỉnh"}

// provinceOfficerPerson is the person of ProvinceOfficer.
const provinceOfficerPerson = "Võ Minh Đạt"

// provinceMembers are the provincial council's members.
var provinceMembers = []councilMember{
	{"chutichtinh", "Demo@2026-chutichtinh", "Hà Văn Nghĩa", "CHAIR"},
	{"truongbantdkt", "Demo@2026-truongban", "Nguyễn Văn Phúc", "STANDING"},
	{"giamdocstp", "Demo@2026-giamdocstp", "Đoàn Văn Hiếu", "MEMBER"},
	{"giamdocstc", "Demo@2026-giamdocstc", "Lương Thị Kim Dung", "MEMBER"},
	{"thukyhdtinh", "Demo@2026-thukytinh", "Trần Thị Thanh Bình", "SECRETARY"},
}

// ProvinceAccounts are the accounts of the province's level that Load
// creates: the officer first, then the provincial council's members.
var ProvinceAccounts = func() []Account {
	out := []Account{ProvinceOfficer}
	for _, m := range provinceMembers {
		out = append(out, Account{Username: m.username, Password: m.password, Role: thidua.RoleCouncil, UnitName: "Ủy ban nhân dân tỉnh"})
	}
	return out
}()

// loadProvince creates the province's accounts and council.
func loadProvince(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit, personByName map[string]*thidua.Person) error {
	cs, ok := s.(councilStore)
	if !ok {
		return nil
	}
	root := unitByKey[kRoot]
	account := func(username, password, person string, role thidua.Role) (*thidua.User, error) {
		p, ok := personByName[person]
		if !ok {
			return nil, fmt.Errorf("demo: account %s: no person %q", username, person)
		}
		hash, err := passwd.Hash(password)
		if err != nil {
			return nil, fmt.Errorf("demo: hash password of %s: %w", username, err)
		}
		u := &thidua.User{Username: username, DisplayName: p.FullName, PersonID: p.ID, PasswordHash: hash,
			Grants: []thidua.Grant{{Role: role, UnitID: root.ID}}}
		if err := s.CreateUser(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: create account %s: %w", username, err)
		}
		return u, nil
	}
	officer, err := account(ProvinceOfficer.Username, ProvinceOfficer.Password, provinceOfficerPerson, thidua.RoleOfficer)
	if err != nil {
		return err
	}
	officer, err = s.FindUserByUsername(ctx, officer.Username)
	if err != nil {
		return err
	}
	c := &thidua.Council{UnitID: root.ID, Name: ProvinceCouncilName, From: thidua.NewDate(2021, 1, 1),
		MinPresent: 2.0 / 3.0, MinPresentAward: 0.8}
	for _, m := range provinceMembers {
		u, err := account(m.username, m.password, m.person, thidua.RoleCouncil)
		if err != nil {
			return err
		}
		c.Members = append(c.Members, thidua.CouncilMember{UserID: u.ID, Role: m.role})
	}
	if err := cs.CreateCouncil(thidua.NewContextWithUser(detached{ctx}, officer), c); err != nil {
		return fmt.Errorf("demo: create the provincial council: %w", err)
	}
	return nil
}
