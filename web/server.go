// Package web serves thidua over HTTP: the workspace pages under /app, the
// JSON API under /api/v1, sign-in, health and metrics. Handlers call the
// domain services; authorization is checked for every route by role here
// and by organization scope in the storage layer.
package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"thidua"
)

// Store is every service the web layer uses; *sqldb.DB implements it.
type Store interface {
	thidua.UnitService
	thidua.PersonService
	thidua.UserService
	thidua.AuditService
	thidua.AuthStore
	thidua.CampaignService
	thidua.HistoryService
	thidua.DossierService
	thidua.ProposalService
	thidua.CouncilService
	thidua.DecisionService
	thidua.ImportStore
	thidua.StatsService
	thidua.ArticleService
	Ping(ctx context.Context) error
	// Files is the database-backed file store, used when Config.Files is nil.
	Files() thidua.FileStore
}

// Config holds the web settings.
type Config struct {
	// SecureCookies forces the Secure flag on cookies (always set on TLS requests).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For.
	TrustProxy bool
	// SessionTTL is how long a sign-in lasts.
	SessionTTL time.Duration
	// Version is shown in the footer and /healthz.
	Version string
	// Files keeps uploaded attachments; nil means the database.
	Files thidua.FileStore
	// MaxUpload is the largest accepted attachment in bytes (default 20 MiB).
	MaxUpload int64
	// Reports renders campaign summary reports (PDF, XLSX); nil disables them.
	Reports thidua.CampaignReporter
	// Decisions renders decisions, certificates and council minutes (PDF,
	// XLSX); nil disables those downloads (404).
	Decisions thidua.DecisionRenderer
	// Place is the place name of document date lines ("Hà Nội, ngày …").
	Place string
	// Province is the eligibility rules' province profile ("default").
	Province string
	// PublicURL is the portal's address for absolute links (Open Graph,
	// RSS, sitemap, print view), e.g. "https://vpubnd.example.gov.vn";
	// empty means the address each request came to.
	PublicURL string
	// PortalAgency names the agency publishing the portal; empty means the
	// first agency (cơ quan) of the unit tree.
	PortalAgency string
	// PortalName is the portal's name; empty means "Trang thông tin điện
	// tử " and the agency's name.
	PortalName string
	// Exports encodes list exports and the statistics report; nil
	// disables them.
	Exports thidua.Exporter
	// Jobs is this process's job runner, for live progress and for waking
	// it when an import is queued; nil when no runner runs here.
	Jobs thidua.LiveJobs
}

// Server holds the handlers and their dependencies.
type Server struct {
	store  Store
	cfg    Config
	log    *slog.Logger
	tmpl   *templates
	routes []Route
	mux    *http.ServeMux
	met    *metrics
	now    func() time.Time

	// The faces, each serving its part of the route table.
	ws, campaigns, commendation, api *Server
	portal, articles                 *portal
	// onPortalChange empties the portal's page cache after a change that
	// readers see.
	onPortalChange func()
}

// Access says who may call a route.
type Access int

// Access levels.
const (
	Public   Access = iota // anyone
	SignedIn               // any signed-in user, or one holding Route.Perm
)

// Route describes one registered route, for the mux and for the tests that
// walk every route with every role.
type Route struct {
	Method  string
	Pattern string
	Access  Access
	// Perm is the permission needed on top of being signed in ("" = none).
	Perm thidua.Permission
	// API routes authenticate with a token or HTTP Basic and answer JSON.
	API     bool
	handler http.HandlerFunc
}

// New builds the server.
func New(store Store, cfg Config, log *slog.Logger) (*Server, error) {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if log == nil {
		log = slog.Default()
	}
	if cfg.Files == nil {
		cfg.Files = store.Files()
	}
	if cfg.MaxUpload == 0 {
		cfg.MaxUpload = 20 << 20
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, cfg: cfg, log: log, tmpl: t, mux: http.NewServeMux(), met: newMetrics(), now: time.Now}
	s.ws, s.campaigns, s.commendation, s.api = s, s, s, s
	if s.portal, err = newPortal(s, store); err != nil {
		return nil, err
	}
	s.articles = s.portal
	s.onPortalChange = s.portal.cache.invalidate
	for _, rt := range s.routeTable() {
		s.add(rt.method, rt.pattern, rt.access, rt.perm, rt.handler)
	}
	for _, r := range s.routes {
		s.mux.Handle(r.Method+" "+r.Pattern, s.wrap(r))
	}
	// The catch-all is wrapped like a public page so that a signed-in user's
	// 404 page keeps its navigation.
	s.mux.Handle("/", s.wrap(Route{Access: Public, handler: s.notFound}))
	return s, nil
}

// Routes returns the registered routes.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

func (s *Server) add(method, pattern string, access Access, perm thidua.Permission, h http.HandlerFunc) {
	s.routes = append(s.routes, Route{Method: method, Pattern: pattern, Access: access, Perm: perm,
		API: strings.HasPrefix(pattern, "/api/"), handler: h})
}

// Handler returns the whole HTTP handler with its middleware.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, thidua.Errorf(thidua.EFORBIDDEN, "Yêu cầu bị từ chối vì đến từ một trang khác (bảo vệ CSRF)."))
	}))
	var h http.Handler = s.mux
	h = cop.Handler(h)
	h = s.securityHeaders(h)
	h = s.observe(h)
	h = s.recoverPanic(h)
	return h
}

// wrap applies the route's authentication and authorization.
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(thidua.NewContextWithIP(r.Context(), s.clientIP(r)))
		if rt.Access == Public {
			if !rt.API {
				if u := s.sessionUser(r); u != nil {
					r = r.WithContext(thidua.NewContextWithUser(r.Context(), u))
				}
			}
			rt.handler(w, r)
			return
		}
		var u *thidua.User
		var err error
		if rt.API {
			u, err = s.apiUser(r)
		} else {
			u = s.sessionUser(r)
			if u == nil {
				err = thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập để tiếp tục.")
			}
		}
		if err != nil {
			if !rt.API && r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.Error(w, r, err)
			return
		}
		if rt.Perm != "" && !u.Can(rt.Perm) {
			s.Error(w, r, thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền truy cập chức năng này."))
			return
		}
		rt.handler(w, r.WithContext(thidua.NewContextWithUser(r.Context(), u)))
	})
}

func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			return strings.TrimSpace(strings.Split(xff, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.Error(w, r, thidua.Errorf(thidua.EINTERNAL, "Lỗi hệ thống, vui lòng thử lại sau."))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "error", "database": "không kết nối được"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": "ok", "version": s.cfg.Version})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu."))
}
