package web_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/web"
	"thidua/web/api"
)

// oaPrefix is the server URL the document declares; paths are relative to it.
const oaPrefix = "/api/v1"

// oaDoc is a decoded OpenAPI document with helpers to walk it.
type oaDoc struct {
	root map[string]any
}

// fetchOpenAPI gets the document from the running server, without credentials.
func oaFetch(t *testing.T, e *testEnv) *oaDoc {
	t.Helper()
	code, hdr, body := e.apiDo("", "GET", "/api/v1/openapi.json", "")
	if code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json: %d %s", code, body)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	if !json.Valid([]byte(body)) {
		t.Fatal("openapi.json is not valid JSON")
	}
	d := &oaDoc{}
	if err := json.Unmarshal([]byte(body), &d.root); err != nil {
		t.Fatal(err)
	}
	return d
}

// obj returns m[k] as an object, or nil.
func oaObj(v any, keys ...string) map[string]any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	m, _ := v.(map[string]any)
	return m
}

// resolve follows a local "$ref" (JSON pointer) from the document root.
func (d *oaDoc) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("$ref %q is not local", ref)
	}
	var v any = d.root
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q: %q is not in an object", ref, tok)
		}
		if v, ok = m[tok]; !ok {
			return nil, fmt.Errorf("$ref %q: no %q", ref, tok)
		}
	}
	return v, nil
}

// deref resolves v when it is a reference object.
func (d *oaDoc) deref(t *testing.T, v any) map[string]any {
	t.Helper()
	m, _ := v.(map[string]any)
	for m != nil {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		r, err := d.resolve(ref)
		if err != nil {
			t.Fatal(err)
		}
		m, _ = r.(map[string]any)
	}
	return m
}

// oaOperation is one operation of the document.
type oaOperation struct {
	path, method string
	op           map[string]any
}

var oaMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func (d *oaDoc) operations() []oaOperation {
	var ops []oaOperation
	for p, item := range oaObj(d.root, "paths") {
		for _, m := range oaMethods {
			if op := oaObj(item, m); op != nil {
				ops = append(ops, oaOperation{p, m, op})
			}
		}
	}
	slices.SortFunc(ops, func(a, b oaOperation) int { return strings.Compare(a.path+a.method, b.path+b.method) })
	return ops
}

// routePath converts a ServeMux pattern of an API route into a path of the
// document: the server URL is removed and "{name...}" becomes "{name}".
func oaRoutePath(pattern string) string {
	p := strings.TrimPrefix(pattern, oaPrefix)
	return strings.TrimSuffix(strings.ReplaceAll(p, "...}", "}"), "{$}")
}

func oaAPIRoutes(e *testEnv) []web.Route {
	var rs []web.Route
	for _, rt := range e.Server.Routes() {
		if rt.API {
			rs = append(rs, rt)
		}
	}
	return rs
}

func TestOpenAPIDocument(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)

	if got := d.root["openapi"]; got != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", got)
	}
	if got := oaObj(d.root, "info")["title"]; got != "thidua API" {
		t.Errorf("info.title = %v", got)
	}
	if v, _ := oaObj(d.root, "info")["version"].(string); v == "" {
		t.Error("info.version is empty")
	}
	if desc, _ := oaObj(d.root, "info")["description"].(string); !v1Vietnamese(desc) {
		t.Errorf("info.description is not Vietnamese: %q", desc)
	}
	servers, _ := d.root["servers"].([]any)
	if len(servers) != 1 || oaObj(servers[0])["url"] != oaPrefix {
		t.Errorf("servers = %v, want [{url: %s}]", servers, oaPrefix)
	}
	for name, scheme := range map[string]string{"bearerAuth": "bearer", "basicAuth": "basic"} {
		s := oaObj(d.root, "components", "securitySchemes", name)
		if s["type"] != "http" || s["scheme"] != scheme {
			t.Errorf("securitySchemes.%s = %v, want http %s", name, s, scheme)
		}
	}
	security, _ := d.root["security"].([]any)
	var global []string
	for _, req := range security {
		for name := range oaObj(req) {
			global = append(global, name)
		}
	}
	slices.Sort(global)
	if !slices.Equal(global, []string{"basicAuth", "bearerAuth"}) {
		t.Errorf("global security = %v, want bearerAuth and basicAuth", global)
	}
}

