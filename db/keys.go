package db

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/suiji-dev/suiji/auth"
)

const (
	// KeyRingMaxAge is how stale a replica's cached key set may grow before
	// it reads the keys again.
	KeyRingMaxAge = 30 * time.Second
	// keyRingMinInterval rate-limits reloads triggered by unknown kids (and
	// retries after a failed load), so junk tokens cannot hammer the store.
	keyRingMinInterval = time.Second

	// SigningKeyGrace is how long a retired key keeps verifying: the life of
	// the last token it signed, the clock leeway, and the KeyRingMaxAge during
	// which another replica may still sign with the key it has cached.
	SigningKeyGrace = auth.AccessTokenTTL + auth.Leeway + KeyRingMaxAge

	// signingKeysLock serialises key creation and rotation on PostgreSQL
	// (next to the migration lock's id). SQLite needs none: its writing
	// transactions are BEGIN IMMEDIATE, which serialises them already.
	signingKeysLock = 358402237802
)

type signingKeyRow struct {
	bun.BaseModel `bun:"table:signing_keys"`

	KID         string     `bun:"kid,pk"`
	Algorithm   string     `bun:"algorithm"`
	PrivateKey  string     `bun:"private_key"` // base64 of the 32-byte seed (RFC 8032 private key)
	PublicKey   string     `bun:"public_key"`  // base64 of the 32-byte public key
	CreatedAt   time.Time  `bun:"created_at"`
	RetiredAt   *time.Time `bun:"retired_at"`
	VerifyUntil *time.Time `bun:"verify_until"`
}

func signingKeyRowOf(k auth.Key) signingKeyRow {
	b64 := base64.StdEncoding
	return signingKeyRow{
		KID:         k.ID,
		Algorithm:   auth.Algorithm,
		PrivateKey:  b64.EncodeToString(k.Private.Seed()),
		PublicKey:   b64.EncodeToString(k.Public),
		CreatedAt:   k.CreatedAt,
		RetiredAt:   k.RetiredAt,
		VerifyUntil: k.VerifyUntil,
	}
}

// key decodes a row, checking that the stored public key is the one the
// private key derives, so a damaged row fails loudly instead of signing
// tokens nobody can verify.
func (r signingKeyRow) key() (auth.Key, error) {
	b64 := base64.StdEncoding
	seed, err := b64.DecodeString(r.PrivateKey)
	if err != nil || len(seed) != ed25519.SeedSize {
		return auth.Key{}, fmt.Errorf("signing key %s: private key is not a base64 Ed25519 seed", r.KID)
	}
	pub, err := b64.DecodeString(r.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return auth.Key{}, fmt.Errorf("signing key %s: public key is not a base64 Ed25519 key", r.KID)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	if !priv.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(pub)) {
		return auth.Key{}, fmt.Errorf("signing key %s: public key does not match private key", r.KID)
	}
	return auth.Key{ID: r.KID, Private: priv, Public: pub, CreatedAt: r.CreatedAt,
		RetiredAt: r.RetiredAt, VerifyUntil: r.VerifyUntil}, nil
}

// EnsureSigningKey creates a signing key when there is no unretired one:
// on the first start, typically. Replicas starting at once create exactly
// one between them: the check and the insert run in one transaction under
// a lock (see lockSigningKeys).
func EnsureSigningKey(ctx context.Context, store *DB) error {
	// Every start after the first finds a key here, without a write lock.
	ok, err := hasSigningKey(ctx, store)
	if err != nil || ok {
		return err
	}
	return store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := lockSigningKeys(ctx, tx); err != nil {
			return err
		}
		ok, err := hasSigningKey(ctx, tx)
		if err != nil || ok {
			return err
		}
		k, err := auth.NewKey(Now())
		if err != nil {
			return err
		}
		return insertSigningKey(ctx, tx, k)
	})
}

// RotateSigningKey retires every unretired key, letting each verify until
// now+grace (SigningKeyGrace normally; 0 when a key leaked, which logs
// everyone out within KeyRingMaxAge), drops keys that can no longer verify
// anything, and creates the new signing key, which it returns.
// idb must be a transaction (store.Tx), so that the lock holds until commit.
func RotateSigningKey(ctx context.Context, idb bun.IDB, now time.Time, grace time.Duration) (auth.Key, error) {
	if grace < 0 {
		return auth.Key{}, fmt.Errorf("rotate signing key: negative grace %s", grace)
	}
	if err := lockSigningKeys(ctx, idb); err != nil {
		return auth.Key{}, err
	}
	// Expired keys verify nothing; deleting them keeps old private keys out
	// of backups.
	if _, err := idb.NewDelete().Model((*signingKeyRow)(nil)).
		Where("verify_until IS NOT NULL AND verify_until <= ?", now).Exec(ctx); err != nil {
		return auth.Key{}, fmt.Errorf("delete expired signing keys: %w", err)
	}
	if _, err := idb.NewUpdate().Model((*signingKeyRow)(nil)).
		Set("retired_at = ?", now).Set("verify_until = ?", now.Add(grace)).
		Where("retired_at IS NULL").Exec(ctx); err != nil {
		return auth.Key{}, fmt.Errorf("retire signing keys: %w", err)
	}
	k, err := auth.NewKey(now)
	if err != nil {
		return auth.Key{}, err
	}
	if err := insertSigningKey(ctx, idb, k); err != nil {
		return auth.Key{}, err
	}
	return k, nil
}

