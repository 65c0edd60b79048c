package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Inspector is an entry of the inspector library (执法检查人员名录库).
type Inspector struct {
	bun.BaseModel `bun:"table:inspectors"`

	ID           string    `bun:"id,pk" json:"-"`
	UID          string    `bun:"uid" json:"uid"`
	Name         string    `bun:"name" json:"name"`
	DepartmentID string    `bun:"department_id" json:"departmentId"`
	Kind         string    `bun:"kind" json:"kind"`
	Organisation string    `bun:"organisation" json:"organisation"`
	CertNo       string    `bun:"cert_no" json:"certificateNumber"`
	CertExpires  string    `bun:"cert_expires" json:"certificateExpiresOn"` // YYYY-MM-DD or ""
	RegionCode   string    `bun:"region_code" json:"regionCode"`
	Phone        string    `bun:"phone" json:"phone"`
	Status       string    `bun:"status" json:"status"`
	StatusSince  string    `bun:"status_since" json:"statusSince"` // YYYY-MM-DD or ""
	UserID       *string   `bun:"user_id" json:"userId"`
	Version      int       `bun:"version" json:"-"`
	CreatedAt    time.Time `bun:"created_at" json:"-"`
	UpdatedAt    time.Time `bun:"updated_at" json:"-"`
}

// InspectorRecord is an inspector with its tags (qualifications and expertise).
type InspectorRecord struct {
	Inspector
	TagIDs []string `json:"tagIds"`
}

// InspectorFilter narrows an inspector listing.
type InspectorFilter struct {
	DepartmentID     string
	Kinds            []string
	Statuses         []string
	QualificationIDs []string
	RegionCode       string
	Search           string
}

func (f InspectorFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if f.DepartmentID != "" {
		q = q.Where("n.department_id = ?", f.DepartmentID)
	}
	if len(f.Kinds) > 0 {
		q = q.Where("n.kind IN (?)", bun.In(f.Kinds))
	}
	if len(f.Statuses) > 0 {
		q = q.Where("n.status IN (?)", bun.In(f.Statuses))
	}
	for _, tag := range f.QualificationIDs {
		q = q.Where("EXISTS (SELECT 1 FROM inspector_tags AS it WHERE it.inspector_id = n.id AND it.tag_id = ?)", tag)
	}
	q = codePrefix(q, "n.region_code", f.RegionCode)
	if s := NormalizeSearch(f.Search); s != "" {
		like := "%" + escapeLike(s) + "%"
		q = q.Where("(n.name LIKE ? ESCAPE '\\' OR n.uid LIKE ? ESCAPE '\\')", like, escapeLike(strings.ToUpper(s))+"%")
	}
	return q
}

