package ballot

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
)

// meeting builds a closed, fully decrypted record of voters × nominees
// with random choices, and returns the expected counts.
func meeting(t testing.TB, voters, nominees int, decryptBy ...int) (*Record, []Share, []int) {
	t.Helper()
	k, shares, err := Deal(42, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	rec := &Record{Version: Version, Key: *k}
	for i := range nominees {
		rec.Nominees = append(rec.Nominees, int64(100+i))
	}
	for i := range 3 {
		rec.Trustees = append(rec.Trustees, Trustee{Index: i + 1, UserID: int64(i + 1)})
	}
	want := make([]int, nominees)
	var bs []*Ballot
	for range voters {
		choices := make([]int, nominees)
		for j := range choices {
			choices[j] = rand.IntN(2)
			want[j] += choices[j]
		}
		b, err := Encrypt(k, choices)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
		rec.Ballots = append(rec.Ballots, RecordBallot{Hash: b.Hash(), Ballot: *b})
	}
	rec.Sums = Sum(nominees, bs)
	if len(decryptBy) == 0 {
		decryptBy = []int{1, 2}
	}
	for _, i := range decryptBy {
		p, err := PartialDecrypt(k, &shares[i-1], rec.Sums)
		if err != nil {
			t.Fatal(err)
		}
		rec.Partials = append(rec.Partials, p)
	}
	if rec.Result, err = Combine(k, rec.Sums, rec.Partials, voters); err != nil {
		t.Fatal(err)
	}
	return rec, shares, want
}

// roundTrip passes a record through its JSON form, as the download does.
func roundTrip(t testing.TB, rec *Record) *Record {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ReadRecord(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestValidMeetingVerifies(t *testing.T) {
	for range 5 {
		rec, _, want := meeting(t, 5, 4)
		for j := range want {
			if rec.Result[j] != want[j] {
				t.Fatalf("nominee %d: %d agree, want %d", j, rec.Result[j], want[j])
			}
		}
		if err := roundTrip(t, rec).Verify(); err != nil {
			t.Fatalf("Verify: %v", err)
		}
	}
}

func TestAnyTwoOfThreeGiveTheSameSums(t *testing.T) {
	rec, shares, want := meeting(t, 7, 3)
	for _, set := range [][]int{{1, 2}, {1, 3}, {2, 3}, {3, 1}, {1, 2, 3}} {
		var ps []*Partial
		for _, i := range set {
			p, err := PartialDecrypt(&rec.Key, &shares[i-1], rec.Sums)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
		got, err := Combine(&rec.Key, rec.Sums, ps, 7)
		if err != nil {
			t.Fatalf("%v: %v", set, err)
		}
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("trustees %v: nominee %d = %d, want %d", set, j, got[j], want[j])
			}
		}
	}
	// One share is not enough.
	p, _ := PartialDecrypt(&rec.Key, &shares[0], rec.Sums)
	if _, err := Combine(&rec.Key, rec.Sums, []*Partial{p}, 7); !errors.Is(err, ErrInvalid) {
		t.Fatalf("one of three shares decrypted: %v", err)
	}
	// The same trustee twice is not two trustees.
	if _, err := Combine(&rec.Key, rec.Sums, []*Partial{p, p}, 7); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a share counted twice: %v", err)
	}
}

func TestBallotOutsideZeroOneFails(t *testing.T) {
	k, _, _ := Deal(7, 3, 2)
	for _, bad := range []int{2, -1, 3, 1 << 20} {
		if _, err := Encrypt(k, []int{1, bad}); err == nil {
			t.Fatalf("Encrypt accepted %d", bad)
		}
		// A cheating prover runs the protocol anyway.
		for try := range 20 {
			b := encrypt(k, []int{1, bad, 0})
			if _, err := VerifyBallot(k, 3, b); !errors.Is(err, ErrInvalid) {
				t.Fatalf("a ballot encoding %d verified (try %d)", bad, try)
			}
		}
	}
	b, _ := Encrypt(k, []int{1, 0, 1})
	if _, err := VerifyBallot(k, 3, b); err != nil {
		t.Fatalf("valid ballot: %v", err)
	}
	if _, err := VerifyBallot(k, 2, b); err == nil {
		t.Fatal("a ballot of 3 choices verified for 2 nominees")
	}
	other, _, _ := Deal(8, 3, 2)
	if _, err := VerifyBallot(other, 3, b); err == nil {
		t.Fatal("a ballot verified under another meeting's key")
	}
	same := *k
	same.MeetingID = 9
	if _, err := VerifyBallot(&same, 3, b); err == nil {
		t.Fatal("a ballot verified for another meeting id")
	}
}

func TestWeedingRefusesCopies(t *testing.T) {
	k, _, _ := Deal(7, 3, 2)
	a, _ := Encrypt(k, []int{1, 0})
	w := Weeder{}
	fp, err := VerifyBallot(k, 2, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Admit(fp); err != nil {
		t.Fatal(err)
	}
	if err := w.Admit(fp); err == nil {
		t.Fatal("an exact copy was admitted")
	}
	// Re-randomize the first choice: A·g^r', B·h^r', z += c·r'. Its
	// commitments are unchanged, so either the proof fails (the challenge
	// binds the ciphertext) or weeding catches it.
	r := randScalar()
	c := a.Choices[0]
	c.A = pointOf(add(c.A.e, mulGen(r)))
	c.B = pointOf(add(c.B.e, mul(k.PublicKey.e, r)))
	c.Proof.Z0 = scalarOf(sAdd(c.Proof.Z0.s, sMul(c.Proof.C0.s, r)))
	c.Proof.Z1 = scalarOf(sAdd(c.Proof.Z1.s, sMul(c.Proof.C1.s, r)))
	re := &Ballot{Choices: []Choice{c, a.Choices[1]}}
	if fp, err := VerifyBallot(k, 2, re); err == nil {
		if w.Admit(fp) == nil {
			t.Fatal("a re-randomized copy was admitted")
		}
	}
	fresh, _ := Encrypt(k, []int{1, 0})
	fp2, err := VerifyBallot(k, 2, fresh)
	if err != nil || w.Admit(fp2) != nil {
		t.Fatalf("a fresh ballot with the same choices was refused: %v", err)
	}
}

// Tampering any stored ballot, sum or decryption share makes Verify fail.
func TestTamperingFailsVerification(t *testing.T) {
	rec, _, _ := meeting(t, 4, 3)
	other, _, _ := meeting(t, 4, 3)
	g := pointOf(gen())
	one := scalarOf(scalarInt(1))
	cases := map[string]func(r *Record){
		"ballot A": func(r *Record) { r.Ballots[1].Choices[2].A = pointOf(add(r.Ballots[1].Choices[2].A.e, g.e)) },
		"ballot B": func(r *Record) { r.Ballots[0].Choices[0].B = pointOf(add(r.Ballots[0].Choices[0].B.e, g.e)) },
		"ballot proof": func(r *Record) {
			r.Ballots[3].Choices[1].Proof.Z1 = scalarOf(sAdd(r.Ballots[3].Choices[1].Proof.Z1.s, one.s))
		},
		"ballot swapped": func(r *Record) {
			r.Ballots[0].Choices[0], r.Ballots[0].Choices[1] = r.Ballots[0].Choices[1], r.Ballots[0].Choices[0]
		},
		"ballot hash":      func(r *Record) { r.Ballots[2].Hash = r.Ballots[1].Hash },
		"ballot dropped":   func(r *Record) { r.Ballots = r.Ballots[1:] },
		"ballot added":     func(r *Record) { r.Ballots = append(r.Ballots, r.Ballots[0]) },
		"foreign ballot":   func(r *Record) { r.Ballots[0] = other.Ballots[0] },
		"sum":              func(r *Record) { r.Sums[1].B = pointOf(add(r.Sums[1].B.e, g.e)) },
		"sum A":            func(r *Record) { r.Sums[0].A = pointOf(add(r.Sums[0].A.e, g.e)) },
		"share D":          func(r *Record) { r.Partials[0].Shares[2].D = pointOf(add(r.Partials[0].Shares[2].D.e, g.e)) },
		"share proof":      func(r *Record) { r.Partials[1].Shares[0].Z = scalarOf(sAdd(r.Partials[1].Shares[0].Z.s, one.s)) },
		"share trustee":    func(r *Record) { r.Partials[1].Trustee = 3 },
		"share dropped":    func(r *Record) { r.Partials = r.Partials[:1] },
		"result":           func(r *Record) { r.Result[0] = (r.Result[0] + 1) % 5 },
		"verification key": func(r *Record) { r.Key.VerificationKeys[0] = r.Key.VerificationKeys[1] },
		"public key":       func(r *Record) { r.Key.PublicKey = other.Key.PublicKey },
		"commitment":       func(r *Record) { r.Key.Commitments[1] = other.Key.Commitments[1] },
		"meeting id":       func(r *Record) { r.Key.MeetingID++ },
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			r := roundTrip(t, rec)
			tamper(r)
			if err := roundTrip(t, r).Verify(); !errors.Is(err, ErrInvalid) {
				t.Fatalf("tampered %s verified: %v", name, err)
			}
		})
	}
}

