package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Item is one version of an inspection item (抽查事项).
type Item struct {
	bun.BaseModel `bun:"table:items"`

	ID           string    `bun:"id,pk" json:"-"`
	DepartmentID string    `bun:"department_id" json:"departmentId"`
	Code         string    `bun:"code" json:"code"`
	Version      int       `bun:"version" json:"version"`
	Current      bool      `bun:"current" json:"-"`
	Name         string    `bun:"name" json:"name"`
	Basis        string    `bun:"basis" json:"basis"`
	BasisRefs    string    `bun:"basis_refs" json:"basisRefs"` // JSON [{"law","article"}]
	Subject      string    `bun:"subject" json:"subject"`
	ObjectKinds  string    `bun:"object_kinds" json:"objectKinds"` // JSON ["ENTERPRISE", …]
	Content      string    `bun:"content" json:"content"`
	Method       string    `bun:"method" json:"method"`
	Category     string    `bun:"category" json:"category"`
	RatioCapBP   *int      `bun:"ratio_cap_bp" json:"ratioCapBp"`
	Status       string    `bun:"status" json:"status"`
	Note         string    `bun:"note" json:"note"`
	CreatedAt    time.Time `bun:"created_at" json:"-"`
	CreatedBy    string    `bun:"created_by" json:"-"`
}

// LegalRef is one law and article an item rests on.
type LegalRef struct {
	Law     string `json:"law"`
	Article string `json:"article,omitempty"`
}

// Refs decodes BasisRefs.
func (it *Item) Refs() []LegalRef {
	var out []LegalRef
	_ = json.Unmarshal([]byte(it.BasisRefs), &out)
	return out
}

// Kinds decodes ObjectKinds.
func (it *Item) Kinds() []string {
	var out []string
	_ = json.Unmarshal([]byte(it.ObjectKinds), &out)
	return out
}

// ItemFilter narrows an item listing.
type ItemFilter struct {
	DepartmentID string
	Category     string
	Method       string
	ObjectKind   string
	Statuses     []string
	Search       string
}

func (f ItemFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	q = q.Where("i.current = ?", true)
	if f.DepartmentID != "" {
		q = q.Where("i.department_id = ?", f.DepartmentID)
	}
	if f.Category != "" {
		q = q.Where("i.category = ?", f.Category)
	}
	if f.Method != "" {
		q = q.Where("i.method = ?", f.Method)
	}
	if f.ObjectKind != "" {
		q = q.Where("i.object_kinds LIKE ?", `%"`+f.ObjectKind+`"%`)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("i.status IN (?)", bun.In(f.Statuses))
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		like := "%" + escapeLike(s) + "%"
		q = q.Where("(i.code LIKE ? ESCAPE '\\' OR i.name LIKE ? ESCAPE '\\')", like, like)
	}
	return q
}

// ListItems returns current items ordered by department order, department
// and code, after the given position ("<sort_order>|<department code>|<code>").
func ListItems(ctx context.Context, idb bun.IDB, f ItemFilter, first int, after ItemPosition) ([]Item, bool, error) {
	var out []Item
	q := f.apply(idb.NewSelect().Model(&out).ModelTableExpr("items AS i").ColumnExpr("i.*").
		Join("JOIN departments AS d ON d.id = i.department_id")).
		OrderExpr("d.sort_order, d.code, i.code").Limit(int64(first + 1))
	if after.DepartmentCode != "" {
		q = q.Where("(d.sort_order > ? OR (d.sort_order = ? AND (d.code > ? OR (d.code = ? AND i.code > ?))))",
			after.SortOrder, after.SortOrder, after.DepartmentCode, after.DepartmentCode, after.Code)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list items: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// ItemPosition is a keyset position in the item listing.
type ItemPosition struct {
	SortOrder      int
	DepartmentCode string
	Code           string
}

// CountItems counts the current items matching f.
func CountItems(ctx context.Context, idb bun.IDB, f ItemFilter) (int, error) {
	n, err := f.apply(idb.NewSelect().TableExpr("items AS i")).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count items: %w", err)
	}
	return int(n), nil
}

// GetItem returns one item version by id, or ErrNotFound.
func GetItem(ctx context.Context, idb bun.IDB, id string) (*Item, error) {
	it := new(Item)
	err := idb.NewSelect().Model(it).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get item %s: %w", id, err)
	}
	return it, nil
}

// CurrentItem returns the current version of a department's item, or ErrNotFound.
func CurrentItem(ctx context.Context, idb bun.IDB, departmentID, code string) (*Item, error) {
	it := new(Item)
	err := idb.NewSelect().Model(it).Where("department_id = ? AND code = ? AND current = ?", departmentID, code, true).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get item %s: %w", code, err)
	}
	return it, nil
}

// ItemVersions returns every version of the item (department, code), newest first.
func ItemVersions(ctx context.Context, idb bun.IDB, departmentID, code string) ([]Item, error) {
	var out []Item
	err := idb.NewSelect().Model(&out).Where("department_id = ? AND code = ?", departmentID, code).
		Order("version DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("item versions %s: %w", code, err)
	}
	return out, nil
}

// ItemsByIDs returns the item versions with the given ids.
func ItemsByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]Item, error) {
	var out []Item
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	return out, nil
}

// InsertItemVersion stores it as the new current version of its item: the
// previous current version, if any, stops being current.
func InsertItemVersion(ctx context.Context, idb bun.IDB, it *Item) error {
	if _, err := idb.NewUpdate().Model((*Item)(nil)).Set("current = ?", false).
		Where("department_id = ? AND code = ? AND current = ?", it.DepartmentID, it.Code, true).Exec(ctx); err != nil {
		return fmt.Errorf("retire current version of item %s: %w", it.Code, err)
	}
	it.Current = true
	if _, err := idb.NewInsert().Model(it).Exec(ctx); err != nil {
		return fmt.Errorf("insert item %s v%d: %w", it.Code, it.Version, err)
	}
	return nil
}
