package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/demo"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const testPassword = "test-pass-123"

// testServer is the real HTTP server on a real, fresh store with demo data.
type testServer struct {
	t   testing.TB
	url string
	app *app
	cfg Config
}

// startServer seeds a fresh store of the given kind and serves it over HTTP.
func startServer(t testing.TB, kind db.Kind) *testServer {
	t.Helper()
	ctx := context.Background()
	dcfg := dbtest.Config(t, kind)
	env := map[string]string{"SUIJI_DATA_DIR": dcfg.DataDir, "SUIJI_DATABASE_URL": dcfg.URL}
	fs, finish := newFlags("serve", "serve", func(k string) string { return env[k] }, io.Discard)
	cfg, err := parse(fs, finish, nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("SUIJI_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	a, err := openApp(ctx, cfg, log, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	if _, err := demo.Seed(ctx, a.svc, testPassword, io.Discard); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(NewServer(cfg, log, a.svc, a.metrics))
	t.Cleanup(hs.Close)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { a.svc.RunImports(runCtx, "test-runner"); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	return &testServer{t: t, url: hs.URL, app: a, cfg: cfg}
}

// gqlResponse is a GraphQL response with errors kept raw for checks.
type gqlResponse struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// code returns the first error's extensions.code, or "".
func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// post sends a raw body to /graphql.
func (s *testServer) post(token, contentType string, body []byte) gqlResponse {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		s.t.Fatalf("POST /graphql answered %d with a body that is not JSON: %s", res.StatusCode, raw)
	}
	out.Status = res.StatusCode
	return out
}

// gql runs one operation as the holder of token ("" for the public).
func (s *testServer) gql(token, query string, vars map[string]any) gqlResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return s.post(token, "application/json", body)
}

// must runs an operation that must succeed and decodes its data into out.
func (s *testServer) must(token, query string, vars map[string]any, out any) {
	s.t.Helper()
	r := s.gql(token, query, vars)
	if len(r.Errors) > 0 {
		s.t.Fatalf("%s\nerrors: %+v", strings.TrimSpace(query), r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			s.t.Fatal(err)
		}
	}
}

type session struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
	User         struct {
		ID       string `json:"id"`
		Username string `json:"username"`
		Role     string `json:"role"`
	} `json:"user"`
}

const loginMutation = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
	accessToken refreshToken user { id username role } } }`

// login signs in as username and returns the session.
func (s *testServer) login(username string) session {
	s.t.Helper()
	var out struct{ Login session }
	s.must("", loginMutation, map[string]any{"u": username, "p": testPassword}, &out)
	return out.Login
}

// get fetches a path and returns status and body.
func (s *testServer) get(path string) (int, string) {
	s.t.Helper()
	res, err := http.Get(s.url + path)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// auditCount returns the number of audit entries in the store.
func (s *testServer) auditCount() int {
	s.t.Helper()
	n, err := s.app.store.NewSelect().Table("audit_log").Count(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return int(n)
}

// upload sends a GraphQL multipart request (the upload spec) with one file
// bound to the variable named variable.
func (s *testServer) upload(token, query string, vars map[string]any, variable, name string, content []byte) gqlResponse {
	s.t.Helper()
	vars[variable] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.`+variable+`"]}`)
	fw, _ := mw.CreateFormFile("0", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	return s.post(token, mw.FormDataContentType(), body.Bytes())
}

// splitGlobal decodes an opaque id the way graph does (tests only).
func splitGlobal(id string) (typ, key string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return "", "", false
	}
	typ, key, ok = strings.Cut(string(raw), ":")
	return typ, key, ok
}
