package api

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"thidua"
	"thidua/ballot"
	"thidua/web/kit"
)

// The commendation part of the JSON API: proposals and their nominees (the
// server runs the eligibility engine on submit), councils, meetings and the
// secret ballot, decisions. Like the pages, the handlers decode and call the
// storage layer, which holds the rules.

// ---- JSON shapes: lists are never null.

func proposalOut(p *thidua.Proposal) *thidua.Proposal {
	if p.Nominees == nil {
		p.Nominees = []*thidua.Nominee{}
	}
	return p
}

func decisionOut(d *thidua.Decision) *thidua.Decision {
	if d.Bases == nil {
		d.Bases = []string{}
	}
	if d.Articles == nil {
		d.Articles = []string{}
	}
	if d.Recipients == nil {
		d.Recipients = []thidua.Recipient{}
	}
	if d.CC == nil {
		d.CC = []string{}
	}
	return d
}

func meetingOut(m *thidua.Meeting) *thidua.Meeting {
	if m.Agenda == nil {
		m.Agenda = []int64{}
	}
	if m.Present == nil {
		m.Present = []int64{}
	}
	return m
}

func councilOut(c *thidua.Council) *thidua.Council {
	if c.Members == nil {
		c.Members = []thidua.CouncilMember{}
	}
	return c
}

// ---- proposals

func (s *Handler) ListProposals(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 500)
	var v thidua.Validation
	f := thidua.ProposalFilter{State: r.URL.Query().Get("state"), CampaignID: queryInt(r, "campaign_id", &v), Limit: limit, Offset: offset}
	if f.State != "" && !kit.ValidCode(thidua.ProposalStates, f.State) {
		v.Add("state", "state phải là một trong: "+kit.CodeList(thidua.ProposalStates)+".")
	}
	if err == nil {
		err = v.Err()
	}
	if err != nil {
		return err
	}
	ps, total, err := s.Store.FindProposals(r.Context(), f)
	if err != nil {
		return err
	}
	for _, p := range ps {
		proposalOut(p)
	}
	kit.WriteJSON(w, http.StatusOK, newList(ps, total, limit, offset))
	return nil
}

// ProposalInput is the writable part of a proposal (thidua.ProposalInput, shared with the
// workspace form).
type ProposalInput = thidua.ProposalInput

func (s *Handler) CreateProposal(w http.ResponseWriter, r *http.Request) error {
	var in ProposalInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := in.Proposal(0)
	if err == nil {
		err = s.Store.CreateProposal(r.Context(), p)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/proposals/"+kit.IdStr(p.ID))
	kit.WriteJSON(w, http.StatusCreated, proposalOut(p))
	return nil
}

func (s *Handler) GetProposal(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, proposalOut(p))
	return nil
}

func (s *Handler) UpdateProposal(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	var in ProposalInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := in.Proposal(cur.ID)
	if err == nil {
		err = s.Store.UpdateProposal(r.Context(), p)
	}
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, proposalOut(p))
	return nil
}

// NomineeInput is one collective or individual proposed for an award.
type NomineeInput struct {
	_              struct{}                 `doc:"Một tập thể hoặc cá nhân được đề nghị." input:"true"`
	Subject        string                   `json:"subject" doc:"PERSON: cá nhân; UNIT: tập thể." enum:"subjectCodes" required:"true"`
	SubjectID      int64                    `json:"subject_id" doc:"Mã cá nhân hoặc đơn vị, thuộc đơn vị đề nghị." minimum:"1" required:"true"`
	Award          string                   `json:"award" doc:"Mã danh hiệu thi đua hoặc hình thức khen thưởng (ví dụ CSTDCS, GK, BKCT)." enum:"nomineeAwards" required:"true"`
	Report         thidua.AchievementReport `json:"report"`
	RegistrationID int64                    `json:"registration_id" doc:"Mã đăng ký thi đua của đợt thi đua của tờ trình (tùy chọn)."`
	Override       string                   `json:"override" doc:"Lý do vẫn đề nghị nếu chưa đủ điều kiện." maxLength:"2000"`
}

// NomineesInput replaces the nominees of an editable proposal.
type NomineesInput struct {
	_        struct{}       `doc:"Cả danh sách tập thể, cá nhân được đề nghị." input:"true"`
	Version  int            `json:"version" doc:"Phiên bản tờ trình đã đọc." minimum:"1" required:"true"`
	Nominees []NomineeInput `json:"nominees" doc:"Tối đa 500 dòng; [] xóa hết." maxItems:"500" required:"true"`
}

func (s *Handler) SetNominees(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	var in NomineesInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Nominees == nil {
		return kit.FieldErr("nominees", "Vui lòng gửi danh sách nominees (mảng rỗng [] để xóa hết).")
	}
	ns := make([]*thidua.Nominee, len(in.Nominees))
	for i, x := range in.Nominees {
		ns[i] = &thidua.Nominee{Subject: x.Subject, SubjectID: x.SubjectID, Award: x.Award, Report: x.Report,
			RegistrationID: x.RegistrationID, Override: x.Override}
	}
	if err := s.Store.SetNominees(r.Context(), p.ID, in.Version, ns); err != nil {
		return err
	}
	return s.GetProposal(w, r)
}

func (s *Handler) AddShortlist(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	var in kit.ShortlistInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if _, err := s.PullShortlist(r, p, in); err != nil {
		return err
	}
	return s.GetProposal(w, r)
}

