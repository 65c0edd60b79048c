package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Department is a regulator taking part in joint inspections (部门).
type Department struct {
	bun.BaseModel `bun:"table:departments"`

	ID          string    `bun:"id,pk" json:"id"`
	Code        string    `bun:"code" json:"code"`
	Name        string    `bun:"name" json:"name"`
	ShortName   string    `bun:"short_name" json:"shortName"`
	Description string    `bun:"description" json:"description"`
	SortOrder   int       `bun:"sort_order" json:"sortOrder"`
	Active      bool      `bun:"active" json:"active"`
	CreatedAt   time.Time `bun:"created_at" json:"-"`
	UpdatedAt   time.Time `bun:"updated_at" json:"-"`
}

// ErrNotFound is returned by lookups of a single record that does not exist.
var ErrNotFound = errors.New("not found")

// ListDepartments returns departments by sort order, then code.
func ListDepartments(ctx context.Context, idb bun.IDB, includeInactive bool) ([]Department, error) {
	var out []Department
	q := idb.NewSelect().Model(&out).Order("sort_order", "code")
	if !includeInactive {
		q = q.Where("active = ?", true)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	return out, nil
}

// DepartmentsByIDs returns the departments with the given ids, in any order
// (for dataloaders).
func DepartmentsByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]Department, error) {
	var out []Department
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load departments: %w", err)
	}
	return out, nil
}

// GetDepartment returns one department by id, or ErrNotFound.
func GetDepartment(ctx context.Context, idb bun.IDB, id string) (*Department, error) {
	d := new(Department)
	err := idb.NewSelect().Model(d).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get department %s: %w", id, err)
	}
	return d, nil
}

// GetDepartmentByCode returns one department by code, or ErrNotFound.
func GetDepartmentByCode(ctx context.Context, idb bun.IDB, code string) (*Department, error) {
	d := new(Department)
	err := idb.NewSelect().Model(d).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get department %s: %w", code, err)
	}
	return d, nil
}

// InsertDepartment stores a new department.
func InsertDepartment(ctx context.Context, idb bun.IDB, d *Department) error {
	if _, err := idb.NewInsert().Model(d).Exec(ctx); err != nil {
		return fmt.Errorf("insert department %s: %w", d.Code, err)
	}
	return nil
}

// UpdateDepartment writes every column of d.
func UpdateDepartment(ctx context.Context, idb bun.IDB, d *Department) error {
	if _, err := idb.NewUpdate().Model(d).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("update department %s: %w", d.Code, err)
	}
	return nil
}
