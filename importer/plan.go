package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"thidua"
)

// This file plans an import against the stored data: see Plan. The
// storage adapter reads for it (thidua.ImportSource) and writes what it
// plans, inside one transaction.

// node is a unit of the tree as the import sees it: stored, or created by
// the batch (id 0 until written).
type node struct {
	id       int64
	unit     *thidua.Unit // the stored unit; nil for a new one
	name     string
	fold     string
	parent   *node
	children []*node
	path     string // the stored path; set on creation for new units
	depth    int
	// hidden marks an ancestor of the units the user may see, loaded
	// only so that full paths resolve; nothing can be done to it.
	hidden bool
	// For a unit the batch creates or changes: its row.
	row     *thidua.ImportUnit
	created bool
	changed bool
	// people of a stored unit, by thidua.PersonKey, loaded on demand.
	people map[string][]*thidua.Person
}

// editPath is the path that rights are checked against: the unit's own
// path, or for a new unit its nearest stored ancestor's.
func (n *node) editPath() string {
	for m := n; m != nil; m = m.parent {
		if m.path != "" {
			return m.path
		}
	}
	return ""
}

func (n *node) label() string {
	var names []string
	for m := n; m != nil; m = m.parent {
		names = append([]string{m.name}, names...)
	}
	return strings.Join(names, " / ")
}

func (n *node) childrenNamed(fold string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.fold == fold {
			out = append(out, c)
		}
	}
	return out
}

type unitTree struct {
	nodes  []*node
	byFold map[string][]*node
	byID   map[int64]*node
	// cache of resolve, by the path's names joined; emptied when a unit
	// is added.
	cache map[string]resolved
}

type resolved struct {
	n   *node
	msg string
}

func newUnitTree(units []*thidua.Unit, hidden map[int64]bool) *unitTree {
	t := &unitTree{byFold: map[string][]*node{}, byID: map[int64]*node{}}
	for _, u := range units {
		n := &node{id: u.ID, unit: u, name: u.Name, fold: thidua.Fold(u.Name), path: u.Path, depth: u.Depth, hidden: hidden[u.ID]}
		t.add(n)
	}
	for _, n := range t.nodes {
		if p := t.byID[n.unit.ParentID]; p != nil && n.unit.ParentID != 0 {
			n.parent = p
			p.children = append(p.children, n)
		}
	}
	return t
}

func (t *unitTree) add(n *node) {
	t.cache = nil
	t.nodes = append(t.nodes, n)
	t.byFold[n.fold] = append(t.byFold[n.fold], n)
	if n.id != 0 {
		t.byID[n.id] = n
	}
}

// resolveAll returns every unit the path can name: its first name may be
// any unit's (a root, or a unit further down that the user writes from),
// each next name a child of the one before.
func (t *unitTree) resolveAll(path []string) []*node {
	if len(path) == 0 {
		return nil
	}
	var out []*node
	var walk func(n *node, rest []string)
	walk = func(n *node, rest []string) {
		if len(rest) == 0 {
			out = append(out, n)
			return
		}
		for _, c := range n.childrenNamed(thidua.Fold(rest[0])) {
			walk(c, rest[1:])
		}
	}
	for _, start := range t.byFold[thidua.Fold(path[0])] {
		walk(start, path[1:])
	}
	if len(out) > 1 {
		// Prefer the readings that start at a root.
		var roots []*node
		for _, n := range out {
			m := n
			for range len(path) - 1 {
				m = m.parent
			}
			if m.parent == nil {
				roots = append(roots, n)
			}
		}
		if len(roots) == 1 {
			return roots
		}
	}
	return out
}

// resolve returns the unit a path names, or a message saying why none.
func (t *unitTree) resolve(path []string) (*node, string) {
	k := strings.Join(path, "\x00")
	if r, ok := t.cache[k]; ok {
		return r.n, r.msg
	}
	n, msg := t.resolveUncached(path)
	if t.cache == nil {
		t.cache = map[string]resolved{}
	}
	t.cache[k] = resolved{n, msg}
	return n, msg
}

