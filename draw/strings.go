package draw

import (
	"unicode/utf8"
)

// idProblem says what is wrong with an identifier (plan uid, stratum label,
// object uid, department code, inspector uid), or "" when nothing is. The
// bytes 0x00, tab and newline are the separators of the hashed lines, so an
// id containing one could make two different inputs hash alike.
func idProblem(s string) string {
	if s == "" {
		return "empty"
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0x00 || c == '\t' || c == '\n':
			return "contains a NUL, tab or newline byte"
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	return ""
}

// textProblem says what is wrong with the entropy or its source description,
// or "" when nothing is. They are shown to people exactly as hashed, so
// control characters, which would hide or reorder what is shown, are out.
func textProblem(s string, allowEmpty bool) string {
	if s == "" && !allowEmpty {
		return "empty"
	}
	if len(s) > maxTextBytes {
		return "longer than 256 bytes"
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return "not valid UTF-8"
		}
		if r <= 0x1f || (r >= 0x7f && r <= 0x9f) {
			return "contains a control character"
		}
		i += size
	}
	return ""
}

// isLowerHex64 reports whether s is 64 lowercase hexadecimal digits, the
// form of R, C, the seed and every digest.
func isLowerHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func checkID(field, s string) error {
	if p := idProblem(s); p != "" {
		return refuse(BadString, field, "%s: %q", p, s)
	}
	return nil
}

func checkText(field, s string, allowEmpty bool) error {
	if p := textProblem(s, allowEmpty); p != "" {
		return refuse(BadString, field, "%s", p)
	}
	return nil
}
