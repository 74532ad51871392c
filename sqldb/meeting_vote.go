package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"thidua"
	"thidua/ballot"
	"thidua/sqldb/ballotbox"
)

// The secret ballot (issue #12): ballots are encrypted under the meeting's
// key (package ballot), stored one row each (package ballotbox), and only
// their sums are decrypted, by the trustees' partial decryptions.

// defaultTrustees names a meeting's key holders: the chair, the
// vice-chair and the secretary, filled up to three from the standing
// members and the members; any majority of them decrypts.
func defaultTrustees(c *thidua.Council) []ballot.Trustee {
	var out []ballot.Trustee
	for _, role := range []string{"CHAIR", "VICE_CHAIR", "SECRETARY", "STANDING", "MEMBER"} {
		for _, m := range c.Members {
			if m.Role == role && len(out) < 3 {
				out = append(out, ballot.Trustee{Index: len(out) + 1, UserID: m.UserID, Name: m.Name, Role: m.Role})
			}
		}
	}
	return out
}

// dealKey makes and stores the meeting's key; the shares go to the custody
// after the transaction commits.
func dealKey(ctx context.Context, tx *Tx, m *thidua.Meeting, c *thidua.Council) ([]ballot.Share, error) {
	ts := defaultTrustees(c)
	k, shares, err := ballot.Deal(m.ID, len(ts), len(ts)/2+1)
	if err != nil {
		return nil, err
	}
	return shares, ballotbox.SaveKey(ctx, tx, k, ts)
}

// fillBallot adds the ballot's public state to a meeting.
func fillBallot(ctx context.Context, q ballotbox.Q, m *thidua.Meeting) error {
	k, ts, err := ballotbox.LoadKey(ctx, q, m.ID)
	if err != nil {
		return err
	}
	if m.Ballots, err = ballotbox.Count(ctx, q, m.ID); err != nil {
		return err
	}
	m.Trustees, m.Threshold = ts, 0
	if k != nil {
		m.Threshold = k.Threshold
	}
	return q.QueryRowContext(ctx, `SELECT count(*) FROM meeting_partials WHERE meeting_id = $1`, m.ID).Scan(&m.Partials)
}

func trusteeOf(ctx context.Context, m *thidua.Meeting) (thidua.Trustee, bool) {
	u := thidua.UserFromContext(ctx)
	for _, t := range m.Trustees {
		if u != nil && t.UserID == u.ID {
			return t, true
		}
	}
	return thidua.Trustee{}, false
}

