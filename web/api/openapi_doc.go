package api

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
)

// apiPrefix is the server URL of the JSON API: the document's paths are
// relative to it ("/units" is served at /api/v1/units).
const apiPrefix = "/api/v1"

// apiOp documents one operation of the JSON API. The document's paths are
// generated from the route table, so that nothing is documented that is not
// served; openapi_test.go checks that every API route has an entry here.
type apiOp struct {
	ID      string // operationId
	Tag     string
	Summary string
	Desc    string
	// Params names query parameters in components/parameters; the {id} path
	// parameter is added for every path that has one.
	Params []string
	// Body names the request body's schema ("" for none).
	Body string
	// Status is the success status; Result names its schema ("" for no
	// content) or, as a map, is the schema itself.
	Status int
	Result any
	// Errors lists the error statuses beyond those that follow from the
	// route's access (401 and 429 when signed in, 403 with a permission).
	Errors []int
	// PathParams names query parameters in components/parameters that are
	// declared on the path item rather than on the operation (OpenAPI
	// applies them to every operation of the path). Used for the query
	// parameters of paths with {id}: TestOpenAPIQueryParamsHonored calls
	// each operation's query parameters on the path as documented, without
	// an id in place of {id}; api_campaigns_test.go checks these instead.
	PathParams []string
}

// Tags group the operations.
const (
	oaTagUnits  = "Đơn vị"
	oaTagPeople = "Cá nhân"
	oaTagUsers  = "Tài khoản"
	oaTagAudit  = "Nhật ký"
	oaTagSystem = "Hệ thống"

	oaTagCampaigns     = "Đợt thi đua"
	oaTagRegistrations = "Đăng ký, minh chứng"
	oaTagScoring       = "Chấm điểm, kết quả"
)

// Query parameters of the list operations, by name in components/parameters.
var (
	oaUnitParams   = []string{"limit", "offset", "q", "parent_id"}
	oaPersonParams = []string{"limit", "offset", "q", "unit_id", "subtree", "status", "category"}
	oaUserParams   = []string{"limit", "offset", "q"}
	oaAuditParams  = []string{"audit_limit", "offset", "entity", "entity_id", "actor", "action", "from", "to"}

	oaCampaignParams = []string{"audit_limit", "offset", "q", "campaign_state"}
	oaResultParams   = []string{"result_kind", "top", "min_percent", "result_unit_id"}
)

// Notes shared by several operations.
var (
	oaLockNote       = " Gửi `version` đã đọc: nếu bản ghi đã bị người khác sửa, trả về 409 và không thay đổi gì."
	oaScopeNote      = " Chỉ thấy các bản ghi thuộc phạm vi đơn vị được phân quyền; bản ghi ngoài phạm vi trả về 404."
	oaWriteScopeNote = " Chỉ được thao tác trong phạm vi đơn vị được phân quyền (ngoài phạm vi: 403 hoặc 404)."
)

