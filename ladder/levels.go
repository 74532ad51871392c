package ladder

import (
	"strings"

	"thidua"
)

// Level is a level of the unit tree: the province (UBND tỉnh) or an agency
// (cơ quan), each with its own council, decision register and signer.
type Level struct {
	ID   int64
	Path string
	Kind string // thidua.UnitProvince or thidua.UnitAgency
}

// Tree is the levels of a unit tree (the units of kind PROVINCE or AGENCY),
// in any order.
type Tree []Level

// Of returns the level a unit belongs to: the nearest level at or above
// the unit of this path; the zero Level when none is (a tree without
// agencies, read as one level).
func (t Tree) Of(path string) Level {
	var best Level
	for _, l := range t {
		if strings.HasPrefix(path, l.Path) && len(l.Path) > len(best.Path) {
			best = l
		}
	}
	return best
}

// Parent returns the level above lv; false at the top.
func (t Tree) Parent(lv Level) (Level, bool) {
	trimmed := strings.TrimSuffix(lv.Path, "/")
	i := strings.LastIndex(trimmed, "/")
	if i <= 0 {
		return Level{}, false
	}
	up := t.Of(trimmed[:i+1])
	return up, up.ID != 0
}

// Receiver returns the level a proposal is addressed to: the one it names
// (a proposal forwarded up), otherwise the proposing unit's own level.
func (t Tree) Receiver(p *thidua.Proposal) Level {
	if p.ToUnitID != 0 {
		return Level{ID: p.ToUnitID, Path: p.ToUnitPath}
	}
	return t.Of(p.UnitPath)
}

// Inner lists the levels strictly inside the subtree of path, other than
// lv: the lower agencies a grant on path covers but does not belong to.
func (t Tree) Inner(path string, lv Level) []string {
	var out []string
	for _, l := range t {
		if l.ID != lv.ID && strings.HasPrefix(l.Path, path) {
			out = append(out, l.Path)
		}
	}
	return out
}

// Term is the share of proposals one grant reveals: those of units under
// Under (a unit path) and not under any of Except (the lower levels inside
// it), and, when AddressedTo is set, those addressed to that level and no
// longer drafts.
type Term struct {
	Under       string
	Except      []string
	AddressedTo int64
}

// Terms returns the terms of the proposals u sees with permission perm:
// "proposals addressed to this level". A grant reveals its own level's
// proposals within its subtree and what was submitted to its level, not a
// lower agency's drafts and internal work merely because its subtree
// covers them. all is true for the system and for a system-wide role.
func (t Tree) Terms(u *thidua.User, perm thidua.Permission) (all bool, terms []Term) {
	if u == nil {
		return true, nil
	}
	if all, _ := u.Scope(perm); all {
		return true, nil
	}
	for _, g := range u.Grants {
		if !g.Role.Allows(perm) || g.UnitPath == "" || u.Disabled {
			continue
		}
		lv := t.Of(g.UnitPath)
		term := Term{Under: g.UnitPath, Except: t.Inner(g.UnitPath, lv)}
		if lv.ID != 0 && lv.Path == g.UnitPath {
			term.AddressedTo = lv.ID
		}
		terms = append(terms, term)
	}
	return false, terms
}

// Sees reports whether u may see p with permission perm, by Terms.
func (t Tree) Sees(u *thidua.User, perm thidua.Permission, p *thidua.Proposal) bool {
	all, terms := t.Terms(u, perm)
	if all {
		return true
	}
	for _, term := range terms {
		if term.AddressedTo != 0 && term.AddressedTo == p.ToUnitID && p.State != thidua.ProposalDraft {
			return true
		}
		if term.covers(p.UnitPath) {
			return true
		}
	}
	return false
}

// SeesUnit reports whether u may see with perm what belongs to the unit of
// path (its council, meetings and votes): a grant of the unit's own level
// that covers it.
func (t Tree) SeesUnit(u *thidua.User, perm thidua.Permission, path string) bool {
	all, terms := t.Terms(u, perm)
	if all {
		return true
	}
	for _, term := range terms {
		if term.covers(path) {
			return true
		}
	}
	return false
}

func (term Term) covers(path string) bool {
	if !strings.HasPrefix(path, term.Under) {
		return false
	}
	for _, x := range term.Except {
		if strings.HasPrefix(path, x) {
			return false
		}
	}
	return true
}

// Acts reports whether u may act on p with perm: registering rights
// (drafting, submitting, the dossier) belong to the proposing unit's side,
// at its level; the other actions (receiving, appraising, the council) to
// the level the proposal is addressed to, by a grant of that level.
func (t Tree) Acts(u *thidua.User, perm thidua.Permission, p *thidua.Proposal) bool {
	if u == nil {
		return true
	}
	if all, _ := u.Scope(perm); all {
		return true
	}
	target, lv := p.UnitPath, t.Of(p.UnitPath)
	if perm != thidua.PermRegister && p.ToUnitID != 0 {
		target, lv = p.ToUnitPath, Level{ID: p.ToUnitID, Path: p.ToUnitPath}
	}
	for _, g := range u.Grants {
		if g.Role.Allows(perm) && !u.Disabled && g.UnitPath != "" && strings.HasPrefix(target, g.UnitPath) && t.Of(g.UnitPath).ID == lv.ID {
			return true
		}
	}
	return false
}
