package tabular

import (
	"errors"

	"github.com/suiji-dev/suiji/fault"
)

// The kinds of problem a file can have. Test with errors.Is; the *Error
// that carries one says what exactly is wrong, for people.
var (
	ErrNotSpreadsheet = errors.New("不是电子表格 (not a spreadsheet)")
	ErrCorrupt        = errors.New("文件已损坏或不完整 (corrupt or truncated spreadsheet)")
	ErrEmpty          = errors.New("文件里没有数据 (the spreadsheet has no data)")
	ErrTooLarge       = errors.New("文件或单元格超出上限 (the spreadsheet or one of its rows is too large)")
	ErrEncoding       = errors.New("文字编码有误 (bad text encoding)")
	ErrHeader         = errors.New("表头有误 (bad header row)")
)

// Error is a problem with a file that the person who sent it can fix. It
// matches its Kind with errors.Is, and unwraps to a *fault.Error with code
// BAD_USER_INPUT and the same message, so the API layer shows the message
// rather than a generic internal error. Failures of the machine (a disk
// error, a closed connection) are not *Error: they reach the caller wrapped
// with fmt.Errorf and are reported as internal.
type Error struct {
	Kind    error  // ErrNotSpreadsheet, ErrCorrupt, …
	Row     int    // the row that could not be read, as the spreadsheet numbers it (header = 1); reading can go on past it. 0 when the error ends the reading (the message may still name a row)
	Message string // Chinese first, English in parentheses
	Err     error  // the cause, for logs; never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap exposes the kind, the fault view and the cause.
func (e *Error) Unwrap() []error {
	errs := []error{e.Kind, &fault.Error{Code: fault.BadInput, Field: "file", Message: e.Message}}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func fileError(kind error, cause error, msg string) *Error {
	return &Error{Kind: kind, Message: msg, Err: cause}
}

func rowError(kind error, row int, cause error, msg string) *Error {
	return &Error{Kind: kind, Row: row, Message: msg, Err: cause}
}
