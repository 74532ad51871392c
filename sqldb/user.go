package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"thidua"
)

const userColumns = `u.id, u.username, u.display_name, u.email, u.password_hash, COALESCE(u.person_id, 0),
	u.disabled, u.last_login_at, u.version, u.created_at, u.updated_at, COALESCE(pp.full_name, '')`

func scanUser(s scanner, extra ...any) (*thidua.User, error) {
	var u thidua.User
	var last sql.NullTime
	dest := append([]any{&u.ID, &u.Username, &u.DisplayName, &u.Email, &u.PasswordHash, &u.PersonID,
		&u.Disabled, &last, &u.Version, &u.CreatedAt, &u.UpdatedAt, &u.PersonName}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, fmt.Errorf("sqldb: scan user: %w", err)
	}
	if last.Valid {
		u.LastLoginAt = last.Time.UTC()
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, nil
}

// loadGrants fills the grants of the given users.
func loadGrants(ctx context.Context, q queryer, users ...*thidua.User) error {
	if len(users) == 0 {
		return nil
	}
	byID := map[int64]*thidua.User{}
	var ph []string
	var args []any
	for _, u := range users {
		byID[u.ID] = u
		u.Grants = nil
		args = append(args, u.ID)
		ph = append(ph, "$"+strconv.Itoa(len(args)))
	}
	rows, err := q.QueryContext(ctx, `SELECT g.user_id, g.role, g.unit_id, un.path, un.name
		FROM grants g JOIN units un ON un.id = g.unit_id
		WHERE g.user_id IN (`+strings.Join(ph, ",")+`) ORDER BY g.user_id, un.path, g.role`, args...)
	if err != nil {
		return fmt.Errorf("sqldb: load grants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uid int64
		var g thidua.Grant
		if err := rows.Scan(&uid, &g.Role, &g.UnitID, &g.UnitPath, &g.UnitName); err != nil {
			return fmt.Errorf("sqldb: scan grant: %w", err)
		}
		byID[uid].Grants = append(byID[uid].Grants, g)
	}
	return rows.Err()
}

func findUserRaw(ctx context.Context, q queryer, where string, arg any) (*thidua.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+`
		FROM users u LEFT JOIN people pp ON pp.id = u.person_id WHERE `+where, arg))
	if isNoRows(err) {
		return nil, notFound("tài khoản")
	}
	if err != nil {
		return nil, err
	}
	return u, loadGrants(ctx, q, u)
}

// FindUserByID returns an account. Users may read their own; administrators any.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*thidua.User, error) {
	if me := thidua.UserFromContext(ctx); me == nil || me.ID != id {
		if err := requirePerm(ctx, thidua.PermManageUsers); err != nil {
			return nil, err
		}
	}
	return findUserRaw(ctx, db.db, "u.id = $1", id)
}

