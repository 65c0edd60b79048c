package graph

import (
	"context"
	"testing"

	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

type ownedRecord struct{ owner string }

func (o ownedRecord) OwnerUserID() string { return o.owner }

func TestPersonalDirective(t *testing.T) {
	phone := "13812345678"
	next := func(context.Context) (any, error) { p := phone; return &p, nil }
	admin := identity.Caller{UserID: "a", Role: identity.Admin}
	dept := identity.Caller{UserID: "d", Role: identity.DeptAdmin, DepartmentID: "x"}
	analyst := identity.Caller{UserID: "n", Role: identity.Analyst}
	tests := []struct {
		name   string
		caller identity.Caller
		obj    any
		want   string
	}{
		{"allowed role sees it whole", admin, ownedRecord{"u"}, "13812345678"},
		{"other role sees it masked", dept, ownedRecord{"u"}, "138****5678"},
		{"analyst sees it masked", analyst, ownedRecord{"u"}, "138****5678"},
		{"the public sees it masked", identity.Caller{}, ownedRecord{"u"}, "138****5678"},
		{"the owner sees it whole", dept, ownedRecord{"d"}, "13812345678"},
		{"an empty owner is nobody", identity.Caller{}, ownedRecord{""}, "138****5678"},
	}
	for _, tt := range tests {
		v, err := personalDirective(identity.With(context.Background(), tt.caller), tt.obj, next, []identity.Role{identity.Admin})
		if err != nil {
			t.Fatal(err)
		}
		if got := *(v.(*string)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	// What cannot be masked is withheld.
	v, _ := personalDirective(identity.With(context.Background(), analyst), nil,
		func(context.Context) (any, error) { return 42, nil }, []identity.Role{identity.Admin})
	if v != nil {
		t.Errorf("a non-string personal value reached a role without access: %v", v)
	}
}

func TestAuthDirective(t *testing.T) {
	ok := func(context.Context) (any, error) { return "ok", nil }
	tests := []struct {
		name   string
		caller identity.Caller
		roles  []identity.Role
		code   fault.Code
	}{
		{"public refused", identity.Caller{}, nil, fault.Unauthenticated},
		{"any signed-in role", identity.Caller{UserID: "u", Role: identity.Inspector}, nil, ""},
		{"listed role", identity.Caller{UserID: "u", Role: identity.Admin}, []identity.Role{identity.Admin}, ""},
		{"unlisted role", identity.Caller{UserID: "u", Role: identity.Analyst}, []identity.Role{identity.Admin}, fault.Forbidden},
		{"role without user id", identity.Caller{Role: identity.Admin}, []identity.Role{identity.Admin}, fault.Unauthenticated},
	}
	for _, tt := range tests {
		v, err := authDirective(identity.With(context.Background(), tt.caller), nil, ok, tt.roles)
		if tt.code == "" {
			if err != nil || v != "ok" {
				t.Errorf("%s: got %v %v, want through", tt.name, v, err)
			}
			continue
		}
		if fault.CodeOf(err) != tt.code || v != nil {
			t.Errorf("%s: got %v %v, want %s", tt.name, v, err, tt.code)
		}
	}
}

func TestRestrictedDirective(t *testing.T) {
	next := func(context.Context) (any, error) { return "secret", nil }
	roles := []identity.Role{identity.Admin, identity.Analyst}
	for _, tc := range []struct {
		caller identity.Caller
		want   any
	}{
		{identity.Caller{}, nil},
		{identity.Caller{UserID: "u", Role: identity.Inspector}, nil},
		{identity.Caller{UserID: "u", Role: identity.Analyst}, "secret"},
	} {
		v, err := restrictedDirective(identity.With(context.Background(), tc.caller), nil, next, roles)
		if err != nil || v != tc.want {
			t.Errorf("%+v: got %v %v, want %v", tc.caller, v, err, tc.want)
		}
	}
}

func TestSelectionDepthAndIDs(t *testing.T) {
	id := globalID("Department", "0190-abc")
	if key, err := localID("id", "Department", id); err != nil || key != "0190-abc" {
		t.Errorf("round trip: %q %v", key, err)
	}
	if _, err := localID("id", "User", id); fault.CodeOf(err) != fault.BadInput {
		t.Errorf("a Department id passed as a User id: %v", err)
	}
	if _, err := localID("id", "User", "%%%"); fault.CodeOf(err) != fault.BadInput {
		t.Errorf("garbage id: %v", err)
	}
	c := cursor("42")
	if n, err := seqCursor(&c); err != nil || n != 42 {
		t.Errorf("seq cursor: %d %v", n, err)
	}
}
