package thidua

import (
	"context"
	"math"
	"time"

	"thidua/ballot"
)

// Council member roles.
var CouncilRoles = []Option{
	{"CHAIR", "Chủ tịch Hội đồng"},
	{"VICE_CHAIR", "Phó Chủ tịch Hội đồng"},
	{"STANDING", "Ủy viên thường trực"},
	{"MEMBER", "Ủy viên"},
	{"SECRETARY", "Thư ký"},
}

// Council is an agency's emulation and commendation council (Hội đồng thi
// đua, khen thưởng, R-HD-01/04), valid for a period.
type Council struct {
	ID      int64           `json:"id"`
	UnitID  int64           `json:"unit_id"`
	Name    string          `json:"name"`
	From    Date            `json:"from"`
	To      Date            `json:"to"`
	Members []CouncilMember `json:"members"`
	// MinPresent and MinPresentAward are the quorum shares of all members
	// for an ordinary meeting and for one that considers awards (R-HD-02).
	MinPresent      float64   `json:"min_present"`
	MinPresentAward float64   `json:"min_present_award"`
	Version         int       `json:"version"`
	CreatedAt       time.Time `json:"created_at"`

	UnitName string `json:"unit_name,omitempty"`
	UnitPath string `json:"-"`
}

// CouncilMember is a council's member with their role. Voting members are
// all but the secretary when the secretary is not also a member.
type CouncilMember struct {
	UserID int64  `json:"user_id"`
	Role   string `json:"role"`
	Name   string `json:"name,omitempty"`
}

// Voters returns the members who vote: everyone but the secretary.
func (c *Council) Voters() []CouncilMember {
	var out []CouncilMember
	for _, m := range c.Members {
		if m.Role != "SECRETARY" {
			out = append(out, m)
		}
	}
	return out
}

// Validate checks the council.
func (c *Council) Validate() error {
	var v Validation
	c.Name = NormalizeText(c.Name)
	checkLen(&v, "name", "Tên Hội đồng", c.Name, true, 255)
	if c.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn cơ quan.")
	}
	if c.From.IsZero() {
		v.Add("from", "Vui lòng nhập ngày bắt đầu hiệu lực.")
	}
	if !c.To.IsZero() && c.To.Before(c.From) {
		v.Add("to", "Ngày hết hiệu lực phải sau ngày bắt đầu.")
	}
	seen := map[int64]bool{}
	chairs := 0
	for _, m := range c.Members {
		if !validOption(CouncilRoles, m.Role) {
			v.Add("members", "Vai trò thành viên không hợp lệ.")
		}
		if seen[m.UserID] {
			v.Add("members", "Một người chỉ giữ một vai trò trong Hội đồng.")
		}
		seen[m.UserID] = true
		if m.Role == "CHAIR" {
			chairs++
		}
	}
	if len(c.Voters()) == 0 {
		v.Add("members", "Hội đồng cần ít nhất một thành viên biểu quyết.")
	}
	if chairs != 1 {
		v.Add("members", "Hội đồng có đúng một Chủ tịch.")
	}
	if c.MinPresent < 0 || c.MinPresent > 1 || c.MinPresentAward < 0 || c.MinPresentAward > 1 {
		v.Add("min_present", "Tỷ lệ có mặt phải từ 0 đến 1.")
	}
	return v.Err()
}

// Meeting states: voting, counting (voting closed, waiting for the
// trustees' partial decryptions), closed (the sums decrypted).
const (
	MeetingOpen     = "OPEN"
	MeetingCounting = "COUNTING"
	MeetingClosed   = "CLOSED"
)

// Meeting is a council meeting voting on an agenda of nominees.
type Meeting struct {
	ID        int64     `json:"id"`
	CouncilID int64     `json:"council_id"`
	Title     string    `json:"title"`
	Date      Date      `json:"date"`
	Place     string    `json:"place"`
	State     string    `json:"state"`
	Agenda    []int64   `json:"agenda"`  // nominee IDs
	Present   []int64   `json:"present"` // user IDs of members present
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	ClosedAt  time.Time `json:"closed_at,omitzero"`
	// Ballots is how many ballots were cast; Threshold of the Trustees
	// decrypt the sums (issue #12).
	Ballots   int       `json:"ballots"`
	Threshold int       `json:"threshold"`
	Trustees  []Trustee `json:"trustees"`
	Partials  int       `json:"partials"` // partial decryptions received
}

// Trustee holds one share of a meeting's key.
type Trustee struct {
	ballot.Trustee
	ShareTaken bool `json:"share_taken"`
}

// Ballot choices.
const (
	VoteAgree    = "AGREE"
	VoteDisagree = "DISAGREE"
)

// VoteChoices lists the choices of a ballot.
var VoteChoices = []Option{{VoteAgree, "Đồng ý"}, {VoteDisagree, "Không đồng ý"}}

// Vote is one member's choices on the agenda, cast once and encrypted
// before it is stored. Written marks a written vote of an absent member
// entered by the secretary.
type Vote struct {
	MeetingID int64            `json:"meeting_id"`
	VoterID   int64            `json:"voter_id"`
	Choices   map[int64]string `json:"choices"` // nominee → AGREE/DISAGREE
	Written   bool             `json:"written"`
}

// TallyRow is the result for one nominee, counted on ALL voting members of
// the council (R-HD-03), not on those present.
type TallyRow struct {
	NomineeID int64   `json:"nominee_id"`
	Agree     int     `json:"agree"`
	Disagree  int     `json:"disagree"`
	Members   int     `json:"members"`
	Share     float64 `json:"share"`
	Threshold float64 `json:"threshold"`
	// Compare is how Share compares with Threshold (">=" or ">").
	Compare string `json:"compare"`
	Passed  bool   `json:"passed"`
}

