package service

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/suiji-dev/suiji/fault"
)

// Problem is one thing wrong with one input field. The API answers with the
// first; an import reports every one, per row.
type Problem struct {
	Field   string
	Code    string // machine-readable: required, too_long, format, unknown_tag, …
	Message string // Chinese, then English in parentheses
}

// Problems collects what is wrong with one record.
type Problems []Problem

func (p *Problems) add(field, code, format string, args ...any) {
	*p = append(*p, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Err returns the first problem as a BAD_USER_INPUT fault, or nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &fault.Error{Code: fault.BadInput, Field: p[0].Field, Message: p[0].Message}
}

// text checks and returns one free-text field, adding a problem when it is
// missing, too long, or holds control characters.
func (p *Problems) text(field, label, value string, required bool, max int) string {
	v := strings.TrimSpace(value)
	switch {
	case !utf8.ValidString(v):
		p.add(field, "encoding", "%s不是有效的文字 (%s is not valid text)", label, field)
	case required && v == "":
		p.add(field, "required", "%s不能为空 (%s is required)", label, field)
	case utf8.RuneCountInString(v) > max:
		p.add(field, "too_long", "%s最多%d个字符，现有%d个 (%s: at most %d characters)", label, max, utf8.RuneCountInString(v), field, max)
	case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		p.add(field, "control_character", "%s含有控制字符 (%s contains a control character)", label, field)
	}
	return v
}

// match checks an optional code against re.
func (p *Problems) match(field, label, value string, re *regexp.Regexp, format string) {
	if value != "" && !re.MatchString(value) {
		p.add(field, "format", "%s格式不对，应为%s (%s: expected %s)", label, format, field, format)
	}
}

// oneOf checks that value is one of allowed.
func (p *Problems) oneOf(field, label, value string, allowed []string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	p.add(field, "invalid_value", "%s“%s”不在可选值中：%s (%s: %q is not one of %s)", label, value, strings.Join(allowed, "、"), field, value, strings.Join(allowed, ", "))
}
