package db_test

import (
	"context"
	"crypto/ed25519"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
)

func countKeys(t *testing.T, store *db.DB) int {
	t.Helper()
	n, err := store.NewSelect().Table("signing_keys").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func rotate(t *testing.T, store *db.DB, now time.Time, grace time.Duration) auth.Key {
	t.Helper()
	var k auth.Key
	err := store.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
		var err error
		k, err = db.RotateSigningKey(ctx, tx, now, grace)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func kids(keys []auth.Key) string {
	var ids []string
	for _, k := range keys {
		ids = append(ids, k.ID)
	}
	return strings.Join(ids, ",")
}

func TestEnsureSigningKeyIsRaceFree(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		const replicas = 4
		start := make(chan struct{})
		errs := make(chan error, replicas)
		var wg sync.WaitGroup
		for range replicas {
			wg.Go(func() {
				<-start
				errs <- db.EnsureSigningKey(ctx, store)
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := countKeys(t, store); n != 1 {
			t.Fatalf("%d replicas starting at once made %d keys, want 1", replicas, n)
		}
		if err := db.EnsureSigningKey(ctx, store); err != nil {
			t.Fatal(err)
		}
		keys, err := db.LoadSigningKeys(ctx, store, db.Now())
		if err != nil || len(keys) != 1 {
			t.Fatalf("after a second start: %d keys, %v", len(keys), err)
		}
		k := keys[0]
		if len(k.ID) != 16 || k.RetiredAt != nil || k.VerifyUntil != nil {
			t.Fatalf("first key %+v", k)
		}
		// The stored key pair works: what the private key signs, the public key verifies.
		if sig := ed25519.Sign(k.Private, []byte("x")); !ed25519.Verify(k.Public, []byte("x"), sig) {
			t.Fatal("stored key pair does not verify its own signature")
		}
	})
}

func TestRotateSigningKey(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		if err := db.EnsureSigningKey(ctx, store); err != nil {
			t.Fatal(err)
		}
		before, err := db.LoadSigningKeys(ctx, store, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		old := before[0]

		now := db.Now().Add(time.Second)
		grace := db.SigningKeyGrace
		k := rotate(t, store, now, grace)

		keys, err := db.LoadSigningKeys(ctx, store, now)
		if err != nil {
			t.Fatal(err)
		}
		if kids(keys) != k.ID+","+old.ID {
			t.Fatalf("keys after rotation: %s, want new then old (%s,%s)", kids(keys), k.ID, old.ID)
		}
		if keys[0].RetiredAt != nil || !keys[0].Public.Equal(k.Public) {
			t.Fatalf("new key %+v", keys[0])
		}
		r := keys[1]
		if r.RetiredAt == nil || !r.RetiredAt.Equal(now) || r.VerifyUntil == nil || !r.VerifyUntil.Equal(now.Add(grace)) {
			t.Fatalf("old key retired %v, verifies until %v; want %v and %v", r.RetiredAt, r.VerifyUntil, now, now.Add(grace))
		}

		// Verifiable up to verify_until, not after.
		keys, err = db.LoadSigningKeys(ctx, store, now.Add(grace-time.Microsecond))
		if err != nil || kids(keys) != k.ID+","+old.ID {
			t.Fatalf("just before verify_until: %s %v", kids(keys), err)
		}
		keys, err = db.LoadSigningKeys(ctx, store, now.Add(grace))
		if err != nil || kids(keys) != k.ID {
			t.Fatalf("at verify_until: %s %v, want only %s", kids(keys), err, k.ID)
		}

		// The next rotation deletes the key that verifies nothing any more.
		later := now.Add(grace + time.Second)
		k2 := rotate(t, store, later, 0)
		if n := countKeys(t, store); n != 2 {
			t.Fatalf("%d keys stored after the second rotation, want 2 (the expired one deleted)", n)
		}
		// grace 0: the previous key stops verifying at once.
		keys, err = db.LoadSigningKeys(ctx, store, later)
		if err != nil || kids(keys) != k2.ID {
			t.Fatalf("after an emergency rotation: %s %v, want only %s", kids(keys), err, k2.ID)
		}

		if _, err := db.RotateSigningKey(ctx, store, later, grace); err == nil {
			t.Fatal("rotation outside a transaction was allowed")
		}
	})
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// queryCounter counts the statements a store runs.
type queryCounter struct {
	mu sync.Mutex
	n  int
}

func (q *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (q *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.n++
}

func (q *queryCounter) reset() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.n = 0
}

func (q *queryCounter) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

func TestKeyRingPicksUpRotation(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		if err := db.EnsureSigningKey(ctx, store); err != nil {
			t.Fatal(err)
		}
		clk := &clock{now: db.Now().Add(time.Second)}
		ring := db.NewKeyRing(store, clk.Now)
		tokens := auth.Tokens{Issuer: "suiji", Audience: "suiji-api", Now: clk.Now}
		queries := &queryCounter{}
		store.AddQueryHook(queries)

		k0, err := ring.SigningKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		claims := auth.Claims{UserID: "u1", Username: "zhangsan", Role: "ADMIN"}
		tok0, _, err := tokens.Sign(k0, claims)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Parse(tok0, ring.Lookup(ctx)); err != nil {
			t.Fatalf("token of the ring's own key refused: %v", err)
		}
		if n := queries.count(); n != 1 {
			t.Fatalf("signing and checking ran %d queries, want the one load", n)
		}

		// Another replica rotates.
		k1 := rotate(t, store, clk.Now(), db.SigningKeyGrace)
		clk.Advance(2 * time.Second)

		// The ring still signs with its cached key for up to KeyRingMaxAge…
		if k, err := ring.SigningKey(ctx); err != nil || k.ID != k0.ID {
			t.Fatalf("signing key %s %v, want the cached %s", k.ID, err, k0.ID)
		}
		// …but a token of the new key makes it reload at once.
		tok1, _, err := tokens.Sign(k1, claims)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Parse(tok1, ring.Lookup(ctx)); err != nil {
			t.Fatalf("token of a key rotated elsewhere refused: %v", err)
		}
		// Unknown kids reload at most once a second.
		queries.reset()
		for range 5 {
			if _, ok := ring.PublicKey(ctx, "0123456789abcdef"); ok {
				t.Fatal("unknown kid found")
			}
		}
		if n := queries.count(); n != 0 {
			t.Fatalf("unknown kids right after a reload ran %d queries, want 0", n)
		}
		clk.Advance(time.Second)
		for range 5 {
			ring.PublicKey(ctx, "0123456789abcdef")
		}
		if n := queries.count(); n != 1 {
			t.Fatalf("unknown kids a second later ran %d queries, want 1", n)
		}

		// After KeyRingMaxAge the ring signs with the new key.
		clk.Advance(db.KeyRingMaxAge)
		if k, err := ring.SigningKey(ctx); err != nil || k.ID != k1.ID {
			t.Fatalf("signing key %s %v, want the rotated %s", k.ID, err, k1.ID)
		}
		// The old key's tokens still verify during the grace…
		if _, err := tokens.Parse(tok0, ring.Lookup(ctx)); err != nil {
			t.Fatalf("old key's token refused during the grace: %v", err)
		}
		// …and not after, even before the ring reloads.
		clk.Advance(db.SigningKeyGrace)
		if _, ok := ring.PublicKey(ctx, k0.ID); ok {
			t.Fatal("retired key still verifies after verify_until")
		}
		if _, ok := ring.PublicKey(ctx, k1.ID); !ok {
			t.Fatal("current key lost")
		}
	})
}

func TestKeyRingWithoutKeys(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ring := db.NewKeyRing(store, nil)
		if _, err := ring.SigningKey(context.Background()); err == nil {
			t.Fatal("a signing key from an empty store")
		}
	})
}
