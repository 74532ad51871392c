// Package api serves the JSON API under /api/v1 and its OpenAPI document.
package api

import "thidua/web/kit"

// Handler serves the routes of this face; the route table in package web
// names its methods.
type Handler struct {
	*kit.Base
}

// New returns the face's handlers over b.
func New(b *kit.Base) *Handler { return &Handler{Base: b} }