func (t *unitTree) resolveUncached(path []string) (*node, string) {
	ns := t.resolveAll(path)
	switch len(ns) {
	case 1:
		if ns[0].hidden {
			return nil, "Đơn vị «" + ns[0].label() + "» nằm ngoài phạm vi bạn được xem."
		}
		return ns[0], ""
	case 0:
		// Say how far the path went.
		if len(t.byFold[thidua.Fold(path[0])]) == 0 {
			return nil, "Không tìm thấy đơn vị «" + path[0] + "» (trong phạm vi bạn được xem). Hãy kiểm tra tên, hoặc thêm đơn vị ở trang «Đơn vị»."
		}
		for i := len(path) - 1; i >= 1; i-- {
			if prefix := t.resolveAll(path[:i]); len(prefix) > 0 {
				return nil, "Không tìm thấy đơn vị «" + path[i] + "» trực thuộc «" + prefix[0].label() + "»."
			}
		}
		return nil, "Không tìm thấy đơn vị «" + strings.Join(path, " / ") + "»."
	}
	return nil, fmt.Sprintf("Đường dẫn «%s» khớp với %d đơn vị; hãy ghi đầy đủ hơn, bắt đầu từ đơn vị cấp trên.", strings.Join(path, " / "), len(ns))
}

// UnitWrite is a unit the plan creates or changes, for the storage
// adapter to write, parents before children.
type UnitWrite struct {
	// Before is the stored unit, nil for a new one.
	Before *thidua.Unit
	// Unit holds the values of a changed unit: the stored unit with
	// Abbrev, Kind and Active as the batch says. Nil for a new unit (see New).
	Unit *thidua.Unit
	n    *node
	tree *unitTree
}

// New returns the values of a new unit, with its parent's ID and depth
// (known once the parent is written), and the parent's path ("/" for a
// root) that the unit's own path extends.
func (w *UnitWrite) New() (u *thidua.Unit, parentPath string) {
	n, r := w.n, w.n.row
	u = &thidua.Unit{Name: n.name, Abbrev: r.Abbrev, Kind: r.Kind, Active: r.Active}
	parentPath = "/"
	if n.parent != nil {
		u.ParentID, parentPath, u.Depth = n.parent.id, n.parent.path, n.parent.depth+1
	}
	return u, parentPath
}

// Written records a new unit as stored, with its ID and path, so that
// the units, people and histories planned under it refer to it.
func (w *UnitWrite) Written(u *thidua.Unit) {
	n := w.n
	n.id, n.path, n.depth, n.unit = u.ID, u.Path, u.Depth, u
	w.tree.byID[u.ID] = n
}

// PersonWrite is a person the batch creates or changes, for the storage
// adapter to write.
type PersonWrite struct {
	// Person holds the values to write. The adapter sets the ID of a new
	// person once stored: the histories planned for the person read it.
	Person *thidua.Person
	// Before is the stored person, nil for a new one.
	Before *thidua.Person
	// NameFold is Fold(Person.FullName), set for a new person.
	NameFold string
	row      *thidua.ImportPerson
	node     *node
}

// UnitID returns the ID of the person's unit, known once the unit is
// written.
func (w *PersonWrite) UnitID() int64 { return w.node.id }

// HistoryWrite is the history of one subject (a person or a unit) that
// the batch changes: the stored document and the one merged with the
// batch's records, for the storage adapter to write.
type HistoryWrite struct {
	Subject string // thidua.SubjectPerson or thidua.SubjectUnit
	// Version is the stored document's version, 0 when there is none.
	Version int
	// Before is the stored document (empty when none), After the merged one.
	Before, After thidua.History

	node    *node
	person  *thidua.Person // the stored person, or the new one's values
	newP    *PersonWrite   // set when the person is created by the batch
	first   thidua.ImportRef
	field   string // the column to point at for the subject
	ratings []*thidua.ImportRating
	titles  []*thidua.ImportTitle
	awards  []*thidua.ImportAward
	inits   []*thidua.ImportInitiative
	changed bool
}

// ID returns the ID of the subject, known once it is written.
func (s *HistoryWrite) ID() int64 {
	if s.Subject == thidua.SubjectUnit {
		return s.node.id
	}
	return s.person.ID
}

