package model

import (
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
)

// User is bound in gqlgen.yml so the department loads through a loader and
// the @personal directive can tell whether the caller is the user itself.
type User struct {
	ID           string
	Username     string
	DisplayName  string
	Role         identity.Role
	DepartmentID string // database id, "" when none
	Phone        *string
	Email        *string
	Disabled     bool
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	rawID        string
}

func (User) IsNode() {}

// OwnerUserID is the database id of the user the record belongs to.
func (u *User) OwnerUserID() string { return u.rawID }

// NewUser converts a stored user; id is its opaque public id.
func NewUser(u *db.User, id string) *User {
	phone, email := u.Phone, u.Email
	return &User{ID: id, Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
		DepartmentID: u.Dept(), Phone: &phone, Email: &email, Disabled: u.Disabled,
		LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, rawID: u.ID}
}

// UserConnection carries its filter so totalCount runs only when asked for.
type UserConnection struct {
	Edges    []*UserEdge
	PageInfo *PageInfo
	Filter   db.UserFilter
}

// AuditEntryConnection carries its filter so totalCount runs only when asked for.
type AuditEntryConnection struct {
	Edges    []*AuditEntryEdge
	PageInfo *PageInfo
	Filter   db.AuditFilter
}