// apiOps documents every API route, keyed by "METHOD pattern".
var apiOps = map[string]apiOp{
	"GET /api/v1/openapi.json": {ID: "getOpenAPI", Tag: oaTagSystem, Summary: "Tài liệu OpenAPI 3.1 của API (tài liệu này)",
		Status: http.StatusOK, Result: map[string]any{"type": "object"}},
	"GET /api/v1/me": {ID: "getMe", Tag: oaTagSystem, Summary: "Tài khoản đang gọi API",
		Desc:   "Trả về tài khoản đã xác thực (theo khóa API, HTTP Basic hoặc phiên đăng nhập) cùng các vai trò được phân quyền.",
		Status: http.StatusOK, Result: "User"},

	"GET /api/v1/units": {ID: "listUnits", Tag: oaTagUnits, Summary: "Danh sách đơn vị",
		Desc:   "Các đơn vị theo thứ tự cây (cha trước con)." + oaScopeNote + " `q` tìm theo tên hoặc tên viết tắt, không phân biệt dấu.",
		Params: oaUnitParams, Status: http.StatusOK, Result: "UnitList", Errors: []int{422}},
	"POST /api/v1/units": {ID: "createUnit", Tag: oaTagUnits, Summary: "Tạo đơn vị",
		Desc: "Tạo đơn vị dưới đơn vị cấp trên `parent_id`; chỉ quản trị hệ thống được tạo đơn vị gốc." + oaWriteScopeNote,
		Body: "UnitInput", Status: http.StatusCreated, Result: "Unit", Errors: []int{409, 422}},
	"GET /api/v1/units/{id}": {ID: "getUnit", Tag: oaTagUnits, Summary: "Xem một đơn vị", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: "Unit", Errors: []int{404}},
	"PUT /api/v1/units/{id}": {ID: "updateUnit", Tag: oaTagUnits, Summary: "Sửa hoặc chuyển đơn vị",
		Desc: "Đổi `parent_id` sẽ chuyển cả cây đơn vị trực thuộc (cá nhân giữ nguyên đơn vị của mình)." + oaLockNote + oaWriteScopeNote,
		Body: "UnitInput", Status: http.StatusOK, Result: "Unit", Errors: []int{404, 409, 422}},
	"DELETE /api/v1/units/{id}": {ID: "deleteUnit", Tag: oaTagUnits, Summary: "Xóa đơn vị",
		Desc:   "Chỉ xóa được đơn vị không còn đơn vị trực thuộc, cá nhân hay tài khoản được phân quyền; nếu còn, trả về 409.",
		Status: http.StatusNoContent, Errors: []int{404, 409}},

	"GET /api/v1/people": {ID: "listPeople", Tag: oaTagPeople, Summary: "Danh sách cá nhân",
		Desc: "Sắp xếp theo tên, rồi họ và tên đệm (thứ tự tiếng Việt)." + oaScopeNote +
			" `q` tìm theo họ tên không phân biệt dấu và hoa thường: \"nguyen van duc\" khớp \"Nguyễn Văn Đức\".",
		Params: oaPersonParams, Status: http.StatusOK, Result: "PersonList", Errors: []int{422}},
	"POST /api/v1/people": {ID: "createPerson", Tag: oaTagPeople, Summary: "Thêm cá nhân", Desc: strings.TrimSpace(oaWriteScopeNote),
		Body: "PersonInput", Status: http.StatusCreated, Result: "Person", Errors: []int{409, 422}},
	"GET /api/v1/people/{id}": {ID: "getPerson", Tag: oaTagPeople, Summary: "Xem một cá nhân", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: "Person", Errors: []int{404}},
	"PUT /api/v1/people/{id}": {ID: "updatePerson", Tag: oaTagPeople, Summary: "Sửa thông tin cá nhân",
		Desc: "Chuyển cá nhân sang đơn vị khác cần quyền trên cả hai đơn vị." + oaLockNote + oaWriteScopeNote,
		Body: "PersonInput", Status: http.StatusOK, Result: "Person", Errors: []int{404, 409, 422}},
	"DELETE /api/v1/people/{id}": {ID: "deletePerson", Tag: oaTagPeople, Summary: "Xóa cá nhân",
		Desc:   "Tài khoản liên kết với cá nhân được gỡ liên kết." + oaWriteScopeNote,
		Status: http.StatusNoContent, Errors: []int{404}},

	"GET /api/v1/users": {ID: "listUsers", Tag: oaTagUsers, Summary: "Danh sách tài khoản",
		Desc:   "Sắp xếp theo tên đăng nhập; `q` tìm theo tên đăng nhập hoặc họ tên, không phân biệt dấu.",
		Params: oaUserParams, Status: http.StatusOK, Result: "UserList", Errors: []int{422}},
	"POST /api/v1/users": {ID: "createUser", Tag: oaTagUsers, Summary: "Tạo tài khoản",
		Desc: "Mật khẩu được băm (argon2id) và không bao giờ được trả về. Tên đăng nhập trùng trả về 422 với `errors.username`.",
		Body: "UserInput", Status: http.StatusCreated, Result: "User", Errors: []int{409, 422}},
	"GET /api/v1/users/{id}": {ID: "getUser", Tag: oaTagUsers, Summary: "Xem một tài khoản",
		Status: http.StatusOK, Result: "User", Errors: []int{404}},
	"PUT /api/v1/users/{id}": {ID: "updateUser", Tag: oaTagUsers, Summary: "Sửa tài khoản và phân quyền",
		Desc: "Không đổi được tên đăng nhập; không gửi `password` (đổi mật khẩu qua PUT /users/{id}/password). " +
			"Khóa tài khoản (`disabled`) kết thúc các phiên đăng nhập của tài khoản đó." + oaLockNote,
		Body: "UserInput", Status: http.StatusOK, Result: "User", Errors: []int{404, 409, 422}},
	"PUT /api/v1/users/{id}/password": {ID: "setUserPassword", Tag: oaTagUsers, Summary: "Đặt lại mật khẩu",
		Desc: "Đặt mật khẩu mới và kết thúc các phiên đăng nhập của tài khoản.",
		Body: "PasswordInput", Status: http.StatusNoContent, Errors: []int{404, 422}},

	"GET /api/v1/audit": {ID: "listAuditEntries", Tag: oaTagAudit, Summary: "Nhật ký thay đổi",
		Desc: "Mới nhất trước. Mỗi mục ghi người thực hiện, thao tác, đối tượng, dữ liệu trước và sau; " +
			"các mục nối thành chuỗi băm (`prev_hash`, `hash`).",
		Params: oaAuditParams, Status: http.StatusOK, Result: "AuditEntryList", Errors: []int{422}},

	"GET /api/v1/campaigns": {ID: "listCampaigns", Tag: oaTagCampaigns, Summary: "Danh sách đợt thi đua",
		Desc: "Mới nhất trước (theo ngày bắt đầu). Chỉ thấy các đợt thi đua do đơn vị trong phạm vi được phân quyền phát động, " +
			"hoặc có phạm vi tham gia giao với phạm vi đó. `q` tìm theo tên hoặc số, ký hiệu kế hoạch, không phân biệt dấu.",
		Params: oaCampaignParams, Status: http.StatusOK, Result: "CampaignList", Errors: []int{422}},
	"POST /api/v1/campaigns": {ID: "createCampaign", Tag: oaTagCampaigns, Summary: "Tạo đợt thi đua (dự thảo)",
		Desc: "Đợt thi đua mới ở trạng thái `DRAFT`. Kế hoạch phát động gửi bằng `plan_ref` (chuỗi như \"248/KH-VPUBND\") " +
			"hoặc bằng `plan` (đối tượng số, loại, cơ quan ban hành); khi đọc luôn trả về `plan`. " +
			"Cần quyền quản lý thi đua trên đơn vị phát động `unit_id`; phạm vi tham gia `scope_unit_id` (mặc định là đơn vị phát động) " +
			"phải là đơn vị đó hoặc đơn vị trực thuộc.",
		Body: "CampaignInput", Status: http.StatusCreated, Result: "Campaign", Errors: []int{422}},
	"GET /api/v1/campaigns/{id}": {ID: "getCampaign", Tag: oaTagCampaigns, Summary: "Xem một đợt thi đua", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: "Campaign", Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}": {ID: "updateCampaign", Tag: oaTagCampaigns, Summary: "Sửa đợt thi đua",
		Desc: "Thay toàn bộ phần sửa được (trường không gửi bị xóa hoặc về mặc định); trạng thái chỉ đổi qua /campaigns/{id}/transitions. " +
			"Đợt thi đua đã tổng kết không sửa được (422)." + oaLockNote + oaWriteScopeNote,
		Body: "CampaignInput", Status: http.StatusOK, Result: "Campaign", Errors: []int{404, 409, 422}},
	"DELETE /api/v1/campaigns/{id}": {ID: "deleteCampaign", Tag: oaTagCampaigns, Summary: "Xóa đợt thi đua dự thảo",
		Desc:   "Chỉ xóa được đợt thi đua ở trạng thái `DRAFT`; ở trạng thái khác trả về 409.",
		Status: http.StatusNoContent, Errors: []int{404, 409}},
	"POST /api/v1/campaigns/{id}/transitions": {ID: "transitionCampaign", Tag: oaTagCampaigns, Summary: "Chuyển trạng thái đợt thi đua",
		Desc: "Các thao tác được phép: " + oaTransitionsText() + ". Phát động cần ít nhất một nội dung, tiêu chí. " +
			"Thao tác không áp dụng cho trạng thái hiện tại trả về 422, `detail` nêu trạng thái đó." + oaLockNote +
			" Trả về đợt thi đua sau khi chuyển (version tăng).",
		Body: "TransitionInput", Status: http.StatusOK, Result: "Campaign", Errors: []int{404, 409, 422}},
	"POST /api/v1/campaigns/{id}/copy": {ID: "copyCampaign", Tag: oaTagCampaigns, Summary: "Sao chép thành đợt thi đua mới",
		Desc: "Sao chép đợt thi đua và các nội dung, tiêu chí thành một đợt mới ở trạng thái `DRAFT`: tên thêm \"(bản sao)\", " +
			"thời gian lùi một năm, bỏ số và ngày kế hoạch. Không sao chép đăng ký, minh chứng, điểm. Gửi `{}` (hoặc không gửi nội dung).",
		Body: "CopyInput", Status: http.StatusCreated, Result: "Campaign", Errors: []int{404, 422}},

	"GET /api/v1/campaigns/{id}/criteria": {ID: "getCampaignCriteria", Tag: oaTagCampaigns, Summary: "Nội dung, tiêu chí của đợt thi đua",
		Desc:   "Theo thứ tự; kèm `version` của đợt thi đua để gửi lại khi lưu, và `editable` cho biết tiêu chí còn sửa được không.",
		Status: http.StatusOK, Result: "CampaignCriteria", Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}/criteria": {ID: "saveCampaignCriteria", Tag: oaTagCampaigns, Summary: "Lưu toàn bộ danh sách tiêu chí",
		Desc: "Thay cả danh sách theo thứ tự gửi lên (`position` đánh lại từ 1). Tiêu chí gửi kèm `id` được giữ lại (điểm đã chấm vẫn gắn với nó); " +
			"tiêu chí không có trong danh sách bị xóa; mã tiêu chí không được trùng (lỗi ghi theo `criteria[i].trường`). " +
			"Khi đợt thi đua đã có đăng ký hoặc đã tổng kết, tiêu chí bị khóa: 422. " +
			"Gửi `version` của đợt thi đua (từ GET); lưu xong version của đợt thi đua tăng, nếu đã bị người khác sửa thì trả về 409.",
		Body: "CriteriaInput", Status: http.StatusOK, Result: "CampaignCriteria", Errors: []int{404, 409, 422}},

	"GET /api/v1/campaigns/{id}/registrations": {ID: "listCampaignRegistrations", Tag: oaTagRegistrations, Summary: "Danh sách đăng ký thi đua",
		Desc:   "Mọi đăng ký của đợt thi đua (tập thể trước, cá nhân sau, theo đơn vị); không phân trang.",
		Status: http.StatusOK, Result: "RegistrationList", Errors: []int{404}},
	"POST /api/v1/campaigns/{id}/registrations": {ID: "createRegistrations", Tag: oaTagRegistrations, Summary: "Đăng ký thi đua cho nhiều tập thể, cá nhân",
		Desc: "Tất cả hoặc không: một dòng lỗi thì không dòng nào được lưu. Chỉ đăng ký khi đợt thi đua đã phát động hoặc đang thực hiện (khác: 422). " +
			"Đơn vị, cá nhân phải thuộc phạm vi tham gia của đợt thi đua (422) và phạm vi được phân quyền của người gọi (403); " +
			"đã đăng ký rồi: 409. `commitments` ghi nội dung cam kết theo mã tiêu chí. " +
			"Trả về các đăng ký vừa tạo (trạng thái `SUBMITTED`, chờ duyệt); tiêu đề Location trỏ tới danh sách đăng ký của đợt thi đua.",
		Body: "RegistrationsInput", Status: http.StatusCreated, Result: "RegistrationList", Errors: []int{404, 409, 422}},
	"GET /api/v1/registrations/{id}": {ID: "getRegistration", Tag: oaTagRegistrations, Summary: "Xem một đăng ký thi đua",
		Desc: "Đăng ký của một đợt thi đua trong phạm vi được thấy; ngoài phạm vi trả về 404.", Status: http.StatusOK, Result: "Registration", Errors: []int{404}},
	"POST /api/v1/registrations/{id}/review": {ID: "reviewRegistration", Tag: oaTagRegistrations, Summary: "Duyệt hoặc trả lại đăng ký",
		Desc: "`approve: true` duyệt; `approve: false` trả lại, cần `reason`. Cần quyền quản lý đợt thi đua trên đơn vị phát động (403). " +
			"Đợt thi đua đã tổng kết: 422." + oaLockNote + " Trả về đăng ký sau khi xử lý.",
		Body: "ReviewInput", Status: http.StatusOK, Result: "Registration", Errors: []int{404, 409, 422}},

	"GET /api/v1/registrations/{id}/evidence": {ID: "listEvidence", Tag: oaTagRegistrations, Summary: "Minh chứng, báo cáo của một đăng ký",
		Desc: "Theo tiêu chí. `attachments` liệt kê tệp đính kèm (tên, loại, dung lượng); nội dung tệp tải về trên giao diện, " +
			"tại /app/attachments/{id} khi đã đăng nhập, không qua API.",
		Status: http.StatusOK, Result: "EvidenceList", Errors: []int{404}},
	"POST /api/v1/registrations/{id}/evidence": {ID: "addEvidence", Tag: oaTagRegistrations, Summary: "Nộp minh chứng (không kèm tệp)",
		Desc: "API nhận minh chứng dạng JSON: nội dung, số liệu, ngày, đường dẫn (cần ít nhất một trong `text`, `figure`, `link`). " +
			"**Tệp đính kèm chỉ tải lên qua giao diện**, ở trang đăng ký /app/registrations/{id}. " +
			"Người nộp: người có quyền đăng ký trên đơn vị của đăng ký, hoặc chính cá nhân đăng ký (khác: 403). " +
			"Chỉ nộp khi đợt thi đua đã phát động hoặc đang thực hiện và đăng ký chưa bị trả lại (khác: 422).",
		Body: "EvidenceInput", Status: http.StatusCreated, Result: "Evidence", Errors: []int{403, 404, 422}},

	"GET /api/v1/campaigns/{id}/scores": {ID: "listScores", Tag: oaTagScoring, Summary: "Điểm đã chấm của đợt thi đua",
		Desc:   "Mọi điểm (tự chấm, thủ trưởng đơn vị, thành viên Hội đồng) của mọi đăng ký, theo đăng ký rồi tiêu chí.",
		Status: http.StatusOK, Result: "ScoreList", Errors: []int{404}},
	"PUT /api/v1/registrations/{id}/scores": {ID: "saveScore", Tag: oaTagScoring, Summary: "Chấm điểm một tiêu chí của đăng ký",
		Desc: "Ghi điểm của người gọi theo `kind`: `SELF` tự chấm (người có quyền đăng ký trên đơn vị hoặc chính cá nhân; khi đang thực hiện " +
			"hoặc đang đánh giá), `HEAD` thủ trưởng đơn vị của người tham gia, `COUNCIL` thành viên Hội đồng được phân công (khi đang đánh giá). " +
			"Mỗi tiêu chí có một điểm tự chấm và một điểm của mỗi người thẩm định. Chỉ chấm đăng ký đã duyệt. " +
			"Chấm lần đầu gửi `version: 0`; sửa điểm gửi `version` đã đọc (409 nếu điểm đã bị sửa). " +
			"Điểm ngoài khoảng 0 đến `max_score` của tiêu chí: 422 với `errors.value`; sai trạng thái: 422; không có quyền: 403.",
		Body: "ScoreInput", Status: http.StatusOK, Result: "Score", Errors: []int{403, 404, 409, 422}},

	"GET /api/v1/campaigns/{id}/results": {ID: "getCampaignResults", Tag: oaTagScoring, Summary: "Kết quả, xếp hạng",
		Desc: "Chỉ các đăng ký đã duyệt. Điểm cuối mỗi tiêu chí tổng hợp theo `aggregation` của đợt thi đua; tổng điểm là Σ điểm cuối × trọng số. " +
			"Tập thể và cá nhân xếp hạng riêng (tập thể trước); bằng tổng điểm thì cùng hạng và `tied` là true " +
			"(thứ tự hiển thị: nữ trước, rồi người không giữ chức vụ lãnh đạo, rồi theo tên). `complete`: mọi tiêu chí áp dụng đã có điểm; " +
			"`reviewed`: có điểm thẩm định (không chỉ tự chấm). Lọc: `kind`, `top` (giữ cả các đăng ký đồng hạng ở ngưỡng cắt), " +
			"`min_percent`, `unit_id` (đơn vị và đơn vị trực thuộc; thứ hạng vẫn tính trên toàn đợt). Kết quả chính thức khi `state` là `CLOSED`.",
		PathParams: oaResultParams, Status: http.StatusOK, Result: "CampaignResults", Errors: []int{404, 422}},
	"GET /api/v1/campaigns/{id}/progress": {ID: "getCampaignProgress", Tag: oaTagScoring, Summary: "Tiến độ thực hiện theo đơn vị",
		Desc:   "Theo từng đơn vị có đăng ký: số đăng ký, đã duyệt, đã có minh chứng, đã có điểm thẩm định; kèm tổng cộng.",
		Status: http.StatusOK, Result: "CampaignProgressReport", Errors: []int{404}},
	"GET /api/v1/campaigns/{id}/reviewers": {ID: "getCampaignReviewers", Tag: oaTagScoring, Summary: "Thành viên Hội đồng chấm điểm",
		Desc:   "Các thành viên Hội đồng được phân công chấm điểm; người quản lý đợt thi đua thấy thêm `candidates`, những người có thể phân công.",
		Status: http.StatusOK, Result: "CampaignReviewers", Errors: []int{404}},
	"PUT /api/v1/campaigns/{id}/reviewers": {ID: "setCampaignReviewers", Tag: oaTagScoring, Summary: "Phân công thành viên Hội đồng chấm điểm",
		Desc: "Thay cả danh sách; mỗi tài khoản phải giữ vai trò COUNCIL (khác: 422 với `errors.user_ids`). Đợt thi đua đã tổng kết: 422. " +
			"`version` (tùy chọn): nếu khác 0 phải bằng version hiện tại của đợt thi đua, nếu không trả về 409; phân công không làm tăng version.",
		Body: "ReviewersInput", Status: http.StatusOK, Result: "CampaignReviewers", Errors: []int{404, 409, 422}},
}