func TestOpenAPIPathsMatchRoutes(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	paths := oaObj(d.root, "paths")

	routes := map[string]web.Route{}
	for _, rt := range oaAPIRoutes(e) {
		p, m := oaRoutePath(rt.Pattern), strings.ToLower(rt.Method)
		routes[m+" "+p] = rt
		if oaObj(paths, p, m) == nil {
			t.Errorf("route %s %s is not documented as %s %s", rt.Method, rt.Pattern, m, p)
		}
	}
	if len(routes) == 0 {
		t.Fatal("no API routes")
	}
	for p, item := range paths {
		if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, oaPrefix) {
			t.Errorf("path %q must be relative to the server URL %s", p, oaPrefix)
		}
		for k := range oaObj(item) {
			if !slices.Contains(oaMethods, k) && k != "parameters" && k != "summary" && k != "description" {
				t.Errorf("path %s: unexpected key %q", p, k)
			}
		}
	}
	for _, o := range d.operations() {
		if _, ok := routes[o.method+" "+o.path]; !ok {
			t.Errorf("documented %s %s is not a route", strings.ToUpper(o.method), o.path)
		}
	}
}

func TestOpenAPIOperations(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	routes := map[string]web.Route{}
	for _, rt := range oaAPIRoutes(e) {
		routes[strings.ToLower(rt.Method)+" "+oaRoutePath(rt.Pattern)] = rt
	}
	ids := map[string]string{}
	pathParam := regexp.MustCompile(`\{([^}]+)\}`)
	for _, o := range d.operations() {
		name := strings.ToUpper(o.method) + " " + o.path
		rt := routes[o.method+" "+o.path]

		id, _ := o.op["operationId"].(string)
		if id == "" {
			t.Errorf("%s: no operationId", name)
		} else if prev, dup := ids[id]; dup {
			t.Errorf("%s: operationId %q already used by %s", name, id, prev)
		}
		ids[id] = name
		if s, _ := o.op["summary"].(string); !v1Vietnamese(s) {
			t.Errorf("%s: summary %q is not Vietnamese", name, s)
		}

		// Parameters: every path parameter declared, as a required integer.
		params := map[string]map[string]any{}
		for _, p := range oaSlice(o.op["parameters"]) {
			p := d.deref(t, p)
			key := fmt.Sprint(p["in"]) + ":" + fmt.Sprint(p["name"])
			if _, dup := params[key]; dup {
				t.Errorf("%s: parameter %s declared twice", name, key)
			}
			params[key] = p
		}
		for _, m := range pathParam.FindAllStringSubmatch(o.path, -1) {
			p := params["path:"+m[1]]
			if p == nil {
				t.Errorf("%s: path parameter %s not declared", name, m[1])
				continue
			}
			if p["required"] != true || oaObj(p, "schema")["type"] != "integer" {
				t.Errorf("%s: path parameter %s = %v, want a required integer", name, m[1], p)
			}
		}
		for key := range params {
			if n, ok := strings.CutPrefix(key, "path:"); ok && !strings.Contains(o.path, "{"+n+"}") {
				t.Errorf("%s: path parameter %s is not in the path", name, n)
			}
		}

		// Responses: a success, and a problem document for every error.
		responses := oaObj(o.op, "responses")
		if len(responses) == 0 {
			t.Errorf("%s: no responses", name)
		}
		success := 0
		for code, r := range responses {
			n, err := strconv.Atoi(code)
			if err != nil || n < 100 || n > 599 {
				t.Errorf("%s: response key %q is not a status code", name, code)
				continue
			}
			r := d.deref(t, r)
			if desc, _ := r["description"].(string); desc == "" {
				t.Errorf("%s %s: no description", name, code)
			}
			if n < 300 {
				success++
				if n == http.StatusNoContent && r["content"] != nil {
					t.Errorf("%s 204 has content", name)
				}
				if n == http.StatusCreated && oaObj(r, "headers", "Location") == nil {
					t.Errorf("%s 201 does not document Location", name)
				}
				continue
			}
			s := oaObj(r, "content", "application/problem+json", "schema")
			if s["$ref"] != "#/components/schemas/Problem" {
				t.Errorf("%s %s: content is not application/problem+json Problem: %v", name, code, oaObj(r, "content"))
			}
		}
		if success == 0 {
			t.Errorf("%s: no success response", name)
		}
		has := func(code int) bool { return responses[strconv.Itoa(code)] != nil }

		if rt.Access == web.Public {
			if sec, ok := o.op["security"].([]any); !ok || len(sec) != 0 {
				t.Errorf("%s is public but its security is %v, want []", name, o.op["security"])
			}
		} else {
			if _, ok := o.op["security"]; ok {
				t.Errorf("%s overrides the global security", name)
			}
			if !has(401) || oaObj(d.deref(t, responses["401"]), "headers", "WWW-Authenticate") == nil {
				t.Errorf("%s: no 401 response with WWW-Authenticate", name)
			}
		}
		if rt.Perm != "" && !has(403) {
			t.Errorf("%s needs %s but documents no 403", name, rt.Perm)
		}
		if strings.Contains(o.path, "{id}") && !has(404) {
			t.Errorf("%s: no 404 for an unknown id", name)
		}
		if body := oaObj(o.op, "requestBody"); body != nil {
			if body["required"] != true || oaObj(body, "content", "application/json", "schema") == nil {
				t.Errorf("%s: request body %v, want required application/json", name, body)
			}
			if !has(422) && !has(400) {
				t.Errorf("%s takes a body but documents no 422 (or 400)", name)
			}
			if !has(http.StatusUnsupportedMediaType) {
				t.Errorf("%s takes a JSON body but documents no 415 (a body of another type)", name)
			}
		} else if o.method == "post" || o.method == "put" {
			t.Errorf("%s: no request body", name)
		}
		if o.method == "put" && !strings.HasSuffix(o.path, "/password") && !has(409) {
			t.Errorf("%s updates a versioned record but documents no 409", name)
		}
	}
}

