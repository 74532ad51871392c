package thidua_test

import (
	"slices"
	"testing"

	"thidua"
)

// Unit paths of the tests: a province, its office with two departments,
// and a district beside the office.
const (
	pathProvince = "/1/"
	pathOffice   = "/1/2/"
	pathHC       = "/1/2/3/"
	pathKT       = "/1/2/4/"
	pathDistrict = "/1/5/"
)

func grantUser(id, person int64, grants ...thidua.Grant) *thidua.User {
	return &thidua.User{ID: id, PersonID: person, Grants: grants}
}

func TestCampaignScope(t *testing.T) {
	// Launched by the office for the office's subtree.
	c := &thidua.Campaign{UnitPath: pathOffice, ScopePath: pathOffice}
	// Launched by the province for one department only.
	narrow := &thidua.Campaign{UnitPath: pathProvince, ScopePath: pathHC}
	for _, tt := range []struct {
		name      string
		u         *thidua.User
		c, narrow bool
	}{
		{"system", nil, true, true},
		{"admin", grantUser(1, 0, thidua.Grant{Role: thidua.RoleAdmin, UnitPath: pathProvince}), true, true},
		{"officer of the province", grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathProvince}), true, true},
		{"officer of the office", grantUser(3, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice}), true, true},
		{"staff of a department (scope holds it)", grantUser(4, 0, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC}), true, true},
		{"staff of the other department", grantUser(5, 0, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathKT}), true, false},
		{"officer of the district", grantUser(6, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathDistrict}), false, false},
		{"no grant", grantUser(7, 0), false, false},
		{"disabled", &thidua.User{ID: 8, Disabled: true, Grants: []thidua.Grant{{Role: thidua.RoleAdmin, UnitPath: pathProvince}}}, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.VisibleTo(tt.u); got != tt.c {
				t.Errorf("office campaign visible=%v, want %v", got, tt.c)
			}
			if got := narrow.VisibleTo(tt.u); got != tt.narrow {
				t.Errorf("narrow campaign visible=%v, want %v", got, tt.narrow)
			}
			if got, want := tt.u.CampaignScope().Includes(c), tt.c; got != want {
				t.Errorf("CampaignScope().Includes=%v, want %v", got, want)
			}
		})
	}
}

func TestCampaignRelated(t *testing.T) {
	for _, tt := range []struct {
		unit, scope, p string
		want           bool
	}{
		{pathOffice, pathOffice, pathOffice, true},    // same unit
		{pathHC, pathHC, pathOffice, true},            // launched below p
		{pathProvince, pathHC, pathOffice, true},      // scope below p
		{pathProvince, pathProvince, pathKT, true},    // p inside the scope
		{pathProvince, pathHC, pathKT, false},         // a sibling of the scope
		{pathOffice, pathOffice, pathDistrict, false}, // elsewhere
		{pathOffice, pathOffice, "/1/22/", false},     // a path prefix only in text
		{pathProvince, pathProvince, pathProvince, true},
	} {
		if got := thidua.CampaignRelated(tt.unit, tt.scope, tt.p); got != tt.want {
			t.Errorf("CampaignRelated(%s, %s, %s)=%v, want %v", tt.unit, tt.scope, tt.p, got, tt.want)
		}
	}
}

