package workspace

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"thidua"
	"thidua/statforms"
	"thidua/web/kit"
)

// statFormsPage picks a year and a reporting unit and offers the three
// statutory forms (Thông tư 02/2023/TT-BNV) as XLSX and PDF.
type statFormsPage struct {
	kit.Page
	Units   []*thidua.Unit
	Years   []int
	UnitID  int64
	Year    int
	YearRaw string
	Error   string
	Forms   []statFormRow
}

// statFormRow is one form with its total and its download links.
type statFormRow struct {
	Code, Title, Query string
	Total              string
	Underived          int
}

// readStatFormQuery reads ?unit=&year= (default: the single top unit in
// scope, last year), reporting what is wrong in Vietnamese.
func (s *Handler) readStatFormQuery(r *http.Request, units []*thidua.Unit) (unitID int64, year int, raw string, msg string) {
	q := r.URL.Query()
	year, raw = thidua.DateOf(s.Now()).Year()-1, q.Get("year")
	if raw != "" {
		y, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || y < 1945 || y > 2200 {
			return 0, 0, raw, "Năm báo cáo không hợp lệ: nhập năm từ 1945 đến 2200."
		}
		year = y
	}
	if u := q.Get("unit"); u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || id <= 0 {
			return 0, year, raw, "Đơn vị báo cáo không hợp lệ."
		}
		unitID = id
	} else {
		unitID = singleTop(units)
		if unitID == 0 && len(units) > 0 {
			unitID = units[0].ID
		}
	}
	return unitID, year, raw, ""
}

func (s *Handler) HandleStatForms(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.StatForms == nil {
		s.NotFound(w, r)
		return nil
	}
	ctx := r.Context()
	units, _, err := s.Store.FindUnits(ctx, thidua.UnitFilter{})
	if err != nil {
		return err
	}
	p := &statFormsPage{Page: kit.Page{Title: "Biểu mẫu thống kê thi đua, khen thưởng", Nav: "stats"}, Units: units}
	for y := thidua.DateOf(s.Now()).Year(); y >= thidua.DateOf(s.Now()).Year()-30; y-- {
		p.Years = append(p.Years, y)
	}
	p.UnitID, p.Year, p.YearRaw, p.Error = s.readStatFormQuery(r, units)
	if p.Error == "" && p.UnitID != 0 {
		for _, code := range []string{"0601", "0602", "0603"} {
			rep, err := s.Cfg.StatForms.StatForm(ctx, statforms.Request{Form: code, Year: p.Year, UnitID: p.UnitID})
			if err != nil {
				if c := thidua.ErrorCode(err); c == thidua.EINVALID || c == thidua.ENOTFOUND {
					p.Error = thidua.ErrorMessage(err)
					break
				}
				return err
			}
			v := url.Values{"form": {code}, "year": {strconv.Itoa(p.Year)}, "unit": {strconv.FormatInt(p.UnitID, 10)}}
			p.Forms = append(p.Forms, statFormRow{Code: rep.Form.Code, Title: rep.Form.Title, Query: v.Encode(),
				Total: kit.FormatNumber(float64(rep.Cells[0][0])), Underived: len(rep.Notes())})
		}
	}
	status := http.StatusOK
	if p.Error != "" {
		status = http.StatusUnprocessableEntity
		p.Forms = nil
	}
	s.Render(w, r, status, "statforms.html", p)
	return nil
}

// HandleStatFormDownload sends one form: ?form=0601|0602|0603&year=&unit=&format=xlsx|pdf
// (year and unit default as on the page).
func (s *Handler) HandleStatFormDownload(w http.ResponseWriter, r *http.Request) error {
	if s.Cfg.StatForms == nil || s.Cfg.FormRenderer == nil {
		s.NotFound(w, r)
		return nil
	}
	q := r.URL.Query()
	units, _, err := s.Store.FindUnits(r.Context(), thidua.UnitFilter{})
	if err != nil {
		return err
	}
	unitID, year, _, msg := s.readStatFormQuery(r, units)
	if msg != "" {
		return thidua.Errorf(thidua.EINVALID, "%s", msg)
	}
	format := q.Get("format")
	if format != "xlsx" && format != "pdf" {
		return thidua.Errorf(thidua.EINVALID, "Định dạng tải về phải là xlsx hoặc pdf.")
	}
	rep, err := s.Cfg.StatForms.StatForm(r.Context(), statforms.Request{Form: q.Get("form"), Year: year, UnitID: unitID})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "pdf" {
		if err := s.Cfg.FormRenderer.FormPDF(&buf, rep); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+rep.FileName()+`.pdf"`)
		w.Header().Set("Cache-Control", "private, no-store")
		w.Write(buf.Bytes())
		return nil
	}
	if err := s.Cfg.FormRenderer.FormXLSX(&buf, rep); err != nil {
		return err
	}
	kit.SendXLSX(w, rep.FileName()+".xlsx", buf.Bytes())
	return nil
}