// VersionInput names the version of the record an action applies to.
type VersionInput struct {
	_       struct{} `doc:"Phiên bản của bản ghi đã đọc." input:"true"`
	Version int      `json:"version" doc:"Phiên bản đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) SubmitProposal(w http.ResponseWriter, r *http.Request) error {
	p, err := kit.FindByID(r, s.Store.FindProposalByID)
	if err != nil {
		return err
	}
	var in VersionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Version != p.Version {
		return thidua.ErrStale()
	}
	if _, err := thidua.ProposalNext(p.State, "submit"); err != nil {
		return err
	}
	if err := s.Store.SubmitProposal(r.Context(), p.ID, in.Version); err != nil {
		return err
	}
	return s.GetProposal(w, r)
}

// ProposalTransitionInput is an officer's workflow action on a proposal.
type ProposalTransitionInput struct {
	_       struct{} `doc:"Thao tác của cơ quan thường trực." input:"true"`
	Action  string   `json:"action" doc:"Thao tác." enum:"proposalActions" required:"true"`
	Note    string   `json:"note" doc:"Ghi chú; lý do trả lại (bắt buộc với return)." maxLength:"2000"`
	Version int      `json:"version" doc:"Phiên bản tờ trình đã đọc." minimum:"1" required:"true"`
}

// proposalActions lists the officers' actions.
func proposalActions() []thidua.Option {
	var out []thidua.Option
	for _, t := range thidua.ProposalTransitions {
		if !t.ByUnit {
			out = append(out, thidua.Option{Code: t.Action, Label: t.Label})
		}
	}
	return out
}

func (s *Handler) TransitionProposal(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ProposalTransitionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if actions := proposalActions(); !kit.ValidCode(actions, in.Action) {
		return kit.FieldErr("action", "action phải là một trong: "+kit.CodeList(actions)+".")
	}
	if err := s.Store.TransitionProposal(r.Context(), id, in.Action, in.Note, in.Version); err != nil {
		return err
	}
	return s.GetProposal(w, r)
}

func (s *Handler) ProposalTimeline(w http.ResponseWriter, r *http.Request) error {
	events, err := kit.FindByID(r, s.Store.ProposalTimeline)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newItems(events))
	return nil
}

// ConfirmInput is the appraiser's judgement of a nominee's open conditions.
type ConfirmInput struct {
	_         struct{} `doc:"Kết luận thẩm định." input:"true"`
	Confirmed bool     `json:"confirmed" doc:"true: đạt, đưa ra Hội đồng; false: không đạt." required:"true"`
	Appraisal string   `json:"appraisal" doc:"Kết luận thẩm định, nêu căn cứ." minLength:"1" maxLength:"2000" required:"true"`
}

func (s *Handler) ConfirmNominee(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ConfirmInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.Store.ConfirmNominee(r.Context(), id, in.Confirmed, in.Appraisal); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- councils and meetings

func (s *Handler) ListCouncils(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.Store.FindCouncils(r.Context())
	if err != nil {
		return err
	}
	for _, c := range cs {
		councilOut(c)
	}
	kit.WriteJSON(w, http.StatusOK, newItems(cs))
	return nil
}

// CouncilInput is the writable part of a council (thidua.CouncilInput, shared with the
// workspace form).
type CouncilInput = thidua.CouncilInput

func (s *Handler) CreateCouncil(w http.ResponseWriter, r *http.Request) error {
	var in CouncilInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c := in.Council(0)
	if err := s.Store.CreateCouncil(r.Context(), c); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/councils/"+kit.IdStr(c.ID))
	kit.WriteJSON(w, http.StatusCreated, councilOut(c))
	return nil
}

func (s *Handler) GetCouncil(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, councilOut(c))
	return nil
}

func (s *Handler) UpdateCouncil(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	var in CouncilInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c := in.Council(cur.ID)
	if err := s.Store.UpdateCouncil(r.Context(), c); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, councilOut(c))
	return nil
}

func (s *Handler) ListMeetings(w http.ResponseWriter, r *http.Request) error {
	ms, err := kit.FindByID(r, s.Store.FindMeetings)
	if err != nil {
		return err
	}
	for _, m := range ms {
		meetingOut(m)
	}
	kit.WriteJSON(w, http.StatusOK, newItems(ms))
	return nil
}

// MeetingInput opens a meeting of the council with an agenda of nominees.
type MeetingInput struct {
	_      struct{}    `doc:"Phiên họp mới." input:"true"`
	Title  string      `json:"title" doc:"Tên phiên họp." maxLength:"255" required:"true"`
	Date   thidua.Date `json:"date" doc:"Ngày họp." required:"true"`
	Place  string      `json:"place" doc:"Địa điểm." maxLength:"255"`
	Agenda []int64     `json:"agenda" doc:"Mã các đối tượng đề nghị (đã thẩm định đạt, tờ trình đã trình Hội đồng)." required:"true"`
}

func (s *Handler) CreateMeeting(w http.ResponseWriter, r *http.Request) error {
	c, err := kit.FindByID(r, s.Store.FindCouncilByID)
	if err != nil {
		return err
	}
	var in MeetingInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	m := &thidua.Meeting{CouncilID: c.ID, Title: in.Title, Date: in.Date, Place: in.Place, Agenda: in.Agenda}
	if err := s.Store.CreateMeeting(r.Context(), m); err != nil {
		return err
	}
	m, err = s.Store.FindMeetingByID(r.Context(), m.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/meetings/"+kit.IdStr(m.ID))
	kit.WriteJSON(w, http.StatusCreated, meetingOut(m))
	return nil
}

// MeetingDetail is a meeting with who has voted (never how).
type MeetingDetail struct {
	*thidua.Meeting
	Voted []int64 `json:"voted" doc:"Mã tài khoản các thành viên đã bỏ phiếu (không kèm nội dung phiếu)."`
}

func (s *Handler) meetingDetail(r *http.Request, id int64) (*MeetingDetail, error) {
	m, err := s.Store.FindMeetingByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	voted, err := s.Store.Voted(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if voted == nil {
		voted = []int64{}
	}
	return &MeetingDetail{Meeting: meetingOut(m), Voted: voted}, nil
}

func (s *Handler) GetMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	out, err := s.meetingDetail(r, id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// AttendanceInput lists the voting members present.
type AttendanceInput struct {
	_       struct{} `doc:"Danh sách có mặt." input:"true"`
	Present []int64  `json:"present" doc:"Mã tài khoản thành viên biểu quyết có mặt." required:"true"`
	Version int      `json:"version" doc:"Phiên bản phiên họp đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) SetAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in AttendanceInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Present == nil {
		return kit.FieldErr("present", "Vui lòng gửi danh sách present (mảng rỗng [] nếu chưa ai có mặt).")
	}
	if err := s.Store.SetAttendance(r.Context(), id, in.Present, in.Version); err != nil {
		return err
	}
	return s.GetMeeting(w, r)
}

// VoteInput is a ballot: AGREE or DISAGREE for every nominee of the agenda,
// keyed by nominee ID. The secretary enters an absent member's written vote
// with written: true and voter_id.
type VoteInput struct {
	_       struct{}         `doc:"Phiếu biểu quyết." input:"true"`
	Choices map[int64]string `json:"choices" doc:"Mã đối tượng → AGREE (đồng ý) hoặc DISAGREE (không đồng ý), cho mọi đối tượng của chương trình." enum:"votes" required:"true"`
	Written bool             `json:"written" doc:"Phiếu bằng văn bản của thành viên vắng mặt, do thư ký nhập."`
	VoterID int64            `json:"voter_id" doc:"Với phiếu bằng văn bản: mã tài khoản thành viên vắng mặt."`
}

// VoteReceipt is the receipt of a ballot, its hash, returned once.
type VoteReceipt struct {
	Receipt string `json:"receipt" doc:"Mã phiếu: mã băm SHA-256 của phiếu đã mã hóa (64 chữ số hex); chỉ trả về một lần, không lưu kèm người bỏ phiếu." pattern:"^[0-9a-f]{64}$"`
}

func (s *Handler) CastVote(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in VoteInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if _, err := s.Store.FindMeetingByID(r.Context(), id); err != nil {
		return err
	}
	receipt, err := s.Store.CastVote(r.Context(), &thidua.Vote{MeetingID: id, Choices: in.Choices, Written: in.Written, VoterID: in.VoterID})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	kit.WriteJSON(w, http.StatusOK, VoteReceipt{Receipt: receipt})
	return nil
}

