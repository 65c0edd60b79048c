package tabular

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Column is a column a caller expects.
type Column struct {
	Key      string   // the caller's name for it, never shown
	Names    []string // accepted header spellings, the canonical one first: "统一社会信用代码", "社会信用代码", "USCC"
	Required bool     // a file without it is refused
	Multi    bool     // a cell may hold several values: see Mapping.Values
}

// Mapping knows which cell of a row holds which column.
type Mapping struct {
	index   map[string]int // Key → 0-based cell index
	multi   map[string]bool
	unknown []string
}

// Header matches a header row to cols. Spellings match whatever their
// spaces (anywhere), full-width or half-width forms, letter case, and a
// required-marker: a leading or trailing * or ＊, or a trailing (必填) or
// （必填）. A header cell that matches no column is ignored and listed by
// Unknown, so a caller can warn about it. A missing required column, or two
// header cells for one column, is an *Error of kind ErrHeader naming them;
// cols that claim the same spelling twice are a programming error.
func Header(cols []Column, header Row) (*Mapping, error) {
	byName := make(map[string]int)
	for i, c := range cols {
		if len(c.Names) == 0 {
			return nil, fmt.Errorf("tabular: column %q has no names", c.Key)
		}
		for _, n := range c.Names {
			key := headerKey(n)
			if j, dup := byName[key]; dup && j != i {
				return nil, fmt.Errorf("tabular: columns %q and %q both accept the header %q", cols[j].Key, c.Key, n)
			}
			byName[key] = i
		}
	}
	m := &Mapping{index: make(map[string]int), multi: make(map[string]bool)}
	var problemsZH, problemsEN []string
	for cell, text := range header.Cells {
		if text == "" {
			continue
		}
		i, ok := byName[headerKey(text)]
		if !ok {
			m.unknown = append(m.unknown, text)
			continue
		}
		col := cols[i]
		if first, dup := m.index[col.Key]; dup {
			problemsZH = append(problemsZH, fmt.Sprintf("“%s”列重复（第 %s 列和第 %s 列）", col.Names[0], ColumnName(first), ColumnName(cell)))
			problemsEN = append(problemsEN, fmt.Sprintf("column %q appears twice (%s and %s)", col.Names[0], ColumnName(first), ColumnName(cell)))
			continue
		}
		m.index[col.Key] = cell
		m.multi[col.Key] = col.Multi
	}
	var missing []string
	for _, c := range cols {
		if _, ok := m.index[c.Key]; c.Required && !ok {
			missing = append(missing, c.Names[0])
		}
	}
	if len(missing) > 0 {
		problemsZH = append(problemsZH, "缺少必填列："+strings.Join(missing, "、"))
		problemsEN = append(problemsEN, "missing required columns: "+strings.Join(missing, ", "))
	}
	if len(problemsZH) > 0 {
		return nil, rowError(ErrHeader, header.Number, nil, fmt.Sprintf("第%d行表头有误：%s (header row %d: %s)",
			header.Number, strings.Join(problemsZH, "；"), header.Number, strings.Join(problemsEN, "; ")))
	}
	return m, nil
}

// headerKey folds a header spelling to what matching compares.
func headerKey(s string) string {
	// NFKC folds full-width letters, digits and brackets to ASCII and
	// U+3000 to a space.
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || zeroWidth(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	for {
		t := strings.TrimSuffix(s, "(必填)")
		t = strings.Trim(t, "*")
		if t == s {
			return s
		}
		s = t
	}
}

// Has reports whether the header had the column.
func (m *Mapping) Has(key string) bool {
	_, ok := m.index[key]
	return ok
}

// Get returns the column's cell in row, or "" when the cell is empty, the
// header lacked the column, or key is not a Column's Key.
func (m *Mapping) Get(row Row, key string) string {
	i, ok := m.index[key]
	if !ok {
		return ""
	}
	return row.Cell(i)
}

// Values returns the values of a Multi column's cell, split on ";", "；"
// and "、", trimmed, empty ones dropped. Commas (, and ，) do not split:
// names and addresses contain them. For a column that is not Multi it
// returns the cell as the only value, or nothing when it is empty.
func (m *Mapping) Values(row Row, key string) []string {
	v := m.Get(row, key)
	if v == "" {
		return nil
	}
	if !m.multi[key] {
		return []string{v}
	}
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == '、' }) {
		if part = clean(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Column returns the spreadsheet letter of the column ("B"), for messages,
// or "" when the header lacked it.
func (m *Mapping) Column(key string) string {
	i, ok := m.index[key]
	if !ok {
		return ""
	}
	return ColumnName(i)
}

// Unknown lists the header cells that matched no column, in order.
func (m *Mapping) Unknown() []string { return m.unknown }

// ColumnName returns the spreadsheet letters of 0-based column i: A, B, …
// Z, AA, AB, …
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// Template returns the header row for cols that Header accepts back: each
// column's first spelling, with a trailing * on required ones, the mark
// Chinese forms use for 必填.
func Template(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Key
		if len(c.Names) > 0 {
			out[i] = c.Names[0]
		}
		if c.Required {
			out[i] += "*"
		}
	}
	return out
}
