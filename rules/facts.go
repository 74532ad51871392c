package rules

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"thidua"
)

// This file computes the facts conditions read, once per subject, year and
// date, and declares the names (variables and functions) CEL conditions
// use to read them.
//
// Years are kept as bit masks relative to the assessment year Y: bit k
// stands for year Y-k, for the horizon of 32 years up to Y. Records outside
// the horizon, after Y, or before the counting window (R-GEN-06: after a
// discipline, only achievements from the first full calendar year after its
// end count) are left out. Revoked titles and awards count nowhere
// (R-GEN-08). A year that touches statutory maternity leave and has no
// record of the kind a chain needs neither breaks the chain nor adds to it
// (R-GEN-07).

const horizon = 32

var titleCodes = []string{
	thidua.TitleLDTT, thidua.TitleCSTT, thidua.TitleCSTDCS, thidua.TitleCSTDT, thidua.TitleCSTDTQ,
	thidua.TitleTTLDTT, thidua.TitleTTLDXS, thidua.TitleCTT, thidua.TitleCTCP,
}

var formCodes = []string{
	thidua.FormGK, thidua.FormBKCT, thidua.FormBKBN, thidua.FormBKTTG,
	thidua.FormHCLD3, thidua.FormHCLD2, thidua.FormHCLD1,
}

// titleIndex returns the index of code in titleCodes, or -1. It is on the
// hot path of every evaluation: a switch on constants, which the compiler
// turns into a length test and word compares without a call.
func titleIndex(code string) int {
	switch code {
	case thidua.TitleLDTT:
		return 0
	case thidua.TitleCSTT:
		return 1
	case thidua.TitleCSTDCS:
		return 2
	case thidua.TitleCSTDT:
		return 3
	case thidua.TitleCSTDTQ:
		return 4
	case thidua.TitleTTLDTT:
		return 5
	case thidua.TitleTTLDXS:
		return 6
	case thidua.TitleCTT:
		return 7
	case thidua.TitleCTCP:
		return 8
	}
	return -1
}

func formIndex(code string) int {
	switch code {
	case thidua.FormGK:
		return 0
	case thidua.FormBKCT:
		return 1
	case thidua.FormBKBN:
		return 2
	case thidua.FormBKTTG:
		return 3
	case thidua.FormHCLD3:
		return 4
	case thidua.FormHCLD2:
		return 5
	case thidua.FormHCLD1:
		return 6
	}
	return -1
}

type awardFact struct {
	form    int8
	merit   bool // counts toward công trạng (not đột xuất / chuyên đề)
	revoked bool
	year    int
	ref     *thidua.Award
}

// Initiative use states.
const (
	initFree = iota
	initByTitle
	initByForm
)

type initFact struct {
	year     int
	level    int
	research bool
	use      int
	ref      *thidua.Initiative
}

// facts is everything conditions read about one subject for one year.
type facts struct {
	s           *Subject
	year        int
	asOf        thidua.Date
	discStart   int // first year after the latest discipline, 0 when none
	windowStart int // discStart when the reset applies, else 0
	// cut is the first year that counts in the facts: windowStart, or 0
	// when the assessment year itself falls before it. Then the R-GEN-06
	// window condition refuses the year, and the criteria are shown on the
	// history as entered rather than emptied.
	cut     int
	reset   bool
	win     uint32 // years inside the counting window
	discEnd thidua.Date

	rating    [horizon]int8
	hasRating uint32
	ratingGE  [5]uint32 // ratingGE[r]: years rated r or better
	mater     uint32    // years touching maternity leave
	title     [9]uint32
	revTitle  [9]uint32 // revoked titles, for explanations
	female    bool
	pending   bool
	// worker is true for công nhân, nông dân, người lao động outside the
	// public service (R-LDTT-02).
	worker     bool
	posthumous bool
	regKnown   bool // registrations are known (R-CAMP-04)
	registered bool // registered for the assessment year
	leads      bool // led its cluster or bloc in the assessment year (R-CAMP-06)

	// Memo of ratingRun.
	runDone    uint8
	runGot     [5]uint32
	runBridged [5]uint32

	awards []awardFact
	inits  []initFact

	// Collective: aggregates over members for the year (members.go).
	mem          MemberFacts
	discInTenure bool
	tenure       [5]int // tenure[r]: months in leadership posts of rank r or higher
}

