package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"=SUM(A1)":                "'=SUM(A1)",
		"+1":                      "'+1",
		"-1+1":                    "'-1+1",
		"@cmd":                    "'@cmd",
		"\t=1":                    "'\t=1",
		"\r=1":                    "'\r=1",
		"=cmd|' /C calc'!A0":      "'=cmd|' /C calc'!A0",
		" =1":                     "' =1",
		"\u3000=1":                "'\u3000=1",
		"+86 138 0000 0000":       "'+86 138 0000 0000",
		"-":                       "-",
		"-12":                     "-12",
		"-3.5":                    "-3.5",
		"-.5":                     "'-.5",
		"-1.":                     "'-1.",
		"-1e5":                    "'-1e5",
		"":                        "",
		"福州某某有限公司":                "福州某某有限公司",
		"91350100M000100Y43":      "91350100M000100Y43",
		"'abc":                    "'abc",
		"'=1":                     "''=1",
		"a=b":                     "a=b",
		"2024-03-15":              "2024-03-15",
		"'":                       "'",
		"   ":                     "   ",
		"＝SUM(A1) (full-width =)": "＝SUM(A1) (full-width =)",
	}
	for in, want := range tests {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if got := Unescape(Escape(in)); got != in {
			t.Errorf("Unescape(Escape(%q)) = %q", in, got)
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''+", "-12", "-", "\t", "abc", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if Unescape(e) != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, Unescape(e))
		}
		if e != "" && strings.ContainsRune("=+@\t\r", rune(e[0])) {
			t.Fatalf("Escape(%q) = %q still starts a formula", s, e)
		}
		if e != "" && e[0] == '-' && e != "-" && !decimal(e[1:]) {
			t.Fatalf("Escape(%q) = %q still starts a formula", s, e)
		}
	})
}

// payloads are cells that a spreadsheet would run, or nearly.
var payloads = []string{"=SUM(A1)", "+1", "-1+1", "@cmd", "\t=1", "=HYPERLINK(\"http://x\",\"点我\")", "-12"}

func writeCSV(t *testing.T, header []string, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf, header)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeXLSX(t *testing.T, sheet string, header []string, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, sheet, header)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSVWriterEscapes(t *testing.T) {
	data := writeCSV(t, []string{"内容"}, [][]string{payloads})
	if !bytes.HasPrefix(data, []byte("\uFEFF内容\r\n")) {
		t.Fatalf("want a BOM, the header and CRLF, got %q", data)
	}
	line := strings.TrimSuffix(strings.SplitN(string(data), "\r\n", 2)[1], "\r\n")
	want := `'=SUM(A1),'+1,'-1+1,'@cmd,'	=1,"'=HYPERLINK(""http://x"",""点我"")",-12`
	if line != want {
		t.Fatalf("row written as\n%q\nwant\n%q", line, want)
	}
}

func TestXLSXWriterEscapes(t *testing.T) {
	data := writeXLSX(t, "检查结果", []string{"内容"}, [][]string{payloads})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"检查结果"}) {
		t.Fatalf("sheets %q", got)
	}
	for i, p := range payloads {
		cell := ColumnName(i) + "2"
		formula, err := f.GetCellFormula("检查结果", cell)
		if err != nil || formula != "" {
			t.Errorf("%s has formula %q (%v)", cell, formula, err)
		}
		typ, err := f.GetCellType("检查结果", cell)
		if err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want an inline string (%v)", cell, typ, err)
		}
		v, err := f.GetCellValue("检查结果", cell, excelize.Options{RawCellValue: true})
		if err != nil || v != Escape(p) {
			t.Errorf("%s = %q, want %q", cell, v, Escape(p))
		}
	}
	// And no formula anywhere in the sheet XML.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			rc, _ := zf.Open()
			xml, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(xml, []byte("<f>")) || bytes.Contains(xml, []byte("<f ")) {
				t.Errorf("%s has a formula element", zf.Name)
			}
		}
	}
	// Columns under the header are formatted as text, so IDs typed in
	// later keep their digits.
	style, err := f.GetColStyle("检查结果", "A")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil || st.NumFmt != 49 {
		t.Errorf("column A style %+v (%v), want number format 49 (text)", st, err)
	}
}

func TestRoundTrip(t *testing.T) {
	header := []string{"统一社会信用代码", "企业名称", "地址", "备注"}
	rows := [][]string{
		{"91350100M000100Y43", "福州某某有限公司", "福州市鼓楼区五四路1号, 2号楼", "=SUM(A1)"},
		{"12440600MB2C07549J", "佛山市“某某”中心", "广东省佛山市\n禅城区", "+86 757 0000 0000"},
		{"410105199001011234", "", "", "-12"},
		{"0012", "'引号开头", "@", "-1+1"},
	}
	want := []Row{{1, header}}
	for i, r := range rows {
		cells := append([]string(nil), r...)
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		want = append(want, Row{i + 2, cells})
	}
	for _, format := range []Format{CSV, XLSX} {
		t.Run(string(format), func(t *testing.T) {
			var data []byte
			if format == CSV {
				data = writeCSV(t, header, rows)
			} else {
				data = writeXLSX(t, "", header, rows)
			}
			got, src, err := readAll(t, data, "导出."+string(format))
			if err != nil {
				t.Fatal(err)
			}
			if src.Format != format {
				t.Errorf("read back as %s", src.Format)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestWriterLimits(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, "", []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{strings.Repeat("检", maxCellChars)}); err != nil {
		t.Errorf("a cell of exactly %d characters: %v", maxCellChars, err)
	}
	if err := w.Write([]string{strings.Repeat("检", maxCellChars+1)}); err == nil {
		t.Error("a cell over Excel's limit was accepted")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewXLSXWriter(&buf, "bad/name", []string{"a"}); err == nil {
		t.Error("a sheet name with / was accepted")
	}
}
