// Package importer reads Excel workbooks (xlsx) of units, people and award
// histories into a thidua.ImportBatch, streaming each sheet with excelize's
// row iterator on raw cell values, and checks every row: required fields,
// dates (dd/mm/yyyy text or Excel dates), known codes, unit paths and
// duplicates within the file. Every problem is located by sheet, row and
// column and worded in Vietnamese. It also writes the downloadable
// templates. It knows no database: the storage layer checks a batch against
// what is stored and applies it.
package importer

import (
	"regexp"
	"strings"

	"thidua"
)

// Field keys of the columns.
const (
	colPath       = "path"
	colAbbrev     = "abbrev"
	colKind       = "kind"
	colActive     = "active"
	colFullName   = "full_name"
	colBirth      = "birth_date"
	colGender     = "gender"
	colUnit       = "unit"
	colPosition   = "position"
	colLeader     = "leader"
	colCategory   = "category"
	colStart      = "start_date"
	colStatus     = "status"
	colYear       = "year"
	colRating     = "rating"
	colSource     = "source"
	colCode       = "code"
	colAwardType  = "type"
	colDecision   = "decision"
	colDate       = "date"
	colTitlePath  = "title_path"
	colRevoked    = "revoked"
	colReason     = "revoked_reason"
	colTitle      = "title"
	colInitKind   = "initiative_kind"
	colLevel      = "level"
	colConsumedBy = "consumed_by"
)

// column describes one column of a sheet.
type column struct {
	key      string
	header   string   // as written in the template
	aliases  []string // other headers accepted (compared folded)
	required bool
	width    float64
	note     string // what to write, shown in the instructions sheet
	options  []thidua.Option
}

// sheetDef describes one kind of sheet.
type sheetDef struct {
	kind    string
	name    string   // sheet name in the template
	aliases []string // other sheet names accepted (compared folded)
	title   string   // what the sheet holds, for the instructions
	columns []column
}

var yesNo = []thidua.Option{{Code: "Có", Label: "Có"}, {Code: "Không", Label: "Không"}}

// Subject columns shared by the history sheets.
var subjectColumns = []column{
	{key: colFullName, header: "Họ và tên", aliases: []string{"Họ tên", "Tên cá nhân"}, width: 26,
		note: "Họ và tên cá nhân; để trống khi bản ghi là của tập thể (đơn vị ở cột Đơn vị)."},
	{key: colBirth, header: "Ngày sinh", width: 13,
		note: "dd/mm/yyyy hoặc ô kiểu ngày của Excel; bắt buộc khi có họ và tên."},
	{key: colUnit, header: "Đơn vị", aliases: []string{"Đơn vị công tác", "Tập thể"}, required: true, width: 48,
		note: "Đường dẫn đơn vị, ngăn cách các cấp bằng « / », ví dụ: Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức."},
}

