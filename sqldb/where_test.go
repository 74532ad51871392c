package sqldb

import (
	"reflect"
	"testing"
)

func TestWhereClause(t *testing.T) {
	for _, tt := range []struct {
		name     string
		start    string
		args     []any
		add      [][2]any
		sql      string
		page     string
		allArgs  []any
		condArgs []any
	}{
		{name: "empty", sql: "1 = 1", page: "LIMIT $1 OFFSET $2", allArgs: []any{10, 0}},
		{name: "one filter", add: [][2]any{{"c.state = ?", "DRAFT"}},
			sql: "c.state = $1", page: "LIMIT $2 OFFSET $3", allArgs: []any{"DRAFT", 10, 0}, condArgs: []any{"DRAFT"}},
		{name: "after a scope", start: "(u.path LIKE $1 OR u.path LIKE $2)", args: []any{"/1/%", "/2/%"},
			add:  [][2]any{{"p.id = ?", int64(7)}, {"p.name_fold LIKE ?", "%an%"}},
			sql:  "(u.path LIKE $1 OR u.path LIKE $2) AND p.id = $3 AND p.name_fold LIKE $4",
			page: "LIMIT $5 OFFSET $6", allArgs: []any{"/1/%", "/2/%", int64(7), "%an%", 10, 0},
			condArgs: []any{"/1/%", "/2/%", int64(7), "%an%"}},
		{name: "a value written twice", add: [][2]any{{"(a = ? OR b = ?)", 3}},
			sql: "(a = $1 OR b = $1)", page: "LIMIT $2 OFFSET $3", allArgs: []any{3, 10, 0}, condArgs: []any{3}},
		{name: "a list after a value", add: [][2]any{{"p.state = ?", "DRAFT"}, {"p.id IN (SELECT proposal_id FROM nominees WHERE id IN (?))", []int64{4, 9}}},
			sql: "p.state = $1 AND p.id IN (SELECT proposal_id FROM nominees WHERE id IN ($2, $3))", page: "LIMIT $4 OFFSET $5",
			allArgs: []any{"DRAFT", int64(4), int64(9), 10, 0}, condArgs: []any{"DRAFT", int64(4), int64(9)}},
		// A value is bound, never written into the SQL.
		{name: "a hostile value", add: [][2]any{{"u.username = ?", "x' OR 1 = 1 --"}},
			sql: "u.username = $1", page: "LIMIT $2 OFFSET $3", allArgs: []any{"x' OR 1 = 1 --", 10, 0}, condArgs: []any{"x' OR 1 = 1 --"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWhere(tt.start, tt.args)
			for _, a := range tt.add {
				if vs, ok := a[1].([]int64); ok {
					w.addIn(a[0].(string), vs)
					continue
				}
				w.add(a[0].(string), a[1])
			}
			if got := w.sql(); got != tt.sql {
				t.Errorf("sql()=%q, want %q", got, tt.sql)
			}
			page, args := w.page(10, 0)
			if page != tt.page || !reflect.DeepEqual(args, tt.allArgs) {
				t.Errorf("page()=%q, %v; want %q, %v", page, args, tt.page, tt.allArgs)
			}
			if len(w.args) != len(tt.condArgs) || len(w.args) > 0 && !reflect.DeepEqual(w.args, tt.condArgs) {
				t.Errorf("args=%v, want %v", w.args, tt.condArgs)
			}
		})
	}
	// The starting args are copied: adding does not write into the caller's slice.
	base := make([]any, 1, 4)
	base[0] = "x"
	w := newWhere("a = $1", base)
	w.add("b = ?", "y")
	if base[:2][1] != nil {
		t.Error("newWhere wrote into the caller's args")
	}
}
