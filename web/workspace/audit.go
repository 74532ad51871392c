package workspace

import (
	"net/http"
	"net/url"
	"thidua"
	"thidua/web/kit"
)

const auditPerPage = 50

type auditPage struct {
	kit.Page
	Entries []*thidua.AuditEntry
	Form    *kit.Form
	Pager   kit.Pager
	Users   []*thidua.User
}

func (s *Handler) HandleAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := kit.NewForm()
	af := kit.AuditFilter(q, f)
	page, offset := kit.PageOf(r, auditPerPage)
	af.Offset, af.Limit = offset, auditPerPage
	entries, total, err := s.Store.FindAuditEntries(r.Context(), af)
	if err != nil {
		return err
	}
	// The actor filter lists accounts when the viewer may list them.
	users, _, err := s.Store.FindUsers(r.Context(), thidua.UserFilter{})
	if err != nil && thidua.ErrorCode(err) != thidua.EFORBIDDEN {
		return err
	}
	base := url.Values{}
	for k, v := range f.Values {
		if v != "" {
			base.Set(k, v)
		}
	}
	s.Render(w, r, http.StatusOK, "audit.html", &auditPage{Page: kit.Page{Title: "Nhật ký thay đổi", Nav: "audit"}, Entries: entries, Form: f,
		Pager: kit.NewPager(page, auditPerPage, total, "/app/audit?"+base.Encode()), Users: users})
	return nil
}
