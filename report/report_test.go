package report_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/report"
)

const (
	campaignTitle = "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2021"
	tiedName      = "Nguyễn Thị Ánh"
	tiedPartner   = "Lê Văn Bình"
	longName      = "Công Tằng Tôn Nữ Thị Thanh Hương Giang Nguyễn Phước"
)

var collectiveNames = []string{
	"Phòng Tổng hợp",
	"Phòng Hành chính – Tổ chức",
	"Trung tâm Thông tin – Công báo",
	"Ban Tiếp công dân tỉnh",
	"Phòng Kiểm soát thủ tục hành chính và Theo dõi thi hành pháp luật",
}

var individualNames = []string{
	tiedName, tiedPartner, longName,
	"Trần Quốc Tuấn", "Phạm Thị Hồng Nhung", "Hoàng Văn Đức", "Vũ Thị Thu Hà", "Đặng Minh Khoa",
	"Bùi Thị Phương Thảo", "Đỗ Văn Hải", "Hồ Thị Yến", "Ngô Quang Vinh", "Dương Thị Mỹ Linh",
	"Lý Văn Sơn", "Trịnh Thị Ngọc Ánh", "Đinh Công Trứ", "Mai Thị Xuân", "Tạ Quang Bửu",
	"Lương Thị Ưng", "Phan Văn Ơn", "Võ Thị Ấn", "Huỳnh Tấn Phát", "Châu Thị Ẩn",
	"Kiều Văn Ất", "Quách Thị Ỷ", "Cao Văn Ửng", "Tô Thị Ỡm", "Lâm Hữu Ước",
	"Âu Dương Thị Ỳ", "Khúc Thừa Dụ",
}

