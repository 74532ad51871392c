package ballot

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/cloudflare/circl/group"
)

// Ciphertext is an exponential ElGamal encryption of m under the public key
// h: A = g^r, B = g^m·h^r.
type Ciphertext struct {
	A Point `json:"a"`
	B Point `json:"b"`
}

// ZeroOneProof is a disjunctive Chaum–Pedersen proof that a ciphertext
// encrypts 0 or 1, in compact form: the verifier recomputes the
// commitments aᵢ = g^zᵢ·A^−cᵢ, bᵢ = h^zᵢ·(B/gⁱ)^−cᵢ (i = 0, 1) and checks
// c0 + c1 = H(transcript).
type ZeroOneProof struct {
	C0 Scalar `json:"c0"`
	C1 Scalar `json:"c1"`
	Z0 Scalar `json:"z0"`
	Z1 Scalar `json:"z1"`
}

// Choice is one nominee's encrypted choice (1: đồng ý, 0: không đồng ý)
// with its proof.
type Choice struct {
	Ciphertext
	Proof ZeroOneProof `json:"proof"`
}

// Ballot is one member's encrypted ballot: a choice per agenda nominee, in
// agenda order. It carries no voter, time or order.
type Ballot struct {
	Choices []Choice `json:"choices"`
}

// Key is what a meeting publishes of its key: the public key h = g^x, the
// Feldman commitments g^aⱼ of the sharing polynomial (Commitments[0] = h)
// and each trustee's verification key gᵢ = g^sᵢ.
type Key struct {
	MeetingID        int64   `json:"meeting_id"`
	Threshold        int     `json:"threshold"`
	PublicKey        Point   `json:"public_key"`
	Commitments      []Point `json:"commitments"`
	VerificationKeys []Point `json:"verification_keys"`
}

// ballotDigest binds every proof of a ballot to all its ciphertexts, so no
// proof moves between ballots (the ballot's well-formedness as a whole:
// exactly these n choices, in this order, for this meeting).
func ballotDigest(cs []Choice) []byte {
	var b []byte
	for _, c := range cs {
		b = append(b, c.A.Bytes()...)
		b = append(b, c.B.Bytes()...)
	}
	return b
}

func zeroOneTranscript(k *Key, n, j int, digest []byte, ct Ciphertext, a0, b0, a1, b1 group.Element) transcript {
	var t transcript
	t.add(u64(k.MeetingID), k.PublicKey.Bytes(), u32(n), digest, u32(j), ct.A.Bytes(), ct.B.Bytes(), enc(a0), enc(b0), enc(a1), enc(b1))
	return t
}

// Encrypt encrypts and proves a ballot: choices[i] is 1 (agree) or 0
// (disagree) for the i-th nominee.
func Encrypt(k *Key, choices []int) (*Ballot, error) {
	for _, m := range choices {
		if m != 0 && m != 1 {
			return nil, invalid("a choice is 0 or 1")
		}
	}
	return encrypt(k, choices), nil
}

// encrypt runs the prover on any integers; for a choice other than 0 or 1
// it produces what a cheating prover can, which verification refuses.
func encrypt(k *Key, choices []int) *Ballot {
	h := k.PublicKey.e
	b := &Ballot{Choices: make([]Choice, len(choices))}
	rs := make([]group.Scalar, len(choices))
	for i, m := range choices {
		r := randScalar()
		rs[i] = r
		b.Choices[i].A = pointOf(mulGen(r))
		b.Choices[i].B = pointOf(add(mulGen(scalarInt(int64(m))), mul(h, r)))
	}
	digest := ballotDigest(b.Choices)
	for i, m := range choices {
		b.Choices[i].Proof = proveZeroOne(k, len(choices), i, digest, b.Choices[i].Ciphertext, m, rs[i])
	}
	return b
}

