package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"thidua"
)

// Importing a batch: plan, then write. The plan resolves every unit path
// against the unit tree the user can see (plus the units the batch
// creates), matches people by folded full name, birth date and unit,
// merges history records into the stored history documents, and checks the
// user's rights on every unit it would change. CheckImport stops there;
// ApplyImport plans again inside one transaction and writes units, people
// and histories, with an audit entry per change (appended to the hash
// chain in batches), or writes nothing when any problem is found.
// Rows that would change nothing are not written, so applying the same
// batch twice changes nothing the second time.

var _ thidua.ImportService = (*DB)(nil)

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

// planPerson is a person the batch creates or changes.
type planPerson struct {
	row    *thidua.ImportPerson
	fold   string // the folded full name
	node   *node
	person *thidua.Person // the new values (ID set once known)
	before *thidua.Person // nil for a new person
}

// subjectPlan gathers the history records of one subject.
type subjectPlan struct {
	subject string // PERSON or UNIT
	node    *node
	person  *thidua.Person // the stored person, or the new one's values
	newP    *planPerson    // set when the person is created by the batch
	first   thidua.ImportRef
	field   string // the column to point at for the subject
	ratings []*thidua.ImportRating
	titles  []*thidua.ImportTitle
	awards  []*thidua.ImportAward
	inits   []*thidua.ImportInitiative
	// The stored document and the merged one.
	version int
	before  thidua.History
	after   thidua.History
	changed bool
}

func (s *subjectPlan) id() int64 {
	if s.subject == thidua.SubjectUnit {
		return s.node.id
	}
	return s.person.ID
}

type importPlan struct {
	b        *thidua.ImportBatch // the chunk being planned (its Sheets: all read so far)
	tree     *unitTree
	units    []*node // created or changed, parents first
	people   []*planPerson
	subjects []*subjectPlan
	sum      thidua.ImportSummary
	problems []thidua.ImportProblem
	count    int
	// Incremental state, kept from chunk to chunk.
	unitRows  map[*node]thidua.ImportRef
	bySubject map[string]*subjectPlan
	newPeople map[*thidua.Person]*planPerson
	// How much of units and people the writer has written.
	unitsDone, peopleDone int
}

func (p *importPlan) problem(ref thidua.ImportRef, field, msg string) {
	p.count++
	if len(p.problems) < thidua.MaxImportProblems {
		p.problems = append(p.problems, p.b.Problem(ref, field, msg))
	}
}

// has reports whether the sheet of ref has a column for field.
func (p *importPlan) has(ref thidua.ImportRef, field string) bool {
	for _, s := range p.b.Sheets {
		if s.Name == ref.Sheet {
			_, ok := s.Columns[field]
			return ok
		}
	}
	return false
}

// CheckImport plans the batch without writing.
func (db *DB) CheckImport(ctx context.Context, b *thidua.ImportBatch) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	p, err := db.newPlan(ctx, db.db)
	if err != nil {
		return nil, nil, err
	}
	if err := p.add(ctx, db.db, b); err != nil {
		return nil, nil, err
	}
	if err := p.finish(ctx, db.db); err != nil {
		return nil, nil, err
	}
	return &p.sum, p.problems, nil
}

