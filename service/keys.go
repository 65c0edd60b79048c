package service

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
)

// RotateSigningKey makes a new token-signing key (ADMIN, the shell). The
// previous key keeps verifying tokens until they expire.
func (s *Service) RotateSigningKey(ctx context.Context) (string, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return "", err
	}
	var kid string
	err := s.mutate(ctx, "keys.rotate", func(ctx context.Context, tx bun.Tx) (Change, error) {
		k, err := db.RotateSigningKey(ctx, tx, s.now(), s.cfg.AccessTokenTTL+auth.Leeway+db.KeyRingMaxAge)
		if err != nil {
			return Change{}, err
		}
		kid = k.ID
		return Change{TargetType: "SigningKey", TargetID: k.ID, After: map[string]any{"kid": k.ID}}, nil
	})
	return kid, err
}
