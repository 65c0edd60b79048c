package db_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/fault"
)

// insertUser adds a bare user for refresh_tokens' foreign key.
func insertUser(t *testing.T, store *db.DB, username string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	now := db.Now()
	_, err := store.ExecContext(context.Background(), `INSERT INTO users
		(id, username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
		VALUES (?, ?, ?, 'INSPECTOR', 'x', ?, ?, ?)`, id, username, username, now, now, now)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// signIn stores a new refresh token in a new family and returns the token.
func signIn(t *testing.T, store *db.DB, userID string, now time.Time) (token, familyID string) {
	t.Helper()
	token, hash, err := auth.NewRefreshToken()
	if err != nil {
		t.Fatal(err)
	}
	familyID, err = db.CreateRefreshToken(context.Background(), store, userID, "", hash, now, now.Add(auth.RefreshTokenTTL))
	if err != nil {
		t.Fatal(err)
	}
	return token, familyID
}

type refreshed struct {
	token, userID, familyID string
}

// refresh spends token and issues its successor, as the refresh mutation will.
func refresh(ctx context.Context, store *db.DB, token string, now time.Time) (refreshed, error) {
	var out refreshed
	err := db.UseRefreshToken(ctx, store, auth.HashRefreshToken(token), now,
		func(ctx context.Context, tx bun.Tx, userID, familyID string) error {
			next, hash, err := auth.NewRefreshToken()
			if err != nil {
				return err
			}
			if _, err := db.CreateRefreshToken(ctx, tx, userID, familyID, hash, now, now.Add(auth.RefreshTokenTTL)); err != nil {
				return err
			}
			out = refreshed{token: next, userID: userID, familyID: familyID}
			return nil
		})
	return out, err
}

// mustRefuse checks err is the one public refusal, for the given reason.
func mustRefuse(t *testing.T, err error, reason error) {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || fe.Code != fault.Unauthenticated || fe.Message != auth.SessionMessage {
		t.Fatalf("got %v, want UNAUTHENTICATED with the session message", err)
	}
	if !errors.Is(err, reason) {
		t.Fatalf("got %v, want reason %v", err, reason)
	}
}

func TestRefreshTokenRotates(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		user := insertUser(t, store, "zhangsan")
		now := db.Now()
		t0, family := signIn(t, store, user, now)

		r1, err := refresh(ctx, store, t0, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if r1.userID != user || r1.familyID != family {
			t.Fatalf("refresh gave user %s family %s, want %s %s", r1.userID, r1.familyID, user, family)
		}
		r2, err := refresh(ctx, store, r1.token, now.Add(2*time.Minute))
		if err != nil {
			t.Fatalf("the successor token: %v", err)
		}
		if r2.familyID != family {
			t.Fatal("the family changed on rotation")
		}
	})
}

func TestRefreshTokenReuseRevokesFamily(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		user := insertUser(t, store, "zhangsan")
		now := db.Now()
		t0, _ := signIn(t, store, user, now)
		otherDevice, _ := signIn(t, store, user, now)

		r1, err := refresh(ctx, store, t0, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		// t0 comes back: someone has a copy.
		_, err = refresh(ctx, store, t0, now.Add(2*time.Minute))
		mustRefuse(t, err, auth.ErrRefreshReused)
		// The revocation was committed although the request failed: the
		// successor is dead too.
		_, err = refresh(ctx, store, r1.token, now.Add(3*time.Minute))
		mustRefuse(t, err, auth.ErrRefreshRevoked)
		_, err = refresh(ctx, store, t0, now.Add(4*time.Minute))
		mustRefuse(t, err, auth.ErrRefreshRevoked)
		// Another sign-in of the same user is not touched.
		if _, err := refresh(ctx, store, otherDevice, now.Add(5*time.Minute)); err != nil {
			t.Fatalf("other device: %v", err)
		}
	})
}

// cancelOnLookup cancels a context as soon as a refresh token is looked up
// (after the conditional UPDATE found nothing to spend): the client hangs up
// just as its replay is caught.
type cancelOnLookup struct{ cancel context.CancelFunc }

func (h cancelOnLookup) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (h cancelOnLookup) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if strings.HasPrefix(e.Query, "SELECT") && strings.Contains(e.Query, "refresh_tokens") {
		h.cancel()
	}
}

