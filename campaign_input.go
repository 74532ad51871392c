package thidua

import "strings"

// CampaignInput is the writable part of a campaign, as the workspace form
// and the JSON API give it: the one conversion of both to a Campaign. The
// plan (kế hoạch) comes either as PlanRef, the printed number and symbol
// ("248/KH-VPUBND"), or as the Plan object; both are checked with
// ParseDocRef, and both together must agree.
type CampaignInput struct {
	Title            string         `json:"title"`
	Form             string         `json:"form"`
	Kind             string         `json:"kind"`
	UnitID           int64          `json:"unit_id"`
	ScopeUnitID      int64          `json:"scope_unit_id"`
	Plan             *DocRef        `json:"plan"`
	PlanRef          string         `json:"plan_ref"`
	PlanDate         Date           `json:"plan_date"`
	Signer           string         `json:"signer"`
	SignerPost       string         `json:"signer_post"`
	StartDate        Date           `json:"start_date"`
	EndDate          Date           `json:"end_date"`
	Objectives       string         `json:"objectives"`
	Participants     string         `json:"participants"`
	Awards           []PlannedAward `json:"awards"`
	Aggregation      string         `json:"aggregation"`
	ExcludeConflicts bool           `json:"exclude_conflicts"`
	PublishRanking   bool           `json:"publish_ranking"`
	Version          int            `json:"version"`
}

// Campaign builds the campaign with the given ID (0 for a new one),
// normalized, and checks it: the campaign and EINVALID with every field's
// message (a bad plan reference together with the campaign's own).
func (in *CampaignInput) Campaign(id int64) (*Campaign, error) {
	c := &Campaign{ID: id, Title: in.Title, Form: in.Form, Kind: in.Kind, UnitID: in.UnitID, ScopeUnitID: in.ScopeUnitID,
		PlanDate: in.PlanDate, Signer: in.Signer, SignerPost: in.SignerPost, StartDate: in.StartDate, EndDate: in.EndDate,
		Objectives: in.Objectives, Participants: in.Participants, Awards: in.Awards, Aggregation: in.Aggregation,
		ExcludeConflicts: in.ExcludeConflicts, PublishRanking: in.PublishRanking, Version: in.Version}
	var v Validation
	if in.Plan != nil && (in.Plan.Number != "" || in.Plan.Type != "" || in.Plan.Issuer != "") {
		ref, err := ParseDocRef(in.Plan.String())
		if err != nil {
			v.Add("plan", "Số, ký hiệu kế hoạch không đúng dạng: cần number, type, issuer như 248, KH, VPUBND.")
		}
		c.Plan = ref
	}
	if strings.TrimSpace(in.PlanRef) != "" {
		ref, err := ParseDocRef(in.PlanRef)
		switch {
		case err != nil:
			v.Add("plan_ref", ErrorMessage(err))
		case !c.Plan.IsZero() && c.Plan != ref:
			v.Add("plan_ref", "plan_ref “"+ref.String()+"” khác với plan “"+c.Plan.String()+"”: chỉ gửi một trong hai.")
		default:
			c.Plan = ref
		}
	}
	c.Normalize()
	for k, msg := range ErrorFields(c.Validate()) {
		v.Add(k, msg)
	}
	return c, v.Err()
}
