// Package bench generates subject histories for measuring the eligibility
// engine and holds Direct, a hand-written Go function that evaluates the
// same rules as the engine's default profile straight from the history,
// the baseline the engine's speed is measured against. The rules package's
// tests assert that Direct and the engine agree on every generated subject.
package bench

import (
	"math/rand/v2"
	"strconv"
	"time"

	"thidua"
	"thidua/rules"
)

// Years of history generated: LastYear-9 … LastYear.
const (
	LastYear  = 2025
	FirstYear = LastYear - 9
	// UnitSize is the number of people per generated collective.
	UnitSize = 20
)

var decisions = func() []string {
	d := make([]string, 200)
	for i := range d {
		d[i] = strconv.Itoa(i+1) + "/QĐ-VPUBND"
	}
	return d
}()

// People returns n individuals with 10-year histories, the same for the
// same seed. Ratings drift like real staff (mostly HTTNV, runs of HTXSNV),
// titles follow ratings and initiatives, and a few people have discipline,
// pending proceedings, maternity leave, revoked or đột xuất awards,
// consumed initiatives and leadership posts, so that every rule is used.
func People(n int, seed uint64) []rules.Subject {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]rules.Subject, n)
	for i := range out {
		out[i] = person(rng, i)
	}
	return out
}

func person(rng *rand.Rand, id int) rules.Subject {
	s := rules.Subject{Kind: rules.Individual, Gender: rules.Male}
	if rng.IntN(2) == 0 {
		s.Gender = rules.Female
	}
	s.Ratings = make([]thidua.Rating, 0, 10)
	s.Titles = make([]thidua.TitleRecord, 0, 12)
	skill := rng.IntN(100)
	cstdcsRun := 0
	for y := FirstYear; y <= LastYear; y++ {
		if rng.IntN(100) < 3 { // no record this year (joined late, long leave…)
			cstdcsRun = 0
			continue
		}
		var code string
		switch r := rng.IntN(100) + skill/4; {
		case r >= 95:
			code = thidua.RatingHTXSNV
		case r >= 25:
			code = thidua.RatingHTTNV
		case r >= 5:
			code = thidua.RatingHTNV
		default:
			code = thidua.RatingKHTNV
		}
		if skill > 80 && rng.IntN(3) > 0 {
			code = thidua.RatingHTXSNV
		}
		s.Ratings = append(s.Ratings, thidua.Rating{Year: y, Code: code})
		if rng.IntN(100) < 8+skill/10 {
			in := thidua.Initiative{Year: y, Level: thidua.LevelCoSo}
			switch rng.IntN(20) {
			case 0, 1:
				in.Level = thidua.LevelTinh
			case 2:
				in.Level = thidua.LevelToanQuoc
			}
			if rng.IntN(6) == 0 {
				in.Kind = thidua.InitiativeDeTai
			}
			switch rng.IntN(8) {
			case 0:
				in.ConsumedBy = "CSTDCS " + strconv.Itoa(y)
			case 1:
				in.ConsumedBy = "BKCT " + decisions[rng.IntN(len(decisions))]
			}
			s.Initiatives = append(s.Initiatives, in)
		}
		rank := thidua.RatingRank(code)
		if rank >= 3 && rng.IntN(20) > 0 {
			s.Titles = append(s.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleLDTT, Decision: decisions[rng.IntN(len(decisions))]})
		}
		if rank == 4 && rng.IntN(10) < 8 {
			t := thidua.TitleRecord{Year: y, Code: thidua.TitleCSTDCS, Path: thidua.PathHTXSNV, Decision: decisions[rng.IntN(len(decisions))]}
			if rng.IntN(40) == 0 {
				t.Revoked, t.RevokedReason = true, "Kê khai không trung thực"
			}
			s.Titles = append(s.Titles, t)
			cstdcsRun++
			if cstdcsRun >= 3 && rng.IntN(2) == 0 {
				s.Titles = append(s.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleCSTDT})
			}
		} else {
			cstdcsRun = 0
		}
	}
	for k := rng.IntN(4); k > 0; k-- {
		a := thidua.Award{Code: thidua.FormBKCT, Type: thidua.AwardCongTrang,
			Date: thidua.NewDate(FirstYear+rng.IntN(11), time.Month(time.Month(1+rng.IntN(12))), 1+rng.IntN(28)), Decision: decisions[rng.IntN(len(decisions))]}
		switch rng.IntN(10) {
		case 0:
			a.Code = thidua.FormBKTTG
		case 1:
			a.Code = thidua.FormGK
		case 2:
			a.Type = thidua.AwardDotXuat
		case 3:
			a.Type = thidua.AwardPhongTrao
		case 4:
			a.Code = thidua.FormBKBN
		}
		if rng.IntN(30) == 0 {
			a.Revoked, a.RevokedReason = true, "Hủy bỏ theo kết luận thanh tra"
		}
		s.Awards = append(s.Awards, a)
	}
	if rng.IntN(40) == 0 {
		from := thidua.NewDate(FirstYear+rng.IntN(11), time.Month(time.Month(1+rng.IntN(12))), 1)
		d := thidua.Discipline{From: from, Level: thidua.DisciplineLevels[rng.IntN(4)].Code}
		if rng.IntN(5) > 0 {
			d.To = thidua.DateOf(from.Time().AddDate(0, 6+rng.IntN(12), 0))
		}
		s.Disciplines = append(s.Disciplines, d)
	}
	if rng.IntN(100) == 0 {
		s.PendingProceedings = true
	}
	if s.Gender == rules.Female && rng.IntN(12) == 0 {
		y := FirstYear + rng.IntN(10)
		s.MaternityLeave = append(s.MaternityLeave, thidua.Period{From: thidua.NewDate(y, 3, 1), To: thidua.NewDate(y, 8, 31)})
		// A year on leave often has no rating or title recorded.
		if rng.IntN(2) == 0 {
			s.Ratings = dropYear(s.Ratings, y)
			s.Titles = dropTitles(s.Titles, y)
		}
	}
	if rng.IntN(50) == 0 {
		start := thidua.NewDate(2012+rng.IntN(10), time.Month(time.Month(1+rng.IntN(12))), 1)
		mid := thidua.DateOf(start.Time().AddDate(rng.IntN(6), rng.IntN(12), 0))
		s.Leadership = append(s.Leadership,
			thidua.LeadershipPost{Post: thidua.PostPhoGiamDocSo, From: start, To: mid},
			thidua.LeadershipPost{Post: thidua.LeadershipPosts[1+rng.IntN(4)].Code, From: mid})
	}
	s.ID = strconv.Itoa(id)
	return s
}

