package api

import (
	"net/http"
	"reflect"
	"time"

	"thidua"
	"thidua/central"
	"thidua/web/kit"
)

// The part of the API for proposals of awards decided at the centre:
// public comment on the nominees before the proposal goes up, and the
// central decision recorded when it comes back.

// CommentWindow is a proposal's public-comment window.
type CommentWindow struct {
	_          struct{}           `doc:"Thời gian công khai danh sách trên Cổng thông tin để lấy ý kiến nhân dân, với số ý kiến theo trạng thái."`
	ProposalID int64              `json:"proposal_id" doc:"Tờ trình."`
	Starts     thidua.Date        `json:"starts" doc:"Ngày bắt đầu công khai."`
	Ends       thidua.Date        `json:"ends" doc:"Ngày kết thúc (tính cả ngày này); sau ngày này trang công khai tự đóng."`
	Version    int                `json:"version"`
	OpenedBy   string             `json:"opened_by" doc:"Người mở hoặc sửa lần cuối."`
	Nominees   []PublishedNominee `json:"nominees" doc:"Các đối tượng được công khai (danh hiệu, hình thức thuộc diện lấy ý kiến)."`
	Approved   int                `json:"approved" doc:"Số ý kiến đã chấp nhận (được tính trong hồ sơ)." minimum:"0"`
	Pending    int                `json:"pending" doc:"Số ý kiến chờ xem xét." minimum:"0"`
	Rejected   int                `json:"rejected" doc:"Số ý kiến không được chấp nhận." minimum:"0"`
	Summary    string             `json:"summary" doc:"Câu tóm tắt đưa vào hồ sơ: “Đã công khai từ … đến …, nhận được N ý kiến.”"`
	URL        string             `json:"url" doc:"Trang công khai trên Cổng thông tin."`
}

// PublishedNominee is a nominee as the portal shows it.
type PublishedNominee struct {
	_         struct{} `doc:"Đối tượng được công khai với tóm tắt thành tích."`
	NomineeID int64    `json:"nominee_id" doc:"Đối tượng trong tờ trình."`
	Name      string   `json:"name"`
	UnitName  string   `json:"unit_name"`
	Award     string   `json:"award" doc:"Danh hiệu, hình thức đề nghị."`
	Summary   string   `json:"summary" doc:"Tóm tắt thành tích (trích báo cáo thành tích)."`
}

// CommentWindowInput opens or moves a window.
type CommentWindowInput struct {
	_       struct{}    `doc:"Thời gian công khai." input:"true"`
	Starts  thidua.Date `json:"starts" doc:"Ngày bắt đầu." required:"true"`
	Ends    thidua.Date `json:"ends" doc:"Ngày kết thúc, không quá 90 ngày sau ngày bắt đầu, không trước hôm nay." required:"true"`
	Version int         `json:"version" doc:"0 khi mở lần đầu; phiên bản hiện tại khi sửa." minimum:"0" required:"true"`
}

// PublicComment is a citizen's comment as the officer sees it.
type PublicComment struct {
	_           struct{}  `doc:"Ý kiến của người dân về danh sách công khai."`
	ID          int64     `json:"id"`
	ProposalID  int64     `json:"proposal_id"`
	NomineeID   int64     `json:"nominee_id" doc:"Đối tượng được góp ý; 0: ý kiến chung về danh sách."`
	NomineeName string    `json:"nominee_name"`
	Name        string    `json:"name" doc:"Họ và tên người gửi."`
	Contact     string    `json:"contact" doc:"Điện thoại hoặc thư điện tử người gửi."`
	Text        string    `json:"text" doc:"Nội dung ý kiến."`
	State       string    `json:"state" doc:"Trạng thái kiểm duyệt." enum:"commentStates"`
	Note        string    `json:"note" doc:"Ghi chú của cán bộ khi kiểm duyệt."`
	CreatedAt   time.Time `json:"created_at"`
	ModeratedBy string    `json:"moderated_by"`
}

// ModerationInput approves or rejects a comment.
type ModerationInput struct {
	_     struct{} `doc:"Kết quả kiểm duyệt." input:"true"`
	State string   `json:"state" doc:"APPROVED hoặc REJECTED." enum:"moderationStates" required:"true"`
	Note  string   `json:"note" doc:"Ghi chú; bắt buộc khi không chấp nhận." maxLength:"2000"`
}

// CentralDecision is a central decision recorded on a proposal.
type CentralDecision struct {
	_          struct{}           `doc:"Quyết định khen thưởng của Thủ tướng Chính phủ hoặc Chủ tịch nước đối với tờ trình của tỉnh."`
	ID         int64              `json:"id"`
	ProposalID int64              `json:"proposal_id"`
	Number     string             `json:"number" doc:"Số, ký hiệu, ví dụ 1234/QĐ-TTg."`
	Date       thidua.Date        `json:"date" doc:"Ngày ký."`
	Authority  string             `json:"authority" doc:"Cấp quyết định." enum:"centralAuthorities"`
	Recipients []CentralRecipient `json:"recipients" doc:"Tập thể, cá nhân được khen thưởng."`
	CreatedBy  string             `json:"created_by" doc:"Người ghi nhận."`
}

