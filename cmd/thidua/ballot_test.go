package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thidua/ballot"
)

// TestBallotCommands runs what trustees and members run offline: two
// trustees compute their partial decryptions with `ballot decrypt-share`
// from the record and their share files, and `ballot verify` accepts the
// completed record and refuses it once any ballot, sum or decryption share
// is altered.
func TestBallotCommands(t *testing.T) {
	dir := t.TempDir()
	k, shares, err := ballot.Deal(7, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	rec := &ballot.Record{Version: ballot.Version, Key: *k, Nominees: []int64{11, 12}}
	for i := range 3 {
		rec.Trustees = append(rec.Trustees, ballot.Trustee{Index: i + 1, UserID: int64(i + 1)})
	}
	var bs []*ballot.Ballot
	for _, c := range [][]int{{1, 0}, {1, 1}, {0, 1}, {1, 1}} {
		b, err := ballot.Encrypt(k, c)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
		rec.Ballots = append(rec.Ballots, ballot.RecordBallot{Hash: b.Hash(), Ballot: *b})
	}
	rec.Sums = ballot.Sum(2, bs)
	write := func(name string, v any) string {
		p := filepath.Join(dir, name)
		b, _ := json.Marshal(v)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	recPath := write("record.json", rec)
	if out := mustRun(t, "ballot", "verify", recPath); !strings.Contains(out, "Hòm phiếu hợp lệ") || !strings.Contains(out, "Chưa có kết quả: 0/2") {
		t.Fatalf("verify before decryption: %s", out)
	}
	for _, i := range []int{1, 3} {
		out := filepath.Join(dir, "partial.json")
		mustRun(t, "ballot", "decrypt-share", "-o", out, recPath, write("share.json", shares[i-1]))
		b, _ := os.ReadFile(out)
		var p ballot.Partial
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		rec.Partials = append(rec.Partials, &p)
	}
	if rec.Result, err = ballot.Combine(k, rec.Sums, rec.Partials, 4); err != nil {
		t.Fatal(err)
	}
	if got := rec.Result; got[0] != 3 || got[1] != 3 {
		t.Fatalf("result %v, want [3 3]", got)
	}
	good, _ := json.Marshal(rec)
	out := mustRun(t, "ballot", "verify", write("closed.json", rec))
	if !strings.Contains(out, "đối tượng 11: 3 đồng ý, 1 không đồng ý") {
		t.Fatalf("verify: %s", out)
	}
	// Tamper with one stored value at a time: a ballot, a sum, a share.
	for _, path := range [][]string{{"ballots", "0", "choices", "1", "b"}, {"sums", "0", "a"}, {"partials", "1", "shares", "0", "d"}} {
		var doc map[string]any
		json.Unmarshal(good, &doc)
		var v any = doc
		for _, k := range path[:len(path)-1] {
			switch x := v.(type) {
			case map[string]any:
				v = x[k]
			case []any:
				v = x[int(k[0]-'0')]
			}
		}
		m := v.(map[string]any)
		other, _ := json.Marshal(rec.Key.Commitments[1])
		var s string
		json.Unmarshal(other, &s)
		m[path[len(path)-1]] = s
		_, _, err := runCmd(t, "ballot", "verify", write("bad.json", doc))
		if err == nil || !strings.Contains(err.Error(), "KHÔNG hợp lệ") {
			t.Errorf("tampered %v verified: %v", path, err)
		}
	}
	// A share of another meeting does not decrypt this one.
	_, foreign, _ := ballot.Deal(8, 3, 2)
	if _, _, err := runCmd(t, "ballot", "decrypt-share", recPath, write("foreign.json", foreign[0])); err == nil {
		t.Error("a foreign share decrypted")
	}
	if _, _, err := runCmd(t, "ballot", "verify"); exitCode(err) != 2 {
		t.Errorf("no file: %v, want a usage error", err)
	}
}
