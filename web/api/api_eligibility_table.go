package api

import (
	"net/http"
	"slices"
	"strconv"

	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// GET /api/v1/eligibility: the eligibility table of people by pages, from
// the stored bulk verdicts (the same as /app/eligibility), with a keyset
// cursor.

// EligibilityTable is one page of the table.
type EligibilityTable struct {
	Year     int         `json:"year" doc:"Năm xét." minimum:"1945" maximum:"2200"`
	AsOf     thidua.Date `json:"as_of" doc:"Ngày xét."`
	Province string      `json:"province" doc:"Hồ sơ quy định của tỉnh."`
	// Awards are the award codes, in the order of each row's verdicts.
	Awards []string           `json:"awards" doc:"Mã danh hiệu, hình thức theo thứ tự của verdicts trong mỗi dòng." enum:"evaluatedAwards"`
	Items  []EligibilityEntry `json:"items" doc:"Các cá nhân của trang, theo tên (tên gọi trước, rồi họ và tên đệm), rồi theo mã."`
	Total  int                `json:"total" doc:"Số cá nhân khớp bộ lọc, không phụ thuộc limit và cursor." minimum:"0"`
	Limit  int                `json:"limit" doc:"Giá trị limit đã dùng." minimum:"1"`
	// NextCursor is absent on the last page.
	NextCursor string `json:"next_cursor,omitempty" doc:"Gửi lại làm cursor để lấy trang sau; không có ở trang cuối."`
	// Refreshing: the table is being recomputed in the background.
	Refreshing bool `json:"refreshing,omitempty" doc:"Bảng đang được tính lại: các dòng là kết quả đã lưu, có thể chưa đủ; hỏi lại sau ít phút."`
}

// EligibilityEntry is one person of the table.
type EligibilityEntry struct {
	PersonID int64    `json:"person_id" doc:"Mã cá nhân."`
	Name     string   `json:"name" doc:"Họ và tên."`
	UnitID   int64    `json:"unit_id" doc:"Mã đơn vị."`
	UnitName string   `json:"unit_name" doc:"Tên đơn vị."`
	Gender   string   `json:"gender" doc:"Giới tính." enum:"genders"`
	Leader   bool     `json:"leader" doc:"Giữ chức vụ lãnh đạo, quản lý."`
	Verdicts []string `json:"verdicts" doc:"Kết luận cho từng danh hiệu, hình thức của awards (giải thích: GET /people/{id}/eligibility)." enum:"verdicts"`
}

// EligibilityTable answers GET /api/v1/eligibility.
func (s *Handler) EligibilityTable(w http.ResponseWriter, r *http.Request) error {
	var v thidua.Validation
	year, asOf := s.eligibilityQuery(r, &v)
	q := r.URL.Query()
	f := rules.TableFilter{Year: year, AsOf: asOf, UnitID: queryInt(r, "unit_id", &v), After: q.Get("cursor"), Limit: 50}
	if a := q.Get("award"); a != "" {
		if !slices.Contains(rules.IndividualAwards, a) {
			v.Add("award", "award phải là một trong: "+kit.CodeList(bare(rules.IndividualAwards...))+".")
		}
		f.Award = a
	}
	if x := q.Get("verdict"); x != "" {
		if rules.LetterOfVerdict(x) == 0 {
			v.Add("verdict", "verdict phải là một trong: "+kit.CodeList(rules.VerdictLabels)+".")
		}
		f.Verdict = x
	}
	if g := q.Get("gender"); g != "" {
		if !kit.ValidCode(thidua.Genders, g) {
			v.Add("gender", "gender phải là một trong: "+kit.CodeList(thidua.Genders)+".")
		}
		f.Gender = g
	}
	switch q.Get("leaders") {
	case "", "false":
	case "true":
		f.Leaders = true
	default:
		v.Add("leaders", "leaders phải là true hoặc false.")
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 500 {
			v.Add("limit", "limit phải là số nguyên từ 1 đến 500.")
		}
		f.Limit = n
	}
	if err := v.Err(); err != nil {
		return err
	}
	if f.UnitID != 0 {
		// An unknown unit, or one outside the caller's scope, is a 404.
		if _, err := s.Store.FindUnitByID(r.Context(), f.UnitID); err != nil {
			return err
		}
	}
	page, err := s.Store.EligibilityTable(r.Context(), s.Eligibility, f)
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID && f.After != "" {
			return &thidua.Error{Code: thidua.EINVALID, Message: thidua.ErrorMessage(err), Fields: map[string]string{"cursor": "cursor không hợp lệ: bỏ cursor để lấy trang đầu."}}
		}
		return err
	}
	out := EligibilityTable{Year: year, AsOf: asOf, Province: s.Eligibility.Province(), Awards: rules.IndividualAwards,
		Items: make([]EligibilityEntry, 0, len(page.Rows)), Total: page.Total, Limit: f.Limit, NextCursor: page.Next,
		Refreshing: page.Refreshing}
	for _, row := range page.Rows {
		e := EligibilityEntry{PersonID: row.PersonID, Name: row.Name, UnitID: row.UnitID, UnitName: row.UnitName, Gender: row.Gender,
			Leader: row.Leader, Verdicts: make([]string, len(rules.IndividualAwards))}
		for i := range e.Verdicts {
			e.Verdicts[i] = row.Verdict(i)
		}
		out.Items = append(out.Items, e)
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}
