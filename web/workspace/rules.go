package workspace

import (
	"errors"
	"io"
	"net/http"
	"path"
	"strings"

	"thidua"
	"thidua/rules"
	"thidua/web/kit"
)

// The page "Quy định áp dụng": the legal rule set in force on a date (every
// award, its rules and conditions in Vietnamese with citation, grade and
// effective dates, the council threshold, the money and the province's
// parameters), and the preview of an uploaded rule file or province profile
// on the stored people before an administrator puts it in the rules folder
// (THIDUA_RULES_DIR).

// maxRuleFile is the largest rule file or profile accepted for a preview.
const maxRuleFile = 1 << 20

type rulesPage struct {
	kit.Page
	Form    *kit.Form
	InForce rules.InForce
	// Preview is set after an upload: the verdicts it would change.
	Preview *rulesPreview
}

type rulesPreview struct {
	File     string
	Province string
	Year     int
	Subjects int
	Diffs    []rules.AwardDiff
	Changed  int
}

func (s *Handler) rulesPage(r *http.Request, f *kit.Form) (*rulesPage, error) {
	date := thidua.DateOf(s.Now())
	if v := strings.TrimSpace(f.Get("date")); v != "" {
		date = f.Date("date")
		if _, bad := f.Errors["date"]; bad {
			date = thidua.DateOf(s.Now())
		}
	} else {
		f.Values["date"] = date.String()
	}
	in, err := s.Eligibility.InForce(date)
	if err != nil {
		return nil, err
	}
	return &rulesPage{Page: kit.Page{Title: "Quy định áp dụng", Nav: "rules"}, Form: f, InForce: in}, nil
}

// HandleRules shows the rule set in force on ?date= (today by default).
func (s *Handler) HandleRules(w http.ResponseWriter, r *http.Request) error {
	f := kit.NewForm()
	f.Values["date"] = r.URL.Query().Get("date")
	p, err := s.rulesPage(r, f)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.Render(w, r, status, "rules.html", p)
	return nil
}

// HandleRulesPreview judges the stored people and units under the rules
// in force and under the uploaded file laid over them, and shows by award
// how many verdicts would change. Nothing is stored.
func (s *Handler) HandleRulesPreview(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxRuleFile+64<<10)
	f := kit.NewForm()
	fail := func(err error) error {
		if !f.SetErr(err) {
			return err
		}
		p, perr := s.rulesPage(r, f)
		if perr != nil {
			return perr
		}
		s.Render(w, r, kit.FormStatus(err), "rules.html", p)
		return nil
	}
	if err := r.ParseMultipartForm(maxRuleFile); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fail(kit.FieldErr("file", "Tệp quá lớn: tệp quy định không quá 1 MB."))
		}
		return fail(kit.FieldErr("file", "Không đọc được tệp tải lên."))
	}
	for _, k := range []string{"kind", "year", "date"} {
		f.Values[k] = thidua.NormalizeText(r.PostFormValue(k))
	}
	year := int(f.Int("year", "Năm xét không hợp lệ."))
	if year == 0 {
		year = thidua.DateOf(s.Now()).Year() - 1
		f.Values["year"] = kit.IdStr(int64(year))
	}
	folder := map[string]string{"provinces": "provinces/", "rules": "rules/", "base_salary": "base_salary/"}[f.Values["kind"]]
	if folder == "" {
		f.Errors["kind"] = "Chọn loại tệp: hồ sơ quy định của tỉnh, tệp quy tắc hoặc mức lương cơ sở bổ sung."
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		f.Errors["file"] = "Chọn tệp quy định (.json) để xem trước."
	} else {
		defer file.Close()
	}
	if err := f.FieldsErr(); err != nil {
		return fail(err)
	}
	name := path.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	if !strings.HasSuffix(strings.ToLower(name), ".json") {
		return fail(kit.FieldErr("file", "Tệp quy định phải là tệp JSON (.json)."))
	}
	b, err := io.ReadAll(io.LimitReader(file, maxRuleFile+1))
	if err != nil || len(b) > maxRuleFile {
		return fail(kit.FieldErr("file", "Tệp quá lớn: tệp quy định không quá 1 MB."))
	}
	asOf := thidua.DateOf(s.Now())
	subjects, err := s.storedSubjects(r, asOf)
	if err != nil {
		return err
	}
	diffs, province, err := s.Eligibility.Preview(map[string][]byte{folder + name: b}, subjects, year, asOf)
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID {
			return fail(kit.FieldErr("file", thidua.ErrorMessage(err)))
		}
		return err
	}
	p, err := s.rulesPage(r, f)
	if err != nil {
		return err
	}
	p.Preview = &rulesPreview{File: folder + name, Province: province, Year: year, Subjects: len(subjects), Diffs: diffs}
	for _, d := range diffs {
		p.Preview.Changed += d.Changed
	}
	s.Render(w, r, http.StatusOK, "rules.html", p)
	return nil
}

// storedSubjects builds the engine's subjects of every person and unit in
// the viewer's scope; a unit's members are the people of its subtree.
func (s *Handler) storedSubjects(r *http.Request, asOf thidua.Date) ([]rules.Subject, error) {
	people, err := s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: thidua.SubjectPerson})
	if err != nil {
		return nil, err
	}
	units, err := s.Store.FindHistories(r.Context(), thidua.HistoryFilter{Subject: thidua.SubjectUnit})
	if err != nil {
		return nil, err
	}
	subs := make([]rules.Subject, 0, len(people)+len(units))
	for _, h := range people {
		subs = append(subs, rules.SubjectOf(h, asOf))
	}
	for _, u := range units {
		sub := rules.SubjectOf(u, asOf)
		for i, h := range people {
			if strings.HasPrefix(h.UnitPath, u.UnitPath) {
				sub.Members = append(sub.Members, subs[i])
			}
		}
		subs = append(subs, sub)
	}
	return subs, nil
}