// newPlan starts a plan over the unit tree the user sees.
func (db *DB) newPlan(ctx context.Context, q queryer) (*importPlan, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	units, _, err := findUnits(ctx, q, thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	units, hidden, err := withAncestors(ctx, q, units)
	if err != nil {
		return nil, err
	}
	return &importPlan{b: &thidua.ImportBatch{}, tree: newUnitTree(units, hidden), unitRows: map[*node]thidua.ImportRef{},
		bySubject: map[string]*subjectPlan{}, newPeople: map[*thidua.Person]*planPerson{}}, nil
}

// add plans a chunk: its units, then its people, then its history
// records (merged into their subjects' histories by finish).
func (p *importPlan) add(ctx context.Context, q queryer, b *thidua.ImportBatch) error {
	p.b = b
	p.sum.Rows += b.Rows()
	p.planUnits(ctx)
	if err := p.planPeople(ctx, q); err != nil {
		return err
	}
	return p.planRecords(ctx, q)
}

// withAncestors adds to the units the user sees their ancestors outside
// the user's scope, marked hidden: a path written from the root (as
// exports write it) then resolves for a unit head too.
func withAncestors(ctx context.Context, q queryer, units []*thidua.Unit) ([]*thidua.Unit, map[int64]bool, error) {
	seen := map[int64]bool{}
	for _, u := range units {
		seen[u.ID] = true
	}
	var missing []any
	for _, u := range units {
		for _, part := range strings.Split(strings.Trim(u.Path, "/"), "/") {
			id, err := strconv.ParseInt(part, 10, 64)
			if err == nil && !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
	}
	hidden := map[int64]bool{}
	for len(missing) > 0 {
		chunk := missing[:min(len(missing), 500)]
		missing = missing[len(chunk):]
		marks := make([]string, len(chunk))
		for i := range chunk {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0), name, path, depth FROM units WHERE id IN (`+
			strings.Join(marks, ", ")+`)`, chunk...)
		if err != nil {
			return nil, nil, fmt.Errorf("sqldb: import: unit ancestors: %w", err)
		}
		for rows.Next() {
			u := &thidua.Unit{}
			if err := rows.Scan(&u.ID, &u.ParentID, &u.Name, &u.Path, &u.Depth); err != nil {
				rows.Close()
				return nil, nil, err
			}
			hidden[u.ID] = true
			units = append(units, u)
		}
		if err := rows.Close(); err != nil {
			return nil, nil, err
		}
	}
	return units, hidden, nil
}

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

func (p *importPlan) planUnits(ctx context.Context) {
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
				p.units = append(p.units, n)
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
				p.units = append(p.units, n)
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
		p.units = append(p.units, n)
		p.sum.Units.Updated++
	}
}

// loadPeople reads the people of the stored units the batch names.
func (p *importPlan) loadPeople(ctx context.Context, q queryer, nodes []*node) error {
	var ids []any
	seen := map[int64]bool{}
	for _, n := range nodes {
		if n != nil && n.id != 0 && n.people == nil && !seen[n.id] {
			seen[n.id] = true
			ids = append(ids, n.id)
		}
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		marks := make([]string, len(chunk))
		for i := range chunk {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		rows, err := q.QueryContext(ctx, `SELECT `+personColumns+`, p.name_fold
			FROM people p JOIN units u ON u.id = p.unit_id WHERE p.unit_id IN (`+strings.Join(marks, ", ")+`)`, chunk...)
		if err != nil {
			return fmt.Errorf("sqldb: import: load people: %w", err)
		}
		for rows.Next() {
			var person thidua.Person
			var birth, start sql.NullString
			var path, fold string
			if err := rows.Scan(&person.ID, &person.FullName, &person.Gender, &birth, &person.Position, &person.Category, &person.IsLeader,
				&person.UnitID, &start, &person.Status, &person.Version, &person.CreatedAt, &person.UpdatedAt, &person.UnitName, &path, &fold); err != nil {
				rows.Close()
				return fmt.Errorf("sqldb: import: load people: %w", err)
			}
			person.BirthDate, person.StartDate = scanDate(birth), scanDate(start)
			person.CreatedAt, person.UpdatedAt = person.CreatedAt.UTC(), person.UpdatedAt.UTC()
			n := p.tree.byID[person.UnitID]
			if n.people == nil {
				n.people = map[string][]*thidua.Person{}
			}
			// The stored fold is thidua.Fold(full_name): thidua.PersonKey.
			k := fold + "|" + person.BirthDate.ISO()
			n.people[k] = append(n.people[k], &person)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range chunk {
			if n := p.tree.byID[id.(int64)]; n.people == nil {
				n.people = map[string][]*thidua.Person{}
			}
		}
	}
	return nil
}

func (p *importPlan) planPeople(ctx context.Context, q queryer) error {
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
	if err := p.loadPeople(ctx, q, nodes); err != nil {
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
			pp := &planPerson{row: r, fold: fold, node: n, person: &np}
			p.people = append(p.people, pp)
			p.newPeople[pp.person] = pp
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
			p.people = append(p.people, &planPerson{row: r, node: n, person: &want, before: old})
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

func (p *importPlan) historySubjects() []thidua.ImportSubject {
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
func (p *importPlan) subjectFor(ref thidua.ImportRef, s thidua.ImportSubject) *subjectPlan {
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
			sp = &subjectPlan{subject: thidua.SubjectUnit, node: n, first: ref, field: "unit"}
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
		sp = &subjectPlan{subject: thidua.SubjectPerson, node: n, person: person, newP: newPeople[person], first: ref, field: "full_name"}
		bySubject[key] = sp
		p.subjects = append(p.subjects, sp)
	}
	return sp
}

// planRecords files the history records of the chunk under their subjects.
func (p *importPlan) planRecords(ctx context.Context, q queryer) error {
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
	return nil
}

// finish merges every subject's records into its stored history and keeps
// the subjects whose history changes.
func (p *importPlan) finish(ctx context.Context, q queryer) error {
	if err := p.loadHistories(ctx, q); err != nil {
		return err
	}
	kept := p.subjects[:0]
	for _, sp := range p.subjects {
		sp.after = cloneHistory(sp.before)
		p.merge(sp)
		sp.after.Normalize()
		sp.changed = !reflect.DeepEqual(sp.before, sp.after)
		if !sp.changed {
			p.sum.Histories.Unchanged++
			continue
		}
		if !covers(ctx, thidua.PermEditRecords, sp.node.editPath()) {
			p.problem(sp.first, sp.field, "Bạn không có quyền cập nhật lịch sử khen thưởng của «"+sp.node.label()+"».")
			continue
		}
		if err := sp.after.Validate(); err != nil {
			var msgs []string
			for _, m := range thidua.ErrorFields(err) {
				msgs = append(msgs, m)
			}
			sort.Strings(msgs)
			p.problem(sp.first, sp.field, "Lịch sử khen thưởng sau khi nhập không hợp lệ: "+strings.Join(msgs, " "))
			continue
		}
		if sp.version == 0 {
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
func (p *importPlan) loadHistories(ctx context.Context, q queryer) error {
	byKey := map[string]*subjectPlan{}
	var keys []any
	for _, sp := range p.subjects {
		sp.before.Normalize()
		if sp.newP != nil || sp.id() == 0 {
			continue
		}
		k := subjectKey(sp.subject, sp.id())
		byKey[k] = sp
		keys = append(keys, k)
	}
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), 500)]
		keys = keys[len(chunk):]
		marks := make([]string, len(chunk))
		for i := range chunk {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		rows, err := q.QueryContext(ctx, `SELECT subject_key, history_json, version FROM histories WHERE subject_key IN (`+
			strings.Join(marks, ", ")+`)`, chunk...)
		if err != nil {
			return fmt.Errorf("sqldb: import: load histories: %w", err)
		}
		for rows.Next() {
			var k, doc string
			var v int
			if err := rows.Scan(&k, &doc, &v); err != nil {
				rows.Close()
				return err
			}
			sp := byKey[k]
			sp.version = v
			if err := json.Unmarshal([]byte(doc), &sp.before); err != nil {
				rows.Close()
				return fmt.Errorf("sqldb: history document: %w", err)
			}
			sp.before.Normalize()
		}
		if err := rows.Close(); err != nil {
			return err
		}
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
func (p *importPlan) merge(sp *subjectPlan) {
	h := &sp.after
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

// ApplyImport plans the batch inside one transaction and writes it, or
// nothing when a problem is found.
func (db *DB) ApplyImport(ctx context.Context, b *thidua.ImportBatch, progress thidua.ImportProgress) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	ch := make(chan *thidua.ImportBatch, 1)
	ch <- b
	close(ch)
	return db.ApplyImportStream(ctx, ch, func() bool { return true }, progress)
}

// ApplyImportStream plans and writes chunks as they arrive, in one
// transaction. Units and people are written chunk by chunk while the file
// is still being read (the work overlaps the reading); histories, which
// gather records from several sheets, are merged and written at the end.
// After the first problem nothing more is written, the chunks are still
// checked (to list every problem), and the transaction is rolled back.
func (db *DB) ApplyImportStream(ctx context.Context, chunks <-chan *thidua.ImportBatch, readOK func() bool, progress thidua.ImportProgress) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	drain := func() {
		for range chunks {
		}
	}
	tx, release, err := db.beginImport(ctx)
	if err != nil {
		drain()
		return nil, nil, err
	}
	defer release()
	defer tx.Rollback()
	p, err := db.newPlan(ctx, tx)
	if err != nil {
		drain()
		return nil, nil, err
	}
	w := &importWriter{db: db, tx: tx, p: p, progress: progress}
	for b := range chunks {
		if err := p.add(ctx, tx, b); err != nil {
			drain()
			return nil, nil, err
		}
		if p.count > 0 {
			continue
		}
		if err := w.units(); err != nil {
			drain()
			return nil, nil, err
		}
		if err := w.people(); err != nil {
			drain()
			return nil, nil, err
		}
	}
	if !readOK() {
		// The reading found problems: nothing is written; the problems of
		// the rows that did read are returned with them.
		return nil, p.problems, nil
	}
	if err := p.finish(ctx, tx); err != nil {
		return nil, nil, err
	}
	if p.count > 0 {
		return &p.sum, p.problems, nil
	}
	if err := w.histories(); err != nil {
		return nil, nil, err
	}
	if err := tx.audit(thidua.ActionCreate, "import", 0, nil, map[string]any{"file_name": p.b.FileName, "summary": p.sum}); err != nil {
		return nil, nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("sqldb: import commit: %w", db.dialect.mapError(err))
	}
	progress(w.done, w.done)
	return &p.sum, nil, nil
}

// importCacheKiB is the SQLite page cache of an import's connection: a
// large transaction spills pages to disk mid-way when the cache is full
// (the default is 2 MB). The memory is taken only as pages are used:
// 100,000 people with their audit entries need about 100 MB.
const importCacheKiB = 256 << 10

// beginImport starts the import's transaction. On SQLite it runs on a
// connection of its own whose page cache is enlarged for the transaction
// and put back afterwards.
// The returned func gives the connection back; call it after the
// transaction ends.
func (db *DB) beginImport(ctx context.Context) (*Tx, func(), error) {
	if db.dialect != SQLite {
		tx, err := db.begin(ctx)
		return tx, func() {}, err
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sqldb: begin: %w", err)
	}
	release := func() {
		conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		release()
		return nil, nil, fmt.Errorf("sqldb: import cache: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("sqldb: begin: %w", db.dialect.mapError(err))
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond), ctx: ctx}, release, nil
}

// importWriter writes a plan inside a transaction.
type importWriter struct {
	db       *DB
	tx       *Tx
	p        *importPlan
	progress thidua.ImportProgress
	done     int
	total    int
	audits   []auditItem
}

func (w *importWriter) step(n int) {
	w.done += n
	w.progress(w.done, max(w.total, w.done))
}

func (w *importWriter) units() error {
	tx := w.tx
	ctx := tx.ctx
	todo := w.p.units[w.p.unitsDone:]
	w.p.unitsDone = len(w.p.units)
	for _, n := range todo {
		r := n.row
		if n.created {
			u := &thidua.Unit{Name: n.name, Abbrev: r.Abbrev, Kind: r.Kind, Active: r.Active}
			parentPath, depth := "/", 0
			if n.parent != nil {
				u.ParentID, parentPath, depth = n.parent.id, n.parent.path, n.parent.depth+1
			}
			u.Version, u.CreatedAt, u.UpdatedAt = 1, tx.now, tx.now
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO units (parent_id, name, name_fold, abbrev, kind, active, path, depth, version, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, '', $7, 1, $8, $8) RETURNING id`,
				nullInt(u.ParentID), u.Name, unitFold(u), u.Abbrev, u.Kind, u.Active, depth, tx.now).Scan(&u.ID); err != nil {
				return fmt.Errorf("sqldb: import unit: %w", w.db.dialect.mapError(err))
			}
			u.Path, u.Depth = parentPath+strconv.FormatInt(u.ID, 10)+"/", depth
			if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, u.Path, u.ID); err != nil {
				return fmt.Errorf("sqldb: import unit: %w", err)
			}
			n.id, n.path, n.depth, n.unit = u.ID, u.Path, u.Depth, u
			w.p.tree.byID[u.ID] = n
			if err := tx.audit(thidua.ActionCreate, "unit", u.ID, nil, u); err != nil {
				return err
			}
		} else {
			old := n.unit
			abbrev, active := old.Abbrev, old.Active
			if r.Abbrev != "" {
				abbrev = r.Abbrev
			}
			if w.p.has(r.Ref, "active") {
				active = r.Active
			}
			res, err := tx.ExecContext(ctx, `UPDATE units SET abbrev = $1, kind = $2, active = $3, name_fold = $4,
				version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7`,
				abbrev, r.Kind, active, thidua.Fold(old.Name+" "+abbrev), tx.now, old.ID, old.Version)
			if err != nil {
				return fmt.Errorf("sqldb: import unit: %w", w.db.dialect.mapError(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return thidua.ErrStale()
			}
			updated, err := findUnitRaw(ctx, tx, old.ID)
			if err != nil {
				return err
			}
			if err := tx.audit(thidua.ActionUpdate, "unit", old.ID, old, updated); err != nil {
				return err
			}
		}
		w.step(1)
	}
	return nil
}

// peopleChunk is how many people one INSERT statement carries.
const peopleChunk = 400

func (w *importWriter) people() error {
	tx := w.tx
	ctx := tx.ctx
	var fresh, changed []*planPerson
	todo := w.p.people[w.p.peopleDone:]
	w.p.peopleDone = len(w.p.people)
	for _, pp := range todo {
		if pp.before == nil {
			fresh = append(fresh, pp)
		} else {
			changed = append(changed, pp)
		}
	}
	for len(fresh) > 0 {
		chunk := fresh[:min(len(fresh), peopleChunk)]
		fresh = fresh[len(chunk):]
		if err := w.insertPeople(chunk); err != nil {
			return err
		}
		for _, pp := range chunk {
			x := pp.person
			if x.ID == 0 {
				return fmt.Errorf("sqldb: import people: no id for %q", x.FullName)
			}
			x.Version, x.CreatedAt, x.UpdatedAt = 1, tx.now, tx.now
			w.audits = append(w.audits, auditItem{thidua.ActionCreate, "person", x.ID, nil, x})
		}
		if err := w.flushAudits(); err != nil {
			return err
		}
		w.step(len(chunk))
	}
	if len(changed) > 0 {
		stmt, err := tx.PrepareContext(ctx, `UPDATE people SET gender = $1, position = $2, category = $3, is_leader = $4,
			start_date = $5, status = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9`)
		if err != nil {
			return fmt.Errorf("sqldb: import people: %w", err)
		}
		defer stmt.Close()
		for i, pp := range changed {
			x := pp.person
			res, err := stmt.ExecContext(ctx, x.Gender, x.Position, x.Category, x.IsLeader, nullDate(x.StartDate), x.Status,
				tx.now, x.ID, pp.before.Version)
			if err != nil {
				return fmt.Errorf("sqldb: import people: %w", w.db.dialect.mapError(err))
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return thidua.ErrStale()
			}
			x.Version, x.UpdatedAt = pp.before.Version+1, tx.now
			w.audits = append(w.audits, auditItem{thidua.ActionUpdate, "person", x.ID, pp.before, x})
			if (i+1)%peopleChunk == 0 {
				if err := w.flushAudits(); err != nil {
					return err
				}
				w.step(peopleChunk)
			}
		}
		if err := w.flushAudits(); err != nil {
			return err
		}
		w.step(len(changed) % peopleChunk)
	}
	return nil
}

// insertPeople writes new people with one statement and reads back their
// ids, matched by unit, folded name and birth date (unique in a batch).
func (w *importWriter) insertPeople(chunk []*planPerson) error {
	tx := w.tx
	var sb strings.Builder
	sb.WriteString(`INSERT INTO people (full_name, name_fold, sort_key, gender, birth_date, position, category, is_leader,
		unit_id, start_date, status, created_at, updated_at) VALUES `)
	args := make([]any, 0, len(chunk)*13)
	byKey := make(map[string]*planPerson, len(chunk))
	ph := w.db.dialect.placeholders()
	for i, pp := range chunk {
		x := pp.person
		x.UnitID = pp.node.id
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(ph.row(len(args), 13))
		fold := pp.fold
		args = append(args, x.FullName, fold, thidua.NameSortKey(x.FullName), x.Gender, nullDate(x.BirthDate),
			x.Position, x.Category, x.IsLeader, x.UnitID, nullDate(x.StartDate), x.Status, tx.now, tx.now)
		byKey[strconv.FormatInt(x.UnitID, 10)+"|"+fold+"|"+x.BirthDate.ISO()] = pp
	}
	sb.WriteString(" RETURNING id, unit_id, name_fold, birth_date")
	rows, err := tx.QueryContext(tx.ctx, sb.String(), args...)
	if err != nil {
		return fmt.Errorf("sqldb: import people: %w", w.db.dialect.mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, unitID int64
		var fold string
		var birth sql.NullString
		if err := rows.Scan(&id, &unitID, &fold, &birth); err != nil {
			return err
		}
		pp := byKey[strconv.FormatInt(unitID, 10)+"|"+fold+"|"+scanDate(birth).ISO()]
		if pp == nil {
			return fmt.Errorf("sqldb: import people: inserted row %d not matched", id)
		}
		pp.person.ID = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqldb: import people: %w", err)
	}
	return nil
}

func (w *importWriter) histories() error {
	tx := w.tx
	ctx := tx.ctx
	for i, sp := range w.p.subjects {
		id := sp.id()
		if id == 0 {
			return fmt.Errorf("sqldb: import history: subject without id")
		}
		doc, err := json.Marshal(sp.after)
		if err != nil {
			return err
		}
		var personID, unitID any
		if sp.subject == thidua.SubjectPerson {
			personID = id
		} else {
			unitID = id
		}
		key := subjectKey(sp.subject, id)
		if sp.version == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO histories (subject_key, person_id, unit_id, history_json, version, updated_at)
				VALUES ($1, $2, $3, $4, 1, $5)`, key, personID, unitID, string(doc), tx.now)
			if isUniqueViolation(err) {
				return thidua.ErrStale()
			}
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE histories SET history_json = $1, version = version + 1, updated_at = $2
				WHERE subject_key = $3 AND version = $4`, string(doc), tx.now, key, sp.version)
			if err == nil {
				if k, _ := res.RowsAffected(); k != 1 {
					return thidua.ErrStale()
				}
			}
		}
		if err != nil {
			return fmt.Errorf("sqldb: import history: %w", w.db.dialect.mapError(err))
		}
		w.audits = append(w.audits, auditItem{thidua.ActionUpdate, "history", id,
			map[string]any{"subject": sp.subject, "history": sp.before}, map[string]any{"subject": sp.subject, "history": sp.after}})
		if (i+1)%200 == 0 {
			if err := w.flushAudits(); err != nil {
				return err
			}
			w.step(200)
		}
	}
	if err := w.flushAudits(); err != nil {
		return err
	}
	w.step(len(w.p.subjects) % 200)
	return nil
}