// build fills f for subject s, year y and date asOf, reusing f's buffers.
// With reset, years before the window that a discipline opens are left out
// of every fact; without it they count and only window_start tells.
func (f *facts) build(s *Subject, y int, asOf thidua.Date, reset bool) {
	awards, inits := f.awards[:0], f.inits[:0]
	*f = facts{s: s, year: y, asOf: asOf, awards: awards, inits: inits}
	f.female = s.Gender == Female
	f.pending = s.PendingProceedings

	// R-GEN-06: the counting window starts after the latest discipline.
	for i := range s.Disciplines {
		d := &s.Disciplines[i]
		if d.From.IsZero() || asOf.Before(d.From) {
			continue
		}
		// Still in effect (no end, or ending after asOf): nothing up to
		// the later of y and asOf's year counts yet.
		start := max(y, asOf.Year()) + 1
		if !d.To.IsZero() && !asOf.Before(d.To) {
			start = d.To.Year() + 1
		}
		if start > f.discStart {
			f.discStart = start
			f.discEnd = d.To
		}
	}
	f.reset = reset
	if reset {
		f.windowStart = f.discStart
	}
	if f.windowStart <= y {
		f.cut = f.windowStart
	}
	f.win = rangeMask(y, max(y-horizon+1, f.cut), y)
	f.worker = s.Occupation != ""
	f.posthumous = s.Posthumous
	if s.Registrations != nil {
		f.regKnown = true
		f.registered = slices.Contains(s.Registrations, y)
	}
	f.leads = slices.Contains(s.ClusterLeads, y)

	for i := range s.Ratings {
		r := &s.Ratings[i]
		k := y - r.Year
		if k < 0 || k >= horizon || f.win&(1<<k) == 0 {
			continue
		}
		rank := thidua.RatingRank(r.Code)
		f.rating[k] = int8(rank)
		f.hasRating |= 1 << k
		f.ratingGE[rank] |= 1 << k // exactly rank, for now
	}
	// A year rated r or better: the years rated exactly r, r+1, … (a
	// later record of a year replaces the earlier one in rating but both
	// were added here, as before).
	for g := 3; g >= 1; g-- {
		f.ratingGE[g] |= f.ratingGE[g+1]
	}
	f.ratingGE[0] = 0
	for i := range s.Titles {
		t := &s.Titles[i]
		k := y - t.Year
		c := titleIndex(t.Code)
		if k < 0 || k >= horizon || c < 0 || f.win&(1<<k) == 0 {
			continue
		}
		if t.Revoked {
			f.revTitle[c] |= 1 << k
			continue
		}
		f.title[c] |= 1 << k
	}
	for i := range s.MaternityLeave {
		p := s.MaternityLeave[i]
		from, to := p.From.Year(), y
		if !p.To.IsZero() {
			to = min(p.To.Year(), y)
		}
		if from <= to {
			f.mater |= rangeMask(y, from, to)
		}
	}
	f.mater &= f.win
	for i := range s.Awards {
		a := &s.Awards[i]
		fi := formIndex(a.Code)
		if fi < 0 || a.Date.IsZero() || asOf.Before(a.Date) {
			continue
		}
		f.awards = append(f.awards, awardFact{form: int8(fi), merit: thidua.CountsForMerit(a.Type), revoked: a.Revoked, year: a.Date.Year(), ref: a})
	}
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		if in.Year > y || in.Year < f.cut {
			continue
		}
		use := initFree
		if in.ConsumedBy != "" {
			use = initByForm
			if consumedByTitle(in.ConsumedBy) {
				use = initByTitle
			}
		}
		f.inits = append(f.inits, initFact{year: in.Year, level: thidua.LevelRank(in.Level), research: in.Kind == thidua.InitiativeDeTai, use: use, ref: in})
	}
	if len(s.Leadership) > 0 {
		f.buildTenure(s, asOf)
	}
	if s.Kind == Collective {
		f.buildMembers(s, y)
	}
}

// consumedByTitle reports whether an initiative's consumed_by names an
// emulation title: titleIndex(Initiative.ConsumedByCode()) >= 0, without
// building the code when it is already in capitals.
func consumedByTitle(s string) bool {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', ':', '/', '#', ',', ';', '(':
			s = s[:i]
		}
	}
	return titleIndex(s) >= 0 || titleIndex(strings.ToUpper(s)) >= 0
}

// buildMembers counts a collective's members for year y: from their
// summary when the subject carries one (CollectiveSubject), else one by one.
func (f *facts) buildMembers(s *Subject, y int) {
	if s.MemberFacts != nil {
		f.mem = *s.MemberFacts
		return
	}
	f.mem = membersOf(s, y)
}

func monthIndex(d thidua.Date) int { return d.Year()*12 + int(d.Time().Month()) - 1 }

// buildTenure counts the months in leadership posts up to asOf, a month
// held in several posts at once counting once at the highest (NĐ 152/2025
// Điều 9). tenure[r] sums the months at rank r or higher, since time in a
// higher post may be added to a lower post's (R-CH-01).
func (f *facts) buildTenure(s *Subject, asOf thidua.Date) {
	lo, hi := 1<<30, -1
	end := monthIndex(asOf)
	for _, l := range s.Leadership {
		if l.From.IsZero() {
			continue
		}
		lo = min(lo, monthIndex(l.From))
		hi = max(hi, end)
	}
	if hi < lo {
		return
	}
	best := make([]int8, hi-lo+1)
	for _, l := range s.Leadership {
		r := int8(thidua.PostRank(l.Post))
		if l.From.IsZero() || r == 0 {
			continue
		}
		to := end
		if !l.To.IsZero() {
			to = min(to, monthIndex(l.To)-1)
		}
		for m := monthIndex(l.From); m <= to; m++ {
			best[m-lo] = max(best[m-lo], r)
		}
		for _, d := range s.Disciplines {
			if d.From.IsZero() || asOf.Before(d.From) {
				continue
			}
			startsBeforePostEnds := l.To.IsZero() || d.From.Before(l.To)
			endsAfterPostStarts := d.To.IsZero() || !d.To.Before(l.From)
			if startsBeforePostEnds && endsAfterPostStarts {
				f.discInTenure = true
			}
		}
	}
	for _, r := range best {
		for g := int8(1); g <= r; g++ {
			f.tenure[g]++
		}
	}
}

// rangeMask returns the bits of years from..to relative to y.
func rangeMask(y, from, to int) uint32 {
	from = max(from, y-horizon+1)
	to = min(to, y)
	if from > to {
		return 0
	}
	lo, hi := y-to, y-from // bit positions
	return uint32((uint64(1)<<(hi+1) - 1) &^ (uint64(1)<<lo - 1))
}

// run returns the mask of the current run ending at y: the years from y
// back while each year is in cont.
func run(cont uint32) uint32 {
	n := bits.TrailingZeros32(^cont)
	return uint32(uint64(1)<<n - 1)
}

// yearsOf lists the years of mask relative to y, oldest first.
func yearsOf(mask uint32, y int) []int {
	var out []int
	for k := horizon - 1; k >= 0; k-- {
		if mask&(1<<k) != 0 {
			out = append(out, y-k)
		}
	}
	return out
}

