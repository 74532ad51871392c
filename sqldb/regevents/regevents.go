// Package regevents stores the review history of campaign registrations
// (table registration_events): returned with a reason, sent again,
// approved. Package sqldb calls it inside its own transactions, so an
// event is written with the change it records or not at all.
package regevents

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"thidua"
)

// Execer runs a statement: a *sql.Tx or *sql.DB.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Queryer runs a query: a *sql.Tx or *sql.DB.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Add records that actor (a display name) took action on the registration
// at the given time, with note (the reason of a return).
func Add(ctx context.Context, ex Execer, registrationID int64, at time.Time, actor, action, note string) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO registration_events (registration_id, at, actor, action, note)
		VALUES ($1, $2, $3, $4, $5)`, registrationID, at, actor, action, note)
	if err != nil {
		return fmt.Errorf("regevents: add: %w", err)
	}
	return nil
}

// Find returns the registration's events, oldest first.
func Find(ctx context.Context, q Queryer, registrationID int64) ([]thidua.RegistrationEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT at, actor, action, note FROM registration_events
		WHERE registration_id = $1 ORDER BY id`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("regevents: find: %w", err)
	}
	defer rows.Close()
	var out []thidua.RegistrationEvent
	for rows.Next() {
		var e thidua.RegistrationEvent
		if err := rows.Scan(&e.At, &e.ActorName, &e.Action, &e.Note); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
