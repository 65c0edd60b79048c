package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/demo"
	"github.com/suiji-dev/suiji/tabular"
	"github.com/suiji-dev/suiji/uscc"
)

// libraryServer is a test server with the demo libraries (few objects).
func libraryServer(t *testing.T, kind db.Kind, objects int) *testServer {
	t.Helper()
	s := startServer(t, kind)
	if err := demo.SeedLibraries(context.Background(), s.app.svc, demo.LibraryOptions{Objects: objects}, io.Discard); err != nil {
		t.Fatal(err)
	}
	return s
}

// ids maps names to opaque ids through the API.
func (s *testServer) departmentID(token, code string) string {
	s.t.Helper()
	var out struct{ Departments []struct{ ID, Code string } }
	s.must(token, `{ departments { id code } }`, nil, &out)
	for _, d := range out.Departments {
		if d.Code == code {
			return d.ID
		}
	}
	s.t.Fatalf("no department %s", code)
	return ""
}

func (s *testServer) tagID(token, scope, code string) string {
	s.t.Helper()
	var out struct{ Tags []struct{ ID, Code string } }
	s.must(token, `query($s: TagScope!) { tags(scope: $s) { id code } }`, map[string]any{"s": scope}, &out)
	for _, tg := range out.Tags {
		if tg.Code == code {
			return tg.ID
		}
	}
	s.t.Fatalf("no %s tag %s", scope, code)
	return ""
}

func newUSCC(t *testing.T, rng *rand.Rand, category byte) string {
	t.Helper()
	code, err := uscc.Generate(rng, '9', category, "410171")
	if err != nil {
		t.Fatal(err)
	}
	return code
}

const objectFields = `id uid kind name riskClass contactPhone version active
	tags { code } supervisingDepartments { code }`