// CastVote checks the voter and the ballot, encrypts the choices under the
// meeting's key with their proofs and stores the ballot as one row of its
// own. The voter is recorded apart, and the audit log says only that a
// ballot was cast. The receipt is the ballot's hash.
func (db *DB) CastVote(ctx context.Context, v *thidua.Vote) (string, error) {
	me := thidua.UserFromContext(ctx)
	if me == nil {
		return "", thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	m, c, err := meetingForWrite(ctx, tx, v.MeetingID)
	if err != nil {
		return "", err
	}
	voter := me.ID
	if v.Written {
		if !isSecretary(ctx, c) {
			return "", thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thư ký Hội đồng nhập phiếu bằng văn bản của thành viên vắng mặt.")
		}
		voter = v.VoterID
	}
	isVoter := false
	for _, mem := range c.Voters() {
		isVoter = isVoter || mem.UserID == voter
	}
	if !isVoter {
		return "", thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên biểu quyết của Hội đồng được bỏ phiếu.")
	}
	present := false
	for _, id := range m.Present {
		present = present || id == voter
	}
	if v.Written && present {
		return "", fieldErr("voter_id", "Thành viên có mặt tự bỏ phiếu; phiếu bằng văn bản chỉ dành cho thành viên vắng mặt.")
	}
	if !v.Written && !present {
		return "", thidua.Errorf(thidua.EINVALID, "Bạn chưa được ghi nhận có mặt tại phiên họp; thư ký cần điểm danh trước.")
	}
	var voted int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM meeting_voters WHERE meeting_id = $1 AND user_id = $2`, m.ID, voter).Scan(&voted); err != nil {
		return "", err
	}
	if voted > 0 {
		return "", thidua.Errorf(thidua.ECONFLICT, "Thành viên này đã bỏ phiếu tại phiên họp; mỗi thành viên chỉ bỏ phiếu một lần.")
	}
	if len(v.Choices) != len(m.Agenda) {
		return "", fieldErr("choices", "Cần biểu quyết đủ mọi đối tượng trong chương trình.")
	}
	choices := make([]int, len(m.Agenda))
	for i, id := range m.Agenda {
		switch v.Choices[id] {
		case thidua.VoteAgree:
			choices[i] = 1
		case thidua.VoteDisagree:
		default:
			return "", fieldErr("choices", "Mỗi đối tượng cần chọn Đồng ý hoặc Không đồng ý.")
		}
	}
	k, _, err := ballotbox.LoadKey(ctx, tx, m.ID)
	if err != nil {
		return "", err
	}
	if k == nil {
		return "", thidua.Errorf(thidua.EINVALID, "Phiên họp chưa có khóa bỏ phiếu; thư ký Hội đồng tạo khóa mới trước khi bỏ phiếu.")
	}
	// The voters table's key refuses a second vote, even from two nodes at once.
	_, err = tx.ExecContext(ctx, `INSERT INTO meeting_voters (meeting_id, user_id, written) VALUES ($1, $2, $3)`, m.ID, voter, v.Written)
	if isUniqueViolation(err) {
		return "", thidua.Errorf(thidua.ECONFLICT, "Thành viên này đã bỏ phiếu tại phiên họp; mỗi thành viên chỉ bỏ phiếu một lần.")
	}
	if err != nil {
		return "", fmt.Errorf("sqldb: record voter: %w", err)
	}
	b, err := ballot.Encrypt(k, choices)
	if err != nil {
		return "", err
	}
	fp, err := ballot.VerifyBallot(k, len(m.Agenda), b)
	if err != nil {
		return "", err
	}
	receipt, err := ballotbox.Insert(ctx, tx, m.ID, b, fp)
	if isUniqueViolation(err) {
		return "", thidua.Errorf(thidua.ECONFLICT, "Phiếu trùng với một phiếu đã có trong hòm phiếu.")
	}
	if err != nil {
		return "", fmt.Errorf("sqldb: cast ballot: %w", err)
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting_vote", m.ID, nil, map[string]string{"ballot": "cast"}); err != nil {
		return "", err
	}
	return receipt, tx.Commit()
}

// Voted lists the members who have voted.
func (db *DB) Voted(ctx context.Context, meetingID int64) ([]int64, error) {
	if _, err := db.FindMeetingByID(ctx, meetingID); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT user_id FROM meeting_voters WHERE meeting_id = $1 ORDER BY user_id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// WrittenVotes counts the written ballots of absent members.
func (db *DB) WrittenVotes(ctx context.Context, meetingID int64) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM meeting_voters WHERE meeting_id = $1 AND written`, meetingID).Scan(&n)
	return n, err
}

// CheckReceipt answers whether a ballot of that hash is in the box.
func (db *DB) CheckReceipt(ctx context.Context, meetingID int64, receipt string) error {
	if _, err := db.FindMeetingByID(ctx, meetingID); err != nil {
		return err
	}
	ok, err := ballotbox.Has(ctx, db.db, meetingID, normalizeReceipt(receipt))
	if err != nil {
		return err
	}
	if !ok {
		return thidua.Errorf(thidua.ENOTFOUND, "Không có phiếu nào với mã này trong hòm phiếu.")
	}
	return nil
}

// normalizeReceipt drops spaces and dashes a person may type in a hash.
func normalizeReceipt(s string) string {
	out := make([]byte, 0, 64)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f':
			out = append(out, byte(r))
		case r >= 'A' && r <= 'F':
			out = append(out, byte(r-'A'+'a'))
		}
	}
	return string(out)
}

