package tabular

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// This file builds XLSX files the way Excel writes them — strings in a
// shared-string table, numbers as <v> in Excel's own notation, rows
// numbered with r="…" and blank rows simply absent — so the reader is
// tested on that shape and not only on what excelize writes.

type testSheet struct {
	name   string
	hidden bool
	rows   string                // the XML inside <sheetData>
	stream func(io.Writer) error // or writes it, when set
}

// xlsxBook writes a workbook to w. The shared-string table is taken from
// strs after the sheets are written, so a sheet's stream can add to it.
func xlsxBook(w io.Writer, strs *sheetRows, sheets ...testSheet) error {
	zw := zip.NewWriter(w)
	put := func(name, body string) error {
		fw, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(fw, body)
		return err
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rns = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + ns + ` ` + rns + `><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		state := ""
		if s.hidden {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		// Styles: 0 General, 1 date (numFmt 14), 2 text (numFmt 49).
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ` + ns + `><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`},
	} {
		if err := put(p.name, p.body); err != nil {
			return err
		}
	}
	for i, s := range sheets {
		fw, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			return err
		}
		io.WriteString(fw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet `+ns+` `+rns+`><sheetData>`)
		if s.stream != nil {
			if err := s.stream(fw); err != nil {
				return err
			}
		} else {
			io.WriteString(fw, s.rows)
		}
		io.WriteString(fw, `</sheetData></worksheet>`)
	}
	sst := strs.sst
	fw, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	fmt.Fprintf(fw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst %s count="%d" uniqueCount="%d">`, ns, len(sst), len(sst))
	for _, s := range sst {
		io.WriteString(fw, `<si><t xml:space="preserve">`)
		xmlEscape(fw, s)
		io.WriteString(fw, `</t></si>`)
	}
	io.WriteString(fw, `</sst>`)
	return zw.Close()
}

func xmlEscape(w io.Writer, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	r.WriteString(w, s)
}

// sheetRows builds <row> elements from a grid of cells; a nil row is left
// out, as Excel leaves out blank rows. A cell is a shared string unless it
// starts with "#n:" (a number: the rest is the <v>), "#d:" (a number with
// the date style) or "#t:" (an inline string).
type sheetRows struct {
	sst   []string
	index map[string]int
}

func (b *sheetRows) rows(grid [][]string) string {
	var sb strings.Builder
	for r, row := range grid {
		if row != nil {
			b.row(&sb, r+1, row)
		}
	}
	return sb.String()
}

// row writes row n.
func (b *sheetRows) row(w io.Writer, n int, cells []string) {
	if b.index == nil {
		b.index = map[string]int{}
	}
	fmt.Fprintf(w, `<row r="%d">`, n)
	for c, v := range cells {
		if v == "" {
			continue
		}
		ref := ColumnName(c) + strconv.Itoa(n)
		switch {
		case strings.HasPrefix(v, "#n:"):
			fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, v[3:])
		case strings.HasPrefix(v, "#d:"):
			fmt.Fprintf(w, `<c r="%s" s="1"><v>%s</v></c>`, ref, v[3:])
		case strings.HasPrefix(v, "#t:"):
			fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>`, ref)
			xmlEscape(w, v[3:])
			io.WriteString(w, `</t></is></c>`)
		default:
			i, ok := b.index[v]
			if !ok {
				i = len(b.sst)
				b.index[v] = i
				b.sst = append(b.sst, v)
			}
			fmt.Fprintf(w, `<c r="%s" t="s" s="2"><v>%d</v></c>`, ref, i)
		}
	}
	io.WriteString(w, `</row>`)
}

// excelLike builds a one-sheet workbook from a grid.
func excelLike(t testing.TB, grid [][]string) []byte {
	t.Helper()
	var b sheetRows
	rows := b.rows(grid)
	var buf bytes.Buffer
	if err := xlsxBook(&buf, &b, testSheet{name: "Sheet1", rows: rows}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
