package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
)

// TestSearchWalksPostingsAcrossChunks: a search whose matches are spread
// far apart in the postings (beyond the first chunks) still finds them all,
// pages without repeats, and stops at the end of the postings.
func TestSearchWalksPostingsAcrossChunks(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		var recs []*db.ObjectRecord
		for i := range 3000 {
			risk := "A"
			if i%700 == 0 {
				risk = "D" // 5 of 3000, far apart in uid order
			}
			recs = append(recs, testObject(fmt.Sprintf("LIB-%06d", i), fmt.Sprintf("郑州测试%04d有限公司", i), risk))
		}
		storeObjects(t, store, recs)
		f := db.ObjectFilter{Search: "测试", RiskClasses: []string{"D"}}
		got := searchAll(t, store, f, 2, 10)
		want := "[LIB-000000 LIB-000700 LIB-001400 LIB-002100 LIB-002800]"
		if fmt.Sprint(got) != want {
			t.Errorf("paged search found %v, want %s", got, want)
		}
		n, err := db.CountObjects(ctx, store, f)
		if err != nil || n != 5 {
			t.Errorf("count %d %v, want 5", n, err)
		}
		if page, _, _ := db.ListObjects(ctx, store, db.ObjectFilter{Search: "测试9"}, 10, ""); len(page) != 0 {
			t.Errorf("a fragment no name has found %d", len(page))
		}
	})
}

// TestRarestGramProbesWhereTheWalkStarts: of a fragment's bigrams the walk
// drives from the sparsest after the cursor, not over the whole list: 甲乙
// has more postings in all (2,500 against 1,500) but none past LIB-002499.
func TestRarestGramProbesWhereTheWalkStarts(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		var recs []*db.ObjectRecord
		for i := range 3000 {
			first, second := "戊己", "庚辛"
			if i < 2500 {
				first = "甲乙" // LIB-000000 … LIB-002499
			}
			if i%2 == 0 {
				second = "丙丁" // every other object
			}
			recs = append(recs, testObject(fmt.Sprintf("LIB-%06d", i), "郑州"+first+"·"+second, "A"))
		}
		storeObjects(t, store, recs)
		probes := []struct{ name, after, want string }{
			// Both lists are longer than the probe: 丙丁's 1,024th posting
			// is farther in uid order.
			{"from the start", "", "丙丁"},
			{"甲乙 nearly done", "LIB-002400", "甲乙"},
			{"nothing left of 甲乙", "LIB-002499", "甲乙"},
		}
		if store.Kind == db.SQLite {
			probes = nil // its search index intersects the bigrams' lists itself
		}
		for _, c := range probes {
			got, err := db.RarestGram(ctx, store, []string{"甲乙", "丙丁"}, c.after)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("%s: drives from %s, want %s", c.name, got, c.want)
			}
		}
		// The walk itself, from either driving list, finds the same objects.
		page, _, err := db.ListObjects(ctx, store, db.ObjectFilter{Search: "甲乙·丙丁"}, 3, "LIB-002400")
		if err != nil || len(page) != 3 || page[0].UID != "LIB-002402" || page[2].UID != "LIB-002406" {
			t.Errorf("search 甲乙·丙丁 after LIB-002400: %v %v", page, err)
		}
	})
}

