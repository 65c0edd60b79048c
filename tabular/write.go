package tabular

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Escape keeps a spreadsheet from running a cell as a formula (CSV or
// formula injection): a cell whose first non-blank character is =, +, -
// or @, or that starts with a tab or carriage return, gets a leading single
// quote. Both writers apply it to every cell, XLSX included although its
// string cells are never evaluated, because an XLSX cell is re-parsed when
// someone edits it and its text travels on by copy-paste and "Save as CSV".
//
// Two values stay as they are: a negative number ("-12", "-3.5"), which a
// spreadsheet can only read as that number, and a lone "-", the usual
// placeholder for "none". "+86 …" phone numbers are escaped, which also
// keeps Excel from dropping the plus sign. A value that already begins
// with a quote before such a character gets one more, so that Unescape
// gives back exactly the value.
func Escape(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

// Unescape undoes Escape. Readers apply it to every cell so that an
// exported file imports back to the same values; a cell that merely
// begins with a quote is left alone.
func Unescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}

// needsQuote reports whether Escape quotes s: s, after any quotes that
// Escape added before, begins a formula.
func needsQuote(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	if s[0] == '\t' || s[0] == '\r' {
		return true
	}
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t == "" {
		return false
	}
	switch t[0] {
	case '-':
		return t != "-" && !decimal(t[1:])
	case '=', '+', '@':
		return true
	}
	return false
}

// decimal reports whether s is digits with at most one decimal point
// inside: 12, 3.5.
func decimal(s string) bool {
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point && digits > 0 && i < len(s)-1:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

// CSVWriter writes UTF-8 CSV with a BOM and CRLF line ends, which is what
// Excel needs to open Chinese text correctly by double-click.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter writes the BOM and the header row to w.
func NewCSVWriter(w io.Writer, header []string) (*CSVWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, fmt.Errorf("write BOM: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	c := &CSVWriter{w: cw}
	if err := c.Write(header); err != nil {
		return nil, fmt.Errorf("write header: %w", err)
	}
	return c, nil
}

// Write writes one row, escaping each cell.
func (c *CSVWriter) Write(cells []string) error {
	row := make([]string, len(cells))
	for i, s := range cells {
		row[i] = Escape(s)
	}
	return c.w.Write(row)
}

// Close flushes what is buffered; it does not close the io.Writer.
func (c *CSVWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// maxCellChars is Excel's limit on one cell, in UTF-16 code units.
const maxCellChars = 32767

// XLSXWriter writes one sheet with excelize's StreamWriter: rows go to an
// in-memory buffer that spills to a temporary file past 16 MiB, and Close
// zips everything straight into the io.Writer, so memory does not grow
// with the number of rows.
type XLSXWriter struct {
	out   io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	text  int // style: number format "@" (text)
	row   int // the last row written
	cells []any
}

// NewXLSXWriter starts a workbook with one sheet named sheet (Sheet1 when
// empty) and writes the header row, bold. Every column of the header is
// formatted as text, so what a person later types under it (an 18-digit
// ID, a code with leading zeros) stays as typed, and the header row stays
// in view when scrolling.
func NewXLSXWriter(w io.Writer, sheet string, header []string) (*XLSXWriter, error) {
	if sheet == "" {
		sheet = "Sheet1"
	}
	f := excelize.NewFile()
	x := &XLSXWriter{out: w, f: f}
	if err := x.start(sheet, header); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func (x *XLSXWriter) start(sheet string, header []string) error {
	if sheet != "Sheet1" {
		if err := x.f.SetSheetName("Sheet1", sheet); err != nil {
			return fmt.Errorf("name sheet %q: %w", sheet, err)
		}
	}
	var err error
	if x.text, err = x.f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return fmt.Errorf("text style: %w", err)
	}
	bold, err := x.f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("header style: %w", err)
	}
	if x.sw, err = x.f.NewStreamWriter(sheet); err != nil {
		return fmt.Errorf("stream sheet %q: %w", sheet, err)
	}
	if len(header) > 0 {
		// Column settings must come before the first row.
		if err := x.sw.SetColStyle(1, len(header), x.text); err != nil {
			return fmt.Errorf("column style: %w", err)
		}
		for i, h := range header {
			if err := x.sw.SetColWidth(i+1, i+1, columnWidth(h)); err != nil {
				return fmt.Errorf("column width: %w", err)
			}
		}
		if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("freeze header: %w", err)
		}
	}
	return x.write(header, bold)
}

// columnWidth fits a header: CJK characters are about two characters wide.
func columnWidth(h string) float64 {
	w := 0.0
	for _, r := range h {
		if r > 0x2E80 {
			w += 2.2
		} else {
			w += 1.1
		}
	}
	return min(max(w+2, 12), 60)
}

// Write writes one row. Every cell is a string cell holding Escape(cell):
// never a formula, never a number.
func (x *XLSXWriter) Write(cells []string) error {
	return x.write(cells, x.text)
}

func (x *XLSXWriter) write(cells []string, style int) error {
	x.row++
	x.cells = x.cells[:0]
	for i, s := range cells {
		// A string has no more UTF-16 units than UTF-8 bytes: count only
		// the long ones. Excel would cut the cell; refuse rather than lose
		// text silently.
		if len(s) > maxCellChars {
			if n := utf16Len(s); n > maxCellChars {
				return fmt.Errorf("write row %d: cell %s%d has %d characters, more than Excel's %d", x.row, ColumnName(i), x.row, n, maxCellChars)
			}
		}
		if s == "" {
			x.cells = append(x.cells, nil) // no cell; the column style still applies
			continue
		}
		x.cells = append(x.cells, excelize.Cell{StyleID: style, Value: Escape(s)})
	}
	if err := x.sw.SetRow(fmt.Sprintf("A%d", x.row), x.cells); err != nil {
		return fmt.Errorf("write row %d: %w", x.row, err)
	}
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Close finishes the workbook and writes it to the io.Writer, which it
// does not close.
func (x *XLSXWriter) Close() error {
	defer x.f.Close() // removes the temporary file, if any
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	// excelize assembles the zip in a bytes.Buffer before copying it out;
	// handing it a zip writer on the real destination streams it instead.
	x.f.ZipWriter = func(io.Writer) excelize.ZipWriter { return zip.NewWriter(x.out) }
	if err := x.f.Write(io.Discard); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}
