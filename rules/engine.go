package rules

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"thidua"
)

// pcond is a condition as it applies in one plan: with the grade and
// citation of the province profile.
type pcond struct {
	*cond
	grade    string
	low      bool // grade C or X: never decides, always needs review
	citation string
	// reasonPrefix starts every reason the condition gives ("R-… (a):
	// text — "); lowNote ends the explanation of a low-grade condition a
	// person must check. Both are built once with the plan.
	reasonPrefix string
	lowNote      string
	// expl holds, by status, the explanation of the condition when it
	// shows no facts; reasons holds the reasons it can give. Both are
	// built once with the plan, so an explained verdict shares them.
	expl    [len(statusList)]string
	reasons [len(reasonWords)]string
}

// step is one ungrouped condition, or a "one of" group.
type step struct {
	single *pcond
	group  []*pcond
	// notMet and review are a group's reasons, built once.
	notMet, review string
}

// plan is the ordered conditions that decide one award for one subject
// kind, province and pair of date intervals.
type plan struct {
	award, kind string
	label       string // AwardLabel(award)
	steps       []step
	// fast is steps without the conditions that cannot change a verdict
	// code (notes, attestations), for Checker.
	fast []step
	// The fast steps whose expressions are pure (they read the subject's
	// facts through no fact function, so they set no flag and their order
	// does not matter) leave fast for bit masks over the subject's pure
	// values (Checker.pure, engine.pure): pureNeeds is what the plan
	// reads; a require in pureReq must hold; a hold in pureHold holds, a
	// review_if in pureReview triggers; those with a when are pureWhen.
	pureNeeds, pureReq, pureHold, pureReview uint64
	pureWhen                                 []pureItem
	// empty is true when no rule of the award itself is in force.
	empty bool
	// title is true for an emulation title (danh hiệu thi đua).
	title bool
	// review is true when the plan always needs review at best (a judged
	// condition, or one graded C/X): see buildFast.
	review bool
	// shown is the number of conditions an explained verdict can list.
	shown int
	// criteriaSet names the rule set the award's criteria came from when
	// it is not the one in force on the evaluation date.
	criteriaSet string
}

// buildPlans fills each profile's plans: plans[kind][award][yi*n+ai] for
// kind 0 individual, 1 collective and 2 household, the award's index in
// IndividualAwards, CollectiveAwards or HouseholdAwards, and the date
// intervals of the assessment year's end (yi) and of the evaluation date
// (ai).
func (e *Engine) buildPlans() {
	n := len(e.bounds) + 1
	for _, prov := range e.order {
		p := e.provinces[prov]
		for ki, kind := range []string{Individual, Collective, Household} {
			awards := awardsFor(kind)
			p.plans[ki] = make([][]*plan, len(awards))
			for aw, award := range awards {
				p.plans[ki][aw] = make([]*plan, n*n)
				for yi := 0; yi < n; yi++ {
					for ai := 0; ai < n; ai++ {
						p.plans[ki][aw][yi*n+ai] = e.buildPlan(p, award, kind, yi, ai)
					}
				}
			}
		}
	}
}

func kindIndex(kind string) int {
	switch kind {
	case Collective:
		return 1
	case Household:
		return 2
	}
	return 0
}

func awardsFor(kind string) []string {
	switch kind {
	case Collective:
		return CollectiveAwards
	case Household:
		return HouseholdAwards
	}
	return IndividualAwards
}

func (e *Engine) buildPlan(p *profile, award, kind string, yi, ai int) *plan {
	yd, ad := e.representative(yi), e.representative(ai)
	pl := &plan{award: award, label: AwardLabel(award), kind: kind, empty: true, title: titleIndex(award) >= 0}
	var own, common []*rule
	for _, r := range e.rules {
		if !r.appliesTo(kind) {
			continue
		}
		d := ad
		if r.Basis == basisYear {
			d = yd
		}
		if !inRange(d, r.from, r.to) {
			continue
		}
		switch r.Award {
		case award:
			own = append(own, r)
		case "*":
			common = append(common, r)
		}
	}
	pl.empty = len(own) == 0
	// The criteria came from another rule set when a rule of the award
	// chosen by the assessment year is not in force on the evaluation date.
	for _, r := range own {
		if r.Basis == basisYear && !inRange(ad, r.from, r.to) {
			pl.criteriaSet = e.ruleSetAt(yd)
			break
		}
	}
	defer pl.buildFast()
	groups := map[string]int{}
	for _, r := range append(own, common...) {
		for _, c := range r.conds {
			pc := e.applyProfile(p, c)
			if c.group == "" {
				pl.steps = append(pl.steps, step{single: pc})
				continue
			}
			// Groups of the same id are one list across the award's rules
			// (R-HCLD-01 and R-CH-01 are both points of Điều 44, Khoản 1).
			if i, ok := groups[c.group]; ok {
				pl.steps[i].group = append(pl.steps[i].group, pc)
				continue
			}
			groups[c.group] = len(pl.steps)
			text := r.Groups[c.group]
			pl.steps = append(pl.steps, step{group: []*pcond{pc},
				notMet: r.ID + ": " + text + " — chưa đạt tiêu chuẩn nào.",
				review: r.ID + ": " + text + " — chỉ có thể đạt theo tiêu chuẩn cần người có thẩm quyền đánh giá hoặc chưa được xác minh."})
		}
	}
	return pl
}

