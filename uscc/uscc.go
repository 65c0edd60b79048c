// Package uscc checks the unified social credit code (统一社会信用代码) of
// GB 32100-2015: 18 characters that name every legal person and other
// organisation in China, and that every inspection object in suiji is keyed
// by. It is pure: no I/O, no clock, no state.
//
// Layout of a code, 1-based:
//
//	1      registration authority (登记管理部门代码): 9 = 工商/市场监管, 1 = 机构编制, 5 = 民政 …
//	2      organisation category (机构类别代码): under 9, 1 = 企业, 2 = 个体工商户, 3 = 农民专业合作社
//	3–8    administrative division of the registering authority (GB/T 2260), 6 digits
//	9–17   organisation code (组织机构代码, GB 11714); its 9th character is its own check character
//	18     check character over characters 1–17
//
// Callers normalise first (Normalize), then validate (Validate): Validate
// judges exactly the string it is given, so what is stored is what was
// checked.
package uscc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/suiji-dev/suiji/fault"
)

// Alphabet is the GB 32100 character set in value order: a character's
// value is its index. I, O, Z, S and V are left out because they are easily
// mistaken for 1, 0, 2, 5 and U.
const Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// Length is the number of characters in a code.
const Length = 18

// Reason names what is wrong with a code, for programs; Error.Message says
// it for people.
type Reason string

const (
	ReasonLength   Reason = "length"    // not 18 characters
	ReasonAlphabet Reason = "alphabet"  // a character outside Alphabet (lower case, I/O/Z/S/V, punctuation …)
	ReasonCheck    Reason = "check"     // character 18 does not match characters 1–17: usually a typo
	ReasonDivision Reason = "division"  // characters 3–8 are not a plausible division code
	ReasonOrgCheck Reason = "org_check" // characters 9–17 fail their own GB 11714 check
)

// Error says what is wrong with a code. Validate reports the first problem
// in the order length, alphabet, check, division, org_check, so a ReasonOrgCheck
// error means every other check passed.
//
// Error unwraps to a *fault.Error with code BAD_USER_INPUT and the same
// message, so the API layer shows the message to the person who typed the
// code instead of a generic internal error.
type Error struct {
	Code    Reason
	Pos     int    // 1-based position of the character at fault, 0 when no single one is
	Message string // Chinese first, English in parentheses
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets fault.CodeOf and fault.As see the error as bad input.
func (e *Error) Unwrap() error {
	return &fault.Error{Code: fault.BadInput, Message: e.Message}
}

// value returns the GB 32100 value of c, or -1.
func value(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Y':
		return strings.IndexByte(Alphabet, c) // -1 for I, O, S, V
	}
	return -1
}

// orgValue returns the GB 11714 value of c (digits, then A=10 … Z=35), or -1.
func orgValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// CheckChar computes character 18 from the first 17 characters.
func CheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("uscc: check character needs 17 characters, got %d bytes", len(first17))
	}
	// Weights are 3^(i-1) mod 31: 1, 3, 9, 27, 19, 26, 16, 17, 20, … (GB 32100-2015, 4.3).
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		v := value(first17[i])
		if v < 0 {
			return 0, fmt.Errorf("uscc: character %d %q is not in the GB 32100 alphabet", i+1, first17[i])
		}
		sum += v * w
		w = w * 3 % 31
	}
	// C18 = 31 − (Σ mod 31), where 31 stands for 0.
	return Alphabet[(31-sum%31)%31], nil
}

// OrgCheckChar computes the GB 11714 check character (the 9th character of an
// organisation code) from its first 8 characters, digits or upper-case
// letters A–Z. The result is '0'–'9' or 'X'.
func OrgCheckChar(first8 string) (byte, error) {
	if len(first8) != 8 {
		return 0, fmt.Errorf("uscc: organisation check character needs 8 characters, got %d bytes", len(first8))
	}
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2} // GB 11714-1997
	sum := 0
	for i := 0; i < 8; i++ {
		v := orgValue(first8[i])
		if v < 0 {
			return 0, fmt.Errorf("uscc: organisation code character %d %q is not a digit or upper-case letter", i+1, first8[i])
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X', nil
	case 11:
		return '0', nil
	default:
		return byte('0' + c), nil
	}
}

