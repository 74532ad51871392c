package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/importer"
)

// book builds a workbook in memory, sheet by sheet.
type book struct {
	t testing.TB
	f *excelize.File
}

func newBook(t testing.TB) *book {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { f.Close() })
	return &book{t: t, f: f}
}

// sheet writes rows from A1 into a new sheet (the first call renames Sheet1).
func (b *book) sheet(name string, rows ...[]any) *book {
	b.t.Helper()
	if b.f.SheetCount == 1 && b.f.GetSheetName(0) == "Sheet1" {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			b.t.Fatal(err)
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		b.t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := b.f.SetSheetRow(name, cell, &r); err != nil {
			b.t.Fatal(err)
		}
	}
	return b
}

func (b *book) bytes(opts ...excelize.Options) []byte {
	b.t.Helper()
	var buf bytes.Buffer
	if err := b.f.Write(&buf, opts...); err != nil {
		b.t.Fatal(err)
	}
	return buf.Bytes()
}

var today = thidua.NewDate(2026, 3, 1)

func read(t testing.TB, data []byte) *importer.Result {
	t.Helper()
	res, err := importer.Read(context.Background(), data, "test.xlsx", importer.Options{Today: today})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

var peopleHead = []any{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Lãnh đạo, quản lý", "Đối tượng", "Ngày vào công tác", "Trạng thái"}

const hctc = "Văn phòng UBND tỉnh / Phòng Hành chính – Tổ chức"

// findProblem returns the problem at sheet/row/column, failing when absent.
func findProblem(t *testing.T, res *importer.Result, sheet string, row int, col, contains string) thidua.ImportProblem {
	t.Helper()
	for _, p := range res.Problems {
		if p.Sheet == sheet && p.Row == row && p.Column == col && strings.Contains(p.Message, contains) {
			return p
		}
	}
	t.Fatalf("no problem at %s!%s%d containing %q; problems:\n%s", sheet, col, row, contains, list(res.Problems))
	return thidua.ImportProblem{}
}

func list(ps []thidua.ImportProblem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

func TestReadPeople(t *testing.T) {
	nfd := norm.NFD.String("Nguyễn Thị Ánh")
	data := newBook(t).sheet("Cá nhân",
		peopleHead,
		[]any{"Trần Văn Bình", "05/02/1985", "Nam", hctc, "Chuyên viên", "Không", "Công chức", "01/09/2010", "Đang công tác"},
		// NFD text, an Excel date, codes instead of labels, accents left out.
		[]any{"  " + nfd + "  ", 31083, "NU", "Văn phòng UBND tỉnh > Phòng Tổng hợp", "Phó Trưởng phòng", "x", "cong chuc", nil, ""},
		[]any{},
		[]any{"Lê Hữu Phước", "1990-12-31", "nam", "Sở Nội vụ", nil, 1, "Người lao động", "15/3/2015", "Đã nghỉ hưu, nghỉ việc"},
	).bytes()
	res := read(t, data)
	if !res.OK() {
		t.Fatalf("problems:\n%s", list(res.Problems))
	}
	ps := res.Batch.People
	if len(ps) != 3 {
		t.Fatalf("people = %d, want 3", len(ps))
	}
	b := ps[0]
	if b.Person.FullName != "Trần Văn Bình" || b.Person.BirthDate != thidua.NewDate(1985, 2, 5) || b.Person.Gender != thidua.GenderMale ||
		b.Person.Category != thidua.CategoryCongChuc || b.Person.IsLeader || b.Person.StartDate != thidua.NewDate(2010, 9, 1) ||
		b.Person.Status != thidua.PersonActive || strings.Join(b.UnitPath, "|") != "Văn phòng UBND tỉnh|Phòng Hành chính – Tổ chức" ||
		b.Ref != (thidua.ImportRef{Sheet: "Cá nhân", Row: 2}) {
		t.Fatalf("row 2: %+v", b)
	}
	a := ps[1]
	if a.Person.FullName != "Nguyễn Thị Ánh" || !norm.NFC.IsNormalString(a.Person.FullName) {
		t.Fatalf("NFD name not normalized: %q", a.Person.FullName)
	}
	// 31083 is 05/02/1985 in Excel's 1900 date system.
	if a.Person.BirthDate != thidua.NewDate(1985, 2, 5) || a.Person.Gender != thidua.GenderFemale || !a.Person.IsLeader ||
		a.Person.Category != thidua.CategoryCongChuc || strings.Join(a.UnitPath, "|") != "Văn phòng UBND tỉnh|Phòng Tổng hợp" {
		t.Fatalf("row 3: %+v", a)
	}
	if c := ps[2]; c.Ref.Row != 5 || c.Person.Status != thidua.PersonRetired || c.Person.BirthDate != thidua.NewDate(1990, 12, 31) ||
		!c.Person.IsLeader || c.Person.StartDate != thidua.NewDate(2015, 3, 15) {
		t.Fatalf("row 5: %+v", c)
	}
	if len(res.Batch.Sheets) != 1 || res.Batch.Sheets[0].Rows != 3 || res.Batch.Sheets[0].Columns["birth_date"].Letter != "B" {
		t.Fatalf("sheets: %+v", res.Batch.Sheets)
	}
}

func TestReadRowProblems(t *testing.T) {
	data := newBook(t).sheet("Cá nhân",
		peopleHead,
		[]any{"", "31/02/1985", "Khác", hctc, nil, "có lẽ", "Công chức"},
		[]any{"Trần Văn Bình", "05/02/2030", "Nam", "Văn phòng UBND tỉnh /  / Phòng X", nil, nil, "Bộ đội"},
		[]any{"Bình", 1985, "Nam", hctc, nil, nil, "Viên chức"},
		[]any{"Hồ Văn Năm", "12/08/1992", "Nam", hctc, nil, nil, "Viên chức", "01/01/1970"},
	).bytes()
	res := read(t, data)
	const sh = "Cá nhân"
	findProblem(t, res, sh, 2, "A", "không được để trống")
	p := findProblem(t, res, sh, 2, "B", "31/02/1985")
	if p.Field != "Ngày sinh" || !strings.Contains(p.String(), "Trang «Cá nhân», dòng 2, cột B (Ngày sinh)") {
		t.Fatalf("problem text: %s", p)
	}
	findProblem(t, res, sh, 2, "C", "«Khác» không hợp lệ")
	findProblem(t, res, sh, 2, "F", "Có hoặc Không")
	findProblem(t, res, sh, 3, "B", "trước ngày hôm nay")
	findProblem(t, res, sh, 3, "D", "để trống")
	findProblem(t, res, sh, 3, "G", "«Bộ đội»")
	findProblem(t, res, sh, 4, "A", "ít nhất hai từ")
	findProblem(t, res, sh, 4, "B", "Chỉ có năm")
	findProblem(t, res, sh, 5, "H", "sau ngày sinh")
	if len(res.Batch.People) != 0 {
		t.Fatalf("rows with problems were kept: %+v", res.Batch.People)
	}
}

func TestReadHeaders(t *testing.T) {
	t.Run("title rows, other order, extra columns", func(t *testing.T) {
		data := newBook(t).sheet("Danh sách cán bộ",
			[]any{"DANH SÁCH CÁN BỘ NĂM 2026"},
			[]any{"Đơn vị: Văn phòng"},
			[]any{"STT", "Đơn vị công tác (*)", "Họ tên (*)", "Ngày sinh (dd/mm/yyyy)", "Giới tính", "Đối tượng", "Ghi chú"},
			[]any{1, hctc, "Phạm Thu Trang", "12/08/1992", "Nữ", "Viên chức", "mới chuyển đến"},
		).bytes()
		res := read(t, data)
		if !res.OK() || len(res.Batch.People) != 1 || res.Batch.People[0].Ref.Row != 4 {
			t.Fatalf("problems:\n%s people %+v", list(res.Problems), res.Batch.People)
		}
		if c := res.Batch.Sheets[0].Columns["full_name"]; c.Letter != "C" || c.Header != "Họ tên (*)" {
			t.Fatalf("columns: %+v", res.Batch.Sheets[0].Columns)
		}
	})
	t.Run("sheet recognized by its header", func(t *testing.T) {
		data := newBook(t).sheet("Sheet1", peopleHead,
			[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"}).bytes()
		res := read(t, data)
		if !res.OK() || len(res.Batch.People) != 1 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0], "Cá nhân") {
			t.Fatalf("problems:\n%s skipped %v", list(res.Problems), res.Skipped)
		}
	})
	t.Run("missing required column", func(t *testing.T) {
		data := newBook(t).sheet("Cá nhân", []any{"Họ và tên", "Giới tính", "Đơn vị", "Đối tượng"},
			[]any{"Phạm Thu Trang", "Nữ", hctc, "Viên chức"}).bytes()
		res := read(t, data)
		if res.OK() || !strings.Contains(res.Problems[0].Message, "«Ngày sinh»") || res.Problems[0].Row != 1 {
			t.Fatalf("problems:\n%s", list(res.Problems))
		}
	})
	t.Run("duplicate column", func(t *testing.T) {
		data := newBook(t).sheet("Cá nhân", append(append([]any{}, peopleHead...), "Ngày sinh"),
			[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"}).bytes()
		res := read(t, data)
		findProblem(t, res, "Cá nhân", 1, "J", "hai lần")
	})
	t.Run("no sheet to import", func(t *testing.T) {
		data := newBook(t).sheet("Bảng lương", []any{"Họ và tên", "Lương"}, []any{"A B", 1}).sheet("Hướng dẫn", []any{"x"}).bytes()
		res := read(t, data)
		if res.OK() || !strings.Contains(res.Problems[0].Message, "Không tìm thấy trang tính nào") ||
			!strings.Contains(res.Problems[0].Message, "«Bảng lương»") {
			t.Fatalf("problems:\n%s", list(res.Problems))
		}
	})
}

func TestReadDuplicates(t *testing.T) {
	data := newBook(t).sheet("Cá nhân", peopleHead,
		[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"},
		[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", "Văn phòng UBND tỉnh / Phòng Tổng hợp", "", "", "Viên chức"},
		[]any{"PHẠM THU TRANG", "12/8/1992", "nu", "văn phòng ubnd tỉnh / phòng hành chính - tổ chức", "", "", "Viên chức"},
	).bytes()
	res := read(t, data)
	findProblem(t, res, "Cá nhân", 4, "A", "Trùng với dòng 2")
	if res.ProblemCount != 1 || len(res.Batch.People) != 2 {
		t.Fatalf("problems:\n%s", list(res.Problems))
	}
}

func TestReadHistories(t *testing.T) {
	subj := []any{"Phạm Thu Trang", "12/08/1992", hctc}
	row := func(xs ...any) []any { return append(append([]any{}, subj...), xs...) }
	data := newBook(t).
		sheet("Xếp loại", []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại", "Văn bản xếp loại"},
			row(2024, "HTXSNV", "06/TB-VPUBND"),
			row("2025", "Hoàn thành tốt nhiệm vụ"),
			[]any{nil, nil, hctc, 2025, "htxsnv"},
			row(2025, "Xuất sắc")).
		sheet("Khen thưởng", []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu, hình thức", "Loại hình khen thưởng", "Số quyết định", "Ngày quyết định", "Căn cứ đạt danh hiệu"},
			row(2024, "Chiến sĩ thi đua cơ sở", "", "12/QĐ-VPUBND", "15/01/2025", "HTXSNV"),
			row(nil, "GK", "Công trạng", "30/QĐ-VPUBND", 45300),
			[]any{nil, nil, hctc, 2024, "Tập thể lao động xuất sắc"},
			row(2024, "Tập thể lao động tiên tiến"),
			row(nil, "BKCT", "", "5/QĐ-UBND", "01/02/2024"),
			row(2024, "Huy chương vàng")).
		sheet("Sáng kiến", []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Tên sáng kiến, đề tài", "Loại", "Cấp công nhận", "Đã dùng cho khen thưởng"},
			row(2024, "Số hóa hồ sơ", "", "Cấp tỉnh", "CSTDCS 2024"),
			row(2024, "Số hoá hồ sơ", "Sáng kiến", "cơ sở")).
		bytes()
	res := read(t, data)
	findProblem(t, res, "Xếp loại", 5, "E", "«Xuất sắc»")
	findProblem(t, res, "Khen thưởng", 5, "E", "dành cho tập thể")
	findProblem(t, res, "Khen thưởng", 6, "F", "không được để trống")
	findProblem(t, res, "Khen thưởng", 7, "E", "không phải danh hiệu")
	findProblem(t, res, "Sáng kiến", 3, "E", "đã có ở dòng 2")
	if res.ProblemCount != 5 {
		t.Fatalf("problems:\n%s", list(res.Problems))
	}
	b := res.Batch
	if len(b.Ratings) != 3 || b.Ratings[0].Rating != (thidua.Rating{Year: 2024, Code: "HTXSNV", Source: "06/TB-VPUBND"}) ||
		b.Ratings[1].Rating.Code != thidua.RatingHTTNV || !b.Ratings[2].Subject.IsUnit() {
		t.Fatalf("ratings: %+v", b.Ratings)
	}
	if len(b.Titles) != 2 || b.Titles[0].Title.Code != thidua.TitleCSTDCS || b.Titles[0].Title.Path != thidua.PathHTXSNV ||
		b.Titles[0].Title.Decision != "12/QĐ-VPUBND" || b.Titles[1].Title.Code != thidua.TitleTTLDXS || !b.Titles[1].Subject.IsUnit() {
		t.Fatalf("titles: %+v", b.Titles)
	}
	// 45300 is 09/01/2024.
	if len(b.Awards) != 1 || b.Awards[0].Award.Code != thidua.FormGK || b.Awards[0].Award.Date != thidua.NewDate(2024, 1, 9) ||
		b.Awards[0].Award.Type != thidua.AwardCongTrang {
		t.Fatalf("awards: %+v", b.Awards)
	}
	if len(b.Initiatives) != 1 || b.Initiatives[0].Initiative.Level != thidua.LevelTinh || b.Initiatives[0].Initiative.Kind != thidua.InitiativeSangKien {
		t.Fatalf("initiatives: %+v", b.Initiatives)
	}
}

func TestReadDate1904(t *testing.T) {
	bk := newBook(t).sheet("Cá nhân", peopleHead, []any{"Phạm Thu Trang", 32324, "Nữ", hctc, "", "", "Viên chức"})
	yes := true
	if err := bk.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	res := read(t, bk.bytes())
	// 32324 days after 1 January 1904.
	if !res.OK() || res.Batch.People[0].Person.BirthDate != thidua.NewDate(1992, 7, 1) {
		t.Fatalf("problems:\n%s %+v", list(res.Problems), res.Batch.People)
	}
}

func TestBadFiles(t *testing.T) {
	good := newBook(t).sheet("Cá nhân", peopleHead, []any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"}).bytes()
	encrypted := newBook(t).sheet("Cá nhân", peopleHead).bytes(excelize.Options{Password: "bí mật"})
	zipOf := func(files map[string]string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, body := range files {
			w, _ := zw.Create(name)
			w.Write([]byte(body))
		}
		zw.Close()
		return buf.Bytes()
	}
	xls := append(append([]byte{}, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), make([]byte, 600)...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "Tệp rỗng"},
		{"csv", []byte("Họ và tên;Ngày sinh\nA B;01/01/1990\n"), "văn bản thuần"},
		{"pdf", []byte("%PDF-1.7\n..."), "PDF"},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 1}, "không phải bảng tính Excel"},
		{"xls", xls, "Excel 97–2003"},
		{"password", encrypted, "mật khẩu"},
		{"docx", zipOf(map[string]string{"word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>"}), "Word"},
		{"ods", zipOf(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "OpenDocument"},
		{"other zip", zipOf(map[string]string{"a.txt": "x"}), "không có phần sổ làm việc"},
		{"truncated", good[:len(good)/2], "bị hỏng"},
		{"corrupt workbook", zipOf(map[string]string{"xl/workbook.xml": "<workbook><sheets><sheet name=", "[Content_Types].xml": "<Types/>"}), "bị hỏng"},
		{"sheet part missing", zipOf(map[string]string{"xl/workbook.xml": `<workbook xmlns:r="r"><sheets><sheet name="Cá nhân" r:id="rId1"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`}), "thiếu nội dung"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := read(t, c.data)
			if res.OK() || !strings.Contains(res.Problems[0].Message, c.want) {
				t.Fatalf("want a problem containing %q; got:\n%s", c.want, list(res.Problems))
			}
			if res.Batch.Rows() != 0 {
				t.Fatalf("records read from a bad file: %d", res.Batch.Rows())
			}
		})
	}
}

func TestFormulasAndMerges(t *testing.T) {
	bk := newBook(t).sheet("Cá nhân", peopleHead,
		[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"},
		[]any{"Lê Văn Tám", "12/08/1990", "Nam", nil, "", "", "Viên chức"},
		[]any{"Lê Văn Chín", "12/08/1991", "Nam", nil, "", "", "Viên chức"})
	if err := bk.f.SetCellFormula("Cá nhân", "E2", `=UPPER("chuyên viên")`); err != nil {
		t.Fatal(err)
	}
	if err := bk.f.MergeCell("Cá nhân", "D3", "D4"); err != nil {
		t.Fatal(err)
	}
	res := read(t, bk.bytes())
	findProblem(t, res, "Cá nhân", 2, "E", "công thức")
	if p := findProblem(t, res, "Cá nhân", 3, "D", "D3:D4 đang được gộp"); p.Field != "Đơn vị" {
		t.Fatalf("merge problem %+v", p)
	}
	if res.ProblemCount != 4 { // the two empty units, the formula, the merge
		t.Fatalf("problems:\n%s", list(res.Problems))
	}

	// A merged title and a formula above the header row are fine.
	bk = newBook(t).sheet("Cá nhân", []any{"DANH SÁCH CÁN BỘ"}, []any{"Năm"}, peopleHead,
		[]any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"})
	bk.f.MergeCell("Cá nhân", "A1", "G1")
	bk.f.SetCellFormula("Cá nhân", "B2", "=YEAR(TODAY())")
	if res := read(t, bk.bytes()); !res.OK() || len(res.Batch.People) != 1 {
		t.Fatalf("title rows: %s", list(res.Problems))
	}
}

func TestMaxRows(t *testing.T) {
	rows := [][]any{peopleHead}
	for i := range 12 {
		rows = append(rows, []any{fmt.Sprintf("Người Thứ %d", i), "12/08/1992", "Nữ", hctc, "", "", "Viên chức"})
	}
	data := newBook(t).sheet("Cá nhân", rows...).bytes()
	res, err := importer.Read(context.Background(), data, "x.xlsx", importer.Options{MaxRows: 10, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || !strings.Contains(res.Problems[len(res.Problems)-1].Message, "hơn 10 dòng") {
		t.Fatalf("problems:\n%s", list(res.Problems))
	}
}

// TestLastExcelRow reads a sheet whose used range reaches row 1,048,576,
// Excel's last: the rows between are streamed past, the far row is read.
func TestLastExcelRow(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cá nhân")
	sw, err := f.NewStreamWriter("Cá nhân")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", peopleHead)
	sw.SetRow("A2", []any{"Phạm Thu Trang", "12/08/1992", "Nữ", hctc, "", "", "Viên chức"})
	last := fmt.Sprintf("A%d", excelize.TotalRows)
	sw.SetRow(last, []any{"Lê Văn Tám", "31/02/1990", "Nam", hctc, "", "", "Viên chức"})
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	start := time.Now()
	res := read(t, buf.Bytes())
	findProblem(t, res, "Cá nhân", excelize.TotalRows, "B", "31/02/1990")
	if len(res.Batch.People) != 1 {
		t.Fatalf("people %d", len(res.Batch.People))
	}
	t.Logf("read a sheet ending at row %d in %v", excelize.TotalRows, time.Since(start))
}

// TestFullSheet reads a sheet filled to Excel's last row, 1,048,576: the
// import refuses it with one message instead of reading on — today at the
// bound on a worksheet's unzipped size (472 MB against 256 MB), before the
// 200,000-row limit is reached.
func TestFullSheet(t *testing.T) {
	heavy(t, "writes a 1,048,576-row workbook")
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cá nhân")
	sw, _ := f.NewStreamWriter("Cá nhân")
	sw.SetRow("A1", peopleHead)
	for r := 2; r <= excelize.TotalRows; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		row := []any{"Người Thứ " + strconv.Itoa(r), "12/08/1992", "Nữ", hctc, "", "", "Viên chức"}
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	start := time.Now()
	res := read(t, buf.Bytes())
	first := res.Problems[0]
	if res.ProblemCount != 1 || !(strings.Contains(first.Message, "quá lớn khi giải nén") || strings.Contains(first.Message, "vượt quá giới hạn 200.000 dòng")) {
		t.Fatalf("first problem: %s (of %d)", first, res.ProblemCount)
	}
	t.Logf("%d MB workbook of %d rows refused after %v", buf.Len()>>20, excelize.TotalRows, time.Since(start))
}

// heavyEnv names the environment variable that turns on the heavy tests.
const heavyEnv = "THIDUA_TEST_HEAVY"

// heavy skips a test that takes tens of seconds (what says why) unless
// THIDUA_TEST_HEAVY=1; .ci/run runs them in a step of their own, after the
// main test run.
func heavy(t *testing.T, what string) {
	t.Helper()
	if os.Getenv(heavyEnv) != "1" || testing.Short() {
		t.Skipf("skipping a heavy test (%s): run it with %s=1", what, heavyEnv)
	}
}

func TestTemplatesReadBack(t *testing.T) {
	for _, tp := range importer.Templates {
		t.Run(tp.Slug, func(t *testing.T) {
			var buf bytes.Buffer
			if err := importer.WriteTemplate(&buf, tp.Kind); err != nil {
				t.Fatal(err)
			}
			res := read(t, buf.Bytes())
			want := 1
			if tp.Kind == "" {
				want = len(importer.Kinds())
			}
			if len(res.Batch.Sheets) != want || res.Batch.Rows() != 0 {
				t.Fatalf("sheets %+v rows %d problems:\n%s", res.Batch.Sheets, res.Batch.Rows(), list(res.Problems))
			}
			// An empty template has nothing to import: one problem, of the file.
			if res.ProblemCount != 1 || res.Problems[0].Sheet != "" || !strings.Contains(res.Problems[0].Message, "chưa có dòng dữ liệu") {
				t.Errorf("problems of an empty template:\n%s", list(res.Problems))
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if tp.Kind != "" {
				sh := importer.SheetName(tp.Kind)
				head, _ := f.GetRows(sh)
				if len(head) != 1 || !strings.HasPrefix(head[0][0], importer.Headers(tp.Kind)[0]) {
					t.Fatalf("header row of %s: %v", sh, head)
				}
				panes, _ := f.GetPanes(sh)
				if !panes.Freeze || panes.YSplit != 1 {
					t.Fatalf("header row not frozen: %+v", panes)
				}
			}
		})
	}
}

func TestProgress(t *testing.T) {
	rows := [][]any{peopleHead}
	for i := range 2500 {
		rows = append(rows, []any{fmt.Sprintf("Người Thứ %d", i), "12/08/1992", "Nữ", hctc, "", "", "Viên chức"})
	}
	data := newBook(t).sheet("Cá nhân", rows...).bytes()
	var calls [][2]int
	res, err := importer.Read(context.Background(), data, "x.xlsx", importer.Options{Today: today,
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if err != nil || !res.OK() {
		t.Fatalf("%v\n%s", err, list(res.Problems))
	}
	if len(calls) < 3 || calls[0] != [2]int{1000, 2501} || calls[len(calls)-1] != [2]int{2501, 2501} {
		t.Fatalf("progress calls %v", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := importer.Read(ctx, data, "x.xlsx", importer.Options{Today: today}); err == nil {
		t.Fatal("cancelled read went on")
	}
}
