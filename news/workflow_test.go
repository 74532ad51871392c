package news_test

import (
	"strings"
	"testing"
	"thidua/news"
	"time"

	"thidua"
)

func TestArticleCanEdit(t *testing.T) {
	writer := grantUser(1, 0, thidua.Grant{Role: thidua.RoleEditor, UnitPath: pathOffice})
	publisher := grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice})
	for _, tt := range []struct {
		state             string
		writer, publisher bool
	}{
		{news.ArticleDraft, true, true},
		{news.ArticleSubmitted, true, true},
		{news.ArticlePublished, false, true},
		{news.ArticleUnpublished, true, true},
	} {
		a := &news.Article{State: tt.state}
		if got := a.CanEdit(writer); got != tt.writer {
			t.Errorf("%s: writer CanEdit=%v, want %v", tt.state, got, tt.writer)
		}
		if got := a.CanEdit(publisher); got != tt.publisher {
			t.Errorf("%s: publisher CanEdit=%v, want %v", tt.state, got, tt.publisher)
		}
		if !a.CanEdit(nil) {
			t.Errorf("%s: the system cannot edit", tt.state)
		}
		if err := a.CheckEdit(writer); (err == nil) != tt.writer || err != nil && thidua.ErrorCode(err) != thidua.EFORBIDDEN {
			t.Errorf("%s: CheckEdit(writer) = %v", tt.state, err)
		}
	}
}

func TestArticleTransitionPermissions(t *testing.T) {
	writer := grantUser(1, 0, thidua.Grant{Role: thidua.RoleEditor, UnitPath: pathOffice})
	publisher := grantUser(2, 0, thidua.Grant{Role: thidua.RoleOfficer, UnitPath: pathOffice})
	staff := grantUser(3, 0, thidua.Grant{Role: thidua.RoleStaff, UnitPath: pathOffice})
	for _, tr := range news.ArticleTransitions {
		if got, want := tr.Allows(writer), !tr.Publisher; got != want {
			t.Errorf("%s: writer Allows=%v, want %v", tr.Action, got, want)
		}
		if !tr.Allows(publisher) || !tr.Allows(nil) {
			t.Errorf("%s: publisher or system not allowed", tr.Action)
		}
		if tr.Allows(staff) {
			t.Errorf("%s: staff allowed", tr.Action)
		}
		err := tr.CheckPublisher(writer)
		if (err == nil) != !tr.Publisher {
			t.Errorf("%s: CheckPublisher(writer) = %v", tr.Action, err)
		}
		if err != nil && thidua.ErrorMessage(err) != "Chỉ người có quyền duyệt tin bài mới được “"+strings.ToLower(tr.Label)+"”." {
			t.Errorf("%s: message %q", tr.Action, thidua.ErrorMessage(err))
		}
		if tr.CheckPublisher(nil) != nil || tr.CheckPublisher(publisher) != nil {
			t.Errorf("%s: CheckPublisher refuses the system or a publisher", tr.Action)
		}
	}
}

