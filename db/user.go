package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/identity"
)

// User is a person who signs in.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID                string        `bun:"id,pk" json:"id"`
	Username          string        `bun:"username" json:"username"`
	DisplayName       string        `bun:"display_name" json:"displayName"`
	Role              identity.Role `bun:"role" json:"role"`
	DepartmentID      *string       `bun:"department_id" json:"departmentId"`
	Phone             string        `bun:"phone" json:"phone"`
	Email             string        `bun:"email" json:"email"`
	PasswordHash      string        `bun:"password_hash" json:"-"`
	Disabled          bool          `bun:"disabled" json:"disabled"`
	PasswordChangedAt time.Time     `bun:"password_changed_at" json:"-"`
	LastLoginAt       *time.Time    `bun:"last_login_at" json:"-"`
	CreatedAt         time.Time     `bun:"created_at" json:"-"`
	UpdatedAt         time.Time     `bun:"updated_at" json:"-"`
}

// Dept returns the department id, or "".
func (u *User) Dept() string {
	if u.DepartmentID == nil {
		return ""
	}
	return *u.DepartmentID
}

// UserFilter narrows a user listing.
type UserFilter struct {
	Search       string
	Role         identity.Role
	DepartmentID string
	Disabled     *bool
}

func (f UserFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if s := strings.TrimSpace(f.Search); s != "" {
		like := "%" + escapeLike(strings.ToLower(s)) + "%"
		q = q.Where("(LOWER(username) LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\')", like, like)
	}
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.DepartmentID != "" {
		q = q.Where("department_id = ?", f.DepartmentID)
	}
	if f.Disabled != nil {
		q = q.Where("disabled = ?", *f.Disabled)
	}
	return q
}

// escapeLike makes s match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListUsers returns up to first users ordered by username, after the given
// username (keyset pagination), and whether more follow.
func ListUsers(ctx context.Context, idb bun.IDB, f UserFilter, first int, afterUsername string) ([]User, bool, error) {
	var out []User
	q := f.apply(idb.NewSelect().Model(&out)).Order("username").Limit(int64(first + 1))
	if afterUsername != "" {
		q = q.Where("username > ?", afterUsername)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list users: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// CountUsers counts the users matching f.
func CountUsers(ctx context.Context, idb bun.IDB, f UserFilter) (int, error) {
	n, err := f.apply(idb.NewSelect().Model((*User)(nil))).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return int(n), nil
}

// GetUser returns one user by id, or ErrNotFound.
func GetUser(ctx context.Context, idb bun.IDB, id string) (*User, error) {
	return getUser(ctx, idb, "id = ?", id)
}

// GetUserByUsername returns one user by username, or ErrNotFound.
func GetUserByUsername(ctx context.Context, idb bun.IDB, username string) (*User, error) {
	return getUser(ctx, idb, "username = ?", username)
}

func getUser(ctx context.Context, idb bun.IDB, where string, arg string) (*User, error) {
	u := new(User)
	err := idb.NewSelect().Model(u).Where(where, arg).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get user %s: %w", arg, err)
	}
	return u, nil
}

// UsersByIDs returns the users with the given ids, in any order.
func UsersByIDs(ctx context.Context, idb bun.IDB, ids []string) ([]User, error) {
	var out []User
	if len(ids) == 0 {
		return out, nil
	}
	if err := idb.NewSelect().Model(&out).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load users: %w", err)
	}
	return out, nil
}

// InsertUser stores a new user.
func InsertUser(ctx context.Context, idb bun.IDB, u *User) error {
	if _, err := idb.NewInsert().Model(u).Exec(ctx); err != nil {
		return fmt.Errorf("insert user %s: %w", u.Username, err)
	}
	return nil
}

// UpdateUser writes every column of u.
func UpdateUser(ctx context.Context, idb bun.IDB, u *User) error {
	if _, err := idb.NewUpdate().Model(u).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("update user %s: %w", u.Username, err)
	}
	return nil
}
