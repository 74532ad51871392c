package articles

import (
	"fmt"
	"net/http"
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
	a := ResultsArticle(c, results)
	a.CategoryID = category
	if err := p.store.CreateArticle(r.Context(), a); err != nil {
		return err
	}
	p.s.Flash(w, r, "Đã soạn bản nháp tin tổng kết từ kết quả đợt thi đua. Hãy hoàn thiện nội dung, thêm ảnh rồi gửi duyệt.")
	http.Redirect(w, r, "/app/articles/"+kit.IdStr(a.ID)+"/edit", http.StatusSeeOther)
	return nil
}

// ResultsArticle drafts the article announcing a closed campaign's results
// (title, summary and a Markdown body with the rankings and the planned
// commendations), linked to the campaign and signed "BBT".
func ResultsArticle(c *thidua.Campaign, results []*thidua.Result) *news.Article {
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
	if len(c.Awards) > 0 {
		b.WriteString("## Khen thưởng\n\n")
		for _, aw := range c.Awards {
			label := aw.Label
			if label == "" {
				label = aw.Code
			}
			fmt.Fprintf(&b, "- %s: tối đa %d tập thể, %d cá nhân", mdCell(label), aw.MaxCollectives, aw.MaxIndividuals)
			var names []string
			for _, res := range collectives {
				if res.Rank <= aw.MaxCollectives {
					names = append(names, res.Registration.Name)
				}
			}
			for _, res := range individuals {
				if res.Rank <= aw.MaxIndividuals {
					names = append(names, res.Registration.Name)
				}
			}
			if len(names) > 0 {
				fmt.Fprintf(&b, "; dẫn đầu xếp hạng: %s", mdCell(strings.Join(names, ", ")))
			}
			b.WriteString(".\n")
		}
		b.WriteString("\n*(Biên tập viên bổ sung số, ngày quyết định khen thưởng khi có.)*\n")
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
