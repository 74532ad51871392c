// Package province fills an empty database with a whole province, for
// measuring every page at the scale thidua promises: about 200 units over
// four levels (UBND tỉnh → sở and huyện → phòng → tổ), 50,000 people with
// Vietnamese names and ten-year award histories (ratings, titles, forms,
// initiatives, disciplines, maternity leave), 50 campaigns in every state
// with about 5,000 registrations, evidence and scores, 1,000 proposals,
// councils and their meetings, 2,000 issued decisions and 20,000 portal
// articles, and the accounts of the province's emulation officer, a
// department head and a staff member. Each award is decided at its level
// (package ladder): the Giấy khen an agency's units propose are received,
// put before the agency's own council and decided by the agency's head, in
// its register, by the agency's own officer (AgencyPassword).
//
// Everything is drawn from one seed, so the same seed and scale give the
// same database. The data goes through the services (or, for people, the
// import transaction and, for articles, the bulk article import), so every
// row passes the domain's checks and every change is audited; work is
// grouped into transactions of many rows so that a province takes minutes.
package province

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"thidua"
	"thidua/news"
	"thidua/passwd"
	"thidua/sqldb"
	"thidua/sqldb/articles"
)

// Options say how much to generate.
type Options struct {
	// Seed draws every name, date and record; the same seed and Scale give
	// the same database.
	Seed uint64
	// Scale multiplies every count except the units (1 is the province:
	// 50,000 people); 0.01 makes a small province for tests.
	Scale float64
	// Log receives one line per step with its time; nil discards them.
	Log io.Writer
	// Years of history, ending with LastYear (default 2025).
	LastYear int
}

// Account is a generated sign-in.
type Account struct {
	Username, Password string
	Role               thidua.Role
	UnitName           string
}

// Accounts are the generated sign-ins, the same for every seed.
var Accounts = []Account{
	{"quantritinh", "Tinh@2026-quantri", thidua.RoleAdmin, ""},
	{"thiduatinh", "Tinh@2026-thidua", thidua.RoleOfficer, ""},
	{"giamdocso", "Tinh@2026-giamdoc", thidua.RoleUnitHead, ""},
	{"chuyenvien", "Tinh@2026-chuyenvien", thidua.RoleStaff, ""},
	{"bientaptinh", "Tinh@2026-bientap", thidua.RoleEditor, ""},
	{"hoidong1", "Tinh@2026-hoidong1", thidua.RoleCouncil, ""},
	{"hoidong2", "Tinh@2026-hoidong2", thidua.RoleCouncil, ""},
	{"hoidong3", "Tinh@2026-hoidong3", thidua.RoleCouncil, ""},
	{"thukyhd", "Tinh@2026-thukyhd", thidua.RoleCouncil, ""},
}

// Counts are what Generate made.
type Counts struct {
	Units, People, Histories, Campaigns, Registrations, Evidence, Scores int
	Proposals, Councils, Meetings, Decisions, Articles                   int
	// Forwarded counts the agencies' proposals forwarded up to the
	// province (besides Proposals: the tờ trình the forwarding makes).
	Forwarded int
}

// ErrNotEmpty is returned when the database already holds units.
var ErrNotEmpty = errors.New("province: the database already holds units; a province is generated only into an empty database")

type gen struct {
	db   *sqldb.DB
	r    *rand.Rand
	o    Options
	sys  context.Context
	log  io.Writer
	last int
	n    Counts

	root   *thidua.Unit
	depts  []*thidua.Unit // level 2, departments then districts
	leaves []*thidua.Unit // units people work in (levels 2–4)
	byID   map[int64]*thidua.Unit
	people []personRow
	byUnit map[int64][]int // unit ID → indexes into people
	users  map[string]*thidua.User
	ctxs   map[string]context.Context

	agencies   map[int64]*agency // agency unit ID → its office (agency.go)
	agencyHash string            // AgencyPassword hashed once
	province   *thidua.Council   // the province's council
	decided    int               // meetings decided, against the decisions wanted
	forward    int64             // an agency's proposal to forward up, or 0
}

type personRow struct {
	id       int64
	unitID   int64
	female   bool
	leader   bool
	birth    thidua.Date
	start    thidua.Date
	name     string
	clean    bool // no discipline: may be nominated
	position string
}

func (g *gen) count(full int) int { return max(1, int(float64(full)*g.o.Scale+0.5)) }

