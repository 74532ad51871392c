// Package ballotbox stores a council meeting's secret ballot: the published
// key and trustees, one row per encrypted ballot (keyed by its hash, with
// no time, sequence or voter), the weeding fingerprints, the trustees'
// partial decryptions and the decrypted sums. Nothing it stores decrypts a
// ballot: the secret key is never formed and each trustee's share lives in
// the process's memory (Custody) until its trustee downloads it.
//
// The functions run inside the caller's transaction (sqldb's), with
// queries written once for SQLite and PostgreSQL.
package ballotbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"thidua"
	"thidua/ballot"
)

// Q is a transaction or a pool.
type Q interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// SaveKey stores (or, before any ballot, replaces) a meeting's key and
// trustees.
func SaveKey(ctx context.Context, q Q, k *ballot.Key, trustees []ballot.Trustee) error {
	b, err := json.Marshal(k)
	if err != nil {
		return err
	}
	for _, s := range []string{`DELETE FROM meeting_keys WHERE meeting_id = $1`, `DELETE FROM meeting_trustees WHERE meeting_id = $1`} {
		if _, err := q.ExecContext(ctx, s, k.MeetingID); err != nil {
			return fmt.Errorf("ballotbox: save key: %w", err)
		}
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO meeting_keys (meeting_id, key_json) VALUES ($1, $2)`, k.MeetingID, string(b)); err != nil {
		return fmt.Errorf("ballotbox: save key: %w", err)
	}
	for _, t := range trustees {
		if _, err := q.ExecContext(ctx, `INSERT INTO meeting_trustees (meeting_id, idx, user_id, role, share_taken) VALUES ($1, $2, $3, $4, FALSE)`,
			k.MeetingID, t.Index, t.UserID, t.Role); err != nil {
			return fmt.Errorf("ballotbox: save trustee: %w", err)
		}
	}
	return nil
}

// LoadKey returns a meeting's key and trustees; a meeting without a key
// (one whose votes an upgrade discarded) gives nil.
func LoadKey(ctx context.Context, q Q, meetingID int64) (*ballot.Key, []thidua.Trustee, error) {
	var s string
	err := q.QueryRowContext(ctx, `SELECT key_json FROM meeting_keys WHERE meeting_id = $1`, meetingID).Scan(&s)
	if err == sql.ErrNoRows {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("ballotbox: load key: %w", err)
	}
	var k ballot.Key
	if err := json.Unmarshal([]byte(s), &k); err != nil {
		return nil, nil, fmt.Errorf("ballotbox: load key: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT t.idx, t.user_id, t.role, t.share_taken, u.display_name FROM meeting_trustees t
		JOIN users u ON u.id = t.user_id WHERE t.meeting_id = $1 ORDER BY t.idx`, meetingID)
	if err != nil {
		return nil, nil, fmt.Errorf("ballotbox: load trustees: %w", err)
	}
	defer rows.Close()
	var ts []thidua.Trustee
	for rows.Next() {
		var t thidua.Trustee
		if err := rows.Scan(&t.Index, &t.UserID, &t.Role, &t.ShareTaken, &t.Name); err != nil {
			return nil, nil, err
		}
		ts = append(ts, t)
	}
	return &k, ts, rows.Err()
}

// MarkShareTaken records that a trustee has downloaded their share.
func MarkShareTaken(ctx context.Context, q Q, meetingID int64, index int) error {
	_, err := q.ExecContext(ctx, `UPDATE meeting_trustees SET share_taken = TRUE WHERE meeting_id = $1 AND idx = $2`, meetingID, index)
	return err
}

// Insert stores one ballot and its fingerprints. A fingerprint already in
// the meeting's box (a copied or re-randomized ballot) makes the insert
// fail with the database's unique violation.
func Insert(ctx context.Context, q Q, meetingID int64, b *ballot.Ballot, fp ballot.Fingerprints) (string, error) {
	body, err := json.Marshal(b)
	if err != nil {
		return "", err
	}
	h := b.Hash()
	if _, err := q.ExecContext(ctx, `INSERT INTO ballots (meeting_id, hash, ballot_json) VALUES ($1, $2, $3)`, meetingID, h, string(body)); err != nil {
		return "", err
	}
	for _, f := range fp {
		if _, err := q.ExecContext(ctx, `INSERT INTO ballot_fingerprints (meeting_id, fp) VALUES ($1, $2)`, meetingID, f); err != nil {
			return "", err
		}
	}
	return h, nil
}

