package tabular

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Number formats. A number cell holds a bare number (45000, 1234.5); the
// text a person sees comes from the cell's number format (2023/3/15,
// 1,234.50). Importers compare what they read with what people typed, so
// the reader shows numbers as the excelize-based reader did before it —
// Chinese culture, short dates as yyyy/m/d — and this file follows the
// tokenizer of github.com/xuri/nfp and the formatter of excelize
// (numfmt.go) rule by rule, quirks included: a differential test
// (xlsxdiff_test.go) holds the two together.
//
// Not followed, because nobody puts them in an inspection list and they
// would double the code: fractions (# ?/?), conditions ([<=9999999]…),
// Buddhist years (B1, B2), brackets that mean nothing to Excel, and dates
// in a language other than Chinese or English. A section of a format that
// uses one of them falls back to the plain number, or, if it shows a date,
// to an ISO date (2006-01-02, with 15:04:05 if it shows a time) that
// normalizeDate in the importer understands.

// tokKind is the type of a format token (nfp's TokenType…).
type tokKind uint8

const (
	tkNone tokKind = iota
	tkLiteral
	tkZero     // 0
	tkHash     // #
	tkDigit    // ? (not followed: fractions)
	tkFraction // the / of a fraction
	tkDenom    // a fraction's fixed denominator
	tkDecimal  // .
	tkThousands
	tkPercent
	tkExp     // E+
	tkDate    // a run of one date letter (yyyy, m, dd …), or AM/PM
	tkElapsed // [h], [mm], [ss]
	tkGeneral
	tkText  // @
	tkAlign // _x: room for x
	tkRepeat
	tkColor
	tkCurrency // [$¥-804]: currency symbol and language
	tkSwitch   // [DBNum1] …
	tkUnknown  // any other [...]
)

type secKind uint8

const (
	secPositive secKind = iota
	secNegative
	secZero
	secText
)

type fmtToken struct {
	kind tokKind
	val  string
	// tkCurrency only: the part before the dash is the currency symbol,
	// the part after it the language; first says which came first.
	currency, lang string
	langFirst      bool
}

type fmtSection struct {
	kind  secKind
	items []fmtToken
	// unsupported: the section uses something this file does not follow.
	unsupported bool
	date        bool // it shows a date or time (for the fallback)
	timeOfDay   bool
	number      bool // it has digit placeholders
}

// numFormat is a parsed format code.
type numFormat struct {
	sections []fmtSection
	hasText  bool // a section formats text: strings need formatting too
}

// Tables from nfp and excelize.
var (
	fmtAmPm        = []string{"AM/PM", "A/P", "上午/下午"}
	fmtColorNames  = []string{"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}
	fmtSwitchNames = []string{"AIUEO", "ALPHABETIC", "alphabetic", "Arabic", "ARABICABJAD", "ARABICALPHA", "ArabicDash", "BAHTTEXT", "CardText", "CHINESENUM1", "CHINESENUM2", "CHINESENUM3", "CHOSUNG", "CIRCLENUM", "DBCHAR", "DBNUM1", "DBNUM2", "DBNUM3", "DBNUM4", "DollarText", "GANADA", "GB1", "GB2", "GB3", "GB4", "HEBREW1", "HEBREW2", "Hex", "HINDIARABIC", "HINDICARDTEXT", "HINDILETTER1", "HINDILETTER2", "IROHA", "KANJINUM1", "KANJINUM2", "KANJINUM3", "Ordinal", "OrdText", "Roman", "roman", "SBCHAR", "THAIARABIC", "THAICARDTEXT", "THAILETTER", "VIETCARDTEXT", "ZODIAC1", "ZODIAC2", "ZODIAC3"}
	// [DBNum1] writes 0 as ○ (U+25CB), as excelize does, not 〇.
	fmtSwitchDigits  = map[string]string{"[DBNum1]": "\u25CB一二三四五六七八九", "[DBNum2]": "零壹贰叁肆伍陆柒捌玖", "[DBNum3]": "０１２３４５６７８９"}
	sectionKinds     = []secKind{secPositive, secNegative, secZero, secText}
	weekdaysEN       = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	weekdaysENAbbr   = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	weekdaysZH       = []string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}
	weekdaysZHAbbr   = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}
	monthsZH         = []string{"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"}
	monthsZHAbbr     = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}
	monthsZHNumbered = []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}
)

