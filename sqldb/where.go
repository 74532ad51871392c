package sqldb

import (
	"strconv"
	"strings"
)

// whereClause builds the WHERE clause of a query with optional filters:
// conditions joined by AND, each bound to its value through the next $n
// placeholder. Values never enter the SQL text; the conditions are
// constants of the code.
//
//	w := newWhere(scope, args)
//	if f.State != "" {
//		w.add("c.state = ?", f.State)
//	}
//	page, args := w.page(limit, offset)
//	db.QueryContext(ctx, `SELECT … WHERE `+w.sql()+` ORDER BY … `+page, args...)
type whereClause struct {
	conds []string
	args  []any
}

// newWhere starts a clause with cond, a condition whose placeholders are
// already numbered for args (a scope from scopeClause, say); an empty cond
// starts with no condition.
func newWhere(cond string, args []any) *whereClause {
	w := &whereClause{args: append([]any(nil), args...)}
	if cond != "" {
		w.conds = append(w.conds, cond)
	}
	return w
}

// add appends cond, in which every ? stands for v.
func (w *whereClause) add(cond string, v any) {
	w.args = append(w.args, v)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(w.args))))
}

// sql returns the conditions joined by AND, or "1 = 1" when there are none.
func (w *whereClause) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// page returns "LIMIT $n OFFSET $m" for limit and offset, and the
// arguments of the whole query: the conditions' followed by limit and
// offset. The clause's own arguments (w.args) stay those of the
// conditions, for a count over the same rows.
func (w *whereClause) page(limit, offset int) (string, []any) {
	args := make([]any, 0, len(w.args)+2)
	args = append(append(args, w.args...), limit, offset)
	return "LIMIT $" + strconv.Itoa(len(args)-1) + " OFFSET $" + strconv.Itoa(len(args)), args
}

// addIn appends cond, in which one ? stands for the list of vs, one
// placeholder each ("x IN (?)").
func (w *whereClause) addIn(cond string, vs []int64) {
	marks := make([]string, len(vs))
	for i, v := range vs {
		w.args = append(w.args, v)
		marks[i] = "$" + strconv.Itoa(len(w.args))
	}
	w.conds = append(w.conds, strings.Replace(cond, "?", strings.Join(marks, ", "), 1))
}
