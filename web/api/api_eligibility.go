package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// The eligibility part of the JSON API: the self-contained evaluation
// contract of the rules engine (POST /eligibility/evaluate), the verdicts
// for stored people and units, the forecast, and the stored award
// histories the engine reads.

// badRequest answers err like Error, except that a validation error is a
// 400 problem (same code "invalid", same errors by JSON path) instead of
// 422. The self-contained evaluation contract answers malformed histories
// and unknown codes with 400, as its specification says.
func (s *Handler) badRequest(w http.ResponseWriter, r *http.Request, err error) {
	if thidua.ErrorCode(err) != thidua.EINVALID {
		s.Error(w, r, err)
		return
	}
	p := kit.Problem{Type: "about:blank", Title: kit.StatusTitle[http.StatusBadRequest], Status: http.StatusBadRequest,
		Detail: thidua.ErrorMessage(err), Code: thidua.EINVALID, Errors: thidua.ErrorFields(err)}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(p)
}

// Evaluate evaluates a self-contained subject history: no stored
// record is read.
func (s *Handler) Evaluate(w http.ResponseWriter, r *http.Request) error {
	v, err := s.Eligibility.EvaluateRequest(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		s.badRequest(w, r, err)
		return nil
	}
	kit.WriteJSON(w, http.StatusOK, v)
	return nil
}

// EligibilitySubject names the stored person or unit that was evaluated.
type EligibilitySubject struct {
	// Kind is "individual" for a person, "collective" for a unit.
	Kind   string `json:"kind" doc:"Loại chủ thể." enum:"subjectKinds"`
	ID     int64  `json:"id" doc:"Mã cá nhân hoặc đơn vị."`
	Name   string `json:"name" doc:"Họ tên hoặc tên đơn vị."`
	UnitID int64  `json:"unit_id" doc:"Mã đơn vị (của cá nhân, hoặc chính đơn vị)."`
	// HistoryVersion is the version of the stored history (0: none yet).
	HistoryVersion int `json:"history_version" doc:"Phiên bản lịch sử đã lưu (0: chưa có)." minimum:"0"`
	// Members is the number of people of a unit's subtree evaluated as
	// its members; absent for a person.
	Members int `json:"members,omitempty" doc:"Số thành viên đã xét (chỉ tập thể)." minimum:"0"`
}

// Eligibility is the answer of GET /people/{id}/eligibility and
// /units/{id}/eligibility: the verdict for every award of the subject's kind.
type Eligibility struct {
	Subject  EligibilitySubject `json:"subject"`
	Year     int                `json:"year" doc:"Năm." minimum:"1945" maximum:"2200"`
	AsOf     thidua.Date        `json:"as_of" doc:"Ngày xét."`
	Province string             `json:"province" doc:"Hồ sơ quy định của tỉnh."`
	Verdicts []rules.Verdict    `json:"verdicts" doc:"Kết luận cho từng danh hiệu, hình thức dành cho loại chủ thể."`
	// Refreshing: a unit's member summaries are being computed in the
	// background; no verdicts until then.
	Refreshing bool `json:"refreshing,omitempty" doc:"Số liệu thành viên của đơn vị đang được tính lại: chưa có kết luận; hỏi lại sau thời gian ở tiêu đề Retry-After."`
}

// eligibilityQuery reads ?year= (default: last year) and ?as_of= (default:
// today) strictly: a malformed value is a 422 naming the parameter.
func (s *Handler) eligibilityQuery(r *http.Request, v *thidua.Validation) (int, thidua.Date) {
	today := thidua.DateOf(s.Now())
	year, asOf := today.Year()-1, today
	q := r.URL.Query()
	if str := q.Get("year"); str != "" {
		y, err := strconv.Atoi(str)
		if err != nil || y < 1945 || y > 2200 {
			v.Add("year", "year phải là năm từ 1945 đến 2200, ví dụ 2025.")
		} else {
			year = y
		}
	}
	if str := q.Get("as_of"); str != "" {
		d, err := thidua.ParseDate(str)
		if err != nil || d.IsZero() {
			v.Add("as_of", "as_of phải là một ngày có thật, dạng yyyy-mm-dd hoặc dd/mm/yyyy.")
		} else {
			asOf = d
		}
	}
	return year, asOf
}

// historySubjectOfAPI returns the subject kind of an API path.
func historySubjectOfAPI(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/api/v1/units/") {
		return thidua.SubjectUnit
	}
	return thidua.SubjectPerson
}

