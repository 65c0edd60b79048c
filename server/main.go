// Command suiji is the whole product in one binary: the HTTP server with the
// GraphQL API and the web app, and the shell commands that operate it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitError carries a process exit code other than 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// exitCode prints err as one line (never a stack trace) and returns the
// process's exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(stderr, "suiji:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "suiji:", err)
	return 1
}

const usage = `suiji — 双随机、一公开 joint market-supervision inspections

Usage: suiji <command> [flags]

Commands:
  serve            run the HTTP server (GraphQL API, web app, metrics)
  migrate          apply pending database migrations
  seed --demo      load demo data (departments, one user per role)
  audit verify     check the audit trail's hash chain and signed checkpoints
  keys rotate      make a new token-signing key (the old one stays valid until its tokens expire)
  user add|passwd|disable   manage accounts from the shell
  import objects|inspectors|items FILE   bulk import from CSV or XLSX (--dry-run, --all-or-nothing)
  import template objects|inspectors|items   print an import template's header line
  verify-draw FILE|URL   check a draw's evidence document (or a vectors file) with no database

Run "suiji <command> --help" for a command's flags. Configuration comes from
flags or the environment (SUIJI_ADDR, SUIJI_DATA_DIR, SUIJI_DATABASE_URL,
SUIJI_AUDIT_KEY_FILE, …); see the README.
`

// run is the program: main only wires the process to it, so tests can call
// it with their own arguments, environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2, err: errors.New("")}
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "seed":
		return cmdSeed(ctx, rest, getenv, stdout, stderr)
	case "audit":
		return cmdAudit(ctx, rest, getenv, stdout, stderr)
	case "keys":
		return cmdKeys(ctx, rest, getenv, stdout, stderr)
	case "user":
		return cmdUser(ctx, rest, getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, rest, getenv, stdout, stderr)
	case "verify-draw":
		return cmdVerifyDraw(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return &exitError{code: 2, err: fmt.Errorf("unknown command %q", cmd)}
}

// newLogger returns the structured logger the configuration asks for.
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
