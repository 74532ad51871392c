package kit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
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

// subjectFor builds the engine's subject from a stored history.
func subjectFor(h *thidua.SubjectHistory, asOf thidua.Date) rules.Subject {
	sub := rules.Subject{ID: strconv.FormatInt(h.SubjectID, 10), Name: h.Name, Kind: "individual",
		Ratings: h.History.Ratings, Titles: h.History.Titles, Awards: h.History.Awards, Initiatives: h.History.Initiatives,
		Disciplines: h.History.Disciplines, PendingProceedings: h.History.PendingOn(asOf), MaternityLeave: h.History.MaternityLeave,
		Leadership: h.History.Leadership, Members: []rules.Subject{}}
	if h.Subject == thidua.SubjectUnit {
		sub.Kind = "collective"
	} else if h.Gender == thidua.GenderFemale {
		sub.Gender = "female"
	} else {
		sub.Gender = "male"
	}
	return sub
}

// WithMembers builds the engine's subject from a stored history; a
// collective's members are the people of its subtree.
func (s *Base) WithMembers(r *http.Request, h *thidua.SubjectHistory, asOf thidua.Date) (rules.Subject, error) {
	sub := subjectFor(h, asOf)
	if h.Subject == thidua.SubjectUnit {
		members, err := s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: h.SubjectID})
		if err != nil {
			return sub, err
		}
		for _, m := range members {
			sub.Members = append(sub.Members, subjectFor(m, asOf))
		}
	}
	return sub, nil
}

func (s *Base) Province() string {
	if s.Cfg.Province == "" {
		return "default"
	}
	return s.Cfg.Province
}

// The commendation workflow's pages: proposals (tờ trình đề nghị khen
// thưởng) with their nominees and dossiers, appraisal by the emulation
// officer, the council and its secret ballot (councils.go), and numbered
// decisions with the public honour roll (decisions.go).

// ---- the engine at submission

// openCondition is a condition of a verdict that a person must judge.
type openCondition struct {
	Rule     string
	Text     string
	Citation string
}

// NomineeCheck is the engine's answer for one nominee, for display.
type NomineeCheck struct {
	Nominee *thidua.Nominee
	Verdict rules.Verdict
	Open    []openCondition
	Err     string // the engine could not evaluate this award
}

// VerdictOf decodes a nominee's stored verdict.
func VerdictOf(n *thidua.Nominee) (rules.Verdict, bool) {
	var v rules.Verdict
	if len(n.VerdictJSON) == 0 || json.Unmarshal(n.VerdictJSON, &v) != nil || v.Award == "" {
		return v, false
	}
	return v, true
}

// OpenConditions lists the conditions of v a person must judge.
func OpenConditions(v rules.Verdict) []openCondition {
	var out []openCondition
	for _, c := range v.Conditions {
		if c.Status == "review" || c.Status == "attest" {
			out = append(out, openCondition{Rule: c.Rule, Text: c.Explanation, Citation: c.Citation})
		}
	}
	return out
}

// engineSubject builds the engine's subject for a nominee from the stored
// history; a collective's members are the people of its subtree.
func (s *Base) engineSubject(r *http.Request, subject string, id int64, asOf thidua.Date) (rules.Subject, error) {
	h, err := s.Store.FindHistory(r.Context(), subject, id)
	if err != nil {
		return rules.Subject{}, err
	}
	sub := subjectFor(h, asOf)
	if subject == thidua.SubjectUnit {
		members, err := s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: id})
		if err != nil {
			return rules.Subject{}, err
		}
		for _, m := range members {
			sub.Members = append(sub.Members, subjectFor(m, asOf))
		}
	}
	return sub, nil
}

// CheckProposal runs the eligibility engine for every nominee as of today:
// the checks SubmitProposal stores, and the same for display. An award the
// rule set does not cover needs review by the appraiser.
func (s *Base) CheckProposal(r *http.Request, p *thidua.Proposal) (map[int64]thidua.NomineeCheck, []NomineeCheck, error) {
	today := thidua.DateOf(s.Now())
	checks := map[int64]thidua.NomineeCheck{}
	var shown []NomineeCheck
	for _, n := range p.Nominees {
		sub, err := s.engineSubject(r, n.Subject, n.SubjectID, today)
		if err != nil {
			return nil, nil, err
		}
		c := thidua.NomineeCheck{NomineeID: n.ID, Threshold: 0.5}
		nc := NomineeCheck{Nominee: n}
		v, err := rules.Default().Evaluate(sub, n.Award, p.Year, today, s.Province())
		if err != nil {
			msg := thidua.ErrorMessage(err)
			for _, m := range thidua.ErrorFields(err) {
				msg = m
			}
			nc.Err = "Bộ quy tắc chưa xét được " + thidua.AwardName(n.Award) + ": " + msg + " Cần thẩm định thủ công."
			c.Verdict = thidua.VerdictReview
			c.Detail, _ = json.Marshal(map[string]string{"verdict": thidua.VerdictReview, "summary": nc.Err})
			c.Open = []string{nc.Err}
		} else {
			nc.Verdict, nc.Open = v, OpenConditions(v)
			c.Verdict = v.Verdict
			c.Detail, _ = json.Marshal(v)
			if v.CouncilThreshold > 0 {
				c.Threshold = v.CouncilThreshold
			}
			if v.Money != nil {
				c.MoneyVND = v.Money.AmountVND
			}
			for _, o := range nc.Open {
				c.Open = append(c.Open, o.Text+" ("+o.Citation+")")
			}
		}
		checks[n.ID] = c
		shown = append(shown, nc)
	}
	return checks, shown, nil
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
