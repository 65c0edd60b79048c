package main

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/suiji-dev/suiji/db/dbtest"
)

// The access policy, written out a second time on purpose: a change to who
// may call a root field must be made both in schema.graphqls and here.
const (
	public   = "public"
	signedIn = "signed-in"
)

var policy = map[string][]string{
	"Query.node":                   {signedIn},
	"Query.me":                     {signedIn},
	"Query.departments":            {public},
	"Query.department":             {public},
	"Query.users":                  {"ADMIN"},
	"Query.user":                   {"ADMIN"},
	"Query.auditLog":               {"ADMIN"},
	"Query.auditVerification":      {"ADMIN"},
	"Mutation.login":               {public},
	"Mutation.refreshToken":        {public},
	"Mutation.logout":              {signedIn},
	"Mutation.changePassword":      {signedIn},
	"Mutation.createDepartment":    {"ADMIN"},
	"Mutation.updateDepartment":    {"ADMIN"},
	"Mutation.setDepartmentActive": {"ADMIN"},
	"Mutation.createUser":          {"ADMIN"},
	"Mutation.updateUser":          {"ADMIN"},
	"Mutation.setUserDisabled":     {"ADMIN"},
	"Mutation.resetUserPassword":   {"ADMIN"},
	"Subscription.auditAppended":   {"ADMIN"},

	"Query.tags":                     {signedIn},
	"Query.items":                    {public},
	"Query.item":                     {public},
	"Query.objects":                  {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.object":                   {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.objectByUid":              {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.inspectors":               {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.inspector":                {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.importJobs":               {"ADMIN", "DEPT_ADMIN"},
	"Query.importJob":                {"ADMIN", "DEPT_ADMIN"},
	"Mutation.createTag":             {"ADMIN"},
	"Mutation.createItem":            {"ADMIN", "DEPT_ADMIN"},
	"Mutation.updateItem":            {"ADMIN", "DEPT_ADMIN"},
	"Mutation.createObject":          {"ADMIN", "DEPT_ADMIN"},
	"Mutation.updateObject":          {"ADMIN", "DEPT_ADMIN"},
	"Mutation.createInspector":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.updateInspector":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.declareConflict":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.withdrawConflict":      {"ADMIN", "DEPT_ADMIN"},
	"Mutation.linkInspectorUser":     {"ADMIN"},
	"Mutation.startImport":           {"ADMIN", "DEPT_ADMIN"},
	"Mutation.exportObjects":         {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Mutation.exportInspectors":      {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Mutation.exportItems":           {public},
	"Subscription.importJobProgress": {"ADMIN", "DEPT_ADMIN"},

	"Query.plans":               {public},
	"Query.plan":                {public},
	"Query.planByUid":           {public},
	"Query.simulatePlan":        {"ADMIN", "DEPT_ADMIN", "ANALYST"},
	"Query.draw":                {public},
	"Query.inspectionTasks":     {"ADMIN", "DEPT_ADMIN", "ANALYST", "INSPECTOR"},
	"Mutation.createPlan":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.updatePlan":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.submitPlan":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.reviewPlan":       {"ADMIN"},
	"Mutation.publishPlan":      {"ADMIN", "DEPT_ADMIN"},
	"Mutation.freezePlan":       {"ADMIN", "DEPT_ADMIN"},
	"Mutation.drawPlan":         {"ADMIN", "DEPT_ADMIN"},
	"Mutation.cancelPlan":       {"ADMIN", "DEPT_ADMIN"},
	"Subscription.drawProgress": {public},
}

func loadSchema(t *testing.T) *ast.Schema {
	t.Helper()
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	return schema
}

type rootField struct {
	op    string // Query, Mutation, Subscription
	field *ast.FieldDefinition
}

func rootFields(schema *ast.Schema) []rootField {
	var out []rootField
	for _, def := range []*ast.Definition{schema.Query, schema.Mutation, schema.Subscription} {
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				out = append(out, rootField{def.Name, f})
			}
		}
	}
	return out
}

// declared reads who may call f from its directives.
func declared(f *ast.FieldDefinition) ([]string, error) {
	authD, publicD := f.Directives.ForName("auth"), f.Directives.ForName("public")
	switch {
	case authD != nil && publicD != nil:
		return nil, fmt.Errorf("has both @auth and @public")
	case publicD != nil:
		return []string{public}, nil
	case authD != nil:
		arg := authD.Arguments.ForName("roles")
		if arg == nil || arg.Value == nil || len(arg.Value.Children) == 0 {
			return []string{signedIn}, nil
		}
		var roles []string
		for _, c := range arg.Value.Children {
			roles = append(roles, c.Value.Raw)
		}
		sort.Strings(roles)
		return roles, nil
	}
	return nil, fmt.Errorf("declares neither @auth nor @public: every root field must say who may call it")
}

func TestEveryRootFieldDeclaresWhoMayCallIt(t *testing.T) {
	schema := loadSchema(t)
	seen := map[string]bool{}
	for _, rf := range rootFields(schema) {
		name := rf.op + "." + rf.field.Name
		seen[name] = true
		got, err := declared(rf.field)
		if err != nil {
			t.Errorf("%s %v", name, err)
			continue
		}
		want, ok := policy[name]
		if !ok {
			t.Errorf("%s is not in the policy table of authz_test.go: add who may call it", name)
			continue
		}
		w := slices.Clone(want)
		sort.Strings(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s: schema says %v, policy table says %v", name, got, w)
		}
	}
	for name := range policy {
		if !seen[name] {
			t.Errorf("policy table names %s, which the schema does not have", name)
		}
	}
}

// allowedFor reports whether role ("" = the public) may call a field with
// the given policy.
func allowedFor(p []string, role string) bool {
	for _, r := range p {
		switch {
		case r == public:
			return true
		case r == signedIn && role != "":
			return true
		case r == role:
			return true
		}
	}
	return false
}

// TestRoleGrid calls every Query and Mutation root field as the public and
// as each role, and checks that exactly the allowed callers get past the
// access check (a call that is let through may still fail for its dummy
// arguments, with NOT_FOUND or BAD_USER_INPUT, but never FORBIDDEN).
func TestRoleGrid(t *testing.T) {
	schema := loadSchema(t)
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			tokens := map[string]string{"": ""}
			for _, u := range []struct{ name, role string }{
				{"admin", "ADMIN"}, {"dept-admin", "DEPT_ADMIN"}, {"inspector", "INSPECTOR"}, {"analyst", "ANALYST"},
			} {
				tokens[u.role] = s.login(u.name).AccessToken
			}
			// What the access check itself answers, learnt from fields
			// whose policy is certain, so the grid can tell a refusal by the
			// check from a failure of the dummy arguments.
			deniedPublic := s.gql("", `{ me { id } }`, nil)
			deniedRole := s.gql(tokens["ANALYST"], `{ users { totalCount } }`, nil)
			if deniedPublic.code() != "UNAUTHENTICATED" || deniedRole.code() != "FORBIDDEN" {
				t.Fatalf("access check answers %q and %q, want UNAUTHENTICATED and FORBIDDEN", deniedPublic.code(), deniedRole.code())
			}
			refused := func(r gqlResponse) bool {
				for _, e := range r.Errors {
					if e.Message == deniedPublic.Errors[0].Message || e.Message == deniedRole.Errors[0].Message {
						return true
					}
				}
				return false
			}
			for _, rf := range rootFields(schema) {
				if rf.op == "Subscription" {
					continue // over WebSocket: TestSubscriptionNeedsAdmin
				}
				name := rf.op + "." + rf.field.Name
				op, upload := operationFor(schema, rf)
				for _, role := range []string{"", "ADMIN", "DEPT_ADMIN", "INSPECTOR", "ANALYST"} {
					var r gqlResponse
					if upload {
						r = s.upload(tokens[role], op, map[string]any{}, "file", "x.csv", []byte("a,b\n1,2\n"))
					} else {
						r = s.gql(tokens[role], op, nil)
					}
					if r.Status >= 500 {
						t.Errorf("%s as %q: HTTP %d", name, role, r.Status)
					}
					who := role
					if who == "" {
						who = "public"
					}
					if allowedFor(policy[name], role) {
						if refused(r) {
							t.Errorf("%s as %s: refused (%s), but the policy allows it", name, who, r.code())
						}
					} else {
						want := "FORBIDDEN"
						if role == "" {
							want = "UNAUTHENTICATED"
						}
						if !refused(r) || r.code() != want {
							t.Errorf("%s as %s: got %q %+v, want %s", name, who, r.code(), r.Errors, want)
						}
					}
				}
			}
		})
	}
}

