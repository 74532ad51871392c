// Command import benchmarks the Excel import: it generates a workbook of
// 100,000 people (Vietnamese names, Excel date cells, unit paths), then in
// the same run and on the same file
//
//  1. reads it bare with excelize: the row iterator on raw cell values,
//     every cell touched, nothing else — the floor any import stands on;
//  2. imports it into a fresh, migrated SQLite database exactly as
//     `thidua import` does: stream and check every row, resolve unit
//     paths, match people by name + birth date + unit, and write every
//     person and an audit entry per person in one transaction — the
//     writing runs beside the reading, chunk by chunk, and commits only
//     if no row had a problem.
//
// Each is run -rounds times alternately (a fresh database each round) and
// the medians are printed with their ratio. The goal is import ≤ 1.5× the
// bare read. A final round re-imports the file into a database that has
// it already, which must change nothing (idempotence), and is timed too.
//
//	go run ./bench/import                        # 100,000 people, 3 rounds
//	go run ./bench/import -people 20000 -rounds 1
//	go run ./bench/import -database-url 'postgres://…'   # PostgreSQL instead
//
// With -strict the exit status is 1 when the floor (2×) is missed.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"

	"thidua"
	"thidua/importer"
	"thidua/sqldb"
)

// The goal and floor of issue #13 for the import of 100,000 people,
// against the bare read in the same run.
const (
	goalRatio  = 1.5
	floorRatio = 2.0
)