func proveZeroOne(k *Key, n, j int, digest []byte, ct Ciphertext, m int, r group.Scalar) ZeroOneProof {
	h := k.PublicKey.e
	real := 1
	if m == 0 {
		real = 0
	}
	fake := 1 - real
	// The simulated branch: pick its challenge and response, derive its commitments.
	cf, zf := randScalar(), randScalar()
	negc := grp.NewScalar().Neg(cf)
	af := add(mulGen(zf), mul(ct.A.e, negc))
	bf := lincomb(h, zf, sub(ct.B.e, mulGen(scalarInt(int64(fake)))), negc)
	w := randScalar()
	ar, br := mulGen(w), mul(h, w)
	var a0, b0, a1, b1 group.Element
	if real == 0 {
		a0, b0, a1, b1 = ar, br, af, bf
	} else {
		a0, b0, a1, b1 = af, bf, ar, br
	}
	c := zeroOneTranscript(k, n, j, digest, ct, a0, b0, a1, b1).challenge(dstZeroOne)
	cr := sSub(c, cf)
	zr := sAdd(w, sMul(cr, r))
	if real == 0 {
		return ZeroOneProof{scalarOf(cr), scalarOf(cf), scalarOf(zr), scalarOf(zf)}
	}
	return ZeroOneProof{scalarOf(cf), scalarOf(cr), scalarOf(zf), scalarOf(zr)}
}

// Fingerprints are what weeding compares between ballots: every A of a
// ballot and every recomputed commitment of its proofs. A copy of another
// member's ballot, or a re-randomization that keeps its proofs' commitments,
// shares at least one.
type Fingerprints []string

// VerifyBallot checks that a ballot has one choice per nominee and that
// every proof holds; it returns the ballot's fingerprints for weeding.
func VerifyBallot(k *Key, nominees int, b *Ballot) (Fingerprints, error) {
	if !valid(k.PublicKey) {
		return nil, invalid("no public key")
	}
	if len(b.Choices) != nominees {
		return nil, invalid("the ballot has %d choices for %d nominees", len(b.Choices), nominees)
	}
	h := k.PublicKey.e
	digest := ballotDigest(b.Choices)
	fp := make(Fingerprints, 0, 3*nominees)
	for j, c := range b.Choices {
		p := c.Proof
		if !valid(c.A, c.B) || !validScalars(p.C0, p.C1, p.Z0, p.Z1) {
			return nil, invalid("choice %d is incomplete", j+1)
		}
		if c.A.e.IsIdentity() {
			return nil, invalid("choice %d: A is the identity", j+1)
		}
		n0, n1 := grp.NewScalar().Neg(p.C0.s), grp.NewScalar().Neg(p.C1.s)
		a0 := add(mulGen(p.Z0.s), mul(c.A.e, n0))
		b0 := lincomb(h, p.Z0.s, c.B.e, n0)
		a1 := add(mulGen(p.Z1.s), mul(c.A.e, n1))
		b1 := lincomb(h, p.Z1.s, sub(c.B.e, gen()), n1)
		want := zeroOneTranscript(k, nominees, j, digest, c.Ciphertext, a0, b0, a1, b1).challenge(dstZeroOne)
		if !sAdd(p.C0.s, p.C1.s).IsEqual(want) {
			return nil, invalid("choice %d: the proof that it is 0 or 1 fails", j+1)
		}
		fp = append(fp, hex.EncodeToString(c.A.Bytes()), hex.EncodeToString(enc(a0)), hex.EncodeToString(enc(a1)))
	}
	return fp, nil
}

// Hash is the ballot's hash, the member's receipt: SHA-256 over every
// choice's A, B, c0, c1, z0, z1 in order, as lowercase hex.
func (b *Ballot) Hash() string {
	h := sha256.New()
	for _, c := range b.Choices {
		h.Write(c.A.Bytes())
		h.Write(c.B.Bytes())
		h.Write(c.Proof.C0.Bytes())
		h.Write(c.Proof.C1.Bytes())
		h.Write(c.Proof.Z0.Bytes())
		h.Write(c.Proof.Z1.Bytes())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Weeder refuses a ballot that shares a fingerprint with one already in
// the box: a duplicate or a re-randomized copy of another member's ballot.
type Weeder map[string]bool

// Admit records the fingerprints, or refuses them all if one is known.
func (w Weeder) Admit(fp Fingerprints) error {
	for _, f := range fp {
		if w[f] {
			return invalid("the ballot copies another ballot")
		}
	}
	for _, f := range fp {
		w[f] = true
	}
	return nil
}

// Sum adds the ballots homomorphically: one ciphertext per nominee.
func Sum(nominees int, ballots []*Ballot) []Ciphertext {
	out := make([]Ciphertext, nominees)
	for i := range out {
		a, b := grp.Identity(), grp.Identity()
		for _, bl := range ballots {
			a = add(a, bl.Choices[i].A.e)
			b = add(b, bl.Choices[i].B.e)
		}
		out[i] = Ciphertext{pointOf(a), pointOf(b)}
	}
	return out
}
