package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/demo/demotest"
	"thidua/rules"
	"thidua/sqldb"
)

// The demo histories are designed to show every kind of verdict in the
// eligibility table for 2025 (see the comment in histories.go). These tests
// evaluate the stored histories with the engine, as the web pages do, and
// check that the verdicts come out as designed.

// The year and date of the designed table: the annual review at year end.
var (
	demoYear = 2025
	demoAsOf = thidua.NewDate(2025, 12, 31)
)

// subjectOf builds the engine's subject from a stored history, as
// web.Server.evaluate does.
func subjectOf(h *thidua.SubjectHistory, asOf thidua.Date) rules.Subject {
	s := rules.Subject{ID: strconv.FormatInt(h.SubjectID, 10), Name: h.Name, Kind: rules.Individual,
		Ratings: h.History.Ratings, Titles: h.History.Titles, Awards: h.History.Awards, Initiatives: h.History.Initiatives,
		Disciplines: h.History.Disciplines, PendingProceedings: h.History.PendingOn(asOf), MaternityLeave: h.History.MaternityLeave,
		Leadership: h.History.Leadership, Members: []rules.Subject{}}
	switch {
	case h.Subject == thidua.SubjectUnit:
		s.Kind = rules.Collective
	case h.Gender == thidua.GenderFemale:
		s.Gender = rules.Female
	default:
		s.Gender = rules.Male
	}
	return s
}

// demoVerdicts evaluates every stored history of the subject kind for
// demoYear: name → award → verdict.
func demoVerdicts(t *testing.T, db *sqldb.DB, subject string) (map[string]map[string]rules.Verdict, map[string]rules.Subject) {
	t.Helper()
	sys := thidua.NewSystemContext(context.Background())
	hs, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: subject})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]rules.Verdict{}
	subjects := map[string]rules.Subject{}
	for _, h := range hs {
		s := subjectOf(h, demoAsOf)
		if subject == thidua.SubjectUnit {
			ms, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: h.SubjectID})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				s.Members = append(s.Members, subjectOf(m, demoAsOf))
			}
		}
		vs, err := rules.Default().EvaluateAll(s, demoYear, demoAsOf, "default")
		if err != nil {
			t.Fatalf("%s: %v", h.Name, err)
		}
		out[h.Name] = map[string]rules.Verdict{}
		for _, v := range vs {
			out[h.Name][v.Award] = v
		}
		subjects[h.Name] = s
	}
	return out, subjects
}

func TestHistoriesVerdicts(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		t.Run("stored", func(t *testing.T) { checkHistoriesStored(t, db) })
		t.Run("people", func(t *testing.T) { checkPeopleVerdicts(t, db) })
		t.Run("units", func(t *testing.T) { checkUnitVerdicts(t, db) })
		t.Run("forecast", func(t *testing.T) { checkForecast(t, db) })
	})
}

