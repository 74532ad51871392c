package thidua

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// This file holds the domain of importing Excel workbooks: the records a
// workbook brings (units, people, ratings, titles, forms received,
// initiatives), the problems found in it, each located by sheet, row and
// column, and the stored upload with its state. The importer package reads
// workbooks into an ImportBatch; the storage layer checks a batch against
// the database and applies it in one transaction.

// ImportProblem is one problem of an uploaded workbook. Row is the Excel
// row number (1-based), 0 for a problem of the whole sheet or file; Column
// is the column letter ("C") and Field its header ("Ngày sinh").
type ImportProblem struct {
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// Where names the place of the problem in Vietnamese: "Trang «Cá nhân»,
// dòng 5, cột C (Ngày sinh)".
func (p ImportProblem) Where() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, "Trang «"+p.Sheet+"»")
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("dòng %d", p.Row))
	}
	if p.Column != "" {
		c := "cột " + p.Column
		if p.Field != "" {
			c += " (" + p.Field + ")"
		}
		parts = append(parts, c)
	} else if p.Field != "" {
		parts = append(parts, "cột «"+p.Field+"»")
	}
	if len(parts) == 0 {
		return "Tệp"
	}
	return strings.Join(parts, ", ")
}

// String returns the place and the message on one line.
func (p ImportProblem) String() string { return p.Where() + ": " + p.Message }

// MaxImportProblems is how many problems are kept and listed for one
// upload; the count goes on beyond it.
const MaxImportProblems = 1000

// ImportRef is where a record came from: its sheet and Excel row.
type ImportRef struct {
	Sheet string `json:"sheet"`
	Row   int    `json:"row"`
}

// ImportSheet describes a sheet that was read: its kind (one of the
// Import* sheet kinds), its name as written in the workbook, and which
// column holds which field, so that later checks can point at a cell.
type ImportSheet struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Columns maps a field key to its column letter and header.
	Columns map[string]ImportColumn `json:"columns"`
	Rows    int                     `json:"rows"` // data rows read (blank rows skipped)
}

// ImportColumn is the column letter and header text of a field.
type ImportColumn struct {
	Letter string `json:"letter"`
	Header string `json:"header"`
}

// Sheet kinds of an import workbook.
const (
	ImportUnits       = "units"
	ImportPeople      = "people"
	ImportRatings     = "ratings"
	ImportAwards      = "awards" // titles and forms received
	ImportInitiatives = "initiatives"
)

// ImportSubject names whom a history record belongs to: a person by full
// name, birth date and unit, or — with FullName empty — the unit itself (a
// collective record).
type ImportSubject struct {
	FullName  string   `json:"full_name,omitempty"`
	BirthDate Date     `json:"birth_date"`
	UnitPath  []string `json:"unit_path"`
}

// IsUnit reports whether the subject is the unit itself.
func (s ImportSubject) IsUnit() bool { return s.FullName == "" }

// PersonKey is what identifies a person in imports, together with the
// unit: the folded full name and the birth date. Re-importing a row with
// the same key in the same unit updates that person.
func PersonKey(fullName string, birth Date) string {
	return Fold(fullName) + "|" + birth.ISO()
}

// ImportUnit is a row of the units sheet. Path runs from a unit already in
// the tree (or a root) down to the unit itself.
type ImportUnit struct {
	Ref    ImportRef `json:"ref"`
	Path   []string  `json:"path"`
	Abbrev string    `json:"abbrev"`
	Kind   string    `json:"kind"`
	Active bool      `json:"active"`
}

// ImportPerson is a row of the people sheet; Person.UnitID is resolved from
// UnitPath when the batch is checked.
type ImportPerson struct {
	Ref      ImportRef `json:"ref"`
	UnitPath []string  `json:"unit_path"`
	Person   Person    `json:"person"`
	// NameFold is Fold(Person.FullName) when the reader has computed it.
	NameFold string `json:"-"`
}

// ImportRating is a row of the ratings sheet.
type ImportRating struct {
	Ref     ImportRef     `json:"ref"`
	Subject ImportSubject `json:"subject"`
	Rating  Rating        `json:"rating"`
}

// ImportTitle is a row of the awards sheet whose code is an emulation title.
type ImportTitle struct {
	Ref     ImportRef     `json:"ref"`
	Subject ImportSubject `json:"subject"`
	Title   TitleRecord   `json:"title"`
}