func TestCampaignWindows(t *testing.T) {
	for _, tt := range []struct {
		state               string
		register, report    bool
		self, head, council bool
	}{
		{thidua.CampaignDraft, false, false, false, false, false},
		{thidua.CampaignLaunched, true, true, false, false, false},
		{thidua.CampaignInProgress, true, true, true, false, false},
		{thidua.CampaignEvaluating, false, false, true, true, true},
		{thidua.CampaignClosed, false, false, false, false, false},
	} {
		c := &thidua.Campaign{State: tt.state}
		if got := c.RegistrationOpen(); got != tt.register {
			t.Errorf("%s: RegistrationOpen=%v, want %v", tt.state, got, tt.register)
		}
		if got := c.CheckRegistrationOpen() == nil; got != tt.register {
			t.Errorf("%s: CheckRegistrationOpen ok=%v, want %v", tt.state, got, tt.register)
		}
		if got := c.ReportingOpen(); got != tt.report {
			t.Errorf("%s: ReportingOpen=%v, want %v", tt.state, got, tt.report)
		}
		for kind, want := range map[string]bool{thidua.ScoreSelf: tt.self, thidua.ScoreHead: tt.head, thidua.ScoreCouncil: tt.council, "X": false} {
			if got := c.ScoringOpen(kind); got != want {
				t.Errorf("%s: ScoringOpen(%s)=%v, want %v", tt.state, kind, got, want)
			}
		}
	}
	if err := (&thidua.Campaign{State: thidua.CampaignDraft}).CheckRegistrationOpen(); thidua.ErrorCode(err) != thidua.EINVALID ||
		thidua.ErrorMessage(err) != "Chỉ đăng ký được khi đợt thi đua đã phát động hoặc đang thực hiện (hiện: Dự thảo)." {
		t.Errorf("CheckRegistrationOpen(draft) = %v", err)
	}
}

func TestNextCampaignState(t *testing.T) {
	for _, tt := range []struct {
		state, action string
		criteria      int
		want, code    string
	}{
		{thidua.CampaignDraft, "launch", 1, thidua.CampaignLaunched, ""},
		{thidua.CampaignDraft, "launch", 0, "", thidua.EINVALID},
		{thidua.CampaignLaunched, "start", 0, thidua.CampaignInProgress, ""},
		{thidua.CampaignLaunched, "launch", 3, "", thidua.EINVALID},
	} {
		got, err := thidua.NextCampaignState(&thidua.Campaign{State: tt.state}, tt.action, tt.criteria)
		if got != tt.want || thidua.ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) {
			t.Errorf("NextCampaignState(%s, %s, %d) = %q, %v; want %q, %s", tt.state, tt.action, tt.criteria, got, err, tt.want, tt.code)
		}
	}
	_, err := thidua.NextCampaignState(&thidua.Campaign{State: thidua.CampaignDraft}, "launch", 0)
	if got, want := thidua.ErrorMessage(err), "Cần có ít nhất một nội dung, tiêu chí thi đua trước khi phát động."; got != want {
		t.Errorf("launch without criteria: %q, want %q", got, want)
	}
}

func TestCampaignParticipants(t *testing.T) {
	c := &thidua.Campaign{ScopePath: pathOffice, Participants: thidua.ForCollectives}
	if !c.Includes(pathHC) || !c.Includes(pathOffice) || c.Includes(pathProvince) || c.Includes(pathDistrict) {
		t.Error("Includes")
	}
	if !c.Admits(thidua.ForCollectives) || c.Admits(thidua.ForIndividuals) {
		t.Error("Admits(collectives only)")
	}
	c.Participants = thidua.ForBoth
	if !c.Admits(thidua.ForCollectives) || !c.Admits(thidua.ForIndividuals) {
		t.Error("Admits(both)")
	}
}

func TestActsForAndHeadCovers(t *testing.T) {
	reg := &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: 10, UnitPath: pathHC}
	for _, tt := range []struct {
		name        string
		u           *thidua.User
		acts, heads bool
	}{
		{"system", nil, true, false},
		{"the person", grantUser(1, 10, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC}), true, false},
		{"officer above", grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice}), true, false},
		{"officer elsewhere", grantUser(3, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathKT}), false, false},
		{"head of the department", grantUser(4, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathHC}), true, true},
		{"head of the office", grantUser(5, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathOffice}), true, true},
		{"head elsewhere", grantUser(6, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathKT}), false, false},
		// A grant whose unit path was not loaded covers nothing.
		{"head without a unit path", grantUser(7, 0, thidua.Grant{Role: thidua.RoleUnitHead}), false, false},
		{"staff colleague", grantUser(8, 11, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC}), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.u.ActsFor(reg); got != tt.acts {
				t.Errorf("ActsFor=%v, want %v", got, tt.acts)
			}
			if got := tt.u.HeadCovers(reg.UnitPath); got != tt.heads {
				t.Errorf("HeadCovers=%v, want %v", got, tt.heads)
			}
		})
	}
}

