package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/demo"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
)

// TestImportCommand: rows numbered as the spreadsheet numbers them, one
// line per rejected row, a summary, and the exit codes.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SUIJI_DATA_DIR": dir, "SUIJI_DEMO_PASSWORD": testPassword}
	if code, out := runCmd(t, env, "seed", "--demo", "--objects", "10"); code != 0 {
		t.Fatalf("seed: %d %s", code, out)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	good := newUSCC(t, rng, '1')
	file := filepath.Join(dir, "objects.csv")
	content := "统一社会信用代码,名称,信用风险分类\n" + good + ",郑州嘉禾科技有限公司,B\n\n" + good[:17] + nextChar(good[17]) + ",抄错的,A\n,没有代码,A\n"
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runCmd(t, env, "import", "objects", "--dry-run", file)
	if code != 1 || !strings.Contains(out, "created 1, updated 0, unchanged 0, rejected 2 (dry run: nothing written)") {
		t.Errorf("dry run: exit %d\n%s", code, out)
	}
	code, out = runCmd(t, env, "import", "objects", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != 3 || !strings.HasPrefix(lines[0], "row 4: 统一社会信用代码(A): uscc_check ") ||
		!strings.HasPrefix(lines[1], "row 5: 统一社会信用代码(A): required ") || lines[2] != "created 1, updated 0, unchanged 0, rejected 2" {
		t.Errorf("import: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(file, []byte(content[:strings.Index(content, "\n\n")+1]), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := runCmd(t, env, "import", "objects", file); code != 0 || strings.TrimSpace(out) != "created 0, updated 0, unchanged 1, rejected 0" {
		t.Errorf("the good row again: exit %d %q", code, out)
	}
	for _, tc := range []struct{ name, content string }{
		{"missing file", ""},
		{"binary file", "\x00\x01\x02garbage\x00"},
		{"header missing a required column", "名称\n某公司\n"},
	} {
		path := filepath.Join(dir, "bad.csv")
		if tc.content != "" {
			_ = os.WriteFile(path, []byte(tc.content), 0o600)
		} else {
			path = filepath.Join(dir, "missing.csv")
		}
		if code, out := runCmd(t, env, "import", "objects", path); code != 2 || strings.Contains(out, "goroutine") {
			t.Errorf("%s: exit %d %q, want 2", tc.name, code, out)
		}
	}
	if code, out := runCmd(t, env, "import", "template", "inspectors"); code != 0 || !strings.HasPrefix(out, "人员编号*,姓名*,所属部门*") {
		t.Errorf("template: %d %q", code, out)
	}
}

// TestImportResumesAfterRestart: a job whose runner died (no heartbeat) is
// taken over by another runner and finished; nothing is lost.
func TestImportResumesAfterRestart(t *testing.T) {
	s := startServer(t, db.SQLite)
	ctx := identity.With(context.Background(), identity.System())
	if err := demo.SeedLibraries(ctx, s.app.svc, demo.LibraryOptions{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	csv := "统一社会信用代码,名称\n" + newUSCC(t, rng, '1') + ",郑州一号公司\n" + newUSCC(t, rng, '1') + ",郑州二号公司\n"
	// A job claimed by a runner that then died: its heartbeat is old.
	job, err := s.app.svc.StartImport(ctx, service.ImportRequest{Kind: "OBJECTS", FileName: "x.csv", Size: int64(len(csv)),
		File: strings.NewReader(csv), Runner: "dead-runner"})
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if _, err := s.app.store.NewUpdate().Model((*db.ImportJob)(nil)).Set("heartbeat_at = ?", old).
		Where("id = ?", job.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		j, err := db.GetImportJob(context.Background(), s.app.store, job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if j.Status == db.ImportSucceeded {
			if j.CreatedCount != 2 || j.Attempts != 2 || j.ClaimedBy == "dead-runner" {
				t.Errorf("resumed job: %+v", j)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the abandoned job was not resumed: %s claimed by %s", j.Status, j.ClaimedBy)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestImportAcrossBatches: a file of several batches (the file is read a
// batch ahead of storing): rows rejected while reading and rows rejected
// as duplicates of rows in an earlier batch are reported in row order with
// their spreadsheet numbers, every other row is stored, and all-or-nothing
// stores none.
func TestImportAcrossBatches(t *testing.T) {
	for _, kind := range dbtest.Stores() {
		t.Run(string(kind), func(t *testing.T) { importAcrossBatches(t, kind) })
	}
}

// importAcrossBatches: on PostgreSQL the batches are also stored two at a
// time, with COPY.
func importAcrossBatches(t *testing.T, kind db.Kind) {
	cfg := dbtest.Config(t, kind)
	dir := cfg.DataDir
	env := map[string]string{"SUIJI_DATA_DIR": dir, "SUIJI_DATABASE_URL": cfg.URL, "SUIJI_DEMO_PASSWORD": testPassword}
	if code, out := runCmd(t, env, "seed", "--demo", "--objects", "1"); code != 0 {
		t.Fatalf("seed: %d %s", code, out)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	const rows = 20500 // six batches; on SQLite two transactions (service.txGroup)
	const stored = rows - 2
	var b strings.Builder
	b.WriteString("统一社会信用代码,名称,信用风险分类,分类标注,监管部门\n")
	var first string
	for i := 2; i <= rows+1; i++ { // spreadsheet row numbers
		uid := newUSCC(t, rng, '1')
		switch i {
		case 2:
			first = uid
		case 5001:
			uid = "" // required
		case 9001:
			uid = first // duplicates row 2, two batches earlier
		}
		b.WriteString(uid + ",郑州批次" + strconv.Itoa(i) + "商贸有限公司,C,食品经营,市场监管局、消防大队\n")
	}
	file := filepath.Join(dir, "many.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runCmd(t, env, "import", "objects", "--all-or-nothing", file)
	if code != 1 || !strings.Contains(out, "rejected 2 (all or nothing: nothing written)") {
		t.Errorf("all-or-nothing: exit %d\n%s", code, out)
	}
	code, out = runCmd(t, env, "import", "objects", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != 3 || !strings.HasPrefix(lines[0], "row 5001: ") ||
		!strings.HasPrefix(lines[1], "row 9001: ") || !strings.Contains(lines[1], "duplicate_in_file") ||
		lines[2] != fmt.Sprintf("created %d, updated 0, unchanged 0, rejected 2", stored) {
		t.Errorf("import: exit %d\n%s", code, out)
	}
	// Every stored row has its links, postings and first history entry.
	store, err := db.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	count := func(q string) int {
		var n int
		if err := store.NewRaw(q).Scan(context.Background(), &n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for q, want := range map[string]int{
		"SELECT count(*) FROM objects WHERE name LIKE '郑州批次%'":                                                           stored,
		"SELECT count(*) FROM object_departments AS d JOIN objects AS o ON o.id = d.object_id WHERE o.name LIKE '郑州批次%'": 2 * stored,
		"SELECT count(*) FROM object_tags AS g JOIN objects AS o ON o.id = g.object_id WHERE o.name LIKE '郑州批次%'":        stored,
		"SELECT count(*) FROM object_versions AS v JOIN objects AS o ON o.id = v.object_id WHERE o.name LIKE '郑州批次%'":    stored,
	} {
		if got := count(q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	postings := func(gram string) int {
		t.Helper()
		uids, err := db.PostingUIDs(context.Background(), store, gram)
		if err != nil {
			t.Fatal(err)
		}
		return len(uids)
	}
	if n := postings("批次"); n != stored {
		t.Errorf("%d objects with postings for 批次, want %d", n, stored)
	}
	code, out = runCmd(t, env, "import", "objects", file)
	if code != 1 || !strings.HasSuffix(strings.TrimSpace(out), fmt.Sprintf("created 0, updated 0, unchanged %d, rejected 2", stored)) {
		t.Errorf("importing again: exit %d\n%s", code, out)
	}
	// A third import renames every object and changes its links: the old
	// links and postings go with the old values.
	renamed := strings.NewReplacer("郑州批次", "开封批次", ",C,食品经营,市场监管局、消防大队", ",B,,市场监管局").Replace(b.String())
	if err := os.WriteFile(file, []byte(renamed), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out = runCmd(t, env, "import", "objects", file)
	if code != 1 || !strings.HasSuffix(strings.TrimSpace(out), fmt.Sprintf("created 0, updated %d, unchanged 0, rejected 2", stored)) {
		t.Errorf("importing changes: exit %d\n%s", code, out)
	}
	for q, want := range map[string]int{
		"SELECT count(*) FROM object_departments AS d JOIN objects AS o ON o.id = d.object_id WHERE o.name LIKE '开封批次%'": stored,
		"SELECT count(*) FROM object_tags AS g JOIN objects AS o ON o.id = g.object_id WHERE o.name LIKE '开封批次%'":        0,
		"SELECT count(*) FROM object_versions AS v JOIN objects AS o ON o.id = v.object_id WHERE o.name LIKE '开封批次%'":    2 * stored,
	} {
		if got := count(q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	if n, m := postings("州批"), postings("封批"); n != 0 || m != stored {
		t.Errorf("postings after the rename: 州批 %d, 封批 %d, want 0 and %d", n, m, stored)
	}
	checkObjectLinks(t, store)
}

// checkObjectLinks fails the test when a row hanging off an object lacks
// its object, tag or department: the store no longer checks it with
// foreign keys (migration 0008), the db package's writes must.
func checkObjectLinks(t *testing.T, store *db.DB) {
	t.Helper()
	for _, q := range []string{
		"SELECT count(*) FROM object_tags AS l WHERE NOT EXISTS (SELECT 1 FROM objects AS o WHERE o.id = l.object_id)",
		"SELECT count(*) FROM object_tags AS l WHERE NOT EXISTS (SELECT 1 FROM tags AS x WHERE x.id = l.tag_id)",
		"SELECT count(*) FROM object_departments AS l WHERE NOT EXISTS (SELECT 1 FROM objects AS o WHERE o.id = l.object_id)",
		"SELECT count(*) FROM object_departments AS l WHERE NOT EXISTS (SELECT 1 FROM departments AS x WHERE x.id = l.department_id)",
		"SELECT count(*) FROM object_versions AS l WHERE NOT EXISTS (SELECT 1 FROM objects AS o WHERE o.id = l.object_id)",
	} {
		var n int
		if err := store.NewRaw(q).Scan(context.Background(), &n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != 0 {
			t.Errorf("%d rows without their owner: %s", n, q)
		}
	}
	if n, err := db.OrphanPostings(context.Background(), store); err != nil || n != 0 {
		t.Errorf("%d search postings without their object (%v)", n, err)
	}
}
