package ballot

import (
	"github.com/cloudflare/circl/group"
)

// Share is one trustee's share sᵢ = f(i) of the meeting's secret key x =
// f(0), as the file the trustee downloads. It never returns to the server.
type Share struct {
	Version   string `json:"version"`
	MeetingID int64  `json:"meeting_id"`
	Trustee   int    `json:"trustee"` // 1-based index i
	Share     Scalar `json:"share"`
	PublicKey Point  `json:"public_key"`
}

// Deal makes a meeting's key and splits it t-of-n with Feldman commitments:
// a random polynomial f of degree t−1, h = g^f(0), commitments g^aⱼ, shares
// sᵢ = f(i) and verification keys gᵢ = g^sᵢ. The caller hands each share
// to its trustee and forgets it; the secret itself is never formed again.
func Deal(meetingID int64, n, t int) (*Key, []Share, error) {
	if n < 1 || t < 1 || t > n || n > 100 {
		return nil, nil, invalid("need 1 ≤ t ≤ n ≤ 100 trustees, have t=%d n=%d", t, n)
	}
	coef := make([]group.Scalar, t)
	k := &Key{MeetingID: meetingID, Threshold: t}
	for j := range coef {
		coef[j] = grp.RandomNonZeroScalar(nil)
		k.Commitments = append(k.Commitments, pointOf(mulGen(coef[j])))
	}
	k.PublicKey = k.Commitments[0]
	shares := make([]Share, n)
	for i := 1; i <= n; i++ {
		x := scalarInt(int64(i))
		s := grp.NewScalar().Set(coef[t-1])
		for j := t - 2; j >= 0; j-- {
			s = sAdd(sMul(s, x), coef[j])
		}
		shares[i-1] = Share{Version: Version, MeetingID: meetingID, Trustee: i, Share: scalarOf(s), PublicKey: k.PublicKey}
		k.VerificationKeys = append(k.VerificationKeys, pointOf(mulGen(s)))
	}
	return k, shares, nil
}

// CheckKey verifies the published key: h = C₀, and every verification key
// gᵢ = Π Cⱼ^(iʲ) (Feldman).
func CheckKey(k *Key) error {
	if k.Threshold < 1 || len(k.Commitments) != k.Threshold || len(k.VerificationKeys) < k.Threshold {
		return invalid("the key has %d commitments and %d trustees for threshold %d", len(k.Commitments), len(k.VerificationKeys), k.Threshold)
	}
	if !valid(k.PublicKey) || !valid(k.Commitments...) || !valid(k.VerificationKeys...) {
		return invalid("the key is incomplete")
	}
	if !k.PublicKey.Equal(k.Commitments[0]) {
		return invalid("the public key is not the first commitment")
	}
	for i := range k.VerificationKeys {
		if !feldman(k, i+1).IsEqual(k.VerificationKeys[i].e) {
			return invalid("trustee %d's verification key does not match the commitments", i+1)
		}
	}
	return nil
}

func feldman(k *Key, i int) group.Element {
	x := scalarInt(int64(i))
	pow := scalarInt(1)
	acc := grp.Identity()
	for _, c := range k.Commitments {
		acc = add(acc, mul(c.e, pow))
		pow = sMul(pow, x)
	}
	return acc
}

// CheckShare verifies a trustee's share against the published key.
func CheckShare(k *Key, s *Share) error {
	if s.MeetingID != k.MeetingID || s.Trustee < 1 || s.Trustee > len(k.VerificationKeys) || !validScalars(s.Share) {
		return invalid("the share is not one of this meeting's")
	}
	if !mulGen(s.Share.s).IsEqual(k.VerificationKeys[s.Trustee-1].e) {
		return invalid("the share does not match trustee %d's verification key", s.Trustee)
	}
	return nil
}

// DecryptionShare is Dᵢ = A^sᵢ for one sum with a Chaum–Pedersen proof
// (c, z) that log_g gᵢ = log_A Dᵢ: the verifier recomputes a = g^z·gᵢ^−c,
// b = A^z·Dᵢ^−c and checks c = H(transcript).
type DecryptionShare struct {
	D Point  `json:"d"`
	C Scalar `json:"c"`
	Z Scalar `json:"z"`
}

// Partial is one trustee's partial decryption of every sum, the file the
// trustee uploads.
type Partial struct {
	Version   string            `json:"version"`
	MeetingID int64             `json:"meeting_id"`
	Trustee   int               `json:"trustee"`
	Shares    []DecryptionShare `json:"shares"`
}

func decryptTranscript(k *Key, i, j int, sum Ciphertext, d, a, b group.Element) transcript {
	var t transcript
	t.add(u64(k.MeetingID), k.PublicKey.Bytes(), u32(i), k.VerificationKeys[i-1].Bytes(), u32(j), sum.A.Bytes(), sum.B.Bytes(), enc(d), enc(a), enc(b))
	return t
}

