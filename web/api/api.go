package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
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
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return thidua.Errorf(thidua.EINVALID, "Dữ liệu gửi lên quá lớn (tối đa 1 MB).")
		}
		return thidua.Errorf(thidua.EINVALID, "Không đọc được nội dung yêu cầu.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, body, v)
	}
	if dec.More() {
		return thidua.Errorf(thidua.EINVALID, "Chỉ được gửi một đối tượng JSON.")
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

func (s *Handler) Me(w http.ResponseWriter, r *http.Request) {
	kit.WriteJSON(w, http.StatusOK, thidua.UserFromContext(r.Context()))
}

// ---- units

func (s *Handler) ListUnits(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := listParams(r, 100, 1000)
	var v thidua.Validation
	f := thidua.UnitFilter{Query: r.URL.Query().Get("q"), ParentID: queryInt(r, "parent_id", &v), Limit: limit, Offset: offset}
	if err == nil {
		err = v.Err()
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	units, total, err := s.Store.FindUnits(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, newList(units, total, limit, offset))
}

func (s *Handler) GetUnit(w http.ResponseWriter, r *http.Request) {
	u, ok := kit.LoadByID(s.Base, w, r, s.Store.FindUnitByID)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, u)
}

// UnitInput is the writable part of a unit.
type UnitInput struct {
	ParentID int64  `json:"parent_id"`
	Name     string `json:"name"`
	Abbrev   string `json:"abbrev"`
	Kind     string `json:"kind"`
	Active   *bool  `json:"active"`
	Version  int    `json:"version"`
}

func (in *UnitInput) unit(id int64) *thidua.Unit {
	u := &thidua.Unit{ID: id, ParentID: in.ParentID, Name: in.Name, Abbrev: in.Abbrev, Kind: in.Kind, Active: true, Version: in.Version}
	if in.Active != nil {
		u.Active = *in.Active
	}
	return u
}

func (s *Handler) CreateUnit(w http.ResponseWriter, r *http.Request) {
	var in UnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	u := in.unit(0)
	if err := s.Store.CreateUnit(r.Context(), u); err != nil {
		s.Error(w, r, err)
		return
	}
	stored, err := s.Store.FindUnitByID(r.Context(), u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, stored)
}

func (s *Handler) UpdateUnit(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in UnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	u := in.unit(id)
	if err := s.Store.UpdateUnit(r.Context(), u); err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, u)
}

func (s *Handler) DeleteUnit(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeleteUnit(r.Context(), id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ---- people

func (s *Handler) ListPeople(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := listParams(r, 100, 1000)
	var v thidua.Validation
	q := r.URL.Query()
	f := thidua.PersonFilter{Query: q.Get("q"), UnitID: queryInt(r, "unit_id", &v),
		Status: q.Get("status"), Category: q.Get("category"), Limit: limit, Offset: offset}
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
		s.Error(w, r, err)
		return
	}
	people, total, err := s.Store.FindPeople(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, newList(people, total, limit, offset))
}

func (s *Handler) GetPerson(w http.ResponseWriter, r *http.Request) {
	p, ok := kit.LoadByID(s.Base, w, r, s.Store.FindPersonByID)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, p)
}

// PersonInput is the writable part of a person.
type PersonInput struct {
	FullName  string      `json:"full_name"`
	Gender    string      `json:"gender"`
	BirthDate thidua.Date `json:"birth_date"`
	Position  string      `json:"position"`
	Category  string      `json:"category"`
	IsLeader  bool        `json:"is_leader"`
	UnitID    int64       `json:"unit_id"`
	StartDate thidua.Date `json:"start_date"`
	Status    string      `json:"status"`
	Version   int         `json:"version"`
}

func (in *PersonInput) person(id int64) *thidua.Person {
	return &thidua.Person{ID: id, FullName: in.FullName, Gender: in.Gender, BirthDate: in.BirthDate, Position: in.Position,
		Category: in.Category, IsLeader: in.IsLeader, UnitID: in.UnitID, StartDate: in.StartDate, Status: in.Status, Version: in.Version}
}

func (s *Handler) CreatePerson(w http.ResponseWriter, r *http.Request) {
	var in PersonInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	p := in.person(0)
	if err := s.Store.CreatePerson(r.Context(), p); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/people/"+strconv.FormatInt(p.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, p)
}

func (s *Handler) UpdatePerson(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in PersonInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	p := in.person(id)
	if err := s.Store.UpdatePerson(r.Context(), p); err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, p)
}

func (s *Handler) DeletePerson(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err == nil {
		err = s.Store.DeletePerson(r.Context(), id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ---- users

func (s *Handler) ListUsers(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := listParams(r, 100, 1000)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	users, total, err := s.Store.FindUsers(r.Context(), thidua.UserFilter{Query: r.URL.Query().Get("q"), Limit: limit, Offset: offset})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, newList(users, total, limit, offset))
}

func (s *Handler) GetUser(w http.ResponseWriter, r *http.Request) {
	u, ok := kit.LoadByID(s.Base, w, r, s.Store.FindUserByID)
	if !ok {
		return
	}
	kit.WriteJSON(w, http.StatusOK, u)
}

// UserInput is the writable part of an account. Password is used on
// creation only; use PUT /api/v1/users/{id}/password to change it.
type UserInput struct {
	Username    string         `json:"username"`
	DisplayName string         `json:"display_name"`
	Email       string         `json:"email"`
	PersonID    int64          `json:"person_id"`
	Disabled    bool           `json:"disabled"`
	Grants      []thidua.Grant `json:"grants"`
	Password    string         `json:"password,omitempty"`
	Version     int            `json:"version"`
}

func (in *UserInput) user(id int64) *thidua.User {
	return &thidua.User{ID: id, Username: in.Username, DisplayName: in.DisplayName, Email: in.Email, PersonID: in.PersonID,
		Disabled: in.Disabled, Grants: in.Grants, Version: in.Version}
}

func (s *Handler) CreateUser(w http.ResponseWriter, r *http.Request) {
	var in UserInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	u := in.user(0)
	u.Normalize()
	verr := u.Validate()
	if perr := thidua.ValidatePassword(in.Password); perr != nil {
		f := kit.NewForm()
		f.SetErr(verr)
		f.SetErr(perr)
		verr = f.FieldsErr()
	}
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	hash, err := passwd.Hash(in.Password)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u.PasswordHash = hash
	if err := s.Store.CreateUser(r.Context(), u); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	kit.WriteJSON(w, http.StatusCreated, u)
}

func (s *Handler) UpdateUser(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in UserInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if in.Password != "" {
		s.Error(w, r, kit.FieldErr("password", "Đổi mật khẩu qua PUT /api/v1/users/{id}/password."))
		return
	}
	u := in.user(id)
	if err := s.Store.UpdateUser(r.Context(), u); err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, u)
}

// PasswordInput sets a new password.
type PasswordInput struct {
	Password string `json:"password"`
}

func (s *Handler) SetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var in PasswordInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := thidua.ValidatePassword(in.Password); err != nil {
		s.Error(w, r, err)
		return
	}
	hash, err := passwd.Hash(in.Password)
	if err == nil {
		err = s.Store.SetPassword(r.Context(), id, hash)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// ---- audit

func (s *Handler) ListAudit(w http.ResponseWriter, r *http.Request) {
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
		s.Error(w, r, err)
		return
	}
	af.Limit, af.Offset = limit, offset
	entries, total, err := s.Store.FindAuditEntries(r.Context(), af)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	kit.WriteJSON(w, http.StatusOK, newList(entries, total, limit, offset))
}