// checkHistoriesStored: most people have a history, every save was
// validated and audited as the officer (or, for Sở Nội vụ, the
// administrator), and the records are as designed.
func checkHistoriesStored(t *testing.T, db *sqldb.DB) {
	sys := thidua.NewSystemContext(context.Background())
	hs, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectPerson})
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, h := range hs {
		if h.Version == 0 {
			t.Errorf("%s has no stored history", h.Name)
			continue
		}
		stored++
		if err := h.History.Validate(); err != nil {
			t.Errorf("%s: stored history does not validate: %v", h.Name, thidua.ErrorFields(err))
		}
		last := h.History.Ratings[len(h.History.Ratings)-1]
		if last.Year != 2025 {
			t.Errorf("%s: last rating %d, want 2025", h.Name, last.Year)
		}
	}
	if stored < 47 {
		t.Errorf("%d people with a history, want at least 47 of the 49", stored)
	}
	units, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectUnit})
	if err != nil {
		t.Fatal(err)
	}
	unitsStored := 0
	for _, h := range units {
		if h.Version > 0 {
			unitsStored++
		}
	}
	if unitsStored != 9 {
		t.Errorf("%d units with a history, want 9 (the office, its departments and the Ban Thi đua – Khen thưởng)", unitsStored)
	}

	entries, total, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "history", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if total != stored+unitsStored {
		t.Errorf("%d audit entries for histories, want %d", total, stored+unitsStored)
	}
	actors := map[string]int{}
	for _, e := range entries {
		for _, name := range []string{"thiduakt", "admin"} {
			if u, err := db.FindUserByUsername(sys, name); err == nil && u.ID == e.ActorID {
				actors[name]++
			}
		}
	}
	if actors["thiduakt"] != stored+unitsStored-12 || actors["admin"] != 12 {
		t.Errorf("history saves by actor = %v, want the officer for the office and the administrator for the 4 people and 1 unit of Sở Nội vụ and the 7 people of the province's second level", actors)
	}

	byName := map[string]*thidua.SubjectHistory{}
	for _, h := range hs {
		byName[h.Name] = h
	}
	// The records the brief asks for.
	var revoked, phongTrao, consumed, congTrang int
	for _, h := range hs {
		for _, a := range h.History.Awards {
			if a.Revoked && a.RevokedReason != "" {
				revoked++
			}
			if a.Type == thidua.AwardPhongTrao {
				phongTrao++
			}
			if a.Type == thidua.AwardCongTrang && !a.Revoked {
				congTrang++
			}
		}
		for _, in := range h.History.Initiatives {
			if in.ConsumedBy != "" {
				consumed++
				if in.ConsumedBy != "CSTDCS 2023" {
					t.Errorf("%s: consumed_by %q", h.Name, in.ConsumedBy)
				}
			}
		}
	}
	if revoked != 1 || phongTrao != 1 || consumed != 1 || congTrang < 8 {
		t.Errorf("revoked %d, phong trào %d, consumed initiatives %d, công trạng awards %d; want 1, 1, 1, ≥8", revoked, phongTrao, consumed, congTrang)
	}
	quan := byName["Nguyễn Đình Quân"].History
	if len(quan.Disciplines) != 1 || quan.Disciplines[0].Level != thidua.DisciplineKhienTrach || quan.Disciplines[0].From.Year() != 2022 {
		t.Errorf("Nguyễn Đình Quân's discipline = %+v, want khiển trách 2022", quan.Disciplines)
	}
	thanh := byName["Lê Văn Thành"].History
	if len(thanh.Proceedings) != 1 || thanh.Proceedings[0].Kind != thidua.ProceedingInspection || !thanh.Proceedings[0].To.IsZero() {
		t.Errorf("Lê Văn Thành's proceedings = %+v, want one open inspection", thanh.Proceedings)
	}
	yen := byName["Lê Thị Yến"]
	if yen.Gender != thidua.GenderFemale || len(yen.History.MaternityLeave) != 1 || yen.History.MaternityLeave[0].From.Year() != 2023 {
		t.Errorf("Lê Thị Yến: gender %s, maternity leave %+v, want a woman on leave in 2023", yen.Gender, yen.History.MaternityLeave)
	}
	leaders := 0
	for _, h := range hs {
		if len(h.History.Leadership) > 0 {
			leaders++
		}
	}
	if leaders < 15 {
		t.Errorf("%d people with leadership posts, want the leaders (at least 15)", leaders)
	}
}

func verdictOf(t *testing.T, vs map[string]map[string]rules.Verdict, name, award string) rules.Verdict {
	t.Helper()
	p, ok := vs[name]
	if !ok {
		t.Fatalf("no verdicts for %s", name)
	}
	v, ok := p[award]
	if !ok {
		t.Fatalf("%s: no verdict for %s", name, award)
	}
	return v
}

// hasFact reports whether a condition of v has a fact whose text contains s.
func hasFact(v rules.Verdict, s string) bool {
	for _, c := range v.Conditions {
		for _, f := range c.Facts {
			if strings.Contains(f.Text, s) {
				return true
			}
		}
	}
	return false
}

