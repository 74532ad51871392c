package thidua

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ShortlistInput pulls nominees from a campaign's ranking into a proposal:
// the approved registrations of the proposing unit's subtree, ranked among
// themselves, that reach Top or MinPercent, each proposed for Award.
type ShortlistInput struct {
	Award      string  `json:"award"`
	Top        int     `json:"top"`
	MinPercent float64 `json:"min_percent"`
	Version    int     `json:"version"`
}

// Validate checks the input against the campaign: the award must be one the
// campaign planned; top and the percentage must be in range.
func (in ShortlistInput) Validate(c *Campaign) error {
	var v Validation
	planned := slices.ContainsFunc(c.Awards, func(a PlannedAward) bool { return a.Code == in.Award })
	if !planned || AwardName(in.Award) == in.Award {
		v.Add("award", "Vui lòng chọn một hình thức khen thưởng dự kiến của đợt thi đua.")
	}
	for k, msg := range ErrorFields(CheckShortlistLimits(in.Top, in.MinPercent)) {
		v.Add(map[string]string{"top": "top", "min": "min_percent"}[k], msg)
	}
	return v.Err()
}

// CheckShortlistLimits checks a shortlist's limits, fields "top" and "min":
// top N is not negative; the threshold is a share of the maximum score, from
// 0 to 100 % (a higher one nobody reaches).
func CheckShortlistLimits(top int, minPercent float64) error {
	var v Validation
	if top < 0 {
		v.Add("top", "Số vị trí đứng đầu không được âm.")
	}
	if minPercent < 0 || minPercent > 100 {
		v.Add("min", fmt.Sprintf("Tỷ lệ điểm phải từ 0 đến 100%% điểm tối đa; %s%% thì không ai đạt được.", FormatDecimal(minPercent)))
	}
	return v.Err()
}

// ShortlistNominees returns p's nominees with the shortlist of campaign c
// added (those already proposed for the award are skipped) and how many it
// added. The unit proposes its best: the approved registrations of its
// subtree are ranked among themselves. An individual title is not proposed
// for collectives, nor the reverse. EINVALID when nothing is added.
func ShortlistNominees(c *Campaign, crit []*Criterion, regs []*Registration, scores []Score, p *Proposal, in ShortlistInput) ([]*Nominee, int, error) {
	if err := in.Validate(c); err != nil {
		return nil, 0, err
	}
	var mine []*Registration
	for _, reg := range regs {
		if reg.State == RegApproved && strings.HasPrefix(reg.UnitPath, p.UnitPath) {
			mine = append(mine, reg)
		}
	}
	results := ComputeResults(c, crit, mine, scores)
	ns := slices.Clone(p.Nominees)
	key := func(n *Nominee) string { return n.Subject + "/" + strconv.FormatInt(n.SubjectID, 10) + "/" + n.Award }
	have := map[string]bool{}
	for _, n := range ns {
		have[key(n)] = true
	}
	added := 0
	for _, kind := range []string{ForCollectives, ForIndividuals} {
		collective := kind == ForCollectives
		if validOption(Titles, in.Award) && CollectiveTitle(in.Award) != collective {
			continue
		}
		for _, res := range Shortlist(results, kind, in.Top, in.MinPercent) {
			reg := res.Registration
			n := &Nominee{Subject: SubjectUnit, SubjectID: reg.UnitID, Award: in.Award, RegistrationID: reg.ID}
			if !collective {
				n.Subject, n.SubjectID = SubjectPerson, reg.PersonID
			}
			if have[key(n)] {
				continue
			}
			have[key(n)] = true
			n.Report.Achievements = fmt.Sprintf("Đạt %s/%s điểm (%s%%), xếp thứ %d trong đơn vị tại %s.",
				FormatDecimal(res.Total), FormatDecimal(res.Max), FormatDecimal(res.Percent), res.Rank, c.Title)
			if len([]rune(n.Report.Achievements)) > 50000 {
				n.Report.Achievements = ""
			}
			ns = append(ns, n)
			added++
		}
	}
	if added == 0 {
		return nil, 0, Errorf(EINVALID, "Không có tập thể, cá nhân nào của đơn vị trong danh sách rút gọn (hoặc đều đã được đề nghị).")
	}
	return ns, added, nil
}
