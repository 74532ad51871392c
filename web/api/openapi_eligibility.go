package api

import (
	"maps"
	"net/http"
	"slices"
	"thidua"
	"thidua/rules"
)

// The OpenAPI documentation of the eligibility part of the API
// (api_eligibility.go): its operations join apiOps, its schemas and query
// parameters join the components.

const oaTagEligibility = "Xét điều kiện khen thưởng"

func init() { maps.Copy(apiOps, oaEligibilityOps) }

// oaEligibilityParams are the query parameters of the verdicts of a stored
// person or unit (declared on the path: see apiOp.PathParams).
var oaEligibilityParams = []string{"year", "as_of"}

var oaEligibilityOps = map[string]apiOp{
	"POST /api/v1/eligibility/evaluate": {ID: "evaluateEligibility", Tag: oaTagEligibility,
		Summary: "Xét điều kiện một danh hiệu, hình thức khen thưởng cho một lịch sử gửi kèm",
		Desc: "Hợp đồng độc lập: gửi đầy đủ lịch sử của chủ thể (xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, " +
			"thủ tục đang xem xét, nghỉ thai sản, chức vụ; tập thể gửi kèm `members`), không đọc dữ liệu đã lưu. " +
			"Trả về kết luận (`eligible`, `not_eligible`, `needs_review`, `on_hold`) với từng điều kiện: mã quy tắc, đạt hay không, " +
			"dữ kiện đã dùng, giải thích tiếng Việt và căn cứ pháp lý; kèm tỷ lệ biểu quyết Hội đồng (R-HD-03) và tiền thưởng (R-TIEN-01/02). " +
			"Danh hiệu xét theo quy định có hiệu lực ngày 31/12 của năm xét; hình thức khen thưởng, tiền thưởng theo ngày `as_of`. " +
			"**Mã không tồn tại, lịch sử sai dạng (năm trùng, danh hiệu tập thể ghi cho cá nhân, ngày không có thật…) trả về 400** " +
			"(không phải 422), `errors` ghi lỗi theo đường dẫn JSON, ví dụ `award`, `subject.ratings[0].rating`.",
		Body: "EvaluationRequest", Status: http.StatusOK, Result: "Verdict", Errors: []int{400}},
	"GET /api/v1/eligibility/forecast": {ID: "getEligibilityForecast", Tag: oaTagEligibility, Summary: "Dự báo danh hiệu, hình thức năm sau",
		Desc: "Với các cá nhân (hoặc đơn vị) của `unit_id` và đơn vị trực thuộc trong phạm vi được phân quyền: ai sẽ đủ điều kiện " +
			"danh hiệu, hình thức nào vào năm `year` + 1 nếu kết quả năm `year` được duy trì (`eligible_next_year`), " +
			"và chuỗi danh hiệu, xếp loại liên tục của ai bị gián đoạn năm `year` (`streak_broken`). " +
			"Đơn vị không tồn tại hoặc ngoài phạm vi: 404; tham số sai: 422.",
		Params: []string{"forecast_unit_id", "forecast_subject", "year", "as_of"}, Status: http.StatusOK, Result: "Forecast", Errors: []int{404, 422}},
	"GET /api/v1/people/{id}/eligibility": {ID: "getPersonEligibility", Tag: oaTagEligibility, Summary: "Xét điều kiện mọi danh hiệu, hình thức cho một cá nhân",
		Desc: "Đánh giá lịch sử đã lưu của cá nhân cho năm `year` (mặc định: năm trước), tính đến ngày `as_of` (mặc định: hôm nay), " +
			"theo hồ sơ quy định của tỉnh được cấu hình; trả về kết luận cho từng danh hiệu, hình thức dành cho cá nhân." + oaScopeNote,
		PathParams: oaEligibilityParams, Status: http.StatusOK, Result: "Eligibility", Errors: []int{404, 422}},
	"GET /api/v1/units/{id}/eligibility": {ID: "getUnitEligibility", Tag: oaTagEligibility, Summary: "Xét điều kiện mọi danh hiệu, hình thức cho một tập thể",
		Desc:       "Như với cá nhân; thành viên của tập thể là các cá nhân của đơn vị và đơn vị trực thuộc (`subject.members` là số thành viên đã xét)." + oaScopeNote,
		PathParams: oaEligibilityParams, Status: http.StatusOK, Result: "Eligibility", Errors: []int{404, 422}},
	"GET /api/v1/people/{id}/history": {ID: "getPersonHistory", Tag: oaTagEligibility, Summary: "Lịch sử khen thưởng của một cá nhân",
		Desc: "Xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, thủ tục đang xem xét, nghỉ thai sản, chức vụ: những gì bộ xét điều kiện đọc. " +
			"Lịch sử theo cá nhân, không theo đơn vị (giữ nguyên khi chuyển công tác). Chưa có gì: các danh sách rỗng, `version` 0." + oaScopeNote,
		Status: http.StatusOK, Result: "SubjectHistory", Errors: []int{404}},
	"PUT /api/v1/people/{id}/history": {ID: "savePersonHistory", Tag: oaTagEligibility, Summary: "Lưu lịch sử khen thưởng của một cá nhân",
		Desc: "Thay toàn bộ lịch sử: mỗi danh sách được thay bằng danh sách gửi lên; danh sách không gửi bị làm rỗng. " +
			"Dữ liệu sai: 422, `errors` ghi theo đường dẫn trong nội dung gửi lên, ví dụ `ratings[2].rating`, `awards[0].date`. " +
			"Gửi `version` đã đọc (0 khi chưa có lịch sử); đã bị người khác sửa: 409. Khi lưu, các danh sách được sắp theo thời gian." + oaWriteScopeNote,
		Body: "HistoryInput", Status: http.StatusOK, Result: "SubjectHistory", Errors: []int{404, 409, 422}},
	"GET /api/v1/units/{id}/history": {ID: "getUnitHistory", Tag: oaTagEligibility, Summary: "Lịch sử khen thưởng của một tập thể",
		Desc:   "Xếp loại, danh hiệu, khen thưởng của đơn vị (tập thể). Chưa có gì: các danh sách rỗng, `version` 0." + oaScopeNote,
		Status: http.StatusOK, Result: "SubjectHistory", Errors: []int{404}},
	"PUT /api/v1/units/{id}/history": {ID: "saveUnitHistory", Tag: oaTagEligibility, Summary: "Lưu lịch sử khen thưởng của một tập thể",
		Desc: "Như với cá nhân." + oaLockNote + oaWriteScopeNote,
		Body: "HistoryInput", Status: http.StatusOK, Result: "SubjectHistory", Errors: []int{404, 409, 422}},
}