func TestObjects(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := libraryServer(t, kind, 0)
			admin := s.login("admin").AccessToken
			analyst := s.login("analyst").AccessToken
			dept := s.login("dept-admin").AccessToken
			rng := rand.New(rand.NewPCG(1, 2))
			uid := newUSCC(t, rng, '1')
			scjg, hbj := s.departmentID(admin, "SCJG"), s.departmentID(admin, "HBJ")
			food, online := s.tagID(admin, "OBJECT", "FOOD"), s.tagID(admin, "OBJECT", "ONLINE")

			create := `mutation($in: ObjectInput!) { createObject(input: $in) { ` + objectFields + ` } }`
			in := map[string]any{"uid": uid, "kind": "ENTERPRISE", "name": "郑州鑫源食品有限公司", "riskClass": "C",
				"regionCode": "410171", "industryCode": "F5122", "contactPhone": "13812345678",
				"tagIds": []string{food, online}, "supervisingDepartmentIds": []string{scjg, hbj}}
			var created struct {
				CreateObject struct {
					ID, UID, Name string
					Version       int
				}
			}
			s.must(admin, create, map[string]any{"in": in}, &created)
			id := created.CreateObject.ID

			// Bad input: a duplicate, a mistyped code, an unknown tag.
			bad := strings.Replace(uid, uid[10:11], nextChar(uid[10]), 1)
			for _, tc := range []struct {
				name  string
				patch map[string]any
				code  string
			}{
				{"duplicate uid", map[string]any{}, "CONFLICT"},
				{"mistyped code", map[string]any{"uid": bad}, "BAD_USER_INPUT"},
				{"library code for an enterprise", map[string]any{"uid": "LIB-0001"}, "BAD_USER_INPUT"},
				{"unknown tag", map[string]any{"uid": newUSCC(t, rng, '1'), "tagIds": []string{s.departmentID(admin, "HBJ")}}, "BAD_USER_INPUT"},
				{"bad region", map[string]any{"uid": newUSCC(t, rng, '1'), "regionCode": "41"}, "BAD_USER_INPUT"},
				{"name of 10,000 characters", map[string]any{"uid": newUSCC(t, rng, '1'), "name": strings.Repeat("名", 10000)}, "BAD_USER_INPUT"},
			} {
				x := map[string]any{}
				for k, v := range in {
					x[k] = v
				}
				for k, v := range tc.patch {
					x[k] = v
				}
				n := s.auditCount()
				if r := s.gql(admin, create, map[string]any{"in": x}); r.code() != tc.code {
					t.Errorf("%s: got %q %+v, want %s", tc.name, r.code(), r.Errors, tc.code)
				}
				if s.auditCount() != n {
					t.Errorf("%s: refused create wrote an audit entry", tc.name)
				}
			}

			// Personal data and risk classes by role.
			get := `query($id: ID!) { object(id: $id) { ` + objectFields + ` history { version changes } } }`
			var seen struct {
				Object struct {
					RiskClass, ContactPhone string
					History                 []struct{ Version int }
				}
			}
			s.must(analyst, get, map[string]any{"id": id}, &seen)
			if seen.Object.ContactPhone != "138****5678" || seen.Object.RiskClass != "C" {
				t.Errorf("analyst sees phone %q risk %q, want masked phone and the class", seen.Object.ContactPhone, seen.Object.RiskClass)
			}
			if r := s.gql(analyst, get, map[string]any{"id": id}); strings.Contains(string(r.Data), "13812345678") {
				t.Errorf("the analyst reads the phone in the object's history: %s", r.Data)
			}
			s.must(dept, get, map[string]any{"id": id}, &seen)
			if seen.Object.ContactPhone != "13812345678" {
				t.Errorf("DEPT_ADMIN sees phone %q, want it whole", seen.Object.ContactPhone)
			}

			// An update keeps history; an update that changes nothing writes nothing.
			update := `mutation($id: ID!, $in: ObjectInput!) { updateObject(id: $id, input: $in) { version name } }`
			in2 := map[string]any{"kind": "ENTERPRISE", "name": "郑州鑫源食品股份有限公司"}
			var up struct{ UpdateObject struct{ Version int } }
			s.must(dept, update, map[string]any{"id": id, "in": in2}, &up)
			if up.UpdateObject.Version != 2 {
				t.Errorf("version after an edit: %d, want 2", up.UpdateObject.Version)
			}
			n := s.auditCount()
			s.must(dept, update, map[string]any{"id": id, "in": in2}, &up)
			if up.UpdateObject.Version != 2 || s.auditCount() != n {
				t.Errorf("an edit that changes nothing made version %d and %d audit entries", up.UpdateObject.Version, s.auditCount()-n)
			}
			s.must(admin, get, map[string]any{"id": id}, &seen)
			if len(seen.Object.History) != 2 || seen.Object.History[0].Version != 2 {
				t.Errorf("history %+v, want versions 2 and 1", seen.Object.History)
			}

			// A DEPT_ADMIN edits only objects its department supervises.
			other := newUSCC(t, rng, '2')
			var c2 struct{ CreateObject struct{ ID string } }
			s.must(admin, create, map[string]any{"in": map[string]any{"uid": other, "kind": "INDIVIDUAL_BUSINESS",
				"name": "郑州经济技术开发区宏达烩面馆", "supervisingDepartmentIds": []string{hbj}}}, &c2)
			if r := s.gql(dept, update, map[string]any{"id": c2.CreateObject.ID, "in": in2}); r.code() != "FORBIDDEN" {
				t.Errorf("DEPT_ADMIN edits another department's object: %q", r.code())
			}
			var mine struct {
				CreateObject struct {
					SupervisingDepartments []struct{ Code string }
				}
			}
			s.must(dept, `mutation($in: ObjectInput!) { createObject(input: $in) { supervisingDepartments { code } } }`,
				map[string]any{"in": map[string]any{"uid": newUSCC(t, rng, '1'), "kind": "ENTERPRISE", "name": "郑州博远科技有限公司"}}, &mine)
			if len(mine.CreateObject.SupervisingDepartments) != 1 || mine.CreateObject.SupervisingDepartments[0].Code != "SCJG" {
				t.Errorf("a DEPT_ADMIN's new object is supervised by %+v, want its own department", mine.CreateObject.SupervisingDepartments)
			}

			// Search and filters.
			list := func(filter map[string]any) []string {
				var out struct {
					Objects struct {
						TotalCount int
						Edges      []struct{ Node struct{ UID string } }
					}
				}
				s.must(analyst, `query($f: ObjectFilter) { objects(first: 50, filter: $f) { totalCount edges { node { uid } } } }`,
					map[string]any{"f": filter}, &out)
				var uids []string
				for _, e := range out.Objects.Edges {
					uids = append(uids, e.Node.UID)
				}
				if out.Objects.TotalCount != len(uids) {
					t.Errorf("filter %v: totalCount %d but %d rows", filter, out.Objects.TotalCount, len(uids))
				}
				return uids
			}
			for _, tc := range []struct {
				filter map[string]any
				want   []string
			}{
				{map[string]any{"search": "鑫源"}, []string{uid}},
				{map[string]any{"search": "烩面"}, []string{other}},
				{map[string]any{"search": "源食品股"}, []string{uid}},
				{map[string]any{"search": "食源"}, nil},
				{map[string]any{"search": uid[:15]}, []string{uid}},
				{map[string]any{"riskClasses": []string{"C"}}, []string{uid}},
				{map[string]any{"kinds": []string{"INDIVIDUAL_BUSINESS"}}, []string{other}},
				{map[string]any{"tagsAll": []string{food, online}}, []string{uid}},
				{map[string]any{"tagsAny": []string{online}, "search": "鑫源"}, []string{uid}},
				{map[string]any{"supervisingDepartmentId": hbj}, []string{uid, other}},
				{map[string]any{"regionCode": "4101", "riskClasses": []string{"C"}}, []string{uid}},
				{map[string]any{"industryCode": "F", "search": "鑫源"}, []string{uid}},
			} {
				got := list(tc.filter)
				if strings.Join(sortedCopy(got), ",") != strings.Join(sortedCopy(tc.want), ",") {
					t.Errorf("filter %v: got %v, want %v", tc.filter, got, tc.want)
				}
			}
		})
	}
}

