// Package climb is the storage of the ladder of authorities (the domain is
// thidua/ladder): forwarding a proposal up a level in one transaction
// (table proposal_ladder, with what it carries), the chain of a proposal's
// levels, and each level's decision settings (table level_offices). It
// works through sqldb.DB's services inside sqldb.DB.InTx, so scope rules,
// validation and the audit log are theirs.
package climb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"thidua"
	"thidua/ladder"
	"thidua/sqldb"
	"thidua/sqldb/levels"
)

// Store implements ladder.Service over a sqldb.DB.
type Store struct {
	db       *sqldb.DB
	province string
}

var _ ladder.Service = (*Store)(nil)

// New returns the ladder's store of db under a province profile of the
// rules ("" is "default"), which says who decides each award.
func New(db *sqldb.DB, province string) *Store {
	if province == "" {
		province = "default"
	}
	return &Store{db: db, province: province}
}

// Province is the province profile the store decides under.
func (s *Store) Province() string { return s.province }

// ForwardProposal implements ladder.Service.
func (s *Store) ForwardProposal(ctx context.Context, id int64, version int, title string) (*thidua.Proposal, error) {
	title = thidua.NormalizeText(title)
	var up *thidua.Proposal
	err := s.db.InTx(ctx, func(t *sqldb.DB) error {
		p, err := t.FindProposalByID(ctx, id)
		if err != nil {
			return err
		}
		tree, err := levels.Load(ctx, t.Queries())
		if err != nil {
			return err
		}
		if !tree.Acts(thidua.UserFromContext(ctx), thidua.PermManageCampaigns, p) {
			return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ cán bộ thi đua – khen thưởng của cấp nhận tờ trình mới trình cấp trên.")
		}
		if p.Version != version {
			return thidua.ErrStale()
		}
		if p.State != thidua.ProposalCouncil && p.State != thidua.ProposalDecided {
			return thidua.Errorf(thidua.EINVALID, "Chỉ trình cấp trên sau khi Hội đồng đã biểu quyết (trạng thái hiện tại: %s).", thidua.Label(thidua.ProposalStates, p.State))
		}
		var n int
		if err := t.Queries().QueryRowContext(ctx, `SELECT count(*) FROM proposal_ladder WHERE from_proposal_id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return thidua.Errorf(thidua.ECONFLICT, "Tờ trình này đã được trình cấp trên.")
		}
		here := tree.Receiver(p)
		above, ok := tree.Parent(here)
		if !ok {
			return thidua.Errorf(thidua.EINVALID, "Cấp này không có cấp trên trong cây đơn vị.")
		}
		today := thidua.DateOf(t.Now())
		var carried []*thidua.Nominee
		var awards []string
		for _, n := range p.Nominees {
			if n.Passed != nil && *n.Passed && ladder.Above(here.Kind, n.Award, s.province, today) {
				carried = append(carried, n)
				if name := thidua.AwardName(n.Award); !slices.Contains(awards, name) {
					awards = append(awards, name)
				}
			}
		}
		if len(carried) == 0 {
			return thidua.Errorf(thidua.EINVALID, "Không có đối tượng nào được Hội đồng thông qua với hình thức do cấp trên quyết định.")
		}
		if title == "" {
			post := "cấp trên"
			if a, ok := ladder.Lookup(carried[0].Award, s.province, today); ok {
				post = a.Post
			}
			title = "Tờ trình đề nghị " + post + " tặng " + strings.Join(awards, ", ") + " cho tập thể, cá nhân thuộc " + p.UnitName
		}
		up = &thidua.Proposal{UnitID: here.ID, CampaignID: p.CampaignID, Kind: p.Kind, Year: p.Year, Title: title}
		if err := t.CreateProposal(ctx, up); err != nil {
			return err
		}
		ns := make([]*thidua.Nominee, len(carried))
		for i, n := range carried {
			ns[i] = &thidua.Nominee{Subject: n.Subject, SubjectID: n.SubjectID, Award: n.Award, Report: n.Report,
				RegistrationID: n.RegistrationID, Override: n.Override}
		}
		if err := t.SetNominees(ctx, up.ID, up.Version, ns); err != nil {
			return err
		}
		c, err := s.carried(ctx, t, p, carried)
		if err != nil {
			return err
		}
		doc, _ := json.Marshal(c)
		aboveUnit, err := t.FindUnitByID(system(ctx), above.ID)
		if err != nil {
			return err
		}
		note := fmt.Sprintf("Trình %s: %s (%d đối tượng)", aboveUnit.Name, strings.Join(awards, ", "), len(carried))
		after := map[string]any{"from_proposal_id": id, "to_unit_id": above.ID, "nominees": len(carried)}
		err = t.Change(ctx, thidua.ActionCreate, "proposal_forward", up.ID, nil, after, func(h sqldb.Handle) error {
			if _, err := h.ExecContext(ctx, `INSERT INTO proposal_ladder (proposal_id, to_unit_id, from_proposal_id, carried_json)
				VALUES ($1, $2, $3, $4)`, up.ID, above.ID, id, string(doc)); err != nil {
				return err
			}
			for _, f := range c.Files {
				if _, err := h.ExecContext(ctx, `INSERT INTO proposal_files (proposal_id, subject, subject_id, kind, name, content_type, size, storage_key, created_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, up.ID, f.Subject, f.SubjectID, f.Kind, f.Name, f.ContentType, f.Size, f.Key, f.CreatedAt); err != nil {
					return err
				}
			}
			to := p.State
			if p.State == thidua.ProposalCouncil {
				to = thidua.ProposalForwarded
			}
			if _, err := h.ExecContext(ctx, `UPDATE proposals SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3`, to, t.Now().UTC(), id); err != nil {
				return err
			}
			return event(ctx, h, t, id, "forward", p.State, to, note)
		})
		if err != nil {
			return err
		}
		if err := t.SubmitProposal(ctx, up.ID, up.Version+1); err != nil {
			return err
		}
		up, err = t.FindProposalByID(ctx, up.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return up, nil
}

// system is ctx acting for the system, without the caller's scope: for
// the names of levels, which any level may read.
func system(ctx context.Context) context.Context {
	return thidua.NewSystemContext(thidua.NewContextWithUser(ctx, nil))
}

// event writes a step on a proposal's timeline.
func event(ctx context.Context, h sqldb.Handle, t *sqldb.DB, proposalID int64, action, from, to, note string) error {
	actor := "Hệ thống"
	if u := thidua.UserFromContext(ctx); u != nil {
		actor = u.DisplayName
	}
	_, err := h.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, proposalID, t.Now().UTC(), actor, action, from, to, note)
	return err
}

