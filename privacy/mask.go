// Package privacy masks personal data for callers who may know that a value
// exists but not what it is: 张三 → 张*, 13812345678 → 138****5678,
// li@example.cn → l*@example.cn. The GraphQL @personal directive and every
// export use it, so the rule is written once.
package privacy

import (
	"strings"
	"unicode/utf8"
)

// Mask hides most of s, keeping enough to recognise it by someone who
// already knows it.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		local := []rune(s[:at])
		return string(local[0]) + strings.Repeat("*", max(1, len(local)-1)) + s[at:]
	}
	r := []rune(s)
	n := len(r)
	switch {
	case n <= 1:
		return "*"
	case n == 2:
		return string(r[0]) + "*"
	case n <= 6:
		return string(r[0]) + strings.Repeat("*", n-2) + string(r[n-1])
	default:
		// Phones, certificate numbers, ids: keep 3 at the front, 4 at the end.
		keepHead, keepTail := 3, 4
		if n < 11 {
			keepHead, keepTail = 2, 2
		}
		return string(r[:keepHead]) + strings.Repeat("*", n-keepHead-keepTail) + string(r[n-keepTail:])
	}
}

// MaskedLen reports the number of characters Mask keeps visible; used by
// tests to check that at least half of a value is hidden.
func MaskedLen(s string) int {
	return utf8.RuneCountInString(Mask(s)) - strings.Count(Mask(s), "*")
}
