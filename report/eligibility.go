package report

import (
	"fmt"
	"io"
	"slices"

	"thidua"
	"thidua/report/workbook"
	"thidua/rules"
)

var _ rules.TableExporter = Exporter{}

// TableXLSX writes the eligibility table: one row per person (name, unit,
// gender, leadership) and one column per award with the verdict in words,
// then the legend of the award columns. Rows go into the zip on w as they
// are read (workbook.Stream), so memory does not grow with the table.
func (Exporter) TableXLSX(w io.Writer, t *rules.TableExport, each func(fn func(rules.TableRow) error) error) error {
	s := workbook.NewStream(w, workbook.Props{Title: t.Title, Created: t.GeneratedAt})
	defer s.Abort()
	st := streamListStyles(s)
	sheet := s.AddSheet("Xét điều kiện")
	idx := make([]int, len(t.Awards))
	for i, a := range t.Awards {
		idx[i] = slices.Index(rules.IndividualAwards, a)
	}
	widths := []float64{6, 28, 36, 7, 10}
	for range t.Awards {
		widths = append(widths, 14)
	}
	if err := sheet.Start(workbook.SheetOptions{Widths: widths, FreezeRows: listHeaderRow}); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	by := ""
	if t.GeneratedBy != "" {
		by = " bởi " + t.GeneratedBy
	}
	for i, c := range []workbook.Cell{
		{Style: st.title, Value: t.Title},
		{Style: st.note, Value: FiltersLine(t.Filters)},
		{Style: st.note, Value: "Xuất lúc " + thidua.FormatDateTime(t.GeneratedAt) + by + "."},
	} {
		if err := sheet.Row(i+1, 0, c); err != nil {
			return fmt.Errorf("report: eligibility: %w", err)
		}
	}
	head := []workbook.Cell{{Style: st.head, Value: "STT"}, {Style: st.head, Value: "Họ và tên"},
		{Style: st.head, Value: "Đơn vị"}, {Style: st.head, Value: "Giới tính"},
		{Style: st.head, Value: "Lãnh đạo, quản lý"}}
	for _, a := range t.Awards {
		head = append(head, workbook.Cell{Style: st.head, Value: rules.AwardShort(a)})
	}
	if err := sheet.Row(listHeaderRow, 33, head...); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	n := 0
	vals := make([]workbook.Cell, len(head))
	err := each(func(r rules.TableRow) error {
		n++
		leader := ""
		if r.Leader {
			leader = "Có"
		}
		vals[0] = workbook.Cell{Style: st.num, Value: n}
		vals[1] = workbook.Cell{Style: st.text, Value: r.Name}
		vals[2] = workbook.Cell{Style: st.text, Value: r.UnitName}
		vals[3] = workbook.Cell{Style: st.text, Value: thidua.Label(thidua.Genders, r.Gender)}
		vals[4] = workbook.Cell{Style: st.text, Value: leader}
		for i, k := range idx {
			vals[5+i] = workbook.Cell{Style: st.text, Value: verdictWords[r.Verdict(k)]}
		}
		return sheet.Row(listHeaderRow+n, 0, vals...)
	})
	if err != nil {
		return err
	}
	// The legend of the award columns, under the table.
	row := listHeaderRow + n + 2
	if err := sheet.Row(row, 0, workbook.Cell{Style: st.bold, Value: fmt.Sprintf("%s người. Chú giải các cột:", thidua.FormatThousands(int64(n)))}); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	for i, a := range t.Awards {
		if err := sheet.Row(row+1+i, 0, workbook.Cell{}, workbook.Cell{Value: rules.AwardShort(a)}, workbook.Cell{Value: rules.AwardLabel(a)}); err != nil {
			return fmt.Errorf("report: eligibility: %w", err)
		}
	}
	if err := sheet.Close(); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	return nil
}

// verdictWords are the verdicts as an officer reads them in a cell.
var verdictWords = map[string]string{
	rules.Eligible:    "Đủ điều kiện",
	rules.NotEligible: "Chưa đủ điều kiện",
	rules.NeedsReview: "Cần xem xét",
	rules.OnHold:      "Tạm hoãn xét",
}
