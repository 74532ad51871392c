package sqldb_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cloudflare/circl/group"

	"thidua"
	"thidua/ballot"
	"thidua/sqldb"
	"thidua/sqldb/ballotbox"
	"thidua/sqldb/sqldbtest"
)

// closeByTrustees ends voting and has the chair and the vice-chair (two of
// the three trustees) do what a trustee does: download their share,
// compute the partial decryption from the downloaded record offline and
// upload it. It returns the tally and checks the record verifies.
func closeByTrustees(t *testing.T, db *sqldb.DB, f *councilFixture, meetingID int64) []thidua.TallyRow {
	t.Helper()
	m, err := db.FindMeetingByID(f.officerCtx, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(f.officerCtx, m.ID, m.Version); err != nil {
		t.Fatalf("close: %v", err)
	}
	var rows []thidua.TallyRow
	for i, ctx := range f.ctxs[:2] {
		share, err := db.DownloadShare(ctx, m.ID)
		if err != nil {
			t.Fatalf("trustee %d share: %v", i, err)
		}
		rec, err := db.MeetingRecord(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ballot.PartialDecrypt(&rec.Key, share, rec.Sums)
		if err != nil {
			t.Fatal(err)
		}
		if rows, err = db.AddPartial(ctx, m.ID, p); err != nil {
			t.Fatalf("trustee %d partial: %v", i, err)
		}
		if i == 0 && rows != nil {
			t.Fatal("one partial decryption gave a result")
		}
	}
	if rows == nil {
		t.Fatal("two partial decryptions of three gave no result")
	}
	rec, err := db.MeetingRecord(f.ctxs[3], m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Verify(); err != nil {
		t.Fatalf("the meeting record does not verify: %v", err)
	}
	return rows
}

// dbBytes returns everything of the database an attacker holding its files
// can read: on SQLite the main file and its WAL as they are on disk; on
// PostgreSQL every tuple version still in the heap pages of every table of
// the schema (dead ones included, through pageinspect) and every column of
// every live row.
func dbBytes(t *testing.T, db *sqldb.DB) []byte {
	t.Helper()
	var out []byte
	if !strings.HasPrefix(db.URL, "postgres") {
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(db.URL + suffix)
			if err != nil && suffix == "" {
				t.Fatal(err)
			}
			out = append(out, b...)
		}
		return out
	}
	q := db.SQL()
	if _, err := q.Exec(`CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public`); err != nil {
		msg := fmt.Sprintf("pageinspect (PostgreSQL contrib, superuser) is needed to read dead tuples: %v", err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("skipping: " + msg)
	}
	rows, err := q.Query(`SELECT c.relname, c.relpages FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r'`)
	if err != nil {
		t.Fatal(err)
	}
	type rel struct {
		name  string
		pages int
	}
	var rels []rel
	for rows.Next() {
		var r rel
		rows.Scan(&r.name, &r.pages)
		rels = append(rels, r)
	}
	rows.Close()
	for _, r := range rels {
		var blocks int64
		q.QueryRow(`SELECT pg_relation_size($1::regclass) / current_setting('block_size')::int`, r.name).Scan(&blocks)
		for b := int64(0); b < blocks; b++ {
			prow, err := q.Query(`SELECT coalesce(t_data, ''::bytea) FROM public.heap_page_items(public.get_raw_page($1, $2::int))`, r.name, b)
			if err != nil {
				t.Fatal(err)
			}
			for prow.Next() {
				var d []byte
				prow.Scan(&d)
				out = append(out, d...)
			}
			prow.Close()
		}
		all, err := q.Query(`SELECT t::text FROM ` + r.name + ` t`)
		if err != nil {
			t.Fatal(err)
		}
		for all.Next() {
			var s string
			all.Scan(&s)
			out = append(out, s...)
		}
		all.Close()
	}
	return out
}

var hex64 = regexp.MustCompile(`[0-9a-f]{64}`)

// TestBallotSecrecyAgainstTheFiles is the attack of issue #12: members
// vote, then someone holding only the database (SQLite file and WAL;
// PostgreSQL pages with their dead tuples) tries to learn any choice. The
// attack that worked on the old ballot box (reading the choices in the
// stored documents, diffing their versions in vote order) and every
// attempt to find a key in what is stored must recover nothing; the tally
// is refused while voting.
func TestBallotSecrecyAgainstTheFiles(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		ids := []int64{f.proposal.Nominees[0].ID, f.proposal.Nominees[1].ID, f.proposal.Nominees[2].ID}
		m := &thidua.Meeting{CouncilID: f.council.ID, Title: "Phiên họp", Date: thidua.NewDate(2025, 12, 20), Agenda: ids}
		if err := db.CreateMeeting(f.officerCtx, m); err != nil {
			t.Fatal(err)
		}
		var present []int64
		for _, u := range f.members {
			present = append(present, u.ID)
		}
		if err := db.SetAttendance(f.officerCtx, m.ID, present, m.Version); err != nil {
			t.Fatal(err)
		}
		// The trustees take their shares before the vote, as they would.
		var shares []*ballot.Share
		for _, ctx := range f.ctxs[:2] {
			s, err := db.DownloadShare(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			shares = append(shares, s)
		}
		choices := []string{"AGREE", "DISAGREE", "AGREE", "DISAGREE", "AGREE"}
		for i, c := range choices {
			if _, err := db.CastVote(f.ctxs[i], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[0]: c, ids[1]: c, ids[2]: "AGREE"}}); err != nil {
				t.Fatal(err)
			}
			// After each vote the running result is what the old attack polled.
			if _, err := db.TallyMeeting(f.ctxs[i], m.ID); thidua.ErrorCode(err) != thidua.ECONFLICT {
				t.Fatalf("tally while voting: %v", err)
			}
		}
		stolen := dbBytes(t, db)

		// 1. No plaintext choice in any form the old box used.
		for _, marker := range []string{"AGREE", "DISAGREE", `"choice"`, "receipt_hash", "ballots_json"} {
			if bytes.Contains(stolen, []byte(marker)) {
				t.Errorf("the stored bytes hold %q", marker)
			}
		}
		// 2. No share in any encoding.
		for _, s := range shares {
			raw := s.Share.Bytes()
			rev := bytes.Clone(raw)
			for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
				rev[i], rev[j] = rev[j], rev[i]
			}
			for _, enc := range [][]byte{raw, rev, []byte(hex.EncodeToString(raw)), []byte(hex.EncodeToString(rev)), []byte(strings.ToUpper(hex.EncodeToString(raw)))} {
				if bytes.Contains(stolen, enc) {
					t.Fatalf("trustee %d's share is in the stored bytes", s.Trustee)
				}
			}
		}
		// 3. No stored 32-byte value is the secret key or a share: none of
		// them, taken as a scalar x, gives g^x equal to the public key or a
		// verification key.
		rec := readKey(t, db, m.ID)
		targets := append([]ballot.Point{rec.PublicKey}, rec.VerificationKeys...)
		g := group.Ristretto255
		tried := 0
		for _, tok := range hex64.FindAll(stolen, -1) {
			for _, b := range [][]byte{mustHex(tok), reverse(mustHex(tok))} {
				x := g.NewScalar()
				if x.UnmarshalBinary(b) != nil {
					continue
				}
				tried++
				gx, _ := g.NewElement().MulGen(x).MarshalBinary()
				for _, p := range targets {
					if bytes.Equal(gx, p.Bytes()) {
						t.Fatalf("a stored value is the secret of %x", p.Bytes())
					}
				}
			}
		}
		if tried < 100 {
			t.Fatalf("only %d candidate values read: the attack did not read the ballots", tried)
		}
		// 4. The audit rows of the votes say only that a ballot was cast.
		arows, err := db.SQL().Query(`SELECT after_json FROM audit_log WHERE entity = 'meeting_vote'`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for arows.Next() {
			var s string
			arows.Scan(&s)
			if s != `{"ballot":"cast"}` {
				t.Errorf("audit entry of a vote: %s", s)
			}
			n++
		}
		arows.Close()
		if n != len(choices) {
			t.Fatalf("%d audit entries for %d votes", n, len(choices))
		}
		// 5. What the voters' table keeps: who voted, nothing else.
		rows, err := db.SQL().Query(`SELECT * FROM meeting_voters WHERE 1 = 0`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		if strings.Join(cols, ",") != "meeting_id,user_id,written" {
			t.Fatalf("meeting_voters columns %v", cols)
		}
		// 6. The ballots table has no time, sequence or voter column.
		rows, _ = db.SQL().Query(`SELECT * FROM ballots WHERE 1 = 0`)
		cols, _ = rows.Columns()
		rows.Close()
		if strings.Join(cols, ",") != "meeting_id,hash,ballot_json" {
			t.Fatalf("ballots columns %v", cols)
		}
	})
}

func readKey(t *testing.T, db *sqldb.DB, meetingID int64) *ballot.Key {
	t.Helper()
	var s string
	if err := db.SQL().QueryRow(`SELECT key_json FROM meeting_keys WHERE meeting_id = $1`, meetingID).Scan(&s); err != nil {
		t.Fatal(err)
	}
	var k ballot.Key
	if err := json.Unmarshal([]byte(s), &k); err != nil {
		t.Fatal(err)
	}
	return &k
}

func mustHex(b []byte) []byte { out, _ := hex.DecodeString(string(b)); return out }
func reverse(b []byte) []byte {
	out := bytes.Clone(b)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// TestBallotTrustees walks the key's custody: a share goes once to its own
// trustee, never to anyone else; a lost share is replaced by a new key
// only while no ballot is cast; fewer partial decryptions than the
// threshold give no result; a forged partial is refused with nothing
// changed.
func TestBallotTrustees(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		id := f.proposal.Nominees[1].ID
		m := &thidua.Meeting{CouncilID: f.council.ID, Title: "Phiên họp", Date: thidua.NewDate(2025, 12, 20), Agenda: []int64{id}}
		if err := db.CreateMeeting(f.officerCtx, m); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindMeetingByID(f.officerCtx, m.ID)
		if len(got.Trustees) != 3 || got.Threshold != 2 || got.Trustees[0].Role != "CHAIR" || got.Trustees[1].Role != "VICE_CHAIR" || got.Trustees[2].Role != "SECRETARY" {
			t.Fatalf("trustees %+v threshold %d", got.Trustees, got.Threshold)
		}
		if _, err := db.DownloadShare(f.ctxs[2], m.ID); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("a member who is no trustee took a share: %v", err)
		}
		if _, err := db.DownloadShare(f.officerCtx, m.ID); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("the officer who opened the vote took a share: %v", err)
		}
		s0, err := db.DownloadShare(f.ctxs[0], m.ID)
		if err != nil || s0.Trustee != 1 {
			t.Fatalf("chair's share: %v %v", s0, err)
		}
		if _, err := db.DownloadShare(f.ctxs[0], m.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("a second download: %v", err)
		}
		// A restart loses the shares not yet taken: simulated by a second
		// handle on the same database (another process).
		other := sqldbtest.Open(t, db.URL)
		vctx := thidua.NewContextWithUser(context.Background(), f.members[1])
		if _, err := other.DownloadShare(vctx, m.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("a share from a process that never held it: %v", err)
		}
		// No ballot yet: the secretary (here the officer) deals a new key.
		got, _ = db.FindMeetingByID(f.officerCtx, m.ID)
		if err := db.RekeyMeeting(f.ctxs[0], m.ID, got.Version); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("a member rekeys: %v", err)
		}
		if err := db.RekeyMeeting(f.officerCtx, m.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindMeetingByID(f.officerCtx, m.ID)
		for _, tr := range got.Trustees {
			if tr.ShareTaken {
				t.Fatalf("after a new key, trustee %d is marked as holding a share", tr.Index)
			}
		}
		var present []int64
		for _, u := range f.members {
			present = append(present, u.ID)
		}
		if err := db.SetAttendance(f.officerCtx, m.ID, present, got.Version); err != nil {
			t.Fatal(err)
		}
		for i := range f.members {
			if _, err := db.CastVote(f.ctxs[i], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{id: thidua.VoteAgree}}); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = db.FindMeetingByID(f.officerCtx, m.ID)
		if got.Ballots != 5 {
			t.Fatalf("ballots %d", got.Ballots)
		}
		if err := db.RekeyMeeting(f.officerCtx, m.ID, got.Version); code(err) != thidua.EINVALID {
			t.Fatalf("rekey after ballots: %v", err)
		}
		share, _ := db.DownloadShare(f.ctxs[0], m.ID)
		if err := db.CloseMeeting(f.officerCtx, m.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		rec, err := db.MeetingRecord(f.ctxs[0], m.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := ballot.PartialDecrypt(&rec.Key, share, rec.Sums)
		// A tampered partial is refused and stores nothing.
		bad := *p
		bad.Shares = append([]ballot.DecryptionShare(nil), p.Shares...)
		bad.Shares[0].D = rec.Sums[0].A
		if _, err := db.AddPartial(f.ctxs[0], m.ID, &bad); code(err) != thidua.EINVALID {
			t.Fatalf("a forged partial: %v", err)
		}
		if rows, err := db.AddPartial(f.ctxs[0], m.ID, p); err != nil || rows != nil {
			t.Fatalf("first partial: %v %v", rows, err)
		}
		if _, err := db.AddPartial(f.ctxs[0], m.ID, p); code(err) != thidua.ECONFLICT {
			t.Fatalf("the same partial twice: %v", err)
		}
		// One of two: still no result.
		if _, err := db.TallyMeeting(f.officerCtx, m.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("tally with one partial: %v", err)
		}
		got, _ = db.FindMeetingByID(f.officerCtx, m.ID)
		if got.State != thidua.MeetingCounting || got.Partials != 1 {
			t.Fatalf("state %s partials %d", got.State, got.Partials)
		}
		// The vice-chair's share is still in this process's custody.
		s1, err := db.DownloadShare(f.ctxs[1], m.ID)
		if err != nil {
			t.Fatal(err)
		}
		p1, _ := ballot.PartialDecrypt(&rec.Key, s1, rec.Sums)
		rows, err := db.AddPartial(f.ctxs[1], m.ID, p1)
		if err != nil || len(rows) != 1 || rows[0].Agree != 5 || !rows[0].Passed {
			t.Fatalf("result %+v %v", rows, err)
		}
		rec, _ = db.MeetingRecord(f.ctxs[4], m.ID)
		if err := rec.Verify(); err != nil || fmt.Sprint(rec.Result) != "[5]" {
			t.Fatalf("record %v %v", rec.Result, err)
		}
	})
}

