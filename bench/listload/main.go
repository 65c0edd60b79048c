// Command listload measures the object list with two filters and a text
// search under constant-rate load (vegeta, open model) against a running
// `suiji serve` on PostgreSQL, per class of search term.
//
// Without -url it starts a throwaway PostgreSQL, migrates and seeds a
// database (suiji seed --demo) and bulk-loads -objects objects with COPY
// (bench/internal/bulk); with -url it uses that database as it is (loaded
// before with bench/objectload). It runs ANALYZE, starts -suiji serve on a
// free loopback port, signs in as admin, and for each class of terms sends
// -rate requests per second for -duration through at most -clients
// connections. It prints latency percentiles, throughput, errors and SQL
// statements per request (from suiji_db_queries_total), and with -explain
// the EXPLAIN (ANALYZE, BUFFERS) of the SQL that db.ListObjects generates
// for one term of each class. Everything it started is stopped at the end.
//
//	go run ./bench/listload -url postgres://postgres@127.0.0.1:55432/list?sslmode=disable -password bench-pass-1
//	go run ./bench/listload -objects 1000000          # self-contained, ~10 minutes of loading first
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	vegeta "github.com/tsenart/vegeta/v12/lib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/suiji-dev/suiji/bench/internal/bulk"
	"github.com/suiji-dev/suiji/bench/internal/pgtmp"
	"github.com/suiji-dev/suiji/bench/internal/suijiserve"
	"github.com/suiji-dev/suiji/db"

	"github.com/jackc/pgx/v5"
)

// class is a kind of search term.
type class struct {
	name  string
	terms []string
}

// The terms exist in generated names (bench/internal/objgen), except the
// no-match ones. Rare two-character fragments straddle two brand words
// (鑫源|宏达 → 源宏), which only compound brands have: about 1 object in
// 5,000 (~0.02%).
var classes = []class{
	{"2-char common", []string{"有限", "郑州", "食品", "公司", "超市", "鑫源", "商贸", "中原"}},
	{"2-char rare", []string{"源宏", "达瑞", "诺恒", "泰博", "远嘉", "丰金", "通华", "道天"}},
	{"long (4-6)", []string{"鑫源食品", "宏达商贸有限", "郑州嘉禾", "嘉禾烩面馆", "河南黄河化工", "华泰电子商务"}},
	{"no match", []string{"青岛啤酒", "深圳", "腾讯科技", "茅台"}},
}

const listQuery = `query List($s: String!) { objects(first: 50, filter: {riskClasses: [C], regionCode: "410171", search: $s}) ` +
	`{ edges { node { uid name riskClass tags { name } supervisingDepartments { name } } } } }`

type options struct {
	url, suiji, password, only string
	objects, clients           int
	rate                       int
	duration, warmup           time.Duration
	explain, counts            bool
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "a loaded PostgreSQL database (empty: start a throwaway server and load -objects)")
	flag.StringVar(&o.suiji, "suiji", "/tmp/suiji", "the suiji binary (go build -o /tmp/suiji ./server)")
	flag.StringVar(&o.password, "password", "bench-pass-1", "admin's password (SUIJI_DEMO_PASSWORD at seeding)")
	flag.IntVar(&o.objects, "objects", 1000000, "objects to load into a throwaway database (without -url)")
	flag.IntVar(&o.clients, "clients", 16, "concurrent clients (connections, vegeta workers)")
	flag.IntVar(&o.rate, "rate", 100, "requests per second, constant, per class")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "measured load per class")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "unmeasured load per class before it")
	flag.BoolVar(&o.explain, "explain", false, "print EXPLAIN (ANALYZE, BUFFERS) of the generated SQL for the first term of each class")
	flag.BoolVar(&o.counts, "counts", true, "print how many objects each term matches with the two filters")
	flag.StringVar(&o.only, "only", "", "run only the classes whose name contains this")
	flag.Parse()
	if o.duration > 5*time.Minute || o.rate > 2000 || o.clients > 256 {
		fmt.Fprintln(os.Stderr, "listload: bounded to 5m per class, 2000 req/s, 256 clients")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Minute)
	defer cancel()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "listload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	work, err := os.MkdirTemp("", "suiji-listload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if o.url == "" {
		srv, err := pgtmp.Start()
		if err != nil {
			return err
		}
		defer srv.Stop()
		if o.url, err = pgtmp.CreateDatabase(ctx, srv.URL, "listload"); err != nil {
			return err
		}
		seed := exec.CommandContext(ctx, o.suiji, "seed", "--demo", "--objects", "1")
		seed.Env = append(os.Environ(), "SUIJI_DATABASE_URL="+o.url, "SUIJI_DATA_DIR="+work, "SUIJI_DEMO_PASSWORD="+o.password)
		if out, err := seed.CombinedOutput(); err != nil {
			return fmt.Errorf("seed: %w\n%s", err, out)
		}
		st, err := bulk.Load(ctx, o.url, o.objects, 20000, 11, os.Stderr)
		if err != nil {
			return err
		}
		fmt.Printf("loaded %d objects (%d grams) with COPY in %s\n", st.Objects, st.Grams, st.Elapsed.Round(time.Second))
	}
	t := time.Now()
	if err := bulk.Analyze(ctx, o.url); err != nil {
		return err
	}
	fmt.Printf("VACUUM (ANALYZE): %s\n", time.Since(t).Round(time.Millisecond))
	if err := describe(ctx, o); err != nil {
		return err
	}

	srv, err := suijiserve.Start(ctx, o.suiji, o.url, work)
	if err != nil {
		return err
	}
	defer srv.Stop()
	base := srv.Base

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "class\trate/s\tclients\trequests\tthroughput/s\terrors\tp50 ms\tp90 ms\tp99 ms\tmax ms\tSQL/request\t\n")
	for _, c := range classes {
		if o.only != "" && !strings.Contains(c.name, o.only) {
			continue
		}
		token, err := suijiserve.Login(ctx, base, "admin", o.password) // tokens live 15 minutes: one per class
		if err != nil {
			return err
		}
		targets := make([]vegeta.Target, len(c.terms))
		for i, term := range c.terms {
			body, _ := json.Marshal(map[string]any{"query": listQuery, "variables": map[string]string{"s": term}})
			targets[i] = vegeta.Target{Method: "POST", URL: base + "/graphql", Body: body,
				Header: http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + token}}}
		}
		if o.warmup > 0 {
			attack(ctx, o, targets, o.warmup)
		}
		q0, err := dbQueries(base)
		if err != nil {
			return err
		}
		m, bad := attack(ctx, o, targets, o.duration)
		q1, err := dbQueries(base)
		if err != nil {
			return err
		}
		ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) }
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%d\t%s\t%s\t%s\t%s\t%.2f\t\n", c.name, o.rate, o.clients, m.Requests, m.Throughput,
			bad, ms(m.Latencies.P50), ms(m.Latencies.P90), ms(m.Latencies.P99), ms(m.Latencies.Max),
			(q1-q0)/float64(m.Requests))
		if ctx.Err() != nil {
			break
		}
	}
	tw.Flush()
	return ctx.Err()
}

