package api

import (
	"net/http"
	"reflect"

	"thidua"
	"thidua/ladder"
	"thidua/web/kit"
)

// The ladder of authorities: who decides each award (rules data with its
// citation), a proposal's place on the ladder, forwarding it up a level in
// one action, and each level's decision settings.

func (s *Handler) ladderService() (ladder.Service, error) {
	if s.Cfg.Ladder == nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Chức năng trình cấp trên chưa được bật.")
	}
	return s.Cfg.Ladder, nil
}

// ListAuthorities lists who decides each award on a date (today by default).
func (s *Handler) ListAuthorities(w http.ResponseWriter, r *http.Request) error {
	d := thidua.DateOf(s.Now())
	if q := r.URL.Query().Get("date"); q != "" {
		parsed, err := thidua.ParseDate(q)
		if err != nil {
			return kit.FieldErr("date", "Ngày không hợp lệ; viết dd/mm/yyyy hoặc yyyy-mm-dd.")
		}
		d = parsed
	}
	province := s.Cfg.Province
	if province == "" {
		province = "default"
	}
	if l, err := s.ladderService(); err == nil {
		if p, ok := l.(interface{ Province() string }); ok {
			province = p.Province()
		}
	}
	kit.WriteJSON(w, http.StatusOK, newItems(ladder.Authorities(province, d)))
	return nil
}

// GetProposalLadder answers a proposal's place on the ladder.
func (s *Handler) GetProposalLadder(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	v, err := kit.FindByID(r, l.View)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, v)
	return nil
}

// ForwardInput forwards a proposal up a level.
type ForwardInput struct {
	_       struct{} `doc:"Trình cấp trên." input:"true"`
	Title   string   `json:"title" doc:"Trích yếu tờ trình lên cấp trên; bỏ trống: máy chủ đặt theo hình thức và người có thẩm quyền." maxLength:"500"`
	Version int      `json:"version" doc:"Phiên bản tờ trình cấp dưới đã đọc." minimum:"1" required:"true"`
}

// ForwardProposal makes the agency's proposal to the level above.
func (s *Handler) ForwardProposal(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in ForwardInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := l.ForwardProposal(r.Context(), id, in.Version, in.Title)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/proposals/"+kit.IdStr(p.ID))
	kit.WriteJSON(w, http.StatusCreated, proposalOut(p))
	return nil
}

// GetOffice answers a level's decision settings.
func (s *Handler) GetOffice(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	o, err := kit.FindByID(r, l.FindOffice)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, o)
	return nil
}

// OfficeInput sets a level's decision settings.
type OfficeInput struct {
	_         struct{}      `doc:"Sổ quyết định và người ký của một cấp." input:"true"`
	Issuer    string        `json:"issuer" doc:"Ký hiệu cơ quan trong số quyết định, ví dụ UBND trong 120/QĐ-UBND." required:"true" maxLength:"32"`
	Authority string        `json:"authority" doc:"Thẩm quyền ban hành ghi trên quyết định, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH." required:"true" maxLength:"255"`
	Signer    thidua.Signer `json:"signer" doc:"Khối chữ ký." required:"true"`
	Version   int           `json:"version" doc:"Phiên bản đã đọc (0 khi chưa lưu lần nào)." minimum:"0" required:"true"`
}

// SetOffice stores a level's decision settings.
func (s *Handler) SetOffice(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ladderService()
	if err != nil {
		return err
	}
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var in OfficeInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	o := &ladder.Office{UnitID: id, Issuer: in.Issuer, Authority: in.Authority, Signer: in.Signer, Version: in.Version}
	if err := l.SetOffice(r.Context(), o); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, o)
	return nil
}