// FindUsers lists accounts for administrators, sorted by username.
func (db *DB) FindUsers(ctx context.Context, f thidua.UserFilter) ([]*thidua.User, int, error) {
	if err := requirePerm(ctx, thidua.PermManageUsers); err != nil {
		return nil, 0, err
	}
	w := newWhere("", nil)
	if f.ID != 0 {
		w.add("u.id = ?", f.ID)
	}
	if f.Username != "" {
		w.add("u.username = ?", strings.ToLower(f.Username))
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("u.name_fold LIKE ?", "%"+word+"%")
	}
	limit, offset := limitOffset(f.Limit, f.Offset, 1000)
	page, pageArgs := w.page(limit, offset)
	rows, err := db.db.QueryContext(ctx, `SELECT `+userColumns+`, COUNT(*) OVER ()
		FROM users u LEFT JOIN people pp ON pp.id = u.person_id
		WHERE `+w.sql()+`
		ORDER BY u.username `+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find users: %w", err)
	}
	var users []*thidua.User
	total := 0
	for rows.Next() {
		u, err := scanUser(rows, &total)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(users) == 0 && offset > 0 {
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM users u WHERE `+w.sql(),
			w.args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return users, total, loadGrants(ctx, db.db, users...)
}

func userFold(u *thidua.User) string { return thidua.Fold(u.Username + " " + u.DisplayName) }

// checkUserRefs validates the person link and the grants' units inside tx.
func checkUserRefs(ctx context.Context, tx *Tx, u *thidua.User) error {
	if u.PersonID != 0 {
		if _, _, err := findPersonRaw(ctx, tx, u.PersonID); err != nil {
			return fieldErr("person_id", "Cá nhân được liên kết không tồn tại.")
		}
	}
	seen := map[thidua.Grant]bool{}
	var grants []thidua.Grant
	for _, g := range u.Grants {
		key := thidua.Grant{Role: g.Role, UnitID: g.UnitID}
		if seen[key] {
			continue
		}
		seen[key] = true
		if _, err := findUnitRaw(ctx, tx, g.UnitID); err != nil {
			return fieldErr("grants", "Đơn vị được phân quyền không tồn tại.")
		}
		grants = append(grants, key)
	}
	u.Grants = grants
	return nil
}

func writeGrants(ctx context.Context, tx *Tx, u *thidua.User) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM grants WHERE user_id = $1`, u.ID); err != nil {
		return fmt.Errorf("sqldb: grants: %w", err)
	}
	for _, g := range u.Grants {
		if _, err := tx.ExecContext(ctx, `INSERT INTO grants (user_id, role, unit_id) VALUES ($1, $2, $3)`,
			u.ID, string(g.Role), g.UnitID); err != nil {
			return fmt.Errorf("sqldb: grants: %w", err)
		}
	}
	return nil
}

// CreateUser stores a new account with its grants.
func (db *DB) CreateUser(ctx context.Context, u *thidua.User) error {
	if err := requirePerm(ctx, thidua.PermManageUsers); err != nil {
		return err
	}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	if u.PasswordHash == "" {
		return fieldErr("password", "Vui lòng đặt mật khẩu.")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkUserRefs(ctx, tx, u); err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, `
		INSERT INTO users (username, display_name, name_fold, email, password_hash, person_id, disabled, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		u.Username, u.DisplayName, userFold(u), u.Email, u.PasswordHash, nullInt(u.PersonID), u.Disabled, tx.now).Scan(&u.ID)
	if isUniqueViolation(err) {
		return fieldErr("username", "Tên đăng nhập đã được sử dụng.")
	}
	if err != nil {
		return fmt.Errorf("sqldb: create user: %w", db.dialect.mapError(err))
	}
	if err := writeGrants(ctx, tx, u); err != nil {
		return err
	}
	stored, err := findUserRaw(ctx, tx, "u.id = $1", u.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionCreate, "user", u.ID, nil, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*u = *stored
	return nil
}

// UpdateUser saves an account's details, disabled flag and grants. The
// username cannot change. Disabling an account ends its sessions and
// revokes its API tokens.
func (db *DB) UpdateUser(ctx context.Context, u *thidua.User) error {
	if err := requirePerm(ctx, thidua.PermManageUsers); err != nil {
		return err
	}
	u.Normalize()
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findUserRaw(ctx, tx, "u.id = $1", u.ID)
	if err != nil {
		return err
	}
	u.Username = old.Username
	if err := u.Validate(); err != nil {
		return err
	}
	if old.Version != u.Version {
		return thidua.ErrStale()
	}
	if me := thidua.UserFromContext(ctx); me != nil && me.ID == u.ID && (u.Disabled || !grantsHaveAdmin(u.Grants)) {
		return fieldErr("grants", "Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.")
	}
	if err := checkUserRefs(ctx, tx, u); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE users SET display_name = $1, name_fold = $2, email = $3, person_id = $4, disabled = $5,
		       version = version + 1, updated_at = $6
		WHERE id = $7 AND version = $8`,
		u.DisplayName, userFold(u), u.Email, nullInt(u.PersonID), u.Disabled, tx.now, u.ID, u.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update user: %w", db.dialect.mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	if err := writeGrants(ctx, tx, u); err != nil {
		return err
	}
	if u.Disabled {
		// Both go for good: enabling the account again brings back neither.
		if err := endSignIns(ctx, tx, u.ID); err != nil {
			return err
		}
	}
	stored, err := findUserRaw(ctx, tx, "u.id = $1", u.ID)
	if err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "user", u.ID, old, stored); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*u = *stored
	return nil
}

func grantsHaveAdmin(gs []thidua.Grant) bool {
	for _, g := range gs {
		if g.Role == thidua.RoleAdmin {
			return true
		}
	}
	return false
}

// SetPassword replaces a password hash and ends the user's sessions and
// revokes their API tokens: whoever knew the old password may have made a
// token with it, and a token the user still needs takes a minute to make
// again. Users may change their own; administrators anyone's.
func (db *DB) SetPassword(ctx context.Context, id int64, hash string) error {
	if me := thidua.UserFromContext(ctx); me == nil || me.ID != id {
		if err := requirePerm(ctx, thidua.PermManageUsers); err != nil {
			return err
		}
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3`, hash, tx.now, id)
	if err != nil {
		return fmt.Errorf("sqldb: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return notFound("tài khoản")
	}
	if err := endSignIns(ctx, tx, id); err != nil {
		return err
	}
	if err := tx.audit(thidua.ActionUpdate, "user", id, nil, map[string]string{"password": "đã đặt lại", "api_tokens": "đã thu hồi"}); err != nil {
		return err
	}
	return tx.Commit()
}

// endSignIns ends every session of a user and revokes their API tokens.
func endSignIns(ctx context.Context, tx *Tx, userID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("sqldb: end sessions: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("sqldb: revoke tokens: %w", err)
	}
	return nil
}
