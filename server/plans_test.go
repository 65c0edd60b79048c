package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/draw"
)

// itemID finds an item's version id by department and code.
func (s *testServer) itemID(token, code string) string {
	s.t.Helper()
	var out struct {
		Items struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	s.must(token, `query($s: String) { items(first: 100, filter: {search: $s}) { edges { node { id code } } } }`, map[string]any{"s": code}, &out)
	for _, e := range out.Items.Edges {
		if e.Node.Code == code {
			return e.Node.ID
		}
	}
	s.t.Fatalf("no item %s", code)
	return ""
}

func chinaDate(d time.Duration) string {
	return time.Now().Add(d).In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
}

const planFields = `id uid status commitment freezeDigest entropySource populationSize warnings { code }
	draws { id status failure { rank uid department } selectionsCount }`

type planResult struct {
	ID, UID, Status          string
	Commitment, FreezeDigest *string
	PopulationSize           *int
	Draws                    []struct {
		ID, Status      string
		SelectionsCount int
		Failure         *struct {
			Rank       int
			UID        string
			Department string
		}
	}
}

func (s *testServer) planInput(token string, patch map[string]any) map[string]any {
	s.t.Helper()
	in := map[string]any{
		"kind": "SPECIAL", "name": "2026年食品安全与消防联合专项抽查", "year": 2026,
		"departments": []map[string]any{
			{"departmentId": s.departmentID(token, "SCJG"), "itemIds": []string{s.itemID(token, "SCJG-001"), s.itemID(token, "SCJG-002")}},
			{"departmentId": s.departmentID(token, "XFDD"), "itemIds": []string{s.itemID(token, "XFDD-001")}},
		},
		"scope":       map[string]any{"kinds": []string{"ENTERPRISE", "INDIVIDUAL_BUSINESS"}},
		"strata":      []map[string]any{{"label": "D", "count": 4}, {"label": "C", "ratioBp": 300}, {"label": "B", "ratioBp": 200}, {"label": "A", "ratioBp": 100}},
		"windowStart": chinaDate(7 * 24 * time.Hour), "windowEnd": chinaDate(60 * 24 * time.Hour),
	}
	for k, v := range patch {
		in[k] = v
	}
	return in
}

func (s *testServer) planStep(token, mutation string, vars map[string]any) planResult {
	s.t.Helper()
	var out map[string]planResult
	s.must(token, mutation, vars, &out)
	for _, v := range out {
		return v
	}
	return planResult{}
}

func TestPlanWorkflowAndDraw(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) {
			s := libraryServer(t, kind, 400)
			admin := s.login("admin").AccessToken
			dept := s.login("dept-admin").AccessToken
			analyst := s.login("analyst").AccessToken
			create := `mutation($in: PlanInput!) { createPlan(input: $in) { ` + planFields + ` } }`

			// Bad plans: each a clear BAD_USER_INPUT, nothing stored.
			for _, tc := range []struct {
				name  string
				patch map[string]any
			}{
				{"stratum ratio above a general item's cap", map[string]any{"strata": []map[string]any{{"label": "C", "ratioBp": 500}}}},
				{"ratio of -1 bp", map[string]any{"strata": []map[string]any{{"label": "C", "ratioBp": -1}}}},
				{"ratio of 10001 bp", map[string]any{"strata": []map[string]any{{"label": "C", "ratioBp": 10001}}}},
				{"no participating department", map[string]any{"departments": []map[string]any{}}},
				{"empty scope", map[string]any{"scope": map[string]any{"kinds": []string{}}}},
				{"window in the past", map[string]any{"windowStart": "2020-01-01", "windowEnd": "2020-02-01"}},
				{"department without items", map[string]any{"departments": []map[string]any{{"departmentId": s.departmentID(dept, "SCJG"), "itemIds": []string{}}}}},
			} {
				if r := s.gql(dept, create, map[string]any{"in": s.planInput(dept, tc.patch)}); r.code() != "BAD_USER_INPUT" {
					t.Errorf("%s: got %q %+v", tc.name, r.code(), r.Errors)
				}
			}
			p := s.planStep(dept, create, map[string]any{"in": s.planInput(dept, nil)})
			if p.Status != "DRAFT" || !strings.HasPrefix(p.UID, "PLAN-2026-") {
				t.Fatalf("created %+v", p)
			}
			// The public does not see drafts.
			if r := s.gql("", `query($id: ID!) { plan(id: $id) { id } }`, map[string]any{"id": p.ID}); string(r.Data) != `{"plan":null}` {
				t.Errorf("the public sees a draft: %s", r.Data)
			}
			var sim struct {
				SimulatePlan struct {
					PopulationSize, SampleSize int
					Staffing                   string
				}
			}
			s.must(analyst, `query($id: ID!) { simulatePlan(id: $id) { populationSize sampleSize staffing } }`, map[string]any{"id": p.ID}, &sim)
			if sim.SimulatePlan.PopulationSize == 0 || sim.SimulatePlan.SampleSize == 0 || sim.SimulatePlan.Staffing != "GUARANTEED" {
				t.Errorf("simulation %+v", sim.SimulatePlan)
			}

			id := map[string]any{"id": p.ID}
			submit := `mutation($id: ID!) { submitPlan(id: $id) { ` + planFields + ` } }`
			review := `mutation($id: ID!, $ok: Boolean!, $c: String!) { reviewPlan(id: $id, approve: $ok, comment: $c) { ` + planFields + ` } }`
			publish := `mutation($id: ID!) { publishPlan(id: $id) { ` + planFields + ` } }`
			freeze := `mutation($id: ID!, $src: String!) { freezePlan(id: $id, entropySource: $src) { ` + planFields + ` } }`
			drawIt := `mutation($id: ID!, $e: String!) { drawPlan(id: $id, entropy: $e) { id status selectionsCount failure { rank } } }`

			s.planStep(dept, submit, id)
			if r := s.gql(dept, review, map[string]any{"id": p.ID, "ok": true, "c": "同意"}); r.code() != "FORBIDDEN" {
				t.Errorf("a department approves its own plan: %q", r.code())
			}
			if r := s.gql(admin, review, map[string]any{"id": p.ID, "ok": false, "c": ""}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("returning without a comment: %q", r.code())
			}
			if got := s.planStep(admin, review, map[string]any{"id": p.ID, "ok": false, "c": "请补充消防事项"}); got.Status != "RETURNED" {
				t.Fatalf("returned: %s", got.Status)
			}
			s.planStep(dept, submit, id)
			s.planStep(admin, review, map[string]any{"id": p.ID, "ok": true, "c": "同意"})
			if r := s.gql(dept, freeze, map[string]any{"id": p.ID, "src": "x"}); r.code() != "CONFLICT" {
				t.Errorf("freezing an unpublished plan: %q", r.code())
			}
			p = s.planStep(dept, publish, id)
			if p.Status != "PUBLISHED" || p.Commitment == nil || len(*p.Commitment) != 64 {
				t.Fatalf("published %+v", p)
			}
			if r := s.gql(dept, drawIt, map[string]any{"id": p.ID, "e": "1"}); r.code() != "CONFLICT" {
				t.Errorf("drawing a plan that is not frozen: %q", r.code())
			}
			if r := s.gql(dept, freeze, map[string]any{"id": p.ID, "src": "体彩\n第1期"}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("an entropy source with a newline: %q", r.code())
			}
			source := "体彩排列五 第2026330期 开奖号码（2026-12-05）"
			p = s.planStep(dept, freeze, map[string]any{"id": p.ID, "src": source})
			if p.Status != "FROZEN" || p.FreezeDigest == nil || p.PopulationSize == nil || *p.PopulationSize != sim.SimulatePlan.PopulationSize {
				t.Fatalf("frozen %+v", p)
			}
			if r := s.gql(dept, drawIt, map[string]any{"id": p.ID, "e": strings.Repeat("9", 257)}); r.code() != "BAD_USER_INPUT" {
				t.Errorf("entropy over 256 bytes: %q", r.code())
			}

			// Two draws at once: one draw and one CONFLICT.
			var wg sync.WaitGroup
			results := make([]gqlResponse, 2)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i] = s.gql(dept, drawIt, map[string]any{"id": p.ID, "e": "8 3 0 2 1"})
				}()
			}
			wg.Wait()
			codes := []string{results[0].code(), results[1].code()}
			if !(codes[0] == "" && codes[1] == "CONFLICT" || codes[0] == "CONFLICT" && codes[1] == "") {
				t.Fatalf("two draws at once: %v %+v %+v", codes, results[0].Errors, results[1].Errors)
			}
			var drawn struct {
				DrawPlan struct {
					ID              string
					SelectionsCount int
				}
			}
			winner := results[0]
			if codes[0] != "" {
				winner = results[1]
			}
			_ = json.Unmarshal(winner.Data, &drawn)
			if drawn.DrawPlan.SelectionsCount != sim.SimulatePlan.SampleSize {
				t.Errorf("selected %d, the simulation said %d", drawn.DrawPlan.SelectionsCount, sim.SimulatePlan.SampleSize)
			}

			// Tasks: one per selected object, a team of one per department,
			// and each department's items.
			var tasks struct {
				InspectionTasks struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Rank   int
							Object struct{ UID string }
							Team   []struct {
								Inspector  struct{ UID string }
								Department struct{ Code string }
							}
							ItemsByDepartment []struct {
								Department struct{ Code string }
								Items      []struct{ Code string }
							}
						}
					}
				}
			}
			s.must(dept, `query($d: ID!) { inspectionTasks(drawId: $d, first: 500) { totalCount edges { node { rank object { uid }
				team { inspector { uid } department { code } } itemsByDepartment { department { code } items { code } } } } } }`,
				map[string]any{"d": drawn.DrawPlan.ID}, &tasks)
			if tasks.InspectionTasks.TotalCount != drawn.DrawPlan.SelectionsCount || len(tasks.InspectionTasks.Edges) != tasks.InspectionTasks.TotalCount {
				t.Fatalf("%d tasks for %d selections", tasks.InspectionTasks.TotalCount, drawn.DrawPlan.SelectionsCount)
			}
			for _, e := range tasks.InspectionTasks.Edges {
				if len(e.Node.Team) != 2 || e.Node.Team[0].Department.Code != "SCJG" || e.Node.Team[1].Department.Code != "XFDD" {
					t.Errorf("rank %d: team %+v, want one SCJG and one XFDD officer", e.Node.Rank, e.Node.Team)
				}
				if len(e.Node.ItemsByDepartment) != 2 || len(e.Node.ItemsByDepartment[0].Items) == 0 {
					t.Errorf("rank %d: items %+v", e.Node.Rank, e.Node.ItemsByDepartment)
				}
			}

			// Evidence: the public form hides pools, conflicts and the
			// population; the whole form is for the plan's departments; both verify.
			res, err := http.Get(s.url + "/public/draws")
			if err != nil {
				t.Fatal(err)
			}
			var list struct {
				Draws []struct {
					ID              string `json:"id"`
					GraphQLID       string `json:"graphql_id"`
					SelectionsCount int    `json:"selections_count"`
				} `json:"draws"`
			}
			_ = json.NewDecoder(res.Body).Decode(&list)
			res.Body.Close()
			if len(list.Draws) != 1 || list.Draws[0].ID != fromGlobal(t, drawn.DrawPlan.ID) || list.Draws[0].GraphQLID != drawn.DrawPlan.ID {
				t.Fatalf("public draws: %+v", list)
			}

			// The public reads the draw and its plan, but not the tasks (the
			// objects' and inspectors' records) nor who took each step.
			var pubDraw struct {
				Draw struct {
					SelectionsCount int
					Plan            struct {
						CreatedBy, ReviewComment *string
						Events                   []struct {
							ToStatus       string
							Actor, Comment *string
						}
					}
				}
			}
			s.must("", `query($id: ID!) { draw(id: $id) { selectionsCount plan { createdBy reviewComment events { toStatus actor comment } } } }`,
				map[string]any{"id": list.Draws[0].GraphQLID}, &pubDraw)
			if pubDraw.Draw.SelectionsCount != drawn.DrawPlan.SelectionsCount || len(pubDraw.Draw.Plan.Events) == 0 {
				t.Errorf("the public's draw: %+v", pubDraw.Draw)
			}
			if pl := pubDraw.Draw.Plan; pl.CreatedBy != nil || pl.ReviewComment != nil {
				t.Errorf("the public sees the plan's author or review comment: %+v", pl)
			}
			for _, e := range pubDraw.Draw.Plan.Events {
				if e.Actor != nil || e.Comment != nil {
					t.Errorf("the public sees who took a step: %+v", e)
				}
			}
			if r := s.gql("", `query($id: ID!) { draw(id: $id) { tasks { totalCount } } }`, map[string]any{"id": drawn.DrawPlan.ID}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("the public reads a draw's tasks: %q %s", r.code(), r.Data)
			}
			var staffDraw struct {
				Draw struct {
					Tasks struct{ TotalCount int }
					Plan  struct{ Events []struct{ Actor *string } }
				}
			}
			s.must(analyst, `query($id: ID!) { draw(id: $id) { tasks { totalCount } plan { events { actor } } } }`, map[string]any{"id": drawn.DrawPlan.ID}, &staffDraw)
			if staffDraw.Draw.Tasks.TotalCount != drawn.DrawPlan.SelectionsCount || staffDraw.Draw.Plan.Events[0].Actor == nil {
				t.Errorf("an analyst's draw: %+v", staffDraw.Draw)
			}
			url := "/public/draws/" + list.Draws[0].ID + "/evidence.json"
			pub := s.evidenceDoc(t, "", url)
			if strings.Contains(pub, `"departments"`) || strings.Contains(pub, `"conflicts"`) || strings.Contains(pub, `"population"`) {
				t.Errorf("the public document shows pools, conflicts or the population")
			}
			rep, err := draw.Verify([]byte(pub))
			if err != nil || strings.Join(rep.NotChecked, ",") != "population,selection,teams" {
				t.Errorf("public document: %v %+v", err, rep)
			}
			whole := s.evidenceDoc(t, dept, url)
			rep, err = draw.Verify([]byte(whole))
			if err != nil || len(rep.NotChecked) != 0 || rep.Selections != drawn.DrawPlan.SelectionsCount {
				t.Errorf("whole document: %v %+v", err, rep)
			}
			if code, out := runCmd(t, nil, "verify-draw", s.url+url); code != 0 || !strings.Contains(out, "verified") {
				t.Errorf("verify-draw over HTTP: %d %s", code, out)
			}
			if code, out := runCmd(t, map[string]string{"SUIJI_DATA_DIR": s.cfg.DataDir, "SUIJI_DATABASE_URL": s.cfg.DatabaseURL}, "audit", "verify"); code != 0 {
				t.Errorf("audit chain after the draw: %s", out)
			}
		})
	}
}