// Plan is the plan of an import: every unit path of the batch resolved
// against the unit tree the user can see (plus the units the batch
// creates), people matched by folded full name, birth date and unit,
// history records merged into the stored history documents, and the
// user's rights checked on every unit it would change. A plan is made
// chunk by chunk (Add), then finished (Finish); it reads through a
// thidua.ImportSource and writes nothing: the storage adapter writes
// what PendingUnits, PendingPeople and Histories return, in the same
// transaction the source reads from, as long as ProblemCount is 0.
// Rows that would change nothing are left out, so applying the same
// batch twice changes nothing the second time.
type Plan struct {
	src      thidua.ImportSource
	b        *thidua.ImportBatch // the chunk being planned (its Sheets: all read so far)
	tree     *unitTree
	units    []*UnitWrite // created or changed, parents first
	people   []*PersonWrite
	subjects []*HistoryWrite
	sum      thidua.ImportSummary
	problems []thidua.ImportProblem
	count    int
	// Incremental state, kept from chunk to chunk.
	unitRows  map[*node]thidua.ImportRef
	bySubject map[string]*HistoryWrite
	newPeople map[*thidua.Person]*PersonWrite
	// How much of units and people the writer has taken.
	unitsDone, peopleDone int
}

func (p *Plan) problem(ref thidua.ImportRef, field, msg string) {
	p.count++
	if len(p.problems) < thidua.MaxImportProblems {
		p.problems = append(p.problems, p.b.Problem(ref, field, msg))
	}
}

// has reports whether the sheet of ref has a column for field.
func (p *Plan) has(ref thidua.ImportRef, field string) bool {
	for _, s := range p.b.Sheets {
		if s.Name == ref.Sheet {
			_, ok := s.Columns[field]
			return ok
		}
	}
	return false
}

// NewPlan starts a plan over the unit tree the user in ctx sees, read
// from src.
func NewPlan(ctx context.Context, src thidua.ImportSource) (*Plan, error) {
	units, hidden, err := src.ImportUnits(ctx)
	if err != nil {
		return nil, err
	}
	return &Plan{src: src, b: &thidua.ImportBatch{}, tree: newUnitTree(units, hidden), unitRows: map[*node]thidua.ImportRef{},
		bySubject: map[string]*HistoryWrite{}, newPeople: map[*thidua.Person]*PersonWrite{}}, nil
}

// Add plans a chunk: its units, then its people, then its history
// records (merged into their subjects' histories by Finish). Chunks must
// bring units before the people and records that name them.
func (p *Plan) Add(ctx context.Context, b *thidua.ImportBatch) error {
	p.b = b
	p.sum.Rows += b.Rows()
	p.planUnits(ctx)
	p.checkPaths()
	if err := p.planPeople(ctx); err != nil {
		return err
	}
	p.planRecords()
	return nil
}

// checkPaths resolves the unit paths of rows the reader refused for other
// problems, after the chunk's units so that units the file adds count.
func (p *Plan) checkPaths() {
	for _, c := range p.b.PathChecks {
		if n, msg := p.tree.resolve(c.Path); n == nil {
			if c.Field == "path" {
				msg = "Đơn vị cấp trên: " + msg
			}
			p.problem(c.Ref, c.Field, msg)
		}
	}
}

// Summary is what applying the plan does.
func (p *Plan) Summary() *thidua.ImportSummary { return &p.sum }

// Problems returns the problems found so far, at most
// thidua.MaxImportProblems of them.
func (p *Plan) Problems() []thidua.ImportProblem { return p.problems }

// ProblemCount counts every problem found so far.
func (p *Plan) ProblemCount() int { return p.count }

// FileName is the name of the workbook of the last chunk.
func (p *Plan) FileName() string { return p.b.FileName }

// PendingUnits returns the units created or changed since the last call,
// parents first.
func (p *Plan) PendingUnits() []*UnitWrite {
	todo := p.units[p.unitsDone:]
	p.unitsDone = len(p.units)
	return todo
}

// PendingPeople returns the people created or changed since the last
// call; write them after the units.
func (p *Plan) PendingPeople() []*PersonWrite {
	todo := p.people[p.peopleDone:]
	p.peopleDone = len(p.people)
	return todo
}

// Histories returns, once the plan is finished, the histories that change.
func (p *Plan) Histories() []*HistoryWrite { return p.subjects }

func covers(ctx context.Context, perm thidua.Permission, path string) bool {
	u := thidua.UserFromContext(ctx)
	return u == nil || u.Covers(perm, path)
}

func canCreateRoot(ctx context.Context) bool {
	u := thidua.UserFromContext(ctx)
	if u == nil {
		return true
	}
	all, _ := u.Scope(thidua.PermEditOrg)
	return all
}

