// Package loaders batches the lookups of related records made while one
// GraphQL request resolves, so a page of N rows costs a constant number of
// SQL statements instead of N+1. Loaders live for one request only: nothing
// is cached across requests or shared between replicas.
package loaders

import (
	"context"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/suiji-dev/suiji/db"
)

// Loaders are the per-request loaders.
type Loaders struct {
	Department *dataloadgen.Loader[string, *db.Department]
}

// New returns fresh loaders reading from store.
func New(store *db.DB) *Loaders {
	wait := dataloadgen.WithWait(time.Millisecond)
	return &Loaders{
		Department: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*db.Department, error) {
			ds, err := db.DepartmentsByIDs(ctx, store, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[string]*db.Department, len(ds))
			for i := range ds {
				out[ds[i].ID] = &ds[i]
			}
			return out, nil
		}, wait),
	}
}

type ctxKey struct{}

// Middleware gives every request its own loaders.
func Middleware(store *db.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(With(r.Context(), New(store))))
	})
}

// With returns ctx carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the request's loaders. Outside a request (tests, the shell) it
// returns nil; callers inside GraphQL always have them.
func From(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}