// CentralRecipient is one nominee a central decision awards.
type CentralRecipient struct {
	_         struct{} `doc:"Đối tượng được khen thưởng theo quyết định của Trung ương."`
	NomineeID int64    `json:"nominee_id"`
	Subject   string   `json:"subject" doc:"PERSON hoặc UNIT."`
	SubjectID int64    `json:"subject_id"`
	Name      string   `json:"name"`
	UnitName  string   `json:"unit_name"`
	Award     string   `json:"award"`
}

// CentralDecisionInput records a central decision.
type CentralDecisionInput struct {
	_          struct{}    `doc:"Quyết định của Trung ương khi được gửi về." input:"true"`
	Number     string      `json:"number" doc:"Số, ký hiệu, ví dụ 1234/QĐ-TTg." minLength:"1" maxLength:"60" required:"true"`
	Date       thidua.Date `json:"date" doc:"Ngày ký, không sau hôm nay." required:"true"`
	Authority  string      `json:"authority" doc:"Cấp quyết định." enum:"centralAuthorities" required:"true"`
	NomineeIDs []int64     `json:"nominee_ids" doc:"Các đối tượng của tờ trình được khen thưởng (tất cả hoặc một phần)." minItems:"1" required:"true"`
}

func (s *Handler) central() (central.Service, error) {
	if s.Cfg.Central == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chức năng khen thưởng cấp Trung ương chưa được bật.")
	}
	return s.Cfg.Central, nil
}

func windowOut(w *central.Window) CommentWindow {
	out := CommentWindow{ProposalID: w.ProposalID, Starts: w.Starts, Ends: w.Ends, Version: w.Version, OpenedBy: w.OpenedBy,
		Nominees: []PublishedNominee{}, Approved: w.Approved, Pending: w.Pending, Rejected: w.Rejected, Summary: w.Summary(),
		URL: "/y-kien/" + kit.IdStr(w.ProposalID)}
	for _, n := range w.Nominees {
		out.Nominees = append(out.Nominees, PublishedNominee{NomineeID: n.NomineeID, Name: n.Name, UnitName: n.UnitName, Award: n.Award, Summary: n.Summary})
	}
	return out
}

// GetCommentWindow returns a proposal's public-comment window.
func (s *Handler) GetCommentWindow(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	win, err := kit.FindByID(r, svc.FindWindow)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, windowOut(win))
	return nil
}

// SetCommentWindow opens or moves a proposal's window.
func (s *Handler) SetCommentWindow(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in CommentWindowInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	win := &central.Window{ProposalID: id, Starts: in.Starts, Ends: in.Ends, Version: in.Version}
	if err := svc.SetWindow(r.Context(), win); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, windowOut(win))
	return nil
}

func commentOut(c *central.Comment) PublicComment {
	return PublicComment{ID: c.ID, ProposalID: c.ProposalID, NomineeID: c.NomineeID, NomineeName: c.NomineeName, Name: c.Name,
		Contact: c.Contact, Text: c.Text, State: c.State, Note: c.Note, CreatedAt: c.CreatedAt, ModeratedBy: c.ModeratedBy}
}

// ListPublicComments lists a proposal's comments, newest first.
func (s *Handler) ListPublicComments(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	limit, offset, err := listParams(r, 100, 500)
	if err != nil {
		return err
	}
	state := r.URL.Query().Get("state")
	if state != "" && !kit.ValidCode(central.CommentStates, state) {
		return kit.FieldErr("state", "state phải là một trong: "+kit.CodeList(central.CommentStates)+".")
	}
	cs, total, err := svc.FindComments(r.Context(), central.CommentFilter{ProposalID: id, State: state, Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := make([]PublicComment, len(cs))
	for i, c := range cs {
		out[i] = commentOut(c)
	}
	kit.WriteJSON(w, http.StatusOK, newList(out, total, limit, offset))
	return nil
}

// ModerateComment approves or rejects a comment.
func (s *Handler) ModerateComment(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ModerationInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := svc.ModerateComment(r.Context(), id, in.State, in.Note)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, commentOut(c))
	return nil
}

func centralDecisionOut(d *central.Decision) CentralDecision {
	out := CentralDecision{ID: d.ID, ProposalID: d.ProposalID, Number: d.Number, Date: d.Date, Authority: d.Authority,
		Recipients: []CentralRecipient{}, CreatedBy: d.CreatedBy}
	for _, r := range d.Recipients {
		out.Recipients = append(out.Recipients, CentralRecipient{NomineeID: r.NomineeID, Subject: r.Subject, SubjectID: r.SubjectID,
			Name: r.Name, UnitName: r.UnitName, Award: r.Award})
	}
	return out
}

// ListCentralDecisions lists a proposal's central decisions.
func (s *Handler) ListCentralDecisions(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	ds, err := kit.FindByID(r, svc.FindDecisions)
	if err != nil {
		return err
	}
	out := make([]CentralDecision, len(ds))
	for i, d := range ds {
		out[i] = centralDecisionOut(d)
	}
	kit.WriteJSON(w, http.StatusOK, newItems(out))
	return nil
}

// RecordCentralDecision records a central decision on a proposal.
func (s *Handler) RecordCentralDecision(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.central()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in CentralDecisionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	d := &central.Decision{ProposalID: id, Number: in.Number, Date: in.Date, Authority: in.Authority, NomineeIDs: in.NomineeIDs}
	if err := svc.RecordDecision(r.Context(), d); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusCreated, centralDecisionOut(d))
	return nil
}