func (s *Handler) SubjectEligibility(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var v thidua.Validation
	year, asOf := s.eligibilityQuery(r, &v)
	if err := v.Err(); err != nil {
		return err
	}
	h, err := s.Store.FindHistory(r.Context(), historySubjectOfAPI(r), id)
	if err != nil {
		return err
	}
	sub := rules.SubjectOf(h, asOf)
	subject := EligibilitySubject{Kind: sub.Kind, ID: h.SubjectID, Name: h.Name, UnitID: h.UnitID, HistoryVersion: h.Version}
	var vs []rules.Verdict
	if h.Subject == thidua.SubjectUnit {
		// From the stored member summaries of its subtree, as the unit's
		// history page: not every member's history read again.
		var refreshing bool
		vs, subject.Members, refreshing, err = s.Store.UnitVerdicts(r.Context(), s.Eligibility, h, year, asOf)
		if err == nil && refreshing {
			w.Header().Set("Retry-After", "30")
			kit.WriteJSON(w, http.StatusOK, Eligibility{Subject: subject, Year: year, AsOf: asOf, Province: s.Eligibility.Province(),
				Verdicts: []rules.Verdict{}, Refreshing: true})
			return nil
		}
	} else {
		vs, err = s.Eligibility.EvaluateAll(sub, year, asOf)
	}
	if err != nil {
		return err
	}
	out := Eligibility{Subject: subject, Year: year, AsOf: asOf, Province: s.Eligibility.Province(), Verdicts: vs}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// Forecast is the answer of GET /eligibility/forecast.
type Forecast struct {
	UnitID  int64                `json:"unit_id" doc:"Đơn vị (0: mọi đơn vị trong phạm vi)."`
	Subject string               `json:"subject" doc:"Cá nhân hay tập thể." enum:"subjects"`
	Year    int                  `json:"year" doc:"Năm." minimum:"1945" maximum:"2200"`
	AsOf    thidua.Date          `json:"as_of" doc:"Ngày xét các thủ tục đang xem xét."`
	Items   []rules.ForecastItem `json:"items" doc:"Một trang các dự báo, theo thứ tự cá nhân (đơn vị) như danh sách."`
	Total   int                  `json:"total" doc:"Số dự báo khớp bộ lọc, không phụ thuộc limit và offset." minimum:"0"`
	Limit   int                  `json:"limit" doc:"Giá trị limit đã dùng." minimum:"1"`
	Offset  int                  `json:"offset" doc:"Giá trị offset đã dùng." minimum:"0"`
}

// forecastSubjects are the subject kinds a forecast lists.
var forecastSubjects = []thidua.Option{
	{Code: thidua.SubjectPerson, Label: "Cá nhân"},
	{Code: thidua.SubjectUnit, Label: "Tập thể (đơn vị)"},
}

func (s *Handler) Forecast(w http.ResponseWriter, r *http.Request) error {
	var v thidua.Validation
	year, asOf := s.eligibilityQuery(r, &v)
	unitID := queryInt(r, "unit_id", &v)
	subject := r.URL.Query().Get("subject")
	if subject == "" {
		subject = thidua.SubjectPerson
	} else if !kit.ValidCode(forecastSubjects, subject) {
		v.Add("subject", "subject phải là một trong: "+kit.CodeList(forecastSubjects)+".")
	}
	limit, offset, err := listParams(r, 100, 500)
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	if unitID != 0 {
		// An unknown unit, or one outside the caller's scope, is a 404
		// rather than an empty list.
		if _, err := s.Store.FindUnitByID(r.Context(), unitID); err != nil {
			return err
		}
	}
	page, err := s.Store.Forecast(r.Context(), s.Eligibility, rules.ForecastFilter{Year: year, AsOf: asOf, Subject: subject, UnitID: unitID, Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, Forecast{UnitID: unitID, Subject: subject, Year: year, AsOf: asOf, Items: page.Items, Total: page.Total, Limit: limit, Offset: offset})
	return nil
}

// ---- stored histories

func (s *Handler) GetHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	h, err := s.Store.FindHistory(r.Context(), historySubjectOfAPI(r), id)
	if err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, h)
	return nil
}

// HistoryInput is the body of PUT /people/{id}/history and
// /units/{id}/history: the whole history document (the lists of
// thidua.History, each replaced as sent; a list left out is emptied) and
// the version read.
type HistoryInput struct {
	_              struct{}                   `doc:"Toàn bộ lịch sử: mỗi danh sách thay danh sách đã lưu; danh sách không gửi bị làm rỗng." input:"true"`
	Version        int                        `json:"version" doc:"Phiên bản đã đọc (0 khi chưa có lịch sử)." minimum:"0" required:"true"`
	Ratings        []thidua.Rating            `json:"ratings" doc:"Xếp loại, mỗi năm một."`
	Titles         []thidua.TitleRecord       `json:"titles" doc:"Danh hiệu; mỗi danh hiệu một lần mỗi năm."`
	Awards         []thidua.Award             `json:"awards" doc:"Hình thức khen thưởng."`
	Initiatives    []thidua.Initiative        `json:"initiatives" doc:"Sáng kiến, đề tài."`
	Disciplines    []thidua.Discipline        `json:"disciplines" doc:"Kỷ luật."`
	Proceedings    []thidua.PendingProceeding `json:"proceedings" doc:"Thủ tục đang xem xét."`
	MaternityLeave []thidua.Period            `json:"maternity_leave" doc:"Nghỉ thai sản."`
	Leadership     []thidua.LeadershipPost    `json:"leadership" doc:"Chức vụ lãnh đạo, quản lý."`
}

func (in *HistoryInput) history() thidua.History {
	return thidua.History{Ratings: in.Ratings, Titles: in.Titles, Awards: in.Awards, Initiatives: in.Initiatives,
		Disciplines: in.Disciplines, Proceedings: in.Proceedings, MaternityLeave: in.MaternityLeave, Leadership: in.Leadership}
}

