package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/suiji-dev/suiji/graph/loaders"
	"github.com/suiji-dev/suiji/server/webui"
)

// routes is the whole HTTP surface of suiji in one place.
func (s *httpServer) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.requestID, s.metrics.Middleware, s.logRequests, securityHeaders)

	r.Get("/healthz", s.healthz)                              // process up
	r.Get("/readyz", s.readyz)                                // store reachable and migrated
	r.Method(http.MethodGet, "/metrics", s.metrics.Handler()) // Prometheus

	// GraphQL: POST (and multipart uploads), GET (persisted queries),
	// WebSocket subscriptions.
	r.Group(func(r chi.Router) {
		r.Use(s.cors, s.limitBody, s.authenticate)
		r.Handle("/graphql", loaders.Middleware(s.svc.DB(), s.gql))
	})

	// The public portal's JSON: draws and their evidence (an optional bearer
	// token widens the evidence to the whole document).
	r.Group(func(r chi.Router) {
		r.Use(s.authenticate)
		r.Get("/public/draws", s.publicDraws)
		r.Get("/public/draws/{id}/evidence.json", s.evidence)
	})

	// Downloads: a one-time export link from exportObjects & co., and the
	// import templates.
	r.Get("/export/{token}", s.export)
	r.Get("/import/template/{file}", s.importTemplate)
	r.Head("/import/template/{file}", s.importTemplate)

	// The SPA, with client-side routes falling back to index.html. /graphiql
	// is one of its routes: a static page that uses the SPA's sign-in.
	r.Handle("/*", webui.Handler())
	return r
}
