package rules

import (
	"fmt"
	"sort"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
)

// This file turns a condition written in CEL into a Go closure. CEL parses
// and type-checks the text against the declared facts, parameters and
// functions; the checked tree is then compiled node by node into closures
// over *env. Only the part of CEL a condition needs is accepted: literals,
// facts, parameters, the declared functions, comparisons, arithmetic,
// logical operators, the conditional operator and int()/double(). Anything
// else (lists, maps, macros, strings outside function arguments) is refused
// at load time with a message naming it.

type kind uint8

const (
	kBool kind = iota + 1
	kInt
	kDouble
	kString
)

func (k kind) String() string {
	switch k {
	case kBool:
		return "bool"
	case kInt:
		return "int"
	case kDouble:
		return "double"
	case kString:
		return "string"
	}
	return "?"
}

func (k kind) celType() *cel.Type {
	switch k {
	case kBool:
		return cel.BoolType
	case kInt:
		return cel.IntType
	case kDouble:
		return cel.DoubleType
	}
	return cel.StringType
}

// node is a compiled expression: exactly one of b, i, d is set, matching
// kind, except for string constants, which only function arguments use.
type node struct {
	kind kind
	b    func(*env) bool
	i    func(*env) int64
	d    func(*env) float64
	str  string
	// konst reports a constant whose value is in ci/cd/cb.
	konst bool
	ci    int64
	cd    float64
	cb    bool
	// params lists the parameter names the node reads.
	params []string
	// volatile is true when the node's evaluation is not a pure function
	// of the subject's facts: it reads what changes between the awards of
	// one subject (the flags set by earlier conditions, title_award) or
	// calls a fact function, which may set flags.
	volatile bool
	// reads is true when the node reads what changes between the awards
	// of one subject (the flags set by earlier conditions, title_award):
	// its value is not a function of the subject's facts alone, so it is
	// never memoized. A node that only calls fact functions is: the flags
	// those set are kept with the value (env.memo).
	reads bool
	// yearRel is true for "year", "year + k" and "year - k": the value is
	// the assessment year plus yearOff, which fact functions read without
	// calling the closures (yearArg).
	yearRel bool
	yearOff int64
}

// yearArg is an int argument of a fact function, read inline when it is
// relative to the assessment year.
type yearArg struct {
	rel bool
	off int
	fn  func(*env) int64
}

func argOf(n *node) yearArg { return yearArg{rel: n.yearRel, off: int(n.yearOff), fn: n.i} }

func (a *yearArg) at(e *env) int {
	if a.rel {
		return e.f.year + a.off
	}
	return int(a.fn(e))
}

func (n *node) asDouble() func(*env) float64 {
	if n.kind == kDouble {
		return n.d
	}
	f := n.i
	return func(e *env) float64 { return float64(f(e)) }
}

// variable is a fact exposed to conditions as an identifier.
type variable struct {
	kind kind
	doc  string
	b    func(*env) bool
	i    func(*env) int64
	d    func(*env) float64
}

// function is a fact exposed to conditions as a function with fixed
// argument kinds. Its compile step receives the compiled arguments (string
// arguments must be constants) and returns the closure.
type function struct {
	args    []kind
	ret     kind
	doc     string
	compile func(args []*node) (*node, error)
}

// compiler holds the CEL environment shared by every rule of an engine.
type compiler struct {
	env    *cel.Env
	params map[string]paramDecl
}

type paramDecl struct {
	slot int
	kind kind
}

// volatileVars are the variables whose value changes between the awards
// of one subject: a condition reading them is not memoized (Checker).
var volatileVars = map[string]bool{
	"maternity_bridged": true, "excluded_special": true, "skipped_revoked": true, "skipped_consumed": true, "title_award": true,
}

// constants are the named ordinal scales conditions compare with.
var constants = map[string]int64{
	"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1,
	"CO_SO": 1, "TINH": 2, "TOAN_QUOC": 3,
	"KHIEN_TRACH": 1, "CANH_CAO": 2, "HA_BAC_LUONG": 3, "GIANG_CHUC": 4,
	"CACH_CHUC": 5, "BAI_NHIEM": 6, "BUOC_THOI_VIEC": 7,
	"PHO_GIAM_DOC_SO": 1, "GIAM_DOC_SO": 2, "PHO_TONG_CUC_TRUONG": 3, "TONG_CUC_TRUONG": 4,
}