func TestDecryptShareFiles(t *testing.T) {
	rec, shares, want := meeting(t, 3, 2)
	rec.Partials, rec.Result = nil, nil
	recJSON, _ := json.Marshal(rec)
	var ps []*Partial
	for _, i := range []int{3, 1} {
		shareJSON, _ := json.Marshal(shares[i-1])
		p, err := DecryptShare(bytes.NewReader(recJSON), bytes.NewReader(shareJSON))
		if err != nil {
			t.Fatalf("DecryptShare: %v", err)
		}
		ps = append(ps, p)
	}
	got, err := Combine(&rec.Key, rec.Sums, ps, 3)
	if err != nil || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Combine = %v, %v; want %v", got, err, want)
	}
	// A share of another meeting, or a forged one, is refused.
	_, foreign, _ := meeting(t, 1, 2)
	for _, s := range []Share{foreign[0], {Version: Version, MeetingID: 42, Trustee: 1, Share: scalarOf(randScalar()), PublicKey: rec.Key.PublicKey}} {
		b, _ := json.Marshal(s)
		if _, err := DecryptShare(bytes.NewReader(recJSON), bytes.NewReader(b)); !errors.Is(err, ErrInvalid) {
			t.Fatalf("a wrong share decrypted: %v", err)
		}
	}
	open := *rec
	open.Sums = nil
	b, _ := json.Marshal(&open)
	s, _ := json.Marshal(shares[0])
	if _, err := DecryptShare(bytes.NewReader(b), bytes.NewReader(s)); err == nil {
		t.Fatal("decrypted a record without sums")
	}
}

