package auth_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

var reasons = []error{
	auth.ErrTokenMalformed, auth.ErrTokenAlgorithm, auth.ErrTokenType, auth.ErrTokenKey,
	auth.ErrTokenSignature, auth.ErrTokenExpired, auth.ErrTokenNotYetValid,
	auth.ErrTokenIssuer, auth.ErrTokenAudience, auth.ErrTokenClaims,
}

type tokenFixture struct {
	now    time.Time
	tokens auth.Tokens
	key    auth.Key
	claims auth.Claims
}

func newFixture(t *testing.T) tokenFixture {
	t.Helper()
	now := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	key, err := auth.NewKey(now)
	if err != nil {
		t.Fatal(err)
	}
	return tokenFixture{
		now:    now,
		tokens: auth.Tokens{Issuer: "suiji", Audience: "suiji-api", Now: func() time.Time { return now }},
		key:    key,
		claims: auth.Claims{UserID: "0197a8d2-0000-7000-8000-000000000001", Username: "zhangsan",
			Role: identity.DeptAdmin, DepartmentID: "0197a8d2-0000-7000-8000-0000000000d1"},
	}
}

func (f tokenFixture) lookup(kid string) (ed25519.PublicKey, bool) {
	if kid == f.key.ID {
		return f.key.Public, true
	}
	return nil, false
}

// signedAt signs the fixture's claims with tokens whose clock reads at.
func (f tokenFixture) signedAt(t *testing.T, at time.Time, change func(*auth.Tokens)) string {
	t.Helper()
	tk := f.tokens
	tk.Now = func() time.Time { return at }
	if change != nil {
		change(&tk)
	}
	s, _, err := tk.Sign(f.key, f.claims)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mapClaims is what a valid token carries, for hand-made variations.
func (f tokenFixture) mapClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss": "suiji", "aud": "suiji-api", "sub": f.claims.UserID, "jti": "0197a8d2-0000-7000-8000-00000000a001",
		"iat": f.now.Unix(), "nbf": f.now.Unix(), "exp": f.now.Add(15 * time.Minute).Unix(),
		"role": string(f.claims.Role), "dept": f.claims.DepartmentID, "name": f.claims.Username,
	}
}

