// Package clusters stores the emulation clusters and blocs (the domain is
// thidua/cluster; tables of migration 0017): the clusters with their
// members, covenants and signatures, and the members' votes. A cluster's
// review runs on the campaign services of sqldb inside the same
// transaction (sqldb.DB.InTx), so starting it is all or nothing; every
// change is in the audit log (sqldb.DB.Change).
package clusters

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"thidua"
	"thidua/cluster"
	"thidua/sqldb"
)

// Store implements cluster.Service over a sqldb.DB.
type Store struct {
	db *sqldb.DB
}

var _ cluster.Service = (*Store)(nil)

// New returns the cluster store of db.
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// actor returns the user in ctx (nil for the system), or EUNAUTHORIZED.
func actor(ctx context.Context) (*thidua.User, error) {
	if u := thidua.UserFromContext(ctx); u != nil {
		return u, nil
	}
	if thidua.IsSystemContext(ctx) {
		return nil, nil
	}
	return nil, thidua.Errorf(thidua.EUNAUTHORIZED, "Vui lòng đăng nhập.")
}

func notFound() error {
	return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy cụm, khối thi đua.")
}

// isUnique reports whether err is a UNIQUE violation of either database.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

const clusterCols = `c.id, c.year, c.kind, c.name, c.unit_id, c.leader_unit_id, c.deputy_unit_id, COALESCE(c.campaign_id, 0),
	COALESCE(c.leading_unit_id, 0), c.decided_on, c.version, c.created_at, c.updated_at, u.name, u.path`

func scanCluster(sc interface{ Scan(...any) error }) (*cluster.Cluster, error) {
	var c cluster.Cluster
	var decided sql.NullString
	if err := sc.Scan(&c.ID, &c.Year, &c.Kind, &c.Name, &c.UnitID, &c.LeaderUnitID, &c.DeputyUnitID, &c.CampaignID,
		&c.LeadingUnitID, &decided, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.UnitName, &c.UnitPath); err != nil {
		return nil, err
	}
	if decided.Valid {
		c.DecidedOn, _ = thidua.ParseDate(decided.String)
	}
	return &c, nil
}

