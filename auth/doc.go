// Package auth holds suiji's sign-in primitives: argon2id password hashes and
// the password policy, Ed25519-signed access tokens (JWT, RFC 9068) and
// opaque refresh tokens. It is pure: no HTTP, no database. Storage of keys
// and refresh tokens lives in package db; wiring lives in the server.
//
// Every refusal a client sees is one *fault.Error with code UNAUTHENTICATED
// and one message (see Refused), so an attacker learns nothing from the
// answer; the precise reason travels in the error chain for the logs and can
// be told apart with errors.Is against the Err… reasons below.
package auth