func nextChar(c byte) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	i := strings.IndexByte(alphabet, c)
	return string(alphabet[(i+1)%len(alphabet)])
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestItems(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := libraryServer(t, kind, 0)
			admin := s.login("admin").AccessToken
			dept := s.login("dept-admin").AccessToken
			scjg, hbj := s.departmentID(admin, "SCJG"), s.departmentID(admin, "HBJ")
			create := `mutation($in: ItemInput!) { createItem(input: $in) { id code version current } }`
			base := map[string]any{"departmentId": scjg, "code": "SCJG-100", "name": "广告发布的检查", "basis": "《中华人民共和国广告法》第四十九条",
				"subject": "市场监管局", "objectKinds": []string{"ENTERPRISE"}, "content": "广告发布登记、广告内容合法性",
				"method": "DOCUMENT", "category": "GENERAL", "ratioCapBp": 500,
				"basisRefs": []map[string]any{{"law": "中华人民共和国广告法", "article": "第四十九条"}}}
			with := func(patch map[string]any) map[string]any {
				x := map[string]any{}
				for k, v := range base {
					x[k] = v
				}
				for k, v := range patch {
					x[k] = v
				}
				return x
			}
			for _, tc := range []struct {
				name  string
				token string
				patch map[string]any
				code  string
			}{
				{"key item with a cap", admin, map[string]any{"category": "KEY"}, "BAD_USER_INPUT"},
				{"general item without a cap", admin, map[string]any{"ratioCapBp": nil}, "BAD_USER_INPUT"},
				{"cap of 10001 bp", admin, map[string]any{"ratioCapBp": 10001}, "BAD_USER_INPUT"},
				{"cap of -1 bp", admin, map[string]any{"ratioCapBp": -1}, "BAD_USER_INPUT"},
				{"no object kinds", admin, map[string]any{"objectKinds": []string{}}, "BAD_USER_INPUT"},
				{"another department's item", dept, map[string]any{"departmentId": hbj}, "FORBIDDEN"},
			} {
				if r := s.gql(tc.token, create, map[string]any{"in": with(tc.patch)}); r.code() != tc.code {
					t.Errorf("%s: got %q %+v, want %s", tc.name, r.code(), r.Errors, tc.code)
				}
			}
			var v1 struct{ CreateItem struct{ ID string } }
			s.must(dept, create, map[string]any{"in": base}, &v1)
			if r := s.gql(dept, create, map[string]any{"in": base}); r.code() != "CONFLICT" {
				t.Errorf("the same item twice: %q", r.code())
			}
			var v2 struct {
				UpdateItem struct {
					ID      string
					Version int
				}
			}
			s.must(dept, `mutation($id: ID!, $in: ItemInput!) { updateItem(id: $id, input: $in) { id version } }`,
				map[string]any{"id": v1.CreateItem.ID, "in": with(map[string]any{"content": "广告发布登记、广告内容、广告档案"})}, &v2)
			if v2.UpdateItem.Version != 2 || v2.UpdateItem.ID == v1.CreateItem.ID {
				t.Fatalf("an edit made %+v, want a new version 2", v2.UpdateItem)
			}
			var old struct {
				Item struct {
					Current  bool
					Content  string
					Versions []struct{ Version int }
				}
			}
			s.must(admin, `query($id: ID!) { item(id: $id) { current content versions { version } } }`, map[string]any{"id": v1.CreateItem.ID}, &old)
			if old.Item.Current || old.Item.Content != "广告发布登记、广告内容合法性" || len(old.Item.Versions) != 2 {
				t.Errorf("version 1 after the edit: %+v", old.Item)
			}

			// The public reads every department's current, active items.
			var pub struct {
				Items struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Code       string
							Version    int
							Department struct{ Code string }
						}
					}
				}
			}
			s.must("", `{ items(first: 100) { totalCount edges { node { code version department { code } } } } }`, nil, &pub)
			if pub.Items.TotalCount != 17 {
				t.Errorf("the public sees %d items, want the 16 demo items and the new one", pub.Items.TotalCount)
			}
			found := false
			for _, e := range pub.Items.Edges {
				if e.Node.Code == "SCJG-100" {
					found = e.Node.Version == 2
				}
			}
			if !found {
				t.Error("the public does not see version 2 of the new item")
			}
		})
	}
}

