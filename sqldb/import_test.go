package sqldb_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"thidua"
	"thidua/importer"
	"thidua/sqldb"
	"thidua/sqldb/sqldbtest"
)

// sheetRows is a sheet of a test workbook: its name and rows from A1.
type sheetRows struct {
	name string
	rows [][]any
}

// workbook writes an xlsx file in memory.
func workbook(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for j, r := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, j+1)
			if err := f.SetSheetRow(s.name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readBatch reads a workbook, failing on any problem of the file itself.
func readBatch(t *testing.T, sheets ...sheetRows) *thidua.ImportBatch {
	t.Helper()
	res, err := importer.Read(context.Background(), workbook(t, sheets...), "test.xlsx", importer.Options{Today: thidua.NewDate(2026, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Fatalf("reading: %s", p)
	}
	return res.Batch
}

var (
	unitsHead   = []any{"Đơn vị", "Tên viết tắt", "Loại đơn vị", "Đang hoạt động"}
	peopleHead  = []any{"Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Lãnh đạo, quản lý", "Đối tượng"}
	ratingsHead = []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Xếp loại", "Văn bản xếp loại"}
	awardsHead  = []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu, hình thức", "Loại hình khen thưởng", "Số quyết định", "Ngày quyết định"}
	initsHead   = []any{"Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Tên sáng kiến, đề tài", "Cấp công nhận"}
)

const (
	pathHC   = "Văn phòng UBND tỉnh / Phòng Hành chính"
	pathVT   = "Văn phòng UBND tỉnh / Phòng Hành chính / Tổ Văn thư"
	birthAn  = "12/03/1985"
	nameDung = "Phạm Thị Dung"
)

// officeBatch is a workbook of every sheet kind for the campaign fixture.
func officeBatch(t *testing.T) *thidua.ImportBatch {
	return readBatch(t,
		sheetRows{"Đơn vị", [][]any{unitsHead,
			{pathVT, "VT", "Tổ, nhóm", "Có"},
			{"Văn phòng UBND tỉnh / Phòng Kinh tế", "KTE", "Phòng, ban, trung tâm"},
		}},
		sheetRows{"Cá nhân", [][]any{peopleHead,
			{"Nguyễn Văn An", birthAn, "Nam", pathHC, "Chuyên viên chính", "Không", "Công chức"},
			{norm.NFD.String(nameDung), "20/10/1990", "Nữ", pathVT, "Văn thư viên", "", "Viên chức"},
		}},
		sheetRows{"Xếp loại", [][]any{ratingsHead,
			{"Nguyễn Văn An", birthAn, pathHC, 2024, "HTXSNV", "06/TB-VPUBND"},
			{nameDung, "20/10/1990", pathVT, 2025, "Hoàn thành tốt nhiệm vụ"},
			{nil, nil, pathHC, 2024, "HTXSNV"},
		}},
		sheetRows{"Khen thưởng", [][]any{awardsHead,
			{"Nguyễn Văn An", birthAn, pathHC, 2024, "CSTDCS", "", "12/QĐ-VPUBND", "15/01/2025"},
			{"Nguyễn Văn An", birthAn, pathHC, nil, "Giấy khen", "Công trạng", "30/QĐ-VPUBND", "09/01/2024"},
		}},
		sheetRows{"Sáng kiến", [][]any{initsHead,
			{nameDung, "20/10/1990", pathVT, 2025, "Số hóa hồ sơ lưu trữ", "Cơ sở"},
		}},
	)
}

func auditCount(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func peopleCount(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	_, n, err := db.FindPeople(sys, thidua.PersonFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportApply(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		b := officeBatch(t)
		ctx := f.officerCtx
		audits, people := auditCount(t, db), peopleCount(t, db)

		sum, problems, err := db.CheckImport(ctx, b)
		if err != nil || len(problems) > 0 {
			t.Fatalf("check: %v %v", err, problems)
		}
		want := thidua.ImportSummary{Rows: 10,
			Units:     thidua.ImportCounts{New: 1, Updated: 1},
			People:    thidua.ImportCounts{New: 1, Updated: 1},
			Histories: thidua.ImportCounts{New: 3},
			Records:   thidua.ImportCounts{New: 6}}
		if *sum != want {
			t.Fatalf("check summary %+v, want %+v", *sum, want)
		}
		if auditCount(t, db) != audits || peopleCount(t, db) != people {
			t.Fatal("CheckImport wrote")
		}

		var calls int
		sum, problems, err = db.ApplyImport(ctx, b, func(done, total int) { calls++ })
		if err != nil || len(problems) > 0 {
			t.Fatalf("apply: %v %v", err, problems)
		}
		if *sum != want || calls == 0 {
			t.Fatalf("apply summary %+v (progress calls %d)", *sum, calls)
		}
		vt, _, err := db.FindUnits(sys, thidua.UnitFilter{Query: "To Van thu"})
		if err != nil || len(vt) != 1 || vt[0].ParentID != f.hc.ID || vt[0].Kind != thidua.UnitTeam || vt[0].Abbrev != "VT" {
			t.Fatalf("new unit: %+v %v", vt, err)
		}
		if kt, _ := db.FindUnitByID(sys, f.kt.ID); kt.Abbrev != "KTE" || kt.Version != 2 {
			t.Fatalf("updated unit: %+v", kt)
		}
		dung, _, _ := db.FindPeople(sys, thidua.PersonFilter{Query: "dung"})
		if len(dung) != 1 || dung[0].FullName != nameDung || !norm.NFC.IsNormalString(dung[0].FullName) ||
			dung[0].UnitID != vt[0].ID || dung[0].Gender != thidua.GenderFemale || dung[0].BirthDate != thidua.NewDate(1990, 10, 20) {
			t.Fatalf("new person: %+v", dung)
		}
		an, _ := db.FindPersonByID(sys, f.an.ID)
		if an.Position != "Chuyên viên chính" || an.Version != 2 {
			t.Fatalf("updated person: %+v", an)
		}
		h, _ := db.FindHistory(sys, thidua.SubjectPerson, f.an.ID)
		if len(h.History.Ratings) != 1 || h.History.Ratings[0].Source != "06/TB-VPUBND" || len(h.History.Titles) != 1 ||
			h.History.Titles[0].Decision != "12/QĐ-VPUBND" || len(h.History.Awards) != 1 || h.History.Awards[0].Date != thidua.NewDate(2024, 1, 9) {
			t.Fatalf("history of An: %+v", h.History)
		}
		if uh, _ := db.FindHistory(sys, thidua.SubjectUnit, f.hc.ID); len(uh.History.Ratings) != 1 {
			t.Fatalf("history of the unit: %+v", uh.History)
		}
		if dh, _ := db.FindHistory(sys, thidua.SubjectPerson, dung[0].ID); len(dh.History.Initiatives) != 1 || len(dh.History.Ratings) != 1 {
			t.Fatalf("history of Dung: %+v", dh.History)
		}
		// Every change is audited, in an unbroken chain.
		if n := auditCount(t, db) - audits; n != 2+2+3+1 {
			t.Fatalf("%d audit entries, want 8 (2 units, 2 people, 3 histories, the import)", n)
		}
		es, _, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "person", EntityID: dung[0].ID})
		if err != nil || len(es) != 1 || es[0].Action != thidua.ActionCreate || !strings.Contains(string(es[0].After), nameDung) ||
			!strings.Contains(es[0].ActorName, "thiduakt") {
			t.Fatalf("audit of the new person: %+v %v", es, err)
		}
		if bad, err := db.VerifyAuditChain(sys); bad != 0 || err != nil {
			t.Fatalf("audit chain broken at %d: %v", bad, err)
		}

		// Importing the same file again changes nothing.
		audits = auditCount(t, db)
		sum, problems, err = db.ApplyImport(ctx, officeBatch(t), nil)
		if err != nil || len(problems) > 0 {
			t.Fatalf("re-apply: %v %v", err, problems)
		}
		again := thidua.ImportSummary{Rows: 10,
			Units:     thidua.ImportCounts{Unchanged: 2},
			People:    thidua.ImportCounts{Unchanged: 2},
			Histories: thidua.ImportCounts{Unchanged: 3},
			Records:   thidua.ImportCounts{Unchanged: 6}}
		if *sum != again {
			t.Fatalf("re-apply summary %+v, want %+v", *sum, again)
		}
		if n := auditCount(t, db) - audits; n != 1 {
			t.Fatalf("re-apply wrote %d audit entries, want only the import's", n)
		}
		if p := peopleCount(t, db); p != people+1 {
			t.Fatalf("people %d, want %d", p, people+1)
		}

		// A changed rating updates the record in place.
		b2 := readBatch(t, sheetRows{"Xếp loại", [][]any{ratingsHead, {"Nguyễn Văn An", birthAn, pathHC, 2024, "HTTNV"}}})
		sum, _, err = db.ApplyImport(ctx, b2, nil)
		if err != nil || sum.Records.Updated != 1 || sum.Histories.Updated != 1 {
			t.Fatalf("update rating: %+v %v", sum, err)
		}
		h, _ = db.FindHistory(sys, thidua.SubjectPerson, f.an.ID)
		if len(h.History.Ratings) != 1 || h.History.Ratings[0].Code != thidua.RatingHTTNV || h.History.Ratings[0].Source != "06/TB-VPUBND" {
			t.Fatalf("rating after update: %+v", h.History.Ratings)
		}
	})
}

// problemAt finds a problem by sheet, row and column.
func problemAt(t *testing.T, ps []thidua.ImportProblem, sheet string, row int, col, contains string) {
	t.Helper()
	for _, p := range ps {
		if p.Sheet == sheet && p.Row == row && p.Column == col && strings.Contains(p.Message, contains) {
			return
		}
	}
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	t.Fatalf("no problem at %s!%s%d containing %q:\n%s", sheet, col, row, contains, strings.Join(lines, "\n"))
}

func TestImportProblems(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		// A second "Phòng Hành chính", under another agency.
		snv := mustUnit(t, db, sys, f.root.ID, "Sở Nội vụ", "SNV")
		mustUnit(t, db, sys, snv.ID, "Phòng Hành chính", "HC")
		mustPerson(t, db, sys, f.kt.ID, "Lê Văn Cường") // a second Cường, same birth date
		audits, people := auditCount(t, db), peopleCount(t, db)

		b := readBatch(t,
			sheetRows{"Đơn vị", [][]any{unitsHead,
				{"Văn phòng UBND tỉnh / Phòng Mới", "PM", "Phòng, ban, trung tâm"},
				{"Phòng Không Có / Tổ A", "", "Tổ, nhóm"},
				{"Đơn vị gốc mới", "", "Cơ quan"},
			}},
			sheetRows{"Cá nhân", [][]any{peopleHead,
				{"Hồ Văn Mới", "01/01/1990", "Nam", "Văn phòng UBND tỉnh / Phòng Mới", "", "", "Công chức"},
				{"Hồ Văn Hai", "01/01/1991", "Nam", "Phòng Hành chính", "", "", "Công chức"},
				{"Hồ Văn Ba", "01/01/1992", "Nam", "Văn phòng UBND tỉnh / Phòng Tài chính", "", "", "Công chức"},
				{"Lê Văn Cường", "12/03/1985", "Nam", "Văn phòng UBND tỉnh / Phòng Kinh tế", "Chuyên viên", "", "Công chức"},
			}},
			sheetRows{"Xếp loại", [][]any{ratingsHead,
				{"Người Không Có", "01/01/1980", pathHC, 2024, "HTNV"},
			}},
		)
		_, problems, err := db.ApplyImport(f.officerCtx, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		problemAt(t, problems, "Đơn vị", 3, "A", "Không tìm thấy đơn vị «Phòng Không Có»")
		problemAt(t, problems, "Đơn vị", 4, "A", "chỉ quản trị hệ thống")
		problemAt(t, problems, "Cá nhân", 4, "D", "«Phòng Tài chính» trực thuộc «UBND tỉnh / Văn phòng UBND tỉnh»")
		problemAt(t, problems, "Cá nhân", 5, "A", "đã có 2 cá nhân")
		problemAt(t, problems, "Xếp loại", 2, "A", "Không tìm thấy cá nhân «Người Không Có»")
		if len(problems) != 5 {
			t.Fatalf("%d problems: %v", len(problems), problems)
		}
		// Nothing was written, not even the valid new unit and person.
		if auditCount(t, db) != audits || peopleCount(t, db) != people {
			t.Fatal("an import with problems wrote")
		}
		if us, _, _ := db.FindUnits(sys, thidua.UnitFilter{Query: "Phong Moi"}); len(us) != 0 {
			t.Fatalf("unit written: %+v", us)
		}

		// The officer sees one "Phòng Hành chính" (row 3 was fine); the
		// system sees two.
		_, problems, _ = db.CheckImport(sys, readBatch(t, sheetRows{"Cá nhân", [][]any{peopleHead,
			{"Hồ Văn Hai", "01/01/1991", "Nam", "Phòng Hành chính", "", "", "Công chức"}}}))
		problemAt(t, problems, "Cá nhân", 2, "D", "khớp với 2 đơn vị")

		// Scope: the head of Phòng Hành chính may add people there, not
		// in Phòng Kinh tế, and may not edit award records.
		b = readBatch(t,
			sheetRows{"Cá nhân", [][]any{peopleHead,
				{"Hồ Văn Bốn", "01/01/1990", "Nam", pathHC, "", "", "Công chức"},
				{"Hồ Văn Năm", "01/01/1990", "Nam", "Văn phòng UBND tỉnh / Phòng Kinh tế", "", "", "Công chức"},
			}},
			sheetRows{"Xếp loại", [][]any{ratingsHead, {"Nguyễn Văn An", birthAn, pathHC, 2024, "HTXSNV"}}},
		)
		_, problems, _ = db.CheckImport(f.headCtx, b)
		if len(problems) != 2 {
			t.Fatalf("head's problems: %v", problems)
		}
		// The head does not see Phòng Kinh tế at all.
		problemAt(t, problems, "Cá nhân", 3, "D", "Không tìm thấy")
		problemAt(t, problems, "Xếp loại", 2, "A", "không có quyền cập nhật lịch sử")
	})
}

func TestJobsClaim(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		worker := thidua.NewContextWithUser(sys, nil)
		const n = 6
		for i := range n {
			imp := &thidua.Import{FileName: fmt.Sprintf("tệp %d.xlsx", i)}
			if err := db.CreateImport(f.officerCtx, imp, []byte("PK")); err != nil {
				t.Fatal(err)
			}
		}
		// The user cannot claim; the system can, each job once, even when
		// several workers race.
		if _, err := db.ClaimJob(f.officerCtx, "x"); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("user claims a job: %v", err)
		}
		var mu sync.Mutex
		claimed := map[int64]string{}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for {
					j, err := db.ClaimJob(worker, fmt.Sprintf("w%d", w))
					if err != nil {
						t.Errorf("claim: %v", err)
						return
					}
					if j == nil {
						return
					}
					mu.Lock()
					if prev, dup := claimed[j.ID]; dup {
						t.Errorf("job %d claimed by %s and w%d", j.ID, prev, w)
					}
					claimed[j.ID] = j.Worker
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(claimed) != n {
			t.Fatalf("claimed %d jobs, want %d", len(claimed), n)
		}
		var ids []int64
		for id := range claimed {
			ids = append(ids, id)
		}
		if err := db.UpdateJobProgress(worker, ids[0], 5, 10, "Đang đọc"); err != nil {
			t.Fatal(err)
		}
		j, err := db.FindJobByID(f.officerCtx, ids[0])
		if err != nil || j.Done != 5 || j.Total != 10 || j.State != thidua.JobRunning || j.Percent() != 50 || j.Attempts != 1 {
			t.Fatalf("job %+v %v", j, err)
		}
		if _, err := db.FindJobByID(f.headCtx, ids[0]); code(err) != thidua.ENOTFOUND {
			t.Fatalf("another user reads the job: %v", err)
		}
		if err := db.FinishJob(worker, ids[0], ""); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishJob(worker, ids[1], "Hỏng"); err != nil {
			t.Fatal(err)
		}
		if err := db.ReleaseJob(worker, ids[2]); err != nil {
			t.Fatal(err)
		}
		// The others stopped beating: two rounds put them back, the third
		// fails them (three attempts); the one handed back was not
		// counted, and fails a round later.
		for round, want := range []int{n - 3, n - 2, n - 2, 1} {
			requeued, err := db.RequeueStaleJobs(worker, time.Now().Add(time.Minute), 3)
			if err != nil || requeued != want {
				t.Fatalf("round %d: requeued %d, want %d (%v)", round, requeued, want, err)
			}
			for {
				if j, _ := db.ClaimJob(worker, "again"); j == nil {
					break
				}
			}
		}
		done, _ := db.FindJobByID(worker, ids[0])
		failed, _ := db.FindJobByID(worker, ids[1])
		if done.State != thidua.JobDone || failed.State != thidua.JobFailed || failed.Error != "Hỏng" {
			t.Fatalf("done %+v failed %+v", done, failed)
		}
		for _, id := range ids[2:] {
			j, _ := db.FindJobByID(worker, id)
			if j.State != thidua.JobFailed || !strings.Contains(j.Error, "gián đoạn") {
				t.Fatalf("stale job %d: %+v", id, j)
			}
		}
	})
}

