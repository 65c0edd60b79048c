package auth_test

import (
	"encoding/base64"
	"regexp"
	"testing"

	"github.com/suiji-dev/suiji/auth"
)

func TestNewRefreshToken(t *testing.T) {
	tok, hash, err := auth.NewRefreshToken()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) != 32 {
		t.Fatalf("token %q is not 32 bytes of base64url: %v", tok, err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(hash) {
		t.Fatalf("hash %q is not SHA-256 hex", hash)
	}
	if auth.HashRefreshToken(tok) != hash {
		t.Fatal("HashRefreshToken disagrees with NewRefreshToken")
	}
	tok2, hash2, _ := auth.NewRefreshToken()
	if tok2 == tok || hash2 == hash {
		t.Fatal("two refresh tokens are equal")
	}
}
