// Command drawload times a whole draw through the API on a large
// population in PostgreSQL (figure 4 of docs/benchmarks.md): three new
// departments with pools of -pool inspectors each (imported with `suiji
// import`), -conflicts declared conflicts, and an annual joint plan over
// every object with four strata at -ratio basis points each, taken through
// the workflow by GraphQL. It times freezePlan and drawPlan as a client sees
// them, next to the reading floor: the population query alone
// (db.Population with the plan's scope), measured in the same run before
// and after the draw. It then saves the draw's evidence (whole and public
// form) for `suiji verify-draw` and the browser verifier.
//
//	go build -o /tmp/suiji ./server
//	go run ./bench/drawload -url "$U" -password bench-pass-1 -out /tmp/drawload
//
// Without -url it starts a throwaway PostgreSQL and loads -objects with
// COPY first (several minutes for a million).
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/suiji-dev/suiji/bench/internal/bulk"
	"github.com/suiji-dev/suiji/bench/internal/pgtmp"
	"github.com/suiji-dev/suiji/bench/internal/suijiserve"
	"github.com/suiji-dev/suiji/db"
)

type options struct {
	url, suiji, password, out string
	objects, pool, conflicts  int
	ratio, floorRuns          int
	year                      int
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "a loaded PostgreSQL database (empty: start a throwaway server and load -objects)")
	flag.StringVar(&o.suiji, "suiji", "/tmp/suiji", "the suiji binary (go build -o /tmp/suiji ./server)")
	flag.StringVar(&o.password, "password", "bench-pass-1", "admin's password (SUIJI_DEMO_PASSWORD at seeding)")
	flag.StringVar(&o.out, "out", "/tmp/drawload", "directory for the evidence files")
	flag.IntVar(&o.objects, "objects", 1000000, "objects to load into a throwaway database (without -url)")
	flag.IntVar(&o.pool, "pool", 300, "inspectors per department (3 departments)")
	flag.IntVar(&o.conflicts, "conflicts", 300, "declared conflicts, spread over the pools")
	flag.IntVar(&o.ratio, "ratio", 100, "basis points drawn from each of the 4 strata (100 = 1 %)")
	flag.IntVar(&o.floorRuns, "floor-runs", 3, "times the population query runs before and after the draw")
	flag.IntVar(&o.year, "year", time.Now().Year()+1, "the plan's year (an annual plan published before it starts)")
	flag.Parse()
	if o.pool < 2 || o.pool > 5000 || o.conflicts > 100000 || o.ratio < 1 || o.ratio > 10000 {
		fmt.Fprintln(os.Stderr, "drawload: -pool 2..5000, -conflicts ≤ 100000, -ratio 1..10000")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Minute)
	defer cancel()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "drawload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	work, err := os.MkdirTemp("", "suiji-drawload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	if o.url == "" {
		srv, err := pgtmp.Start()
		if err != nil {
			return err
		}
		defer srv.Stop()
		if o.url, err = pgtmp.CreateDatabase(ctx, srv.URL, "drawload"); err != nil {
			return err
		}
		if err := suiji(ctx, o, work, "seed", "--demo", "--objects", "1"); err != nil {
			return err
		}
		st, err := bulk.Load(ctx, o.url, o.objects, 20000, 11, os.Stderr)
		if err != nil {
			return err
		}
		fmt.Printf("loaded %d objects with COPY in %s\n", st.Objects, st.Elapsed.Round(time.Second))
	}
	if err := bulk.Analyze(ctx, o.url); err != nil {
		return err
	}
	store, err := db.Open(ctx, db.Config{URL: o.url})
	if err != nil {
		return err
	}
	defer store.Close()

	srv, err := suijiserve.Start(ctx, o.suiji, o.url, work)
	if err != nil {
		return err
	}
	defer func() {
		srv.Stop()
		// The server's log outlives the run, for its timings and errors.
		if b, err := os.ReadFile(filepath.Join(work, "serve.log")); err == nil {
			_ = os.WriteFile(filepath.Join(o.out, "serve.log"), b, 0o644)
		}
	}()
	token, err := suijiserve.Login(ctx, srv.Base, "admin", o.password)
	if err != nil {
		return err
	}
	gql := func(query string, vars map[string]any, out any) error {
		return suijiserve.GraphQL(ctx, srv.Base, token, query, vars, out)
	}

	// Three departments of this run, their items and pools (untimed).
	tag := time.Now().Format("150405")
	var codes, deptIDs []string
	for i := range 3 {
		code := fmt.Sprintf("DL%s%c", tag, 'A'+i)
		var out struct{ CreateDepartment struct{ ID string } }
		if err := gql(`mutation($in: CreateDepartmentInput!) { createDepartment(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"code": code, "name": fmt.Sprintf("抽取基准部门%s%c", tag, 'A'+i)}}, &out); err != nil {
			return fmt.Errorf("create department %s: %w", code, err)
		}
		codes, deptIDs = append(codes, code), append(deptIDs, out.CreateDepartment.ID)
	}
	if err := importCSV(ctx, o, work, "items", itemRows(codes)); err != nil {
		return err
	}
	if err := importCSV(ctx, o, work, "inspectors", inspectorRows(codes, tag, o.pool)); err != nil {
		return err
	}
	var deptInputs []map[string]any
	var inspectorIDs [][]string
	for _, id := range deptIDs {
		var items struct {
			Items struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := gql(`query($d: ID!) { items(first: 10, filter: {departmentId: $d}) { edges { node { id } } } }`,
			map[string]any{"d": id}, &items); err != nil {
			return err
		}
		var ids []string
		for _, e := range items.Items.Edges {
			ids = append(ids, e.Node.ID)
		}
		deptInputs = append(deptInputs, map[string]any{"departmentId": id, "itemIds": ids})
		pool, err := pages(gql, `query($d: ID!, $after: String) { inspectors(first: 500, after: $after, filter: {departmentId: $d}) {
			edges { node { id } } pageInfo { hasNextPage endCursor } } }`, "inspectors", map[string]any{"d": id}, o.pool)
		if err != nil {
			return err
		}
		inspectorIDs = append(inspectorIDs, pool)
	}
	objectIDs, err := pages(gql, `query($after: String) { objects(first: 500, after: $after) {
		edges { node { id } } pageInfo { hasNextPage endCursor } } }`, "objects", map[string]any{}, 5000)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(20261125, 4))
	t0 := time.Now()
	for k := range o.conflicts {
		pool := inspectorIDs[k%3]
		if err := gql(`mutation($i: ID!, $o: ID!) { declareConflict(inspectorId: $i, objectId: $o, reason: "亲属关系（基准数据）") { id } }`,
			map[string]any{"i": pool[rng.IntN(len(pool))], "o": objectIDs[rng.IntN(len(objectIDs))]}, nil); err != nil {
			return fmt.Errorf("declare conflict %d: %w", k+1, err)
		}
	}
	fmt.Printf("setup: 3 departments, %d inspectors each, %d conflicts (declared in %s)\n", o.pool, o.conflicts,
		time.Since(t0).Round(time.Millisecond))

	// The plan, through the workflow.
	var strata []map[string]any
	for _, l := range []string{"A", "B", "C", "D"} {
		strata = append(strata, map[string]any{"label": l, "ratioBp": o.ratio})
	}
	var created struct{ CreatePlan struct{ ID, UID string } }
	if err := gql(`mutation($in: PlanInput!) { createPlan(input: $in) { id uid } }`, map[string]any{"in": map[string]any{
		"kind": "ANNUAL", "name": fmt.Sprintf("%d年度抽取基准联合计划 %s", o.year, tag), "year": o.year, "initiatorId": deptIDs[0],
		"departments": deptInputs, "scope": map[string]any{"kinds": []string{"ENTERPRISE", "INDIVIDUAL_BUSINESS"}},
		"strata": strata, "windowStart": fmt.Sprintf("%d-01-01", o.year), "windowEnd": fmt.Sprintf("%d-12-31", o.year),
	}}, &created); err != nil {
		return fmt.Errorf("create plan: %w", err)
	}
	planID := created.CreatePlan.ID
	timed := func(what, query string, vars map[string]any, out any) (time.Duration, error) {
		vars["id"] = planID
		t := time.Now()
		err := gql(query, vars, out)
		d := time.Since(t)
		if err != nil {
			return d, fmt.Errorf("%s: %w", what, err)
		}
		fmt.Printf("%-10s %8.3f s\n", what, d.Seconds())
		return d, nil
	}
	for _, step := range []struct{ what, query string }{
		{"submit", `mutation($id: ID!) { submitPlan(id: $id) { status } }`},
		{"approve", `mutation($id: ID!) { reviewPlan(id: $id, approve: true, comment: "同意") { status } }`},
		{"publish", `mutation($id: ID!) { publishPlan(id: $id) { status } }`},
		{"simulate", `query($id: ID!) { simulatePlan(id: $id) { populationSize sampleSize staffing } }`},
		{"freeze", `mutation($id: ID!) { freezePlan(id: $id, entropySource: "体彩排列五 开奖号码（基准）") { populationSize } }`},
	} {
		if _, err := timed(step.what, step.query, map[string]any{}, nil); err != nil {
			return err
		}
	}

	q := db.PopulationQuery{Kinds: []string{"ENTERPRISE", "INDIVIDUAL_BUSINESS"}, Labels: []string{"A", "B", "C", "D"},
		ExcludeDrawnYear: o.year}
	floor := func() ([]time.Duration, int, error) {
		var ds []time.Duration
		n := 0
		for range o.floorRuns {
			t := time.Now()
			pop, err := db.Population(ctx, store, q)
			if err != nil {
				return nil, 0, err
			}
			ds, n = append(ds, time.Since(t)), len(pop)
		}
		return ds, n, nil
	}
	before, size, err := floor()
	if err != nil {
		return err
	}
	var drawn struct {
		DrawPlan struct {
			ID, Status                      string
			PopulationSize, SelectionsCount int
			EvidenceURL                     string `json:"evidenceUrl"`
		}
	}
	drawTime, err := timed("draw", `mutation($id: ID!) { drawPlan(id: $id, entropy: "7 1 4 0 9") {
		id status populationSize selectionsCount evidenceUrl } }`, map[string]any{}, &drawn)
	if err != nil {
		return err
	}
	after, _, err := floor()
	if err != nil {
		return err
	}
	all := append(before, after...)
	slices.Sort(all)
	med := all[len(all)/2]
	d := drawn.DrawPlan
	fmt.Printf("draw %s: %s, %d selected of %d (the floor query reads %d rows)\n", d.EvidenceURL, d.Status, d.SelectionsCount, d.PopulationSize, size)
	fmt.Printf("reading floor (population query alone, %d runs): min %.3f s, median %.3f s, max %.3f s\n",
		len(all), all[0].Seconds(), med.Seconds(), all[len(all)-1].Seconds())
	fmt.Printf("draw / floor (median): %.2f\n", drawTime.Seconds()/med.Seconds())
	// The rows alone, unsorted and unfiltered: what the floor's ORDER BY and
	// exclusion add.
	t := time.Now()
	n, err := scanAll(ctx, store)
	if err != nil {
		return err
	}
	fmt.Printf("bare read (SELECT risk_class, uid FROM objects, %d rows): %.3f s\n", n, time.Since(t).Seconds())

	for _, form := range []struct{ name, token string }{{"evidence-whole.json", token}, {"evidence-public.json", ""}} {
		n, err := download(ctx, srv.Base+d.EvidenceURL, form.token, filepath.Join(o.out, form.name))
		if err != nil {
			return err
		}
		fmt.Printf("saved %s (%.1f MB)\n", filepath.Join(o.out, form.name), float64(n)/(1<<20))
	}
	return nil
}

func scanAll(ctx context.Context, store *db.DB) (int, error) {
	rows, err := store.QueryContext(ctx, "SELECT risk_class, uid FROM objects")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var class, uid string
		if err := rows.Scan(&class, &uid); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// pages collects up to max ids of a connection, a page at a time.
func pages(gql func(string, map[string]any, any) error, query, field string, vars map[string]any, max int) ([]string, error) {
	var ids []string
	var after any
	for len(ids) < max {
		vars["after"] = after
		var out map[string]struct {
			Edges    []struct{ Node struct{ ID string } }
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
		if err := gql(query, vars, &out); err != nil {
			return nil, fmt.Errorf("list %s: %w", field, err)
		}
		c := out[field]
		for _, e := range c.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		after = c.PageInfo.EndCursor
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no %s", field)
	}
	return ids[:min(len(ids), max)], nil
}

func itemRows(codes []string) [][]string {
	rows := [][]string{{"部门", "事项编号", "事项名称", "抽查依据", "抽查主体", "对象类型", "抽查内容", "抽查方式", "事项类别"}}
	for _, c := range codes {
		rows = append(rows, []string{c, c + "-001", "经营主体登记事项检查", "《市场主体登记管理条例》第三十五条", "开发区管委会",
			"企业；个体工商户", "登记事项与实际是否一致", "实地核查", "重点"})
	}
	return rows
}

func inspectorRows(codes []string, tag string, pool int) [][]string {
	rows := [][]string{{"人员编号", "姓名", "所属部门", "人员类别", "执法证号", "执法证有效期", "状态"}}
	expires := time.Now().AddDate(3, 0, 0).Format(time.DateOnly)
	for _, c := range codes {
		for i := range pool {
			uid := fmt.Sprintf("%s-%04d", c, i+1)
			rows = append(rows, []string{uid, fmt.Sprintf("检查员%s%04d", tag, i+1), c, "执法人员", "ZF" + uid, expires, "在岗"})
		}
	}
	return rows
}

// importCSV writes rows to a CSV file and imports it with the CLI.
func importCSV(ctx context.Context, o options, work, kind string, rows [][]string) error {
	path := filepath.Join(work, kind+".csv")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return suiji(ctx, o, work, "import", kind, path)
}

func suiji(ctx context.Context, o options, work string, args ...string) error {
	cmd := exec.CommandContext(ctx, o.suiji, args...)
	cmd.Env = append(os.Environ(), "SUIJI_DATABASE_URL="+o.url, "SUIJI_DATA_DIR="+work, "SUIJI_DEMO_PASSWORD="+o.password)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("suiji %v: %w\n%s", args, err, out)
	}
	return nil
}

func download(ctx context.Context, url, token, path string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return 0, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, resp.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}