func oaSlice(v any) []any { s, _ := v.([]any); return s }

// TestOpenAPIRefs checks that every $ref resolves and every component is used.
func TestOpenAPIRefs(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	used := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"]; ok {
				s, _ := ref.(string)
				if _, err := d.resolve(s); err != nil {
					t.Errorf("%s: %v", path, err)
				} else if !strings.HasPrefix(s, "#/components/") {
					t.Errorf("%s: $ref %q does not point to a component", path, s)
				}
				used[s] = true
			}
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for i, x := range v {
				walk(path+"/"+strconv.Itoa(i), x)
			}
		}
	}
	walk("#", d.root)
	if len(used) == 0 {
		t.Fatal("no $ref in the document")
	}
	for _, kind := range []string{"schemas", "parameters", "responses"} {
		for name := range oaObj(d.root, "components", kind) {
			if ref := "#/components/" + kind + "/" + name; !used[ref] {
				t.Errorf("%s is never used", ref)
			}
		}
	}
}

// TestOpenAPISchemasMatchGoTypes checks that each schema has exactly the
// JSON fields of the Go type the API reads or writes, and that enumerations
// are the domain's codes.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	schemas := oaObj(d.root, "components", "schemas")
	for name, typ := range map[string]reflect.Type{
		"Unit":           reflect.TypeFor[thidua.Unit](),
		"UnitInput":      reflect.TypeFor[api.UnitInput](),
		"Person":         reflect.TypeFor[thidua.Person](),
		"PersonInput":    reflect.TypeFor[api.PersonInput](),
		"User":           reflect.TypeFor[thidua.User](),
		"UserInput":      reflect.TypeFor[api.UserInput](),
		"Grant":          reflect.TypeFor[thidua.Grant](),
		"PasswordInput":  reflect.TypeFor[api.PasswordInput](),
		"AuditEntry":     reflect.TypeFor[thidua.AuditEntry](),
		"Problem":        reflect.TypeFor[web.Problem](),
		"UnitList":       reflect.TypeFor[api.List[*thidua.Unit]](),
		"PersonList":     reflect.TypeFor[api.List[*thidua.Person]](),
		"UserList":       reflect.TypeFor[api.List[*thidua.User]](),
		"AuditEntryList": reflect.TypeFor[api.List[*thidua.AuditEntry]](),
	} {
		s := oaObj(schemas, name)
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		var want []string
		for f := range typ.Fields() {
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && tag != "-" {
				want = append(want, tag)
			}
		}
		var got []string
		for k := range oaObj(s, "properties") {
			got = append(got, k)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v, Go type %s has JSON fields %v", name, got, typ, want)
		}
		for _, r := range oaSlice(s["required"]) {
			if oaObj(s, "properties", r.(string)) == nil {
				t.Errorf("schema %s requires %v, which it does not define", name, r)
			}
		}
		if strings.HasSuffix(name, "Input") && s["additionalProperties"] != false {
			t.Errorf("schema %s: additionalProperties must be false (unknown fields are refused)", name)
		}
	}

	enums := []struct {
		schema, prop string
		opts         []thidua.Option
	}{
		{"Unit", "kind", thidua.UnitKinds},
		{"UnitInput", "kind", thidua.UnitKinds},
		{"Person", "gender", thidua.Genders},
		{"Person", "category", thidua.Categories},
		{"Person", "status", thidua.PersonStatuses},
		{"PersonInput", "gender", thidua.Genders},
		{"PersonInput", "category", thidua.Categories},
		{"PersonInput", "status", thidua.PersonStatuses},
		{"Grant", "role", thidua.Roles},
		{"AuditEntry", "action", thidua.AuditActions},
		{"AuditEntry", "entity", thidua.AuditEntities},
	}
	for _, c := range enums {
		var want, got []string
		for _, o := range c.opts {
			want = append(want, o.Code)
		}
		for _, v := range oaSlice(oaObj(schemas, c.schema, "properties", c.prop)["enum"]) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s.%s enum = %v, want %v", c.schema, c.prop, got, want)
		}
	}
	for _, s := range []string{"Person", "PersonInput"} {
		for _, f := range []string{"birth_date", "start_date"} {
			b, _ := json.Marshal(oaObj(schemas, s, "properties", f))
			if !strings.Contains(string(b), `"format":"date"`) {
				t.Errorf("%s.%s is not a format: date string: %s", s, f, b)
			}
		}
	}
	errs := oaObj(schemas, "Problem", "properties", "errors")
	if errs["type"] != "object" || oaObj(errs, "additionalProperties")["type"] != "string" {
		t.Errorf("Problem.errors = %v, want a map of strings", errs)
	}
}

