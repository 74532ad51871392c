package rules

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"thidua"
)

//go:embed data
var dataFS embed.FS

// Condition kinds in rule files.
const (
	kindRequire  = "require"   // the expression must hold
	kindJudge    = "judge"     // a qualitative criterion a person must judge
	kindAttest   = "attest"    // a qualitative criterion the council confirms at its review of every candidate
	kindHold     = "hold"      // when the expression holds, the case is on hold
	kindReviewIf = "review_if" // when the expression holds, a person must review
	kindNote     = "note"      // when the expression holds, the verdict carries the note
)

// Bases for picking the rule version in force.
const (
	basisYear = "year"  // the rules in force on 31/12 of the assessment year (titles)
	basisAsOf = "as_of" // the rules in force on the evaluation date (forms, principles)
)

type ruleFile struct {
	Rules []ruleDoc `json:"rules"`
}

type ruleDoc struct {
	ID            string            `json:"id"`
	Award         string            `json:"award"`
	Subject       string            `json:"subject"`
	EffectiveFrom string            `json:"effective_from"`
	EffectiveTo   string            `json:"effective_to"`
	Basis         string            `json:"basis"`
	Document      string            `json:"document"`
	Article       string            `json:"article"`
	Clause        string            `json:"clause"`
	Point         string            `json:"point"`
	Grade         string            `json:"grade"`
	Title         string            `json:"title"`
	Text          string            `json:"text"`
	Note          string            `json:"note"`
	Groups        map[string]string `json:"groups"`
	Conditions    []condDoc         `json:"conditions"`
}

type condDoc struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Expr string `json:"expr"`
	// When, if set, is a CEL expression: the condition applies only to
	// subjects for which it holds (e.g. "worker_farmer" for R-LDTT-02);
	// otherwise it is neither checked nor listed.
	When     string `json:"when"`
	Text     string `json:"text"`
	Group    string `json:"group"`
	Grade    string `json:"grade"`
	Point    string `json:"point"`
	Citation string `json:"citation"`
}

type procedureDoc struct {
	RuleSets   []ruleSetDoc    `json:"rule_sets"`
	BaseSalary []baseSalaryDoc `json:"base_salary"`
	Money      []moneyDoc      `json:"money"`
	Council    []councilDoc    `json:"council"`
}

type ruleSetDoc struct {
	from, to      thidua.Date // parsed effective dates
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	EffectiveFrom string      `json:"effective_from"`
	EffectiveTo   string      `json:"effective_to"`
	// Grade is the confidence in the rule set's text (empty: not graded
	// apart from its rules); Note, when set, is added to every verdict
	// judged under it (e.g. an amendment whose text was not seen).
	Grade string `json:"grade"`
	Note  string `json:"note"`
	// DisciplineReset applies R-GEN-06's reset of the counting window to
	// the facts; see Engine.resetAt.
	DisciplineReset bool `json:"discipline_reset"`
}

type baseSalaryDoc struct {
	from, to      thidua.Date // parsed effective dates
	EffectiveFrom string      `json:"effective_from"`
	EffectiveTo   string      `json:"effective_to"`
	AmountVND     int64       `json:"amount_vnd"`
	Citation      string      `json:"citation"`
	Grade         string      `json:"grade"`
	Note          string      `json:"note"`
}

type moneyDoc struct {
	from, to      thidua.Date     // parsed effective dates
	EffectiveFrom string          `json:"effective_from"`
	EffectiveTo   string          `json:"effective_to"`
	Rule          string          `json:"rule"`
	Citation      string          `json:"citation"`
	Grade         string          `json:"grade"`
	Note          string          `json:"note"`
	RoundingVND   int64           `json:"rounding_vnd"`
	Multipliers   []multiplierDoc `json:"multipliers"`
	// byAward lists, by award, the indexes of its rows in Multipliers.
	byAward map[string][]int
}

type multiplierDoc struct {
	Award      string      `json:"award"`
	Subject    string      `json:"subject"`
	Multiplier json.Number `json:"multiplier"`
	// Period "year" marks titles that cover one year: of those given for
	// the same year only the highest is paid (R-TIEN-01).
	Period   string `json:"period"`
	Citation string `json:"citation"`
	Grade    string `json:"grade"`
	// milli is Multiplier in thousandths, parsed once at load.
	milli int64
}

