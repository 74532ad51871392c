package api

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"time"
)

// The document's schemas are derived from the Go types the API reads and
// writes: the properties are the fields encoding/json reads or writes (json
// tags give the names, embedded structs are flattened), their types follow
// from the Go types, and a struct becomes a named schema that the others
// refer to. What reflection cannot know is written as struct tags:
//
//	doc:"…"          the description; for a date or an enumeration the
//	                 generated part (the accepted forms, the codes and their
//	                 labels) follows it
//	enum:"name"      the codes of the option list enumLists registers as name
//	required:"true"  a field a request body must have; in a response every
//	                 field encoding/json always writes (no omitempty or
//	                 omitzero) is required
//	null:"true"      the value may also be null
//	minimum, maximum, exclusiveMinimum, minLength, maxLength, pattern, format
//	                 JSON Schema keywords of the value (of each item of a
//	                 list, of each value of a map)
//	minItems, maxItems, default, examples (separated by |), readOnly, writeOnly
//	                 JSON Schema keywords of the field
//
// A struct's own tags sit on a blank field, _ struct{}:
//
//	schema:"Name"    the schema's name, when it is not the Go type's
//	doc:"…"          the schema's description
//	input:"true"     a request body or a part of one: unknown fields are
//	                 refused (additionalProperties: false) and dates are
//	                 read in either form
//
// A backquote in a tag is written \x60. Types this package does not own (the
// domain's, the rules engine's, the kit's) and instances of the generic List
// and Items are described in typeDocs instead, with the same tags by JSON
// field name ("" for the struct's own): their packages stay free of the
// API's documentation, and an entry naming a field the type does not have
// is an error, so that neither way can drift from the Go types.

// typeDoc holds the tags of a type's fields by JSON name, and the struct's
// own under "".
type typeDoc map[string]reflect.StructTag

// typeDocs describes the types the API writes or reads but does not own,
// each part of the API those of its resources.
func typeDocs() map[reflect.Type]typeDoc {
	return joinTables("type", coreTypeDocs, campaignTypeDocs, eligibilityTypeDocs, commendationTypeDocs, inboxTypeDocs, centralTypeDocs, clusterTypeDocs, ladderTypeDocs)
}

// joinTables joins the tables of the parts of the API; a key may be in one
// part only.
func joinTables[K comparable, V any](what string, parts ...map[K]V) map[K]V {
	out := map[K]V{}
	for _, part := range parts {
		for k, v := range part {
			if _, dup := out[k]; dup {
				panic(fmt.Sprintf("api: %s %v documented twice", what, k))
			}
			out[k] = v
		}
	}
	return out
}

// commonTags describe the fields many records share, for a field that has
// no doc of its own: by input mode, then JSON name.
var commonTags = map[bool]map[string]reflect.StructTag{
	false: {
		"version":    `doc:"Phiên bản của bản ghi (khóa lạc quan); tăng sau mỗi lần sửa." minimum:"1"`,
		"created_at": `doc:"Thời điểm tạo."`,
		"updated_at": `doc:"Thời điểm sửa gần nhất."`,
	},
	true: {
		"version": `doc:"Khi sửa: phiên bản đã đọc (bắt buộc); khi tạo: bỏ qua." minimum:"0"`,
	},
}

var (
	dateType = reflect.TypeFor[thidua.Date]()
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
	textType = reflect.TypeFor[encoding.TextMarshaler]()
)

// schemaGen derives schemas, collecting the named ones for components.
type schemaGen struct {
	docs    map[reflect.Type]typeDoc
	enums   map[string][]thidua.Option
	schemas map[string]any          // components/schemas
	types   map[string]reflect.Type // the Go type of each named schema
}

func newSchemaGen(provinces []thidua.Option) *schemaGen {
	enums := enumLists()
	enums["provinces"] = provinces
	inboxEnums(enums)
	centralEnums(enums)
	clusterEnums(enums)
	ladderEnums(enums)
	return &schemaGen{docs: typeDocs(), enums: enums, schemas: map[string]any{}, types: map[string]reflect.Type{}}
}

// tags are a field's tags, the first that has a key winning.
type tags []reflect.StructTag

func (ts tags) get(key string) string {
	for _, t := range ts {
		if v, ok := t.Lookup(key); ok {
			return v
		}
	}
	return ""
}

