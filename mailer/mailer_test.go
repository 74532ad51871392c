package mailer_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"thidua/mailer"
	"thidua/mailer/smtptest"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		url, want, err string
	}{
		{"smtp://u:p@mail.example:587", "starttls mail.example:587 u", ""},
		{"smtps://u:p@mail.example", "implicit mail.example:465 u", ""},
		{"smtp://relay:25?tls=none", "none relay:25 ", ""},
		{"smtp://u:p@relay:25?tls=none", "", "never sent without TLS"},
		{"http://x", "", "neither smtp nor smtps"},
		{"smtp://relay?tls=maybe", "", "tls="},
		{"smtp://:25", "", "no host"},
	} {
		c, err := mailer.Parse(tc.url, "", "Thi đua <thidua@example.gov.vn>")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q) = %v, want error with %q", tc.url, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.url, err)
			continue
		}
		if got := c.TLS + " " + c.Host + ":" + c.Port + " " + c.User; got != tc.want {
			t.Errorf("Parse(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
	if _, err := mailer.Parse("smtp://relay:25?tls=none", "", ""); err == nil {
		t.Error("no sender accepted")
	}
}

func TestSendModes(t *testing.T) {
	for _, mode := range []string{mailer.TLSStartTLS, mailer.TLSImplicit, mailer.TLSNone} {
		t.Run(mode, func(t *testing.T) {
			srv := smtptest.Start(t, mode)
			c, err := mailer.Parse(srv.URL, srv.CAFile, "Văn phòng UBND tỉnh <thidua@example.gov.vn>")
			if err != nil {
				t.Fatal(err)
			}
			msg := mailer.Message{To: "hoa@example.gov.vn", ToName: "Nguyễn Thị Hoa",
				Subject: "Đăng ký thi đua bị trả lại: Phòng Hành chính – Tổ chức",
				Body:    "Lý do: thiếu minh chứng tiêu chí 2.\nXem tại: https://thidua.example.gov.vn/app/registrations/7\n"}
			if err := c.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("%d messages arrived", len(got))
			}
			m := got[0]
			if m.Subject != msg.Subject {
				t.Errorf("subject = %q", m.Subject)
			}
			if !strings.Contains(m.Body, "Lý do: thiếu minh chứng tiêu chí 2.") || !strings.Contains(m.Body, "https://thidua.example.gov.vn/app/registrations/7") {
				t.Errorf("body = %q", m.Body)
			}
			if m.RawSubject == msg.Subject || !strings.HasPrefix(m.RawSubject, "=?utf-8?") {
				t.Errorf("subject not RFC 2047 encoded: %q", m.RawSubject)
			}
			if m.To != "hoa@example.gov.vn" || m.From != "thidua@example.gov.vn" {
				t.Errorf("envelope %s → %s", m.From, m.To)
			}
			if mode != mailer.TLSNone && m.Auth != "hoa" {
				t.Errorf("signed in as %q", m.Auth)
			}
			if mode != mailer.TLSNone && !m.TLS {
				t.Error("delivered without TLS")
			}
			if mode == mailer.TLSNone && m.TLS {
				t.Error("tls=none used TLS")
			}
		})
	}
}

func TestStartTLSRequired(t *testing.T) {
	srv := smtptest.Start(t, mailer.TLSNone)
	// The server offers no STARTTLS: smtp:// refuses to go on in clear.
	c, err := mailer.Parse(strings.Replace(srv.URL, "?tls=none", "", 1), srv.CAFile, "thidua@example.gov.vn")
	if err != nil {
		t.Fatal(err)
	}
	err = c.Send(context.Background(), mailer.Message{To: "a@example.gov.vn", Subject: "x", Body: "y"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("Send = %v, want a refusal naming STARTTLS", err)
	}
	if len(srv.Messages()) != 0 {
		t.Fatal("a message was sent in clear")
	}
}

func TestUntrustedCertificate(t *testing.T) {
	srv := smtptest.Start(t, mailer.TLSImplicit)
	c, err := mailer.Parse(srv.URL, "", "thidua@example.gov.vn") // no CA file
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Send(context.Background(), mailer.Message{To: "a@example.gov.vn", Subject: "x", Body: "y"}); err == nil {
		t.Fatal("a certificate nobody trusts was accepted")
	}
}

func TestBuild(t *testing.T) {
	c, err := mailer.Parse("smtp://relay:25?tls=none", "", "Văn phòng UBND tỉnh <thidua@example.gov.vn>")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := c.Build(mailer.Message{To: "duc@example.gov.vn", ToName: "Nguyễn Văn Đức", Subject: "Quyết định khen thưởng đã ban hành",
		Body: "Dòng một\nDòng hai có dấu: ă â đ ê ô ơ ư"}, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": "quoted-printable", "MIME-Version": "1.0",
	} {
		if got := m.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subj != "Quyết định khen thưởng đã ban hành" {
		t.Errorf("subject %q, %v", subj, err)
	}
	to, err := mail.ParseAddress(m.Header.Get("To"))
	if err != nil || to.Name != "Nguyễn Văn Đức" {
		t.Errorf("To %v, %v", to, err)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 || strings.ContainsFunc(line, func(r rune) bool { return r > 127 }) {
			t.Fatalf("a raw line is not 7-bit or too long: %q", line)
		}
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	if string(body) != "Dòng một\r\nDòng hai có dấu: ă â đ ê ô ơ ư" {
		t.Errorf("body %q", body)
	}
}