type councilDoc struct {
	from, to      thidua.Date             // parsed effective dates
	EffectiveFrom string                  `json:"effective_from"`
	EffectiveTo   string                  `json:"effective_to"`
	Rule          string                  `json:"rule"`
	Citation      string                  `json:"citation"`
	Grade         string                  `json:"grade"`
	Note          string                  `json:"note"`
	Thresholds    map[string]thresholdDoc `json:"thresholds"`
	Default       thresholdDoc            `json:"default"`
	DefaultNote   string                  `json:"default_note"`
}

// thresholdDoc is a council vote threshold (R-HD-03): the share of ALL
// members and how the share of "yes" votes compares with it, as the text
// says: ">=" for "từ … trở lên", ">" for "quá bán" (more than half).
type thresholdDoc struct {
	Share   float64 `json:"share"`
	Compare string  `json:"compare"`
}

func (t thresholdDoc) check() error {
	if t.Share <= 0 || t.Share > 1 {
		return fmt.Errorf("share %v must be in (0, 1]", t.Share)
	}
	if t.Compare != CompareAtLeast && t.Compare != CompareMoreThan {
		return fmt.Errorf("compare %q must be %q or %q", t.Compare, CompareAtLeast, CompareMoreThan)
	}
	return nil
}

type provinceDoc struct {
	ID      string                     `json:"id"`
	Name    string                     `json:"name"`
	Source  string                     `json:"source"`
	Params  map[string]paramDoc        `json:"params"`
	Rules   map[string]ruleOverrideDoc `json:"rules"`
	Council map[string]councilOverride `json:"council"`
}

type paramDoc struct {
	Value    json.RawMessage `json:"value"`
	Grade    string          `json:"grade"`
	Citation string          `json:"citation"`
	Text     string          `json:"text"`
}

type ruleOverrideDoc struct {
	Grade    string `json:"grade"`
	Citation string `json:"citation"`
}

type councilOverride struct {
	Threshold float64 `json:"threshold"`
	Compare   string  `json:"compare"`
	Citation  string  `json:"citation"`
	Grade     string  `json:"grade"`
}

// rule is a loaded rule.
type rule struct {
	ruleDoc
	file     string
	from, to thidua.Date // zero: open
	conds    []*cond
}

// appliesTo reports whether the rule is for subjects of kind: its subject
// is "*", the kind, or a comma-separated list holding it.
func (r *rule) appliesTo(kind string) bool {
	if r.Subject == "*" || r.Subject == kind {
		return true
	}
	for _, k := range strings.Split(r.Subject, ",") {
		if k == kind {
			return true
		}
	}
	return false
}

// cond is a loaded, compiled condition.
type cond struct {
	// memo and whenMemo are the slots of the Checker's per-subject memo
	// for expr and when (env.memo), shared by every condition of the same
	// text, or -1 for one that reads what changes between awards.
	memo, whenMemo int32
	// exprBit and whenBit are the bits of expr and when among the
	// engine's pure expressions (Engine.pure): -1 without one, -2 when it
	// is not pure (it calls a fact function or reads flags).
	exprBit, whenBit int8
	rule             *rule
	doc              condDoc
	kind             uint8 // kRequire…, from doc.Kind
	expr             *node // nil for judge and attest
	when             *node // nil: applies to every subject
	group            string
}

const (
	kRequire uint8 = iota + 1
	kJudge
	kAttest
	kHold
	kReviewIf
	kNote
)

var kindCodes = map[string]uint8{kindRequire: kRequire, kindJudge: kJudge, kindAttest: kAttest, kindHold: kHold, kindReviewIf: kReviewIf, kindNote: kNote}

// Engine evaluates eligibility with a loaded set of rules. It is safe for
// concurrent use.
type Engine struct {
	rules     []*rule
	sets      []ruleSetDoc
	salaries  []baseSalaryDoc
	money     []moneyDoc
	council   []councilDoc
	provinces map[string]*profile
	order     []string // province ids, default first
	bounds    []thidua.Date
	paramKind map[string]paramDecl
	// src is the rule tree the engine was loaded from (WithFiles).
	src fs.FS
	// memos is the number of memoized conditions (cond.memo).
	memos int
	// pure holds the pure expressions by bit (cond.exprBit).
	pure []*node
	// councils caches councilFor's answers, which depend only on the
	// profile, the award and the council entry in force.
	councilMu sync.RWMutex
	councils  map[councilKey]CouncilThreshold
}

type profile struct {
	doc    provinceDoc
	params []float64
	grades map[string]string // param name → grade
	cites  map[string]string // param name → citation
	plans  [3][][]*plan      // see buildPlans
	// pconds holds each condition as this profile grades and cites it,
	// built once and shared by every plan it appears in (the same
	// condition is in the plans of many date spans).
	pconds map[*cond]*pcond
}