func TestEncodingIsCanonical(t *testing.T) {
	var p Point
	for _, bad := range []string{"00", "zz" + string(bytes.Repeat([]byte("0"), 62)), string(bytes.Repeat([]byte("f"), 64))} {
		if err := p.UnmarshalText([]byte(bad)); err == nil {
			t.Fatalf("point %q decoded", bad)
		}
	}
	var s Scalar
	// ℓ itself is not reduced.
	l := "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
	if err := s.UnmarshalText([]byte(l)); err == nil {
		t.Fatal("an unreduced scalar decoded")
	}
	// The generator's encoding (RFC 9496 A.1).
	b, _ := pointOf(gen()).MarshalText()
	if got, want := string(b), "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"; got != want {
		t.Fatalf("generator = %s, want %s", got, want)
	}
}

func BenchmarkEncryptBallot50(b *testing.B) {
	k, _, _ := Deal(1, 3, 2)
	choices := make([]int, 50)
	for i := range choices {
		choices[i] = i % 2
	}
	for b.Loop() {
		if _, err := Encrypt(k, choices); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyMeeting15x50(b *testing.B) {
	rec, _, _ := meeting(b, 15, 50)
	for b.Loop() {
		if err := rec.Verify(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClose15x50 is what the server does at close: verify the
// ballots, sum them, verify t partial decryptions and combine them.
func BenchmarkClose15x50(b *testing.B) {
	rec, _, _ := meeting(b, 15, 50)
	bs := make([]*Ballot, len(rec.Ballots))
	for i := range rec.Ballots {
		bs[i] = &rec.Ballots[i].Ballot
	}
	for b.Loop() {
		sums := Sum(50, bs)
		if _, err := Combine(&rec.Key, sums, rec.Partials, 15); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineScalarMult is the unit the others are read in: one
// ristretto255 variable-base scalar multiplication, measured in the same
// run (an encrypted choice with its proof costs about 9, its verification 8).
func BenchmarkBaselineScalarMult(b *testing.B) {
	p := mulGen(randScalar())
	s := randScalar()
	for b.Loop() {
		p = mul(p, s)
	}
}
