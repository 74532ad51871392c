package signing

import (
	"context"
	"crypto"
	"crypto/x509"
	"time"

	"thidua"
)

// Identity is a signing key with its certificate and the chain above it.
type Identity struct {
	Key   crypto.Signer
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

// Request is one signature to make on a document.
type Request struct {
	// Signer and Agency are shown in the visible signature with Time.
	Signer, Agency string
	Reason         string
	Location       string
	Time           time.Time
	// Spot is where the signature is drawn (nil: invisible).
	Spot *thidua.SignSpot
}

// Engine reads and writes signed PDFs (package pades).
type Engine interface {
	// ParseIdentity opens a PKCS#12 file; EINVALID in Vietnamese.
	ParseIdentity(p12 []byte, password string) (*Identity, error)
	// Sign returns pdf followed by an incremental update with the signature.
	Sign(pdf []byte, id *Identity, r Request) ([]byte, error)
	// Verify checks every signature of pdf against the anchors.
	Verify(pdf []byte, anchors *x509.CertPool) Verdict
}

// Document kinds that can be signed.
const (
	KindDecision     = "decision"
	KindCertificates = "certificates"
)

// Methods of signing.
const (
	MethodInside  = "INSIDE"  // with the agency's certificate stored in thidua
	MethodOutside = "OUTSIDE" // with the signer's own token, uploaded back
)

// Certificate is an agency's stored signing certificate (its key sealed).
type Certificate struct {
	ID        int64     `json:"id"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name,omitempty"`
	Subject   string    `json:"subject"`
	Name      string    `json:"name"`
	Issuer    string    `json:"issuer"`
	Serial    string    `json:"serial"`
	NotAfter  time.Time `json:"not_after"`
	CreatedAt time.Time `json:"created_at"`
}

// Anchor is a trust anchor: a root certificate whose descendants are
// accepted as known issuers.
type Anchor struct {
	ID        int64     `json:"id"`
	Subject   string    `json:"subject"`
	Serial    string    `json:"serial"`
	NotAfter  time.Time `json:"not_after"`
	FromDir   bool      `json:"from_dir"` // read from the anchors directory, not stored
	CreatedAt time.Time `json:"created_at,omitzero"`
	DER       []byte    `json:"-"`
}

// Document is a decision's PDF as issued, frozen when the decision is
// issued, and once signed the signed file with who signed. A state read
// (Service.DocumentState) leaves Issued and Signed empty and gives their
// sizes only.
type Document struct {
	DecisionID int64            `json:"decision_id"`
	Kind       string           `json:"kind"`
	Issued     []byte           `json:"-"`
	Spot       *thidua.SignSpot `json:"-"`
	Signed     []byte           `json:"-"`
	Method     string           `json:"method,omitempty"`
	Signatures []Signature      `json:"signatures"`
	SignedAt   time.Time        `json:"signed_at,omitzero"`
	// IssuedSize and SignedSize are the lengths of the two files (0: none
	// yet; an IssuedSize of 0 means the document is not frozen).
	IssuedSize int64 `json:"-"`
	SignedSize int64 `json:"-"`
}

// IsSigned reports whether the document carries signatures.
func (d *Document) IsSigned() bool { return d != nil && (len(d.Signed) > 0 || d.SignedSize > 0) }

// IsFrozen reports whether the issued file is stored.
func (d *Document) IsFrozen() bool { return d != nil && (len(d.Issued) > 0 || d.IssuedSize > 0) }

// File is the bytes to download: the signed file once there is one.
func (d *Document) File() []byte {
	if d.IsSigned() {
		return d.Signed
	}
	return d.Issued
}

// Maker writes a document's PDF and reports where its signature goes.
type Maker func() ([]byte, *thidua.SignSpot, error)

// Service is what the web asks of signatures. Every method checks the
// user in ctx: certificates and anchors need PermManageSystem over the
// unit; documents need the decision visible (reads) or PermManageCampaigns
// over its unit (signing).
type Service interface {
	// AddCertificate opens, checks and stores a PKCS#12 for a unit, sealed
	// under the secret key; EINVALID without one (ErrNoKey) or for a bad
	// file or password.
	AddCertificate(ctx context.Context, unitID int64, p12 []byte, password string) (*Certificate, error)
	// Certificates lists the stored certificates the user may manage.
	Certificates(ctx context.Context) ([]*Certificate, error)
	// DeleteCertificate removes one; ENOTFOUND.
	DeleteCertificate(ctx context.Context, id int64) error
	// AddAnchor stores a trust anchor (PEM or DER); EINVALID.
	AddAnchor(ctx context.Context, data []byte) (*Anchor, error)
	// Anchors lists the stored anchors and those of the directory.
	Anchors(ctx context.Context) ([]*Anchor, error)
	// DeleteAnchor removes a stored anchor; ENOTFOUND.
	DeleteAnchor(ctx context.Context, id int64) error
	// Document returns an issued decision's document of a kind, freezing
	// it with make on first need; EINVALID before issue. It writes: call
	// it when the decision is issued and when signing, never from a GET.
	Document(ctx context.Context, d *thidua.Decision, kind string, make Maker) (*Document, error)
	// DocumentState reads the state of a document of a kind (signatures,
	// sizes, no bytes) and never writes: a document not frozen yet comes
	// back with its kind and nothing else; EINVALID before issue.
	DocumentState(ctx context.Context, d *thidua.Decision, kind string) (*Document, error)
	// DocumentFile reads the bytes to download (the signed file once
	// signed), nil when the document is not frozen; it never writes.
	DocumentFile(ctx context.Context, d *thidua.Decision, kind string) ([]byte, error)
	// SignInside signs the document with the unit's stored certificate.
	SignInside(ctx context.Context, d *thidua.Decision, kind string, make Maker) (*Document, error)
	// AcceptSigned takes a file signed outside thidua, checked by
	// CheckSignedRevision; EINVALID and nothing changes when it fails.
	AcceptSigned(ctx context.Context, d *thidua.Decision, kind string, make Maker, upload []byte) (*Document, error)
	// CheckFile verifies an uploaded file's signatures and records the
	// verdict under its storage key.
	CheckFile(ctx context.Context, key string, data []byte) (Verdict, error)
	// FileVerdicts returns the recorded verdicts of storage keys.
	FileVerdicts(ctx context.Context, keys []string) (map[string]Verdict, error)
}
