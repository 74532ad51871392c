// Package kit holds what the faces of the web share: Base (the store,
// settings, templates, clock and eligibility service), the error-returning
// handler type, errors as pages or problem+json, page rendering, forms and
// path IDs, uploads and downloads.
package kit

import (
	"log/slog"
	"time"
)

// Base is what the handlers of every face share: the store, the settings,
// the logger, the workspace templates and the clock. Each face's Handler
// embeds it.
type Base struct {
	Store Store
	Cfg   Config
	Log   *slog.Logger
	Tmpl  *Templates
	Now   func() time.Time
	// Eligibility judges stored histories (Config.Eligibility).
	Eligibility Eligibility
	// Registered is the route table as registered, for the OpenAPI document.
	Registered []Route
	// OnPortalChange empties the portal's page cache after a change that
	// readers see.
	OnPortalChange func()
}