// buildSummary makes a campaign with 4 criteria, 5 collectives and 30
// individuals, scores them and ranks them with thidua.ComputeResults. tr
// transforms every piece of text (identity, or norm.NFD.String).
func buildSummary(t testing.TB, tr func(string) string) (*report.Summary, []*thidua.Result) {
	t.Helper()
	c := &thidua.Campaign{
		ID: 7, Title: tr(campaignTitle), Form: thidua.FormThematic, Kind: "DOT", UnitID: 1,
		Plan:     thidua.DocRef{Number: "248", Type: "KH", Issuer: "VPUBND"},
		PlanDate: thidua.NewDate(2021, time.April, 20), Signer: tr("Nguyễn Văn Hùng"), SignerPost: tr("Chánh Văn phòng"),
		StartDate: thidua.NewDate(2021, time.May, 1), EndDate: thidua.NewDate(2021, time.November, 30),
		Participants: thidua.ForBoth, Aggregation: thidua.AggMeanReviewers, State: thidua.CampaignClosed,
		UnitName: tr("Văn phòng UBND tỉnh"),
	}
	criteria := []*thidua.Criterion{
		{ID: 1, Code: "TC1", Title: tr("Hoàn thành xuất sắc chỉ tiêu, nhiệm vụ chuyên môn được giao"), AppliesTo: thidua.ForBoth, MaxScore: 40, Weight: 1},
		{ID: 2, Code: "TC2", Title: tr("Chấp hành kỷ luật, kỷ cương hành chính và quy tắc ứng xử, văn hóa công sở"), AppliesTo: thidua.ForBoth, MaxScore: 30, Weight: 1},
		{ID: 3, Code: "TC3", Title: tr("Có sáng kiến, giải pháp cải tiến lề lối làm việc được công nhận"), AppliesTo: thidua.ForIndividuals, MaxScore: 20, Weight: 1.5},
		{ID: 4, Code: "TC4", Title: tr("Tham gia các phong trào do Công đoàn, Đoàn Thanh niên phát động"), AppliesTo: thidua.ForBoth, MaxScore: 10, Weight: 0.5},
	}
	var regs []*thidua.Registration
	var scores []thidua.Score
	progress := make([]thidua.CampaignProgress, len(collectiveNames))
	score := func(reg *thidua.Registration, cr *thidua.Criterion, v float64) {
		scores = append(scores, thidua.Score{RegistrationID: reg.ID, CriterionID: cr.ID, Kind: thidua.ScoreCouncil, ScorerID: 99, Value: v})
	}
	for i, n := range collectiveNames {
		id := int64(11 + i)
		progress[i] = thidua.CampaignProgress{UnitID: id, UnitName: tr(n)}
		reg := &thidua.Registration{ID: int64(100 + i), CampaignID: c.ID, Kind: thidua.ForCollectives, UnitID: id,
			State: thidua.RegApproved, Name: tr(n), UnitName: tr(n), UnitPath: fmt.Sprintf("/1/%d/", id)}
		regs = append(regs, reg)
		progress[i].Registered++
		progress[i].Approved++
		progress[i].WithEvidence++
		progress[i].Scored++
		for _, cr := range criteria {
			if !cr.Applies(reg.Kind) {
				continue
			}
			v := cr.MaxScore * (0.6 + float64((i*3+int(cr.ID))%5)/10)
			if i == 1 || i == 3 { // collectives 2 and 4 tie
				v = cr.MaxScore * 0.75
			}
			score(reg, cr, v)
		}
	}
	for i, n := range individualNames {
		u := i % len(collectiveNames)
		gender := thidua.GenderMale
		if strings.Contains(n, " Thị ") || strings.Contains(n, " Nữ ") {
			gender = thidua.GenderFemale
		}
		reg := &thidua.Registration{ID: int64(200 + i), CampaignID: c.ID, Kind: thidua.ForIndividuals, UnitID: int64(11 + u),
			PersonID: int64(500 + i), State: thidua.RegApproved, Name: tr(n), UnitName: tr(collectiveNames[u]),
			UnitPath: fmt.Sprintf("/1/%d/", 11+u), Gender: gender}
		regs = append(regs, reg)
		progress[u].Registered++
		progress[u].Approved++
		if i%4 != 3 {
			progress[u].WithEvidence++
		}
		progress[u].Scored++
		for _, cr := range criteria {
			if !cr.Applies(reg.Kind) || (i == 5 && cr.ID == 3) { // one individual misses TC3
				continue
			}
			v := cr.MaxScore * (0.45 + float64((i*37+int(cr.ID)*11)%53)/100)
			if i < 2 { // the first two tie
				v = cr.MaxScore * 0.9
			}
			score(reg, cr, v)
		}
	}
	// A registration still waiting for approval is counted but not ranked.
	regs = append(regs, &thidua.Registration{ID: 999, CampaignID: c.ID, Kind: thidua.ForIndividuals, UnitID: 11, PersonID: 999,
		State: thidua.RegSubmitted, Name: tr("Người Chưa Duyệt"), UnitName: tr(collectiveNames[0])})
	progress[0].Registered++

	results := thidua.ComputeResults(c, criteria, regs, scores)
	return &report.Summary{
		Campaign: c, Criteria: criteria, Results: results, Progress: progress,
		Agency: tr("UBND TỈNH HÀ TĨNH\nVĂN PHÒNG"), Place: tr("Hà Tĩnh"),
		Date: time.Date(2026, time.February, 5, 9, 0, 0, 0, thidua.VietnamZone),
	}, results
}

func find(t *testing.T, rs []*thidua.Result, name string) *thidua.Result {
	t.Helper()
	for _, r := range rs {
		if norm.NFC.String(r.Registration.Name) == name {
			return r
		}
	}
	t.Fatalf("no result for %q", name)
	return nil
}

func TestFixtureTies(t *testing.T) {
	_, rs := buildSummary(t, func(s string) string { return s })
	a, b := find(t, rs, tiedName), find(t, rs, tiedPartner)
	if !a.Tied || !b.Tied || a.Rank != b.Rank {
		t.Fatalf("fixture: %s rank %d tied %v, %s rank %d tied %v; want a tie", tiedName, a.Rank, a.Tied, tiedPartner, b.Rank, b.Tied)
	}
	c1, c2 := find(t, rs, collectiveNames[1]), find(t, rs, collectiveNames[3])
	if !c1.Tied || c1.Rank != c2.Rank {
		t.Fatalf("fixture: collectives should tie, got ranks %d and %d", c1.Rank, c2.Rank)
	}
}

