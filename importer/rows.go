package importer

import (
	"strings"

	"thidua"
)

// rowParser reads the data rows of one sheet whose header row is known.
// It is pure: a row's cells in, a record and the row's problems out.
type rowParser struct {
	def      *sheetDef
	sheet    string         // the sheet's name in the workbook
	idx      []int          // per def.columns: the cell index, -1 when the column is absent
	letters  []string       // per def.columns: the column letter
	headers  []string       // per def.columns: the header as written in the file
	pos      map[string]int // field key → index in def.columns
	date1904 bool
	today    thidua.Date
	// Caches of the conversions that repeat from row to row: unit paths,
	// coded values (a column holds few distinct ones), folded path keys.
	paths   map[string]pathEntry
	options map[string]optionEntry
	keys    map[*string]string // a cached path's first element → its folded key
}

type pathEntry struct {
	path []string
	key  string // folded, for duplicate checks
	err  error
}

type optionEntry struct {
	code string
	ok   bool
}

func newRowParser(def *sheetDef, sheet string, idx []int, headers []string, date1904 bool, today thidua.Date) *rowParser {
	p := &rowParser{def: def, sheet: sheet, idx: idx, headers: headers, pos: map[string]int{},
		letters: make([]string, len(def.columns)), date1904: date1904, today: today,
		paths: map[string]pathEntry{}, options: map[string]optionEntry{}, keys: map[*string]string{}}
	for i, c := range def.columns {
		p.pos[c.key] = i
		if idx[i] >= 0 {
			p.letters[i] = columnLetter(idx[i])
			if p.headers[i] == "" {
				p.headers[i] = c.header
			}
		}
	}
	return p
}

// columns describes the sheet's columns for the batch.
func (p *rowParser) columns() map[string]thidua.ImportColumn {
	out := map[string]thidua.ImportColumn{}
	for i, c := range p.def.columns {
		if p.idx[i] >= 0 {
			out[c.key] = thidua.ImportColumn{Letter: p.letters[i], Header: p.headers[i]}
		}
	}
	return out
}

// rowState collects the problems of one row, at most one per column.
type rowState struct {
	p        *rowParser
	row      int
	cells    []string
	problems []thidua.ImportProblem
	bad      map[string]bool
	// unitPath is the unit the row names (a unit row: its parent), kept
	// so that a row refused for other problems still has it checked.
	unitPath  []string
	unitField string
}

func (r *rowState) get(key string) string {
	i, ok := r.p.pos[key]
	if !ok {
		return ""
	}
	j := r.p.idx[i]
	if j < 0 || j >= len(r.cells) {
		return ""
	}
	// Worksheet XML is UTF-8, but a broken file must not carry invalid
	// bytes into messages or the database (PostgreSQL refuses them).
	return strings.ToValidUTF8(r.cells[j], "\uFFFD")
}

// text returns a cell as normalized text (NFC, spaces collapsed).
func (r *rowState) text(key string) string { return thidua.NormalizeText(r.get(key)) }

func (r *rowState) add(key, msg string) {
	if r.bad == nil {
		r.bad = map[string]bool{}
	}
	if r.bad[key] {
		return
	}
	r.bad[key] = true
	pr := thidua.ImportProblem{Sheet: r.p.sheet, Row: r.row, Message: msg}
	if i, ok := r.p.pos[key]; ok {
		pr.Column, pr.Field = r.p.letters[i], r.p.headers[i]
		if pr.Field == "" {
			pr.Field = r.p.def.columns[i].header
		}
	}
	r.problems = append(r.problems, pr)
}

// addFields adds a domain validation error's field messages, mapping the
// domain's field names to columns.
func (r *rowState) addFields(err error, fieldCols map[string]string) {
	for f, msg := range thidua.ErrorFields(err) {
		col, ok := fieldCols[f]
		if !ok {
			continue
		}
		r.add(col, msg)
	}
}

func (r *rowState) required(key string) string {
	s := r.text(key)
	if s == "" {
		r.add(key, r.header(key)+" không được để trống.")
	}
	return s
}