// attack runs the targets round-robin at a constant rate; it returns the
// metrics and the count of failed requests (not 200, or GraphQL errors).
func attack(ctx context.Context, o options, targets []vegeta.Target, d time.Duration) (*vegeta.Metrics, int) {
	atk := vegeta.NewAttacker(vegeta.Workers(uint64(o.clients)), vegeta.MaxWorkers(uint64(o.clients)),
		vegeta.Connections(o.clients), vegeta.MaxConnections(o.clients), vegeta.KeepAlive(true), vegeta.Timeout(10*time.Second),
		vegeta.LocalAddr(net.IPAddr{IP: net.IPv4(127, 0, 0, 1)}))
	var m vegeta.Metrics
	bad := 0
	res := atk.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: o.rate, Per: time.Second}, d, "list")
	for r := range res {
		if ctx.Err() != nil {
			atk.Stop()
		}
		if r.Code != 200 || bytes.Contains(r.Body, []byte(`"errors"`)) || r.Error != "" {
			if bad == 0 {
				fmt.Fprintf(os.Stderr, "first failed request: code %d %s %.300s\n", r.Code, r.Error, r.Body)
			}
			bad++
		}
		m.Add(r)
	}
	m.Close()
	return &m, bad
}

// dbQueries reads suiji_db_queries_total from /metrics.
func dbQueries(base string) (float64, error) {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "suiji_db_queries_total" {
			return strconv.ParseFloat(f[1], 64)
		}
	}
	return 0, errors.New("no suiji_db_queries_total in /metrics")
}

// describe prints how many objects each term matches under the two filters
// and, with -explain, the plan of the generated SQL.
func describe(ctx context.Context, o options) error {
	if !o.counts && !o.explain {
		return nil
	}
	pcfg, err := pgx.ParseConfig(o.url)
	if err != nil {
		return err
	}
	sqldb := stdlib.OpenDB(*pcfg)
	bdb := bun.NewDB(sqldb, pgdialect.New())
	defer bdb.Close()
	var total int
	if err := bdb.NewSelect().TableExpr("objects").ColumnExpr("count(*)").Scan(ctx, &total); err != nil {
		return err
	}
	fmt.Printf("objects: %d\n", total)
	for _, c := range classes {
		if o.only != "" && !strings.Contains(c.name, o.only) {
			continue
		}
		for i, term := range c.terms {
			f := db.ObjectFilter{RiskClasses: []string{"C"}, RegionCode: "410171", Search: term}
			if o.counts {
				all, err := db.CountObjects(ctx, bdb, db.ObjectFilter{Search: term})
				if err != nil {
					return err
				}
				n, err := db.CountObjects(ctx, bdb, f)
				if err != nil {
					return err
				}
				fmt.Printf("  %-14s %-8s name matches %7d, with the filters %6d\n", c.name, term, all, n)
			}
			if o.explain && i == 0 {
				h := &captureHook{}
				bdb.AddQueryHook(h)
				if _, _, err := db.ListObjects(ctx, bdb, f, 50, ""); err != nil {
					return err
				}
				bdb.ResetQueryHooks()
				rows, err := bdb.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+h.last)
				if err != nil {
					return err
				}
				fmt.Printf("\n-- %s %q\n%s\n", c.name, term, h.last)
				for rows.Next() {
					var line string
					if err := rows.Scan(&line); err != nil {
						return err
					}
					fmt.Println(line)
				}
				rows.Close()
				fmt.Println()
			}
		}
	}
	return nil
}

type captureHook struct{ last string }

func (h *captureHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	h.last = e.Query
	return ctx
}
func (h *captureHook) AfterQuery(context.Context, *bun.QueryEvent) {}
