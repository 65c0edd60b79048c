package service

import (
	"context"
	"fmt"
	"regexp"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/auth"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

var (
	usernameFormat = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)
	phoneFormat    = regexp.MustCompile(`^[0-9+()\- ]{3,32}$`)
	emailFormat    = regexp.MustCompile(`^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,63}$`)
)

// UserInput is a new user or the fields of one to change (nil: unchanged).
type UserInput struct {
	Username     string
	DisplayName  *string
	Role         *identity.Role
	DepartmentID *string
	Password     string
	Phone        *string
	Email        *string
}

// userRecord is what the audit trail keeps of a user: never the password hash.
type userRecord struct {
	Username     string        `json:"username"`
	DisplayName  string        `json:"displayName"`
	Role         identity.Role `json:"role"`
	DepartmentID string        `json:"departmentId"`
	Phone        string        `json:"phone"`
	Email        string        `json:"email"`
	Disabled     bool          `json:"disabled"`
}

func recordOf(u *db.User) userRecord {
	return userRecord{u.Username, u.DisplayName, u.Role, u.Dept(), u.Phone, u.Email, u.Disabled}
}

// Users lists users (ADMIN).
func (s *Service) Users(ctx context.Context, f db.UserFilter, first int, after string) ([]db.User, bool, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, false, err
	}
	return db.ListUsers(ctx, s.db, f, first, after)
}

// CountUsers counts users matching f (ADMIN).
func (s *Service) CountUsers(ctx context.Context, f db.UserFilter) (int, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return 0, err
	}
	return db.CountUsers(ctx, s.db, f)
}

// User returns one user: ADMIN any, everyone else only themselves.
func (s *Service) User(ctx context.Context, id string) (*db.User, error) {
	c := identity.From(ctx)
	if !c.Is(identity.Admin) && c.UserID != id {
		return nil, fault.New(fault.Forbidden, "无权查看该用户 (not allowed to read this user)")
	}
	u, err := db.GetUser(ctx, s.db, id)
	return u, notFound(err, "user")
}

// CreateUser adds a user (ADMIN, or the shell).
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*db.User, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	now := s.now()
	u := &db.User{ID: uuid.Must(uuid.NewV7()).String(), Username: in.Username,
		PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := pattern("username", "用户名", u.Username, usernameFormat, "2–32位小写字母、数字、.、_、-，以字母或数字开头 (2–32 of a–z, 0–9, . _ -)"); err != nil {
		return nil, err
	}
	if in.DisplayName == nil {
		return nil, fault.Invalid("displayName", "姓名不能为空 (displayName is required)")
	}
	if in.Role == nil {
		return nil, fault.Invalid("role", "角色不能为空 (role is required)")
	}
	if err := auth.ValidatePassword(in.Password, u.Username); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	u.PasswordHash = hash
	err = s.mutate(ctx, "user.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := applyUser(ctx, tx, u, in); err != nil {
			return Change{}, err
		}
		if _, err := db.GetUserByUsername(ctx, tx, u.Username); err == nil {
			return Change{}, &fault.Error{Code: fault.Conflict, Field: "username",
				Message: fmt.Sprintf("用户名“%s”已存在 (username %q is taken)", u.Username, u.Username)}
		}
		if err := db.InsertUser(ctx, tx, u); err != nil {
			if db.IsUniqueViolation(err) {
				return Change{}, &fault.Error{Code: fault.Conflict, Field: "username",
					Message: fmt.Sprintf("用户名“%s”已存在 (username %q is taken)", u.Username, u.Username), Err: err}
			}
			return Change{}, err
		}
		return Change{TargetType: "User", TargetID: u.ID, After: recordOf(u)}, nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UpdateUser changes a user's name, role, department or contact (ADMIN).
func (s *Service) UpdateUser(ctx context.Context, id string, in UserInput) (*db.User, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	var out *db.User
	err := s.mutate(ctx, "user.update", func(ctx context.Context, tx bun.Tx) (Change, error) {
		u, err := db.GetUser(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "user")
		}
		before := recordOf(u)
		if in.Role != nil && *in.Role != u.Role && u.ID == identity.From(ctx).UserID {
			return Change{}, fault.Invalid("role", "不能修改自己的角色 (you cannot change your own role)")
		}
		if err := applyUser(ctx, tx, u, in); err != nil {
			return Change{}, err
		}
		u.UpdatedAt = s.now()
		if err := db.UpdateUser(ctx, tx, u); err != nil {
			return Change{}, err
		}
		out = u
		return Change{TargetType: "User", TargetID: u.ID, Before: before, After: recordOf(u)}, nil
	})
	return out, err
}

