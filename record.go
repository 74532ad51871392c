package thidua

import (
	"strconv"
	"strings"
)

// This file holds the history records that the eligibility engine reads for
// a person or a unit: quality ratings, emulation titles, commendation forms,
// initiatives, disciplines, pending proceedings, maternity leave and
// leadership posts (law.md §4, R-GEN-01…08). Codes are stable identifiers;
// the []Option lists give their Vietnamese labels in display order.

// Quality ratings (xếp loại chất lượng), best first.
const (
	RatingHTXSNV = "HTXSNV" // hoàn thành xuất sắc nhiệm vụ
	RatingHTTNV  = "HTTNV"  // hoàn thành tốt nhiệm vụ
	RatingHTNV   = "HTNV"   // hoàn thành nhiệm vụ
	RatingKHTNV  = "KHTNV"  // không hoàn thành nhiệm vụ
)

// RatingCodes lists the quality ratings with their labels, best first.
var RatingCodes = []Option{
	{RatingHTXSNV, "Hoàn thành xuất sắc nhiệm vụ"},
	{RatingHTTNV, "Hoàn thành tốt nhiệm vụ"},
	{RatingHTNV, "Hoàn thành nhiệm vụ"},
	{RatingKHTNV, "Không hoàn thành nhiệm vụ"},
}

// RatingRank orders ratings: 4 for HTXSNV down to 1 for KHTNV, 0 for an
// unknown code.
func RatingRank(code string) int {
	switch code {
	case RatingHTXSNV:
		return 4
	case RatingHTTNV:
		return 3
	case RatingHTNV:
		return 2
	case RatingKHTNV:
		return 1
	}
	return 0
}

// Emulation titles (danh hiệu thi đua).
const (
	TitleLDTT   = "LDTT"   // Lao động tiên tiến
	TitleCSTT   = "CSTT"   // Chiến sĩ tiên tiến
	TitleCSTDCS = "CSTDCS" // Chiến sĩ thi đua cơ sở
	TitleCSTDT  = "CSTDT"  // Chiến sĩ thi đua Bộ, ban, ngành, tỉnh
	TitleCSTDTQ = "CSTDTQ" // Chiến sĩ thi đua toàn quốc
	TitleTTLDTT = "TTLDTT" // Tập thể lao động tiên tiến
	TitleTTLDXS = "TTLDXS" // Tập thể lao động xuất sắc
	TitleCTT    = "CTT"    // Cờ thi đua của UBND tỉnh
	TitleCTCP   = "CTCP"   // Cờ thi đua của Chính phủ
)

// Titles lists the emulation titles with their labels.
var Titles = []Option{
	{TitleLDTT, "Lao động tiên tiến"},
	{TitleCSTT, "Chiến sĩ tiên tiến"},
	{TitleCSTDCS, "Chiến sĩ thi đua cơ sở"},
	{TitleCSTDT, "Chiến sĩ thi đua cấp tỉnh"},
	{TitleCSTDTQ, "Chiến sĩ thi đua toàn quốc"},
	{TitleTTLDTT, "Tập thể lao động tiên tiến"},
	{TitleTTLDXS, "Tập thể lao động xuất sắc"},
	{TitleCTT, "Cờ thi đua của Ủy ban nhân dân tỉnh"},
	{TitleCTCP, "Cờ thi đua của Chính phủ"},
}

// CollectiveTitle reports whether a title is given to collectives.
func CollectiveTitle(code string) bool {
	switch code {
	case TitleTTLDTT, TitleTTLDXS, TitleCTT, TitleCTCP:
		return true
	}
	return false
}

// Paths by which a title was earned (e.g. CSTĐCS by HTXSNV or by initiative,
// law.md §5.7).
const (
	PathHTXSNV     = "HTXSNV"
	PathInitiative = "INITIATIVE"
	PathResearch   = "RESEARCH"
	PathCombat     = "COMBAT"
)

// TitlePaths lists the paths with their labels.
var TitlePaths = []Option{
	{PathHTXSNV, "Hoàn thành xuất sắc nhiệm vụ"},
	{PathInitiative, "Có sáng kiến được công nhận"},
	{PathResearch, "Có đề tài, đề án, công trình khoa học được nghiệm thu"},
	{PathCombat, "Mưu trí, sáng tạo trong chiến đấu"},
}