func (s *testServer) evidenceDoc(t *testing.T, token, path string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if res.StatusCode != 200 || res.Header.Get("Vary") != "Authorization" || !strings.HasPrefix(res.Header.Get("Cache-Control"), "private") {
		t.Fatalf("evidence: %d %v", res.StatusCode, res.Header)
	}
	return b.String()
}

func fromGlobal(t *testing.T, id string) string {
	t.Helper()
	typ, key, ok := splitGlobal(id)
	if !ok || typ != "Draw" {
		t.Fatalf("not a draw id: %s", id)
	}
	return key
}

// TestFailedDraw: a draw that cannot staff a team stores the failed attempt
// only and returns the plan to PUBLISHED with a new commitment.
func TestFailedDraw(t *testing.T) {
	s := libraryServer(t, db.SQLite, 300)
	admin := s.login("admin").AccessToken
	in := s.planInput(admin, map[string]any{"cap": 1, "initiatorId": s.departmentID(admin, "SCJG"),
		"strata": []map[string]any{{"label": "A", "count": 60}}})
	create := `mutation($in: PlanInput!) { createPlan(input: $in) { ` + planFields + ` } }`
	p := s.planStep(admin, create, map[string]any{"in": in})
	id := map[string]any{"id": p.ID}
	for _, m := range []string{
		`mutation($id: ID!) { submitPlan(id: $id) { id } }`,
		`mutation($id: ID!) { reviewPlan(id: $id, approve: true, comment: "同意") { id } }`,
		`mutation($id: ID!) { publishPlan(id: $id) { id } }`,
	} {
		s.must(admin, m, id, nil)
	}
	var sim struct {
		SimulatePlan struct{ Staffing, BindingConstraint string }
	}
	s.must(admin, `query($id: ID!) { simulatePlan(id: $id) { staffing bindingConstraint } }`, id, &sim)
	if sim.SimulatePlan.Staffing != "AT_RISK" || sim.SimulatePlan.BindingConstraint == "" {
		t.Errorf("simulation of a plan whose cap cannot hold: %+v", sim.SimulatePlan)
	}
	before := s.planStep(admin, `mutation($id: ID!) { freezePlan(id: $id, entropySource: "福彩3D 第2026330期") { `+planFields+` } }`, id)
	var d struct {
		DrawPlan struct {
			Status  string
			Failure *struct{ Rank int }
		}
	}
	s.must(admin, `mutation($id: ID!) { drawPlan(id: $id, entropy: "5 1 9") { status failure { rank } } }`, id, &d)
	if d.DrawPlan.Status != "FAILED" || d.DrawPlan.Failure == nil {
		t.Fatalf("draw with cap 1 and 60 objects: %+v", d.DrawPlan)
	}
	var after struct{ Plan planResult }
	s.must(admin, `query($id: ID!) { plan(id: $id) { `+planFields+` } }`, id, &after)
	if after.Plan.Status != "PUBLISHED" || after.Plan.Commitment == nil || *after.Plan.Commitment == *before.Commitment ||
		len(after.Plan.Draws) != 1 || after.Plan.Draws[0].Status != "FAILED" || after.Plan.FreezeDigest != nil {
		t.Errorf("after the failed draw: %+v", after.Plan)
	}
	// The failed attempt is public.
	var pub struct{ Plan planResult }
	s.must("", `query($id: ID!) { plan(id: $id) { `+planFields+` } }`, id, &pub)
	if len(pub.Plan.Draws) != 1 || pub.Plan.Draws[0].Failure == nil {
		t.Errorf("the public does not see the failed attempt: %+v", pub.Plan)
	}
	// Cancelled after it was published, the plan stays public, with its
	// reason, in the public list too.
	s.must(admin, `mutation($id: ID!) { cancelPlan(id: $id, reason: "执法力量不足，改期") { id } }`, id, nil)
	var cancelled struct {
		Plan  *struct{ Status, CancelledReason string }
		Plans struct {
			Edges []struct{ Node struct{ ID, Status string } }
		}
	}
	s.must("", `query($id: ID!) { plan(id: $id) { status cancelledReason } plans(first: 50) { edges { node { id status } } } }`, id, &cancelled)
	if cancelled.Plan == nil || cancelled.Plan.Status != "CANCELLED" || cancelled.Plan.CancelledReason != "执法力量不足，改期" {
		t.Errorf("the public's view of a plan cancelled after publication: %+v", cancelled.Plan)
	}
	listed := false
	for _, e := range cancelled.Plans.Edges {
		listed = listed || e.Node.ID == id["id"]
	}
	if !listed {
		t.Errorf("a plan cancelled after publication is not in the public list: %+v", cancelled.Plans.Edges)
	}
}
