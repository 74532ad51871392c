package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"thidua"
	"thidua/cluster"
	"thidua/sqldb"
	"thidua/sqldb/clusters"
)

// The demo bloc's year (issue 18): the province's emulation officer
// (thiduatinh) names each member's scorer among the accounts
// cluster.Service.FindScorers offers — the member's own council first (the
// Office's hoidong), else a member of the provincial council who works in
// that member (the Ban's Phó Trưởng ban for Sở Nội vụ, each Giám đốc Sở for
// their Sở) — and starts the review with one criterion per line of the
// covenant; each member scores itself (the Office's officer for the
// Office; the province's officer for the agencies, which have no officer
// account), the officer moves the review to evaluating, each scorer
// scores the other members, the officer closes it, the members vote
// through their scorers (three of four for the Office) and the officer
// concludes on the review conference's date: the Office leads the bloc
// in 2025. So the demo's 2025 has a campaign of a bloc (Biểu 0601.N) and
// the Office's history shows the year it led.

// ClusterDecidedOn is the date of the demo bloc's review conference.
var ClusterDecidedOn = thidua.NewDate(ClusterYear, time.December, 26)

// clusterMaxScores are the maximum scores of the review's criteria, one
// per line of clusterTargets.
var clusterMaxScores = []float64{30, 30, 20, 20}

// clusterSelf are the members' self-scores, in the members' order, one per
// criterion.
var clusterSelf = [][]float64{
	{29, 29, 19, 20},
	{28, 27, 18, 19},
	{27, 28, 18, 18},
	{28, 26, 19, 18},
}

// clusterPeer are the scores the other members' scorers give each member,
// before a scorer's own adjustment (clusterPeerShift).
var clusterPeer = [][]float64{
	{28, 28, 19, 19},
	{27, 26, 18, 18},
	{26, 27, 17, 18},
	{27, 25, 18, 17},
}

// clusterPeerShift lowers the first criterion by the scorer's position
// modulo 2, so that scorers differ.
func clusterPeerShift(scorer int) float64 { return float64(scorer % 2) }

// clusterVotes names, for each member in order, the member it votes for.
var clusterVotes = []int{0, 0, 0, 1}

