package news

import (
	"strings"
	"thidua"
	"time"
)

// This file holds the rules of the article workflow (ArticleTransitions):
// who may edit an article, who may take which step, the four-eyes rule of
// publishing, the publication time and the reasons a step needs. Storage
// calls these functions to refuse a change and the editor's pages call
// the same functions to decide which buttons to draw.
//
// Where a function takes a user, nil stands for the system itself (the demo
// loader, imports), which storage lets act without permission checks.

// CanEdit reports whether u may change the content of a: writers edit
// drafts, submitted and unpublished articles; a published article only
// those who may publish. A nil user is the system.
func (a *Article) CanEdit(u *thidua.User) bool {
	return a.State != ArticlePublished || u == nil || u.Can(thidua.PermPublishArticles)
}

// CheckEdit returns why u may not change the content of a, or nil (CanEdit).
func (a *Article) CheckEdit(u *thidua.User) error {
	if !a.CanEdit(u) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Tin bài đã được duyệt: chỉ người có quyền duyệt mới sửa được. Hãy đề nghị gỡ bài để sửa.")
	}
	return nil
}

// Allows reports whether u may take the step: publishing steps need
// PermPublishArticles, the others PermWriteArticles. A nil user is the
// system.
func (t ArticleTransition) Allows(u *thidua.User) bool {
	if u == nil {
		return true
	}
	if t.Publisher {
		return u.Can(thidua.PermPublishArticles)
	}
	return u.Can(thidua.PermWriteArticles)
}

// CheckPublisher returns why u may not take a publishing step t, or nil.
// Storage checks PermWriteArticles on its own, before anything else.
func (t ArticleTransition) CheckPublisher(u *thidua.User) error {
	if t.Publisher && u != nil && !u.Can(thidua.PermPublishArticles) {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ người có quyền duyệt tin bài mới được “%s”.", strings.ToLower(t.Label))
	}
	return nil
}

// CanApprove reports whether u may approve (publish) a under the four-eyes
// rule: nobody approves an article they wrote or edited last. A nil user
// is the system.
func (a *Article) CanApprove(u *thidua.User) bool {
	return u == nil || (u.ID != a.AuthorID && u.ID != a.EditorID)
}

// ArticleStep is what a workflow step writes to an article besides its
// new state.
type ArticleStep struct {
	// PublishedAt is the publication time to store (zero: none).
	PublishedAt time.Time
	// Approve is true when the actor becomes the article's approver.
	Approve bool
	// Note is the note to store: the reason of a return.
	Note string
}

// MaxArticleNote is the longest note, in characters.
const MaxArticleNote = 1000

// Step applies the rules of the step t, taken on a by u at now (the
// database's time), with opts: the four-eyes rule and the publication
// time of "publish", the reason a "return" needs and the note each step
// keeps. system tells whether the step is taken for the system (the demo
// loader, imports), which alone may publish at a past time. The
// permission to take t is checked apart (Allows, CheckPublisher).
func (a *Article) Step(u *thidua.User, t ArticleTransition, opts ArticleTransitionOptions, now time.Time, system bool) (ArticleStep, error) {
	st := ArticleStep{PublishedAt: a.PublishedAt, Note: thidua.NormalizeText(opts.Note)}
	switch t.Action {
	case "publish":
		if !a.CanApprove(u) {
			return ArticleStep{}, thidua.Errorf(thidua.EFORBIDDEN, "Bạn không thể duyệt tin bài do chính mình viết hoặc sửa lần cuối; cần một người duyệt khác.")
		}
		st.PublishedAt = now.Truncate(time.Second)
		if !opts.PublishAt.IsZero() {
			at := opts.PublishAt.UTC().Truncate(time.Second)
			if at.Before(st.PublishedAt.Add(-time.Minute)) && !system {
				return ArticleStep{}, thidua.FieldError("publish_at", "Thời điểm đăng không được ở trong quá khứ; để trống để đăng ngay.")
			}
			if at.After(st.PublishedAt) || system {
				st.PublishedAt = at
			}
		}
		st.Approve, st.Note = true, ""
	case "return":
		if st.Note == "" {
			return ArticleStep{}, thidua.FieldError("note", "Vui lòng ghi lý do trả lại để người viết biết cần sửa gì.")
		}
	case "submit":
		st.Note = ""
	default:
		st.Note = a.Note
	}
	if len([]rune(st.Note)) > MaxArticleNote {
		return ArticleStep{}, thidua.FieldError("note", "Lý do không được dài quá 1000 ký tự.")
	}
	return st, nil
}