// Validate checks a code that has already been through Normalize: its length,
// its alphabet, its check character, its division code and the embedded
// organisation code's own GB 11714 check character. It returns nil or an
// *Error.
//
// The GB 11714 check is applied to every code, individual businesses (92…)
// included, because the standard says characters 9–17 are an organisation
// code and a code that fails it was most likely made up: its GB 32100 check
// character is right, so it was not mistyped. A caller importing a register
// it trusts more than the standard can treat a ReasonOrgCheck error as a
// warning: it is only ever reported once every other check has passed.
func Validate(code string) error {
	if err := validate(code); err != nil {
		return err
	}
	org := code[8:17]
	want, _ := OrgCheckChar(org[:8]) // characters 9–16 are in Alphabet, so valid here
	if org[8] != want {
		return &Error{Code: ReasonOrgCheck, Pos: 17, Message: fmt.Sprintf(
			"信用代码第9–17位的组织机构代码“%s”校验位不符，不像是真实的代码 (the organisation code %s in characters 9–17 fails its GB 11714 check)",
			org, org)}
	}
	return nil
}

// validate is every check but the GB 11714 one.
func validate(code string) error {
	if n := utf8.RuneCountInString(code); n != Length {
		return &Error{Code: ReasonLength, Message: fmt.Sprintf(
			"统一社会信用代码应为18位，现在是%d位 (a unified social credit code has 18 characters, got %d)", n, n)}
	}
	pos := 0
	for _, r := range code {
		pos++
		if r >= utf8.RuneSelf || value(byte(r)) < 0 {
			return alphabetError(pos, r)
		}
	}
	want, _ := CheckChar(code[:17])
	if code[17] != want {
		return &Error{Code: ReasonCheck, Pos: 18, Message: "统一社会信用代码校验位不符，可能抄错了，请逐位核对 (the check character does not match: the code was probably mistyped)"}
	}
	div := code[2:8]
	for i := 0; i < 6; i++ {
		if div[i] < '0' || div[i] > '9' {
			return &Error{Code: ReasonDivision, Pos: 3 + i, Message: fmt.Sprintf(
				"信用代码第3–8位应为行政区划代码（6位数字），现在是“%s” (characters 3–8 must be a 6-digit division code, got %s)", div, div)}
		}
	}
	if !province(div[:2]) {
		return &Error{Code: ReasonDivision, Pos: 3, Message: fmt.Sprintf(
			"信用代码第3–8位的行政区划代码“%s”不对应任何省份 (division code %s names no province)", div, div)}
	}
	return nil
}

func alphabetError(pos int, c rune) *Error {
	var zh, en string
	switch {
	case c >= 'a' && c <= 'z':
		zh, en = "，字母应为大写", "; letters must be upper case"
	case strings.ContainsRune("IOZSV", c):
		zh, en = "，信用代码不使用字母 I、O、Z、S、V，可能是数字 1、0、2、5 或字母 U", "; I, O, Z, S and V are not used: perhaps 1, 0, 2, 5 or U"
	case c == '-' || c == ' ':
		zh, en = "，信用代码中间不应有连字符或空格", "; a code has no hyphens or spaces"
	}
	shown := string(c)
	if !unicode.IsPrint(c) {
		shown = fmt.Sprintf("%U", c)
	}
	return &Error{Code: ReasonAlphabet, Pos: pos, Message: fmt.Sprintf(
		"信用代码第%d位“%s”不是有效字符%s (character %d %s is not allowed%s)", pos, shown, zh, pos, shown, en)}
}

// province reports whether p is the first two digits of a province-level
// division of GB/T 2260, or 10 (national registration authorities, 100000)
// or 66 (the registration authorities of 新疆生产建设兵团). The check is this
// coarse on purpose: county codes change every year and a stale table would
// reject real codes.
func province(p string) bool {
	switch p {
	case "10",
		"11", "12", "13", "14", "15",
		"21", "22", "23",
		"31", "32", "33", "34", "35", "36", "37",
		"41", "42", "43", "44", "45", "46",
		"50", "51", "52", "53", "54",
		"61", "62", "63", "64", "65", "66",
		"71", "81", "82":
		return true
	}
	return false
}

// Normalize turns what people paste into what Validate expects: it removes
// every white space (ASCII, full-width U+3000, no-break U+00A0 …) and
// zero-width character anywhere in s — a code never contains one, and PDFs
// and Word tables insert them — maps full-width forms (U+FF01–U+FF5E:
// letters, digits, punctuation) to ASCII and upper-cases ASCII letters. It
// does not remove hyphens: "M0001000-Y" is the organisation-code notation,
// and a hyphen in a USCC is an error the person should see.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), zeroWidth(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII forms
			r -= 0xFEE0
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// zeroWidth reports the invisible characters that copy-paste carries along.
func zeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// Make builds a valid code from its parts, computing the organisation
// code's check character and the code's own. org8 is the organisation code
// without its check character; its characters must be in Alphabet.
func Make(authority, category byte, division, org8 string) (string, error) {
	return Complete(string([]byte{authority, category}) + division + org8)
}

