// Package cluster holds the emulation clusters and blocs of a province
// (cụm, khối thi đua, law.md R-CAMP-06): the province groups agencies for a
// year, each group with a leader (trưởng cụm, trưởng khối) and a deputy
// that rotate year to year; the members sign a covenant (giao ước thi đua)
// at the start of the year; at the year's review the group scores its
// members against the covenant with the campaign machinery (a cluster
// review is a campaign whose participants are the member units: each
// member's self-score, peer scores by the other members' scorers), ranks
// them, and the members' recorded vote names the leading unit, which is
// the nominee for Cờ thi đua của UBND tỉnh (R-CTT-01: the engine reads it
// as the fact leads_cluster).
//
// The vote is a recorded vote of the members (one vote each, who voted
// for whom kept), not the council's secret ballot (package ballot): the
// members are agencies voting in the cluster's review conference, whose
// minutes name each member's choice, and the ballot's trustees and key
// shares are a council meeting's, of persons.
//
// Every rule is here; the storage (sqldb/clusters) calls these functions.
package cluster

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"thidua"
)

// Kinds of group.
const (
	KindCluster = "CUM"  // cụm thi đua: agencies grouped by place or similar tasks
	KindBloc    = "KHOI" // khối thi đua: agencies grouped by sector
)

// Kinds lists the kinds with their labels.
var Kinds = []thidua.Option{{Code: KindCluster, Label: "Cụm thi đua"}, {Code: KindBloc, Label: "Khối thi đua"}}

// Member is a unit of a cluster for its year.
type Member struct {
	UnitID int64 `json:"unit_id"`
	// ScorerID is the account that scores the other members for this
	// member (peer scores): a council member (RoleCouncil) of this unit.
	// 0 until the province names one; needed to start the review.
	ScorerID int64 `json:"scorer_id,omitempty"`

	// Filled on reads.
	Name       string `json:"name"`
	ScorerName string `json:"scorer_name,omitempty"`
	Path       string `json:"-"`
}

// Scorer is an account that may score the other members for the member
// UnitID (CheckScorer: a council member granted on its unit or above).
type Scorer struct {
	UnitID   int64  `json:"unit_id"`
	UserID   int64  `json:"user_id"`
	Name     string `json:"name"`
	Username string `json:"username"`
}

// Cluster is a cluster or bloc of one year.
type Cluster struct {
	ID   int64  `json:"id"`
	Year int    `json:"year"`
	Kind string `json:"kind"`
	Name string `json:"name"`
	// UnitID is the organizing unit (the province: UBND tỉnh); its
	// officers manage the cluster.
	UnitID       int64    `json:"unit_id"`
	LeaderUnitID int64    `json:"leader_unit_id"`
	DeputyUnitID int64    `json:"deputy_unit_id"`
	Members      []Member `json:"members"`
	// CampaignID is the year's review campaign, 0 before it starts.
	CampaignID int64 `json:"campaign_id,omitempty"`
	// LeadingUnitID is the unit the members' vote named leading the
	// cluster for the year (0 before), on DecidedOn.
	LeadingUnitID int64       `json:"leading_unit_id,omitempty"`
	DecidedOn     thidua.Date `json:"decided_on,omitzero"`
	Version       int         `json:"version"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`

	// Filled on reads.
	UnitName    string `json:"unit_name,omitempty"`
	LeaderName  string `json:"leader_name,omitempty"`
	DeputyName  string `json:"deputy_name,omitempty"`
	LeadingName string `json:"leading_name,omitempty"`
	UnitPath    string `json:"-"`
}

// Member returns the member with unitID, or nil.
func (c *Cluster) Member(unitID int64) *Member {
	for i := range c.Members {
		if c.Members[i].UnitID == unitID {
			return &c.Members[i]
		}
	}
	return nil
}

// MemberName returns the name of the member with unitID, or "".
func (c *Cluster) MemberName(unitID int64) string {
	if m := c.Member(unitID); m != nil {
		return m.Name
	}
	return ""
}

// Normalize puts the text into canonical form.
func (c *Cluster) Normalize() { c.Name = thidua.NormalizeText(c.Name) }

