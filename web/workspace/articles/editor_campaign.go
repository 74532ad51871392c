package articles

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"thidua"
	"thidua/news"
	"thidua/web/kit"
)

// From a closed campaign, one click drafts the article announcing its
// results: the ranking of collectives and individuals and the planned
// commendations, in the "Thi đua – Khen thưởng" category, linked to the
// campaign, for an editor to finish and send for approval.

// resultsCategorySlug is the category results articles go to when it exists.
const resultsCategorySlug = "thi-dua-khen-thuong"

func (p *Handler) HandleArticleFromCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, p.s.Store.FindCampaignByID)
	if err != nil {
		return err
	}
	if c.State != thidua.CampaignClosed {
		return thidua.Errorf(thidua.ECONFLICT, "Chỉ soạn được tin tổng kết khi đợt thi đua “%s” đã tổng kết (đang ở trạng thái “%s”).",
			c.Title, thidua.Label(thidua.CampaignStates, c.State))
	}
	if !thidua.UserFromContext(r.Context()).SeesWholeRanking(c) {
		return thidua.Errorf(thidua.ECONFLICT, "Bạn chỉ thấy một phần kết quả của đợt thi đua “%s” nên tin tổng kết sẽ thiếu: "+
			"hãy đề nghị cán bộ thi đua bật “Công khai kết quả xếp hạng trong cơ quan” của đợt, hoặc để cán bộ thi đua soạn tin.", c.Title)
	}
	_, results, err := p.s.CampaignResults(r, c)
	if err != nil {
		return err
	}
	cats, err := p.store.FindCategories(r.Context())
	if err != nil {
		return err
	}
	if len(cats) == 0 {
		return thidua.Errorf(thidua.ECONFLICT, "Chưa có chuyên mục tin bài nào: hãy tạo chuyên mục trước.")
	}
	category := cats[0].ID
	for _, cat := range cats {
		if cat.Slug == resultsCategorySlug {
			category = cat.ID
		}
	}
	decisions, err := p.campaignDecisions(r, c)
	if err != nil {
		return err
	}
	a := ResultsArticle(c, results, decisions)
	a.CategoryID = category
	if err := p.store.CreateArticle(r.Context(), a); err != nil {
		return err
	}
	p.s.Flash(w, r, "Đã soạn bản nháp tin tổng kết từ kết quả đợt thi đua. Hãy hoàn thiện nội dung, thêm ảnh rồi gửi duyệt.")
	http.Redirect(w, r, "/app/articles/"+kit.IdStr(a.ID)+"/edit", http.StatusSeeOther)
	return nil
}