// TestOpenAPIResponsesConform calls every documented GET operation as the
// administrator and checks the real answer against the documented schema,
// strictly: a property the schema does not define is an error too.
func TestOpenAPIResponsesConform(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	checked := 0
	for _, o := range d.operations() {
		if o.method != "get" {
			continue
		}
		path := oaPrefix + strings.ReplaceAll(o.path, "{id}", "1")
		code, _, body := e.apiDo(thidua.RoleAdmin, "GET", path, "")
		r := d.deref(t, oaObj(o.op, "responses")[strconv.Itoa(code)])
		if r == nil {
			t.Errorf("GET %s: status %d is not documented", path, code)
			continue
		}
		schema := oaObj(r, "content", "application/json", "schema")
		if schema == nil {
			schema = oaObj(r, "content", "application/problem+json", "schema")
		}
		if schema == nil && oaObj(r, "content", "application/zip") != nil {
			// A file, not JSON (the central dossier): web/central_test.go reads it.
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("GET %s: %v", path, err)
			continue
		}
		msgs := oaConform(d, "response", v, schema)
		for i, msg := range msgs {
			if i == 10 {
				t.Errorf("GET %s: … and %d more", path, len(msgs)-i)
				break
			}
			t.Errorf("GET %s: %s", path, msg)
		}
		checked++
	}
	// Error answers conform to Problem.
	problem := oaObj(d.root, "components", "schemas", "Problem")
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/v1/people/999999", ""},
		{"POST", "/api/v1/people", `{"full_name": "", "birth_date": "31/02/2024"}`},
		{"PUT", "/api/v1/people/1", `{"full_name": "Nguyễn Văn A", "gender": "NAM", "category": "CAN_BO", "unit_id": 2, "version": 999}`},
		{"GET", "/api/v1/people?limit=abc", ""},
	} {
		code, _, body := e.apiDo(thidua.RoleAdmin, c.method, c.path, c.body)
		var v any
		json.Unmarshal([]byte(body), &v)
		if code < 400 {
			t.Errorf("%s %s: %d, want an error", c.method, c.path, code)
		}
		for _, msg := range oaConform(d, "problem", v, problem) {
			t.Errorf("%s %s: %s", c.method, c.path, msg)
		}
	}
	if checked < 8 {
		t.Errorf("checked %d GET operations, want at least 8", checked)
	}
}