// ladderOps documents the ladder's operations.
var ladderOps = map[string]apiOp{
	"GET /api/v1/authorities": {ID: "listAuthorities", Tag: oaTagProposals, Summary: "Thẩm quyền quyết định khen thưởng",
		Desc: "Cấp quyết định từng danh hiệu, hình thức (cơ quan, cấp tỉnh, trung ương) và người ký, theo hồ sơ quy định của tỉnh " +
			"và quy định có hiệu lực vào ngày `date` (mặc định hôm nay), kèm căn cứ và độ tin cậy (C, X: cần kiểm tra).",
		Params: []string{"authority_date"}, Status: http.StatusOK, Result: Items[ladder.Authority]{}, Errors: []int{422}},
	"GET /api/v1/proposals/{id}/ladder": {ID: "getProposalLadder", Tag: oaTagProposals, Summary: "Vị trí của tờ trình trên các cấp",
		Desc: "Cấp nhận tờ trình và cấp trên, chuỗi tờ trình qua các cấp (chỉ những tờ trình người gọi được xem), người quyết định từng đối tượng, " +
			"thời hạn thẩm định theo hồ sơ quy định của tỉnh, những gì được chuyển lên từ cấp dưới.", Status: http.StatusOK, Result: ladder.View{}, Errors: []int{404}},
	"POST /api/v1/proposals/{id}/forward": {ID: "forwardProposal", Tag: oaTagProposals, Summary: "Trình cấp trên",
		Desc: "Một thao tác của cán bộ thi đua cấp nhận tờ trình, sau khi Hội đồng biểu quyết: lập tờ trình của cơ quan gửi cấp trên cho các đối tượng " +
			"được Hội đồng thông qua với hình thức do cấp trên quyết định, kèm báo cáo thành tích, kết quả xét điều kiện, biên bản và kết quả biểu quyết, " +
			"hồ sơ, và gửi ngay (máy chủ xét điều kiện lại như khi gửi). Không có đối tượng nào: 422; đã trình: 409." + oaLockNote,
		Body: ForwardInput{}, Status: http.StatusCreated, Result: thidua.Proposal{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/units/{id}/office": {ID: "getOffice", Tag: oaTagDecisions, Summary: "Sổ quyết định và người ký của một cấp",
		Desc:   "Ký hiệu sổ quyết định, thẩm quyền ban hành và khối chữ ký của cơ quan hoặc UBND tỉnh (mặc định theo đơn vị khi chưa lưu). Đơn vị không phải một cấp: 422.",
		Status: http.StatusOK, Result: ladder.Office{}, Errors: []int{404, 422}},
	"PUT /api/v1/units/{id}/office": {ID: "setOffice", Tag: oaTagDecisions, Summary: "Lưu sổ quyết định và người ký của một cấp",
		Desc: "Cán bộ thi đua của chính cấp đó." + oaLockNote, Body: OfficeInput{}, Status: http.StatusOK, Result: ladder.Office{}, Errors: []int{404, 409, 422}},
}

var ladderParams = map[string]apiParam{
	"authority_date": {"date", "Ngày xét thẩm quyền; mặc định hôm nay.", thidua.Date{}, ``},
}

var ladderTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[ladder.Authority](): {
		"":               `doc:"Thẩm quyền quyết định một nhóm danh hiệu, hình thức."`,
		"province":       `doc:"Hồ sơ quy định của tỉnh."`,
		"level":          `doc:"Cấp quyết định." enum:"ladderLevels"`,
		"post":           `doc:"Người có thẩm quyền."`,
		"post_note":      `doc:"Giải thích."`,
		"awards":         `doc:"Mã các danh hiệu, hình thức."`,
		"effective_from": `doc:"Hiệu lực từ ngày (yyyy-mm-dd; trống: không giới hạn)."`,
		"effective_to":   `doc:"Hiệu lực đến ngày (yyyy-mm-dd; trống: không giới hạn)."`,
		"rule":           `doc:"Mã quy tắc, ví dụ R-AUTH-01."`,
		"grade":          `doc:"Độ tin cậy của nguồn (A, B, C, X); C, X: cần kiểm tra."`,
		"citation":       `doc:"Căn cứ (Điều, Khoản, văn bản)."`,
	},
	reflect.TypeFor[Items[ladder.Authority]](): {"": `schema:"AuthorityList"`, "items": `doc:"Các thẩm quyền."`},
	reflect.TypeFor[ladder.View](): {
		"":                `schema:"ProposalLadder" doc:"Vị trí của tờ trình trên các cấp."`,
		"proposal_id":     `doc:"Mã tờ trình."`,
		"province":        `doc:"Hồ sơ quy định của tỉnh."`,
		"receiver":        `doc:"Cấp nhận tờ trình."`,
		"above":           `doc:"Cấp trên của cấp nhận (không có ở cấp cao nhất)."`,
		"steps":           `doc:"Chuỗi tờ trình qua các cấp, từ cấp dưới lên; chỉ những tờ trình người gọi được xem."`,
		"nominees":        `doc:"Người quyết định từng đối tượng."`,
		"appraisal_limit": `doc:"Thời hạn thẩm định theo hồ sơ quy định của tỉnh, ví dụ \"không quy định\"."`,
		"received_on":     `doc:"Ngày tiếp nhận."`,
		"appraisal_due":   `doc:"Hạn thẩm định, khi hồ sơ quy định của tỉnh có thời hạn."`,
		"carried":         `doc:"Những gì được chuyển lên từ cấp dưới."`,
		"forwardable":     `doc:"Có thể trình cấp trên ngay (người gọi có quyền)."`,
	},
	reflect.TypeFor[ladder.Place](): {
		"":          `schema:"LadderPlace" doc:"Một cấp của cây đơn vị."`,
		"unit_id":   `doc:"Mã đơn vị."`,
		"unit_name": `doc:"Tên đơn vị."`,
		"kind":      `doc:"Loại đơn vị." enum:"unitKinds"`,
	},
	reflect.TypeFor[ladder.Step](): {
		"":             `schema:"LadderStep" doc:"Một tờ trình của chuỗi."`,
		"proposal_id":  `doc:"Mã tờ trình."`,
		"unit_name":    `doc:"Đơn vị đề nghị."`,
		"to_unit_name": `doc:"Cấp nhận."`,
		"state":        `doc:"Trạng thái." enum:"proposalStates"`,
	},
	reflect.TypeFor[ladder.NomineeAuthority](): {
		"":             `doc:"Người quyết định một đối tượng."`,
		"nominee_id":   `doc:"Mã đối tượng."`,
		"name":         `doc:"Tên."`,
		"award":        `doc:"Mã danh hiệu, hình thức."`,
		"level":        `doc:"Cấp quyết định (trống: quy định chưa nêu)."`,
		"post":         `doc:"Người có thẩm quyền."`,
		"rule":         `doc:"Mã quy tắc."`,
		"citation":     `doc:"Căn cứ."`,
		"grade":        `doc:"Độ tin cậy."`,
		"needs_review": `doc:"Căn cứ có độ tin cậy C hoặc X: cần kiểm tra."`,
		"above":        `doc:"Do cấp trên của cấp nhận quyết định."`,
	},
	reflect.TypeFor[ladder.Carried](): {
		"":                 `schema:"LadderCarried" doc:"Hồ sơ chuyển lên từ cấp dưới (R-HS-01, R-HS-02)."`,
		"from_proposal_id": `doc:"Mã tờ trình cấp dưới."`,
		"from_title":       `doc:"Trích yếu tờ trình cấp dưới."`,
		"from_unit_name":   `doc:"Đơn vị đề nghị ở cấp dưới."`,
		"verdicts":         `doc:"Kết quả xét điều kiện và kết luận thẩm định ở cấp dưới."`,
		"meetings":         `doc:"Biên bản tóm tắt và kết quả biểu quyết của Hội đồng cấp dưới."`,
		"files":            `doc:"Tài liệu hồ sơ (đã sao sang tờ trình cấp trên)."`,
	},
	reflect.TypeFor[ladder.CarriedVerdict](): {
		"":           `doc:"Kết quả xét điều kiện ở cấp dưới."`,
		"subject":    `doc:"PERSON hoặc UNIT."`,
		"subject_id": `doc:"Mã đối tượng."`,
		"name":       `doc:"Tên."`,
		"award":      `doc:"Mã danh hiệu, hình thức."`,
		"verdict":    `doc:"Kết quả."`,
		"appraisal":  `doc:"Kết luận thẩm định."`,
		"detail":     `doc:"Chi tiết kết quả của công cụ xét điều kiện."`,
	},
	reflect.TypeFor[ladder.CarriedMeeting](): {
		"":             `doc:"Phiên họp của Hội đồng cấp dưới."`,
		"council_name": `doc:"Tên Hội đồng."`,
		"title":        `doc:"Tên phiên họp."`,
		"date":         `doc:"Ngày họp."`,
		"members":      `doc:"Số thành viên biểu quyết."`,
		"present":      `doc:"Số thành viên có mặt."`,
		"ballots":      `doc:"Số phiếu."`,
		"tally":        `doc:"Kết quả biểu quyết của các đối tượng chuyển lên."`,
		"names":        `doc:"Tên các đối tượng của kết quả biểu quyết, theo mã đối tượng ở cấp dưới."`,
	},
	reflect.TypeFor[ladder.Office](): {
		"":          `schema:"LevelOffice" doc:"Sổ quyết định và người ký của một cấp."`,
		"unit_id":   `doc:"Mã đơn vị (cơ quan hoặc UBND tỉnh)."`,
		"unit_name": `doc:"Tên đơn vị."`,
		"kind":      `doc:"Loại đơn vị." enum:"unitKinds"`,
		"issuer":    `doc:"Ký hiệu sổ quyết định."`,
		"authority": `doc:"Thẩm quyền ban hành."`,
		"signer":    `doc:"Khối chữ ký."`,
		"stored":    `doc:"false: giá trị mặc định theo đơn vị, chưa lưu."`,
		"version":   `doc:"Phiên bản (0 khi chưa lưu)." minimum:"0"`,
	},
}

func ladderEnums(m map[string][]thidua.Option) { m["ladderLevels"] = ladder.LevelNames }
