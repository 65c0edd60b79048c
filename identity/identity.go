// Package identity holds who is calling: the signed-in user's role and
// department, or nobody (the public). Both graph/ and server/ import it, so
// resolvers never reach back into the HTTP layer to learn who is asking.
package identity

import (
	"context"
	"fmt"
	"io"
	"strconv"
)

// Role is what a signed-in user may do. Every user has exactly one.
type Role string

const (
	Admin     Role = "ADMIN"      // 联席会议办公室: every department, approvals, users, audit
	DeptAdmin Role = "DEPT_ADMIN" // one department's items, inspectors, plans, results
	Inspector Role = "INSPECTOR"  // one inspector record: its own tasks
	Analyst   Role = "ANALYST"    // reads everything except personal data
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{Admin, DeptAdmin, Inspector, Analyst}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Caller is the identity behind one request. The zero value is the public.
type Caller struct {
	UserID       string
	Username     string
	Role         Role
	DepartmentID string // set for DEPT_ADMIN (and INSPECTOR users bound to a department)
	TokenID      string // jti of the access token, for logs
	RequestID    string
	ClientAddr   string
}

// SignedIn reports whether the caller presented a valid token.
func (c Caller) SignedIn() bool { return c.UserID != "" }

// Is reports whether the caller is signed in with one of roles.
func (c Caller) Is(roles ...Role) bool {
	if !c.SignedIn() {
		return false
	}
	for _, r := range roles {
		if c.Role == r {
			return true
		}
	}
	return false
}

// SeesDepartment reports whether the caller may act on records of the given
// department: ADMIN everywhere, DEPT_ADMIN only in its own.
func (c Caller) SeesDepartment(departmentID string) bool {
	switch c.Role {
	case Admin:
		return c.SignedIn()
	case DeptAdmin:
		return c.DepartmentID != "" && c.DepartmentID == departmentID
	}
	return false
}

type contextKey struct{}

// With returns a context that carries c.
func With(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, contextKey{}, c)
}

// From returns the caller carried by ctx, or the public when there is none.
func From(ctx context.Context) Caller {
	c, _ := ctx.Value(contextKey{}).(Caller)
	return c
}

// UnmarshalGQL reads a role from a GraphQL enum value, refusing unknown ones.
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Role(s).Valid() {
		return fmt.Errorf("%v is not a valid Role", v)
	}
	*r = Role(s)
	return nil
}

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(r)))
}

// System is the caller for work started from the shell (seed, user add,
// migrations): it acts as ADMIN and is recorded as "system" in the audit trail.
func System() Caller {
	return Caller{UserID: "system", Username: "system", Role: Admin}
}
