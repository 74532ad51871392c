package web

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

func newForm() *Form { return &Form{Values: map[string]string{}, Errors: map[string]string{}} }

// parseForm reads a POSTed form (size-limited), NFC-normalizing every value.
func parseForm(w http.ResponseWriter, r *http.Request) (*Form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, thidua.Errorf(thidua.EINVALID, "Không đọc được dữ liệu biểu mẫu.")
	}
	f := newForm()
	for k, v := range r.PostForm {
		if len(v) > 0 {
			f.Values[k] = thidua.NormalizeText(v[0])
		}
	}
	return f, nil
}

// setErr copies a validation error into the form; it reports whether err was one.
func (f *Form) setErr(err error) bool {
	if thidua.ErrorCode(err) != thidua.EINVALID && thidua.ErrorCode(err) != thidua.ECONFLICT {
		return false
	}
	for k, v := range thidua.ErrorFields(err) {
		f.Errors[k] = v
	}
	f.Error = thidua.ErrorMessage(err)
	return true
}

// formStatus is the status of a re-rendered form after err.
func formStatus(err error) int {
	if thidua.ErrorCode(err) == thidua.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// pathID parses the {id} path segment; a malformed ID is not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy dữ liệu bạn yêu cầu.")
	}
	return id, nil
}

// formInt reads an integer field; a malformed one is recorded as a field error.
func (f *Form) int(k, msg string) int64 {
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

// date reads a dd/mm/yyyy field; a malformed one is recorded as a field error.
func (f *Form) date(k string) thidua.Date {
	d, err := thidua.ParseDate(f.Values[k])
	if err != nil {
		f.Errors[k] = "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026."
	}
	return d
}

func (f *Form) bool(k string) bool {
	v := f.Values[k]
	return v == "on" || v == "1" || v == "true"
}

// fieldsErr returns the form's own parse errors as a validation error.
func (f *Form) fieldsErr() error {
	if len(f.Errors) == 0 {
		return nil
	}
	var v thidua.Validation
	for k, msg := range f.Errors {
		v.Add(k, msg)
	}
	return v.Err()
}

// mergeErr combines parse errors with the domain's validation errors.
func (f *Form) mergeErr(err error) error {
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
	return f.fieldsErr()
}

// pageOf returns offset and limit for ?page= with size per page.
func pageOf(r *http.Request, size int) (page, offset int) {
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
}

func newPager(page, size, total int, base string) Pager {
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
