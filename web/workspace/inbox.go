package workspace

import (
	"net/http"
	"strconv"

	"thidua"
	"thidua/inbox"
	"thidua/web/kit"
)

const (
	tasksPerPage         = 20
	notificationsPerPage = 30
)

// dashboardTasks fills the dashboard's "Việc cần làm" (paginated by ?page=).
func (s *Handler) dashboardTasks(r *http.Request, p *dashboardPage) error {
	if s.Cfg.Inbox == nil {
		return nil
	}
	page, offset := kit.PageOf(r, tasksPerPage)
	tasks, total, err := s.Cfg.Inbox.FindTasks(r.Context(), offset, tasksPerPage)
	if err != nil {
		return err
	}
	p.HasInbox, p.Tasks, p.TaskPager = true, tasks, kit.NewPager(page, tasksPerPage, total, "/app")
	p.Today = thidua.DateOf(s.Now().In(thidua.VietnamZone))
	return nil
}

type notificationsPage struct {
	kit.Page
	Items      []*inbox.Notification
	Pager      kit.Pager
	UnreadOnly bool
}

// HandleNotifications lists the user's notifications, newest first.
func (s *Handler) HandleNotifications(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.Inbox == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.")
	}
	unread := r.URL.Query().Get("chua-doc") == "1"
	page, offset := kit.PageOf(r, notificationsPerPage)
	items, total, err := s.Cfg.Inbox.FindNotifications(r.Context(), unread, offset, notificationsPerPage)
	if err != nil {
		return err
	}
	base := "/app/notifications"
	if unread {
		base += "?chua-doc=1"
	}
	s.Render(w, r, http.StatusOK, "notifications.html", &notificationsPage{Page: kit.Page{Title: "Thông báo", Nav: "notifications"},
		Items: items, Pager: kit.NewPager(page, notificationsPerPage, total, base), UnreadOnly: unread})
	return nil
}

// HandleNotificationRead marks one notification read (id), or all, and
// goes on to the item (open=1) or back to the list.
func (s *Handler) HandleNotificationRead(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.Inbox == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.")
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	var id int64
	if v := f.Values["id"]; v != "" && v != "all" {
		if id, err = strconv.ParseInt(v, 10, 64); err != nil || id <= 0 {
			return thidua.Errorf(thidua.EINVALID, "Mã thông báo không hợp lệ.")
		}
	}
	if err := s.Cfg.Inbox.MarkRead(r.Context(), id); err != nil {
		return err
	}
	to := "/app/notifications"
	if id != 0 && f.Values["open"] == "1" {
		// Only to the notification's own link, never to a typed address.
		items, _, err := s.Cfg.Inbox.FindNotifications(r.Context(), false, 0, 200)
		if err != nil {
			return err
		}
		for _, n := range items {
			if n.ID == id {
				to = n.URL
			}
		}
	} else if id == 0 {
		s.Flash(w, r, "Đã đánh dấu tất cả thông báo là đã đọc.")
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// HandleAccountNotifications turns the user's e-mail on or off.
func (s *Handler) HandleAccountNotifications(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.Inbox == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.")
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	on := f.Values["email"] == "on"
	if err := s.Cfg.Inbox.SetEmailOff(r.Context(), !on); err != nil {
		return err
	}
	if on {
		s.Flash(w, r, "Đã bật thư điện tử thông báo.")
	} else {
		s.Flash(w, r, "Đã tắt thư điện tử thông báo; thông báo vẫn hiện trong trang Thông báo.")
	}
	http.Redirect(w, r, "/app/account", http.StatusSeeOther)
	return nil
}
