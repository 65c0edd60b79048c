package service

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
)

// TestHistoryEntryBytes: the history entry written without marshalling
// the pair is byte for byte what marshalling it gives, HTML characters and
// all.
func TestHistoryEntryBytes(t *testing.T) {
	at := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	rec := func(name string) *db.ObjectRecord {
		return &db.ObjectRecord{Object: db.Object{ID: "0193", UID: "91410100MA00000000", Kind: "ENTERPRISE", Name: name,
			Address: "郑州市\u2028金水路", Active: true, Version: 1, CreatedAt: at, UpdatedAt: at, RiskChangedAt: &at},
			TagIDs: []string{"t1"}, DepartmentIDs: []string{"d1", "d2"}}
	}
	for _, c := range []struct{ before, after *db.ObjectRecord }{
		{nil, rec("郑州鑫源食品有限公司")},
		{nil, rec("A&B <商贸>")},
		{rec("郑州鑫源食品有限公司"), rec("郑州鑫源商贸有限公司")},
		{rec("郑州鑫源食品有限公司"), rec("A&B <商贸>")},
		{rec("同名"), rec("同名")},
	} {
		got, err := historyEntry(c.before, c.after)
		if err != nil {
			t.Fatal(err)
		}
		b, a, err := audit.Diff(nilIfNil(c.before), c.after)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(map[string]json.RawMessage{"before": b, "after": a})
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("historyEntry\n got %s\nwant %s", got, want)
		}
	}
}

// BenchmarkHistoryEntryCreate: the first version of an imported object,
// written for every row of an import.
func BenchmarkHistoryEntryCreate(b *testing.B) {
	at := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	rec := &db.ObjectRecord{Object: db.Object{ID: "019ade3c-8c1e-7d4a-9a43-1f0b2c3d4e5f", UID: "91410100MA46XYZ12K",
		Kind: "ENTERPRISE", Name: "郑州经济技术开发区鑫源食品有限公司", LegalRep: "张三", Address: "郑州经济技术开发区第九大街88号",
		RegionCode: "410171", IndustryCode: "F5221", RegStatus: "存续", RiskClass: "B", RiskSource: "导入",
		ContactName: "李四", ContactPhone: "13800000000", Active: true, Version: 1, CreatedAt: at, UpdatedAt: at, RiskChangedAt: &at},
		TagIDs: []string{"019ade3c-0000-7000-8000-000000000001"}, DepartmentIDs: []string{"019ade3c-0000-7000-8000-000000000002"}}
	for b.Loop() {
		if _, err := historyEntry(nil, rec); err != nil {
			b.Fatal(err)
		}
	}
}
