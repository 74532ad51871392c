package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"thidua"
)

// maxRequest bounds the body DecodeRequest reads.
const maxRequest = 8 << 20

// DecodeRequest reads the JSON body of POST /api/v1/eligibility/evaluate
// strictly: unknown fields, wrong JSON types, unknown award, rating, level,
// type or discipline codes, impossible dates and malformed histories
// (duplicate years, a title given to the wrong kind of subject, members of
// an individual…) are refused. The error is a *thidua.Error with Code
// EINVALID whose Fields are keyed by the JSON path of each bad field
// ("subject.ratings[1].rating") with a Vietnamese message; a body that is
// not JSON is reported under "body".
func DecodeRequest(r io.Reader) (Request, error) {
	return Default().DecodeRequest(r)
}

// DecodeRequest is the package DecodeRequest, checking the province
// against e's profiles.
func (e *Engine) DecodeRequest(r io.Reader) (Request, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxRequest))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return Request{}, bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Request{}, bodyError(errors.New("dữ liệu thừa sau đối tượng JSON"))
	}
	d := &decoder{}
	var req Request
	m, ok := d.obj("", raw, "award", "year", "as_of", "province", "subject")
	if !ok {
		return req, d.v.Err()
	}
	req.Award = d.str(m, "", "award", true)
	req.Year = d.integer(m, "", "year", true)
	if _, ok := m["year"]; ok && (req.Year < 1945 || req.Year > 2200) {
		d.v.Add("year", "Năm xét không hợp lệ (từ 1945 đến 2200).")
	}
	req.AsOf = d.date(m, "", "as_of", true)
	req.Province = d.str(m, "", "province", false)
	if req.Province == "" {
		req.Province = "default"
	}
	if _, ok := e.provinces[req.Province]; !ok {
		d.v.Add("province", "Không có hồ sơ quy định của tỉnh \""+req.Province+"\"; chọn một trong "+strings.Join(e.order, ", ")+".")
	}
	if sm, ok := m["subject"]; !ok || sm == nil {
		d.v.Add("subject", "Vui lòng gửi lịch sử của chủ thể (subject).")
	} else {
		req.Subject = d.subject("subject", sm, false)
	}
	if req.Award != "" {
		if err := checkAward(req.Award, req.Subject.Kind); err != nil {
			for k, msg := range thidua.ErrorFields(err) {
				d.v.Add(k, msg)
			}
		}
	}
	return req, d.v.Err()
}

func bodyError(err error) error {
	var se *json.SyntaxError
	msg := "Nội dung không phải JSON hợp lệ"
	if errors.As(err, &se) {
		msg += fmt.Sprintf(" (lỗi ở byte %d)", se.Offset)
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "Nội dung JSON trống hoặc bị cắt cụt"
	} else {
		msg += ": " + err.Error()
	}
	return &thidua.Error{Code: thidua.EINVALID, Message: "Dữ liệu chưa hợp lệ.", Fields: map[string]string{"body": msg + "."}}
}