// historyLists are the list fields of HistoryInput, in order.
var historyLists = []string{"ratings", "titles", "awards", "initiatives", "disciplines", "proceedings", "maternity_leave", "leadership"}

// decodeHistoryInput reads a HistoryInput strictly, reporting each bad
// field by its JSON path ("ratings[2].year", "awards[0].date").
func decodeHistoryInput(w http.ResponseWriter, r *http.Request) (HistoryInput, error) {
	var in HistoryInput
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return in, thidua.Errorf(thidua.EINVALID, "Dữ liệu gửi lên quá lớn (tối đa 4 MB).")
		}
		return in, thidua.Errorf(thidua.EINVALID, "Không đọc được nội dung yêu cầu.")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		return in, jsonError(err, body, &raw)
	}
	if dec.More() {
		return in, thidua.Errorf(thidua.EINVALID, "Chỉ được gửi một đối tượng JSON.")
	}
	if raw == nil {
		return in, thidua.Errorf(thidua.EINVALID, "JSON không hợp lệ: nội dung phải là một đối tượng JSON.")
	}
	var v thidua.Validation
	for k := range raw {
		if k != "version" && !kit.ValidCode(historyListOptions, k) {
			v.Add(k, "Trường không được hỗ trợ; các trường hợp lệ: version, "+strings.Join(historyLists, ", ")+".")
		}
	}
	if x, ok := raw["version"]; !ok || string(x) == "null" {
		v.Add("version", "Trường bắt buộc: phiên bản lịch sử đã đọc (0 khi chưa có).")
	} else if err := json.Unmarshal(x, &in.Version); err != nil || in.Version < 0 {
		v.Add("version", "Phải là số nguyên không âm.")
	}
	in.Ratings = decodeItems[thidua.Rating](&v, raw, "ratings")
	in.Titles = decodeItems[thidua.TitleRecord](&v, raw, "titles")
	in.Awards = decodeItems[thidua.Award](&v, raw, "awards")
	in.Initiatives = decodeItems[thidua.Initiative](&v, raw, "initiatives")
	in.Disciplines = decodeItems[thidua.Discipline](&v, raw, "disciplines")
	in.Proceedings = decodeItems[thidua.PendingProceeding](&v, raw, "proceedings")
	in.MaternityLeave = decodeItems[thidua.Period](&v, raw, "maternity_leave")
	in.Leadership = decodeItems[thidua.LeadershipPost](&v, raw, "leadership")
	return in, v.Err()
}

var historyListOptions = func() []thidua.Option {
	opts := make([]thidua.Option, len(historyLists))
	for i, k := range historyLists {
		opts[i] = thidua.Option{Code: k}
	}
	return opts
}()

// decodeItems decodes the list raw[key] item by item, so that an error
// names the item: key[i].field.
func decodeItems[T any](v *thidua.Validation, raw map[string]json.RawMessage, key string) []T {
	x, ok := raw[key]
	if !ok || string(x) == "null" {
		return []T{}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(x, &items); err != nil {
		v.Add(key, "Phải là một mảng JSON ([…]).")
		return []T{}
	}
	out := make([]T, 0, len(items))
	for i, item := range items {
		var t T
		dec := json.NewDecoder(bytes.NewReader(item))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			at := fmt.Sprintf("%s[%d]", key, i)
			jerr := jsonError(err, item, &t)
			fields := thidua.ErrorFields(jerr)
			if len(fields) == 0 {
				v.Add(at, thidua.ErrorMessage(jerr))
			}
			for k, msg := range fields {
				v.Add(at+"."+k, msg)
			}
		}
		out = append(out, t)
	}
	return out
}

func (s *Handler) SaveHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	in, err := decodeHistoryInput(w, r)
	if err != nil {
		return err
	}
	h := &thidua.SubjectHistory{Subject: historySubjectOfAPI(r), SubjectID: id, History: in.history(), Version: in.Version}
	// Validate in the order sent, so that "ratings[2]" is the third rating
	// of the request; saving sorts the lists by time.
	if err := h.History.Validate(); err != nil {
		return err
	}
	if err := s.Store.SaveHistory(r.Context(), h); err != nil {
		return err
	}
	kit.WriteJSON(w, http.StatusOK, h)
	return nil
}

// ---- OpenAPI

// evaluatedAwards lists the awards the engine evaluates, individual ones first.
func evaluatedAwards() []thidua.Option {
	var opts []thidua.Option
	for _, code := range append(slices.Clone(rules.IndividualAwards), rules.CollectiveAwards...) {
		if !slices.ContainsFunc(opts, func(o thidua.Option) bool { return o.Code == code }) {
			opts = append(opts, thidua.Option{Code: code, Label: rules.AwardLabel(code)})
		}
	}
	return opts
}