// ReceiptInput asks for the ballots of a receipt code.
type ReceiptInput struct {
	_       struct{} `doc:"Mã phiếu cần kiểm tra." input:"true"`
	Receipt string   `json:"receipt" doc:"Mã phiếu (không phân biệt hoa thường)." maxLength:"64" required:"true"`
}

func (s *Handler) CheckReceipt(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ReceiptInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Receipt) == "" {
		return kit.FieldErr("receipt", "Vui lòng nhập mã phiếu.")
	}
	if err := s.Store.CheckReceipt(r.Context(), id, in.Receipt); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, VoteReceipt{Receipt: strings.ToLower(strings.TrimSpace(in.Receipt))})
	return nil
}

func (s *Handler) CloseMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in VersionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.Store.CloseMeeting(r.Context(), id, in.Version); err != nil {
		return err
	}
	return s.GetMeeting(w, r)
}

// RekeyMeeting deals a new key while no ballot is cast.
func (s *Handler) RekeyMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in VersionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.Store.RekeyMeeting(r.Context(), id, in.Version); err != nil {
		return err
	}
	return s.GetMeeting(w, r)
}

// ShareInput confirms the download of one's key share.
type ShareInput struct {
	_       struct{} `doc:"Xác nhận nhận phần khóa." input:"true"`
	Confirm bool     `json:"confirm" doc:"true: nhận phần khóa; máy chủ xóa bản của mình ngay sau đó." required:"true"`
}

// DownloadShare gives the signed-in trustee their key share, once.
func (s *Handler) DownloadShare(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ShareInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if !in.Confirm {
		return kit.FieldErr("confirm", "Vui lòng xác nhận confirm: true: phần khóa chỉ giao một lần.")
	}
	share, err := s.Store.DownloadShare(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	kit.WriteJSON(w, http.StatusOK, share)
	return nil
}

// MeetingRecord is the meeting's bulletin board, for offline verification.
func (s *Handler) MeetingRecord(w http.ResponseWriter, r *http.Request) error {
	rec, err := kit.FindByID(r, s.Store.MeetingRecord)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, rec)
	return nil
}

// AddPartial takes a trustee's partial decryption of the sums.
func (s *Handler) AddPartial(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ballot.Partial
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if _, err := s.Store.AddPartial(r.Context(), id, &in); err != nil {
		return err
	}
	return s.GetMeeting(w, r)
}

func (s *Handler) Tally(w http.ResponseWriter, r *http.Request) error {
	rows, err := kit.FindByID(r, s.Store.TallyMeeting)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, newItems(rows))
	return nil
}

// ---- decisions

func (s *Handler) ListDecisions(w http.ResponseWriter, r *http.Request) error {
	limit, offset, err := listParams(r, 100, 500)
	q := r.URL.Query()
	var v thidua.Validation
	f := thidua.DecisionFilter{Query: q.Get("q"), State: q.Get("state"), Limit: limit, Offset: offset}
	if y := q.Get("year"); y != "" {
		n, e := strconv.Atoi(y)
		if e != nil || n < 0 || n > 2200 {
			v.Add("year", "year phải là năm, từ 0 đến 2200 (0: mọi năm).")
		}
		f.Year = n
	}
	if f.State != "" && !kit.ValidCode(thidua.DecisionStates, f.State) {
		v.Add("state", "state phải là một trong: "+kit.CodeList(thidua.DecisionStates)+".")
	}
	if err == nil {
		err = v.Err()
	}
	if err != nil {
		return err
	}
	ds, total, err := s.Store.FindDecisions(r.Context(), f)
	if err != nil {
		return err
	}
	for _, d := range ds {
		decisionOut(d)
	}
	kit.WriteJSON(w, http.StatusOK, newList(ds, total, limit, offset))
	return nil
}

// DecisionInput is the writable part of a decision (thidua.DecisionInput, shared with the
// workspace form).
type DecisionInput = thidua.DecisionInput

func (s *Handler) DraftDecision(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in DecisionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if _, err := s.Store.FindMeetingByID(r.Context(), id); err != nil {
		return err
	}
	d := in.Decision(0)
	if len(d.Bases) == 0 {
		d.Bases = thidua.DecisionBases(thidua.DateOf(s.Now()))
	}
	if err := s.Store.DraftDecision(r.Context(), id, d); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/decisions/"+kit.IdStr(d.ID))
	kit.WriteJSON(w, http.StatusCreated, decisionOut(d))
	return nil
}

func (s *Handler) GetDecision(w http.ResponseWriter, r *http.Request) error {
	d, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, decisionOut(d))
	return nil
}

func (s *Handler) UpdateDecision(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, s.Store.FindDecisionByID)
	if err != nil {
		return err
	}
	var in DecisionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d := in.Decision(cur.ID)
	d.Recipients = cur.Recipients
	if err := s.Store.UpdateDecision(r.Context(), d); err != nil {
		return err
	}
	// Read back: an issued decision keeps all but its public flag.
	return s.GetDecision(w, r)
}

// IssueInput issues a draft decision on a date.
type IssueInput struct {
	_       struct{}    `doc:"Ban hành." input:"true"`
	Date    thidua.Date `json:"date" doc:"Ngày ký, thuộc năm của sổ đăng ký." required:"true"`
	Version int         `json:"version" doc:"Phiên bản quyết định đã đọc." minimum:"1" required:"true"`
}

func (s *Handler) IssueDecision(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in IssueInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d, err := s.Store.IssueDecision(r.Context(), id, in.Version, in.Date)
	if err != nil {
		return err
	}
	s.FreezeDecision(r.Context(), d)
	kit.WriteJSON(w, http.StatusOK, decisionOut(d))
	return nil
}

// ---- OpenAPI

var (
	oaProposalParams = []string{"audit_limit", "offset", "proposal_state", "campaign_id"}
	oaDecisionParams = []string{"audit_limit", "offset", "q", "decision_state", "decision_year"}
	oaSecretaryNote  = " Thư ký Hội đồng hoặc cán bộ quản lý thi đua của cơ quan có Hội đồng (khác: 403)."
)

