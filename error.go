// Package thidua holds the domain of the emulation-and-commendation system:
// units, people, accounts and roles, the audit log, and the rules that apply
// to them. It imports neither SQL nor HTTP; adapters (sqldb, web) wrap it.
package thidua

import (
	"errors"
	"fmt"
)

// Error codes. They are stable identifiers for programs; the Message of an
// Error is what a Vietnamese user reads.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
)

// Error is a domain error with a code, a user-safe Vietnamese message and,
// for validation errors, one message per invalid field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	return fmt.Sprintf("thidua error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the root *Error of err, EINTERNAL for any
// other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err. Errors that are not an
// *Error show only a generic system error message.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Lỗi hệ thống, vui lòng thử lại sau."
}

// ErrorFields returns the per-field messages of a validation error, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation collects per-field messages; Err returns nil when none were added.
type Validation struct {
	fields map[string]string
}

// Add records msg for field unless a message is already recorded for it.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Err returns an EINVALID *Error holding the collected messages, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", Fields: v.fields}
}

// ErrStale is returned when an update names a version that is no longer current.
func ErrStale() *Error {
	return Errorf(ECONFLICT, "Dữ liệu đã được người khác thay đổi, vui lòng tải lại.")
}

// FieldError is an EINVALID error whose message belongs to one field.
func FieldError(field, msg string) error { return fieldError(field, msg) }