// Validate checks a cluster's fields: a name, a year, a kind, at least two
// members, each once, and a leader and a deputy who are two of them.
func (c *Cluster) Validate() error {
	var v thidua.Validation
	switch n := utf8.RuneCountInString(c.Name); {
	case n == 0:
		v.Add("name", "Vui lòng nhập tên cụm, khối thi đua.")
	case n > 255:
		v.Add("name", "Tên cụm, khối thi đua không được dài quá 255 ký tự.")
	}
	if c.Year < 2000 || c.Year > 2100 {
		v.Add("year", "Năm phải từ 2000 đến 2100.")
	}
	if thidua.Label(Kinds, c.Kind) == c.Kind {
		v.Add("kind", "Vui lòng chọn cụm thi đua hoặc khối thi đua.")
	}
	if c.UnitID <= 0 {
		v.Add("unit_id", "Vui lòng chọn đơn vị tổ chức cụm, khối (UBND tỉnh).")
	}
	seen := map[int64]bool{}
	for i, m := range c.Members {
		if m.UnitID <= 0 {
			v.Add(fmt.Sprintf("members[%d].unit_id", i), fmt.Sprintf("Thành viên %d: vui lòng chọn đơn vị.", i+1))
			continue
		}
		if seen[m.UnitID] {
			v.Add(fmt.Sprintf("members[%d].unit_id", i), fmt.Sprintf("Thành viên %d: đơn vị bị trùng.", i+1))
		}
		seen[m.UnitID] = true
	}
	if len(c.Members) < 2 {
		v.Add("members", "Cụm, khối thi đua cần ít nhất 2 thành viên.")
	}
	if len(c.Members) > 200 {
		v.Add("members", "Cụm, khối thi đua có tối đa 200 thành viên.")
	}
	if !seen[c.LeaderUnitID] {
		v.Add("leader_unit_id", "Trưởng cụm, khối phải là một thành viên.")
	}
	if !seen[c.DeputyUnitID] {
		v.Add("deputy_unit_id", "Phó trưởng cụm, khối phải là một thành viên.")
	} else if c.DeputyUnitID == c.LeaderUnitID {
		v.Add("deputy_unit_id", "Phó trưởng phải là thành viên khác trưởng cụm, khối.")
	}
	return v.Err()
}

// CheckRotation returns why next, the same cluster's next year, may not
// keep its leader or deputy, or nil: the leader and the deputy rotate year
// to year (luân phiên), so neither keeps its post from prev, the year
// before; prev nil (a new cluster) allows anything.
func CheckRotation(prev, next *Cluster) error {
	if prev == nil {
		return nil
	}
	var v thidua.Validation
	if next.LeaderUnitID == prev.LeaderUnitID {
		v.Add("leader_unit_id", fmt.Sprintf("Trưởng cụm, khối luân phiên hằng năm: %s đã làm trưởng năm %d.", prev.MemberName(prev.LeaderUnitID), prev.Year))
	}
	if next.DeputyUnitID == prev.DeputyUnitID {
		v.Add("deputy_unit_id", fmt.Sprintf("Phó trưởng cụm, khối luân phiên hằng năm: %s đã làm phó trưởng năm %d.", prev.MemberName(prev.DeputyUnitID), prev.Year))
	}
	return v.Err()
}

// NextYear returns the cluster of the year after c: the same name, kind,
// organizer and members (their scorers kept), the leader passed on to
// last year's deputy and the deputy to the member after it in the list.
func NextYear(c *Cluster) *Cluster {
	n := &Cluster{Year: c.Year + 1, Kind: c.Kind, Name: c.Name, UnitID: c.UnitID, LeaderUnitID: c.DeputyUnitID}
	n.Members = make([]Member, len(c.Members))
	copy(n.Members, c.Members)
	for i, m := range c.Members {
		if m.UnitID == c.DeputyUnitID && len(c.Members) > 1 {
			n.DeputyUnitID = c.Members[(i+1)%len(c.Members)].UnitID
		}
	}
	return n
}

// Started reports whether the year's review has begun: the members no
// longer change.
func (c *Cluster) Started() bool { return c.CampaignID != 0 }

// Filter selects clusters.
type Filter struct {
	Year   int
	Offset int
	Limit  int
}

