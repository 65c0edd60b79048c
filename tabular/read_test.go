package tabular

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/suiji-dev/suiji/fault"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// readAll opens data and reads rows until io.EOF or an error.
func readAll(t *testing.T, data []byte, name string) ([]Row, Source, error) {
	t.Helper()
	r, err := Open(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		return nil, Source{}, err
	}
	defer func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, r.Source(), nil
		}
		if err != nil {
			// Errors that are not about one row are final.
			if e, ok := err.(*Error); !ok || e.Row == 0 {
				if _, again := r.Next(); again == nil || again.Error() != err.Error() {
					t.Errorf("Next after %v returned %v", err, again)
				}
			}
			return rows, r.Source(), err
		}
		rows = append(rows, row)
	}
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t *testing.T, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const listCSV = "统一社会信用代码,企业名称,地址\r\n" +
	"91350100M000100Y43,福州某某有限公司,\"福州市鼓楼区五四路1号, 2号楼\"\r\n" +
	"12440600MB2C07549J,佛山市某某中心,广东省佛山市\r\n"

var listRows = []Row{
	{1, []string{"统一社会信用代码", "企业名称", "地址"}},
	{2, []string{"91350100M000100Y43", "福州某某有限公司", "福州市鼓楼区五四路1号, 2号楼"}},
	{3, []string{"12440600MB2C07549J", "佛山市某某中心", "广东省佛山市"}},
}

