package kit

import (
	"net/url"
	"thidua"
)

// AuditFilter reads the audit filter from the query string; bad values are
// reported on the form and ignored.
func AuditFilter(q url.Values, f *Form) thidua.AuditFilter {
	for _, k := range []string{"entity", "entity_id", "actor", "action", "from", "to"} {
		f.Values[k] = q.Get(k)
	}
	af := thidua.AuditFilter{Entity: q.Get("entity"), Action: q.Get("action")}
	af.EntityID = f.Int("entity_id", "Mã đối tượng phải là số.")
	af.ActorID = f.Int("actor", "Người thực hiện không hợp lệ.")
	af.From = f.Date("from")
	af.To = f.Date("to")
	return af
}
