package statforms_test

import (
	"testing"
	"testing/fstest"
	"time"

	"thidua"
	"thidua/statforms"
)

func TestEmbeddedFormsLoad(t *testing.T) {
	set, err := statforms.Load()
	if err != nil {
		t.Fatalf("the embedded forms do not load: %v", err)
	}
	c, err := set.InForce(thidua.NewDate(2025, 12, 15))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Code, "02/2023/TT-BNV"; got != want {
		t.Errorf("circular in force = %s, want %s", got, want)
	}
	for _, code := range []string{"0601", "0602", "0603", "0602.N/BNV-TĐKT"} {
		if _, ok := c.Form(code); !ok {
			t.Errorf("no form %s", code)
		}
	}
	if _, err := set.InForce(thidua.NewDate(2020, 12, 15)); thidua.ErrorCode(err) != thidua.EINVALID {
		t.Errorf("forms before the circular: %v, want EINVALID", err)
	}
}

// TestLaterCircular: a later circular is a file of its own; reports from
// its effective date use it, earlier years keep the old forms.
func TestLaterCircular(t *testing.T) {
	old := `{"code":"02/2023/TT-BNV","effective_from":"2023-03-23","report_day":15,"report_month":12,
		"forms":[{"code":"0601.N/BNV-TĐKT","title":"A","source":"campaigns","columns":[{"no":"1","label":"Tổng số"}],"rows":[{"code":"01","label":"Tổng số"}]}]}`
	later := `{"code":"99/2026/TT-BNV","effective_from":"2026-07-01","report_day":31,"report_month":12,
		"forms":[{"code":"0601.N/BNV-TĐKT","title":"B","source":"campaigns","columns":[{"no":"1","label":"Tổng số"}],"rows":[{"code":"01","label":"Tổng số"}]}]}`
	set, err := statforms.LoadFS(fstest.MapFS{"d/a.json": {Data: []byte(old)}, "d/b.json": {Data: []byte(later)}}, "d")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year int
		want string
	}{{2025, "02/2023/TT-BNV"}, {2026, "99/2026/TT-BNV"}} {
		r := statforms.Request{Form: "0601", Year: c.year, UnitID: 1}
		circ, _, err := r.Validate(set)
		if err != nil {
			t.Fatal(err)
		}
		if circ.Code != c.want {
			t.Errorf("%d: %s, want %s", c.year, circ.Code, c.want)
		}
	}
	bad := `{"code":"x","effective_from":"2023-01-01","report_day":15,"report_month":12,
		"forms":[{"code":"0601","title":"A","source":"campaigns","columns":[{"no":"1","label":"T","match":{"colour":["red"]}}],"rows":[{"code":"01","label":"T"}]}]}`
	if _, err := statforms.LoadFS(fstest.MapFS{"d/a.json": {Data: []byte(bad)}}, "d"); err == nil {
		t.Error("a match on an unknown attribute loads")
	}
}

func TestSpan(t *testing.T) {
	d := thidua.NewDate
	for _, c := range []struct {
		from, to thidua.Date
		want     string
	}{
		{d(2021, 4, 20), d(2021, 6, 30), statforms.SpanUnder1},
		{d(2025, 1, 1), d(2025, 12, 31), statforms.SpanOne},
		{d(2025, 3, 15), d(2026, 3, 14), statforms.SpanOne},
		{d(2025, 1, 1), d(2026, 1, 1), statforms.SpanUnder3},
		{d(2021, 1, 1), d(2023, 12, 31), statforms.SpanUnder5},
		{d(2021, 1, 1), d(2025, 12, 31), statforms.SpanFive},
	} {
		if got := statforms.Span(c.from, c.to); got != c.want {
			t.Errorf("Span(%s, %s) = %s, want %s", c.from, c.to, got, c.want)
		}
	}
}

