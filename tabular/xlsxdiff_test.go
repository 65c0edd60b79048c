package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The reader must give what the excelize-based reader it replaced gave.
// These tests build workbooks, with excelize and by hand, and read each
// with both: excelizeRead below is that reader, kept as the oracle.

// excelizeRead reads data as the excelize-based reader did: the first
// visible sheet with a non-empty row, every cell through plainNumber and
// cleanCells. A row whose cells excelize cannot read is Row{Number: -n}.
func excelizeRead(t *testing.T, data []byte) ([]Row, string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: xmlInMemory,
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy/m/d",
	})
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatalf("excelize: sheet %q: %v", sheet, err)
		}
		var out []Row
		for n := 1; rows.Next(); n++ {
			cells, err := rows.Columns()
			if err != nil {
				out = append(out, Row{Number: -n})
				continue
			}
			for i, c := range cells {
				cells[i] = plainNumber(c)
			}
			if cells = cleanCells(cells); cells != nil {
				out = append(out, Row{Number: n, Cells: cells})
			}
		}
		if err := rows.Error(); err != nil {
			t.Fatalf("excelize: %v", err)
		}
		rows.Close()
		if len(out) > 0 {
			return out, sheet
		}
	}
	return nil, ""
}

// ourRead reads data with Open, going on past row errors, which it lists
// as Row{Number: -n}.
func ourRead(t *testing.T, data []byte) ([]Row, string) {
	t.Helper()
	r, err := Open(bytes.NewReader(data), int64(len(data)), "x.xlsx")
	if errors.Is(err, ErrEmpty) {
		return nil, ""
	}
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer r.Close()
	var out []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return out, r.Source().Sheet
		}
		var e *Error
		if errors.As(err, &e) && e.Row > 0 {
			out = append(out, Row{Number: -e.Row})
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		out = append(out, row)
	}
}

// sameAsExcelize reads data both ways and reports every difference.
func sameAsExcelize(t *testing.T, data []byte) []Row {
	t.Helper()
	want, wantSheet := excelizeRead(t, data)
	got, gotSheet := ourRead(t, data)
	if gotSheet != wantSheet {
		t.Errorf("sheet %q, excelize reads %q", gotSheet, wantSheet)
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w Row
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g.Number != w.Number || !sameCells(g.Cells, w.Cells) {
			t.Errorf("row %d:\n got %d %q\nwant %d %q", i, g.Number, g.Cells, w.Number, w.Cells)
		}
	}
	return got
}

// sameCells compares a row with excelize's, allowing generalCutShort.
func sameCells(ours, excelize []string) bool {
	if len(ours) != len(excelize) {
		return false
	}
	for i := range ours {
		if ours[i] != excelize[i] && !generalCutShort(ours[i], excelize[i]) {
			return false
		}
	}
	return true
}

