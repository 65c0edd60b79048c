package service

import (
	"context"
	"fmt"
	"regexp"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

var departmentCode = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{1,31}$`)

// DepartmentInput is a new department or the fields of one to change (nil:
// unchanged).
type DepartmentInput struct {
	Code        string
	Name        *string
	ShortName   *string
	Description *string
	SortOrder   *int
}

// Departments lists departments. Inactive ones are listed only for
// signed-in callers who ask.
func (s *Service) Departments(ctx context.Context, includeInactive bool) ([]db.Department, error) {
	if !identity.From(ctx).SignedIn() {
		includeInactive = false
	}
	return db.ListDepartments(ctx, s.db, includeInactive)
}

// Department returns one department; the public sees active ones only.
func (s *Service) Department(ctx context.Context, id string) (*db.Department, error) {
	d, err := db.GetDepartment(ctx, s.db, id)
	if err != nil {
		return nil, notFound(err, "department")
	}
	if !d.Active && !identity.From(ctx).SignedIn() {
		return nil, notFound(db.ErrNotFound, "department")
	}
	return d, nil
}

// CreateDepartment adds a department (ADMIN).
func (s *Service) CreateDepartment(ctx context.Context, in DepartmentInput) (*db.Department, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	now := s.now()
	d := &db.Department{ID: uuid.Must(uuid.NewV7()).String(), Active: true, CreatedAt: now, UpdatedAt: now}
	d.Code = in.Code
	if err := pattern("code", "部门代码", d.Code, departmentCode, "大写字母开头，2–32位大写字母、数字、-、_ (2–32 of A–Z, 0–9, - or _, starting with a letter)"); err != nil {
		return nil, err
	}
	if in.Name == nil {
		return nil, fault.Invalid("name", "部门名称不能为空 (name is required)")
	}
	if err := applyDepartment(d, in); err != nil {
		return nil, err
	}
	err := s.mutate(ctx, "department.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := uniqueDepartment(ctx, tx, d); err != nil {
			return Change{}, err
		}
		if err := db.InsertDepartment(ctx, tx, d); err != nil {
			return Change{}, duplicateDepartment(err, d)
		}
		return Change{TargetType: "Department", TargetID: d.ID, After: d}, nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// UpdateDepartment changes a department's name, short name, description or
// order (ADMIN). The code is permanent: other records and published plans
// refer to it.
func (s *Service) UpdateDepartment(ctx context.Context, id string, in DepartmentInput) (*db.Department, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	var out *db.Department
	err := s.mutate(ctx, "department.update", func(ctx context.Context, tx bun.Tx) (Change, error) {
		d, err := db.GetDepartment(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "department")
		}
		before := *d
		if err := applyDepartment(d, in); err != nil {
			return Change{}, err
		}
		if err := uniqueDepartment(ctx, tx, d); err != nil {
			return Change{}, err
		}
		d.UpdatedAt = s.now()
		if err := db.UpdateDepartment(ctx, tx, d); err != nil {
			return Change{}, duplicateDepartment(err, d)
		}
		out = d
		return Change{TargetType: "Department", TargetID: d.ID, Before: before, After: *d}, nil
	})
	return out, err
}

// SetDepartmentActive disables or re-enables a department (ADMIN).
func (s *Service) SetDepartmentActive(ctx context.Context, id string, active bool) (*db.Department, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	action := "department.disable"
	if active {
		action = "department.enable"
	}
	var out *db.Department
	err := s.mutate(ctx, action, func(ctx context.Context, tx bun.Tx) (Change, error) {
		d, err := db.GetDepartment(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "department")
		}
		before := *d
		d.Active = active
		d.UpdatedAt = s.now()
		if err := db.UpdateDepartment(ctx, tx, d); err != nil {
			return Change{}, err
		}
		out = d
		return Change{TargetType: "Department", TargetID: d.ID, Before: before, After: *d}, nil
	})
	return out, err
}

func applyDepartment(d *db.Department, in DepartmentInput) error {
	var err error
	if in.Name != nil {
		if d.Name, err = text("name", "部门名称", *in.Name, true, 64); err != nil {
			return err
		}
	}
	if in.ShortName != nil {
		if d.ShortName, err = text("shortName", "简称", *in.ShortName, false, 32); err != nil {
			return err
		}
	}
	if in.Description != nil {
		if d.Description, err = text("description", "说明", *in.Description, false, 2000); err != nil {
			return err
		}
	}
	if in.SortOrder != nil {
		if err := intRange("sortOrder", "排序", *in.SortOrder, 0, 1_000_000); err != nil {
			return err
		}
		d.SortOrder = *in.SortOrder
	}
	return nil
}

// uniqueDepartment gives a readable CONFLICT before the database's unique
// constraints do (which still guard against races).
func uniqueDepartment(ctx context.Context, tx bun.IDB, d *db.Department) error {
	for _, col := range []struct{ column, value, field, zh string }{
		{"code", d.Code, "code", "部门代码"},
		{"name", d.Name, "name", "部门名称"},
	} {
		n, err := tx.NewSelect().Model((*db.Department)(nil)).
			Where("id <> ?", d.ID).Where("? = ?", bun.Ident(col.column), col.value).Count(ctx)
		if err != nil {
			return fmt.Errorf("check department %s: %w", col.column, err)
		}
		if n > 0 {
			return &fault.Error{Code: fault.Conflict, Field: col.field,
				Message: fmt.Sprintf("%s“%s”已被其他部门使用 (department %s %q is already in use)", col.zh, col.value, col.field, col.value)}
		}
	}
	return nil
}

func duplicateDepartment(err error, d *db.Department) error {
	if db.IsUniqueViolation(err) {
		return &fault.Error{Code: fault.Conflict, Field: "code",
			Message: fmt.Sprintf("部门代码“%s”或名称“%s”已被使用 (department code or name already in use)", d.Code, d.Name), Err: err}
	}
	return err
}