// ImportAward is a row of the awards sheet whose code is a commendation form.
type ImportAward struct {
	Ref     ImportRef     `json:"ref"`
	Subject ImportSubject `json:"subject"`
	Award   Award         `json:"award"`
}

// ImportInitiative is a row of the initiatives sheet.
type ImportInitiative struct {
	Ref        ImportRef     `json:"ref"`
	Subject    ImportSubject `json:"subject"`
	Initiative Initiative    `json:"initiative"`
}

// ImportBatch is everything a workbook brings, read and checked row by row
// but not yet against the database.
type ImportBatch struct {
	FileName    string             `json:"file_name"`
	Sheets      []ImportSheet      `json:"sheets"`
	Units       []ImportUnit       `json:"units"`
	People      []ImportPerson     `json:"people"`
	Ratings     []ImportRating     `json:"ratings"`
	Titles      []ImportTitle      `json:"titles"`
	Awards      []ImportAward      `json:"awards"`
	Initiatives []ImportInitiative `json:"initiatives"`
	// PathChecks are the unit paths of rows refused for other problems:
	// planning checks them too, so one round lists every problem.
	PathChecks []ImportPathCheck `json:"path_checks,omitempty"`
}

// ImportPathCheck is the unit path a refused row names (a unit row: its
// parent's path) and the field holding it.
type ImportPathCheck struct {
	Ref   ImportRef `json:"ref"`
	Field string    `json:"field"`
	Path  []string  `json:"path"`
}

// Rows counts the data rows of the batch.
func (b *ImportBatch) Rows() int {
	return len(b.Units) + len(b.People) + len(b.Ratings) + len(b.Titles) + len(b.Awards) + len(b.Initiatives)
}

// Problem returns a problem located at ref's row and the column holding
// field (a field key of the sheet's columns).
func (b *ImportBatch) Problem(ref ImportRef, field, msg string) ImportProblem {
	p := ImportProblem{Sheet: ref.Sheet, Row: ref.Row, Message: msg}
	for _, s := range b.Sheets {
		if s.Name == ref.Sheet {
			if c, ok := s.Columns[field]; ok {
				p.Column, p.Field = c.Letter, c.Header
			}
		}
	}
	return p
}

// ImportCounts counts what an import does to one kind of record.
type ImportCounts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Total is the number of records counted.
func (c ImportCounts) Total() int { return c.New + c.Updated + c.Unchanged }

// ImportSummary says what an import did, or would do.
type ImportSummary struct {
	Rows      int          `json:"rows"`
	Units     ImportCounts `json:"units"`
	People    ImportCounts `json:"people"`
	Histories ImportCounts `json:"histories"`
	// Records counts history records (ratings, titles, forms, initiatives)
	// added or changed.
	Records ImportCounts `json:"records"`
}

// ImportProgress reports how far a check or an import has gone.
type ImportProgress func(done, total int)

// ImportService checks and applies batches. Units and people need org.edit
// on their unit; history records need records.edit on their subject's unit.
type ImportService interface {
	// CheckImport resolves the batch against the database and returns what
	// applying it would do, or the problems that prevent it. It writes nothing.
	CheckImport(ctx context.Context, b *ImportBatch) (*ImportSummary, []ImportProblem, error)
	// ApplyImport checks the batch again and writes it in one transaction:
	// everything or, when any problem is found, nothing (the problems are
	// returned). Applying the same batch twice changes nothing the second time.
	ApplyImport(ctx context.Context, b *ImportBatch, progress ImportProgress) (*ImportSummary, []ImportProblem, error)
	// ApplyImportStream is ApplyImport over a batch that arrives in chunks
	// while the workbook is still being read: the records of each chunk
	// are checked and written as they come, in one transaction, which is
	// committed only if readOK reports, once chunks is closed, that the
	// reading found no problem either. Chunks must bring units before the
	// people and records that name them.
	ApplyImportStream(ctx context.Context, chunks <-chan *ImportBatch, readOK func() bool, progress ImportProgress) (*ImportSummary, []ImportProblem, error)
}