// operationFor builds a call of a root field with placeholder values for its
// required arguments and __typename as the selection. An Upload argument
// becomes the variable $file, sent as a multipart request.
func operationFor(schema *ast.Schema, rf rootField) (string, bool) {
	var args []string
	upload := false
	for _, a := range rf.field.Arguments {
		if a.Type.Name() == "Upload" {
			args = append(args, a.Name+": $file")
			upload = true
			continue
		}
		if a.Type.NonNull {
			args = append(args, a.Name+": "+placeholder(schema, a.Type))
		}
	}
	call := rf.field.Name
	if len(args) > 0 {
		call += "(" + strings.Join(args, ", ") + ")"
	}
	if def := schema.Types[rf.field.Type.Name()]; def != nil && def.Kind != ast.Scalar && def.Kind != ast.Enum {
		call += " { __typename }"
	}
	keyword := "query"
	if rf.op == "Mutation" {
		keyword = "mutation"
	}
	if upload {
		keyword += "($file: Upload!)"
	}
	return keyword + " { " + call + " }", upload
}

func placeholder(schema *ast.Schema, typ *ast.Type) string {
	if typ.Elem != nil {
		return "[" + placeholder(schema, typ.Elem) + "]"
	}
	switch typ.Name() {
	case "ID":
		return `"` + "RGVwYXJ0bWVudDpub25l" + `"` // Department:none — well-formed, matches nothing
	case "String":
		return `"x"`
	case "Int":
		return "1"
	case "Boolean":
		return "false"
	case "Time":
		return `"2026-01-01T00:00:00+08:00"`
	case "Date":
		return `"2026-12-01"`
	}
	def := schema.Types[typ.Name()]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[len(def.EnumValues)-1].Name
	case ast.InputObject:
		var fields []string
		for _, f := range def.Fields {
			if f.Type.NonNull {
				fields = append(fields, f.Name+": "+placeholder(schema, f.Type))
			}
		}
		return "{" + strings.Join(fields, ", ") + "}"
	}
	return `"x"`
}

