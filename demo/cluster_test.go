package demo_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"thidua"
	"thidua/cluster"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
)

// clusterSteps counts the audit entries of the demo bloc: its creation and
// its covenant.
func clusterSteps(t *testing.T, sys context.Context, db *sqldb.DB) int {
	t.Helper()
	_, n, err := clusters.New(db).FindClusters(sys, cluster.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return 2 * n
}

// TestDemoCluster: the demo year's bloc holds every agency directly under
// UBND tỉnh, led by the first, with a covenant signed by each member's
// head and its document in the database.
func TestDemoCluster(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		sys := thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
		cs := clusters.New(o.DB)
		list, n, err := cs.FindClusters(sys, cluster.Filter{Year: demo.ClusterYear})
		if err != nil || n != 1 || list[0].Name != demo.ClusterName {
			t.Fatalf("demo clusters: %d %v", n, err)
		}
		c := list[0]
		units, _, err := o.DB.FindUnits(sys, thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(units, func(a, b *thidua.Unit) int { return cmp.Compare(a.ID, b.ID) })
		var agencies []int64
		for _, u := range units {
			if u.Kind == thidua.UnitAgency && u.ParentID != 0 && u.ParentID == c.UnitID {
				agencies = append(agencies, u.ID)
			}
		}
		if len(c.Members) != len(agencies) || len(agencies) < 2 {
			t.Fatalf("members %d, agencies under the root %d", len(c.Members), len(agencies))
		}
		for i, id := range agencies {
			if c.Members[i].UnitID != id {
				t.Fatalf("member %d is unit %d, want %d", i, c.Members[i].UnitID, id)
			}
		}
		if c.LeaderName != "Văn phòng UBND tỉnh" || c.DeputyName != "Sở Nội vụ" {
			t.Fatalf("leader %q, deputy %q", c.LeaderName, c.DeputyName)
		}
		cv, err := cs.FindCovenant(sys, c.ID)
		if err != nil || len(cv.Signatures) != len(c.Members) || cv.Signatures[0].Signer != "Trần Quốc Bình" {
			t.Fatalf("covenant %+v %v", cv, err)
		}
		data, err := o.DB.Files().Get(sys, cv.File.Key)
		if err != nil || int64(len(data)) != cv.File.Size || string(data[:5]) != "%PDF-" {
			t.Fatalf("covenant document: %d bytes, %v", len(data), err)
		}
	})
}
