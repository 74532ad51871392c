package workspace

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
)

// statsQuery is the filter of the statistics, read from the query string.
type statsQuery struct {
	UnitID   int64
	From, To int
}

func (s *Handler) readStatsQuery(r *http.Request) statsQuery {
	q := r.URL.Query()
	now := thidua.DateOf(s.Now()).Year()
	sq := statsQuery{From: now - 4, To: now}
	sq.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if y, err := strconv.Atoi(q.Get("from")); err == nil && y >= 1945 && y <= 2200 {
		sq.From = y
	}
	if y, err := strconv.Atoi(q.Get("to")); err == nil && y >= 1945 && y <= 2200 {
		sq.To = y
	}
	if sq.To < sq.From {
		sq.From, sq.To = sq.To, sq.From
	}
	if sq.To-sq.From > 50 {
		sq.From = sq.To - 50
	}
	return sq
}

// Encode writes the filter back as a query string.
func (q statsQuery) Encode() string {
	v := url.Values{}
	if q.UnitID != 0 {
		v.Set("unit", strconv.FormatInt(q.UnitID, 10))
	}
	v.Set("from", strconv.Itoa(q.From))
	v.Set("to", strconv.Itoa(q.To))
	return v.Encode()
}

// ReportURL is the link to the statistics report with the page's filter.
func (p *statsPage) ReportURL(ext string) template.URL {
	return template.URL("/app/stats/report." + ext + "?" + p.Q.Encode())
}

type statsPage struct {
	kit.Page
	Q         statsQuery
	Units     []*thidua.Unit
	Years     []int
	Scope     string
	Campaigns []campaignRow
	Proposals *proposalStats
	Charts    map[string]*Chart
	Fair      thidua.Fairness
	UnitRows  []thidua.UnitRow
	Awards    int
}

// campaignRow is a campaign in progress with its participants' progress.
type campaignRow struct {
	C          *thidua.Campaign
	Progress   thidua.CampaignProgress // totals over units
	TimePct    int                     // share of the campaign's time gone
	ScoredPct  int                     // share of approved participants scored
	EvidPct    int
	ApprovePct int
}

// proposalStats counts proposals by state and due date.
type proposalStats struct {
	Total  int
	Open   int
	States *Chart
	Due    *Chart
	// Soon lists the open proposals due within 30 days or late, soonest first.
	Soon []proposalDue
}

type proposalDue struct {
	P    *thidua.Proposal
	Due  thidua.Date
	Days int // days left; negative when late
}

// StateLabel is the proposal's state in words.
func (d proposalDue) StateLabel() string { return thidua.Label(thidua.ProposalStates, d.P.State) }

// Late is the number of days past due.
func (d proposalDue) Late() int { return -d.Days }

// singleTop returns the one unit at the top of what the user sees, or 0
// when there are several: statistics then open on its branches.
func singleTop(units []*thidua.Unit) int64 {
	in := map[int64]bool{}
	for _, u := range units {
		in[u.ID] = true
	}
	var top int64
	for _, u := range units {
		if !in[u.ParentID] {
			if top != 0 {
				return 0
			}
			top = u.ID
		}
	}
	return top
}

func (s *Handler) HandleStats(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sq := s.readStatsQuery(r)
	units, _, err := s.Store.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return err
	}
	if sq.UnitID == 0 {
		sq.UnitID = singleTop(units)
	}
	data, err := s.Store.AwardStats(ctx, thidua.StatsFilter{UnitID: sq.UnitID, FromYear: sq.From, ToYear: sq.To})
	if err != nil {
		return err
	}
	p := &statsPage{Page: kit.Page{Title: "Bảng điều hành thi đua, khen thưởng", Nav: "stats"}, Q: sq, Units: units,
		Scope: statsScope(data), Charts: map[string]*Chart{}}
	for y := thidua.DateOf(s.Now()).Year(); y >= thidua.DateOf(s.Now()).Year()-30; y-- {
		p.Years = append(p.Years, y)
	}
	cs, _, err := s.Store.FindCampaigns(ctx, thidua.CampaignFilter{Limit: 200})
	if err != nil {
		return err
	}
	if p.Campaigns, err = s.campaignsInProgress(r, cs); err != nil {
		return err
	}
	if ps, ok := s.Store.(thidua.ProposalService); ok {
		p.Proposals = s.proposalStats(r, ps, cs)
	}
	s.awardCharts(p, data)
	s.Render(w, r, http.StatusOK, "stats.html", p)
	return nil
}