// campaignDecisions returns the decisions issued for campaign c: those
// giving an award to a nominee of one of its proposals, oldest first. An
// issued decision is a public act, so they are read whatever the editor's
// own scope (the editor sees the campaign).
func (p *Handler) campaignDecisions(r *http.Request, c *thidua.Campaign) ([]*thidua.Decision, error) {
	ctx := thidua.NewSystemContext(thidua.NewContextWithUser(r.Context(), nil))
	// Every proposal of the campaign, a page at a time, with the nominees
	// the page already carries (no second read per proposal).
	nominees := map[int64]bool{}
	for offset := 0; ; {
		props, total, err := p.s.Store.FindProposals(ctx, thidua.ProposalFilter{CampaignID: c.ID, Offset: offset, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, pr := range props {
			for _, n := range pr.Nominees {
				nominees[n.ID] = true
			}
		}
		offset += len(props)
		if len(props) == 0 || offset >= total {
			break
		}
	}
	if len(nominees) == 0 {
		return nil, nil
	}
	var out []*thidua.Decision
	for year := c.StartDate.Year(); year <= thidua.DateOf(p.s.Now()).Year()+1; year++ {
		var ds []*thidua.Decision
		for offset := 0; ; {
			page, total, err := p.s.Store.FindDecisions(ctx, thidua.DecisionFilter{State: thidua.DecisionIssued, Year: year, Offset: offset, Limit: 500})
			if err != nil {
				return nil, err
			}
			ds = append(ds, page...)
			offset += len(page)
			if len(page) == 0 || offset >= total {
				break
			}
		}
		for i := len(ds) - 1; i >= 0; i-- {
			if slices.ContainsFunc(ds[i].Recipients, func(rc thidua.Recipient) bool { return nominees[rc.NomineeID] }) {
				out = append(out, ds[i])
			}
		}
	}
	return out, nil
}

// ResultsArticle drafts the article announcing a closed campaign's results
// (title, summary and a Markdown body with the rankings and the
// commendations of the decisions issued for it, with their numbers and
// dates), linked to the campaign and signed "BBT". Without a decision it
// says none is issued yet, and names no award.
func ResultsArticle(c *thidua.Campaign, results []*thidua.Result, decisions []*thidua.Decision) *news.Article {
	collectives := thidua.Shortlist(results, thidua.ForCollectives, 0, 0)
	individuals := thidua.Shortlist(results, thidua.ForIndividuals, 0, 0)
	var b strings.Builder
	plan := ""
	if c.Plan.Number != "" {
		plan = " theo Kế hoạch số " + c.Plan.String()
		if !c.PlanDate.IsZero() {
			plan += " ngày " + c.PlanDate.String()
		}
	}
	fmt.Fprintf(&b, "%s đã tổng kết %s%s, diễn ra từ ngày %s đến ngày %s.\n\n",
		c.UnitName, lowerFirst(c.Title), plan, c.StartDate.String(), c.EndDate.String())
	fmt.Fprintf(&b, "Đợt thi đua có %d tập thể và %d cá nhân được duyệt đăng ký, chấm điểm theo các nội dung, tiêu chí của kế hoạch. "+
		"*(Biên tập viên bổ sung: ý nghĩa, kết quả nổi bật, phát biểu của lãnh đạo.)*\n\n", len(collectives), len(individuals))
	table := func(title string, rs []*thidua.Result) {
		if len(rs) == 0 {
			return
		}
		fmt.Fprintf(&b, "## %s\n\n| Hạng | %s | Đơn vị | Điểm | Tỷ lệ |\n|---:|---|---|---:|---:|\n", title, map[bool]string{true: "Tập thể", false: "Cá nhân"}[rs[0].Registration.Kind == thidua.ForCollectives])
		for _, res := range rs {
			unit := res.Registration.UnitName
			if res.Registration.Kind == thidua.ForCollectives {
				unit = ""
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s%% |\n", res.Rank, mdCell(res.Registration.Name), mdCell(unit),
				kit.FormatNumber(res.Total), kit.FormatNumber(res.Percent))
		}
		b.WriteString("\n")
	}
	table("Kết quả xếp hạng tập thể", collectives)
	table("Kết quả xếp hạng cá nhân", individuals)
	b.WriteString("## Khen thưởng\n\n")
	awarded := 0
	for _, d := range decisions {
		fmt.Fprintf(&b, "Quyết định số %s ngày %s của %s %s:\n\n", d.Ref(), d.Date.String(), mdCell(d.UnitName), mdCell(lowerFirst(d.Title)))
		var order []string
		byAward := map[string][]string{}
		for _, rc := range d.Recipients {
			if _, ok := byAward[rc.Award]; !ok {
				order = append(order, rc.Award)
			}
			byAward[rc.Award] = append(byAward[rc.Award], rc.Name)
		}
		for _, aw := range order {
			fmt.Fprintf(&b, "- %s (%d): %s.\n", mdCell(thidua.AwardName(aw)), len(byAward[aw]), mdCell(strings.Join(byAward[aw], ", ")))
		}
		b.WriteString("\n")
		awarded += len(d.Recipients)
	}
	if len(decisions) == 0 {
		b.WriteString("Chưa có quyết định khen thưởng nào được ban hành cho đợt thi đua này. *(Biên tập viên bổ sung khi có quyết định.)*\n")
	}
	summary := fmt.Sprintf("%s tổng kết %s: %d tập thể, %d cá nhân được xếp hạng", c.UnitName, lowerFirst(c.Title), len(collectives), len(individuals))
	var leaders []string
	if len(collectives) > 0 {
		leaders = append(leaders, collectives[0].Registration.Name)
	}
	if len(individuals) > 0 {
		leaders = append(leaders, individuals[0].Registration.Name)
	}
	if len(leaders) > 0 {
		summary += "; dẫn đầu là " + strings.Join(leaders, " và ")
	}
	if len(decisions) > 0 {
		refs := make([]string, len(decisions))
		for i, d := range decisions {
			refs[i] = d.Ref()
		}
		summary += fmt.Sprintf("; %d lượt tập thể, cá nhân được khen thưởng theo Quyết định số %s", awarded, strings.Join(refs, ", "))
	}
	summary += "."
	return &news.Article{Title: "Tổng kết " + lowerFirst(c.Title), Summary: summary, Body: b.String(),
		Signature: "BBT", CampaignID: c.ID}
}

// lowerFirst lower-cases the first letter of a title that follows a verb
// ("Tổng kết đợt thi đua …"), unless it starts an abbreviation.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || strings.ToUpper(string(r[1])) == string(r[1]) {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// mdCell escapes what would break a Markdown table cell or inline text.
func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "<", "&lt;", "\n", " ").Replace(s)
}
