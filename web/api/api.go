package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"thidua"
	"thidua/passwd"
	"thidua/web/kit"
)

// List is the shape of every list response.
type List[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total" doc:"Tổng số bản ghi khớp bộ lọc, không phụ thuộc limit và offset." minimum:"0"`
	Limit  int `json:"limit" doc:"Giá trị limit đã dùng." minimum:"1"`
	Offset int `json:"offset" doc:"Giá trị offset đã dùng." minimum:"0"`
	// NextAfter is set by lists with keyset pagination (?after=).
	NextBefore int64 `json:"next_before,omitempty" doc:"Với nhật ký (mới nhất trước): mã của mục cuối trang này, truyền vào before để lấy trang sau (không phụ thuộc độ sâu); không có khi đã hết danh sách." minimum:"1"`
	NextAfter  int64 `json:"next_after,omitempty" doc:"Với danh sách hỗ trợ after: mã của bản ghi cuối trang này, truyền vào after để lấy trang sau (không phụ thuộc độ sâu); không có khi đã hết danh sách." minimum:"1"`
}

func newList[T any](items []T, total, limit, offset int) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: total, Limit: limit, Offset: offset}
}

// listParams reads ?limit= (1..max, default def) and ?offset=.
func listParams(r *http.Request, def, max int) (limit, offset int, err error) {
	q := r.URL.Query()
	limit, offset = def, 0
	var v thidua.Validation
	if s := q.Get("limit"); s != "" {
		n, e := strconv.Atoi(s)
		if e != nil || n < 1 || n > max {
			v.Add("limit", "limit phải là số nguyên từ 1 đến "+strconv.Itoa(max)+".")
		}
		limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, e := strconv.Atoi(s)
		if e != nil || n < 0 {
			v.Add("offset", "offset phải là số nguyên không âm.")
		}
		offset = n
	}
	return limit, offset, v.Err()
}

// queryInt reads an optional integer query parameter.
func queryInt(r *http.Request, name string, v *thidua.Validation) int64 {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		v.Add(name, name+" phải là số nguyên dương.")
	}
	return n
}

// decodeJSON reads a JSON body strictly: size-limited, unknown fields refused.
// Every failure is an EINVALID error with a Vietnamese message and, when the
// failure concerns one field (unknown, wrong type, impossible date), that
// field in the error's Fields.
// A body must be sent as application/json (or a +json type); every string
// in it goes through thidua.CheckInput, named by its JSON path.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	_, err := decodeBody(w, r, v, false)
	return err
}

// decodeOptionalJSON is decodeJSON for a body that may be left out (no
// body and no Content-Type); it reports whether one was sent.
func decodeOptionalJSON(w http.ResponseWriter, r *http.Request, v any) (bool, error) {
	return decodeBody(w, r, v, true)
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any, optional bool) (bool, error) {
	return decodeBodyLimit(w, r, v, optional, 1<<20)
}

// decodeBodyLimit is decodeBody for a body of at most limit bytes.
func decodeBodyLimit(w http.ResponseWriter, r *http.Request, v any, optional bool, limit int64) (bool, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return true, thidua.Errorf(thidua.EINVALID, "Dữ liệu gửi lên quá lớn (tối đa %s).", kit.SizeLabel(limit))
		}
		return true, thidua.Errorf(thidua.EINVALID, "Không đọc được nội dung yêu cầu.")
	}
	ct := r.Header.Get("Content-Type")
	if len(body) == 0 && ct == "" {
		if optional {
			return false, nil
		}
		return false, jsonError(io.EOF, body, v)
	}
	if !isJSONType(ct) {
		return true, kit.UnsupportedMediaType("Nội dung yêu cầu phải là JSON, gửi với tiêu đề Content-Type: application/json (đã nhận «" + ct + "»).")
	}
	if t := reflect.TypeOf(v); t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if b := bytes.TrimLeft(body, " \t\r\n"); len(b) > 0 && b[0] != '{' {
			return true, thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: nội dung phải là một đối tượng JSON.")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return true, jsonError(err, body, v)
	}
	if dec.More() {
		return true, thidua.Errorf(thidua.EINVALID, "Chỉ được gửi một đối tượng JSON.")
	}
	return true, checkStrings(reflect.ValueOf(v), "", 0)
}

