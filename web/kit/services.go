package kit

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
)

// ManageableUnits lists the units where the user may launch campaigns.
func (s *Base) ManageableUnits(r *http.Request) ([]*thidua.Unit, error) {
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return nil, err
	}
	me := thidua.UserFromContext(r.Context())
	var out []*thidua.Unit
	for _, u := range units {
		if me.Covers(thidua.PermManageCampaigns, u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

// CampaignResults computes the ranking of a campaign.
func (s *Base) CampaignResults(r *http.Request, c *thidua.Campaign) ([]*thidua.Criterion, []*thidua.Result, error) {
	ctx := r.Context()
	crit, err := s.Store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	regs, err := s.Store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	scores, err := s.Store.FindScores(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	return crit, thidua.ComputeResults(c, crit, regs, scores), nil
}

// ShortlistInput pulls nominees from the campaign's ranking: the approved
// registrations of the proposing unit's subtree, ranked among themselves,
// that reach top or min_percent, each proposed for award.
type ShortlistInput struct {
	Award      string  `json:"award"`
	Top        int     `json:"top"`
	MinPercent float64 `json:"min_percent"`
	Version    int     `json:"version"`
}

// PullShortlist adds the shortlist of the proposal's campaign to its
// nominees (skipping those already proposed for the award) and returns how
// many it added.
func (s *Base) PullShortlist(r *http.Request, p *thidua.Proposal, in ShortlistInput) (int, error) {
	ctx := r.Context()
	var v thidua.Validation
	if p.CampaignID == 0 {
		return 0, thidua.Errorf(thidua.EINVALID, "Tờ trình không gắn với đợt thi đua nào: chọn đợt thi đua trước khi lấy danh sách rút gọn.")
	}
	c, err := s.Store.FindCampaignByID(ctx, p.CampaignID)
	if err != nil {
		return 0, err
	}
	planned := slices.ContainsFunc(c.Awards, func(a thidua.PlannedAward) bool { return a.Code == in.Award })
	if !planned || thidua.AwardName(in.Award) == in.Award {
		v.Add("award", "Vui lòng chọn một hình thức khen thưởng dự kiến của đợt thi đua.")
	}
	if in.Top < 0 {
		v.Add("top", "Số vị trí đứng đầu không được âm.")
	}
	if in.MinPercent < 0 || in.MinPercent > 100 {
		v.Add("min_percent", "Tỷ lệ điểm phải từ 0 đến 100.")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	crit, err := s.Store.FindCriteria(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	regs, err := s.Store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	scores, err := s.Store.FindScores(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	var mine []*thidua.Registration
	for _, reg := range regs {
		if reg.State == thidua.RegApproved && strings.HasPrefix(reg.UnitPath, p.UnitPath) {
			mine = append(mine, reg)
		}
	}
	// Ranked among the unit's own registrations: the unit proposes its best.
	results := thidua.ComputeResults(c, crit, mine, scores)
	ns := slices.Clone(p.Nominees)
	have := map[string]bool{}
	for _, n := range ns {
		have[n.Subject+"/"+strconv.FormatInt(n.SubjectID, 10)+"/"+n.Award] = true
	}
	added := 0
	for _, kind := range []string{thidua.ForCollectives, thidua.ForIndividuals} {
		collective := kind == thidua.ForCollectives
		if ValidCode(thidua.Titles, in.Award) && thidua.CollectiveTitle(in.Award) != collective {
			continue // an individual title is not proposed for collectives, nor the reverse
		}
		for _, res := range thidua.Shortlist(results, kind, in.Top, in.MinPercent) {
			reg := res.Registration
			n := &thidua.Nominee{Subject: thidua.SubjectUnit, SubjectID: reg.UnitID, Award: in.Award, RegistrationID: reg.ID}
			if !collective {
				n.Subject, n.SubjectID = thidua.SubjectPerson, reg.PersonID
			}
			key := n.Subject + "/" + strconv.FormatInt(n.SubjectID, 10) + "/" + n.Award
			if have[key] {
				continue
			}
			have[key] = true
			n.Report.Achievements = fmt.Sprintf("Đạt %s/%s điểm (%s%%), xếp thứ %d trong đơn vị tại %s.",
				FormatNumber(res.Total), FormatNumber(res.Max), FormatNumber(res.Percent), res.Rank, c.Title)
			if len([]rune(n.Report.Achievements)) > 50000 {
				n.Report.Achievements = ""
			}
			ns = append(ns, n)
			added++
		}
	}
	if added == 0 {
		return 0, thidua.Errorf(thidua.EINVALID, "Không có tập thể, cá nhân nào của đơn vị trong danh sách rút gọn (hoặc đều đã được đề nghị).")
	}
	if err := s.Store.SetNominees(ctx, p.ID, in.Version, ns); err != nil {
		return 0, err
	}
	return added, nil
}
