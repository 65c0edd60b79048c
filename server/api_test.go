package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
)

const createDepartment = `mutation($in: CreateDepartmentInput!) { createDepartment(input: $in) { id code name active } }`

func TestDepartments(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			admin := s.login("admin").AccessToken

			var list struct {
				Departments []struct {
					ID, Code, Name string
					Description    *string
				}
			}
			s.must("", `{ departments { id code name description } }`, nil, &list)
			if len(list.Departments) != 16 {
				t.Fatalf("public sees %d departments, want the 16 of the plan", len(list.Departments))
			}
			if list.Departments[0].Code != "SCJG" || list.Departments[0].Name != "市场监管局" {
				t.Errorf("first department is %+v, want SCJG 市场监管局", list.Departments[0])
			}
			if list.Departments[2].Description != nil {
				t.Errorf("the public sees a department's description: %q", *list.Departments[2].Description)
			}

			before := s.auditCount()
			var created struct {
				CreateDepartment struct{ ID, Code, Name string }
			}
			s.must(admin, createDepartment, map[string]any{"in": map[string]any{"code": "ZJJ", "name": "质检局", "sortOrder": 170}}, &created)
			if created.CreateDepartment.Code != "ZJJ" {
				t.Fatalf("created %+v", created.CreateDepartment)
			}
			if got := s.auditCount(); got != before+1 {
				t.Fatalf("audit entries: %d after one mutation, want %d", got, before+1)
			}
			var log struct {
				AuditLog struct {
					Edges []struct {
						Node struct{ Action, Actor, TargetID, After string }
					}
				}
			}
			s.must(admin, `{ auditLog(first: 1) { edges { node { action actor targetId after } } } }`, nil, &log)
			e := log.AuditLog.Edges[0].Node
			if e.Action != "department.create" || e.Actor != "admin" || e.TargetID != created.CreateDepartment.ID || !strings.Contains(e.After, "质检局") {
				t.Errorf("newest audit entry %+v does not record the creation", e)
			}

			// Every bad input is a clear error with its code, and writes nothing.
			long := strings.Repeat("长", 10000)
			for _, tc := range []struct {
				name string
				in   map[string]any
				code string
			}{
				{"empty name", map[string]any{"code": "KONG", "name": "  "}, "BAD_USER_INPUT"},
				{"name of 10,000 characters", map[string]any{"code": "CHANG", "name": long}, "BAD_USER_INPUT"},
				{"lower-case code", map[string]any{"code": "zjj", "name": "某局"}, "BAD_USER_INPUT"},
				{"duplicate code", map[string]any{"code": "ZJJ", "name": "另一个局"}, "CONFLICT"},
				{"duplicate name", map[string]any{"code": "ZJJ2", "name": "质检局"}, "CONFLICT"},
				{"negative order", map[string]any{"code": "FU", "name": "负局", "sortOrder": -1}, "BAD_USER_INPUT"},
				{"control character", map[string]any{"code": "CTL", "name": "a\u0000b"}, "BAD_USER_INPUT"},
			} {
				n := s.auditCount()
				r := s.gql(admin, createDepartment, map[string]any{"in": tc.in})
				if r.code() != tc.code {
					t.Errorf("%s: got %q %+v, want %s", tc.name, r.code(), r.Errors, tc.code)
				} else if r.Errors[0].Message == "" || strings.Contains(strings.ToLower(r.Errors[0].Message), "sql") {
					t.Errorf("%s: message %q is not for people", tc.name, r.Errors[0].Message)
				}
				if s.auditCount() != n {
					t.Errorf("%s: a refused mutation wrote an audit entry", tc.name)
				}
			}
			var all struct{ Departments []struct{ Code string } }
			s.must(admin, `{ departments(includeInactive: true) { code } }`, nil, &all)
			if len(all.Departments) != 17 {
				t.Errorf("after one good and seven bad creations there are %d departments, want 17", len(all.Departments))
			}

			// Disable hides it from the public, keeps it for signed-in callers who ask.
			s.must(admin, `mutation($id: ID!) { setDepartmentActive(id: $id, active: false) { active } }`,
				map[string]any{"id": created.CreateDepartment.ID}, nil)
			s.must("", `{ departments { code } }`, nil, &all)
			for _, d := range all.Departments {
				if d.Code == "ZJJ" {
					t.Error("the public still sees a disabled department")
				}
			}
			r := s.gql(admin, `mutation($id: ID!) { updateDepartment(id: $id, input: {name: "市场监管局"}) { name } }`,
				map[string]any{"id": created.CreateDepartment.ID})
			if r.code() != "CONFLICT" {
				t.Errorf("renaming to an existing name: got %q, want CONFLICT", r.code())
			}
			r = s.gql(admin, `mutation { updateDepartment(id: "bm9wZQ", input: {name: "x"}) { name } }`, nil)
			if r.code() != "BAD_USER_INPUT" {
				t.Errorf("malformed id: got %q, want BAD_USER_INPUT", r.code())
			}
		})
	}
}