// isJSONType reports whether a Content-Type is JSON.
func isJSONType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// checkStrings puts every string reachable from v (the fields of structs
// by their JSON names, the elements of slices, the keys and values of
// maps) through thidua.CheckInput, storing the normalized text back; it
// returns the first refusal.
func checkStrings(v reflect.Value, path string, depth int) error {
	if depth > 8 {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return checkStrings(v.Elem(), path, depth+1)
		}
	case reflect.String:
		clean, err := thidua.CheckInput(path, v.String())
		if err == nil && clean != v.String() && v.CanSet() {
			v.SetString(clean)
		}
		return err
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			p := name
			if sf.Anonymous && sf.Tag.Get("json") == "" {
				p = strings.TrimSuffix(path, ".")
			} else if path != "" {
				p = path + "." + name
			}
			if err := checkStrings(v.Field(i), p, depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := checkStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			for _, k := range v.MapKeys() {
				if _, err := thidua.CheckInput(path+"."+k.String(), k.String()); err != nil {
					return err
				}
				e := v.MapIndex(k)
				if e.Kind() == reflect.String {
					clean, err := thidua.CheckInput(path, e.String())
					if err != nil {
						return err
					}
					if clean != e.String() {
						v.SetMapIndex(k, reflect.ValueOf(clean).Convert(e.Type()))
					}
					continue
				}
				if err := checkStrings(e, path+"."+k.String(), depth+1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// jsonError turns an error of decoding body into v into a Vietnamese
// validation error, naming the field when it can.
func jsonError(err error, body []byte, v any) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return thidua.Errorf(thidua.EINVALID, "Thiếu nội dung JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: nội dung bị cắt cụt.")
	case errors.As(err, &se):
		return thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: sai cú pháp ở ký tự thứ %d.", se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return fieldsError("Trường không được hỗ trợ: "+name+".", map[string]string{name: "Trường không được hỗ trợ."})
	case errors.As(err, &te) && te.Field != "":
		return fieldsError("Dữ liệu chưa hợp lệ: trường "+te.Field+" sai kiểu.",
			map[string]string{te.Field: "Giá trị sai kiểu: cần " + jsonKind(te.Type) + "."})
	}
	// A date field's own decoder failed (an impossible date, or not a
	// string): the error does not say which field, so try each.
	if bad := badDateFields(body, v); len(bad) > 0 {
		return fieldsError("Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy.", bad)
	}
	if te != nil {
		return thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: nội dung phải là một đối tượng JSON.")
	}
	return thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ.")
}

func fieldsError(msg string, fields map[string]string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: fields}
}

// jsonKind names a Go type as its JSON kind, in Vietnamese.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "chuỗi"
	case reflect.Bool:
		return "true hoặc false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "số nguyên"
	case reflect.Float32, reflect.Float64:
		return "số"
	case reflect.Slice, reflect.Array:
		return "mảng"
	}
	return "đối tượng"
}

// badDateFields returns the top-level thidua.Date fields of the struct v
// points to whose value in body does not decode, with a message for each.
func badDateFields(body []byte, v any) map[string]string {
	t := reflect.TypeOf(v)
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return nil
	}
	bad := map[string]string{}
	for f := range t.Elem().Fields() {
		if f.Type != reflect.TypeFor[thidua.Date]() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		for key, val := range raw { // encoding/json matches keys without regard to case
			var d thidua.Date
			if strings.EqualFold(key, name) && json.Unmarshal(val, &d) != nil {
				bad[name] = "Ngày không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy (ví dụ 2024-02-29 hoặc 29/02/2024)."
			}
		}
	}
	return bad
}

func (s *Handler) Me(w http.ResponseWriter, r *http.Request) error {
	kit.WriteJSON(w, http.StatusOK, thidua.UserFromContext(r.Context()))
	return nil
}

// ---- units

func (s *Handler) ListUnits(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 1000)
	var v thidua.Validation
	f := thidua.UnitFilter{Query: r.URL.Query().Get("q"), ParentID: queryInt(r, "parent_id", &v), Limit: limit, Offset: offset}
	if err == nil {
		err = v.Err()
	}
	if err != nil {
		return err
	}
	units, total, err := s.Store.FindUnits(r.Context(), f)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newList(units, total, limit, offset))
	return nil
}

