package service

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// Session is what a sign-in or a refresh returns.
type Session struct {
	AccessToken           string
	AccessTokenExpiresAt  time.Time
	RefreshToken          string
	RefreshTokenExpiresAt time.Time
	User                  *db.User
}

var errBadLogin = fault.New(fault.Unauthenticated, "用户名或密码错误 (wrong username or password)")

// Login checks a username and password and opens a session. It never says
// which of the two was wrong, costs the same for unknown names, and refuses
// further attempts for a while after repeated failures.
func (s *Service) Login(ctx context.Context, username, password string) (*Session, error) {
	c := identity.From(ctx)
	username = strings.TrimSpace(username)
	if len(username) > 64 || len(password) > 1024 {
		return nil, errBadLogin
	}
	if blocked, wait := s.logins.blocked(username, c.ClientAddr); blocked {
		minutes := int(wait.Minutes()) + 1
		return nil, fault.New(fault.RateLimited, "登录失败次数过多，请%d分钟后再试 (too many failed sign-ins, try again in %d minutes)", minutes, minutes)
	}
	u, err := db.GetUserByUsername(ctx, s.db, username)
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return nil, err
	}
	if u == nil {
		auth.DummyCheck(password)
		s.logins.fail(username, c.ClientAddr)
		return nil, errBadLogin
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, fmt.Errorf("check password of %s: %w", username, err)
	}
	if !ok || u.Disabled {
		s.logins.fail(username, c.ClientAddr)
		return nil, errBadLogin
	}
	s.logins.succeed(username)
	columns := []string{"last_login_at"}
	if auth.NeedsRehash(u.PasswordHash) {
		// Stored with older, weaker parameters: store it anew now that the
		// password is at hand.
		if h, err := auth.HashPassword(password); err == nil {
			u.PasswordHash = h
			columns = append(columns, "password_hash")
		}
	}
	ctx = identity.With(ctx, callerOf(u, c))
	var sess *Session
	err = s.mutate(ctx, "session.login", func(ctx context.Context, tx bun.Tx) (Change, error) {
		now := s.now()
		u.LastLoginAt = &now
		if _, err := tx.NewUpdate().Model(u).Column(columns...).WherePK().Exec(ctx); err != nil {
			return Change{}, fmt.Errorf("record sign-in: %w", err)
		}
		sess, err = s.openSession(ctx, tx, u, "")
		return Change{TargetType: "User", TargetID: u.ID}, err
	})
	return sess, err
}

// Refresh trades a refresh token for a new pair. A token presented a second
// time revokes its whole family (the store commits that revocation even
// though the request fails).
func (s *Service) Refresh(ctx context.Context, token string) (*Session, error) {
	var sess *Session
	err := db.UseRefreshToken(ctx, s.db, auth.HashRefreshToken(token), s.now(),
		func(ctx context.Context, tx bun.Tx, userID, familyID string) error {
			u, err := db.GetUser(ctx, tx, userID)
			if err != nil {
				return err
			}
			if u.Disabled {
				return auth.Refused(errors.New("user disabled"))
			}
			ctx = identity.With(ctx, callerOf(u, identity.From(ctx)))
			if sess, err = s.openSession(ctx, tx, u, familyID); err != nil {
				return err
			}
			return s.appendAudit(ctx, tx, "session.refresh", Change{TargetType: "User", TargetID: u.ID})
		})
	if errors.Is(err, auth.ErrRefreshReused) {
		c := identity.From(ctx)
		s.log.Warn("refresh token used twice: its family is revoked", "err", err,
			"request_id", c.RequestID, "client", c.ClientAddr)
	}
	return sess, err
}

// openSession issues an access token and a refresh token in family (a new
// family when empty).
func (s *Service) openSession(ctx context.Context, tx bun.IDB, u *db.User, family string) (*Session, error) {
	// Sign with the newest key as the store has it now, not as the key ring
	// cached it, so a rotation by any replica takes effect at once. Sign-ins
	// are rare next to the requests that only verify through the ring.
	key, err := s.currentSigningKey(ctx, tx)
	if err != nil {
		return nil, err
	}
	access, claims, err := s.tokens.Sign(key, auth.Claims{UserID: u.ID, Username: u.Username, Role: u.Role, DepartmentID: u.Dept()})
	if err != nil {
		return nil, fmt.Errorf("sign access token: %w", err)
	}
	refresh, hash, err := auth.NewRefreshToken()
	if err != nil {
		return nil, err
	}
	now := s.now()
	rexp := now.Add(s.cfg.RefreshTokenTTL)
	if _, err := db.CreateRefreshToken(ctx, tx, u.ID, family, hash, now, rexp); err != nil {
		return nil, err
	}
	return &Session{AccessToken: access, AccessTokenExpiresAt: claims.ExpiresAt, RefreshToken: refresh,
		RefreshTokenExpiresAt: rexp, User: u}, nil
}