type decoder struct {
	v thidua.Validation
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// obj checks that x is an object with only the allowed keys.
func (d *decoder) obj(path string, x any, allowed ...string) (map[string]any, bool) {
	m, ok := x.(map[string]any)
	if !ok {
		where := path
		if where == "" {
			where = "body"
		}
		d.v.Add(where, "Phải là một đối tượng JSON ({…}).")
		return nil, false
	}
	for k := range m {
		if !slices.Contains(allowed, k) {
			d.v.Add(join(path, k), "Trường không được hỗ trợ; các trường hợp lệ: "+strings.Join(allowed, ", ")+".")
		}
	}
	return m, true
}

func (d *decoder) str(m map[string]any, path, key string, required bool) string {
	x, ok := m[key]
	if !ok || x == nil {
		if required {
			d.v.Add(join(path, key), "Trường bắt buộc.")
		}
		return ""
	}
	s, ok := x.(string)
	if !ok {
		d.v.Add(join(path, key), "Phải là chuỗi ký tự.")
		return ""
	}
	s = thidua.NormalizeText(s)
	if required && s == "" {
		d.v.Add(join(path, key), "Không được để trống.")
	}
	return s
}

func (d *decoder) integer(m map[string]any, path, key string, required bool) int {
	x, ok := m[key]
	if !ok || x == nil {
		if required {
			d.v.Add(join(path, key), "Trường bắt buộc.")
		}
		return 0
	}
	n, ok := x.(json.Number)
	if !ok {
		d.v.Add(join(path, key), "Phải là số nguyên.")
		return 0
	}
	i, err := strconv.ParseInt(string(n), 10, 32)
	if err != nil {
		d.v.Add(join(path, key), "Phải là số nguyên.")
		return 0
	}
	return int(i)
}

func (d *decoder) boolean(m map[string]any, path, key string) bool {
	x, ok := m[key]
	if !ok || x == nil {
		return false
	}
	b, ok := x.(bool)
	if !ok {
		d.v.Add(join(path, key), "Phải là true hoặc false.")
	}
	return b
}

func (d *decoder) date(m map[string]any, path, key string, required bool) thidua.Date {
	s := d.str(m, path, key, required)
	if s == "" {
		return thidua.Date{}
	}
	t, err := thidua.ParseDate(s)
	if err != nil {
		d.v.Add(join(path, key), "Ngày không hợp lệ \""+s+"\"; viết yyyy-mm-dd hoặc dd/mm/yyyy, ví dụ 2025-12-05 hoặc 05/12/2025.")
	}
	return t
}

func (d *decoder) arr(m map[string]any, path, key string) []any {
	x, ok := m[key]
	if !ok || x == nil {
		return nil
	}
	a, ok := x.([]any)
	if !ok {
		d.v.Add(join(path, key), "Phải là một mảng JSON ([…]).")
	}
	return a
}

// merge adds the field errors of a record's Validate under path.
func (d *decoder) merge(path string, err error) {
	for k, msg := range thidua.ErrorFields(err) {
		d.v.Add(join(path, k), msg)
	}
}

func (d *decoder) subject(path string, x any, member bool) Subject {
	var s Subject
	m, ok := d.obj(path, x, "id", "name", "kind", "gender", "ratings", "titles", "awards", "initiatives",
		"disciplines", "pending_proceedings", "maternity_leave", "leadership", "members", "occupation", "posthumous", "registrations", "cluster_leads")
	if !ok {
		return s
	}
	s.ID = d.str(m, path, "id", false)
	s.Name = d.str(m, path, "name", false)
	s.Kind = d.str(m, path, "kind", !member)
	switch {
	case s.Kind == "" && member:
		s.Kind = Individual
	case s.Kind == Individual, (s.Kind == Collective || s.Kind == Household) && !member:
	case s.Kind == Collective || s.Kind == Household:
		d.v.Add(join(path, "kind"), "Thành viên của tập thể phải là cá nhân (individual).")
	case s.Kind != "":
		d.v.Add(join(path, "kind"), "Phải là \"individual\" (cá nhân), \"collective\" (tập thể) hoặc \"household\" (hộ gia đình).")
	}
	if occ := d.str(m, path, "occupation", false); occ != "" {
		switch {
		case s.Kind != Individual && s.Kind != "":
			d.v.Add(join(path, "occupation"), "Chỉ ghi đối tượng (công nhân, nông dân, người lao động) cho cá nhân.")
		case thidua.Label(Occupations, occ) == occ:
			d.v.Add(join(path, "occupation"), "Phải là "+OccupationWorker+" (công nhân), "+OccupationFarmer+" (nông dân) hoặc "+OccupationLabourer+" (người lao động ngoài khu vực nhà nước); bỏ trống cho cán bộ, công chức, viên chức.")
		default:
			s.Occupation = occ
		}
	}
	s.Posthumous = d.boolean(m, path, "posthumous")
	if s.Posthumous && s.Kind != Individual && s.Kind != "" {
		d.v.Add(join(path, "posthumous"), "Chỉ truy tặng cho cá nhân.")
	}
	if x, ok := m["registrations"]; ok && x != nil {
		s.Registrations = []int{}
		for i, yx := range d.arr(m, path, "registrations") {
			n, ok := yx.(json.Number)
			y, err := strconv.Atoi(string(n))
			if !ok || err != nil || y < 1945 || y > 2200 {
				d.v.Add(index(join(path, "registrations"), i), "Phải là năm đăng ký thi đua (số nguyên từ 1945 đến 2200).")
				continue
			}
			s.Registrations = append(s.Registrations, y)
		}
	}
	for i, yx := range d.arr(m, path, "cluster_leads") {
		n, ok := yx.(json.Number)
		y, err := strconv.Atoi(string(n))
		if !ok || err != nil || y < 1945 || y > 2200 || s.Kind != Collective {
			d.v.Add(index(join(path, "cluster_leads"), i), "Phải là năm tập thể dẫn đầu cụm, khối thi đua (số nguyên từ 1945 đến 2200), chỉ ghi cho tập thể.")
			continue
		}
		s.ClusterLeads = append(s.ClusterLeads, y)
	}
	switch g := d.str(m, path, "gender", false); strings.ToLower(g) {
	case "":
	case Female, "nu", "nữ":
		s.Gender = Female
	case Male, "nam":
		s.Gender = Male
	default:
		d.v.Add(join(path, "gender"), "Phải là \"female\" (nữ) hoặc \"male\" (nam).")
	}
	years := map[int]bool{}
	for i, rx := range d.arr(m, path, "ratings") {
		p := index(join(path, "ratings"), i)
		rm, ok := d.obj(p, rx, "year", "rating", "source")
		if !ok {
			continue
		}
		r := thidua.Rating{Year: d.integer(rm, p, "year", true), Code: d.str(rm, p, "rating", true), Source: d.str(rm, p, "source", false)}
		d.merge(p, r.Validate())
		if years[r.Year] {
			d.v.Add(join(p, "year"), fmt.Sprintf("Năm %d đã có xếp loại; mỗi năm chỉ một xếp loại.", r.Year))
		}
		years[r.Year] = true
		s.Ratings = append(s.Ratings, r)
	}
	titles := map[string]bool{}
	for i, tx := range d.arr(m, path, "titles") {
		p := index(join(path, "titles"), i)
		tm, ok := d.obj(p, tx, "year", "code", "path", "decision", "revoked", "revoked_reason")
		if !ok {
			continue
		}
		t := thidua.TitleRecord{Year: d.integer(tm, p, "year", true), Code: d.str(tm, p, "code", true), Path: d.str(tm, p, "path", false),
			Decision: d.str(tm, p, "decision", false), Revoked: d.boolean(tm, p, "revoked"), RevokedReason: d.str(tm, p, "revoked_reason", false)}
		d.merge(p, t.Validate())
		if s.Kind == Household {
			d.v.Add(join(p, "code"), "Hộ gia đình không ghi danh hiệu thi đua "+t.Code+" (chỉ có danh hiệu \"Gia đình văn hóa\").")
		} else if titleIndex(t.Code) >= 0 && s.Kind != "" && thidua.CollectiveTitle(t.Code) != (s.Kind == Collective) {
			if s.Kind == Collective {
				d.v.Add(join(p, "code"), "Danh hiệu "+t.Code+" dành cho cá nhân, không ghi cho tập thể.")
			} else {
				d.v.Add(join(p, "code"), "Danh hiệu "+t.Code+" dành cho tập thể, không ghi cho cá nhân.")
			}
		}
		key := fmt.Sprint(t.Year, t.Code)
		if titles[key] && !t.Revoked {
			d.v.Add(p, fmt.Sprintf("Danh hiệu %s năm %d bị ghi hai lần.", t.Code, t.Year))
		}
		if !t.Revoked {
			titles[key] = true
		}
		s.Titles = append(s.Titles, t)
	}
	for i, ax := range d.arr(m, path, "awards") {
		p := index(join(path, "awards"), i)
		am, ok := d.obj(p, ax, "code", "date", "type", "decision", "revoked", "revoked_reason")
		if !ok {
			continue
		}
		a := thidua.Award{Code: d.str(am, p, "code", true), Date: d.date(am, p, "date", true), Type: d.str(am, p, "type", true),
			Decision: d.str(am, p, "decision", false), Revoked: d.boolean(am, p, "revoked"), RevokedReason: d.str(am, p, "revoked_reason", false)}
		d.merge(p, a.Validate())
		s.Awards = append(s.Awards, a)
	}
	for i, ix := range d.arr(m, path, "initiatives") {
		p := index(join(path, "initiatives"), i)
		im, ok := d.obj(p, ix, "year", "level", "kind", "title", "consumed_by")
		if !ok {
			continue
		}
		in := thidua.Initiative{Year: d.integer(im, p, "year", true), Level: d.str(im, p, "level", true), Kind: d.str(im, p, "kind", false),
			Title: d.str(im, p, "title", false), ConsumedBy: d.str(im, p, "consumed_by", false)}
		d.merge(p, in.Validate())
		if in.ConsumedBy != "" && !knownAward(in.ConsumedByCode()) {
			d.v.Add(join(p, "consumed_by"), "Phải bắt đầu bằng mã danh hiệu hoặc hình thức khen thưởng đã dùng sáng kiến, ví dụ \"CSTDCS 2024\" hoặc \"BKCT 15/QĐ-UBND\".")
		}
		s.Initiatives = append(s.Initiatives, in)
	}
	for i, dx := range d.arr(m, path, "disciplines") {
		p := index(join(path, "disciplines"), i)
		dm, ok := d.obj(p, dx, "from", "to", "level", "decision")
		if !ok {
			continue
		}
		di := thidua.Discipline{From: d.date(dm, p, "from", true), To: d.date(dm, p, "to", false), Level: d.str(dm, p, "level", true), Decision: d.str(dm, p, "decision", false)}
		d.merge(p, di.Validate())
		s.Disciplines = append(s.Disciplines, di)
	}
	s.PendingProceedings = d.boolean(m, path, "pending_proceedings")
	for i, px := range d.arr(m, path, "maternity_leave") {
		p := index(join(path, "maternity_leave"), i)
		pm, ok := d.obj(p, px, "from", "to")
		if !ok {
			continue
		}
		per := thidua.Period{From: d.date(pm, p, "from", true), To: d.date(pm, p, "to", true)}
		d.merge(p, per.Validate())
		if s.Kind == Collective || s.Kind == Household {
			d.v.Add(p, "Chỉ ghi thời gian nghỉ thai sản cho cá nhân.")
		}
		s.MaternityLeave = append(s.MaternityLeave, per)
	}
	for i, lx := range d.arr(m, path, "leadership") {
		p := index(join(path, "leadership"), i)
		lm, ok := d.obj(p, lx, "post", "title", "from", "to")
		if !ok {
			continue
		}
		l := thidua.LeadershipPost{Post: d.str(lm, p, "post", true), Title: d.str(lm, p, "title", false), From: d.date(lm, p, "from", true), To: d.date(lm, p, "to", false)}
		d.merge(p, l.Validate())
		s.Leadership = append(s.Leadership, l)
	}
	members := d.arr(m, path, "members")
	if len(members) > 0 && s.Kind != Collective {
		d.v.Add(join(path, "members"), "Chỉ tập thể (collective) mới có danh sách thành viên.")
	}
	if member && len(members) > 0 {
		return s
	}
	for i, mx := range members {
		s.Members = append(s.Members, d.subject(index(join(path, "members"), i), mx, true))
	}
	return s
}
