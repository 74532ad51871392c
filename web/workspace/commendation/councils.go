package commendation

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
)

// ---- councils

type councilsPage struct {
	kit.Page
	Councils  []*thidua.Council
	CanManage bool
}

func (s *Handler) HandleCouncils(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.Store.FindCouncils(r.Context())
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "councils.html", &councilsPage{Page: kit.Page{Title: "Hội đồng thi đua, khen thưởng", Nav: "councils"},
		Councils: cs, CanManage: thidua.UserFromContext(r.Context()).Can(thidua.PermManageCampaigns)})
	return nil
}

// memberRow is one account that may sit on the council, with its role.
type memberRow struct {
	UserID int64
	Name   string
	Login  string
	Unit   string
	Role   string
}

type councilFormPage struct {
	kit.Page
	Council *thidua.Council
	Form    *kit.Form
	Units   []*thidua.Unit
	Members []memberRow
	New     bool
}

func councilForm(c *thidua.Council) *kit.Form {
	f := kit.NewForm()
	f.Values["name"] = c.Name
	f.Values["unit_id"] = kit.IdStr(c.UnitID)
	f.Values["from"] = c.From.String()
	f.Values["to"] = c.To.String()
	f.Values["min_present"] = kit.FormatNumber(c.MinPresent * 100)
	f.Values["min_present_award"] = kit.FormatNumber(c.MinPresentAward * 100)
	f.Values["version"] = strconv.Itoa(c.Version)
	return f
}

// councilCandidates lists the active accounts holding the COUNCIL role on
// a unit the user manages or above one (the provincial council's members
// sit at the top), plus the council's current members. Officers cannot
// list accounts, so this reads them as the system and keeps only these.
func (s *Handler) councilCandidates(r *http.Request, c *thidua.Council) ([]memberRow, error) {
	units, err := s.ManageableUnits(r)
	if err != nil {
		return nil, err
	}
	sys := thidua.NewSystemContext(thidua.NewContextWithUser(r.Context(), nil))
	users, _, err := s.Store.FindUsers(sys, thidua.UserFilter{Limit: 5000})
	if err != nil {
		return nil, err
	}
	roles := map[int64]string{}
	for _, m := range c.Members {
		roles[m.UserID] = m.Role
	}
	var out []memberRow
	for _, u := range users {
		keep := roles[u.ID] != ""
		var unit string
		for _, g := range u.Grants {
			if g.Role != thidua.RoleCouncil || u.Disabled {
				continue
			}
			for _, m := range units {
				if strings.HasPrefix(g.UnitPath, m.Path) || strings.HasPrefix(m.Path, g.UnitPath) {
					keep, unit = true, g.UnitName
				}
			}
		}
		if keep {
			name := u.DisplayName
			if u.PersonName != "" {
				name = u.PersonName
			}
			out = append(out, memberRow{UserID: u.ID, Name: name, Login: u.Username, Unit: unit, Role: roles[u.ID]})
		}
	}
	return out, nil
}

func (s *Handler) councilFormPage(r *http.Request, c *thidua.Council, f *kit.Form, isNew bool) (*councilFormPage, error) {
	units, err := s.ManageableUnits(r)
	if err != nil {
		return nil, err
	}
	members, err := s.councilCandidates(r, c)
	if err != nil {
		return nil, err
	}
	title := "Thành lập Hội đồng thi đua, khen thưởng"
	if !isNew {
		title = "Sửa: " + c.Name
	}
	return &councilFormPage{Page: kit.Page{Title: title, Nav: "councils"}, Council: c, Form: f, Units: units, Members: members, New: isNew}, nil
}

// readCouncil fills c from the form: the quorum shares are percentages,
// the members come as parallel lists of account and role ("" = not a member).
// readCouncil reads the form into the council input the API takes too;
// member rows come as parallel lists.
func readCouncil(r *http.Request, f *kit.Form) thidua.CouncilInput {
	in := thidua.CouncilInput{Name: f.Values["name"], UnitID: f.Int("unit_id", "Cơ quan không hợp lệ."),
		From: f.Date("from"), To: f.Date("to"),
		MinPresent:      shareOf(kit.ParseDecimal(f, "min_present", f.Values["min_present"])),
		MinPresentAward: shareOf(kit.ParseDecimal(f, "min_present_award", f.Values["min_present_award"])),
		Version:         int(f.Int("version", "Phiên bản không hợp lệ."))}
	users, roles := r.PostForm["member_user"], r.PostForm["member_role"]
	for i, u := range users {
		role := kit.At(roles, i)
		if role == "" {
			continue
		}
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil {
			f.Errors["members"] = "Thành viên không hợp lệ."
			continue
		}
		in.Members = append(in.Members, thidua.CouncilMember{UserID: id, Role: role})
	}
	return in
}

