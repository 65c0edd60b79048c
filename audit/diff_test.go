package audit

import (
	"encoding/json"
	"testing"
	"time"
)

type dept struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Order  int    `json:"sortOrder"`
	Active bool   `json:"active"`
	Note   string `json:"note,omitempty"`
	Secret string `json:"-"`
}

func TestDiff(t *testing.T) {
	a := dept{Code: "A01", Name: "市场监管局<一>", Order: 1, Active: true, Secret: "x"}
	b := a
	b.Name, b.Active = "市场监管局", false
	withNote := a
	withNote.Note = "n"
	tests := []struct {
		name                  string
		before, after         any
		wantBefore, wantAfter string
	}{
		{"create", nil, &a, "", `{"active":true,"code":"A01","name":"市场监管局<一>","sortOrder":1}`},
		{"delete", a, nil, `{"active":true,"code":"A01","name":"市场监管局<一>","sortOrder":1}`, ""},
		{"update keeps changed keys only", a, b, `{"active":true,"name":"市场监管局<一>"}`, `{"active":false,"name":"市场监管局"}`},
		{"key on one side only", a, withNote, `{}`, `{"note":"n"}`},
		{"nothing changed", a, a, `{}`, `{}`},
		{"nil pointer is absent", (*dept)(nil), a, "", `{"active":true,"code":"A01","name":"市场监管局<一>","sortOrder":1}`},
		{"maps compare nested values by content", map[string]any{"m": map[string]int{"x": 1, "y": 2}, "k": 1},
			map[string]any{"m": map[string]int{"y": 2, "x": 1}, "k": 2}, `{"k":1}`, `{"k":2}`},
		{"both nil", nil, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotB, gotA, err := Diff(tt.before, tt.after)
			if err != nil {
				t.Fatal(err)
			}
			if string(gotB) != tt.wantBefore || string(gotA) != tt.wantAfter {
				t.Fatalf("Diff = %s / %s, want %s / %s", gotB, gotA, tt.wantBefore, tt.wantAfter)
			}
			if (tt.wantBefore == "") != (gotB == nil) || (tt.wantAfter == "") != (gotA == nil) {
				t.Fatalf("absent side must be nil: %q / %q", gotB, gotA)
			}
		})
	}
}

func TestDiffRejectsNonObjects(t *testing.T) {
	for _, v := range []any{"text", []int{1}, 3} {
		if _, _, err := Diff(v, nil); err == nil {
			t.Errorf("Diff(%#v) accepted", v)
		}
	}
}

// TestWholeObjectIsCanonical: a creation's entry, written by scanning the
// encoder's output, is byte for byte what decoding every value and encoding
// it again with sorted keys gives.
func TestWholeObjectIsCanonical(t *testing.T) {
	type inner struct {
		Z string `json:"z"`
		A int    `json:"a"`
	}
	type record struct {
		Name    string            `json:"name"`
		Tags    []string          `json:"tagIds"`
		When    *time.Time        `json:"when"`
		Score   float64           `json:"score"`
		Nested  inner             `json:"nested"`
		List    []inner           `json:"list"`
		Labels  map[string]string `json:"labels"`
		Text    string            `json:"text"`
		Omitted string            `json:"omitted,omitempty"`
	}
	at := time.Date(2026, 12, 2, 8, 0, 0, 123000, time.UTC)
	for _, v := range []any{
		&record{Name: "郑州<市>&公司", Tags: []string{"b", "a"}, When: &at, Score: 1.5e-7, Nested: inner{"z", 1},
			List: []inner{{"y", 2}}, Labels: map[string]string{"k": "v", "a": "{not an object}"}, Text: "line\u2028\"quote\""},
		&record{},
		dept{Code: "A01", Name: "市场监管局<一>", Order: 1, Active: true},
		map[string]any{"z": []any{map[string]any{"y": 1, "b": 2}}, "a": json.Number("10.50"), "m": "\u00e9"},
		// Keys with escapes take the general path; keys the encoder writes
		// as they are (HTML, non-ASCII) sort by their text.
		map[string]any{"q\"uote": 1, "<k>": "v,}", "ctl\u0001": true, "é": []any{}, "b": map[string]any{}, "a": nil},
		map[string]any{"only": "}"},
		map[string]any{},
	} {
		got, err := wholeObject(v)
		if err != nil {
			t.Fatal(err)
		}
		m, err := decodeObject(v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshalCanonical(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("wholeObject(%T)\n got %s\nwant %s", v, got, want)
		}
	}
	for _, v := range []any{[]string{"a"}, "text", 3} {
		if _, err := wholeObject(v); err == nil {
			t.Errorf("wholeObject(%#v): no error for a value that is not an object", v)
		}
	}
}
