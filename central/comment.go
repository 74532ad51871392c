package central

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"thidua"
)

// Comment states: held until an officer approves or rejects it.
const (
	CommentPending  = "PENDING"
	CommentApproved = "APPROVED"
	CommentRejected = "REJECTED"
)

// CommentStates lists the states with their labels.
var CommentStates = []thidua.Option{
	{Code: CommentPending, Label: "Chờ xem xét"},
	{Code: CommentApproved, Label: "Đã chấp nhận"},
	{Code: CommentRejected, Label: "Không chấp nhận"},
}

// Limits of the public form.
const (
	// MinFormAge is how long a form must have been open before it is sent:
	// a person types; a script posting at once is refused.
	MinFormAge = 5 * time.Second
	// MaxFormAge is how long a form stays valid.
	MaxFormAge = 2 * time.Hour
	// RateLimit comments per client within RateWindow.
	RateLimit  = 5
	RateWindow = time.Hour
	// MaxWindowDays is the longest a window may stay open.
	MaxWindowDays = 90
	// SummaryRunes is the length of a nominee's short summary on the portal.
	SummaryRunes = 600
)

// Window is the period in which a proposal's nominees are published on the
// portal for citizens' comments: from Starts to Ends, both included, in
// Vietnam's time. The page closes by itself after Ends.
type Window struct {
	ProposalID int64       `json:"proposal_id"`
	Starts     thidua.Date `json:"starts"`
	Ends       thidua.Date `json:"ends"`
	Version    int         `json:"version"`
	OpenedBy   string      `json:"opened_by"`
	UpdatedAt  time.Time   `json:"updated_at"`

	// Read with the window.
	Title    string      `json:"title"`
	UnitName string      `json:"unit_name"`
	Nominees []Published `json:"nominees"`
	// Approved, Pending and Rejected count the comments by state.
	Approved int `json:"approved"`
	Pending  int `json:"pending"`
	Rejected int `json:"rejected"`
}

// Published is a nominee as the portal shows it.
type Published struct {
	NomineeID int64  `json:"nominee_id"`
	Name      string `json:"name"`
	UnitName  string `json:"unit_name"`
	Award     string `json:"award"`
	Summary   string `json:"summary"`
}

// OpenOn reports whether the window takes comments on day d.
func (w *Window) OpenOn(d thidua.Date) bool {
	return !w.Starts.IsZero() && !d.Before(w.Starts) && !w.Ends.Before(d)
}

// ClosedOn reports whether the window has ended before day d.
func (w *Window) ClosedOn(d thidua.Date) bool { return !w.Ends.IsZero() && w.Ends.Before(d) }

