package identity

import (
	"context"
	"testing"
)

func TestCallerRules(t *testing.T) {
	public := Caller{}
	admin := Caller{UserID: "u1", Role: Admin}
	dept := Caller{UserID: "u2", Role: DeptAdmin, DepartmentID: "d1"}
	orphan := Caller{UserID: "u3", Role: DeptAdmin}
	analyst := Caller{UserID: "u4", Role: Analyst}

	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"public is not signed in", public.SignedIn(), false},
		{"public has no role", public.Is(Admin, DeptAdmin, Inspector, Analyst), false},
		{"admin is admin", admin.Is(Admin), true},
		{"admin is not analyst", admin.Is(Analyst), false},
		{"admin sees any department", admin.SeesDepartment("d9"), true},
		{"dept admin sees own department", dept.SeesDepartment("d1"), true},
		{"dept admin does not see another", dept.SeesDepartment("d2"), false},
		{"dept admin without department sees none", orphan.SeesDepartment(""), false},
		{"analyst changes no department", analyst.SeesDepartment("d1"), false},
		{"a role with a forged role string is invalid", Role("ROOT").Valid(), false},
		{"known role is valid", Inspector.Valid(), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestContextRoundTrip(t *testing.T) {
	ctx := context.Background()
	if From(ctx).SignedIn() {
		t.Fatal("empty context must be the public")
	}
	c := Caller{UserID: "u1", Username: "admin", Role: Admin}
	if got := From(With(ctx, c)); got != c {
		t.Fatalf("got %+v, want %+v", got, c)
	}
}
