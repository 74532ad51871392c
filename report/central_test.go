package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/central"
	"thidua/report"
)

func centralSubmission() *central.Submission {
	yes := true
	p := &thidua.Proposal{ID: 9, Title: "Đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2025", Year: 2025, UnitName: "Văn phòng UBND tỉnh",
		Nominees: []*thidua.Nominee{
			{ID: 1, Subject: thidua.SubjectPerson, Name: "Nguyễn Thị Hồng Nhung", UnitName: "Phòng Kinh tế", Award: thidua.TitleCSTDTQ, Verdict: thidua.VerdictReview, Passed: &yes},
			{ID: 2, Subject: thidua.SubjectUnit, Name: "Phòng Kinh tế", UnitName: "Văn phòng UBND tỉnh", Award: thidua.FormBKTTG, Verdict: thidua.VerdictEligible},
		}}
	return &central.Submission{Agency: "UBND TỈNH\nVĂN PHÒNG", Place: "Hà Nội", Date: thidua.NewDate(2026, 12, 20), Proposal: p,
		PublicComment: "Đã công khai từ 01/12/2026 đến 15/12/2026, nhận được 2 ý kiến.", Authority: "Thủ tướng Chính phủ"}
}

// TestSubmissionPDF reads the tờ trình back as text: title, addressee,
// nominees by award and the public-comment summary.
func TestSubmissionPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := (report.Central{}).SubmissionPDF(&buf, centralSubmission()); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(layoutText(t, buf.Bytes(), 0, 0)), " ")
	mustContain(t, text, "TỜ TRÌNH", "Kính gửi: Thủ tướng Chính phủ", "Chiến sĩ thi đua toàn quốc", "Nguyễn Thị Hồng Nhung",
		"Hội đồng thống nhất đề nghị", "nhận được 2 ý kiến", "ngày 20 tháng 12 năm 2026")
}

// TestNomineesXLSX reads the nominee list back.
func TestNomineesXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := (report.Central{}).NomineesXLSX(&buf, centralSubmission()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Danh sách")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[4][1] != "Nguyễn Thị Hồng Nhung" || rows[4][6] != "Thống nhất" || rows[5][2] != "Tập thể" {
		t.Errorf("rows %q", rows)
	}
}
