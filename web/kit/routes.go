package kit

import (
	"context"
	"net/http"
	"thidua"
	"thidua/central"
	"thidua/cluster"
	"thidua/inbox"
	"thidua/ladder"
	"thidua/news"
	"thidua/rules"
	"thidua/signing"
	"thidua/statforms"
	"time"
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
	rules.TableStore
	rules.ForecastStore
	Ping(ctx context.Context) error
	// Files is the database-backed file store, used when Config.Files is nil.
	Files() thidua.FileStore
}

// Config holds the web settings.
type Config struct {
	// SecureCookies forces the Secure flag on cookies (always set on TLS requests).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For and the
	// scheme (for HSTS and Secure cookies) from X-Forwarded-Proto.
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
	// Province is the eligibility rules' province profile ("default");
	// it is used when Eligibility is nil.
	Province string
	// Eligibility is the eligibility service; nil means the embedded rule
	// set under Province.
	Eligibility Eligibility
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
	// System serves the administrator's system page; nil disables it (404).
	System thidua.SystemService
	// StatForms fills the statutory statistics forms and FormRenderer
	// writes them as XLSX and PDF; nil leaves the forms out (404).
	StatForms    statforms.Service
	FormRenderer statforms.Renderer
	// Inbox answers "Việc cần làm" and notifications for the signed-in
	// user; nil leaves them out (no counts, the pages answer 404).
	Inbox inbox.Service
	// Central keeps public comment and central decisions on proposals for
	// awards decided at the centre; nil leaves them out (404).
	Central central.Service
	// CentralDocs writes the generated documents of the dossier for the
	// Ministry of Home Affairs; nil leaves them out of the ZIP.
	CentralDocs central.Renderer
	// Clusters keeps the province's emulation clusters and blocs (cụm,
	// khối thi đua); nil leaves them out (the pages and API answer 404).
	Clusters cluster.Service
	// Signing signs decisions and checks the signatures of uploaded PDFs;
	// nil leaves digital signatures out (the pages answer 404).
	Signing signing.Service
	// Ladder climbs the ladder of authorities (forwarding proposals up a
	// level, each level's decision settings); nil: those routes answer 404.
	Ladder ladder.Service
	// SitemapMax is the most addresses per sitemap; past it /sitemap.xml
	// is a sitemap index (0: 50,000, the protocol's limit).
	SitemapMax int
	// Articles keeps the portal's articles and categories
	// (sqldb/articles); required.
	Articles news.ArticleService
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
	Handler http.HandlerFunc
}
