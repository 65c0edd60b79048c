package db

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestSearchIndexMigrationMovesPostings: an SQLite store made before
// migration 0009, its postings in object_grams, finds the same objects after
// the upgrade moves them into the FTS5 index, and keeps no orphans.
func TestSearchIndexMigrationMovesPostings(t *testing.T) {
	ctx := context.Background()
	store, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.migrateTo(ctx, 8); err != nil {
		t.Fatal(err)
	}
	names := []string{"郑州启明食品有限公司", "启明超市", "鑫源机械有限公司", "有限公司"} // the last has no postings
	now := Now()
	for i, name := range names {
		uid := fmt.Sprintf("UPG-%03d", i)
		if _, err := store.ExecContext(ctx, "INSERT INTO objects (id, uid, kind, name, version, created_at, updated_at) VALUES (?, ?, 'OTHER', ?, 1, ?, ?)",
			fmt.Sprintf("id-%d", i), uid, name, now, now); err != nil {
			t.Fatal(err)
		}
		for _, g := range PostingGrams(name) {
			if _, err := store.ExecContext(ctx, "INSERT INTO object_grams (gram, uid) VALUES (?, ?)", g, uid); err != nil {
				t.Fatal(err)
			}
		}
	}
	applied, err := store.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(applied, 9) {
		t.Fatalf("applied %v, want 0009 among them", applied)
	}
	for _, c := range []struct {
		search string
		want   []string
	}{
		{"启明", []string{"UPG-000", "UPG-001"}},
		{"食品", []string{"UPG-000"}},
		{"鑫源机械", []string{"UPG-002"}},
		{"机械超市", nil},
	} {
		page, _, err := ListObjects(ctx, store, ObjectFilter{Search: c.search}, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range page {
			got = append(got, o.UID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q after the upgrade: %v, want %v", c.search, got, c.want)
		}
	}
	uids, err := PostingUIDs(ctx, store, "启明")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(uids, []string{"UPG-000", "UPG-001"}) {
		t.Errorf("postings of 启明 after the upgrade: %v", uids)
	}
	if n, err := OrphanPostings(ctx, store); err != nil || n != 0 {
		t.Errorf("orphan postings after the upgrade: %d %v", n, err)
	}
	var tables int
	if err := store.NewRaw("SELECT COUNT(*) FROM sqlite_master WHERE name = 'object_grams'").Scan(ctx, &tables); err != nil || tables != 0 {
		t.Errorf("object_grams still there after the upgrade (%d, %v)", tables, err)
	}
}