// builtinFormat returns the code of a built-in number format as excelize
// gives it with CultureInfo zh-CN and ShortDatePattern yyyy/m/d; ok is
// false for an id that has none (the value is shown as it is stored).
func builtinFormat(id int) (code string, ok bool) {
	switch id {
	case 0:
		return "general", true
	case 1:
		return "0", true
	case 2:
		return "0.00", true
	case 3:
		return "#,##0", true
	case 4:
		return "#,##0.00", true
	case 9:
		return "0%", true
	case 10:
		return "0.00%", true
	case 11:
		return "0.00E+00", true
	case 12:
		return "# ?/?", true
	case 13:
		return "# ??/??", true
	case 14, 30:
		return "yyyy/m/d", true
	case 15:
		return "d-mmm-yy", true
	case 16:
		return "d-mmm", true
	case 17:
		return "mmm-yy", true
	case 18:
		return "h:mm AM/PM", true
	case 19:
		return "h:mm:ss AM/PM", true
	case 20:
		return "hh:mm", true
	case 21:
		return "hh:mm:ss", true
	case 22:
		return "yyyy/m/d hh:mm", true
	case 27, 36, 50, 52, 57:
		return `yyyy"年"m"月"`, true
	case 28, 29, 51, 53, 54, 58:
		return `m"月"d"日"`, true
	case 31:
		return `yyyy"年"m"月"d"日"`, true
	case 32:
		return `h"时"mm"分"`, true
	case 33:
		return `h"时"mm"分"ss"秒"`, true
	case 34, 55:
		return `上午/下午h"时"mm"分"`, true
	case 35, 56:
		return `上午/下午h"时"mm"分"ss"秒"`, true
	case 37:
		return "#,##0 ;(#,##0)", true
	case 38:
		return "#,##0 ;[red](#,##0)", true
	case 39:
		return "#,##0.00 ;(#,##0.00)", true
	case 40:
		return "#,##0.00 ;[red](#,##0.00)", true
	case 41:
		return `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`, true
	case 42:
		return `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`, true
	case 43:
		return `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`, true
	case 44:
		return `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`, true
	case 45:
		return "mm:ss", true
	case 46:
		return "[h]:mm:ss", true
	case 47:
		return "mm:ss.0", true
	case 48:
		return "##0.0E+0", true
	case 49:
		return "@", true
	}
	// The other language-dependent ids have no zh-CN code in excelize: an
	// empty format, which shows the value as it is.
	if 59 <= id && id <= 62 || 67 <= id && id <= 81 {
		return "", true
	}
	return "", false
}

// parseNumFormat tokenizes code as nfp does.
func parseNumFormat(code string) *numFormat {
	p := fmtParser{runes: []rune(strings.TrimSpace(code))}
	f := &numFormat{sections: p.parse()}
	if p.failed {
		f.sections = roughSections(code)
	}
	for i := range f.sections {
		s := &f.sections[i]
		if s.kind == secText {
			f.hasText = true
		}
		for _, t := range s.items {
			switch t.kind {
			case tkDigit, tkFraction, tkDenom:
				s.unsupported = true
			case tkZero, tkHash:
				s.number = true
			case tkDate:
				s.date = true
				if u := strings.ToUpper(t.val); strings.ContainsAny(u, "HS") || isAmPm(u) {
					s.timeOfDay = true
				}
			case tkElapsed:
				s.date, s.timeOfDay = true, true
			}
		}
		if s.date {
			for _, t := range s.items {
				if t.kind == tkCurrency && t.langFirst {
					if _, ok := fmtLanguage(t.lang); !ok {
						s.unsupported = true
					}
				}
			}
		}
	}
	return f
}

// roughSections splits a format this file cannot tokenize into sections
// that all fall back, each tokenized only enough to tell whether it shows
// a date.
func roughSections(code string) []fmtSection {
	var secs []fmtSection
	for i, part := range strings.SplitN(code, ";", 4) {
		s := fmtSection{kind: sectionKinds[i], unsupported: true}
		quoted, bracket := false, false
		for _, c := range part {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == '[':
				bracket = true
			case c == ']':
				bracket = false
			case bracket:
			case c == '@':
				s.kind = secText
			case c == '0' || c == '#' || c == '?':
				s.items = append(s.items, fmtToken{kind: tkZero, val: "0"})
			case strings.ContainsRune("yYdDmMeE", c):
				s.items = append(s.items, fmtToken{kind: tkDate, val: "d"})
			case strings.ContainsRune("hHsS", c):
				s.items = append(s.items, fmtToken{kind: tkDate, val: "h"})
			}
		}
		secs = append(secs, s)
	}
	return secs
}

type fmtParser struct {
	runes    []rune
	i        int
	cur      fmtToken
	inString bool
	secs     []fmtSection
	secIdx   int
	failed   bool // met something this file does not follow
}

func (p *fmtParser) add(t fmtToken) {
	if len(p.secs) <= p.secIdx {
		kind := sectionKinds[p.secIdx]
		for i := len(p.secs) - 1; i < p.secIdx; i++ {
			p.secs = append(p.secs, fmtSection{kind: kind})
		}
	}
	p.secs[p.secIdx].items = append(p.secs[p.secIdx].items, t)
}

// flush adds the token being built and starts a new one.
func (p *fmtParser) flush() {
	p.add(p.cur)
	p.cur = fmtToken{}
}

func (p *fmtParser) next() rune {
	if p.i+1 < len(p.runes) {
		return p.runes[p.i+1]
	}
	return 0
}

// ahead reports whether the runes at the current position spell s, in
// any case.
func (p *fmtParser) ahead(s string) (string, bool) {
	n := len([]rune(s))
	if p.i+n > len(p.runes) {
		return "", false
	}
	m := string(p.runes[p.i : p.i+n])
	return m, strings.EqualFold(m, s)
}

func isDigit(c rune) bool { return '0' <= c && c <= '9' }

func isDateLetter(c rune) bool { return strings.ContainsRune("ABDEGHMRSY", unicode.ToUpper(c)) }

func hasDateLetter(s string) bool {
	for _, c := range s {
		if isDateLetter(c) {
			return true
		}
	}
	return false
}

func isAmPm(s string) bool {
	for _, ap := range fmtAmPm {
		if strings.EqualFold(s, ap) {
			return true
		}
	}
	return false
}

func inFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// parse follows nfp's getTokens branch by branch; the order of the tests
// matters.
func (p *fmtParser) parse() []fmtSection {
	for p.i < len(p.runes) {
		c, next := p.runes[p.i], p.next()
		// nfp applies these three inside quoted text too.
		switch {
		case isDigit(c):
			switch {
			case p.cur.kind == tkZero || p.cur.kind == tkDenom:
				p.cur.val += string(c)
			case p.cur.kind == tkFraction:
				p.flush()
				p.cur = fmtToken{kind: tkDenom, val: string(c)}
			case strings.EqualFold(p.cur.val, "B"):
				p.failed = true // Buddhist years
				return nil
			default:
				if p.cur.kind != tkNone {
					p.flush()
				}
				p.cur.kind = tkZero
				if c != '0' {
					p.cur.kind = tkLiteral
				}
				p.cur.val += string(c)
			}
			p.i++
			continue
		case c == '#':
			if p.cur.kind != tkHash && p.cur.kind != tkNone {
				if p.cur.val == "." {
					p.cur.kind = tkDecimal
				}
				p.flush()
			}
			p.cur.kind = tkHash
			p.cur.val += "#"
			p.i++
			continue
		case c == '.':
			switch {
			case p.cur.kind == tkZero || p.cur.kind == tkHash:
				p.flush()
				p.add(fmtToken{kind: tkDecimal, val: "."})
				p.i++
				continue
			case p.cur.kind == tkDate && !isDigit(next):
				p.flush()
				p.add(fmtToken{kind: tkLiteral, val: "."})
				p.i++
				continue
			}
			if !p.inString {
				if p.cur.kind != tkNone && isDigit(next) {
					p.flush()
				}
				p.cur.kind = tkDecimal
			}
			p.cur.val += "."
			p.i++
			continue
		}
		if strings.ContainsRune("$-+(): ", c) {
			if p.cur.kind != tkLiteral && p.cur.kind != tkDate && p.cur.kind != tkNone {
				p.flush()
				p.cur = fmtToken{kind: tkLiteral, val: string(c)}
				p.i++
				continue
			}
			if p.cur.val != `\` && p.cur.kind == tkNone && !isAmPm(p.cur.val) {
				p.cur.kind = tkLiteral
			}
			if p.cur.kind == tkLiteral {
				p.cur.val += string(c)
				p.i++
				continue
			}
		}
		switch {
		case c == '_':
			if p.cur.kind != tkNone {
				p.add(p.cur)
			}
			p.cur = fmtToken{kind: tkAlign, val: " "}
			p.i += 2
			continue
		case c == '*':
			if p.cur.val != "" {
				p.flush()
			}
			p.add(fmtToken{kind: tkRepeat, val: string(next)})
			p.cur = fmtToken{}
			p.i += 2
			continue
		case c == '\\':
			if p.cur.val != "" {
				p.flush()
			}
			lit := ""
			if next != 0 {
				lit = string(next)
			}
			p.add(fmtToken{kind: tkLiteral, val: lit})
			p.cur = fmtToken{}
			p.i += 2
			continue
		case c == '-':
			if p.cur.kind != tkNone {
				p.add(p.cur)
			}
			if c != next {
				p.add(fmtToken{kind: tkLiteral, val: "-"})
			}
			p.cur = fmtToken{}
			p.i++
			continue
		case c == ',':
			if p.cur.kind == tkZero || p.cur.kind == tkHash {
				p.flush()
				p.add(fmtToken{kind: tkThousands, val: ","})
				p.i++
				continue
			}
			if !p.inString {
				if p.cur.kind == tkLiteral {
					p.add(p.cur)
					p.cur = fmtToken{kind: tkThousands}
				}
				if p.cur.kind == tkDate {
					p.add(p.cur)
					p.cur = fmtToken{kind: tkLiteral}
				}
				if c != next {
					if p.cur.kind == tkNone {
						p.cur.kind = tkLiteral
					}
					p.add(fmtToken{kind: p.cur.kind, val: ","})
				}
				p.cur = fmtToken{}
				p.i++
				continue
			}
			p.cur.kind = tkLiteral
			p.cur.val += ","
			p.i++
			continue
		case c == ' ':
			if p.cur.kind != tkNone && p.cur.kind != tkLiteral {
				p.add(p.cur)
			}
			p.add(fmtToken{kind: tkLiteral, val: " "})
			p.cur = fmtToken{}
			p.i++
			continue
		case c == '/' && p.cur.kind == tkDate:
			p.flush()
			p.add(fmtToken{kind: tkLiteral, val: "/"})
			p.i++
			continue
		case c == '/' && p.cur.kind == tkDigit:
			p.flush()
			p.cur = fmtToken{kind: tkFraction, val: "/"}
			p.i++
			continue
		case c == ':' && p.cur.kind == tkDate:
			p.flush()
			p.add(fmtToken{kind: tkLiteral, val: ":"})
			p.i++
			continue
		case c == '"':
			p.i++
			if p.inString {
				p.add(fmtToken{kind: tkLiteral, val: p.cur.val})
				p.cur = fmtToken{}
				p.inString = false
				continue
			}
			if p.cur.val != "" {
				p.add(p.cur)
			}
			p.inString = true
			p.cur = fmtToken{kind: tkLiteral}
			continue
		case c == '@':
			if len(p.secs) <= p.secIdx {
				p.secs = append(p.secs, fmtSection{kind: secText})
			}
			p.secs[p.secIdx].kind = secText
			if p.cur.kind != tkNone {
				p.add(p.cur)
			}
			p.cur = fmtToken{kind: tkText, val: "@"}
			p.i++
			continue
		case c == '[':
			if p.cur.kind != tkNone {
				p.add(p.cur)
			}
			p.cur = fmtToken{}
			if !p.bracket() {
				p.failed = true
				return nil
			}
			continue
		case c == '?':
			if p.cur.kind != tkNone && p.cur.kind != tkDigit {
				p.flush()
			}
			p.cur.kind = tkDigit
			p.cur.val += "?"
			p.i++
			continue
		case c == '%':
			if p.cur.kind != tkNone {
				p.flush()
			}
			p.cur.kind = tkPercent
			p.cur.val += "%"
			p.i++
			continue
		case c == ';':
			if p.cur.kind != tkNone {
				p.add(p.cur)
			}
			if len(p.secs) <= p.secIdx {
				p.secs = append(p.secs, fmtSection{kind: sectionKinds[p.secIdx]})
			}
			p.secIdx++
			if p.secIdx > 3 {
				return nil // nfp gives up: the value is shown as it is
			}
			p.cur = fmtToken{}
			p.secs = append(p.secs, fmtSection{kind: sectionKinds[p.secIdx]})
			p.i++
			continue
		}
		if m, ok := p.ahead("E+"); ok {
			if p.cur.kind != tkNone {
				p.flush()
			}
			p.cur.kind = tkExp
			p.cur.val += m
			p.i += 2
			continue
		}
		// nfp measures the pattern in bytes but takes runes, so only the
		// ASCII markers match here; 上午/下午 is caught below.
		if m, ok := p.matchAmPm(); ok {
			p.add(fmtToken{kind: tkDate, val: m})
			p.cur = fmtToken{}
			p.i += len([]rune(m))
			continue
		}
		if m, ok := p.ahead("General"); ok {
			p.add(fmtToken{kind: tkGeneral, val: m})
			p.cur = fmtToken{}
			p.i += 7
			continue
		}
		if !p.inString {
			if isDateLetter(c) {
				if isAmPm(p.cur.val) {
					p.cur.kind = tkDate
					p.flush()
				}
				if p.cur.kind == tkLiteral || p.cur.kind == tkDate && !strings.ContainsRune(p.cur.val, c) {
					p.flush()
				}
				if p.cur.kind != tkNone && p.cur.kind != tkDate {
					p.flush()
				}
				p.cur.kind = tkDate
				p.cur.val += string(c)
				p.i++
				continue
			}
			if hasDateLetter(p.cur.val) {
				p.add(fmtToken{kind: tkDate, val: p.cur.val})
				p.cur = fmtToken{kind: tkLiteral, val: string(c)}
				p.i++
				continue
			}
			if next != 0 && isDateLetter(next) {
				p.cur.val += string(c)
				p.cur.kind = tkLiteral
				p.i++
				continue
			}
			if c == '\'' {
				p.i++
				continue
			}
			if !isDigit(c) && p.cur.kind == tkZero {
				p.flush()
				continue
			}
			p.cur.kind = tkLiteral
		}
		p.cur.val += string(c)
		if isAmPm(p.cur.val) {
			p.cur.kind = tkDate
			p.flush()
		}
		p.i++
	}
	if p.cur.val != "" {
		if p.cur.kind == tkNone {
			p.cur.kind = tkLiteral
		}
		p.add(p.cur)
	}
	return p.secs
}

func (p *fmtParser) matchAmPm() (string, bool) {
	for _, ap := range fmtAmPm[:2] {
		if m, ok := p.ahead(ap); ok {
			return m, true
		}
	}
	return "", false
}

// bracket reads a [...] group at p.i. It reports false for what this file
// does not follow: conditions and groups nfp would read in odd ways.
func (p *fmtParser) bracket() bool {
	end := -1
	for j := p.i + 1; j < len(p.runes); j++ {
		if p.runes[j] == ']' {
			end = j
			break
		}
	}
	if end <= p.i+1 {
		return false
	}
	content := string(p.runes[p.i+1 : end])
	up := strings.ToUpper(content)
	if strings.ContainsAny(content, "_*\\\"@?%;[") || strings.Contains(up, "E+") || strings.Contains(up, "GENERAL") ||
		strings.Contains(up, "A/P") || strings.Contains(up, "AM/PM") {
		return false
	}
	p.i = end + 1
	switch {
	case content[0] == '$':
		p.add(currencyToken(content))
	case strings.ContainsAny(content, "$-+(): <>="):
		return false
	case inFold(fmtColorNames, content):
		p.add(fmtToken{kind: tkColor, val: content})
	case inFold(fmtSwitchNames, content):
		p.add(fmtToken{kind: tkSwitch, val: "[" + content + "]"})
	case !strings.ContainsFunc(content, func(c rune) bool { return !isDateLetter(c) }):
		p.add(fmtToken{kind: tkElapsed, val: content})
	default:
		p.add(fmtToken{kind: tkUnknown, val: content})
	}
	return true
}

// currencyToken splits [$¥-804] as nfp does: what precedes the first dash
// is the currency symbol, what follows the language.
func currencyToken(content string) fmtToken {
	t := fmtToken{kind: tkCurrency, val: "[" + content + "]"}
	type part struct {
		lang bool
		val  string
	}
	var parts []part
	rs := []rune(content[1:])
	for i, c := range rs {
		next := ']'
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		if c != '-' {
			if len(parts) == 0 {
				parts = append(parts, part{})
			}
			parts[len(parts)-1].val += string(c)
		}
		if c == '-' && next != ']' {
			switch {
			case len(parts) == 0:
				parts = append(parts, part{lang: true})
			case !parts[0].lang && parts[0].val != "":
				parts = append(parts, part{lang: true})
			default:
				parts[len(parts)-1].val += "-"
			}
		}
	}
	if len(parts) > 0 {
		t.langFirst = parts[0].lang
	}
	for _, pt := range parts {
		if pt.lang && t.lang == "" {
			t.lang = pt.val
		} else if !pt.lang && t.currency == "" {
			t.currency = pt.val
		}
	}
	return t
}

// language is what a format's [$-…] says about names of months, days and
// AM/PM.
type language uint8

const (
	langNone language = iota // no language given: English names, AM/PM as written
	langEN
	langZH
)

// fmtLanguage maps the language of a [$-…] group; ok is false for one
// this file does not follow.
func fmtLanguage(code string) (language, bool) {
	code = strings.ToUpper(code)
	switch code {
	case "F800", "X-SYSDATE", "1010000", "F400", "X-SYSTIME": // system long date and time: excelize uses en-US
		return langEN, true
	case "EN-US":
		return langEN, true
	case "ZH-CN":
		return langZH, true
	}
	hex := code
	if len(hex) > 4 {
		hex = hex[len(hex)-4:]
	}
	switch n, err := strconv.ParseUint(hex, 16, 32); {
	case err != nil:
		return langNone, false
	case n == 0x409:
		return langEN, true
	case n == 0x804:
		return langZH, true
	}
	return langNone, false
}

// format returns value as the format shows it; numeric says the cell is a
// number (or date) cell rather than text or a boolean.
func (f *numFormat) format(value string, numeric, date1904 bool) string {
	r := fmtRun{value: value, date1904: date1904}
	kind := secText
	if numeric {
		var ok bool
		if ok, _, r.number = isNumeric(value); ok {
			r.isNum = true
			kind = secPositive
			if r.number < 0 {
				if f.hasSection(secNegative) {
					kind = secNegative
				} else {
					r.usePositive = true
				}
			}
		}
	}
	for i := range f.sections {
		s := &f.sections[i]
		if s.kind != kind {
			continue
		}
		r.sec = s.items
		if s.unsupported {
			return r.fallback(s)
		}
		var out string
		switch {
		case !r.isNum:
			out = r.text()
		case kind == secPositive:
			out = r.positive()
		default:
			out = r.negative()
		}
		return r.align(out)
	}
	return value
}

func (f *numFormat) hasSection(k secKind) bool {
	for _, s := range f.sections {
		if s.kind == k {
			return true
		}
	}
	return false
}

// fallback shows a number whose format section this file does not follow:
// as an ISO date or time if the section shows one, else as it is.
func (r *fmtRun) fallback(s *fmtSection) string {
	if !r.isNum || !s.date || s.number || r.number < 0 {
		return r.value
	}
	t := timeFromExcelTime(r.number, r.date1904)
	switch {
	case r.number < 1 && s.timeOfDay:
		return t.Format("15:04:05")
	case s.timeOfDay:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02")
}

// isNumeric is excelize's: whether s is a number, and its significant
// digits counted as excelize counts them (with the minus sign).
func isNumeric(s string) (bool, int, float64) {
	if strings.Contains(s, "_") {
		return false, 0, 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, 0, 0
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	return true, len(plain) - strings.Count(plain, "."), f
}

// fmtRun formats one value: excelize's numberFormat.
type fmtRun struct {
	sec                []fmtToken
	value              string
	number             float64
	isNum, usePositive bool
	date1904           bool

	// number formats
	intHolder, intPadding, fracHolder, fracPadding, expBaseLen int
	percent, scalingFactor, scalingStart                       int
	useCommaSep, usePointer, useSci                            bool
	switchArg                                                  string

	// dates
	t              time.Time
	ap             string
	lang           language
	useMillisecond bool
}

func isNumberToken(k tokKind) bool {
	switch k {
	case tkDenom, tkDigit, tkExp, tkFraction, tkHash, tkPercent, tkZero:
		return true
	}
	return false
}

func isDateToken(k tokKind) bool { return k == tkDate || k == tkElapsed }

func (r *fmtRun) positive() string {
	fmtNum := false
	for _, t := range r.sec {
		if t.kind == tkGeneral {
			// The stored value, every digit: excelize (and Excel in a
			// narrow column) shows a styled General number to 11 digits,
			// which would cut an ID or a certificate number short.
			return r.value
		}
		if isNumberToken(t.kind) {
			fmtNum = true
		}
		if isDateToken(t.kind) {
			if fmtNum || r.number < 0 {
				return r.value
			}
			dates := false
			for _, t := range r.sec {
				if isDateToken(t.kind) {
					if dates && r.useMillisecond {
						return r.value
					}
					dates = true
				}
				if isNumberToken(t.kind) {
					if t.kind == tkZero {
						r.useMillisecond = true
						continue
					}
					return r.value
				}
			}
			return r.dateTime()
		}
	}
	return r.numberHandler()
}

func (r *fmtRun) negative() string {
	for _, t := range r.sec {
		if t.kind == tkGeneral || t.kind == tkUnknown || isDateToken(t.kind) {
			return r.value
		}
	}
	return r.numberHandler()
}

func (r *fmtRun) text() string {
	var b strings.Builder
	for _, t := range r.sec {
		switch t.kind {
		case tkLiteral:
			b.WriteString(t.val)
		case tkText, tkZero:
			b.WriteString(r.value)
		}
	}
	return b.String()
}

func (r *fmtRun) align(s string) string {
	if len(r.sec) == 0 {
		return s
	}
	if r.sec[0].kind == tkAlign {
		s = " " + s
	}
	if r.sec[len(r.sec)-1].kind == tkAlign {
		s += " "
	}
	return s
}

func (r *fmtRun) switchArgument(s string) string {
	if r.switchArg == "" {
		return s
	}
	digits, ok := fmtSwitchDigits[r.switchArg]
	if !ok {
		return r.value
	}
	d := []rune(digits)
	return strings.Map(func(c rune) rune {
		if isDigit(c) {
			return d[c-'0']
		}
		return c
	}, s)
}

// --- numbers -----------------------------------------------------------------

func (r *fmtRun) numberConf() {
	last := -1
	for i, t := range r.sec {
		if t.kind == tkZero || t.kind == tkHash {
			last = i
		}
	}
	for i, t := range r.sec {
		switch t.kind {
		case tkHash:
			if r.usePointer {
				r.fracHolder += len(t.val)
			} else {
				r.intHolder += len(t.val)
			}
		case tkExp:
			r.useSci = true
		case tkThousands:
			if i > last {
				if r.scalingFactor == 0 {
					r.scalingStart = i
				}
				r.scalingFactor++
			} else {
				r.useCommaSep = true
			}
		case tkLiteral:
			if t.val == "," && i > last && r.scalingFactor > 0 {
				r.scalingFactor++
			}
		case tkPercent:
			r.percent += len(t.val)
		case tkDecimal:
			r.usePointer = true
		case tkSwitch:
			r.switchArg = t.val
		case tkZero:
			r.intHolder = 0
			switch {
			case r.usePointer && r.useSci:
				r.expBaseLen += len(t.val)
			case r.usePointer:
				r.fracPadding += len(t.val)
			default:
				r.intPadding += len(t.val)
			}
		}
	}
}

func (r *fmtRun) numberPartLen() (intLen, fracLen int) {
	intPart, fracPart, _ := strings.Cut(strconv.FormatFloat(math.Abs(r.number), 'f', -1, 64), ".")
	if r.intHolder > len(intPart) {
		r.intHolder = len(intPart)
	}
	if intLen = len(intPart); r.intPadding+r.intHolder > len(intPart) {
		intLen = r.intPadding + r.intHolder
	}
	if fracLen = len(fracPart); len(fracPart) > r.fracHolder+r.fracPadding {
		fracLen = r.fracHolder + r.fracPadding
	}
	if r.fracPadding > len(fracPart) {
		fracLen = r.fracPadding
	}
	return intLen, fracLen
}

func (r *fmtRun) numberHandler() string {
	r.numberConf()
	if r.scalingFactor > 0 {
		r.number /= math.Pow(1000, float64(r.scalingFactor))
	}
	num := r.number
	intLen, fracLen := r.numberPartLen()
	if intLen+fracLen > 15 && !r.useSci {
		if ok, precision, decimal := isNumeric(r.value); ok && precision > 15 {
			return r.literal(r.bigNumber(decimal, fracLen))
		}
	}
	width := intLen + fracLen
	if fracLen > 0 {
		width++
	}
	pct := strings.Repeat("%%", r.percent)
	code := fmt.Sprintf("%%0%d.%df%s", width, fracLen, pct)
	if r.useSci {
		if r.expBaseLen != 2 {
			return r.value
		}
		code = fmt.Sprintf("%%.%dE%s", fracLen, pct)
	}
	if r.percent > 0 {
		num *= math.Pow(100, float64(r.percent))
	}
	if !r.useSci {
		ratio := math.Pow(10, float64(fracLen))
		num = math.Round(num*ratio) / ratio
	}
	out := fmt.Sprintf(code, math.Abs(num))
	if r.useCommaSep {
		out = commaSep(out)
	}
	return r.literal(out)
}

// bigNumber writes a number of more than 15 digits without rounding it
// to float64's digits.
func (r *fmtRun) bigNumber(decimal float64, fracLen int) string {
	exp := 0.0
	if r.percent > 0 {
		exp = 1
	}
	out := strings.TrimLeft(strconv.FormatFloat(decimal*math.Pow(100, exp), 'f', -1, 64), "-")
	if r.useCommaSep {
		out = commaSep(out)
	}
	if fracLen > 0 {
		if i, f, ok := strings.Cut(out, "."); ok {
			if len(f) < fracLen {
				out += strings.Repeat("0", fracLen-len(f))
			}
			if len(f) > fracLen {
				out = i + "." + f[:fracLen]
			}
		} else {
			out += "." + strings.Repeat("0", fracLen)
		}
	}
	if r.percent > 0 {
		return out + "%"
	}
	return out
}

func commaSep(s string) string {
	var b strings.Builder
	n := strings.IndexByte(s, '.')
	if n < 0 {
		n = len(s)
	}
	for i := range n {
		if i > 0 && (n-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	b.WriteString(s[n:])
	return b.String()
}

// literal lays the formatted digits out over the format's placeholders
// and literals (excelize's printNumberLiteral, without fractions).
func (r *fmtRun) literal(text string) string {
	var b strings.Builder
	if r.usePositive {
		b.WriteByte('-')
	}
	placeholders := 0
	for _, t := range r.sec {
		if t.kind == tkHash || t.kind == tkZero {
			placeholders += len(t.val)
		}
	}
	pos := 0
	for i, t := range r.sec {
		switch t.kind {
		case tkCurrency:
			if !t.langFirst {
				b.WriteString(t.currency)
			}
		case tkLiteral:
			if r.scalingFactor > 0 && i >= r.scalingStart && t.val == "," {
				continue
			}
			b.WriteString(t.val)
		case tkHash, tkZero:
			n := len(t.val)
			if pos == 0 && len(text) > placeholders {
				n = len(text) + len(t.val) - placeholders
			}
			at := pos
			if len(text) < placeholders {
				at += len(text) - placeholders
			}
			for k := range n {
				if j := k + at; 0 <= j && j < len(text) {
					b.WriteByte(text[j])
				}
			}
			pos += n
		}
	}
	return r.switchArgument(b.String())
}

// --- dates -------------------------------------------------------------------

func (r *fmtRun) dateTime() string {
	r.t = timeFromExcelTime(r.number, r.date1904)
	if !r.useMillisecond {
		r.t = r.t.Add(time.Duration(math.Round(float64(r.t.Nanosecond())/1e9)) * time.Second)
	}
	var b strings.Builder
	for i, t := range r.sec {
		switch t.kind {
		case tkCurrency:
			if t.langFirst {
				r.lang, _ = fmtLanguage(t.lang) // parseNumFormat checked it
			} else {
				b.WriteString(t.currency)
			}
		case tkDate:
			r.dateToken(&b, i, t)
		case tkElapsed:
			r.elapsed(&b, t)
		case tkLiteral:
			b.WriteString(t.val)
		case tkDecimal:
			b.WriteByte('.')
		case tkSwitch:
			r.switchArg = t.val
		case tkZero:
			b.WriteString(fmt.Sprintf("%03d", r.t.Nanosecond()/1e6)[:min(len(t.val), 3)])
		}
	}
	return r.switchArgument(b.String())
}

func (r *fmtRun) dateToken(b *strings.Builder, i int, t fmtToken) {
	up := strings.ToUpper(t.val)
	if isAmPm(up) {
		if r.ap == "" {
			aps := strings.Split(r.localAmPm(t.val), "/")
			r.ap = aps[0]
			if r.hoursNext(i) >= 12 {
				r.ap = aps[1]
			}
		}
		b.WriteString(r.ap)
		return
	}
	l := len(t.val)
	if strings.Contains(up, "M") {
		m := int(r.t.Month())
		if r.number < 2 {
			m = 1
		}
		if 60 <= r.number && r.number < 61 {
			m = 2
		}
		switch {
		case l == 1 && r.isMonthToken(i):
			b.WriteString(strconv.Itoa(m))
			return
		case l == 2 && r.isMonthToken(i):
			fmt.Fprintf(b, "%02d", m)
			return
		case l == 3:
			b.WriteString(r.monthName(3))
			return
		case l == 4 || l > 5:
			b.WriteString(r.monthName(4))
			return
		case l == 5:
			b.WriteString(r.monthName(5))
			return
		}
	}
	year := r.t.Year()
	if r.number < 2 {
		year = 1900
	}
	switch {
	case strings.Contains(up, "Y"):
		if l <= 2 {
			b.WriteString(strconv.Itoa(year)[2:])
		} else {
			b.WriteString(strconv.Itoa(year))
		}
	case strings.Contains(up, "E"):
		b.WriteString(strconv.Itoa(year))
	}
	names, abbr := weekdayNames(r.lang)
	switch {
	case strings.Contains(up, "A"):
		if l == 3 {
			b.WriteString(abbr[r.t.Weekday()])
		} else if l > 3 {
			b.WriteString(names[r.t.Weekday()])
		}
	case strings.Contains(up, "D"):
		d := r.t.Day()
		if r.number < 1 {
			d = 0
		}
		if 1 <= r.number && r.number < 60 {
			d = timeFromExcelTime(r.number+1, r.date1904).Day()
		}
		if 60 <= r.number && r.number < 61 {
			d = 29
		}
		switch l {
		case 1:
			b.WriteString(strconv.Itoa(d))
		case 2:
			fmt.Fprintf(b, "%02d", d)
		case 3:
			b.WriteString(abbr[r.t.Weekday()])
		default:
			b.WriteString(names[r.t.Weekday()])
		}
	}
	if strings.Contains(up, "H") {
		h := r.t.Hour()
		if ap, ok := r.apNext(i); ok {
			r.ap = ap[0]
			if h >= 12 {
				r.ap = ap[1]
			}
			if h > 12 {
				h -= 12
			}
		}
		if r.ap != "" {
			if r.hoursNext(i) == -1 && h > 12 {
				h -= 12
			}
			if h == 0 {
				h = 12
			}
		}
		twoDigits(b, h, l)
	}
	if strings.Contains(up, "M") {
		twoDigits(b, r.t.Minute(), l)
	}
	if strings.Contains(up, "S") {
		twoDigits(b, r.t.Second(), l)
	}
}

func twoDigits(b *strings.Builder, n, l int) {
	if l == 1 {
		b.WriteString(strconv.Itoa(n))
		return
	}
	fmt.Fprintf(b, "%02d", n)
}

func (r *fmtRun) elapsed(b *strings.Builder, t fmtToken) {
	d := r.t.Sub(excel1900Epoch)
	switch up := strings.ToUpper(t.val); {
	case strings.Contains(up, "H"):
		fmt.Fprintf(b, "%.f", math.Floor(d.Hours()))
	case strings.Contains(up, "M"):
		fmt.Fprintf(b, "%.f", math.Floor(d.Minutes()))
	case strings.Contains(up, "S"):
		fmt.Fprintf(b, "%.f", math.Floor(d.Seconds()))
	}
}

// hoursNext returns the hour if an hour token follows token i, else -1.
func (r *fmtRun) hoursNext(i int) int {
	for _, t := range r.sec[i+1:] {
		if t.kind == tkDate && strings.Contains(strings.ToUpper(t.val), "H") {
			return timeFromExcelTime(r.number, false).Hour()
		}
	}
	return -1
}

// apNext returns the AM and PM names if an AM/PM token follows token i
// before any hour token.
func (r *fmtRun) apNext(i int) ([]string, bool) {
	for _, t := range r.sec[i+1:] {
		if t.kind != tkDate {
			continue
		}
		if strings.Contains(strings.ToUpper(t.val), "H") {
			return nil, false
		}
		if isAmPm(t.val) {
			return strings.Split(r.localAmPm(t.val), "/"), true
		}
	}
	return nil, false
}

// isMonthToken tells an m of months from an m of minutes: minutes follow
// hours or come before seconds.
func (r *fmtRun) isMonthToken(i int) bool {
	timeBefore, secondsAfter := false, false
	for j := i - 1; j >= 0; j-- {
		if t := r.sec[j]; t.kind == tkDate {
			timeBefore = strings.ContainsAny(strings.ToUpper(t.val), "HS")
			break
		} else if t.kind == tkElapsed {
			timeBefore = true
			break
		}
	}
	for _, t := range r.sec[i+1:] {
		if t.kind == tkDate {
			secondsAfter = strings.Contains(strings.ToUpper(t.val), "S")
			break
		}
	}
	return !timeBefore && !secondsAfter
}

func (r *fmtRun) localAmPm(ap string) string {
	switch r.lang {
	case langEN:
		return fmtAmPm[0]
	case langZH:
		return fmtAmPm[2]
	}
	return ap
}

func (r *fmtRun) monthName(abbr int) string {
	t := r.t
	if r.number < 1 {
		t = timeFromExcelTime(r.number+2, r.date1904)
	}
	if 1 <= r.number && r.number < 60 {
		t = timeFromExcelTime(r.number+1, r.date1904)
	}
	m := int(t.Month()) - 1
	if r.lang == langZH {
		switch abbr {
		case 3:
			return monthsZHNumbered[m]
		case 4:
			return monthsZH[m]
		}
		return monthsZHAbbr[m]
	}
	switch abbr {
	case 3:
		return t.Month().String()[:3]
	case 4:
		return t.Month().String()
	}
	return t.Month().String()[:1]
}

func weekdayNames(l language) (names, abbr []string) {
	if l == langZH {
		return weekdaysZH, weekdaysZHAbbr
	}
	return weekdaysEN, weekdaysENAbbr
}

// --- Excel serial dates (excelize's date.go) ----------------------------------

var (
	excel1900Epoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	excel1904Epoch = time.Date(1904, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// timeFromExcelTime converts an Excel serial date. Days up to 61 go
// through the Julian calendar, as Excel's fictitious 29 February 1900
// requires.
func timeFromExcelTime(excelTime float64, date1904 bool) time.Time {
	wholeDays := int(excelTime)
	if wholeDays <= 61 {
		const offset1900, offset1904, mjd0 = 15018.0, 16480.0, 2400000.5
		if date1904 {
			return julianToTime(mjd0, excelTime+offset1904)
		}
		return julianToTime(mjd0, excelTime+offset1900)
	}
	epoch := excel1900Epoch
	if date1904 {
		epoch = excel1904Epoch
	}
	frac := excelTime - float64(wholeDays) + 1e-9
	t := epoch.AddDate(0, 0, wholeDays).Add(time.Duration(float64(24*time.Hour) * frac))
	if t.Nanosecond()/1e6 > 500 {
		return t.Round(time.Second)
	}
	return t.Truncate(time.Second)
}

func julianToTime(part1, part2 float64) time.Time {
	i1, f1 := math.Modf(part1)
	i2, f2 := math.Modf(part2)
	days, frac := i1+i2, f1+f2
	switch {
	case -0.5 < frac && frac < 0.5:
		frac += 0.5
	case frac >= 0.5:
		days++
		frac -= 0.5
	case frac <= -0.5:
		days--
		frac += 1.5
	}
	// Fliegel and Van Flandern
	l := int(days) + 68569
	n := (4 * l) / 146097
	l -= (146097*n + 3) / 4
	i := (4000 * (l + 1)) / 1461001
	l = l - (1461*i)/4 + 31
	j := (80 * l) / 2447
	d := l - (2447*j)/80
	l = j / 11
	m := j + 2 - (12 * l)
	y := 100*(n-49) + i + l
	// fraction of a day, to the microsecond
	x := int64(24*60*60*1e9*frac + 1e3/2)
	ns := int((x%1e9)/1e3) * 1e3
	x /= 1e9
	return time.Date(y, time.Month(m), d, int(x/3600), int(x/60%60), int(x%60), ns, time.UTC)
}

// timeToExcelTime converts t to an Excel serial date (1900 system).
func timeToExcelTime(t time.Time) float64 {
	start := time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(start) {
		return 0
	}
	const maxDuration = 290 * 364 * 24 * time.Hour
	tt, diff, result := t, t.Sub(start), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / (24 * time.Hour))
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(start)
	}
	rem := diff % (24 * time.Hour)
	result += float64(diff-rem)/float64(24*time.Hour) + float64(rem)/float64(24*time.Hour)
	// Excel counts a 29 February 1900 that never was.
	if t.After(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)) {
		result++
	}
	return result
}
