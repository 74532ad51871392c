package central_test

import (
	"context"
	"testing"
	"time"

	"thidua"
	"thidua/central"
	"thidua/demo/demotest"
	"thidua/sqldb"
	sqlcentral "thidua/sqldb/central"
)

func TestMain(m *testing.M) { demotest.Main(m) }

// fixture is a submitted proposal of Phòng Kinh tế with one nominee for
// Chiến sĩ thi đua toàn quốc and one for Bằng khen của Thủ tướng.
type fixture struct {
	db       *sqldb.DB
	st       *sqlcentral.Store
	officer  context.Context
	staff    context.Context
	p        *thidua.Proposal
	cstdtq   *thidua.Nominee
	bkttg    *thidua.Nominee
	personID int64
	now      time.Time
}

func userCtx(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatal(err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

func newFixture(t *testing.T, o *demotest.Office) *fixture {
	t.Helper()
	f := &fixture{db: o.DB, st: sqlcentral.New(o.DB, ""), now: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)}
	o.DB.Now = func() time.Time { return f.now }
	f.officer = userCtx(t, o.DB, "thiduakt")
	f.staff = userCtx(t, o.DB, "canhan")
	people, _, err := o.DB.FindPeople(f.officer, thidua.PersonFilter{Query: "Nguyễn Thị Hồng Nhung"})
	if err != nil || len(people) != 1 {
		t.Fatalf("find person: %v %d", err, len(people))
	}
	person := people[0]
	f.personID = person.ID
	p := &thidua.Proposal{UnitID: person.UnitID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Đề nghị khen thưởng cấp Nhà nước năm 2025"}
	if err := o.DB.CreateProposal(f.officer, p); err != nil {
		t.Fatal(err)
	}
	ns := []*thidua.Nominee{
		{Subject: thidua.SubjectPerson, SubjectID: person.ID, Award: thidua.TitleCSTDTQ, Override: "Đề nghị theo thành tích đặc biệt.",
			Report: thidua.AchievementReport{Achievements: "Chủ trì sáng kiến số hóa hồ sơ một cửa được áp dụng toàn quốc."}},
		{Subject: thidua.SubjectPerson, SubjectID: person.ID, Award: thidua.FormBKTTG, Override: "Đề nghị theo thành tích đặc biệt."},
	}
	if err := o.DB.SetNominees(f.officer, p.ID, p.Version, ns); err != nil {
		t.Fatal(err)
	}
	p, _ = o.DB.FindProposalByID(f.officer, p.ID)
	if err := o.DB.SubmitProposal(f.officer, p.ID, p.Version); err != nil {
		t.Fatal(err)
	}
	f.p, _ = o.DB.FindProposalByID(f.officer, p.ID)
	for _, n := range f.p.Nominees {
		switch n.Award {
		case thidua.TitleCSTDTQ:
			f.cstdtq = n
		case thidua.FormBKTTG:
			f.bkttg = n
		}
	}
	return f
}

func day(y int, m time.Month, d int) thidua.Date { return thidua.NewDate(y, m, d) }

// TestPublicComment opens a window, takes a comment, moderates it and
// finds the page closed after the end date; bad input changes nothing.
func TestPublicComment(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		f := newFixture(t, o)
		pid := f.p.ID
		// Bad dates, a stranger and a version from nowhere change nothing.
		for name, w := range map[string]*central.Window{
			"ends before starts": {ProposalID: pid, Starts: day(2026, 12, 10), Ends: day(2026, 12, 5)},
			"ended":              {ProposalID: pid, Starts: day(2026, 11, 1), Ends: day(2026, 11, 20)},
			"too long":           {ProposalID: pid, Starts: day(2026, 12, 1), Ends: day(2027, 6, 1)},
			"stale":              {ProposalID: pid, Starts: day(2026, 12, 1), Ends: day(2026, 12, 15), Version: 3},
		} {
			if err := f.st.SetWindow(f.officer, w); thidua.ErrorCode(err) == "" {
				t.Errorf("%s: accepted", name)
			}
		}
		if err := f.st.SetWindow(f.staff, &central.Window{ProposalID: pid, Starts: day(2026, 12, 1), Ends: day(2026, 12, 15)}); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("staff outside the unit: %v, want not found", err)
		}
		if _, err := f.st.FindWindow(f.officer, pid); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Fatalf("window after refusals: %v", err)
		}
		w := &central.Window{ProposalID: pid, Starts: day(2026, 12, 1), Ends: day(2026, 12, 15)}
		if err := f.st.SetWindow(f.officer, w); err != nil {
			t.Fatal(err)
		}
		if w.Version != 1 || len(w.Nominees) != 1 || w.Nominees[0].NomineeID != f.cstdtq.ID {
			t.Fatalf("window %+v: want version 1 and only the CSTĐTQ nominee published", w)
		}
		open, total, err := f.st.FindOpenWindows(context.Background(), day(2026, 12, 1), 0, 20)
		if err != nil || total != 1 || len(open) != 1 || open[0].ProposalID != pid {
			t.Fatalf("open windows: %v %d", err, total)
		}
		pub, err := f.st.FindPublicWindow(context.Background(), pid, day(2026, 12, 1))
		if err != nil || len(pub.Nominees) != 1 || pub.Nominees[0].Summary == "" {
			t.Fatalf("public window: %v %+v", err, pub)
		}

		bad := &central.Comment{ProposalID: pid, Name: "", Contact: "0912 345 678", Text: "ngắn"}
		if err := f.st.AddComment(context.Background(), bad, "k1"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("bad comment: %v", err)
		} else if fs := thidua.ErrorFields(err); fs["name"] == "" || fs["text"] == "" {
			t.Errorf("bad comment fields: %v", fs)
		}
		if err := f.st.AddComment(context.Background(), &central.Comment{ProposalID: pid, NomineeID: f.bkttg.ID, Name: "Nguyễn Văn A",
			Contact: "a@example.vn", Text: "Ý kiến về người không được công khai."}, "k1"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("comment on an unpublished nominee: %v", err)
		}
		c := &central.Comment{ProposalID: pid, NomineeID: f.cstdtq.ID, Name: "Trần Thị Bình", Contact: "0912 345 678",
			Text: "Tôi xác nhận sáng kiến của đồng chí được áp dụng tại phường tôi."}
		if err := f.st.AddComment(context.Background(), c, "k1"); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < central.RateLimit; i++ {
			if err := f.st.AddComment(context.Background(), &central.Comment{ProposalID: pid, Name: "Người gửi", Contact: "x@example.vn",
				Text: "Ý kiến chung về danh sách số " + string(rune('0'+i))}, "k1"); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.st.AddComment(context.Background(), &central.Comment{ProposalID: pid, Name: "Người gửi", Contact: "x@example.vn",
			Text: "Một ý kiến quá giới hạn."}, "k1"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("over the rate limit: %v", err)
		}
		cs, total, err := f.st.FindComments(f.officer, central.CommentFilter{ProposalID: pid})
		if err != nil || total != central.RateLimit || cs[len(cs)-1].NomineeName != f.cstdtq.Name || cs[0].State != central.CommentPending {
			t.Fatalf("comments: %v %d", err, total)
		}
		if _, _, err := f.st.FindComments(f.staff, central.CommentFilter{ProposalID: pid}); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("staff reads comments: %v", err)
		}
		if _, err := f.st.ModerateComment(f.officer, c.ID, central.CommentRejected, ""); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("reject without reason: %v", err)
		}
		if _, err := f.st.ModerateComment(f.officer, c.ID, central.CommentApproved, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.ModerateComment(f.officer, cs[0].ID, central.CommentRejected, "Không liên quan."); err != nil {
			t.Fatal(err)
		}
		w, err = f.st.FindWindow(f.officer, pid)
		if err != nil || w.Approved != 1 || w.Rejected != 1 || w.Pending != central.RateLimit-2 {
			t.Fatalf("counts: %v %+v", err, w)
		}
		if got, want := w.Summary(), "Đã công khai từ 01/12/2026 đến 15/12/2026, nhận được 1 ý kiến."; got != want {
			t.Errorf("summary %q, want %q", got, want)
		}

		// After the end date the page closes by itself.
		f.now = time.Date(2026, 12, 16, 3, 0, 0, 0, time.UTC)
		pub, err = f.st.FindPublicWindow(context.Background(), pid, day(2026, 12, 16))
		if err != nil || len(pub.Nominees) != 0 || !pub.ClosedOn(day(2026, 12, 16)) {
			t.Fatalf("closed window: %v %+v", err, pub)
		}
		if err := f.st.AddComment(context.Background(), &central.Comment{ProposalID: pid, Name: "Lê Văn C", Contact: "c@example.vn",
			Text: "Gửi sau khi đã hết hạn."}, "k2"); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("comment after the end: %v", err)
		}
		if _, total, _ := f.st.FindOpenWindows(context.Background(), day(2026, 12, 16), 0, 20); total != 0 {
			t.Errorf("open windows after the end: %d", total)
		}
	})
}

