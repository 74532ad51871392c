package clusters

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"thidua"
	"thidua/cluster"
	"thidua/sqldb"
)

func loadCovenant(ctx context.Context, q sqldb.Handle, c *cluster.Cluster) (*cluster.Covenant, error) {
	cv := &cluster.Covenant{ClusterID: c.ID}
	var signed string
	err := q.QueryRowContext(ctx, `SELECT targets, signed_on, file_key, file_name, file_type, file_size, version, updated_at
		FROM cluster_covenants WHERE cluster_id = $1`, c.ID).Scan(&cv.Targets, &signed, &cv.File.Key, &cv.File.Name, &cv.File.ContentType,
		&cv.File.Size, &cv.Version, &cv.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("clusters: covenant: %w", err)
	}
	cv.SignedOn, _ = thidua.ParseDate(signed)
	rows, err := q.QueryContext(ctx, `SELECT unit_id, signer, signer_post FROM cluster_signatures WHERE cluster_id = $1`, c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byUnit := map[int64]cluster.Signature{}
	for rows.Next() {
		var sg cluster.Signature
		if err := rows.Scan(&sg.UnitID, &sg.Signer, &sg.SignerPost); err != nil {
			return nil, err
		}
		byUnit[sg.UnitID] = sg
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, m := range c.Members { // in the members' order
		if sg, ok := byUnit[m.UnitID]; ok {
			sg.UnitName = m.Name
			cv.Signatures = append(cv.Signatures, sg)
		}
	}
	return cv, nil
}

// FindCovenant returns a visible cluster's covenant, ENOTFOUND when none
// is recorded.
func (s *Store) FindCovenant(ctx context.Context, clusterID int64) (*cluster.Covenant, error) {
	q := s.db.Queries()
	c, _, err := visible(ctx, q, clusterID)
	if err != nil {
		return nil, err
	}
	cv, err := loadCovenant(ctx, q, c)
	if err == nil && cv == nil {
		err = thidua.Errorf(thidua.ENOTFOUND, "Cụm, khối chưa có giao ước thi đua.")
	}
	return cv, err
}

// SaveCovenant records or replaces a cluster's covenant (cluster.Service).
func (s *Store) SaveCovenant(ctx context.Context, cv *cluster.Covenant) (string, error) {
	var replaced string
	err := s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		c, err := managed(ctx, q, cv.ClusterID)
		if err != nil {
			return err
		}
		if c.Started() {
			return thidua.Errorf(thidua.EINVALID, "Đã bắt đầu chấm điểm theo giao ước: không sửa được giao ước.")
		}
		cv.Normalize()
		if err := cv.Validate(c); err != nil {
			return err
		}
		cur, err := loadCovenant(ctx, q, c)
		if err != nil {
			return err
		}
		curVersion := 0
		if cur != nil {
			curVersion = cur.Version
		}
		if cv.Version != curVersion {
			return thidua.ErrStale()
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		if cur == nil {
			_, err = q.ExecContext(ctx, `INSERT INTO cluster_covenants (cluster_id, targets, signed_on, file_key, file_name, file_type, file_size, version, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)`, c.ID, cv.Targets, cv.SignedOn.ISO(), cv.File.Key, cv.File.Name, cv.File.ContentType, cv.File.Size, now)
			if isUnique(err) {
				return thidua.ErrStale()
			}
		} else {
			var res sql.Result
			res, err = q.ExecContext(ctx, `UPDATE cluster_covenants SET targets = $1, signed_on = $2, file_key = $3, file_name = $4, file_type = $5,
				file_size = $6, version = version + 1, updated_at = $7 WHERE cluster_id = $8 AND version = $9`,
				cv.Targets, cv.SignedOn.ISO(), cv.File.Key, cv.File.Name, cv.File.ContentType, cv.File.Size, now, c.ID, cv.Version)
			if err == nil {
				if n, _ := res.RowsAffected(); n != 1 {
					return thidua.ErrStale()
				}
			}
			if cur.File.Key != cv.File.Key {
				replaced = cur.File.Key
			}
		}
		if err != nil {
			return fmt.Errorf("clusters: save covenant: %w", err)
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM cluster_signatures WHERE cluster_id = $1`, c.ID); err != nil {
			return err
		}
		for i := range cv.Signatures {
			sg := &cv.Signatures[i]
			sg.UnitName = c.MemberName(sg.UnitID)
			if _, err := q.ExecContext(ctx, `INSERT INTO cluster_signatures (cluster_id, unit_id, signer, signer_post) VALUES ($1, $2, $3, $4)`,
				c.ID, sg.UnitID, sg.Signer, sg.SignerPost); err != nil {
				return err
			}
		}
		cv.Version, cv.UpdatedAt = curVersion+1, now
		return tx.Change(ctx, thidua.ActionUpdate, "cluster_covenant", c.ID, cur, cv, func(sqldb.Handle) error { return nil })
	})
	if err != nil {
		return "", err
	}
	return replaced, nil
}

// StartReview starts a cluster's review campaign (cluster.Service): the
// campaign is created, given the criteria, launched, every member
// registered and approved, the members' scorers assigned as its
// reviewers, and it is started, all in one transaction.
func (s *Store) StartReview(ctx context.Context, id int64, version int, criteria []*thidua.Criterion) (*cluster.Cluster, error) {
	var out *cluster.Cluster
	err := s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		c, err := managed(ctx, q, id)
		if err != nil {
			return err
		}
		if c.Version != version {
			return thidua.ErrStale()
		}
		cv, err := loadCovenant(ctx, q, c)
		if err != nil {
			return err
		}
		if err := cluster.CheckStartReview(c, cv, len(criteria)); err != nil {
			return err
		}
		for _, cr := range criteria {
			cr.AppliesTo = thidua.ForCollectives
		}
		if err := thidua.CheckCriteria(criteria); err != nil {
			return err
		}
		camp := cluster.ReviewCampaign(c, cv)
		if err := tx.CreateCampaign(ctx, camp); err != nil {
			return err
		}
		if err := tx.SaveCriteria(ctx, camp.ID, camp.Version, criteria); err != nil {
			return err
		}
		cur, err := tx.FindCampaignByID(ctx, camp.ID)
		if err != nil {
			return err
		}
		if cur, err = tx.TransitionCampaign(ctx, camp.ID, "launch", cur.Version); err != nil {
			return err
		}
		regs := make([]*thidua.Registration, len(c.Members))
		var reviewers []int64
		for i, m := range c.Members {
			regs[i] = &thidua.Registration{Kind: thidua.ForCollectives, UnitID: m.UnitID, TargetTitle: "Dẫn đầu " + c.Name}
			reviewers = append(reviewers, m.ScorerID)
		}
		if err := tx.CreateRegistrations(ctx, camp.ID, regs); err != nil {
			return err
		}
		stored, err := tx.FindRegistrations(ctx, camp.ID)
		if err != nil {
			return err
		}
		for _, r := range stored {
			if err := tx.ReviewRegistration(ctx, r.ID, true, "", r.Version); err != nil {
				return err
			}
		}
		if err := tx.SetReviewers(ctx, camp.ID, reviewers); err != nil {
			return err
		}
		if _, err := tx.TransitionCampaign(ctx, camp.ID, "start", cur.Version); err != nil {
			return err
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		res, err := q.ExecContext(ctx, `UPDATE clusters SET campaign_id = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`,
			camp.ID, now, c.ID, version)
		if err != nil {
			return fmt.Errorf("clusters: start review: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return thidua.ErrStale()
		}
		before := *c
		c.CampaignID, c.Version, c.UpdatedAt = camp.ID, version+1, now
		out = c
		return tx.Change(ctx, thidua.ActionUpdate, "cluster", c.ID, map[string]any{"campaign_id": before.CampaignID},
			map[string]any{"campaign_id": camp.ID, "action": "start_review"}, func(sqldb.Handle) error { return nil })
	})
	return out, err
}

// review loads the review campaign of c (nil before it starts) as the
// system: the cluster's visibility was checked already, and its ranking
// is read whole by every member.
func review(ctx context.Context, tx *sqldb.DB, c *cluster.Cluster) (*thidua.Campaign, error) {
	if c.CampaignID == 0 {
		return nil, nil
	}
	return tx.FindCampaignByID(systemCtx(ctx), c.CampaignID)
}

// systemCtx is ctx acting as the system (no user), keeping its values.
func systemCtx(ctx context.Context) context.Context {
	return thidua.NewSystemContext(thidua.NewContextWithUser(ctx, nil))
}

// FindRanking ranks a visible cluster's members (cluster.Rank). Every
// member reads the whole ranking of its cluster: the cluster scores its
// members together.
func (s *Store) FindRanking(ctx context.Context, id int64) (*cluster.Ranking, error) {
	c, _, err := visible(ctx, s.db.Queries(), id)
	if err != nil {
		return nil, err
	}
	if c.CampaignID == 0 {
		return nil, thidua.Errorf(thidua.EINVALID, "Cụm, khối chưa bắt đầu chấm điểm, xếp hạng cuối năm.")
	}
	sys := systemCtx(ctx)
	camp, err := s.db.FindCampaignByID(sys, c.CampaignID)
	if err != nil {
		return nil, err
	}
	crit, err := s.db.FindCriteria(sys, camp.ID)
	if err != nil {
		return nil, err
	}
	regs, err := s.db.FindRegistrations(sys, camp.ID)
	if err != nil {
		return nil, err
	}
	scores, err := s.db.FindScores(sys, camp.ID)
	if err != nil {
		return nil, err
	}
	return &cluster.Ranking{Cluster: c, Campaign: camp, Criteria: crit, Results: cluster.Rank(c, camp, crit, regs, scores)}, nil
}

// CastVote records a member's vote (cluster.Service).
func (s *Store) CastVote(ctx context.Context, id int64, voter, candidate int64) error {
	return s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		c, u, err := visible(ctx, q, id)
		if err != nil {
			return err
		}
		camp, err := review(ctx, tx, c)
		if err != nil {
			return err
		}
		if err := cluster.CheckVote(u, c, camp, voter, candidate); err != nil {
			return err
		}
		var by any
		if u != nil {
			by = u.ID
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		return tx.Change(ctx, thidua.ActionUpdate, "cluster_vote", c.ID, nil,
			map[string]any{"voter_unit_id": voter, "candidate_unit_id": candidate}, func(h sqldb.Handle) error {
				_, err := h.ExecContext(ctx, `INSERT INTO cluster_votes (cluster_id, voter_unit_id, candidate_unit_id, cast_by, cast_at) VALUES ($1, $2, $3, $4, $5)
					ON CONFLICT (cluster_id, voter_unit_id) DO UPDATE SET candidate_unit_id = excluded.candidate_unit_id, cast_by = excluded.cast_by, cast_at = excluded.cast_at`,
					c.ID, voter, candidate, by, now)
				return err
			})
	})
}

func loadVotes(ctx context.Context, q sqldb.Handle, c *cluster.Cluster) ([]cluster.Vote, error) {
	rows, err := q.QueryContext(ctx, `SELECT v.voter_unit_id, v.candidate_unit_id, COALESCE(v.cast_by, 0), v.cast_at, COALESCE(us.display_name, '')
		FROM cluster_votes v LEFT JOIN users us ON us.id = v.cast_by WHERE v.cluster_id = $1 ORDER BY v.cast_at, v.voter_unit_id`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("clusters: votes: %w", err)
	}
	defer rows.Close()
	var out []cluster.Vote
	for rows.Next() {
		var v cluster.Vote
		if err := rows.Scan(&v.VoterUnitID, &v.CandidateUnitID, &v.CastBy, &v.CastAt, &v.CastByName); err != nil {
			return nil, err
		}
		v.VoterName, v.CandidateName = c.MemberName(v.VoterUnitID), c.MemberName(v.CandidateUnitID)
		out = append(out, v)
	}
	return out, rows.Err()
}

// FindVotes lists a visible cluster's votes.
func (s *Store) FindVotes(ctx context.Context, id int64) ([]cluster.Vote, error) {
	q := s.db.Queries()
	c, _, err := visible(ctx, q, id)
	if err != nil {
		return nil, err
	}
	return loadVotes(ctx, q, c)
}

// Conclude names the cluster's leading unit from the vote (cluster.Service).
func (s *Store) Conclude(ctx context.Context, id int64, version int, on thidua.Date) (*cluster.Cluster, error) {
	var out *cluster.Cluster
	err := s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		c, err := managed(ctx, q, id)
		if err != nil {
			return err
		}
		if c.Version != version {
			return thidua.ErrStale()
		}
		camp, err := review(ctx, tx, c)
		if err != nil {
			return err
		}
		votes, err := loadVotes(ctx, q, c)
		if err != nil {
			return err
		}
		t := cluster.TallyVotes(c, votes)
		if err := cluster.CheckConclude(c, camp, t, on); err != nil {
			return err
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		res, err := q.ExecContext(ctx, `UPDATE clusters SET leading_unit_id = $1, decided_on = $2, version = version + 1, updated_at = $3
			WHERE id = $4 AND version = $5`, t.WinnerID, on.ISO(), now, c.ID, version)
		if err != nil {
			return fmt.Errorf("clusters: conclude: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return thidua.ErrStale()
		}
		// The leading unit is a fact of the stored verdicts (R-CTT-01):
		// the tables kept fresh by the count of changes (sqldb/verdicts)
		// are stale now.
		if _, err := q.ExecContext(ctx, `UPDATE eligibility_changes SET n = n + 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("clusters: conclude: %w", err)
		}
		c.LeadingUnitID, c.DecidedOn, c.Version, c.UpdatedAt = t.WinnerID, on, version+1, now
		c.LeadingName = c.MemberName(t.WinnerID)
		out = c
		return tx.Change(ctx, thidua.ActionUpdate, "cluster", c.ID, nil,
			map[string]any{"leading_unit_id": t.WinnerID, "decided_on": on, "tally": t}, func(sqldb.Handle) error { return nil })
	})
	return out, err
}
