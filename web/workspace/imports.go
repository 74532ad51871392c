package workspace

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/importer"
	"thidua/web/kit"
	"time"
	"unicode/utf8"
)

// Importing workbooks: download a template, upload a file, follow the
// check (a background job; the page can be left and found again from the
// list), read every problem by sheet, row and column, then confirm to
// write everything in one transaction, or discard. Progress is kept in the
// database; a little script polls it, and without JavaScript the page
// reloads itself.

// maxImportUpload is the largest workbook accepted (100,000 people take
// about 3 MB).
const maxImportUpload = 64 << 20

type importsPage struct {
	kit.Page
	Imports   []*thidua.Import
	Templates []importer.Template
	Form      *kit.Form
	MaxMB     int
}

func (s *Handler) importsPage(r *http.Request, f *kit.Form) (*importsPage, error) {
	list, err := s.Store.FindImports(r.Context(), 50)
	if err != nil {
		return nil, err
	}
	for _, imp := range list {
		s.liveJob(imp)
	}
	return &importsPage{Page: kit.Page{Title: "Nhập dữ liệu từ Excel", Nav: "stats"}, Imports: list, Templates: importer.Templates,
		Form: f, MaxMB: maxImportUpload >> 20}, nil
}

func (s *Handler) HandleImports(w http.ResponseWriter, r *http.Request) error {
	p, err := s.importsPage(r, kit.NewForm())
	if err != nil {
		return err
	}
	s.Render(w, r, http.StatusOK, "imports.html", p)
	return nil
}

func (s *Handler) importUploadError(w http.ResponseWriter, r *http.Request, msg string) {
	f := kit.NewForm()
	f.Errors["file"], f.Error = msg, msg
	p, err := s.importsPage(r, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusUnprocessableEntity, "imports.html", p)
}

func (s *Handler) HandleImportUpload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportUpload+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.importUploadError(w, r, "Tệp lớn hơn "+strconv.Itoa(maxImportUpload>>20)+" MB. Hãy chia thành nhiều tệp nhỏ hơn.")
			return nil
		}
		s.importUploadError(w, r, "Vui lòng chọn tệp Excel (.xlsx) để tải lên.")
		return nil
	}
	defer r.MultipartForm.RemoveAll()
	files := r.MultipartForm.File["file"]
	if len(files) == 0 || files[0].Size == 0 {
		s.importUploadError(w, r, "Vui lòng chọn tệp Excel (.xlsx) để tải lên.")
		return nil
	}
	fh := files[0]
	name := thidua.NormalizeFileName(fh.Filename)
	if !utf8.ValidString(name) || name == "." || name == "/" {
		name = "tep-tai-len.xlsx"
	}
	fd, err := fh.Open()
	if err != nil {
		s.importUploadError(w, r, "Không đọc được tệp tải lên.")
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(fd, maxImportUpload+1))
	fd.Close()
	if err != nil {
		s.importUploadError(w, r, "Không đọc được tệp tải lên.")
		return nil
	}
	if len(data) > maxImportUpload {
		s.importUploadError(w, r, "Tệp lớn hơn "+strconv.Itoa(maxImportUpload>>20)+" MB. Hãy chia thành nhiều tệp nhỏ hơn.")
		return nil
	}
	imp := &thidua.Import{FileName: name}
	if err := s.Store.CreateImport(r.Context(), imp, data); err != nil {
		return err
	}
	s.notifyJobs()
	http.Redirect(w, r, "/app/imports/"+strconv.FormatInt(imp.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Handler) notifyJobs() {
	if s.Cfg.Jobs != nil {
		s.Cfg.Jobs.Notify()
	}
}

// liveJob overlays the in-memory progress of a job running in this
// process (fresher than the database while it holds SQLite's writer).
func (s *Handler) liveJob(imp *thidua.Import) {
	if s.Cfg.Jobs == nil || imp.Job == nil || imp.Job.Finished() {
		return
	}
	if j, ok := s.Cfg.Jobs.Live(imp.Job.ID); ok {
		*imp.Job = j
	}
}

type importPage struct {
	kit.Page
	Import    *thidua.Import
	Progress  importProgress
	Sheets    []importSheetProblems
	More      int // problems counted but not listed
	SumRows   []importSumRow
	Templates []importer.Template
}

// importSheetProblems groups the listed problems by sheet.
type importSheetProblems struct {
	Sheet    string
	Problems []thidua.ImportProblem
}

type importSumRow struct {
	Label  string
	Counts thidua.ImportCounts
}

func (s *Handler) findImport(r *http.Request) (*thidua.Import, error) {
	imp, err := kit.FindByID(r, s.Store.FindImportByID)
	if err != nil {
		return nil, err
	}
	s.liveJob(imp)
	return imp, nil
}

func (s *Handler) HandleImport(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.findImport(r)
	if err != nil {
		return err
	}
	p := &importPage{Page: kit.Page{Title: "Nhập dữ liệu: " + imp.FileName, Nav: "stats"}, Import: imp,
		Progress: s.progressOf(imp), Templates: importer.Templates}
	for _, pr := range imp.Problems {
		if n := len(p.Sheets); n == 0 || p.Sheets[n-1].Sheet != pr.Sheet {
			p.Sheets = append(p.Sheets, importSheetProblems{Sheet: pr.Sheet})
		}
		p.Sheets[len(p.Sheets)-1].Problems = append(p.Sheets[len(p.Sheets)-1].Problems, pr)
	}
	p.More = imp.ProblemCount - len(imp.Problems)
	if sum := imp.Summary; sum != nil {
		p.SumRows = []importSumRow{{"Cơ quan, đơn vị", sum.Units}, {"Cá nhân", sum.People},
			{"Lịch sử khen thưởng (tập thể, cá nhân)", sum.Histories}, {"Bản ghi xếp loại, danh hiệu, hình thức, sáng kiến", sum.Records}}
	}
	// While a job runs, the page refreshes itself without JavaScript (a
	// <meta> inside <noscript>) and is polled with it (imports.js).
	s.Render(w, r, http.StatusOK, "import.html", p)
	return nil
}

// importProgress is the state of an import's job, for the page and the
// JSON poll.
type importProgress struct {
	State     string `json:"state"`
	Label     string `json:"label"`
	Busy      bool   `json:"busy"`
	Done      int64  `json:"done"`
	Total     int64  `json:"total"`
	Percent   int    `json:"percent"`
	Step      string `json:"step"`
	Remaining string `json:"remaining,omitempty"`
	Text      string `json:"text"`
	Queued    bool   `json:"queued"`
}

func (s *Handler) progressOf(imp *thidua.Import) importProgress {
	p := importProgress{State: imp.State, Label: thidua.Label(thidua.ImportStates, imp.State), Busy: imp.Busy()}
	j := imp.Job
	if j == nil || !p.Busy {
		return p
	}
	p.Queued = j.State == thidua.JobQueued
	p.Done, p.Total, p.Percent, p.Step = j.Done, j.Total, j.Percent(), j.Message
	if left, ok := j.Remaining(s.Now()); ok {
		p.Remaining = durationVI(left)
	}
	switch {
	case p.Queued:
		p.Text = "Đang chờ đến lượt xử lý…"
	case p.Total == 0:
		p.Text = orStep(p.Step, "Đang bắt đầu…")
	default:
		p.Text = orStep(p.Step, "Đang xử lý") + ": " + thidua.FormatThousands(p.Done) + " / " + thidua.FormatThousands(p.Total) + " dòng (" + strconv.Itoa(p.Percent) + "%)"
		if p.Remaining != "" {
			p.Text += ", còn khoảng " + p.Remaining
		}
	}
	return p
}

func orStep(step, def string) string {
	if step == "" {
		return def
	}
	return step
}

// durationVI writes a duration the way people say it: "45 giây", "3 phút".
func durationVI(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(max(int(d.Seconds()), 1)) + " giây"
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes()+0.5)) + " phút"
	}
	return strconv.Itoa(int(d.Hours())) + " giờ " + strconv.Itoa(int(d.Minutes())%60) + " phút"
}