func saveExcelize(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestXLSXMatchesExcelize: workbooks excelize writes.
func TestXLSXMatchesExcelize(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *testing.T, f *excelize.File)
	}{
		{"shared strings, rich text, special characters", func(t *testing.T, f *excelize.File) {
			must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"统一社会信用代码", "企业名称", "a & b <c> \"d\" 'e'", "  padded  ", "tab\there", "line\r\nbreak", "cr\ronly"}))
			must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"_x000D_ literal", "_x005F_x000D_", "emoji 😀 𠀀", "\u3000全角\u3000", "zero\u200bwidth", "'=SUM(A1)", "-12"}))
			must(t, f.SetCellRichText("Sheet1", "A3", []excelize.RichTextRun{
				{Text: "福州"}, {Text: "某某", Font: &excelize.Font{Bold: true}}, {Text: "有限公司"}}))
			must(t, f.SetCellRichText("Sheet1", "C3", []excelize.RichTextRun{{Text: " 前导空格"}, {Text: "及换行\n"}}))
			must(t, f.SetCellStr("Sheet1", "B5", strings.Repeat("检", 5000)))
		}},
		{"numbers of many shapes", func(t *testing.T, f *excelize.File) {
			vals := []string{"0", "1", "-1", "12", "1234.5", "-1234.5", "0.1", "0.30000000000000004", "3.14159",
				"410105199001011234", "4.10105199001011E+17", "12345678901234567890", "1E-7", "1.5E-07", "-2.5E+3", "1.5E+20",
				"123456789012", "123456789012345", "1234567890123456", "007", "-0", "+5", "0.000001234", "99999999999999.9",
				"1e308", "5E-324", "NaN", "Inf", "0x1p-2", "13800138000", "91350100"}
			for i, v := range vals {
				cell, _ := excelize.CoordinatesToCellName(i%8+1, i/8+1)
				must(t, f.SetCellDefault("Sheet1", cell, v))
			}
			must(t, f.SetCellFloat("Sheet1", "A6", 1.0/3, -1, 64))
			must(t, f.SetCellInt("Sheet1", "B6", -9007199254740993))
			must(t, f.SetCellValue("Sheet1", "C6", 2.5e-10))
		}},
		{"booleans, formulas, gaps and blank rows", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellBool("Sheet1", "A1", true))
			must(t, f.SetCellBool("Sheet1", "C1", false))
			must(t, f.SetCellFormula("Sheet1", "E1", "1+1"))
			must(t, f.SetCellStr("Sheet1", "H1", "last"))
			must(t, f.SetCellStr("Sheet1", "B4", "after blank rows"))
			must(t, f.SetCellStr("Sheet1", "A6", "   "))
			must(t, f.SetCellStr("Sheet1", "Z7", "far right"))
			must(t, f.SetCellStr("Sheet1", "A1048576", "last row"))
		}},
		{"hidden and empty sheets first", func(t *testing.T, f *excelize.File) {
			must(t, f.SetCellStr("Sheet1", "A1", "下拉选项"))
			must(t, f.SetSheetVisible("Sheet1", false))
			_, err := f.NewSheet("空")
			must(t, err)
			_, err = f.NewSheet("很隐藏")
			must(t, err)
			must(t, f.SetCellStr("很隐藏", "A1", "x"))
			must(t, f.SetSheetVisible("很隐藏", false, true))
			_, err = f.NewSheet("名单")
			must(t, err)
			must(t, f.SetSheetRow("名单", "A3", &[]any{"名称", 1}))
			_, err = f.NewSheet("另一个")
			must(t, err)
			must(t, f.SetCellStr("另一个", "A1", "not this one"))
		}},
		{"stream writer: inline strings, numbers, styles", func(t *testing.T, f *excelize.File) {
			date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
			must(t, err)
			sw, err := f.NewStreamWriter("Sheet1")
			must(t, err)
			must(t, sw.SetRow("A1", []any{"名称", "日期", "金额", "布尔"}))
			must(t, sw.SetRow("A2", []any{"福州 & 厦门", excelize.Cell{StyleID: date, Value: 45000}, 1234.5, true}))
			must(t, sw.SetRow("B5", []any{"<tag>", nil, excelize.Cell{Value: "  x  "}}))
			must(t, sw.Flush())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			tt.build(t, f)
			if rows := sameAsExcelize(t, saveExcelize(t, f)); len(rows) == 0 {
				t.Error("no rows")
			}
		})
	}
}

