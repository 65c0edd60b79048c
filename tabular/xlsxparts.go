package tabular

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The parts of a workbook the reader needs besides the sheet: which sheets
// there are and where (workbook.xml and its relationships), how numbers
// are shown (styles.xml) and the shared-string table. The small parts are
// decoded with encoding/xml; the shared-string table, as large as the
// sheet, with xmlScanner.

// book is an opened workbook.
type book struct {
	parts    map[string]*zip.File // by name, \ turned into /
	sheets   []bookSheet
	date1904 bool
	formats  []*numFormat // by cell style (cellXfs index); nil: shown as stored
	strings  *sharedStrings
}

type bookSheet struct {
	name   string
	hidden bool
	path   string // the worksheet part; "" if the relationship is missing
}

func openBook(zr *zip.Reader) (*book, error) {
	b := &book{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		b.parts[strings.ReplaceAll(f.Name, `\`, "/")] = f
	}
	wbPath := "xl/workbook.xml"
	var rootRels xmlRels
	if err := b.decode("_rels/.rels", &rootRels); err != nil {
		return nil, err
	}
	for _, r := range rootRels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	var wb struct {
		Pr struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			ID    string `xml:"id,attr"` // r:id
		} `xml:"sheets>sheet"`
	}
	if b.part(wbPath) == nil {
		return nil, errors.New("no workbook part " + wbPath)
	}
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, err
	}
	var rels xmlRels
	dir := path.Dir(wbPath)
	if err := b.decode(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), &rels); err != nil {
		return nil, err
	}
	b.date1904 = wb.Pr.Date1904
	for _, s := range wb.Sheets {
		sh := bookSheet{name: s.Name, hidden: s.State != "" && s.State != "visible"}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				sh.path = partPath(dir, r.Target)
			}
		}
		b.sheets = append(b.sheets, sh)
	}
	b.formats = b.readStyles()
	return b, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// partPath resolves a relationship target: relative to the workbook's
// folder, or from the root when it starts with a slash.
func partPath(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(dir+"/"+target), "/")
}

// part finds a part by name; producers disagree on the case of some.
func (b *book) part(name string) *zip.File {
	if f, ok := b.parts[name]; ok {
		return f
	}
	for n, f := range b.parts {
		if strings.EqualFold(n, name) {
			return f
		}
	}
	return nil
}

// decode decodes a small part into v; a missing part leaves v empty.
func (b *book) decode(name string, v any) error {
	f := b.part(name)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readStyles returns the number format of each cell style. A styles part
// that cannot be read leaves every number as stored, as excelize does.
func (b *book) readStyles() []*numFormat {
	var ss struct {
		NumFmts []struct {
			ID     int    `xml:"numFmtId,attr"`
			Code   string `xml:"formatCode,attr"`
			Code16 string `xml:"http://schemas.microsoft.com/office/spreadsheetml/2015/02/main formatCode16,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.decode("xl/styles.xml", &ss); err != nil {
		return nil
	}
	byID := map[int]*numFormat{}
	formats := make([]*numFormat, len(ss.Xfs))
	for i, xf := range ss.Xfs {
		id := xf.NumFmtID
		if f, ok := byID[id]; ok {
			formats[i] = f
			continue
		}
		code, ok := "", false
		for _, nf := range ss.NumFmts {
			if nf.ID == id {
				code, ok = nf.Code, true
				if nf.Code16 != "" {
					code = nf.Code16
				}
				break
			}
		}
		if !ok {
			code, ok = builtinFormat(id)
		}
		if ok {
			byID[id] = parseNumFormat(code)
		} else {
			byID[id] = nil
		}
		formats[i] = byID[id]
	}
	return formats
}

// --- shared strings ----------------------------------------------------------

// Limits on the shared-string table, which is held whole: cells refer to
// it by index.
const (
	// sstInMemory: text beyond this goes to a temporary file.
	sstInMemory = 64 << 20
	// maxSharedStrings bounds the index kept in memory (4 bytes a string).
	maxSharedStrings = 16 << 20
	sstChunk         = 1 << 20
)

// sharedStrings holds the table's strings end to end, in 1 MiB chunks
// (no copy of the whole as it grows) or, past sstInMemory, in a temporary
// file; ends[i] is where string i ends.
type sharedStrings struct {
	ends   []uint32
	chunks [][]byte
	size   int64 // bytes of text
	file   *os.File
	w      *bufio.Writer // to file while loading
	budget int64
	bad    map[int]bool // strings that are not UTF-8
}

func (t *sharedStrings) add(s []byte) error {
	if len(t.ends) >= maxSharedStrings || t.size+int64(len(s)) > maxUnzipped {
		return errSharedStringsTooLarge
	}
	if !utf8.Valid(s) {
		if t.bad == nil {
			t.bad = map[int]bool{}
		}
		t.bad[len(t.ends)] = true
	}
	if t.file == nil && t.size+int64(len(s)) > t.budget {
		if err := t.spill(); err != nil {
			return err
		}
	}
	if t.w != nil {
		if _, err := t.w.Write(s); err != nil {
			return fmt.Errorf("shared strings temporary file: %w", err)
		}
	} else {
		for rest := s; len(rest) > 0; {
			if len(t.chunks) == 0 || len(t.chunks[len(t.chunks)-1]) == sstChunk {
				t.chunks = append(t.chunks, make([]byte, 0, sstChunk))
			}
			c := &t.chunks[len(t.chunks)-1]
			n := min(len(rest), sstChunk-len(*c))
			*c = append(*c, rest[:n]...)
			rest = rest[n:]
		}
	}
	t.size += int64(len(s))
	t.ends = append(t.ends, uint32(t.size))
	return nil
}

var errSharedStringsTooLarge = errors.New("shared-string table too large")

// spill moves the text to a temporary file.
func (t *sharedStrings) spill() error {
	f, err := os.CreateTemp("", "suiji-sst-*")
	if err != nil {
		return fmt.Errorf("shared strings temporary file: %w", err)
	}
	t.file, t.w = f, bufio.NewWriterSize(f, 64<<10)
	for _, c := range t.chunks {
		if _, err := t.w.Write(c); err != nil {
			return fmt.Errorf("shared strings temporary file: %w", err)
		}
	}
	t.chunks = nil
	return nil
}

func (t *sharedStrings) done() error {
	if t.w != nil {
		if err := t.w.Flush(); err != nil {
			return fmt.Errorf("shared strings temporary file: %w", err)
		}
		t.w = nil
	}
	return nil
}

func (t *sharedStrings) len() int {
	if t == nil {
		return 0
	}
	return len(t.ends)
}

// get returns string i; ok is false if it is not UTF-8.
func (t *sharedStrings) get(i int) (string, bool, error) {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	end := t.ends[i]
	if t.bad[i] {
		return "", false, nil
	}
	if start == end {
		return "", true, nil
	}
	if t.file != nil {
		buf := make([]byte, end-start)
		if _, err := t.file.ReadAt(buf, int64(start)); err != nil {
			return "", false, fmt.Errorf("shared strings temporary file: %w", err)
		}
		return string(buf), true, nil
	}
	c, off := start/sstChunk, start%sstChunk
	if off+(end-start) <= sstChunk {
		return string(t.chunks[c][off : off+end-start]), true, nil
	}
	var b strings.Builder
	b.Grow(int(end - start))
	for n := end - start; n > 0; c, off = c+1, 0 {
		k := min(n, sstChunk-off)
		b.Write(t.chunks[c][off : off+k])
		n -= k
	}
	return b.String(), true, nil
}

func (t *sharedStrings) close() error {
	if t == nil || t.file == nil {
		return nil
	}
	err := t.file.Close()
	if rerr := os.Remove(t.file.Name()); err == nil {
		err = rerr
	}
	t.file = nil
	return err
}

// readSharedStrings reads the table at xl/sharedStrings.xml; a workbook
// without one has none.
func (b *book) readSharedStrings() (*sharedStrings, error) {
	t := &sharedStrings{budget: sstInMemory}
	f := b.part("xl/sharedStrings.xml")
	if f == nil {
		return t, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if err := t.load(newXMLScanner(rc, maxRowBytes)); err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

func (t *sharedStrings) load(sc *xmlScanner) error {
	var rt richText
	for {
		err := sc.next()
		if err == io.EOF {
			return t.done()
		}
		if err != nil {
			return err
		}
		switch {
		case sc.is(tagStart, "sst"):
			if n, ok := sc.attr("uniqueCount"); ok {
				if n, err := strconv.Atoi(string(n)); err == nil && n > 0 {
					t.ends = make([]uint32, 0, min(n, 1<<20))
				}
			}
		case sc.is(tagEmpty, "si"):
			if err := t.add(nil); err != nil {
				return err
			}
		case sc.is(tagStart, "si"):
			s, err := rt.read(sc)
			if err != nil {
				return err
			}
			if err := t.add(s); err != nil {
				return err
			}
		}
	}
}

// richText reads the string of a shared-string item or an inline string
// (<si>, <is>): the text of its <t>, then that of each run's <t>, with
// phonetic runs (<rPh>) left out; as excelize does, a <t> given twice
// counts once, the last.
type richText struct {
	t, runs, run, out []byte
}

// read reads the element whose start tag was read last; the slice it
// returns is valid until the next call.
func (rt *richText) read(sc *xmlScanner) ([]byte, error) {
	rt.t, rt.runs = rt.t[:0], rt.runs[:0]
	for {
		if err := sc.next(); err != nil {
			return nil, unexpected(err)
		}
		var err error
		switch {
		case sc.kind == tagEnd:
			rt.out = bstrUnescape(append(rt.out[:0], rt.t...), rt.runs)
			return rt.out, nil
		case string(sc.name) == "t":
			rt.t, err = sc.text(rt.t[:0])
		case sc.is(tagStart, "r"):
			rt.run = rt.run[:0]
			for err == nil {
				if err = sc.next(); err != nil {
					err = unexpected(err)
					break
				}
				if sc.kind == tagEnd {
					break
				}
				if string(sc.name) == "t" {
					rt.run, err = sc.text(rt.run[:0])
				} else {
					err = sc.skip()
				}
			}
			rt.runs = append(rt.runs, rt.run...)
		default:
			err = sc.skip()
		}
		if err != nil {
			return nil, err
		}
	}
}

// bstrUnescape appends more to dst and decodes the _xHHHH_ escapes with
// which Excel writes characters XML cannot hold (_x000D_ is a carriage
// return; _x005F_ an underscore, so _x005F_x000D_ is the text
// "_x000D_"). An escape of an invalid character is dropped, as excelize
// drops it.
func bstrUnescape(dst, more []byte) []byte {
	dst = append(dst, more...)
	i := bytes.Index(dst, []byte("_x"))
	if i < 0 {
		return dst
	}
	out := dst[:i]
	for i < len(dst) {
		if dst[i] == '_' && i+7 <= len(dst) && dst[i+1] == 'x' && dst[i+6] == '_' && isHex(dst[i+2:i+6]) {
			n, _ := strconv.ParseUint(string(dst[i+2:i+6]), 16, 32)
			if r := rune(n); utf8.ValidRune(r) {
				out = utf8.AppendRune(out, r)
			}
			i += 7
			continue
		}
		out = append(out, dst[i])
		i++
	}
	return out
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
