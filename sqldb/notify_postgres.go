package sqldb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// listenPortal LISTENs on portalChannel through a connection taken out of
// the pool for good (it is discarded afterwards: a connection that has
// listened must not serve queries again), reconnecting until ctx ends.
func (db *DB) listenPortal(ctx context.Context, fn func()) error {
	backoff := 500 * time.Millisecond
	for {
		started := time.Now()
		err := db.listenPortalOnce(ctx, fn)
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, errDBClosed) || db.closed(ctx) {
			return errDBClosed
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

func (db *DB) listenPortalOnce(ctx context.Context, fn func()) error {
	conn, err := db.pool.Conn(ctx)
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
			return fmt.Errorf("sqldb: listen: unexpected driver connection %T", dc)
		}
		pc := sc.Conn()
		// Whatever happens, the connection goes: ErrBadConn tells
		// database/sql not to put it back in the pool.
		bad := func(err error) error { return errors.Join(driver.ErrBadConn, err) }
		if _, err := pc.Exec(ctx, "LISTEN "+portalChannel); err != nil {
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
				if n.Channel == portalChannel && n.Payload == schema {
					fn()
				}
			case ctx.Err() == nil && wctx.Err() != nil && !pc.IsClosed():
				if db.closed(ctx) {
					return bad(errDBClosed)
				}
			default:
				return bad(err)
			}
		}
	})
}