// buildFast fills pl.fast, the steps that can change a verdict code, and
// pl.review. Notes and attestations never change it. A judged condition,
// or a required one graded C/X, always asks for review: it becomes
// pl.review instead of a step. Once review is certain, a "one of" list
// that holds a judged member can only be met or reviewed, so it is left
// out too; so are review_if conditions. The flags such steps would set
// only feed notes and reviews, so the code is the same as decide's full
// evaluation.
func (pl *plan) buildFast() {
	for _, st := range pl.steps {
		pl.shown += max(1, len(st.group))
	}
	for _, st := range pl.steps {
		if c := st.single; c != nil && c.when == nil && (c.kind == kJudge || c.kind == kRequire && c.low) {
			pl.review = true
		}
	}
	for _, st := range pl.steps {
		if c := st.single; c != nil {
			switch {
			case c.kind == kNote || c.kind == kAttest:
				continue
			case c.when == nil && (c.kind == kJudge || c.kind == kRequire && c.low):
				continue
			case pl.review && c.kind == kReviewIf:
				continue
			}
		} else if pl.review && slices.ContainsFunc(st.group, func(m *pcond) bool { return m.kind == kJudge && m.when == nil }) {
			continue
		}
		if c := st.single; c != nil && c.exprBit != -2 && c.whenBit != -2 && (c.exprBit >= 0 || c.kind == kJudge) {
			pl.addPure(c)
			continue
		}
		pl.fast = append(pl.fast, st)
	}
}

// pureItem is a pure fast step with a when (plan.pureWhen).
type pureItem struct {
	when, expr int8 // bits; expr is -1 for a judge
	kind       uint8
	low        bool
}

// addPure records the pure fast step c in the plan's masks.
func (pl *plan) addPure(c *pcond) {
	bit := func(b int8) uint64 {
		if b < 0 {
			return 0
		}
		pl.pureNeeds |= 1 << b
		return 1 << b
	}
	if c.whenBit >= 0 || c.kind == kJudge || c.kind == kRequire && c.low {
		bit(c.whenBit)
		bit(c.exprBit)
		pl.pureWhen = append(pl.pureWhen, pureItem{when: c.whenBit, expr: c.exprBit, kind: c.kind, low: c.low})
		return
	}
	switch c.kind {
	case kRequire:
		pl.pureReq |= bit(c.exprBit)
	case kHold:
		pl.pureHold |= bit(c.exprBit)
	case kReviewIf:
		pl.pureReview |= bit(c.exprBit)
	}
}

func (e *Engine) applyProfile(p *profile, c *cond) *pcond {
	if pc := p.pconds[c]; pc != nil {
		return pc
	}
	if p.pconds == nil {
		p.pconds = map[*cond]*pcond{}
	}
	pc := e.profiled(p, c)
	p.pconds[c] = pc
	return pc
}

// profiled is c as profile p grades and cites it, with its explanations
// and reasons built.
func (e *Engine) profiled(p *profile, c *cond) *pcond {
	o := p.doc.Rules[c.rule.ID]
	grade := c.rule.Grade
	if o.Grade != "" {
		grade = o.Grade
	}
	if c.doc.Grade != "" {
		grade = c.doc.Grade
	}
	cite := c.citation()
	if o.Citation != "" {
		cite = o.Citation
	}
	if c.expr != nil {
		for _, name := range c.expr.params {
			grade = worse(grade, p.grades[name])
			if pc := p.cites[name]; pc != "" && !strings.Contains(cite, pc) {
				cite += "; " + pc
			}
		}
	}
	pc := &pcond{cond: c, grade: grade, low: lowGrade(grade), citation: cite}
	pc.reasonPrefix = c.rule.ID + " (" + c.doc.ID + "): " + strings.TrimSuffix(c.doc.Text, ".") + " — "
	if pc.low && (c.doc.Kind == kindRequire || c.doc.Kind == kindJudge || c.doc.Kind == kindReviewIf) {
		pc.lowNote = " " + lowGradeAdvice
	}
	for i, status := range statusList {
		pc.expl[i] = c.doc.Text + " — " + statusWords[status] + "." + pc.lowNote
	}
	for i, what := range reasonWords {
		pc.reasons[i] = pc.reasonPrefix + what + "."
	}
	return pc
}

// reasonWords are the endings of the reasons a condition gives
// (pcond.reason), indexed by the reason* constants.
var reasonWords = [...]string{"chưa đạt", "cần kiểm tra theo văn bản quy định gốc", "tạm hoãn", "cần người có thẩm quyền đánh giá", "cần xem xét"}

const (
	reasonNotMet = iota
	reasonCheckSource
	reasonHold
	reasonJudge
	reasonReview
)

// lowGradeAdvice ends the explanation of a condition whose legal text the
// rule set holds only at grade C/X: what the officer does about it.
const lowGradeAdvice = "Nội dung điều kiện này trong bộ quy tắc chưa được xác nhận theo văn bản gốc: cán bộ thi đua kiểm tra theo văn bản quy định trước khi đề nghị."

// resetAt reports whether, as of d, a discipline resets the counting window
// in the facts (rule_sets[].discipline_reset). Where it does not, the facts
// keep every year and the rules in force flag the discipline for review.
func (e *Engine) resetAt(d thidua.Date) bool {
	for _, s := range e.sets {
		if inRange(d, s.from, s.to) {
			return s.DisciplineReset
		}
	}
	return false
}

func (e *Engine) ruleSetAt(d thidua.Date) string { return e.ruleSetDocAt(d).ID }