func (s *Handler) GetUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := kit.FindByID(r, s.Store.FindUnitByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, u)
	return nil
}

// UnitInput is the writable part of a unit (thidua.UnitInput, shared with the
// workspace form).
type UnitInput = thidua.UnitInput

func (s *Handler) CreateUnit(w http.ResponseWriter, r *http.Request) error {
	var in UnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	u := in.Unit(0)
	if err := s.Store.CreateUnit(r.Context(), u); err != nil {
		return err
	}
	stored, err := s.Store.FindUnitByID(r.Context(), u.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, stored)
	return nil
}

func (s *Handler) UpdateUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in UnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	u := in.Unit(id)
	if err := s.Store.UpdateUnit(r.Context(), u); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, u)
	return nil
}

func (s *Handler) DeleteUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeleteUnit(r.Context(), id)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- people

func (s *Handler) ListPeople(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 1000)
	var v thidua.Validation
	q := r.URL.Query()
	f := thidua.PersonFilter{Query: q.Get("q"), UnitID: queryInt(r, "unit_id", &v),
		Status: q.Get("status"), Category: q.Get("category"), Limit: limit, Offset: offset, AfterID: queryInt(r, "after", &v)}
	if st := q.Get("subtree"); st != "" {
		b, e := strconv.ParseBool(st)
		if e != nil {
			v.Add("subtree", "subtree phải là true hoặc false.")
		}
		f.Subtree = b
	}
	if f.Status != "" && !kit.ValidCode(thidua.PersonStatuses, f.Status) {
		v.Add("status", "status phải là một trong: "+kit.CodeList(thidua.PersonStatuses)+".")
	}
	if f.Category != "" && !kit.ValidCode(thidua.Categories, f.Category) {
		v.Add("category", "category phải là một trong: "+kit.CodeList(thidua.Categories)+".")
	}
	if err == nil {
		err = v.Err()
	}
	if err != nil {
		return err
	}
	people, total, err := s.Store.FindPeople(r.Context(), f)
	if err != nil {
		return err
	}
	l := newList(people, total, limit, offset)
	if len(people) == limit {
		l.NextAfter = people[len(people)-1].ID
	}
	kit.WriteJSON(w, http.StatusOK, l)
	return nil
}

func (s *Handler) GetPerson(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindPersonByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, p)
	return nil
}

// PersonInput is the writable part of a person (thidua.PersonInput, shared with the
// workspace form).
type PersonInput = thidua.PersonInput

func (s *Handler) CreatePerson(w http.ResponseWriter, r *http.Request) error {
	var in PersonInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := in.Person(0)
	if err := s.Store.CreatePerson(r.Context(), p); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/people/"+strconv.FormatInt(p.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, p)
	return nil
}

func (s *Handler) UpdatePerson(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in PersonInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := in.Person(id)
	if err := s.Store.UpdatePerson(r.Context(), p); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, p)
	return nil
}

func (s *Handler) DeletePerson(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeletePerson(r.Context(), id)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- users

func (s *Handler) ListUsers(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 1000)
	if err != nil {
		return err
	}
	users, total, err := s.Store.FindUsers(r.Context(), thidua.UserFilter{Query: r.URL.Query().Get("q"), Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newList(users, total, limit, offset))
	return nil
}

func (s *Handler) GetUser(w http.ResponseWriter, r *http.Request) error {
	u, err := kit.FindByID(r, s.Store.FindUserByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, u)
	return nil
}

// UserInput is the writable part of a user (thidua.UserInput, shared with the
// workspace form).
type UserInput = thidua.UserInput

func (s *Handler) CreateUser(w http.ResponseWriter, r *http.Request) error {
	var in UserInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	u := in.User(0)
	u.Normalize()
	verr := u.Validate()
	if perr := thidua.ValidatePassword(in.Password); perr != nil {
		f := kit.NewForm()
		f.SetErr(verr)
		f.SetErr(perr)
		verr = f.FieldsErr()
	}
	if verr != nil {
		return verr
	}
	hash, err := passwd.Hash(in.Password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := s.Store.CreateUser(r.Context(), u); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Handler) UpdateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in UserInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Password != "" {
		return kit.FieldErr("password", "Đổi mật khẩu qua PUT /api/v1/users/{id}/password.")
	}
	u := in.User(id)
	if err := s.Store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, u)
	return nil
}

