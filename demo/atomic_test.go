package demo_test

import (
	"context"
	"errors"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// crashing is the database with a failure injected at the n-th person: it
// stands for a crash in the middle of loading, after units and people
// were written.
type crashing struct {
	*sqldb.DB
	people, at int
}

var errCrash = errors.New("injected crash")

func (c *crashing) CreatePerson(ctx context.Context, p *thidua.Person) error {
	if c.people++; c.people == c.at {
		return errCrash
	}
	return c.DB.CreatePerson(ctx, p)
}

// Atomically keeps the crash inside the transaction's store.
func (c *crashing) Atomically(ctx context.Context, fn func(s any) error) error {
	return c.DB.Atomically(ctx, func(s any) error {
		return fn(&crashing{DB: s.(*sqldb.DB), at: c.at})
	})
}

func TestLoadCrashLeavesEmptyDatabase(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		sys := thidua.NewSystemContext(context.Background())
		if _, err := demo.Load(sys, &crashing{DB: db, at: 20}); !errors.Is(err, errCrash) {
			t.Fatalf("Load with a crash at the 20th person: err = %v, want the crash", err)
		}
		var n int
		for _, table := range []string{"units", "people", "users", "audit_log"} {
			if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n != 0 {
				t.Errorf("after the crash %s holds %d rows (err %v), want none", table, n, err)
			}
		}
		// The database is still usable: the demo loads whole afterwards.
		if _, err := demo.Load(sys, db); err != nil {
			t.Fatalf("Load after the crash: %v", err)
		}
		if bad, err := db.VerifyAuditChain(sys); err != nil || bad != 0 {
			t.Errorf("audit chain broken at %d: %v", bad, err)
		}
	})
}