func (g *gen) step(name string, t0 time.Time, format string, args ...any) {
	fmt.Fprintf(g.log, "  %-28s %8s  %s\n", name, time.Since(t0).Round(time.Millisecond), fmt.Sprintf(format, args...))
}

// Generate fills db, which must hold no unit, and returns what it made.
// ctx must be made by thidua.NewSystemContext.
func Generate(ctx context.Context, db *sqldb.DB, o Options) (*Counts, error) {
	if !thidua.IsSystemContext(ctx) {
		return nil, errors.New("province: Generate needs a context made by thidua.NewSystemContext")
	}
	if o.Scale <= 0 {
		o.Scale = 1
	}
	if o.LastYear == 0 {
		o.LastYear = 2025
	}
	g := &gen{db: db, r: rand.New(rand.NewPCG(o.Seed, 0x7468696475610a)), o: o, sys: ctx, log: o.Log, last: o.LastYear,
		byID: map[int64]*thidua.Unit{}, byUnit: map[int64][]int{}, users: map[string]*thidua.User{}, ctxs: map[string]context.Context{}, agencies: map[int64]*agency{}}
	if g.log == nil {
		g.log = io.Discard
	}
	existing, _, err := db.FindUnits(ctx, thidua.UnitFilter{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 {
		return nil, ErrNotEmpty
	}
	for _, s := range []struct {
		name string
		fn   func() (string, error)
	}{
		{"đơn vị", g.units},
		{"cá nhân", g.importPeople},
		{"lịch sử khen thưởng", g.histories},
		{"tài khoản", g.accounts},
		{"phong trào thi đua", g.campaigns},
		{"tờ trình, hội đồng, quyết định", g.commendation},
		{"tin bài", g.articles},
		{"thống kê cho bộ lập kế hoạch truy vấn", g.analyze},
	} {
		t0 := time.Now()
		what, err := s.fn()
		if err != nil {
			return &g.n, fmt.Errorf("province: %s: %w", s.name, err)
		}
		g.step(s.name, t0, "%s", what)
	}
	return &g.n, nil
}

// detached keeps ctx's cancellation but none of its values, so that a
// generated user's context does not also act for the system.
type detached struct{ context.Context }

func (detached) Value(any) any { return nil }

func (g *gen) units() (string, error) {
	mk := func(u *thidua.Unit) error {
		u.Active = true
		if err := g.db.CreateUnit(g.sys, u); err != nil {
			return fmt.Errorf("%s: %w", u.Name, err)
		}
		g.byID[u.ID] = u
		g.n.Units++
		return nil
	}
	g.root = &thidua.Unit{Name: "Ủy ban nhân dân tỉnh", Abbrev: "UBND", Kind: thidua.UnitProvince}
	if err := mk(g.root); err != nil {
		return "", err
	}
	add := func(name, abbrev string, offices []string, team string) error {
		d := &thidua.Unit{ParentID: g.root.ID, Name: name, Abbrev: abbrev, Kind: thidua.UnitAgency}
		if err := mk(d); err != nil {
			return err
		}
		g.depts = append(g.depts, d)
		g.leaves = append(g.leaves, d)
		for i, o := range offices {
			p := &thidua.Unit{ParentID: d.ID, Name: o, Kind: thidua.UnitDepartment}
			if err := mk(p); err != nil {
				return err
			}
			g.leaves = append(g.leaves, p)
			if i == 0 {
				t := &thidua.Unit{ParentID: p.ID, Name: team, Kind: thidua.UnitTeam}
				if err := mk(t); err != nil {
					return err
				}
				g.leaves = append(g.leaves, t)
			}
		}
		return nil
	}
	for _, d := range departments {
		if err := add(d.name, d.abbrev, departmentOffices, "Tổ Văn thư – Lưu trữ"); err != nil {
			return "", err
		}
	}
	for _, d := range districts {
		if err := add(d.name, d.abbrev, districtOffices, "Tổ Một cửa"); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d đơn vị, 4 cấp", g.n.Units), nil
}

// unitPath is the names from the root down to u, as the import reads them.
func (g *gen) unitPath(u *thidua.Unit) []string {
	var out []string
	for c := u; c != nil; c = g.byID[c.ParentID] {
		out = append([]string{c.Name}, out...)
	}
	return out
}

func (g *gen) randDate(from, to int) thidua.Date {
	y := from + g.r.IntN(to-from+1)
	return thidua.NewDate(y, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
}

func (g *gen) importPeople() (string, error) {
	n := g.count(50_000)
	b := &thidua.ImportBatch{FileName: "tinh.xlsx"}
	rows := make([]personRow, 0, n)
	for i := range n {
		// The first people of a unit lead it; units get people in turn, a
		// department's office more than a team.
		u := g.leaves[i%len(g.leaves)]
		female := g.r.IntN(100) < 52
		birth := g.randDate(1966, 2000)
		start := thidua.NewDate(birth.Year()+22+g.r.IntN(4), time.Month(1+g.r.IntN(12)), 1)
		leader := i < len(g.leaves)*2
		pos := positions[g.r.IntN(len(positions))]
		if leader {
			pos = "Trưởng phòng"
			if i >= len(g.leaves) {
				pos = "Phó Trưởng phòng"
			}
			if u.Kind == thidua.UnitAgency {
				pos = map[bool]string{true: "Giám đốc", false: "Phó Giám đốc"}[i < len(g.leaves)]
			} else if u.Kind == thidua.UnitTeam {
				pos = map[bool]string{true: "Tổ trưởng", false: "Tổ phó"}[i < len(g.leaves)]
			}
		}
		cat := thidua.CategoryCongChuc
		switch g.r.IntN(10) {
		case 0, 1:
			cat = thidua.CategoryVienChuc
		case 2:
			cat = thidua.CategoryNguoiLD
		}
		status := thidua.PersonActive
		if g.r.IntN(50) == 0 {
			status = thidua.PersonRetired
		}
		p := thidua.Person{FullName: fullName(g.r, female), Gender: thidua.GenderMale, BirthDate: birth, Position: pos,
			Category: cat, IsLeader: leader, StartDate: start, Status: status}
		if female {
			p.Gender = thidua.GenderFemale
		}
		b.People = append(b.People, thidua.ImportPerson{Ref: thidua.ImportRef{Sheet: "Cá nhân", Row: i + 2}, UnitPath: g.unitPath(u), Person: p})
		rows = append(rows, personRow{unitID: u.ID, female: female, leader: leader, birth: birth, start: start, name: p.FullName, clean: true, position: pos})
	}
	sum, problems, err := g.db.ApplyImport(g.sys, b, nil)
	if err != nil {
		return "", err
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("%d problems, first: %s", len(problems), problems[0])
	}
	// Read the IDs back in the order of the batch: a person is known by
	// name, birth date and unit (thidua.PersonKey), which may repeat.
	rs, err := g.db.SQL().QueryContext(g.sys, `SELECT id, unit_id, full_name, birth_date FROM people ORDER BY id`)
	if err != nil {
		return "", err
	}
	defer rs.Close()
	idx := map[string][]int{}
	for i, p := range rows {
		k := fmt.Sprint(p.unitID, thidua.PersonKey(p.name, p.birth))
		idx[k] = append(idx[k], i)
	}
	for rs.Next() {
		var id, unit int64
		var name, birth string
		if err := rs.Scan(&id, &unit, &name, &birth); err != nil {
			return "", err
		}
		t, err := time.Parse(time.DateOnly, birth[:min(10, len(birth))])
		if err != nil {
			return "", err
		}
		k := fmt.Sprint(unit, thidua.PersonKey(name, thidua.DateOf(t)))
		if l := idx[k]; len(l) > 0 {
			rows[l[0]].id, idx[k] = id, l[1:]
		}
	}
	if err := rs.Err(); err != nil {
		return "", err
	}
	for i, p := range rows {
		if p.id == 0 {
			continue // a repeated name, birth date and unit: the import merged it
		}
		g.people = append(g.people, p)
		g.byUnit[p.unitID] = append(g.byUnit[p.unitID], len(g.people)-1)
		_ = i
	}
	g.n.People = len(g.people)
	return fmt.Sprintf("%d cá nhân (%d mới)", g.n.People, sum.People.New), nil
}

// history draws ten years of records for p.
func (g *gen) history(p *personRow) thidua.History {
	var h thidua.History
	from := max(g.last-9, p.start.Year()+1)
	for y := from; y <= g.last; y++ {
		code := thidua.RatingHTTNV
		switch n := g.r.IntN(100); {
		case n < 15:
			code = thidua.RatingHTXSNV
		case n < 88:
		case n < 98:
			code = thidua.RatingHTNV
		default:
			code = thidua.RatingKHTNV
		}
		h.Ratings = append(h.Ratings, thidua.Rating{Year: y, Code: code, Source: fmt.Sprintf("%02d/TB-UBND", 1+g.r.IntN(40))})
		if code == thidua.RatingHTXSNV || code == thidua.RatingHTTNV {
			h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleLDTT, Decision: fmt.Sprintf("%d/QĐ-UBND", 10+g.r.IntN(90))})
			if code == thidua.RatingHTXSNV && g.r.IntN(2) == 0 {
				h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleCSTDCS, Path: thidua.PathHTXSNV, Decision: fmt.Sprintf("%d/QĐ-UBND", 100+g.r.IntN(400))})
			}
		}
		if g.r.IntN(100) < 6 {
			h.Awards = append(h.Awards, thidua.Award{Code: thidua.FormGK, Date: thidua.NewDate(y+1, 1, 10+g.r.IntN(15)), Type: thidua.AwardCongTrang, Decision: fmt.Sprintf("%d/QĐ-SNV", 1+g.r.IntN(300))})
		} else if g.r.IntN(100) < 1 {
			h.Awards = append(h.Awards, thidua.Award{Code: thidua.FormBKCT, Date: thidua.NewDate(y+1, 2, 1+g.r.IntN(27)), Type: thidua.AwardCongTrang, Decision: fmt.Sprintf("%d/QĐ-UBND", 100+g.r.IntN(900))})
		}
		if g.r.IntN(100) < 4 {
			lvl := thidua.LevelCoSo
			if g.r.IntN(5) == 0 {
				lvl = thidua.LevelTinh
			}
			h.Initiatives = append(h.Initiatives, thidua.Initiative{Year: y, Level: lvl, Kind: thidua.InitiativeSangKien, Title: "Sáng kiến " + sentence(g.r, 6)})
		}
		if p.female && y-p.birth.Year() < 40 && g.r.IntN(100) < 6 {
			f := thidua.NewDate(y, time.Month(1+g.r.IntN(6)), 1)
			h.MaternityLeave = append(h.MaternityLeave, thidua.Period{From: f, To: thidua.DateOf(f.Time().AddDate(0, 6, 0))})
		}
	}
	if from <= g.last && g.r.IntN(100) < 2 {
		y := from + g.r.IntN(g.last-from+1)
		f := thidua.NewDate(y, time.Month(1+g.r.IntN(12)), 1)
		h.Disciplines = append(h.Disciplines, thidua.Discipline{From: f, To: thidua.DateOf(f.Time().AddDate(1, 0, 0)), Level: thidua.DisciplineKhienTrach, Decision: fmt.Sprintf("%d/QĐ-KL", 1+g.r.IntN(99))})
		p.clean = false
	}
	return h
}

