// Package levels gives package sqldb the ladder of authorities' scope
// rules (package ladder) as SQL and checks: "proposals addressed to this
// level". It reads the levels of the unit tree (the province and the
// agencies) in the caller's transaction and writes nothing but the
// mirrored steps of a forwarded proposal on the lower one's timeline.
package levels

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"thidua"
	"thidua/ladder"
)

// Queryer runs queries: a *sql.Tx or *sql.DB.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Load reads the levels of the unit tree: about one unit in four in a
// province (its 200 units hold some 50 agencies), so it stays small.
func Load(ctx context.Context, q Queryer) (ladder.Tree, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, path, kind FROM units WHERE kind IN ($1, $2)`, thidua.UnitProvince, thidua.UnitAgency)
	if err != nil {
		return nil, fmt.Errorf("levels: load: %w", err)
	}
	defer rows.Close()
	var t ladder.Tree
	for rows.Next() {
		var l ladder.Level
		if err := rows.Scan(&l.ID, &l.Path, &l.Kind); err != nil {
			return nil, err
		}
		t = append(t, l)
	}
	return t, rows.Err()
}

func user(ctx context.Context) (*thidua.User, error) {
	if u := thidua.UserFromContext(ctx); u != nil {
		return u, nil
	}
	if thidua.IsSystemContext(ctx) {
		return nil, nil
	}
	return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
}

// ProposalScope returns the SQL predicate of the proposals the user in ctx
// sees with perm, over the columns u.path (the proposing unit), p.state
// and pl.to_unit_id (the level a forwarded proposal is addressed to), with
// args numbered from len(args)+1.
func ProposalScope(ctx context.Context, q Queryer, perm thidua.Permission, args []any) (string, []any, error) {
	s, err := For(ctx, q)
	if err != nil {
		return "", nil, err
	}
	where, args := s.Proposals(perm, args)
	return where, args, nil
}

// UnitScope is ProposalScope for what belongs to a unit (councils): the
// column pathCol is the unit's path.
func UnitScope(ctx context.Context, q Queryer, perm thidua.Permission, pathCol string, args []any) (string, []any, error) {
	s, err := For(ctx, q)
	if err != nil {
		return "", nil, err
	}
	where, args := s.Units(perm, pathCol, args)
	return where, args, nil
}

// Scoper writes the scope predicates of one user over one load of the
// levels, for a statement with several scoped parts (the inbox's tasks).
type Scoper struct {
	tree ladder.Tree
	user *thidua.User
}

// For returns the Scoper of the user in ctx (the system sees everything).
func For(ctx context.Context, q Queryer) (*Scoper, error) {
	u, err := user(ctx)
	if err != nil {
		return nil, err
	}
	t, err := Load(ctx, q)
	if err != nil {
		return nil, err
	}
	return &Scoper{tree: t, user: u}, nil
}

// Proposals is ProposalScope: the proposals seen with perm (ladder.Tree.Sees).
func (s *Scoper) Proposals(perm thidua.Permission, args []any) (string, []any) {
	return s.scope(perm, "u.path", seeing, args)
}

// Acting is the predicate of the proposals the user acts on with perm
// other than registering (receiving, appraising, the council), over the
// columns of ProposalScope: those addressed to a level the user holds a
// grant of, by ladder.Tree.Acts.
func (s *Scoper) Acting(perm thidua.Permission, args []any) (string, []any) {
	return s.scope(perm, "u.path", acting, args)
}

// Units is UnitScope: what belongs to a unit, seen with perm
// (ladder.Tree.SeesUnit).
func (s *Scoper) Units(perm thidua.Permission, pathCol string, args []any) (string, []any) {
	return s.scope(perm, pathCol, units, args)
}

type scopeKind int

const (
	units scopeKind = iota
	seeing
	acting
)

func (s *Scoper) scope(perm thidua.Permission, pathCol string, kind scopeKind, args []any) (string, []any) {
	all, terms := s.tree.Terms(s.user, perm)
	if all {
		return "1 = 1", args
	}
	if len(terms) == 0 {
		return "1 = 0", args
	}
	mark := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var ors []string
	for _, term := range terms {
		and := []string{pathCol + " LIKE " + mark(term.Under+"%")}
		for _, x := range term.Except {
			and = append(and, pathCol+" NOT LIKE "+mark(x+"%"))
		}
		if kind == acting {
			// A proposal addressed up is acted on by the upper level only.
			and = append(and, "pl.to_unit_id IS NULL")
		}
		or := "(" + strings.Join(and, " AND ") + ")"
		switch {
		case kind == seeing && term.AddressedTo != 0:
			or = "(" + or + " OR (pl.to_unit_id = " + mark(term.AddressedTo) + " AND p.state <> " + mark(thidua.ProposalDraft) + "))"
		case kind == acting && term.AddressedTo != 0:
			or = "(" + or + " OR pl.to_unit_id = " + mark(term.AddressedTo) + ")"
		}
		ors = append(ors, or)
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// DecisionScope returns the SQL predicate of the decisions the user in ctx
// sees with perm, over u.path (the deciding unit) and d.state: an issued
// decision is a public act, seen across the grant's subtree; a draft only
// by a grant of its unit's own level (UnitScope), not by a higher level
// whose subtree merely covers it.
func DecisionScope(ctx context.Context, q Queryer, perm thidua.Permission) (string, []any, error) {
	s, err := For(ctx, q)
	if err != nil {
		return "", nil, err
	}
	if s.user == nil {
		return "1 = 1", nil, nil
	}
	all, paths := s.user.Scope(perm)
	own, args := s.Units(perm, "u.path", nil)
	if all {
		return "1 = 1", nil, nil
	}
	var ors []string
	for _, p := range paths {
		args = append(args, p+"%")
		ors = append(ors, fmt.Sprintf("u.path LIKE $%d", len(args)))
	}
	if len(ors) == 0 {
		return own, args, nil
	}
	args = append(args, thidua.DecisionDraft)
	return fmt.Sprintf("(%s OR ((%s) AND d.state <> $%d))", own, strings.Join(ors, " OR "), len(args)), args, nil
}

// DeleteFile deletes the row of the proposal file f and clears f.Key when
// another proposal_files row still references the stored bytes (a
// proposal forwarded up carries the lower proposal's files under the same
// keys), so that the caller keeps them. Run it in the deleting transaction.
func DeleteFile(ctx context.Context, q Queryer, f *thidua.ProposalFile) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM proposal_files WHERE id = $1`, f.ID); err != nil {
		return fmt.Errorf("levels: delete file: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT 1 FROM proposal_files WHERE storage_key = $1 LIMIT 1`, f.Key)
	if err != nil {
		return fmt.Errorf("levels: shared key: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		f.Key = ""
	}
	return rows.Err()
}

// Check returns an error unless the user in ctx sees p (ENOTFOUND) and
// may act on it with perm (EFORBIDDEN), by ladder.Tree.Sees and Acts.
func Check(ctx context.Context, q Queryer, perm thidua.Permission, p *thidua.Proposal) error {
	u, err := user(ctx)
	if err != nil {
		return err
	}
	t, err := Load(ctx, q)
	if err != nil {
		return err
	}
	if !t.Sees(u, thidua.PermViewOrg, p) {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tờ trình.")
	}
	if !t.Acts(u, perm, p) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với đơn vị này.")
	}
	return nil
}

// SeesUnit reports whether the user in ctx sees with perm what belongs to
// the unit of path (its council, meetings, votes) by ladder.Tree.SeesUnit.
func SeesUnit(ctx context.Context, q Queryer, perm thidua.Permission, path string) bool {
	u, err := user(ctx)
	if err != nil {
		return false
	}
	t, err := Load(ctx, q)
	return err == nil && t.SeesUnit(u, perm, path)
}

// RequireUnit returns EFORBIDDEN unless the user in ctx holds perm on the
// unit of path through a grant of that unit's own level (SeesUnit).
func RequireUnit(ctx context.Context, q Queryer, perm thidua.Permission, path string) error {
	if !SeesUnit(ctx, q, perm, path) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với đơn vị này.")
	}
	return nil
}