// typeTag returns the tags of the struct type t itself.
func (g *schemaGen) typeTag(t reflect.Type) reflect.StructTag {
	if d, ok := g.docs[t]; ok {
		return d[""]
	}
	for f := range t.Fields() {
		if f.Name == "_" {
			return f.Tag
		}
	}
	return ""
}

// schema returns the schema of a value of the type of v: a reference for a
// struct.
func (g *schemaGen) schema(v any) map[string]any {
	return g.value(reflect.TypeOf(v), nil)
}

// ref returns a reference to the schema of the struct type t, deriving the
// schema on first use.
func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name := g.typeTag(t).Get("schema")
	if name == "" {
		name = t.Name()
	}
	if name == "" || strings.Contains(name, "[") {
		panic(fmt.Sprintf("api: type %s needs a schema name", t))
	}
	if prev, ok := g.types[name]; !ok {
		g.types[name] = t
		g.schemas[name] = g.object(t)
	} else if prev != t {
		panic(fmt.Sprintf("api: schema %s is both %s and %s", name, prev, t))
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// object derives the schema of the struct type t.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	own := g.typeTag(t)
	input := own.Get("input") == "true"
	props := map[string]any{}
	var required []string
	g.addFields(t, input, props, &required)
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	if input {
		o["additionalProperties"] = false
	}
	if d := own.Get("doc"); d != "" {
		o["description"] = d
	}
	return o
}

// addFields adds the JSON fields of the struct type t to props.
func (g *schemaGen) addFields(t reflect.Type, input bool, props map[string]any, required *[]string) {
	docs := g.docs[t]
	seen := map[string]bool{"": true}
	for f := range t.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if ft := derefType(f.Type); f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			g.addFields(ft, input, props, required)
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		seen[name] = true
		ts := tags{docs[name], f.Tag}
		if ts.get("doc") == "" {
			ts = append(ts, commonTags[input][name])
		}
		props[name] = g.field(f.Type, ts, input)
		omit := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		if input && ts.get("required") == "true" || !input && !omit {
			*required = append(*required, name)
		}
	}
	for name := range docs {
		if !seen[name] {
			panic(fmt.Sprintf("api: typeDocs of %s names %q, which is not one of its JSON fields", t, name))
		}
	}
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// field derives the schema of a field of type t with tags ts.
func (g *schemaGen) field(t reflect.Type, ts tags, input bool) map[string]any {
	t = derefType(t)
	doc := ts.get("doc")
	if t == dateType {
		return dateSchema(doc, input)
	}
	s := g.value(t, ts)
	if name := ts.get("enum"); name != "" {
		if labels := g.labels(name); labels != "" {
			doc = strings.TrimSpace(doc + " " + labels)
		}
	}
	if ts.get("null") == "true" {
		if typ, ok := s["type"]; ok {
			s["type"] = []string{typ.(string), "null"}
		} else {
			s = map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
		}
	}
	if doc != "" {
		s["description"] = doc
	}
	for _, k := range []string{"minItems", "maxItems"} {
		if v := ts.get(k); v != "" {
			s[k] = tagNumber(k, v)
		}
	}
	if v := ts.get("default"); v != "" {
		s["default"] = defaultValue(innermost(t), v)
	}
	if v := ts.get("examples"); v != "" {
		var ex []any
		for _, e := range strings.Split(v, "|") {
			ex = append(ex, e)
		}
		s["examples"] = ex
	}
	for _, k := range []string{"readOnly", "writeOnly"} {
		if ts.get(k) == "true" {
			s[k] = true
		}
	}
	return s
}

// innermost returns the type of the items of a list or the values of a map.
func innermost(t reflect.Type) reflect.Type {
	for t = derefType(t); t != rawType && (t.Kind() == reflect.Slice || t.Kind() == reflect.Map); t = derefType(t.Elem()) {
	}
	return t
}