// oaTransitionsText lists the state machine's moves, e.g. "`launch`
// (Phát động): DRAFT → LAUNCHED".
func oaTransitionsText() string {
	moves := make([]string, len(thidua.CampaignTransitions))
	for i, t := range thidua.CampaignTransitions {
		moves[i] = "`" + t.Action + "` (" + t.Label + "): " + t.From + " → " + t.To
	}
	return strings.Join(moves, "; ")
}

// openAPIPath converts a route pattern into a path of the document: the
// API prefix is removed, and "{name...}" becomes "{name}".
func openAPIPath(pattern string) string {
	p := strings.TrimPrefix(pattern, apiPrefix)
	p = strings.ReplaceAll(p, "...}", "}")
	return strings.TrimSuffix(p, "{$}")
}

// openAPI returns the OpenAPI 3.1 document of the JSON API.
func (s *Handler) openAPI() map[string]any {
	paths := map[string]any{}
	for _, rt := range s.Registered {
		op, ok := apiOps[rt.Method+" "+rt.Pattern]
		if !rt.API || !ok {
			continue
		}
		p := openAPIPath(rt.Pattern)
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(rt.Method)] = op.operation(rt)
		for _, name := range op.PathParams {
			params, _ := item["parameters"].([]any)
			item["parameters"] = append(params, oaRef("parameters", name))
		}
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "thidua API",
			"version":     "1.0.0",
			"summary":     "API của hệ thống quản lý thi đua, khen thưởng",
			"description": oaDescription,
		},
		"servers":    []any{map[string]any{"url": apiPrefix, "description": "Máy chủ hiện tại"}},
		"security":   []any{map[string]any{"bearerAuth": []string{}}, map[string]any{"basicAuth": []string{}}},
		"tags":       oaTags(),
		"paths":      paths,
		"components": oaComponents(s.Eligibility.Provinces()),
	}
}

const oaDescription = `API JSON của thidua: đơn vị, cá nhân, tài khoản, nhật ký thay đổi; đợt thi đua, đăng ký,
minh chứng, chấm điểm và kết quả xếp hạng; lịch sử khen thưởng, xét điều kiện danh hiệu, hình thức và dự báo.

**Xác thực.** Gửi khóa API cá nhân trong tiêu đề ` + "`Authorization: Bearer <khóa>`" + ` (tạo và thu hồi khóa ở trang
"Tài khoản của tôi", /app/account; khóa chỉ hiển thị một lần và được lưu dưới dạng băm), hoặc dùng HTTP Basic
với tên đăng nhập và mật khẩu. Trình duyệt đã đăng nhập cũng gọi được API trên cùng nguồn. Đăng nhập sai nhiều
lần liên tiếp sẽ bị tạm khóa (429).

**Phạm vi.** Mỗi vai trò được phân quyền trên một đơn vị và toàn bộ đơn vị trực thuộc; dữ liệu ngoài phạm vi
không hiện trong danh sách và trả về 404.

**Danh sách** có dạng ` + "`{\"items\": [...], \"total\": N, \"limit\": L, \"offset\": O}`" + ` với ` + "`?limit=&offset=`" + `;
` + "`total`" + ` là tổng số bản ghi khớp bộ lọc, không phụ thuộc ` + "`limit`" + ` và ` + "`offset`" + `.

**Lỗi** theo RFC 9457 (` + "`application/problem+json`" + `): ` + "`detail`" + ` là thông báo tiếng Việt cho người dùng,
` + "`code`" + ` là mã ổn định cho chương trình, ` + "`errors`" + ` ghi lỗi theo từng trường khi dữ liệu không hợp lệ (422;
riêng POST /eligibility/evaluate, hợp đồng xét điều kiện độc lập, trả về 400).

**Ngày** có dạng yyyy-mm-dd; khi gửi lên cũng nhận dd/mm/yyyy. **Thời điểm** theo RFC 3339 (UTC).
**Khóa lạc quan:** bản ghi sửa được có ` + "`version`" + `; gửi lại ` + "`version`" + ` đã đọc khi sửa.`

func oaTags() []any {
	tags := []any{}
	for _, t := range [][2]string{
		{oaTagUnits, "Cơ quan, đơn vị: cây đơn vị nhiều cấp."},
		{oaTagPeople, "Cá nhân công tác trong các đơn vị."},
		{oaTagUsers, "Tài khoản người dùng và phân quyền (chỉ quản trị hệ thống)."},
		{oaTagAudit, "Nhật ký thay đổi, nối chuỗi băm."},
		{oaTagSystem, "Tài khoản đang gọi và tài liệu API."},
		{oaTagCampaigns, "Phong trào, đợt thi đua: tạo, phát động, chuyển trạng thái, nội dung và tiêu chí."},
		{oaTagRegistrations, "Đăng ký thi đua của tập thể, cá nhân; duyệt đăng ký; minh chứng, báo cáo (tệp chỉ tải lên qua giao diện)."},
		{oaTagScoring, "Tự chấm, chấm thẩm định, phân công Hội đồng, tiến độ và kết quả xếp hạng."},
		{oaTagEligibility, "Lịch sử khen thưởng của cá nhân, tập thể; xét điều kiện danh hiệu, hình thức theo Luật và Nghị định, có dẫn chiếu; dự báo năm sau."},
	} {
		tags = append(tags, map[string]any{"name": t[0], "description": t[1]})
	}
	for _, t := range oaCommendationTags() {
		tags = append(tags, map[string]any{"name": t[0], "description": t[1]})
	}
	return tags
}

