package sqldb

import "context"

// TryRefreshAwardStats brings the stored statistics up to date, as
// AwardStats does before reading them, unless a refresh is already under
// way in this process, which it does not wait for: a reader then finds
// the figures not up to date (awardstats.FormCells) and takes another way.
func (db *DB) TryRefreshAwardStats(ctx context.Context) error {
	if !db.statsBusy.TryLock() {
		return nil
	}
	defer db.statsBusy.Unlock()
	return db.refreshAwardStats(ctx)
}