// TestRenameReplacesPostings: an update that renames an object swaps its
// postings (the old name is no longer found, the new one is) and leaves the
// other objects' alone; an update that keeps the name keeps them.
func TestRenameReplacesPostings(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		a, b, c := testObject("LIB-A", "郑州鑫源食品有限公司", "A"), testObject("LIB-B", "郑州鑫源食品超市", "A"), testObject("LIB-C", "郑州宏达商贸有限公司", "A")
		storeObjects(t, store, []*db.ObjectRecord{a, b, c})
		a.Name, a.Version = "郑州嘉禾烩面馆", 2
		c.Address, c.Version = "经开区第一大街1号", 2 // same name
		if err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return db.UpdateObjects(ctx, tx, []*db.ObjectRecord{a, c}, "test", "test", []string{"{}", "{}"})
		}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []struct{ search, want string }{
			{"鑫源食品", "[LIB-B]"}, {"嘉禾烩面", "[LIB-A]"}, {"宏达商贸", "[LIB-C]"}, {"郑州", "[LIB-A LIB-B LIB-C]"}, {"有限", "[LIB-C]"},
			// legal-form words have no postings: matched on the names
			{"有限公司", "[LIB-C]"}, {"商贸有限公司", "[LIB-C]"}, {"食品超市", "[LIB-B]"},
		} {
			if got := searchAll(t, store, db.ObjectFilter{Search: q.search}, 10, 1); fmt.Sprint(got) != q.want {
				t.Errorf("search %s: %v, want %s", q.search, got, q.want)
			}
		}
		// LIB-A holds postings for exactly its new name's bigrams.
		for _, name := range []string{"郑州鑫源食品有限公司", "郑州嘉禾烩面馆"} {
			for _, g := range db.Bigrams(name) {
				uids, err := db.PostingUIDs(ctx, store, g)
				if err != nil {
					t.Fatal(err)
				}
				want := slices.Contains(db.PostingGrams("郑州嘉禾烩面馆"), g)
				if got := slices.Contains(uids, "LIB-A"); got != want {
					t.Errorf("LIB-A has a posting for %s: %v, want %v (its new name's bigrams only)", g, got, want)
				}
			}
		}
		for _, g := range []string{"有限", "公司"} {
			if uids, err := db.PostingUIDs(ctx, store, g); err != nil || len(uids) != 0 {
				t.Errorf("postings of the legal-form bigram %s: %v (%v), want none", g, uids, err)
			}
		}
		if uids, err := db.PostingUIDs(ctx, store, "宏达"); err != nil || fmt.Sprint(uids) != "[LIB-C]" {
			t.Errorf("postings of 宏达 after an update keeping the name: %v (%v), want [LIB-C]", uids, err)
		}
		if n, err := db.OrphanPostings(ctx, store); err != nil || n != 0 {
			t.Errorf("%d postings without their object (%v)", n, err)
		}
	})
}

// TestSearchDenseAndSparse: searches matching more names than SQLite reads
// from its search index (a walk of the objects there) and fewer (read from
// the index), alone and with a filter, page and count exactly the objects
// whose names hold the fragment, in uid order.
func TestSearchDenseAndSparse(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		var recs []*db.ObjectRecord
		n := db.SparseMatches + 2000 // 测试 is in every name: dense
		for i := range n {
			name := fmt.Sprintf("郑州测试%d号", i)
			if i%1000 == 7 {
				name = fmt.Sprintf("郑州测试稀有%d号", i) // sparse
			}
			recs = append(recs, testObject(fmt.Sprintf("LIB-%06d", (i*7919)%n), name, []string{"A", "B", "C"}[i%3]))
		}
		storeObjects(t, store, recs)
		for _, f := range []db.ObjectFilter{
			{Search: "测试"}, {Search: "州测试9"}, {Search: "稀有"}, {Search: "测试稀有"},
			{Search: "测试", RiskClasses: []string{"B"}}, {Search: "稀有", RiskClasses: []string{"B"}},
		} {
			var want []string
			for _, r := range recs {
				if strings.Contains(r.Name, f.Search) && (f.RiskClasses == nil || r.RiskClass == f.RiskClasses[0]) {
					want = append(want, r.UID)
				}
			}
			slices.Sort(want)
			if got := searchAll(t, store, f, 500, n/500+2); !slices.Equal(got, want) {
				t.Errorf("%+v: found %d objects (%.40v…), want %d (%.40v…)", f, len(got), got, len(want), want)
			}
			if n, err := db.CountObjects(ctx, store, f); err != nil || n != len(want) {
				t.Errorf("%+v: count %d %v, want %d", f, n, err, len(want))
			}
		}
	})
}

// testObject is an active object of kind OTHER at version 1.
func testObject(uid, name, risk string) *db.ObjectRecord {
	now := db.Now()
	return &db.ObjectRecord{Object: db.Object{ID: uuid.Must(uuid.NewV7()).String(), UID: uid, Kind: "OTHER",
		Name: name, RiskClass: risk, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}}
}

// storeObjects inserts recs in one transaction, as the import does.
func storeObjects(t *testing.T, store *db.DB, recs []*db.ObjectRecord) {
	t.Helper()
	changes := make([]string, len(recs))
	for i := range changes {
		changes[i] = "{}"
	}
	if err := store.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
		return db.InsertObjects(ctx, tx, recs, "test", "test", changes)
	}); err != nil {
		t.Fatal(err)
	}
}

// searchAll pages through the objects matching f, size at a time, for at
// most maxPages pages, and returns their uids in the order listed.
func searchAll(t *testing.T, store *db.DB, f db.ObjectFilter, size, maxPages int) []string {
	t.Helper()
	var got []string
	after := ""
	for range maxPages {
		page, more, err := db.ListObjects(context.Background(), store, f, size, after)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			got = append(got, o.UID)
		}
		if !more {
			break
		}
		after = page[len(page)-1].UID
	}
	return got
}