var (
	defaultOnce sync.Once
	defaultEng  *Engine
	defaultErr  error
)

// Default returns the engine loaded from the embedded rule files. The
// files are tested, so an error here is a build defect; it panics.
func Default() *Engine {
	defaultOnce.Do(func() {
		defaultEng, defaultErr = Load(Embedded())
	})
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultEng
}

// Load reads rule files from fsys: procedure.json, rules/*.json and
// provinces/*.json (provinces/default.json is required). Every condition is
// type-checked and compiled; the first problem found is returned with the
// file, rule and condition it is in.
func Load(fsys fs.FS) (*Engine, error) {
	e := &Engine{provinces: map[string]*profile{}, src: fsys}
	var proc procedureDoc
	if err := readJSON(fsys, "procedure.json", &proc); err != nil {
		return nil, err
	}
	// Base salary rows an administrator adds (base_salary/*.json, each a
	// list of rows): dated data, no rebuild. A later row supersedes an
	// earlier one from its effective date (Engine.baseSalary).
	added, err := fs.Glob(fsys, "base_salary/*.json")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	for _, name := range added {
		var rows []baseSalaryDoc
		if err := readJSON(fsys, name, &rows); err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, fmt.Errorf("rules: %s: no base salary row", sourceName(fsys, name))
		}
		for _, r := range rows {
			if !validGrade(r.Grade) || r.Citation == "" || r.AmountVND <= 0 {
				return nil, fmt.Errorf("rules: %s: a base salary row needs a positive amount_vnd, a citation and a grade (A, B, C or X)", sourceName(fsys, name))
			}
		}
		proc.BaseSalary = append(proc.BaseSalary, rows...)
	}
	if err := e.loadProcedure(proc); err != nil {
		return nil, fmt.Errorf("rules: %s: %w", sourceName(fsys, "procedure.json"), err)
	}
	if err := e.loadProvinces(fsys); err != nil {
		return nil, err
	}
	comp, err := newCompiler(e.paramKind)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	names, err := fs.Glob(fsys, "rules/*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("rules: no rule files in rules/")
	}
	seen := map[string]string{}
	for _, name := range names {
		var rf ruleFile
		if err := readJSON(fsys, name, &rf); err != nil {
			return nil, err
		}
		for i := range rf.Rules {
			r := &rule{ruleDoc: rf.Rules[i], file: name}
			if err := e.loadRule(comp, r); err != nil {
				id := r.ID
				if id == "" {
					id = "#" + strconv.Itoa(i+1)
				}
				return nil, fmt.Errorf("rules: %s: rule %s: %w", sourceName(fsys, name), id, err)
			}
			key := r.ID + "|" + r.Award + "|" + r.Subject + "|" + r.EffectiveFrom
			if prev, ok := seen[key]; ok {
				return nil, fmt.Errorf("rules: %s: rule %s for %s from %q is also in %s", sourceName(fsys, name), r.ID, r.Award, r.EffectiveFrom, sourceName(fsys, prev))
			}
			seen[key] = name
			e.rules = append(e.rules, r)
		}
	}
	for _, p := range e.provinces {
		for id := range p.doc.Rules {
			if !e.hasRule(id) {
				return nil, fmt.Errorf("rules: %s: override for unknown rule %s", sourceName(fsys, "provinces/"+p.doc.ID+".json"), id)
			}
		}
	}
	// Every expression that reads only the subject's facts gets a memo
	// slot, one per distinct text: the fast path evaluates it once per
	// subject for all the awards that use it.
	// A text only one condition has is read at most once per subject: no
	// slot.
	uses := map[string]int{}
	for _, r := range e.rules {
		for _, c := range r.conds {
			uses[c.doc.Expr]++
			uses[c.doc.When]++
		}
	}
	slots := map[string]int32{}
	slot := func(src string, n *node) int32 {
		if n == nil || n.reads || uses[src] < 2 {
			return -1
		}
		s, ok := slots[src]
		if !ok {
			s = int32(len(slots))
			slots[src] = s
		}
		return s
	}
	for _, r := range e.rules {
		for _, c := range r.conds {
			c.memo, c.whenMemo = slot(c.doc.Expr, c.expr), slot(c.doc.When, c.when)
		}
	}
	e.memos = len(slots)
	// Pure expressions (no fact function, no flag: no side effect, and
	// cheap) get a bit, one per distinct text, up to 64: the Checker
	// evaluates those its plans read once per subject, before any plan.
	bits := map[string]int8{}
	bit := func(src string, n *node) int8 {
		if n == nil {
			return -1
		}
		if n.volatile {
			return -2
		}
		b, ok := bits[src]
		if !ok {
			if len(e.pure) == 64 {
				return -2
			}
			b = int8(len(e.pure))
			bits[src] = b
			e.pure = append(e.pure, n)
		}
		return b
	}
	for _, r := range e.rules {
		for _, c := range r.conds {
			c.exprBit, c.whenBit = bit(c.doc.Expr, c.expr), bit(c.doc.When, c.when)
		}
	}
	e.buildBounds()
	e.buildPlans()
	return e, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("rules: %s: %w", sourceName(fsys, name), err)
	}
	return nil
}

