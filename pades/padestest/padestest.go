// Package padestest makes what signature tests need: a certificate
// authority with a signer and a timestamp authority, a PKCS#12 file, an
// RFC 3161 responder served in process, and poppler's pdfsig with the test
// CA trusted in an NSS database, as the independent reader.
package padestest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/timestamp"
	"software.sslmate.com/src/go-pkcs12"

	"thidua/pades"
)

// CA is a test root with a document signer and a timestamp authority.
type CA struct {
	Root    *x509.Certificate
	RootKey crypto.Signer
	// Signer signs documents: CN Nguyễn Văn An, O Văn phòng UBND tỉnh.
	Signer *pades.Identity
	TSA    *pades.Identity
}

var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// NewCA makes a root (RSA 2048) and its two leaves.
func NewCA(tb testing.TB, name string) *CA {
	tb.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Now().Add(-time.Hour)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"Thidua Test"}, Country: []string{"VN"}},
		NotBefore:             now,
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		tb.Fatal(err)
	}
	root, _ := x509.ParseCertificate(der)
	ca := &CA{Root: root, RootKey: key}
	ca.Signer = ca.Issue(tb, "Nguyễn Văn An", "Văn phòng UBND tỉnh", false)
	ca.TSA = ca.Issue(tb, "Thidua Test TSA", "Thidua Test", true)
	return ca
}

// Issue makes a leaf for signing documents (tsa: for timestamping).
func (ca *CA) Issue(tb testing.TB, cn, org string, tsa bool) *pades.Identity {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn, Organization: []string{org}, Country: []string{"VN"}},
		NotBefore:    ca.Root.NotBefore,
		NotAfter:     ca.Root.NotBefore.Add(2 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	if tsa {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	} else {
		tmpl.UnknownExtKeyUsage = []asn1.ObjectIdentifier{oidDocumentSigning}
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Root, key.Public(), ca.RootKey)
	if err != nil {
		tb.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &pades.Identity{Key: key, Cert: cert, Chain: []*x509.Certificate{ca.Root}}
}

// Pool is a pool holding the root.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Root)
	return p
}

// RootPEM is the root certificate as PEM, as an administrator uploads it.
func (ca *CA) RootPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Root.Raw})
}

// PKCS12 packs the signer's key, certificate and chain with password.
func (ca *CA) PKCS12(tb testing.TB, id *pades.Identity, password string) []byte {
	tb.Helper()
	data, err := pkcs12.Modern.Encode(id.Key, id.Cert, id.Chain, password)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TSA serves RFC 3161 requests signed by the CA's timestamp authority and
// returns its URL; the server stops with the test.
func (ca *CA) TSAServer(tb testing.TB) string {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err != nil {
			http.Error(w, "read", http.StatusBadRequest)
			return
		}
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		ts := timestamp.Timestamp{
			HashAlgorithm:     req.HashAlgorithm,
			HashedMessage:     req.HashedMessage,
			Time:              time.Now().UTC().Truncate(time.Second),
			Nonce:             req.Nonce,
			Policy:            asn1.ObjectIdentifier{1, 2, 3, 4, 1},
			Ordering:          false,
			Qualified:         false,
			AddTSACertificate: req.Certificates,
			ExtraExtensions:   nil,
		}
		resp, err := ts.CreateResponseWithOpts(ca.TSA.Cert, ca.TSA.Key, crypto.SHA256)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		w.Write(resp)
	}))
	tb.Cleanup(srv.Close)
	return srv.URL
}

// requireTool finds a command, skipping loudly without it, and failing
// under CI=true where it must be installed.
func requireTool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s not found: CI must install %s", name, pkg)
		}
		tb.Skipf("SKIP: %s not found (install %s)", name, pkg)
	}
	return p
}

// Reader is poppler's pdfsig with an NSS database that trusts the CA.
type Reader struct {
	pdfsig string
	nssdir string
}

// NewReader makes the NSS database (certutil) and imports the root as a
// trusted CA for signing.
func NewReader(tb testing.TB, ca *CA) *Reader {
	tb.Helper()
	pdfsig := requireTool(tb, "pdfsig", "poppler-utils")
	certutil := requireTool(tb, "certutil", "libnss3-tools")
	dir := tb.TempDir()
	run := func(args ...string) {
		out, err := exec.Command(certutil, args...).CombinedOutput()
		if err != nil {
			tb.Fatalf("certutil %v: %v\n%s", args, err, out)
		}
	}
	run("-N", "-d", "sql:"+dir, "--empty-password")
	root := filepath.Join(dir, "root.pem")
	if err := os.WriteFile(root, ca.RootPEM(), 0o600); err != nil {
		tb.Fatal(err)
	}
	run("-A", "-d", "sql:"+dir, "-n", "thidua-test-root", "-t", "CT,C,C", "-a", "-i", root)
	return &Reader{pdfsig: pdfsig, nssdir: dir}
}

// Check runs pdfsig on a PDF and returns its report.
func (r *Reader) Check(tb testing.TB, data []byte) string {
	tb.Helper()
	f := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(r.pdfsig, "-nssdir", "sql:"+r.nssdir, f)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Run() // pdfsig exits non-zero for an invalid signature; the report says why
	return out.String()
}

// RequireValid fails unless pdfsig reports every signature valid and its
// certificate trusted.
func (r *Reader) RequireValid(tb testing.TB, data []byte) string {
	tb.Helper()
	rep := r.Check(tb, data)
	if !strings.Contains(rep, "Signature Validation: Signature is Valid.") || !strings.Contains(rep, "Certificate Validation: Certificate is Trusted.") ||
		strings.Contains(rep, "Signature is Invalid") || strings.Contains(rep, "Not Trusted") {
		tb.Fatalf("pdfsig does not report a valid, trusted signature:\n%s", rep)
	}
	return rep
}

// Tamper returns a copy of data with one byte changed inside the first
// signed revision (in the middle of the original document).
func Tamper(data []byte, at int) []byte {
	out := bytes.Clone(data)
	out[at] ^= 0x01
	return out
}
