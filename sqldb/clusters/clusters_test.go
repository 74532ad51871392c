package clusters_test

import (
	"context"
	"strings"
	"testing"

	"thidua"
	"thidua/cluster"
	"thidua/demo/demotest"
	"thidua/passwd"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
)

func TestMain(m *testing.M) { demotest.Main(m) }

func sys() context.Context {
	return thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
}

func as(t *testing.T, db *sqldb.DB, username string) context.Context {
	t.Helper()
	u, err := db.FindUserByUsername(sys(), username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return thidua.NewContextWithUser(context.Background(), u)
}

func unitNamed(t *testing.T, db *sqldb.DB, name string) *thidua.Unit {
	t.Helper()
	us, _, err := db.FindUnits(sys(), thidua.UnitFilter{Query: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no unit %q", name)
	return nil
}

func code(err error) string {
	if err == nil {
		return ""
	}
	return thidua.ErrorCode(err)
}

// world is the demo office with a council member at Sở Nội vụ, who scores
// for it in the cluster.
type world struct {
	db                       *sqldb.DB
	s                        *clusters.Store
	admin, vpScorer, snvScor context.Context
	vp, snv                  *thidua.Unit
	vpScorerID, snvScorerID  int64
}

func newWorld(t *testing.T, db *sqldb.DB) *world {
	t.Helper()
	w := &world{db: db, s: clusters.New(db), vp: unitNamed(t, db, "Văn phòng UBND tỉnh"), snv: unitNamed(t, db, "Sở Nội vụ")}
	h, err := passwd.Hash("Cum@2030-hoidongsnv")
	if err != nil {
		t.Fatal(err)
	}
	u := &thidua.User{Username: "hoidongsnv", DisplayName: "Hội đồng Sở Nội vụ", Grants: []thidua.Grant{{Role: thidua.RoleCouncil, UnitID: w.snv.ID}}, PasswordHash: h}
	if err := db.CreateUser(sys(), u); err != nil {
		t.Fatal(err)
	}
	w.admin, w.vpScorer, w.snvScor = as(t, db, "admin"), as(t, db, "hoidong"), as(t, db, "hoidongsnv")
	w.vpScorerID, w.snvScorerID = thidua.UserFromContext(w.vpScorer).ID, u.ID
	return w
}

func (w *world) newCluster(year int) *cluster.Cluster {
	root := w.vp.ParentID
	return &cluster.Cluster{Year: year, Kind: cluster.KindBloc, Name: "Khối thử nghiệm", UnitID: root,
		LeaderUnitID: w.vp.ID, DeputyUnitID: w.snv.ID,
		Members: []cluster.Member{{UnitID: w.vp.ID, ScorerID: w.vpScorerID}, {UnitID: w.snv.ID, ScorerID: w.snvScorerID}}}
}

func (w *world) covenant(c *cluster.Cluster) *cluster.Covenant {
	return &cluster.Covenant{ClusterID: c.ID, Targets: "1. Hoàn thành 100% nhiệm vụ được giao.\n2. Không có cán bộ vi phạm kỷ luật.",
		SignedOn: thidua.NewDate(c.Year, 2, 10), File: cluster.Document{Name: "giao-uoc.pdf", ContentType: "application/pdf", Size: 10, Key: "k-" + c.Name},
		Signatures: []cluster.Signature{{UnitID: w.vp.ID, Signer: "Trần Quốc Bình", SignerPost: "Chánh Văn phòng"}, {UnitID: w.snv.ID, Signer: "Nguyễn Văn An", SignerPost: "Giám đốc Sở"}}}
}

func TestClusterYear(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		w := newWorld(t, o.DB)
		db, s := w.db, w.s
		officer := as(t, db, "thiduakt") // an officer of the Office, not of the province
		staff := as(t, db, "canhan")

		// Bad input changes nothing.
		bad := w.newCluster(2030)
		bad.Members = bad.Members[:1]
		if err := s.CreateCluster(w.admin, bad); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["members"] == "" {
			t.Fatalf("one member: %v", err)
		}
		if err := s.CreateCluster(officer, w.newCluster(2030)); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("an agency's officer creates a province cluster: %v", err)
		}
		if cs, n, _ := s.FindClusters(w.admin, cluster.Filter{Year: 2030}); n != 0 || len(cs) != 0 {
			t.Fatalf("refused creations left %d clusters", n)
		}
		c := w.newCluster(2030)
		c.Members[1].ScorerID = w.vpScorerID // the Office's council member cannot score for Sở Nội vụ
		if err := s.CreateCluster(w.admin, c); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["members[1].scorer_id"] == "" {
			t.Fatalf("a scorer of another unit: %v", err)
		}

		c = w.newCluster(2030)
		if err := s.CreateCluster(w.admin, c); err != nil {
			t.Fatal(err)
		}
		dup := w.newCluster(2030)
		dup.Name = "Khối khác"
		if err := s.CreateCluster(w.admin, dup); code(err) != thidua.EINVALID || !strings.Contains(thidua.ErrorMessage(err)+thidua.ErrorFields(err)["members[0].unit_id"], "đã là thành viên") {
			t.Fatalf("a unit in two clusters of a year: %v", err)
		}

		// Scope: the members' staff see it; the list and the detail agree.
		for name, ctx := range map[string]context.Context{"officer": officer, "staff": staff, "snv": w.snvScor} {
			if _, err := s.FindClusterByID(ctx, c.ID); err != nil {
				t.Fatalf("%s: member's staff cannot see the cluster: %v", name, err)
			}
			if cs, _, err := s.FindClusters(ctx, cluster.Filter{Year: 2030}); err != nil || len(cs) != 1 {
				t.Fatalf("%s: list %d %v", name, len(cs), err)
			}
		}

		// Review before a covenant is refused.
		crit := []*thidua.Criterion{{Code: "TC1", Title: "Hoàn thành nhiệm vụ được giao", MaxScore: 60}, {Code: "TC2", Title: "Kỷ luật, kỷ cương", MaxScore: 40}}
		if _, err := s.StartReview(w.admin, c.ID, c.Version, crit); code(err) != thidua.EINVALID {
			t.Fatalf("review without a covenant: %v", err)
		}
		cv := w.covenant(c)
		cv.Signatures = cv.Signatures[:1]
		if _, err := s.SaveCovenant(w.admin, cv); code(err) != thidua.EINVALID || !strings.Contains(thidua.ErrorFields(err)["signatures"], "Sở Nội vụ") {
			t.Fatalf("a member did not sign: %v", err)
		}
		if _, err := s.SaveCovenant(w.admin, w.covenant(c)); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindCovenant(staff, c.ID)
		if err != nil || len(got.Signatures) != 2 || got.SignedOn.String() != "10/02/2030" {
			t.Fatalf("covenant: %+v %v", got, err)
		}

		c, err = s.StartReview(w.admin, c.ID, c.Version, crit)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateCluster(w.admin, c); code(err) != thidua.EINVALID {
			t.Fatalf("members changed after the review started: %v", err)
		}
		camp, err := db.FindCampaignByID(w.admin, c.CampaignID)
		if err != nil || camp.State != thidua.CampaignInProgress {
			t.Fatalf("review campaign: %+v %v", camp, err)
		}
		regs, err := db.FindRegistrations(w.admin, camp.ID)
		if err != nil || len(regs) != 2 {
			t.Fatalf("registrations %d %v", len(regs), err)
		}
		reg := map[int64]*thidua.Registration{}
		for _, r := range regs {
			reg[r.UnitID] = r
		}
		critStored, _ := db.FindCriteria(w.admin, camp.ID)
		score := func(ctx context.Context, unit int64, kind string, vals ...float64) {
			t.Helper()
			for i, v := range vals {
				if err := db.SaveScore(ctx, &thidua.Score{RegistrationID: reg[unit].ID, CriterionID: critStored[i].ID, Kind: kind, Value: v}); err != nil {
					t.Fatalf("score %s %d: %v", kind, unit, err)
				}
			}
		}
		// Self-scores: each member for itself.
		score(officer, w.vp.ID, thidua.ScoreSelf, 60, 40)
		score(w.admin, w.snv.ID, thidua.ScoreSelf, 60, 40)
		camp, _ = db.FindCampaignByID(w.admin, camp.ID)
		if _, err := db.TransitionCampaign(w.admin, camp.ID, "evaluate", camp.Version); err != nil {
			t.Fatal(err)
		}
		// Peer scores: each member scores the other; a member scoring
		// itself as a peer does not count.
		score(w.vpScorer, w.snv.ID, thidua.ScoreCouncil, 50, 30)
		score(w.snvScor, w.vp.ID, thidua.ScoreCouncil, 58, 38)
		score(w.vpScorer, w.vp.ID, thidua.ScoreCouncil, 10, 10)

		if err := s.CastVote(w.vpScorer, c.ID, w.vp.ID, w.vp.ID); code(err) != thidua.EINVALID {
			t.Fatalf("vote before the review closed: %v", err)
		}
		camp, _ = db.FindCampaignByID(w.admin, camp.ID)
		if _, err := db.TransitionCampaign(w.admin, camp.ID, "close", camp.Version); err != nil {
			t.Fatal(err)
		}
		rk, err := s.FindRanking(staff, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Results) != 2 || rk.Results[0].Registration.UnitID != w.vp.ID || rk.Results[0].Total != 96 || rk.Results[1].Total != 80 {
			for _, r := range rk.Results {
				t.Logf("%s %v", r.Registration.Name, r.Total)
			}
			t.Fatalf("ranking")
		}

		if err := s.CastVote(w.snvScor, c.ID, w.vp.ID, w.vp.ID); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("a member votes for another: %v", err)
		}
		if _, err := s.Conclude(w.admin, c.ID, c.Version, thidua.NewDate(2030, 12, 20)); code(err) != thidua.EINVALID {
			t.Fatalf("conclude without votes: %v", err)
		}
		if err := s.CastVote(w.vpScorer, c.ID, w.vp.ID, w.vp.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.CastVote(w.snvScor, c.ID, w.snv.ID, w.vp.ID); err != nil {
			t.Fatal(err)
		}
		c, err = s.Conclude(w.admin, c.ID, c.Version, thidua.NewDate(2030, 12, 20))
		if err != nil || c.LeadingUnitID != w.vp.ID {
			t.Fatalf("conclude: %+v %v", c, err)
		}
		h, err := db.FindHistory(w.admin, thidua.SubjectUnit, w.vp.ID)
		// The demo's bloc of 2025 was led by the Office already (demo/cluster_year.go).
		if err != nil || len(h.ClusterLeads) != 2 || h.ClusterLeads[0].Year != 2025 || h.ClusterLeads[1].Year != 2030 || h.ClusterLeads[1].ClusterID != c.ID {
			t.Fatalf("cluster leads of the leading unit: %+v %v", h.ClusterLeads, err)
		}
		h, _ = db.FindHistory(w.admin, thidua.SubjectUnit, w.snv.ID)
		if len(h.ClusterLeads) != 0 {
			t.Fatalf("the other member leads: %+v", h.ClusterLeads)
		}

		// The next year rotates: last year's deputy leads.
		n, err := s.CreateNextYear(w.admin, c.ID)
		if err != nil || n.LeaderUnitID != w.snv.ID || n.DeputyUnitID != w.vp.ID || n.Year != 2031 {
			t.Fatalf("next year: %+v %v", n, err)
		}
		n.LeaderUnitID, n.DeputyUnitID = w.vp.ID, w.snv.ID
		if err := s.UpdateCluster(w.admin, n); code(err) != thidua.EINVALID || thidua.ErrorFields(err)["leader_unit_id"] == "" {
			t.Fatalf("keeping last year's leader: %v", err)
		}
	})
}