func (g *gen) histories() (string, error) {
	const chunk = 2000
	for from := 0; from < len(g.people); from += chunk {
		err := g.db.InTx(g.sys, func(tx *sqldb.DB) error {
			for i := from; i < min(from+chunk, len(g.people)); i++ {
				p := &g.people[i]
				h := &thidua.SubjectHistory{Subject: thidua.SubjectPerson, SubjectID: p.id, History: g.history(p)}
				if len(h.History.Ratings) == 0 {
					continue
				}
				if err := tx.SaveHistory(g.sys, h); err != nil {
					return fmt.Errorf("%s: %w", p.name, err)
				}
				g.n.Histories++
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	// Collective histories of the departments and their offices.
	err := g.db.InTx(g.sys, func(tx *sqldb.DB) error {
		for _, u := range g.leaves {
			var h thidua.History
			for y := g.last - 9; y <= g.last; y++ {
				h.Ratings = append(h.Ratings, thidua.Rating{Year: y, Code: thidua.RatingHTTNV})
				h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleTTLDTT, Decision: fmt.Sprintf("%d/QĐ-UBND", 10+g.r.IntN(90))})
			}
			if err := tx.SaveHistory(g.sys, &thidua.SubjectHistory{Subject: thidua.SubjectUnit, SubjectID: u.ID, History: h}); err != nil {
				return fmt.Errorf("%s: %w", u.Name, err)
			}
			g.n.Histories++
		}
		return nil
	})
	return fmt.Sprintf("%d hồ sơ, %d năm", g.n.Histories, 10), err
}

func (g *gen) accounts() (string, error) {
	snv := g.depts[1] // Sở Nội vụ
	var staffUnit *thidua.Unit
	for _, u := range g.leaves {
		if u.ParentID == snv.ID && u.Kind == thidua.UnitDepartment {
			staffUnit = u
			break
		}
	}
	units := map[string]*thidua.Unit{"quantritinh": g.root, "thiduatinh": g.root, "giamdocso": snv, "chuyenvien": staffUnit, "bientaptinh": g.root}
	for _, a := range Accounts {
		u := units[a.Username]
		if u == nil {
			u = g.root
		}
		hash, err := passwd.Hash(a.Password)
		if err != nil {
			return "", err
		}
		usr := &thidua.User{Username: a.Username, DisplayName: a.Username, PasswordHash: hash, Grants: []thidua.Grant{{Role: a.Role, UnitID: u.ID}}}
		// Link every account but the administrator's to a person of its unit.
		if l := g.byUnit[u.ID]; a.Role != thidua.RoleAdmin && len(l) > 0 {
			k := 0
			switch a.Username {
			case "chuyenvien":
				k = len(l) - 1
			case "hoidong1", "hoidong2", "hoidong3", "thukyhd":
				k = (len(a.Username) + int(a.Username[len(a.Username)-1])) % len(l)
			}
			p := g.people[l[k]]
			usr.PersonID, usr.DisplayName = p.id, p.name
		}
		if err := g.db.CreateUser(g.sys, usr); err != nil {
			return "", fmt.Errorf("%s: %w", a.Username, err)
		}
		g.users[a.Username] = usr
		g.ctxs[a.Username] = thidua.NewContextWithUser(detached{g.sys}, usr)
	}
	return fmt.Sprintf("%d tài khoản", len(Accounts)), nil
}

// sentence draws n words.
func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	s := b.String()
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:]
}

