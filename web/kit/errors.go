package kit

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"thidua"
	"time"
)

var CodeStatus = map[string]int{
	thidua.ECONFLICT:     http.StatusConflict,
	thidua.EINVALID:      http.StatusUnprocessableEntity,
	thidua.ENOTFOUND:     http.StatusNotFound,
	thidua.EUNAUTHORIZED: http.StatusUnauthorized,
	thidua.EFORBIDDEN:    http.StatusForbidden,
	thidua.EINTERNAL:     http.StatusInternalServerError,
}

var StatusTitle = map[int]string{
	http.StatusBadRequest:            "Yêu cầu không hợp lệ",
	http.StatusConflict:              "Xung đột dữ liệu",
	http.StatusUnprocessableEntity:   "Dữ liệu không hợp lệ",
	http.StatusNotFound:              "Không tìm thấy",
	http.StatusUnauthorized:          "Chưa đăng nhập",
	http.StatusForbidden:             "Không có quyền truy cập",
	http.StatusTooManyRequests:       "Quá nhiều yêu cầu",
	http.StatusInternalServerError:   "Lỗi hệ thống",
	http.StatusMethodNotAllowed:      "Phương thức không được hỗ trợ",
	http.StatusRequestEntityTooLarge: "Dữ liệu gửi lên quá lớn",
	http.StatusUnsupportedMediaType:  "Kiểu nội dung không được hỗ trợ",
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail"`
	Code   string            `json:"code,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

// Error writes err as an HTML page, or as problem+json under /api/. Only
// internal errors are logged; their details never reach the user.
func (s *Base) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := thidua.ErrorCode(err)
	status, ok := CodeStatus[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch code {
	case "too_many":
		status = http.StatusTooManyRequests
	case "unsupported_media_type":
		status = http.StatusUnsupportedMediaType
	case "method_not_allowed":
		status = http.StatusMethodNotAllowed
	}
	if status == http.StatusInternalServerError {
		s.Log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	SetRetryAfter(w, err)
	msg := thidua.ErrorMessage(err)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		p := Problem{Type: "about:blank", Title: StatusTitle[status], Status: status, Detail: msg, Code: code, Errors: thidua.ErrorFields(err)}
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="thidua", Basic realm="thidua", charset="UTF-8"`)
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(p)
		return
	}
	s.Render(w, r, status, "error.html", &errorPage{Status: status, Title: StatusTitle[status], Message: msg})
}

type errorPage struct {
	Page
	Status  int
	Title   string
	Message string
}

func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func QueryEscape(s string) string { return url.QueryEscape(s) }

// TooMany is the error for a request throttled for wait: its message says
// how long, and the answer carries the wait in a Retry-After header.
func TooMany(msg string, wait time.Duration) error {
	return &throttled{err: &thidua.Error{Code: "too_many", Message: msg}, wait: wait}
}

type throttled struct {
	err  *thidua.Error
	wait time.Duration
}

func (e *throttled) Error() string { return e.err.Error() }
func (e *throttled) Unwrap() error { return e.err }

// SetRetryAfter sets the Retry-After header, in whole seconds rounded up,
// when err is a throttled request's (TooMany).
func SetRetryAfter(w http.ResponseWriter, err error) {
	var t *throttled
	if errors.As(err, &t) && t.wait > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((t.wait+time.Second-1)/time.Second), 10))
	}
}

// UnsupportedMediaType is the error for a request body of a type the route
// does not take (415).
func UnsupportedMediaType(msg string) error {
	return &thidua.Error{Code: "unsupported_media_type", Message: msg}
}