// env is what a compiled condition reads: the facts, the province's
// parameters, flags the facts set while being read, and, when building an
// explained verdict, the trace that collects the facts used.
type env struct {
	f      *facts
	params []float64
	trace  *[]Fact
	tb     *textBuf // texts of an explained evaluation (env.str)

	flags uint8
	// details name, when explaining, what set each flag.
	details [4][]string
	// title is true while the plan of an emulation title is evaluated.
	title bool
	// The fast path's memo (Checker): slot i holds, when memc[i].gen is gen,
	// the value of the expressions with that slot (cond.memo) in bit 0
	// and the flags their evaluation set above it.
	gen  uint32
	memc []memoCell
}

// memoCell is one slot of the fast path's memo: v holds the value in bit
// 0 and the flags the evaluation set above it, valid when gen is env.gen.
type memoCell struct {
	gen uint32
	v   uint8
}

// memo evaluates n, whose memo slot is slot (-1: none), once per subject
// in the fast path. The flags the evaluation sets (its fact functions')
// are kept with the value and set again at every use, so that a
// condition reading them later sees what it would without the memo.
func (e *env) memo(n *node, slot int32) bool {
	if slot >= 0 {
		if c := &e.memc[slot]; c.gen == e.gen {
			e.flags |= c.v >> 1
			return c.v&1 != 0
		}
	}
	return e.memoEval(n, slot)
}

func (e *env) memoEval(n *node, slot int32) bool {
	if slot < 0 {
		return n.b(e)
	}
	saved := e.flags
	e.flags = 0
	v := n.b(e)
	set := e.flags
	e.flags = saved | set
	e.memc[slot] = memoCell{e.gen, set<<1 | b2u(v)}
	return v
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// next starts the memo of a new subject.
func (e *env) next() {
	e.gen++
	if e.gen == 0 { // wrapped: no cell may look current
		clear(e.memc)
		e.gen = 1
	}
}

// detail records, when explaining, what set flag f.
func (e *env) detail(f uint8, what string) {
	i := bits.TrailingZeros8(f)
	if !slices.Contains(e.details[i], what) {
		e.details[i] = append(e.details[i], what)
	}
}

func (e *env) flagVar(f uint8, name, text string) bool {
	on := e.flags&f != 0
	if on && e.trace != nil {
		d := e.details[bits.TrailingZeros8(f)]
		e.add(Fact{Name: name, Value: true, Text: text + strings.Join(d, "; ")})
	}
	return on
}

// Flags the facts set while being read, for the cross-cutting rules that
// explain (or, where their grade is low, review) what the award's own
// conditions relied on.
const (
	flagBridged         uint8 = 1 << iota // a maternity year kept a chain going
	flagExcludedSpecial                   // an đột xuất / chuyên đề award was left out
	flagSkippedRevoked                    // a revoked title or award was left out
	flagSkippedConsumed                   // an initiative already used was left out
)

// str joins parts into one string cut from the evaluation's text buffer
// (textBuf) when explaining, without an allocation of its own.
func (e *env) str(parts ...string) string {
	if e.tb == nil {
		return strings.Join(parts, "")
	}
	return e.tb.join(parts)
}

func (e *env) span(from, to int) string {
	if e.tb == nil {
		return span(from, to)
	}
	switch {
	case from <= 0:
		return e.tb.join([]string{"đến năm ", itoa(to)})
	case from == to:
		return e.tb.join([]string{"trong năm ", itoa(to)})
	}
	return e.tb.join([]string{"trong các năm ", itoa(from), "–", itoa(to)})
}

func (e *env) yearList(ys []int) string {
	if e.tb == nil || len(ys) <= 1 {
		return yearList(ys)
	}
	t := e.tb
	t.reserve(6 * len(ys))
	start := len(t.b)
	for i, y := range ys {
		if i > 0 {
			t.b = append(t.b, ", "...)
		}
		t.b = strconv.AppendInt(t.b, int64(y), 10)
	}
	return t.cut(start)
}

// textBuf holds the fact texts of one explained evaluation in one growing
// buffer: a text is cut from it as a string and its bytes are never
// written again (appending past a full buffer moves on to a new one and
// leaves the old one to the strings cut from it), so the texts need no
// allocation each.
type textBuf struct{ b []byte }

func (t *textBuf) join(parts []string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	b := t.reserve(n)
	start := len(b)
	for _, p := range parts {
		b = append(b, p...)
	}
	t.b = b
	return unsafe.String(&b[start], n)
}

// reserve returns the buffer with room for n more bytes: when it is full
// a new one is started (the texts cut from the old one keep it alive).
func (t *textBuf) reserve(n int) []byte {
	if cap(t.b)-len(t.b) < n {
		t.b = make([]byte, 0, max(4096, 2*cap(t.b), n))
	}
	return t.b
}

func (t *textBuf) cut(start int) string {
	if len(t.b) == start {
		return ""
	}
	return unsafe.String(&t.b[start], len(t.b)-start)
}

func (e *env) add(fact Fact) {
	if e.trace != nil {
		*e.trace = append(*e.trace, fact)
	}
}

func ratingCode(rank int8) string {
	if rank <= 0 || int(rank) > len(thidua.RatingCodes) {
		return ""
	}
	return thidua.RatingCodes[len(thidua.RatingCodes)-int(rank)].Code
}

func ratingName(rank int64) string {
	if rank <= 0 || int(rank) > len(thidua.RatingCodes) {
		return "chưa có xếp loại"
	}
	return thidua.RatingCodes[len(thidua.RatingCodes)-int(rank)].Label
}

func levelName(rank int64) string {
	if rank <= 0 || int(rank) > len(levelNames) {
		return "?"
	}
	return levelNames[rank-1]
}

// levelNames are the initiative levels' labels in lower case.
var levelNames = func() []string {
	out := make([]string, len(thidua.InitiativeLevels))
	for i, l := range thidua.InitiativeLevels {
		out[i] = strings.ToLower(l.Label)
	}
	return out
}()

func yearList(ys []int) string {
	if len(ys) == 0 {
		return "không có"
	}
	if len(ys) == 1 {
		return itoa(ys[0])
	}
	b := make([]byte, 0, 6*len(ys))
	for i, y := range ys {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(y), 10)
	}
	return string(b)
}