// TestBallotUpgrade: a database from before the encrypted ballot keeps the
// counts of its closed meetings, voids the votes of its open ones, and no
// longer holds their plaintext — not in the table, not in free pages, not
// in the WAL.
func TestBallotUpgrade(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		ids := []int64{f.proposal.Nominees[0].ID, f.proposal.Nominees[1].ID}
		closed := &thidua.Meeting{CouncilID: f.council.ID, Title: "Đã họp", Date: thidua.NewDate(2025, 12, 20), Agenda: ids[:1]}
		open := &thidua.Meeting{CouncilID: f.council.ID, Title: "Đang họp", Date: thidua.NewDate(2025, 12, 21), Agenda: ids[1:]}
		for _, m := range []*thidua.Meeting{closed, open} {
			if err := db.CreateMeeting(f.officerCtx, m); err != nil {
				t.Fatal(err)
			}
		}
		// Put the database back as 0009 left it: a plaintext box per meeting.
		q := db.SQL()
		marker := "PLAINTEXT-" + sqldbtest.RandomSuffix()
		box := func(nominee int64, choices ...string) string {
			var bs []map[string]any
			for _, c := range choices {
				bs = append(bs, map[string]any{"nominee_id": nominee, "choice": c, "receipt_hash": marker, "written": false})
			}
			b, _ := json.Marshal(bs)
			return string(b)
		}
		mustExec(t, q, `CREATE TABLE ballot_boxes (meeting_id BIGINT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE, ballots_json TEXT NOT NULL)`)
		mustExec(t, q, `INSERT INTO ballot_boxes VALUES ($1, $2), ($3, $4)`, closed.ID, box(ids[0], "AGREE", "AGREE", "DISAGREE", "AGREE"), open.ID, box(ids[1], "DISAGREE"))
		mustExec(t, q, `UPDATE meetings SET state = 'CLOSED' WHERE id = $1`, closed.ID)
		mustExec(t, q, `DELETE FROM meeting_keys`)
		mustExec(t, q, `INSERT INTO meeting_voters (meeting_id, user_id, written) VALUES ($1, $2, FALSE)`, open.ID, f.members[0].ID)
		mustExec(t, q, `DELETE FROM schema_migrations WHERE name = '0010_ballot.sql'`)
		if !bytes.Contains(dbBytes(t, db), []byte(marker)) {
			t.Fatal("the plaintext box is not in the files: the test cannot tell")
		}
		applied, err := db.Migrate(context.Background())
		if err != nil || fmt.Sprint(applied) != "[0010_ballot.sql]" {
			t.Fatalf("migrate: %v %v", applied, err)
		}
		if bytes.Contains(dbBytes(t, db), []byte(marker)) {
			t.Fatal("the plaintext ballots survive the upgrade in the database files")
		}
		rows, err := db.TallyMeeting(f.officerCtx, closed.ID)
		if err != nil || len(rows) != 1 || rows[0].Agree != 3 || rows[0].Disagree != 1 {
			t.Fatalf("closed meeting after upgrade: %+v %v", rows, err)
		}
		voted, _ := db.Voted(f.officerCtx, open.ID)
		if len(voted) != 0 {
			t.Fatalf("votes of an open meeting survive: %v", voted)
		}
		// The open meeting has no key: no vote until the secretary deals one.
		m, _ := db.FindMeetingByID(f.officerCtx, open.ID)
		if err := db.SetAttendance(f.officerCtx, m.ID, []int64{f.members[0].ID}, m.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CastVote(f.ctxs[0], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[1]: "AGREE"}}); code(err) != thidua.EINVALID {
			t.Fatalf("vote without a key: %v", err)
		}
		if err := db.RekeyMeeting(f.officerCtx, m.ID, m.Version+1); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CastVote(f.ctxs[0], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{ids[1]: "AGREE"}}); err != nil {
			t.Fatalf("vote after a new key: %v", err)
		}
	})
}

