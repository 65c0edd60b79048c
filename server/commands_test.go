package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
)

// runCmd runs the suiji command with env and returns its exit code and output.
func runCmd(t *testing.T, env map[string]string, args ...string) (int, string) {
	t.Helper()
	var out, errOut strings.Builder
	err := run(context.Background(), append([]string{"suiji"}, args...), func(k string) string { return env[k] }, &out, &errOut)
	return exitCode(err, &errOut), out.String() + errOut.String()
}

// TestAuditVerifyCommand tampers with the audit trail straight in the
// database and checks that `suiji audit verify` notices and names the entry.
func TestAuditVerifyCommand(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			env := map[string]string{"SUIJI_DATA_DIR": s.cfg.DataDir, "SUIJI_DATABASE_URL": s.cfg.DatabaseURL}
			admin := s.login("admin").AccessToken
			for i := range 5 {
				s.must(admin, createDepartment, map[string]any{"in": map[string]any{"code": fmt.Sprintf("AV%d", i), "name": fmt.Sprintf("审计局%d", i)}}, nil)
			}
			code, out := runCmd(t, env, "audit", "verify")
			if code != 0 || !strings.Contains(out, "intact") {
				t.Fatalf("intact chain: exit %d, %q", code, out)
			}
			n := s.auditCount()
			ctx := context.Background()
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := s.app.store.ExecContext(ctx, q, args...); err != nil {
					t.Fatal(err)
				}
			}
			snapshot := func() []map[string]any {
				var rows []map[string]any
				if err := s.app.store.NewSelect().Table("audit_log").Order("seq").Scan(ctx, &rows); err != nil {
					t.Fatal(err)
				}
				return rows
			}
			restore := func(rows []map[string]any) {
				exec("DELETE FROM audit_log")
				for _, r := range rows {
					if _, err := s.app.store.NewInsert().Model(&r).TableExpr("audit_log").Exec(ctx); err != nil {
						t.Fatal(err)
					}
				}
				exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", rows[len(rows)-1]["seq"], rows[len(rows)-1]["hash"])
			}
			orig := snapshot()
			mid := int64(n / 2)
			for _, tc := range []struct {
				name   string
				tamper func()
				want   int64 // the seq the report must name
			}{
				{"edited entry", func() { exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?", mid) }, mid},
				{"edited change", func() { exec(`UPDATE audit_log SET after_json = '{"name":"假"}' WHERE seq = ?`, mid+1) }, mid + 1},
				{"deleted entry", func() { exec("DELETE FROM audit_log WHERE seq = ?", mid) }, mid},
				{"reordered entries", func() {
					exec("UPDATE audit_log SET seq = -1 WHERE seq = ?", mid)
					exec("UPDATE audit_log SET seq = ? WHERE seq = ?", mid, mid+1)
					exec("UPDATE audit_log SET seq = ? WHERE seq = -1", mid+1)
				}, mid},
				{"deleted tail", func() {
					exec("DELETE FROM audit_log WHERE seq > ?", mid)
					exec("UPDATE audit_head SET seq = ?, hash = (SELECT hash FROM audit_log WHERE seq = ?) WHERE id = 1", mid, mid)
				}, 0},
			} {
				restore(orig)
				if code, out := runCmd(t, env, "audit", "verify"); code != 0 {
					t.Fatalf("%s: restored chain does not verify: %s", tc.name, out)
				}
				tc.tamper()
				code, out := runCmd(t, env, "audit", "verify")
				if code != 1 {
					t.Errorf("%s: exit %d, want 1; output %q", tc.name, code, out)
					continue
				}
				if tc.want > 0 && !regexp.MustCompile(fmt.Sprintf(`seq %d\b`, tc.want)).MatchString(out) {
					t.Errorf("%s: report %q does not name seq %d", tc.name, strings.TrimSpace(out), tc.want)
				}
			}

			// A store that cannot be read is exit 2.
			bad := map[string]string{"SUIJI_DATA_DIR": t.TempDir(), "SUIJI_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}
			if code, out := runCmd(t, bad, "audit", "verify"); code != 2 {
				t.Errorf("unreachable store: exit %d, want 2 (%q)", code, out)
			}
		})
	}
}

