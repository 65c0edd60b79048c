package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/identity"
)

const meQuery = `{ me { username role } }`

// TestTokenAttacks presents forged, expired and misdirected tokens over
// HTTP; each must be refused with UNAUTHENTICATED and one message.
func TestTokenAttacks(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			ctx := context.Background()
			sess := s.login("admin")
			if r := s.gql(sess.AccessToken, meQuery, nil); len(r.Errors) > 0 {
				t.Fatalf("a valid token is refused: %+v", r.Errors)
			}
			keys, err := db.LoadSigningKeys(ctx, s.app.store, time.Now())
			if err != nil || len(keys) == 0 {
				t.Fatalf("signing keys: %v %v", keys, err)
			}
			real := keys[0]
			claims := auth.Claims{UserID: sess.User.ID, Username: "admin", Role: identity.Admin}
			// The user id in a token is the database id, not the public one.
			u, err := db.GetUserByUsername(ctx, s.app.store, "admin")
			if err != nil {
				t.Fatal(err)
			}
			claims.UserID = u.ID
			good := auth.Tokens{Issuer: "suiji", Audience: "suiji-api", TTL: 15 * time.Minute}
			sign := func(tk auth.Tokens, k auth.Key) string {
				tok, _, err := tk.Sign(k, claims)
				if err != nil {
					t.Fatal(err)
				}
				return tok
			}
			if r := s.gql(sign(good, real), meQuery, nil); len(r.Errors) > 0 {
				t.Fatalf("a token the test signs like the server is refused, so the attacks below prove nothing: %+v", r.Errors)
			}

			_, otherPriv, _ := ed25519.GenerateKey(rand.Reader)
			impostor := auth.Key{ID: real.ID, Private: otherPriv, Public: otherPriv.Public().(ed25519.PublicKey)}
			past := good
			past.Now = func() time.Time { return time.Now().Add(-time.Hour) }
			future := good
			future.Now = func() time.Time { return time.Now().Add(time.Hour) }
			wrongAud, wrongIss := good, good
			wrongAud.Audience, wrongIss.Issuer = "another-api", "another-issuer"

			attacks := map[string]string{
				"alg none":                        unsigned(t, real.ID, u.ID),
				"HS256 keyed with the public key": hmacWithPublicKey(t, real, u.ID),
				"signed by another key":           sign(good, impostor),
				"expired":                         sign(past, real),
				"not yet valid":                   sign(future, real),
				"wrong audience":                  sign(wrongAud, real),
				"wrong issuer":                    sign(wrongIss, real),
				"tampered payload":                tamper(t, sign(good, real)),
				"truncated":                       sign(good, real)[:40],
			}
			for name, tok := range attacks {
				r := s.gql(tok, meQuery, nil)
				if r.code() != "UNAUTHENTICATED" || r.Status != 401 {
					t.Errorf("%s: got HTTP %d %q, want 401 UNAUTHENTICATED", name, r.Status, r.code())
				}
				if len(r.Errors) > 0 && r.Errors[0].Message != auth.SessionMessage {
					t.Errorf("%s: message %q tells the attacker why", name, r.Errors[0].Message)
				}
			}
		})
	}
}

func unsigned(t *testing.T, kid, sub string) string {
	t.Helper()
	enc := base64.RawURLEncoding.EncodeToString
	h, _ := json.Marshal(map[string]string{"alg": "none", "typ": "at+jwt", "kid": kid})
	now := time.Now().Unix()
	c, _ := json.Marshal(map[string]any{"iss": "suiji", "aud": "suiji-api", "sub": sub, "iat": now, "nbf": now,
		"exp": now + 600, "jti": "x", "role": "ADMIN", "name": "admin"})
	return enc(h) + "." + enc(c) + "."
}

func hmacWithPublicKey(t *testing.T, k auth.Key, sub string) string {
	t.Helper()
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": "suiji", "aud": "suiji-api", "sub": sub,
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "jti": "x", "role": "ADMIN", "name": "admin"})
	tok.Header["kid"], tok.Header["typ"] = k.ID, "at+jwt"
	s, err := tok.SignedString([]byte(k.Public))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tamper raises the role claim without re-signing.
func tamper(t *testing.T, tok string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var c map[string]any
	_ = json.Unmarshal(raw, &c)
	c["role"], c["name"] = "ADMIN", "someone-else"
	b, _ := json.Marshal(c)
	parts[1] = base64.RawURLEncoding.EncodeToString(b)
	return strings.Join(parts, ".")
}

