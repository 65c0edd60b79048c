package service

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
)

// AuditLog lists audit entries newest first (ADMIN).
func (s *Service) AuditLog(ctx context.Context, f db.AuditFilter, first int, beforeSeq int64) ([]audit.Entry, bool, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, false, err
	}
	return db.ListAudit(ctx, s.db, f, first, beforeSeq)
}

// CountAudit counts audit entries matching f (ADMIN).
func (s *Service) CountAudit(ctx context.Context, f db.AuditFilter) (int, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return 0, err
	}
	return db.CountAudit(ctx, s.db, f)
}

// AuditAfter returns entries after seq, oldest first (ADMIN; subscriptions).
func (s *Service) AuditAfter(ctx context.Context, afterSeq int64, limit int) ([]audit.Entry, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	return db.AuditAfter(ctx, s.db, afterSeq, limit)
}

// VerifyAudit writes a fresh signed checkpoint of the head, then checks the
// whole chain against every checkpoint. Only the caller's error is an error;
// a broken chain is a report with Intact false.
func (s *Service) VerifyAudit(ctx context.Context) (audit.Report, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return audit.Report{}, err
	}
	key, keyID, err := s.auditKey()
	if err != nil {
		return audit.Report{}, err
	}
	report, err := db.VerifyAudit(ctx, s.db, key.Public().(ed25519.PublicKey), s.checkpointLog())
	if err != nil {
		return report, err
	}
	if report.Intact {
		// Only an intact chain earns a checkpoint: signing a broken head
		// would bless the damage.
		if _, err := db.WriteCheckpoint(ctx, s.db, key, keyID, s.checkpointLog()); err != nil {
			return report, fmt.Errorf("write audit checkpoint: %w", err)
		}
	}
	return report, nil
}

// Checkpoint signs the current chain head. The store checks the chain from
// the newest signed checkpoint to the head first and refuses to sign a
// broken one. The server calls it at start and then daily.
func (s *Service) Checkpoint(ctx context.Context) error {
	key, keyID, err := s.auditKey()
	if err != nil {
		return err
	}
	_, err = db.WriteCheckpoint(ctx, s.db, key, keyID, s.checkpointLog())
	return err
}

// RunCheckpoints signs a checkpoint now and then every interval until ctx ends.
func (s *Service) RunCheckpoints(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.Checkpoint(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("audit checkpoint failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Service) auditKey() (ed25519.PrivateKey, string, error) {
	if s.cfg.AuditKeyFile == "" {
		return nil, "", fmt.Errorf("no audit key file configured")
	}
	key, id, err := audit.LoadOrCreateKey(s.cfg.AuditKeyFile)
	if err != nil {
		return nil, "", fmt.Errorf("audit key %s: %w", s.cfg.AuditKeyFile, err)
	}
	return key, id, nil
}

func (s *Service) checkpointLog() string { return audit.CheckpointLogPath(s.cfg.AuditKeyFile) }
