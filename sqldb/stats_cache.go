package sqldb

import (
	"context"
	"fmt"
	"sync"

	"thidua"
	"thidua/sqldb/awardstats"
)

// statsCellsKept is how many readings of the stored statistics' cells a
// process keeps (each about 1 MB for five years of a province).
const statsCellsKept = 8

// cellsCache keeps the last readings of the stored statistics' cells,
// each under the count of changes the figures were brought up to: a
// reading stands for as long as that count is the current one (nothing
// changed since), and is never read again once it moves on.
type cellsCache struct {
	mu      sync.Mutex
	entries []cellsEntry // most recently used first
}

type cellsEntry struct {
	key   string
	cells []thidua.AwardCell
}

// awardCells reads the stored cells of w (awardstats.Cells), from the
// readings kept while the stored figures are up to date and unchanged.
// The cells are shared: readers must not change them.
func (db *DB) awardCells(ctx context.Context, w awardstats.Where) ([]thidua.AwardCell, error) {
	var now, done int64
	if err := db.db.QueryRowContext(ctx, `SELECT c.n, r.changes FROM award_stat_changes c, award_stat_runs r
		WHERE c.id = 1 AND r.id = 1`).Scan(&now, &done); err != nil {
		return nil, fmt.Errorf("sqldb: award stats: %w", err)
	}
	// Inside a transaction (InTx) the figures may be its own, not yet
	// committed: those are read, never kept.
	if now != done || db.statsCells == nil || db.scope != nil {
		return awardstats.Cells(ctx, db.db, w)
	}
	key := fmt.Sprintf("%d\x00%s\x00%v\x00%d\x00%d", done, w.Cond, w.Args, w.From, w.To)
	c := db.statsCells
	c.mu.Lock()
	for i, e := range c.entries {
		if e.key == key {
			copy(c.entries[1:i+1], c.entries[:i])
			c.entries[0] = e
			c.mu.Unlock()
			return e.cells, nil
		}
	}
	c.mu.Unlock()
	cells, err := awardstats.Cells(ctx, db.db, w)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries = append([]cellsEntry{{key, cells}}, c.entries...)
	if len(c.entries) > statsCellsKept {
		c.entries = c.entries[:statsCellsKept]
	}
	c.mu.Unlock()
	return cells, nil
}
