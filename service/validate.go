package service

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/suiji-dev/suiji/fault"
)

// text checks one free-text input: trimmed, valid UTF-8, no control
// characters, within max runes, and present when required. It returns the
// trimmed value.
func text(field, label, value string, required bool, max int) (string, error) {
	v := strings.TrimSpace(value)
	if !utf8.ValidString(v) {
		return "", fault.Invalid(field, "%s不是有效的文字 (%s is not valid UTF-8)", label, field)
	}
	if required && v == "" {
		return "", fault.Invalid(field, "%s不能为空 (%s is required)", label, field)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return "", fault.Invalid(field, "%s最多%d个字符，现在有%d个 (%s: at most %d characters, got %d)", label, max, n, field, max, n)
	}
	for _, r := range v {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "", fault.Invalid(field, "%s含有控制字符 (%s contains a control character)", label, field)
		}
	}
	return v, nil
}

// pattern checks value against re, with a human description of the format.
func pattern(field, label, value string, re *regexp.Regexp, format string) error {
	if !re.MatchString(value) {
		return fault.Invalid(field, "%s格式不对：%s (%s: %s)", label, format, field, format)
	}
	return nil
}

// intRange checks lo <= v <= hi.
func intRange(field, label string, v, lo, hi int) error {
	if v < lo || v > hi {
		return fault.Invalid(field, "%s应在%d到%d之间 (%s must be between %d and %d)", label, lo, hi, field, lo, hi)
	}
	return nil
}
