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

// nfdName is typed decomposed (NFD), as some keyboards and pasted text do;
// the documents must show it composed.
var nfdName = norm.NFD.String("Trịnh Thị Ngọc Ánh")

// buildDecision makes an issued decision, 05/QĐ-VPUBND of 05/02/2026,
// giving Giấy khen to 5 collectives and 15 individuals and the title
// Chiến sĩ thi đua cơ sở to 5 individuals: 25 recipients, enough for the
// list to run over two pages.
func buildDecision() *thidua.Decision {
	d := &thidua.Decision{
		ID: 3, UnitID: 1, Issuer: "VPUBND", Year: 2026, Number: 5,
		Place: "Hà Nội", Date: thidua.NewDate(2026, time.February, 5),
		Title:     "Về việc tặng Giấy khen và danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
		Authority: "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
		Bases: thidua.DecisionBases(thidua.NewDate(2026, time.February, 5),
			"Căn cứ Quyết định số 12/2023/QĐ-UBND ngày 20 tháng 3 năm 2023 của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Ủy ban nhân dân tỉnh;",
			"Căn cứ Biên bản họp Hội đồng Thi đua, Khen thưởng Văn phòng ngày 28 tháng 01 năm 2026;",
			"Theo đề nghị của Trưởng phòng Hành chính – Tổ chức."),
		Signer: thidua.Signer{Authority: "KT.", OnBehalf: "Chánh Văn phòng", Post: "Phó Chánh Văn phòng", Name: "Nguyễn Văn Hùng"},
		CC:     []string{"Như Điều 3;", "Chủ tịch, các PCT UBND tỉnh (để b/c);", "Lãnh đạo Văn phòng;", "Lưu: VT, HCTC."},
		State:  thidua.DecisionIssued, UnitName: "Văn phòng UBND tỉnh",
	}
	basis := "thực hiện nhiệm vụ năm 2025"
	for _, n := range collectiveNames {
		d.Recipients = append(d.Recipients, thidua.Recipient{Subject: thidua.SubjectUnit, Name: n, UnitName: n,
			Award: thidua.FormGK, AwardType: thidua.AwardCongTrang, MoneyVND: 1_000_000, Basis: basis})
	}
	positions := []string{"Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Chuyên viên chính", "Văn thư"}
	for i, n := range individualNames[:20] {
		if n == "Trịnh Thị Ngọc Ánh" {
			n = nfdName
		}
		r := thidua.Recipient{Subject: thidua.SubjectPerson, SubjectID: int64(100 + i), Name: n,
			UnitName: collectiveNames[i%len(collectiveNames)], Position: positions[i%len(positions)],
			Award: thidua.FormGK, AwardType: thidua.AwardCongTrang, MoneyVND: 300_000, Basis: basis}
		if i >= 15 {
			r.Award, r.MoneyVND = thidua.TitleCSTDCS, 1_100_000
		}
		d.Recipients = append(d.Recipients, r)
	}
	return d
}