// centralOps documents this part's operations.
var centralOps = map[string]apiOp{
	"GET /api/v1/proposals/{id}/public-comment": {ID: "getCommentWindow", Tag: oaTagProposals, Summary: "Thời gian công khai lấy ý kiến của tờ trình",
		Desc:   "Danh sách công khai, số ý kiến theo trạng thái và câu tóm tắt đưa vào hồ sơ. 404 khi chưa công khai.",
		Status: http.StatusOK, Result: CommentWindow{}, Errors: []int{404}},
	"PUT /api/v1/proposals/{id}/public-comment": {ID: "setCommentWindow", Tag: oaTagProposals, Summary: "Công khai danh sách lấy ý kiến",
		Desc: "Mở hoặc dời thời gian công khai các đối tượng đề nghị Chiến sĩ thi đua toàn quốc, Huân chương, Anh hùng (danh mục theo quy định của tỉnh, " +
			"độ tin cậy C: cần xem xét). Trang công khai tự đóng sau ngày kết thúc." + oaLockNote,
		Body: CommentWindowInput{}, Status: http.StatusOK, Result: CommentWindow{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/proposals/{id}/public-comments": {ID: "listPublicComments", Tag: oaTagProposals, Summary: "Ý kiến nhân dân về danh sách công khai",
		Desc: "Mới nhất trước; có thể lọc theo trạng thái kiểm duyệt.", PathParams: []string{"comment_state", "comment_limit", "offset"},
		Status: http.StatusOK, Result: List[PublicComment]{}, Errors: []int{404, 422}},
	"POST /api/v1/public-comments/{id}/moderation": {ID: "moderatePublicComment", Tag: oaTagProposals, Summary: "Kiểm duyệt một ý kiến",
		Desc: "Chấp nhận (được tính trong hồ sơ) hoặc không chấp nhận (cần ghi chú lý do).",
		Body: ModerationInput{}, Status: http.StatusOK, Result: PublicComment{}, Errors: []int{404, 422}},
	"GET /api/v1/proposals/{id}/central-decisions": {ID: "listCentralDecisions", Tag: oaTagDecisions, Summary: "Quyết định của Trung ương đối với tờ trình",
		Status: http.StatusOK, Result: Items[CentralDecision]{}, Errors: []int{404}},
	"POST /api/v1/proposals/{id}/central-decisions": {ID: "recordCentralDecision", Tag: oaTagDecisions, Summary: "Ghi nhận quyết định của Trung ương",
		Desc: "Số, ngày, cấp quyết định (Thủ tướng Chính phủ, Chủ tịch nước; R-AUTH-05) và các đối tượng được khen; " +
			"danh hiệu, hình thức được ghi vào lịch sử khen thưởng của từng người, từng tập thể. Tờ trình chuyển sang “Đã quyết định” khi mọi đối tượng cấp Trung ương đã có quyết định.",
		Body: CentralDecisionInput{}, Status: http.StatusCreated, Result: CentralDecision{}, Errors: []int{404, 422}},
	"GET /api/v1/proposals/{id}/central-dossier": {ID: "getCentralDossier", Tag: oaTagProposals, Summary: "Hồ sơ trình Bộ Nội vụ (ZIP)",
		Desc: "Một tệp ZIP truyền dần từng tệp: tờ trình (PDF), biên bản họp và biên bản kiểm phiếu của Hội đồng, danh sách đề nghị (XLSX), " +
			"báo cáo thành tích, các tệp hồ sơ đã lưu, tóm tắt công khai lấy ý kiến, và cuối cùng manifest.json (tên, loại, dung lượng, SHA-256 của từng tệp " +
			"cùng thông tin tờ trình). Ai không xem được tờ trình nhận 404.",
		Status: http.StatusOK, Media: "application/zip", Errors: []int{404}},
}

var centralParams = map[string]apiParam{
	"comment_state": {"state", "Chỉ các ý kiến ở trạng thái này.", "", `enum:"commentStates"`},
	"comment_limit": {"limit", "Số ý kiến tối đa trả về, từ 1 đến 500 (mặc định 100).", 0, `minimum:"1" maximum:"500" default:"100"`},
}

var centralTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[List[PublicComment]]():    {"": `schema:"PublicCommentList"`, "items": `doc:"Các ý kiến, mới nhất trước."`},
	reflect.TypeFor[Items[CentralDecision]](): {"": `schema:"CentralDecisionItems"`, "items": `doc:"Các quyết định, theo thứ tự ghi nhận."`},
}

func centralEnums(m map[string][]thidua.Option) {
	m["commentStates"] = central.CommentStates
	m["moderationStates"] = central.CommentStates[1:]
	m["centralAuthorities"] = central.Authorities()
}