func TestReadCSV(t *testing.T) {
	long := strings.Repeat("检", 10000)
	asciiHead := strings.Repeat("a,b,c\r\n", 12000) // 84 KiB of ASCII before the first Chinese byte
	asciiRows := make([]Row, 0, 12001)
	for i := range 12000 {
		asciiRows = append(asciiRows, Row{i + 1, []string{"a", "b", "c"}})
	}
	asciiRows = append(asciiRows, Row{12001, []string{"企业", "名称"}})

	tests := []struct {
		name     string
		data     []byte
		want     []Row
		encoding string
		delim    rune
	}{
		{"UTF-8", []byte(listCSV), listRows, "UTF-8", ','},
		{"UTF-8 with BOM", []byte("\uFEFF" + listCSV), listRows, "UTF-8 BOM", ','},
		{"GBK", gbk(t, listCSV), listRows, "GB18030", ','},
		{"GB18030 four-byte character", append(gbk(t, "名称\r\n"), 0x81, 0x30, 0x81, 0x30, '\r', '\n'),
			[]Row{{1, []string{"名称"}}, {2, []string{"\u0080"}}}, "GB18030", ','},
		{"GBK after 84 KiB of ASCII", gbk(t, asciiHead+"企业,名称\r\n"), asciiRows, "GB18030", ','},
		{"UTF-8 after 84 KiB of ASCII", []byte(asciiHead + "企业,名称\r\n"), asciiRows, "UTF-8", ','},
		{"UTF-16LE tab-separated (Excel Unicode text)", utf16le(t, "统一社会信用代码\t企业名称\t地址\r\n"+
			"91350100M000100Y43\t福州某某有限公司\t\"福州市鼓楼区五四路1号, 2号楼\"\r\n"+
			"12440600MB2C07549J\t佛山市某某中心\t广东省佛山市\r\n"), listRows, "UTF-16LE", '\t'},
		{"tab-separated", []byte("名称\t地址\n某某\t福州\n"),
			[]Row{{1, []string{"名称", "地址"}}, {2, []string{"某某", "福州"}}}, "UTF-8", '\t'},
		{"semicolon-separated", []byte("名称;地址\n某某;福州\n"),
			[]Row{{1, []string{"名称", "地址"}}, {2, []string{"某某", "福州"}}}, "UTF-8", ';'},
		{"single column", []byte("名称\n某某\n"),
			[]Row{{1, []string{"名称"}}, {2, []string{"某某"}}}, "UTF-8", ','},
		{"quotes, doubled quotes and a line break in a cell", []byte("a,b\r\n\"x \"\"y\"\"\",\"line1\r\nline2\"\r\nlast,row\r\n"),
			[]Row{{1, []string{"a", "b"}}, {2, []string{`x "y"`, "line1\nline2"}}, {3, []string{"last", "row"}}}, "UTF-8", ','},
		{"blank rows keep the numbering", []byte("h1,h2\n\n1,2\n,,\n  ,\u3000\n\n3,4\n"),
			[]Row{{1, []string{"h1", "h2"}}, {3, []string{"1", "2"}}, {7, []string{"3", "4"}}}, "UTF-8", ','},
		{"header only", []byte("统一社会信用代码,企业名称\r\n"),
			[]Row{{1, []string{"统一社会信用代码", "企业名称"}}}, "UTF-8", ','},
		{"no final line break", []byte("a,b\n1,2"),
			[]Row{{1, []string{"a", "b"}}, {2, []string{"1", "2"}}}, "UTF-8", ','},
		{"trailing empty cells dropped, inner kept", []byte("a,,c,,\n"),
			[]Row{{1, []string{"a", "", "c"}}}, "UTF-8", ','},
		{"stray spaces, NBSP, U+3000 and zero-width characters", []byte(" 名称 ,\u3000地址\u3000,\u00a0x\u00a0,\u200b9135\u200d\ufeff\n"),
			[]Row{{1, []string{"名称", "地址", "x", "9135"}}}, "UTF-8", ','},
		{"escaped formulas read back unescaped", []byte("'=SUM(A1),'+86 138,'-1+1,-12,'abc\n"),
			[]Row{{1, []string{"=SUM(A1)", "+86 138", "-1+1", "-12", "'abc"}}}, "UTF-8", ','},
		{"10,000-character cell", []byte("a,b\n" + long + ",x\n"),
			[]Row{{1, []string{"a", "b"}}, {2, []string{long, "x"}}}, "UTF-8", ','},
		{"ragged rows", []byte("a,b,c\n1\n1,2,3,4\n"),
			[]Row{{1, []string{"a", "b", "c"}}, {2, []string{"1"}}, {3, []string{"1", "2", "3", "4"}}}, "UTF-8", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, src, err := readAll(t, tt.data, "名单.csv")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tt.want) {
				if len(rows) > 5 || len(tt.want) > 5 {
					t.Fatalf("got %d rows, want %d; last %v, want %v", len(rows), len(tt.want), rows[len(rows)-1], tt.want[len(tt.want)-1])
				}
				t.Fatalf("rows:\n got %+v\nwant %+v", rows, tt.want)
			}
			if src.Format != CSV || src.Encoding != tt.encoding || src.Delimiter != tt.delim || src.Name != "名单.csv" {
				t.Errorf("source %+v, want %s %q", src, tt.encoding, tt.delim)
			}
		})
	}
}

func TestReadRefused(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	random := make([]byte, 100<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	noNUL := bytes.ReplaceAll(random, []byte{0}, []byte{1})

	good := excelLike(t, [][]string{{"统一社会信用代码", "企业名称"}, {"91350100M000100Y43", "福州某某有限公司"}})

	var plainZip, docx bytes.Buffer
	for _, z := range []struct {
		buf  *bytes.Buffer
		name string
	}{{&plainZip, "readme.txt"}, {&docx, "word/document.xml"}} {
		zw := zip.NewWriter(z.buf)
		w, _ := zw.Create(z.name)
		io.WriteString(w, "hello")
		zw.Close()
	}

	tests := []struct {
		name string
		data []byte
		kind error
	}{
		{"empty file", nil, ErrEmpty},
		{"BOM only", []byte("\uFEFF"), ErrEmpty},
		{"blank lines only", []byte("\r\n \r\n\u3000\r\n"), ErrEmpty},
		{"empty cells only", []byte(",,,\r\n,,\r\n"), ErrEmpty},
		{"binary named .csv", random, ErrNotSpreadsheet},
		{"binary without NUL bytes", noNUL, ErrNotSpreadsheet},
		{"old .xls (OLE2)", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...), ErrNotSpreadsheet},
		{"PDF", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), ErrNotSpreadsheet},
		{"PNG", []byte("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"), ErrNotSpreadsheet},
		{"HTML table named .xls", []byte("<html><body><table><tr><td>名称</td></tr></table></body></html>"), ErrNotSpreadsheet},
		{"zip that is not a workbook", plainZip.Bytes(), ErrNotSpreadsheet},
		{"Word document", docx.Bytes(), ErrNotSpreadsheet},
		{"XLSX cut in half", good[:len(good)/2], ErrCorrupt},
		{"XLSX with only its first bytes", good[:10], ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := readAll(t, tt.data, "file.csv")
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v (rows %+v), want %v", err, rows, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) || e.Row != 0 {
				t.Fatalf("want a whole-file *Error, got %#v", err)
			}
			if !strings.Contains(e.Message, "file.csv") || !strings.Contains(e.Message, " (") {
				t.Errorf("message should name the file, Chinese then English: %s", e.Message)
			}
			if fe, ok := fault.As(err); !ok || fe.Code != fault.BadInput || fe.Message != e.Message {
				t.Errorf("fault view: %+v", fe)
			}
		})
	}
}