// numberFormatCodes are formats whose output must be excelize's. The
// first group are built-in ids.
var (
	builtinFormatIDs = []int{0, 1, 2, 3, 4, 5, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32,
		33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 62, 67, 81}
	numberFormatCodes = []string{
		// dates
		`yyyy-mm-dd`, `yyyy/mm/dd`, `yyyy/m/d`, `yyyy"年"m"月"d"日"`, `yyyy"年"mm"月"dd"日"`, `yyyy年m月d日`,
		`yyyy"年"m"月"d"日";@`, `[$-804]yyyy"年"m"月"d"日"`, `[$-804]yyyy"年"m"月"d"日";@`, `[$-F800]dddd, mmmm dd, yyyy`,
		`[$-409]mmmm d, yyyy;@`, `[$-409]d-mmm-yy;@`, `m/d/yy`, `yyyy/m/d h:mm`, `yyyy-mm-dd hh:mm:ss`, `yyyy.mm.dd`,
		`yyyymmdd`, `yyyy\-mm\-dd`, `[DBNum1][$-804]yyyy"年"m"月"d"日"`, `[DBNum1][$-804]General`, `[$-804]aaaa`,
		`aaa`, `dddd`, `ddd`, `mmm`, `mmmm`, `mmmmm`, `[$-804]mmm`, `[$-804]mmmm`, `[$-804]mmmmm`, `h:mm AM/PM`,
		`hh:mm:ss AM/PM`, `[$-804]h:mm AM/PM`, `h:mm A/P`, `上午/下午h"时"mm"分"`, `[$-804]上午/下午h"时"mm"分"`,
		`h:mm:ss.00`, `mm:ss.0`, `[h]:mm`, `[mm]:ss`, `[ss]`, `e"年"m"月"d"日"`, `yy/m/d`, `d/m/yyyy`,
		`m"月"d"日"`, `yyyy"年"m"月"`, `hh"时"mm"分"ss"秒"`, `yyyy-m-d h:mm:ss`, `[$-x-sysdate]dddd, mmmm dd, yyyy`,
		`[$-F400]h:mm:ss AM/PM`, `yyyy/mm/dd hh:mm:ss.000`, `dd/mm/yyyy hh:mm`, `yyyy"年"m"月"d"日" aaaa`,
		`"日期："yyyy-mm-dd`, `yyyy-mm-ddThh:mm:ss`, `ggge"年"`, `bbbb`,
		// numbers
		`0.0`, `0.000`, `#,##0.000`, `#,##0.00_ `, `#,##0.00_);(#,##0.00)`, `#,##0.00_);[Red](#,##0.00)`,
		`0.00_ ;[Red]-0.00 `, `0;[Red]0`, `"¥"#,##0.00`, `¥#,##0.00;¥-#,##0.00`, `[$¥-804]#,##0.00`,
		`"￥"#,##0.00_);[Red]\("￥"#,##0.00\)`, `_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ `,
		`_ ¥* #,##0_ ;_ ¥* -#,##0_ ;_ ¥* "-"_ ;_ @_ `, `000000`, `00000000`, `0.00"元"`, `#,##0"万元"`, `0"个"`,
		`0.00%`, `0%`, `0.0%%`, `#,##0,`, `#,##0,,"百万"`, `0.00E+00`, `##0.0E+0`, `0.0E+0`, `#`, `#.##`, `0.0#`,
		`# ##0`, `0.00;(0.00)`, `#,##0;-#,##0`, `[Blue]0.00`, `[DBNum2]0`, `[DBNum3]0.00`, `[dbnum1]0`, `[Roman]0`,
		`#,##0.00 "元";-#,##0.00 "元"`, `0.00 `, `$#,##0.00`, `-0`, `+0`, `(0)`, `0.0"万"`, `#元`, `0元`,
		`0;-0;;@`, `General;General;@`, `General`, `general`, `@`, `"编号"@`, `;;;@`, `"a"0"b"0`, `"2023"0`,
		`0.00;-0.00;0.00;"文本："@`, `0;;;;0`, `[Color10]0`, `[$-804]0.00`, `*-0`, `\#0`, `0_-`, `'0'`, `E+0`,
	}
	// fallbackFormats are not followed: a number comes out as stored, a
	// date as an ISO date.
	fallbackFormats = []struct {
		code      string
		number    string
		want      string
		wantText  string // a text cell
		wantDates bool
	}{
		{`# ?/?`, "1.5", "1.5", "x", false},
		{`# ??/??`, "45000.25", "45000.25", "x", false},
		{`[<=9999999]###-####;(###) ###-####`, "5551234", "5551234", "x", false},
		{`[$-411]ggge"年"m"月"d"日"`, "45000", "2023-03-15", "x", true},
		{`[$-404]e/m/d`, "45000.5", "2023-03-15", "x", true},
		{`[$-411]yyyy/m/d h:mm`, "45000.5", "2023-03-15 12:00:00", "x", true},
		{`[$-411]h:mm`, "0.75", "18:00:00", "x", true},
		{`b1/mm/dd`, "45000", "2023-03-15", "x", true},
		{`[>100][Red]0;0`, "1234", "1234", "x", false},
		{`[h:mm]`, "1.5", "1.5", "x", false},
	}
	formatValues = []string{"0", "1", "-1", "12", "1234.5", "-1234.5", "0.5", "0.125", "45000", "45000.5", "45000.999994",
		"44927.75", "0.75", "0.999", "59", "60", "61", "1.5", "123456789012", "1234567890123456", "410105199001011234",
		"0.000123", "1E-7", "2958465", "100000000", "-0.5", "1234567.891"}
)