func newCompiler(params map[string]paramDecl) (*compiler, error) {
	opts := []cel.EnvOption{cel.ClearMacros(), cel.CrossTypeNumericComparisons(true)}
	for name, v := range variables {
		opts = append(opts, cel.Variable(name, v.kind.celType()))
	}
	for name, c := range constants {
		opts = append(opts, cel.Constant(name, cel.IntType, types.Int(c)))
	}
	for name, p := range params {
		opts = append(opts, cel.Variable("params."+name, p.kind.celType()))
	}
	for name, f := range functions {
		args := make([]*cel.Type, len(f.args))
		for i, a := range f.args {
			args[i] = a.celType()
		}
		opts = append(opts, cel.Function(name, cel.Overload(name+"_overload", args, f.ret.celType())))
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, err
	}
	return &compiler{env: env, params: params}, nil
}

// compileBool compiles src, which must be a bool expression.
func (c *compiler) compileBool(src string) (*node, error) {
	a, iss := c.env.Compile(src)
	if iss != nil && iss.Err() != nil {
		return nil, fmt.Errorf("%s", strings.TrimSpace(iss.Err().Error()))
	}
	if a.OutputType() != cel.BoolType {
		return nil, fmt.Errorf("biểu thức phải cho kết quả đúng/sai (bool), đang là %s", a.OutputType())
	}
	checked := a.NativeRep()
	n, err := c.compile(checked, checked.Expr())
	if err != nil {
		return nil, err
	}
	if n.kind != kBool {
		return nil, fmt.Errorf("biểu thức phải cho kết quả bool")
	}
	return n, nil
}

func (c *compiler) compile(a *ast.AST, e ast.Expr) (*node, error) {
	switch e.Kind() {
	case ast.LiteralKind:
		switch v := e.AsLiteral().(type) {
		case types.Bool:
			return constBool(bool(v)), nil
		case types.Int:
			return constInt(int64(v)), nil
		case types.Double:
			return constDouble(float64(v)), nil
		case types.String:
			return &node{kind: kString, str: string(v), konst: true}, nil
		}
		return nil, fmt.Errorf("không hỗ trợ hằng số %v", e.AsLiteral())
	case ast.IdentKind, ast.SelectKind:
		ref, ok := a.ReferenceMap()[e.ID()]
		if !ok {
			return nil, fmt.Errorf("không hỗ trợ biểu thức chọn trường (select)")
		}
		if ref.Value != nil {
			if v, ok := ref.Value.(types.Int); ok {
				return constInt(int64(v)), nil
			}
			return nil, fmt.Errorf("hằng số %s không hỗ trợ", ref.Name)
		}
		if strings.HasPrefix(ref.Name, "params.") {
			return c.param(strings.TrimPrefix(ref.Name, "params."))
		}
		v, ok := variables[ref.Name]
		if !ok {
			return nil, fmt.Errorf("không có dữ kiện %q", ref.Name)
		}
		return &node{kind: v.kind, b: v.b, i: v.i, d: v.d, volatile: volatileVars[ref.Name], reads: volatileVars[ref.Name], yearRel: ref.Name == "year"}, nil
	case ast.CallKind:
		return c.call(a, e.AsCall())
	}
	return nil, fmt.Errorf("không hỗ trợ loại biểu thức này (chỉ dùng dữ kiện, hàm, phép so sánh, số học và logic)")
}

func (c *compiler) param(name string) (*node, error) {
	p, ok := c.params[name]
	if !ok {
		return nil, fmt.Errorf("không có tham số %q", name)
	}
	slot := p.slot
	n := &node{kind: p.kind, params: []string{name}}
	switch p.kind {
	case kBool:
		n.b = func(e *env) bool { return e.params[slot] != 0 }
	case kInt:
		n.i = func(e *env) int64 { return int64(e.params[slot]) }
	default:
		n.d = func(e *env) float64 { return e.params[slot] }
	}
	return n, nil
}