func TestArticleFourEyes(t *testing.T) {
	a := &news.Article{State: news.ArticleSubmitted, AuthorID: 1, EditorID: 2}
	for _, tt := range []struct {
		name string
		u    *thidua.User
		want bool
	}{
		{"author", &thidua.User{ID: 1}, false},
		{"last editor", &thidua.User{ID: 2}, false},
		{"someone else", &thidua.User{ID: 3}, true},
		{"system", nil, true},
	} {
		if got := a.CanApprove(tt.u); got != tt.want {
			t.Errorf("%s: CanApprove=%v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestArticleStep(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 30, 15, 500, time.UTC)
	sec := now.Truncate(time.Second)
	earlier := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	author := &thidua.User{ID: 1}
	approver := &thidua.User{ID: 3}
	find := func(action, state string) news.ArticleTransition {
		tr, err := news.FindArticleTransition(state, action)
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	submitted := &news.Article{State: news.ArticleSubmitted, AuthorID: 1, EditorID: 2, Note: "cũ"}
	published := &news.Article{State: news.ArticlePublished, AuthorID: 1, EditorID: 2, PublishedAt: earlier, Note: "cũ"}
	draft := &news.Article{State: news.ArticleDraft, AuthorID: 1, EditorID: 1, Note: "Sửa tiêu đề"}
	for _, tt := range []struct {
		name    string
		a       *news.Article
		action  string
		u       *thidua.User
		opts    news.ArticleTransitionOptions
		system  bool
		want    news.ArticleStep
		code    string
		field   string
		message string
	}{
		{name: "publish now", a: submitted, action: "publish", u: approver,
			want: news.ArticleStep{PublishedAt: sec, Approve: true}},
		{name: "publish by the author", a: submitted, action: "publish", u: author, code: thidua.EFORBIDDEN,
			message: "Bạn không thể duyệt tin bài do chính mình viết hoặc sửa lần cuối; cần một người duyệt khác."},
		{name: "publish by the last editor", a: submitted, action: "publish", u: &thidua.User{ID: 2}, code: thidua.EFORBIDDEN},
		{name: "publish later", a: submitted, action: "publish", u: approver,
			opts: news.ArticleTransitionOptions{PublishAt: sec.Add(time.Hour)},
			want: news.ArticleStep{PublishedAt: sec.Add(time.Hour), Approve: true}},
		{name: "publish a few seconds ago means now", a: submitted, action: "publish", u: approver,
			opts: news.ArticleTransitionOptions{PublishAt: sec.Add(-30 * time.Second)},
			want: news.ArticleStep{PublishedAt: sec, Approve: true}},
		{name: "publish in the past", a: submitted, action: "publish", u: approver,
			opts: news.ArticleTransitionOptions{PublishAt: earlier}, code: thidua.EINVALID, field: "publish_at"},
		{name: "the system publishes in the past", a: submitted, action: "publish", system: true,
			opts: news.ArticleTransitionOptions{PublishAt: earlier},
			want: news.ArticleStep{PublishedAt: earlier, Approve: true}},
		{name: "publish drops the note", a: submitted, action: "publish", u: approver,
			opts: news.ArticleTransitionOptions{Note: "x"}, want: news.ArticleStep{PublishedAt: sec, Approve: true}},
		{name: "return with a reason", a: submitted, action: "return", u: approver,
			opts: news.ArticleTransitionOptions{Note: "  Thiếu   ảnh  "}, want: news.ArticleStep{Note: "Thiếu ảnh"}},
		{name: "return without a reason", a: submitted, action: "return", u: approver, code: thidua.EINVALID, field: "note",
			message: "Vui lòng ghi lý do trả lại để người viết biết cần sửa gì."},
		{name: "return with a long reason", a: submitted, action: "return", u: approver,
			opts: news.ArticleTransitionOptions{Note: strings.Repeat("a", 1001)}, code: thidua.EINVALID, field: "note"},
		{name: "submit clears the note", a: draft, action: "submit", u: author, opts: news.ArticleTransitionOptions{Note: "x"}},
		{name: "withdraw keeps the note", a: submitted, action: "withdraw", u: author, want: news.ArticleStep{Note: "cũ"}},
		{name: "unpublish keeps the time", a: published, action: "unpublish", u: approver,
			want: news.ArticleStep{PublishedAt: earlier, Note: "cũ"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, err := tt.a.Step(tt.u, find(tt.action, tt.a.State), tt.opts, now, tt.system)
			if tt.code != "" {
				if thidua.ErrorCode(err) != tt.code {
					t.Fatalf("Step = %+v, %v; want code %s", st, err, tt.code)
				}
				if tt.field != "" && thidua.ErrorFields(err)[tt.field] == "" {
					t.Errorf("fields %v, want %s", thidua.ErrorFields(err), tt.field)
				}
				if tt.message != "" && thidua.ErrorMessage(err) != tt.message {
					t.Errorf("message %q, want %q", thidua.ErrorMessage(err), tt.message)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !st.PublishedAt.Equal(tt.want.PublishedAt) || st.Approve != tt.want.Approve || st.Note != tt.want.Note {
				t.Errorf("Step = %+v, want %+v", st, tt.want)
			}
		})
	}
}

const pathOffice = "/1/2/"

func grantUser(id, person int64, grants ...thidua.Grant) *thidua.User {
	return &thidua.User{ID: id, PersonID: person, Grants: grants}
}
