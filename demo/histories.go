package demo

import (
	"context"
	"fmt"
	"strings"

	"thidua"
)

// The demo award histories: what the eligibility engine reads. Every active
// person has quality ratings from 2019 (or from the year after joining) to
// 2025, Lao động tiên tiến for each year rated HTTNV or better, and the
// titles, forms, initiatives, disciplines, proceedings, maternity leave and
// leadership posts below; the departments, the office and the Ban Thi đua –
// Khen thưởng have collective ratings and titles. Histories are saved by the
// emulation officer (thiduakt) of the office through SaveHistory, so they are
// validated and audited like records entered by hand; the Sở Nội vụ records
// lie outside the officer's scope and are saved by the administrator.
//
// The data is designed so that the table for 2025 shows every kind of
// verdict (see TestHistoriesVerdicts):
//   - Hoàng Thị Bích Ngọc: CSTĐCS 2021–2025 and a sáng kiến recognized by
//     the province in 2024: eligible for Chiến sĩ thi đua cấp tỉnh;
//   - Lê Thị Yến: CSTĐCS 2021, 2022, 2024, 2025 around a 2023 spent on
//     maternity leave (R-GEN-07 bridges the chain) and a provincial sáng
//     kiến 2024: eligible for CSTĐ cấp tỉnh too;
//   - Đặng Quốc Bảo: CSTĐCS 2023–2025, but his only provincial sáng kiến was
//     used for CSTĐCS 2023 (consumed_by "CSTDCS 2023"): CSTĐ cấp tỉnh needs
//     review (R-SK-03, grade X);
//   - Nguyễn Đình Quân: khiển trách in 2022 (R-GEN-06); only 2023 onwards
//     counts, so his 2021 provincial sáng kiến no longer carries CSTĐ cấp
//     tỉnh although CSTĐCS 2023–2025 would;
//   - Lê Văn Thành: under inspection since 15/9/2025: on hold;
//   - Trần Quốc Bình: Bằng khen tỉnh 2018, HTXSNV since 2019, five CSTĐCS:
//     eligible for Bằng khen Thủ tướng; Chánh Văn phòng since 2017: the
//     long-service Huân chương Lao động hạng Ba (R-CH-01);
//   - Phạm Minh Đức and Nguyễn Văn Phúc: Bằng khen Thủ tướng and three
//     CSTĐCS in an unbroken HTTNV run: Huân chương Lao động hạng Ba (e);
//   - Huỳnh Thị Thu Trang: CSTĐCS 2024–2025 and a provincial sáng kiến 2025:
//     forecast for CSTĐ cấp tỉnh in 2026; Đỗ Thị Phương, Trần Thị Ngọc Hân:
//     CSTĐCS chains that broke in 2025; Ngô Minh Tâm: rated HTNV in 2025.
//
// Some awards were decided above the office in 2025 (see bkct2025), so
// that the statutory forms of 2025 have figures.

// historyStore is what loading histories needs; *sqldb.DB satisfies it.
type historyStore interface {
	thidua.HistoryService
}

// First and last year of the demo ratings.
const (
	histFrom = 2019
	histTo   = 2025
)

