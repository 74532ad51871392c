package workbook_test

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua/report/workbook"
)

// TestStream writes two sheets at once (the second spills to a temporary
// file), a table, every kind of value, and reads the workbook back with
// excelize: values, number formats, widths, frozen rows, the table, the
// sheets' order and the core properties.
func TestStream(t *testing.T) {
	var buf bytes.Buffer
	at := time.Date(2026, 2, 5, 10, 30, 0, 0, time.UTC)
	s := workbook.NewStream(&buf, workbook.Props{Title: "Danh sách cán bộ", Created: at})
	head := s.AddStyle(workbook.Style{Bold: true, Border: true, Fill: "DDEBF7", Horizontal: "center", Wrap: true})
	date := s.AddStyle(workbook.Style{Border: true, NumFmt: "dd/mm/yyyy"})
	money := s.AddStyle(workbook.Style{Border: true, NumFmt: workbook.Integer, Horizontal: "right"})
	text := s.AddStyle(workbook.Style{Border: true, Vertical: "top"})

	people, notes := s.AddSheet("Cán bộ"), s.AddSheet("Ghi chú")
	if err := notes.Start(workbook.SheetOptions{}); err != nil { // opened first: writes into the zip
		t.Fatal(err)
	}
	if err := people.Start(workbook.SheetOptions{Widths: []float64{30, 12, 14}, FreezeRows: 1}); err != nil { // spills
		t.Fatal(err)
	}
	if err := people.Row(1, 33, workbook.Cell{Style: head, Value: "Họ và tên"}, workbook.Cell{Style: head, Value: "Ngày sinh"},
		workbook.Cell{Style: head, Value: "Tiền thưởng"}, workbook.Cell{Style: head, Value: "Nữ"}); err != nil {
		t.Fatal(err)
	}
	odd := "Trần <Thị> & \"Bé\"\x01\n" + norm.NFD.String("Đặng Thị Ánh")
	rows := []workbook.Cell{
		{Style: text, Value: odd}, {Style: date, Value: time.Date(1985, 3, 7, 0, 0, 0, 0, time.UTC)},
		{Style: money, Value: int64(3550000)}, {Value: true},
	}
	const n = 3000
	for i := range n {
		r := rows
		if i > 0 {
			r = []workbook.Cell{{Style: text, Value: "Người " + strconv.Itoa(i)}, {Style: date}, {Style: money, Value: 35.5}, {Value: false}}
		}
		if err := people.Row(2+i, 0, r...); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 0 {
			if err := notes.Row(1+i/1000, 0, workbook.Cell{Value: "Ghi chú " + strconv.Itoa(i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := notes.Row(10, 0, workbook.Cell{Value: "  thụt lề "}, workbook.Cell{Value: "a\tb"}); err != nil {
		t.Fatal(err)
	}
	if err := people.Row(2, 0); err == nil {
		t.Error("a row above the last was taken")
	}
	if err := people.AddTable("DanhSach1", 1, n+1, []string{"Họ và tên", "Ngày sinh", "Tiền thưởng", "Nữ"}); err != nil {
		t.Fatal(err)
	}
	for _, sh := range []*workbook.Sheet{notes, people} {
		if err := sh.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s.AddSheet("Trống")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := corePart(t, buf.Bytes()); !strings.Contains(got, "<dc:title>Danh sách cán bộ</dc:title>") || !strings.Contains(got, "2026-02-05T10:30:00Z") {
		t.Errorf("core properties: %s", got)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Cán bộ|Ghi chú|Trống" {
		t.Errorf("sheets %s", got)
	}
	for _, c := range []struct{ cell, want string }{
		{"A1", "Họ và tên"}, {"A2", "Trần <Thị> & \"Bé\"\nĐặng Thị Ánh"}, {"B2", "07/03/1985"}, {"C2", "3,550,000"},
		{"D2", "TRUE"}, {"A3001", "Người 2999"}, {"C3", "36"}, {"B3", ""},
	} {
		got, err := f.GetCellValue("Cán bộ", c.cell)
		if err != nil || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.cell, got, err, c.want)
		}
	}
	for cell, want := range map[string]string{"A3": "Ghi chú 2000", "A10": "  thụt lề ", "B10": "a\tb"} {
		if got, _ := f.GetCellValue("Ghi chú", cell); got != want {
			t.Errorf("notes %s = %q, want %q", cell, got, want)
		}
	}
	if w, _ := f.GetColWidth("Cán bộ", "A"); w != 30 {
		t.Errorf("width of A = %v", w)
	}
	if h, _ := f.GetRowHeight("Cán bộ", 1); h != 33 {
		t.Errorf("height of row 1 = %v", h)
	}
	panes, _ := f.GetPanes("Cán bộ")
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v", panes)
	}
	tables, err := f.GetTables("Cán bộ")
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:D3001" || tables[0].Name != "DanhSach1" {
		t.Errorf("tables %+v, %v", tables, err)
	}
	st, _ := f.GetCellStyle("Cán bộ", "A1")
	style, _ := f.GetStyle(st)
	if !style.Font.Bold || style.Font.Family != "Times New Roman" || style.Fill.Pattern != 1 || !style.Alignment.WrapText {
		t.Errorf("header style %+v %+v", style.Font, style.Fill)
	}
}

// TestStreamErrors: misuse is an error, not a broken file.
func TestStreamErrors(t *testing.T) {
	s := workbook.NewStream(io.Discard, workbook.Props{})
	sh := s.AddSheet("A")
	if err := sh.Row(1, 0, workbook.Cell{Value: "x"}); err == nil {
		t.Error("a row before Start")
	}
	if err := sh.Start(workbook.SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := sh.Row(1, 0, workbook.Cell{Value: struct{}{}}); err == nil {
		t.Error("a value of no cell type")
	}
	if err := s.Close(); err == nil {
		t.Error("closed after a failed row")
	}
	s = workbook.NewStream(io.Discard, workbook.Props{})
	if err := s.AddSheet("A").Start(workbook.SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err == nil {
		t.Error("closed with a sheet still open")
	}
}

// TestStreamMemory: what a Stream holds does not grow with its rows; two
// sheets of 60,000 rows each (some 12 MB of XML) leave a few buffers.
func TestStreamMemory(t *testing.T) {
	s := workbook.NewStream(io.Discard, workbook.Props{})
	a, b := s.AddSheet("A"), s.AddSheet("B")
	for _, sh := range []*workbook.Sheet{a, b} {
		if err := sh.Start(workbook.SheetOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	row := []workbook.Cell{{Value: "Nguyễn Văn An"}, {Value: "Phòng Tổ chức cán bộ, Sở Nội vụ tỉnh"}, {Value: 1985}, {Value: 48.04}}
	for i := range 60000 {
		for _, sh := range []*workbook.Sheet{a, b} {
			if err := sh.Row(i+1, 0, row...); err != nil {
				t.Fatal(err)
			}
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 4<<20 {
		t.Errorf("the heap grew by %d KiB over 120,000 rows", grew>>10)
	}
	for _, sh := range []*workbook.Sheet{a, b} {
		if err := sh.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
