// Package inbox is the domain of "Việc cần làm" and of notifications: what
// waits for each person (tasks), derived from the state of registrations,
// proposals, meetings, decisions and articles; the events recorded for their
// recipients (returned with a reason, assigned to score, meeting opened,
// decision issued, article returned) and the reminders before deadlines;
// and the e-mail made of them. Which state makes which task, which change
// makes which event and when a reminder falls due are written here once;
// storage (sqldb/inbox) runs the queries and the job runner sends the mail.
package inbox

import (
	"context"
	"slices"
	"strconv"

	"thidua"
)

// Task kinds. Each is one state of one object that waits for someone.
const (
	// KindRegistrationReview: a submitted registration waits for the
	// launching office's approval (officer: PermManageCampaigns on the
	// campaign's unit).
	KindRegistrationReview = "registration_review"
	// KindRegistrationReturned: a registration was returned with a reason
	// (unit head of its unit, or the person registered).
	KindRegistrationReturned = "registration_returned"
	// KindEvidenceMissing: a registration has no evidence while reporting
	// is open (the participant side, thidua.User.ActsFor).
	KindEvidenceMissing = "evidence_missing"
	// KindSelfScoreMissing: an approved registration has no self-assessment
	// while self scores may be entered.
	KindSelfScoreMissing = "self_score_missing"
	// KindScoreAssigned: a council member assigned to score a campaign being
	// evaluated has not scored an approved registration.
	KindScoreAssigned = "score_assigned"
	// KindMeetingVote: a meeting is open for the member's vote and they
	// have not voted.
	KindMeetingVote = "meeting_vote"
	// KindMeetingClose: an open meeting waits to be closed (its secretary,
	// or an officer over the council's unit).
	KindMeetingClose = "meeting_close"
	// KindProposalReceive: a submitted proposal waits to be received.
	KindProposalReceive = "proposal_receive"
	// KindProposalAppraise: a received proposal waits for its appraisal.
	KindProposalAppraise = "proposal_appraise"
	// KindProposalReturned: a proposal was returned to its unit.
	KindProposalReturned = "proposal_returned"
	// KindDecisionIssue: a drafted decision waits to be issued.
	KindDecisionIssue = "decision_issue"
	// KindArticleReview: an article waits for approval by someone other
	// than its writer and last editor.
	KindArticleReview = "article_review"
	// KindArticleReturned: an article was returned to its writer.
	KindArticleReturned = "article_returned"
)

// Kinds lists the task kinds with their Vietnamese labels, in the order the
// inbox shows them; the API documents the same list.
var Kinds = []thidua.Option{
	{Code: KindRegistrationReturned, Label: "Đăng ký bị trả lại, cần sửa và gửi lại"},
	{Code: KindProposalReturned, Label: "Tờ trình bị trả lại"},
	{Code: KindArticleReturned, Label: "Tin bài bị trả lại"},
	{Code: KindMeetingVote, Label: "Phiên họp chờ bỏ phiếu"},
	{Code: KindScoreAssigned, Label: "Đăng ký được phân công chấm điểm"},
	{Code: KindEvidenceMissing, Label: "Chưa nộp minh chứng"},
	{Code: KindSelfScoreMissing, Label: "Chưa tự chấm điểm"},
	{Code: KindRegistrationReview, Label: "Đăng ký chờ duyệt"},
	{Code: KindProposalReceive, Label: "Tờ trình chờ tiếp nhận"},
	{Code: KindProposalAppraise, Label: "Tờ trình chờ thẩm định"},
	{Code: KindMeetingClose, Label: "Phiên họp chờ kết thúc"},
	{Code: KindDecisionIssue, Label: "Quyết định chờ ban hành"},
	{Code: KindArticleReview, Label: "Tin bài chờ duyệt"},
}

// The states that make tasks. Storage selects by them; the pages' action
// windows (thidua.Campaign.ReportingOpen, ScoringOpen) say the same.
var (
	// ReviewStates: registrations the launching office approves or returns.
	ReviewStates = []string{thidua.RegSubmitted}
	// ReportingRegStates and ReportingCampaignStates: registrations that
	// may still receive evidence (thidua.CheckAddEvidence: not returned,
	// the campaign launched or in progress).
	ReportingRegStates      = []string{thidua.RegSubmitted, thidua.RegApproved}
	ReportingCampaignStates = []string{thidua.CampaignLaunched, thidua.CampaignInProgress}
	// SelfScoreCampaignStates: campaigns taking self scores
	// (thidua.Campaign.ScoringOpen(thidua.ScoreSelf)).
	SelfScoreCampaignStates = []string{thidua.CampaignInProgress, thidua.CampaignEvaluating}
)

