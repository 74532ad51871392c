package bench

import (
	"thidua"
	"thidua/rules"
)

// Direct evaluates, by hand-written Go and without the rule files, the
// rules the engine applies under the "default" province profile for an
// assessment year from 2024 on, as of a date from 1 July 2025 on (Luật
// 06/2022/QH15 and Nghị định 152/2025/NĐ-CP). It appends one code per award,
// in the order of rules.IndividualAwards or rules.CollectiveAwards, exactly
// as rules.Checker.Check does, and is the baseline of the speed comparison.
func Direct(s *rules.Subject, year int, asOf thidua.Date, out []rules.Code) []rules.Code {
	// R-GEN-06: only years from the first full year after the latest
	// discipline count.
	ws := 0
	for i := range s.Disciplines {
		d := &s.Disciplines[i]
		if d.From.IsZero() || asOf.Before(d.From) {
			continue
		}
		start := max(year, asOf.Year()) + 1
		if !d.To.IsZero() && !asOf.Before(d.To) {
			start = d.To.Year() + 1
		}
		ws = max(ws, start)
	}
	lo := max(ws, year-31) // oldest year that counts
	in := func(y int) bool { return y >= lo && y <= year }

	// Per year, index k = year - y.
	var rating [32]int8
	var rated, mater [32]bool
	for i := range s.Ratings {
		r := &s.Ratings[i]
		if in(r.Year) {
			rating[year-r.Year] = int8(thidua.RatingRank(r.Code))
			rated[year-r.Year] = true
		}
	}
	for _, p := range s.MaternityLeave {
		to := year
		if !p.To.IsZero() {
			to = min(to, p.To.Year())
		}
		for y := max(p.From.Year(), lo); y <= to; y++ {
			mater[year-y] = true
		}
	}
	common := ws > year // the assessment year is not counted: not eligible
	hold := s.PendingProceedings

	if s.Kind == rules.Collective {
		return directCollective(s, year, &rating, common, hold, out)
	}

	var cstdcs, cstdt [32]bool
	for i := range s.Titles {
		t := &s.Titles[i]
		if t.Revoked || !in(t.Year) {
			continue
		}
		switch t.Code {
		case thidua.TitleCSTDCS:
			cstdcs[year-t.Year] = true
		case thidua.TitleCSTDT:
			cstdt[year-t.Year] = true
		}
	}
	n := year - lo + 1 // years in the window
	if n < 0 {
		n = 0
	}
	// streak counts the titles of the run ending at year; a maternity year
	// without the title neither breaks nor counts.
	streak := func(has *[32]bool) int {
		c := 0
		for k := 0; k < n; k++ {
			if has[k] {
				c++
			} else if !mater[k] {
				break
			}
		}
		return c
	}
	// ratingRun returns the count of years in the run of ratings min or
	// better ending at year, and the first such rated year; an unrated
	// maternity year inside the run counts as a year of work (R-GEN-07).
	ratingRun := func(min int8) (count, from int) {
		bridged := 0
		for k := 0; k < n; k++ {
			switch {
			case rating[k] >= min:
				count += 1 + bridged
				bridged = 0
				from = year - k
			case mater[k] && !rated[k]:
				bridged++
			default:
				return count, from
			}
		}
		return count, from
	}
	countYears := func(has *[32]bool, from, to int) int {
		c := 0
		for y := max(from, lo); y <= min(to, year); y++ {
			if has[year-y] {
				c++
			}
		}
		return c
	}
	// Initiatives: free ones by kind and level, those used by a title.
	initiatives := func(research bool, level, from, to int) int {
		c := 0
		for i := range s.Initiatives {
			x := &s.Initiatives[i]
			if x.Year < lo || x.Year > year || x.Year < from || x.Year > to || x.ConsumedBy != "" ||
				(x.Kind == thidua.InitiativeDeTai) != research || thidua.LevelRank(x.Level) < level {
				continue
			}
			c++
		}
		return c
	}
	reused := func(level int) int {
		c := 0
		for i := range s.Initiatives {
			x := &s.Initiatives[i]
			if x.Year < lo || x.Year > year || x.ConsumedBy == "" || thidua.LevelRank(x.Level) < level {
				continue
			}
			switch x.ConsumedByCode() {
			case thidua.TitleLDTT, thidua.TitleCSTT, thidua.TitleCSTDCS, thidua.TitleCSTDT, thidua.TitleCSTDTQ,
				thidua.TitleTTLDTT, thidua.TitleTTLDXS, thidua.TitleCTT, thidua.TitleCTCP:
				c++
			}
		}
		return c
	}
	// awards counts awards in force on asOf with a decision in [from, to];
	// merit drops đột xuất and chuyên đề awards (R-GEN-05).
	awards := func(code string, from, to int, merit bool) int {
		c := 0
		for i := range s.Awards {
			a := &s.Awards[i]
			if a.Code != code || a.Revoked || a.Date.IsZero() || asOf.Before(a.Date) {
				continue
			}
			if y := a.Date.Year(); y < max(from, ws) || y > to {
				continue
			}
			if merit && (a.Type == thidua.AwardDotXuat || a.Type == thidua.AwardPhongTrao) {
				continue
			}
			c++
		}
		return c
	}

	r0 := rating[0]
	if n == 0 {
		r0 = 0
	}

	// LĐTT (R-LDTT-01).
	out = append(out, verdict(common || r0 < 3, hold, false))

	// CSTĐCS (R-CSTDCS-01).
	ok := r0 == 4 || initiatives(false, 1, year, year) > 0 || initiatives(true, 1, year, year) > 0
	out = append(out, verdict(common || r0 < 3 || !ok, hold, false))

	// CSTĐ tỉnh (R-CSTDT-01, R-GEN-02).
	notMet := common || streak(&cstdcs) < 3
	review := countYears(&cstdt, year-2, year-1) > 0
	switch {
	case initiatives(false, 2, year-2, year)+initiatives(true, 2, year-2, year) > 0:
	case initiatives(false, 2, ws, year-3)+initiatives(true, 2, ws, year-3) > 0 || reused(2) > 0:
		review = true // an older provincial initiative (C), or one already used (X)
	default:
		notMet = true
	}
	out = append(out, verdict(notMet, hold, review))

	// CSTĐ toàn quốc (R-CSTDTQ-01).
	notMet, review = common, false
	if streak(&cstdt) < 2 {
		every := 0
		for k := 0; k < n && cstdt[k]; k += 3 {
			every++
		}
		if every >= 2 {
			review = true
		} else {
			notMet = true
		}
	}
	switch {
	case initiatives(false, 3, year-3, year)+initiatives(true, 3, year-3, year) > 0:
	case initiatives(false, 3, ws, year-4)+initiatives(true, 3, ws, year-4) > 0 || reused(3) > 0:
		review = true
	default:
		notMet = true
	}
	// R-GEN-02: two CSTĐ tỉnh less than 3 years apart sharing CSTĐCS years.
	if cstdt[1] && (cstdcs[1] || cstdcs[2]) || cstdt[2] && cstdcs[2] {
		review = true
	}
	out = append(out, verdict(notMet, hold, review))

	// Giấy khen (R-GK-01): the achievement is judged by a person.
	out = append(out, verdict(common || r0 < 3, hold, true))

	// Bằng khen tỉnh (R-BKT-01 d, R-GEN-02).
	xs, xsFrom := ratingRun(4)
	met := streak(&cstdcs) >= 2 ||
		(xs >= 2 && initiatives(false, 1, xsFrom, year) >= 2) ||
		(xs >= 2 && initiatives(true, 1, xsFrom, year) >= 2)
	out = append(out, verdict(common, hold, !met || awards(thidua.FormBKCT, year, year+1, false) > 0))

	// Bằng khen Thủ tướng (R-BKTTG-01 b, R-GEN-02).
	tn, tnFrom := ratingRun(3)
	five := tn >= 5 && countYears(&cstdcs, tnFrom, year) >= 3
	met = five && awards(thidua.FormBKCT, 0, year-5, true)+awards(thidua.FormBKBN, 0, year-5, true) > 0
	out = append(out, verdict(common, hold, !met || awards(thidua.FormBKTTG, year, year+1, false) > 0))

	// Huân chương Lao động hạng Ba (R-HCLD-01 e, R-CH-01 g).
	met = five && awards(thidua.FormBKTTG, 0, year, true) > 0
	if met {
		xsIn := 0
		for k := 0; k <= year-tnFrom; k++ {
			if rating[k] == 4 {
				xsIn++
			}
		}
		met = xsIn > 0
	}
	if !met && len(s.Leadership) > 0 {
		met = longService(s, asOf)
	}
	out = append(out, verdict(common, hold, !met))

	// Huân chương Lao động hạng Nhì, hạng Nhất (R-HCLD-02), Anh hùng Lao
	// động (R-AHLD-01), Kỷ niệm chương (R-KNC-01): criteria graded C or
	// delegated to the province, judged by a person.
	for range 4 {
		out = append(out, verdict(common, hold, true))
	}
	return out
}