// Logout ends the session of the given refresh token, or every session of
// the caller when token is empty.
func (s *Service) Logout(ctx context.Context, token string) error {
	c := identity.From(ctx)
	if !c.SignedIn() {
		return fault.New(fault.Unauthenticated, "请先登录 (sign in first)")
	}
	return s.mutate(ctx, "session.logout", func(ctx context.Context, tx bun.Tx) (Change, error) {
		now := s.now()
		if token == "" {
			return Change{TargetType: "User", TargetID: c.UserID, After: map[string]any{"allSessions": true}},
				db.RevokeUserRefreshTokens(ctx, tx, c.UserID, now)
		}
		// Revoking a family needs its secret token, so whoever holds it may
		// end it; an unknown token ends nothing and reveals nothing.
		_, err := db.RevokeRefreshTokenFamily(ctx, tx, auth.HashRefreshToken(token), now)
		return Change{TargetType: "User", TargetID: c.UserID}, err
	})
}

// ChangePassword sets the caller's own password after checking the current
// one, and ends the caller's other sessions.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	c := identity.From(ctx)
	if !c.SignedIn() {
		return fault.New(fault.Unauthenticated, "请先登录 (sign in first)")
	}
	return s.mutate(ctx, "user.change_password", func(ctx context.Context, tx bun.Tx) (Change, error) {
		u, err := db.GetUser(ctx, tx, c.UserID)
		if err != nil {
			return Change{}, notFound(err, "user")
		}
		ok, err := auth.CheckPassword(u.PasswordHash, current)
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, fault.Invalid("currentPassword", "当前密码不正确 (current password is wrong)")
		}
		if current == next {
			return Change{}, fault.Invalid("newPassword", "新密码不能与当前密码相同 (the new password must differ)")
		}
		if err := s.setPassword(ctx, tx, u, next); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "User", TargetID: u.ID, After: map[string]any{"passwordChanged": true}}, nil
	})
}

// Authenticate turns a bearer token into the caller. The user is read from
// the store on every request, so a disabled user, a changed role or a reset
// password takes effect at the next request.
func (s *Service) Authenticate(ctx context.Context, token string, base identity.Caller) (identity.Caller, error) {
	claims, err := s.tokens.Parse(token, func(kid string) (ed25519.PublicKey, bool) {
		return s.keys.PublicKey(ctx, kid)
	})
	if err != nil {
		return base, err
	}
	u, err := db.GetUser(ctx, s.db, claims.UserID)
	if errors.Is(err, db.ErrNotFound) {
		return base, fault.New(fault.Unauthenticated, "登录已失效，请重新登录 (session expired or invalid, sign in again)")
	}
	if err != nil {
		return base, err
	}
	if u.Disabled {
		return base, fault.New(fault.Unauthenticated, "账号已停用 (account disabled)")
	}
	// Tokens issued before the last password change are void. iat has second
	// precision, so compare at that precision.
	if claims.IssuedAt.Before(u.PasswordChangedAt.Truncate(time.Second)) {
		return base, fault.New(fault.Unauthenticated, "密码已更改，请重新登录 (password changed, sign in again)")
	}
	c := callerOf(u, base)
	c.TokenID = claims.TokenID
	return c, nil
}

func callerOf(u *db.User, base identity.Caller) identity.Caller {
	base.UserID = u.ID
	base.Username = u.Username
	base.Role = u.Role
	base.DepartmentID = u.Dept()
	return base
}

func (s *Service) currentSigningKey(ctx context.Context, tx bun.IDB) (auth.Key, error) {
	keys, err := db.LoadSigningKeys(ctx, tx, s.now())
	if err != nil {
		return auth.Key{}, err
	}
	for _, k := range keys {
		if k.RetiredAt == nil {
			return k, nil
		}
	}
	return auth.Key{}, fmt.Errorf("no active token-signing key (run suiji migrate)")
}
