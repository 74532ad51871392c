// Package ballot is the council's secret ballot as cryptography: exponential
// ElGamal over ristretto255, disjunctive Chaum–Pedersen proofs that each
// choice is 0 or 1, homomorphic sums per nominee, a Feldman t-of-n split of
// the meeting's key among trustees, partial decryptions of the sums with
// Chaum–Pedersen proofs, and their Lagrange combination. It follows
// Helios and Belenios. It knows neither SQL nor HTTP: the storage keeps what
// it produces and the web serves it.
//
// Encoding (also in the README, so that another implementation produces
// the same bytes): a point is its 32-byte canonical ristretto255 encoding
// (RFC 9496), a scalar its 32-byte little-endian canonical encoding modulo
// the group order ℓ; both travel in JSON as lowercase hex. Fiat–Shamir
// challenges are HashToScalar (expand_message_xmd with SHA-512, 64 bytes
// reduced modulo ℓ) of a transcript under a per-proof domain-separation tag
// (DST); a transcript is the concatenation of items, each a 4-byte
// big-endian length then the item's bytes.
package ballot

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/cloudflare/circl/group"
)

// The group: ristretto255 from circl.
var grp = group.Ristretto255

// Domain-separation tags of the Fiat–Shamir challenges.
const (
	dstZeroOne = "thidua-ballot-v1/zero-one"
	dstDecrypt = "thidua-ballot-v1/decrypt"
)

// Version names the record format.
const Version = "thidua-ballot-v1"

// ErrInvalid is wrapped by every verification failure.
var ErrInvalid = errors.New("ballot: invalid")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// Point is a group element; JSON carries it as 64 hex digits.
type Point struct{ e group.Element }

// Scalar is an integer modulo ℓ; JSON carries it as 64 hex digits.
type Scalar struct{ s group.Scalar }

func pointOf(e group.Element) Point  { return Point{e} }
func scalarOf(s group.Scalar) Scalar { return Scalar{s} }

// Bytes is the 32-byte canonical encoding (nil for a missing point).
func (p Point) Bytes() []byte {
	if p.e == nil {
		return nil
	}
	b, _ := p.e.MarshalBinary()
	return b
}

// Equal reports whether two points are the same element.
func (p Point) Equal(q Point) bool { return p.e != nil && q.e != nil && p.e.IsEqual(q.e) }

// MarshalText encodes the point as lowercase hex.
func (p Point) MarshalText() ([]byte, error) {
	if p.e == nil {
		return nil, errors.New("ballot: missing point")
	}
	return hex.AppendEncode(nil, p.Bytes()), nil
}

// UnmarshalText decodes a canonical point.
func (p *Point) UnmarshalText(t []byte) error {
	b, err := hex.DecodeString(string(t))
	if err != nil || len(b) != 32 {
		return invalid("a point is 64 hex digits")
	}
	e := grp.NewElement()
	if err := e.UnmarshalBinary(b); err != nil {
		return invalid("not a ristretto255 point")
	}
	p.e = e
	return nil
}

// Bytes is the 32-byte little-endian encoding.
func (s Scalar) Bytes() []byte {
	if s.s == nil {
		return nil
	}
	b, _ := s.s.MarshalBinary()
	return b
}

// MarshalText encodes the scalar as lowercase hex.
func (s Scalar) MarshalText() ([]byte, error) {
	if s.s == nil {
		return nil, errors.New("ballot: missing scalar")
	}
	return hex.AppendEncode(nil, s.Bytes()), nil
}

// UnmarshalText decodes a canonical (reduced) scalar.
func (s *Scalar) UnmarshalText(t []byte) error {
	b, err := hex.DecodeString(string(t))
	if err != nil || len(b) != 32 {
		return invalid("a scalar is 64 hex digits")
	}
	v := grp.NewScalar()
	if err := v.UnmarshalBinary(b); err != nil {
		return invalid("a scalar must be reduced modulo the group order")
	}
	s.s = v
	return nil
}

func valid(ps ...Point) bool {
	for _, p := range ps {
		if p.e == nil {
			return false
		}
	}
	return true
}

func validScalars(ss ...Scalar) bool {
	for _, s := range ss {
		if s.s == nil {
			return false
		}
	}
	return true
}

// Small helpers over circl's interface.
func gen() group.Element                                { return grp.Generator() }
func mulGen(s group.Scalar) group.Element               { return grp.NewElement().MulGen(s) }
func mul(e group.Element, s group.Scalar) group.Element { return grp.NewElement().Mul(e, s) }
func add(a, b group.Element) group.Element              { return grp.NewElement().Add(a, b) }
func sub(a, b group.Element) group.Element              { return grp.NewElement().Add(a, grp.NewElement().Neg(b)) }
func randScalar() group.Scalar                          { return grp.RandomScalar(nil) }
func scalarInt(n int64) group.Scalar {
	s := grp.NewScalar()
	if n < 0 {
		return s.Neg(s.SetUint64(uint64(-n)))
	}
	return s.SetUint64(uint64(n))
}
func sAdd(a, b group.Scalar) group.Scalar { return grp.NewScalar().Add(a, b) }
func sSub(a, b group.Scalar) group.Scalar { return grp.NewScalar().Sub(a, b) }
func sMul(a, b group.Scalar) group.Scalar { return grp.NewScalar().Mul(a, b) }

// lincomb returns x^a · y^b (variable base).
func lincomb(x group.Element, a group.Scalar, y group.Element, b group.Scalar) group.Element {
	return add(mul(x, a), mul(y, b))
}

// transcript builds a Fiat–Shamir message: each item length-prefixed.
type transcript []byte

func (t *transcript) add(items ...[]byte) {
	for _, it := range items {
		*t = binary.BigEndian.AppendUint32(*t, uint32(len(it)))
		*t = append(*t, it...)
	}
}

func u64(n int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(n)) }
func u32(n int) []byte   { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

func enc(e group.Element) []byte { b, _ := e.MarshalBinary(); return b }

func (t transcript) challenge(dst string) group.Scalar {
	return grp.HashToScalar(t, []byte(dst))
}
