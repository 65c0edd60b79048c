package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
)

// refs holds the small tables that records point into, departments and
// tags, loaded once per mutation or import so that validating a hundred
// thousand rows costs no query per row.
type refs struct {
	departments map[string]db.Department // by id
	tags        map[string]db.Tag        // by id
	// deptByName finds a department by code, name or short name (imports).
	deptByName map[string]string
	// tagByName finds a tag by scope and code or name (imports).
	tagByName map[string]string
}

func loadRefs(ctx context.Context, idb bun.IDB) (*refs, error) {
	ds, err := db.ListDepartments(ctx, idb, true)
	if err != nil {
		return nil, err
	}
	var tags []db.Tag
	if err := idb.NewSelect().Model(&tags).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	r := &refs{departments: map[string]db.Department{}, tags: map[string]db.Tag{},
		deptByName: map[string]string{}, tagByName: map[string]string{}}
	for _, d := range ds {
		r.departments[d.ID] = d
		for _, n := range []string{d.Code, d.Name, d.ShortName} {
			if n != "" {
				r.deptByName[strings.ToUpper(n)] = d.ID
			}
		}
	}
	for _, t := range tags {
		r.tags[t.ID] = t
		r.tagByName[t.Scope+"\x00"+strings.ToUpper(t.Code)] = t.ID
		r.tagByName[t.Scope+"\x00"+strings.ToUpper(t.Name)] = t.ID
	}
	return r, nil
}

// checkTags resolves tag ids of one scope, reporting unknown ones; the
// result is sorted without repeats.
func (r *refs) checkTags(p *Problems, field string, ids []string, scope string) []string {
	ids = uniqueSorted(ids)
	for _, id := range ids {
		if t, ok := r.tags[id]; !ok || t.Scope != scope {
			p.add(field, "unknown_tag", "标签不存在或不适用于此处 (unknown tag, or not a %s tag)", strings.ToLower(scope))
			return nil
		}
	}
	return ids
}

// checkDepartments resolves department ids, reporting unknown or disabled ones.
func (r *refs) checkDepartments(p *Problems, field string, ids []string) []string {
	ids = uniqueSorted(ids)
	for _, id := range ids {
		if d, ok := r.departments[id]; !ok || !d.Active {
			p.add(field, "unknown_department", "部门不存在或已停用 (unknown or disabled department)")
			return nil
		}
	}
	return ids
}

// departmentNamed finds an active department by code, name or short name.
func (r *refs) departmentNamed(name string) (string, bool) {
	id, ok := r.deptByName[strings.ToUpper(strings.TrimSpace(name))]
	return id, ok && r.departments[id].Active
}

// tagNamed finds a tag of scope by code or name.
func (r *refs) tagNamed(scope, name string) (string, bool) {
	id, ok := r.tagByName[scope+"\x00"+strings.ToUpper(strings.TrimSpace(name))]
	return id, ok
}
