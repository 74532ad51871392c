package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	"thidua/jobs"
	"thidua/mailer"
	"thidua/mailer/smtptest"
	sqlinbox "thidua/sqldb/inbox"
)

func TestMain(m *testing.M) { demotest.Main(m) }

// TestInboxMail follows a returned registration to the unit head's mailbox
// through a real SMTP server: the event, the e-mail sent by the runner's
// task (not by the request), a refusal retried after its wait, and a user
// who turned e-mail off getting none.
func TestInboxMail(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		db := o.DB
		ctx := context.Background()
		srv := smtptest.Start(t, mailer.TLSStartTLS)
		cfg, err := mailer.Parse(srv.URL, srv.CAFile, "Văn phòng UBND tỉnh <thidua@example.gov.vn>")
		if err != nil {
			t.Fatal(err)
		}
		store := sqlinbox.New(db)
		in := &jobs.Inbox{Store: store, Mail: cfg, BaseURL: "https://thidua.example.gov.vn/", Worker: "test",
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		// Catch up with the demo's history, then give the accounts addresses.
		if err := in.Events(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(`UPDATE users SET email = username || '@example.gov.vn'`); err != nil {
			t.Fatal(err)
		}
		user := func(name string) context.Context {
			u, err := db.FindUserByUsername(thidua.NewSystemContext(ctx), name)
			if err != nil {
				t.Fatal(err)
			}
			return thidua.NewContextWithUser(ctx, u)
		}
		officer, head, staff := user("thiduakt"), user("truongphonghc"), user("canhan")
		if err := store.SetEmailOff(staff, true); err != nil {
			t.Fatal(err)
		}
		cs, _, err := db.FindCampaigns(officer, thidua.CampaignFilter{State: thidua.CampaignEvaluating})
		if err != nil || len(cs) == 0 {
			t.Fatal(err)
		}
		regs, err := db.FindRegistrations(officer, cs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		me := thidua.UserFromContext(head)
		staffUser := thidua.UserFromContext(staff)
		var returned []int64
		for _, r := range regs {
			// One under the unit head, and the staff member's own.
			if r.State == thidua.RegApproved && (me.HeadCovers(r.UnitPath) && len(returned) == 0 || r.PersonID != 0 && r.PersonID == staffUser.PersonID) {
				if err := db.ReviewRegistration(officer, r.ID, false, "Bổ sung minh chứng tiêu chí “Cải cách hành chính”", r.Version); err != nil {
					t.Fatal(err)
				}
				returned = append(returned, r.ID)
			}
		}
		if len(returned) == 0 {
			t.Fatal("nothing returned")
		}
		srv.Refuse(1)
		if err := in.Events(ctx); err != nil {
			t.Fatal(err)
		}
		if err := in.SendMail(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.Messages()); n != 0 || srv.Attempts() == 0 {
			t.Fatalf("after a refusal: %d delivered, %d attempts", n, srv.Attempts())
		}
		// Not yet due again: nothing more is tried.
		tried := srv.Attempts()
		if err := in.SendMail(ctx); err != nil {
			t.Fatal(err)
		}
		if srv.Attempts() != tried {
			t.Fatal("retried before its wait")
		}
		db.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
		if err := in.SendMail(ctx); err != nil {
			t.Fatal(err)
		}
		var got *smtptest.Message
		for _, m := range srv.Messages() {
			if m.To == "canhan@example.gov.vn" {
				t.Fatalf("mail to a user who turned it off: %+v", m)
			}
			if m.To == "truongphonghc@example.gov.vn" {
				got = &m
			}
		}
		if got == nil {
			t.Fatalf("no mail to the unit head among %d", len(srv.Messages()))
		}
		if !strings.HasPrefix(got.Subject, "[Thi đua – Khen thưởng] Đăng ký thi đua bị trả lại: ") {
			t.Errorf("subject = %q", got.Subject)
		}
		for _, want := range []string{"Kính gửi ", "Lý do: Bổ sung minh chứng tiêu chí “Cải cách hành chính”",
			"https://thidua.example.gov.vn/app/registrations/", "/app/account"} {
			if !strings.Contains(got.Body, want) {
				t.Errorf("body lacks %q:\n%s", want, got.Body)
			}
		}
		counts, err := store.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts["QUEUED"]+counts["SENDING"] != 0 || counts["SENT"] != len(srv.Messages()) {
			t.Fatalf("outbox = %v, %d delivered", counts, len(srv.Messages()))
		}
		// Without SMTP nothing is sent and the inbox still works.
		quiet := &jobs.Inbox{Store: store}
		if err := quiet.SendMail(ctx); err != nil {
			t.Fatal(err)
		}
		if c, err := store.CountInbox(head); err != nil || c.Tasks == 0 || c.Unread == 0 {
			t.Fatalf("head's inbox = %+v, %v", c, err)
		}
	})
}