func writeDecision(t *testing.T, d *thidua.Decision, o report.DecisionOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.DecisionPDF(&buf, d, o); err != nil {
		t.Fatalf("DecisionPDF: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	return buf.Bytes()
}

// layoutText extracts pages first..last (0 = to the end) with pdftotext
// -layout, which keeps the two columns of a header on one line.
func layoutText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	tool := needTool(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-layout", "-enc", "UTF-8"}
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

func pageCount(pdf []byte) int { return len(pageRE.FindAll(pdf, -1)) }

// keepPNG renders the first page to /tmp/report-<name>.png when
// REPORT_PNG=1, for a person to look at.
func keepPNG(t *testing.T, pdf []byte, name string) {
	t.Helper()
	if os.Getenv("REPORT_PNG") == "" {
		return
	}
	tool := needTool(t, "pdftoppm")
	in := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("/tmp/report-"+name+".pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", in, "/tmp/report-"+name).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q", w)
		}
	}
}

func TestDecisionPDF(t *testing.T) {
	d := buildDecision()
	pdf := writeDecision(t, d, report.DecisionOptions{Agency: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nVĂN PHÒNG"})
	keepPNG(t, pdf, "decision")
	pages := pageCount(pdf)
	if pages < 3 {
		t.Fatalf("%d pages, want the decision and a list of at least two pages", pages)
	}
	all := layoutText(t, pdf, 0, 0)
	first := layoutText(t, pdf, 1, 1)
	mustContain(t, first,
		"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "VĂN PHÒNG",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Số: 05/QĐ-VPUBND", "Hà Nội, ngày 05 tháng 02 năm 2026",
		"QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "Về việc tặng Giấy khen",
		"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "Điều 1.")
	// The header's two columns share their first line.
	if !regexp.MustCompile(`ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`).MatchString(first) {
		t.Errorf("agency and national name are not side by side:\n%s", first[:min(len(first), 600)])
	}
	if strings.Contains(first, "DỰ THẢO") {
		t.Error("an issued decision carries the draft mark")
	}
	f := flat(all)
	mustContain(t, f,
		"Tặng Giấy khen cho 05 tập thể và 15 cá nhân; tặng danh hiệu “Chiến sĩ thi đua cơ sở” cho 05 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
		"Tổng số tiền thưởng: 15.000.000 đồng (Bằng chữ: Mười lăm triệu đồng).",
		"Điều 2.", "Điều 3.", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, HCTC.",
		"KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng",
		"DANH SÁCH", "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
		"(Kèm theo Quyết định số 05/QĐ-VPUBND ngày 05/02/2026 của Chánh Văn phòng Ủy ban nhân dân tỉnh)",
		"Giấy khen (05 tập thể và 15 cá nhân)", "Chiến sĩ thi đua cơ sở (05 cá nhân)",
		"Tổng số tiền bằng chữ: Mười lăm triệu đồng.",
	)
	// The decomposed name comes out composed; nothing stays decomposed.
	mustContain(t, all, "Trịnh Thị Ngọc Ánh")
	if !norm.NFC.IsNormalString(all) {
		t.Error("extracted text is not NFC")
	}
	// Each recipient is a row of the list, with its money. Names that wrap
	// in their cell come out line by line, between the other cells' lines.
	listText := layoutText(t, pdf, 2, 0)
	list := flat(listText)
	for _, r := range d.Recipients {
		for _, w := range strings.Fields(norm.NFC.String(r.Name)) {
			if !strings.Contains(list, w) {
				t.Errorf("list misses %q of %s", w, r.Name)
			}
		}
	}
	mustContain(t, list, "Nguyễn Thị Ánh", "Trịnh Thị Ngọc Ánh", "Ban Tiếp công dân tỉnh", "Chuyên viên, Phòng Tổng hợp")
	// STT restarts in each group; the money is right-aligned in figures.
	for _, row := range []string{`(?m)^\s*1\s+Phòng Tổng hợp\s+Giấy khen\s+1\.000\.000$`,
		`(?m)^\s*6\s+Nguyễn Thị Ánh\s+Chuyên viên, Phòng Tổng hợp\s+Giấy khen\s+300\.000$`,
		`(?m)^\s*20\s+Trịnh Thị Ngọc Ánh\s.*Giấy khen\s+300\.000$`,
		`(?m)^\s*1\s+Đinh Công Trứ\s.*1\.100\.000$`,
		`(?m)^\s*Tổng cộng: 05 tập thể\s+15\.000\.000$`} {
		if !regexp.MustCompile(row).MatchString(listText) {
			t.Errorf("list has no row matching %s", row)
		}
	}
	// The list's header row is repeated on its second page, and pages after
	// the first are numbered at the top, the first is not.
	last := layoutText(t, pdf, pages, pages)
	mustContain(t, last, "STT", "Số tiền")
	if !regexp.MustCompile(`^\s*` + strconv.Itoa(pages) + `\s*\n`).MatchString(last) {
		t.Errorf("last page does not start with its number %d:\n%s", pages, last[:min(len(last), 200)])
	}
	if regexp.MustCompile(`^\s*1\s*\n`).MatchString(first) {
		t.Error("the first page carries a number")
	}
}

func TestDecisionDraftPDF(t *testing.T) {
	d := buildDecision()
	d.Number, d.State, d.Date = 0, thidua.DecisionDraft, thidua.Date{}
	d.Signer = thidua.Signer{Authority: "TM.", OnBehalf: "Ủy ban nhân dân\nKT. Chủ tịch", Post: "Phó Chủ tịch", Name: "Lê Thị Bích Ngọc"}
	d.Articles = []string{"Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo.", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."}
	d.CC = nil
	pdf := writeDecision(t, d, report.DecisionOptions{Agency: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nVĂN PHÒNG", IssuedBy: "Chánh Văn phòng UBND tỉnh"})
	keepPNG(t, pdf, "decision-draft")
	first := layoutText(t, pdf, 1, 1)
	mustContain(t, first, "DỰ THẢO", "/QĐ-VPUBND", "Hà Nội, ngày", "năm 2026")
	if !regexp.MustCompile(`Số: +/QĐ-VPUBND`).MatchString(first) {
		t.Error("a draft's number is not left blank")
	}
	if strings.Contains(first, "05/QĐ") {
		t.Error("a draft carries a number")
	}
	text := layoutText(t, pdf, 0, 0)
	mustContain(t, flat(text), "Điều 1. Tặng Giấy khen cho các tập thể", "Điều 2. Quyết định này", "Lê Thị Bích Ngọc",
		"Kèm theo Quyết định số ……/QĐ-VPUBND ngày ……/……/2026 của Chánh Văn phòng UBND tỉnh)")
	// "Nơi nhận" on the left beside the three lines of the signer's post.
	if !regexp.MustCompile(`Nơi nhận: +TM\. ỦY BAN NHÂN DÂN\n- Như Điều 2; +KT\. CHỦ TỊCH\n- Lưu: VT\. +PHÓ CHỦ TỊCH\n`).MatchString(text) {
		t.Errorf("signature block:\n%s", text)
	}
}

func TestDecisionErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := report.DecisionPDF(&buf, nil, report.DecisionOptions{}); err == nil {
		t.Error("nil decision: no error")
	}
	if err := report.DecisionPDF(&buf, &thidua.Decision{Issuer: "VPUBND"}, report.DecisionOptions{}); err == nil {
		t.Error("no recipients: no error")
	}
	if err := report.DecisionXLSX(&buf, nil); err == nil {
		t.Error("nil decision: no error from XLSX")
	}
}

func TestVND(t *testing.T) {
	for _, tc := range []struct {
		n       int64
		figures string
		words   string
	}{
		{0, "0", "Không đồng"},
		{5, "5", "Năm đồng"},
		{15, "15", "Mười lăm đồng"},
		{21, "21", "Hai mươi mốt đồng"},
		{105, "105", "Một trăm linh năm đồng"},
		{300_000, "300.000", "Ba trăm nghìn đồng"},
		{1_234_000, "1.234.000", "Một triệu hai trăm ba mươi bốn nghìn đồng"},
		{15_000_000, "15.000.000", "Mười lăm triệu đồng"},
		{1_005_000, "1.005.000", "Một triệu không trăm linh năm nghìn đồng"},
		{2_000_000_000, "2.000.000.000", "Hai tỷ đồng"},
		{74_500_000, "74.500.000", "Bảy mươi bốn triệu năm trăm nghìn đồng"},
	} {
		if got := report.FormatVND(tc.n); got != tc.figures {
			t.Errorf("FormatVND(%d) = %q, want %q", tc.n, got, tc.figures)
		}
		if got := report.VNDWords(tc.n); got != tc.words {
			t.Errorf("VNDWords(%d) = %q, want %q", tc.n, got, tc.words)
		}
	}
}

func TestDefaultArticles(t *testing.T) {
	d := &thidua.Decision{Recipients: []thidua.Recipient{{Subject: thidua.SubjectPerson, Name: "A", Award: thidua.FormGK, Basis: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025."}}}
	got := report.DefaultArticles(d)
	want := []string{
		"Điều 1. Tặng Giấy khen cho 01 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua năm 2025.",
		"Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("DefaultArticles = %q\nwant %q", got, want)
	}
}

func TestDecisionXLSX(t *testing.T) {
	d := buildDecision()
	var buf bytes.Buffer
	if err := report.DecisionXLSX(&buf, d); err != nil {
		t.Fatalf("DecisionXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := report.SheetRecipients
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	head := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "STT" {
			head = i
			break
		}
	}
	if head < 0 {
		t.Fatalf("no header row in %q", rows)
	}
	mustContain(t, strings.Join(rows[head], "|"), "Họ và tên, tên tập thể", "Chức vụ", "Đơn vị", "Hình thức, danh hiệu", "Số tiền (đồng)")
	mustContain(t, strings.Join(rows[0], " "), "05/QĐ-VPUBND")
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != head+1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	body := rows[head+1 : head+1+len(d.Recipients)]
	var names []string
	for _, r := range body {
		names = append(names, r[1])
	}
	mustContain(t, strings.Join(names, "|"), "Trịnh Thị Ngọc Ánh", "Phòng Hành chính – Tổ chức")
	moneyCol := len(rows[head])
	// Money is stored as a number, the total too.
	var sum float64
	for i := range d.Recipients {
		ref, _ := excelize.CoordinatesToCellName(moneyCol, head+2+i)
		typ, _ := f.GetCellType(sheet, ref)
		raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Fatalf("money %s = %q (%v), not a number", ref, raw, typ)
		}
		sum += v
	}
	ref, _ := excelize.CoordinatesToCellName(moneyCol, head+2+len(d.Recipients))
	raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if raw != "15000000" || sum != 15_000_000 {
		t.Errorf("total %s = %q, sum %v; want 15000000", ref, raw, sum)
	}
	stt, _ := excelize.CoordinatesToCellName(1, head+2)
	if typ, _ := f.GetCellType(sheet, stt); typ == excelize.CellTypeSharedString {
		t.Errorf("STT stored as text")
	}
}
