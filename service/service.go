// Package service holds suiji's operations: each validates its input, checks
// record-level scope, runs in one transaction and appends its audit entry
// inside that transaction. Resolvers call it and do nothing else of
// substance; the shell commands call it too.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// Config holds the settings of the service layer.
type Config struct {
	TokenIssuer     string
	TokenAudience   string
	AccessTokenTTL  time.Duration
	RefreshTokenTTL time.Duration
	// AuditKeyFile is the Ed25519 key that signs audit checkpoints; it lives
	// outside the database. Its checkpoint log sits beside it.
	AuditKeyFile string
}

// DefaultConfig returns the settings used unless configured otherwise.
func DefaultConfig() Config {
	return Config{
		TokenIssuer:     "suiji",
		TokenAudience:   "suiji-api",
		AccessTokenTTL:  15 * time.Minute,
		RefreshTokenTTL: 30 * 24 * time.Hour,
	}
}

// Service is the set of operations over one store.
type Service struct {
	db     *db.DB
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
	keys   *db.KeyRing
	tokens auth.Tokens
	logins *loginLimiter
	// importWake wakes this process's import runner when a job is queued
	// here; runners on other replicas find it by polling.
	importWake chan struct{}
}

// New returns a service over store. now is the clock (nil: the wall clock).
func New(store *db.DB, cfg Config, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = db.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{
		db:     store,
		cfg:    cfg,
		log:    log,
		now:    now,
		keys:   db.NewKeyRing(store, now),
		tokens: auth.Tokens{Issuer: cfg.TokenIssuer, Audience: cfg.TokenAudience, TTL: cfg.AccessTokenTTL, Now: now},
		logins: newLoginLimiter(now),

		importWake: make(chan struct{}, 1),
	}
}

// DB returns the store, for loaders and health checks.
func (s *Service) DB() *db.DB { return s.db }

// Change is what a mutation reports for its audit entry.
type Change struct {
	TargetType string
	TargetID   string
	Before     any // the record before (nil on create)
	After      any // the record after (nil on delete)
}

// mutate runs fn in one transaction and, when fn succeeds, appends the audit
// entry for action inside the same transaction, as late as possible so the
// chain head is held briefly.
func (s *Service) mutate(ctx context.Context, action string, fn func(ctx context.Context, tx bun.Tx) (Change, error)) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		ch, err := fn(ctx, tx)
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, action, ch)
	})
}

func (s *Service) appendAudit(ctx context.Context, tx bun.IDB, action string, ch Change) error {
	before, after, err := audit.Diff(ch.Before, ch.After)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	c := identity.From(ctx)
	actor := c.Username
	if actor == "" {
		actor = "public"
	}
	e := &audit.Entry{
		ActorID:    c.UserID,
		Actor:      actor,
		Role:       string(c.Role),
		Action:     action,
		TargetType: ch.TargetType,
		TargetID:   ch.TargetID,
		Before:     before,
		After:      after,
		RequestID:  c.RequestID,
		ClientAddr: c.ClientAddr,
	}
	if err := db.AppendAudit(ctx, tx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// notFound maps db.ErrNotFound to a NOT_FOUND fault naming what was missing.
func notFound(err error, what string) error {
	if errors.Is(err, db.ErrNotFound) {
		return fault.New(fault.NotFound, "%s不存在 (%s not found)", whatZh[what], what)
	}
	return err
}

var whatZh = map[string]string{
	"department": "部门",
	"user":       "用户",
	"object":     "检查对象",
	"inspector":  "检查人员",
	"item":       "抽查事项",
	"tag":        "标签",
	"import job": "导入任务",
	"plan":       "抽查计划",
	"draw":       "抽取记录",
}

// require returns FORBIDDEN unless the caller has one of roles. Root fields
// are guarded by the schema's @auth directive; this guards the shell and any
// second way in.
func require(ctx context.Context, roles ...identity.Role) error {
	c := identity.From(ctx)
	if !c.SignedIn() {
		return fault.New(fault.Unauthenticated, "请先登录 (sign in first)")
	}
	if !c.Is(roles...) {
		return fault.New(fault.Forbidden, "无权执行此操作 (not allowed for your role)")
	}
	return nil
}

func (s *Service) nudgeImports() {
	select {
	case s.importWake <- struct{}{}:
	default:
	}
}