func parseDate(s string) (thidua.Date, error) {
	if s == "" {
		return thidua.Date{}, nil
	}
	return thidua.ParseDate(s)
}

func validGrade(g string) bool { return g == "A" || g == "B" || g == "C" || g == "X" }

// worse returns the weaker of two grades (A > B > C > X).
func worse(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" || a >= b { // "A" < "B" < "C" < "X" as strings
		return a
	}
	return b
}

func lowGrade(g string) bool { return g == "C" || g == "X" }

func checkRange(from, to string) (thidua.Date, thidua.Date, error) {
	f, err := parseDate(from)
	if err != nil {
		return f, f, fmt.Errorf("effective_from: %w", err)
	}
	t, err := parseDate(to)
	if err != nil {
		return f, t, fmt.Errorf("effective_to: %w", err)
	}
	if !f.IsZero() && !t.IsZero() && t.Before(f) {
		return f, t, errors.New("effective_to is before effective_from")
	}
	return f, t, nil
}

func inRange(d, from, to thidua.Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !to.Before(d))
}

func (e *Engine) loadProcedure(p procedureDoc) error {
	if len(p.RuleSets) == 0 {
		return errors.New("no rule_sets")
	}
	var err error
	for i := range p.RuleSets {
		s := &p.RuleSets[i]
		if s.from, s.to, err = checkRange(s.EffectiveFrom, s.EffectiveTo); err != nil {
			return fmt.Errorf("rule set %s: %w", s.ID, err)
		}
		if s.Grade != "" && !validGrade(s.Grade) {
			return fmt.Errorf("rule set %s: bad grade %q", s.ID, s.Grade)
		}
	}
	for i := range p.BaseSalary {
		s := &p.BaseSalary[i]
		if s.from, s.to, err = checkRange(s.EffectiveFrom, s.EffectiveTo); err != nil {
			return fmt.Errorf("base_salary: %w", err)
		}
		if s.AmountVND <= 0 {
			return errors.New("base_salary: amount_vnd must be positive")
		}
	}
	for i := range p.Money {
		m := &p.Money[i]
		if m.from, m.to, err = checkRange(m.EffectiveFrom, m.EffectiveTo); err != nil {
			return fmt.Errorf("money: %w", err)
		}
		if m.RoundingVND <= 0 {
			return errors.New("money: rounding_vnd must be positive")
		}
		m.byAward = map[string][]int{}
		for j := range m.Multipliers {
			x := &m.Multipliers[j]
			m.byAward[x.Award] = append(m.byAward[x.Award], j)
			if x.milli, err = milli(x.Multiplier); err != nil {
				return fmt.Errorf("money: %s: %w", x.Award, err)
			}
			if !knownAward(x.Award) {
				return fmt.Errorf("money: unknown award %s", x.Award)
			}
		}
	}
	for i := range p.Council {
		c := &p.Council[i]
		if c.from, c.to, err = checkRange(c.EffectiveFrom, c.EffectiveTo); err != nil {
			return fmt.Errorf("council: %w", err)
		}
		for a, t := range c.Thresholds {
			if !knownAward(a) {
				return fmt.Errorf("council: unknown award %s", a)
			}
			if err := t.check(); err != nil {
				return fmt.Errorf("council: threshold %s: %w", a, err)
			}
		}
		if err := c.Default.check(); err != nil {
			return fmt.Errorf("council: default: %w", err)
		}
	}
	e.sets, e.salaries, e.money, e.council = p.RuleSets, p.BaseSalary, p.Money, p.Council
	return nil
}

