package notify

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// Listen LISTENs on Channel through a connection taken out of
// the pool for good (it is discarded afterwards: a connection that has
// listened must not serve queries again), reconnecting until ctx ends.
// It calls fn once as soon as it is listening and again after every
// reconnection; it returns nil when ctx ends and ErrClosed when db is closed.
func Listen(ctx context.Context, db *sql.DB, fn func()) error {
	backoff := 500 * time.Millisecond
	for {
		started := time.Now()
		err := listenOnce(ctx, db, fn)
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, ErrClosed) || Closed(ctx, db) {
			return ErrClosed
		}
		if time.Since(started) > time.Minute {
			backoff = 500 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

func listenOnce(ctx context.Context, db *sql.DB, fn func()) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var schema string
	if err := conn.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("notify: listen: unexpected driver connection %T", dc)
		}
		pc := sc.Conn()
		// Whatever happens, the connection goes: ErrBadConn tells
		// database/sql not to put it back in the pool.
		bad := func(err error) error { return errors.Join(driver.ErrBadConn, err) }
		if _, err := pc.Exec(ctx, "LISTEN "+Channel); err != nil {
			return bad(err)
		}
		fn()
		for {
			// Wake up now and then to notice a closed database: the
			// connection is out of the pool, so closing the pool does not
			// end the wait. A deadline leaves the connection usable.
			wctx, cancel := context.WithTimeout(ctx, watchCheck)
			n, err := pc.WaitForNotification(wctx)
			cancel()
			switch {
			case err == nil:
				if n.Channel == Channel && n.Payload == schema {
					fn()
				}
			case ctx.Err() == nil && wctx.Err() != nil && !pc.IsClosed():
				if Closed(ctx, db) {
					return bad(ErrClosed)
				}
			default:
				return bad(err)
			}
		}
	})
}
