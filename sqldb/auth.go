package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"thidua/signin"
	"time"

	"thidua"
)

// FindUserByUsername returns an account with its grants (no scope check:
// signing in needs it before anyone is known).
func (db *DB) FindUserByUsername(ctx context.Context, username string) (*thidua.User, error) {
	return findUserRaw(ctx, db.db, "u.username = $1", username)
}

// RecordLogin stores the time of a successful sign-in and audits it.
func (db *DB) RecordLogin(ctx context.Context, userID int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE users SET last_login_at = $1 WHERE id = $2`, tx.now, userID); err != nil {
		return fmt.Errorf("sqldb: record login: %w", err)
	}
	if err := tx.audit(thidua.ActionLogin, "user", userID, nil, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateSession stores a session.
func (db *DB) CreateSession(ctx context.Context, s *thidua.Session) error {
	now := db.Now().UTC()
	s.CreatedAt = now
	if _, err := db.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, now); err != nil {
		return fmt.Errorf("sqldb: purge sessions: %w", err)
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		s.TokenHash, s.UserID, now, s.ExpiresAt.UTC()); err != nil {
		return fmt.Errorf("sqldb: create session: %w", err)
	}
	return nil
}

func unauthorized() error {
	return thidua.Errorf(thidua.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn hoặc không hợp lệ, vui lòng đăng nhập lại.")
}

// FindSessionUser returns the enabled user of a live session.
func (db *DB) FindSessionUser(ctx context.Context, tokenHash string) (*thidua.User, error) {
	var uid int64
	err := db.db.QueryRowContext(ctx, `SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2`,
		tokenHash, db.Now().UTC()).Scan(&uid)
	if isNoRows(err) {
		return nil, unauthorized()
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find session: %w", err)
	}
	return db.enabledUser(ctx, uid)
}

func (db *DB) enabledUser(ctx context.Context, uid int64) (*thidua.User, error) {
	u, err := findUserRaw(ctx, db.db, "u.id = $1", uid)
	if thidua.ErrorCode(err) == thidua.ENOTFOUND {
		return nil, unauthorized()
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Tài khoản đã bị khóa.")
	}
	return u, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// BeginSignIn judges a sign-in attempt by the counters of keys
// (signin.Judge) and, when it may go on, charges it to them as a
// failure, in one transaction that holds the counters' rows from the read
// to the write: on PostgreSQL the upsert locks each row until the commit,
// on SQLite the transaction is the only writer. Of N parallel attempts no
// more go on than the rule allows. Rows are locked in key order, so two
// attempts never wait for each other in a circle.
func (db *DB) BeginSignIn(ctx context.Context, keys signin.Keys) (signin.Verdict, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return signin.Verdict{}, err
	}
	defer tx.Rollback()
	var c signin.Counters
	slots := throttleSlots(keys, &c)
	for _, sl := range slots {
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, 0, $2)
			ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures
			RETURNING failures, last_at`, sl.key, tx.now).Scan(&sl.c.Failures, &sl.c.Last); err != nil {
			return signin.Verdict{}, fmt.Errorf("sqldb: read sign-in counter: %w", err)
		}
	}
	v := signin.Judge(keys, c, tx.now)
	if v.Wait > 0 {
		return v, tx.Commit()
	}
	charged := signin.Charge(v, c, tx.now)
	for _, sl := range throttleSlots(v.Charge, &charged) {
		if _, err := tx.ExecContext(ctx, `UPDATE login_throttle SET failures = $1, last_at = $2 WHERE key = $3`,
			sl.c.Failures, sl.c.Last.UTC(), sl.key); err != nil {
			return signin.Verdict{}, fmt.Errorf("sqldb: charge sign-in counter: %w", err)
		}
	}
	return v, tx.Commit()
}

type throttleSlot struct {
	key string
	c   *signin.ThrottleCounter
}