var sheets = []sheetDef{
	{
		kind: thidua.ImportUnits, name: "Đơn vị", aliases: []string{"Danh sách đơn vị", "Cơ quan, đơn vị", "Don vi"},
		title: "Cơ quan, đơn vị (cây tổ chức)",
		columns: []column{
			{key: colPath, header: "Đơn vị", aliases: []string{"Đường dẫn đơn vị", "Tên đơn vị"}, required: true, width: 60,
				note: "Đường dẫn từ đơn vị đã có (hoặc đơn vị gốc) tới đơn vị, các cấp ngăn cách bằng « / », ví dụ: Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức / Tổ Văn thư – Lưu trữ. Đơn vị cấp trên phải có sẵn hoặc nằm ở dòng khác của trang này."},
			{key: colAbbrev, header: "Tên viết tắt", aliases: []string{"Viết tắt", "Ký hiệu"}, width: 14,
				note: "Chữ in hoa không dấu (trừ Đ), chữ số và dấu gạch ngang, ví dụ HCTC."},
			{key: colKind, header: "Loại đơn vị", required: true, width: 24, options: thidua.UnitKinds,
				note: "Một trong: " + optionLabels(thidua.UnitKinds) + "."},
			{key: colActive, header: "Đang hoạt động", aliases: []string{"Hoạt động"}, width: 14, options: yesNo,
				note: "Có hoặc Không; để trống là Có."},
		},
	},
	{
		kind: thidua.ImportPeople, name: "Cá nhân", aliases: []string{"Danh sách cá nhân", "Cán bộ", "Nhân sự", "Danh sách cán bộ", "Ca nhan"},
		title: "Cá nhân (cán bộ, công chức, viên chức, người lao động)",
		columns: []column{
			{key: colFullName, header: "Họ và tên", aliases: []string{"Họ tên"}, required: true, width: 26,
				note: "Họ, tên đệm và tên."},
			{key: colBirth, header: "Ngày sinh", required: true, width: 13,
				note: "dd/mm/yyyy hoặc ô kiểu ngày của Excel. Cùng họ tên, ngày sinh và đơn vị là cùng một người: nhập lại tệp sẽ cập nhật, không tạo trùng."},
			{key: colGender, header: "Giới tính", required: true, width: 10, options: thidua.Genders,
				note: "Nam hoặc Nữ."},
			{key: colUnit, header: "Đơn vị", aliases: []string{"Đơn vị công tác"}, required: true, width: 48,
				note: "Đường dẫn đơn vị, ví dụ: Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức."},
			{key: colPosition, header: "Chức vụ", aliases: []string{"Chức vụ, chức danh", "Chức danh"}, width: 28,
				note: "Chức vụ hoặc chức danh, ví dụ Chuyên viên."},
			{key: colLeader, header: "Lãnh đạo, quản lý", aliases: []string{"Lãnh đạo", "Là lãnh đạo, quản lý"}, width: 12, options: yesNo,
				note: "Có nếu giữ chức vụ lãnh đạo, quản lý; để trống là Không."},
			{key: colCategory, header: "Đối tượng", required: true, width: 18, options: thidua.Categories,
				note: "Một trong: " + optionLabels(thidua.Categories) + "."},
			{key: colStart, header: "Ngày vào công tác", aliases: []string{"Ngày bắt đầu công tác"}, width: 14,
				note: "dd/mm/yyyy, không bắt buộc."},
			{key: colStatus, header: "Trạng thái", width: 22, options: thidua.PersonStatuses,
				note: "Đang công tác (mặc định) hoặc Đã nghỉ hưu, nghỉ việc."},
		},
	},
	{
		kind: thidua.ImportRatings, name: "Xếp loại", aliases: []string{"Xếp loại chất lượng", "Đánh giá, xếp loại", "Xep loai"},
		title: "Xếp loại chất lượng hằng năm",
		columns: append(append([]column{}, subjectColumns...),
			column{key: colYear, header: "Năm", required: true, width: 8, note: "Năm được xếp loại, ví dụ 2025."},
			column{key: colRating, header: "Xếp loại", aliases: []string{"Mức xếp loại", "Kết quả xếp loại"}, required: true, width: 30, options: thidua.RatingCodes,
				note: "Mã hoặc tên: " + optionPairs(thidua.RatingCodes) + "."},
			column{key: colSource, header: "Văn bản xếp loại", aliases: []string{"Căn cứ", "Nguồn"}, width: 22,
				note: "Số văn bản thông báo kết quả, ví dụ 06/TB-VPUBND."},
		),
	},
	{
		kind: thidua.ImportAwards, name: "Khen thưởng", aliases: []string{"Danh hiệu, hình thức", "Danh hiệu, khen thưởng", "Danh hiệu thi đua, hình thức khen thưởng", "Khen thuong"},
		title: "Danh hiệu thi đua và hình thức khen thưởng đã nhận",
		columns: append(append([]column{}, subjectColumns...),
			column{key: colYear, header: "Năm", width: 8,
				note: "Năm của danh hiệu (bắt buộc với danh hiệu thi đua); với hình thức khen thưởng để trống thì lấy năm của ngày quyết định."},
			column{key: colCode, header: "Danh hiệu, hình thức", aliases: []string{"Danh hiệu, hình thức khen thưởng", "Danh hiệu", "Hình thức khen thưởng", "Mã"}, required: true, width: 36,
				note: "Mã hoặc tên. Danh hiệu thi đua: " + optionPairs(thidua.Titles) + ". Hình thức khen thưởng: " + optionPairs(thidua.Forms) + "."},
			column{key: colAwardType, header: "Loại hình khen thưởng", aliases: []string{"Loại hình"}, width: 30, options: thidua.AwardTypes,
				note: "Bắt buộc với hình thức khen thưởng: " + optionPairs(thidua.AwardTypes) + "."},
			column{key: colDecision, header: "Số quyết định", aliases: []string{"Quyết định", "Số QĐ"}, width: 18,
				note: "Ví dụ 12/QĐ-VPUBND."},
			column{key: colDate, header: "Ngày quyết định", aliases: []string{"Ngày QĐ", "Ngày ký"}, width: 14,
				note: "dd/mm/yyyy; bắt buộc với hình thức khen thưởng."},
			column{key: colTitlePath, header: "Căn cứ đạt danh hiệu", aliases: []string{"Căn cứ đạt"}, width: 24, options: thidua.TitlePaths,
				note: "Không bắt buộc: " + optionPairs(thidua.TitlePaths) + "."},
			column{key: colRevoked, header: "Đã bị hủy", aliases: []string{"Bị hủy bỏ"}, width: 10, options: yesNo,
				note: "Có nếu danh hiệu, hình thức đã bị hủy bỏ; để trống là Không."},
			column{key: colReason, header: "Lý do hủy", width: 24, note: "Chỉ ghi khi đã bị hủy."},
		),
	},
	{
		kind: thidua.ImportInitiatives, name: "Sáng kiến", aliases: []string{"Sáng kiến, đề tài", "Sang kien"},
		title: "Sáng kiến, đề tài khoa học đã được công nhận",
		columns: append(append([]column{}, subjectColumns...),
			column{key: colYear, header: "Năm", aliases: []string{"Năm công nhận"}, required: true, width: 8, note: "Năm được công nhận."},
			column{key: colTitle, header: "Tên sáng kiến, đề tài", aliases: []string{"Tên sáng kiến", "Tên đề tài"}, width: 44, note: "Tên sáng kiến hoặc đề tài."},
			column{key: colInitKind, header: "Loại", aliases: []string{"Loại sáng kiến"}, width: 22, options: thidua.InitiativeKinds,
				note: optionPairs(thidua.InitiativeKinds) + "; để trống là sáng kiến."},
			column{key: colLevel, header: "Cấp công nhận", required: true, width: 22, options: thidua.InitiativeLevels,
				note: optionPairs(thidua.InitiativeLevels) + "."},
			column{key: colConsumedBy, header: "Đã dùng cho khen thưởng", aliases: []string{"Đã sử dụng cho"}, width: 26,
				note: "Khen thưởng đã dùng sáng kiến làm căn cứ, bắt đầu bằng mã, ví dụ CSTDCS 2024; để trống nếu chưa dùng."},
		),
	},
}

