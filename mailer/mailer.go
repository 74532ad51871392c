// Package mailer sends e-mail through an SMTP server named by a URL, with the
// standard library only (net/smtp, mime, mime/quotedprintable):
//
//	smtp://user:pass@host:587    STARTTLS required (refused if the server lacks it)
//	smtps://user:pass@host:465   TLS from the first byte
//	smtp://host:25?tls=none      a local relay, no TLS (no password allowed)
//
// A CA file (THIDUA_SMTP_CA) adds certificates to trust beside the system's.
// Messages are UTF-8: the subject and display names RFC 2047 encoded, the
// body quoted-printable.
package mailer

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"os"
	"strings"
	"time"
)

// TLS modes.
const (
	TLSStartTLS = "starttls"
	TLSImplicit = "implicit"
	TLSNone     = "none"
)

// Config is a parsed SMTP URL.
type Config struct {
	Host, Port string
	User, Pass string
	TLS        string
	// RootCAs are the certificates trusted for the server (system ones
	// plus the CA file); nil means the system's.
	RootCAs *x509.CertPool
	// From is the sender address ("Văn phòng <thidua@example.gov.vn>").
	From string
	// Timeout bounds one delivery (default 30 s).
	Timeout time.Duration
}

// Parse reads an SMTP URL, the CA file (may be empty) and the sender.
func Parse(rawURL, caFile, from string) (*Config, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mailer: THIDUA_SMTP_URL: %w", err)
	}
	c := &Config{Host: u.Hostname(), Port: u.Port(), From: from, Timeout: 30 * time.Second}
	if c.Host == "" {
		return nil, errors.New("mailer: THIDUA_SMTP_URL names no host")
	}
	switch u.Scheme {
	case "smtp":
		c.TLS = TLSStartTLS
		if c.Port == "" {
			c.Port = "587"
		}
	case "smtps":
		c.TLS = TLSImplicit
		if c.Port == "" {
			c.Port = "465"
		}
	default:
		return nil, fmt.Errorf("mailer: THIDUA_SMTP_URL: scheme %q is neither smtp nor smtps", u.Scheme)
	}
	switch t := u.Query().Get("tls"); t {
	case "":
	case "none":
		if u.Scheme == "smtps" {
			return nil, errors.New("mailer: THIDUA_SMTP_URL: smtps with tls=none")
		}
		c.TLS = TLSNone
	default:
		return nil, fmt.Errorf("mailer: THIDUA_SMTP_URL: tls=%q (only tls=none is known)", t)
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Pass, _ = u.User.Password()
		if c.TLS == TLSNone {
			return nil, errors.New("mailer: THIDUA_SMTP_URL: a password is never sent without TLS (tls=none)")
		}
	}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("mailer: THIDUA_SMTP_CA: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("mailer: THIDUA_SMTP_CA: %s holds no PEM certificate", caFile)
		}
		c.RootCAs = pool
	}
	if from == "" {
		return nil, errors.New("mailer: the sender address (THIDUA_MAIL_FROM) is required with THIDUA_SMTP_URL")
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mailer: THIDUA_MAIL_FROM %q: %w", from, err)
	}
	return c, nil
}

// Message is one e-mail to one recipient.
type Message struct {
	To      string // address
	ToName  string
	Subject string
	Body    string // plain text, UTF-8
}

// Build returns the message in RFC 5322 form: UTF-8, the subject and names
// RFC 2047 encoded, the body quoted-printable.
func (c *Config) Build(m Message, now time.Time) ([]byte, error) {
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, err
	}
	to := &mail.Address{Name: m.ToName, Address: m.To}
	var id [12]byte
	rand.Read(id[:])
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", from.String())
	h("To", to.String())
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", now.Format(time.RFC1123Z))
	h("Message-ID", "<"+hex.EncodeToString(id[:])+"@"+domain+">")
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Send delivers one message. A refusal by the server (4xx, 5xx) and a
// network failure are returned; the caller retries.
func (c *Config) Send(ctx context.Context, m Message) error {
	if _, err := mail.ParseAddress(m.To); err != nil {
		return fmt.Errorf("mailer: recipient %q: %w", m.To, err)
	}
	raw, err := c.Build(m, time.Now())
	if err != nil {
		return err
	}
	from, _ := mail.ParseAddress(c.From)
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	addr := net.JoinHostPort(c.Host, c.Port)
	tlsCfg := &tls.Config{ServerName: c.Host, RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12}
	var conn net.Conn
	if c.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{Config: tlsCfg}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("mailer: connect %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	cl, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mailer: %s: %w", addr, err)
	}
	defer cl.Close()
	if err := cl.Hello(helloName()); err != nil {
		return fmt.Errorf("mailer: EHLO: %w", err)
	}
	if c.TLS == TLSStartTLS {
		if ok, _ := cl.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mailer: %s does not offer STARTTLS, which smtp:// requires (use smtp://host:25?tls=none for a local relay)", addr)
		}
		if err := cl.StartTLS(tlsCfg); err != nil {
			return fmt.Errorf("mailer: STARTTLS: %w", err)
		}
	}
	if c.User != "" {
		if err := cl.Auth(smtp.PlainAuth("", c.User, c.Pass, c.Host)); err != nil {
			return fmt.Errorf("mailer: AUTH: %w", err)
		}
	}
	if err := cl.Mail(from.Address); err != nil {
		return fmt.Errorf("mailer: MAIL FROM: %w", err)
	}
	if err := cl.Rcpt(m.To); err != nil {
		return fmt.Errorf("mailer: RCPT TO: %w", err)
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("mailer: DATA: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return fmt.Errorf("mailer: DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mailer: DATA: %w", err)
	}
	return cl.Quit()
}

func helloName() string {
	h, err := os.Hostname()
	if err != nil || h == "" || strings.ContainsAny(h, " \t") {
		return "localhost"
	}
	return h
}