func checkPeopleVerdicts(t *testing.T, db *sqldb.DB) {
	vs, subjects := demoVerdicts(t, db, thidua.SubjectPerson)

	// The designed cases.
	for _, c := range []struct{ name, award, want string }{
		{"Hoàng Thị Bích Ngọc", thidua.TitleCSTDT, rules.Eligible},
		{"Hoàng Thị Bích Ngọc", thidua.TitleCSTDCS, rules.Eligible},
		{"Hoàng Thị Bích Ngọc", thidua.FormBKCT, rules.Eligible},
		{"Lê Thị Yến", thidua.TitleCSTDT, rules.Eligible},
		{"Đặng Quốc Bảo", thidua.TitleCSTDT, rules.NeedsReview},
		{"Nguyễn Đình Quân", thidua.TitleCSTDT, rules.NotEligible},
		{"Nguyễn Đình Quân", thidua.TitleCSTDCS, rules.Eligible},
		{"Lê Văn Thành", thidua.TitleLDTT, rules.OnHold},
		{"Lê Văn Thành", thidua.TitleCSTDCS, rules.OnHold},
		{"Trần Quốc Bình", thidua.FormBKTTG, rules.Eligible},
		{"Trần Quốc Bình", thidua.FormHCLD3, rules.Eligible},
		{"Phạm Minh Đức", thidua.FormHCLD3, rules.Eligible},
		{"Nguyễn Văn Phúc", thidua.FormHCLD3, rules.Eligible},
		{"Huỳnh Thị Thu Trang", thidua.TitleCSTDT, rules.NotEligible},
		{"Ngô Minh Tâm", thidua.TitleLDTT, rules.NotEligible},
		{"Phan Tuấn Anh", thidua.TitleLDTT, rules.Eligible},
		{"Phan Tuấn Anh", thidua.TitleCSTDCS, rules.Eligible},
		{"Bùi Văn Đạt", thidua.TitleLDTT, rules.Eligible},
		{"Bùi Văn Đạt", thidua.TitleCSTDCS, rules.NotEligible},
	} {
		if got := verdictOf(t, vs, c.name, c.award).Verdict; got != c.want {
			t.Errorf("%s, %s 2025: %s, want %s (%s)", c.name, c.award, got, c.want, verdictOf(t, vs, c.name, c.award).Summary)
		}
	}

	// Why: the maternity year bridges Lê Thị Yến's chain; the used
	// initiative needs review; the discipline resets Nguyễn Đình Quân's window.
	if v := verdictOf(t, vs, "Lê Thị Yến", thidua.TitleCSTDT); !hasFact(v, "thai sản") {
		t.Errorf("Lê Thị Yến's CSTĐ cấp tỉnh does not mention the maternity year: %+v", v.Conditions)
	}
	if v := verdictOf(t, vs, "Đặng Quốc Bảo", thidua.TitleCSTDT); !hasFact(v, "CSTDCS 2023") {
		t.Errorf("Đặng Quốc Bảo's CSTĐ cấp tỉnh does not name the used initiative: %+v", v.Conditions)
	}
	if v := verdictOf(t, vs, "Nguyễn Đình Quân", thidua.TitleCSTDT); !hasFact(v, "Kỷ luật kết thúc") {
		t.Errorf("Nguyễn Đình Quân's CSTĐ cấp tỉnh does not mention the discipline: %+v", v.Conditions)
	}
	// Without the discipline, or without the maternity leave, the verdict
	// would differ: these records are what decides.
	quan := subjects["Nguyễn Đình Quân"]
	quan.Disciplines = nil
	// Without it the chain holds, but his provincial initiative (2021)
	// predates the three CSTĐCS years, a window the rulebook does not
	// state (R-CSTDT-01 b3, grade C): needs review, not a refusal.
	if v, err := rules.Default().Evaluate(quan, thidua.TitleCSTDT, demoYear, demoAsOf, "default"); err != nil || v.Verdict != rules.NeedsReview {
		t.Errorf("Nguyễn Đình Quân without the discipline: %s %v, want needs_review", v.Verdict, err)
	}
	yen := subjects["Lê Thị Yến"]
	yen.MaternityLeave = nil
	if v, err := rules.Default().Evaluate(yen, thidua.TitleCSTDT, demoYear, demoAsOf, "default"); err != nil || v.Verdict != rules.NotEligible {
		t.Errorf("Lê Thị Yến without the maternity leave: %s %v, want not_eligible", v.Verdict, err)
	}

	// The table's mix.
	byAward := map[string]map[string][]string{}
	held := map[string]bool{}
	for name, p := range vs {
		for award, v := range p {
			if byAward[award] == nil {
				byAward[award] = map[string][]string{}
			}
			byAward[award][v.Verdict] = append(byAward[award][v.Verdict], name)
			if v.Verdict == rules.OnHold {
				held[name] = true
			}
		}
	}
	if n := len(byAward[thidua.TitleLDTT][rules.Eligible]); n < 30 {
		t.Errorf("%d eligible for LĐTT, want most people", n)
	}
	if n := len(byAward[thidua.TitleCSTDCS][rules.Eligible]); n < 10 {
		t.Errorf("%d eligible for CSTĐCS, want several", n)
	}
	cstdt := byAward[thidua.TitleCSTDT][rules.Eligible]
	slices.Sort(cstdt)
	// Đoàn Văn Hiếu (Giám đốc Sở Tư pháp) was eligible at the end of 2025
	// and received it (96/QĐ-UBND, the 2025 figures of the statutory forms).
	if !slices.Equal(cstdt, []string{"Hoàng Thị Bích Ngọc", "Lê Thị Yến", "Đoàn Văn Hiếu"}) {
		t.Errorf("eligible for CSTĐ cấp tỉnh: %v", cstdt)
	}
	if len(held) != 1 || !held["Lê Văn Thành"] {
		t.Errorf("on hold: %v, want only Lê Văn Thành", held)
	}
	if len(byAward[thidua.TitleCSTDTQ][rules.Eligible]) != 0 {
		t.Errorf("eligible for CSTĐ toàn quốc: %v, want nobody", byAward[thidua.TitleCSTDTQ][rules.Eligible])
	}
	if testing.Verbose() {
		for _, award := range rules.IndividualAwards {
			var parts []string
			for _, v := range []string{rules.Eligible, rules.NeedsReview, rules.OnHold, rules.NotEligible} {
				parts = append(parts, fmt.Sprintf("%s %d", v, len(byAward[award][v])))
			}
			t.Logf("%-6s %s", award, strings.Join(parts, ", "))
		}
	}
}