// statsScope names what the statistics cover.
func statsScope(d *thidua.StatsData) string {
	if d.Root != nil {
		return d.Root.Name + " (gồm các đơn vị trực thuộc)"
	}
	var tops []string
	in := map[int64]bool{}
	for _, u := range d.Units {
		in[u.ID] = true
	}
	for _, u := range d.Units {
		if !in[u.ParentID] {
			tops = append(tops, u.Name)
		}
	}
	if len(tops) == 0 {
		return "các đơn vị trong phạm vi được xem"
	}
	return strings.Join(tops, "; ") + " (gồm các đơn vị trực thuộc)"
}

func pct(a, b int) int {
	if b <= 0 {
		return 0
	}
	return min(max(a*100/b, 0), 100)
}

// progressTotaler sums each campaign's progress over its units
// (sqldb.DB.ProgressTotals).
type progressTotaler interface {
	ProgressTotals(ctx context.Context, cs []*thidua.Campaign) (map[int64]thidua.CampaignProgress, error)
}

// campaignsInProgress lists, of the campaigns cs, those in progress with
// their participants' progress.
// A store that sums them in one go (progressTotaler) is asked once.
func (s *Handler) campaignsInProgress(r *http.Request, cs []*thidua.Campaign) ([]campaignRow, error) {
	today := thidua.DateOf(s.Now())
	var open []*thidua.Campaign
	for _, c := range cs {
		switch c.State {
		case thidua.CampaignLaunched, thidua.CampaignInProgress, thidua.CampaignEvaluating:
			open = append(open, c)
		}
	}
	var totals map[int64]thidua.CampaignProgress
	if pt, ok := s.Store.(progressTotaler); ok {
		var err error
		if totals, err = pt.ProgressTotals(r.Context(), open); err != nil {
			return nil, err
		}
	}
	var out []campaignRow
	for _, c := range open {
		row := campaignRow{C: c}
		if totals != nil {
			row.Progress = totals[c.ID]
		} else {
			progress, err := s.Store.Progress(r.Context(), c.ID)
			if err != nil {
				return nil, err
			}
			for _, pr := range progress {
				row.Progress.Registered += pr.Registered
				row.Progress.Approved += pr.Approved
				row.Progress.WithEvidence += pr.WithEvidence
				row.Progress.Scored += pr.Scored
			}
		}
		if !c.StartDate.IsZero() && !c.EndDate.IsZero() {
			span := c.EndDate.Time().Sub(c.StartDate.Time()).Hours()
			gone := today.Time().Sub(c.StartDate.Time()).Hours()
			if span > 0 {
				row.TimePct = min(max(int(gone*100/span), 0), 100)
			}
		}
		row.ApprovePct = pct(row.Progress.Approved, row.Progress.Registered)
		row.EvidPct = pct(row.Progress.WithEvidence, row.Progress.Approved)
		row.ScoredPct = pct(row.Progress.Scored, row.Progress.Approved)
		out = append(out, row)
	}
	return out, nil
}