// Condition statuses of a verdict (rules.Condition.Status).
var conditionStatuses = []thidua.Option{
	{Code: "met", Label: "đạt"},
	{Code: "not_met", Label: "chưa đạt"},
	{Code: "review", Label: "cần người có thẩm quyền đánh giá, hoặc căn cứ có độ tin cậy C/X"},
	{Code: "hold", Label: "tạm hoãn (đang có thủ tục xem xét)"},
	{Code: "note", Label: "lưu ý, không ảnh hưởng kết luận"},
	{Code: "attest", Label: "tiêu chuẩn Hội đồng xem xét khi bình xét"},
}

// grades are the reliability grades of a condition's legal basis.
var grades = []thidua.Option{
	{Code: "A", Label: "trích dẫn nguyên văn văn bản"},
	{Code: "B", Label: "nguồn thứ cấp trích dẫn văn bản"},
	{Code: "C", Label: "chưa đối chiếu văn bản"},
	{Code: "X", Label: "chưa được quy định rõ"},
}

// forecastKinds are the kinds of a forecast item (rules.ForecastItem.Kind).
var forecastKinds = []thidua.Option{
	{Code: rules.ForecastEligible, Label: "đủ điều kiện năm sau nếu duy trì kết quả"},
	{Code: rules.ForecastBroken, Label: "chuỗi liên tục bị gián đoạn năm xét"},
}

// oaEligibilityParams are the query parameters of the verdicts of a stored
// person or unit (declared on the path: see apiOp.PathParams).
var oaEligibilityParams = []string{"year", "as_of"}