// operation returns the Operation Object of op served by rt.
func (op apiOp) operation(rt kit.Route) map[string]any {
	o := map[string]any{"operationId": op.ID, "tags": []string{op.Tag}, "summary": op.Summary}
	desc := op.Desc
	if rt.Perm != "" {
		desc = strings.TrimSpace(desc + "\n\nCần quyền `" + string(rt.Perm) + "` (vai trò: " + oaRolesWith(rt.Perm) + ").")
		o["x-permission"] = string(rt.Perm)
	}
	if desc != "" {
		o["description"] = desc
	}
	if rt.Access == kit.Public {
		o["security"] = []any{}
	}
	var params []any
	if strings.Contains(rt.Pattern, "{id}") {
		params = append(params, oaRef("parameters", "id"))
	}
	for _, name := range op.Params {
		params = append(params, oaRef("parameters", name))
	}
	if len(params) > 0 {
		o["parameters"] = params
	}
	if op.Body != "" {
		o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": oaRef("schemas", op.Body)}}}
	}

	responses := map[string]any{}
	ok := map[string]any{"description": oaSuccessText[op.Status]}
	switch result := op.Result.(type) {
	case string:
		if result != "" {
			ok["content"] = oaJSON(oaRef("schemas", result))
		}
	case map[string]any:
		ok["content"] = oaJSON(result)
	}
	if op.Status == http.StatusCreated {
		ok["headers"] = map[string]any{"Location": map[string]any{
			"description": "Đường dẫn của bản ghi vừa tạo, ví dụ /api/v1/people/42.",
			"schema":      map[string]any{"type": "string"}}}
	}
	responses[strconv.Itoa(op.Status)] = ok
	errs := slices.Clone(op.Errors)
	if rt.Access != kit.Public {
		errs = append(errs, http.StatusUnauthorized, http.StatusTooManyRequests)
	}
	if rt.Perm != "" {
		errs = append(errs, http.StatusForbidden)
	}
	for _, st := range errs {
		responses[strconv.Itoa(st)] = oaRef("responses", oaProblemResponses[st].name)
	}
	o["responses"] = responses
	return o
}

var oaSuccessText = map[int]string{
	http.StatusOK:        "Thành công.",
	http.StatusCreated:   "Đã tạo; tiêu đề Location trỏ tới bản ghi mới.",
	http.StatusNoContent: "Thành công, không có nội dung trả về.",
}

// oaRolesWith lists the roles that carry permission p.
func oaRolesWith(p thidua.Permission) string {
	var names []string
	for _, r := range thidua.Roles {
		if thidua.Role(r.Code).Allows(p) {
			names = append(names, r.Code)
		}
	}
	return strings.Join(names, ", ")
}

// oaProblemResponses are the error responses in components/responses, by status.
var oaProblemResponses = map[int]struct{ name, desc, detail string }{
	http.StatusBadRequest: {"BadRequest", "Yêu cầu xét điều kiện không hợp lệ: mã không tồn tại hoặc lịch sử sai dạng; `errors` ghi lỗi theo đường dẫn JSON.",
		"Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."},
	http.StatusUnauthorized: {"Unauthorized", "Chưa xác thực, hoặc khóa API, mật khẩu không đúng; kèm tiêu đề WWW-Authenticate.",
		"Cần xác thực: dùng khóa API (Authorization: Bearer …) hoặc HTTP Basic."},
	http.StatusForbidden: {"Forbidden", "Vai trò của tài khoản không cho phép thao tác này, hoặc đơn vị nằm ngoài phạm vi được phân quyền.",
		"Bạn không có quyền truy cập chức năng này."},
	http.StatusNotFound: {"NotFound", "Không có bản ghi với mã này trong phạm vi được phân quyền (mã sai dạng cũng trả về 404).",
		"Không tìm thấy cá nhân."},
	http.StatusConflict: {"Conflict", "Xung đột: bản ghi đã bị người khác sửa (version cũ), trùng dữ liệu, hoặc còn dữ liệu phụ thuộc.",
		thidua.ErrStale().Message},
	http.StatusUnprocessableEntity: {"UnprocessableEntity", "Dữ liệu không hợp lệ (JSON sai cú pháp, trường không được hỗ trợ, sai kiểu, tham số sai); không có gì bị thay đổi.",
		"Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."},
	http.StatusTooManyRequests: {"TooManyRequests", "Đăng nhập sai quá nhiều lần; thử lại sau 15 phút.",
		"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."},
}

var oaProblemCodes = map[int]string{
	http.StatusBadRequest:          thidua.EINVALID,
	http.StatusUnauthorized:        thidua.EUNAUTHORIZED,
	http.StatusForbidden:           thidua.EFORBIDDEN,
	http.StatusNotFound:            thidua.ENOTFOUND,
	http.StatusConflict:            thidua.ECONFLICT,
	http.StatusUnprocessableEntity: thidua.EINVALID,
	http.StatusTooManyRequests:     "too_many",
}

func oaComponents(provinces []thidua.Option) map[string]any {
	responses := map[string]any{}
	for st, pr := range oaProblemResponses {
		ex := map[string]any{"type": "about:blank", "title": kit.StatusTitle[st], "status": st, "detail": pr.detail, "code": oaProblemCodes[st]}
		if st == http.StatusUnprocessableEntity {
			ex["errors"] = map[string]any{"full_name": "Vui lòng nhập đủ họ và tên (ít nhất hai từ).",
				"birth_date": "Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy."}
		}
		if st == http.StatusBadRequest {
			ex["errors"] = map[string]any{"award": "Mã \"CSTDX\" không được hỗ trợ.",
				"subject.ratings[0].rating": "Xếp loại không hợp lệ; chọn một trong HTXSNV, HTTNV, HTNV, KHTNV."}
		}
		resp := map[string]any{"description": pr.desc, "content": map[string]any{
			"application/problem+json": map[string]any{"schema": oaRef("schemas", "Problem"), "example": ex}}}
		if st == http.StatusUnauthorized {
			resp["headers"] = map[string]any{"WWW-Authenticate": map[string]any{
				"description": "Các cách xác thực được nhận: Bearer và Basic.",
				"schema":      map[string]any{"type": "string"}}}
		}
		responses[pr.name] = resp
	}
	params := oaParameters()
	maps.Copy(params, oaEligibilityParameters())
	maps.Copy(params, oaCommendationParameters())
	return map[string]any{
		"securitySchemes": map[string]any{
			"bearerAuth": map[string]any{"type": "http", "scheme": "bearer",
				"description": "Khóa API cá nhân (dạng thd_…), tạo ở trang Tài khoản của tôi (/app/account)."},
			"basicAuth": map[string]any{"type": "http", "scheme": "basic",
				"description": "Tên đăng nhập và mật khẩu của tài khoản."},
		},
		"parameters": params,
		"responses":  responses,
		"schemas":    oaSchemas(provinces),
	}
}