func main() {
	var (
		people = flag.Int("people", 100_000, "people in the generated workbook")
		rounds = flag.Int("rounds", 3, "measured rounds (the median is reported)")
		dbURL  = flag.String("database-url", "", "a postgres:// URL to import into PostgreSQL (a fresh schema is not made: use an empty database); default: a fresh SQLite file per round")
		strict = flag.Bool("strict", false, "exit 1 when the floor (2×) is missed")
		keep   = flag.String("keep", "", "also save the generated workbook here")
		prof   = flag.String("cpuprofile", "", "write a CPU profile of the imports here")
	)
	flag.Parse()
	if *prof != "" {
		pf, err := os.Create(*prof)
		check(err)
		check(pprof.StartCPUProfile(pf))
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "thidua-bench-import-")
	check(err)
	defer os.RemoveAll(dir)

	path := filepath.Join(dir, "ca-nhan.xlsx")
	start := time.Now()
	check(generate(path, *people))
	st, _ := os.Stat(path)
	fmt.Printf("Workbook: %d people, %.1f MB, generated in %v (%s, %d CPU)\n",
		*people, float64(st.Size())/(1<<20), time.Since(start).Round(time.Millisecond), runtime.Version(), runtime.NumCPU())
	if *keep != "" {
		data, _ := os.ReadFile(path)
		check(os.WriteFile(*keep, data, 0o644))
	}
	data, err := os.ReadFile(path)
	check(err)

	var bare, full, readPart, bareCPU, fullCPU []time.Duration
	for r := range *rounds {
		c0 := cpuTime()
		d, cells := bareRead(path)
		bareCPU = append(bareCPU, cpuTime()-c0)
		bare = append(bare, d)
		url := *dbURL
		if url == "" {
			url = filepath.Join(dir, fmt.Sprintf("round%d.db", r))
		}
		db := openDB(ctx, url)
		c0 = cpuTime()
		t, tRead, sum := importOnce(ctx, db, data)
		fullCPU = append(fullCPU, cpuTime()-c0)
		db.Close()
		full = append(full, t)
		readPart = append(readPart, tRead)
		fmt.Printf("  round %d: bare read %v (%d cells) · import %v (rows read and checked after %v; %d people created)\n",
			r+1, d.Round(time.Millisecond), cells, t.Round(time.Millisecond), tRead.Round(time.Millisecond), sum.People.New)
		if *dbURL != "" {
			break // one database only
		}
	}
	mb, mf, mr := median(bare), median(full), median(readPart)
	ratio := float64(mf) / float64(mb)
	fmt.Printf("\nBare excelize read (row iterator, raw values): %v\n", mb.Round(time.Millisecond))
	mark := ""
	switch {
	case ratio > floorRatio:
		mark = " FAIL (floor 2×)"
	case ratio > goalRatio:
		mark = " (over the 1.5× goal)"
	}
	fmt.Printf("Import (read + check + write, one transaction):  %v   = %.2f× the bare read (goal ≤ 1.5×, floor 2×)%s\n", mf.Round(time.Millisecond), ratio, mark)
	fmt.Printf("  the last row was read and checked after:       %v   = %.2f× (people are written meanwhile)\n", mr.Round(time.Millisecond), float64(mr)/float64(mb))
	fmt.Printf("  rows per second:                               %.0f\n", float64(*people)/mf.Seconds())
	fmt.Printf("CPU time (user + system, all threads): bare read %v, import %v = %.2f×\n",
		median(bareCPU).Round(time.Millisecond), median(fullCPU).Round(time.Millisecond), float64(median(fullCPU))/float64(median(bareCPU)))

	// Idempotence: import the same file again into a database that has it.
	url := *dbURL
	if url == "" {
		url = filepath.Join(dir, "again.db")
	}
	db := openDB(ctx, url)
	importOnce(ctx, db, data)
	t, _, sum := importOnce(ctx, db, data)
	db.Close()
	fmt.Printf("Re-import of the same file: %v, %d new, %d updated, %d unchanged people (must be 0, 0, %d)\n",
		t.Round(time.Millisecond), sum.People.New, sum.People.Updated, sum.People.Unchanged, *people)
	if *strict && (ratio > floorRatio || sum.People.New+sum.People.Updated != 0) {
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// cpuTime is the CPU time the process has used so far: on a busy machine
// it shows the work done better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// The unit tree the generated people belong to.
var depts = []string{"Phòng Hành chính – Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo – Văn xã",
	"Phòng Nội chính", "Trung tâm Thông tin – Công báo", "Phòng Quản trị – Tài vụ", "Ban Tiếp công dân"}

const agency = "Văn phòng UBND tỉnh"

var (
	family = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middle = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoàng", "Xuân", "Kim"}
	given  = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
		"Linh", "Long", "Mai", "Nam", "Ngọc", "Nhung", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Yến"}
	positions = []string{"Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng", "Văn thư viên", "Kế toán viên", "Lái xe"}
	cats      = []string{"Công chức", "Viên chức", "Người lao động", "Cán bộ"}
)

// generate writes the people sheet with the StreamWriter: names from three
// parts, birth and start dates as Excel date cells; every (name, birth
// date, unit) distinct.
func generate(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := importer.SheetName(thidua.ImportPeople)
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	// The departments, so that the file also imports into a database that
	// lacks some of them (the demo office, say).
	us := importer.SheetName(thidua.ImportUnits)
	if _, err := f.NewSheet(us); err != nil {
		return err
	}
	f.SetSheetRow(us, "A1", &[]any{"Đơn vị", "Loại đơn vị"})
	for i, d := range depts {
		f.SetSheetRow(us, fmt.Sprintf("A%d", i+2), &[]any{agency + " / " + d, "Phòng, ban, trung tâm"})
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	head := []any{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Lãnh đạo, quản lý", "Đối tượng", "Ngày vào công tác"}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 2026))
	seen := map[string]bool{}
	for i := 0; i < n; {
		name := family[rng.IntN(len(family))] + " " + middle[rng.IntN(len(middle))] + " " + given[rng.IntN(len(given))]
		birth := time.Date(1965+rng.IntN(38), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		dept := depts[rng.IntN(len(depts))]
		key := name + birth.String() + dept
		if seen[key] {
			continue
		}
		seen[key] = true
		gender := "Nam"
		if strings.Contains(name, " Thị ") || rng.IntN(3) == 0 {
			gender = "Nữ"
		}
		pos := positions[rng.IntN(len(positions))]
		leader := ""
		if strings.Contains(pos, "Trưởng") {
			leader = "Có"
		}
		startDate := birth.AddDate(22+rng.IntN(6), rng.IntN(12), 0)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{name, excelize.Cell{StyleID: dateStyle, Value: birth}, gender, agency + " / " + dept,
			pos, leader, cats[rng.IntN(len(cats))], excelize.Cell{StyleID: dateStyle, Value: startDate}}); err != nil {
			return err
		}
		i++
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// bareRead is the floor: excelize's row iterator on raw values, every
// cell touched.
func bareRead(path string) (time.Duration, int) {
	runtime.GC()
	start := time.Now()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	check(err)
	rows, err := f.Rows(importer.SheetName(thidua.ImportPeople))
	check(err)
	cells, size := 0, 0
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		check(err)
		for _, c := range cols {
			size += len(c)
		}
		cells += len(cols)
	}
	check(rows.Close())
	f.Close()
	_ = size
	return time.Since(start), cells
}

// openDB opens and migrates a database and creates the unit tree.
func openDB(ctx context.Context, url string) *sqldb.DB {
	db, err := sqldb.Open(ctx, url)
	check(err)
	_, err = db.Migrate(ctx)
	check(err)
	sys := thidua.NewSystemContext(ctx)
	units, _, err := db.FindUnits(sys, thidua.UnitFilter{})
	check(err)
	if len(units) > 0 {
		return db
	}
	root := &thidua.Unit{Name: "Ủy ban nhân dân tỉnh", Abbrev: "UBND", Kind: thidua.UnitProvince, Active: true}
	check(db.CreateUnit(sys, root))
	office := &thidua.Unit{ParentID: root.ID, Name: agency, Abbrev: "VPUBND", Kind: thidua.UnitAgency, Active: true}
	check(db.CreateUnit(sys, office))
	for _, d := range depts {
		check(db.CreateUnit(sys, &thidua.Unit{ParentID: office.ID, Name: d, Kind: thidua.UnitDepartment, Active: true}))
	}
	return db
}

// importOnce runs the command line's import on data.
func importOnce(ctx context.Context, db *sqldb.DB, data []byte) (time.Duration, time.Duration, *thidua.ImportSummary) {
	runtime.GC()
	start := time.Now()
	var readDone time.Duration
	out, err := importer.Run(thidua.NewSystemContext(ctx), db, data, "ca-nhan.xlsx", importer.Options{}, true,
		func(step string, done, total int) {
			if readDone == 0 && total > 0 && done == total {
				readDone = time.Since(start)
			}
		})
	check(err)
	if !out.OK() {
		for _, p := range append(out.Read.Problems, out.Problems...) {
			fmt.Fprintln(os.Stderr, p)
		}
		check(fmt.Errorf("the import found %d problems", out.Read.ProblemCount+len(out.Problems)))
	}
	return time.Since(start), readDone, out.Summary
}
