package kit

import (
	"net/http"
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

// CampaignResults returns the criteria of a campaign and the rows of its
// ranking the user sees (thidua.VisibleResults).
func (s *Base) CampaignResults(r *http.Request, c *thidua.Campaign) ([]*thidua.Criterion, []*thidua.Result, error) {
	return s.Store.FindCampaignResults(r.Context(), c.ID)
}

// ShortlistInput pulls nominees from the campaign's ranking
// (thidua.ShortlistInput).
type ShortlistInput = thidua.ShortlistInput

// PullShortlist adds the shortlist of the proposal's campaign to its
// nominees (thidua.ShortlistNominees) and returns how many it added.
func (s *Base) PullShortlist(r *http.Request, p *thidua.Proposal, in ShortlistInput) (int, error) {
	ctx := r.Context()
	if p.CampaignID == 0 {
		return 0, thidua.Errorf(thidua.EINVALID, "Tờ trình không gắn với đợt thi đua nào: chọn đợt thi đua trước khi lấy danh sách rút gọn.")
	}
	c, err := s.Store.FindCampaignByID(ctx, p.CampaignID)
	if err != nil {
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
	ns, added, err := thidua.ShortlistNominees(c, crit, regs, scores, p, in)
	if err != nil {
		return 0, err
	}
	if err := s.Store.SetNominees(ctx, p.ID, in.Version, ns); err != nil {
		return 0, err
	}
	return added, nil
}

// PlaceOf returns the place name (địa danh) of the documents of the unit
// with this ID: its own, else its nearest parent's, else the configured
// default (--place).
func (s *Base) PlaceOf(r *http.Request, unitID int64) string {
	ctx := thidua.NewSystemContext(thidua.NewContextWithUser(r.Context(), nil))
	for i := 0; unitID != 0 && i < 64; i++ {
		u, err := s.Store.FindUnitByID(ctx, unitID)
		if err != nil {
			break
		}
		if u.Place != "" {
			return u.Place
		}
		unitID = u.ParentID
	}
	return s.Cfg.Place
}
