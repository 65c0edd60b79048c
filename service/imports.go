package service

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/tabular"
)

const (
	// importBatch rows are compared and written at a time, a transaction
	// each on PostgreSQL: large enough that commits and index page rewrites
	// do not dominate, small enough to keep a batch's memory low.
	importBatch = 4000
	// sqliteGroupRows: on SQLite a transaction spans batches until it
	// holds this many rows (txGroup), about two seconds of the one write
	// lock on this machine's usual day and five on its slowest.
	sqliteGroupRows = 5 * importBatch
	maxStoredErrors = 10000
	// importStale: a running job without a heartbeat for this long belongs
	// to a runner that died (a crash, a restart); another runner resumes it.
	importStale = 2 * time.Minute
)

// RunImports claims and runs import jobs until ctx ends: the ones queued,
// and running ones whose runner stopped sending heartbeats, so a restart
// resumes them. Every replica may run one; a job goes to one runner.
func (s *Service) RunImports(ctx context.Context, runner string) {
	for {
		job, err := db.ClaimImportJob(ctx, s.db, runner, s.now(), s.now().Add(-importStale))
		if err != nil && ctx.Err() == nil {
			s.log.Error("claim import job", "err", err)
		}
		if job != nil {
			s.runImport(ctx, runner, job)
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-s.importWake:
		case <-time.After(2 * time.Second):
		}
	}
}

// runImportHere runs a job that StartImport claimed for runner to its end
// in the caller's goroutine.
func (s *Service) runImportHere(ctx context.Context, runner, jobID string) (*db.ImportJob, error) {
	job, err := db.GetImportJob(ctx, s.db, jobID)
	if err != nil {
		return nil, err
	}
	if job.Status != db.ImportRunning || job.ClaimedBy != runner {
		return nil, fmt.Errorf("import job %s is not this runner's", jobID)
	}
	s.runImport(ctx, runner, job)
	return db.GetImportJob(ctx, s.db, jobID)
}

// importRun is one run of one job.
type importRun struct {
	s      *Service
	job    *db.ImportJob
	runner string
	caller identity.Caller
	refs   *refs
	sink   importSink
	// mu guards progress, errs and rejected while batches are stored.
	mu       sync.Mutex
	progress db.ImportProgress
	errs     []db.ImportRowError
	rejected map[int]bool
	// group is the SQLite write transaction shared by batches, during a
	// pass that writes batch by batch.
	group *txGroup
}

// importSink is what differs between objects, inspectors and items.
type importSink interface {
	columns() []tabular.Column
	// parse validates one row alone.
	parse(m *tabular.Mapping, row tabular.Row) (key string, rec any, probs Problems)
	// store compares a batch with the store and, when write is set, writes
	// it; it returns problems of rows that cannot be stored (scope).
	store(ctx context.Context, tx bun.IDB, batch []parsedRow, write bool) (map[int]Problems, error)
}

type parsedRow struct {
	row     int
	key     string
	rec     any
	outcome string // created, updated, unchanged, set by store
}

func (s *Service) runImport(ctx context.Context, runner string, job *db.ImportJob) {
	run := &importRun{s: s, job: job, runner: runner, rejected: map[int]bool{}}
	run.caller = identity.Caller{UserID: "import:" + job.ID, Username: job.CreatedBy, Role: identity.Role(job.CreatedRole),
		RequestID: job.RequestID, ClientAddr: job.ClientAddr}
	if job.DepartmentID != nil {
		run.caller.DepartmentID = *job.DepartmentID
	}
	status, message := db.ImportSucceeded, ""
	if err := run.execute(identity.With(ctx, run.caller)); err != nil {
		if ctx.Err() != nil {
			return // shutting down: the job stays RUNNING and is resumed later
		}
		status, message = db.ImportFailed, importMessage(err)
		if !isUserError(err) {
			s.log.Error("import failed", "job", job.ID, "err", err)
		}
	} else {
		message = run.summary()
	}
	if err := run.finish(identity.With(ctx, run.caller), status, message); err != nil && ctx.Err() == nil {
		s.log.Error("finish import job", "job", job.ID, "err", err)
	}
}

