package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvReader reads a CSV through a textStream, which turns its bytes into
// UTF-8 text, and encoding/csv, which splits records.
type csvReader struct {
	src     Source
	text    *textStream
	cr      *csv.Reader
	row     int // Number of the last record read
	endLine int // physical line on which the last record read ended
	rows    int // non-empty rows returned
	err     error
}

func openCSV(r io.ReaderAt, size int64, name string) (Reader, error) {
	raw := bufio.NewReaderSize(io.NewSectionReader(r, 0, size), sniffSize)
	head, err := raw.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	src := Source{Name: name, Format: CSV}
	ts := &textStream{raw: raw, line: 1}
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		raw.Discard(3)
		src.Encoding, ts.mode = "UTF-8 BOM", modeUTF8
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		// Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated.
		endian, label := unicode.LittleEndian, "UTF-16LE"
		if head[0] == 0xFE {
			endian, label = unicode.BigEndian, "UTF-16BE"
		}
		src.Encoding, ts.mode = label, modeDecoder
		ts.dec = transform.NewReader(raw, unicode.UTF16(endian, unicode.ExpectBOM).NewDecoder())
	default:
		// Outside UTF-16, a NUL byte never occurs in text.
		if bytes.IndexByte(head, 0) >= 0 {
			return nil, binaryError(name)
		}
		ts.mode = modeUndecided
	}
	text := bufio.NewReaderSize(ts, sniffSize)
	prefix, perr := text.Peek(sniffSize)
	if perr != nil && perr != io.EOF && !isTextError(perr) {
		return nil, fmt.Errorf("read %s: %w", name, perr)
	}
	if src.Encoding == "" {
		src.Encoding = ts.encoding()
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(prefix, []byte("\uFEFF")))) == 0 && perr == io.EOF {
		return nil, fileError(ErrEmpty, nil, fmt.Sprintf("文件“%s”里没有任何内容 (%s has no content)", name, name))
	}
	if !looksLikeText(prefix) {
		return nil, binaryError(name)
	}
	src.Delimiter = sniffDelimiter(prefix)
	cr := csv.NewReader(text)
	cr.Comma = src.Delimiter
	cr.FieldsPerRecord = -1 // rows of a spreadsheet need not be the same length
	// Strict quotes: a row whose quotes do not pair up is reported rather
	// than guessed at, since a wrong guess silently shifts cells between
	// columns.
	cr.LazyQuotes = false
	return &csvReader{src: src, text: ts, cr: cr}, nil
}

func binaryError(name string) *Error {
	return fileError(ErrNotSpreadsheet, nil, fmt.Sprintf(
		"文件“%s”不是文本表格（含有二进制内容），请上传 Excel（.xlsx）或 CSV 文件 (%s is not a text table: it has binary content)", name, name))
}

// looksLikeText reports whether a decoded prefix is text: it has no NUL,
// and control characters other than tab, line feed, form feed and carriage
// return, with the replacement characters left by undecodable bytes, are
// at most 3 or at most 1% of it. Text has next to none — a stray bad byte
// is a row error, not a reason to refuse the file — while a binary file has
// them everywhere.
func looksLikeText(p []byte) bool {
	bad, total := 0, 0
	for len(p) > 0 {
		if !utf8.FullRune(p) {
			break // a rune cut by the end of the prefix
		}
		r, size := utf8.DecodeRune(p)
		p = p[size:]
		total++
		switch {
		case r == 0:
			return false
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f', r == 0x7F, r == utf8.RuneError:
			bad++
		}
	}
	return bad <= 3 || bad*100 <= total
}

// sniffDelimiter looks at the first non-blank line: a comma anywhere
// outside quotes makes it comma-separated, else a tab, else a semicolon,
// else (a single column) a comma.
func sniffDelimiter(p []byte) rune {
	var line []byte
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			line, p = p, nil
		} else {
			line, p = p[:i], p[i+1:]
		}
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
	}
	count := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == '\t' || c == ';'):
			count[c]++
		}
	}
	for _, d := range []byte{',', '\t', ';'} {
		if count[d] > 0 {
			return rune(d)
		}
	}
	return ','
}

func (c *csvReader) Source() Source {
	s := c.src
	if s.Encoding == "UTF-8" || s.Encoding == "GB18030" {
		s.Encoding = c.text.encoding()
	}
	return s
}

func (c *csvReader) Close() error { return nil }