const refreshMutation = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`

// TestSessions: refresh rotation and reuse, disabled users, password
// changes, sign-out, key rotation, and the login rate limit.
func TestSessions(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			admin := s.login("admin").AccessToken

			// A refresh token works once; used again, it and its successor die.
			first := s.login("analyst")
			var next struct{ RefreshToken session }
			s.must("", refreshMutation, map[string]any{"t": first.RefreshToken}, &next)
			if r := s.gql(next.RefreshToken.AccessToken, meQuery, nil); len(r.Errors) > 0 {
				t.Fatalf("refreshed access token refused: %+v", r.Errors)
			}
			if r := s.gql("", refreshMutation, map[string]any{"t": first.RefreshToken}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("a refresh token used twice: got %q, want UNAUTHENTICATED", r.code())
			}
			if r := s.gql("", refreshMutation, map[string]any{"t": next.RefreshToken.RefreshToken}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("the successor of a reused refresh token still works (%q): the family must be revoked", r.code())
			}

			// A disabled user loses access at the next request.
			dept := s.login("dept-admin")
			if r := s.gql(dept.AccessToken, meQuery, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			s.must(admin, `mutation($id: ID!) { setUserDisabled(id: $id, disabled: true) { disabled } }`, map[string]any{"id": dept.User.ID}, nil)
			if r := s.gql(dept.AccessToken, meQuery, nil); r.code() != "UNAUTHENTICATED" {
				t.Errorf("disabled user's access token: got %q, want UNAUTHENTICATED", r.code())
			}
			if r := s.gql("", refreshMutation, map[string]any{"t": dept.RefreshToken}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("disabled user's refresh token: got %q, want UNAUTHENTICATED", r.code())
			}
			if r := s.gql("", loginMutation, map[string]any{"u": "dept-admin", "p": testPassword}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("disabled user signs in: got %q", r.code())
			}

			// A password change voids older access tokens (after the second
			// boundary: iat has whole seconds) and ends other sessions.
			insp := s.login("inspector")
			time.Sleep(1100 * time.Millisecond)
			s.must(insp.AccessToken, `mutation { changePassword(currentPassword: "`+testPassword+`", newPassword: "another-pass-456") }`, nil, nil)
			if r := s.gql(insp.AccessToken, meQuery, nil); r.code() != "UNAUTHENTICATED" {
				t.Errorf("access token from before a password change: got %q, want UNAUTHENTICATED", r.code())
			}
			if r := s.gql("", loginMutation, map[string]any{"u": "inspector", "p": "another-pass-456"}); len(r.Errors) > 0 {
				t.Errorf("sign-in with the new password: %+v", r.Errors)
			}
			r := s.gql(admin, `mutation { changePassword(currentPassword: "wrong-one-1", newPassword: "another-pass-456") }`, nil)
			if r.code() != "BAD_USER_INPUT" {
				t.Errorf("change with a wrong current password: %q", r.code())
			}

			// Wrong name and wrong password read the same.
			a := s.gql("", loginMutation, map[string]any{"u": "nobody-here", "p": "whatever-1"})
			b := s.gql("", loginMutation, map[string]any{"u": "analyst", "p": "whatever-1"})
			if a.code() != "UNAUTHENTICATED" || len(a.Errors) == 0 || len(b.Errors) == 0 || a.Errors[0].Message != b.Errors[0].Message {
				t.Errorf("unknown user and wrong password answer differently: %+v / %+v", a.Errors, b.Errors)
			}

			// Sign-out ends the refresh token's family.
			out := s.login("analyst")
			s.must(out.AccessToken, `mutation($t: String) { logout(refreshToken: $t) }`, map[string]any{"t": out.RefreshToken}, nil)
			if r := s.gql("", refreshMutation, map[string]any{"t": out.RefreshToken}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("refresh after sign-out: got %q", r.code())
			}

			// Key rotation: tokens of the old key still work, new ones use the new key.
			old := s.login("analyst").AccessToken
			var stdout strings.Builder
			env := map[string]string{"SUIJI_DATA_DIR": s.cfg.DataDir, "SUIJI_DATABASE_URL": s.cfg.DatabaseURL}
			if err := run(context.Background(), []string{"suiji", "keys", "rotate"}, func(k string) string { return env[k] }, &stdout, io.Discard); err != nil {
				t.Fatalf("keys rotate: %v", err)
			}
			if r := s.gql(old, meQuery, nil); len(r.Errors) > 0 {
				t.Errorf("a token of the previous key is refused right after rotation: %+v", r.Errors)
			}
			if kidOf(s.login("analyst").AccessToken) == kidOf(old) {
				t.Error("after rotation new tokens are still signed with the old key (within the key ring's reload interval this may lag; the service must reload)")
			}
		})
	}
}

// TestLoginRateLimit: repeated failures lock the name for a while, with a
// code the client can show.
func TestLoginRateLimit(t *testing.T) {
	s := startServer(t, db.SQLite)
	var last gqlResponse
	for range 11 {
		last = s.gql("", loginMutation, map[string]any{"u": "analyst", "p": "wrong-password"})
	}
	if last.code() != "RATE_LIMITED" {
		t.Fatalf("11th failed sign-in: got %q, want RATE_LIMITED", last.code())
	}
	if r := s.gql("", loginMutation, map[string]any{"u": "analyst", "p": testPassword}); r.code() != "RATE_LIMITED" {
		t.Errorf("the right password during the lock: got %q, want RATE_LIMITED", r.code())
	}
	if r := s.gql("", loginMutation, map[string]any{"u": "admin", "p": testPassword}); len(r.Errors) > 0 {
		t.Errorf("another user from the same address is locked out too early: %+v", r.Errors)
	}
}

func kidOf(tok string) string {
	h, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	var m map[string]any
	_ = json.Unmarshal(h, &m)
	s, _ := m["kid"].(string)
	return s
}