// value derives the schema of a value of type t: the JSON type, and the
// value keywords of ts for a scalar.
func (g *schemaGen) value(t reflect.Type, ts tags) map[string]any {
	t = derefType(t)
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType || t.Kind() == reflect.Interface:
		return map[string]any{}
	case t.PkgPath() == "thidua/ballot" && t.Implements(textType):
		// A point or a scalar of the ballot: 32 bytes as lowercase hex (README).
		return map[string]any{"type": "string", "pattern": "^[0-9a-f]{64}$"}
	}
	var s map[string]any
	switch t.Kind() {
	case reflect.Struct:
		return g.ref(t)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			// []byte: encoding/json writes base64.
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": g.value(t.Elem(), ts)}
	case reflect.Map:
		s := map[string]any{"type": "object"}
		if t.Elem().Kind() != reflect.Interface {
			s["additionalProperties"] = g.value(t.Elem(), ts)
		}
		return s
	case reflect.String:
		s = map[string]any{"type": "string"}
	case reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case reflect.Int64:
		s = map[string]any{"type": "integer", "format": "int64"}
	case reflect.Int, reflect.Int32:
		s = map[string]any{"type": "integer"}
	case reflect.Float64:
		s = map[string]any{"type": "number"}
	default:
		panic(fmt.Sprintf("api: no schema for Go type %s", t))
	}
	for _, k := range []string{"minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength"} {
		if v := ts.get(k); v != "" {
			s[k] = tagNumber(k, v)
		}
	}
	for _, k := range []string{"pattern", "format"} {
		if v := ts.get(k); v != "" {
			s[k] = v
		}
	}
	if name := ts.get("enum"); name != "" {
		opts, ok := g.enums[name]
		if !ok {
			panic("api: no option list " + name)
		}
		codes := make([]string, len(opts))
		for i, o := range opts {
			codes[i] = o.Code
		}
		s["enum"] = codes
	}
	return s
}

// labels lists the codes of the option list name that have a label, with
// the label: "`A`: một; `B`: hai.".
func (g *schemaGen) labels(name string) string {
	var out []string
	for _, o := range g.enums[name] {
		if o.Label != "" {
			out = append(out, "`"+o.Code+"`: "+o.Label)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "; ") + "."
}

func tagNumber(key, v string) float64 {
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		panic(fmt.Sprintf("api: tag %s:%q is not a number", key, v))
	}
	return n
}

func defaultValue(t reflect.Type, v string) any {
	var out any
	var err error
	switch t.Kind() {
	case reflect.Bool:
		out, err = strconv.ParseBool(v)
	case reflect.String:
		out = v
	default:
		out, err = strconv.ParseFloat(v, 64)
	}
	if err != nil {
		panic(fmt.Sprintf("api: default %q does not fit %s", v, t))
	}
	return out
}

// dateSchema is a thidua.Date: written as yyyy-mm-dd or null, read also as
// dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy), as thidua.ParseDate does.
func dateSchema(doc string, input bool) map[string]any {
	if !input {
		return map[string]any{"type": []string{"string", "null"}, "format": "date",
			"description": strings.TrimSpace(doc + " Dạng yyyy-mm-dd; null khi chưa có.")}
	}
	return map[string]any{
		"description": strings.TrimSpace(doc + " Dạng yyyy-mm-dd; cũng nhận dd/mm/yyyy. Ngày không tồn tại (31/02/2024) bị từ chối."),
		"anyOf": []any{
			map[string]any{"type": "string", "format": "date"},
			map[string]any{"type": "string", "pattern": `^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$|^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$|^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$`},
			map[string]any{"type": "null"},
		},
		"examples": []any{"1990-05-20", "20/05/1990"},
	}
}

// parameter derives a query parameter: its value is read into a Go value
// like p.Type, with p.Tag as on a struct field.
func (g *schemaGen) parameter(p apiParam) map[string]any {
	return map[string]any{"name": p.Name, "in": "query", "required": false, "description": p.Desc,
		"schema": g.field(reflect.TypeOf(p.Type), tags{p.Tag}, true)}
}

// bare returns the codes of opts without their labels, for an enumeration
// whose description says what the codes mean.
func bare(codes ...string) []thidua.Option {
	out := make([]thidua.Option, len(codes))
	for i, c := range codes {
		out[i] = thidua.Option{Code: c}
	}
	return out
}

// codesOf returns the codes of opts.
func codesOf(opts ...[]thidua.Option) []string {
	var out []string
	for _, o := range slices.Concat(opts...) {
		out = append(out, o.Code)
	}
	return out
}
