package report

import (
	"fmt"
	"io"
	"slices"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/rules"
)

var _ rules.TableExporter = Exporter{}

// TableXLSX writes the eligibility table: one row per person (name, unit,
// gender, leadership) and one column per award with the verdict in words,
// then the legend of the award columns. Rows go through excelize's stream
// writer as they are read, so memory does not grow with the table.
func (Exporter) TableXLSX(w io.Writer, t *rules.TableExport, each func(fn func(rules.TableRow) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newListStyles(f)
	if err != nil {
		return err
	}
	const name = "Xét điều kiện"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("report: eligibility: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	idx := make([]int, len(t.Awards))
	for i, a := range t.Awards {
		idx[i] = slices.Index(rules.IndividualAwards, a)
	}
	widths := []float64{6, 28, 36, 7, 10}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetColWidth(len(widths)+1, len(widths)+len(t.Awards), 14); err != nil {
		return err
	}
	first, _ := excelize.CoordinatesToCellName(1, listHeaderRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: listHeaderRow, TopLeftCell: first, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	by := ""
	if t.GeneratedBy != "" {
		by = " bởi " + t.GeneratedBy
	}
	top := [][]any{
		{excelize.Cell{StyleID: st.title, Value: nfc(t.Title)}},
		{excelize.Cell{StyleID: st.note, Value: nfc(FiltersLine(t.Filters))}},
		{excelize.Cell{StyleID: st.note, Value: nfc("Xuất lúc " + thidua.FormatDateTime(t.GeneratedAt) + by + ".")}},
	}
	for i, r := range top {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	head := []any{excelize.Cell{StyleID: st.head, Value: "STT"}, excelize.Cell{StyleID: st.head, Value: "Họ và tên"},
		excelize.Cell{StyleID: st.head, Value: "Đơn vị"}, excelize.Cell{StyleID: st.head, Value: "Giới tính"},
		excelize.Cell{StyleID: st.head, Value: "Lãnh đạo, quản lý"}}
	for _, a := range t.Awards {
		head = append(head, excelize.Cell{StyleID: st.head, Value: nfc(rules.AwardShort(a))})
	}
	cell, _ := excelize.CoordinatesToCellName(1, listHeaderRow)
	if err := sw.SetRow(cell, head, excelize.RowOpts{Height: 33}); err != nil {
		return err
	}
	n := 0
	vals := make([]any, len(head))
	err = each(func(r rules.TableRow) error {
		n++
		leader := ""
		if r.Leader {
			leader = "Có"
		}
		vals[0] = excelize.Cell{StyleID: st.num, Value: n}
		vals[1] = excelize.Cell{StyleID: st.text, Value: nfc(r.Name)}
		vals[2] = excelize.Cell{StyleID: st.text, Value: nfc(r.UnitName)}
		vals[3] = excelize.Cell{StyleID: st.text, Value: thidua.Label(thidua.Genders, r.Gender)}
		vals[4] = excelize.Cell{StyleID: st.text, Value: leader}
		for i, k := range idx {
			vals[5+i] = excelize.Cell{StyleID: st.text, Value: verdictWords[r.Verdict(k)]}
		}
		cell, _ := excelize.CoordinatesToCellName(1, listHeaderRow+n)
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	// The legend of the award columns, under the table.
	row := listHeaderRow + n + 2
	cell, _ = excelize.CoordinatesToCellName(1, row)
	if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: st.bold, Value: fmt.Sprintf("%s người. Chú giải các cột:", thidua.FormatThousands(int64(n)))}}); err != nil {
		return err
	}
	for i, a := range t.Awards {
		cell, _ := excelize.CoordinatesToCellName(2, row+1+i)
		if err := sw.SetRow(cell, []any{nfc(rules.AwardShort(a)), nfc(rules.AwardLabel(a))}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	f.SetDocProps(&excelize.DocProperties{Title: nfc(t.Title), Creator: "thidua"})
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
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