func (c *compiler) call(a *ast.AST, call ast.CallExpr) (*node, error) {
	if call.IsMemberFunction() {
		return nil, fmt.Errorf("không hỗ trợ hàm thành viên %s", call.FunctionName())
	}
	args := make([]*node, len(call.Args()))
	var params []string
	volatile, reads := false, false
	for i, arg := range call.Args() {
		n, err := c.compile(a, arg)
		if err != nil {
			return nil, err
		}
		args[i] = n
		params = append(params, n.params...)
		volatile = volatile || n.volatile
		reads = reads || n.reads
	}
	n, err := c.callNode(call.FunctionName(), args)
	if err != nil {
		return nil, err
	}
	n.params = append(n.params, params...)
	// A fact function may set flags that later conditions read, so a
	// condition calling one is evaluated every time.
	_, fact := functions[call.FunctionName()]
	n.volatile = n.volatile || volatile || fact
	n.reads = n.reads || reads
	return n, nil
}

func (c *compiler) callNode(name string, args []*node) (*node, error) {
	if f, ok := functions[name]; ok {
		for i, k := range f.args {
			if args[i].kind != k {
				return nil, fmt.Errorf("%s: đối số %d phải là %s", name, i+1, k)
			}
			if k == kString && !args[i].konst {
				return nil, fmt.Errorf("%s: đối số %d phải là một chuỗi cố định", name, i+1)
			}
		}
		return f.compile(args)
	}
	for _, a := range args {
		if a.kind == kString {
			return nil, fmt.Errorf("chuỗi chỉ dùng làm đối số của hàm dữ kiện")
		}
	}
	switch name {
	case operators.LogicalAnd:
		x, y := args[0].b, args[1].b
		return &node{kind: kBool, b: func(e *env) bool { return x(e) && y(e) }}, nil
	case operators.LogicalOr:
		x, y := args[0].b, args[1].b
		return &node{kind: kBool, b: func(e *env) bool { return x(e) || y(e) }}, nil
	case operators.LogicalNot:
		x := args[0].b
		return &node{kind: kBool, b: func(e *env) bool { return !x(e) }}, nil
	case operators.Conditional:
		cond, x, y := args[0].b, args[1], args[2]
		switch x.kind {
		case kBool:
			return &node{kind: kBool, b: func(e *env) bool {
				if cond(e) {
					return x.b(e)
				}
				return y.b(e)
			}}, nil
		case kInt:
			return &node{kind: kInt, i: func(e *env) int64 {
				if cond(e) {
					return x.i(e)
				}
				return y.i(e)
			}}, nil
		case kDouble:
			return &node{kind: kDouble, d: func(e *env) float64 {
				if cond(e) {
					return x.d(e)
				}
				return y.d(e)
			}}, nil
		}
	case operators.Negate:
		switch x := args[0]; x.kind {
		case kInt:
			return &node{kind: kInt, i: func(e *env) int64 { return -x.i(e) }}, nil
		case kDouble:
			return &node{kind: kDouble, d: func(e *env) float64 { return -x.d(e) }}, nil
		}
	case operators.Equals, operators.NotEquals, operators.Less, operators.LessEquals, operators.Greater, operators.GreaterEquals:
		return compare(name, args[0], args[1])
	case operators.Add, operators.Subtract, operators.Multiply, operators.Divide:
		return arith(name, args[0], args[1])
	case "int":
		switch x := args[0]; x.kind {
		case kInt:
			return x, nil
		case kDouble:
			return &node{kind: kInt, i: func(e *env) int64 { return int64(x.d(e)) }}, nil
		}
	case "double":
		switch x := args[0]; x.kind {
		case kDouble:
			return x, nil
		case kInt:
			return &node{kind: kDouble, d: x.asDouble()}, nil
		}
	}
	return nil, fmt.Errorf("không hỗ trợ hàm hoặc phép toán %q trong điều kiện", strings.Trim(name, "_"))
}

