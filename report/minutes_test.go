package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/report"
)

// buildMinutes makes a council of 9 voting members and a secretary; 8
// voters attend, the ninth sends a written vote. Six nominees are voted
// on against 80%, 90% and majority thresholds.
func buildMinutes() report.MinutesData {
	c := &thidua.Council{ID: 1, UnitID: 1, Name: "Hội đồng Thi đua, Khen thưởng Văn phòng", UnitName: "Văn phòng UBND tỉnh",
		From: thidua.NewDate(2025, 1, 1), MinPresent: 2.0 / 3, MinPresentAward: 0.8,
		Members: []thidua.CouncilMember{
			{UserID: 1, Role: "CHAIR", Name: "Nguyễn Văn Hùng"},
			{UserID: 2, Role: "VICE_CHAIR", Name: "Lê Thị Bích Ngọc"},
			{UserID: 3, Role: "VICE_CHAIR", Name: "Trần Quốc Tuấn"},
			{UserID: 4, Role: "STANDING", Name: "Phạm Thị Hồng Nhung"},
			{UserID: 5, Role: "MEMBER", Name: "Hoàng Văn Đức"},
			{UserID: 6, Role: "MEMBER", Name: "Vũ Thị Thu Hà"},
			{UserID: 7, Role: "MEMBER", Name: "Đặng Minh Khoa"},
			{UserID: 8, Role: "MEMBER", Name: "Bùi Thị Phương Thảo"},
			{UserID: 9, Role: "MEMBER", Name: nfdName},
			{UserID: 10, Role: "SECRETARY", Name: "Đỗ Văn Hải"},
		}}
	m := &thidua.Meeting{ID: 4, CouncilID: 1, Title: "Xét khen thưởng tổng kết năm 2025", Date: thidua.NewDate(2026, time.January, 28),
		Place: "Phòng họp tầng 3, Văn phòng UBND tỉnh", State: thidua.MeetingClosed,
		Agenda: []int64{11, 12, 13, 14, 15, 16}, Present: []int64{1, 2, 3, 4, 5, 6, 7, 8, 10}}
	nominees := map[int64]report.MinutesNominee{
		11: {Name: "Nguyễn Thị Ánh", UnitName: "Phòng Tổng hợp", Subject: thidua.SubjectPerson, Award: thidua.TitleCSTDCS},
		12: {Name: "Lê Văn Bình", UnitName: "Phòng Hành chính – Tổ chức", Subject: thidua.SubjectPerson, Award: thidua.TitleCSTDCS},
		13: {Name: "Hồ Thị Yến", UnitName: "Trung tâm Thông tin – Công báo", Subject: thidua.SubjectPerson, Award: thidua.TitleCSTDCS},
		14: {Name: "Phòng Hành chính – Tổ chức", UnitName: "Phòng Hành chính – Tổ chức", Subject: thidua.SubjectUnit, Award: thidua.FormGK},
		15: {Name: "Ngô Quang Vinh", UnitName: "Ban Tiếp công dân tỉnh", Subject: thidua.SubjectPerson, Award: thidua.FormGK},
		16: {Name: "Dương Thị Mỹ Linh", UnitName: "Phòng Tổng hợp", Subject: thidua.SubjectPerson, Award: thidua.TitleCSTDT},
	}
	thresholds := map[int64]thidua.Threshold{11: {Share: 0.8}, 12: {Share: 0.8}, 13: {Share: 0.8}, 14: {Share: 0.5}, 15: {Share: 0.5}, 16: {Share: 0.9}}
	agree := map[int64]int{11: 9, 12: 8, 13: 7, 14: 5, 15: 4, 16: 8}
	return report.MinutesData{
		Agency:  "VĂN PHÒNG UBND TỈNH\nHỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
		Council: c, Meeting: m, Nominees: nominees,
		Tally:  thidua.Tally(agree, 9, m.Agenda, thresholds, 9), // 8 in the room and one written
		Voters: 9, Written: 1, WrittenBy: []int64{9}, Place: "Hà Nội",
		Start: time.Date(2026, 1, 28, 14, 0, 0, 0, thidua.VietnamZone),
		End:   time.Date(2026, 1, 28, 16, 30, 0, 0, thidua.VietnamZone),
	}
}

