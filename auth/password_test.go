package auth_test

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/fault"
)

func TestHashPasswordFormat(t *testing.T) {
	a, err := auth.HashPassword("correct horse 电池")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string with the OWASP parameters", a)
	}
	b, err := auth.HashPassword("correct horse 电池")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if auth.NeedsRehash(a) {
		t.Error("a fresh hash needs rehashing")
	}
}

// phc builds a PHC string by hand, independently of the package.
func phc(pw string, m, tm uint32, p uint8, keyLen uint32) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, tm, m, p, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", m, tm, p, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func TestCheckPassword(t *testing.T) {
	const pw = "correct horse 电池"
	own, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(own, "$")
	zeroKey := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	withKey := strings.Join(append(parts[:5:5], zeroKey), "$")
	other := phc(pw, 8192, 1, 2, 24)

	tests := []struct {
		name    string
		encoded string
		pw      string
		want    bool
		wantErr bool
	}{
		{"right password", own, pw, true, false},
		{"wrong password", own, pw + "x", false, false},
		{"empty password", own, "", false, false},
		{"hash value replaced", withKey, pw, false, false},
		{"other parameters, right password", other, pw, true, false},
		{"other parameters, wrong password", other, "nope", false, false},
		{"argon2i, not argon2id", strings.Replace(own, "$argon2id$", "$argon2i$", 1), pw, false, true},
		{"old argon2 version", strings.Replace(own, "$v=19$", "$v=16$", 1), pw, false, true},
		{"memory out of range", strings.Replace(own, "m=19456", "m=4294967295", 1), pw, false, true},
		{"zero iterations", strings.Replace(own, "t=2", "t=0", 1), pw, false, true},
		{"parameters out of order", strings.Replace(own, "m=19456,t=2,p=1", "t=2,m=19456,p=1", 1), pw, false, true},
		{"salt not base64", strings.Replace(own, parts[4], "!!!!", 1), pw, false, true},
		{"salt too short", strings.Replace(own, parts[4], "AAAA", 1), pw, false, true},
		{"truncated", own[:len(own)-10], pw, false, true},
		{"missing field", strings.Join(parts[:5], "$"), pw, false, true},
		{"bcrypt hash", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", pw, false, true},
		{"empty", "", pw, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.CheckPassword(tt.encoded, tt.pw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Fatalf("match = %v, want %v", got, tt.want)
			}
		})
	}
	if !auth.NeedsRehash(other) {
		t.Error("a hash with old parameters does not need rehashing")
	}
	if !auth.NeedsRehash("garbage") {
		t.Error("an unreadable hash does not need rehashing")
	}
}

// TestDummyCheckCostsLikeCheckPassword guards against DummyCheck becoming
// cheap (and an unknown username answering faster than a wrong password).
// The bound is loose, for shared 2-core machines.
func TestDummyCheckCostsLikeCheckPassword(t *testing.T) {
	enc, err := auth.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	fastest := func(f func()) time.Duration {
		best := time.Hour
		for range 3 {
			start := time.Now()
			f()
			best = min(best, time.Since(start))
		}
		return best
	}
	check := fastest(func() { _, _ = auth.CheckPassword(enc, "wrong password") })
	dummy := fastest(func() { auth.DummyCheck("wrong password") })
	if dummy < check/2 {
		t.Fatalf("DummyCheck took %s, CheckPassword %s: an unknown user answers measurably faster", dummy, check)
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name     string
		pw, user string
		ok       bool
		mention  string // part of the message when refused
	}{
		{"fine", "correct horse", "zhangsan", true, ""},
		{"eight Chinese characters", "我的密码很安全啊", "zhangsan", true, ""},
		{"seven characters", "abcdefg", "zhangsan", false, "at least 8"},
		{"seven Chinese characters, 21 bytes", "我的密码很安全", "zhangsan", false, "至少"},
		{"128 characters", strings.Repeat("a", 127) + "b", "zhangsan", true, ""},
		{"129 characters", strings.Repeat("a", 129), "zhangsan", false, "at most 128"},
		{"digits only", "1234567890", "zhangsan", false, "digits only"},
		{"full-width digits only", "１２３４５６７８", "zhangsan", false, "digits only"},
		{"digits and a letter", "1234567a", "zhangsan", true, ""},
		{"the username", "zhangsan", "zhangsan", false, "username"},
		{"the username in capitals", "ZhangSan", "zhangsan", false, "用户名"},
		{"contains the username", "zhangsan2024!", "zhangsan", true, ""},
		{"invalid UTF-8", "abcdefgh\xff", "zhangsan", false, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := auth.ValidatePassword(tt.pw, tt.user)
			if tt.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || fe.Code != fault.BadInput || fe.Field != "password" {
				t.Fatalf("got %v, want BAD_USER_INPUT on password", err)
			}
			if !strings.Contains(fe.Message, tt.mention) {
				t.Fatalf("message %q does not mention %q", fe.Message, tt.mention)
			}
		})
	}
}