func TestImportStore(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		worker := thidua.NewContextWithUser(sys, nil)
		imp := &thidua.Import{FileName: "  danh sách.xlsx "}
		if err := db.CreateImport(f.officerCtx, imp, []byte("nội dung")); err != nil {
			t.Fatal(err)
		}
		if imp.FileName != "danh sách.xlsx" || imp.FileSize != int64(len("nội dung")) || len(imp.FileSHA256) != 64 || imp.JobID == 0 {
			t.Fatalf("created %+v", imp)
		}
		got, err := db.FindImportByID(f.officerCtx, imp.ID)
		if err != nil || got.State != thidua.ImportChecking || got.Job == nil || got.Job.State != thidua.JobQueued ||
			got.CreatedByName == "" {
			t.Fatalf("found %+v %v", got, err)
		}
		// Only the owner (and administrators) see it.
		if _, err := db.FindImportByID(f.headCtx, imp.ID); code(err) != thidua.ENOTFOUND {
			t.Fatalf("other user: %v", err)
		}
		if list, _ := db.FindImports(f.headCtx, 10); len(list) != 0 {
			t.Fatalf("other user lists %d imports", len(list))
		}
		if list, _ := db.FindImports(f.officerCtx, 10); len(list) != 1 {
			t.Fatalf("owner lists %d imports", len(list))
		}
		if c, err := db.ImportContent(f.officerCtx, imp.ID); err != nil || string(c) != "nội dung" {
			t.Fatalf("content %q %v", c, err)
		}
		// Not confirmable while checking; users cannot finish.
		if _, err := db.ConfirmImport(f.officerCtx, imp.ID, got.Version); code(err) != thidua.ECONFLICT {
			t.Fatalf("confirm while checking: %v", err)
		}
		if err := db.FinishImport(f.officerCtx, imp.ID, thidua.ImportReady, nil, nil, 0, ""); code(err) != thidua.EFORBIDDEN {
			t.Fatalf("user finishes: %v", err)
		}
		sum := &thidua.ImportSummary{Rows: 3, People: thidua.ImportCounts{New: 3}}
		if err := db.FinishImport(worker, imp.ID, thidua.ImportReady, sum, nil, 0, ""); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindImportByID(f.officerCtx, imp.ID)
		if got.State != thidua.ImportReady || got.Summary == nil || *got.Summary != *sum {
			t.Fatalf("after check %+v", got)
		}
		if _, err := db.ConfirmImport(f.officerCtx, imp.ID, got.Version-1); code(err) != thidua.ECONFLICT {
			t.Fatalf("stale confirm: %v", err)
		}
		conf, err := db.ConfirmImport(f.officerCtx, imp.ID, got.Version)
		if err != nil || conf.State != thidua.ImportApplying || conf.JobID == got.JobID {
			t.Fatalf("confirm %+v %v", conf, err)
		}
		if err := db.DiscardImport(f.officerCtx, imp.ID, conf.Version); code(err) != thidua.ECONFLICT {
			t.Fatalf("discard while applying: %v", err)
		}
		problems := []thidua.ImportProblem{{Sheet: "Cá nhân", Row: 2, Column: "B", Field: "Ngày sinh", Message: "Sai"}}
		if err := db.FinishImport(worker, imp.ID, thidua.ImportInvalid, nil, problems, 1, ""); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindImportByID(f.officerCtx, imp.ID)
		if got.State != thidua.ImportInvalid || got.ProblemCount != 1 || len(got.Problems) != 1 || got.Problems[0] != problems[0] {
			t.Fatalf("invalid %+v", got)
		}
		re, err := db.RecheckImport(f.officerCtx, imp.ID, got.Version)
		if err != nil || re.State != thidua.ImportChecking {
			t.Fatalf("recheck %+v %v", re, err)
		}
		db.FinishImport(worker, imp.ID, thidua.ImportInvalid, nil, problems, 1, "")
		got, _ = db.FindImportByID(f.officerCtx, imp.ID)
		if err := db.DiscardImport(f.officerCtx, imp.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportContent(f.officerCtx, imp.ID); code(err) != thidua.ECONFLICT {
			t.Fatalf("content of a discarded import: %v", err)
		}
		es, _, _ := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "import", EntityID: imp.ID})
		if len(es) != 4 { // created, confirmed, rechecked, discarded
			t.Fatalf("%d audit entries for the import", len(es))
		}
	})
}

