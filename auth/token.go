package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

const (
	// AccessTokenTTL is how long an access token is good for: short, since it
	// cannot be revoked; the refresh token keeps the session going.
	AccessTokenTTL = 15 * time.Minute
	// Leeway absorbs clock skew between replicas when checking exp, nbf, iat.
	Leeway = 30 * time.Second
	// TokenType is the JWT typ header of access tokens (RFC 9068), so that no
	// other JWT signed with the same key can pass for one.
	TokenType = "at+jwt"
	// Algorithm is the only JWS algorithm suiji signs or accepts.
	Algorithm = "EdDSA"

	// maxTokenLength bounds the work spent on a presented token; a real one
	// is about 500 bytes.
	maxTokenLength = 4096
	maxKeyIDLength = 64
	keyIDBytes     = 8
)

// SessionMessage is what a client reads whenever a token is refused, for any
// reason: one message, so refusals reveal nothing.
const SessionMessage = "登录已失效，请重新登录 (session expired or invalid, sign in again)"

// Reasons a token is refused, for logs. Clients never see them: they get
// Refused(reason), whose message is always SessionMessage.
var (
	ErrTokenMalformed   = errors.New("access token is malformed")
	ErrTokenAlgorithm   = errors.New("access token has a disallowed algorithm")
	ErrTokenType        = errors.New("access token has the wrong typ")
	ErrTokenKey         = errors.New("access token names an unknown or missing key")
	ErrTokenSignature   = errors.New("access token signature does not verify")
	ErrTokenExpired     = errors.New("access token has expired")
	ErrTokenNotYetValid = errors.New("access token is not valid yet")
	ErrTokenIssuer      = errors.New("access token has the wrong issuer")
	ErrTokenAudience    = errors.New("access token has the wrong audience")
	ErrTokenClaims      = errors.New("access token lacks a required claim or has an invalid one")
)

// Refused wraps reason in the one error clients see when a token (access or
// refresh) is not accepted: UNAUTHENTICATED with SessionMessage.
func Refused(reason error) *fault.Error {
	return &fault.Error{Code: fault.Unauthenticated, Message: SessionMessage, Err: reason}
}

// Key is one token-signing key. The newest unretired key signs; a retired
// key still verifies until VerifyUntil, so tokens it signed live out their TTL.
type Key struct {
	ID          string // kid: random, 16 hex characters
	Private     ed25519.PrivateKey
	Public      ed25519.PublicKey
	CreatedAt   time.Time
	RetiredAt   *time.Time
	VerifyUntil *time.Time
}

// NewKey returns a fresh Ed25519 key with a random kid.
func NewKey(now time.Time) (Key, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Key{}, fmt.Errorf("generate Ed25519 key: %w", err)
	}
	id := make([]byte, keyIDBytes)
	if _, err := rand.Read(id); err != nil {
		return Key{}, fmt.Errorf("read random key id: %w", err)
	}
	return Key{ID: hex.EncodeToString(id), Private: priv, Public: pub, CreatedAt: now}, nil
}

// Claims is what an access token says about its bearer.
type Claims struct {
	UserID       string        // sub
	Username     string        // name
	Role         identity.Role // role
	DepartmentID string        // dept; empty for users outside a department
	TokenID      string        // jti, UUIDv7
	IssuedAt     time.Time     // iat (and nbf)
	ExpiresAt    time.Time     // exp
}

// Caller returns the identity the claims establish.
func (c Claims) Caller() identity.Caller {
	return identity.Caller{UserID: c.UserID, Username: c.Username, Role: c.Role,
		DepartmentID: c.DepartmentID, TokenID: c.TokenID}
}

// accessClaims is the JWT body: the registered claims plus suiji's own.
type accessClaims struct {
	jwt.RegisteredClaims
	Role string `json:"role"`
	Dept string `json:"dept"`
	Name string `json:"name"`
}

// Tokens signs and parses access tokens for one issuer and audience.
type Tokens struct {
	Issuer   string           // iss, e.g. "suiji"
	Audience string           // aud, e.g. "suiji-api"
	TTL      time.Duration    // 0 means AccessTokenTTL
	Now      func() time.Time // nil means time.Now
}

func (t Tokens) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t Tokens) ttl() time.Duration {
	if t.TTL > 0 {
		return t.TTL
	}
	return AccessTokenTTL
}

func (t Tokens) configured() error {
	if t.Issuer == "" || t.Audience == "" {
		return errors.New("access tokens need an issuer and an audience")
	}
	return nil
}

// Sign issues an access token for c signed with key. It sets c's TokenID (a
// new UUIDv7 unless given), IssuedAt and ExpiresAt, and returns the claims as
// the token carries them (times in UTC at whole seconds, as JWT has them).
func (t Tokens) Sign(key Key, c Claims) (string, Claims, error) {
	if err := t.configured(); err != nil {
		return "", Claims{}, err
	}
	if err := signable(key); err != nil {
		return "", Claims{}, err
	}
	if c.UserID == "" || c.Username == "" || !c.Role.Valid() {
		return "", Claims{}, fmt.Errorf("cannot sign an access token without user id, username and a valid role (got %q, %q, %q)",
			c.UserID, c.Username, c.Role)
	}
	if c.TokenID == "" {
		id, err := uuid.NewV7()
		if err != nil {
			return "", Claims{}, fmt.Errorf("new token id: %w", err)
		}
		c.TokenID = id.String()
	}
	c.IssuedAt = t.now().UTC().Truncate(time.Second)
	c.ExpiresAt = c.IssuedAt.Add(t.ttl())
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.Issuer,
			Subject:   c.UserID,
			Audience:  jwt.ClaimStrings{t.Audience},
			ExpiresAt: jwt.NewNumericDate(c.ExpiresAt),
			NotBefore: jwt.NewNumericDate(c.IssuedAt),
			IssuedAt:  jwt.NewNumericDate(c.IssuedAt),
			ID:        c.TokenID,
		},
		Role: string(c.Role),
		Dept: c.DepartmentID,
		Name: c.Username,
	})
	tok.Header["kid"] = key.ID
	tok.Header["typ"] = TokenType
	s, err := tok.SignedString(key.Private)
	if err != nil {
		return "", Claims{}, fmt.Errorf("sign access token with key %s: %w", key.ID, err)
	}
	return s, c, nil
}