func TestCheckAddEvidence(t *testing.T) {
	person := grantUser(1, 10, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC})
	other := grantUser(2, 11, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC})
	for _, tt := range []struct {
		name     string
		u        *thidua.User
		campaign string
		reg      string
		code     string
	}{
		{"person, in progress", person, thidua.CampaignInProgress, thidua.RegSubmitted, ""},
		{"person, launched, approved", person, thidua.CampaignLaunched, thidua.RegApproved, ""},
		{"system", nil, thidua.CampaignInProgress, thidua.RegApproved, ""},
		{"someone else", other, thidua.CampaignInProgress, thidua.RegApproved, thidua.EFORBIDDEN},
		{"evaluating", person, thidua.CampaignEvaluating, thidua.RegApproved, thidua.EINVALID},
		{"returned, fixed in progress", person, thidua.CampaignInProgress, thidua.RegReturned, ""},
		{"returned, fixed while evaluating", person, thidua.CampaignEvaluating, thidua.RegReturned, ""},
		{"returned, closed", person, thidua.CampaignClosed, thidua.RegReturned, thidua.EINVALID},
		{"returned, someone else", other, thidua.CampaignEvaluating, thidua.RegReturned, thidua.EFORBIDDEN},
		// Permission is checked before the window.
		{"someone else, closed", other, thidua.CampaignClosed, thidua.RegApproved, thidua.EFORBIDDEN},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &thidua.Campaign{State: tt.campaign}
			r := &thidua.Registration{PersonID: 10, UnitPath: pathHC, State: tt.reg}
			err := thidua.CheckAddEvidence(tt.u, c, r)
			if got := thidua.ErrorCode(err); (tt.code == "") != (err == nil) || err != nil && got != tt.code {
				t.Errorf("CheckAddEvidence = %v, want code %q", err, tt.code)
			}
		})
	}
}

func TestCheckScore(t *testing.T) {
	person := grantUser(1, 10, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC})
	officer := grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice})
	head := grantUser(3, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathHC})
	headSelf := grantUser(4, 10, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathHC})
	council := grantUser(5, 0, thidua.Grant{Role: thidua.RoleCouncil, UnitPath: pathOffice})
	for _, tt := range []struct {
		name     string
		u        *thidua.User
		campaign string
		reg      string
		kind     string
		reviewer bool
		msg      string // "" when allowed
	}{
		{"self by the person", person, thidua.CampaignInProgress, thidua.RegApproved, thidua.ScoreSelf, false, ""},
		{"self by the officer", officer, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreSelf, false, ""},
		{"self when launched", person, thidua.CampaignLaunched, thidua.RegApproved, thidua.ScoreSelf, false,
			"Không thể tự chấm điểm khi đợt thi đua đang ở trạng thái “Đã phát động”."},
		{"self by a stranger", council, thidua.CampaignInProgress, thidua.RegApproved, thidua.ScoreSelf, false,
			"Bạn không có quyền tự chấm cho đăng ký này."},
		{"not approved", person, thidua.CampaignInProgress, thidua.RegSubmitted, thidua.ScoreSelf, false,
			"Chỉ chấm điểm đăng ký đã được duyệt."},
		{"head", head, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreHead, false, ""},
		{"head in progress", head, thidua.CampaignInProgress, thidua.RegApproved, thidua.ScoreHead, false,
			"Không thể chấm điểm thẩm định khi đợt thi đua đang ở trạng thái “Đang thực hiện”."},
		{"head by an officer", officer, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreHead, false,
			"Chỉ thủ trưởng đơn vị của người tham gia mới chấm điểm thẩm định cấp đơn vị."},
		{"head of oneself", headSelf, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreHead, false,
			"Không thể tự chấm điểm thẩm định cho chính mình."},
		{"head scoring oneself as self", headSelf, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreSelf, false, ""},
		{"council reviewer", council, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreCouncil, true, ""},
		{"council not assigned", council, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreCouncil, false,
			"Bạn chưa được phân công chấm điểm đợt thi đua này."},
		{"council closed", council, thidua.CampaignClosed, thidua.RegApproved, thidua.ScoreCouncil, true,
			"Không thể chấm điểm thẩm định khi đợt thi đua đang ở trạng thái “Đã tổng kết”."},
		{"unknown kind", council, thidua.CampaignEvaluating, thidua.RegApproved, "X", true, "Loại điểm không hợp lệ."},
		{"nobody signed in", nil, thidua.CampaignEvaluating, thidua.RegApproved, thidua.ScoreSelf, false, "Vui lòng đăng nhập."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &thidua.Campaign{State: tt.campaign}
			r := &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: 10, UnitPath: pathHC, State: tt.reg}
			err := thidua.CheckScore(tt.u, c, r, tt.kind, tt.reviewer)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("CheckScore = %v, want nil", err)
				}
				return
			}
			if got := thidua.ErrorMessage(err); err == nil || got != tt.msg {
				t.Fatalf("CheckScore = %v, want %q", err, tt.msg)
			}
		})
	}
	if err := thidua.CheckScore(council, &thidua.Campaign{State: thidua.CampaignEvaluating},
		&thidua.Registration{State: thidua.RegApproved}, "X", true); thidua.ErrorFields(err)["kind"] == "" {
		t.Errorf("unknown kind: fields %v", thidua.ErrorFields(err))
	}
}