// milli parses a decimal multiplier exactly into thousandths.
func milli(n json.Number) (int64, error) {
	s := string(n)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 3 {
		return 0, fmt.Errorf("multiplier %s has more than 3 decimals", s)
	}
	frac += strings.Repeat("0", 3-len(frac))
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w < 0 {
		return 0, fmt.Errorf("bad multiplier %q", s)
	}
	return w*1000 + f, nil
}

func knownAward(code string) bool {
	return titleIndex(code) >= 0 || formIndex(code) >= 0 || code == AwardAHLD || code == AwardKNC
}

func (e *Engine) loadProvinces(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "provinces/*.json")
	if err != nil {
		return err
	}
	docs := map[string]provinceDoc{}
	for _, name := range names {
		var p provinceDoc
		if err := readJSON(fsys, name, &p); err != nil {
			return err
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); p.ID != want {
			return fmt.Errorf("rules: %s: id %q must match the file name", sourceName(fsys, name), p.ID)
		}
		docs[p.ID] = p
	}
	def, ok := docs["default"]
	if !ok {
		return errors.New("rules: provinces/default.json is missing")
	}
	// The default profile declares every parameter and its type.
	e.paramKind = map[string]paramDecl{}
	var pnames []string
	for name := range def.Params {
		pnames = append(pnames, name)
	}
	sort.Strings(pnames)
	for i, name := range pnames {
		k, _, err := paramValue(def.Params[name].Value)
		if err != nil {
			return fmt.Errorf("rules: provinces/default.json: param %s: %w", name, err)
		}
		e.paramKind[name] = paramDecl{slot: i, kind: k}
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		if id != "default" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	e.order = append([]string{"default"}, ids...)
	for _, id := range e.order {
		doc := docs[id]
		p := &profile{doc: doc, params: make([]float64, len(pnames)), grades: map[string]string{}, cites: map[string]string{}}
		for _, src := range []provinceDoc{def, doc} {
			for name, pd := range src.Params {
				decl, ok := e.paramKind[name]
				if !ok {
					return fmt.Errorf("rules: %s: unknown param %s (declare it in default.json)", sourceName(fsys, "provinces/"+id+".json"), name)
				}
				k, v, err := paramValue(pd.Value)
				if err != nil || k != decl.kind {
					return fmt.Errorf("rules: %s: param %s must be a %s", sourceName(fsys, "provinces/"+id+".json"), name, decl.kind)
				}
				if !validGrade(pd.Grade) {
					return fmt.Errorf("rules: %s: param %s: grade must be A, B, C or X", sourceName(fsys, "provinces/"+id+".json"), name)
				}
				p.params[decl.slot] = v
				p.grades[name] = pd.Grade
				p.cites[name] = pd.Citation
			}
		}
		for rid, o := range doc.Rules {
			if o.Grade != "" && !validGrade(o.Grade) {
				return fmt.Errorf("rules: %s: rule %s: bad grade %q", sourceName(fsys, "provinces/"+id+".json"), rid, o.Grade)
			}
		}
		for a, c := range doc.Council {
			if !knownAward(a) || !validGrade(c.Grade) {
				return fmt.Errorf("rules: %s: bad council override for %s", sourceName(fsys, "provinces/"+id+".json"), a)
			}
			if err := (thresholdDoc{Share: c.Threshold, Compare: c.Compare}).check(); err != nil {
				return fmt.Errorf("rules: %s: council override for %s: %w", sourceName(fsys, "provinces/"+id+".json"), a, err)
			}
		}
		e.provinces[id] = p
	}
	return nil
}

func paramValue(raw json.RawMessage) (kind, float64, error) {
	s := strings.TrimSpace(string(raw))
	switch s {
	case "true":
		return kBool, 1, nil
	case "false":
		return kBool, 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 0, fmt.Errorf("value must be a number or true/false")
	}
	if strings.ContainsAny(s, ".eE") {
		return kDouble, v, nil
	}
	return kInt, v, nil
}