// proposalStats counts the proposals in scope. A proposal's due date is
// the end of the campaign it belongs to; proposals outside a campaign have
// none. The counts come grouped by state and campaign; the campaigns
// already listed (cs) give their end dates, others are looked up once
// each; only the open proposals of campaigns due within 30 days are read,
// for the list.
func (s *Handler) proposalStats(r *http.Request, ps thidua.ProposalService, cs []*thidua.Campaign) *proposalStats {
	ctx := r.Context()
	counts, err := ps.CountProposalsByState(ctx, thidua.ProposalFilter{})
	if err != nil {
		s.Log.Warn("dashboard proposals", "err", err)
		return nil
	}
	st := &proposalStats{}
	byState := thidua.CountsByState(counts)
	ends := map[int64]thidua.Date{}
	for _, c := range cs {
		ends[c.ID] = c.EndDate
	}
	today := thidua.DateOf(s.Now())
	due := [5]int{}  // late, ≤7 days, ≤30 days, later, none
	var soon []int64 // campaigns due within 30 days or late
	for _, c := range counts {
		st.Total += c.Count
		if c.State == thidua.ProposalDecided {
			continue
		}
		st.Open += c.Count
		var d thidua.Date
		if c.CampaignID != 0 {
			end, ok := ends[c.CampaignID]
			if !ok {
				if cp, err := s.Store.FindCampaignByID(ctx, c.CampaignID); err == nil {
					end = cp.EndDate
				}
				ends[c.CampaignID] = end
			}
			d = end
		}
		if d.IsZero() {
			due[4] += c.Count
			continue
		}
		days := int(d.Time().Sub(today.Time()).Hours() / 24)
		switch {
		case days < 0:
			due[0] += c.Count
		case days <= 7:
			due[1] += c.Count
		case days <= 30:
			due[2] += c.Count
		default:
			due[3] += c.Count
		}
		if days <= 30 && !slices.Contains(soon, c.CampaignID) {
			soon = append(soon, c.CampaignID)
		}
	}
	// Soonest campaigns first; 15 open proposals are enough for the list.
	sort.Slice(soon, func(i, j int) bool { return ends[soon[i]].Before(ends[soon[j]]) })
	for _, id := range soon {
		if len(st.Soon) >= 15 {
			break
		}
		d := ends[id]
		days := int(d.Time().Sub(today.Time()).Hours() / 24)
		list, _, err := ps.FindProposals(ctx, thidua.ProposalFilter{CampaignID: id, CountNominees: true, Limit: 15 + byCampaign(counts, id, thidua.ProposalDecided)})
		if err != nil {
			s.Log.Warn("dashboard proposals", "err", err)
			return nil
		}
		for _, p := range list {
			if p.State != thidua.ProposalDecided {
				st.Soon = append(st.Soon, proposalDue{P: p, Due: d, Days: days})
			}
		}
	}
	sort.Slice(st.Soon, func(i, j int) bool { return st.Soon[i].Days < st.Soon[j].Days })
	if len(st.Soon) > 15 {
		st.Soon = st.Soon[:15]
	}
	states := &Chart{ID: "ch-proposal-states", Title: "Tờ trình đề nghị khen thưởng theo trạng thái",
		TableHead: []string{"Trạng thái", "Số tờ trình"}}
	for _, o := range thidua.ProposalStates {
		states.Rows = append(states.Rows, ChartRow{Label: o.Label, Values: []float64{float64(byState[o.Code])}})
	}
	states.Desc = describeBars(states, "tờ trình")
	dueChart := &Chart{ID: "ch-proposal-due", Title: "Tờ trình chưa có quyết định theo hạn (ngày kết thúc đợt thi đua)",
		TableHead: []string{"Hạn", "Số tờ trình"}}
	for i, l := range []string{"Đã quá hạn", "Đến hạn trong 7 ngày", "Đến hạn trong 8–30 ngày", "Còn hơn 30 ngày", "Không gắn đợt thi đua (không có hạn)"} {
		dueChart.Rows = append(dueChart.Rows, ChartRow{Label: l, Values: []float64{float64(due[i])}})
	}
	dueChart.Desc = describeBars(dueChart, "tờ trình")
	st.States, st.Due = states, dueChart
	return st
}

// byCampaign is the count of one state's proposals of one campaign.
func byCampaign(cs []thidua.ProposalCount, campaignID int64, state string) int {
	for _, c := range cs {
		if c.CampaignID == campaignID && c.State == state {
			return c.Count
		}
	}
	return 0
}

// describeBars says in words what a one-series bar chart shows.
func describeBars(c *Chart, noun string) string {
	var parts []string
	for _, r := range c.Rows {
		if len(r.Values) > 0 {
			parts = append(parts, r.Label+": "+num(r.Values[0])+" "+noun)
		}
	}
	if len(parts) == 0 {
		return "Chưa có số liệu."
	}
	return strings.Join(parts, "; ") + "."
}