// signMap signs arbitrary claims and header fields with an Ed25519 key.
func signMap(t *testing.T, priv ed25519.PrivateKey, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	for k, v := range header {
		if v == nil {
			delete(tok.Header, k)
		} else {
			tok.Header[k] = v
		}
	}
	s, err := tok.SignedString(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func b64json(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func TestTokenRoundTrip(t *testing.T) {
	f := newFixture(t)
	s, issued, err := f.tokens.Sign(f.key, f.claims)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.tokens.Parse(s, f.lookup)
	if err != nil {
		t.Fatalf("valid token refused: %v", err)
	}
	if got != issued {
		t.Fatalf("claims changed in transit:\n got %+v\nwant %+v", got, issued)
	}
	want := f.claims
	want.TokenID, want.IssuedAt, want.ExpiresAt = issued.TokenID, f.now, f.now.Add(auth.AccessTokenTTL)
	if got != want {
		t.Fatalf("claims:\n got %+v\nwant %+v", got, want)
	}
	if id, err := uuid.Parse(got.TokenID); err != nil || id.Version() != 7 {
		t.Fatalf("jti %q is not a UUIDv7", got.TokenID)
	}
	if c := got.Caller(); c.UserID != f.claims.UserID || c.Role != identity.DeptAdmin || c.TokenID != got.TokenID {
		t.Fatalf("caller %+v", c)
	}

	// The header is RFC 9068's, with the kid.
	var header map[string]any
	raw, _ := base64.RawURLEncoding.DecodeString(strings.Split(s, ".")[0])
	if err := json.Unmarshal(raw, &header); err != nil {
		t.Fatal(err)
	}
	if header["alg"] != "EdDSA" || header["typ"] != "at+jwt" || header["kid"] != f.key.ID {
		t.Fatalf("header %v", header)
	}

	// A department-less user round-trips with an empty dept.
	admin := f.claims
	admin.Role, admin.DepartmentID = identity.Admin, ""
	s, _, err = f.tokens.Sign(f.key, admin)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.tokens.Parse(s, f.lookup); err != nil || got.DepartmentID != "" || got.Role != identity.Admin {
		t.Fatalf("admin token: %+v %v", got, err)
	}
}

func TestTokenRefusals(t *testing.T) {
	f := newFixture(t)
	valid := f.signedAt(t, f.now, nil)
	parts := strings.Split(valid, ".")
	other, err := auth.NewKey(f.now)
	if err != nil {
		t.Fatal(err)
	}
	header := map[string]any{"kid": f.key.ID, "typ": "at+jwt"}
	with := func(k string, v any) map[string]any {
		h := map[string]any{"kid": f.key.ID, "typ": "at+jwt"}
		h[k] = v
		return h
	}
	without := func(claim string) jwt.MapClaims {
		c := f.mapClaims()
		delete(c, claim)
		return c
	}
	claimsWith := func(k string, v any) jwt.MapClaims {
		c := f.mapClaims()
		c[k] = v
		return c
	}

	hs256 := jwt.NewWithClaims(jwt.SigningMethodHS256, f.mapClaims())
	hs256.Header["kid"], hs256.Header["typ"] = f.key.ID, "at+jwt"
	hs256Token, err := hs256.SignedString([]byte(f.key.Public))
	if err != nil {
		t.Fatal(err)
	}
	tampered := f.mapClaims()
	tampered["role"] = string(identity.Admin)

	tests := []struct {
		name   string
		token  string
		reason error
	}{
		{"alg none, empty signature",
			b64json(t, map[string]any{"alg": "none", "typ": "at+jwt", "kid": f.key.ID}) + "." + b64json(t, f.mapClaims()) + ".",
			auth.ErrTokenAlgorithm},
		{"alg none, original signature kept",
			b64json(t, map[string]any{"alg": "none", "typ": "at+jwt", "kid": f.key.ID}) + "." + parts[1] + "." + parts[2],
			auth.ErrTokenAlgorithm},
		{"HS256 keyed with the public key", hs256Token, auth.ErrTokenAlgorithm},
		{"unknown alg", b64json(t, map[string]any{"alg": "XS512", "typ": "at+jwt", "kid": f.key.ID}) + "." + parts[1] + "." + parts[2],
			auth.ErrTokenAlgorithm},
		{"another key with the same kid", signMap(t, other.Private, header, f.mapClaims()), auth.ErrTokenSignature},
		{"tampered payload", parts[0] + "." + b64json(t, tampered) + "." + parts[2], auth.ErrTokenSignature},
		{"signature cut", parts[0] + "." + parts[1] + ".", auth.ErrTokenSignature},
		{"unknown kid", signMap(t, f.key.Private, with("kid", "0123456789abcdef"), f.mapClaims()), auth.ErrTokenKey},
		{"no kid", signMap(t, f.key.Private, with("kid", nil), f.mapClaims()), auth.ErrTokenKey},
		{"kid not a string", signMap(t, f.key.Private, with("kid", 7), f.mapClaims()), auth.ErrTokenKey},
		{"typ JWT", signMap(t, f.key.Private, with("typ", "JWT"), f.mapClaims()), auth.ErrTokenType},
		{"no typ", signMap(t, f.key.Private, with("typ", nil), f.mapClaims()), auth.ErrTokenType},
		{"expired", f.signedAt(t, f.now.Add(-16*time.Minute), nil), auth.ErrTokenExpired},
		{"not yet valid", f.signedAt(t, f.now.Add(5*time.Minute), nil), auth.ErrTokenNotYetValid},
		{"nbf in the future", signMap(t, f.key.Private, header, claimsWith("nbf", f.now.Add(time.Hour).Unix())), auth.ErrTokenNotYetValid},
		{"wrong issuer", f.signedAt(t, f.now, func(tk *auth.Tokens) { tk.Issuer = "evil" }), auth.ErrTokenIssuer},
		{"no issuer", signMap(t, f.key.Private, header, without("iss")), auth.ErrTokenClaims},
		{"wrong audience", f.signedAt(t, f.now, func(tk *auth.Tokens) { tk.Audience = "suiji-reports" }), auth.ErrTokenAudience},
		{"no audience", signMap(t, f.key.Private, header, without("aud")), auth.ErrTokenClaims},
		{"no exp", signMap(t, f.key.Private, header, without("exp")), auth.ErrTokenClaims},
		{"exp not a number", signMap(t, f.key.Private, header, claimsWith("exp", "soon")), auth.ErrTokenMalformed},
		{"no jti", signMap(t, f.key.Private, header, without("jti")), auth.ErrTokenClaims},
		{"no sub", signMap(t, f.key.Private, header, without("sub")), auth.ErrTokenClaims},
		{"no iat", signMap(t, f.key.Private, header, without("iat")), auth.ErrTokenClaims},
		{"unknown role", signMap(t, f.key.Private, header, claimsWith("role", "ROOT")), auth.ErrTokenClaims},
		{"garbage", "not a token", auth.ErrTokenMalformed},
		{"empty", "", auth.ErrTokenMalformed},
		{"header not base64", "%%%." + parts[1] + "." + parts[2], auth.ErrTokenMalformed},
		{"padded signature", valid + "=", auth.ErrTokenMalformed},
		{"huge", parts[0] + "." + strings.Repeat("A", 5000) + "." + parts[2], auth.ErrTokenMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.tokens.Parse(tt.token, f.lookup)
			fe, ok := fault.As(err)
			if !ok || fe.Code != fault.Unauthenticated || fe.Message != auth.SessionMessage {
				t.Fatalf("got %v, want UNAUTHENTICATED with the session message", err)
			}
			var matched []error
			for _, r := range reasons {
				if errors.Is(err, r) {
					matched = append(matched, r)
				}
			}
			if len(matched) != 1 || matched[0] != tt.reason {
				t.Fatalf("reasons %v, want exactly %v (error: %v)", matched, tt.reason, err)
			}
		})
	}
}

func TestTokenLeeway(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name     string
		signedAt time.Time
		ok       bool
	}{
		{"expired 20 s ago, within leeway", f.now.Add(-auth.AccessTokenTTL - 20*time.Second), true},
		{"expired 40 s ago", f.now.Add(-auth.AccessTokenTTL - 40*time.Second), false},
		{"issued 20 s in the future, within leeway", f.now.Add(20 * time.Second), true},
		{"issued 40 s in the future", f.now.Add(40 * time.Second), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.tokens.Parse(f.signedAt(t, tt.signedAt, nil), f.lookup)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want accepted: %v", err, tt.ok)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	f := newFixture(t)
	retired := f.key
	at := f.now
	retired.RetiredAt = &at
	noRole := f.claims
	noRole.Role = ""
	noUser := f.claims
	noUser.UserID = ""
	tests := []struct {
		name   string
		tokens auth.Tokens
		key    auth.Key
		claims auth.Claims
	}{
		{"retired key", f.tokens, retired, f.claims},
		{"no key", f.tokens, auth.Key{}, f.claims},
		{"no role", f.tokens, f.key, noRole},
		{"no user", f.tokens, f.key, noUser},
		{"no issuer configured", auth.Tokens{Audience: "suiji-api"}, f.key, f.claims},
		{"no audience configured", auth.Tokens{Issuer: "suiji"}, f.key, f.claims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := tt.tokens.Sign(tt.key, tt.claims); err == nil {
				t.Fatal("signed")
			}
		})
	}
}