// TestCentralDecision records a Prime Minister's decision on one nominee,
// refuses what does not fit, and finds the title in the person's history.
func TestCentralDecision(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		f := newFixture(t, o)
		pid := f.p.ID
		for name, d := range map[string]*central.Decision{
			"no number":       {ProposalID: pid, Date: day(2026, 11, 20), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}},
			"bad number":      {ProposalID: pid, Number: "12 QĐ TTg", Date: day(2026, 11, 20), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}},
			"future":          {ProposalID: pid, Number: "1234/QĐ-TTg", Date: day(2027, 1, 2), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}},
			"wrong authority": {ProposalID: pid, Number: "1234/QĐ-CTN", Date: day(2026, 11, 20), Authority: "CTN", NomineeIDs: []int64{f.cstdtq.ID}},
			"no one":          {ProposalID: pid, Number: "1234/QĐ-TTg", Date: day(2026, 11, 20), Authority: "TTG"},
			"stranger":        {ProposalID: pid, Number: "1234/QĐ-TTg", Date: day(2026, 11, 20), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID, 999999}},
		} {
			if err := f.st.RecordDecision(f.officer, d); thidua.ErrorCode(err) != thidua.EINVALID {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		if err := f.st.RecordDecision(f.staff, &central.Decision{ProposalID: pid, Number: "1234/QĐ-TTg", Date: day(2026, 11, 20),
			Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}}); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Errorf("staff: %v", err)
		}
		if ds, _ := f.st.FindDecisions(f.officer, pid); len(ds) != 0 {
			t.Fatalf("decisions after refusals: %d", len(ds))
		}
		d := &central.Decision{ProposalID: pid, Number: "1234/QĐ-TTg", Date: day(2026, 11, 20), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}}
		if err := f.st.RecordDecision(f.officer, d); err != nil {
			t.Fatal(err)
		}
		again := &central.Decision{ProposalID: pid, Number: "1300/QĐ-TTg", Date: day(2026, 11, 25), Authority: "TTG", NomineeIDs: []int64{f.cstdtq.ID}}
		if err := f.st.RecordDecision(f.officer, again); thidua.ErrorCode(err) != thidua.EINVALID {
			t.Errorf("second decision for the same nominee: %v", err)
		}
		h, err := o.DB.FindHistory(f.officer, thidua.SubjectPerson, f.personID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, tr := range h.History.Titles {
			if tr.Code == thidua.TitleCSTDTQ && tr.Year == 2025 && tr.Decision == "1234/QĐ-TTg" {
				found = true
			}
		}
		if !found {
			t.Errorf("history titles %+v lack CSTĐTQ 2025 by 1234/QĐ-TTg", h.History.Titles)
		}
		p, _ := o.DB.FindProposalByID(f.officer, pid)
		if p.State == thidua.ProposalDecided {
			t.Errorf("decided with the BK TTg nominee still open")
		}
		d2 := &central.Decision{ProposalID: pid, Number: "1301/QĐ-TTg", Date: day(2026, 11, 26), Authority: "TTG", NomineeIDs: []int64{f.bkttg.ID}}
		if err := f.st.RecordDecision(f.officer, d2); err != nil {
			t.Fatal(err)
		}
		p, _ = o.DB.FindProposalByID(f.officer, pid)
		if p.State != thidua.ProposalDecided {
			t.Errorf("state %s, want decided", p.State)
		}
		ds, err := f.st.FindDecisions(f.officer, pid)
		if err != nil || len(ds) != 2 || ds[0].Recipients[0].Name != f.cstdtq.Name {
			t.Fatalf("decisions: %v %+v", err, ds)
		}
		entries, _, err := o.DB.FindAuditEntries(thidua.NewSystemContext(context.Background()), thidua.AuditFilter{Entity: "central_decision"})
		if err != nil || len(entries) != 2 {
			t.Errorf("audit: %v %d entries", err, len(entries))
		}
	})
}