// shareOf turns a percentage into a share; "66,67" (as the form shows two
// thirds) is two thirds again, so that re-saving a council keeps its quorum.
func shareOf(percent float64) float64 {
	if math.Abs(percent-200.0/3.0) < 0.01 {
		return 2.0 / 3.0
	}
	return percent / 100
}

func (s *Handler) HandleCouncilNew(w http.ResponseWriter, r *http.Request) error {
	today := thidua.DateOf(s.Now())
	c := &thidua.Council{From: thidua.NewDate(today.Year(), 1, 1), MinPresent: 2.0 / 3.0, MinPresentAward: 0.8}
	if units, err := s.ManageableUnits(r); err == nil && len(units) > 0 {
		c.UnitID = units[0].ID
		c.Name = "Hội đồng Thi đua – Khen thưởng " + units[0].Name
	}
	p, err := s.councilFormPage(r, c, councilForm(c), true)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "council_form.html", p)
	return nil
}

func (s *Handler) councilSaveError(w http.ResponseWriter, r *http.Request, c *thidua.Council, f *kit.Form, err error, isNew bool) {
	s.FormFailed(w, r, f, err, "council_form.html", func() (kit.View, error) {
		return s.councilFormPage(r, c, f, isNew)
	})
}

func (s *Handler) HandleCouncilCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readCouncil(r, f)
	c := in.Council(0)
	err = f.MergeErr(c.Validate())
	if err == nil {
		err = s.Store.CreateCouncil(r.Context(), c)
	}
	if err != nil {
		s.councilSaveError(w, r, c, f, err, true)
		return nil
	}
	s.Flash(w, r, "Đã thành lập "+c.Name+".")
	http.Redirect(w, r, "/app/councils/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleCouncilEdit(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	p, err := s.councilFormPage(r, c, councilForm(c), false)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "council_form.html", p)
	return nil
}

func (s *Handler) HandleCouncilUpdate(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	in := readCouncil(r, f)
	c := in.Council(cur.ID)
	err = f.MergeErr(c.Validate())
	if err == nil {
		err = s.Store.UpdateCouncil(r.Context(), c)
	}
	if err != nil {
		s.councilSaveError(w, r, c, f, err, false)
		return nil
	}
	s.Flash(w, r, "Đã lưu Hội đồng.")
	http.Redirect(w, r, "/app/councils/"+kit.IdStr(c.ID), http.StatusSeeOther)
	return nil
}

type councilPage struct {
	kit.Page
	Council   *thidua.Council
	Meetings  []*thidua.Meeting
	CanManage bool
}

func (s *Handler) HandleCouncil(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	ms, err := s.Store.FindMeetings(r.Context(), c.ID)
	if err != nil {
		return err
	}
	me := thidua.UserFromContext(r.Context())
	s.Render(w, r, http.StatusOK, "council.html", &councilPage{Page: kit.Page{Title: c.Name, Nav: "councils"}, Council: c, Meetings: ms,
		CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath)})
	return nil
}

// ---- meetings

type meetingFormPage struct {
	kit.Page
	Council    *thidua.Council
	Form       *kit.Form
	Candidates []*thidua.Nominee
	Agenda     map[int64]bool
}