// Comparisons of a council vote with its threshold (R-HD-03).
const (
	CompareAtLeast  = ">=" // "từ … trở lên": the share of "yes" is at least the threshold
	CompareMoreThan = ">"  // "quá bán": more than the threshold (more than half)
)

// Threshold is the share of ALL voting members of the council whose "yes"
// an award needs, and how the share compares with it (R-HD-03). The rules
// data gives both for each award; a threshold without a comparison (kept
// before comparisons were data) is read as the law writes it: a majority
// (0.5) is "quá bán", more than half; any other share is "từ … trở lên".
type Threshold struct {
	Share   float64 `json:"share"`
	Compare string  `json:"compare"`
}

// Normalized fills in the defaults: no share is a majority of all members,
// and a share without a comparison is read as the law writes it.
func (t Threshold) Normalized() Threshold {
	if t.Share <= 0 {
		t.Share = 0.5
		if t.Compare == "" {
			t.Compare = CompareMoreThan
		}
	}
	if t.Compare == "" {
		t.Compare = CompareAtLeast
		if t.Share == 0.5 {
			t.Compare = CompareMoreThan
		}
	}
	return t
}

// Passed reports whether agree "yes" votes out of members reach the
// threshold, compared in integers: agree/members ≥ t ⇔ agree ≥ ⌈t·members⌉,
// and agree/members > t ⇔ agree > ⌊t·members⌋.
func (t Threshold) Passed(agree, members int) bool {
	t = t.Normalized()
	if members <= 0 {
		return false
	}
	need := t.Share * float64(members)
	if t.Compare == CompareMoreThan {
		return agree > int(math.Floor(need+1e-9))
	}
	return agree >= int(math.Ceil(need-1e-9))
}

// Text renders the threshold in Vietnamese: "từ 90% trở lên", "quá bán (trên 50%)".
func (t Threshold) Text() string {
	if t.Share <= 0 && t.Compare == "" {
		return "chưa xác định"
	}
	t = t.Normalized()
	pct := FormatDecimal(t.Share*100) + "%"
	switch {
	case t.Compare == CompareMoreThan && t.Share == 0.5:
		return "quá bán (trên 50%)"
	case t.Compare == CompareMoreThan:
		return "trên " + pct
	}
	return "từ " + pct + " trở lên"
}

// Tally weighs each nominee's decrypted count of "agree" out of the cast
// ballots against the nominee's threshold (Threshold.Passed).
func Tally(agree map[int64]int, cast int, nominees []int64, thresholds map[int64]Threshold, members int) []TallyRow {
	rows := make([]TallyRow, 0, len(nominees))
	for _, id := range nominees {
		t := thresholds[id].Normalized()
		r := TallyRow{NomineeID: id, Members: members, Threshold: t.Share, Compare: t.Compare, Agree: agree[id], Disagree: cast - agree[id]}
		if members > 0 {
			r.Share = float64(r.Agree) / float64(members)
		}
		r.Passed = t.Passed(r.Agree, members)
		rows = append(rows, r)
	}
	return rows
}

// Quorum reports whether enough members attend: present ≥ ceil(share·members).
func Quorum(present, members int, share float64) bool {
	return present >= int(math.Ceil(share*float64(members)-1e-9))
}

// CouncilService manages councils, meetings and the secret ballot.
type CouncilService interface {
	FindCouncils(ctx context.Context) ([]*Council, error)
	FindCouncilByID(ctx context.Context, id int64) (*Council, error)
	CreateCouncil(ctx context.Context, c *Council) error
	UpdateCouncil(ctx context.Context, c *Council) error

	FindMeetings(ctx context.Context, councilID int64) ([]*Meeting, error)
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	// CreateMeeting opens a meeting with an agenda of nominees whose
	// proposals are at the council stage.
	CreateMeeting(ctx context.Context, m *Meeting) error
	// SetAttendance records who is present (secretary or officer).
	SetAttendance(ctx context.Context, meetingID int64, present []int64, version int) error
	// CastVote encrypts a member's ballot under the meeting's key, stores
	// it and returns its hash, the receipt shown once to the voter. A
	// member votes once; written votes are entered by the secretary for
	// absent members.
	CastVote(ctx context.Context, v *Vote) (receipt string, err error)
	// Voted lists who has voted (without their choices).
	Voted(ctx context.Context, meetingID int64) ([]int64, error)
	// CheckReceipt answers ENOTFOUND unless a ballot of that hash is in the box.
	CheckReceipt(ctx context.Context, meetingID int64, receipt string) error
	// CloseMeeting ends voting after checking the quorum; the trustees
	// then decrypt the sums (AddPartial).
	CloseMeeting(ctx context.Context, meetingID int64, version int) error
	// DownloadShare gives a trustee their key share, once.
	DownloadShare(ctx context.Context, meetingID int64) (*ballot.Share, error)
	// RekeyMeeting deals a new key while no ballot is cast (a lost share).
	RekeyMeeting(ctx context.Context, meetingID int64, version int) error
	// MeetingRecord is the bulletin board (ECONFLICT while voting).
	MeetingRecord(ctx context.Context, meetingID int64) (*ballot.Record, error)
	// AddPartial stores a trustee's verified partial decryption; the
	// threshold-th one decrypts the sums, stores each nominee's result and
	// closes the meeting, returning the tally.
	AddPartial(ctx context.Context, meetingID int64, p *ballot.Partial) ([]TallyRow, error)
	// TallyMeeting returns the decrypted result (ECONFLICT until closed).
	TallyMeeting(ctx context.Context, meetingID int64) ([]TallyRow, error)
}