func (e *Engine) ruleSetDocAt(d thidua.Date) ruleSetDoc {
	for _, s := range e.sets {
		if inRange(d, s.from, s.to) {
			return s
		}
	}
	return ruleSetDoc{ID: "?"}
}

func (e *Engine) plan(p *profile, award, kind string, year int, asOf thidua.Date) *plan {
	n := len(e.bounds) + 1
	i := slices.Index(awardsFor(kind), award)
	return p.plans[kindIndex(kind)][i][e.interval(thidua.NewDate(year, 12, 31))*n+e.interval(asOf)]
}

// Status words of a condition.
const (
	statusMet    = "met"
	statusNotMet = "not_met"
	statusReview = "review"
	statusHold   = "hold"
	statusNote   = "note"
	statusAttest = "attest"
)

// outcome collects what the steps decided. Its reasons are kept apart by
// what they decide, so that a refusal names what refused it first.
type outcome struct {
	notMet, review, hold bool
	gate                 []string // cross-cutting refusals
	reasons              []string // refusals by the award's own criteria
	holdReasons          []string
	reviewReasons        []string
}

// all returns the reasons, refusals first (cross-cutting ones before the
// award's own), then holds, then reviews.
func (oc *outcome) all() []string {
	out := append(oc.gate, oc.reasons...)
	return append(append(out, oc.holdReasons...), oc.reviewReasons...)
}

// decide evaluates and explains every condition of the plan into out and
// oc and returns the verdict code; check gives the same code without
// explaining.
func (p *plan) decide(e *env, out *explained, oc *outcome) Code {
	e.title = p.title
	if p.empty {
		oc.review = true
		oc.reviewReasons = append(oc.reviewReasons, "Chưa có quy tắc của "+AwardLabel(p.award)+" áp dụng cho thời điểm này trong bộ quy tắc.")
		return CodeNeedsReview
	}
	var notMet, review, hold bool
	for i := range p.steps {
		st := &p.steps[i]
		if st.single != nil {
			c := st.single
			if c.when != nil && !c.when.b(e) {
				continue
			}
			switch c.kind {
			case kRequire:
				saved := e.flags
				v := c.eval(e, out)
				if !v {
					e.flags = keepOnFailure(e.flags, saved)
				}
				switch {
				case c.low:
					review = true
					setLast(out, statusReview, v)
					oc.reviewReasons = append(oc.reviewReasons, c.reason(reasonCheckSource))
				case !v:
					notMet = true
					setLast(out, statusNotMet, false)
					if c.rule.Award == "*" {
						// A cross-cutting refusal (the discipline window of
						// R-GEN-06) is named before the criteria it emptied.
						oc.gate = append(oc.gate, c.reason(reasonNotMet))
					} else {
						oc.reasons = append(oc.reasons, c.reason(reasonNotMet))
					}
				default:
					setLast(out, statusMet, true)
				}
			case kJudge:
				review = true
				c.show(out, statusReview, nil, nil)
				oc.reviewReasons = append(oc.reviewReasons, c.reason(reasonJudge))
			case kAttest:
				c.show(out, statusAttest, nil, nil)
			case kHold:
				if c.eval(e, out) {
					hold = true
					setLast(out, statusHold, false)
					oc.holdReasons = append(oc.holdReasons, c.reason(reasonHold))
				} else {
					setLast(out, statusMet, true)
				}
			case kReviewIf, kNote:
				// Not triggered, the condition is not shown: its facts
				// are gathered (and the flags set) but not kept.
				if !c.evalQuiet(e, out) {
					continue
				}
				c.show(out, "", nil, out.trace)
				switch {
				case c.kind == kReviewIf:
					review = true
					setLast(out, statusReview, false)
					oc.reviewReasons = append(oc.reviewReasons, c.reason(reasonReview))
				default:
					setLast(out, statusNote, true)
				}
			}
			continue
		}
		// A "one of" group: met when a member graded A/B is met; needs
		// review when only judged or low-grade members could carry it.
		state, applied := 0, 0
		for _, m := range st.group {
			if m.when != nil && !m.when.b(e) {
				continue
			}
			applied++
			if m.kind == kJudge {
				if state < 1 {
					state = 1
				}
				m.show(out, statusReview, nil, nil)
				continue
			}
			saved := e.flags
			v := m.eval(e, out)
			switch {
			case state == 2: // shown only: the group was already decided
				e.flags = saved
			case !v:
				e.flags = keepOnFailure(e.flags, saved)
			}
			switch {
			case v && !m.low:
				state = 2
				setLast(out, statusMet, true)
			case v:
				state = max(state, 1)
				setLast(out, statusReview, true)
			default:
				setLast(out, statusNotMet, false)
			}
		}
		switch {
		case applied == 0:
			// No member applies to this subject: the list is not a
			// criterion for it.
		case state == 0:
			notMet = true
			oc.reasons = append(oc.reasons, st.notMet)
		case state == 1:
			review = true
			oc.reviewReasons = append(oc.reviewReasons, st.review)
		}
	}
	oc.notMet, oc.review, oc.hold = notMet, review, hold
	return verdictCode(notMet, hold, review)
}

func verdictCode(notMet, hold, review bool) Code {
	switch {
	case notMet:
		return CodeNotEligible
	case hold:
		return CodeOnHold
	case review:
		return CodeNeedsReview
	}
	return CodeEligible
}