// Commendation forms (hình thức khen thưởng).
const (
	FormGK    = "GK"    // Giấy khen
	FormBKCT  = "BKCT"  // Bằng khen của Chủ tịch UBND tỉnh
	FormBKBN  = "BKBN"  // Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương
	FormBKTTG = "BKTTG" // Bằng khen của Thủ tướng Chính phủ
	FormHCLD3 = "HCLD3" // Huân chương Lao động hạng Ba
	FormHCLD2 = "HCLD2" // Huân chương Lao động hạng Nhì
	FormHCLD1 = "HCLD1" // Huân chương Lao động hạng Nhất
)

// Forms lists the commendation forms with their labels.
var Forms = []Option{
	{FormGK, "Giấy khen"},
	{FormBKCT, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
	{FormBKBN, "Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương"},
	{FormBKTTG, "Bằng khen của Thủ tướng Chính phủ"},
	{FormHCLD3, "Huân chương Lao động hạng Ba"},
	{FormHCLD2, "Huân chương Lao động hạng Nhì"},
	{FormHCLD1, "Huân chương Lao động hạng Nhất"},
}

// Award types (loại hình khen thưởng, Luật Điều 8, R-GEN-01).
const (
	AwardCongTrang = "CONG_TRANG"
	AwardDotXuat   = "DOT_XUAT"
	AwardPhongTrao = "PHONG_TRAO"
	AwardCongHien  = "CONG_HIEN"
	AwardNienHan   = "NIEN_HAN"
	AwardDoiNgoai  = "DOI_NGOAI"
)

// AwardTypes lists the award types with their labels.
var AwardTypes = []Option{
	{AwardCongTrang, "Khen thưởng công trạng"},
	{AwardDotXuat, "Khen thưởng thành tích đột xuất"},
	{AwardPhongTrao, "Khen thưởng theo phong trào thi đua, chuyên đề"},
	{AwardCongHien, "Khen thưởng quá trình cống hiến"},
	{AwardNienHan, "Khen thưởng theo niên hạn"},
	{AwardDoiNgoai, "Khen thưởng đối ngoại"},
}

// CountsForMerit reports whether an award of this type may serve as the
// basis of a higher công trạng award: đột xuất and chuyên đề (phong trào)
// results may not (NĐ 152/2025 Điều 4 khoản 3, R-GEN-05).
func CountsForMerit(awardType string) bool {
	return awardType != AwardDotXuat && awardType != AwardPhongTrao
}

// Initiative recognition levels (cấp công nhận sáng kiến), lowest first.
const (
	LevelCoSo     = "CO_SO"
	LevelTinh     = "TINH"
	LevelToanQuoc = "TOAN_QUOC"
)

// InitiativeLevels lists the recognition levels with their labels.
var InitiativeLevels = []Option{
	{LevelCoSo, "Cấp cơ sở"},
	{LevelTinh, "Cấp tỉnh (Bộ, ban, ngành)"},
	{LevelToanQuoc, "Toàn quốc"},
}

// LevelRank orders recognition levels: 1 for CO_SO up to 3 for TOAN_QUOC, 0
// for an unknown code.
func LevelRank(code string) int {
	switch code {
	case LevelCoSo:
		return 1
	case LevelTinh:
		return 2
	case LevelToanQuoc:
		return 3
	}
	return 0
}

// Initiative kinds: a sáng kiến, or an accepted research work (đề tài, đề án,
// công trình khoa học và công nghệ đã được nghiệm thu).
const (
	InitiativeSangKien = "SANG_KIEN"
	InitiativeDeTai    = "DE_TAI"
)

// InitiativeKinds lists the initiative kinds with their labels.
var InitiativeKinds = []Option{
	{InitiativeSangKien, "Sáng kiến"},
	{InitiativeDeTai, "Đề tài, đề án, công trình khoa học đã nghiệm thu"},
}

// Discipline levels (hình thức kỷ luật), lightest first.
const (
	DisciplineKhienTrach   = "KHIEN_TRACH"
	DisciplineCanhCao      = "CANH_CAO"
	DisciplineHaBacLuong   = "HA_BAC_LUONG"
	DisciplineGiangChuc    = "GIANG_CHUC"
	DisciplineCachChuc     = "CACH_CHUC"
	DisciplineBaiNhiem     = "BAI_NHIEM"
	DisciplineBuocThoiViec = "BUOC_THOI_VIEC"
)

// DisciplineLevels lists the discipline levels with their labels, lightest first.
var DisciplineLevels = []Option{
	{DisciplineKhienTrach, "Khiển trách"},
	{DisciplineCanhCao, "Cảnh cáo"},
	{DisciplineHaBacLuong, "Hạ bậc lương"},
	{DisciplineGiangChuc, "Giáng chức"},
	{DisciplineCachChuc, "Cách chức"},
	{DisciplineBaiNhiem, "Bãi nhiệm"},
	{DisciplineBuocThoiViec, "Buộc thôi việc"},
}

// DisciplineRank orders discipline levels: 1 for KHIEN_TRACH upwards, 0 for
// an unknown code.
func DisciplineRank(code string) int {
	for i, o := range DisciplineLevels {
		if o.Code == code {
			return i + 1
		}
	}
	return 0
}

// Kinds of pending proceedings that put a case on hold (NĐ 152/2025 Điều 4
// khoản 4, R-GEN-06).
const (
	ProceedingDiscipline    = "XEM_XET_KY_LUAT"
	ProceedingInvestigation = "DIEU_TRA"
	ProceedingInspection    = "THANH_TRA"
	ProceedingAudit         = "KIEM_TRA"
	ProceedingComplaint     = "XAC_MINH_KHIEU_NAI"
)

// ProceedingKinds lists the pending proceeding kinds with their labels.
var ProceedingKinds = []Option{
	{ProceedingDiscipline, "Đang xem xét thi hành kỷ luật"},
	{ProceedingInvestigation, "Đang bị điều tra"},
	{ProceedingInspection, "Đang bị thanh tra"},
	{ProceedingAudit, "Đang bị kiểm tra, kiểm toán khi có dấu hiệu vi phạm"},
	{ProceedingComplaint, "Đang xác minh khiếu nại, tố cáo, phản ánh"},
}

// Leadership posts for the long-service Huân chương (NĐ 152/2025 Điều 21),
// lowest first. "Or equivalent" posts use the same codes.
const (
	PostPhoGiamDocSo     = "PHO_GIAM_DOC_SO"
	PostGiamDocSo        = "GIAM_DOC_SO"
	PostPhoTongCucTruong = "PHO_TONG_CUC_TRUONG"
	PostTongCucTruong    = "TONG_CUC_TRUONG"
	PostOther            = "KHAC"
)

// LeadershipPosts lists the leadership posts with their labels, lowest first.
var LeadershipPosts = []Option{
	{PostOther, "Chức vụ lãnh đạo khác"},
	{PostPhoGiamDocSo, "Phó Giám đốc sở và tương đương"},
	{PostGiamDocSo, "Giám đốc sở và tương đương"},
	{PostPhoTongCucTruong, "Phó Tổng cục trưởng và tương đương"},
	{PostTongCucTruong, "Tổng cục trưởng và tương đương"},
}

// PostRank orders leadership posts: 0 for KHAC or an unknown code, 1 for
// PHO_GIAM_DOC_SO up to 4 for TONG_CUC_TRUONG.
func PostRank(code string) int {
	for i, o := range LeadershipPosts {
		if o.Code == code {
			return i
		}
	}
	return 0
}

// Rating is a subject's annual quality rating (xếp loại chất lượng) for one
// year, as finally approved (after any HTXSNV cap, R-EVAL-01).
type Rating struct {
	Year   int    `json:"year"`
	Code   string `json:"rating"`
	Source string `json:"source,omitempty"` // e.g. the decision or notice that gave it
}

// Validate checks r. Field keys are the JSON names.
func (r *Rating) Validate() error {
	var v Validation
	checkYear(&v, "year", r.Year)
	if !validOption(RatingCodes, r.Code) {
		v.Add("rating", "Xếp loại không hợp lệ; chọn một trong "+codeList(RatingCodes)+".")
	}
	checkLen(&v, "source", "Nguồn xếp loại", r.Source, false, 255)
	return v.Err()
}

// TitleRecord is an emulation title received for a year.
type TitleRecord struct {
	Year int    `json:"year"`
	Code string `json:"code"`
	// Path is how the title was earned, e.g. HTXSNV or INITIATIVE for CSTĐCS.
	Path          string `json:"path,omitempty"`
	Decision      string `json:"decision,omitempty"` // e.g. "12/QĐ-VPUBND"
	Revoked       bool   `json:"revoked,omitempty"`
	RevokedReason string `json:"revoked_reason,omitempty"`
}

// Validate checks t. Field keys are the JSON names.
func (t *TitleRecord) Validate() error {
	var v Validation
	checkYear(&v, "year", t.Year)
	switch {
	case validOption(Titles, t.Code):
	case validOption(Forms, t.Code):
		v.Add("code", "Mã "+t.Code+" là hình thức khen thưởng, không phải danh hiệu thi đua; hãy ghi vào mục khen thưởng.")
	default:
		v.Add("code", "Mã danh hiệu thi đua không hợp lệ; chọn một trong "+codeList(Titles)+".")
	}
	if t.Path != "" && !validOption(TitlePaths, t.Path) {
		v.Add("path", "Căn cứ đạt danh hiệu không hợp lệ; chọn một trong "+codeList(TitlePaths)+".")
	}
	checkLen(&v, "decision", "Số quyết định", t.Decision, false, 100)
	checkRevoked(&v, t.Revoked, t.RevokedReason)
	return v.Err()
}

// Award is a commendation form received (hình thức khen thưởng), with the
// type of commendation it was given as.
type Award struct {
	Code          string `json:"code"`
	Date          Date   `json:"date"`
	Type          string `json:"type"`
	Decision      string `json:"decision,omitempty"`
	Revoked       bool   `json:"revoked"`
	RevokedReason string `json:"revoked_reason,omitempty"`
}

// Validate checks a. Field keys are the JSON names.
func (a *Award) Validate() error {
	var v Validation
	switch {
	case validOption(Forms, a.Code):
	case validOption(Titles, a.Code):
		v.Add("code", "Mã "+a.Code+" là danh hiệu thi đua, không phải hình thức khen thưởng; hãy ghi vào mục danh hiệu.")
	default:
		v.Add("code", "Mã hình thức khen thưởng không hợp lệ; chọn một trong "+codeList(Forms)+".")
	}
	if a.Date.IsZero() {
		v.Add("date", "Vui lòng nhập ngày quyết định khen thưởng.")
	} else {
		checkYear(&v, "date", a.Date.Year())
	}
	if !validOption(AwardTypes, a.Type) {
		v.Add("type", "Loại hình khen thưởng không hợp lệ; chọn một trong "+codeList(AwardTypes)+".")
	}
	checkLen(&v, "decision", "Số quyết định", a.Decision, false, 100)
	checkRevoked(&v, a.Revoked, a.RevokedReason)
	return v.Err()
}

// Initiative is a sáng kiến or accepted research work, with the level that
// recognized it and the award that used it as a criterion (R-SK-03).
type Initiative struct {
	Year  int    `json:"year"`
	Level string `json:"level"`
	// Kind is SANG_KIEN (the default when empty) or DE_TAI.
	Kind  string `json:"kind,omitempty"`
	Title string `json:"title,omitempty"`
	// ConsumedBy names the award that already used this initiative, starting
	// with its code ("CSTDCS 2024", "BKCT 15/QĐ-UBND"); empty while unused.
	ConsumedBy string `json:"consumed_by,omitempty"`
}

// ConsumedByCode returns the award code at the start of ConsumedBy, or "".
func (in *Initiative) ConsumedByCode() string {
	s := strings.TrimSpace(in.ConsumedBy)
	if i := strings.IndexAny(s, " :/#,;("); i >= 0 {
		s = s[:i]
	}
	return strings.ToUpper(s)
}

// Validate checks in. Field keys are the JSON names.
func (in *Initiative) Validate() error {
	var v Validation
	checkYear(&v, "year", in.Year)
	if !validOption(InitiativeLevels, in.Level) {
		v.Add("level", "Cấp công nhận không hợp lệ; chọn một trong "+codeList(InitiativeLevels)+".")
	}
	if in.Kind != "" && !validOption(InitiativeKinds, in.Kind) {
		v.Add("kind", "Loại sáng kiến không hợp lệ; chọn một trong "+codeList(InitiativeKinds)+".")
	}
	checkLen(&v, "title", "Tên sáng kiến", in.Title, false, 500)
	checkLen(&v, "consumed_by", "Khen thưởng đã sử dụng sáng kiến", in.ConsumedBy, false, 200)
	return v.Err()
}

// Discipline is a disciplinary sanction with its period. A zero To means the
// sanction has no recorded end and is still in effect.
type Discipline struct {
	From     Date   `json:"from"`
	To       Date   `json:"to"`
	Level    string `json:"level"`
	Decision string `json:"decision,omitempty"`
}

// Validate checks d. Field keys are the JSON names.
func (d *Discipline) Validate() error {
	var v Validation
	if !validOption(DisciplineLevels, d.Level) {
		v.Add("level", "Hình thức kỷ luật không hợp lệ; chọn một trong "+codeList(DisciplineLevels)+".")
	}
	checkPeriod(&v, d.From, d.To, false)
	checkLen(&v, "decision", "Số quyết định", d.Decision, false, 100)
	return v.Err()
}

// PendingProceeding is an open disciplinary review, investigation,
// inspection, audit or complaint verification. While it is open, no award is
// given or proposed (R-GEN-06).
type PendingProceeding struct {
	Kind string `json:"kind"`
	From Date   `json:"from"`
	// To is when the competent body concluded; zero while still open.
	To   Date   `json:"to"`
	Note string `json:"note,omitempty"`
}

// OpenOn reports whether the proceeding is open on day d.
func (p *PendingProceeding) OpenOn(d Date) bool {
	if !p.From.IsZero() && d.Before(p.From) {
		return false
	}
	return p.To.IsZero() || d.Before(p.To)
}

// Validate checks p. Field keys are the JSON names.
func (p *PendingProceeding) Validate() error {
	var v Validation
	if !validOption(ProceedingKinds, p.Kind) {
		v.Add("kind", "Loại thủ tục không hợp lệ; chọn một trong "+codeList(ProceedingKinds)+".")
	}
	checkPeriod(&v, p.From, p.To, false)
	checkLen(&v, "note", "Ghi chú", p.Note, false, 500)
	return v.Err()
}

// Period is a span of days, both ends included; used for statutory maternity
// leave (R-GEN-07).
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// OverlapsYear reports whether the period touches calendar year y.
func (p Period) OverlapsYear(y int) bool {
	return p.From.Year() <= y && (p.To.IsZero() || p.To.Year() >= y)
}

// Validate checks p. Field keys are the JSON names.
func (p *Period) Validate() error {
	var v Validation
	checkPeriod(&v, p.From, p.To, true)
	return v.Err()
}

// LeadershipPost is a leadership or management post held for a period. A
// zero To means the post is still held.
type LeadershipPost struct {
	Post  string `json:"post"`
	Title string `json:"title,omitempty"` // the post's own name, e.g. "Chánh Văn phòng UBND tỉnh"
	From  Date   `json:"from"`
	To    Date   `json:"to"`
}

// Validate checks l. Field keys are the JSON names.
func (l *LeadershipPost) Validate() error {
	var v Validation
	if !validOption(LeadershipPosts, l.Post) {
		v.Add("post", "Chức vụ không hợp lệ; chọn một trong "+codeList(LeadershipPosts)+".")
	}
	checkLen(&v, "title", "Tên chức vụ", l.Title, false, 255)
	checkPeriod(&v, l.From, l.To, false)
	return v.Err()
}

func checkYear(v *Validation, field string, y int) {
	if y < 1945 || y > 2200 {
		v.Add(field, "Năm không hợp lệ (từ 1945 đến 2200), đang là "+strconv.Itoa(y)+".")
	}
}

func checkPeriod(v *Validation, from, to Date, toRequired bool) {
	if from.IsZero() {
		v.Add("from", "Vui lòng nhập ngày bắt đầu.")
	}
	if to.IsZero() && toRequired {
		v.Add("to", "Vui lòng nhập ngày kết thúc.")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		v.Add("to", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
	}
}

func checkRevoked(v *Validation, revoked bool, reason string) {
	if !revoked && reason != "" {
		v.Add("revoked_reason", "Chỉ ghi lý do hủy bỏ khi khen thưởng đã bị hủy bỏ.")
	}
	checkLen(v, "revoked_reason", "Lý do hủy bỏ", reason, false, 500)
}

func codeList(opts []Option) string {
	codes := make([]string, len(opts))
	for i, o := range opts {
		codes[i] = o.Code
	}
	return strings.Join(codes, ", ")
}