// TestFormsAddUp: for every form, on facts of every kind, column 1 is the
// sum of the other columns and row 01 the sum of each section's rows, as
// the forms require (Tổng số = 2+3+4 …).
func TestFormsAddUp(t *testing.T) {
	c, err := statforms.MustLoad().InForce(thidua.NewDate(2025, 12, 15))
	if err != nil {
		t.Fatal(err)
	}
	d := func(m int) thidua.Date { return thidua.NewDate(2025, time.Month(m), 1) }
	var types []string
	for _, o := range thidua.AwardTypes {
		types = append(types, o.Code)
	}
	h := &thidua.HistoryAwards{Leadership: []thidua.LeadershipPost{{Post: thidua.PostOther, From: thidua.NewDate(2020, 1, 1)}}}
	for i, o := range thidua.Titles {
		h.Titles = append(h.Titles, thidua.TitleRecord{Year: 2025, Code: o.Code, Revoked: i == 2})
	}
	for i, o := range thidua.Forms {
		h.Awards = append(h.Awards, thidua.Award{Code: o.Code, Date: d(1 + i), Type: types[i%len(types)]})
	}
	dept := &thidua.HistoryAwards{Titles: h.Titles, Awards: h.Awards,
		Leadership: []thidua.LeadershipPost{{Post: thidua.PostOther, From: thidua.NewDate(2020, 1, 1)}, {Post: thidua.PostGiamDocSo, From: thidua.NewDate(2025, 6, 1)}}}
	root := &thidua.Unit{ID: 1, Name: "Tỉnh", Path: "/1/", Kind: thidua.UnitProvince}
	for _, f := range c.Forms {
		r := c.NewReport(&f, 2025, root, []*thidua.Unit{{ID: 2, ParentID: 1, Name: "Sở", Path: "/1/2/"}})
		for _, sub := range []string{thidua.SubjectPerson, thidua.SubjectUnit} {
			c.AwardFacts(h, sub, false, 2025, "/1/2/", r.Add)
			c.AwardFacts(h, sub, true, 2025, "/1/", r.Add)
			c.AwardFacts(&thidua.HistoryAwards{Titles: h.Titles, Awards: h.Awards}, sub, false, 2025, "/1/", r.Add)
			c.AwardFacts(dept, sub, false, 2025, "/1/2/", r.Add)
		}
		for _, ci := range []statforms.CampaignInfo{
			{Path: "/1/", LauncherKind: thidua.UnitProvince, ScopeKind: thidua.UnitProvince, Form: thidua.FormRegular, State: thidua.CampaignLaunched, Start: d(1), End: thidua.NewDate(2025, 12, 31)},
			{Path: "/1/2/", LauncherKind: thidua.UnitAgency, ScopeKind: thidua.UnitAgency, Form: thidua.FormThematic, State: thidua.CampaignClosed, Start: d(3), End: d(5)},
			{Path: "/1/2/", LauncherKind: thidua.UnitAgency, ScopeKind: thidua.UnitProvince, Form: thidua.FormThematic, State: thidua.CampaignInProgress, Start: thidua.NewDate(2022, 1, 1), End: thidua.NewDate(2026, 6, 30)},
			{Path: "/1/2/", LauncherKind: thidua.UnitAgency, ScopeKind: thidua.UnitAgency, Form: thidua.FormThematic, State: thidua.CampaignDraft, Start: d(3), End: d(5)},
			{Path: "/1/", LauncherKind: thidua.UnitProvince, ScopeKind: thidua.UnitProvince, Form: thidua.FormRegular, State: thidua.CampaignClosed, Start: d(1), End: thidua.NewDate(2025, 12, 31), Cluster: true},
		} {
			if x, ok := statforms.CampaignFact(ci, 2025); ok {
				r.Add(x)
			}
		}
		if r.Cells[0][0] == 0 {
			t.Fatalf("%s: nothing counted", f.Code)
		}
		for i, row := range f.Rows {
			if row.Heading {
				continue
			}
			sum := 0
			for j := 1; j < len(f.Columns); j++ {
				sum += r.Cells[i][j]
			}
			if sum != r.Cells[i][0] {
				t.Errorf("%s row %s: columns sum to %d, total %d", f.Code, row.Code, sum, r.Cells[i][0])
			}
		}
		// Each section: its top-level rows (indent 0) sum to row 01.
		for k := 0; k < len(f.Rows); k++ {
			if !f.Rows[k].Heading {
				continue
			}
			sum := 0
			for i := k + 1; i < len(f.Rows) && !f.Rows[i].Heading; i++ {
				if f.Rows[i].Indent == 0 {
					sum += r.Cells[i][0]
				}
			}
			if sum != r.Cells[0][0] {
				t.Errorf("%s section %q: rows sum to %d, total %d", f.Code, f.Rows[k].Label, sum, r.Cells[0][0])
			}
		}
		// Individuals (Cá nhân) split by leadership class into the "+" rows below.
		for i, row := range f.Rows {
			if row.Label != "Cá nhân" {
				continue
			}
			sum := 0
			for k := i + 1; k < len(f.Rows) && f.Rows[k].Indent == 1; k++ {
				sum += r.Cells[k][0]
			}
			if sum != r.Cells[i][0] || sum == 0 {
				t.Errorf("%s: leadership rows sum to %d, individuals %d", f.Code, sum, r.Cells[i][0])
			}
		}
		bsum := 0
		for _, b := range r.Branches {
			bsum += b.Cells[0][0]
		}
		if bsum != r.Cells[0][0] {
			t.Errorf("%s: branches %d, total %d", f.Code, bsum, r.Cells[0][0])
		}
		if len(r.Notes()) == 0 {
			t.Errorf("%s: no notes on the cells thidua cannot derive", f.Code)
		}
	}
}

// TestCampaignFactCluster: a cluster's or bloc's year review is of the
// scope "cụm, khối" (0601 mã số 04) whatever unit launched it; another
// campaign of the same unit is of its unit's scope.
func TestCampaignFactCluster(t *testing.T) {
	ci := statforms.CampaignInfo{Path: "/1/", LauncherKind: thidua.UnitProvince, ScopeKind: thidua.UnitProvince, Form: thidua.FormRegular,
		State: thidua.CampaignClosed, Start: thidua.NewDate(2025, 1, 1), End: thidua.NewDate(2025, 12, 31)}
	for _, c := range []struct {
		cluster bool
		scope   string
	}{{false, statforms.LevelProvince}, {true, statforms.LevelCluster}} {
		ci.Cluster = c.cluster
		f, ok := statforms.CampaignFact(ci, 2025)
		if !ok || f.Scope != c.scope || f.Launcher != statforms.LevelProvince || f.Span != statforms.SpanOne {
			t.Errorf("cluster %v: %+v %v, want scope %s launched by the province", c.cluster, f, ok, c.scope)
		}
	}
}
