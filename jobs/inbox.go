package jobs

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"thidua"
	"thidua/inbox"
	"thidua/mailer"
	sqlinbox "thidua/sqldb/inbox"
)

// Inbox is the timed work of notifications: events read from the audit
// log, reminders before deadlines, and the e-mail outbox, never inside a
// request. Every node may run it: the store's claims and keys make sure
// nothing is told or sent twice.
type Inbox struct {
	Store *sqlinbox.Store
	// Mail sends e-mail; nil when no SMTP server is configured (then the
	// outbox is left alone and nothing is sent).
	Mail *mailer.Config
	// BaseURL is the workspace's absolute address for links in e-mail.
	BaseURL string
	Log     *slog.Logger
	// Worker names this node in the outbox.
	Worker string
}

// Register adds the inbox's periodic tasks to r: events every 15 s,
// e-mail every 30 s, reminders hourly.
func (in *Inbox) Register(r *Runner) {
	if in.Log == nil {
		in.Log = r.log
	}
	if in.Worker == "" {
		in.Worker = r.name
	}
	every := func(d time.Duration) func(time.Time) time.Duration { return func(time.Time) time.Duration { return d } }
	r.Every("inbox.events", every(15*time.Second), in.Events)
	r.Every("inbox.reminders", every(time.Hour), in.Reminders)
	if in.Mail != nil {
		r.Every("inbox.mail", every(30*time.Second), in.SendMail)
	}
}

// Events turns new audit entries into notifications until caught up.
func (in *Inbox) Events(ctx context.Context) error {
	_, err := in.Store.ProcessEvents(sys(ctx))
	return err
}

// Reminders records today's reminders.
func (in *Inbox) Reminders(ctx context.Context) error {
	_, err := in.Store.Remind(sys(ctx), thidua.DateOf(time.Now().In(thidua.VietnamZone)))
	return err
}

// SendMail delivers the e-mail due, one at a time; a failure is recorded
// and retried later with a growing wait (inbox.MailBackoff).
func (in *Inbox) SendMail(ctx context.Context) error {
	if in.Mail == nil {
		return nil
	}
	base := strings.TrimRight(in.BaseURL, "/")
	for ctx.Err() == nil {
		m, err := in.Store.ClaimMail(sys(ctx), in.Worker)
		if err != nil || m == nil {
			return err
		}
		subject, body := inbox.MailText(&m.Notification, m.ToName, base)
		sendErr := in.Mail.Send(ctx, mailer.Message{To: m.To, ToName: m.ToName, Subject: subject, Body: body})
		if sendErr != nil {
			in.Log.Warn("send mail", "outbox", m.ID, "attempt", m.Attempts, "err", sendErr)
		}
		if err := in.Store.FinishMail(sys(context.WithoutCancel(ctx)), m, sendErr); err != nil {
			return err
		}
	}
	return nil
}
