package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/suiji-dev/suiji/graph/model"
	"github.com/suiji-dev/suiji/service"
)

// Options configure the GraphQL endpoint.
type Options struct {
	Limits Limits
	// ParserTokenLimit bounds the tokens of one document (CVE-2023-49559).
	ParserTokenLimit int
	// OriginPatterns are the other hosts whose pages may open a WebSocket
	// (the server's own host always may).
	OriginPatterns []string
	// WebsocketAuth turns the connection_init payload's token into a caller.
	WebsocketAuth func(ctx context.Context, token string) (context.Context, error)
}

// NewHandler returns the GraphQL HTTP handler: POST (and GET, for persisted
// queries) and WebSocket subscriptions, with limits, persisted queries, an
// error presenter and a recover function.
func NewHandler(svc *service.Service, log *slog.Logger, opts Options) *handler.Server {
	cfg := Config{Resolvers: &Resolver{svc: svc, log: log}, Directives: Directives()}
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))

	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitTimeout:           10 * time.Second,
		Implementation: transport.CoderWebsocketImplementation{
			AcceptOptions: coderws.AcceptOptions{OriginPatterns: opts.OriginPatterns},
		},
		InitFunc: func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			if opts.WebsocketAuth == nil {
				return ctx, nil, nil
			}
			ctx, err := opts.WebsocketAuth(ctx, p.Authorization())
			return ctx, nil, err
		},
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// Uploads go to temporary files past 8 MiB, never whole into memory.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: service.MaxImportBytes + 1<<20, MaxMemory: 8 << 20})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(opts.ParserTokenLimit)
	srv.SetErrorPresenter(errorPresenter(log))
	srv.SetRecoverFunc(recoverFunc(log))

	srv.Use(signedInIntrospection{})
	srv.Use(depthLimit{limits: opts.Limits})
	srv.Use(&extension.ComplexityLimit{Func: func(ctx context.Context, _ *graphql.OperationContext) int {
		_, c := opts.Limits.forCaller(ctx)
		return c
	}})
	// Persisted queries are a bandwidth saving, not an allow-list. The cache
	// is per replica: a miss only makes the client resend the query.
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	return srv
}

// setComplexity makes list fields cost their page size times their items.
func setComplexity(c *ComplexityRoot) {
	page := func(child int, first *int, def int) int {
		n := def
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + n*child
	}
	c.Query.Users = func(child int, first *int, _ *string, _ *model.UserFilter) int { return page(child, first, 50) }
	c.Query.AuditLog = func(child int, first *int, _ *string, _ *model.AuditFilter) int { return page(child, first, 50) }
	c.Query.Departments = func(child int, _ *bool) int { return 1 + 50*child }
}