// ParticipantTasks returns the kinds a registration in regState of a
// campaign in campState makes for its participant side (the unit head over
// its unit, or the person registered), given whether it has evidence and a
// self score. Storage selects the same rows in SQL; its tests check both
// agree.
func ParticipantTasks(regState, campState string, hasEvidence, hasSelfScore bool) []string {
	var out []string
	if regState == thidua.RegReturned {
		out = append(out, KindRegistrationReturned)
	}
	if !hasEvidence && slices.Contains(ReportingRegStates, regState) && slices.Contains(ReportingCampaignStates, campState) {
		out = append(out, KindEvidenceMissing)
	}
	if !hasSelfScore && regState == thidua.RegApproved && slices.Contains(SelfScoreCampaignStates, campState) {
		out = append(out, KindSelfScoreMissing)
	}
	return out
}

// TaskTitle is the line the inbox shows for a task on the object name
// within context (its campaign, unit or council).
func TaskTitle(kind, name, context string) string {
	label := thidua.Label(Kinds, kind)
	s := label + ": " + name
	if context != "" {
		s += " — " + context
	}
	return s
}

// KindCodes returns the task kinds' codes (the API's enum).
func KindCodes() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = k.Code
	}
	return out
}

// Rank is the position of kind in Kinds: things returned to the reader
// first, then what others wait for.
func Rank(kind string) int {
	for i, k := range Kinds {
		if k.Code == kind {
			return i
		}
	}
	return len(Kinds)
}

// Task is one thing waiting for the signed-in user.
type Task struct {
	Kind string `json:"kind"`
	// Title says what waits, in Vietnamese ("Đăng ký: Nguyễn Văn A").
	Title string `json:"title"`
	// URL is the workspace page that resolves the task.
	URL string `json:"url"`
	// Due is the deadline, when there is one.
	Due        thidua.Date `json:"-"`
	CampaignID int64       `json:"campaign_id,omitempty"`
	// Note is the reason given when the object was returned.
	Note string `json:"note,omitempty"`
	// RefID is the object's ID (registration, proposal, meeting, …).
	RefID int64 `json:"ref_id"`
}

// Label is the Vietnamese name of the task's kind.
func (t *Task) Label() string { return thidua.Label(Kinds, t.Kind) }

// Overdue reports whether the task's deadline has passed on today.
func (t *Task) Overdue(today thidua.Date) bool {
	return !t.Due.IsZero() && t.Due.Before(today)
}

// TaskURL is the page that resolves a task of kind on the object id.
func TaskURL(kind string, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch kind {
	case KindRegistrationReview, KindRegistrationReturned, KindEvidenceMissing, KindSelfScoreMissing, KindScoreAssigned:
		return "/app/registrations/" + n
	case KindMeetingVote:
		return "/app/meetings/" + n + "/vote"
	case KindMeetingClose:
		return "/app/meetings/" + n
	case KindProposalReceive, KindProposalAppraise, KindProposalReturned:
		return "/app/proposals/" + n
	case KindDecisionIssue:
		return "/app/decisions/" + n
	case KindArticleReview, KindArticleReturned:
		return "/app/articles/" + n
	}
	return "/app"
}

// Counts are the figures of the navigation: tasks waiting and unread
// notifications.
type Counts struct {
	Tasks  int `json:"tasks"`
	Unread int `json:"unread"`
}

// Service answers for the signed-in user (the context's user) only.
type Service interface {
	// FindTasks returns the user's tasks, ordered by Rank then due date,
	// and their total.
	FindTasks(ctx context.Context, offset, limit int) ([]*Task, int, error)
	// CountInbox counts the user's tasks and unread notifications in one
	// query (every page shows them).
	CountInbox(ctx context.Context) (Counts, error)
	// FindNotifications returns the user's notifications, newest first;
	// unreadOnly keeps the unread ones.
	FindNotifications(ctx context.Context, unreadOnly bool, offset, limit int) ([]*Notification, int, error)
	// MarkRead marks the user's notification id read (0: all of them);
	// ENOTFOUND for someone else's.
	MarkRead(ctx context.Context, id int64) error
	// EmailOff reports whether the user turned e-mail off.
	EmailOff(ctx context.Context) (bool, error)
	// SetEmailOff turns the user's e-mail off or on (audited).
	SetEmailOff(ctx context.Context, off bool) error
}
