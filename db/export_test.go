package db

// RarestGram exposes the choice of a search's driving bigram to the tests.
var RarestGram = rarestGram

// SparseMatches exposes the bound between SQLite's two ways of searching.
const SparseMatches = sparseMatches
