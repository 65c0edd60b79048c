package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/suiji-dev/suiji/identity"
)

// Limits bound what one operation may ask for. Analysts run ad-hoc queries,
// so they get more room than the SPA's roles.
type Limits struct {
	Depth, AnalystDepth           int
	Complexity, AnalystComplexity int
}

// DefaultLimits are generous for the SPA's queries and tight enough that a
// hostile query cannot make the server do unbounded work.
func DefaultLimits() Limits {
	return Limits{Depth: 10, AnalystDepth: 15, Complexity: 2000, AnalystComplexity: 20000}
}

func (l Limits) forCaller(ctx context.Context) (depth, complexity int) {
	if identity.From(ctx).Is(identity.Analyst, identity.Admin) {
		return l.AnalystDepth, l.AnalystComplexity
	}
	return l.Depth, l.Complexity
}

// depthLimit refuses operations nested deeper than the caller's limit;
// gqlgen has no built-in depth limit.
type depthLimit struct{ limits Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	max, _ := d.limits.forCaller(ctx)
	if got := selectionDepth(oc.Operation.SelectionSet, 0, max); got > max {
		err := gqlerror.Errorf("查询嵌套过深：最多%d层 (operation is nested deeper than %d levels)", max, max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP"}
		return err
	}
	return nil
}

// selectionDepth returns the depth of set, stopping once it passes max so a
// hostile document cannot make the check itself expensive.
func selectionDepth(set ast.SelectionSet, depth, max int) int {
	if depth > max {
		return depth
	}
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = depth + 1
			} else {
				d = selectionDepth(s.SelectionSet, depth+1, max)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, depth, max)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, depth, max)
			}
		}
		if d > deepest {
			deepest = d
		}
	}
	return deepest
}

// signedInIntrospection allows schema introspection to signed-in callers only.
type signedInIntrospection struct{}

func (signedInIntrospection) ExtensionName() string                   { return "SignedInIntrospection" }
func (signedInIntrospection) Validate(graphql.ExecutableSchema) error { return nil }
func (signedInIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	oc.DisableIntrospection = !identity.From(ctx).SignedIn()
	return nil
}
