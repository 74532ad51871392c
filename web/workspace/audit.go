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
	page, offset, after, before := kit.KeysetOf(r, auditPerPage)
	// Newest first: the next page lies below the last entry (BeforeID),
	// the previous above the first (AfterID).
	af.Offset, af.Limit, af.BeforeID, af.AfterID = offset, auditPerPage, after, before
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
		Pager: kit.NewPager(page, auditPerPage, total, "/app/audit?"+base.Encode()).WithKeys(auditKeys(entries)), Users: users})
	return nil
}

// auditKeys returns the ids of a page's first and last entry (0, 0 for an
// empty page), the keyset of its pager's links.
func auditKeys(es []*thidua.AuditEntry) (int64, int64) {
	if len(es) == 0 {
		return 0, 0
	}
	return es[0].ID, es[len(es)-1].ID
}
