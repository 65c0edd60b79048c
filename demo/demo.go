// Package demo loads the demonstration data a new user sees on first start:
// the sixteen departments named in the zone's implementation plan and one
// account per role. Every record goes through the service layer, so it is
// validated and audited like any other, and seeding twice changes nothing.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
)

// DefaultPassword is the demo accounts' password unless SUIJI_DEMO_PASSWORD
// says otherwise. It is public: demo data is for trying suiji, never for use.
const DefaultPassword = "suiji-demo"

// Department is one regulator of the plan's list (§三(一)).
type Department struct {
	Code, Name, ShortName, Description string
}

// Departments are the 16 departments named in the implementation plan, in
// its order.
var Departments = []Department{
	{"SCJG", "市场监管局", "市场监管", "工商、质监、食药"},
	{"JFJ", "经发局", "经发", ""},
	{"JWTJ", "教文体局", "教文体", "教育、文化广电和旅游"},
	{"GAFJ", "公安分局", "公安", ""},
	{"RSLDJ", "人事劳动局", "人事劳动", "人力资源和社会保障"},
	{"HBJ", "环保局", "环保", ""},
	{"FGJ", "房管局", "房管", ""},
	{"CSGLJ", "城市管理局", "城管", ""},
	{"JSJ", "建设局", "建设", ""},
	{"NJW", "农经委", "农经", ""},
	{"SWJ", "商务局", "商务", ""},
	{"SQJ", "社区局", "社区", "卫生健康"},
	{"DZBGS", "党政办公室", "党政办", "应急管理"},
	{"SWFJ", "税务分局", "税务", ""},
	{"TJJ", "统计局", "统计", ""},
	{"XFDD", "消防大队", "消防", ""},
}

// Account is one demo sign-in.
type Account struct {
	Username, DisplayName string
	Role                  identity.Role
	DepartmentCode        string
}

// Accounts are one user per role.
var Accounts = []Account{
	{"admin", "联席办管理员", identity.Admin, ""},
	{"dept-admin", "市场监管局管理员", identity.DeptAdmin, "SCJG"},
	{"inspector", "王检查", identity.Inspector, "SCJG"},
	{"analyst", "数据分析员", identity.Analyst, ""},
}

// Report says what a seeding run created.
type Report struct {
	DepartmentsCreated, UsersCreated int
}

// Seed creates whatever demo records are missing, as the system caller.
func Seed(ctx context.Context, svc *service.Service, password string, log io.Writer) (Report, error) {
	ctx = identity.With(ctx, identity.System())
	var rep Report
	store := svc.DB()
	codes := map[string]string{}
	for i, d := range Departments {
		existing, err := db.GetDepartmentByCode(ctx, store, d.Code)
		if err == nil {
			codes[d.Code] = existing.ID
			continue
		}
		if !errors.Is(err, db.ErrNotFound) {
			return rep, err
		}
		order := (i + 1) * 10
		name, short, desc := d.Name, d.ShortName, d.Description
		created, err := svc.CreateDepartment(ctx, service.DepartmentInput{Code: d.Code, Name: &name,
			ShortName: &short, Description: &desc, SortOrder: &order})
		if err != nil {
			return rep, fmt.Errorf("department %s: %w", d.Code, err)
		}
		codes[d.Code] = created.ID
		rep.DepartmentsCreated++
	}
	for _, a := range Accounts {
		if _, err := db.GetUserByUsername(ctx, store, a.Username); err == nil {
			continue
		} else if !errors.Is(err, db.ErrNotFound) {
			return rep, err
		}
		role, display := a.Role, a.DisplayName
		in := service.UserInput{Username: a.Username, DisplayName: &display, Role: &role, Password: password}
		if a.DepartmentCode != "" {
			id := codes[a.DepartmentCode]
			in.DepartmentID = &id
		}
		if _, err := svc.CreateUser(ctx, in); err != nil {
			return rep, fmt.Errorf("user %s: %w", a.Username, err)
		}
		rep.UsersCreated++
	}
	fmt.Fprintf(log, "demo data: %d departments and %d users created (%d and %d already there)\n",
		rep.DepartmentsCreated, rep.UsersCreated, len(Departments)-rep.DepartmentsCreated, len(Accounts)-rep.UsersCreated)
	return rep, nil
}