func TestRefreshTokenReuseRevokesEvenWhenCancelled(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		user := insertUser(t, store, "zhangsan")
		now := db.Now()
		t0, _ := signIn(t, store, user, now)
		r1, err := refresh(context.Background(), store, t0, now.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		store.AddQueryHook(cancelOnLookup{cancel})
		err = db.UseRefreshToken(ctx, store, auth.HashRefreshToken(t0), now.Add(2*time.Minute),
			func(context.Context, bun.Tx, string, string) error { return nil })
		if ctx.Err() == nil {
			t.Fatal("the hook did not cancel the request")
		}
		mustRefuse(t, err, auth.ErrRefreshReused)
		_, err = refresh(context.Background(), store, r1.token, now.Add(3*time.Minute))
		mustRefuse(t, err, auth.ErrRefreshRevoked)
	})
}

func TestRefreshTokenConcurrentUse(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		user := insertUser(t, store, "zhangsan")
		now := db.Now()
		for round := range 3 {
			tok, _ := signIn(t, store, user, now)
			const requests = 2
			start := make(chan struct{})
			errs := make(chan error, requests)
			var wg sync.WaitGroup
			for range requests {
				wg.Go(func() {
					<-start
					_, err := refresh(ctx, store, tok, now.Add(time.Minute))
					errs <- err
				})
			}
			close(start)
			wg.Wait()
			close(errs)
			ok := 0
			for err := range errs {
				if err == nil {
					ok++
					continue
				}
				if !fault.Is(err, fault.Unauthenticated) {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if ok != 1 {
				t.Fatalf("round %d: %d of %d concurrent uses of one token succeeded, want 1", round, ok, requests)
			}
		}
	})
}

func TestRefreshTokenRefusals(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		user := insertUser(t, store, "zhangsan")
		now := db.Now()

		tok, hash, _ := auth.NewRefreshToken()
		if _, err := db.CreateRefreshToken(ctx, store, user, "", hash, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, err := refresh(ctx, store, tok, now.Add(time.Hour))
		mustRefuse(t, err, auth.ErrRefreshExpired)
		_, err = refresh(ctx, store, tok, now.Add(2*time.Hour))
		mustRefuse(t, err, auth.ErrRefreshExpired)

		unknown, _, _ := auth.NewRefreshToken()
		_, err = refresh(ctx, store, unknown, now)
		mustRefuse(t, err, auth.ErrRefreshUnknown)

		// A refresh that fails after spending rolls back: the token stays good.
		tok2, _ := signIn(t, store, user, now)
		boom := errors.New("user lookup failed")
		err = db.UseRefreshToken(ctx, store, auth.HashRefreshToken(tok2), now,
			func(context.Context, bun.Tx, string, string) error { return boom })
		if !errors.Is(err, boom) {
			t.Fatalf("got %v, want the callback's error", err)
		}
		if _, err := refresh(ctx, store, tok2, now); err != nil {
			t.Fatalf("token spent by a rolled-back refresh: %v", err)
		}
	})
}

func TestRevokeRefreshTokens(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		now := db.Now()
		alice := insertUser(t, store, "alice")
		bob := insertUser(t, store, "bob")
		phone, _ := signIn(t, store, alice, now)
		laptop, _ := signIn(t, store, alice, now)
		tablet, tabletFamily := signIn(t, store, alice, now)
		bobs, _ := signIn(t, store, bob, now)

		// Sign out on the laptop, with its refresh token in hand.
		who, err := db.RevokeRefreshTokenFamily(ctx, store, auth.HashRefreshToken(laptop), now)
		if err != nil || who != alice {
			t.Fatalf("sign out: %q %v", who, err)
		}
		_, err = refresh(ctx, store, laptop, now)
		mustRefuse(t, err, auth.ErrRefreshRevoked)
		if who, err := db.RevokeRefreshTokenFamily(ctx, store, auth.HashRefreshToken("nonsense"), now); err != nil || who != "" {
			t.Fatalf("sign out with an unknown token: %q %v", who, err)
		}

		// Sign out on the tablet by family.
		if err := db.RevokeRefreshFamily(ctx, store, tabletFamily, now); err != nil {
			t.Fatal(err)
		}
		_, err = refresh(ctx, store, tablet, now)
		mustRefuse(t, err, auth.ErrRefreshRevoked)

		// Password change: everything of alice's goes, bob keeps his.
		phone2, err := refresh(ctx, store, phone, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeUserRefreshTokens(ctx, store, alice, now); err != nil {
			t.Fatal(err)
		}
		_, err = refresh(ctx, store, phone2.token, now)
		mustRefuse(t, err, auth.ErrRefreshRevoked)
		if _, err := refresh(ctx, store, bobs, now); err != nil {
			t.Fatalf("another user's token: %v", err)
		}
	})
}