func TestReadRowErrors(t *testing.T) {
	// 100 KiB of good UTF-8 rows, then a GBK one: the good rows are all
	// read, then the row with the bad bytes is named.
	var good strings.Builder
	good.WriteString("名称,地址\r\n")
	for good.Len() < 100<<10 {
		good.WriteString("福州某某有限公司,福州市鼓楼区\r\n")
	}
	goodRows := strings.Count(good.String(), "\n")
	mixed := append([]byte(good.String()), gbk(t, "厦门某某有限公司,厦门市思明区\r\n")...)

	tests := []struct {
		name     string
		data     []byte
		rowsRead int
		kind     error
		row      int
	}{
		{"UTF-8 file turning into GBK", mixed, goodRows, ErrEncoding, goodRows + 1},
		{"invalid UTF-8 in the header", []byte("名称,\xff\xfe地址\n名称,地址\n名称,地址\n名称,地址\n名称,地址\n名称,地址\n"), 0, ErrEncoding, 1},
		{"file ends inside a character", []byte("名称,地址\n名称,地\xe5\x9d"), 1, ErrEncoding, 2},
		{"bare quote", []byte("a,b\n1,2\n3,4\"x\n5,6\n"), 2, ErrCorrupt, 3},
		{"bare quote after a blank row", []byte("a,b\n\n3,4\"x\n"), 1, ErrCorrupt, 3},
		// Ends the reading, so Row is 0; the message names the row.
		{"unclosed quote swallowing the file", []byte("a,b\n1,\"2\n" + strings.Repeat("x,y\n", (maxRowBytes+1<<20)/4)), 1, ErrTooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := readAll(t, tt.data, "名单.csv")
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want %v", err, tt.kind)
			}
			var e *Error
			if !errors.As(err, &e) || e.Row != tt.row {
				t.Fatalf("error at row %d, want %d: %v", e.Row, tt.row, err)
			}
			if len(rows) != tt.rowsRead {
				t.Errorf("read %d rows before the error, want %d", len(rows), tt.rowsRead)
			}
			if e.Row == 0 && !strings.Contains(e.Message, "第2行") {
				t.Errorf("message should name the row: %s", e.Message)
			}
			t.Log(e.Message)
		})
	}
}