// TestServeCommand starts the real `suiji serve`, waits for /healthz, checks
// the endpoints around GraphQL and shuts it down with the context (SIGTERM).
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SUIJI_DATA_DIR": dir, "SUIJI_ADDR": "127.0.0.1:0", "SUIJI_DEMO_PASSWORD": testPassword}
	if code, out := runCmd(t, env, "seed", "--demo"); code != 0 || !strings.Contains(out, "16 departments") {
		t.Fatalf("seed: exit %d %q", code, out)
	}
	if code, out := runCmd(t, env, "seed", "--demo"); code != 0 || !strings.Contains(out, "0 departments and 0 users created") {
		t.Fatalf("second seed changed something: exit %d %q", code, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"suiji", "serve"}, func(k string) string { return env[k] }, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url := regexp.MustCompile(`http://\S+`).FindString(line)
	if url == "" {
		t.Fatalf("serve did not print its address: %q", line)
	}
	get := func(path string) (int, string, http.Header) {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b), res.Header
	}
	if code, _, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	if code, _, _ := get("/readyz"); code != 200 {
		t.Errorf("/readyz: %d", code)
	}
	if _, _, h := get("/healthz"); h.Get("X-Request-Id") == "" {
		t.Error("responses carry no X-Request-Id")
	}
	code, body, _ := get("/metrics")
	if code != 200 || !strings.Contains(body, "suiji_db_queries_total") || !strings.Contains(body, "suiji_http_requests_total") {
		t.Errorf("/metrics: %d, missing suiji series", code)
	}
	m := regexp.MustCompile(`(?m)^suiji_db_queries_total (\d+)`).FindStringSubmatch(body)
	if m == nil || m[1] == "0" {
		t.Errorf("suiji_db_queries_total does not count the statements run: %v", m)
	}
	for _, p := range []string{"/", "/departments", "/graphiql", "/audit?x=1"} {
		if code, body, h := get(p); code != 200 || !strings.Contains(h.Get("Content-Type"), "text/html") || !strings.Contains(body, "<html") {
			t.Errorf("GET %s: %d %s, want the SPA's page", p, code, h.Get("Content-Type"))
		}
	}
	if code, _, _ := get("/assets/missing-file.js"); code != 404 {
		t.Errorf("a missing asset answers %d, want 404", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v on shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// TestBadConfiguration: one clear line and exit 2, not a stack trace.
func TestBadConfiguration(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"mysql URL", map[string]string{"SUIJI_DATABASE_URL": "mysql://x"}, "SUIJI_DATABASE_URL"},
		{"bad address", map[string]string{"SUIJI_ADDR": "localhost"}, "SUIJI_ADDR"},
		{"bad log format", map[string]string{"SUIJI_LOG_FORMAT": "xml"}, "SUIJI_LOG_FORMAT"},
		{"bad CORS origin", map[string]string{"SUIJI_CORS_ORIGINS": "example.cn"}, "SUIJI_CORS_ORIGINS"},
		{"unknown flag", nil, "flag provided but not defined"},
	} {
		args := []string{"serve"}
		if tc.env == nil {
			args = append(args, "--no-such-flag")
		}
		tc.env = withDataDir(t, tc.env)
		code, out := runCmd(t, tc.env, args...)
		if code != 2 || !strings.Contains(out, tc.want) || strings.Contains(out, "goroutine") {
			t.Errorf("%s: exit %d, output %q; want exit 2 naming %s", tc.name, code, out, tc.want)
		}
	}
	if code, out := runCmd(t, nil, "frobnicate"); code != 2 || !strings.Contains(out, "unknown command") {
		t.Errorf("unknown command: exit %d %q", code, out)
	}
	for _, cmd := range [][]string{{"serve", "--help"}, {"migrate", "-h"}, {"seed", "--help"}, {"audit", "verify", "--help"}, {"keys", "rotate", "--help"}, {"user", "add", "--help"}} {
		if code, out := runCmd(t, withDataDir(t, nil), cmd...); code != 0 || !strings.Contains(out, "Usage") {
			t.Errorf("%v: exit %d, output %q", cmd, code, out)
		}
	}
}

func withDataDir(t *testing.T, env map[string]string) map[string]string {
	out := map[string]string{"SUIJI_DATA_DIR": t.TempDir()}
	for k, v := range env {
		out[k] = v
	}
	return out
}

// TestUserCommands: accounts from the shell, passwords from standard input.
func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SUIJI_DATA_DIR": dir}
	withStdin := func(input string, args ...string) (int, string) {
		t.Helper()
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		old := os.Stdin
		os.Stdin = r
		defer func() { os.Stdin = old }()
		_, _ = w.WriteString(input)
		w.Close()
		return runCmd(t, env, args...)
	}
	if code, out := runCmd(t, env, "seed", "--demo", "--objects", "1"); code != 0 {
		t.Fatalf("seed: %s", out)
	}
	if code, out := withStdin("zhou-pass-2026\n", "user", "add", "-username", "zhou", "-name", "周主任", "-role", "dept_admin", "-department", "HBJ"); code != 0 || !strings.Contains(out, "created") {
		t.Fatalf("user add: %d %s", code, out)
	}
	if code, out := withStdin("short\n", "user", "add", "-username", "wu", "-name", "吴", "-role", "ANALYST"); code != 1 || !strings.Contains(out, "8") {
		t.Errorf("a short password: %d %s", code, out)
	}
	if code, out := withStdin("x\n", "user", "add", "-username", "zhou", "-name", "周", "-role", "ANALYST"); code == 0 {
		t.Errorf("a duplicate username: %d %s", code, out)
	}
	if code, out := withStdin("another-pass-9\n", "user", "passwd", "-username", "zhou"); code != 0 {
		t.Errorf("passwd: %d %s", code, out)
	}
	if code, out := runCmd(t, env, "user", "disable", "-username", "zhou"); code != 0 || !strings.Contains(out, "disabled") {
		t.Errorf("disable: %d %s", code, out)
	}
	a, err := openApp(context.Background(), Config{DataDir: dir, AuditKeyFile: filepath.Join(dir, "k")}, slog.New(slog.NewTextHandler(io.Discard, nil)), false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.store.Close()
	u, err := db.GetUserByUsername(context.Background(), a.store, "zhou")
	if err != nil || !u.Disabled || u.Role != "DEPT_ADMIN" || u.DepartmentID == nil {
		t.Errorf("zhou after the commands: %+v %v", u, err)
	}
	if code, _ := runCmd(t, env, "user", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
