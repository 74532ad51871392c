package rules

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"

	"thidua"
)

// Service is the eligibility service the adapters are given: it turns
// stored award histories into the engine's subjects and judges them under
// one province profile. The web asks it for verdicts, tables and forecasts;
// storage asks it (as a thidua.NomineeJudge) to judge a proposal's nominees
// inside the transaction that submits the proposal.
type Service struct {
	engine   *Engine
	province string
	keyOnce  sync.Once
	key      string // RulesKey
}

var _ thidua.NomineeJudge = (*Service)(nil)

// NewService returns the service over engine (nil: the embedded rule set)
// under the province profile ("" is "default").
func NewService(engine *Engine, province string) *Service {
	if engine == nil {
		engine = Default()
	}
	if province == "" {
		province = "default"
	}
	return &Service{engine: engine, province: province}
}

// Province is the profile the service judges under.
func (s *Service) Province() string { return s.province }

// Provinces lists the engine's province profiles.
func (s *Service) Provinces() []thidua.Option { return s.engine.Provinces() }

// SubjectOf builds the engine's subject from a stored history as of a
// date (pending proceedings are those open then). A collective's members
// are not filled in: see Service.Subject.
func SubjectOf(h *thidua.SubjectHistory, asOf thidua.Date) Subject {
	sub := Subject{ID: strconv.FormatInt(h.SubjectID, 10), Name: h.Name, Kind: Individual,
		Ratings: h.History.Ratings, Titles: h.History.Titles, Awards: h.History.Awards, Initiatives: h.History.Initiatives,
		Disciplines: h.History.Disciplines, PendingProceedings: h.History.PendingOn(asOf), MaternityLeave: h.History.MaternityLeave,
		Leadership: h.History.Leadership, Members: []Subject{}}
	switch {
	case h.Subject == thidua.SubjectUnit:
		sub.Kind = Collective
		for _, l := range h.ClusterLeads {
			sub.ClusterLeads = append(sub.ClusterLeads, l.Year)
		}
	case h.Gender == thidua.GenderFemale:
		sub.Gender = Female
	default:
		sub.Gender = Male
	}
	return sub
}

// Subject builds the engine's subject from a stored history; a
// collective's members are the people of its subtree, read through hs.
func (s *Service) Subject(ctx context.Context, hs thidua.HistoryReader, h *thidua.SubjectHistory, asOf thidua.Date) (Subject, error) {
	sub := SubjectOf(h, asOf)
	if h.Subject != thidua.SubjectUnit {
		return sub, nil
	}
	members, err := hs.FindHistories(ctx, thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: h.SubjectID})
	if err != nil {
		return sub, err
	}
	for _, m := range members {
		sub.Members = append(sub.Members, SubjectOf(m, asOf))
	}
	return sub, nil
}

// SubjectForYear is Subject for judging year: a collective's members are
// read one at a time when hs streams (sqldb.DB.EachHistory) and each keeps
// only what the collective's conditions count for that year (gender, the
// year's ratings and titles, disciplines in force during it: see
// facts.buildMembers). Judging a province's root unit then holds a few
// records per member, never every member's whole history. The verdicts are
// those of Subject for the same year.
func (s *Service) SubjectForYear(ctx context.Context, hs thidua.HistoryReader, h *thidua.SubjectHistory, year int, asOf thidua.Date) (Subject, error) {
	sub := SubjectOf(h, asOf)
	if h.Subject != thidua.SubjectUnit {
		return sub, nil
	}
	f := thidua.HistoryFilter{Subject: thidua.SubjectPerson, UnitID: h.SubjectID}
	add := func(m *thidua.SubjectHistory) error {
		sub.Members = append(sub.Members, memberOf(m, year))
		return nil
	}
	if st, ok := hs.(interface {
		EachHistory(ctx context.Context, f thidua.HistoryFilter, fn func(*thidua.SubjectHistory) error) error
	}); ok {
		return sub, st.EachHistory(ctx, f, add)
	}
	members, err := hs.FindHistories(ctx, f)
	if err != nil {
		return sub, err
	}
	for _, m := range members {
		_ = add(m)
	}
	return sub, nil
}

// memberOf is a member of a collective as judged for year: the records of
// other years are left out.
func memberOf(h *thidua.SubjectHistory, year int) Subject {
	m := Subject{ID: strconv.FormatInt(h.SubjectID, 10), Kind: Individual, Gender: Male}
	if h.Gender == thidua.GenderFemale {
		m.Gender = Female
	}
	for _, r := range h.History.Ratings {
		if r.Year == year {
			m.Ratings = append(m.Ratings, r)
		}
	}
	for _, t := range h.History.Titles {
		if t.Year == year {
			m.Titles = append(m.Titles, t)
		}
	}
	for _, d := range h.History.Disciplines {
		if d.From.Year() <= year && (d.To.IsZero() || d.To.Year() >= year) {
			m.Disciplines = append(m.Disciplines, d)
		}
	}
	return m
}

// EvaluateAll judges sub for every award of its kind.
func (s *Service) EvaluateAll(sub Subject, year int, asOf thidua.Date) ([]Verdict, error) {
	return s.engine.EvaluateAll(sub, year, asOf, s.province)
}

// Forecast says which subjects may reach which awards next year.
func (s *Service) Forecast(subs []Subject, year int) ([]ForecastItem, error) {
	return s.engine.Forecast(subs, year, s.province)
}

// NewForecaster returns the forecaster of year under the service's
// profile (ForecastSource).
func (s *Service) NewForecaster(year int) (*Forecaster, error) {
	return s.engine.NewForecaster(s.province, year)
}