func TestInspectors(t *testing.T) {
	s := libraryServer(t, db.SQLite, 20)
	admin := s.login("admin").AccessToken
	dept := s.login("dept-admin").AccessToken
	analyst := s.login("analyst").AccessToken
	hbj := s.departmentID(admin, "HBJ")
	lawEnf := s.tagID(admin, "QUALIFICATION", "LAW-ENF")
	create := `mutation($in: InspectorInput!) { createInspector(input: $in) { id uid } }`
	in := map[string]any{"uid": "HBJ-900", "name": "李四", "departmentId": hbj, "kind": "LAW_ENFORCEMENT",
		"certificateNumber": "豫H1234567", "certificateExpiresOn": "2028-06-30", "qualificationIds": []string{lawEnf}, "phone": "13900001111"}
	if r := s.gql(dept, create, map[string]any{"in": in}); r.code() != "FORBIDDEN" {
		t.Errorf("DEPT_ADMIN of SCJG creates an HBJ inspector: %q", r.code())
	}
	if r := s.gql(admin, create, map[string]any{"in": map[string]any{"uid": "X-1", "name": "王五", "departmentId": hbj,
		"kind": "EXPERT"}}); r.code() != "BAD_USER_INPUT" {
		t.Errorf("an expert without an organisation: %q", r.code())
	}
	if r := s.gql(admin, `mutation { createInspector(input: {uid: "X-2", name: "王", departmentId: "`+hbj+`", kind: STAFF, certificateExpiresOn: "2028-02-30"}) { id } }`, nil); r.code() != "BAD_USER_INPUT" {
		t.Errorf("a date that does not exist: %q", r.code())
	}
	var c struct{ CreateInspector struct{ ID string } }
	s.must(admin, create, map[string]any{"in": in}, &c)

	var objs struct {
		Objects struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	s.must(admin, `{ objects(first: 1) { edges { node { id } } } }`, nil, &objs)
	obj := objs.Objects.Edges[0].Node.ID
	declare := `mutation($i: ID!, $o: ID!, $r: String!) { declareConflict(inspectorId: $i, objectId: $o, reason: $r) { conflicts { reason object { uid } } } }`
	s.must(admin, declare, map[string]any{"i": c.CreateInspector.ID, "o": obj, "r": "配偶任该企业法定代表人"}, nil)
	if r := s.gql(admin, declare, map[string]any{"i": c.CreateInspector.ID, "o": obj, "r": "again"}); r.code() != "CONFLICT" {
		t.Errorf("declaring a conflict twice: %q", r.code())
	}
	var seen struct {
		Inspector struct {
			CertificateNumber, Phone string
			Conflicts                []struct{ Reason string }
			Qualifications           []struct{ Code string }
		}
	}
	q := `query($id: ID!) { inspector(id: $id) { certificateNumber phone conflicts { reason } qualifications { code } } }`
	s.must(analyst, q, map[string]any{"id": c.CreateInspector.ID}, &seen)
	if seen.Inspector.Conflicts != nil || strings.Contains(seen.Inspector.CertificateNumber, "1234567") || seen.Inspector.Phone == "13900001111" {
		t.Errorf("analyst sees conflicts or personal data: %+v", seen.Inspector)
	}
	s.must(admin, q, map[string]any{"id": c.CreateInspector.ID}, &seen)
	if len(seen.Inspector.Conflicts) != 1 || seen.Inspector.CertificateNumber != "豫H1234567" || len(seen.Inspector.Qualifications) != 1 {
		t.Errorf("admin sees %+v", seen.Inspector)
	}
}

// TestConstantQueryCount: a page with its relations costs the same number
// of SQL statements whatever its size, because relations load through
// per-request loaders.
func TestConstantQueryCount(t *testing.T) {
	s := libraryServer(t, db.SQLite, 150)
	admin := s.login("admin").AccessToken
	s.must(admin, `{ me { id } }`, nil, nil) // warms the key ring, which loads once per 30 s
	count := func(query string) int {
		before := s.dbQueries()
		s.must(admin, query, nil, nil)
		return s.dbQueries() - before
	}
	for _, q := range []string{
		`{ objects(first: %d) { edges { node { uid name tags { code name } supervisingDepartments { code name } } } } }`,
		`{ inspectors(first: %d) { edges { node { uid department { name } qualifications { code } expertise { code } conflicts { reason object { uid } } } } } }`,
		`{ items(first: %d) { edges { node { code department { name } qualifications { code } } } } }`,
	} {
		small, large := count(fmt.Sprintf(q, 5)), count(fmt.Sprintf(q, 100))
		if small != large {
			t.Errorf("%s: %d statements for 5 rows, %d for 100", q, small, large)
		}
		t.Logf("%d statements for a page: %.60s…", large, q)
	}
}

// dbQueries reads suiji_db_queries_total from /metrics.
func (s *testServer) dbQueries() int {
	s.t.Helper()
	_, body := s.get("/metrics")
	m := regexp.MustCompile(`(?m)^suiji_db_queries_total (\d+)`).FindStringSubmatch(body)
	if m == nil {
		s.t.Fatal("no suiji_db_queries_total in /metrics")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// importJob uploads a file and waits for its job to end.
type importResult struct {
	ID, Status, Message                   string
	Created, Updated, Unchanged, Rejected int
	Errors                                struct {
		Edges []struct {
			Node struct {
				Row          int
				Column, Code string
			}
		}
	}
}

func (s *testServer) importFile(token, kind, name string, content []byte, opts string) (importResult, gqlResponse) {
	s.t.Helper()
	r := s.upload(token, `mutation($file: Upload!) { startImport(kind: `+kind+`, file: $file`+opts+`) { id } }`,
		map[string]any{}, "file", name, content)
	if len(r.Errors) > 0 {
		return importResult{}, r
	}
	var started struct{ StartImport struct{ ID string } }
	_ = json.Unmarshal(r.Data, &started)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var out struct{ ImportJob importResult }
		s.must(token, `query($id: ID!) { importJob(id: $id) { id status message created updated unchanged rejected
			errors(first: 100) { edges { node { row column code } } } } }`, map[string]any{"id": started.StartImport.ID}, &out)
		if out.ImportJob.Status == "SUCCEEDED" || out.ImportJob.Status == "FAILED" {
			return out.ImportJob, r
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("import job still %s after 60 s", out.ImportJob.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func objectsCSV(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("统一社会信用代码,名称,信用风险分类,分类标注,监管部门,联系电话\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.Bytes()
}

func TestImports(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := libraryServer(t, kind, 0)
			admin := s.login("admin").AccessToken
			rng := rand.New(rand.NewPCG(7, 7))
			u := []string{newUSCC(t, rng, '1'), newUSCC(t, rng, '2'), newUSCC(t, rng, '1'), newUSCC(t, rng, '1')}
			bad := u[3][:17] + nextChar(u[3][17])
			rows := [][]string{
				{u[0], "郑州华泰商贸有限公司", "A", "食品经营", "市场监管局", "13800000001"},
				{bad, "校验位错误的公司", "B", "", "市场监管局", ""},
				{u[1], "郑州经济技术开发区嘉禾超市", "B", "食品经营；网络交易", "市场监管局、环保局", ""},
				{u[2], "郑州启明科技有限公司", "A", "不存在的标签", "SCJG", ""},
				{u[3], "郑州九鼎机械制造有限公司", "D", "特种设备使用", "SCJG;XFDD", ""},
			}
			gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(objectsCSV(t, rows))
			if err != nil {
				t.Fatal(err)
			}
			countObjects := func() int {
				n, err := db.CountObjects(context.Background(), s.app.store, db.ObjectFilter{})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}

			// Dry run and all-or-nothing write nothing.
			res, _ := s.importFile(admin, "OBJECTS", "objects.csv", gbk, ", dryRun: true")
			if res.Status != "SUCCEEDED" || res.Created != 3 || res.Rejected != 2 || countObjects() != 0 {
				t.Fatalf("dry run of a GBK file: %+v, %d objects stored", res, countObjects())
			}
			res, _ = s.importFile(admin, "OBJECTS", "objects.csv", gbk, ", allOrNothing: true")
			if res.Rejected != 2 || countObjects() != 0 {
				t.Fatalf("all-or-nothing with bad rows: %+v, %d objects stored", res, countObjects())
			}
			var rowsSeen []string
			for _, e := range res.Errors.Edges {
				rowsSeen = append(rowsSeen, fmt.Sprintf("%d:%s", e.Node.Row, e.Node.Code))
			}
			if strings.Join(rowsSeen, " ") != "3:uscc_check 5:unknown_tag" {
				t.Errorf("row errors %v, want row 3 uscc_check and row 5 unknown_tag", rowsSeen)
			}

			// Good rows in, bad rows out; the same file again changes nothing.
			res, _ = s.importFile(admin, "OBJECTS", "objects.csv", gbk, "")
			if res.Created != 3 || res.Rejected != 2 || countObjects() != 3 {
				t.Fatalf("import: %+v, %d objects", res, countObjects())
			}
			n := s.auditCount()
			res, _ = s.importFile(admin, "OBJECTS", "objects.csv", gbk, "")
			if res.Created != 0 || res.Unchanged != 3 || res.Updated != 0 {
				t.Errorf("the same file again: %+v", res)
			}
			if got := s.auditCount() - n; got != 2 {
				t.Errorf("an import wrote %d audit entries, want 2 (start and finish with the counts)", got)
			}

			// UTF-8 with BOM, one name changed: one update.
			rows[0][1] = "郑州华泰商贸股份有限公司"
			res, _ = s.importFile(admin, "OBJECTS", "bom.csv", append([]byte("\xef\xbb\xbf"), objectsCSV(t, rows[:1])...), "")
			if res.Updated != 1 || res.Created != 0 {
				t.Errorf("UTF-8 BOM file with one change: %+v", res)
			}

			// XLSX, duplicates within the file, a 10,000-character name.
			var x bytes.Buffer
			w, err := tabular.NewXLSXWriter(&x, "Sheet1", []string{"社会信用代码", "企业名称", "风险等级"})
			if err != nil {
				t.Fatal(err)
			}
			v := newUSCC(t, rng, '1')
			for _, r := range [][]string{{v, "郑州正道物流有限公司", "C"}, {v, "重复", "C"}, {newUSCC(t, rng, '1'), strings.Repeat("长", 10000), "A"}} {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			res, _ = s.importFile(admin, "OBJECTS", "objects.xlsx", x.Bytes(), "")
			codes := ""
			for _, e := range res.Errors.Edges {
				codes += fmt.Sprintf("%d:%s ", e.Node.Row, e.Node.Code)
			}
			if res.Created != 1 || res.Rejected != 2 || codes != "3:duplicate_in_file 4:too_long " {
				t.Errorf("XLSX with a duplicate and a long name: %+v %s", res, codes)
			}

			// Files that are not what they should be.
			n = countObjects()
			for _, tc := range []struct {
				name    string
				file    string
				content []byte
				want    string // an error code at startImport, or a job message fragment
			}{
				{"empty file", "empty.csv", nil, "BAD_USER_INPUT"},
				{"binary file named .csv", "x.csv", []byte("\x00\x01\x02\x03\xff\xfe binary \x00\x00"), "BAD_USER_INPUT"},
				{"old .xls", "x.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest"), "BAD_USER_INPUT"},
				{"truncated XLSX", "cut.xlsx", x.Bytes()[:x.Len()/2], "FAILED"},
				{"header without the uid column", "nouid.csv", []byte("名称,风险等级\n某公司,A\n"), "FAILED"},
			} {
				res, r := s.importFile(admin, "OBJECTS", tc.file, tc.content, "")
				switch tc.want {
				case "FAILED":
					if res.Status != "FAILED" || res.Message == "" {
						t.Errorf("%s: job %+v, want FAILED with a message", tc.name, res)
					}
				default:
					if r.code() != tc.want {
						t.Errorf("%s: got %q %+v, want %s", tc.name, r.code(), r.Errors, tc.want)
					}
				}
			}
			if countObjects() != n {
				t.Errorf("bad files stored %d objects", countObjects()-n)
			}
		})
	}
}

// TestImportScope: a DEPT_ADMIN's import touches only what its department manages.
func TestImportScope(t *testing.T) {
	s := libraryServer(t, db.SQLite, 0)
	dept := s.login("dept-admin").AccessToken
	csv := "部门,人员编号,姓名,人员类别\n市场监管局,SCJG-901,赵六,执法人员\n环保局,HBJ-901,钱七,执法人员\n"
	res, _ := s.importFile(dept, "INSPECTORS", "inspectors.csv", []byte(csv), "")
	if res.Created != 1 || res.Rejected != 1 || len(res.Errors.Edges) != 1 || res.Errors.Edges[0].Node.Code != "forbidden" {
		t.Errorf("DEPT_ADMIN imports another department's inspector: %+v", res)
	}
}

// TestOversizeUpload: a 500 MB upload is refused from its headers.
func TestOversizeUpload(t *testing.T) {
	s := startServer(t, db.SQLite)
	admin := s.login("admin").AccessToken
	req, _ := http.NewRequest(http.MethodPost, s.url+"/graphql", io.LimitReader(zeroReader{}, 500<<20))
	req.ContentLength = 500 << 20
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("Authorization", "Bearer "+admin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		// The server may close before the client finishes sending.
		if !strings.Contains(err.Error(), "broken pipe") && !strings.Contains(err.Error(), "reset") {
			t.Fatalf("upload: %v", err)
		}
		return
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "BAD_USER_INPUT") {
		t.Errorf("500 MB upload: %d %s", res.StatusCode, body)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestExports: streamed, one-time, masked by role, and never formulas.
func TestExports(t *testing.T) {
	s := libraryServer(t, db.SQLite, 0)
	admin := s.login("admin").AccessToken
	analyst := s.login("analyst").AccessToken
	rng := rand.New(rand.NewPCG(9, 9))
	uid := newUSCC(t, rng, '1')
	s.must(admin, `mutation($in: ObjectInput!) { createObject(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"uid": uid, "kind": "ENTERPRISE", "name": "=HYPERLINK(\"http://x\")公司", "contactPhone": "13812345678", "riskClass": "B"}}, nil)
	var link struct{ ExportObjects struct{ URL string } }
	s.must(analyst, `mutation { exportObjects(format: CSV) { url } }`, nil, &link)
	status, body := s.get(link.ExportObjects.URL)
	if status != 200 {
		t.Fatalf("download: %d %s", status, body)
	}
	if !strings.Contains(body, "'=HYPERLINK") || strings.Contains(body, ",=HYPERLINK") {
		t.Errorf("a formula reached the CSV unescaped:\n%s", body)
	}
	if strings.Contains(body, "13812345678") || !strings.Contains(body, "138****5678") {
		t.Errorf("the analyst's export shows the phone unmasked:\n%s", body)
	}
	if status, _ := s.get(link.ExportObjects.URL); status != 404 {
		t.Errorf("a spent link answers %d, want 404", status)
	}
	var xl struct{ ExportItems struct{ URL string } }
	s.must("", `mutation { exportItems(format: XLSX) { url } }`, nil, &xl)
	if status, body := s.get(xl.ExportItems.URL); status != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("the public's XLSX item list: %d", status)
	}
}