// Sheets that instructions and lists live on; never imported.
var ignoredSheets = []string{"Hướng dẫn", "Danh mục", "Huong dan", "Danh muc"}

func sheetByKind(kind string) *sheetDef {
	for i := range sheets {
		if sheets[i].kind == kind {
			return &sheets[i]
		}
	}
	return nil
}

// SheetName returns the template's sheet name of a kind.
func SheetName(kind string) string {
	if s := sheetByKind(kind); s != nil {
		return s.name
	}
	return kind
}

// Headers returns the template's column headers of a sheet kind, in order;
// exports use them so that an exported list can be imported again.
func Headers(kind string) []string {
	s := sheetByKind(kind)
	if s == nil {
		return nil
	}
	out := make([]string, len(s.columns))
	for i, c := range s.columns {
		out[i] = c.header
	}
	return out
}

// Kinds lists the sheet kinds in the order they are applied (parents first).
func Kinds() []string {
	out := make([]string, len(sheets))
	for i, s := range sheets {
		out[i] = s.kind
	}
	return out
}

var parenRE = regexp.MustCompile(`\([^)]*\)`)

// headerKey folds a header for matching: text in parentheses ("(*)",
// "(dd/mm/yyyy)") is dropped, accents and punctuation removed.
func headerKey(s string) string {
	return thidua.Fold(parenRE.ReplaceAllString(s, " "))
}

// matchSheet returns the definition whose name or alias matches the sheet name.
func matchSheet(name string) *sheetDef {
	k := headerKey(name)
	for i := range sheets {
		if headerKey(sheets[i].name) == k {
			return &sheets[i]
		}
		for _, a := range sheets[i].aliases {
			if headerKey(a) == k {
				return &sheets[i]
			}
		}
	}
	return nil
}

func ignoredSheet(name string) bool {
	k := headerKey(name)
	for _, s := range ignoredSheets {
		if headerKey(s) == k {
			return true
		}
	}
	return false
}

// matchColumn returns the index of the column whose header or alias
// matches a header cell, or -1.
func (s *sheetDef) matchColumn(header string) int {
	k := headerKey(header)
	if k == "" {
		return -1
	}
	for i, c := range s.columns {
		if headerKey(c.header) == k {
			return i
		}
		for _, a := range c.aliases {
			if headerKey(a) == k {
				return i
			}
		}
	}
	return -1
}

func optionLabels(opts []thidua.Option) string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Label)
	}
	return strings.Join(out, "; ")
}

func optionPairs(opts []thidua.Option) string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Code+" – "+o.Label)
	}
	return strings.Join(out, "; ")
}
