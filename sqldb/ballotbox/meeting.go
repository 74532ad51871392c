package ballotbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"thidua"
	"thidua/ballot"
)

// Box runs the ballot's steps on a meeting inside the caller's
// transaction; IsUnique tells the database's unique violation.
type Box struct {
	Q        Q
	IsUnique func(error) bool
}

func fieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// Trustees names a meeting's key holders: the chair, the vice-chair and
// the secretary, filled up to three from the standing members and the
// members; any majority of them decrypts.
func Trustees(c *thidua.Council) []ballot.Trustee {
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

// Deal makes and stores the meeting's key; the caller hands the shares to
// its Custody once the transaction commits.
func (b Box) Deal(ctx context.Context, m *thidua.Meeting, c *thidua.Council) ([]ballot.Share, error) {
	ts := Trustees(c)
	k, shares, err := ballot.Deal(m.ID, len(ts), len(ts)/2+1)
	if err != nil {
		return nil, err
	}
	return shares, SaveKey(ctx, b.Q, k, ts)
}

// Fill adds the ballot's public state to a meeting: trustees, threshold,
// ballots cast, partial decryptions received.
func (b Box) Fill(ctx context.Context, m *thidua.Meeting) error {
	k, ts, err := LoadKey(ctx, b.Q, m.ID)
	if err != nil {
		return err
	}
	if m.Ballots, err = Count(ctx, b.Q, m.ID); err != nil {
		return err
	}
	m.Trustees, m.Threshold = ts, 0
	if k != nil {
		m.Threshold = k.Threshold
	}
	return b.Q.QueryRowContext(ctx, `SELECT count(*) FROM meeting_partials WHERE meeting_id = $1`, m.ID).Scan(&m.Partials)
}

// TrusteeOf returns the user's trustee entry on a filled meeting.
func TrusteeOf(m *thidua.Meeting, u *thidua.User) (thidua.Trustee, bool) {
	for _, t := range m.Trustees {
		if u != nil && t.UserID == u.ID {
			return t, true
		}
	}
	return thidua.Trustee{}, false
}

// CheckVote checks who votes and the choices: a voting member present in
// person, or an absent one's written ballot entered by the secretary; a
// choice for every nominee (checked by Cast). It returns the voter.
func CheckVote(m *thidua.Meeting, c *thidua.Council, v *thidua.Vote, me int64, secretary bool) (int64, error) {
	voter := me
	if v.Written {
		if !secretary {
			return 0, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thư ký Hội đồng nhập phiếu bằng văn bản của thành viên vắng mặt.")
		}
		voter = v.VoterID
	}
	isVoter, present := false, false
	for _, mem := range c.Voters() {
		isVoter = isVoter || mem.UserID == voter
	}
	if !isVoter {
		return 0, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên biểu quyết của Hội đồng được bỏ phiếu.")
	}
	for _, id := range m.Present {
		present = present || id == voter
	}
	if v.Written && present {
		return 0, fieldErr("voter_id", "Thành viên có mặt tự bỏ phiếu; phiếu bằng văn bản chỉ dành cho thành viên vắng mặt.")
	}
	if !v.Written && !present {
		return 0, thidua.Errorf(thidua.EINVALID, "Bạn chưa được ghi nhận có mặt tại phiên họp; thư ký cần điểm danh trước.")
	}
	return voter, nil
}

func choicesOf(m *thidua.Meeting, v *thidua.Vote) ([]int, error) {
	if len(v.Choices) != len(m.Agenda) {
		return nil, fieldErr("choices", "Cần biểu quyết đủ mọi đối tượng trong chương trình.")
	}
	out := make([]int, len(m.Agenda))
	for i, id := range m.Agenda {
		switch v.Choices[id] {
		case thidua.VoteAgree:
			out[i] = 1
		case thidua.VoteDisagree:
		default:
			return nil, fieldErr("choices", "Mỗi đối tượng cần chọn Đồng ý hoặc Không đồng ý.")
		}
	}
	return out, nil
}

var errVoted = thidua.Errorf(thidua.ECONFLICT, "Thành viên này đã bỏ phiếu tại phiên họp; mỗi thành viên chỉ bỏ phiếu một lần.")

// Cast records the voter, encrypts the choices under the meeting's key
// with their proofs and stores the ballot as a row of its own. It returns
// the ballot's hash, the receipt.
func (b Box) Cast(ctx context.Context, m *thidua.Meeting, voter int64, v *thidua.Vote) (string, error) {
	var voted int
	if err := b.Q.QueryRowContext(ctx, `SELECT count(*) FROM meeting_voters WHERE meeting_id = $1 AND user_id = $2`, m.ID, voter).Scan(&voted); err != nil {
		return "", err
	}
	if voted > 0 {
		return "", errVoted
	}
	choices, err := choicesOf(m, v)
	if err != nil {
		return "", err
	}
	k, _, err := LoadKey(ctx, b.Q, m.ID)
	if err != nil {
		return "", err
	}
	if k == nil {
		return "", thidua.Errorf(thidua.EINVALID, "Phiên họp chưa có khóa bỏ phiếu; thư ký Hội đồng tạo khóa mới trước khi bỏ phiếu.")
	}
	// The voters table's key refuses a second vote, even from two nodes at once.
	_, err = b.Q.ExecContext(ctx, `INSERT INTO meeting_voters (meeting_id, user_id, written) VALUES ($1, $2, $3)`, m.ID, voter, v.Written)
	if b.IsUnique(err) {
		return "", errVoted
	}
	if err != nil {
		return "", fmt.Errorf("ballotbox: record voter: %w", err)
	}
	bl, err := ballot.Encrypt(k, choices)
	if err != nil {
		return "", err
	}
	fp, err := ballot.VerifyBallot(k, len(m.Agenda), bl)
	if err != nil {
		return "", err
	}
	receipt, err := Insert(ctx, b.Q, m.ID, bl, fp)
	if b.IsUnique(err) {
		return "", thidua.Errorf(thidua.ECONFLICT, "Phiếu trùng với một phiếu đã có trong hòm phiếu.")
	}
	if err != nil {
		return "", fmt.Errorf("ballotbox: cast ballot: %w", err)
	}
	return receipt, nil
}

// NormalizeReceipt keeps the hex digits of a typed receipt, lower case.
func NormalizeReceipt(s string) string {
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

// Record builds the meeting's bulletin board: key, trustees, ballots, the
// sums, the partial decryptions, and the result once closed.
func (b Box) Record(ctx context.Context, m *thidua.Meeting) (*ballot.Record, error) {
	k, ts, err := LoadKey(ctx, b.Q, m.ID)
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
	if rec.Ballots, err = Ballots(ctx, b.Q, m.ID); err != nil {
		return nil, err
	}
	bs := make([]*ballot.Ballot, len(rec.Ballots))
	for i := range rec.Ballots {
		bs[i] = &rec.Ballots[i].Ballot
	}
	rec.Sums = ballot.Sum(len(m.Agenda), bs)
	if rec.Partials, err = Partials(ctx, b.Q, m.ID); err != nil {
		return nil, err
	}
	if m.State == thidua.MeetingClosed {
		agree, _, err := Results(ctx, b.Q, m.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range m.Agenda {
			rec.Result = append(rec.Result, agree[id])
		}
	}
	return rec, nil
}

// AddPartial verifies a trustee's partial decryption against the sums of
// the stored ballots and stores it; with the threshold reached it decrypts
// the sums and stores each nominee's count. It reports whether the count
// is done.
func (b Box) AddPartial(ctx context.Context, m *thidua.Meeting, p *ballot.Partial) (bool, error) {
	rec, err := b.Record(ctx, m)
	if err != nil {
		return false, err
	}
	if err := ballot.VerifyPartial(&rec.Key, rec.Sums, p); err != nil {
		return false, fieldErr("partial", "Phần giải mã không hợp lệ với hòm phiếu của phiên họp này (sai tệp phần khóa, sai phiên họp hoặc tệp bị sửa).")
	}
	if err := SavePartial(ctx, b.Q, p); b.IsUnique(err) {
		return false, thidua.Errorf(thidua.ECONFLICT, "Thành viên giữ khóa số %d đã gửi phần giải mã.", p.Trustee)
	} else if err != nil {
		return false, err
	}
	partials := append(rec.Partials, p)
	if len(partials) < rec.Key.Threshold {
		return false, nil
	}
	agree, err := ballot.Combine(&rec.Key, rec.Sums, partials, len(rec.Ballots))
	if err != nil {
		return false, err
	}
	return true, SaveResults(ctx, b.Q, m.ID, m.Agenda, agree, len(rec.Ballots))
}

// Busy reports whether a meeting still voting or counting has the nominee
// on its agenda.
func Busy(ctx context.Context, q Q, nomineeID int64) bool {
	rows, err := q.QueryContext(ctx, `SELECT agenda_json FROM meetings WHERE state IN ('OPEN', 'COUNTING')`)
	if err != nil {
		return false
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var ids []int64
		rows.Scan(&s)
		json.Unmarshal([]byte(s), &ids)
		if slices.Contains(ids, nomineeID) {
			return true
		}
	}
	return false
}

// Voters lists the members who have voted, by user ID.
func Voters(ctx context.Context, q Q, meetingID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT user_id FROM meeting_voters WHERE meeting_id = $1 ORDER BY user_id`, meetingID)
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

// ShareFor checks that the user may take their share of the meeting now:
// a trustee, the count not done, the share not yet taken and still held.
func ShareFor(m *thidua.Meeting, u *thidua.User, held func(index int) bool) (thidua.Trustee, error) {
	t, ok := TrusteeOf(m, u)
	switch {
	case !ok:
		return t, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên giữ khóa của phiên họp tải phần khóa của mình.")
	case m.State == thidua.MeetingClosed:
		return t, thidua.Errorf(thidua.ECONFLICT, "Phiên họp đã có kết quả; phần khóa không còn cần.")
	case t.ShareTaken:
		return t, thidua.Errorf(thidua.ECONFLICT, "Bạn đã tải phần khóa của mình; máy chủ không giữ bản nào khác.")
	case !held(t.Index):
		return t, thidua.Errorf(thidua.ECONFLICT, "Máy chủ này không giữ phần khóa của bạn (máy chủ đã khởi động lại, hoặc phiên họp được mở trên một máy chủ khác của cụm). Khi chưa có phiếu nào, thư ký tạo khóa mới.")
	}
	return t, nil
}

// Tally weighs the decrypted counts against each nominee's stored
// threshold (R-HD-03), on all voting members of the council.
func Tally(ctx context.Context, q Q, m *thidua.Meeting, c *thidua.Council) ([]thidua.TallyRow, error) {
	agree, cast, err := Results(ctx, q, m.ID)
	if err != nil {
		return nil, err
	}
	thresholds := map[int64]thidua.Threshold{}
	for _, id := range m.Agenda {
		var t float64
		var doc sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT threshold, verdict_json FROM nominees WHERE id = $1`, id).Scan(&t, &doc); err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		thresholds[id] = thidua.StoredThreshold(t, []byte(doc.String))
	}
	return thidua.Tally(agree, cast, m.Agenda, thresholds, len(c.Voters())), nil
}

// Close stores each nominee's result and closes the meeting.
func Close(ctx context.Context, q Q, m *thidua.Meeting, rows []thidua.TallyRow, now time.Time) error {
	for _, r := range rows {
		if _, err := q.ExecContext(ctx, `UPDATE nominees SET passed = $1 WHERE id = $2`, r.Passed, r.NomineeID); err != nil {
			return err
		}
	}
	_, err := q.ExecContext(ctx, `UPDATE meetings SET state = 'CLOSED', closed_at = $1, version = version + 1 WHERE id = $2`, now, m.ID)
	return err
}

// CheckClose checks that voting may end: the award-meeting quorum
// (R-HD-02) and a key on the (filled) meeting.
func CheckClose(m *thidua.Meeting, c *thidua.Council) error {
	members := len(c.Voters())
	if !thidua.Quorum(len(m.Present), members, c.MinPresentAward) {
		return thidua.Errorf(thidua.EINVALID, "Không đủ số thành viên dự họp: có mặt %d/%d, cần ít nhất %s tổng số thành viên khi xét khen thưởng (R-HD-02).",
			len(m.Present), members, strconv.FormatFloat(c.MinPresentAward*100, 'f', 0, 64)+"%")
	}
	if m.Threshold == 0 {
		return thidua.Errorf(thidua.EINVALID, "Phiên họp chưa có khóa bỏ phiếu; thư ký Hội đồng tạo khóa mới.")
	}
	return nil
}

// Rekey deals a new key while the box is empty.
func (b Box) Rekey(ctx context.Context, m *thidua.Meeting, c *thidua.Council) ([]ballot.Share, error) {
	if n, err := Count(ctx, b.Q, m.ID); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, thidua.Errorf(thidua.EINVALID, "Đã có %d phiếu: không thể đổi khóa giữa chừng; nếu thiếu phần khóa, thư ký ghi biểu quyết lại vào biên bản.", n)
	}
	return b.Deal(ctx, m, c)
}
