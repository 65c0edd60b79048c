package tabular

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Excel's limits on a sheet.
const (
	maxExcelRows = 1048576
	maxExcelCols = 16384
)

var errRowLimit = errors.New("row number beyond Excel's limit")

// badRow is a row that cannot be read; the rows after it can.
type badRow struct {
	row int
	err error
}

func (e *badRow) Error() string { return fmt.Sprintf("row %d: %v", e.row, e.err) }

// sheetReader reads the rows of a worksheet part as excelize's row
// iterator gives them: each cell placed by its reference (C7) so gaps
// become empty cells, cells without a reference after the one before,
// rows numbered by their r attribute or else one after the other.
type sheetReader struct {
	book  *book
	rc    io.ReadCloser
	sc    *xmlScanner
	row   int // the number of the last row read
	width int // cells in the last row read, to size the next
	v     []byte
	rt    richText
	attrs [3][]byte // of the cell being read: cellAttrs
}

// cellAttrs are the attributes of <c> the reader uses: reference, style
// and type.
var cellAttrs = []string{"r", "s", "t"}

func newSheetReader(b *book, rc io.ReadCloser) *sheetReader {
	return &sheetReader{book: b, rc: rc, sc: newXMLScanner(rc, maxRowBytes)}
}

func (s *sheetReader) close() error { return s.rc.Close() }

// next returns the next row, blank or not: its number and cells. An error
// is a *badRow about that row only, io.EOF after the last row, or one
// that ends the reading.
func (s *sheetReader) next() (int, []string, error) {
	sc := s.sc
	for {
		if err := sc.next(); err != nil {
			return 0, nil, err // io.EOF: a part without </sheetData>
		}
		if sc.is(tagEnd, "sheetData") {
			return 0, nil, io.EOF
		}
		if sc.kind != tagEnd && string(sc.name) == "row" {
			break
		}
	}
	num, err := s.rowNumber()
	if err != nil {
		return 0, nil, err
	}
	s.row = num
	if sc.kind == tagEmpty {
		return num, nil, nil
	}
	cells := make([]string, 0, s.width)
	col := 0
	for {
		if err := sc.next(); err != nil {
			return 0, nil, unexpected(err)
		}
		switch {
		case sc.kind == tagEnd:
			if string(sc.name) == "row" {
				s.width = len(cells)
				return num, cells, nil
			}
		case string(sc.name) == "c":
			if col, err = s.cell(col, &cells); err != nil {
				var bad *badRow
				if errors.As(err, &bad) {
					if serr := s.skipRow(); serr != nil {
						return 0, nil, serr
					}
				}
				return 0, nil, err
			}
		default:
			if err := sc.skip(); err != nil {
				return 0, nil, err
			}
		}
	}
}

// rowNumber reads the r attribute of the row tag just read. A row without
// one (or with r="0", as excelize takes it) follows the one before.
func (s *sheetReader) rowNumber() (int, error) {
	num := s.row + 1
	if r, ok := s.sc.attr("r"); ok {
		n, err := atoi(r)
		switch {
		case err != nil || n < 0:
			return 0, s.badRow(num, fmt.Errorf("row number %q", r))
		case n > maxExcelRows:
			return 0, errRowLimit
		case n > 0 && n <= s.row:
			return 0, s.badRow(num, fmt.Errorf("row %d after row %d", n, s.row))
		case n > 0:
			num = n
		}
	}
	if num > maxExcelRows {
		return 0, errRowLimit
	}
	return num, nil
}

// badRow skips the rest of row num, which cannot be read.
func (s *sheetReader) badRow(num int, err error) error {
	s.row = num
	if s.sc.kind == tagStart {
		if serr := s.skipRow(); serr != nil {
			return serr
		}
	}
	return &badRow{row: num, err: err}
}

// skipRow reads past the end of the current row.
func (s *sheetReader) skipRow() error {
	for {
		if err := s.sc.next(); err != nil {
			return unexpected(err)
		}
		if s.sc.is(tagEnd, "row") {
			return nil
		}
	}
}