// agendaCandidates lists the confirmed nominees of proposals at the council
// stage from the council's unit subtree, not yet voted on nor on the agenda
// of an open meeting.
func (s *Handler) agendaCandidates(r *http.Request, c *thidua.Council) ([]*thidua.Nominee, error) {
	// Every proposal at the council stage, a page at a time: stopping at
	// 500 would leave the rest off the agenda.
	var ps []*thidua.Proposal
	for offset := 0; ; {
		page, total, err := s.Store.FindProposals(r.Context(), thidua.ProposalFilter{State: thidua.ProposalCouncil, Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		ps = append(ps, page...)
		offset += len(page)
		if len(page) == 0 || offset >= total {
			break
		}
	}
	ms, err := s.Store.FindMeetings(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	busy := map[int64]bool{}
	for _, m := range ms {
		if m.State == thidua.MeetingOpen {
			for _, id := range m.Agenda {
				busy[id] = true
			}
		}
	}
	var out []*thidua.Nominee
	for _, p := range ps {
		// A proposal forwarded up the ladder is its receiving level's (package ladder).
		if !strings.HasPrefix(p.UnitPath, c.UnitPath) || p.ToUnitID != 0 && p.ToUnitID != c.UnitID {
			continue
		}
		for _, n := range p.Nominees {
			if n.Confirmed && n.Passed == nil && !busy[n.ID] {
				out = append(out, n)
			}
		}
	}
	return out, nil
}

func (s *Handler) meetingFormPage(r *http.Request, c *thidua.Council, f *kit.Form, agenda []int64) (*meetingFormPage, error) {
	cands, err := s.agendaCandidates(r, c)
	if err != nil {
		return nil, err
	}
	p := &meetingFormPage{Page: kit.Page{Title: "Phiên họp mới: " + c.Name, Nav: "councils"}, Council: c, Form: f, Candidates: cands, Agenda: map[int64]bool{}}
	for _, id := range agenda {
		p.Agenda[id] = true
	}
	return p, nil
}

func (s *Handler) HandleMeetingNew(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	f := kit.NewForm()
	today := thidua.DateOf(s.Now())
	f.Values["title"] = "Phiên họp xét khen thưởng ngày " + today.String()
	f.Values["date"] = today.String()
	f.Values["place"] = "Phòng họp " + c.UnitName
	p, err := s.meetingFormPage(r, c, f, nil)
	if err != nil {
		return err
	}
	// Every candidate is on the agenda unless unticked.
	for _, n := range p.Candidates {
		p.Agenda[n.ID] = true
	}
	s.Render(w, r, http.StatusOK, "meeting_form.html", p)
	return nil
}

// postedIDs parses a list of posted IDs; a malformed one is a field error.
func postedIDs(f *kit.Form, vals []string, field, msg string) []int64 {
	var out []int64
	for _, v := range vals {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			f.Errors[field] = msg
			continue
		}
		out = append(out, id)
	}
	return out
}

func (s *Handler) HandleMeetingCreate(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	m := &thidua.Meeting{CouncilID: c.ID, Title: f.Values["title"], Place: f.Values["place"], Date: f.Date("date"),
		Agenda: postedIDs(f, r.PostForm["agenda"], "agenda", "Đối tượng được chọn không hợp lệ.")}
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.CreateMeeting(r.Context(), m)
	}
	if err != nil {
		s.FormFailed(w, r, f, err, "meeting_form.html", func() (kit.View, error) {
			return s.meetingFormPage(r, c, f, m.Agenda)
		})
		return nil
	}
	s.Flash(w, r, "Đã mở phiên họp. Thư ký ghi danh sách thành viên có mặt trước khi bỏ phiếu.")
	http.Redirect(w, r, "/app/meetings/"+kit.IdStr(m.ID), http.StatusSeeOther)
	return nil
}

// voterRow is a voting member with attendance and whether they voted.
type voterRow struct {
	thidua.CouncilMember
	Present bool
	Voted   bool
}

type meetingPage struct {
	kit.Page
	Council    *thidua.Council
	Meeting    *thidua.Meeting
	Nominees   []*thidua.Nominee
	Voters     []voterRow
	Tally      map[int64]thidua.TallyRow
	Present    int
	Members    int
	Quorum     int // members needed for an award meeting (R-HD-02)
	Voted      int
	Written    int
	CanVote    bool // a voting member present who has not voted
	HasVoted   bool
	IsVoter    bool
	Secretary  bool
	CanManage  bool
	DecisionID int64
	HasDocs    bool
	Form       *kit.Form
	Error      string
	Receipt    string // a receipt found in the box
	ReceiptOK  bool
	// The secret ballot: the signed-in trustee, the ballot hashes once
	// voting is closed, and which trustees have sent their partial.
	Trustee   *thidua.Trustee
	Hashes    []string
	Decrypted map[int]bool
}

func (s *Handler) meetingPage(r *http.Request, id int64) (*meetingPage, error) {
	ctx := r.Context()
	me := thidua.UserFromContext(ctx)
	m, err := s.Store.FindMeetingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := s.Store.FindCouncilByID(ctx, m.CouncilID)
	if err != nil {
		return nil, err
	}
	p := &meetingPage{Page: kit.Page{Title: m.Title, Nav: "councils"}, Council: c, Meeting: m, Tally: map[int64]thidua.TallyRow{},
		Form: kit.NewForm(), CanManage: me.Covers(thidua.PermManageCampaigns, c.UnitPath), HasDocs: s.Cfg.Decisions != nil}
	p.Secretary = p.CanManage
	for _, mem := range c.Members {
		if mem.UserID == me.ID && mem.Role == "SECRETARY" {
			p.Secretary = true
		}
	}
	if p.Nominees, err = s.agendaNominees(r, m); err != nil {
		return nil, err
	}
	voted, err := s.Store.Voted(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, v := range c.Voters() {
		row := voterRow{CouncilMember: v, Present: slices.Contains(m.Present, v.UserID), Voted: slices.Contains(voted, v.UserID)}
		p.Voters = append(p.Voters, row)
		if row.Present {
			p.Present++
		}
		if row.Voted {
			p.Voted++
			if !row.Present {
				p.Written++
			}
		}
		if v.UserID == me.ID {
			p.IsVoter, p.HasVoted = true, row.Voted
			p.CanVote = m.State == thidua.MeetingOpen && row.Present && !row.Voted
		}
	}
	p.Members = len(p.Voters)
	p.Quorum = int(math.Ceil(c.MinPresentAward*float64(p.Members) - 1e-9))
	for i, t := range m.Trustees {
		if t.UserID == me.ID {
			p.Trustee = &m.Trustees[i]
		}
	}
	p.Decrypted = map[int]bool{}
	if m.State != thidua.MeetingOpen {
		rec, err := s.Store.MeetingRecord(ctx, m.ID)
		if err != nil && thidua.ErrorCode(err) != thidua.ENOTFOUND {
			return nil, err
		}
		if rec != nil {
			for _, b := range rec.Ballots {
				p.Hashes = append(p.Hashes, b.Hash)
			}
			for _, pt := range rec.Partials {
				p.Decrypted[pt.Trustee] = true
			}
		}
	}
	if m.State == thidua.MeetingClosed {
		rows, err := s.Store.TallyMeeting(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		for _, t := range rows {
			p.Tally[t.NomineeID] = t
		}
		if p.CanManage {
			ds, _, err := s.Store.FindDecisions(ctx, thidua.DecisionFilter{MeetingID: m.ID, Limit: 1})
			if err != nil {
				return nil, err
			}
			if len(ds) > 0 {
				p.DecisionID = ds[0].ID
			}
		}
	}
	return p, nil
}

// agendaNominees returns the agenda's nominees in agenda order. A member
// who cannot see the proposing units still sees the names on the agenda.
func (s *Handler) agendaNominees(r *http.Request, m *thidua.Meeting) ([]*thidua.Nominee, error) {
	if len(m.Agenda) == 0 {
		return nil, nil
	}
	sys := thidua.NewSystemContext(thidua.NewContextWithUser(r.Context(), nil))
	// The proposals holding the agenda's nominees, page by page however
	// many there are.
	on := map[int64]bool{}
	for _, id := range m.Agenda {
		on[id] = true
	}
	byID := map[int64]*thidua.Nominee{}
	for offset := 0; ; {
		ps, total, err := s.Store.FindProposals(sys, thidua.ProposalFilter{NomineeIDs: m.Agenda, Offset: offset, Limit: len(m.Agenda)})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			for _, n := range p.Nominees {
				if on[n.ID] {
					byID[n.ID] = n
				}
			}
		}
		offset += len(ps)
		if len(ps) == 0 || offset >= total {
			break
		}
	}
	var out []*thidua.Nominee
	for _, id := range m.Agenda {
		if n := byID[id]; n != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

func (s *Handler) HandleMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.meetingPage(r, id)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "meeting.html", p)
	return nil
}

// meetingActionError re-renders the meeting page with the error of an
// action, or shows the error page (403, 404, and 409 for a second vote).
func (s *Handler) meetingActionError(w http.ResponseWriter, r *http.Request, id int64, err error, f *kit.Form) {
	code := thidua.ErrorCode(err)
	if code != thidua.EINVALID && code != thidua.ECONFLICT {
		s.Error(w, r, err)
		return
	}
	p, perr := s.meetingPage(r, id)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	if f != nil {
		p.Form = f
	}
	p.Error = thidua.ErrorMessage(err)
	for k, m := range thidua.ErrorFields(err) {
		p.Form.Errors[k] = m
		if !strings.Contains(p.Error, m) {
			p.Error += " " + m
		}
	}
	s.Render(w, r, kit.FormStatus(err), "meeting.html", p)
}

func (s *Handler) HandleAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := f.Version(r)
	present := postedIDs(f, r.PostForm["present"], "present", "Thành viên được chọn không hợp lệ.")
	err = f.FieldsErr()
	if err == nil {
		err = s.Store.SetAttendance(r.Context(), id, present, version)
	}
	if err != nil {
		s.meetingActionError(w, r, id, err, f)
		return nil
	}
	s.Flash(w, r, "Đã ghi danh sách dự họp: "+strconv.Itoa(len(present))+" thành viên có mặt.")
	http.Redirect(w, r, "/app/meetings/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// readChoices reads the ballot's radio buttons c_<nominee>.
func readChoices(r *http.Request, agenda []int64) map[int64]string {
	out := map[int64]string{}
	for _, id := range agenda {
		if v := r.PostForm.Get("c_" + strconv.FormatInt(id, 10)); v != "" {
			out[id] = v
		}
	}
	return out
}

type ballotPage struct {
	kit.Page
	Council  *thidua.Council
	Meeting  *thidua.Meeting
	Nominees []*thidua.Nominee
	Choices  map[int64]string
	Form     *kit.Form
	Receipt  string
	// HasVoted: the member's ballot is in the box; the page offers no
	// second ballot. CanVote: present, not voted, voting open.
	HasVoted bool
	CanVote  bool
}

func (s *Handler) ballotPage(r *http.Request, id int64) (*ballotPage, error) {
	mp, err := s.meetingPage(r, id)
	if err != nil {
		return nil, err
	}
	if !mp.IsVoter {
		return nil, thidua.Errorf(thidua.EFORBIDDEN, "Chỉ thành viên biểu quyết của Hội đồng được bỏ phiếu.")
	}
	return &ballotPage{Page: kit.Page{Title: "Phiếu bầu: " + mp.Meeting.Title, Nav: "councils"}, Council: mp.Council, Meeting: mp.Meeting,
		Nominees: mp.Nominees, Choices: map[int64]string{}, Form: kit.NewForm(), HasVoted: mp.HasVoted, CanVote: mp.CanVote}, nil
}

func (s *Handler) HandleBallot(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.ballotPage(r, id)
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "meeting_vote.html", p)
	return nil
}

// HandleVote casts the signed-in member's ballot and shows the receipt code
// once: the answer is a page, not a redirect, and is not stored anywhere.
func (s *Handler) HandleVote(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	m, err := s.Store.FindMeetingByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	choices := readChoices(r, m.Agenda)
	receipt, err := s.Store.CastVote(r.Context(), &thidua.Vote{MeetingID: id, Choices: choices})
	if err != nil {
		code := thidua.ErrorCode(err)
		if code != thidua.EINVALID && code != thidua.ECONFLICT {
			return err
		}
		p, perr := s.ballotPage(r, id)
		if perr != nil {
			return perr
		}
		// The message once, in the summary (the ballot has no field to
		// mark); a second ballot meets "Đã bỏ phiếu", not a form.
		p.Choices, p.Form = choices, f
		f.Error = thidua.ErrorMessage(err)
		s.Render(w, r, kit.FormStatus(err), "meeting_vote.html", p)
		return nil
	}
	p, err := s.ballotPage(r, id)
	if err != nil {
		return err
	}
	p.Receipt = receipt
	p.Title = "Đã bỏ phiếu: " + m.Title
	s.Render(w, r, http.StatusOK, "meeting_vote.html", p)
	return nil
}

func (s *Handler) HandleWrittenVote(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	m, err := s.Store.FindMeetingByID(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	voter := f.Int("voter_id", "Thành viên không hợp lệ.")
	if voter == 0 {
		f.Errors["voter_id"] = "Vui lòng chọn thành viên vắng mặt có phiếu bằng văn bản."
	}
	err = f.FieldsErr()
	var receipt string
	if err == nil {
		receipt, err = s.Store.CastVote(r.Context(), &thidua.Vote{MeetingID: id, VoterID: voter, Written: true, Choices: readChoices(r, m.Agenda)})
	}
	if err != nil {
		s.meetingActionError(w, r, id, err, f)
		return nil
	}
	// The receipt of a written vote goes to the absent member with the
	// minutes; it is shown here once.
	p, err := s.meetingPage(r, id)
	if err != nil {
		return err
	}
	for _, v := range p.Voters {
		if v.UserID == voter {
			p.Flash = "Đã nhập phiếu bằng văn bản của " + v.Name + ". Mã phiếu (chỉ hiện một lần, gửi cho thành viên để tự kiểm tra): " + receipt
		}
	}
	s.Render(w, r, http.StatusOK, "meeting.html", p)
	return nil
}

func (s *Handler) HandleReceiptCheck(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(f.Values["receipt"])
	if code == "" {
		s.meetingActionError(w, r, id, kit.FieldErr("receipt", "Vui lòng nhập mã phiếu."), f)
		return nil
	}
	err = s.Store.CheckReceipt(r.Context(), id, code)
	if err != nil && thidua.ErrorCode(err) == thidua.ENOTFOUND {
		// An unknown code is an answer, not a missing page.
		if _, merr := s.Store.FindMeetingByID(r.Context(), id); merr == nil {
			err = kit.FieldErr("receipt", thidua.ErrorMessage(err))
		}
	}
	if err != nil {
		s.meetingActionError(w, r, id, err, f)
		return nil
	}
	p, err := s.meetingPage(r, id)
	if err != nil {
		return err
	}
	p.Receipt, p.ReceiptOK = strings.ToLower(code), true
	p.Form = f
	s.Render(w, r, http.StatusOK, "meeting.html", p)
	return nil
}

func (s *Handler) HandleMeetingClose(w http.ResponseWriter, r *http.Request) error {
	return s.meetingVersionAction(w, r, s.Store.CloseMeeting,
		"Đã kết thúc bỏ phiếu. Các thành viên giữ khóa tải hòm phiếu, tính phần giải mã bằng phần khóa của mình và gửi lên tại trang này; đủ số phần giải mã thì có kết quả.")
}

// meetingVersionAction runs a meeting action that takes only the version
// the page was drawn with, then flashes done and returns to the meeting.
func (s *Handler) meetingVersionAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, id int64, version int) error, done string) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := f.Version(r)
	err = f.FieldsErr()
	if err == nil {
		err = act(r.Context(), id, version)
	}
	if err != nil {
		s.meetingActionError(w, r, id, err, f)
		return nil
	}
	s.Flash(w, r, done)
	http.Redirect(w, r, "/app/meetings/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// meetingRecord gathers what the minutes and the vote count record show.
func (s *Handler) meetingRecord(r *http.Request, id int64) (*thidua.MeetingRecord, error) {
	p, err := s.meetingPage(r, id)
	if err != nil {
		return nil, err
	}
	rec := &thidua.MeetingRecord{Agency: s.agencyOf(r, p.Council.UnitID), Place: s.PlaceOf(r, p.Council.UnitID), Council: p.Council, Meeting: p.Meeting,
		Nominees: p.Nominees, Voted: p.Voted, Written: p.Written}
	for _, v := range p.Voters {
		if v.Present {
			rec.Present = append(rec.Present, v.Name)
		} else {
			rec.Absent = append(rec.Absent, v.Name)
		}
	}
	if p.Meeting.State == thidua.MeetingClosed {
		if rec.Tally, err = s.Store.TallyMeeting(r.Context(), id); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// agencyOf writes the agency block of a document header: the superior
// body, then the unit, upper case.
func (s *Handler) agencyOf(r *http.Request, unitID int64) string {
	return s.AgencyOf(r.Context(), unitID)
}

func (s *Handler) HandleMeetingDoc(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if s.Cfg.Decisions == nil {
		s.NotFound(w, r)
		return nil
	}
	rec, err := s.meetingRecord(r, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name := "bien-ban-hop-hoi-dong-" + kit.IdStr(id) + ".pdf"
	if strings.HasSuffix(r.URL.Path, "/vote-count.pdf") {
		if rec.Meeting.State != thidua.MeetingClosed {
			return thidua.Errorf(thidua.ECONFLICT, "Chưa có kết quả kiểm phiếu: biên bản kiểm phiếu chỉ lập sau khi kết thúc bỏ phiếu và đủ thành viên giữ khóa giải mã.")
		}
		name = "bien-ban-kiem-phieu-" + kit.IdStr(id) + ".pdf"
		err = s.Cfg.Decisions.VoteCountPDF(&buf, rec)
	} else {
		err = s.Cfg.Decisions.MinutesPDF(&buf, rec)
	}
	if err != nil {
		return err
	}
	kit.SendDocument(w, "application/pdf", name, buf.Bytes())
	return nil
}