func (w *importWriter) flushAudits() error {
	err := w.tx.auditMany(w.audits)
	w.audits = w.audits[:0]
	return err
}

// placeholderStyle writes the placeholders of multi-row INSERTs. Queries
// are written once with $n (dialect.go), but SQLite looks a named
// parameter up in a list as it parses and binds, so a statement of
// thousands of $n costs quadratic time; its anonymous ? parameters cost
// nothing. Only these generated bulk statements use them.
type placeholderStyle bool

func (d Dialect) placeholders() placeholderStyle { return placeholderStyle(d == SQLite) }

// row returns "(p1, …, pn)" for the n parameters after the first done.
func (q placeholderStyle) row(done, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		if q {
			b.WriteByte('?')
		} else {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(done + i + 1))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// auditItem is one change to append to the audit log.
type auditItem struct {
	action, entity string
	id             int64
	before, after  any
}

// auditRows is how many audit entries one INSERT statement carries.
const auditRows = 400

// auditMany appends entries to the hash-chained audit log, as tx.audit
// does one at a time: it reserves their sequence numbers under the chain
// head's row lock, hashes them in order and inserts them in batches.
func (tx *Tx) auditMany(items []auditItem) error {
	if len(items) == 0 {
		return nil
	}
	var last int64
	var prev string
	if err := tx.QueryRowContext(tx.ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`,
		len(items)).Scan(&last, &prev); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	var actorID int64
	actorName := "Hệ thống"
	if u := thidua.UserFromContext(tx.ctx); u != nil {
		actorID, actorName = u.ID, u.DisplayName+" ("+u.Username+")"
	}
	ip := thidua.IPFromContext(tx.ctx)
	entries := make([]thidua.AuditEntry, len(items))
	for i, it := range items {
		e := &entries[i]
		e.ID, e.At, e.ActorID, e.ActorName, e.IP = last-int64(len(items))+1+int64(i), tx.now, actorID, actorName, ip
		e.Action, e.Entity, e.EntityID = it.action, it.entity, it.id
		var err error
		if e.Before, err = marshalNullable(it.before); err != nil {
			return err
		}
		if e.After, err = marshalNullable(it.after); err != nil {
			return err
		}
		e.PrevHash = prev
		e.Hash = e.ComputeHash(prev)
		prev = e.Hash
	}
	for start := 0; start < len(entries); start += auditRows {
		chunk := entries[start:min(len(entries), start+auditRows)]
		var sb strings.Builder
		sb.WriteString(`INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES `)
		args := make([]any, 0, len(chunk)*12)
		ph := tx.db.dialect.placeholders()
		for i, e := range chunk {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(ph.row(len(args), 12))
			args = append(args, e.ID, e.At, e.ActorID, e.ActorName, e.IP, e.Action, e.Entity, e.EntityID,
				string(e.Before), string(e.After), e.PrevHash, e.Hash)
		}
		if _, err := tx.ExecContext(tx.ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("sqldb: audit insert: %w", err)
		}
	}
	if _, err := tx.ExecContext(tx.ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, prev); err != nil {
		return fmt.Errorf("sqldb: audit head: %w", err)
	}
	return nil
}