func (p *Plan) planUnits(ctx context.Context) {
	rows := make([]*thidua.ImportUnit, len(p.b.Units))
	for i := range p.b.Units {
		rows[i] = &p.b.Units[i]
	}
	sort.SliceStable(rows, func(i, j int) bool { return len(rows[i].Path) < len(rows[j].Path) })
	done := p.unitRows
	for _, r := range rows {
		name := r.Path[len(r.Path)-1]
		var n *node
		if len(r.Path) == 1 {
			switch ns := p.tree.resolveAll(r.Path); len(ns) {
			case 0:
				if !canCreateRoot(ctx) {
					p.problem(r.Ref, "path", "Không tìm thấy đơn vị «"+name+"». Hãy ghi đường dẫn từ đơn vị cấp trên, ví dụ «Văn phòng UBND tỉnh / "+name+"» (chỉ quản trị hệ thống mới tạo được đơn vị gốc).")
					continue
				}
				n = &node{name: name, fold: thidua.Fold(name), row: r, created: true}
				p.tree.add(n)
				p.units = append(p.units, &UnitWrite{n: n, tree: p.tree})
				p.sum.Units.New++
				done[n] = r.Ref
				continue
			case 1:
				n = ns[0]
			default:
				p.problem(r.Ref, "path", fmt.Sprintf("Có %d đơn vị tên «%s»; hãy ghi đường dẫn từ đơn vị cấp trên.", len(ns), name))
				continue
			}
		} else {
			parent, msg := p.tree.resolve(r.Path[:len(r.Path)-1])
			if parent == nil {
				p.problem(r.Ref, "path", "Đơn vị cấp trên: "+msg)
				continue
			}
			switch kids := parent.childrenNamed(thidua.Fold(name)); len(kids) {
			case 0:
				if !covers(ctx, thidua.PermEditOrg, parent.editPath()) {
					p.problem(r.Ref, "path", "Bạn không có quyền thêm đơn vị vào «"+parent.label()+"».")
					continue
				}
				n = &node{name: name, fold: thidua.Fold(name), parent: parent, depth: parent.depth + 1, row: r, created: true}
				parent.children = append(parent.children, n)
				p.tree.add(n)
				p.units = append(p.units, &UnitWrite{n: n, tree: p.tree})
				p.sum.Units.New++
				done[n] = r.Ref
				continue
			case 1:
				n = kids[0]
			default:
				p.problem(r.Ref, "path", fmt.Sprintf("«%s» có %d đơn vị trực thuộc cùng tên «%s».", parent.label(), len(kids), name))
				continue
			}
		}
		if first, ok := done[n]; ok {
			p.problem(r.Ref, "path", fmt.Sprintf("Đường dẫn này chỉ cùng một đơn vị với dòng %d.", first.Row))
			continue
		}
		done[n] = r.Ref
		if n.created {
			continue
		}
		// A stored unit: change what the row says differently.
		u := n.unit
		want := *u
		want.Kind = r.Kind
		if r.Abbrev != "" {
			want.Abbrev = r.Abbrev
		}
		if p.has(r.Ref, "active") {
			want.Active = r.Active
		}
		if want.Kind == u.Kind && want.Abbrev == u.Abbrev && want.Active == u.Active {
			p.sum.Units.Unchanged++
			continue
		}
		if !covers(ctx, thidua.PermEditOrg, u.Path) {
			p.problem(r.Ref, "path", "Bạn không có quyền sửa đơn vị «"+n.label()+"».")
			continue
		}
		n.row, n.changed = r, true
		p.units = append(p.units, &UnitWrite{Before: u, Unit: &want, n: n, tree: p.tree})
		p.sum.Units.Updated++
	}
}