func (c *csvReader) Next() (Row, error) {
	for c.err == nil {
		c.text.rowBytes = 0
		rec, err := c.cr.Read()
		if err != nil {
			err = c.readError(err)
			if e, ok := err.(*Error); ok && e.Row > 0 {
				return Row{}, err // that row only: the next call goes on after it
			}
			c.err = err
			break
		}
		start, _ := c.cr.FieldPos(0)
		last, _ := c.cr.FieldPos(len(rec) - 1)
		// Blank lines are rows in a spreadsheet but encoding/csv skips
		// them: count them from the gap between records.
		c.row += start - c.endLine
		c.endLine = last + strings.Count(rec[len(rec)-1], "\n")
		cells := cleanCells(rec)
		if cells == nil {
			continue
		}
		c.rows++
		if c.text.mode == modeGB18030 || c.text.mode == modeDecoder {
			for _, cell := range cells {
				if strings.ContainsRune(cell, utf8.RuneError) {
					return Row{}, rowError(ErrEncoding, c.row, nil, fmt.Sprintf(
						"第%d行有无法识别的字符：文件的编码不是 %s，请另存为 UTF-8 的 CSV 再上传 (row %d has bytes that are not %s: save the file as UTF-8 CSV)",
						c.row, c.text.encoding(), c.row, c.text.encoding()))
				}
			}
		}
		return Row{Number: c.row, Cells: cells}, nil
	}
	return Row{}, c.err
}

// rowAt is the row number of physical line n, past the last record read.
func (c *csvReader) rowAt(line int) int {
	return c.row + max(line-c.endLine, 1)
}

// readError turns an error from encoding/csv into one for people. A row
// that cannot be read is skipped, so reading can go on after it; the
// counters move past it.
func (c *csvReader) readError(err error) error {
	if err == io.EOF {
		if c.rows == 0 {
			return fileError(ErrEmpty, nil, fmt.Sprintf("文件“%s”里没有任何数据 (%s has no data)", c.src.Name, c.src.Name))
		}
		return io.EOF
	}
	var (
		enc  *encodingError
		long *tooLongError
		pe   *csv.ParseError
	)
	switch {
	case errors.As(err, &enc):
		row := c.rowAt(enc.line)
		c.row, c.endLine = row, enc.line
		c.text.resume()
		return rowError(ErrEncoding, row, err, fmt.Sprintf(
			"第%d行有不是 UTF-8 编码的字节：文件的编码前后不一致（常见于拼接的文件）或文件已损坏，请整个另存为 UTF-8 的 CSV 再上传 (row %d has bytes that are not UTF-8: the file mixes encodings or is damaged; save it as UTF-8 CSV)",
			row, row))
	case errors.As(err, &long):
		// This ends the reading. The record began after the last one
		// read; blank rows between them, if any, are not counted here.
		row := c.row + 1
		return fileError(ErrTooLarge, err, fmt.Sprintf(
			"从第%d行起的一行超过 %d MiB，可能是英文双引号没有闭合 (the row from row %d on is over %d MiB: probably an unclosed quote)",
			row, maxRowBytes>>20, row, maxRowBytes>>20))
	case errors.As(err, &pe):
		row := c.rowAt(pe.StartLine)
		c.row, c.endLine = row, pe.Line
		return rowError(ErrCorrupt, row, err, fmt.Sprintf(
			"第%d行的英文双引号不成对，无法分列：请检查该行，或在 Excel 中打开后重新另存为 CSV (row %d: quotes do not pair up)",
			row, row))
	}
	return fmt.Errorf("read %s: %w", c.src.Name, err)
}

// textStream turns the bytes of a CSV into UTF-8 text. A file without a
// BOM is read as plain ASCII until its first non-ASCII byte, and the
// encoding is chosen there, from up to 64 KiB that follow: UTF-8 when they
// are mostly valid UTF-8, GB18030 (a superset of GBK and GB2312) otherwise.
// Deciding at the first non-ASCII byte rather than at the start of the
// file gets right a GBK file whose first rows happen to be ASCII. Once
// UTF-8 is chosen every later byte is still checked, and an invalid one
// stops the reading with the line it is on, rather than passing garbage on.
//
// It also counts lines and the bytes of the current record, which bounds
// what one record can make encoding/csv buffer.
type textStream struct {
	raw      *bufio.Reader // the file after any BOM
	mode     int
	dec      io.Reader // for modeGB18030 and modeDecoder
	line     int       // the line of the next byte returned
	rowBytes int       // bytes returned since csvReader last reset it
	carry    [utf8.UTFMax - 1]byte
	ncarry   int   // bytes of a UTF-8 sequence cut by the end of the last read
	skip     bool  // drop the rest of the current line first (after resume)
	err      error // returned until resume, for good unless an encoding error
}

const (
	modeUndecided = iota // ASCII so far
	modeUTF8
	modeGB18030
	modeDecoder // UTF-16, chosen by its BOM
)

func (t *textStream) encoding() string {
	switch t.mode {
	case modeGB18030:
		return "GB18030"
	case modeDecoder:
		return "UTF-16"
	}
	return "UTF-8"
}

type encodingError struct{ line int }