func TestMinutesPDF(t *testing.T) {
	md := buildMinutes()
	var buf bytes.Buffer
	if err := report.MinutesPDF(&buf, md); err != nil {
		t.Fatalf("MinutesPDF: %v", err)
	}
	pdf := buf.Bytes()
	keepPNG(t, pdf, "minutes")
	text := layoutText(t, pdf, 0, 0)
	first := layoutText(t, pdf, 1, 1)
	mustContain(t, first, "VĂN PHÒNG UBND TỈNH", "HỘI ĐỒNG THI ĐUA,", "KHEN THƯỞNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "/BB-HĐTĐKT", "Hà Nội, ngày 28 tháng 01 năm 2026", "BIÊN BẢN")
	f := flat(text)
	mustContain(t, f, "Xét khen thưởng tổng kết năm 2025",
		"Thời gian: 14 giờ 00 phút, ngày 28 tháng 01 năm 2026.", "Địa điểm: Phòng họp tầng 3, Văn phòng UBND tỉnh.",
		"1. Chủ trì: Nguyễn Văn Hùng, Chủ tịch Hội đồng.",
		"tổng số 09 thành viên có quyền biểu quyết; có mặt 08, vắng mặt 01 (trong đó 01 thành viên gửi phiếu biểu quyết bằng văn bản).",
		"Phó Chủ tịch Hội đồng", "Ủy viên thường trực", "Vắng mặt, có phiếu bằng văn bản", "Trịnh Thị Ngọc Ánh",
		"3. Thư ký: Đỗ Văn Hải.",
		"có mặt 08/09 thành viên Hội đồng (88,89%).", "ít nhất 80% tổng số thành viên Hội đồng tham dự; phiên họp đủ điều kiện tiến hành.",
		"Chiến sĩ thi đua cơ sở: 03; Giấy khen: 02; Chiến sĩ thi đua cấp tỉnh: 01",
		"cho 03/06 tập thể, cá nhân", "03 trường hợp không đạt", "16 giờ 30 phút",
		"THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG")
	// One row per nominee: required share, for, against, share of ALL
	// members, result.
	for _, row := range []string{
		`Nguyễn Thị Ánh\s+Phòng Tổng hợp\s+.*≥ 80%\s+9\s+0\s+100%\s+Đạt`,
		`Lê Văn Bình\s+.*≥ 80%\s+8\s+1\s+88,89%\s+Đạt`,
		`Hồ Thị Yến\s+.*≥ 80%\s+7\s+2\s+77,78%\s+Không đạt`,
		`Ngô Quang Vinh\s+.*> 50%\s+4\s+5\s+44,44%\s+Không đạt`,
		`Dương Thị Mỹ Linh\s+.*≥ 90%\s+8\s+1\s+88,89%\s+Không đạt`,
	} {
		if !regexp.MustCompile(row).MatchString(text) {
			t.Errorf("no row matching %s", row)
		}
	}
	if !regexp.MustCompile(`> 50%\s+5\s+4\s+55,56%\s+Đạt`).MatchString(text) {
		t.Error("collective's Giấy khen row missing")
	}

	// Too few present: the quorum statement says so.
	md.Meeting.Present = []int64{1, 2, 3, 4, 5, 6, 10}
	buf.Reset()
	if err := report.MinutesPDF(&buf, md); err != nil {
		t.Fatal(err)
	}
	mustContain(t, flat(layoutText(t, buf.Bytes(), 0, 0)), "có mặt 06/09 thành viên Hội đồng (66,67%)", "phiên họp không đủ điều kiện để xét khen thưởng.")
}

func TestVoteCountPDF(t *testing.T) {
	md := buildMinutes()
	var buf bytes.Buffer
	if err := report.VoteCountPDF(&buf, md); err != nil {
		t.Fatalf("VoteCountPDF: %v", err)
	}
	pdf := buf.Bytes()
	keepPNG(t, pdf, "votecount")
	text := layoutText(t, pdf, 0, 0)
	f := flat(text)
	mustContain(t, f, "BIÊN BẢN KIỂM PHIẾU", "Biểu quyết đề nghị khen thưởng – Xét khen thưởng tổng kết năm 2025",
		"Hà Nội, ngày 28 tháng 01 năm 2026",
		"Tổng số thành viên Hội đồng có quyền biểu quyết: 09;", "Số thành viên có mặt: 08;",
		"Số phiếu phát ra: 08;", "Số phiếu thu vào: 08;",
		"Số phiếu biểu quyết bằng văn bản của thành viên vắng mặt: 01;",
		"Số phiếu hợp lệ: 09;", "Số phiếu không hợp lệ: 00.",
		"dưới sự chứng kiến của Thư ký Hội đồng (Đỗ Văn Hải)",
		"THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG", "Nguyễn Văn Hùng")
	if !regexp.MustCompile(`Lê Văn Bình\s+Chiến sĩ thi đua cơ sở\s+≥ 80%\s+8\s+1\s+88,89%\s+Đạt`).MatchString(text) {
		t.Errorf("vote count row missing:\n%s", text)
	}

	md.Tellers = []string{"Phạm Thị Hồng Nhung", "Hoàng Văn Đức", "Vũ Thị Thu Hà"}
	md.Meeting.State = thidua.MeetingOpen
	buf.Reset()
	if err := report.VoteCountPDF(&buf, md); err != nil {
		t.Fatal(err)
	}
	f = flat(layoutText(t, buf.Bytes(), 0, 0))
	mustContain(t, f, "Ban Kiểm phiếu gồm:", "1. Phạm Thị Hồng Nhung – Trưởng ban;", "TRƯỞNG BAN KIỂM PHIẾU",
		"Kết quả tạm tính")
	if strings.Contains(f, "dưới sự chứng kiến") {
		t.Error("tellers named, yet the system count sentence is printed")
	}
}

func TestMinutesErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := report.MinutesPDF(&buf, report.MinutesData{}); err == nil {
		t.Error("no council: no error")
	}
	if err := report.VoteCountPDF(&buf, report.MinutesData{Council: &thidua.Council{}}); err == nil {
		t.Error("no meeting: no error")
	}
}
