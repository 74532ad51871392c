package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"thidua"
	"thidua/inbox"
	"thidua/sqldb"
)

func (s *Store) now() time.Time { return s.db.Now().UTC().Truncate(time.Microsecond) }

// FindNotifications returns the user's notifications, newest first.
func (s *Store) FindNotifications(ctx context.Context, unreadOnly bool, offset, limit int) ([]*inbox.Notification, int, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	offset = max(offset, 0)
	where := `n.user_id = $1`
	if unreadOnly {
		where += ` AND n.read_at IS NULL`
	}
	var total int
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications n WHERE `+where, u.ID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqldb/inbox: notifications: %w", err)
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT n.id, n.user_id, n.kind, n.title, n.body, n.url, n.created_at, n.read_at
		FROM notifications n WHERE `+where+` ORDER BY n.id DESC LIMIT $2 OFFSET $3`, u.ID, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb/inbox: notifications: %w", err)
	}
	defer rows.Close()
	var out []*inbox.Notification
	for rows.Next() {
		var n inbox.Notification
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Title, &n.Body, &n.URL, &n.CreatedAt, &read); err != nil {
			return nil, 0, fmt.Errorf("sqldb/inbox: notifications: %w", err)
		}
		n.CreatedAt = n.CreatedAt.UTC()
		if read.Valid {
			n.ReadAt = read.Time.UTC()
		}
		out = append(out, &n)
	}
	return out, total, rows.Err()
}

// MarkRead marks the user's notification id read, or all of them (id 0).
func (s *Store) MarkRead(ctx context.Context, id int64) error {
	u, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if id != 0 {
		var read sql.NullTime
		err := s.db.SQL().QueryRowContext(ctx, `SELECT read_at FROM notifications WHERE id = $1 AND user_id = $2`, id, u.ID).Scan(&read)
		if errors.Is(err, sql.ErrNoRows) {
			return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy thông báo.")
		}
		if err != nil {
			return fmt.Errorf("sqldb/inbox: mark read: %w", err)
		}
		if read.Valid {
			return nil
		}
	}
	now := s.now()
	return s.db.Change(ctx, thidua.ActionUpdate, "notification", id, nil, map[string]any{"read": true}, func(h sqldb.Handle) error {
		var err error
		if id == 0 {
			_, err = h.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, now, u.ID)
		} else {
			_, err = h.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL`, now, id, u.ID)
		}
		return err
	})
}

// EmailOff reports whether the user turned e-mail off.
func (s *Store) EmailOff(ctx context.Context) (bool, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return false, err
	}
	var off bool
	err = s.db.SQL().QueryRowContext(ctx, `SELECT email_off FROM inbox_prefs WHERE user_id = $1`, u.ID).Scan(&off)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqldb/inbox: prefs: %w", err)
	}
	return off, nil
}

// SetEmailOff records the user's e-mail choice, in the audit log too.
func (s *Store) SetEmailOff(ctx context.Context, off bool) error {
	u, err := signedIn(ctx)
	if err != nil {
		return err
	}
	was, err := s.EmailOff(ctx)
	if err != nil {
		return err
	}
	return s.db.Change(ctx, thidua.ActionUpdate, "inbox_prefs", u.ID, map[string]bool{"email_off": was}, map[string]bool{"email_off": off},
		func(h sqldb.Handle) error {
			_, err := h.ExecContext(ctx, `INSERT INTO inbox_prefs (user_id, email_off) VALUES ($1, $2)
				ON CONFLICT (user_id) DO UPDATE SET email_off = excluded.email_off`, u.ID, off)
			return err
		})
}