func dropYear(rs []thidua.Rating, y int) []thidua.Rating {
	out := rs[:0]
	for _, r := range rs {
		if r.Year != y {
			out = append(out, r)
		}
	}
	return out
}

func dropTitles(ts []thidua.TitleRecord, y int) []thidua.TitleRecord {
	out := ts[:0]
	for _, t := range ts {
		if t.Year != y {
			out = append(out, t)
		}
	}
	return out
}

// Units groups people into collectives of UnitSize members each (sharing
// the people's histories), with the unit's own rating and titles.
func Units(people []rules.Subject, seed uint64) []rules.Subject {
	rng := rand.New(rand.NewPCG(seed, seed^0x51ed2701))
	var out []rules.Subject
	for i := 0; i+UnitSize <= len(people); i += UnitSize {
		u := rules.Subject{Kind: rules.Collective, ID: "u" + strconv.Itoa(i/UnitSize), Members: people[i : i+UnitSize : i+UnitSize]}
		for y := FirstYear; y <= LastYear; y++ {
			code := thidua.RatingHTTNV
			switch rng.IntN(10) {
			case 0, 1, 2, 3:
				code = thidua.RatingHTXSNV
			case 4:
				code = thidua.RatingHTNV
			}
			u.Ratings = append(u.Ratings, thidua.Rating{Year: y, Code: code})
			if code == thidua.RatingHTXSNV && rng.IntN(2) == 0 {
				u.Titles = append(u.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleTTLDXS})
			} else if code != thidua.RatingHTNV {
				u.Titles = append(u.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleTTLDTT})
			}
		}
		if rng.IntN(20) == 0 {
			u.PendingProceedings = true
		}
		out = append(out, u)
	}
	return out
}
