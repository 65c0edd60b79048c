// Package tabular reads and writes the spreadsheets that government offices
// exchange: XLSX, and CSV in UTF-8 (with or without BOM), GB18030/GBK or
// UTF-16 with BOM, with Chinese headers. It is the one place that knows file
// formats; it knows nothing about inspection objects or inspectors.
//
// Reading is streamed: Open detects the format from the content (never the
// name), Reader.Next returns one row at a time, and Header maps a header row
// to the columns a caller expects. Writing is streamed too: NewCSVWriter and
// NewXLSXWriter take one row at a time and escape cells that a spreadsheet
// would otherwise run as formulas.
//
// Problems a person can fix come back as *Error, whose Kind is one of the
// Err… sentinels and whose Message is Chinese first, English after.
package tabular

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Format is a file format that Open understands.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Limits. They bound what one upload can make the server hold or unpack;
// each is far above any real inspection list.
const (
	// sniffSize is how much of a CSV is looked at to judge its encoding,
	// delimiter and whether it is text at all.
	sniffSize = 64 << 10
	// maxRowBytes bounds one CSV record: an unclosed quote would otherwise
	// pull the rest of the file into one cell.
	maxRowBytes = 16 << 20
	// maxUnzipped bounds the declared uncompressed size of all parts of an
	// XLSX (a zip bomb declares a huge size; archive/zip refuses to inflate
	// past what is declared).
	maxUnzipped = 1 << 30
	// xmlInMemory and maxInMemory bound what an XLSX declares, as checkZip
	// counts it: the parts other than worksheets and shared-string tables
	// larger than xmlInMemory (styles, drawings, pictures …) may not add
	// up to more than maxInMemory. The reader itself holds only the
	// small parts it needs and the shared strings (see sstInMemory).
	xmlInMemory = 16 << 20
	maxInMemory = 96 << 20
)

// Row is one non-empty row.
type Row struct {
	// Number is the row number the spreadsheet shows: the header is row 1
	// when it is the first line, and blank rows count.
	Number int
	// Cells are the cell texts, trimmed, without trailing empty cells.
	Cells []string
}

// Cell returns cell i (0-based), or "" past the end of the row.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Source describes what Open found.
type Source struct {
	Name      string // as given to Open
	Format    Format
	Encoding  string // CSV: "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", "UTF-16BE"; "" for XLSX
	Delimiter rune   // CSV only
	Sheet     string // XLSX only: the sheet being read
}

// Reader returns the rows of one sheet, in order.
type Reader interface {
	// Next returns the next non-empty row, or io.EOF after the last. An
	// *Error with Row > 0 is about that row only (its quotes do not pair
	// up, its bytes are not in the file's encoding, …): the caller can
	// record it and call Next again, which goes on with the rows after it.
	// Any other error ends the reading: Next returns it again on every
	// later call.
	Next() (Row, error)
	// Source describes the file. For a CSV whose first 64 KiB are plain
	// ASCII the encoding is only settled at the first non-ASCII byte.
	Source() Source
	// Close releases temporary files; it does not close the ReaderAt given
	// to Open.
	Close() error
}

// Open detects the format of the size bytes of r from its content and
// returns a Reader for its rows: a CSV's, or those of a workbook's first
// visible sheet that has any data (hidden sheets hold the lists behind a
// template's drop-downs). name is only used in messages and Source.
//
// An XLSX is read in place: the sheet is inflated and scanned as rows are
// asked for. Only its shared-string table is held whole, in memory up to
// 64 MiB of text and beyond that in a temporary file (in os.TempDir) that
// Close removes.
func Open(r io.ReaderAt, size int64, name string) (Reader, error) {
	if size <= 0 {
		return nil, fileError(ErrEmpty, nil, fmt.Sprintf("文件“%s”是空的 (%s is empty)", name, name))
	}
	head := make([]byte, min(size, 512))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return openXLSX(r, size, name)
	}
	if err := notSpreadsheet(head, name); err != nil {
		return nil, err
	}
	return openCSV(r, size, name)
}

