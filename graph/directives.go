package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/privacy"
)

// Directives enforce the access rules written in schema.graphqls. They are
// the one place those rules are checked for the API; the SPA only reflects
// them.
func Directives() DirectiveRoot {
	return DirectiveRoot{
		Auth:       authDirective,
		Public:     func(ctx context.Context, _ any, next graphql.Resolver) (any, error) { return next(ctx) },
		Restricted: restrictedDirective,
		Personal:   personalDirective,
	}
}

func authDirective(ctx context.Context, _ any, next graphql.Resolver, roles []identity.Role) (any, error) {
	c := identity.From(ctx)
	if !c.SignedIn() {
		return nil, fault.New(fault.Unauthenticated, "请先登录 (sign in first)")
	}
	if len(roles) > 0 && !c.Is(roles...) {
		return nil, fault.New(fault.Forbidden, "您的角色无权执行此操作 (not allowed for your role)")
	}
	return next(ctx)
}

func restrictedDirective(ctx context.Context, _ any, next graphql.Resolver, roles []identity.Role) (any, error) {
	if !identity.From(ctx).Is(roles...) {
		return nil, nil
	}
	return next(ctx)
}

// owned is a record that belongs to one user, who may see its personal data.
type owned interface{ OwnerUserID() string }

func personalDirective(ctx context.Context, obj any, next graphql.Resolver, roles []identity.Role) (any, error) {
	v, err := next(ctx)
	if err != nil || v == nil {
		return v, err
	}
	c := identity.From(ctx)
	if c.Is(roles...) {
		return v, nil
	}
	if o, ok := obj.(owned); ok && c.SignedIn() && o.OwnerUserID() == c.UserID {
		return v, nil
	}
	switch s := v.(type) {
	case *string:
		if s == nil {
			return s, nil
		}
		m := privacy.Mask(*s)
		return &m, nil
	case string:
		return privacy.Mask(s), nil
	}
	return nil, nil // anything that cannot be masked is withheld
}