// TestImportStream: chunks are written as they come, in one transaction
// that is rolled back when a later chunk, or the reading, has a problem.
func TestImportStream(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newCampaignFixture(t, db)
		good := readBatch(t, sheetRows{"Cá nhân", [][]any{peopleHead,
			{"Hồ Văn Một", "01/01/1990", "Nam", pathHC, "", "", "Công chức"},
			{"Hồ Văn Hai", "01/01/1991", "Nam", pathHC, "", "", "Công chức"}}})
		bad := readBatch(t, sheetRows{"Xếp loại", [][]any{ratingsHead,
			{"Người Không Có", "01/01/1980", pathHC, 2024, "HTNV"}}})
		people, audits := peopleCount(t, db), auditCount(t, db)
		stream := func(readOK bool, chunks ...*thidua.ImportBatch) (*thidua.ImportSummary, []thidua.ImportProblem, error) {
			ch := make(chan *thidua.ImportBatch, len(chunks))
			for _, c := range chunks {
				ch <- c
			}
			close(ch)
			return db.ApplyImportStream(f.officerCtx, ch, func() bool { return readOK }, nil)
		}
		// A problem in the second chunk undoes the first.
		_, problems, err := stream(true, good, bad)
		if err != nil || len(problems) != 1 {
			t.Fatalf("%v %v", err, problems)
		}
		if peopleCount(t, db) != people || auditCount(t, db) != audits {
			t.Fatal("the first chunk stayed written")
		}
		// A problem of the reading (readOK false) too.
		if sum, _, err := stream(false, good); err != nil || sum != nil {
			t.Fatalf("reading failed: %v %v", sum, err)
		}
		if peopleCount(t, db) != people {
			t.Fatal("written although the reading failed")
		}
		// Both good: committed.
		sum, problems, err := stream(true, good)
		if err != nil || len(problems) != 0 || sum.People.New != 2 || peopleCount(t, db) != people+2 {
			t.Fatalf("%+v %v %v", sum, problems, err)
		}
	})
}
