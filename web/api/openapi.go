package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// The OpenAPI 3.1 document of the JSON API. Its paths come from the route
// table, so that nothing is documented that is not served; each part of the
// API documents its operations and query parameters beside its handlers
// (coreOps in api.go, campaignOps, eligibilityOps, commendationOps), and the
// schemas are derived from the Go types the operations read and write
// (openapi_schema.go).

func (s *Handler) HandleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	s.openAPIOnce.Do(func() {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.Encode(s.openAPI()) // maps and plain values: cannot fail
		s.openAPIDoc = buf.Bytes()
	})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(s.openAPIDoc)
	return nil
}

// apiPrefix is the server URL of the JSON API: the document's paths are
// relative to it ("/units" is served at /api/v1/units).
const apiPrefix = "/api/v1"

// apiOp documents one operation of the JSON API; openapi_test.go checks
// that every API route has one.
type apiOp struct {
	ID      string // operationId
	Tag     string
	Summary string
	Desc    string
	// Params names query parameters in components/parameters; the {id} path
	// parameter is added for every path that has one.
	Params []string
	// Body is a value of the request body's Go type (nil for none).
	Body any
	// Status is the success status; Result is a value of the Go type of its
	// body (nil for no content).
	Status int
	Result any
	// Media is the success body's media type when it is a file rather
	// than JSON (Result is then nil), e.g. application/zip.
	Media string
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

// apiParam documents a query parameter in components/parameters.
type apiParam struct {
	Name string
	Desc string
	// Type is a value of the Go type the handler reads the parameter into;
	// Tag says the rest, as the tags of a struct field do (openapi_schema.go).
	Type any
	Tag  reflect.StructTag
}

// Tags group the operations.
const (
	oaTagUnits         = "Đơn vị"
	oaTagPeople        = "Cá nhân"
	oaTagUsers         = "Tài khoản"
	oaTagAudit         = "Nhật ký"
	oaTagSystem        = "Hệ thống"
	oaTagCampaigns     = "Đợt thi đua"
	oaTagRegistrations = "Đăng ký, minh chứng"
	oaTagScoring       = "Chấm điểm, kết quả"
	oaTagEligibility   = "Xét điều kiện khen thưởng"
	oaTagProposals     = "Tờ trình, hồ sơ khen thưởng"
	oaTagCouncils      = "Hội đồng, bỏ phiếu kín"
	oaTagDecisions     = "Quyết định khen thưởng"
	oaTagStats         = "Biểu mẫu thống kê"
	oaTagClusters      = "Cụm, khối thi đua"
)

var oaTags = [][2]string{
	{oaTagUnits, "Cơ quan, đơn vị: cây đơn vị nhiều cấp."},
	{oaTagPeople, "Cá nhân công tác trong các đơn vị."},
	{oaTagUsers, "Tài khoản người dùng và phân quyền (chỉ quản trị hệ thống)."},
	{oaTagAudit, "Nhật ký thay đổi, nối chuỗi băm."},
	{oaTagSystem, "Tài khoản đang gọi và tài liệu API."},
	{oaTagCampaigns, "Phong trào, đợt thi đua: tạo, phát động, chuyển trạng thái, nội dung và tiêu chí."},
	{oaTagRegistrations, "Đăng ký thi đua của tập thể, cá nhân; duyệt đăng ký; minh chứng, báo cáo (tệp chỉ tải lên qua giao diện)."},
	{oaTagScoring, "Tự chấm, chấm thẩm định, phân công Hội đồng, tiến độ và kết quả xếp hạng."},
	{oaTagEligibility, "Lịch sử khen thưởng của cá nhân, tập thể; xét điều kiện danh hiệu, hình thức theo Luật và Nghị định, có dẫn chiếu; dự báo năm sau."},
	{oaTagProposals, "Tờ trình đề nghị khen thưởng của đơn vị, danh sách tập thể, cá nhân với báo cáo thành tích; xét điều kiện khi gửi; tiếp nhận, thẩm định, trình Hội đồng."},
	{oaTagCouncils, "Hội đồng thi đua, khen thưởng, phiên họp, điểm danh, bỏ phiếu kín có mã phiếu, kiểm phiếu trên tổng số thành viên."},
	{oaTagDecisions, "Quyết định khen thưởng: dự thảo từ kết quả biểu quyết, ban hành với số liên tục theo sổ đăng ký, ghi vào lịch sử khen thưởng."},
	{oaTagStats, "Biểu mẫu báo cáo thống kê thi đua, khen thưởng theo Thông tư 02/2023/TT-BNV, lập từ dữ liệu đã lưu."},
	{oaTagClusters, "Cụm, khối thi đua của tỉnh: thành viên, trưởng, phó luân phiên, giao ước thi đua, chấm điểm chéo cuối năm, suy tôn đơn vị dẫn đầu (điều kiện của Cờ thi đua của UBND tỉnh)."},
}

// Notes shared by several operations.
const (
	oaLockNote       = " Gửi `version` đã đọc: nếu bản ghi đã bị người khác sửa, trả về 409 và không thay đổi gì."
	oaScopeNote      = " Chỉ thấy các bản ghi thuộc phạm vi đơn vị được phân quyền; bản ghi ngoài phạm vi trả về 404."
	oaWriteScopeNote = " Chỉ được thao tác trong phạm vi đơn vị được phân quyền (ngoài phạm vi: 403 hoặc 404)."
)

// enumLists are the option lists that enum tags name (openapi_schema.go);
// "provinces", the province profiles of the rules engine, is added from the
// server's eligibility service.
func enumLists() map[string][]thidua.Option {
	return map[string][]thidua.Option{
		"unitKinds":              thidua.UnitKinds,
		"genders":                thidua.Genders,
		"categories":             thidua.Categories,
		"personStatuses":         thidua.PersonStatuses,
		"roles":                  thidua.Roles,
		"auditActions":           thidua.AuditActions,
		"auditEntities":          thidua.AuditEntities,
		"errorCodes":             bare(errorCodes()...),
		"docTypes":               append(slices.Clone(thidua.DocTypes), thidua.Option{}), // "" when unset
		"campaignForms":          thidua.CampaignForms,
		"campaignKinds":          thidua.CampaignKinds,
		"campaignStates":         thidua.CampaignStates,
		"campaignActions":        transitionActions(),
		"participantKinds":       thidua.ParticipantKinds,
		"aggregations":           thidua.Aggregations,
		"registrationKinds":      registrationKinds,
		"registrationStates":     thidua.RegistrationStates,
		"scorerKinds":            thidua.ScorerKinds,
		"ratings":                thidua.RatingCodes,
		"titles":                 thidua.Titles,
		"titlePaths":             thidua.TitlePaths,
		"forms":                  thidua.Forms,
		"awardTypes":             thidua.AwardTypes,
		"initiativeLevels":       thidua.InitiativeLevels,
		"initiativeKinds":        thidua.InitiativeKinds,
		"disciplineLevels":       thidua.DisciplineLevels,
		"proceedingKinds":        thidua.ProceedingKinds,
		"leadershipPosts":        thidua.LeadershipPosts,
		"subjectKinds":           {{Code: rules.Individual, Label: "cá nhân"}, {Code: rules.Collective, Label: "tập thể"}},
		"subjectGenders":         {{Code: rules.Female, Label: "nữ"}, {Code: rules.Male, Label: "nam"}},
		"evaluationSubjectKinds": {{Code: rules.Individual, Label: "cá nhân"}, {Code: rules.Collective, Label: "tập thể"}, {Code: rules.Household, Label: "hộ gia đình"}},
		"occupations":            rules.Occupations,
		"councilCompares":        {{Code: rules.CompareAtLeast, Label: "từ … trở lên"}, {Code: rules.CompareMoreThan, Label: "quá bán (trên)"}},
		"evaluatedAwards":        evaluatedAwards(),
		"verdicts":               rules.VerdictLabels,
		"conditionStatuses":      conditionStatuses,
		"grades":                 grades,
		"forecastKinds":          forecastKinds,
		"subjects":               forecastSubjects,
		"statForms":              bare("0601", "0602", "0603"),
		"subjectCodes":           bare(thidua.SubjectPerson, thidua.SubjectUnit),
		"proposalKinds":          thidua.ProposalKinds,
		"proposalStates":         thidua.ProposalStates,
		"proposalActions":        proposalActions(),
		"nomineeAwards":          bare(codesOf(thidua.Titles, thidua.Forms)...),
		"nomineeVerdicts":        bare(thidua.VerdictEligible, thidua.VerdictNotEligible, thidua.VerdictReview, thidua.VerdictOnHold),
		"councilRoles":           thidua.CouncilRoles,
		"meetingStates":          bare(thidua.MeetingOpen, thidua.MeetingCounting, thidua.MeetingClosed),
		"votes":                  bare(thidua.VoteAgree, thidua.VoteDisagree),
		"signerAuthorities":      thidua.SignerAuthorities,
		"decisionStates":         thidua.DecisionStates,
	}
}

// errorCodes lists the stable error codes of problem documents.
func errorCodes() []string {
	var codes []string
	for c := range kit.CodeStatus {
		codes = append(codes, c)
	}
	codes = append(codes, "too_many")
	slices.Sort(codes)
	return codes
}

// apiOps documents every API route, keyed by "METHOD pattern".
func apiOps() map[string]apiOp {
	return joinTables("operation", coreOps, campaignOps, eligibilityOps, commendationOps, inboxOps, statFormOps, centralOps, clusterOps, signingOps, ladderOps)
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
	g := newSchemaGen(s.Eligibility.Provinces())
	ops := apiOps()
	paths := map[string]any{}
	for _, rt := range s.Registered {
		op, ok := ops[rt.Method+" "+rt.Pattern]
		if !rt.API || !ok {
			continue
		}
		p := openAPIPath(rt.Pattern)
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(rt.Method)] = op.operation(g, rt)
		for _, name := range op.PathParams {
			params, _ := item["parameters"].([]any)
			item["parameters"] = append(params, oaRef("parameters", name))
		}
	}
	tags := []any{}
	for _, t := range oaTags {
		tags = append(tags, map[string]any{"name": t[0], "description": t[1]})
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
		"tags":       tags,
		"paths":      paths,
		"components": g.components(),
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

// operation returns the Operation Object of op served by rt.
func (op apiOp) operation(g *schemaGen, rt kit.Route) map[string]any {
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
	if op.Body != nil {
		o["requestBody"] = map[string]any{"required": true, "content": oaJSON(g.schema(op.Body))}
	}

	responses := map[string]any{}
	ok := map[string]any{"description": oaSuccessText[op.Status]}
	if op.Result != nil {
		ok["content"] = oaJSON(g.schema(op.Result))
	}
	if op.Media != "" {
		ok["content"] = map[string]any{op.Media: map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": op.Media}}}
	}
	if op.Status == http.StatusCreated {
		ok["headers"] = map[string]any{"Location": map[string]any{
			"description": "Đường dẫn của bản ghi vừa tạo, ví dụ /api/v1/people/42.",
			"schema":      map[string]any{"type": "string"}}}
	}
	responses[strconv.Itoa(op.Status)] = ok
	errs := slices.Clone(op.Errors)
	if op.Body != nil {
		// decodeBody refuses a body that is not JSON.
		errs = append(errs, http.StatusUnsupportedMediaType)
	}
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

// oaProblemResponses are the error responses in components/responses, by
// status: name, description, and the example's code and detail.
var oaProblemResponses = map[int]struct{ name, desc, code, detail string }{
	http.StatusBadRequest: {"BadRequest", "Yêu cầu xét điều kiện không hợp lệ: mã không tồn tại hoặc lịch sử sai dạng; `errors` ghi lỗi theo đường dẫn JSON.",
		thidua.EINVALID, "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."},
	http.StatusUnauthorized: {"Unauthorized", "Chưa xác thực, hoặc khóa API, mật khẩu không đúng; kèm tiêu đề WWW-Authenticate.",
		thidua.EUNAUTHORIZED, "Cần xác thực: dùng khóa API (Authorization: Bearer …) hoặc HTTP Basic."},
	http.StatusForbidden: {"Forbidden", "Vai trò của tài khoản không cho phép thao tác này, hoặc đơn vị nằm ngoài phạm vi được phân quyền.",
		thidua.EFORBIDDEN, "Bạn không có quyền truy cập chức năng này."},
	http.StatusNotFound: {"NotFound", "Không có bản ghi với mã này trong phạm vi được phân quyền (mã sai dạng cũng trả về 404).",
		thidua.ENOTFOUND, "Không tìm thấy cá nhân."},
	http.StatusConflict: {"Conflict", "Xung đột: bản ghi đã bị người khác sửa (version cũ), trùng dữ liệu, hoặc còn dữ liệu phụ thuộc.",
		thidua.ECONFLICT, thidua.ErrStale().Message},
	http.StatusUnprocessableEntity: {"UnprocessableEntity", "Dữ liệu không hợp lệ (JSON sai cú pháp, trường không được hỗ trợ, sai kiểu, tham số sai); không có gì bị thay đổi.",
		thidua.EINVALID, "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."},
	http.StatusUnsupportedMediaType: {"UnsupportedMediaType", "Nội dung yêu cầu không phải JSON: gửi với tiêu đề Content-Type: application/json; không có gì bị thay đổi.",
		"unsupported_media_type", "Nội dung yêu cầu phải là JSON, gửi với tiêu đề Content-Type: application/json (đã nhận «text/plain»)."},
	http.StatusTooManyRequests: {"TooManyRequests", "Đăng nhập sai quá nhiều lần; tiêu đề Retry-After cho biết số giây phải chờ.",
		"too_many", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."},
}

// oaParams are the query parameters of the list operations, by name in
// components/parameters.
func oaParams() map[string]apiParam {
	return joinTables("parameter", coreParams, campaignParams, eligibilityParams, commendationParams, inboxParams, statFormParams, centralParams, clusterParams, ladderParams)
}

// components returns the document's components; call it after the paths,
// whose operations name the schemas.
func (g *schemaGen) components() map[string]any {
	responses := map[string]any{}
	problem := g.ref(reflect.TypeFor[kit.Problem]())
	for st, pr := range oaProblemResponses {
		ex := map[string]any{"type": "about:blank", "title": kit.StatusTitle[st], "status": st, "detail": pr.detail, "code": pr.code}
		if st == http.StatusUnprocessableEntity {
			ex["errors"] = map[string]any{"full_name": "Vui lòng nhập đủ họ và tên (ít nhất hai từ).",
				"birth_date": "Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy."}
		}
		if st == http.StatusBadRequest {
			ex["errors"] = map[string]any{"award": "Mã \"CSTDX\" không được hỗ trợ.",
				"subject.ratings[0].rating": "Xếp loại không hợp lệ; chọn một trong HTXSNV, HTTNV, HTNV, KHTNV."}
		}
		resp := map[string]any{"description": pr.desc, "content": map[string]any{
			"application/problem+json": map[string]any{"schema": problem, "example": ex}}}
		if st == http.StatusUnauthorized {
			resp["headers"] = map[string]any{"WWW-Authenticate": map[string]any{
				"description": "Các cách xác thực được nhận: Bearer và Basic.",
				"schema":      map[string]any{"type": "string"}}}
		}
		if st == http.StatusTooManyRequests {
			resp["headers"] = map[string]any{"Retry-After": map[string]any{
				"description": "Số giây phải chờ trước khi thử lại.",
				"schema":      map[string]any{"type": "integer", "minimum": 1}}}
		}
		responses[pr.name] = resp
	}
	params := map[string]any{
		"id": map[string]any{"name": "id", "in": "path", "required": true, "description": "Mã bản ghi (số nguyên dương).",
			"schema": map[string]any{"type": "integer", "format": "int64", "minimum": 1}},
	}
	for name, p := range oaParams() {
		params[name] = g.parameter(p)
	}
	return map[string]any{
		"securitySchemes": map[string]any{
			"bearerAuth": map[string]any{"type": "http", "scheme": "bearer",
				"description": "Khóa API cá nhân (dạng thd_…), tạo ở trang Tài khoản của tôi (/app/account)."},
			"basicAuth": map[string]any{"type": "http", "scheme": "basic",
				"description": "Tên đăng nhập và mật khẩu của tài khoản."},
		},
		"parameters": params,
		"responses":  responses,
		"schemas":    g.schemas,
	}
}

// oaRef returns a reference to a component.
func oaRef(kind, name string) map[string]any {
	return map[string]any{"$ref": "#/components/" + kind + "/" + name}
}

func oaJSON(schema map[string]any) map[string]any {
	return map[string]any{"application/json": map[string]any{"schema": schema}}
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
