package workspace

import (
	"net/http"
	"strconv"

	"thidua"
	"thidua/web/kit"
)

type systemPage struct {
	kit.Page
	Status *thidua.SystemStatus
}

// system returns the system service, or ENOTFOUND when none is set up.
func (s *Handler) system() (thidua.SystemService, error) {
	if s.Cfg.System == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Trang hệ thống chưa được cấu hình trên máy chủ này.")
	}
	return s.Cfg.System, nil
}

// HandleSystem is the administrator's system page: version, database and
// attachments, the last backup, the job queue, free disk, the audit chain.
func (s *Handler) HandleSystem(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.system()
	if err != nil {
		return err
	}
	st, err := sys.SystemStatus(r.Context())
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "system.html", &systemPage{Page: kit.Page{Title: "Hệ thống", Nav: "system"}, Status: st})
	return nil
}

// HandleSystemAudit recomputes the audit chain now.
func (s *Handler) HandleSystemAudit(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.system()
	if err != nil {
		return err
	}
	c, err := sys.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	msg := "Đã kiểm tra nhật ký: chuỗi băm của " + strconv.FormatInt(c.Entries, 10) + " mục khớp."
	if c.Bad != 0 {
		msg = "Nhật ký thao tác KHÔNG toàn vẹn: xem chi tiết trên trang."
	}
	s.Flash(w, r, msg)
	http.Redirect(w, r, "/app/system", http.StatusSeeOther)
	return nil
}

// HandleJobRetry puts a failed job back in the queue.
func (s *Handler) HandleJobRetry(w http.ResponseWriter, r *http.Request) error {
	sys, err := s.system()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := sys.RetryJob(r.Context(), id); err != nil {
		return err
	}
	s.Flash(w, r, "Đã đưa công việc #"+strconv.FormatInt(id, 10)+" trở lại hàng đợi.")
	http.Redirect(w, r, "/app/system", http.StatusSeeOther)
	return nil
}
