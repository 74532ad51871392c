package inbox_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"thidua"
	"thidua/demo/demotest"
	sqlinbox "thidua/sqldb/inbox"
)

// BenchmarkCountInbox measures the navigation's count (one statement per
// page), on SQLite and PostgreSQL, on the demo office grown to 5,000 registrations with evidence, for
// the officer (every kind of theirs) and the unit head; BaselineCount is
// one indexed COUNT(*) of registrations by state on the same database, the
// cheapest query a page could make.
func BenchmarkCountInbox(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchCount(b, demotest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchCount(b, demotest.Postgres(b)) })
}

func benchCount(b *testing.B, o *demotest.Office) {
	db := o.DB
	var campaign, unit int64
	if err := db.SQL().QueryRow(`SELECT id, scope_unit_id FROM campaigns ORDER BY id LIMIT 1`).Scan(&campaign, &unit); err != nil {
		b.Fatal(err)
	}
	tx, err := db.SQL().Begin()
	if err != nil {
		b.Fatal(err)
	}
	var units []int64
	rows, _ := tx.Query(`SELECT id FROM units`)
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		units = append(units, id)
	}
	rows.Close()
	states := []string{thidua.RegSubmitted, thidua.RegApproved, thidua.RegReturned, thidua.RegApproved}
	for i := range 5000 {
		if _, err := tx.Exec(`INSERT INTO registrations (campaign_id, kind, unit_id, subject_key, state, created_at, updated_at)
			VALUES ($1, 'COLLECTIVE', $2, $3, $4, $5, $5)`, campaign, units[i%len(units)], fmt.Sprintf("bench-%d", i), states[i%len(states)], time.Now().UTC()); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if db.Dialect().String() == "postgres" {
		db.SQL().Exec(`ANALYZE`)
	}
	s := sqlinbox.New(db)
	for _, name := range []string{"thiduakt", "truongphonghc"} {
		ctx := asB(b, o, name)
		b.Run("CountInbox/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.CountInbox(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("BaselineCount", func(b *testing.B) {
		for b.Loop() {
			var n int
			if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM registrations WHERE state = $1`, thidua.RegSubmitted).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func asB(b *testing.B, o *demotest.Office, username string) context.Context {
	u, err := o.DB.FindUserByUsername(thidua.NewSystemContext(context.Background()), username)
	if err != nil {
		b.Fatal(err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}