func (g *gen) articles() (string, error) {
	cats := []string{"Tin tức – Sự kiện", "Thi đua – Khen thưởng", "Gương điển hình", "Văn bản chỉ đạo", "Cải cách hành chính"}
	var ids []int64
	for _, name := range cats {
		c := &news.Category{Name: name}
		if err := articles.New(g.db).CreateCategory(g.sys, c); err != nil {
			return "", err
		}
		ids = append(ids, c.ID)
	}
	n := g.count(20_000)
	first := time.Date(g.last-9, 1, 5, 8, 0, 0, 0, time.UTC)
	step := time.Duration(int64(10*365*24*time.Hour) / int64(n))
	const batch = 5000
	for done := 0; done < n; done += batch {
		var list []*news.Article
		for i := done; i < min(done+batch, n); i++ {
			var body strings.Builder
			for p := range 3 + g.r.IntN(4) {
				if p > 0 {
					body.WriteString("\n\n")
				}
				body.WriteString(sentence(g.r, 30+g.r.IntN(30)) + ".")
			}
			list = append(list, &news.Article{Title: sentence(g.r, 8+g.r.IntN(6)), Summary: sentence(g.r, 20) + ".",
				Body: body.String(), CategoryID: ids[g.r.IntN(len(ids))], Signature: "BBT",
				PublishedAt: first.Add(time.Duration(i) * step)})
		}
		if err := articles.New(g.db).ImportArticles(g.sys, list); err != nil {
			return "", err
		}
		g.n.Articles += len(list)
	}
	return fmt.Sprintf("%d tin bài, %d chuyên mục", g.n.Articles, len(cats)), nil
}

// analyze gathers the planner's statistics of the bulk-loaded tables (and,
// on PostgreSQL, the visibility map for index-only counts): without them
// PostgreSQL joins every unit's people and sorts them for a first page.
func (g *gen) analyze() (string, error) {
	stmt := "ANALYZE"
	if g.db.Dialect() == sqldb.Postgres {
		stmt = "VACUUM ANALYZE"
	}
	if _, err := g.db.SQL().ExecContext(g.sys, stmt); err != nil {
		return "", err
	}
	return stmt, nil
}

// inTx runs fn with g.db in one transaction: many rows, one commit.
func (g *gen) inTx(ctx context.Context, fn func() error) error {
	outer := g.db
	defer func() { g.db = outer }()
	return outer.InTx(ctx, func(tx *sqldb.DB) error {
		g.db = tx
		return fn()
	})
}