// throttleSlots pairs the non-empty keys with their counters in c, in key
// order.
func throttleSlots(keys signin.Keys, c *signin.Counters) []throttleSlot {
	var out []throttleSlot
	for _, sl := range []throttleSlot{{keys.Account, &c.Account}, {keys.Address, &c.Address}, {keys.Device, &c.Device}} {
		if sl.key != "" {
			out = append(out, sl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// SignInSucceeded takes back the charge of an attempt judged v whose
// password was right: the account's and the device's counters start again
// from zero, the address's forgets this one attempt. Counters quiet for two
// days are dropped.
func (db *DB) SignInSucceeded(ctx context.Context, v signin.Verdict) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, sl := range throttleSlots(v.Charge, &signin.Counters{}) {
		q := `DELETE FROM login_throttle WHERE key = $1`
		if sl.key == v.Charge.Address {
			q = `UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0`
		}
		if _, err := tx.ExecContext(ctx, q, sl.key); err != nil {
			return fmt.Errorf("sqldb: clear sign-in counter: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Apart, so that the purge never waits for rows other attempts hold.
	if _, err := db.db.ExecContext(ctx, `DELETE FROM login_throttle WHERE last_at < $1`, db.Now().UTC().Add(-48*time.Hour)); err != nil {
		return fmt.Errorf("sqldb: purge sign-in counters: %w", err)
	}
	return nil
}

// ServerKey returns the secret named name that every node shares, made
// on first use (32 random bytes).
func (db *DB) ServerKey(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(b), db.Now().UTC()); err != nil {
		return nil, fmt.Errorf("sqldb: make server key: %w", err)
	}
	var secret string
	if err := db.db.QueryRowContext(ctx, `SELECT secret FROM server_keys WHERE name = $1`, name).Scan(&secret); err != nil {
		return nil, fmt.Errorf("sqldb: read server key: %w", err)
	}
	return hex.DecodeString(secret)
}

// CreateAPIToken stores a token for the user in ctx.
func (db *DB) CreateAPIToken(ctx context.Context, t *thidua.APIToken) error {
	me := thidua.UserFromContext(ctx)
	if me == nil {
		return unauthorized()
	}
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t.UserID, t.CreatedAt = me.ID, tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		t.UserID, t.Name, t.TokenHash, tx.now).Scan(&t.ID); err != nil {
		return fmt.Errorf("sqldb: create token: %w", db.dialect.mapError(err))
	}
	if err := tx.audit(thidua.ActionCreate, "api_token", t.ID, nil, t); err != nil {
		return err
	}
	return tx.Commit()
}

// FindAPITokens lists the tokens of the user in ctx.
func (db *DB) FindAPITokens(ctx context.Context) ([]*thidua.APIToken, error) {
	me := thidua.UserFromContext(ctx)
	if me == nil {
		return nil, unauthorized()
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY id`, me.ID)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find tokens: %w", err)
	}
	defer rows.Close()
	var out []*thidua.APIToken
	for rows.Next() {
		var t thidua.APIToken
		var last nullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &last); err != nil {
			return nil, err
		}
		t.LastUsedAt = last.get()
		out = append(out, &t)
	}
	return out, rows.Err()
}

// DeleteAPIToken revokes a token of the user in ctx.
func (db *DB) DeleteAPIToken(ctx context.Context, id int64) error {
	me := thidua.UserFromContext(ctx)
	if me == nil {
		return unauthorized()
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE id = $1 AND user_id = $2`, id, me.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return notFound("khóa API")
	}
	if err := tx.audit(thidua.ActionDelete, "api_token", id, nil, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// tokenTouchEvery is how stale a token's last use may be before a request
// writes it again: the last use is shown to the minute, and a write on
// every API request queued each one behind SQLite's writer.
const tokenTouchEvery = time.Minute

// FindAPITokenUser returns the enabled owner of a token and marks it used
// (at most once a minute: a read otherwise).
func (db *DB) FindAPITokenUser(ctx context.Context, tokenHash string) (*thidua.User, error) {
	var uid int64
	var last nullTime
	err := db.db.QueryRowContext(ctx, `SELECT user_id, last_used_at FROM api_tokens WHERE token_hash = $1`, tokenHash).Scan(&uid, &last)
	if isNoRows(err) {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Khóa API không hợp lệ hoặc đã bị thu hồi.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find token: %w", err)
	}
	if now := db.Now().UTC(); now.Sub(last.get()) >= tokenTouchEvery {
		if _, err := db.db.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2`, now, tokenHash); err != nil {
			return nil, fmt.Errorf("sqldb: mark token used: %w", err)
		}
	}
	return db.enabledUser(ctx, uid)
}