func (r *rowState) header(key string) string {
	if i, ok := r.p.pos[key]; ok {
		if h := r.p.headers[i]; h != "" {
			return h
		}
		return r.p.def.columns[i].header
	}
	return key
}

func (r *rowState) option(key string, opts []thidua.Option, required bool) string {
	s := r.text(key)
	if s == "" {
		if required {
			r.add(key, r.header(key)+" không được để trống.")
		}
		return ""
	}
	ck := key + "\x00" + s
	e, cached := r.p.options[ck]
	if !cached {
		e.code, e.ok = matchOption(opts, s)
		if len(r.p.options) < 10000 {
			r.p.options[ck] = e
		}
	}
	code, ok := e.code, e.ok
	if !ok {
		r.add(key, "Giá trị «"+clip(s)+"» không hợp lệ; ghi một trong: "+optionLabels(opts)+".")
	}
	return code
}

func (r *rowState) boolean(key string, def bool) bool {
	s := r.text(key)
	if s == "" {
		return def
	}
	v, ok := parseBool(s)
	if !ok {
		r.add(key, "Giá trị «"+clip(s)+"» không hợp lệ; ghi Có hoặc Không.")
	}
	return v
}

func (r *rowState) date(key string, required bool) thidua.Date {
	s := strings.TrimSpace(r.get(key))
	if s == "" {
		if required {
			r.add(key, r.header(key)+" không được để trống.")
		}
		return thidua.Date{}
	}
	d, err := parseDateCell(s, r.p.date1904)
	if err != nil {
		r.add(key, err.Error())
	}
	return d
}

func (r *rowState) year(key string, required bool) int {
	s := strings.TrimSpace(r.get(key))
	if s == "" {
		if required {
			r.add(key, r.header(key)+" không được để trống.")
		}
		return 0
	}
	y, err := parseYear(s)
	if err != nil {
		r.add(key, err.Error())
	}
	return y
}

func (r *rowState) path(key string) []string {
	raw := r.get(key)
	e, cached := r.p.paths[raw]
	if !cached {
		s := thidua.NormalizeText(raw)
		if s == "" {
			r.add(key, r.header(key)+" không được để trống.")
			return nil
		}
		e.path, e.err = splitPath(s)
		e.key = pathKey(e.path)
		if len(r.p.paths) < 10000 {
			r.p.paths[raw] = e
			if len(e.path) > 0 {
				r.p.keys[&e.path[0]] = e.key
			}
		}
	}
	if e.err != nil {
		r.add(key, e.err.Error())
	}
	return e.path
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	rs := []rune(s)
	if len(rs) > 60 {
		return string(rs[:57]) + "…"
	}
	return s
}

// blank reports whether a row has no text at all.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// record is what one row yields: exactly one of the fields is set, or
// only check for a row with problems whose unit path is still to check.
type record struct {
	check      *thidua.ImportPathCheck
	unit       *thidua.ImportUnit
	person     *thidua.ImportPerson
	rating     *thidua.ImportRating
	title      *thidua.ImportTitle
	award      *thidua.ImportAward
	initiative *thidua.ImportInitiative
}

// parse reads one data row (row is its Excel number). A row with problems
// yields no record, only the unit path it names (when that column is not
// itself bad) for the planner to check, so that one round reports every
// problem of the row.
func (p *rowParser) parse(row int, cells []string) (record, []thidua.ImportProblem) {
	r := &rowState{p: p, row: row, cells: cells}
	ref := thidua.ImportRef{Sheet: p.sheet, Row: row}
	var rec record
	switch p.def.kind {
	case thidua.ImportUnits:
		rec.unit = r.unit(ref)
	case thidua.ImportPeople:
		rec.person = r.person(ref)
	case thidua.ImportRatings:
		rec.rating = r.rating(ref)
	case thidua.ImportAwards:
		rec.title, rec.award = r.award(ref)
	case thidua.ImportInitiatives:
		rec.initiative = r.initiative(ref)
	}
	if len(r.problems) > 0 {
		var rec record
		if len(r.unitPath) > 0 && !r.bad[r.unitField] {
			rec.check = &thidua.ImportPathCheck{Ref: ref, Field: r.unitField, Path: r.unitPath}
		}
		return rec, r.problems
	}
	return rec, nil
}

