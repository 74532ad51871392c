package ballot

import (
	"encoding/json"
	"io"
)

// Trustee names a key holder of the meeting; Index is their share's x.
type Trustee struct {
	Index  int    `json:"index"`
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Role   string `json:"role"`
}

// RecordBallot is a ballot on the bulletin board with its hash.
type RecordBallot struct {
	Hash string `json:"hash"`
	Ballot
}

// Record is the meeting's bulletin board: everything needed to check the
// count offline, and nothing that decrypts a ballot. Sums appear once
// voting is closed, partial decryptions as trustees upload them, and the
// result once t of them are combined.
type Record struct {
	Version  string         `json:"version"`
	Key      Key            `json:"key"`
	Nominees []int64        `json:"nominees"`
	Trustees []Trustee      `json:"trustees"`
	Ballots  []RecordBallot `json:"ballots"`
	Sums     []Ciphertext   `json:"sums,omitempty"`
	Partials []*Partial     `json:"partials,omitempty"`
	// Result is the number of "agree" choices per nominee; the number of
	// "disagree" is len(Ballots) minus it.
	Result []int `json:"result,omitempty"`
}

// ReadRecord decodes a record.
func ReadRecord(r io.Reader) (*Record, error) {
	var rec Record
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return nil, invalid("the meeting record is not readable: %v", err)
	}
	return &rec, nil
}

// Verify checks a whole record: the key against its commitments, every
// ballot's proofs and hash, that no ballot copies another, the sums, every
// partial decryption and the result. It trusts nothing the server computed.
func (rec *Record) Verify() error {
	if rec.Version != Version {
		return invalid("unknown record version %q", rec.Version)
	}
	k := &rec.Key
	if err := CheckKey(k); err != nil {
		return err
	}
	if len(rec.Trustees) != len(k.VerificationKeys) {
		return invalid("%d trustees for %d verification keys", len(rec.Trustees), len(k.VerificationKeys))
	}
	n := len(rec.Nominees)
	w := Weeder{}
	ballots := make([]*Ballot, len(rec.Ballots))
	for i := range rec.Ballots {
		b := &rec.Ballots[i]
		fp, err := VerifyBallot(k, n, &b.Ballot)
		if err != nil {
			return invalid("ballot %s: %v", b.Hash, err)
		}
		if b.Ballot.Hash() != b.Hash {
			return invalid("ballot %d: its hash is not %s", i+1, b.Hash)
		}
		if err := w.Admit(fp); err != nil {
			return invalid("ballot %s: %v", b.Hash, err)
		}
		ballots[i] = &b.Ballot
	}
	if rec.Sums == nil {
		if rec.Partials != nil || rec.Result != nil {
			return invalid("a result without sums")
		}
		return nil
	}
	want := Sum(n, ballots)
	if len(rec.Sums) != n {
		return invalid("%d sums for %d nominees", len(rec.Sums), n)
	}
	for j := range want {
		if !rec.Sums[j].A.Equal(want[j].A) || !rec.Sums[j].B.Equal(want[j].B) {
			return invalid("sum %d is not the sum of the ballots", j+1)
		}
	}
	for _, p := range rec.Partials {
		if err := VerifyPartial(k, rec.Sums, p); err != nil {
			return err
		}
	}
	if rec.Result == nil {
		return nil
	}
	got, err := Combine(k, rec.Sums, rec.Partials, len(rec.Ballots))
	if err != nil {
		return err
	}
	if len(got) != len(rec.Result) {
		return invalid("the result has %d counts for %d nominees", len(rec.Result), len(got))
	}
	for j := range got {
		if got[j] != rec.Result[j] {
			return invalid("nominee %d: the sums decrypt to %d, the record says %d", j+1, got[j], rec.Result[j])
		}
	}
	return nil
}

// DecryptShare is `thidua ballot decrypt-share RECORD SHARE`: it checks the
// record (the sums must be those of its ballots) and the share, and
// returns the trustee's partial decryption of the sums.
func DecryptShare(record, share io.Reader) (*Partial, error) {
	rec, err := ReadRecord(record)
	if err != nil {
		return nil, err
	}
	if rec.Sums == nil {
		return nil, invalid("voting is not closed: the record has no sums yet")
	}
	if err := rec.Verify(); err != nil {
		return nil, err
	}
	var s Share
	dec := json.NewDecoder(share)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, invalid("the share file is not readable: %v", err)
	}
	return PartialDecrypt(&rec.Key, &s, rec.Sums)
}