// ListInspectors returns up to first inspectors by uid after afterUID.
func ListInspectors(ctx context.Context, idb bun.IDB, f InspectorFilter, first int, afterUID string) ([]Inspector, bool, error) {
	var out []Inspector
	q := f.apply(idb.NewSelect().Model(&out).ModelTableExpr("inspectors AS n").ColumnExpr("n.*")).
		OrderExpr("n.uid").Limit(int64(first + 1))
	if afterUID != "" {
		q = q.Where("n.uid > ?", afterUID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list inspectors: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// CountInspectors counts the inspectors matching f.
func CountInspectors(ctx context.Context, idb bun.IDB, f InspectorFilter) (int, error) {
	n, err := f.apply(idb.NewSelect().TableExpr("inspectors AS n")).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count inspectors: %w", err)
	}
	return int(n), nil
}

// GetInspector returns one inspector by id, or ErrNotFound.
func GetInspector(ctx context.Context, idb bun.IDB, id string) (*Inspector, error) {
	n := new(Inspector)
	err := idb.NewSelect().Model(n).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get inspector %s: %w", id, err)
	}
	return n, nil
}

// InspectorRecordsByUIDs returns the inspectors with the given uids with
// their tags, keyed by uid.
func InspectorRecordsByUIDs(ctx context.Context, idb bun.IDB, uids []string) (map[string]*InspectorRecord, error) {
	out := make(map[string]*InspectorRecord, len(uids))
	if len(uids) == 0 {
		return out, nil
	}
	var ns []Inspector
	if err := idb.NewSelect().Model(&ns).Where("uid IN (?)", bun.In(uids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load inspectors by uid: %w", err)
	}
	ids := make([]string, len(ns))
	for i := range ns {
		ids[i] = ns[i].ID
	}
	tags, err := TagLinks(ctx, idb, "inspector_tags", "inspector_id", ids)
	if err != nil {
		return nil, err
	}
	for _, n := range ns {
		out[n.UID] = &InspectorRecord{Inspector: n, TagIDs: tags[n.ID]}
	}
	return out, nil
}

// SaveInspector inserts or updates an inspector, replaces its tags and
// records a history entry.
func SaveInspector(ctx context.Context, idb bun.IDB, r *InspectorRecord, insert bool, actor, source, changes string) error {
	var err error
	if insert {
		_, err = idb.NewInsert().Model(&r.Inspector).Exec(ctx)
	} else {
		_, err = idb.NewUpdate().Model(&r.Inspector).WherePK().Exec(ctx)
	}
	if err != nil {
		return fmt.Errorf("save inspector %s: %w", r.UID, err)
	}
	if err := SetLinks(ctx, idb, "inspector_tags", "inspector_id", "tag_id", r.ID, r.TagIDs); err != nil {
		return err
	}
	return insertRows(ctx, idb, "inspector_versions", []string{"inspector_id", "version", "changed_at", "actor", "source", "data"},
		[][]any{{r.ID, r.Version, r.UpdatedAt, actor, source, changes}})
}

// Conflict is a declared conflict of interest (回避).
type Conflict struct {
	bun.BaseModel `bun:"table:inspector_conflicts"`

	InspectorID string    `bun:"inspector_id,pk"`
	ObjectID    string    `bun:"object_id,pk"`
	Reason      string    `bun:"reason"`
	DeclaredAt  time.Time `bun:"declared_at"`
}

// InsertConflict stores a conflict; a second declaration of the same pair
// is a unique violation.
func InsertConflict(ctx context.Context, idb bun.IDB, c *Conflict) error {
	if _, err := idb.NewInsert().Model(c).Exec(ctx); err != nil {
		return fmt.Errorf("declare conflict: %w", err)
	}
	return nil
}

// DeleteConflict removes a conflict and reports whether there was one.
func DeleteConflict(ctx context.Context, idb bun.IDB, inspectorID, objectID string) (bool, error) {
	res, err := idb.NewDelete().Model((*Conflict)(nil)).
		Where("inspector_id = ? AND object_id = ?", inspectorID, objectID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("withdraw conflict: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// InspectorsByIDs returns the inspectors with the given ids.
func InspectorsByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]Inspector, error) {
	var out []Inspector
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load inspectors: %w", err)
	}
	return out, nil
}

// UsernamesByIDs returns usernames keyed by user id.
func UsernamesByIDs(ctx context.Context, idb bun.IDB, ids []string) (map[string]string, error) {
	out := map[string]string{}
	users, err := UsersByIDs(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.ID] = u.Username
	}
	return out, nil
}

// ConflictView is a declared conflict with its object.
type ConflictView struct {
	Conflict
	Object Object
}

// ConflictViewsOf returns the conflicts of the given inspectors with their
// objects, keyed by inspector, in one statement.
func ConflictViewsOf(ctx context.Context, idb bun.IDB, inspectorIDs []string) (map[string][]ConflictView, error) {
	out := make(map[string][]ConflictView, len(inspectorIDs))
	if len(inspectorIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		InspectorID string    `bun:"inspector_id"`
		Reason      string    `bun:"reason"`
		DeclaredAt  time.Time `bun:"declared_at"`
		Object      `bun:"extend"`
	}
	err := idb.NewSelect().TableExpr("inspector_conflicts AS c").
		ColumnExpr("c.inspector_id, c.reason, c.declared_at").ColumnExpr("o.*").
		Join("JOIN objects AS o ON o.id = c.object_id").
		Where("c.inspector_id IN (?)", bun.In(inspectorIDs)).OrderExpr("c.declared_at").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load conflicts: %w", err)
	}
	for _, r := range rows {
		out[r.InspectorID] = append(out[r.InspectorID], ConflictView{
			Conflict: Conflict{InspectorID: r.InspectorID, ObjectID: r.Object.ID, Reason: r.Reason, DeclaredAt: r.DeclaredAt},
			Object:   r.Object})
	}
	return out, nil
}

// InspectorOfUser returns the id of the inspector record linked to a user,
// or "" when there is none.
func InspectorOfUser(ctx context.Context, idb bun.IDB, userID string) (string, error) {
	var id string
	err := idb.NewSelect().Model((*Inspector)(nil)).Column("id").Where("user_id = ?", userID).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}
