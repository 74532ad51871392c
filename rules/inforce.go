package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"thidua"
)

// This file describes the rules in force, for an administrator's page and
// for checking an uploaded province profile: what each award requires on a
// date under a profile, and which verdicts a change of rules would change.

// InForce is the rule set in force on a date under a province profile.
type InForce struct {
	Date string `json:"date"`
	// RuleSet is the id of the dated rule set (TDKT-2025…) and its name;
	// Grade and Note say when its text has not been checked.
	RuleSet     string       `json:"rule_set"`
	RuleSetName string       `json:"rule_set_name"`
	Grade       string       `json:"grade,omitempty"`
	Note        string       `json:"note,omitempty"`
	Province    ProvinceInfo `json:"province"`
	// BaseSalary is the base salary in force (R-TIEN-01), nil if none.
	BaseSalary *BaseSalaryInfo `json:"base_salary"`
	Awards     []AwardInForce  `json:"awards"`
}

// ProvinceInfo is a province profile with its parameters.
type ProvinceInfo struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	Source string      `json:"source"`
	Params []ParamInfo `json:"params"`
}

// ParamInfo is one province parameter as it applies: its value (a number
// or true/false), what it means, its citation and grade.
type ParamInfo struct {
	Name     string `json:"name"`
	Value    any    `json:"value"`
	Text     string `json:"text"`
	Citation string `json:"citation"`
	Grade    string `json:"grade"`
	// Overridden is true when the province profile sets it (else the
	// default profile's value applies).
	Overridden bool `json:"overridden"`
}

// BaseSalaryInfo is a row of the base salary table.
type BaseSalaryInfo struct {
	AmountVND     int64  `json:"amount_vnd"`
	EffectiveFrom string `json:"effective_from"`
	EffectiveTo   string `json:"effective_to,omitempty"`
	Citation      string `json:"citation"`
	Grade         string `json:"grade"`
	Note          string `json:"note,omitempty"`
}

// AwardInForce is what one award requires of one kind of subject.
type AwardInForce struct {
	Award     string `json:"award"`
	AwardName string `json:"award_name"`
	// Kind is individual, collective or household.
	Kind    string           `json:"kind"`
	Rules   []RuleInForce    `json:"rules"`
	Council CouncilThreshold `json:"council"`
	// Multiplier is the award money multiplier (R-TIEN-02), nil if the
	// data has none.
	Multiplier *MultiplierInfo `json:"multiplier"`
}

// MultiplierInfo is an award money multiplier.
type MultiplierInfo struct {
	Multiplier float64 `json:"multiplier"`
	Citation   string  `json:"citation"`
	Grade      string  `json:"grade"`
}

// RuleInForce is one rule with its conditions, as the profile grades and
// cites them.
type RuleInForce struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Text          string `json:"text"`
	Citation      string `json:"citation"`
	Grade         string `json:"grade"`
	EffectiveFrom string `json:"effective_from,omitempty"`
	EffectiveTo   string `json:"effective_to,omitempty"`
	// Basis is "year" (the rules in force at the end of the assessment
	// year) or "as_of" (on the evaluation date).
	Basis string `json:"basis"`
	// File is the rule file the rule came from.
	File       string             `json:"file"`
	Conditions []ConditionInForce `json:"conditions"`
}

// ConditionInForce is one condition of a rule.
type ConditionInForce struct {
	ID string `json:"id"`
	// Kind is require, judge, attest, hold, review_if or note.
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Citation string `json:"citation"`
	Grade    string `json:"grade"`
	// Group and GroupText name the "one of" list the condition is in.
	Group     string `json:"group,omitempty"`
	GroupText string `json:"group_text,omitempty"`
	// Expr and When are the CEL expressions, for the rule editor.
	Expr string `json:"expr,omitempty"`
	When string `json:"when,omitempty"`
}

// InForce describes the rule set in force on date under the province
// profile: every award of every kind of subject with its rules and
// conditions (Vietnamese text, citation, grade, effective dates), council
// threshold and money multiplier, the base salary and the profile's
// parameters. Titles are shown with the rules for an assessment year
// ending on or after date; EINVALID for an unknown province.
func (e *Engine) InForce(date thidua.Date, province string) (InForce, error) {
	p, err := e.profile(province)
	if err != nil {
		return InForce{}, err
	}
	set := e.ruleSetDocAt(date)
	out := InForce{Date: date.ISO(), RuleSet: set.ID, RuleSetName: set.Name, Grade: set.Grade, Note: set.Note,
		Province: e.provinceInfo(p)}
	if b, ok := e.baseSalary(date); ok {
		out.BaseSalary = &BaseSalaryInfo{AmountVND: b.AmountVND, EffectiveFrom: b.EffectiveFrom, EffectiveTo: b.EffectiveTo, Citation: b.Citation, Grade: b.Grade, Note: b.Note}
	}
	n := len(e.bounds) + 1
	at := e.interval(date)
	for ki, kind := range []string{Individual, Collective, Household} {
		for ai, award := range awardsFor(kind) {
			pl := p.plans[ki][ai][at*n+at]
			a := AwardInForce{Award: award, AwardName: AwardLabel(award), Kind: kind, Council: e.councilFor(p, award, date)}
			if _, x, ok := e.multiplier(award, kind, date); ok {
				m := x.milli
				a.Multiplier = &MultiplierInfo{Multiplier: float64(m) / 1000, Citation: x.Citation, Grade: x.Grade}
			}
			a.Rules = pl.rulesInForce(p)
			out.Awards = append(out.Awards, a)
		}
	}
	return out, nil
}