func (r *rowState) unit(ref thidua.ImportRef) *thidua.ImportUnit {
	u := &thidua.ImportUnit{Ref: ref, Path: r.path(colPath)}
	u.Abbrev = strings.ToUpper(r.text(colAbbrev))
	u.Kind = r.option(colKind, thidua.UnitKinds, true)
	u.Active = r.boolean(colActive, true)
	if len(u.Path) > 1 {
		r.unitPath, r.unitField = u.Path[:len(u.Path)-1], colPath
	}
	if len(u.Path) > 0 {
		check := thidua.Unit{Name: u.Path[len(u.Path)-1], Abbrev: u.Abbrev, Kind: u.Kind}
		check.Normalize()
		r.addFields(check.Validate(), map[string]string{"name": colPath, "abbrev": colAbbrev, "kind": colKind})
	}
	return u
}

func (r *rowState) person(ref thidua.ImportRef) *thidua.ImportPerson {
	ip := &thidua.ImportPerson{Ref: ref}
	p := &ip.Person
	p.FullName = r.required(colFullName)
	p.BirthDate = r.date(colBirth, true)
	p.Gender = r.option(colGender, thidua.Genders, true)
	ip.UnitPath = r.path(colUnit)
	r.unitPath, r.unitField = ip.UnitPath, colUnit
	p.Position = r.text(colPosition)
	p.IsLeader = r.boolean(colLeader, false)
	p.Category = r.option(colCategory, thidua.Categories, true)
	p.StartDate = r.date(colStart, false)
	p.Status = r.option(colStatus, thidua.PersonStatuses, false)
	p.Normalize()
	p.UnitID = 1 // resolved later; any positive value passes validation
	r.addFields(p.Validate(r.p.today), map[string]string{
		"full_name": colFullName, "position": colPosition, "gender": colGender, "category": colCategory,
		"status": colStatus, "birth_date": colBirth, "start_date": colStart,
	})
	p.UnitID = 0
	return ip
}

// subject reads the name, birth date and unit columns of a history row.
func (r *rowState) subject() thidua.ImportSubject {
	s := thidua.ImportSubject{FullName: r.text(colFullName)}
	s.BirthDate = r.date(colBirth, false)
	s.UnitPath = r.path(colUnit)
	r.unitPath, r.unitField = s.UnitPath, colUnit
	switch {
	case s.FullName != "" && s.BirthDate.IsZero() && !r.bad[colBirth]:
		r.add(colBirth, "Ngày sinh không được để trống khi có họ và tên (cùng với họ tên và đơn vị để nhận ra cá nhân).")
	case s.FullName == "" && !s.BirthDate.IsZero():
		r.add(colFullName, "Có ngày sinh nhưng thiếu họ và tên; để trống cả hai khi bản ghi là của tập thể.")
	case s.FullName != "" && len(strings.Fields(s.FullName)) < 2:
		r.add(colFullName, "Vui lòng nhập đủ họ và tên (ít nhất hai từ).")
	}
	return s
}

func (r *rowState) rating(ref thidua.ImportRef) *thidua.ImportRating {
	x := &thidua.ImportRating{Ref: ref, Subject: r.subject()}
	x.Rating.Year = r.year(colYear, true)
	x.Rating.Code = r.option(colRating, thidua.RatingCodes, true)
	x.Rating.Source = r.text(colSource)
	if !r.bad[colYear] && !r.bad[colRating] {
		r.addFields(x.Rating.Validate(), map[string]string{"year": colYear, "rating": colRating, "source": colSource})
	}
	return x
}

