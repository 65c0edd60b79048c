// Command objectload loads generated objects into a PostgreSQL database
// with COPY (bench/internal/bulk): the rows the import pipeline would write,
// much faster, for the list benchmark's 1,000,000 objects.
//
// With -url it loads into that database, which must be migrated and seeded
// (suiji seed --demo). Without -url it starts a throwaway PostgreSQL, creates
// a database, migrates and seeds it with -suiji, loads, reports the time and
// the database's size, and removes the server.
//
//	go run ./bench/objectload -n 1000000 -url postgres://postgres@127.0.0.1:55432/list?sslmode=disable
//	go run ./bench/objectload -n 100000 -suiji /tmp/suiji
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"time"

	"github.com/suiji-dev/suiji/bench/internal/bulk"
	"github.com/suiji-dev/suiji/bench/internal/pgtmp"
)

func main() {
	n := flag.Int("n", 1000000, "objects to load")
	url := flag.String("url", "", "a migrated, seeded PostgreSQL database (empty: start a throwaway server)")
	suiji := flag.String("suiji", "/tmp/suiji", "the suiji binary, to migrate and seed a throwaway database")
	chunk := flag.Int("chunk", 20000, "objects per transaction")
	seed := flag.Uint64("seed", 11, "generator seed")
	timeout := flag.Duration("timeout", 30*time.Minute, "give up after this long")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if err := run(ctx, *n, *url, *suiji, *chunk, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "objectload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, n int, url, suiji string, chunk int, seed uint64) error {
	if url == "" {
		srv, err := pgtmp.Start()
		if err != nil {
			return err
		}
		defer srv.Stop()
		if url, err = pgtmp.CreateDatabase(ctx, srv.URL, "objectload"); err != nil {
			return err
		}
		if err := Prepare(ctx, suiji, url, srv.Dir); err != nil {
			return err
		}
	}
	st, err := bulk.Load(ctx, url, n, chunk, seed, os.Stdout)
	if err != nil {
		return err
	}
	t := time.Now()
	if err := bulk.Analyze(ctx, url); err != nil {
		return err
	}
	fmt.Printf("loaded %d objects, %d tag links, %d department links, %d grams in %s (%.0f objects/s); ANALYZE %s\n",
		st.Objects, st.Tags, st.Departments, st.Grams, st.Elapsed.Round(time.Millisecond),
		float64(st.Objects)/st.Elapsed.Seconds(), time.Since(t).Round(time.Millisecond))
	if c, err := sql.Open("pgx", url); err == nil {
		var size string
		if c.QueryRowContext(ctx, "SELECT pg_size_pretty(pg_database_size(current_database()))").Scan(&size) == nil {
			fmt.Println("database size:", size)
		}
		c.Close()
	}
	return nil
}

// Prepare migrates a database and loads the demo departments, users and
// tags into it (suiji seed --demo --objects 1: one demo object, not 3,000).
func Prepare(ctx context.Context, suiji, url, dataDir string) error {
	cmd := exec.CommandContext(ctx, suiji, "seed", "--demo", "--objects", "1")
	cmd.Env = append(os.Environ(), "SUIJI_DATABASE_URL="+url, "SUIJI_DATA_DIR="+dataDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("suiji seed --demo: %w\n%s", err, out)
	}
	return nil
}
