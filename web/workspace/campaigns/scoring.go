package campaigns

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"thidua"
	"thidua/web/kit"
)

// Faster scoring: a reviewer (the unit head, a council member assigned to
// the campaign) scores every criterion of a registration in one form and
// goes on to the next one ("Tiếp theo") from the list of what they are to
// score, with their progress.

// scoringRow is one registration the user scores, with their progress.
type scoringRow struct {
	Registration *thidua.Registration
	Kind         string // the kind of score the user gives it
	Done, Total  int    // criteria scored by the user / applicable
}

// scoringList returns what the signed-in user scores in campaign c, as
// reviewer (the council's score when assigned, else the unit head's): the
// approved registrations the user may score now (thidua.CheckScore), in
// the ranking's order of kinds and names, with their progress.
func (s *Handler) scoringList(r *http.Request, c *thidua.Campaign) ([]*scoringRow, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	assigned := false
	if me.HasRole(thidua.RoleCouncil) {
		reviewers, err := s.Store.FindReviewers(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		assigned = slices.ContainsFunc(reviewers, func(u *thidua.User) bool { return u.ID == me.ID })
	}
	regs, err := s.Store.FindRegistrations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	crit, err := s.Store.FindCriteria(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	scores, err := s.Store.FindScores(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{} // registration/kind/criterion
	for _, sc := range scores {
		if sc.ScorerID == me.ID {
			mine[fmt.Sprintf("%d/%s/%d", sc.RegistrationID, sc.Kind, sc.CriterionID)] = true
		}
	}
	var rows []*scoringRow
	for _, reg := range regs {
		kind := ""
		for _, k := range []string{thidua.ScoreCouncil, thidua.ScoreHead} {
			if kind == "" && thidua.CheckScore(me, c, reg, k, assigned) == nil {
				kind = k
			}
		}
		if kind == "" {
			continue
		}
		row := &scoringRow{Registration: reg, Kind: kind}
		for _, cr := range crit {
			if cr.Applies(reg.Kind) {
				row.Total++
				if mine[fmt.Sprintf("%d/%s/%d", reg.ID, kind, cr.ID)] {
					row.Done++
				}
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// nextToScore returns the registration to score after the one with id:
// the next one in the list not fully scored, wrapping round; 0 when all are.
func nextToScore(rows []*scoringRow, id int64) int64 {
	at := slices.IndexFunc(rows, func(r *scoringRow) bool { return r.Registration.ID == id })
	for i := 1; i <= len(rows); i++ {
		r := rows[(at+i+len(rows))%len(rows)]
		if r.Registration.ID != id && r.Done < r.Total {
			return r.Registration.ID
		}
	}
	return 0
}

type scoringPage struct {
	kit.Page
	Campaign *thidua.Campaign
	Rows     []*scoringRow
	Done     int // registrations fully scored
}

// HandleScoring lists what the signed-in user is to score in a campaign.
func (s *Handler) HandleScoring(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	rows, err := s.scoringList(r, c)
	if err != nil {
		return err
	}
	p := &scoringPage{Page: kit.Page{Title: "Chấm điểm: " + c.Title, Nav: "campaigns"}, Campaign: c, Rows: rows}
	for _, row := range rows {
		if row.Done == row.Total {
			p.Done++
		}
	}
	s.Render(w, r, http.StatusOK, "scoring.html", p)
	return nil
}

// HandleScoresSaveAll saves the user's scores of kind for every criterion
// of a registration filled in the form, all or nothing; each refused value
// is marked next to its field and every value typed comes back. With
// "next", it goes on to the next registration to score.
func (s *Handler) HandleScoresSaveAll(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	reg, err := s.Store.FindRegistrationByID(ctx, id)
	if err != nil {
		return err
	}
	crit, err := s.Store.FindCriteria(ctx, reg.CampaignID)
	if err != nil {
		return err
	}
	kind := f.Values["kind"]
	if kind != thidua.ScoreHead && kind != thidua.ScoreCouncil {
		f.Errors["kind"] = "Loại điểm không hợp lệ."
	}
	var scores []*thidua.Score
	for _, cr := range crit {
		if !cr.Applies(reg.Kind) {
			continue
		}
		key := strconv.FormatInt(cr.ID, 10)
		text := strings.TrimSpace(f.Values["value_"+key])
		if text == "" {
			continue // not scored yet
		}
		v, _, perr := thidua.ParseNumber(text)
		if perr == nil {
			perr = thidua.ValidateScore(v, cr.MaxScore)
		}
		if perr != nil {
			f.Errors["value_"+key] = cr.Code + ": " + thidua.ErrorMessage(perr)
			if fields := thidua.ErrorFields(perr); fields["value"] != "" {
				f.Errors["value_"+key] = cr.Code + ": " + fields["value"]
			}
			continue
		}
		version, _ := strconv.Atoi(f.Values["version_"+key])
		scores = append(scores, &thidua.Score{RegistrationID: id, CriterionID: cr.ID, Kind: kind, Value: v,
			Comment: f.Values["comment_"+key], Version: version})
	}
	if len(scores) == 0 && len(f.Errors) == 0 {
		f.Errors["scores"] = "Vui lòng nhập điểm ít nhất một tiêu chí."
	}
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.SaveScores(ctx, scores)
	}
	if err != nil {
		f.Values["all_kind"] = kind
		s.participationError(w, r, id, f, err)
		return nil
	}
	s.Flash(w, r, fmt.Sprintf("Đã lưu điểm %d tiêu chí của %s.", len(scores), reg.Name))
	if f.Values["next"] != "" {
		c, err := s.Store.FindCampaignByID(ctx, reg.CampaignID)
		if err != nil {
			return err
		}
		rows, err := s.scoringList(r, c)
		if err != nil {
			return err
		}
		if next := nextToScore(rows, id); next != 0 {
			http.Redirect(w, r, "/app/registrations/"+kit.IdStr(next)+"#cham-diem", http.StatusSeeOther)
			return nil
		}
		s.Flash(w, r, fmt.Sprintf("Đã lưu điểm %d tiêu chí của %s. Bạn đã chấm đủ mọi đăng ký được giao.", len(scores), reg.Name))
		http.Redirect(w, r, "/app/campaigns/"+kit.IdStr(c.ID)+"/scoring", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/app/registrations/"+kit.IdStr(id)+"#cham-diem", http.StatusSeeOther)
	return nil
}