// Validate checks the window's dates against today.
func (w *Window) Validate(today thidua.Date) error {
	var v thidua.Validation
	if w.Starts.IsZero() {
		v.Add("starts", "Vui lòng nhập ngày bắt đầu công khai.")
	}
	if w.Ends.IsZero() {
		v.Add("ends", "Vui lòng nhập ngày kết thúc công khai.")
	}
	if !w.Starts.IsZero() && !w.Ends.IsZero() {
		switch {
		case w.Ends.Before(w.Starts):
			v.Add("ends", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
		case w.Ends.Time().Sub(w.Starts.Time()) > MaxWindowDays*24*time.Hour:
			v.Add("ends", fmt.Sprintf("Thời gian công khai không quá %d ngày.", MaxWindowDays))
		case w.Ends.Before(today):
			v.Add("ends", "Ngày kết thúc đã qua: vui lòng chọn ngày từ hôm nay ("+today.String()+") trở đi.")
		}
	}
	return v.Err()
}

// Summary is the sentence the dossier carries: "Đã công khai từ 01/12/2026
// đến 15/12/2026, nhận được 3 ý kiến." N counts the approved comments.
func (w *Window) Summary() string {
	return fmt.Sprintf("Đã công khai từ %s đến %s, nhận được %s ý kiến.", w.Starts.String(), w.Ends.String(), thidua.FormatThousands(int64(w.Approved)))
}

// ShortSummary is the part of an achievement report the portal shows: the
// achievements (or the summary when there are none), cut at a word near
// SummaryRunes characters.
func ShortSummary(r thidua.AchievementReport) string {
	s := strings.Join(strings.Fields(r.Achievements), " ")
	if s == "" {
		s = strings.Join(strings.Fields(r.Summary), " ")
	}
	if utf8.RuneCountInString(s) <= SummaryRunes {
		return s
	}
	cut := string([]rune(s)[:SummaryRunes])
	if i := strings.LastIndex(cut, " "); i > SummaryRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// Comment is a citizen's comment on a published proposal, on one nominee
// or (NomineeID 0) on the list as a whole.
type Comment struct {
	ID          int64     `json:"id"`
	ProposalID  int64     `json:"proposal_id"`
	NomineeID   int64     `json:"nominee_id,omitempty"`
	Name        string    `json:"name"`
	Contact     string    `json:"contact"`
	Text        string    `json:"text"`
	State       string    `json:"state"`
	Note        string    `json:"note,omitempty"` // the officer's, on moderation
	CreatedAt   time.Time `json:"created_at"`
	ModeratedBy string    `json:"moderated_by,omitempty"`
	ModeratedAt time.Time `json:"moderated_at,omitzero"`
	NomineeName string    `json:"nominee_name,omitempty"`
}

// Normalize cleans the comment's text.
func (c *Comment) Normalize() {
	c.Name = thidua.NormalizeText(c.Name)
	c.Contact = thidua.NormalizeText(c.Contact)
	c.Text = strings.TrimSpace(strings.ReplaceAll(c.Text, "\r\n", "\n"))
}

// Validate checks what a citizen typed.
func (c *Comment) Validate() error {
	var v thidua.Validation
	thidua.CheckLen(&v, "name", "Họ và tên", c.Name, true, 100)
	thidua.CheckLen(&v, "contact", "Địa chỉ liên hệ (điện thoại hoặc thư điện tử)", c.Contact, true, 200)
	thidua.CheckLen(&v, "text", "Nội dung ý kiến", c.Text, true, 5000)
	if c.Text != "" && utf8.RuneCountInString(c.Text) < 10 {
		v.Add("text", "Nội dung ý kiến cần ít nhất 10 ký tự.")
	}
	for _, f := range []struct{ key, s string }{{"name", c.Name}, {"contact", c.Contact}, {"text", c.Text}} {
		if _, err := thidua.CheckInput(f.key, f.s); err != nil {
			for k, msg := range thidua.ErrorFields(err) {
				v.Add(k, msg)
			}
		}
	}
	return v.Err()
}

// CheckModeration checks an officer's decision on a comment.
func CheckModeration(state, note string) error {
	var v thidua.Validation
	if state != CommentApproved && state != CommentRejected {
		v.Add("state", "Vui lòng chọn chấp nhận hoặc không chấp nhận ý kiến.")
	}
	if state == CommentRejected && strings.TrimSpace(note) == "" {
		v.Add("note", "Vui lòng nêu lý do không chấp nhận ý kiến.")
	}
	thidua.CheckLen(&v, "note", "Ghi chú", note, false, 2000)
	return v.Err()
}

// FormToken signs the time a comment form was served for a proposal:
// "unix-seconds.hex-mac". It needs no storage, and every node that shares
// key accepts it.
func FormToken(key []byte, proposalID int64, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	return ts + "." + formMAC(key, proposalID, ts)
}

func formMAC(key []byte, proposalID int64, ts string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "public-comment|%d|%s", proposalID, ts)
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// ErrForm is the answer to a form sent too fast, too late, with a forged
// token or with the honeypot field filled.
func ErrForm() error {
	return thidua.Errorf(thidua.EINVALID, "Không gửi được ý kiến: biểu mẫu đã hết hạn hoặc được gửi quá nhanh. Vui lòng kiểm tra nội dung rồi bấm gửi lại.")
}

// CheckFormToken accepts a token FormToken made for the proposal at least
// MinFormAge and at most MaxFormAge before now.
func CheckFormToken(key []byte, token string, proposalID int64, now time.Time) error {
	ts, mac, ok := strings.Cut(token, ".")
	if !ok {
		return ErrForm()
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || !hmac.Equal([]byte(mac), []byte(formMAC(key, proposalID, ts))) {
		return ErrForm()
	}
	age := now.Sub(time.Unix(sec, 0))
	if age < MinFormAge || age > MaxFormAge {
		return ErrForm()
	}
	return nil
}

// ClientKey is what rate limiting counts a client by: a keyed hash of its
// address, so that no address is stored.
func ClientKey(key []byte, addr string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "client|%s", addr)
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// ErrRateLimited is the answer to a client that sent RateLimit comments
// within RateWindow.
func ErrRateLimited() error {
	return thidua.Errorf(thidua.EINVALID, "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau một giờ.")
}

// CommentFilter selects a proposal's comments.
type CommentFilter struct {
	ProposalID int64
	State      string
	Offset     int
	Limit      int
}

// Service keeps public-comment windows, comments and central decisions.
// Officers' methods need the proposal in scope (ENOTFOUND otherwise) and
// the campaign-management right on its unit (EFORBIDDEN); the public ones
// (FindPublicWindow, FindOpenWindows, AddComment) need no account.
type Service interface {
	// FindWindow returns a proposal's window with its counts; ENOTFOUND
	// when none was opened.
	FindWindow(ctx context.Context, proposalID int64) (*Window, error)
	// SetWindow opens or moves a proposal's window (Version 0 for a new
	// one); EINVALID when no nominee's award needs public comment.
	SetWindow(ctx context.Context, w *Window) error
	// FindOpenWindows lists the windows open today, for the portal.
	FindOpenWindows(ctx context.Context, today thidua.Date, offset, limit int) ([]*Window, int, error)
	// FindPublicWindow returns a window that has started by today, with its
	// published nominees (none once it has closed); ENOTFOUND otherwise.
	FindPublicWindow(ctx context.Context, proposalID int64, today thidua.Date) (*Window, error)
	// AddComment stores a citizen's comment while the window is open,
	// pending moderation; client is the ClientKey of its sender.
	AddComment(ctx context.Context, c *Comment, client string) error
	// FindComments lists a proposal's comments, newest first.
	FindComments(ctx context.Context, f CommentFilter) ([]*Comment, int, error)
	// ModerateComment approves or rejects a comment.
	ModerateComment(ctx context.Context, id int64, state, note string) (*Comment, error)
	// FormKey is the secret of form tokens and client keys, shared by
	// every node.
	FormKey(ctx context.Context) ([]byte, error)
	// RecordDecision records the central decision on some or all of a
	// proposal's nominees and adds the award to each one's history.
	RecordDecision(ctx context.Context, d *Decision) error
	// LowerMeetings returns the records of the lower levels' council
	// meetings that passed the nominees a forwarded proposal carries
	// (R-HS-01/02: their minutes and vote counts go into the dossier),
	// lowest level first; none for a proposal made at its own level. The
	// caller must see the proposal (ENOTFOUND otherwise); the lower
	// meetings themselves are read for the dossier only, beyond the
	// caller's scope. Agency and Place are left for the caller to fill.
	LowerMeetings(ctx context.Context, proposalID int64) ([]*thidua.MeetingRecord, error)
	// ProposalMeetings returns the closed council meetings the user sees
	// whose agenda holds one of p's nominees, oldest first.
	ProposalMeetings(ctx context.Context, p *thidua.Proposal) ([]int64, error)
	// FindDecisions lists a proposal's central decisions.
	FindDecisions(ctx context.Context, proposalID int64) ([]*Decision, error)
}