type cellType uint8

const (
	cellNumber cellType = iota // n, e, or none: a number or an error value
	cellBool
	cellDate // d: an ISO 8601 date
	cellShared
	cellFormula // str: a formula's text result
	cellInline
)

// cell reads the <c> just read into cells, after col, the column of the
// cell before; it returns the cell's column.
func (s *sheetReader) cell(col int, cells *[]string) (int, error) {
	sc := s.sc
	col++
	attrs := s.attrs[:]
	sc.attrsOf(cellAttrs, attrs)
	if ref := attrs[0]; ref != nil {
		c, err := columnOf(ref)
		if err != nil {
			return col, &badRow{row: s.row, err: err}
		}
		col = c
	}
	if col > maxExcelCols {
		return col, &badRow{row: s.row, err: fmt.Errorf("more than %d columns", maxExcelCols)}
	}
	// A style that is not a number makes excelize drop the cell.
	style, styleOK := 0, true
	if v := attrs[1]; v != nil {
		n, err := atoi(v)
		styleOK = err == nil
		if styleOK && n > 0 {
			style = n
		}
	}
	typ := cellNumber
	switch string(attrs[2]) {
	case "b":
		typ = cellBool
	case "d":
		typ = cellDate
	case "s":
		typ = cellShared
	case "str":
		typ = cellFormula
	case "inlineStr":
		typ = cellInline
	}
	v := s.v[:0]
	var is []byte
	hasF, hasIS := false, false
	// Like excelize, take a <v>, <f> or <is> at any depth: only the
	// cell's end tag ends it.
	if sc.kind == tagStart {
	children:
		for depth := 0; ; {
			if err := sc.next(); err != nil {
				return col, unexpected(err)
			}
			var err error
			switch {
			case sc.kind == tagEnd:
				if depth == 0 {
					break children
				}
				depth--
			case string(sc.name) == "v":
				v, err = sc.text(v[:0])
			case string(sc.name) == "f":
				hasF = true
				err = sc.skip()
			case string(sc.name) == "is":
				hasIS = true
				is = nil
				if sc.kind == tagStart {
					is, err = s.rt.read(sc)
				}
			case sc.kind == tagStart:
				depth++
			}
			if err != nil {
				return col, err
			}
		}
	}
	s.v = v
	if !styleOK {
		return col, nil
	}
	val, err := s.value(typ, style, v, is, hasIS)
	if err != nil {
		return col, err
	}
	// As excelize: a cell with no text is left out unless it has a
	// formula; those before it are filled with empty cells.
	if val != "" || hasF {
		for len(*cells) < col-1 {
			*cells = append(*cells, "")
		}
		*cells = append(*cells, val)
	}
	return col, nil
}

// columnOf returns the column of a cell reference such as C7 or $C$7, as
// excelize checks it.
func columnOf(ref []byte) (int, error) {
	letter := func(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '$' }
	last := -1
	for i, c := range ref {
		if letter(c) {
			last = i
		}
	}
	if len(ref) == 0 || !letter(ref[0]) || last == len(ref)-1 {
		return 0, fmt.Errorf("cell reference %q", ref)
	}
	if row, err := strconv.Atoi(string(ref[last+1:])); err != nil || row <= 0 {
		return 0, fmt.Errorf("cell reference %q", ref)
	} else if row > maxExcelRows {
		return 0, errRowLimit
	}
	col := 0
	for _, c := range ref[:last+1] {
		switch {
		case c == '$':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case c < 'A' || c > 'Z':
			return 0, fmt.Errorf("cell reference %q", ref)
		}
		if col = col*26 + int(c-'A'+1); col > maxExcelCols {
			return 0, fmt.Errorf("cell reference %q: more than %d columns", ref, maxExcelCols)
		}
	}
	if col == 0 {
		return 0, fmt.Errorf("cell reference %q", ref)
	}
	return col, nil
}