// carried gathers what goes up with the nominees: the closed meetings of
// the lower level's councils that voted on them with their tally rows, and
// the dossier's documents of the whole proposal and of those nominees.
func (s *Store) carried(ctx context.Context, t *sqldb.DB, p *thidua.Proposal, ns []*thidua.Nominee) (*ladder.Carried, error) {
	c := &ladder.Carried{FromProposalID: p.ID, FromTitle: p.Title, FromUnitName: p.UnitName}
	ids := map[int64]bool{}
	subjects := map[string]bool{}
	names := map[int64]string{}
	for _, n := range ns {
		ids[n.ID], names[n.ID] = true, n.Name
		subjects[fmt.Sprintf("%s/%d", n.Subject, n.SubjectID)] = true
		c.Verdicts = append(c.Verdicts, ladder.CarriedVerdict{Subject: n.Subject, SubjectID: n.SubjectID, Name: n.Name, Award: n.Award,
			Verdict: n.Verdict, Appraisal: n.Appraisal, Detail: n.VerdictJSON})
	}
	councils, err := t.FindCouncils(ctx)
	if err != nil {
		return nil, err
	}
	for _, co := range councils {
		ms, err := t.FindMeetings(ctx, co.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.State != thidua.MeetingClosed || !slices.ContainsFunc(m.Agenda, func(id int64) bool { return ids[id] }) {
				continue
			}
			rows, err := t.TallyMeeting(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			cm := ladder.CarriedMeeting{CouncilName: co.Name, Title: m.Title, Date: m.Date, Members: len(co.Voters()), Present: len(m.Present), Ballots: m.Ballots}
			cm.Names = map[int64]string{}
			for _, r := range rows {
				if ids[r.NomineeID] {
					cm.Tally = append(cm.Tally, r)
					cm.Names[r.NomineeID] = names[r.NomineeID]
				}
			}
			c.Meetings = append(c.Meetings, cm)
		}
	}
	files, err := t.FindProposalFiles(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Subject == "" || subjects[fmt.Sprintf("%s/%d", f.Subject, f.SubjectID)] {
			c.Files = append(c.Files, f)
		}
	}
	return c, nil
}

// Carried implements ladder.Service.
func (s *Store) Carried(ctx context.Context, proposalID int64) (*ladder.Carried, error) {
	if _, err := s.db.FindProposalByID(ctx, proposalID); err != nil {
		return nil, err
	}
	var doc string
	err := s.db.Queries().QueryRowContext(ctx, `SELECT carried_json FROM proposal_ladder WHERE proposal_id = $1`, proposalID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Tờ trình này không được chuyển lên từ cấp dưới.")
	}
	if err != nil {
		return nil, fmt.Errorf("climb: carried: %w", err)
	}
	var c ladder.Carried
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// View implements ladder.Service.
func (s *Store) View(ctx context.Context, proposalID int64) (*ladder.View, error) {
	p, err := s.db.FindProposalByID(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	tree, err := levels.Load(ctx, s.db.Queries())
	if err != nil {
		return nil, err
	}
	sys := system(ctx)
	place := func(lv ladder.Level) ladder.Place {
		pl := ladder.Place{UnitID: lv.ID, Kind: lv.Kind}
		if u, err := s.db.FindUnitByID(sys, lv.ID); err == nil {
			pl.UnitName, pl.Kind = u.Name, u.Kind
		}
		return pl
	}
	here := tree.Receiver(p)
	today := thidua.DateOf(s.db.Now())
	v := &ladder.View{ProposalID: p.ID, Province: s.province, Receiver: place(here), AppraisalLimit: ladder.Profile(s.province).AppraisalLimit()}
	if above, ok := tree.Parent(here); ok {
		pl := place(above)
		v.Above = &pl
	}
	anyAbove := false
	for _, n := range p.Nominees {
		na := ladder.NomineeAuthority{NomineeID: n.ID, Name: n.Name, Award: n.Award}
		if a, ok := ladder.Lookup(n.Award, s.province, today); ok {
			na.Level, na.Post, na.Rule, na.Citation, na.Grade, na.NeedsReview = a.Level, a.Post, a.Rule, a.Citation, a.Grade, a.NeedsReview()
		}
		na.Above = ladder.Above(place(here).Kind, n.Award, s.province, today)
		anyAbove = anyAbove || na.Above && n.Passed != nil && *n.Passed
		v.Nominees = append(v.Nominees, na)
	}
	events, err := s.db.ProposalTimeline(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Action == "receive" {
			v.ReceivedOn = thidua.DateOf(e.At)
		}
	}
	v.AppraisalDue, _ = ladder.Profile(s.province).AppraisalDue(v.ReceivedOn)
	if p.FromProposalID != 0 {
		if v.Carried, err = s.Carried(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	if v.Steps, err = s.climb(ctx, tree, p); err != nil {
		return nil, err
	}
	forwarded := false
	for _, st := range v.Steps {
		forwarded = forwarded || st.ProposalID != p.ID && st.UnitName == v.Receiver.UnitName
	}
	v.Forwardable = anyAbove && v.Above != nil && !forwarded && (p.State == thidua.ProposalCouncil || p.State == thidua.ProposalDecided) &&
		tree.Acts(thidua.UserFromContext(ctx), thidua.PermManageCampaigns, p)
	return v, nil
}

// climb lists the proposals of p's chain, lowest first, that the user sees:
// down the from links, then up.
func (s *Store) climb(ctx context.Context, tree ladder.Tree, p *thidua.Proposal) ([]ladder.Step, error) {
	chain := []*thidua.Proposal{p}
	for low := p; low.FromProposalID != 0 && len(chain) < 10; {
		q, err := s.db.FindProposalByID(ctx, low.FromProposalID)
		if err != nil {
			break // the lower level's proposal is its own
		}
		chain = append([]*thidua.Proposal{q}, chain...)
		low = q
	}
	for high := p; len(chain) < 10; {
		var id int64
		err := s.db.Queries().QueryRowContext(ctx, `SELECT proposal_id FROM proposal_ladder WHERE from_proposal_id = $1`, high.ID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, err
		}
		q, err := s.db.FindProposalByID(ctx, id)
		if err != nil {
			break
		}
		chain = append(chain, q)
		high = q
	}
	names := map[int64]string{}
	out := make([]ladder.Step, len(chain))
	for i, q := range chain {
		to := q.ToUnitName
		if to == "" {
			lv := tree.Of(q.UnitPath)
			if names[lv.ID] == "" {
				if u, err := s.db.FindUnitByID(system(ctx), lv.ID); err == nil {
					names[lv.ID] = u.Name
				}
			}
			to = names[lv.ID]
		}
		out[i] = ladder.Step{ProposalID: q.ID, UnitName: q.UnitName, ToUnitName: to, State: q.State}
	}
	return out, nil
}