// Complete finishes a code from its first 16 characters (authority,
// category, division, the 8 body characters of the organisation code) by
// appending both check characters, or from its first 17 by appending the
// GB 32100 check character only (the organisation code is then taken as
// given and not checked). Complete never returns a code that fails a check
// it was able to make.
func Complete(prefix string) (string, error) {
	code := prefix
	switch len(prefix) {
	case 16:
		oc, err := OrgCheckChar(prefix[8:16])
		if err != nil {
			return "", err
		}
		code += string(oc)
	case 17:
	default:
		return "", fmt.Errorf("uscc: complete needs 16 or 17 characters, got %d bytes", len(prefix))
	}
	cc, err := CheckChar(code)
	if err != nil {
		return "", err
	}
	code += string(cc)
	check := Validate
	if len(prefix) == 17 {
		check = validate
	}
	if err := check(code); err != nil {
		return "", fmt.Errorf("uscc: complete %q: %w", prefix, err)
	}
	return code, nil
}

// Generate makes a random valid code with the given authority, category and
// division, for tests and the demo seeder. The organisation code body is
// "MA" plus 6 random characters, the shape of most codes issued to new
// entities since 2015.
func Generate(rng *rand.Rand, authority, category byte, division string) (string, error) {
	body := []byte("MA000000")
	for i := 2; i < len(body); i++ {
		body[i] = Alphabet[rng.IntN(len(Alphabet))]
	}
	return Make(authority, category, division, string(body))
}

// Parts is a valid code split into its fields.
type Parts struct {
	Authority byte   // character 1
	Category  byte   // character 2
	Division  string // characters 3–8
	Org       string // characters 9–17, the organisation code with its check character
	Check     byte   // character 18
}

// Parse validates code (with Validate) and splits it.
func Parse(code string) (Parts, error) {
	if err := Validate(code); err != nil {
		return Parts{}, err
	}
	return Parts{
		Authority: code[0],
		Category:  code[1],
		Division:  code[2:8],
		Org:       code[8:17],
		Check:     code[17],
	}, nil
}

// AuthorityName returns the registration authority that character 1 names,
// or "" for a character no authority uses (Validate still accepts it: new
// authorities are assigned from time to time). 1, 5, 9 and Y are from
// GB 32100-2015 Appendix A, the others were assigned since to departments
// that joined the scheme.
func AuthorityName(authority byte) string {
	switch authority {
	case '1':
		return "机构编制"
	case '2':
		return "外交"
	case '3':
		return "司法行政"
	case '4':
		return "文化"
	case '5':
		return "民政"
	case '6':
		return "旅游"
	case '7':
		return "宗教"
	case '8':
		return "工会"
	case '9':
		return "工商（市场监管）"
	case 'A':
		return "中央军委改革和编制办公室"
	case 'N':
		return "农业"
	case 'Y':
		return "其他"
	}
	return ""
}

// CategoryName returns the organisation category that characters 1–2 name,
// or "" when unknown.
func CategoryName(authority, category byte) string {
	if AuthorityName(authority) != "" && category == '9' && authority != '9' && authority != 'Y' {
		return "其他"
	}
	switch string([]byte{authority, category}) {
	case "11":
		return "机关"
	case "12":
		return "事业单位"
	case "13":
		return "中央编办直接管理机构编制的群众团体"
	case "21":
		return "外国常驻新闻机构"
	case "31":
		return "律师执业机构"
	case "32":
		return "公证处"
	case "33":
		return "基层法律服务所"
	case "34":
		return "司法鉴定机构"
	case "35":
		return "仲裁委员会"
	case "41":
		return "外国在华文化中心"
	case "51":
		return "社会团体"
	case "52":
		return "民办非企业单位"
	case "53":
		return "基金会"
	case "61":
		return "外国旅游部门常驻代表机构"
	case "62":
		return "港澳台地区旅游部门常驻内地（大陆）代表机构"
	case "71":
		return "宗教活动场所"
	case "72":
		return "宗教院校"
	case "81":
		return "基层工会"
	case "91":
		return "企业"
	case "92":
		return "个体工商户"
	case "93":
		return "农民专业合作社"
	case "A1":
		return "军队事业单位"
	case "N1":
		return "组级集体经济组织"
	case "N2":
		return "村级集体经济组织"
	case "N3":
		return "乡镇级集体经济组织"
	case "Y1":
		return "其他"
	}
	return ""
}

// Describe returns "工商（市场监管）·企业" for a code, or as much of it as is known.
func (p Parts) Describe() string {
	a, c := AuthorityName(p.Authority), CategoryName(p.Authority, p.Category)
	switch {
	case a == "":
		return ""
	case c == "":
		return a
	}
	return a + "·" + c
}
