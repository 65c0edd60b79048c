// Package suijiserve starts a `suiji serve` for a benchmark on a free
// loopback port and talks GraphQL to it as a signed-in user.
package suijiserve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Server is a running `suiji serve`.
type Server struct {
	Base string // http://127.0.0.1:port
	cmd  *exec.Cmd
	log  *os.File
}

// Start runs `binary serve` against the database URL with its data
// directory under work and waits until it is ready.
func Start(ctx context.Context, binary, url, work string) (*Server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(work, "serve.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "SUIJI_DATABASE_URL="+url, "SUIJI_DATA_DIR="+work, "SUIJI_ADDR="+addr)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s serve: %w", binary, err)
	}
	s := &Server{Base: "http://" + addr, cmd: cmd, log: logf}
	if err := waitReady(ctx, s.Base+"/readyz", 60*time.Second); err != nil {
		s.Stop()
		logs, _ := os.ReadFile(logf.Name())
		return nil, fmt.Errorf("suiji serve is not ready: %w\n%s", err, logs)
	}
	return s, nil
}

// Stop asks the server to shut down and kills it if it does not within 25 s.
func (s *Server) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(25 * time.Second):
		_ = s.cmd.Process.Kill()
	}
	s.log.Close()
}

// Login signs in and returns an access token.
func Login(ctx context.Context, base, username, password string) (string, error) {
	var out struct {
		Login struct{ AccessToken string } `json:"login"`
	}
	err := GraphQL(ctx, base, "", `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
		map[string]any{"u": username, "p": password}, &out)
	if err != nil {
		return "", fmt.Errorf("sign-in as %s failed (was the database seeded with SUIJI_DEMO_PASSWORD=-password?): %w", username, err)
	}
	return out.Login.AccessToken, nil
}

// GraphQL posts one operation and decodes its data into out; GraphQL
// errors become a Go error.
func GraphQL(ctx context.Context, base, token, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	if len(res.Errors) > 0 {
		return errors.New(res.Errors[0].Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(res.Data, out)
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitReady(ctx context.Context, url string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
