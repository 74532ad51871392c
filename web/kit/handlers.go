package kit

import (
	"context"
	"net/http"
)

// FindByID finds the record named by the {id} path segment; a malformed ID
// is not found.
func FindByID[T any](r *http.Request, find func(context.Context, int64) (T, error)) (T, error) {
	id, err := PathID(r)
	if err != nil {
		var zero T
		return zero, err
	}
	return find(r.Context(), id)
}

// FormFailed answers a form post that failed with err: a validation or
// conflict error is copied into f and the page built by page is re-rendered
// as name with formStatus(err); any other error, or one building the page,
// becomes the error page.
func (s *Base) FormFailed(w http.ResponseWriter, r *http.Request, f *Form, err error, name string, page func() (View, error)) {
	if !f.SetErr(err) {
		s.Error(w, r, err)
		return
	}
	p, perr := page()
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	s.Render(w, r, FormStatus(err), name, p)
}