// signable refuses keys that must not sign: incomplete or retired ones.
func signable(key Key) error {
	if key.ID == "" || len(key.Private) != ed25519.PrivateKeySize {
		return errors.New("signing key is incomplete")
	}
	if key.RetiredAt != nil {
		return fmt.Errorf("signing key %s is retired", key.ID)
	}
	return nil
}

// Parse verifies an access token and returns its claims. lookup returns the
// public key of a kid (typically (*db.KeyRing).PublicKey). Every refusal is
// Refused(reason) with reason one of the ErrToken… errors, wrapped with the
// details.
func (t Tokens) Parse(token string, lookup func(kid string) (ed25519.PublicKey, bool)) (Claims, error) {
	if err := t.configured(); err != nil {
		return Claims{}, err
	}
	if len(token) > maxTokenLength {
		return Claims{}, Refused(fmt.Errorf("%w: %d bytes", ErrTokenMalformed, len(token)))
	}
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{Algorithm}), // pins the algorithm: no none, no HS256 with the public key
		jwt.WithExpirationRequired(),
		jwt.WithIssuer(t.Issuer),
		jwt.WithAudience(t.Audience),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(Leeway),
		jwt.WithTimeFunc(t.now),
		jwt.WithStrictDecoding(), // one encoding per token: no malleable trailing bits
	)
	var ac accessClaims
	tok, err := p.ParseWithClaims(token, &ac, keyFunc(lookup))
	if err != nil {
		return Claims{}, Refused(classify(tok, err))
	}
	c, err := claimsOf(ac)
	if err != nil {
		return Claims{}, Refused(err)
	}
	return c, nil
}

// keyFunc checks the header (the library checks neither typ nor kid) and
// finds the verification key named by kid.
func keyFunc(lookup func(kid string) (ed25519.PublicKey, bool)) jwt.Keyfunc {
	return func(tok *jwt.Token) (any, error) {
		// RFC 9068 allows the media-type spelling too; media types ignore case.
		typ, _ := tok.Header["typ"].(string)
		if !strings.EqualFold(typ, TokenType) && !strings.EqualFold(typ, "application/"+TokenType) {
			return nil, fmt.Errorf("%w: %q", ErrTokenType, typ)
		}
		kid, _ := tok.Header["kid"].(string)
		if kid == "" || len(kid) > maxKeyIDLength {
			return nil, fmt.Errorf("%w: kid %q", ErrTokenKey, kid)
		}
		pub, ok := lookup(kid)
		if !ok || len(pub) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: kid %q", ErrTokenKey, kid)
		}
		return pub, nil
	}
}

// classify turns the library's error into one of our reasons, keeping its
// text for the logs.
func classify(tok *jwt.Token, err error) error {
	for _, own := range []error{ErrTokenType, ErrTokenKey} {
		if errors.Is(err, own) {
			return err
		}
	}
	var reason error
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		reason = ErrTokenMalformed
	case tok != nil && headerAlg(tok) != Algorithm:
		reason = ErrTokenAlgorithm
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		reason = ErrTokenSignature
	case errors.Is(err, jwt.ErrTokenExpired):
		reason = ErrTokenExpired
	case errors.Is(err, jwt.ErrTokenNotValidYet), errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		reason = ErrTokenNotYetValid
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		reason = ErrTokenIssuer
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		reason = ErrTokenAudience
	default: // a missing required claim, or a claim of the wrong JSON type
		reason = ErrTokenClaims
	}
	return fmt.Errorf("%w: %v", reason, err)
}

func headerAlg(tok *jwt.Token) string {
	alg, _ := tok.Header["alg"].(string)
	return alg
}

// claimsOf checks the claims the library leaves optional but suiji relies
// on, and converts them.
func claimsOf(ac accessClaims) (Claims, error) {
	switch {
	case ac.Subject == "":
		return Claims{}, fmt.Errorf("%w: no sub", ErrTokenClaims)
	case ac.ID == "":
		return Claims{}, fmt.Errorf("%w: no jti", ErrTokenClaims)
	case ac.IssuedAt == nil:
		return Claims{}, fmt.Errorf("%w: no iat", ErrTokenClaims)
	case ac.Name == "":
		return Claims{}, fmt.Errorf("%w: no name", ErrTokenClaims)
	case !identity.Role(ac.Role).Valid():
		return Claims{}, fmt.Errorf("%w: role %q", ErrTokenClaims, ac.Role)
	}
	return Claims{
		UserID:       ac.Subject,
		Username:     ac.Name,
		Role:         identity.Role(ac.Role),
		DepartmentID: ac.Dept,
		TokenID:      ac.ID,
		IssuedAt:     ac.IssuedAt.UTC(),
		ExpiresAt:    ac.ExpiresAt.UTC(),
	}, nil
}