// PasswordInput sets a new password.
type PasswordInput struct {
	_        struct{} `doc:"Mật khẩu mới." input:"true"`
	Password string   `json:"password" doc:"Mật khẩu mới, 8 đến 128 ký tự." minLength:"8" maxLength:"128" writeOnly:"true" required:"true"`
}

func (s *Handler) SetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in PasswordInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := thidua.ValidatePassword(in.Password); err != nil {
		return err
	}
	hash, err := passwd.Hash(in.Password)
	if err == nil {
		err = s.Store.SetPassword(r.Context(), id, hash)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- audit

func (s *Handler) ListAudit(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 500)
	f := kit.NewForm()
	af := kit.AuditFilter(r.URL.Query(), f)
	if af.Entity != "" && !kit.ValidCode(thidua.AuditEntities, af.Entity) {
		f.Errors["entity"] = "entity phải là một trong: " + kit.CodeList(thidua.AuditEntities) + "."
	}
	if af.Action != "" && !kit.ValidCode(thidua.AuditActions, af.Action) {
		f.Errors["action"] = "action phải là một trong: " + kit.CodeList(thidua.AuditActions) + "."
	}
	if err == nil {
		err = f.FieldsErr()
	}
	if err != nil {
		return err
	}
	var v thidua.Validation
	af.Limit, af.Offset, af.BeforeID = limit, offset, queryInt(r, "before", &v)
	if err := v.Err(); err != nil {
		return err
	}
	entries, total, err := s.Store.FindAuditEntries(r.Context(), af)
	if err != nil {
		return err
	}
	l := newList(entries, total, limit, offset)
	if len(entries) == limit {
		l.NextBefore = entries[len(entries)-1].ID
	}
	kit.WriteJSON(w, http.StatusOK, l)
	return nil
}

// ---- OpenAPI

// Query parameters of the list operations, by name in components/parameters.
var (
	oaUnitParams   = []string{"limit", "offset", "q", "parent_id"}
	oaPersonParams = []string{"limit", "offset", "after", "q", "unit_id", "subtree", "status", "category"}
	oaUserParams   = []string{"limit", "offset", "q"}
	oaAuditParams  = []string{"audit_limit", "offset", "before", "entity", "entity_id", "actor", "action", "from", "to"}
)