// PartialDecrypt computes a trustee's partial decryption of the sums,
// offline, with the share the trustee downloaded.
func PartialDecrypt(k *Key, s *Share, sums []Ciphertext) (*Partial, error) {
	if err := CheckShare(k, s); err != nil {
		return nil, err
	}
	p := &Partial{Version: Version, MeetingID: k.MeetingID, Trustee: s.Trustee, Shares: make([]DecryptionShare, len(sums))}
	for j, sum := range sums {
		if !valid(sum.A, sum.B) {
			return nil, invalid("sum %d is incomplete", j+1)
		}
		d := mul(sum.A.e, s.Share.s)
		w := randScalar()
		c := decryptTranscript(k, s.Trustee, j, sum, d, mulGen(w), mul(sum.A.e, w)).challenge(dstDecrypt)
		p.Shares[j] = DecryptionShare{D: pointOf(d), C: scalarOf(c), Z: scalarOf(sAdd(w, sMul(c, s.Share.s)))}
	}
	return p, nil
}

// VerifyPartial checks every decryption proof of a partial against the
// trustee's verification key and the sums.
func VerifyPartial(k *Key, sums []Ciphertext, p *Partial) error {
	if p.MeetingID != k.MeetingID || p.Trustee < 1 || p.Trustee > len(k.VerificationKeys) {
		return invalid("the partial decryption is not from one of this meeting's trustees")
	}
	if len(p.Shares) != len(sums) {
		return invalid("trustee %d decrypted %d sums of %d", p.Trustee, len(p.Shares), len(sums))
	}
	gi := k.VerificationKeys[p.Trustee-1].e
	for j, ds := range p.Shares {
		if !valid(ds.D) || !validScalars(ds.C, ds.Z) {
			return invalid("trustee %d, sum %d: incomplete", p.Trustee, j+1)
		}
		negc := grp.NewScalar().Neg(ds.C.s)
		a := add(mulGen(ds.Z.s), mul(gi, negc))
		b := lincomb(sums[j].A.e, ds.Z.s, ds.D.e, negc)
		if !decryptTranscript(k, p.Trustee, j, sums[j], ds.D.e, a, b).challenge(dstDecrypt).IsEqual(ds.C.s) {
			return invalid("trustee %d, sum %d: the decryption proof fails", p.Trustee, j+1)
		}
	}
	return nil
}

// lagrange returns λᵢ = Π_{j∈S, j≠i} j/(j−i), the coefficient of trustee i
// at 0 over the set S.
func lagrange(i int, set []int) group.Scalar {
	num, den := scalarInt(1), scalarInt(1)
	for _, j := range set {
		if j == i {
			continue
		}
		num = sMul(num, scalarInt(int64(j)))
		den = sMul(den, scalarInt(int64(j-i)))
	}
	return sMul(num, grp.NewScalar().Inv(den))
}

// Combine verifies at least t partial decryptions from distinct trustees,
// combines the first t by Lagrange interpolation and returns each sum's
// plaintext, the number of "agree" choices, searched in 0..max.
func Combine(k *Key, sums []Ciphertext, partials []*Partial, max int) ([]int, error) {
	var set []int
	var use []*Partial
	seen := map[int]bool{}
	for _, p := range partials {
		if err := VerifyPartial(k, sums, p); err != nil {
			return nil, err
		}
		if seen[p.Trustee] {
			return nil, invalid("trustee %d decrypted twice", p.Trustee)
		}
		seen[p.Trustee] = true
		if len(set) < k.Threshold {
			set = append(set, p.Trustee)
			use = append(use, p)
		}
	}
	if len(set) < k.Threshold {
		return nil, invalid("%d partial decryptions of the %d needed", len(set), k.Threshold)
	}
	lambdas := make([]group.Scalar, len(set))
	for n, i := range set {
		lambdas[n] = lagrange(i, set)
	}
	table := dlogTable(max)
	out := make([]int, len(sums))
	for j, sum := range sums {
		ax := grp.Identity()
		for n, p := range use {
			ax = add(ax, mul(p.Shares[j].D.e, lambdas[n]))
		}
		gm := sub(sum.B.e, ax)
		m, ok := table[string(enc(gm))]
		if !ok {
			return nil, invalid("sum %d does not decrypt to a count between 0 and %d", j+1, max)
		}
		out[j] = m
	}
	return out, nil
}

// dlogTable maps g^m to m for m in 0..max: sums are at most the number of
// ballots, so the discrete logarithm is a lookup.
func dlogTable(max int) map[string]int {
	t := make(map[string]int, max+1)
	e := grp.Identity()
	for m := 0; m <= max; m++ {
		t[string(enc(e))] = m
		e = add(e, gen())
	}
	return t
}
