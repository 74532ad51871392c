package cluster

import (
	"fmt"
	"sort"
	"time"

	"thidua"
)

// Vote is one member's vote for the unit leading the cluster.
type Vote struct {
	VoterUnitID     int64     `json:"voter_unit_id"`
	CandidateUnitID int64     `json:"candidate_unit_id"`
	CastBy          int64     `json:"cast_by,omitempty"`
	CastAt          time.Time `json:"cast_at"`

	// Filled on reads.
	VoterName     string `json:"voter_name,omitempty"`
	CandidateName string `json:"candidate_name,omitempty"`
	CastByName    string `json:"cast_by_name,omitempty"`
}

// CheckVote returns why u may not cast the vote of the member voter for
// candidate in c, with the review campaign camp, or nil. A member votes
// once (a new vote replaces its own) after the review is closed and before
// the result is concluded; it votes for a member (itself included: the
// conference votes on the ranking's proposal, and a cluster of two could
// name no one otherwise); its vote is cast by its head (a unit head of its
// unit) or by its scorer.
func CheckVote(u *thidua.User, c *Cluster, camp *thidua.Campaign, voter, candidate int64) error {
	m := c.Member(voter)
	if m == nil {
		return fieldErr("voter_unit_id", "Đơn vị bỏ phiếu không phải thành viên cụm, khối.")
	}
	if c.Member(candidate) == nil {
		return fieldErr("candidate_unit_id", "Chỉ suy tôn một thành viên của cụm, khối.")
	}
	if u != nil && u.ID != m.ScorerID && !u.HeadCovers(m.Path) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thủ trưởng hoặc người chấm điểm chéo của %s mới bỏ phiếu cho đơn vị này.", m.Name)
	}
	return checkVoting(c, camp)
}

// checkVoting returns why c cannot vote now, or nil: the review campaign
// is closed (tổng kết) and no leading unit is named yet.
func checkVoting(c *Cluster, camp *thidua.Campaign) error {
	if camp == nil || camp.State != thidua.CampaignClosed {
		return thidua.Errorf(thidua.EINVALID, "Chỉ bỏ phiếu suy tôn sau khi đã tổng kết, khóa kết quả chấm điểm của cụm, khối.")
	}
	if c.LeadingUnitID != 0 {
		return thidua.Errorf(thidua.EINVALID, "Cụm, khối đã có kết quả suy tôn đơn vị dẫn đầu.")
	}
	return nil
}

// Count is the number of votes one member received.
type Count struct {
	UnitID int64  `json:"unit_id"`
	Name   string `json:"name"`
	Votes  int    `json:"votes"`
}

// Tally is the count of a cluster's vote.
type Tally struct {
	Members int     `json:"members"`
	Cast    int     `json:"cast"`
	Counts  []Count `json:"counts"` // most votes first
	// WinnerID is the member with more than half of all members' votes
	// (quá bán), 0 when none has.
	WinnerID int64 `json:"winner_id,omitempty"`
}

// TallyVotes counts votes for the members of c. The leading unit needs the
// votes of more than half of all members (quá bán, counted on all members
// as the council's default threshold, R-HD-03), so a tie never wins.
func TallyVotes(c *Cluster, votes []Vote) Tally {
	t := Tally{Members: len(c.Members)}
	n := map[int64]int{}
	for _, v := range votes {
		if c.Member(v.VoterUnitID) != nil && c.Member(v.CandidateUnitID) != nil {
			n[v.CandidateUnitID]++
			t.Cast++
		}
	}
	for _, m := range c.Members {
		t.Counts = append(t.Counts, Count{UnitID: m.UnitID, Name: m.Name, Votes: n[m.UnitID]})
	}
	sort.SliceStable(t.Counts, func(i, j int) bool { return t.Counts[i].Votes > t.Counts[j].Votes })
	if len(t.Counts) > 0 && 2*t.Counts[0].Votes > t.Members {
		t.WinnerID = t.Counts[0].UnitID
	}
	return t
}

// CheckConclude returns why c's leading unit cannot be named from t on
// date on, or nil: voting is open (the review closed), a member has more
// than half of the votes, and the date is in the cluster's year or after.
func CheckConclude(c *Cluster, camp *thidua.Campaign, t Tally, on thidua.Date) error {
	if err := checkVoting(c, camp); err != nil {
		return err
	}
	if on.IsZero() {
		return fieldErr("decided_on", "Vui lòng nhập ngày họp suy tôn.")
	}
	if on.Year() < c.Year {
		return fieldErr("decided_on", fmt.Sprintf("Ngày họp suy tôn phải từ năm %d trở đi.", c.Year))
	}
	if t.WinnerID == 0 {
		return thidua.Errorf(thidua.EINVALID, "Chưa có thành viên nào được quá nửa tổng số thành viên (%d/%d phiếu đã bỏ) suy tôn dẫn đầu.", t.Cast, t.Members)
	}
	return nil
}

func fieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