// CloseMeeting ends voting after checking the award-meeting quorum
// (R-HD-02); the result waits for the trustees' partial decryptions.
func (db *DB) CloseMeeting(ctx context.Context, meetingID int64, version int) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, c, err := meetingForWrite(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if !isSecretary(ctx, c) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thư ký Hội đồng hoặc cán bộ thi đua kết thúc phiên họp.")
	}
	if m.Version != version {
		return thidua.ErrStale()
	}
	members := len(c.Voters())
	if !thidua.Quorum(len(m.Present), members, c.MinPresentAward) {
		return thidua.Errorf(thidua.EINVALID, "Không đủ số thành viên dự họp: có mặt %d/%d, cần ít nhất %s tổng số thành viên khi xét khen thưởng (R-HD-02).",
			len(m.Present), members, strconv.FormatFloat(c.MinPresentAward*100, 'f', 0, 64)+"%")
	}
	if k, _, err := ballotbox.LoadKey(ctx, tx, m.ID); err != nil || k == nil {
		return errors.Join(err, thidua.Errorf(thidua.EINVALID, "Phiên họp chưa có khóa bỏ phiếu; thư ký Hội đồng tạo khóa mới."))
	}
	n, err := ballotbox.Count(ctx, tx, m.ID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET state = $1, version = version + 1 WHERE id = $2`, thidua.MeetingCounting, meetingID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting", meetingID, map[string]string{"state": thidua.MeetingOpen},
		map[string]any{"state": thidua.MeetingCounting, "ballots": n}); err != nil {
		return err
	}
	return tx.Commit()
}

// DownloadShare hands a trustee their share, once; the server keeps none.
func (db *DB) DownloadShare(ctx context.Context, meetingID int64) (*ballot.Share, error) {
	m, err := db.FindMeetingByID(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	t, ok := trusteeOf(ctx, m)
	switch {
	case !ok:
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên giữ khóa của phiên họp tải phần khóa của mình.")
	case m.State == thidua.MeetingClosed:
		return nil, thidua.Errorf(thidua.ECONFLICT, "Phiên họp đã có kết quả; phần khóa không còn cần.")
	case t.ShareTaken:
		return nil, thidua.Errorf(thidua.ECONFLICT, "Bạn đã tải phần khóa của mình; máy chủ không giữ bản nào khác.")
	case !db.custody.Holds(meetingID, t.Index):
		return nil, thidua.Errorf(thidua.ECONFLICT, "Máy chủ không còn giữ phần khóa này (máy chủ đã khởi động lại). Khi chưa có phiếu nào, thư ký tạo khóa mới.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ballotbox.MarkShareTaken(ctx, tx, meetingID, t.Index); err != nil {
		return nil, err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting_key", meetingID, nil, map[string]any{"share_taken": t.Index}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	s, ok := db.custody.Take(meetingID, t.Index)
	if !ok {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Phần khóa vừa được tải ở một phiên làm việc khác.")
	}
	return &s, nil
}

// RekeyMeeting deals a new key while no ballot is cast: when a trustee's
// share was lost before download, or for a meeting an upgrade left keyless.
func (db *DB) RekeyMeeting(ctx context.Context, meetingID int64, version int) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, c, err := meetingForWrite(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if !isSecretary(ctx, c) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thư ký Hội đồng hoặc cán bộ thi đua tạo khóa bỏ phiếu.")
	}
	if m.Version != version {
		return thidua.ErrStale()
	}
	if n, err := ballotbox.Count(ctx, tx, m.ID); err != nil || n > 0 {
		return errors.Join(err, thidua.Errorf(thidua.EINVALID, "Đã có %d phiếu: không thể đổi khóa giữa chừng; nếu thiếu phần khóa, thư ký ghi biểu quyết lại vào biên bản.", n))
	}
	shares, err := dealKey(ctx, tx, m, c)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET version = version + 1 WHERE id = $1`, m.ID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting_key", m.ID, nil, map[string]string{"key": "dealt"}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.custody.Put(m.ID, shares)
	return nil
}

