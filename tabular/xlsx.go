package tabular

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxReader streams one sheet with excelize's row iterator, which parses
// the sheet XML as it goes instead of building the sheet in memory.
type xlsxReader struct {
	src     Source
	f       *excelize.File
	rows    *excelize.Rows
	row     int      // the sheet row the iterator is on
	pending *pending // the first non-empty row, found while choosing the sheet
	err     error
}

type pending struct {
	row Row
	err error
}

func openXLSX(r io.ReaderAt, size int64, name string) (Reader, error) {
	if err := checkZip(r, size, name); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: xmlInMemory,
		// Dates as a Chinese Excel shows them: 2024/3/15, 2024年3月15日.
		CultureInfo:      excelize.CultureNameZhCN,
		ShortDatePattern: "yyyy/m/d",
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, corrupt(name, err)
	}
	x := &xlsxReader{src: Source{Name: name, Format: XLSX}, f: f}
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

// checkZip looks at the zip directory before excelize unpacks anything:
// it must be complete, be a workbook, and not declare more than the limits.
// archive/zip refuses to inflate an entry past its declared size, so the
// declared sizes bound what unpacking can produce.
func checkZip(r io.ReaderAt, size int64, name string) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return corrupt(name, err)
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
		return fileError(ErrNotSpreadsheet, nil, fmt.Sprintf("文件“%s”是%s，不是 Excel 表格 (%s is %s, not an Excel workbook)",
			name, zh, name, strings.TrimSuffix(en, ")")))
	}
	if total > maxUnzipped || inMemory > maxInMemory {
		return fileError(ErrTooLarge, nil, fmt.Sprintf(
			"文件“%s”解压后超过上限（表格 %d MiB，图片等其他内容 %d MiB）：请删除图片等无关内容或拆分后再上传 (%s unpacks to more than %d MiB, or its pictures and other parts to more than %d MiB)",
			name, maxUnzipped>>20, maxInMemory>>20, name, maxUnzipped>>20, maxInMemory>>20))
	}
	return nil
}

// chooseSheet picks the first visible sheet with a non-empty row, keeping
// that row. Hidden sheets are skipped: templates keep the lists behind
// their drop-downs there.
func (x *xlsxReader) chooseSheet() error {
	for _, sheet := range x.f.GetSheetList() {
		if visible, err := x.f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		rows, err := x.f.Rows(sheet)
		if err != nil {
			return corrupt(x.src.Name, fmt.Errorf("sheet %q: %w", sheet, err))
		}
		x.rows, x.row, x.src.Sheet = rows, 0, sheet
		row, err := x.next()
		if err == io.EOF {
			rows.Close()
			x.rows = nil
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
	for x.rows.Next() {
		x.row++ // Next visits every row number, blank ones included
		cells, err := x.rows.Columns()
		if err != nil {
			return Row{}, rowError(ErrCorrupt, x.row, err, fmt.Sprintf(
				"文件“%s”第%d行已损坏，无法读取 (%s: row %d is corrupt)", x.src.Name, x.row, x.src.Name, x.row))
		}
		for i, c := range cells {
			cells[i] = plainNumber(c)
		}
		if cells = cleanCells(cells); cells != nil {
			return Row{Number: x.row, Cells: cells}, nil
		}
	}
	// The iterator stops quietly at malformed XML; only its row limit is
	// reported.
	if err := x.rows.Error(); err != nil {
		return Row{}, fileError(ErrTooLarge, err, fmt.Sprintf(
			"文件“%s”的行数超过 Excel 的上限 (%s has more rows than Excel allows)", x.src.Name, x.src.Name))
	}
	return Row{}, io.EOF
}

// plainNumber writes out in full a number that excelize formats in
// scientific notation: a General cell with more than 15 significant digits
// (4.10105199001011E+17), or the "0.00E+00" format. A number cell keeps at
// most 15 significant digits however it is written, so an 18-digit ID typed
// into a number cell is already rounded in the file (Excel saves
// 410105199001011234 as 4.10105199001011E+17) and comes back as
// 410105199001011000; only a text cell keeps every digit. A text cell whose
// text is exactly of this form is rewritten too: the iterator does not say
// which cells are numbers, and no column an inspection list holds looks
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
	if x.rows != nil {
		err = x.rows.Close()
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}
