package kit

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"thidua"
	"thidua/central"
	"thidua/rules"
)

func Esc(s string) string { return template.HTMLEscapeString(s) }

// The emulation officer's dashboard (/app/stats): campaigns in progress
// and how far their participants have got; proposals by state and by how
// soon they are due; awards by year, by title or form and by unit; and the
// fairness view that officers and the press ask about — how awards fall to
// leaders and staff, to women and men, unit by unit, set against the
// headcount (R-GEN-03). The statutory report of the same figures downloads
// as XLSX or PDF.

// statsNavHTML is the sub-navigation of the statistics pages.
func statsNavHTML(active string) template.HTML {
	links := []struct{ key, href, label string }{
		{"stats", "/app/stats", "Bảng điều hành, thống kê"},
		{"exports", "/app/exports", "Xuất danh sách, báo cáo"},
		{"forms", "/app/stats/forms", "Biểu mẫu thống kê"},
		{"imports", "/app/imports", "Nhập từ Excel"},
	}
	var b strings.Builder
	b.WriteString(`<nav class="subnav" aria-label="Thống kê, xuất nhập dữ liệu">`)
	for _, l := range links {
		cur := ""
		if l.key == active {
			cur = ` aria-current="page"`
		}
		b.WriteString(`<a href="` + l.href + `"` + cur + `>` + Esc(l.label) + `</a>`)
	}
	b.WriteString(`</nav>`)
	return template.HTML(b.String())
}

// verdictShort are the verdicts as a table cell shows them (the legend
// and each cell's label say them in full).
var verdictShort = []thidua.Option{
	{Code: "eligible", Label: "Đủ"},
	{Code: "not_eligible", Label: "Chưa đủ"},
	{Code: "needs_review", Label: "Xem xét"},
	{Code: "on_hold", Label: "Hoãn"},
}

// AwardColumn names an individual award for a table header and its legend.
type AwardColumn struct{ Code, Short, Name string }

// tableAwards lists the individual awards in table order.
func tableAwards() []AwardColumn {
	out := make([]AwardColumn, len(rules.IndividualAwards))
	for i, a := range rules.IndividualAwards {
		out[i] = AwardColumn{Code: a, Short: rules.AwardShort(a), Name: rules.AwardLabel(a)}
	}
	return out
}

// VerdictLabels are the verdicts in words.
var VerdictLabels = []thidua.Option{
	{Code: "eligible", Label: "Đủ điều kiện"},
	{Code: "not_eligible", Label: "Chưa đủ điều kiện"},
	{Code: "needs_review", Label: "Cần xem xét"},
	{Code: "on_hold", Label: "Tạm dừng xét"},
}

// commendationFuncs are the template functions of the commendation pages.
func commendationFuncs() map[string]any {
	return map[string]any{
		"proposalStates":    func() []thidua.Option { return thidua.ProposalStates },
		"proposalKinds":     func() []thidua.Option { return thidua.ProposalKinds },
		"titles":            func() []thidua.Option { return thidua.Titles },
		"forms":             func() []thidua.Option { return thidua.Forms },
		"awardName":         thidua.AwardName,
		"commentStates":     func() []thidua.Option { return central.CommentStates },
		"councilRoles":      func() []thidua.Option { return thidua.CouncilRoles },
		"decisionStates":    func() []thidua.Option { return thidua.DecisionStates },
		"signerAuthorities": func() []thidua.Option { return thidua.SignerAuthorities },
		"awardTypes":        func() []thidua.Option { return thidua.AwardTypes },
		"timelineAction":    func(a string) string { return thidua.Label(timelineActions, a) },
		"lines":             func(xs []string) string { return strings.Join(xs, "\n") },
		"longDateLine":      docDateLine,
	}
}

// timelineActions label the steps of a proposal's timeline.
var timelineActions = []thidua.Option{
	{Code: "create", Label: "Lập tờ trình"},
	{Code: "submit", Label: "Gửi tờ trình"},
	{Code: "receive", Label: "Tiếp nhận hồ sơ"},
	{Code: "appraise", Label: "Hoàn thành thẩm định"},
	{Code: "to_council", Label: "Trình Hội đồng"},
	{Code: "return", Label: "Trả lại đơn vị"},
	{Code: "decide", Label: "Có quyết định khen thưởng"},
	// The ladder (package ladder): forwarded, and the steps of the level
	// above mirrored on the lower proposal's timeline.
	{Code: "forward", Label: "Trình cấp trên"},
	{Code: "up_create", Label: "Cấp trên: lập tờ trình"},
	{Code: "up_submit", Label: "Cấp trên: gửi tờ trình"},
	{Code: "up_receive", Label: "Cấp trên: tiếp nhận hồ sơ"},
	{Code: "up_appraise", Label: "Cấp trên: hoàn thành thẩm định"},
	{Code: "up_to_council", Label: "Cấp trên: trình Hội đồng"},
	{Code: "up_return", Label: "Cấp trên: trả lại"},
	{Code: "up_decide", Label: "Cấp trên: có quyết định khen thưởng"},
}

// docDateLine writes a document date as "ngày 05 tháng 02 năm 2026": a zero
// before days under 10 and before months 1 and 2 (R-VB-05).
func docDateLine(d thidua.Date) string {
	if d.IsZero() {
		return "ngày … tháng … năm …"
	}
	month := strconv.Itoa(int(d.Time().Month()))
	if d.Time().Month() <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Time().Day(), month, d.Year())
}
