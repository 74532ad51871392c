package inbox

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"thidua"
	"thidua/news"
)

// Event kinds: what lands in someone's inbox, and the reminders.
const (
	EventRegistrationReturned = "registration_returned"
	EventProposalReturned     = "proposal_returned"
	EventArticleReturned      = "article_returned"
	EventScoreAssigned        = "score_assigned"
	EventMeetingOpened        = "meeting_opened"
	EventDecisionIssued       = "decision_issued"
	// Reminders before deadlines.
	EventRegistrationCloses = "reminder_registration_closes"
	EventScoringEnds        = "reminder_scoring_ends"
	EventProposalDue        = "reminder_proposal_due"
)

// EventKinds lists the events with their Vietnamese labels (the
// notifications page and the e-mail subject).
var EventKinds = []thidua.Option{
	{Code: EventRegistrationReturned, Label: "Đăng ký thi đua bị trả lại"},
	{Code: EventProposalReturned, Label: "Tờ trình bị trả lại"},
	{Code: EventArticleReturned, Label: "Tin bài bị trả lại"},
	{Code: EventScoreAssigned, Label: "Được phân công chấm điểm"},
	{Code: EventMeetingOpened, Label: "Phiên họp Hội đồng mở bỏ phiếu"},
	{Code: EventDecisionIssued, Label: "Quyết định khen thưởng đã ban hành"},
	{Code: EventRegistrationCloses, Label: "Nhắc hạn: đợt thi đua sắp kết thúc"},
	{Code: EventScoringEnds, Label: "Nhắc hạn: chấm điểm"},
	{Code: EventProposalDue, Label: "Nhắc hạn: gửi tờ trình"},
}

// Event is something that happened to an object, to be told to its
// recipients. Storage finds the recipients (Recipients says who).
type Event struct {
	Kind     string
	Entity   string // the audited entity: registration, proposal, …
	EntityID int64
	// Note is the reason given (returned objects) or what the reminder is
	// about.
	Note string
	// Users are recipients named by the change itself (new reviewers).
	Users []int64
	// ActorID made the change; they are not told of their own change.
	ActorID int64
	// Key makes the event unique per recipient: a second recording (a
	// second node, a restart) adds nothing.
	Key string
}