func oaParameters() map[string]any {
	query := func(name, desc string, schema map[string]any) map[string]any {
		return map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	limit := func(max int) map[string]any {
		return query("limit", "Số bản ghi tối đa trả về, từ 1 đến "+strconv.Itoa(max)+" (mặc định 100).",
			map[string]any{"type": "integer", "minimum": 1, "maximum": max, "default": 100})
	}
	return map[string]any{
		"id": map[string]any{"name": "id", "in": "path", "required": true, "description": "Mã bản ghi (số nguyên dương).",
			"schema": map[string]any{"type": "integer", "format": "int64", "minimum": 1}},
		"limit":       limit(1000),
		"audit_limit": limit(500),
		"offset": query("offset", "Số bản ghi bỏ qua (mặc định 0).",
			map[string]any{"type": "integer", "minimum": 0, "default": 0}),
		"q": query("q", "Từ khóa tìm kiếm, không phân biệt dấu và hoa thường.", map[string]any{"type": "string"}),
		"parent_id": query("parent_id", "Chỉ các đơn vị trực thuộc trực tiếp đơn vị này.",
			map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
		"unit_id": query("unit_id", "Chỉ cá nhân của đơn vị này.",
			map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
		"subtree": query("subtree", "Với unit_id: gồm cả cá nhân của các đơn vị trực thuộc.",
			map[string]any{"type": "boolean", "default": false}),
		"status":    query("status", "Trạng thái công tác.", oaEnum(thidua.PersonStatuses, "")),
		"category":  query("category", "Đối tượng.", oaEnum(thidua.Categories, "")),
		"entity":    query("entity", "Loại đối tượng bị thay đổi.", oaEnum(thidua.AuditEntities, "")),
		"entity_id": query("entity_id", "Mã đối tượng bị thay đổi.", map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
		"actor":     query("actor", "Mã tài khoản thực hiện.", map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
		"action":    query("action", "Thao tác.", oaEnum(thidua.AuditActions, "")),
		"from":      query("from", "Từ ngày (tính cả ngày này).", oaDateIn("")),
		"to":        query("to", "Đến ngày (tính cả ngày này).", oaDateIn("")),

		"campaign_state": query("state", "Chỉ các đợt thi đua ở trạng thái này.", oaEnum(thidua.CampaignStates, "")),
		"result_kind":    query("kind", "Chỉ tập thể hoặc chỉ cá nhân (mặc định cả hai, tập thể trước).", oaEnum(registrationKinds, "")),
		"top": query("top", "Chỉ các đăng ký có hạng từ 1 đến top trong loại của mình; các đăng ký đồng hạng ở ngưỡng cắt đều được giữ. 0 hoặc bỏ trống: không giới hạn.",
			map[string]any{"type": "integer", "minimum": 0}),
		"min_percent": query("min_percent", "Chỉ các đăng ký đạt ít nhất tỷ lệ này (phần trăm tổng điểm tối đa), từ 0 đến 100.",
			map[string]any{"type": "number", "minimum": 0, "maximum": 100}),
		"result_unit_id": query("unit_id", "Chỉ các đăng ký của đơn vị này và đơn vị trực thuộc (đơn vị trong phạm vi được phân quyền).",
			map[string]any{"type": "integer", "format": "int64", "minimum": 1}),
	}
}

// ref returns a reference to a component.
func oaRef(kind, name string) map[string]any {
	return map[string]any{"$ref": "#/components/" + kind + "/" + name}
}

func oaJSON(schema map[string]any) map[string]any {
	return map[string]any{"application/json": map[string]any{"schema": schema}}
}

// oaEnum is a string schema taking the codes of opts; the description
// lists each code with its Vietnamese label.
func oaEnum(opts []thidua.Option, desc string) map[string]any {
	codes := make([]string, len(opts))
	labels := make([]string, len(opts))
	for i, o := range opts {
		codes[i] = o.Code
		labels[i] = "`" + o.Code + "`: " + o.Label
	}
	return map[string]any{"type": "string", "enum": codes,
		"description": strings.TrimSpace(desc + " " + strings.Join(labels, "; ") + ".")}
}

func oaString(desc string) map[string]any {
	return map[string]any{"type": "string", "description": desc}
}

func oaStringMax(desc string, max int) map[string]any {
	return map[string]any{"type": "string", "description": desc, "maxLength": max}
}

func oaInt(desc string) map[string]any {
	return map[string]any{"type": "integer", "format": "int64", "description": desc}
}

func oaBool(desc string) map[string]any {
	return map[string]any{"type": "boolean", "description": desc}
}

func oaTime(desc string) map[string]any {
	return map[string]any{"type": "string", "format": "date-time", "description": desc}
}

// oaDateOut is a date as the API writes it: yyyy-mm-dd, or null when unset.
func oaDateOut(desc string) map[string]any {
	return map[string]any{"type": []string{"string", "null"}, "format": "date",
		"description": strings.TrimSpace(desc + " Dạng yyyy-mm-dd; null khi chưa có.")}
}

// oaDateIn is a date as the API reads it: yyyy-mm-dd or dd/mm/yyyy
// (also dd-mm-yyyy, dd.mm.yyyy), as thidua.ParseDate does.
func oaDateIn(desc string) map[string]any {
	return map[string]any{
		"description": strings.TrimSpace(desc + " Dạng yyyy-mm-dd; cũng nhận dd/mm/yyyy. Ngày không tồn tại (31/02/2024) bị từ chối."),
		"anyOf": []any{
			map[string]any{"type": "string", "format": "date"},
			map[string]any{"type": "string", "pattern": `^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$|^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$|^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$`},
			map[string]any{"type": "null"},
		},
		"examples": []any{"1990-05-20", "20/05/1990"},
	}
}

func oaObject(required []string, props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// input is an object schema for a request body: unknown fields are refused.
func oaInput(desc string, required []string, props map[string]any) map[string]any {
	o := oaObject(required, props)
	o["additionalProperties"] = false
	o["description"] = desc
	return o
}

func oaList(item, desc string) map[string]any {
	return oaObject([]string{"items", "total", "limit", "offset"}, map[string]any{
		"items":  map[string]any{"type": "array", "items": oaRef("schemas", item), "description": desc},
		"total":  map[string]any{"type": "integer", "minimum": 0, "description": "Tổng số bản ghi khớp bộ lọc, không phụ thuộc limit và offset."},
		"limit":  map[string]any{"type": "integer", "minimum": 1, "description": "Giá trị limit đã dùng."},
		"offset": map[string]any{"type": "integer", "minimum": 0, "description": "Giá trị offset đã dùng."},
	})
}

// oaErrorCodes lists the stable error codes of problem documents.
func oaErrorCodes() []string {
	var codes []string
	for c := range kit.CodeStatus {
		codes = append(codes, c)
	}
	codes = append(codes, "too_many")
	slices.Sort(codes)
	return codes
}

func oaSchemas(provinces []thidua.Option) map[string]any {
	version := map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản của bản ghi (khóa lạc quan); tăng sau mỗi lần sửa."}
	versionIn := map[string]any{"type": "integer", "minimum": 0, "description": "Khi sửa: phiên bản đã đọc (bắt buộc); khi tạo: bỏ qua."}
	created, updated := oaTime("Thời điểm tạo."), oaTime("Thời điểm sửa gần nhất.")

	schemas := map[string]any{
		"Unit": oaObject([]string{"id", "name", "abbrev", "kind", "active", "depth", "version", "created_at", "updated_at", "people"}, map[string]any{
			"id":          oaInt("Mã đơn vị."),
			"parent_id":   oaInt("Mã đơn vị cấp trên; không có ở đơn vị gốc."),
			"name":        oaString("Tên đơn vị."),
			"abbrev":      oaString("Tên viết tắt, dùng trong ký hiệu văn bản (ví dụ VPUBND)."),
			"kind":        oaEnum(thidua.UnitKinds, "Loại đơn vị."),
			"active":      oaBool("Đơn vị còn hoạt động."),
			"depth":       map[string]any{"type": "integer", "minimum": 0, "description": "Cấp trong cây (0 là gốc)."},
			"version":     version,
			"created_at":  created,
			"updated_at":  updated,
			"parent_name": oaString("Tên đơn vị cấp trên."),
			"people":      map[string]any{"type": "integer", "minimum": 0, "description": "Số cá nhân thuộc trực tiếp đơn vị (không tính đơn vị trực thuộc)."},
		}),
		"UnitInput": oaInput("Phần sửa được của đơn vị.", []string{"name", "kind"}, map[string]any{
			"parent_id": oaInt("Mã đơn vị cấp trên; 0 hoặc bỏ trống cho đơn vị gốc (chỉ quản trị hệ thống)."),
			"name":      oaStringMax("Tên đơn vị.", 255),
			"abbrev":    map[string]any{"type": "string", "maxLength": 32, "pattern": `^([A-ZĐ0-9][A-ZĐ0-9&-]*)?$`, "description": "Tên viết tắt: chữ in hoa không dấu (trừ Đ), chữ số và dấu gạch ngang."},
			"kind":      oaEnum(thidua.UnitKinds, "Loại đơn vị."),
			"active":    map[string]any{"type": "boolean", "default": true, "description": "Đơn vị còn hoạt động (mặc định true)."},
			"version":   versionIn,
		}),
		"Person": oaObject([]string{"id", "full_name", "gender", "birth_date", "position", "category", "is_leader", "unit_id", "start_date", "status", "version", "created_at", "updated_at"}, map[string]any{
			"id":         oaInt("Mã cá nhân."),
			"full_name":  oaString("Họ và tên."),
			"gender":     oaEnum(thidua.Genders, "Giới tính."),
			"birth_date": oaDateOut("Ngày sinh."),
			"position":   oaString("Chức vụ."),
			"category":   oaEnum(thidua.Categories, "Đối tượng."),
			"is_leader":  oaBool("Giữ chức vụ lãnh đạo, quản lý."),
			"unit_id":    oaInt("Mã đơn vị công tác."),
			"start_date": oaDateOut("Ngày vào công tác."),
			"status":     oaEnum(thidua.PersonStatuses, "Trạng thái."),
			"version":    version,
			"created_at": created,
			"updated_at": updated,
			"unit_name":  oaString("Tên đơn vị công tác."),
		}),
		"PersonInput": oaInput("Phần sửa được của cá nhân.", []string{"full_name", "gender", "category", "unit_id"}, map[string]any{
			"full_name":  map[string]any{"type": "string", "minLength": 1, "maxLength": 100, "description": "Họ và tên, ít nhất hai từ."},
			"gender":     oaEnum(thidua.Genders, "Giới tính."),
			"birth_date": oaDateIn("Ngày sinh, trước hôm nay."),
			"position":   oaStringMax("Chức vụ.", 255),
			"category":   oaEnum(thidua.Categories, "Đối tượng."),
			"is_leader":  oaBool("Giữ chức vụ lãnh đạo, quản lý."),
			"unit_id":    map[string]any{"type": "integer", "format": "int64", "minimum": 1, "description": "Mã đơn vị công tác."},
			"start_date": oaDateIn("Ngày vào công tác, sau ngày sinh."),
			"status":     oaEnum(thidua.PersonStatuses, "Trạng thái (mặc định "+thidua.PersonActive+")."),
			"version":    versionIn,
		}),
		"Grant": oaObject([]string{"role", "unit_id"}, map[string]any{
			"role":      oaEnum(thidua.Roles, "Vai trò."),
			"unit_id":   map[string]any{"type": "integer", "format": "int64", "minimum": 1, "description": "Vai trò có hiệu lực trên đơn vị này và mọi đơn vị trực thuộc."},
			"unit_name": map[string]any{"type": "string", "readOnly": true, "description": "Tên đơn vị (chỉ khi đọc)."},
		}),
		"User": oaObject([]string{"id", "username", "display_name", "disabled", "grants", "version", "created_at", "updated_at"}, map[string]any{
			"id":            oaInt("Mã tài khoản."),
			"username":      oaString("Tên đăng nhập."),
			"display_name":  oaString("Họ và tên hiển thị."),
			"email":         oaString("Thư điện tử."),
			"person_id":     oaInt("Mã cá nhân được liên kết."),
			"disabled":      oaBool("Tài khoản bị khóa."),
			"grants":        map[string]any{"type": "array", "items": oaRef("schemas", "Grant"), "description": "Các vai trò được phân quyền."},
			"version":       version,
			"last_login_at": oaTime("Lần đăng nhập gần nhất; không có nếu chưa đăng nhập."),
			"created_at":    created,
			"updated_at":    updated,
			"person_name":   oaString("Họ tên cá nhân được liên kết."),
		}),
		"UserInput": oaInput("Phần sửa được của tài khoản. `password` chỉ dùng khi tạo.", []string{"username", "display_name", "grants"}, map[string]any{
			"username":     map[string]any{"type": "string", "maxLength": 64, "pattern": `^[a-z0-9][a-z0-9._-]*$`, "description": "Tên đăng nhập: chữ thường không dấu, chữ số, . _ - (không đổi được sau khi tạo)."},
			"display_name": oaStringMax("Họ và tên hiển thị.", 100),
			"email":        oaStringMax("Thư điện tử.", 255),
			"person_id":    oaInt("Mã cá nhân được liên kết (0: không liên kết)."),
			"disabled":     oaBool("Khóa tài khoản."),
			"grants":       map[string]any{"type": "array", "minItems": 1, "items": oaRef("schemas", "Grant"), "description": "Ít nhất một vai trò."},
			"password":     map[string]any{"type": "string", "minLength": 8, "maxLength": 128, "writeOnly": true, "description": "Mật khẩu (bắt buộc khi tạo, không được gửi khi sửa)."},
			"version":      versionIn,
		}),
		"PasswordInput": oaInput("Mật khẩu mới.", []string{"password"}, map[string]any{
			"password": map[string]any{"type": "string", "minLength": 8, "maxLength": 128, "writeOnly": true, "description": "Mật khẩu mới, 8 đến 128 ký tự."},
		}),
		"AuditEntry": oaObject([]string{"id", "at", "actor_name", "action", "entity", "entity_id", "prev_hash", "hash"}, map[string]any{
			"id":         oaInt("Số thứ tự mục nhật ký."),
			"at":         oaTime("Thời điểm thay đổi."),
			"actor_id":   oaInt("Mã tài khoản thực hiện; không có khi hệ thống thực hiện."),
			"actor_name": oaString("Tên người thực hiện (\"hệ thống\" cho tác vụ tự động)."),
			"ip":         oaString("Địa chỉ máy khách."),
			"action":     oaEnum(thidua.AuditActions, "Thao tác."),
			"entity":     oaEnum(thidua.AuditEntities, "Loại đối tượng."),
			"entity_id":  oaInt("Mã đối tượng."),
			"before":     map[string]any{"description": "Dữ liệu trước khi thay đổi (JSON bất kỳ); không có khi tạo mới."},
			"after":      map[string]any{"description": "Dữ liệu sau khi thay đổi (JSON bất kỳ); không có khi xóa."},
			"prev_hash":  oaString("Mã băm của mục trước."),
			"hash":       oaString("Mã băm SHA-256 của mục này và mục trước."),
		}),
		"Problem": oaObject([]string{"type", "title", "status", "detail"}, map[string]any{
			"type":   map[string]any{"type": "string", "description": "Loại lỗi (RFC 9457); hiện luôn là about:blank.", "default": "about:blank"},
			"title":  oaString("Tên ngắn của mã trạng thái HTTP, tiếng Việt."),
			"status": map[string]any{"type": "integer", "minimum": 400, "maximum": 599, "description": "Mã trạng thái HTTP."},
			"detail": oaString("Thông báo lỗi tiếng Việt cho người dùng."),
			"code":   map[string]any{"type": "string", "enum": oaErrorCodes(), "description": "Mã lỗi ổn định cho chương trình."},
			"errors": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
				"description": "Lỗi theo từng trường (tên trường JSON → thông báo tiếng Việt), khi dữ liệu không hợp lệ."},
		}),
		"UnitList":       oaList("Unit", "Các đơn vị, theo thứ tự cây."),
		"PersonList":     oaList("Person", "Các cá nhân, theo tên rồi họ và tên đệm."),
		"UserList":       oaList("User", "Các tài khoản, theo tên đăng nhập."),
		"AuditEntryList": oaList("AuditEntry", "Các mục nhật ký, mới nhất trước."),
	}
	maps.Copy(schemas, oaCampaignSchemas(version, versionIn, created, updated))
	maps.Copy(schemas, oaEligibilitySchemas(provinces))
	maps.Copy(schemas, oaCommendationSchemas(version, versionIn, created, updated))
	return schemas
}

func oaNumber(desc string) map[string]any {
	return map[string]any{"type": "number", "description": desc}
}

func oaCount(desc string) map[string]any {
	return map[string]any{"type": "integer", "minimum": 0, "description": desc}
}

func oaArray(item, desc string) map[string]any {
	return map[string]any{"type": "array", "items": oaRef("schemas", item), "description": desc}
}

// oaItems is the schema of a list that is not paginated (web.Items).
func oaItems(item, desc string) map[string]any {
	return oaObject([]string{"items", "total"}, map[string]any{
		"items": oaArray(item, desc),
		"total": oaCount("Số phần tử của items."),
	})
}

// oaCampaignSchemas are the schemas of the campaign part of the API.
func oaCampaignSchemas(version, versionIn, created, updated map[string]any) map[string]any {
	docType := oaEnum(thidua.DocTypes, "Loại văn bản, viết tắt; chuỗi rỗng khi chưa có.")
	docType["enum"] = append(docType["enum"].([]string), "")
	commitments := map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
		"description": "Nội dung cam kết theo mã tiêu chí (ví dụ {\"TC1\": \"…\"})."}
	campaignState := oaEnum(thidua.CampaignStates, "Trạng thái.")
	regKind := oaEnum(registrationKinds, "Tập thể hay cá nhân.")

	return map[string]any{
		"DocRef": oaObject([]string{"number", "type", "issuer"}, map[string]any{
			"number": map[string]any{"type": "string", "pattern": `^[0-9]{0,6}$`, "description": "Số văn bản (ví dụ 248); chuỗi rỗng khi chưa có."},
			"year":   map[string]any{"type": "integer", "minimum": 0, "description": "Năm trong số, ký hiệu của văn bản quy phạm pháp luật (86/2025/QĐ-UBND); bỏ trống với văn bản khác."},
			"type":   docType,
			"issuer": oaString("Cơ quan ban hành, viết tắt (ví dụ VPUBND); chuỗi rỗng khi chưa có."),
		}),
		"PlannedAward": oaObject([]string{"code", "label", "max_collectives", "max_individuals"}, map[string]any{
			"code":            oaString("Mã hình thức khen thưởng (ví dụ GK, BKCT), chữ in hoa."),
			"label":           oaString("Tên hình thức khen thưởng (ví dụ \"Giấy khen của Chánh Văn phòng UBND tỉnh\")."),
			"max_collectives": oaCount("Số tập thể được khen tối đa (0: không giới hạn)."),
			"max_individuals": oaCount("Số cá nhân được khen tối đa (0: không giới hạn)."),
		}),
		"Campaign": oaObject([]string{"id", "title", "form", "kind", "unit_id", "plan", "plan_date", "signer", "signer_post",
			"start_date", "end_date", "objectives", "scope_unit_id", "participants", "awards", "aggregation", "exclude_conflicts",
			"state", "version", "created_at", "updated_at"}, map[string]any{
			"id":                oaInt("Mã đợt thi đua."),
			"title":             oaString("Tên phong trào, đợt thi đua."),
			"form":              oaEnum(thidua.CampaignForms, "Hình thức tổ chức thi đua."),
			"kind":              oaEnum(thidua.CampaignKinds, "Loại đợt thi đua."),
			"unit_id":           oaInt("Mã đơn vị phát động."),
			"plan":              oaRef("schemas", "DocRef"),
			"plan_date":         oaDateOut("Ngày ban hành kế hoạch."),
			"signer":            oaString("Người ký kế hoạch."),
			"signer_post":       oaString("Chức vụ người ký."),
			"start_date":        oaDateOut("Ngày bắt đầu."),
			"end_date":          oaDateOut("Ngày kết thúc."),
			"objectives":        oaString("Mục đích, yêu cầu (nhiều dòng)."),
			"scope_unit_id":     oaInt("Mã đơn vị tham gia: đơn vị này và mọi đơn vị trực thuộc."),
			"participants":      oaEnum(thidua.ParticipantKinds, "Đối tượng tham gia."),
			"awards":            oaArray("PlannedAward", "Hình thức khen thưởng dự kiến khi tổng kết."),
			"aggregation":       oaEnum(thidua.Aggregations, "Cách tổng hợp điểm thẩm định thành điểm cuối của tiêu chí."),
			"exclude_conflicts": oaBool("Bỏ điểm của thành viên Hội đồng chấm cho tập thể, cá nhân thuộc đơn vị của chính mình (xung đột lợi ích)."),
			"state":             campaignState,
			"version":           version,
			"created_at":        created,
			"updated_at":        updated,
			"unit_name":         oaString("Tên đơn vị phát động."),
			"scope_unit_name":   oaString("Tên đơn vị tham gia."),
		}),
		"CampaignInput": oaInput("Phần sửa được của đợt thi đua. Kế hoạch gửi bằng `plan_ref` hoặc `plan` (nếu gửi cả hai thì phải khớp nhau).",
			[]string{"title", "form", "kind", "unit_id", "start_date", "end_date", "participants"}, map[string]any{
				"title":         map[string]any{"type": "string", "minLength": 1, "maxLength": 500, "description": "Tên phong trào, đợt thi đua."},
				"form":          oaEnum(thidua.CampaignForms, "Hình thức tổ chức thi đua."),
				"kind":          oaEnum(thidua.CampaignKinds, "Loại đợt thi đua."),
				"unit_id":       map[string]any{"type": "integer", "format": "int64", "minimum": 1, "description": "Mã đơn vị phát động (trong phạm vi quản lý thi đua của người gọi)."},
				"scope_unit_id": oaInt("Mã đơn vị tham gia: đơn vị phát động hoặc đơn vị trực thuộc (0 hoặc bỏ trống: đơn vị phát động)."),
				"plan":          oaRef("schemas", "DocRef"),
				"plan_ref": map[string]any{"type": "string", "examples": []any{"248/KH-VPUBND"},
					"description": "Số, ký hiệu kế hoạch như in trên văn bản: số/loại-cơ quan ban hành. Sai dạng hoặc loại văn bản không có trong danh mục: 422 với `errors.plan_ref`."},
				"plan_date":         oaDateIn("Ngày ban hành kế hoạch."),
				"signer":            oaStringMax("Người ký kế hoạch.", 100),
				"signer_post":       oaStringMax("Chức vụ người ký.", 100),
				"start_date":        oaDateIn("Ngày bắt đầu, không trước ngày ban hành kế hoạch."),
				"end_date":          oaDateIn("Ngày kết thúc, không trước ngày bắt đầu."),
				"objectives":        oaStringMax("Mục đích, yêu cầu (nhiều dòng).", 20000),
				"participants":      oaEnum(thidua.ParticipantKinds, "Đối tượng tham gia."),
				"awards":            map[string]any{"type": "array", "maxItems": 20, "items": oaRef("schemas", "PlannedAward"), "description": "Hình thức khen thưởng dự kiến (tối đa 20)."},
				"aggregation":       oaEnum(thidua.Aggregations, "Cách tổng hợp điểm (mặc định "+thidua.AggMeanReviewers+")."),
				"exclude_conflicts": map[string]any{"type": "boolean", "default": false, "description": "Bỏ điểm Hội đồng khi có xung đột lợi ích."},
				"version":           versionIn,
			}),
		"CampaignList": oaList("Campaign", "Các đợt thi đua, mới nhất trước."),
		"TransitionInput": oaInput("Thao tác chuyển trạng thái.", []string{"action", "version"}, map[string]any{
			"action":  oaEnum(transitionActions(), "Thao tác."),
			"version": map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản đợt thi đua đã đọc."},
		}),
		"CopyInput": oaInput("Không có trường nào: gửi {}.", nil, map[string]any{}),

		"Criterion": oaObject([]string{"id", "campaign_id", "position", "code", "title", "description", "applies_to", "max_score", "weight", "evidence"}, map[string]any{
			"id":          oaInt("Mã tiêu chí."),
			"campaign_id": oaInt("Mã đợt thi đua."),
			"position":    map[string]any{"type": "integer", "minimum": 1, "description": "Thứ tự, từ 1."},
			"code":        oaString("Mã tiêu chí (ví dụ TC1), duy nhất trong đợt thi đua."),
			"title":       oaString("Nội dung, tiêu chí."),
			"description": oaString("Mô tả (nhiều dòng)."),
			"applies_to":  oaEnum(thidua.ParticipantKinds, "Áp dụng cho."),
			"max_score":   oaNumber("Điểm tối đa."),
			"weight":      oaNumber("Trọng số."),
			"evidence":    oaString("Minh chứng yêu cầu."),
		}),
		"CriterionInput": oaInput("Một nội dung, tiêu chí.", []string{"code", "title", "applies_to", "max_score"}, map[string]any{
			"id":          oaInt("Mã tiêu chí đã có, để giữ lại nó; bỏ trống khi thêm mới."),
			"code":        oaStringMax("Mã tiêu chí (ví dụ TC1), không trùng trong đợt thi đua; lưu chữ in hoa.", 20),
			"title":       oaStringMax("Nội dung, tiêu chí.", 1000),
			"description": oaStringMax("Mô tả (nhiều dòng).", 10000),
			"applies_to":  oaEnum(thidua.ParticipantKinds, "Áp dụng cho."),
			"max_score":   map[string]any{"type": "number", "exclusiveMinimum": 0, "maximum": 1000, "description": "Điểm tối đa, lớn hơn 0 và không quá 1000."},
			"weight":      map[string]any{"type": "number", "minimum": 0, "maximum": 100, "default": 1, "description": "Trọng số, lớn hơn 0 và không quá 100 (0 hoặc bỏ trống: 1)."},
			"evidence":    oaStringMax("Minh chứng yêu cầu.", 1000),
		}),
		"CriteriaInput": oaInput("Toàn bộ danh sách tiêu chí, theo thứ tự.", []string{"version", "criteria"}, map[string]any{
			"version":  map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản đợt thi đua đã đọc."},
			"criteria": map[string]any{"type": "array", "maxItems": 100, "items": oaRef("schemas", "CriterionInput"), "description": "Các tiêu chí theo thứ tự (tối đa 100; [] xóa hết)."},
		}),
		"CampaignCriteria": oaObject([]string{"campaign_id", "version", "editable", "criteria"}, map[string]any{
			"campaign_id": oaInt("Mã đợt thi đua."),
			"version":     map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản hiện tại của đợt thi đua: gửi lại khi lưu tiêu chí."},
			"editable":    oaBool("Tiêu chí còn sửa được: chưa có đăng ký và chưa tổng kết (không xét quyền của người gọi)."),
			"criteria":    oaArray("Criterion", "Các tiêu chí theo thứ tự."),
		}),

		"Registration": oaObject([]string{"id", "campaign_id", "kind", "unit_id", "target_title", "commitments", "state", "version",
			"created_at", "updated_at", "name", "unit_name"}, map[string]any{
			"id":            oaInt("Mã đăng ký."),
			"campaign_id":   oaInt("Mã đợt thi đua."),
			"kind":          regKind,
			"unit_id":       oaInt("Mã đơn vị (tập thể đăng ký, hoặc đơn vị của cá nhân)."),
			"person_id":     oaInt("Mã cá nhân; không có ở đăng ký tập thể."),
			"target_title":  oaString("Danh hiệu, hình thức khen thưởng đăng ký."),
			"commitments":   commitments,
			"state":         oaEnum(thidua.RegistrationStates, "Trạng thái."),
			"return_reason": oaString("Lý do trả lại (khi RETURNED)."),
			"version":       version,
			"created_at":    created,
			"updated_at":    updated,
			"name":          oaString("Tên tập thể hoặc họ tên cá nhân."),
			"unit_name":     oaString("Tên đơn vị."),
			"is_leader":     oaBool("Cá nhân giữ chức vụ lãnh đạo, quản lý (chỉ có khi true)."),
			"gender":        oaEnum(thidua.Genders, "Giới tính của cá nhân (không có ở tập thể)."),
		}),
		"RegistrationInput": oaInput("Một tập thể hoặc cá nhân đăng ký.", []string{"kind"}, map[string]any{
			"kind":         regKind,
			"unit_id":      oaInt("Với tập thể: mã đơn vị đăng ký (bắt buộc). Với cá nhân: bỏ qua, lấy đơn vị của cá nhân."),
			"person_id":    oaInt("Với cá nhân: mã cá nhân (bắt buộc). Với tập thể: không gửi."),
			"target_title": oaStringMax("Danh hiệu, hình thức khen thưởng đăng ký.", 255),
			"commitments":  commitments,
		}),
		"RegistrationsInput": oaInput("Các tập thể, cá nhân đăng ký, lưu tất cả hoặc không.", []string{"registrations"}, map[string]any{
			"registrations": map[string]any{"type": "array", "minItems": 1, "maxItems": 5000, "items": oaRef("schemas", "RegistrationInput"), "description": "Từ 1 đến 5000 dòng."},
		}),
		"RegistrationList": oaItems("Registration", "Các đăng ký."),
		"ReviewInput": oaInput("Quyết định về một đăng ký.", []string{"approve", "version"}, map[string]any{
			"approve": oaBool("true: duyệt; false: trả lại (cần reason)."),
			"reason":  oaStringMax("Lý do trả lại; bỏ qua khi duyệt.", 2000),
			"version": map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản đăng ký đã đọc."},
		}),

		"Attachment": oaObject([]string{"id", "evidence_id", "name", "content_type", "size"}, map[string]any{
			"id":           oaInt("Mã tệp; tải về tại /app/attachments/{id} trên giao diện."),
			"evidence_id":  oaInt("Mã minh chứng."),
			"name":         oaString("Tên tệp."),
			"content_type": oaString("Loại nội dung (MIME)."),
			"size":         oaCount("Dung lượng (byte)."),
		}),
		"Evidence": oaObject([]string{"id", "registration_id", "criterion_id", "text", "date", "attachments", "created_by", "created_at"}, map[string]any{
			"id":              oaInt("Mã minh chứng."),
			"registration_id": oaInt("Mã đăng ký."),
			"criterion_id":    oaInt("Mã tiêu chí."),
			"text":            oaString("Nội dung minh chứng, báo cáo."),
			"figure":          oaNumber("Số liệu báo cáo (ví dụ số tin, bài); không có khi không báo cáo số liệu."),
			"date":            oaDateOut("Ngày của minh chứng."),
			"link":            oaString("Đường dẫn http(s); không có khi không gửi."),
			"attachments":     oaArray("Attachment", "Tệp đính kèm (tải lên qua giao diện)."),
			"created_by":      oaInt("Mã tài khoản đã nộp."),
			"created_at":      created,
		}),
		"EvidenceInput": oaInput("Minh chứng không kèm tệp; cần ít nhất một trong text, figure, link.", []string{"criterion_id"}, map[string]any{
			"criterion_id": map[string]any{"type": "integer", "format": "int64", "minimum": 1, "description": "Mã tiêu chí của đợt thi đua."},
			"text":         oaStringMax("Nội dung minh chứng, báo cáo (nhiều dòng).", 20000),
			"figure":       oaNumber("Số liệu báo cáo."),
			"date":         oaDateIn("Ngày của minh chứng."),
			"link":         map[string]any{"type": "string", "format": "uri", "maxLength": 2000, "description": "Đường dẫn http:// hoặc https://."},
		}),
		"EvidenceList": oaItems("Evidence", "Các minh chứng, theo tiêu chí."),

		"Score": oaObject([]string{"id", "registration_id", "criterion_id", "kind", "scorer_id", "value", "version", "updated_at"}, map[string]any{
			"id":              oaInt("Mã điểm."),
			"registration_id": oaInt("Mã đăng ký."),
			"criterion_id":    oaInt("Mã tiêu chí."),
			"kind":            oaEnum(thidua.ScorerKinds, "Loại điểm."),
			"scorer_id":       oaInt("Mã tài khoản đã chấm (lần gần nhất)."),
			"scorer_name":     oaString("Tên người chấm."),
			"value":           map[string]any{"type": "number", "minimum": 0, "description": "Điểm, từ 0 đến điểm tối đa của tiêu chí."},
			"comment":         oaString("Nhận xét; không có khi trống."),
			"version":         version,
			"updated_at":      updated,
		}),
		"ScoreInput": oaInput("Điểm của người gọi cho một tiêu chí.", []string{"criterion_id", "kind", "value"}, map[string]any{
			"criterion_id": map[string]any{"type": "integer", "format": "int64", "minimum": 1, "description": "Mã tiêu chí áp dụng cho đăng ký."},
			"kind":         oaEnum(thidua.ScorerKinds, "Chấm với tư cách."),
			"value":        map[string]any{"type": "number", "minimum": 0, "description": "Điểm, từ 0 đến max_score của tiêu chí."},
			"comment":      oaStringMax("Nhận xét.", 2000),
			"version":      map[string]any{"type": "integer", "minimum": 0, "description": "0 khi chấm lần đầu; phiên bản điểm đã đọc khi sửa."},
		}),
		"ScoreList": oaItems("Score", "Các điểm, theo đăng ký rồi tiêu chí."),

		"CriterionResult": oaObject([]string{"criterion_id", "self", "has_self", "reviewers", "excluded", "final", "scored"}, map[string]any{
			"criterion_id": oaInt("Mã tiêu chí."),
			"self":         oaNumber("Điểm tự chấm (0 khi chưa có)."),
			"has_self":     oaBool("Đã tự chấm."),
			"reviewers":    oaCount("Số điểm thẩm định được tính."),
			"excluded":     oaCount("Số điểm thẩm định bị loại vì xung đột lợi ích."),
			"final":        oaNumber("Điểm cuối của tiêu chí, làm tròn 2 chữ số."),
			"scored":       oaBool("Tiêu chí đã có điểm (thẩm định hoặc tự chấm)."),
		}),
		"Result": oaObject([]string{"registration", "criteria", "total", "max", "percent", "rank", "tied", "complete", "reviewed"}, map[string]any{
			"registration": oaRef("schemas", "Registration"),
			"criteria":     oaArray("CriterionResult", "Điểm cuối từng tiêu chí áp dụng, theo thứ tự tiêu chí."),
			"total":        oaNumber("Tổng điểm: Σ điểm cuối × trọng số."),
			"max":          oaNumber("Tổng điểm tối đa: Σ điểm tối đa × trọng số."),
			"percent":      oaNumber("Tổng điểm / tổng điểm tối đa × 100, làm tròn 2 chữ số."),
			"rank":         map[string]any{"type": "integer", "minimum": 1, "description": "Thứ hạng trong loại (tập thể hoặc cá nhân), từ 1; đồng hạng khi bằng điểm."},
			"tied":         oaBool("Có đăng ký khác cùng hạng."),
			"complete":     oaBool("Mọi tiêu chí áp dụng đã có điểm."),
			"reviewed":     oaBool("Có ít nhất một điểm thẩm định (thủ trưởng hoặc Hội đồng); false: chỉ có điểm tự chấm."),
		}),
		"CampaignResults": oaObject([]string{"campaign_id", "state", "criteria", "items", "total"}, map[string]any{
			"campaign_id": oaInt("Mã đợt thi đua."),
			"state":       oaEnum(thidua.CampaignStates, "Trạng thái đợt thi đua; kết quả chính thức khi CLOSED."),
			"criteria":    oaArray("Criterion", "Các tiêu chí, để đọc criteria của từng kết quả."),
			"items":       oaArray("Result", "Kết quả: tập thể trước, cá nhân sau; theo hạng."),
			"total":       oaCount("Số kết quả trả về."),
		}),
		"CampaignProgress": oaObject([]string{"unit_id", "unit_name", "registered", "approved", "with_evidence", "scored"}, map[string]any{
			"unit_id":       oaInt("Mã đơn vị."),
			"unit_name":     oaString("Tên đơn vị."),
			"registered":    oaCount("Số đăng ký (tập thể và cá nhân của đơn vị)."),
			"approved":      oaCount("Số đăng ký đã duyệt."),
			"with_evidence": oaCount("Số đăng ký đã có minh chứng."),
			"scored":        oaCount("Số đăng ký đã có điểm thẩm định."),
		}),
		"ProgressTotals": oaObject([]string{"registered", "approved", "with_evidence", "scored"}, map[string]any{
			"registered":    oaCount("Tổng số đăng ký."),
			"approved":      oaCount("Tổng số đăng ký đã duyệt."),
			"with_evidence": oaCount("Tổng số đăng ký đã có minh chứng."),
			"scored":        oaCount("Tổng số đăng ký đã có điểm thẩm định."),
		}),
		"CampaignProgressReport": oaObject([]string{"campaign_id", "items", "totals"}, map[string]any{
			"campaign_id": oaInt("Mã đợt thi đua."),
			"items":       oaArray("CampaignProgress", "Theo đơn vị, thứ tự cây."),
			"totals":      oaRef("schemas", "ProgressTotals"),
		}),
		"CampaignReviewers": oaObject([]string{"campaign_id", "user_ids", "reviewers"}, map[string]any{
			"campaign_id": oaInt("Mã đợt thi đua."),
			"user_ids":    map[string]any{"type": "array", "items": map[string]any{"type": "integer", "format": "int64"}, "description": "Mã tài khoản của các thành viên được phân công."},
			"reviewers":   oaArray("Reviewer", "Các thành viên được phân công, theo tên đăng nhập."),
			"candidates":  oaArray("Reviewer", "Các thành viên Hội đồng có thể phân công (tài khoản đang hoạt động giữ vai trò COUNCIL trên đơn vị liên quan); chỉ người quản lý đợt thi đua thấy."),
		}),
		"Reviewer": oaObject([]string{"id", "username", "display_name"}, map[string]any{
			"id":           oaInt("Mã tài khoản."),
			"username":     oaString("Tên đăng nhập."),
			"display_name": oaString("Họ và tên hiển thị."),
			"person_id":    oaInt("Mã cá nhân được liên kết; không có nếu chưa liên kết."),
			"person_name":  oaString("Họ tên cá nhân được liên kết."),
		}),
		"ReviewersInput": oaInput("Danh sách thành viên Hội đồng được phân công (thay cả danh sách).", []string{"user_ids"}, map[string]any{
			"user_ids": map[string]any{"type": "array", "items": map[string]any{"type": "integer", "format": "int64", "minimum": 1},
				"description": "Mã tài khoản giữ vai trò COUNCIL; [] bỏ phân công."},
			"version": map[string]any{"type": "integer", "minimum": 0, "description": "Tùy chọn: phiên bản đợt thi đua đã đọc (0: không kiểm tra)."},
		}),
	}
}