func (s *Handler) awardCharts(p *statsPage, d *thidua.StatsData) {
	p.Awards = d.Count()
	// By year, stacked by level.
	years := &Chart{ID: "ch-years", Title: "Khen thưởng theo năm và cấp khen thưởng",
		Series: []string{"Cấp Nhà nước", "Cấp Bộ, ngành, tỉnh", "Cấp cơ sở"}, TableHead: []string{"Năm", "Cấp Nhà nước", "Cấp Bộ, ngành, tỉnh", "Cấp cơ sở", "Tổng số"}}
	var yparts []string
	for _, y := range d.ByYear() {
		years.Rows = append(years.Rows, ChartRow{Label: "Năm " + strconv.Itoa(y.Year),
			Values: []float64{float64(y.ByLevel[0]), float64(y.ByLevel[1]), float64(y.ByLevel[2])},
			Cells:  []string{strconv.Itoa(y.ByLevel[0]), strconv.Itoa(y.ByLevel[1]), strconv.Itoa(y.ByLevel[2]), strconv.Itoa(y.Total())}})
		yparts = append(yparts, "năm "+strconv.Itoa(y.Year)+": "+strconv.Itoa(y.Total()))
	}
	years.Desc = "Số danh hiệu thi đua và hình thức khen thưởng đã nhận theo năm, mỗi năm ba thanh theo cấp. Tổng: " + strings.Join(yparts, "; ") + "."
	p.Charts["years"] = years

	// By title or form: those received at least once.
	forms := &Chart{ID: "ch-forms", Title: "Khen thưởng theo danh hiệu, hình thức",
		Series: []string{"Tập thể", "Cá nhân"}, TableHead: []string{"Danh hiệu, hình thức", "Tập thể", "Cá nhân"}}
	for _, row := range d.ByAward() {
		if row.Total > 0 {
			forms.Rows = append(forms.Rows, ChartRow{Label: row.Label, Values: []float64{float64(row.Collective), float64(row.Individual)}})
		}
	}
	forms.Desc = "Số lượt nhận mỗi danh hiệu thi đua, hình thức khen thưởng, chia tập thể và cá nhân."
	p.Charts["forms"] = forms

	// By unit.
	p.UnitRows = d.ByUnit()
	unitsC := &Chart{ID: "ch-units", Title: "Khen thưởng theo đơn vị", Series: []string{"Danh hiệu thi đua", "Hình thức khen thưởng"},
		TableHead: []string{"Đơn vị", "Danh hiệu thi đua", "Hình thức khen thưởng", "Tổng số"}}
	for _, u := range p.UnitRows {
		titles, forms := u.TitlesCollective+u.TitlesIndividual, u.FormsCollective+u.FormsIndividual
		unitsC.Rows = append(unitsC.Rows, ChartRow{Label: u.Label, Values: []float64{float64(titles), float64(forms)},
			Cells: []string{strconv.Itoa(titles), strconv.Itoa(forms), strconv.Itoa(u.Total)}})
	}
	unitsC.Desc = "Số danh hiệu thi đua và hình thức khen thưởng của mỗi đơn vị (gồm các đơn vị trực thuộc)."
	p.Charts["units"] = unitsC

	// Fairness: shares of staff, of individual awards, of higher awards.
	f := d.Fairness()
	p.Fair = f
	share := func(id, title string, series []string, head, awards, high [2]int, noun string) *Chart {
		c := &Chart{ID: id, Title: title, Series: series, Percent: true,
			TableHead: []string{"", series[0], series[1], "Tỷ lệ " + strings.ToLower(series[0])}}
		add := func(label string, v [2]int) {
			c.Rows = append(c.Rows, ChartRow{Label: label, Values: []float64{float64(v[0]), float64(v[1])},
				Cells: []string{strconv.Itoa(v[0]), strconv.Itoa(v[1]), num(thidua.Share(v[0], v[0]+v[1])*100) + "%"}})
		}
		add("Nhân sự hiện có", head)
		add("Lượt khen cá nhân", awards)
		add("Khen cấp tỉnh trở lên", high)
		c.Desc = series[0] + " chiếm " + num(thidua.Share(head[0], head[0]+head[1])*100) + "% nhân sự hiện có, " +
			num(thidua.Share(awards[0], awards[0]+awards[1])*100) + "% lượt khen thưởng cá nhân và " +
			num(thidua.Share(high[0], high[0]+high[1])*100) + "% lượt khen cấp tỉnh trở lên" + noun + "."
		return c
	}
	p.Charts["post"] = share("ch-fair-post", "Lãnh đạo, quản lý và người không giữ chức vụ", []string{"Lãnh đạo, quản lý", "Không giữ chức vụ lãnh đạo"},
		[2]int{f.HeadLeaders, f.HeadStaff}, [2]int{f.LeaderAwards, f.StaffAwards}, [2]int{f.HighLeaders, f.HighStaff},
		"; luật yêu cầu quan tâm khen thưởng người lao động trực tiếp")
	p.Charts["gender"] = share("ch-fair-gender", "Nữ và nam", []string{"Nữ", "Nam"},
		[2]int{f.HeadWomen, f.HeadMen}, [2]int{f.WomenAwards, f.MenAwards}, [2]int{f.HighWomen, f.HighMen},
		"; luật yêu cầu bảo đảm bình đẳng giới")
	rate := &Chart{ID: "ch-fair-units", Title: "Lượt khen cá nhân trên 100 người trong cả giai đoạn, theo đơn vị", Unit: "",
		TableHead: []string{"Đơn vị", "Số người hiện có", "Lượt khen cá nhân", "Trên 100 người", "Trong đó nữ", "Trong đó lãnh đạo"}}
	for _, u := range p.UnitRows {
		if u.Headcount == 0 && u.Individual() == 0 {
			continue
		}
		rate.Rows = append(rate.Rows, ChartRow{Label: u.Label, Values: []float64{u.PerHundred()},
			Cells: []string{strconv.Itoa(u.Headcount), strconv.Itoa(u.Individual()), num(u.PerHundred()), strconv.Itoa(u.Women), strconv.Itoa(u.Leaders)}})
	}
	rate.Desc = "Số lượt khen thưởng cá nhân của mỗi đơn vị tính trên 100 người đang công tác, để so sánh các đơn vị có quy mô khác nhau."
	p.Charts["rate"] = rate
}

