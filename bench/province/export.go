package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportRatio times /app/exports/people.xlsx (the whole province, as the
// officer) beside a bare excelize StreamWriter writing the same cells, read
// back from the downloaded file, alternately for rounds; the medians'
// ratio is the export goal of issue #13 (≤ 1.5×, floor 2×).
func (w *walker) exportRatio(rounds int) (bool, error) {
	var officer *client
	for _, u := range w.users {
		if u.role == "officer" {
			officer = u
		}
	}
	var served, bare []time.Duration
	var cells [][]any
	var size int64
	for r := range rounds {
		t0 := time.Now()
		resp, err := officer.http.Get(w.nodes[0].base + "/app/exports/people.xlsx")
		if err != nil {
			return false, err
		}
		var buf bytes.Buffer
		_, err = io.Copy(&buf, resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		if err != nil || resp.StatusCode != http.StatusOK {
			return false, fmt.Errorf("people.xlsx: %s %v", resp.Status, err)
		}
		served = append(served, d)
		size = int64(buf.Len())
		if r == 0 {
			if cells, err = readCells(&buf); err != nil {
				return false, err
			}
		}
		t0 = time.Now()
		if err := bareWrite(cells, io.Discard); err != nil {
			return false, err
		}
		bare = append(bare, time.Since(t0))
	}
	ms, mb := median(served), median(bare)
	ratio := float64(ms) / float64(mb)
	mark := ""
	ok := ratio <= floorXLSX
	switch {
	case !ok:
		mark = " FAIL (floor 2×)"
	case ratio > goalXLSX:
		mark = " (over the 1.5× goal)"
	}
	fmt.Printf("people.xlsx: %d rows, %.1f MB; served in %s vs a bare excelize StreamWriter of the same cells %s = %.2f×%s (median of %d, goal ≤ 1.5×)\n",
		len(cells)-1, float64(size)/(1<<20), ms.Round(time.Millisecond), mb.Round(time.Millisecond), ratio, mark, rounds)
	return ok, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// readCells reads the first sheet's rows: numbers as float64, the rest as text.
func readCells(r io.Reader) ([][]any, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, c := range cols {
			row[i] = c
		}
		out = append(out, row)
	}
	return out, rows.Error()
}

// bareWrite writes cells with excelize's StreamWriter: the floor of any xlsx export.
func bareWrite(cells [][]any, out io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i, row := range cells {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(out)
	return err
}