// ImportSource is what planning an import reads from storage: the storage
// adapter implements it over the import's transaction, so that the plan
// and the writes it leads to see the same data. The importer package
// plans (matches unit paths, people and history records) through it.
type ImportSource interface {
	// ImportUnits returns the units the user in ctx may see, and their
	// ancestors outside that scope, whose IDs are the keys of hidden:
	// paths written from the root then resolve for every user. It returns
	// EUNAUTHORIZED without a user, unless ctx is the system's.
	ImportUnits(ctx context.Context) (units []*Unit, hidden map[int64]bool, err error)
	// ImportPeople returns the people of the units with the given IDs.
	ImportPeople(ctx context.Context, unitIDs []int64) ([]FoldedPerson, error)
	// ImportHistories returns the stored histories of the subjects named;
	// a subject without one is left out.
	ImportHistories(ctx context.Context, subjects []HistoryRef) (map[HistoryRef]StoredHistory, error)
}

// FoldedPerson is a stored person with the folded full name that storage
// keeps beside it (Fold(Person.FullName)), which imports match people by.
type FoldedPerson struct {
	Person   *Person
	NameFold string
}

// HistoryRef names the subject of a history: SubjectPerson or SubjectUnit,
// and the person's or unit's ID.
type HistoryRef struct {
	Subject string
	ID      int64
}

// StoredHistory is a stored history document and its version.
type StoredHistory struct {
	History History
	Version int
}

// Import states: an upload is checked, then waits for confirmation, then
// is applied.
const (
	ImportChecking  = "CHECKING"  // queued or being checked
	ImportReady     = "READY"     // checked without problems; waiting for confirmation
	ImportInvalid   = "INVALID"   // checked with problems; nothing can be written
	ImportApplying  = "APPLYING"  // confirmed; queued or being written
	ImportDone      = "DONE"      // written
	ImportFailed    = "FAILED"    // the job failed (system error)
	ImportDiscarded = "DISCARDED" // abandoned by its owner
)

// ImportStates lists the import states with their labels.
var ImportStates = []Option{
	{ImportChecking, "Đang kiểm tra"},
	{ImportReady, "Chờ xác nhận"},
	{ImportInvalid, "Có lỗi, chưa ghi"},
	{ImportApplying, "Đang ghi dữ liệu"},
	{ImportDone, "Đã nhập xong"},
	{ImportFailed, "Lỗi hệ thống"},
	{ImportDiscarded, "Đã hủy"},
}

// Import is an uploaded workbook and what became of it.
type Import struct {
	ID         int64  `json:"id"`
	FileName   string `json:"file_name"`
	FileSize   int64  `json:"file_size"`
	FileSHA256 string `json:"file_sha256"`
	State      string `json:"state"`
	// Summary is what the check found (READY) or what the import did (DONE).
	Summary      *ImportSummary  `json:"summary,omitempty"`
	Problems     []ImportProblem `json:"problems,omitempty"`
	ProblemCount int             `json:"problem_count"`
	// Error is the system error of a FAILED import.
	Error     string    `json:"error,omitempty"`
	JobID     int64     `json:"job_id,omitempty"` // the check or apply job
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"`

	CreatedByName string `json:"created_by_name,omitempty"`
	// Job is the current check or apply job, filled on reads.
	Job *Job `json:"job,omitempty"`
}

// Busy reports whether a job is working on the import.
func (i *Import) Busy() bool { return i.State == ImportChecking || i.State == ImportApplying }

// ImportStore keeps uploads. Users see and act on their own uploads;
// administrators on all.
type ImportStore interface {
	// CreateImport stores an upload and queues its check job.
	CreateImport(ctx context.Context, imp *Import, content []byte) error
	FindImportByID(ctx context.Context, id int64) (*Import, error)
	// FindImports lists uploads, newest first.
	FindImports(ctx context.Context, limit int) ([]*Import, error)
	// ImportContent returns the uploaded file.
	ImportContent(ctx context.Context, id int64) ([]byte, error)
	// ConfirmImport queues the apply job of a READY upload (ECONFLICT when stale).
	ConfirmImport(ctx context.Context, id int64, version int) (*Import, error)
	// DiscardImport abandons an upload that is not being worked on.
	DiscardImport(ctx context.Context, id int64, version int) error
	// RecheckImport queues a new check of an INVALID, READY or FAILED upload.
	RecheckImport(ctx context.Context, id int64, version int) (*Import, error)
	// FinishImport records the outcome of a job (system use).
	FinishImport(ctx context.Context, id int64, state string, sum *ImportSummary, problems []ImportProblem, problemCount int, errMsg string) error
}
