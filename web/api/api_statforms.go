package api

import (
	"net/http"

	"thidua"
	"thidua/statforms"
	"thidua/web/kit"
)

// StatForm is the answer of GET /stat-forms: one statutory statistics
// form filled for a year and a reporting unit.
type StatForm struct {
	Form       string           `json:"form" doc:"Biểu số, ví dụ 0602.N/BNV-TĐKT."`
	Title      string           `json:"title" doc:"Tên biểu."`
	Circular   string           `json:"circular" doc:"Thông tư ban hành biểu."`
	Year       int              `json:"year" doc:"Năm báo cáo." minimum:"1945" maximum:"2200"`
	ReportDate thidua.Date      `json:"report_date" doc:"Ngày nhận báo cáo (15/12 năm báo cáo)."`
	UnitID     int64            `json:"unit_id" doc:"Đơn vị báo cáo (số liệu gồm các đơn vị trực thuộc)."`
	Agency     string           `json:"agency" doc:"Tên đơn vị báo cáo."`
	Receiver   string           `json:"receiver" doc:"Đơn vị nhận báo cáo."`
	Columns    []StatFormColumn `json:"columns" doc:"Các cột số liệu, đánh số như trong biểu."`
	Rows       []StatFormRow    `json:"rows" doc:"Các dòng theo thứ tự trong biểu, dòng tiêu đề mục không có mã số."`
	Branches   []StatFormBranch `json:"branches" doc:"Dòng Tổng số chia theo đơn vị: cơ quan báo cáo (trực tiếp) và từng đơn vị trực thuộc."`
	Notes      []string         `json:"notes" doc:"Các chỉ tiêu chưa tính được từ dữ liệu và lý do (ô ghi 0, đơn vị tự điền)."`
}

// StatFormColumn is a figure column of a form.
type StatFormColumn struct {
	No        string `json:"no" doc:"Số cột như trong biểu."`
	Group     string `json:"group,omitempty" doc:"Nhóm cột (tiêu đề chung)."`
	Label     string `json:"label" doc:"Tên cột."`
	Underived string `json:"underived,omitempty" doc:"Lý do cột chưa tính được từ dữ liệu (ô ghi 0)."`
}

// StatFormRow is a row of a form with its figures.
type StatFormRow struct {
	Code      string `json:"code,omitempty" doc:"Mã số dòng."`
	Label     string `json:"label" doc:"Tên dòng."`
	Unit      string `json:"unit,omitempty" doc:"Đơn vị tính."`
	Heading   bool   `json:"heading" doc:"Dòng tiêu đề mục (không có số liệu)."`
	Underived string `json:"underived,omitempty" doc:"Lý do dòng chưa tính được từ dữ liệu (ô ghi 0)."`
	Cells     []int  `json:"cells" doc:"Số liệu theo thứ tự các cột."`
}

// StatFormBranch is the total row of one part of the reporting unit.
type StatFormBranch struct {
	Label string `json:"label" doc:"Đơn vị."`
	Cells []int  `json:"cells" doc:"Dòng Tổng số của đơn vị, theo thứ tự các cột."`
}

func (s *Handler) GetStatForm(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.StatForms == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Chức năng biểu mẫu thống kê chưa được bật.")
	}
	var v thidua.Validation
	year := queryInt(r, "year", &v)
	unitID := queryInt(r, "unit_id", &v)
	if err := v.Err(); err != nil {
		return err
	}
	// Defaults: last year, the first form, the top unit in scope.
	if year == 0 {
		year = int64(thidua.DateOf(s.Now()).Year() - 1)
	}
	form := r.URL.Query().Get("form")
	if form == "" {
		form = "0601"
	}
	if unitID == 0 {
		units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{Limit: 1})
		if err != nil {
			return err
		}
		if len(units) > 0 {
			unitID = units[0].ID
		}
	}
	rep, err := s.Cfg.StatForms.StatForm(r.Context(), statforms.Request{Form: form, Year: int(year), UnitID: unitID})
	if err != nil {
		return err
	}
	out := StatForm{Form: rep.Form.Code, Title: rep.Form.Title, Circular: rep.Circular.Code, Year: rep.Year, ReportDate: rep.ReportDate,
		UnitID: rep.Unit.ID, Agency: rep.Agency, Receiver: rep.Circular.Receiver, Notes: rep.Notes()}
	for _, c := range rep.Form.Columns {
		out.Columns = append(out.Columns, StatFormColumn{No: c.No, Group: c.Group, Label: c.Label, Underived: c.Underived})
	}
	for i, row := range rep.Form.Rows {
		out.Rows = append(out.Rows, StatFormRow{Code: row.Code, Label: row.Label, Unit: row.Unit, Heading: row.Heading, Underived: row.Underived, Cells: rep.Cells[i]})
	}
	for _, b := range rep.Branches {
		out.Branches = append(out.Branches, StatFormBranch{Label: b.Label, Cells: b.Cells[0]})
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	kit.WriteJSON(w, http.StatusOK, out)
	return nil
}

// statFormOps documents the operations of this file (openapi.go).
var statFormOps = map[string]apiOp{
	"GET /api/v1/stat-forms": {ID: "getStatForm", Tag: oaTagStats, Summary: "Biểu mẫu thống kê thi đua, khen thưởng (Thông tư 02/2023/TT-BNV)",
		Desc: "Biểu số 0601.N (số phong trào thi đua), 0602.N (khen thưởng cấp Nhà nước) hoặc 0603.N (khen thưởng cấp bộ, ngành, tỉnh) " +
			"của năm `year` cho đơn vị `unit_id` và các đơn vị trực thuộc, lập từ lịch sử khen thưởng và các phong trào đã lưu. " +
			"Chỉ tiêu chưa tính được từ dữ liệu ghi 0, kèm lý do trong `underived` và `notes`. " +
			"Đơn vị không tồn tại hoặc ngoài phạm vi được phân quyền: 404; tham số sai: 422.",
		Params: []string{"statform_form", "statform_year", "statform_unit_id"}, Status: http.StatusOK, Result: StatForm{}, Errors: []int{404, 422}},
}

// statFormParams are the query parameters of this file's operations.
var statFormParams = map[string]apiParam{
	"statform_form":    {"form", "Biểu số: 0601, 0602 hoặc 0603; mặc định 0601.", "", `enum:"statForms"`},
	"statform_year":    {"year", "Năm báo cáo; mặc định: năm trước. Năm chưa có biểu mẫu nào có hiệu lực (trước Thông tư 02/2023/TT-BNV): 422.", 0, `minimum:"2023" maximum:"2200"`},
	"statform_unit_id": {"unit_id", "Đơn vị báo cáo (gồm các đơn vị trực thuộc); mặc định: đơn vị đầu tiên trong phạm vi được phân quyền.", int64(0), `minimum:"1"`},
}