// EvaluateRequest decodes a self-contained evaluation request (the body
// of POST /api/v1/eligibility/evaluate) and judges it; a malformed request
// is EINVALID with the offending fields.
func (s *Service) EvaluateRequest(body io.Reader) (Verdict, error) {
	req, err := s.engine.DecodeRequest(body)
	if err != nil {
		return Verdict{}, err
	}
	return s.engine.EvaluateRequest(req)
}

// NomineeResult is the engine's answer for one nominee, for display.
type NomineeResult struct {
	Nominee *thidua.Nominee
	Verdict Verdict
	// Open are the conditions a person must judge.
	Open []OpenCondition
	// Err says why the engine could not judge this award (the appraiser
	// judges it by hand).
	Err string
}

// OpenCondition is a condition of a verdict that a person must judge.
type OpenCondition struct {
	Rule     string
	Text     string
	Citation string
}

// OpenConditions lists the conditions of v that a person must judge.
func OpenConditions(v Verdict) []OpenCondition {
	var out []OpenCondition
	for _, c := range v.Conditions {
		if c.Status == "review" || c.Status == "attest" {
			out = append(out, OpenCondition{Rule: c.Rule, Text: c.Explanation, Citation: c.Citation})
		}
	}
	return out
}

// StoredVerdict decodes the verdict stored with a nominee at submission.
func StoredVerdict(n *thidua.Nominee) (Verdict, bool) {
	var v Verdict
	if len(n.VerdictJSON) == 0 || json.Unmarshal(n.VerdictJSON, &v) != nil || v.Award == "" {
		return v, false
	}
	return v, true
}

// CheckNominees judges every nominee of p for its award and the proposal's
// year, as of today, from the histories read through hs: the stored check
// of each (by nominee ID) and the same answers for display. An award the
// rule set cannot judge needs review by the appraiser.
func (s *Service) CheckNominees(ctx context.Context, hs thidua.HistoryReader, p *thidua.Proposal, today thidua.Date) (map[int64]thidua.NomineeCheck, []NomineeResult, error) {
	checks := make(map[int64]thidua.NomineeCheck, len(p.Nominees))
	shown := make([]NomineeResult, 0, len(p.Nominees))
	for _, n := range p.Nominees {
		h, err := hs.FindHistory(ctx, n.Subject, n.SubjectID)
		if err != nil {
			return nil, nil, err
		}
		sub, err := s.Subject(ctx, hs, h, today)
		if err != nil {
			return nil, nil, err
		}
		// An award the engine cannot judge takes the data's default
		// threshold: a majority of all members (R-HD-03).
		c := thidua.NomineeCheck{NomineeID: n.ID, Threshold: s.engine.DefaultCouncilThreshold(today).Share}
		res := NomineeResult{Nominee: n}
		v, err := s.engine.Evaluate(sub, n.Award, p.Year, today, s.province)
		if err != nil {
			msg := thidua.ErrorMessage(err)
			for _, m := range thidua.ErrorFields(err) {
				msg = m
			}
			res.Err = "Bộ quy tắc chưa xét được " + thidua.AwardName(n.Award) + ": " + msg + " Cần thẩm định thủ công."
			c.Verdict = thidua.VerdictReview
			c.Detail, _ = json.Marshal(map[string]string{"verdict": thidua.VerdictReview, "summary": res.Err})
			c.Open = []string{res.Err}
		} else {
			res.Verdict, res.Open = v, OpenConditions(v)
			c.Verdict = v.Verdict
			c.Detail, _ = json.Marshal(v)
			if v.CouncilThreshold > 0 {
				c.Threshold = v.CouncilThreshold
			}
			if v.Money != nil {
				c.MoneyVND = v.Money.AmountVND
			}
			for _, o := range res.Open {
				c.Open = append(c.Open, o.Text+" ("+o.Citation+")")
			}
		}
		checks[n.ID] = c
		shown = append(shown, res)
	}
	return checks, shown, nil
}

// JudgeNominees is CheckNominees without the display answers
// (thidua.NomineeJudge).
func (s *Service) JudgeNominees(ctx context.Context, hs thidua.HistoryReader, p *thidua.Proposal, today thidua.Date) (map[int64]thidua.NomineeCheck, error) {
	checks, _, err := s.CheckNominees(ctx, hs, p, today)
	return checks, err
}

// InForce describes the rule set in force on date under the service's
// province profile (Engine.InForce).
func (s *Service) InForce(date thidua.Date) (InForce, error) {
	return s.engine.InForce(date, s.province)
}

// Preview lays the uploaded rule files or province profiles (by their path
// in a rules folder: "rules/….json", "provinces/….json") over the rules in
// force, with the same checks as at start, and counts by award which
// verdicts of subjects would change for the assessment year. An uploaded
// profile is previewed under its own id when it is not the service's.
func (s *Service) Preview(files map[string][]byte, subjects []Subject, year int, asOf thidua.Date) ([]AwardDiff, string, error) {
	after, err := s.engine.WithFiles(files)
	if err != nil {
		return nil, "", thidua.Errorf(thidua.EINVALID, "Tệp quy định không hợp lệ: %v", err)
	}
	province := s.province
	for name, b := range files {
		if id := profileID(name, b); id != "" {
			province = id
		}
	}
	diffs, err := DiffVerdicts(Profile{Engine: s.engine, Province: s.province}, Profile{Engine: after, Province: province}, subjects, year, asOf)
	return diffs, province, err
}

// profileID is the id of a province profile file ("" for any other file).
func profileID(name string, b []byte) string {
	if !strings.HasPrefix(name, "provinces/") {
		return ""
	}
	var doc provinceDoc
	if json.Unmarshal(b, &doc) != nil {
		return ""
	}
	return doc.ID
}