func (f *facts) titleDecisions(c int, mask uint32) []string {
	var out []string
	for i := range f.s.Titles {
		t := &f.s.Titles[i]
		k := f.year - t.Year
		if t.Decision != "" && !t.Revoked && titleIndex(t.Code) == c && k >= 0 && k < horizon && mask&(1<<k) != 0 {
			out = append(out, t.Decision)
		}
	}
	return out
}

func (f *facts) ratingAt(y int) int8 {
	k := f.year - y
	if k < 0 || k >= horizon || f.win&(1<<k) == 0 {
		return 0
	}
	return f.rating[k]
}

func (f *facts) bridgeNote(bridged uint32) string {
	if bridged == 0 {
		return ""
	}
	return "; năm nghỉ thai sản " + yearList(yearsOf(bridged, f.year)) + " không làm gián đoạn chuỗi"
}

func intVar(doc string, fn func(e *env) int64) variable {
	return variable{kind: kInt, doc: doc, i: fn}
}

func boolVar(doc string, fn func(e *env) bool) variable {
	return variable{kind: kBool, doc: doc, b: fn}
}

// variables are the facts conditions read as identifiers.
var variables = map[string]variable{
	"year": intVar("năm xét", func(e *env) int64 { return int64(e.f.year) }),
	"rating": intVar("xếp loại chất lượng năm xét (4 HTXSNV … 1 KHTNV, 0 chưa có)", func(e *env) int64 {
		r := e.f.ratingAt(e.f.year)
		if e.trace != nil {
			e.add(Fact{Name: "rating", Value: ratingCode(r), Text: e.str("Xếp loại năm ", itoa(e.f.year), ": ", ratingName(int64(r))), Years: []int{e.f.year}})
		}
		return int64(r)
	}),
	"pending": boolVar("đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, xác minh khiếu nại", func(e *env) bool {
		if e.trace != nil && e.f.pending {
			e.add(Fact{Name: "pending", Value: true, Text: "Đang có thủ tục xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo"})
		}
		return e.f.pending
	}),
	"window_start": intVar("năm đầu tiên được tính thành tích sau kỷ luật, khi quy định đang áp dụng có điều này (0 nếu không)", func(e *env) int64 {
		if e.trace != nil && e.f.windowStart > 0 {
			e.add(e.f.disciplineFact())
		}
		return int64(e.f.windowStart)
	}),
	"discipline_window": intVar("năm đầu tiên sau kỷ luật gần nhất (0 nếu không có kỷ luật), kể cả khi quy định không áp dụng việc tính lại", func(e *env) int64 {
		if e.trace != nil && e.f.discStart > 0 {
			e.add(e.f.disciplineFact())
		}
		return int64(e.f.discStart)
	}),
	"female_share": {kind: kDouble, doc: "tỷ lệ thành viên nữ của tập thể", d: func(e *env) float64 {
		if e.f.mem.members == 0 {
			return 0
		}
		share := float64(e.f.mem.female) / float64(e.f.mem.members)
		if e.trace != nil {
			e.add(Fact{Name: "female_share", Value: share, Text: e.str("Thành viên nữ: ", itoa(e.f.mem.female), "/", itoa(e.f.mem.members), " (", percent(share), ")")})
		}
		return share
	}},
	"female":      boolVar("cá nhân là nữ", func(e *env) bool { return e.f.female }),
	"title_award": boolVar("đang xét một danh hiệu thi đua (không phải hình thức khen thưởng)", func(e *env) bool { return e.title }),
	"worker_farmer": boolVar("cá nhân là công nhân, nông dân, người lao động ngoài khu vực nhà nước (R-LDTT-02)", func(e *env) bool {
		if e.trace != nil && e.f.worker {
			e.add(Fact{Name: "worker_farmer", Value: true, Text: "Đối tượng: " + strings.ToLower(thidua.Label(Occupations, e.f.s.Occupation))})
		}
		return e.f.worker
	}),
	"posthumous": boolVar("đề nghị truy tặng", func(e *env) bool {
		if e.trace != nil && e.f.posthumous {
			e.add(Fact{Name: "posthumous", Value: true, Text: "Đề nghị truy tặng"})
		}
		return e.f.posthumous
	}),
	"registration_known": boolVar("có dữ liệu đăng ký thi đua của chủ thể", func(e *env) bool { return e.f.regKnown }),
	"registered": boolVar("đã đăng ký thi đua năm xét", func(e *env) bool {
		if e.trace != nil && e.f.regKnown {
			e.add(Fact{Name: "registered", Value: e.f.registered, Text: e.str("Đăng ký thi đua năm ", itoa(e.f.year), ": ", yesNo(e.f.registered)), Years: []int{e.f.year}})
		}
		return e.f.registered
	}),
	"leads_cluster": boolVar("tập thể dẫn đầu cụm, khối thi đua của tỉnh năm xét (kết quả chấm điểm, suy tôn của cụm, khối; R-CAMP-06)", func(e *env) bool {
		if e.trace != nil {
			e.add(Fact{Name: "leads_cluster", Value: e.f.leads, Text: "Dẫn đầu cụm, khối thi đua năm " + itoa(e.f.year) + ": " + yesNo(e.f.leads), Years: []int{e.f.year}})
		}
		return e.f.leads
	}),
	"member_count": intVar("số thành viên của tập thể", func(e *env) int64 { return int64(e.f.mem.members) }),
	"discipline_in_tenure": boolVar("bị kỷ luật trong thời gian giữ chức vụ lãnh đạo", func(e *env) bool {
		if e.trace != nil && e.f.discInTenure {
			e.add(Fact{Name: "discipline_in_tenure", Value: true, Text: "Bị kỷ luật trong thời gian giữ chức vụ lãnh đạo, quản lý"})
		}
		return e.f.discInTenure
	}),
	"maternity_bridged": boolVar("các điều kiện trước đã tính năm nghỉ thai sản vào chuỗi liên tục", func(e *env) bool {
		return e.flagVar(flagBridged, "maternity_bridged", "Năm nghỉ thai sản được bỏ qua trong chuỗi: ")
	}),
	"excluded_special": boolVar("các điều kiện trước đã loại khen thưởng đột xuất/chuyên đề", func(e *env) bool {
		return e.flagVar(flagExcludedSpecial, "excluded_special", "Không tính: ")
	}),
	"skipped_revoked": boolVar("các điều kiện trước đã loại danh hiệu/khen thưởng bị hủy bỏ", func(e *env) bool {
		return e.flagVar(flagSkippedRevoked, "skipped_revoked", "Đã bị hủy bỏ, không tính: ")
	}),
	"skipped_consumed": boolVar("các điều kiện trước đã loại sáng kiến đã sử dụng", func(e *env) bool {
		return e.flagVar(flagSkippedConsumed, "skipped_consumed", "Đã dùng cho khen thưởng khác, không tính lại: ")
	}),
}

