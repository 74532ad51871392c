package climb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"thidua"
	"thidua/ladder"
	"thidua/sqldb"
	"thidua/sqldb/levels"
)

// FindOffice implements ladder.Service.
func (s *Store) FindOffice(ctx context.Context, unitID int64) (*ladder.Office, error) {
	u, err := s.db.FindUnitByID(ctx, unitID)
	if err != nil {
		return nil, err
	}
	return s.office(ctx, s.db.Queries(), u, true)
}

// office reads the settings of level u; unstored ones are the defaults,
// with the level's head as signer when withHead (not inside a write).
func (s *Store) office(ctx context.Context, h sqldb.Handle, u *thidua.Unit, withHead bool) (*ladder.Office, error) {
	if u.Kind != thidua.UnitAgency && u.Kind != thidua.UnitProvince {
		return nil, thidua.Errorf(thidua.EINVALID, "%s không phải là một cấp có thẩm quyền khen thưởng (cơ quan hoặc UBND tỉnh).", u.Name)
	}
	o := &ladder.Office{UnitID: u.ID, UnitName: u.Name, Kind: u.Kind}
	err := h.QueryRowContext(ctx, `SELECT issuer, authority, signer_authority, signer_on_behalf, signer_post, signer_name, version
		FROM level_offices WHERE unit_id = $1`, u.ID).Scan(&o.Issuer, &o.Authority, &o.Signer.Authority, &o.Signer.OnBehalf,
		&o.Signer.Post, &o.Signer.Name, &o.Version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		o.Issuer = u.Abbrev
		o.Authority = "THỦ TRƯỞNG " + strings.ToUpper(u.Name)
		o.Signer.Post = "THỦ TRƯỞNG CƠ QUAN"
		if u.Kind == thidua.UnitProvince {
			o.Authority, o.Signer.Authority, o.Signer.OnBehalf, o.Signer.Post = "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "", "", "CHỦ TỊCH"
		}
		// The signer is the level's head as the unit tree records them:
		// its active leader whose post is not a deputy's (Phó …).
		if !withHead {
			return o, nil
		}
		if head, err := s.head(ctx, u); err != nil {
			return nil, err
		} else if head != nil {
			o.Signer.Name = head.FullName
			if u.Kind == thidua.UnitAgency {
				o.Signer.Post = strings.ToUpper(head.Position)
			}
		}
		return o, nil
	case err != nil:
		return nil, fmt.Errorf("climb: office: %w", err)
	}
	o.Stored = true
	return o, nil
}

// SetOffice implements ladder.Service.
func (s *Store) SetOffice(ctx context.Context, o *ladder.Office) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(t *sqldb.DB) error {
		u, err := t.FindUnitByID(ctx, o.UnitID)
		if err != nil {
			return err
		}
		if err := levels.RequireUnit(ctx, t.Queries(), thidua.PermManageCampaigns, u.Path); err != nil {
			return err
		}
		old, err := s.office(ctx, t.Queries(), u, false)
		if err != nil {
			return err
		}
		if old.Version != o.Version {
			return thidua.ErrStale()
		}
		now := t.Now().UTC()
		return t.Change(ctx, thidua.ActionUpdate, "level_office", u.ID, old, o, func(h sqldb.Handle) error {
			var err error
			if old.Stored {
				_, err = h.ExecContext(ctx, `UPDATE level_offices SET issuer = $1, authority = $2, signer_authority = $3, signer_on_behalf = $4,
					signer_post = $5, signer_name = $6, version = version + 1, updated_at = $7 WHERE unit_id = $8`,
					o.Issuer, o.Authority, o.Signer.Authority, o.Signer.OnBehalf, o.Signer.Post, o.Signer.Name, now, u.ID)
			} else {
				_, err = h.ExecContext(ctx, `INSERT INTO level_offices (unit_id, issuer, authority, signer_authority, signer_on_behalf,
					signer_post, signer_name, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)`,
					u.ID, o.Issuer, o.Authority, o.Signer.Authority, o.Signer.OnBehalf, o.Signer.Post, o.Signer.Name, now)
			}
			o.Version, o.Stored, o.UnitName, o.Kind = old.Version+1, true, u.Name, u.Kind
			return err
		})
	})
}

// head returns the head of unit u: an active leader of the unit itself
// whose post is not a deputy's; nil when none is recorded.
func (s *Store) head(ctx context.Context, u *thidua.Unit) (*thidua.Person, error) {
	people, _, err := s.db.FindPeople(system(ctx), thidua.PersonFilter{UnitID: u.ID, Status: thidua.PersonActive, Limit: 200})
	if err != nil {
		return nil, fmt.Errorf("climb: the head of %s: %w", u.Name, err)
	}
	for _, p := range people {
		if p.UnitID == u.ID && p.IsLeader && p.Position != "" && !strings.HasPrefix(p.Position, "Phó") {
			return p, nil
		}
	}
	return nil, nil
}
