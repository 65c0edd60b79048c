package db

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Tag scopes: what a tag labels.
const (
	TagObject        = "OBJECT"
	TagExpertise     = "EXPERTISE"
	TagQualification = "QUALIFICATION"
)

// Tag labels objects (分类标注), or an inspector's expertise or qualifications.
type Tag struct {
	bun.BaseModel `bun:"table:tags"`

	ID          string    `bun:"id,pk" json:"id"`
	Scope       string    `bun:"scope" json:"scope"`
	Code        string    `bun:"code" json:"code"`
	Name        string    `bun:"name" json:"name"`
	Description string    `bun:"description" json:"description"`
	CreatedAt   time.Time `bun:"created_at" json:"-"`
}

// ListTags returns the tags of one scope by code.
func ListTags(ctx context.Context, idb bun.IDB, scope string) ([]Tag, error) {
	var out []Tag
	if err := idb.NewSelect().Model(&out).Where("scope = ?", scope).Order("code").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list %s tags: %w", scope, err)
	}
	return out, nil
}

// TagsByIDs returns the tags with the given ids.
func TagsByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]Tag, error) {
	var out []Tag
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	return out, nil
}

// InsertTag stores a new tag.
func InsertTag(ctx context.Context, idb bun.IDB, t *Tag) error {
	if _, err := idb.NewInsert().Model(t).Exec(ctx); err != nil {
		return fmt.Errorf("insert tag %s/%s: %w", t.Scope, t.Code, err)
	}
	return nil
}

// TagLinks returns, for each owner id, the ids of its tags, from a link
// table (object_tags, inspector_tags, item_qualifications).
func TagLinks(ctx context.Context, idb bun.IDB, table, ownerColumn string, owners []string) (map[string][]string, error) {
	out := make(map[string][]string, len(owners))
	if len(owners) == 0 {
		return out, nil
	}
	var rows []struct {
		Owner string `bun:"owner"`
		TagID string `bun:"tag_id"`
	}
	err := idb.NewSelect().TableExpr("? AS l", bun.Ident(table)).
		ColumnExpr("l.? AS owner", bun.Ident(ownerColumn)).ColumnExpr("l.tag_id").
		Join("JOIN tags AS t ON t.id = l.tag_id").
		Where("l.? IN (?)", bun.Ident(ownerColumn), bun.In(owners)).
		OrderExpr("t.code").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", table, err)
	}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.TagID)
	}
	return out, nil
}

// SetLinks replaces the links of one owner in a link table with ids.
func SetLinks(ctx context.Context, idb bun.IDB, table, ownerColumn, otherColumn, owner string, ids []string) error {
	if _, err := idb.NewDelete().TableExpr("?", bun.Ident(table)).
		Where("? = ?", bun.Ident(ownerColumn), owner).Exec(ctx); err != nil {
		return fmt.Errorf("clear %s of %s: %w", table, owner, err)
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([][]any, len(ids))
	for i, id := range ids {
		rows[i] = []any{owner, id}
	}
	if err := insertRows(ctx, idb, table, []string{ownerColumn, otherColumn}, rows); err != nil {
		return fmt.Errorf("set %s of %s: %w", table, owner, err)
	}
	return nil
}

// TagsOf returns, for each owner id, its tags (by code), from a link table
// (object_tags, inspector_tags, item_qualifications), in one statement.
func TagsOf(ctx context.Context, idb bun.IDB, table, ownerColumn string, owners []string) (map[string][]Tag, error) {
	out := make(map[string][]Tag, len(owners))
	if len(owners) == 0 {
		return out, nil
	}
	var rows []struct {
		Owner string `bun:"owner"`
		Tag   `bun:"extend"`
	}
	err := idb.NewSelect().TableExpr("? AS l", bun.Ident(table)).
		ColumnExpr("l.? AS owner", bun.Ident(ownerColumn)).ColumnExpr("t.*").
		Join("JOIN tags AS t ON t.id = l.tag_id").
		Where("l.? IN (?)", bun.Ident(ownerColumn), bun.In(owners)).
		OrderExpr("t.code").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", table, err)
	}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.Tag)
	}
	return out, nil
}
