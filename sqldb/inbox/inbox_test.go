package inbox_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"thidua/sqldb/articles"

	"thidua"
	"thidua/demo/demotest"
	"thidua/inbox"
	"thidua/news"
	"thidua/sqldb"
	sqlinbox "thidua/sqldb/inbox"
)

func TestMain(m *testing.M) { demotest.Main(m) }

func as(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

func sys() context.Context {
	return thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
}

func kinds(t *testing.T, s *sqlinbox.Store, ctx context.Context) map[string][]int64 {
	t.Helper()
	tasks, total, err := s.FindTasks(ctx, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(tasks) {
		t.Fatalf("total %d, %d tasks", total, len(tasks))
	}
	c, err := s.CountInbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Tasks != total {
		t.Fatalf("CountInbox = %d, FindTasks total %d", c.Tasks, total)
	}
	out := map[string][]int64{}
	for _, x := range tasks {
		out[x.Kind] = append(out[x.Kind], x.RefID)
	}
	return out
}

func TestInboxStory(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		officer, head, council, editor := as(t, db, "thiduakt"), as(t, db, "truongphonghc"), as(t, db, "hoidong"), as(t, db, "bientap")
		headUser := thidua.UserFromContext(head)
		if _, err := db.SQL().Exec(`UPDATE users SET email = username || '@example.gov.vn'`); err != nil {
			t.Fatal(err)
		}
		// Catch up with the demo's own history first.
		if _, err := s.ProcessEvents(sys()); err != nil {
			t.Fatal(err)
		}
		before, _, _ := s.FindNotifications(head, false, 0, 100)

		cs, _, err := db.FindCampaigns(officer, thidua.CampaignFilter{State: thidua.CampaignEvaluating})
		if err != nil || len(cs) == 0 {
			t.Fatalf("campaigns: %v %d", err, len(cs))
		}
		regs, err := db.FindRegistrations(officer, cs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var reg *thidua.Registration
		for _, r := range regs {
			if r.State == thidua.RegApproved && headUser.HeadCovers(r.UnitPath) {
				reg = r
				break
			}
		}
		if reg == nil {
			t.Fatal("no approved registration under the unit head")
		}
		if err := db.ReviewRegistration(officer, reg.ID, false, "Thiếu minh chứng tiêu chí 2", reg.Version); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, s, head)[inbox.KindRegistrationReturned]; !slices.Equal(got, []int64{reg.ID}) {
			t.Fatalf("head registration_returned = %v, want [%d]", got, reg.ID)
		}
		for _, who := range []context.Context{officer, council, editor} {
			if got := kinds(t, s, who)[inbox.KindRegistrationReturned]; len(got) != 0 {
				t.Fatalf("%s sees registration_returned %v", thidua.UserFromContext(who).Username, got)
			}
		}
		if got := kinds(t, s, council)[inbox.KindScoreAssigned]; slices.Contains(got, reg.ID) {
			t.Fatalf("a returned registration is still to score: %v", got)
		}
		tasks, _, _ := s.FindTasks(head, 0, 10)
		if tasks[0].URL != fmt.Sprintf("/app/registrations/%d", reg.ID) || tasks[0].Note != "Thiếu minh chứng tiêu chí 2" {
			t.Fatalf("task = %+v", tasks[0])
		}

		// The event reaches the unit head, once, and not the officer who returned it.
		n, err := s.ProcessEvents(sys())
		if err != nil || n == 0 {
			t.Fatalf("ProcessEvents = %d, %v", n, err)
		}
		if n, _ := s.ProcessEvents(sys()); n != 0 {
			t.Fatalf("second ProcessEvents made %d", n)
		}
		ns, _, err := s.FindNotifications(head, true, 0, 100)
		if err != nil || len(ns) != countUnread(before)+1 {
			t.Fatalf("unread notifications %v: %d, want %d", err, len(ns), countUnread(before)+1)
		}
		got := ns[0]
		if got.Kind != inbox.EventRegistrationReturned || !strings.Contains(got.Body, "Lý do: Thiếu minh chứng tiêu chí 2") || got.URL != tasks[0].URL {
			t.Fatalf("notification = %+v", got)
		}
		if mine, _, _ := s.FindNotifications(officer, false, 0, 100); slices.ContainsFunc(mine, func(n *inbox.Notification) bool { return n.Kind == inbox.EventRegistrationReturned }) {
			t.Fatal("the officer was told of their own return")
		}
		c, _ := s.CountInbox(head)
		if c.Unread == 0 {
			t.Fatal("no unread count")
		}
		// Someone else's notification is not theirs to mark.
		if err := s.MarkRead(officer, got.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Fatalf("officer MarkRead = %v", err)
		}
		if err := s.MarkRead(head, got.ID); err != nil {
			t.Fatal(err)
		}
		if c2, _ := s.CountInbox(head); c2.Unread != c.Unread-1 {
			t.Fatalf("unread %d after marking, was %d", c2.Unread, c.Unread)
		}

		// The e-mail is queued; turned off, it is skipped when claimed.
		m, err := s.ClaimMail(sys(), "test")
		if err != nil || m == nil {
			t.Fatalf("ClaimMail = %v, %v", m, err)
		}
		if err := s.FinishMail(sys(), m, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEmailOff(head, true); err != nil {
			t.Fatal(err)
		}
		if off, _ := s.EmailOff(head); !off {
			t.Fatal("EmailOff = false")
		}

		// Resolving removes the task: approved again.
		regs, _ = db.FindRegistrations(officer, cs[0].ID)
		for _, r := range regs {
			if r.ID == reg.ID {
				reg = r
			}
		}
		if err := db.ReviewRegistration(officer, reg.ID, true, "", reg.Version); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, s, head)[inbox.KindRegistrationReturned]; len(got) != 0 {
			t.Fatalf("resolved task still there: %v", got)
		}
		// Returned again: the head gets the notification but, e-mail off, no mail.
		regs, _ = db.FindRegistrations(officer, cs[0].ID)
		for _, r := range regs {
			if r.ID == reg.ID {
				reg = r
			}
		}
		if err := db.ReviewRegistration(officer, reg.ID, false, "Lần hai", reg.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProcessEvents(sys()); err != nil {
			t.Fatal(err)
		}
		for {
			m, err := s.ClaimMail(sys(), "test")
			if err != nil {
				t.Fatal(err)
			}
			if m == nil {
				break
			}
			if m.To == headUser.Username+"@example.gov.vn" {
				t.Fatalf("mail to a user who turned it off: %+v", m)
			}
			s.FinishMail(sys(), m, nil)
		}
	})
}

func countUnread(ns []*inbox.Notification) int {
	n := 0
	for _, x := range ns {
		if !x.Read() {
			n++
		}
	}
	return n
}

func TestArticleTasks(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		officer, editor := as(t, db, "thiduakt"), as(t, db, "bientap")
		ids := kinds(t, s, officer)[inbox.KindArticleReview]
		if len(ids) != 1 {
			t.Fatalf("article_review = %v", ids)
		}
		a, err := articles.New(db).FindArticleByID(officer, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := articles.New(db).TransitionArticle(officer, a.ID, "return", a.Version, news.ArticleTransitionOptions{Note: "Sửa tít"}); err != nil {
			t.Fatal(err)
		}
		if got := kinds(t, s, officer)[inbox.KindArticleReview]; len(got) != 0 {
			t.Fatalf("returned article still to review: %v", got)
		}
		ed := kinds(t, s, editor)[inbox.KindArticleReturned]
		author := a.AuthorID == thidua.UserFromContext(editor).ID || a.EditorID == thidua.UserFromContext(editor).ID
		if author != slices.Equal(ed, []int64{a.ID}) {
			t.Fatalf("editor article_returned = %v (author or editor: %v)", ed, author)
		}
		if _, err := s.ProcessEvents(sys()); err != nil {
			t.Fatal(err)
		}
		ns, _, _ := s.FindNotifications(editor, true, 0, 10)
		if author && (len(ns) == 0 || ns[0].Kind != inbox.EventArticleReturned || !strings.Contains(ns[0].Body, "Sửa tít")) {
			t.Fatalf("editor notifications = %+v", ns)
		}
	})
}