func checkUnitVerdicts(t *testing.T, db *sqldb.DB) {
	vs, _ := demoVerdicts(t, db, thidua.SubjectUnit)
	for _, c := range []struct{ name, award, want string }{
		{"Văn phòng UBND tỉnh", thidua.TitleTTLDXS, rules.Eligible},
		{"Phòng Hành chính – Tổ chức", thidua.TitleTTLDXS, rules.Eligible},
		{"Phòng Tổng hợp", thidua.TitleTTLDXS, rules.Eligible},
		{"Ban Thi đua – Khen thưởng", thidua.TitleTTLDXS, rules.Eligible},
		{"Phòng Kinh tế", thidua.TitleTTLDXS, rules.NotEligible},
		// The default profile grades the TTLĐTT share C: a person confirms it.
		{"Phòng Kinh tế", thidua.TitleTTLDTT, rules.NeedsReview},
		{"Trung tâm Thông tin – Công báo", thidua.TitleTTLDTT, rules.NeedsReview},
	} {
		if got := verdictOf(t, vs, c.name, c.award); got.Verdict != c.want {
			t.Errorf("%s, %s 2025: %s, want %s (%s)", c.name, c.award, got.Verdict, c.want, got.Summary)
		}
	}
}

func checkForecast(t *testing.T, db *sqldb.DB) {
	sys := thidua.NewSystemContext(context.Background())
	hs, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectPerson})
	if err != nil {
		t.Fatal(err)
	}
	var subs []rules.Subject
	for _, h := range hs {
		subs = append(subs, subjectOf(h, demoAsOf))
	}
	items, err := rules.Default().Forecast(subs, demoYear, "default")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, it := range items {
		got[it.SubjectName+" "+it.Kind+" "+it.Award] = true
	}
	for _, want := range []string{
		"Huỳnh Thị Thu Trang " + rules.ForecastEligible + " " + thidua.TitleCSTDT,
		"Phan Tuấn Anh " + rules.ForecastEligible + " " + thidua.FormBKCT,
		"Đỗ Thị Phương " + rules.ForecastBroken + " " + thidua.TitleCSTDCS,
		"Trần Thị Ngọc Hân " + rules.ForecastBroken + " " + thidua.TitleCSTDCS,
		"Ngô Minh Tâm " + rules.ForecastBroken + " " + thidua.RatingHTTNV,
	} {
		if !got[want] {
			t.Errorf("forecast lacks %q; has %v", want, got)
		}
	}
}

