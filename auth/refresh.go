package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// RefreshTokenTTL is how long an unused refresh token stays good. Each use
// issues a new one, so an active session slides forward.
const RefreshTokenTTL = 30 * 24 * time.Hour

const refreshTokenBytes = 32

// Reasons a refresh token is refused, for logs; clients see Refused(reason).
var (
	ErrRefreshUnknown = errors.New("refresh token is unknown")
	ErrRefreshReused  = errors.New("refresh token was already used; its family is revoked")
	ErrRefreshRevoked = errors.New("refresh token is revoked")
	ErrRefreshExpired = errors.New("refresh token has expired")
)

// NewRefreshToken returns a fresh opaque refresh token for the client and
// the hash to store. Only the hash is ever stored, so a copy of the
// database does not hand out sessions.
func NewRefreshToken() (token, hash string, err error) {
	b := make([]byte, refreshTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("read random refresh token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashRefreshToken(token), nil
}

// HashRefreshToken returns the stored form of a refresh token: SHA-256, hex.
// A plain hash suffices (no salt, no slow hash): the token has 256 random
// bits, so there is nothing to guess.
func HashRefreshToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