func titleArg(fn string, n *node) (int, error) {
	c := titleIndex(n.str)
	if c < 0 {
		return 0, fmt.Errorf("%s: mã danh hiệu %q không tồn tại", fn, n.str)
	}
	return c, nil
}

func formArg(fn string, n *node) (int, error) {
	c := formIndex(n.str)
	if c < 0 {
		return 0, fmt.Errorf("%s: mã hình thức khen thưởng %q không tồn tại", fn, n.str)
	}
	return c, nil
}

func rankArg(fn string, n *node, hi int64) (int, error) {
	if !n.konst || n.ci < 1 || n.ci > hi {
		return 0, fmt.Errorf("%s: mức phải là hằng số từ 1 đến %d", fn, hi)
	}
	return int(n.ci), nil
}

// functions are the facts conditions read as function calls.
var functions = map[string]function{
	"rating_in": {args: []kind{kInt}, ret: kInt, doc: "xếp loại năm y (0 nếu chưa có hoặc ngoài thời gian tính)",
		compile: func(a []*node) (*node, error) {
			yf := argOf(a[0])
			return &node{kind: kInt, i: func(e *env) int64 {
				y := yf.at(e)
				r := e.f.ratingAt(y)
				if e.trace != nil {
					e.add(Fact{Name: e.str("rating_in(", itoa(y), ")"), Value: ratingCode(r), Text: e.str("Xếp loại năm ", itoa(y), ": ", ratingName(int64(r))), Years: []int{y}})
				}
				return int64(r)
			}}, nil
		}},
	"has_title": {args: []kind{kString, kInt}, ret: kBool, doc: "có danh hiệu (còn hiệu lực) của năm y",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("has_title", a[0])
			if err != nil {
				return nil, err
			}
			code, yf := a[0].str, argOf(a[1])
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kBool, b: func(e *env) bool {
				y := yf.at(e)
				k := e.f.year - y
				ok := k >= 0 && k < horizon && e.f.title[c]&(1<<k) != 0
				if e.trace != nil {
					e.add(Fact{Name: e.str("has_title(", code, ", ", itoa(y), ")"), Value: ok, Text: e.str(label, " năm ", itoa(y), ": ", yesNo(ok)), Years: []int{y}})
				}
				return ok
			}}, nil
		}},
	"streak_title": {args: []kind{kString}, ret: kInt, doc: "số lần liên tục đạt danh hiệu tính đến năm xét",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("streak_title", a[0])
			if err != nil {
				return nil, err
			}
			code := a[0].str
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				t := f.title[c]
				m := run((t | f.mater) & f.win)
				got := t & m
				n := bits.OnesCount32(got)
				var bridged uint32
				if got != 0 {
					bridged = f.mater &^ t & m & (uint32(uint64(1)<<(32-bits.LeadingZeros32(got))) - 1)
					if bridged != 0 {
						e.flags |= flagBridged
						if e.trace != nil {
							e.detail(flagBridged, "năm "+yearList(yearsOf(bridged, f.year)))
						}
					}
				}
				if rev := f.revTitle[c] & (m | (m + 1)); rev != 0 { // inside the run or the year that broke it
					e.flags |= flagSkippedRevoked
					if e.trace != nil {
						e.detail(flagSkippedRevoked, label+" năm "+yearList(yearsOf(rev, f.year)))
					}
				}
				if e.trace != nil {
					ys := yearsOf(got, f.year)
					e.add(Fact{Name: "streak_title(" + code + ")", Value: n,
						Text:  e.str(label, " liên tục đến năm ", itoa(f.year), ": ", itoa(n), " lần (", e.yearList(ys), ")", f.bridgeNote(bridged)),
						Years: ys, Decisions: f.titleDecisions(c, got)})
				}
				return int64(n)
			}}, nil
		}},
	"streak_rating": {args: []kind{kInt}, ret: kInt, doc: "số năm liên tục được xếp loại từ mức r trở lên tính đến năm xét",
		compile: func(a []*node) (*node, error) {
			r, err := rankArg("streak_rating", a[0], 4)
			if err != nil {
				return nil, err
			}
			fname := "streak_rating(" + ratingCode(int8(r)) + ")"
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				got, bridged := f.ratingRun(r)
				if bridged != 0 {
					e.flags |= flagBridged
					if e.trace != nil {
						e.detail(flagBridged, "năm "+yearList(yearsOf(bridged, f.year)))
					}
				}
				// A statutory maternity year inside the run counts as a
				// year of work (R-GEN-07, NĐ 152/2025 Điều 4, Khoản 5).
				n := bits.OnesCount32(got | bridged)
				if e.trace != nil {
					ys := yearsOf(got, f.year)
					note := ""
					if bridged != 0 {
						note = "; năm nghỉ thai sản " + yearList(yearsOf(bridged, f.year)) + " được tính là thời gian công tác"
					}
					e.add(Fact{Name: fname, Value: n,
						Text:  e.str("Số năm liên tục xếp loại từ ", ratingName(int64(r)), " trở lên đến năm ", itoa(f.year), ": ", itoa(n), " (", e.yearList(ys), ")", note),
						Years: ys})
				}
				return int64(n)
			}}, nil
		}},
	"run_from": {args: []kind{kInt}, ret: kInt, doc: "năm đầu của chuỗi năm liên tục xếp loại từ mức r trở lên (0 nếu không có)",
		compile: func(a []*node) (*node, error) {
			r, err := rankArg("run_from", a[0], 4)
			if err != nil {
				return nil, err
			}
			return &node{kind: kInt, i: func(e *env) int64 {
				got, _ := e.f.ratingRun(r)
				if got == 0 {
					return 0
				}
				return int64(e.f.year - (31 - bits.LeadingZeros32(got)))
			}}, nil
		}},
	"streak_title_every": {args: []kind{kString, kInt}, ret: kInt, doc: "số lần liên tục đạt danh hiệu xét theo chu kỳ p năm (năm xét, năm xét − p, …)",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("streak_title_every", a[0])
			if err != nil {
				return nil, err
			}
			if !a[1].konst || a[1].ci < 1 || a[1].ci > 10 {
				return nil, fmt.Errorf("streak_title_every: chu kỳ phải là hằng số từ 1 đến 10")
			}
			code, period := a[0].str, int(a[1].ci)
			fname := "streak_title_every(" + code + ", " + itoa(period) + ")"
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				t := f.title[c] & f.win
				var got uint32
				for k := 0; k < horizon && t&(1<<k) != 0; k += period {
					got |= 1 << k
				}
				n := bits.OnesCount32(got)
				if e.trace != nil {
					ys := yearsOf(got, f.year)
					e.add(Fact{Name: fname, Value: n,
						Text:  e.str(label, " liên tục theo chu kỳ ", itoa(period), " năm đến năm ", itoa(f.year), ": ", itoa(n), " lần (", e.yearList(ys), ")"),
						Years: ys, Decisions: f.titleDecisions(c, got)})
				}
				return int64(n)
			}}, nil
		}},
	"count_title": {args: []kind{kString, kInt, kInt}, ret: kInt, doc: "số năm có danh hiệu trong khoảng [từ năm, đến năm]",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("count_title", a[0])
			if err != nil {
				return nil, err
			}
			code, ff, tf := a[0].str, argOf(a[1]), argOf(a[2])
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				// The arguments inline (yearArg.at is not inlined into
				// closures this size).
				from, to := f.year+ff.off, f.year+tf.off
				if !ff.rel {
					from = int(ff.fn(e))
				}
				if !tf.rel {
					to = int(tf.fn(e))
				}
				m := rangeMask(f.year, from, to)
				got := f.title[c] & m
				if rev := f.revTitle[c] & m; rev != 0 {
					e.flags |= flagSkippedRevoked
					if e.trace != nil {
						e.detail(flagSkippedRevoked, label+" năm "+yearList(yearsOf(rev, f.year)))
					}
				}
				n := bits.OnesCount32(got)
				if e.trace != nil {
					ys := yearsOf(got, f.year)
					e.add(Fact{Name: e.str("count_title(", code, ", ", itoa(from), ", ", itoa(to), ")"), Value: n,
						Text:  e.str(label, " ", e.span(from, to), ": ", itoa(n), " lần (", e.yearList(ys), ")"),
						Years: ys, Decisions: f.titleDecisions(c, got)})
				}
				return int64(n)
			}}, nil
		}},
	"count_rating": {args: []kind{kInt, kInt, kInt}, ret: kInt, doc: "số năm xếp loại từ mức r trở lên trong khoảng [từ năm, đến năm]",
		compile: func(a []*node) (*node, error) {
			r, err := rankArg("count_rating", a[0], 4)
			if err != nil {
				return nil, err
			}
			ff, tf := argOf(a[1]), argOf(a[2])
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				// The arguments inline (yearArg.at is not inlined into
				// closures this size).
				from, to := f.year+ff.off, f.year+tf.off
				if !ff.rel {
					from = int(ff.fn(e))
				}
				if !tf.rel {
					to = int(tf.fn(e))
				}
				got := f.ratingGE[r] & rangeMask(f.year, from, to)
				n := bits.OnesCount32(got)
				if e.trace != nil {
					ys := yearsOf(got, f.year)
					e.add(Fact{Name: e.str("count_rating(", ratingCode(int8(r)), ", ", itoa(from), ", ", itoa(to), ")"), Value: n,
						Text: e.str("Số năm xếp loại từ ", ratingName(int64(r)), " trở lên ", e.span(from, to), ": ", itoa(n), " (", e.yearList(ys), ")"), Years: ys})
				}
				return int64(n)
			}}, nil
		}},
	"initiatives":        initiativeFunc("initiatives", "sáng kiến", false, initFree),
	"research":           initiativeFunc("research", "đề tài, đề án, công trình khoa học đã nghiệm thu", true, initFree),
	"reused_initiatives": initiativeFunc("reused_initiatives", "sáng kiến, đề tài đã dùng cho một danh hiệu thi đua", false, initByTitle),
	"awards":             awardFunc("awards", true),
	"awards_any":         awardFunc("awards_any", false),
	"members_share_title": {args: []kind{kString}, ret: kDouble, doc: "tỷ lệ thành viên đạt danh hiệu trong năm xét",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("members_share_title", a[0])
			if err != nil {
				return nil, err
			}
			code := a[0].str
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kDouble, d: func(e *env) float64 {
				f := e.f
				share := 0.0
				if f.mem.members > 0 {
					share = float64(f.mem.title[c]) / float64(f.mem.members)
				}
				if e.trace != nil {
					e.add(Fact{Name: "members_share_title(" + code + ")", Value: share,
						Text: e.str("Thành viên đạt ", label, " năm ", itoa(f.year), ": ", itoa(f.mem.title[c]), "/", itoa(f.mem.members), " (", percent(share), ")"), Years: []int{f.year}})
				}
				return share
			}}, nil
		}},
	"members_with_title": {args: []kind{kString}, ret: kInt, doc: "số thành viên đạt danh hiệu trong năm xét",
		compile: func(a []*node) (*node, error) {
			c, err := titleArg("members_with_title", a[0])
			if err != nil {
				return nil, err
			}
			code := a[0].str
			label := thidua.Label(thidua.Titles, code)
			return &node{kind: kInt, i: func(e *env) int64 {
				n := e.f.mem.title[c]
				if e.trace != nil {
					e.add(Fact{Name: "members_with_title(" + code + ")", Value: n, Text: e.str("Số thành viên đạt ", label, " năm ", itoa(e.f.year), ": ", itoa(n)), Years: []int{e.f.year}})
				}
				return int64(n)
			}}, nil
		}},
	"members_rated": {args: []kind{kInt}, ret: kInt, doc: "số thành viên được xếp loại từ mức r trở lên trong năm xét",
		compile: func(a []*node) (*node, error) {
			r, err := rankArg("members_rated", a[0], 4)
			if err != nil {
				return nil, err
			}
			fname := "members_rated(" + ratingCode(int8(r)) + ")"
			return &node{kind: kInt, i: func(e *env) int64 {
				n := e.f.mem.ratedGE[r]
				if e.trace != nil {
					e.add(Fact{Name: fname, Value: n,
						Text: e.str("Thành viên xếp loại từ ", ratingName(int64(r)), " trở lên năm ", itoa(e.f.year), ": ", itoa(n), "/", itoa(e.f.mem.members)), Years: []int{e.f.year}})
				}
				return int64(n)
			}}, nil
		}},
	"members_disciplined": {args: []kind{kInt}, ret: kInt, doc: "số thành viên bị kỷ luật từ mức l trở lên trong năm xét",
		compile: func(a []*node) (*node, error) {
			l, err := rankArg("members_disciplined", a[0], 7)
			if err != nil {
				return nil, err
			}
			fname := "members_disciplined(" + thidua.DisciplineLevels[l-1].Code + ")"
			level := strings.ToLower(thidua.DisciplineLevels[l-1].Label)
			return &node{kind: kInt, i: func(e *env) int64 {
				n := e.f.mem.discGE[l]
				if e.trace != nil {
					e.add(Fact{Name: fname, Value: n,
						Text: e.str("Thành viên bị kỷ luật từ ", level, " trở lên trong năm ", itoa(e.f.year), ": ", itoa(n)), Years: []int{e.f.year}})
				}
				return int64(n)
			}}, nil
		}},
	"tenure_met": {args: []kind{kInt, kInt}, ret: kBool, doc: "thời gian giữ chức vụ từ mức p trở lên đủ số tháng (nữ: 2/3)",
		compile: func(a []*node) (*node, error) {
			p, err := rankArg("tenure_met", a[0], 4)
			if err != nil {
				return nil, err
			}
			mf := a[1].i
			post := strings.ToLower(thidua.LeadershipPosts[p].Label)
			return &node{kind: kBool, b: func(e *env) bool {
				months := int64(e.f.tenure[p])
				need := mf(e)
				ok := months >= need
				if e.f.female {
					ok = 3*months >= 2*need // NĐ 152/2025 Điều 4 khoản 7
				}
				if e.trace != nil {
					note := ""
					if e.f.female {
						note = " (nữ: giảm 1/3 thời gian)"
					}
					e.add(Fact{Name: e.str("tenure_met(", thidua.LeadershipPosts[p].Code, ", ", itoa(need), ")"), Value: ok,
						Text: e.str("Thời gian giữ chức vụ từ ", post, " trở lên: ", itoa(months), " tháng, cần ", itoa(need), " tháng", note)})
				}
				return ok
			}}, nil
		}},
}

