package db_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
)

// TestBulkInsertFailureWritesNothing: a bulk insert that fails part-way
// (a duplicate uid in its second statement, or history that cannot be
// computed after the objects and postings went out) leaves nothing behind
// once its transaction is undone, on both stores and whether the
// transaction is the store's (db.Tx) or one an import holds open (BeginTx).
// On SQLite the statements are INSERT OR FAIL, which keep a failing
// statement's earlier rows until the transaction is undone.
func TestBulkInsertFailureWritesNothing(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		now := db.Now()
		objects := func(n, dup int) ([]*db.ObjectRecord, []string) {
			var recs []*db.ObjectRecord
			var changes []string
			for i := range n {
				uid := fmt.Sprintf("LIB-%06d", i)
				if i == dup {
					uid = "LIB-000010"
				}
				recs = append(recs, &db.ObjectRecord{Object: db.Object{ID: uuid.Must(uuid.NewV7()).String(),
					UID: uid, Kind: "OTHER", Name: fmt.Sprintf("郑州批量%04d商行", i), Active: true,
					Version: 1, CreatedAt: now, UpdatedAt: now}})
				changes = append(changes, "{}")
			}
			return recs, changes
		}
		broken := errors.New("history could not be computed")
		cases := []struct {
			name    string
			dup     int
			changes error
		}{
			{"duplicate uid in the second statement", 150, nil},
			{"history fails after the postings", -1, broken},
		}
		for _, c := range cases {
			recs, changes := objects(250, c.dup)
			insert := func(ctx context.Context, tx bun.Tx) error {
				return db.InsertObjectsThen(ctx, tx, recs, "test", "test", func() ([]string, error) { return changes, c.changes })
			}
			check := func(how string, err error) {
				t.Helper()
				switch {
				case err == nil:
					t.Errorf("%s, %s: the insert succeeded", c.name, how)
				case c.changes != nil && !errors.Is(err, c.changes):
					t.Errorf("%s, %s: error %v, want %v", c.name, how, err, c.changes)
				case c.changes == nil && !db.IsUniqueViolation(err):
					t.Errorf("%s, %s: error %v, want a unique violation", c.name, how, err)
				}
				postings := "object_grams"
				if store.Kind == db.SQLite {
					postings = "object_search"
				}
				for _, table := range []string{"objects", postings, "object_versions"} {
					n, err := store.NewSelect().TableExpr(table).Count(ctx)
					if err != nil || n != 0 {
						t.Errorf("%s, %s: %d rows in %s after the rollback (%v), want 0", c.name, how, n, table, err)
					}
				}
			}
			check("db.Tx", store.Tx(ctx, insert))
			tx, err := store.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = insert(ctx, tx)
			_ = tx.Rollback()
			check("BeginTx", err)
		}
		// The same rows without the fault are written whole.
		recs, changes := objects(250, -1)
		if err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return db.InsertObjects(ctx, tx, recs, "test", "test", changes)
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := store.NewSelect().TableExpr("objects").Count(ctx); err != nil || n != 250 {
			t.Errorf("%d objects stored (%v), want 250", n, err)
		}
	})
}

// TestBulkInsertWaysStoreTheSame: the three ways of bulkInsert (COPY inside
// a PostgreSQL transaction, bound parameters inside an SQLite one, values
// written into the statement elsewhere) store the same values, down to the
// text of times and booleans.
func TestBulkInsertWaysStoreTheSame(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 12, 2, 19, 40, 1, 123456000, time.UTC)
		risk := at.Add(-time.Hour)
		objects := func(prefix string, n int) ([]*db.ObjectRecord, []string) {
			var recs []*db.ObjectRecord
			var changes []string
			for i := range n {
				o := db.Object{ID: uuid.Must(uuid.NewV7()).String(), UID: fmt.Sprintf("%s-%03d", prefix, i), Kind: "OTHER",
					Name: "郑州“引号'商行", RiskClass: "B", Active: i%2 == 0, Version: 3, CreatedAt: at, UpdatedAt: at}
				if i%3 == 0 {
					o.RiskChangedAt = &risk
				}
				recs = append(recs, &db.ObjectRecord{Object: o})
				changes = append(changes, `{"n":1}`)
			}
			return recs, changes
		}
		inTx, changes := objects("TX", 70) // enough rows for COPY
		if err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return db.InsertObjects(ctx, tx, inTx, "test", "test", changes)
		}); err != nil {
			t.Fatal(err)
		}
		outside, changes := objects("NO", 6)
		if err := db.InsertObjects(ctx, store, outside, "test", "test", changes); err != nil {
			t.Fatal(err)
		}
		stored := func(uid string) string {
			cols := make([]string, 8)
			err := store.NewRaw("SELECT CAST(o.name AS TEXT), CAST(o.created_at AS TEXT), "+
				"COALESCE(CAST(o.risk_changed_at AS TEXT), 'NULL'), CAST(o.active AS TEXT), CAST(o.version AS TEXT), "+
				"CAST(v.changed_at AS TEXT), CAST(v.version AS TEXT), v.data "+
				"FROM objects AS o JOIN object_versions AS v ON v.object_id = o.id WHERE o.uid = ?", uid).
				Scan(ctx, &cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5], &cols[6], &cols[7])
			if err != nil {
				t.Fatalf("read %s: %v", uid, err)
			}
			return fmt.Sprint(cols)
		}
		for i := range 6 {
			a, b := stored(inTx[i].UID), stored(outside[i].UID)
			if a != b {
				t.Errorf("row %d stored differently:\n in a transaction %s\n outside          %s", i, a, b)
			}
			if i == 0 {
				t.Logf("stored: %s", a)
			}
		}
	})
}