// value is a cell's text as excelize's getValueFrom gives it.
func (s *sheetReader) value(typ cellType, style int, v, is []byte, hasIS bool) (string, error) {
	if !utf8.Valid(v) || !utf8.Valid(is) {
		return "", &badRow{row: s.row, err: errors.New("text is not UTF-8")}
	}
	switch typ {
	case cellBool:
		switch string(v) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return s.format(string(v), style, false), nil
	case cellDate:
		return s.format(isoDateValue(string(v)), style, true), nil
	case cellShared:
		if len(v) == 0 {
			return s.format("", style, false), nil
		}
		i := sharedIndex(v)
		if i < 0 || i >= s.book.strings.len() {
			return "", nil // as excelize: an empty cell
		}
		str, ok, err := s.book.strings.get(i)
		if err != nil {
			return "", err
		}
		if !ok {
			return "", &badRow{row: s.row, err: fmt.Errorf("shared string %d is not UTF-8", i)}
		}
		return s.format(str, style, false), nil
	case cellFormula:
		return string(v), nil
	case cellInline:
		if hasIS {
			return s.format(string(is), style, false), nil
		}
		return s.format(string(v), style, false), nil
	}
	return s.format(numberValue(v), style, true), nil
}

// format applies the number format of style; numeric says the value is a
// number cell's.
func (s *sheetReader) format(value string, style int, numeric bool) string {
	if style <= 0 || style >= len(s.book.formats) {
		return value
	}
	f := s.book.formats[style]
	if f == nil || !numeric && !f.hasText {
		return value
	}
	return f.format(value, numeric, s.book.date1904)
}

// sharedIndex parses a shared-string index as excelize does: surrounding
// space allowed, anything unreadable taken as 0.
func sharedIndex(v []byte) int {
	if len(v) <= 9 {
		n := 0
		for _, c := range v {
			if c < '0' || c > '9' {
				goto slow
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
slow:
	n, err := strconv.Atoi(strings.TrimSpace(string(v)))
	if err != nil {
		return 0
	}
	return n
}

// numberValue is excelize's getCellDefault: a number written plainly,
// rounded to 15 significant digits when it has more.
func numberValue(v []byte) string {
	if plainInteger(v) {
		return string(v)
	}
	s := string(v)
	ok, precision, f := isNumeric(s)
	if !ok {
		return s
	}
	if precision > 15 && !withinPrecision(s) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// plainInteger reports whether v is an integer that numberValue would
// write back unchanged: at most 15 digits, no leading zero or plus sign.
func plainInteger(v []byte) bool {
	digits := v
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(v) > 15 || digits[0] == '0' && (len(digits) > 1 || len(v) > 1) {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// withinPrecision reports whether an integer has at most 15 significant
// digits before its trailing zeros.
func withinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// isoDateValue turns the ISO 8601 date of a t="d" cell into an Excel
// serial date, as excelize's getCellDate does; other text stays as it is.
func isoDateValue(v string) string {
	layout := "20060102T150405.999"
	if strings.HasSuffix(v, "Z") {
		layout = "20060102T150405Z"
		if strings.Contains(v, "-") {
			layout = "2006-01-02T15:04:05Z"
		}
	} else if strings.Contains(v, "-") {
		layout = "2006-01-02 15:04:05Z"
	}
	t, err := time.Parse(layout, strings.ReplaceAll(v, ",", "."))
	if err != nil {
		return v
	}
	return strconv.FormatFloat(timeToExcelTime(t), 'G', 15, 64)
}

// atoi parses a decimal integer, without allocating for the short ones
// of row numbers and styles.
func atoi(b []byte) (int, error) {
	if len(b) > 0 && len(b) <= 9 {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return strconv.Atoi(string(b))
			}
			n = n*10 + int(c-'0')
		}
		return n, nil
	}
	return strconv.Atoi(string(b))
}