// Annual decisions of the office: the notice of quality ratings, the
// decision on Lao động tiên tiến and Tập thể lao động tiên tiến, and the one
// on Chiến sĩ thi đua cơ sở, each issued in January of the next year.
var (
	ratingNotice = map[int]string{2019: "06/TB-VPUBND", 2020: "04/TB-VPUBND", 2021: "07/TB-VPUBND", 2022: "05/TB-VPUBND",
		2023: "03/TB-VPUBND", 2024: "06/TB-VPUBND", 2025: "04/TB-VPUBND"}
	ldttDecision = map[int]string{2019: "12/QĐ-VPUBND", 2020: "10/QĐ-VPUBND", 2021: "14/QĐ-VPUBND", 2022: "11/QĐ-VPUBND",
		2023: "13/QĐ-VPUBND", 2024: "09/QĐ-VPUBND", 2025: "14/QĐ-VPUBND"}
	cstdcsDecision = map[int]string{2019: "13/QĐ-VPUBND", 2020: "11/QĐ-VPUBND", 2021: "15/QĐ-VPUBND", 2022: "12/QĐ-VPUBND",
		2023: "14/QĐ-VPUBND", 2024: "10/QĐ-VPUBND", 2025: "15/QĐ-VPUBND"}
	// The Chủ tịch UBND tỉnh decides Tập thể lao động xuất sắc.
	ttldxsDecision = map[int]string{2019: "215/QĐ-UBND", 2020: "198/QĐ-UBND", 2021: "236/QĐ-UBND", 2022: "187/QĐ-UBND",
		2023: "205/QĐ-UBND", 2024: "176/QĐ-UBND", 2025: "221/QĐ-UBND"}
	// Sở Nội vụ decides for its own people.
	snvNotice = map[int]string{2019: "08/TB-SNV", 2020: "05/TB-SNV", 2021: "09/TB-SNV", 2022: "06/TB-SNV", 2023: "07/TB-SNV", 2024: "05/TB-SNV", 2025: "06/TB-SNV"}
	snvLDTT   = map[int]string{2019: "21/QĐ-SNV", 2020: "18/QĐ-SNV", 2021: "25/QĐ-SNV", 2022: "19/QĐ-SNV", 2023: "22/QĐ-SNV", 2024: "17/QĐ-SNV", 2025: "20/QĐ-SNV"}
	snvCSTDCS = map[int]string{2019: "22/QĐ-SNV", 2020: "19/QĐ-SNV", 2021: "26/QĐ-SNV", 2022: "20/QĐ-SNV", 2023: "23/QĐ-SNV", 2024: "18/QĐ-SNV", 2025: "21/QĐ-SNV"}
	// Sở Tư pháp and Sở Tài chính decide for their own people too, each in
	// its own register under its Giám đốc (ladder/data/authorities.json:
	// the head of an agency under UBND tỉnh decides LĐTT and CSTĐCS); the
	// Giám đốc Sở Tư pháp's own CSTĐCS decisions (16/QĐ-STP for 2023,
	// 12/QĐ-STP for 2024, 14/QĐ-STP for 2025) are these registers' entries.
	stpNotice = map[int]string{2019: "05/TB-STP", 2020: "03/TB-STP", 2021: "06/TB-STP", 2022: "04/TB-STP", 2023: "05/TB-STP", 2024: "03/TB-STP", 2025: "04/TB-STP"}
	stpLDTT   = map[int]string{2019: "15/QĐ-STP", 2020: "13/QĐ-STP", 2021: "17/QĐ-STP", 2022: "14/QĐ-STP", 2023: "15/QĐ-STP", 2024: "11/QĐ-STP", 2025: "13/QĐ-STP"}
	stpCSTDCS = map[int]string{2019: "16/QĐ-STP", 2020: "14/QĐ-STP", 2021: "18/QĐ-STP", 2022: "15/QĐ-STP", 2023: "16/QĐ-STP", 2024: "12/QĐ-STP", 2025: "14/QĐ-STP"}
	stcNotice = map[int]string{2019: "07/TB-STC", 2020: "06/TB-STC", 2021: "08/TB-STC", 2022: "05/TB-STC", 2023: "06/TB-STC", 2024: "07/TB-STC", 2025: "05/TB-STC"}
	stcLDTT   = map[int]string{2019: "18/QĐ-STC", 2020: "16/QĐ-STC", 2021: "20/QĐ-STC", 2022: "17/QĐ-STC", 2023: "19/QĐ-STC", 2024: "15/QĐ-STC", 2025: "16/QĐ-STC"}
	stcCSTDCS = map[int]string{2019: "19/QĐ-STC", 2020: "17/QĐ-STC", 2021: "21/QĐ-STC", 2022: "18/QĐ-STC", 2023: "20/QĐ-STC", 2024: "16/QĐ-STC", 2025: "17/QĐ-STC"}
	// Decided above the office in 2025, for the statutory forms of that
	// year (Biểu 0602.N and 0603.N): the chairman's Bằng khen for 2024's
	// work, numbered in the province's register, to two people and
	// Phòng Hành chính – Tổ chức; CSTĐ cấp tỉnh 2025 to the Giám đốc Sở Tư
	// pháp (decided in January 2026); the Prime Minister's Bằng khen to the
	// Giám đốc Sở Tài chính, recorded from the central decision.
	bkct2025    = "318/QĐ-UBND"
	cstdt2025   = "96/QĐ-UBND"
	bkttg2025   = "1568/QĐ-TTg"
	ratingCodes = map[byte]string{'S': thidua.RatingHTXSNV, 'T': thidua.RatingHTTNV, 'N': thidua.RatingHTNV, 'K': thidua.RatingKHTNV}
)

