package web

import (
	"net/http"
	"net/url"

	"thidua"
)

const auditPerPage = 50

type auditPage struct {
	Page
	Entries []*thidua.AuditEntry
	Form    *Form
	Pager   Pager
	Users   []*thidua.User
}

// auditFilter reads the audit filter from the query string; bad values are
// reported on the form and ignored.
func auditFilter(q url.Values, f *Form) thidua.AuditFilter {
	for _, k := range []string{"entity", "entity_id", "actor", "action", "from", "to"} {
		f.Values[k] = q.Get(k)
	}
	af := thidua.AuditFilter{Entity: q.Get("entity"), Action: q.Get("action")}
	af.EntityID = f.int("entity_id", "Mã đối tượng phải là số.")
	af.ActorID = f.int("actor", "Người thực hiện không hợp lệ.")
	af.From = f.date("from")
	af.To = f.date("to")
	return af
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := newForm()
	af := auditFilter(q, f)
	page, offset := pageOf(r, auditPerPage)
	af.Offset, af.Limit = offset, auditPerPage
	entries, total, err := s.store.FindAuditEntries(r.Context(), af)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// The actor filter lists accounts when the viewer may list them.
	users, _, err := s.store.FindUsers(r.Context(), thidua.UserFilter{})
	if err != nil && thidua.ErrorCode(err) != thidua.EFORBIDDEN {
		s.Error(w, r, err)
		return
	}
	base := url.Values{}
	for k, v := range f.Values {
		if v != "" {
			base.Set(k, v)
		}
	}
	s.render(w, r, http.StatusOK, "audit.html", &auditPage{Page: Page{Title: "Nhật ký thay đổi", Nav: "audit"}, Entries: entries, Form: f,
		Pager: newPager(page, auditPerPage, total, "/app/audit?"+base.Encode()), Users: users})
}