func (r *importRun) execute(ctx context.Context) error {
	var err error
	if r.refs, err = loadRefs(ctx, r.s.db); err != nil {
		return err
	}
	switch r.job.Kind {
	case "OBJECTS":
		r.sink = &objectSink{s: r.s, refs: r.refs, caller: r.caller}
	case "INSPECTORS":
		r.sink = &inspectorSink{s: r.s, refs: r.refs, caller: r.caller}
	case "ITEMS":
		r.sink = &itemSink{s: r.s, refs: r.refs, caller: r.caller}
	default:
		return fmt.Errorf("unknown import kind %q", r.job.Kind)
	}
	path, err := r.spool(ctx)
	if err != nil {
		return err
	}
	defer os.Remove(path)

	// Validate every row first; a dry run ends here, and so does an
	// all-or-nothing run with a bad row. Otherwise write: all-or-nothing in
	// one transaction, the rest a batch per transaction.
	allAtOnce := r.job.AllOrNothing
	writeWhileReading := !r.job.DryRun && !allAtOnce
	if err := r.pass(ctx, path, writeWhileReading, nil); err != nil {
		return err
	}
	if r.job.DryRun || !allAtOnce || r.progress.Rejected > 0 {
		return nil
	}
	r.progress.Created, r.progress.Updated, r.progress.Unchanged = 0, 0, 0
	return r.s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return r.pass(ctx, path, true, tx)
	})
}

// spool copies the stored file to a temporary file: spreadsheets need
// random access, and the file is never held in memory whole.
func (r *importRun) spool(ctx context.Context) (string, error) {
	f, err := os.CreateTemp("", "suiji-import-*")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := io.Copy(f, db.ImportFile(ctx, r.s.db, r.job.ID)); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("read stored file: %w", err)
	}
	return f.Name(), nil
}

// pass reads the file once. With write set it stores the good rows, in tx
// when given (all-or-nothing), else a transaction per batch. Reading and
// checking the rows runs in its own goroutine, a batch ahead of storing, so
// that parsing the file and the store's work overlap. On PostgreSQL, with a
// transaction per batch, two batches are stored at once on two connections,
// so that the database's work takes both cores.
func (r *importRun) pass(ctx context.Context, path string, write bool, tx bun.IDB) error {
	rd, err := tabular.OpenFile(path)
	if err != nil {
		return userError{err}
	}
	defer rd.Close()
	head, err := rd.Next()
	if errors.Is(err, io.EOF) {
		return userError{tabular.ErrEmpty}
	}
	if err != nil {
		return userError{err}
	}
	mapping, err := tabular.Header(r.sink.columns(), head)
	if err != nil {
		return userError{err}
	}
	firstPass := tx == nil || !r.job.AllOrNothing
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan readChunk)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.read(ctx, rd, mapping, firstPass, chunks)
	}()
	defer func() { cancel(); <-done }() // the reader has stopped before rd closes

	stores := 1
	if tx == nil && write && r.s.db.Kind == db.Postgres {
		stores = 2
	}
	if tx == nil && write && r.s.db.Kind == db.SQLite {
		r.group = &txGroup{db: r.s.db, maxRows: sqliteGroupRows}
		defer func() { r.group.rollback(); r.group = nil }() // after a failure; a no-op once committed
	}
	var (
		wg       sync.WaitGroup
		slots    = make(chan struct{}, stores)
		errOnce  sync.Once
		storeErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { storeErr = err })
		cancel()
	}
	processed := 0
	r.progress.ProcessedRows = 0 // each pass counts the rows it has read and stored
	for c := range chunks {
		if c.err != nil {
			fail(c.err)
			break
		}
		r.mu.Lock()
		for _, rj := range c.rejects {
			r.reject(rj.row, rj.column, rj.code, rj.message)
		}
		processed += c.processed
		if firstPass {
			r.progress.TotalRows = processed
		}
		if len(c.batch) == 0 {
			r.progress.ProcessedRows += c.processed
		}
		r.mu.Unlock()
		if len(c.batch) == 0 {
			continue
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := r.storeBatch(ctx, c.batch, write, tx, firstPass); err != nil {
				fail(err)
				return
			}
			r.mu.Lock()
			defer r.mu.Unlock()
			r.progress.ProcessedRows += c.processed
			if tx == nil { // inside the all-or-nothing transaction, others could not see it anyway
				if err := r.heartbeat(ctx); err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
	if storeErr == nil && ctx.Err() == nil && r.group != nil {
		if err := r.group.commit(); err != nil {
			storeErr = err
		}
	}
	if storeErr != nil {
		return storeErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r.progress.ProcessedRows = processed
	return nil
}

// readChunk is a batch of checked rows, the rows rejected while reading
// them, and how many rows were read; or the error that ends the file.
type readChunk struct {
	batch     []parsedRow
	rejects   []readReject
	processed int
	err       error
}

type readReject struct {
	row                   int
	column, code, message string
}

// read parses and checks the rows of rd (duplicates within the file too)
// and sends them in batches of importBatch rows; it closes out when the
// file ends, fails or ctx is done. It touches nothing the storing side
// changes: the rows rejected in the first pass are copied at the start.
func (r *importRun) read(ctx context.Context, rd tabular.Reader, mapping *tabular.Mapping, firstPass bool, out chan<- readChunk) {
	defer close(out)
	rejectedBefore := maps.Clone(r.rejected)
	seen := map[string]int{}
	var c readChunk
	send := func() bool {
		select {
		case out <- c:
			c = readChunk{}
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var te *tabular.Error
			if errors.As(err, &te) && te.Row > 0 && firstPass {
				c.rejects = append(c.rejects, readReject{te.Row, "", "unreadable", te.Message})
				c.processed++
				continue
			}
			c.batch, c.err = nil, userError{err}
			send()
			return
		}
		c.processed++
		if rejectedBefore[row.Number] {
			continue // all-or-nothing second pass: cannot happen, kept for safety
		}
		key, rec, probs := r.sink.parse(mapping, row)
		if firstPass {
			if first, dup := seen[key]; dup && key != "" {
				probs.add(keyColumn(r.job.Kind), "duplicate_in_file", "与第%d行重复 (duplicates row %d)", first, first)
			} else if key != "" {
				seen[key] = row.Number
			}
			if len(probs) > 0 {
				for _, p := range probs {
					c.rejects = append(c.rejects, readReject{row.Number, columnName(mapping, r.sink.columns(), p.Field), p.Code, p.Message})
				}
				continue
			}
		} else if len(probs) > 0 {
			continue
		}
		c.batch = append(c.batch, parsedRow{row: row.Number, key: key, rec: rec})
		if len(c.batch) >= importBatch && !send() {
			return
		}
	}
	if len(c.batch) > 0 || len(c.rejects) > 0 || c.processed > 0 {
		send()
	}
}

func (r *importRun) storeBatch(ctx context.Context, batch []parsedRow, write bool, tx bun.IDB, firstPass bool) error {
	var probs map[int]Problems
	store := func(ctx context.Context, idb bun.IDB) error {
		var err error
		if probs, err = r.sink.store(ctx, idb, batch, write); err != nil {
			return err
		}
		if firstPass {
			r.mu.Lock()
			defer r.mu.Unlock()
			for _, p := range batch {
				for _, pr := range probs[p.row] {
					r.reject(p.row, pr.Field, pr.Code, pr.Message)
				}
			}
		}
		return nil
	}
	// The rows count as created, updated or unchanged once their
	// transaction has committed.
	count := func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, p := range batch {
			if _, bad := probs[p.row]; bad {
				continue
			}
			switch p.outcome {
			case "created":
				r.progress.Created++
			case "updated":
				r.progress.Updated++
			default:
				r.progress.Unchanged++
			}
		}
	}
	var err error
	switch {
	case tx != nil:
		err = store(ctx, tx)
	case write && r.group != nil:
		return r.group.add(ctx, len(batch), store, count)
	case write:
		err = r.s.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return store(ctx, tx) })
	default:
		err = store(ctx, r.s.db)
	}
	if err != nil {
		return err
	}
	count()
	return nil
}