// coreOps documents the operations of this file (openapi.go).
var coreOps = map[string]apiOp{
	"GET /api/v1/openapi.json": {ID: "getOpenAPI", Tag: oaTagSystem, Summary: "Tài liệu OpenAPI 3.1 của API (tài liệu này)",
		Status: http.StatusOK, Result: map[string]any{}},
	"GET /api/v1/me": {ID: "getMe", Tag: oaTagSystem, Summary: "Tài khoản đang gọi API",
		Desc:   "Trả về tài khoản đã xác thực (theo khóa API, HTTP Basic hoặc phiên đăng nhập) cùng các vai trò được phân quyền.",
		Status: http.StatusOK, Result: thidua.User{}},

	"GET /api/v1/units": {ID: "listUnits", Tag: oaTagUnits, Summary: "Danh sách đơn vị",
		Desc:   "Các đơn vị theo thứ tự cây (cha trước con)." + oaScopeNote + " `q` tìm theo tên hoặc tên viết tắt, không phân biệt dấu.",
		Params: oaUnitParams, Status: http.StatusOK, Result: List[*thidua.Unit]{}, Errors: []int{422}},
	"POST /api/v1/units": {ID: "createUnit", Tag: oaTagUnits, Summary: "Tạo đơn vị",
		Desc: "Tạo đơn vị dưới đơn vị cấp trên `parent_id`; chỉ quản trị hệ thống được tạo đơn vị gốc." + oaWriteScopeNote,
		Body: UnitInput{}, Status: http.StatusCreated, Result: thidua.Unit{}, Errors: []int{409, 422}},
	"GET /api/v1/units/{id}": {ID: "getUnit", Tag: oaTagUnits, Summary: "Xem một đơn vị", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: thidua.Unit{}, Errors: []int{404}},
	"PUT /api/v1/units/{id}": {ID: "updateUnit", Tag: oaTagUnits, Summary: "Sửa hoặc chuyển đơn vị",
		Desc: "Đổi `parent_id` sẽ chuyển cả cây đơn vị trực thuộc (cá nhân giữ nguyên đơn vị của mình)." + oaLockNote + oaWriteScopeNote,
		Body: UnitInput{}, Status: http.StatusOK, Result: thidua.Unit{}, Errors: []int{404, 409, 422}},
	"DELETE /api/v1/units/{id}": {ID: "deleteUnit", Tag: oaTagUnits, Summary: "Xóa đơn vị",
		Desc:   "Chỉ xóa được đơn vị không còn đơn vị trực thuộc, cá nhân hay tài khoản được phân quyền; nếu còn, trả về 409.",
		Status: http.StatusNoContent, Errors: []int{404, 409}},

	"GET /api/v1/people": {ID: "listPeople", Tag: oaTagPeople, Summary: "Danh sách cá nhân",
		Desc: "Sắp xếp theo tên, rồi họ và tên đệm (thứ tự tiếng Việt), cùng tên thì theo mã: thứ tự ổn định. " +
			"Trang sâu: dùng `after` (giá trị `next_after` của trang trước) thay cho `offset`." + oaScopeNote +
			" `q` tìm theo họ tên không phân biệt dấu và hoa thường: \"nguyen van duc\" khớp \"Nguyễn Văn Đức\".",
		Params: oaPersonParams, Status: http.StatusOK, Result: List[*thidua.Person]{}, Errors: []int{422}},
	"POST /api/v1/people": {ID: "createPerson", Tag: oaTagPeople, Summary: "Thêm cá nhân", Desc: strings.TrimSpace(oaWriteScopeNote),
		Body: PersonInput{}, Status: http.StatusCreated, Result: thidua.Person{}, Errors: []int{409, 422}},
	"GET /api/v1/people/{id}": {ID: "getPerson", Tag: oaTagPeople, Summary: "Xem một cá nhân", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: thidua.Person{}, Errors: []int{404}},
	"PUT /api/v1/people/{id}": {ID: "updatePerson", Tag: oaTagPeople, Summary: "Sửa thông tin cá nhân",
		Desc: "Chuyển cá nhân sang đơn vị khác cần quyền trên cả hai đơn vị." + oaLockNote + oaWriteScopeNote,
		Body: PersonInput{}, Status: http.StatusOK, Result: thidua.Person{}, Errors: []int{404, 409, 422}},
	"DELETE /api/v1/people/{id}": {ID: "deletePerson", Tag: oaTagPeople, Summary: "Xóa cá nhân",
		Desc:   "Tài khoản liên kết với cá nhân được gỡ liên kết." + oaWriteScopeNote,
		Status: http.StatusNoContent, Errors: []int{404}},

	"GET /api/v1/users": {ID: "listUsers", Tag: oaTagUsers, Summary: "Danh sách tài khoản",
		Desc:   "Sắp xếp theo tên đăng nhập; `q` tìm theo tên đăng nhập hoặc họ tên, không phân biệt dấu.",
		Params: oaUserParams, Status: http.StatusOK, Result: List[*thidua.User]{}, Errors: []int{422}},
	"POST /api/v1/users": {ID: "createUser", Tag: oaTagUsers, Summary: "Tạo tài khoản",
		Desc: "Mật khẩu được băm (argon2id) và không bao giờ được trả về. Tên đăng nhập trùng trả về 422 với `errors.username`.",
		Body: UserInput{}, Status: http.StatusCreated, Result: thidua.User{}, Errors: []int{409, 422}},
	"GET /api/v1/users/{id}": {ID: "getUser", Tag: oaTagUsers, Summary: "Xem một tài khoản",
		Status: http.StatusOK, Result: thidua.User{}, Errors: []int{404}},
	"PUT /api/v1/users/{id}": {ID: "updateUser", Tag: oaTagUsers, Summary: "Sửa tài khoản và phân quyền",
		Desc: "Không đổi được tên đăng nhập; không gửi `password` (đổi mật khẩu qua PUT /users/{id}/password). " +
			"Khóa tài khoản (`disabled`) kết thúc các phiên đăng nhập của tài khoản đó." + oaLockNote,
		Body: UserInput{}, Status: http.StatusOK, Result: thidua.User{}, Errors: []int{404, 409, 422}},
	"PUT /api/v1/users/{id}/password": {ID: "setUserPassword", Tag: oaTagUsers, Summary: "Đặt lại mật khẩu",
		Desc: "Đặt mật khẩu mới và kết thúc các phiên đăng nhập của tài khoản.",
		Body: PasswordInput{}, Status: http.StatusNoContent, Errors: []int{404, 422}},

	"GET /api/v1/audit": {ID: "listAuditEntries", Tag: oaTagAudit, Summary: "Nhật ký thay đổi",
		Desc: "Mới nhất trước (theo mã, thứ tự ổn định); trang sâu: dùng `before` (giá trị `next_before` của trang trước) thay cho `offset`. Mỗi mục ghi người thực hiện, thao tác, đối tượng, dữ liệu trước và sau; " +
			"các mục nối thành chuỗi băm (`prev_hash`, `hash`).",
		Params: oaAuditParams, Status: http.StatusOK, Result: List[*thidua.AuditEntry]{}, Errors: []int{422}},
}

