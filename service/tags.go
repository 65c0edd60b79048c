package service

import (
	"context"
	"regexp"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
)

// TagScopes lists what tags may label.
var TagScopes = []string{db.TagObject, db.TagExpertise, db.TagQualification}

var tagCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)

// Tags lists the tags of one scope (any signed-in user).
func (s *Service) Tags(ctx context.Context, scope string) ([]db.Tag, error) {
	if err := require(ctx, identity.Roles...); err != nil {
		return nil, err
	}
	return db.ListTags(ctx, s.db, scope)
}

// CreateTag adds a tag (ADMIN).
func (s *Service) CreateTag(ctx context.Context, scope, code, name, description string) (*db.Tag, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	var p Problems
	p.oneOf("scope", "标签范围", scope, TagScopes)
	p.match("code", "标签代码", code, tagCode, "1–32位字母、数字、.、_、- (1–32 of letters, digits, . _ -)")
	if code == "" {
		p.add("code", "required", "标签代码不能为空 (code is required)")
	}
	t := &db.Tag{ID: uuid.Must(uuid.NewV7()).String(), Scope: scope, Code: code, CreatedAt: s.now(),
		Name: p.text("name", "标签名称", name, true, 64), Description: p.text("description", "说明", description, false, 500)}
	if err := p.Err(); err != nil {
		return nil, err
	}
	err := s.mutate(ctx, "tag.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := db.InsertTag(ctx, tx, t); err != nil {
			return Change{}, uniqueAsConflict(err, "code", code)
		}
		return Change{TargetType: "Tag", TargetID: t.ID, After: t}, nil
	})
	return t, err
}

// TagsByIDs returns the tags with the given ids (tag names are not secret:
// published plans name the tags of their scope).
func (s *Service) TagsByIDs(ctx context.Context, ids []string) ([]db.Tag, error) {
	return db.TagsByIDs(ctx, s.db, ids)
}