// VisibleTo reports whether u sees c: the organizer's staff (org.view
// covering the organizing unit) and the members' do, a member's staff
// being those whose org.view grant covers the member or lies within it
// (a department's staff see their agency's cluster); a nil user is the
// system. The storage lists with the same conditions in SQL.
func (c *Cluster) VisibleTo(u *thidua.User) bool {
	if u == nil || u.Covers(thidua.PermViewOrg, c.UnitPath) {
		return true
	}
	all, paths := u.Scope(thidua.PermViewOrg)
	if all {
		return true
	}
	for _, m := range c.Members {
		for _, p := range paths {
			if p != "" && m.Path != "" && (strings.HasPrefix(m.Path, p) || strings.HasPrefix(p, m.Path)) {
				return true
			}
		}
	}
	return false
}

// CheckManage returns why u may not manage c (create, change, start the
// review, conclude), or nil: the organizer's emulation officers
// (PermManageCampaigns on the organizing unit) manage it.
func CheckManage(u *thidua.User, c *Cluster) error {
	if u == nil || u.Covers(thidua.PermManageCampaigns, c.UnitPath) {
		return nil
	}
	return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ cán bộ thi đua – khen thưởng của đơn vị tổ chức mới quản lý cụm, khối thi đua.")
}

// CheckMembersEditable returns why c's members, leader and deputy may not
// change now, or nil: not once the review has started.
func (c *Cluster) CheckMembersEditable() error {
	if c.Started() {
		return thidua.Errorf(thidua.EINVALID, "Đã bắt đầu chấm điểm, xếp hạng cuối năm: không đổi được thành viên, trưởng, phó cụm, khối.")
	}
	return nil
}

// Service manages clusters. Reads are limited to the clusters the user
// sees (VisibleTo): a member agency sees its own cluster; changes need
// CheckManage. Errors: ENOTFOUND for a cluster not seen, EFORBIDDEN,
// EINVALID with Fields, ECONFLICT when stale or a unit already sits in
// another cluster that year.
type Service interface {
	FindClusters(ctx context.Context, f Filter) ([]*Cluster, int, error)
	FindClusterByID(ctx context.Context, id int64) (*Cluster, error)
	// CreateCluster creates a cluster; the same cluster's previous year
	// (same organizer and name) is checked for rotation (CheckRotation).
	CreateCluster(ctx context.Context, c *Cluster) error
	// UpdateCluster changes name, kind, members, leader, deputy and
	// scorers until the review starts.
	UpdateCluster(ctx context.Context, c *Cluster) error
	// CreateNextYear creates the cluster's next year (NextYear).
	CreateNextYear(ctx context.Context, id int64) (*Cluster, error)
	// FindScorers lists, for a cluster the user manages, the accounts
	// that may score for each member (CheckScorer), for the form that
	// names the members' scorers.
	FindScorers(ctx context.Context, id int64) ([]Scorer, error)

	FindCovenant(ctx context.Context, clusterID int64) (*Covenant, error)
	// SaveCovenant records (version 0) or replaces the covenant and its
	// signatures; the document's file is already stored under
	// cv.File.Key. It returns the key of a replaced file, no longer used.
	SaveCovenant(ctx context.Context, cv *Covenant) (string, error)

	// StartReview creates, launches and starts the year's review
	// campaign (Review) with criteria, every member registered and
	// approved, the members' scorers as its reviewers.
	StartReview(ctx context.Context, id int64, version int, criteria []*thidua.Criterion) (*Cluster, error)
	// FindRanking ranks the members from the review's scores (Rank).
	FindRanking(ctx context.Context, id int64) (*Ranking, error)
	// CastVote records (or replaces) a member's vote (CheckVote).
	CastVote(ctx context.Context, id int64, voterUnitID, candidateUnitID int64) error
	FindVotes(ctx context.Context, id int64) ([]Vote, error)
	// Conclude names the leading unit from the vote (Tally) on date.
	Conclude(ctx context.Context, id int64, version int, on thidua.Date) (*Cluster, error)
}

// checkLen checks a text field's length; what names it in a sentence
// ("người ký"), label at the start of one ("Người ký").
func checkLen(v *thidua.Validation, field, label, what, s string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(s) == "":
		v.Add(field, "Vui lòng nhập "+what+".")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, fmt.Sprintf("%s không được dài quá %d ký tự.", label, max))
	}
}