// eligibilityOps documents the operations of this file (openapi.go).
var eligibilityOps = map[string]apiOp{
	"GET /api/v1/eligibility": {ID: "getEligibilityTable", Tag: oaTagEligibility, Summary: "Bảng xét điều kiện của các cá nhân, theo trang",
		Desc: "Kết luận của từng cá nhân trong phạm vi được phân quyền cho mọi danh hiệu, hình thức dành cho cá nhân (thứ tự trong `awards`), " +
			"năm `year` tính đến ngày `as_of`, lọc theo đơn vị (gồm đơn vị trực thuộc), danh hiệu và kết luận, giới tính, người giữ chức vụ lãnh đạo. " +
			"Sắp theo tên như danh sách cá nhân. Lấy trang sau bằng `cursor` = `next_cursor` của trang trước (không dùng offset). " +
			"Kết luận được lưu sẵn và tính lại khi lịch sử, cá nhân, quy định, năm xét hoặc ngày xét thay đổi; " +
			"giải thích từng điều kiện: GET /people/{id}/eligibility. Đơn vị không tồn tại hoặc ngoài phạm vi: 404; tham số sai: 422.",
		Params: []string{"table_unit_id", "table_award", "table_verdict", "table_gender", "table_leaders", "year", "as_of", "table_limit", "cursor"},
		Status: http.StatusOK, Result: EligibilityTable{}, Errors: []int{404, 422}},
	"POST /api/v1/eligibility/evaluate": {ID: "evaluateEligibility", Tag: oaTagEligibility,
		Summary: "Xét điều kiện một danh hiệu, hình thức khen thưởng cho một lịch sử gửi kèm",
		Desc: "Hợp đồng độc lập: gửi đầy đủ lịch sử của chủ thể (xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, " +
			"thủ tục đang xem xét, nghỉ thai sản, chức vụ; tập thể gửi kèm `members`), không đọc dữ liệu đã lưu. " +
			"Trả về kết luận (`eligible`, `not_eligible`, `needs_review`, `on_hold`) với từng điều kiện: mã quy tắc, đạt hay không, " +
			"dữ kiện đã dùng, giải thích tiếng Việt và căn cứ pháp lý; kèm tỷ lệ biểu quyết Hội đồng (R-HD-03) và tiền thưởng (R-TIEN-01/02). " +
			"Danh hiệu xét theo quy định có hiệu lực ngày 31/12 của năm xét; hình thức khen thưởng, tiền thưởng theo ngày `as_of`. " +
			"**Mã không tồn tại, lịch sử sai dạng (năm trùng, danh hiệu tập thể ghi cho cá nhân, ngày không có thật…) trả về 400** " +
			"(không phải 422), `errors` ghi lỗi theo đường dẫn JSON, ví dụ `award`, `subject.ratings[0].rating`.",
		Body: rules.Request{}, Status: http.StatusOK, Result: rules.Verdict{}, Errors: []int{400}},
	"GET /api/v1/eligibility/forecast": {ID: "getEligibilityForecast", Tag: oaTagEligibility, Summary: "Dự báo danh hiệu, hình thức năm sau",
		Desc: "Với các cá nhân (hoặc đơn vị) của `unit_id` và đơn vị trực thuộc trong phạm vi được phân quyền: ai sẽ đủ điều kiện " +
			"danh hiệu, hình thức nào vào năm `year` + 1 nếu kết quả năm `year` được duy trì (`eligible_next_year`), " +
			"và chuỗi danh hiệu, xếp loại liên tục của ai bị gián đoạn năm `year` (`streak_broken`). " +
			"Theo trang (`limit`, `offset`), thứ tự ổn định: cá nhân theo tên như danh sách cá nhân, đơn vị theo cây đơn vị. " +
			"Dự báo được tính một lần và giữ lại cho tới khi lịch sử, cá nhân, đơn vị hoặc quy định thay đổi. " +
			"Đơn vị không tồn tại hoặc ngoài phạm vi: 404; tham số sai: 422.",
		Params: []string{"forecast_unit_id", "forecast_subject", "year", "as_of", "audit_limit", "offset"}, Status: http.StatusOK, Result: Forecast{}, Errors: []int{404, 422}},
	"GET /api/v1/people/{id}/eligibility": {ID: "getPersonEligibility", Tag: oaTagEligibility, Summary: "Xét điều kiện mọi danh hiệu, hình thức cho một cá nhân",
		Desc: "Đánh giá lịch sử đã lưu của cá nhân cho năm `year` (mặc định: năm trước), tính đến ngày `as_of` (mặc định: hôm nay), " +
			"theo hồ sơ quy định của tỉnh được cấu hình; trả về kết luận cho từng danh hiệu, hình thức dành cho cá nhân." + oaScopeNote,
		PathParams: oaEligibilityParams, Status: http.StatusOK, Result: Eligibility{}, Errors: []int{404, 422}},
	"GET /api/v1/units/{id}/eligibility": {ID: "getUnitEligibility", Tag: oaTagEligibility, Summary: "Xét điều kiện mọi danh hiệu, hình thức cho một tập thể",
		Desc:       "Như với cá nhân; thành viên của tập thể là các cá nhân của đơn vị và đơn vị trực thuộc (`subject.members` là số thành viên đã xét)." + oaScopeNote,
		PathParams: oaEligibilityParams, Status: http.StatusOK, Result: Eligibility{}, Errors: []int{404, 422}},
	"GET /api/v1/people/{id}/history": {ID: "getPersonHistory", Tag: oaTagEligibility, Summary: "Lịch sử khen thưởng của một cá nhân",
		Desc: "Xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật, thủ tục đang xem xét, nghỉ thai sản, chức vụ: những gì bộ xét điều kiện đọc. " +
			"Lịch sử theo cá nhân, không theo đơn vị (giữ nguyên khi chuyển công tác). Chưa có gì: các danh sách rỗng, `version` 0." + oaScopeNote,
		Status: http.StatusOK, Result: thidua.SubjectHistory{}, Errors: []int{404}},
	"PUT /api/v1/people/{id}/history": {ID: "savePersonHistory", Tag: oaTagEligibility, Summary: "Lưu lịch sử khen thưởng của một cá nhân",
		Desc: "Thay toàn bộ lịch sử: mỗi danh sách được thay bằng danh sách gửi lên; danh sách không gửi bị làm rỗng. " +
			"Dữ liệu sai: 422, `errors` ghi theo đường dẫn trong nội dung gửi lên, ví dụ `ratings[2].rating`, `awards[0].date`. " +
			"Gửi `version` đã đọc (0 khi chưa có lịch sử); đã bị người khác sửa: 409. Khi lưu, các danh sách được sắp theo thời gian." + oaWriteScopeNote,
		Body: HistoryInput{}, Status: http.StatusOK, Result: thidua.SubjectHistory{}, Errors: []int{404, 409, 422}},
	"GET /api/v1/units/{id}/history": {ID: "getUnitHistory", Tag: oaTagEligibility, Summary: "Lịch sử khen thưởng của một tập thể",
		Desc:   "Xếp loại, danh hiệu, khen thưởng của đơn vị (tập thể). Chưa có gì: các danh sách rỗng, `version` 0." + oaScopeNote,
		Status: http.StatusOK, Result: thidua.SubjectHistory{}, Errors: []int{404}},
	"PUT /api/v1/units/{id}/history": {ID: "saveUnitHistory", Tag: oaTagEligibility, Summary: "Lưu lịch sử khen thưởng của một tập thể",
		Desc: "Như với cá nhân." + oaLockNote + oaWriteScopeNote,
		Body: HistoryInput{}, Status: http.StatusOK, Result: thidua.SubjectHistory{}, Errors: []int{404, 409, 422}},
}

// eligibilityParams are the query parameters of this file's operations, by name in
// components/parameters.
var eligibilityParams = map[string]apiParam{
	"table_unit_id":    {"unit_id", "Đơn vị (gồm đơn vị trực thuộc); bỏ trống: mọi đơn vị trong phạm vi được phân quyền.", int64(0), `minimum:"1"`},
	"table_award":      {"award", "Chỉ xét kết luận `verdict` của danh hiệu, hình thức này (bỏ trống: bất kỳ).", "", `enum:"evaluatedAwards"`},
	"table_verdict":    {"verdict", "Chỉ các cá nhân có kết luận này (cho `award`, hoặc cho bất kỳ danh hiệu nào).", "", `enum:"verdicts"`},
	"table_gender":     {"gender", "Chỉ nam hoặc chỉ nữ.", "", `enum:"genders"`},
	"table_leaders":    {"leaders", "true: chỉ người giữ chức vụ lãnh đạo, quản lý.", false, ``},
	"table_limit":      {"limit", "Số cá nhân mỗi trang (mặc định 50).", 0, `minimum:"1" maximum:"500"`},
	"cursor":           {"cursor", "next_cursor của trang trước; bỏ trống: trang đầu. Con trỏ sai dạng: 422.", "", `examples:"MS4"`},
	"year":             {"year", "Năm xét (năm thành tích), mặc định năm trước.", 0, `minimum:"1945" maximum:"2200"`},
	"as_of":            {"as_of", "Ngày xét (ngày quyết định): chọn quy định về hình thức khen thưởng, thủ tục đang xem xét, kỷ luật, mức lương cơ sở; mặc định hôm nay.", thidua.Date{}, ``},
	"forecast_unit_id": {"unit_id", "Đơn vị (gồm đơn vị trực thuộc); bỏ trống: mọi đơn vị trong phạm vi được phân quyền.", int64(0), `minimum:"1"`},
	"forecast_subject": {"subject", "Dự báo cho cá nhân hay tập thể (mặc định PERSON).", "", `enum:"subjects"`},
}

