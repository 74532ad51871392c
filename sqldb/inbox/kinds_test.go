package inbox_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/inbox"
	"thidua/sqldb"
	sqlinbox "thidua/sqldb/inbox"
)

func exec(t *testing.T, db *sqldb.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func one[T any](t *testing.T, db *sqldb.DB, q string, args ...any) T {
	t.Helper()
	var v T
	if err := db.SQL().QueryRow(q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// TestKindsFollowStates moves objects through their states and checks that
// each kind appears for the right people only and goes when the state
// that made it goes: proposals, meetings, decisions, registrations.
func TestKindsFollowStates(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		users := map[string]context.Context{}
		for _, a := range o.Accounts {
			users[a.Username] = as(t, db, a.Username)
		}
		has := func(name, kind string, id int64) bool {
			t.Helper()
			return slices.Contains(kinds(t, s, users[name])[kind], id)
		}
		only := func(kind string, id int64, who ...string) {
			t.Helper()
			for name := range users {
				if got, want := has(name, kind, id), slices.Contains(who, name); got != want {
					t.Errorf("%s: %s %d present %v, want %v", name, kind, id, got, want)
				}
			}
		}
		now := time.Now().UTC()

		// A proposal of Phòng Hành chính – Tổ chức, made by its head.
		head := thidua.UserFromContext(users["truongphonghc"])
		unit := one[int64](t, db, `SELECT u.id FROM units u JOIN grants g ON g.unit_id = u.id WHERE g.user_id = $1 AND g.role = 'UNIT_HEAD'`, head.ID)
		pid := one[int64](t, db, `INSERT INTO proposals (unit_id, kind, year, title, state, created_by, created_at, updated_at)
			VALUES ($1, $2, 2026, 'Tờ trình khen thưởng năm 2026', $3, $4, $5, $5) RETURNING id`, unit, thidua.AwardCongTrang, thidua.ProposalSubmitted, head.ID, now)
		only(inbox.KindProposalReceive, pid, "admin", "thiduakt")
		exec(t, db, `UPDATE proposals SET state = $1 WHERE id = $2`, thidua.ProposalReceived, pid)
		only(inbox.KindProposalReceive, pid)
		only(inbox.KindProposalAppraise, pid, "admin", "thiduakt")
		exec(t, db, `UPDATE proposals SET state = $1, reason = 'Thiếu báo cáo thành tích' WHERE id = $2`, thidua.ProposalReturned, pid)
		only(inbox.KindProposalAppraise, pid)
		only(inbox.KindProposalReturned, pid, "truongphonghc")
		exec(t, db, `UPDATE proposals SET state = $1 WHERE id = $2`, thidua.ProposalSubmitted, pid)
		only(inbox.KindProposalReturned, pid)

		// A meeting of the office's council: members vote, the secretary closes.
		council := one[int64](t, db, `SELECT id FROM councils ORDER BY id LIMIT 1`)
		mid := one[int64](t, db, `INSERT INTO meetings (council_id, title, date, state, agenda_json, created_at)
			VALUES ($1, 'Phiên họp xét khen thưởng', '2026-12-05', $2, '[]', $3) RETURNING id`, council, thidua.MeetingOpen, now)
		rows, err := db.SQL().Query(`SELECT u.username, cm.role FROM council_members cm JOIN users u ON u.id = cm.user_id WHERE cm.council_id = $1`, council)
		if err != nil {
			t.Fatal(err)
		}
		var voters, secretaries []string
		for rows.Next() {
			var name, role string
			rows.Scan(&name, &role)
			if _, ok := users[name]; !ok {
				users[name] = as(t, db, name)
			}
			if role == "SECRETARY" {
				secretaries = append(secretaries, name)
			} else {
				voters = append(voters, name)
			}
		}
		rows.Close()
		if len(voters) < 2 || len(secretaries) == 0 {
			t.Fatalf("council voters %v, secretaries %v", voters, secretaries)
		}
		only(inbox.KindMeetingVote, mid, voters...)
		only(inbox.KindMeetingClose, mid, append([]string{"admin", "thiduakt"}, secretaries...)...)
		voter := thidua.UserFromContext(users[voters[0]])
		exec(t, db, `INSERT INTO meeting_voters (meeting_id, user_id, written) VALUES ($1, $2, FALSE)`, mid, voter.ID)
		only(inbox.KindMeetingVote, mid, voters[1:]...)
		exec(t, db, `UPDATE meetings SET state = $1 WHERE id = $2`, thidua.MeetingClosed, mid)
		only(inbox.KindMeetingVote, mid)
		only(inbox.KindMeetingClose, mid)

		// A drafted decision waits for the officer of its unit; one of a unit
		// outside the officer's grant waits for the administrator only.
		officer := thidua.UserFromContext(users["thiduakt"])
		office := one[int64](t, db, `SELECT unit_id FROM grants WHERE user_id = $1 AND role = 'OFFICER'`, officer.ID)
		draft := func(unit int64) int64 {
			return one[int64](t, db, `INSERT INTO decisions (unit_id, issuer, year, place, title, title_fold, body_json, state, created_at)
				VALUES ($1, 'VPUBND', 2026, 'Hà Nội', 'Quyết định khen thưởng', 'quyet dinh khen thuong', '{}', $2, $3) RETURNING id`, unit, thidua.DecisionDraft, now)
		}
		did := draft(office)
		only(inbox.KindDecisionIssue, did, "admin", "thiduakt")
		outside := one[int64](t, db, `INSERT INTO units (name, name_fold, kind, path, depth, created_at, updated_at)
			VALUES ('Sở Nội vụ', 'so noi vu', 'AGENCY', '', 0, $1, $1) RETURNING id`, now)
		exec(t, db, `UPDATE units SET path = CAST(id AS TEXT) || '/' WHERE id = $1`, outside)
		only(inbox.KindDecisionIssue, draft(outside), "admin")
		exec(t, db, `UPDATE decisions SET state = $1 WHERE id = $2`, thidua.DecisionIssued, did)
		only(inbox.KindDecisionIssue, did)
	})
}

// TestParticipantTasksAgree checks the SQL of the participant side against
// inbox.ParticipantTasks for every registration of the demo campaign, in
// each campaign state, for the unit head and the staff member.
func TestParticipantTasksAgree(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		campaign := one[int64](t, db, `SELECT id FROM campaigns ORDER BY id LIMIT 1`)
		// Some registrations in every state, some without evidence.
		exec(t, db, `UPDATE registrations SET state = $1 WHERE id IN (SELECT id FROM registrations WHERE campaign_id = $2 ORDER BY id LIMIT 2)`, thidua.RegSubmitted, campaign)
		exec(t, db, `UPDATE registrations SET state = $1 WHERE id = (SELECT MAX(id) FROM registrations WHERE campaign_id = $2)`, thidua.RegReturned, campaign)
		exec(t, db, `DELETE FROM evidence WHERE registration_id IN (SELECT id FROM registrations WHERE campaign_id = $1 AND id % 3 = 0)`, campaign)
		exec(t, db, `DELETE FROM scores WHERE kind = $1 AND registration_id IN (SELECT id FROM registrations WHERE campaign_id = $2 AND id % 2 = 0)`, thidua.ScoreSelf, campaign)
		for _, state := range []string{thidua.CampaignLaunched, thidua.CampaignInProgress, thidua.CampaignEvaluating, thidua.CampaignClosed} {
			exec(t, db, `UPDATE campaigns SET state = $1 WHERE id = $2`, state, campaign)
			for _, name := range []string{"truongphonghc", "canhan"} {
				ctx := as(t, db, name)
				u := thidua.UserFromContext(ctx)
				got := kinds(t, s, ctx)
				want := map[string][]int64{}
				rows, err := db.SQL().Query(`SELECT r.id, r.state, COALESCE(r.person_id, 0), ru.path,
					EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id),
					EXISTS (SELECT 1 FROM scores sc WHERE sc.registration_id = r.id AND sc.kind = $1)
					FROM registrations r JOIN units ru ON ru.id = r.unit_id ORDER BY r.id`, thidua.ScoreSelf)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var id, person int64
					var rs, path string
					var ev, self bool
					if err := rows.Scan(&id, &rs, &person, &path, &ev, &self); err != nil {
						t.Fatal(err)
					}
					if !u.HeadCovers(path) && (person == 0 || person != u.PersonID) {
						continue
					}
					for _, k := range inbox.ParticipantTasks(rs, state, ev, self) {
						want[k] = append(want[k], id)
					}
				}
				rows.Close()
				for _, k := range []string{inbox.KindRegistrationReturned, inbox.KindEvidenceMissing, inbox.KindSelfScoreMissing} {
					g := slices.Clone(got[k])
					slices.Sort(g)
					if !slices.Equal(g, want[k]) {
						t.Errorf("%s, campaign %s: %s = %v, want %v", name, state, k, g, want[k])
					}
				}
			}
		}
	})
}