// histSpec is the history of a person (by full name) or a unit (by key).
type histSpec struct {
	subject string
	// ratings has one letter per year from histFrom to histTo: S HTXSNV,
	// T HTTNV, N HTNV, K KHTNV, - none. Years rated HTTNV or better bring
	// Lao động tiên tiến (Tập thể lao động tiên tiến, or xuất sắc for
	// HTXSNV, for units) unless listed in noTitle.
	ratings string
	// cstdcs lists the years of Chiến sĩ thi đua cơ sở: earned by an
	// initiative before 2024 (the old rules required one), by HTXSNV since.
	cstdcs  []int
	noTitle []int
	titles  []thidua.TitleRecord
	awards  []thidua.Award
	inits   []thidua.Initiative
	disc    []thidua.Discipline
	procs   []thidua.PendingProceeding
	leave   []thidua.Period
	posts   []thidua.LeadershipPost
}

func d(s string) thidua.Date {
	t, err := isoDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func sk(year int, level, title string) thidua.Initiative {
	return thidua.Initiative{Year: year, Level: level, Kind: thidua.InitiativeSangKien, Title: title}
}

func post(code, title, from, to string) thidua.LeadershipPost {
	p := thidua.LeadershipPost{Post: code, Title: title, From: d(from)}
	if to != "" {
		p.To = d(to)
	}
	return p
}

func award(code, date, typ, decision string) thidua.Award {
	return thidua.Award{Code: code, Date: d(date), Type: typ, Decision: decision}
}

const (
	coSo = thidua.LevelCoSo
	tinh = thidua.LevelTinh
)

// personHistories are the people's histories. Phan Văn Thắng, retired, has none.
var personHistories = []histSpec{
	// Lãnh đạo Văn phòng.
	{subject: "Trần Quốc Bình", ratings: "SSSSSSS", cstdcs: []int{2019, 2021, 2023, 2024, 2025},
		awards: []thidua.Award{award(thidua.FormBKCT, "2018-12-20", thidua.AwardCongTrang, "2890/QĐ-UBND")},
		inits: []thidua.Initiative{
			sk(2019, coSo, "Quy trình tham mưu, theo dõi thực hiện ý kiến chỉ đạo của lãnh đạo UBND tỉnh"),
			sk(2021, coSo, "Tổ chức phiên họp UBND tỉnh không giấy tờ"),
			sk(2023, coSo, "Bộ chỉ số đánh giá tiến độ xử lý hồ sơ trình UBND tỉnh"),
		},
		posts: []thidua.LeadershipPost{
			post(thidua.PostPhoGiamDocSo, "Phó Chánh Văn phòng UBND tỉnh", "2010-03-01", "2017-05-31"),
			post(thidua.PostGiamDocSo, "Chánh Văn phòng UBND tỉnh", "2017-06-01", ""),
		}},
	{subject: "Lê Thị Hạnh", ratings: "TTSTTSS", cstdcs: []int{2021, 2024, 2025},
		awards: []thidua.Award{award(thidua.FormGK, "2020-01-20", thidua.AwardCongTrang, "25/QĐ-VPUBND")},
		inits:  []thidua.Initiative{sk(2021, coSo, "Chuẩn hóa quy trình tiếp nhận, xử lý văn bản đến qua hệ thống quản lý văn bản")},
		posts:  []thidua.LeadershipPost{post(thidua.PostPhoGiamDocSo, "Phó Chánh Văn phòng UBND tỉnh", "2016-01-01", "")}},
	{subject: "Phạm Minh Đức", ratings: "TSTSTST", cstdcs: []int{2020, 2022, 2024},
		awards: []thidua.Award{
			award(thidua.FormBKCT, "2020-06-15", thidua.AwardCongTrang, "1205/QĐ-UBND"),
			award(thidua.FormBKTTG, "2021-03-15", thidua.AwardCongTrang, "312/QĐ-TTg"),
		},
		inits: []thidua.Initiative{
			sk(2020, coSo, "Tổng hợp báo cáo kinh tế – xã hội hằng tháng trên phần mềm"),
			sk(2022, coSo, "Theo dõi nhiệm vụ UBND tỉnh giao theo thời gian thực"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostPhoGiamDocSo, "Phó Chánh Văn phòng UBND tỉnh", "2018-08-01", "")}},
	{subject: "Huỳnh Thiên Ân", ratings: "TTTTTTT",
		awards: []thidua.Award{award(thidua.FormGK, "2023-01-16", thidua.AwardCongTrang, "19/QĐ-VPUBND")},
		posts:  []thidua.LeadershipPost{post(thidua.PostPhoGiamDocSo, "Phó Chánh Văn phòng UBND tỉnh", "2022-04-01", "")}},

	// Phòng Hành chính – Tổ chức.
	{subject: "Võ Thanh Tùng", ratings: "TTSTTTS", cstdcs: []int{2021, 2025},
		inits: []thidua.Initiative{sk(2021, coSo, "Sắp xếp, bố trí lịch sử dụng xe công bằng phần mềm")},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Trưởng phòng Hành chính – Tổ chức", "2015-07-01", "")}},
	{subject: "Đặng Thị Thu Hà", ratings: "TTTTTTT",
		awards: []thidua.Award{{Code: thidua.FormGK, Date: d("2022-01-18"), Type: thidua.AwardCongTrang, Decision: "21/QĐ-VPUBND",
			Revoked: true, RevokedReason: "Hủy bỏ theo Quyết định số 87/QĐ-VPUBND ngày 15/6/2022: thành tích kê khai trùng với thành tích đã được khen thưởng."}},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng phòng Hành chính – Tổ chức", "2019-03-01", "")}},
	{subject: "Nguyễn Ngọc Ánh", ratings: "TTSTSSS", cstdcs: []int{2021, 2023, 2024, 2025},
		awards: []thidua.Award{award(thidua.FormGK, "2021-07-20", thidua.AwardPhongTrao, "215/QĐ-VPUBND")},
		inits: []thidua.Initiative{
			sk(2021, coSo, "Hướng dẫn đăng ký, báo cáo thi đua trực tuyến cho các phòng, đơn vị"),
			sk(2023, coSo, "Số hóa hồ sơ đề nghị khen thưởng của Văn phòng"),
		}},
	{subject: "Bùi Văn Đạt", ratings: "TTTTTTT"},
	{subject: "Hồ Văn Lực", ratings: "TNTTTTT"},
	{subject: "Ngô Minh Tâm", ratings: "TTTTTTN"},
	{subject: "Dương Thị Mai", ratings: "TTTTTTT"},

	// Tổ Văn thư – Lưu trữ.
	{subject: "Trần Thị Thư", ratings: "TTTSTTS", cstdcs: []int{2022, 2025},
		inits: []thidua.Initiative{sk(2022, coSo, "Lập danh mục hồ sơ điện tử nộp lưu vào Lưu trữ lịch sử")},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Tổ trưởng Tổ Văn thư – Lưu trữ", "2018-01-01", "")}},
	{subject: "Lê Thị Yến", ratings: "TTSS-SS", cstdcs: []int{2021, 2022, 2024, 2025},
		inits: []thidua.Initiative{
			sk(2021, coSo, "Phát hành văn bản điện tử có chữ ký số đến cấp xã"),
			sk(2022, coSo, "Quản lý sổ đăng ký văn bản đi, đến trên bảng tính dùng chung"),
			sk(2024, tinh, "Giải pháp số hóa tài liệu lưu trữ nhân rộng tại các sở, ngành (Chủ tịch UBND tỉnh công nhận)"),
		},
		leave: []thidua.Period{{From: d("2023-02-15"), To: d("2023-08-14")}}},
	{subject: "Vũ Thị Lan Anh", ratings: "TTTTTTT"},

	// Phòng Tổng hợp.
	{subject: "Nguyễn Hữu Dũng", ratings: "STSTSTS", cstdcs: []int{2019, 2021, 2023, 2025},
		inits: []thidua.Initiative{
			sk(2019, coSo, "Mẫu báo cáo giao ban tuần thống nhất"),
			sk(2021, coSo, "Tổng hợp ý kiến các sở, ngành bằng biểu mẫu trực tuyến"),
			sk(2023, coSo, "Lịch công tác lãnh đạo UBND tỉnh trên điện thoại"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Trưởng phòng Tổng hợp", "2014-05-01", "")}},
	{subject: "Hoàng Thị Bích Ngọc", ratings: "TTSSSSS", cstdcs: []int{2021, 2022, 2023, 2024, 2025},
		awards: []thidua.Award{award(thidua.FormBKCT, "2023-03-20", thidua.AwardCongTrang, "456/QĐ-UBND")},
		inits: []thidua.Initiative{
			sk(2021, coSo, "Theo dõi tiến độ các đề án trình UBND tỉnh"),
			sk(2022, coSo, "Tổng hợp số liệu báo cáo chỉ tiêu kinh tế – xã hội tự động"),
			sk(2023, coSo, "Kho dữ liệu văn bản chỉ đạo, điều hành tra cứu theo lĩnh vực"),
			sk(2024, tinh, "Hệ thống theo dõi thực hiện nhiệm vụ UBND tỉnh giao, nhân rộng toàn tỉnh (Chủ tịch UBND tỉnh công nhận)"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng phòng Tổng hợp", "2016-09-01", "")}},
	{subject: "Phan Tuấn Anh", ratings: "TTTTTTS", cstdcs: []int{2025}},
	{subject: "Đỗ Thị Phương", ratings: "TTTTSST", cstdcs: []int{2023, 2024},
		awards: []thidua.Award{award(thidua.FormBKCT, "2025-03-14", thidua.AwardCongTrang, bkct2025)},
		inits:  []thidua.Initiative{sk(2023, coSo, "Biểu mẫu theo dõi văn bản trình ký của Phòng")}},
	{subject: "Trần Minh Duy", ratings: "-TTTTTT"},

	// Phòng Kinh tế.
	{subject: "Lê Văn Thành", ratings: "TTSTSSS", cstdcs: []int{2021, 2023, 2024}, noTitle: []int{2025},
		inits: []thidua.Initiative{
			sk(2021, coSo, "Thẩm tra hồ sơ dự án đầu tư công theo danh mục kiểm tra"),
			sk(2023, coSo, "Theo dõi giải ngân vốn đầu tư công theo tuần"),
		},
		procs: []thidua.PendingProceeding{{Kind: thidua.ProceedingInspection, From: d("2025-09-15"),
			Note: "Thanh tra việc tham mưu quản lý dự án đầu tư công giai đoạn 2021–2024 (Quyết định số 1502/QĐ-TTr); chưa có kết luận."}},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Trưởng phòng Kinh tế", "2013-10-01", "")}},
	{subject: "Nguyễn Thị Hồng Nhung", ratings: "TTTTTTT",
		awards: []thidua.Award{award(thidua.FormGK, "2024-01-22", thidua.AwardCongTrang, "23/QĐ-VPUBND")},
		posts:  []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng phòng Kinh tế", "2020-02-01", "")}},
	{subject: "Đặng Quốc Bảo", ratings: "TTTSSSS", cstdcs: []int{2023, 2024, 2025},
		inits: []thidua.Initiative{{Year: 2023, Level: tinh, Kind: thidua.InitiativeSangKien, ConsumedBy: "CSTDCS 2023",
			Title: "Phần mềm tổng hợp chỉ tiêu kinh tế – xã hội của các huyện (Chủ tịch UBND tỉnh công nhận)"}}},
	{subject: "Võ Thị Kim Oanh", ratings: "TTTTTTT"},
	{subject: "Bùi Đức Huy", ratings: "TTNTTTT"},

	// Phòng Khoa giáo – Văn xã.
	{subject: "Phạm Thị Uyên", ratings: "STTSTTS", cstdcs: []int{2019, 2022, 2025},
		inits: []thidua.Initiative{
			sk(2019, coSo, "Tổng hợp tình hình dịch bệnh theo ngày từ các huyện"),
			sk(2022, coSo, "Theo dõi thực hiện chính sách an sinh xã hội theo địa bàn"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Trưởng phòng Khoa giáo – Văn xã", "2017-04-01", "")}},
	{subject: "Hồ Sỹ Nguyên", ratings: "TTTTTTT",
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng phòng Khoa giáo – Văn xã", "2021-06-01", "")}},
	{subject: "Lý Thị Vân", ratings: "TTTTTSS", cstdcs: []int{2024, 2025}},
	{subject: "Ngô Thanh Sơn", ratings: "--TTTTT"},

	// Phòng Nội chính.
	{subject: "Dương Văn Khánh", ratings: "TTTTTTT",
		awards: []thidua.Award{award(thidua.FormGK, "2022-01-24", thidua.AwardCongTrang, "24/QĐ-VPUBND")},
		posts:  []thidua.LeadershipPost{post(thidua.PostOther, "Trưởng phòng Nội chính", "2012-08-01", "")}},
	{subject: "Trần Thị Ngọc Hân", ratings: "TTTTTST", cstdcs: []int{2024},
		awards: []thidua.Award{award(thidua.FormBKCT, "2025-03-14", thidua.AwardCongTrang, bkct2025)},
		posts:  []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng phòng Nội chính", "2019-11-01", "")}},
	{subject: "Nguyễn Đình Quân", ratings: "SSSNSSS", cstdcs: []int{2019, 2020, 2021, 2023, 2024, 2025},
		awards: []thidua.Award{award(thidua.FormBKCT, "2022-03-01", thidua.AwardCongTrang, "520/QĐ-UBND")},
		inits: []thidua.Initiative{
			sk(2019, coSo, "Sổ theo dõi đơn thư khiếu nại, tố cáo điện tử"),
			sk(2020, coSo, "Quy trình phối hợp tiếp công dân định kỳ"),
			sk(2021, coSo, "Phân loại đơn thư theo thẩm quyền bằng bảng kiểm"),
			sk(2021, tinh, "Cơ sở dữ liệu vụ việc khiếu nại, tố cáo dùng chung toàn tỉnh (Chủ tịch UBND tỉnh công nhận)"),
			sk(2023, coSo, "Báo cáo tình hình tiếp công dân trực tuyến"),
		},
		disc: []thidua.Discipline{{From: d("2022-05-10"), To: d("2022-11-09"), Level: thidua.DisciplineKhienTrach, Decision: "112/QĐ-VPUBND"}}},
	{subject: "Huỳnh Thị Thu Trang", ratings: "TTTTTSS", cstdcs: []int{2024, 2025},
		inits: []thidua.Initiative{sk(2025, tinh, "Bộ công cụ đôn đốc giải quyết đơn thư quá hạn, nhân rộng tại các huyện (Chủ tịch UBND tỉnh công nhận)")}},

	// Trung tâm Thông tin – Công báo.
	{subject: "Vũ Đình Long", ratings: "TTSTTTT", cstdcs: []int{2021},
		inits: []thidua.Initiative{sk(2021, coSo, "Xuất bản Công báo điện tử theo ngày")},
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Giám đốc Trung tâm Thông tin – Công báo", "2016-07-01", "")}},
	{subject: "Lê Thị Ánh Tuyết", ratings: "TTTTTTT",
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Phó Giám đốc Trung tâm Thông tin – Công báo", "2020-05-01", "")}},
	{subject: "Đỗ Hoàng Nam", ratings: "TTTTTTS", cstdcs: []int{2025}},
	{subject: "Phan Thu Hà", ratings: "TTTTTTT"},
	{subject: "Hoàng Văn Đông", ratings: "---TTTT"},

	// Sở Nội vụ – Ban Thi đua – Khen thưởng.
	{subject: "Nguyễn Văn Phúc", ratings: "SSTSSTS", cstdcs: []int{2019, 2020, 2022, 2023, 2025},
		titles: []thidua.TitleRecord{{Year: 2020, Code: thidua.TitleCSTDT, Decision: "3012/QĐ-UBND"}},
		awards: []thidua.Award{
			award(thidua.FormBKCT, "2020-12-28", thidua.AwardCongTrang, "3288/QĐ-UBND"),
			award(thidua.FormBKTTG, "2023-05-05", thidua.AwardCongTrang, "678/QĐ-TTg"),
		},
		inits: []thidua.Initiative{
			sk(2019, coSo, "Hướng dẫn quy trình xét khen thưởng thống nhất cho các sở, ngành"),
			sk(2020, tinh, "Phần mềm quản lý hồ sơ thi đua, khen thưởng toàn tỉnh (Chủ tịch UBND tỉnh công nhận)"),
			sk(2022, coSo, "Bộ tiêu chí chấm điểm thi đua khối các sở, ngành"),
			sk(2023, coSo, "Tra cứu khen thưởng theo cá nhân trên cổng dịch vụ công"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostPhoGiamDocSo, "Trưởng Ban Thi đua – Khen thưởng (Phó Giám đốc Sở Nội vụ)", "2018-01-01", "")}},
	{subject: "Trần Thị Thanh Bình", ratings: "TTTTTTT",
		posts: []thidua.LeadershipPost{post(thidua.PostOther, "Phó Trưởng Ban Thi đua – Khen thưởng", "2021-01-01", "")}},
	{subject: "Võ Minh Đạt", ratings: "TTTTTTT"},
	{subject: "Đinh Thị Hương", ratings: "TTTTTTT"},

	// The province's second level (saved by the administrator: outside the Văn phòng).
	{subject: "Hà Văn Nghĩa", ratings: "SSSSSSS"},
	{subject: "Đoàn Văn Hiếu", ratings: "STSTSSS",
		titles: []thidua.TitleRecord{
			{Year: 2023, Code: thidua.TitleCSTDCS, Path: thidua.PathInitiative, Decision: "16/QĐ-STP"},
			{Year: 2024, Code: thidua.TitleCSTDCS, Path: thidua.PathHTXSNV, Decision: "12/QĐ-STP"},
			{Year: 2025, Code: thidua.TitleCSTDCS, Path: thidua.PathHTXSNV, Decision: "14/QĐ-STP"},
			{Year: 2025, Code: thidua.TitleCSTDT, Decision: cstdt2025},
		},
		inits: []thidua.Initiative{
			sk(2023, coSo, "Số hóa hồ sơ hộ tịch gốc tại các huyện"),
			sk(2024, tinh, "Cấp phiếu lý lịch tư pháp trực tuyến trả kết quả qua bưu chính (Chủ tịch UBND tỉnh công nhận)"),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostGiamDocSo, "Giám đốc Sở Tư pháp", "2019-01-01", "")}},
	{subject: "Trịnh Thị Thu", ratings: "TTTTTTT"},
	{subject: "Mạc Văn Toàn", ratings: "TTTTTTT"},
	{subject: "Lương Thị Kim Dung", ratings: "SSTSTSS",
		awards: []thidua.Award{
			award(thidua.FormBKCT, "2019-12-26", thidua.AwardCongTrang, "3105/QĐ-UBND"),
			award(thidua.FormBKTTG, "2025-10-20", thidua.AwardCongTrang, bkttg2025),
		},
		posts: []thidua.LeadershipPost{post(thidua.PostGiamDocSo, "Giám đốc Sở Tài chính", "2018-07-01", "")}},
	{subject: "Tạ Quang Vinh", ratings: "TTTTTTT"},
	{subject: "Kiều Thị Ngân", ratings: "TTTTTTT"},
}

// unitHistories are the collective histories, by unit key: HTXSNV years
// bring Tập thể lao động xuất sắc, HTTNV years Tập thể lao động tiên tiến.
var unitHistories = []histSpec{
	{subject: kVP, ratings: "SSSSSSS",
		titles: []thidua.TitleRecord{{Year: 2022, Code: thidua.TitleCTT, Decision: "3120/QĐ-UBND"}},
		awards: []thidua.Award{award(thidua.FormBKCT, "2020-12-30", thidua.AwardCongTrang, "1850/QĐ-UBND")}},
	{subject: kHCTC, ratings: "TTSTSSS",
		awards: []thidua.Award{award(thidua.FormBKCT, "2025-03-14", thidua.AwardCongTrang, bkct2025)}},
	{subject: kVTLT, ratings: "TTTTTTT"},
	{subject: kTH, ratings: "TTTSTTS"},
	{subject: kKT, ratings: "TTTTTST"},
	{subject: kKGVX, ratings: "TTTTTTT"},
	{subject: kNC, ratings: "TTTSTTT"},
	{subject: kTTCB, ratings: "TTTTTTT"},
	{subject: kTDKT, ratings: "SSSSSSS"},
}

// register is an agency's register of its yearly decisions: the notice of
// quality ratings, the decisions on Lao động tiên tiến (and Tập thể lao
// động tiên tiến) and on Chiến sĩ thi đua cơ sở.
type register struct {
	notice, ldtt, cstdcs map[int]string
}

// Registers of the agencies, by unit key; every other subject is the
// Văn phòng's.
var (
	officeRegister = register{ratingNotice, ldttDecision, cstdcsDecision}
	registers      = map[string]register{
		kSNV: {snvNotice, snvLDTT, snvCSTDCS},
		kSTP: {stpNotice, stpLDTT, stpCSTDCS},
		kSTC: {stcNotice, stcLDTT, stcCSTDCS},
	}
)

// history builds the thidua.History of spec; reg is the register of the
// agency that decides for the subject, unit selects the collective titles.
func (spec histSpec) history(reg register, unit bool) (thidua.History, error) {
	var h thidua.History
	if len(spec.ratings) != histTo-histFrom+1 {
		return h, fmt.Errorf("demo: history of %q: %d ratings, want %d", spec.subject, len(spec.ratings), histTo-histFrom+1)
	}
	notice, ldtt, cstdcs := reg.notice, reg.ldtt, reg.cstdcs
	for i := range len(spec.ratings) {
		y := histFrom + i
		if spec.ratings[i] == '-' {
			continue
		}
		code, ok := ratingCodes[spec.ratings[i]]
		if !ok {
			return h, fmt.Errorf("demo: history of %q: rating %q", spec.subject, spec.ratings[i])
		}
		h.Ratings = append(h.Ratings, thidua.Rating{Year: y, Code: code, Source: "Thông báo số " + notice[y]})
		if thidua.RatingRank(code) < 3 || containsInt(spec.noTitle, y) {
			continue
		}
		switch {
		case !unit:
			h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleLDTT, Decision: ldtt[y]})
		case code == thidua.RatingHTXSNV:
			h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleTTLDXS, Decision: ttldxsDecision[y]})
		default:
			h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleTTLDTT, Decision: ldtt[y]})
		}
	}
	for _, y := range spec.cstdcs {
		path := thidua.PathHTXSNV
		if y < 2024 {
			path = thidua.PathInitiative
		}
		h.Titles = append(h.Titles, thidua.TitleRecord{Year: y, Code: thidua.TitleCSTDCS, Path: path, Decision: cstdcs[y]})
	}
	h.Titles = append(h.Titles, spec.titles...)
	h.Awards = append(h.Awards, spec.awards...)
	h.Initiatives = append(h.Initiatives, spec.inits...)
	h.Disciplines = append(h.Disciplines, spec.disc...)
	h.Proceedings = append(h.Proceedings, spec.procs...)
	h.MaternityLeave = append(h.MaternityLeave, spec.leave...)
	h.Leadership = append(h.Leadership, spec.posts...)
	return h, nil
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// loadHistories saves the demo histories when s keeps them: the office's
// as the emulation officer, the Sở Nội vụ's as the administrator.
func loadHistories(ctx context.Context, s Store, unitByKey map[string]*thidua.Unit, personByName map[string]*thidua.Person) error {
	hs, ok := s.(historyStore)
	if !ok {
		return nil
	}
	as := map[string]context.Context{}
	for _, name := range []string{uOfficer, "admin"} {
		u, err := s.FindUserByUsername(ctx, name)
		if err != nil {
			return fmt.Errorf("demo: histories: account %s: %w", name, err)
		}
		as[name] = thidua.NewContextWithUser(detached{ctx}, u)
	}
	save := func(subject string, id int64, path, name string, spec histSpec) error {
		reg := officeRegister
		for key, r := range registers {
			if u, ok := unitByKey[key]; ok && strings.HasPrefix(path, u.Path) {
				reg = r
			}
		}
		h, err := spec.history(reg, subject == thidua.SubjectUnit)
		if err != nil {
			return err
		}
		by := as[uOfficer]
		if !strings.HasPrefix(path, unitByKey[kVP].Path) {
			by = as["admin"]
		}
		sh := &thidua.SubjectHistory{Subject: subject, SubjectID: id, History: h}
		if err := hs.SaveHistory(by, sh); err != nil {
			return fmt.Errorf("demo: history of %q: %w", name, err)
		}
		return nil
	}
	for _, spec := range personHistories {
		p, ok := personByName[spec.subject]
		if !ok {
			return fmt.Errorf("demo: history: no person %q", spec.subject)
		}
		u := unitOf(unitByKey, p.UnitID)
		if u == nil {
			return fmt.Errorf("demo: history of %q: unit %d not found", spec.subject, p.UnitID)
		}
		if err := save(thidua.SubjectPerson, p.ID, u.Path, spec.subject, spec); err != nil {
			return err
		}
	}
	for _, spec := range unitHistories {
		u, ok := unitByKey[spec.subject]
		if !ok {
			return fmt.Errorf("demo: history: no unit %q", spec.subject)
		}
		if err := save(thidua.SubjectUnit, u.ID, u.Path, u.Name, spec); err != nil {
			return err
		}
	}
	return nil
}

func unitOf(unitByKey map[string]*thidua.Unit, id int64) *thidua.Unit {
	for _, u := range unitByKey {
		if u.ID == id {
			return u
		}
	}
	return nil
}
