package kit

import "net/http"

// HandlerFunc is a route handler that returns its error instead of
// answering it: Base.Handle answers a returned error with Error (the error
// page, or problem+json under /api/), so that every failure path of a
// handler reads `return err`. A handler that has answered returns nil.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h to an http.HandlerFunc.
func (b *Base) Handle(h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			b.Error(w, r, err)
		}
	}
}