func TestRemindersOnce(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		s := sqlinbox.New(db)
		officer, council := as(t, db, "thiduakt"), as(t, db, "hoidong")
		cs, _, err := db.FindCampaigns(officer, thidua.CampaignFilter{State: thidua.CampaignEvaluating})
		if err != nil || len(cs) == 0 {
			t.Fatal(err)
		}
		today := thidua.DateOf(cs[0].EndDate.Time().AddDate(0, 0, -3))
		// Two nodes at once, then a restart: one reminder each.
		second := demotest.Open(t, o.URL)
		var wg sync.WaitGroup
		var made [2]int
		for i, st := range []*sqlinbox.Store{s, sqlinbox.New(second)} {
			wg.Go(func() {
				n, err := st.Remind(sys(), today)
				if err != nil {
					t.Error(err)
				}
				made[i] = n
			})
		}
		wg.Wait()
		if made[0]+made[1] == 0 {
			t.Fatal("no reminder")
		}
		if n, err := s.Remind(sys(), today); err != nil || n != 0 {
			t.Fatalf("again: %d, %v", n, err)
		}
		ns, _, _ := s.FindNotifications(council, false, 0, 50)
		found := 0
		for _, n := range ns {
			if n.Kind == inbox.EventScoringEnds {
				found++
			}
		}
		if found != 1 {
			t.Fatalf("council has %d scoring reminders, want 1", found)
		}
		// Too early: nothing.
		if n, _ := s.Remind(sys(), thidua.DateOf(cs[0].EndDate.Time().AddDate(0, 0, -30))); n != 0 {
			t.Fatalf("a month early: %d reminders", n)
		}
	})
}
