package tabular

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// xlsxReader streams one sheet of a workbook: the sheet part is inflated
// and scanned as rows are asked for (xlsxsheet.go), so neither the file
// nor the sheet is ever held whole; only the shared-string table is, as
// cells refer to it by index (xlsxparts.go).
type xlsxReader struct {
	src     Source
	book    *book
	sheet   *sheetReader
	pending *pending // the first non-empty row, found while choosing the sheet
	err     error
}

type pending struct {
	row Row
	err error
}

func openXLSX(r io.ReaderAt, size int64, name string) (Reader, error) {
	zr, err := checkZip(r, size, name)
	if err != nil {
		return nil, err
	}
	x := &xlsxReader{src: Source{Name: name, Format: XLSX}}
	if x.book, err = openBook(zr); err != nil {
		return nil, x.fail(err)
	}
	if x.book.strings, err = x.book.readSharedStrings(); err != nil {
		return nil, x.fail(err)
	}
	if err := x.chooseSheet(); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

func corrupt(name string, err error) *Error {
	return fileError(ErrCorrupt, err, fmt.Sprintf(
		"文件“%s”已损坏或不完整，无法读取：请在 Excel 中打开确认后重新保存再上传 (%s is corrupt or truncated)", name, name))
}

// checkZip looks at the zip directory before anything is unpacked: it
// must be complete, be a workbook, and not declare more than the limits.
// archive/zip refuses to inflate an entry past its declared size, so the
// declared sizes bound what unpacking can produce.
func checkZip(r io.ReaderAt, size int64, name string) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, corrupt(name, err)
	}
	var total, inMemory uint64
	workbook := false
	kind := ""
	for _, f := range zr.File {
		p := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		switch {
		case p == "xl/workbook.xml":
			workbook = true
		case strings.HasPrefix(p, "word/"):
			kind = "Word 文档 (a Word document)"
		case strings.HasPrefix(p, "ppt/"):
			kind = "PowerPoint 演示文稿 (a PowerPoint file)"
		}
		total += f.UncompressedSize64
		bigXML := (strings.HasPrefix(p, "xl/worksheets/sheet") || p == "xl/sharedstrings.xml") && f.UncompressedSize64 > xmlInMemory
		if !bigXML {
			inMemory += f.UncompressedSize64
		}
	}
	if !workbook {
		if kind == "" {
			kind = "压缩包 (a zip archive)"
		}
		zh, en, _ := strings.Cut(kind, " (")
		return nil, fileError(ErrNotSpreadsheet, nil, fmt.Sprintf("文件“%s”是%s，不是 Excel 表格 (%s is %s, not an Excel workbook)",
			name, zh, name, strings.TrimSuffix(en, ")")))
	}
	if total > maxUnzipped || inMemory > maxInMemory {
		return nil, fileError(ErrTooLarge, nil, fmt.Sprintf(
			"文件“%s”解压后超过上限（表格 %d MiB，图片等其他内容 %d MiB）：请删除图片等无关内容或拆分后再上传 (%s unpacks to more than %d MiB, or its pictures and other parts to more than %d MiB)",
			name, maxUnzipped>>20, maxInMemory>>20, name, maxUnzipped>>20, maxInMemory>>20))
	}
	return zr, nil
}

// chooseSheet picks the first visible sheet with a non-empty row, keeping
// that row. Hidden sheets are skipped: templates keep the lists behind
// their drop-downs there.
func (x *xlsxReader) chooseSheet() error {
	for _, sh := range x.book.sheets {
		if sh.hidden {
			continue
		}
		var f *zip.File
		if sh.path != "" {
			f = x.book.part(sh.path)
		}
		if f == nil {
			return corrupt(x.src.Name, fmt.Errorf("sheet %q: no part %q", sh.name, sh.path))
		}
		rc, err := f.Open()
		if err != nil {
			return x.fail(fmt.Errorf("sheet %q: %w", sh.name, err))
		}
		x.sheet, x.src.Sheet = newSheetReader(x.book, rc), sh.name
		row, err := x.next()
		if err == io.EOF {
			x.sheet.close()
			x.sheet = nil
			continue
		}
		if e, ok := err.(*Error); err != nil && !(ok && e.Row > 0) {
			return err
		}
		// A row that cannot be read still makes the sheet the one to read:
		// Next reports it first.
		x.pending = &pending{row: row, err: err}
		return nil
	}
	return fileError(ErrEmpty, nil, fmt.Sprintf("文件“%s”的工作表里没有数据 (%s has no data in any visible sheet)", x.src.Name, x.src.Name))
}