func (f *facts) disciplineFact() Fact {
	end := "chưa hết thời hạn"
	if !f.discEnd.IsZero() {
		end = "kết thúc ngày " + f.discEnd.String()
	}
	return Fact{Name: "window_start", Value: f.discStart, Text: ("Kỷ luật " + end + ": thành tích tính từ năm " + itoa(f.discStart)), Years: []int{f.discStart}}
}

// ratingRun returns the years of the current run of ratings r or better
// ending at the assessment year, and the maternity years it bridged. It is
// computed once per subject and level.
func (f *facts) ratingRun(r int) (got, bridged uint32) {
	if f.runDone&(1<<r) != 0 {
		return f.runGot[r], f.runBridged[r]
	}
	g := f.ratingGE[r]
	m := run((g | (f.mater &^ f.hasRating)) & f.win)
	got = g & m
	if got != 0 {
		bridged = f.mater &^ f.hasRating & m & (uint32(uint64(1)<<(32-bits.LeadingZeros32(got))) - 1)
	}
	f.runDone |= 1 << r
	f.runGot[r], f.runBridged[r] = got, bridged
	return got, bridged
}

func initiativeFunc(name, label string, research bool, use int) function {
	return function{args: []kind{kInt, kInt, kInt}, ret: kInt, doc: "số " + label + " được công nhận từ cấp l trở lên trong khoảng năm, chưa dùng cho khen thưởng khác",
		compile: func(a []*node) (*node, error) {
			l, err := rankArg(name, a[0], 3)
			if err != nil {
				return nil, err
			}
			ff, tf := argOf(a[1]), argOf(a[2])
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				// The arguments inline (yearArg.at is not inlined into
				// closures this size).
				from, to := f.year+ff.off, f.year+tf.off
				if !ff.rel {
					from = int(ff.fn(e))
				}
				if !tf.rel {
					to = int(tf.fn(e))
				}
				n := 0
				var ys []int
				for i := range f.inits {
					in := &f.inits[i]
					if in.level < l || in.year < from || in.year > to {
						continue
					}
					if use == initByTitle {
						if in.use == initByTitle {
							n++
							ys = append(ys, in.year)
						}
						continue
					}
					if in.research != research {
						continue
					}
					if in.use != initFree {
						e.flags |= flagSkippedConsumed
						if e.trace != nil {
							e.detail(flagSkippedConsumed, (label + " năm " + itoa(in.year) + " (" + in.ref.ConsumedBy + ")"))
						}
						continue
					}
					n++
					if e.trace != nil {
						ys = append(ys, in.year)
					}
				}
				if e.trace != nil {
					e.add(Fact{Name: e.str(name, "(", thidua.InitiativeLevels[l-1].Code, ", ", itoa(from), ", ", itoa(to), ")"), Value: n,
						Text: e.str("Số ", label, " ", levelName(int64(l)), " trở lên ", e.span(from, to), ": ", itoa(n), " (năm ", e.yearList(ys), ")"), Years: ys})
				}
				return int64(n)
			}}, nil
		}}
}

