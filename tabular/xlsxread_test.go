package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// Tests of the XLSX reader's own behaviour: what excelize does not do, or
// does differently (see xlsxdiff_test.go for what it must do alike).

// replacePart returns the workbook data with part name's content replaced
// (or added), written as given.
func replacePart(t *testing.T, data []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const plainXfs = `<xf numFmtId="0"/><xf numFmtId="14"/>`

func TestReadXLSXErrors(t *testing.T) {
	good := `<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>`
	book := func(rows string) []byte { return rawXLSX(t, good+rows, "", "", plainXfs) }
	sheet := func(xml string) []byte {
		return replacePart(t, book(""), "xl/worksheets/sheet1.xml", xml)
	}
	// A copy whose sheet data is damaged in the middle of the deflate
	// stream.
	damaged := func() []byte {
		var rows strings.Builder
		for i := 2; i < 3000; i++ {
			fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i*7919%10007)
		}
		data := book(rows.String())
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				off, _ := f.DataOffset()
				data[off+int64(f.CompressedSize64)/2] ^= 0xFF
			}
		}
		return data
	}()
	tests := []struct {
		name string
		data []byte
		want []int // row numbers read, negative for row errors
		kind error // the error that ends the reading, nil for io.EOF
	}{
		{"bad cell reference: that row only", book(`<row r="2"><c r="A2"><v>1</v></c><c r="B"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`), []int{1, -2, 3}, nil},
		{"text that is not UTF-8", book("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>\xff\xfe</t></is></c></row><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>"), []int{1, -2, 3}, nil},
		{"shared string that is not UTF-8", replacePart(t, book(`<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>`),
			"xl/sharedStrings.xml", "<sst><si><t>\xe5\x9d</t></si><si><t>好</t></si></sst>"), []int{1, -2, 3}, nil},
		{"row numbers going back", book(`<row r="5"><c r="A5"><v>5</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="7"><c r="A7"><v>7</v></c></row>`), []int{1, 5, -6, 7}, nil},
		{"row number that is not a number", book(`<row r="x"><c r="A2"><v>2</v></c></row><row><c><v>3</v></c></row>`), []int{1, -2, 3}, nil},
		{"row past Excel's last", book(`<row r="2"><c r="A2"><v>2</v></c></row><row r="1048577"><c r="A1048577"><v>1</v></c></row>`), []int{1, 2}, ErrTooLarge},
		{"sheet cut in the middle of a row", sheet(`<worksheet><sheetData>` + good + `<row r="2"><c r="A2"><v>2`), []int{1}, ErrCorrupt},
		{"sheet cut inside a tag", sheet(`<worksheet><sheetData>` + good + `<row r="2"><c r="A`), []int{1}, ErrCorrupt},
		{"sheet without its end tags", sheet(`<worksheet><sheetData>` + good), []int{1}, nil},
		{"damaged deflate stream", damaged, nil, ErrCorrupt},
		{"cell past 16 MiB", book(`<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("长", maxRowBytes/3+1) + `</t></is></c></row>`), []int{1}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			r, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)), "名单.xlsx")
			if err == nil {
				defer r.Close()
				for range 10000 {
					var row Row
					if row, err = r.Next(); err != nil {
						var e *Error
						if errors.As(err, &e) && e.Row > 0 {
							got = append(got, -e.Row)
							continue
						}
						break
					}
					got = append(got, row.Number)
				}
			}
			if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
			if tt.kind == nil && err != io.EOF || tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Fatalf("ended with %v, want %v", err, tt.kind)
			}
			var e *Error
			if tt.kind != nil && (!errors.As(err, &e) || e.Row != 0 || !strings.Contains(e.Message, "名单.xlsx") || !strings.Contains(e.Message, " (")) {
				t.Errorf("want a whole-file *Error naming the file, Chinese then English: %#v", err)
			}
		})
	}
}

func TestReadXLSXMissingSheetPart(t *testing.T) {
	data := replacePart(t, rawXLSX(t, "", "", "", plainXfs), "xl/_rels/workbook.xml.rels",
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/nowhere.xml"/></Relationships>`)
	if _, _, err := readAll(t, data, "x.xlsx"); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
}

// TestReadXLSXSheetTarget: the sheet is found through the workbook's
// relationships, whatever its part is called.
func TestReadXLSXSheetTarget(t *testing.T) {
	data := rawXLSX(t, `<row r="1"><c r="A1"><v>1</v></c></row>`, "", "", plainXfs)
	data = replacePart(t, data, "xl/_rels/workbook.xml.rels",
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/../data/名单.xml"/></Relationships>`)
	data = replacePart(t, data, "xl/data/名单.xml", `<worksheet><sheetData><row r="4"><c r="B4" t="inlineStr"><is><t>found</t></is></c></row></sheetData></worksheet>`)
	rows := sameAsExcelize(t, data)
	if want := []Row{{4, []string{"", "found"}}}; !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %+v, want %+v", rows, want)
	}
}

// TestReadXLSXLenientText: references encoding/xml refuses are kept as
// written (excelize drops the cell and the rest of its row).
func TestReadXLSXLenientText(t *testing.T) {
	data := rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>&unknown; &amp &#0; &#xFFFFFF; &#x41;</t></is></c><c r="B1"><v>2</v></c></row>`, "", "", plainXfs)
	rows, _, err := readAll(t, data, "x.xlsx")
	if want := []Row{{1, []string{"&unknown; &amp &#0; &#xFFFFFF; A", "2"}}}; err != nil || !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %+v, %v; want %+v", rows, err, want)
	}
}

