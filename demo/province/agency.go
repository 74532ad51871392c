package province

import (
	"context"
	"fmt"
	"strings"

	"thidua"
	"thidua/passwd"
)

// AgencyPassword is the password of every agency's generated accounts:
// its emulation officer thiduaNN and its council's members hdNN-1…hdNN-3
// and secretary tkNN, where NN is the agency's place (01 Văn phòng UBND
// tỉnh, 02 Sở Nội vụ, …, then the districts).
const AgencyPassword = "Tinh@2026-coquan"

// agency is an agency's own emulation office (ladder of authorities, each
// award decided at its level): the officer who receives, appraises and
// decides its units' proposals, its council and the council's members.
// A grant on the province does not act on an agency's proposals, so each
// agency that proposes gets one, made when it first proposes.
type agency struct {
	unit      *thidua.Unit
	officer   context.Context
	council   *thidua.Council
	members   []string // usernames of the voting members, the chair first
	head      string   // the agency head's name, who signs its decisions
	post      string   // and the post
	authority string   // the authority named on them
}

// agencyOf returns the agency of u, the nearest unit of kind AGENCY at or
// above it, with its office made on first use.
func (g *gen) agencyOf(u *thidua.Unit) (*agency, error) {
	for u != nil && u.Kind != thidua.UnitAgency {
		u = g.byID[u.ParentID]
	}
	if u == nil {
		return nil, fmt.Errorf("unit outside every agency")
	}
	if a := g.agencies[u.ID]; a != nil {
		return a, nil
	}
	k := 0
	for i, d := range g.depts {
		if d.ID == u.ID {
			k = i + 1
		}
	}
	if g.agencyHash == "" {
		h, err := passwd.Hash(AgencyPassword)
		if err != nil {
			return nil, err
		}
		g.agencyHash = h
	}
	a := &agency{unit: u, head: "Nguyễn Văn An", post: "GIÁM ĐỐC", authority: "GIÁM ĐỐC " + strings.ToUpper(u.Name)}
	switch {
	case strings.HasPrefix(u.Name, "UBND "):
		a.post, a.authority = "CHỦ TỊCH", "CHỦ TỊCH "+strings.ToUpper(u.Name)
	case strings.HasPrefix(u.Name, "Văn phòng"):
		a.post, a.authority = "CHÁNH VĂN PHÒNG", "CHÁNH "+strings.ToUpper(u.Name)
	case strings.HasPrefix(u.Name, "Thanh tra"):
		a.post, a.authority = "CHÁNH THANH TRA", "CHÁNH "+strings.ToUpper(u.Name)
	case strings.HasPrefix(u.Name, "Ban "):
		a.post, a.authority = "TRƯỞNG BAN", "TRƯỞNG "+strings.ToUpper(u.Name)
	}
	people := g.byUnit[u.ID]
	for _, i := range people {
		if g.people[i].leader {
			a.head = g.people[i].name
			break
		}
	}
	mk := func(username string, role thidua.Role, person int) (*thidua.User, error) {
		usr := &thidua.User{Username: username, DisplayName: username, PasswordHash: g.agencyHash,
			Grants: []thidua.Grant{{Role: role, UnitID: u.ID}}}
		if person >= 0 {
			usr.PersonID, usr.DisplayName = g.people[person].id, g.people[person].name
		}
		if err := g.db.CreateUser(g.sys, usr); err != nil {
			return nil, fmt.Errorf("%s: %w", username, err)
		}
		g.users[username] = usr
		g.ctxs[username] = thidua.NewContextWithUser(detached{g.sys}, usr)
		return usr, nil
	}
	// The officer is the agency's last person (its office's staff come
	// later in the batch); the council's members have no person of their
	// own, so that none votes on their own nomination.
	person := -1
	if len(people) > 0 {
		person = people[len(people)-1]
	}
	officer, err := mk(fmt.Sprintf("thidua%02d", k), thidua.RoleOfficer, person)
	if err != nil {
		return nil, err
	}
	a.officer = g.ctxs[officer.Username]
	c := &thidua.Council{UnitID: u.ID, Name: "Hội đồng Thi đua – Khen thưởng " + u.Name, From: thidua.NewDate(g.last-10, 1, 1),
		MinPresent: 2.0 / 3.0, MinPresentAward: 0.8}
	for m := range 4 {
		name, role := fmt.Sprintf("hd%02d-%d", k, m+1), "MEMBER"
		switch m {
		case 0:
			role = "CHAIR"
		case 3:
			name, role = fmt.Sprintf("tk%02d", k), "SECRETARY"
		}
		usr, err := mk(name, thidua.RoleCouncil, -1)
		if err != nil {
			return nil, err
		}
		if role != "SECRETARY" {
			a.members = append(a.members, name)
		}
		c.Members = append(c.Members, thidua.CouncilMember{UserID: usr.ID, Role: role})
	}
	if err := g.db.CreateCouncil(a.officer, c); err != nil {
		return nil, fmt.Errorf("council of %s: %w", u.Name, err)
	}
	g.n.Councils++
	a.council = c
	g.agencies[u.ID] = a
	return a, nil
}