func awardFunc(name string, meritOnly bool) function {
	doc := "số lần được tặng (còn hiệu lực, tính đến ngày xét) trong khoảng năm của ngày quyết định"
	if meritOnly {
		doc += ", không tính khen đột xuất, chuyên đề"
	}
	return function{args: []kind{kString, kInt, kInt}, ret: kInt, doc: doc,
		compile: func(a []*node) (*node, error) {
			c, err := formArg(name, a[0])
			if err != nil {
				return nil, err
			}
			code, ff, tf := a[0].str, argOf(a[1]), argOf(a[2])
			formLabel := thidua.Label(thidua.Forms, code)
			return &node{kind: kInt, i: func(e *env) int64 {
				f := e.f
				// The arguments inline (yearArg.at is not inlined into
				// closures this size).
				from, to := f.year+ff.off, f.year+tf.off
				if !ff.rel {
					from = int(ff.fn(e))
				}
				if !tf.rel {
					to = int(tf.fn(e))
				}
				from = max(from, f.cut)
				n := 0
				var ys []int
				var decs []string
				for i := range f.awards {
					aw := &f.awards[i]
					if int(aw.form) != c || aw.year < from || aw.year > to {
						continue
					}
					if aw.revoked {
						e.flags |= flagSkippedRevoked
						if e.trace != nil {
							e.detail(flagSkippedRevoked, awardName(aw))
						}
						continue
					}
					if meritOnly && !aw.merit {
						e.flags |= flagExcludedSpecial
						if e.trace != nil {
							e.detail(flagExcludedSpecial, awardName(aw)+", "+strings.ToLower(thidua.Label(thidua.AwardTypes, aw.ref.Type)))
						}
						continue
					}
					n++
					if e.trace != nil {
						ys = append(ys, aw.year)
						d := aw.ref.Decision
						if d == "" {
							d = "ngày " + aw.ref.Date.String()
						}
						decs = append(decs, d)
					}
				}
				if e.trace != nil {
					kind := ""
					if meritOnly {
						kind = " (không tính khen đột xuất, chuyên đề)"
					}
					e.add(Fact{Name: e.str(name, "(", code, ", ", itoa(from), ", ", itoa(to), ")"), Value: n,
						Text:  e.str(formLabel, " còn hiệu lực, quyết định ", e.span(from, to), kind, ": ", itoa(n)),
						Years: ys, Decisions: decs})
				}
				return int64(n)
			}}, nil
		}}
}

func awardName(aw *awardFact) string {
	d := aw.ref.Decision
	if d != "" {
		d = " (" + d + ")"
	}
	return thidua.Label(thidua.Forms, aw.ref.Code) + " ngày " + aw.ref.Date.String() + d
}

// span renders a year range for explanations.
func span(from, to int) string {
	switch {
	case from <= 0:
		return ("đến năm " + itoa(to))
	case from == to:
		return ("trong năm " + itoa(to))
	}
	return ("trong các năm " + itoa(from) + "–" + itoa(to))
}

func yesNo(b bool) string {
	if b {
		return "có"
	}
	return "không"
}

func percent(x float64) string {
	return strconv.FormatFloat(x*100, 'f', -1, 64) + "%"
}

// itoa formats an integer of any width for fact texts; the numbers texts
// use most (counts, months, years) come from a table built once.
func itoa[T ~int | ~int8 | ~int32 | ~int64](v T) string {
	if v >= 0 && int64(v) < int64(len(smallInts)) {
		return smallInts[v]
	}
	return strconv.FormatInt(int64(v), 10)
}

var smallInts = func() []string {
	out := make([]string, 2200)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}()
