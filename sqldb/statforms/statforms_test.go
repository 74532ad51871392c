package statforms_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"thidua"
	"thidua/cluster"
	"thidua/demo/demotest"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
	sqlforms "thidua/sqldb/statforms"
	"thidua/statforms"
)

func TestMain(m *testing.M) { demotest.Main(m) }

func as(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

// expected is a cell figure recomputed from the demo's stored awards and
// campaigns read through the domain services, keyed "row/column", written
// without the forms' data or matches: each form's classification spelled
// out as the README states it.
type expected map[string]int

func (e expected) add(row, col string) { e[row+"/"+col]++ }

// leadRow returns the leadership row class of a person in year y.
func leadRow(h *thidua.History, isLeader bool, y int) string {
	if len(h.Leadership) == 0 {
		if isLeader {
			return "other"
		}
		return "direct"
	}
	out := "direct"
	for _, p := range h.Leadership {
		held := p.From.Year() <= y && (p.To.IsZero() || p.To.Year() >= y)
		if !held {
			continue
		}
		switch p.Post {
		case thidua.PostGiamDocSo, thidua.PostPhoGiamDocSo, thidua.PostTongCucTruong, thidua.PostPhoTongCucTruong:
			out = "dept"
		default:
			if out == "direct" {
				out = "other"
			}
		}
	}
	return out
}

type award struct {
	code, subject, kind, lead string
}

// demoAwards reads every award of year of the subtree of root through
// the domain services (people of every status, units), one history at a
// time.
func demoAwards(t *testing.T, ctx context.Context, db *sqldb.DB, root int64, year int) []award {
	t.Helper()
	var out []award
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{UnitID: root, Subtree: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	kindOf := map[string]string{
		thidua.AwardCongTrang: "regular", thidua.AwardPhongTrao: "thematic", thidua.AwardDotXuat: "sudden",
		thidua.AwardDoiNgoai: "foreign", thidua.AwardCongHien: "devotion", thidua.AwardNienHan: "seniority",
	}
	collect := func(h *thidua.History, subject, lead string) {
		for _, ti := range h.Titles {
			if !ti.Revoked && ti.Year == year {
				out = append(out, award{ti.Code, subject, "regular", lead})
			}
		}
		for _, a := range h.Awards {
			if !a.Revoked && a.Date.Year() == year {
				out = append(out, award{a.Code, subject, kindOf[a.Type], lead})
			}
		}
	}
	for _, p := range people {
		sh, err := db.FindHistory(ctx, thidua.SubjectPerson, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		collect(&sh.History, "person", leadRow(&sh.History, p.IsLeader, year))
	}
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{Subtree: root})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		sh, err := db.FindHistory(ctx, thidua.SubjectUnit, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		collect(&sh.History, "unit", "")
	}
	return out
}

// want0602 recomputes Biểu 0602 (state-level awards).
func want0602(awards []award) expected {
	e := expected{}
	for _, a := range awards {
		var cols []string
		switch {
		case a.code == thidua.FormHCLD1 && a.subject == "unit":
			cols = []string{"2.1"}
		case a.code == thidua.FormHCLD1:
			cols = []string{"2.2"}
		case a.code == thidua.FormHCLD2 && a.subject == "unit":
			cols = []string{"2.3"}
		case a.code == thidua.FormHCLD2:
			cols = []string{"2.4"}
		case a.code == thidua.FormHCLD3 && a.subject == "unit":
			cols = []string{"2.5"}
		case a.code == thidua.FormHCLD3:
			cols = []string{"2.6"}
		case a.code == thidua.TitleCTCP:
			cols = []string{"6"}
		case a.code == thidua.FormBKTTG && a.subject == "unit":
			cols = []string{"7.1"}
		case a.code == thidua.FormBKTTG:
			cols = []string{"7.2"}
		case a.code == thidua.TitleCSTDTQ:
			cols = []string{"8"}
		default:
			continue // not a state-level award
		}
		cols = append(cols, "1")
		rows := []string{"1", "3"}
		if a.subject == "unit" {
			rows = append(rows, "6")
		} else {
			rows = append(rows, "9", map[string]string{"dept": "11", "other": "13", "direct": "14"}[a.lead])
		}
		rows = append(rows, map[string]string{"regular": "15", "thematic": "16", "sudden": "17", "foreign": "18", "devotion": "19", "seniority": "20"}[a.kind])
		for _, r := range rows {
			for _, c := range cols {
				e.add(r, c)
			}
		}
	}
	return e
}

// want0603 recomputes Biểu 0603 (awards of the province's level).
func want0603(awards []award) expected {
	e := expected{}
	for _, a := range awards {
		var col string
		switch a.code {
		case thidua.FormBKCT, thidua.FormBKBN:
			col = "2"
		case thidua.TitleCSTDT:
			col = "3"
		case thidua.TitleCTT:
			col = "4"
		default:
			continue
		}
		rows := []string{"01"}
		if a.subject == "unit" {
			rows = append(rows, "02")
		} else {
			rows = append(rows, "05", map[string]string{"dept": "07", "other": "09", "direct": "10"}[a.lead])
		}
		rows = append(rows, map[string]string{"regular": "11", "thematic": "12", "sudden": "13", "foreign": "14", "devotion": "15", "seniority": "16"}[a.kind])
		for _, r := range rows {
			e.add(r, col)
			e.add(r, "1")
		}
	}
	return e
}

// want0601 recomputes Biểu 0601 (campaigns) from the campaigns the
// subtree's units launched and ran in year.
func want0601(t *testing.T, ctx context.Context, db *sqldb.DB, root *thidua.Unit, year int) expected {
	t.Helper()
	campaigns, _, err := db.FindCampaigns(ctx, thidua.CampaignFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	units, _, err := db.FindUnits(thidua.NewSystemContext(context.Background()), thidua.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*thidua.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	under := func(u *thidua.Unit) bool {
		for ; u != nil; u = byID[u.ParentID] {
			if u.ID == root.ID {
				return true
			}
		}
		return false
	}
	// The year reviews of clusters and blocs are of the scope "cụm, khối".
	reviews := map[int64]bool{}
	cl, _, err := clusters.New(db).FindClusters(ctx, cluster.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cl {
		if k.CampaignID != 0 {
			reviews[k.CampaignID] = true
		}
	}
	e := expected{}
	for _, c := range campaigns {
		if c.State == thidua.CampaignDraft || c.StartDate.Year() > year || c.EndDate.Year() < year || !under(byID[c.UnitID]) {
			continue
		}
		col := "4"
		if byID[c.UnitID].Kind == thidua.UnitProvince {
			col = "3"
		}
		scope := "05"
		switch {
		case reviews[c.ID]:
			scope = "04"
		case byID[c.ScopeUnitID].Kind == thidua.UnitProvince:
			scope = "03"
		}
		days := c.EndDate.Time().Sub(c.StartDate.Time()).Hours()/24 + 1
		span := "10"
		switch {
		case days < 365:
			span = "06"
		case days <= 366 && c.StartDate.Time().AddDate(1, 0, -1).Equal(c.EndDate.Time()):
			span = "07"
		case days < 3*365:
			span = "08"
		case days < 5*365:
			span = "09"
		}
		kind := "12"
		if c.Form == thidua.FormThematic {
			kind = "11"
		}
		for _, r := range []string{"01", scope, span, kind} {
			e.add(r, col)
			e.add(r, "1")
		}
	}
	return e
}

// compare checks every cell of the report against e, and that cells
// thidua cannot derive are 0.
func compare(t *testing.T, r *statforms.Report, e expected) {
	t.Helper()
	seen := 0
	for i, row := range r.Form.Rows {
		if row.Heading {
			continue
		}
		for j, col := range r.Form.Columns {
			got, want := r.Cells[i][j], e[row.Code+"/"+col.No]
			if r.Underived(i, j) != "" && got != 0 {
				t.Errorf("%s row %s column %s: underived cell is %d, want 0", r.Form.Number(), row.Code, col.No, got)
			}
			if got != want {
				t.Errorf("%s row %s column %s = %d, want %d", r.Form.Number(), row.Code, col.No, got, want)
			}
			if want != 0 {
				seen++
			}
		}
	}
	if seen != len(e) {
		t.Errorf("%s: %d expected cells found in the form, want all %d: %v", r.Form.Number(), seen, len(e), e)
	}
}

// TestFormsMatchStoredAwards fills the three forms for 2025 for the
// province and for one agency and sets every cell against the figures
// recomputed from the stored awards and campaigns.
func TestFormsMatchStoredAwards(t *testing.T) {
	set := statforms.MustLoad()
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		ctx := as(t, o.DB, "admin")
		store := sqlforms.New(o.DB, set)
		units, _, err := o.DB.FindUnits(ctx, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var province, office *thidua.Unit
		for _, u := range units {
			switch u.Name {
			case "Ủy ban nhân dân tỉnh":
				province = u
			case "Văn phòng UBND tỉnh":
				office = u
			}
		}
		if province == nil || office == nil {
			t.Fatal("the demo's province or office is missing")
		}
		const year = 2025
		nonzero := map[string]int{}
		check := func(root *thidua.Unit) {
			awards := demoAwards(t, ctx, o.DB, root.ID, year)
			for _, c := range []struct {
				form string
				want expected
			}{
				{"0601", want0601(t, ctx, o.DB, root, year)},
				{"0602", want0602(awards)},
				{"0603", want0603(awards)},
			} {
				r, err := store.StatForm(ctx, statforms.Request{Form: c.form, Year: year, UnitID: root.ID})
				if err != nil {
					t.Fatalf("%s for %s: %v", c.form, root.Name, err)
				}
				compare(t, r, c.want)
				if got, want := r.ReportDate.String(), "15/12/2025"; got != want {
					t.Errorf("report date %s, want %s", got, want)
				}
				nonzero[c.form] += r.Cells[0][0]
				// The province consolidates: its total is the sum of its branches'.
				sum := 0
				for _, b := range r.Branches {
					sum += b.Cells[0][0]
				}
				if sum != r.Cells[0][0] {
					t.Errorf("%s for %s: branches sum to %d, total %d", c.form, root.Name, sum, r.Cells[0][0])
				}
			}
		}
		// The demo as loaded — its 2025 awards decided above the office
		// (the chairman's Bằng khen 318/QĐ-UBND, a CSTĐ cấp tỉnh, the Prime
		// Minister's Bằng khen) fill both award forms, and the bloc's 2025
		// review (Khối các cơ quan tổng hợp, launched by UBND tỉnh) fills
		// 0601 in mã số 04 — then with more awards of every kind and a
		// campaign.
		check(province)
		for _, f := range []string{"0601", "0602", "0603"} {
			if nonzero[f] == 0 {
				t.Errorf("form %s for %d is all zero on the demo as loaded: it has no award or campaign of that kind", f, year)
			}
		}
		if r, err := store.StatForm(ctx, statforms.Request{Form: "0601", Year: year, UnitID: province.ID}); err != nil {
			t.Fatal(err)
		} else if got := r.Cells[slices.IndexFunc(r.Form.Rows, func(row statforms.Row) bool { return row.Code == "04" })][0]; got != 1 {
			t.Errorf("0601 mã số 04 (cụm, khối) for the province = %d, want 1: the demo bloc's review", got)
		}
		before := nonzero["0603"]
		check(office)
		if nonzero["0603"] == before {
			t.Errorf("the office's 0603 for %d is all zero: the Bằng khen of 2025 to its people and Phòng Hành chính – Tổ chức are missing", year)
		}
		clear(nonzero)
		enrich(t, ctx, o.DB, province)
		check(province)
		check(office)
		for _, f := range []string{"0601", "0602", "0603"} {
			if nonzero[f] == 0 {
				t.Errorf("form %s has no figure at all in the demo for %d: the comparison proves nothing", f, year)
			}
		}
	})
}

// TestFormScope: a unit head reports for their own unit only; bad input
// is refused with a Vietnamese message.
func TestFormScope(t *testing.T) {
	set := statforms.MustLoad()
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		store := sqlforms.New(o.DB, set)
		admin := as(t, o.DB, "admin")
		units, _, err := o.DB.FindUnits(admin, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		head := as(t, o.DB, "truongphonghc")
		u := thidua.UserFromContext(head)
		for _, un := range units {
			if un.ParentID == 0 {
				_, err := store.StatForm(head, statforms.Request{Form: "0603", Year: 2025, UnitID: un.ID})
				if thidua.ErrorCode(err) != thidua.ENOTFOUND {
					t.Errorf("head of a section reporting for the province: %v, want not found", err)
				}
			}
			if u.Covers(thidua.PermViewOrg, un.Path) {
				if _, err := store.StatForm(head, statforms.Request{Form: "0603", Year: 2025, UnitID: un.ID}); err != nil {
					t.Errorf("head reporting for %s in scope: %v", un.Name, err)
				}
			}
		}
		for _, bad := range []statforms.Request{{Form: "0699", Year: 2025, UnitID: units[0].ID}, {Form: "0601", Year: 1800, UnitID: units[0].ID}, {Form: "0601", Year: 2025}} {
			_, err := store.StatForm(admin, bad)
			if thidua.ErrorCode(err) != thidua.EINVALID || thidua.ErrorMessage(err) == "" {
				t.Errorf("%+v: %v, want a Vietnamese EINVALID", bad, err)
			}
		}
	})
}

// enrich adds, through the services the pages use, what the demo lacks
// for 2025: awards of state and provincial level to people and units of
// every kind (one revoked), and a yearly campaign launched by the
// province over the whole province.
func enrich(t *testing.T, ctx context.Context, db *sqldb.DB, province *thidua.Unit) {
	t.Helper()
	d := func(m time.Month, day int) thidua.Date { return thidua.NewDate(2025, m, day) }
	people, _, err := db.FindPeople(ctx, thidua.PersonFilter{UnitID: province.ID, Subtree: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	type add struct {
		awards []thidua.Award
		titles []thidua.TitleRecord
	}
	adds := []add{
		{awards: []thidua.Award{{Code: thidua.FormBKCT, Date: d(6, 1), Type: thidua.AwardCongTrang}, {Code: thidua.FormHCLD3, Date: d(8, 1), Type: thidua.AwardCongHien}}},
		{awards: []thidua.Award{{Code: thidua.FormBKTTG, Date: d(3, 2), Type: thidua.AwardDotXuat}}, titles: []thidua.TitleRecord{{Year: 2025, Code: thidua.TitleCSTDT}}},
		{awards: []thidua.Award{{Code: thidua.FormBKBN, Date: d(9, 2), Type: thidua.AwardPhongTrao},
			{Code: thidua.FormBKCT, Date: d(4, 4), Type: thidua.AwardCongTrang, Revoked: true, RevokedReason: "Hủy theo quyết định"}}},
		{awards: []thidua.Award{{Code: thidua.FormBKCT, Date: d(11, 20), Type: thidua.AwardNienHan}}, titles: []thidua.TitleRecord{{Year: 2025, Code: thidua.TitleCSTDTQ}}},
	}
	// Leaders and staff alike: the first people of the list, and the last.
	picks := []*thidua.Person{people[0], people[1], people[len(people)-1], people[len(people)/2]}
	for i, p := range picks {
		sh, err := db.FindHistory(ctx, thidua.SubjectPerson, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		sh.History.Awards = append(sh.History.Awards, adds[i].awards...)
		sh.History.Titles = append(sh.History.Titles, adds[i].titles...)
		if err := db.SaveHistory(ctx, sh); err != nil {
			t.Fatalf("save history of %s: %v", p.FullName, err)
		}
	}
	units, _, err := db.FindUnits(ctx, thidua.UnitFilter{Subtree: province.ID})
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range units[1:3] {
		sh, err := db.FindHistory(ctx, thidua.SubjectUnit, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			sh.History.Titles = append(sh.History.Titles, thidua.TitleRecord{Year: 2025, Code: thidua.TitleCTT})
			sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormHCLD3, Date: d(5, 19), Type: thidua.AwardCongTrang})
		} else {
			sh.History.Awards = append(sh.History.Awards, thidua.Award{Code: thidua.FormBKCT, Date: d(12, 1), Type: thidua.AwardPhongTrao},
				thidua.Award{Code: thidua.FormBKTTG, Date: d(7, 7), Type: thidua.AwardCongTrang})
		}
		if err := db.SaveHistory(ctx, sh); err != nil {
			t.Fatalf("save history of %s: %v", u.Name, err)
		}
	}
	cs, _, err := db.FindCampaigns(ctx, thidua.CampaignFilter{Limit: 10})
	if err != nil || len(cs) == 0 {
		t.Fatalf("the demo's campaign: %v", err)
	}
	c, err := db.FindCampaignByID(ctx, cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	n := *c
	n.ID, n.Version, n.State = 0, 0, ""
	n.Title = "Phong trào thi đua thực hiện nhiệm vụ chính trị năm 2025"
	n.Form, n.Kind = thidua.FormRegular, "NAM"
	n.UnitID, n.ScopeUnitID = province.ID, province.ID
	n.Plan.Number, n.Plan.Issuer = "12", "UBND"
	n.StartDate, n.EndDate, n.PlanDate = d(1, 1), d(12, 31), d(1, 1)
	if err := db.CreateCampaign(ctx, &n); err != nil {
		t.Fatalf("create campaign: %v", err)
	}
	crit, err := db.FindCriteria(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, cr := range crit {
		cr.ID, cr.CampaignID = 0, n.ID
	}
	if err := db.SaveCriteria(ctx, n.ID, n.Version, crit); err != nil {
		t.Fatalf("criteria: %v", err)
	}
	got, err := db.FindCampaignByID(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.TransitionCampaign(ctx, n.ID, "launch", got.Version); err != nil {
		t.Fatalf("launch campaign: %v", err)
	}
}
