// Package smtptest runs a real SMTP server in process for tests
// (github.com/emersion/go-smtp) with a TLS certificate made for the test,
// written to a CA file the client trusts through THIDUA_SMTP_CA, and keeps
// the decoded messages that arrived.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"mime"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mime/quotedprintable"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is what arrived, decoded.
type Message struct {
	From, To   string
	RawSubject string
	Subject    string
	Body       string
	TLS        bool
	Auth       string // the user who signed in
}

// Server is an SMTP server listening on loopback.
type Server struct {
	// URL is the THIDUA_SMTP_URL that reaches it; CAFile the certificate
	// to trust (THIDUA_SMTP_CA).
	URL, CAFile string

	mu       sync.Mutex
	msgs     []Message
	refuse   int
	attempts int
}

// Refuse makes the next n deliveries fail with a temporary error (451).
func (s *Server) Refuse(n int) {
	s.mu.Lock()
	s.refuse = n
	s.mu.Unlock()
}

// Messages returns what arrived so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Attempts counts the deliveries tried (refused ones included).
func (s *Server) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Start runs a server in mode "starttls" (port with STARTTLS and AUTH),
// "implicit" (TLS from the first byte, AUTH) or "none" (no TLS, no AUTH),
// closed when the test ends.
func Start(tb testing.TB, mode string) *Server {
	tb.Helper()
	cert, caFile := certificate(tb)
	s := &Server{CAFile: caFile}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{s: s, tls: isTLS, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	var l net.Listener
	var err error
	tcfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	switch mode {
	case "starttls":
		srv.TLSConfig = tcfg
		l, err = net.Listen("tcp", "127.0.0.1:0")
		s.URL = "smtp://hoa:mat-khau@localhost:" + port(l)
	case "implicit":
		l, err = tls.Listen("tcp", "127.0.0.1:0", tcfg)
		s.URL = "smtps://hoa:mat-khau@localhost:" + port(l)
	default:
		l, err = net.Listen("tcp", "127.0.0.1:0")
		s.URL = "smtp://localhost:" + port(l) + "?tls=none"
	}
	if err != nil {
		tb.Fatal(err)
	}
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return s
}

func port(l net.Listener) string {
	if l == nil {
		return "0"
	}
	_, p, _ := net.SplitHostPort(l.Addr().String())
	return p
}

type session struct {
	s        *Server
	tls      bool
	conn     *smtp.Conn
	from, to string
	user     string
}

func (se *session) AuthMechanisms() []string {
	if _, ok := se.conn.TLSConnectionState(); !ok {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != "hoa" || password != "mat-khau" {
			return errors.New("wrong password")
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error { se.from = from; return nil }
func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error   { se.to = to; return nil }
func (se *session) Reset()                                      {}
func (se *session) Logout() error                               { return nil }

func (se *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	se.s.attempts++
	if se.s.refuse > 0 {
		se.s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return err
	}
	out := Message{From: se.from, To: se.to, RawSubject: m.Header.Get("Subject"), Auth: se.user}
	_, out.TLS = se.conn.TLSConnectionState()
	out.Subject, err = new(mime.WordDecoder).DecodeHeader(out.RawSubject)
	if err != nil {
		return err
	}
	if !strings.Contains(m.Header.Get("Content-Type"), "charset=utf-8") || m.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		return errors.New("unexpected body encoding " + m.Header.Get("Content-Type") + " " + m.Header.Get("Content-Transfer-Encoding"))
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		return err
	}
	out.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	se.s.msgs = append(se.s.msgs, out)
	return nil
}

// certificate makes a self-signed certificate for localhost and writes it
// to a CA file.
func certificate(tb testing.TB) (tls.Certificate, string) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	caFile := filepath.Join(tb.TempDir(), "smtp-ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		tb.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, caFile
}
