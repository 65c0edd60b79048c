package tabular

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/suiji-dev/suiji/fault"
)

var objectColumns = []Column{
	{Key: "uid", Names: []string{"统一社会信用代码", "社会信用代码", "信用代码", "USCC", "uid"}, Required: true},
	{Key: "name", Names: []string{"企业名称", "名称", "单位名称"}, Required: true},
	{Key: "address", Names: []string{"地址", "住所", "经营场所"}},
	{Key: "tags", Names: []string{"检查事项", "标签"}, Multi: true},
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		want    map[string]string // key → column letter
		unknown []string
	}{
		{"canonical", []string{"统一社会信用代码", "企业名称", "地址", "检查事项"},
			map[string]string{"uid": "A", "name": "B", "address": "C", "tags": "D"}, nil},
		{"other spellings, any order", []string{"名称", "备注", "USCC"},
			map[string]string{"uid": "C", "name": "A"}, []string{"备注"}},
		{"case, spaces and full width", []string{"ｕｓｃｃ", " 单位 名称 ", "\u3000住所\u3000"},
			map[string]string{"uid": "A", "name": "B", "address": "C"}, nil},
		{"required markers", []string{"*统一社会信用代码", "企业名称*", "地址（必填）", "检查事项(必填)"},
			map[string]string{"uid": "A", "name": "B", "address": "C", "tags": "D"}, nil},
		{"empty header cells ignored", []string{"", "信用代码", "", "企业名称"},
			map[string]string{"uid": "B", "name": "D"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Header(objectColumns, Row{Number: 1, Cells: tt.header})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, c := range objectColumns {
				if m.Has(c.Key) {
					got[c.Key] = m.Column(c.Key)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("columns %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(m.Unknown(), tt.unknown) {
				t.Errorf("unknown %q, want %q", m.Unknown(), tt.unknown)
			}
		})
	}
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		says   []string
	}{
		{"missing required column", []string{"统一社会信用代码", "地址"}, []string{"缺少必填列：企业名称", "missing required columns: 企业名称"}},
		{"missing both", []string{"地址"}, []string{"缺少必填列：统一社会信用代码、企业名称"}},
		{"duplicated column", []string{"统一社会信用代码", "企业名称", "USCC"}, []string{"“统一社会信用代码”列重复（第 A 列和第 C 列）", "appears twice (A and C)"}},
		{"duplicated through a marker", []string{"统一社会信用代码", "企业名称", "检查事项", "标签＊"}, []string{"“检查事项”列重复（第 C 列和第 D 列）"}},
		{"duplicated and missing", []string{"名称", "单位名称"}, []string{"列重复", "缺少必填列：统一社会信用代码"}},
		{"empty header row", nil, []string{"缺少必填列"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Header(objectColumns, Row{Number: 3, Cells: tt.header})
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrHeader) || e.Row != 3 {
				t.Fatalf("got %v, want an ErrHeader *Error at row 3", err)
			}
			for _, s := range tt.says {
				if !strings.Contains(e.Message, s) {
					t.Errorf("message %q does not say %q", e.Message, s)
				}
			}
			if fault.CodeOf(err) != fault.BadInput {
				t.Errorf("fault code %s", fault.CodeOf(err))
			}
		})
	}
	// Two columns claiming one spelling is the caller's bug.
	_, err := Header([]Column{{Key: "a", Names: []string{"名称"}}, {Key: "b", Names: []string{" 名称*"}}}, Row{Number: 1})
	if err == nil || errors.Is(err, ErrHeader) {
		t.Errorf("conflicting columns: %v", err)
	}
	if _, err := Header([]Column{{Key: "a"}}, Row{Number: 1}); err == nil {
		t.Error("a column without names accepted")
	}
}

func TestMappingValues(t *testing.T) {
	m, err := Header(objectColumns, Row{Number: 1, Cells: []string{"统一社会信用代码", "企业名称", "地址", "检查事项"}})
	if err != nil {
		t.Fatal(err)
	}
	row := Row{Number: 2, Cells: []string{"91350100M000100Y43", "某某公司", "福州市鼓楼区五四路1号；2号楼", " 食品安全; 价格、 广告 ；；计量、"}}
	if got := m.Get(row, "uid"); got != "91350100M000100Y43" {
		t.Errorf("Get uid = %q", got)
	}
	if got := m.Get(row, "nonexistent"); got != "" {
		t.Errorf("Get of an unknown key = %q", got)
	}
	if got, want := m.Values(row, "tags"), []string{"食品安全", "价格", "广告", "计量"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Values(tags) = %q, want %q", got, want)
	}
	// Not Multi: the cell is one value even with a separator in it.
	if got, want := m.Values(row, "address"), []string{"福州市鼓楼区五四路1号；2号楼"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Values(address) = %q, want %q", got, want)
	}
	// Commas do not split.
	if got, want := m.Values(Row{Cells: []string{"", "", "", "食品,药品，化妆品"}}, "tags"), []string{"食品,药品，化妆品"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Values with commas = %q, want %q", got, want)
	}
	// A short row: missing cells are empty.
	short := Row{Number: 3, Cells: []string{"91350100M000100Y43"}}
	if m.Get(short, "tags") != "" || m.Values(short, "tags") != nil {
		t.Error("cells past the end of a row should be empty")
	}
}

func TestTemplateIsAccepted(t *testing.T) {
	header := Template(objectColumns)
	if want := []string{"统一社会信用代码*", "企业名称*", "地址", "检查事项"}; !reflect.DeepEqual(header, want) {
		t.Fatalf("Template = %q, want %q", header, want)
	}
	m, err := Header(objectColumns, Row{Number: 1, Cells: header})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range objectColumns {
		if m.Column(c.Key) != ColumnName(i) {
			t.Errorf("%s at %s, want %s", c.Key, m.Column(c.Key), ColumnName(i))
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", i, got, want)
		}
	}
}