func TestReadXLSX(t *testing.T) {
	long := strings.Repeat("检", 10000)
	tests := []struct {
		name  string
		grid  [][]string
		want  []Row
		sheet string
	}{
		{"list with shared strings", [][]string{
			{"统一社会信用代码", "企业名称", "地址"},
			{"91350100M000100Y43", "福州某某有限公司", "福州市鼓楼区五四路1号, 2号楼"},
			{"12440600MB2C07549J", "佛山市某某中心", "广东省佛山市"},
		}, listRows, "Sheet1"},
		{"numbers as Excel stores them", [][]string{
			{"身份证号（文本）", "身份证号（数字）", "非 Excel 写的数字", "金额", "日期", "小数", "零"},
			{"410105199001011234", "#n:4.10105199001011E+17", "#n:410105199001011234", "#n:1234.5", "#d:45000", "#n:0.30000000000000004", "#n:0"},
			{"#t:012345", "#n:12345", "#n:1E-7", "#n:-12", "#d:45000.5", "#n:3.14159", "#n:1.5E+20"},
		}, []Row{
			{1, []string{"身份证号（文本）", "身份证号（数字）", "非 Excel 写的数字", "金额", "日期", "小数", "零"}},
			// Excel keeps 15 significant digits of a number cell: the
			// digits of an ID typed into one are gone from the file.
			{2, []string{"410105199001011234", "410105199001011000", "410105199001011000", "1234.5", "2023/3/15", "0.3", "0"}},
			{3, []string{"012345", "12345", "0.0000001", "-12", "2023/3/15", "3.14159", "150000000000000000000"}},
		}, "Sheet1"},
		{"blank rows keep the numbering", [][]string{
			{"h1", "h2"},
			nil,
			{"1", "2"},
			{"#t:   ", "#t:\u3000"}, // cells of spaces only: blank
			nil,
			{"", "", "3"},
		}, []Row{{1, []string{"h1", "h2"}}, {3, []string{"1", "2"}}, {6, []string{"", "", "3"}}}, "Sheet1"},
		{"trims and escapes like CSV", [][]string{
			{" 名称\u3000", "\u200b地址\u00a0", "'=SUM(A1)"},
		}, []Row{{1, []string{"名称", "地址", "=SUM(A1)"}}}, "Sheet1"},
		{"10,000-character cell", [][]string{{"a", "b"}, {long, "x"}},
			[]Row{{1, []string{"a", "b"}}, {2, []string{long, "x"}}}, "Sheet1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, src, err := readAll(t, excelLike(t, tt.grid), "名单.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tt.want) {
				t.Fatalf("rows:\n got %+v\nwant %+v", rows, tt.want)
			}
			if src.Format != XLSX || src.Sheet != tt.sheet || src.Encoding != "" {
				t.Errorf("source %+v", src)
			}
		})
	}
}