// Above reports whether award is decided above the level of the unit of
// path under the province profile of judge (its Province method; the
// default profile otherwise) on date d: a decision of that level leaves it
// out, for it goes up the ladder.
func Above(ctx context.Context, q Queryer, judge any, path, award string, d thidua.Date) bool {
	province := "default"
	if p, ok := judge.(interface{ Province() string }); ok && p.Province() != "" {
		province = p.Province()
	}
	t, err := Load(ctx, q)
	if err != nil {
		return false
	}
	return ladder.Above(t.Of(path).Kind, award, province, d)
}

// AddressedTo reports whether p is addressed to the level of the unit with
// this ID and path (a council's unit): the level it names, or else its
// own unit's level when the unit is inside that level and its subtree.
func AddressedTo(ctx context.Context, q Queryer, p *thidua.Proposal, unitID int64, unitPath string) bool {
	if p.ToUnitID != 0 {
		return p.ToUnitID == unitID
	}
	t, err := Load(ctx, q)
	return err == nil && strings.HasPrefix(p.UnitPath, unitPath) && t.Of(unitPath).ID == t.Of(p.UnitPath).ID
}

// Mirror writes a step of a forwarded proposal on the lower proposal's
// timeline too, so the lower level sees where its nominees are.
func Mirror(ctx context.Context, q Queryer, proposalID int64, at time.Time, actor, action, from, to, note string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, note)
		SELECT pl.from_proposal_id, $1, $2, $3, $4, $5, $6 FROM proposal_ladder pl
		WHERE pl.proposal_id = $7 AND pl.from_proposal_id IS NOT NULL`, at, actor, "up_"+action, from, to, note, proposalID)
	if err != nil {
		return fmt.Errorf("levels: mirror: %w", err)
	}
	return nil
}
