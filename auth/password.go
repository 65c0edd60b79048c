package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/suiji-dev/suiji/fault"
)

// Password hashing parameters for new hashes: OWASP's argon2id set
// m=19 MiB, t=2, p=1. 64 MiB would be stronger but too slow on the 2-core
// machines suiji runs on (and in its tests). Stored hashes carry their own
// parameters, so these can be raised later; NeedsRehash tells when a hash
// is older than them.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds on parameters read from a stored hash: wide enough to raise the
// cost for years, tight enough that a corrupted or planted hash cannot make
// one sign-in allocate gigabytes or spin for minutes.
const (
	maxArgonMemory = 1 << 20 // KiB, 1 GiB
	maxArgonTime   = 64
	minSaltLen     = 8
	maxSaltLen     = 64
	minKeyLen      = 16
	maxKeyLen      = 64
)

// dummySalt salts DummyCheck's throwaway hash. It is public on purpose: the
// result is discarded, only the time spent matters.
const dummySalt = "suiji-dummy-salt"

// Password policy bounds, counted in characters (runes), not bytes, so a
// Chinese passphrase is measured the way its owner counts it.
const (
	PasswordMinLength = 8
	PasswordMaxLength = 128
)

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

func currentParams() argonParams {
	return argonParams{memory: argonMemory, time: argonTime, threads: argonThreads}
}

// phcHash is a decoded PHC string.
type phcHash struct {
	params argonParams
	salt   []byte
	key    []byte
}

// HashPassword returns pw hashed with argon2id under a fresh random salt, as
// a PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read random salt: %w", err)
	}
	p := currentParams()
	key := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, argonKeyLen)
	return encodePHC(phcHash{params: p, salt: salt, key: key}), nil
}

// CheckPassword reports whether pw matches the PHC string encoded, using
// the parameters stored in encoded. The comparison is constant-time. An
// error means the stored hash itself is unusable (corrupt, or another
// algorithm): a fault to log, not a wrong password.
func CheckPassword(encoded, pw string) (bool, error) {
	h, err := decodePHC(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), h.salt, h.params.time, h.params.memory, h.params.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(got, h.key) == 1, nil
}

// DummyCheck spends the time CheckPassword would on a hash with the current
// parameters, and throws the result away. Call it when the username is
// unknown (or the user has no usable hash), so that the answer takes as long
// as for a wrong password and timing does not tell which usernames exist.
func DummyCheck(pw string) {
	p := currentParams()
	got := argon2.IDKey([]byte(pw), []byte(dummySalt), p.time, p.memory, p.threads, argonKeyLen)
	// Compare like CheckPassword does; the result is meaningless.
	_ = subtle.ConstantTimeCompare(got, make([]byte, argonKeyLen))
}

// NeedsRehash reports whether encoded was made with other parameters than
// HashPassword uses now (or cannot be read), so that a successful sign-in
// can store a fresh hash of the password it just checked.
func NeedsRehash(encoded string) bool {
	h, err := decodePHC(encoded)
	if err != nil {
		return true
	}
	return h.params != currentParams() || len(h.salt) != argonSaltLen || len(h.key) != argonKeyLen
}

func encodePHC(h phcHash) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.params.memory, h.params.time, h.params.threads,
		b64.EncodeToString(h.salt), b64.EncodeToString(h.key))
}

// decodePHC parses $argon2id$v=19$m=…,t=…,p=…$salt$hash strictly: one
// algorithm, one version, parameters in the PHC order, unpadded base64.
func decodePHC(encoded string) (phcHash, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return phcHash{}, errors.New("password hash is not a PHC string")
	}
	if parts[1] != "argon2id" {
		return phcHash{}, fmt.Errorf("password hash uses %q, want argon2id", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return phcHash{}, fmt.Errorf("password hash has argon2 version %q, want v=%d", parts[2], argon2.Version)
	}
	p, err := parseArgonParams(parts[3])
	if err != nil {
		return phcHash{}, err
	}
	salt, err := base64.RawStdEncoding.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return phcHash{}, errors.New("password hash has a malformed salt")
	}
	key, err := base64.RawStdEncoding.Strict().DecodeString(parts[5])
	if err != nil || len(key) < minKeyLen || len(key) > maxKeyLen {
		return phcHash{}, errors.New("password hash has a malformed hash value")
	}
	return phcHash{params: p, salt: salt, key: key}, nil
}

func parseArgonParams(s string) (argonParams, error) {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return argonParams{}, fmt.Errorf("password hash parameters %q: want m=…,t=…,p=…", s)
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(fields[i], name+"=")
		if !ok {
			return argonParams{}, fmt.Errorf("password hash parameters %q: want m=…,t=…,p=…", s)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return argonParams{}, fmt.Errorf("password hash parameter %s: %w", name, err)
		}
		vals[i] = n
	}
	m, t, p := vals[0], vals[1], vals[2]
	// argon2 needs at least 8 KiB of memory per lane.
	if t < 1 || t > maxArgonTime || p < 1 || p > 255 || m < 8*p || m > maxArgonMemory {
		return argonParams{}, fmt.Errorf("password hash parameters %q are out of range", s)
	}
	return argonParams{memory: uint32(m), time: uint32(t), threads: uint8(p)}, nil
}

// ValidatePassword enforces the password policy for a new password of the
// user named username. The error is a *fault.Error (BAD_USER_INPUT) on
// field "password" whose message says what to change.
func ValidatePassword(pw, username string) error {
	if !utf8.ValidString(pw) {
		return fault.Invalid("password", "密码含有无效字符 (password contains invalid characters)")
	}
	n := utf8.RuneCountInString(pw)
	if n < PasswordMinLength {
		return fault.Invalid("password", "密码至少需要 %d 个字符 (password must be at least %d characters)",
			PasswordMinLength, PasswordMinLength)
	}
	if n > PasswordMaxLength {
		return fault.Invalid("password", "密码不能超过 %d 个字符 (password must be at most %d characters)",
			PasswordMaxLength, PasswordMaxLength)
	}
	if strings.IndexFunc(pw, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return fault.Invalid("password", "密码不能只包含数字 (password must not be digits only)")
	}
	// Case-insensitive: "Zhangsan" is no better a password for zhangsan.
	if username != "" && strings.EqualFold(strings.TrimSpace(pw), strings.TrimSpace(username)) {
		return fault.Invalid("password", "密码不能与用户名相同 (password must not be the same as the username)")
	}
	return nil
}
