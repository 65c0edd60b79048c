// Package graph is suiji's GraphQL layer: resolvers that authorize (through
// the schema's directives), call the service, and convert. Generated files
// (generated.go, model/models_gen.go) are never edited by hand: run
// `make generate`.
package graph

import (
	"log/slog"

	"github.com/suiji-dev/suiji/service"
)

//go:generate go tool gqlgen generate

// Resolver holds the dependencies every resolver needs.
type Resolver struct {
	svc *service.Service
	log *slog.Logger
}
