package kit

import (
	"net/http"
	"strconv"
	"strings"
	"thidua"
)

// Form carries submitted values and per-field errors back into a page.
type Form struct {
	Values map[string]string
	Errors map[string]string
	Error  string
}

// Get returns a submitted value.
func (f *Form) Get(k string) string {
	if f == nil {
		return ""
	}
	return f.Values[k]
}

// Err returns the error of a field.
func (f *Form) Err(k string) string {
	if f == nil {
		return ""
	}
	return f.Errors[k]
}

func NewForm() *Form { return &Form{Values: map[string]string{}, Errors: map[string]string{}} }

// ParseForm reads a POSTed form (size-limited), NFC-normalizing every value.
// Every value goes through thidua.CheckInput: one holding a control
// character is a field error (kept as it was typed, to be given back), which
// the handler's MergeErr or FieldsErr returns before anything is stored.
func ParseForm(w http.ResponseWriter, r *http.Request) (*Form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, thidua.Errorf(thidua.EINVALID, "Không đọc được dữ liệu biểu mẫu.")
	}
	f := NewForm()
	for k, v := range r.PostForm {
		bad := false
		for i, s := range v {
			clean, err := thidua.CheckInput(k, s)
			v[i] = clean
			if err != nil && !bad {
				bad = true
				f.Errors[k] = thidua.ErrorFields(err)[k]
				if f.Error == "" {
					f.Error = thidua.ErrorMessage(err)
				}
				if i == 0 {
					f.Values[k] = clean
				}
			}
		}
		if len(v) > 0 && !(bad && f.Values[k] != "") {
			f.Values[k] = thidua.NormalizeField(k, v[0])
		}
	}
	return f, nil
}

// SetErr copies a validation error into the form; it reports whether err was one.
func (f *Form) SetErr(err error) bool {
	if thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ECONFLICT {
		return false
	}
	for k, v := range thidua.ErrorFields(err) {
		f.Errors[k] = v
	}
	f.Error = thidua.ErrorMessage(err)
	return true
}

// FormStatus is the status of a re-rendered form after err.
func FormStatus(err error) int {
	if thidua.ErrorCode(err) == thidua.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// PathID parses the {id} path segment; a malformed ID is not found.
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy dữ liệu bạn yêu cầu.")
	}
	return id, nil
}

// Version reads the version of the object the form was drawn with; a
// form that posts none was not drawn by this page.
func (f *Form) Version(r *http.Request) int {
	if _, ok := r.PostForm["version"]; !ok {
		f.Errors["version"] = "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."
		return 0
	}
	return int(f.Int("version", "Phiên bản không hợp lệ."))
}

// Int reads an integer field; a malformed one is recorded as a field error.
func (f *Form) Int(k, msg string) int64 {
	s := strings.TrimSpace(f.Values[k])
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		f.Errors[k] = msg
		return 0
	}
	return n
}

// Date reads a dd/mm/yyyy field; a malformed one is recorded as a field error.
func (f *Form) Date(k string) thidua.Date {
	d, err := thidua.ParseDate(f.Values[k])
	if err != nil {
		f.Errors[k] = "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026."
	}
	return d
}

func (f *Form) Bool(k string) bool {
	v := f.Values[k]
	return v == "on" || v == "1" || v == "true"
}

// FieldsErr returns the form's own parse errors as a validation error.
func (f *Form) FieldsErr() error {
	if len(f.Errors) == 0 {
		return nil
	}
	var v thidua.Validation
	for k, msg := range f.Errors {
		v.Add(k, msg)
	}
	return v.Err()
}

// MergeErr combines parse errors with the domain's validation errors.
func (f *Form) MergeErr(err error) error {
	if len(f.Errors) == 0 {
		return err
	}
	if err != nil && thidua.ErrorCode(err) != thidua.EINVALID {
		return err
	}
	for k, v := range thidua.ErrorFields(err) {
		if _, ok := f.Errors[k]; !ok {
			f.Errors[k] = v
		}
	}
	return f.FieldsErr()
}

// RenameFields returns a validation error with its fields named as a form
// names them (from → to); any other error is returned as it is.
func RenameFields(err error, names map[string]string) error {
	if thidua.ErrorCode(err) != thidua.EINVALID {
		return err
	}
	fields := thidua.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	renamed := make(map[string]string, len(fields))
	for k, msg := range fields {
		if to, ok := names[k]; ok {
			k = to
		}
		renamed[k] = msg
	}
	return &thidua.Error{Code: thidua.EINVALID, Message: thidua.ErrorMessage(err), Fields: renamed}
}

// PageOf returns offset and limit for ?page= with size per page.
func PageOf(r *http.Request, size int) (page, offset int) {
	page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if page < 1 {
		page = 1
	}
	return page, (page - 1) * size
}

// Pager describes pagination links.
type Pager struct {
	Page, Pages, Total int
	Base               string // URL with query, without page
	// Next and Prev, when set, are keyset links (WithKeys) that the
	// pager shows instead of ?page=N.
	Next, Prev string
}

// KeysetOf reads a numbered list page's keyset cursor: ?after=ID (the page
// follows that row) or ?before=ID (it ends just before it); page is the
// page number the link showed, for the pager, and offset is 0 when a
// cursor is given (the database seeks to the row instead of counting
// rows up to it).
func KeysetOf(r *http.Request, size int) (page, offset int, after, before int64) {
	page, offset = PageOf(r, size)
	q := r.URL.Query()
	after, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if after < 0 || before < 0 || after != 0 && before != 0 {
		after, before = 0, 0
	}
	if after != 0 || before != 0 {
		offset = 0
	}
	return page, offset, after, before
}

// WithKeys gives the pager keyset links: the next page continues after
// last (the id of the page's last row), the previous ends before first;
// the first page is linked plainly. Either id 0 keeps ?page=N links.
func (p Pager) WithKeys(first, last int64) Pager {
	if first == 0 || last == 0 {
		return p
	}
	if p.Page < p.Pages {
		p.Next = p.Base + "page=" + strconv.Itoa(p.Page+1) + "&after=" + strconv.FormatInt(last, 10)
	}
	switch {
	case p.Page == 2:
		p.Prev = p.Base + "page=1"
	case p.Page > 2:
		p.Prev = p.Base + "page=" + strconv.Itoa(p.Page-1) + "&before=" + strconv.FormatInt(first, 10)
	}
	return p
}

func NewPager(page, size, total int, base string) Pager {
	pages := (total + size - 1) / size
	if pages < 1 {
		pages = 1
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return Pager{Page: page, Pages: pages, Total: total, Base: base + sep}
}