// rulesInForce lists the plan's rules in their order, with the conditions
// as the profile grades and cites them.
func (pl *plan) rulesInForce(p *profile) []RuleInForce {
	var out []RuleInForce
	index := map[*rule]int{}
	add := func(c *pcond, groupText string) {
		r := c.rule
		i, ok := index[r]
		if !ok {
			grade := r.Grade
			if o := p.doc.Rules[r.ID]; o.Grade != "" {
				grade = o.Grade
			}
			cite := strings.Join(nonEmpty(r.Document, r.Article, r.Clause, r.Point), ", ")
			if o := p.doc.Rules[r.ID]; o.Citation != "" {
				cite = o.Citation
			}
			i = len(out)
			index[r] = i
			out = append(out, RuleInForce{ID: r.ID, Title: r.Title, Text: r.Text, Citation: cite, Grade: grade,
				EffectiveFrom: r.EffectiveFrom, EffectiveTo: r.EffectiveTo, Basis: r.Basis, File: r.file})
		}
		out[i].Conditions = append(out[i].Conditions, ConditionInForce{ID: c.doc.ID, Kind: c.doc.Kind, Text: c.doc.Text,
			Citation: c.citation, Grade: c.grade, Group: c.group, GroupText: groupText, Expr: c.doc.Expr, When: c.doc.When})
	}
	for _, st := range pl.steps {
		if st.single != nil {
			add(st.single, "")
			continue
		}
		for _, m := range st.group {
			add(m, m.rule.Groups[m.group])
		}
	}
	return out
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (e *Engine) provinceInfo(p *profile) ProvinceInfo {
	info := ProvinceInfo{ID: p.doc.ID, Name: p.doc.Name, Source: p.doc.Source}
	def := e.provinces["default"].doc
	names := make([]string, 0, len(e.paramKind))
	for name := range e.paramKind {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		decl := e.paramKind[name]
		pd, over := p.doc.Params[name]
		over = over && p.doc.ID != "default"
		if !over {
			pd = def.Params[name]
		}
		var v any = p.params[decl.slot]
		switch decl.kind {
		case kBool:
			v = p.params[decl.slot] != 0
		case kInt:
			v = int64(p.params[decl.slot])
		}
		info.Params = append(info.Params, ParamInfo{Name: name, Value: v, Text: pd.Text, Citation: p.cites[name], Grade: p.grades[name], Overridden: over})
	}
	return info
}

// Profile is an engine and one of its province profiles.
type Profile struct {
	Engine   *Engine
	Province string
}

// AwardDiff counts, for one award, how the verdicts of a list of subjects
// change from one profile to another.
type AwardDiff struct {
	Award     string `json:"award"`
	AwardName string `json:"award_name"`
	// Subjects is how many subjects were judged for the award, Changed
	// how many got another verdict.
	Subjects int `json:"subjects"`
	Changed  int `json:"changed"`
	// Transitions counts the changes by verdict pair, most frequent first.
	Transitions []Transition `json:"transitions"`
}

// Transition is a number of verdicts that went From → To.
type Transition struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// DiffVerdicts judges every subject for every award of its kind under
// before and after, for the assessment year and date, and counts by award
// which verdicts change: the preview of an uploaded province profile or
// rule file (WithFiles) on the stored people before it is applied. Awards
// come in the order of IndividualAwards, CollectiveAwards and
// HouseholdAwards; an award appears once even when several kinds have it.
func DiffVerdicts(before, after Profile, subjects []Subject, year int, asOf thidua.Date) ([]AwardDiff, error) {
	cb, err := before.Engine.NewChecker(before.Province)
	if err != nil {
		return nil, err
	}
	ca, err := after.Engine.NewChecker(after.Province)
	if err != nil {
		return nil, err
	}
	var order []string
	byAward := map[string]*AwardDiff{}
	trans := map[string]map[[2]Code]int{}
	for _, kind := range []string{Individual, Collective, Household} {
		for _, a := range awardsFor(kind) {
			if byAward[a] == nil {
				byAward[a] = &AwardDiff{Award: a, AwardName: AwardLabel(a)}
				trans[a] = map[[2]Code]int{}
				order = append(order, a)
			}
		}
	}
	var x, y []Code
	for i := range subjects {
		s := &subjects[i]
		kind := s.Kind
		if kind == "" {
			kind = Individual
		}
		x = cb.Check(s, year, asOf, x[:0])
		y = ca.Check(s, year, asOf, y[:0])
		for j, a := range awardsFor(kind) {
			d := byAward[a]
			d.Subjects++
			if x[j] != y[j] {
				d.Changed++
				trans[a][[2]Code{x[j], y[j]}]++
			}
		}
	}
	out := make([]AwardDiff, 0, len(order))
	for _, a := range order {
		d := byAward[a]
		for k, n := range trans[a] {
			d.Transitions = append(d.Transitions, Transition{From: k[0].String(), To: k[1].String(), Count: n})
		}
		sort.Slice(d.Transitions, func(i, j int) bool {
			ti, tj := d.Transitions[i], d.Transitions[j]
			if ti.Count != tj.Count {
				return ti.Count > tj.Count
			}
			return ti.From+ti.To < tj.From+tj.To
		})
		out = append(out, *d)
	}
	return out, nil
}

// String renders a diff line in Vietnamese, e.g. "Lao động tiên tiến: 3/120
// thay đổi (eligible → needs_review: 3)".
func (d AwardDiff) String() string {
	var parts []string
	for _, t := range d.Transitions {
		parts = append(parts, fmt.Sprintf("%s → %s: %d", t.From, t.To, t.Count))
	}
	s := d.AwardName + ": " + strconv.Itoa(d.Changed) + "/" + strconv.Itoa(d.Subjects) + " thay đổi"
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}