// loadClusterYear runs the demo bloc's year through the services. It runs
// after everything else in load, so that the IDs before it stay, and on
// the database only (clusters are the database's).
func loadClusterYear(ctx context.Context, s Store, personByName map[string]*thidua.Person) error {
	db, ok := s.(*sqldb.DB)
	if !ok {
		return nil
	}
	users := map[string]*thidua.User{}
	as := func(username string) (context.Context, *thidua.User, error) {
		u, ok := users[username]
		if !ok {
			var err error
			if u, err = s.FindUserByUsername(ctx, username); err != nil {
				return nil, nil, fmt.Errorf("demo: cluster year: account %s: %w", username, err)
			}
			users[username] = u
		}
		return thidua.NewContextWithUser(detached{ctx}, u), u, nil
	}
	officer, _, err := as(ProvinceOfficer.Username)
	if err != nil {
		return err
	}
	cs := clusters.New(db)
	list, _, err := cs.FindClusters(officer, cluster.Filter{Year: ClusterYear})
	if err != nil {
		return fmt.Errorf("demo: cluster year: %w", err)
	}
	var c *cluster.Cluster
	for _, x := range list {
		if x.Name == ClusterName {
			c = x
		}
	}
	if c == nil {
		return nil // no bloc: too few agencies
	}
	if len(c.Members) != len(clusterSelf) {
		return fmt.Errorf("demo: cluster year: %d members, the scores are for %d", len(c.Members), len(clusterSelf))
	}
	personUnit := map[int64]int64{}
	for _, p := range personByName {
		personUnit[p.ID] = p.UnitID
	}
	units, _, err := s.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return fmt.Errorf("demo: cluster year: units: %w", err)
	}
	pathOf := map[int64]string{}
	for _, u := range units {
		pathOf[u.ID] = u.Path
	}

	// Each member's scorer, among the accounts FindScorers offers.
	scorers, err := cs.FindScorers(officer, c.ID)
	if err != nil {
		return fmt.Errorf("demo: cluster year: scorers: %w", err)
	}
	taken := map[int64]bool{}
	for _, m := range c.Members {
		if m.ScorerID != 0 {
			taken[m.ScorerID] = true
		}
	}
	for i := range c.Members {
		m := &c.Members[i]
		if m.ScorerID != 0 {
			continue
		}
		for _, sc := range scorers {
			if sc.UnitID != m.UnitID || taken[sc.UserID] {
				continue
			}
			_, u, err := as(sc.Username)
			if err != nil {
				return err
			}
			if u.PersonID != 0 && strings.HasPrefix(pathOf[personUnit[u.PersonID]], pathOf[m.UnitID]) {
				m.ScorerID, taken[sc.UserID] = sc.UserID, true
				break
			}
		}
		if m.ScorerID == 0 {
			return fmt.Errorf("demo: cluster year: no scorer of %s among %d offered", m.Name, len(scorers))
		}
	}
	if err := cs.UpdateCluster(officer, c); err != nil {
		return fmt.Errorf("demo: cluster year: name the scorers: %w", err)
	}
	if c, err = cs.FindClusterByID(officer, c.ID); err != nil {
		return err
	}

	// The review, with the covenant's targets as its criteria.
	var criteria []*thidua.Criterion
	for i, line := range strings.Split(clusterTargets, "\n") {
		title := strings.TrimSpace(line)
		if _, rest, ok := strings.Cut(title, ". "); ok {
			title = rest
		}
		criteria = append(criteria, &thidua.Criterion{Code: fmt.Sprintf("TC%d", i+1), Title: title,
			AppliesTo: thidua.ForCollectives, MaxScore: clusterMaxScores[i]})
	}
	if c, err = cs.StartReview(officer, c.ID, c.Version, criteria); err != nil {
		return fmt.Errorf("demo: cluster year: start the review: %w", err)
	}
	crit, err := db.FindCriteria(officer, c.CampaignID)
	if err != nil {
		return err
	}
	regs, err := db.FindRegistrations(officer, c.CampaignID)
	if err != nil {
		return err
	}
	regOf := map[int64]int64{}
	for _, r := range regs {
		regOf[r.UnitID] = r.ID
	}
	scorerName := map[int64]string{}
	for _, sc := range scorers {
		scorerName[sc.UserID] = sc.Username
	}
	score := func(by context.Context, member int, kind string, vals []float64) error {
		m := c.Members[member]
		var ss []*thidua.Score
		for i, v := range vals {
			ss = append(ss, &thidua.Score{RegistrationID: regOf[m.UnitID], CriterionID: crit[i].ID, Kind: kind, Value: v})
		}
		if err := db.SaveScores(by, ss); err != nil {
			return fmt.Errorf("demo: cluster year: %s score of %s: %w", kind, m.Name, err)
		}
		return nil
	}
	officeOfficer, _, err := as(uOfficer)
	if err != nil {
		return err
	}
	for i, m := range c.Members {
		by := officer
		if i == 0 { // the Office's own officer for the Office
			by = officeOfficer
		}
		if len(clusterSelf[i]) != len(crit) {
			return fmt.Errorf("demo: cluster year: %d self-scores of %s for %d criteria", len(clusterSelf[i]), m.Name, len(crit))
		}
		if err := score(by, i, thidua.ScoreSelf, clusterSelf[i]); err != nil {
			return err
		}
	}
	transition := func(action string) error {
		cur, err := db.FindCampaignByID(officer, c.CampaignID)
		if err != nil {
			return err
		}
		if _, err := db.TransitionCampaign(officer, c.CampaignID, action, cur.Version); err != nil {
			return fmt.Errorf("demo: cluster year: %s: %w", action, err)
		}
		return nil
	}
	if err := transition("evaluate"); err != nil {
		return err
	}
	for j, sm := range c.Members { // each scorer scores the other members
		by, _, err := as(scorerName[sm.ScorerID])
		if err != nil {
			return err
		}
		for i := range c.Members {
			if i == j {
				continue
			}
			vals := append([]float64(nil), clusterPeer[i]...)
			vals[0] -= clusterPeerShift(j)
			if err := score(by, i, thidua.ScoreCouncil, vals); err != nil {
				return err
			}
		}
	}
	if err := transition("close"); err != nil {
		return err
	}

	// The members' recorded vote, each cast by its scorer, and the result.
	for i, m := range c.Members {
		by, _, err := as(scorerName[m.ScorerID])
		if err != nil {
			return err
		}
		if err := cs.CastVote(by, c.ID, m.UnitID, c.Members[clusterVotes[i]].UnitID); err != nil {
			return fmt.Errorf("demo: cluster year: %s votes: %w", m.Name, err)
		}
	}
	if _, err := cs.Conclude(officer, c.ID, c.Version, ClusterDecidedOn); err != nil {
		return fmt.Errorf("demo: cluster year: conclude: %w", err)
	}
	return nil
}
