package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/graph"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
)

// NewServer returns the whole HTTP surface of suiji; routes.go lists it.
func NewServer(cfg Config, log *slog.Logger, svc *service.Service, metrics *Metrics) http.Handler {
	s := &httpServer{cfg: cfg, log: log, svc: svc, metrics: metrics}
	s.gql = graph.NewHandler(svc, log, graph.Options{
		Limits:           graph.DefaultLimits(),
		ParserTokenLimit: 15000,
		OriginPatterns:   originHosts(cfg.CORSOrigins),
		WebsocketAuth:    s.websocketAuth,
	})
	return s.routes()
}

type httpServer struct {
	cfg     Config
	log     *slog.Logger
	svc     *service.Service
	metrics *Metrics
	gql     http.Handler
}

func (s *httpServer) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 when the store answers and its schema is current.
func (s *httpServer) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.svc.DB().PingContext(ctx); err != nil {
		s.log.Warn("readiness: store unreachable", "err", err)
		http.Error(w, "database unreachable\n", http.StatusServiceUnavailable)
		return
	}
	if pending, err := s.svc.DB().Pending(ctx); err != nil || len(pending) > 0 {
		http.Error(w, "database schema not migrated\n", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// requestID gives every request an id (or keeps a sane one from a proxy),
// echoes it in X-Request-Id and puts it, with the client address, on the
// caller identity so logs and audit entries carry it.
func (s *httpServer) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		ctx := identity.With(r.Context(), identity.Caller{RequestID: id, ClientAddr: host})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// logRequests writes one structured line per request.
func (s *httpServer) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		c := identity.From(r.Context())
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.code,
			"duration_ms", time.Since(start).Milliseconds(), "request_id", c.RequestID, "client", c.ClientAddr)
	})
}

// authenticate reads a bearer token, if any, and puts the caller on the
// context. A bad token is refused outright (401 with a GraphQL-shaped
// error), so a client never mistakes an expired session for the public view.
func (s *httpServer) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || token == "" {
			writeError(w, http.StatusUnauthorized, fault.Unauthenticated, "Authorization 头应为 Bearer 令牌 (the Authorization header must be a Bearer token)")
			return
		}
		caller, err := s.svc.Authenticate(r.Context(), token, identity.From(r.Context()))
		if err != nil {
			code := fault.CodeOf(err)
			if code == fault.Internal {
				s.log.Error("authenticate", "err", err, "request_id", identity.From(r.Context()).RequestID)
				writeError(w, http.StatusInternalServerError, code, "服务器内部错误，请稍后再试 (internal error, please try again later)")
				return
			}
			f, _ := fault.As(err)
			writeError(w, http.StatusUnauthorized, code, f.Message)
			return
		}
		next.ServeHTTP(w, r.WithContext(identity.With(r.Context(), caller)))
	})
}

// websocketAuth authenticates a subscription from its connection_init
// payload ({"Authorization": "Bearer …"}); browsers cannot set headers on a
// WebSocket.
func (s *httpServer) websocketAuth(ctx context.Context, header string) (context.Context, error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return ctx, nil
	}
	caller, err := s.svc.Authenticate(ctx, token, identity.From(ctx))
	if err != nil {
		return ctx, err
	}
	return identity.With(ctx, caller), nil
}

// cors answers cross-origin requests only for configured origins. The SPA
// is served from the same origin and needs none.
func (s *httpServer) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && slices.Contains(s.cfg.CORSOrigins, origin) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Add("Vary", "Origin")
			w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			w.Header().Set("Access-Control-Max-Age", "600")
			if r.Method == http.MethodOptions {
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// originHosts turns configured origins into the host patterns the
// WebSocket accept check wants.
func originHosts(origins []string) []string {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		out = append(out, strings.TrimPrefix(strings.TrimPrefix(o, "https://"), "http://"))
	}
	return out
}

// limitBody caps request bodies: the GraphQL POST transport reads the whole
// body into memory. Multipart uploads (imports) may be larger; the
// transport spools them to disk.
func (s *httpServer) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.MaxBodyBytes
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = service.MaxImportBytes + 1<<20
		}
		if r.ContentLength > limit {
			writeError(w, http.StatusRequestEntityTooLarge, fault.BadInput,
				fmt.Sprintf("请求体过大：上限为%d MB (request body too large: the limit is %d MB)", limit>>20, limit>>20))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response should carry.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// writeError answers outside GraphQL execution in GraphQL's error shape, so
// clients handle every failure one way.
func writeError(w http.ResponseWriter, status int, code fault.Code, msg string) {
	type gqlError struct {
		Message    string            `json:"message"`
		Extensions map[string]string `json:"extensions"`
	}
	body, _ := json.Marshal(struct {
		Errors []gqlError `json:"errors"`
		Data   any        `json:"data"`
	}{Errors: []gqlError{{Message: msg, Extensions: map[string]string{"code": string(code)}}}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