func (r *importRun) reject(row int, column, code, message string) {
	if !r.rejected[row] {
		r.rejected[row] = true
		r.progress.Rejected++
	}
	if len(r.errs) < maxStoredErrors {
		r.errs = append(r.errs, db.ImportRowError{JobID: r.job.ID, Seq: len(r.errs) + 1, RowNo: row, Col: column,
			Code: code, Message: message})
	}
}

// heartbeat records the progress, inside the open SQLite group when there
// is one (the one writer is its own; the record shows at its commit).
func (r *importRun) heartbeat(ctx context.Context) error {
	var idb bun.IDB = r.s.db
	if r.group != nil && r.group.tx != nil {
		idb = *r.group.tx
	}
	ok, err := db.UpdateImportProgress(ctx, idb, r.job.ID, r.runner, r.progress, r.s.now())
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("import job was taken over by another runner")
	}
	return nil
}

// finish stores the rejected rows and the outcome, with one audit entry
// holding the counts, in one transaction.
func (r *importRun) finish(ctx context.Context, status, message string) error {
	// Batches stored at once report their rows out of order: by row again.
	slices.SortStableFunc(r.errs, func(a, b db.ImportRowError) int { return cmp.Compare(a.RowNo, b.RowNo) })
	for i := range r.errs {
		r.errs[i].Seq = i + 1
	}
	return r.s.mutate(ctx, "import.finish", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := db.ReplaceImportErrors(ctx, tx, r.job.ID, r.errs); err != nil {
			return Change{}, err
		}
		if err := db.FinishImportJob(ctx, tx, r.job.ID, status, message, r.progress, r.s.now()); err != nil {
			return Change{}, err
		}
		if err := db.DeleteImportFile(ctx, tx, r.job.ID); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "ImportJob", TargetID: r.job.ID, After: map[string]any{
			"kind": r.job.Kind, "status": status, "dryRun": r.job.DryRun, "allOrNothing": r.job.AllOrNothing,
			"rows": r.progress.ProcessedRows, "created": r.progress.Created, "updated": r.progress.Updated,
			"unchanged": r.progress.Unchanged, "rejected": r.progress.Rejected}}, nil
	})
}