func verdict(notMet, hold, review bool) rules.Code {
	switch {
	case notMet:
		return rules.CodeNotEligible
	case hold:
		return rules.CodeOnHold
	case review:
		return rules.CodeNeedsReview
	}
	return rules.CodeEligible
}

// longService checks R-CH-01: months in leadership posts (a month in
// several posts counts once, at the highest; time in higher posts adds to
// lower ones), against 36/60/72/120 months (two thirds for women), with no
// discipline during the posts.
func longService(s *rules.Subject, asOf thidua.Date) bool {
	month := func(d thidua.Date) int { return d.Year()*12 + int(d.Time().Month()) - 1 }
	end := month(asOf)
	first := end + 1
	for _, l := range s.Leadership {
		if !l.From.IsZero() {
			first = min(first, month(l.From))
		}
	}
	if first > end {
		return false
	}
	best := make([]int8, end-first+1)
	for _, l := range s.Leadership {
		r := int8(thidua.PostRank(l.Post))
		if l.From.IsZero() || r == 0 {
			continue
		}
		to := end
		if !l.To.IsZero() {
			to = min(to, month(l.To)-1)
		}
		for m := month(l.From); m <= to; m++ {
			best[m-first] = max(best[m-first], r)
		}
		for _, d := range s.Disciplines {
			if d.From.IsZero() || asOf.Before(d.From) {
				continue
			}
			if (l.To.IsZero() || d.From.Before(l.To)) && (d.To.IsZero() || !d.To.Before(l.From)) {
				return false
			}
		}
	}
	var months [5]int
	for _, r := range best {
		for g := int8(1); g <= r; g++ {
			months[g]++
		}
	}
	need := [5]int{0, 120, 72, 60, 36}
	for g := 1; g <= 4; g++ {
		if s.Gender == rules.Female {
			if 3*months[g] >= 2*need[g] {
				return true
			}
		} else if months[g] >= need[g] {
			return true
		}
	}
	return false
}