func TestReviewOutcome(t *testing.T) {
	long := make([]rune, 2001)
	for i := range long {
		long[i] = 'a'
	}
	for _, tt := range []struct {
		name          string
		approve       bool
		reason        string
		state, stored string
		field         string
	}{
		{"approve drops the reason", true, "ok", thidua.RegApproved, "", ""},
		{"return with a reason", false, "Thiếu minh chứng", thidua.RegReturned, "Thiếu minh chứng", ""},
		{"return without a reason", false, "", "", "", "reason"},
		{"return with a long reason", false, string(long), "", "", "reason"},
		{"return with 2000 characters", false, string(long[:2000]), thidua.RegReturned, string(long[:2000]), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			state, stored, err := thidua.ReviewOutcome(tt.approve, tt.reason)
			if state != tt.state || stored != tt.stored {
				t.Errorf("ReviewOutcome = %q, %q", state, stored)
			}
			if got := thidua.ErrorFields(err)[tt.field]; (tt.field == "") != (err == nil) || tt.field != "" && got == "" {
				t.Errorf("ReviewOutcome err = %v, want field %q", err, tt.field)
			}
		})
	}
}

func TestParticipationScope(t *testing.T) {
	c := &thidua.Campaign{UnitPath: pathOffice, ScopePath: pathOffice}
	hc := &thidua.Registration{ID: 1, UnitPath: pathHC, PersonID: 11}
	kt := &thidua.Registration{ID: 2, UnitPath: pathKT, PersonID: 12}
	office := &thidua.Registration{ID: 3, UnitPath: pathOffice}
	for _, tt := range []struct {
		name         string
		u            *thidua.User
		reviewer     bool
		hc, kt, offc bool
	}{
		{"system", nil, false, true, true, true},
		{"admin", grantUser(1, 0, thidua.Grant{Role: thidua.RoleAdmin, UnitPath: pathProvince}), false, true, true, true},
		{"the launching office", grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice}), false, true, true, true},
		{"officer of the district", grantUser(3, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathDistrict}), false, false, false, false},
		{"head of a department", grantUser(4, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathHC}), false, true, false, false},
		{"staff of the other department", grantUser(5, 0, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathKT}), false, false, true, false},
		{"staff registered outside their grant", grantUser(6, 11, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathKT}), false, true, true, false},
		{"editor of the office", grantUser(7, 0, thidua.Grant{Role: thidua.RoleEditor, UnitPath: pathOffice}), false, true, true, true},
		{"council member assigned", grantUser(8, 0, thidua.Grant{Role: thidua.RoleCouncil, UnitPath: pathDistrict}), true, true, true, true},
		{"council member not assigned", grantUser(9, 0, thidua.Grant{Role: thidua.RoleCouncil, UnitPath: pathDistrict}), false, false, false, false},
		{"staff marked reviewer without the council role", grantUser(10, 0, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathKT}), true, false, true, false},
		{"no grant", grantUser(11, 0), false, false, false, false},
		{"disabled officer", &thidua.User{ID: 12, Disabled: true, Grants: []thidua.Grant{{Role: thidua.RoleOfficer, UnitPath: pathOffice}}}, false, false, false, false},
	} {
		s := tt.u.ParticipationScope(c, tt.reviewer)
		if got := [3]bool{s.Includes(hc), s.Includes(kt), s.Includes(office)}; got != [3]bool{tt.hc, tt.kt, tt.offc} {
			t.Errorf("%s reads HC, KT, the office: %v, want %v", tt.name, got, [3]bool{tt.hc, tt.kt, tt.offc})
		}
	}
}

