// Package workspace serves the workspace pages under /app: the dashboard, the organization (units, people, accounts), the audit log, award histories and eligibility, imports, exports and statistics.
package workspace

import "thidua/web/kit"

// Handler serves the routes of this face; the route table in package web
// names its methods.
type Handler struct {
	*kit.Base
}

// New returns the face's handlers over b.
func New(b *kit.Base) *Handler { return &Handler{Base: b} }
