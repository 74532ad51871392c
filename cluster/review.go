package cluster

import (
	"fmt"
	"strings"
	"time"

	"thidua"
)

// ReviewCampaign returns the year's review campaign of c (not stored): a
// regular, yearly campaign of the organizing unit for collectives, whose
// participants are the members (registered by StartReview), over the
// cluster's year, its objectives the covenant's targets. Scores are the
// mean of the peer scores (self-score when no peer scored); Rank decides
// which scores count.
func ReviewCampaign(c *Cluster, cv *Covenant) *thidua.Campaign {
	return &thidua.Campaign{
		Title:        fmt.Sprintf("Chấm điểm, xếp hạng thi đua %s năm %d", c.Name, c.Year),
		Form:         thidua.FormRegular,
		Kind:         "NAM",
		UnitID:       c.UnitID,
		ScopeUnitID:  c.UnitID,
		Participants: thidua.ForCollectives,
		Aggregation:  thidua.AggMeanReviewers,
		StartDate:    thidua.NewDate(c.Year, time.January, 1),
		EndDate:      thidua.NewDate(c.Year, time.December, 31),
		Objectives:   cv.Targets,
	}
}

// CheckStartReview returns why c's review may not start, or nil: it has
// not started, the covenant is signed (cv not nil), every member has a
// scorer, and there is at least one criterion.
func CheckStartReview(c *Cluster, cv *Covenant, criteria int) error {
	if c.Started() {
		return thidua.Errorf(thidua.EINVALID, "Đã bắt đầu chấm điểm, xếp hạng cuối năm của cụm, khối này.")
	}
	if cv == nil {
		return thidua.Errorf(thidua.EINVALID, "Chưa có giao ước thi đua đã ký: các thành viên ký giao ước trước, rồi mới chấm điểm theo giao ước.")
	}
	var v thidua.Validation
	for i, m := range c.Members {
		if m.ScorerID == 0 {
			v.Add(fmt.Sprintf("members[%d].scorer_id", i), m.Name+": chưa có người chấm điểm chéo cho thành viên này.")
		}
	}
	if criteria == 0 {
		v.Add("criteria", "Cần ít nhất một tiêu chí chấm điểm theo giao ước.")
	}
	return v.Err()
}

// CheckScorer returns why u may not score the other members for the
// member m of c, or nil: a council member (RoleCouncil) granted on m's
// unit or above it.
func CheckScorer(u *thidua.User, m *Member) error {
	for _, g := range u.Grants {
		if g.Role == thidua.RoleCouncil && g.UnitPath != "" && strings.HasPrefix(m.Path, g.UnitPath) {
			return nil
		}
	}
	return &thidua.Error{Code: thidua.EINVALID, Message: fmt.Sprintf("“%s” không phải thành viên Hội đồng thi đua – khen thưởng của %s.", u.DisplayName, m.Name),
		Fields: map[string]string{"scorer_id": "Người chấm điểm chéo phải là thành viên Hội đồng thi đua – khen thưởng của đơn vị."}}
}

// Ranking is the ranking of a cluster's members from its review.
type Ranking struct {
	Cluster  *Cluster            `json:"cluster"`
	Campaign *thidua.Campaign    `json:"campaign"`
	Criteria []*thidua.Criterion `json:"criteria"`
	Results  []*thidua.Result    `json:"results"`
}

// Rank ranks the members of c from the review campaign's registrations and
// scores (thidua.ComputeResults), counting for each member its own
// self-score and the peer scores: the council scores entered by the other
// members' scorers. A score by the member's own scorer, a unit head's
// score, or a score by anyone else is left out: the cluster scores its
// members, each member does not review itself.
func Rank(c *Cluster, camp *thidua.Campaign, criteria []*thidua.Criterion, regs []*thidua.Registration, scores []thidua.Score) []*thidua.Result {
	scorerOf := map[int64]int64{} // scorer account → member unit
	for _, m := range c.Members {
		if m.ScorerID != 0 {
			scorerOf[m.ScorerID] = m.UnitID
		}
	}
	unitOf := map[int64]int64{} // registration → member unit
	for _, r := range regs {
		unitOf[r.ID] = r.UnitID
	}
	var kept []thidua.Score
	for _, s := range scores {
		switch s.Kind {
		case thidua.ScoreSelf:
			kept = append(kept, s)
		case thidua.ScoreCouncil:
			if u, ok := scorerOf[s.ScorerID]; ok && u != unitOf[s.RegistrationID] {
				kept = append(kept, s)
			}
		}
	}
	rc := *camp
	rc.Aggregation, rc.ExcludeConflicts = thidua.AggMeanReviewers, false
	var members []*thidua.Registration
	for _, r := range regs {
		if r.Kind == thidua.ForCollectives && c.Member(r.UnitID) != nil {
			members = append(members, r)
		}
	}
	return thidua.ComputeResults(&rc, criteria, members, kept)
}
