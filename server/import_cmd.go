package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
	"github.com/suiji-dev/suiji/tabular"
)

// cmdImport: suiji import objects|inspectors|items FILE, and suiji import
// template KIND. Rows are numbered as the spreadsheet numbers them.
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := "import objects|inspectors|items [flags] FILE\n       suiji import template objects|inspectors|items\n\n" +
		"Imports a CSV (UTF-8 or GBK) or XLSX file. Prints one line per rejected row and a summary;\n" +
		"exit 0 when every row was accepted, 1 when any was rejected (dry run included), 2 when the file cannot be read."
	if len(args) == 0 {
		fmt.Fprintln(stderr, "Usage: suiji "+usage)
		return &exitError{code: 2, err: errors.New("import: say what to import")}
	}
	sub := args[0]
	if sub == "-h" || sub == "--help" {
		fmt.Fprintln(stderr, "Usage: suiji "+usage)
		return nil
	}
	if sub == "template" {
		if len(args) != 2 || service.ImportColumns(strings.ToUpper(args[1])) == nil {
			return &exitError{code: 2, err: errors.New("usage: suiji import template objects|inspectors|items")}
		}
		fmt.Fprintln(stdout, strings.Join(tabular.Template(service.ImportColumns(strings.ToUpper(args[1]))), ","))
		return nil
	}
	kind := strings.ToUpper(sub)
	if service.ImportColumns(kind) == nil {
		return &exitError{code: 2, err: fmt.Errorf("import: unknown kind %q (objects, inspectors or items)", sub)}
	}
	fs, finish := newFlags("import "+sub, usage, getenv, stderr)
	dry := fs.Bool("dry-run", false, "check every row and report, writing nothing")
	all := fs.Bool("all-or-nothing", false, "write nothing when any row is bad")
	cfg, err := parse(fs, finish, args[1:])
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{code: 2, err: errors.New("import: name one file")}
	}
	path := fs.Arg(0)
	if _, err := os.Stat(path); err != nil {
		return &exitError{code: 2, err: fmt.Errorf("cannot read %s: %w", path, err)}
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, stderr), true)
	if err != nil {
		return err
	}
	defer a.store.Close()
	ctx = identity.With(ctx, identity.System())
	job, err := a.svc.ImportFile(ctx, service.ImportRequest{Kind: kind, DryRun: *dry, AllOrNothing: *all}, path)
	if err != nil {
		return &exitError{code: 2, err: userError(err)}
	}
	if job.Status == db.ImportFailed {
		return &exitError{code: 2, err: fmt.Errorf("%s: %s", path, job.Message)}
	}
	// One line per rejected row; a row with several problems lists them
	// after the first, separated by "; ".
	after, lastRow, printed := 0, 0, 0
	for {
		errs, more, err := a.svc.ImportErrors(ctx, job.ID, 1000, after)
		if err != nil {
			return err
		}
		for _, e := range errs {
			if e.RowNo == lastRow {
				fmt.Fprintf(stdout, "; %s: %s %s", e.Col, e.Code, e.Message)
			} else {
				if lastRow != 0 {
					fmt.Fprintln(stdout)
				}
				fmt.Fprintf(stdout, "row %d: %s: %s %s", e.RowNo, e.Col, e.Code, e.Message)
				printed++
			}
			lastRow, after = e.RowNo, e.Seq
		}
		if !more {
			break
		}
	}
	if lastRow != 0 {
		fmt.Fprintln(stdout)
	}
	if job.RejectedCount > printed {
		fmt.Fprintf(stdout, "(%d more rejected rows are not listed)\n", job.RejectedCount-printed)
	}
	note := ""
	switch {
	case *dry:
		note = " (dry run: nothing written)"
	case *all && job.RejectedCount > 0:
		note = " (all or nothing: nothing written)"
	}
	fmt.Fprintf(stdout, "created %d, updated %d, unchanged %d, rejected %d%s\n",
		job.CreatedCount, job.UpdatedCount, job.UnchangedCount, job.RejectedCount, note)
	if job.RejectedCount > 0 {
		return &exitError{code: 1, err: errors.New("")}
	}
	return nil
}