// coreParams are the query parameters of this file's operations, by name in
// components/parameters.
var coreParams = map[string]apiParam{
	"limit":       {"limit", "Số bản ghi tối đa trả về, từ 1 đến 1000 (mặc định 100).", 0, `minimum:"1" maximum:"1000" default:"100"`},
	"audit_limit": {"limit", "Số bản ghi tối đa trả về, từ 1 đến 500 (mặc định 100).", 0, `minimum:"1" maximum:"500" default:"100"`},
	"offset":      {"offset", "Số bản ghi bỏ qua (mặc định 0).", 0, `minimum:"0" default:"0"`},
	"after": {"after", "Phân trang theo khóa (keyset): trả về các bản ghi đứng sau bản ghi có mã này theo thứ tự của danh sách; " +
		"lấy mã từ next_after của trang trước. Nhanh như nhau ở mọi độ sâu, nên dùng thay offset cho trang sâu; offset khi đó tính từ sau bản ghi này.", int64(0), `minimum:"1"`},
	"before": {"before", "Phân trang theo khóa (keyset) của nhật ký: các mục cũ hơn mục có mã này; lấy mã từ next_before của trang trước. " +
		"Nhanh như nhau ở mọi độ sâu, nên dùng thay offset cho trang sâu.", int64(0), `minimum:"1"`},
	"q":         {"q", "Từ khóa tìm kiếm, không phân biệt dấu và hoa thường.", "", ``},
	"parent_id": {"parent_id", "Chỉ các đơn vị trực thuộc trực tiếp đơn vị này.", int64(0), `minimum:"1"`},
	"unit_id":   {"unit_id", "Chỉ cá nhân của đơn vị này.", int64(0), `minimum:"1"`},
	"subtree":   {"subtree", "Với unit_id: gồm cả cá nhân của các đơn vị trực thuộc.", false, `default:"false"`},
	"status":    {"status", "Trạng thái công tác.", "", `enum:"personStatuses"`},
	"category":  {"category", "Đối tượng.", "", `enum:"categories"`},
	"entity":    {"entity", "Loại đối tượng bị thay đổi.", "", `enum:"auditEntities"`},
	"entity_id": {"entity_id", "Mã đối tượng bị thay đổi.", int64(0), `minimum:"1"`},
	"actor":     {"actor", "Mã tài khoản thực hiện.", int64(0), `minimum:"1"`},
	"action":    {"action", "Thao tác.", "", `enum:"auditActions"`},
	"from":      {"from", "Từ ngày (tính cả ngày này).", thidua.Date{}, ``},
	"to":        {"to", "Đến ngày (tính cả ngày này).", thidua.Date{}, ``},
}