// TestNumberFormatsMatchExcelize: every format in numberFormatCodes and
// builtinFormatIDs applied to numbers and to text, against excelize.
func TestNumberFormatsMatchExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	var styles []int
	var names []string
	for _, id := range builtinFormatIDs {
		// A font makes a new style even for id 0.
		s, err := f.NewStyle(&excelize.Style{NumFmt: id, Font: &excelize.Font{Bold: true}})
		must(t, err)
		styles, names = append(styles, s), append(names, fmt.Sprintf("built-in %d", id))
	}
	for _, code := range numberFormatCodes {
		s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		must(t, err)
		styles, names = append(styles, s), append(names, code)
	}
	texts := []string{"text", "2023-03-15", "00123", ""}
	for r, s := range styles {
		for c, v := range append(formatValues, texts...) {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if c < len(formatValues) {
				must(t, f.SetCellDefault("Sheet1", cell, v))
			} else if v != "" {
				must(t, f.SetCellStr("Sheet1", cell, v))
			}
			must(t, f.SetCellStyle("Sheet1", cell, cell, s))
		}
	}
	data := saveExcelize(t, f)
	want, _ := excelizeRead(t, data)
	got, _ := ourRead(t, data)
	if len(got) != len(want) {
		t.Fatalf("%d rows, excelize %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		for c, v := range append(formatValues, texts...) {
			if g, w := got[i].Cell(c), want[i].Cell(c); g != w && !generalCutShort(g, w) {
				t.Errorf("format %s, value %q: got %q, excelize %q", names[i], v, g, w)
				bad++
			}
		}
	}
	if bad > 0 {
		t.Logf("%d differences", bad)
	}
}

func TestNumberFormatFallbacks(t *testing.T) {
	for _, tt := range fallbackFormats {
		f := parseNumFormat(tt.code)
		if got := f.format(tt.number, true, false); got != tt.want {
			t.Errorf("%s: %s shows as %q, want %q", tt.code, tt.number, got, tt.want)
		}
		if got := f.format(tt.wantText, false, false); got != tt.wantText {
			t.Errorf("%s: text %q shows as %q", tt.code, tt.wantText, got)
		}
		if got := f.format("-3", true, false); got != "-3" {
			t.Errorf("%s: -3 shows as %q", tt.code, got)
		}
	}
}