func compare(op string, x, y *node) (*node, error) {
	if x.kind == kBool && y.kind == kBool {
		xb, yb := x.b, y.b
		switch op {
		case operators.Equals:
			return &node{kind: kBool, b: func(e *env) bool { return xb(e) == yb(e) }}, nil
		case operators.NotEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xb(e) != yb(e) }}, nil
		}
		return nil, fmt.Errorf("không so sánh thứ tự giá trị bool")
	}
	if x.kind == kInt && y.kind == kInt {
		xi := x.i
		if y.konst { // the common shape: fact ⋚ constant
			c := y.ci
			switch op {
			case operators.Equals:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) == c }}, nil
			case operators.NotEquals:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) != c }}, nil
			case operators.Less:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) < c }}, nil
			case operators.LessEquals:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) <= c }}, nil
			case operators.Greater:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) > c }}, nil
			case operators.GreaterEquals:
				return &node{kind: kBool, b: func(e *env) bool { return xi(e) >= c }}, nil
			}
		}
		yi := y.i
		switch op {
		case operators.Equals:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) == yi(e) }}, nil
		case operators.NotEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) != yi(e) }}, nil
		case operators.Less:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) < yi(e) }}, nil
		case operators.LessEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) <= yi(e) }}, nil
		case operators.Greater:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) > yi(e) }}, nil
		case operators.GreaterEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xi(e) >= yi(e) }}, nil
		}
	}
	if (x.kind == kInt || x.kind == kDouble) && (y.kind == kInt || y.kind == kDouble) {
		xd, yd := x.asDouble(), y.asDouble()
		switch op {
		case operators.Equals:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) == yd(e) }}, nil
		case operators.NotEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) != yd(e) }}, nil
		case operators.Less:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) < yd(e) }}, nil
		case operators.LessEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) <= yd(e) }}, nil
		case operators.Greater:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) > yd(e) }}, nil
		case operators.GreaterEquals:
			return &node{kind: kBool, b: func(e *env) bool { return xd(e) >= yd(e) }}, nil
		}
	}
	return nil, fmt.Errorf("không so sánh được %s với %s", x.kind, y.kind)
}

func arith(op string, x, y *node) (*node, error) {
	if x.yearRel && y.konst && y.kind == kInt && (op == operators.Add || op == operators.Subtract) {
		off := x.yearOff + y.ci
		if op == operators.Subtract {
			off = x.yearOff - y.ci
		}
		return &node{kind: kInt, yearRel: true, yearOff: off, i: func(e *env) int64 { return int64(e.f.year) + off }}, nil
	}
	if x.kind == kInt && y.kind == kInt {
		xi, yi := x.i, y.i
		switch op {
		case operators.Add:
			return &node{kind: kInt, i: func(e *env) int64 { return xi(e) + yi(e) }}, nil
		case operators.Subtract:
			return &node{kind: kInt, i: func(e *env) int64 { return xi(e) - yi(e) }}, nil
		case operators.Multiply:
			return &node{kind: kInt, i: func(e *env) int64 { return xi(e) * yi(e) }}, nil
		}
		return nil, fmt.Errorf("không hỗ trợ phép chia số nguyên; dùng double()")
	}
	if x.kind == kDouble && y.kind == kDouble {
		xd, yd := x.d, y.d
		switch op {
		case operators.Add:
			return &node{kind: kDouble, d: func(e *env) float64 { return xd(e) + yd(e) }}, nil
		case operators.Subtract:
			return &node{kind: kDouble, d: func(e *env) float64 { return xd(e) - yd(e) }}, nil
		case operators.Multiply:
			return &node{kind: kDouble, d: func(e *env) float64 { return xd(e) * yd(e) }}, nil
		case operators.Divide:
			return &node{kind: kDouble, d: func(e *env) float64 { return xd(e) / yd(e) }}, nil
		}
	}
	return nil, fmt.Errorf("phép toán giữa %s và %s không được hỗ trợ", x.kind, y.kind)
}

func constBool(v bool) *node {
	return &node{kind: kBool, konst: true, cb: v, b: func(*env) bool { return v }}
}

func constInt(v int64) *node {
	return &node{kind: kInt, konst: true, ci: v, i: func(*env) int64 { return v }}
}

func constDouble(v float64) *node {
	return &node{kind: kDouble, konst: true, cd: v, d: func(*env) float64 { return v }}
}

// Vocabulary returns the names a condition may use, with their kinds and
// meanings, sorted: for documentation and the rule editor.
func Vocabulary() []string {
	var out []string
	for name, v := range variables {
		out = append(out, fmt.Sprintf("%s: %s — %s", name, v.kind, v.doc))
	}
	for name, f := range functions {
		args := make([]string, len(f.args))
		for i, a := range f.args {
			args[i] = a.String()
		}
		out = append(out, fmt.Sprintf("%s(%s): %s — %s", name, strings.Join(args, ", "), f.ret, f.doc))
	}
	sort.Strings(out)
	return out
}
