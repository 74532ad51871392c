// Package campaigns serves the workspace pages of emulation campaigns: the plan, criteria, registrations, evidence, scores and rankings.
package campaigns

import "thidua/web/kit"

// Handler serves the routes of this face; the route table in package web
// names its methods.
type Handler struct {
	*kit.Base
}

// New returns the face's handlers over b.
func New(b *kit.Base) *Handler { return &Handler{Base: b} }