func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 2, 5, 10, 0, 0, 0, thidua.VietnamZone), "Hà Nội, ngày 05 tháng 02 năm 2026"},
		{time.Date(2025, 11, 18, 10, 0, 0, 0, thidua.VietnamZone), "Hà Nội, ngày 18 tháng 11 năm 2025"},
		{time.Date(2026, 3, 9, 10, 0, 0, 0, thidua.VietnamZone), "Hà Nội, ngày 09 tháng 3 năm 2026"},
		{time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC), "Hà Nội, ngày 01 tháng 02 năm 2026"}, // 03:00 in Vietnam
	} {
		if got := report.DateLine("Hà Nội", tc.t); got != tc.want {
			t.Errorf("DateLine(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
	if got, want := report.DateLine("", time.Date(2026, 12, 1, 10, 0, 0, 0, thidua.VietnamZone)), "Ngày 01 tháng 12 năm 2026"; got != want {
		t.Errorf("DateLine without place = %q, want %q", got, want)
	}
	if got := report.DateLine("Hà Nội", time.Time{}); got != "Hà Nội, ngày      tháng      năm 20    " {
		t.Errorf("DateLine of the zero time = %q, want blanks", got)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{27.5, "27,5"}, {30, "30"}, {0, "0"}, {1234.256, "1.234,26"}, {-0.001, "0"}, {78.25, "78,25"}, {1e6, "1.000.000"}} {
		if got := report.FormatNumber(tc.f); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func writePDF(t *testing.T, s *report.Summary) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WritePDF(&buf, s); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("output starts with %q, want %%PDF", b[:min(len(b), 8)])
	}
	return b
}

var pageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// needTool returns the path of a poppler tool, skipping the test without it
// (failing under CI, which installs poppler-utils).
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := name + " not found; install it with `apt-get install poppler-utils` to check the PDF's text"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// pdfText extracts the text of pages first..last (0 = to the end) with
// pdftotext.
func pdfText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	out, err := exec.Command(tool, append(args, in, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// flat collapses every run of white space to one space, so that text
// wrapped over several lines can be matched.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDF(t *testing.T) {
	s, rs := buildSummary(t, func(s string) string { return s })
	pdf := writePDF(t, s)
	pages := len(pageRE.FindAll(pdf, -1))
	if pages < 2 {
		t.Fatalf("PDF has %d pages, want more than 1", pages)
	}

	text := pdfText(t, pdf, 0, 0)
	if !norm.NFC.IsNormalString(text) {
		t.Errorf("extracted text is not NFC")
	}
	ft := flat(text)
	rank := find(t, rs, tiedName).Rank
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"VĂN PHÒNG",
		"Hà Tĩnh, ngày 05 tháng 02 năm 2026",
		"BÁO CÁO TỔNG KẾT",
		campaignTitle,
		"Thực hiện Kế hoạch số 248/KH-VPUBND ngày 20/04/2021 của Văn phòng UBND tỉnh",
		"01/05/2021 – 30/11/2021",
		"Số: /BC-VPUBND",
		tiedName,
		tiedPartner,
		"(đồng hạng)",
		"Hoàn thành xuất sắc",
		"CHÁNH VĂN PHÒNG",
		fmt.Sprintf("Trang 1/%d", pages),
		fmt.Sprintf("Trang %d/%d", pages, pages),
	} {
		if !strings.Contains(ft, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// Ties: two tied collectives and two tied individuals, the rank above
	// "(đồng hạng)" in the same cell.
	if n := strings.Count(ft, "(đồng hạng)"); n != 4 {
		t.Errorf("\"(đồng hạng)\" appears %d times, want 4 (two tied collectives, two tied individuals)", n)
	}
	if !regexp.MustCompile(`(?m)^` + strconv.Itoa(rank) + `$`).MatchString(text) {
		t.Errorf("PDF text lacks the tied rank %d on a line of its own", rank)
	}
	// Long names wrap inside their cells: every word is there, but pdftotext
	// reads a table row line by line, so the words of other cells come
	// between the lines of one cell.
	for _, long := range []string{longName, collectiveNames[4]} {
		for _, word := range strings.Fields(long) {
			if !strings.Contains(text, word) {
				t.Errorf("PDF text lacks %q of %q", word, long)
			}
		}
	}
	// Vietnamese decimals: a comma, never a dot, e.g. 27,5.
	if !regexp.MustCompile(`\b\d+,\d{1,2}\b`).MatchString(text) {
		t.Errorf("PDF text has no number with a decimal comma")
	}
	if m := regexp.MustCompile(`\b\d+\.\d{1,2}\b`).FindString(text); m != "" {
		t.Errorf("PDF text has a decimal point number %q", m)
	}
	// The individuals' table breaks across pages and repeats its header.
	if n := strings.Count(text, "Họ và tên"); n < 2 {
		t.Errorf("header \"Họ và tên\" appears %d times, want it repeated on every page of the table", n)
	}
	last := pdfText(t, pdf, pages, pages)
	if !strings.Contains(last, "Họ và tên") && !strings.Contains(last, "CHÁNH VĂN PHÒNG") {
		t.Errorf("last page has neither the repeated table header nor the signature:\n%s", last)
	}

	// Page 1 as a picture, for a person to look at.
	if tool, err := exec.LookPath("pdftoppm"); err == nil {
		in := filepath.Join(t.TempDir(), "report.pdf")
		os.WriteFile(in, pdf, 0o644)
		if out, err := exec.Command(tool, "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", in, "/tmp/report-page1").CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
		if os.Getenv("REPORT_KEEP_PDF") != "" {
			os.WriteFile("/tmp/report.pdf", pdf, 0o644)
		}
	}
}

func TestPDFFromNFD(t *testing.T) {
	s, _ := buildSummary(t, norm.NFD.String)
	if norm.NFC.IsNormalString(s.Campaign.Title) {
		t.Fatal("fixture: the NFD title is already NFC")
	}
	text := flat(pdfText(t, writePDF(t, s), 0, 0))
	for _, want := range []string{campaignTitle, tiedName, "Hà Tĩnh, ngày 05 tháng 02 năm 2026", "CHÁNH VĂN PHÒNG", "Tôn Nữ", "(đồng hạng)", "248/KH-VPUBND"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF from NFD input lacks the NFC text %q", want)
		}
	}
	if strings.ContainsRune(text, '\u0301') || strings.ContainsRune(text, '\u0323') {
		t.Errorf("PDF from NFD input has combining marks in its text")
	}
}

func TestPDFEmpty(t *testing.T) {
	s, _ := buildSummary(t, func(s string) string { return s })
	s.Results, s.Progress, s.Agency, s.Place = nil, nil, "", ""
	s.Campaign.Plan, s.Campaign.Signer, s.Campaign.SignerPost = thidua.DocRef{}, "", ""
	writePDF(t, s)
	if err := report.WritePDF(&bytes.Buffer{}, &report.Summary{}); err == nil {
		t.Error("WritePDF without a campaign succeeded")
	}
}

// A table with many criteria shrinks its font and its name columns, but
// keeps every number and code whole.
func TestPDFManyCriteria(t *testing.T) {
	s, _ := buildSummary(t, func(s string) string { return s })
	for i := 5; i <= 14; i++ {
		s.Criteria = append(s.Criteria, &thidua.Criterion{ID: int64(i), Code: fmt.Sprintf("TC%d", i),
			Title: fmt.Sprintf("Tiêu chí bổ sung số %d", i), AppliesTo: thidua.ForBoth, MaxScore: 100, Weight: 1})
	}
	text := pdfText(t, writePDF(t, s), 0, 0)
	for _, want := range []string{"TC14", "(100)", "56,25", "92,67", "(đồng hạng)"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q whole", want)
		}
	}
}

// The encoders share nothing between calls.
func TestConcurrent(t *testing.T) {
	s, _ := buildSummary(t, func(s string) string { return s })
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			if i%2 == 0 {
				errs <- report.WritePDF(&bytes.Buffer{}, s)
			} else {
				errs <- report.WriteXLSX(&bytes.Buffer{}, s)
			}
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestXLSX(t *testing.T) {
	s, rs := buildSummary(t, norm.NFD.String) // stored text must come out NFC
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, s); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer f.Close()

	if got, want := strings.Join(f.GetSheetList(), "|"), "Tổng hợp|Tập thể|Cá nhân|Tiến độ"; got != want {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	var individuals, collectives int
	for _, r := range rs {
		if r.Registration.Kind == thidua.ForIndividuals {
			individuals++
		} else {
			collectives++
		}
	}
	for _, tc := range []struct {
		sheet string
		heads []string
		rows  int
	}{
		{"Tổng hợp", []string{"Thông tin", "Nội dung"}, 0},
		{"Tập thể", []string{"Hạng", "Tên tập thể", "TC1 (tối đa 40)", "TC2 (tối đa 30)", "TC4 (tối đa 10)", "Tổng điểm", "Điểm tối đa", "Tỷ lệ (%)", "Ghi chú"}, 1 + collectives},
		{"Cá nhân", []string{"Hạng", "Họ và tên", "Đơn vị", "TC1 (tối đa 40)", "TC2 (tối đa 30)", "TC3 (tối đa 20)", "TC4 (tối đa 10)", "Tổng điểm", "Điểm tối đa", "Tỷ lệ (%)", "Ghi chú"}, 1 + individuals},
		{"Tiến độ", []string{"TT", "Đơn vị", "Đăng ký", "Được duyệt", "Có minh chứng", "Đã chấm điểm"}, 1 + len(s.Progress) + 1},
	} {
		rows, err := f.GetRows(tc.sheet)
		if err != nil {
			t.Fatalf("%s: %v", tc.sheet, err)
		}
		if got, want := strings.Join(rows[0], "|"), strings.Join(tc.heads, "|"); got != want {
			t.Errorf("%s header = %q, want %q", tc.sheet, got, want)
		}
		if tc.rows > 0 && len(rows) != tc.rows {
			t.Errorf("%s has %d rows, want %d", tc.sheet, len(rows), tc.rows)
		}
		p, err := f.GetPanes(tc.sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s panes = %+v (%v), want the first row frozen", tc.sheet, p, err)
		}
		st, _ := f.GetCellStyle(tc.sheet, "A1")
		if style, err := f.GetStyle(st); err != nil || style.Font == nil || !style.Font.Bold {
			t.Errorf("%s header is not bold", tc.sheet)
		}
	}

	rows, _ := f.GetRows("Cá nhân")
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i + 1
			}
		}
		t.Fatalf("no column %q", name)
		return 0
	}
	rowOf := func(name string) int {
		for i, r := range rows {
			if len(r) > 1 && r[1] == name {
				return i + 1
			}
		}
		t.Fatalf("Cá nhân: no row for %q (names must be NFC)", name)
		return 0
	}
	want := find(t, rs, tiedName)
	for _, name := range []string{tiedName, tiedPartner} {
		row := rowOf(name)
		ref := func(c string) string { n, _ := excelize.CoordinatesToCellName(col(c), row); return n }
		for _, c := range []string{"Hạng", "Tổng điểm", "Tỷ lệ (%)", "TC1 (tối đa 40)"} {
			typ, _ := f.GetCellType("Cá nhân", ref(c))
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s %s: cell type %v, want a number", name, c, typ)
			}
		}
		raw, _ := f.GetCellValue("Cá nhân", ref("Hạng"), excelize.Options{RawCellValue: true})
		if raw != strconv.Itoa(want.Rank) {
			t.Errorf("%s rank = %q, want %d", name, raw, want.Rank)
		}
		total, _ := f.GetCellValue("Cá nhân", ref("Tổng điểm"), excelize.Options{RawCellValue: true})
		if v, err := strconv.ParseFloat(total, 64); err != nil || v != want.Total {
			t.Errorf("%s total = %q, want %v", name, total, want.Total)
		}
		note, _ := f.GetCellValue("Cá nhân", ref("Ghi chú"))
		if !strings.Contains(note, "Đồng hạng") {
			t.Errorf("%s note = %q, want the tie shown", name, note)
		}
	}
	if got := rows[rowOf(longName)-1][2]; got != collectiveNames[2] {
		t.Errorf("unit of %s = %q, want %q", longName, got, collectiveNames[2])
	}

	// The summary sheet holds the campaign and one row per criterion.
	sum, _ := f.GetRows("Tổng hợp")
	var gotTitle bool
	var crit int
	for _, r := range sum {
		if len(r) > 1 && r[0] == "Tên đợt thi đua" && r[1] == campaignTitle {
			gotTitle = true
		}
		if len(r) > 0 && regexp.MustCompile(`^TC\d$`).MatchString(r[0]) {
			crit++
		}
	}
	if !gotTitle || crit != 4 {
		t.Errorf("Tổng hợp: title found %v, %d criterion rows; want the title and 4 criteria", gotTitle, crit)
	}
	var start string
	for i, r := range sum {
		if len(r) > 0 && r[0] == "Từ ngày" {
			start, _ = excelize.CoordinatesToCellName(2, i+1)
		}
	}
	typ, _ := f.GetCellType("Tổng hợp", start)
	raw, _ := f.GetCellValue("Tổng hợp", start, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue("Tổng hợp", start)
	if _, err := strconv.ParseFloat(raw, 64); err != nil || typ == excelize.CellTypeSharedString || shown != "01/05/2021" {
		t.Errorf("Tổng hợp %s (start date) = %q raw %q type %v, want 01/05/2021 stored as a date", start, shown, raw, typ)
	}
}