// eligibilityTypeDocs describes the types of this part of the API that the
// package does not own (openapi_schema.go).
var eligibilityTypeDocs = map[reflect.Type]typeDoc{
	reflect.TypeFor[thidua.Rating](): {
		"":       `doc:"Xếp loại chất lượng hằng năm (đã chốt, sau khi áp tỷ lệ HTXSNV)." input:"true"`,
		"year":   `doc:"Năm đánh giá." minimum:"1945" maximum:"2200" required:"true"`,
		"rating": `doc:"Xếp loại." enum:"ratings" required:"true"`,
		"source": `doc:"Văn bản thông báo kết quả xếp loại." maxLength:"255"`,
	},
	reflect.TypeFor[thidua.TitleRecord](): {
		"":               `doc:"Danh hiệu thi đua đã được tặng." input:"true"`,
		"year":           `doc:"Năm thành tích của danh hiệu." minimum:"1945" maximum:"2200" required:"true"`,
		"code":           `doc:"Danh hiệu." enum:"titles" required:"true"`,
		"path":           `doc:"Căn cứ đạt danh hiệu (ví dụ CSTĐCS theo HTXSNV hay theo sáng kiến); không có khi chưa ghi." enum:"titlePaths"`,
		"decision":       `doc:"Số, ký hiệu quyết định (ví dụ 15/QĐ-VPUBND)." maxLength:"100"`,
		"revoked":        `doc:"Đã bị hủy bỏ, thu hồi (R-GEN-08): không được tính ở đâu."`,
		"revoked_reason": `doc:"Lý do hủy bỏ; chỉ ghi khi revoked là true." maxLength:"500"`,
	},
	reflect.TypeFor[thidua.Award](): {
		"":               `doc:"Hình thức khen thưởng đã nhận." input:"true"`,
		"code":           `doc:"Hình thức khen thưởng." enum:"forms" required:"true"`,
		"date":           `doc:"Ngày quyết định." required:"true"`,
		"type":           `doc:"Loại hình khen thưởng (R-GEN-01); đột xuất, phong trào không tính cho khen thưởng công trạng (R-GEN-05)." enum:"awardTypes" required:"true"`,
		"decision":       `doc:"Số, ký hiệu quyết định (ví dụ 15/QĐ-VPUBND)." maxLength:"100"`,
		"revoked":        `doc:"Đã bị hủy bỏ, thu hồi (R-GEN-08): không được tính ở đâu."`,
		"revoked_reason": `doc:"Lý do hủy bỏ; chỉ ghi khi revoked là true." maxLength:"500"`,
	},
	reflect.TypeFor[thidua.Initiative](): {
		"":            `doc:"Sáng kiến hoặc đề tài, đề án, công trình khoa học đã nghiệm thu." input:"true"`,
		"year":        `doc:"Năm được công nhận." minimum:"1945" maximum:"2200" required:"true"`,
		"level":       `doc:"Cấp công nhận." enum:"initiativeLevels" required:"true"`,
		"kind":        `doc:"Loại (bỏ trống: sáng kiến)." enum:"initiativeKinds"`,
		"title":       `doc:"Tên sáng kiến, đề tài." maxLength:"500"`,
		"consumed_by": `doc:"Khen thưởng đã dùng sáng kiến này làm căn cứ, bắt đầu bằng mã danh hiệu, hình thức (R-SK-03); bỏ trống hoặc null khi chưa dùng." null:"true" maxLength:"200" examples:"CSTDCS 2024|BKCT 15/QĐ-UBND"`,
	},
	reflect.TypeFor[thidua.Discipline](): {
		"":         `doc:"Kỷ luật." input:"true"`,
		"from":     `doc:"Ngày bắt đầu thời hạn kỷ luật." required:"true"`,
		"to":       `doc:"Ngày hết thời hạn kỷ luật; null khi chưa hết."`,
		"level":    `doc:"Hình thức kỷ luật." enum:"disciplineLevels" required:"true"`,
		"decision": `doc:"Số, ký hiệu quyết định (ví dụ 15/QĐ-VPUBND)." maxLength:"100"`,
	},
	reflect.TypeFor[thidua.PendingProceeding](): {
		"":     `doc:"Thủ tục đang xem xét (kỷ luật, điều tra, thanh tra, kiểm tra, xác minh khiếu nại): trong thời gian này không xét khen thưởng (R-GEN-06)." input:"true"`,
		"kind": `doc:"Loại thủ tục." enum:"proceedingKinds" required:"true"`,
		"from": `doc:"Ngày bắt đầu." required:"true"`,
		"to":   `doc:"Ngày có kết luận; null khi chưa kết luận."`,
		"note": `doc:"Ghi chú (văn bản, nội dung)." maxLength:"500"`,
	},
	reflect.TypeFor[thidua.Period](): {
		"":     `doc:"Thời gian nghỉ thai sản theo chế độ (R-GEN-07), tính cả hai đầu." input:"true"`,
		"from": `doc:"Từ ngày." required:"true"`,
		"to":   `doc:"Đến ngày." required:"true"`,
	},
	reflect.TypeFor[thidua.LeadershipPost](): {
		"":      `doc:"Chức vụ lãnh đạo, quản lý (cho khen thưởng quá trình cống hiến, R-CH-01)." input:"true"`,
		"post":  `doc:"Cấp chức vụ (và tương đương)." enum:"leadershipPosts" required:"true"`,
		"title": `doc:"Tên chức vụ." maxLength:"255"`,
		"from":  `doc:"Từ ngày." required:"true"`,
		"to":    `doc:"Đến ngày; null khi đang giữ."`,
	},
	reflect.TypeFor[rules.Subject](): {
		"":                    `schema:"EvaluationSubject" doc:"Lịch sử đầy đủ của một cá nhân hoặc tập thể, gửi kèm yêu cầu xét." input:"true"`,
		"id":                  `doc:"Mã của chủ thể ở hệ thống gọi (tùy chọn)."`,
		"name":                `doc:"Tên (tùy chọn)."`,
		"kind":                `doc:"Loại chủ thể (thành viên của tập thể: mặc định individual)." enum:"evaluationSubjectKinds" required:"true"`,
		"occupation":          `doc:"Cá nhân là công nhân, nông dân, người lao động ngoài khu vực nhà nước (R-LDTT-02); bỏ trống với cán bộ, công chức, viên chức." enum:"occupations"`,
		"posthumous":          `doc:"Đề nghị truy tặng (chỉ cá nhân)."`,
		"registrations":       `doc:"Các năm đã đăng ký thi đua (R-CAMP-04); null hoặc bỏ trống khi không có dữ liệu." null:"true"`,
		"gender":              `doc:"Giới tính của cá nhân (cũng nhận \"nu\", \"nữ\", \"nam\")." enum:"subjectGenders"`,
		"ratings":             `doc:"Xếp loại theo năm, mỗi năm một."`,
		"titles":              `doc:"Danh hiệu đã được tặng."`,
		"awards":              `doc:"Hình thức khen thưởng đã nhận."`,
		"initiatives":         `doc:"Sáng kiến, đề tài."`,
		"disciplines":         `doc:"Kỷ luật."`,
		"pending_proceedings": `doc:"Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo vào ngày xét."`,
		"maternity_leave":     `doc:"Thời gian nghỉ thai sản (chỉ cá nhân)."`,
		"leadership":          `doc:"Chức vụ lãnh đạo, quản lý."`,
		"members":             `doc:"Thành viên của tập thể trong năm xét, mỗi thành viên là một cá nhân (chỉ tập thể)."`,
	},
	reflect.TypeFor[rules.Request](): {
		"":         `schema:"EvaluationRequest" doc:"Yêu cầu xét một danh hiệu, hình thức cho một lịch sử." input:"true"`,
		"award":    `doc:"Danh hiệu, hình thức cần xét (phải phù hợp với loại chủ thể)." enum:"evaluatedAwards" required:"true"`,
		"year":     `doc:"Năm xét (năm thành tích)." minimum:"1945" maximum:"2200" required:"true"`,
		"as_of":    `doc:"Ngày xét, ngày quyết định." required:"true"`,
		"province": `doc:"Hồ sơ quy định của tỉnh (mặc định default)." enum:"provinces"`,
		"subject":  `required:"true"`,
	},
	reflect.TypeFor[rules.Fact](): {
		"name":      `doc:"Tên dữ kiện (xem rules.Vocabulary)."`,
		"value":     `doc:"Giá trị (số, chuỗi, true/false)."`,
		"text":      `doc:"Diễn giải tiếng Việt."`,
		"years":     `doc:"Các năm đã dùng."`,
		"decisions": `doc:"Các quyết định đã dùng."`,
	},
	reflect.TypeFor[rules.Condition](): {
		"rule":        `doc:"Mã quy tắc (R-…)."`,
		"point":       `doc:"Mã điều kiện trong quy tắc (ví dụ a, d2)."`,
		"met":         `doc:"Đạt hay không; null khi cần người đánh giá." null:"true"`,
		"status":      `doc:"Trạng thái." enum:"conditionStatuses"`,
		"grade":       `doc:"Độ tin cậy của căn cứ." enum:"grades"`,
		"citation":    `doc:"Căn cứ pháp lý: văn bản, Điều, Khoản, Điểm."`,
		"explanation": `doc:"Giải thích tiếng Việt."`,
		"group":       `doc:"Nhóm \"một trong các tiêu chuẩn\" của điều kiện."`,
		"facts":       `doc:"Dữ kiện đã dùng (năm, quyết định)."`,
	},
	reflect.TypeFor[rules.Money](): {
		"multiplier":      `doc:"Hệ số so với mức lương cơ sở."`,
		"base_salary_vnd": `doc:"Mức lương cơ sở có hiệu lực vào ngày quyết định (đồng)." minimum:"0"`,
		"amount_vnd":      `doc:"Tiền thưởng, làm tròn lên 10.000 đồng; 0 khi chỉ trả danh hiệu cao nhất cùng thời kỳ." minimum:"0"`,
		"rule":            `doc:"Mã quy tắc."`,
		"citation":        `doc:"Căn cứ pháp lý."`,
		"note":            `doc:"Ghi chú."`,
	},
	reflect.TypeFor[rules.Verdict](): {
		"award":             `doc:"Danh hiệu, hình thức." enum:"evaluatedAwards"`,
		"award_name":        `doc:"Tên danh hiệu, hình thức."`,
		"year":              `doc:"Năm." minimum:"1945" maximum:"2200"`,
		"as_of":             `doc:"Ngày xét." format:"date"`,
		"province":          `doc:"Hồ sơ quy định của tỉnh đã dùng."`,
		"verdict":           `doc:"Kết luận." enum:"verdicts"`,
		"summary":           `doc:"Tóm tắt một câu, tiếng Việt."`,
		"reasons":           `doc:"Các điều kiện quyết định kết luận khác eligible."`,
		"rule_set":          `doc:"Bộ quy tắc có hiệu lực vào ngày xét và hồ sơ tỉnh, ví dụ TDKT-2025/default."`,
		"criteria_set":      `doc:"Bộ quy tắc lấy tiêu chuẩn khi khác rule_set (danh hiệu xét theo quy định của năm xét)."`,
		"conditions":        `doc:"Mọi điều kiện đã xét."`,
		"council_threshold": `doc:"Tỷ lệ trên tổng số thành viên Hội đồng cần đồng ý (R-HD-03)." minimum:"0" maximum:"1"`,
		"council_compare":   `doc:"Cách so tỷ lệ đồng ý với council_threshold: \">=\" (từ … trở lên) hoặc \">\" (quá bán)." enum:"councilCompares"`,
		"council_note":      `doc:"Căn cứ của tỷ lệ biểu quyết."`,
		"notes":             `doc:"Lưu ý không làm thay đổi kết luận (bộ quy tắc chưa đối chiếu văn bản, mức lương cơ sở chưa xác minh)."`,
		"money":             `doc:"Tiền thưởng (R-TIEN-01/02); null khi không có dữ liệu." null:"true"`,
	},
	reflect.TypeFor[rules.ForecastItem](): {
		"subject_id":   `doc:"Mã cá nhân hoặc đơn vị."`,
		"subject_name": `doc:"Họ tên hoặc tên đơn vị."`,
		"kind":         `doc:"Loại dự báo." enum:"forecastKinds"`,
		"award":        `doc:"Danh hiệu, hình thức sẽ đủ điều kiện; hoặc danh hiệu, xếp loại có chuỗi bị gián đoạn."`,
		"award_name":   `doc:"Tên."`,
		"year":         `doc:"Năm." minimum:"1945" maximum:"2200"`,
		"verdict":      `doc:"Kết luận." enum:"verdicts"`,
		"text":         `doc:"Diễn giải tiếng Việt."`,
	},
	reflect.TypeFor[thidua.History](): {
		"ratings":         `doc:"Xếp loại, theo năm."`,
		"titles":          `doc:"Danh hiệu, theo năm."`,
		"awards":          `doc:"Hình thức khen thưởng, theo ngày."`,
		"initiatives":     `doc:"Sáng kiến, đề tài, theo năm."`,
		"disciplines":     `doc:"Kỷ luật, theo ngày."`,
		"proceedings":     `doc:"Thủ tục đang xem xét."`,
		"maternity_leave": `doc:"Nghỉ thai sản."`,
		"leadership":      `doc:"Chức vụ lãnh đạo, quản lý."`,
	},
	reflect.TypeFor[thidua.SubjectHistory](): {
		"subject":    `doc:"Cá nhân hay đơn vị." enum:"subjects"`,
		"subject_id": `doc:"Mã cá nhân hoặc đơn vị."`,
		"name":       `doc:"Họ tên hoặc tên đơn vị."`,
		"unit_id":    `doc:"Mã đơn vị (của cá nhân, hoặc chính đơn vị)."`,
		"gender":     `doc:"Giới tính của cá nhân (không có ở đơn vị)." enum:"genders"`,
		"version":    `doc:"Phiên bản (0: chưa lưu lần nào); gửi lại khi lưu." minimum:"0"`,
		"updated_at": `doc:"Thời điểm lưu gần nhất; không có khi chưa lưu."`,
	},
}