// TestSheetReaderSmallReads reads sheets a few bytes at a time, so that
// tags, text, references, CDATA and line ends are cut between reads, and
// checks the rows are those of a whole read.
func TestSheetReaderSmallReads(t *testing.T) {
	var rows strings.Builder
	rows.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &#x4E2D;&#25991; &lt;tag&gt;` + "x\r\ny\rz" + `</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="1"><v>45000</v></c></row>`)
	rows.WriteString(`<!-- comment --><?pi x?><row r="3" spans="1:2"><c r="A3"><v><![CDATA[12` + "\r\n" + `]]></v></c><c r="C3" t="inlineStr"><is><r><t>富</t></r><rPh><t>x</t></rPh><r><t xml:space="preserve"> 文本 </t></r></is></c></row>`)
	for i := 4; i < 200; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>福州某某有限公司%d</t></is></c><c r="B%d"><v>%d.5</v></c></row>`, i, i, i, i, i)
	}
	sheetXML := `<?xml version="1.0"?>` + "\n" + `<worksheet><sheetData>` + rows.String() + `</sheetData></worksheet>`
	data := rawXLSX(t, "", `<si><t>共享&amp;字符串</t></si>`, "", plainXfs)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBook(zr)
	if err != nil {
		t.Fatal(err)
	}
	if b.strings, err = b.readSharedStrings(); err != nil {
		t.Fatal(err)
	}
	read := func(r io.Reader) (out [][]string) {
		s := newSheetReader(b, io.NopCloser(r))
		for {
			n, cells, err := s.next()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatalf("row after %d: %v", s.row, err)
			}
			out = append(out, append([]string{fmt.Sprint(n)}, cells...))
		}
	}
	want := read(strings.NewReader(sheetXML))
	if len(want) != 198 || want[0][1] != "a & b 中文 <tag>x\ny\nz" || want[0][2] != "共享&字符串" || want[0][3] != "2023/3/15" ||
		want[1][1] != "12\n" || want[1][3] != "富 文本 " {
		t.Fatalf("whole read: %q", want[:2])
	}
	for name, r := range map[string]io.Reader{
		"one byte":  iotest.OneByteReader(strings.NewReader(sheetXML)),
		"half":      iotest.HalfReader(strings.NewReader(sheetXML)),
		"data+EOF":  iotest.DataErrReader(strings.NewReader(sheetXML)),
		"3 at most": &shortReader{r: strings.NewReader(sheetXML), n: 3},
		"7 at most": &shortReader{r: strings.NewReader(sheetXML), n: 7},
	} {
		if got := read(r); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rows differ from a whole read", name)
		}
	}
}

type shortReader struct {
	r io.Reader
	n int
}

func (s *shortReader) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), s.n)]) }

func TestXMLScannerLimit(t *testing.T) {
	long := `<row><c><v>` + strings.Repeat("9", 1000) + `</v></c></row>`
	sc := newXMLScanner(strings.NewReader(long), 100)
	sc.buf = make([]byte, 16)
	if err := sc.next(); err != nil {
		t.Fatal(err)
	}
	sc.next()
	sc.next()
	if _, err := sc.text(nil); !errors.Is(err, errXMLTooLong) {
		t.Fatalf("long text: %v", err)
	}
	sc = newXMLScanner(strings.NewReader(`<c r="`+strings.Repeat("A", 1000)+`">`), 100)
	sc.buf = make([]byte, 16)
	if err := sc.next(); !errors.Is(err, errXMLTooLong) {
		t.Fatalf("long tag: %v", err)
	}
}

// TestSharedStringsSpill: past its budget the table goes to a temporary
// file, which Close removes.
func TestSharedStringsSpill(t *testing.T) {
	tab := &sharedStrings{budget: 10}
	want := []string{"", "福州", strings.Repeat("长", sstChunk), "x", "最后"}
	for _, s := range want {
		if err := tab.add([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tab.done(); err != nil {
		t.Fatal(err)
	}
	if tab.file == nil || tab.chunks != nil {
		t.Fatal("table did not spill")
	}
	name := tab.file.Name()
	for i, w := range want {
		if got, ok, err := tab.get(i); err != nil || !ok || got != w {
			t.Errorf("string %d: %.20q %v %v", i, got, ok, err)
		}
	}
	if err := tab.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left: %v", err)
	}
}

// TestSharedStringsChunks: strings that straddle the 1 MiB chunks of the
// in-memory table read back whole.
func TestSharedStringsChunks(t *testing.T) {
	tab := &sharedStrings{budget: sstInMemory}
	var want []string
	for i := 0; tab.size < 3*sstChunk; i++ {
		s := strings.Repeat(string(rune('a'+i%26)), 1+i*7919%70000)
		want = append(want, s)
		if err := tab.add([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	for i, w := range want {
		if got, _, _ := tab.get(i); got != w {
			t.Fatalf("string %d of %d bytes differs", i, len(w))
		}
	}
}

// FuzzXLSXSheet feeds arbitrary sheet XML to the reader: it never panics,
// cells are UTF-8, and row numbers, of rows and of row errors alike, only
// grow.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>45000</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>`)
	f.Add(`<row r="2"><c r="B2"><v>1&amp;<![CDATA[2]]></v></c></row><row r="2"/><row r="x"><c r="$A$9"><f>1</f></c></row>`)
	f.Add(`<row r="3"><c r="A3" t="b"><v>1</v></c><c t="d"><v>2023-03-15T00:00:00Z</v></c><c t="e"><v>#N/A</v></c></row><!--`)
	f.Fuzz(func(t *testing.T, rows string) {
		data := rawXLSX(t, rows, `<si><t>a</t></si>`, `<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>`, plainXfs+`<xf numFmtId="164"/>`)
		r, err := Open(bytes.NewReader(data), int64(len(data)), "f.xlsx")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Open: %v is not an *Error", err)
			}
			return
		}
		defer r.Close()
		last := 0
		for range 100000 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Next: %v is not an *Error", err)
				}
				if e.Row == 0 {
					return
				}
				if e.Row <= last {
					t.Fatalf("row error %d after row %d", e.Row, last)
				}
				last = e.Row
				continue
			}
			if row.Number <= last {
				t.Fatalf("row %d after row %d", row.Number, last)
			}
			last = row.Number
			for _, c := range row.Cells {
				if !utf8ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		t.Fatal("no end after 100000 calls")
	})
}

func utf8ValidString(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
