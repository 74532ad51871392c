package sqldb_test

import (
	"testing"

	"thidua"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// TestResubmitRegistration: a returned registration is fixed by its unit
// and sent again, twice, each return's reason kept; storage refuses what
// the pages do not offer (thidua.CheckResubmit), all or nothing; a file of
// its evidence is replaced and removed, audited.
func TestResubmitRegistration(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		c := f.c
		if err := db.SaveCriteria(f.officerCtx, c.ID, c.Version, []*thidua.Criterion{{Code: "TC1", Title: "Hoàn thành nhiệm vụ", AppliesTo: thidua.ForBoth, MaxScore: 10}}); err != nil {
			t.Fatal(err)
		}
		c, _ = db.FindCampaignByID(f.officerCtx, c.ID)
		c, err := db.TransitionCampaign(f.officerCtx, c.ID, "launch", c.Version)
		if err != nil {
			t.Fatal(err)
		}
		reg := &thidua.Registration{Kind: thidua.ForIndividuals, PersonID: f.an.ID, Commitments: map[string]string{"TC1": "Hoàn thành"}}
		if err := db.CreateRegistrations(f.headCtx, c.ID, []*thidua.Registration{reg}); err != nil {
			t.Fatal(err)
		}
		get := func() *thidua.Registration {
			t.Helper()
			r, err := db.FindRegistrationByID(f.officerCtx, reg.ID)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		// Not returned: refused.
		if err := db.ResubmitRegistration(f.headCtx, reg.ID, 1, "", nil); code(err) != thidua.EINVALID {
			t.Fatalf("resubmit a submitted registration: %v", err)
		}
		reasons := []string{"Thiếu chữ ký", "Cam kết chưa cụ thể"}
		for i, reason := range reasons {
			r := get()
			if err := db.ReviewRegistration(f.officerCtx, reg.ID, false, reason, r.Version); err != nil {
				t.Fatal(err)
			}
			r = get()
			// Someone who does not act for the participant; a stale version; a bad target: nothing changes.
			if err := db.ResubmitRegistration(f.councilCtx, reg.ID, r.Version, "", nil); err == nil {
				t.Fatal("a council member resubmitted")
			}
			if err := db.ResubmitRegistration(f.headCtx, reg.ID, r.Version-1, "", nil); code(err) != thidua.ECONFLICT {
				t.Fatalf("stale resubmit: %v", err)
			}
			long := make([]rune, 300)
			for i := range long {
				long[i] = 'ư'
			}
			if err := db.ResubmitRegistration(f.headCtx, reg.ID, r.Version, string(long), nil); code(err) != thidua.EINVALID {
				t.Fatalf("resubmit with a too long target: %v", err)
			}
			if got := get(); got.State != thidua.RegReturned || got.Version != r.Version || got.ReturnReason != reason {
				t.Fatalf("a refused resubmit changed the registration: %+v", got)
			}
			commit := "Hoàn thành 100% nhiệm vụ;\nKhông sai sót lần " + string(rune('1'+i))
			if err := db.ResubmitRegistration(f.headCtx, reg.ID, r.Version, "Giấy khen", map[string]string{"TC1": "  " + commit + "  ", "TC9": " "}); err != nil {
				t.Fatalf("resubmit: %v", err)
			}
			if got := get(); got.State != thidua.RegSubmitted || got.ReturnReason != "" || got.TargetTitle != "Giấy khen" ||
				got.Commitments["TC1"] != commit || len(got.Commitments) != 1 {
				t.Fatalf("after resubmitting: %+v", got)
			}
		}
		if err := db.ReviewRegistration(f.officerCtx, reg.ID, true, "", get().Version); err != nil {
			t.Fatal(err)
		}
		evs, err := db.FindRegistrationEvents(f.headCtx, reg.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.Action+":"+e.Note)
			if e.ActorName == "" || e.At.IsZero() {
				t.Errorf("event without actor or time: %+v", e)
			}
		}
		want := []string{"RETURNED:" + reasons[0], "SUBMITTED:", "RETURNED:" + reasons[1], "SUBMITTED:", "APPROVED:"}
		if len(got) != len(want) {
			t.Fatalf("events %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("event %d: %q, want %q", i, got[i], want[i])
			}
		}
		// Outside the reader's scope: not found.
		if _, err := db.FindRegistrationEvents(userCtx(t, db, mustUser(t, db, "ktstaff", thidua.Grant{Role: thidua.RoleStaff, UnitID: f.kt.ID})), reg.ID); code(err) != thidua.ENOTFOUND {
			t.Errorf("events outside the scope: %v", err)
		}

		// Attachments: replaced, then removed, by the unit; not by others.
		ev := &thidua.Evidence{RegistrationID: reg.ID, CriterionID: 0, Text: "Bản đăng ký",
			Attachments: []thidua.Attachment{{Name: "a.pdf", ContentType: "application/pdf", Size: 10, Key: "k1"}}}
		crit, _ := db.FindCriteria(f.officerCtx, c.ID)
		ev.CriterionID = crit[0].ID
		if err := db.AddEvidence(f.headCtx, ev); err != nil {
			t.Fatal(err)
		}
		aid := ev.Attachments[0].ID
		if _, err := db.ChangeAttachment(f.councilCtx, aid, nil); err == nil {
			t.Fatal("a council member removed a file")
		}
		old, err := db.ChangeAttachment(f.headCtx, aid, &thidua.Attachment{Name: "b.png", ContentType: "image/png", Size: 20, Key: "k2"})
		if err != nil || old != "k1" {
			t.Fatalf("replace: %q %v", old, err)
		}
		if a, _, err := db.FindAttachment(f.headCtx, aid); err != nil || a.Name != "b.png" || a.Key != "k2" || a.Size != 20 {
			t.Fatalf("replaced attachment: %+v %v", a, err)
		}
		if old, err = db.ChangeAttachment(f.headCtx, aid, nil); err != nil || old != "k2" {
			t.Fatalf("remove: %q %v", old, err)
		}
		if _, _, err := db.FindAttachment(f.headCtx, aid); code(err) != thidua.ENOTFOUND {
			t.Errorf("removed attachment: %v", err)
		}
		if _, err = db.ChangeAttachment(f.headCtx, aid, nil); code(err) != thidua.ENOTFOUND {
			t.Errorf("remove twice: %v", err)
		}
		if bad, err := db.VerifyAuditChain(sys); bad != 0 || err != nil {
			t.Errorf("audit chain: %d %v", bad, err)
		}
	})
}

// TestUnitPlace stores an agency's place name (địa danh) and refuses an
// over-long one, changing nothing.
func TestUnitPlace(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		u := mustUnit(t, db, sys, 0, "UBND tỉnh Bắc Ninh", "UBND")
		u.Place = "  Bắc   Ninh "
		if err := db.UpdateUnit(sys, u); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindUnitByID(sys, u.ID)
		if err != nil || got.Place != "Bắc Ninh" {
			t.Fatalf("place %q %v", got.Place, err)
		}
		long := []rune{}
		for range 101 {
			long = append(long, 'ơ')
		}
		got.Place = string(long)
		if err := db.UpdateUnit(sys, got); code(err) != thidua.EINVALID {
			t.Fatalf("a place of 101 characters: %v", err)
		}
		if again, _ := db.FindUnitByID(sys, u.ID); again.Place != "Bắc Ninh" || again.Version != got.Version {
			t.Errorf("a refused place changed the unit: %+v", again)
		}
		child := mustUnit(t, db, sys, u.ID, "Văn phòng", "VP")
		if child.Place != "" {
			t.Errorf("a new unit's place %q", child.Place)
		}
	})
}