func (r *importRun) summary() string {
	p := r.progress
	verb := "已导入"
	switch {
	case r.job.DryRun:
		verb = "试导入（未写入）"
	case r.job.AllOrNothing && p.Rejected > 0:
		verb = "有错误行，全部未写入"
		p.Created, p.Updated, p.Unchanged = 0, 0, 0
	}
	return fmt.Sprintf("%s：新增%d，更新%d，未变%d，拒绝%d (created %d, updated %d, unchanged %d, rejected %d)",
		verb, p.Created, p.Updated, p.Unchanged, p.Rejected, p.Created, p.Updated, p.Unchanged, p.Rejected)
}

// userError marks a failure caused by the file, shown to its owner as is.
type userError struct{ err error }

func (e userError) Error() string { return e.err.Error() }
func (e userError) Unwrap() error { return e.err }

func isUserError(err error) bool {
	var ue userError
	return errors.As(err, &ue)
}

func importMessage(err error) string {
	var te *tabular.Error
	if errors.As(err, &te) {
		return te.Message
	}
	if isUserError(err) {
		return err.Error()
	}
	return "导入失败：服务器内部错误 (import failed: internal error)"
}

func keyColumn(kind string) string {
	if kind == "ITEMS" {
		return "code"
	}
	return "uid"
}

// columnName names a problem's column for people: its canonical header and,
// when the file has it, its letter, e.g. 名称(C).
func columnName(m *tabular.Mapping, cols []tabular.Column, field string) string {
	key := fieldColumn[field]
	if key == "" {
		key = field
	}
	name := field
	for _, c := range cols {
		if c.Key == key {
			name = c.Names[0]
		}
	}
	if letter := m.Column(key); letter != "" {
		return name + "(" + letter + ")"
	}
	return name
}

// fieldColumn maps API field names to import column keys where they differ.
var fieldColumn = map[string]string{
	"tagIds": "tags", "supervisingDepartmentIds": "departments", "departmentId": "department",
	"qualificationIds": "qualifications", "expertiseIds": "expertise", "ratioCapBp": "ratioCap",
}

// ImportFile imports a file from disk and runs the job to its end here (the
// shell's import command and the demo seeder).
func (s *Service) ImportFile(ctx context.Context, req ImportRequest, path string) (*db.ImportJob, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	req.File, req.Size = f, st.Size()
	if req.FileName == "" {
		req.FileName = path
	}
	host, _ := os.Hostname()
	req.Runner = fmt.Sprintf("local:%s:%d:%s", host, os.Getpid(), uuid.Must(uuid.NewV7()))
	job, err := s.StartImport(ctx, req)
	if err != nil {
		return nil, err
	}
	return s.runImportHere(ctx, req.Runner, job.ID)
}

// txGroup is one SQLite write transaction shared by consecutive batches.
// Every batch of a large import changes pages all over the same indexes
// (uids and name bigrams are in no order), and each commit writes every
// page it changed to the WAL and, at the checkpoint, to the database again:
// a commit per five batches wrote about half as much and took a tenth less
// time (docs/benchmarks.md). It commits once it holds maxRows rows, so
// other writers wait for the write lock a few seconds at most. Batches use
// it one at a time (SQLite stores one batch at a time).
type txGroup struct {
	db      *db.DB
	maxRows int
	tx      *bun.Tx
	ctx     context.Context // of the open transaction (db.Begin)
	rows    int
	// committed runs for each batch of the transaction once it commits.
	committed []func()
}

// add stores a batch of n rows in the open transaction (beginning one when
// none is open), commits when the transaction is full, and runs committed
// once the batch has been committed.
func (g *txGroup) add(ctx context.Context, n int, store func(context.Context, bun.IDB) error, committed func()) error {
	if g.tx == nil {
		txCtx, tx, err := g.db.Begin(ctx)
		if err != nil {
			return fmt.Errorf("begin import transaction: %w", err)
		}
		g.ctx, g.tx, g.rows = txCtx, &tx, 0
	}
	if err := store(g.ctx, *g.tx); err != nil {
		g.rollback()
		return err
	}
	g.committed = append(g.committed, committed)
	if g.rows += n; g.rows >= g.maxRows {
		return g.commit()
	}
	return nil
}

func (g *txGroup) commit() error {
	if g.tx == nil {
		return nil
	}
	tx, done := g.tx, g.committed
	g.tx, g.committed = nil, nil
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit import transaction: %w", err)
	}
	for _, f := range done {
		f()
	}
	return nil
}

func (g *txGroup) rollback() {
	if g.tx != nil {
		_ = g.tx.Rollback()
		g.tx, g.committed = nil, nil
	}
}
