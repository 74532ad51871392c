package articles

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"thidua"
	"thidua/sqldb"
)

// The small helpers the article store needs beside the ones sqldb exports
// (Begin, Tx.Audit, CommitPortal, Actor, RequirePerm, LimitOffset).

type scanner interface{ Scan(dest ...any) error }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func notFound(what string) error {
	return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy %s.", what)
}

func fieldErr(field, msg string) error {
	return &thidua.Error{Code: thidua.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// campaignExists returns an error unless campaign id exists.
func campaignExists(ctx context.Context, q sqldb.Handle, id int64) error {
	var one int
	return q.QueryRowContext(ctx, `SELECT 1 FROM campaigns WHERE id = $1`, id).Scan(&one)
}

// where builds a WHERE clause of optional filters, each bound through the
// next $n placeholder (as sqldb's own).
type where struct {
	conds []string
	args  []any
}

func newWhere(cond string, args []any) *where {
	w := &where{args: append([]any(nil), args...)}
	if cond != "" {
		w.conds = append(w.conds, cond)
	}
	return w
}

// add appends cond, in which every ? stands for v.
func (w *where) add(cond string, v any) {
	w.args = append(w.args, v)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(w.args))))
}

// keyset adds the condition of a page after (or, before, ahead of)
// article id in a list ordered by a.col DESC, a.id DESC.
func (w *where) keyset(col string, id int64, before bool) {
	if id == 0 {
		return
	}
	op := "<"
	if before {
		op = ">"
	}
	w.add("(a."+col+", a.id) "+op+" (SELECT k."+col+", k.id FROM articles k WHERE k.id = ?)", id)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// page returns "LIMIT $n OFFSET $m" and the arguments of the whole query.
func (w *where) page(limit, offset int) (string, []any) {
	args := make([]any, 0, len(w.args)+2)
	args = append(append(args, w.args...), limit, offset)
	return "LIMIT $" + strconv.Itoa(len(args)-1) + " OFFSET $" + strconv.Itoa(len(args)), args
}