func TestReadXLSXSheets(t *testing.T) {
	var b sheetRows
	empty := ""
	formatted := `<row r="1" ht="20" customHeight="1"/><row r="2"><c r="A2" s="2"/></row>`
	data := b.rows([][]string{{"名称"}, {"某某"}})
	hiddenData := b.rows([][]string{{"下拉选项"}, {"企业"}})
	build := func(sheets ...testSheet) []byte {
		var buf bytes.Buffer
		if err := xlsxBook(&buf, &b, sheets...); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want := []Row{{1, []string{"名称"}}, {2, []string{"某某"}}}

	t.Run("first sheet empty", func(t *testing.T) {
		rows, src, err := readAll(t, build(testSheet{name: "说明", rows: empty}, testSheet{name: "名单", rows: data}), "x.xlsx")
		if err != nil || !reflect.DeepEqual(rows, want) || src.Sheet != "名单" {
			t.Fatalf("got %+v from %q, %v", rows, src.Sheet, err)
		}
	})
	t.Run("first sheet formatted but blank", func(t *testing.T) {
		rows, src, err := readAll(t, build(testSheet{name: "空", rows: formatted}, testSheet{name: "名单", rows: data}), "x.xlsx")
		if err != nil || !reflect.DeepEqual(rows, want) || src.Sheet != "名单" {
			t.Fatalf("got %+v from %q, %v", rows, src.Sheet, err)
		}
	})
	t.Run("hidden sheet skipped", func(t *testing.T) {
		rows, src, err := readAll(t, build(testSheet{name: "选项", hidden: true, rows: hiddenData}, testSheet{name: "名单", rows: data}), "x.xlsx")
		if err != nil || !reflect.DeepEqual(rows, want) || src.Sheet != "名单" {
			t.Fatalf("got %+v from %q, %v", rows, src.Sheet, err)
		}
	})
	t.Run("dangling shared-string reference", func(t *testing.T) {
		// excelize reads a reference past the shared-string table as an
		// empty cell, without an error: the row is blank, the numbering
		// goes on.
		bad := `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>999</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>`
		rows, _, err := readAll(t, build(testSheet{name: "名单", rows: bad}), "x.xlsx")
		if want := []Row{{1, []string{"名称"}}, {3, []string{"某某"}}}; err != nil || !reflect.DeepEqual(rows, want) {
			t.Fatalf("got %+v, %v; want %+v", rows, err, want)
		}
	})
	t.Run("no sheet has data", func(t *testing.T) {
		_, _, err := readAll(t, build(testSheet{name: "a", rows: empty}, testSheet{name: "b", rows: formatted}), "x.xlsx")
		if !errors.Is(err, ErrEmpty) {
			t.Fatalf("got %v, want ErrEmpty", err)
		}
	})
}

// TestReadExcelizeFile reads a workbook that excelize wrote with its
// ordinary (not streaming) API.
func TestReadExcelizeFile(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"统一社会信用代码", "企业名称", "注册资本"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"91350100M000100Y43", "福州某某有限公司", 500})
	f.SetSheetRow("Sheet1", "A4", &[]any{"12440600MB2C07549J", "佛山市某某中心", 12.5})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, _, err := readAll(t, buf.Bytes(), "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{1, []string{"统一社会信用代码", "企业名称", "注册资本"}},
		{2, []string{"91350100M000100Y43", "福州某某有限公司", "500"}},
		{4, []string{"12440600MB2C07549J", "佛山市某某中心", "12.5"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %+v\nwant %+v", rows, want)
	}
}

func TestOpenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "名单.csv")
	if err := os.WriteFile(path, []byte(listCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row, err := r.Next()
	if err != nil || row.Number != 1 || r.Source().Name != "名单.csv" {
		t.Fatalf("got %v %v %+v", row, err, r.Source())
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFile(filepath.Join(t.TempDir(), "missing.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[string]string{
		"4.10105199001011E+17": "410105199001011000",
		"1.5E-07":              "0.00000015",
		"-2.5E+3":              "-2500",
		"1E+5":                 "100000",
		"E+5":                  "E+5",
		"12E":                  "12E",
		"3.5":                  "3.5",
		"型号 1E+5":              "型号 1E+5",
		"1E+5a":                "1E+5a",
		"2023/3/15":            "2023/3/15",
	} {
		if got := plainNumber(in); got != want {
			t.Errorf("plainNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextStreamSmallReads reads through textStream a few bytes at a time,
// as bufio does when its buffer is nearly full, so runes are cut between
// reads.
func TestTextStreamSmallReads(t *testing.T) {
	text := "名称,地址\n福州某某有限公司,𠀀𠀁 emoji 😀\n" + strings.Repeat("检查", 100)
	for size := 1; size <= 5; size++ {
		for _, tt := range []struct {
			name string
			data []byte
			want string
			bad  bool
		}{
			{"UTF-8", []byte(text), text, false},
			{"GBK", gbk(t, "名称,地址\n福州某某\n"), "名称,地址\n福州某某\n", false},
			// Bytes of the bad line before the bad byte may already have
			// gone out in earlier small reads; encoding/csv then gets the
			// error with them.
			{"bad byte on line 2", []byte("名称\n福州\xff某某\n"), "名称\n福州", true},
			{"cut at the end", []byte("名称\n福\xe5\x9d"), "名称\n福\xe5\x9d", true},
		} {
			ts := &textStream{raw: bufio.NewReaderSize(bytes.NewReader(tt.data), sniffSize), line: 1}
			var out []byte
			var err error
			p := make([]byte, size)
			for range 10000 {
				var n int
				n, err = ts.Read(p)
				out = append(out, p[:n]...)
				if err != nil {
					break
				}
			}
			if tt.bad && !(strings.HasPrefix(tt.want, string(out)) && strings.HasPrefix(string(out), "名称\n")) ||
				!tt.bad && string(out) != tt.want {
				t.Errorf("%s, reads of %d: got %q, want %q", tt.name, size, out, tt.want)
			}
			var enc *encodingError
			if got := errors.As(err, &enc); got != tt.bad || (!tt.bad && err != io.EOF) {
				t.Errorf("%s, reads of %d: error %v", tt.name, size, err)
			}
		}
	}
}

// FuzzOpen feeds Open arbitrary bytes: it never panics, and every error is
// a *Error a person can read, or io.EOF.
func FuzzOpen(f *testing.F) {
	f.Add([]byte(listCSV))
	f.Add([]byte("\uFEFF" + listCSV))
	f.Add([]byte("a,\"b\nc\"\"d\",e\r\n\r\n,,\n"))
	f.Add([]byte("名称\t地址\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, '\n', 0})
	f.Add([]byte("名称,\xff\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte("a,b\n1,2\"x\n\n\"3\n\"\"\",4\n"))
	f.Add([]byte("名称\n福\xff州\n\"泉\xfe\n州\"\n漳州\xe5"))
	gbkHead, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("名称,地址\n"))
	f.Add(append(gbkHead, 0x81, 0x20, '\n', 'x'))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data), int64(len(data)), "f.csv")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Open: %v is not an *Error", err)
			}
			return
		}
		defer r.Close()
		// Like an importer: go on past row errors. Row numbers, of rows
		// and of row errors alike, only ever grow.
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
			if len(row.Cells) == 0 || row.Number <= last {
				t.Fatalf("bad row %+v after row %d", row, last)
			}
			last = row.Number
			for _, c := range row.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		t.Fatal("no end after 100000 calls")
	})
}

// TestReadPastRowErrors: a row that cannot be read is reported with its
// number and the rows after it are still read, as an importer needs to
// list every bad row in one pass.
func TestReadPastRowErrors(t *testing.T) {
	var long strings.Builder
	long.WriteString("名称,地址\n福州,x\n")
	for long.Len() < 200<<10 {
		long.WriteString("福州某某有限公司,福州市鼓楼区\n")
	}
	n := strings.Count(long.String(), "\n")
	tests := []struct {
		name string
		data []byte
		want []int // row numbers, negative for errors
		kind error
	}{
		{"bare quotes", []byte("a,b\n1,2\n3,4\"x\n\n5,6\n7,\"8\"9\"\n10,11\n"), []int{1, 2, -3, 5, -6, 7}, ErrCorrupt},
		{"bad bytes", []byte("名称,地址\n福州,x\n厦门\xff,y\n\n泉州,z\n漳\xfe州\n莆田,w"), []int{1, 2, -3, 5, -6, 7}, ErrEncoding},
		{"bad bytes after 200 KiB", append([]byte(long.String()), "厦门\xff,y\n泉州,z\n"...), append(seq(1, n), -(n + 1), n+2), ErrEncoding},
		{"GBK rows with undecodable bytes", append(gbk(t, "名称,地址\n福州,x\n"), []byte("\x81\x20,y\n泉州,z\n")...), []int{1, 2, -3, 4}, ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)), "名单.csv")
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var got []int
			for range 10000 {
				row, err := r.Next()
				if err == io.EOF {
					break
				}
				var e *Error
				if err != nil {
					if !errors.As(err, &e) || e.Row == 0 || !errors.Is(err, tt.kind) {
						t.Fatalf("after rows %v: %v", got, err)
					}
					got = append(got, -e.Row)
					continue
				}
				got = append(got, row.Number)
			}
			if !reflect.DeepEqual(got, tt.want) {
				if len(got) > 10 {
					t.Fatalf("got %d rows ending %v, want %d ending %v", len(got), got[len(got)-3:], len(tt.want), tt.want[len(tt.want)-3:])
				}
				t.Fatalf("got rows %v, want %v", got, tt.want)
			}
		})
	}
}

func seq(from, to int) []int {
	var s []int
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}
