package inbox_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/inbox"
	"thidua/sqldb"
	sqlinbox "thidua/sqldb/inbox"
)

// notified returns the usernames holding a notification of kind.
func notified(t *testing.T, db *sqldb.DB, kind string) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = $1 ORDER BY u.username`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// TestEventRecipients records changes the way the services do (an audit
// entry in the change's transaction) and checks who is told: new reviewers,
// the council's voting members, the recipients of a decision (the person's
// account, the unit's head), the unit head of a returned proposal; and that
// two nodes reading the log at once tell each of them once.
func TestEventRecipients(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		if _, err := s.ProcessEvents(sys()); err != nil {
			t.Fatal(err)
		}
		exec(t, db, `DELETE FROM notifications`)
		officer := as(t, db, "thiduakt")
		id := func(name string) int64 { return one[int64](t, db, `SELECT id FROM users WHERE username = $1`, name) }
		change := func(action, entity string, eid int64, before, after any) {
			t.Helper()
			if err := db.Change(officer, action, entity, eid, before, after, func(sqldb.Handle) error { return nil }); err != nil {
				t.Fatal(err)
			}
		}
		campaign := one[int64](t, db, `SELECT id FROM campaigns ORDER BY id LIMIT 1`)
		change(thidua.ActionUpdate, "campaign_reviewers", campaign, []int64{id("hoidong")}, []int64{id("hoidong"), id("chutichhd")})

		council := one[int64](t, db, `SELECT id FROM councils ORDER BY id LIMIT 1`)
		mid := one[int64](t, db, `INSERT INTO meetings (council_id, title, date, state, agenda_json, created_at)
			VALUES ($1, 'Phiên họp', '2026-12-05', $2, '[]', $3) RETURNING id`, council, thidua.MeetingOpen, time.Now().UTC())
		change(thidua.ActionCreate, "meeting", mid, nil, map[string]any{"state": thidua.MeetingOpen})

		head := thidua.UserFromContext(as(t, db, "truongphonghc"))
		staff := thidua.UserFromContext(as(t, db, "canhan"))
		unit := one[int64](t, db, `SELECT unit_id FROM grants WHERE user_id = $1 AND role = 'UNIT_HEAD'`, head.ID)
		body, _ := json.Marshal(map[string]any{"recipients": []thidua.Recipient{
			{Subject: thidua.SubjectPerson, SubjectID: staff.PersonID, Name: "Cá nhân"},
			{Subject: thidua.SubjectUnit, SubjectID: unit, Name: "Phòng"},
		}})
		did := one[int64](t, db, `INSERT INTO decisions (unit_id, issuer, year, place, title, title_fold, body_json, state, created_at)
			VALUES ($1, 'VPUBND', 2026, 'Hà Nội', 'Quyết định khen thưởng', 'quyet dinh', $2, $3, $4) RETURNING id`, unit, string(body), thidua.DecisionIssued, time.Now().UTC())
		change(thidua.ActionUpdate, "decision", did, map[string]string{"state": thidua.DecisionDraft}, map[string]any{"state": thidua.DecisionIssued, "number": "01/QĐ-VPUBND"})

		pid := one[int64](t, db, `INSERT INTO proposals (unit_id, kind, year, title, state, created_by, created_at, updated_at)
			VALUES ($1, $2, 2026, 'Tờ trình', $3, 0, $4, $4) RETURNING id`, unit, thidua.AwardCongTrang, thidua.ProposalReturned, time.Now().UTC())
		change(thidua.ActionUpdate, "proposal", pid, map[string]string{"state": thidua.ProposalSubmitted}, map[string]string{"state": thidua.ProposalReturned, "note": "Thiếu hồ sơ"})

		// Two nodes at once.
		second := sqlinbox.New(demotest.Open(t, o.URL))
		var wg sync.WaitGroup
		for _, st := range []*sqlinbox.Store{s, second} {
			wg.Go(func() {
				if _, err := st.ProcessEvents(sys()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()

		if got := notified(t, db, inbox.EventScoreAssigned); !slices.Equal(got, []string{"chutichhd"}) {
			t.Errorf("score_assigned told %v, want the new reviewer only", got)
		}
		var voters []string
		rows, _ := db.SQL().Query(`SELECT u.username FROM council_members cm JOIN users u ON u.id = cm.user_id
			WHERE cm.council_id = $1 AND cm.role <> 'SECRETARY' ORDER BY u.username`, council)
		for rows.Next() {
			var n string
			rows.Scan(&n)
			voters = append(voters, n)
		}
		rows.Close()
		if got := notified(t, db, inbox.EventMeetingOpened); !slices.Equal(got, voters) {
			t.Errorf("meeting_opened told %v, want the voting members %v", got, voters)
		}
		if got := notified(t, db, inbox.EventDecisionIssued); !slices.Equal(got, []string{"canhan", "truongphonghc"}) {
			t.Errorf("decision_issued told %v", got)
		}
		if got := notified(t, db, inbox.EventProposalReturned); !slices.Equal(got, []string{"truongphonghc"}) {
			t.Errorf("proposal_returned told %v", got)
		}
		var n int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM notifications`).Scan(&n)
		if want := 1 + len(voters) + 2 + 1; n != want {
			t.Errorf("%d notifications, want %d (each once)", n, want)
		}
	})
}

// TestRegistrationReminders: a campaign in progress ending in three days
// reminds the participant side of registrations still missing evidence,
// once per deadline; a moved deadline reminds again.
func TestRegistrationReminders(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		campaign := one[int64](t, db, `SELECT id FROM campaigns ORDER BY id LIMIT 1`)
		exec(t, db, `UPDATE campaigns SET state = $1, end_date = '2026-12-05' WHERE id = $2`, thidua.CampaignInProgress, campaign)
		exec(t, db, `DELETE FROM evidence WHERE registration_id IN (SELECT id FROM registrations WHERE campaign_id = $1)`, campaign)
		today := d("2026-12-02")
		n, err := s.Remind(sys(), today)
		if err != nil || n == 0 {
			t.Fatalf("Remind = %d, %v", n, err)
		}
		if got := notified(t, db, inbox.EventRegistrationCloses); !slices.Contains(got, "truongphonghc") || !slices.Contains(got, "canhan") || slices.Contains(got, "admin") {
			t.Errorf("reminded %v", got)
		}
		if n, _ := s.Remind(sys(), d("2026-12-03")); n != 0 {
			t.Errorf("the next day reminded again %d times", n)
		}
		exec(t, db, `UPDATE campaigns SET end_date = '2026-12-08' WHERE id = $1`, campaign)
		if n, _ := s.Remind(sys(), d("2026-12-03")); n == 0 {
			t.Error("a moved deadline did not remind")
		}
	})
}

func d(s string) thidua.Date {
	x, err := thidua.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}