func mustExec(t *testing.T, q *sql.DB, s string, args ...any) {
	t.Helper()
	if _, err := q.Exec(s, args...); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
}

// TestBallotWeedingInTheBox: the box refuses a stored ballot's copy, and
// a ballot reusing any of its ciphertexts under another hash, through the
// fingerprints' unique key (on both databases), leaving nothing behind.
func TestBallotWeedingInTheBox(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCouncilFixture(t, db)
		id := f.proposal.Nominees[1].ID
		m := &thidua.Meeting{CouncilID: f.council.ID, Title: "Phiên họp", Date: thidua.NewDate(2025, 12, 20), Agenda: []int64{id}}
		if err := db.CreateMeeting(f.officerCtx, m); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAttendance(f.officerCtx, m.ID, []int64{f.members[0].ID}, m.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CastVote(f.ctxs[0], &thidua.Vote{MeetingID: m.ID, Choices: map[int64]string{id: thidua.VoteAgree}}); err != nil {
			t.Fatal(err)
		}
		k := readKey(t, db, m.ID)
		stored, err := ballotbox.Ballots(context.Background(), db.SQL(), m.ID)
		if err != nil || len(stored) != 1 {
			t.Fatalf("ballots %v %v", stored, err)
		}
		b := stored[0].Ballot
		fp, err := ballot.VerifyBallot(k, 1, &b)
		if err != nil {
			t.Fatal(err)
		}
		tamperedB := b
		tamperedB.Choices = append([]ballot.Choice(nil), b.Choices...)
		tamperedB.Choices[0].B = k.PublicKey // another hash, the same A
		for name, bl := range map[string]*ballot.Ballot{"copy": &b, "same ciphertext A": &tamperedB} {
			tx, err := db.SQL().Begin()
			if err != nil {
				t.Fatal(err)
			}
			_, err = ballotbox.Insert(context.Background(), tx, m.ID, bl, fp)
			tx.Rollback()
			if err == nil {
				t.Fatalf("%s: the box took it", name)
			}
		}
		if n, _ := ballotbox.Count(context.Background(), db.SQL(), m.ID); n != 1 {
			t.Fatalf("%d ballots after the refused copies", n)
		}
		// A fresh ballot with the same choice goes in: the refusals were weeding.
		fresh, _ := ballot.Encrypt(k, []int{1})
		ffp, _ := ballot.VerifyBallot(k, 1, fresh)
		if _, err := ballotbox.Insert(context.Background(), db.SQL(), m.ID, fresh, ffp); err != nil {
			t.Fatalf("a fresh ballot: %v", err)
		}
	})
}