// check is decide without explanations, for Checker: it runs the steps
// that can change the code (plan.fast), stops at the first unmet
// condition, and reads every expression that depends on the subject's
// facts alone through the subject's memo (env.memo), so a condition
// several awards share — the R-GEN-06 gates, "rating >= HTTNV", a streak
// — is computed once per subject. It gives decide's code.
func (p *plan) check(e *env, pure uint64) Code {
	if p.empty {
		return CodeNeedsReview
	}
	if p.pureReq&^pure != 0 {
		return CodeNotEligible
	}
	review, hold := p.review || p.pureReview&pure != 0, p.pureHold&pure != 0
	for _, it := range p.pureWhen {
		if it.when >= 0 && pure&(1<<it.when) == 0 {
			continue
		}
		v := it.expr >= 0 && pure&(1<<it.expr) != 0
		switch it.kind {
		case kRequire:
			switch {
			case it.low:
				review = true
			case !v:
				return CodeNotEligible
			}
		case kJudge:
			review = true
		case kHold:
			hold = hold || v
		case kReviewIf:
			review = review || v
		}
	}
	e.title = p.title
	for i := range p.fast {
		st := &p.fast[i]
		if c := st.single; c != nil {
			if c.when != nil && !e.memo(c.when, c.whenMemo) {
				continue
			}
			switch c.kind {
			case kRequire:
				saved := e.flags
				v := e.memo(c.expr, c.memo)
				if !v {
					e.flags = keepOnFailure(e.flags, saved)
				}
				switch {
				case c.low:
					review = true
				case !v:
					return CodeNotEligible
				}
			case kJudge:
				review = true
			case kHold:
				if e.memo(c.expr, c.memo) {
					hold = true
				}
			case kReviewIf:
				if e.memo(c.expr, c.memo) {
					review = true
				}
			}
			continue
		}
		state, applied := 0, 0
		for _, m := range st.group {
			if m.when != nil && !e.memo(m.when, m.whenMemo) {
				continue
			}
			applied++
			if m.kind == kJudge {
				state = max(state, 1)
				continue
			}
			saved := e.flags
			v := e.memo(m.expr, m.memo)
			if !v {
				e.flags = keepOnFailure(e.flags, saved)
			}
			if v && !m.low {
				state = 2
				break
			}
			if v {
				state = 1
			}
		}
		switch {
		case applied == 0:
		case state == 0:
			return CodeNotEligible
		case state == 1:
			review = true
		}
	}
	return verdictCode(false, hold, review)
}

// keepOnFailure returns the flags to keep after a condition failed: a
// maternity bridge did not carry a failed condition, so it is dropped; a
// left-out award or initiative may be why it failed, so that is kept.
func keepOnFailure(now, before uint8) uint8 {
	return now&^flagBridged | before&flagBridged
}

// explained collects the explained conditions of one evaluation (every
// award of one subject) in shared arenas: one backing array of
// conditions, of facts and of met flags, and one buffer from which each
// award's explanations are cut, so an explained verdict costs a handful
// of allocations instead of several per condition. Explanations are
// written once the condition's status is known (finish).
type explained struct {
	conds []Condition
	pcs   []*pcond // the condition each of conds comes from
	facts []Fact   // deduplicated facts, shared by conds
	trace []Fact   // the facts one expression used, reused
	bools []bool   // what conds' Met point to
	text  strings.Builder
	ends  []int // where each explanation ends in text (finish)
}

func (x *explained) boolPtr(v bool) *bool {
	if len(x.bools) == cap(x.bools) {
		x.bools = make([]bool, 0, max(64, cap(x.bools)))
	}
	x.bools = append(x.bools, v)
	return &x.bools[len(x.bools)-1]
}

// keepFacts stores the facts of in once each (by name) and returns them.
func (x *explained) keepFacts(in []Fact) []Fact {
	if len(in) == 0 {
		return nil
	}
	start := len(x.facts)
	for _, f := range in {
		if !slices.ContainsFunc(x.facts[start:], func(g Fact) bool { return g.Name == f.Name }) {
			x.facts = append(x.facts, f)
		}
	}
	return x.facts[start:len(x.facts):len(x.facts)]
}

// finish writes the explanations of the conditions from start on and
// returns them.
func (x *explained) finish(start int) []Condition {
	if len(x.conds) == start {
		return nil
	}
	// Explanations are cut from the text of one builder: a builder only
	// appends, so every string it has returned stays valid as it grows.
	b := &x.text
	from := b.Len()
	ends := x.ends[:0]
	for i := start; i < len(x.conds); i++ {
		c, pc := &x.conds[i], x.pcs[i]
		if len(c.Facts) == 0 {
			// Without facts the explanation depends on the status only.
			if i := statusIndex(c.Status); i >= 0 {
				c.Explanation = pc.expl[i]
				ends = append(ends, -1)
				continue
			}
		}
		b.WriteString(pc.doc.Text)
		b.WriteString(" — ")
		if i := statusIndex(c.Status); i >= 0 {
			b.WriteString(statusText[i])
		} else {
			b.WriteString("{status}")
		}
		for j, f := range c.Facts {
			if j == 0 {
				b.WriteString(": ")
			} else {
				b.WriteString("; ")
			}
			b.WriteString(f.Text)
		}
		b.WriteByte('.')
		b.WriteString(pc.lowNote)
		ends = append(ends, b.Len())
	}
	x.ends = ends
	text := b.String()
	for i, end := range ends {
		if end < 0 {
			continue
		}
		x.conds[start+i].Explanation = text[from:end]
		from = end
	}
	return x.conds[start:len(x.conds):len(x.conds)]
}

