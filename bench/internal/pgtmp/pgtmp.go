// Package pgtmp starts a throwaway PostgreSQL 15 for the benchmarks: its own
// directory under the system temp dir, 127.0.0.1 on a free port, trust
// authentication, fsync off, memory settings of a small production server.
// As root it runs the server as the postgres user. Stop removes everything.
package pgtmp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver
)

// Server is a running throwaway PostgreSQL.
type Server struct {
	// URL is the admin URL (database postgres).
	URL  string
	Dir  string
	stop func()
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() {
	if s != nil && s.stop != nil {
		s.stop()
	}
}

// Start initialises and starts a server. Extra settings ("name=value") are
// passed with -c after the defaults.
func Start(settings ...string) (*Server, error) {
	initdb, err := findBinary("initdb")
	if err != nil {
		return nil, err
	}
	pgctl, err := findBinary("pg_ctl")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "suiji-bench-pg-")
	if err != nil {
		return nil, err
	}
	cred, err := credential(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
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
		_ = os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", port, dir)
	for _, s := range append(Defaults(), settings...) {
		opts += " -c " + s
	}
	if err := run(pgctl, "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), Dir: dir}
	s.stop = func() {
		_ = run(pgctl, "-D", data, "-m", "fast", "-w", "stop")
		_ = os.RemoveAll(dir)
	}
	return s, nil
}

// Defaults are the settings every benchmark server gets: no fsync (a
// throwaway store) and the memory of a modest production server on this
// 2-core, 24 GiB machine.
func Defaults() []string {
	return []string{"fsync=off", "shared_buffers=1GB", "work_mem=16MB", "maintenance_work_mem=512MB",
		"max_wal_size=4GB", "effective_cache_size=8GB", "max_connections=100"}
}

// CreateDatabase creates a database on the server of adminURL and returns
// its URL.
func CreateDatabase(ctx context.Context, adminURL, name string) (string, error) {
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return WithDatabase(adminURL, name), nil
}

// DropDatabase drops a database (forcing off its sessions).
func DropDatabase(ctx context.Context, adminURL, name string) error {
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

// WithDatabase returns url naming database name instead.
func WithDatabase(url, name string) string {
	i := len(url) - 1
	for i >= 0 && url[i] != '/' {
		i--
	}
	rest := ""
	for j := i; j < len(url); j++ {
		if url[j] == '?' {
			rest = url[j:]
			break
		}
	}
	return url[:i+1] + name + rest
}

func credential(dir string) (*syscall.Credential, error) {
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

// WaitReady pings url until it answers or the deadline passes.
func WaitReady(url string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		c, err := sql.Open("pgx", url)
		if err == nil {
			err = c.Ping()
			c.Close()
		}
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}