func directCollective(s *rules.Subject, year int, rating *[32]int8, common, hold bool, out []rules.Code) []rules.Code {
	r0 := rating[0]
	// Members for the year.
	var complete, ldtt, cstdcs int
	for i := range s.Members {
		m := &s.Members[i]
		for _, r := range m.Ratings {
			if r.Year == year {
				if thidua.RatingRank(r.Code) >= 2 {
					complete++
				}
				break
			}
		}
		var hasLDTT, hasCS bool
		for _, t := range m.Titles {
			if t.Year != year || t.Revoked {
				continue
			}
			switch t.Code {
			case thidua.TitleLDTT:
				hasLDTT = true
			case thidua.TitleCSTDCS:
				hasCS = true
			}
		}
		if hasLDTT {
			ldtt++
		}
		if hasCS {
			cstdcs++
		}
	}
	members := len(s.Members)
	// TTLĐTT (R-TTLDTT-01): the share and discipline conditions are graded
	// C under the default profile, so a person reviews them.
	out = append(out, verdict(common || r0 < 3, hold, true))
	// TTLĐXS (R-TTLDXS-01).
	share := 0.0
	if members > 0 {
		share = float64(ldtt) / float64(members)
	}
	// (R-EVAL-01's caps on HTXSNV only add notes.)
	out = append(out, verdict(common || r0 != 4 || members == 0 || complete != members || share < 0.7 || cstdcs == 0, hold, false))
	// Cờ thi đua tỉnh (R-CTT-01): leading the cluster is judged by a person.
	out = append(out, verdict(common, hold, true))
	// Giấy khen (R-GK-01).
	out = append(out, verdict(common || r0 < 3, hold, true))
	// Bằng khen tỉnh, collective (R-BKT-02): graded C by default.
	out = append(out, verdict(common, hold, true))
	// Cờ thi đua của Chính phủ (R-CTCP-01), Bằng khen Thủ tướng and
	// Huân chương Lao động for collectives (R-BKTTG-01, R-HCLD-01/02),
	// Anh hùng Lao động, Kỷ niệm chương: graded C.
	for range 7 {
		out = append(out, verdict(common, hold, true))
	}
	return out
}