// load reads a cluster with its members, without scope checks.
func load(ctx context.Context, q sqldb.Handle, id int64) (*cluster.Cluster, error) {
	c, err := scanCluster(q.QueryRowContext(ctx, `SELECT `+clusterCols+` FROM clusters c JOIN units u ON u.id = c.unit_id WHERE c.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("clusters: load: %w", err)
	}
	if err := loadMembers(ctx, q, []*cluster.Cluster{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// loadMembers fills the members of cs (and the names of their leaders,
// deputies and leading units).
func loadMembers(ctx context.Context, q sqldb.Handle, cs []*cluster.Cluster) error {
	if len(cs) == 0 {
		return nil
	}
	byID := map[int64]*cluster.Cluster{}
	ph := make([]string, len(cs))
	args := make([]any, len(cs))
	for i, c := range cs {
		byID[c.ID] = c
		ph[i], args[i] = "$"+strconv.Itoa(i+1), c.ID
	}
	rows, err := q.QueryContext(ctx, `SELECT m.cluster_id, m.unit_id, COALESCE(m.scorer_id, 0), u.name, u.path, COALESCE(us.display_name, '')
		FROM cluster_members m JOIN units u ON u.id = m.unit_id LEFT JOIN users us ON us.id = m.scorer_id
		WHERE m.cluster_id IN (`+strings.Join(ph, ", ")+`) ORDER BY m.cluster_id, m.position`, args...)
	if err != nil {
		return fmt.Errorf("clusters: members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var m cluster.Member
		if err := rows.Scan(&cid, &m.UnitID, &m.ScorerID, &m.Name, &m.Path, &m.ScorerName); err != nil {
			return err
		}
		byID[cid].Members = append(byID[cid].Members, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cs {
		c.LeaderName, c.DeputyName, c.LeadingName = c.MemberName(c.LeaderUnitID), c.MemberName(c.DeputyUnitID), c.MemberName(c.LeadingUnitID)
	}
	return nil
}

// visible loads a cluster the user in ctx sees, else ENOTFOUND.
func visible(ctx context.Context, q sqldb.Handle, id int64) (*cluster.Cluster, *thidua.User, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := load(ctx, q, id)
	if err != nil {
		return nil, nil, err
	}
	if !c.VisibleTo(u) {
		return nil, nil, notFound()
	}
	return c, u, nil
}

// managed loads a cluster the user in ctx manages.
func managed(ctx context.Context, q sqldb.Handle, id int64) (*cluster.Cluster, error) {
	c, u, err := visible(ctx, q, id)
	if err != nil {
		return nil, err
	}
	return c, cluster.CheckManage(u, c)
}

// FindClusterByID returns a cluster the user sees.
func (s *Store) FindClusterByID(ctx context.Context, id int64) (*cluster.Cluster, error) {
	c, _, err := visible(ctx, s.db.Queries(), id)
	return c, err
}

// FindClusters lists the clusters the user sees, newest year first, a
// page at a time: those of the organizing units within the user's grants
// and those with a member there (cluster.Cluster.VisibleTo in SQL).
func (s *Store) FindClusters(ctx context.Context, f cluster.Filter) ([]*cluster.Cluster, int, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var args []any
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where := []string{"1 = 1"}
	if f.Year != 0 {
		where = append(where, "c.year = "+arg(f.Year))
	}
	if u != nil {
		all, paths := u.Scope(thidua.PermViewOrg)
		if !all {
			var ors []string
			for _, p := range paths {
				if p == "" {
					continue
				}
				a, b := arg(p+"%"), arg(p)
				ors = append(ors, "u.path LIKE "+a, "EXISTS (SELECT 1 FROM cluster_members m JOIN units mu ON mu.id = m.unit_id WHERE m.cluster_id = c.id AND (mu.path LIKE "+a+" OR "+b+" LIKE mu.path || '%'))")
			}
			if len(ors) == 0 {
				ors = []string{"1 = 0"}
			}
			where = append(where, "("+strings.Join(ors, " OR ")+")")
		}
	}
	limit, offset := f.Limit, f.Offset
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	offset = max(offset, 0)
	q := s.db.Queries()
	rows, err := q.QueryContext(ctx, `SELECT `+clusterCols+`, COUNT(*) OVER () FROM clusters c JOIN units u ON u.id = c.unit_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY c.year DESC, c.name, c.id LIMIT `+arg(limit)+` OFFSET `+arg(offset), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("clusters: find: %w", err)
	}
	var out []*cluster.Cluster
	total := 0
	for rows.Next() {
		c, err := scanCluster(scanTotal{rows, &total})
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, loadMembers(ctx, q, out)
}

// scanTotal scans a cluster row followed by its window count.
type scanTotal struct {
	rows  *sql.Rows
	total *int
}

func (s scanTotal) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.total)...) }

// prepare normalizes and validates c as the user would save it, and
// checks the organizing unit, the members (existing units) and scorers.
func prepare(ctx context.Context, q sqldb.Handle, u *thidua.User, c *cluster.Cluster) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, `SELECT name, path FROM units WHERE id = $1`, c.UnitID).Scan(&c.UnitName, &c.UnitPath); err != nil {
		return &thidua.Error{Code: thidua.EINVALID, Message: "Đơn vị tổ chức không tồn tại.", Fields: map[string]string{"unit_id": "Đơn vị tổ chức không tồn tại."}}
	}
	if err := cluster.CheckManage(u, c); err != nil {
		return err
	}
	var v thidua.Validation
	for i := range c.Members {
		m := &c.Members[i]
		if err := q.QueryRowContext(ctx, `SELECT name, path FROM units WHERE id = $1`, m.UnitID).Scan(&m.Name, &m.Path); err != nil {
			v.Add(fmt.Sprintf("members[%d].unit_id", i), fmt.Sprintf("Thành viên %d: đơn vị không tồn tại.", i+1))
			continue
		}
		if !strings.HasPrefix(m.Path, c.UnitPath) || m.Path == c.UnitPath {
			v.Add(fmt.Sprintf("members[%d].unit_id", i), fmt.Sprintf("Thành viên %d: %s không thuộc %s.", i+1, m.Name, c.UnitName))
			continue
		}
		if m.ScorerID != 0 {
			su, err := scorer(ctx, q, m.ScorerID)
			if err == nil {
				err = cluster.CheckScorer(su, m)
				m.ScorerName = su.DisplayName
			}
			if err != nil {
				v.Add(fmt.Sprintf("members[%d].scorer_id", i), thidua.ErrorMessage(err))
			}
		}
	}
	return v.Err()
}

// scorer loads an account with its grants' unit paths.
func scorer(ctx context.Context, q sqldb.Handle, id int64) (*thidua.User, error) {
	u := &thidua.User{ID: id}
	var disabled bool
	if err := q.QueryRowContext(ctx, `SELECT display_name, disabled FROM users WHERE id = $1`, id).Scan(&u.DisplayName, &disabled); err != nil || disabled {
		return nil, thidua.Errorf(thidua.EINVALID, "Tài khoản chấm điểm chéo không tồn tại hoặc đã khóa.")
	}
	rows, err := q.QueryContext(ctx, `SELECT g.role, g.unit_id, un.path FROM grants g JOIN units un ON un.id = g.unit_id WHERE g.user_id = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var g thidua.Grant
		if err := rows.Scan(&g.Role, &g.UnitID, &g.UnitPath); err != nil {
			return nil, err
		}
		u.Grants = append(u.Grants, g)
	}
	return u, rows.Err()
}

// checkMembership refuses a unit that already sits in another cluster of
// the year (one cluster or bloc a year).
func checkMembership(ctx context.Context, q sqldb.Handle, c *cluster.Cluster) error {
	var v thidua.Validation
	for i, m := range c.Members {
		var other string
		err := q.QueryRowContext(ctx, `SELECT c.name FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id
			WHERE m.year = $1 AND m.unit_id = $2 AND m.cluster_id <> $3`, c.Year, m.UnitID, c.ID).Scan(&other)
		if err == nil {
			v.Add(fmt.Sprintf("members[%d].unit_id", i), fmt.Sprintf("%s đã là thành viên %s năm %d.", m.Name, other, c.Year))
		}
	}
	return v.Err()
}

// previousYear returns the same cluster's previous year (same organizer
// and name), or nil.
func previousYear(ctx context.Context, q sqldb.Handle, c *cluster.Cluster) (*cluster.Cluster, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM clusters WHERE unit_id = $1 AND name = $2 AND year = $3`, c.UnitID, c.Name, c.Year-1).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return load(ctx, q, id)
}

func writeMembers(ctx context.Context, h sqldb.Handle, c *cluster.Cluster) error {
	if _, err := h.ExecContext(ctx, `DELETE FROM cluster_members WHERE cluster_id = $1`, c.ID); err != nil {
		return err
	}
	for i, m := range c.Members {
		var sc any
		if m.ScorerID != 0 {
			sc = m.ScorerID
		}
		if _, err := h.ExecContext(ctx, `INSERT INTO cluster_members (cluster_id, year, unit_id, position, scorer_id) VALUES ($1, $2, $3, $4, $5)`,
			c.ID, c.Year, m.UnitID, i, sc); err != nil {
			if isUnique(err) {
				return thidua.Errorf(thidua.ECONFLICT, "%s đã là thành viên một cụm, khối khác năm %d.", m.Name, c.Year)
			}
			return err
		}
	}
	return nil
}

// CreateCluster creates a cluster (cluster.Service).
func (s *Store) CreateCluster(ctx context.Context, c *cluster.Cluster) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		c.ID = 0
		if err := prepare(ctx, q, u, c); err != nil {
			return err
		}
		prev, err := previousYear(ctx, q, c)
		if err != nil {
			return err
		}
		if err := cluster.CheckRotation(prev, c); err != nil {
			return err
		}
		if err := checkMembership(ctx, q, c); err != nil {
			return err
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		err = q.QueryRowContext(ctx, `INSERT INTO clusters (year, kind, name, unit_id, leader_unit_id, deputy_unit_id, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id`, c.Year, c.Kind, c.Name, c.UnitID, c.LeaderUnitID, c.DeputyUnitID, now).Scan(&c.ID)
		if isUnique(err) {
			return &thidua.Error{Code: thidua.ECONFLICT, Message: fmt.Sprintf("Đã có %s năm %d.", c.Name, c.Year),
				Fields: map[string]string{"name": "Tên cụm, khối đã có trong năm này."}}
		}
		if err != nil {
			return fmt.Errorf("clusters: create: %w", err)
		}
		if err := writeMembers(ctx, q, c); err != nil {
			return err
		}
		c.Version, c.CreatedAt, c.UpdatedAt = 1, now, now
		c.LeaderName, c.DeputyName = c.MemberName(c.LeaderUnitID), c.MemberName(c.DeputyUnitID)
		return tx.Change(ctx, thidua.ActionCreate, "cluster", c.ID, nil, c, func(sqldb.Handle) error { return nil })
	})
}

// UpdateCluster changes a cluster before its review starts (cluster.Service).
func (s *Store) UpdateCluster(ctx context.Context, c *cluster.Cluster) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.DB) error {
		q := tx.Queries()
		cur, err := managed(ctx, q, c.ID)
		if err != nil {
			return err
		}
		if cur.Version != c.Version {
			return thidua.ErrStale()
		}
		if err := cur.CheckMembersEditable(); err != nil {
			return err
		}
		c.Year, c.UnitID = cur.Year, cur.UnitID // fixed once created
		if err := prepare(ctx, q, u, c); err != nil {
			return err
		}
		prev, err := previousYear(ctx, q, c)
		if err != nil {
			return err
		}
		if err := cluster.CheckRotation(prev, c); err != nil {
			return err
		}
		if err := checkMembership(ctx, q, c); err != nil {
			return err
		}
		now := tx.Now().UTC().Truncate(time.Microsecond)
		res, err := q.ExecContext(ctx, `UPDATE clusters SET kind = $1, name = $2, leader_unit_id = $3, deputy_unit_id = $4, version = version + 1, updated_at = $5
			WHERE id = $6 AND version = $7`, c.Kind, c.Name, c.LeaderUnitID, c.DeputyUnitID, now, c.ID, c.Version)
		if isUnique(err) {
			return &thidua.Error{Code: thidua.ECONFLICT, Message: fmt.Sprintf("Đã có %s năm %d.", c.Name, c.Year),
				Fields: map[string]string{"name": "Tên cụm, khối đã có trong năm này."}}
		}
		if err != nil {
			return fmt.Errorf("clusters: update: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return thidua.ErrStale()
		}
		if err := writeMembers(ctx, q, c); err != nil {
			return err
		}
		c.Version, c.CreatedAt, c.UpdatedAt = cur.Version+1, cur.CreatedAt, now
		c.LeaderName, c.DeputyName = c.MemberName(c.LeaderUnitID), c.MemberName(c.DeputyUnitID)
		return tx.Change(ctx, thidua.ActionUpdate, "cluster", c.ID, cur, c, func(sqldb.Handle) error { return nil })
	})
}

// CreateNextYear creates the cluster's next year, rotated (cluster.NextYear).
func (s *Store) CreateNextYear(ctx context.Context, id int64) (*cluster.Cluster, error) {
	cur, err := managed(ctx, s.db.Queries(), id)
	if err != nil {
		return nil, err
	}
	n := cluster.NextYear(cur)
	if err := s.CreateCluster(ctx, n); err != nil {
		return nil, err
	}
	return n, nil
}
