package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/demo"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/server/webui"
	"github.com/suiji-dev/suiji/service"
)

// app is an opened store with its service, shared by every command.
type app struct {
	cfg     Config
	log     *slog.Logger
	store   *db.DB
	svc     *service.Service
	metrics *Metrics
}

// newFlags returns a flag set for one command, with the shared
// configuration flags and a usage line.
func newFlags(name, synopsis string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, func() (Config, error)) {
	fs := flag.NewFlagSet("suiji "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	finish := configFlags(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: suiji %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs, finish
}

// parse reads flags and configuration; a bad flag or setting is one clear
// line and exit code 2.
func parse(fs *flag.FlagSet, finish func() (Config, error), args []string) (Config, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return Config{}, err
		}
		return Config{}, &exitError{code: 2, err: err}
	}
	cfg, err := finish()
	if err != nil {
		return cfg, &exitError{code: 2, err: fmt.Errorf("configuration: %w", err)}
	}
	return cfg, nil
}

// openApp opens the store named by cfg, applies pending migrations and
// makes sure a token-signing key exists.
func openApp(ctx context.Context, cfg Config, log *slog.Logger, migrate bool) (*app, error) {
	m := newMetrics()
	store, err := db.Open(ctx, db.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, OnQuery: m.dbQueries.Inc})
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	if migrate {
		applied, err := store.Migrate(ctx)
		if err != nil {
			store.Close()
			return nil, &exitError{code: 2, err: fmt.Errorf("migrate %s: %w", store.Where, err)}
		}
		if len(applied) > 0 {
			log.Info("applied migrations", "versions", applied, "store", store.Where)
		}
		if err := db.EnsureSigningKey(ctx, store); err != nil {
			store.Close()
			return nil, fmt.Errorf("token-signing key: %w", err)
		}
	}
	scfg := service.DefaultConfig()
	scfg.AuditKeyFile = cfg.AuditKeyFile
	return &app{cfg: cfg, log: log, store: store, svc: service.New(store, scfg, log, nil), metrics: m}, nil
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, finish := newFlags("serve", "serve [flags]", getenv, stderr)
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	a, err := openApp(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer a.store.Close()
	if _, _, err := audit.LoadOrCreateKey(cfg.AuditKeyFile); err != nil {
		return &exitError{code: 2, err: fmt.Errorf("audit key %s: %w", cfg.AuditKeyFile, err)}
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("listen on %s: %w", cfg.Addr, err)}
	}
	srv := &http.Server{
		Handler:           NewServer(cfg, log, a.svc, a.metrics),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// The background work ends before the store closes and serve returns:
	// a checkpoint being signed or an import batch must not outlive them.
	bg, stopBG := context.WithCancel(ctx)
	var background sync.WaitGroup
	defer func() { stopBG(); background.Wait() }()
	background.Go(func() { a.svc.RunCheckpoints(bg, cfg.CheckpointInterval) })
	host, _ := os.Hostname()
	background.Go(func() { a.svc.RunImports(bg, fmt.Sprintf("%s:%d:%s", host, os.Getpid(), ln.Addr())) })

	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "suiji listening on %s (store: %s)\n", url, a.store.Where)
	if !webui.Built() {
		fmt.Fprintln(stdout, "note: this binary has no web app built in; run `npm ci && npm run build` and rebuild")
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	stopBG()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, finish := newFlags("migrate", "migrate [flags]", getenv, stderr)
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	a, err := openApp(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer a.store.Close()
	applied, err := a.store.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := db.EnsureSigningKey(ctx, a.store); err != nil {
		return fmt.Errorf("token-signing key: %w", err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(stdout, "%s: schema is up to date\n", a.store.Where)
	} else {
		fmt.Fprintf(stdout, "%s: applied migrations %v\n", a.store.Where, applied)
	}
	return nil
}

func cmdSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, finish := newFlags("seed", "seed --demo [flags]", getenv, stderr)
	demoData := fs.Bool("demo", false, "load demo data: the 16 departments, one user per role, item lists, inspectors, 3,000 objects and a drawn joint plan")
	objects := fs.Int("objects", 0, "generate this many valid objects (for benchmarks); with --demo, instead of 3,000")
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	if !*demoData && *objects <= 0 {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("seed: say what to load (--demo or --objects N)")}
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, stderr), true)
	if err != nil {
		return err
	}
	defer a.store.Close()
	if !*demoData {
		if _, err := demo.Seed(ctx, a.svc, demo.DefaultPassword, io.Discard); err != nil { // objects need the departments
			return fmt.Errorf("seed: %w", err)
		}
		if err := demo.SeedObjects(ctx, a.svc, *objects, uint64(time.Now().UnixNano()), stdout); err != nil {
			return fmt.Errorf("seed objects: %w", err)
		}
		return nil
	}
	password := getenv("SUIJI_DEMO_PASSWORD")
	if password == "" {
		password = demo.DefaultPassword
	}
	if _, err := demo.Seed(ctx, a.svc, password, stdout); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	n := *objects
	if n == 0 {
		n = 3000
		if existing, err := db.CountObjects(ctx, a.store, db.ObjectFilter{}); err == nil && existing >= n {
			n = 0 // seeding twice changes nothing
		}
	}
	if err := demo.SeedLibraries(ctx, a.svc, demo.LibraryOptions{Objects: n}, stdout); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := demo.SeedPlan(ctx, a.svc, stdout); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintln(stdout, "demo sign-ins (演示账号):")
	for _, acc := range demo.Accounts {
		fmt.Fprintf(stdout, "  %-11s %-10s password: %s\n", acc.Username, acc.Role, password)
	}
	if getenv("SUIJI_DEMO_PASSWORD") == "" {
		fmt.Fprintln(stdout, "WARNING: demo accounts use a published password; for demonstrations only (演示密码公开，仅供演示)")
	}
	return nil
}

func cmdAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "Usage: suiji audit verify [flags]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return &exitError{code: 2, err: errors.New("audit: unknown or missing subcommand (verify)")}
	}
	fs, finish := newFlags("audit verify", "audit verify [flags]\n\nChecks the hash chain of the audit trail and its signed checkpoints.\nExit 0 intact, 1 broken (naming the first bad entry), 2 store unreadable.", getenv, stderr)
	cfg, err := parse(fs, finish, args[1:])
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, stderr), false)
	if err != nil {
		return err
	}
	defer a.store.Close()
	rep, err := a.svc.VerifyAudit(identity.With(ctx, identity.System()))
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("audit verify: %w", err)}
	}
	if !rep.Intact {
		fmt.Fprintln(stdout, rep.Message)
		return &exitError{code: 1, err: errors.New("")}
	}
	fmt.Fprintln(stdout, rep.Message)
	return nil
}

func cmdKeys(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprintln(stderr, "Usage: suiji keys rotate [flags]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return &exitError{code: 2, err: errors.New("keys: unknown or missing subcommand (rotate)")}
	}
	fs, finish := newFlags("keys rotate", "keys rotate [flags]\n\nMakes a new token-signing key; tokens signed by the old key stay valid until they expire.", getenv, stderr)
	cfg, err := parse(fs, finish, args[1:])
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, stderr), true)
	if err != nil {
		return err
	}
	defer a.store.Close()
	kid, err := a.svc.RotateSigningKey(identity.With(ctx, identity.System()))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "new signing key %s; the previous key verifies tokens until they expire\n", kid)
	return nil
}

func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	var synopsis string
	switch sub {
	case "add":
		synopsis = "user add -username NAME -name 姓名 -role ROLE [-department CODE] [flags]\n\nThe password is read from standard input (one line)."
	case "passwd":
		synopsis = "user passwd -username NAME [flags]\n\nThe new password is read from standard input (one line)."
	case "disable":
		synopsis = "user disable -username NAME [flags]"
	default:
		fmt.Fprintln(stderr, "Usage: suiji user add|passwd|disable [flags]")
		if sub == "-h" || sub == "--help" {
			return nil
		}
		return &exitError{code: 2, err: fmt.Errorf("user: unknown or missing subcommand %q", sub)}
	}
	fs, finish := newFlags("user "+sub, synopsis, getenv, stderr)
	username := fs.String("username", "", "the account's username")
	name := fs.String("name", "", "display name (add)")
	role := fs.String("role", "", "ADMIN, DEPT_ADMIN, INSPECTOR or ANALYST (add)")
	dept := fs.String("department", "", "department code, e.g. SCJG (add; required for DEPT_ADMIN)")
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	if *username == "" {
		return &exitError{code: 2, err: errors.New("-username is required")}
	}
	a, err := openApp(ctx, cfg, newLogger(cfg, stderr), true)
	if err != nil {
		return err
	}
	defer a.store.Close()
	ctx = identity.With(ctx, identity.System())
	switch sub {
	case "add":
		password, err := readPassword(os.Stdin)
		if err != nil {
			return err
		}
		r := identity.Role(strings.ToUpper(*role))
		in := service.UserInput{Username: *username, DisplayName: name, Role: &r, Password: password}
		if *dept != "" {
			d, err := db.GetDepartmentByCode(ctx, a.store, *dept)
			if err != nil {
				return fmt.Errorf("department %s: %w", *dept, err)
			}
			in.DepartmentID = &d.ID
		}
		u, err := a.svc.CreateUser(ctx, in)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "user %s (%s) created\n", u.Username, u.Role)
	case "passwd":
		password, err := readPassword(os.Stdin)
		if err != nil {
			return err
		}
		u, err := db.GetUserByUsername(ctx, a.store, *username)
		if err != nil {
			return fmt.Errorf("user %s: %w", *username, err)
		}
		if err := a.svc.ResetUserPassword(ctx, u.ID, password); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "password of %s changed; its sessions have ended\n", u.Username)
	case "disable":
		u, err := db.GetUserByUsername(ctx, a.store, *username)
		if err != nil {
			return fmt.Errorf("user %s: %w", *username, err)
		}
		if _, err := a.svc.SetUserDisabled(ctx, u.ID, true); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "user %s disabled; its sessions have ended\n", u.Username)
	}
	return nil
}

func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

// userError shows a fault's message alone: it is written for people.
func userError(err error) error {
	if f, ok := fault.As(err); ok && f.Code != fault.Internal {
		return errors.New(f.Message)
	}
	return err
}