func (r *rowState) award(ref thidua.ImportRef) (*thidua.ImportTitle, *thidua.ImportAward) {
	subj := r.subject()
	raw := r.text(colCode)
	year := r.year(colYear, false)
	decision := r.text(colDecision)
	date := r.date(colDate, false)
	revoked := r.boolean(colRevoked, false)
	reason := r.text(colReason)
	if raw == "" {
		r.add(colCode, r.header(colCode)+" không được để trống.")
		return nil, nil
	}
	if code, ok := matchOption(thidua.Titles, raw); ok {
		t := &thidua.ImportTitle{Ref: ref, Subject: subj}
		if year == 0 && !r.bad[colYear] {
			year = date.Year()
			if date.IsZero() {
				r.add(colYear, "Năm không được để trống với danh hiệu thi đua.")
			}
		}
		t.Title = thidua.TitleRecord{Year: year, Code: code, Decision: decision, Revoked: revoked, RevokedReason: reason}
		t.Title.Path = r.option(colTitlePath, thidua.TitlePaths, false)
		if r.text(colAwardType) != "" {
			r.add(colAwardType, "Loại hình khen thưởng chỉ ghi cho hình thức khen thưởng, không ghi cho danh hiệu thi đua.")
		}
		if thidua.CollectiveTitle(code) != subj.IsUnit() {
			if subj.IsUnit() {
				r.add(colCode, "Danh hiệu «"+thidua.Label(thidua.Titles, code)+"» dành cho cá nhân; hãy ghi họ và tên.")
			} else {
				r.add(colCode, "Danh hiệu «"+thidua.Label(thidua.Titles, code)+"» dành cho tập thể; để trống họ và tên.")
			}
		}
		r.addFields(t.Title.Validate(), map[string]string{"year": colYear, "code": colCode, "path": colTitlePath,
			"decision": colDecision, "revoked_reason": colReason})
		return t, nil
	}
	if code, ok := matchOption(thidua.Forms, raw); ok {
		a := &thidua.ImportAward{Ref: ref, Subject: subj}
		a.Award = thidua.Award{Code: code, Date: date, Decision: decision, Revoked: revoked, RevokedReason: reason}
		a.Award.Type = r.option(colAwardType, thidua.AwardTypes, true)
		if date.IsZero() && !r.bad[colDate] {
			r.add(colDate, "Ngày quyết định không được để trống với hình thức khen thưởng.")
		}
		if r.text(colTitlePath) != "" {
			r.add(colTitlePath, "Căn cứ đạt danh hiệu chỉ ghi cho danh hiệu thi đua.")
		}
		r.addFields(a.Award.Validate(), map[string]string{"code": colCode, "date": colDate, "type": colAwardType,
			"decision": colDecision, "revoked_reason": colReason})
		return nil, a
	}
	r.add(colCode, "«"+clip(raw)+"» không phải danh hiệu thi đua hay hình thức khen thưởng đã biết; ghi mã hoặc tên, ví dụ CSTDCS (Chiến sĩ thi đua cơ sở) hoặc GK (Giấy khen).")
	return nil, nil
}

func (r *rowState) initiative(ref thidua.ImportRef) *thidua.ImportInitiative {
	x := &thidua.ImportInitiative{Ref: ref, Subject: r.subject()}
	in := &x.Initiative
	in.Year = r.year(colYear, true)
	in.Title = r.text(colTitle)
	in.Kind = r.option(colInitKind, thidua.InitiativeKinds, false)
	if in.Kind == "" {
		in.Kind = thidua.InitiativeSangKien
	}
	in.Level = r.option(colLevel, thidua.InitiativeLevels, true)
	in.ConsumedBy = r.text(colConsumedBy)
	r.addFields(in.Validate(), map[string]string{"year": colYear, "level": colLevel, "kind": colInitKind,
		"title": colTitle, "consumed_by": colConsumedBy})
	return x
}

// columnLetter returns the Excel letter of a 0-based column index.
func columnLetter(i int) string {
	n := i + 1
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
