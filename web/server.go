// Package web serves thidua over HTTP. It holds the route table (every
// route of the product with its access rule), authentication (sessions,
// API tokens, HTTP Basic), authorization by role, middleware and metrics;
// the faces serve the routes: the workspace pages under /app
// (web/workspace and its sub-packages), the JSON API under /api/v1
// (web/api) and the public portal (web/portal), over the helpers they
// share (web/kit). Organization scope is checked by the storage layer for
// every object.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"thidua"
	"thidua/rules"
	"thidua/web/api"
	"thidua/web/kit"
	"thidua/web/portal"
	"thidua/web/workspace"
	"thidua/web/workspace/articles"
	"thidua/web/workspace/campaigns"
	"thidua/web/workspace/commendation"
	"time"
)

// Server is thidua over HTTP: the route table, authentication and
// authorization, middleware and metrics, and the faces that serve the
// routes.
type Server struct {
	*kit.Base
	mux *http.ServeMux
	met *metrics

	// The key of device cookies (web/auth.go), read once from the database.
	deviceKeyMu  sync.Mutex
	deviceKeyVal []byte

	// The faces, each serving its part of the route table.
	ws           *workspace.Handler
	campaigns    *campaigns.Handler
	commendation *commendation.Handler
	articles     *articles.Handler
	api          *api.Handler
	portal       *portal.Handler
}

// Store is every service the web layer uses; *sqldb.DB implements it.
type Store = kit.Store

// Config holds the web settings.
type Config = kit.Config

// Route describes one registered route, for the mux and for the tests that
// walk every route with every role.
type Route = kit.Route

// Access says who may call a route.
type Access = kit.Access

// Access levels.
const (
	Public   = kit.Public
	SignedIn = kit.SignedIn
)

// Problem is an RFC 9457 problem document.
type Problem = kit.Problem

// New builds the server.
func New(store kit.Store, cfg kit.Config, log *slog.Logger) (*Server, error) {
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
	t, err := kit.ParseTemplates()
	if err != nil {
		return nil, err
	}
	if cfg.Articles == nil {
		return nil, errors.New("web: Config.Articles is required")
	}
	if cfg.Eligibility == nil {
		cfg.Eligibility = rules.NewService(nil, cfg.Province)
	}
	b := &kit.Base{Store: store, Cfg: cfg, Log: log, Tmpl: t, Now: time.Now, Eligibility: cfg.Eligibility}
	s := &Server{Base: b, mux: http.NewServeMux(), met: newMetrics()}
	s.ws, s.campaigns, s.commendation, s.api = workspace.New(b), campaigns.New(b), commendation.New(b), api.New(b)
	s.articles = articles.New(b)
	if s.portal, err = portal.New(b, cfg.Articles); err != nil {
		return nil, err
	}
	b.OnPortalChange = s.portal.InvalidateCache
	for _, rt := range s.routeTable() {
		s.add(rt.method, rt.pattern, rt.access, rt.perm, s.Handle(rt.handler))
	}
	for _, r := range s.Registered {
		s.mux.Handle(r.Method+" "+r.Pattern, s.wrap(r))
	}
	// The catch-all is wrapped like a public page so that a signed-in user's
	// 404 page keeps its navigation.
	s.mux.Handle("/", s.wrap(kit.Route{Access: kit.Public, Handler: s.unrouted}))
	return s, nil
}

// probeMethods are the methods unrouted tries a path with.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unrouted answers a request no route takes: 405 with Allow when a route
// serves the path with other methods (RFC 9110 §15.5.6), 404 otherwise.
func (s *Server) unrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range probeMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		s.NotFound(w, r)
		return
	}
	methods := strings.Join(allow, ", ")
	w.Header().Set("Allow", methods)
	s.Error(w, r, &thidua.Error{Code: "method_not_allowed",
		Message: "Địa chỉ này không nhận phương thức " + r.Method + "; các phương thức được dùng: " + methods + "."})
}

// Routes returns the registered routes.
func (s *Server) Routes() []kit.Route { return append([]kit.Route(nil), s.Registered...) }

func (s *Server) add(method, pattern string, access kit.Access, perm thidua.Permission, h http.HandlerFunc) {
	s.Registered = append(s.Registered, kit.Route{Method: method, Pattern: pattern, Access: access, Perm: perm,
		API: strings.HasPrefix(pattern, "/api/"), Handler: h})
}

// Handler returns the whole HTTP handler with its middleware.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, thidua.Errorf(thidua.EFORBIDDEN, "Yêu cầu bị từ chối vì đến từ một trang khác (bảo vệ CSRF)."))
	}))
	var h http.Handler = s.mux
	h = cop.Handler(h)
	h = compress(h)
	h = s.securityHeaders(h)
	h = s.observe(h)
	h = s.recoverPanic(h)
	return h
}

// wrap applies the route's authentication and authorization.
func (s *Server) wrap(rt kit.Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(thidua.NewContextWithIP(r.Context(), s.clientIP(r)))
		if rt.Access == kit.Public {
			if !rt.API {
				if u := s.sessionUser(r); u != nil {
					r = r.WithContext(thidua.NewContextWithUser(r.Context(), u))
				}
			}
			rt.Handler(w, r)
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
				http.Redirect(w, r, "/login?next="+kit.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.Error(w, r, err)
			return
		}
		if rt.Perm != "" && !u.Can(rt.Perm) {
			s.Error(w, r, thidua.Errorf(thidua.EFORBIDDEN, "Bạn không có quyền truy cập chức năng này."))
			return
		}
		rt.Handler(w, r.WithContext(thidua.NewContextWithUser(r.Context(), u)))
	})
}

// clientIP is the address of the client: with Config.TrustProxy, the last
// X-Forwarded-For entry, which the proxy wrote (the entries before it come
// from the client and could name anyone: the throttling per address would
// count them); otherwise the connection's.
func (s *Server) clientIP(r *http.Request) string {
	if s.Cfg.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if ip := strings.TrimSpace(last[strings.LastIndexByte(last, ',')+1:]); ip != "" {
				return ip
			}
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
		// No page uses a device feature; none may be asked for.
		h.Set("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()")
		if s.HTTPS(r) {
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
				s.Log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.Error(w, r, thidua.Errorf(thidua.EINTERNAL, "Lỗi hệ thống, vui lòng thử lại sau."))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		s.Log.Error("health check", "err", err)
		kit.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "error", "database": "không kết nối được"})
		return nil
	}
	kit.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": "ok", "version": s.Cfg.Version})
	return nil
}