func (e *Engine) hasRule(id string) bool {
	for _, r := range e.rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func (e *Engine) loadRule(comp *compiler, r *rule) error {
	if !strings.HasPrefix(r.ID, "R-") {
		return errors.New("id must start with R-")
	}
	if r.Award != "*" && !knownAward(r.Award) {
		return fmt.Errorf("unknown award %q", r.Award)
	}
	for _, k := range strings.Split(r.Subject, ",") {
		if k != Individual && k != Collective && k != Household && (k != "*" || r.Subject != "*") {
			return fmt.Errorf("subject must be individual, collective, household, a comma-separated list of them, or *")
		}
	}
	if r.Basis != basisYear && r.Basis != basisAsOf {
		return fmt.Errorf("basis must be %q or %q", basisYear, basisAsOf)
	}
	if !validGrade(r.Grade) {
		return errors.New("grade must be A, B, C or X")
	}
	if r.Document == "" || r.Text == "" {
		return errors.New("document and text are required")
	}
	var err error
	if r.from, r.to, err = checkRange(r.EffectiveFrom, r.EffectiveTo); err != nil {
		return err
	}
	if len(r.Conditions) == 0 {
		return errors.New("a rule needs at least one condition")
	}
	ids := map[string]bool{}
	for i, cd := range r.Conditions {
		c := &cond{rule: r, doc: cd, group: cd.Group, kind: kindCodes[cd.Kind], memo: -1, whenMemo: -1}
		where := "condition " + cd.ID
		if cd.ID == "" || ids[cd.ID] {
			return fmt.Errorf("condition #%d: id missing or repeated", i+1)
		}
		ids[cd.ID] = true
		if cd.Text == "" {
			return fmt.Errorf("%s: text is required", where)
		}
		if cd.Grade != "" && !validGrade(cd.Grade) {
			return fmt.Errorf("%s: bad grade %q", where, cd.Grade)
		}
		if cd.Group != "" && r.Groups[cd.Group] == "" {
			return fmt.Errorf("%s: group %q has no text in the rule's groups", where, cd.Group)
		}
		switch cd.Kind {
		case kindRequire, kindHold, kindReviewIf, kindNote:
			if cd.Expr == "" {
				return fmt.Errorf("%s: expr is required for kind %s", where, cd.Kind)
			}
			n, err := comp.compileBool(cd.Expr)
			if err != nil {
				return fmt.Errorf("%s: expr %q: %w", where, cd.Expr, err)
			}
			c.expr = n
		case kindJudge, kindAttest:
			if cd.Expr != "" {
				return fmt.Errorf("%s: kind %s takes no expr", where, cd.Kind)
			}
		default:
			return fmt.Errorf("%s: unknown kind %q", where, cd.Kind)
		}
		if cd.When != "" {
			n, err := comp.compileBool(cd.When)
			if err != nil {
				return fmt.Errorf("%s: when %q: %w", where, cd.When, err)
			}
			c.when = n
		}
		if cd.Group != "" && cd.Kind != kindRequire && cd.Kind != kindJudge {
			return fmt.Errorf("%s: only require and judge conditions may be in a group", where)
		}
		r.conds = append(r.conds, c)
	}
	return nil
}

// citation renders the rule's citation with the condition's point.
func (c *cond) citation() string {
	if c.doc.Citation != "" {
		return c.doc.Citation
	}
	r := c.rule
	parts := []string{r.Document}
	for _, p := range []string{r.Article, r.Clause} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	switch {
	case c.doc.Point != "":
		parts = append(parts, c.doc.Point)
	case r.Point != "":
		parts = append(parts, r.Point)
	}
	return strings.Join(parts, ", ")
}

func (e *Engine) buildBounds() {
	seen := map[thidua.Date]bool{}
	add := func(d thidua.Date, next bool) {
		if d.IsZero() {
			return
		}
		if next {
			d = thidua.DateOf(d.Time().AddDate(0, 0, 1))
		}
		if !seen[d] {
			seen[d] = true
			e.bounds = append(e.bounds, d)
		}
	}
	for _, r := range e.rules {
		add(r.from, false)
		add(r.to, true)
	}
	sort.Slice(e.bounds, func(i, j int) bool { return e.bounds[i].Before(e.bounds[j]) })
}

// interval returns the index of the interval between rule dates that d
// falls in; within an interval the same rules are in force.
func (e *Engine) interval(d thidua.Date) int {
	return sort.Search(len(e.bounds), func(i int) bool { return d.Before(e.bounds[i]) })
}

// representative returns a date inside interval i.
func (e *Engine) representative(i int) thidua.Date {
	if i == 0 {
		if len(e.bounds) == 0 {
			return thidua.NewDate(2000, 1, 1)
		}
		return thidua.DateOf(e.bounds[0].Time().AddDate(0, 0, -1))
	}
	return e.bounds[i-1]
}

// Provinces lists the province profiles, "default" first.
func (e *Engine) Provinces() []thidua.Option {
	out := make([]thidua.Option, len(e.order))
	for i, id := range e.order {
		out[i] = thidua.Option{Code: id, Label: e.provinces[id].doc.Name}
	}
	return out
}