// Notification is an event as one recipient sees it.
type Notification struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"-"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	// Body is the reason or the detail, in Vietnamese.
	Body      string    `json:"body,omitempty"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
	ReadAt    time.Time `json:"read_at,omitzero"`
}

// Read reports whether the notification has been read.
func (n *Notification) Read() bool { return !n.ReadAt.IsZero() }

// Label is the Vietnamese name of the notification's kind.
func (n *Notification) Label() string { return thidua.Label(EventKinds, n.Kind) }

// EventURL is the page an event links to.
func EventURL(kind, entity string, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch entity {
	case "registration":
		return "/app/registrations/" + n
	case "proposal":
		return "/app/proposals/" + n
	case "article":
		return "/app/articles/" + n
	case "meeting":
		return "/app/meetings/" + n + "/vote"
	case "decision":
		return "/app/decisions/" + n
	case "campaign_reviewers":
		return "/app/campaigns/" + n + "/registrations"
	case "campaign":
		return "/app/campaigns/" + n
	}
	return "/app/notifications"
}

// FromAudit returns the event an audit entry records, or nil: every change
// is in the audit log (written in the change's transaction), so reading it
// in order tells every event once, whichever service made the change.
func FromAudit(e *thidua.AuditEntry) *Event {
	var after, before map[string]any
	_ = json.Unmarshal(e.After, &after)
	_ = json.Unmarshal(e.Before, &before)
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return s
	}
	ev := &Event{Entity: e.Entity, EntityID: e.EntityID, ActorID: e.ActorID, Key: "audit:" + strconv.FormatInt(e.ID, 10)}
	switch {
	case e.Entity == "registration" && e.Action == thidua.ActionUpdate && str(after, "state") == thidua.RegReturned:
		ev.Kind, ev.Note = EventRegistrationReturned, str(after, "return_reason")
	case e.Entity == "proposal" && e.Action == thidua.ActionUpdate && str(after, "state") == thidua.ProposalReturned:
		ev.Kind, ev.Note = EventProposalReturned, str(after, "note")
	case e.Entity == "article" && e.Action == thidua.ActionUpdate &&
		str(before, "state") == news.ArticleSubmitted && str(after, "state") == news.ArticleDraft:
		ev.Kind, ev.Note = EventArticleReturned, str(after, "note")
	case e.Entity == "campaign_reviewers" && e.Action == thidua.ActionUpdate:
		var was, now []int64
		_ = json.Unmarshal(e.Before, &was)
		_ = json.Unmarshal(e.After, &now)
		for _, id := range now {
			if !slices.Contains(was, id) {
				ev.Users = append(ev.Users, id)
			}
		}
		if len(ev.Users) == 0 {
			return nil
		}
		ev.Kind = EventScoreAssigned
	case e.Entity == "meeting" && e.Action == thidua.ActionCreate && str(after, "state") == thidua.MeetingOpen:
		ev.Kind = EventMeetingOpened
	case e.Entity == "decision" && e.Action == thidua.ActionUpdate && str(after, "state") == thidua.DecisionIssued:
		ev.Kind, ev.Note = EventDecisionIssued, str(after, "number")
	default:
		return nil
	}
	return ev
}

// ReminderDays is how long before a deadline reminders are sent.
const ReminderDays = 7

// DueSoon reports whether a deadline due falls within ReminderDays of
// today (today itself included, past deadlines excluded).
func DueSoon(due, today thidua.Date) bool {
	if due.IsZero() || due.Before(today) {
		return false
	}
	return !today.Time().AddDate(0, 0, ReminderDays).Before(due.Time())
}

// ReminderKey names a reminder once per deadline and recipient: what the
// reminder is about, its deadline, so a moved deadline reminds again.
func ReminderKey(kind string, id int64, due thidua.Date) string {
	return "reminder:" + kind + ":" + strconv.FormatInt(id, 10) + ":" + due.ISO()
}

// ProposalDue returns the earliest statutory submission window of a
// proposal of kind for the year of achievement with the given awards, or
// the zero date when none applies:
//   - annual commendation (công trạng): by 10/12 of the year (R-HS-06: QĐ 86
//     Điều 6, the provincial window; configurable per province);
//   - Chiến sĩ thi đua toàn quốc: by 31/12 of the following year (R-HS-05:
//     NĐ 98/2023 Điều 32 Khoản 1);
//   - Cờ thi đua của Chính phủ: by 30/6 of the following year (R-HS-05: NĐ
//     98/2023 Điều 32 Khoản 1).
//
// R-HS-04 (central processing times) runs after submission and makes no
// reminder for the proposing unit.
func ProposalDue(kind string, year int, awards []string) thidua.Date {
	var due thidua.Date
	earliest := func(d thidua.Date) {
		if due.IsZero() || d.Before(due) {
			due = d
		}
	}
	if kind == thidua.AwardCongTrang {
		earliest(thidua.NewDate(year, 12, 10))
	}
	if slices.Contains(awards, thidua.TitleCSTDTQ) {
		earliest(thidua.NewDate(year+1, 12, 31))
	}
	if slices.Contains(awards, thidua.TitleCTCP) {
		earliest(thidua.NewDate(year+1, 6, 30))
	}
	return due
}

// EventText returns the notification's title and body for an event of kind
// about name (within context: its campaign, unit or council), with note the
// reason or detail given.
func EventText(kind, name, context, note string) (title, body string) {
	title = thidua.Label(EventKinds, kind) + ": " + name
	switch kind {
	case EventRegistrationReturned:
		body = "Đăng ký của " + name + " trong đợt thi đua “" + context + "” đã bị trả lại. Vui lòng sửa và gửi lại."
	case EventProposalReturned:
		body = "Tờ trình “" + name + "” của " + context + " đã bị trả lại."
	case EventArticleReturned:
		body = "Tin bài “" + name + "” đã bị trả lại cho người viết."
	case EventScoreAssigned:
		body = "Anh/chị được phân công chấm điểm đợt thi đua “" + name + "”."
	case EventMeetingOpened:
		body = context + " đã mở phiên họp “" + name + "”. Anh/chị vui lòng bỏ phiếu."
	case EventDecisionIssued:
		body = "Quyết định “" + name + "” đã được ban hành."
	case EventRegistrationCloses:
		body = "Đợt thi đua “" + context + "” sắp kết thúc: đăng ký của " + name + " còn thiếu."
	case EventScoringEnds:
		body = "Đợt thi đua “" + name + "” sắp hết hạn: anh/chị còn đăng ký chưa chấm điểm."
	case EventProposalDue:
		body = "Tờ trình “" + name + "” của " + context + " sắp hết hạn gửi."
	}
	if note != "" {
		switch kind {
		case EventRegistrationReturned, EventProposalReturned, EventArticleReturned:
			body += "\nLý do: " + note
		case EventDecisionIssued:
			body += "\nSố: " + note
		default:
			body += "\n" + note
		}
	}
	return title, body
}

// MailText returns an e-mail's subject and body for a notification, with
// the absolute link to the item made from baseURL (the workspace's
// address, no trailing slash).
func MailText(n *Notification, recipient, baseURL string) (subject, body string) {
	subject = "[Thi đua – Khen thưởng] " + n.Title
	body = "Kính gửi " + recipient + ",\n\n" + n.Body + "\n\nXem và xử lý tại: " + baseURL + n.URL +
		"\n\nThư này được gửi tự động từ hệ thống quản lý thi đua, khen thưởng. Anh/chị có thể tắt thư thông báo tại " +
		baseURL + "/app/account.\n"
	return subject, body
}

// Mail delivery: attempts and the wait before each retry.
const MailAttempts = 5

// MailBackoff is the wait after the attempt-th failed delivery: 1 minute,
// doubling, at most an hour.
func MailBackoff(attempt int) time.Duration {
	d := time.Minute
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
