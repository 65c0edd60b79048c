package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
)

// revokeTimeout bounds the family revocation that follows a reused refresh
// token; it runs even when the request that triggered it is cancelled.
const revokeTimeout = 15 * time.Second

type refreshTokenRow struct {
	bun.BaseModel `bun:"table:refresh_tokens"`

	ID        string     `bun:"id,pk"`
	FamilyID  string     `bun:"family_id"`
	UserID    string     `bun:"user_id"`
	TokenHash string     `bun:"token_hash"`
	CreatedAt time.Time  `bun:"created_at"`
	ExpiresAt time.Time  `bun:"expires_at"`
	UsedAt    *time.Time `bun:"used_at"`
	RevokedAt *time.Time `bun:"revoked_at"`
}

// CreateRefreshToken stores the hash (auth.NewRefreshToken) of a refresh
// token of userID in familyID, or in a new family when familyID is "" (a
// sign-in), and returns the family.
func CreateRefreshToken(ctx context.Context, idb bun.IDB, userID, familyID, hash string, now, expires time.Time) (string, error) {
	if userID == "" || hash == "" || !expires.After(now) {
		return "", fmt.Errorf("refresh token needs a user, a hash and a future expiry")
	}
	id, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("new refresh token id: %w", err)
	}
	if familyID == "" {
		fam, err := uuid.NewV7()
		if err != nil {
			return "", fmt.Errorf("new refresh token family: %w", err)
		}
		familyID = fam.String()
	}
	row := refreshTokenRow{ID: id.String(), FamilyID: familyID, UserID: userID, TokenHash: hash,
		CreatedAt: now, ExpiresAt: expires}
	if _, err := idb.NewInsert().Model(&row).Exec(ctx); err != nil {
		return "", fmt.Errorf("insert refresh token of user %s: %w", userID, err)
	}
	return familyID, nil
}

// UseRefreshToken spends the refresh token whose hash is given and, in the
// same transaction, calls next with its user and family; next issues the
// new tokens (CreateRefreshToken in familyID) and whatever else the refresh
// needs. The token is spent only if next succeeds: an error from next rolls
// everything back.
//
// A token is spent at most once, even when two requests present it at once:
// the conditional UPDATE lets exactly one through. An unknown, expired or
// revoked token, or one already spent, is refused with auth.Refused and the
// matching auth.ErrRefresh… reason. A spent token coming back means it was
// copied, so its whole family is revoked, including the token that
// replaced it. That revocation must outlive the refusal, and the refusal
// rolls back the transaction, so UseRefreshToken owns the transaction and
// commits the revocation in a second one of its own after the first has
// ended (on SQLite it could not start while the first holds the write
// lock). That is why it takes the store, not a bun.IDB.
func UseRefreshToken(ctx context.Context, store *DB, hash string, now time.Time,
	next func(ctx context.Context, tx bun.Tx, userID, familyID string) error) error {
	var reused *refreshTokenRow
	err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		userID, familyID, err := spendRefreshToken(ctx, tx, hash, now)
		if errors.Is(err, sql.ErrNoRows) {
			row, reason := whyRefused(ctx, tx, hash, now)
			if errors.Is(reason, auth.ErrRefreshReused) {
				reused = &row
			}
			return reason
		}
		if err != nil {
			return err
		}
		return next(ctx, tx, userID, familyID)
	})
	if reused == nil {
		return err
	}
	return revokeReusedFamily(ctx, store, *reused, now, err)
}

// spendRefreshToken marks the token used if it is usable, and returns its
// user and family; sql.ErrNoRows when it is not.
func spendRefreshToken(ctx context.Context, tx bun.Tx, hash string, now time.Time) (userID, familyID string, err error) {
	err = tx.NewRaw(`UPDATE refresh_tokens SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
		RETURNING user_id, family_id`, now, hash, now).Scan(ctx, &userID, &familyID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("spend refresh token: %w", err)
	}
	return userID, familyID, err
}

// whyRefused looks at a token that could not be spent and returns the
// refusal, with the row when there is one.
func whyRefused(ctx context.Context, tx bun.Tx, hash string, now time.Time) (refreshTokenRow, error) {
	var row refreshTokenRow
	err := tx.NewSelect().Model(&row).Where("token_hash = ?", hash).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return row, auth.Refused(auth.ErrRefreshUnknown)
	case err != nil:
		return row, fmt.Errorf("look up refresh token: %w", err)
	}
	at := fmt.Sprintf("family %s of user %s", row.FamilyID, row.UserID)
	switch {
	case row.RevokedAt != nil:
		return row, auth.Refused(fmt.Errorf("%w: %s", auth.ErrRefreshRevoked, at))
	// Before expiry: a spent token replayed late is still evidence of a copy.
	case row.UsedAt != nil:
		return row, auth.Refused(fmt.Errorf("%w: %s", auth.ErrRefreshReused, at))
	case !now.Before(row.ExpiresAt):
		return row, auth.Refused(fmt.Errorf("%w: %s", auth.ErrRefreshExpired, at))
	}
	// Only a concurrent change between the UPDATE and this SELECT lands here.
	return row, auth.Refused(fmt.Errorf("%w: %s changed concurrently", auth.ErrRefreshUnknown, at))
}

// revokeReusedFamily commits the revocation of a replayed token's family and
// returns the refusal. It runs detached from ctx's cancellation: a client
// hanging up must not spare the family.
func revokeReusedFamily(ctx context.Context, store *DB, row refreshTokenRow, now time.Time, refusal error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), revokeTimeout)
	defer cancel()
	err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return RevokeRefreshFamily(ctx, tx, row.FamilyID, now)
	})
	if err != nil {
		return errors.Join(refusal, err)
	}
	return refusal
}

// RevokeRefreshFamily revokes every token of one sign-in (sign out on one
// device). Tokens already revoked keep their first revocation time.
func RevokeRefreshFamily(ctx context.Context, idb bun.IDB, familyID string, now time.Time) error {
	_, err := idb.NewUpdate().Model((*refreshTokenRow)(nil)).Set("revoked_at = ?", now).
		Where("family_id = ?", familyID).Where("revoked_at IS NULL").Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke refresh token family %s: %w", familyID, err)
	}
	return nil
}

// RevokeRefreshTokenFamily revokes the family of the token whose hash is
// given, for signing out with the refresh token in hand, and returns the
// token's user ("" when the token is unknown, which is not an error: signing
// out twice is fine).
func RevokeRefreshTokenFamily(ctx context.Context, idb bun.IDB, hash string, now time.Time) (string, error) {
	var row refreshTokenRow
	err := idb.NewSelect().Model(&row).Column("user_id", "family_id").Where("token_hash = ?", hash).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("look up refresh token: %w", err)
	}
	return row.UserID, RevokeRefreshFamily(ctx, idb, row.FamilyID, now)
}

// RevokeUserRefreshTokens revokes every token of a user: sign out
// everywhere, a password change, a disabled user.
func RevokeUserRefreshTokens(ctx context.Context, idb bun.IDB, userID string, now time.Time) error {
	_, err := idb.NewUpdate().Model((*refreshTokenRow)(nil)).Set("revoked_at = ?", now).
		Where("user_id = ?", userID).Where("revoked_at IS NULL").Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke refresh tokens of user %s: %w", userID, err)
	}
	return nil
}
