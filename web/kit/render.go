package kit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"thidua"
	"thidua/inbox"

	"thidua/rules"
	"thidua/web/assets"
	"time"
)

// Page is embedded in every page's data.
type Page struct {
	Title string
	User  *thidua.User
	Flash string
	Now   time.Time
	Nav   string
	// Inbox holds the navigation's counts (one query per page).
	Inbox inbox.Counts
}

func (p *Page) page() *Page { return p }

type View interface{ page() *Page }

type Templates struct {
	pages  map[string]*template.Template
	Static map[string]string // name -> content hash
}

func ParseTemplates() (*Templates, error) {
	t := &Templates{pages: map[string]*template.Template{}, Static: map[string]string{}}
	statics, err := fs.ReadDir(assets.FS, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range statics {
		b, err := assets.FS.ReadFile("static/" + e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		t.Static[e.Name()] = hex.EncodeToString(sum[:])[:12]
	}
	funcs := template.FuncMap{
		"static": func(name string) (string, error) {
			h, ok := t.Static[name]
			if !ok {
				return "", fmt.Errorf("web: unknown static file %q", name)
			}
			return "/static/" + h + "/" + name, nil
		},
		"date":       func(d thidua.Date) string { return d.String() },
		"datetime":   thidua.FormatDateTime,
		"join":       strings.Join,
		"longdate":   thidua.FormatLongDate,
		"label":      thidua.Label,
		"roleLabel":  func(r thidua.Role) string { return r.Label() },
		"units":      func() []thidua.Option { return thidua.UnitKinds },
		"genders":    func() []thidua.Option { return thidua.Genders },
		"categories": func() []thidua.Option { return thidua.Categories },
		"statuses":   func() []thidua.Option { return thidua.PersonStatuses },
		"roles":      func() []thidua.Option { return thidua.Roles },
		"actions":    func() []thidua.Option { return thidua.AuditActions },
		"entities":   func() []thidua.Option { return thidua.AuditEntities },
		"can":        func(u *thidua.User, p string) bool { return u.Can(thidua.Permission(p)) },
		"indent":     func(depth int) string { return "d" + strconv.Itoa(min(depth, 8)) },
		"prettyJSON": func(b json.RawMessage) string {
			if len(b) == 0 {
				return ""
			}
			var out bytes.Buffer
			if json.Indent(&out, b, "", "  ") != nil {
				return string(b)
			}
			return out.String()
		},
		"add":              func(a, b int) int { return a + b },
		"campaignStates":   func() []thidua.Option { return thidua.CampaignStates },
		"campaignForms":    func() []thidua.Option { return thidua.CampaignForms },
		"campaignKinds":    func() []thidua.Option { return thidua.CampaignKinds },
		"participantKinds": func() []thidua.Option { return thidua.ParticipantKinds },
		"aggregations":     func() []thidua.Option { return thidua.Aggregations },
		"scorerKinds":      func() []thidua.Option { return thidua.ScorerKinds },
		"regStates":        func() []thidua.Option { return thidua.RegistrationStates },
		"num":              FormatNumber,
		"hasPrefix":        strings.HasPrefix,
		"dossierKinds":     func() []thidua.Option { return thidua.DossierKinds },
		"list":             func(xs ...string) []string { return xs },
		"verdictLabel":     func(v string) string { return thidua.Label(VerdictLabels, v) },
		"verdictShort":     func(v string) string { return thidua.Label(verdictShort, v) },
		"tableAwards":      tableAwards,
		"awardShort":       rules.AwardShort,
		"awardLabel":       rules.AwardLabel,
		"thousands":        func(n int) string { return thidua.FormatThousands(int64(n)) },
		"subjectKinds": func() []thidua.Option {
			return []thidua.Option{{Code: "individual", Label: "cá nhân"}, {Code: "collective", Label: "tập thể"}, {Code: "household", Label: "hộ gia đình"}}
		},
		"ruleFileKinds": func() []thidua.Option {
			return []thidua.Option{{Code: "provinces", Label: "Hồ sơ quy định của tỉnh (provinces/)"}, {Code: "rules", Label: "Tệp quy tắc (rules/)"}, {Code: "base_salary", Label: "Mức lương cơ sở bổ sung (base_salary/)"}}
		},
		"count": func(n int) string { return thidua.FormatThousands(int64(n)) },
		"threshold": func(share float64, compare string) string {
			return thidua.Threshold{Share: share, Compare: compare}.Text()
		},
		"percent": func(f float64) string { return FormatNumber(f*100) + "%" },
		"vnd":     func(n int64) string { return thidua.FormatThousands(n) + " đồng" },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("web: dict needs pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("web: dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"fnum": func(f *float64) string {
			if f == nil {
				return ""
			}
			return FormatNumber(*f)
		},
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i
			}
			return s
		},
		"i64":   func(n int64) string { return strconv.FormatInt(n, 10) },
		"bytes": FormatBytes,
		// Imports, exports and statistics (package workspace).
		"importStates": func() []thidua.Option { return thidua.ImportStates },
		"statsNav":     statsNavHTML,
	}
	for k, f := range commendationFuncs() {
		funcs[k] = f
	}
	pages, err := fs.Glob(assets.FS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		tpl, err := template.New(path.Base(p)).Funcs(funcs).ParseFS(assets.FS, "templates/layout.html", "templates/partials.html", p)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		t.pages[path.Base(p)] = tpl
	}
	return t, nil
}

// Render executes a page into a buffer first, so a template error becomes a
// clean 500 instead of half a page.
func (s *Base) Render(w http.ResponseWriter, r *http.Request, status int, name string, data View) {
	p := data.page()
	if p.User == nil {
		p.User = thidua.UserFromContext(r.Context())
	}
	p.Now = s.Now()
	if s.Cfg.Inbox != nil && p.User != nil {
		c, err := s.Cfg.Inbox.CountInbox(r.Context())
		if err != nil {
			s.Log.Warn("inbox counts", "err", err)
		}
		p.Inbox = c
	}
	if p.Flash == "" {
		p.Flash = s.popFlash(w, r)
	}
	tpl, ok := s.Tmpl.pages[name]
	if !ok {
		s.Log.Error("unknown template", "name", name)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// RenderPart executes one block of a page's templates without the layout:
// an HTML fragment a page fetches to show in place (the same block the
// page draws itself when the fragment is asked for without script).
func (s *Base) RenderPart(w http.ResponseWriter, r *http.Request, page, block string, data any) {
	tpl, ok := s.Tmpl.pages[page]
	var buf bytes.Buffer
	if !ok {
		s.Log.Error("unknown template", "name", page)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	if err := tpl.ExecuteTemplate(&buf, block, data); err != nil {
		s.Log.Error("render", "template", page, "block", block, "err", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

const flashCookie = "thidua_flash"

// Flash stores a one-time message shown on the next page (in a cookie, so
// any node can show it).
func (s *Base) Flash(w http.ResponseWriter, r *http.Request, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: QueryEscape(msg), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.Secure(r), MaxAge: 60})
}

func (s *Base) popFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Secure(r)})
	msg, err := urlUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// Secure reports whether cookies set in answer to r carry the Secure flag:
// always with Config.SecureCookies, else when r came over HTTPS.
func (s *Base) Secure(r *http.Request) bool {
	return s.Cfg.SecureCookies || s.HTTPS(r)
}

// HTTPS reports whether r reached us over HTTPS: TLS here, or, with
// Config.TrustProxy, a proxy that says so in X-Forwarded-Proto (the last
// value, the one the nearest proxy wrote).
func (s *Base) HTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if !s.Cfg.TrustProxy {
		return false
	}
	proto := r.Header.Values("X-Forwarded-Proto")
	if len(proto) == 0 {
		return false
	}
	last := proto[len(proto)-1]
	if i := strings.LastIndexByte(last, ','); i >= 0 {
		last = last[i+1:]
	}
	return strings.EqualFold(strings.TrimSpace(last), "https")
}

// FormatNumber writes a number the Vietnamese way: comma as decimal
// separator, at most two decimals, no trailing zeros ("27,5").
func FormatNumber(f float64) string { return thidua.FormatDecimal(f) }

// FormatBytes writes a size for people: "6,2 MB" (thidua.FormatSize).
func FormatBytes(n int64) string { return thidua.FormatSize(n) }
