package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua/importer"
)

// peopleWorkbook writes n people the way offices do: Excel date cells.
func peopleWorkbook(tb testing.TB, n int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cá nhân")
	dateFmt := "dd/mm/yyyy"
	ds, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	sw, _ := f.NewStreamWriter("Cá nhân")
	sw.SetRow("A1", peopleHead)
	for i := range n {
		birth := time.Date(1970+i%30, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Nguyễn Văn Người %d", i), excelize.Cell{StyleID: ds, Value: birth}, "Nam", hctc,
			"Chuyên viên", "", "Công chức", excelize.Cell{StyleID: ds, Value: birth.AddDate(25, 0, 0)}, "Đang công tác"})
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}

func BenchmarkBareRead(b *testing.B) {
	data := peopleWorkbook(b, 20000)
	for b.Loop() {
		f, _ := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		rows, _ := f.Rows("Cá nhân")
		for rows.Next() {
			rows.Columns(excelize.Options{RawCellValue: true})
		}
		rows.Close()
		f.Close()
	}
}

func BenchmarkRead(b *testing.B) {
	data := peopleWorkbook(b, 20000)
	for b.Loop() {
		res, err := importer.Read(context.Background(), data, "x.xlsx", importer.Options{Today: today})
		if err != nil || !res.OK() {
			b.Fatal(err, res.Problems)
		}
	}
}