// coreTypeDocs describes the types of this part of the API that the package
// does not own, and the instances of List and Items (openapi_schema.go).
var coreTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[thidua.UnitInput](): {
		"":          `doc:"Phần sửa được của đơn vị." input:"true"`,
		"parent_id": `doc:"Mã đơn vị cấp trên; 0 hoặc bỏ trống cho đơn vị gốc (chỉ quản trị hệ thống)."`,
		"name":      `doc:"Tên đơn vị." maxLength:"255" required:"true"`,
		"abbrev":    `doc:"Tên viết tắt: chữ in hoa không dấu (trừ Đ), chữ số và dấu gạch ngang." maxLength:"32" pattern:"^([A-ZĐ0-9][A-ZĐ0-9&-]*)?$"`,
		"kind":      `doc:"Loại đơn vị." enum:"unitKinds" required:"true"`,
		"active":    `doc:"Đơn vị còn hoạt động (mặc định true)." default:"true"`,
	},
	reflect.TypeFor[thidua.PersonInput](): {
		"":           `doc:"Phần sửa được của cá nhân." input:"true"`,
		"full_name":  `doc:"Họ và tên, ít nhất hai từ." minLength:"1" maxLength:"100" required:"true"`,
		"gender":     `doc:"Giới tính." enum:"genders" required:"true"`,
		"birth_date": `doc:"Ngày sinh, trước hôm nay."`,
		"position":   `doc:"Chức vụ." maxLength:"255"`,
		"category":   `doc:"Đối tượng." enum:"categories" required:"true"`,
		"is_leader":  `doc:"Giữ chức vụ lãnh đạo, quản lý."`,
		"unit_id":    `doc:"Mã đơn vị công tác." minimum:"1" required:"true"`,
		"start_date": `doc:"Ngày vào công tác, sau ngày sinh."`,
		"status":     `doc:"Trạng thái (mặc định ACTIVE)." enum:"personStatuses"`,
	},
	reflect.TypeFor[thidua.UserInput](): {
		"":             `doc:"Phần sửa được của tài khoản. \x60password\x60 chỉ dùng khi tạo." input:"true"`,
		"username":     `doc:"Tên đăng nhập: chữ thường không dấu, chữ số, . _ - (không đổi được sau khi tạo)." maxLength:"64" pattern:"^[a-z0-9][a-z0-9._-]*$" required:"true"`,
		"display_name": `doc:"Họ và tên hiển thị." maxLength:"100" required:"true"`,
		"email":        `doc:"Thư điện tử." maxLength:"255"`,
		"person_id":    `doc:"Mã cá nhân được liên kết (0: không liên kết)."`,
		"disabled":     `doc:"Khóa tài khoản."`,
		"grants":       `doc:"Ít nhất một vai trò." minItems:"1" required:"true"`,
		"password":     `doc:"Mật khẩu (bắt buộc khi tạo, không được gửi khi sửa)." minLength:"8" maxLength:"128" writeOnly:"true"`,
	},
	reflect.TypeFor[thidua.Unit](): {
		"id":          `doc:"Mã đơn vị."`,
		"parent_id":   `doc:"Mã đơn vị cấp trên; không có ở đơn vị gốc."`,
		"name":        `doc:"Tên đơn vị."`,
		"abbrev":      `doc:"Tên viết tắt, dùng trong ký hiệu văn bản (ví dụ VPUBND)."`,
		"kind":        `doc:"Loại đơn vị." enum:"unitKinds"`,
		"active":      `doc:"Đơn vị còn hoạt động."`,
		"depth":       `doc:"Cấp trong cây (0 là gốc)." minimum:"0"`,
		"parent_name": `doc:"Tên đơn vị cấp trên."`,
		"people":      `doc:"Số cá nhân thuộc trực tiếp đơn vị (không tính đơn vị trực thuộc)." minimum:"0"`,
	},
	reflect.TypeFor[thidua.Person](): {
		"id":         `doc:"Mã cá nhân."`,
		"full_name":  `doc:"Họ và tên."`,
		"gender":     `doc:"Giới tính." enum:"genders"`,
		"birth_date": `doc:"Ngày sinh."`,
		"position":   `doc:"Chức vụ."`,
		"category":   `doc:"Đối tượng." enum:"categories"`,
		"is_leader":  `doc:"Giữ chức vụ lãnh đạo, quản lý."`,
		"unit_id":    `doc:"Mã đơn vị công tác."`,
		"start_date": `doc:"Ngày vào công tác."`,
		"status":     `doc:"Trạng thái." enum:"personStatuses"`,
		"unit_name":  `doc:"Tên đơn vị công tác."`,
	},
	reflect.TypeFor[thidua.Grant](): {
		"role":      `doc:"Vai trò." enum:"roles"`,
		"unit_id":   `doc:"Vai trò có hiệu lực trên đơn vị này và mọi đơn vị trực thuộc." minimum:"1"`,
		"unit_name": `doc:"Tên đơn vị (chỉ khi đọc)." readOnly:"true"`,
	},
	reflect.TypeFor[thidua.User](): {
		"id":            `doc:"Mã tài khoản."`,
		"username":      `doc:"Tên đăng nhập."`,
		"display_name":  `doc:"Họ và tên hiển thị."`,
		"email":         `doc:"Thư điện tử."`,
		"person_id":     `doc:"Mã cá nhân được liên kết."`,
		"disabled":      `doc:"Tài khoản bị khóa."`,
		"grants":        `doc:"Các vai trò được phân quyền."`,
		"last_login_at": `doc:"Lần đăng nhập gần nhất; không có nếu chưa đăng nhập."`,
		"person_name":   `doc:"Họ tên cá nhân được liên kết."`,
	},
	reflect.TypeFor[thidua.AuditEntry](): {
		"id":         `doc:"Số thứ tự mục nhật ký."`,
		"at":         `doc:"Thời điểm thay đổi."`,
		"actor_id":   `doc:"Mã tài khoản thực hiện; không có khi hệ thống thực hiện."`,
		"actor_name": `doc:"Tên người thực hiện (\"hệ thống\" cho tác vụ tự động)."`,
		"ip":         `doc:"Địa chỉ máy khách."`,
		"action":     `doc:"Thao tác." enum:"auditActions"`,
		"entity":     `doc:"Loại đối tượng." enum:"auditEntities"`,
		"entity_id":  `doc:"Mã đối tượng."`,
		"before":     `doc:"Dữ liệu trước khi thay đổi (JSON bất kỳ); không có khi tạo mới."`,
		"after":      `doc:"Dữ liệu sau khi thay đổi (JSON bất kỳ); không có khi xóa."`,
		"prev_hash":  `doc:"Mã băm của mục trước."`,
		"hash":       `doc:"Mã băm SHA-256 của mục này và mục trước."`,
	},
	reflect.TypeFor[kit.Problem](): {
		"type":   `doc:"Loại lỗi (RFC 9457); hiện luôn là about:blank." default:"about:blank"`,
		"title":  `doc:"Tên ngắn của mã trạng thái HTTP, tiếng Việt."`,
		"status": `doc:"Mã trạng thái HTTP." minimum:"400" maximum:"599"`,
		"detail": `doc:"Thông báo lỗi tiếng Việt cho người dùng."`,
		"code":   `doc:"Mã lỗi ổn định cho chương trình." enum:"errorCodes"`,
		"errors": `doc:"Lỗi theo từng trường (tên trường JSON → thông báo tiếng Việt), khi dữ liệu không hợp lệ."`,
	},
	reflect.TypeFor[List[*thidua.Unit]]():       {"": `schema:"UnitList"`, "items": `doc:"Các đơn vị, theo thứ tự cây."`},
	reflect.TypeFor[List[*thidua.Person]]():     {"": `schema:"PersonList"`, "items": `doc:"Các cá nhân, theo tên rồi họ và tên đệm."`},
	reflect.TypeFor[List[*thidua.User]]():       {"": `schema:"UserList"`, "items": `doc:"Các tài khoản, theo tên đăng nhập."`},
	reflect.TypeFor[List[*thidua.AuditEntry]](): {"": `schema:"AuditEntryList"`, "items": `doc:"Các mục nhật ký, mới nhất trước."`},
}