// TestFindScorers: the accounts that may score for each member are its
// council members and those granted above it (the province's), its own
// first; a disabled account is left out; only the organizer's officers
// read the list.
func TestFindScorers(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		w := newWorld(t, o.DB)
		c := w.newCluster(2031)
		if err := w.s.CreateCluster(w.admin, c); err != nil {
			t.Fatal(err)
		}
		h, err := passwd.Hash("Cum@2031-khoa")
		if err != nil {
			t.Fatal(err)
		}
		off := &thidua.User{Username: "hoidongkhoa", DisplayName: "Tài khoản đã khóa", Disabled: true, Grants: []thidua.Grant{{Role: thidua.RoleCouncil, UnitID: w.snv.ID}}, PasswordHash: h}
		if err := w.db.CreateUser(sys(), off); err != nil {
			t.Fatal(err)
		}
		got, err := w.s.FindScorers(w.admin, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		byUnit := map[int64][]cluster.Scorer{}
		for _, sc := range got {
			byUnit[sc.UnitID] = append(byUnit[sc.UnitID], sc)
		}
		for _, m := range []struct {
			unit  int64
			first int64
			not   int64
		}{{w.vp.ID, w.vpScorerID, w.snvScorerID}, {w.snv.ID, w.snvScorerID, w.vpScorerID}} {
			list := byUnit[m.unit]
			seen := map[int64]bool{}
			above := false // an account granted above the member was listed
			for _, sc := range list {
				if sc.UserID == m.not || sc.UserID == off.ID || seen[sc.UserID] {
					t.Errorf("member %d lists %+v", m.unit, sc)
				}
				seen[sc.UserID] = true
				u, err := w.db.FindUserByID(sys(), sc.UserID)
				if err != nil {
					t.Fatal(err)
				}
				mem := c.Member(m.unit)
				if err := cluster.CheckScorer(u, mem); err != nil {
					t.Errorf("%s listed but refused: %v", sc.Username, err)
				}
				own := false
				for _, g := range u.Grants {
					own = own || (g.Role == thidua.RoleCouncil && g.UnitID == m.unit)
				}
				if own && above {
					t.Errorf("member %d: %s of its own unit after an account above it", m.unit, sc.Username)
				}
				above = above || !own
			}
			if !seen[m.first] || !above {
				t.Errorf("member %d: %+v, want %d and the province's council", m.unit, list, m.first)
			}
		}
		if _, err := w.s.FindScorers(as(t, w.db, "thiduakt"), c.ID); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("a member's officer reads the scorers: %v", err)
		}
	})
}