func TestCheckClosedEdit(t *testing.T) {
	closed := &thidua.Campaign{ID: 1, Title: "Đợt thi đua cao điểm", UnitID: 2, ScopeUnitID: 2, State: thidua.CampaignClosed, Version: 7,
		Awards: []thidua.PlannedAward{{Code: "GK", Label: "Giấy khen", MaxIndividuals: 3}}, UnitName: "Văn phòng"}
	for _, tt := range []struct {
		name string
		edit func(c *thidua.Campaign)
		ok   bool
	}{
		{"nothing", func(c *thidua.Campaign) {}, true},
		{"publish the ranking", func(c *thidua.Campaign) { c.PublishRanking = true }, true},
		{"as the form sends it (no names read back, text to normalize)", func(c *thidua.Campaign) {
			c.UnitName, c.Version, c.Title = "", 8, "  Đợt thi đua   cao điểm "
		}, true},
		{"the title", func(c *thidua.Campaign) { c.Title = "Đợt khác" }, false},
		{"the end date and publish", func(c *thidua.Campaign) { c.EndDate, c.PublishRanking = thidua.NewDate(2030, 1, 1), true }, false},
		{"the planned awards", func(c *thidua.Campaign) { c.Awards = nil }, false},
	} {
		next := *closed
		next.Awards = slices.Clone(closed.Awards)
		tt.edit(&next)
		if err := closed.CheckClosedEdit(&next); (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestSeesWholeRanking(t *testing.T) {
	officer := grantUser(1, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice})
	editorOfCentre := grantUser(2, 0, thidua.Grant{Role: thidua.RoleEditor, UnitPath: pathHC})
	for _, tt := range []struct {
		name      string
		u         *thidua.User
		state     string
		published bool
		want      bool
	}{
		{"the launching office, closed", officer, thidua.CampaignClosed, false, true},
		{"an editor of one department, closed, not published", editorOfCentre, thidua.CampaignClosed, false, false},
		{"an editor of one department, published before closing", editorOfCentre, thidua.CampaignEvaluating, true, false},
		{"an editor of one department, closed and published", editorOfCentre, thidua.CampaignClosed, true, true},
		{"no grant, closed and published", grantUser(3, 0), thidua.CampaignClosed, true, true},
	} {
		c := &thidua.Campaign{UnitPath: pathOffice, ScopePath: pathOffice, State: tt.state, PublishRanking: tt.published}
		if got := tt.u.SeesWholeRanking(c); got != tt.want {
			t.Errorf("%s: SeesWholeRanking = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestVisibleResults(t *testing.T) {
	c := &thidua.Campaign{UnitPath: pathOffice, ScopePath: pathOffice, State: thidua.CampaignEvaluating}
	results := []*thidua.Result{
		{Registration: &thidua.Registration{ID: 1, UnitPath: pathHC, Name: "Phòng HC", Commitments: map[string]string{"A": "cam kết"}},
			Criteria: []thidua.CriterionResult{{CriterionID: 7, Final: 9, Scored: true}}, Total: 9, Rank: 1},
		{Registration: &thidua.Registration{ID: 2, UnitPath: pathKT, Name: "Phòng KT"},
			Criteria: []thidua.CriterionResult{{CriterionID: 7, Final: 8, Scored: true}}, Total: 8, Rank: 2},
	}
	head := grantUser(4, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathKT})
	s := head.ParticipationScope(c, false)
	names := func(rs []*thidua.Result) (out []string) {
		for _, r := range rs {
			out = append(out, r.Registration.Name)
		}
		return out
	}
	// Not published: the head sees the own department's row, with its true rank.
	if got := thidua.VisibleResults(c, s, results); len(got) != 1 || got[0] != results[1] || got[0].Rank != 2 {
		t.Errorf("unpublished ranking for the head of KT: %v", names(got))
	}
	// Published but not closed: the same.
	c.PublishRanking = true
	if got := thidua.VisibleResults(c, s, results); len(got) != 1 {
		t.Errorf("ranking published before the campaign is closed: %v", names(got))
	}
	// Closed and published: every row; the other department's without scores.
	c.State = thidua.CampaignClosed
	got := thidua.VisibleResults(c, s, results)
	if len(got) != 2 || got[1] != results[1] {
		t.Fatalf("published ranking: %v", names(got))
	}
	pub := got[0]
	if pub.Registration.Name != "Phòng HC" || pub.Total != 9 || pub.Rank != 1 {
		t.Errorf("published row %+v: want the name, total and rank", pub)
	}
	if pub.Registration.ID != 0 || len(pub.Registration.Commitments) != 0 || len(pub.Criteria) != 1 || pub.Criteria[0].Scored || pub.Criteria[0].Final != 0 {
		t.Errorf("published row shows more than names, totals and ranks: %+v %+v", pub.Registration, pub.Criteria)
	}
	if results[0].Registration.ID != 1 || !results[0].Criteria[0].Scored {
		t.Error("VisibleResults changed the ranking it was given")
	}
	// Without the setting, a closed campaign's ranking stays in scope.
	c.PublishRanking = false
	if got := thidua.VisibleResults(c, s, results); len(got) != 1 {
		t.Errorf("closed, unpublished: %v", names(got))
	}
}

func TestCheckResubmit(t *testing.T) {
	person := grantUser(1, 10, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC})
	other := grantUser(2, 11, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathHC})
	head := grantUser(3, 0, thidua.Grant{Role: thidua.RoleUnitHead, UnitPath: pathHC})
	for _, tt := range []struct {
		name     string
		u        *thidua.User
		campaign string
		reg      string
		code     string
	}{
		{"the unit head, evaluating", head, thidua.CampaignEvaluating, thidua.RegReturned, ""},
		{"the person, in progress", person, thidua.CampaignInProgress, thidua.RegReturned, ""},
		{"the person, launched", person, thidua.CampaignLaunched, thidua.RegReturned, ""},
		{"not returned", head, thidua.CampaignEvaluating, thidua.RegSubmitted, thidua.EINVALID},
		{"approved", head, thidua.CampaignEvaluating, thidua.RegApproved, thidua.EINVALID},
		{"closed", head, thidua.CampaignClosed, thidua.RegReturned, thidua.EINVALID},
		{"someone else", other, thidua.CampaignEvaluating, thidua.RegReturned, thidua.EFORBIDDEN},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &thidua.Campaign{State: tt.campaign}
			r := &thidua.Registration{PersonID: 10, UnitPath: pathHC, State: tt.reg}
			err := thidua.CheckResubmit(tt.u, c, r)
			if got := thidua.ErrorCode(err); (tt.code == "") != (err == nil) || err != nil && got != tt.code {
				t.Errorf("CheckResubmit = %v, want code %q", err, tt.code)
			}
			// A returned registration's self-assessment is fixed with it.
			if tt.code == "" && tt.campaign != thidua.CampaignLaunched && tt.u == person {
				if err := thidua.CheckScore(tt.u, c, r, thidua.ScoreSelf, false); err != nil {
					t.Errorf("self-score of a returned registration: %v", err)
				}
			}
			if err := thidua.CheckScore(head, c, r, thidua.ScoreHead, false); tt.reg != thidua.RegApproved && err == nil {
				t.Error("the head scores a registration that is not approved")
			}
		})
	}
}