// historySteps is the number of audited history saves: one per stored
// history (people and units).
func historySteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	n := 0
	for _, subject := range []string{thidua.SubjectPerson, thidua.SubjectUnit} {
		hs, err := db.FindHistories(sys, thidua.HistoryFilter{Subject: subject})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.Version > 0 {
				n++
			}
		}
	}
	return n
}

// TestHistoriesRegisters: each agency directly under UBND tỉnh decides
// Lao động tiên tiến and Chiến sĩ thi đua cơ sở for its own people, and
// notifies their quality ratings, in its own register (…/QĐ-STP under the
// Giám đốc Sở Tư pháp, …/QĐ-STC, …/QĐ-SNV, …/QĐ-VPUBND): no person of a Sở
// carries the Office's numbers.
func TestHistoriesRegisters(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		sys := thidua.NewSystemContext(context.Background())
		units, _, err := o.DB.FindUnits(sys, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]*thidua.Unit{}
		for _, u := range units {
			byID[u.ID] = u
		}
		// agency is the abbreviation of the agency directly under the root
		// that holds unit id ("" for the root itself).
		agency := func(id int64) string {
			for u := byID[id]; u != nil; u = byID[u.ParentID] {
				if p := byID[u.ParentID]; p != nil && p.ParentID == 0 {
					return u.Abbrev
				}
			}
			return ""
		}
		hs, err := o.DB.FindHistories(sys, thidua.HistoryFilter{Subject: thidua.SubjectPerson})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, h := range hs {
			reg := agency(h.UnitID)
			if reg == "" {
				continue
			}
			for _, r := range h.History.Ratings {
				if !strings.HasSuffix(r.Source, "/TB-"+reg) {
					t.Errorf("%s (%s): rating %d notified in %q, want the register TB-%s", h.Name, reg, r.Year, r.Source, reg)
				}
			}
			for _, ti := range h.History.Titles {
				if ti.Code != thidua.TitleLDTT && ti.Code != thidua.TitleCSTDCS {
					continue
				}
				if !strings.HasSuffix(ti.Decision, "/QĐ-"+reg) {
					t.Errorf("%s (%s): %s %d decided in %q, want the register QĐ-%s", h.Name, reg, ti.Code, ti.Year, ti.Decision, reg)
				}
				seen[reg]++
			}
		}
		for _, reg := range []string{"VPUBND", "SNV", "STP", "STC"} {
			if seen[reg] == 0 {
				t.Errorf("no LĐTT or CSTĐCS decided in the register of %s", reg)
			}
		}
	})
}