// eval evaluates c's expression; with out, it appends c's Condition with
// the facts used (status filled in by the caller through setLast).
func (c *pcond) eval(e *env, out *explained) bool {
	if out == nil {
		return c.expr.b(e)
	}
	out.trace = out.trace[:0]
	e.trace = &out.trace
	v := c.expr.b(e)
	e.trace = nil
	c.show(out, "", &v, out.trace)
	return v
}

// evalQuiet evaluates c's expression as eval does, gathering its facts
// in out.trace, without showing the condition (show).
func (c *pcond) evalQuiet(e *env, out *explained) bool {
	out.trace = out.trace[:0]
	e.trace = &out.trace
	v := c.expr.b(e)
	e.trace = nil
	return v
}

func (c *pcond) show(out *explained, status string, met *bool, facts []Fact) {
	if out == nil {
		return
	}
	cd := Condition{Rule: c.rule.ID, Point: c.doc.ID, Status: status, Grade: c.grade,
		Citation: c.citation, Group: c.group, Facts: out.keepFacts(facts)}
	if met != nil {
		cd.Met = out.boolPtr(*met)
	}
	out.conds = append(out.conds, cd)
	out.pcs = append(out.pcs, c)
}

func setLast(out *explained, status string, met bool) {
	if out == nil || len(out.conds) == 0 {
		return
	}
	c := &out.conds[len(out.conds)-1]
	c.Status = status
	c.Met = out.boolPtr(met)
}

// statusList lists the statuses in the order of statusText and
// pcond.expl; statusIndex finds a status in it.
var statusList = [...]string{statusMet, statusNotMet, statusReview, statusHold, statusNote, statusAttest}

var statusText = func() (t [len(statusList)]string) {
	for i, s := range statusList {
		t[i] = statusWords[s]
	}
	return t
}()

func statusIndex(s string) int {
	switch s {
	case statusMet:
		return 0
	case statusNotMet:
		return 1
	case statusReview:
		return 2
	case statusHold:
		return 3
	case statusNote:
		return 4
	case statusAttest:
		return 5
	}
	return -1
}

var statusWords = map[string]string{
	statusMet:    "Đạt",
	statusNotMet: "Chưa đạt",
	statusReview: "Cần xem xét",
	statusHold:   "Tạm hoãn",
	statusNote:   "Lưu ý",
	statusAttest: "Hội đồng thi đua – khen thưởng xem xét khi bình xét",
}

// reason is the reason the condition gives, ending in reasonWords[what].
func (c *pcond) reason(what int) string { return c.reasons[what] }

func (e *Engine) profile(province string) (*profile, error) {
	if province == "" {
		province = "default"
	}
	p, ok := e.provinces[province]
	if !ok {
		return nil, &thidua.Error{Code: thidua.EINVALID, Message: "Tỉnh không có trong danh sách hồ sơ quy định.",
			Fields: map[string]string{"province": "Không có hồ sơ quy định của tỉnh \"" + province + "\"; chọn một trong " + strings.Join(e.order, ", ") + "."}}
	}
	return p, nil
}