// oaEligibilityParameters are the query parameters of the eligibility part.
func oaEligibilityParameters() map[string]any {
	query := func(name, desc string, schema map[string]any) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	return map[string]any{
		"year": query("year", "Năm xét (năm thành tích), mặc định năm trước.",
			map[string]any{"type": "integer", "minimum": 1945, "maximum": 2200}),
		"as_of": query("as_of", "Ngày xét (ngày quyết định): chọn quy định về hình thức khen thưởng, thủ tục đang xem xét, kỷ luật, mức lương cơ sở; mặc định hôm nay.",
			oaDateIn("")),
		"forecast_unit_id": query("unit_id", "Đơn vị (gồm đơn vị trực thuộc); bỏ trống: mọi đơn vị trong phạm vi được phân quyền.",
			map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
		"forecast_subject": query("subject", "Dự báo cho cá nhân hay tập thể (mặc định "+thidua.SubjectPerson+").", oaEnum(forecastSubjects, "")),
	}
}

// oaAwardCodes lists the awards the engine evaluates, individual ones first.
func oaAwardCodes() []thidua.Option {
	var opts []thidua.Option
	for _, code := range append(slices.Clone(rules.IndividualAwards), rules.CollectiveAwards...) {
		if !slices.ContainsFunc(opts, func(o thidua.Option) bool { return o.Code == code }) {
			opts = append(opts, thidua.Option{Code: code, Label: rules.AwardLabel(code)})
		}
	}
	return opts
}

// Condition statuses of a verdict (rules.Condition.Status).
var oaConditionStatuses = []thidua.Option{
	{Code: "met", Label: "đạt"},
	{Code: "not_met", Label: "chưa đạt"},
	{Code: "review", Label: "cần người có thẩm quyền đánh giá, hoặc căn cứ có độ tin cậy C/X"},
	{Code: "hold", Label: "tạm hoãn (đang có thủ tục xem xét)"},
	{Code: "note", Label: "lưu ý, không ảnh hưởng kết luận"},
	{Code: "attest", Label: "tiêu chuẩn Hội đồng xem xét khi bình xét"},
}

var oaGrades = []thidua.Option{
	{Code: "A", Label: "trích dẫn nguyên văn văn bản"},
	{Code: "B", Label: "nguồn thứ cấp trích dẫn văn bản"},
	{Code: "C", Label: "chưa đối chiếu văn bản"},
	{Code: "X", Label: "chưa được quy định rõ"},
}

var oaForecastKinds = []thidua.Option{
	{Code: rules.ForecastEligible, Label: "đủ điều kiện năm sau nếu duy trì kết quả"},
	{Code: rules.ForecastBroken, Label: "chuỗi liên tục bị gián đoạn năm xét"},
}

// oaEligibilitySchemas are the schemas of the eligibility part.
func oaEligibilitySchemas(provinces []thidua.Option) map[string]any {
	year := map[string]any{"type": "integer", "minimum": 1945, "maximum": 2200, "description": "Năm."}
	yearOf := func(desc string) map[string]any {
		return map[string]any{"type": "integer", "minimum": 1945, "maximum": 2200, "description": desc}
	}
	decision := oaStringMax("Số, ký hiệu quyết định (ví dụ 15/QĐ-VPUBND).", 100)
	revoked := oaBool("Đã bị hủy bỏ, thu hồi (R-GEN-08): không được tính ở đâu.")
	revokedReason := oaStringMax("Lý do hủy bỏ; chỉ ghi khi revoked là true.", 500)
	record := func(desc string, required []string, props map[string]any) map[string]any {
		o := oaObject(required, props)
		o["additionalProperties"] = false
		o["description"] = desc
		return o
	}
	list := func(item, desc string) map[string]any { return oaArray(item, desc) }
	verdict := oaEnum(rules.VerdictLabels, "Kết luận.")

	return map[string]any{
		"Rating": record("Xếp loại chất lượng hằng năm (đã chốt, sau khi áp tỷ lệ HTXSNV).", []string{"year", "rating"}, map[string]any{
			"year":   yearOf("Năm đánh giá."),
			"rating": oaEnum(thidua.RatingCodes, "Xếp loại."),
			"source": oaStringMax("Văn bản thông báo kết quả xếp loại.", 255),
		}),
		"TitleRecord": record("Danh hiệu thi đua đã được tặng.", []string{"year", "code"}, map[string]any{
			"year":           yearOf("Năm thành tích của danh hiệu."),
			"code":           oaEnum(thidua.Titles, "Danh hiệu."),
			"path":           oaEnum(thidua.TitlePaths, "Căn cứ đạt danh hiệu (ví dụ CSTĐCS theo HTXSNV hay theo sáng kiến); không có khi chưa ghi."),
			"decision":       decision,
			"revoked":        revoked,
			"revoked_reason": revokedReason,
		}),
		"Award": record("Hình thức khen thưởng đã nhận.", []string{"code", "date", "type"}, map[string]any{
			"code":           oaEnum(thidua.Forms, "Hình thức khen thưởng."),
			"date":           oaDateIn("Ngày quyết định."),
			"type":           oaEnum(thidua.AwardTypes, "Loại hình khen thưởng (R-GEN-01); đột xuất, phong trào không tính cho khen thưởng công trạng (R-GEN-05)."),
			"decision":       decision,
			"revoked":        revoked,
			"revoked_reason": revokedReason,
		}),
		"Initiative": record("Sáng kiến hoặc đề tài, đề án, công trình khoa học đã nghiệm thu.", []string{"year", "level"}, map[string]any{
			"year":  yearOf("Năm được công nhận."),
			"level": oaEnum(thidua.InitiativeLevels, "Cấp công nhận."),
			"kind":  oaEnum(thidua.InitiativeKinds, "Loại (bỏ trống: sáng kiến)."),
			"title": oaStringMax("Tên sáng kiến, đề tài.", 500),
			"consumed_by": map[string]any{"type": []string{"string", "null"}, "maxLength": 200, "examples": []any{"CSTDCS 2024", "BKCT 15/QĐ-UBND"},
				"description": "Khen thưởng đã dùng sáng kiến này làm căn cứ, bắt đầu bằng mã danh hiệu, hình thức (R-SK-03); bỏ trống hoặc null khi chưa dùng."},
		}),
		"Discipline": record("Kỷ luật.", []string{"from", "level"}, map[string]any{
			"from":     oaDateIn("Ngày bắt đầu thời hạn kỷ luật."),
			"to":       oaDateIn("Ngày hết thời hạn kỷ luật; null khi chưa hết."),
			"level":    oaEnum(thidua.DisciplineLevels, "Hình thức kỷ luật."),
			"decision": decision,
		}),
		"PendingProceeding": record("Thủ tục đang xem xét (kỷ luật, điều tra, thanh tra, kiểm tra, xác minh khiếu nại): trong thời gian này không xét khen thưởng (R-GEN-06).",
			[]string{"kind", "from"}, map[string]any{
				"kind": oaEnum(thidua.ProceedingKinds, "Loại thủ tục."),
				"from": oaDateIn("Ngày bắt đầu."),
				"to":   oaDateIn("Ngày có kết luận; null khi chưa kết luận."),
				"note": oaStringMax("Ghi chú (văn bản, nội dung).", 500),
			}),
		"Period": record("Thời gian nghỉ thai sản theo chế độ (R-GEN-07), tính cả hai đầu.", []string{"from", "to"}, map[string]any{
			"from": oaDateIn("Từ ngày."),
			"to":   oaDateIn("Đến ngày."),
		}),
		"LeadershipPost": record("Chức vụ lãnh đạo, quản lý (cho khen thưởng quá trình cống hiến, R-CH-01).", []string{"post", "from"}, map[string]any{
			"post":  oaEnum(thidua.LeadershipPosts, "Cấp chức vụ (và tương đương)."),
			"title": oaStringMax("Tên chức vụ.", 255),
			"from":  oaDateIn("Từ ngày."),
			"to":    oaDateIn("Đến ngày; null khi đang giữ."),
		}),
		"EvaluationSubject": record("Lịch sử đầy đủ của một cá nhân hoặc tập thể, gửi kèm yêu cầu xét.", []string{"kind"}, map[string]any{
			"id":   oaString("Mã của chủ thể ở hệ thống gọi (tùy chọn)."),
			"name": oaString("Tên (tùy chọn)."),
			"kind": oaEnum([]thidua.Option{{Code: rules.Individual, Label: "cá nhân"}, {Code: rules.Collective, Label: "tập thể"}, {Code: rules.Household, Label: "hộ gia đình"}},
				"Loại chủ thể (thành viên của tập thể: mặc định individual)."),
			"occupation": oaEnum(rules.Occupations, "Cá nhân là công nhân, nông dân, người lao động ngoài khu vực nhà nước (R-LDTT-02); bỏ trống với cán bộ, công chức, viên chức."),
			"posthumous": oaBool("Đề nghị truy tặng (chỉ cá nhân)."),
			"registrations": map[string]any{"type": []string{"array", "null"}, "items": map[string]any{"type": "integer"},
				"description": "Các năm đã đăng ký thi đua (R-CAMP-04); null hoặc bỏ trống khi không có dữ liệu."},
			"gender": oaEnum([]thidua.Option{{Code: rules.Female, Label: "nữ"}, {Code: rules.Male, Label: "nam"}},
				"Giới tính của cá nhân (cũng nhận \"nu\", \"nữ\", \"nam\")."),
			"ratings":             list("Rating", "Xếp loại theo năm, mỗi năm một."),
			"titles":              list("TitleRecord", "Danh hiệu đã được tặng."),
			"awards":              list("Award", "Hình thức khen thưởng đã nhận."),
			"initiatives":         list("Initiative", "Sáng kiến, đề tài."),
			"disciplines":         list("Discipline", "Kỷ luật."),
			"pending_proceedings": oaBool("Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo vào ngày xét."),
			"maternity_leave":     list("Period", "Thời gian nghỉ thai sản (chỉ cá nhân)."),
			"leadership":          list("LeadershipPost", "Chức vụ lãnh đạo, quản lý."),
			"members":             list("EvaluationSubject", "Thành viên của tập thể trong năm xét, mỗi thành viên là một cá nhân (chỉ tập thể)."),
		}),
		"EvaluationRequest": oaInput("Yêu cầu xét một danh hiệu, hình thức cho một lịch sử.", []string{"award", "year", "as_of", "subject"}, map[string]any{
			"award":    oaEnum(oaAwardCodes(), "Danh hiệu, hình thức cần xét (phải phù hợp với loại chủ thể)."),
			"year":     yearOf("Năm xét (năm thành tích)."),
			"as_of":    oaDateIn("Ngày xét, ngày quyết định."),
			"province": oaEnum(provinces, "Hồ sơ quy định của tỉnh (mặc định default)."),
			"subject":  oaRef("schemas", "EvaluationSubject"),
		}),

		"Fact": oaObject([]string{"name", "value", "text"}, map[string]any{
			"name":      oaString("Tên dữ kiện (xem rules.Vocabulary)."),
			"value":     map[string]any{"description": "Giá trị (số, chuỗi, true/false)."},
			"text":      oaString("Diễn giải tiếng Việt."),
			"years":     map[string]any{"type": "array", "items": map[string]any{"type": "integer"}, "description": "Các năm đã dùng."},
			"decisions": map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "Các quyết định đã dùng."},
		}),
		"Condition": oaObject([]string{"rule", "met", "status", "grade", "citation", "explanation"}, map[string]any{
			"rule":        oaString("Mã quy tắc (R-…)."),
			"point":       oaString("Mã điều kiện trong quy tắc (ví dụ a, d2)."),
			"met":         map[string]any{"type": []string{"boolean", "null"}, "description": "Đạt hay không; null khi cần người đánh giá."},
			"status":      oaEnum(oaConditionStatuses, "Trạng thái."),
			"grade":       oaEnum(oaGrades, "Độ tin cậy của căn cứ."),
			"citation":    oaString("Căn cứ pháp lý: văn bản, Điều, Khoản, Điểm."),
			"explanation": oaString("Giải thích tiếng Việt."),
			"group":       oaString("Nhóm \"một trong các tiêu chuẩn\" của điều kiện."),
			"facts":       oaArray("Fact", "Dữ kiện đã dùng (năm, quyết định)."),
		}),
		"Money": oaObject([]string{"multiplier", "base_salary_vnd", "amount_vnd"}, map[string]any{
			"multiplier":      oaNumber("Hệ số so với mức lương cơ sở."),
			"base_salary_vnd": map[string]any{"type": "integer", "minimum": 0, "description": "Mức lương cơ sở có hiệu lực vào ngày quyết định (đồng)."},
			"amount_vnd":      map[string]any{"type": "integer", "minimum": 0, "description": "Tiền thưởng, làm tròn lên 10.000 đồng; 0 khi chỉ trả danh hiệu cao nhất cùng thời kỳ."},
			"rule":            oaString("Mã quy tắc."),
			"citation":        oaString("Căn cứ pháp lý."),
			"note":            oaString("Ghi chú."),
		}),
		"Verdict": oaObject([]string{"award", "award_name", "year", "as_of", "province", "verdict", "summary", "rule_set", "conditions", "council_threshold", "money"}, map[string]any{
			"award":             oaEnum(oaAwardCodes(), "Danh hiệu, hình thức."),
			"award_name":        oaString("Tên danh hiệu, hình thức."),
			"year":              year,
			"as_of":             map[string]any{"type": "string", "format": "date", "description": "Ngày xét."},
			"province":          oaString("Hồ sơ quy định của tỉnh đã dùng."),
			"verdict":           verdict,
			"summary":           oaString("Tóm tắt một câu, tiếng Việt."),
			"reasons":           map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "Các điều kiện quyết định kết luận khác eligible."},
			"rule_set":          oaString("Bộ quy tắc có hiệu lực vào ngày xét và hồ sơ tỉnh, ví dụ TDKT-2025/default."),
			"criteria_set":      oaString("Bộ quy tắc lấy tiêu chuẩn khi khác rule_set (danh hiệu xét theo quy định của năm xét)."),
			"conditions":        oaArray("Condition", "Mọi điều kiện đã xét."),
			"council_threshold": map[string]any{"type": "number", "minimum": 0, "maximum": 1, "description": "Tỷ lệ trên tổng số thành viên Hội đồng cần đồng ý (R-HD-03)."},
			"council_compare":   map[string]any{"type": "string", "enum": []string{rules.CompareAtLeast, rules.CompareMoreThan}, "description": "Cách so tỷ lệ đồng ý với council_threshold: \">=\" (từ … trở lên) hoặc \">\" (quá bán)."},
			"council_note":      oaString("Căn cứ của tỷ lệ biểu quyết."),
			"notes":             map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "Lưu ý không làm thay đổi kết luận (bộ quy tắc chưa đối chiếu văn bản, mức lương cơ sở chưa xác minh)."},
			"money": map[string]any{"anyOf": []any{oaRef("schemas", "Money"), map[string]any{"type": "null"}},
				"description": "Tiền thưởng (R-TIEN-01/02); null khi không có dữ liệu."},
		}),
		"EligibilitySubject": oaObject([]string{"kind", "id", "name", "unit_id", "history_version"}, map[string]any{
			"kind":            oaEnum([]thidua.Option{{Code: rules.Individual, Label: "cá nhân"}, {Code: rules.Collective, Label: "tập thể"}}, "Loại chủ thể."),
			"id":              oaInt("Mã cá nhân hoặc đơn vị."),
			"name":            oaString("Họ tên hoặc tên đơn vị."),
			"unit_id":         oaInt("Mã đơn vị (của cá nhân, hoặc chính đơn vị)."),
			"history_version": oaCount("Phiên bản lịch sử đã lưu (0: chưa có)."),
			"members":         oaCount("Số thành viên đã xét (chỉ tập thể)."),
		}),
		"Eligibility": oaObject([]string{"subject", "year", "as_of", "province", "verdicts"}, map[string]any{
			"subject":  oaRef("schemas", "EligibilitySubject"),
			"year":     year,
			"as_of":    oaDateOut("Ngày xét."),
			"province": oaString("Hồ sơ quy định của tỉnh."),
			"verdicts": oaArray("Verdict", "Kết luận cho từng danh hiệu, hình thức dành cho loại chủ thể."),
		}),
		"ForecastItem": oaObject([]string{"kind", "award", "award_name", "year", "text"}, map[string]any{
			"subject_id":   oaString("Mã cá nhân hoặc đơn vị."),
			"subject_name": oaString("Họ tên hoặc tên đơn vị."),
			"kind":         oaEnum(oaForecastKinds, "Loại dự báo."),
			"award":        oaString("Danh hiệu, hình thức sẽ đủ điều kiện; hoặc danh hiệu, xếp loại có chuỗi bị gián đoạn."),
			"award_name":   oaString("Tên."),
			"year":         year,
			"verdict":      verdict,
			"text":         oaString("Diễn giải tiếng Việt."),
		}),
		"Forecast": oaObject([]string{"unit_id", "subject", "year", "as_of", "items", "total"}, map[string]any{
			"unit_id": oaInt("Đơn vị (0: mọi đơn vị trong phạm vi)."),
			"subject": oaEnum(forecastSubjects, "Cá nhân hay tập thể."),
			"year":    year,
			"as_of":   oaDateOut("Ngày xét các thủ tục đang xem xét."),
			"items":   oaArray("ForecastItem", "Các dự báo, theo thứ tự cá nhân (đơn vị)."),
			"total":   oaCount("Số dự báo."),
		}),

		"History": oaObject(historyLists, map[string]any{
			"ratings":         list("Rating", "Xếp loại, theo năm."),
			"titles":          list("TitleRecord", "Danh hiệu, theo năm."),
			"awards":          list("Award", "Hình thức khen thưởng, theo ngày."),
			"initiatives":     list("Initiative", "Sáng kiến, đề tài, theo năm."),
			"disciplines":     list("Discipline", "Kỷ luật, theo ngày."),
			"proceedings":     list("PendingProceeding", "Thủ tục đang xem xét."),
			"maternity_leave": list("Period", "Nghỉ thai sản."),
			"leadership":      list("LeadershipPost", "Chức vụ lãnh đạo, quản lý."),
		}),
		"SubjectHistory": oaObject([]string{"subject", "subject_id", "name", "unit_id", "history", "version"}, map[string]any{
			"subject":    oaEnum(forecastSubjects, "Cá nhân hay đơn vị."),
			"subject_id": oaInt("Mã cá nhân hoặc đơn vị."),
			"name":       oaString("Họ tên hoặc tên đơn vị."),
			"unit_id":    oaInt("Mã đơn vị (của cá nhân, hoặc chính đơn vị)."),
			"gender":     oaEnum(thidua.Genders, "Giới tính của cá nhân (không có ở đơn vị)."),
			"history":    oaRef("schemas", "History"),
			"version":    oaCount("Phiên bản (0: chưa lưu lần nào); gửi lại khi lưu."),
			"updated_at": oaTime("Thời điểm lưu gần nhất; không có khi chưa lưu."),
		}),
		"HistoryInput": oaInput("Toàn bộ lịch sử: mỗi danh sách thay danh sách đã lưu; danh sách không gửi bị làm rỗng.", []string{"version"}, map[string]any{
			"version":         map[string]any{"type": "integer", "minimum": 0, "description": "Phiên bản đã đọc (0 khi chưa có lịch sử)."},
			"ratings":         list("Rating", "Xếp loại, mỗi năm một."),
			"titles":          list("TitleRecord", "Danh hiệu; mỗi danh hiệu một lần mỗi năm."),
			"awards":          list("Award", "Hình thức khen thưởng."),
			"initiatives":     list("Initiative", "Sáng kiến, đề tài."),
			"disciplines":     list("Discipline", "Kỷ luật."),
			"proceedings":     list("PendingProceeding", "Thủ tục đang xem xét."),
			"maternity_leave": list("Period", "Nghỉ thai sản."),
			"leadership":      list("LeadershipPost", "Chức vụ lãnh đạo, quản lý."),
		}),
	}
}
