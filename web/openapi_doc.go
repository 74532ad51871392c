package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"thidua"
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
}

// Tags group the operations.
const (
	oaTagUnits  = "Đơn vị"
	oaTagPeople = "Cá nhân"
	oaTagUsers  = "Tài khoản"
	oaTagAudit  = "Nhật ký"
	oaTagSystem = "Hệ thống"
)

// Query parameters of the list operations, by name in components/parameters.
var (
	oaUnitParams   = []string{"limit", "offset", "q", "parent_id"}
	oaPersonParams = []string{"limit", "offset", "q", "unit_id", "subtree", "status", "category"}
	oaUserParams   = []string{"limit", "offset", "q"}
	oaAuditParams  = []string{"audit_limit", "offset", "entity", "entity_id", "actor", "action", "from", "to"}
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
}

// openAPIPath converts a route pattern into a path of the document: the
// API prefix is removed, and "{name...}" becomes "{name}".
func openAPIPath(pattern string) string {
	p := strings.TrimPrefix(pattern, apiPrefix)
	p = strings.ReplaceAll(p, "...}", "}")
	return strings.TrimSuffix(p, "{$}")
}

// openAPI returns the OpenAPI 3.1 document of the JSON API.
func (s *Server) openAPI() map[string]any {
	paths := map[string]any{}
	for _, rt := range s.routes {
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
		"components": oaComponents(),
	}
}

const oaDescription = `API JSON của thidua: đơn vị, cá nhân, tài khoản và nhật ký thay đổi.

**Xác thực.** Gửi khóa API cá nhân trong tiêu đề ` + "`Authorization: Bearer <khóa>`" + ` (tạo và thu hồi khóa ở trang
"Tài khoản của tôi", /app/account; khóa chỉ hiển thị một lần và được lưu dưới dạng băm), hoặc dùng HTTP Basic
với tên đăng nhập và mật khẩu. Trình duyệt đã đăng nhập cũng gọi được API trên cùng nguồn. Đăng nhập sai nhiều
lần liên tiếp sẽ bị tạm khóa (429).

**Phạm vi.** Mỗi vai trò được phân quyền trên một đơn vị và toàn bộ đơn vị trực thuộc; dữ liệu ngoài phạm vi
không hiện trong danh sách và trả về 404.

**Danh sách** có dạng ` + "`{\"items\": [...], \"total\": N, \"limit\": L, \"offset\": O}`" + ` với ` + "`?limit=&offset=`" + `;
` + "`total`" + ` là tổng số bản ghi khớp bộ lọc, không phụ thuộc ` + "`limit`" + ` và ` + "`offset`" + `.

**Lỗi** theo RFC 9457 (` + "`application/problem+json`" + `): ` + "`detail`" + ` là thông báo tiếng Việt cho người dùng,
` + "`code`" + ` là mã ổn định cho chương trình, ` + "`errors`" + ` ghi lỗi theo từng trường khi dữ liệu không hợp lệ (422).

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
	} {
		tags = append(tags, map[string]any{"name": t[0], "description": t[1]})
	}
	return tags
}

// operation returns the Operation Object of op served by rt.
func (op apiOp) operation(rt Route) map[string]any {
	o := map[string]any{"operationId": op.ID, "tags": []string{op.Tag}, "summary": op.Summary}
	desc := op.Desc
	if rt.Perm != "" {
		desc = strings.TrimSpace(desc + "\n\nCần quyền `" + string(rt.Perm) + "` (vai trò: " + oaRolesWith(rt.Perm) + ").")
		o["x-permission"] = string(rt.Perm)
	}
	if desc != "" {
		o["description"] = desc
	}
	if rt.Access == Public {
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
	if rt.Access != Public {
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
	http.StatusUnauthorized:        thidua.EUNAUTHORIZED,
	http.StatusForbidden:           thidua.EFORBIDDEN,
	http.StatusNotFound:            thidua.ENOTFOUND,
	http.StatusConflict:            thidua.ECONFLICT,
	http.StatusUnprocessableEntity: thidua.EINVALID,
	http.StatusTooManyRequests:     "too_many",
}

func oaComponents() map[string]any {
	responses := map[string]any{}
	for st, pr := range oaProblemResponses {
		ex := map[string]any{"type": "about:blank", "title": statusTitle[st], "status": st, "detail": pr.detail, "code": oaProblemCodes[st]}
		if st == http.StatusUnprocessableEntity {
			ex["errors"] = map[string]any{"full_name": "Vui lòng nhập đủ họ và tên (ít nhất hai từ).",
				"birth_date": "Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy."}
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
	return map[string]any{
		"securitySchemes": map[string]any{
			"bearerAuth": map[string]any{"type": "http", "scheme": "bearer",
				"description": "Khóa API cá nhân (dạng thd_…), tạo ở trang Tài khoản của tôi (/app/account)."},
			"basicAuth": map[string]any{"type": "http", "scheme": "basic",
				"description": "Tên đăng nhập và mật khẩu của tài khoản."},
		},
		"parameters": oaParameters(),
		"responses":  responses,
		"schemas":    oaSchemas(),
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
	for c := range codeStatus {
		codes = append(codes, c)
	}
	codes = append(codes, "too_many")
	slices.Sort(codes)
	return codes
}

func oaSchemas() map[string]any {
	version := map[string]any{"type": "integer", "minimum": 1, "description": "Phiên bản của bản ghi (khóa lạc quan); tăng sau mỗi lần sửa."}
	versionIn := map[string]any{"type": "integer", "minimum": 0, "description": "Khi sửa: phiên bản đã đọc (bắt buộc); khi tạo: bỏ qua."}
	created, updated := oaTime("Thời điểm tạo."), oaTime("Thời điểm sửa gần nhất.")

	return map[string]any{
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
}