// TestMaskedFieldsAreNullable: @restricted answers null and @personal may
// withhold a value, so the fields they guard must be nullable, or a query
// by a role without access would fail as a whole.
func TestMaskedFieldsAreNullable(t *testing.T) {
	schema := loadSchema(t)
	for _, def := range schema.Types {
		for _, f := range def.Fields {
			for _, d := range []string{"restricted", "personal"} {
				if f.Directives.ForName(d) != nil && f.Type.NonNull {
					t.Errorf("%s.%s carries @%s but is non-null", def.Name, f.Name, d)
				}
			}
		}
	}
}

// TestPublicReach walks the schema from the root fields the public may
// query and follows every field that neither @auth nor @restricted closes to
// it: the records of the libraries, users, tasks and the audit log must be
// out of its reach, whatever path a query takes.
func TestPublicReach(t *testing.T) {
	schema := loadSchema(t)
	closed := func(f *ast.FieldDefinition) bool {
		return f.Directives.ForName("auth") != nil || f.Directives.ForName("restricted") != nil
	}
	reached := map[string]string{} // type → the path that reached it
	var walk func(typ, path string)
	walk = func(typ, path string) {
		def := schema.Types[typ]
		if def == nil || def.Kind == ast.Scalar || def.Kind == ast.Enum {
			return
		}
		if _, ok := reached[typ]; ok {
			return
		}
		reached[typ] = path
		for _, impl := range schema.PossibleTypes[typ] {
			walk(impl.Name, path+"…"+impl.Name)
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") && !closed(f) {
				walk(f.Type.Name(), path+"."+f.Name)
			}
		}
	}
	for _, def := range []*ast.Definition{schema.Query, schema.Subscription} {
		for _, f := range def.Fields {
			if f.Directives.ForName("public") != nil {
				walk(f.Type.Name(), def.Name+"."+f.Name)
			}
		}
	}
	if _, ok := reached["Plan"]; !ok {
		t.Fatalf("the walk did not reach Plan from the public fields: %v", reached)
	}
	for _, private := range []string{"InspectionObject", "Inspector", "User", "AuditEntry", "ImportJob", "InspectionTask", "TaskMember", "Conflict"} {
		if path, ok := reached[private]; ok {
			t.Errorf("the public reaches %s through %s", private, path)
		}
	}
}