// AllAwards lists every award code the engine evaluates, individual ones
// first, each once.
func AllAwards() []string {
	out := slices.Clone(IndividualAwards)
	for _, a := range CollectiveAwards {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func checkAward(award, kind string) error {
	if !slices.Contains(IndividualAwards, award) && !slices.Contains(CollectiveAwards, award) {
		return &thidua.Error{Code: thidua.EINVALID, Message: "Danh hiệu, hình thức khen thưởng không được hỗ trợ.",
			Fields: map[string]string{"award": "Mã \"" + award + "\" không được hỗ trợ; chọn một trong " + strings.Join(AllAwards(), ", ") + "."}}
	}
	if !slices.Contains(awardsFor(kind), award) {
		var msg string
		switch {
		case kind == Household:
			// Luật Điều 74, 75 and the provincial rules give households
			// Giấy khen and Bằng khen; their emulation title is "Gia đình
			// văn hóa" only (QĐ 86/2025/QĐ-UBND Bắc Ninh, Điều 3.3.d, 4.3.c).
			msg = "Hộ gia đình được xét Giấy khen, Bằng khen (chọn " + strings.Join(HouseholdAwards, ", ") + "); danh hiệu thi đua của hộ gia đình chỉ là \"Gia đình văn hóa\", không phải \"" + AwardLabel(award) + "\"."
		case kind == Collective:
			msg = "\"" + AwardLabel(award) + "\" là danh hiệu của cá nhân; chủ thể phải có kind \"individual\"."
		default:
			msg = "\"" + AwardLabel(award) + "\" là danh hiệu của tập thể; chủ thể phải có kind \"collective\"."
		}
		return &thidua.Error{Code: thidua.EINVALID, Message: "Danh hiệu không phù hợp với chủ thể.", Fields: map[string]string{"award": msg}}
	}
	return nil
}

// Evaluate decides whether subject s is eligible for award in year as of
// the date asOf (the evaluation or decision date), under the profile of
// province ("" or "default" for the national rules). It returns EINVALID
// for an unknown province or award, or an award that does not fit the
// subject's kind.
func (e *Engine) Evaluate(s Subject, award string, year int, asOf thidua.Date, province string) (Verdict, error) {
	vs, err := e.evaluate(&s, []string{award}, year, asOf, province)
	if err != nil {
		return Verdict{}, err
	}
	return vs[0], nil
}

// EvaluateAll evaluates every award for the subject's kind, in the order of
// IndividualAwards or CollectiveAwards. Of the titles that cover the same
// year and are not refused, only the best paid carries money (R-TIEN-01).
func (e *Engine) EvaluateAll(s Subject, year int, asOf thidua.Date, province string) ([]Verdict, error) {
	return e.evaluate(&s, nil, year, asOf, province)
}

// EvaluateRequest evaluates a decoded API request.
func (e *Engine) EvaluateRequest(r Request) (Verdict, error) {
	return e.Evaluate(r.Subject, r.Award, r.Year, r.AsOf, r.Province)
}

func (e *Engine) evaluate(s *Subject, awards []string, year int, asOf thidua.Date, province string) ([]Verdict, error) {
	p, err := e.profile(province)
	if err != nil {
		return nil, err
	}
	if province == "" {
		province = "default"
	}
	kind := s.Kind
	if kind == "" {
		kind = Individual
	}
	if awards == nil { // EvaluateAll: the kind's own awards, all valid
		awards = awardsFor(kind)
	} else {
		for _, a := range awards {
			if err := checkAward(a, kind); err != nil {
				return nil, err
			}
		}
	}
	if asOf.IsZero() {
		return nil, &thidua.Error{Code: thidua.EINVALID, Message: "Thiếu ngày xét.", Fields: map[string]string{"as_of": "Vui lòng nhập ngày xét (yyyy-mm-dd hoặc dd/mm/yyyy)."}}
	}
	var f facts
	f.build(s, year, asOf, e.resetAt(asOf))
	en := env{f: &f, params: p.params, tb: &textBuf{b: make([]byte, 0, 256*len(awards))}}
	set := e.ruleSetDocAt(asOf)
	ruleSet := set.ID + "/" + province
	out := make([]Verdict, 0, len(awards))
	plans := make([]*plan, len(awards))
	isoAsOf := asOf.ISO()
	base, okBase := e.baseSalary(asOf)
	muls, mulOK := make([]multiplierDoc, len(awards)), make([]bool, len(awards))
	n := 0
	for i, a := range awards {
		plans[i] = e.plan(p, a, kind, year, asOf)
		n += plans[i].shown
	}
	// n bounds the conditions shown, so the arenas never grow (finished
	// verdicts would keep their own backing arrays if they did).
	x := explained{conds: make([]Condition, 0, n), pcs: make([]*pcond, 0, n), facts: make([]Fact, 0, 4*len(awards)), bools: make([]bool, 0, n)}
	x.text.Grow(1024 * len(awards))
	for i, a := range awards {
		pl := plans[i]
		en.flags, en.details = 0, [4][]string{}
		var oc outcome
		start := len(x.conds)
		code := pl.decide(&en, &x, &oc)
		conds := x.finish(start)
		reasons := oc.all()
		v := Verdict{Award: a, AwardName: pl.label, Year: year, AsOf: isoAsOf, Province: province,
			Verdict: code.String(), Reasons: reasons, RuleSet: ruleSet, Conditions: conds}
		if pl.criteriaSet != "" {
			if cs := pl.criteriaSet + "/" + province; cs != ruleSet {
				v.CriteriaSet = cs
			}
		}
		v.Summary = summary(code, pl.label, year, reasons)
		ct := e.councilFor(p, a, asOf)
		v.CouncilThreshold, v.CouncilCompare, v.CouncilNote = ct.Share, ct.Compare, ct.Note
		table, x, okMul := e.multiplier(a, kind, asOf)
		muls[i], mulOK[i] = x, okMul
		v.Money = e.moneyFor(a, kind, asOf, s, year, base, okBase, table, x, okMul)
		if set.Note != "" {
			v.Notes = append(v.Notes, set.Note)
		}
		if okBase && base.Note != "" && v.Money != nil && v.Money.AmountVND > 0 {
			v.Notes = append(v.Notes, base.Note)
		}
		out = append(out, v)
	}
	samePeriod(out, year, muls, mulOK)
	return out, nil
}

func summary(c Code, label string, year int, reasons []string) string {
	first := ""
	if len(reasons) > 0 {
		first = " " + reasons[0]
	}
	y := itoa(year)
	switch c {
	case CodeEligible:
		return "Đủ điều kiện xét tặng " + label + " năm " + y + "."
	case CodeNotEligible:
		return "Chưa đủ điều kiện xét tặng " + label + " năm " + y + "." + first
	case CodeOnHold:
		return "Tạm hoãn xét tặng " + label + " năm " + y + "." + first
	}
	return "Cần xem xét thêm trước khi đề nghị " + label + " năm " + y + "." + first
}

// Comparisons of a council threshold (R-HD-03): thidua.CompareAtLeast and
// thidua.CompareMoreThan.
const (
	CompareAtLeast  = thidua.CompareAtLeast
	CompareMoreThan = thidua.CompareMoreThan
)

// CouncilThreshold is the vote an award needs from its council (R-HD-03):
// a share of ALL members and how the share of "yes" votes compares with
// it, with the rule, citation and grade it comes from.
type CouncilThreshold struct {
	thidua.Threshold
	Rule     string `json:"rule"`
	Citation string `json:"citation"`
	Grade    string `json:"grade"`
	Note     string `json:"note"`
}

// CouncilThreshold returns the vote award needs as of asOf under the
// province profile (R-HD-03); an award the data names no threshold for
// takes the data's default, a majority of all members.
func (e *Engine) CouncilThreshold(award string, asOf thidua.Date, province string) (CouncilThreshold, error) {
	p, err := e.profile(province)
	if err != nil {
		return CouncilThreshold{}, err
	}
	return e.councilFor(p, award, asOf), nil
}

// DefaultCouncilThreshold is the threshold of the data for an award that
// has none of its own (a majority of all members), as of asOf.
func (e *Engine) DefaultCouncilThreshold(asOf thidua.Date) CouncilThreshold {
	return e.councilFor(nil, "", asOf)
}

type councilKey struct {
	p     *profile
	award string
	entry int
}

func (e *Engine) councilFor(p *profile, award string, asOf thidua.Date) CouncilThreshold {
	entry := -1
	for i, c := range e.council {
		if inRange(asOf, c.from, c.to) {
			entry = i
			break
		}
	}
	if entry < 0 {
		return e.councilAt(p, award, asOf)
	}
	k := councilKey{p, award, entry}
	e.councilMu.RLock()
	t, ok := e.councils[k]
	e.councilMu.RUnlock()
	if ok {
		return t
	}
	t = e.councilAt(p, award, asOf)
	e.councilMu.Lock()
	if e.councils == nil {
		e.councils = map[councilKey]CouncilThreshold{}
	}
	e.councils[k] = t
	e.councilMu.Unlock()
	return t
}

func (e *Engine) councilAt(p *profile, award string, asOf thidua.Date) CouncilThreshold {
	if p != nil {
		if o, ok := p.doc.Council[award]; ok {
			t := CouncilThreshold{Threshold: thidua.Threshold{Share: o.Threshold, Compare: o.Compare}, Rule: "R-HD-03", Citation: o.Citation, Grade: o.Grade}
			t.Note = fmt.Sprintf("R-HD-03: %s tổng số thành viên Hội đồng theo hồ sơ %s (%s; độ tin cậy %s).", t.Text(), p.doc.ID, o.Citation, o.Grade)
			return t
		}
	}
	for _, c := range e.council {
		if !inRange(asOf, c.from, c.to) {
			continue
		}
		if th, ok := c.Thresholds[award]; ok {
			t := CouncilThreshold{Threshold: thidua.Threshold{Share: th.Share, Compare: th.Compare}, Rule: c.Rule, Citation: c.Citation, Grade: c.Grade}
			t.Note = fmt.Sprintf("%s: %s tổng số thành viên Hội đồng, thành viên vắng mặt cho ý kiến bằng văn bản (%s; độ tin cậy %s).", c.Rule, t.Text(), c.Citation, c.Grade)
			if c.Note != "" {
				t.Note += " " + c.Note
			}
			return t
		}
		t := CouncilThreshold{Threshold: thidua.Threshold{Share: c.Default.Share, Compare: c.Default.Compare}, Rule: c.Rule, Citation: c.DefaultNote, Grade: c.Grade}
		t.Note = c.Rule + ": " + t.Text() + " tổng số thành viên: " + c.DefaultNote
		return t
	}
	return CouncilThreshold{Rule: "R-HD-03", Note: "R-HD-03: chưa có dữ liệu tỷ lệ biểu quyết của Hội đồng cho ngày " + asOf.String() + "."}
}

// baseSalary returns the base salary in force on d.
// baseSalary is the base salary in force on d: of the rows whose dates hold
// d, the one that took effect last (a row an administrator adds from a
// date supersedes an open-ended earlier one).
func (e *Engine) baseSalary(d thidua.Date) (baseSalaryDoc, bool) {
	var best baseSalaryDoc
	found := false
	for _, s := range e.salaries {
		if inRange(d, s.from, s.to) && (!found || !s.from.Before(best.from)) {
			best, found = s, true
		}
	}
	return best, found
}

func (e *Engine) multiplier(award, kind string, d thidua.Date) (moneyDoc, multiplierDoc, bool) {
	for _, m := range e.money {
		if !inRange(d, m.from, m.to) {
			continue
		}
		for _, j := range m.byAward[award] {
			if x := &m.Multipliers[j]; x.Subject == kind || x.Subject == "*" {
				return m, *x, true
			}
		}
		return m, multiplierDoc{}, false
	}
	return moneyDoc{}, multiplierDoc{}, false
}

// moneyFor computes the award money as of the decision date asOf (R-TIEN-01,
// R-TIEN-02): multiplier × base salary, rounded up to the next
// rounding_vnd, in integer VND.
// base is the base salary in force on asOf (okBase: there is one), and
// table, x and okMul the award's multiplier (Engine.multiplier).
func (e *Engine) moneyFor(award, kind string, asOf thidua.Date, s *Subject, year int, base baseSalaryDoc, okBase bool, table moneyDoc, x multiplierDoc, okMul bool) *Money {
	if !okMul {
		note := "Chưa có hệ số tiền thưởng của " + AwardLabel(award) + " cho ngày " + asOf.String() + " trong dữ liệu."
		if table.Rule == "" {
			note = "Chưa có bảng hệ số tiền thưởng áp dụng cho ngày " + asOf.String() + " (trước Nghị định 152/2025/NĐ-CP) trong dữ liệu."
		}
		return &Money{BaseSalaryVND: base.AmountVND, Rule: "R-TIEN-02", Note: note}
	}
	mul := x.milli
	m := &Money{Multiplier: float64(mul) / 1000, Rule: table.Rule, Citation: table.Citation}
	if x.Citation != "" {
		m.Citation = x.Citation
	}
	var notes []string
	if lowGrade(x.Grade) {
		notes = append(notes, "Hệ số có độ tin cậy "+x.Grade+": cần kiểm tra.")
	}
	if !okBase {
		notes = append(notes, "Chưa có mức lương cơ sở cho ngày "+asOf.String()+" trong dữ liệu.")
	} else {
		m.BaseSalaryVND = base.AmountVND
		m.AmountVND = RoundUp(base.AmountVND*mul, 1000*table.RoundingVND) / 1000
		if base.Note != "" {
			notes = append(notes, base.Note)
		}
	}
	if x.Period == "year" {
		for i := range s.Titles {
			t := &s.Titles[i]
			if t.Year != year || t.Revoked || t.Code == award {
				continue
			}
			if _, y, ok := e.multiplier(t.Code, kind, asOf); ok && y.Period == "year" {
				if other := y.milli; other > mul {
					m.AmountVND = 0
					notes = append(notes, "Đã được tặng "+AwardLabel(t.Code)+" cho cùng năm "+fmt.Sprint(year)+": chỉ nhận tiền thưởng của danh hiệu cao nhất (R-TIEN-01).")
				}
			}
		}
	}
	m.Note = strings.Join(notes, " ")
	return m
}

// RoundUp rounds x up to the next multiple of unit (x ≥ 0, unit > 0).
func RoundUp(x, unit int64) int64 {
	return (x + unit - 1) / unit * unit
}

// samePeriod keeps, among the titles of one year that are not refused,
// the money of the best paid one only (R-TIEN-01). muls and ok are the
// multipliers of vs' awards (Engine.multiplier).
func samePeriod(vs []Verdict, year int, muls []multiplierDoc, ok []bool) {
	counts := func(i int) bool {
		v := &vs[i]
		return ok[i] && muls[i].Period == "year" && v.Verdict != NotEligible && v.Money != nil && v.Money.AmountVND != 0
	}
	best, bestMul := -1, int64(-1)
	for i := range vs {
		if !counts(i) {
			continue
		}
		if m := muls[i].milli; m > bestMul {
			best, bestMul = i, m
		}
	}
	if best < 0 {
		return
	}
	for i := range vs {
		if i == best || !counts(i) {
			continue
		}
		v := &vs[i]
		v.Money.AmountVND = 0
		v.Money.Note = strings.TrimSpace(v.Money.Note + " Cùng năm " + fmt.Sprint(year) + " được xét " + AwardLabel(vs[best].Award) + ": chỉ nhận tiền thưởng của danh hiệu cao nhất (R-TIEN-01).")
	}
}

// Checker evaluates many subjects quickly, returning verdict codes only.
// It reuses its buffers, so it is not safe for concurrent use: make one per
// goroutine.
type Checker struct {
	e   *Engine
	p   *profile
	f   facts
	env env
	// The plan index of the last year and date seen.
	lastYear  int
	lastAsOf  thidua.Date
	lastAt    int
	lastReset bool
	// pureNeeds is, by kind, the pure values the plans of lastAt read;
	// plans are those plans, in the order of the kind's awards.
	pureNeeds [3]uint64
	plans     [3][]*plan
	ready     bool // the fields above are set
}

// NewChecker returns a Checker for a province profile.
func (e *Engine) NewChecker(province string) (*Checker, error) {
	p, err := e.profile(province)
	if err != nil {
		return nil, err
	}
	c := &Checker{e: e, p: p}
	c.env = env{f: &c.f, params: p.params, memc: make([]memoCell, e.memos)}
	return c, nil
}

// Check appends to out the verdict code of every award for the subject's
// kind (in the order of IndividualAwards or CollectiveAwards) and returns
// it. The codes are those Evaluate gives.
func (c *Checker) Check(s *Subject, year int, asOf thidua.Date, out []Code) []Code {
	if !c.ready || year != c.lastYear || asOf != c.lastAsOf {
		c.ready = true
		n := len(c.e.bounds) + 1
		c.lastYear, c.lastAsOf = year, asOf
		c.lastAt = c.e.interval(thidua.NewDate(year, 12, 31))*n + c.e.interval(asOf)
		c.lastReset = c.e.resetAt(asOf)
		for ki := range c.p.plans {
			c.pureNeeds[ki] = 0
			c.plans[ki] = c.plans[ki][:0]
			for _, plans := range c.p.plans[ki] {
				c.pureNeeds[ki] |= plans[c.lastAt].pureNeeds
				c.plans[ki] = append(c.plans[ki], plans[c.lastAt])
			}
		}
	}
	c.f.build(s, year, asOf, c.lastReset)
	c.env.next()
	kind := s.Kind
	if kind == "" {
		kind = Individual
	}
	ki := kindIndex(kind)
	// The pure values every plan of the kind reads, once per subject.
	var pure uint64
	for m := c.pureNeeds[ki]; m != 0; m &= m - 1 {
		b := bits.TrailingZeros64(m)
		if c.e.pure[b].b(&c.env) {
			pure |= 1 << b
		}
	}
	for _, pl := range c.plans[ki] {
		c.env.flags = 0
		out = append(out, pl.check(&c.env, pure))
	}
	return out
}

// Evaluate is Default().Evaluate.
func Evaluate(s Subject, award string, year int, asOf thidua.Date, province string) (Verdict, error) {
	return Default().Evaluate(s, award, year, asOf, province)
}

// EvaluateAll is Default().EvaluateAll.
func EvaluateAll(s Subject, year int, asOf thidua.Date, province string) ([]Verdict, error) {
	return Default().EvaluateAll(s, year, asOf, province)
}
