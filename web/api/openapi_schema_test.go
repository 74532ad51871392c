package api

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"thidua"
	"time"
)

func testGen(docs map[reflect.Type]typeDoc) *schemaGen {
	return &schemaGen{docs: docs, schemas: map[string]any{}, types: map[string]reflect.Type{}, enums: map[string][]thidua.Option{
		"colors": {{Code: "RED", Label: "đỏ"}, {Code: "BLUE", Label: "xanh"}},
		"bare":   bare("A", "B"),
	}}
}

type sampleRef struct {
	N int `json:"n"`
}

type sampleBase struct {
	ID int64 `json:"id" doc:"Mã."`
}

type sampleOut struct {
	sampleBase
	Name    string            `json:"name,omitempty" doc:"Tên, có dấu phẩy."`
	Color   string            `json:"color" doc:"Màu." enum:"colors"`
	Tags    []string          `json:"tags" enum:"bare" minItems:"1"`
	IDs     []int64           `json:"ids" minimum:"1"`
	Day     thidua.Date       `json:"day" doc:"Ngày."`
	At      time.Time         `json:"at,omitzero"`
	Ref     *sampleRef        `json:"ref" null:"true" doc:"Có thể null."`
	Map     map[string]string `json:"map"`
	Any     json.RawMessage   `json:"any,omitempty"`
	Version int               `json:"version"`
	Hidden  string            `json:"-"`
}

type sampleIn struct {
	_      struct{}    `doc:"Gửi \x60x\x60." input:"true"`
	Name   string      `json:"name" required:"true" maxLength:"10"`
	Active *bool       `json:"active" default:"true"`
	Day    thidua.Date `json:"day"`
}

func TestSchemaGen(t *testing.T) {
	g := testGen(map[reflect.Type]typeDoc{reflect.TypeFor[sampleRef](): {"": `schema:"Ref"`, "n": `doc:"Số." minimum:"0"`}})
	if ref := g.schema(sampleOut{}); ref["$ref"] != "#/components/schemas/sampleOut" {
		t.Fatalf("schema(sampleOut) = %v", ref)
	}
	g.schema(&sampleIn{})
	b, _ := json.Marshal(g.schemas)
	var got map[string]map[string]any
	json.Unmarshal(b, &got)
	prop := func(s, p string) string {
		b, _ := json.Marshal(got[s]["properties"].(map[string]any)[p])
		return string(b)
	}
	for _, c := range []struct{ schema, prop, want string }{
		{"sampleOut", "id", `{"description":"Mã.","format":"int64","type":"integer"}`},
		{"sampleOut", "name", `{"description":"Tên, có dấu phẩy.","type":"string"}`},
		{"sampleOut", "color", `{"description":"Màu. ` + "`RED`: đỏ; `BLUE`: xanh." + `","enum":["RED","BLUE"],"type":"string"}`},
		{"sampleOut", "tags", `{"items":{"enum":["A","B"],"type":"string"},"minItems":1,"type":"array"}`},
		{"sampleOut", "ids", `{"items":{"format":"int64","minimum":1,"type":"integer"},"type":"array"}`},
		{"sampleOut", "day", `{"description":"Ngày. Dạng yyyy-mm-dd; null khi chưa có.","format":"date","type":["string","null"]}`},
		{"sampleOut", "at", `{"format":"date-time","type":"string"}`},
		{"sampleOut", "ref", `{"anyOf":[{"$ref":"#/components/schemas/Ref"},{"type":"null"}],"description":"Có thể null."}`},
		{"sampleOut", "map", `{"additionalProperties":{"type":"string"},"type":"object"}`},
		{"sampleOut", "any", `{}`},
		{"sampleOut", "version", `{"description":"Phiên bản của bản ghi (khóa lạc quan); tăng sau mỗi lần sửa.","minimum":1,"type":"integer"}`},
		{"Ref", "n", `{"description":"Số.","minimum":0,"type":"integer"}`},
		{"sampleIn", "name", `{"maxLength":10,"type":"string"}`},
		{"sampleIn", "active", `{"default":true,"type":"boolean"}`},
	} {
		if p := prop(c.schema, c.prop); p != c.want {
			t.Errorf("%s.%s = %s, want %s", c.schema, c.prop, p, c.want)
		}
	}
	if p := prop("sampleIn", "day"); !strings.Contains(p, `"anyOf"`) || !strings.Contains(p, "cũng nhận dd/mm/yyyy") {
		t.Errorf("sampleIn.day = %s, want a date read in either form", p)
	}
	if n := len(got["sampleOut"]["properties"].(map[string]any)); n != 11 {
		t.Errorf("sampleOut has %d properties, want 11 (embedded flattened, json:\"-\" left out)", n)
	}
	for _, c := range []struct{ schema, want string }{
		{"sampleOut", `["id","color","tags","ids","day","ref","map","version"]`},
		{"sampleIn", `["name"]`},
	} {
		if b, _ := json.Marshal(got[c.schema]["required"]); string(b) != c.want {
			t.Errorf("%s required %s, want %s", c.schema, b, c.want)
		}
	}
	in := got["sampleIn"]
	if in["additionalProperties"] != false || in["description"] != "Gửi `x`." {
		t.Errorf("sampleIn = %v, want a closed object with its description", in)
	}
	if _, ok := got["sampleOut"]["additionalProperties"]; ok {
		t.Error("a response schema must not refuse unknown fields")
	}
}

func TestSchemaGenRefusesDrift(t *testing.T) {
	for name, f := range map[string]func(g *schemaGen){
		"typeDocs names a missing field": func(g *schemaGen) {
			g.docs = map[reflect.Type]typeDoc{reflect.TypeFor[sampleRef](): {"m": `doc:"?"`}}
			g.schema(sampleRef{})
		},
		"unknown enum": func(g *schemaGen) {
			g.value(reflect.TypeFor[string](), tags{`enum:"nope"`})
		},
		"generic type without a name": func(g *schemaGen) { g.schema(List[sampleRef]{}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f(testGen(nil))
		})
	}
}

// TestOperationsDerive derives the schemas of every operation and
// parameter: no type lacks a name or names an unknown option list.
func TestOperationsDerive(t *testing.T) {
	g := newSchemaGen(nil)
	for key, op := range apiOps() {
		if op.Body != nil {
			if _, ok := g.schema(op.Body)["$ref"]; !ok {
				t.Errorf("%s: the body is not a named schema", key)
			}
		}
		if op.Result != nil {
			g.schema(op.Result)
		}
	}
	for _, p := range oaParams() {
		g.parameter(p)
	}
	if len(g.schemas) < 100 {
		t.Errorf("%d schemas, want at least 100", len(g.schemas))
	}
}
