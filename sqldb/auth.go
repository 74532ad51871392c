package sqldb

import (
	"context"
	"fmt"
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

// CountLoginFailures counts failed sign-ins recorded for key since t.
func (db *DB) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM login_failures WHERE key = $1 AND at > $2`, key, since.UTC()).Scan(&n)
	return n, err
}

// RecordLoginFailure records a failed sign-in for key and drops old records.
func (db *DB) RecordLoginFailure(ctx context.Context, key string) error {
	now := db.Now().UTC()
	if _, err := db.db.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES ($1, $2)`, key, now); err != nil {
		return fmt.Errorf("sqldb: login failure: %w", err)
	}
	_, err := db.db.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, now.Add(-24*time.Hour))
	return err
}

// ClearLoginFailures forgets the failures of key after a successful sign-in.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.db.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return err
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

// FindAPITokenUser returns the enabled owner of a token and marks it used.
func (db *DB) FindAPITokenUser(ctx context.Context, tokenHash string) (*thidua.User, error) {
	var uid int64
	err := db.db.QueryRowContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 RETURNING user_id`,
		db.Now().UTC(), tokenHash).Scan(&uid)
	if isNoRows(err) {
		return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Khóa API không hợp lệ hoặc đã bị thu hồi.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find token: %w", err)
	}
	return db.enabledUser(ctx, uid)
}