// rawXLSX builds a workbook from sheet XML (inside <sheetData>), a
// shared-string table (inside <sst>) and cellXfs/numFmts.
func rawXLSX(t testing.TB, sheetData, sst, numFmts, cellXfs string) []byte {
	t.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + ns + `><numFmts>` + numFmts + `</numFmts><cellXfs>` + cellXfs + `</cellXfs></styleSheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + `>` + sst + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `><sheetData>` + sheetData + `</sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXRawMatchesExcelize: XML as other producers write it.
func TestXLSXRawMatchesExcelize(t *testing.T) {
	const sst = `<si><t>名称</t></si>` +
		`<si><r><rPr><b/></rPr><t>福州</t></r><r><t xml:space="preserve"> 某某 </t></r><rPh sb="0" eb="2"><t>フクシュウ</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>a &amp; b &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot;</t></si>` +
		`<si><t><![CDATA[<raw> & text]]></t></si>` +
		`<si><t>line1&#13;&#10;line2_x000D_</t></si>` +
		`<si/>` +
		`<si><t>before</t><r><t>run</t></r></si>` +
		`<si><t>  </t></si>` +
		`<si><t>_x005F_x000D_ and _xD83D_ and _x0041_</t></si>` +
		`<si><t>2023-03-15</t></si>`
	const numFmts = `<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="&quot;编号&quot;@"/><numFmt numFmtId="14" formatCode="dd/mm/yyyy"/>`
	// styles: 0 General, 1 date 14 (overridden: dd/mm/yyyy), 2 text, 3 176, 4 177, 5 General, 6 22, 7 no numFmtId
	const cellXfs = `<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="49"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="0"/><xf numFmtId="22"/><xf/>`
	tests := []struct{ name, rows string }{
		{"shared strings", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c><c r="J1" t="s" s="1"><v>9</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v> 1 </v></c><c r="B2" t="s"><v>x</v></c><c r="C2" t="s"><v>99</v></c><c r="D2" t="s"><v>-1</v></c><c r="E2" t="s"><v></v></c><c r="F2" t="s" s="4"><v>0</v></c><c r="G2" t="s"/><c r="H2" t="s"><v>+2</v></c></row>`},
		{"inline strings and odd types", `<row r="1"><c r="A1" t="inlineStr"><is><t>内联</t></is></c><c r="B1" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c><c r="C1" t="inlineStr"><v>v instead</v></c><c r="D1" t="inlineStr"><is/></c><c r="E1" t="inlineStr" s="4"><is><t>7</t></is></c>` +
			`<c r="F1" t="str"><f>A1&amp;"x"</f><v>formula text</v></c><c r="G1" t="e"><v>#N/A</v></c><c r="H1" t="b"><v>1</v></c><c r="I1" t="b"><v>0</v></c><c r="J1" t="b"><v>yes</v></c><c r="K1" t="n"><v>1.50</v></c><c r="L1" t="d"><v>2023-03-15T12:00:00Z</v></c><c r="M1" t="d" s="6"><v>20230315T120000Z</v></c><c r="N1" t="x"><v>5</v></c></row>`},
		{"numbers and styles", `<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>012345</v></c><c r="C1" s="3"><v>45000.5</v></c><c r="D1" s="4"><v>12</v></c><c r="E1" s="5"><v>123456789012</v></c><c r="F1" s="6"><v>45000.5</v></c><c r="G1" s="7"><v>123456789012</v></c><c r="H1" s="99"><v>45000</v></c><c r="I1" s="abc"><v>45000</v></c><c r="J1" s="-1"><v>45000</v></c><c r="K1"><v> 12 </v></c><c r="L1" s="1"><v>-5</v></c><c r="M1" s="1"/><c r="N1" s="4"/></row>`},
		{"references, gaps, rows without numbers", `<row r="2"><c r="C2"><v>1</v></c><c><v>2</v></c><c r="$F$2"><v>3</v></c><c r="h2"><v>4</v></c></row><row><c><v>5</v></c><c r="E3"><v>6</v></c></row><row r="0"><c><v>7</v></c></row><row r="7" spans="1:3" ht="20"/><row r="9"><c r="A9"/><c r="B9"><f>SUM(A1)</f></c></row><row r="10"><c r="A10"><v>8</v></c></row>`},
		{"prefixed names, comments, CDATA, whitespace", `<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1"><!-- a comment <row r="5"> --><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[a<b>&c]]></x:t></x:is></x:c><x:c r="B1"><x:v>42</x:v></x:c></x:row>` +
			"\n  <row r=\"2\" >\n <c r = \"A2\" t='inlineStr' ><is><t xml:space=\"preserve\">  x\ty  </t></is></c>\n <c r=\"B2\" ><v>1<!-- inside -->2</v></c><c r=\"C2\"><v><![CDATA[3]]></v><extLst><ext><v>9</v></ext></extLst></c></row>" +
			`<?pi stuff?><row r="3"><c r="A3" t="inlineStr"><is><t>a&#xD;&#xA;b&#13;c` + "\r\n" + `d` + "\r" + `e</t></is></c></row>`},
		{"bad cell references", `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="2B"><v>2</v></c><c r="C2"><v>3</v></c></row><row r="3"><c r="XFE3"><v>1</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameAsExcelize(t, rawXLSX(t, tt.rows, sst, numFmts, cellXfs))
		})
	}
}

// generalCutShort: the one deliberate difference from excelize, which
// shows a styled General number to 10 significant digits once it has
// more than 11 (TestStyledGeneralKeepsDigits).
func generalCutShort(ours, excelize string) bool {
	x, err := strconv.ParseFloat(ours, 64)
	return err == nil && len(strings.Trim(strings.NewReplacer("-", "", ".", "").Replace(ours), "0")) > 11 &&
		excelize == plainNumber(strconv.FormatFloat(x, 'G', 10, 64))
}

// TestStyledGeneralKeepsDigits: a General number in a styled cell (bold, a
// border) reads as stored, where excelize shows 11 significant digits at
// most (123456789012 → 123456789000).
func TestStyledGeneralKeepsDigits(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(t, err)
	values := []string{"123", "12345678901", "123456789012", "-12345678901", "0.123456789012", "1234.5", "13800138000123"}
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		must(t, f.SetCellDefault("Sheet1", cell, v))
		must(t, f.SetCellStyle("Sheet1", cell, cell, bold))
	}
	rows, _ := ourRead(t, saveExcelize(t, f))
	if len(rows) != 1 || strings.Join(rows[0].Cells, " ") != strings.Join(values, " ") {
		t.Errorf("read %v, want %q", rows, values)
	}
}
