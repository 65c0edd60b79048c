package db

// RarestGram exposes the choice of a search's driving bigram to the tests.
var RarestGram = rarestGram