func (x *xlsxReader) Source() Source { return x.src }

func (x *xlsxReader) Next() (Row, error) {
	if p := x.pending; p != nil {
		x.pending = nil
		return p.row, p.err
	}
	if x.err != nil {
		return Row{}, x.err
	}
	row, err := x.next()
	if e, ok := err.(*Error); err != nil && !(ok && e.Row > 0) {
		x.err = err
	}
	return row, err
}

func (x *xlsxReader) next() (Row, error) {
	for {
		num, cells, err := x.sheet.next()
		if err != nil {
			return Row{}, x.fail(err)
		}
		for i, c := range cells {
			cells[i] = plainNumber(c)
		}
		if cells = cleanCells(cells); cells != nil {
			return Row{Number: num, Cells: cells}, nil
		}
	}
}

// fail turns what went wrong while reading into what Next returns: an
// *Error about one row, or about the file, or a failure of the machine.
func (x *xlsxReader) fail(err error) error {
	name := x.src.Name
	var bad *badRow
	var pathErr *fs.PathError
	switch {
	case err == io.EOF:
		return io.EOF
	case errors.As(err, &bad):
		return rowError(ErrCorrupt, bad.row, bad.err, fmt.Sprintf(
			"文件“%s”第%d行已损坏，无法读取 (%s: row %d is corrupt)", name, bad.row, name, bad.row))
	case errors.Is(err, errRowLimit):
		return fileError(ErrTooLarge, err, fmt.Sprintf(
			"文件“%s”的行数超过 Excel 的上限 (%s has more rows than Excel allows)", name, name))
	case (errors.Is(err, errXMLTooLong) || errors.Is(err, errSharedStringsTooLarge)) && x.sheet == nil:
		return fileError(ErrTooLarge, err, fmt.Sprintf(
			"文件“%s”的文字内容超过上限，请拆分后再上传 (%s holds more text than can be read)", name, name))
	case errors.Is(err, errXMLTooLong):
		row := max(x.sheet.row, 1) // the row being read
		return fileError(ErrTooLarge, err, fmt.Sprintf(
			"文件“%s”第%d行的内容超过上限 (%s: row %d is too large)", name, row, name, row))
	case errors.As(err, &pathErr):
		// The disk, not the file: the file's own parts are read through
		// archive/zip, whose errors are not *fs.PathError.
		return fmt.Errorf("read %s: %w", name, err)
	}
	return corrupt(name, err)
}

// plainNumber writes out in full a number that the number formats
// (numfmt.go, as excelize) write in scientific notation: a General cell
// with more than 15 significant digits (4.10105199001011E+17), or the
// "0.00E+00" format. A number cell keeps at
// most 15 significant digits however it is written, so an 18-digit ID typed
// into a number cell is already rounded in the file (Excel saves
// 410105199001011234 as 4.10105199001011E+17) and comes back as
// 410105199001011000; only a text cell keeps every digit. A text cell whose
// text is exactly of this form is rewritten too: it is applied after the
// cell's type is gone, and no column an inspection list holds looks
// like that.
func plainNumber(s string) string {
	i := strings.IndexAny(s, "Ee")
	if i <= 0 || i+1 >= len(s) || (s[i+1] != '+' && s[i+1] != '-') {
		return s
	}
	for j, c := range s[:i] {
		if !(c >= '0' && c <= '9' || c == '.' || (j == 0 && c == '-')) {
			return s
		}
	}
	for _, c := range s[i+2:] {
		if c < '0' || c > '9' {
			return s
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (x *xlsxReader) Close() error {
	var err error
	if x.sheet != nil {
		err = x.sheet.close()
	}
	if x.book != nil {
		if cerr := x.book.strings.close(); err == nil {
			err = cerr
		}
	}
	return err
}
