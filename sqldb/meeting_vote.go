package sqldb

import (
	"context"

	"thidua"
	"thidua/ballot"
	"thidua/sqldb/ballotbox"
)

// The secret ballot (issue #12): ballots are encrypted under the meeting's
// key (package ballot) and stored one row each; only their sums are
// decrypted, by the trustees' partial decryptions. The steps live in
// sqldb/ballotbox; these methods hold the transactions, access and audit.

func box(q ballotbox.Q) ballotbox.Box { return ballotbox.Box{Q: q, IsUnique: isUniqueViolation} }

// CastVote checks the voter, encrypts the ballot and stores it as one row
// of its own. The audit log says only that a ballot was cast; the receipt
// is the ballot's hash.
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
	voter, err := ballotbox.CheckVote(m, c, v, me.ID, isSecretary(ctx, c))
	if err != nil {
		return "", err
	}
	receipt, err := box(tx).Cast(ctx, m, voter, v)
	if err != nil {
		return "", err
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
	return ballotbox.Voters(ctx, db.db, meetingID)
}

// CheckReceipt answers whether a ballot of that hash is in the box.
func (db *DB) CheckReceipt(ctx context.Context, meetingID int64, receipt string) error {
	if _, err := db.FindMeetingByID(ctx, meetingID); err != nil {
		return err
	}
	ok, err := ballotbox.Has(ctx, db.db, meetingID, ballotbox.NormalizeReceipt(receipt))
	if err == nil && !ok {
		err = thidua.Errorf(thidua.ENOTFOUND, "Không có phiếu nào với mã này trong hòm phiếu.")
	}
	return err
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
	if err := box(tx).Fill(ctx, m); err != nil {
		return err
	}
	if err := ballotbox.CheckClose(m, c); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET state = $1, version = version + 1 WHERE id = $2`, thidua.MeetingCounting, meetingID); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting", meetingID, map[string]string{"state": thidua.MeetingOpen},
		map[string]any{"state": thidua.MeetingCounting, "ballots": m.Ballots}); err != nil {
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
	t, err := ballotbox.ShareFor(m, thidua.UserFromContext(ctx), func(i int) bool { return db.custody.Holds(meetingID, i) })
	if err != nil {
		return nil, err
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
	shares, err := box(tx).Rekey(ctx, m, c)
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
	return box(db.db).Record(ctx, m)
}

// AddPartial stores a trustee's verified partial decryption; the
// threshold-th one decrypts the sums and closes the meeting with each
// nominee's result (R-HD-03).
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
	if err != nil {
		return nil, err
	}
	if !canSeeCouncil(ctx, tx, c) {
		return nil, notFound("phiên họp")
	}
	if err := box(tx).Fill(ctx, m); err != nil {
		return nil, err
	}
	if _, ok := ballotbox.TrusteeOf(m, thidua.UserFromContext(ctx)); !ok && !isSecretary(ctx, c) {
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên giữ khóa hoặc thư ký Hội đồng gửi phần giải mã.")
	}
	if m.State != thidua.MeetingCounting {
		return nil, thidua.Errorf(thidua.ECONFLICT, "Chỉ gửi phần giải mã khi phiên họp đã kết thúc bỏ phiếu và chưa có kết quả.")
	}
	done, err := box(tx).AddPartial(ctx, m, p)
	if err != nil {
		return nil, err
	}
	if err := tx.audit(thidua.ActionUpdate, "meeting_key", m.ID, nil, map[string]int{"partial": p.Trustee}); err != nil {
		return nil, err
	}
	if !done {
		return nil, tx.Commit()
	}
	rows, err := ballotbox.Tally(ctx, tx, m, c)
	if err != nil {
		return nil, err
	}
	if err := ballotbox.Close(ctx, tx, m, rows, tx.now); err != nil {
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
	return ballotbox.Tally(ctx, db.db, m, c)
}