// TestConcurrentMutationsKeepOneChain runs mutations at once and checks that
// the audit chain stays whole and nothing was lost.
func TestConcurrentMutationsKeepOneChain(t *testing.T) {
	dbKinds := dbtest.Stores()
	for _, kind := range dbKinds {
		t.Run(string(kind), func(t *testing.T) {
			s := startServer(t, kind)
			admin := s.login("admin").AccessToken
			before := s.auditCount()
			var wg sync.WaitGroup
			errs := make(chan string, 20)
			for i := range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := s.gql(admin, createDepartment, map[string]any{"in": map[string]any{
						"code": fmt.Sprintf("CC%02d", i), "name": fmt.Sprintf("并发局%02d", i)}})
					if len(r.Errors) > 0 {
						errs <- fmt.Sprintf("%s: %s", r.code(), r.Errors[0].Message)
					}
				}()
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
			if got := s.auditCount(); got != before+20 {
				t.Errorf("audit entries %d, want %d", got, before+20)
			}
			var v struct {
				AuditVerification struct {
					Intact  bool
					Entries int
					Message string
				}
			}
			s.must(admin, `{ auditVerification { intact entries message } }`, nil, &v)
			if !v.AuditVerification.Intact || v.AuditVerification.Entries != before+20 {
				t.Errorf("after concurrent mutations: %+v", v.AuditVerification)
			}
		})
	}
}

// TestBadRequests: malformed or hostile requests get a coded error, never a
// panic or a 500, and write nothing.
func TestBadRequests(t *testing.T) {
	s := startServer(t, db.SQLite)
	admin := s.login("admin").AccessToken
	nested := "{ __schema { types { fields { type " + strings.Repeat("{ ofType ", 16) + "{ name }" + strings.Repeat(" }", 16) + " } } } }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 60 {
		fmt.Fprintf(&aliases, "u%d: users(first: 200) { edges { node { id username department { id name code } } } } ", i)
	}
	aliases.WriteString("}")

	before := s.auditCount()
	for _, tc := range []struct {
		name, contentType, body, token, code string
	}{
		{"malformed JSON", "application/json", `{"query": "{ me { id } }"`, admin, "BAD_USER_INPUT"},
		{"JSON that is not an object", "application/json", `[1,2,3]`, admin, "BAD_USER_INPUT"},
		{"malformed GraphQL", "application/json", `{"query": "{ me { id "}`, admin, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", "application/json", `{"query": "{ me { id shoeSize } }"}`, admin, "GRAPHQL_VALIDATION_FAILED"},
		{"wrong argument type", "application/json", `{"query": "{ users(first: \"many\") { totalCount } }"}`, admin, "GRAPHQL_VALIDATION_FAILED"},
		{"wrong variable type", "application/json", `{"query": "query($n: Int) { users(first: $n) { totalCount } }", "variables": {"n": "x"}}`, admin, "GRAPHQL_VALIDATION_FAILED"},
		{"page too large", "application/json", `{"query": "{ users(first: 100000) { totalCount } }"}`, admin, "BAD_USER_INPUT|COMPLEXITY_LIMIT_EXCEEDED"},
		{"negative page", "application/json", `{"query": "{ users(first: -1) { totalCount } }"}`, admin, "BAD_USER_INPUT"},
		{"bad cursor", "application/json", `{"query": "{ auditLog(after: \"!!\") { totalCount } }"}`, admin, "BAD_USER_INPUT"},
		{"over-deep query", "application/json", jsonQuery(nested), admin, "QUERY_TOO_DEEP"},
		{"over-complex query", "application/json", jsonQuery(aliases.String()), admin, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"introspection by the public", "application/json", jsonQuery("{ __schema { types { name } } }"), "", "UNAUTHENTICATED"},
		{"unknown persisted query", "application/json", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}`, admin, "PERSISTED_QUERY_NOT_FOUND"},
		{"oversize body", "application/json", `{"query": "{ me { id } }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`, admin, "BAD_USER_INPUT|UNPROCESSABLE"},
		{"garbage bearer token", "application/json", jsonQuery("{ me { id } }"), "not-a-jwt", "UNAUTHENTICATED"},
	} {
		r := s.post(tc.token, tc.contentType, []byte(tc.body))
		if r.Status >= 500 {
			t.Errorf("%s: HTTP %d", tc.name, r.Status)
		}
		if !strings.Contains("|"+tc.code+"|", "|"+r.code()+"|") {
			t.Errorf("%s: got code %q (%+v), want %s", tc.name, r.code(), r.Errors, tc.code)
		}
		if len(r.Errors) > 0 && (strings.Contains(r.Errors[0].Message, "goroutine") || strings.Contains(strings.ToUpper(r.Errors[0].Message), "SELECT ")) {
			t.Errorf("%s: message leaks internals: %q", tc.name, r.Errors[0].Message)
		}
	}
	// A signed-in caller may introspect.
	if r := s.gql(admin, "{ __schema { queryType { name } } }", nil); len(r.Errors) > 0 {
		t.Errorf("introspection by a signed-in caller: %+v", r.Errors)
	}
	if s.auditCount() != before {
		t.Errorf("bad requests wrote %d audit entries", s.auditCount()-before)
	}
	if status, _ := s.get("/healthz"); status != 200 {
		t.Errorf("server unhealthy after bad requests: %d", status)
	}
}

func jsonQuery(q string) string {
	b, _ := json.Marshal(map[string]string{"query": q})
	return string(b)
}