// Count returns how many ballots a meeting holds.
func Count(ctx context.Context, q Q, meetingID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM ballots WHERE meeting_id = $1`, meetingID).Scan(&n)
	return n, err
}

// Has reports whether a ballot of this hash is in the meeting's box.
func Has(ctx context.Context, q Q, meetingID int64, hash string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM ballots WHERE meeting_id = $1 AND hash = $2`, meetingID, hash).Scan(&n)
	return n > 0, err
}

// Ballots returns a meeting's ballots, ordered by hash.
func Ballots(ctx context.Context, q Q, meetingID int64) ([]ballot.RecordBallot, error) {
	rows, err := q.QueryContext(ctx, `SELECT hash, ballot_json FROM ballots WHERE meeting_id = $1 ORDER BY hash`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("ballotbox: ballots: %w", err)
	}
	defer rows.Close()
	out := []ballot.RecordBallot{}
	for rows.Next() {
		var b ballot.RecordBallot
		var s string
		if err := rows.Scan(&b.Hash, &s); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(s), &b.Ballot); err != nil {
			return nil, fmt.Errorf("ballotbox: ballot %s: %w", b.Hash, err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// SavePartial stores a trustee's verified partial decryption; a second one
// of the same trustee fails with the unique violation.
func SavePartial(ctx context.Context, q Q, p *ballot.Partial) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO meeting_partials (meeting_id, idx, partial_json) VALUES ($1, $2, $3)`, p.MeetingID, p.Trustee, string(b))
	return err
}

// Partials returns the partial decryptions received, by trustee.
func Partials(ctx context.Context, q Q, meetingID int64) ([]*ballot.Partial, error) {
	rows, err := q.QueryContext(ctx, `SELECT partial_json FROM meeting_partials WHERE meeting_id = $1 ORDER BY idx`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("ballotbox: partials: %w", err)
	}
	defer rows.Close()
	var out []*ballot.Partial
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		var p ballot.Partial
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

// SaveResults stores the decrypted count of each nominee.
func SaveResults(ctx context.Context, q Q, meetingID int64, nominees []int64, agree []int, cast int) error {
	for i, id := range nominees {
		if _, err := q.ExecContext(ctx, `INSERT INTO meeting_results (meeting_id, nominee_id, agree, disagree) VALUES ($1, $2, $3, $4)`,
			meetingID, id, agree[i], cast-agree[i]); err != nil {
			return fmt.Errorf("ballotbox: results: %w", err)
		}
	}
	return nil
}

// Results returns each nominee's decrypted "agree" count and the number of
// ballots counted (agree + disagree).
func Results(ctx context.Context, q Q, meetingID int64) (map[int64]int, int, error) {
	rows, err := q.QueryContext(ctx, `SELECT nominee_id, agree, disagree FROM meeting_results WHERE meeting_id = $1`, meetingID)
	if err != nil {
		return nil, 0, fmt.Errorf("ballotbox: results: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	cast := 0
	for rows.Next() {
		var id int64
		var a, d int
		if err := rows.Scan(&id, &a, &d); err != nil {
			return nil, 0, err
		}
		out[id], cast = a, a+d
	}
	return out, cast, rows.Err()
}

// Custody holds the trustees' shares of meetings in memory until each is
// downloaded, once, by its trustee. It never writes them anywhere: a
// restart before a download loses that share (the secretary deals a new
// key while no ballot is cast).
type Custody struct {
	mu     sync.Mutex
	shares map[int64]map[int]ballot.Share
}

// Put hands over a meeting's shares, replacing any earlier ones.
func (c *Custody) Put(meetingID int64, shares []ballot.Share) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shares == nil {
		c.shares = map[int64]map[int]ballot.Share{}
	}
	m := map[int]ballot.Share{}
	for _, s := range shares {
		m[s.Trustee] = s
	}
	c.shares[meetingID] = m
}

// Take removes and returns a trustee's share.
func (c *Custody) Take(meetingID int64, index int) (ballot.Share, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.shares[meetingID][index]
	delete(c.shares[meetingID], index)
	if len(c.shares[meetingID]) == 0 {
		delete(c.shares, meetingID)
	}
	return s, ok
}

// Holds reports whether a trustee's share is still waiting.
func (c *Custody) Holds(meetingID int64, index int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.shares[meetingID][index]
	return ok
}

// Drop forgets every share of a meeting (voting closed).
func (c *Custody) Drop(meetingID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.shares, meetingID)
}
