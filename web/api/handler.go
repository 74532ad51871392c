// Package api serves the JSON API under /api/v1 and its OpenAPI document.
package api

import (
	"sync"

	"thidua/web/kit"
)

// Handler serves the routes of this face; the route table in package web
// names its methods.
type Handler struct {
	*kit.Base

	// The OpenAPI document depends only on the route table and the rule
	// set loaded at start: it is built once, on its first request.
	openAPIOnce sync.Once
	openAPIDoc  []byte
}

// New returns the face's handlers over b.
func New(b *kit.Base) *Handler { return &Handler{Base: b} }