func (s *Handler) HandleStatsReport(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.Exports == nil {
		s.NotFound(w, r)
		return nil
	}
	sq := s.readStatsQuery(r)
	if sq.UnitID == 0 {
		units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
		if err != nil {
			return err
		}
		sq.UnitID = singleTop(units)
	}
	data, err := s.Store.AwardStats(r.Context(), thidua.StatsFilter{UnitID: sq.UnitID, FromYear: sq.From, ToYear: sq.To})
	if err != nil {
		return err
	}
	rep := &thidua.StatsReport{Agency: s.statsAgency(r, data), Place: s.Cfg.Place, Date: s.Now(), Scope: statsScope(data), Data: data}
	// Both are written into the response as they are made: the workbook's
	// list of awards row by row from the database (StatsData.EachFact),
	// so no report is held whole. Until the first byte is sent a failure
	// still gets an error page; after it, the download is broken off.
	name := "thong-ke-khen-thuong-" + strconv.Itoa(sq.From) + "-" + strconv.Itoa(sq.To)
	out := &sentWriter{w: w}
	if strings.HasSuffix(r.URL.Path, ".pdf") {
		name += ".pdf"
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		w.Header().Set("Cache-Control", "private, no-store")
		err = s.Cfg.Exports.StatsPDF(out, rep)
	} else {
		name += ".xlsx"
		kit.XLSXHeaders(w, name)
		err = s.Cfg.Exports.StatsXLSX(out, rep)
	}
	if err != nil {
		if out.n == 0 {
			for _, h := range []string{"Content-Type", "Content-Disposition", "Cache-Control"} {
				w.Header().Del(h)
			}
			return err
		}
		// Break the download, so that a file cut short cannot pass for
		// whole.
		s.Log.Error("statistics report cut short", "name", name, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// statsAgency is the report header's agency: the filter's unit (with its
// parent) or the first unit in scope.
func (s *Handler) statsAgency(r *http.Request, d *thidua.StatsData) string {
	u := d.Root
	if u == nil && len(d.Units) > 0 {
		u = d.Units[0]
	}
	if u == nil {
		return ""
	}
	agency := strings.ToUpper(u.Name)
	if u.ParentName != "" {
		agency = strings.ToUpper(u.ParentName) + "\n" + agency
	}
	return agency
}
