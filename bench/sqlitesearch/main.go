// Command sqlitesearch times object searches on an embedded SQLite store:
// for each search (alone and with a risk-class filter) the first page of 20
// (15 runs, p50 and max) and the count, as the list screen asks for them.
// It reads the store as it is; import a library first:
//
//	go run ./bench/genobjects -n 100000 -o objects.xlsx
//	SUIJI_DATA_DIR=d suiji seed --demo --objects 1
//	SUIJI_DATA_DIR=d suiji import objects objects.xlsx
//	go run ./bench/sqlitesearch d
package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/suiji-dev/suiji/db"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sqlitesearch DATA_DIR")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "sqlitesearch:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string) error {
	store, err := db.Open(ctx, db.Config{DataDir: dir})
	if err != nil {
		return err
	}
	defer store.Close()
	// Common and rare two-character terms, longer fragments, a fragment of
	// common bigrams only (in the names of the zone's individual
	// businesses, which come last in uid order) and one no name holds.
	searches := []string{"郑州", "食品", "启明", "超市", "启明食品", "鑫源机械", "航海医疗器械", "经济技术开发区", "无此名称"}
	fmt.Printf("%-22s %6s %10s %10s %8s %10s\n", "search", "page", "p50", "max", "count", "count in")
	for _, s := range searches {
		for _, f := range []db.ObjectFilter{{Search: s}, {Search: s, RiskClasses: []string{"D"}}} {
			var ts []time.Duration
			var n int
			for range 15 {
				t := time.Now()
				page, _, err := db.ListObjects(ctx, store, f, 20, "")
				if err != nil {
					return fmt.Errorf("list %q: %w", s, err)
				}
				ts = append(ts, time.Since(t))
				n = len(page)
			}
			t := time.Now()
			c, err := db.CountObjects(ctx, store, f)
			if err != nil {
				return fmt.Errorf("count %q: %w", s, err)
			}
			ct := time.Since(t)
			slices.Sort(ts)
			label := s
			if f.RiskClasses != nil {
				label += " +risk D"
			}
			fmt.Printf("%-22s %6d %10s %10s %8d %10s\n", label, n, ms(ts[7]), ms(ts[14]), c, ms(ct))
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