// OpenFile opens the file at path with Open; Close closes the file too.
func OpenFile(path string) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := Open(f, st.Size(), filepath.Base(path))
	if err != nil {
		f.Close()
		return nil, err
	}
	return &fileReader{Reader: r, f: f}, nil
}

type fileReader struct {
	Reader
	f *os.File
}

func (r *fileReader) Close() error {
	err := r.Reader.Close()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// notSpreadsheet recognises, from the first bytes, the files people send
// by mistake, so the message can say what the file is and what to do.
func notSpreadsheet(head []byte, name string) error {
	type known struct {
		magic       string
		zh, en, fix string
	}
	for _, k := range []known{
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "旧版 Excel（.xls）或加密的 Excel 文件", "an old Excel .xls or a password-protected workbook",
			"请在 Excel 中取消密码并“另存为” .xlsx 或 CSV (save it as .xlsx or CSV without a password)"},
		{"%PDF-", "PDF 文件", "a PDF file", "请上传原始的 Excel 或 CSV 表格 (upload the original spreadsheet)"},
		{"PK", "压缩包", "a zip archive", "请解压后上传其中的表格 (unzip it and upload the spreadsheet inside)"},
		{"\x89PNG", "图片", "an image", "请上传 Excel 或 CSV 表格 (upload an Excel or CSV file)"},
		{"\xFF\xD8\xFF", "图片", "an image", "请上传 Excel 或 CSV 表格 (upload an Excel or CSV file)"},
		{"GIF8", "图片", "an image", "请上传 Excel 或 CSV 表格 (upload an Excel or CSV file)"},
		{"\x1F\x8B", "压缩包", "a gzip archive", "请解压后上传其中的表格 (decompress it and upload the spreadsheet inside)"},
		{"Rar!", "压缩包", "a RAR archive", "请解压后上传其中的表格 (unpack it and upload the spreadsheet inside)"},
		{"7z\xBC\xAF\x27\x1C", "压缩包", "a 7z archive", "请解压后上传其中的表格 (unpack it and upload the spreadsheet inside)"},
	} {
		if bytes.HasPrefix(head, []byte(k.magic)) {
			return fileError(ErrNotSpreadsheet, nil, fmt.Sprintf("文件“%s”是%s，不是可读取的表格。%s (%s is %s, not a spreadsheet that can be read)",
				name, k.zh, k.fix, name, k.en))
		}
	}
	// Many systems export an HTML or XML table with an .xls name; Excel
	// opens it, we do not.
	text := bytes.TrimLeftFunc(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), unicode.IsSpace)
	if len(text) > 0 && text[0] == '<' {
		lower := strings.ToLower(string(text))
		for _, tag := range []string{"<html", "<!doctype", "<table", "<?xml", "<workbook"} {
			if strings.Contains(lower, tag) {
				return fileError(ErrNotSpreadsheet, nil, fmt.Sprintf(
					"文件“%s”是网页（HTML/XML）格式的表格，请用 Excel 打开后“另存为” .xlsx 或 CSV (%s is an HTML/XML table: open it in Excel and save it as .xlsx or CSV)", name, name))
			}
		}
	}
	return nil
}

// clean trims a cell as a person reads it: white space at both ends
// (including the full-width U+3000 and no-break U+00A0 that Chinese
// documents carry) goes, and zero-width characters go wherever they are,
// since they are invisible and would make two equal-looking values differ.
func clean(s string) string {
	if strings.IndexFunc(s, zeroWidth) >= 0 {
		s = strings.Map(func(r rune) rune {
			if zeroWidth(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

func zeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// cleanCells cleans and unescapes (see Unescape) each cell in place and
// drops trailing empty cells; it returns nil for a row with no text at all.
func cleanCells(cells []string) []string {
	last := -1
	for i, c := range cells {
		c = Unescape(clean(c))
		cells[i] = c
		if c != "" {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	return cells[:last+1]
}