// commendationOps documents the operations of this file (openapi.go).
var commendationOps = map[string]apiOp{
	"GET /api/v1/proposals": {ID: "listProposals", Tag: oaTagProposals, Summary: "Danh sách tờ trình đề nghị khen thưởng",
		Desc:   "Mới cập nhật trước, kèm danh sách tập thể, cá nhân của từng tờ trình." + oaScopeNote,
		Params: oaProposalParams, Status: http.StatusOK, Result: List[*thidua.Proposal]{}, Errors: []int{422}},
	"POST /api/v1/proposals": {ID: "createProposal", Tag: oaTagProposals, Summary: "Lập tờ trình (dự thảo)",
		Desc: "Tờ trình mới ở trạng thái `DRAFT`. Khen thưởng theo đợt (`PHONG_TRAO`) cần `campaign_id`; đơn vị đề nghị phải thuộc phạm vi của đợt thi đua." + oaWriteScopeNote,
		Body: ProposalInput{}, Status: http.StatusCreated, Result: thidua.Proposal{}, Errors: []int{422}},
	"GET /api/v1/proposals/{id}": {ID: "getProposal", Tag: oaTagProposals, Summary: "Xem một tờ trình", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404}},
	"PUT /api/v1/proposals/{id}": {ID: "updateProposal", Tag: oaTagProposals, Summary: "Sửa tờ trình",
		Desc: "Chỉ sửa được khi tờ trình là dự thảo hoặc đã bị trả lại (khác: 422)." + oaLockNote + oaWriteScopeNote,
		Body: ProposalInput{}, Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"PUT /api/v1/proposals/{id}/nominees": {ID: "setNominees", Tag: oaTagProposals, Summary: "Lưu danh sách tập thể, cá nhân được đề nghị",
		Desc: "Thay cả danh sách, tất cả hoặc không (lỗi ghi theo `nominees[i].trường`). Đối tượng phải thuộc đơn vị đề nghị; " +
			"một đối tượng không được đề nghị hai lần cùng hình thức (R-GEN-02)." + oaLockNote,
		Body: NomineesInput{}, Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/proposals/{id}/shortlist": {ID: "pullShortlist", Tag: oaTagProposals, Summary: "Thêm danh sách rút gọn của đợt thi đua",
		Desc: "Thêm các đăng ký đã duyệt của đơn vị đề nghị và đơn vị trực thuộc, xếp hạng trong đơn vị, đạt `top` vị trí đầu hoặc `min_percent` điểm, " +
			"với hình thức `award` (một hình thức dự kiến của đợt thi đua); bỏ qua đối tượng đã được đề nghị cùng hình thức." + oaLockNote,
		Body: kit.ShortlistInput{}, Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/proposals/{id}/submit": {ID: "submitProposal", Tag: oaTagProposals, Summary: "Gửi tờ trình (máy chủ xét điều kiện)",
		Desc: "Máy chủ chạy công cụ xét điều kiện cho từng đối tượng (lịch sử khen thưởng, năm của tờ trình, tính đến hôm nay) và lưu kết quả kèm tờ trình. " +
			"`not_eligible` chặn việc gửi nếu không có `override` (lý do vẫn đề nghị); `on_hold` luôn chặn (R-GEN-06): 422 với `detail` tiếng Việt nêu từng đối tượng. " +
			"Gửi hai lần: 422." + oaLockNote,
		Body: VersionInput{}, Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/proposals/{id}/transitions": {ID: "transitionProposal", Tag: oaTagProposals, Summary: "Tiếp nhận, thẩm định, trình Hội đồng, trả lại",
		Desc: "Thao tác của cơ quan thường trực: `receive`, `appraise` (cần kết luận cho mọi đối tượng `needs_review`), `to_council`, " +
			"`return` (cần `note`: lý do trả lại). Thao tác không áp dụng cho trạng thái hiện tại: 422." + oaLockNote,
		Body: ProposalTransitionInput{}, Status: http.StatusOK, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/proposals/{id}/timeline": {ID: "getProposalTimeline", Tag: oaTagProposals, Summary: "Quá trình xử lý tờ trình",
		Desc: "Các bước theo thứ tự thời gian, với người thực hiện và ghi chú.", Status: http.StatusOK, Result: Items[thidua.ProposalEvent]{}, Errors: []int{404}},
	"POST /api/v1/nominees/{id}/confirm": {ID: "confirmNominee", Tag: oaTagProposals, Summary: "Kết luận thẩm định một đối tượng",
		Desc: "Ghi kết luận của người thẩm định về các điều kiện còn mở (`confirmed`: đạt, đưa ra Hội đồng); chỉ khi tờ trình đã được tiếp nhận (khác: 422).",
		Body: ConfirmInput{}, Status: http.StatusNoContent, Errors: []int{404, 422}},

	"GET /api/v1/councils": {ID: "listCouncils", Tag: oaTagCouncils, Summary: "Danh sách Hội đồng thi đua, khen thưởng",
		Desc: strings.TrimSpace(oaScopeNote), Status: http.StatusOK, Result: Items[*thidua.Council]{}},
	"POST /api/v1/councils": {ID: "createCouncil", Tag: oaTagCouncils, Summary: "Thành lập Hội đồng",
		Desc: "Thành viên là tài khoản, mỗi người một vai trò; đúng một Chủ tịch; thư ký không biểu quyết. " +
			"`min_present`, `min_present_award`: tỷ lệ có mặt tối thiểu trên tổng số thành viên (0: mặc định 2/3 và 0,8, R-HD-02)." + oaWriteScopeNote,
		Body: CouncilInput{}, Status: http.StatusCreated, Result: thidua.Council{}, Errors: []int{422}},
	"GET /api/v1/councils/{id}": {ID: "getCouncil", Tag: oaTagCouncils, Summary: "Xem một Hội đồng",
		Desc: "Người thấy được: trong phạm vi đơn vị, hoặc là thành viên Hội đồng.", Status: http.StatusOK, Result: thidua.Council{}, Errors: []int{404}},
	"PUT /api/v1/councils/{id}": {ID: "updateCouncil", Tag: oaTagCouncils, Summary: "Sửa Hội đồng", Desc: strings.TrimSpace(oaLockNote),
		Body: CouncilInput{}, Status: http.StatusOK, Result: thidua.Council{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/councils/{id}/meetings": {ID: "listMeetings", Tag: oaTagCouncils, Summary: "Các phiên họp của Hội đồng",
		Status: http.StatusOK, Result: Items[*thidua.Meeting]{}, Errors: []int{404}},
	"POST /api/v1/councils/{id}/meetings": {ID: "createMeeting", Tag: oaTagCouncils, Summary: "Mở phiên họp",
		Desc: "Chương trình (`agenda`) gồm các đối tượng đã thẩm định đạt của tờ trình đã trình Hội đồng này, chưa ở phiên họp khác đang mở.",
		Body: MeetingInput{}, Status: http.StatusCreated, Result: thidua.Meeting{}, Errors: []int{404, 422}},
	"GET /api/v1/meetings/{id}": {ID: "getMeeting", Tag: oaTagCouncils, Summary: "Xem một phiên họp",
		Desc: "`voted` liệt kê ai đã bỏ phiếu, không bao giờ kèm nội dung phiếu.", Status: http.StatusOK, Result: MeetingDetail{}, Errors: []int{404}},
	"PUT /api/v1/meetings/{id}/attendance": {ID: "setAttendance", Tag: oaTagCouncils, Summary: "Điểm danh thành viên có mặt",
		Desc: "Thay cả danh sách `present` (mã tài khoản của thành viên biểu quyết)." + oaSecretaryNote + oaLockNote,
		Body: AttendanceInput{}, Status: http.StatusOK, Result: MeetingDetail{}, Errors: []int{403, 404, 409, 422}},
	"POST /api/v1/meetings/{id}/votes": {ID: "castVote", Tag: oaTagCouncils, Summary: "Bỏ phiếu kín",
		Desc: "Mỗi thành viên có mặt bỏ phiếu một lần cho cả chương trình: `choices` ghi AGREE hoặc DISAGREE theo mã đối tượng. " +
			"Thư ký nhập phiếu bằng văn bản của thành viên vắng mặt với `written: true` và `voter_id`. Máy chủ mã hóa phiếu bằng khóa công khai của phiên họp " +
			"(ElGamal trên ristretto255, kèm chứng minh mỗi lựa chọn là 0 hoặc 1) và lưu một dòng riêng, không kèm người bỏ, thời gian hay thứ tự. " +
			"Trả về mã phiếu (mã băm của phiếu), **chỉ một lần**. Bỏ phiếu lần hai: 409; sau khi kết thúc bỏ phiếu: 422.",
		Body: VoteInput{}, Status: http.StatusOK, Result: VoteReceipt{}, Errors: []int{403, 404, 409, 422}},
	"POST /api/v1/meetings/{id}/receipt": {ID: "checkReceipt", Tag: oaTagCouncils, Summary: "Kiểm tra mã phiếu có trong hòm phiếu",
		Desc: "200 khi hòm phiếu có phiếu với mã băm này; không có: 404.", Body: ReceiptInput{}, Status: http.StatusOK, Result: VoteReceipt{}, Errors: []int{404, 422}},
	"POST /api/v1/meetings/{id}/close": {ID: "closeMeeting", Tag: oaTagCouncils, Summary: "Kết thúc bỏ phiếu",
		Desc: "Kiểm tra số thành viên có mặt (R-HD-02) và chuyển phiên họp sang `COUNTING`: các thành viên giữ khóa gửi phần giải mã tổng phiếu " +
			"(`POST …/partials`); đủ ngưỡng thì máy chủ giải mã tổng, so với ngưỡng của từng danh hiệu trên tổng số thành viên (R-HD-03) và lưu kết quả." +
			oaSecretaryNote + oaLockNote,
		Body: VersionInput{}, Status: http.StatusOK, Result: MeetingDetail{}, Errors: []int{403, 404, 409, 422}},
	"POST /api/v1/meetings/{id}/key": {ID: "rekeyMeeting", Tag: oaTagCouncils, Summary: "Tạo lại khóa bỏ phiếu",
		Desc: "Khi chưa có phiếu nào: tạo khóa mới và chia lại cho các thành viên giữ khóa (ví dụ phần khóa bị mất do máy chủ khởi động lại trước khi tải). " +
			"Đã có phiếu: 422." + oaSecretaryNote + oaLockNote,
		Body: VersionInput{}, Status: http.StatusOK, Result: MeetingDetail{}, Errors: []int{403, 404, 409, 422}},
	"POST /api/v1/meetings/{id}/share": {ID: "downloadShare", Tag: oaTagCouncils, Summary: "Tải phần khóa của thành viên giữ khóa",
		Desc: "Chỉ thành viên giữ khóa (mặc định Chủ tịch, Phó Chủ tịch, Thư ký), trong phiên làm việc của chính mình, và **một lần**: sau đó máy chủ không còn giữ. " +
			"Người khác: 403; đã tải hoặc máy chủ không còn giữ: 409.",
		Body: ShareInput{}, Status: http.StatusOK, Result: ballot.Share{}, Errors: []int{403, 404, 409, 422}},
	"GET /api/v1/meetings/{id}/record": {ID: "getMeetingRecord", Tag: oaTagCouncils, Summary: "Hòm phiếu điện tử (bản ghi công khai của phiên họp)",
		Desc: "Khóa công khai, khóa kiểm tra của từng thành viên giữ khóa, mọi phiếu đã mã hóa kèm chứng minh, tổng theo đối tượng, các phần giải mã và kết quả; " +
			"kiểm tra ngoại tuyến bằng `thidua ballot verify`. Đang bỏ phiếu: 409.",
		Status: http.StatusOK, Result: ballot.Record{}, Errors: []int{404, 409}},
	"POST /api/v1/meetings/{id}/partials": {ID: "addPartial", Tag: oaTagCouncils, Summary: "Gửi phần giải mã tổng phiếu",
		Desc: "Tệp do `thidua ballot decrypt-share RECORD SHARE` tạo. Máy chủ kiểm tra chứng minh với khóa kiểm tra của thành viên; phần thứ `threshold` " +
			"giải mã tổng, lưu kết quả và kết thúc phiên họp (`CLOSED`). Không hợp lệ: 422; đã gửi hoặc phiên họp không ở `COUNTING`: 409.",
		Body: ballot.Partial{}, Status: http.StatusOK, Result: MeetingDetail{}, Errors: []int{403, 404, 409, 422}},
	"GET /api/v1/meetings/{id}/tally": {ID: "getTally", Tag: oaTagCouncils, Summary: "Kết quả kiểm phiếu",
		Desc: "Kết quả đã giải mã từ tổng phiếu. Trước khi kết thúc kiểm phiếu (đang bỏ phiếu hoặc chờ giải mã): 409, không có kết quả tạm.", Status: http.StatusOK, Result: Items[thidua.TallyRow]{}, Errors: []int{404, 409}},

	"GET /api/v1/decisions": {ID: "listDecisions", Tag: oaTagDecisions, Summary: "Danh sách, tìm kiếm quyết định khen thưởng",
		Desc:   "Theo năm và số, mới nhất trước. `q` tìm theo số, trích yếu, tên tập thể, cá nhân, không phân biệt dấu." + oaScopeNote,
		Params: oaDecisionParams, Status: http.StatusOK, Result: List[*thidua.Decision]{}, Errors: []int{422}},
	"POST /api/v1/meetings/{id}/decision": {ID: "draftDecision", Tag: oaTagDecisions, Summary: "Dự thảo quyết định từ kết quả phiên họp",
		Desc: "Danh sách khen thưởng lấy từ các đối tượng đạt của phiên họp đã kết thúc, với tiền thưởng do công cụ xét điều kiện tính; chưa có số. " +
			"`bases` để trống: căn cứ pháp lý hiện hành. Phiên họp đã có dự thảo: 409.",
		Body: DecisionInput{}, Status: http.StatusCreated, Result: thidua.Decision{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/decisions/{id}": {ID: "getDecision", Tag: oaTagDecisions, Summary: "Xem một quyết định", Desc: strings.TrimSpace(oaScopeNote),
		Status: http.StatusOK, Result: thidua.Decision{}, Errors: []int{404}},
	"PUT /api/v1/decisions/{id}": {ID: "updateDecision", Tag: oaTagDecisions, Summary: "Sửa dự thảo quyết định",
		Desc: "Sửa dự thảo; quyết định đã ban hành chỉ đổi được `public` (công bố trên trang vinh danh)." + oaLockNote,
		Body: DecisionInput{}, Status: http.StatusOK, Result: thidua.Decision{}, Errors: []int{404, 409, 422}},
	"POST /api/v1/decisions/{id}/issue": {ID: "issueDecision", Tag: oaTagDecisions, Summary: "Ban hành quyết định và cấp số",
		Desc: "Cấp số tiếp theo của sổ đăng ký theo cơ quan ban hành và năm, liên tục, không trùng kể cả khi nhiều người cùng ban hành (R-VB-02); " +
			"ngày ký phải thuộc năm của sổ. Ghi khen thưởng vào lịch sử của từng tập thể, cá nhân và chuyển các tờ trình sang `DECIDED`. " +
			"Ban hành lần hai: 409." + oaLockNote,
		Body: IssueInput{}, Status: http.StatusOK, Result: thidua.Decision{}, Errors: []int{404, 409, 422}},
}

// commendationParams are the query parameters of this file's operations, by name in
// components/parameters.
var commendationParams = map[string]apiParam{
	"proposal_state": {"state", "Chỉ các tờ trình ở trạng thái này.", "", `enum:"proposalStates"`},
	"campaign_id":    {"campaign_id", "Chỉ các tờ trình của đợt thi đua này.", int64(0), `minimum:"1"`},
	"decision_state": {"state", "Chỉ các quyết định ở trạng thái này.", "", `enum:"decisionStates"`},
	"decision_year":  {"year", "Chỉ các quyết định của năm này (0: mọi năm).", 0, `minimum:"0" maximum:"2200"`},
}

// commendationTypeDocs describes the types of this part of the API that the package
// does not own, and the instances of List and Items (openapi_schema.go).
var commendationTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[thidua.DecisionInput](): {
		"":          `doc:"Phần sửa được của quyết định." input:"true"`,
		"issuer":    `doc:"Ký hiệu cơ quan ban hành, chữ in hoa (ví dụ VPUBND)." pattern:"^[A-ZĐ0-9-]+$" required:"true"`,
		"year":      `doc:"Năm của sổ đăng ký số; ngày ký phải thuộc năm này." minimum:"1945" maximum:"2200" required:"true"`,
		"place":     `doc:"Địa danh." maxLength:"100" required:"true"`,
		"title":     `doc:"Trích yếu." maxLength:"500" required:"true"`,
		"authority": `doc:"Thẩm quyền ban hành." maxLength:"255" required:"true"`,
		"bases":     `doc:"Căn cứ; để trống khi dự thảo: căn cứ pháp lý hiện hành."`,
		"articles":  `doc:"Các điều."`,
		"signer":    `required:"true"`,
		"cc":        `doc:"Nơi nhận."`,
		"public":    `doc:"Công bố trên trang vinh danh sau khi ban hành."`,
	},
	reflect.TypeFor[thidua.CouncilInput](): {
		"":                  `doc:"Phần sửa được của Hội đồng." input:"true"`,
		"unit_id":           `doc:"Mã cơ quan." minimum:"1" required:"true"`,
		"name":              `doc:"Tên Hội đồng." maxLength:"255" required:"true"`,
		"from":              `doc:"Hiệu lực từ ngày." required:"true"`,
		"to":                `doc:"Hiệu lực đến ngày (tùy chọn)."`,
		"members":           `doc:"Thành viên: đúng một CHAIR, ít nhất một thành viên biểu quyết." required:"true"`,
		"min_present":       `doc:"Tỷ lệ có mặt tối thiểu (0: 2/3)." minimum:"0" maximum:"1"`,
		"min_present_award": `doc:"Tỷ lệ có mặt tối thiểu khi xét khen thưởng (0: 0,8)." minimum:"0" maximum:"1"`,
	},
	reflect.TypeFor[thidua.ProposalInput](): {
		"":            `doc:"Phần sửa được của tờ trình." input:"true"`,
		"unit_id":     `doc:"Mã đơn vị đề nghị (trong phạm vi được đăng ký, đề nghị)." minimum:"1" required:"true"`,
		"campaign_id": `doc:"Mã đợt thi đua (bắt buộc với PHONG_TRAO; 0: không gắn)."`,
		"kind":        `doc:"Loại hình khen thưởng." enum:"proposalKinds" required:"true"`,
		"year":        `doc:"Năm thành tích." minimum:"1945" maximum:"2200" required:"true"`,
		"title":       `doc:"Trích yếu tờ trình." minLength:"1" maxLength:"500" required:"true"`,
		"ref":         `doc:"Số, ký hiệu tờ trình nếu đã có." examples:"12/TTr-HCTC"`,
	},
	reflect.TypeFor[thidua.AchievementReport](): {
		"":             `doc:"Báo cáo thành tích theo mẫu (R-HS-01…03)." input:"true"`,
		"summary":      `doc:"Sơ lược lý lịch (cá nhân) hoặc đặc điểm, tình hình (tập thể)." maxLength:"10000"`,
		"achievements": `doc:"Thành tích đạt được." maxLength:"50000"`,
		"initiatives":  `doc:"Sáng kiến, giải pháp, đề tài." maxLength:"20000"`,
		"awards":       `doc:"Các hình thức khen thưởng đã được ghi nhận." maxLength:"10000"`,
	},
	reflect.TypeFor[thidua.Nominee](): {
		"id":              `doc:"Mã đối tượng đề nghị."`,
		"proposal_id":     `doc:"Mã tờ trình."`,
		"subject":         `doc:"PERSON: cá nhân; UNIT: tập thể." enum:"subjectCodes"`,
		"subject_id":      `doc:"Mã cá nhân hoặc đơn vị."`,
		"award":           `doc:"Mã danh hiệu thi đua hoặc hình thức khen thưởng (ví dụ CSTDCS, GK, BKCT)." enum:"nomineeAwards"`,
		"registration_id": `doc:"Mã đăng ký thi đua (khi lấy từ danh sách rút gọn)."`,
		"verdict":         `doc:"Kết luận của công cụ xét điều kiện khi gửi tờ trình." enum:"nomineeVerdicts"`,
		"verdict_detail":  `doc:"Kết quả đầy đủ của công cụ xét điều kiện khi gửi (như POST /eligibility/evaluate), lưu nguyên như lúc gửi."`,
		"checked_at":      `doc:"Thời điểm xét điều kiện."`,
		"override":        `doc:"Lý do vẫn đề nghị khi chưa đủ điều kiện."`,
		"confirmed":       `doc:"Đã đủ điều kiện hoặc đã được thẩm định đạt: được đưa ra Hội đồng."`,
		"appraisal":       `doc:"Kết luận thẩm định."`,
		"threshold":       `doc:"Tỷ lệ đồng ý cần đạt trên tổng số thành viên Hội đồng (R-HD-03): 0,9; 0,8; 0,5 là quá bán." minimum:"0" maximum:"1"`,
		"money_vnd":       `doc:"Tiền thưởng do công cụ tính (đồng)." minimum:"0"`,
		"passed":          `doc:"Kết quả biểu quyết sau khi kết thúc phiên họp; không có khi chưa biểu quyết."`,
		"name":            `doc:"Họ tên cá nhân hoặc tên tập thể."`,
		"unit_name":       `doc:"Đơn vị."`,
		"gender":          `doc:"Giới tính của cá nhân." enum:"genders"`,
		"is_leader":       `doc:"Cá nhân giữ chức vụ lãnh đạo, quản lý (chỉ có khi true)."`,
	},
	reflect.TypeFor[thidua.Proposal](): {
		"id":               `doc:"Mã tờ trình."`,
		"unit_id":          `doc:"Mã đơn vị đề nghị."`,
		"campaign_id":      `doc:"Mã đợt thi đua; không có khi không gắn với đợt thi đua."`,
		"kind":             `doc:"Loại hình khen thưởng." enum:"proposalKinds"`,
		"year":             `doc:"Năm thành tích."`,
		"title":            `doc:"Trích yếu tờ trình."`,
		"state":            `doc:"Trạng thái." enum:"proposalStates"`,
		"reason":           `doc:"Lý do trả lại gần nhất."`,
		"nominees":         `doc:"Tập thể, cá nhân được đề nghị."`,
		"created_by":       `doc:"Mã tài khoản lập tờ trình."`,
		"submitted_at":     `doc:"Thời điểm gửi gần nhất."`,
		"unit_name":        `doc:"Tên đơn vị đề nghị."`,
		"campaign_name":    `doc:"Tên đợt thi đua."`,
		"to_unit_id":       `doc:"Cấp nhận tờ trình trình lên từ cấp dưới (không có: cấp của chính đơn vị đề nghị)."`,
		"from_proposal_id": `doc:"Tờ trình cấp dưới mà tờ trình này chuyển lên."`,
		"to_unit_name":     `doc:"Tên cấp nhận tờ trình trình lên."`,
	},
	reflect.TypeFor[List[*thidua.Proposal]](): {"": `schema:"ProposalList"`, "items": `doc:"Các tờ trình, mới cập nhật trước."`},
	reflect.TypeFor[kit.ShortlistInput](): {
		"":            `doc:"Lấy danh sách rút gọn của đợt thi đua." input:"true"`,
		"award":       `doc:"Mã hình thức khen thưởng dự kiến của đợt thi đua (ví dụ GK)." required:"true"`,
		"top":         `doc:"Số vị trí đứng đầu trong đơn vị (0: không giới hạn)." minimum:"0"`,
		"min_percent": `doc:"Tỷ lệ điểm tối thiểu (0: không giới hạn)." minimum:"0" maximum:"100"`,
		"version":     `doc:"Phiên bản tờ trình đã đọc." minimum:"1" required:"true"`,
	},
	reflect.TypeFor[thidua.ProposalEvent](): {
		"at":     `doc:"Thời điểm."`,
		"actor":  `doc:"Người thực hiện."`,
		"action": `doc:"Bước: create, submit, receive, appraise, to_council, return, decide."`,
		"from":   `doc:"Trạng thái trước."`,
		"to":     `doc:"Trạng thái sau."`,
		"note":   `doc:"Ghi chú (lý do trả lại, số quyết định)."`,
	},
	reflect.TypeFor[Items[thidua.ProposalEvent]](): {"": `schema:"ProposalEventList"`, "items": `doc:"Các bước, cũ trước."`},
	reflect.TypeFor[thidua.CouncilMember](): {
		"user_id": `doc:"Mã tài khoản thành viên." minimum:"1"`,
		"role":    `doc:"Vai trò trong Hội đồng; thư ký không biểu quyết." enum:"councilRoles"`,
		"name":    `doc:"Họ tên (chỉ khi đọc)." readOnly:"true"`,
	},
	reflect.TypeFor[thidua.Council](): {
		"id":                `doc:"Mã Hội đồng."`,
		"unit_id":           `doc:"Mã cơ quan."`,
		"name":              `doc:"Tên Hội đồng."`,
		"from":              `doc:"Hiệu lực từ ngày."`,
		"to":                `doc:"Hiệu lực đến ngày."`,
		"members":           `doc:"Thành viên, Chủ tịch trước."`,
		"min_present":       `doc:"Tỷ lệ có mặt tối thiểu của phiên họp." minimum:"0" maximum:"1"`,
		"min_present_award": `doc:"Tỷ lệ có mặt tối thiểu khi xét khen thưởng (R-HD-02)." minimum:"0" maximum:"1"`,
		"unit_name":         `doc:"Tên cơ quan."`,
	},
	reflect.TypeFor[Items[*thidua.Council]](): {"": `schema:"CouncilList"`, "items": `doc:"Các Hội đồng, mới nhất trước."`},
	reflect.TypeFor[thidua.Meeting](): {
		"id":         `doc:"Mã phiên họp."`,
		"council_id": `doc:"Mã Hội đồng."`,
		"title":      `doc:"Tên phiên họp."`,
		"date":       `doc:"Ngày họp."`,
		"place":      `doc:"Địa điểm."`,
		"state":      `doc:"OPEN: đang bỏ phiếu; COUNTING: đã kết thúc bỏ phiếu, chờ giải mã; CLOSED: đã có kết quả." enum:"meetingStates"`,
		"ballots":    `doc:"Số phiếu đã bỏ." minimum:"0"`,
		"threshold":  `doc:"Số thành viên giữ khóa tối thiểu để giải mã tổng phiếu."`,
		"trustees":   `doc:"Thành viên giữ khóa."`,
		"partials":   `doc:"Số phần giải mã đã nhận." minimum:"0"`,
		"agenda":     `doc:"Mã các đối tượng đề nghị trong chương trình."`,
		"present":    `doc:"Mã tài khoản thành viên có mặt."`,
		"closed_at":  `doc:"Thời điểm kết thúc biểu quyết."`,
	},
	reflect.TypeFor[Items[*thidua.Meeting]](): {"": `schema:"MeetingList"`, "items": `doc:"Các phiên họp, mới nhất trước."`},
	reflect.TypeFor[thidua.Trustee](): {
		"share_taken": `doc:"Đã tải phần khóa."`,
	},
	reflect.TypeFor[ballot.Trustee](): {
		"":        `schema:"RecordTrustee" doc:"Thành viên giữ khóa trong hòm phiếu điện tử."`,
		"index":   `doc:"Số thứ tự i của phần khóa." minimum:"1"`,
		"user_id": `doc:"Mã tài khoản."`,
		"name":    `doc:"Họ tên."`,
		"role":    `doc:"Vai trò trong Hội đồng."`,
	},
	reflect.TypeFor[ballot.Share](): {
		"":           `doc:"Phần khóa sᵢ = f(i) của một thành viên giữ khóa: giữ riêng, không gửi lại máy chủ."`,
		"version":    `doc:"Định dạng (thidua-ballot-v1)."`,
		"meeting_id": `doc:"Mã phiên họp."`,
		"trustee":    `doc:"Số thứ tự i." minimum:"1"`,
		"share":      `doc:"Phần khóa (số vô hướng)."`,
		"public_key": `doc:"Khóa công khai của phiên họp."`,
	},
	reflect.TypeFor[ballot.Key](): {
		"":                  `doc:"Khóa đã công bố của phiên họp (Feldman)."`,
		"meeting_id":        `doc:"Mã phiên họp."`,
		"threshold":         `doc:"Số phần giải mã cần (t)." minimum:"1"`,
		"public_key":        `doc:"Khóa công khai h = g^x."`,
		"commitments":       `doc:"Cam kết Feldman g^aⱼ của đa thức chia khóa; phần tử đầu là khóa công khai."`,
		"verification_keys": `doc:"Khóa kiểm tra gᵢ = g^sᵢ của từng thành viên giữ khóa, theo số thứ tự."`,
	},
	reflect.TypeFor[ballot.Record](): {
		"":         `doc:"Hòm phiếu điện tử: đủ để kiểm tra kết quả ngoại tuyến, không có gì giải mã được một phiếu."`,
		"version":  `doc:"Định dạng (thidua-ballot-v1)."`,
		"key":      `doc:"Khóa đã công bố."`,
		"nominees": `doc:"Mã đối tượng theo thứ tự chương trình (thứ tự các lựa chọn trong phiếu)."`,
		"trustees": `doc:"Thành viên giữ khóa."`,
		"ballots":  `doc:"Các phiếu, theo mã băm."`,
		"sums":     `doc:"Tổng mã hóa theo đối tượng."`,
		"partials": `doc:"Các phần giải mã đã nhận."`,
		"result":   `doc:"Số phiếu đồng ý theo đối tượng, sau khi giải mã."`,
	},
	reflect.TypeFor[ballot.RecordBallot](): {
		"hash": `doc:"Mã băm của phiếu (mã phiếu của người bỏ)."`,
	},
	reflect.TypeFor[ballot.Ballot](): {
		"choices": `doc:"Lựa chọn đã mã hóa theo thứ tự đối tượng."`,
	},
	reflect.TypeFor[ballot.Choice](): {
		"proof": `doc:"Chứng minh m là 0 hoặc 1."`,
	},
	reflect.TypeFor[ballot.Ciphertext](): {
		"a": `doc:"A = g^r (của một tổng: tích các A)."`,
		"b": `doc:"B = g^m·h^r, m = 1 đồng ý, 0 không đồng ý (của một tổng: tích các B)."`,
	},
	reflect.TypeFor[ballot.ZeroOneProof](): {
		"c0": `doc:"Thách thức của nhánh 0."`,
		"c1": `doc:"Thách thức của nhánh 1."`,
		"z0": `doc:"Phản hồi của nhánh 0."`,
		"z1": `doc:"Phản hồi của nhánh 1."`,
	},
	reflect.TypeFor[ballot.Partial](): {
		"":           `doc:"Phần giải mã tổng phiếu của một thành viên giữ khóa." input:"true"`,
		"version":    `doc:"Định dạng (thidua-ballot-v1)." required:"true"`,
		"meeting_id": `doc:"Mã phiên họp." required:"true"`,
		"trustee":    `doc:"Số thứ tự i của thành viên giữ khóa." minimum:"1" required:"true"`,
		"shares":     `doc:"Một phần giải mã cho mỗi tổng, theo thứ tự đối tượng." required:"true"`,
	},
	reflect.TypeFor[ballot.DecryptionShare](): {
		"d": `doc:"Dᵢ = A^sᵢ."`,
		"c": `doc:"Thách thức Chaum–Pedersen."`,
		"z": `doc:"Phản hồi Chaum–Pedersen."`,
	},
	reflect.TypeFor[thidua.TallyRow](): {
		"nominee_id": `doc:"Mã đối tượng."`,
		"agree":      `doc:"Số phiếu đồng ý." minimum:"0"`,
		"disagree":   `doc:"Số phiếu không đồng ý." minimum:"0"`,
		"members":    `doc:"Tổng số thành viên biểu quyết của Hội đồng (mẫu số)." minimum:"0"`,
		"share":      `doc:"Tỷ lệ đồng ý trên tổng số thành viên." minimum:"0" maximum:"1"`,
		"threshold":  `doc:"Ngưỡng của danh hiệu, hình thức (0,5: quá bán)." minimum:"0" maximum:"1"`,
		"passed":     `doc:"Đạt."`,
	},
	reflect.TypeFor[Items[thidua.TallyRow]](): {"": `schema:"TallyList"`, "items": `doc:"Kết quả theo thứ tự chương trình."`},
	reflect.TypeFor[thidua.Signer](): {
		"authority": `doc:"Thẩm quyền ký (R-VB-06)." enum:"signerAuthorities"`,
		"on_behalf": `doc:"Ký thay, thay mặt cho (ví dụ CHÁNH VĂN PHÒNG)."`,
		"post":      `doc:"Chức vụ người ký."`,
		"name":      `doc:"Họ tên người ký."`,
	},
	reflect.TypeFor[thidua.Recipient](): {
		"nominee_id": `doc:"Mã đối tượng đề nghị."`,
		"subject":    `doc:"PERSON: cá nhân; UNIT: tập thể." enum:"subjectCodes"`,
		"subject_id": `doc:"Mã cá nhân hoặc đơn vị."`,
		"name":       `doc:"Họ tên hoặc tên tập thể."`,
		"unit_name":  `doc:"Đơn vị."`,
		"position":   `doc:"Chức vụ của cá nhân."`,
		"award":      `doc:"Mã danh hiệu thi đua hoặc hình thức khen thưởng (ví dụ CSTDCS, GK, BKCT)." enum:"nomineeAwards"`,
		"award_type": `doc:"Loại hình khen thưởng." enum:"awardTypes"`,
		"money_vnd":  `doc:"Tiền thưởng (đồng)." minimum:"0"`,
		"basis":      `doc:"Thành tích được khen (R-GEN-02)."`,
	},
	reflect.TypeFor[thidua.Decision](): {
		"id":         `doc:"Mã quyết định."`,
		"unit_id":    `doc:"Mã cơ quan ban hành."`,
		"issuer":     `doc:"Ký hiệu cơ quan ban hành (ví dụ VPUBND)."`,
		"year":       `doc:"Năm của sổ đăng ký số."`,
		"number":     `doc:"Số quyết định (cấp khi ban hành); không có ở dự thảo." minimum:"1"`,
		"place":      `doc:"Địa danh."`,
		"date":       `doc:"Ngày ký."`,
		"title":      `doc:"Trích yếu."`,
		"authority":  `doc:"Thẩm quyền ban hành."`,
		"bases":      `doc:"Căn cứ (R-VB-07)."`,
		"articles":   `doc:"Các điều."`,
		"recipients": `doc:"Danh sách khen thưởng."`,
		"cc":         `doc:"Nơi nhận."`,
		"meeting_id": `doc:"Mã phiên họp Hội đồng."`,
		"state":      `doc:"Trạng thái." enum:"decisionStates"`,
		"public":     `doc:"Công bố trên trang vinh danh."`,
		"issued_at":  `doc:"Thời điểm ban hành."`,
		"unit_name":  `doc:"Tên cơ quan ban hành."`,
	},
	reflect.TypeFor[List[*thidua.Decision]](): {"": `schema:"DecisionList"`, "items": `doc:"Các quyết định."`},
}