// loadPeople reads the people of the stored units the batch names.
func (p *Plan) loadPeople(ctx context.Context, nodes []*node) error {
	var ids []int64
	seen := map[int64]bool{}
	for _, n := range nodes {
		if n != nil && n.id != 0 && n.people == nil && !seen[n.id] {
			seen[n.id] = true
			ids = append(ids, n.id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	people, err := p.src.ImportPeople(ctx, ids)
	if err != nil {
		return err
	}
	for _, fp := range people {
		person := fp.Person
		n := p.tree.byID[person.UnitID]
		if n.people == nil {
			n.people = map[string][]*thidua.Person{}
		}
		// The stored fold is thidua.Fold(full_name): thidua.PersonKey.
		k := fp.NameFold + "|" + person.BirthDate.ISO()
		n.people[k] = append(n.people[k], person)
	}
	for _, id := range ids {
		if n := p.tree.byID[id]; n.people == nil {
			n.people = map[string][]*thidua.Person{}
		}
	}
	return nil
}

func (p *Plan) planPeople(ctx context.Context) error {
	b := p.b
	nodes := make([]*node, len(b.People))
	for i := range b.People {
		r := &b.People[i]
		n, msg := p.tree.resolve(r.UnitPath)
		if n == nil {
			p.problem(r.Ref, "unit", msg)
			continue
		}
		nodes[i] = n
	}
	// History rows name people too: load their units with these.
	for _, s := range p.historySubjects() {
		if !s.IsUnit() {
			if n, _ := p.tree.resolve(s.UnitPath); n != nil {
				nodes = append(nodes, n)
			}
		}
	}
	if err := p.loadPeople(ctx, nodes); err != nil {
		return err
	}
	nodes = nodes[:len(b.People)]
	for i := range b.People {
		r, n := &b.People[i], nodes[i]
		if n == nil {
			continue
		}
		fold := r.NameFold
		if fold == "" {
			fold = thidua.Fold(r.Person.FullName)
		}
		key := fold + "|" + r.Person.BirthDate.ISO() // thidua.PersonKey
		var found []*thidua.Person
		if n.people != nil {
			found = n.people[key]
		}
		switch len(found) {
		case 0:
			if !covers(ctx, thidua.PermEditOrg, n.editPath()) {
				p.problem(r.Ref, "unit", "Bạn không có quyền thêm cá nhân vào «"+n.label()+"».")
				continue
			}
			np := r.Person
			np.Status = orDefault(np.Status, thidua.PersonActive)
			np.UnitName = n.name
			pp := &PersonWrite{row: r, NameFold: fold, node: n, Person: &np}
			p.people = append(p.people, pp)
			p.newPeople[pp.Person] = pp
			if n.people == nil {
				n.people = map[string][]*thidua.Person{}
			}
			n.people[key] = append(n.people[key], &np)
			p.sum.People.New++
		case 1:
			old := found[0]
			if old.ID == 0 {
				// Created by an earlier row of the batch: the file had
				// the same person twice (caught by the reader already).
				continue
			}
			want := *old
			if r.Person.Gender != "" {
				want.Gender = r.Person.Gender
			}
			if r.Person.Category != "" {
				want.Category = r.Person.Category
			}
			if r.Person.Position != "" {
				want.Position = r.Person.Position
			}
			if !r.Person.StartDate.IsZero() {
				want.StartDate = r.Person.StartDate
			}
			if p.has(r.Ref, "status") && r.Person.Status != "" {
				want.Status = r.Person.Status
			}
			if p.has(r.Ref, "leader") {
				want.IsLeader = r.Person.IsLeader
			}
			if want.Gender == old.Gender && want.Category == old.Category && want.Position == old.Position &&
				want.StartDate == old.StartDate && want.Status == old.Status && want.IsLeader == old.IsLeader {
				p.sum.People.Unchanged++
				continue
			}
			if !covers(ctx, thidua.PermEditOrg, n.path) {
				p.problem(r.Ref, "full_name", "Bạn không có quyền sửa thông tin cá nhân của «"+n.label()+"».")
				continue
			}
			p.people = append(p.people, &PersonWrite{row: r, node: n, Person: &want, Before: old})
			p.sum.People.Updated++
		default:
			p.problem(r.Ref, "full_name", fmt.Sprintf("Đơn vị «%s» đã có %d cá nhân cùng họ tên và ngày sinh này; hãy sửa trực tiếp trong hệ thống.", n.label(), len(found)))
		}
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (p *Plan) historySubjects() []thidua.ImportSubject {
	b := p.b
	var out []thidua.ImportSubject
	for i := range b.Ratings {
		out = append(out, b.Ratings[i].Subject)
	}
	for i := range b.Titles {
		out = append(out, b.Titles[i].Subject)
	}
	for i := range b.Awards {
		out = append(out, b.Awards[i].Subject)
	}
	for i := range b.Initiatives {
		out = append(out, b.Initiatives[i].Subject)
	}
	return out
}

// subjectFor finds (or starts) the plan of a record's subject.
func (p *Plan) subjectFor(ref thidua.ImportRef, s thidua.ImportSubject) *HistoryWrite {
	bySubject, newPeople := p.bySubject, p.newPeople
	n, msg := p.tree.resolve(s.UnitPath)
	if n == nil {
		p.problem(ref, "unit", msg)
		return nil
	}
	if s.IsUnit() {
		key := fmt.Sprintf("U:%p", n)
		sp := bySubject[key]
		if sp == nil {
			sp = &HistoryWrite{Subject: thidua.SubjectUnit, node: n, first: ref, field: "unit"}
			bySubject[key] = sp
			p.subjects = append(p.subjects, sp)
		}
		return sp
	}
	var found []*thidua.Person
	if n.people != nil {
		found = n.people[thidua.PersonKey(s.FullName, s.BirthDate)]
	}
	switch len(found) {
	case 0:
		p.problem(ref, "full_name", fmt.Sprintf("Không tìm thấy cá nhân «%s», sinh ngày %s, trong «%s». Hãy thêm người này ở trang «Cá nhân» hoặc kiểm tra họ tên, ngày sinh, đơn vị.",
			s.FullName, s.BirthDate, n.label()))
		return nil
	case 1:
	default:
		p.problem(ref, "full_name", fmt.Sprintf("«%s» có %d cá nhân cùng họ tên và ngày sinh này.", n.label(), len(found)))
		return nil
	}
	person := found[0]
	key := fmt.Sprintf("P:%p", person)
	sp := bySubject[key]
	if sp == nil {
		sp = &HistoryWrite{Subject: thidua.SubjectPerson, node: n, person: person, newP: newPeople[person], first: ref, field: "full_name"}
		bySubject[key] = sp
		p.subjects = append(p.subjects, sp)
	}
	return sp
}

// planRecords files the history records of the chunk under their subjects.
func (p *Plan) planRecords() {
	b := p.b
	for i := range b.Ratings {
		r := &b.Ratings[i]
		if sp := p.subjectFor(r.Ref, r.Subject); sp != nil {
			sp.ratings = append(sp.ratings, r)
		}
	}
	for i := range b.Titles {
		r := &b.Titles[i]
		if sp := p.subjectFor(r.Ref, r.Subject); sp != nil {
			sp.titles = append(sp.titles, r)
		}
	}
	for i := range b.Awards {
		r := &b.Awards[i]
		if sp := p.subjectFor(r.Ref, r.Subject); sp != nil {
			sp.awards = append(sp.awards, r)
		}
	}
	for i := range b.Initiatives {
		r := &b.Initiatives[i]
		if sp := p.subjectFor(r.Ref, r.Subject); sp != nil {
			sp.inits = append(sp.inits, r)
		}
	}
}

// Finish merges every subject's records into its stored history and
// keeps the subjects whose history changes (Histories), checking the
// user's rights on them and the merged histories.
func (p *Plan) Finish(ctx context.Context) error {
	if err := p.loadHistories(ctx); err != nil {
		return err
	}
	kept := p.subjects[:0]
	for _, sp := range p.subjects {
		sp.After = cloneHistory(sp.Before)
		p.merge(sp)
		sp.After.Normalize()
		sp.changed = !reflect.DeepEqual(sp.Before, sp.After)
		if !sp.changed {
			p.sum.Histories.Unchanged++
			continue
		}
		if !covers(ctx, thidua.PermEditRecords, sp.node.editPath()) {
			p.problem(sp.first, sp.field, "Bạn không có quyền cập nhật lịch sử khen thưởng của «"+sp.node.label()+"».")
			continue
		}
		if err := sp.After.Validate(); err != nil {
			var msgs []string
			for _, m := range thidua.ErrorFields(err) {
				msgs = append(msgs, m)
			}
			sort.Strings(msgs)
			p.problem(sp.first, sp.field, "Lịch sử khen thưởng sau khi nhập không hợp lệ: "+strings.Join(msgs, " "))
			continue
		}
		if sp.Version == 0 {
			p.sum.Histories.New++
		} else {
			p.sum.Histories.Updated++
		}
		kept = append(kept, sp)
	}
	p.subjects = kept
	return nil
}

// loadHistories reads the stored documents of the subjects that exist.
func (p *Plan) loadHistories(ctx context.Context) error {
	byRef := map[thidua.HistoryRef]*HistoryWrite{}
	var refs []thidua.HistoryRef
	for _, sp := range p.subjects {
		sp.Before.Normalize()
		if sp.newP != nil || sp.ID() == 0 {
			continue
		}
		ref := thidua.HistoryRef{Subject: sp.Subject, ID: sp.ID()}
		byRef[ref] = sp
		refs = append(refs, ref)
	}
	if len(refs) == 0 {
		return nil
	}
	stored, err := p.src.ImportHistories(ctx, refs)
	if err != nil {
		return err
	}
	for ref, h := range stored {
		sp := byRef[ref]
		if sp == nil {
			continue
		}
		sp.Version, sp.Before = h.Version, h.History
		sp.Before.Normalize()
	}
	return nil
}

func cloneHistory(h thidua.History) thidua.History {
	var out thidua.History
	b, _ := json.Marshal(h)
	json.Unmarshal(b, &out)
	out.Normalize()
	return out
}

// keepText returns the new text, or the old one when the new is empty.
func keepText(old, new string) string {
	if new == "" {
		return old
	}
	return new
}

// merge adds the subject's records to its history: a record already there
// (same year for ratings; year and code for titles; code and date for
// forms; year and title for initiatives) is updated, others are added.
// Empty text in the file keeps what is stored.
func (p *Plan) merge(sp *HistoryWrite) {
	h := &sp.After
	count := func(changed, added bool) {
		switch {
		case added:
			p.sum.Records.New++
		case changed:
			p.sum.Records.Updated++
		default:
			p.sum.Records.Unchanged++
		}
	}
	for _, r := range sp.ratings {
		x := r.Rating
		i := slicesIndex(len(h.Ratings), func(i int) bool { return h.Ratings[i].Year == x.Year })
		if i < 0 {
			h.Ratings = append(h.Ratings, x)
			count(false, true)
			continue
		}
		old := h.Ratings[i]
		x.Source = keepText(old.Source, x.Source)
		h.Ratings[i] = x
		count(old != x, false)
	}
	for _, r := range sp.titles {
		x := r.Title
		i := slicesIndex(len(h.Titles), func(i int) bool { return h.Titles[i].Year == x.Year && h.Titles[i].Code == x.Code })
		if i < 0 {
			h.Titles = append(h.Titles, x)
			count(false, true)
			continue
		}
		old := h.Titles[i]
		x.Path = keepText(old.Path, x.Path)
		x.Decision = keepText(old.Decision, x.Decision)
		if !p.has(r.Ref, "revoked") {
			x.Revoked, x.RevokedReason = old.Revoked, old.RevokedReason
		}
		h.Titles[i] = x
		count(old != x, false)
	}
	for _, r := range sp.awards {
		x := r.Award
		i := slicesIndex(len(h.Awards), func(i int) bool { return h.Awards[i].Code == x.Code && h.Awards[i].Date == x.Date })
		if i < 0 {
			h.Awards = append(h.Awards, x)
			count(false, true)
			continue
		}
		old := h.Awards[i]
		x.Decision = keepText(old.Decision, x.Decision)
		if !p.has(r.Ref, "revoked") {
			x.Revoked, x.RevokedReason = old.Revoked, old.RevokedReason
		}
		h.Awards[i] = x
		count(old != x, false)
	}
	for _, r := range sp.inits {
		x := r.Initiative
		key := initiativeKey(x)
		i := slicesIndex(len(h.Initiatives), func(i int) bool {
			return h.Initiatives[i].Year == x.Year && initiativeKey(h.Initiatives[i]) == key
		})
		if i < 0 {
			h.Initiatives = append(h.Initiatives, x)
			count(false, true)
			continue
		}
		old := h.Initiatives[i]
		x.Title = keepText(old.Title, x.Title)
		x.ConsumedBy = keepText(old.ConsumedBy, x.ConsumedBy)
		if !p.has(r.Ref, "initiative_kind") {
			x.Kind = old.Kind
		}
		h.Initiatives[i] = x
		count(old != x, false)
	}
}

func initiativeKey(in thidua.Initiative) string {
	if t := thidua.Fold(in.Title); t != "" {
		return t
	}
	return "#" + in.Level + "/" + orDefault(in.Kind, thidua.InitiativeSangKien)
}

func slicesIndex(n int, f func(int) bool) int {
	for i := range n {
		if f(i) {
			return i
		}
	}
	return -1
}