// SetUserDisabled disables or re-enables a user (ADMIN). A disabled user's
// sessions end: refresh tokens are revoked and access tokens are refused at
// the next request.
func (s *Service) SetUserDisabled(ctx context.Context, id string, disabled bool) (*db.User, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	action := "user.enable"
	if disabled {
		action = "user.disable"
	}
	var out *db.User
	err := s.mutate(ctx, action, func(ctx context.Context, tx bun.Tx) (Change, error) {
		u, err := db.GetUser(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "user")
		}
		if disabled && u.ID == identity.From(ctx).UserID {
			return Change{}, fault.Invalid("id", "不能停用自己的账号 (you cannot disable your own account)")
		}
		before := recordOf(u)
		u.Disabled = disabled
		u.UpdatedAt = s.now()
		if err := db.UpdateUser(ctx, tx, u); err != nil {
			return Change{}, err
		}
		if disabled {
			if err := db.RevokeUserRefreshTokens(ctx, tx, u.ID, s.now()); err != nil {
				return Change{}, err
			}
		}
		out = u
		return Change{TargetType: "User", TargetID: u.ID, Before: before, After: recordOf(u)}, nil
	})
	return out, err
}

// ResetUserPassword sets a new password for a user (ADMIN) and ends the
// user's sessions.
func (s *Service) ResetUserPassword(ctx context.Context, id, password string) error {
	if err := require(ctx, identity.Admin); err != nil {
		return err
	}
	return s.mutate(ctx, "user.reset_password", func(ctx context.Context, tx bun.Tx) (Change, error) {
		u, err := db.GetUser(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "user")
		}
		if err := s.setPassword(ctx, tx, u, password); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "User", TargetID: u.ID,
			After: map[string]any{"passwordChanged": true}}, nil
	})
}

// setPassword validates and stores a new password and revokes every refresh
// token; access tokens issued before now stop working (see Authenticate).
func (s *Service) setPassword(ctx context.Context, tx bun.IDB, u *db.User, password string) error {
	if err := auth.ValidatePassword(password, u.Username); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	now := s.now()
	u.PasswordHash = hash
	u.PasswordChangedAt = now
	u.UpdatedAt = now
	if err := db.UpdateUser(ctx, tx, u); err != nil {
		return err
	}
	return db.RevokeUserRefreshTokens(ctx, tx, u.ID, now)
}

// applyUser validates and copies the given fields onto u.
func applyUser(ctx context.Context, tx bun.IDB, u *db.User, in UserInput) error {
	var err error
	if in.DisplayName != nil {
		if u.DisplayName, err = text("displayName", "姓名", *in.DisplayName, true, 64); err != nil {
			return err
		}
	}
	if in.Role != nil {
		if !in.Role.Valid() {
			return fault.Invalid("role", "未知角色 (unknown role)")
		}
		u.Role = *in.Role
	}
	if in.DepartmentID != nil {
		if *in.DepartmentID == "" {
			u.DepartmentID = nil
		} else {
			d, err := db.GetDepartment(ctx, tx, *in.DepartmentID)
			if err != nil {
				if err == db.ErrNotFound {
					return fault.Invalid("departmentId", "所选部门不存在 (department not found)")
				}
				return err
			}
			if !d.Active {
				return fault.Invalid("departmentId", "所选部门已停用 (department is disabled)")
			}
			u.DepartmentID = &d.ID
		}
	}
	switch u.Role {
	case identity.DeptAdmin:
		if u.DepartmentID == nil {
			return fault.Invalid("departmentId", "部门管理员必须属于一个部门 (a DEPT_ADMIN needs a department)")
		}
	case identity.Admin, identity.Analyst:
		u.DepartmentID = nil // these roles span every department
	}
	if in.Phone != nil {
		p, err := text("phone", "电话", *in.Phone, false, 32)
		if err != nil {
			return err
		}
		if p != "" {
			if err := pattern("phone", "电话", p, phoneFormat, "数字、空格、+、-、括号 (digits, spaces, + - ( ))"); err != nil {
				return err
			}
		}
		u.Phone = p
	}
	if in.Email != nil {
		e, err := text("email", "邮箱", *in.Email, false, 254)
		if err != nil {
			return err
		}
		if e != "" {
			if err := pattern("email", "邮箱", e, emailFormat, "name@example.cn"); err != nil {
				return err
			}
		}
		u.Email = e
	}
	return nil
}