// LoadSigningKeys returns the keys that still verify at now, newest first;
// the first unretired one signs.
func LoadSigningKeys(ctx context.Context, idb bun.IDB, now time.Time) ([]auth.Key, error) {
	var rows []signingKeyRow
	err := idb.NewSelect().Model(&rows).
		Where("verify_until IS NULL OR verify_until > ?", now).
		OrderExpr("created_at DESC, kid DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load signing keys: %w", err)
	}
	keys := make([]auth.Key, 0, len(rows))
	for _, r := range rows {
		// A newer release may add algorithms; an older replica in a rolling
		// upgrade skips what it cannot use instead of failing.
		if r.Algorithm != auth.Algorithm {
			continue
		}
		k, err := r.key()
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func hasSigningKey(ctx context.Context, idb bun.IDB) (bool, error) {
	ok, err := idb.NewSelect().Model((*signingKeyRow)(nil)).
		Where("retired_at IS NULL").Where("algorithm = ?", auth.Algorithm).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("look for a signing key: %w", err)
	}
	return ok, nil
}

func insertSigningKey(ctx context.Context, idb bun.IDB, k auth.Key) error {
	row := signingKeyRowOf(k)
	if _, err := idb.NewInsert().Model(&row).Exec(ctx); err != nil {
		return fmt.Errorf("insert signing key %s: %w", k.ID, err)
	}
	return nil
}

// lockSigningKeys makes concurrent key creation and rotation take turns.
// A unique kid cannot do it (random kids never collide), and a fixed kid for
// the first key would only cover the first key, not a rotation racing
// another. On PostgreSQL a transaction-scoped advisory lock serialises them;
// on SQLite the writing transaction already holds the database's write lock
// (BEGIN IMMEDIATE). Either way the caller must be inside a transaction.
func lockSigningKeys(ctx context.Context, idb bun.IDB) error {
	switch idb.(type) {
	case bun.Tx, *bun.Tx:
	default:
		return errors.New("signing keys are created and rotated only inside a transaction")
	}
	if idb.Dialect().Name() != dialect.PG {
		return nil
	}
	if _, err := idb.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(signingKeysLock)); err != nil {
		return fmt.Errorf("take signing-key lock: %w", err)
	}
	return nil
}

// KeyRing is a replica's cache of the signing keys, so that checking a
// token does not cost a query. It reloads when older than KeyRingMaxAge, and
// at once (at most once a second) when a token names a kid it does not
// know: a key rotated by another replica is picked up on its first use. It
// holds nothing but what LoadSigningKeys returns.
type KeyRing struct {
	store *DB
	now   func() time.Time

	// mu guards the fields below and is held across a reload, so that a
	// burst of requests on a stale ring waits for one query rather than
	// each sending its own.
	mu       sync.Mutex
	keys     []auth.Key
	loadedAt time.Time // last successful load
	triedAt  time.Time // last attempt, successful or not
}

// NewKeyRing returns an empty ring over store; the first use loads it. now
// is the clock (nil: Now).
func NewKeyRing(store *DB, now func() time.Time) *KeyRing {
	if now == nil {
		now = Now
	}
	return &KeyRing{store: store, now: now}
}

// Load reads the keys now, regardless of age; for start-up, where an
// unreadable key table should stop the server rather than every sign-in.
func (r *KeyRing) Load(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.loadLocked(ctx, r.now())
}

// SigningKey returns the key to sign with: the newest unretired one. When
// the store cannot be read it keeps signing with the key it has; tokens
// stay verifiable, as rotation's grace covers a stale ring.
func (r *KeyRing) SigningKey(ctx context.Context) (auth.Key, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	loadErr := r.refreshLocked(ctx, false)
	for _, k := range r.keys {
		if k.RetiredAt == nil {
			return k, nil
		}
	}
	switch {
	case loadErr != nil:
		return auth.Key{}, loadErr
	case r.loadedAt.IsZero(): // the first load failed less than a second ago
		return auth.Key{}, errors.New("signing keys are not loaded yet")
	}
	return auth.Key{}, errors.New("no signing key in the store (EnsureSigningKey runs at start)")
}

// PublicKey returns the verification key named kid, if it still verifies.
// Load errors are not reported here: the ring answers from the keys it has.
func (r *KeyRing) PublicKey(ctx context.Context, kid string) (ed25519.PublicKey, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	_ = r.refreshLocked(ctx, false)
	if pub, ok := r.findLocked(kid); ok {
		return pub, true
	}
	_ = r.refreshLocked(ctx, true)
	return r.findLocked(kid)
}

// Lookup adapts PublicKey to auth.Tokens.Parse.
func (r *KeyRing) Lookup(ctx context.Context) func(kid string) (ed25519.PublicKey, bool) {
	return func(kid string) (ed25519.PublicKey, bool) { return r.PublicKey(ctx, kid) }
}

// findLocked checks verify_until against the clock, not only at load time,
// so a retired key stops verifying on time even on a ring loaded earlier.
func (r *KeyRing) findLocked(kid string) (ed25519.PublicKey, bool) {
	now := r.now()
	for _, k := range r.keys {
		if k.ID == kid && (k.VerifyUntil == nil || now.Before(*k.VerifyUntil)) {
			return k.Public, true
		}
	}
	return nil, false
}

// refreshLocked reloads when the keys are stale, or when forced (an unknown
// kid), but never twice within keyRingMinInterval.
func (r *KeyRing) refreshLocked(ctx context.Context, force bool) error {
	now := r.now()
	stale := r.loadedAt.IsZero() || now.Sub(r.loadedAt) >= KeyRingMaxAge
	if !stale && !force {
		return nil
	}
	if !r.triedAt.IsZero() && now.Sub(r.triedAt) < keyRingMinInterval {
		return nil
	}
	return r.loadLocked(ctx, now)
}

func (r *KeyRing) loadLocked(ctx context.Context, now time.Time) error {
	r.triedAt = now
	keys, err := LoadSigningKeys(ctx, r.store, now)
	if err != nil {
		return err
	}
	r.keys, r.loadedAt = keys, now
	return nil
}