// MeetingRecord returns the bulletin board once voting is closed.
func (db *DB) MeetingRecord(ctx context.Context, meetingID int64) (*ballot.Record, error) {
	m, err := db.FindMeetingByID(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	if m.State == thidua.MeetingOpen {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Đang bỏ phiếu: hòm phiếu chỉ được công bố sau khi kết thúc bỏ phiếu.")
	}
	return recordOf(ctx, db.db, m)
}

func recordOf(ctx context.Context, q ballotbox.Q, m *thidua.Meeting) (*ballot.Record, error) {
	k, ts, err := ballotbox.LoadKey(ctx, q, m.ID)
	if err != nil {
		return nil, err
	}
	if k == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Phiên họp này kết thúc trước khi có phiếu mã hóa: không có hòm phiếu điện tử.")
	}
	rec := &ballot.Record{Version: ballot.Version, Key: *k, Nominees: m.Agenda}
	for _, t := range ts {
		rec.Trustees = append(rec.Trustees, t.Trustee)
	}
	if rec.Ballots, err = ballotbox.Ballots(ctx, q, m.ID); err != nil {
		return nil, err
	}
	bs := make([]*ballot.Ballot, len(rec.Ballots))
	for i := range rec.Ballots {
		bs[i] = &rec.Ballots[i].Ballot
	}
	rec.Sums = ballot.Sum(len(m.Agenda), bs)
	if rec.Partials, err = ballotbox.Partials(ctx, q, m.ID); err != nil {
		return nil, err
	}
	if m.State == thidua.MeetingClosed {
		agree, _, err := ballotbox.Results(ctx, q, m.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range m.Agenda {
			rec.Result = append(rec.Result, agree[id])
		}
	}
	return rec, nil
}

// AddPartial stores a trustee's partial decryption after checking its
// proofs against the sums of the stored ballots; the threshold-th one
// decrypts the sums and closes the meeting with each nominee's result
// (R-HD-03).
func (db *DB) AddPartial(ctx context.Context, meetingID int64, p *ballot.Partial) ([]thidua.TallyRow, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findMeetingRaw(ctx, tx, meetingID)
	if err != nil {
		return nil, err
	}
	c, err := findCouncilRaw(ctx, tx, m.CouncilID)
	if err != nil || !canSeeCouncil(ctx, c) {
		return nil, errors.Join(err, notFound("phiên họp"))
	}
	if err := fillBallot(ctx, tx, m); err != nil {
		return nil, err
	}
	if _, ok := trusteeOf(ctx, m); !ok && !isSecretary(ctx, c) {
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên giữ khóa hoặc thư ký Hội đồng gửi phần giải mã.")
	}
	if m.State != thidua.MeetingCounting {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Chỉ gửi phần giải mã khi phiên họp đã kết thúc bỏ phiếu và chưa có kết quả.")
	}
	rec, err := recordOf(ctx, tx, m)
	if err != nil {
		return nil, err
	}
	if err := ballot.VerifyPartial(&rec.Key, rec.Sums, p); err != nil {
		return nil, fieldErr("partial", "Phần giải mã không hợp lệ với hòm phiếu của phiên họp này (sai tệp phần khóa, sai phiên họp hoặc tệp bị sửa).")
	}
	if err := ballotbox.SavePartial(ctx, tx, p); isUniqueViolation(err) {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Thành viên giữ khóa số %d đã gửi phần giải mã.", p.Trustee)
	} else if err != nil {
		return nil, err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting_key", m.ID, nil, map[string]int{"partial": p.Trustee}); err != nil {
		return nil, err
	}
	partials := append(rec.Partials, p)
	if len(partials) < rec.Key.Threshold {
		return nil, tx.Commit()
	}
	agree, err := ballot.Combine(&rec.Key, rec.Sums, partials, len(rec.Ballots))
	if err != nil {
		return nil, err
	}
	if err := ballotbox.SaveResults(ctx, tx, m.ID, m.Agenda, agree, len(rec.Ballots)); err != nil {
		return nil, err
	}
	rows, err := tallyOf(ctx, tx, m, c)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `UPDATE nominees SET passed = $1 WHERE id = $2`, r.Passed, r.NomineeID); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET state = 'CLOSED', closed_at = $1, version = version + 1 WHERE id = $2`, tx.now, meetingID); err != nil {
		return nil, err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting", meetingID, map[string]string{"state": thidua.MeetingCounting},
		map[string]any{"state": thidua.MeetingClosed, "tally": rows}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	db.custody.Drop(meetingID)
	return rows, nil
}

func tallyOf(ctx context.Context, q queryer, m *thidua.Meeting, c *thidua.Council) ([]thidua.TallyRow, error) {
	agree, cast, err := ballotbox.Results(ctx, q.(ballotbox.Q), m.ID)
	if err != nil {
		return nil, err
	}
	thresholds := map[int64]thidua.Threshold{}
	for _, id := range m.Agenda {
		var t float64
		var doc sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT threshold, verdict_json FROM nominees WHERE id = $1`, id).Scan(&t, &doc); err != nil && !isNoRows(err) {
			return nil, err
		}
		thresholds[id] = thidua.StoredThreshold(t, []byte(doc.String))
	}
	return thidua.Tally(agree, cast, m.Agenda, thresholds, len(c.Voters())), nil
}

// TallyMeeting returns the decrypted result; while voting or waiting for
// the trustees there is none to give.
func (db *DB) TallyMeeting(ctx context.Context, meetingID int64) ([]thidua.TallyRow, error) {
	m, err := db.FindMeetingByID(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	if m.State != thidua.MeetingClosed {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Chưa có kết quả kiểm phiếu: kết quả chỉ có sau khi kết thúc bỏ phiếu và đủ thành viên giữ khóa giải mã.")
	}
	c, err := findCouncilRaw(ctx, db.db, m.CouncilID)
	if err != nil {
		return nil, err
	}
	return tallyOf(ctx, db.db, m, c)
}
