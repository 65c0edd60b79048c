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
	Department         *dataloadgen.Loader[string, *db.Department]
	Username           *dataloadgen.Loader[string, string]
	Item               *dataloadgen.Loader[string, *db.Item]
	Object             *dataloadgen.Loader[string, *db.Object]
	Inspector          *dataloadgen.Loader[string, *db.Inspector]
	TaskMembers        *dataloadgen.Loader[string, []db.TaskMember]
	ObjectTags         *dataloadgen.Loader[string, []db.Tag]
	ObjectDepartments  *dataloadgen.Loader[string, []db.Department]
	InspectorTags      *dataloadgen.Loader[string, []db.Tag]
	ItemQualifications *dataloadgen.Loader[string, []db.Tag]
	Conflicts          *dataloadgen.Loader[string, []db.ConflictView]
}

// Relations are loaded with their targets joined in (an object's tags, not
// its tag ids), so a page costs one statement per relation, not two.

// New returns fresh loaders reading from store.
func New(store *db.DB) *Loaders {
	return &Loaders{
		Department: byID(func(ctx context.Context, ids []string) ([]db.Department, error) {
			return db.DepartmentsByIDs(ctx, store, ids)
		}, func(d *db.Department) string { return d.ID }),
		Item: byID(func(ctx context.Context, ids []string) ([]db.Item, error) {
			return db.ItemsByIDs(ctx, store, ids)
		}, func(it *db.Item) string { return it.ID }),
		Object: byID(func(ctx context.Context, ids []string) ([]db.Object, error) {
			return db.ObjectsByIDs(ctx, store, ids)
		}, func(o *db.Object) string { return o.ID }),
		Inspector: byID(func(ctx context.Context, ids []string) ([]db.Inspector, error) {
			return db.InspectorsByIDs(ctx, store, ids)
		}, func(n *db.Inspector) string { return n.ID }),
		TaskMembers: links(func(ctx context.Context, ids []string) (map[string][]db.TaskMember, error) {
			return db.MembersOf(ctx, store, ids)
		}),
		Username: mapped(func(ctx context.Context, ids []string) (map[string]string, error) {
			return db.UsernamesByIDs(ctx, store, ids)
		}),
		ObjectTags: links(func(ctx context.Context, ids []string) (map[string][]db.Tag, error) {
			return db.TagsOf(ctx, store, "object_tags", "object_id", ids)
		}),
		ObjectDepartments: links(func(ctx context.Context, ids []string) (map[string][]db.Department, error) {
			return db.SupervisorsOf(ctx, store, ids)
		}),
		InspectorTags: links(func(ctx context.Context, ids []string) (map[string][]db.Tag, error) {
			return db.TagsOf(ctx, store, "inspector_tags", "inspector_id", ids)
		}),
		ItemQualifications: links(func(ctx context.Context, ids []string) (map[string][]db.Tag, error) {
			return db.TagsOf(ctx, store, "item_qualifications", "item_id", ids)
		}),
		Conflicts: links(func(ctx context.Context, ids []string) (map[string][]db.ConflictView, error) {
			return db.ConflictViewsOf(ctx, store, ids)
		}),
	}
}

var wait = dataloadgen.WithWait(time.Millisecond)

// byID loads records by id; a missing id is an error (the store's foreign
// keys, or for an object's links the db package's writes, never leave one).
func byID[T any](fetch func(context.Context, []string) ([]T, error), key func(*T) string) *dataloadgen.Loader[string, *T] {
	return dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*T, error) {
		rows, err := fetch(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[string]*T, len(rows))
		for i := range rows {
			out[key(&rows[i])] = &rows[i]
		}
		return out, nil
	}, wait)
}

func mapped[V any](fetch func(context.Context, []string) (map[string]V, error)) *dataloadgen.Loader[string, V] {
	return dataloadgen.NewMappedLoader(fetch, wait)
}

// links loads one-to-many links; an owner without links gets an empty list,
// not an error.
func links[V any](fetch func(context.Context, []string) (map[string][]V, error)) *dataloadgen.Loader[string, []V] {
	return dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]V, error) {
		m, err := fetch(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if _, ok := m[id]; !ok {
				m[id] = []V{}
			}
		}
		return m, nil
	}, wait)
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
