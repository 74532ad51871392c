package thidua

import (
	"io"
	"strconv"
	"time"
)

// Exports: every list of the workspace as an XLSX workbook that carries
// the filters it was made with, and the statutory statistics of titles and
// forms received as XLSX and PDF. The web layer fills these documents; an
// Exporter (the report package) encodes them.

// Kinds of export columns.
const (
	ColText   = ""       // text on one line
	ColWrap   = "wrap"   // long text, wrapped
	ColNumber = "number" // a number, right-aligned; integers with thousands separators
	ColYear   = "year"   // a year, a number without separators
	ColDate   = "date"   // a Date, shown dd/mm/yyyy
)

// ExportColumn is a column of an exported list. Width is in characters;
// 0 sizes the column from its content.
type ExportColumn struct {
	Header string
	Kind   string
	Width  float64
}

// ExportSheet is one list: its columns and rows. Cells hold strings,
// numbers (int, int64, float64), Dates, times or bools.
type ExportSheet struct {
	Name    string
	Title   string // the heading above the header row
	Columns []ExportColumn
	Rows    [][]any
	// Each, when set, yields the rows one at a time after Rows, so that a
	// long list is written as it is read and never held whole; Count is
	// then the number of rows announced in the heading (0: not announced).
	Each  func(yield func(row []any) error) error
	Count int
}

// ExportFilter is one filter a list was made with, for the record.
type ExportFilter struct {
	Label string
	Value string
}

// ExportList is a workbook of lists.
type ExportList struct {
	Title       string
	Filters     []ExportFilter
	GeneratedAt time.Time
	GeneratedBy string
	Sheets      []ExportSheet
	// Each, when set, yields the rows of every sheet in one pass (the
	// sheet's index, then the row), after each sheet's Rows; the sheets'
	// own Each are then unused.
	Each func(yield func(sheet int, row []any) error) error
}

// StatsReport is the statutory report of emulation and commendation
// statistics (báo cáo thống kê thi đua, khen thưởng).
type StatsReport struct {
	// Agency is the issuing agency for the header, upper case; "\n"
	// separates a parent agency line.
	Agency string
	Place  string
	Date   time.Time
	// Scope names what the report covers, e.g. "Văn phòng UBND tỉnh".
	Scope string
	Data  *StatsData
}

// Years describes the report's span of years: "năm 2025", "từ năm 2021
// đến năm 2025".
func (r *StatsReport) Years() string {
	from, to := r.Data.Filter.FromYear, r.Data.Filter.ToYear
	switch {
	case from != 0 && from == to:
		return "năm " + strconv.Itoa(from)
	case from != 0 && to != 0:
		return "từ năm " + strconv.Itoa(from) + " đến năm " + strconv.Itoa(to)
	case from != 0:
		return "từ năm " + strconv.Itoa(from)
	case to != 0:
		return "đến năm " + strconv.Itoa(to)
	}
	return "các năm"
}

// Exporter encodes lists and statistics.
type Exporter interface {
	ListXLSX(w io.Writer, l *ExportList) error
	StatsXLSX(w io.Writer, r *StatsReport) error
	StatsPDF(w io.Writer, r *StatsReport) error
}
