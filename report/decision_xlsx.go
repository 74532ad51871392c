package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/report/workbook"
)

// SheetRecipients is the sheet of a decision's recipients list.
const SheetRecipients = "Danh sách"

// DecisionXLSX writes the recipients of a decision as a workbook: a title
// naming the decision, then one row per recipient under a bold, frozen
// header (STT, name, collective or individual, position, unit, award, type
// of commendation, achievement, money) and a total row. STT and money are
// stored as numbers.
func DecisionXLSX(w io.Writer, d *thidua.Decision) error {
	if d == nil {
		return fmt.Errorf("report: no decision")
	}
	f := excelize.NewFile()
	defer f.Close()
	x, err := newXLSX(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetRecipients); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 3, Border: border,
		Font: &excelize.Font{Family: "Times New Roman", Size: 12}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	boldMoney, err := f.NewStyle(&excelize.Style{NumFmt: 3, Border: border,
		Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}
	italic, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Italic: true}})
	if err != nil {
		return fmt.Errorf("report: xlsx style: %w", err)
	}

	sh := SheetRecipients
	title := "DANH SÁCH KÈM THEO QUYẾT ĐỊNH SỐ " + strings.TrimSpace(d.Ref())
	if !d.Date.IsZero() {
		title += " NGÀY " + d.Date.String()
	}
	if d.Number == 0 {
		title += " (DỰ THẢO)"
	}
	x.set(sh, 1, 1, title, x.title)
	x.set(sh, 1, 2, d.Title, italic)
	const head = 4
	heads := []string{"STT", "Họ và tên, tên tập thể", "Đối tượng", "Chức vụ", "Đơn vị",
		"Hình thức, danh hiệu", "Loại hình khen thưởng", "Thành tích", "Số tiền (đồng)"}
	x.header(sh, head, heads)
	row := head + 1
	for i, r := range d.Recipients {
		kind := "Cá nhân"
		if r.Subject == thidua.SubjectUnit {
			kind = "Tập thể"
		}
		awardType := ""
		if r.AwardType != "" {
			awardType = thidua.Label(thidua.AwardTypes, r.AwardType)
		}
		x.set(sh, 1, row, i+1, x.num)
		x.set(sh, 2, row, r.Name, x.wrap)
		x.set(sh, 3, row, kind, x.text)
		x.set(sh, 4, row, r.Position, x.wrap)
		x.set(sh, 5, row, r.UnitName, x.wrap)
		x.set(sh, 6, row, thidua.AwardName(r.Award), x.wrap)
		x.set(sh, 7, row, awardType, x.wrap)
		x.set(sh, 8, row, r.Basis, x.wrap)
		x.set(sh, 9, row, r.MoneyVND, money)
		row++
	}
	x.set(sh, 1, row, "", x.bold)
	x.set(sh, 2, row, "Tổng cộng", x.bold)
	for c := 3; c <= 8; c++ {
		x.set(sh, c, row, "", x.bold)
	}
	x.set(sh, 9, row, d.TotalMoney(), boldMoney)
	for i, wd := range []float64{6, 30, 10, 22, 34, 34, 26, 44, 16} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.fail(f.SetColWidth(sh, col, col, wd))
	}
	if x.err != nil {
		return fmt.Errorf("report: xlsx: %w", x.err)
	}
	return workbook.Write(w, f, workbook.Props{Title: "Danh sách khen thưởng " + strings.TrimSpace(d.Ref()),
		Subject: "Danh sách kèm theo quyết định khen thưởng"})
}
