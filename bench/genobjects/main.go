// Command genobjects writes a file of valid objects for the import
// benchmark: XLSX or CSV by the output's extension, the 14 columns of the
// objects import under their canonical headers, rows as demo generates them.
//
//	go run ./bench/genobjects -n 100000 -o /tmp/objects-100k.xlsx
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/suiji-dev/suiji/bench/internal/objgen"
	"github.com/suiji-dev/suiji/tabular"
)

type rowWriter interface {
	Write([]string) error
	Close() error
}

func main() {
	n := flag.Int("n", 100000, "rows to write")
	out := flag.String("o", "objects.xlsx", "output file (.xlsx or .csv)")
	seed := flag.Uint64("seed", 7, "generator seed: the same seed writes the same rows (demo seeds with 2026)")
	flag.Parse()
	if err := run(*n, *out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "genobjects:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed uint64) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	var w rowWriter
	switch {
	case strings.HasSuffix(strings.ToLower(out), ".xlsx"):
		w, err = tabular.NewXLSXWriter(bw, "对象", objgen.Header())
	case strings.HasSuffix(strings.ToLower(out), ".csv"):
		w, err = tabular.NewCSVWriter(bw, objgen.Header())
	default:
		return fmt.Errorf("%s: name a .xlsx or .csv file", out)
	}
	if err != nil {
		return err
	}
	g := objgen.New(seed)
	for range n {
		row, err := g.Next()
		if err != nil {
			return err
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %d objects to %s\n", n, out)
	return nil
}
