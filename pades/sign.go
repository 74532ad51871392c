// Package pades signs PDFs and checks their signatures, over
// github.com/digitorus/pdfsign (signing by incremental update, so the
// bytes before the signature stay as they were), github.com/digitorus/pkcs7
// (CMS) and github.com/digitorus/timestamp (RFC 3161). The verdicts it
// returns are the domain's (package signing).
//
// The signatures are CMS detached with the ESS signing-certificate-v2
// attribute of PAdES baseline B-B, and the signature's RFC 3161 timestamp
// (B-T) when a timestamp authority is given. pdfsign writes the SubFilter
// adbe.pkcs7.detached, not ETSI.CAdES.detached; readers (poppler, Adobe)
// verify both the same way.
package pades

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/revocation"
	"github.com/digitorus/pdfsign/sign"
	"golang.org/x/text/unicode/norm"
	"software.sslmate.com/src/go-pkcs12"

	"thidua"
	"thidua/signing"
)

// Identity is a signing key with its certificate and the chain above it.
type Identity = signing.Identity

// ParsePKCS12 opens a PKCS#12 file (.p12, .pfx) with its password. The
// error is EINVALID in Vietnamese and never repeats the password.
func ParsePKCS12(data []byte, password string) (*Identity, error) {
	key, cert, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, thidua.Errorf(thidua.EINVALID, "Mật khẩu của tệp chứng thư số không đúng.")
		}
		return nil, thidua.Errorf(thidua.EINVALID, "Tệp không phải chứng thư số PKCS#12 (.p12, .pfx) đọc được.")
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, thidua.Errorf(thidua.EINVALID, "Khóa bí mật trong tệp chứng thư số không dùng để ký được.")
	}
	if cert.KeyUsage != 0 && cert.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return nil, thidua.Errorf(thidua.EINVALID, "Chứng thư số không được cấp cho việc ký số (Key Usage).")
	}
	return &Identity{Key: signer, Cert: cert, Chain: chain}, nil
}

// Spot is where the visible signature goes: a page (1-based) and a
// rectangle in PDF points from the page's lower left corner.
type Spot struct {
	Page           int
	X1, Y1, X2, Y2 float64
}

// Options are the signature's details.
type Options struct {
	// Name, Reason and Location go into the signature dictionary.
	Name, Reason, Location string
	// Time is the signing time the signer claims (the timestamp's, with a
	// TSA, is the one that counts).
	Time time.Time
	// TSAURL, when set, asks that RFC 3161 timestamp authority for a
	// timestamp on the signature (PAdES B-T).
	TSAURL string
	// TSATimeout bounds the request to the TSA (DefaultTSATimeout when
	// zero): past it the signing fails with a Vietnamese message.
	TSATimeout time.Duration
	// Spot and Image make the signature visible: the image (PNG) is drawn
	// in the spot's rectangle. Without a Spot the signature is invisible.
	Spot  *Spot
	Image []byte
}

// Sign writes the signed PDF: data unchanged, followed by an incremental
// update with the signature.
func Sign(data []byte, id *Identity, opt Options) (signed []byte, err error) {
	rdr, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("pades: open pdf: %w", err)
	}
	chain := append([]*x509.Certificate{id.Cert}, id.Chain...)
	sd := sign.SignData{
		Signature: sign.SignDataSignature{
			Info: sign.SignDataSignatureInfo{
				Name: literalSafe(opt.Name), Reason: literalSafe(opt.Reason), Location: literalSafe(opt.Location), Date: opt.Time,
			},
			CertType:   sign.ApprovalSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		},
		Signer:            id.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       id.Cert,
		CertificateChains: [][]*x509.Certificate{chain},
		// No revocation data is fetched: nothing outside may be reached,
		// and B-B/B-T do not need it.
		RevocationFunction: func(*x509.Certificate, *x509.Certificate, *revocation.InfoArchival) error { return nil },
	}
	if opt.TSAURL != "" {
		relay, rerr := startTSARelay(opt.TSAURL, opt.TSATimeout)
		if rerr != nil {
			return nil, rerr
		}
		defer relay.close()
		sd.TSA = sign.TSA{URL: relay.url}
		defer func() {
			if cause := relay.err(); cause != nil {
				signed, err = nil, newTSAError(cause)
			}
		}()
	}
	if opt.Spot != nil {
		sd.Appearance = sign.Appearance{
			Visible: true, Page: uint32(opt.Spot.Page),
			LowerLeftX: opt.Spot.X1, LowerLeftY: opt.Spot.Y1, UpperRightX: opt.Spot.X2, UpperRightY: opt.Spot.Y2,
			Image: opt.Image,
		}
	}
	var out bytes.Buffer
	if err := sign.Sign(bytes.NewReader(data), &out, rdr, int64(len(data)), sd); err != nil {
		return nil, fmt.Errorf("pades: sign: %w", err)
	}
	// An incremental update keeps every byte before it; pdfsign has been
	// seen to break that when the input already carries a large
	// (timestamped) signature, so it is checked, never assumed.
	if !bytes.HasPrefix(out.Bytes(), data) {
		return nil, fmt.Errorf("pades: sign: the signed file does not keep the original bytes")
	}
	return out.Bytes(), nil
}