func (e *encodingError) Error() string { return fmt.Sprintf("line %d: invalid UTF-8", e.line) }

type tooLongError struct{ line int }

func (e *tooLongError) Error() string {
	return fmt.Sprintf("line %d: record over %d bytes", e.line, maxRowBytes)
}

func isTextError(err error) bool {
	var enc *encodingError
	var long *tooLongError
	return errors.As(err, &enc) || errors.As(err, &long)
}

func (t *textStream) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if t.skip {
		if err := t.skipLine(); err != nil {
			return 0, err
		}
	}
	var n int
	switch t.mode {
	case modeGB18030, modeDecoder:
		n, t.err = t.dec.Read(p)
	default:
		n, t.err = t.readUTF8(p)
	}
	t.line += bytes.Count(p[:n], []byte{'\n'})
	t.rowBytes += n
	if t.rowBytes > maxRowBytes && t.err == nil {
		t.err = &tooLongError{line: t.line}
	}
	if n == 0 {
		return 0, t.err
	}
	return n, nil // an error waits for the next call, after these bytes are used
}

// resume goes on after an encoding error, from the line after the bad byte.
// Until it is called the error is returned again: bufio hands a read error
// over once, and the one that reaches encoding/csv must be the one csvReader
// sees.
func (t *textStream) resume() {
	var enc *encodingError
	if errors.As(t.err, &enc) {
		t.err, t.skip, t.ncarry = nil, true, 0
	}
}

// skipLine drops the rest of the line with the bad byte.
func (t *textStream) skipLine() error {
	for {
		_, err := t.raw.ReadSlice('\n')
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			t.line++
		case io.EOF:
		default:
			return err
		}
		t.skip = false
		return nil
	}
}

// readUTF8 copies bytes from raw to p: only ASCII while undecided, checked
// UTF-8 once decided. A rune cut by the end of p is checked when the rest
// of it arrives (carry): bufio asks for as little as one byte at a time
// when its buffer is nearly full.
func (t *textStream) readUTF8(p []byte) (int, error) {
	if t.raw.Buffered() == 0 {
		if _, err := t.raw.Peek(1); err != nil {
			if err == io.EOF && t.ncarry > 0 {
				return 0, &encodingError{line: t.line} // the file ends inside a character
			}
			return 0, err
		}
	}
	if t.mode == modeUndecided {
		b, _ := t.raw.Peek(min(len(p), t.raw.Buffered()))
		i := 0
		for i < len(b) && b[i] < utf8.RuneSelf {
			i++
		}
		if i > 0 {
			n := copy(p, b[:i])
			t.raw.Discard(n)
			return n, nil
		}
		t.decide()
		if t.mode == modeGB18030 {
			return t.dec.Read(p)
		}
	}
	// Peek again: decide may have moved the buffer.
	b, _ := t.raw.Peek(min(len(p), t.raw.Buffered()))
	i := 0
	if t.ncarry > 0 {
		var r [utf8.UTFMax]byte
		copy(r[:], t.carry[:t.ncarry])
		m := copy(r[t.ncarry:], b)
		switch rn, size := utf8.DecodeRune(r[:t.ncarry+m]); {
		case !utf8.FullRune(r[:t.ncarry+m]):
			t.ncarry += copy(t.carry[t.ncarry:], b) // still cut: all of b belongs to it
			i = len(b)
		case rn == utf8.RuneError && size == 1:
			return 0, &encodingError{line: t.line}
		default:
			i, t.ncarry = size-t.ncarry, 0
		}
	}
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(b[i:]) {
			t.ncarry = copy(t.carry[:], b[i:])
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			// Hand over the complete lines before the bad byte, so that
			// every good row before it is still read, then fail.
			line := t.line + bytes.Count(b[:i], []byte{'\n'})
			n := copy(p, b[:bytes.LastIndexByte(b[:i], '\n')+1])
			t.raw.Discard(n)
			return n, &encodingError{line: line}
		}
		i += size
	}
	n := copy(p, b)
	t.raw.Discard(n)
	return n, nil
}

// decide chooses the encoding at the first non-ASCII byte from the bytes
// that follow: valid multi-byte UTF-8 sequences are common in UTF-8 text
// and rare by chance in GBK, where most byte pairs are invalid UTF-8.
func (t *textStream) decide() {
	w, _ := t.raw.Peek(sniffSize)
	valid, invalid := 0, 0
	for i := 0; i < len(w); {
		if w[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(w[i:]) {
			break // cut by the end of the window or of the file: no evidence either way
		}
		r, size := utf8.DecodeRune(w[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	if valid > 4*invalid {
		t.mode = modeUTF8
		return
	}
	t.mode = modeGB18030
	t.dec = transform.NewReader(t.raw, simplifiedchinese.GB18030.NewDecoder())
}
