package sqldb

import (
	"context"
	"fmt"
	"strings"

	"thidua"
)

// ProgressTotals sums, for each campaign of cs, its participants'
// progress over all units as Progress counts it (within the participation
// scope the user has in that campaign), in two queries whatever the number
// of campaigns: the dashboard's campaigns in progress.
func (db *DB) ProgressTotals(ctx context.Context, cs []*thidua.Campaign) (map[int64]thidua.CampaignProgress, error) {
	out := map[int64]thidua.CampaignProgress{}
	if len(cs) == 0 {
		return out, nil
	}
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	reviewer := map[int64]bool{}
	if u != nil && u.Can(thidua.PermReview) {
		rows, err := db.db.QueryContext(ctx, `SELECT campaign_id FROM campaign_reviewers WHERE user_id = $1`, u.ID)
		if err != nil {
			return nil, fmt.Errorf("sqldb: campaign reviewers: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			reviewer[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var ors []string
	var args []any
	for _, c := range cs {
		s := thidua.ParticipationScope{All: true}
		if u != nil {
			s = u.ParticipationScope(c, reviewer[c.ID])
		}
		args = append(args, c.ID)
		n := len(args)
		var cond string
		cond, args = participationClause(s, "u.path", "r.person_id", args)
		ors = append(ors, fmt.Sprintf("(r.campaign_id = $%d AND %s)", n, cond))
	}
	rows, err := db.db.QueryContext(ctx, `SELECT r.campaign_id, count(*),
		SUM(CASE WHEN r.state = 'APPROVED' THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM evidence e WHERE e.registration_id = r.id) THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM scores s WHERE s.registration_id = r.id AND s.kind <> 'SELF') THEN 1 ELSE 0 END)
		FROM registrations r JOIN units u ON u.id = r.unit_id
		WHERE `+strings.Join(ors, " OR ")+` GROUP BY r.campaign_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: progress totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p thidua.CampaignProgress
		if err := rows.Scan(&id, &p.Registered, &p.Approved, &p.WithEvidence, &p.Scored); err != nil {
			return nil, fmt.Errorf("sqldb: progress totals: %w", err)
		}
		out[id] = p
	}
	return out, rows.Err()
}
