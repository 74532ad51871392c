package sqldb

import (
	"context"
	"errors"

	"thidua/sqldb/awardstats"
)

// TryRefreshAwardStats brings the stored statistics up to date, as
// AwardStats does before reading them, unless a refresh is already under
// way in this process, which it does not wait for: a reader then finds
// the figures not up to date (awardstats.FormCells) and takes another way.
// It recomputes at most smallRefresh subjects itself; with more stale
// (a province's first computation) it starts the refresh in the
// background and returns at once.
func (db *DB) TryRefreshAwardStats(ctx context.Context) error {
	if !db.statsBusy.TryLock() {
		return nil
	}
	return db.refreshSmallLocked(ctx)
}

// refreshSmallLocked, with statsBusy held (and released here), recomputes
// up to smallRefresh stale subjects; with more it leaves them to a whole
// refresh started in the background.
func (db *DB) refreshSmallLocked(ctx context.Context) error {
	err := db.refreshAwardStats(ctx, smallRefresh)
	db.statsBusy.Unlock()
	if errors.Is(err, awardstats.ErrMany) {
		db.refreshInBackground(ctx)
		return nil
	}
	return err
}

// refreshInBackground starts a whole refresh of the stored statistics
// that outlives the request asking for it; at most one runs in a process
// (statsBusy), so asking again while it runs starts nothing. Its error is
// the next timed refresh's to meet again (thidua serve logs those).
func (db *DB) refreshInBackground(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	go func() {
		if db.statsBusy.TryLock() {
			defer db.statsBusy.Unlock()
			_ = db.refreshAwardStats(ctx, 0)
		}
	}()
}