// conform checks v against schema for the subset of JSON Schema the
// document uses, and reports undocumented object properties too.
func oaConform(d *oaDoc, at string, v any, schema map[string]any) []string {
	for schema != nil {
		ref, ok := schema["$ref"].(string)
		if !ok {
			break
		}
		r, err := d.resolve(ref)
		if err != nil {
			return []string{at + ": " + err.Error()}
		}
		schema, _ = r.(map[string]any)
	}
	if schema == nil {
		return []string{at + ": no schema"}
	}
	if alts := oaSlice(schema["anyOf"]); len(alts) > 0 {
		var all []string
		for _, a := range alts {
			msgs := oaConform(d, at, v, oaObj(a))
			if len(msgs) == 0 {
				return nil
			}
			all = append(all, msgs...)
		}
		return []string{at + ": matches no alternative of anyOf: " + strings.Join(all, "; ")}
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	if typ, ok := schema["type"]; ok {
		var types []string
		if s, ok := typ.(string); ok {
			types = []string{s}
		} else {
			for _, x := range oaSlice(typ) {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, oaJSONType(v)) && !(oaJSONType(v) == "integer" && slices.Contains(types, "number")) {
			fail("%s, want %v", oaJSONType(v), types)
			return errs
		}
	}
	if enum := oaSlice(schema["enum"]); enum != nil && !slices.Contains(enum, v) {
		fail("%v is not one of %v", v, enum)
	}
	if min, ok := schema["minimum"].(float64); ok {
		if n, ok := v.(float64); ok && n < min {
			fail("%v < minimum %v", n, min)
		}
	}
	if s, ok := v.(string); ok {
		switch schema["format"] {
		case "date":
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				fail("%q is not a date", s)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				fail("%q is not an RFC 3339 date-time", s)
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props := oaObj(schema, "properties")
		for _, r := range oaSlice(schema["required"]) {
			if _, ok := v[r.(string)]; !ok {
				fail("required property %q missing", r)
			}
		}
		for k, x := range v {
			if p, ok := props[k]; ok {
				errs = append(errs, oaConform(d, at+"."+k, x, oaObj(p))...)
			} else if ap := oaObj(schema, "additionalProperties"); ap != nil {
				errs = append(errs, oaConform(d, at+"."+k, x, ap)...)
			} else if schema["type"] == "object" && (props != nil || schema["additionalProperties"] == false) {
				fail("property %q is not documented", k)
			}
		}
	case []any:
		if items := oaObj(schema, "items"); items != nil {
			for i, x := range v {
				errs = append(errs, oaConform(d, at+"["+strconv.Itoa(i)+"]", x, items)...)
			}
		}
	}
	return errs
}

func oaJSONType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// TestOpenAPIQueryParamsHonored checks that the documented query parameters
// are read: a valid value is accepted and, where the schema restricts the
// value, an invalid one is refused with a 422 naming the parameter.
func TestOpenAPIQueryParamsHonored(t *testing.T) {
	e := newSQLiteEnv(t)
	d := oaFetch(t, e)
	n := 0
	for _, o := range d.operations() {
		for _, p := range oaSlice(o.op["parameters"]) {
			p := d.deref(t, p)
			if p["in"] != "query" {
				continue
			}
			name := p["name"].(string)
			good, bad := oaParamValues(d, oaObj(p, "schema"))
			path := oaPrefix + o.path + "?"
			t.Run(o.method+strings.ReplaceAll(o.path, "/", "_")+"?"+name, func(t *testing.T) {
				u := path + url.Values{name: {good}}.Encode()
				if code, _, body := e.apiDo(thidua.RoleAdmin, "GET", u, ""); code != http.StatusOK {
					t.Errorf("GET %s: %d %s", u, code, body)
				}
				if bad == "" {
					return
				}
				u = path + url.Values{name: {bad}}.Encode()
				code, hdr, body := e.apiDo(thidua.RoleAdmin, "GET", u, "")
				p := v1Problem(t, code, hdr, body, http.StatusUnprocessableEntity)
				if p.Errors[name] == "" {
					t.Errorf("GET %s: errors = %v, want one for %s", u, p.Errors, name)
				}
			})
			n++
		}
	}
	if n < 15 {
		t.Errorf("checked %d query parameters, want at least 15", n)
	}
}

// paramValues returns a valid and an invalid value for a parameter schema
// ("" when any value is valid).
func oaParamValues(d *oaDoc, s map[string]any) (good, bad string) {
	if enum := oaSlice(s["enum"]); len(enum) > 0 {
		return enum[0].(string), "KHONG_CO"
	}
	if len(oaSlice(s["anyOf"])) > 0 { // dates
		return "01/02/2024", "31/02/2024"
	}
	if ex := oaSlice(s["examples"]); len(ex) > 0 { // a value of a documented shape (a cursor)
		if x, ok := ex[0].(string); ok {
			return x, ""
		}
	}
	switch s["type"] {
	case "integer":
		good = "1"
		if min, ok := s["minimum"].(float64); ok && min > 1 {
			good = strconv.Itoa(int(min))
		}
		if max, ok := s["maximum"].(float64); ok {
			return good, strconv.Itoa(int(max) + 1)
		}
		if min, ok := s["minimum"].(float64); ok {
			if min > 0 {
				return good, "abc"
			}
			return "0", "-1"
		}
		return good, "abc"
	case "boolean":
		return "true", "co-le"
	}
	return "nguyễn", ""
}
