// Package dbtest gives tests real databases: a fresh SQLite file, and a fresh
// database on a throwaway PostgreSQL 15 that it starts itself (or on the one
// named by SUIJI_TEST_POSTGRES_URL, which the test command sets so that every
// package shares one server). It never mocks a store, and when PostgreSQL
// cannot be had the tests that need it fail with the reason.
//
// A package that uses it runs its tests through Main:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the admin connection

	"github.com/suiji-dev/suiji/db"
)

var (
	startOnce sync.Once
	adminURL  string
	startErr  error
	stopFn    func()
)

// Main starts no server up front; the first test that asks for PostgreSQL
// starts it, and Main stops it when the package's tests end.
func Main(m *testing.M) {
	code := m.Run()
	if stopFn != nil {
		stopFn()
	}
	os.Exit(code)
}

// Stores lists the stores tests run on: both, unless SUIJI_TEST_STORES names
// a subset ("sqlite", "postgres" or "sqlite,postgres").
func Stores() []db.Kind {
	v := os.Getenv("SUIJI_TEST_STORES")
	if v == "" {
		return []db.Kind{db.SQLite, db.Postgres}
	}
	var out []db.Kind
	for _, s := range strings.Split(v, ",") {
		out = append(out, db.Kind(strings.TrimSpace(s)))
	}
	return out
}

// ForEachStore runs fn as a subtest on a fresh, migrated database of each store.
func ForEachStore(t *testing.T, fn func(t *testing.T, store *db.DB)) {
	t.Helper()
	for _, kind := range Stores() {
		t.Run(string(kind), func(t *testing.T) {
			fn(t, Open(t, kind))
		})
	}
}

// Open returns a fresh, migrated database of the given kind, closed (and on
// PostgreSQL dropped) when the test ends.
func Open(t testing.TB, kind db.Kind) *db.DB {
	t.Helper()
	cfg := Config(t, kind)
	store, err := db.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open %s: %v", kind, err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := store.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", kind, err)
	}
	return store
}

// Config returns the configuration of a fresh, empty database of the given
// kind (not migrated), for tests that start the whole server on it.
func Config(t testing.TB, kind db.Kind) db.Config {
	t.Helper()
	switch kind {
	case db.SQLite:
		return db.Config{DataDir: t.TempDir()}
	case db.Postgres:
		return db.Config{URL: NewPostgresDatabase(t), DataDir: t.TempDir()}
	}
	t.Fatalf("unknown store %q", kind)
	return db.Config{}
}

// NewPostgresDatabase creates an empty database and returns its URL.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	startOnce.Do(func() { adminURL, stopFn, startErr = startPostgres() })
	if startErr != nil {
		t.Fatalf("PostgreSQL is needed for this test and could not be started: %v\n"+
			"(set SUIJI_TEST_POSTGRES_URL to a server you run, or SUIJI_TEST_STORES=sqlite to skip PostgreSQL knowingly)", startErr)
	}
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		t.Fatalf("connect to test PostgreSQL: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "suiji_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", adminURL)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return withDatabase(adminURL, name)
}

func withDatabase(url, name string) string {
	i := strings.LastIndex(url, "/")
	rest := ""
	if q := strings.Index(url[i:], "?"); q >= 0 {
		rest = url[i+q:]
	}
	return url[:i+1] + name + rest
}

// startPostgres returns the admin URL of a PostgreSQL server: the one named
// by SUIJI_TEST_POSTGRES_URL, or a throwaway one started now.
func startPostgres() (string, func(), error) {
	if u := os.Getenv("SUIJI_TEST_POSTGRES_URL"); u != "" {
		return u, nil, nil
	}
	initdb, err := findBinary("initdb")
	if err != nil {
		return "", nil, err
	}
	pgctl, err := findBinary("pg_ctl")
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "suiji-pg-")
	if err != nil {
		return "", nil, err
	}
	cred, err := postgresCredential(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", nil, err
	}
	port, err := freePort()
	if err != nil {
		return "", nil, err
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", filepath.Base(name), err, out)
		}
		return nil
	}
	if err := run(initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return "", nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if err := run(pgctl, "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = run(pgctl, "-D", data, "-m", "immediate", "-w", "stop")
		_ = os.RemoveAll(dir)
	}
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	// pg_ctl -w returns once the server accepts connections; check anyway.
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := sql.Open("pgx", url)
		if err == nil {
			err = c.Ping()
			c.Close()
		}
		if err == nil {
			return url, stop, nil
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, fmt.Errorf("PostgreSQL started but does not answer: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// postgresCredential: PostgreSQL refuses to run as root, so as root the
// server runs as the postgres user, which must own its directory.
func postgresCredential(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root and there is no postgres user to run PostgreSQL as")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func findBinary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) > 0 {
		return matches[len(matches)-1], nil
	}
	return "", fmt.Errorf("%s not found on PATH or in /usr/lib/postgresql/*/bin (install postgresql-15)", name)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