func (s *Handler) HandleImportProgress(w http.ResponseWriter, r *http.Request) error {
	imp, err := s.findImport(r)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	kit.WriteJSON(w, http.StatusOK, s.progressOf(imp))
	return nil
}

// importAction reads the version from the form and applies an action.
func (s *Handler) importAction(w http.ResponseWriter, r *http.Request, act func(id int64, version int) error, flash string) {
	id, err := kit.PathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version, err := strconv.Atoi(f.Values["version"])
	if err != nil {
		// An empty form: check the import exists (404) before refusing.
		if _, err := s.Store.FindImportByID(r.Context(), id); err != nil {
			s.Error(w, r, err)
			return
		}
		s.Error(w, r, thidua.Errorf(thidua.EINVALID, "Thiếu phiên bản của lần nhập; hãy tải lại trang rồi thử lại."))
		return
	}
	if err := act(id, version); err != nil {
		s.Error(w, r, err)
		return
	}
	s.notifyJobs()
	s.Flash(w, r, flash)
	http.Redirect(w, r, "/app/imports/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Handler) HandleImportConfirm(w http.ResponseWriter, r *http.Request) error {
	s.importAction(w, r, func(id int64, v int) error {
		_, err := s.Store.ConfirmImport(r.Context(), id, v)
		return err
	}, "Đã xác nhận: đang ghi dữ liệu vào hệ thống.")
	return nil
}

func (s *Handler) HandleImportDiscard(w http.ResponseWriter, r *http.Request) error {
	s.importAction(w, r, func(id int64, v int) error {
		return s.Store.DiscardImport(r.Context(), id, v)
	}, "Đã hủy lần nhập; không có dữ liệu nào được ghi.")
	return nil
}

func (s *Handler) HandleImportRecheck(w http.ResponseWriter, r *http.Request) error {
	s.importAction(w, r, func(id int64, v int) error {
		_, err := s.Store.RecheckImport(r.Context(), id, v)
		return err
	}, "Đang kiểm tra lại tệp.")
	return nil
}

func (s *Handler) HandleImportTemplate(w http.ResponseWriter, r *http.Request) error {
	t, ok := importer.TemplateBySlug(strings.TrimSuffix(r.PathValue("slug"), ".xlsx"))
	if !ok {
		s.NotFound(w, r)
		return nil
	}
	var buf bytes.Buffer
	if err := importer.WriteTemplate(&buf, t.Kind); err != nil {
		return err
	}
	kit.SendXLSX(w, t.Slug+".xlsx", buf.Bytes())
	return nil
}