// SpotOnA4 turns a room given in millimetres from the top left of an A4
// page (as the decision writer reports it) into a Spot.
func SpotOnA4(s thidua.SignSpot) *Spot {
	const k = 72 / 25.4
	const pageH = 297.0
	return &Spot{Page: s.Page, X1: s.X * k, X2: (s.X + s.W) * k, Y1: (pageH - s.Y - s.H) * k, Y2: (pageH - s.Y) * k}
}

// literalSafe works around pdfsign writing non-ASCII text as a UTF-16
// literal string without escaping: a code unit holding the byte of "(",
// ")", "\\" or a line end (ĩ is U+0129, as in "Hà Tĩnh") would break the
// signature dictionary. Such a letter is written decomposed (i + U+0303),
// ASCII parentheses and backslashes in their full-width forms.
func literalSafe(s string) string {
	s = norm.NFC.String(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		ascii = ascii && s[i] < 0x80
	}
	if ascii {
		return s // written as a PDFDocEncoded string, escaped by pdfsign
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(':
			b.WriteRune('（')
		case r == ')':
			b.WriteRune('）')
		case r == '\\':
			b.WriteRune('＼')
		case unsafeUnit(r):
			d := norm.NFD.String(string(r))
			ok := true
			for _, x := range d {
				ok = ok && !unsafeUnit(x)
			}
			if ok {
				b.WriteString(d)
			} else {
				b.WriteRune('?')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeUnit(r rune) bool {
	for _, u := range utf16.Encode([]rune{r}) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			if c == '(' || c == ')' || c == '\\' || c == '\r' || c == '\n' {
				return true
			}
		}
	}
	return false
}

// Engine is signing.Engine over this package: TSAURL, when set, makes
// B-T signatures, each request to it bounded by TSATimeout
// (DefaultTSATimeout when zero).
type Engine struct {
	TSAURL     string
	TSATimeout time.Duration
}

var _ signing.Engine = Engine{}

// ParseIdentity is ParsePKCS12.
func (Engine) ParseIdentity(p12 []byte, password string) (*signing.Identity, error) {
	return ParsePKCS12(p12, password)
}

// Sign signs with the visible appearance of Appearance in r.Spot.
func (e Engine) Sign(data []byte, id *signing.Identity, r signing.Request) ([]byte, error) {
	opt := Options{Name: r.Signer, Reason: r.Reason, Location: r.Location, Time: r.Time, TSAURL: e.TSAURL, TSATimeout: e.TSATimeout}
	if r.Spot != nil {
		opt.Spot = SpotOnA4(*r.Spot)
		img, err := Appearance{Signer: r.Signer, Agency: r.Agency, Time: r.Time}.PNG(opt.Spot.X2-opt.Spot.X1, opt.Spot.Y2-opt.Spot.Y1)
		if err != nil {
			return nil, err
		}
		opt.Image = img
	}
	return Sign(data, id, opt)
}

// Verify is the package's Verify.
func (Engine) Verify(data []byte, anchors *x509.CertPool) signing.Verdict {
	return Verify(data, anchors)
}
