package graph

//go:generate go tool gqlgen generate

// Resolver holds the dependencies every resolver needs.
type Resolver struct{}
