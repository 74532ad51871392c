package inbox_test

import (
	"testing"

	"thidua/demo/demotest"
	sqlinbox "thidua/sqldb/inbox"
)

// TestTasksEveryAccount runs the task list and the count for every demo
// account (each role builds a different statement) and checks they agree.
func TestTasksEveryAccount(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		s := sqlinbox.New(o.DB)
		for _, a := range o.Accounts {
			kinds(t, s, as(t, o.DB, a.Username))
		}
	})
}
